"""`pbgraph import` and `pbgraph template` through the command line."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from click.testing import CliRunner
from openpyxl import Workbook

from pbgraph.cli import main
from tests.test_office import DATA, namesake_workbook, office_workbook

SAMPLE_OFFICE = DATA / "sample-office.xlsx"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_import_then_validate_is_clean_and_analyses_agree(tmp_path: Path) -> None:
    out = tmp_path / "数据集"
    code, stdout, stderr = run("import", str(SAMPLE_OFFICE), "-o", str(out))
    assert code == 0, stderr
    assert stdout == "" and "250 名委员" in stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [
            "activities.csv",
            "contacts.csv",
            "liaisons.csv",
            "members.csv",
            "memberships.csv",
            "organizations.csv",
            "sectors.csv",
            "townships.csv",
            "导入报告.html",
            "导入报告.json",
            "导入报告.md",
        ]
    )
    code, stdout, _ = run("validate", str(out), "--format", "json")
    assert code == 0
    # the sample's one documented warning, nothing else
    assert [p["code"] for p in json.loads(stdout)] == ["member_liaison_source_not_cpc"]
    # the imported dataset keeps the ids assigned when reading the workbook: the analyses are the same rows
    _, imported, _ = run("analyze", "all", str(out), "--format", "json")
    _, direct, _ = run("analyze", "all", str(SAMPLE_OFFICE), "--format", "json")
    assert json.loads(imported) == json.loads(direct)
    report = json.loads((out / "导入报告.json").read_text(encoding="utf-8"))
    assert [s["header_row"] for s in report["sheets"]][:2] == [3, 2]
    assert report["tables"]["members"] == {"rows": 250, "from": "sheet", "ids": "assigned"}


def test_import_refuses_a_non_empty_folder_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    code, _, stderr = run("import", str(SAMPLE_OFFICE), "-o", str(out))
    assert code == 1 and "--force" in stderr
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    code, _, _ = run("import", str(SAMPLE_OFFICE), "-o", str(out), "--force", "--lang", "en")
    assert code == 0
    names = sorted(p.name for p in out.iterdir())
    assert "keep.txt" not in names and "import-report.md" in names
    # nothing is left beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_import_to_a_file_says_so_in_the_language_asked(tmp_path: Path) -> None:
    out = tmp_path / "c.xlsx"
    out.write_bytes(b"mine")
    for lang, words in (("zh", "不是文件夹"), ("en", "is not a folder")):
        code, _, stderr = run("import", str(SAMPLE_OFFICE), "-o", str(out), "--lang", lang)
        assert code == 1 and words in stderr and "Directory" not in stderr
    assert out.read_bytes() == b"mine"


def test_import_with_errors_writes_nothing(tmp_path: Path) -> None:
    source = namesake_workbook(tmp_path / "名单.xlsx", ["李明", "张伟"])
    out = tmp_path / "out"
    code, _, stderr = run("import", str(source), "-o", str(out))
    assert code == 2
    assert "张伟（教育界）" in stderr and "未写入任何文件" in stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["名单.xlsx"]


def test_import_map_option(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["人员", "面貌"])
    sheet.append(["甲一", "中共党员"])
    source = tmp_path / "名单.xlsx"
    workbook.save(source)
    code, _, stderr = run(
        "import", str(source), "-o", str(tmp_path / "out"), "--map", "人员=name", "--map", "面貌=party"
    )
    assert code == 0, stderr
    assert "甲一" in (tmp_path / "out" / "members.csv").read_text(encoding="utf-8-sig")
    code, _, stderr = run("import", str(source), "-o", str(tmp_path / "o2"), "--map", "人员")
    assert code == 2 and "人员" in stderr


def test_private_columns_reach_no_output(tmp_path: Path) -> None:
    source = office_workbook(tmp_path / "名单.xlsx")
    out = tmp_path / "out"
    code, _, stderr = run("import", str(source), "-o", str(out))
    assert code == 0 and "手机号" in stderr
    written = "".join(p.read_text(encoding="utf-8-sig") for p in out.iterdir())
    code, analyses, _ = run("analyze", "all", str(source), "--format", "json")
    assert code == 0
    for text in (written, analyses):
        assert "13800000000" not in text and "13900000001" not in text


def test_template_writes_a_workbook_that_validates(tmp_path: Path) -> None:
    target = tmp_path / "模板.xlsx"
    code, _, _ = run("template", "-o", str(target))
    assert code == 0 and target.exists()
    code, stdout, _ = run("validate", str(target))
    assert code == 0 and "4 名委员" in stdout
    code, _, stderr = run("template", "-o", str(target))
    assert code == 1 and "--force" in stderr
    assert run("template", "-o", str(target), "--force")[0] == 0


def test_the_english_template_validates_and_imports_as_the_chinese_one(tmp_path: Path) -> None:
    """`template --lang en` explains the form in English but is the same form: validate says the same of its
    example rows, and import writes the same canonical dataset from it."""
    written = {}
    for lang in ("zh", "en"):
        target = tmp_path / f"template-{lang}.xlsx"
        assert run("template", "-o", str(target), "--lang", lang)[0] == 0
        code, stdout, _ = run("validate", str(target))
        assert (code, stdout) == (0, "数据集有效：4 名委员，0 个警告。\n")
        code, stdout, _ = run("validate", str(target), "--lang", "en")
        assert (code, stdout) == (0, "Dataset is valid: 4 members, 0 warning(s).\n")
        out = tmp_path / lang
        assert run("import", str(target), "-o", str(out))[0] == 0
        written[lang] = {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))}
    assert written["en"] == written["zh"]
    assert {"members.csv", "liaisons.csv", "organizations.csv", "activities.csv"} <= set(written["en"])


def test_one_line_per_cause(tmp_path: Path) -> None:
    from tests.broken import base, write_csv

    tables = base()
    for row in range(2, 6):
        tables["members"].set(row, "party", "未知")
    folder = write_csv(tmp_path / "ds", tables)
    code, stdout, _ = run("validate", str(folder))
    assert code == 2
    lines = stdout.splitlines()
    # four rows with the same unknown value: one line with the rows and the count
    assert lines[0].startswith("[错误] members.csv “party”列 第 2–5 行，共 4 行：无法识别的值“未知”。")
    assert lines[-1] == "数据集无效：4 个错误，0 个警告。未加载任何数据。"
    assert len(lines) == 2
    code, stdout, _ = run("validate", str(folder), "--lang", "en")
    assert stdout.splitlines()[0].startswith("[error] members.csv, column 'party', rows 2–5 (4 rows): ")


def test_imported_roster_and_list_keep_what_was_not_recorded(tmp_path: Path) -> None:
    source = office_workbook(tmp_path / "名单.xlsx")
    out = tmp_path / "out"
    assert run("import", str(source), "-o", str(out))[0] == 0
    _, imported, _ = run("analyze", "all", str(out), "--format", "json")
    _, direct, _ = run("analyze", "all", str(source), "--format", "json")
    assert json.loads(imported) == json.loads(direct)
    coverage = json.loads(direct)["coverage"][-1]
    assert coverage["organization_rate"] is None and coverage["work_rate"] == 1.0


def test_a_csv_export_and_a_redacted_one_keep_what_was_not_recorded(tmp_path: Path) -> None:
    # the office file gives no organizations: the exported folder (plain or redacted) says so too, so its
    # analyses say n/a (未提供), not 0 % organized with every CPC member a gap
    import pbgraph
    from pbgraph.redact import redact

    source = office_workbook(tmp_path / "名单.xlsx")
    ds = pbgraph.load(source, cache=False)
    assert {"organizations", "memberships"} <= ds.not_recorded
    assert redact(ds).not_recorded == ds.not_recorded
    _, direct, _ = run("analyze", "all", str(source), "--format", "json")
    for extra in ([], ["--redact"]):
        out = tmp_path / f"csv{len(extra)}"
        assert run("export", str(source), "--to", "csv", "-o", str(out), *extra)[0] == 0
        again = pbgraph.load(out, cache=False)
        assert again.not_recorded == ds.not_recorded
        _, exported, _ = run("analyze", "coverage", str(out), "--format", "json")
        overall = json.loads(exported)[-1]
        assert overall["organization_rate"] is None and overall["unorganized"] is None
        assert overall == json.loads(direct)["coverage"][-1]
    # a dataset that did record them is not the same dataset, though its tables are
    assert pbgraph.load(tmp_path / "csv0", cache=False).equals(ds)
    recorded = dataclasses.replace(pbgraph.load(tmp_path / "csv0", cache=False), not_recorded=frozenset())
    assert not recorded.equals(ds)


def test_the_import_report_says_a_namesake_column_is_not_kept(tmp_path: Path) -> None:
    # 性别 helps tell namesakes apart while reading; the canonical dataset has no column for it (README)
    out = tmp_path / "out"
    assert run("import", str(office_workbook(tmp_path / "名单.xlsx")), "-o", str(out))[0] == 0
    report = (out / "导入报告.md").read_text(encoding="utf-8")
    assert "性别（用于区分同名，不保留）" in report and "保留为属性" not in report

"""The command line, through click's CliRunner: exit codes, every output format, options and help texts.

The dataset is the small base of `tests.broken` (4 members, one committee C1), whose answers are checked by
hand: M1 (party group) liaises with sector S1 and non-party N2; M2 with non-party N1 and township T1; N1 with
contact K1. Sector S2 and sector group SG1 have no sector liaison; township T2 has neither liaison group nor
township liaison.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner, Result

from pbgraph.analyses import ANALYSES
from pbgraph.cli import COMMANDS, main
from tests.broken import base, multi_committee, write_csv

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
FORMATS = ("table", "json", "csv")


def run(*args: object) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    # a traceback is never an answer: only clean exits
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture
def valid(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "ok", base())


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    tables = base()
    tables["members"].set(3, "party", "maybe")
    tables["sectors"].set(2, "name", "")
    tables["liaisons"].add(source="M2", target="M2", kind="member")
    return write_csv(tmp_path / "bad", tables)


@pytest.fixture
def system(tmp_path: Path) -> Path:
    """A city committee X over counties Y (members M1, N1) and Z (members M2, N2)."""
    return write_csv(tmp_path / "system", multi_committee())


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.rglob("*"))


# validate -----------------------------------------------------------------------------------------------


def test_validate_valid_dataset(valid: Path) -> None:
    result = run("validate", valid)
    assert result.exit_code == 0
    assert result.stdout == "数据集有效：4 名委员，0 个警告。\n"
    result = run("validate", valid, "--lang", "en")
    assert result.stdout == "Dataset is valid: 4 members, 0 warning(s).\n"


def test_validate_lists_warnings(tmp_path: Path) -> None:
    tables = base()
    tables["members"].set(5, "sector", "")
    result = run("validate", write_csv(tmp_path / "ds", tables))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "[警告] members.csv 第 5 行 “sector”列：委员“N2”没有填写界别，将不在任何界别中。"
        "请在此列填写该委员的界别。",
        "数据集有效：4 名委员，1 个警告。",
    ]


def test_validate_broken_dataset_lists_every_error(broken: Path) -> None:
    before = files_in(broken)
    result = run("validate", broken)
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[-1] == "数据集无效：3 个错误，0 个警告。未加载任何数据。"
    assert sorted(lines[:-1]) == sorted(
        [
            "[错误] sectors.csv 第 2 行 “name”列：必填单元格为空。请填写该值。",
            "[错误] members.csv 第 3 行 “party”列：无法识别的值“maybe”。请改为以下之一："
            "中共党员、民革、民盟、民建、民进、农工党、致公党、九三学社、台盟、无党派人士、群众、共青团员"
            "（或代码：CPC、RCCK、CDL、CNDCA、CAPD、CPWDP、CZGP、JS、TDSGL、NP、MASSES、CYL）。",
            "[错误] liaisons.csv 第 7 行 “target”列：“M2”联系了自己（发起方和对象相同）。"
            "请删除此行或更正对象。",
        ]
    )
    assert files_in(broken) == before  # nothing else written


def test_validate_in_english(broken: Path) -> None:
    result = run("validate", broken, "--lang", "en")
    assert result.exit_code == 2
    assert "[error] members.csv, row 3, column 'party': Unknown value 'maybe'." in result.stdout
    assert result.stdout.splitlines()[-1] == "Dataset is invalid: 3 error(s), 0 warning(s). Nothing loaded."


def test_validate_json(broken: Path) -> None:
    result = run("validate", broken, "--format", "json", "--lang", "en")
    assert result.exit_code == 2
    records = json.loads(result.stdout)
    assert sorted((r["file"], r["row"], r["column"], r["value"], r["code"]) for r in records) == [
        ("liaisons.csv", 7, "target", "M2", "self_liaison"),
        ("members.csv", 3, "party", "maybe", "unknown_enum"),
        ("sectors.csv", 2, "name", "", "empty_required"),
    ]
    assert {r["severity"] for r in records} == {"error"}
    assert all(r["message"] for r in records)


@pytest.mark.parametrize(
    ("lang", "header"),
    [
        ("zh", "级别,代码,文件,工作表,行,列,值,说明"),
        ("en", "severity,code,file,sheet,row,column,value,message"),
    ],
)
def test_validate_csv(broken: Path, lang: str, header: str) -> None:
    result = run("validate", broken, "--format", "csv", "--lang", lang)
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0] == header
    rows = list(csv.reader(io.StringIO(result.stdout)))[1:]
    assert sorted(r[1] for r in rows) == ["empty_required", "self_liaison", "unknown_enum"]


def test_validate_table_format_to_a_file(broken: Path, tmp_path: Path) -> None:
    out = tmp_path / "problems.txt"
    result = run("validate", broken, "--format", "table", "-o", out)
    assert result.exit_code == 2
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("数据问题\n")
    assert "unknown_enum" in text


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_validate_output_file(valid: Path, broken: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"problems.{fmt}"
    result = run("validate", broken, "--format", fmt, "-o", out)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"已写入 {out}" in result.stderr
    text = out.read_text(encoding="utf-8-sig")
    if fmt == "json":
        assert len(json.loads(text)) == 3
    else:
        assert len(list(csv.reader(io.StringIO(text)))) == 4

    result = run("validate", valid, "--format", fmt, "-o", out)
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8-sig")
    if fmt == "json":
        assert json.loads(text) == []
    else:
        assert text.splitlines() == ["级别,代码,文件,工作表,行,列,值,说明"]


# info ---------------------------------------------------------------------------------------------------

COUNTS = {
    "members": 4,
    "cpc_members": 2,
    "non_party_members": 2,
    "party_group_members": 1,
    "sectors": 2,
    "sector_groups": 1,
    "townships": 2,
    "party_organizations": 3,
    "platforms": 1,
    "organizations": 7,
    "sector_liaisons": 1,
    "member_liaisons": 2,
    "township_liaisons": 1,
    "contact_liaisons": 1,
    "contacts": 1,
    "activities": None,  # no activity log: not known (n/a), not 0
}


def test_info_json(valid: Path) -> None:
    result = run("info", valid, "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert rows == [
        {"committee": "C1", "committee_name": "示例区政协", **COUNTS},
        {"committee": "", "committee_name": "全部", **COUNTS},
    ]


def test_info_csv(valid: Path) -> None:
    result = run("info", valid, "--format", "csv", "--lang", "en")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2
    assert rows[0]["committee"] == "C1"
    assert rows[0]["members"] == "4"
    assert rows[0]["CPC members"] == "2"
    assert rows[0]["party organizations"] == "3"
    assert rows[0]["contact liaisons"] == "1"
    assert rows[0]["contacts"] == "1"


def test_info_table(valid: Path) -> None:
    result = run("info", valid, "--lang", "en")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Dataset counts"
    assert lines[1].split()[:4] == ["committee", "committee", "name", "members"]
    assert lines[3].split() == [
        "C1",
        "示例区政协",
        "4",
        "2",
        "2",
        "1",
        "2",
        "1",
        "2",
        "3",
        "1",
        "7",
        "1",
        "2",
        "1",
        "1",
        "1",
        "n/a",
    ]


def test_info_table_in_chinese_keeps_every_column(valid: Path) -> None:
    result = run("info", valid)
    assert result.stdout.splitlines()[3].split() == [
        "C1",
        "示例区政协",
        "4",
        "2",
        "2",
        "1",
        "2",
        "1",
        "2",
        "3",
        "1",
        "7",
        "1",
        "2",
        "1",
        "1",
        "1",
        "n/a",
    ]


def test_info_output_file(valid: Path, tmp_path: Path) -> None:
    out = tmp_path / "info.json"
    result = run("info", valid, "--format", "json", "-o", out)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))[0]["members"] == 4


def test_info_on_a_broken_dataset(broken: Path, tmp_path: Path) -> None:
    out = tmp_path / "info.json"
    result = run("info", broken, "--format", "json", "-o", out)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "数据集有 3 个错误，未加载" in result.stderr
    assert not out.exists()


NOTE_ZH = (
    "注：同时属于多个政协的委员在每个政协各计一次（其联系、所联系的群众和参加的活动也是），"
    "所以各政协之和大于“全部”。"
)
NOT_RECORDED_ZH = "注：未提供活动，依赖这些表的结果为 n/a 或不列出（而不是把每一项都算作缺口）。"
NOTE_EN = (
    "Note: members who sit on more than one committee are counted under each (and so are their liaisons, "
    "the contacts they liaise with and the activities they join), so the committees add up to more than "
    "(all)."
)


def test_info_says_why_the_committees_add_up_to_more(tmp_path: Path) -> None:
    # M2 sits on Y and Z: Y counts M1, N1, M2 and Z counts M2, N2, 5 in all for 4 members
    tables = multi_committee()
    tables["members"].set(3, "committee", "Y;Z")  # M2
    both = write_csv(tmp_path / "both", tables)
    result = run("info", both)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    rows = [line.split()[:3] for line in lines[3:7]]
    assert rows == [
        ["X", "某市政协", "0"],
        ["Y", "甲县政协", "3"],
        ["Z", "乙县政协", "2"],
        ["全部", "4", "2"],
    ]
    # after the note that these tables keep no activity log (the activities are n/a)
    assert lines[7:] == [NOT_RECORDED_ZH, NOTE_ZH]
    assert run("info", both, "--lang", "en").stdout.splitlines()[-1] == NOTE_EN
    # machine-readable rows keep to rows: the notes go to the terminal
    json_run = run("info", both, "--format", "json")
    assert json.loads(json_run.stdout)[-1]["members"] == 4
    assert json_run.stderr == NOT_RECORDED_ZH + "\n" + NOTE_ZH + "\n"


def test_info_counts_contacts_as_it_counts_their_liaisons(tmp_path: Path) -> None:
    """A contact is counted under every committee of the members who liaise with it, as its liaisons are; one
    nobody liaises with under its township's committee. Counted by township alone, a committee's contacts did
    not go with its contact liaisons (a generated city had 3,182 contact liaisons and 2,887 contacts)."""
    tables = multi_committee()
    # N1 (who liaises with K1, of township T1 in Y) sits on Y and Z; K2 (of T2, in Z) has no liaison
    tables["members"].set(4, "committee", "Y;Z")
    tables["contacts"].add(id="K2", name="群众乙", township="T2")
    rows = json.loads(run("info", write_csv(tmp_path / "both", tables), "--format", "json").stdout)
    found = {row["committee"]: (row["contact_liaisons"], row["contacts"]) for row in rows}
    # Y: N1's liaison and K1; Z: N1's liaison, K1 through it, and K2; in all one liaison, two contacts
    assert found == {"X": (0, 0), "Y": (1, 1), "Z": (1, 2), "": (1, 2)}


def test_info_counts_activities_under_the_committees_of_their_members(tmp_path: Path) -> None:
    sample = ROOT / "data" / "sample"
    # counted here from the files: every activity row (each lists members of the sample's one committee)
    rows = len(pd.read_csv(sample / "activities.csv", dtype=str))
    found = json.loads(run("info", sample, "--format", "json").stdout)
    assert [row["activities"] for row in found] == [rows, rows]
    # M2 sits on Y and Z: an activity of M1 and M2 is Y's once and Z's once, one of N2 alone Z's, in all two
    tables = multi_committee()
    tables["members"].set(3, "committee", "Y;Z")  # M2
    folder = write_csv(tmp_path / "both", tables)
    (folder / "activities.csv").write_text(
        "date,kind,members,target\n2024-01-05,talk,M1;M2,\n2024-02-01,talk,N2,M2\n", encoding="utf-8"
    )
    found = json.loads(run("info", folder, "--format", "json").stdout)
    assert {row["committee"]: row["activities"] for row in found} == {"X": 0, "Y": 1, "Z": 2, "": 2}


def test_info_has_no_note_when_nobody_sits_on_two_committees(system: Path) -> None:
    result = run("info", system)
    assert result.exit_code == 0 and result.stderr == ""
    # the one note is that it keeps no activity log
    assert result.stdout.splitlines()[-2].split()[:2] == ["全部", "4"]
    assert result.stdout.splitlines()[-1] == NOT_RECORDED_ZH


# analyze ------------------------------------------------------------------------------------------------

TABLES_OF = {
    "coverage": ["coverage"],
    "unlinked": ["unlinked"],
    "unorganized": ["unorganized"],
    "sectors": ["sectors"],
    "townships": ["townships"],
    "platforms": ["platforms"],
    "reach": ["reach", "party_groups"],
    "load": ["load", "fragile", "distribution"],
    "connectors": ["connectors"],
    "dormant": ["dormant", "activity_rates"],
    "org_life": ["org_life", "org_meetings", "org_life_rates"],
}
TABLES_OF["all"] = [t for name in ANALYSES for t in TABLES_OF[name]]


def test_every_analysis_is_covered() -> None:
    assert set(TABLES_OF) == {*ANALYSES, "all"}


@pytest.mark.parametrize("name", [*ANALYSES, "all"])
def test_analyze_json(valid: Path, name: str) -> None:
    result = run("analyze", name, valid, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    tables = TABLES_OF[name]
    if len(tables) == 1:
        assert isinstance(data, list)
    else:
        assert list(data) == tables


@pytest.mark.parametrize("name", [*ANALYSES, "all"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_analyze_table(valid: Path, name: str, lang: str) -> None:
    from pbgraph.format import table_title

    result = run("analyze", name, valid, "--lang", lang)
    assert result.exit_code == 0, result.output
    for table in TABLES_OF[name]:
        assert table_title(table, lang) in result.stdout


@pytest.mark.parametrize("name", [*ANALYSES, "all"])
def test_analyze_csv(valid: Path, name: str) -> None:
    from pbgraph.format import table_title

    result = run("analyze", name, valid, "--format", "csv", "--lang", "en")
    assert result.exit_code == 0, result.output
    tables = TABLES_OF[name]
    if len(tables) == 1:
        rows = list(csv.reader(io.StringIO(result.stdout)))
        assert rows[0][0] == "committee"
    else:
        titles = [line[2:] for line in result.stdout.splitlines() if line.startswith("# ")]
        assert titles == [table_title(t, "en") for t in tables]


def test_analyze_coverage_answers(valid: Path) -> None:
    rows = json.loads(run("analyze", "coverage", valid, "--format", "json").stdout)
    assert [r["committee"] for r in rows] == ["C1", ""]
    c1 = rows[0]
    assert (c1["organization_rate"], c1["work_rate"]) == (1.0, 1.0)
    assert (
        c1["unlinked"],
        c1["unorganized"],
        c1["sector_gaps"],
        c1["township_gaps"],
        c1["platform_gaps"],
    ) == (0, 0, 2, 2, 0)
    assert (c1["overloaded"], c1["idle"], c1["fragile"]) == (0, 0, 2)
    table = run("analyze", "coverage", valid).stdout
    assert "100.0%" in table


def test_analyze_gaps_answers(valid: Path) -> None:
    sectors = json.loads(run("analyze", "sectors", valid, "--format", "json").stdout)
    assert [(r["id"], r["gap"]) for r in sectors] == [("S2", "no_liaison"), ("SG1", "no_liaison")]
    townships = json.loads(run("analyze", "townships", valid, "--format", "json").stdout)
    assert sorted((r["id"], r["gap"]) for r in townships) == [
        ("T2", "no_liaison_group"),
        ("T2", "no_township_liaison"),
    ]


def test_analyze_xlsx_needs_an_output_file(valid: Path, tmp_path: Path) -> None:
    result = run("analyze", "coverage", valid, "--format", "xlsx")
    assert result.exit_code == 2
    assert "--format xlsx" in result.output and "-o" in result.output
    assert not list(tmp_path.glob("*.xlsx"))


# `all` on a dataset without activities notes so (the activity analyses), on the workbook's last sheet
@pytest.mark.parametrize(
    ("name", "sheets"), [("all", [*TABLES_OF["all"], "notes"]), ("load", TABLES_OF["load"])]
)
def test_analyze_xlsx(valid: Path, tmp_path: Path, name: str, sheets: list[str]) -> None:
    from openpyxl import load_workbook

    from pbgraph.format import table_title

    out = tmp_path / "gaps.xlsx"
    result = run("analyze", name, valid, "--format", "xlsx", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    workbook = load_workbook(out, read_only=True)
    assert workbook.sheetnames == [table_title(t, "zh") for t in sheets]
    workbook.close()


def test_analyze_committee_filter(system: Path) -> None:
    rows = json.loads(run("analyze", "load", system, "--committee", "Y", "--format", "json").stdout)["load"]
    assert [r["id"] for r in rows] == ["M1"]
    rows = json.loads(run("analyze", "load", system, "--committee", "Z", "--format", "json").stdout)["load"]
    assert [r["id"] for r in rows] == ["M2"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_analyze_unknown_committee(system: Path, lang: str) -> None:
    result = run("analyze", "coverage", system, "--committee", "Q9", "--lang", lang)
    assert result.exit_code != 0
    assert result.stdout == ""
    assert "Q9" in result.stderr
    assert "未知的政协“Q9”" in result.stderr or "unknown committee" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "command",
    [
        ("analyze", "coverage", FIXTURES / "no_committee", "--committee", "青山县政协"),
        ("render", "network", FIXTURES / "no_committee", "--committee", "青山县政协", "-o", "{out}"),
        ("render", "committee", "青山县政协", FIXTURES / "no_committee", "-o", "{out}"),
    ],
)
def test_a_committee_asked_of_a_dataset_that_names_none(command: tuple[object, ...], tmp_path: Path) -> None:
    # its members name no committee: all are one, so there is no list of committees to choose from
    args = [tmp_path / "out.html" if a == "{out}" else a for a in command]
    for lang, words in (
        ("zh", "本数据集未区分政协（委员都属于同一个政协），无需 --committee"),
        ("en", "this dataset names no committees (all its members are one committee), so --committee"),
    ):
        result = run(*args, "--lang", lang)
        assert result.exit_code == 1 and words in result.stderr and "青山县政协" in result.stderr
        assert "未知" not in result.stderr and "unknown" not in result.stderr


def test_analyze_by_committee(system: Path) -> None:
    result = run("analyze", "coverage", system, "--by-committee", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert isinstance(rows, list)
    assert {r["committee"] for r in rows} >= {"Y", "Z"}
    table = run("analyze", "coverage", system, "--by-committee").stdout
    assert table.startswith("各政协排名")
    both = json.loads(run("analyze", "load", system, "--by-committee", "--format", "json").stdout)
    assert list(both) == ["league", "load", "fragile", "distribution"]


def test_analyze_max_load(valid: Path) -> None:
    default = json.loads(run("analyze", "load", valid, "--format", "json").stdout)["load"]
    assert [(r["id"], r["load"], r["overloaded"]) for r in default] == [("M1", 1, False), ("M2", 1, False)]
    strict = json.loads(run("analyze", "load", valid, "--max-load", "0", "--format", "json").stdout)["load"]
    assert [(r["id"], r["overloaded"]) for r in strict] == [("M1", True), ("M2", True)]
    coverage = json.loads(run("analyze", "coverage", valid, "--max-load", "0", "--format", "json").stdout)
    assert coverage[0]["overloaded"] == 2
    result = run("analyze", "load", valid, "--max-load", "-1")
    assert result.exit_code == 2 and "-1" in result.output


def test_analyze_max_depth(valid: Path) -> None:
    def reach_of_m1(*options: str) -> tuple[int, int, int]:
        data = json.loads(run("analyze", "reach", valid, "--format", "json", *options).stdout)
        m1 = next(r for r in data["reach"] if r["id"] == "M1")
        return m1["members"], m1["sectors"], m1["contacts"]

    # M1 → S1 and N2 (1 hop) → N1, a member of S1 (2 hops) → K1, N1's contact (3 hops)
    assert reach_of_m1() == (2, 1, 1)
    assert reach_of_m1("--max-depth", "1") == (1, 1, 0)
    assert reach_of_m1("--max-depth", "2") == (2, 1, 0)
    assert reach_of_m1("--max-depth", "3") == (2, 1, 1)
    result = run("analyze", "reach", valid, "--max-depth", "0")
    assert result.exit_code == 2


def test_analyze_broken_dataset_writes_nothing(broken: Path, tmp_path: Path) -> None:
    out = tmp_path / "gaps.xlsx"
    result = run("analyze", "all", broken, "--format", "xlsx", "-o", out)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("[错误]") == 3
    assert not out.exists()


def test_analyze_unknown_name(valid: Path) -> None:
    result = run("analyze", "everything", valid)
    assert result.exit_code == 2
    assert "coverage" in result.output


# paths, help, documentation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["validate"], ["info"], ["analyze", "coverage"], ["validate", "--lang", "en"]],
    ids=["validate", "info", "analyze", "validate-en"],
)
def test_missing_path_is_a_clear_error(tmp_path: Path, args: list[str]) -> None:
    result = run(*args, tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "nowhere" in result.output
    assert "找不到数据集路径" in result.output or "The dataset path does not exist" in result.output
    assert "Traceback" not in result.output


def test_workbook_path(tmp_path: Path) -> None:
    from tests.broken import write_xlsx

    book = write_xlsx(tmp_path / "名册.xlsx", base())
    result = run("validate", book)
    assert result.exit_code == 0
    assert result.stdout == "数据集有效：4 名委员，0 个警告。\n"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_has_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "例 / Example" in result.stdout
    assert f"pbgraph {command}" in result.stdout


def test_main_help_lists_every_command() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "例 / Example" in result.stdout
    for command in COMMANDS:
        assert command in result.stdout


def test_main_help_lists_the_commands_in_english_with_lang_en() -> None:
    from pbgraph._texts.help import SUMMARIES

    for args in (("--help", "--lang", "en"), ("--lang=en", "--help")):
        result = CliRunner().invoke(main, list(args), terminal_width=80)
        assert result.exit_code == 0, result.output
        # the list of commands, up to the examples after it
        rows = result.output.split("Commands:")[1].split("\n\n")[0].splitlines()[1:]
        assert [row.split()[0] for row in rows] == list(COMMANDS)
        for row, command in zip(rows, COMMANDS, strict=True):
            # each in full at 80 columns, in English
            assert row.split(None, 1)[1] == SUMMARIES[command][1]
            assert not re.search(r"[\u4e00-\u9fff]", row)
    assert "委员名单" in run("--help").stdout


@pytest.mark.parametrize(
    "args",
    [
        (),
        *((name,) for name in COMMANDS),
        *(("neo4j", s) for s in ("push", "bulk", "pull", "query")),
        *(("cache", s) for s in ("info", "clear")),
    ],
    ids=lambda args: " ".join(args) or "pbgraph",
)
def test_every_help_ends_with_its_examples(args: tuple[str, ...]) -> None:
    # after the options (and a group's commands), as a reader scrolls to them: the last block of the help is
    # its examples, each line a pbgraph command (or the shell's, setting what it needs)
    for lang in ("zh", "en"):
        result = CliRunner().invoke(main, [*args, "--help", "--lang", lang], terminal_width=100)
        assert result.exit_code == 0, result.output
        last = result.output.rstrip().split("\n\n")[-1].splitlines()
        assert last[0].strip() == "例 / Example:" and len(last) > 1
        assert all(line.strip().startswith(("pbgraph ", "export ")) for line in last[1:])
        assert any(line.strip().startswith("pbgraph ") for line in last[1:])


def test_lang_before_the_command_is_the_commands_lang() -> None:
    assert run("--lang", "en", "info", ROOT / "data/sample").stdout.startswith("Dataset counts")
    assert run("info", ROOT / "data/sample", "--lang", "en").stdout.startswith("Dataset counts")
    # the command's own --lang is the last word
    assert run("--lang", "en", "info", ROOT / "data/sample", "--lang", "zh").stdout.startswith("数据概况")
    assert run("info", ROOT / "data/sample").stdout.startswith("数据概况")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_in_the_readme(command: str) -> None:
    readme = ROOT / "README.md"
    if not readme.exists():
        pytest.skip("README.md is not written yet")
    assert f"pbgraph {command}" in readme.read_text(encoding="utf-8")


def test_a_reader_that_stops_early_is_no_error(tmp_path: Path) -> None:
    # `pbgraph analyze all … --format json | head`: the JSON (about 130 kB, more than a pipe holds) stops
    # being read after a few bytes; the command ends quietly, as it does for the text formats
    import subprocess
    import sys

    args = ["analyze", "all", "data/sample", "--format", "json"]
    with subprocess.Popen(
        [sys.executable, "-m", "pbgraph.cli", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PBGRAPH_CACHE_DIR": str(tmp_path)},
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(10) == b'{\n  "cover'
        process.stdout.close()
        error = process.stderr.read().decode()
        assert process.wait(timeout=120) == 0, error
    assert "Traceback" not in error and "Exception ignored" not in error

"""pbgraph's own words in English outputs (`--lang en`), found in a new user's trial: no Chinese word or
separator of ours left, no title cut in the middle of a word, no hint that misleads (the data's own values,
names and sector names, stay as written)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from pbgraph.format import table_title
from tests.test_cli import run

FIXTURE = Path(__file__).parent / "fixtures" / "activities"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


@pytest.fixture
def two_duty_lines(tmp_path: Path) -> Path:
    """The activity fixture with 党员丙 (A3) organized in both duty-line organizations, F1 and F2."""
    folder = tmp_path / "ds"
    shutil.copytree(FIXTURE, folder)
    with (folder / "memberships.csv").open("a", encoding="utf-8") as file:
        file.write("A3,F1,\n")
    return folder


def _org_names_cell(two_duty_lines: Path, tmp_path: Path, fmt: str, lang: str) -> str:
    """The `duty_organization_names` cell of A3 in `analyze org_life` written as `fmt`."""
    args = ("analyze", "org_life", two_duty_lines, "--min-meetings", "99", "--no-cache", "--lang", lang)
    if fmt == "xlsx":
        out = tmp_path / f"org_life_{lang}.xlsx"
        assert run(*args, "-o", out).exit_code == 0
        rows = list(openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True))
        names = rows[0].index("duty-line organization names" if lang == "en" else "履职党组织名称")
        return str(next(row for row in rows if row[2] == "A3")[names])
    result = run(*args, "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "csv":
        _header, *rows = csv.reader(io.StringIO(result.stdout.split("\n\n")[0]))
        return next(row for row in rows if row[2] == "A3")[5]
    line = next(line for line in result.stdout.splitlines() if "党员丙" in line)
    # the table's cell: between the ids of the organizations (F1;F2) and the count of meetings
    return line.split("F1;F2", 1)[1].rsplit(None, 1)[0].strip()


@pytest.mark.parametrize("fmt", ["table", "csv", "xlsx"])
def test_org_life_lists_the_organizations_with_the_separator_of_the_language(
    two_duty_lines: Path, tmp_path: Path, fmt: str
) -> None:
    # a member of two duty-line organizations: both names in one cell, joined by ", " in English (the old
    # code joined them by "、" in every language); the names themselves stay as the data writes them
    english = _org_names_cell(two_duty_lines, tmp_path, fmt, "en")
    assert "、" not in english
    assert sorted(english.split(", ")) == ["第一履职党支部", "经济界党小组"]
    chinese = _org_names_cell(two_duty_lines, tmp_path, fmt, "zh")
    assert sorted(chinese.split("、")) == ["第一履职党支部", "经济界党小组"]


def test_org_life_json_keeps_the_data_as_the_analysis_gives_it(two_duty_lines: Path) -> None:
    # JSON holds codes and data, not labels: the rows the same in both languages
    args = ("analyze", "org_life", two_duty_lines, "--min-meetings", "99", "--no-cache", "--format", "json")
    english, chinese = (json.loads(run(*args, *lang).stdout)["org_life"] for lang in (("--lang", "en"), ()))
    assert english == chinese
    assert next(r for r in english if r["id"] == "A3")["duty_organization_names"] in (
        "第一履职党支部、经济界党小组",
        "经济界党小组、第一履职党支部",
    )


def test_english_sheet_names_are_not_titles_cut_in_the_middle(tmp_path: Path) -> None:
    # Excel takes 31 characters: "CPC members short of organizational life" was cut to "… organizati"
    out = tmp_path / "all.xlsx"
    assert run("analyze", "all", FIXTURE, "--no-cache", "--lang", "en", "-o", out).exit_code == 0
    sheets = openpyxl.load_workbook(out, read_only=True).sheetnames
    long_titles = [table_title(t, "en") for t in ("org_life", "org_meetings")]
    assert all(len(title) > 31 for title in long_titles)
    for sheet in sheets:
        assert len(sheet) <= 31 and not CJK.search(sheet)
        assert not any(title.startswith(sheet) for title in long_titles), sheet
    # one sheet for each of them still, named apart from the others
    assert len(sheets) == len(set(sheets)) == 18
    # the Chinese sheets keep their titles
    out_zh = tmp_path / "all_zh.xlsx"
    assert run("analyze", "all", FIXTURE, "--no-cache", "-o", out_zh).exit_code == 0
    zh_sheets = openpyxl.load_workbook(out_zh, read_only=True).sheetnames
    assert table_title("org_life", "zh") in zh_sheets and table_title("org_meetings", "zh") in zh_sheets


def test_connectors_headers_say_what_each_count_counts() -> None:
    # "sole liaison of" said not of whom (the Chinese header: 唯一联系的党外委员数)
    result = run("analyze", "connectors", FIXTURE, "--no-cache", "--lang", "en", "--format", "csv")
    header = result.stdout.splitlines()[0].split(",")
    sole = [h for h in header if h.startswith("sole liaison of")]
    assert sole == [
        "sole liaison of non-party members",
        "sole liaison of sectors",
        "sole liaison of townships",
    ]


def test_a_member_without_township_is_not_asked_for_an_id_in_an_office_roster(tmp_path: Path) -> None:
    # an office roster names townships (所在镇（街）: 东关街道), it has no township ids: the warning asked
    # for "a township id" in "the township column" (镇街编号 in the “镇街”列) of a file that has neither
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某县政协委员名单"])
    sheet.append(["姓名", "政治面貌", "界别", "所在镇（街）"])
    sheet.append(["黄立新", "中共党员", "中共", "东关街道"])
    sheet.append(["邓志远", "无党派人士", "经济界", None])
    path = tmp_path / "委员名单.xlsx"
    book.save(path)
    english = run("validate", path, "--no-cache", "--lang", "en").output
    warning = next(line for line in english.splitlines() if "邓志远" in line)
    assert "row 4" in warning and "has no township" in warning
    assert " id" not in warning.split("has no township", 1)[1]
    chinese = run("validate", path, "--no-cache").output
    warning = next(line for line in chinese.splitlines() if "邓志远" in line)
    assert "第 4 行" in warning and "编号" not in warning and "“镇街”列" not in warning


def test_a_member_named_with_the_id_it_was_given_reads_in_the_language(tmp_path: Path) -> None:
    # an office roster's member is named with the id pbgraph gave them: 邓志远（M002） in Chinese, and in
    # English 邓志远 (M002), not with the Chinese brackets (the name, data, stays as written)
    book = openpyxl.Workbook()
    book.active.append(["姓名", "政治面貌", "界别", "所在镇（街）"])
    book.active.append(["黄立新", "中共党员", "中共", "东关街道"])
    book.active.append(["邓志远", "无党派人士", "经济界", None])
    path = tmp_path / "委员名单.xlsx"
    book.save(path)
    english = run("validate", path, "--no-cache", "--lang", "en").output
    warning = next(line for line in english.splitlines() if "邓志远" in line)
    assert re.search(r"'邓志远 \(M\d+\)' has no township", warning), warning
    assert not CJK.search(warning.replace("委员名单", "").replace("所在镇(街)", "").replace("邓志远", "")), (
        warning
    )
    as_json = json.loads(run("validate", path, "--no-cache", "--lang", "en", "--format", "json").stdout)
    assert [p["value"] for p in as_json if p["code"] == "member_no_township"] == [
        re.search(r"邓志远 \(M\d+\)", warning)[0]
    ]
    chinese = run("validate", path, "--no-cache").output
    assert re.search(r"委员“邓志远（M\d+）”没有填写镇街", chinese), chinese
    # and --redact names no one there either, in either language
    for lang in ("en", "zh"):
        out = tmp_path / f"report-{lang}.html"
        assert run("report", path, "--redact", "--no-cache", "--lang", lang, "-o", out).exit_code == 0
        page = out.read_text(encoding="utf-8")
        assert "邓志远" not in page and "黄立新" not in page


@pytest.mark.parametrize(
    "args",
    [
        ("--lang", "en", "cache", "--help"),
        ("cache", "--help", "--lang", "en"),
        ("neo4j", "-h", "--lang", "en"),
    ],
)
def test_subcommand_groups_list_their_commands_in_english(args: tuple[str, ...]) -> None:
    # `pbgraph --help --lang en` lists the commands in English; `cache` and `neo4j` listed theirs in Chinese
    # (and `cache --help --lang en` was refused: no such option)
    result = run(*args)
    assert result.exit_code == 0, result.output
    # the list of commands, up to the examples after it
    listed = result.stdout.split("Commands:", 1)[1].split("\n\n")[0].splitlines()
    names = {line.split()[0] for line in listed if line.startswith("  ") and not line.startswith("   ")}
    assert names == ({"info", "clear"} if "cache" in args else {"push", "pull", "query", "bulk"})
    assert not CJK.search("\n".join(listed)), listed
    assert "Where the cache is" in result.stdout or "cache" not in args


def test_subcommand_groups_list_their_commands_in_chinese_by_default() -> None:
    listed = run("cache", "--help").stdout.split("Commands:", 1)[1]
    assert "缓存在哪里、有多大。" in listed


def test_a_misspelt_name_in_a_liaison_list_is_said_in_english(tmp_path: Path) -> None:
    # a homophone typed (钱文惠 for 钱文慧): "not found in the roster" (it read "among the roster")
    book = openpyxl.Workbook()
    book.active.append(["姓名", "政治面貌", "界别"])
    book.active.append(["黄立新", "中共党员", "中共"])
    book.active.append(["钱文慧", "民盟盟员", "教育界"])
    liaisons = book.create_sheet("联系一览表")
    liaisons.append(["党员委员", "联系党外委员"])
    liaisons.append(["黄立新", "钱文惠"])
    path = tmp_path / "委员名单.xlsx"
    book.save(path)
    result = run("validate", path, "--no-cache", "--lang", "en")
    assert result.exit_code == 2
    error = next(line for line in result.output.splitlines() if "钱文惠" in line)
    assert "1 name(s) not found in the roster: 钱文惠 (did you mean 钱文慧?) (row 2)" in error, error


def test_render_help_says_what_an_id_may_be() -> None:
    # "an id, or the name of one row" meant nothing to a reader: a view's ID is an id or a name only one has
    help_text = " ".join(run("render", "--help").stdout.split())
    assert "an id, or a name (a member's name) that only one has" in help_text

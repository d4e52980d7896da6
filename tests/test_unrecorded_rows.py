"""A table whose analysis needs a table the dataset does not record says so in place of its rows (DESIGN
3: "not recorded", 未提供), never （无） / (none), which a reader takes for "no gaps"; a table that looked
and found nothing still says （无）. On an office workbook of a roster and a 联系党外委员 list alone
(`tests.office_books`): no organizations, memberships, township or contact lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from pbgraph.cli import main
from tests.office_books import office_book

PLACEHOLDERS = {
    "zh": {
        "unorganized": "（未提供：组织、组织成员）",
        "townships": "（未提供：组织、组织成员、党员委员联系镇街）",
        "platforms": "（未提供：组织）",
        "unlinked": "（无）",
        # it looked at the member liaisons (nobody is anyone's only liaison) but not at the others
        "connectors": "（无；未提供：党组成员联系界别、党员委员联系镇街）",
    },
    "en": {
        "unorganized": "(not recorded: organizations, memberships)",
        "townships": "(not recorded: organizations, memberships, township liaisons (联系镇街))",
        "platforms": "(not recorded: organizations)",
        "unlinked": "(none)",
        "connectors": "(none; not recorded: sector liaisons (联系界别), township liaisons (联系镇街))",
    },
}


def run(*args: object) -> Result:
    result = CliRunner().invoke(main, [*(str(a) for a in args), "--no-cache"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return office_book(tmp_path_factory.mktemp("office") / "office.xlsx")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("analysis", ["unorganized", "townships", "platforms", "unlinked", "connectors"])
def test_the_table_says_what_it_could_not_look_at(workbook: Path, analysis: str, lang: str) -> None:
    # title, header, rule, then the placeholder in place of the rows (every non-party member is liaised)
    lines = run("analyze", analysis, workbook, "--lang", lang).stdout.splitlines()
    assert lines[3] == PLACEHOLDERS[lang][analysis]


def test_analyze_all_says_it_of_each_such_table(workbook: Path) -> None:
    out = run("analyze", "all", workbook).stdout
    blocks = {block.splitlines()[0]: block.splitlines()[3:] for block in out.split("\n\n") if block}
    assert blocks["未组织党员委员"] == ["（未提供：组织、组织成员）"]
    assert blocks["镇街缺口"] == ["（未提供：组织、组织成员、党员委员联系镇街）"]
    assert blocks["平台缺口"] == ["（未提供：组织）"]
    # （无） only where it looked: every non-party member liaised, twice (the activity analyses, which say
    # that the dataset has no activity log in a note of their own, aside)
    activity = {"未开展活动的联系", "联系实效"}
    assert [title for title, rows in blocks.items() if rows == ["（无）"] and title not in activity] == [
        "未联系党外委员",
        "仅一人联系",
    ]


def test_a_workbook_notes_each_sheet_left_without_rows(workbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "gaps.xlsx"
    assert run("analyze", "all", workbook, "--format", "xlsx", "-o", out).exit_code == 0
    book = load_workbook(out, read_only=True)
    notes = [row[0] for row in book[book.sheetnames[-1]].iter_rows(values_only=True)]
    assert "镇街缺口：（未提供：组织、组织成员、党员委员联系镇街）" in notes
    assert "平台缺口：（未提供：组织）" in notes
    # the sheet itself keeps to its header: no row is made up
    assert list(book["平台缺口"].iter_rows(values_only=True))[1:] == []
    english = tmp_path / "gaps-en.xlsx"
    assert (
        run("analyze", "platforms", workbook, "--format", "xlsx", "-o", english, "--lang", "en").exit_code
        == 0
    )
    book = load_workbook(english, read_only=True)
    notes = [row[0] for row in book[book.sheetnames[-1]].iter_rows(values_only=True)]
    assert "Platform gaps: (not recorded: organizations)" in notes


def test_csv_and_json_keep_to_rows_the_note_on_stderr(workbook: Path) -> None:
    csv = run("analyze", "platforms", workbook, "--format", "csv")
    assert csv.stdout.splitlines()[1:] == []
    assert csv.stderr.startswith("注：未提供组织，")
    data = run("analyze", "platforms", workbook, "--format", "json")
    assert json.loads(data.stdout) == []
    assert data.stderr.startswith("注：未提供组织，")

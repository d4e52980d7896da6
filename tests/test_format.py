"""The one table writer (`pbgraph.format`): `analyze --format xlsx` and `export --to xlsx` write the same
sheets, numbers as numbers, dates as dates, with unique sheet names."""

from __future__ import annotations

import datetime
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pbgraph import load
from pbgraph.analyses import coverage, league_table
from pbgraph.cli import main
from pbgraph.export import input_tables
from pbgraph.format import csv_text, sheet_names, tables_text, text_table
from pbgraph.io import write_xlsx_tables
from tests.conftest import ROOT, SAMPLE


def _rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    # a read-only workbook holds its file open until closed (else a ResourceWarning, an error in pytest)
    workbook = load_workbook(path, read_only=True)
    try:
        return list(workbook[sheet].iter_rows(values_only=True))
    finally:
        workbook.close()


def test_analyze_xlsx_keeps_numbers_numbers(tmp_path: Path) -> None:
    out = tmp_path / "coverage.xlsx"
    result = CliRunner().invoke(
        main, ["analyze", "coverage", str(SAMPLE), "--format", "xlsx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    header, *rows = _rows(out, "覆盖率")
    expected = coverage(load(SAMPLE))
    members = header.index("委员数")
    assert [row[members] for row in rows] == expected["members"].tolist()
    assert all(type(row[members]) is int for row in rows)
    assert isinstance(rows[0][header.index("未联系党外委员")], int)
    # rates are numbers shown as percentages, and every sheet has its header frozen and an autofilter
    rate = rows[0][header.index("工作覆盖率")]
    assert isinstance(rate, float) and rate == pytest.approx(expected["work_rate"].iloc[0])
    book = load_workbook(out)
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref, sheet.title
    column = book["覆盖率"].cell(row=2, column=header.index("工作覆盖率") + 1)
    assert column.number_format == "0.0%"


def test_analyze_xlsx_writes_dates_as_dates(tmp_path: Path) -> None:
    """Dates are Excel dates (yyyy-mm-dd), so that a sheet sorts and filters by date; a month stays text and
    an empty cell empty. The dormant liaisons of the fixture: A1-S1 since 2023-01-01, never active; A3-B4
    since 2023-05 (a month), last active 2023-12-31; A2-T1 neither (liaisons.csv and activities.csv)."""
    fixture = str(ROOT / "tests" / "fixtures" / "activities")
    out = tmp_path / "dormant.xlsx"
    result = CliRunner().invoke(main, ["analyze", "dormant", fixture, "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out)["未开展活动的联系"]
    header = [cell.value for cell in sheet[1]]
    since, last = header.index("开始日期") + 1, header.index("最近一次活动") + 1
    rows = {
        sheet.cell(row, 4).value + "-" + sheet.cell(row, 6).value: row for row in range(2, sheet.max_row + 1)
    }
    assert sorted(rows) == ["A1-S1", "A2-T1", "A3-B4"]
    for row, column, day in ((rows["A1-S1"], since, (2023, 1, 1)), (rows["A3-B4"], last, (2023, 12, 31))):
        cell = sheet.cell(row, column)
        assert cell.value == datetime.datetime(*day) and cell.is_date and cell.number_format == "yyyy-mm-dd"
    assert sheet.cell(rows["A3-B4"], since).value == "2023-05"
    assert sheet.cell(rows["A1-S1"], last).value is None and sheet.cell(rows["A2-T1"], since).value is None
    # CSV and JSON keep the text
    result = CliRunner().invoke(main, ["analyze", "dormant", fixture, "--format", "csv"])
    assert "A1,党组甲,S1,经济界,2023-01-01," in result.output and ",2023-05,2023-12-31" in result.output


def test_dataset_workbook_writes_dates_as_dates_and_reads_them_back(tmp_path: Path) -> None:
    """A dataset written as a workbook (generate, neo4j pull) holds liaisons.since and activities.date as
    Excel dates, and loading it gives the same dataset."""
    ds = load(ROOT / "tests" / "fixtures" / "activities")
    out = write_xlsx_tables(input_tables(ds), tmp_path / "dataset.xlsx")
    book = load_workbook(out)
    header, *rows = book["activities"].iter_rows()
    date = [cell.value for cell in header].index("date")
    written = {row[date].value for row in rows}
    # 2024/1/1 as written is read as 2024-01-01; 2024-07 (a month) stays text
    assert {datetime.datetime(2024, 1, 1), datetime.datetime(2023, 12, 31), "2024-07"} <= written
    assert all(row[date].is_date for row in rows if row[date].value != "2024-07")
    assert load(out).equals(ds)


def test_analyze_and_export_write_the_same_sheets(tmp_path: Path) -> None:
    runner = CliRunner()
    analyzed, exported = tmp_path / "analyze.xlsx", tmp_path / "export.xlsx"
    fixture = str(ROOT / "tests" / "fixtures" / "committees")
    result = runner.invoke(
        main, ["analyze", "all", fixture, "--by-committee", "--format", "xlsx", "-o", str(analyzed)]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["export", fixture, "--to", "xlsx", "-o", str(exported)])
    assert result.exit_code == 0, result.output
    first, second = load_workbook(analyzed, read_only=True), load_workbook(exported, read_only=True)
    try:
        assert first.sheetnames == second.sheetnames
        for name in first.sheetnames:
            assert list(first[name].iter_rows(values_only=True)) == list(
                second[name].iter_rows(values_only=True)
            )
    finally:
        first.close()
        second.close()
    league = league_table(load(fixture))
    header, *rows = _rows(analyzed, "各政协排名")
    assert [row[header.index("委员数")] for row in rows] == league["members"].tolist()


def test_sheet_names_are_unique_and_short() -> None:
    # titles too long for Excel that are the same once cut, and characters Excel refuses in a sheet name
    names = sheet_names(["x" * 40, "x" * 41, "a/b:c"], "en")
    assert names == {"x" * 40: "x" * 31, "x" * 41: "x" * 29 + "_2", "a/b:c": "a_b_c"}
    assert sheet_names(["coverage", "league"], "zh") == {"coverage": "覆盖率", "league": "各政协排名"}


def test_tables_text_titles_each_table() -> None:
    ds = load(SAMPLE)
    text = tables_text({"coverage": coverage(ds)}, fmt="table", lang="en")
    assert text.startswith("Coverage\n")
    csv = tables_text({"coverage": coverage(ds), "league": league_table(ds)}, fmt="csv", lang="en")
    assert csv.startswith("# Coverage\n") and "\n# League table\n" in csv


def test_a_screen_table_leaves_out_the_committee_columns_where_no_row_names_one() -> None:
    # an office's own roster names no committee: every table had two empty columns, 政协 and 政协名称
    rows = pd.DataFrame(
        {"committee": ["", ""], "committee_name": ["", ""], "id": ["M001", "M002"], "name": ["王五", "李四"]}
    )
    assert text_table(rows).splitlines()[0].split() == ["编号", "名称"]
    # one row naming a committee, or a table without rows, keeps them; CSV keeps every column
    named = rows.assign(committee=["C1", ""], committee_name=["甲县政协", ""])
    assert text_table(named).splitlines()[0].split() == ["政协", "政协名称", "编号", "名称"]
    assert text_table(rows.head(0)).splitlines()[0].split() == ["政协", "政协名称", "编号", "名称"]
    assert csv_text(rows).splitlines()[0] == "政协,政协名称,编号,名称"

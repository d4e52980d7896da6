"""Outputs an official can read (issue 10, item 10; DESIGN 5): every id has its name beside it, a person's
name is headed 姓名, xlsx rates are numbers shown as percentages with the header frozen and filtered, and a
table's title is its title, without the row count.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pbgraph import load
from pbgraph.cli import main
from pbgraph.naming import NAME_COLUMNS, PERSON_TABLES
from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "sample"
ID_HEADERS = {"政协": "政协名称", "界别": "界别名称", "镇街": "镇街名称", "唯一联系人": "唯一联系人姓名"}
COUNT_IN_TITLE = re.compile(r"[（(]\d+[）)]\s*$")


def run(*args: object) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_table_output_titles_carry_no_row_count_and_ids_have_names() -> None:
    text = run("analyze", "all", SAMPLE)
    blocks = text.split("\n\n")
    titles = [block.splitlines()[0] for block in blocks if block.strip() and not block.startswith("注")]
    assert "未联系党外委员" in titles and "仅一人联系" in titles
    assert [t for t in titles if COUNT_IN_TITLE.search(t)] == []
    headers = {block.splitlines()[0]: block.splitlines()[1].split() for block in blocks if block.strip()}
    assert headers["未联系党外委员"][:9] == [
        *("政协", "政协名称", "编号", "姓名", "政治面貌"),
        *("界别", "界别名称", "镇街", "镇街名称"),
    ]
    assert headers["仅一人联系"] == ["政协", "政协名称", "编号", "姓名", "唯一联系人", "唯一联系人姓名"]
    # a sector's name is a name, not a person's
    assert headers["界别缺口"][2:4] == ["编号", "名称"]


def test_names_beside_ids_are_the_right_names(tmp_path: Path) -> None:
    ds = load(SAMPLE)
    records = json.loads(run("analyze", "all", SAMPLE, "--format", "json"))
    checked = 0
    for table, rows in records.items():
        for row in rows:
            for column, name_column in NAME_COLUMNS.items():
                # contacts (the far end of a dormant liaison) are named by the analysis itself
                if row.get(column) and ds.name_of(row[column]):
                    assert row[name_column] == ds.name_of(row[column]), (table, column)
                    checked += 1
    assert checked > 500
    fragile = records["fragile"][0]
    assert fragile["liaised_by_name"] and fragile["liaised_by_name"] == ds.name_of(fragile["liaised_by"])


@pytest.mark.parametrize("command", ["analyze", "report"])
def test_every_xlsx_sheet_is_readable(tmp_path: Path, command: str) -> None:
    out = tmp_path / "t.xlsx"
    if command == "analyze":
        run("analyze", "all", SAMPLE, "--format", "xlsx", "-o", out)
    else:
        run("report", SAMPLE, "-o", tmp_path / "r.html", "--xlsx", out)
    book = load_workbook(out)
    percent = 0
    for sheet in book.worksheets:
        assert not COUNT_IN_TITLE.search(sheet.title)
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref, sheet.title
        header = [c.value for c in sheet[1]]
        for position, title in enumerate(header):
            if title in ID_HEADERS:
                assert header[position + 1] == ID_HEADERS[title], (sheet.title, header)
            if title and str(title).endswith("率"):
                for cell in next(sheet.iter_cols(min_col=position + 1, max_col=position + 1, min_row=2)):
                    if cell.value != "n/a":
                        assert isinstance(cell.value, float) and "%" in cell.number_format, sheet.title
                        percent += 1
    assert percent > 0
    assert [c.value for c in book["仅一人联系"][1]][:6] == [
        *("政协", "政协名称", "编号", "姓名"),
        *("唯一联系人", "唯一联系人姓名"),
    ]


def test_csv_output_has_the_names() -> None:
    text = run("analyze", "load", SAMPLE, "--format", "csv", "--lang", "en")
    header = text.split("# Fragile links\n")[1].splitlines()[0].split(",")
    assert header[:6] == ["committee", "committee name", "id", "name", "liaised by", "liaised by (name)"]


def test_report_tables_head_people_with_name_and_titles_without_counts(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    run("report", SAMPLE, "-o", out)
    html = out.read_text(encoding="utf-8")
    titles = re.findall(r"<h3>(.*?)</h3>", html)
    assert "联系负担" in titles and "仅一人联系" in titles
    assert [t for t in titles if COUNT_IN_TITLE.search(t)] == []
    assert ">姓名<" in html


def test_person_tables_are_the_tables_of_members() -> None:
    ds = load(SAMPLE)
    records = json.loads(run("analyze", "all", SAMPLE, "--format", "json"))
    members = set(ds.members["id"])
    for table in PERSON_TABLES & set(records):
        assert {r["id"] for r in records[table]} <= members, table


def test_the_name_of_an_id_is_its_row_s_name() -> None:
    # written from the tables: members, sectors, townships and organizations name their ids; anything else
    # (a contact, an unknown id) has no name
    import dataclasses

    import pandas as pd

    ds = load(SAMPLE)
    expected = {}
    for table in ("members", "sectors", "townships", "organizations"):
        frame = getattr(ds, table)
        expected.update(dict(zip(frame["id"], frame["name"], strict=True)))
    ids = [*expected, ds.contacts["id"].iloc[0], "no-such-id", ""]
    assert [ds.name_of(i) for i in ids] == [*expected.values(), "", "", ""]
    assert ds.names_of(ids).tolist() == [*expected.values(), "", "", ""]
    # an id given twice (only in a dataset with errors) is named by its last row
    twice = ds.members.iloc[[0]].assign(name="后一行")
    odd = dataclasses.replace(ds, members=pd.concat([ds.members, twice], ignore_index=True))
    assert odd.name_of(twice["id"].iloc[0]) == "后一行"
    assert odd.names_of([twice["id"].iloc[0]]).tolist() == ["后一行"]


def test_a_few_ids_are_named_as_many_are() -> None:
    # a few ids asked (fewer than half the known ones) are looked up the other way round: the same names,
    # an id asked twice named twice, the name of an id given twice its last row's
    import dataclasses

    import pandas as pd

    ds = load(SAMPLE)
    twice = ds.members.iloc[[3]].assign(name="后一行")
    odd = dataclasses.replace(ds, members=pd.concat([ds.members, twice], ignore_index=True))
    known = [*odd.members["id"], *odd.organizations["id"]]
    few = [known[5], twice["id"].iloc[0], "no-such-id", known[5], "", odd.contacts["id"].iloc[0], known[-1]]
    assert len(few) * 2 < len(known)
    assert odd.names_of(few).tolist() == [odd.name_of(i) for i in few]
    assert odd.names_of(few)[1] == "后一行" and odd.names_of(few)[0] == odd.names_of(few)[3] != ""
    assert odd.names_of(few).tolist() == odd.names_of(few + known).tolist()[: len(few)]


def test_english_tables_show_words_not_codes() -> None:
    # 无党派人士 and 群众 have no English abbreviation a reader knows (NP, MASSES), nor have the eight other
    # parties (RCCK, CDL … were shown as they are coded: an English reader knows 民盟 as the China Democratic
    # League); a kind is words (sector group, not sector_group); CPC stays CPC; JSON keeps its codes
    codes = r"\b(MASSES|NP|CYL|RCCK|CDL|CNDCA|CAPD|CPWDP|CZGP|JS|TDSGL|sector_group)\b"
    for args in (["--lang", "en"], ["--lang", "en", "--format", "csv"]):
        text = run("analyze", "all", SAMPLE, *args)
        assert not re.search(codes, text)
    cells = run("analyze", "all", SAMPLE, "--lang", "en", "--format", "csv")
    assert ",Masses," in cells and ",Non-party," in cells and ",sector group," in cells
    # the sample's other parties: 民盟 九三学社 农工党 台盟 民建 民进 民革 致公党
    for name in (
        "China Democratic League",
        "Jiusan Society",
        "Peasants' and Workers' Democratic Party",
        "Taiwan Democratic Self-Government League",
        "Democratic National Construction Association",
        "Association for Promoting Democracy",
        "Kuomintang Revolutionary Committee",
        "China Zhi Gong Party",
    ):
        assert f",{name}," in cells, name
    assert ",CPC," in cells
    raw = run("analyze", "all", SAMPLE, "--lang", "en", "--format", "json")
    assert '"MASSES"' in raw and '"sector_group"' in raw and '"CDL"' in raw
    # Chinese as before
    assert ",民盟," in run("analyze", "all", SAMPLE, "--format", "csv")

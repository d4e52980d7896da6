"""Phone and ID numbers written in free text (DESIGN 3.1: 手机号, 身份证号 "never reach any output"): masked
at load, whatever reads the dataset, with a warning that counts them per column; dates and ids stay as
written.

Two fixtures, as offices and analysts keep them: an office workbook (title rows, a roster with a 手机号
column, a 联系记录 sheet whose 内容 holds a mobile, a landline and an ID number) and a canonical CSV folder
(notes of liaisons and activities holding a +86 mobile, an old 15-digit ID number and a landline in brackets).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from pbgraph import load
from pbgraph._personal_numbers import mask_column
from pbgraph.cli import main

PHONE = "〔电话已删除〕"
ID_NUMBER = "〔身份证号已删除〕"

# every number of the fixtures as written, and its digits alone
WORKBOOK_NUMBERS = ("13800138004", "138-0013-8005", "0755-86001234", "11010119710301001X", "13900139000")
FOLDER_NUMBERS = ("+86 139 0013 9006", "110101710301001", "(010)62751234", "15912345678")


def _digits(numbers: tuple[str, ...]) -> list[str]:
    return [*numbers, *("".join(c for c in n if c.isdigit() or c in "Xx") for n in numbers)]


OFFICE_SHEETS: dict[str, list[list[object]]] = {
    "委员名单": [
        ["示例区政协委员名单"],
        ["（2025年3月）"],
        ["序号", "编号", "姓名", "政治面貌", "界别", "所在镇（街）", "手机号"],
        [1, "M0001", "张三", "中共党员", "经济界", "东关街道", "13900139000"],
        [2, "M0002", "李四", "民盟盟员", "经济界", "东关街道", "13900139001"],
        [3, "M0003", "钱七", "无党派人士", "教育界", "西河镇", ""],
    ],
    "党员委员联系党外委员一览表": [["序号", "党员委员", "联系党外委员"], [1, "张三", "李四、钱七"]],
    "联系记录": [
        ["党员委员联系记录"],
        ["序号", "日期", "党员委员", "联系对象", "方式", "内容"],
        [1, "2025-03-05", "张三", "钱七", "谈心谈话", "了解钱七(电话13800138004)工作情况"],
        [2, "2025-03-06", "张三", "李四", "走访", "2025-03-05 与 M0001 座谈,20250305 记,共 12 人"],
        [
            3,
            "2025-04-01",
            "张三",
            "李四",
            "电话",
            "回访,手机 138-0013-8005,座机 0755-86001234;身份证11010119710301001X",
        ],
        ["合计", "3次"],
    ],
}


def office_workbook(path: Path) -> Path:
    book = Workbook()
    book.remove(book.worksheets[0])
    for title, rows in OFFICE_SHEETS.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def csv_folder(path: Path) -> Path:
    path.mkdir()
    files = {
        "members.csv": [
            "id,name,party,sector,township",
            "M0001,张三,CPC,S1,T1",
            "M0002,李四,CDL,S1,T1",
            "M0003,钱七,NP,S1,T1",
        ],
        "sectors.csv": ["id,name", "S1,经济界"],
        "townships.csv": ["id,name", "T1,东关街道"],
        "liaisons.csv": [
            "source,target,kind,since,note",
            "M0001,M0002,member,2025-01-02,电话：+86 139 0013 9006，老身份证110101710301001",
            "M0001,M0003,member,2025-01-02,M0001 于 2025 年联系 3 次",
        ],
        "activities.csv": [
            "date,kind,members,target,organization,note",
            "2025-03-05,talk,M0001,M0003,,约在20250305；座机(010)62751234",
            "2025-03-06,visit,M0001,M0002,,联系人手机15912345678",
        ],
    }
    for name, lines in files.items():
        (path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return office_workbook(tmp_path / "工作台账.xlsx")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return csv_folder(tmp_path / "canonical")


def test_a_workbook_is_read_with_its_numbers_masked_and_its_dates_and_ids_as_written(workbook: Path) -> None:
    ds = load(workbook, cache=False)
    notes = ds.activities.sort_values("date")["note"].tolist()
    assert notes == [
        f"了解钱七(电话{PHONE})工作情况",
        "2025-03-05 与 M0001 座谈,20250305 记,共 12 人",
        f"回访,手机 {PHONE},座机 {PHONE};身份证{ID_NUMBER}",
    ]
    assert ds.members["id"].tolist() == ["M0001", "M0002", "M0003"]
    # one warning per row that held a number (printed as one line), each with the column's counts
    warnings = [p for p in ds.warnings if p.code == "personal_numbers_masked"]
    assert [(p.sheet, p.row, p.column, p.value, p.params) for p in warnings] == [
        ("联系记录", row, "内容", None, {"phones": 3, "id_numbers": 1}) for row in (3, 5)
    ]


def test_a_canonical_folder_is_read_with_its_numbers_masked(folder: Path) -> None:
    ds = load(folder, cache=False)
    assert ds.liaisons["note"].tolist() == [
        f"电话：{PHONE}，老身份证{ID_NUMBER}",
        "M0001 于 2025 年联系 3 次",
    ]
    assert ds.activities["note"].tolist() == [f"约在20250305；座机{PHONE}", f"联系人手机{PHONE}"]
    warnings = [
        (p.file, p.row, p.column, p.params) for p in ds.warnings if p.code == "personal_numbers_masked"
    ]
    assert warnings == [
        ("liaisons.csv", 2, "note", {"phones": 1, "id_numbers": 1}),
        ("activities.csv", 2, "note", {"phones": 2, "id_numbers": 0}),
        ("activities.csv", 3, "note", {"phones": 2, "id_numbers": 0}),
    ]
    # the warning lists the rows, never a number
    assert not any(n in str(p) for p in ds.warnings for n in _digits(FOLDER_NUMBERS))


def test_import_says_how_many_numbers_it_masked_beside_the_columns_it_dropped(
    workbook: Path, tmp_path: Path
) -> None:
    out = tmp_path / "ds"
    result = CliRunner().invoke(main, ["import", str(workbook), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "“手机号”列是个人敏感信息" in result.output
    (line,) = [line for line in result.output.splitlines() if "“内容”列" in line]
    assert line.startswith("[警告] 工作台账.xlsx［工作表 联系记录］ “内容”列 第 3、5 行，共 2 行：")
    assert "本列共 3 个电话号码、1 个身份证号" in line
    english = CliRunner().invoke(main, ["import", str(workbook), "-o", str(tmp_path / "en"), "--lang", "en"])
    assert "(3 phone numbers, 1 ID numbers in this column)" in english.output
    _assert_no_number(out, WORKBOOK_NUMBERS)
    assert "M0001" in (out / "members.csv").read_text(encoding="utf-8-sig")
    assert "20250305" in (out / "activities.csv").read_text(encoding="utf-8-sig")


WRITERS = {
    "csv": ["export", "{d}", "--to", "csv", "-o", "{o}/csv"],
    "xlsx": ["export", "{d}", "--to", "xlsx", "-o", "{o}/t.xlsx"],
    "json": ["export", "{d}", "--to", "json", "-o", "{o}/g.json"],
    "graphml": ["export", "{d}", "--to", "graphml", "-o", "{o}/g.graphml"],
    "report": ["report", "{d}", "-o", "{o}/r.html", "--xlsx", "{o}/r.xlsx"],
    "render": ["render", "network", "{d}", "-o", "{o}/n.html"],
    "redacted csv": ["export", "{d}", "--redact", "--to", "csv", "-o", "{o}/red"],
}


@pytest.mark.parametrize("args", WRITERS.values(), ids=WRITERS.keys())
@pytest.mark.parametrize("source", ["workbook", "folder"])
def test_no_writer_writes_a_number(
    source: str, args: list[str], request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    dataset: Path = request.getfixturevalue(source)
    numbers = WORKBOOK_NUMBERS if source == "workbook" else FOLDER_NUMBERS
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(main, [a.format(d=dataset, o=out) for a in args])
    assert result.exit_code == 0, result.output
    assert not [n for n in _digits(numbers) if n in result.output]
    _assert_no_number(out, numbers)
    if "--redact" not in args and args[-1].endswith("csv"):
        written = (out / "csv" / "activities.csv").read_text(encoding="utf-8-sig")
        assert PHONE in written


def _assert_no_number(out: Path, numbers: tuple[str, ...]) -> None:
    files = [p for p in out.rglob("*") if p.is_file()]
    assert files
    for path in files:
        data = path.read_bytes()
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as book:
                data = b"".join(book.read(name) for name in book.namelist())
        found = [n for n in _digits(numbers) if n.encode() in data or n.encode("utf-16-le") in data]
        assert found == [], path.name


def test_the_shortest_number_masked_is_looked_at_and_shorter_cells_are_not_changed() -> None:
    # a column's cells shorter than any number masked are passed over: the shortest, a landline of a 3-digit
    # area code and 7 digits, is 10 characters and still masked; 9 digits are no number masked
    cells = pd.Series(["0102345678", "010234567", "", "张三"], dtype="str")
    masked, rows, counts = mask_column(cells)
    assert masked.tolist() == ["〔电话已删除〕", "010234567", "", "张三"]
    assert rows.tolist() == [True, False, False, False] and counts == {"phone": 1, "id_number": 0}

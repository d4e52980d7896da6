"""Reading datasets from disk (CSV folders, workbooks, encodings, delimiters, malformed files) and writing
them back."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import pbgraph
from pbgraph._csv_reader import SNIFF_BYTES, detect_encoding
from pbgraph._write import atomic_open, atomic_path
from pbgraph.io import read_raw, write_csv_tables, write_xlsx_tables
from pbgraph.validate import build_dataset
from tests.broken import (
    Tables,
    base,
    dataset,
    errors,
    load_ok,
    only,
    problems_of,
    write_csv,
    write_xlsx,
)

ROOT = Path(__file__).resolve().parent.parent
ZH_NAMES = {
    "members": "委员",
    "sectors": "界别",
    "townships": "镇街",
    "organizations": "组织",
    "memberships": "组织成员",
    "liaisons": "联系",
    "contacts": "联系群众",
}


def csv_text(tables: Tables, table: str, *, lang: str = "en") -> str:
    """One table as CSV text (comma, LF), as `write_csv` writes it."""
    sheet = tables[table]
    lines = [",".join(sheet.headers(table, lang))] + [",".join(row) for row in sheet.rows]
    return "\n".join(lines) + "\n"


@pytest.fixture
def reference(tmp_path: Path) -> pbgraph.Dataset:
    """The base dataset loaded from plain UTF-8 CSVs with English headers."""
    return load_ok(write_csv(tmp_path / "reference", base()))


# sources ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("names", ["en", "zh"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_csv_folder_and_workbook_give_the_same_dataset(
    tmp_path: Path, reference: pbgraph.Dataset, names: str, lang: str
) -> None:
    table_names = ZH_NAMES if names == "zh" else None
    folder = write_csv(tmp_path / "csv", base(), lang=lang, file_names=table_names)
    workbook = write_xlsx(tmp_path / "数据.xlsx", base(), lang=lang, sheet_names=table_names)
    from_csv, from_xlsx = load_ok(folder), load_ok(workbook)
    assert from_csv.equals(reference)
    assert from_xlsx.equals(reference)
    assert from_csv.warnings == [] and from_xlsx.warnings == []


def test_chinese_file_names_are_recognized(tmp_path: Path) -> None:
    folder = write_csv(tmp_path / "ds", base(), lang="zh", file_names=ZH_NAMES)
    assert (folder / "委员.csv").exists()
    raw, problems = read_raw(folder)
    assert problems == []
    assert set(raw) == set(ZH_NAMES)
    assert raw["members"].file == "委员.csv"
    assert raw["members"].headers["party"] == "政治面貌"


def test_header_aliases_and_markers(tmp_path: Path, reference: pbgraph.Dataset) -> None:
    tables = base()
    folder = write_csv(tmp_path / "ds", tables)
    # a required-column star, another alias, upper case and spaces around a header are all accepted
    text = csv_text(tables, "members").replace("id,name,party", "委员编号*, Name ,PARTY", 1)
    (folder / "members.csv").write_text(text, encoding="utf-8")
    assert load_ok(folder).equals(reference)


def test_unknown_file_and_sheet_are_warned_about_and_ignored(
    tmp_path: Path, reference: pbgraph.Dataset
) -> None:
    folder = write_csv(tmp_path / "ds", base())
    (folder / "说明.csv").write_text("这是说明\n", encoding="utf-8")
    ds = load_ok(folder)
    assert ds.equals(reference)
    warning = only(ds.warnings, "unknown_table")
    assert (warning.severity, warning.file) == ("warning", "说明.csv")

    tables = base() | {"notes": base()["contacts"]}
    ds = load_ok(write_xlsx(tmp_path / "book.xlsx", tables))
    warning = only(ds.warnings, "unknown_table")
    assert (warning.file, warning.sheet) == ("book.xlsx", "notes")


def test_same_table_twice_is_an_error(tmp_path: Path) -> None:
    folder = write_csv(tmp_path / "ds", base())
    (folder / "委员.csv").write_bytes((folder / "members.csv").read_bytes())
    problem = only(problems_of(folder), "duplicate_table")
    assert problem.is_error and problem.file == "委员.csv" and "members.csv" in problem.message("en")

    tables = base()
    workbook = write_xlsx(tmp_path / "book.xlsx", tables | {"委员": tables["members"]})
    problem = only(problems_of(workbook), "duplicate_table")
    assert (problem.file, problem.sheet) == ("book.xlsx", "委员")
    assert "members" in problem.message("zh")


def test_path_that_is_neither_folder_nor_workbook(tmp_path: Path) -> None:
    problems = problems_of(tmp_path / "nowhere")
    assert [p.code for p in errors(problems)] == ["path_missing"]
    assert "nowhere" in problems[0].message("en")
    # one CSV is a dataset (DESIGN 3.1, read by pbgraph.office); other files are not
    file = tmp_path / "members.json"
    file.write_text("id,name,party\n", encoding="utf-8")
    assert only(problems_of(file), "path_kind").is_error


# encodings and delimiters -------------------------------------------------------------------------

ENCODINGS = [
    # (encoding, delimiter, line end, suffix): what Excel and WPS write on Chinese Windows
    pytest.param("utf-8", ",", "\n", ".csv", id="utf-8"),
    pytest.param("utf-8-sig", ",", "\r\n", ".csv", id="utf-8-bom"),
    pytest.param("gb18030", ",", "\r\n", ".csv", id="gb18030"),
    pytest.param("gbk", ",", "\r\n", ".csv", id="gbk"),
    pytest.param("utf-16", "\t", "\r\n", ".txt", id="utf-16-unicode-text"),
]


@pytest.mark.parametrize(("encoding", "delimiter", "newline", "suffix"), ENCODINGS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_encodings_load_identically(
    tmp_path: Path,
    reference: pbgraph.Dataset,
    encoding: str,
    delimiter: str,
    newline: str,
    suffix: str,
    lang: str,
) -> None:
    folder = write_csv(
        tmp_path / "ds",
        base(),
        lang=lang,
        encoding=encoding,
        delimiter=delimiter,
        newline=newline,
        suffix=suffix,
    )
    ds = load_ok(folder)
    assert ds.equals(reference)
    assert ds.warnings == []


@pytest.mark.parametrize("encoding", ["gb18030", "gbk"])
def test_plain_ascii_for_the_first_megabyte_then_gb18030(tmp_path: Path, encoding: str) -> None:
    tables = base()
    contacts = tables["contacts"]
    contacts.set(2, "name", "contact")
    line = len("K000000,contact,T1\n")
    for number in range(SNIFF_BYTES // line + 100):
        contacts.add(id=f"K{number:06d}", name="contact", township="T1")
    last = contacts.add(id="K-last", name="群众乙（最后一行）", township="T2")
    folder = write_csv(tmp_path / "ds", tables, encoding=encoding)
    data = (folder / "contacts.csv").read_bytes()
    assert detect_encoding(data[:SNIFF_BYTES], complete=False) == "utf-8"  # what the sniffer sees
    ds = load_ok(folder)
    assert len(ds.contacts) == last - 1
    assert ds.contacts["name"].iat[-1] == "群众乙（最后一行）"


@pytest.mark.parametrize("delimiter", ["\t", ";", "|"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_delimiter_is_detected(tmp_path: Path, reference: pbgraph.Dataset, delimiter: str, lang: str) -> None:
    folder = write_csv(tmp_path / "ds", base(), lang=lang, delimiter=delimiter)
    assert load_ok(folder).equals(reference)


def test_commas_inside_cells_do_not_fool_the_delimiter_sniffer(tmp_path: Path) -> None:
    tables = base()
    tables["liaisons"].set(2, "note", "见面,电话;微信")
    ds = load_ok(write_csv(tmp_path / "ds", tables, delimiter=";"))
    assert ds.liaisons["note"].iat[0] == "见面,电话;微信"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("编号,姓名".encode("utf-8-sig"), "utf-8"),
        ("编号,姓名".encode(), "utf-8"),
        ("编号,姓名".encode("gb18030"), "gb18030"),
        ("编号\t姓名".encode("utf-16"), "utf-16"),
        (b"id,name\x00\x01", None),
        (bytes([0x80, 0xFF, 0x80, 0xFF]), None),
    ],
)
def test_detect_encoding(data: bytes, expected: str | None) -> None:
    assert detect_encoding(data, complete=True) == expected


def test_utf8_sample_cut_inside_a_character_is_still_utf8() -> None:
    data = "编号,姓名\n".encode() * 10
    assert detect_encoding(data[:-2], complete=False) == "utf-8"


# malformed files ----------------------------------------------------------------------------------


def _members_bytes(tables: Tables) -> bytes:
    return csv_text(tables, "members").encode()


MALFORMED = [
    # (id, members.csv contents from the base members text, code, Excel row)
    pytest.param(lambda text: text[: text.rindex(",,,")], "wrong_field_count", 5, id="cut-mid-line"),
    pytest.param(
        lambda text: text.replace("N2,孙二,NP,,S2,T2,,,甲公司", 'N2,孙二,NP,,S2,T2,,,"甲公'),
        "open_quote",
        5,
        id="unterminated-quote-at-end",
    ),
    pytest.param(
        lambda text: text.replace("M2,王二", 'M2,"王二'),
        "wrong_field_count",
        3,
        id="unterminated-quote-mid-file",
    ),
    pytest.param(
        lambda text: text.replace("N1,钱一,民盟,,S1,T1,,,", "N1,钱一,民盟,,S1,T1,,,,多余"),
        "wrong_field_count",
        4,
        id="too-many-fields",
    ),
    pytest.param(
        lambda text: text.replace("N1,钱一,民盟,,S1,T1,,,", "N1,钱一"),
        "wrong_field_count",
        4,
        id="too-few-fields",
    ),
]


@pytest.mark.parametrize(("mangle", "code", "row"), MALFORMED)
def test_malformed_csv_names_the_row(tmp_path: Path, mangle: object, code: str, row: int) -> None:
    tables = base()
    folder = write_csv(tmp_path / "ds", tables)
    text = mangle(csv_text(tables, "members"))  # type: ignore[operator]
    (folder / "members.csv").write_text(text, encoding="utf-8")
    problems = problems_of(folder)
    problem = only(problems, code)
    assert (problem.severity, problem.file, problem.row) == ("error", "members.csv", row)
    assert f"第 {row} 行" in problem.message("zh") and f"row {row}" in problem.message("en")
    # the unreadable table is neither "missing" nor the cause of "unknown id" errors elsewhere
    assert [p.code for p in errors(problems)] == [code]


def test_too_many_fields_says_how_many(tmp_path: Path) -> None:
    tables = base()
    folder = write_csv(tmp_path / "ds", tables)
    text = csv_text(tables, "members").replace("N1,钱一,民盟,,S1,T1,,,", "N1,钱一,民盟,,S1,T1,,,,多余")
    (folder / "members.csv").write_text(text, encoding="utf-8")
    problem = only(problems_of(folder), "wrong_field_count")
    assert problem.params == {"expected": 9, "actual": 10}
    assert "多余" in (problem.value or "")
    assert "10" in problem.message("en") and "9" in problem.message("en")


@pytest.mark.parametrize(
    ("contents", "code"),
    [
        pytest.param(b"", "empty_file", id="empty"),
        pytest.param(
            bytes(random.Random(1).randrange(256) for _ in range(4000)) + b"\x00" * 8,
            "undecodable",
            id="binary-junk",
        ),
        pytest.param(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" * 50, "undecodable", id="png"),
        pytest.param(b"\n\n\n", "no_header", id="blank-lines-only"),
    ],
)
def test_unreadable_file_is_one_clear_error(tmp_path: Path, contents: bytes, code: str) -> None:
    folder = write_csv(tmp_path / "ds", base())
    (folder / "sectors.csv").write_bytes(contents)
    problems = problems_of(folder)
    problem = only(problems, code)
    assert (problem.severity, problem.file, problem.row) == ("error", "sectors.csv", None)
    assert problem.message("zh").startswith("sectors.csv：")
    assert problem.message("en").startswith("sectors.csv: ")
    assert [p.code for p in errors(problems)] == [code]


@pytest.mark.parametrize("newline", ["\n", "\r\n", ""])
def test_header_only_file_is_an_empty_table(tmp_path: Path, newline: str) -> None:
    tables = base()
    tables["contacts"].rows.clear()
    tables["liaisons"].rows = [r for r in tables["liaisons"].rows if r[2] != "contact"]
    folder = write_csv(tmp_path / "ds", tables)
    (folder / "contacts.csv").write_text("id,name,township" + newline, encoding="utf-8")
    ds = load_ok(folder)
    assert len(ds.contacts) == 0
    assert list(ds.contacts.columns) == ["id", "name", "township"]


def test_header_only_required_table_reads_as_zero_rows(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    folder.mkdir()
    (folder / "members.csv").write_text("编号,姓名,政治面貌", encoding="gb18030")
    raw, problems = read_raw(folder)
    assert problems == []
    assert len(raw["members"].frame) == 0


def test_workbook_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "roster.xlsx"
    path.write_text("id,name,party\nM1,张一,CPC\n", encoding="utf-8")
    problems = problems_of(path)
    problem = only(problems, "bad_workbook")
    assert (problem.severity, problem.file) == ("error", "roster.xlsx")
    assert "xlsx" in problem.message("zh")
    assert [p.code for p in errors(problems)] == ["bad_workbook"]


def test_truncated_and_damaged_workbooks(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", base())
    data = good.read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(data[: len(data) // 2])
    assert only(problems_of(cut), "bad_workbook").file == "cut.xlsx"

    other = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert only(problems_of(other), "bad_workbook").file == "other.xlsx"

    # a sheet whose XML is cut off fails only when its rows are read (openpyxl reads lazily)
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content[: len(content) // 2]
            target.writestr(item, content)
    problems = problems_of(damaged)
    problem = only(problems, "bad_workbook")
    assert (problem.file, problem.sheet) == ("damaged.xlsx", "members")
    assert [p.code for p in errors(problems)] == ["bad_workbook"]


def test_empty_sheet_is_an_error(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = write_xlsx(tmp_path / "book.xlsx", base())
    workbook = load_workbook(path)
    del workbook["sectors"]
    workbook.create_sheet("sectors")
    workbook.save(path)
    problem = only(problems_of(path), "empty_file")
    assert (problem.file, problem.sheet, problem.is_error) == ("book.xlsx", "sectors", True)


@pytest.mark.slow
def test_200_mb_csv_loads_within_reasonable_time_and_memory(tmp_path: Path) -> None:
    tables = base()
    for i in range(100):
        tables["members"].add(id=f"P{i}", name=f"党员{i}", party="CPC", sector="S1", township="T1")
        tables["members"].add(id=f"Q{i}", name=f"党外{i}", party="NP", sector="S2", township="T2")
    tables["liaisons"].rows.clear()
    folder = write_csv(tmp_path / "ds", tables)
    # 10,000 distinct liaisons, repeated: every repeat is a duplicate-liaison warning
    block = "".join(
        f"P{i},Q{j},member,2024-03-01,第{i}组联系记录 note\n" for i in range(100) for j in range(100)
    )
    data = block.encode()
    repeats = 200_000_000 // len(data) + 1
    with (folder / "liaisons.csv").open("wb") as handle:
        handle.write(b"source,target,kind,since,note\n")
        for _ in range(repeats):
            handle.write(data)
    assert (folder / "liaisons.csv").stat().st_size > 200_000_000
    # in a child process, so that its peak memory is its own
    script = (
        "import json, resource, sys, time, pbgraph\n"
        "start = time.monotonic()\n"
        "ds = pbgraph.load(sys.argv[1])\n"
        "print(json.dumps({'liaisons': len(ds.liaisons), 'seconds': time.monotonic() - start,\n"
        "  'warnings': [w.code for w in ds.warnings],\n"
        "  'peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(folder)], capture_output=True, text=True, timeout=600, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["liaisons"] == repeats * 10_000
    assert result["warnings"].count("duplicate_liaison") == 200
    assert result["warnings"][-1] == "too_many"
    assert result["peak_mb"] < 4096, result
    assert result["seconds"] < 300, result


# row numbers and cell types -----------------------------------------------------------------------


def test_blank_lines_keep_the_excel_row_numbers(tmp_path: Path) -> None:
    tables = base()
    folder = write_csv(tmp_path / "ds", tables, newline="\r\n")
    lines = csv_text(tables, "members").splitlines()
    # rows 3 and 5 are blank (one empty, one only spaces); N1 then sits on row 6 and N2 on row 7
    lines = [*lines[:2], "", lines[2], "   ", *lines[3:]]
    lines[-1] = lines[-1].replace(",NP,", ",maybe,")
    (folder / "members.csv").write_text("\r\n".join(lines) + "\r\n\r\n", encoding="utf-8")
    problem = only(problems_of(folder), "unknown_enum")
    assert (problem.file, problem.row, problem.column, problem.value) == ("members.csv", 7, "party", "maybe")


def test_blank_rows_in_a_workbook_keep_the_row_numbers(tmp_path: Path) -> None:
    tables = base()
    members = tables["members"]
    members.rows.insert(1, [""] * len(members.columns))  # Excel row 3 left empty
    members.set(6, "party", "maybe")  # N2, now on row 6
    problem = only(problems_of(write_xlsx(tmp_path / "book.xlsx", tables)), "unknown_enum")
    assert (problem.file, problem.sheet, problem.row, problem.value) == ("book.xlsx", "members", 6, "maybe")


def test_typed_excel_cells_become_text(tmp_path: Path) -> None:
    tables = base()
    for sheet, column in (("members", "id"), ("liaisons", "source"), ("memberships", "member")):
        for number in range(2, len(tables[sheet].rows) + 2):
            if tables[sheet].get(number, column) == "M1":
                tables[sheet].set(number, column, "1001")
    cells: dict[tuple[str, int, str], object] = {
        ("members", 2, "id"): 1001,  # a number cell
        ("liaisons", 2, "source"): 1001.0,  # a number Excel stores as float
        ("liaisons", 4, "source"): 1001,
        ("memberships", 2, "member"): 1001,
        ("liaisons", 2, "since"): dt.datetime(2024, 3, 1),  # a date cell
        ("liaisons", 3, "since"): dt.date(2023, 12, 31),
        ("liaisons", 5, "since"): dt.datetime(2024, 7, 8, 9, 30),
        ("members", 2, "party_group"): True,  # a boolean cell
        ("members", 3, "party_group"): False,
        ("members", 5, "enterprise"): 3.5,
    }
    ds = load_ok(write_xlsx(tmp_path / "book.xlsx", tables, cells=cells))
    assert ds.members["id"].iat[0] == "1001"
    assert ds.liaisons["source"].tolist()[:3] == ["1001", "M2", "1001"]
    assert ds.memberships["member"].iat[0] == "1001"
    assert ds.liaisons["since"].tolist() == ["2024-03-01", "2023-12-31", "2024-05-06", "2024-07-08", ""]
    assert ds.members["party_group"].tolist() == [True, False, False, False]
    assert ds.members["enterprise"].iat[3] == "3.5"


# writing ------------------------------------------------------------------------------------------


def _tricky() -> Tables:
    tables = base()
    notes = ["逗号,分隔", 'say "hi"', "两行\n文字", "=1+1", " 007"]
    for number, note in enumerate(notes, start=2):
        tables["liaisons"].set(number, "note", note)
    tables["members"].set(5, "enterprise", "甲公司;乙公司")
    return tables


@pytest.mark.parametrize("source", ["csv", "xlsx"])
def test_write_tables_round_trip_exactly(tmp_path: Path, source: str) -> None:
    tables = _tricky()
    path = (
        write_csv(tmp_path / "in", tables, encoding="gb18030")
        if source == "csv"
        else write_xlsx(tmp_path / "in.xlsx", tables)
    )
    ds = load_ok(path)
    assert ds.liaisons["note"].tolist() == ["逗号,分隔", 'say "hi"', "两行\n文字", "=1+1", "007"]

    written = write_csv_tables(ds.tables, tmp_path / "out")
    assert [p.name for p in written] == [f"{name}.csv" for name in ds.tables]
    assert written[0].read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, for Excel
    assert load_ok(tmp_path / "out").equals(ds)

    book = write_xlsx_tables(ds.tables, tmp_path / "out.xlsx")
    again = load_ok(book)
    assert again.equals(ds)
    assert again.warnings == []


def test_round_trip_of_a_multi_committee_dataset(tmp_path: Path) -> None:
    from tests.broken import multi_committee

    tables = multi_committee()
    tables["members"].set(2, "committee", "Y；X")
    ds = load_ok(write_csv(tmp_path / "in", tables))
    assert ds.members["committee"].iat[0] == "X;Y"
    write_csv_tables(ds.tables, tmp_path / "out")
    write_xlsx_tables(ds.tables, tmp_path / "out.xlsx")
    assert load_ok(tmp_path / "out").equals(ds)
    assert load_ok(tmp_path / "out.xlsx").equals(ds)


def test_build_dataset_from_read_raw(tmp_path: Path, reference: pbgraph.Dataset) -> None:
    raw, problems = read_raw(dataset(tmp_path))
    assert build_dataset(raw, problems).equals(reference)


class Boom(Exception):
    pass


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_atomic_open_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.csv"
    with pytest.raises(Boom), atomic_open(target) as handle:
        handle.write("half of a")
        raise Boom
    assert not target.exists()
    assert _leftovers(target.parent, set()) == []

    target.write_text("old", encoding="utf-8")
    with pytest.raises(Boom), atomic_open(target, "wb") as handle:
        handle.write(b"new but broken")
        raise Boom
    assert target.read_text(encoding="utf-8") == "old"
    assert _leftovers(target.parent, {"report.csv"}) == []

    with atomic_open(target) as handle:
        handle.write("新内容\n")
    assert target.read_text(encoding="utf-8") == "新内容\n"
    assert _leftovers(target.parent, {"report.csv"}) == []


def test_atomic_path_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(Boom), atomic_path(target) as tmp:
        tmp.write_bytes(b"partial")
        raise Boom
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path, {"book.xlsx"}) == []


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    with atomic_open(tmp_path / "a.csv") as handle:
        handle.write("x")
    assert stat.S_IMODE((tmp_path / "a.csv").stat().st_mode) == 0o666 & ~umask


def test_file_that_cannot_be_opened(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = dataset(tmp_path)
    real_open = Path.open

    def locked(self: Path, *args: object, **kwargs: object) -> object:
        # what Windows says while Excel has the file open
        if self.name == "members.csv":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", locked)
    problems = problems_of(folder)
    problem = only(problems, "unreadable")
    assert (problem.severity, problem.file) == ("error", "members.csv")
    assert "Permission denied" in problem.message("en") and "Excel" in problem.message("zh")
    assert [p.code for p in errors(problems)] == ["unreadable"]


def test_folder_named_like_a_table_is_said_so(tmp_path: Path) -> None:
    tables = base()
    del tables["contacts"]
    tables["liaisons"].rows.pop()
    folder = dataset(tmp_path, tables)
    (folder / "contacts.csv").mkdir()
    # not "missing", not silently skipped: a folder where the table's file should be (issue 10.8)
    with pytest.raises(pbgraph.DatasetError) as caught:
        pbgraph.load(folder)
    assert [p.code for p in caught.value.problems if p.is_error] == ["table_is_folder"]


def test_files_read_at_once_say_what_each_says_alone(tmp_path: Path) -> None:
    # a folder's files are read on several threads: every malformed file, each with a cell over the csv
    # module's default limit, still names its own row, in the files' order, and the limit is left as it was
    tables = base()
    folder = write_csv(tmp_path / "ds", tables)
    big = "长" * 70_000
    for table in ("members", "liaisons", "memberships", "sectors"):
        lines = csv_text(tables, table).splitlines()
        lines[2] = lines[2] + f',"{big}",x'
        (folder / f"{table}.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    limit = csv.field_size_limit()
    found = [(p.code, p.file, p.row) for p in errors(problems_of(folder))]
    alone = []
    for table in sorted(("members", "liaisons", "memberships", "sectors")):
        single = write_csv(tmp_path / table, tables)
        (single / f"{table}.csv").write_bytes((folder / f"{table}.csv").read_bytes())
        alone += [(p.code, p.file, p.row) for p in errors(problems_of(single))]
    assert (
        found
        == alone
        == [
            ("wrong_field_count", f"{t}.csv", 3)
            for t in sorted(("liaisons", "members", "memberships", "sectors"))
        ]
    )
    assert csv.field_size_limit() == limit

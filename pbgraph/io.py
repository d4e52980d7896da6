"""Read the tables of a dataset from disk (a folder of CSVs or one .xlsx workbook) and write them back.

Reading returns *raw* tables: every cell a string, headers mapped to the canonical column names, and the
row number each record has in Excel, so that validation can point at it. Nothing here judges the values.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import os
import re
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from pbgraph._csv_trouble import csv_fields_unlimited as csv_fields_unlimited
from pbgraph._csv_trouble import excel_rows_of_bad_records, open_quote_row
from pbgraph._csv_trouble import undecodable as undecodable
from pbgraph._table_writers import write_csv_tables as write_csv_tables
from pbgraph._table_writers import write_xlsx_tables as write_xlsx_tables
from pbgraph._threads import CPUS
from pbgraph._workbook_guard import DAMAGED, MAX_ROWS, check_workbook, too_many_rows
from pbgraph._write import CSV_UNQUOTE
from pbgraph.model import TABLE_ALIASES, TABLES, Table
from pbgraph.problem import Problem

SNIFF_BYTES = 1 << 20
CSV_DELIMITERS = (",", "\t", ";", "|")


@dataclass
class RawTable:
    """One table as read from disk, before validation.

    Attributes
    ----------
    name
        Canonical table name (`members`, `liaisons` …).
    frame
        One column per recognized header (canonical names), every cell a string ("" when empty).
    file
        File name as the user knows it (relative to the dataset path).
    sheet
        Sheet name for workbooks, else None.
    rows
        Excel row number of each record (header = row 1).
    headers
        Canonical column name -> the header as written in the file.
    """

    name: str
    frame: pd.DataFrame
    file: str
    sheet: str | None
    rows: np.ndarray
    headers: dict[str, str] = field(default_factory=dict)

    def problem(
        self,
        code: str,
        *,
        severity: str = "error",
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        **params: Any,
    ) -> Problem:
        """A problem located in this table (column given by canonical name; one the file does not have is
        named as the file would head it, :meth:`column_words`)."""
        words = self.column_words(column) if column and column not in self.headers else None
        return Problem(
            code=code,
            severity=severity,
            table=self.name,
            file=self.file,
            sheet=self.sheet,
            row=row,
            column=words[0] if words else self.headers.get(column, column) if column else None,
            value=value,
            params=params,
            column_words=words,
        )

    @property
    def english_headers(self) -> bool:
        """Whether the file heads its columns with the canonical (English) names."""
        return any(header.strip().lower() == canonical for canonical, header in self.headers.items())

    def column_words(self, column: str) -> tuple[str, str] | None:
        """What this file would head a column it does not have (`column`, a canonical name): the model's
        Chinese header (the canonical name where the file's headers are English), and the canonical name."""
        table = TABLES.get(self.name)
        if table is None or column not in table.column_names:
            return None
        return (column if self.english_headers else table.column(column).zh, column)


def _table_for(stem: str) -> Table | None:
    key = stem.strip()
    name = TABLE_ALIASES.get(key, key.lower())
    return TABLES.get(name)


def _header_key(header: str) -> str:
    return header.replace("\ufeff", "").replace("*", "").replace("＊", "").strip()


def map_headers(table: Table, headers: list[str]) -> tuple[dict[int, str], list[str]]:
    """Map the headers as written to canonical column names.

    Returns the position -> canonical name of every recognized column, and the headers not recognized.
    """
    lookup: dict[str, str] = {}
    for column in table.columns:
        for alias in (column.name, column.zh, *column.aliases):
            lookup[alias.lower()] = column.name
    mapped: dict[int, str] = {}
    unknown: list[str] = []
    for position, header in enumerate(headers):
        name = lookup.get(_header_key(header).lower())
        if name is None:
            if _header_key(header):
                unknown.append(header)
        elif name not in mapped.values():
            mapped[position] = name
    return mapped, unknown


def duplicate_headers(table: Table, headers: list[str]) -> list[tuple[str, str]]:
    """(first header, later header) for every column given twice, also under two names (编号 and id)."""
    lookup: dict[str, str] = {}
    for column in table.columns:
        for alias in (column.name, column.zh, *column.aliases):
            lookup[alias.lower()] = column.name
    first: dict[str, str] = {}
    found = []
    for header in headers:
        name = lookup.get(_header_key(header).lower())
        if name is None:
            continue
        if name in first:
            found.append((first[name], header))
        else:
            first[name] = header
    return found


MAX_UNKNOWN_LISTED = 5


def header_problems(raw: RawTable, headers: list[str], unknown: list[str], table: Table) -> list[Problem]:
    """Errors for a column given twice (naming both headers); warnings for unknown columns, grouped when
    there are many (one line, not one per column)."""
    problems = [
        raw.problem("duplicate_column", severity="error", column=later, value=later, first=first)
        for first, later in duplicate_headers(table, headers)
    ]
    if len(unknown) > MAX_UNKNOWN_LISTED:
        shown = unknown[:MAX_UNKNOWN_LISTED]
        problems.append(
            raw.problem(
                "unknown_columns",
                severity="warning",
                value="、".join(shown),
                value_en=", ".join(shown),
                count=len(unknown),
            )
        )
    else:
        problems.extend(raw.problem("unknown_column", severity="warning", column=h, value=h) for h in unknown)
    return problems


def detect_encoding(sample: bytes, *, complete: bool) -> str | None:
    """Guess the encoding of a CSV from its first bytes: UTF-8 (with or without BOM), UTF-16, GB18030.

    Returns None for what is not text (NUL bytes, or no encoding decodes it).
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample:
        return None
    for encoding in ("utf-8", "gb18030"):
        try:
            # the sample may end inside a character; only a complete file must decode to the end
            codecs.getincrementaldecoder(encoding)().decode(sample, final=complete)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def _sniff_delimiter(header_line: str, table: Table) -> str:
    # the delimiter that splits the header into the most recognized columns wins; comma on ties
    best, best_count = ",", -1
    for delimiter in CSV_DELIMITERS:
        headers = next(csv.reader([header_line], delimiter=delimiter), [])
        count = len(map_headers(table, headers)[0])
        if count > best_count:
            best, best_count = delimiter, count
    return best


# what str.splitlines splits at (a \r\n is one break)
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def _file_bytes(path: Path) -> pa.Buffer:
    """The bytes of a file, read to its end into a buffer of arrow's memory."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        data = pa.allocate_buffer(size)
        got = handle.readinto(memoryview(data))
        rest = handle.read()
    if got == size and not rest:
        return data
    # the file changed size while it was read: what was read, as it was read
    return pa.py_buffer(data[:got].to_pybytes() + rest)


def _odd_quote_count(data: pa.Buffer, encoding: str) -> bool:
    """Whether the file's bytes hold an odd number of double quotes (so a quoted field may be left open)."""
    if encoding == "utf-16":
        return data.to_pybytes().decode(encoding).count('"') % 2 == 1
    # in UTF-8 and GB18030 the byte 0x22 is never part of a multi-byte character
    count = 0
    every = np.frombuffer(data, dtype=np.uint8)
    # a few megabytes at a time: no comparison as large as the file
    for start in range(0, len(every), 1 << 22):
        count += int(np.count_nonzero(every[start : start + (1 << 22)] == 0x22))
    return count % 2 == 1


def read_csv_table(path: Path, table: Table, *, display: str) -> tuple[RawTable | None, list[Problem]]:
    """Read one CSV file of a dataset; problems say why it could not be read."""

    def fail(code: str, *, row: int | None = None, **params: Any) -> tuple[None, list[Problem]]:
        return None, [
            Problem(code=code, severity="error", table=table.name, file=display, row=row, params=params)
        ]

    def fail_undecodable() -> tuple[None, list[Problem]]:
        code, row, params = undecodable(data.to_pybytes())
        return fail(code, row=row, **params)

    # the file is read once: arrow parses these bytes, and the quotes are counted in them. Read into arrow's
    # memory (large pages where the system gives them), not a Python bytes object: a national dataset's
    # gigabyte would otherwise cost a page fault per 4 KiB, which some machines make very expensive
    data = _file_bytes(path)
    size = data.size
    if size == 0:
        return fail("empty_file")
    sample = data[:SNIFF_BYTES].to_pybytes()
    encoding = detect_encoding(sample, complete=size <= SNIFF_BYTES)
    if encoding is None:
        return fail_undecodable()
    text = sample.decode(encoding, errors="replace").lstrip("\ufeff")
    # the first line and whether more follow, as str.splitlines sees them, without splitting the rest
    first_break = _LINE_BREAK.search(text)
    header_line = text[: first_break.start()] if first_break else text
    more = first_break is not None and first_break.end() < len(text)
    if not text or not header_line.strip():
        return fail("no_header")
    delimiter = _sniff_delimiter(header_line, table)
    headers = next(csv.reader([header_line], delimiter=delimiter))
    names = [f"c{i}" for i in range(len(headers))]
    if size <= SNIFF_BYTES and not more:
        # a header without a line break after it: arrow cannot skip it, and there are no records anyway
        return _raw_csv_table(
            table,
            display,
            headers,
            pa.table({n: pa.array([], pa.string()) for n in names}),
            np.zeros(0, dtype=np.int64),
        )
    bad_rows: list[str] = []

    def on_invalid(row: Any) -> str:
        bad_rows.append(row.text)
        return "skip"

    def read(enc: str) -> pa.Table:
        return pacsv.read_csv(
            pa.BufferReader(data),
            # a block holds whole cells: a 1 MB cell needs a block larger than arrow's default
            read_options=pacsv.ReadOptions(
                encoding=enc, column_names=names, skip_rows=1, block_size=max(1 << 22, min(size + 1, 1 << 26))
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter,
                newlines_in_values=True,
                ignore_empty_lines=False,
                invalid_row_handler=on_invalid,
            ),
            convert_options=pacsv.ConvertOptions(
                # the text type pandas keeps its text columns in: no copy when the frame is made
                column_types={n: pa.large_string() for n in names},
                strings_can_be_null=False,
            ),
        )

    try:
        try:
            arrow = read(encoding)
        except pa.ArrowInvalid as error:
            # a file that starts as plain UTF-8 may turn out to be GB18030 further down
            if encoding != "utf-8" or "UTF8" not in str(error):
                raise
            bad_rows.clear()
            encoding = "gb18030"
            arrow = read(encoding)
    except pa.ArrowInvalid as error:
        detail = str(error).split("\n")[0]
        if "UTF8" in detail or "decode" in detail.lower():
            return fail_undecodable()
        return fail("parse_error", detail=detail)
    except (UnicodeError, LookupError):
        return fail_undecodable()
    rows = np.arange(2, arrow.num_rows + 2)
    if bad_rows:
        text = data.to_pybytes().decode(encoding, errors="replace").lstrip("\ufeff")
        bad, blank = excel_rows_of_bad_records(text, delimiter, len(headers))
        problems = [
            Problem(
                code="wrong_field_count",
                severity="error",
                table=table.name,
                file=display,
                row=number,
                value=record[:80],
                params={"expected": len(headers), "actual": count},
            )
            for number, count, record in bad
        ]
        if problems or not blank or len(blank) != len(bad_rows):
            return None, problems or [
                Problem(
                    code="parse_error",
                    severity="error",
                    table=table.name,
                    file=display,
                    params={"detail": bad_rows[0][:80]},
                )
            ]
        # arrow skipped the whitespace-only lines: number the records after them as Excel does
        rows = np.delete(np.arange(2, arrow.num_rows + len(blank) + 2), np.asarray(blank) - 2)
    if _odd_quote_count(data, encoding):
        text = data.to_pybytes().decode(encoding, errors="replace").lstrip("\ufeff")
        open_row = open_quote_row(text, delimiter)
        if open_row is not None:
            return None, [
                Problem(code="open_quote", severity="error", table=table.name, file=display, row=open_row)
            ]
    return _raw_csv_table(table, display, headers, arrow, rows)


def _raw_csv_table(
    table: Table, display: str, headers: list[str], arrow: pa.Table, rows: np.ndarray
) -> tuple[RawTable, list[Problem]]:
    mapped, unknown = map_headers(table, headers)
    # a cell written as '=… (so a spreadsheet shows it as text) is read back as it was (DESIGN 5)
    frame = pd.DataFrame(
        {name: _unquoted(arrow.column(pos)).to_pandas() for pos, name in mapped.items()},
        index=pd.RangeIndex(arrow.num_rows),
    )
    raw = RawTable(
        name=table.name,
        frame=frame,
        file=display,
        sheet=None,
        rows=rows,
        headers={name: headers[pos] for pos, name in mapped.items()},
    )
    return raw, header_problems(raw, headers, unknown, table)


def _unquoted(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """The column with the `'` that protected a formula-like cell removed (:data:`CSV_UNQUOTE`); the regular
    expression only runs over a column where some cell starts with `'`."""
    if not pc.any(pc.starts_with(column, "'")).as_py():
        return column
    pattern, replacement = CSV_UNQUOTE
    return pc.replace_substring_regex(column, pattern=pattern, replacement=replacement, max_replacements=1)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def read_xlsx(path: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read every recognized sheet of a workbook."""
    from openpyxl import load_workbook

    display = path.name
    # a zip bomb, a damaged file or formulas without stored values: refused before any cell is parsed
    refused = check_workbook(path, display)
    if refused:
        return {}, refused
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except DAMAGED as error:
        return {}, [
            Problem(code="bad_workbook", severity="error", file=display, params={"detail": str(error)})
        ]
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    try:
        for sheet in workbook.worksheets:
            table = _table_for(sheet.title)
            if table is None:
                problems.append(
                    Problem(code="unknown_table", severity="warning", file=display, sheet=sheet.title)
                )
                continue
            if table.name in tables:
                problems.append(
                    Problem(
                        code="duplicate_table",
                        severity="error",
                        table=table.name,
                        file=display,
                        sheet=sheet.title,
                        params={"other": tables[table.name].sheet},
                    )
                )
                continue
            try:
                raw, found = _read_sheet(sheet, table, display)
            except DAMAGED as error:
                problems.append(
                    Problem(
                        code="bad_workbook",
                        severity="error",
                        table=table.name,
                        file=display,
                        sheet=sheet.title,
                        params={"detail": str(error)},
                    )
                )
                continue
            problems.extend(found)
            if raw is not None:
                tables[table.name] = raw
    finally:
        workbook.close()
    return tables, problems


def _read_sheet(sheet: Any, table: Table, display: str) -> tuple[RawTable | None, list[Problem]]:
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, None)
    if header_row is None:
        return None, [
            Problem(code="empty_file", severity="error", table=table.name, file=display, sheet=sheet.title)
        ]
    headers = [_cell_text(h) for h in header_row]
    mapped, unknown = map_headers(table, headers)
    columns: dict[str, list[str]] = {name: [] for name in mapped.values()}
    for excel_row, values in enumerate(rows, start=2):
        if excel_row > MAX_ROWS:
            return None, [too_many_rows(display, sheet.title)]
        for pos, name in mapped.items():
            columns[name].append(_cell_text(values[pos]) if pos < len(values) else "")
    count = len(next(iter(columns.values()), []))
    raw = RawTable(
        name=table.name,
        frame=pd.DataFrame(
            {name: pd.array(col, dtype="str") for name, col in columns.items()}, index=pd.RangeIndex(count)
        ),
        file=display,
        sheet=sheet.title,
        rows=np.arange(2, count + 2),
        headers={name: headers[pos] for pos, name in mapped.items()},
    )
    return raw, header_problems(raw, headers, unknown, table)


def read_folder(
    path: Path, *, progress: Callable[[str], None] | None = None
) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read every recognized CSV file in a folder (several at once, a thread per core up to `MAX_READERS`:
    arrow parses without holding Python's lock; what is found is gathered in the files' order)."""
    files = [
        f for f in sorted(path.iterdir()) if f.suffix.lower() in CSV_SUFFIXES and not f.name.startswith(".")
    ]
    with ThreadPoolExecutor(max_workers=max(min(len(files), CPUS, MAX_READERS), 1)) as pool:
        reads = {
            file: pool.submit(read_csv_table, file, table, display=file.name)
            for file in files
            if (table := _table_for(file.stem)) is not None and file.is_file()
        }
        return _gathered(path, files, reads, progress)


CSV_SUFFIXES = (".csv", ".txt", ".tsv")
# files read at once at most: each holds its bytes in memory while it is parsed
MAX_READERS = 4


def _gathered(
    path: Path,
    files: list[Path],
    reads: dict[Path, Future[tuple[RawTable | None, list[Problem]]]],
    progress: Callable[[str], None] | None,
) -> tuple[dict[str, RawTable], list[Problem]]:
    """The tables of a folder's files, in their order, and every problem met, each read in `reads`."""
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for file in files:
        if not file.is_file():
            if file.is_dir() and _table_for(file.stem) is not None:
                problems.append(Problem(code="table_is_folder", severity="error", file=file.name))
            continue
        table = _table_for(file.stem)
        if table is None:
            problems.append(Problem(code="unknown_table", severity="warning", file=file.name))
            continue
        if table.name in tables:
            problems.append(
                Problem(
                    code="duplicate_table",
                    severity="error",
                    table=table.name,
                    file=file.name,
                    params={"other": tables[table.name].file},
                )
            )
            continue
        if progress:
            progress(file.name)
        try:
            future = reads.get(file)
            raw, found = future.result() if future else read_csv_table(file, table, display=file.name)
        except OSError as error:
            # e.g. the file is open in Excel on Windows, or not readable by this user
            detail = error.strerror or str(error)
            raw, found = (
                None,
                [
                    Problem(
                        code="unreadable",
                        severity="error",
                        table=table.name,
                        file=file.name,
                        params={"detail": detail},
                    )
                ],
            )
        problems.extend(found)
        if raw is not None:
            tables[table.name] = raw
    if not tables and not problems:
        # e.g. a folder given where its CSV file was meant: one line, not every table missing
        problems.append(Problem(code="folder_without_tables", severity="error", file=path.name))
    return tables, problems


def read_raw(
    path: str | os.PathLike[str],
    *,
    progress: Callable[[str], None] | None = None,
) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read the raw tables of a dataset from a folder of CSVs or an .xlsx workbook."""
    path = Path(path)
    if not path.exists():
        return {}, [Problem(code="path_missing", severity="error", file=str(path))]
    if path.is_dir():
        return read_folder(path, progress=progress)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        if progress:
            progress(path.name)
        return read_xlsx(path)
    return {}, [Problem(code="path_kind", severity="error", file=path.name)]

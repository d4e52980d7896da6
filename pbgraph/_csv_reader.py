"""Read one CSV file of a dataset into a raw table: its encoding detected (UTF-8, UTF-16, GB18030), its
delimiter sniffed from the header, the records parsed by arrow, and why a file cannot be read (the error path
itself is :mod:`pbgraph._csv_trouble`).
"""

from __future__ import annotations

import codecs
import csv
import os
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from pbgraph._csv_trouble import excel_rows_of_bad_records, open_quote_row, undecodable
from pbgraph._raw_table import RawTable, header_problems, map_headers
from pbgraph._write import CSV_UNQUOTE
from pbgraph.model import Table
from pbgraph.problem import Problem

SNIFF_BYTES = 1 << 20
CSV_DELIMITERS = (",", "\t", ";", "|")


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

"""What reading a CSV file says when it goes wrong: why its bytes are not text, which records have the wrong
number of fields, where a quote is left open. The error path only: the csv module, which knows record
numbers, re-reads the text."""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import threading
from collections.abc import Iterator
from typing import Any


def excel_rows_of_bad_records(
    text: str, delimiter: str, expected: int
) -> tuple[list[tuple[int, int, str]], list[int]]:
    """Records whose field count is wrong (Excel row, count, text), and the rows that are only whitespace."""
    # error path only: re-read with the csv module, which knows record numbers
    bad, blank = [], []
    # newline="": a carriage return inside a quoted cell is part of the cell, as arrow reads it
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    with csv_fields_unlimited():
        for number, record in enumerate(records, start=1):
            if record and len(record) != expected:
                if any(cell.strip() for cell in record):
                    bad.append((number, len(record), delimiter.join(record)))
                else:
                    blank.append(number)
    return bad, blank


def undecodable(data: bytes) -> tuple[str, int | None, dict[str, Any]]:
    """Why a CSV file's bytes are not text: the problem code, the row (as Excel numbers rows) and the params.

    A file that starts as UTF-8 and goes on in GB18030 (two files pasted together) says where the second
    encoding begins; a file cut off inside a character says so; anything else may be binary.
    """
    data = data.removeprefix(codecs.BOM_UTF8)
    if b"\x00" in data:
        return "undecodable", None, {}
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        at = error.start
        cut = error.reason == "unexpected end of data"
    else:
        return "undecodable", None, {}
    row = data.count(b"\n", 0, at) + 1
    if cut:
        return "cut_character", row, {"byte": at + 1}
    line = data[data.rfind(b"\n", 0, at) + 1 : data.find(b"\n", at) % (len(data) + 1)]
    try:
        line.decode("gb18030")
    except UnicodeDecodeError:
        return "undecodable", row, {}
    return "mixed_encoding", row, {"byte": at + 1}


# the csv module's field size limit is one setting of the whole process: one thread at a time changes it
_FIELD_LIMIT = threading.RLock()


@contextlib.contextmanager
def csv_fields_unlimited() -> Iterator[None]:
    """Let the csv module read cells of any size (it refuses those over 128 KiB; a valid cell may be 1 MB).
    One thread at a time (the files of a folder are read at once): the limit is the process's."""
    with _FIELD_LIMIT:
        before = csv.field_size_limit()
        csv.field_size_limit(1 << 30)
        try:
            yield
        finally:
            csv.field_size_limit(before)


def open_quote_row(text: str, delimiter: str) -> int | None:
    """Excel row of the record where quoting goes wrong (e.g. a quote left open at the end), if any."""
    number = 1
    try:
        with csv_fields_unlimited():
            for _record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
                number += 1
    except csv.Error:
        return number
    return None

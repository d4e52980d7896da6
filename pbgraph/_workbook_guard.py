"""Checks on a workbook before (and while) its cells are read: refuse a zip bomb or a sheet beyond what Excel
holds, and find formula cells whose value was never stored (a workbook written by a program, not saved by
Excel/WPS), which would otherwise read as empty cells.

Both readers use these: the canonical one (:mod:`pbgraph.io`) and the office one (:mod:`pbgraph.office`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from pathlib import Path

from pbgraph.problem import Problem

MAX_UNPACKED = 1 << 30
"""Largest unpacked size of a canonical workbook (1 GiB: more than any sheet Excel can fill with a roster)."""

MAX_OFFICE_UNPACKED = 128 << 20
"""Largest unpacked size of an office workbook: it is read whole (merged cells), so far less than the
canonical one, and still far more than any roster kept by hand."""

MAX_RATIO = 100
"""A part that unpacks to more than this many times its packed size (and to more than `RATIO_FLOOR`) is a zip
bomb: cells of a real sheet pack about ten to one."""

RATIO_FLOOR = 32 << 20

MAX_ROWS = 1_048_576
"""Rows of one sheet in Excel: a sheet with more was not made by Excel/WPS."""

MAX_FORMULA_CELLS_LISTED = 5

DAMAGED = (zipfile.BadZipFile, zlib.error, KeyError, OSError, ValueError, EOFError, SyntaxError)
"""What a damaged workbook raises, when opened or (read-only mode parses lazily) when its rows are read."""

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# a formula cell followed by no value, or by an empty one: `<c r="B2"><f>…</f><v /></c>`
_FORMULA_WITHOUT_VALUE = re.compile(
    rb'<c\b[^>]*?\br="([A-Z]{1,3}[0-9]{1,7})"[^>]*>\s*(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>'
)
_CHUNK = 1 << 24


def _problem(code: str, display: str, sheet: str | None = None, **params: object) -> Problem:
    return Problem(code=code, severity="error", file=display, sheet=sheet, params=params)


def _sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str | None, str]]:
    """(sheet name, part path) of every worksheet, in workbook order; names None when the workbook's own
    list cannot be read (the parts are then still scanned)."""
    try:
        book = ET.fromstring(archive.read("xl/workbook.xml"))
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") or "" for r in rels.iter(f"{_PACKAGE_REL}Relationship")}
        parts = []
        for sheet in book.iter(f"{_MAIN}sheet"):
            target = targets[sheet.get(f"{_REL}id")]
            parts.append(
                (sheet.get("name"), target.lstrip("/") if target.startswith("/") else f"xl/{target}")
            )
        return [(name, part) for name, part in parts if part in archive.NameToInfo]
    except (*DAMAGED, ET.ParseError):
        return [
            (None, n) for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")
        ]


def _scan(archive: zipfile.ZipFile, part: str) -> tuple[int, int, list[str]]:
    """The rows of a sheet part, how many of its formula cells hold no stored value, and the first few."""
    rows, count = 0, 0
    first: list[str] = []
    carry = b""
    with archive.open(part) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            data = carry + chunk
            if not chunk:
                carry = b""
            else:
                # a cell may run over the end of the chunk: keep its beginning for the next one
                cut = data.rfind(b"<c ")
                carry, data = (data[cut:], data[:cut]) if cut > 0 else (b"", data)
            rows += data.count(b"<row ") + data.count(b"<row>")
            if b"<f" in data:
                for match in _FORMULA_WITHOUT_VALUE.finditer(data):
                    count += 1
                    if len(first) < MAX_FORMULA_CELLS_LISTED:
                        first.append(match.group(1).decode("ascii"))
            if not chunk or rows > MAX_ROWS:
                return rows, count, first


def check_workbook(path: Path, display: str, *, office: bool = False) -> list[Problem]:
    """Problems that stop a workbook from being read: damaged, a zip bomb, or formulas without values.

    Reads the zip directory and scans the sheets' XML as a stream, so a hostile file is refused in a moment
    and with little memory, before any cell is parsed.
    """
    limit = MAX_OFFICE_UNPACKED if office else MAX_UNPACKED
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            unpacked = sum(info.file_size for info in infos)
            if unpacked > limit:
                return [_problem("workbook_too_large", display, size=unpacked >> 20, limit=limit >> 20)]
            for info in infos:
                if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    ratio = info.file_size // max(info.compress_size, 1)
                    return [_problem("workbook_bomb", display, size=info.file_size >> 20, ratio=ratio)]
            problems = []
            for sheet, part in _sheet_parts(archive):
                rows, count, first = _scan(archive, part)
                if rows > MAX_ROWS:
                    return [too_many_rows(display, sheet or part)]
                if count:
                    problems.append(
                        _problem("formula_without_value", display, sheet, count=count, cells=", ".join(first))
                    )
            return problems
    except DAMAGED as error:
        return [_problem("bad_workbook", display, detail=str(error))]


def too_many_rows(display: str, sheet: str) -> Problem:
    """The error for a sheet with more rows than Excel holds."""
    return _problem("sheet_too_many_rows", display, sheet, limit=MAX_ROWS)

"""Read office files into grids of cell texts: .xlsx/.xlsm (openpyxl), .xls (xlrd), one CSV (any encoding
Excel writes). Merged cells read as their value in every cell they cover."""

from __future__ import annotations

import csv
import io as _io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pbgraph._workbook_guard import DAMAGED, MAX_ROWS, check_workbook, too_many_rows
from pbgraph.office._text import cell_text
from pbgraph.problem import Problem

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
XLS_SUFFIXES = (".xls",)
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
OFFICE_SUFFIXES = (*WORKBOOK_SUFFIXES, *XLS_SUFFIXES, *CSV_SUFFIXES)


@dataclass
class Grid:
    """One sheet (or CSV file) as text: `cells[i]` is Excel row i + 1."""

    file: str
    sheet: str | None
    cells: list[list[str]]
    hidden: bool = False
    continued: frozenset[tuple[int, int]] = frozenset()
    """(row, column) indexes of the cells that read the value of a merged cell in a row above them."""

    @property
    def where(self) -> str:
        return f"{self.file}[{self.sheet}]" if self.sheet else self.file


def _problem(code: str, file: str, **params: Any) -> Problem:
    return Problem(code=code, severity="error", file=file, params=params)


def _number_format(fmt: str) -> str:
    # a fixed-decimals format ("0.00") keeps its decimals: 1964.10 typed as a number stays 1964.10
    return fmt if fmt else "General"


# Excel stores a carriage return in a cell's text as `_x000D_` (XML would turn a bare one into a line feed),
# which openpyxl leaves as it is: a line break typed or pasted as CR LF
_STORED_BREAK = re.compile(r"_x000[dDaA]_")


def _xlsx_value(cell: Any) -> str:
    value = cell.value
    if isinstance(value, str) and "_x000" in value:
        value = _STORED_BREAK.sub(lambda m: chr(int(m[0][2:6], 16)), value)
    if isinstance(value, float) and not value.is_integer():
        fmt = cell.number_format or ""
        if fmt.startswith("0.") and set(fmt[2:]) == {"0"}:
            return f"{value:.{len(fmt) - 2}f}"
    return cell_text(value, _number_format(cell.number_format))


def _fill_merged(
    cells: list[list[str]], spans: list[tuple[int, int, int, int]]
) -> frozenset[tuple[int, int]]:
    """Give every cell of each merged span (first row, end row, first column, end column; ends exclusive)
    the value of its top-left cell; the cells so filled below the span's first row (a continuation row reads
    them, it did not type them)."""
    continued = set()
    for first_row, end_row, first_col, end_col in spans:
        top = (
            cells[first_row][first_col]
            if first_row < len(cells) and first_col < len(cells[first_row])
            else ""
        )
        for r in range(first_row, min(end_row, len(cells))):
            for c in range(first_col, min(end_col, len(cells[r]))):
                cells[r][c] = top
                if r > first_row:
                    continued.add((r, c))
    return frozenset(continued)


def read_xlsx(path: Path, display: str) -> tuple[list[Grid], list[Problem]]:
    """Every sheet of an .xlsx workbook (formulas as their cached values)."""
    from openpyxl import load_workbook

    # read whole (merged cells are not known in read-only mode): refused first when that would be too much
    refused = check_workbook(path, display, office=True)
    if refused:
        return [], refused
    try:
        workbook = load_workbook(path, data_only=True)
    except DAMAGED as error:
        return [], [_problem("bad_workbook", display, detail=str(error))]
    grids = []
    try:
        for sheet in workbook.worksheets:
            if sheet.max_row > MAX_ROWS:
                return [], [too_many_rows(display, sheet.title)]
            cells = [[_xlsx_value(c) for c in row] for row in sheet.iter_rows()]
            spans = [(m.min_row - 1, m.max_row, m.min_col - 1, m.max_col) for m in sheet.merged_cells.ranges]
            continued = _fill_merged(cells, spans)
            hidden = sheet.sheet_state != "visible"
            grids.append(Grid(display, sheet.title, cells, hidden=hidden, continued=continued))
    finally:
        workbook.close()
    return grids, []


def read_xls(path: Path, display: str) -> tuple[list[Grid], list[Problem]]:
    """Every sheet of an old .xls workbook."""
    import xlrd

    try:
        try:
            book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True)
        except NotImplementedError:
            # formatting (and so merged cells) is not readable in some BIFF versions: read the values
            book = xlrd.open_workbook(str(path), on_demand=True)
    except (xlrd.XLRDError, OSError, ValueError, AssertionError, IndexError) as error:
        return [], [_problem("bad_workbook", display, detail=str(error))]
    grids = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            cells = []
            for r in range(sheet.nrows):
                row = []
                for c in range(sheet.ncols):
                    cell = sheet.cell(r, c)
                    if cell.ctype == xlrd.XL_CELL_DATE:
                        try:
                            when = xlrd.xldate_as_datetime(cell.value, book.datemode)
                            row.append(cell_text(when, _xls_format(book, cell)))
                        except (ValueError, OverflowError):
                            row.append(cell_text(cell.value))
                    elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                        row.append(cell_text(bool(cell.value)))
                    elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                        row.append("")
                    else:
                        row.append(cell_text(cell.value, _xls_format(book, cell)))
                cells.append(row)
            continued = _fill_merged(cells, getattr(sheet, "merged_cells", []))
            hidden = bool(getattr(sheet, "visibility", 0))
            grids.append(Grid(display, sheet.name, cells, hidden=hidden, continued=continued))
    finally:
        book.release_resources()
    return grids, []


def _xls_format(book: Any, cell: Any) -> str:
    try:
        xf = book.xf_list[cell.xf_index]
        return str(book.format_map[xf.format_key].format_str)
    except (AttributeError, IndexError, KeyError, TypeError):
        return "General"


def read_csv_grid(path: Path, display: str) -> tuple[list[Grid], list[Problem]]:
    """One CSV file (UTF-8, UTF-8 with BOM, UTF-16 or GB18030, comma/tab/semicolon separated)."""
    from pbgraph._csv_reader import detect_encoding
    from pbgraph._csv_trouble import csv_fields_unlimited, undecodable

    data = path.read_bytes()
    if not data.strip():
        return [], [_problem("empty_file", display)]
    encoding = detect_encoding(data, complete=True)
    if encoding is None:
        code, row, params = undecodable(data)
        return [], [Problem(code=code, severity="error", file=display, row=row, params=params)]
    text = data.decode(encoding).lstrip("\ufeff")
    first_lines = "\n".join(text.splitlines()[:10])
    delimiter = max((",", "\t", ";", "|"), key=first_lines.count)
    with csv_fields_unlimited():
        rows = list(csv.reader(_io.StringIO(text), delimiter=delimiter))
    return [Grid(display, None, [[cell_text(v) for v in row] for row in rows])], []


def read_grids(path: Path, display: str) -> tuple[list[Grid], list[Problem]]:
    """The grids of one office file, by its suffix."""
    suffix = path.suffix.lower()
    try:
        if suffix in WORKBOOK_SUFFIXES:
            return read_xlsx(path, display)
        if suffix in XLS_SUFFIXES:
            return read_xls(path, display)
        return read_csv_grid(path, display)
    except PermissionError as error:
        return [], [_problem("unreadable", display, detail=error.strerror or str(error))]

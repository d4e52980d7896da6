"""A workbook written from columns: the sheet XML of an .xlsx built a column at a time, as text, and zipped.

A general writer (openpyxl, XlsxWriter) makes a Python object or a call per cell and serializes it; a table
is written here with one comprehension per column on a template of its cell kind (text, number, percentage,
date), a few hundred thousand cells a second. Text goes to the shared-strings part, each distinct text once,
so that it is never a formula, whatever it starts with. `pbgraph._table_writers.write_xlsx_tables` writes
every workbook of tables with it; the office form (`pbgraph.office`), merged cells and data validation,
stays on openpyxl.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import IO, Any, NamedTuple

import numpy as np
import pandas as pd

from pbgraph._write import xml_safe

ROWS_PER_PIECE = 20_000
"""Rows built and zipped at a time: a sheet of a million rows never sits in memory as one text."""

_COMPRESSION = 4
"""zlib's level for the parts: half the time of its default (6) for a file some 6 % larger (a province's
analyses: 0.6 s and 7.0 MB against 1.2 s and 6.6 MB), about the size openpyxl's workbook had."""

_NUMBER, _PERCENT, _DATE = "", ' s="1"', ' s="2"'
"""A number cell's style attribute: none, 0.0% or yyyy-mm-dd (the cellXfs of :data:`_STYLES`)."""

_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
"""Day 0 of Excel's date serials (as counted from 1900-03-01 on)."""

_FIRST_EXCEL_DAY = pd.Timestamp("1900-03-01")
"""The first day Excel counts right (it takes 1900 for a leap year)."""

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_PACKAGE_TYPE = "application/vnd.openxmlformats-package"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_STYLES = (
    f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)

_PRESERVE = ' xml:space="preserve"'
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;"})
_SHEET_NAME_REFUSED = re.compile(r"[\[\]:*?/\\]")


class Sheet(NamedTuple):
    """A table to write as a sheet: its name, rows, and the positions of its percentage and date columns."""

    name: str
    frame: pd.DataFrame
    percent: Sequence[int] = ()
    dates: Sequence[int] = ()


def _escape(text: str) -> str:
    """`text` as XML character data or an attribute value (a CR kept as itself, not read as a line end)."""
    return text.translate(_ESCAPES)


def column_letter(position: int) -> str:
    """The letters of a column by its position from 0.

    Examples
    --------
    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(16383)
    ('A', 'Z', 'AA', 'XFD')
    """
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class _SharedStrings:
    """The workbook's texts, each once, in the order first written; a cell refers to one by its number."""

    def __init__(self) -> None:
        # the empty text is no shared string: its cell is left out
        self.numbers: dict[str, int] = {"": -1}

    def numbers_of(self, texts: list[str]) -> list[int]:
        """The numbers of `texts` (made XML-safe), -1 for an empty text (an empty cell)."""
        joined = "\n".join(texts)
        if xml_safe(joined) != joined:
            texts = [xml_safe(text) for text in texts]
        numbers = self.numbers
        return [numbers.setdefault(text, len(numbers) - 1) for text in texts]

    def xml(self) -> Iterable[str]:
        yield f'{_HEAD}<sst xmlns="{_MAIN}" uniqueCount="{len(self.numbers) - 1}">'
        texts = list(self.numbers)[1:]
        for start in range(0, len(texts), ROWS_PER_PIECE):
            # spaces at either end are the text's own, not the document's layout
            yield "".join(
                f"<si><t{_PRESERVE if t[0].isspace() or t[-1].isspace() else ''}>{_escape(t)}</t></si>"
                for t in texts[start : start + ROWS_PER_PIECE]
            )
        yield "</sst>"


def _text_cells(values: np.ndarray, letter: str, rows: range, strings: _SharedStrings) -> list[str]:
    """Cells of text, None (or NaN) for an empty cell: each distinct text looked up once."""
    codes, uniques = pd.factorize(values)
    numbers = np.array([*strings.numbers_of([str(u) for u in uniques]), -1])[codes].tolist()
    return [
        f'<c r="{letter}{r}" t="s"><v>{n}</v></c>' if n >= 0 else ""
        for r, n in zip(rows, numbers, strict=True)
    ]


def _number_cells(
    values: list[Any], letter: str, rows: range, style: str, strings: _SharedStrings
) -> list[str]:
    """Cells of Python numbers: NaN an empty cell, an infinity its text (XML has no number for it)."""
    return [
        f'<c r="{letter}{r}"{style}><v>{v}</v></c>'
        if math.isfinite(v)
        else _cell(v, f"{letter}{r}", style, strings)
        for r, v in zip(rows, values, strict=True)
    ]


def _cell(value: Any, ref: str, style: str, strings: _SharedStrings) -> str:
    """One cell of a column of mixed kinds: text (never a formula), a number, a date, or empty."""
    if isinstance(value, str):
        (number,) = strings.numbers_of([value])
        return f'<c r="{ref}" t="s"><v>{number}</v></c>' if number >= 0 else ""
    if isinstance(value, (bool, np.bool_)):
        return _cell("true" if value else "false", ref, style, strings)
    if isinstance(value, (int, float, np.integer, np.floating)):
        if math.isnan(value):
            return ""
        if not math.isfinite(value):
            return _cell(str(float(value)), ref, style, strings)
        return f'<c r="{ref}"{style}><v>{value}</v></c>'
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if type(value) is dt.date and value >= _FIRST_EXCEL_DAY.date():
        return f'<c r="{ref}"{_DATE}><v>{(value - _EXCEL_EPOCH.date()).days}</v></c>'
    return _cell(str(value), ref, style, strings)


def _column_cells(
    values: np.ndarray, letter: str, rows: range, style: str, strings: _SharedStrings
) -> list[str]:
    """The cells of one column piece, a text per row ("" for an empty cell)."""
    if values.dtype.kind in "mM":
        # timestamps as their text, as a table prints them
        values = pd.Series(values).astype(object).where(pd.notna(values), None).to_numpy()
    if values.dtype.kind in "iuf":
        return _number_cells(values.tolist(), letter, rows, style, strings)
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if kind in ("string", "empty"):
        return _text_cells(values, letter, rows, strings)
    if kind in ("integer", "floating", "mixed-integer-float") and not pd.isna(values).any():
        return _number_cells(values.tolist(), letter, rows, style, strings)
    return [_cell(v, f"{letter}{r}", style, strings) for r, v in zip(rows, values.tolist(), strict=True)]


def _date_serials(values: np.ndarray) -> np.ndarray:
    """Excel's day numbers of the ISO dates (YYYY-MM-DD) among `values`, -1 for any other value."""
    text = pd.Series(values, dtype=object).astype("str")
    days = pd.to_datetime(text.where(text.str.len() == 10), format="%Y-%m-%d", errors="coerce")
    # Excel shows no date before 1900 (it would show ####): those stay text
    serials = (days - _EXCEL_EPOCH).dt.days.where(days >= _FIRST_EXCEL_DAY)
    return serials.fillna(-1).to_numpy(dtype=np.int64)


def _width(frame: pd.DataFrame, position: int) -> float:
    """A column's width in characters: its header's or longest value's (in the first 2000 rows), 8 to 60."""
    values = frame.iloc[:2000, position].astype("str")
    longest = max([len(str(frame.columns[position])), *values.str.len().tolist()])
    return min(60, max(8, longest * 1.6 + 2))


def _sheet_xml(
    frame: pd.DataFrame, percent: Sequence[int], dates: Sequence[int], strings: _SharedStrings
) -> Iterable[str]:
    """A table's worksheet part, in pieces: header frozen, autofilter on, columns sized."""
    letters = [column_letter(p) for p in range(len(frame.columns))]
    last = f"{letters[-1]}{len(frame) + 1}" if letters else "A1"
    yield (
        f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_RELS}"><dimension ref="A1:{last}"/>'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
    )
    if letters:
        widths = (_width(frame, p) for p in range(len(letters)))
        yield "<cols>"
        yield "".join(
            f'<col min="{p}" max="{p}" width="{w}" customWidth="1"/>' for p, w in enumerate(widths, start=1)
        )
        yield "</cols>"
    header = [
        _cell(str(c), f"{letter}1", _NUMBER, strings)
        for c, letter in zip(frame.columns, letters, strict=True)
    ]
    yield f'<sheetData><row r="1">{"".join(header)}</row>'
    styles = [_PERCENT if p in percent else _NUMBER for p in range(len(letters))]
    for start in range(0, len(frame), ROWS_PER_PIECE):
        piece = frame.iloc[start : start + ROWS_PER_PIECE]
        rows = range(start + 2, start + 2 + len(piece))
        columns = []
        for position, letter in enumerate(letters):
            values = piece.iloc[:, position].to_numpy()
            if position not in dates:
                columns.append(_column_cells(values, letter, rows, styles[position], strings))
                continue
            serials = _date_serials(values)
            dated = serials >= 0
            others = values.astype(object)
            others[dated] = None
            other = _column_cells(others, letter, rows, styles[position], strings)
            columns.append(
                [
                    f'<c r="{letter}{r}"{_DATE}><v>{serial}</v></c>' if serial >= 0 else cell
                    for r, serial, cell in zip(rows, serials.tolist(), other, strict=True)
                ]
            )
        yield "".join(
            f'<row r="{r}">{"".join(cells)}</row>'
            for r, cells in zip(rows, zip(*columns, strict=True), strict=True)
        )
    yield "</sheetData>"
    if letters:
        yield f'<autoFilter ref="A1:{last}"/>'
    yield "</worksheet>"


def _sheet_titles(names: Iterable[str]) -> list[str]:
    """Sheet names Excel takes: XML-safe, no character it refuses, at most 31 characters, unique."""
    titles: list[str] = []
    for name in names:
        base = _SHEET_NAME_REFUSED.sub("_", xml_safe(str(name)))[:31] or "Sheet"
        title, n = base, 2
        while title.casefold() in (t.casefold() for t in titles):
            title, n = f"{base[: 31 - len(str(n)) - 1]}_{n}", n + 1
        titles.append(title)
    return titles


_ZIP64_CELLS = 10_000_000
"""Cells past which a part may pass 2 GiB (a cell's XML is at most some 60 bytes): only then is it written
with Zip64 sizes, which some older readers do not take."""


def _write_part(archive: zipfile.ZipFile, name: str, pieces: Iterable[str], *, cells: int) -> None:
    """Write a part from its pieces of text as they are made."""
    with archive.open(name, "w", force_zip64=cells > _ZIP64_CELLS) as part:
        for piece in pieces:
            part.write(piece.encode("utf-8"))


def write_workbook(handle: IO[bytes], sheets: Sequence[Sheet]) -> None:
    """Write tables as an .xlsx workbook into `handle` (seekable), a sheet per table in order, header frozen,
    autofilter on, columns sized.

    The numbers of a sheet's `percent` columns are shown as percentages (0.0%), and the ISO dates
    (YYYY-MM-DD, from 1900-03-01 on) of its `dates` columns are dates shown as yyyy-mm-dd; other values in
    them stay as they are. Text is text (never a formula; digits in text stay text), numbers are numbers
    (an infinity its text), booleans true/false, None, NaN and empty text empty cells.
    """
    titles = _sheet_titles(sheet.name for sheet in sheets)
    strings = _SharedStrings()
    count = len(titles)
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, compresslevel=_COMPRESSION) as archive:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_TYPE}.worksheet+xml"/>'
            for i in range(1, count + 1)
        )
        archive.writestr(
            "[Content_Types].xml",
            f'{_HEAD}<Types xmlns="{_PACKAGE}/content-types">'
            f'<Default Extension="rels" ContentType="{_PACKAGE_TYPE}.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPE}.sheet.main+xml"/>{overrides}'
            f'<Override PartName="/xl/styles.xml" ContentType="{_TYPE}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_TYPE}.sharedStrings+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'{_HEAD}<Relationships xmlns="{_PACKAGE}/relationships"><Relationship Id="rId1" '
            f'Type="{_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        filters = []
        total = 0
        for index, (_, frame, percent, dates) in enumerate(sheets, start=1):
            cells = (len(frame) + 1) * len(frame.columns)
            total += cells
            sheet_xml = _sheet_xml(frame, percent, dates, strings)
            _write_part(archive, f"xl/worksheets/sheet{index}.xml", sheet_xml, cells=cells)
            if len(frame.columns):
                quoted = titles[index - 1].replace("'", "''")
                end = f"${column_letter(len(frame.columns) - 1)}${len(frame) + 1}"
                area = _escape(f"'{quoted}'!$A$1:{end}")
                filters.append(
                    f'<definedName name="_xlnm._FilterDatabase" localSheetId="{index - 1}" hidden="1">'
                    f"{area}</definedName>"
                )
        _write_part(archive, "xl/sharedStrings.xml", strings.xml(), cells=total)
        archive.writestr("xl/styles.xml", _STYLES)
        listed = "".join(
            f'<sheet name="{_escape(title)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, title in enumerate(titles, start=1)
        )
        names = f"<definedNames>{''.join(filters)}</definedNames>" if filters else ""
        archive.writestr(
            "xl/workbook.xml",
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_RELS}"><bookViews><workbookView/></bookViews>'
            f"<sheets>{listed}</sheets>{names}</workbook>",
        )
        relations = "".join(
            f'<Relationship Id="rId{i}" Type="{_RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, count + 1)
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{_HEAD}<Relationships xmlns="{_PACKAGE}/relationships">{relations}'
            f'<Relationship Id="rId{count + 1}" Type="{_RELS}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId{count + 2}" Type="{_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>",
        )

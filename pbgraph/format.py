"""The one table writer: result rows as people read them (translated headers and values, aligned text
tables where CJK is double width, CSV, JSON: its writer is :mod:`pbgraph._json_writer`) and as workbooks (a
sheet per table, numbers kept numbers, unique sheet names). Every command that prints or saves tables, the
exports and the report use it, so every output says the same.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# the JSON writer has a module of its own; the commands write JSON through this one, as every other format
from pbgraph._json_writer import Chunk as Chunk
from pbgraph._json_writer import json_chunks as json_chunks
from pbgraph._json_writer import json_document
from pbgraph._notes import unrecorded_rows
from pbgraph._table_writers import date_positions
from pbgraph._texts import pick
from pbgraph._texts.tables import (
    CELLS,
    COLUMN_LABELS,
    OVERALL_NAME,
    PARTY_EN,
    PARTY_EN_SHORT,
    SHEET_TITLES_EN,
    TABLE_TITLES,
    VALUE_LABELS,
)
from pbgraph._write import csv_safe
from pbgraph.model import LIAISON_KIND_ZH, NODE_KIND_ZH, ORG_KIND_ZH, PARTY_ZH, ROLE_ZH

NA = "n/a"

RATE_COLUMNS = frozenset(
    {
        "organization_rate",
        "work_rate",
        "share",
        "active_share",
        "effective_rate",
        "organization_rate_before",
        "organization_rate_after",
        "work_rate_before",
        "work_rate_after",
    }
)
LABELLED_COLUMNS = frozenset(
    {"gap", "severity", "reason", "match", "change", "field", "analysis", "table", "ids_from"}
)
"""Columns whose values are codes shown with a label of `VALUE_LABELS`."""
NAME_LIST_COLUMNS = frozenset({"duty_organization_names"})
"""Columns whose values list names, joined by `NAMES_SEPARATOR` (as both backends' analyses give them): in
English joined by the English separator, the names left as they are."""
ENUM_COLUMNS: dict[str, dict[str, str]] = {
    "party": {str(k): v for k, v in PARTY_ZH.items()},
    # the `kind` columns of result rows name node or organization kinds (never liaison kinds)
    "kind": {str(k): v for k, v in ORG_KIND_ZH.items()} | {str(k): v for k, v in NODE_KIND_ZH.items()},
    "role": {str(k): v for k, v in ROLE_ZH.items()},
    "liaison_kind": {str(k): v for k, v in LIAISON_KIND_ZH.items()},
}


def party_name(code: str, lang: str, *, short: bool = False) -> str:
    """A party code (`pbgraph.model.Party`) as readers know it: 中共党员, 群众 …; in English CPC and the
    other parties' names (`PARTY_EN`: China Democratic League …), as every table writes them. `short`: in
    English the short form of a long name (`PARTY_EN_SHORT`, for a view's legend); the Chinese names are
    short already.

    Examples
    --------
    >>> party_name("MASSES", "zh"), party_name("MASSES", "en"), party_name("CPC", "en")
    ('群众', 'Masses', 'CPC')
    >>> party_name("CYL", "en"), party_name("CDL", "en"), party_name("CDL", "zh")
    ('Communist Youth League', 'China Democratic League', '民盟')
    >>> party_name("CNDCA", "en", short=True), party_name("CNDCA", "zh", short=True)
    ('Construction Assoc.', '民建')
    """
    if lang == "zh":
        return PARTY_ZH.get(code, code)
    return (short and PARTY_EN_SHORT.get(code)) or PARTY_EN.get(code, code)


def column_label(column: str, lang: str) -> str:
    labels = COLUMN_LABELS.get(column)
    return column if labels is None else pick(labels, lang)


def format_rate(value: Any) -> str:
    """A rate as a percentage, "n/a" when there was nothing to divide."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NA
    return f"{float(value) * 100:.1f}%"


def _cell(column: str, value: Any, lang: str) -> str:
    if column in RATE_COLUMNS:
        return format_rate(value)
    if isinstance(value, (bool, np.bool_)):
        return pick(CELLS["yes" if value else "no"], lang)
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.4f}"
    if value is None:
        # a count that cannot be told (its table not recorded, DESIGN 3): n/a, as a rate over nothing
        return NA
    text = str(value)
    if column == "committee_name" and text == OVERALL_NAME:
        return pick(CELLS["overall"], lang)
    if column in LABELLED_COLUMNS:
        labels = VALUE_LABELS.get(text)
        return text if labels is None else pick(labels, lang)
    if column in NAME_LIST_COLUMNS and lang == "en":
        return text.replace(*CELLS["names_separator"])
    if column in ENUM_COLUMNS:
        if column == "party":
            return party_name(text, lang)
        if lang == "zh":
            return ENUM_COLUMNS[column].get(text, text)
        return text.replace("_", " ")
    return text


_MAPPED_TEXT_COLUMNS = LABELLED_COLUMNS | ENUM_COLUMNS.keys() | {"committee_name"}
"""Text columns whose values `_cell` shows otherwise than as they are (in every language)."""


def display_frame(frame: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The frame as people read it: translated headers, labelled values, rates as percentages."""
    # a person's name is headed 姓名 (rows of members: :mod:`pbgraph.naming`), any other name 名称
    person = frame.attrs.get("person_rows", False)
    return pd.DataFrame(
        {
            column_label("person_name" if person and c == "name" else str(c), lang): _display_column(
                str(c), frame[c], lang
            )
            for c in frame.columns
        },
        index=range(len(frame)),
        dtype=object,
    )


def _display_column(column: str, series: pd.Series, lang: str) -> np.ndarray:
    """`_cell` of every value of a column, a whole column at a time where its dtype allows."""
    if column in RATE_COLUMNS or series.dtype == object or len(series) == 0:
        return np.array([_cell(column, v, lang) for v in series.tolist()], dtype=object)
    if pd.api.types.is_bool_dtype(series.dtype):
        yes, no = pick(CELLS["yes"], lang), pick(CELLS["no"], lang)
        return np.where(series.to_numpy(dtype=bool), yes, no).astype(object)
    if pd.api.types.is_integer_dtype(series.dtype) and not series.hasnans:
        return series.to_numpy().astype(str).astype(object)
    if not pd.api.types.is_string_dtype(series.dtype) or series.hasnans:
        return np.array([_cell(column, v, lang) for v in series.tolist()], dtype=object)
    # text: only a few columns have labels, looked up once per distinct value
    values = series.to_numpy(dtype=object)
    if column not in _MAPPED_TEXT_COLUMNS and not (lang == "en" and column in NAME_LIST_COLUMNS):
        return values
    mapping = {u: _cell(column, u, lang) for u in pd.unique(values)}
    return series.map(mapping).to_numpy(dtype=object)


def text_width(text: str) -> int:
    """Columns a string takes in a terminal (wide CJK characters count twice)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_table(frame: pd.DataFrame, lang: str = "zh", *, limit: int | None = None) -> str:
    """An aligned plain-text table; at most `limit` rows, then a line saying how many more. The committee
    columns are left out where no row names a committee (an office's own roster has none): they were two
    empty columns in every table; CSV, JSON and xlsx keep every column."""
    shown = display_frame(frame if limit is None else frame.head(limit), lang)
    blank = [c for c in ("committee", "committee_name") if c in frame and _all_blank(frame[c])]
    if len(frame) and len(blank) == sum(c in frame for c in ("committee", "committee_name")):
        shown = shown.drop(columns=[column_label(c, lang) for c in blank])
    headers = list(shown.columns)
    rows = [[str(v).replace("\n", " ") for v in r] for r in shown.itertuples(index=False)]
    widths = [max([text_width(h), *(text_width(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    numeric = [bool(rows) and all(_numberish(r[i]) for r in rows) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - text_width(cell))
            out.append(pad + cell if numeric[i] else cell + pad)
        return "  ".join(out).rstrip()

    lines = [line(headers), "  ".join("-" * w for w in widths)]
    lines += [line(r) for r in rows]
    if not rows:
        lines.append(unrecorded_rows(frame, lang))
    if limit is not None and len(frame) > limit:
        more = len(frame) - limit
        lines.append(pick(CELLS["more_rows"], lang).format(n=more))
    return "\n".join(lines)


def _all_blank(values: pd.Series) -> bool:
    return bool(values.isna().all() or (values.fillna("").astype(str).str.strip() == "").all())


def _numberish(text: str) -> bool:
    return bool(text) and (text == NA or text.rstrip("%").replace(".", "", 1).lstrip("-").isdigit())


def csv_text(frame: pd.DataFrame, lang: str = "zh") -> str:
    """CSV with translated headers and values (what an analyst opens in Excel).

    Written a column at a time in Arrow, exactly as Python's csv module writes it (minimal quoting, "\\n"
    line ends, a lone empty field quoted).
    """
    shown = display_frame(frame, lang)
    # a text cell that a spreadsheet would run as a formula starts with `'` (DESIGN 5); numbers stay numbers
    for position in range(shown.shape[1]):
        if not pd.api.types.is_numeric_dtype(frame.iloc[:, position].dtype):
            shown.isetitem(position, csv_safe(shown.iloc[:, position]).to_numpy())
    if shown.shape[1] == 0:
        return shown.to_csv(index=False, lineterminator="\n")
    header = [_csv_field(pa.array([str(c)], pa.large_string())) for c in shown.columns]
    cells = [_csv_field(pa.array(shown[c].to_numpy(), pa.large_string())) for c in shown.columns]
    if shown.shape[1] == 1:
        lone = pa.scalar('""', pa.large_string())
        header = [pc.if_else(pc.equal(header[0], _EMPTY), lone, header[0])]
        cells = [pc.if_else(pc.equal(cells[0], _EMPTY), lone, cells[0])]
    lines = pa.concat_arrays(
        [
            pc.binary_join_element_wise(*header, _COMMA),
            pc.binary_join_element_wise(*cells, _COMMA) if len(shown) else pa.array([], pa.large_string()),
        ]
    )
    return _joined(lines, "\n") + "\n"


_EMPTY = pa.scalar("", pa.large_string())
_COMMA = pa.scalar(",", pa.large_string())


def _csv_field(values: pa.Array) -> pa.Array:
    """Cells quoted where the csv module quotes them: holding the delimiter, a quote or a line end."""
    needs = pc.match_substring_regex(values, '[,"\n]')
    quote = pa.scalar('"', pa.large_string())
    quoted = pc.binary_join_element_wise(quote, pc.replace_substring(values, '"', '""'), quote, _EMPTY)
    return pc.if_else(needs, quoted, values)


def _joined(lines: pa.Array, separator: str) -> str:
    whole = pc.binary_join(
        pa.LargeListArray.from_arrays(pa.array([0, len(lines)], pa.int64()), lines),
        pa.scalar(separator, pa.large_string()),
    )
    return str(whole[0].as_py())


def table_title(name: str, lang: str) -> str:
    titles = TABLE_TITLES.get(name)
    return name if titles is None else pick(titles, lang)


def sheet_frame(frame: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """A table as a sheet: :func:`display_frame` (translated headers and labels), but counts, scores and
    rates stay numbers (rates shown as percentages) and dates dates, so that Excel can sum, sort and filter
    them.

    Examples
    --------
    >>> from pbgraph import load
    >>> from pbgraph.analyses import coverage
    >>> sheet = sheet_frame(coverage(load("data/sample")))
    >>> sheet["委员数"].iloc[0], 0 < sheet["工作覆盖率"].iloc[0] < 1, sheet.attrs["percent_columns"]
    (250, True, [5, 8, 18])
    """
    shown = display_frame(frame, lang)
    # rates are numbers shown as percentages (the writer formats `percent_columns`); "n/a" stays text
    shown.attrs["percent_columns"] = [p for p, c in enumerate(frame.columns) if c in RATE_COLUMNS]
    # the writer writes the ISO dates of `date_columns` as dates (the headers are translated by now)
    shown.attrs["date_columns"] = date_positions(frame.columns)
    for position, column in enumerate(frame.columns):
        values = frame[column]
        if column in RATE_COLUMNS:
            shown.iloc[:, position] = [
                round(float(v), 6) if isinstance(v, (int, float)) and not math.isnan(v) else cell
                for v, cell in zip(values.tolist(), shown.iloc[:, position].tolist(), strict=True)
            ]
            continue
        if values.dtype == bool:
            continue
        if pd.api.types.is_integer_dtype(values.dtype):
            shown.iloc[:, position] = [int(v) for v in values.tolist()]
        elif pd.api.types.is_float_dtype(values.dtype):
            shown.iloc[:, position] = [None if math.isnan(v) else round(float(v), 6) for v in values.tolist()]
    return shown


def sheet_names(names: Iterable[str], lang: str) -> dict[str, str]:
    """Table name -> a unique sheet title (translated, at most 31 characters: in English the short form of
    `SHEET_TITLES_EN` for a longer title; no character Excel refuses)."""
    titles: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        title = SHEET_TITLES_EN.get(name, "") if lang == "en" else ""
        base = re.sub(r"[\[\]:*?/\\]", "_", title or table_title(name, lang))[:31]
        title, n = base, 2
        while title in used:
            suffix = f"_{n}"
            title, n = base[: 31 - len(suffix)] + suffix, n + 1
        used.add(title)
        titles[name] = title
    return titles


def write_xlsx(
    tables: dict[str, pd.DataFrame], path: Path, *, lang: str = "zh", notes: Sequence[str] = ()
) -> Path:
    """Write tables into one workbook: a sheet per table (unique translated names), counts and scores as
    numbers, rates as percentages, header frozen, columns sized; the `notes` (what a table leaves out and
    why: not recorded, sampled, the period) on a last sheet of their own, so that the file says it too."""
    from pbgraph.io import write_xlsx_tables

    # a sheet of headers alone reads as "none": the notes say which tables it could not be told without
    notes = [
        *notes,
        *(
            f"{table_title(name, lang)}{pick(CELLS['title_colon'], lang)}{unrecorded_rows(frame, lang)}"
            for name, frame in tables.items()
            if frame.empty and frame.attrs.get("not_recorded")
        ),
    ]
    if notes:
        tables = {**tables, "notes": pd.DataFrame({"note": list(notes)})}
    titles = sheet_names(tables, lang)
    return write_xlsx_tables({titles[name]: sheet_frame(frame, lang) for name, frame in tables.items()}, path)


def tables_text(tables: dict[str, pd.DataFrame], *, fmt: str, lang: str) -> str:
    """Named tables as one text: "table" (each under its title), "csv" (several tables each
    under a `# title` line) or "json" (one list of records, or an object of them for several tables)."""
    if fmt == "json":
        return json_document(tables, lang) + "\n"
    if fmt == "csv":
        parts = [csv_text(frame, lang) for frame in tables.values()]
        if len(tables) > 1:
            parts = [f"# {table_title(name, lang)}\n{part}" for name, part in zip(tables, parts, strict=True)]
        return "\n".join(parts)
    blocks = []
    for name, frame in tables.items():
        blocks.append(f"{table_title(name, lang)}\n{text_table(frame, lang)}")
    return "\n\n".join(blocks) + "\n"

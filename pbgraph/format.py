"""The one table writer: result rows as people read them (translated headers and values, aligned text
tables where CJK is double width, CSV, JSON) and as workbooks (a sheet per table, numbers kept numbers,
unique sheet names). Every command that prints or saves tables, the exports and the report use it, so every
output says the same.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pbgraph._texts import pick
from pbgraph._texts.tables import CELLS, COLUMN_LABELS, OVERALL_NAME, TABLE_TITLES, VALUE_LABELS
from pbgraph._write import csv_safe
from pbgraph.model import NODE_KIND_ZH, ORG_KIND_ZH, PARTY_ZH, ROLE_ZH

NA = "n/a"

RATE_COLUMNS = frozenset({"organization_rate", "work_rate", "share"})
ENUM_COLUMNS: dict[str, dict[str, str]] = {
    "party": {str(k): v for k, v in PARTY_ZH.items()},
    # the `kind` columns of result rows name node or organization kinds (never liaison kinds)
    "kind": {str(k): v for k, v in ORG_KIND_ZH.items()} | {str(k): v for k, v in NODE_KIND_ZH.items()},
    "role": {str(k): v for k, v in ROLE_ZH.items()},
}


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
        return ""
    text = str(value)
    if column == "committee_name" and text == OVERALL_NAME:
        return pick(CELLS["overall"], lang)
    if column == "gap" or column == "severity":
        labels = VALUE_LABELS.get(text)
        return text if labels is None else pick(labels, lang)
    if lang == "zh" and column in ENUM_COLUMNS:
        return ENUM_COLUMNS[column].get(text, text)
    return text


def display_frame(frame: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The frame as people read it: translated headers, labelled values, rates as percentages."""
    columns = {c: [_cell(c, v, lang) for v in frame[c].tolist()] for c in frame.columns}
    return pd.DataFrame(
        {column_label(c, lang): values for c, values in columns.items()},
        index=range(len(frame)),
        dtype=object,
    )


def text_width(text: str) -> int:
    """Columns a string takes in a terminal (wide CJK characters count twice)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_table(frame: pd.DataFrame, lang: str = "zh", *, limit: int | None = None) -> str:
    """An aligned plain-text table; at most `limit` rows, then a line saying how many more."""
    shown = display_frame(frame if limit is None else frame.head(limit), lang)
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
        lines.append(pick(CELLS["none"], lang))
    if limit is not None and len(frame) > limit:
        more = len(frame) - limit
        lines.append(pick(CELLS["more_rows"], lang).format(n=more))
    return "\n".join(lines)


def _numberish(text: str) -> bool:
    return bool(text) and (text == NA or text.rstrip("%").replace(".", "", 1).lstrip("-").isdigit())


def csv_text(frame: pd.DataFrame, lang: str = "zh") -> str:
    """CSV with translated headers and values (what an analyst opens in Excel); a text cell that a
    spreadsheet would run as a formula starts with `'` (DESIGN 5)."""
    shown = display_frame(frame, lang)
    safe = shown.copy()
    for position in range(shown.shape[1]):
        safe.isetitem(position, csv_safe(shown.iloc[:, position]).to_numpy())
    return safe.to_csv(index=False, lineterminator="\n")


def json_ready(frame: pd.DataFrame, lang: str = "zh") -> list[dict[str, Any]]:
    """Records with plain JSON values (codes, not labels; rates as fractions or null); the overall row's
    name in the reader's language."""
    records = []
    for record in frame.to_dict("records"):
        clean = {}
        for key, value in record.items():
            if isinstance(value, np.generic):
                value = value.item()
            if isinstance(value, float) and math.isnan(value):
                value = None
            if key == "committee_name" and value == OVERALL_NAME:
                value = pick(CELLS["overall"], lang)
            clean[str(key)] = value
        records.append(clean)
    return records


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def table_title(name: str, lang: str) -> str:
    titles = TABLE_TITLES.get(name)
    return name if titles is None else pick(titles, lang)


def sheet_frame(frame: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """A table as a sheet: :func:`display_frame` (translated headers and labels), but counts, scores and
    rates stay numbers (rates shown as percentages), so that Excel can sum, sort and filter them.

    Examples
    --------
    >>> from pbgraph import load
    >>> from pbgraph.analyses import coverage
    >>> sheet = sheet_frame(coverage(load("data/sample")))
    >>> sheet["委员数"].iloc[0], 0 < sheet["工作覆盖率"].iloc[0] < 1, sheet.attrs["percent_columns"]
    (250, True, [5, 8])
    """
    shown = display_frame(frame, lang)
    # rates are numbers shown as percentages (the writer formats `percent_columns`); "n/a" stays text
    shown.attrs["percent_columns"] = [p for p, c in enumerate(frame.columns) if c in RATE_COLUMNS]
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
    """Table name -> a unique sheet title (translated, at most 31 characters, no character Excel refuses)."""
    titles: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        base = re.sub(r"[\[\]:*?/\\]", "_", table_title(name, lang))[:31]
        title, n = base, 2
        while title in used:
            suffix = f"_{n}"
            title, n = base[: 31 - len(suffix)] + suffix, n + 1
        used.add(title)
        titles[name] = title
    return titles


def write_xlsx(tables: dict[str, pd.DataFrame], path: Path, *, lang: str = "zh") -> Path:
    """Write tables into one workbook: a sheet per table (unique translated names), counts and scores as
    numbers, rates as percentages, header frozen, columns sized."""
    from pbgraph.io import write_xlsx_tables

    titles = sheet_names(tables, lang)
    return write_xlsx_tables({titles[name]: sheet_frame(frame, lang) for name, frame in tables.items()}, path)


def tables_text(tables: dict[str, pd.DataFrame], *, fmt: str, lang: str) -> str:
    """Named tables as one text: "table" (each under its title and row count), "csv" (several tables each
    under a `# title` line) or "json" (one list of records, or an object of them for several tables)."""
    if fmt == "json":
        data: Any = {name: json_ready(frame, lang) for name, frame in tables.items()}
        if len(tables) == 1:
            data = next(iter(data.values()))
        return json_text(data) + "\n"
    if fmt == "csv":
        parts = [csv_text(frame, lang) for frame in tables.values()]
        if len(tables) > 1:
            parts = [f"# {table_title(name, lang)}\n{part}" for name, part in zip(tables, parts, strict=True)]
        return "\n".join(parts)
    blocks = []
    for name, frame in tables.items():
        heading = pick(CELLS["heading"], lang).format(title=table_title(name, lang), n=len(frame))
        blocks.append(f"{heading}\n{text_table(frame, lang)}")
    return "\n\n".join(blocks) + "\n"

"""Data tables as sortable HTML: readable cells, bars for rates, flags on the rows that need action."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pbgraph import format as tabular
from pbgraph._texts.report import tr
from pbgraph.report._context import KEY_COLUMNS, Context, esc

if TYPE_CHECKING:
    pass


def _readable(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """Ids of sectors, townships and committees replaced by names; the committee column dropped when the
    report is about one committee."""
    out = frame.copy()
    if "committee" in out.columns and "committee_name" not in out.columns:
        if ctx.several:
            out["committee"] = [ctx.committee_names(c) for c in out["committee"].tolist()]
        else:
            out = out.drop(columns="committee")
    for column in ("sector", "township"):
        if column in out.columns:
            out[column] = [ctx.name(v) if v else "" for v in out[column].tolist()]
    if "liaised_by" in out.columns:
        out["liaised_by"] = [
            tr("name_id", ctx.lang, name=ctx.name(v), id=v) for v in out["liaised_by"].tolist()
        ]
    return out


def _sort_value(column: str, value: Any) -> str | None:
    """The data-v attribute of a numeric cell (None for text cells)."""
    if column in tabular.RATE_COLUMNS:
        missing = value is None or (isinstance(value, float) and np.isnan(value))
        return "" if missing else f"{float(value):.6f}"
    if isinstance(value, (bool, np.bool_)):
        return None
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return "" if np.isnan(value) else f"{float(value):.8f}"
    return None


def _bar(value: Any) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    width = max(0.0, min(1.0, float(value))) * 100
    low = " rp-low" if float(value) < 0.95 else ""
    return f'<span class="rp-bar{low}" aria-hidden="true"><span style="width: {width:.1f}%"></span></span>'


def table_html(
    frame: pd.DataFrame,
    ctx: Context,
    *,
    bars: bool = False,
    flags: Sequence[str] = (),
    more_from: str = "more_where_cli",
) -> str:
    """A sortable HTML table of at most `ctx.max_rows` rows, then how many more there are and where they are
    (the report's workbook, else the command `more_from` names: the analyses' export, or for the comparison's
    tables the report's workbook or the diff's).

    Rates get a small inline bar when `bars`; boolean columns named in `flags` show "是" in red.
    """
    lang = ctx.lang
    if frame.empty:
        return f'<p class="rp-none">{esc(tr("none", lang))}</p>'
    # only the rows shown are made readable (a table may have tens of thousands)
    readable = shown = _readable(frame.head(ctx.max_rows), ctx)
    labels = tabular.display_frame(shown, lang)
    numeric = [
        c in tabular.RATE_COLUMNS
        or (pd.api.types.is_numeric_dtype(readable[c].dtype) and readable[c].dtype != bool)
        for c in readable.columns
    ]
    number_class = ' class="rp-n"'
    head = "".join(
        f'<th scope="col" aria-sort="none"{number_class if numeric[i] else ""}>{esc(label)}</th>'
        for i, label in enumerate(labels.columns)
    )
    rows = []
    columns = list(shown.columns)
    raw = shown.to_numpy(dtype=object)
    text = labels.to_numpy(dtype=object)
    for r in range(len(shown)):
        cells = []
        for c, column in enumerate(columns):
            value, label = raw[r, c], text[r, c]
            classes = [
                name
                for name, applies in (
                    ("rp-n", numeric[c]),
                    ("rp-key", column in KEY_COLUMNS),
                    ("rp-flag", column in flags and isinstance(value, (bool, np.bool_)) and bool(value)),
                )
                if applies
            ]
            attrs = f' class="{" ".join(classes)}"' if classes else ""
            key = _sort_value(column, value) if numeric[c] else None
            if key is not None:
                attrs += f' data-v="{esc(key)}"'
            content = esc(label)
            if bars and column in tabular.RATE_COLUMNS:
                content = f'<span class="rp-cellbar">{_bar(value)}<span>{content}</span></span>'
            cells.append(f"<td{attrs}>{content}</td>")
        # a row about one node focuses it in the section's view (see the template's script)
        node = f' data-node="{esc(raw[r, columns.index("id")])}"' if ctx.views and "id" in columns else ""
        rows.append(f"<tr{node}>" + "".join(cells) + "</tr>")
    out = (
        f'<div class="rp-table-wrap"><table class="rp-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    if len(frame) > ctx.max_rows:
        where = tr("more_where", lang, file=ctx.excel_name) if ctx.excel_name else tr(more_from, lang)
        out += (
            f'<p class="rp-more">{esc(tr("more_rows", lang, n=len(frame) - ctx.max_rows, where=where))}</p>'
        )
    return out


def record_html(frame: pd.DataFrame, ctx: Context) -> str:
    """A one-row table turned on its side (label, value), rates with a bar: easier to read than 16 columns."""
    lang = ctx.lang
    readable = frame.head(1).drop(columns=["committee", "committee_name"], errors="ignore")
    labels = tabular.display_frame(readable, lang)
    rows = []
    for position, column in enumerate(readable.columns):
        value, text = readable[column].iloc[0], labels.iloc[0, position]
        content = esc(text)
        if column in tabular.RATE_COLUMNS:
            content = f'<span class="rp-cellbar">{_bar(value)}<span>{content}</span></span>'
        label = esc(labels.columns[position])
        rows.append(f'<tr><th scope="row">{label}</th><td class="rp-n">{content}</td></tr>')
    head = tr("measure", lang), tr("value", lang)
    return (
        f'<div class="rp-table-wrap"><table class="rp-record"><thead><tr><th scope="col">{head[0]}</th>'
        f'<th scope="col" class="rp-n">{head[1]}</th></tr></thead><tbody>{"".join(rows)}</tbody>'
        "</table></div>"
    )

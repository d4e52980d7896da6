"""The data of a graph view as the page's script reads it: compact JSON (shared tables of colours, shapes,
tooltip keys and repeated texts, then one array per node and edge), safe inside a ``<script>`` element.

Built column by column: each field of every node and edge is read at once and the repeated texts are
numbered in one pass, so that a view of 40,000 nodes is written in a fraction of a second.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import chain
from typing import Any

import numpy as np
import orjson

from pbgraph.render._columns import Records, as_table
from pbgraph.render._model import (
    DORMANT_COLOR,
    GAP_HALO,
    GAP_HALO_EDGE,
    GAP_SYMBOLS,
    TITLE_KIND,
    View,
    ViewEdge,
    ViewNode,
)
from pbgraph.render._rounding import rounded

__all__ = ["json_for_script", "payload"]

# the UI strings the page's script reads; filter names are resolved in Python
_SCRIPT_LABELS = (
    "search_found",
    "no_match",
    "filter_all",
    "shown",
    "tooltip_separator",
    "filter_value",
    "path_found",
    "path_none",
    "path_unknown",
    "details_gaps",
    "details_inside",
    "details_out",
    "details_in",
    "counts_yes",
    "counts_no",
    "not_counting_suffix",
    "expand",
    "collapse",
    "none",
    "edges_folded",
    "time_label",
    "time_hint",
    "time_last",
    "time_never",
    "time_dormant",
)
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
# node flags in the payload
_RESERVE = 1
_SATELLITE = 2
_TITLE = 4  # not counted among the nodes shown


def payload(view: View, labels: Mapping[str, str]) -> dict[str, Any]:
    """The compact JSON the page's script reads: shared tables plus one array per node and edge."""
    nodes, edges = as_table(ViewNode, view.nodes), as_table(ViewEdge, view.edges)
    node_ids, node_labels = nodes.column("id"), nodes.column("label")
    tooltips: Records = nodes.column("tooltip")
    highlights = nodes.column("highlight")
    filter_keys, filter_values, node_attrs = _filters(nodes.column("attrs"))
    index = {node_id: i for i, node_id in enumerate(node_ids)}
    # tooltip values, gap flags and edge tooltips repeat (a sector, a party, a count): each is written once,
    # the most frequent first so that their numbers are short; a value equal to the node's label or id is
    # written as -1 or -2 (names and ids would otherwise fill the table)
    lengths, ends = tooltips.lengths, tooltips.ends
    value_array = _texts(tooltips.values)
    owner = np.repeat(np.arange(len(nodes)), lengths)
    is_label = value_array == _objects(node_labels)[owner]
    is_id = ~is_label & (value_array == _objects(node_ids)[owner])
    kept = np.flatnonzero(~is_label & ~is_id)
    # the order in which the values first occur: each node's tooltip values, then its highlight
    flagged = [i for i, highlight in enumerate(highlights) if highlight is not None]
    position = np.concatenate([kept + owner[kept], ends[flagged] + np.asarray(flagged, dtype=np.int64)])
    in_order = np.concatenate([value_array[kept], _objects([highlights[i] for i in flagged])])
    order = np.argsort(position, kind="stable")
    texts = [in_order[order], _objects(edges.column("tooltip"))]
    if view.timeline is not None:
        texts.append(_objects(edges.column("kind_label")))
    strings, ranks = _string_table(np.concatenate(texts))
    codes = np.where(is_label, -1, -2)
    # the tooltip values come first in `texts`, in the order of `kept`, among the highlights
    codes[kept] = ranks[: len(order)][order < len(kept)]
    # each node's tooltip is its keys' schema (numbered in order of appearance) followed by the values
    distinct, first = np.unique(tooltips.schema, return_index=True)
    by_appearance = distinct[np.argsort(first)]
    schema_number = np.zeros(len(tooltips.schemas), dtype=np.int64)
    schema_number[by_appearance] = np.arange(len(by_appearance))
    schemas = [tooltips.schemas[s] for s in by_appearance.tolist()]
    tip_keys = list(dict.fromkeys(chain.from_iterable(schemas)))
    key_number = {key: k for k, key in enumerate(tip_keys)}
    tips = _rows_by_schema(tooltips.schema, schema_number, ends - lengths, codes, tooltips.schemas)
    xs, ys = rounded(nodes.column("x"), 1), rounded(nodes.column("y"), 1)
    sizes = _sizes(nodes.column("size"))
    colors = _numbered(nodes.column("color"))
    shapes = _numbered(nodes.column("shape"))
    symbols = {symbol: k for k, symbol in enumerate(GAP_SYMBOLS)}
    # one array per node and edge (written as tuples: made at once, the same JSON)
    node_rows = list(
        zip(
            node_ids,
            node_labels,
            xs,
            ys,
            list(map(colors.__getitem__, nodes.column("color"))),
            list(map(shapes.__getitem__, nodes.column("shape"))),
            sizes,
            [-1 if highlight is None else strings[highlight] for highlight in highlights],
            tips,
            node_attrs,
            [-1 if parent is None else index[parent] for parent in nodes.column("parent")],
            [
                (_RESERVE if reserve else 0)
                | (_SATELLITE if satellite else 0)
                | (_TITLE if kind == TITLE_KIND else 0)
                for reserve, satellite, kind in zip(
                    nodes.column("reserve"), nodes.column("satellite"), nodes.column("kind"), strict=True
                )
            ],
            _symbol_lists(nodes.column("gaps"), symbols),
            strict=True,
        )
    )
    edge_colors = edges.column("color")
    color_index = colors.setdefault
    for color in dict.fromkeys(edge_colors):
        color_index(color, len(colors))
    edge_columns = [
        list(map(index.__getitem__, edges.column("source"))),
        list(map(index.__getitem__, edges.column("target"))),
        list(map(colors.__getitem__, edge_colors)),
        _flags(edges.column("dashes")),
        edges.column("width"),
        list(map(strings.__getitem__, edges.column("tooltip"))),
        _flags(edges.column("arrows")),
        _flags(edges.column("liaison")),
    ]
    time = None
    if view.timeline is not None:
        # per edge: since (-1: none), its activity days as differences (the first from day 0), the colour
        # when active, whether it counts, its kind in words
        live = [live or color for live, color in zip(edges.column("live_color"), edge_colors, strict=True)]
        for color in dict.fromkeys(live):
            color_index(color, len(colors))
        edge_columns += [
            [-1 if since is None else since for since in edges.column("since")],
            _day_steps(edges.column("activity")),
            list(map(colors.__getitem__, live)),
            _flags(edges.column("counts")),
            list(map(strings.__getitem__, edges.column("kind_label"))),
        ]
        time = {
            "first": view.timeline[0],
            "last": view.timeline[1],
            "months": view.timeline[2],
            "dormant": color_index(DORMANT_COLOR, len(colors)),
        }
    return {
        "labels": {key: labels[key] for key in _SCRIPT_LABELS},
        "big": view.is_big,
        "physics": view.physics and not view.is_big,
        "hierarchical": view.hierarchical,
        "colors": list(colors),
        "shapes": list(shapes),
        "tipKeys": list(tip_keys),
        "tipSchemas": [[key_number[key] for key in keys] for keys in schemas],
        "strings": list(strings),
        "filters": [
            {"name": labels.get(f"filter.{key}", key), "values": list(values)}
            for key, values in zip(filter_keys, filter_values, strict=True)
        ],
        "nodes": node_rows,
        "edges": list(zip(*edge_columns, strict=True)),
        "focus": -1 if view.focus is None else index[view.focus],
        "rings": [[round(radius, 2), label] for radius, label in view.rings],
        "gapSymbols": list(GAP_SYMBOLS),
        "halo": [GAP_HALO, GAP_HALO_EDGE],
        "time": time,
    }


def _objects(values: Sequence[Any]) -> np.ndarray:
    """The values in a one-dimensional object array."""
    return np.fromiter(values, dtype=object, count=len(values))


def _numbered(values: Sequence[str]) -> dict[str, int]:
    """Each distinct value numbered in order of appearance."""
    return {value: k for k, value in enumerate(dict.fromkeys(values))}


def _flags(values: Sequence[Any]) -> list[int]:
    """1 for each true value, 0 for each false one."""
    return [1 if value else 0 for value in values]


def _symbol_lists(gaps: Sequence[tuple[str, ...]], symbols: dict[str, int]) -> list[list[int]]:
    """Each node's gap badges by number (a list shared by the nodes with the same badges)."""
    try:
        shared = {found: [symbols[symbol] for symbol in found] for found in set(gaps)}
    except TypeError:  # badges given as a list, not a tuple: one by one
        return [[symbols[symbol] for symbol in found] if found else [] for found in gaps]
    return list(map(shared.__getitem__, gaps))


def _rows_by_schema(
    schema: np.ndarray,
    number: np.ndarray,
    starts: np.ndarray,
    codes: np.ndarray,
    schemas: list[tuple[str, ...]],
) -> list[list[int]]:
    """Per row: its schema's number, then its codes; the rows of each schema made at once."""
    rows: list[Any] = [None] * len(schema)
    for s, keys in enumerate(schemas):
        at = np.flatnonzero(schema == s)
        if not len(at):
            continue
        block = np.empty((len(at), len(keys) + 1), dtype=np.int64)
        block[:, 0] = number[s]
        block[:, 1:] = codes[starts[at][:, None] + np.arange(len(keys))]
        for row, values in zip(at.tolist(), block.tolist(), strict=True):
            rows[row] = values
    return rows


def _texts(values: np.ndarray) -> np.ndarray:
    """The values as text (most already are)."""
    from pandas.api.types import infer_dtype

    if infer_dtype(values, skipna=False) in ("string", "empty"):
        return values
    return _objects([value if type(value) is str else str(value) for value in values.tolist()])


def _string_table(texts: np.ndarray) -> tuple[dict[str, int], np.ndarray]:
    """The distinct texts numbered by frequency, the most frequent first (ties in order of appearance, as
    `Counter.most_common`), and the number of each text."""
    import pandas as pd

    codes, distinct = pd.factorize(texts)
    if len(codes) and codes.min() < 0:  # a missing value (None, NaN) has no code: counted one by one
        strings = {text: k for k, (text, _) in enumerate(Counter(texts.tolist()).most_common())}
        return strings, np.array([strings[text] for text in texts.tolist()], dtype=np.int64)
    by_count = np.argsort(-np.bincount(codes, minlength=len(distinct)), kind="stable")
    rank = np.empty(len(distinct), dtype=np.int64)
    rank[by_count] = np.arange(len(distinct))
    ordered = np.asarray(distinct, dtype=object)[by_count].tolist()
    return dict(zip(ordered, range(len(ordered)), strict=True)), rank[codes]


def _day_steps(activity: Sequence[tuple[int, ...]]) -> list[list[int]]:
    """Each edge's activity days as differences, the first from day 0."""
    days = list(chain.from_iterable(activity))
    if not set(map(type, days)) <= {int}:
        return [[b - a for a, b in zip((0, *one), one, strict=False)] for one in activity]
    lengths = np.fromiter(map(len, activity), dtype=np.int64, count=len(activity))
    ends = np.cumsum(lengths)
    starts = ends - lengths
    day_array = np.asarray(days, dtype=np.int64)
    before = np.empty_like(day_array)
    before[1:] = day_array[:-1]
    before[starts[lengths > 0]] = 0
    steps = (day_array - before).tolist()
    return [steps[start:end] for start, end in zip(starts.tolist(), ends.tolist(), strict=True)]


def _sizes(sizes: list[float]) -> list[float]:
    """Each size as written: a whole one as it is, any other rounded to two digits."""
    if not set(map(type, sizes)) <= {float}:
        return [size if size == int(size) else round(size, 2) for size in sizes]
    array = np.asarray(sizes, dtype=float)
    whole = array == np.trunc(array)
    return [
        size if is_whole else r
        for size, is_whole, r in zip(sizes, whole.tolist(), rounded(array, 2), strict=True)
    ]


def _filters(attrs: Records) -> tuple[list[str], list[dict[str, int]], list[list[int]]]:
    """The filter attributes of the nodes (in order of appearance), each one's values (value -> number, in
    order of appearance), and each node's values by number (-1 where it has none)."""
    import pandas as pd

    keys = attrs.key_order()
    number = {key: k for k, key in enumerate(keys)}
    codes = np.full((len(attrs), len(keys)), -1, dtype=np.int64)
    filter_values: list[dict[str, int]] = [{} for _ in keys]
    values = _texts(attrs.values)
    starts = attrs.ends - attrs.lengths
    # per key: the rows that have it and where their value is, in row order
    rows_of: dict[str, list[np.ndarray]] = {key: [] for key in keys}
    at_of: dict[str, list[np.ndarray]] = {key: [] for key in keys}
    for s, schema_keys in enumerate(attrs.schemas):
        rows = np.flatnonzero(attrs.schema == s)
        for place, key in enumerate(schema_keys):
            rows_of[key].append(rows)
            at_of[key].append(starts[rows] + place)
    for key, k in number.items():
        rows = np.concatenate(rows_of[key])
        order = np.argsort(rows, kind="stable")
        found, distinct = pd.factorize(values[np.concatenate(at_of[key])[order]])
        codes[rows[order], k] = found
        filter_values[k] = {text: c for c, text in enumerate(distinct.tolist())}
    return keys, filter_values, codes.tolist()


def json_for_script(payload: object) -> str:
    """JSON that is safe inside ``<script type="application/json">``: nothing in it can end the element."""
    # orjson writes what json.dumps writes, ten times faster, but for NaN and infinity (null where json.dumps
    # raises; the payload's only null is "time", a value) and the exponent of tiny floats (1e-7 where
    # json.dumps writes 1e-07): where either may be, json.dumps writes it
    try:
        text = orjson.dumps(payload).decode("utf-8")
    except orjson.JSONEncodeError:  # what orjson does not take (a lone surrogate, a huge int): json says
        text = None
    if text is None or _odd_number(text):
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # these characters only occur inside JSON strings, where the \\u escapes mean the same (replaced one by
    # one: each `str.replace` runs at memory speed, a regular expression scans character by character)
    for unsafe, escaped in _JSON_ESCAPES.items():
        if unsafe in text:
            text = text.replace(unsafe, escaped)
    return text


def _odd_number(text: str) -> bool:
    """Whether orjson's `text` may hold a number that json.dumps writes otherwise or not at all: null in an
    array (NaN, infinity) or a one-digit negative exponent. Looked for with `str.find`: a regular expression
    would scan megabytes character by character."""
    for needle, before, after in (("null", "[,", ",]"), ("e-", "0123456789", "0123456789")):
        at = text.find(needle, 1)
        while at >= 0:
            if text[at - 1] in before and text[at + len(needle) : at + len(needle) + 1] in after:
                return True
            at = text.find(needle, at + 1)
    return False

"""The data of a graph view as the page's script reads it: compact JSON (shared tables of colours, shapes,
tooltip keys and repeated texts, then one array per node and edge), safe inside a ``<script>`` element.

Built column by column: each field of every node and edge is read at once and the repeated texts are
numbered in one pass, so that a view of 40,000 nodes is written in a fraction of a second.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from itertools import chain
from operator import attrgetter, methodcaller
from typing import Any

import numpy as np
import orjson

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
# the fields the payload reads of every node and edge at once
_ID, _LABEL, _TOOLTIP, _HIGHLIGHT = (attrgetter(name) for name in ("id", "label", "tooltip", "highlight"))
_COLOR, _SHAPE, _TIP, _KIND_LABEL = (attrgetter(name) for name in ("color", "shape", "tooltip", "kind_label"))
_X, _Y, _SIZE, _ACTIVITY, _ATTRS = (attrgetter(name) for name in ("x", "y", "size", "activity", "attrs"))
_VALUES = methodcaller("values")


def payload(view: View, labels: Mapping[str, str]) -> dict[str, Any]:
    """The compact JSON the page's script reads: shared tables plus one array per node and edge."""
    view_nodes, view_edges = view.nodes, view.edges
    node_ids = list(map(_ID, view_nodes))
    node_labels = list(map(_LABEL, view_nodes))
    tooltips = list(map(_TOOLTIP, view_nodes))
    highlights = list(map(_HIGHLIGHT, view_nodes))
    filter_keys, filter_values, node_attrs = _filters(view_nodes)
    index = {node_id: i for i, node_id in enumerate(node_ids)}
    symbols = {symbol: k for k, symbol in enumerate(GAP_SYMBOLS)}
    # tooltip values, gap flags and edge tooltips repeat (a sector, a party, a count): each is written once,
    # the most frequent first so that their numbers are short; a value equal to the node's label or id is
    # written as -1 or -2 (names and ids would otherwise fill the table)
    lengths = list(map(len, tooltips))
    values = _texts(list(chain.from_iterable(map(_VALUES, tooltips))))
    owner = np.repeat(np.arange(len(view_nodes)), lengths)
    value_array = np.array(values, dtype=object)
    is_label = value_array == np.array(node_labels, dtype=object)[owner]
    is_id = ~is_label & (value_array == np.array(node_ids, dtype=object)[owner])
    kept = np.flatnonzero(~is_label & ~is_id)
    # the order in which the values first occur: each node's tooltip values, then its highlight
    flagged = [i for i, highlight in enumerate(highlights) if highlight is not None]
    ends = np.cumsum(lengths, dtype=np.int64)
    position = np.concatenate([kept + owner[kept], ends[flagged] + np.asarray(flagged, dtype=np.int64)])
    in_order = np.concatenate([value_array[kept], np.array([highlights[i] for i in flagged], dtype=object)])
    order = np.argsort(position, kind="stable")
    texts = [in_order[order], np.array(list(map(_TIP, view_edges)), dtype=object)]
    if view.timeline is not None:
        texts.append(np.array(list(map(_KIND_LABEL, view_edges)), dtype=object))
    strings, ranks = _string_table(np.concatenate(texts))
    codes = np.where(is_label, -1, -2)
    # the tooltip values come first in `texts`, in the order of `kept`, among the highlights
    codes[kept] = ranks[: len(order)][order < len(kept)]
    code_list = codes.tolist()
    # each node's tooltip is its keys' schema (shared) followed by the values
    key_tuples = list(map(tuple, tooltips))
    schema_of = {keys: k for k, keys in enumerate(dict.fromkeys(key_tuples))}
    tip_keys = list(dict.fromkeys(chain.from_iterable(schema_of)))
    key_number = {key: k for k, key in enumerate(tip_keys)}
    starts = (ends - lengths).tolist()
    tips = [
        [schema_of[keys], *code_list[start:end]]
        for keys, start, end in zip(key_tuples, starts, ends.tolist(), strict=True)
    ]
    xs, ys = rounded(list(map(_X, view_nodes)), 1), rounded(list(map(_Y, view_nodes)), 1)
    sizes = _sizes(list(map(_SIZE, view_nodes)))
    colors = {color: k for k, color in enumerate(dict.fromkeys(map(_COLOR, view_nodes)))}
    shapes = {shape: k for k, shape in enumerate(dict.fromkeys(map(_SHAPE, view_nodes)))}
    nodes = [
        [
            node_id,
            label,
            x,
            y,
            colors[node.color],
            shapes[node.shape],
            size,
            -1 if highlight is None else strings[highlight],
            tip,
            attrs,
            -1 if node.parent is None else index[node.parent],
            (_RESERVE if node.reserve else 0)
            | (_SATELLITE if node.satellite else 0)
            | (_TITLE if node.kind == TITLE_KIND else 0),
            [symbols[symbol] for symbol in node.gaps] if node.gaps else [],
        ]
        for node, node_id, label, x, y, size, highlight, tip, attrs in zip(
            view_nodes, node_ids, node_labels, xs, ys, sizes, highlights, tips, node_attrs, strict=True
        )
    ]
    color_index = colors.setdefault
    for color in dict.fromkeys(map(_COLOR, view_edges)):
        color_index(color, len(colors))
    edges: list[list[Any]] = [
        [
            index[edge.source],
            index[edge.target],
            colors[edge.color],
            1 if edge.dashes else 0,
            edge.width,
            strings[edge.tooltip],
            1 if edge.arrows else 0,
            1 if edge.liaison else 0,
        ]
        for edge in view_edges
    ]
    time = None
    if view.timeline is not None:
        # per edge: since (-1: none), its activity days as differences (the first from day 0), the colour
        # when active, whether it counts, its kind in words
        live = [edge.live_color or edge.color for edge in view_edges]
        for color in dict.fromkeys(live):
            color_index(color, len(colors))
        for row, edge, steps, color in zip(edges, view_edges, _day_steps(view_edges), live, strict=True):
            row += [
                -1 if edge.since is None else edge.since,
                steps,
                colors[color],
                1 if edge.counts else 0,
                strings[edge.kind_label],
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
        "tipSchemas": [[key_number[key] for key in keys] for keys in schema_of],
        "strings": list(strings),
        "filters": [
            {"name": labels.get(f"filter.{key}", key), "values": list(values)}
            for key, values in zip(filter_keys, filter_values, strict=True)
        ],
        "nodes": nodes,
        "edges": edges,
        "focus": -1 if view.focus is None else index[view.focus],
        "rings": [[round(radius, 2), label] for radius, label in view.rings],
        "gapSymbols": list(GAP_SYMBOLS),
        "halo": [GAP_HALO, GAP_HALO_EDGE],
        "time": time,
    }


def _texts(values: list[Any]) -> list[str]:
    """The values as text (most already are)."""
    if set(map(type, values)) <= {str}:
        return values
    return [value if type(value) is str else str(value) for value in values]


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


def _day_steps(edges: list[ViewEdge]) -> list[list[int]]:
    """Each edge's activity days as differences, the first from day 0."""
    activity = list(map(_ACTIVITY, edges))
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


def _filters(view_nodes: list[ViewNode]) -> tuple[dict[str, int], list[dict[str, int]], list[list[int]]]:
    """The filter attributes of the nodes (key -> number), each one's values (value -> number), and each
    node's values by number (-1 where it has none)."""
    filter_keys: dict[str, int] = {}
    filter_values: list[dict[str, int]] = []
    rows: list[list[int]] = []
    for attrs in map(_ATTRS, view_nodes):
        row = [-1] * len(filter_keys)
        for key, value in attrs.items():
            k = filter_keys.get(key)
            if k is None:
                k = filter_keys[key] = len(filter_keys)
                filter_values.append({})
                row.append(-1)
            values = filter_values[k]
            text = value if type(value) is str else str(value)
            code = values.get(text)
            if code is None:
                code = values[text] = len(values)
            row[k] = code
        rows.append(row)
    # the nodes before a key's first appearance have no value for it
    count = len(filter_keys)
    for row in rows:
        if len(row) < count:
            row += [-1] * (count - len(row))
    return filter_keys, filter_values, rows


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

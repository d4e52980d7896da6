"""Write a graph view as one self-contained, offline, interactive HTML page or fragment.

This is the low-level writer: it knows nothing about committees or members. Higher layers compute
positions, colours and attributes and hand over a :class:`View`; this module turns it into HTML.

API
---
``ViewNode``, ``ViewEdge``, ``LegendItem``, ``View``
    Frozen dataclasses describing what to draw, defined in :mod:`pbgraph.render._model` (positions
    are screen coordinates as in vis-network: ``x`` to the right, ``y`` downwards).
``render_html(view, *, fragment=False, element_id=None, height=640) -> str``
    A full page (``<!DOCTYPE html>`` …) or, with ``fragment=True``, a ``<style>`` + ``<div>`` +
    ``<script>`` block to paste into another page.
``DEFAULT_LABELS_ZH``, ``DEFAULT_LABELS_EN``
    The UI strings; ``View.labels`` overrides them key by key (missing keys fall back to Chinese).
    Filter names are looked up as ``"filter.<attribute key>"`` and fall back to the key itself.

Guarantees
----------
- Offline: the vis-network script and stylesheet shipped inside the pyvis package are inlined; the
  page makes no request (no CDN, no web font, no favicon).
- Safe: data reaches the page only as JSON inside ``<script type="application/json">`` (with ``<``,
  ``>``, ``&``, U+2028 and U+2029 escaped; a whole page whose payload passes :data:`DEFLATE_ABOVE` carries it
  deflated and base64-encoded, which the page inflates with the browser's ``DecompressionStream``) and is
  put on screen with ``textContent``; title, caption, notice and legend are ``html.escape``-d. Colours
  must be ``#rgb``/``#rrggbb``/``#rrggbbaa`` or a CSS colour name, shapes one of :data:`NODE_SHAPES`;
  anything else raises ``ValueError``.
- Deterministic: the same view gives byte-identical output; a fragment's element id is a hash of its
  content unless ``element_id`` is given.
- Responsive: physics is off (on only if ``view.physics`` and the view is small), positions are
  used as given, edges are straight, edges hide while dragging and, for big views, while zooming.

In the browser, each view sets ``data-ready`` on its root element and ``window.__pbgraphReady``
(``performance.now()`` at the first drawn frame), and registers ``window.__pbgraphViews[id]`` with
its ``network``, ``nodes`` and ``edges`` (vis objects) for tests and notebooks.
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import json
import math
import re
import zlib
from collections import Counter
from collections.abc import Mapping
from functools import cache
from importlib import resources
from itertools import chain
from operator import attrgetter, methodcaller
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from pbgraph._errors import InvalidOptionError
from pbgraph._texts.render import DEFAULT_LABELS_EN, DEFAULT_LABELS_ZH
from pbgraph.render._model import (
    DORMANT_COLOR,
    EDGE_LEGEND_SHAPES,
    GAP_HALO,
    GAP_HALO_EDGE,
    GAP_SYMBOLS,
    NODE_SHAPES,
    LegendItem,
    View,
    ViewEdge,
    ViewNode,
    check_view,
    gc_paused,
)
from pbgraph.render._rounding import rounded

__all__ = [
    "DEFAULT_LABELS_EN",
    "DEFAULT_LABELS_ZH",
    "EDGE_LEGEND_SHAPES",
    "NODE_SHAPES",
    "LegendItem",
    "View",
    "ViewEdge",
    "ViewNode",
    "check_view",
    "render_html",
]

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

_ELEMENT_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_VIS_DIR = "templates/lib/vis-9.1.2"
#: a whole page whose JSON payload is longer than this (in characters) carries it deflated and base64-encoded
DEFLATE_ABOVE = 2_000_000
# node flags in the payload
_RESERVE = 1
_SATELLITE = 2
# the fields the payload reads of every node and edge at once
_ID, _LABEL, _TOOLTIP, _HIGHLIGHT = (attrgetter(name) for name in ("id", "label", "tooltip", "highlight"))
_COLOR, _SHAPE, _TIP, _KIND_LABEL = (attrgetter(name) for name in ("color", "shape", "tooltip", "kind_label"))
_X, _Y, _SIZE, _ACTIVITY, _ATTRS = (attrgetter(name) for name in ("x", "y", "size", "activity", "attrs"))
_VALUES = methodcaller("values")


def render_html(
    view: View, *, fragment: bool = False, element_id: str | None = None, height: int = 640
) -> str:
    """Render ``view`` as a self-contained HTML page, or as a fragment for another page.

    Parameters
    ----------
    view
        What to draw.
    fragment
        Return ``<style>`` + ``<div>`` + ``<script>`` blocks instead of a whole document; several
        fragments (with different ids) can share one page.
    element_id
        Id of the view's root element; by default ``"pbg-"`` plus a hash of the content. Must start
        with a letter and hold only letters, digits, ``-`` and ``_``.
    height
        Height in CSS pixels of a fragment; a full page fills the window.

    Returns
    -------
    str
        The HTML; write it with ``encoding="utf-8"``.

    Examples
    --------
    >>> node = ViewNode("m1", "委员甲", "member", 0.0, 0.0, "#d62728", "dot", 10.0, {"党派": "中共党员"})
    >>> view = View(title="示例", caption="1 个节点", nodes=[node], edges=[])
    >>> page = render_html(view)
    >>> page.startswith("<!DOCTYPE html>"), "委员甲" in page
    (True, True)
    >>> render_html(view, fragment=True, element_id="v1").startswith("<style>")
    True
    """
    check_view(view)
    if element_id is not None and not _ELEMENT_ID.fullmatch(element_id):
        raise InvalidOptionError(
            f"element_id {element_id!r} must start with a letter and hold only letters, digits, '-' "
            "and '_' (at most 64 characters)"
        )
    labels = {**DEFAULT_LABELS_ZH, **view.labels}
    with gc_paused():
        data = _json_for_script(_payload(view, labels))
    data_type, data_attrs = "application/json", ""
    if not fragment and len(data) > DEFLATE_ABOVE:
        # a third of the bytes to read and decode: the page inflates it with the browser's DecompressionStream
        data = base64.b64encode(zlib.compress(data.encode("utf-8"), 6)).decode("ascii")
        data_type = "application/octet-stream"
        data_attrs = (
            f' data-encoding="deflate-base64" data-old-browser="{html.escape(labels["old_browser"])}"'
        )
    legend = (
        f'<aside class="pbg-legend"><p class="pbg-legend-title">{html.escape(labels["legend"])}</p>'
        f"<ul>{''.join(_legend_item(item) for item in view.legend)}</ul></aside>"
        if view.legend
        else ""
    )
    heading = "h2" if fragment else "h1"
    values = {
        "VIS_CSS": _asset_vis("vis-network.css"),
        "ROOT_CLASS": " pbg-fragment" if fragment else "",
        "LANG": html.escape(labels["lang"]),
        "HEIGHT": f"{int(height)}px" if fragment else "100vh",
        "HEADING": heading,
        "TITLE": html.escape(view.title),
        "CAPTION": html.escape(view.caption),
        "NOTICE": (
            f'<div class="pbg-notice" role="status">{html.escape(view.notice)}</div>' if view.notice else ""
        ),
        "SEARCH_PLACEHOLDER": html.escape(labels["search_placeholder"]),
        "SEARCH_BUTTON": html.escape(labels["search_button"]),
        "RESET": html.escape(labels["reset"]),
        "PATH_FROM": html.escape(labels["path_from"]),
        "PATH_TO": html.escape(labels["path_to"]),
        "PATH_BUTTON": html.escape(labels["path_button"]),
        "CLOSE": html.escape(labels["close"]),
        "HINT": html.escape(labels["hint"]),
        "LEGEND": legend,
        "DATA": data,
        "DATA_TYPE": data_type,
        "DATA_ATTRS": data_attrs,
        "VIS_JS": _asset_vis("vis-network.min.js"),
        "APP_JS": _asset_own("_view.js"),
    }
    if element_id is None:
        # derived from everything the fragment shows, so equal views share an id and different ones don't
        digest = hashlib.sha256()
        for key in ("ROOT_CLASS", "LANG", "HEIGHT", "TITLE", "CAPTION", "NOTICE", "LEGEND", "DATA"):
            digest.update(values[key].encode("utf-8") + b"\0")
        element_id = "pbg-" + digest.hexdigest()[:12]
    values["ID"] = element_id
    values["ID_JSON"] = json.dumps(element_id)
    values["CSS"] = _asset_own("_view.css").replace("#pbg-root", "#" + element_id)
    body = _fill(_asset_own("_fragment.html"), values)
    if fragment:
        return body
    page_values = {"LANG": values["LANG"], "TITLE": values["TITLE"], "FRAGMENT": body}
    return _fill(_asset_own("_page.html"), page_values)


def _payload(view: View, labels: Mapping[str, str]) -> dict[str, Any]:
    """The compact JSON the page's script reads: shared tables plus one array per node and edge.

    Built column by column (each field of every node read at once, the tooltip values of all nodes in one
    list): a view of 40,000 nodes would otherwise spend a third of a second in a loop over its nodes."""
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
            (_RESERVE if node.reserve else 0) | (_SATELLITE if node.satellite else 0),
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


def _json_for_script(payload: object) -> str:
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


def _fill(template: str, values: Mapping[str, str]) -> str:
    """Replace ``{{NAME}}`` placeholders in one pass, so inserted text is never scanned again."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def _legend_item(item: LegendItem) -> str:
    count = "" if item.count is None else f'<span class="pbg-count">{item.count}</span>'
    swatch = _swatch(item.shape, item.color) if item.symbol is None else _gap_swatch(item.symbol, item.color)
    css = ' class="pbg-gap-item"' if item.symbol is not None else ""
    return f"<li{css}>{swatch}<span>{html.escape(item.label)}</span>{count}</li>"


def symbol_points(symbol: str, cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    """The polygon of a gap badge of radius `r` centred on (cx, cy), y downwards (as in the page)."""
    if symbol in ("cross", "plus"):
        # a thick plus (turned 45 degrees for the cross): twelve corners
        turn = math.pi / 4 if symbol == "cross" else 0.0
        w = r * 0.38
        corners = [(-w, -r), (w, -r), (w, -w), (r, -w), (r, w), (w, w), (w, r), (-w, r), (-w, w), (-r, w)]
        corners += [(-r, -w), (-w, -w)]
        c, s = math.cos(turn), math.sin(turn)
        points = [(x * c - y * s, x * s + y * c) for x, y in corners]
    elif symbol == "diamond":
        points = [(0, -r), (r, 0), (0, r), (-r, 0)]
    elif symbol == "triangle":
        points = [(0, -r), (r * 0.95, r * 0.75), (-r * 0.95, r * 0.75)]
    elif symbol == "square":
        points = [(-0.8 * r, -0.8 * r), (0.8 * r, -0.8 * r), (0.8 * r, 0.8 * r), (-0.8 * r, 0.8 * r)]
    else:  # star
        points = [
            (
                (r * 0.45 if k % 2 else r * 1.1) * math.cos(-math.pi / 2 + k * math.pi / 5),
                (r * 0.45 if k % 2 else r * 1.1) * math.sin(-math.pi / 2 + k * math.pi / 5),
            )
            for k in range(10)
        ]
    return [(cx + x, cy + y) for x, y in points]


def _gap_swatch(symbol: str, color: str) -> str:
    """A legend swatch for a gap kind: a node in its halo, with the kind's badge."""
    badge = " ".join(f"{x:.2f},{y:.2f}" for x, y in symbol_points(symbol, 24.0, 6.0, 4.6))
    return (
        '<svg width="32" height="18" viewBox="0 0 32 18" aria-hidden="true">'
        f'<circle cx="10" cy="9" r="4.2" fill="{html.escape(color)}"/>'
        f'<circle cx="10" cy="9" r="6.3" fill="none" stroke="{GAP_HALO}" stroke-width="3"/>'
        f'<circle cx="10" cy="9" r="8.3" fill="none" stroke="{GAP_HALO_EDGE}" stroke-width="0.9"/>'
        f'<polygon points="{badge}" fill="{GAP_HALO_EDGE}" stroke="#ffffff" stroke-width="0.8"/></svg>'
    )


def _swatch(shape: str, color: str) -> str:
    """A small inline SVG of a legend entry's shape."""
    c = html.escape(color)
    if shape in ("line", "dashed"):
        dash = ' stroke-dasharray="4 3"' if shape == "dashed" else ""
        return (
            '<svg width="22" height="14" viewBox="0 0 22 14" aria-hidden="true">'
            f'<line x1="1" y1="7" x2="21" y2="7" stroke="{c}" stroke-width="2.5"{dash}/></svg>'
        )
    if shape in ("dot", "ellipse"):
        body = f'<circle cx="11" cy="7" r="6" fill="{c}"/>'
    elif shape in ("square", "box"):
        body = f'<rect x="5" y="1" width="12" height="12" rx="{2 if shape == "box" else 0}" fill="{c}"/>'
    else:
        body = f'<polygon points="{_POLYGONS[shape]}" fill="{c}"/>'
    return f'<svg width="22" height="14" viewBox="0 0 22 14" aria-hidden="true">{body}</svg>'


def _star_points(cx: float, cy: float, outer: float, inner: float) -> str:
    points = []
    for k in range(10):
        radius = outer if k % 2 == 0 else inner
        angle = math.pi / 2 + k * math.pi / 5
        points.append(f"{cx + radius * math.cos(angle):.2f},{cy - radius * math.sin(angle):.2f}")
    return " ".join(points)


_POLYGONS = {
    "diamond": "11,0.5 17.5,7 11,13.5 4.5,7",
    "triangle": "11,1 17.5,13 4.5,13",
    "triangleDown": "4.5,1 17.5,1 11,13",
    "hexagon": "7.5,1 14.5,1 18,7 14.5,13 7.5,13 4,7",
    "star": _star_points(11, 7.5, 7, 2.9),
}


@cache
def _asset_own(name: str) -> str:
    return resources.files("pbgraph.render").joinpath(name).read_text(encoding="utf-8")


@cache
def _asset_vis(name: str) -> str:
    """A vis-network file from the pyvis package, made safe to inline in a ``<style>``/``<script>``."""
    # found without importing pyvis (that imports jinja2 and networkx: a third of a second)
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("pyvis, which carries the vis-network library, is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    text = (folder / _VIS_DIR / name).read_text(encoding="utf-8")
    # the source-map comment would make devtools fetch a file that is not there
    text = re.sub(r"^[ \t]*//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", text)
    # an inline script or style ends at the first "</script" or "</style" and "<!--" changes how the
    # parser reads on; none occurs in 9.1.2, and the escaped forms mean the same inside JS strings
    text = text.replace("<!--", "<\\!--")
    return re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)

"""Write a graph view as one self-contained, offline, interactive HTML page or fragment.

This is the low-level writer: it knows nothing about committees or members. Higher layers compute
positions, colours and attributes and hand over a :class:`View`; this module turns it into HTML.

API
---
``ViewNode``, ``ViewEdge``, ``LegendItem``, ``View``
    Frozen dataclasses describing what to draw. Positions are screen coordinates as in vis-network:
    ``x`` grows to the right, ``y`` grows downwards; ``size`` is a radius in the same units.
``render_html(view, *, fragment=False, element_id=None, height=640) -> str``
    A full page (``<!DOCTYPE html>`` …) or, with ``fragment=True``, a ``<style>`` + ``<div>`` +
    ``<script>`` block to paste into another page.
``ViewDisplay(view, *, height=640)``
    What notebooks get back: ``_repr_html_`` shows the page inline in an ``<iframe srcdoc=…>``,
    ``save(path)`` writes ``.html`` (UTF-8), ``.png`` or ``.svg``.
``DEFAULT_LABELS_ZH``, ``DEFAULT_LABELS_EN``
    The UI strings; ``View.labels`` overrides them key by key (missing keys fall back to Chinese).
    Filter names are looked up as ``"filter.<attribute key>"`` and fall back to the key itself.

Guarantees
----------
- Offline: the vis-network script and stylesheet shipped inside the pyvis package are inlined; the
  page makes no request (no CDN, no web font, no favicon).
- Safe: data reaches the page only as JSON inside ``<script type="application/json">`` (with ``<``,
  ``>``, ``&``, U+2028 and U+2029 escaped) and is put on screen with ``textContent``; title, caption,
  notice and legend are ``html.escape``-d. Colours must be ``#rgb``/``#rrggbb``/``#rrggbbaa`` or a
  CSS colour name, shapes one of :data:`NODE_SHAPES`; anything else raises ``ValueError``.
- Deterministic: the same view gives byte-identical output; a fragment's element id is a hash of its
  content unless ``element_id`` is given.
- Responsive: physics is off (on only if ``view.physics`` and the view is small), positions are
  used as given, edges are straight, edges hide while dragging and, for big views, while zooming.

In the browser, each view sets ``data-ready`` on its root element and ``window.__pbgraphReady``
(``performance.now()`` at the first drawn frame), and registers ``window.__pbgraphViews[id]`` with
its ``network``, ``nodes`` and ``edges`` (vis objects) for tests and notebooks.
"""

from __future__ import annotations

import gc
import hashlib
import html
import json
import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_LABELS_EN",
    "DEFAULT_LABELS_ZH",
    "EDGE_LEGEND_SHAPES",
    "NODE_SHAPES",
    "LegendItem",
    "View",
    "ViewDisplay",
    "ViewEdge",
    "ViewNode",
    "check_view",
    "render_html",
]

#: vis-network shapes a node may have (all are drawn at ``size``, label beside or below).
NODE_SHAPES: frozenset[str] = frozenset(
    {"dot", "square", "diamond", "triangle", "triangleDown", "star", "hexagon", "box", "ellipse"}
)
#: extra shapes for legend entries that explain edges.
EDGE_LEGEND_SHAPES: frozenset[str] = frozenset({"line", "dashed"})

#: above either limit a view counts as big: no physics, no curved edges, edges hidden while zooming.
BIG_NODES = 2000
BIG_EDGES = 4000

DEFAULT_LABELS_ZH: dict[str, str] = {
    "lang": "zh-CN",
    "search_placeholder": "搜索节点名称或编号",
    "search_button": "查找",
    "search_found": "已定位：{label}（第 {index}/{count} 个）",
    "no_match": "未找到匹配的节点",
    "filter_all": "全部",
    "reset": "重置",
    "legend": "图例",
    "shown": "显示 {shown}/{total} 个节点",
    "tooltip_separator": "：",
    "legend_count": "{label}（{count}）",
    "filter.kind": "类型",
    "filter.party": "党派",
    "filter.sector": "界别",
    "filter.township": "镇街",
}

DEFAULT_LABELS_EN: dict[str, str] = {
    "lang": "en",
    "search_placeholder": "Search node name or id",
    "search_button": "Find",
    "search_found": "Found: {label} ({index} of {count})",
    "no_match": "No matching node",
    "filter_all": "All",
    "reset": "Reset",
    "legend": "Legend",
    "shown": "Showing {shown} of {total} nodes",
    "tooltip_separator": ": ",
    "legend_count": "{label} ({count})",
    "filter.kind": "Kind",
    "filter.party": "Party",
    "filter.sector": "Sector",
    "filter.township": "Township",
}

# the UI strings the page's script reads; filter names are resolved in Python
_SCRIPT_LABELS = ("search_found", "no_match", "filter_all", "shown", "tooltip_separator")

_HEX_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
_ELEMENT_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_VIS_DIR = "templates/lib/vis-9.1.2"


@dataclass(frozen=True)
class ViewNode:
    """One node to draw.

    Parameters
    ----------
    id
        Unique within the view; searchable.
    label
        Drawn next to the node; searchable.
    kind
        What the node stands for (member, sector, township, organization, contact, aggregate); kept
        for callers, not drawn (say it in ``tooltip`` or ``attrs`` to show or filter it).
    x, y
        Position, screen coordinates (y grows downwards).
    color
        Fill colour.
    shape
        One of :data:`NODE_SHAPES`.
    size
        Radius, in the units of ``x`` and ``y``.
    tooltip
        Field label -> value, shown on hover as plain text lines in this order.
    attrs
        Filter attribute -> value, e.g. ``{"party": "中共党员"}``; every key gets a filter menu.
    highlight
        A short flag such as a gap name; the node gets a thick red border and the flag in its tooltip.
    """

    id: str
    label: str
    kind: str
    x: float
    y: float
    color: str
    shape: str
    size: float
    tooltip: dict[str, str] = field(default_factory=dict)
    attrs: dict[str, str] = field(default_factory=dict)
    highlight: str | None = None


@dataclass(frozen=True)
class ViewEdge:
    """One edge to draw, from ``source`` to ``target`` (node ids); ``tooltip`` shows on hover."""

    source: str
    target: str
    color: str
    dashes: bool = False
    width: float = 1.0
    tooltip: str = ""
    arrows: bool = True


@dataclass(frozen=True)
class LegendItem:
    """One legend entry; ``shape`` is a node shape or ``"line"``/``"dashed"`` for an edge style."""

    label: str
    color: str
    shape: str
    count: int | None = None


@dataclass(frozen=True)
class View:
    """Everything one graph view shows.

    Parameters
    ----------
    title
        Heading of the view.
    caption
        One line under the title (dataset, date, counts) so that a screenshot stands alone.
    nodes, edges, legend
        What to draw.
    notice
        Shown prominently under the caption, e.g. that the view was aggregated.
    physics
        Let vis-network move the nodes (small views only); positions are the starting point.
    hierarchical
        The positions form layers; small views then draw edges as vertical curves.
    labels
        UI strings overriding :data:`DEFAULT_LABELS_ZH` key by key.
    """

    title: str
    caption: str
    nodes: list[ViewNode]
    edges: list[ViewEdge]
    legend: list[LegendItem] = field(default_factory=list)
    notice: str | None = None
    physics: bool = False
    hierarchical: bool = False
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def is_big(self) -> bool:
        """Whether the view is big enough to switch off the costly drawing options."""
        return len(self.nodes) > BIG_NODES or len(self.edges) > BIG_EDGES


def check_view(view: View) -> None:
    """Raise ``ValueError`` listing every problem in ``view`` (ids, endpoints, colours, shapes, numbers)."""
    if _looks_valid(view):
        return
    problems: list[str] = []
    color_ok: dict[str, bool] = {}

    def check_color(where: str, color: str) -> None:
        ok = color_ok.get(color)
        if ok is None:
            ok = color_ok[color] = _is_color(color)
        if not ok:
            problems.append(f"{where}: colour {color!r} is not #rgb, #rrggbb, #rrggbbaa or a CSS colour name")

    seen: set[str] = set()
    for i, node in enumerate(view.nodes):
        where = f"node {i} (id {node.id!r})"
        if node.id in seen:
            problems.append(f"{where}: duplicate id; give every node a unique id")
        seen.add(node.id)
        check_color(where, node.color)
        if node.shape not in NODE_SHAPES:
            problems.append(f"{where}: shape {node.shape!r} is not one of {sorted(NODE_SHAPES)}")
        if not (math.isfinite(node.x) and math.isfinite(node.y) and math.isfinite(node.size)):
            problems.append(
                f"{where}: x, y and size must be finite numbers, got {node.x}, {node.y}, {node.size}"
            )
    for i, edge in enumerate(view.edges):
        where = f"edge {i} ({edge.source!r} -> {edge.target!r})"
        for end in (edge.source, edge.target):
            if end not in seen:
                problems.append(f"{where}: node {end!r} is not in the view; add it or drop the edge")
        check_color(where, edge.color)
        if not math.isfinite(edge.width):
            problems.append(f"{where}: width must be a finite number, got {edge.width}")
    for i, item in enumerate(view.legend):
        where = f"legend item {i} ({item.label!r})"
        check_color(where, item.color)
        if item.shape not in NODE_SHAPES | EDGE_LEGEND_SHAPES:
            problems.append(f"{where}: shape {item.shape!r} is not a node shape, 'line' or 'dashed'")
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise ValueError(f"invalid view {view.title!r}: {len(problems)} problem(s):\n  {shown}{more}")


def _looks_valid(view: View) -> bool:
    """A fast whole-view check; only when it fails does :func:`check_view` look item by item."""
    nodes, edges = view.nodes, view.edges
    ids = {node.id for node in nodes}
    if len(ids) != len(nodes):
        return False
    if not ({edge.source for edge in edges} <= ids and {edge.target for edge in edges} <= ids):
        return False
    colors = {node.color for node in nodes} | {edge.color for edge in edges} | {i.color for i in view.legend}
    if not all(_is_color(color) for color in colors):
        return False
    if not {node.shape for node in nodes} <= NODE_SHAPES:
        return False
    if not {item.shape for item in view.legend} <= NODE_SHAPES | EDGE_LEGEND_SHAPES:
        return False
    # nan and inf survive a sum; a false alarm from overflow only costs the slow check
    total = sum(node.x + node.y + node.size for node in nodes) + sum(edge.width for edge in edges)
    return math.isfinite(total)


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
        raise ValueError(
            f"element_id {element_id!r} must start with a letter and hold only letters, digits, '-' "
            "and '_' (at most 64 characters)"
        )
    labels = {**DEFAULT_LABELS_ZH, **view.labels}
    # the payload is ~10 small lists per node and edge, and none forms a cycle: collecting garbage while
    # building it only rescans them, and at 50k nodes that doubles the time
    collecting = gc.isenabled()
    gc.disable()
    try:
        data = _json_for_script(_payload(view, labels))
    finally:
        if collecting:
            gc.enable()
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
        "LEGEND": legend,
        "DATA": data,
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


class ViewDisplay:
    """A rendered view for notebooks: shown inline as an ``<iframe srcdoc>``, saved with :meth:`save`.

    Parameters
    ----------
    view
        What to draw.
    height
        Height of the inline frame in CSS pixels.
    """

    def __init__(self, view: View, *, height: int = 640) -> None:
        self.view = view
        self.height = int(height)
        self._html: str | None = None

    @property
    def html(self) -> str:
        """The full page, rendered once."""
        if self._html is None:
            self._html = render_html(self.view)
        return self._html

    def _repr_html_(self) -> str:
        # srcdoc keeps the page inside the notebook (no file to lose); the sandbox still runs its scripts
        style = f"width: 100%; height: {self.height}px; border: 1px solid #d0d7de; box-sizing: border-box;"
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" title="{html.escape(self.view.title)}" '
            f'sandbox="allow-scripts" style="{style}"></iframe>'
        )

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the view to ``path``: ``.html``/``.htm`` as UTF-8 HTML, ``.png`` or ``.svg`` as a picture.

        Returns
        -------
        Path
            The path written.
        """
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix in (".html", ".htm"):
            target.write_text(self.html, encoding="utf-8")
        elif suffix in (".png", ".svg"):
            from pbgraph.render._static import render_static

            target.write_bytes(render_static(self.view, fmt="png" if suffix == ".png" else "svg"))
        else:
            raise ValueError(f"cannot save a view as {target.name!r}: use a .html, .png or .svg file name")
        return target

    def __repr__(self) -> str:
        return f"ViewDisplay({self.view.title!r}, nodes={len(self.view.nodes)}, edges={len(self.view.edges)})"


def _payload(view: View, labels: Mapping[str, str]) -> dict[str, Any]:
    """The compact JSON the page's script reads: shared tables plus one array per node and edge."""
    colors: dict[str, int] = {}
    shapes: dict[str, int] = {}
    tip_keys: dict[str, int] = {}
    filter_keys: dict[str, int] = {}
    filter_values: list[dict[str, int]] = []
    for node in view.nodes:
        for key, value in node.attrs.items():
            k = filter_keys.setdefault(key, len(filter_keys))
            if k == len(filter_values):
                filter_values.append({})
            values = filter_values[k]
            values.setdefault(str(value), len(values))
    index = {node.id: i for i, node in enumerate(view.nodes)}
    n_filters = len(filter_keys)

    nodes: list[list[Any]] = []
    for node in view.nodes:
        tip: list[Any] = []
        for key, value in node.tooltip.items():
            tip.append(tip_keys.setdefault(key, len(tip_keys)))
            tip.append(str(value))
        attrs = [-1] * n_filters
        for key, value in node.attrs.items():
            k = filter_keys[key]
            attrs[k] = filter_values[k][str(value)]
        nodes.append(
            [
                node.id,
                node.label,
                round(node.x, 2),
                round(node.y, 2),
                colors.setdefault(node.color, len(colors)),
                shapes.setdefault(node.shape, len(shapes)),
                node.size,
                node.highlight,
                tip,
                attrs,
            ]
        )
    color_index = colors.setdefault
    edges = [
        [
            index[edge.source],
            index[edge.target],
            color_index(edge.color, len(colors)),
            1 if edge.dashes else 0,
            edge.width,
            edge.tooltip,
            1 if edge.arrows else 0,
        ]
        for edge in view.edges
    ]
    return {
        "labels": {key: labels[key] for key in _SCRIPT_LABELS},
        "big": view.is_big,
        "physics": view.physics and not view.is_big,
        "hierarchical": view.hierarchical,
        "colors": list(colors),
        "shapes": list(shapes),
        "tipKeys": list(tip_keys),
        "filters": [
            {"name": labels.get(f"filter.{key}", key), "values": list(values)}
            for key, values in zip(filter_keys, filter_values, strict=True)
        ],
        "nodes": nodes,
        "edges": edges,
    }


def _json_for_script(payload: object) -> str:
    """JSON that is safe inside ``<script type="application/json">``: nothing in it can end the element."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # these characters only occur inside JSON strings, where the \\u escapes mean the same
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


def _fill(template: str, values: Mapping[str, str]) -> str:
    """Replace ``{{NAME}}`` placeholders in one pass, so inserted text is never scanned again."""
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def _legend_item(item: LegendItem) -> str:
    count = "" if item.count is None else f'<span class="pbg-count">{item.count}</span>'
    return f"<li>{_swatch(item.shape, item.color)}<span>{html.escape(item.label)}</span>{count}</li>"


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


def _is_color(color: str) -> bool:
    if _HEX_COLOR.fullmatch(color):
        return True
    return color.lower() in _css_color_names()


@cache
def _css_color_names() -> frozenset[str]:
    # matplotlib's CSS4 table: the names both renderers understand
    from matplotlib.colors import CSS4_COLORS

    return frozenset(CSS4_COLORS)


@cache
def _asset_own(name: str) -> str:
    return resources.files("pbgraph.render").joinpath(name).read_text(encoding="utf-8")


@cache
def _asset_vis(name: str) -> str:
    """A vis-network file from the pyvis package, made safe to inline in a ``<style>``/``<script>``."""
    text = resources.files("pyvis").joinpath(f"{_VIS_DIR}/{name}").read_text(encoding="utf-8")
    # the source-map comment would make devtools fetch a file that is not there
    text = re.sub(r"^[ \t]*//# sourceMappingURL=.*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", text)
    # an inline script or style ends at the first "</script" or "</style" and "<!--" changes how the
    # parser reads on; none occurs in 9.1.2, and the escaped forms mean the same inside JS strings
    text = text.replace("<!--", "<\\!--")
    return re.sub(r"</(script|style)", r"<\\/\1", text, flags=re.IGNORECASE)

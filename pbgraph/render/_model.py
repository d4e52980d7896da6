"""What a graph view draws: nodes, edges, legend and text, as frozen dataclasses, and their validation.

Both writers (:mod:`pbgraph.render._html` and :mod:`pbgraph.render._static`) read these; neither imports the
other. Positions are screen coordinates as in vis-network: ``x`` grows to the right, ``y`` downwards; ``size``
is a radius in the same units.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache

__all__ = [
    "BIG_EDGES",
    "BIG_NODES",
    "EDGE_LEGEND_SHAPES",
    "NODE_SHAPES",
    "LegendItem",
    "View",
    "ViewEdge",
    "ViewNode",
    "check_view",
    "is_color",
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

_HEX_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")


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
            ok = color_ok[color] = is_color(color)
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
    if not all(is_color(color) for color in colors):
        return False
    if not {node.shape for node in nodes} <= NODE_SHAPES:
        return False
    if not {item.shape for item in view.legend} <= NODE_SHAPES | EDGE_LEGEND_SHAPES:
        return False
    # nan and inf survive a sum; a false alarm from overflow only costs the slow check
    total = sum(node.x + node.y + node.size for node in nodes) + sum(edge.width for edge in edges)
    return math.isfinite(total)


def is_color(color: str) -> bool:
    """Whether `color` is #rgb, #rrggbb, #rrggbbaa or a CSS colour name."""
    if _HEX_COLOR.fullmatch(color):
        return True
    return color.lower() in _css_color_names()


@cache
def _css_color_names() -> frozenset[str]:
    # matplotlib's CSS4 table: the names both renderers understand
    from matplotlib.colors import CSS4_COLORS

    return frozenset(CSS4_COLORS)

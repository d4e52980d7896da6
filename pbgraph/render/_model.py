"""What a graph view draws: nodes, edges, legend and text, as frozen dataclasses, and their validation.

Both writers (:mod:`pbgraph.render._html` and :mod:`pbgraph.render._static`) read these; neither imports the
other. Positions are screen coordinates as in vis-network: ``x`` grows to the right, ``y`` downwards; ``size``
is a radius in the same units.
"""

from __future__ import annotations

import gc
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from functools import cache
from itertools import chain
from operator import attrgetter
from typing import Any, TypeVar

from pbgraph._errors import InvalidOptionError

__all__ = [
    "BIG_EDGES",
    "BIG_NODES",
    "DORMANT_COLOR",
    "EDGE_LEGEND_SHAPES",
    "GAP_HALO",
    "GAP_HALO_EDGE",
    "GAP_SYMBOLS",
    "NODE_SHAPES",
    "TITLE_KIND",
    "LegendItem",
    "View",
    "ViewEdge",
    "ViewNode",
    "check_view",
    "column",
    "gc_paused",
    "instances",
    "is_color",
]

_Item = TypeVar("_Item", "ViewNode", "ViewEdge")

#: vis-network shapes a node may have (all are drawn at ``size``, label beside or below).
NODE_SHAPES: frozenset[str] = frozenset(
    {"dot", "square", "diamond", "triangle", "triangleDown", "star", "hexagon", "box", "ellipse"}
)
#: extra shapes for legend entries that explain edges.
EDGE_LEGEND_SHAPES: frozenset[str] = frozenset({"line", "dashed"})

#: badge symbols that mark a gap kind on a node (drawn beside the gap halo, in the legend, PNG and SVG).
GAP_SYMBOLS: tuple[str, ...] = ("cross", "diamond", "triangle", "square", "star", "plus")
#: the halo around a node that is part of a gap: a colour no party or palette colour uses.
GAP_HALO = "#ffd400"
GAP_HALO_EDGE = "#1f2328"
#: a counting liaison without activity in the period (dormant) is drawn in this faded grey.
DORMANT_COLOR = "#d5d9de"

#: the kind of a node that titles part of the drawing (the org view's lanes): words drawn in a box, not a
#: node of the network; no count of nodes or edges (caption, `render`'s line, the page's 显示 N/M) includes it
TITLE_KIND = "lane"

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
        A short flag such as a gap name; the node gets a gap halo and the flag in its tooltip.
    gaps
        Gap badge symbols (:data:`GAP_SYMBOLS`) drawn beside the node, one per gap kind it is part of.
    parent
        Id of the super-node this node is folded into: drawn only once that super-node is expanded.
    reserve
        Embedded for expand-on-demand: drawn only when a drawn neighbour is expanded (double-click).
    satellite
        Hangs on its neighbours (a contact): hidden when a filter hides all of them.
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
    gaps: tuple[str, ...] = ()
    parent: str | None = None
    reserve: bool = False
    satellite: bool = False


@dataclass(frozen=True)
class ViewEdge:
    """One edge to draw, from ``source`` to ``target`` (node ids); ``tooltip`` shows on hover.

    ``liaison`` marks a liaison (listed in the details panel, walked by the path tool); a dashed liaison
    is one that does not count.

    For the time control (a view with a ``timeline``): ``since`` is the day the liaison was made (days since
    1970-01-01), ``activity`` the sorted days of the activities that exercised it, ``live_color`` its colour
    when active (``color`` may be the faded one), ``counts`` whether it counts (only those can be dormant)
    and ``kind_label`` its kind in words.
    """

    source: str
    target: str
    color: str
    dashes: bool = False
    width: float = 1.0
    tooltip: str = ""
    arrows: bool = True
    liaison: bool = False
    since: int | None = None
    activity: tuple[int, ...] = ()
    live_color: str | None = None
    counts: bool = False
    kind_label: str = ""


@dataclass(frozen=True)
class LegendItem:
    """One legend entry; ``shape`` is a node shape or ``"line"``/``"dashed"`` for an edge style; ``symbol``
    (one of :data:`GAP_SYMBOLS`) makes it a gap entry: the halo with that badge. ``count`` is shown beside
    the label: a number, or a word where there is none to give (未提供: the data does not say). ``full``:
    the full name where ``label`` is a short form of it (a long English party name, a long wording of
    `LEGEND_SHORT`), the page's tooltip on the entry and the picture's legend text."""

    label: str
    color: str
    shape: str
    count: int | str | None = None
    symbol: str | None = None
    full: str | None = None


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
        What to draw. The nodes and edges are any sequence: a list, or a columnar table
        (:class:`pbgraph.render._columns.Table`, as the views build them) that makes each object only when
        it is read.
    notice
        Shown prominently under the caption, e.g. that the view was aggregated.
    physics
        Let vis-network move the nodes (small views only); positions are the starting point.
    hierarchical
        The positions form layers; small views then draw edges as vertical curves.
    labels
        UI strings overriding :data:`DEFAULT_LABELS_ZH` key by key.
    focus
        Id of the node the view is about: selected and centred when the page opens.
    rings
        Labelled circles around the origin (radius, label), e.g. the hops of a reach view: each hop's outer
        edge, its nodes on or inside it and outside the hop before.
    timeline
        First and last day (days since 1970-01-01) and period in months of a time control that replays the
        liaisons by their ``since`` and activity days (a counting liaison is dormant at a day without
        activity in the period up to it); ``None``: no time control.
    stands_for
        The members folded into the super-nodes of an aggregated view (what its drawn nodes stand for);
        ``None`` when no member is folded.
    """

    title: str
    caption: str
    nodes: Sequence[ViewNode]
    edges: Sequence[ViewEdge]
    legend: list[LegendItem] = field(default_factory=list)
    notice: str | None = None
    physics: bool = False
    hierarchical: bool = False
    labels: dict[str, str] = field(default_factory=dict)
    focus: str | None = None
    rings: list[tuple[float, str]] = field(default_factory=list)
    timeline: tuple[int, int, int] | None = None
    stands_for: int | None = None

    @property
    def is_big(self) -> bool:
        """Whether the view is big enough to switch off the costly drawing options."""
        return len(self.nodes) > BIG_NODES or len(self.edges) > BIG_EDGES

    def drawn(self) -> list[ViewNode]:
        """The nodes drawn when the page opens (not folded into a super-node, not held in reserve)."""
        return [node for node in self.nodes if node.parent is None and not node.reserve]

    def drawn_count(self) -> int:
        """How many nodes the page draws when it opens, as its caption counts them: titles are not nodes."""
        return sum(node.kind != TITLE_KIND for node in self.drawn())

    def first_frame(self) -> tuple[Sequence[ViewNode], Sequence[ViewEdge]]:
        """The nodes and edges drawn when the page opens (what PNG and SVG show): an edge with a folded end
        joins the super-node holding it, one edge per pair of super-nodes, wider the more it stands for."""
        if all(node.parent is None and not node.reserve for node in self.nodes):
            return self.nodes, self.edges
        parent = {node.id: node.parent for node in self.nodes}
        reserve = {node.id for node in self.nodes if node.reserve}
        # each node's outermost super-node, each chain walked once
        top_of: dict[str, str] = {}
        for node in self.nodes:
            chain, top = [], node.id
            while top not in top_of and parent[top] is not None:
                chain.append(top)
                top = str(parent[top])
            top = top_of.get(top, top)
            for below in chain:
                top_of[below] = top
            top_of.setdefault(node.id, top)
        rep = {
            node.id: None if node.id in reserve or top_of[node.id] in reserve else top_of[node.id]
            for node in self.nodes
        }
        edges: list[ViewEdge] = []
        folded: dict[tuple[str, str], list[ViewEdge]] = {}
        for edge in self.edges:
            a, b = rep[edge.source], rep[edge.target]
            if a is None or b is None or a == b:
                continue
            if a == edge.source and b == edge.target:
                edges.append(edge)
            else:
                folded.setdefault((a, b), []).append(edge)
        for (a, b), group in folded.items():
            width = min(8.0, 1.0 + math.log2(len(group)))
            edges.append(ViewEdge(a, b, group[0].color, width=width, tooltip=str(len(group))))
        return self.drawn(), edges


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
        if not set(node.gaps) <= set(GAP_SYMBOLS):
            problems.append(f"{where}: gap symbols {node.gaps} are not all in {GAP_SYMBOLS}")
        if not (math.isfinite(node.x) and math.isfinite(node.y) and math.isfinite(node.size)):
            problems.append(
                f"{where}: x, y and size must be finite numbers, got {node.x}, {node.y}, {node.size}"
            )
    for i, node in enumerate(view.nodes):
        if node.parent is not None and node.parent not in seen:
            problems.append(f"node {i} (id {node.id!r}): parent {node.parent!r} is not in the view")
    if view.focus is not None and view.focus not in seen:
        problems.append(f"focus {view.focus!r} is not a node of the view")
    for i, edge in enumerate(view.edges):
        where = f"edge {i} ({edge.source!r} -> {edge.target!r})"
        for end in (edge.source, edge.target):
            if end not in seen:
                problems.append(f"{where}: node {end!r} is not in the view; add it or drop the edge")
        check_color(where, edge.color)
        if edge.live_color is not None:
            check_color(where, edge.live_color)
        if not math.isfinite(edge.width):
            problems.append(f"{where}: width must be a finite number, got {edge.width}")
    for i, item in enumerate(view.legend):
        where = f"legend item {i} ({item.label!r})"
        check_color(where, item.color)
        if item.shape not in NODE_SHAPES | EDGE_LEGEND_SHAPES:
            problems.append(f"{where}: shape {item.shape!r} is not a node shape, 'line' or 'dashed'")
        if item.symbol is not None and item.symbol not in GAP_SYMBOLS:
            problems.append(f"{where}: symbol {item.symbol!r} is not one of {GAP_SYMBOLS}")
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise InvalidOptionError(f"invalid view {view.title!r}: {len(problems)} problem(s):\n  {shown}{more}")


def _looks_valid(view: View) -> bool:
    """A fast whole-view check; only when it fails does :func:`check_view` look item by item."""
    nodes, edges = view.nodes, view.edges
    # each field of every node and edge read at once (a table's column, or `map` over an attrgetter)
    ids = set(column(nodes, "id"))
    if len(ids) != len(nodes):
        return False
    if not (set(column(edges, "source")) <= ids and set(column(edges, "target")) <= ids):
        return False
    colors = set(column(nodes, "color")) | set(column(edges, "color")) | {i.color for i in view.legend}
    colors |= set(column(edges, "live_color")) - {None}
    if not all(is_color(color) for color in colors):
        return False
    if not set(column(nodes, "shape")) <= NODE_SHAPES:
        return False
    if not {item.shape for item in view.legend} <= NODE_SHAPES | EDGE_LEGEND_SHAPES:
        return False
    symbols = set(chain.from_iterable(column(nodes, "gaps"))) | {i.symbol or "cross" for i in view.legend}
    if not symbols <= set(GAP_SYMBOLS):
        return False
    if not set(column(nodes, "parent")) - {None} <= ids:
        return False
    if view.focus is not None and view.focus not in ids:
        return False
    # nan and inf survive a sum; a false alarm from overflow only costs the slow check
    total = sum(column(nodes, "x")) + sum(column(nodes, "y")) + sum(column(nodes, "size"))
    return math.isfinite(total + sum(column(edges, "width")))


def column(items: Sequence[Any], name: str) -> list[Any]:
    """One field of every item: a column of a table (:class:`pbgraph.render._columns.Table`) as it is held,
    else read item by item."""
    read = getattr(items, "column", None)
    return read(name) if read is not None else list(map(attrgetter(name), items))


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


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building a view or its page: a view is ~10 small objects per
    node and edge, none in a cycle, and collecting while they pile up only rescans them (at 40,000 nodes
    that doubles the time)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def instances(cls: type[_Item], rows: Iterable[tuple[Any, ...]]) -> list[_Item]:
    """``[cls(*row) for row in rows]`` for rows that give every field in order, in half the time: a frozen
    dataclass's ``__init__`` sets each field through ``object.__setattr__``, this fills the instance's
    dictionary at once (what a view of 40,000 nodes and edges spends a tenth of a second on)."""
    names = tuple(f.name for f in fields(cls))
    new = object.__new__
    out = []
    for row in rows:
        item = new(cls)
        item.__dict__.update(zip(names, row, strict=True))
        out.append(item)
    return out


def replaced(item: _Item, **changes: Any) -> _Item:
    """``dataclasses.replace(item, **changes)`` without running ``__init__``, as `instances` builds items: the
    copy's dictionary is filled at once (an organization chart replaces thousands of nodes)."""
    if not changes.keys() <= item.__dict__.keys():
        # a field the item does not have: dataclasses says which
        return replace(item, **changes)
    new = object.__new__(type(item))
    new.__dict__.update(item.__dict__, **changes)
    return new

"""The reach view: what one liaison source reaches, in rings by hop."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

import pbgraph.render._layout as _layout
from pbgraph._texts.render import TOOLTIP, t
from pbgraph.render._model import LegendItem, View, ViewNode
from pbgraph.render.views._aggregate import aggregated
from pbgraph.render.views._builder import Builder
from pbgraph.render.views._edges import edges_among
from pbgraph.render.views._facts import Selection
from pbgraph.render.views.network import bfs_hops, lookup_node, title_of


def reach_view(b: Builder, target: str | None, depth: int) -> View:
    """What one liaison source reaches, in labelled rings by hop (`depth` 0: every hop, as the analysis),
    around the source itself, which its counts leave out as the analysis does (DESIGN 4)."""
    source = lookup_node(b, target, "members")
    adjacency = b.ix.reach_adjacency.astype(bool).tocsr()
    hop = bfs_hops(adjacency, source, depth if depth and depth > 0 else None)
    nodes = np.flatnonzero(hop >= 0)
    nodes = nodes[np.argsort(hop[nodes], kind="stable")]
    title = title_of(b, "reach", b.f.label(source))
    notice = None
    is_contact = b.f.kind_names[nodes] == "contact"
    if len(nodes) > b.node_limit and len(nodes) - int(is_contact.sum()) <= b.node_limit:
        # as the network view: contacts fold onto their members (a count in each one's details) before
        # members fold into super-nodes
        notice = t("contacts_folded", b.lang).format(limit=b.node_limit, contacts=int(is_contact.sum()))
        nodes = nodes[~is_contact]
    if len(nodes) > b.node_limit:
        # folded, the source would count in its sector's super-node: the groups hold what it reaches only,
        # the source is drawn apart (as unfolded: a star, its own legend entry), and the notice names it
        folded = aggregated(b, title, nodes[nodes != source], members_key="reached_members")
        named = t("reach_source", b.lang).format(name=b.f.label(source))
        return _with_source(b, dataclasses.replace(folded, notice=f"{named}{folded.notice or ''}"), source)
    xy, radii = _layout.rings_by_hop(hop[nodes])
    rings = [(radii[h], t("hop", b.lang).format(hop=h)) for h in range(1, len(radii))]
    extra = {int(n): {t("hop", b.lang, TOOLTIP): str(int(hop[n]))} for n in nodes}
    legend = [
        LegendItem(t("hop", b.lang).format(hop=int(h)), "#cccccc", "dot", int((hop[nodes] == h).sum()))
        for h in np.unique(hop[nodes])
        if h > 0
    ]
    return b.view(
        title,
        Selection(nodes, xy, None, extra, focus=source, rings=rings),
        extra_legend=legend,
        edge_types=("liaison", "in_sector", "in_group"),
        centre_apart=True,
        notice=notice,
    )


def _with_source(b: Builder, folded: View, source: int) -> View:
    """The folded reach with its source drawn as the unfolded one draws it: a star (起点（本人）, counted
    apart in the legend) in the middle of the super-nodes, where none lies, its liaisons to the members
    folded in them drawn to their super-nodes; the view opens framed around it, as unfolded."""
    tops = [node for node in folded.nodes if node.kind == "aggregate" and node.parent is None]
    x, y = _free_middle(tops)
    hop = {source: {t("hop", b.lang, TOOLTIP): "0"}}
    alone = b.view("", Selection(np.array([source]), np.array([[x, y]]), None, hop, focus=source))
    star = alone.nodes[0]
    # its liaisons to the members the file holds (the page joins each to the super-node holding its end)
    held = np.array(
        [int(n) for n in b.ix.lookup(pd.Series([node.id for node in folded.nodes if node.kind == "member"]))],
        dtype=np.int64,
    )
    edges = [
        edge
        for edge in edges_among(b, np.r_[source, held], ("liaison",))
        if edge.source == star.id or edge.target == star.id
    ]
    legend = list(folded.legend)
    # after the gap legend (a folded reach has none), first among the rest, as unfolded
    at = next((i for i, item in enumerate(legend) if item.symbol is None), len(legend))
    legend.insert(at, LegendItem(t("centre", b.lang), star.color, star.shape, 1))
    view = dataclasses.replace(
        folded, nodes=[star, *folded.nodes], edges=[*folded.edges, *edges], legend=legend, focus=star.id
    )
    shown, shown_edges = view.first_frame()
    members = folded.stands_for or 0
    return dataclasses.replace(
        view, caption=b.caption(len(shown), len(shown_edges), members, members_key="reached_members")
    )


def _free_middle(tops: list[ViewNode]) -> tuple[float, float]:
    """The point nearest the middle of the super-nodes that none of them covers (with room for a label)."""
    if not tops:
        return 0.0, 0.0
    xy = np.array([(node.x, node.y) for node in tops])
    room = np.array([node.size for node in tops]) + 40.0
    middle = (xy.min(axis=0) + xy.max(axis=0)) / 2
    step = max(10.0, float(room.min()) / 2)
    # outward on a spiral, a step of arc at a time, to the first free point
    for k in range(10_000):
        angle = np.sqrt(k) * 3.6
        point = middle + step * np.sqrt(k) * np.array([np.cos(angle), np.sin(angle)])
        if (np.hypot(*(xy - point).T) >= room).all():
            return float(point[0]), float(point[1])
    return float(xy[:, 0].min() - room.max()), float(middle[1])

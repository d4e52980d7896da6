"""The reach view: what one liaison source reaches, in rings by hop."""

from __future__ import annotations

import dataclasses

import numpy as np

import pbgraph.render._layout as _layout
from pbgraph._texts.render import TOOLTIP, t
from pbgraph.render._model import LegendItem, View
from pbgraph.render.views._aggregate import aggregated
from pbgraph.render.views._builder import Builder
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
    if len(nodes) > b.node_limit:
        # folded, the source would count in its sector's super-node: the groups hold what it reaches only,
        # and the notice names the source they leave out
        folded = aggregated(b, title, nodes[nodes != source], members_key="reached_members")
        named = t("reach_source", b.lang).format(name=b.f.label(source))
        return dataclasses.replace(folded, notice=f"{named}{folded.notice or ''}")
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
    )

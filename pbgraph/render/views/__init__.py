"""The graph views of a dataset (`pbgraph render VIEW`): which nodes and edges each view shows, where they
go, how they look, and what their legend, tooltips and caption say.

Every view is built from the dataset's node index with numpy; positions come from the structural layouts of
:mod:`pbgraph.render._layout`, so the same data and options always give the same picture. Above `node_limit`
visible nodes, members are aggregated into sector, township or committee super-nodes.

One module per family: :mod:`.network` (network, committee, gaps, sector, township, member), :mod:`.org`,
:mod:`.reach`; shared pieces in :mod:`._facts` (per-node facts), :mod:`._builder` (nodes to a View),
:mod:`._aggregate` (super-nodes) and :mod:`._style` (colours and shapes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pbgraph._errors import UnknownIdError
from pbgraph.render._model import LegendItem, View
from pbgraph.render._words import GAP_LABELS, t
from pbgraph.render.views._builder import COLOR_BY, Builder
from pbgraph.render.views._facts import view_date
from pbgraph.render.views.network import (
    gap_highlights,
    lookup_node,
    neighbourhood,
    network_view,
    scope_name,
    title_of,
)
from pbgraph.render.views.org import org_view
from pbgraph.render.views.reach import reach_view

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset

VIEWS = ("network", "org", "sector", "township", "member", "committee", "gaps", "reach")
DEFAULT_NODE_LIMIT = 3000


def build_view(
    ds: Dataset,
    name: str,
    target: str | None = None,
    *,
    committee: str | None = None,
    color_by: str = "party",
    depth: int = 1,
    node_limit: int = DEFAULT_NODE_LIMIT,
    max_load: int = 5,
    lang: str = "zh",
) -> View:
    """Build one of the graph views (`VIEWS`) of a dataset.

    Parameters
    ----------
    name
        network, org, sector, township, member, committee, gaps or reach.
    target
        The id the view is about (sector, township, member, committee, reach source).
    committee
        Restrict network, org and gaps to one committee.
    color_by
        Member colour: party, sector, township or committee.
    depth
        Hops of the member ego view and of reach (reach: None-like 0 = unlimited).
    node_limit
        Above this many nodes, members are aggregated into super-nodes.

    Examples
    --------
    >>> from pbgraph import load
    >>> view = build_view(load("data/sample"), "network")
    >>> len(view.nodes) > 250
    True
    """
    if name not in VIEWS:
        raise ValueError(f"unknown view {name!r}; choose from {', '.join(VIEWS)}")
    if name == "committee":
        if not target or target not in ds.committees:
            raise UnknownIdError(t("unknown_committee", lang).format(id=target))
        committee, name = target, "network"
        b = Builder(
            ds, lang=lang, color_by=color_by, node_limit=node_limit, committee=committee, max_load=max_load
        )
        return network_view(b, title_of(b, "committee", ds.name_of(target)), b.in_scope())
    b = Builder(
        ds, lang=lang, color_by=color_by, node_limit=node_limit, committee=committee, max_load=max_load
    )
    if name == "network":
        return network_view(b, title_of(b, "network", scope_name(ds, committee)), b.in_scope())
    if name == "gaps":
        highlight = gap_highlights(ds, committee=committee, max_load=max_load, lang=lang)
        counts = pd.Series(list(highlight.values())).str.split("；").explode().value_counts()
        legend = [
            LegendItem(f"{label}", "#e15759", "dot", int(counts.get(label, 0)))
            for label in (t(k, lang, GAP_LABELS) for k in GAP_LABELS)
        ]
        return network_view(
            b, title_of(b, "gaps", scope_name(ds, committee)), b.in_scope(), highlight, legend
        )
    if name == "org":
        return org_view(b)
    if name == "sector":
        sector = lookup_node(b, target, "sectors")
        members = np.flatnonzero(b.ix.member_sector == sector)
        group = b.ix.sector_group[sector - b.ix.offsets["sectors"]]
        seeds = np.concatenate([[sector], members, [group] if group >= 0 else []]).astype(np.int64)
        nodes = neighbourhood(b, seeds, 1, liaisons_only=True)
        return network_view(b, title_of(b, "sector", str(b.f.labels[sector])), nodes)
    if name == "township":
        township = lookup_node(b, target, "townships")
        tid = b.f.ids[township]
        located = [
            b.ix.numbers(table)[(getattr(ds, table)["township"] == tid).to_numpy()]
            for table in ("members", "organizations", "contacts")
        ]
        seeds = np.concatenate([[township], *located]).astype(np.int64)
        nodes = neighbourhood(b, seeds, 1, liaisons_only=True)
        return network_view(b, title_of(b, "township", str(b.f.labels[township])), nodes)
    if name == "member":
        member = lookup_node(b, target, "members")
        nodes = neighbourhood(b, np.array([member]), max(depth, 1))
        return network_view(b, title_of(b, "member", str(b.f.labels[member])), nodes)
    return reach_view(b, target, depth)


__all__ = ["COLOR_BY", "DEFAULT_NODE_LIMIT", "VIEWS", "build_view", "gap_highlights", "view_date"]

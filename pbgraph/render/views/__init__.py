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

import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from pbgraph._errors import InvalidOptionError
from pbgraph.analyses._common import LIAISON_KEYS, unknown_committee
from pbgraph.render._model import View, gc_paused
from pbgraph.render.views._builder import COLOR_BY, Builder
from pbgraph.render.views._facts import gap_needs, view_date
from pbgraph.render.views.network import (
    gap_highlights,
    gap_kinds,
    lookup_node,
    member_view,
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
TARGET_TABLES = {
    "sector": "sectors",
    "township": "townships",
    "member": "members",
    "committee": "committees",
    "reach": "members",
}
"""The table of the id (or name) a view is about"""
DEFAULT_NODE_LIMIT = 3000


def build_view(
    ds: Dataset,
    name: str,
    target: str | None = None,
    *,
    committee: str | None = None,
    color_by: str = "party",
    depth: int | None = None,
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
        Hops of the member view (default 1) and of reach (default and 0: every hop, as the analysis).
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
        raise InvalidOptionError(f"unknown view {name!r}; choose from {', '.join(VIEWS)}")
    with gc_paused():
        view = _build(ds, name, target, committee, color_by, depth, node_limit, max_load, lang)
    return noting_unrecorded(view, not_recorded_for(ds, name), lang)


def not_recorded_for(ds: Dataset, name: str) -> list[str]:
    """The tables (`liaisons:member` …) a view draws or marks that the dataset does not give (DESIGN 3:
    未提供), in table order: the org view's organizations and their members, the liaisons a reach follows,
    the tables the gaps marked need (gaps, sector and township views), everything not recorded for the
    network, committee and member views (they draw every kind of node and edge)."""
    from pbgraph._notes import in_table_order

    if name == "org":
        needs: Iterable[str] = ("organizations", "memberships")
    elif name == "reach":
        needs = LIAISON_KEYS
    elif name in ("gaps", "sector", "township"):
        needs = gap_needs(ds)
    else:
        needs = ds.not_recorded
    return in_table_order({need for need in needs if need in ds.not_recorded})


def noting_unrecorded(view: View, keys: list[str], lang: str) -> View:
    """The view with a notice (on the page, and on stderr from `pbgraph render`) naming the tables it could
    not draw or look at, so that an empty page or a count of 0 is not read as "none"."""
    if not keys:
        return view
    from pbgraph._notes import not_recorded_note

    note = not_recorded_note(keys, lang)
    return dataclasses.replace(view, notice=f"{view.notice} {note}" if view.notice else note)


def _build(
    ds: Dataset,
    name: str,
    target: str | None,
    committee: str | None,
    color_by: str,
    depth: int | None,
    node_limit: int,
    max_load: int,
    lang: str,
) -> View:
    # an office knows its members, sectors and committees by name: a name stands for its one row's id
    table = TARGET_TABLES.get(name)
    if target and table:
        target = ds.id_for(table, target)
    if committee:
        committee = ds.id_for("committees", committee)
    if name == "committee":
        if not target or target not in ds.committees:
            raise unknown_committee(target or "", ds.committees, named_by=ds.name_of)
        committee, name = target, "network"
        b = Builder(
            ds, lang=lang, color_by=color_by, node_limit=node_limit, committee=committee, max_load=max_load
        )
        b.timeline = True
        return network_view(b, title_of(b, "committee", ds.name_of(target)), b.in_scope())
    b = Builder(
        ds, lang=lang, color_by=color_by, node_limit=node_limit, committee=committee, max_load=max_load
    )
    # the network and gaps views replay the liaisons by date (a time control)
    b.timeline = name in ("network", "gaps")
    if name == "network":
        return network_view(b, title_of(b, "network", scope_name(ds, committee)), b.in_scope())
    if name == "gaps":
        title = title_of(b, "gaps", scope_name(ds, committee))
        return network_view(b, title, b.in_scope(), gaps_of(b), fold_contacts=True)
    if name == "org":
        return org_view(b)
    if name == "sector":
        sector = lookup_node(b, target, "sectors")
        members = np.flatnonzero(b.ix.member_sector == sector)
        group = b.ix.sector_group[sector - b.ix.offsets["sectors"]]
        seeds = np.concatenate([[sector], members, [group] if group >= 0 else []]).astype(np.int64)
        nodes = neighbourhood(b, seeds, 1, liaisons_only=True)
        return network_view(b, title_of(b, "sector", b.f.label(sector)), nodes, gaps_of(b))
    if name == "township":
        township = lookup_node(b, target, "townships")
        tid = b.f.node_id(township)
        located = [
            b.ix.numbers(table)[(getattr(ds, table)["township"] == tid).to_numpy()]
            for table in ("members", "organizations", "contacts")
        ]
        seeds = np.concatenate([[township], *located]).astype(np.int64)
        nodes = neighbourhood(b, seeds, 1, liaisons_only=True)
        return network_view(b, title_of(b, "township", b.f.label(township)), nodes, gaps_of(b))
    if name == "member":
        return member_view(b, target, depth or 1)
    return reach_view(b, target, depth or 0)


def gaps_of(b: Builder) -> dict[int, list[str]]:
    """The gaps of the builder's scope, to mark on a view's nodes (the `gaps` view; a sector or township view
    marks the sector or township, and the members in it, that the analyses find in a gap)."""
    return gap_kinds(b.ds, committee=b.committee, max_load=b.max_load)


__all__ = ["COLOR_BY", "DEFAULT_NODE_LIMIT", "VIEWS", "build_view", "gap_highlights", "view_date"]

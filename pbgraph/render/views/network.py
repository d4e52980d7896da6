"""The network family of views: the whole network (or one committee), gaps, a sector, a township, a member's
neighbourhood."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa
import scipy.sparse as sp

import pbgraph.render._layout as _layout
from pbgraph._errors import UnknownIdError
from pbgraph._texts.render import gap_names, t
from pbgraph.graph import index_of
from pbgraph.model import NODE_KIND_ZH
from pbgraph.render._model import LegendItem, View
from pbgraph.render.views._aggregate import aggregated
from pbgraph.render.views._builder import Builder
from pbgraph.render.views._facts import Selection

if TYPE_CHECKING:
    import pandas as pd

    from pbgraph.dataset import Dataset


def scope_name(ds: Dataset, committee: str | None) -> str:
    """What a whole-network view is about: the committee, or the dataset when it holds several."""
    if committee is None and len(ds.committees) == 1:
        committee = ds.committees[0]
    return ds.name_of(committee) if committee else ds.name


def title_of(builder: Builder, key: str, subject: str = "") -> str:
    base = t(key, builder.lang)
    return (
        f"{base}：{subject}"
        if subject and builder.lang == "zh"
        else (f"{base}: {subject}" if subject else base)
    )


def network_view(
    b: Builder,
    title: str,
    nodes: np.ndarray,
    gaps: dict[int, list[str]] | None = None,
    extra_legend: Sequence[LegendItem] = (),
    *,
    fold_contacts: bool = False,
) -> View:
    """Nodes clustered by sector (or the colour key); above the node limit, drill-down super-nodes. Contacts
    fold onto their member (a count in its details) above the node limit, before members fold into
    super-nodes; with `fold_contacts`, always (the gaps view: no contact is a gap, and a committee's
    thousands of them hid its members)."""
    notice = None
    if len(nodes) > b.node_limit or fold_contacts:
        is_contact = b.f.kind_names[nodes] == "contact"
        if len(nodes) - int(is_contact.sum()) > b.node_limit:
            return aggregated(b, title, nodes, gaps)
        contacts = int(is_contact.sum())
        if len(nodes) > b.node_limit:
            notice = t("contacts_folded", b.lang).format(limit=b.node_limit, contacts=contacts)
        elif contacts:
            notice = t("contacts_counted", b.lang).format(contacts=contacts)
        nodes = nodes[~is_contact]
    xy = b.clustered_positions(nodes)
    return b.view(title, Selection(nodes, xy, gaps), extra_legend=extra_legend, notice=notice)


def neighbourhood(b: Builder, seeds: np.ndarray, depth: int, *, liaisons_only: bool = False) -> np.ndarray:
    """Seeds and every node within `depth` hops, direction ignored."""
    return np.flatnonzero(hops_from(b, seeds, depth, liaisons_only=liaisons_only) >= 0)


def lookup_node(b: Builder, node_id: str | None, table: str) -> int:
    if not node_id:
        raise UnknownIdError(t("needs_id", b.lang).format(table=table))
    number = int(b.ix.lookup(pa.array([node_id], type=pa.string()))[0])
    start, stop = b.ix.offsets[table], b.ix.offsets[table] + len(getattr(b.ds, table))
    if not start <= number < stop:

        def kind_word(kind: str) -> str:
            return NODE_KIND_ZH.get(kind, kind) if b.lang == "zh" else kind

        kind = kind_word(table[:-1])
        if number < 0:
            raise UnknownIdError(t("unknown_id", b.lang).format(id=node_id, kind=kind))
        # an id of another kind (a sector given to the reach view): say what it is
        actual = kind_word(str(b.f.kind_names[number]))
        raise UnknownIdError(t("wrong_kind_id", b.lang).format(id=node_id, kind=kind, actual=actual))
    return number


# the tables the gaps are read from, with their analyses' options
GAP_TABLES = ("unlinked", "unorganized", "sectors", "townships", "platforms", "load")


def gap_kinds(ds: Dataset, *, committee: str | None, max_load: int) -> dict[int, list[str]]:
    """Node number -> the gap kinds (keys of `GAP_LABELS`) it is part of, for every gap the analyses find.

    Found once per dataset, committee and load limit (a report's gaps and township views mark the same gaps);
    read-only for the views that take it."""
    return ds.derived(
        _gap_key(committee, max_load), lambda d: _gap_kinds(d, _gap_tables(d, committee, max_load))
    )


def keep_gap_kinds(
    ds: Dataset, tables: Mapping[str, pd.DataFrame], *, committee: str | None, max_load: int
) -> None:
    """Find the gaps from the analyses' tables at hand (a report's, found with the same committee and load
    limit), so that the views do not run those analyses again."""
    if all(name in tables for name in GAP_TABLES):
        ds.derived(_gap_key(committee, max_load), lambda d: _gap_kinds(d, tables))


def _gap_key(committee: str | None, max_load: int) -> str:
    return f"gap_kinds:{committee}:{max_load}"


def _gap_tables(ds: Dataset, committee: str | None, max_load: int) -> dict[str, pd.DataFrame]:
    from pbgraph import analyses

    return {
        "unlinked": analyses.unlinked(ds, committee=committee),
        "unorganized": analyses.unorganized(ds, committee=committee),
        "sectors": analyses.sector_gaps(ds, committee=committee),
        "townships": analyses.township_gaps(ds, committee=committee),
        "platforms": analyses.platform_gaps(ds, committee=committee),
        "load": analyses.liaison_load(ds, committee=committee, max_load=max_load),
    }


def _gap_kinds(ds: Dataset, tables: Mapping[str, pd.DataFrame]) -> dict[int, list[str]]:
    loads = tables["load"]
    marked = [
        (tables["unlinked"]["id"], "unlinked"),
        (tables["unorganized"]["id"], "unorganized"),
        (tables["sectors"]["id"].drop_duplicates(), "sector"),
        (tables["townships"]["id"].drop_duplicates(), "township"),
        (tables["platforms"]["id"], "platform"),
        (loads.loc[loads["overloaded"], "id"], "overloaded"),
    ]
    ids = [node_id for column, _ in marked for node_id in column.tolist()]
    keys = [key for column, key in marked for _ in range(len(column))]
    found: dict[int, list[str]] = {}
    for node, key in zip(index_of(ds).lookup(pa.array(ids, type=pa.string())).tolist(), keys, strict=True):
        if node >= 0:
            found.setdefault(node, []).append(key)
    return found


def gap_highlights(ds: Dataset, *, committee: str | None, max_load: int, lang: str) -> dict[int, str]:
    """Node number -> gap labels (joined), for every gap the analyses find."""
    found = gap_kinds(ds, committee=committee, max_load=max_load)
    return {node: gap_names(kinds, lang) for node, kinds in found.items()}


def hops_from(
    b: Builder, seeds: np.ndarray | int, depth: int | None, *, liaisons_only: bool = False
) -> np.ndarray:
    """Per node number: the hops from the seeds over any edge (direction ignored), -1 beyond `depth`."""
    edges = b.f.edges
    a, c = edges.source, edges.target
    if liaisons_only:
        a, c = a[edges.type == 0], c[edges.type == 0]
    n = b.ix.size
    adjacency = sp.csr_matrix((np.ones(2 * len(a), dtype=bool), (np.r_[a, c], np.r_[c, a])), shape=(n, n))
    return bfs_hops(adjacency, seeds, depth)


def bfs_hops(adjacency: sp.csr_matrix, seeds: np.ndarray | int, depth: int | None) -> np.ndarray:
    """Per node: hops from the seeds along `adjacency`'s rows, -1 beyond `depth` (None: no limit)."""
    hop = np.full(adjacency.shape[0], -1, dtype=np.int64)
    frontier = np.unique(np.atleast_1d(seeds))
    hop[frontier] = 0
    level = 0
    while frontier.size and (depth is None or level < depth):
        step = np.unique(adjacency[frontier].indices)
        step = step[hop[step] < 0]
        level += 1
        hop[step] = level
        frontier = step
    return hop


def member_view(b: Builder, target: str | None, depth: int) -> View:
    """A member at the centre, what lies within `depth` hops in labelled rings, one more hop held in reserve
    (double-click a node to show its neighbours)."""
    member = lookup_node(b, target, "members")
    hop = hops_from(b, member, depth + 1)
    nodes = np.flatnonzero((hop >= 0) & (hop <= depth))
    title = title_of(b, "member", b.f.label(member))
    if len(nodes) > b.node_limit:
        return aggregated(b, title, nodes)
    outer = np.flatnonzero(hop == depth + 1)[: max(0, b.node_limit - len(nodes))]
    everything = np.concatenate([nodes, outer])
    everything = everything[np.lexsort((everything, hop[everything]))]
    xy, radii = _layout.rings_by_hop(hop[everything])
    rings = [(radii[h], t("hop", b.lang).format(hop=h)) for h in range(1, depth + 1) if h < len(radii)]
    reserve = hop[everything] > depth
    selection = Selection(everything, xy, reserve=reserve, focus=member, rings=rings)
    return b.view(title, selection)

"""The network family of views: the whole network (or one committee), gaps, a sector, a township, a member's
neighbourhood."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import scipy.sparse as sp

from pbgraph._errors import UnknownIdError
from pbgraph.graph import index_of
from pbgraph.model import NODE_KIND_ZH
from pbgraph.render._model import LegendItem, View
from pbgraph.render._words import GAP_LABELS, t
from pbgraph.render.views._aggregate import aggregated
from pbgraph.render.views._builder import Builder
from pbgraph.render.views._facts import Selection

if TYPE_CHECKING:
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
    highlight: dict[int, str] | None = None,
    extra_legend: Sequence[LegendItem] = (),
) -> View:
    if len(nodes) > b.node_limit:
        return aggregated(b, title, nodes, highlight)
    xy = b.clustered_positions(nodes)
    return b.view(title, Selection(nodes, xy, highlight), extra_legend=extra_legend)


def neighbourhood(b: Builder, seeds: np.ndarray, depth: int, *, liaisons_only: bool = False) -> np.ndarray:
    """Seeds and every node within `depth` hops, direction ignored."""
    edges = b.f.edges
    if liaisons_only:
        edges = edges[edges["type"] == "liaison"]
    n = b.ix.size
    a, c = edges["source"].to_numpy(), edges["target"].to_numpy()
    adjacency = sp.csr_matrix((np.ones(2 * len(a), dtype=bool), (np.r_[a, c], np.r_[c, a])), shape=(n, n))
    reached = np.zeros(n, dtype=bool)
    reached[seeds] = True
    frontier = reached.copy()
    for _ in range(depth):
        step = (adjacency.T @ frontier.astype(np.int8)) > 0
        frontier = step & ~reached
        reached |= frontier
        if not frontier.any():
            break
    return np.flatnonzero(reached)


def lookup_node(b: Builder, node_id: str | None, table: str) -> int:
    if not node_id:
        raise UnknownIdError(t("needs_id", b.lang).format(table=table))
    number = int(b.ix.lookup(np.array([node_id], dtype=object))[0])
    start, stop = b.ix.offsets[table], b.ix.offsets[table] + len(getattr(b.ds, table))
    if not start <= number < stop:
        kind = NODE_KIND_ZH.get(table[:-1], table) if b.lang == "zh" else table[:-1]
        raise UnknownIdError(t("unknown_id", b.lang).format(id=node_id, kind=kind))
    return number


def gap_highlights(ds: Dataset, *, committee: str | None, max_load: int, lang: str) -> dict[int, str]:
    """Node number -> gap label, for every gap the analyses find."""
    from pbgraph import analyses

    ix = index_of(ds)
    found: dict[int, str] = {}

    def mark(ids: pd.Series, key: str) -> None:
        label = t(key, lang, GAP_LABELS)
        for node in ix.lookup(ids).tolist():
            if node >= 0:
                found[node] = f"{found[node]}；{label}" if node in found else label

    mark(analyses.unlinked(ds, committee=committee)["id"], "unlinked")
    mark(analyses.unorganized(ds, committee=committee)["id"], "unorganized")
    mark(analyses.sector_gaps(ds, committee=committee)["id"].drop_duplicates(), "sector")
    mark(analyses.township_gaps(ds, committee=committee)["id"].drop_duplicates(), "township")
    mark(analyses.platform_gaps(ds, committee=committee)["id"], "platform")
    loads = analyses.liaison_load(ds, committee=committee, max_load=max_load)
    mark(loads.loc[loads["overloaded"], "id"], "overloaded")
    return found

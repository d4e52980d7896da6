"""Connectors: CPC members who are the only liaison of some non-party members, and betweenness centrality
in the undirected liaison graph.

Betweenness follows networkx's definition exactly (normalized, endpoints excluded, the same sampling of
sources with the same seed), computed with Brandes' algorithm level by level in numpy. Leaves (nodes of
degree one: most contacts) are not searched from: a leaf's paths are those of its neighbour, one hop longer,
so its contribution is added to its neighbour's search as a weight. That makes the exact computation
affordable where most nodes are contacts.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import scipy.sparse as sp

from pbgraph._threads import CPUS
from pbgraph.analyses._common import check_committee, facts, member_mask
from pbgraph.analyses.recorded import as_recorded
from pbgraph.graph import distinct, index_of
from pbgraph.model import LiaisonKind

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset

SAMPLE_LIMIT = 20_000
SAMPLE_SIZE = 256
SEED = 42
# entries of the work arrays of side-by-side searches (20 bytes each: 20 MiB)
BATCH_ENTRIES = 1 << 20
# threads searching batches side by side: as many as the process may use, up to four
THREADS = min(4, CPUS)


@dataclass(frozen=True)
class Betweenness:
    """Betweenness of the nodes of the liaison graph.

    Attributes
    ----------
    nodes
        Node numbers (of the dataset's node index), in the graph's node order.
    values
        Betweenness of each node, as networkx computes it.
    sampled
        Number of sampled sources, or None when exact.
    """

    nodes: np.ndarray
    values: np.ndarray
    sampled: int | None


def liaison_graph(ds: Dataset) -> tuple[np.ndarray, sp.csr_matrix]:
    """The simple undirected graph of counting liaisons: its nodes (node numbers, in order of first
    appearance in the liaisons table, source before target) and its adjacency over positions in that list."""

    def build(d: Dataset) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        ix = index_of(d)
        nodes, adjacency = undirected_graph(ix.liaison_source[ix.counting], ix.liaison_target[ix.counting])
        return nodes, adjacency.indptr, adjacency.indices

    # plain arrays under the key: the dataset cache keeps them (see `pbgraph.cache.PERSISTED`)
    nodes, indptr, indices = ds.derived("liaison_graph", build)
    size = len(nodes)
    return nodes, sp.csr_matrix((np.ones(len(indices), dtype=np.int8), indices, indptr), shape=(size, size))


def undirected_graph(source: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, sp.csr_matrix]:
    """The simple undirected graph of edges source[i] — target[i] (any hashable node labels): its nodes in
    order of first appearance, source before target, and its symmetric 0/1 adjacency over their positions."""
    ends = np.empty(2 * len(source), dtype=np.result_type(np.asarray(source), np.asarray(target)))
    ends[0::2], ends[1::2] = source, target
    nodes, position = _first_appearance(ends)
    a, b = position[0::2], position[1::2]
    keep = a != b
    n = len(nodes)
    adjacency = sp.csr_matrix(
        (
            np.ones(2 * keep.sum(), dtype=np.int8),
            (np.concatenate([a[keep], b[keep]]), np.concatenate([b[keep], a[keep]])),
        ),
        shape=(n, n),
    )
    adjacency.sum_duplicates()
    adjacency.data[:] = 1
    return nodes, adjacency


def _first_appearance(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values in order of first appearance, and each value's position among them. Node
    numbers (small non-negative integers) in linear time over an array as long as the largest of them."""
    if values.dtype.kind not in "iu" or not len(values):
        codes, uniques = pd.factorize(values)
        return np.asarray(uniques, dtype=values.dtype), codes
    size = int(values.max()) + 1
    first = np.full(size, len(values), dtype=np.int64)
    # written from the last to the first: each value keeps the position it appears first at
    first[values[::-1]] = np.arange(len(values) - 1, -1, -1)
    nodes = values[np.sort(first[first < len(values)])]
    where = np.empty(size, dtype=np.int64)
    where[nodes] = np.arange(len(nodes))
    return nodes, where[values]


def _distinct(values: np.ndarray, owner: np.ndarray) -> np.ndarray:
    """The distinct values of `values` (node positions), in linear time: each value keeps the one position
    that wrote last into `owner` (a scratch array over all nodes)."""
    positions = np.arange(len(values), dtype=owner.dtype)
    owner[values] = positions
    return values[owner[values] == positions]


def _dependencies(
    indptr: np.ndarray,
    indices: np.ndarray,
    sources: np.ndarray,
    leaf_count: np.ndarray,
    work: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Brandes' single-source passes from a batch of sources at once: returns the nodes each search reached
    (as `batch position * nodes + node`, grouped by batch position and in each search's own order), their
    dependency on that search's source, and where each search's group starts (and the last one ends).

    The searches run side by side over `work` arrays of `len(sources) * nodes` entries: one level of every
    search per numpy call, the same additions in the same order as one search at a time. Leaves were removed
    from the graph; `leaf_count` adds each node's leaves as targets one hop further. Every step is linear in
    the edges of the level: a hub with 100,000 neighbours makes one long level, which `np.unique`
    (hash-based in numpy 2.x, far slower than linear on such arrays) made the slowest part of a province run.
    """
    n = len(indptr) - 1
    # a node is seen once it has a shortest path (sigma > 0)
    sigma, delta, owner = work
    # keys below len(work[0]) (or n, a batch of one): 32 bits halve the memory every level passes over
    frontier = (np.arange(len(sources)) * n + sources).astype(np.int32)
    sigma[frontier] = 1.0
    levels: list[tuple[np.ndarray, np.ndarray]] = []
    reached = [frontier]
    while frontier.size:
        node = frontier % n
        starts = indptr[node]
        degrees = indptr[node + 1] - starts
        parents = np.repeat(frontier, degrees)
        first = starts - np.cumsum(degrees, dtype=indptr.dtype) + degrees
        offsets = np.repeat(first, degrees) + np.arange(len(parents), dtype=indptr.dtype)
        children = indices[offsets] + (parents - np.repeat(node, degrees))
        # the edges on shortest paths end in nodes first seen at this level (each as often as it is reached)
        new = sigma[children] == 0
        parents, children = parents[new], children[new]
        np.add.at(sigma, children, sigma[parents])
        levels.append((parents, children))
        frontier = _distinct(children, owner)
        reached.append(frontier)
    keys = np.concatenate(reached)
    delta[keys] = leaf_count[keys % n]
    for parents, children in reversed(levels):
        np.add.at(delta, parents, sigma[parents] / sigma[children] * (1.0 + delta[children]))
    # grouped by search: a stable sort of small integers is a radix sort
    search = (keys // n).astype(np.min_scalar_type(len(sources)))
    keys = keys[np.argsort(search, kind="stable")]
    bounds = np.concatenate(([0], np.cumsum(np.bincount(search, minlength=len(sources)))))
    result = delta[keys]
    sigma[keys], delta[keys] = 0.0, 0.0
    return keys, result, bounds


def betweenness(
    ds: Dataset, *, sample_limit: int = SAMPLE_LIMIT, sample_size: int = SAMPLE_SIZE, seed: int = SEED
) -> Betweenness:
    """Betweenness centrality of the undirected liaison graph, as `networkx.betweenness_centrality`.

    Exact up to `sample_limit` nodes; above, estimated from `sample_size` sources drawn as networkx draws
    them with `seed`.
    """
    nodes, adjacency = liaison_graph(ds)
    values, sampled = graph_betweenness(
        adjacency, sample_limit=sample_limit, sample_size=sample_size, seed=seed
    )
    return Betweenness(nodes, values, sampled)


def graph_betweenness(
    adjacency: sp.csr_matrix,
    *,
    sample_limit: int = SAMPLE_LIMIT,
    sample_size: int = SAMPLE_SIZE,
    seed: int = SEED,
) -> tuple[np.ndarray, int | None]:
    """Betweenness of every node of a simple undirected graph (symmetric 0/1 CSR adjacency), in node order,
    and the number of sampled sources (None when exact)."""
    n = adjacency.shape[0]
    values = np.zeros(n)
    if n == 0:
        return values, None
    degree = np.diff(adjacency.indptr)
    neighbour_of_leaf = np.full(n, -1, dtype=np.int64)
    single = np.flatnonzero(degree == 1)
    neighbour_of_leaf[single] = adjacency.indices[adjacency.indptr[single]]
    # a leaf is a degree-one node hanging on a node of larger degree (a lone edge keeps both ends)
    is_leaf = np.zeros(n, dtype=bool)
    is_leaf[single] = degree[neighbour_of_leaf[single]] > 1
    core_mask = ~is_leaf
    leaf_count = np.bincount(neighbour_of_leaf[is_leaf], minlength=n).astype(float)
    core_adjacency = adjacency[core_mask][:, core_mask].tocsr()
    core_nodes = np.flatnonzero(core_mask)

    sampled: list[int] | None = None
    k = sample_size if n > sample_limit and sample_size < n else None
    if k is None:
        searched_weight = np.ones(n) * core_mask
        leaf_weight = leaf_count.copy()
    else:
        sampled = random.Random(seed).sample(range(n), k)
        searched_weight = np.zeros(n)
        leaf_weight = np.zeros(n)
        for s in sampled:
            if is_leaf[s]:
                leaf_weight[neighbour_of_leaf[s]] += 1
            else:
                searched_weight[s] += 1
    core_leaves = leaf_count[core_nodes]
    m = len(core_nodes)
    batch = max(1, min(SAMPLE_SIZE, BATCH_ENTRIES // max(m, 1)))
    # 32 bits where the edges a batch's searches cross (each edge once at most) are fewer than 2**31: half the
    # memory every level passes over
    index = np.int32 if batch * core_adjacency.nnz < 2**31 else np.int64
    indptr, indices = core_adjacency.indptr.astype(index), core_adjacency.indices.astype(index)
    core_values = np.zeros(m)
    searched = np.flatnonzero((searched_weight + leaf_weight)[core_nodes] > 0)
    batches = [searched[first : first + batch] for first in range(0, len(searched), batch)]
    for sources, (keys, deltas, bounds) in zip(
        batches, _in_threads(indptr, indices, batches, core_leaves, batch * m, index), strict=True
    ):
        for i, source in enumerate(sources):
            node = core_nodes[source]
            reached = keys[bounds[i] : bounds[i + 1]] - i * m
            delta = deltas[bounds[i] : bounds[i + 1]]
            weight = searched_weight[node] + leaf_weight[node]
            others = reached != source
            core_values[reached[others]] += weight * delta[others]
            # paths from a leaf of `node` pass through `node` to every other node of the component: the
            # nodes the search reached and their leaves (scipy's connected_components would import
            # scipy.linalg)
            component_size = len(reached) + core_leaves[reached].sum()
            core_values[source] += leaf_weight[node] * (component_size - 2)
    values[core_nodes] = core_values
    return _rescale(values, n, sampled), None if sampled is None else len(sampled)


def _in_threads(
    indptr: np.ndarray,
    indices: np.ndarray,
    batches: list[np.ndarray],
    leaf_count: np.ndarray,
    entries: int,
    index: type[np.integer],
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """`_dependencies` of each batch, in batch order, searched by `THREADS` threads side by side (numpy
    releases the interpreter lock in most steps: two threads make a hub's searches about 1.5 times faster).
    Each batch under way or waiting to be taken has its own work arrays; the results are added up in batch
    order, so the values are bitwise the same with any number of threads."""
    threads = min(THREADS, len(batches))
    # zeros and empty are not touched until a search reaches them
    works = [
        (np.zeros(entries), np.zeros(entries), np.empty(entries, dtype=index))
        for _ in range(threads + 1 if threads > 1 else 1)
    ]
    if threads <= 1:
        yield from (_dependencies(indptr, indices, sources, leaf_count, works[0]) for sources in batches)
        return
    with ThreadPoolExecutor(threads) as pool:
        pending: deque[Future[tuple[np.ndarray, np.ndarray, np.ndarray]]] = deque()
        for number, sources in enumerate(batches):
            # the batch that used this work array is done: it was taken before this one was submitted
            if len(pending) == len(works):
                yield pending.popleft().result()
            work = works[number % len(works)]
            pending.append(pool.submit(_dependencies, indptr, indices, sources, leaf_count, work))
        while pending:
            yield pending.popleft().result()


def _rescale(values: np.ndarray, n: int, sampled: list[int] | None) -> np.ndarray:
    # networkx 3.5+ `_rescale` with normalized=True, endpoints=False
    pairs = n - 1
    if pairs < 2:
        return values
    if sampled is None:
        return values / (pairs * (pairs - 1))
    k = len(sampled)
    scale = np.full(n, 1 / (k * (pairs - 1)))
    scale[np.asarray(sampled)] = 1 / ((k - 1) * (pairs - 1)) if k > 1 else np.nan
    return values * scale


def _sole_place_liaisons(ds: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """Per member row: the number of sectors, and of townships, whose only counting liaison (sector: to itself
    or to its group) comes from them."""
    ix = index_of(ds)
    kinds = list(LiaisonKind)
    members = len(ds.members)
    counted = []
    for kind in (LiaisonKind.SECTOR, LiaisonKind.TOWNSHIP):
        mask = ix.counting & (ix.liaison_kind == kinds.index(kind))
        source, target = ix.liaison_source[mask], ix.liaison_target[mask]
        if kind == LiaisonKind.SECTOR:
            # a liaison to a sector group covers every sector of the group
            sectors = ix.numbers("sectors")
            group = ix.sector_group
            grouped = group >= 0
            by_group = pd.DataFrame({"group": group[grouped], "sector": sectors[grouped]})
            via_group = pd.DataFrame({"group": target, "source": source}).merge(by_group, on="group")
            source = np.concatenate([source, via_group["source"].to_numpy(dtype=np.int64)])
            target = np.concatenate([target, via_group["sector"].to_numpy(dtype=np.int64)])
            keep = (target >= ix.offsets["sectors"]) & (target < ix.offsets["sectors"] + len(sectors))
            source, target = source[keep], target[keep]
        pairs = distinct(target * members + source)
        place, who = pairs // members, pairs % members
        _, first, count = np.unique(place, return_index=True, return_counts=True)
        counted.append(np.bincount(who[first[count == 1]], minlength=members))
    return counted[0], counted[1]


def connectors(
    ds: Dataset,
    *,
    committee: str | None = None,
    sample_limit: int = SAMPLE_LIMIT,
    sample_size: int = SAMPLE_SIZE,
    seed: int = SEED,
) -> pd.DataFrame:
    """Key players: what each member's departure would break. Members who are the only counting liaison of
    one or more non-party members (`sole_liaison_count`: they would be unlinked), of sectors
    (`sole_sector_count`: sectors left with no counting `sector` liaison to themselves or their group) or of
    townships (`sole_township_count`: townships left with no counting `township` liaison), with their
    betweenness.

    `betweenness` is sampled above `sample_limit` nodes; the frame's `attrs["sampled"]` then holds the
    number of sources used.

    Examples
    --------
    >>> from pbgraph import load
    >>> rows = connectors(load("tests/fixtures/liaisons"))
    >>> rows = rows[["id", "sole_liaison_count", "sole_sector_count", "sole_township_count", "betweenness"]]
    >>> for row in rows.round(4).values.tolist():
    ...     print(row)
    ['M4', 2, 0, 0, 0.3778]
    ['M2', 1, 0, 1, 0.7333]
    ['M1', 1, 1, 0, 0.3778]
    """
    check_committee(ds, committee)
    f = facts(ds)
    members = len(ds.members)
    sole = np.bincount(f.sole_source[f.sole_source >= 0], minlength=members)
    sole_sectors, sole_townships = _sole_place_liaisons(ds)
    mask = ((sole > 0) | (sole_sectors > 0) | (sole_townships > 0)) & member_mask(ds, committee)
    result = betweenness(ds, sample_limit=sample_limit, sample_size=sample_size, seed=seed)
    per_member = np.zeros(members)
    is_member = result.nodes < members
    per_member[result.nodes[is_member]] = result.values[is_member]
    rows = ds.members.loc[mask, ["committee", "id", "name"]].reset_index(drop=True)
    rows["sole_liaison_count"] = sole[mask]
    rows["sole_sector_count"] = sole_sectors[mask]
    rows["sole_township_count"] = sole_townships[mask]
    rows["betweenness"] = per_member[mask]
    rows = sort_connectors(rows)
    rows.attrs["sampled"] = result.sampled
    # counted over the liaisons the dataset gives: the kinds it does not are noted
    return as_recorded("connectors", rows, ds.not_recorded)


def sort_connectors(rows: pd.DataFrame) -> pd.DataFrame:
    """Connectors in report order: most sole liaisons first, then highest betweenness, then id. Every
    backend orders the connectors table with this function."""
    return rows.sort_values(
        ["sole_liaison_count", "betweenness", "id"],
        ascending=[False, False, True],
        kind="stable",
        ignore_index=True,
    )

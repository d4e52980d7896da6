"""How far each liaison chain reaches: per liaison source, and per party group (DESIGN 4 `reach`).

Reach is a multi-source breadth-first search done with sparse matrix products, one level per product, over
the "core" of the reach graph (members, sectors, sector groups). Townships and contacts never lead further,
so they are counted at the end from the nodes reached one level earlier: a contact hanging off a single
member is counted by a matrix-vector product instead of being carried through the search.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import scipy.sparse as sp

from pbgraph.analyses._common import (
    check_committee,
    member_mask,
    rate,
    row_mask,
)
from pbgraph.analyses.recorded import as_recorded
from pbgraph.graph import NodeIndex, index_of
from pbgraph.model import OrgKind

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset

BATCH = 1_000_000
"""Seeds searched together: each level of the search costs a pass over every node, so fewer, larger batches
(a national system in one: 3.1 -> 1.8 s of CPU for `reach`)."""


def _bfs(
    adjacency: sp.csr_matrix, seeds: sp.csr_matrix, max_depth: int | None
) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """Rows of seeds -> (nodes within max_depth hops, nodes within max_depth - 1 hops)."""
    levels, inner = _levels(adjacency, seeds, max_depth)
    shape = seeds.shape
    return _union(levels, shape), _union(levels[:inner], shape)


def _levels(
    adjacency: sp.csr_matrix,
    seeds: sp.csr_matrix,
    max_depth: int | None,
    each: Callable[[np.ndarray, sp.csr_matrix], None] | None = None,
) -> tuple[list[sp.csr_matrix], int]:
    """Rows of seeds -> per level, the nodes each row reaches first there (as rows of the seeds' shape), and
    how many of those levels lie within max_depth - 1 hops. `each(rows, found)` sees every level as found:
    the rows still searching and their nodes.

    A search level by level for all rows at once; a row whose search has ended leaves the matrices the next
    levels work on (a few long chains then cost what they reach, not what every row has reached).
    """
    start = seeds.astype(bool).tocsr()
    rows = np.arange(start.shape[0])
    if each is not None:
        each(rows, start)
    if max_depth == 0:
        return [start], 0
    levels = [start]
    visited = frontier = start
    depth = 0
    while frontier.nnz and (max_depth is None or depth < max_depth):
        reached = (frontier @ adjacency).astype(bool)
        fresh = reached > visited
        if fresh.nnz:
            levels.append(_spread(fresh, rows, start.shape[0]))
            if each is not None:
                each(rows, fresh)
        going = np.flatnonzero(np.diff(fresh.indptr))
        visited = visited + fresh
        if len(going) < len(rows):
            rows, visited, fresh = rows[going], visited[going], fresh[going]
        frontier = fresh
        depth += 1
    return levels, len(levels) - 1 if frontier.nnz else len(levels)


def _spread(found: sp.csr_matrix, rows: np.ndarray, count: int) -> sp.csr_matrix:
    """The rows of `found` as rows `rows` (ascending) of a matrix of `count` rows, the others empty."""
    per_row = np.zeros(count, dtype=np.int64)
    per_row[rows] = np.diff(found.indptr)
    indptr = np.concatenate(([0], np.cumsum(per_row)))
    return sp.csr_matrix((found.data, found.indices, indptr), shape=(count, found.shape[1]))


def _union(parts: list[sp.csr_matrix], shape: tuple[int, int]) -> sp.csr_matrix:
    """The union of matrices that share no entry, in one pass over their entries: each row holds the entries
    of the first matrix, then those of the next … (no sort: the columns of a row are not in order)."""
    per_row = np.zeros(shape[0], dtype=np.int64)
    for part in parts:
        per_row += np.diff(part.indptr)
    indptr = np.concatenate(([0], np.cumsum(per_row)))
    small = max(shape[1], int(indptr[-1])) < np.iinfo(np.int32).max
    index_type = np.int32 if small else np.int64
    indices = np.empty(indptr[-1], dtype=index_type)
    filled = indptr[:-1].copy()
    for part in parts:
        counts = np.diff(part.indptr)
        # each entry goes where its row has been filled so far, plus its place in the part's row
        indices[np.repeat(filled - part.indptr[:-1], counts) + np.arange(part.nnz)] = part.indices
        filled += counts
    return sp.csr_matrix((np.ones(len(indices), dtype=bool), indices, indptr.astype(index_type)), shape=shape)


def _matrix(source: np.ndarray, target: np.ndarray, shape: tuple[int, int]) -> sp.csr_matrix:
    """The 0/1 matrix of the pairs (source, target), each once."""
    matrix = sp.csr_matrix((np.ones(len(source), dtype=bool), (source, target)), shape=shape)
    matrix.sum_duplicates()
    return matrix


def _split_edges(ds: Dataset) -> tuple[np.ndarray, ...]:
    """The reach graph's edges split by their target (the core, townships, contacts), each part a 0/1 matrix
    of its own (of the townships' and contacts' own positions): their index pointers and indices, in that
    order. Kept by the dataset cache (see `pbgraph.cache.PERSISTED`)."""

    def build(d: Dataset) -> tuple[np.ndarray, ...]:
        ix = index_of(d)
        source, target = ix.reach_edges()
        towns, contacts = ix.offsets["townships"], ix.offsets["contacts"]
        town = (target >= towns) & (target < ix.offsets["organizations"])
        contact = target >= contacts
        core = ~(town | contact)
        parts = (
            _matrix(source[core], target[core], (ix.size, ix.size)),
            _matrix(source[town], target[town] - towns, (ix.size, ix.offsets["organizations"] - towns)),
            _matrix(source[contact], target[contact] - contacts, (ix.size, ix.offsets["end"] - contacts)),
        )
        return tuple(array for part in parts for array in (part.indptr, part.indices))

    return ds.derived("reach_edges", build)


def _canonical(indptr: np.ndarray, indices: np.ndarray, shape: tuple[int, int]) -> sp.csr_matrix:
    """The 0/1 matrix of the index pointers and indices of a matrix of `_matrix` (sorted, each entry once):
    never sorted again, so arrays read from the cache entry are never written to."""
    matrix = sp.csr_matrix((np.ones(len(indices), dtype=bool), indices, indptr), shape=shape)
    matrix.has_sorted_indices = True
    matrix.has_canonical_format = True
    return matrix


class ReachGraph:
    """The reach graph of a dataset split into its core and its sinks (townships, contacts)."""

    def __init__(self, ix: NodeIndex) -> None:
        self.ix = ix
        offsets = ix.offsets
        self.towns = slice(offsets["townships"], offsets["organizations"])
        self.contacts = slice(offsets["contacts"], offsets["end"])
        towns = self.towns.stop - self.towns.start
        contacts = self.contacts.stop - self.contacts.start
        arrays = _split_edges(ix.ds)
        core, to_towns, to_contacts = (
            _canonical(arrays[2 * part], arrays[2 * part + 1], (ix.size, columns))
            for part, columns in enumerate((ix.size, towns, contacts))
        )
        self.core, self.to_towns = core, to_towns
        # each entry once
        in_degree = np.bincount(to_contacts.indices, minlength=to_contacts.shape[1])
        # contacts reached from one member only can be counted per member, without a set union
        self.contacts_shared = bool((in_degree > 1).any())
        self.to_contacts = to_contacts
        self.contact_degree = np.diff(to_contacts.indptr)
        members = len(ix.ds.members)
        self.category = np.full(ix.size, -1, dtype=np.int8)
        self.category[:members] = np.where(ix.is_cpc, 0, 1)
        self.category[offsets["sectors"] : offsets["townships"]] = 2

    def counts(self, seeds: sp.csr_matrix, max_depth: int | None) -> np.ndarray:
        """Per seed row: reached CPC members, non-party members, sectors, townships, contacts."""
        out = np.zeros((seeds.shape[0], 5), dtype=np.int64)
        for start in range(0, seeds.shape[0], BATCH):
            block = seeds[start : start + BATCH]
            counted = np.zeros(block.shape[0] * 3, dtype=np.int64)

            def count(rows: np.ndarray, found: sp.csr_matrix, counted: np.ndarray = counted) -> None:
                # the members and sectors each level finds, per row (no level finds a node twice)
                category = self.category[found.indices]
                keep = category >= 0
                row = np.repeat(rows, np.diff(found.indptr))[keep]
                counted += np.bincount(row * 3 + category[keep], minlength=len(counted))

            levels, inner_levels = _levels(self.core, block, max_depth, count)
            inner = _union(levels[:inner_levels], block.shape)
            del levels
            out[start : start + BATCH, :3] = counted.reshape(-1, 3)
            out[start : start + BATCH, 3] = np.diff((inner @ self.to_towns).astype(bool).tocsr().indptr)
            if self.contacts_shared:
                out[start : start + BATCH, 4] = np.diff(
                    (inner @ self.to_contacts).astype(bool).tocsr().indptr
                )
            else:
                out[start : start + BATCH, 4] = inner.astype(np.int64) @ self.contact_degree
        return out


def _graph(ds: Dataset) -> ReachGraph:
    return ds.reach_graph


def reach(ds: Dataset, *, committee: str | None = None, max_depth: int | None = None) -> pd.DataFrame:
    """Per liaison source: the distinct members, sectors, townships and contacts its liaison chains reach.

    Parameters
    ----------
    max_depth
        At most this many hops (None: no limit).

    Examples
    --------
    >>> from pbgraph import load
    >>> rows = reach(load("tests/fixtures/liaisons"))
    >>> rows[["id", "members", "cpc_members", "non_party_members", "sectors", "townships"]].values.tolist()
    [['M1', 6, 2, 4, 1, 1], ['M2', 3, 0, 3, 0, 1], ['M4', 3, 0, 3, 0, 0]]
    """
    check_committee(ds, committee)
    ix = index_of(ds)
    sources = np.zeros(len(ds.members), dtype=bool)
    sources[ix.liaison_source[ix.counting]] = True
    mask = sources & member_mask(ds, committee)
    rows = ds.members.loc[mask, ["committee", "id", "name", "party"]].reset_index(drop=True)
    positions = np.flatnonzero(mask) + ix.offsets["members"]
    seeds = sp.csr_matrix(
        (np.ones(len(positions), dtype=bool), positions, np.arange(len(positions) + 1)),
        shape=(len(positions), ix.size),
    )
    counts = _graph(ds).counts(seeds, max_depth)
    # the source itself is excluded: it is always in its own visited set
    counts[np.arange(len(positions)), np.where(ix.is_cpc[mask], 0, 1)] -= 1
    rows["members"] = counts[:, 0] + counts[:, 1]
    rows["cpc_members"] = counts[:, 0]
    rows["non_party_members"] = counts[:, 1]
    rows["sectors"] = counts[:, 2]
    rows["townships"] = counts[:, 3]
    rows["contacts"] = counts[:, 4]
    # chains follow the liaisons the dataset gives: the kinds it does not are noted
    return as_recorded("reach", rows, ds.not_recorded)


def party_group_reach(
    ds: Dataset, *, committee: str | None = None, max_depth: int | None = None
) -> pd.DataFrame:
    """Per party group: its members plus everyone their liaison chains reach, counted within its committee,
    and that count as a share of the committee.

    Examples
    --------
    >>> from pbgraph import load
    >>> party_group_reach(load("tests/fixtures/liaisons")).values.tolist()
    [['C1', 'PG', '甲县政协党组', 2, 8, 12, 0.6666666666666666]]
    """
    check_committee(ds, committee)
    ix = index_of(ds)
    orgs = ds.organizations
    members = len(ds.members)
    groups = np.flatnonzero((orgs["kind"] == OrgKind.PARTY_GROUP).to_numpy() & row_mask(orgs, committee))
    # members × committees, from the exploded committee cells
    pairs = ds.member_committees
    codes, committees = pd.factorize(pairs["committee"])
    in_committee = sp.csr_matrix(
        (np.ones(len(codes), dtype=np.int32), (pairs["member"].to_numpy(), codes)),
        shape=(members, max(len(committees), 1)),
    )
    group_code = pd.Index(committees).get_indexer(orgs["committee"].to_numpy(dtype=object)[groups])
    # seeds: members of the party group organization, and party-group members of its committee
    group_of_org = np.full(len(orgs), -1, dtype=np.int64)
    group_of_org[groups] = np.arange(len(groups))
    org = ix.column("memberships", "organization") - ix.offsets["organizations"]
    member = ix.column("memberships", "member")
    explicit = np.where(org >= 0, group_of_org[np.maximum(org, 0)], -1)
    seed_group = [explicit[explicit >= 0]]
    seed_member = [member[explicit >= 0]]
    flagged = pairs[ix.in_party_group[pairs["member"].to_numpy()]]
    by_code = pd.DataFrame({"group": np.arange(len(groups)), "code": group_code})
    implicit = by_code.merge(
        pd.DataFrame(
            {
                "member": flagged["member"].to_numpy(),
                "code": codes[ix.in_party_group[pairs["member"].to_numpy()]],
            }
        ),
        on="code",
    )
    seed_group.append(implicit["group"].to_numpy())
    seed_member.append(implicit["member"].to_numpy() + ix.offsets["members"])
    seeds = sp.csr_matrix(
        (
            np.ones(sum(len(g) for g in seed_group), dtype=bool),
            (np.concatenate(seed_group), np.concatenate(seed_member)),
        ),
        shape=(len(groups), ix.size),
    )
    seeds.sum_duplicates()
    visited, _ = _bfs(_graph(ds).core, seeds, max_depth)
    reached_members = visited[:, :members].astype(np.int32)
    known = group_code >= 0
    safe_code = np.where(known, group_code, 0)
    inside = np.asarray((reached_members @ in_committee)[np.arange(len(groups)), safe_code]).ravel() * known
    sizes = np.asarray(in_committee.sum(axis=0)).ravel()[safe_code] * known
    rows = orgs.iloc[groups][["committee", "id", "name"]].reset_index(drop=True)
    rows["party_group_members"] = np.diff(seeds.indptr).astype(np.int64)
    # only the committee's own members: `share` is this count over the committee, so the two agree
    rows["reached_members"] = inside.astype(np.int64)
    rows["committee_members"] = sizes.astype(np.int64)
    rows["share"] = pd.Series(
        [rate(int(a), int(b)) for a, b in zip(inside, sizes, strict=True)], dtype=object
    )
    # one row per party group organization, its chains over the liaisons given: what is not given is noted
    return as_recorded("party_groups", rows, ds.not_recorded)

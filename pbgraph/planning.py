"""Acting on the gaps (DESIGN 4.1): the plan of new liaisons that closes them.

Member liaisons are an assignment: every non-party member to plan (the unlinked ones; with `fragile`, then
those with a single liaison) takes one free place of a CPC member who shares a committee with them. A CPC
member of load L has `max_load - L` places; the j-th (j = 0, 1, …) costs the load they would then carry,
L + j, so that work goes to whoever carries less. The match costs 1 (same sector group, or same sector where
it has no group), 2 (same township) or 3 (otherwise) and outranks the load. The plan places as many members
as capacity allows, then minimizes the sum of match costs, then the sum of loads: a minimum-cost flow which,
with unit places, is a minimum-weight bipartite matching. It is solved exactly (integer costs, below 2**53)
by scipy's LAPJVsp, one connected part of the committee system at a time; the same data gives the same plan.
Unlinked members are placed first; fragile ones get what capacity is left.

Uncovered sector groups and then sectors get the party-group member of their committee with the fewest
sectors; townships without a counting township liaison get the CPC member living there with the lowest load.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import (
    connected_components,
    maximum_bipartite_matching,
    min_weight_full_bipartite_matching,
)

from pbgraph._errors import InvalidOptionError, PbgraphError
from pbgraph._plan_places import PLAN_COLUMNS, UNPLACED_COLUMNS, plan_sectors, plan_townships, take
from pbgraph._texts import both
from pbgraph._texts.cli import ERRORS
from pbgraph.analyses._common import check_committee, facts, member_mask, not_recorded
from pbgraph.analyses.workload import DEFAULT_MAX_LOAD
from pbgraph.model import LiaisonKind

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset

PLAN_NOTE = "plan"
"""The `note` of every liaison :func:`apply_plan` adds."""

MATCHES = ("same_sector_group", "same_township", "other", "same_sector")
"""Match of a planned member liaison, in order of preference (costs 1, 2, 3); `same_sector` is the first
(cost 1) where the sector has no group: a roster without sector groups is not told "same sector group"."""

_EXACT = 2**53


@dataclass
class Plan:
    """What :func:`plan` proposes.

    Attributes
    ----------
    liaisons
        One row per proposed liaison (columns `PLAN_COLUMNS`): `kind` member, sector or township; `reason` the
        gap it closes (unlinked, fragile, no_liaison, no_township_liaison); `match` for member liaisons;
        `load` the source's load (non-party members) once the plan is carried out.
    unplaced
        One row per gap the plan could not close (columns `UNPLACED_COLUMNS`), with the `reason`:
        no_cpc_member, no_other_cpc_member (a fragile member's only CPC member is their liaison already),
        capacity (every CPC member who could take them is at `max_load`), no_party_group_member,
        no_cpc_member_in_township.
    max_load, fragile
        The options the plan was made with.
    not_recorded
        The kinds of liaison the dataset does not give (`liaisons:member` …): their gaps cannot be told, so
        the plan proposes none of them (DESIGN 3), rather than a liaison for everyone.
    """

    liaisons: pd.DataFrame
    unplaced: pd.DataFrame
    max_load: int
    fragile: bool
    not_recorded: list[str] = field(default_factory=list)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The plan's tables by name: `plan` and `unplaced`."""
        return {"plan": self.liaisons, "unplaced": self.unplaced}


def plan(
    ds: Dataset,
    *,
    max_load: int = DEFAULT_MAX_LOAD,
    fragile: bool = False,
    committee: str | None = None,
) -> Plan:
    """Propose the liaisons that close the coverage gaps (DESIGN 4.1).

    Parameters
    ----------
    max_load
        Nobody is given a non-party member past this load (those above it already keep theirs).
    fragile
        Also give every non-party member with exactly one liaison a second one.
    committee
        Plan only this committee's gaps, with its own members.

    Examples
    --------
    >>> from pbgraph import load
    >>> proposed = plan(load("tests/fixtures/plan"), max_load=2)
    >>> proposed.liaisons[["source", "target", "match"]].to_records(index=False).tolist()[:2]
    [('A1', 'N1', 'same_sector_group'), ('A2', 'N2', 'same_township')]
    """
    if max_load < 0:
        raise InvalidOptionError(*both(ERRORS, "negative_load", max_load=max_load))
    check_committee(ds, committee)
    f = facts(ds)
    loads = f.load.astype(np.int64).copy()
    cpc = f.index.is_cpc
    # without the member liaisons nobody is known to be unlinked: not everybody is
    missing = not_recorded(ds, "liaisons:member", "liaisons:sector", "liaisons:township")
    in_scope = member_mask(ds, committee) & ("liaisons:member" not in missing)
    unlinked = np.flatnonzero(~cpc & (f.liaison_sources_per_target == 0) & in_scope)
    parts = [_plan_members(ds, unlinked, np.full(len(unlinked), -1), loads, max_load, committee, "unlinked")]
    if fragile:
        once = np.flatnonzero((f.sole_source >= 0) & in_scope)
        parts.append(_plan_members(ds, once, f.sole_source[once], loads, max_load, committee, "fragile"))
    parts.append(plan_sectors(ds, committee))
    parts.append(plan_townships(ds, committee, loads))
    placed = pd.concat([p[0] for p in parts], ignore_index=True)
    load_after = pd.Series(loads, index=ds.members["id"].to_numpy())
    placed["load"] = load_after.reindex(placed["source"].to_numpy()).to_numpy(dtype=np.int64)
    return Plan(
        liaisons=placed[PLAN_COLUMNS],
        unplaced=pd.concat([p[1] for p in parts], ignore_index=True)[UNPLACED_COLUMNS],
        max_load=max_load,
        fragile=fragile,
        not_recorded=missing,
    )


def apply_plan(ds: Dataset, proposed: Plan) -> Dataset:
    """The dataset with the plan's liaisons added (note "plan"), ready for any analysis.

    Examples
    --------
    >>> from pbgraph import load
    >>> from pbgraph.analyses import coverage
    >>> ds = load("tests/fixtures/plan")
    >>> coverage(apply_plan(ds, plan(ds, max_load=3)))["work_rate"].tolist()
    [1.0, 1.0, 1.0]
    """
    rows = proposed.liaisons
    added = pd.DataFrame(
        {
            "source": rows["source"].to_numpy(dtype=object),
            "target": rows["target"].to_numpy(dtype=object),
            "kind": rows["kind"].to_numpy(dtype=object),
            "since": "",
            "note": PLAN_NOTE,
        },
        columns=ds.liaisons.columns,
    )
    liaisons = pd.concat([ds.liaisons, added.astype(ds.liaisons.dtypes.to_dict())], ignore_index=True)
    return dataclasses.replace(ds, liaisons=liaisons, warnings=[])


# ---------------------------------------------------------------------------------------------------------
# member liaisons: the assignment


def _committee_ids(ds: Dataset) -> list[str]:
    """The committees members are matched within, in table order. A dataset that names no committee
    organization is one committee whose cells are left empty (DESIGN 3): its id is ""."""
    return ds.committees or [""]


def _committee_pairs(ds: Dataset, committee: str | None) -> pd.DataFrame:
    """(member row, committee position) pairs, committees in table order; only `committee` when given."""
    pairs = ds.member_committees
    order = {c: i for i, c in enumerate(_committee_ids(ds))}
    position = pairs["committee"].map(order).fillna(-1).to_numpy(dtype=np.int64)
    keep = position >= 0
    if committee is not None:
        keep &= position == order[committee]
    return pd.DataFrame({"member": pairs["member"].to_numpy()[keep], "committee": position[keep]})


def _group_keys(ds: Dataset) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per member row: node number of their sector group (of their sector where it has none; -1 without
    a sector), of their township (-1 without), and whether the first is their sector's (it has no group)."""
    ix = facts(ds).index
    sector = ix.member_sector
    group = np.full(len(sector), -1, dtype=np.int64)
    has_sector = sector >= 0
    sector_group = ix.sector_group[sector[has_sector] - ix.offsets["sectors"]]
    group[has_sector] = np.where(sector_group >= 0, sector_group, sector[has_sector])
    ungrouped = np.zeros(len(sector), dtype=bool)
    ungrouped[has_sector] = sector_group < 0
    return group, ix.column("members", "township"), ungrouped


def _match_names(match: np.ndarray, ungrouped: np.ndarray) -> np.ndarray:
    """The MATCHES of planned liaisons by their cost (0, 1, 2), same_sector where the shared sector has no
    group."""
    return np.asarray(MATCHES, dtype=object)[np.where((match == 0) & ungrouped, 3, match)]


def _plan_members(
    ds: Dataset,
    targets: np.ndarray,
    excluded: np.ndarray,
    loads: np.ndarray,
    max_load: int,
    committee: str | None,
    reason: str,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Assign each target member row one CPC member (never `excluded[i]`); updates `loads` in place."""
    target_index, s_row, via = _eligible_pairs(ds, targets, excluded, committee)
    group, township, ungrouped = _group_keys(ds)
    t_members = targets[target_index]
    match = np.where(
        (group[t_members] >= 0) & (group[t_members] == group[s_row]),
        0,
        np.where((township[t_members] >= 0) & (township[t_members] == township[s_row]), 1, 2),
    )
    chosen = np.full(len(targets), -1, dtype=np.int64)
    chosen_pair = np.full(len(targets), -1, dtype=np.int64)
    for component_targets, component_pairs in _components(target_index, s_row, len(targets)):
        picked_target, picked_pair = _assign(
            component_targets,
            target_index[component_pairs],
            s_row[component_pairs],
            match[component_pairs],
            loads,
            max_load,
        )
        chosen[picked_target] = s_row[component_pairs][picked_pair]
        chosen_pair[picked_target] = component_pairs[picked_pair]
        np.add.at(loads, s_row[component_pairs][picked_pair], 1)

    committees = np.asarray(_committee_ids(ds), dtype=object)
    placed = np.flatnonzero(chosen >= 0)
    rows = targets[placed]
    sources = chosen[placed]
    sector_names, township_names = _place_names(ds, rows)
    placed_frame = pd.DataFrame(
        {
            "committee": committees[via[chosen_pair[placed]]] if len(placed) else [],
            "kind": LiaisonKind.MEMBER.value,
            "source": take(ds.members, "id", sources),
            "source_name": take(ds.members, "name", sources),
            "target": take(ds.members, "id", rows),
            "target_name": take(ds.members, "name", rows),
            "sector_name": sector_names,
            "township_name": township_names,
            "reason": reason,
            "match": _match_names(match[chosen_pair[placed]], ungrouped[rows]) if len(placed) else [],
        },
        columns=[c for c in PLAN_COLUMNS if c != "load"],
    )
    missing = np.flatnonzero(chosen < 0)
    has_candidate = np.bincount(target_index, minlength=len(targets)) > 0
    nobody = "no_other_cpc_member" if reason == "fragile" else "no_cpc_member"
    rows = targets[missing]
    sector_names, township_names = _place_names(ds, rows)
    unplaced = pd.DataFrame(
        {
            "committee": take(ds.members, "committee", rows),
            "kind": LiaisonKind.MEMBER.value,
            "target": take(ds.members, "id", rows),
            "target_name": take(ds.members, "name", rows),
            "sector_name": sector_names,
            "township_name": township_names,
            "gap": reason,
            "reason": np.where(has_candidate[missing], "capacity", nobody).astype(object),
        },
        columns=UNPLACED_COLUMNS,
    )
    return placed_frame, unplaced


def _eligible_pairs(
    ds: Dataset, targets: np.ndarray, excluded: np.ndarray, committee: str | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (target index, CPC member row) sharing a committee, the target's own `excluded` member and
    the target themself left out, sorted by target then member; with the committee (position) they share,
    the first in table order where they share several."""
    members = len(ds.members)
    n_committees = len(_committee_ids(ds))
    pairs = _committee_pairs(ds, committee)
    member, position = pairs["member"].to_numpy(), pairs["committee"].to_numpy()
    is_target = np.full(members, -1, dtype=np.int64)
    is_target[targets] = np.arange(len(targets))
    t_side = is_target[member] >= 0
    t_index, t_committee = is_target[member[t_side]], position[t_side]
    # the CPC members grouped by committee: each target side row takes its committee's whole run
    s_side = facts(ds).index.is_cpc[member]
    s_order = np.argsort(position[s_side], kind="stable")
    s_member = member[s_side][s_order]
    per_committee = np.bincount(position[s_side], minlength=n_committees)
    run_start = np.cumsum(per_committee) - per_committee
    repeats = per_committee[t_committee]
    total = int(repeats.sum())
    offset = np.arange(total) - np.repeat(np.cumsum(repeats) - repeats, repeats)
    s_row = s_member[np.repeat(run_start[t_committee], repeats) + offset]
    t_index, via = np.repeat(t_index, repeats), np.repeat(t_committee, repeats)
    # sorted by (target, member, committee): the first of each (target, member) shares the first committee
    key = (t_index * members + s_row) * n_committees + via
    order = np.argsort(key)
    key = key[order] // n_committees
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    order = order[first]
    t_index, s_row, via = t_index[order], s_row[order], via[order]
    keep = (s_row != excluded[t_index]) & (s_row != targets[t_index])
    return t_index[keep], s_row[keep], via[keep]


def _place_names(ds: Dataset, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For some member rows: the name of their sector and of their township ("" without)."""
    ix = facts(ds).index
    names = []
    for table, column in (("sectors", "sector"), ("townships", "township")):
        node = ix.column("members", column)[rows]
        found = np.full(len(rows), "", dtype=object)
        found[node >= 0] = take(getattr(ds, table), "name", node[node >= 0] - ix.offsets[table])
        names.append(found)
    return names[0], names[1]


def _dense_rank(values: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values (below `size`) in increasing order, and each value's position among them: what
    ``np.unique(values, return_inverse=True)`` gives, without sorting."""
    seen = np.zeros(size, dtype=bool)
    seen[values] = True
    distinct = np.flatnonzero(seen)
    rank = np.cumsum(seen) - 1
    return distinct, rank[values]


def _components(
    target_index: np.ndarray, source_row: np.ndarray, n_targets: int
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The connected parts of the eligibility graph: per part, its targets and the positions of its pairs
    (in increasing order)."""
    if not len(target_index):
        return []
    sources, source_index = _dense_rank(source_row, int(source_row.max()) + 1)
    size = n_targets + len(sources)
    graph = sp.coo_matrix(
        (np.ones(len(target_index), dtype=np.int8), (target_index, n_targets + source_index)),
        shape=(size, size),
    )
    _, label = connected_components(graph, directed=False)
    pair_label = label[target_index]
    pair_order = np.argsort(pair_label, kind="stable")
    bounds = np.searchsorted(pair_label[pair_order], np.arange(label.max() + 2))
    parts = []
    for part in np.flatnonzero(bounds[1:] > bounds[:-1]):
        positions = pair_order[bounds[part] : bounds[part + 1]]
        # pairs are sorted by target: the distinct targets are where the target changes
        targets = target_index[positions]
        first = np.ones(len(targets), dtype=bool)
        first[1:] = targets[1:] != targets[:-1]
        parts.append((targets[first], positions))
    return parts


def _assign(
    targets: np.ndarray,
    pair_target: np.ndarray,
    pair_source: np.ndarray,
    pair_match: np.ndarray,
    loads: np.ndarray,
    max_load: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Solve one part: returns the targets placed and, for each, the position of its pair.

    The pairs come sorted by target, then source. Rows of the matrix are the targets; its columns the free
    places of every source (in order of source, then place: the j-th place of a source of load L costs
    L + j + 1 on top of the match), then, unless a matching places everyone (then every optimal plan does),
    one column per target for staying unplaced. The matrix is built row by row in that column order, so
    that no sparse conversion has to sort it."""
    n = len(targets)
    local = np.searchsorted(targets, pair_target)
    sources, source_index = _dense_rank(pair_source, int(pair_source.max()) + 1)
    demand = np.bincount(source_index, minlength=len(sources))
    places = np.clip(max_load - loads[sources], 0, np.minimum(demand, n))
    open_places = places > 0
    heaviest = int((loads[sources] + places)[open_places].max()) if open_places.any() else 1
    # lexicographic costs: placing one more outweighs every match, a better match outweighs every load
    match_weight = n * heaviest + 1
    unplaced_cost = n * (3 * match_weight + heaviest) + 1
    starts = np.cumsum(places) - places
    per_pair = places[source_index]
    pair_of_edge = np.repeat(np.arange(len(pair_target)), per_pair)
    place = np.arange(len(pair_of_edge)) - np.repeat(np.cumsum(per_pair) - per_pair, per_pair)
    n_places = int(places.sum())
    # each row's edges, columns increasing (pairs are sorted by source): CSR without any sorting
    edge_row = local[pair_of_edge]
    cost = (pair_match[pair_of_edge] + 1) * match_weight + loads[pair_source[pair_of_edge]] + place + 1
    column = starts[source_index[pair_of_edge]] + place
    per_row = np.bincount(edge_row, minlength=n)
    matrix = sp.csr_matrix(
        (cost.astype(np.float64), column, np.concatenate([[0], np.cumsum(per_row)])), shape=(n, n_places)
    )
    everyone = not (maximum_bipartite_matching(matrix, perm_type="column") < 0).any()
    # the largest total cost must stay exact in floating point
    if n * (3 * match_weight + heaviest if everyone else unplaced_cost) >= _EXACT:
        raise PbgraphError(*both(ERRORS, "too_many_to_plan", n=n))
    if not everyone:
        # one more column per target, for staying unplaced, last in its row
        indptr = np.concatenate([[0], np.cumsum(per_row + 1)])
        data = np.full(int(indptr[-1]), float(unplaced_cost))
        indices = np.empty(int(indptr[-1]), dtype=np.int64)
        at = np.arange(len(pair_of_edge)) + edge_row
        data[at], indices[at] = cost, column
        indices[indptr[1:] - 1] = n_places + np.arange(n)
        matrix = sp.csr_matrix((data, indices, indptr), shape=(n, n_places + n))
    rows, columns = min_weight_full_bipartite_matching(matrix)
    placed = columns < n_places
    # the place taken back to its source, then to the pair (target, source): pairs are sorted by both
    # (a source without places shares its start with the next: the last of equal starts is the one)
    taken_source = np.searchsorted(starts, columns[placed], side="right") - 1
    pair_key = local * len(sources) + source_index
    picked = np.searchsorted(pair_key, rows[placed] * len(sources) + taken_source)
    return targets[rows[placed]], picked


__all__ = ["MATCHES", "PLAN_COLUMNS", "PLAN_NOTE", "UNPLACED_COLUMNS", "Plan", "apply_plan", "plan"]

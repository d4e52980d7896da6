"""How the activity log joins the network (for :mod:`pbgraph.analyses.activity` and the views): who took
part in each activity, the pairs of nodes liaison activities join, the distinct counting liaisons and their
activity in a period.

Everything is computed over whole columns as integer keys; the structures that do not depend on a period are
kept by the dataset cache (see :data:`pbgraph.cache.PERSISTED`), and so is each pair's last activity up to a
day (:data:`pbgraph.cache.PERSISTED_BY_DAY`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pbgraph._arrays import search_sorted, sorted_runs
from pbgraph.graph import arrow_strings, index_of
from pbgraph.model import LIAISON_ACTIVITY_KINDS, MULTI_VALUE_SEPARATOR, ActivityKind, LiaisonKind
from pbgraph.period import Period, activity_days

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable

    from pbgraph.dataset import Dataset


@dataclass
class Participation:
    """The activities exploded to one row per (activity row, member row), with node numbers and days."""

    activity: np.ndarray
    member: np.ndarray


def participation(ds: Dataset) -> Participation:
    def build(d: Dataset) -> tuple[np.ndarray, np.ndarray]:
        cells = arrow_strings(d.activities["members"])
        parts = pc.split_pattern(cells, MULTI_VALUE_SEPARATOR)
        flat = pc.utf8_trim_whitespace(pc.list_flatten(parts))
        parents = np.asarray(pc.list_parent_indices(parts), dtype=np.int64)
        numbers = index_of(d).lookup(flat)
        # validation has made every listed id a member: guard anyway, a member is a node below the sectors
        keep = (numbers >= 0) & (numbers < len(d.members))
        return parents[keep], numbers[keep]

    # plain arrays under the key: the dataset cache keeps them (see `pbgraph.cache.PERSISTED`)
    activity, member = ds.derived("activity_participation", build)
    return Participation(activity, member)


def of_kinds(ds: Dataset, kinds: Iterable[ActivityKind]) -> np.ndarray:
    """Per activity row: whether its kind is one of `kinds`."""
    wanted = set(kinds)
    # per kind code (-1, a kind of no `ActivityKind`, takes the last entry)
    chosen = np.array([kind in wanted for kind in ActivityKind] + [False])
    return chosen[activity_kinds(ds)]


def activity_kinds(ds: Dataset) -> np.ndarray:
    """Per activity row: the position of its kind in `ActivityKind` (-1 for any other)."""

    def build(d: Dataset) -> np.ndarray:
        kinds = pa.array([kind.value for kind in ActivityKind], type=pa.string())
        found = pc.index_in(arrow_strings(d.activities["kind"]), value_set=kinds)
        return np.asarray(found.fill_null(-1), dtype=np.int8)

    # a plain array under the key: the dataset cache keeps it (see `pbgraph.cache.PERSISTED`)
    return ds.derived("activity_kind", build)


def in_period(ds: Dataset, period: Period) -> np.ndarray:
    days = activity_days(ds)
    return (days >= np.datetime64(period.since, "D")) & (days <= np.datetime64(period.until, "D"))


def joined_pairs(ds: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """Every (pair key, activity row) that a liaison activity joins: member × target, and ordered pairs of
    distinct members listed together. Key = first node × node count + second node."""

    def build(d: Dataset) -> tuple[np.ndarray, np.ndarray]:
        ix = index_of(d)
        n = np.int64(ix.size)
        part = participation(d)
        liaison_activity = of_kinds(d, LIAISON_ACTIVITY_KINDS)
        target = ix.column("activities", "target") if len(d.activities) else np.zeros(0, dtype=np.int64)
        rows = liaison_activity[part.activity]
        activity, member = part.activity[rows], part.member[rows]
        with_target = target[activity] >= 0
        keys = [member[with_target] * n + target[activity[with_target]]]
        owners = [activity[with_target]]
        # members listed together join each other (an event with two members)
        counts = np.bincount(activity, minlength=len(d.activities))
        shared = counts[activity] >= 2
        if shared.any():
            together = pd.DataFrame({"activity": activity[shared], "member": member[shared]})
            pairs = together.merge(together, on="activity", suffixes=("", "_other"))
            pairs = pairs[pairs["member"] != pairs["member_other"]]
            keys.append(pairs["member"].to_numpy() * n + pairs["member_other"].to_numpy())
            owners.append(pairs["activity"].to_numpy())
        return np.concatenate(keys).astype(np.int64), np.concatenate(owners).astype(np.int64)

    return ds.derived("activity_pairs", build)


@dataclass
class LiaisonActivity:
    """Distinct counting liaisons (first row of each source, target, kind) and their activity: whether
    active in the period, and the day of the last activity up to its end, by their pair (see
    :func:`last_at`)."""

    rows: np.ndarray
    source: np.ndarray
    target: np.ndarray
    active: np.ndarray
    pair: np.ndarray
    last_by_pair: np.ndarray

    def last_at(self, liaisons: np.ndarray) -> np.ndarray:
        """The day of the last activity of these liaisons (positions or a mask) up to the period's end, NaT
        where none (taken for the liaisons asked only: 8 bytes for each of 7 million would be 54 MiB)."""
        return self.last_by_pair[self.pair[liaisons]]


def liaison_activity(ds: Dataset, period: Period) -> LiaisonActivity:
    def build(d: Dataset) -> LiaisonActivity:
        rows, source, target, pair = distinct_liaisons(d)
        last = last_activity(d, period.until)
        # active in the period: some activity between its first and last day, so the last one up to its
        # end falls on or after its first (NaT, where there is none, is never)
        active = (last >= np.datetime64(period.since, "D"))[pair]
        return LiaisonActivity(rows, source, target, active, pair, last)

    return ds.derived(f"liaison_activity:{period.label}", build)


def last_activity(ds: Dataset, until: dt.date) -> np.ndarray:
    """Per pair of :func:`distinct_liaisons`: the day of its last activity up to `until` (NaT where none).
    It depends on the period's end only; the dataset cache keeps it by that day (see
    `pbgraph.cache.PERSISTED_BY_DAY`): every command's default period is the same."""

    def build(d: Dataset) -> np.ndarray:
        _, _, _, pair = distinct_liaisons(d)
        joined = joined_liaisons(d)
        _, owners = joined_pairs(d)
        days = activity_days(d)
        # only the joined pairs some liaison is, with their day (a pass over the days, not a copy as integers)
        hit = np.flatnonzero(joined >= 0)
        joined, days = joined[hit], days[owners[hit]]
        upto = days <= np.datetime64(until, "D")
        # every distinct source × target key is some liaison's; NaT is the smallest day
        latest = np.full(int(pair.max()) + 1 if len(pair) else 0, np.datetime64("NaT", "D").astype(np.int64))
        np.maximum.at(latest, joined[upto], days[upto].view(np.int64))
        return latest.view("datetime64[D]")

    return ds.derived(f"last_activity_until_{until.isoformat()}", build)


def distinct_liaisons(ds: Dataset) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The distinct counting liaisons, whatever the period: the first row of each source, target, kind (rows,
    sources, targets), and each one's pair: its position among the distinct source × target keys."""

    def build(d: Dataset) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        ix = index_of(d)
        n = np.int64(ix.size)
        counting = np.flatnonzero(ix.counting)
        source, target = ix.liaison_source[counting], ix.liaison_target[counting]
        kind = ix.liaison_kind[counting].astype(np.int64)
        # one sort by (source × target, kind) gives both the first row of each (source, target, kind) and the
        # rank of each one's source × target key among the distinct keys
        keys = (source * n + target) * len(LiaisonKind) + kind
        order, starts = sorted_runs(keys)
        pair_keys = keys[order[starts]] // len(LiaisonKind)
        new_pair = np.ones(len(pair_keys), dtype=bool)
        new_pair[1:] = pair_keys[1:] != pair_keys[:-1]
        # back in row order
        rank = np.zeros(len(keys), dtype=np.int64)
        rank[order[starts]] = np.cumsum(new_pair)
        first = np.flatnonzero(rank)
        return counting[first], source[first], target[first], rank[first] - 1

    # plain arrays under the key: the dataset cache keeps them (see `pbgraph.cache.PERSISTED`)
    return ds.derived("liaison_pairs", build)


def joined_liaisons(ds: Dataset) -> np.ndarray:
    """Per joined (pair key, activity) of :func:`joined_pairs`: the pair of :func:`distinct_liaisons` it
    is (-1: no liaison joins those two)."""

    def build(d: Dataset) -> np.ndarray:
        _, source, target, pair = distinct_liaisons(d)
        keys = np.zeros(int(pair.max()) + 1 if len(pair) else 0, dtype=np.int64)
        keys[pair] = source * np.int64(index_of(d).size) + target
        pair_keys, _ = joined_pairs(d)
        if not len(keys):
            return np.full(len(pair_keys), -1, dtype=np.int64)
        at = np.minimum(search_sorted(keys, pair_keys), len(keys) - 1)
        return np.where(keys[at] == pair_keys, at, -1)

    return ds.derived("activity_pair_liaisons", build)

"""What the time control of the network and gaps views replays: per liaison, the day it was made (`since`)
and the days of the activities that exercised it, as days since 1970-01-01."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from pbgraph.analyses._joins import joined_pairs
from pbgraph.analyses.activity import has_activities
from pbgraph.graph import index_of
from pbgraph.period import PERIOD_MONTHS, activity_days, liaison_since_days

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset

__all__ = ["liaison_days", "timeline_of"]

# NaT as an integer
_NONE = np.iinfo(np.int64).min


def _since_days(ds: Dataset) -> np.ndarray:
    """Each liaison row's `since` as a day number, or _NONE (NaT's own integer)."""
    return liaison_since_days(ds).astype(np.int64)


def _pair_days(ds: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """Pair keys (source × node count + target) sorted, with the days of the activities joining them (each
    day once per pair, in order)."""

    def build(d: Dataset) -> tuple[np.ndarray, np.ndarray]:
        if not has_activities(d):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        keys, owners = joined_pairs(d)
        days = activity_days(d)[owners]
        known = ~np.isnat(days)
        keys, days = keys[known], days[known].astype(np.int64)
        order = np.lexsort((days, keys))
        keys, days = keys[order], days[order]
        # a day once per pair (two activities joining the same ends on one day exercise it once)
        distinct = np.r_[True, (keys[1:] != keys[:-1]) | (days[1:] != days[:-1])]
        return keys[distinct], days[distinct]

    return ds.derived("liaison_pair_days", build)


def timeline_of(ds: Dataset) -> tuple[int, int, int] | None:
    """First and last day of the replay and the period in months: from the earliest `since` or activity to
    the latest activity (the default period's end); None when the dataset records neither."""
    since = _since_days(ds)
    since = since[since != _NONE]
    _, days = _pair_days(ds)
    if not len(days) and not len(since):
        return None
    first = int(min(since.min() if len(since) else days.min(), days.min() if len(days) else since.min()))
    last = int(days.max()) if len(days) else int(since.max())
    return first, max(first, last), PERIOD_MONTHS


def liaison_days(
    ds: Dataset, rows: np.ndarray, source: np.ndarray, target: np.ndarray
) -> tuple[list[int | None], list[tuple[int, ...]]]:
    """For liaison rows (with their end node numbers): the day each was made (None when not recorded) and
    the sorted distinct days of the activities that joined its two ends."""
    since = _since_days(ds)[rows]
    keys, days = _pair_days(ds)
    n = np.int64(index_of(ds).size)
    wanted = np.asarray(source, dtype=np.int64) * n + np.asarray(target, dtype=np.int64)
    lo = np.searchsorted(keys, wanted, side="left").tolist()
    hi = np.searchsorted(keys, wanted, side="right").tolist()
    made = [None if s == _NONE else int(s) for s in since.tolist()]
    day_list = days.tolist()
    exercised = [tuple(day_list[a:b]) if b > a else () for a, b in zip(lo, hi, strict=True)]
    return made, exercised

"""Array helpers over int64 keys, by sorting (fast on millions of keys): used by the diff of datasets and by
the generator."""

from __future__ import annotations

import numpy as np


def isin_sorted(values: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Per value: whether it is among `others` (by sorting: fast on millions of int64 keys)."""
    ordered = np.sort(others)
    position = np.minimum(np.searchsorted(ordered, values), max(len(ordered) - 1, 0))
    return ordered[position] == values if len(ordered) else np.zeros(len(values), dtype=bool)


def first_of_each(keys: np.ndarray) -> np.ndarray:
    """Positions of the first occurrence of each distinct key, in increasing order.

    Examples
    --------
    >>> first_of_each(np.array([7, 3, 7, 5, 3])).tolist()
    [0, 1, 3]
    """
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    starts = np.ones(len(keys), dtype=bool)
    starts[1:] = ordered[1:] != ordered[:-1]
    return np.sort(order[starts])

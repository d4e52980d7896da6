"""Small vectorized helpers (numpy for positions, pyarrow for strings) and the organization accumulator."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pbgraph.model import (
    OrgKind,
    Role,
)

Progress = Callable[[str], None]
# ----------------------------------------------------------------------------------------------------
# small vectorized helpers


def _starts(counts: np.ndarray) -> np.ndarray:
    """Offset of each segment when segments of these lengths are laid end to end."""
    return np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)


def _rank_in_segment(keys: np.ndarray, n_keys: int) -> np.ndarray:
    """Position of each item within its run of equal (sorted) keys."""
    counts = np.bincount(keys, minlength=n_keys)
    return np.arange(len(keys)) - _starts(counts)[keys]


def _draw(rng: np.random.Generator, ranges: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """One integer per committee, uniform within its level's inclusive range."""
    low, high = ranges[levels, 0], ranges[levels, 1]
    return rng.integers(low, high + 1).astype(np.int64)


def _ids(prefix: str, count: int, width: int) -> pa.Array:
    digits = pc.utf8_lpad(pc.cast(pa.array(np.arange(1, count + 1)), pa.string()), width=width, padding="0")
    return pc.binary_join_element_wise(prefix, digits, "")


def _width(count: int, minimum: int) -> int:
    return max(minimum, len(str(count)))


def _join(*parts: pa.Array | str) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def _strings(values: Sequence[str]) -> pa.Array:
    return pa.array(list(values), type=pa.string())


def _take(strings: pa.Array, positions: np.ndarray) -> pa.Array:
    return strings.take(pa.array(np.asarray(positions, dtype=np.int64)))


def _take_or_empty(strings: pa.Array, positions: np.ndarray) -> pa.Array:
    """`strings[positions]`, "" where the position is negative."""
    found = np.asarray(positions) >= 0
    taken = _take(strings, np.where(found, positions, 0))
    return pc.if_else(pa.array(found), taken, "")


def _column(values: pa.Array | pa.ChunkedArray) -> pd.Series:
    return pd.Series(pd.array(values, dtype="str"))


@dataclass
class _Orgs:
    """Organization rows being assembled, block by block (one block per kind)."""

    committee: list[np.ndarray]
    kind: list[np.ndarray]
    name: list[pa.Array]
    parent: list[np.ndarray]
    township: list[np.ndarray]
    size: int = 0

    def add(
        self,
        kind: OrgKind,
        committee: np.ndarray,
        name: pa.Array,
        parent: np.ndarray,
        township: np.ndarray | None = None,
    ) -> np.ndarray:
        """Append a block; returns the global organization positions of its rows."""
        count = len(committee)
        self.committee.append(np.asarray(committee, dtype=np.int64))
        self.kind.append(np.full(count, _ORG_KIND_CODES[kind], dtype=np.int8))
        self.name.append(name)
        self.parent.append(np.asarray(parent, dtype=np.int64))
        self.township.append(np.full(count, -1, dtype=np.int64) if township is None else township)
        positions = np.arange(self.size, self.size + count)
        self.size += count
        return positions


_ORG_KINDS = tuple(OrgKind)
_ORG_KIND_CODES = {kind: code for code, kind in enumerate(_ORG_KINDS)}
_ROLES = tuple(Role)
_ROLE_CODES = {role: code for code, role in enumerate(_ROLES)}

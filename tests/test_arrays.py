"""The array helpers agree with numpy's own (slower) functions, on few values and on many (the sorted sweep
starts at 4,096 values; integers are sorted packed with their places)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from pbgraph._arrays import chains_end, first_of_each, in_sorted, isin_sorted, search_sorted

KEYS = hnp.arrays(np.int64, st.integers(0, 60), elements=st.integers(-50, 50))


@settings(max_examples=200, deadline=None)
@given(values=KEYS, others=KEYS)
def test_small_arrays_agree_with_numpy(values: np.ndarray, others: np.ndarray) -> None:
    ordered = np.sort(others)
    assert (search_sorted(ordered, values) == np.searchsorted(ordered, values)).all()
    assert (in_sorted(values, ordered) == np.isin(values, others)).all()
    assert (isin_sorted(values, others) == np.isin(values, others)).all()
    firsts = [i for i, v in enumerate(values.tolist()) if v not in values[:i].tolist()]
    assert first_of_each(values).tolist() == firsts


@pytest.mark.parametrize(
    ("low", "high"),
    # values whose span leaves room for their places (sorted exactly), wider spans whose lowest bits are
    # dropped for the places (nearly sorted), and too wide a span (argsort)
    [(0, 210_000), (-(2**40), 2**40), (0, 2**62 - 1), (-(2**62), 2**62)],
)
def test_many_values_agree_with_numpy(low: int, high: int) -> None:
    rng = np.random.default_rng(abs(low) % 1000 + high % 1000)
    ordered = np.sort(rng.integers(low, high, size=100_000, endpoint=True))
    count = 3 * (1 << 16) + 17
    # half found in `ordered`, repeated; the rest anywhere; the extremes among them
    found, anywhere = rng.choice(ordered, count // 2), rng.integers(low, high, count - count // 2 - 2)
    values = np.concatenate([found, anywhere])
    values = rng.permutation(np.append(values, [high, low]))
    assert (search_sorted(ordered, values) == np.searchsorted(ordered, values)).all()
    assert (in_sorted(values, ordered) == np.isin(values, ordered)).all()
    # unsigned values, and int32 ones (the cache narrows node numbers)
    if low >= 0 and high < 2**31:
        for kind in (np.uint64, np.int32):
            assert (search_sorted(ordered, values.astype(kind)) == np.searchsorted(ordered, values)).all()


@pytest.mark.parametrize("seed", range(5))
def test_many_values_in_no_order_agree_with_numpy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    ordered = np.sort(rng.integers(0, 200_000, size=rng.integers(0, 100_000)))
    values = rng.integers(-10, 210_000, size=50_000)
    assert (search_sorted(ordered, values) == np.searchsorted(ordered, values)).all()
    assert (in_sorted(values, ordered) == np.isin(values, ordered)).all()


def _ends_by_walking(parent: list[int]) -> bool:
    """From every row, follow the parents one by one: a row seen twice on the way is a cycle."""
    for start in range(len(parent)):
        seen, row = set(), start
        while row >= 0:
            if row in seen:
                return False
            seen.add(row)
            row = parent[row]
    return True


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 40).flatmap(lambda n: st.lists(st.integers(-1, n - 1), min_size=n, max_size=n)))
def test_chains_end_as_walking_them_finds(parent: list[int]) -> None:
    assert chains_end(np.array(parent, dtype=np.int64)) == _ends_by_walking(parent)


def test_chains_end_on_a_long_chain_and_a_cycle_at_its_end() -> None:
    # 100,000 rows each the parent of the next: the last one is a root, then it points back to the first
    chain = np.arange(-1, 99_999)
    assert chains_end(chain)
    chain[0] = len(chain) - 1
    assert not chains_end(chain)

"""The column rounding of view coordinates gives Python's `round` exactly (the HTML must not change)."""

from __future__ import annotations

import numpy as np
import pytest

from pbgraph.render import _rounding
from pbgraph.render._rounding import rounded


@pytest.mark.parametrize("extended", [True, False])
@pytest.mark.parametrize("digits", [1, 2])
@pytest.mark.parametrize("scale", [1.0, 1e3, 1e6])
def test_rounded_is_round(digits: int, scale: float, extended: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # ties decided in extended precision, or (where numpy has none) by `round` itself
    monkeypatch.setattr(_rounding, "_EXTENDED", extended and _rounding._EXTENDED)
    rng = np.random.default_rng(7)
    values = (rng.random(20_000) - 0.5) * 2 * scale
    # ties and near-ties: values that already have a few decimals, and exact halves of the last digit
    values = np.concatenate(
        [
            values,
            np.round(values, digits + 1),
            np.round(values, digits) + 0.5 / 10**digits,
            -np.round(values, 3),
        ]
    )
    got = rounded(values.tolist(), digits)
    want = [round(v, digits) for v in values.tolist()]
    assert [repr(v) for v in got] == [repr(v) for v in want]
    assert [repr(v) for v in rounded(values, digits)] == [repr(v) for v in want]


def test_rounded_edge_values() -> None:
    values = [0.0, -0.0, 0.05, -0.05, 0.15, 0.25, 2.675, -0.04, 1e300, -1e300, 5e-324, 1.5e15, 123456789.45]
    for digits in (1, 2):
        assert [repr(v) for v in rounded(values, digits)] == [repr(round(v, digits)) for v in values]


def test_rounded_leaves_ints_to_round() -> None:
    # round(3, 1) is the int 3 (written "3" in JSON), not 3.0
    assert rounded([3, 2.25], 1) == [3, 2.2]
    assert type(rounded([3, 2.25], 1)[0]) is int

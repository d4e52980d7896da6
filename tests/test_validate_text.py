"""Shortcuts of validation over text columns give what the plain operations give: which cells are empty (read
from the cells' lengths), whether stripping could change a column (read from the bytes at the cells' ends),
the distinct values of a column and where each value is among them."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pbgraph.validate._checks import _distinct
from pbgraph.validate._text import empty_cells, may_need_strip


def _column(cells: list[str], *, large: bool = True) -> pd.Series:
    kind = pa.large_string() if large else pa.string()
    return pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([pa.array(cells, type=kind)])))


def test_empty_cells_are_those_equal_to_the_empty_text() -> None:
    cells = ["", "a", "", " ", "张", ""]
    for column in (_column(cells), _column(cells, large=False), pd.Series(cells, dtype=object)):
        assert empty_cells(column).tolist() == [c == "" for c in cells]
    sliced = pa.array(["", "x", "", "y"], type=pa.large_string()).slice(1, 2)
    column = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([sliced, sliced])))
    assert empty_cells(column).tolist() == [False, True, False, True]
    with_null = pd.Series(["", None, "a"], dtype="str")
    assert empty_cells(with_null).tolist() == [True, False, False]
    nothing = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([], type=pa.large_string())))
    assert empty_cells(nothing).tolist() == []


def test_distinct_values_in_the_order_they_first_appear() -> None:
    # one dictionary encoding stands for arrow's `unique` and `index_in`: the same order, the same positions
    for parts in ([["b", "a", "b"], ["c", "a"]], [["b", "a"], []], [[], ["a", "c"]], [["x"], [], ["y", "x"]]):
        values = pa.chunked_array(
            [pa.array(p, type=pa.large_string()) for p in parts], type=pa.large_string()
        )
        uniques, at = _distinct(values)
        assert uniques.to_pylist() == pc.unique(values).to_pylist()
        assert at.to_pylist() == pc.index_in(values, value_set=pc.unique(values)).to_pylist()
    with_null = pa.chunked_array([pa.array(["a", None, "a"], type=pa.large_string())])
    uniques, at = _distinct(with_null)
    assert uniques.to_pylist() == ["a", None] and at.to_pylist() == [0, 1, 0]


# every character arrow's strip trims (found by asking it about each), and characters whose UTF-8 bytes look
# like theirs
_CODES = [c for c in range(0x110000) if not 0xD800 <= c < 0xE000]
_TRIMMED = pc.utf8_length(pc.utf8_trim_whitespace(pa.array([f"x{chr(c)}" for c in _CODES]))).to_numpy()
_SPACES = [chr(c) for c, length in zip(_CODES, _TRIMMED, strict=True) if length == 1]
_NEAR = ["\u00a1", "\u0084", "\u1681", "\u200b", "\u202e", "\u2060", "\u3001", "\u30a2", "张", "a", "é"]


@settings(max_examples=300, deadline=None)
@given(
    cells=st.lists(st.text(alphabet=st.sampled_from([*_SPACES, *_NEAR, "\x01"]), max_size=4), max_size=12),
    large=st.booleans(),
)
def test_a_column_said_not_to_need_stripping_is_its_own_strip(cells: list[str], large: bool) -> None:
    column = _column(cells, large=large)
    needs = any(cell != pc.utf8_trim_whitespace(pa.array([cell]))[0].as_py() for cell in cells)
    assert may_need_strip(column) or not needs


@pytest.mark.parametrize("space", _SPACES)
def test_each_white_space_at_either_end_is_seen(space: str) -> None:
    for cell in (f"{space}张三", f"张三{space}", space, f"M001{space}"):
        assert may_need_strip(_column(["李四", cell, "王五"]))
    assert not may_need_strip(_column(["李四", f"张{space}三", "王五", ""]))

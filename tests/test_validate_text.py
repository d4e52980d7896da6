"""Shortcuts of validation over text columns give what the plain operations give: which cells are empty (read
from the cells' lengths), the distinct values of a column and where each value is among them."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pbgraph.validate._checks import _distinct
from pbgraph.validate._text import empty_cells


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

"""Which cells are empty, read from the cells' lengths: what comparing each with "" says."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

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

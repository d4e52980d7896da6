"""The passes over text columns that let validation skip work must never skip a column that needs it."""

from __future__ import annotations

import random
import sys

import pandas as pd
import pyarrow as pa

from pbgraph.validate._text import empty_cells, may_need_strip

# every character Python's str.strip removes, and a few that look alike but are not white space
SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
OTHERS = ["张", "a", "、", "〇", "\u200b", "\ufeff", "é", "😀", "M001", "\u3001", "\u2030", "\u00a1"]


def _column(cells: list[str], *, large: bool = True) -> pd.Series:
    kind = pa.large_string() if large else pa.string()
    return pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([pa.array(cells, type=kind)])))


def test_white_space_at_either_end_of_any_cell_is_seen() -> None:
    rng = random.Random(12)
    for _ in range(400):
        cells = [rng.choice(OTHERS) * rng.randint(0, 3) for _ in range(rng.randint(1, 6))]
        if rng.random() < 0.7:
            at = rng.randrange(len(cells))
            space = rng.choice(SPACES)
            cells[at] = space + cells[at] if rng.random() < 0.5 else cells[at] + space
        needs = any(cell != cell.strip() for cell in cells)
        for large in (True, False):
            column = _column(cells, large=large)
            if needs:
                assert may_need_strip(column), cells
            # whatever the pass says, a column it lets through is one that stripping leaves as it is
            if not may_need_strip(column):
                assert column.str.strip().tolist() == cells


def test_columns_without_spaces_are_let_through() -> None:
    assert not may_need_strip(_column(["张三", "M0001", "李四", "", "王五😀"]))
    assert may_need_strip(_column(["张三", "李四\u3000"]))
    assert may_need_strip(_column(["\u00a0张三"]))
    # a sliced chunk is read from its offset
    sliced = pa.array([" a", "b", "c "], type=pa.large_string()).slice(1, 1)
    assert not may_need_strip(pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([sliced]))))


def test_empty_cells_are_those_equal_to_the_empty_text() -> None:
    cells = ["", "a", "", " ", "张", ""]
    for column in (_column(cells), _column(cells, large=False), pd.Series(cells, dtype=object)):
        assert empty_cells(column).tolist() == [c == "" for c in cells]
    sliced = pa.array(["", "x", "", "y"], type=pa.large_string()).slice(1, 2)
    column = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([sliced, sliced])))
    assert empty_cells(column).tolist() == [False, True, False, True]
    with_null = pd.Series(["", None, "a"], dtype="str")
    assert empty_cells(with_null).tolist() == [True, False, False]

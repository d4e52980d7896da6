"""The workbook writer (`write_xlsx_tables`, built a column at a time): each cell of the kind it should be."""

from __future__ import annotations

import datetime
from pathlib import Path

import numpy as np
import pandas as pd
from openpyxl import load_workbook

from pbgraph._xlsx import ROWS_PER_PIECE
from pbgraph.io import write_xlsx_tables

TEXTS = ["=1+1", "+86 138", "-3", "@x", "007", " 两端空格 ", 'a&b<c>"', "cr\rlf\n", "\x1f", "", None]
"""Text cells: formulas and numbers to a spreadsheet, spaces at the ends, XML's own characters, a CR (which an
XML reader turns into a line feed unless it is written as a reference), a control character, nothing."""

NUMBERS = [1, 2.5, -0.5, 1e-05, np.int64(7), np.nan, float("inf"), True, None, 10**15, "n/a"]
RATES = [1, 0.5, 0.125, np.nan, 0.0, 1.0, 0.25, 0.75, 0.3, 0.6, "n/a"]
SINCE = [
    "2024-01-31",
    "2024-07",
    "1899-12-31",
    "",
    None,
    "2024-02-30",
    "2025-12-31",
    "x",
    "1900-03-01",
    "a",
    "b",
]


def test_every_cell_is_of_its_kind_in_every_piece(tmp_path: Path) -> None:
    """Text stays text exactly (never a formula, never a number), numbers are numbers, an infinity (no
    number in Excel) its text, a boolean true/false, empty values empty cells; rates are percentages
    whether int or float; the ISO dates of a `since` column are dates from 1900-03-01 on, anything else in
    it stays as it is. The hostile rows come after a full piece of plain rows, so the second piece is
    checked too."""
    plain = ROWS_PER_PIECE + 1
    frame = pd.DataFrame(
        {
            "text": pd.Series([f"M{i}" for i in range(plain)] + TEXTS, dtype=object),
            "count": np.arange(plain + len(TEXTS), dtype=np.int64),
            "number": pd.Series([0] * plain + NUMBERS, dtype=object),
            "rate": pd.Series([0.5] * plain + RATES, dtype=object),
            "share": np.array([0.5] * plain + [0.5, np.nan, *[0.25] * (len(TEXTS) - 2)]),
            "since": pd.Series([""] * plain + SINCE, dtype=object),
        }
    )
    frame.attrs["percent_columns"] = [3, 4]
    out = write_xlsx_tables(
        {"表": frame, "说明": pd.DataFrame({"备注": ["注：两行\n说明"]})}, tmp_path / "t.xlsx"
    )
    book = load_workbook(out, read_only=True)
    try:
        assert book.sheetnames == ["表", "说明"]
        rows = list(book["表"].iter_rows())
        assert [cell.value for cell in rows[0]] == list(frame.columns)
        assert len(rows) == len(frame) + 1
        assert [row[0].value for row in rows[1 : plain + 1 : 5000]] == [
            "M0",
            "M5000",
            "M10000",
            "M15000",
            "M20000",
        ]
        assert [row[1].value for row in rows[-3:]] == [plain + 8, plain + 9, plain + 10]
        tail = rows[plain + 1 :]
        texts = [row[0] for row in tail]
        expected = [
            "=1+1",
            "+86 138",
            "-3",
            "@x",
            "007",
            " 两端空格 ",
            'a&b<c>"',
            "cr\rlf\n",
            None,
            None,
            None,
        ]
        assert [cell.value for cell in texts] == expected
        assert all(cell.data_type == "s" for cell in texts[:8])
        numbers = [row[2].value for row in tail]
        assert numbers == [1, 2.5, -0.5, 1e-05, 7, None, "inf", "true", None, 10**15, "n/a"]
        assert [type(v) for v in numbers[:5]] == [int, float, float, float, int]
        rates = [row[3] for row in tail]
        assert [cell.value for cell in rates] == [1, 0.5, 0.125, None, 0, 1, 0.25, 0.75, 0.3, 0.6, "n/a"]
        assert {cell.number_format for cell in rates if isinstance(cell.value, (int, float))} == {"0.0%"}
        assert [row[4].value for row in tail[:3]] == [0.5, None, 0.25] and tail[0][4].number_format == "0.0%"
        since = [row[5] for row in tail]
        assert [cell.value for cell in since] == [
            datetime.datetime(2024, 1, 31),
            "2024-07",
            "1899-12-31",
            None,
            None,
            "2024-02-30",
            datetime.datetime(2025, 12, 31),
            "x",
            datetime.datetime(1900, 3, 1),
            "a",
            "b",
        ]
        assert all(
            cell.is_date and cell.number_format == "yyyy-mm-dd"
            for cell in since
            if isinstance(cell.value, datetime.datetime)
        )
        assert [[cell.value for cell in row] for row in book["说明"].iter_rows()] == [
            ["备注"],
            ["注：两行\n说明"],
        ]
    finally:
        book.close()

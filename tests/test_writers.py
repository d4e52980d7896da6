"""The columnar table writers write exactly what the row-by-row ones did: pandas' CSV (Python's csv module)
and `json.dumps(records, ensure_ascii=False, indent=2)`, byte for byte."""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pbgraph import Dataset, analyses
from pbgraph import format as fmt
from pbgraph._json_writer import json_document, json_ready
from pbgraph._texts.tables import OVERALL_NAME


def display_by_cell(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The display frame one cell at a time (how it was written before it went columnar)."""
    return pd.DataFrame(
        {
            fmt.column_label(str(c), lang): [fmt._cell(str(c), v, lang) for v in frame[c].tolist()]
            for c in frame
        },
        index=range(len(frame)),
        dtype=object,
    )


FORMULA = re.compile(r"'*[=+\-@\t\r]")


def csv_by_pandas(frame: pd.DataFrame, lang: str) -> str:
    """The CSV as pandas writes the displayed frame, with DESIGN 5's guard: a text cell that begins with
    = + - @ tab or CR (after any `'`s) gets one more leading `'`; numbers are left alone."""
    shown = display_by_cell(frame, lang)
    for position, column in enumerate(frame.columns):
        if not pd.api.types.is_numeric_dtype(frame[column].dtype):
            shown.isetitem(
                position,
                [f"'{v}" if isinstance(v, str) and FORMULA.match(v) else v for v in shown.iloc[:, position]],
            )
    return shown.to_csv(index=False, lineterminator="\n")


def json_by_json_module(tables: dict[str, pd.DataFrame], lang: str = "zh") -> str:
    """The JSON output as it was written before it went columnar: json_ready's records, by json.dumps."""
    data: Any = {name: json_ready(frame, lang) for name, frame in tables.items()}
    if len(tables) == 1:
        data = next(iter(data.values()))
    return json.dumps(data, ensure_ascii=False, indent=2)


def assert_same(frame: pd.DataFrame) -> None:
    for lang in ("zh", "en"):
        pd.testing.assert_frame_equal(fmt.display_frame(frame, lang), display_by_cell(frame, lang))
        assert fmt.csv_text(frame, lang) == csv_by_pandas(frame, lang)
        assert json_document({"t": frame}, lang) == json_by_json_module({"t": frame}, lang)


HOSTILE = pd.DataFrame(
    {
        "id": pd.array(
            ["M1", "", 'a"b', "x,y", "line\nbreak", "cr\rhere", " pad ", "=1+1", "\x1f", "全部"], "str"
        ),
        "committee_name": pd.array(
            [OVERALL_NAME, OVERALL_NAME, "", "甲", "b", "c", "d", "e", "f", "g"], "str"
        ),
        "party": pd.array(["CPC", "CDL", "NP", "", "??", "CPC", "JS", "RCCK", "MASSES", "CYL"], "str"),
        "gap": pd.array(["no_liaison", "x", "", "sector_group", "a", "b", "c", "d", "e", "f"], "str"),
        "count": np.arange(10, dtype=np.int64) * -7,
        "flag": np.array([True, False] * 5),
        "betweenness": [0.0, 1e-05, 3.3e-07, 1 / 3, 1e16, 2.5e15, float("nan"), float("inf"), -1e-300, 0.5],
        "share": [0.1234, float("nan"), 1.0, 0.0, 0.5, 0.25, 1 / 3, 0.999, 0.001, 0.0005],
        "mixed": pd.Series(
            [1, "a", None, 2.5, np.int64(3), True, float("nan"), "", "b", 1e-05], dtype=object
        ),
        "text_with_gaps": pd.array(["a", None, "b", "c", "d", "e", "f", "g", "h", "i"], "str"),
    }
)


def test_hostile_values() -> None:
    assert_same(HOSTILE)
    for column in HOSTILE.columns:
        assert_same(HOSTILE[[column]])
    assert_same(HOSTILE.head(0))


def test_one_empty_column_is_quoted_as_the_csv_module_does() -> None:
    frame = pd.DataFrame({"note": pd.array(["", "x", ""], "str")})
    assert fmt.csv_text(frame, "en") == 'note\n""\nx\n""\n'
    assert_same(frame)


def test_several_tables_in_one_document() -> None:
    tables = {"a": HOSTILE, "b": HOSTILE.head(2), "c": HOSTILE.head(0)}
    assert json_document(tables) == json_by_json_module(tables)


def test_every_analysis_of_the_sample(sample: Dataset) -> None:
    tables: dict[str, pd.DataFrame] = {"league": analyses.league_table(sample)}
    for name in analyses.ANALYSES:
        tables.update(analyses.run(name, sample).tables)
    for frame in tables.values():
        assert_same(frame)
    assert json_document(tables) == json_by_json_module(tables)


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(st.text(max_size=8), min_size=1, max_size=6),
    floats=st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=6),
)
def test_any_text_and_float(texts: list[str], floats: list[float]) -> None:
    size = min(len(texts), len(floats))
    frame = pd.DataFrame(
        {"name": pd.array(texts[:size], "str"), "value": np.array(floats[:size], dtype=float)}
    )
    try:
        "".join(texts).encode("utf-8")
    except UnicodeEncodeError:
        pytest.skip("lone surrogates cannot be written at all")
    assert_same(frame)

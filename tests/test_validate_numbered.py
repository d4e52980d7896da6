"""Ids numbered in order are looked up by reading their number: the answers must be a dictionary's."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from pbgraph.generate import generate
from pbgraph.loader import read_tables
from pbgraph.problem import Problem
from pbgraph.validate import _registry
from pbgraph.validate._checks import Validator
from pbgraph.validate._numbered import BLOCK, numbered_positions, numbered_tables


def _chunks(ids: list[str]) -> list[pa.Array]:
    return [pa.array(ids, type=pa.large_string())]


def _tables() -> list[list[str]]:
    return [
        [f"M{i:03d}" for i in range(1, 121)],
        [f"S{i:02d}" for i in range(3, 10)],
        [],
        [f"O{i:04d}" for i in range(0, 40)],
        [f"P{i:08d}" for i in range(99_999_990, 100_000_000)],
    ]


def _oracle(tables: list[list[str]], values: list[str | None]) -> list[int]:
    position: dict[str, int] = {}
    for number, value in enumerate(id_ for table in tables for id_ in table):
        position.setdefault(value, number)
    return [position.get(v, -1) if v is not None else -1 for v in values]


def test_positions_are_those_of_a_dictionary() -> None:
    tables = _tables()
    found = numbered_tables([_chunks(t) for t in tables])
    assert found is not None
    rng = random.Random(7)
    everything = [i for t in tables for i in t]
    near = ["M000", "M121", "M12", "M1a0", "m001", "", "M0011", "S10", "S02", "O0040", "MM01"]
    near += ["委员1", "M 01"]
    near += ["P099999989", "P100000000", "P0999999a9", "O-001", "S0３", "M\x00\x001"]
    values: list[str | None] = [rng.choice(everything + near) for _ in range(3000)] + [None]
    array = pa.array(values, type=pa.large_string())
    assert numbered_positions(found, array).tolist() == _oracle(tables, values)
    # a slice of a chunk starts at its offset
    part = array.slice(1000, 500)
    assert numbered_positions(found, part).tolist() == _oracle(tables, values[1000:1500])


@pytest.mark.parametrize(
    "tables",
    [
        [["M01", "M03"]],  # a gap
        [["M02", "M01"]],  # not in order
        [["M01", "M002"]],  # two widths
        [["M01", "Ma2"]],  # not digits
        [["", "M01"]],  # an empty id
        [["M001", "M002"], ["M0003", "M0004"], ["M01", "M02"]],  # one prefix, three widths
        [["M001"], ["M0002"]],
        [["AB"], ["A1"]],  # no digits in the first table
    ],
)
def test_tables_not_numbered_in_order_are_hashed(tables: list[list[str]]) -> None:
    found = numbered_tables([_chunks(t) for t in tables])
    if found is None:
        return
    # what is read as numbered must still answer as a dictionary does
    values = [i for t in tables for i in t] + ["M01", "M001", "M0002", "A1"]
    array = pa.array(values, type=pa.large_string())
    assert numbered_positions(found, array).tolist() == _oracle(tables, values)


def test_prefix_of_another_prefix_of_one_width_is_refused() -> None:
    # "M0" + "01" and "M" + "001" are both "M001": which table it is cannot be read from it
    assert numbered_tables([_chunks(["M001", "M002"]), _chunks(["M0001"]), _chunks(["M0" + "01"])]) is None
    assert numbered_tables([_chunks(["M001"]), _chunks(["M0" + "02"])]) is None


def test_nulls_are_not_numbered() -> None:
    assert numbered_tables([[pa.array(["M01", None], type=pa.large_string())]]) is None
    found = numbered_tables([_chunks(["M01", "M02"])])
    assert found is not None
    got = numbered_positions(found, pa.array([None, "M02"], type=pa.large_string()))
    assert np.array_equal(got, [-1, 1])


def test_ids_of_digits_only() -> None:
    tables = [[f"{i:08d}" for i in range(5, 60)], [f"A{i:03d}" for i in range(1, 10)]]
    found = numbered_tables([_chunks(t) for t in tables])
    assert found is not None
    values: list[str | None] = ["00000005", "00000059", "00000060", "0000005", "A001", "A010", "0000000a", ""]
    array = pa.array(values, type=pa.large_string())
    assert numbered_positions(found, array).tolist() == _oracle(tables, values)


def test_a_column_longer_than_a_block() -> None:
    # read a block at a time: the blocks' answers land where their ids are, whatever each block holds
    tables = _tables()
    found = numbered_tables([_chunks(t) for t in tables])
    assert found is not None
    rng = random.Random(11)
    everything = [i for t in tables for i in t] + ["M121", "", "O0040", "S02"]
    values: list[str | None] = [rng.choice(everything) for _ in range(BLOCK * 2 + 77)]
    # one block of a single width (read in place), the next of mixed widths
    values[:BLOCK] = [f"M{rng.randrange(1, 121):03d}" for _ in range(BLOCK)]
    array = pa.array(values, type=pa.large_string())
    assert numbered_positions(found, array).tolist() == _oracle(tables, values)
    part = array.slice(BLOCK - 5, BLOCK + 30)
    assert numbered_positions(found, part).tolist() == _oracle(tables, values[BLOCK - 5 : 2 * BLOCK + 25])


def test_a_generated_system_validates_alike_numbered_or_hashed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # members of several committees, one cell naming an id no table has and one naming a sector: the
    # problems, and the cells made canonical, are the same whether the ids are read by number or hashed
    generate("city", tmp_path, seed=3, contacts=False, lang="en")
    members = pd.read_csv(tmp_path / "members.csv", dtype=str, keep_default_na=False)
    several = members.index[members["committee"].str.contains(";")]
    assert len(several) >= 3
    first, second = members.at[several[0], "committee"], members.at[several[1], "committee"]
    members.loc[several[0], "committee"] = f"{first};O9999999"
    members.loc[several[1], "committee"] = f"{second}；{members.at[0, 'sector']}"
    members.loc[several[2], "committee"] = ";".join(reversed(members.at[several[2], "committee"].split(";")))
    members.to_csv(tmp_path / "members.csv", index=False)

    def validated() -> tuple[list[Problem], list[str], bool]:
        raw, problems = read_tables(tmp_path)
        validator = Validator(raw, problems)
        validator.run()
        committees = raw["members"].frame["committee"].tolist()
        return validator.problems, committees, validator.numbered is not None

    numbered, canonical, was_numbered = validated()
    monkeypatch.setattr(_registry, "numbered_tables", lambda tables: None)
    hashed, hashed_canonical, was_hashed = validated()
    assert was_numbered and not was_hashed
    assert numbered == hashed and canonical == hashed_canonical
    assert {"unknown_reference", "wrong_reference_kind"} <= {p.code for p in numbered}

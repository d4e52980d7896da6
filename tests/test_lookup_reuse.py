"""Ids resolved to node numbers the same way however few are asked, and a report's views marking the gaps its
own analyses found rather than running those analyses again."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pyarrow as pa
import pytest

from pbgraph import Dataset
from pbgraph.graph import index_of
from pbgraph.model import NODE_TABLES
from pbgraph.render.views.network import gap_kinds, keep_gap_kinds
from pbgraph.report import build_report


def numbered(ds: Dataset) -> dict[str, int]:
    """Node number of each id: the tables in order, members first, an id listed twice keeping its first."""
    ids = [node_id for table in NODE_TABLES for node_id in getattr(ds, table)["id"]]
    first: dict[str, int] = {}
    for number, node_id in enumerate(ids):
        first.setdefault(node_id, number)
    return first


def test_a_few_ids_and_many_are_looked_up_alike(city: Dataset) -> None:
    expected = numbered(city)
    members, contacts = city.members["id"].tolist(), city.contacts["id"].tolist()
    few = [members[3], "NOBODY", contacts[-1], members[3], None, city.sectors["id"].iloc[0], ""]
    many = few + members + contacts[:50]
    index = index_of(city)
    assert len(few) * 16 < index.size <= len(many) * 16  # one list takes each way
    for asked in (few, many):
        got = index.lookup(pa.array(asked, type=pa.string())).tolist()
        assert got == [expected.get(node_id, -1) if node_id else -1 for node_id in asked]
    assert index.lookup(pd.Series([], dtype=object)).tolist() == []


def test_an_id_listed_twice_is_its_first_node(sample: Dataset) -> None:
    twice = dataclasses.replace(
        sample, contacts=pd.concat([sample.contacts, sample.contacts.iloc[:1]], ignore_index=True)
    )
    node_id = sample.contacts["id"].iloc[0]
    first = len(sample.members) + len(sample.sectors) + len(sample.townships) + len(sample.organizations)
    assert index_of(twice).lookup(pa.array([node_id])).tolist() == [first]


@pytest.mark.parametrize("max_load", [2, 30])
def test_the_gaps_from_tables_at_hand_are_the_gaps_found(sample: Dataset, max_load: int) -> None:
    from pbgraph.analyses import run_all

    committee = sample.committees[0]
    found = run_all(sample, committee=committee, max_load=max_load)
    tables = {name: frame for result in found.values() for name, frame in result.tables.items()}
    fresh = gap_kinds(sample, committee=committee, max_load=max_load)
    again = dataclasses.replace(sample)
    keep_gap_kinds(again, tables, committee=committee, max_load=max_load)
    assert gap_kinds(again, committee=committee, max_load=max_load) == fresh
    assert "overloaded" in {kind for kinds in fresh.values() for kind in kinds} or max_load == 30


def test_a_report_runs_each_gap_analysis_once(sample: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    import pbgraph.analyses as analyses

    calls: list[str] = []
    for name in ("unlinked", "unorganized", "sector_gaps", "township_gaps", "platform_gaps", "liaison_load"):
        real = getattr(analyses, name)

        def counted(*args: object, _real: object = real, _name: str = name, **kwargs: object) -> object:
            calls.append(_name)
            return _real(*args, **kwargs)  # type: ignore[operator]

        monkeypatch.setattr(analyses, name, counted)
    page = build_report(dataclasses.replace(sample), views=True)
    assert "rp-view-gaps" in page
    # the analyses' registry holds its own references to them: the views asked for none again
    assert calls == []

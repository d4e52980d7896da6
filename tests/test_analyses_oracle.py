"""The fast analyses (``pbgraph.analyses``) against the naive networkx oracle (``tests/oracle.py``): on random
small datasets (hypothesis) and on generated county and city systems."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pbgraph.analyses
from pbgraph import Dataset, load
from tests import oracle
from tests.datasets import dataset_tables, load_tables
from tests.oracle import assert_same_connectors, assert_same_frames

MAX_DEPTHS = (None, 1, 2, 3)
MAX_LOADS = (0, 1, 2, 5)
SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]


def real(name: str) -> Callable[..., pd.DataFrame]:
    """The analysis `name` of the real implementation."""
    fn: Callable[..., pd.DataFrame] = getattr(pbgraph.analyses, name)
    return fn


def options(name: str, *, max_depth: int | None, max_load: int) -> dict[str, Any]:
    """The keyword arguments an analysis takes, out of max_depth and max_load."""
    if name in ("reach", "party_group_reach"):
        return {"max_depth": max_depth}
    if name in ("coverage", "league_table", "liaison_load"):
        return {"max_load": max_load}
    return {}


def assert_agrees(ds: Dataset, name: str, **kwargs: Any) -> None:
    """The real analysis and the oracle give the same frame."""
    compare = assert_same_connectors if name == "connectors" else assert_same_frames
    compare(
        real(name)(ds, **kwargs),
        oracle.ANALYSES[name](ds, **kwargs),
        label=f"{name}({', '.join(f'{k}={v!r}' for k, v in kwargs.items())})",
    )


@settings(max_examples=60, deadline=None, suppress_health_check=SLOW_DATA)
@given(
    tables=dataset_tables(),
    max_depth=st.sampled_from(MAX_DEPTHS),
    max_load=st.sampled_from(MAX_LOADS),
    data=st.data(),
)
def test_every_analysis_agrees_with_the_oracle(
    tables: dict[str, pd.DataFrame], max_depth: int | None, max_load: int, data: st.DataObject
) -> None:
    ds = load_tables(tables)
    committee = data.draw(st.sampled_from([None, *ds.committees]), label="committee")
    for name in oracle.ANALYSES:
        kwargs = options(name, max_depth=max_depth, max_load=max_load)
        if name != "league_table":
            kwargs["committee"] = committee
        assert_agrees(ds, name, **kwargs)


@settings(max_examples=30, deadline=None, suppress_health_check=SLOW_DATA)
@given(tables=dataset_tables(), seed=st.integers(0, 2**16))
def test_sampled_betweenness_agrees_with_the_oracle(tables: dict[str, pd.DataFrame], seed: int) -> None:
    """Above `sample_limit` nodes both sample the same way (same node order, networkx, same seed)."""
    ds = load_tables(tables)
    assert_agrees(ds, "connectors", sample_limit=3, sample_size=2, seed=seed)


@settings(max_examples=30, deadline=None, suppress_health_check=SLOW_DATA)
@given(tables=dataset_tables(), entries=st.integers(1, 60), seed=st.integers(0, 2**16))
def test_betweenness_searched_in_small_batches_agrees_with_the_oracle(
    tables: dict[str, pd.DataFrame], entries: int, seed: int
) -> None:
    """The searches run side by side in batches as large as the work arrays allow: with room for one search
    or a few at a time (several batches, a last one short), exact and sampled betweenness are unchanged."""
    ds = load_tables(tables)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(import_module("pbgraph.analyses.connectors"), "BATCH_ENTRIES", entries)
        assert_agrees(ds, "connectors")
        assert_agrees(ds, "connectors", sample_limit=3, sample_size=4, seed=seed)


def _generated(scale: str, folder: Path, *, seed: int, contacts: bool = True) -> Dataset:
    generate = pytest.importorskip("pbgraph.generate").generate
    generate(scale, folder / scale, seed=seed, contacts=contacts)
    return load(folder / scale)


def _compare_all(
    ds: Dataset, committee: str | None, *, max_depth: int | None, max_load: int, **connector_options: int
) -> None:
    for name in oracle.ANALYSES:
        if name == "league_table" and committee is not None:
            continue
        kwargs = options(name, max_depth=max_depth, max_load=max_load)
        if name != "league_table":
            kwargs["committee"] = committee
        if name == "connectors":
            kwargs.update(connector_options)
        assert_agrees(ds, name, **kwargs)


def test_generated_county_without_contacts_agrees_with_the_oracle(tmp_path: Path) -> None:
    """Exact betweenness (the liaison graph is small without contacts)."""
    ds = _generated("county", tmp_path, seed=4, contacts=False)
    for committee in (None, *ds.committees):
        for max_depth, max_load in ((None, 5), (2, 1)):
            _compare_all(ds, committee, max_depth=max_depth, max_load=max_load)


def test_generated_county_agrees_with_the_oracle(tmp_path: Path) -> None:
    """With contacts; betweenness sampled (exact betweenness of ≈ 3,000 nodes is slow in networkx)."""
    ds = _generated("county", tmp_path, seed=3)
    for committee in (None, *ds.committees):
        for max_depth, max_load in ((None, 5), (1, 2)):
            _compare_all(ds, committee, max_depth=max_depth, max_load=max_load, sample_limit=1000)


@pytest.mark.slow
def test_generated_city_agrees_with_the_oracle(tmp_path: Path) -> None:
    """A city and its counties: more than 20,000 liaison-graph nodes, so betweenness is sampled."""
    ds = _generated("city", tmp_path, seed=5)
    assert len(ds.committees) > 2
    assert pbgraph.analyses.run("connectors", ds).sampled, "sampled betweenness must say so"
    _compare_all(ds, None, max_depth=None, max_load=5)
    for committee in ds.committees:
        _compare_all(ds, committee, max_depth=3, max_load=2)


@settings(max_examples=20, deadline=None, suppress_health_check=SLOW_DATA)
@given(tables=dataset_tables(), entries=st.integers(1, 60), threads=st.integers(2, 4))
def test_betweenness_is_the_same_whatever_the_number_of_threads(
    tables: dict[str, pd.DataFrame], entries: int, threads: int
) -> None:
    """Batches are searched by several threads, and their results added up in batch order: the values are
    bitwise those of one thread."""
    module = import_module("pbgraph.analyses.connectors")
    adjacency = module.liaison_graph(load_tables(tables))[1]
    values = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(module, "BATCH_ENTRIES", entries)
        for count in (1, threads):
            patch.setattr(module, "THREADS", count)
            values[count] = module.graph_betweenness(adjacency)[0]
    assert values[1].tobytes() == values[threads].tobytes()

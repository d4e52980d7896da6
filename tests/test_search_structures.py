"""The integer structures the analyses search, against what networkx (or plain Python) says of the same
graph: the liaison graph's nodes and edges, the level-by-level search of `reach`, strings taken by
position."""

from __future__ import annotations

from functools import lru_cache

import networkx as nx
import numpy as np
import pandas as pd
import pyarrow as pa
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from pbgraph import load
from pbgraph.analyses.connectors import undirected_graph
from pbgraph.analyses.reach import _bfs
from pbgraph.dataset import Dataset
from pbgraph.graph import NODE_TABLES, node_strings_at, strings_at
from tests.conftest import SAMPLE

edges = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=80)


@settings(max_examples=150, deadline=None)
@given(edges=edges)
def test_the_liaison_graph_is_networkx_graph_of_the_same_edges(edges: list[tuple[int, int]]) -> None:
    source = np.array([a for a, _ in edges], dtype=np.int64)
    target = np.array([b for _, b in edges], dtype=np.int64)
    nodes, adjacency = undirected_graph(source, target)
    # nodes in order of first appearance, source before target (as networkx adds them)
    expected = nx.Graph()
    expected.add_edges_from((a, b) for a, b in edges if a != b)
    first: list[int] = []
    for node in [end for edge in edges for end in edge]:
        if node not in first:
            first.append(node)
    assert nodes.tolist() == first
    got = {(int(nodes[i]), int(nodes[j])) for i, j in zip(*adjacency.nonzero(), strict=True) if i < j} | {
        (int(nodes[j]), int(nodes[i])) for i, j in zip(*adjacency.nonzero(), strict=True) if i < j
    }
    assert got == {(a, b) for a, b in expected.edges} | {(b, a) for a, b in expected.edges}
    assert set(adjacency.data.tolist()) <= {1}
    # the same graph from text labels (what the Neo4j backend gives)
    text_nodes, text_adjacency = undirected_graph(
        source.astype(str).astype(object), target.astype(str).astype(object)
    )
    assert text_nodes.tolist() == [str(n) for n in first]
    assert (text_adjacency != adjacency).nnz == 0


@settings(max_examples=150, deadline=None)
@given(
    edges=edges,
    seeds=st.lists(st.integers(0, 40), min_size=1, max_size=6),
    depth=st.one_of(st.none(), st.integers(0, 4)),
)
def test_the_level_search_reaches_what_networkx_reaches(
    edges: list[tuple[int, int]], seeds: list[int], depth: int | None
) -> None:
    n = 41
    graph = nx.DiGraph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(edges)
    adjacency = sp.csr_matrix(
        (np.ones(len(edges), dtype=bool), ([a for a, _ in edges], [b for _, b in edges])), shape=(n, n)
    )
    start = sp.csr_matrix(
        (np.ones(len(seeds), dtype=bool), (range(len(seeds)), seeds)), shape=(len(seeds), n)
    )
    visited, inner = _bfs(adjacency, start, depth)
    for row, seed in enumerate(seeds):
        within = nx.single_source_shortest_path_length(graph, seed, cutoff=depth)
        assert set(visited[row].indices.tolist()) == set(within)
        # one hop less: every node found before the last level (all of them when the search ended earlier)
        deepest = max(within.values())
        limit = deepest if depth is None or deepest < depth else depth - 1
        assert set(inner[row].indices.tolist()) == {node for node, d in within.items() if d <= limit}


def test_strings_are_taken_from_the_column_as_stored() -> None:
    chunked = pd.Series(
        pd.arrays.ArrowExtensionArray(pa.chunked_array([["甲", "乙"], [None, "丁"]], pa.large_string()))
    )
    for values in (chunked, chunked.astype("str"), pd.Series(["甲", "乙", None, "丁"], dtype=object)):
        taken = strings_at(values, np.array([3, 0, 0, 2]))
        assert taken.dtype == "str"
        assert taken.tolist()[:3] == ["丁", "甲", "甲"]
        assert pd.isna(taken.iloc[3])


@settings(max_examples=60, deadline=None)
@given(picks=st.lists(st.integers(0, 10_000), max_size=60))
def test_node_strings_are_the_ids_and_names_of_the_numbered_nodes(picks: list[int]) -> None:
    # DESIGN: nodes are numbered in table order (members, sectors, townships, organizations, contacts)
    ds = _sample()
    every = {
        column: [v for table in NODE_TABLES for v in getattr(ds, table)[column].fillna("").tolist()]
        for column in ("id", "name")
    }
    numbers = np.array([p % len(every["id"]) for p in picks], dtype=np.int64)
    for column in ("id", "name"):
        taken = node_strings_at(ds, column, numbers)
        assert taken.dtype == "str"
        assert taken.fillna("").tolist() == [every[column][n] for n in numbers.tolist()]


@lru_cache(maxsize=1)
def _sample() -> Dataset:
    return load(SAMPLE)

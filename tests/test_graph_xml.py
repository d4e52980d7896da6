"""GraphML and GEXF written from the columns carry the graph networkx's own writers carry, for any text."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from pbgraph import Dataset
from pbgraph._graph_xml import gexf_bytes, graphml_bytes
from pbgraph.export import export_graph_data
from tests.broken import base, load_ok, write_csv


def by_networkx(ds: Dataset, *, contacts: bool) -> nx.MultiDiGraph:
    buffer = io.BytesIO()
    nx.write_graphml(export_graph_data(ds, contacts=contacts), buffer, encoding="utf-8", prettyprint=True)
    return nx.read_graphml(io.BytesIO(buffer.getvalue()), force_multigraph=True)


def gexf_by_networkx(ds: Dataset, *, contacts: bool) -> nx.MultiDiGraph:
    buffer = io.BytesIO()
    nx.write_gexf(export_graph_data(ds, contacts=contacts), buffer, encoding="utf-8", prettyprint=True)
    return nx.read_gexf(io.BytesIO(buffer.getvalue()))


def assert_same(mine: nx.MultiDiGraph, theirs: nx.MultiDiGraph) -> None:
    assert mine.graph == theirs.graph
    # same nodes and edges in the same order, with the same ids and attributes (and attribute types)
    assert list(mine.nodes(data=True)) == list(theirs.nodes(data=True))
    assert list(mine.edges(keys=True, data=True)) == list(theirs.edges(keys=True, data=True))


def assert_same_graph(ds: Dataset, *, contacts: bool) -> None:
    data = graphml_bytes(ds, contacts=contacts)
    ET.fromstring(data)  # well-formed
    assert_same(nx.read_graphml(io.BytesIO(data), force_multigraph=True), by_networkx(ds, contacts=contacts))
    data = gexf_bytes(ds, contacts=contacts, date="2024-05-01")
    ET.fromstring(data)
    assert_same(nx.read_gexf(io.BytesIO(data)), gexf_by_networkx(ds, contacts=contacts))


@pytest.mark.parametrize("contacts", [True, False])
def test_sample(sample: Dataset, contacts: bool) -> None:
    assert_same_graph(sample, contacts=contacts)


def test_text_that_xml_must_escape(tmp_path: Path) -> None:
    tables = base()
    tables["members"].set(2, "name", 'A&B <b>"q"</b> \'s')
    tables["members"].set(3, "id", 'M"2&<')
    for row in tables["liaisons"].rows:
        row[tables["liaisons"].columns.index("source")] = row[
            tables["liaisons"].columns.index("source")
        ].replace("M2", 'M"2&<')
    tables["memberships"].rows = [
        [cell.replace("M2", 'M"2&<') if cell == "M2" else cell for cell in row]
        for row in tables["memberships"].rows
    ]
    tables["liaisons"].set(2, "note", "line one\nline two\tand a tab & more")
    ds = load_ok(write_csv(tmp_path / "ds", tables))
    assert 'M"2&<' in set(ds.members["id"])
    assert_same_graph(ds, contacts=True)

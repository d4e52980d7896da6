"""The analyses in Cypher: one query of `cypher/analyses/` per table, shaped into the embedded backend's
frames; betweenness computed here over the liaison graph a query returns; and `pbgraph neo4j query`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pbgraph._errors import Neo4jError, UnknownIdError
from pbgraph._texts import LANGS, both, say
from pbgraph._texts.neo4j import NEO4J

# every backend orders the connectors and the league table with the embedded backend's functions
from pbgraph.analyses._common import listing
from pbgraph.analyses.connectors import sort_connectors
from pbgraph.analyses.coverage import sort_league
from pbgraph.neo4j.connection import Connection, Row
from pbgraph.neo4j.model import ANALYSIS_TABLES, DEFAULT_MAX_LOAD, OBJECT_DTYPE, TABLE_COLUMNS
from pbgraph.neo4j.pull import require_dataset
from pbgraph.neo4j.queries import load_query, resolve_query

if TYPE_CHECKING:
    from pbgraph.analyses import Result


def analysis_frame(table: str, records: Sequence[Row]) -> pd.DataFrame:
    """An analysis table from the records of its query, with the embedded backend's columns and dtypes."""
    columns = TABLE_COLUMNS[table]
    data = {}
    for column, dtype in columns.items():
        values = [record[column] for record in records]
        if dtype == OBJECT_DTYPE:
            data[column] = pd.Series(values, dtype=object)
        else:
            data[column] = pd.Series(values, dtype=dtype)
    return pd.DataFrame(data, index=pd.RangeIndex(len(records)))


def liaison_betweenness(
    sources: Sequence[str],
    targets: Sequence[str],
    **options: Any,
) -> tuple[dict[str, float], int | None]:
    """Betweenness of the undirected graph of the counting liaisons (source and target ids, in liaisons table
    order), exactly as :func:`pbgraph.analyses.connectors.betweenness` computes it.

    Parameters
    ----------
    options
        `sample_limit`, `sample_size`, `seed` of :func:`pbgraph.analyses.connectors.graph_betweenness`.

    Returns
    -------
    Betweenness by node id, and the number of sampled sources (None when exact).
    """
    from pbgraph.analyses.connectors import graph_betweenness, undirected_graph

    # nodes in order of first appearance, source before target: the embedded graph's node order
    nodes, adjacency = undirected_graph(
        np.asarray(list(sources), dtype=object), np.asarray(list(targets), dtype=object)
    )
    values, sampled = graph_betweenness(adjacency, **options)
    return dict(zip(nodes.tolist(), values.tolist(), strict=True)), sampled


def connectors_frame(
    rows: Sequence[Row], edges: Sequence[Row], **options: Any
) -> tuple[pd.DataFrame, int | None]:
    """The `connectors` table and its betweenness sample size (None: exact) from the rows of
    `analyses/connectors.cypher` and the edges of `analyses/liaison_graph.cypher`: betweenness added, rows
    sorted (see :func:`liaison_betweenness`)."""
    values, sampled = liaison_betweenness(
        [e["source"] for e in edges], [e["target"] for e in edges], **options
    )
    records = [{**row, "betweenness": values.get(row["id"], 0.0)} for row in rows]
    return sort_connectors(analysis_frame("connectors", records)), sampled or None


def committees(conn: Connection, dataset: str) -> list[str]:
    """Ids of the dataset's committee organizations, in table order."""
    return [row["id"] for row in conn.read(load_query("analyses/committees"), {"dataset": dataset})]


def _check_committee(conn: Connection, dataset: str, committee: str | None) -> None:
    if committee is None:
        return
    known = committees(conn, dataset)
    if committee not in known:
        raise UnknownIdError(
            *(
                say(NEO4J, "unknown_committee", lang, committee=committee, known=listing(known, lang))
                for lang in LANGS
            )
        )


def run_analysis(
    conn: Connection,
    name: str,
    dataset: str,
    *,
    committee: str | None = None,
    max_load: int = DEFAULT_MAX_LOAD,
    max_depth: int | None = None,
) -> Result:
    """Run one analysis (a name of `pbgraph.analyses.ANALYSES`) on a dataset held in Neo4j: the same tables,
    columns and rows as :func:`pbgraph.analyses.run` on the dataset itself.

    Every table is one query of `cypher/analyses/`; betweenness (`connectors`) is computed here over the
    liaison graph that `analyses/liaison_graph.cypher` returns.
    """
    from pbgraph.analyses import Result

    if name not in ANALYSIS_TABLES:
        # e.g. the activity analyses (dormant, org_life) until their queries are in cypher/analyses/
        raise Neo4jError(*both(NEO4J, "not_in_cypher", name=name, known=", ".join(ANALYSIS_TABLES)))
    require_dataset(conn, dataset)
    _check_committee(conn, dataset, committee)
    parameters = {"dataset": dataset, "committee": committee, "max_load": max_load, "max_depth": max_depth}
    tables: dict[str, pd.DataFrame] = {}
    sampled: int | None = None
    for table in ANALYSIS_TABLES[name]:
        if table == "connectors":
            tables[table], sampled = _connectors(conn, parameters)
        else:
            tables[table] = analysis_frame(table, conn.read(load_query(f"analyses/{table}"), parameters))
    return Result(name, tables, sampled=sampled)


def _connectors(conn: Connection, parameters: Mapping[str, Any]) -> tuple[pd.DataFrame, int | None]:
    rows = conn.read(load_query("analyses/connectors"), parameters)
    edges = conn.read(load_query("analyses/liaison_graph"), parameters)
    return connectors_frame(rows, edges)


def league_table(conn: Connection, dataset: str, *, max_load: int = DEFAULT_MAX_LOAD) -> pd.DataFrame:
    """Coverage per committee, worst first, from Neo4j (as :func:`pbgraph.analyses.league_table`)."""
    return sort_league(run_analysis(conn, "coverage", dataset, max_load=max_load).main)


def run_query(
    conn: Connection,
    name_or_path: str,
    parameters: Mapping[str, Any] | None = None,
    *,
    write: bool = False,
) -> pd.DataFrame:
    """Run a query of `cypher/` (by name) or a user's Cypher file (a path: see
    :func:`~pbgraph.neo4j.queries.is_query_path`); the last statement's rows.

    Queries of `cypher/` that load or change data run in write transactions, the others in read
    transactions; a user's file runs in read transactions unless `write` (so a stray `DELETE` fails).
    """
    query = resolve_query(name_or_path)
    given = dict(parameters or {})
    unknown = sorted(set(given) - set(query.parameters)) if query.parameters is not None else []
    if unknown:
        raise Neo4jError(
            *both(
                NEO4J,
                "unknown_parameter",
                query=query.name,
                names=", ".join(unknown),
                known=", ".join(query.parameters or ()) or "-",
            )
        )
    if query.shipped:
        write = not query.name.startswith(("analyses/", "pull/", "queries/"))
    keys, records = conn.run(query, given, write=write)
    return pd.DataFrame([[_plain(r[k]) for k in keys] for r in records], columns=keys)


def _plain(value: Any) -> Any:
    """A value the table, CSV and JSON writers can show (temporal and spatial values as text)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)

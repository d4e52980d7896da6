"""The analyses in Cypher: one query of `cypher/analyses/` per table, shaped into the embedded backend's
frames; betweenness computed here over the liaison graph a query returns; and `pbgraph neo4j query`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pbgraph._errors import Neo4jError
from pbgraph._texts import both
from pbgraph._texts.neo4j import NEO4J

# every backend orders the connectors and the league table with the embedded backend's functions
from pbgraph.analyses._common import unknown_committee
from pbgraph.analyses.connectors import sort_connectors
from pbgraph.analyses.coverage import sort_league
from pbgraph.neo4j.connection import Connection, Row
from pbgraph.neo4j.model import (
    ACTIVITY_TABLES,
    ANALYSIS_TABLES,
    DEFAULT_MAX_LOAD,
    DEFAULT_MIN_MEETINGS,
    OBJECT_DTYPE,
    TABLE_COLUMNS,
)
from pbgraph.neo4j.pull import require_dataset, stored_not_recorded
from pbgraph.neo4j.queries import load_query, resolve_query

if TYPE_CHECKING:
    from pbgraph.analyses import Result
    from pbgraph.period import Period


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
        raise unknown_committee(committee, known)


def activity_period(
    conn: Connection,
    dataset: str,
    *,
    since: str | None = None,
    until: str | None = None,
    as_of: str | None = None,
) -> Period | None:
    """The period the activity analyses look at, as :func:`pbgraph.period.activity_period` computes it on the
    dataset as of `as_of`: the options, else the 12 months ending at the latest activity (up to `as_of`).
    None when no activity is recorded (up to `as_of`): the activity tables then have no rows."""
    from pbgraph.period import activity_period_from, parse_date

    span = conn.read(load_query("analyses/activity_span"), {"dataset": dataset, "as_of": as_of})
    if not span or not span[0]["activities"]:
        return None
    return activity_period_from(parse_date(str(span[0]["latest"])), since=since, until=until)


def _iso_as_of(as_of: str | None) -> str | None:
    from pbgraph.period import parse_date

    return None if as_of is None else parse_date(as_of, end=True).isoformat()


def run_analysis(
    conn: Connection,
    name: str,
    dataset: str,
    *,
    committee: str | None = None,
    max_load: int = DEFAULT_MAX_LOAD,
    max_depth: int | None = None,
    since: str | None = None,
    until: str | None = None,
    as_of: str | None = None,
    min_meetings: int = DEFAULT_MIN_MEETINGS,
    min_contacts: int | None = None,
) -> Result:
    """Run one analysis (a name of `pbgraph.analyses.ANALYSES`) on a dataset held in Neo4j: the same tables,
    columns, rows and notes as :func:`pbgraph.analyses.run` on the dataset itself (on
    :func:`pbgraph.period.as_of` of it, with `as_of`).

    Every table is one query of `cypher/analyses/`; betweenness (`connectors`) is computed here over the
    liaison graph that `analyses/liaison_graph.cypher` returns, and the period of the activity analyses from
    the latest activity `analyses/activity_span.cypher` finds. `coverage` of a dataset with activities gains
    the two 有效联系率 columns of `analyses/activity_rates.cypher`; `load` with `min_contacts` the table
    `few_contacts`. The tables the dataset does not record (its dataset node's `not_recorded`) are said as the
    embedded backend says them, by the same rules (:func:`pbgraph.analyses.recorded.as_recorded`): the
    queries count over what is recorded, and the rows a table cannot tell are left out here (coverage's gap
    counts counted again from the gap tables so left).

    Raises
    ------
    Neo4jError
        No such analysis or dataset, or `as_of` with an analysis whose Cypher does not take it (only the
        activity analyses do: run the others without --backend neo4j).
    """
    from pbgraph.analyses import ACTIVITY_ANALYSES, Result
    from pbgraph.analyses.recorded import as_recorded, tables_not_recorded

    if name not in ANALYSIS_TABLES:
        raise Neo4jError(*both(NEO4J, "not_in_cypher", name=name, known=", ".join(ANALYSIS_TABLES)))
    if as_of is not None and name not in ACTIVITY_ANALYSES:
        raise Neo4jError(*both(NEO4J, "as_of_not_in_cypher", name=name))
    require_dataset(conn, dataset)
    _check_committee(conn, dataset, committee)
    day = _iso_as_of(as_of)
    parameters: dict[str, Any] = {
        "dataset": dataset,
        "committee": committee,
        "max_load": max_load,
        "max_depth": max_depth,
        "as_of": day,
        "min_meetings": min_meetings,
        "min_contacts": min_contacts,
    }
    notes: list[str] = []
    period = None
    if name in ACTIVITY_ANALYSES or name == "coverage":
        period = activity_period(conn, dataset, since=since, until=until, as_of=day)
        if period is not None:
            parameters |= {"since": period.since.isoformat(), "until": period.until.isoformat()}
            notes = [f"period:{period.label}"]
        elif name in ACTIVITY_ANALYSES:
            # a log that was kept, only nothing by the --as-of day, is said as the embedded backend says it
            kept = day is not None and activity_period(conn, dataset) is not None
            notes = [f"none_by:{day}" if kept else "no_table:activities"]
    tables: dict[str, pd.DataFrame] = {}
    sampled: int | None = None
    names = [
        *ANALYSIS_TABLES[name],
        *(["few_contacts"] if name == "load" and min_contacts is not None else []),
    ]
    for table in names:
        if table == "connectors":
            tables[table], sampled = _connectors(conn, parameters)
        elif table in ACTIVITY_TABLES and period is None:
            tables[table] = analysis_frame(table, [])
        else:
            tables[table] = analysis_frame(table, conn.read(load_query(f"analyses/{table}"), parameters))
    if name == "coverage" and period is not None:
        tables["coverage"] = _with_effective_rate(tables["coverage"], conn, parameters)
    missing = stored_not_recorded(conn, dataset)
    if name == "coverage" and missing:
        tables["coverage"] = _with_recorded_gaps(tables["coverage"], conn, parameters, missing)
    tables = {table: as_recorded(table, frame, missing) for table, frame in tables.items()}
    return Result(name, tables, notes=notes, sampled=sampled, not_recorded=tables_not_recorded(tables))


def _with_effective_rate(
    coverage: pd.DataFrame, conn: Connection, parameters: Mapping[str, Any]
) -> pd.DataFrame:
    """Coverage with the two 有效联系率 columns of `activity_rates` (the same committee rows, in order)."""
    rates = analysis_frame("activity_rates", conn.read(load_query("analyses/activity_rates"), parameters))
    found = coverage.copy()
    for column in ("effectively_linked_non_party_members", "effective_rate"):
        found[column] = rates[column].to_numpy()
    return found


def _with_recorded_gaps(
    coverage: pd.DataFrame, conn: Connection, parameters: Mapping[str, Any], missing: frozenset[str]
) -> pd.DataFrame:
    """Coverage whose gap counts count the rows of the gap tables of the whole dataset less the gaps it
    cannot tell (`missing` not recorded), as the embedded coverage counts them."""
    from pbgraph.analyses.coverage import GAP_TABLES, gap_count
    from pbgraph.analyses.recorded import NEEDS, as_recorded

    found = coverage.copy()
    keys = found["committee"].tolist()
    whole = {**parameters, "committee": None}
    for column, table in GAP_TABLES.items():
        if missing.isdisjoint(NEEDS[table]):
            continue  # every gap of the table can be told: the query's count stands
        rows = analysis_frame(table, conn.read(load_query(f"analyses/{table}"), whole))
        found[column] = gap_count(as_recorded(table, rows, missing), keys)
    return found


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

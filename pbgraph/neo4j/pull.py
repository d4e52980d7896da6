"""Pull: a dataset rebuilt from what the `cypher/pull/` queries return, with the same tables, columns and row
order as the dataset pushed; and what it could not give back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from pbgraph._errors import Neo4jError
from pbgraph._texts import both, say
from pbgraph._texts.neo4j import NEO4J
from pbgraph.model import TABLES
from pbgraph.neo4j.connection import Connection, Row
from pbgraph.neo4j.model import DATASET_RECORDS, ENDPOINT_COLUMNS, EXTRA_PROPERTIES, stored_tables
from pbgraph.neo4j.queries import load_query

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset


def dataset_exists(conn: Connection, dataset: str) -> bool:
    return bool(conn.read(load_query("pull/exists"), {"dataset": dataset})[0]["found"])


def _ordered(table: str, records: Sequence[Row], dataset: str) -> list[Row]:
    """Records sorted by `seq`, checked to be exactly one per row position."""
    ordered = sorted(records, key=lambda r: r["properties"].get("seq", -1))
    seqs = [r["properties"].get("seq") for r in ordered]
    if seqs != list(range(len(ordered))):
        seen = {s for s in seqs if isinstance(s, int) and 0 <= s < len(ordered)}
        details = f"{table}: {len(ordered)} rows, {len(ordered) - len(seen)} out of sequence"
        raise Neo4jError(*both(NEO4J, "stale", dataset=dataset, details=details))
    return ordered


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def dataset_from_records(records: Mapping[str, Sequence[Row]], *, name: str) -> Dataset:
    """Rebuild a dataset from the rows of each input table as the `cypher/pull/` queries return them (node
    tables: `{id, properties}`; relationship tables: `{source, target, properties}`), and from the dataset
    node's (`records[DATASET_RECORDS]`: `{properties}`, its `not_recorded`; none: every table recorded).

    Raises
    ------
    Neo4jError
        The rows' `seq` are not 0 … n-1 (rows left over from an older push of the dataset).
    """
    from pbgraph.dataset import Dataset

    frames: dict[str, pd.DataFrame] = {}
    for table, spec in TABLES.items():
        # a table the graph model does not store comes back empty (push and pull say so)
        rows = _ordered(table, records.get(table, []), name)
        columns: dict[str, Any] = {}
        for column in spec.column_names:
            if table in ENDPOINT_COLUMNS and column in ENDPOINT_COLUMNS[table]:
                key = "source" if column == ENDPOINT_COLUMNS[table][0] else "target"
                values = [_text(r[key]) for r in rows]
            elif column == "id":
                values = [_text(r["id"]) for r in rows]
            else:
                values = [r["properties"].get(column) for r in rows]
            if column == "party_group":
                columns[column] = pd.Series([bool(v) for v in values], dtype=bool)
            else:
                columns[column] = pd.Series([_text(v) for v in values], dtype="str")
        frames[table] = pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))
    return Dataset(**frames, name=name, not_recorded=_not_recorded(records))  # type: ignore[arg-type]


def _not_recorded(records: Mapping[str, Sequence[Row]]) -> frozenset[str]:
    """The tables not recorded that the dataset node of `records` holds (none without a dataset node: a
    dataset pushed by an older pbgraph)."""
    return frozenset(
        str(key)
        for row in records.get(DATASET_RECORDS, [])
        for key in row["properties"].get("not_recorded") or []
    )


def stored_not_recorded(conn: Connection, dataset: str) -> frozenset[str]:
    """The tables the source of a dataset held in Neo4j did not give (`Dataset.not_recorded`)."""
    return _not_recorded({DATASET_RECORDS: conn.read(load_query("pull/dataset"), {"dataset": dataset})})


def require_dataset(conn: Connection, dataset: str) -> None:
    if not dataset_exists(conn, dataset):
        raise Neo4jError(*both(NEO4J, "no_dataset", dataset=dataset))


def pull(conn: Connection, dataset: str) -> Dataset:
    """Read a dataset back from Neo4j: the same tables, columns and row order as the dataset pushed.

    Raises
    ------
    Neo4jError
        No such dataset, or it holds rows left over from an older push.
    """
    return pull_with_notes(conn, dataset)[0]


def pull_with_notes(conn: Connection, dataset: str, *, lang: str = "zh") -> tuple[Dataset, list[str]]:
    """:func:`pull`, and one line (zh / en) per thing it could not give back: a table of the model the graph
    model does not store, a property Neo4j holds that is no column of the model (see :func:`left_out`)."""
    require_dataset(conn, dataset)
    records = {
        table: conn.read(load_query(f"pull/{table}"), {"dataset": dataset})
        for table in (*stored_tables(), DATASET_RECORDS)
    }
    return dataset_from_records(records, name=dataset), left_out(records, lang=lang)


def left_out(records: Mapping[str, Sequence[Row]], *, lang: str = "zh") -> list[str]:
    """What a pull of `records` (as :func:`dataset_from_records` takes them) leaves out, one line each: every
    table of the model with no records key (the graph model does not store it), and per table the properties
    that are neither a column of the model nor one of :data:`EXTRA_PROPERTIES` (set in Neo4j by hand, or by
    a newer pbgraph).

    Examples
    --------
    >>> left_out({"members": [{"id": "M1", "properties": {"name": "甲", "gender": "女"}}]})[-1]
    'members: 属性 gender 未读回'
    """
    notes = [say(NEO4J, "table_left_out", lang, table=table) for table in TABLES if table not in records]
    for table, rows in records.items():
        columns = TABLES[table].column_names if table in TABLES else ()
        known = {*columns, *EXTRA_PROPERTIES, "id"} if table in TABLES or table == DATASET_RECORDS else set()
        extra = sorted({key for row in rows for key in row.get("properties", {})} - known)
        if extra:
            notes.append(say(NEO4J, "properties_left_out", lang, table=table, names=", ".join(extra)))
    return notes

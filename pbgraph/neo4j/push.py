"""Push: the rows a push sends (pure functions, tested without a server), and the push itself: schema,
optional delete, batched `UNWIND … MERGE` writes, and the check of what Neo4j holds afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pbgraph._errors import InvalidOptionError, Neo4jError
from pbgraph._texts import both, say
from pbgraph._texts.neo4j import NEO4J
from pbgraph.model import MULTI_VALUE_SEPARATOR, NODE_TABLES, TABLES
from pbgraph.neo4j.connection import INDEX_WAIT_SECONDS, Connection, Row
from pbgraph.neo4j.model import (
    ACTIVITY,
    DATASET_RECORDS,
    DEFAULT_BATCH_SIZE,
    HELD_BY,
    IN_TOWNSHIP,
    LABELS,
    LIAISES_WITH,
    MEMBER_OF,
    NODE_LABELS,
    REACHES,
    REFERENCES,
    RELATIONSHIP_TYPES,
    ROW_RELATIONSHIPS,
    TOOK_PART,
    node_label,
    stored_tables,
)
from pbgraph.neo4j.queries import CypherQuery, load_query

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset


@dataclass(frozen=True)
class PushRows:
    """Every row a push sends.

    Attributes
    ----------
    nodes
        Node table -> one row per table row: `{id, properties: {other columns, seq}}`; `activities` (no ids):
        `{properties: {columns, seq, day, participants}}`, keyed by `seq`.
    relationships
        (type, start label, end label) -> `{source, target, properties}`; `properties` holds the row's other
        columns and `seq` for `LIAISES_WITH` and `MEMBER_OF` (one per table row), nothing for the others. An
        end that is an activity is its `seq`.
    dataset
        The dataset node: `{properties: {not_recorded}}`, the tables the source did not give
        (`Dataset.not_recorded`) in table order; no property when it gave every table.
    """

    nodes: dict[str, list[Row]]
    relationships: dict[tuple[str, str, str], list[Row]]
    dataset: Row = field(default_factory=lambda: {"properties": {}})

    def counts(self) -> dict[str, int]:
        """Rows per label and per relationship type (what Neo4j holds for the dataset after the push)."""
        found = {node_label(key): len(rows) for key, rows in self.node_rows().items()}
        for rel_type in RELATIONSHIP_TYPES:
            found[rel_type] = sum(len(rows) for key, rows in self.relationships.items() if key[0] == rel_type)
        return found

    def node_rows(self) -> dict[str, list[Row]]:
        """The rows of every node: per node table, then the dataset node's (:data:`DATASET_RECORDS`)."""
        return {**self.nodes, DATASET_RECORDS: [self.dataset]}

    def table_records(self) -> dict[str, list[Row]]:
        """The rows per input table, and the dataset node's (:data:`DATASET_RECORDS`), shaped as the
        `cypher/pull/` queries return them."""
        records: dict[str, list[Row]] = self.node_rows()
        for table, rel_type in ROW_RELATIONSHIPS.items():
            found = [rows for key, rows in self.relationships.items() if key[0] == rel_type]
            records[table] = [row for rows in found for row in rows]
        return records


def _plain_column(frame: pd.DataFrame, column: str) -> list[Any]:
    # Python values (str, bool) rather than numpy ones: what the driver sends as Cypher strings and booleans
    return (
        frame[column].to_numpy(dtype=object).tolist()
        if column != "party_group"
        else [bool(v) for v in frame[column].to_numpy(dtype=bool)]
    )


def push_rows(ds: Dataset) -> PushRows:
    """The rows that a push of `ds` sends, by table and by relationship type and endpoint labels.

    Examples
    --------
    >>> from pbgraph import load
    >>> rows = push_rows(load("tests/fixtures/reach"))
    >>> rows.nodes["members"][0]["properties"]["seq"], rows.counts()["LIAISES_WITH"]
    (0, 11)
    """
    from pbgraph.graph import counting_liaisons, index_of

    nodes: dict[str, list[Row]] = {}
    for table in NODE_TABLES:
        frame = getattr(ds, table)
        columns = [c for c in TABLES[table].column_names if c != "id"]
        values = {c: _plain_column(frame, c) for c in columns}
        rows = []
        for seq, node_id in enumerate(frame["id"].tolist()):
            properties: Row = {c: values[c][seq] for c in columns}
            properties["seq"] = seq
            if table == "members":
                properties["committees"] = properties["committee"].split(MULTI_VALUE_SEPARATOR)
            rows.append({"id": node_id, "properties": properties})
        nodes[table] = rows

    relationships: dict[tuple[str, str, str], list[Row]] = {}
    member_label, organization_label = NODE_LABELS["members"], NODE_LABELS["organizations"]
    memberships = ds.memberships[["member", "organization", "role"]].itertuples(index=False)
    relationships[(MEMBER_OF, member_label, organization_label)] = [
        {"source": m, "target": o, "properties": {"role": role, "seq": seq}}
        for seq, (m, o, role) in enumerate(memberships)
    ]
    # a liaison's target may be of any node table: one load query per target label
    index = index_of(ds)
    target_tables = [NODE_TABLES[k] for k in index.kind[np.maximum(index.liaison_target, 0)]]
    counting = counting_liaisons(ds)
    for table in NODE_TABLES:
        relationships[(LIAISES_WITH, member_label, NODE_LABELS[table])] = []
    liaisons = ds.liaisons[["source", "target", "kind", "since", "note"]]
    for seq, (source, target, kind, since, note) in enumerate(liaisons.itertuples(index=False)):
        properties = {"kind": kind, "counts": bool(counting[seq]), "since": since, "note": note, "seq": seq}
        key = (LIAISES_WITH, member_label, NODE_LABELS[target_tables[seq]])
        relationships[key].append({"source": source, "target": target, "properties": properties})
    for table, column, rel_type, target_table in REFERENCES:
        frame = getattr(ds, table)
        key = (rel_type, NODE_LABELS[table], NODE_LABELS[target_table])
        relationships[key] = [
            {"source": node_id, "target": target}
            for node_id, target in zip(frame["id"].tolist(), frame[column].tolist(), strict=True)
            if target
        ]
    nodes["activities"] = _activity_nodes(ds)
    relationships.update(_activity_relationships(ds))
    relationships.update(reaches_rows(ds))
    return PushRows(nodes, relationships, dataset_node(ds))


def dataset_node(ds: Dataset) -> Row:
    """The row of the dataset node (see :class:`PushRows`).

    Examples
    --------
    >>> from pbgraph import load
    >>> dataset_node(load("data/sample"))
    {'properties': {}}
    """
    from pbgraph._notes import in_table_order

    return {"properties": {"not_recorded": in_table_order(ds.not_recorded)} if ds.not_recorded else {}}


def _activity_nodes(ds: Dataset) -> list[Row]:
    from pbgraph.model import TABLES as MODEL_TABLES
    from pbgraph.period import day_numbers

    frame = ds.activities
    columns = MODEL_TABLES["activities"].column_names
    values = {c: _plain_column(frame, c) for c in columns}
    days = day_numbers(frame["date"])
    day_text = np.where(np.isnat(days), "", days.astype(str)).tolist()
    rows = []
    for seq in range(len(frame)):
        properties: Row = {c: values[c][seq] for c in columns}
        properties["seq"] = seq
        properties["day"] = day_text[seq]
        properties["participants"] = _participants(properties["members"])
        rows.append({"properties": properties})
    return rows


def _participants(cell: str) -> list[str]:
    """The member ids of an activity's `members` cell, each once, in the order written."""
    return list(dict.fromkeys(p.strip() for p in cell.split(MULTI_VALUE_SEPARATOR) if p.strip()))


def _activity_relationships(ds: Dataset) -> dict[tuple[str, str, str], list[Row]]:
    member_label, organization_label = NODE_LABELS["members"], NODE_LABELS["organizations"]
    took_part: list[Row] = []
    held_by: list[Row] = []
    activities = ds.activities[["members", "organization"]].itertuples(index=False)
    for seq, (members, organization) in enumerate(activities):
        took_part += [{"source": member, "target": seq} for member in _participants(members)]
        if organization:
            held_by.append({"source": seq, "target": organization})
    return {
        (TOOK_PART, member_label, ACTIVITY): took_part,
        (HELD_BY, ACTIVITY, organization_label): held_by,
    }


def reaches_rows(ds: Dataset) -> dict[tuple[str, str, str], list[Row]]:
    """The `REACHES` relationships of a dataset: one hop of `reach` (DESIGN 4) each, in the direction it is
    walked, so that the reach queries follow one relationship type forwards with no predicate: member → what
    a counting liaison of theirs targets (one per pair), sector → each of its members, sector group → each of
    its sectors; and party group → each of its members (the party-group members of its committee and anyone
    with a membership in it), so that a party group's reach is one search from the party group.

    Examples
    --------
    >>> from pbgraph import load
    >>> rows = reaches_rows(load("tests/fixtures/liaisons"))
    >>> sorted(row["target"] for row in rows[("REACHES", "Organization", "Member")])
    ['M1', 'M5']
    """
    from pbgraph.graph import counting_liaisons, index_of
    from pbgraph.model import OrgKind

    ix = index_of(ds)
    member_label, sector_label, organization_label = (
        NODE_LABELS["members"],
        NODE_LABELS["sectors"],
        NODE_LABELS["organizations"],
    )
    found: dict[tuple[str, str, str], list[Row]] = {
        (REACHES, member_label, NODE_LABELS[table]): [] for table in NODE_TABLES
    }
    target_tables = [NODE_TABLES[k] for k in ix.kind[np.maximum(ix.liaison_target, 0)]]
    counting = counting_liaisons(ds)
    seen: set[tuple[str, str]] = set()
    pairs = ds.liaisons[["source", "target"]].itertuples(index=False)
    for seq, (source, target) in enumerate(pairs):
        if counting[seq] and (source, target) not in seen:
            seen.add((source, target))
            key = (REACHES, member_label, NODE_LABELS[target_tables[seq]])
            found[key].append({"source": source, "target": target})
    members = ds.members
    found[(REACHES, sector_label, member_label)] = [
        {"source": sector, "target": member}
        for member, sector in zip(members["id"].tolist(), members["sector"].tolist(), strict=True)
        if sector
    ]
    found[(REACHES, organization_label, sector_label)] = [
        {"source": group, "target": sector}
        for sector, group in zip(ds.sectors["id"].tolist(), ds.sectors["group"].tolist(), strict=True)
        if group
    ]
    # a party group's members: a membership in it, or a party-group member of its committee
    orgs = ds.organizations
    groups = orgs[orgs["kind"] == OrgKind.PARTY_GROUP.value]
    flagged = ix.in_party_group[: len(members)]
    member_ids = members["id"].to_numpy(dtype=object)
    by_committee: dict[str, list[str]] = {}
    pairs_frame = ds.member_committees
    for member, committee in zip(
        pairs_frame["member"].tolist(), pairs_frame["committee"].tolist(), strict=True
    ):
        if flagged[member]:
            by_committee.setdefault(committee, []).append(member_ids[member])
    explicit: dict[str, list[str]] = {}
    for member, organization in ds.memberships[["member", "organization"]].itertuples(index=False):
        explicit.setdefault(organization, []).append(member)
    seeds: list[Row] = []
    for group, committee in zip(groups["id"].tolist(), groups["committee"].tolist(), strict=True):
        chosen = dict.fromkeys([*explicit.get(group, []), *by_committee.get(committee, [])])
        seeds += [{"source": group, "target": member} for member in chosen]
    found[(REACHES, organization_label, member_label)] = seeds
    return found


def batches(rows: Sequence[Row], size: int) -> Iterator[Sequence[Row]]:
    """Consecutive slices of at most `size` rows.

    Examples
    --------
    >>> [len(b) for b in batches(list(range(7)), 3)]
    [3, 3, 1]
    """
    if size < 1:
        raise InvalidOptionError("batch size must be at least 1")
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


@dataclass(frozen=True)
class LoadStep:
    """One write of a push: a load query and one batch of its rows."""

    query: CypherQuery
    rows: Sequence[Row]


def load_query_name(key: str | tuple[str, str, str]) -> str:
    """The `cypher/load/` query that loads a node table (`members`), the dataset node
    (:data:`DATASET_RECORDS`) or a relationship key."""
    if isinstance(key, str):
        return f"load/nodes/{node_label(key).lower()}"
    rel_type, start, end = key
    if rel_type == LIAISES_WITH:
        return f"load/relationships/liaises_with_{end.lower()}"
    if rel_type == REACHES:
        return f"load/relationships/reaches_{start.lower()}_{end.lower()}"
    if rel_type == IN_TOWNSHIP:
        return f"load/relationships/in_township_{start.lower()}"
    return f"load/relationships/{rel_type.lower()}"


def load_plan(rows: PushRows, *, batch_size: int = DEFAULT_BATCH_SIZE) -> list[LoadStep]:
    """Every write of a push in order: the nodes of every table and the dataset node, then the
    relationships, in batches."""
    keyed: list[tuple[str | tuple[str, str, str], list[Row]]] = [
        *rows.node_rows().items(),
        *rows.relationships.items(),
    ]
    plan: list[LoadStep] = []
    for key, found in keyed:
        query = load_query(load_query_name(key))
        plan.extend(LoadStep(query, batch) for batch in batches(found, batch_size))
    return plan


def apply_schema(conn: Connection) -> int:
    """Create the constraints and indexes of `cypher/schema.cypher` where missing; returns how many
    statements ran."""
    schema = load_query("schema")
    # one transaction per statement: schema changes cannot share a transaction
    for statement in schema.statements:
        conn.write(CypherQuery(schema.name, statement, ()))
    # a new index is populated in the background: the first batch must find it online
    conn.write(load_query("load/await_indexes"), {"timeout": INDEX_WAIT_SECONDS})
    return len(schema.statements)


def stored_counts(conn: Connection, dataset: str) -> dict[str, int]:
    """Nodes per label and relationships per type that Neo4j holds for a dataset."""
    rows = conn.read(load_query("load/counts"), {"dataset": dataset})
    return {key: int(value) for key, value in rows[0].items()}


def dataset_exists(conn: Connection, dataset: str) -> bool:
    return bool(conn.read(load_query("pull/exists"), {"dataset": dataset})[0]["found"])


def delete_dataset(conn: Connection, dataset: str, *, batch_size: int = DEFAULT_BATCH_SIZE) -> int:
    """Delete every node of a dataset (its dataset node last) with its relationships, in batches; returns the
    number of nodes."""
    deleted = 0
    for label in LABELS:
        query = load_query(f"load/delete/{label.lower()}")
        while True:
            done = int(conn.write(query, {"dataset": dataset, "batch_size": batch_size})[0]["deleted"])
            deleted += done
            if done == 0:
                break
    return deleted


@dataclass(frozen=True)
class PushSummary:
    """What a push did: rows sent and what Neo4j holds afterwards, per label and relationship type."""

    dataset: str
    pushed: dict[str, int]
    stored: dict[str, int]
    deleted: int = 0
    left_out: list[str] = field(default_factory=list)
    """Tables of the model the graph model does not store yet (see :func:`left_out_tables`)."""

    @property
    def stale(self) -> dict[str, int]:
        """Per label or type, how many more Neo4j holds than were pushed (left over from an older version)."""
        return {
            key: self.stored.get(key, 0) - count
            for key, count in self.pushed.items()
            if self.stored.get(key, 0) > count
        }

    def left_out_messages(self, lang: str = "zh") -> list[str]:
        """One line per table of the dataset the push did not store."""
        return [say(NEO4J, "table_left_out", lang, table=table) for table in self.left_out]

    def stale_message(self, lang: str = "zh") -> str | None:
        """A one-line warning with the fix, when there are leftovers."""
        if not self.stale:
            return None
        details = ", ".join(f"{key} +{count}" for key, count in self.stale.items())
        return say(NEO4J, "stale", lang, dataset=self.dataset, details=details)


def push(
    conn: Connection,
    ds: Dataset,
    *,
    dataset: str | None = None,
    replace: bool = False,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[int, int], None] | None = None,
) -> PushSummary:
    """Load a (validated) dataset into Neo4j, idempotently.

    Parameters
    ----------
    dataset
        Name that scopes every node and relationship (default: the dataset's own name, its folder's).
    replace
        Delete what Neo4j holds under that name first (needed when rows were removed or changed).
    batch_size
        Rows per `UNWIND … MERGE` transaction.
    progress
        Called after each batch with the number of rows it wrote and the number of rows of the whole push.

    Pushing the same dataset again changes nothing: every row is merged on its key.
    """
    name = dataset or ds.name
    if not name:
        raise Neo4jError(*both(NEO4J, "no_name"))
    rows = push_rows(ds)
    plan = load_plan(rows, batch_size=batch_size)
    apply_schema(conn)
    deleted = delete_dataset(conn, name, batch_size=batch_size) if replace else 0
    total = sum(len(step.rows) for step in plan)
    for step in plan:
        conn.write(step.query, {"dataset": name, "rows": list(step.rows)})
        if progress is not None:
            progress(len(step.rows), total)
    return PushSummary(name, rows.counts(), stored_counts(conn, name), deleted, left_out_tables(ds))


def left_out_tables(ds: Dataset | None = None) -> list[str]:
    """Tables of the model (`pbgraph.model.TABLES`) that push does not store and pull cannot give back; with a
    dataset, only those of them that hold rows (an empty one loses nothing)."""
    missing = [table for table in TABLES if table not in stored_tables()]
    return [t for t in missing if ds is None or len(getattr(ds, t, ())) > 0]

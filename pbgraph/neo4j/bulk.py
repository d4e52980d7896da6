"""Bulk import: the node and relationship CSV files of `neo4j-admin database import full`, for a dataset too
large for `UNWIND … MERGE` batches (a national system), and the exact command that imports them.

The files hold the graph model of a push (:func:`~pbgraph.neo4j.push.push_rows` builds both): one node file
per label, one relationship file per relationship type and pair of labels, with the importer's header
(`id:ID(Member)`, `:LABEL`, `:START_ID(Member)`, `:END_ID(Township)`, `:TYPE`, typed properties such as
`seq:int`, `party_group:boolean`, `committees:string[]`). Every field is quoted, so an empty cell is the
empty string (as a push stores it), not a missing property; notes may span lines (`--multiline-fields`).
"""

from __future__ import annotations

import csv
import os
import shlex
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pbgraph._errors import Neo4jError
from pbgraph._texts import both
from pbgraph._texts.neo4j import NEO4J
from pbgraph.model import MULTI_VALUE_SEPARATOR
from pbgraph.neo4j.connection import Row
from pbgraph.neo4j.model import DATASET_RECORDS, ROW_NODES, TABLE_LABELS, node_label
from pbgraph.neo4j.push import PushRows, load_query_name, push_rows

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset

PROPERTY_TYPES: dict[str, str] = {
    "seq": "int",
    "party_group": "boolean",
    "counts": "boolean",
    "committees": "string[]",
    "participants": "string[]",
    "not_recorded": "string[]",
}
"""The importer's type of every property that is not a string."""
ARRAY_DELIMITER = MULTI_VALUE_SEPARATOR
"""The importer's default array delimiter (`;`) is the model's separator of several values in one cell."""
IMPORT_OPTIONS: tuple[str, ...] = (
    "--overwrite-destination",
    "--multiline-fields=true",
    "--array-delimiter=;",
)
"""Options of the printed command: a new database; notes with line breaks; arrays split on `;`."""
DEFAULT_DATABASE = "neo4j"


@dataclass(frozen=True)
class BulkFile:
    """One CSV file of the import: its file name, whether it holds nodes or relationships, its header and its
    rows (one list of values per node or relationship, in header order)."""

    name: str
    kind: str
    header: tuple[str, ...]
    rows: list[list[Any]]


def _header(name: str) -> str:
    kind = PROPERTY_TYPES.get(name)
    return f"{name}:{kind}" if kind else name


def _columns(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The property keys of rows, in first-seen order (every row of a file has the same keys)."""
    keys: dict[str, None] = {}
    for row in rows:
        keys.update(dict.fromkeys(row.get("properties", {})))
    return list(keys)


def _id_column(table: str, label: str) -> str:
    """The id column of a node file: `id` is a property of the nodes of a table with ids only."""
    return f"id:ID({label})" if table in TABLE_LABELS and table not in ROW_NODES else f":ID({label})"


def _node_key(table: str, row: Row, dataset: str) -> Any:
    """A node's id in the import's id space of its label: its `id`; for a table without ids its row position
    (not stored as a property: `seq` is); for the dataset node the dataset's name (its `dataset`)."""
    if table == DATASET_RECORDS:
        return dataset
    return row["properties"]["seq"] if table in ROW_NODES else row["id"]


def bulk_files(ds: Dataset | PushRows, *, dataset: str) -> list[BulkFile]:
    """The files of a bulk import of `ds` under the name `dataset`: node files first (every label, also an
    empty one; the dataset node's last), then a relationship file for every (type, start label, end label)
    that has rows.

    Examples
    --------
    >>> from pbgraph import load
    >>> files = bulk_files(load("tests/fixtures/reach"), dataset="reach")
    >>> files[0].name, files[0].header[:3], files[0].rows[0][:3]
    ('nodes_member.csv', ('id:ID(Member)', ':LABEL', 'dataset'), ['A1', 'Member', 'reach'])
    """
    rows = ds if isinstance(ds, PushRows) else push_rows(ds)
    files: list[BulkFile] = []
    for table, found in rows.node_rows().items():
        label = node_label(table)
        columns = _columns(found)
        header = (_id_column(table, label), ":LABEL", "dataset", *map(_header, columns))
        keys = [_node_key(table, row, dataset) for row in found]
        body = [
            [key, label, dataset, *(row["properties"][c] for c in columns)]
            for key, row in zip(keys, found, strict=True)
        ]
        files.append(BulkFile(f"nodes_{label.lower()}.csv", "nodes", header, body))
    for (rel_type, start, end), found in rows.relationships.items():
        if not found:
            continue
        columns = _columns(found)
        header = (f":START_ID({start})", f":END_ID({end})", ":TYPE", "dataset", *map(_header, columns))
        body = [
            [
                row["source"],
                row["target"],
                rel_type,
                dataset,
                *(row.get("properties", {})[c] for c in columns),
            ]
            for row in found
        ]
        name = load_query_name((rel_type, start, end)).rsplit("/", 1)[-1]
        files.append(BulkFile(f"relationships_{name}.csv", "relationships", header, body))
    return files


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(map(str, value))
    return "" if value is None else str(value)


def _lines(file: BulkFile) -> Iterator[list[str]]:
    yield list(file.header)
    for row in file.rows:
        yield [_cell(v) for v in row]


def import_command(folder: str | os.PathLike[str], files: Sequence[BulkFile], *, database: str) -> str:
    """The `neo4j-admin database import full` command that imports `files` written to `folder`."""
    where = Path(folder).resolve()
    parts = ["neo4j-admin", "database", "import", "full", database, *IMPORT_OPTIONS]
    parts += [f"--{file.kind}={where / file.name}" for file in files]
    return shlex.join(parts)


@dataclass(frozen=True)
class BulkSummary:
    """What :func:`write_bulk` wrote: the folder, its files and the command that imports them."""

    folder: Path
    files: list[BulkFile]
    command: str


def write_bulk(
    ds: Dataset,
    folder: str | os.PathLike[str],
    *,
    dataset: str | None = None,
    database: str = DEFAULT_DATABASE,
    force: bool = False,
) -> BulkSummary:
    """Write the bulk import files of `ds` into `folder`, as every folder output is written (beside it, then
    renamed into place, so a failure leaves the old folder or none).

    Raises
    ------
    Neo4jError
        The dataset has no name.
    pbgraph._errors.OutputError
        `folder` is a file, or a non-empty folder and `force` is not given, or it would replace an input.
    """
    from pbgraph._write import atomic_folder

    name = dataset or ds.name
    if not name:
        raise Neo4jError(*both(NEO4J, "no_name"))
    target = Path(folder)
    with atomic_folder(target, force=force) as output:
        files = bulk_files(ds, dataset=name)
        for file in files:
            with output.open(file.name) as handle:
                csv.writer(handle, quoting=csv.QUOTE_ALL).writerows(_lines(file))
    return BulkSummary(target, files, import_command(target, files, database=database))

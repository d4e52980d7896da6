"""Neo4j as the shared, multi-user store (DESIGN 6): push a dataset into Neo4j, pull it back into the same
:class:`~pbgraph.Dataset`, and run every analysis as the parameterized Cypher of `cypher/`.

The graph model is documented in `cypher/README.md`. In short: one node per row of the node tables (labels
`Member`, `Sector`, `Township`, `Organization`, `Contact`) and of `activities` (`Activity`, keyed by its row
position), every column a property, plus `dataset` (the dataset's name, part of the uniqueness key) and `seq`
(the row's position); `LIAISES_WITH` and `MEMBER_OF` relationships for the rows of `liaisons` and
`memberships`; `IN_SECTOR`, `IN_TOWNSHIP`, `IN_GROUP`, `PARENT`, `TOOK_PART`, `HELD_BY` for the reference
columns; `REACHES`, the hops of `reach` in the direction they are walked (derived at push time); and one
`Dataset` node per dataset, holding the tables its source did not give (`not_recorded`, DESIGN 3).

One module per concern:

- :mod:`~pbgraph.neo4j.model`: labels, relationship types, the analysis tables and their columns;
- :mod:`~pbgraph.neo4j.queries`: the shipped `.cypher` files (package data), users' files, parameters;
- :mod:`~pbgraph.neo4j.connection`: settings, the server check, transactions, errors in one line;
- :mod:`~pbgraph.neo4j.push` and :mod:`~pbgraph.neo4j.pull`: the rows sent, the dataset rebuilt;
- :mod:`~pbgraph.neo4j.bulk`: the CSV files of `neo4j-admin database import full`;
- :mod:`~pbgraph.neo4j.analyses`: the analyses in Cypher, and running any query.

Everything that does not need a server is a pure function, tested without one: the rows a push sends
(:func:`push_rows`, :func:`load_plan`, :func:`batches`), the dataset a pull rebuilds from what it reads
(:func:`dataset_from_records`), the bulk import files (:func:`bulk_files`), the schema the Cypher linter
checks against (:func:`lint_schema`), the betweenness computed over the liaison graph a query returns
(:func:`liaison_betweenness`). The functions that talk to a server take a :class:`Connection` (see
:func:`connect`).
"""

from __future__ import annotations

from pbgraph.neo4j.analyses import (
    analysis_frame,
    committees,
    connectors_frame,
    league_table,
    liaison_betweenness,
    run_analysis,
    run_query,
    sort_connectors,
    sort_league,
)
from pbgraph.neo4j.bulk import BulkFile, BulkSummary, bulk_files, import_command, write_bulk
from pbgraph.neo4j.connection import (
    CONNECTION_TIMEOUT,
    DEFAULT_URI,
    DEFAULT_USERNAME,
    ENV_DATABASE,
    ENV_PASSWORD,
    ENV_URI,
    ENV_USERNAME,
    MINIMUM_SERVER,
    SCHEMES,
    Connection,
    Row,
    Settings,
    connect,
    server_version,
    shown_uri,
)
from pbgraph.neo4j.model import (
    ANALYSIS_TABLES,
    DATASET,
    DATASET_RECORDS,
    DEFAULT_BATCH_SIZE,
    DEFAULT_MAX_LOAD,
    DEFAULT_PARAMETERS,
    ENDPOINT_COLUMNS,
    EXTRA_PROPERTIES,
    HELD_BY,
    IN_GROUP,
    IN_SECTOR,
    IN_TOWNSHIP,
    LABELS,
    LIAISES_WITH,
    MEMBER_OF,
    NODE_LABELS,
    PARENT,
    REACHES,
    REFERENCES,
    RELATIONSHIP_TYPES,
    ROW_NODES,
    ROW_RELATIONSHIPS,
    TABLE_COLUMNS,
    TABLE_LABELS,
    TOOK_PART,
    node_label,
    stored_tables,
)
from pbgraph.neo4j.pull import (
    dataset_exists,
    dataset_from_records,
    left_out,
    pull,
    pull_with_notes,
    stored_not_recorded,
)
from pbgraph.neo4j.push import (
    LoadStep,
    PushRows,
    PushSummary,
    apply_schema,
    batches,
    dataset_node,
    delete_dataset,
    left_out_tables,
    load_plan,
    load_query_name,
    push,
    push_rows,
    reaches_rows,
    stored_counts,
)
from pbgraph.neo4j.queries import (
    CYPHER_SUFFIX,
    CypherQuery,
    cypher_root,
    declared_parameters,
    is_query_path,
    is_text_parameter,
    lint_schema,
    load_query,
    parse_parameter,
    property_keys,
    query_from_file,
    query_names,
    query_parameters,
    resolve_query,
    split_statements,
)

__all__ = [
    "ANALYSIS_TABLES",
    "CONNECTION_TIMEOUT",
    "CYPHER_SUFFIX",
    "DATASET",
    "DATASET_RECORDS",
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_MAX_LOAD",
    "DEFAULT_PARAMETERS",
    "DEFAULT_URI",
    "DEFAULT_USERNAME",
    "ENDPOINT_COLUMNS",
    "ENV_DATABASE",
    "ENV_PASSWORD",
    "ENV_URI",
    "ENV_USERNAME",
    "EXTRA_PROPERTIES",
    "HELD_BY",
    "IN_GROUP",
    "IN_SECTOR",
    "IN_TOWNSHIP",
    "LABELS",
    "LIAISES_WITH",
    "MEMBER_OF",
    "MINIMUM_SERVER",
    "NODE_LABELS",
    "PARENT",
    "REACHES",
    "REFERENCES",
    "RELATIONSHIP_TYPES",
    "ROW_NODES",
    "ROW_RELATIONSHIPS",
    "SCHEMES",
    "TABLE_COLUMNS",
    "TABLE_LABELS",
    "TOOK_PART",
    "BulkFile",
    "BulkSummary",
    "Connection",
    "CypherQuery",
    "LoadStep",
    "PushRows",
    "PushSummary",
    "Row",
    "Settings",
    "analysis_frame",
    "apply_schema",
    "batches",
    "bulk_files",
    "committees",
    "connect",
    "connectors_frame",
    "cypher_root",
    "dataset_exists",
    "dataset_from_records",
    "dataset_node",
    "declared_parameters",
    "delete_dataset",
    "import_command",
    "is_query_path",
    "is_text_parameter",
    "league_table",
    "left_out",
    "left_out_tables",
    "liaison_betweenness",
    "lint_schema",
    "load_plan",
    "load_query",
    "load_query_name",
    "node_label",
    "parse_parameter",
    "property_keys",
    "pull",
    "pull_with_notes",
    "push",
    "push_rows",
    "query_from_file",
    "query_names",
    "query_parameters",
    "reaches_rows",
    "resolve_query",
    "run_analysis",
    "run_query",
    "server_version",
    "shown_uri",
    "sort_connectors",
    "sort_league",
    "split_statements",
    "stored_counts",
    "stored_not_recorded",
    "stored_tables",
    "write_bulk",
]

"""The graph model of the Neo4j store: labels, relationship types, the reference columns kept as
relationships, and the analysis tables with their columns (see `cypher/README.md`)."""

from __future__ import annotations

from typing import Any

from pbgraph.analyses.activity import DEFAULT_MIN_MEETINGS
from pbgraph.analyses.registry import REGISTRY
from pbgraph.analyses.workload import DEFAULT_MAX_LOAD
from pbgraph.model import NEO4J_LABELS, NODE_TABLES, TABLES

DEFAULT_BATCH_SIZE = 5_000

# relationship types of the graph model (node labels are model.NEO4J_LABELS)
LIAISES_WITH = "LIAISES_WITH"
MEMBER_OF = "MEMBER_OF"
IN_SECTOR = "IN_SECTOR"
IN_TOWNSHIP = "IN_TOWNSHIP"
IN_GROUP = "IN_GROUP"
PARENT = "PARENT"
TOOK_PART = "TOOK_PART"
HELD_BY = "HELD_BY"
REACHES = "REACHES"
RELATIONSHIP_TYPES: tuple[str, ...] = (
    LIAISES_WITH,
    MEMBER_OF,
    IN_SECTOR,
    IN_TOWNSHIP,
    IN_GROUP,
    PARENT,
    TOOK_PART,
    HELD_BY,
    REACHES,
)

NODE_LABELS: dict[str, str] = {
    table: NEO4J_LABELS[kind] for table in NODE_TABLES if (kind := TABLES[table].node_kind) is not None
}
"""Node table -> label."""

ACTIVITY = "Activity"
ROW_NODES: dict[str, str] = {"activities": ACTIVITY}
"""Tables without ids whose rows become nodes keyed by (dataset, seq): -> label."""
TABLE_LABELS: dict[str, str] = {**NODE_LABELS, **ROW_NODES}
"""Every table stored as nodes -> its label."""
DATASET = "Dataset"
"""The label of the one node of each dataset, keyed by `dataset`: what belongs to the dataset, not to a row of
a table. `not_recorded`: the tables the source did not give (`Dataset.not_recorded`, DESIGN 3), when any."""
DATASET_RECORDS = "dataset"
"""The records of the dataset node among those of the tables (its pull query: `pull/dataset`)."""
LABELS: tuple[str, ...] = (*TABLE_LABELS.values(), DATASET)
"""Every node label of the model."""


def node_label(key: str) -> str:
    """The label of a node table's nodes (`members` …), or of the dataset node (:data:`DATASET_RECORDS`)."""
    return DATASET if key == DATASET_RECORDS else TABLE_LABELS[key]


ROW_RELATIONSHIPS: dict[str, str] = {"memberships": MEMBER_OF, "liaisons": LIAISES_WITH}
"""Relationship tables -> the type of the relationship each of their rows becomes."""
ENDPOINT_COLUMNS: dict[str, tuple[str, str]] = {
    "memberships": ("member", "organization"),
    "liaisons": ("source", "target"),
}

REFERENCES: tuple[tuple[str, str, str, str], ...] = (
    ("members", "sector", IN_SECTOR, "sectors"),
    ("members", "township", IN_TOWNSHIP, "townships"),
    ("organizations", "township", IN_TOWNSHIP, "townships"),
    ("contacts", "township", IN_TOWNSHIP, "townships"),
    ("sectors", "group", IN_GROUP, "organizations"),
    ("organizations", "parent", PARENT, "organizations"),
)
"""(table, column, relationship type, referenced table): the reference columns kept as relationships too."""

EXTRA_PROPERTIES: tuple[str, ...] = (
    "dataset",
    "seq",
    "committees",
    "counts",
    "day",
    "participants",
    "not_recorded",
)
"""Properties beyond the table columns: the dataset name, the row position, members' committee list,
whether a liaison counts (DESIGN 4), an activity's date as an ISO day (`2024-03` read as `2024-03-01`, ""
when unreadable), the member ids its `members` cell lists, and the dataset node's tables not recorded."""

ANALYSIS_TABLES: dict[str, tuple[str, ...]] = {name: analysis.tables for name, analysis in REGISTRY.items()}
"""Each analysis of the registry and its tables, as `pbgraph.analyses.run` returns them; one
`cypher/analyses/TABLE.cypher` per table (an analysis added to the registry fails the offline tests until its
queries are here)."""
OPTIONAL_TABLES: dict[str, str] = {"few_contacts": "load"}
"""Tables an analysis gives only when asked (`few_contacts`: `load` with `min_contacts`), with their query."""
ACTIVITY_TABLES: frozenset[str] = frozenset(
    {"dormant", "activity_rates", "org_life", "org_meetings", "org_life_rates"}
)
"""The tables computed over a period of the activity log (their queries take `$since`, `$until`, `$as_of`)."""

OBJECT_DTYPE = "object"
"""Rates: a float, or None over nobody."""
_S, _I, _B, _F, _O = "str", "int64", "bool", "float64", OBJECT_DTYPE
TABLE_COLUMNS: dict[str, dict[str, str]] = {
    "coverage": {
        "committee": _S,
        "committee_name": _S,
        "members": _I,
        "cpc_members": _I,
        "organized_cpc_members": _I,
        "organization_rate": _O,
        "non_party_members": _I,
        "linked_non_party_members": _I,
        "work_rate": _O,
        "unlinked": _I,
        "unorganized": _I,
        "sector_gaps": _I,
        "township_gaps": _I,
        "platform_gaps": _I,
        "overloaded": _I,
        "idle": _I,
        "fragile": _I,
    },
    "unlinked": {"committee": _S, "id": _S, "name": _S, "party": _S, "sector": _S, "township": _S},
    "unorganized": {
        "committee": _S,
        "id": _S,
        "name": _S,
        "sector": _S,
        "township": _S,
        "temporary_only": _B,
    },
    "sectors": {"committee": _S, "id": _S, "name": _S, "kind": _S, "gap": _S},
    "townships": {"committee": _S, "id": _S, "name": _S, "gap": _S},
    "platforms": {"committee": _S, "id": _S, "name": _S, "kind": _S, "township": _S},
    "reach": {
        "committee": _S,
        "id": _S,
        "name": _S,
        "party": _S,
        "members": _I,
        "cpc_members": _I,
        "non_party_members": _I,
        "sectors": _I,
        "townships": _I,
        "contacts": _I,
    },
    "party_groups": {
        "committee": _S,
        "id": _S,
        "name": _S,
        "party_group_members": _I,
        "reached_members": _I,
        "committee_members": _I,
        "share": _O,
    },
    "load": {
        "committee": _S,
        "id": _S,
        "name": _S,
        "party_group": _B,
        "load": _I,
        "overloaded": _B,
        "idle": _B,
    },
    "fragile": {"committee": _S, "id": _S, "name": _S, "liaised_by": _S},
    "distribution": {"load": _I, "cpc_members": _I},
    "few_contacts": {"committee": _S, "id": _S, "name": _S, "contacts": _I},
    "dormant": {
        "committee": _S,
        "liaison_kind": _S,
        "source": _S,
        "source_name": _S,
        "target": _S,
        "target_name": _S,
        "since": _S,
        "last_activity": _S,
    },
    "activity_rates": {
        "committee": _S,
        "committee_name": _S,
        "liaisons": _I,
        "active_liaisons": _I,
        "active_share": _O,
        "non_party_members": _I,
        "effectively_linked_non_party_members": _I,
        "effective_rate": _O,
    },
    "org_life": {
        "committee": _S,
        "id": _S,
        "name": _S,
        "duty_organizations": _S,
        "duty_organization_names": _S,
        "meetings": _I,
    },
    "org_meetings": {"committee": _S, "id": _S, "name": _S, "kind": _S, "cpc_members": _I, "meetings": _I},
    "org_life_rates": {
        "committee": _S,
        "committee_name": _S,
        "duty_line_cpc_members": _I,
        "below_min_meetings": _I,
        "duty_line_organizations": _I,
        "organizations_without_meetings": _I,
    },
    "connectors": {
        "committee": _S,
        "id": _S,
        "name": _S,
        "sole_liaison_count": _I,
        "sole_sector_count": _I,
        "sole_township_count": _I,
        "betweenness": _F,
    },
}
"""Columns and dtypes of every analysis table (the embedded backend's, see analyses/SPEC.md)."""

DEFAULT_PARAMETERS: dict[str, Any] = {
    "committee": None,
    "max_load": DEFAULT_MAX_LOAD,
    "max_depth": None,
    "as_of": None,
    "min_meetings": DEFAULT_MIN_MEETINGS,
}
"""Values of the optional parameters of the shipped queries when not given."""


def stored_tables() -> tuple[str, ...]:
    """The input tables the graph model stores (nodes, and relationships one per row), in model order.

    A table of `pbgraph.model.TABLES` not listed here (one added to the model before it has its label or
    relationship type, load and pull queries) is left out of push and pull, and both say so.
    """
    return tuple(t for t in TABLES if t in TABLE_LABELS or t in ROW_RELATIONSHIPS)

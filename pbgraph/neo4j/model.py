"""The graph model of the Neo4j store: labels, relationship types, the reference columns kept as
relationships, and the analysis tables with their columns (see `cypher/README.md`)."""

from __future__ import annotations

from typing import Any

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
RELATIONSHIP_TYPES: tuple[str, ...] = (LIAISES_WITH, MEMBER_OF, IN_SECTOR, IN_TOWNSHIP, IN_GROUP, PARENT)

NODE_LABELS: dict[str, str] = {
    table: NEO4J_LABELS[kind] for table in NODE_TABLES if (kind := TABLES[table].node_kind) is not None
}
"""Node table -> label."""

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

EXTRA_PROPERTIES: tuple[str, ...] = ("dataset", "seq", "committees", "counts")
"""Properties beyond the table columns: the dataset name, the row position, members' committee list and
whether a liaison counts (DESIGN 4)."""

CYPHER_ANALYSES: tuple[str, ...] = (
    "coverage",
    "unlinked",
    "unorganized",
    "sectors",
    "townships",
    "platforms",
    "reach",
    "load",
    "connectors",
)
"""The analyses of the registry that have their queries in `cypher/analyses/`."""

ANALYSIS_TABLES: dict[str, tuple[str, ...]] = {name: REGISTRY[name].tables for name in CYPHER_ANALYSES}
"""Each analysis and its tables, as `pbgraph.analyses.run` returns them; one `cypher/analyses/TABLE.cypher`
per table."""

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

DEFAULT_PARAMETERS: dict[str, Any] = {"committee": None, "max_load": DEFAULT_MAX_LOAD, "max_depth": None}
"""Values of the optional parameters of the shipped queries when not given."""


def stored_tables() -> tuple[str, ...]:
    """The input tables the graph model stores (nodes, and relationships one per row), in model order.

    A table of `pbgraph.model.TABLES` not listed here (e.g. `activities`, until it has its label or
    relationship type, load and pull queries) is left out of push and pull, and both say so.
    """
    return tuple(t for t in TABLES if t in NODE_LABELS or t in ROW_RELATIONSHIPS)

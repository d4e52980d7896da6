"""What each analysis table can tell when the dataset does not record a table it needs (DESIGN 3: "not
recorded", `Dataset.not_recorded`), in one place for every backend.

Each backend computes a table over what the dataset does record, then gives it to :func:`as_recorded`: the
embedded analyses their rows, the Neo4j backend the rows of its Cypher (which knows nothing of what was not
recorded). So both leave out the same rows, show the same n/a and note the same tables.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

import pandas as pd

from pbgraph.analyses._common import LIAISON_KEYS, noted

GAP_NEEDS: dict[str, dict[str, str]] = {
    "sectors": {
        "no_liaison": "liaisons:sector",
        "no_first_convener": "memberships",
        "first_convener_not_cpc": "memberships",
    },
    "townships": {
        "no_liaison_group": "organizations",
        "no_cpc_in_liaison_group": "memberships",
        "no_township_liaison": "liaisons:township",
    },
}
"""The gap tables: the table each kind of gap cannot be told without; its rows are left out when that table
is not recorded (a sector group without memberships is not "without a first convener")."""

ORG_LIFE_NEEDS = ("organizations", "memberships")
"""What `org_life` cannot look at without: who is in a duty-line organization, and which those are."""

NEEDS: dict[str, tuple[str, ...]] = {
    "unlinked": ("liaisons:member",),
    "unorganized": ("organizations", "memberships"),
    **{table: tuple(dict.fromkeys(needs.values())) for table, needs in GAP_NEEDS.items()},
    "platforms": ("organizations",),
    "reach": LIAISON_KEYS,
    "party_groups": ("organizations", *LIAISON_KEYS),
    "load": ("liaisons:member",),
    "fragile": ("liaisons:member",),
    "distribution": ("liaisons:member",),
    "few_contacts": ("liaisons:contact",),
    "connectors": ("liaisons:member", "liaisons:sector", "liaisons:township"),
    "org_life": ORG_LIFE_NEEDS,
    "org_meetings": ORG_LIFE_NEEDS,
}
"""The tables (keys of `Dataset.not_recorded`) each analysis table needs, in the order they are noted; the
rows follow the tables the dataset does give (the tables of counts: see :data:`UNKNOWN_COLUMNS`)."""

LISTS_NOBODY: frozenset[str] = frozenset(
    {"unlinked", "unorganized", "platforms", "load", "distribution", "few_contacts"}
)
"""The tables that list nobody when one of their needs is not recorded: each of their rows would read as a gap
(every non-party member unlinked, every CPC member a load of 0 and idle, every platform without a party
organization)."""

COVERAGE_NEEDS: tuple[tuple[tuple[str, ...], bool, tuple[str, ...]], ...] = (
    (("organizations", "memberships"), True, ("organized_cpc_members", "organization_rate", "unorganized")),
    (
        ("liaisons:member",),
        True,
        ("linked_non_party_members", "work_rate", "unlinked", "overloaded", "idle", "fragile"),
    ),
    (("liaisons:sector", "memberships"), False, ("sector_gaps",)),
    (("organizations", "memberships", "liaisons:township"), False, ("township_gaps",)),
    (("organizations",), True, ("platform_gaps",)),
)
"""The coverage columns that cannot be known without a table (n/a rather than 0 or 100 %): (tables, whether
one absent table is enough, columns); a gap count is unknown when none of its tables is recorded (it counts
the gaps of the others: see :data:`GAP_NEEDS`)."""

ORG_LIFE_RATE_NEEDS: tuple[tuple[tuple[str, ...], bool, tuple[str, ...]], ...] = (
    (ORG_LIFE_NEEDS, True, ("duty_line_cpc_members", "below_min_meetings")),
    (("organizations",), True, ("duty_line_organizations", "organizations_without_meetings")),
)
"""The counts of `org_life_rates` that cannot be known without a table, as :data:`COVERAGE_NEEDS`: who is in
a duty-line organization needs both tables, which organizations are duty-line ones the organizations."""

UNKNOWN_COLUMNS = {"coverage": COVERAGE_NEEDS, "org_life_rates": ORG_LIFE_RATE_NEEDS}
"""The tables of counts: for each, the columns that cannot be known without a table (its rows stay)."""


def unknown(absent: list[str], needs: tuple[str, ...], any_absent: bool) -> list[str]:
    """`absent` (the `needs` not recorded) when they leave the columns unknown: one, or all of them."""
    return absent if absent and (any_absent or len(absent) == len(needs)) else []


def _missing(needs: tuple[str, ...], not_recorded: Collection[str]) -> list[str]:
    return [need for need in needs if need in not_recorded]


def _unknown_columns(table: str, frame: pd.DataFrame, not_recorded: Collection[str]) -> pd.DataFrame:
    """Counts n/a where they cannot be known (a table without rows keeps its columns as they are)."""
    missing: list[str] = []
    for needs, any_absent, columns in UNKNOWN_COLUMNS[table]:
        absent = _missing(needs, not_recorded)
        if unknown(absent, needs, any_absent) and len(frame):
            for column in columns:
                frame[column] = pd.Series([None] * len(frame), dtype=object)
        missing += [a for a in absent if a not in missing]
    return noted(frame, missing)


def as_recorded(table: str, rows: pd.DataFrame, not_recorded: Collection[str]) -> pd.DataFrame:
    """The rows of an analysis table (a table name of the registry) computed over what the dataset records,
    as the dataset that does not record `not_recorded` can tell them: n/a in the counts it cannot know, no
    rows in a table whose every row would be a gap it cannot see, no gap of a kind it cannot see; the tables
    not recorded noted on the rows (`attrs["not_recorded"]`), and `attrs["partly_recorded"]` when it could
    look at some of the tables it needs (without rows, it found nothing there). Unchanged when every table it
    needs is recorded.

    Examples
    --------
    >>> rows = pd.DataFrame({"committee": ["C1"], "id": ["M1"], "name": ["甲"], "liaised_by": ["M2"]})
    >>> len(as_recorded("unlinked", rows, {"liaisons:member"})), len(as_recorded("fragile", rows, set()))
    (0, 1)
    >>> as_recorded("fragile", rows, {"liaisons:member"}).attrs["not_recorded"]
    ['liaisons:member']
    """
    if table in UNKNOWN_COLUMNS:
        return _unknown_columns(table, rows, not_recorded)
    missing = _missing(NEEDS.get(table, ()), not_recorded)
    if not missing:
        return rows
    if table in GAP_NEEDS:
        untold = [gap for gap, need in GAP_NEEDS[table].items() if need in missing]
        rows = rows[~rows["gap"].isin(untold)].reset_index(drop=True)
    elif table in LISTS_NOBODY:
        rows = rows.iloc[:0]
    rows = noted(rows, missing)
    if table not in LISTS_NOBODY and len(missing) < len(NEEDS[table]):
        # it looked at what was recorded: without rows, it found nothing there (not only could not look)
        rows.attrs["partly_recorded"] = True
    return rows


def tables_not_recorded(tables: Mapping[str, pd.DataFrame]) -> list[str]:
    """The tables not recorded that an analysis's tables noted, each once, in order: its
    `Result.not_recorded`."""
    return list(dict.fromkeys(k for frame in tables.values() for k in frame.attrs.get("not_recorded", [])))

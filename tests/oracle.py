"""The oracle: a naive networkx implementation of every analysis in ``pbgraph/analyses/SPEC.md``.

It restates the spec in plain Python loops over ``ds.graph()`` so that the fast implementation in
``pbgraph.analyses`` can be checked against something obviously right. Clarity over speed. It spells out the
domain codes itself (instead of importing them) and recomputes which liaisons count from the node attributes
`party` and `party_group`, ignoring the graph's own `counts` edge attribute.

The module also holds the frame comparison helpers the analysis tests share.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np
import pandas as pd

from pbgraph import Dataset, UnknownIdError

if TYPE_CHECKING:
    from pbgraph.period import Period

CPC = "CPC"
PARTY_ORG_KINDS = frozenset(
    {
        "party_group",
        "organ_party_group",
        "party_committee",
        "sub_party_group",
        "party_branch",
        "functional_branch",
        "party_cell",
        "temporary_branch",
    }
)
ORGANIZING_KINDS = PARTY_ORG_KINDS - {"temporary_branch"}
PLATFORM_KINDS = frozenset({"studio", "station", "study_group"})
# DESIGN 3: roles that make a member a party-group member
PARTY_GROUP_ROLES = frozenset({"党组书记", "党组副书记", "党组成员"})
GAP_COUNTS = ("unlinked", "unorganized", "sector_gaps", "township_gaps", "platform_gaps")

COLUMNS: dict[str, list[str]] = {
    "coverage": [
        "committee",
        "committee_name",
        "members",
        "cpc_members",
        "organized_cpc_members",
        "organization_rate",
        "non_party_members",
        "linked_non_party_members",
        "work_rate",
        "unlinked",
        "unorganized",
        "sector_gaps",
        "township_gaps",
        "platform_gaps",
        "overloaded",
        "idle",
        "fragile",
    ],
    "unlinked": ["committee", "id", "name", "party", "sector", "township"],
    "unorganized": ["committee", "id", "name", "sector", "township", "temporary_only"],
    "sector_gaps": ["committee", "id", "name", "kind", "gap"],
    "township_gaps": ["committee", "id", "name", "gap"],
    "platform_gaps": ["committee", "id", "name", "kind", "township"],
    "reach": [
        "committee",
        "id",
        "name",
        "party",
        "members",
        "cpc_members",
        "non_party_members",
        "sectors",
        "townships",
        "contacts",
    ],
    "party_group_reach": [
        "committee",
        "id",
        "name",
        "party_group_members",
        "reached_members",
        "committee_members",
        "share",
    ],
    "liaison_load": ["committee", "id", "name", "party_group", "load", "overloaded", "idle"],
    "fragile": ["committee", "id", "name", "liaised_by"],
    "load_distribution": ["load", "cpc_members"],
    "connectors": [
        "committee",
        "id",
        "name",
        "sole_liaison_count",
        "sole_sector_count",
        "sole_township_count",
        "betweenness",
    ],
}
COLUMNS["league_table"] = COLUMNS["coverage"]
COLUMNS["coverage_with_activities"] = [
    *COLUMNS["coverage"],
    "effectively_linked_non_party_members",
    "effective_rate",
]
COLUMNS |= {
    "dormant": [
        "committee",
        "liaison_kind",
        "source",
        "source_name",
        "target",
        "target_name",
        "since",
        "last_activity",
    ],
    "activity_rates": [
        "committee",
        "committee_name",
        "liaisons",
        "active_liaisons",
        "active_share",
        "non_party_members",
        "effectively_linked_non_party_members",
        "effective_rate",
    ],
    "org_life": ["committee", "id", "name", "duty_organizations", "duty_organization_names", "meetings"],
    "org_meetings": ["committee", "id", "name", "kind", "cpc_members", "meetings"],
    "org_life_rates": [
        "committee",
        "committee_name",
        "duty_line_cpc_members",
        "below_min_meetings",
        "duty_line_organizations",
        "organizations_without_meetings",
    ],
    "activities_per_month": ["month", "liaison_activities", "meetings"],
    "few_contacts": ["committee", "id", "name", "contacts"],
}
LIAISON_ACTIVITY_KINDS = frozenset({"talk", "visit", "call", "event"})
MEETING_KINDS = frozenset({"org_life", "party_day", "study"})
DUTY_LINE_KINDS = frozenset({"functional_branch", "party_cell", "sub_party_group"})

Row = dict[str, Any]


class _Facts:
    """What the oracle knows about one dataset, read from its networkx graph."""

    def __init__(self, ds: Dataset) -> None:
        self.ds = ds
        self.graph = ds.graph()
        self._reached: dict[tuple[str, int | None], set[str]] = {}
        self._betweenness: dict[tuple[int, int, int], dict[str, float]] = {}

    def nodes(self, kind: str) -> list[str]:
        """Node ids of one kind, in table order (the graph keeps insertion order)."""
        return [n for n, data in self.graph.nodes(data=True) if data["kind"] == kind]

    def attr(self, node: str, name: str) -> Any:
        return self.graph.nodes[node][name]

    @cached_property
    def members(self) -> list[str]:
        return self.nodes("member")

    @cached_property
    def sectors(self) -> list[str]:
        return self.nodes("sector")

    @cached_property
    def townships(self) -> list[str]:
        return self.nodes("township")

    @cached_property
    def organizations(self) -> list[str]:
        return self.nodes("organization")

    @cached_property
    def committees(self) -> list[str]:
        return [o for o in self.organizations if self.attr(o, "org_kind") == "committee"]

    def edges(self, edge_type: str) -> list[tuple[str, str, dict[str, Any]]]:
        return [(u, v, d) for u, v, d in self.graph.edges(data=True) if d["type"] == edge_type]

    def is_cpc(self, node: str) -> bool:
        return self.attr(node, "kind") == "member" and self.attr(node, "party") == CPC

    def is_non_party(self, node: str) -> bool:
        return self.attr(node, "kind") == "member" and self.attr(node, "party") != CPC

    def in_party_group(self, member: str) -> bool:
        """DESIGN 3: the `party_group` flag, OR a 党组 role, OR a membership in a party group organization."""
        roles = {r.strip() for r in re.split(r"[;；、,，]", self.attr(member, "roles"))}
        return (
            bool(self.attr(member, "party_group"))
            or any(role.removeprefix("政协") in PARTY_GROUP_ROLES for role in roles)
            or any(self.attr(o, "org_kind") == "party_group" for o, _ in self.organizations_of[member])
        )

    def committees_of(self, member: str) -> set[str]:
        return {part for part in self.attr(member, "committee").split(";") if part}

    def belongs(self, member: str, committee: str | None) -> bool:
        return committee is None or committee in self.committees_of(member)

    def counts(self, source: str, target: str, kind: str) -> bool:
        """DESIGN 4 "Counting liaisons", restated."""
        if self.attr(source, "kind") != "member":
            return False
        if kind == "member":
            return self.is_cpc(source) and self.is_non_party(target)
        if kind == "sector":
            return self.in_party_group(source)
        if kind == "township":
            return self.is_cpc(source)
        return kind == "contact"

    @cached_property
    def liaison_rows(self) -> list[tuple[str, str, str]]:
        """(source, target, kind) of every liaison row, in table order (the graph loses that order)."""
        frame = self.ds.liaisons
        rows = list(
            zip(frame["source"].tolist(), frame["target"].tolist(), frame["kind"].tolist(), strict=True)
        )
        # the graph must hold the same liaisons, row for row
        in_graph = Counter((u, v, d["kind"]) for u, v, d in self.edges("liaison"))
        assert in_graph == Counter(rows)
        return rows

    @cached_property
    def counting(self) -> list[tuple[str, str, str]]:
        """Counting liaisons in table order, duplicates included."""
        return [(s, t, k) for s, t, k in self.liaison_rows if self.counts(s, t, k)]

    @cached_property
    def member_liaisons(self) -> set[tuple[str, str]]:
        """Distinct (CPC member, non-party member) pairs of counting `member` liaisons."""
        return {(s, t) for s, t, k in self.counting if k == "member"}

    @cached_property
    def liaised_by(self) -> dict[str, set[str]]:
        sources: dict[str, set[str]] = defaultdict(set)
        for source, target in self.member_liaisons:
            sources[target].add(source)
        return sources

    @cached_property
    def load(self) -> dict[str, int]:
        targets: dict[str, set[str]] = defaultdict(set)
        for source, target in self.member_liaisons:
            targets[source].add(target)
        return {m: len(targets[m]) for m in self.members}

    @cached_property
    def memberships(self) -> list[tuple[str, str, str]]:
        """(member, organization, role) of every membership."""
        return [(u, v, d["role"]) for u, v, d in self.edges("membership")]

    @cached_property
    def organizations_of(self) -> dict[str, list[tuple[str, str]]]:
        """Per member: (organization, role) of each of its memberships."""
        found: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for member, organization, role in self.memberships:
            found[member].append((organization, role))
        return found

    @cached_property
    def members_of(self) -> dict[str, list[tuple[str, str]]]:
        """Per organization: (member, role) of each of its memberships."""
        found: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for member, organization, role in self.memberships:
            found[organization].append((member, role))
        return found

    @cached_property
    def children(self) -> dict[str, list[str]]:
        """Per organization: the organizations whose parent it is."""
        found: dict[str, list[str]] = defaultdict(list)
        for child, parent, _ in self.edges("parent"):
            found[parent].append(child)
        return found

    @cached_property
    def reach_graph(self) -> nx.DiGraph:
        """Counting liaisons, sector -> its members, sector group -> its sectors."""
        graph = nx.DiGraph()
        graph.add_nodes_from(self.graph.nodes)
        graph.add_edges_from((s, t) for s, t, _ in self.counting)
        graph.add_edges_from((sector, member) for member, sector, _ in self.edges("in_sector"))
        graph.add_edges_from((group, sector) for sector, group, _ in self.edges("in_group"))
        return graph

    def reached(self, source: str, max_depth: int | None) -> set[str]:
        """Nodes reachable from `source` within max_depth hops of the reach graph, the source excluded."""
        key = (source, max_depth)
        if key not in self._reached:
            depths = nx.single_source_shortest_path_length(self.reach_graph, source, cutoff=max_depth)
            self._reached[key] = set(depths) - {source}
        return self._reached[key]

    def betweenness(self, sample_limit: int, sample_size: int, seed: int) -> dict[str, float]:
        """Betweenness in the simple undirected graph of counting liaisons (nodes in order of appearance)."""
        key = (sample_limit, sample_size, seed)
        if key not in self._betweenness:
            graph = nx.Graph()
            for source, target, _ in self.counting:
                graph.add_edge(source, target)
            if graph.number_of_nodes() > sample_limit:
                self._betweenness[key] = nx.betweenness_centrality(graph, k=sample_size, seed=seed)
            else:
                self._betweenness[key] = nx.betweenness_centrality(graph)
        return self._betweenness[key]

    def check(self, committee: str | None) -> None:
        if committee is not None and committee not in self.committees:
            raise UnknownIdError(committee)

    def in_committee(self, node: str, committee: str | None) -> bool:
        """For sectors, townships and organizations: one committee each."""
        return committee is None or self.attr(node, "committee") == committee


_FACTS: weakref.WeakKeyDictionary[Dataset, _Facts] = weakref.WeakKeyDictionary()


def _facts(ds: Dataset) -> _Facts:
    if ds not in _FACTS:
        _FACTS[ds] = _Facts(ds)
    return _FACTS[ds]


def _frame(name: str, rows: list[Row]) -> pd.DataFrame:
    if not rows:
        return pd.DataFrame(columns=COLUMNS[name])
    return pd.DataFrame.from_records(rows, columns=COLUMNS[name])


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


# row lists ------------------------------------------------------------------------------------------------


def unlinked(ds: Dataset, *, committee: str | None = None) -> pd.DataFrame:
    """Non-party members with no counting `member` liaison."""
    f = _facts(ds)
    f.check(committee)
    rows = [
        {
            "committee": f.attr(m, "committee"),
            "id": m,
            "name": f.attr(m, "name"),
            "party": f.attr(m, "party"),
            "sector": f.attr(m, "sector"),
            "township": f.attr(m, "township"),
        }
        for m in f.members
        if f.is_non_party(m) and f.belongs(m, committee) and not f.liaised_by.get(m)
    ]
    return _frame("unlinked", rows)


def unorganized(ds: Dataset, *, committee: str | None = None) -> pd.DataFrame:
    """CPC members in no party organization other than temporary branches."""
    f = _facts(ds)
    f.check(committee)
    rows = []
    for m in f.members:
        if not (f.is_cpc(m) and f.belongs(m, committee)):
            continue
        kinds = {f.attr(o, "org_kind") for o, _ in f.organizations_of[m]}
        if not kinds & ORGANIZING_KINDS:
            rows.append(
                {
                    "committee": f.attr(m, "committee"),
                    "id": m,
                    "name": f.attr(m, "name"),
                    "sector": f.attr(m, "sector"),
                    "township": f.attr(m, "township"),
                    "temporary_only": "temporary_branch" in kinds,
                }
            )
    return _frame("unorganized", rows)


def sector_gaps(ds: Dataset, *, committee: str | None = None) -> pd.DataFrame:
    """Sectors and sector groups without a counting sector liaison; groups without a CPC first convener."""
    f = _facts(ds)
    f.check(committee)
    targeted = {t for _, t, k in f.counting if k == "sector"}
    rows = []
    for s in f.sectors:
        group = f.attr(s, "group")
        if f.in_committee(s, committee) and s not in targeted and (not group or group not in targeted):
            rows.append(
                {
                    "committee": f.attr(s, "committee"),
                    "id": s,
                    "name": f.attr(s, "name"),
                    "kind": "sector",
                    "gap": "no_liaison",
                }
            )
    for g in f.organizations:
        if f.attr(g, "org_kind") != "sector_group" or not f.in_committee(g, committee):
            continue
        row = {
            "committee": f.attr(g, "committee"),
            "id": g,
            "name": f.attr(g, "name"),
            "kind": "sector_group",
        }
        if g not in targeted:
            rows.append({**row, "gap": "no_liaison"})
        conveners = [m for m, role in f.members_of[g] if role == "first_convener"]
        if not conveners:
            rows.append({**row, "gap": "no_first_convener"})
        elif not all(f.is_cpc(m) for m in conveners):
            rows.append({**row, "gap": "first_convener_not_cpc"})
    return _frame("sector_gaps", rows)


def township_gaps(ds: Dataset, *, committee: str | None = None) -> pd.DataFrame:
    """Townships without a liaison group, without a CPC member in it, or without a township liaison."""
    f = _facts(ds)
    f.check(committee)
    targeted = {t for _, t, k in f.counting if k == "township"}
    rows = []
    for t in f.townships:
        if not f.in_committee(t, committee):
            continue
        row = {"committee": f.attr(t, "committee"), "id": t, "name": f.attr(t, "name")}
        groups = [
            o
            for o in f.organizations
            if f.attr(o, "org_kind") == "liaison_group" and f.attr(o, "township") == t
        ]
        if not groups:
            rows.append({**row, "gap": "no_liaison_group"})
        elif not any(f.is_cpc(m) for g in groups for m, _ in f.members_of[g]):
            rows.append({**row, "gap": "no_cpc_in_liaison_group"})
        if t not in targeted:
            rows.append({**row, "gap": "no_township_liaison"})
    return _frame("township_gaps", rows)


def platform_gaps(ds: Dataset, *, committee: str | None = None) -> pd.DataFrame:
    """Platforms with neither a child party organization nor a CPC instructor."""
    f = _facts(ds)
    f.check(committee)
    rows = []
    for p in f.organizations:
        if f.attr(p, "org_kind") not in PLATFORM_KINDS or not f.in_committee(p, committee):
            continue
        child_party_org = any(f.attr(o, "org_kind") in PARTY_ORG_KINDS for o in f.children[p])
        cpc_instructor = any(role == "instructor" and f.is_cpc(m) for m, role in f.members_of[p])
        if not child_party_org and not cpc_instructor:
            rows.append(
                {
                    "committee": f.attr(p, "committee"),
                    "id": p,
                    "name": f.attr(p, "name"),
                    "kind": f.attr(p, "org_kind"),
                    "township": f.attr(p, "township"),
                }
            )
    return _frame("platform_gaps", rows)


def reach(ds: Dataset, *, committee: str | None = None, max_depth: int | None = None) -> pd.DataFrame:
    """Per liaison source: what it reaches over counting liaisons, sectors and sector groups."""
    f = _facts(ds)
    f.check(committee)
    sources = {s for s, _, _ in f.counting}
    rows = []
    for m in f.members:
        if m not in sources or not f.belongs(m, committee):
            continue
        reached = f.reached(m, max_depth)
        kinds = Counter(f.attr(n, "kind") for n in reached)
        rows.append(
            {
                "committee": f.attr(m, "committee"),
                "id": m,
                "name": f.attr(m, "name"),
                "party": f.attr(m, "party"),
                "members": kinds["member"],
                "cpc_members": sum(1 for n in reached if f.is_cpc(n)),
                "non_party_members": sum(1 for n in reached if f.is_non_party(n)),
                "sectors": kinds["sector"],
                "townships": kinds["township"],
                "contacts": kinds["contact"],
            }
        )
    return _frame("reach", rows)


def party_group_reach(
    ds: Dataset, *, committee: str | None = None, max_depth: int | None = None
) -> pd.DataFrame:
    """Per party group: its members plus the members they reach; the committee's share of that set."""
    f = _facts(ds)
    f.check(committee)
    rows = []
    for g in f.organizations:
        if f.attr(g, "org_kind") != "party_group" or not f.in_committee(g, committee):
            continue
        own = f.attr(g, "committee")
        group_members = {m for m, _ in f.members_of[g]}
        group_members |= {m for m in f.members if f.in_party_group(m) and own in f.committees_of(m)}
        reached = set(group_members)
        for m in group_members:
            reached |= {n for n in f.reached(m, max_depth) if f.attr(n, "kind") == "member"}
        committee_members = {m for m in f.members if own in f.committees_of(m)}
        rows.append(
            {
                "committee": own,
                "id": g,
                "name": f.attr(g, "name"),
                "party_group_members": len(group_members),
                "reached_members": len(reached & committee_members),
                "committee_members": len(committee_members),
                "share": _rate(len(reached & committee_members), len(committee_members)),
            }
        )
    return _frame("party_group_reach", rows)


def liaison_load(ds: Dataset, *, committee: str | None = None, max_load: int = 5) -> pd.DataFrame:
    """Per CPC member: how many non-party members they liaise with."""
    f = _facts(ds)
    f.check(committee)
    rows = []
    for m in f.members:
        if f.is_cpc(m) and f.belongs(m, committee):
            load = f.load[m]
            in_group = f.in_party_group(m)
            rows.append(
                {
                    "committee": f.attr(m, "committee"),
                    "id": m,
                    "name": f.attr(m, "name"),
                    "party_group": in_group,
                    "load": load,
                    "overloaded": load > max_load,
                    "idle": not in_group and load == 0,
                }
            )
    return _frame("liaison_load", rows)


def fragile(ds: Dataset, *, committee: str | None = None) -> pd.DataFrame:
    """Non-party members with exactly one CPC member liaising with them."""
    f = _facts(ds)
    f.check(committee)
    rows = []
    for m in f.members:
        sources = f.liaised_by.get(m, set())
        if f.is_non_party(m) and f.belongs(m, committee) and len(sources) == 1:
            rows.append(
                {
                    "committee": f.attr(m, "committee"),
                    "id": m,
                    "name": f.attr(m, "name"),
                    "liaised_by": next(iter(sources)),
                }
            )
    return _frame("fragile", rows)


def load_distribution(ds: Dataset, *, committee: str | None = None, max_load: int = 5) -> pd.DataFrame:
    """How many CPC members carry each load, from 0 to the largest."""
    loads = liaison_load(ds, committee=committee, max_load=max_load)["load"].tolist()
    if not loads:
        return _frame("load_distribution", [])
    counts = Counter(loads)
    return _frame("load_distribution", [{"load": v, "cpc_members": counts[v]} for v in range(max(loads) + 1)])


def connectors(
    ds: Dataset,
    *,
    committee: str | None = None,
    sample_limit: int = 20000,
    sample_size: int = 256,
    seed: int = 42,
) -> pd.DataFrame:
    """Members who are the only liaison of some non-party member, sector or township, with their
    betweenness."""
    f = _facts(ds)
    f.check(committee)
    sole = Counter(row["liaised_by"] for row in fragile(ds).to_dict("records"))
    sector_sources: dict[str, set[str]] = {s: set() for s in ds.sectors["id"]}
    township_sources: dict[str, set[str]] = {t: set() for t in ds.townships["id"]}
    group_of = dict(zip(ds.sectors["id"], ds.sectors["group"], strict=True))
    for source, target, data in f.edges("liaison"):
        if data["kind"] == "sector" and f.counts(source, target, "sector"):
            for sector, group in group_of.items():
                if target in (sector, group):
                    sector_sources[sector].add(source)
        if data["kind"] == "township" and f.counts(source, target, "township") and target in township_sources:
            township_sources[target].add(source)
    sole_sectors = Counter(next(iter(s)) for s in sector_sources.values() if len(s) == 1)
    sole_townships = Counter(next(iter(s)) for s in township_sources.values() if len(s) == 1)
    betweenness = f.betweenness(sample_limit, sample_size, seed)
    rows = [
        {
            "committee": f.attr(m, "committee"),
            "id": m,
            "name": f.attr(m, "name"),
            "sole_liaison_count": sole[m],
            "sole_sector_count": sole_sectors[m],
            "sole_township_count": sole_townships[m],
            "betweenness": betweenness[m],
        }
        for m in f.members
        if (sole[m] or sole_sectors[m] or sole_townships[m]) and f.belongs(m, committee)
    ]
    rows.sort(key=lambda r: (-r["sole_liaison_count"], -r["betweenness"], r["id"]))
    return _frame("connectors", rows)


# the headline ---------------------------------------------------------------------------------------------


def _coverage_row(
    ds: Dataset,
    committee: str | None,
    name: str,
    max_load: int,
    period: tuple[dt.date, dt.date] | None = None,
) -> Row:
    f = _facts(ds)
    members = [m for m in f.members if f.belongs(m, committee)]
    cpc = [m for m in members if f.is_cpc(m)]
    non_party = [m for m in members if f.is_non_party(m)]
    unorganized_ids = set(unorganized(ds, committee=committee)["id"])
    organized = [m for m in cpc if m not in unorganized_ids]
    linked = [m for m in non_party if f.liaised_by.get(m)]
    load = liaison_load(ds, committee=committee, max_load=max_load)
    return {
        "committee": committee if committee is not None else "",
        "committee_name": name,
        "members": len(members),
        "cpc_members": len(cpc),
        "organized_cpc_members": len(organized),
        "organization_rate": _rate(len(organized), len(cpc)),
        "non_party_members": len(non_party),
        "linked_non_party_members": len(linked),
        "work_rate": _rate(len(linked), len(non_party)),
        "unlinked": len(unlinked(ds, committee=committee)),
        "unorganized": len(unorganized_ids),
        "sector_gaps": len(sector_gaps(ds, committee=committee)),
        "township_gaps": len(township_gaps(ds, committee=committee)),
        "platform_gaps": len(platform_gaps(ds, committee=committee)),
        "overloaded": int(load["overloaded"].astype(bool).sum()),
        "idle": int(load["idle"].astype(bool).sum()),
        "fragile": len(fragile(ds, committee=committee)),
    } | (_effective_columns(ds, committee, non_party, period) if period is not None else {})


def coverage(
    ds: Dataset,
    *,
    committee: str | None = None,
    max_load: int = 5,
    since: str | None = None,
    until: str | None = None,
) -> pd.DataFrame:
    """The two coverage rates and every gap count, per committee and overall; with activities, also the
    effectively linked non-party members and 有效联系率."""
    f = _facts(ds)
    f.check(committee)
    period = _period(ds, since, until) if len(ds.activities) else None
    rows = [
        _coverage_row(ds, c, f.attr(c, "name"), max_load, period)
        for c in f.committees
        if committee is None or c == committee
    ]
    if committee is None:
        rows.append(_coverage_row(ds, None, "全部", max_load, period))
    return _frame("coverage" if period is None else "coverage_with_activities", rows)


def league_table(
    ds: Dataset, *, max_load: int = 5, since: str | None = None, until: str | None = None
) -> pd.DataFrame:
    """Coverage rows per committee, worst first (with 有效联系率 when there are activities)."""
    f = _facts(ds)
    period = _period(ds, since, until) if len(ds.activities) else None
    rows = [_coverage_row(ds, c, f.attr(c, "name"), max_load, period) for c in f.committees]

    def worst_first(row: Row) -> tuple[Any, ...]:
        gaps = sum(row[k] for k in GAP_COUNTS)
        work, organization = row["work_rate"], row["organization_rate"]
        return (work is None, work or 0.0, organization is None, organization or 0.0, -gaps, row["committee"])

    return _frame(
        "league_table" if period is None else "coverage_with_activities", sorted(rows, key=worst_first)
    )


# activities (DESIGN 4: dormant, org_life, periods, --as-of, --min-contacts) ------------------------------


def _day(text: str) -> dt.date:
    """An ISO date, or a month (its first day)."""
    return dt.date.fromisoformat(text if len(text) == 10 else text + "-01")


def _last_day(text: str) -> dt.date:
    """An ISO date, or a month (its last day: `--until 2024-06` and `--as-of 2024-06` take all of June)."""
    if len(text) == 10:
        return dt.date.fromisoformat(text)
    first = _day(text)
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _period(ds: Dataset, since: str | None, until: str | None) -> tuple[dt.date, dt.date]:
    """The period: the given ends, else the 12 months ending at the latest activity date."""
    end = _last_day(until) if until else max(_day(d) for d in ds.activities["date"])
    if since:
        return _day(since), end
    # twelve months back, clipped to the end of a shorter month, then the next day
    year, month = (end.year - 1, end.month)
    day = end.day
    while True:
        try:
            start = dt.date(year, month, day)
            break
        except ValueError:
            day -= 1
    return start + dt.timedelta(days=1), end


def _cache(ds: Dataset) -> dict[Any, Any]:
    """Results kept with the oracle's facts of a dataset (the oracle is naive, not wasteful)."""
    cache: dict[Any, Any] = _facts(ds).__dict__.setdefault("activity_cache", {})
    return cache


def _activities(ds: Dataset) -> list[dict[str, Any]]:
    """Activity rows as dicts, with the member list split and the day parsed."""
    cache = _cache(ds)
    if "activities" not in cache:
        rows = []
        for record in ds.activities.to_dict("records"):
            members = [m.strip() for m in record["members"].split(";") if m.strip()]
            rows.append(record | {"members": members, "day": _day(record["date"])})
        cache["activities"] = rows
    rows: list[dict[str, Any]] = cache["activities"]
    return rows


def _listing(ds: Dataset) -> dict[str, list[dict[str, Any]]]:
    """Per member: the activities that list them."""
    cache = _cache(ds)
    if "listing" not in cache:
        found: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for activity in _activities(ds):
            for member in activity["members"]:
                found[member].append(activity)
        cache["listing"] = found
    listing: dict[str, list[dict[str, Any]]] = cache["listing"]
    return listing


def _distinct_counting(ds: Dataset) -> list[tuple[str, str, str, str]]:
    """(source, target, kind, since) of each distinct counting liaison, first row of each, in table order."""
    f = _facts(ds)
    seen: set[tuple[str, str, str]] = set()
    found = []
    for source, target, kind, since in ds.liaisons[["source", "target", "kind", "since"]].itertuples(
        index=False
    ):
        if f.counts(source, target, kind) and (source, target, kind) not in seen:
            seen.add((source, target, kind))
            found.append((source, target, kind, since))
    return found


def _joins(activity: dict[str, Any], source: str, target: str) -> bool:
    """A liaison activity whose members include the source, and whose target is the target or whose
    members include it too."""
    if activity["kind"] not in LIAISON_ACTIVITY_KINDS or source not in activity["members"]:
        return False
    return activity["target"] == target or (target != source and target in activity["members"])


def _liaison_activity(
    ds: Dataset, period: tuple[dt.date, dt.date]
) -> list[tuple[str, str, str, str, bool, str]]:
    """(source, target, kind, since, active, last activity) of each distinct counting liaison."""
    cache = _cache(ds)
    if ("liaisons", period) not in cache:
        start, end = period
        found = []
        for source, target, kind, since in _distinct_counting(ds):
            days = [
                a["day"]
                for a in _listing(ds).get(source, [])
                if a["day"] <= end and _joins(a, source, target)
            ]
            active = any(start <= d for d in days)
            found.append((source, target, kind, since, active, max(days).isoformat() if days else ""))
        cache[("liaisons", period)] = found
    rows: list[tuple[str, str, str, str, bool, str]] = cache[("liaisons", period)]
    return rows


def dormant(
    ds: Dataset, *, committee: str | None = None, since: str | None = None, until: str | None = None
) -> pd.DataFrame:
    """Counting liaisons that no liaison activity joined inside the period."""
    f = _facts(ds)
    f.check(committee)
    if not len(ds.activities):
        return _frame("dormant", [])
    rows = [
        {
            "committee": f.attr(s, "committee"),
            "liaison_kind": k,
            "source": s,
            "source_name": f.attr(s, "name"),
            "target": t,
            "target_name": f.attr(t, "name"),
            "since": since_,
            "last_activity": last,
        }
        for s, t, k, since_, active, last in _liaison_activity(ds, _period(ds, since, until))
        if not active and f.belongs(s, committee)
    ]
    return _frame("dormant", rows)


def _effectively_linked(ds: Dataset, period: tuple[dt.date, dt.date]) -> set[str]:
    return {t for _, t, k, _, active, _ in _liaison_activity(ds, period) if k == "member" and active}


def _effective_columns(
    ds: Dataset, committee: str | None, non_party: list[str], period: tuple[dt.date, dt.date]
) -> Row:
    linked = _effectively_linked(ds, period)
    count = len([m for m in non_party if m in linked])
    return {"effectively_linked_non_party_members": count, "effective_rate": _rate(count, len(non_party))}


def activity_rates(
    ds: Dataset, *, committee: str | None = None, since: str | None = None, until: str | None = None
) -> pd.DataFrame:
    """Per committee and overall: counting liaisons, active ones, their share, and 有效联系率."""
    f = _facts(ds)
    f.check(committee)
    if not len(ds.activities):
        return _frame("activity_rates", [])
    period = _period(ds, since, until)
    liaisons = _liaison_activity(ds, period)
    linked = _effectively_linked(ds, period)

    def row(key: str | None, name: str) -> Row:
        mine = [active for s, _, _, _, active, _ in liaisons if f.belongs(s, key)]
        non_party = [m for m in f.members if f.is_non_party(m) and f.belongs(m, key)]
        effective = [m for m in non_party if m in linked]
        return {
            "committee": key or "",
            "committee_name": name,
            "liaisons": len(mine),
            "active_liaisons": sum(mine),
            "active_share": _rate(sum(mine), len(mine)),
            "non_party_members": len(non_party),
            "effectively_linked_non_party_members": len(effective),
            "effective_rate": _rate(len(effective), len(non_party)),
        }

    rows = [row(c, f.attr(c, "name")) for c in f.committees if committee is None or c == committee]
    if committee is None:
        rows.append(row(None, "全部"))
    return _frame("activity_rates", rows)


def _duty_organizations(ds: Dataset) -> list[str]:
    f = _facts(ds)
    return [o for o in f.organizations if f.attr(o, "org_kind") in DUTY_LINE_KINDS]


def _meetings(ds: Dataset, period: tuple[dt.date, dt.date]) -> list[dict[str, Any]]:
    start, end = period
    return [a for a in _activities(ds) if a["kind"] in MEETING_KINDS and start <= a["day"] <= end]


def _duty_members(ds: Dataset) -> dict[str, list[str]]:
    """Per CPC member in a duty-line organization: those organizations, in table order."""
    f = _facts(ds)
    duty = _duty_organizations(ds)
    found: dict[str, list[str]] = {}
    for m in f.members:
        if f.is_cpc(m):
            orgs = {o for o, _ in f.organizations_of.get(m, [])}
            mine = [o for o in duty if o in orgs]
            if mine:
                found[m] = mine
    return found


def _attended(ds: Dataset, period: tuple[dt.date, dt.date]) -> dict[str, int]:
    meetings = _meetings(ds, period)
    return {
        m: sum(1 for a in meetings if a["organization"] in orgs and m in a["members"])
        for m, orgs in _duty_members(ds).items()
    }


def org_life(
    ds: Dataset,
    *,
    committee: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_meetings: int = 1,
) -> pd.DataFrame:
    """CPC members of duty-line organizations listed in fewer than `min_meetings` of their meetings."""
    f = _facts(ds)
    f.check(committee)
    if not len(ds.activities):
        return _frame("org_life", [])
    attended = _attended(ds, _period(ds, since, until))
    rows = [
        {
            "committee": f.attr(m, "committee"),
            "id": m,
            "name": f.attr(m, "name"),
            "duty_organizations": ";".join(orgs),
            "duty_organization_names": "、".join(f.attr(o, "name") for o in orgs),
            "meetings": attended[m],
        }
        for m, orgs in _duty_members(ds).items()
        if attended[m] < min_meetings and f.belongs(m, committee)
    ]
    return _frame("org_life", rows)


def org_meetings(
    ds: Dataset, *, committee: str | None = None, since: str | None = None, until: str | None = None
) -> pd.DataFrame:
    """Per duty-line organization: its CPC members and the meetings it held in the period."""
    f = _facts(ds)
    f.check(committee)
    if not len(ds.activities):
        return _frame("org_meetings", [])
    meetings = _meetings(ds, _period(ds, since, until))
    duty_members = _duty_members(ds)
    rows = [
        {
            "committee": f.attr(o, "committee"),
            "id": o,
            "name": f.attr(o, "name"),
            "kind": f.attr(o, "org_kind"),
            "cpc_members": sum(1 for orgs in duty_members.values() if o in orgs),
            "meetings": sum(1 for a in meetings if a["organization"] == o),
        }
        for o in _duty_organizations(ds)
        if f.in_committee(o, committee)
    ]
    return _frame("org_meetings", rows)


def org_life_rates(
    ds: Dataset,
    *,
    committee: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_meetings: int = 1,
) -> pd.DataFrame:
    """Per committee and overall: duty-line CPC members, those below the minimum, organizations, silent
    ones."""
    f = _facts(ds)
    f.check(committee)
    if not len(ds.activities):
        return _frame("org_life_rates", [])
    period = _period(ds, since, until)
    attended = _attended(ds, period)
    held = {
        o: sum(1 for a in _meetings(ds, period) if a["organization"] == o) for o in _duty_organizations(ds)
    }

    def row(key: str | None, name: str) -> Row:
        members = [m for m in attended if f.belongs(m, key)]
        orgs = [o for o in held if f.in_committee(o, key)]
        return {
            "committee": key or "",
            "committee_name": name,
            "duty_line_cpc_members": len(members),
            "below_min_meetings": sum(1 for m in members if attended[m] < min_meetings),
            "duty_line_organizations": len(orgs),
            "organizations_without_meetings": sum(1 for o in orgs if held[o] == 0),
        }

    rows = [row(c, f.attr(c, "name")) for c in f.committees if committee is None or c == committee]
    if committee is None:
        rows.append(row(None, "全部"))
    return _frame("org_life_rates", rows)


def activities_per_month(
    ds: Dataset, *, committee: str | None = None, period: Period | None = None
) -> pd.DataFrame:
    """Liaison activities and meetings per calendar month (an activity is a committee's when it lists one
    of its members); with a period, its activities in each of its months, 0 in a month without any."""
    f = _facts(ds)
    f.check(committee)
    counts: dict[str, list[int]] = {}
    if period is not None:
        month = dt.date(period.since.year, period.since.month, 1)
        while month <= period.until:
            counts[month.isoformat()[:7]] = [0, 0]
            month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    for a in _activities(ds):
        if committee is not None and not any(f.belongs(m, committee) for m in a["members"]):
            continue
        if period is not None and not period.since <= a["day"] <= period.until:
            continue
        month = counts.setdefault(a["day"].isoformat()[:7], [0, 0])
        month[0] += a["kind"] in LIAISON_ACTIVITY_KINDS
        month[1] += a["kind"] in MEETING_KINDS
    rows = [{"month": k, "liaison_activities": v[0], "meetings": v[1]} for k, v in sorted(counts.items())]
    return _frame("activities_per_month", rows)


def few_contacts(ds: Dataset, *, committee: str | None = None, min_contacts: int) -> pd.DataFrame:
    """ "1+10": CPC members with fewer than `min_contacts` distinct contacts over counting liaisons."""
    f = _facts(ds)
    f.check(committee)
    contacts: dict[str, set[str]] = defaultdict(set)
    for source, target, kind in f.counting:
        if kind == "contact":
            contacts[source].add(target)
    rows = [
        {
            "committee": f.attr(m, "committee"),
            "id": m,
            "name": f.attr(m, "name"),
            "contacts": len(contacts[m]),
        }
        for m in f.members
        if f.is_cpc(m) and f.belongs(m, committee) and len(contacts[m]) < min_contacts
    ]
    return _frame("few_contacts", rows)


def as_of(ds: Dataset, date: str) -> Dataset:
    """The dataset as it stood on `date`: later liaisons (by `since`) and later activities left out."""
    day = _last_day(date)
    liaisons = ds.liaisons[[s == "" or _day(s) <= day for s in ds.liaisons["since"]]]
    activities = ds.activities[[_day(d) <= day for d in ds.activities["date"]]]
    return Dataset(
        **{name: frame for name, frame in ds.tables.items() if name not in ("liaisons", "activities")},
        liaisons=liaisons.reset_index(drop=True),
        activities=activities.reset_index(drop=True),
        name=ds.name,
    )


ANALYSES: dict[str, Callable[..., pd.DataFrame]] = {
    "coverage": coverage,
    "league_table": league_table,
    "unlinked": unlinked,
    "unorganized": unorganized,
    "sector_gaps": sector_gaps,
    "township_gaps": township_gaps,
    "platform_gaps": platform_gaps,
    "reach": reach,
    "party_group_reach": party_group_reach,
    "liaison_load": liaison_load,
    "fragile": fragile,
    "load_distribution": load_distribution,
    "connectors": connectors,
}
"""Every analysis of the spec by name (those over activities: `ACTIVITY_ANALYSES`)."""

ACTIVITY_ANALYSES: dict[str, Callable[..., pd.DataFrame]] = {
    "dormant": dormant,
    "activity_rates": activity_rates,
    "org_life": org_life,
    "org_meetings": org_meetings,
    "org_life_rates": org_life_rates,
    "activities_per_month": activities_per_month,
    "few_contacts": few_contacts,
    "coverage": coverage,
}
"""The analyses over activities (and coverage, which gains 有效联系率), checked in ``test_activities``."""


# comparing frames -----------------------------------------------------------------------------------------

TOLERANCE = 1e-9
MAX_SHOWN = 12


def _python(value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    # NaN is the only value unequal to itself
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value


def rows_of(frame: pd.DataFrame) -> list[tuple[Any, ...]]:
    """The rows of a frame as tuples of plain Python values (NaN and NA as None)."""
    return [tuple(_python(v) for v in row) for row in frame.itertuples(index=False, name=None)]


def same_value(actual: Any, expected: Any) -> bool:
    """Equal, with the same kind of Python value; floats within `TOLERANCE`."""
    actual, expected = _python(actual), _python(expected)
    if expected is None or actual is None:
        return actual is None and expected is None
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(actual) is bool and type(expected) is bool and actual == expected
    if isinstance(expected, float):
        return type(actual) is float and abs(actual - expected) <= TOLERANCE
    if isinstance(expected, int):
        return type(actual) is int and actual == expected
    return type(actual) is type(expected) and actual == expected


def assert_rows(
    frame: pd.DataFrame, columns: Sequence[str], expected: Sequence[Sequence[Any]], *, label: str = ""
) -> None:
    """Assert that a frame has exactly these columns and rows (in order)."""
    assert list(frame.columns) == list(columns), f"{label}: columns {list(frame.columns)} != {list(columns)}"
    actual = rows_of(frame)
    expected = [tuple(row) for row in expected]
    problems = []
    if len(actual) != len(expected):
        problems.append(f"{len(actual)} rows, expected {len(expected)}")
    for number, (got, want) in enumerate(zip(actual, expected, strict=False)):
        if len(got) != len(want) or not all(same_value(a, e) for a, e in zip(got, want, strict=True)):
            problems.append(f"row {number}: got {got}, expected {want}")
    common = min(len(actual), len(expected))
    problems.extend(f"extra row {n}: {row}" for n, row in enumerate(actual[common:], common))
    problems.extend(f"missing row {n}: {row}" for n, row in enumerate(expected[common:], common))
    if len(problems) > MAX_SHOWN:
        problems[MAX_SHOWN:] = [f"… and {len(problems) - MAX_SHOWN} more"]
    assert not problems, f"{label}:\n  " + "\n  ".join(problems)


def assert_same_frames(actual: pd.DataFrame, expected: pd.DataFrame, *, label: str = "") -> None:
    """Assert that two frames have the same columns and rows (floats within `TOLERANCE`)."""
    assert_rows(actual, list(expected.columns), rows_of(expected), label=label)


def assert_same_connectors(actual: pd.DataFrame, expected: pd.DataFrame, *, label: str = "") -> None:
    """Like :func:`assert_same_frames` for connectors, where betweenness values that differ only by float
    noise (within `TOLERANCE`) may come in either order; exact ties must be in id order."""
    assert_same_frames(
        actual.sort_values("id", kind="stable"),
        expected.sort_values("id", kind="stable"),
        label=f"{label} (rows by id)",
    )
    rows = actual[["id", "sole_liaison_count", "betweenness"]].itertuples(index=False, name=None)
    previous: tuple[Any, ...] | None = None
    for row in rows:
        if previous is not None:
            (id_a, count_a, between_a), (id_b, count_b, between_b) = previous, row
            in_order = count_a > count_b or (
                count_a == count_b
                and (
                    between_a > between_b + TOLERANCE
                    or (between_a != between_b and abs(between_a - between_b) <= TOLERANCE)
                    or (between_a == between_b and id_a < id_b)
                )
            )
            assert in_order, f"{label}: {previous} before {row} is out of order"
        previous = row

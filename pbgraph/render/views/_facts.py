"""Per-node display facts of a dataset (labels, ids, kinds, committees, liaison counts, every edge), computed
once per dataset with numpy, and the tooltip of a node."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pbgraph._arrays import repeats
from pbgraph._texts.render import TOOLTIP, t
from pbgraph.format import party_name
from pbgraph.graph import NodeIndex, arrow_strings, index_of
from pbgraph.model import NODE_KIND_ZH, NODE_TABLES, ORG_KIND_ZH, LiaisonKind
from pbgraph.render._columns import Column, Records

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset


def view_date() -> str:
    """The date printed on views: today, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return when.date().isoformat()


@dataclass
class Facts:
    """Per-node display facts for a dataset, computed once."""

    ds: Dataset
    ix: NodeIndex

    @cached_property
    def label_array(self) -> pa.Array:
        """The label of every node by number: its name, or its id when it has none."""
        names, ids = self.ix.names, self.ix.ids
        return pc.if_else(pc.equal(names, ""), ids, names)

    def label(self, node: int) -> str:
        return str(self.label_array[int(node)].as_py())

    def node_id(self, node: int) -> str:
        return str(self.ix.ids[int(node)].as_py())

    @cached_property
    def labels(self) -> np.ndarray:
        return np.asarray(self.label_array.to_numpy(zero_copy_only=False), dtype=object)

    @cached_property
    def member_columns(self) -> dict[str, np.ndarray]:
        """The member columns views show, as numpy arrays: a row read from an Arrow-backed frame costs
        milliseconds, an array item nothing."""
        frame = self.ds.members
        columns = ("party", "sector", "township", "roles", "party_group")
        return {c: frame[c].to_numpy(dtype=object) for c in columns if c in frame.columns}

    @cached_property
    def org_kinds(self) -> np.ndarray:
        return self.ds.organizations["kind"].to_numpy(dtype=object)

    @cached_property
    def ids(self) -> np.ndarray:
        return np.asarray(self.ix.ids.to_numpy(zero_copy_only=False), dtype=object)

    @cached_property
    def kind_names(self) -> np.ndarray:
        names = np.array(["member", "sector", "township", "organization", "contact"], dtype=object)
        return names[self.ix.kind]

    @cached_property
    def committee_array(self) -> pa.Array:
        """The committee of every node by number ("" when none); a contact's is its township's."""
        parts = []
        for table in NODE_TABLES:
            frame = getattr(self.ds, table)
            if "committee" in frame.columns:
                parts.append(arrow_strings(frame["committee"]))
            else:  # contacts: their township's committee
                townships = self.ds.townships
                town = pc.index_in(arrow_strings(frame["township"]), value_set=arrow_strings(townships["id"]))
                parts.append(pc.take(arrow_strings(townships["committee"]), town).fill_null(""))
        return pa.chunked_array(parts, type=pa.string()).combine_chunks()

    @cached_property
    def committee(self) -> np.ndarray:
        return np.asarray(self.committee_array.to_numpy(zero_copy_only=False), dtype=object)

    @cached_property
    def counts(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per member row: the distinct non-party members they liaise with, CPC members liaising with them and
        contacts, counted as the analyses count them (a repeated liaison row once, as `analyze load` does)."""
        from pbgraph.analyses._common import facts
        from pbgraph.analyses.workload import contact_counts

        f = facts(self.ds)
        return f.load, f.liaison_sources_per_target, contact_counts(self.ds)

    @cached_property
    def edges(self) -> EdgeColumns:
        """Every edge of the dataset on node numbers: the liaisons (in row order), then memberships, members
        in their sector, sectors in their group and organizations under their parent."""
        ix = self.ix
        sources, targets, types = [ix.liaison_source], [ix.liaison_target], [np.zeros(len(ix.liaison_source))]
        for code, (source, target) in enumerate(
            (
                (ix.column("memberships", "member"), ix.column("memberships", "organization")),
                (ix.numbers("members"), ix.member_sector),
                (ix.numbers("sectors"), ix.sector_group),
                (ix.numbers("organizations"), ix.column("organizations", "parent")),
            ),
            start=1,
        ):
            keep = (source >= 0) & (target >= 0)
            sources.append(source[keep])
            targets.append(target[keep])
            types.append(np.full(int(keep.sum()), code))
        source = np.concatenate(sources).astype(np.int64)
        target = np.concatenate(targets).astype(np.int64)
        type_code = np.concatenate(types).astype(np.int8)
        structural = len(LiaisonKind)
        kind = np.full(len(source), structural, dtype=np.int8)
        kind[: len(ix.liaison_kind)] = ix.liaison_kind
        counts = np.ones(len(source), dtype=bool)
        counts[: len(ix.counting)] = ix.counting
        # the first of equal edges (source, target, type, kind) stands for them all: found on one key, hashed
        # only where some key repeats
        key = ((source * np.int64(ix.size) + target) * 8 + type_code) * 8 + (kind.astype(np.int64) & 7)
        if repeats(key):
            first = ~pd.Series(key).duplicated(keep="first").to_numpy()
        else:
            first = np.ones(len(key), dtype=bool)
        return EdgeColumns(source, target, type_code, kind, counts, first)

    def tooltip(self, node: int, lang: str) -> dict[str, str]:
        return self.tooltips(np.array([node], dtype=np.int64), lang)[0]

    def tooltips(self, nodes: np.ndarray, lang: str) -> list[dict[str, str]]:
        """The tooltip of each node (see :meth:`tooltip_columns`)."""
        return list(Records.from_columns(len(nodes), self.tooltip_columns(nodes, lang)))

    def tooltip_columns(
        self,
        nodes: np.ndarray,
        lang: str,
        *,
        labels: list[str] | None = None,
        ids: list[str] | None = None,
    ) -> list[Column]:
        """The tooltips of the nodes as columns (key, values, which nodes have it: see
        :meth:`Records.from_columns`): name, id, what it is, its committee; a member's party, sector,
        township, roles and liaison counts. Each distinct value is looked up once, not once per node."""
        name_of = self.ds.name_of
        nodes = np.asarray(nodes, dtype=np.int64)
        count = len(nodes)
        kinds = self.kind_names[nodes]
        labels = take(self.label_array, nodes) if labels is None else labels
        ids = take(self.ix.ids, nodes) if ids is None else ids
        key = {k: t(k, lang, TOOLTIP) for k in ("name", "id", "kind", "committee", "roles")}
        committees = take(self.committee_array, nodes)
        committee_names = {c: name_of(c) or c for c in set(committees) if c}
        has_committee = np.fromiter(map(bool, committees), dtype=bool, count=count)
        is_member = self.ix.kind[nodes] == 0
        members = nodes[is_member]
        zh = lang == "zh"
        # what a node other than a member is: an organization's kind, else the kind of node
        what = np.empty(count, dtype=object)
        others = ~is_member
        what[others] = [NODE_KIND_ZH.get(k, k) if zh else k for k in kinds[others].tolist()]
        is_org = kinds == "organization"
        org_kind = self.org_kinds[nodes[is_org] - self.ix.offsets["organizations"]]
        what[is_org] = [ORG_KIND_ZH.get(k, k) if zh else k for k in map(str, org_kind.tolist())]
        party, sector, township, roles, out, inbound, contacts = self._member_fields(members, lang)
        spread = np.empty(count, dtype=object)

        def per_node(member_values: list[Any]) -> np.ndarray:
            column = spread.copy()
            column[is_member] = member_values
            return column

        has_roles = np.zeros(count, dtype=bool)
        has_roles[is_member] = np.fromiter(map(bool, roles), dtype=bool, count=len(roles))
        member_keys = ("party", "sector", "township")
        count_keys = ("liaises", "liaised", "contacts")
        return [
            (key["name"], labels, None),
            (key["id"], ids, None),
            (key["kind"], what, others),
            *[
                (t(k, lang, TOOLTIP), per_node(values), is_member)
                for k, values in zip(member_keys, (party, sector, township), strict=True)
            ],
            (key["roles"], per_node([str(r) for r in roles]), has_roles),
            *[
                (t(k, lang, TOOLTIP), per_node(values), is_member)
                for k, values in zip(count_keys, (out, inbound, contacts), strict=True)
            ],
            (key["committee"], [committee_names.get(c, "") for c in committees], has_committee),
        ]

    def _member_fields(self, members: np.ndarray, lang: str) -> tuple[list[Any], ...]:
        """Per member (node numbers): party, sector, township and roles as the tooltip shows them, and the
        liaison counts (out, in, contacts) as text."""
        name_of = self.ds.name_of
        col = self.member_columns
        party, sector, township, roles = (
            col[c][members].tolist() for c in ("party", "sector", "township", "roles")
        )
        party_label = {p: party_name(str(p), lang) for p in set(party)}
        place_name = {v: name_of(str(v)) or str(v) for v in {*sector, *township}}
        out, inbound, contacts = (list(map(str, c[members].tolist())) for c in self.counts)
        # a count of liaisons not recorded is not 0 (DESIGN 3)
        unknown = t("not_recorded", lang)
        if "liaisons:member" in self.ds.not_recorded:
            out = inbound = [unknown] * len(members)
        if "liaisons:contact" in self.ds.not_recorded:
            contacts = [unknown] * len(members)
        return (
            [party_label[p] for p in party],
            [place_name[v] for v in sector],
            [place_name[v] for v in township],
            roles,
            out,
            inbound,
            contacts,
        )


@dataclass
class EdgeColumns:
    """Every edge of a dataset as numpy columns (see :attr:`Facts.edges`)."""

    source: np.ndarray
    target: np.ndarray
    #: position in `EDGE_TYPES`
    type: np.ndarray
    #: position in `LiaisonKind`; len(LiaisonKind) for a structural edge
    kind: np.ndarray
    counts: np.ndarray
    #: the first of the edges with its source, target, type and kind
    first: np.ndarray

    def of_types(self, types: Sequence[str]) -> np.ndarray:
        """Whether each edge is of one of these types (names in `EDGE_TYPES`)."""
        return np.isin(self.type, [EDGE_TYPES.index(name) for name in types])


#: the types of edges, in the order of :attr:`Facts.edges`
EDGE_TYPES = ("liaison", "membership", "in_sector", "in_group", "parent")
#: the liaison kind of an edge by its code (structural edges: "")
EDGE_KINDS = np.array([kind.value for kind in LiaisonKind] + [""], dtype=object)


def take(array: pa.Array, nodes: np.ndarray) -> list[Any]:
    """The items of an arrow array at these node numbers, as Python values."""
    return pc.take(array, pa.array(nodes, type=pa.int64())).to_pylist()


def gap_sets(gaps: dict[int, list[str]], nodes: np.ndarray) -> tuple[np.ndarray, list[tuple[str, ...]]]:
    """Per node: the number of its gap kinds (as `gaps` lists them) among the distinct lists of kinds, the
    second value; number 0 is the empty one, of the nodes in no gap."""
    sets: dict[tuple[str, ...], int] = {(): 0}
    number = sets.setdefault
    marked = np.fromiter(gaps, dtype=np.int64, count=len(gaps))
    found = np.fromiter((number(tuple(kinds), len(sets)) for kinds in gaps.values()), np.int64, len(gaps))
    order = np.argsort(marked, kind="stable")
    marked, found = marked[order], found[order]
    at = np.minimum(np.searchsorted(marked, nodes), max(len(marked) - 1, 0))
    hit = marked[at] == nodes if len(marked) else np.zeros(len(nodes), dtype=bool)
    return np.where(hit, found[at] if len(marked) else 0, 0), list(sets)


#: the coverage column that counts each gap kind (keys of `GAP_LABELS`): it needs the tables the kind needs
GAP_COLUMN: dict[str, str] = {
    "unlinked": "unlinked",
    "unorganized": "unorganized",
    "sector": "sector_gaps",
    "township": "township_gaps",
    "platform": "platform_gaps",
    "overloaded": "overloaded",
}


def unknown_gaps(ds: Dataset) -> dict[str, list[str]]:
    """Gap kind -> the tables not recorded that leave it unknown (DESIGN 3: 未提供, not a count of 0), for the
    kinds that are; as the coverage table says n/a for their counts."""
    from pbgraph.analyses.coverage import unknown_for

    found = {kind: unknown_for(ds, column) for kind, column in GAP_COLUMN.items()}
    return {kind: missing for kind, missing in found.items() if missing}


def gap_needs(ds: Dataset) -> list[str]:
    """The tables not recorded that some gap kind needs, also those that leave it known in part (a township
    gap without organizations is still one without a township liaison)."""
    from pbgraph.analyses.coverage import needs_of

    return [need for column in GAP_COLUMN.values() for need in needs_of(column) if need in ds.not_recorded]


def facts(ds: Dataset) -> Facts:
    return ds.derived("view_facts", lambda d: Facts(d, index_of(d)))


@dataclass
class Selection:
    """Nodes (node numbers) and their positions; edges are the dataset's edges among them. `gaps` maps a
    node to the gap kinds it is part of; `focus` is the node the view is about."""

    nodes: np.ndarray
    xy: np.ndarray
    gaps: dict[int, list[str]] | None = None
    extra_tooltip: dict[int, dict[str, str]] | None = None
    #: per row of `nodes`: held in reserve (drawn on expand), not drawn at first
    reserve: np.ndarray | None = None
    focus: int | None = None
    rings: list[tuple[float, str]] | None = None
    #: per row of `nodes`: the id of the super-node it is folded into
    parents: np.ndarray | None = None

"""The graph views of a dataset (`pbgraph render VIEW`): which nodes and edges each view shows, where they
go, how they look, and what their legend, tooltips and caption say.

Every view is built from the dataset's node index with numpy; positions come from the structural layouts of
:mod:`pbgraph.render._layout`, so the same data and options always give the same picture. Above `node_limit`
visible nodes, members are aggregated into sector, township or committee super-nodes.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import scipy.sparse as sp

from pbgraph._errors import UnknownIdError
from pbgraph.graph import NodeIndex, index_of
from pbgraph.model import (
    LIAISON_KIND_ZH,
    NODE_KIND_ZH,
    NODE_TABLES,
    ORG_KIND_ZH,
    PARTY_ORG_KINDS,
    PARTY_ZH,
    LiaisonKind,
    OrgKind,
    Party,
)
from pbgraph.render import _layout
from pbgraph.render._html import DEFAULT_LABELS_EN, LegendItem, View, ViewEdge, ViewNode

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset

VIEWS = ("network", "org", "sector", "township", "member", "committee", "gaps", "reach")
COLOR_BY = ("party", "sector", "township", "committee")
DEFAULT_NODE_LIMIT = 3000

PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
    "#aec7e8",
    "#ffbb78",
    "#98df8a",
    "#c5b0d5",
    "#c49c94",
    "#f7b6d2",
    "#9edae5",
    "#dbdb8d",
    "#393b79",
    "#637939",
    "#8c6d31",
    "#843c39",
    "#7b4173",
)
PARTY_COLORS: dict[str, str] = {
    Party.CPC: "#d62728",
    Party.RCCK: "#1f77b4",
    Party.CDL: "#2ca02c",
    Party.CNDCA: "#ff7f0e",
    Party.CAPD: "#9467bd",
    Party.CPWDP: "#8c564b",
    Party.CZGP: "#e377c2",
    Party.JS: "#17becf",
    Party.TDSGL: "#bcbd22",
    Party.NP: "#7f7f7f",
    Party.MASSES: "#a6a6a6",
}
KIND_STYLE: dict[str, tuple[str, str, float]] = {  # shape, colour, size
    "member": ("dot", "#4e79a7", 9.0),
    "sector": ("diamond", "#f28e2b", 16.0),
    "township": ("square", "#59a14f", 14.0),
    "organization": ("triangle", "#b07aa1", 13.0),
    "contact": ("dot", "#c7c7c7", 4.0),
    "aggregate": ("hexagon", "#4e79a7", 20.0),
}
LIAISON_COLORS: dict[str, str] = {
    LiaisonKind.SECTOR: "#f28e2b",
    LiaisonKind.MEMBER: "#d62728",
    LiaisonKind.TOWNSHIP: "#59a14f",
    LiaisonKind.CONTACT: "#bab0ac",
}
STRUCTURE_COLOR = "#d9d9d9"
NOT_COUNTING_COLOR = "#999999"
GAP_LABELS: dict[str, tuple[str, str]] = {
    "unlinked": ("未联系的党外委员", "unlinked non-party member"),
    "unorganized": ("未组织的党员委员", "unorganized CPC member"),
    "sector": ("界别缺口", "sector gap"),
    "township": ("镇街缺口", "township gap"),
    "platform": ("平台缺口", "platform gap"),
    "overloaded": ("联系过多", "overloaded"),
}
TEXT: dict[str, tuple[str, str]] = {
    "network": ("组织网络", "Network"),
    "org": ("党组织体系（两条线）", "Party organization tree"),
    "sector": ("界别", "Sector"),
    "township": ("镇街", "Township"),
    "member": ("委员关系", "Member"),
    "committee": ("政协", "Committee"),
    "gaps": ("覆盖缺口", "Coverage gaps"),
    "reach": ("联系链覆盖", "Reach"),
    "members": ("委员", "members"),
    "nodes": ("节点", "nodes"),
    "edges": ("连线", "edges"),
    "dataset": ("数据集", "dataset"),
    "aggregated": (
        "节点超过 {limit} 个，已将委员按{by}聚合为 {count} 个汇总节点（另有 {hidden} 个联系群众未显示）。"
        "可用 --committee 或 --node-limit 查看明细。",
        "More than {limit} nodes: members are aggregated by {by} into {count} super-nodes ({hidden} contacts "
        "hidden). Use --committee or --node-limit for detail.",
    ),
    "by.sector": ("界别", "sector"),
    "by.township": ("镇街", "township"),
    "by.committee": ("政协", "committee"),
    "not_counting": ("不计入的联系（虚线）", "liaison that does not count (dashed)"),
    "structure": ("所属关系", "belongs to"),
    "hop": ("第 {hop} 跳", "hop {hop}"),
    "none": ("（无）", "(none)"),
    "people": ("{label}（{count} 人）", "{label} ({count})"),
}
TOOLTIP: dict[str, tuple[str, str]] = {
    "name": ("名称", "Name"),
    "id": ("编号", "Id"),
    "kind": ("类型", "Kind"),
    "party": ("政治面貌", "Party"),
    "sector": ("界别", "Sector"),
    "township": ("镇街", "Township"),
    "roles": ("职务", "Roles"),
    "committee": ("政协", "Committee"),
    "liaises": ("联系党外委员", "Liaises with (non-party)"),
    "liaised": ("被党员委员联系", "Liaised by CPC members"),
    "contacts": ("联系群众", "Contacts"),
    "members": ("委员数", "Members"),
    "gap": ("缺口", "Gap"),
    "hop": ("跳数", "Hop"),
}


def _t(key: str, lang: str, table: dict[str, tuple[str, str]] = TEXT) -> str:
    zh, en = table[key]
    return zh if lang == "zh" else en


def view_date() -> str:
    """The date printed on views: today, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return when.date().isoformat()


@dataclass
class _Facts:
    """Per-node display facts for a dataset, computed once."""

    ds: Dataset
    ix: NodeIndex

    @cached_property
    def labels(self) -> np.ndarray:
        parts = []
        for table in NODE_TABLES:
            frame = getattr(self.ds, table)
            names = frame["name"].to_numpy(dtype=object)
            parts.append(np.where(names == "", frame["id"].to_numpy(dtype=object), names))
        return np.concatenate(parts) if parts else np.zeros(0, dtype=object)

    @cached_property
    def ids(self) -> np.ndarray:
        return np.asarray(self.ix.ids.to_numpy(zero_copy_only=False), dtype=object)

    @cached_property
    def kind_names(self) -> np.ndarray:
        names = np.array(["member", "sector", "township", "organization", "contact"], dtype=object)
        return names[self.ix.kind]

    @cached_property
    def committee(self) -> np.ndarray:
        parts = []
        for table in NODE_TABLES:
            frame = getattr(self.ds, table)
            if "committee" in frame.columns:
                parts.append(frame["committee"].to_numpy(dtype=object))
            else:  # contacts: their township's committee
                town = pd.Series(self.ds.townships["committee"].to_numpy(), index=self.ds.townships["id"])
                parts.append(frame["township"].map(town).fillna("").to_numpy(dtype=object))
        return np.concatenate(parts)

    @cached_property
    def counts(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per member row: counting member liaisons out, in; contact liaisons."""
        ix = self.ix
        n = len(self.ds.members)
        kinds = list(LiaisonKind)
        member = ix.counting & (ix.liaison_kind == kinds.index(LiaisonKind.MEMBER))
        contact = ix.counting & (ix.liaison_kind == kinds.index(LiaisonKind.CONTACT))
        return (
            np.bincount(ix.liaison_source[member], minlength=n)[:n],
            np.bincount(ix.liaison_target[member], minlength=n)[:n],
            np.bincount(ix.liaison_source[contact], minlength=n)[:n],
        )

    @cached_property
    def edges(self) -> pd.DataFrame:
        """Every edge of the dataset on node numbers: source, target, type, liaison kind, counts."""
        ix, ds = self.ix, self.ds
        parts = [
            pd.DataFrame(
                {
                    "source": ix.liaison_source,
                    "target": ix.liaison_target,
                    "type": "liaison",
                    "kind": ds.liaisons["kind"].to_numpy(dtype=object),
                    "counts": ix.counting,
                }
            )
        ]

        def structural(source: np.ndarray, target: np.ndarray, kind: str) -> None:
            keep = (source >= 0) & (target >= 0)
            parts.append(
                pd.DataFrame(
                    {"source": source[keep], "target": target[keep], "type": kind, "kind": "", "counts": True}
                )
            )

        structural(ix.column("memberships", "member"), ix.column("memberships", "organization"), "membership")
        structural(ix.numbers("members"), ix.member_sector, "in_sector")
        structural(ix.numbers("sectors"), ix.sector_group, "in_group")
        structural(ix.numbers("organizations"), ix.column("organizations", "parent"), "parent")
        return pd.concat(parts, ignore_index=True)

    def tooltip(self, node: int, lang: str) -> dict[str, str]:
        ds, ix = self.ds, self.ix
        kind = self.kind_names[node]
        tip = {
            _t("name", lang, TOOLTIP): str(self.labels[node]),
            _t("id", lang, TOOLTIP): str(self.ids[node]),
        }
        if kind == "member":
            row = ds.members.iloc[node]
            out, inbound, contacts = (c[node] for c in self.counts)
            party = row["party"]
            tip[_t("party", lang, TOOLTIP)] = PARTY_ZH.get(party, party) if lang == "zh" else party
            tip[_t("sector", lang, TOOLTIP)] = ds.name_of(row["sector"]) or row["sector"]
            tip[_t("township", lang, TOOLTIP)] = ds.name_of(row["township"]) or row["township"]
            if row["roles"]:
                tip[_t("roles", lang, TOOLTIP)] = row["roles"]
            tip[_t("liaises", lang, TOOLTIP)] = str(out)
            tip[_t("liaised", lang, TOOLTIP)] = str(inbound)
            tip[_t("contacts", lang, TOOLTIP)] = str(contacts)
        elif kind == "organization":
            org_kind = str(ds.organizations["kind"].iat[node - ix.offsets["organizations"]])
            tip[_t("kind", lang, TOOLTIP)] = ORG_KIND_ZH.get(org_kind, org_kind) if lang == "zh" else org_kind
        else:
            tip[_t("kind", lang, TOOLTIP)] = NODE_KIND_ZH.get(kind, kind) if lang == "zh" else kind
        committee = self.committee[node]
        if committee:
            tip[_t("committee", lang, TOOLTIP)] = ds.name_of(committee) or committee
        return tip


def _facts(ds: Dataset) -> _Facts:
    return ds.derived("view_facts", lambda d: _Facts(d, index_of(d)))


@dataclass
class _Selection:
    """Nodes (node numbers) and their positions; edges are the dataset's edges among them."""

    nodes: np.ndarray
    xy: np.ndarray
    highlight: dict[int, str] | None = None
    extra_tooltip: dict[int, dict[str, str]] | None = None


class _Builder:
    def __init__(
        self, ds: Dataset, *, lang: str, color_by: str, node_limit: int, committee: str | None, max_load: int
    ) -> None:
        if color_by not in COLOR_BY:
            raise ValueError(f"color_by must be one of {COLOR_BY}")
        self.ds, self.lang, self.color_by = ds, lang, color_by
        self.node_limit, self.committee, self.max_load = node_limit, committee, max_load
        self.f = _facts(ds)
        self.ix = self.f.ix
        if committee is not None and committee not in ds.committees:
            raise UnknownIdError(f"未知的政协编号“{committee}” / unknown committee id {committee!r}")

    # colours ---------------------------------------------------------------------------------------------

    def member_color_keys(self, members: np.ndarray) -> np.ndarray:
        frame = self.ds.members
        column = {"party": "party", "sector": "sector", "township": "township", "committee": "committee"}
        return frame[column[self.color_by]].to_numpy(dtype=object)[members]

    def color_map(self, keys: np.ndarray) -> dict[str, str]:
        if self.color_by == "party":
            return {k: PARTY_COLORS.get(k, "#7f7f7f") for k in pd.unique(keys)}
        ordered = sorted(set(keys.tolist()))
        return {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(ordered)}

    def color_label(self, key: str) -> str:
        if not key:
            return _t("none", self.lang)
        if self.color_by == "party":
            return PARTY_ZH.get(key, key) if self.lang == "zh" else key
        return self.ds.name_of(key) or key

    # scope -----------------------------------------------------------------------------------------------

    def in_scope(self) -> np.ndarray:
        """Node numbers of the committee (or the whole dataset)."""
        if self.committee is None:
            return np.arange(self.ix.size)
        from pbgraph.analyses._common import member_mask

        keep = self.f.committee == self.committee
        keep[: len(self.ds.members)] = member_mask(self.ds, self.committee)
        return np.flatnonzero(keep)

    # layouts ---------------------------------------------------------------------------------------------

    def clustered_positions(self, nodes: np.ndarray) -> np.ndarray:
        """Members clustered (by sector, township or committee), their sector/township at the centre,
        contacts around their member, organizations and unclustered nodes in clusters of their own kind."""
        ix, ds = self.ix, self.ds
        kinds = self.f.kind_names[nodes]
        by = {"township": "township", "committee": "committee"}.get(self.color_by, "sector")
        key = np.empty(len(nodes), dtype=object)
        is_member = kinds == "member"
        key[is_member] = ds.members[by].to_numpy(dtype=object)[nodes[is_member]]
        centre_kind = {"sector": "sector", "township": "township"}.get(by)
        own = kinds == centre_kind if centre_kind else np.zeros(len(nodes), dtype=bool)
        key[own] = self.f.ids[nodes[own]]
        rest = ~is_member & ~own & (kinds != "contact")
        key[rest] = "~" + kinds[rest]
        contact = kinds == "contact"
        # contacts circle their first liaising member, if that member is in the view
        anchor = np.full(len(nodes), -1, dtype=np.int64)
        if contact.any():
            first = self.contact_anchor()
            position_of = np.full(ix.size, -1, dtype=np.int64)
            position_of[nodes] = np.arange(len(nodes))
            anchor[contact] = position_of[np.maximum(first[nodes[contact] - ix.offsets["contacts"]], 0)]
            anchor[contact & (anchor < 0)] = -1
            orphan = contact & (anchor < 0)
            key[orphan] = "~contact"
        clustered = ~(contact & (anchor >= 0))
        # cluster centres first: sorted so that the sector (or township) node gets rank 0
        codes = pd.factorize(pd.Series(key[clustered]).fillna("~none"), sort=True)[0]
        xy = np.zeros((len(nodes), 2))
        cluster_rows = np.flatnonzero(clustered)
        priority = np.argsort(~own[cluster_rows], kind="stable")
        placed = _layout.clustered(codes[priority])
        xy[cluster_rows[priority]] = placed
        sat = np.flatnonzero(~clustered)
        if len(sat):
            xy[sat] = _layout.satellites(anchor[sat], xy, radius=12.0)
        return xy

    def contact_anchor(self) -> np.ndarray:
        """Per contact row: node number of the first member liaising with it (-1 if none)."""
        ix = self.ix
        kinds = list(LiaisonKind)
        mask = ix.liaison_kind == kinds.index(LiaisonKind.CONTACT)
        target = ix.liaison_target[mask] - ix.offsets["contacts"]
        source = ix.liaison_source[mask]
        anchor = np.full(len(self.ds.contacts), -1, dtype=np.int64)
        valid = (target >= 0) & (target < len(anchor))
        # reversed so that the first liaison of a contact wins
        anchor[target[valid][::-1]] = source[valid][::-1]
        return anchor

    # assembling ------------------------------------------------------------------------------------------

    def view(
        self,
        title: str,
        selection: _Selection,
        *,
        extra_legend: Sequence[LegendItem] = (),
        notice: str | None = None,
        hierarchical: bool = False,
        edge_types: Sequence[str] | None = None,
    ) -> View:
        nodes, xy = selection.nodes, selection.xy
        lang = self.lang
        kinds = self.f.kind_names[nodes]
        member_rows = nodes[kinds == "member"]
        colors = self.color_map(self.member_color_keys(member_rows)) if len(member_rows) else {}
        member_keys = np.full(len(nodes), "", dtype=object)
        member_keys[kinds == "member"] = self.member_color_keys(member_rows)
        view_nodes = []
        highlight = selection.highlight or {}
        extra = selection.extra_tooltip or {}
        for i, node in enumerate(nodes.tolist()):
            kind = kinds[i]
            shape, color, size = KIND_STYLE[kind]
            attrs = {"kind": NODE_KIND_ZH.get(kind, kind) if lang == "zh" else kind}
            if kind == "member":
                key = member_keys[i]
                color = colors.get(key, color)
                party = str(self.ds.members["party"].iat[node])
                attrs["party"] = PARTY_ZH.get(party, party) if lang == "zh" else party
                attrs["sector"] = self.ds.name_of(str(self.ds.members["sector"].iat[node])) or _t(
                    "none", lang
                )
                if self.ds.members["party_group"].iat[node]:
                    size = 12.0
            tip = self.f.tooltip(node, lang) | extra.get(node, {})
            gap = highlight.get(node)
            if gap:
                tip[_t("gap", lang, TOOLTIP)] = gap
            view_nodes.append(
                ViewNode(
                    id=str(self.f.ids[node]),
                    label=str(self.f.labels[node]) if kind != "contact" else "",
                    kind=kind,
                    x=round(float(xy[i, 0]), 2),
                    y=round(float(xy[i, 1]), 2),
                    color=color,
                    shape=shape,
                    size=size,
                    tooltip=tip,
                    attrs=attrs,
                    highlight=gap,
                )
            )
        view_edges = self.edges_among(nodes, edge_types)
        legend = self.legend(nodes, colors, view_edges)
        legend.extend(extra_legend)
        caption = self.caption(len(view_nodes), len(view_edges), int((kinds == "member").sum()))
        return View(
            title=title,
            caption=caption,
            nodes=view_nodes,
            edges=view_edges,
            legend=legend,
            notice=notice,
            physics=False,
            hierarchical=hierarchical,
            labels=self.ui_labels(),
        )

    def edges_among(self, nodes: np.ndarray, types: Sequence[str] | None) -> list[ViewEdge]:
        edges = self.f.edges
        inside = np.zeros(self.ix.size, dtype=bool)
        inside[nodes] = True
        keep = inside[edges["source"].to_numpy()] & inside[edges["target"].to_numpy()]
        if types is not None:
            keep &= edges["type"].isin(list(types)).to_numpy()
        chosen = edges[keep].drop_duplicates(["source", "target", "type", "kind"])
        ids = self.f.ids
        out = []
        lang = self.lang
        for source, target, kind_type, kind, counts in chosen.itertuples(index=False):
            if kind_type == "liaison":
                label = LIAISON_KIND_ZH.get(kind, kind) if lang == "zh" else f"{kind} liaison"
                if counts:
                    out.append(
                        ViewEdge(
                            str(ids[source]),
                            str(ids[target]),
                            LIAISON_COLORS.get(kind, "#999999"),
                            width=1.6 if kind != LiaisonKind.CONTACT else 0.6,
                            tooltip=label,
                        )
                    )
                else:
                    out.append(
                        ViewEdge(
                            str(ids[source]),
                            str(ids[target]),
                            NOT_COUNTING_COLOR,
                            dashes=True,
                            tooltip=label + ("（不计入）" if lang == "zh" else " (does not count)"),
                        )
                    )
            else:
                out.append(
                    ViewEdge(
                        str(ids[source]),
                        str(ids[target]),
                        STRUCTURE_COLOR,
                        width=0.5,
                        arrows=False,
                        tooltip=_t("structure", lang),
                    )
                )
        return out

    def legend(self, nodes: np.ndarray, colors: dict[str, str], edges: list[ViewEdge]) -> list[LegendItem]:
        kinds = self.f.kind_names[nodes]
        items = []
        member_rows = nodes[kinds == "member"]
        keys = self.member_color_keys(member_rows)
        counts = pd.Series(keys).value_counts()
        for key in sorted(colors, key=lambda k: (-counts.get(k, 0), str(k)))[:24]:
            items.append(LegendItem(self.color_label(key), colors[key], "dot", int(counts.get(key, 0))))
        for kind in ("sector", "township", "organization", "contact", "aggregate"):
            count = int((kinds == kind).sum())
            if count:
                shape, color, _ = KIND_STYLE[kind]
                label = NODE_KIND_ZH.get(kind, kind) if self.lang == "zh" else kind
                items.append(LegendItem(str(label), color, shape, count))
        seen_kinds = {e.tooltip for e in edges if not e.dashes and e.arrows}
        for kind in LiaisonKind:
            label = LIAISON_KIND_ZH[kind] if self.lang == "zh" else f"{kind.value} liaison"
            if label in seen_kinds:
                items.append(
                    LegendItem(
                        label, LIAISON_COLORS[kind], "line", sum(1 for e in edges if e.tooltip == label)
                    )
                )
        dashed = sum(1 for e in edges if e.dashes)
        if dashed:
            items.append(LegendItem(_t("not_counting", self.lang), NOT_COUNTING_COLOR, "dashed", dashed))
        return items

    def caption(self, nodes: int, edges: int, members: int) -> str:
        lang = self.lang
        scope = self.ds.name_of(self.committee) if self.committee else ""
        parts = [
            f"{_t('dataset', lang)} {self.ds.name}" + (f" · {scope}" if scope else ""),
            view_date(),
            f"{_t('members', lang)} {members}",
            f"{_t('nodes', lang)} {nodes}",
            f"{_t('edges', lang)} {edges}",
        ]
        return " · ".join(parts)

    def ui_labels(self) -> dict[str, str]:
        return {} if self.lang == "zh" else dict(DEFAULT_LABELS_EN)

    # aggregation -----------------------------------------------------------------------------------------

    def aggregated(
        self, title: str, nodes: np.ndarray, highlight_members: dict[int, str] | None = None
    ) -> View:
        """Members of `nodes` folded into super-nodes: by sector, or by committee, or by the committee above,
        whichever is the finest grouping that fits under the node limit."""
        ds, lang = self.ds, self.lang
        kinds = self.f.kind_names[nodes]
        members = nodes[kinds == "member"]
        by, keys = "sector", ds.members["sector"].to_numpy(dtype=object)[members]
        if len(pd.unique(keys)) > self.node_limit:
            # a member of two committees is counted under the first
            by, keys = (
                "committee",
                ds.members["committee"].str.split(";").str[0].to_numpy(dtype=object)[members],
            )
            parent = dict(zip(ds.organizations["id"], ds.organizations["parent"], strict=True))
            while len(pd.unique(keys)) > self.node_limit:
                above = np.array([parent.get(k) or k for k in keys], dtype=object)
                if (above == keys).all():
                    break  # top committees only; more of them than the limit
                keys = above
        codes, uniques = pd.factorize(pd.Series(keys), sort=True)
        sizes = np.bincount(codes, minlength=len(uniques))
        cpc = np.bincount(codes, weights=self.ix.is_cpc[members].astype(float), minlength=len(uniques))
        gap_counts = np.zeros(len(uniques))
        if highlight_members:
            flagged = np.isin(members, list(highlight_members))
            gap_counts = np.bincount(codes[flagged], minlength=len(uniques)).astype(float)
        xy = _layout.sunflower(len(uniques), spacing=120.0)
        shape, color, _ = KIND_STYLE["aggregate"]
        view_nodes = []
        for i, key in enumerate(uniques.tolist()):
            label = ds.name_of(key) or key or _t("none", lang)
            tip = {
                _t("name", lang, TOOLTIP): label,
                _t("members", lang, TOOLTIP): str(int(sizes[i])),
                ("党员委员" if lang == "zh" else "CPC members"): str(int(cpc[i])),
            }
            gap = None
            if gap_counts[i]:
                gap = f"缺口 {int(gap_counts[i])}" if lang == "zh" else f"{int(gap_counts[i])} gaps"
            view_nodes.append(
                ViewNode(
                    id=f"agg:{key}",
                    label=_t("people", lang).format(label=label, count=int(sizes[i])),
                    kind="aggregate",
                    x=round(float(xy[i, 0]), 2),
                    y=round(float(xy[i, 1]), 2),
                    color=color if not gap else "#e15759",
                    shape=shape,
                    size=float(8 + 3 * np.sqrt(sizes[i])),
                    tooltip=tip,
                    attrs={"kind": NODE_KIND_ZH["member"] if lang == "zh" else "member"},
                    highlight=gap,
                )
            )
        # counting member liaisons between super-nodes, as one edge per pair with its count
        ix = self.ix
        code_of = np.full(ix.size, -1, dtype=np.int64)
        code_of[members] = codes
        kinds_all = list(LiaisonKind)
        mask = ix.counting & (ix.liaison_kind == kinds_all.index(LiaisonKind.MEMBER))
        a, b = code_of[ix.liaison_source[mask]], code_of[ix.liaison_target[mask]]
        keep = (a >= 0) & (b >= 0) & (a != b)
        keys, counts = np.unique(a[keep] * len(uniques) + b[keep], return_counts=True)
        pairs = zip(
            (keys // len(uniques)).tolist(), (keys % len(uniques)).tolist(), counts.tolist(), strict=True
        )
        view_edges = [
            ViewEdge(
                f"agg:{uniques[s]}",
                f"agg:{uniques[t]}",
                LIAISON_COLORS[LiaisonKind.MEMBER],
                width=float(min(8, 1 + np.log2(c))),
                tooltip=(f"联系党外委员 {c} 条" if lang == "zh" else f"{c} member liaisons"),
            )
            for s, t, c in pairs
        ]
        hidden = int((kinds == "contact").sum())
        notice = _t("aggregated", lang).format(
            limit=self.node_limit, by=_t(f"by.{by}", lang), count=len(uniques), hidden=hidden
        )
        legend = [LegendItem(_t(f"by.{by}", lang), color, shape, len(uniques))]
        if view_edges:
            legend.append(
                LegendItem(
                    LIAISON_KIND_ZH[LiaisonKind.MEMBER] if lang == "zh" else "member liaisons",
                    LIAISON_COLORS[LiaisonKind.MEMBER],
                    "line",
                    len(view_edges),
                )
            )
        caption = self.caption(len(view_nodes), len(view_edges), len(members))
        return View(
            title=title,
            caption=caption,
            nodes=view_nodes,
            edges=view_edges,
            legend=legend,
            notice=notice,
            labels=self.ui_labels(),
        )


def _scope_name(ds: Dataset, committee: str | None) -> str:
    """What a whole-network view is about: the committee, or the dataset when it holds several."""
    if committee is None and len(ds.committees) == 1:
        committee = ds.committees[0]
    return ds.name_of(committee) if committee else ds.name


def _title(builder: _Builder, key: str, subject: str = "") -> str:
    base = _t(key, builder.lang)
    return (
        f"{base}：{subject}"
        if subject and builder.lang == "zh"
        else (f"{base}: {subject}" if subject else base)
    )


def _network(
    b: _Builder,
    title: str,
    nodes: np.ndarray,
    highlight: dict[int, str] | None = None,
    extra_legend: Sequence[LegendItem] = (),
) -> View:
    if len(nodes) > b.node_limit:
        return b.aggregated(title, nodes, highlight)
    xy = b.clustered_positions(nodes)
    return b.view(title, _Selection(nodes, xy, highlight), extra_legend=extra_legend)


def _neighbourhood(b: _Builder, seeds: np.ndarray, depth: int, *, liaisons_only: bool = False) -> np.ndarray:
    """Seeds and every node within `depth` hops, direction ignored."""
    edges = b.f.edges
    if liaisons_only:
        edges = edges[edges["type"] == "liaison"]
    n = b.ix.size
    a, c = edges["source"].to_numpy(), edges["target"].to_numpy()
    adjacency = sp.csr_matrix((np.ones(2 * len(a), dtype=bool), (np.r_[a, c], np.r_[c, a])), shape=(n, n))
    reached = np.zeros(n, dtype=bool)
    reached[seeds] = True
    frontier = reached.copy()
    for _ in range(depth):
        step = (adjacency.T @ frontier.astype(np.int8)) > 0
        frontier = step & ~reached
        reached |= frontier
        if not frontier.any():
            break
    return np.flatnonzero(reached)


def _lookup_node(b: _Builder, node_id: str | None, table: str) -> int:
    if not node_id:
        raise UnknownIdError(f"此视图需要一个编号 / this view needs an id ({table})")
    number = int(b.ix.lookup(np.array([node_id], dtype=object))[0])
    start, stop = b.ix.offsets[table], b.ix.offsets[table] + len(getattr(b.ds, table))
    if not start <= number < stop:
        raise UnknownIdError(f"未知的编号“{node_id}” / unknown {table[:-1]} id {node_id!r}")
    return number


def gap_highlights(ds: Dataset, *, committee: str | None, max_load: int, lang: str) -> dict[int, str]:
    """Node number -> gap label, for every gap the analyses find."""
    from pbgraph import analyses

    ix = index_of(ds)
    found: dict[int, str] = {}

    def mark(ids: pd.Series, key: str) -> None:
        label = _t(key, lang, GAP_LABELS)
        for node in ix.lookup(ids).tolist():
            if node >= 0:
                found[node] = f"{found[node]}；{label}" if node in found else label

    mark(analyses.unlinked(ds, committee=committee)["id"], "unlinked")
    mark(analyses.unorganized(ds, committee=committee)["id"], "unorganized")
    mark(analyses.sector_gaps(ds, committee=committee)["id"].drop_duplicates(), "sector")
    mark(analyses.township_gaps(ds, committee=committee)["id"].drop_duplicates(), "township")
    mark(analyses.platform_gaps(ds, committee=committee)["id"], "platform")
    loads = analyses.liaison_load(ds, committee=committee, max_load=max_load)
    mark(loads.loc[loads["overloaded"], "id"], "overloaded")
    return found


def build_view(
    ds: Dataset,
    name: str,
    target: str | None = None,
    *,
    committee: str | None = None,
    color_by: str = "party",
    depth: int = 1,
    node_limit: int = DEFAULT_NODE_LIMIT,
    max_load: int = 5,
    lang: str = "zh",
) -> View:
    """Build one of the graph views (`VIEWS`) of a dataset.

    Parameters
    ----------
    name
        network, org, sector, township, member, committee, gaps or reach.
    target
        The id the view is about (sector, township, member, committee, reach source).
    committee
        Restrict network, org and gaps to one committee.
    color_by
        Member colour: party, sector, township or committee.
    depth
        Hops of the member ego view and of reach (reach: None-like 0 = unlimited).
    node_limit
        Above this many nodes, members are aggregated into super-nodes.

    Examples
    --------
    >>> from pbgraph import load
    >>> view = build_view(load("data/sample"), "network")
    >>> len(view.nodes) > 250
    True
    """
    if name not in VIEWS:
        raise ValueError(f"unknown view {name!r}; choose from {', '.join(VIEWS)}")
    if name == "committee":
        if not target or target not in ds.committees:
            raise UnknownIdError(f"未知的政协编号“{target}” / unknown committee id {target!r}")
        committee, name = target, "network"
        b = _Builder(
            ds, lang=lang, color_by=color_by, node_limit=node_limit, committee=committee, max_load=max_load
        )
        return _network(b, _title(b, "committee", ds.name_of(target)), b.in_scope())
    b = _Builder(
        ds, lang=lang, color_by=color_by, node_limit=node_limit, committee=committee, max_load=max_load
    )
    if name == "network":
        return _network(b, _title(b, "network", _scope_name(ds, committee)), b.in_scope())
    if name == "gaps":
        highlight = gap_highlights(ds, committee=committee, max_load=max_load, lang=lang)
        counts = pd.Series(list(highlight.values())).str.split("；").explode().value_counts()
        legend = [
            LegendItem(f"{label}", "#e15759", "dot", int(counts.get(label, 0)))
            for label in (_t(k, lang, GAP_LABELS) for k in GAP_LABELS)
        ]
        return _network(b, _title(b, "gaps", _scope_name(ds, committee)), b.in_scope(), highlight, legend)
    if name == "org":
        return _org_view(b)
    if name == "sector":
        sector = _lookup_node(b, target, "sectors")
        members = np.flatnonzero(b.ix.member_sector == sector)
        group = b.ix.sector_group[sector - b.ix.offsets["sectors"]]
        seeds = np.concatenate([[sector], members, [group] if group >= 0 else []]).astype(np.int64)
        nodes = _neighbourhood(b, seeds, 1, liaisons_only=True)
        return _network(b, _title(b, "sector", str(b.f.labels[sector])), nodes)
    if name == "township":
        township = _lookup_node(b, target, "townships")
        tid = b.f.ids[township]
        located = [
            b.ix.numbers(t)[(getattr(ds, t)["township"] == tid).to_numpy()]
            for t in ("members", "organizations", "contacts")
        ]
        seeds = np.concatenate([[township], *located]).astype(np.int64)
        nodes = _neighbourhood(b, seeds, 1, liaisons_only=True)
        return _network(b, _title(b, "township", str(b.f.labels[township])), nodes)
    if name == "member":
        member = _lookup_node(b, target, "members")
        nodes = _neighbourhood(b, np.array([member]), max(depth, 1))
        return _network(b, _title(b, "member", str(b.f.labels[member])), nodes)
    return _reach_view(b, target, depth)


def _org_view(b: _Builder) -> View:
    """The party organization tree (office line and duty line) under the committee, members as leaves."""
    ds, ix = b.ds, b.ix
    orgs = ds.organizations
    keep = orgs["kind"].isin([*PARTY_ORG_KINDS, OrgKind.COMMITTEE]).to_numpy().copy()
    if b.committee is not None:
        keep &= (orgs["committee"] == b.committee).to_numpy()
    org_rows = np.flatnonzero(keep)
    org_nodes = org_rows + ix.offsets["organizations"]
    position = {int(r): i for i, r in enumerate(org_rows)}
    parents = ix.column("organizations", "parent") - ix.offsets["organizations"]
    parent = [position.get(int(parents[r]), -1) for r in org_rows]
    # members hang under the first party organization they belong to
    member_numbers = ix.column("memberships", "member")
    org_of = ix.column("memberships", "organization") - ix.offsets["organizations"]
    first: dict[int, int] = {}
    for member, org in zip(member_numbers.tolist(), org_of.tolist(), strict=True):
        if org in position and member not in first:
            first[member] = position[org]
    members = np.array(sorted(first, key=lambda m: (first[m], m)), dtype=np.int64)
    if len(org_nodes) + len(members) > b.node_limit:
        members = np.zeros(0, dtype=np.int64)
    parent += [first[int(m)] for m in members]
    nodes = np.concatenate([org_nodes, members]).astype(np.int64)
    xy = _layout.tree(parent, width=60.0, height=170.0)
    title = _title(b, "org", _scope_name(ds, b.committee))
    return b.view(title, _Selection(nodes, xy), hierarchical=True, edge_types=("membership", "parent"))


def _reach_view(b: _Builder, target: str | None, depth: int) -> View:
    """What one liaison source reaches, in rings by hop."""
    source = _lookup_node(b, target, "members")
    adjacency = b.ix.reach_adjacency.astype(bool).tocsr()
    hop = np.full(b.ix.size, -1, dtype=np.int64)
    hop[source] = 0
    frontier = np.array([source])
    level = 0
    limit = depth if depth and depth > 0 else None
    while frontier.size and (limit is None or level < limit):
        step = np.unique(adjacency[frontier].indices)
        step = step[hop[step] < 0]
        level += 1
        hop[step] = level
        frontier = step
    nodes = np.flatnonzero(hop >= 0)
    nodes = nodes[np.argsort(hop[nodes], kind="stable")]
    title = _title(b, "reach", str(b.f.labels[source]))
    if len(nodes) > b.node_limit:
        return b.aggregated(title, nodes)
    xy = np.zeros((len(nodes), 2))
    for h in np.unique(hop[nodes]):
        rows = np.flatnonzero(hop[nodes] == h)
        xy[rows] = _layout.ring(len(rows), 160.0 * h) if h else 0.0
    extra = {int(n): {_t("hop", b.lang, TOOLTIP): str(int(hop[n]))} for n in nodes}
    legend = [
        LegendItem(_t("hop", b.lang).format(hop=int(h)), "#cccccc", "dot", int((hop[nodes] == h).sum()))
        for h in np.unique(hop[nodes])
        if h > 0
    ]
    return b.view(
        title,
        _Selection(nodes, xy, None, extra),
        extra_legend=legend,
        edge_types=("liaison", "in_sector", "in_group"),
    )


__all__ = ["COLOR_BY", "DEFAULT_NODE_LIMIT", "VIEWS", "build_view", "gap_highlights", "view_date"]

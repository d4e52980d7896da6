"""Turning a selection of dataset nodes into a :class:`View`: colours, clustered positions, edges among the
nodes (which, and how they are drawn: :mod:`._edges`), legend and caption. Each view family
(:mod:`.network`, :mod:`.org`, :mod:`.reach`) chooses nodes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

import pbgraph.render._layout as _layout
from pbgraph._errors import InvalidOptionError
from pbgraph._texts.render import DEFAULT_LABELS_EN, GAP_LABELS, TOOLTIP, gap_names, legend_words, t
from pbgraph.analyses._common import unknown_committee
from pbgraph.format import party_name
from pbgraph.model import LIAISON_KIND_ZH, NODE_KIND_ZH, LiaisonKind
from pbgraph.render._columns import Records, Table
from pbgraph.render._model import LegendItem, View, ViewEdge, ViewNode, column
from pbgraph.render._rounding import rounded
from pbgraph.render.views._edges import edges_among
from pbgraph.render.views._facts import Selection, facts, gap_sets, take, unknown_gaps, view_date
from pbgraph.render.views._style import (
    DORMANT_COLOR,
    GAP_LEGEND_FILL,
    GAP_SYMBOL,
    KIND_STYLE,
    LIAISON_COLORS,
    NOT_COUNTING_COLOR,
    PALETTE,
    PARTY_COLORS,
)
from pbgraph.render.views._timeline import timeline_of

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset

COLOR_BY = ("party", "sector", "township", "committee")
#: the fields of an edge that its legend entries depend on
_LEGEND_FIELDS = ("tooltip", "dashes", "arrows", "liaison", "color")
_NODE_FIELDS = tuple(f.name for f in fields(ViewNode))


class Builder:
    """Options of one view and the dataset facts it draws from; turns a selection into a View."""

    def __init__(
        self, ds: Dataset, *, lang: str, color_by: str, node_limit: int, committee: str | None, max_load: int
    ) -> None:
        if color_by not in COLOR_BY:
            raise InvalidOptionError(f"color_by must be one of {COLOR_BY}")
        self.ds, self.lang, self.color_by = ds, lang, color_by
        self.node_limit, self.committee, self.max_load = node_limit, committee, max_load
        self.f = facts(ds)
        self.ix = self.f.ix
        #: give the view a time control (network and gaps views) when the dataset has dates to replay
        self.timeline = False
        if committee is not None and committee not in ds.committees:
            raise unknown_committee(committee, ds.committees, named_by=ds.name_of)

    # colours ---------------------------------------------------------------------------------------------

    def member_color_keys(self, members: np.ndarray) -> np.ndarray:
        # the member columns the facts keep as arrays (party, sector, township): not converted again per call
        kept = self.f.member_columns.get(self.color_by)
        if kept is None:
            kept = self.ds.members[self.color_by].to_numpy(dtype=object)
        return kept[members]

    def color_map(self, keys: np.ndarray) -> dict[str, str]:
        if self.color_by == "party":
            return {k: PARTY_COLORS.get(k, "#7f7f7f") for k in pd.unique(keys)}
        ordered = sorted(set(keys.tolist()))
        return {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(ordered)}

    def color_label(self, key: str) -> str:
        if not key:
            return t("none", self.lang)
        if self.color_by == "party":
            return party_name(key, self.lang)
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
        key[own] = take(self.ix.ids, nodes[own])
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
        xy[cluster_rows[priority]] = _layout.clustered(codes[priority])
        if len(cluster_rows) <= _layout.OWN_LABELS_UP_TO:
            # few names: moved apart so that no name covers a node or a name (at the zoom the page opens at,
            # where it draws every name itself)
            size, widths = self.label_sizes(nodes[cluster_rows], kinds[cluster_rows])
            opening = len(nodes) <= _layout.OWN_LABELS_UP_TO
            xy[cluster_rows] = _layout.apart(xy[cluster_rows], size, widths, opening=opening)
        sat = np.flatnonzero(~clustered)
        if len(sat):
            xy[sat] = _layout.satellites(anchor[sat], xy, radius=12.0)
        return xy

    def label_sizes(self, nodes: np.ndarray, kinds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Per node, its size as the view draws it (a member at a party-group member's 12) and the width of
        its name as the page draws it (`_layout.label_width`; contacts are drawn unnamed)."""
        size = np.array([KIND_STYLE[kind][2] for kind in kinds.tolist()], dtype=float)
        size[kinds == "member"] = 12.0
        labels = take(self.f.label_array, nodes)
        widths = np.array(
            [
                0.0 if kind == "contact" else _layout.label_width(label)
                for label, kind in zip(labels, kinds.tolist(), strict=True)
            ],
            dtype=float,
        )
        return size, widths

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
        selection: Selection,
        *,
        extra_legend: Sequence[LegendItem] = (),
        notice: str | None = None,
        hierarchical: bool = False,
        edge_types: Sequence[str] | None = None,
        centre_apart: bool = False,
    ) -> View:
        """The view of `selection`. `centre_apart`: the focus is the centre the view is about, not one of what
        it counts (a reach leaves out the source itself, DESIGN 4): the legend and the caption's member count
        leave it out, and the legend gives it an entry of its own."""
        nodes, xy = selection.nodes, selection.xy
        kinds = self.f.kind_names[nodes]
        is_member = kinds == "member"
        member_rows = nodes[is_member]
        member_keys = self.member_color_keys(member_rows)
        colors = self.color_map(member_keys) if len(member_rows) else {}
        gaps = selection.gaps or {}
        extra = selection.extra_tooltip or {}
        reserve = selection.reserve if selection.reserve is not None else np.zeros(len(nodes), dtype=bool)
        node_ids, labels = take(self.ix.ids, nodes), take(self.f.label_array, nodes)
        drawn = self._node_fields(nodes, xy, kinds, member_keys, colors, selection.focus, labels)
        gap_set, gap_kinds = gap_sets(gaps, nodes)
        highlights, badges = self._node_gaps(gap_set, gap_kinds)
        view_nodes = Table(
            ViewNode,
            dict(
                zip(
                    _NODE_FIELDS,
                    [
                        node_ids,
                        *drawn,
                        self._node_tooltips(nodes, highlights, extra, labels, node_ids),
                        self._node_attrs(kinds, member_rows),
                        highlights,
                        badges,
                        [None] * len(nodes)
                        if selection.parents is None
                        else list(map(str, selection.parents.tolist())),
                        reserve.astype(bool).tolist(),
                        (kinds == "contact").tolist(),
                    ],
                    strict=True,
                )
            ),
        )
        view_edges = edges_among(self, nodes, edge_types)
        shown = nodes[~reserve]
        shown_edges = view_edges
        if reserve.any():  # without nodes in reserve, every edge among the nodes is shown
            shown_ids = set(take(self.ix.ids, shown))
            ends = zip(view_edges.column("source"), view_edges.column("target"), strict=True)
            shown_edges = view_edges.take(
                np.flatnonzero([source in shown_ids and target in shown_ids for source, target in ends])
            )
        # a view that marks gaps has the gap legend, also when it finds none (or cannot look: not recorded)
        marks_gaps = selection.gaps is not None
        legend = self._gap_legend(_kind_counts(gap_set[~reserve], gap_kinds)) if marks_gaps else []
        counted = shown
        if centre_apart and selection.focus is not None:
            counted = shown[shown != selection.focus]
            centre = view_nodes[int(np.flatnonzero(nodes == selection.focus)[0])]
            legend.append(
                LegendItem(t("centre", self.lang), centre.color, centre.shape, len(shown) - len(counted))
            )
        legend += self.legend(counted, colors, shown_edges)
        legend.extend(extra_legend)
        caption = self.caption(
            len(shown),
            len(shown_edges),
            int((self.f.kind_names[counted] == "member").sum()),
            "reached_members" if centre_apart else "members",
        )
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
            focus=None if selection.focus is None else str(self.ix.ids[selection.focus].as_py()),
            rings=selection.rings or [],
            timeline=timeline_of(self.ds) if self.timeline else None,
        )

    def _node_fields(
        self,
        nodes: np.ndarray,
        xy: np.ndarray,
        kinds: np.ndarray,
        member_keys: np.ndarray,
        colors: dict[str, str],
        focus: int | None,
        labels: list[str],
    ) -> tuple[list[Any], ...]:
        """Per node: label (none for a contact), kind, x, y, colour, shape and size (the fields of a ViewNode
        after its id), from the nodes' `labels`."""
        style = [KIND_STYLE[kind] for kind in kinds.tolist()]
        shape = [s[0] for s in style]
        color = [s[1] for s in style]
        size = [s[2] for s in style]
        is_member = np.flatnonzero(kinds == "member")
        party_group = (
            self.f.member_columns["party_group"][nodes[is_member]].tolist() if len(is_member) else []
        )
        for i, key, in_group in zip(is_member.tolist(), member_keys.tolist(), party_group, strict=True):
            color[i] = colors.get(key, color[i])
            if in_group:
                size[i] = 12.0
        if focus is not None:
            for i in np.flatnonzero(nodes == focus).tolist():
                shape[i], size[i] = "star", 20.0
        shown_labels = [
            label if kind != "contact" else "" for label, kind in zip(labels, kinds.tolist(), strict=True)
        ]
        x = rounded(xy[:, 0].astype(float), 2) if len(nodes) else []
        y = rounded(xy[:, 1].astype(float), 2) if len(nodes) else []
        return shown_labels, kinds.tolist(), x, y, color, shape, size

    def _node_tooltips(
        self,
        nodes: np.ndarray,
        gap_text: list[str | None],
        extra: dict[int, dict[str, str]],
        labels: list[str],
        ids: list[str],
    ) -> Records:
        """Per node: its tooltip, with its extra lines and its gaps (`gap_text`) after the facts."""
        columns = self.f.tooltip_columns(nodes, self.lang, labels=labels, ids=ids)
        key_gap = t("gap", self.lang, TOOLTIP)
        if not extra:
            has_gap = np.fromiter(map(bool, gap_text), dtype=bool, count=len(nodes))
            return Records.from_columns(len(nodes), [*columns, (key_gap, gap_text, has_gap)])
        # extra lines (a reach view's hops) merge into each node's tooltip, one by one (a small view)
        tips = list(Records.from_columns(len(nodes), columns))
        for at, node in enumerate(nodes.tolist()):
            if node in extra:
                tips[at] |= extra[node]
            if gap_text[at]:
                tips[at][key_gap] = gap_text[at]
        return Records.from_dicts(tips)

    def _gap_text(self, kinds_of_gap: list[str] | None) -> str | None:
        return gap_names(kinds_of_gap or (), self.lang) or None

    def _node_attrs(self, kinds: np.ndarray, member_rows: np.ndarray) -> Records:
        """Per node: the filter attributes (kind; a member's party and sector)."""
        lang = self.lang
        col = self.f.member_columns
        party = [str(p) for p in col["party"][member_rows].tolist()]
        sector = [str(s) for s in col["sector"][member_rows].tolist()]
        party_label = {p: party_name(p, lang) for p in set(party)}
        none = t("none", lang)
        sector_name = {s: self.ds.name_of(s) or none for s in set(sector)}
        kind_list = kinds.tolist()
        kind_label = {kind: NODE_KIND_ZH.get(kind, kind) if lang == "zh" else kind for kind in set(kind_list)}
        is_member = kinds == "member"
        member_party = np.empty(len(kinds), dtype=object)
        member_party[is_member] = [party_label[p] for p in party]
        member_sector = np.empty(len(kinds), dtype=object)
        member_sector[is_member] = [sector_name[s] for s in sector]
        return Records.from_columns(
            len(kinds),
            [
                ("kind", [kind_label[kind] for kind in kind_list], None),
                ("party", member_party, is_member),
                ("sector", member_sector, is_member),
            ],
        )

    def _node_gaps(
        self, gap_set: np.ndarray, gap_kinds: list[tuple[str, ...]]
    ) -> tuple[list[str | None], list[tuple[str, ...]]]:
        """Per node (by its number among the lists of gap kinds, see `gap_sets`): its gap labels joined (the
        highlight; None where it has none) and the badge symbols of its gap kinds."""
        named = np.array([self._gap_text(list(kinds)) for kinds in gap_kinds], dtype=object)
        badges = np.empty(len(gap_kinds), dtype=object)
        badges[:] = [tuple(GAP_SYMBOL[k] for k in kinds) for kinds in gap_kinds]
        return named[gap_set].tolist(), badges[gap_set].tolist()

    def gap_legend(self, gaps: dict[int, list[str]]) -> list[LegendItem]:
        """One entry per gap kind, with its badge and the number of nodes that carry it (also zero), or 未提供
        (not recorded) for a kind whose tables the dataset does not give: it cannot be counted, not 0."""
        return self._gap_legend(Counter(k for kinds in gaps.values() for k in kinds))

    def _gap_legend(self, counts: Counter[str]) -> list[LegendItem]:
        unknown = unknown_gaps(self.ds)
        not_recorded = t("not_recorded", self.lang)
        items = []
        for key, symbol in GAP_SYMBOL.items():
            label, full = legend_words(key, self.lang, GAP_LABELS)
            count = not_recorded if key in unknown else int(counts.get(key, 0))
            items.append(LegendItem(label, GAP_LEGEND_FILL, "dot", count, symbol, full))
        return items

    def legend(
        self, nodes: np.ndarray, colors: dict[str, str], edges: Sequence[ViewEdge]
    ) -> list[LegendItem]:
        kinds = self.f.kind_names[nodes]
        items = []
        member_rows = nodes[kinds == "member"]
        keys = self.member_color_keys(member_rows)
        counts = pd.Series(keys).value_counts()
        for key in sorted(colors, key=lambda k: (-counts.get(k, 0), str(k)))[:24]:
            if not counts.get(key, 0):
                continue  # a colour of nodes held in reserve only
            label = self.color_label(key)
            # a long English party name would take three or four lines of the legend: its short form, the
            # full name in the entry's tooltip
            short = party_name(key, self.lang, short=True) if self.color_by == "party" and key else label
            full = label if short != label else None
            items.append(LegendItem(short, colors[key], "dot", int(counts.get(key, 0)), full=full))
        for kind in ("sector", "township", "organization", "contact", "aggregate"):
            count = int((kinds == kind).sum())
            if count:
                shape, color, _ = KIND_STYLE[kind]
                # a contact is a person (DESIGN 2: 群众 (联系对象)), not the liaisons to it (联系群众)
                label, full = (
                    legend_words("contact_node", self.lang)
                    if kind == "contact"
                    else (str(NODE_KIND_ZH.get(kind, kind)) if self.lang == "zh" else kind, None)
                )
                items.append(LegendItem(label, color, shape, count, full=full))
        # the edges counted by their (tooltip, dashes, arrows, liaison, colour) in one pass
        states = Counter(zip(*(column(edges, name) for name in _LEGEND_FIELDS), strict=True))
        seen_kinds = {tip for (tip, dashes, arrows, _, _) in states if not dashes and arrows}
        for kind in LiaisonKind:
            label = LIAISON_KIND_ZH[kind] if self.lang == "zh" else f"{kind.value} liaison"
            if label in seen_kinds:
                count = sum(n for (tip, *_), n in states.items() if tip == label)
                items.append(LegendItem(label, LIAISON_COLORS[kind], "line", count))
        faded = sum(n for (*_, liaison, color), n in states.items() if liaison and color == DORMANT_COLOR)
        if faded:
            label, full = legend_words("dormant", self.lang)
            items.append(LegendItem(label, DORMANT_COLOR, "line", faded, full=full))
        dashed = sum(n for (_, dashes, *_), n in states.items() if dashes)
        if dashed:
            label, full = legend_words("not_counting", self.lang)
            items.append(LegendItem(label, NOT_COUNTING_COLOR, "dashed", dashed, full=full))
        return items

    def caption(self, nodes: int, edges: int, members: int | None, members_key: str = "members") -> str:
        """The line under the title; `members` None where the view draws no members (the organizations),
        named by `members_key` (a reach counts the members reached)."""
        lang = self.lang
        scope = self.ds.name_of(self.committee) if self.committee else ""
        parts = [
            f"{t('dataset', lang)} {self.ds.name}" + (f" · {scope}" if scope else ""),
            view_date(),
            *([] if members is None else [f"{t(members_key, lang)} {members}"]),
            f"{t('nodes', lang)} {nodes}",
            f"{t('edges', lang)} {edges}",
        ]
        return " · ".join(parts)

    def ui_labels(self) -> dict[str, str]:
        return {} if self.lang == "zh" else dict(DEFAULT_LABELS_EN)

    # aggregation -----------------------------------------------------------------------------------------


def _kind_counts(gap_set: np.ndarray, gap_kinds: list[tuple[str, ...]]) -> Counter[str]:
    """How many nodes are in each kind of gap, from their numbers among the lists of kinds."""
    per_list = np.bincount(gap_set, minlength=len(gap_kinds)).tolist()
    counts: Counter[str] = Counter()
    for kinds, count in zip(gap_kinds, per_list, strict=True):
        for kind in kinds:
            counts[kind] += count
    return counts

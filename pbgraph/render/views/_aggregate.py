"""Drill-down instead of dead aggregation: above the node limit, contacts fold onto their member as a count,
and members into nested super-nodes (committee > sector > member) that open in place on double-click.

Every member stays in the file (folded), with its tooltip, gaps and liaisons: search finds a member inside
a super-node and opens the super-nodes around it, the path tool walks every liaison, and the page draws
the liaisons between folded members as one edge per pair of super-nodes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

import pbgraph.render._layout as _layout
from pbgraph._texts.render import GAP_LABELS, TOOLTIP, gap_names, t
from pbgraph.model import NODE_TABLES, LiaisonKind
from pbgraph.render._columns import Records, Table
from pbgraph.render._model import LegendItem, View, ViewEdge, ViewNode
from pbgraph.render._rounding import rounded
from pbgraph.render.views._edges import edge_rows
from pbgraph.render.views._facts import Selection, gap_sets
from pbgraph.render.views._style import GAP_SHARE_COLORS, GAP_SYMBOL, KIND_STYLE, LIAISON_COLORS

if TYPE_CHECKING:
    from pbgraph.render.views._builder import Builder

#: above this many members a drill-down file holds the super-nodes only (a province's 40,000 fit in ~9 MB)
MEMBER_EMBED_LIMIT = 60_000
_NODE_FIELDS = tuple(f.name for f in dataclasses.fields(ViewNode))
#: the upper bounds of the gap-share classes of `GAP_SHARE_COLORS` (the last is open)
GAP_SHARE_BOUNDS = (0.0, 0.10, 0.25)


def aggregated(
    b: Builder,
    title: str,
    nodes: np.ndarray,
    gaps: dict[int, list[str]] | None = None,
    members_key: str = "members",
) -> View:
    """The members of `nodes` folded into super-nodes: sectors, under their committee when the view holds
    several, under the committee above while there are more top groups than the node limit; the caption
    counts the members folded, named by `members_key`."""
    ds, lang = b.ds, b.lang
    # a view that marks gaps keeps its gap legend, also when it finds none
    marks_gaps = gaps is not None
    gaps = gaps or {}
    # the kind of each node by its code (its table's place in NODE_TABLES)
    kind = b.ix.kind[nodes]
    members = nodes[kind == NODE_TABLES.index("members")]
    # a member of two committees sits under the first, and is counted in each (as the tables count them)
    cells = ds.members["committee"].to_numpy(dtype=object)[members]
    committee = _each_once(
        cells, lambda cells: pd.Series(cells, dtype=object).str.split(";").str[0].to_numpy(dtype=object)
    )
    elsewhere = _drawn_elsewhere(cells)
    sector = ds.members["sector"].to_numpy(dtype=object)[members]
    sector_node = b.ix.member_sector[members]
    keys = [committee + "|" + sector]
    none = t("none", lang)
    names = [_each_once(sector, lambda cells: [ds.name_of(s) or s or none for s in cells])]
    levels_by = ["sector"]
    if len(pd.unique(committee)) > 1:
        keys.insert(0, committee)
        names.insert(0, _each_once(committee, lambda cells: [ds.name_of(c) or c or none for c in cells]))
        levels_by.insert(0, "committee")
        parent = dict(zip(ds.organizations["id"].tolist(), ds.organizations["parent"].tolist(), strict=True))
        while len(pd.unique(keys[0])) > b.node_limit:
            above = _each_once(keys[0], lambda cells: [parent.get(k) or k for k in cells])
            if (above == keys[0]).all():
                break  # top committees only; more of them than the limit
            keys.insert(0, above)
            names.insert(0, _each_once(above, lambda cells: [ds.name_of(c) or c for c in cells]))
            levels_by.insert(0, "committee")
    # group codes per level, each level's codes nested in the level above
    codes = []
    path = np.full(len(members), "", dtype=object)
    for level_keys in keys:
        path = path + "/" + level_keys
        codes.append(pd.factorize(pd.Series(path), sort=True)[0])
    placed, radius = _layout.nested(codes)
    *centres, member_xy = placed

    # the members, folded: built like any view's nodes, then each given its sector super-node
    gap_set, gap_kinds = gap_sets(gaps, members)
    is_gap = gap_set > 0
    holds = np.array([[key in kinds for key in GAP_LABELS] for kinds in gap_kinds], dtype=bool)
    has_kind = {key: holds[gap_set, k] for k, key in enumerate(GAP_LABELS)}
    # above MEMBER_EMBED_LIMIT members the file would pass tens of megabytes: super-nodes only
    embed = len(members) <= MEMBER_EMBED_LIMIT
    shape, color, _ = KIND_STYLE["aggregate"]
    key_name, key_members, key_gap, key_elsewhere = (
        t(k, lang, TOOLTIP) for k in ("name", "members", "gap", "elsewhere")
    )
    key_cpc, key_own, people, gap_suffix = (
        t(k, lang) for k in ("cpc_members", "own_gaps", "people", "gap_suffix")
    )
    kind_labels = [t(k, lang, GAP_LABELS) for k in has_kind]
    super_nodes: list[Table[ViewNode]] = []
    ids_per_level: list[np.ndarray] = []
    for level, level_codes in enumerate(codes):
        count = int(level_codes.max(initial=-1)) + 1
        first = np.zeros(count, dtype=np.int64)
        first[level_codes[::-1]] = np.arange(len(members))[::-1]
        ids = np.array([f"agg:{level}:{keys[level][i]}" for i in first], dtype=object)
        ids_per_level.append(ids)
        sizes = np.bincount(level_codes, minlength=count)
        # a committee's members drawn under another committee (their first) are counted in it too
        extra = np.zeros(count, dtype=np.int64)
        if keys[level] is committee:
            extra = np.array(
                [elsewhere.get(str(key), 0) for key in keys[level][first].tolist()], dtype=np.int64
            )
        cpc = np.bincount(level_codes, weights=b.ix.is_cpc[members].astype(float), minlength=count)
        flagged = np.bincount(level_codes[is_gap], minlength=count)
        kind_counts = {key: np.bincount(level_codes[has], minlength=count) for key, has in has_kind.items()}
        share_colors = np.searchsorted(GAP_SHARE_BOUNDS, flagged / np.maximum(sizes, 1), side="left").tolist()
        level_names = names[level][first].tolist()
        xs, ys = (
            rounded(centres[level][:, 0].astype(float), 2),
            rounded(centres[level][:, 1].astype(float), 2),
        )
        radii = radius[level].tolist()
        kind_attr = t(f"by.{levels_by[level]}", lang)
        parents = [None] * count if level == 0 else ids_per_level[level - 1][codes[level - 1][first]].tolist()
        kind_columns = [
            (label, c.tolist()) for label, c in zip(kind_labels, kind_counts.values(), strict=True)
        ]
        own_gaps = (
            [gaps.get(node, []) for node in sector_node[first].tolist()]
            if levels_by[level] == "sector"
            else [[]] * count
        )
        # a sector's own gaps (no liaison to it, …) mark its super-node
        own_text = [gap_names(own, lang) if own else "" for own in own_gaps]
        counted, flagged_list = (sizes + extra).tolist(), flagged.tolist()
        level_names = [str(name) for name in level_names]
        tips = Records.from_columns(
            count,
            [
                (key_name, level_names, None),
                (key_members, list(map(str, counted)), None),
                (key_elsewhere, list(map(str, extra.tolist())), extra > 0),
                (key_cpc, [str(int(in_cpc)) for in_cpc in cpc.tolist()], None),
                (key_gap, list(map(str, flagged_list)), None),
                *[(label, list(map(str, c)), np.asarray(c) != 0) for label, c in kind_columns],
                (key_own, own_text, np.fromiter(map(bool, own_text), dtype=bool, count=count)),
            ],
        )
        labels = [
            people.format(label=name, count=size) + (gap_suffix.format(count=in_gap) if in_gap else "")
            for name, size, in_gap in zip(level_names, counted, flagged_list, strict=True)
        ]
        node_columns: list[Any] = [
            list(map(str, ids.tolist())),
            labels,
            ["aggregate"] * count,
            xs,
            ys,
            [GAP_SHARE_COLORS[share] for share in share_colors] if marks_gaps else [color] * count,
            [shape] * count,
            # the hexagon covers its group's disc: opening it shows the children in its place
            np.fmax(12.0, 0.75 * np.asarray(radii, dtype=float)).tolist(),
            tips,
            Records.from_columns(count, [("kind", [kind_attr] * count, None)]),
            [text or None for text in own_text],
            [tuple(GAP_SYMBOL[k] for k in own) for own in own_gaps],
            [None if parent is None else str(parent) for parent in parents],
            [False] * count,
            [False] * count,
        ]
        super_nodes.append(Table(ViewNode, dict(zip(_NODE_FIELDS, node_columns, strict=True))))
    deepest = ids_per_level[-1][codes[-1]]
    shown = members if embed else members[:0]
    selection = Selection(
        shown, member_xy[: len(shown)], gaps if marks_gaps else None, parents=deepest[: len(shown)]
    )
    inner = b.view(title, selection, edge_types=("liaison",))
    folded = inner.nodes
    edges = inner.edges if embed else _between_groups(b, members, codes[-1], ids_per_level[-1])
    top = ids_per_level[0]
    contacts = int((kind == NODE_TABLES.index("contacts")).sum())
    others = len(nodes) - len(members) - contacts
    notice = t("drilldown" if embed else "drilldown_groups", lang).format(
        limit=b.node_limit, count=len(top), by=t(f"by.{levels_by[0]}", lang), contacts=contacts, others=others
    )
    legend = _share_legend(b) if marks_gaps else [LegendItem(t("by.group", lang), color, shape, len(top))]
    # the gap legend counts every gap in scope (sectors, townships, platforms too), not only members'
    legend_gaps = []
    if marks_gaps:
        in_view = np.zeros(b.ix.size, dtype=bool)
        in_view[nodes] = True
        legend_gaps = b.gap_legend({n: found for n, found in gaps.items() if in_view[n]})
    rest = [item for item in inner.legend if item.symbol is None]
    view = View(
        title=title,
        caption="",
        nodes=Table.concat(ViewNode, [*super_nodes, folded]),
        edges=edges,
        legend=[*legend_gaps, *legend, *rest],
        notice=notice,
        labels=b.ui_labels(),
        timeline=inner.timeline if embed else None,
        stands_for=len(members),
    )
    # what the page draws at first (`View.first_frame`), counted on the columns: the top super-nodes, and one
    # edge per pair of them that the liaisons (or the edges between deepest super-nodes) join
    if embed:
        edges_at = edge_rows(b, shown, ("liaison",))
        code_of = np.full(b.ix.size, -1, dtype=np.int64)
        code_of[members] = codes[0]
        ends: tuple[np.ndarray, ...] = (
            code_of[b.f.edges.source[edges_at]],
            code_of[b.f.edges.target[edges_at]],
        )
    else:
        deepest_code = {node_id: code for code, node_id in enumerate(ids_per_level[-1].tolist())}
        top_code = np.zeros(len(ids_per_level[-1]), dtype=np.int64)
        top_code[codes[-1]] = codes[0]
        ends = tuple(
            top_code[np.array([deepest_code[getattr(e, end)] for e in edges], dtype=np.int64)]
            for end in ("source", "target")
        )
    apart = ends[0] != ends[1]
    drawn_edges = len(np.unique(ends[0][apart] * len(top) + ends[1][apart]))
    return dataclasses.replace(view, caption=b.caption(len(top), drawn_edges, len(members), members_key))


def _drawn_elsewhere(cells: np.ndarray) -> dict[str, int]:
    """Per committee, its members whose committee cell names another committee first (`O0001;O0002`: drawn
    under O0001, a member of O0002 all the same)."""
    listed = pd.Series(cells, dtype=object).dropna().astype(str)
    later = listed[listed.str.contains(";", regex=False)].str.split(";").str[1:].explode().str.strip()
    later = later[later != ""]
    return {str(k): int(v) for k, v in later.value_counts().items()}


def _each_once(cells: np.ndarray, convert: Callable[[np.ndarray], Any]) -> np.ndarray:
    """`convert` applied to the distinct cells only (a province has 40,000 members in 3,000 sectors)."""
    codes, distinct = pd.factorize(cells, use_na_sentinel=False)
    return np.asarray(convert(np.asarray(distinct, dtype=object)), dtype=object)[codes]


def _between_groups(b: Builder, members: np.ndarray, codes: np.ndarray, ids: np.ndarray) -> list[ViewEdge]:
    """The liaisons between members as one edge per pair of deepest super-nodes, with its count."""
    ix = b.ix
    code_of = np.full(ix.size, -1, dtype=np.int64)
    code_of[members] = codes
    src, dst = code_of[ix.liaison_source], code_of[ix.liaison_target]
    keep = (src >= 0) & (dst >= 0) & (src != dst)
    pairs, counts = np.unique(src[keep] * len(ids) + dst[keep], return_counts=True)
    color = LIAISON_COLORS[LiaisonKind.MEMBER]
    return [
        ViewEdge(str(ids[p // len(ids)]), str(ids[p % len(ids)]), color, width=float(min(8, 1 + np.log2(c))))
        for p, c in zip(pairs.tolist(), counts.tolist(), strict=True)
    ]


def _share_legend(b: Builder) -> list[LegendItem]:
    """The colours of super-nodes by their share of members in a gap."""
    lang = b.lang
    labels = ("share.none", "share.low", "share.mid", "share.high")
    shape = KIND_STYLE["aggregate"][0]
    return [
        LegendItem(t(key, lang), colour, shape) for key, colour in zip(labels, GAP_SHARE_COLORS, strict=True)
    ]

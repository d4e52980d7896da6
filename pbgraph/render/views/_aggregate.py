"""Drill-down aggregation: above the node limit, members fold into super-nodes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

import pbgraph.render._layout as _layout
from pbgraph.model import NODE_KIND_ZH, LiaisonKind
from pbgraph.render._model import LegendItem, View, ViewEdge, ViewNode
from pbgraph.render._words import TOOLTIP, t
from pbgraph.render.views._style import KIND_STYLE, LIAISON_COLORS

if TYPE_CHECKING:
    from pbgraph.render.views._builder import Builder


def aggregated(
    b: Builder, title: str, nodes: np.ndarray, highlight_members: dict[int, str] | None = None
) -> View:
    """Members of `nodes` folded into super-nodes: by sector, or by committee, or by the committee above,
    whichever is the finest grouping that fits under the node limit."""
    ds, lang = b.ds, b.lang
    kinds = b.f.kind_names[nodes]
    members = nodes[kinds == "member"]
    by, keys = "sector", ds.members["sector"].to_numpy(dtype=object)[members]
    if len(pd.unique(keys)) > b.node_limit:
        # a member of two committees is counted under the first
        by, keys = (
            "committee",
            ds.members["committee"].str.split(";").str[0].to_numpy(dtype=object)[members],
        )
        parent = dict(zip(ds.organizations["id"], ds.organizations["parent"], strict=True))
        while len(pd.unique(keys)) > b.node_limit:
            above = np.array([parent.get(k) or k for k in keys], dtype=object)
            if (above == keys).all():
                break  # top committees only; more of them than the limit
            keys = above
    codes, uniques = pd.factorize(pd.Series(keys), sort=True)
    sizes = np.bincount(codes, minlength=len(uniques))
    cpc = np.bincount(codes, weights=b.ix.is_cpc[members].astype(float), minlength=len(uniques))
    gap_counts = np.zeros(len(uniques))
    if highlight_members:
        flagged = np.isin(members, list(highlight_members))
        gap_counts = np.bincount(codes[flagged], minlength=len(uniques)).astype(float)
    xy = _layout.sunflower(len(uniques), spacing=120.0)
    shape, color, _ = KIND_STYLE["aggregate"]
    view_nodes = []
    for i, key in enumerate(uniques.tolist()):
        label = ds.name_of(key) or key or t("none", lang)
        tip = {
            t("name", lang, TOOLTIP): label,
            t("members", lang, TOOLTIP): str(int(sizes[i])),
            t("cpc_members", lang): str(int(cpc[i])),
        }
        gap = None
        if gap_counts[i]:
            gap = t("gap_count", lang).format(count=int(gap_counts[i]))
        view_nodes.append(
            ViewNode(
                id=f"agg:{key}",
                label=t("people", lang).format(label=label, count=int(sizes[i])),
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
    ix = b.ix
    code_of = np.full(ix.size, -1, dtype=np.int64)
    code_of[members] = codes
    kinds_all = list(LiaisonKind)
    mask = ix.counting & (ix.liaison_kind == kinds_all.index(LiaisonKind.MEMBER))
    src, dst = code_of[ix.liaison_source[mask]], code_of[ix.liaison_target[mask]]
    keep = (src >= 0) & (dst >= 0) & (src != dst)
    keys, counts = np.unique(src[keep] * len(uniques) + dst[keep], return_counts=True)
    pairs = zip((keys // len(uniques)).tolist(), (keys % len(uniques)).tolist(), counts.tolist(), strict=True)
    view_edges = [
        ViewEdge(
            f"agg:{uniques[a]}",
            f"agg:{uniques[z]}",
            LIAISON_COLORS[LiaisonKind.MEMBER],
            width=float(min(8, 1 + np.log2(c))),
            tooltip=t("member_liaisons", lang).format(count=c),
        )
        for a, z, c in pairs
    ]
    hidden = int((kinds == "contact").sum())
    notice = t("aggregated", lang).format(
        limit=b.node_limit, by=t(f"by.{by}", lang), count=len(uniques), hidden=hidden
    )
    legend = [LegendItem(t(f"by.{by}", lang), color, shape, len(uniques))]
    if view_edges:
        legend.append(
            LegendItem(
                t("member_liaison_legend", lang),
                LIAISON_COLORS[LiaisonKind.MEMBER],
                "line",
                len(view_edges),
            )
        )
    caption = b.caption(len(view_nodes), len(view_edges), len(members))
    return View(
        title=title,
        caption=caption,
        nodes=view_nodes,
        edges=view_edges,
        legend=legend,
        notice=notice,
        labels=b.ui_labels(),
    )

"""Views of a plan and of a diff (DESIGN 4.1): the network with the proposed liaisons drawn dashed in their
own colour; the network after a change with added, removed and broken liaisons marked, and members who joined
or left highlighted."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pbgraph._texts import say
from pbgraph._texts.changes import CHANGES
from pbgraph._texts.render import legend_words
from pbgraph.render._model import LegendItem, View, ViewEdge
from pbgraph.render.views._builder import Builder
from pbgraph.render.views.network import gap_kinds, neighbourhood, network_view, scope_name

if TYPE_CHECKING:
    from pbgraph.changes import Diff
    from pbgraph.dataset import Dataset
    from pbgraph.planning import Plan

PLANNED_COLOR = "#8e24aa"
ADDED_COLOR = "#2e7d32"
REMOVED_COLOR = "#9e9e9e"
BROKEN_COLOR = "#d32f2f"


def _word(key: str, lang: str) -> str:
    return say(CHANGES, key, lang)


def plan_view(
    ds: Dataset,
    proposed: Plan,
    *,
    committee: str | None = None,
    node_limit: int = 3000,
    max_load: int = 5,
    lang: str = "zh",
) -> View:
    """The network with the plan's liaisons drawn dashed in their own colour, the gaps it closes highlighted.

    Examples
    --------
    >>> from pbgraph import load, plan
    >>> ds = load("tests/fixtures/plan")
    >>> view = plan_view(ds, plan(ds, max_load=2))
    >>> sum(edge.color == PLANNED_COLOR for edge in view.edges)
    9
    """
    from pbgraph.planning import apply_plan

    applied = apply_plan(ds, proposed)
    b = Builder(
        applied, lang=lang, color_by="party", node_limit=node_limit, committee=committee, max_load=max_load
    )
    # the plan adds liaisons only: node numbers are those of the dataset, so its gaps can be marked
    highlight = gap_kinds(ds, committee=committee, max_load=max_load)
    title = say(CHANGES, "titled", lang, title=_word("plan_title", lang), scope=scope_name(ds, committee))
    view = network_view(b, title, b.in_scope(), highlight)
    planned = set(zip(proposed.liaisons["source"], proposed.liaisons["target"], strict=True))
    return _marked(view, {pair: ("planned", PLANNED_COLOR) for pair in planned}, lang)


def diff_view(
    old: Dataset,
    new: Dataset,
    found: Diff,
    *,
    committee: str | None = None,
    node_limit: int = 3000,
    lang: str = "zh",
) -> View:
    """The network after the change (members who left kept, to show what they broke): added liaisons in
    green, removed ones grey and dashed, broken ones red and dashed; joined and left members highlighted.
    Meant for datasets compared by id.

    Examples
    --------
    >>> from pbgraph import load, whatif
    >>> from pbgraph.changes import without_members
    >>> ds = load("tests/fixtures/plan")
    >>> view = diff_view(ds, without_members(ds, ["A2"]), whatif(ds, ["A2"]))
    >>> [edge.target for edge in view.edges if edge.color == BROKEN_COLOR]
    ['T2']
    """
    union = _union(old, new, found)
    b = Builder(union, lang=lang, color_by="party", node_limit=node_limit, committee=committee, max_load=5)
    members = found.members
    changed = {
        str(member): _word(change, lang)
        for change, member in members.loc[
            members["change"].isin(["joined", "left"]), ["change", "id"]
        ].itertuples(index=False)
    }
    title = say(CHANGES, "titled", lang, title=_word("diff_title", lang), scope=scope_name(new, committee))
    nodes, notice = _around_changes(b, found, changed, lang)
    view = network_view(b, title, nodes)
    if notice is not None:
        view = dataclasses.replace(view, notice=notice)
    # members who joined or left stand out like gaps do, with what happened to them
    view = dataclasses.replace(
        view,
        nodes=[
            dataclasses.replace(node, highlight=changed[node.id]) if node.id in changed else node
            for node in view.nodes
        ],
    )
    styles = {"added": ADDED_COLOR, "removed": REMOVED_COLOR, "broken": BROKEN_COLOR}
    marks = {
        (source, target): (change, styles[change])
        for change, source, target in found.liaisons[["change", "source", "target"]].itertuples(index=False)
    }
    return _marked(view, marks, lang)


def _around_changes(
    b: Builder, found: Diff, changed: dict[str, str], lang: str
) -> tuple[np.ndarray, str | None]:
    """The nodes a diff view draws, and its notice: all in scope; above the node limit, the members who
    joined or left, the ends of the liaisons that changed and their liaison partners, when they are under the
    limit (members folded into super-nodes hid the few that changed)."""
    scope = b.in_scope()
    if len(scope) <= b.node_limit:
        return scope, None
    ends = found.liaisons[["source", "target"]].to_numpy(dtype=object).ravel()
    seeds = b.ix.lookup(pd.Series([*changed, *ends], dtype=object))
    seeds = seeds[seeds >= 0]
    near = np.intersect1d(neighbourhood(b, seeds, 1, liaisons_only=True), scope)
    if not len(seeds) or len(near) > b.node_limit:
        return scope, None
    return near, say(CHANGES, "changes_only", lang, limit=b.node_limit, shown=len(near), total=len(scope))


def _union(old: Dataset, new: Dataset, found: Diff) -> Dataset:
    """The new dataset plus what left: members, other nodes, and the liaisons removed or broken (their note:
    the change)."""
    tables = {}
    for table in ("members", "sectors", "townships", "organizations", "contacts"):
        before, after = getattr(old, table), getattr(new, table)
        gone = before[~before["id"].isin(after["id"])]
        tables[table] = pd.concat([after, gone], ignore_index=True)
    lost = found.liaisons[found.liaisons["change"] != "added"]
    extra = pd.DataFrame(
        {
            "source": lost["source"].to_numpy(dtype=object),
            "target": lost["target"].to_numpy(dtype=object),
            "kind": lost["kind"].to_numpy(dtype=object),
            "since": "",
            "note": lost["change"].to_numpy(dtype=object),
        },
        columns=new.liaisons.columns,
    )
    liaisons = pd.concat([new.liaisons, extra.astype(new.liaisons.dtypes.to_dict())], ignore_index=True)
    return dataclasses.replace(new, liaisons=liaisons, warnings=[], **tables)


def _marked(view: View, marks: dict[tuple[str, str], tuple[str, str]], lang: str) -> View:
    """The view with the marked liaisons restyled (dashed unless added) and a legend entry for each mark."""
    edges: list[ViewEdge] = []
    counts: dict[str, int] = {}
    colors: dict[str, str] = {}
    moved: dict[str, int] = {}
    for edge in view.edges:
        mark = marks.get((edge.source, edge.target))
        if mark is None:
            edges.append(edge)
            continue
        key, color = mark
        counts[key] = counts.get(key, 0) + 1
        colors[key] = color
        moved[edge.color] = moved.get(edge.color, 0) + 1
        edges.append(
            dataclasses.replace(
                edge,
                color=color,
                dashes=key != "added",
                width=2.4,
                tooltip=say(CHANGES, "noted", lang, text=edge.tooltip, note=_word(key, lang)),
            )
        )
    # a restyled liaison is counted under its mark, not under its kind any more
    kept = [
        dataclasses.replace(item, count=item.count - moved[item.color])
        if item.shape == "line" and item.color in moved and isinstance(item.count, int)
        else item
        for item in view.legend
    ]
    legend = [item for item in kept if item.count != 0] + [
        LegendItem(label, colors[key], "line" if key == "added" else "dashed", int(count), full=full)
        for key, count in counts.items()
        for label, full in [legend_words(key, lang, CHANGES)]
    ]
    return dataclasses.replace(view, edges=edges, legend=legend)


__all__ = ["ADDED_COLOR", "BROKEN_COLOR", "PLANNED_COLOR", "REMOVED_COLOR", "diff_view", "plan_view"]

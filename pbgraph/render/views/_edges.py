"""The edges of a view: which of the dataset's edges a view of some nodes draws (the first of equal edges,
of the types asked for), and how each is drawn (colour, width, dashes and tooltip by liaison kind, counting
or not, dormant or not; what the time control replays)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any

import numpy as np

from pbgraph._texts.render import t
from pbgraph.analyses.activity import pair_activity
from pbgraph.model import LIAISON_KIND_ZH, LiaisonKind
from pbgraph.render._columns import Table
from pbgraph.render._model import ViewEdge
from pbgraph.render.views._facts import EDGE_KINDS, take
from pbgraph.render.views._style import DORMANT_COLOR, LIAISON_COLORS, NOT_COUNTING_COLOR, STRUCTURE_COLOR
from pbgraph.render.views._timeline import liaison_days, timeline_of

if TYPE_CHECKING:
    from pbgraph.render.views._builder import Builder

_EDGE_FIELDS = tuple(f.name for f in fields(ViewEdge))


def edge_rows(b: Builder, nodes: np.ndarray, types: Sequence[str] | None) -> np.ndarray:
    """The rows of the dataset's edges (:attr:`Facts.edges`) that a view of these nodes draws."""
    columns = b.f.edges
    inside = np.zeros(b.ix.size, dtype=bool)
    inside[nodes] = True
    # the first of equal edges (source, target, type, kind) stands for them all
    keep = inside[columns.source] & inside[columns.target] & columns.first
    if types is not None:
        keep &= columns.of_types(types)
    return np.flatnonzero(keep)


def edges_among(b: Builder, nodes: np.ndarray, types: Sequence[str] | None) -> Table[ViewEdge]:
    """The edges a view of these nodes draws, as the page draws them: colour, width, dashes, tooltip, and
    what the time control replays."""
    columns = b.f.edges
    rows = edge_rows(b, nodes, types)
    source, target = columns.source[rows], columns.target[rows]
    source_ids, target_ids = take(b.ix.ids, source), take(b.ix.ids, target)
    is_liaison = columns.type[rows] == 0
    counting = columns.counts[rows]
    lang = b.lang
    # with an activity log, dormant liaisons are faded and say when they were last exercised
    dormant, last = pair_activity(b.ds, source, target)
    faded_flags = counting & dormant
    timeline = b.timeline and timeline_of(b.ds) is not None
    n = len(rows)
    made: list[int | None] = [None] * n
    exercised: list[tuple[int, ...]] = [()] * n
    if timeline:
        made, exercised = liaison_days(b.ds, np.where(is_liaison, rows, 0), source, target)
    # per liaison kind and state (counts, faded): colour, width, tooltip, colour when active and kind in
    # words, looked up once per state and spread over the rows as columns
    state = (columns.kind[rows].astype(np.int64) * 2 + counting) * 2 + faded_flags
    states, state_of = np.unique(np.where(is_liaison, state, -1), return_inverse=True)
    styles: list[tuple[Any, ...]] = [
        (STRUCTURE_COLOR, 0.5, t("structure", lang), None, "")
        if code < 0
        else _liaison_style(str(EDGE_KINDS[code // 4]), bool(code & 2), bool(code & 1), timeline, lang)
        for code in states.tolist()
    ]
    color, width, tooltip, live, kind_label = (
        np.array([style[k] for style in styles], dtype=object)[state_of] for k in range(5)
    )
    # a faded liaison's tooltip says when it was last exercised
    never = t("never", lang)
    fade_rows = np.flatnonzero(is_liaison & faded_flags)
    tooltip[fade_rows] = [
        tip + (when or never)
        for tip, when in zip(tooltip[fade_rows].tolist(), last[fade_rows].tolist(), strict=True)
    ]
    liaison_list = is_liaison.tolist()
    counts_list = (is_liaison & counting).tolist()
    if timeline and not is_liaison.all():  # the drill-down's edges are all liaisons
        made = [day if liaison else None for day, liaison in zip(made, liaison_list, strict=True)]
        exercised = [days if liaison else () for days, liaison in zip(exercised, liaison_list, strict=True)]
    return Table(
        ViewEdge,
        dict(
            zip(
                _EDGE_FIELDS,
                [
                    source_ids,
                    target_ids,
                    color.tolist(),
                    (is_liaison & ~counting).tolist(),
                    width.tolist(),
                    tooltip.tolist(),
                    liaison_list,
                    liaison_list,
                    made,
                    exercised,
                    live.tolist(),
                    counts_list,
                    kind_label.tolist(),
                ],
                strict=True,
            )
        ),
    )


def _liaison_style(
    kind: str, counts: bool, faded: bool, timeline: bool, lang: str
) -> tuple[str, float, str, str | None, str]:
    """Colour, width, tooltip (of a faded one: up to its last activity), colour when active and kind in
    words of a liaison of this kind that counts or not and is dormant (faded) or not."""
    label = LIAISON_KIND_ZH.get(kind, kind) if lang == "zh" else f"{kind} liaison"
    # a liaison that does not count is grey and dashed; a dormant one (no activity in the period) is
    # faded and says when it was last exercised
    if faded:
        color, width = DORMANT_COLOR, 1.0 if kind != LiaisonKind.CONTACT else 0.5
        tooltip = label + t("dormant_suffix", lang)
    elif counts:
        color, width = LIAISON_COLORS.get(kind, "#999999"), 1.6 if kind != LiaisonKind.CONTACT else 0.6
        tooltip = label
    else:
        color, width, tooltip = NOT_COUNTING_COLOR, 1.0, label + t("does_not_count", lang)
    # what the time control replays (the colour when active, the kind in words)
    live = (LIAISON_COLORS.get(kind, "#999999") if counts else color) if timeline else None
    kind_label = (label if counts else tooltip) if timeline else ""
    return color, width, tooltip, live, kind_label

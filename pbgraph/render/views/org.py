"""The party organization view: organizations only, in labelled lanes under the party group.

Per committee: the committee and its party group on top, then side by side the lanes 机关线 (office line:
organ party group > party committee > branches), 履职线 (duty line: sub party groups > functional branches >
party cells), the platforms with the party organizations they carry, and the temporary branches apart.
Each lane is an indented list, so that its labels never overlap, starting at the top of a column of its
own (a lane too long for one column continues in the next, under its title repeated); each organization
shows its member count, and its members are held in reserve (double-click shows them). With several
committees, each committee is a super-node holding its organizations (double-click opens it).
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from pbgraph._texts.render import legend_words, t
from pbgraph.model import PARTY_ORG_KINDS, PLATFORM_KINDS, OrgKind
from pbgraph.render._model import TITLE_KIND, LegendItem, View, ViewEdge, ViewNode, replaced
from pbgraph.render.views._builder import Builder
from pbgraph.render.views._facts import Selection
from pbgraph.render.views._style import KIND_STYLE, LANE_COLOR, ORG_LANE_COLORS, STRUCTURE_COLOR
from pbgraph.render.views.network import scope_name, title_of

#: lanes, left to right: their key and the kinds that start them
LANES: tuple[tuple[str, frozenset[str]], ...] = (
    ("lane.office", frozenset({OrgKind.ORGAN_PARTY_GROUP, OrgKind.PARTY_COMMITTEE, OrgKind.PARTY_BRANCH})),
    ("lane.duty", frozenset({OrgKind.SUB_PARTY_GROUP, OrgKind.FUNCTIONAL_BRANCH, OrgKind.PARTY_CELL})),
    ("lane.platforms", frozenset(PLATFORM_KINDS)),
    ("lane.temporary", frozenset({OrgKind.TEMPORARY_BRANCH})),
)
ROW = 30.0
INDENT = 26.0
LANE_GAP = 60.0
#: the legend swatch of each lane: the colour of the organizations that start it
LANE_SWATCH: dict[str, str] = {
    "lane.office": ORG_LANE_COLORS[OrgKind.PARTY_BRANCH],
    "lane.duty": ORG_LANE_COLORS[OrgKind.FUNCTIONAL_BRANCH],
    "lane.platforms": ORG_LANE_COLORS[OrgKind.STUDY_GROUP],
    "lane.temporary": ORG_LANE_COLORS[OrgKind.TEMPORARY_BRANCH],
}
CHAR = 14.0  # width of a CJK character at the label font size


def org_view(b: Builder) -> View:
    """Organizations in lanes per committee; several committees fold into committee super-nodes."""
    ds, ix = b.ds, b.ix
    orgs = ds.organizations
    kinds = orgs["kind"].to_numpy(dtype=object)
    keep = np.isin(kinds, [*PARTY_ORG_KINDS, *PLATFORM_KINDS, OrgKind.COMMITTEE])
    if b.committee is not None:
        keep &= (orgs["committee"] == b.committee).to_numpy()
    rows = np.flatnonzero(keep)
    # the rows of each committee, in the order the committees first appear (one pass: a national system has
    # thousands of committees)
    codes, committees = pd.factorize(orgs["committee"].to_numpy(dtype=object)[rows], use_na_sentinel=False)
    grouped = rows[np.argsort(codes, kind="stable")]
    ends = np.cumsum(np.bincount(codes, minlength=len(committees))).tolist()
    parent_row = ix.column("organizations", "parent") - ix.offsets["organizations"]
    counts = np.bincount(
        ix.column("memberships", "organization") - ix.offsets["organizations"], minlength=len(orgs)
    )
    ids = orgs["id"].to_numpy(dtype=object)
    xy: dict[int, tuple[float, float]] = {}
    lanes: list[tuple[str, str, float, float, list[int]]] = []  # id, label, x, y, top rows
    blocks: dict[str, tuple[float, float, float, float]] = {}
    x0 = 0.0
    for committee, start, end in zip(committees, [0, *ends][:-1], ends, strict=True):
        in_committee = grouped[start:end]
        width, height = _lay_committee(
            b, committee, in_committee, kinds, parent_row, ids, counts, xy, lanes, x0
        )
        blocks[str(committee)] = (x0, 0.0, width, height)
        x0 += width + 4 * LANE_GAP
    several = len(committees) > 1
    if several:
        _grid(blocks, xy, lanes)
    org_nodes = np.array(sorted(xy), dtype=np.int64) + ix.offsets["organizations"]
    # members in reserve: around their first organization in the view
    member = ix.column("memberships", "member")
    org_of = ix.column("memberships", "organization")
    inside = np.isin(org_of, org_nodes)
    first = pd.Series(org_of[inside]).groupby(member[inside]).first()
    members = first.index.to_numpy(dtype=np.int64)
    budget = max(0, b.node_limit - len(org_nodes))
    members = members[:budget]
    anchor = first.to_numpy()[: len(members)]
    member_xy = np.zeros((len(members), 2))
    if len(members):
        anchor_xy = np.array([xy[int(a) - ix.offsets["organizations"]] for a in anchor])
        rank = pd.Series(anchor).groupby(anchor).cumcount().to_numpy()
        angle = rank * 0.5
        radius = 60 + 14 * np.sqrt(rank)
        member_xy = anchor_xy + np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    nodes = np.concatenate([org_nodes, members])
    positions = np.vstack(
        # (0, 2) when there is no organization at all (an office roster without an organization sheet)
        [np.array([xy[int(n) - ix.offsets["organizations"]] for n in org_nodes]).reshape(-1, 2), member_xy]
    )
    reserve = np.r_[np.zeros(len(org_nodes), dtype=bool), np.ones(len(members), dtype=bool)]
    title = title_of(b, "org", scope_name(ds, b.committee))
    view = b.view(
        title,
        Selection(nodes, positions, reserve=reserve),
        edge_types=("membership", "parent"),
    )
    return _finish(b, view, lanes, blocks, several, counts, ids)


def _lay_committee(
    b: Builder,
    committee: object,
    rows: np.ndarray,
    kinds: np.ndarray,
    parent_row: np.ndarray,
    ids: np.ndarray,
    counts: np.ndarray,
    xy: dict[int, tuple[float, float]],
    lanes: list[tuple[str, str, float, float, list[int]]],
    x0: float,
) -> tuple[float, float]:
    """Place one committee's organizations; returns the block's width and height."""
    offset = b.ix.offsets["organizations"]
    row_set = set(rows.tolist())
    children: dict[int, list[int]] = {}
    for r in rows.tolist():
        children.setdefault(int(parent_row[r]), []).append(r)
    top = [r for r in rows.tolist() if kinds[r] in (OrgKind.COMMITTEE, OrgKind.PARTY_GROUP)]
    placed: set[int] = set(top)
    # platforms claim the party organizations they carry before the lines do
    claimed: dict[str, tuple[list[int], list[tuple[int, int]]]] = {}
    for key, lane_kinds in sorted(LANES, key=lambda lane: lane[0] != "lane.platforms"):
        starts = [
            r
            for r in rows.tolist()
            if r not in placed
            and kinds[r] in lane_kinds
            and not (int(parent_row[r]) in row_set and kinds[int(parent_row[r])] in lane_kinds)
        ]
        listed: list[tuple[int, int]] = []
        stack = [(r, 0) for r in reversed(sorted(starts, key=lambda r: str(ids[r])))]
        while stack:
            r, depth = stack.pop()
            if r in placed:
                continue
            placed.add(r)
            listed.append((r, depth))
            kids = sorted(children.get(r, []), key=lambda k: str(ids[k]))
            stack.extend((k, depth + 1) for k in reversed(kids))
        claimed[key] = (starts, listed)
    prefix = b.ds.name_of(str(committee)) or ""

    def width(r: int) -> float:
        # the box around the name and its count ("（12 人）")
        return _text_width(_short(b.f.label(r + offset), prefix)) + 4.5 * CHAR

    # each lane starts at the top of a column of its own; a lane too long for one column continues in the
    # next, under its title repeated, and the column height is the shortest that keeps the committee's block
    # no wider than about a screen's shape
    lane_rows = [
        (key, t(key, b.lang), claimed[key][0], claimed[key][1]) for key, _ in LANES if claimed[key][1]
    ]
    width_of = {r: width(r) for _, _, _, listed in lane_rows for r, _ in listed}
    per_column = _column_rows(lane_rows, width_of)
    lane_top = 3 * ROW
    x, height, column_width = x0, lane_top, 0.0
    for number, (key, label, starts, listed) in enumerate(lane_rows):
        if number:
            x += column_width + LANE_GAP
        # the title's width is the column's too (left-aligned, as the lane's list), so that the next column
        # starts after it, not under it ("platforms and their party organizations" is wider than most boxes)
        title_width = _text_width(label) + CHAR
        start_set = set(starts)
        for part, chunk in enumerate(_chunks(listed, per_column - 1)):
            if part:
                x += column_width + LANE_GAP / 2
            column_width = title_width
            for used, (r, depth) in enumerate(chunk, start=1):
                column_width = max(column_width, depth * INDENT + width_of[r])
                xy[r] = (x + depth * INDENT + width_of[r] / 2, lane_top + used * ROW)
                height = max(height, lane_top + (used + 1) * ROW)
            # the title (its id "lane:…", "lane2:…" where it is repeated) and the lane's first organizations
            # in this column joined to it
            firsts = [r for r, _ in chunk if r in start_set]
            lane_id = f"lane{part + 1 if part else ''}:{committee}:{key}"
            lanes.append((lane_id, label, x + title_width / 2, lane_top, firsts))
    x += column_width + LANE_GAP
    total = max(x - x0 - LANE_GAP, 4 * CHAR)
    for level, r in enumerate(sorted(top, key=lambda r: kinds[r] != OrgKind.COMMITTEE)):
        xy[r] = (x0 + total / 2, level * ROW * 1.3)
    return total, height


def _column_rows(lane_rows: list[tuple[str, str, list[int], Any]], width_of: dict[int, float]) -> int:
    """The rows of a column (its title included): the fewest, from 8, that keep the block's width within 1.5
    times its height, each lane taking as many columns as its list needs (no more than its longest lane)."""
    if not lane_rows:
        return 8
    lengths = [len(listed) for *_, listed in lane_rows]
    mean = [
        max(_text_width(label) + CHAR, float(np.mean([width_of[r] for r, _ in listed])) + INDENT) + LANE_GAP
        for _, label, _, listed in lane_rows
    ]
    longest = max(lengths) + 1
    for rows in range(8, longest):
        wide = sum(-(-n // (rows - 1)) * w for n, w in zip(lengths, mean, strict=True))
        if wide <= 1.5 * (rows + 3) * ROW:
            return rows
    return max(8, longest)


def _chunks(listed: list[tuple[int, int]], size: int) -> list[list[tuple[int, int]]]:
    """A lane's list cut into columns of at most `size` rows; an organization that would end a column with
    its first child starting the next goes to the next column with it."""
    chunks = []
    start = 0
    while start < len(listed):
        end = min(start + size, len(listed))
        if end < len(listed) and end - start > 1 and listed[end][1] > listed[end - 1][1]:
            end -= 1
        chunks.append(listed[start:end])
        start = end
    return chunks


def _text_width(text: str) -> float:
    """The width of a label at the label font size, CJK characters twice as wide as the rest."""
    return sum(CHAR if ord(ch) > 0x2E7F else CHAR * 0.55 for ch in text)


def _short(label: str, committee_name: str) -> str:
    """An organization's name without its committee's name in front (the lane's committee says it)."""
    if committee_name and label.startswith(committee_name) and len(label) > len(committee_name) + 1:
        return label[len(committee_name) :]
    return label


def _grid(
    blocks: dict[str, tuple[float, float, float, float]],
    xy: dict[int, tuple[float, float]],
    lanes: list[tuple[str, str, float, float, list[int]]],
) -> None:
    """Committee blocks in rows of a grid instead of one long line (moves everything in place)."""
    per_row = max(1, int(np.ceil(np.sqrt(len(blocks)))))
    shift: dict[float, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for i, (key, (bx, by, w, h)) in enumerate(blocks.items()):
        if i and i % per_row == 0:
            x, y, row_height = 0.0, y + row_height + 6 * ROW, 0.0
        shift[bx] = (x - bx, y - by)
        blocks[key] = (x, y, w, h)
        x += w + 4 * LANE_GAP
        row_height = max(row_height, h)
    starts = sorted(shift)

    def moved(px: float, py: float) -> tuple[float, float]:
        start = starts[bisect_right(starts, px) - 1] if starts else 0.0
        dx, dy = shift.get(start, (0.0, 0.0))
        return px + dx, py + dy

    for r, (px, py) in list(xy.items()):
        xy[r] = moved(px, py)
    for i, (lane_id, label, lx, ly, lane_starts) in enumerate(lanes):
        lanes[i] = (lane_id, label, *moved(lx, ly), lane_starts)


def _finish(
    b: Builder,
    view: View,
    lanes: list[tuple[str, str, float, float, list[int]]],
    blocks: dict[str, tuple[float, float, float, float]],
    several: bool,
    counts: np.ndarray,
    ids: np.ndarray,
) -> View:
    """Member counts in the labels, organizations as boxes, lane headers, committee super-nodes."""
    lang = b.lang
    ds = b.ds
    org_ids = ds.organizations["id"].tolist()
    kind_of = dict(zip(org_ids, ds.organizations["kind"].tolist(), strict=True))
    committee_of = dict(zip(org_ids, ds.organizations["committee"].tolist(), strict=True))
    row_of = {str(i): r for r, i in enumerate(ids.tolist())}
    # every organization says how many members it has, none included (an office branch of the committee's
    # staff: 机关第一党支部（0 人）), where the memberships are recorded; the committee holds everyone
    counted = "memberships" not in ds.not_recorded
    nodes: list[ViewNode] = []
    for node in view.nodes:
        if node.kind != "organization":
            nodes.append(node)
            continue
        kind = str(kind_of[node.id])
        count = int(counts[row_of[node.id]])
        name = node.label
        if kind != OrgKind.COMMITTEE:
            name = _short(name, ds.name_of(str(committee_of[node.id])) or "")
        says = count > 0 or (counted and kind != OrgKind.COMMITTEE)
        label = t("people", lang).format(label=name, count=count) if says else name
        color = ORG_LANE_COLORS.get(kind, KIND_STYLE["organization"][1])
        parent = f"agg:org:{committee_of[node.id]}" if several else None
        nodes.append(replaced(node, label=label, shape="box", color=color, parent=parent))
    edges = list(view.edges)
    # per committee (as the lane ids and blocks name it): its organizations and its first party group
    org_count: Counter[str] = Counter()
    party_group_of: dict[str, str] = {}
    for node in view.nodes:
        if node.kind == "organization":
            committee = str(committee_of[node.id])
            org_count[committee] += 1
            if kind_of[node.id] == OrgKind.PARTY_GROUP:
                party_group_of.setdefault(committee, node.id)
    for lane_id, label, x, y, starts in lanes:
        committee = lane_id.split(":")[1]
        nodes.append(
            ViewNode(
                id=lane_id,
                label=label,
                kind=TITLE_KIND,
                x=round(x, 2),
                y=round(y, 2),
                color=LANE_COLOR,
                shape="box",
                size=14.0,
                tooltip={t("lane", lang): label},
                parent=f"agg:org:{committee}" if several else None,
            )
        )
        # the party group joined to each lane's first title (not to its repeats, over its later columns)
        if committee in party_group_of and lane_id.startswith("lane:"):
            edges.append(
                ViewEdge(party_group_of[committee], lane_id, STRUCTURE_COLOR, width=1.2, arrows=False)
            )
        edges.extend(ViewEdge(lane_id, str(ids[r]), STRUCTURE_COLOR, width=1.2, arrows=False) for r in starts)
    notice = None
    folded: list[LegendItem] = []
    if several:
        shape, color, _ = KIND_STYLE["aggregate"]
        # the legend says what a folded committee's node (its shape, colour and count) stands for
        label, full = legend_words("org_committee_folded", lang)
        folded.append(LegendItem(label, color, shape, full=full))
        for committee, (x, y, w, h) in blocks.items():
            name = ds.name_of(committee) or committee
            members = org_count[committee]
            nodes.insert(
                0,
                ViewNode(
                    id=f"agg:org:{committee}",
                    label=t("orgs_in", lang).format(label=name, count=members),
                    kind="aggregate",
                    x=round(x + w / 2, 2),
                    y=round(y + h / 2, 2),
                    color=color,
                    shape=shape,
                    size=float(max(30.0, 0.3 * min(w, h))),
                    tooltip={t("lane", lang): name},
                ),
            )
        notice = t("org_folded", lang).format(count=len(blocks))
    # each lane's swatch in the colour its organizations are drawn in (the lane ids end in the lane's key)
    legend = [
        LegendItem(label, LANE_SWATCH[key], "box", full=full)
        for key in dict.fromkeys(lane[0].rsplit(":", 1)[1] for lane in lanes)
        for label, full in [legend_words(key, lang)]
    ]
    legend += [item for item in view.legend if item.shape != "triangle" and item.count != 0]
    label, full = legend_words("org_box", lang)
    legend.insert(0, LegendItem(label, LANE_COLOR, "box", full=full))
    legend[:0] = folded
    result = dataclasses.replace(view, nodes=nodes, edges=edges, legend=legend, notice=notice)
    shown, shown_edges = result.first_frame()
    # the organization view draws organizations only: no count of members; the lanes' titles and the lines
    # that join them to their lane are not counted (the organizations' own lines to their parents are)
    titles = {node.id for node in shown if node.kind == TITLE_KIND}
    caption = b.caption(
        len(shown) - len(titles),
        sum(edge.source not in titles and edge.target not in titles for edge in shown_edges),
        None,
    )
    return dataclasses.replace(result, caption=caption)

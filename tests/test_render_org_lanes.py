"""The organization view's lanes (README, the org view): each lane's title has a row of its own above its
list, and each lane starts at the top of its own column; a lane too long for one column continues in the
next under its title repeated. The lanes flowed as one list wrapped into columns: a city committee's duty
line ran into the second column, and the platforms' title started halfway down it."""

from __future__ import annotations

import csv
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from pbgraph import Dataset, load
from pbgraph.model import OrgKind
from pbgraph.render import View, build_view
from tests.browser import Chromium
from tests.test_render_org import drawn_boxes

SAMPLE = Path(__file__).parents[1] / "data" / "sample"


@pytest.fixture(scope="module")
def long_duty_line(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The sample with 60 more party cells under one functional branch: a duty line no column holds."""
    folder = tmp_path_factory.mktemp("long-lane")
    for path in SAMPLE.glob("*.csv"):
        (folder / path.name).write_bytes(path.read_bytes())
    with (folder / "organizations.csv").open("a", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        for n in range(60):
            writer.writerow([f"X{n:03d}", f"示例区政协第{n + 1}党小组", "界别党小组", "O007", "", "C001"])
    return load(folder)


def lanes_of(ds: Dataset, view: View) -> dict[str, list[str]]:
    """Each lane title's label and the organizations of its lane: those its titles are joined to, and the
    organizations under them (the committee and its party group, above every lane, in none)."""
    kind = dict(zip(ds.organizations["id"], ds.organizations["kind"], strict=True))
    orgs = {
        node.id
        for node in view.nodes
        if node.kind == "organization" and kind[node.id] not in (OrgKind.COMMITTEE, OrgKind.PARTY_GROUP)
    }
    label = {node.id: node.label for node in view.nodes if node.kind == "lane"}
    near: dict[str, set[str]] = {}
    for edge in view.edges:
        if edge.source in orgs and edge.target in orgs:
            near.setdefault(edge.source, set()).add(edge.target)
            near.setdefault(edge.target, set()).add(edge.source)
    lanes: dict[str, list[str]] = {}
    for edge in view.edges:
        if edge.source in label and edge.target in orgs:
            found = lanes.setdefault(label[edge.source], [])
            todo = [edge.target]
            while todo:
                org = todo.pop()
                if org not in found:
                    found.append(org)
                    todo.extend(near.get(org, ()))
    return lanes


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_lane_starts_at_the_top_of_its_own_columns(
    sample: Dataset, city: Dataset, long_duty_line: Dataset, lang: str
) -> None:
    cases = [
        (sample, None),
        (city, city.committees[0]),
        (long_duty_line, None),
    ]
    for ds, committee in cases:
        view = build_view(ds, "org", committee=committee, lang=lang)
        at = {node.id: node for node in view.nodes}
        titles = sorted((node for node in view.nodes if node.kind == "lane"), key=lambda node: node.x)
        lanes = lanes_of(ds, view)
        assert len(lanes) >= 3
        # every title on one row, the top of the lanes; every organization of a lane below it
        assert len({node.y for node in titles}) == 1
        assert all(at[org].y > titles[0].y for orgs in lanes.values() for org in orgs)
        # the lanes side by side, left to right in their order, never sharing a column: each one's
        # organizations (and its titles) lie between the lanes before and after it
        spans = [
            (min(at[o].x for o in orgs), max(at[o].x for o in orgs), label) for label, orgs in lanes.items()
        ]
        for (_, right, left_label), (left, _, right_label) in pairwise(spans):
            assert right < left, (left_label, right_label)
        # each title between the lanes before and after its own
        for node in titles:
            mine = [k for k, (_, _, label) in enumerate(spans) if label == node.label]
            assert len(mine) == 1
            k = mine[0]
            assert k == 0 or spans[k - 1][1] < node.x
            assert k == len(spans) - 1 or node.x < spans[k + 1][0]
    # the long duty line takes several columns, each under its title
    view = build_view(long_duty_line, "org", lang=lang)
    duty = {"zh": "履职线", "en": "duty line"}[lang]
    assert sum(node.kind == "lane" and node.label == duty for node in view.nodes) >= 2


def box_lanes(ds: Dataset, view: View, boxes: list[list[Any]]) -> list[tuple[str, str, list[Any]]]:
    """Per drawn box of an organization in a lane: its lane's label, its label, its box."""
    lane_of = {org: label for label, orgs in lanes_of(ds, view).items() for org in orgs}
    return [
        (lane_of[view.nodes[box[0]].id], box[1], box) for box in boxes if view.nodes[box[0]].id in lane_of
    ]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_box_lies_in_its_lane_columns(
    chromium: Chromium, city: Dataset, long_duty_line: Dataset, lang: str, tmp_path: Path
) -> None:
    """As vis draws them: each organization's centre lies in a column of its lane (right of its column's
    title's left edge, left of the next column's), its box ends before the next column's title starts, and
    the title's box is above every box of its column."""
    for name, ds, committee in (("city", city, city.committees[0]), ("long", long_duty_line, None)):
        view = build_view(ds, "org", committee=committee, lang=lang)
        boxes = drawn_boxes(chromium, view, tmp_path / f"{name}-{lang}.html")
        titles = sorted((box for box in boxes if view.nodes[box[0]].kind == "lane"), key=lambda box: box[2])
        for lane, label, box in box_lanes(ds, view, boxes):
            centre = (box[2] + box[4]) / 2
            column = [title for title in titles if title[2] <= centre]
            assert column, label
            title = column[-1]
            assert title[1] == lane, (label, lane, title[1])
            following = [other for other in titles if other[2] > title[2]]
            assert not following or box[4] < following[0][2], (label, following[0][1])
            assert title[5] <= box[3], (label, title[1])

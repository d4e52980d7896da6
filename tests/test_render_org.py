"""The organization view in Chromium at 1280×720: no lane title over an organization's box (on the sample and
on a generated city with every committee opened, in both languages), and a legend entry for the folded
committees exactly where the view folds them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pbgraph import Dataset, load
from pbgraph._texts.render import t
from pbgraph.cli import main
from pbgraph.model import PARTY_ORG_KINDS, PLATFORM_KINDS, OrgKind
from pbgraph.render import build_view, write_view
from pbgraph.render.views._style import KIND_STYLE
from tests.browser import Chromium, api, wait_ready

SAMPLE = Path(__file__).parents[1] / "data" / "sample"
# every drawn node's box as vis draws it, in canvas units: [index, label, left, top, right, bottom]
# (getBoundingBox adds the rounded corners' margin all round, so two boxes a row apart would seem to overlap)
DRAWN_BOXES = """(rootId) => {
    const net = window.__pbgraphViews[rootId].network;
    return net.body.nodeIndices.map(i => {
        const node = net.body.nodes[i], w = node.shape.width, h = node.shape.height;
        return [i, node.options.label, node.x - w / 2, node.y - h / 2, node.x + w / 2, node.y + h / 2];
    });
}"""


def drawn_boxes(chromium: Chromium, view: Any, path: Path) -> list[list[Any]]:
    """The boxes of the view's nodes at 1280×720 with every folded committee opened."""
    write_view(view, path)
    page, report = chromium.open_page(path, width=1280, height=720)
    wait_ready(page)
    root_id = str(page.evaluate("() => document.querySelector('.pbg').id"))
    for node in view.nodes:
        if node.kind == "aggregate":
            api(page, root_id, f"toggle({node.id!r})")  # opened: the super-node itself is no longer drawn
    page.wait_for_timeout(300)
    boxes: list[list[Any]] = page.evaluate(DRAWN_BOXES, root_id)
    report.assert_clean()
    return boxes


@pytest.mark.browser
@pytest.mark.parametrize("name", ["sample", "city"])
def test_no_lane_title_covers_an_organization(
    chromium: Chromium, request: pytest.FixtureRequest, name: str, tmp_path: Path
) -> None:
    """A lane's title is drawn over the nodes: where its box met an organization's, it hid that name (the
    English "platforms and their party organizations", wider than its lane, reached into the next column)."""
    ds: Dataset = request.getfixturevalue(name)
    for lang in ("zh", "en"):
        view = build_view(ds, "org", lang=lang)
        boxes = drawn_boxes(chromium, view, tmp_path / f"org-{lang}.html")
        # the page's node i is the view's node i, drawn with its label
        assert all(box[1] == view.nodes[box[0]].label for box in boxes)
        kinds = [view.nodes[box[0]].kind for box in boxes]
        titles = [box for box, kind in zip(boxes, kinds, strict=True) if kind == "lane"]
        orgs = [box for box, kind in zip(boxes, kinds, strict=True) if kind == "organization"]
        # every lane of every committee is drawn, and every organization (their members are in reserve)
        assert len(titles) == sum(node.kind == "lane" for node in view.nodes) >= 4
        assert len(orgs) == sum(node.kind == "organization" and not node.reserve for node in view.nodes)
        covered = [
            (title[1], org[1])
            for title in titles
            for org in orgs
            if title[2] < org[4] and org[2] < title[4] and title[3] < org[5] and org[3] < title[5]
        ]
        assert covered == [], (lang, covered)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_legend_explains_folded_committees_only_where_there_are_some(
    sample: Dataset, city: Dataset, lang: str
) -> None:
    words = t("org_committee_folded", lang)
    folded_view = build_view(city, "org", lang=lang)
    folded = [node for node in folded_view.nodes if node.kind == "aggregate"]
    assert len(folded) == len(city.committees) > 1
    # the entry's full wording (its tooltip; the label a short form of it)
    entries = [item for item in folded_view.legend if (item.full or item.label) == words]
    # one entry, in the shape and colour of the folded committees' nodes
    assert len(entries) == 1
    assert {(node.shape, node.color) for node in folded} == {(entries[0].shape, entries[0].color)}
    assert (entries[0].shape, entries[0].color) == KIND_STYLE["aggregate"][:2]
    # one committee (the sample, or a city's committee alone) is drawn unfolded: no such entry
    one_committee = build_view(city, "org", committee=city.committees[0], lang=lang)
    for view in (build_view(sample, "org", lang=lang), one_committee):
        assert not any(node.kind == "aggregate" for node in view.nodes)
        assert all((item.full or item.label) != words for item in view.legend)
        assert all(item.shape != KIND_STYLE["aggregate"][0] for item in view.legend)


# every drawn node's box on the screen (canvas pixels): [label, left, top, right, bottom]; the canvas's size
SCREEN_BOXES = """(rootId) => {
    const net = window.__pbgraphViews[rootId].network;
    const canvas = document.querySelector('#' + rootId + ' .pbg-net');
    const boxes = net.body.nodeIndices.map(i => {
        const node = net.body.nodes[i], w = node.shape.width, h = node.shape.height;
        const a = net.canvasToDOM({x: node.x - w / 2, y: node.y - h / 2});
        const b = net.canvasToDOM({x: node.x + w / 2, y: node.y + h / 2});
        return [node.options.label, a.x, a.y, b.x, b.y];
    });
    return [boxes, canvas.clientWidth, canvas.clientHeight];
}"""


@pytest.mark.browser
def test_a_window_resized_before_any_move_still_shows_every_box(
    chromium: Chromium, sample: Dataset, tmp_path: Path
) -> None:
    """A page laid out at one height and shown at another (a headless screenshot at 1280×720 lays the page out
    633 px high first) opens whole: vis zoomed in by the change of height, and the sample's leftmost boxes
    (机关线, 机关党组) were cut at the canvas's left edge."""
    path = tmp_path / "org.html"
    write_view(build_view(sample, "org"), path)
    page, report = chromium.open_page(path, width=1280, height=633)
    wait_ready(page)
    root_id = str(page.evaluate("() => document.querySelector('.pbg').id"))
    page.set_viewport_size({"width": 1280, "height": 720})
    page.wait_for_timeout(400)
    boxes, width, height = page.evaluate(SCREEN_BOXES, root_id)
    outside = [box[0] for box in boxes if box[1] < 0 or box[2] < 0 or box[3] > width or box[4] > height]
    assert outside == []
    report.assert_clean()


def test_the_counts_are_of_organizations_not_of_lane_titles(sample: Dataset, tmp_path: Path) -> None:
    """The org view draws the committee, its party organizations and its platforms (DESIGN 1: 一网), and four
    lane titles over them; `render`'s line and the caption counted the titles as nodes (50 for 46) and the
    lines joining them to their lanes as edges."""
    orgs = sample.organizations
    drawn = orgs[orgs["kind"].isin([*PARTY_ORG_KINDS, *PLATFORM_KINDS, OrgKind.COMMITTEE])]
    # every drawn organization but the committee hangs from a drawn parent: a tree of len(drawn) - 1 lines
    assert drawn["parent"].isin(drawn["id"]).sum() == len(drawn) - 1
    view = build_view(sample, "org")
    assert sum(node.kind == "lane" and not node.reserve for node in view.nodes) == 4
    assert view.drawn_count() == len(drawn)
    assert view.caption.endswith(f"节点 {len(drawn)} · 连线 {len(drawn) - 1}")
    out = tmp_path / "org.html"
    result = CliRunner().invoke(main, ["render", "org", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", f"已写入 {out}（{len(drawn)} 个节点）\n")


@pytest.mark.browser
def test_the_page_counts_organizations_not_lane_titles(
    chromium: Chromium, sample: Dataset, tmp_path: Path
) -> None:
    """The page's 显示 N/M counted the lane titles among the nodes shown."""
    view = build_view(sample, "org")
    path = tmp_path / "org.html"
    write_view(view, path)
    page, report = chromium.open_page(path, width=1280, height=720)
    wait_ready(page)
    organizations = sum(node.kind == "organization" and not node.reserve for node in view.nodes)
    assert page.text_content(".pbg-shown") == f"显示 {organizations}/{organizations} 个节点"
    report.assert_clean()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_organization_says_how_many_members_it_has(sample: Dataset, lang: str) -> None:
    """Each organization with its member count (README, the org view), none included: the sample's office
    branch (机关第一党支部) holds the committee's staff, none of them a member, and its box said nothing."""
    counts = sample.memberships["organization"].value_counts()
    names = dict(zip(sample.organizations["id"], sample.organizations["name"], strict=True))
    view = build_view(sample, "org", lang=lang)
    boxes = [node for node in view.nodes if node.kind == "organization" and names[node.id] != "示例区政协"]
    assert len(boxes) == 45
    said = {node.id: node.label for node in boxes}
    word = "（{} 人）" if lang == "zh" else " ({})"
    assert {i: label.endswith(word.format(int(counts.get(i, 0)))) for i, label in said.items()} == {
        i: True for i in said
    }
    assert said["O005"].endswith(word.format(0))
    # the legend says what the number counts: members, not only the CPC ones (a study group's 74)
    assert (view.legend[0].full or view.legend[0].label) == t("org_box", lang)
    assert "成员人数" in view.legend[0].label if lang == "zh" else "(members)" in view.legend[0].label
    assert "党员人数" not in view.legend[0].label


def test_no_count_where_the_memberships_are_not_recorded(tmp_path: Path) -> None:
    """Without a memberships table nobody's count is known: no box says 0."""
    folder = tmp_path / "no-memberships"
    folder.mkdir()
    for name in ("members", "organizations"):
        (folder / f"{name}.csv").write_bytes((SAMPLE / f"{name}.csv").read_bytes())
    ds = load(folder)
    assert "memberships" in ds.not_recorded
    view = build_view(ds, "org")
    boxes = [node.label for node in view.nodes if node.kind == "organization"]
    assert len(boxes) == 46 and not any("人）" in label for label in boxes)

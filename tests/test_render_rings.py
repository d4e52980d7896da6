"""A view about one node on rings (a member's, a reach), in real headless Chromium: names beside their nodes
never over each other, the opening frame and 重置 holding every ring and name clear of the details panel and
the legend, and the hops' titles never over each other."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from pbgraph import Dataset
from pbgraph.render import build_view, write_view
from tests.browser import Chromium, api, node_point, overlapping, screenshot, wait_ready

SHOTS = Path("/tmp/explore_shots")
pytestmark = pytest.mark.browser


def label_boxes(page: Any, root_id: str, view: Any) -> dict[str, list[float]]:
    """Every label on the canvas in the last frame, the view's own and vis's (one vis draws is at least 5 px
    on the screen): node id -> box [left, top, right, bottom] in canvas units."""
    own, drawn_by_vis = page.evaluate(
        """(rootId) => {
          const v = window.__pbgraphViews[rootId], net = v.network, scale = net.getScale(), out = [];
          for (const index of net.body.nodeIndices) {
            const node = net.body.nodes[index], label = node.labelModule, size = label.size;
            const small = label.fontOptions.size * scale < 5;
            if (node.options.hidden || !label.elementOptions.label || small) continue;
            out.push([index, [size.left, size.top, size.left + size.width, size.top + size.height]]);
          }
          return [v.labels().map(label => [label[0], label[2]]), out];
        }""",
        root_id,
    )
    boxes = {node_id: box for node_id, box in own}
    boxes |= {view.nodes[index].id: box for index, box in drawn_by_vis}
    return boxes


def open_member_view(
    chromium: Chromium, city: Dataset, depth: int, tmp_path: Path
) -> tuple[Any, Any, str, Any]:
    """The member view of a city's member with long-named organizations around, opened at 1280x720."""
    view = build_view(city, "member", "M0002", depth=depth)
    path = tmp_path / f"member{depth}.html"
    write_view(view, path)
    page, report = chromium.open_page(path, width=1280, height=720)
    wait_ready(page)
    page.wait_for_timeout(500)
    return page, report, str(page.evaluate("() => document.querySelector('.pbg').id")), view


@pytest.mark.parametrize("depth", [1, 2])
def test_labels_on_rings_never_cover_each_other(
    chromium: Chromium, city: Dataset, depth: int, tmp_path: Path
) -> None:
    """Organizations side by side on a member's first ring have long names: drawn under their nodes, they
    covered each other. At the opening zoom, zoomed out and zoomed in, no label covers another (at depth 1,
    opened, every label is drawn); one left out is drawn once its node is selected, and zooming in brings
    labels back."""
    page, report, root_id, view = open_member_view(chromium, city, depth, tmp_path)
    labelled = {n.id for n in view.drawn() if n.label}
    boxes = label_boxes(page, root_id, view)
    assert "M0002" in boxes
    assert not overlapping(list(boxes.values()))
    if depth == 1:
        assert set(boxes) == labelled
    screenshot(page, SHOTS / f"member{depth}_rings.png")
    panel = page.eval_on_selector(f"#{root_id} .pbg-details", "el => el.getBoundingClientRect().right")
    seen = []
    for scale in (0.1, 0.4, 1.2):
        page.evaluate(
            "([id, scale]) => window.__pbgraphViews[id].network.moveTo({scale, position: {x: 0, y: 0}})",
            [root_id, scale],
        )
        page.wait_for_timeout(200)
        boxes = label_boxes(page, root_id, view)
        assert not overlapping(list(boxes.values())), scale
        seen.append(len(boxes))
        if depth == 2 and scale == 0.1:
            # far out, names are left out; one is drawn while its node is selected
            left_out = [(i, n.id) for i, n in enumerate(view.nodes) if n.id in labelled - set(boxes)]
            index, node_id = next(
                (i, node_id) for i, node_id in left_out if node_point(page, root_id, i)[0] > panel + 10
            )
            page.mouse.click(*node_point(page, root_id, index))
            page.wait_for_timeout(200)
            assert api(page, root_id, "selected()") == node_id
            selected = label_boxes(page, root_id, view)
            assert node_id in selected and not overlapping(list(selected.values()))
    if depth == 2:
        assert seen[0] < seen[1], seen
    report.assert_clean()


def free_canvas_trouble(page: Any, root_id: str, view: Any) -> list[str]:
    """What lies where it cannot be seen: a drawn node's centre or any part of a drawn label outside the
    canvas (the legend begins where it ends) or under the details panel or the legend (in canvas pixels,
    half a pixel of slack)."""
    boxes = label_boxes(page, root_id, view)
    width, height, covers, points, corners = page.evaluate(
        """([rootId, boxes]) => {
          const v = window.__pbgraphViews[rootId], net = v.network;
          const el = document.querySelector('#' + rootId + ' .pbg-net'), at = el.getBoundingClientRect();
          const covers = ['.pbg-details', '.pbg-legend']
            .map(selector => document.querySelector('#' + rootId + ' ' + selector))
            .filter(cover => cover && cover.offsetParent !== null)
            .map(cover => cover.getBoundingClientRect())
            .map(box => [box.left - at.left, box.top - at.top, box.right - at.left, box.bottom - at.top]);
          return [el.clientWidth, el.clientHeight, covers,
                  v.drawnIds().map(id => [id, net.canvasToDOM(v.position(id))]),
                  Object.entries(boxes).map(([id, b]) => [id, net.canvasToDOM({x: b[0], y: b[1]}),
                                                          net.canvasToDOM({x: b[2], y: b[3]})])];
        }""",
        [root_id, boxes],
    )
    assert len(points) == len(view.drawn()) and len(corners) == len(boxes)
    assert covers, "the details panel and the legend are on the page"
    slack = 0.5
    trouble = []
    for node_id, point in points:
        box = [point["x"], point["y"], point["x"], point["y"]]
        if not (-slack <= point["x"] <= width + slack and -slack <= point["y"] <= height + slack):
            trouble.append(f"node {node_id} at {point} outside the canvas {width}x{height}")
        elif any(overlapping([box, cover]) for cover in covers):
            trouble.append(f"node {node_id} at {point} under {covers}")
    for node_id, top_left, bottom_right in corners:
        box = [top_left["x"], top_left["y"], bottom_right["x"], bottom_right["y"]]
        inner = [box[0] + slack, box[1] + slack, box[2] - slack, box[3] - slack]
        if box[0] < -slack or box[1] < -slack or box[2] > width + slack or box[3] > height + slack:
            trouble.append(f"label of {node_id} {box} outside the canvas {width}x{height}")
        elif any(overlapping([inner, cover]) for cover in covers):
            trouble.append(f"label of {node_id} {box} under {covers}")
    return trouble


def reset(page: Any, root_id: str) -> None:
    """Click 重置 and wait for the end of the camera's move (vis moves it frame by frame: slow frames, a slow
    move)."""
    page.evaluate(
        """(rootId) => {
          const net = window.__pbgraphViews[rootId].network;
          window.__pbgraphMoved = false;
          net.once('animationFinished', () => { window.__pbgraphMoved = true; });
        }""",
        root_id,
    )
    page.click(f"#{root_id} .pbg-reset")
    page.wait_for_function("() => window.__pbgraphMoved")
    page.wait_for_timeout(100)


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_a_member_view_opens_and_resets_with_everything_in_the_free_canvas(
    chromium: Chromium, city: Dataset, depth: int, tmp_path: Path
) -> None:
    """At 1280x720 the view opens with every node and label in the canvas, none under the details panel
    opened on the member nor under the legend, and 重置 brings it back so (before, at depth 2 the second ring
    lay outside the window and at depth 1 the panel covered the left of the ring; at depth 3, some 130 names
    drawn, a long name at the right ran on under the legend: names grow on the canvas as the zoom shrinks, and
    the frame, measured again four times, still held the names of a closer zoom)."""
    page, report, root_id, view = open_member_view(chromium, city, depth, tmp_path)
    assert free_canvas_trouble(page, root_id, view) == []
    page.evaluate(
        "(id) => window.__pbgraphViews[id].network.moveTo({scale: 2.5, position: {x: 400, y: -300}})", root_id
    )
    reset(page, root_id)
    assert free_canvas_trouble(page, root_id, view) == []
    report.assert_clean()


def test_a_crowded_second_hop_leaves_the_first_readable_at_the_opening_zoom(
    chromium: Chromium, city: Dataset, tmp_path: Path
) -> None:
    """M0002's second hop holds about 190 nodes. On one ring whose radius grew with its count, the view opened
    at a tenth of natural size: the first ring a speck 40 px wide, most of its names left out. It opens with
    the first ring at least a quarter of the canvas high and every name on it drawn, at least 11 px."""
    page, report, root_id, view = open_member_view(chromium, city, 2, tmp_path)
    first_radius = view.rings[0][0]
    by_ring = [
        sum(1 for n in view.drawn() if n.id != "M0002" and (n.x**2 + n.y**2) ** 0.5 <= r + 1)
        for r, _ in view.rings
    ]
    assert by_ring[0] >= 10 and by_ring[1] - by_ring[0] >= 150
    first = {n.id for n in view.drawn() if n.label and 1 < (n.x**2 + n.y**2) ** 0.5 <= first_radius + 1}
    scale, height = page.evaluate(
        f"""() => [window.__pbgraphViews['{root_id}'].network.getScale(),
                   document.querySelector('#{root_id} .pbg-net').clientHeight]"""
    )
    assert 2 * first_radius * scale >= height / 4
    labels = {label[0]: label[1] for label in api(page, root_id, "labels()")}
    assert first <= set(labels) and all(labels[node_id] >= 11 for node_id in first)
    report.assert_clean()


@pytest.mark.parametrize("depth", [1, 2])
def test_reset_frames_a_member_view_as_it_opened(
    chromium: Chromium, city: Dataset, depth: int, tmp_path: Path
) -> None:
    """重置 used vis's fit, which frames the nodes only, under the details panel. It goes back to how the view
    opened: the member selected with its panel, all of the rings and names beside it, at the same zoom."""
    page, report, root_id, view = open_member_view(chromium, city, depth, tmp_path)
    camera = f"""() => {{
      const net = window.__pbgraphViews['{root_id}'].network;
      return [net.getScale(), net.getViewPosition()];
    }}"""
    opening = page.evaluate(camera)
    # elsewhere: another node selected, zoomed in off to one side
    other = next(i for i, n in enumerate(view.nodes) if n.kind == "organization" and not n.reserve)
    page.mouse.click(*node_point(page, root_id, other))
    assert api(page, root_id, "selected()") == view.nodes[other].id
    page.evaluate(
        "(id) => window.__pbgraphViews[id].network.moveTo({scale: 2.5, position: {x: 400, y: -300}})", root_id
    )
    page.click(f"#{root_id} .pbg-reset")
    scale, position = settled_camera(page, camera)
    assert api(page, root_id, "selected()") == "M0002"
    assert page.is_visible(f"#{root_id} .pbg-details")
    assert scale == pytest.approx(opening[0], rel=0.01)
    assert (
        abs(position["x"] - opening[1]["x"]) * scale < 2 and abs(position["y"] - opening[1]["y"]) * scale < 2
    )
    report.assert_clean()


def settled_camera(page: Any, camera: str) -> Any:
    """The camera once its animation has come to rest: the same in two reads 300 ms apart (a loaded machine
    runs the animation longer than its nominal time), read for at most 10 s."""
    last = page.evaluate(camera)
    for _ in range(33):
        page.wait_for_timeout(300)
        now = page.evaluate(camera)
        if now == last:
            break
        last = now
    return last


def hop_titles(page: Any, root_id: str, view: Any) -> dict[str, list[float]]:
    """The hops' titles the next frame draws, read off the canvas as it draws them: title -> its glyphs'
    box [left, top, right, bottom] in canvas pixels."""
    return {
        text: box
        for text, box in page.evaluate(
            """([rootId, titles]) => {
              const net = window.__pbgraphViews[rootId].network;
              const proto = CanvasRenderingContext2D.prototype, fillText = proto.fillText, out = [];
              proto.fillText = function (text, x, y) {
                if (titles.includes(text)) {
                  const m = this.getTransform(), glyphs = this.measureText(text);
                  out.push([text, [m.a * (x - glyphs.actualBoundingBoxLeft) + m.e,
                                   m.d * (y - glyphs.actualBoundingBoxAscent) + m.f,
                                   m.a * (x + glyphs.actualBoundingBoxRight) + m.e,
                                   m.d * (y + glyphs.actualBoundingBoxDescent) + m.f]]);
                }
                return fillText.apply(this, arguments);
              };
              try { net.redraw(); } finally { proto.fillText = fillText; }
              return out;
            }""",
            [root_id, [title for _, title in view.rings]],
        )
    }


def ring_index(view: Any, node: Any) -> int:
    """The ring a node of a hop lies on or inside (its hop's: a crowded hop's bands lie inside its ring)."""
    distance = (node.x**2 + node.y**2) ** 0.5
    return next(k for k, (radius, _) in enumerate(view.rings) if radius >= distance - 1)


def test_the_titles_of_a_reach_views_many_hops_never_cover_each_other(
    chromium: Chromium, city: Dataset, tmp_path: Path
) -> None:
    """M2344 reaches 2,500 nodes in 15 hops: the outer hops, one ring each, lay 13 px apart at the opening
    zoom, their titles (12 px high) drawn one on top of the next with half a pixel between. A title that would
    lie closer to one drawn than its line's height is left out, the first and the last kept: those drawn are
    a quarter of their height apart or more, and one left out would have come within a line and a half of
    one drawn. Selecting or hovering a node brings its hop's title (the first or the last hop's gives way to
    it next to them)."""
    view = build_view(city, "reach", "M2344")
    assert len(view.rings) >= 12
    path = tmp_path / "reach.html"
    write_view(view, path)
    page, report = chromium.open_page(path, width=1280, height=720)
    wait_ready(page)
    page.wait_for_timeout(500)
    root_id = str(page.evaluate("() => document.querySelector('.pbg').id"))
    titles = [title for _, title in view.rings]
    scale = float(api(page, root_id, "network.getScale()"))

    def check(drawn: dict[str, list[float]]) -> None:
        assert titles[0] in drawn and titles[-1] in drawn
        # one column of titles over the centre, top to bottom
        boxes = sorted(drawn.values(), key=lambda box: box[1])
        height = max(box[3] - box[1] for box in boxes)
        assert all(lower[1] - upper[3] >= height / 4 for upper, lower in pairwise(boxes)), drawn
        # none is left out that would have had room
        radius = {title: r for r, title in view.rings}
        for title in set(titles) - set(drawn):
            nearest = min(abs(radius[title] - radius[other]) for other in drawn)
            assert nearest * scale < 1.5 * height, title

    opening = hop_titles(page, root_id, view)
    check(opening)
    assert len(opening) < len(titles)
    # a node of a hop whose title is left out, clear of the panel: selected, then another hovered
    panel = page.eval_on_selector(f"#{root_id} .pbg-details", "el => el.getBoundingClientRect().right")
    canvas = page.eval_on_selector(f"#{root_id} .pbg-net", "el => el.getBoundingClientRect().toJSON()")

    def reached(index: int, x: float, y: float) -> bool:
        # whether the pointer there hovers that node: on a crowded outer hop a node is a pixel wide, and the
        # pointer on it may hover an edge or a neighbour instead
        page.mouse.move(x - 20, y - 20)
        page.mouse.move(x, y, steps=3)
        hover = f"window.__pbgraphViews['{root_id}'].network.selectionHandler.hoverObj.nodes"
        return bool(page.evaluate(f"() => {index} in {hover}"))

    def left_out_node(drawn: dict[str, list[float]], away_from: list[int]) -> tuple[int, int]:
        # a node clear of the panel, on a hop two or more rings from those of `away_from` (the first and the
        # last hop give way to the selected or hovered hop's title next to them), that the pointer reaches
        for index, node in enumerate(view.nodes):
            if (node.x**2 + node.y**2) < 1:
                continue
            ring = ring_index(view, node)
            if titles[ring] in drawn or any(abs(ring - other) < 2 for other in away_from):
                continue
            x, y = node_point(page, root_id, index)
            inside = panel + 20 < x < canvas["right"] - 20 and canvas["top"] + 20 < y < canvas["bottom"] - 20
            if inside and reached(index, x, y):
                return index, ring
        raise AssertionError("no node on a hop whose title is left out")

    ends = [0, len(titles) - 1]
    index, ring = left_out_node(opening, ends)
    page.mouse.click(*node_point(page, root_id, index))
    assert api(page, root_id, "selected()") == view.nodes[index].id
    selected = hop_titles(page, root_id, view)
    assert titles[ring] in selected
    check(selected)
    other, other_ring = left_out_node(selected, [*ends, ring])
    x, y = node_point(page, root_id, other)
    page.mouse.move(x - 20, y - 20)
    page.mouse.move(x, y, steps=3)
    page.wait_for_timeout(300)
    hovered = hop_titles(page, root_id, view)
    assert titles[other_ring] in hovered and titles[ring] in hovered
    check(hovered)
    report.assert_clean()


def test_a_legend_laid_over_the_canvas_is_kept_clear_like_the_panel(
    chromium: Chromium, city: Dataset, tmp_path: Path
) -> None:
    """A host page may lay the legend over the canvas (here over its right side, as a box): 重置 frames the
    drawing clear of it, as of the details panel on the left."""
    page, report, root_id, view = open_member_view(chromium, city, 3, tmp_path)
    page.add_style_tag(
        content=f"""#{root_id} .pbg-main {{ position: relative !important; }}
        #{root_id} .pbg-legend {{ position: absolute !important; top: 8px !important; right: 8px !important;
          width: 220px !important; max-height: 70% !important; background: #fff !important; }}"""
    )
    page.wait_for_timeout(300)
    legend, canvas = page.evaluate(
        f"""() => ['.pbg-legend', '.pbg-net'].map(selector =>
              document.querySelector('#{root_id} ' + selector).getBoundingClientRect().toJSON())"""
    )
    assert canvas["right"] == 1280 and legend["left"] < canvas["right"] - 200
    reset(page, root_id)
    assert free_canvas_trouble(page, root_id, view) == []
    report.assert_clean()

"""Exploring a view in real headless Chromium: details panel, dimming, expand/collapse, drill-down, path,
filters with counts, state in the URL, PNG export and keys, on the sample and on a generated city system."""

from __future__ import annotations

import base64
from itertools import pairwise
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from pbgraph import Dataset
from pbgraph.render import build_view, write_view
from tests.browser import (
    Chromium,
    api,
    node_point,
    open_view,
    overlapping,
    screenshot,
    search,
    wait_ready,
)

SHOTS = Path("/tmp/explore_shots")
pytestmark = pytest.mark.browser


def open_built(chromium: Chromium, view: Any, path: Path) -> tuple[Any, Any, str]:
    write_view(view, path)
    return open_view(chromium, path.read_text(encoding="utf-8"), path)


def liaison_graph(ds: Dataset, *, members_only: bool = False) -> nx.Graph:
    """Every liaison as an undirected edge: what the path tool walks (counting or not); members only where
    the view holds members only (a drill-down view)."""
    liaisons = ds.liaisons
    if members_only:
        liaisons = liaisons[liaisons["kind"] == "member"]
    graph = nx.Graph()
    graph.add_edges_from(zip(liaisons["source"], liaisons["target"], strict=True))
    return graph


def names(ds: Dataset) -> dict[str, str]:
    out: dict[str, str] = {}
    for table in ("members", "sectors", "townships", "organizations", "contacts"):
        frame = getattr(ds, table)
        out |= {i: (n or i) for i, n in zip(frame["id"], frame["name"], strict=True)}
    return out


def test_details_panel_lists_liaisons_by_name_and_dims_the_rest(
    chromium: Chromium, sample: Dataset, tmp_path: Path
) -> None:
    view = build_view(sample, "network")
    page, report, root_id = open_built(chromium, view, tmp_path / "n.html")
    index = next(i for i, n in enumerate(view.nodes) if n.id == "M0205")
    x, y = node_point(page, root_id, index)
    page.mouse.click(x, y)
    page.wait_for_selector(f"#{root_id} .pbg-details:not([hidden])")
    panel = str(page.text_content(f"#{root_id} .pbg-details"))
    label = names(sample)
    out = sample.liaisons[sample.liaisons["source"] == "M0205"]
    assert len(out) == 11
    for target in out["target"]:
        assert label[target] in panel, label[target]
    assert f"发出的联系（{len(out)}）" in panel and "收到的联系（0）" in panel
    # everything outside the neighbourhood (any edge: liaisons, sector, memberships) is dimmed
    neighbours = {"M0205"} | {e.target for e in view.edges if e.source == "M0205"}
    neighbours |= {e.source for e in view.edges if e.target == "M0205"}
    assert set(out["target"]) <= neighbours
    opacity = page.evaluate(
        f"""() => {{ const body = window.__pbgraphViews['{root_id}'].network.body.nodes;
                    return Object.keys(body).map(k => [Number(k), body[k].options.opacity]); }}"""
    )
    for node, value in opacity:
        assert (value is None or value == 1) == (view.nodes[node].id in neighbours)
    screenshot(page, SHOTS / "details.png")
    # a name in the panel goes to that node
    page.click(f"#{root_id} .pbg-details button.pbg-link >> text={label['M0082']}")
    assert api(page, root_id, "selected()") == "M0082"
    page.keyboard.press("Escape")
    assert api(page, root_id, "selected()") is None
    assert page.is_hidden(f"#{root_id} .pbg-details")
    report.assert_clean()


def test_double_click_shows_and_hides_the_reserve(
    chromium: Chromium, sample: Dataset, tmp_path: Path
) -> None:
    view = build_view(sample, "member", "M0205")
    assert view.focus == "M0205" and [label for _, label in view.rings] == ["第 1 跳"]
    page, report, root_id = open_built(chromium, view, tmp_path / "m.html")
    assert api(page, root_id, "selected()") == "M0205"  # the person is selected at start
    before = set(api(page, root_id, "drawnIds()"))
    assert before == {n.id for n in view.drawn()}
    index = next(i for i, n in enumerate(view.nodes) if n.id == "M0082")
    reserve_neighbours = {
        n for n in liaison_graph(sample).neighbors("M0082") if n in {v.id for v in view.nodes if v.reserve}
    }
    x, y = node_point(page, root_id, index)
    page.mouse.dblclick(x, y)
    page.wait_for_timeout(300)
    after = set(api(page, root_id, "drawnIds()"))
    assert reserve_neighbours and reserve_neighbours <= after - before
    x, y = node_point(page, root_id, index)
    page.mouse.dblclick(x, y)
    page.wait_for_timeout(300)
    assert set(api(page, root_id, "drawnIds()")) == before
    report.assert_clean()


def test_drill_down_search_and_path(chromium: Chromium, sample: Dataset, tmp_path: Path) -> None:
    view = build_view(sample, "network", node_limit=100)
    page, report, root_id = open_built(chromium, view, tmp_path / "agg.html")
    top = api(page, root_id, "drawnIds()")
    assert top and all(i.startswith("agg:") for i in top)
    # double-click a sector super-node: its members take its place
    sector = next(i for i, n in enumerate(view.nodes) if n.kind == "aggregate")
    inside = {n.id for n in view.nodes if n.parent == view.nodes[sector].id}
    x, y = node_point(page, root_id, sector)
    page.mouse.dblclick(x, y)
    page.wait_for_timeout(300)
    drawn = set(api(page, root_id, "drawnIds()"))
    assert inside <= drawn and view.nodes[sector].id not in drawn
    # search finds a member inside another super-node and opens it
    folded = next(n for n in view.nodes if n.kind == "member" and n.id not in drawn)
    assert search(page, root_id, folded.label).startswith("已定位：")
    assert api(page, root_id, "selected()") == folded.id
    assert folded.id in api(page, root_id, "drawnIds()")
    # the path tool: the shortest liaison chain, as networkx finds it
    graph = liaison_graph(sample, members_only=True)
    component = sorted(max(nx.connected_components(graph), key=len))
    source, target = component[0], component[-1]
    expected = nx.shortest_path_length(graph, source, target)
    chain = page.evaluate(f"() => window.__pbgraphViews['{root_id}'].findPath({source!r}, {target!r})")
    assert chain[0] == source and chain[-1] == target and len(chain) - 1 == expected
    assert all(graph.has_edge(a, b) for a, b in pairwise(chain))
    assert set(chain) <= set(api(page, root_id, "drawnIds()"))
    assert f"联系链：{expected} 步" in str(page.text_content(f"#{root_id} .pbg-details"))
    screenshot(page, SHOTS / "path.png")
    report.assert_clean()


def test_filters_count_sort_and_combine(chromium: Chromium, sample: Dataset, tmp_path: Path) -> None:
    view = build_view(sample, "network")
    page, report, root_id = open_built(chromium, view, tmp_path / "f.html")
    options = page.eval_on_selector_all(
        f"#{root_id} .pbg-filter >> nth=1 >> option", "els => els.map(e => e.textContent)"
    )[1:]
    parties = [n.attrs["party"] for n in view.nodes if "party" in n.attrs]
    counts = [int(o.rsplit("（", 1)[1].rstrip("）")) for o in options]
    assert counts == sorted(counts, reverse=True)
    assert options[0] == f"中共党员（{parties.count('中共党员')}）"
    page.select_option(f"#{root_id} .pbg-filter select >> nth=1", index=1)  # 中共党员
    sectors = [n.attrs["sector"] for n in view.nodes if "sector" in n.attrs]
    page.select_option(
        f"#{root_id} .pbg-filter select >> nth=2", label=f"文化艺术界（{sectors.count('文化艺术界')}）"
    )
    shown = set(api(page, root_id, "drawnIds()"))
    both = {
        n.id
        for n in view.nodes
        if n.attrs.get("party") == "中共党员" and n.attrs.get("sector") == "文化艺术界"
    }
    members = {i for i in shown if i.startswith("M")}
    assert members == both
    # contacts of hidden members are hidden with them
    contacts = {i for i in shown if i.startswith("P")}
    liaised = set(sample.liaisons.loc[sample.liaisons["source"].isin(both), "target"])
    assert contacts and contacts <= liaised
    report.assert_clean()


def test_state_round_trip_through_the_url(chromium: Chromium, sample: Dataset, tmp_path: Path) -> None:
    view = build_view(sample, "network", node_limit=100)
    path = tmp_path / "state.html"
    page, _, root_id = open_built(chromium, view, path)
    folded = next(n for n in view.nodes if n.kind == "member" and n.attrs.get("party") == "中共党员")
    api(page, root_id, f"focusNode({folded.id!r})")
    page.select_option(f"#{root_id} .pbg-filter select >> nth=1", index=1)
    # the camera comes to rest (focus animates it), then the hash holds where it rests
    page.wait_for_function(
        """(rootId) => {
            const network = window.__pbgraphViews[rootId].network;
            const z = /z=([0-9.]+)/.exec(location.hash);
            return z !== null && Math.abs(Number(z[1]) - network.getScale()) < 0.005 * network.getScale();
        }""",
        arg=root_id,
    )
    hash_ = page.evaluate("() => location.hash")
    assert f"sel={folded.id}" in hash_ and "open=" in hash_ and "f=1." in hash_
    drawn = sorted(api(page, root_id, "drawnIds()"))
    filters = page.eval_on_selector_all(f"#{root_id} .pbg-filter select", "els => els.map(e => e.value)")
    scale = api(page, root_id, "network.getScale()")
    # a fresh page that opens the link: the file with the hash
    (tmp_path / "blank.html").write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")
    again, report = chromium.open_page(tmp_path / "blank.html")
    again.goto(path.resolve().as_uri() + hash_)
    wait_ready(again)
    again.wait_for_timeout(300)
    assert api(again, root_id, "selected()") == folded.id
    assert sorted(api(again, root_id, "drawnIds()")) == drawn
    assert (
        again.eval_on_selector_all(f"#{root_id} .pbg-filter select", "els => els.map(e => e.value)")
        == filters
    )
    assert abs(api(again, root_id, "network.getScale()") - scale) < 0.01 * scale
    report.assert_clean()


def test_png_export_and_keys(chromium: Chromium, sample: Dataset, tmp_path: Path) -> None:
    view = build_view(sample, "gaps")
    page, report, root_id = open_built(chromium, view, tmp_path / "g.html")
    width = page.evaluate(f"() => document.querySelector('#{root_id} .pbg-net').clientWidth")
    for factor in (2, 3):
        url = api(page, root_id, f"exportPng({factor})")
        data = base64.b64decode(url.split(",", 1)[1])
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        # the view, then its legend beside it (250 CSS pixels)
        assert int.from_bytes(data[16:20], "big") == (width + 250) * factor
    with page.expect_download() as download:
        page.click(f"#{root_id} .pbg-png >> nth=0")
    saved = download.value.path()
    assert saved is not None and Path(saved).read_bytes()[:4] == b"\x89PNG"
    # the gap legend is on screen at 1280x720, above the fold
    page.set_viewport_size({"width": 1280, "height": 720})
    page.wait_for_timeout(200)
    boxes = page.eval_on_selector_all(
        f"#{root_id} .pbg-legend li.pbg-gap-item", "els => els.map(e => e.getBoundingClientRect().bottom)"
    )
    assert len(boxes) == 6 and max(boxes) <= 720
    # "/" focuses the search, Esc clears
    page.mouse.click(5, 5)
    page.keyboard.press("/")
    assert page.evaluate("() => document.activeElement.classList.contains('pbg-search')")
    page.keyboard.type("M0205")
    page.keyboard.press("Enter")
    assert api(page, root_id, "selected()") == "M0205"
    page.keyboard.press("Escape")
    assert api(page, root_id, "selected()") is None
    report.assert_clean()


def test_city_system_drill_down_path_and_details(chromium: Chromium, city: Dataset, tmp_path: Path) -> None:
    view = build_view(city, "gaps")
    assert view.notice and "聚合" in view.notice
    page, report, root_id = open_built(chromium, view, tmp_path / "city.html")
    top = api(page, root_id, "drawnIds()")
    assert len(top) == len(city.committees)
    # zoomed out to fit the city, the folded committees' labels are drawn readable (at least 11 px on the
    # screen: vis would draw them as pale specks) and never over each other; zoomed in, at their own size
    labels = f"() => window.__pbgraphViews['{root_id}'].labels()"
    shown = page.evaluate(labels)
    assert len(shown) >= len(top) - 2 and {label[0] for label in shown} <= set(top)
    assert all(11 <= label[1] <= 30 for label in shown)
    assert not overlapping([label[2] for label in shown])
    page.evaluate(f"() => window.__pbgraphViews['{root_id}'].network.moveTo({{scale: 0.2}})")
    page.wait_for_timeout(300)
    closer = page.evaluate(labels)
    assert closer and all(label[1] > 11 for label in closer)
    assert not overlapping([label[2] for label in closer])
    # a committee opened in place: its groups crowd around it, fitted into the window their labels would
    # cover each other; those that would are left out
    opened = f"agg:0:{city.committees[0]}"
    page.evaluate(
        f"() => {{ const v = window.__pbgraphViews['{root_id}']; v.toggle('{opened}'); v.network.fit(); }}"
    )
    page.wait_for_timeout(300)
    crowded = page.evaluate(labels)
    folded = page.evaluate(f"() => window.__pbgraphViews['{root_id}'].drawnIds()")
    assert len(folded) > len(top) and 0 < len(crowded) < len(folded)
    assert not overlapping([label[2] for label in crowded])
    page.evaluate(f"() => window.__pbgraphViews['{root_id}'].toggle('{opened}')")
    # a member deep inside (committee > sector > member): search opens both levels
    member = city.members.iloc[len(city.members) // 2]
    assert search(page, root_id, member["id"]).startswith("已定位：")
    assert api(page, root_id, "selected()") == member["id"]
    panel = str(page.text_content(f"#{root_id} .pbg-details"))
    label = names(city)
    out = city.liaisons[(city.liaisons["source"] == member["id"]) & (city.liaisons["kind"] == "member")]
    for target in out["target"]:
        assert label[target] in panel
    # the shortest chain between two members of different committees, as networkx finds it
    graph = liaison_graph(city, members_only=True)
    component = max(nx.connected_components(graph), key=len)
    a, b = sorted(component)[0], sorted(component)[-1]
    chain = page.evaluate(f"() => window.__pbgraphViews['{root_id}'].findPath({a!r}, {b!r})")
    assert len(chain) - 1 == nx.shortest_path_length(graph, a, b)
    assert all(graph.has_edge(x, y) for x, y in pairwise(chain))
    screenshot(page, SHOTS / "city_path.png")
    report.assert_clean()


def test_report_table_row_focuses_its_node_in_the_view(
    chromium: Chromium, sample: Dataset, tmp_path: Path
) -> None:
    from pbgraph.report import write_report

    path = write_report(sample, tmp_path / "report.html")
    page, report = chromium.open_page(path)
    page.wait_for_function("() => document.querySelectorAll('figure.rp-view [data-ready]').length > 0")
    found = page.evaluate(
        """() => {
            const done = [];
            for (const section of document.querySelectorAll("section")) {
                const figure = section.querySelector("figure.rp-view");
                const row = section.querySelector("tr[data-node]");
                if (!figure || !row) continue;
                const view = window.__pbgraphViews[figure.getAttribute("data-view")];
                const id = row.getAttribute("data-node");
                row.click();
                done.push([id, view.selected()]);
            }
            return done;
        }"""
    )
    assert found, "no section holds both a view and a table of nodes"
    assert any(row_id == selected for row_id, selected in found), found
    report.assert_clean()


def test_a_committee_opened_at_the_edge_is_brought_into_view(
    chromium: Chromium, city: Dataset, tmp_path: Path
) -> None:
    """A folded committee drawn small in the canvas's corner, opened: what it drew is framed in the canvas
    (before, its groups were drawn around it, partly outside the window and too small to read)."""
    view = build_view(city, "gaps")
    page, report, root_id = open_built(chromium, view, tmp_path / "city-edge.html")
    opened = f"agg:0:{city.committees[0]}"
    v = f"window.__pbgraphViews['{root_id}']"
    canvas = f"document.querySelector('#{root_id} .pbg-net')"
    before = set(api(page, root_id, "drawnIds()"))
    # the committee's node 20 px from the canvas's top-left corner, zoomed far out
    page.evaluate(
        f"""() => {{
          const v = {v}, el = {canvas}, p = v.position('{opened}'), scale = 0.05;
          v.network.moveTo({{scale, position: {{x: p.x + (el.clientWidth / 2 - 20) / scale,
                                                y: p.y + (el.clientHeight / 2 - 20) / scale}}}});
        }}"""
    )
    # the view moves in an animation: wait for its end (a loaded machine runs it late), not a fixed time
    page.evaluate(
        f"""() => {{
          window.__framed = false;
          {v}.network.once('animationFinished', () => {{ window.__framed = true; }});
        }}"""
    )
    api(page, root_id, f"toggle('{opened}')")
    page.wait_for_function("() => window.__framed", timeout=10_000)
    shown = sorted(set(api(page, root_id, "drawnIds()")) - before)
    assert len(shown) > 2
    width, height, points = page.evaluate(
        f"""(ids) => {{
          const v = {v}, el = {canvas};
          return [el.clientWidth, el.clientHeight, ids.map(id => v.network.canvasToDOM(v.position(id)))];
        }}""",
        shown,
    )
    xs, ys = [p["x"] for p in points], [p["y"] for p in points]
    assert min(xs) >= 0 and max(xs) <= width and min(ys) >= 0 and max(ys) <= height
    # and large enough to read: a quarter of the canvas one way or the other
    assert max(xs) - min(xs) >= width / 4 or max(ys) - min(ys) >= height / 4
    screenshot(page, SHOTS / "city_opened_at_edge.png")
    report.assert_clean()


def test_the_panel_of_a_committee_opened_by_double_click_offers_to_fold_it(
    chromium: Chromium, city: Dataset, tmp_path: Path
) -> None:
    """A double-click's first click selects a folded committee and shows its panel (展开); the double-click
    opens it. The panel then says 收起, and its button folds the committee back (before, the panel still said
    展开 and its button folded what it offered to open)."""
    view = build_view(city, "gaps")
    page, report, root_id = open_built(chromium, view, tmp_path / "city-panel.html")
    page.set_viewport_size({"width": 1280, "height": 720})
    page.wait_for_timeout(200)
    opened = f"agg:0:{city.committees[0]}"
    index = next(i for i, n in enumerate(view.nodes) if n.id == opened)
    button = f"#{root_id} .pbg-details button.pbg-action"
    before = sorted(api(page, root_id, "drawnIds()"))
    x, y = node_point(page, root_id, index)
    page.mouse.dblclick(x, y)
    page.wait_for_timeout(500)
    assert api(page, root_id, "selected()") == opened
    assert len(api(page, root_id, "drawnIds()")) > len(before)
    assert page.text_content(f"#{root_id} .pbg-details-title") == view.nodes[index].label
    assert page.text_content(button) == "收起"
    screenshot(page, SHOTS / "city_opened_panel.png")
    page.click(button)
    page.wait_for_timeout(500)
    assert sorted(api(page, root_id, "drawnIds()")) == before
    assert api(page, root_id, "selected()") == opened
    assert page.text_content(button) == "展开"
    # the button opens it again and stays on it; a link to that state opens with the same panel
    page.click(button)
    page.wait_for_timeout(500)
    drawn = sorted(api(page, root_id, "drawnIds()"))
    assert len(drawn) > len(before) and page.text_content(button) == "收起"
    page.wait_for_function("() => /sel=.*open=/.test(location.hash)")
    hash_ = page.evaluate("() => location.hash")
    (tmp_path / "blank.html").write_text("<!DOCTYPE html><title>blank</title>", encoding="utf-8")
    again, again_report = chromium.open_page(tmp_path / "blank.html")
    again.goto((tmp_path / "city-panel.html").resolve().as_uri() + hash_)
    wait_ready(again)
    assert api(again, root_id, "selected()") == opened
    assert sorted(api(again, root_id, "drawnIds()")) == drawn
    assert again.text_content(button) == "收起"
    report.assert_clean()
    again_report.assert_clean()


def test_a_double_click_where_the_panel_opens_still_opens_the_committee(
    chromium: Chromium, city: Dataset, tmp_path: Path
) -> None:
    """A folded committee 20 px from the canvas's top-left corner, far zoomed out, double-clicked: the first
    click's panel opens on the other side, so the second click reaches the committee and opens it (before,
    the panel opened over it, took the second click, and the committee was selected but never opened)."""
    view = build_view(city, "gaps")
    page, report, root_id = open_built(chromium, view, tmp_path / "city-corner.html")
    opened = f"agg:0:{city.committees[0]}"
    index = next(i for i, n in enumerate(view.nodes) if n.id == opened)
    page.evaluate(
        f"""() => {{
          const v = window.__pbgraphViews['{root_id}'], p = v.position('{opened}'), scale = 0.05;
          const el = document.querySelector('#{root_id} .pbg-net');
          v.network.moveTo({{scale, position: {{x: p.x + (el.clientWidth / 2 - 20) / scale,
                                                y: p.y + (el.clientHeight / 2 - 20) / scale}}}});
        }}"""
    )
    before = len(api(page, root_id, "drawnIds()"))
    x, y = node_point(page, root_id, index)
    page.mouse.dblclick(x, y)
    page.wait_for_timeout(500)
    assert len(api(page, root_id, "drawnIds()")) > before
    assert page.text_content(f"#{root_id} .pbg-details button.pbg-action") == "收起"
    box = page.eval_on_selector(f"#{root_id} .pbg-details", "el => el.getBoundingClientRect().toJSON()")
    assert not (box["left"] <= x <= box["right"] and box["top"] <= y <= box["bottom"])
    report.assert_clean()

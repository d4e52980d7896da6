"""The low-level view writers: offline, safe, deterministic, fast HTML; static PNG/SVG; notebook display."""

from __future__ import annotations

import base64
import html
import json
import math
import re
import time
import zlib
from pathlib import Path
from typing import Any

import pytest

import pbgraph.render._html as html_writer
from pbgraph.render import ViewDisplay
from pbgraph.render._html import (
    DEFAULT_LABELS_EN,
    LegendItem,
    View,
    ViewEdge,
    ViewNode,
    render_html,
)
from pbgraph.render._static import render_static
from tests.browser import (
    Chromium,
    hover_tooltip,
    open_view,
    screenshot,
    search,
    wait_ready,
)

SHOTS = Path("/tmp/render_shots")
PARTY_COLORS = {"中共党员": "#d62728", "民革": "#1f77b4", "民盟": "#2ca02c", "无党派人士": "#9467bd"}
SECTORS = ["经济界", "教育界", "医药卫生界", "文化艺术界"]
HOSTILE = [
    "<img src=x onerror=window.__pwned=1>",
    '<a href="javascript:alert(1)">x</a>',
    "\"quoted\" 'single' & ampersand",
    "</script><script>window.__pwned=1</script>",
]
HOSTILE_LABEL = "".join(HOSTILE)


def member_view(
    n_members: int = 40, *, title: str = "示例区政协 党员委员联系网络", notice: str | None = None
) -> View:
    """Members on an ellipse under four sectors; every fourth member is a CPC member liaising onward."""
    parties = list(PARTY_COLORS)
    nodes = [
        ViewNode(
            id=f"S{k}",
            label=sector,
            kind="sector",
            x=k * 300 - 450,
            y=-260,
            color="#ff7f0e",
            shape="box",
            size=16,
            tooltip={"类型": "界别"},
            attrs={"kind": "界别"},
        )
        for k, sector in enumerate(SECTORS)
    ]
    edges = []
    for i in range(n_members):
        party = parties[i % 4]
        angle = 2 * math.pi * i / n_members
        nodes.append(
            ViewNode(
                id=f"M{i:03d}",
                label=f"委员{i:02d}",
                kind="member",
                x=round(520 * math.cos(angle), 1),
                y=round(300 * math.sin(angle) + 120, 1),
                color=PARTY_COLORS[party],
                shape="dot",
                size=10,
                tooltip={"党派": party, "界别": SECTORS[i % 4]},
                attrs={"kind": "委员", "party": party, "sector": SECTORS[i % 4]},
                highlight="未被联系的党外委员" if i == 7 else None,
            )
        )
        edges.append(ViewEdge(source=f"M{i:03d}", target=f"S{i % 4}", color="#b0b0b0", arrows=False))
    for i in range(0, n_members, 4):
        edges.append(
            ViewEdge(
                source=f"M{i:03d}",
                target=f"M{(i + 5) % n_members:03d}",
                color="#d62728",
                dashes=True,
                width=2,
                tooltip="党员委员联系党外委员",
            )
        )
    legend = [LegendItem(party, color, "dot", n_members // 4) for party, color in PARTY_COLORS.items()]
    legend += [LegendItem("界别", "#ff7f0e", "box", 4), LegendItem("联系党外委员", "#d62728", "dashed")]
    caption = f"数据：示例区政协 · 2024-05-01 · {len(nodes)} 个节点 · {len(edges)} 条边"
    return View(title=title, caption=caption, nodes=nodes, edges=edges, legend=legend, notice=notice)


def hostile_view() -> View:
    """Every data-bearing field carries markup and script-breaking text."""
    nodes = [
        ViewNode(
            id=f"X{k}",
            label=f"{text}节点{k}",
            kind="member",
            x=k * 150.0,
            y=(k % 2) * 120.0,
            color="#1f77b4",
            shape="dot",
            size=14,
            tooltip={text: f"值{k}{text}", "说明": "\u2028行分隔\u2029段分隔"},
            attrs={"party": text},
            highlight=text if k == 0 else None,
        )
        for k, text in enumerate(HOSTILE)
    ]
    edges = [ViewEdge(source="X0", target="X1", color="#888888", tooltip=HOSTILE_LABEL)]
    return View(
        title=f"标题{HOSTILE_LABEL}",
        caption=f"说明{HOSTILE[0]}",
        nodes=nodes,
        edges=edges,
        legend=[LegendItem(HOSTILE_LABEL, "#1f77b4", "dot", 4)],
        notice=HOSTILE[3],
    )


def big_view(n_nodes: int, n_edges: int) -> View:
    """A grid of nodes with pseudo-random edges (a fixed linear congruence, no RNG state)."""
    side = math.ceil(math.sqrt(n_nodes))
    colors = list(PARTY_COLORS.values())
    nodes = [
        ViewNode(
            id=f"N{i}",
            label=f"委员{i}",
            kind="member",
            x=(i % side) * 40.0,
            y=(i // side) * 40.0,
            color=colors[i % 4],
            shape="dot",
            size=8,
            tooltip={"党派": list(PARTY_COLORS)[i % 4], "编号": str(i)},
            attrs={"party": list(PARTY_COLORS)[i % 4], "sector": SECTORS[(i // 7) % 4]},
        )
        for i in range(n_nodes)
    ]
    edges = [
        ViewEdge(source=f"N{j % n_nodes}", target=f"N{(j * 7919 + 13) % n_nodes}", color="#b0b0b0")
        for j in range(n_edges)
    ]
    return View(title="规模测试", caption=f"{n_nodes} 个节点 · {n_edges} 条边", nodes=nodes, edges=edges)


def script_data(page_html: str) -> dict[str, Any]:
    match = re.search(
        r'<script type="application/(?:json|octet-stream)" id="[^"]+"([^>]*)>(.*?)</script>',
        page_html,
        re.DOTALL,
    )
    assert match is not None
    text = match.group(2)
    if 'data-encoding="deflate-base64"' in match.group(1):
        text = zlib.decompress(base64.b64decode(text)).decode("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


# -- offline -------------------------------------------------------------------------------------------


def test_page_inlines_everything() -> None:
    page_html = render_html(member_view())
    assert page_html.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page_html
    assert not re.search(r"<(script|img|iframe)[^>]*\bsrc=", page_html)
    assert not re.search(r"<link[^>]*stylesheet", page_html)
    assert "@import" not in page_html
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", page_html)
    assert "sourceMappingURL" not in page_html
    assert "bootstrap" not in page_html.lower()


@pytest.mark.browser
def test_page_makes_no_request_and_logs_no_error(chromium: Chromium, tmp_path: Path) -> None:
    page, report, root_id = open_view(
        chromium, render_html(member_view(notice="已聚合：节点超过 3000 个")), tmp_path / "v.html"
    )
    page.wait_for_timeout(300)
    screenshot(page, SHOTS / "member_view.png")
    hover_tooltip(page, root_id, 4 + 7)
    screenshot(page, SHOTS / "member_view_tooltip.png")
    search(page, root_id, "委员1")
    page.select_option(f"#{root_id} .pbg-filter select >> nth=1", label="民革（10）")
    page.click(f"#{root_id} .pbg-reset")
    report.assert_clean()


# -- safety --------------------------------------------------------------------------------------------


def test_data_cannot_break_out_of_its_script() -> None:
    page_html = render_html(hostile_view())
    # exactly the three scripts of the template end: data, library, view
    assert page_html.count("</script>") == 3
    assert "<img" not in page_html
    assert "<a href" not in page_html
    assert "\u2028" not in page_html and "\u2029" not in page_html
    data = script_data(page_html)
    assert [row[1] for row in data["nodes"]] == [f"{text}节点{k}" for k, text in enumerate(HOSTILE)]
    # a tooltip is [schema, value…]; strings are shared
    tip = data["nodes"][0][8]
    assert [data["tipKeys"][k] for k in data["tipSchemas"][tip[0]]] == [HOSTILE[0], "说明"]
    assert data["strings"][tip[2]] == "\u2028行分隔\u2029段分隔"
    assert data["strings"][data["edges"][0][5]] == HOSTILE_LABEL


@pytest.mark.browser
def test_hostile_text_is_shown_as_text(chromium: Chromium, tmp_path: Path) -> None:
    page, report, root_id = open_view(chromium, render_html(hostile_view()), tmp_path / "hostile.html")
    assert page.text_content(f"#{root_id} .pbg-title") == f"标题{HOSTILE_LABEL}"
    assert page.text_content(f"#{root_id} .pbg-caption") == f"说明{HOSTILE[0]}"
    assert page.text_content(f"#{root_id} .pbg-notice") == HOSTILE[3]
    assert HOSTILE_LABEL in str(page.text_content(f"#{root_id} .pbg-legend"))
    assert page.title() == f"标题{HOSTILE_LABEL}"
    options = page.eval_on_selector_all(
        f"#{root_id} .pbg-filter option", "els => els.map(e => e.textContent)"
    )
    # sorted by count, then by value, each with its count
    assert options[1:] == [f"{text}（1）" for text in sorted(HOSTILE)]

    tooltip = hover_tooltip(page, root_id, 0)
    assert HOSTILE[0] in tooltip and f"值0{HOSTILE[0]}" in tooltip
    screenshot(page, SHOTS / "hostile_tooltip.png")
    page.mouse.move(1, 1)
    page.wait_for_timeout(200)
    assert HOSTILE[3] in hover_tooltip(page, root_id, 3)
    assert HOSTILE[3] in search(page, root_id, "</script><script>")
    assert HOSTILE[1] in search(page, root_id, 'href="javascript')

    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => document.querySelectorAll('img, a, iframe').length") == 0
    assert page.evaluate("() => document.querySelectorAll('script').length") == 3
    report.assert_clean()


# -- encoding, determinism, validation -----------------------------------------------------------------


def test_save_writes_utf8(tmp_path: Path) -> None:
    view = member_view()
    path = ViewDisplay(view).save(tmp_path / "视图.html")
    raw = path.read_bytes()
    assert raw.decode("utf-8") == render_html(view)
    assert "示例区政协".encode() in raw
    assert ViewDisplay(view).save(tmp_path / "v.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(ValueError, match=r"\.html, \.png or \.svg"):
        ViewDisplay(view).save(tmp_path / "v.pdf")


def test_output_is_deterministic() -> None:
    assert render_html(member_view()) == render_html(member_view())
    first = render_html(member_view(), fragment=True)
    assert first == render_html(member_view(), fragment=True)
    other = render_html(member_view(title="另一个视图"), fragment=True)
    ids = {re.search(r'<div class="pbg[^"]*" id="([^"]+)"', text).group(1) for text in (first, other)}  # type: ignore[union-attr]
    assert len(ids) == 2
    assert 'id="mine"' in render_html(member_view(), fragment=True, element_id="mine")
    assert "randomSeed: 0" in first


def test_bad_views_are_rejected_with_every_problem_named() -> None:
    view = member_view(8)
    broken = View(
        title="坏视图",
        caption="",
        nodes=[
            *view.nodes,
            view.nodes[0],
            ViewNode("Z", "z", "member", math.nan, 0, "javascript:x", "blob", 3),
        ],
        edges=[*view.edges, ViewEdge("M000", "无此节点", "#12345")],
    )
    with pytest.raises(ValueError) as caught:
        render_html(broken)
    message = str(caught.value)
    for expected in (
        "duplicate id",
        "'javascript:x'",
        "'blob'",
        "finite",
        "'无此节点' is not in the view",
        "'#12345'",
    ):
        assert expected in message
    with pytest.raises(ValueError, match="element_id"):
        render_html(view, fragment=True, element_id='x" onload="alert(1)')


# -- size ----------------------------------------------------------------------------------------------


def test_render_50k_nodes_100k_edges_is_fast() -> None:
    view = big_view(50_000, 100_000)
    start = time.perf_counter()
    page_html = render_html(view)
    elapsed = time.perf_counter() - start
    print(f"\nrender_html 50k nodes / 100k edges: {elapsed:.2f} s, {len(page_html) / 1e6:.1f} MB")
    assert elapsed < 10
    # a payload this big is carried deflated (a third of the bytes for the browser to read)
    assert 'data-encoding="deflate-base64"' in page_html
    data = script_data(page_html)
    assert data["big"] is True and data["physics"] is False
    assert len(data["nodes"]) == 50_000 and len(data["edges"]) == 100_000


@pytest.mark.browser
def test_a_deflated_payload_opens_and_searches(
    chromium: Chromium, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(html_writer, "DEFLATE_ABOVE", 0)
    page_html = render_html(member_view())
    assert 'data-encoding="deflate-base64"' in page_html and "委员1" not in page_html
    page, report, root_id = open_view(chromium, page_html, tmp_path / "deflated.html")
    assert "委员1" in search(page, root_id, "委员1")
    report.assert_clean()


@pytest.mark.browser
def test_5k_nodes_draw_quickly(chromium: Chromium, tmp_path: Path) -> None:
    path = tmp_path / "5k.html"
    path.write_text(render_html(big_view(5_000, 10_000)), encoding="utf-8")
    page, report = chromium.open_page(path)
    ready = wait_ready(page)
    print(f"\nfirst frame, 5k nodes / 10k edges: {ready:.0f} ms after navigation start")
    assert ready < 20_000
    counts = page.evaluate(
        "() => { const v = Object.values(window.__pbgraphViews)[0];"
        " return [v.nodes.length, v.edges.length]; }"
    )
    assert counts == [5_000, 10_000]
    screenshot(page, SHOTS / "big_5k.png")
    report.assert_clean()


# -- fragments -----------------------------------------------------------------------------------------


@pytest.mark.browser
def test_two_fragments_share_a_page(chromium: Chromium, tmp_path: Path) -> None:
    left = render_html(member_view(24, title="甲"), fragment=True, element_id="view-a", height=420)
    right = render_html(
        member_view(12, title="乙"),
        fragment=True,
        element_id="view-b",
        height=420,
    )
    host = (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">'
        # a host page with an AMD loader (as in classic Jupyter) must not swallow the library
        "<script>window.define = function () {}; window.define.amd = {};</script>"
        "<title>报告</title></head>"
        f"<body><h1>报告</h1>{left}<p>正文</p>{right}</body></html>"
    )
    path = tmp_path / "report.html"
    path.write_text(host, encoding="utf-8")
    page, report = chromium.open_page(path)
    wait_ready(page, selector="#view-a")
    wait_ready(page, selector="#view-b")
    assert page.evaluate("() => Object.keys(window.__pbgraphViews).sort()") == ["view-a", "view-b"]
    assert page.evaluate("() => document.querySelectorAll('style').length") == 4  # library + view, twice
    # both canvases drew something
    for root_id in ("view-a", "view-b"):
        painted = page.evaluate(
            """(rootId) => {
                const canvas = document.querySelector('#' + rootId + ' canvas');
                const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let count = 0;
                for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) count++;
                return count;
            }""",
            root_id,
        )
        assert painted > 1000
    assert "委员20" in search(page, "view-a", "委员20")
    assert page.text_content("#view-b .pbg-status") == ""
    assert search(page, "view-b", "委员20") == "未找到匹配的节点"
    selected = page.evaluate(
        "() => ['view-a', 'view-b'].map(id => window.__pbgraphViews[id].network.getSelectedNodes())"
    )
    assert selected == [[4 + 20], []]
    page.wait_for_timeout(500)
    screenshot(page, SHOTS / "two_fragments.png", full_page=True)
    report.assert_clean()


# -- the page's controls -------------------------------------------------------------------------------


@pytest.mark.browser
def test_search_filters_and_legend(chromium: Chromium, tmp_path: Path) -> None:
    view = member_view(notice="已聚合：节点超过 3000 个")
    page, report, root_id = open_view(chromium, render_html(view), tmp_path / "ui.html")
    assert page.text_content(f"#{root_id} h1") == view.title
    assert page.text_content(f"#{root_id} .pbg-caption") == view.caption
    assert page.text_content(f"#{root_id} .pbg-notice") == "已聚合：节点超过 3000 个"
    legend = page.eval_on_selector_all(f"#{root_id} .pbg-legend li", "els => els.map(e => e.textContent)")
    assert legend[0] == "中共党员10" and legend[-1] == "联系党外委员"
    assert page.text_content(f"#{root_id} .pbg-shown") == "显示 44/44 个节点"

    # search by label (Chinese substring), by id, then a miss
    scale_before = page.evaluate(f"() => window.__pbgraphViews['{root_id}'].network.getScale()")
    assert search(page, root_id, "委员33") == "已定位：委员33（第 1/1 个）"
    # the camera animation (slow on a busy machine): until it comes to rest
    page.wait_for_function(
        "([rootId, scale]) => window.__pbgraphViews[rootId].network.getScale() >= scale * 0.98",
        arg=[root_id, max(scale_before, 1.2)],
    )
    page.wait_for_timeout(300)
    view_state = page.evaluate(
        f"""() => {{ const n = window.__pbgraphViews['{root_id}'].network;
                    return {{selected: n.getSelectedNodes(), scale: n.getScale(), centre: n.getViewPosition(),
                             node: n.getPositions([37])[37]}}; }}"""
    )
    assert view_state["selected"] == [4 + 33]
    assert view_state["scale"] >= max(scale_before, 1.2) * 0.98
    assert math.dist(view_state["centre"].values(), view_state["node"].values()) < 5
    screenshot(page, SHOTS / "search_found.png")
    assert search(page, root_id, "m010").startswith("已定位：委员10")
    assert search(page, root_id, "不存在的名字") == "未找到匹配的节点"
    assert page.evaluate(
        f"() => document.querySelector('#{root_id} .pbg-status').classList.contains('pbg-miss')"
    )

    # filters: one select per attribute key, options built from the data
    names = page.eval_on_selector_all(f"#{root_id} .pbg-filter > span", "els => els.map(e => e.textContent)")
    assert names == ["类型", "党派", "界别"]
    page.select_option(f"#{root_id} .pbg-filter select >> nth=1", label="民革（10）")
    hidden = page.evaluate(f"() => window.__pbgraphViews['{root_id}'].hiddenIndices()")
    # 30 members of other parties are hidden; the sector nodes have no party and stay
    assert len(hidden) == 30 and all(index >= 4 and (index - 4) % 4 != 1 for index in hidden)
    assert page.text_content(f"#{root_id} .pbg-shown") == "显示 14/44 个节点"
    assert search(page, root_id, "委员00") == "未找到匹配的节点"  # hidden nodes are not found
    page.select_option(f"#{root_id} .pbg-filter select >> nth=2", label="经济界（10）")
    assert page.text_content(f"#{root_id} .pbg-shown") == "显示 4/44 个节点"
    page.wait_for_timeout(300)
    screenshot(page, SHOTS / "filtered.png")
    page.click(f"#{root_id} .pbg-reset")
    assert page.text_content(f"#{root_id} .pbg-shown") == "显示 44/44 个节点"
    assert page.input_value(f"#{root_id} .pbg-search") == ""
    page.wait_for_timeout(500)  # the fit animation

    assert "未被联系的党外委员" in hover_tooltip(page, root_id, 4 + 7)
    report.assert_clean()


@pytest.mark.browser
def test_english_labels(chromium: Chromium, tmp_path: Path) -> None:
    view = member_view(8)
    english = View(**{**view.__dict__, "labels": DEFAULT_LABELS_EN})
    page, report, root_id = open_view(chromium, render_html(english), tmp_path / "en.html")
    assert page.get_attribute("html", "lang") == "en"
    assert page.get_attribute(f"#{root_id} .pbg-search", "placeholder") == "Search node name or id"
    assert search(page, root_id, "nobody") == "No matching node"
    assert page.text_content(f"#{root_id} .pbg-shown") == "Showing 12 of 12 nodes"
    report.assert_clean()


# -- static pictures -----------------------------------------------------------------------------------


def test_static_png_and_svg() -> None:
    view = member_view(notice="已聚合：节点超过 3000 个")
    png = render_static(view, fmt="png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png == render_static(view, fmt="png")
    assert b"Software" not in png
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "static.png").write_bytes(png)

    svg = render_static(view, fmt="svg")
    assert svg == render_static(view, fmt="svg")
    text = svg.decode("utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert view.title in text  # matplotlib keeps each text as a comment beside its glyph paths
    assert "<dc:date>" not in text
    (SHOTS / "static.svg").write_bytes(svg)


def test_static_keeps_markup_as_text() -> None:
    svg = render_static(hostile_view(), fmt="svg").decode("utf-8")
    assert "<script" not in svg and "<img" not in svg


def test_static_rejects_unknown_format() -> None:
    with pytest.raises(ValueError, match="fmt"):
        render_static(member_view(4), fmt="gif")  # type: ignore[arg-type]


# -- notebooks -----------------------------------------------------------------------------------------


def test_notebook_display_is_an_inline_iframe() -> None:
    view = member_view()
    display = ViewDisplay(view, height=500)
    shown = display._repr_html_()
    assert shown.startswith("<iframe srcdoc=")
    assert "height: 500px" in shown
    srcdoc = re.search(r'srcdoc="([^"]*)"', shown)
    assert srcdoc is not None
    assert html.unescape(srcdoc.group(1)) == render_html(view)
    frame = shown.replace(srcdoc.group(0), "")
    assert "src=" not in frame and "file:" not in frame and ".html" not in frame
    assert repr(display) == "ViewDisplay('示例区政协 党员委员联系网络', nodes=44, edges=50)"


@pytest.mark.browser
def test_notebook_iframe_draws(chromium: Chromium, tmp_path: Path) -> None:
    shown = ViewDisplay(member_view(12), height=480)._repr_html_()
    path = tmp_path / "notebook.html"
    path.write_text(
        f'<!DOCTYPE html><meta charset="utf-8"><link rel="icon" href="data:,">{shown}', encoding="utf-8"
    )
    page, report = chromium.open_page(path)
    frame = page.frames[1]
    frame.wait_for_selector(".pbg[data-ready]", state="attached")
    assert frame.text_content("h1") == "示例区政协 党员委员联系网络"
    assert page.evaluate("() => document.querySelector('iframe').getBoundingClientRect().height") == 480
    screenshot(page, SHOTS / "notebook_iframe.png")
    report.assert_clean()


def test_replaced_is_dataclasses_replace_without_running_init() -> None:
    """The organization chart copies thousands of nodes with a few fields changed: the quick copy equals
    `dataclasses.replace`'s, leaves the original as it was, and refuses a field the item does not have."""
    import dataclasses

    from pbgraph.render._model import replaced

    node, edge = member_view(8).nodes[0], member_view(8).edges[0]
    changes = {"label": "新名称", "shape": "dot", "parent": "agg:x"}
    assert replaced(node, **changes) == dataclasses.replace(node, **changes)
    assert replaced(node, **changes) != node and node.label != "新名称"
    assert replaced(edge, width=3.0) == dataclasses.replace(edge, width=3.0)
    with pytest.raises(TypeError, match="labell"):
        replaced(node, labell="x")

"""Views on paper and in pictures: print at twice the resolution without the hints, the org tree printed with
its labels, the browser PNG with its legend, a report's printed views, and the static SVG's geometry
(arrowheads smaller than the nodes they point at, labels that do not overlap)."""

from __future__ import annotations

import base64
import io
import subprocess
import sys
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
from PIL import Image

from pbgraph import Dataset
from pbgraph.render import build_view, render_view, write_view
from pbgraph.render._model import GAP_HALO
from pbgraph.render._static import FOCUS_ZORDER
from tests.browser import Chromium, open_view, wait_ready

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: the zorders of the static pictures' node markers: every node, and the node the view is about over them
NODE_ZORDERS = (2, FOCUS_ZORDER)


def opened(chromium: Chromium, view: Any, path: Path) -> tuple[Any, Any, str]:
    write_view(view, path)
    return open_view(chromium, path.read_text(encoding="utf-8"), path)


def canvas_pixels(page: Any, root_id: str) -> np.ndarray:
    url = page.evaluate(f"() => document.querySelector('#{root_id} .pbg-net canvas').toDataURL('image/png')")
    image = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).convert("RGB")
    return np.asarray(image)


def dark_pixels(pixels: np.ndarray) -> int:
    """Pixels of label ink (#1f2328 and its anti-aliased edge)."""
    return int((pixels.max(axis=2) < 90).sum())


@pytest.mark.browser
def test_print_doubles_the_resolution_hides_the_hints_and_labels_the_org_tree(
    chromium: Chromium, sample: Dataset, tmp_path: Path
) -> None:
    view = build_view(sample, "org")
    page, report, root_id = opened(chromium, view, tmp_path / "org.html")
    css_width = page.evaluate(f"() => document.querySelector('#{root_id} .pbg-net canvas').clientWidth")
    before = canvas_pixels(page, root_id)
    assert before.shape[1] == css_width  # 1x on screen (device pixel ratio 1)
    page.emulate_media(media="print")
    hidden = page.evaluate(
        f"""() => ['.pbg-hint', '.pbg-toolbar', '.pbg-details'].map(
            s => getComputedStyle(document.querySelector('#{root_id} ' + s)).display)"""
    )
    assert hidden == ["none", "none", "none"]
    # the page draws itself for print when the browser says it will print
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    printed = canvas_pixels(page, root_id)
    assert printed.shape[1] >= 2 * page.evaluate(
        f"() => document.querySelector('#{root_id} .pbg-net canvas').clientWidth"
    )
    # every organization's label is drawn: at twice the pixels, more than twice the ink of the screen's
    # picture (whose labels under the size threshold are left out)
    assert dark_pixels(printed) > 2 * dark_pixels(before) > 0
    pdf = page.pdf(format="A4")
    assert pdf[:5] == b"%PDF-" and len(pdf) > 10_000
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert canvas_pixels(page, root_id).shape[1] == css_width
    report.assert_clean()


@pytest.mark.browser
def test_png_export_carries_the_legend(chromium: Chromium, sample: Dataset, tmp_path: Path) -> None:
    view = build_view(sample, "gaps")
    page, report, root_id = opened(chromium, view, tmp_path / "gaps.html")
    width = page.evaluate(f"() => document.querySelector('#{root_id} .pbg-net').clientWidth")
    url = page.evaluate(f"() => window.__pbgraphViews['{root_id}'].exportPng(2)")
    image = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).convert("RGB")
    # the picture at 2x, then the legend beside it
    assert image.width == 2 * width + 2 * 250
    legend = np.asarray(image)[:, 2 * width :]
    halo = tuple(int(GAP_HALO[k : k + 2], 16) for k in (1, 3, 5))
    near_halo = (np.abs(legend.astype(int) - np.array(halo)).sum(axis=2) < 40).sum()
    assert near_halo > 6 * 20  # six gap kinds, each swatch a halo ring
    # the first member colour of the legend (a party) is there too, and so is text
    first_party = next(item for item in view.legend if item.symbol is None and item.shape == "dot")
    rgb = tuple(int(first_party.color[k : k + 2], 16) for k in (1, 3, 5))
    assert (np.abs(legend.astype(int) - np.array(rgb)).sum(axis=2) < 30).sum() > 20
    assert dark_pixels(legend) > 500
    report.assert_clean()


@pytest.mark.browser
def test_a_reports_printed_views_are_twice_the_screen_resolution(chromium: Chromium, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    subprocess.run(
        [sys.executable, "-m", "pbgraph.cli", "report", "data/sample", "-o", str(out)],
        check=True,
        capture_output=True,
    )
    page, report = chromium.open_page(out)
    wait_ready(page)
    figure = page.locator("figure.rp-view").first
    view_id = figure.get_attribute("data-view")
    selector = f'figure.rp-view[data-view="{view_id}"]'
    screen_width = page.evaluate(f"() => document.querySelector('{selector} .pbg-net canvas').clientWidth")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    page.wait_for_function(
        f"() => {{ const i = document.querySelector('{selector} img.rp-snapshot');"
        " return i.complete && i.naturalWidth > 0; }"
    )
    natural = page.evaluate(
        f"""() => {{
            const figure = document.querySelector('{selector}');
            const image = figure.querySelector('img.rp-snapshot');
            return [image.naturalWidth, getComputedStyle(image).display,
                    getComputedStyle(figure.querySelector('.pbg')).display];
        }}"""
    )
    assert natural[0] >= 2 * screen_width > 0
    assert natural[1] == "block" and natural[2] == "none"
    report.assert_clean()


# -- the static pictures -------------------------------------------------------------------------------


def drawn(views: list[Any], fmt: str) -> list[Figure]:
    """The figures the pictures of `views` are written from (the geometry as drawn), each view rendered as
    `fmt` (the picture checked too: an SVG document)."""
    import matplotlib

    matplotlib.use("Agg")
    import pbgraph.render._static as static

    captured: list[Figure] = []
    original = static._draw

    def keep(figure: Figure, view: Any, labels: dict[str, str]) -> None:
        original(figure, view, labels)
        captured.append(figure)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(static, "_draw", keep)
        for view in views:
            picture = render_view(view, fmt=fmt)
            if fmt == "svg":
                svg = picture.decode("utf-8")
                assert svg.startswith("<?xml") and "</svg>" in svg
    assert len(captured) == len(views)
    return captured


def marker_radii(figure: Any, collections: list[Any]) -> np.ndarray:
    """Each marker's drawn extent in pixels: its path's farthest vertex, at the marker's size (points)."""
    to_pixels = figure.dpi / 72
    return np.concatenate(
        [
            np.hypot(*c.get_paths()[0].vertices.T).max() * np.sqrt(c.get_sizes()) * to_pixels
            if len(c.get_paths()[0].vertices)
            else np.zeros(len(c.get_offsets()))
            for c in collections
        ]
    )


@pytest.mark.parametrize("name", ["member", "sector", "org"])
def test_svg_labels_do_not_overlap_and_arrowheads_are_smaller_than_nodes(sample: Dataset, name: str) -> None:
    target = {"member": "M0205", "sector": "S018"}.get(name)
    figure = drawn([build_view(sample, name, target)], "svg")[0]
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    axes = figure.axes[0]
    labels = [t for t in axes.texts if t.get_text()]
    assert len(labels) >= 5
    boxes = [t.get_window_extent(renderer) for t in labels]
    overlaps = [
        (a.get_text(), b.get_text())
        for (a, p), (b, q) in combinations(zip(labels, boxes, strict=True), 2)
        if p.overlaps(q) and min(p.x1, q.x1) - max(p.x0, q.x0) > 1 and min(p.y1, q.y1) - max(p.y0, q.y0) > 1
    ]
    assert overlaps == []
    # arrowheads: each triangle no longer than the radius of the node it points at (or 2 points for a tiny
    # node), and never more than 7 points
    from matplotlib.collections import PathCollection, PolyCollection

    if name == "org":
        return  # organization edges carry no arrows
    heads = [c for c in axes.collections if isinstance(c, PolyCollection)]
    assert heads, "arrowheads drawn"
    # the nodes' markers (the node the view is about over the others)
    markers = [
        c for c in axes.collections if isinstance(c, PathCollection) and c.get_zorder() in NODE_ZORDERS
    ]
    centres = np.concatenate([axes.transData.transform(c.get_offsets()) for c in markers])
    to_pixels = figure.dpi / 72
    radii = marker_radii(figure, markers)
    checked = 0
    for poly in heads[0].get_paths():
        corners = axes.transData.transform(poly.vertices[:3])
        tip, base = corners[0], (corners[1] + corners[2]) / 2
        length = float(np.hypot(*(tip - base)))
        target = int(np.argmin(np.abs(np.hypot(*(centres - tip).T) - radii)))
        assert length <= max(radii[target], 2.0 * to_pixels) + 0.5, (length, radii[target])
        assert length <= 7.0 * to_pixels + 0.5
        checked += 1
    assert checked >= 5


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_folded_reach_source_is_drawn_as_big_as_the_super_nodes_around_it(
    sample: Dataset, lang: str
) -> None:
    """The page opens on a reach with its source selected (outlined, its label bold, the rest dimmed); the
    picture drew the source at its own size, a speck among super-nodes several times bigger. Now no smaller
    than the median node, over the others, and its label bold."""
    from matplotlib.collections import PathCollection

    view = build_view(sample, "reach", "M0001", node_limit=10, lang=lang)
    nodes, _ = view.first_frame()
    source = next(node for node in nodes if node.id == "M0001")
    supers = [node for node in nodes if node.kind == "aggregate"]
    assert source.shape == "star" and len(supers) >= 3
    assert source.size < float(np.median([node.size for node in supers]))  # what the picture must make up for
    figure = drawn([view], "png")[0]
    axes = figure.axes[0]
    markers = [
        c for c in axes.collections if isinstance(c, PathCollection) and c.get_zorder() in NODE_ZORDERS
    ]
    centres = np.concatenate([axes.transData.transform(c.get_offsets()) for c in markers])
    radii = marker_radii(figure, markers)
    at = axes.transData.transform([(source.x, -source.y)])[0]
    star = int(np.argmin(np.hypot(*(centres - at).T)))
    others = np.delete(radii, star)
    # a five-pointed star's tips reach out 1.1 x its size at the same area: at least the median hexagon's
    assert radii[star] >= float(np.median(others)) * 0.99, (radii[star], np.median(others))
    # drawn over every other node, and its label bold
    assert max(c.get_zorder() for c in markers) == FOCUS_ZORDER
    label = next(t for t in axes.texts if t.get_text() == source.label)
    assert label.get_fontweight() == "bold"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_notice_stays_inside_the_picture(sample: Dataset, lang: str) -> None:
    """The notice's box keeps the margin the picture has on its left: wrapped at 170 columns, the folded
    gaps view's (bold, with “” that the column count takes for narrow) touched the right edge, and a city's
    folded reach ran past it."""
    views = [
        build_view(sample, name, target, node_limit=10, lang=lang)
        for name, target in (("gaps", None), ("network", None), ("reach", "M0001"))
    ]
    assert all(view.notice for view in views)
    for figure in drawn(views, "png"):
        renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
        boxes = [text.get_bbox_patch() for text in figure.texts if text.get_bbox_patch() is not None]
        assert len(boxes) == 1
        left, right = boxes[0].get_window_extent(renderer).x0, boxes[0].get_window_extent(renderer).x1
        assert left >= 0 and right <= figure.bbox.width - left

"""A view at 1280×720 in real headless Chromium (a laptop's window, a screenshot): the hint line never covers
the drawing, and an English legend gives each party one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pbgraph import Dataset
from pbgraph.render import build_view, write_view
from tests.browser import Chromium, screenshot, wait_ready

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/legible_shots")


def opened(chromium: Chromium, view: Any, path: Path) -> tuple[Any, Any, str]:
    """The page of `view` open at 1280×720, drawn."""
    write_view(view, path)
    page, report = chromium.open_page(path, width=1280, height=720)
    wait_ready(page)
    page.wait_for_timeout(300)  # a resize's frame follows a frame later
    return page, report, str(page.evaluate("() => document.querySelector('.pbg').id"))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["gaps", "network"])
def test_the_hint_never_covers_the_drawing(
    chromium: Chromium, sample: Dataset, tmp_path: Path, name: str, lang: str
) -> None:
    """Laid over the bottom of the canvas, the hint covered the name of a folded city's lowest committee; it
    now has a strip of its own under the drawing, where neither a node nor a name can be, whatever the
    camera, and still reads in full."""
    view = build_view(sample, name, node_limit=10, lang=lang)
    assert view.stands_for is not None  # folded: super-nodes with their names drawn by the view
    page, report, root_id = opened(chromium, view, tmp_path / f"{name}.html")
    boxes = page.evaluate(
        """(rootId) => {
            const root = document.getElementById(rootId);
            const rect = (el) => {
                const b = el.getBoundingClientRect();
                return [b.left, b.top, b.right, b.bottom];
            };
            const hint = root.querySelector('.pbg-hint');
            const net = root.querySelector('.pbg-net');
            const view = window.__pbgraphViews[rootId];
            const at = net.getBoundingClientRect();
            // the names the view drew, from canvas units to the page
            const labels = view.labels().map((label) => {
                const a = view.network.canvasToDOM({x: label[2][0], y: label[2][1]});
                const b = view.network.canvasToDOM({x: label[2][2], y: label[2][3]});
                return [at.left + a.x, at.top + a.y, at.left + b.x, at.top + b.y];
            });
            return {hint: rect(hint), net: rect(net), labels: labels, text: hint.textContent,
                    full: hint.scrollWidth <= hint.clientWidth};
        }""",
        root_id,
    )
    hint, net = boxes["hint"], boxes["net"]
    assert boxes["text"] and boxes["full"]  # readable: the whole hint on one line
    assert hint[1] >= net[3] - 0.5, (hint, net)  # under the drawing's canvas, not over it
    assert boxes["labels"]
    for label in boxes["labels"]:
        assert label[3] <= hint[1] + 0.5 or label[2] <= hint[0] or label[0] >= hint[2], (label, hint)
    screenshot(page, SHOTS / f"hint-{name}-{lang}.png")
    report.assert_clean()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_party_of_the_legend_takes_one_line(
    chromium: Chromium, sample: Dataset, tmp_path: Path, lang: str
) -> None:
    """The eight other parties' English names (Democratic National Construction Association …) took three or
    four lines of the legend; the legend gives their short forms, the full name in the entry's tooltip."""
    view = build_view(sample, "network", lang=lang)
    page, report, root_id = opened(chromium, view, tmp_path / "network.html")
    entries = page.evaluate(
        """(rootId) => Array.from(document.querySelectorAll('#' + rootId + ' .pbg-legend li')).map((li) => [
            li.querySelector('span').textContent, li.title, li.getBoundingClientRect().height])""",
        root_id,
    )
    height = {label: h for label, _, h in entries}
    titles = {label: title for label, title, _ in entries if title}
    one_line = height["CPC" if lang == "en" else "中共党员"]
    if lang == "en":
        # the sample's other parties (民盟 九三学社 农工党 台盟 民建 民进 民革 致公党): each long name in a
        # tooltip; Jiusan Society is short already
        assert sorted(titles.values()) == [
            "Association for Promoting Democracy",
            "China Democratic League",
            "China Zhi Gong Party",
            "Democratic National Construction Association",
            "Kuomintang Revolutionary Committee",
            "Peasants' and Workers' Democratic Party",
            "Taiwan Democratic Self-Government League",
        ]
        parties = [*titles, "Jiusan Society"]
    else:
        assert titles == {}  # the Chinese names are short: no tooltip needed
        parties = ["民盟", "九三学社", "农工党", "台盟", "民建", "民进", "民革", "致公党"]
    for label in parties:
        assert height[label] <= one_line + 0.5, (label, height[label], one_line)
    screenshot(page, SHOTS / f"legend-{lang}.png")
    report.assert_clean()

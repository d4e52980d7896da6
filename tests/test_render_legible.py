"""A view at 1280×720 in real headless Chromium (a laptop's window, a screenshot): the hint line never covers
the drawing, an English legend gives each party one line, and every view's legend, in either language, fits
its box with each entry on one line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pbgraph import Dataset
from pbgraph._texts.render import legend_words
from pbgraph.render import build_view, write_view
from tests.broken import load_ok
from tests.browser import Chromium, screenshot, wait_ready
from tests.test_office import office_workbook

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
            li.querySelector('span').textContent, li.title, li.getBoundingClientRect().height,
            li.querySelector('svg line') !== null])""",
        root_id,
    )
    height = {label: h for label, _, h, _ in entries}
    # the parties' entries (the liaisons', drawn as lines, have short forms of their own; so have the
    # contacts, one line too)
    titles = {label: title for label, title, _, line in entries if title and not line}
    contact, contact_full = legend_words("contact_node", lang)
    assert titles.pop(contact) == contact_full
    one_line = height["CPC" if lang == "en" else "中共党员"]
    assert height[contact] <= one_line + 0.5, (contact, height[contact], one_line)
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


def _busiest(ds: Dataset, column: str) -> str:
    """The id of `column` (sector, township) with the most members: the view of it with the longest legend."""
    return str(ds.members[column].value_counts().idxmax())


def _cpc_with_most_liaisons(ds: Dataset) -> str:
    """The CPC member who liaises with the most (a member and reach view with every kind of liaison)."""
    cpc = set(ds.members.loc[ds.members["party"] == "CPC", "id"])
    sources = ds.liaisons.loc[ds.liaisons["source"].isin(cpc), "source"]
    return str(sources.value_counts().idxmax())


def _legend_on_screen(page: Any, root_id: str) -> dict[str, Any]:
    """The legend's entries (label, its lines, tooltip), asserted each on one line and all unscrolled."""
    legend: dict[str, Any] = page.evaluate(
        """(rootId) => {
            const box = document.querySelector('#' + rootId + ' .pbg-legend');
            const entries = Array.from(box.querySelectorAll('li')).map((li) => {
                const label = li.querySelector('span');
                const count = li.querySelector('.pbg-count');
                const line = (el) => el.getBoundingClientRect().height
                    / parseFloat(getComputedStyle(el).lineHeight);
                return [label.textContent, Math.max(line(label), count ? line(count) : 1), li.title];
            });
            return {scrolls: box.scrollHeight > box.clientHeight, entries: entries};
        }""",
        root_id,
    )
    wrapped = [(label, lines) for label, lines, _ in legend["entries"] if lines > 1.5]
    assert wrapped == []
    assert not legend["scrolls"]
    return legend


VIEW_TARGETS = {
    "network": lambda ds: None,
    "gaps": lambda ds: None,
    "org": lambda ds: None,
    "committee": lambda ds: str(ds.committees[1]),
    "sector": lambda ds: _busiest(ds, "sector"),
    "township": lambda ds: _busiest(ds, "township"),
    "member": _cpc_with_most_liaisons,
    "reach": _cpc_with_most_liaisons,
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", list(VIEW_TARGETS))
def test_the_legend_fits_its_box_one_line_an_entry(
    chromium: Chromium, city: Dataset, tmp_path: Path, name: str, lang: str
) -> None:
    """At 1280×720 a generated city's English legends wrapped their long entries (liaison without activity in
    the period (faded), unlinked non-party member, folded committee (organizations); double-click opens it)
    onto two or three lines, and the folded gaps view's two dozen entries, under a two-line notice, scrolled
    (the Chinese one's faded-liaison entry took two lines too). Each entry now takes one line, its full
    wording in its tooltip where the label is a short form, and the whole legend shows without scrolling."""
    view = build_view(city, name, VIEW_TARGETS[name](city), lang=lang)
    page, report, root_id = opened(chromium, view, tmp_path / f"{name}.html")
    legend = _legend_on_screen(page, root_id)
    assert len(legend["entries"]) >= 6  # the views' legends: gap kinds, parties, nodes and liaisons
    # a short form keeps its full wording in the entry's tooltip
    titles = {label: title for label, _, title in legend["entries"] if title}
    if lang == "en" and name in ("gaps", "sector", "township"):
        assert titles["unlinked non-party"] == "unlinked non-party member"
    if name == "org" and lang == "en":
        assert titles["folded committee"] == "folded committee (organizations); double-click opens it"
    if name == "org" and lang == "zh":
        assert titles["政协（组织数）已折叠"] == "政协（组织数）已折叠；双击展开"
    screenshot(page, SHOTS / f"legend-{name}-{lang}.png")
    report.assert_clean()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_gap_not_recorded_says_so_on_its_entry_s_line(
    chromium: Chromium, tmp_path: Path, lang: str
) -> None:
    """A roster and its 联系党外委员 list record no organizations: the gap legend says 'not recorded' where a
    count would be, and English 'unorganized CPC member' beside it took two lines."""
    ds = load_ok(office_workbook(tmp_path / "名单.xlsx"))
    page, report, root_id = opened(chromium, build_view(ds, "gaps", lang=lang), tmp_path / "gaps.html")
    legend = _legend_on_screen(page, root_id)
    # unorganized, sector, township and platform gaps cannot be told (tests/test_render_unrecorded.py)
    words = page.eval_on_selector_all(
        f"#{root_id} .pbg-count-word .pbg-count", "els => els.map(e => e.textContent)"
    )
    assert words == [{"zh": "未提供", "en": "not recorded"}[lang]] * 4
    assert len(legend["entries"]) > 6
    report.assert_clean()

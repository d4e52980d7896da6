"""The time control of the network and gaps views (issue 14): replaying the liaisons by their `since` and
activity dates in real headless Chromium, checked against the dataset by hand-written rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pbgraph import Dataset
from pbgraph.render import build_view, write_view
from tests.browser import Chromium, open_view

pytestmark = pytest.mark.browser


def edge_states(page: Any, root_id: str) -> dict[int, tuple[bool, str]]:
    """Every drawn edge that stands for one edge of the view: (hidden, colour), by its number in the view."""
    rows = page.evaluate(
        """(rootId) => {
            const body = window.__pbgraphViews[rootId].network.body;
            const out = [];
            for (const id in body.edges) {
                if (id.charAt(0) !== 'e') continue;
                const edge = body.edges[id];
                out.push([Number(id.slice(1)), edge.options.hidden === true, edge.options.color.color]);
            }
            return out;
        }""",
        root_id,
    )
    return {int(j): (hidden, color) for j, hidden, color in rows}


def first_activity(ds: Dataset) -> pd.Timestamp:
    return pd.to_datetime(ds.activities["date"]).min()


def test_the_slider_replays_liaisons_by_since_and_activity(
    chromium: Chromium, sample: Dataset, tmp_path: Path
) -> None:
    view = build_view(sample, "network")
    assert view.timeline is not None
    path = write_view(view, tmp_path / "time.html")
    page, report, root_id = open_view(chromium, path.read_text(encoding="utf-8"), path)
    # the control sits in the toolbar, at the last activity date (what the static view shows)
    last = dt.date(1970, 1, 1) + dt.timedelta(days=view.timeline[1])
    assert page.input_value(f"#{root_id} .pbg-time-range") == str(view.timeline[1])
    assert page.text_content(f"#{root_id} .pbg-time-day") == last.isoformat()
    liaisons = sample.liaisons
    before = page.evaluate(
        """(rootId) => { const b = window.__pbgraphViews[rootId].network.body;
            return Object.keys(b.edges).filter(id => b.edges[id].options.hidden).length; }""",
        root_id,
    )
    assert before == 0

    # move the slider to a day between the liaisons' since dates: those made later disappear
    since = pd.to_datetime(liaisons["since"], errors="coerce").dropna().sort_values()
    day = since.iloc[len(since) // 2].date()
    slider = page.locator(f"#{root_id} .pbg-time-range")
    slider.fill(str((day - dt.date(1970, 1, 1)).days))
    page.wait_for_function(
        "([rootId, text]) => document.querySelector('#' + rootId + ' .pbg-time-day').textContent === text",
        arg=[root_id, day.isoformat()],
    )
    page.wait_for_timeout(100)
    made = {
        (s, t): pd.to_datetime(d, errors="coerce")
        for s, t, d in zip(liaisons["source"], liaisons["target"], liaisons["since"], strict=True)
    }
    checked_hidden = checked_shown = 0
    for j, (hidden, _) in edge_states(page, root_id).items():
        edge = view.edges[j]
        if not edge.liaison:
            continue
        pair = (edge.source, edge.target)
        when = made[pair]
        expected_hidden = not pd.isna(when) and when.date() > day
        assert hidden == expected_hidden, (pair, when, day)
        checked_hidden += expected_hidden
        checked_shown += not expected_hidden
    assert checked_hidden > 10 and checked_shown > 10
    # the state is in the URL, and the details panel says the last activity as of that day
    page.wait_for_timeout(300)
    assert f"t={day.isoformat()}" in page.evaluate("() => location.hash")
    report.assert_clean()


def test_dormant_at_a_day_follows_the_activity_log(
    chromium: Chromium, sample: Dataset, tmp_path: Path
) -> None:
    """At a day, a counting liaison is faded when no activity joined its ends in the 12 months up to it."""
    view = build_view(sample, "network")
    path = write_view(view, tmp_path / "dormant.html")
    page, report, root_id = open_view(chromium, path.read_text(encoding="utf-8"), path)
    # a day halfway through the log: some liaisons exercised in the year up to it, some not
    start = first_activity(sample).date()
    day = start + (pd.to_datetime(sample.activities["date"]).max().date() - start) / 2
    assert page.evaluate(f"() => window.__pbgraphViews['{root_id}'].setDay('{day.isoformat()}')") == (
        day.isoformat()
    )
    page.wait_for_timeout(100)
    epoch = dt.date(1970, 1, 1)
    period_start = day.replace(year=day.year - 1) + dt.timedelta(days=1)
    faded = active = 0
    for j, (hidden, color) in edge_states(page, root_id).items():
        edge = view.edges[j]
        if not (edge.liaison and edge.counts) or hidden:
            continue
        days = [epoch + dt.timedelta(days=d) for d in edge.activity]
        is_active = any(period_start <= d <= day for d in days)
        assert (color == edge.live_color) == is_active, (edge, days, day, color)
        faded += not is_active
        active += is_active
    assert faded > 5 and active > 5
    # back at the last day, the faded edges are the ones the static view fades
    last = epoch + dt.timedelta(days=view.timeline[1]) if view.timeline else day
    page.evaluate(f"() => window.__pbgraphViews['{root_id}'].setDay('{last.isoformat()}')")
    page.wait_for_timeout(100)
    colors = {j: color for j, (_, color) in edge_states(page, root_id).items()}
    assert colors and all(color == view.edges[j].color for j, color in colors.items())
    # the details panel of a member lists the last activity of each liaison as of the day
    member = next(e.source for e in view.edges if e.liaison and e.counts and e.activity)
    page.evaluate(f"() => window.__pbgraphViews['{root_id}'].focusNode('{member}')")
    page.wait_for_selector(f"#{root_id} .pbg-details:not([hidden]) .pbg-when")
    assert "最近一次活动" in str(page.text_content(f"#{root_id} .pbg-details"))
    report.assert_clean()


def test_views_without_dates_have_no_time_control(sample: Dataset) -> None:
    assert build_view(sample, "org").timeline is None
    assert build_view(sample, "gaps").timeline is not None

"""A view of a township or a sector (a few dozen to a few hundred nodes): it marks the gaps the analyses find
there, and it opens with its names drawn (vis hides a label below 6 px on the screen, so a township whose
members live far apart opened as unnamed dots); the org view's boxes keep their names inside."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pbgraph import Dataset
from pbgraph.render import build_view, write_view
from pbgraph.render.views.network import gap_kinds
from tests.browser import Chromium, api, overlapping, wait_ready


@pytest.mark.parametrize(("name", "target"), [("township", "T005"), ("sector", "S018")])
def test_a_township_or_sector_view_marks_its_gaps(sample: Dataset, name: str, target: str) -> None:
    # every node of the view that the analyses find in a gap carries its gap's badge, as in the gaps view
    view = build_view(sample, name, target)
    found = gap_kinds(sample, committee=None, max_load=30)
    gaps = build_view(sample, "gaps", None, node_limit=100_000)
    badges = {node.id: node.gaps for node in gaps.nodes if node.gaps}
    marked = {node.id: node.gaps for node in view.nodes if node.gaps}
    assert marked and found
    assert marked == {node_id: badges[node_id] for node_id in marked}
    assert {node.id for node in view.nodes} & set(badges) == set(marked)
    if name == "township":
        assert target in marked  # the township itself is a township gap in the sample


def opened(chromium: Chromium, view: Any, path: Path) -> tuple[Any, str]:
    write_view(view, path)
    page, _ = chromium.open_page(path, width=1280, height=720)
    wait_ready(page)
    page.wait_for_timeout(500)
    return page, str(page.evaluate("() => document.querySelector('.pbg').id"))


@pytest.mark.browser
def test_a_small_view_opens_with_its_names(chromium: Chromium, sample: Dataset, tmp_path: Path) -> None:
    view = build_view(sample, "township", "T005")
    named = {node.id for node in view.nodes if node.label}
    page, root_id = opened(chromium, view, tmp_path / "township.html")
    labels = api(page, root_id, "labels()")
    drawn = {label[0] for label in labels}
    # many names at the opening zoom (none before: vis hid them all; one that would cover another waits for a
    # closer zoom), each readable
    assert drawn <= named and len(drawn) >= 0.4 * len(named), (len(drawn), len(named))
    assert all(label[1] >= 11 for label in labels)
    assert not overlapping([label[2] for label in labels])
    assert "T005" in drawn


@pytest.mark.browser
def test_the_org_view_keeps_names_in_its_boxes(chromium: Chromium, sample: Dataset, tmp_path: Path) -> None:
    page, root_id = opened(chromium, build_view(sample, "org"), tmp_path / "org.html")
    assert api(page, root_id, "labels()") == []

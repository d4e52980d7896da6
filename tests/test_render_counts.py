"""The numbers a view states agree with the analyses.

On the ``reach`` fixture (see tests/test_analyses_fixtures.py), by hand: A1 (党组甲, a party-group member)
liaises with the sector group G1 and the township T1; G1 holds the sector S1, whose members are B2, B3, A3
and A1 itself; A3 liaises with B1, and B1 with the contact K1. So A1 reaches the members B2, B3, A3 (hop 3)
and B1 (hop 4), one sector (S1), one township (T1) and one contact (K1); itself is not among them (DESIGN 4,
reach), though the view draws it at its centre: 9 nodes drawn, 4 members reached, 3 within three hops.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pbgraph import analyses, load
from pbgraph.render import build_view

FIXTURE = Path(__file__).parent / "fixtures" / "reach"
#: members A1 reaches by hand, by the depth of the view (0: every hop)
REACHED_MEMBERS = {0: 4, 3: 3, 2: 0}
#: the parties of the fixture's members, as the legend names them
PARTY_LABELS = {"中共党员", "民盟", "九三学社", "无党派人士", "民建"}


@pytest.mark.parametrize("depth", sorted(REACHED_MEMBERS))
def test_the_reach_view_counts_what_the_analysis_counts(depth: int) -> None:
    ds = load(FIXTURE)
    expected = REACHED_MEMBERS[depth]
    assert analyses.reach(ds, max_depth=depth or None).set_index("id").loc["A1", "members"] == expected
    view = build_view(ds, "reach", "A1", depth=depth)
    assert f"触达委员 {expected} ·" in view.caption
    legend = {item.label: item for item in view.legend}
    # the centre has its own legend entry; the party colours count the members reached, the hops the rest
    assert legend["起点（本人）"].count == 1 and legend["起点（本人）"].shape == "star"
    parties = [item for item in view.legend if item.shape == "dot" and item.label in PARTY_LABELS]
    assert sum(item.count or 0 for item in parties) == expected
    hops = [item for item in view.legend if item.label.startswith("第 ")]
    assert sum(item.count or 0 for item in hops) == len(view.drawn()) - 1
    # every node drawn is the centre or counted once in the legend's nodes
    nodes = [item for item in view.legend if item.shape not in ("line", "dashed") and item not in hops]
    assert sum(item.count or 0 for item in nodes) == len(view.drawn())


def test_the_reach_views_words_say_the_same_in_english() -> None:
    view = build_view(load(FIXTURE), "reach", "A1", lang="en")
    assert "members reached 4 ·" in view.caption and "nodes 9" in view.caption
    assert [item.count for item in view.legend if item.label == "source (the centre)"] == [1]


def test_a_folded_reach_counts_only_what_it_reaches() -> None:
    view = build_view(load(FIXTURE), "reach", "A1", node_limit=3)
    assert "触达委员 4 ·" in view.caption
    assert "A1" not in {node.id for node in view.nodes}
    top = [node for node in view.drawn() if node.kind == "aggregate"]
    assert sum(int(node.tooltip["委员数"]) for node in top) == 4

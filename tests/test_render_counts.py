"""The numbers a view states agree with the analyses and with what its file holds.

On the ``reach`` fixture (see tests/test_analyses_fixtures.py), by hand: A1 (党组甲, a party-group member)
liaises with the sector group G1 and the township T1; G1 holds the sector S1, whose members are B2, B3, A3
and A1 itself; A3 liaises with B1, and B1 with the contact K1. So A1 reaches the members B2, B3, A3 (hop 3)
and B1 (hop 4), one sector (S1), one township (T1) and one contact (K1); itself is not among them (DESIGN 4,
reach), though the view draws it at its centre: 9 nodes drawn, 4 members reached, 3 within three hops.

Its 8 members fold into 3 super-nodes above a node limit of 10 (16 nodes; 14 without the 2 contacts): the
sector S1 (A1, B2, B3, A3), S2 (B1) and no sector (A2, B4, A4).
"""

from __future__ import annotations

import base64
import json
import re
import zlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pbgraph import analyses, load
from pbgraph.cli import main
from pbgraph.render import build_view

FIXTURE = Path(__file__).parent / "fixtures" / "reach"
#: members A1 reaches by hand, by the depth of the view (0: every hop)
REACHED_MEMBERS = {0: 4, 3: 3, 2: 0}
#: the parties of the fixture's members, as the legend names them
PARTY_LABELS = {"中共党员", "民盟", "九三学社", "无党派人士", "民建"}


def cli(*args: object) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return str(result.output)


def drawn_in_file(path: Path) -> int:
    """The nodes the written page draws when it opens: in its data, neither folded into a super-node nor
    held in reserve."""
    return sum(1 for row in page_nodes(path) if row[10] == -1 and not row[11] & 1)


def held_in_file(path: Path) -> int:
    return len(page_nodes(path))


def page_nodes(path: Path) -> list[list[Any]]:
    """The node rows of a written page's data (id, label, …, parent at 10, reserve flag in bit 0 of 11)."""
    page = path.read_text(encoding="utf-8")
    found = re.search(
        r'<script type="application/(?:json|octet-stream)" id="[^"]+"([^>]*)>(.*?)</script>', page, re.S
    )
    assert found is not None
    text = found[2]
    if "deflate-base64" in found[1]:
        text = zlib.decompress(base64.b64decode(text)).decode("utf-8")
    rows: list[list[Any]] = json.loads(text)["nodes"]
    return rows


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
    assert view.stands_for == 4 and "触达委员 4 ·" in view.caption
    # A1 is drawn apart (below), in no super-node
    assert [node.parent for node in view.nodes if node.id == "A1"] == [None]
    top = [node for node in view.drawn() if node.kind == "aggregate"]
    assert sum(int(node.tooltip["委员数"]) for node in top) == 4


def test_a_folded_reach_draws_its_source_as_unfolded() -> None:
    """Folded, the reach drew no star: the source is drawn as unfolded, a star with its own legend entry, the
    view about it. By hand: A1's four members lie in the sectors S1 (B2, B3, A3) and S2 (B1), two super-nodes
    joined by A3's liaison to B1; with the star, 3 nodes and 1 edge."""
    ds = load(FIXTURE)
    unfolded = build_view(ds, "reach", "A1")
    folded = build_view(ds, "reach", "A1", node_limit=3)
    for view in (unfolded, folded):
        star = [node for node in view.drawn() if node.id == "A1"]
        assert [node.shape for node in star] == ["star"] and view.focus == "A1"
        assert [(item.count, item.shape) for item in view.legend if item.label == "起点（本人）"] == [
            (1, "star")
        ]
    assert folded.caption.endswith("触达委员 4 · 节点 3 · 连线 1")
    # the notice names it, a sentence apart from the folding's (English ran them together: "reached).More")
    notice = build_view(ds, "reach", "A1", node_limit=3, lang="en").notice or ""
    assert notice.startswith("Source: 党组甲 (not counted among the members reached). More than 3 nodes")
    # A3's liaison to B1 joins the star to the super-node of B1's sector S2 (with a limit of 1: at 2, its
    # two nodes but for contacts, A3 and B1, are drawn as they are, the contacts counted on their members)
    view = build_view(ds, "reach", "A3", node_limit=1)
    drawn, edges = view.first_frame()
    assert {node.id for node in drawn} == {"A3", "agg:0:C1|S2"}
    assert [(edge.source, edge.target) for edge in edges] == [("A3", "agg:0:C1|S2")]
    assert view.caption.endswith("触达委员 1 · 节点 2 · 连线 1")


def test_render_says_the_nodes_of_the_reach_view_it_wrote(tmp_path: Path) -> None:
    out = tmp_path / "reach.html"
    said = cli("render", "reach", "A1", FIXTURE, "-o", out)
    assert f"已写入 {out}（9 个节点）" in said
    assert drawn_in_file(out) == 9


@pytest.mark.parametrize(
    ("lang", "words"),
    [("zh", r"（(\d+) 个节点，代表 (\d+) 名委员）"), ("en", r"\((\d+) nodes standing for (\d+) members\)")],
    ids=["zh", "en"],
)
def test_render_says_the_nodes_a_folded_view_draws_and_the_members_they_stand_for(
    tmp_path: Path, lang: str, words: str
) -> None:
    out = tmp_path / "gaps.html"
    said = cli("render", "gaps", FIXTURE, "--node-limit", 10, "--lang", lang, "-o", out)
    found = re.search(words, said)
    assert found is not None, said
    assert (int(found[1]), int(found[2])) == (3, 8)
    assert drawn_in_file(out) == 3


def test_render_says_the_nodes_a_member_view_draws_not_those_in_reserve(tmp_path: Path) -> None:
    # the member view keeps the next hop in the file, drawn on a double-click: not counted as drawn
    out = tmp_path / "member.html"
    said = cli("render", "member", "A3", FIXTURE, "-o", out)
    found = re.search(r"（(\d+) 个节点）", said)
    assert found is not None, said
    assert int(found[1]) == drawn_in_file(out) < held_in_file(out)


def test_tooltips_count_a_repeated_liaison_once_as_the_analyses_do() -> None:
    # A3 -> B1 is written twice (the second row "重复"): one non-party member A3 liaises with, one CPC member
    # liaising with B1, as `analyze load` counts A3's load
    ds = load(FIXTURE)
    view = build_view(ds, "member", "A3", depth=2)
    tips = {node.id: node.tooltip for node in view.nodes}
    assert tips["A3"]["联系党外委员"] == "1"
    assert tips["B1"]["被党员委员联系"] == "1"
    loads = analyses.run("load", ds).main
    assert loads.loc[loads["id"] == "A3", "load"].tolist() == [1]

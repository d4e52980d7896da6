"""Graph views of the sample: every view builds, is deterministic, highlights exactly the analyses' gaps,
aggregates above its node limit, and works in real headless Chromium (draws, search, tooltip, offline)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from pbgraph import Dataset, UnknownIdError, analyses, load
from pbgraph.cli import main
from pbgraph.render import VIEWS, build_view, render_view, show, to_pyvis, write_view
from tests.browser import Chromium, hover_tooltip, open_view, screenshot, search
from tests.conftest import SAMPLE

SHOTS = Path("/tmp/view_shots")

# one target per view that needs one, taken from the sample's documented gaps
TARGETS = {"sector": "S018", "township": "T005", "member": "M0205", "committee": "C001", "reach": "M0001"}


def built(sample: Dataset, name: str, **options: object):  # type: ignore[no-untyped-def]
    return build_view(sample, name, TARGETS.get(name), **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", VIEWS)
def test_every_view_builds_with_legend_caption_and_tooltips(sample: Dataset, name: str) -> None:
    view = built(sample, name)
    assert view.nodes and view.legend
    assert sample.name in view.caption
    ids = {n.id for n in view.nodes}
    assert all(e.source in ids and e.target in ids for e in view.edges)
    members = [n for n in view.nodes if n.kind == "member"]
    assert members, "every view of the sample shows members"
    assert {"名称", "政治面貌", "界别", "镇街", "联系党外委员"} <= set(members[0].tooltip)


def test_the_caption_counts_members_only_where_the_view_draws_them(sample: Dataset) -> None:
    # the organization view first draws organizations (members come on expanding one): no "委员 0"
    from pbgraph._texts.render import t

    members = t("members", "zh")
    assert f"{members} " not in built(sample, "org").caption
    network = built(sample, "network")
    drawn = sum(1 for n in network.nodes if n.kind == "member")
    assert f" · {members} {drawn} · " in network.caption and drawn > 0


@pytest.mark.parametrize("name", ["network", "gaps", "org"])
def test_same_data_same_bytes(sample: Dataset, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = render_view(built(sample, name))
    again = render_view(built(sample, name))
    assert first == again
    assert "2023-11-14" in first.decode()


def test_gaps_view_highlights_exactly_the_gaps(sample: Dataset) -> None:
    view = built(sample, "gaps")
    flagged = {n.id for n in view.nodes if n.highlight}
    expected = set(analyses.unlinked(sample)["id"]) | set(analyses.unorganized(sample)["id"])
    expected |= set(analyses.sector_gaps(sample)["id"]) | set(analyses.township_gaps(sample)["id"])
    expected |= set(analyses.platform_gaps(sample)["id"])
    loads = analyses.liaison_load(sample)
    expected |= set(loads.loc[loads["overloaded"], "id"])
    assert flagged == expected
    counts = {item.label: item.count for item in view.legend}
    assert counts["未联系的党外委员"] == 4
    assert counts["联系过多"] == 1


def test_member_ego_view_grows_with_depth(sample: Dataset) -> None:
    one = build_view(sample, "member", "M0205", depth=1)
    two = build_view(sample, "member", "M0205", depth=2)
    assert "M0205" in {n.id for n in one.nodes}
    assert len(two.nodes) > len(one.nodes)


def test_reach_view_matches_reach_analysis(sample: Dataset) -> None:
    view = build_view(sample, "reach", "M0001", depth=0)
    row = analyses.reach(sample).set_index("id").loc["M0001"]
    kinds = [n.kind for n in view.nodes if n.id != "M0001"]
    assert kinds.count("member") == row["members"]
    assert kinds.count("contact") == row["contacts"]
    assert kinds.count("township") == row["townships"]


def test_colour_by_sector_gives_one_colour_per_sector(sample: Dataset) -> None:
    view = build_view(sample, "network", color_by="sector")
    colours: dict[str, set[str]] = {}
    for node in view.nodes:
        if node.kind == "member":
            colours.setdefault(node.attrs["sector"], set()).add(node.color)
    assert all(len(c) == 1 for c in colours.values())


def test_aggregates_above_the_node_limit(sample: Dataset) -> None:
    view = build_view(sample, "network", node_limit=100)
    assert view.notice and "聚合" in view.notice
    assert all(n.kind == "aggregate" for n in view.drawn())
    assert sum(int(n.tooltip["委员数"]) for n in view.drawn()) == len(sample.members)


def test_unknown_ids_are_clear_errors(sample: Dataset) -> None:
    with pytest.raises(UnknownIdError, match="M9999"):
        build_view(sample, "member", "M9999")
    with pytest.raises(UnknownIdError, match="S018"):
        build_view(sample, "township", "S018")  # a sector id is not a township


def test_english_view(sample: Dataset) -> None:
    view = build_view(sample, "gaps", lang="en")
    assert view.title.startswith("Coverage gaps")
    # the legend's short form, the full wording in the entry's tooltip
    assert ("unlinked non-party", "unlinked non-party member") in {
        (item.label, item.full) for item in view.legend
    }


@pytest.mark.parametrize(
    ("lang", "expected"), [("zh", "未组织的党员委员；联系过多"), ("en", "unorganized CPC member; overloaded")]
)
def test_a_node_in_two_gaps_names_both_in_its_language(tmp_path: Path, lang: str, expected: str) -> None:
    """M0205 carries too many liaisons; without its branch it is also unorganized: both gaps are named,
    joined as the language writes a list."""
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder)
    memberships = pd.read_csv(folder / "memberships.csv", dtype=str, keep_default_na=False)
    memberships[memberships["member"] != "M0205"].to_csv(folder / "memberships.csv", index=False)
    view = build_view(load(folder, cache=False), "gaps", lang=lang)
    (node,) = (n for n in view.nodes if n.id == "M0205")
    assert node.highlight == expected


def test_pyvis_network_in_bulk(sample: Dataset) -> None:
    view = built(sample, "network")
    net = to_pyvis(view)
    assert len(net.nodes) == len(view.nodes) and len(net.edges) == len(view.edges)
    assert net.get_node(view.nodes[0].id)["label"] == view.nodes[0].label


def test_notebook_display_is_inline(sample: Dataset) -> None:
    html = show(sample, "org")._repr_html_()
    assert html.startswith("<iframe") and "srcdoc=" in html and "file:" not in html


def test_cli_render_formats(tmp_path: Path) -> None:
    runner = CliRunner()
    for fmt, suffix, magic in (
        ("html", ".html", b"<!DOCTYPE html>"),
        ("png", ".png", b"\x89PNG"),
        ("svg", ".svg", b"<?xml"),
        ("fragment", ".html", b"<"),
    ):
        out = tmp_path / f"view{suffix}"
        result = runner.invoke(main, ["render", "gaps", "data/sample", "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_bytes().startswith(magic)
    result = runner.invoke(main, ["render", "member", "data/sample"])
    assert result.exit_code == 2 and "ID PATH" in result.output
    result = runner.invoke(main, ["render", "member", "M9999", "data/sample", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 1 and "M9999" in result.output
    assert not (tmp_path / "x.html").exists()


@pytest.mark.browser
@pytest.mark.parametrize("name", VIEWS)
def test_view_in_chromium(chromium: Chromium, sample: Dataset, name: str, tmp_path: Path) -> None:
    view = built(sample, name)
    path = write_view(view, tmp_path / f"{name}.html")
    page, report, root_id = open_view(chromium, path.read_text(encoding="utf-8"), path)
    drawn = page.evaluate(
        f"""() => {{ const c = document.querySelector('#{root_id} canvas');
                    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                    let ink = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) ink++; return ink; }}"""
    )
    assert drawn > 1000, "the canvas is blank"
    # a member where the view draws members at first; the org view draws organizations only
    shown = view.drawn()
    member = next((n for n in shown if n.kind == "member"), shown[0])
    index = next(i for i, n in enumerate(view.nodes) if n.id == member.id)
    assert member.label in hover_tooltip(page, root_id, index)
    assert search(page, root_id, member.label).startswith("已定位：")
    screenshot(page, SHOTS / f"{name}.png")
    report.assert_clean()


# -- issue 13: what the explorer's views hold ------------------------------------------------------------


def test_gap_nodes_carry_one_badge_per_gap_kind_and_the_legend_leads_with_them(sample: Dataset) -> None:
    view = built(sample, "gaps")
    symbols = {"unlinked": "cross", "unorganized": "diamond", "overloaded": "plus"}
    expected: dict[str, set[str]] = {}
    for key, ids in (
        ("unlinked", analyses.unlinked(sample)["id"]),
        ("unorganized", analyses.unorganized(sample)["id"]),
    ):
        for node_id in ids:
            expected.setdefault(node_id, set()).add(symbols[key])
    for node in view.nodes:
        if node.id in expected:
            assert expected[node.id] <= set(node.gaps), node.id
        assert bool(node.gaps) == (node.highlight is not None)
    gap_items = [item for item in view.legend if item.symbol is not None]
    assert view.legend[: len(gap_items)] == gap_items and len({i.symbol for i in gap_items}) == 6
    assert {i.label: i.count for i in gap_items}["未组织的党员委员"] == 1


def test_member_view_centres_marks_and_keeps_the_next_hop_in_reserve(sample: Dataset) -> None:
    view = build_view(sample, "member", "M0205")
    me = next(n for n in view.nodes if n.id == "M0205")
    assert (me.x, me.y) == (0.0, 0.0) and me.shape == "star" and view.focus == "M0205"
    one_hop = set(sample.liaisons.loc[sample.liaisons["source"] == "M0205", "target"])
    drawn = {n.id for n in view.drawn()}
    assert one_hop <= drawn
    reserve = {n.id for n in view.nodes if n.reserve}
    assert reserve and not reserve & drawn
    radius = {round((n.x**2 + n.y**2) ** 0.5) for n in view.drawn() if n.id != "M0205"}
    assert radius == {round(view.rings[0][0])}  # every neighbour on the labelled ring


def test_reach_defaults_to_every_hop_like_the_analysis(sample: Dataset) -> None:
    view = build_view(sample, "reach", "M0001")
    row = analyses.reach(sample).set_index("id").loc["M0001"]
    kinds = [n.kind for n in view.nodes if n.id != "M0001"]
    assert kinds.count("member") == row["members"] and kinds.count("contact") == row["contacts"]
    assert [label for _, label in view.rings] == [f"第 {h} 跳" for h in range(1, len(view.rings) + 1)]
    assert len(view.rings) > 1
    radii = [r for r, _ in view.rings]
    assert radii == sorted(radii)


def test_reach_above_the_limit_folds_contacts_before_members(sample: Dataset) -> None:
    # a reach over the node limit only through its contacts draws every member it reaches, in rings, and
    # counts the contacts on their members (as the network view), rather than folding members it could show
    full = build_view(sample, "reach", "M0001")
    contacts = [n.id for n in full.nodes if n.kind == "contact"]
    others = {n.id for n in full.nodes if n.kind != "contact"}
    assert contacts and len(others) > 1
    view = build_view(sample, "reach", "M0001", node_limit=len(others))
    assert {n.id for n in view.nodes} == others
    assert not any(n.kind == "aggregate" for n in view.nodes)
    # the same rings, but for those that held contacts only
    assert view.rings and view.rings == full.rings[: len(view.rings)]
    counted = f"{len(contacts)} 个联系群众计为其委员的“联系群众”数（见详情）。"
    assert view.notice == f"节点超过 {len(others)} 个：{counted}"
    # one node fewer than that, and the members fold into super-nodes
    folded = build_view(sample, "reach", "M0001", node_limit=len(others) - 1)
    assert any(n.kind == "aggregate" for n in folded.nodes)


def test_drill_down_keeps_every_member_folded_under_nested_super_nodes(sample: Dataset) -> None:
    view = build_view(sample, "gaps", node_limit=100)
    by_id = {n.id: n for n in view.nodes}
    members = [n for n in view.nodes if n.kind == "member"]
    assert len(members) == len(sample.members)
    # each member under its sector's super-node, and the super-node counts them and their gaps
    for node in members:
        assert node.parent is not None and by_id[node.parent].kind == "aggregate"
    for top in view.drawn():
        inside = [m for m in members if m.parent == top.id]
        assert int(top.tooltip["委员数"]) == len(inside)
        assert int(top.tooltip["缺口"]) == sum(1 for m in inside if m.gaps)
    assert sum(1 for i in view.legend if i.symbol) == 6  # the gap legend stays
    nodes, edges = view.first_frame()
    assert {n.id for n in nodes} == {n.id for n in view.drawn()}
    assert edges and all(e.source.startswith("agg:") and e.target.startswith("agg:") for e in edges)


def test_contacts_fold_onto_their_member_before_members_fold(sample: Dataset) -> None:
    view = build_view(sample, "network", node_limit=400)
    assert view.notice and "339 个联系群众" in view.notice
    assert not [n for n in view.nodes if n.kind == "contact"]
    assert len([n for n in view.nodes if n.kind == "member"]) == len(sample.members)


def test_org_view_lanes_counts_and_reserve_members(sample: Dataset) -> None:
    view = built(sample, "org")
    lanes = {n.label: n for n in view.nodes if n.kind == "lane"}
    assert set(lanes) == {"机关线", "履职线", "平台及其党组织", "临时党支部"}
    orgs = {n.id: n for n in view.nodes if n.kind == "organization"}
    kinds = dict(zip(sample.organizations["id"], sample.organizations["kind"], strict=True))
    parents = dict(zip(sample.organizations["id"], sample.organizations["parent"], strict=True))
    assert set(kinds[i] for i in orgs) <= {
        "committee", "party_group", "organ_party_group", "party_committee", "party_branch",
        "sub_party_group", "functional_branch", "party_cell", "temporary_branch", "study_group", "studio",
        "station",
    }  # fmt: skip

    # a lane holds what hangs under its header: the organizations it starts, and their children
    lane_of: dict[str, str] = {}
    for name, lane in lanes.items():
        todo = [e.target for e in view.edges if e.source == lane.id]
        while todo:
            node_id = todo.pop()
            lane_of[node_id] = name
            todo += [e.source for e in view.edges if e.target == node_id and e.source in orgs]

    for node_id in orgs:
        kind = kinds[node_id]
        if kind in ("organ_party_group", "party_committee", "party_branch"):
            assert lane_of[node_id] == "机关线"
        elif kind == "temporary_branch":
            assert lane_of[node_id] == "临时党支部"
        elif kind in ("studio", "station", "study_group") or kinds.get(parents[node_id]) in (
            "studio",
            "station",
        ):
            assert lane_of[node_id] == "平台及其党组织", node_id
    counts = sample.memberships.groupby("organization").size()
    for node_id, node in orgs.items():
        if counts.get(node_id, 0):
            assert node.label.endswith(f"（{counts[node_id]} 人）")
            assert not node.label.startswith("示例区政协") or kinds[node_id] == "committee"
    # members only in reserve: shown on double-click
    assert all(n.reserve for n in view.nodes if n.kind == "member")


def test_static_picture_marks_gaps_with_the_halo(sample: Dataset) -> None:
    import io

    import numpy as np
    from PIL import Image

    picture = np.asarray(Image.open(io.BytesIO(render_view(built(sample, "gaps"), fmt="png"))).convert("RGB"))
    halo = (
        (picture[..., 0] > 240) & (picture[..., 1] > 195) & (picture[..., 1] < 225) & (picture[..., 2] < 40)
    )
    assert halo.sum() > 200
    plain = np.asarray(
        Image.open(io.BytesIO(render_view(built(sample, "network"), fmt="png"))).convert("RGB")
    )
    halo_plain = (plain[..., 0] > 240) & (plain[..., 1] > 195) & (plain[..., 1] < 225) & (plain[..., 2] < 40)
    assert halo_plain.sum() == 0


def test_drill_down_of_too_many_members_holds_the_super_nodes_only(
    sample: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pbgraph.render.views._aggregate as aggregate

    monkeypatch.setattr(aggregate, "MEMBER_EMBED_LIMIT", 100)
    view = build_view(sample, "gaps", node_limit=100)
    assert view.notice and "--committee" in view.notice
    assert all(n.kind == "aggregate" for n in view.nodes)
    # the liaisons between members, counted per pair of super-nodes: as many as the page draws when members
    # are held (the same data folded in the page)
    monkeypatch.setattr(aggregate, "MEMBER_EMBED_LIMIT", 10**6)
    full = build_view(sample, "gaps", node_limit=100)
    pairs = {(e.source, e.target) for e in full.first_frame()[1]}
    assert {(e.source, e.target) for e in view.edges} == pairs


def test_org_view_legend_swatch_of_each_lane_is_the_colour_of_its_organizations(sample: Dataset) -> None:
    view = built(sample, "org")
    legend = {item.label: item.color for item in view.legend}
    lanes = {n.id: n.label for n in view.nodes if n.kind == "lane"}
    orgs = {n.id: n.color for n in view.nodes if n.kind == "organization"}
    for lane_id, label in lanes.items():
        started = {orgs[e.target] for e in view.edges if e.source == lane_id and e.target in orgs}
        assert started == {legend[label]}, label


@pytest.mark.parametrize("embed_limit", [10, 10**6])
@pytest.mark.parametrize(
    ("dataset", "name", "node_limit"), [("sample", "gaps", 20), ("committees", "network", 3)]
)
def test_drill_down_caption_counts_what_the_page_draws_first(
    sample: Dataset,
    monkeypatch: pytest.MonkeyPatch,
    embed_limit: int,
    dataset: str,
    name: str,
    node_limit: int,
) -> None:
    import pbgraph.render.views._aggregate as aggregate
    from pbgraph import load
    from pbgraph._texts.render import t

    monkeypatch.setattr(aggregate, "MEMBER_EMBED_LIMIT", embed_limit)
    ds = sample if dataset == "sample" else load(Path("tests/fixtures") / dataset)
    view = build_view(ds, name, node_limit=node_limit)
    assert view.notice
    nodes, edges = view.first_frame()
    assert edges, "the case should draw folded edges"
    assert view.caption.endswith(f"{t('nodes', 'zh')} {len(nodes)} · {t('edges', 'zh')} {len(edges)}")


def test_a_repeated_liaison_is_drawn_once(sample: Dataset, tmp_path: Path) -> None:
    """A liaison listed twice (a warning, loaded all the same) is one edge of every view: the views keep the
    first of equal edges, found by a sort where no edge repeats and by a hash where one does."""
    import shutil

    from pbgraph import load
    from tests.conftest import SAMPLE

    folder = shutil.copytree(SAMPLE, tmp_path / "sample")
    lines = (folder / "liaisons.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "liaisons.csv").write_text("".join([*lines, lines[1]]), encoding="utf-8")
    repeated = load(folder, cache=False)
    assert "duplicate_liaison" in {p.code for p in repeated.warnings}
    source = str(sample.liaisons["source"].iloc[0])
    for name, target in (("member", source), ("network", None)):
        drawn = [
            sorted((e.source, e.target, e.color) for e in build_view(ds, name, target).edges)
            for ds in (sample, repeated)
        ]
        assert drawn[0] == drawn[1]


@pytest.mark.parametrize("name", ["network", "org", "gaps"])
def test_a_roster_alone_draws_every_view_without_a_target(tmp_path: Path, name: str) -> None:
    """An office roster alone (a CSV, no organization, no liaison list) still draws: the organization chart
    has no committee block, the others show the members."""
    from pbgraph import load

    path = tmp_path / "名单.csv"
    roster = "序号,姓名,政治面貌,界别\n1,孙立,中共党员,经济界\n2,丁一,致公党党员,经济界\n"
    path.write_text(roster, encoding="utf-8")
    view = build_view(load(path, cache=False), name)
    members = [n for n in view.nodes if n.kind == "member"]
    assert view.caption
    assert len(members) == (0 if name == "org" else 2)


def test_the_gaps_view_counts_contacts_on_their_members(sample: Dataset) -> None:
    # no contact is a gap: the gaps view draws the members, each with its count of contacts, and says so; the
    # network view still draws every contact
    gaps = build_view(sample, "gaps")
    assert not [node for node in gaps.nodes if node.kind == "contact"]
    assert gaps.notice is not None and f"{len(sample.contacts)} 个联系群众计为其委员" in gaps.notice
    contact_liaisons = sample.liaisons[sample.liaisons["kind"] == "contact"]
    busiest = contact_liaisons["source"].value_counts()
    member = next(node for node in gaps.nodes if node.id == busiest.index[0])
    assert member.tooltip["联系群众"] == str(busiest.iloc[0])
    network = build_view(sample, "network")
    assert sum(node.kind == "contact" for node in network.nodes) == len(sample.contacts)


def test_a_large_diff_view_draws_what_changed_and_its_liaison_partners(sample: Dataset) -> None:
    # above the node limit the whole network folds into super-nodes, and the member who left with the
    # liaisons they broke were lost in them: the view draws the changes and whatever they liaise with
    from pbgraph import whatif
    from pbgraph.changes import without_members
    from pbgraph.render.views.changes import diff_view

    found = whatif(sample, ["M0007"])
    assert len(found.liaisons)
    # by hand from the liaison table: M0007 and the ends of the liaisons that changed, and the other end of
    # every liaison touching one of them
    seeds = {"M0007", *found.liaisons["source"], *found.liaisons["target"]}
    touching = sample.liaisons[sample.liaisons["source"].isin(seeds) | sample.liaisons["target"].isin(seeds)]
    expected = seeds | set(touching["source"]) | set(touching["target"])
    after = without_members(sample, ["M0007"])
    view = diff_view(sample, after, found, node_limit=len(expected))
    assert {node.id for node in view.nodes} == expected
    total = len(diff_view(sample, after, found).nodes)
    assert total > len(expected)
    assert view.notice == (
        f"超过 {len(expected)} 个节点：只画出有变化的委员和联系，及与其有联系的节点（{len(expected)} 个，"
        f"共 {total} 个）。"
    )
    assert [node.highlight for node in view.nodes if node.id == "M0007"] == ["退出的委员"]
    # more than the limit even so: the whole network, folded
    folded = diff_view(sample, after, found, node_limit=len(expected) - 1)
    assert any(node.kind == "aggregate" for node in folded.nodes) and "只画出" not in (folded.notice or "")

"""Graph views of the sample: every view builds, is deterministic, highlights exactly the analyses' gaps,
aggregates above its node limit, and works in real headless Chromium (draws, search, tooltip, offline)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from pbgraph import Dataset, UnknownIdError, analyses
from pbgraph.cli import main
from pbgraph.render import VIEWS, build_view, render_view, show, to_pyvis, write_view
from tests.browser import Chromium, hover_tooltip, launch_chromium, open_view, screenshot, search

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
    assert "unlinked non-party member" in {item.label for item in view.legend}


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


@pytest.fixture(scope="module")
def chromium() -> Iterator[Chromium]:
    with launch_chromium() as browser:
        yield browser


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

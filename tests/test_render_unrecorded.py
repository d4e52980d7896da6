"""Views of a dataset that leaves tables out (DESIGN 3: only `members` is required): a view says which tables
it could not draw or look at, its gap legend says 未提供 (not recorded) for a kind of gap it cannot count, not
0, and a tooltip's liaison counts are 未提供 where those liaisons were not recorded. Also: English views name
the parties as the tables do (Non-party, Masses; the parties' own abbreviations).

Expected answers from the fixture of `tests.broken.base` (M1, M2 CPC; N1 CDL, N2 NP; M2 liaises with N1, M1
with N2, M2 with township T1) and from `tests.test_office.office_workbook` (a roster of 5 and a 联系党外委员
list by which every non-party member is liaised)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pbgraph import Dataset
from pbgraph._notes import not_recorded_note
from pbgraph.cli import main
from pbgraph.render import View, build_view, render_view
from tests.broken import base, dataset, load_ok
from tests.test_office import office_workbook

NOT_RECORDED = {"zh": "未提供", "en": "not recorded"}
GAP_LABELS = {
    "zh": ["未联系的党外委员", "未组织的党员委员", "界别缺口", "镇街缺口", "平台缺口", "联系过多"],
    "en": [
        "unlinked non-party member",
        "unorganized CPC member",
        "sector gap",
        "township gap",
        "platform gap",
        "overloaded",
    ],
}
EVERY_LIAISON = ["liaisons:sector", "liaisons:member", "liaisons:township", "liaisons:contact"]


@pytest.fixture(scope="module")
def roster_alone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return dataset(tmp_path_factory.mktemp("roster"), {"members": base()["members"]})


@pytest.fixture(scope="module")
def roster_and_liaisons(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base without organizations and memberships (so without sector groups), its liaisons those of kind
    member and township (a liaisons table given: its other kinds are recorded as none)."""
    tables = base()
    del tables["organizations"], tables["memberships"]
    tables["sectors"].rows = [[row[0], row[1], "", ""] for row in tables["sectors"].rows]
    liaisons = tables["liaisons"]
    liaisons.rows = [row for row in liaisons.rows if row[2] in ("member", "township")]
    return dataset(tmp_path_factory.mktemp("liaisons"), tables)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """A roster and a 联系党外委员 list: no organizations, memberships, sector or township liaisons."""
    return load_ok(office_workbook(tmp_path_factory.mktemp("office") / "名单.xlsx"))


def gap_legend(view: View) -> dict[str, object]:
    """Each gap entry's count by its full wording (the tooltip of an English short form)."""
    return {item.full or item.label: item.count for item in view.legend if item.symbol is not None}


def member_tip(view: View, member: str) -> dict[str, str]:
    return next(node.tooltip for node in view.nodes if node.id == member)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_gaps_view_of_a_roster_and_its_list_says_what_it_cannot_count(office: Dataset, lang: str) -> None:
    view = build_view(office, "gaps", lang=lang)
    unknown = NOT_RECORDED[lang]
    # every non-party member is liaised (0), nobody liaises with more than 5 (0); organizations (unorganized,
    # platforms), sector and township liaisons with memberships (sector and township gaps) are not recorded
    assert gap_legend(view) == dict(
        zip(GAP_LABELS[lang], [0, unknown, unknown, unknown, unknown, 0], strict=True)
    )
    missing = ["organizations", "memberships", "liaisons:sector", "liaisons:township"]
    assert view.notice == not_recorded_note(missing, lang)
    # the page's legend gives the word where the count would be (smaller; the label breaks between words)
    page = render_view(view).decode("utf-8")
    # (the English label a short form, its full wording in the entry's tooltip)
    label = {"zh": "未组织的党员委员", "en": "unorganized CPC"}[lang]
    entry = f'<span>{label}</span><span class="pbg-count">{unknown}</span>'
    title = "" if lang == "zh" else f' title="{GAP_LABELS[lang][1]}"'
    assert f'<li class="pbg-gap-item pbg-count-word"{title}>' in page and entry in page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_gaps_view_of_a_roster_alone_has_a_legend_of_what_it_cannot_see(
    roster_alone: Path, lang: str
) -> None:
    view = build_view(load_ok(roster_alone), "gaps", lang=lang)
    # not "no gaps": no gap kind can be counted without liaisons, organizations and memberships
    assert gap_legend(view) == {label: NOT_RECORDED[lang] for label in GAP_LABELS[lang]}
    missing = ["organizations", "memberships", "liaisons:sector", "liaisons:member", "liaisons:township"]
    assert view.notice == not_recorded_note(missing, lang)
    # the tooltips do not say 0 liaisons where none were recorded
    tip = member_tip(view, "M1")
    for key in ("联系党外委员", "被党员委员联系", "联系群众") if lang == "zh" else ("Contacts",):
        assert tip[key] == NOT_RECORDED[lang]


def test_gaps_known_in_part_are_counted_and_the_missing_tables_named(roster_and_liaisons: Path) -> None:
    view = build_view(load_ok(roster_and_liaisons), "gaps")
    # N1, N2 liaised; S1 and S2 without a sector liaison; T2 without a township liaison (what a liaison group
    # would add is not recorded); nobody overloaded; unorganized and platforms cannot be told
    expected = [0, "未提供", 2, 1, "未提供", 0]
    assert gap_legend(view) == dict(zip(GAP_LABELS["zh"], expected, strict=True))
    # after what the view leaves out (its contacts, counted on their members)
    assert view.notice is not None
    assert view.notice.endswith(" " + not_recorded_note(["organizations", "memberships"], "zh"))
    # the liaisons were recorded: M2 liaises with N1, and no contact (0, not 未提供)
    tip = member_tip(view, "M2")
    assert (tip["联系党外委员"], tip["被党员委员联系"], tip["联系群众"]) == ("1", "0", "0")


def test_the_org_view_without_organizations_says_so(roster_alone: Path) -> None:
    for lang in ("zh", "en"):
        view = build_view(load_ok(roster_alone), "org", lang=lang)
        assert view.nodes == []
        assert view.notice == not_recorded_note(["organizations", "memberships"], lang)
    # and `pbgraph render` says it on stderr, beside the file it wrote
    out = roster_alone.parent / "org.html"
    found = CliRunner().invoke(main, ["render", "org", str(roster_alone), "-o", str(out), "--no-cache"])
    assert found.exit_code == 0, found.output
    assert not_recorded_note(["organizations", "memberships"], "zh") in found.stderr
    assert not_recorded_note(["organizations", "memberships"], "zh") in out.read_text(encoding="utf-8")


def test_the_reach_of_a_roster_alone_says_its_liaisons_were_not_recorded(roster_alone: Path) -> None:
    for lang in ("zh", "en"):
        view = build_view(load_ok(roster_alone), "reach", "M1", lang=lang)
        # the source alone: 0 reached, because nothing was recorded to follow
        assert [node.id for node in view.nodes] == ["M1"]
        assert view.notice == not_recorded_note(EVERY_LIAISON, lang)


def test_english_views_name_the_parties_as_the_tables_do(roster_alone: Path) -> None:
    view = build_view(load_ok(roster_alone), "network", lang="en")
    # M1, M2 CPC; N1 CDL; N2 NP: the party and non-party in words, as `PARTY_EN` writes them in every table
    dots = [item for item in view.legend if item.shape == "dot" and item.symbol is None]
    parties = {item.full or item.label: item.count for item in dots}
    assert parties == {"CPC": 2, "China Democratic League": 1, "Non-party": 1}
    # the legend's line gives the long name's short form, the full name its tooltip
    assert [(item.label, item.full) for item in dots if item.full] == [
        ("Democratic League", "China Democratic League")
    ]
    assert member_tip(view, "N1")["Party"] == "China Democratic League"
    assert member_tip(view, "N2")["Party"] == "Non-party"
    assert next(node.attrs["party"] for node in view.nodes if node.id == "N2") == "Non-party"
    # in Chinese, the party's Chinese name
    assert "无党派人士" in [item.label for item in build_view(load_ok(roster_alone), "network").legend]


def test_a_folded_reach_names_its_source(sample: Dataset) -> None:
    # folded, the source is in no super-node: the notice names it, as the title does
    for lang in ("zh", "en"):
        view = build_view(sample, "reach", "M0001", node_limit=10, lang=lang)
        assert view.stands_for is not None
        name = sample.name_of("M0001")
        assert view.notice is not None
        assert view.notice.startswith(
            f"起点：{name}（不计入触达委员）" if lang == "zh" else f"Source: {name} (not counted"
        )

"""The report on office files that leave tables out (DESIGN 3: "not recorded", 未提供): every card and finding
that would count something it cannot know says so, in Chinese and in English, never `None` and never "all
covered". Answers checked by hand on the office workbook of tests/test_office.py (张三 and 王五 CPC; 李四,
赵六, 钱七 not; 张三 liaises with 李四 and 赵六, 王五 with 钱七 and 赵六) and on the fixture `activities`."""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import pytest

from pbgraph import load
from pbgraph.report import build_report
from tests.conftest import ROOT
from tests.test_office import office_workbook


def visible(page: str) -> str:
    """The page's text as a reader sees it (scripts and styles left out)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def finding(page: str, section: str) -> str:
    found = re.search(
        rf'<section class="rp-section" id="{section}">.*?<p class="rp-finding">(.*?)</p>', page, re.S
    )
    assert found, section
    return html.unescape(found.group(1))


def cards(page: str) -> list[str]:
    """The lines under the two headline rates and their gaps, in order."""
    found = re.findall(r'<div class="rp-kpi-(?:sub|gap)">(.*?)</div>', page, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", line)) for line in found]


@pytest.fixture(scope="module")
def roster_and_list(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A roster and a 联系党外委员 list: no organizations, memberships, sector or township liaisons."""
    return office_workbook(tmp_path_factory.mktemp("office") / "名单.xlsx")


@pytest.fixture(scope="module")
def roster_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A roster alone: not even who liaises with whom."""
    return office_workbook(tmp_path_factory.mktemp("office") / "名单.xlsx", lists=False)


UNORGANIZED = {
    "zh": (
        ["2 名党员委员；未提供组织、组织成员，已编入党组织的人数不详", "未编入党组织：未提供"],
        "组织覆盖率 n/a：2 名党员委员，未提供组织、组织成员，已编入党组织的人数不详；"
        "工作覆盖率 100.0%：3 名党外委员中 3 名已有党员委员联系。",
        "未提供组织、组织成员，哪些党员委员未编入党组织无法判断。",
        "未提供组织，委员工作室、联络站和学习组是否有党组织或党员指导员无法判断。",
    ),
    "en": (
        [
            "2 CPC members; organizations, memberships not recorded, so how many are organized is unknown",
            "not organized: not recorded",
        ],
        "Organization coverage is n/a (2 CPC members; organizations, memberships not recorded, so how many "
        "are organized is unknown); work coverage is 100.0% (3 of 3 non-party members liaised).",
        "Not recorded: organizations, memberships; which CPC members belong to no party organization cannot "
        "be told.",
        "Not recorded: organizations; whether studios, stations and study groups have a party organization "
        "or a CPC instructor cannot be told.",
    ),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_organizations_not_recorded_are_said_so(roster_and_list: Path, lang: str) -> None:
    page = build_report(load(roster_and_list), lang=lang, views=False)
    card, coverage, unorganized, platforms = UNORGANIZED[lang]
    assert cards(page)[:2] == card
    assert finding(page, "coverage") == coverage
    assert finding(page, "unorganized") == unorganized
    assert finding(page, "platforms") == platforms
    text = visible(page)
    assert "None" not in text
    # nothing claims what it could not see
    assert "都已编入党组织" not in text and "are organized in a party organization" not in text
    assert "数据中没有委员工作室" not in text and "has no platforms" not in text


@pytest.mark.parametrize(
    ("lang", "sectors", "townships"),
    [
        (
            "zh",
            "未提供党组成员联系界别、组织成员，界别和界别联组是否有党组成员联系、界别联组的第一召集人是否为"
            "中共党员无法判断。",
            "未提供组织、组织成员、党员委员联系镇街，各镇街是否有联络组、联络组中是否有党员委员、"
            "镇街是否有党员委员联系无法判断。",
        ),
        (
            "en",
            "Not recorded: sector liaisons (联系界别), memberships; whether sectors and sector groups have a "
            "party-group liaison, whether the sector groups' first conveners are CPC cannot be told.",
            "Not recorded: organizations, memberships, township liaisons (联系镇街); whether each "
            "township has a liaison group, whether its liaison group has a CPC member, whether a CPC member "
            "liaises with it cannot be told.",
        ),
    ],
)
def test_sector_and_township_gaps_not_looked_at_are_not_all_clear(
    roster_and_list: Path, lang: str, sectors: str, townships: str
) -> None:
    page = build_report(load(roster_and_list), lang=lang, views=False)
    assert finding(page, "sectors") == sectors
    assert finding(page, "townships") == townships


@pytest.mark.parametrize(
    ("lang", "sectors", "townships"),
    [
        (
            "zh",
            "发现 5 处界别缺口：3 个界别无党组成员联系，2 个界别联组无党组成员直接联系。"
            "未提供组织成员，界别联组的第一召集人是否为中共党员无法判断。",
            "5 个镇街中有 3 个存在缺口：2 个没有镇街联络组，2 个没有党员委员联系。"
            "未提供组织成员，联络组中是否有党员委员无法判断。",
        ),
        (
            "en",
            "5 sector gaps: 3 sectors without a liaison, 2 sector groups without a liaison to the group. "
            "Not recorded: memberships; whether the sector groups' first conveners are CPC cannot be told.",
            "3 of 5 townships have gaps: 2 without a liaison group, 2 without a CPC liaison. "
            "Not recorded: memberships; whether its liaison group has a CPC member cannot be told.",
        ),
    ],
)
def test_sector_and_township_gaps_partly_looked_at_say_which_part(
    lang: str, sectors: str, townships: str
) -> None:
    # fixture gaps without its memberships: S4-S6 and G2, G3 have no liaison; T3 and T5 no liaison group,
    # T2 and T5 no township liaison; whether a group's convener or members are CPC is unknown
    ds = load(ROOT / "tests" / "fixtures" / "gaps")
    ds = dataclasses.replace(ds, not_recorded=frozenset({"memberships"}))
    page = build_report(ds, lang=lang, views=False)
    assert finding(page, "sectors") == sectors
    assert finding(page, "townships") == townships
    text = visible(page)
    assert "第一召集人均为中共党员" not in text and "every first convener is CPC" not in text


LIAISONS = {
    "zh": (
        ["3 名党外委员；未提供党员委员联系党外委员，已有党员委员联系的人数不详", "尚未联系：未提供"],
        "组织覆盖率 n/a：2 名党员委员，未提供组织、组织成员，已编入党组织的人数不详；"
        "工作覆盖率 n/a：3 名党外委员，未提供党员委员联系党外委员，已有党员委员联系的人数不详。",
        "未提供党员委员联系党外委员，哪些党外委员尚未被党员委员联系无法判断。",
        "未提供党员委员联系党外委员，党员委员的联系负担无法判断。",
        "未提供党员委员联系党外委员，谁是党外委员的唯一联系人无法判断。",
    ),
    "en": (
        [
            "3 non-party members; member liaisons (联系党外委员) not recorded, so how many are liaised "
            "is unknown",
            "not liaised: not recorded",
        ],
        "Organization coverage is n/a (2 CPC members; organizations, memberships not recorded, so how many "
        "are organized is unknown); work coverage is n/a (3 non-party members; member liaisons "
        "(联系党外委员) not recorded, so how many are liaised is unknown).",
        "Not recorded: member liaisons (联系党外委员); which non-party members no CPC member liaises with "
        "cannot be told.",
        "Not recorded: member liaisons (联系党外委员); the liaison load of the CPC members cannot be told.",
        "Not recorded: member liaisons (联系党外委员); who is the only liaison of a non-party member "
        "cannot be told.",
    ),
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_liaisons_not_recorded_are_said_so(roster_only: Path, lang: str) -> None:
    page = build_report(load(roster_only), lang=lang, views=False)
    card, coverage, unlinked, load_finding, connectors = LIAISONS[lang]
    assert cards(page)[2:] == card
    assert finding(page, "coverage") == coverage
    assert finding(page, "unlinked") == unlinked
    assert finding(page, "load") == load_finding
    assert finding(page, "connectors") == connectors
    text = visible(page)
    assert "None" not in text
    assert "都已有党员委员联系" not in text and "are liaised by a CPC member" not in text


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "未提供组织、组织成员，履职党组织是否开展组织生活、党员委员组织生活是否足够无法判断。"),
        (
            "en",
            "Not recorded: organizations, memberships; whether duty-line organizations met and CPC members "
            "had enough organizational life cannot be told.",
        ),
    ],
)
def test_organizational_life_without_organizations_is_not_counted(lang: str, expected: str) -> None:
    ds = load(ROOT / "tests" / "fixtures" / "activities")
    ds = dataclasses.replace(ds, not_recorded=frozenset({"organizations", "memberships"}))
    page = build_report(ds, lang=lang, views=False)
    assert finding(page, "org_life") == expected
    assert finding(page, "dormant").endswith(expected if lang == "zh" else " " + expected)
    assert "个履职党组织未开展组织生活" not in visible(page)


def test_a_roster_alone_draws_no_chart_or_tree_it_cannot_know(roster_only: Path) -> None:
    page = build_report(load(roster_only), lang="zh")
    text = visible(page)
    # the township chart would draw all 3 non-party members as liaised, the org tree would be empty
    assert "各镇街党外委员联系情况" not in text
    assert "党组织体系" not in text
    # the load table lists nobody as idle: their load is not known
    assert "未提供党员委员联系党外委员，党员委员的联系负担无法判断。" in text
    assert finding(page, "load") == "未提供党员委员联系党外委员，党员委员的联系负担无法判断。"


def test_a_roster_and_its_list_still_get_the_township_chart(roster_and_list: Path) -> None:
    assert "各镇街党外委员联系情况" in visible(build_report(load(roster_and_list), lang="zh"))

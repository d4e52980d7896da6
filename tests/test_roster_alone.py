"""A dataset that gives a roster and little else (DESIGN 3: only `members` is required), as a new user first
tries one: `info` and the report's 规模 line say n/a / 未提供 for the tables not given (not 0), sectors and
townships built from the roster belong to the committee their members sit on, and the messages on the way say
what to do. Expected answers by hand from the fixtures below."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pbgraph.cli import main
from tests.broken import Sheet, base, dataset, load_ok
from tests.conftest import ROOT


def _run(*args: str, cache: bool = False) -> tuple[int, str, str]:
    found = CliRunner().invoke(main, [*args] if cache else [*args, "--no-cache"])
    return found.exit_code, found.stdout, found.stderr


@pytest.fixture(scope="module")
def roster(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The members of `tests.broken.base` alone: M1 (CPC, party group, S1, T1), M2 (CPC, S2, T2), N1 (S1,
    T1), N2 (S2, T2); one committee, left empty."""
    return dataset(tmp_path_factory.mktemp("roster"), {"members": base()["members"]})


# 1. counts of tables not given ------------------------------------------------------------------------

NOT_GIVEN = [
    "sector_groups",
    "party_organizations",
    "platforms",
    "organizations",
    "sector_liaisons",
    "member_liaisons",
    "township_liaisons",
    "contact_liaisons",
]


def test_info_says_null_for_what_a_roster_alone_cannot_count(roster: Path) -> None:
    code, out, _ = _run("info", str(roster), "--format", "json")
    assert code == 0
    (total,) = json.loads(out)
    # what the roster gives is counted: 4 members, 2 CPC, 1 in the party group, sectors and townships built
    assert [total[c] for c in ("members", "cpc_members", "non_party_members", "party_group_members")] == [
        4,
        2,
        2,
        1,
    ]
    assert (total["sectors"], total["townships"]) == (2, 2)
    # no contacts file is no contacts (a plain optional table, not "not recorded"): 0
    assert total["contacts"] == 0
    # the rest is not known: null, as `analyze coverage --format json` says for its unknown counts
    assert {c: total[c] for c in NOT_GIVEN} == dict.fromkeys(NOT_GIVEN)


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        (
            "zh",
            "注：未提供组织、组织成员、党组成员联系界别、党员委员联系党外委员、党员委员联系镇街、委员联系群众、活动，"
            "依赖这些表的结果为 n/a 或不列出（而不是把每一项都算作缺口）。",
        ),
        (
            "en",
            "Note: not recorded: organizations, memberships, sector liaisons (联系界别), member liaisons "
            "(联系党外委员), township liaisons (联系镇街), contact liaisons (联系群众), activities; what "
            "depends on them is n/a or not listed.",
        ),
    ],
)
def test_info_shows_n_a_and_says_what_was_not_recorded(roster: Path, lang: str, note: str) -> None:
    code, out, _ = _run("info", str(roster), "--lang", lang)
    assert code == 0
    lines = out.splitlines()
    total = lines[3].split()
    # 全部 4 2 2 1 | sectors 2, sector groups n/a, townships 2, seven counts of what was not given,
    # contacts 0, activities n/a (no activity log)
    assert total[1:] == ["4", "2", "2", "1", "2", "n/a", "2", *["n/a"] * 7, "0", "n/a"]
    assert lines[4] == note


def test_a_recorded_empty_table_still_counts_0(tmp_path: Path) -> None:
    tables = base()
    tables["liaisons"].rows.clear()
    code, out, _ = _run("info", str(dataset(tmp_path, tables)), "--format", "json")
    assert code == 0
    total = json.loads(out)[-1]
    assert [total[f"{k}_liaisons"] for k in ("sector", "member", "township", "contact")] == [0, 0, 0, 0]
    assert total["contacts"] == 1


@pytest.mark.parametrize(
    ("lang", "size"),
    [
        (
            "zh",
            "委员 4 名（党员委员 2，党外委员 2，党组成员 1）· 界别 2 · 镇街 2 · 组织 未提供 · 联系 未提供 · "
            "联系群众 0 名",
        ),
        (
            "en",
            "4 members (2 CPC, 2 non-party, 1 party-group) · 2 sectors · 2 townships · organizations not "
            "recorded · liaisons not recorded · 0 contacts",
        ),
    ],
)
def test_the_report_size_line_says_not_recorded(roster: Path, lang: str, size: str) -> None:
    from pbgraph.report import build_report

    page = build_report(load_ok(roster), lang=lang, views=False)
    found = re.search(r"<dt>(?:规模|Size)</dt><dd>(.*?)</dd>", page)
    assert found is not None
    assert found.group(1) == size


# 2. sectors and townships built from the roster, several committees ----------------------------------------


def _two_committees() -> dict[str, Sheet]:
    """Two committees; a roster naming sectors and townships that no table lists.

    A1 (C01, 教育, 城关) A2 (C01, 教育, 东街) B1 (C02, 经济, 东街) B2 (C02, 经济, 西山)
    D1 (C01;C02, 文艺, 东街) E1 (no committee, 科技, 城关). By hand: 教育 C01, 经济 C02; 文艺 none (D1 sits
    on both), 科技 none (E1 says no committee); 城关 C01 (E1 says nothing), 西山 C02, 东街 none (C01 and
    C02).
    """
    members = Sheet(
        ["id", "name", "party", "committee", "sector", "township"],
        [
            ["A1", "甲一", "中共党员", "C01", "教育", "城关"],
            ["A2", "甲二", "民盟", "C01", "教育", "东街"],
            ["B1", "乙一", "中共党员", "C02", "经济", "东街"],
            ["B2", "乙二", "无党派", "C02", "经济", "西山"],
            ["D1", "丁一", "民建", "C01;C02", "文艺", "东街"],
            ["E1", "戊一", "民进", "", "科技", "城关"],
        ],
    )
    organizations = Sheet(
        ["id", "name", "kind"], [["C01", "甲区政协", "committee"], ["C02", "乙区政协", "committee"]]
    )
    return {"members": members, "organizations": organizations}


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return dataset(tmp_path_factory.mktemp("two"), _two_committees())


def test_built_sectors_and_townships_take_their_members_committee(two: Path) -> None:
    ds = load_ok(two)
    assert dict(zip(ds.sectors["id"], ds.sectors["committee"], strict=True)) == {
        "教育": "C01",
        "文艺": "",
        "科技": "",
        "经济": "C02",
    }
    assert dict(zip(ds.townships["id"], ds.townships["committee"], strict=True)) == {
        "东街": "",
        "城关": "C01",
        "西山": "C02",
    }
    # a blank committee left on a built sector is no error; E1's own cell is not filled from 城关 (placed by
    # A1 alone): the roster says where its members sit, and the warning asks for E1's committee
    assert [(p.code, p.value) for p in ds.warnings] == [("member_no_committee", "E1")]


def test_info_counts_built_sectors_and_townships_per_committee(two: Path) -> None:
    code, out, _ = _run("info", str(two), "--format", "json")
    assert code == 0
    rows = {r["committee"]: (r["sectors"], r["townships"]) for r in json.loads(out)}
    assert rows == {"C01": (1, 1), "C02": (1, 1), "": (4, 3)}


def test_coverage_of_one_committee_finds_its_township_gaps(two: Path) -> None:
    # organizations are given and hold no liaison group: every township is a gap, each in its committee
    code, out, _ = _run("analyze", "coverage", str(two), "--committee", "C02", "--format", "json")
    assert code == 0
    assert [(r["committee"], r["township_gaps"]) for r in json.loads(out)] == [("C02", 1)]
    code, out, _ = _run("analyze", "coverage", str(two), "--format", "json")
    assert [(r["committee"], r["township_gaps"]) for r in json.loads(out)] == [
        ("C01", 1),
        ("C02", 1),
        ("", 3),
    ]


def test_office_roster_sectors_and_townships_take_their_members_committee(tmp_path: Path) -> None:
    folder = tmp_path / "office"
    folder.mkdir()
    (folder / "名单.csv").write_text(
        "姓名,政治面貌,政协,界别,镇街\n张一,中共党员,甲区政协,教育界,城关镇\n王二,民盟盟员,甲区政协,教育界,东街街道\n"
        "李三,中共党员,乙区政协,经济界,东街街道\n赵四,群众,乙区政协,经济界,西山镇\n",
        encoding="utf-8",
    )
    (folder / "organizations.csv").write_text(
        "id,name,kind\nC01,甲区政协,政协\nC02,乙区政协,政协\n", encoding="utf-8"
    )
    ds = load_ok(folder)
    assert dict(zip(ds.sectors["name"], ds.sectors["committee"], strict=True)) == {
        "教育界": "C01",
        "经济界": "C02",
    }
    assert dict(zip(ds.townships["name"], ds.townships["committee"], strict=True)) == {
        "东街街道": "",
        "城关镇": "C01",
        "西山镇": "C02",
    }


# 3. messages ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def unknown_committee(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """205 members whose 政协 cell says C001, and no organizations table: rows 2–206."""
    rows = [[f"M{i}", f"委员{i}", "中共党员", "C001"] for i in range(205)]
    return dataset(
        tmp_path_factory.mktemp("c001"), {"members": Sheet(["编号", "姓名", "政治面貌", "政协"], rows)}
    )


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        (
            "zh",
            "[错误] members.csv “政协”列 第 2–201 行…，共 205 行：引用了不存在的编号“C001”（应为政协"
            "（类型为政协的组织））。请检查拼写，或先在组织表（organizations）中添加它"
            "（只有一个政协的数据集可将此列留空）。",
        ),
        (
            "en",
            "[error] members.csv, column '政协', rows 2–201… (205 rows): Refers to unknown id 'C001' "
            "(expected committee (organization of kind committee)). Check the spelling or add it to the "
            "organizations table (a dataset with a single committee may leave this column empty).",
        ),
    ],
)
def test_an_unknown_committee_names_its_table_and_the_rows_not_listed(
    unknown_committee: Path, lang: str, line: str
) -> None:
    code, out, _ = _run("validate", str(unknown_committee), "--lang", lang)
    assert code == 2
    assert out.splitlines()[0] == line
    # and the summary counts every row, not the 200 listed and one line for the rest
    assert (
        out.splitlines()[1]
        == {
            "zh": "数据集无效：205 个错误，0 个警告。未加载任何数据。",
            "en": "Dataset is invalid: 205 error(s), 0 warning(s). Nothing loaded.",
        }[lang]
    )


def test_an_unknown_member_names_the_members_table(tmp_path: Path) -> None:
    tables = base()
    tables["liaisons"].set(3, "target", "N9")
    code, out, _ = _run("validate", str(dataset(tmp_path, tables)))
    assert code == 2
    assert "请检查拼写，或先在委员表（members）中添加它。" in out
    assert "留空" not in out


@pytest.mark.parametrize(
    ("target", "lang", "said"),
    [
        ("S1", "zh", "错误：“S1”是界别，不是委员：此视图需要委员的编号或名称"),
        ("S1", "en", "Error: 'S1' is not a member (its kind: sector): this view needs a member id or name"),
        ("X9", "zh", "错误：未知的编号“X9”：此视图需要委员的编号或名称"),
        ("X9", "en", "Error: unknown id 'X9': this view needs a member id or name"),
    ],
)
def test_reach_of_a_sector_says_what_it_is(tmp_path: Path, target: str, lang: str, said: str) -> None:
    out = tmp_path / "reach.html"
    code, _, err = _run(
        "render", "reach", target, str(ROOT / "tests/fixtures/liaisons"), "-o", str(out), "--lang", lang
    )
    assert code != 0
    assert err.strip().splitlines()[-1] == said
    assert not out.exists()


def test_a_view_of_one_node_says_node(roster: Path, tmp_path: Path) -> None:
    # M1 liaises with nobody in a roster alone: the reach view draws M1 only
    out = tmp_path / "reach.html"
    code, stdout, stderr = _run("render", "reach", "M1", str(roster), "-o", str(out), "--lang", "en")
    assert code == 0
    # after the notice of what was not recorded, on stderr as every message
    assert (stdout, stderr.splitlines()[-1]) == ("", f"wrote {out} (1 node)")


# 4. the import report --------------------------------------------------------------------------------------


def test_the_import_report_lists_activities_as_not_recorded(tmp_path: Path) -> None:
    source = tmp_path / "名单.csv"
    source.write_text("姓名,政治面貌,界别\n张一,中共党员,教育界\n王二,民盟盟员,经济界\n", encoding="utf-8")
    folder = tmp_path / "ds"
    code, _, _ = _run("import", str(source), "-o", str(folder), cache=True)
    assert code == 0
    report = (folder / "导入报告.md").read_text(encoding="utf-8")
    assert "| 活动 | 0 | 未提供 |  |" in report
    assert "| 联系 | 0 | 未提供 |  |" in report
    assert "| 联系群众 | 0 | 未提供 |  |" in report
    listed = report.split("## 未提供的表")[1].split("##")[0]
    # no 镇街 column either: no townships
    assert re.findall(r"^\| (\S+) \|$", listed, re.M)[1:] == [
        "镇街",
        "组织",
        "组织成员",
        "党组成员联系界别",
        "党员委员联系党外委员",
        "党员委员联系镇街",
        "委员联系群众",
        "联系群众",
        "活动",
    ]
    # read again, no activity log is told apart as on a canonical dataset: not among the tables not recorded
    assert "activities" not in load_ok(folder).not_recorded


def test_no_activity_log_is_said_in_chinese(roster: Path) -> None:
    code, out, _ = _run("analyze", "dormant", str(roster))
    assert code == 0
    assert out.splitlines()[-1] == "注：数据集未提供活动表（活动记录），联系实效与组织生活无法分析。"


def test_the_report_size_line_of_an_office_roster_says_contacts_not_recorded(tmp_path: Path) -> None:
    from pbgraph.report import build_report

    # office files record contacts only through a contact list: a roster alone does not say
    source = tmp_path / "名单.csv"
    source.write_text(
        "姓名,政治面貌,界别,镇街\n张一,中共党员,教育界,城关镇\n王二,民盟盟员,经济界,城关镇\n",
        encoding="utf-8",
    )
    page = build_report(load_ok(source), views=False)
    found = re.search(r"<dt>规模</dt><dd>(.*?)</dd>", page)
    assert found is not None
    assert found.group(1) == (
        "委员 2 名（党员委员 1，党外委员 1，党组成员 0）· 界别 2 · 镇街 1 · 组织 未提供 · 联系 未提供 · "
        "联系群众 未提供"
    )


@pytest.mark.parametrize(
    ("lang", "said"),
    [("zh", "注：数据集没有列出政协"), ("en", "Note: the dataset names no committee")],
)
def test_a_league_table_without_committees_says_why_it_is_empty(roster: Path, lang: str, said: str) -> None:
    # the roster names no committee: nothing to rank, and the note says where the coverage is
    code, stdout, _ = _run("analyze", "coverage", str(roster), "--by-committee", "--lang", lang)
    assert code == 0
    assert said in stdout and "pbgraph analyze coverage" in stdout
    code, stdout, _ = _run("analyze", "coverage", str(roster), "--lang", lang)
    assert said not in stdout

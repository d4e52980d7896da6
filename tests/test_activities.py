"""Activities: validation of the `activities` table, `dormant`, `org_life`, 有效联系率, periods, `--as-of` and
`--min-contacts`, on the ``activities`` fixture with answers worked out by hand.

The fixture (``tests/fixtures/activities``): one committee C1, CPC members A1 (party group), A2, A3, non-party
B1–B4, sector S1, township T1, contacts P1, P2; duty-line organizations F1 (A1, A2) and F2 (A3), office
branch PB1 (A2). Counting liaisons in table order: A1→S1, A2→B1, A2→B2 (since 2024-06-01), A3→B3, A3→B4,
A2→T1, A3→P1; B1→B2 does not count, a second A2→B1 row is a duplicate. Activities: a talk A2/B1 on the last
day (2024-12-31), a visit A3/B3 on the first day of the default period (2024-01-01), a talk A3/B4 the day
before it, an event listing A2 and B2 with no target, a call A3/P1 dated by month only (2024-07), a visit
A3/T1 (no such liaison); meetings of F1 (listing A1, A2; then A1 and A3, who is not in F1), a study of PB1
(not duty line) and a meeting of F2 before the period.

Every case runs on the real implementation and on the oracle (``tests/oracle.py``).
"""

from __future__ import annotations

import dataclasses
import datetime
import importlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner

from pbgraph import Dataset, DatasetError, load
from pbgraph.cli import main
from pbgraph.period import BadDateError, Period, activity_period, as_of, parse_date
from tests import oracle
from tests.oracle import COLUMNS, assert_rows, assert_same_frames

FIXTURE = Path(__file__).parent / "fixtures" / "activities"
IMPLEMENTATIONS = ("pbgraph", "oracle")
MODULES = {
    "dormant": "pbgraph.analyses.activity",
    "activity_rates": "pbgraph.analyses.activity",
    "org_life": "pbgraph.analyses.activity",
    "org_meetings": "pbgraph.analyses.activity",
    "org_life_rates": "pbgraph.analyses.activity",
    "activities_per_month": "pbgraph.analyses.activity",
    "coverage": "pbgraph.analyses.coverage",
    "few_contacts": "pbgraph.analyses.workload",
}


@cache
def fixture() -> Dataset:
    return load(FIXTURE)


def analysis(implementation: str, name: str) -> Callable[..., pd.DataFrame]:
    if implementation == "oracle":
        return oracle.ACTIVITY_ANALYSES[name]
    fn: Callable[..., pd.DataFrame] = getattr(importlib.import_module(MODULES[name]), name)
    return fn


def dataset(implementation: str, date: str | None) -> Dataset:
    if date is None:
        return fixture()
    return as_of(fixture(), date) if implementation == "pbgraph" else oracle.as_of(fixture(), date)


L1 = ("C1", "sector", "A1", "党组甲", "S1", "经济界", "2023-01-01", "")
L2 = ("C1", "member", "A2", "党员乙", "B1", "党外丁", "2023-01-01", "")
L4 = ("C1", "member", "A3", "党员丙", "B3", "党外己", "", "2024-01-01")
L4_NEVER = ("C1", "member", "A3", "党员丙", "B3", "党外己", "", "")
L5 = ("C1", "member", "A3", "党员丙", "B4", "党外庚", "2023-05", "2023-12-31")
L6 = ("C1", "township", "A2", "党员乙", "T1", "东镇", "", "")
L7 = ("C1", "contact", "A3", "党员丙", "P1", "群众甲", "", "")


def rates(liaisons: int, active: int, linked: int) -> list[tuple[Any, ...]]:
    row = (liaisons, active, active / liaisons, 4, linked, linked / 4)
    return [("C1", "甲县政协", *row), ("", "全部", *row)]


def coverage_rows(linked: int, effective: int, fragile: int) -> list[tuple[Any, ...]]:
    # 7 members, 3 CPC all organized; T1 has no liaison group (one township gap); nobody overloaded or idle
    row = (
        7,
        3,
        3,
        1.0,
        4,
        linked,
        linked / 4,
        4 - linked,
        0,
        0,
        1,
        0,
        0,
        0,
        fragile,
        effective,
        effective / 4,
    )
    return [("C1", "甲县政协", *row), ("", "全部", *row)]


# (analysis, as-of date, keyword arguments, rows)
CASES: list[tuple[str, str | None, dict[str, Any], list[tuple[Any, ...]]]] = [
    # default period 2024-01-01 … 2024-12-31: both boundary days inside, the day before outside
    ("dormant", None, {}, [L1, L5, L6]),
    ("activity_rates", None, {}, rates(7, 4, 3)),
    ("coverage", None, {}, coverage_rows(4, 3, 4)),
    ("dormant", None, {"committee": "C1"}, [L1, L5, L6]),
    # one day later start: the visit on 2024-01-01 falls out
    ("dormant", None, {"since": "2024-01-02"}, [L1, L4, L5, L6]),
    # one day earlier end: the period becomes 2023-12-31 … 2024-12-30; the last talk falls out (and is not
    # the last activity either, being after the end), the talk of 2023-12-31 comes in
    ("dormant", None, {"until": "2024-12-30"}, [L1, L2, L6]),
    ("activity_rates", None, {"until": "2024-12-30"}, rates(7, 4, 3)),
    ("org_life", None, {}, [("C1", "A3", "党员丙", "F2", "经济界党小组", 0)]),
    (
        "org_life",
        None,
        {"min_meetings": 2},
        [("C1", "A2", "党员乙", "F1", "第一履职党支部", 1), ("C1", "A3", "党员丙", "F2", "经济界党小组", 0)],
    ),
    (
        "org_meetings",
        None,
        {},
        [
            ("C1", "F1", "第一履职党支部", "functional_branch", 2, 2),
            ("C1", "F2", "经济界党小组", "party_cell", 1, 0),
        ],
    ),
    ("org_life_rates", None, {}, [("C1", "甲县政协", 3, 1, 2, 1), ("", "全部", 3, 1, 2, 1)]),
    (
        "activities_per_month",
        None,
        {},
        [
            ("2023-11", 0, 1),
            ("2023-12", 1, 0),
            ("2024-01", 1, 0),
            ("2024-02", 1, 0),
            ("2024-03", 0, 1),
            ("2024-05", 1, 0),
            ("2024-06", 0, 1),
            ("2024-07", 1, 0),
            ("2024-09", 0, 1),
            ("2024-12", 1, 0),
        ],
    ),
    # the months of a period, each of them: none in April, August, October or November 2024, and the
    # activities of 2023 left out with their months
    (
        "activities_per_month",
        None,
        {"period": Period(datetime.date(2024, 1, 1), datetime.date(2024, 12, 31))},
        [
            ("2024-01", 1, 0),
            ("2024-02", 1, 0),
            ("2024-03", 0, 1),
            ("2024-04", 0, 0),
            ("2024-05", 1, 0),
            ("2024-06", 0, 1),
            ("2024-07", 1, 0),
            ("2024-08", 0, 0),
            ("2024-09", 0, 1),
            ("2024-10", 0, 0),
            ("2024-11", 0, 0),
            ("2024-12", 1, 0),
        ],
    ),
    # a period that starts and ends within months: 主题党日 of 2024-06-20 and the call of 2024-07 are in it
    (
        "activities_per_month",
        None,
        {"period": Period(datetime.date(2024, 6, 15), datetime.date(2024, 8, 10))},
        [("2024-06", 0, 1), ("2024-07", 1, 0), ("2024-08", 0, 0)],
    ),
    ("few_contacts", None, {"min_contacts": 1}, [("C1", "A1", "党组甲", 0), ("C1", "A2", "党员乙", 0)]),
    ("few_contacts", None, {"min_contacts": 0}, []),
    # as of 2024-05-31: A2→B2 (since 2024-06-01) is left out, and every later activity; the period is the
    # 12 months ending at 2024-05-10, so the talk of 2023-12-31 and F2's meeting of 2023-11-01 are in it
    ("dormant", "2024-05-31", {}, [L1, L2, L6, L7]),
    ("activity_rates", "2024-05-31", {}, rates(6, 2, 2)),
    ("coverage", "2024-05-31", {}, coverage_rows(3, 2, 3)),
    ("org_life", "2024-05-31", {}, []),
    # as of the end of 2023: only the talk A3/B4 of 2023-12-31 makes a liaison active; the visit to B3 of
    # 2024-01-01 is not yet its last activity
    ("dormant", "2023-12-31", {}, [L1, L2, L4_NEVER, L6, L7]),
]


def _case_id(case: tuple[str, str | None, dict[str, Any], list[tuple[Any, ...]]]) -> str:
    name, date, kwargs, _ = case
    return "-".join([name, date or "now", *(f"{k}={v}" for k, v in kwargs.items())])


@pytest.mark.parametrize("implementation", IMPLEMENTATIONS)
@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_hand_computed_rows(
    case: tuple[str, str | None, dict[str, Any], list[tuple[Any, ...]]], implementation: str
) -> None:
    name, date, kwargs, expected = case
    rows = analysis(implementation, name)(dataset(implementation, date), **kwargs)
    columns = COLUMNS["coverage_with_activities"] if name == "coverage" else COLUMNS[name]
    assert_rows(rows, columns, expected, label=f"{implementation} {_case_id(case)}")


def test_the_default_period_ends_at_the_latest_activity() -> None:
    assert activity_period(fixture()) == Period(parse_date("2024-01-01"), parse_date("2024-12-31"))
    # twelve months back from a leap day, clipped to the end of February, then the next day
    assert activity_period(fixture(), until="2024-02-29") == Period(
        parse_date("2023-03-01"), parse_date("2024-02-29")
    )
    assert activity_period(fixture(), since="2024-03") == Period(
        parse_date("2024-03-01"), parse_date("2024-12-31")
    )


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(BadDateError, match="--since/--until"):
        activity_period(fixture(), since="2024-06-01", until="2024-05-31")
    with pytest.raises(BadDateError, match="not a date"):
        parse_date("last year")


def test_as_of_leaves_later_liaisons_and_activities_out() -> None:
    ds = as_of(fixture(), "2024-05-31")
    assert ("A2", "B2") not in set(zip(ds.liaisons["source"], ds.liaisons["target"], strict=True))
    assert len(ds.liaisons) == len(fixture().liaisons) - 1
    assert ds.activities["date"].max() == "2024-05-10"
    assert_same_frames(ds.liaisons, oracle.as_of(fixture(), "2024-05-31").liaisons)


@pytest.mark.parametrize("implementation", IMPLEMENTATIONS)
def test_as_of_at_the_boundaries(implementation: str) -> None:
    def liaisons(date: str) -> set[tuple[str, str]]:
        ds = dataset(implementation, date)
        return set(zip(ds.liaisons["source"], ds.liaisons["target"], strict=True))

    # a liaison counts from the day it begins: A2→B2 since 2024-06-01
    assert ("A2", "B2") not in liaisons("2024-05-31")
    assert ("A2", "B2") in liaisons("2024-06-01")
    # a `since` of a month (A3→B4, 2023-05) begins on its first day; an as-of month takes all of it
    assert ("A3", "B4") not in liaisons("2023-04-30")
    assert ("A3", "B4") in liaisons("2023-05-01")
    assert ("A3", "B4") in liaisons("2023-05")
    assert ("A2", "B2") in liaisons("2024-06")
    # an activity of the as-of day is kept, the next day's is not (the 座谈 of 2024-05-10)
    assert dataset(implementation, "2024-05-10").activities["date"].max() == "2024-05-10"
    assert dataset(implementation, "2024-05-09").activities["date"].max() == "2024-03-15"
    # before everything: the liaisons without a `since` (taken to have always existed) remain
    assert liaisons("2000-01-01") == {("A3", "B3"), ("A2", "T1"), ("A3", "P1"), ("B1", "B2")}
    assert dataset(implementation, "2000-01-01").activities.empty


@pytest.mark.parametrize("implementation", IMPLEMENTATIONS)
def test_until_a_month_takes_all_of_it(implementation: str) -> None:
    # --until 2024-06: the period ends on 30 June and begins on 1 July 2023; the 主题党日 of 2024-06-20
    # counts, and so does F2's meeting of 2023-11-01
    rows = analysis(implementation, "org_meetings")(fixture(), until="2024-06")
    assert rows[["id", "meetings"]].values.tolist() == [["F1", 2], ["F2", 1]]


def test_without_activities_the_analyses_say_so_with_no_rows() -> None:
    ds = load(Path(__file__).parent / "fixtures" / "liaisons")
    from pbgraph.analyses.activity import dormant, org_life

    assert dormant(ds).empty
    assert org_life(ds).empty
    assert "effective_rate" not in analysis("pbgraph", "coverage")(ds).columns


# validation ---------------------------------------------------------------------------------------------


def _copy_fixture(folder: Path, activities: str) -> Path:
    for path in FIXTURE.iterdir():
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "activities.csv").write_text(activities, encoding="utf-8")
    return folder


def _problems(folder: Path) -> list[tuple[str, int | None, str | None]]:
    with pytest.raises(DatasetError) as caught:
        load(folder)
    return [(p.code, p.row, p.column) for p in caught.value.problems if p.is_error]


def test_activity_errors_name_row_and_column(tmp_path: Path) -> None:
    folder = _copy_fixture(
        tmp_path,
        "日期,类型,参加委员,对象,组织,内容\n"
        "2024-01-01,喝茶,A1,B1,,\n"  # unknown kind
        "2024-13-01,talk,A1,B1,,\n"  # not a date
        ",talk,A1,B1,,\n"  # no date
        "2024-01-01,talk,A1;X9,B1,,\n"  # unknown member
        "2024-01-01,talk,A1,,,\n"  # a liaison activity with one member and no target
        "2024-01-01,组织生活会,A1;A2,,,\n"  # a meeting of no organization
        "2024-01-01,talk,A1,Q7,,\n"  # unknown target
        "2024-01-01,study,A1,,F9,\n"  # unknown organization
        "2024-01-01,talk,S1,B1,,\n",  # a sector among the members
    )
    found = _problems(folder)
    assert ("unknown_enum", 2, "类型") in found
    assert ("bad_activity_date", 3, "日期") in found
    assert ("empty_required", 4, "日期") in found
    assert ("unknown_reference", 5, "参加委员") in found
    assert ("activity_needs_target", 6, "对象") in found
    assert ("activity_needs_organization", 7, "组织") in found
    assert ("unknown_reference", 8, "对象") in found
    assert ("unknown_reference", 9, "组织") in found
    assert ("wrong_reference_kind", 10, "参加委员") in found


def test_an_activity_day_its_month_does_not_have_is_said_so(tmp_path: Path) -> None:
    folder = _copy_fixture(
        tmp_path, "日期,类型,参加委员,对象\n2023年2月29日,talk,A1,B1\n2024-13-01,talk,A1,B1\n"
    )
    with pytest.raises(DatasetError) as caught:
        load(folder)
    found = {p.code: p for p in caught.value.problems if p.is_error}
    # 2023 is no leap year: February has 28 days; a 13th month is no date at all
    assert {code: p.row for code, p in found.items()} == {"no_such_activity_day": 2, "bad_activity_date": 3}
    day = found["no_such_activity_day"]
    assert "2023年2月只有 28 天" in day.message("zh") and "2023-02 has only 28 days" in day.message("en")


def test_an_event_of_two_members_needs_no_target(tmp_path: Path) -> None:
    ds = load(
        _copy_fixture(tmp_path, "date,kind,members,target\n2024-01-01,联谊,B1、A2,\n2024-02,微信联系,A3,P1\n")
    )
    assert ds.activities[["date", "kind", "members", "target"]].values.tolist() == [
        ["2024-01-01", "event", "B1;A2", ""],
        ["2024-02", "call", "A3", "P1"],
    ]


def test_activity_messages_say_what_to_do_in_both_languages(tmp_path: Path) -> None:
    folder = _copy_fixture(tmp_path, "date,kind,members,organization\n2024-01-01,party_day,A1,\n")
    with pytest.raises(DatasetError) as caught:
        load(folder)
    problem = next(p for p in caught.value.problems if p.code == "activity_needs_organization")
    assert "主题党日" in problem.message("zh") and "组织" in problem.message("zh")
    assert "party_day" in problem.message("en") and "organization" in problem.message("en")


# generated systems against the oracle --------------------------------------------------------------------


_FOLDERS: list[Any] = []


@cache
def generated(scale: str) -> Dataset:
    import tempfile

    from pbgraph.generate import generate

    # removed when the test process ends (a TemporaryDirectory cleans up at exit)
    _FOLDERS.append(tempfile.TemporaryDirectory(prefix=f"pbgraph-activities-{scale}-"))
    folder = Path(_FOLDERS[-1].name)
    generate(scale, folder, seed=3)
    return load(folder)


AGREEMENT = [
    ("dormant", {}),
    ("activity_rates", {}),
    ("org_life", {}),
    ("org_life", {"min_meetings": 4}),
    ("org_meetings", {}),
    ("org_life_rates", {"min_meetings": 3}),
    ("activities_per_month", {}),
    ("coverage", {}),
    ("dormant", {"since": "2025-03-01", "until": "2025-08-31"}),
    ("few_contacts", {"min_contacts": 10}),
]


@pytest.mark.parametrize(("name", "kwargs"), AGREEMENT, ids=[f"{n}-{k}" for n, k in AGREEMENT])
def test_generated_county_agrees_with_the_oracle(name: str, kwargs: dict[str, Any]) -> None:
    ds = generated("county")
    assert len(ds.activities) > 5 * len(ds.members)
    assert_same_frames(
        analysis("pbgraph", name)(ds, **kwargs), analysis("oracle", name)(ds, **kwargs), label=name
    )


def test_generated_city_agrees_with_the_oracle_per_committee_and_as_of() -> None:
    ds = generated("city")
    committee = ds.committees[1]
    now_real, now_oracle = as_of(ds, "2025-06-30"), oracle.as_of(ds, "2025-06-30")
    assert len(now_real.liaisons) == len(ds.liaisons)  # every liaison began before the logged year
    earlier_real, earlier_oracle = as_of(ds, "2023-12-31"), oracle.as_of(ds, "2023-12-31")
    assert len(earlier_real.liaisons) < len(ds.liaisons)
    for name in ("dormant", "activity_rates", "org_life_rates"):
        assert_same_frames(
            analysis("pbgraph", name)(now_real, committee=committee),
            analysis("oracle", name)(now_oracle, committee=committee),
            label=f"{name} as of 2025-06-30 in {committee}",
        )
        assert_same_frames(
            analysis("pbgraph", name)(earlier_real),
            analysis("oracle", name)(earlier_oracle),
            label=f"{name} as of 2023-12-31",
        )


@pytest.mark.parametrize("date", ["2023-12-31", "2025-03-15"])
def test_as_of_a_dataset_whose_structures_were_derived_agrees_with_the_oracle(date: str) -> None:
    # the network of a day takes the node numbers and the activity log's dates and participants already
    # derived for the whole dataset, cut to the rows it keeps: the same answers as deriving them afresh
    from pbgraph import analyses
    from pbgraph.graph import index_of

    whole = generated("city")
    for name in analyses.ANALYSES:
        analyses.run(name, whole)
    stood, expected = as_of(whole, date), oracle.as_of(whole, date)
    carried = {"activity_days", "activity_participation", "activity_kind", "liaison_kind", "liaison_counting"}
    assert carried <= set(stood.__dict__["_derived"])
    afresh = index_of(dataclasses.replace(stood))
    assert (index_of(stood).counting == afresh.counting).all()
    assert (index_of(stood).liaison_kind == afresh.liaison_kind).all()
    for column in ("source", "target"):
        assert (
            index_of(stood).column("liaisons", column) == index_of(stood).lookup(stood.liaisons[column])
        ).all()
    for name in ("dormant", "activity_rates", "org_life_rates"):
        assert_same_frames(
            analysis("pbgraph", name)(stood), analysis("oracle", name)(expected), label=f"{name} as of {date}"
        )


def test_generated_activities_look_like_a_year_of_work() -> None:
    ds = generated("county")
    rates = analysis("pbgraph", "activity_rates")(ds)
    overall = rates.iloc[-1]
    # most liaisons active, some never
    assert 0.7 < overall["active_share"] < 0.95
    meetings = analysis("pbgraph", "org_meetings")(ds)
    assert (meetings["meetings"] == 0).any() and (meetings["meetings"] > 0).mean() > 0.8
    assert set(ds.activities["kind"]) == {"talk", "visit", "call", "event", "org_life", "party_day", "study"}


# command line ------------------------------------------------------------------------------------------


def cli(*args: object) -> Any:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_analyze_dormant_with_a_period() -> None:
    import json

    result = cli("analyze", "dormant", FIXTURE, "--since", "2024-01-02", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(r["source"], r["target"]) for r in data["dormant"]] == [
        ("A1", "S1"),
        ("A3", "B3"),
        ("A3", "B4"),
        ("A2", "T1"),
    ]
    assert data["activity_rates"][-1]["effective_rate"] == 0.5
    assert "2024-01-02 至 2024-12-31" in result.stderr


def test_analyze_table_shows_the_period_and_the_work_list_in_chinese() -> None:
    result = cli("analyze", "dormant", FIXTURE)
    assert result.exit_code == 0, result.output
    assert "未开展活动的联系\n" in result.stdout and "有效联系率" in result.stdout
    assert "联系镇街" in result.stdout and "2023-12-31" in result.stdout
    assert "注：活动统计期 2024-01-01 至 2024-12-31。" in result.stdout


def test_analyze_as_of_and_min_contacts() -> None:
    import json

    result = cli(
        "analyze", "load", FIXTURE, "--min-contacts", "1", "--as-of", "2024-05-31", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["id"] for r in data["few_contacts"]] == ["A1", "A2"]
    # as of 2024-05-31 A2 liaises with B1 only (A2→B2 begins on 2024-06-01)
    assert {r["id"]: r["load"] for r in data["load"]} == {"A1": 0, "A2": 1, "A3": 2}
    coverage = json.loads(
        cli("analyze", "coverage", FIXTURE, "--as-of", "2024-05-31", "--format", "json").stdout
    )
    assert (coverage[-1]["work_rate"], coverage[-1]["effective_rate"]) == (0.75, 0.5)


def test_analyze_org_life_min_meetings_and_by_committee() -> None:
    import json

    data = json.loads(cli("analyze", "org_life", FIXTURE, "--min-meetings", "2", "--format", "json").stdout)
    assert [r["id"] for r in data["org_life"]] == ["A2", "A3"]
    league = json.loads(cli("analyze", "coverage", FIXTURE, "--by-committee", "--format", "json").stdout)
    assert league[0]["effective_rate"] == 0.75


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--since", "2024-13-01"), "'--since'"),
        (("--until", "2024.13.01"), "'--until'"),
        (("--as-of", "yesterday"), "'--as-of'"),
        (("--since", "2024-06-01", "--until", "2024-05-01"), "--since/--until"),
    ],
)
def test_analyze_refuses_bad_dates(args: tuple[str, ...], message: str) -> None:
    # a wrong use of the options: exit code 2, the option named, as click does for any bad value
    result = cli("analyze", "dormant", FIXTURE, *args)
    assert result.exit_code == 2
    assert message in result.output and args[1] in result.output


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        ("2024-02-30", "2024年2月只有 29 天", "2024-02 has only 29 days"),
        ("2023/4/31", "2023年4月只有 30 天", "2023-04 has only 30 days"),
    ],
)
def test_a_day_the_month_does_not_have_is_said_so(value: str, zh: str, en: str) -> None:
    # the form is right, only the day does not exist: no advice to use a format the user already used
    for lang, words in (("zh", zh), ("en", en)):
        result = cli("analyze", "coverage", FIXTURE, "--since", value, "--lang", lang)
        assert result.exit_code == 2
        assert words in result.output and "2024-03-01" not in result.output


def test_analyze_without_activities_says_which_table_is_missing() -> None:
    result = cli("analyze", "org_life", Path(__file__).parent / "fixtures" / "liaisons", "--lang", "en")
    assert result.exit_code == 0
    assert "no activities table" in result.stdout


# report and Excel work list ---------------------------------------------------------------------------


def test_the_report_charts_each_month_of_the_period_on_a_whole_number_axis(tmp_path: Path) -> None:
    import re

    from pbgraph.report import write_report

    # the fixture's log, and a stray date decades before it: the period is 2024 (12 months ending at the
    # latest activity), so the chart has its 12 months, those without activity too, and no other
    log = (FIXTURE / "activities.csv").read_text(encoding="utf-8") + "1990-01-01,talk,A3,B4,,录错的年份\n"
    (tmp_path / "data").mkdir()
    folder = _copy_fixture(tmp_path / "data", log)
    text = write_report(load(folder), tmp_path / "r.html").read_text(encoding="utf-8")
    start = text.index("<title>每月活动</title>")
    chart = text[start : text.index("</svg>", start)]
    assert re.findall(r"<title>(\d{4}-\d{2})</title>", chart) == [f"2024-{m:02d}" for m in range(1, 13)]
    # at most one activity a month: the axis of counts is 0 and 1, not 0, 0.25, 0.5 …
    ticks = re.findall(r'text-anchor="middle">([^<]*)</text>', chart)
    assert ticks == ["0", "1"]


def test_report_has_the_liaison_in_practice_section(tmp_path: Path) -> None:
    from pbgraph.report import write_report

    sample = load(Path(__file__).parent.parent / "data" / "sample")
    text = write_report(sample, tmp_path / "r.html").read_text(encoding="utf-8")
    section = text[text.index('id="dormant"') :]
    section = section[: section.index("</section>")]
    assert (
        "联系实效" in section and "594 条联系中 590 条在统计期内有活动（99.3%），有效联系率 96.3%" in section
    )
    assert "4 条联系只在纸面上，1 个履职党组织未开展组织生活，3 名党员委员组织生活不足" in section
    assert "每月活动" in section and "<svg" in section
    # dormant liaisons by CPC member: the paper-only member first, with three
    assert section.index("M0195") < section.index("M0180")
    org_life = text[text.index('id="org_life"') :]
    org_life = org_life[: org_life.index("</section>")]
    assert "双重组织生活" in org_life and "24 个履职党组织中 1 个在统计期内未开展组织生活" in org_life
    assert "O011" in org_life and "M0141" in org_life
    english = write_report(sample, tmp_path / "e.html", lang="en").read_text(encoding="utf-8")
    assert "Liaison in practice" in english
    assert "590 of 594 liaisons were active in the period (99.3%)" in english
    without = write_report(fixture_without_activities(), tmp_path / "w.html").read_text(encoding="utf-8")
    assert 'id="dormant"' not in without and 'id="org_life"' not in without


def fixture_without_activities() -> Dataset:
    return load(Path(__file__).parent / "fixtures" / "liaisons")


def test_excel_export_has_the_dormant_work_list(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "all.xlsx"
    result = cli("export", FIXTURE, "--to", "xlsx", "-o", out)
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out)["联系工作清单"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "落实情况" and rows[0][:4] == ("政协", "政协名称", "联系类型", "联系人")
    # the last activity is an Excel date (the writer's dates: tests/test_format.py)
    assert [(r[3], r[5], r[8]) for r in rows[1:]] == [
        ("A1", "S1", None),
        ("A2", "T1", None),
        ("A3", "B4", datetime.datetime(2023, 12, 31)),
    ]


def test_views_fade_dormant_liaisons_and_show_their_last_activity() -> None:
    from pbgraph.render.views import build_view

    view = build_view(load(Path(__file__).parent.parent / "data" / "sample"), "member", "M0180")
    liaisons = {(e.source, e.target): e for e in view.edges if e.liaison}
    lapsed, active = liaisons[("M0180", "M0050")], liaisons[("M0031", "M0050")]
    assert lapsed.tooltip == "联系党外委员 · 统计期内无活动，最近一次：2024-11-28" and not lapsed.dashes
    assert lapsed.color != active.color and active.tooltip == "联系党外委员"
    # the legend's short form, its full wording in the entry's tooltip
    faded = ("未开展活动的联系", "统计期内无活动的联系（浅色）", 1)
    assert faded in [(item.label, item.full, item.count) for item in view.legend]
    # without an activity log nothing is faded
    plain = build_view(fixture_without_activities(), "network")
    assert not any("统计期内无活动" in e.tooltip for e in plain.edges)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_league_table_names_the_period_of_its_effective_rates(lang: str) -> None:
    # the league table carries 有效联系率 over the default period (the 12 months ending at the latest
    # activity, 2024-12-31): it says which, as coverage without --by-committee does
    result = cli("analyze", "coverage", FIXTURE, "--by-committee", "--lang", lang)
    assert result.exit_code == 0
    said = "注：活动统计期 2024-01-01 至 2024-12-31。" if lang == "zh" else "2024-01-01 to 2024-12-31"
    assert said in result.stdout


def test_an_activity_dated_years_after_the_rest_is_questioned(tmp_path: Path) -> None:
    # 2042 typed for 2024: the default period would end in 2042 and leave every liaison dormant
    rows = "日期,类型,参加委员,对象\n2024-03-01,talk,A1,B1\n2024-11-30,talk,A1,B1\n2042-03-05,talk,A1,B1\n"
    (tmp_path / "typo").mkdir()
    ds = load(_copy_fixture(tmp_path / "typo", rows))
    (late,) = [p for p in ds.warnings if p.code == "far_later_activity_date"]
    assert (late.row, late.column, late.value, late.params["latest"]) == (
        4,
        "日期",
        "2042-03-05",
        "2024-11-30",
    )
    assert "是否录错了年份" in late.message("zh") and "a year typed wrong?" in late.message("en")
    # a log that resumed after more than a year is no typo when most of it lies after the gap
    rows = "日期,类型,参加委员,对象\n2021-03-01,talk,A1,B1\n2024-11-30,talk,A1,B1\n2025-01-05,talk,A1,B1\n"
    (tmp_path / "resumed").mkdir()
    ds = load(_copy_fixture(tmp_path / "resumed", rows))
    assert [p for p in ds.warnings if p.code == "far_later_activity_date"] == []

"""`pbgraph.plan`: hand-checked plans on ``tests/fixtures/plan``, optimality against a naive networkx
min-cost flow on random datasets, and apply-then-coverage.

The fixture (two committees, C2 under C1; max_load 2 unless said):

- N1 (sector S1 in group G1, township T2) can go to A1 (S2, same group G1, load 1) or A2 (township T2,
  load 0): the sector group wins over the township although A1 carries more.
- N3 (S3, no group) goes to A2 (same sector S3); N2 (S5, T2) to A2 (same township).
- Capacity shortfall: A1 has one free place, A2 two, P1 none (load 2): N4 (no sector, no township) is left
  over ("capacity"); with max_load 3 A1 (load 2 then) takes them rather than A2 or P1 (load 3 then).
- A member in two committees: D1 ("C1;C2", sector S4 of C2, township T1 of C1) goes to B2 of C2 (same
  sector), in committee C2. B1 (C2, load 2) has no place; B2 (load 0) takes N5 and D1.
- Ties: the township T3 has B1 and B2 living there, both at load 2 after the plan: the first in the table
  (B1).
- G1 has no sector liaison: the party-group member with the fewest sectors (P1: 0, A1: 1) takes it, which
  covers S1 and S2; S5 then goes to A1 (both at 1: table order). S4 (C2) has no party-group member in C2.
- T1 has no township liaison: A1 lives there; T4 has no CPC member living there.
- Fragile (max_load 3): X2's only liaison is P1, so X2 goes to A2; Y1 and Y2 (only B1) compete for B2's one
  remaining place: Y1 shares B2's sector and gets it; Y2 is left over.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

import pbgraph
from pbgraph import Dataset, load
from pbgraph.analyses import coverage, liaison_load, sector_gaps, township_gaps
from pbgraph.export import export_csv
from pbgraph.model import TABLES
from pbgraph.planning import PLAN_COLUMNS, UNPLACED_COLUMNS, apply_plan, plan
from tests.datasets import dataset_tables, load_tables

FIXTURE = Path(__file__).parent / "fixtures" / "plan"
SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
MATCH_COST = {"same_sector_group": 1, "same_sector": 1, "same_township": 2, "other": 3}


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load(FIXTURE)


def rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple[object, ...]]:
    return [tuple(r) for r in frame[columns].itertuples(index=False)]


def test_the_hand_checked_plan(ds: Dataset) -> None:
    proposed = plan(ds, max_load=2)
    assert list(proposed.liaisons.columns) == PLAN_COLUMNS
    assert rows(proposed.liaisons, ["committee", "kind", "source", "target", "reason", "match", "load"]) == [
        ("C1", "member", "A1", "N1", "unlinked", "same_sector_group", 2),
        ("C1", "member", "A2", "N2", "unlinked", "same_township", 2),
        ("C1", "member", "A2", "N3", "unlinked", "same_sector", 2),
        ("C2", "member", "B2", "N5", "unlinked", "same_sector", 2),
        ("C2", "member", "B2", "D1", "unlinked", "same_sector", 2),
        ("C1", "sector", "P1", "G1", "no_liaison", "", 2),
        ("C1", "sector", "A1", "S5", "no_liaison", "", 2),
        ("C1", "township", "A1", "T1", "no_township_liaison", "", 2),
        ("C2", "township", "B1", "T3", "no_township_liaison", "", 2),
    ]
    # every id has its name beside it
    assert rows(
        proposed.liaisons.head(1), ["source_name", "target_name", "sector_name", "township_name"]
    ) == [("甲一", "乙一", "教育界", "东街街道")]
    assert list(proposed.unplaced.columns) == UNPLACED_COLUMNS
    assert rows(proposed.unplaced, ["committee", "kind", "target", "target_name", "gap", "reason"]) == [
        ("C1", "member", "N4", "乙四", "unlinked", "capacity"),
        ("C2", "sector", "S4", "农业界", "no_liaison", "no_party_group_member"),
        ("C1", "township", "T4", "北镇", "no_township_liaison", "no_cpc_member_in_township"),
    ]


def roster_naming_no_committee(path: Path) -> Path:
    """An office workbook with no 政协 column or sheet: the dataset is one committee left unnamed (DESIGN 3).

    甲 (CPC, 教育界, 东关街道, load 0) and 乙 (CPC, 经济界, 西河镇, load 1: 丙) are the CPC members.
    丁 (教育界, 西河镇) shares 甲's sector and 乙's township: 甲 (cost 1). 戊 (科技界, 西河镇) shares
    only 乙's township: 乙 (cost 2, against 3 for 甲). 丙 is fragile: their second liaison can only be
    甲 (other).
    """
    workbook = Workbook()
    roster = workbook.active
    assert roster is not None
    roster.append(["某区政协委员名单"])
    roster.append(["序号", "姓名", "政治面貌", "界别", "所在镇（街）"])
    roster.append([1, "甲", "中共党员", "教育界", "东关街道"])
    roster.append([2, "乙", "中共党员", "经济界", "西河镇"])
    roster.append([3, "丙", "民盟盟员", "经济界", "西河镇"])
    roster.append([4, "丁", "民进会员", "教育界", "西河镇"])
    roster.append([5, "戊", "九三学社社员", "科技界", "西河镇"])
    liaisons = workbook.create_sheet("联系一览表")
    liaisons.append(["序号", "党员委员", "联系党外委员"])
    liaisons.append([1, "乙", "丙"])
    workbook.save(path)
    return path


def test_a_dataset_naming_no_committee_is_one_committee(tmp_path: Path) -> None:
    ds = load(roster_naming_no_committee(tmp_path / "委员名单.xlsx"))
    assert ds.committees == []
    columns = ["committee", "source_name", "target_name", "reason", "match", "load"]
    proposed = plan(ds)
    member_rows = proposed.liaisons[proposed.liaisons["kind"] == "member"]
    assert sorted(rows(member_rows, columns)) == [
        ("", "乙", "戊", "unlinked", "same_township", 2),
        # a roster without 界别联组: the match is the same sector, not "the same sector group"
        ("", "甲", "丁", "unlinked", "same_sector", 1),
    ]
    assert proposed.unplaced[proposed.unplaced["kind"] == "member"].empty
    fragile = plan(ds, fragile=True).liaisons
    assert rows(fragile[fragile["reason"] == "fragile"], columns) == [("", "甲", "丙", "fragile", "other", 2)]


def test_more_capacity_places_everyone_and_spreads_the_load(ds: Dataset) -> None:
    proposed = plan(ds, max_load=3)
    members = proposed.liaisons[proposed.liaisons["kind"] == "member"]
    assert rows(members, ["source", "target", "match"]) == [
        ("A1", "N1", "same_sector_group"),
        ("A2", "N2", "same_township"),
        ("A2", "N3", "same_sector"),
        ("A1", "N4", "other"),
        ("B2", "N5", "same_sector"),
        ("B2", "D1", "same_sector"),
    ]
    assert "member" not in set(proposed.unplaced["kind"])


def test_fragile_members_get_a_second_liaison_from_someone_else(ds: Dataset) -> None:
    proposed = plan(ds, max_load=3, fragile=True)
    fragile = proposed.liaisons[proposed.liaisons["reason"] == "fragile"]
    assert rows(fragile, ["committee", "source", "target", "match"]) == [
        ("C1", "A2", "X2", "other"),
        ("C2", "B2", "Y1", "same_sector"),
    ]
    assert rows(proposed.unplaced[proposed.unplaced["kind"] == "member"], ["target", "gap", "reason"]) == [
        ("Y2", "fragile", "capacity")
    ]


def test_a_fragile_member_whose_only_cpc_member_is_their_liaison() -> None:
    tables = {
        name: pd.DataFrame(columns=list(table.column_names), dtype="str") for name, table in TABLES.items()
    }
    tables["members"] = pd.DataFrame(
        [["K1", "甲", "中共党员", *[""] * 6], ["Q1", "乙", "民盟", *[""] * 6]],
        columns=list(TABLES["members"].column_names),
    )
    tables["liaisons"] = pd.DataFrame(
        [["K1", "Q1", "member", "", ""]], columns=list(TABLES["liaisons"].column_names)
    )
    proposed = plan(load_tables(tables), fragile=True)
    assert rows(proposed.unplaced, ["kind", "target", "gap", "reason"]) == [
        ("member", "Q1", "fragile", "no_other_cpc_member")
    ]


def test_capacity_left_over_in_one_committee(ds: Dataset) -> None:
    # in C2 alone B2 is full after N5 and D1, and B1 is Y1's and Y2's liaison already
    proposed = plan(ds, max_load=2, fragile=True, committee="C2")
    assert rows(proposed.unplaced[proposed.unplaced["kind"] == "member"], ["target", "reason"]) == [
        ("Y1", "capacity"),
        ("Y2", "capacity"),
    ]


def test_one_committee_plans_with_its_own_members(ds: Dataset) -> None:
    proposed = plan(ds, max_load=2, committee="C2")
    assert rows(proposed.liaisons, ["committee", "source", "target"]) == [
        ("C2", "B2", "N5"),
        ("C2", "B2", "D1"),
        ("C2", "B1", "T3"),
    ]
    with pytest.raises(pbgraph.UnknownIdError):
        plan(ds, committee="C9")


def test_max_load_zero_places_no_member(ds: Dataset) -> None:
    proposed = plan(ds, max_load=0)
    assert "member" not in set(proposed.liaisons["kind"])
    assert set(proposed.unplaced.loc[proposed.unplaced["kind"] == "member", "reason"]) == {"capacity"}


def test_the_python_api_is_at_the_top(ds: Dataset) -> None:
    assert pbgraph.plan(ds, max_load=2).liaisons.equals(plan(ds, max_load=2).liaisons)


def test_applying_the_plan_gives_the_promised_rates(ds: Dataset, tmp_path: Path) -> None:
    proposed = plan(ds, max_load=3)
    export_csv(apply_plan(ds, proposed), tmp_path / "applied")
    applied = load(tmp_path / "applied")
    assert coverage(applied)["work_rate"].tolist() == [1.0, 1.0, 1.0]
    assert liaison_load(applied, max_load=3)["overloaded"].sum() == 0
    notes = applied.liaisons["note"].tolist()
    assert notes.count("plan") == len(proposed.liaisons)
    # what could be closed is closed; what was left over stays
    left = set(sector_gaps(applied).query("gap == 'no_liaison'")["id"])
    assert left == {"S4"}
    assert set(township_gaps(applied).query("gap == 'no_township_liaison'")["id"]) == {"T4"}
    assert plan(applied, max_load=3).liaisons.empty


def test_the_sample_after_the_plan(sample: Dataset) -> None:
    proposed = plan(sample, max_load=5)
    applied = apply_plan(sample, proposed)
    before = liaison_load(sample, max_load=5)
    after = liaison_load(applied, max_load=5)
    left_over = (proposed.unplaced["kind"] == "member").sum()
    assert coverage(applied)["unlinked"].iloc[-1] == left_over
    # nobody is pushed past max_load: who is above it was above it before the plan
    assert set(after.loc[after["overloaded"], "id"]) == set(before.loc[before["overloaded"], "id"])
    assert (after["load"].to_numpy() >= before["load"].to_numpy()).all()


def test_the_plan_is_deterministic(ds: Dataset) -> None:
    again = load(FIXTURE)
    first, second = plan(ds, max_load=3, fragile=True), plan(again, max_load=3, fragile=True)
    assert first.liaisons.equals(second.liaisons) and first.unplaced.equals(second.unplaced)


# ---------------------------------------------------------------------------------------------------------
# optimality: a naive min-cost flow, written from DESIGN 4.1


def naive_facts(ds: Dataset) -> dict[str, dict[str, object]]:
    members = ds.members.to_dict("records")
    sector_group = dict(zip(ds.sectors["id"], ds.sectors["group"], strict=True))
    facts: dict[str, dict[str, object]] = {}
    for m in members:
        group = sector_group.get(m["sector"], "") or m["sector"]
        facts[m["id"]] = {
            "cpc": m["party"] == "CPC",
            "committees": set(m["committee"].split(";")),
            "group": group,
            "township": m["township"],
        }
    return facts


def naive_links(ds: Dataset, f: dict[str, dict[str, object]]) -> set[tuple[str, str]]:
    return {
        (s, t)
        for s, t, kind in ds.liaisons[["source", "target", "kind"]].itertuples(index=False)
        if kind == "member" and s in f and t in f and f[s]["cpc"] and not f[t]["cpc"]
    }


def naive_best(
    f: dict[str, dict[str, object]],
    targets: list[str],
    excluded: dict[str, str],
    loads: dict[str, int],
    max_load: int,
) -> tuple[int, int, int]:
    """(placed, total match cost, total load carried) of an optimal assignment: networkx's min-cost flow."""
    big = 10**6
    graph = nx.DiGraph()
    sources = [m for m, v in f.items() if v["cpc"]]
    for t in targets:
        graph.add_edge("start", ("t", t), capacity=1, weight=0)
        for s in sources:
            if s == excluded.get(t) or not f[s]["committees"] & f[t]["committees"]:  # type: ignore[operator]
                continue
            if f[t]["group"] and f[t]["group"] == f[s]["group"]:
                cost = 1
            elif f[t]["township"] and f[t]["township"] == f[s]["township"]:
                cost = 2
            else:
                cost = 3
            graph.add_edge(("t", t), ("s", s), capacity=1, weight=cost * big)
    for s in sources:
        for k in range(max(0, max_load - loads[s])):
            graph.add_edge(("s", s), ("place", s, k), capacity=1, weight=loads[s] + k)
            graph.add_edge(("place", s, k), "end", capacity=1, weight=0)
    if "start" not in graph or "end" not in graph:
        return 0, 0, 0
    flow = nx.max_flow_min_cost(graph, "start", "end")
    placed = sum(flow["start"].values())
    cost = nx.cost_of_flow(graph, flow)
    return placed, cost // big, cost % big


def objective(
    rows: pd.DataFrame, f: dict[str, dict[str, object]], loads: dict[str, int]
) -> tuple[int, int, int]:
    carried = 0
    for source, count in rows["source"].value_counts().items():
        carried += sum(loads[str(source)] + k for k in range(int(count)))
    return len(rows), int(rows["match"].map(MATCH_COST).sum()), carried


@settings(max_examples=25, deadline=None, suppress_health_check=SLOW_DATA)
@given(tables=dataset_tables(max_members=20), max_load=st.integers(0, 4), fragile=st.booleans())
def test_the_plan_is_optimal(tables: dict[str, pd.DataFrame], max_load: int, fragile: bool) -> None:
    ds = load_tables(tables)
    f = naive_facts(ds)
    links = naive_links(ds, f)
    loads: dict[str, int] = defaultdict(int)
    sources_of: dict[str, set[str]] = defaultdict(set)
    for s, t in links:
        loads[s] += 1
        sources_of[t].add(s)
    proposed = plan(ds, max_load=max_load, fragile=fragile)
    members = proposed.liaisons[proposed.liaisons["kind"] == "member"]
    unlinked = [m for m, v in f.items() if not v["cpc"] and not sources_of[m]]
    phases = [("unlinked", unlinked, {})]
    if fragile:
        once = [m for m, v in f.items() if len(sources_of[m]) == 1]
        phases.append(("fragile", once, {m: next(iter(sources_of[m])) for m in once}))
    for reason, targets, excluded in phases:
        mine = members[members["reason"] == reason]
        for s, t in mine[["source", "target"]].itertuples(index=False):
            assert t in targets and s != excluded.get(t) and f[s]["cpc"]
            assert f[s]["committees"] & f[t]["committees"]  # type: ignore[operator]
        assert mine["target"].is_unique
        assert objective(mine, f, loads) == naive_best(f, targets, excluded, loads, max_load)
        for s in mine["source"]:
            loads[s] += 1
    # unplaced members are exactly the targets left over
    left = proposed.unplaced[proposed.unplaced["kind"] == "member"]
    assert len(left) + len(members) == sum(len(targets) for _, targets, _ in phases)
    assert all(loads[s] <= max_load for s in members["source"])
    applied = apply_plan(ds, proposed)
    assert np.array_equal(
        coverage(applied)["unlinked"].to_numpy()[-1:],
        np.array([(left["gap"] == "unlinked").sum()]),
    )

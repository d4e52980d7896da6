"""`pbgraph.diff` and `pbgraph.whatif`: a dataset against itself (nothing), against a copy with known
mutations (exactly those), by name after every id changed, and departures on the plan fixture by hand."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

import pbgraph
from pbgraph import Dataset, load
from pbgraph.analyses import coverage
from pbgraph.changes import Diff, diff, whatif, without_members

FIXTURE = Path(__file__).parent / "fixtures" / "plan"


def rows(frame: pd.DataFrame, columns: list[str]) -> list[tuple[object, ...]]:
    return [tuple(r) for r in frame[columns].itertuples(index=False)]


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load(FIXTURE)


@pytest.mark.parametrize("match", ["id", "name"])
def test_a_dataset_against_itself_is_empty(sample: Dataset, match: str) -> None:
    found = diff(sample, sample, match=match)
    assert found.is_empty
    assert int(found.summary["count"].sum()) == 0
    assert found.rates["work_rate_before"].tolist() == found.rates["work_rate_after"].tolist()
    assert found.rates["committee_name"].tolist() == ["示例区政协", "全部"]


def mutated(ds: Dataset) -> Dataset:
    """The sample with one of each change (see the test below)."""
    members = ds.members.copy()
    members.loc[members["id"] == "M0003", "party"] = "CPC"
    members.loc[members["id"] == "M0004", "sector"] = "S020"
    members.loc[members["id"] == "M0002", "party_group"] = True
    joined = members.iloc[[5]].assign(id="M9999", name="新委员")
    members = pd.concat([members[members["id"] != "M0010"], joined], ignore_index=True)
    liaisons = ds.liaisons
    removed_liaison = liaisons.index[(liaisons["source"] != "M0010") & (liaisons["target"] != "M0010")][0]
    liaisons = liaisons[(liaisons["source"] != "M0010") & (liaisons["target"] != "M0010")]
    added = pd.DataFrame([["M9999", "T001", "township", "", "新增"]], columns=liaisons.columns)
    liaisons = pd.concat([liaisons.drop(index=removed_liaison), added], ignore_index=True)
    memberships = ds.memberships[ds.memberships["member"] != "M0010"]
    first = memberships.index[0]
    memberships = pd.concat(
        [
            memberships.drop(index=first),
            pd.DataFrame([["M9999", "O002", "member"]], columns=memberships.columns),
        ],
        ignore_index=True,
    )
    organizations = pd.concat(
        [
            ds.organizations,
            pd.DataFrame(
                [["O999", "新学习组", "study_group", "", "", "C001"]], columns=ds.organizations.columns
            ),
        ],
        ignore_index=True,
    )
    return dataclasses.replace(
        ds,
        members=members,
        liaisons=liaisons,
        memberships=memberships,
        organizations=organizations,
        warnings=[],
    )


def test_a_mutated_copy_lists_exactly_the_mutations(sample: Dataset) -> None:
    new = mutated(sample)
    found = diff(sample, new)
    name = dict(zip(sample.members["id"], sample.members["name"], strict=True))
    assert rows(found.members, ["change", "id", "field"]) == [
        ("joined", "M9999", ""),
        ("left", "M0010", ""),
        ("changed", "M0002", "party_group"),
        ("changed", "M0003", "party"),
        ("changed", "M0004", "sector"),
    ]
    changed = found.members[found.members["change"] == "changed"]
    assert rows(changed, ["before", "after"])[1:] == [
        (sample.members.loc[2, "party"], "CPC"),
        (sample.name_of(sample.members.loc[3, "sector"]), sample.name_of("S020")),
    ]
    assert found.members.loc[found.members["id"] == "M0010", "name"].tolist() == [name["M0010"]]

    liaisons = sample.liaisons
    touching = liaisons[(liaisons["source"] == "M0010") | (liaisons["target"] == "M0010")]
    first_other = liaisons[(liaisons["source"] != "M0010") & (liaisons["target"] != "M0010")].iloc[0]
    assert rows(found.liaisons, ["change", "source", "target"]) == [
        ("added", "M9999", "T001"),
        ("removed", first_other["source"], first_other["target"]),
        *[
            ("broken", s, t)
            for s, t in touching[["source", "target"]].drop_duplicates().itertuples(index=False)
        ],
    ]
    assert set(found.liaisons["change"]) == {"added", "removed", "broken"}
    assert rows(found.organizations, ["change", "id", "name"]) == [("added", "O999", "新学习组")]

    memberships = sample.memberships.reset_index(drop=True)
    first_other = memberships.index[memberships["member"] != "M0010"][0]
    removed = memberships[(memberships["member"] == "M0010") | (memberships.index == first_other)]
    assert rows(found.memberships, ["change", "member", "organization"]) == [
        ("added", "M9999", "O002"),
        *[("removed", m, o) for m, o in removed[["member", "organization"]].itertuples(index=False)],
    ]
    # the new study group has neither party organization nor instructor: a platform gap opened
    opened = found.gaps[found.gaps["change"] == "opened"]
    assert ("platforms", "O999", "新学习组") in rows(opened, ["analysis", "id", "name"])
    after = coverage(new).set_index("committee")
    assert found.rates["work_rate_after"].tolist() == after["work_rate"].tolist()


def renamed_ids(ds: Dataset) -> Dataset:
    """Every member id changed (as when ids are assigned anew by another office's import)."""
    new_id = {old: f"X{old}" for old in ds.members["id"]}

    def rename(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
        frame = frame.copy()
        for column in columns:
            frame[column] = frame[column].map(lambda v: new_id.get(v, v)).astype("str")
        return frame

    return dataclasses.replace(
        ds,
        members=rename(ds.members, "id"),
        liaisons=rename(ds.liaisons, "source", "target"),
        memberships=rename(ds.memberships, "member"),
        warnings=[],
    )


def test_matching_by_name_sees_through_new_ids(sample: Dataset) -> None:
    new = renamed_ids(sample)
    assert diff(sample, new, match="name").is_empty
    by_id = diff(sample, new)
    assert set(by_id.members["change"]) == {"joined", "left"}
    assert (by_id.members["change"] == "left").sum() == len(sample.members)


def test_the_sample_as_an_office_keeps_it_is_the_same_committee(sample: Dataset) -> None:
    # every id differs (the office workbook has none): people, townships and contacts are matched by name
    office = load(Path(__file__).parents[1] / "data" / "sample-office.xlsx")
    assert diff(sample, office, match="name").is_empty


def test_a_departure_by_hand(ds: Dataset) -> None:
    found = pbgraph.whatif(ds, ["A2", "B1"])
    assert rows(found.members, ["change", "id", "name"]) == [("left", "A2", "甲二"), ("left", "B1", "丙一")]
    assert rows(found.liaisons, ["change", "source", "source_name", "target", "target_name"]) == [
        ("broken", "B1", "丙一", "Y1", "丁二"),
        ("broken", "B1", "丙一", "Y2", "丁三"),
        ("broken", "A2", "甲二", "T2", "东街街道"),
    ]
    assert rows(found.gaps, ["change", "analysis", "id", "gap"]) == [
        ("opened", "unlinked", "Y1", ""),
        ("opened", "unlinked", "Y2", ""),
        ("worsened", "fragile", "Y1", ""),
        ("worsened", "fragile", "Y2", ""),
        ("gone", "unorganized", "A2", ""),
        ("gone", "unorganized", "B1", ""),
        ("opened", "townships", "T2", "no_township_liaison"),
    ]
    assert rows(found.rates, ["committee", "work_rate_before", "work_rate_after"]) == [
        ("C1", 2 / 7, 2 / 7),
        ("C2", 0.5, 0.0),
        ("", 0.4, 0.2),
    ]
    assert (
        found.rates["work_rate_after"].tolist()
        == coverage(without_members(ds, ["A2", "B1"]))["work_rate"].tolist()
    )


def summary_counts(found: Diff) -> dict[str, int]:
    gaps = found.summary[found.summary["table"] == "gaps"]
    return dict(zip(gaps["change"], gaps["count"], strict=True))


def test_a_member_whose_only_liaison_left_is_worse_off_not_closed(ds: Dataset) -> None:
    # Y1 and Y2 (C2) each had one liaison, B1: without B1 they have none. Their fragile gap did not close:
    # it got worse, and the unlinked gap is new. Only B1's own gap (unorganized) left with B1.
    found = whatif(ds, ["B1"])
    assert rows(found.gaps, ["change", "analysis", "id"]) == [
        ("opened", "unlinked", "Y1"),
        ("opened", "unlinked", "Y2"),
        ("worsened", "fragile", "Y1"),
        ("worsened", "fragile", "Y2"),
        ("gone", "unorganized", "B1"),
    ]
    assert summary_counts(found) == {"opened": 2, "closed": 0, "worsened": 2, "gone": 1}


def test_a_gap_that_eases_is_closed_as_before(ds: Dataset) -> None:
    # the way back (B1 rejoins): Y1 and Y2 are no longer unlinked, and fragile now
    found = diff(without_members(ds, ["B1"]), ds)
    assert rows(found.gaps, ["change", "analysis", "id"]) == [
        ("closed", "unlinked", "Y1"),
        ("closed", "unlinked", "Y2"),
        ("opened", "fragile", "Y1"),
        ("opened", "fragile", "Y2"),
        ("opened", "unorganized", "B1"),
    ]
    assert summary_counts(found) == {"opened": 3, "closed": 2, "worsened": 0, "gone": 0}


@pytest.mark.parametrize("match", ["id", "name"])
def test_a_township_whose_liaison_group_went_is_worse_off(match: str) -> None:
    # fixture gaps: 东街街道 (T2) has a liaison group L2 without a CPC member; without L2 it has none
    before = load(FIXTURE.parent / "gaps")
    after = dataclasses.replace(
        before,
        organizations=before.organizations[before.organizations["id"] != "L2"].reset_index(drop=True),
        memberships=before.memberships[before.memberships["organization"] != "L2"].reset_index(drop=True),
    )
    found = diff(before, after, match=match)
    assert rows(found.gaps, ["change", "analysis", "id", "gap"]) == [
        ("opened", "townships", "T2", "no_liaison_group"),
        ("worsened", "townships", "T2", "no_cpc_in_liaison_group"),
    ]
    assert summary_counts(found) == {"opened": 1, "closed": 0, "worsened": 1, "gone": 0}


def test_the_gap_of_a_fragile_member_who_left_is_gone_not_closed(ds: Dataset) -> None:
    # X2 (C1) has one liaison, P1: it is fragile. Without X2 that gap went with X2; nothing was closed
    found = whatif(ds, ["X2"])
    assert rows(found.gaps, ["change", "analysis", "id", "name"]) == [("gone", "fragile", "X2", "乙六")]
    assert summary_counts(found) == {"opened": 0, "closed": 0, "worsened": 0, "gone": 1}


def with_liaison(ds: Dataset, source: str, target: str) -> Dataset:
    added = pd.DataFrame([[source, target, "member", "", ""]], columns=ds.liaisons.columns)
    liaisons = pd.concat([ds.liaisons, added], ignore_index=True).astype(ds.liaisons.dtypes.to_dict())
    return dataclasses.replace(ds, liaisons=liaisons, warnings=[])


@pytest.mark.parametrize("match", ["id", "name"])
def test_a_gap_that_closes_beside_one_that_left(ds: Dataset, match: str) -> None:
    # X2 leaves (fragile: only P1), and Y1 (C2, fragile: only B1) gets a second liaison from B2 (CPC, C2,
    # load 0 -> 1, far below 5): Y1's gap closed, X2's went with X2. Nothing else: the new liaison is a
    # member liaison (sector and township gaps count their own kinds), and X2 had no sector nor township.
    new = with_liaison(without_members(ds, ["X2"]), "B2", "Y1")
    found = diff(ds, new, match=match)
    assert rows(found.gaps, ["change", "analysis", "id"]) == [
        ("gone", "fragile", "X2"),
        ("closed", "fragile", "Y1"),
    ]
    assert summary_counts(found) == {"opened": 0, "closed": 1, "worsened": 0, "gone": 1}
    if match == "name":
        # both rows are OLD's: their ids are OLD's
        assert found.gaps["ids_from"].tolist() == ["old_dataset", "old_dataset"]


def test_the_gap_of_a_place_no_longer_there_is_gone() -> None:
    # fixture gaps: 东街街道 (T2) gone from the townships, its liaison group L2 with it
    before = load(FIXTURE.parent / "gaps")
    after = dataclasses.replace(
        before,
        townships=before.townships[before.townships["id"] != "T2"].reset_index(drop=True),
        organizations=before.organizations[before.organizations["id"] != "L2"].reset_index(drop=True),
        memberships=before.memberships[before.memberships["organization"] != "L2"].reset_index(drop=True),
        warnings=[],
    )
    # T2's two gaps: its liaison group L2 has no CPC member (N1 only), and its one liaison (N1) is not a CPC
    # member's; both went with T2, and no other gap changed
    assert rows(diff(before, after).gaps, ["change", "analysis", "id", "gap"]) == [
        ("gone", "townships", "T2", "no_cpc_in_liaison_group"),
        ("gone", "townships", "T2", "no_township_liaison"),
    ]


def test_a_departure_that_leaves_a_member_fragile(ds: Dataset) -> None:
    # X1 has two liaisons (A1, P1): without A1 it has one
    found = whatif(ds, ["A1"])
    assert ("opened", "fragile", "X1") in rows(found.gaps, ["change", "analysis", "id"])
    assert ("opened", "sectors", "S3") in rows(found.gaps, ["change", "analysis", "id"])


def test_unknown_ids_are_named(ds: Dataset) -> None:
    with pytest.raises(pbgraph.UnknownIdError, match="Z1, Z2"):
        whatif(ds, ["A1", "Z2", "Z1"])
    with pytest.raises(pbgraph.PbgraphError, match="match"):
        diff(ds, ds, match="email")


@pytest.mark.parametrize("fixture", ["plan", "committees", "gaps", "no_committee", "activities"])
@pytest.mark.parametrize("unrecorded", [frozenset(), frozenset({"memberships", "liaisons:member"})])
def test_the_rates_are_those_of_coverage(fixture: str, unrecorded: frozenset[str]) -> None:
    # diff works the rates out without coverage's activity columns: they must be coverage's own
    ds = load(FIXTURE.parent / fixture)
    ds = dataclasses.replace(ds, not_recorded=unrecorded)
    expected = coverage(ds)
    found = diff(ds, ds).rates
    assert found["committee"].tolist() == expected["committee"].tolist()
    assert found["committee_name"].tolist() == expected["committee_name"].tolist()
    for column in ("organization_rate", "work_rate"):
        assert found[f"{column}_before"].tolist() == expected[column].tolist()
        assert found[f"{column}_after"].tolist() == expected[column].tolist()
    unlinked = expected["unlinked"].fillna(0).astype(int).tolist()
    assert found["unlinked_after"].tolist() == unlinked

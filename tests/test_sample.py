"""The sample dataset (`data/sample/`, `data/sample.xlsx`): it loads cleanly from both, has the documented
shape, and has exactly the documented gaps (data/sample/README.md) — checked on the tables with plain pandas,
independently of `pbgraph.analyses`."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import pbgraph
from pbgraph.dataset import Dataset
from pbgraph.model import ORGANIZING_KINDS, PARTY_ORG_KINDS, PLATFORM_KINDS

DATA = Path(__file__).resolve().parent.parent / "data"

# the documented gaps (data/sample/README.md)
UNLINKED = ["M0054", "M0117", "M0147", "M0236"]
NON_COUNTING_SOURCE, NON_COUNTING_TARGET = "M0062", "M0236"
UNORGANIZED = "M0052"
TOWNSHIP_WITHOUT_LIAISON = "T005"
STUDIO_WITHOUT_PARTY = "O059"
OVERLOADED, OVERLOAD = "M0205", 7
IDLE = "M0026"
UNCOVERED_SECTOR, UNCOVERED_GROUP = "S018", "O037"


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return pbgraph.load(DATA / "sample")


def _cpc(ds: Dataset) -> set[str]:
    return set(ds.members.loc[ds.members["party"] == "CPC", "id"])


def _counting_member_liaisons(ds: Dataset) -> pd.DataFrame:
    liaisons, cpc = ds.liaisons, _cpc(ds)
    counting = (liaisons["kind"] == "member") & liaisons["source"].isin(cpc) & ~liaisons["target"].isin(cpc)
    return liaisons[counting].drop_duplicates(["source", "target"])


def _load(ds: Dataset) -> pd.Series:
    """Distinct non-party members per CPC member, 0 included."""
    cpc = ds.members.loc[ds.members["party"] == "CPC", "id"]
    return _counting_member_liaisons(ds).groupby("source").size().reindex(cpc, fill_value=0)


def _orgs_of_kind(ds: Dataset, *kinds: str) -> pd.DataFrame:
    return ds.organizations[ds.organizations["kind"].isin(kinds)]


def test_loads_from_csv_and_xlsx_identically(ds: Dataset) -> None:
    from_workbook = pbgraph.load(DATA / "sample.xlsx")
    assert ds.equals(from_workbook)
    assert [p.code for p in from_workbook.warnings] == [p.code for p in ds.warnings]


def test_only_the_documented_warning(ds: Dataset) -> None:
    assert not any(p.is_error for p in ds.warnings)
    assert [(p.code, p.value) for p in ds.warnings] == [
        ("member_liaison_source_not_cpc", NON_COUNTING_SOURCE)
    ]


def test_headers_and_values_as_a_roster_writes_them() -> None:
    members = pd.read_csv(DATA / "sample" / "members.csv", dtype=str, keep_default_na=False)
    assert list(members.columns[:3]) == ["编号", "姓名", "政治面貌"]
    liaisons = pd.read_csv(DATA / "sample" / "liaisons.csv", dtype=str, keep_default_na=False)
    assert list(liaisons.columns) == ["source", "target", "kind", "since", "note"]
    assert {"中共党员", "无党派人士", "群众"} <= set(members["政治面貌"])
    assert set(members["党组成员"]) == {"是", "否"}
    organizations = pd.read_csv(DATA / "sample" / "organizations.csv", dtype=str, keep_default_na=False)
    assert {"政协党组", "履职党支部", "界别党小组", "临时党支部", "委员工作室"} <= set(organizations["kind"])


def test_shape(ds: Dataset) -> None:
    members = ds.members
    assert 230 <= len(members) <= 270
    assert ds.committees == ["C001"]
    assert ds.name_of("C001") == "示例区政协"
    assert set(members["committee"]) == {"C001"}
    cpc_share = (members["party"] == "CPC").mean()
    assert 0.28 <= cpc_share <= 0.4
    non_party = members.loc[members["party"] != "CPC", "party"].value_counts()
    assert non_party.index[0] in {"NP", "MASSES"} and len(non_party) >= 6
    assert len(ds.townships) == 14
    assert len(_orgs_of_kind(ds, "sector_group")) == 6
    assert 18 <= len(ds.sectors) <= 22
    assert set(ds.sectors["group"]) == set(_orgs_of_kind(ds, "sector_group")["id"])
    assert 7 <= int(members["party_group"].sum()) <= 9
    for kind in (
        "party_group",
        "organ_party_group",
        "party_committee",
        "party_branch",
        "sub_party_group",
        "functional_branch",
        "party_cell",
        "temporary_branch",
        "special_committee",
        "studio",
        "station",
        "study_group",
    ):
        assert len(_orgs_of_kind(ds, kind)) >= 1, kind
    liaison_groups = _orgs_of_kind(ds, "liaison_group")
    assert sorted(liaison_groups["township"]) == sorted(ds.townships["id"])
    assert 250 <= len(ds.contacts) <= 400
    assert set(ds.liaisons["kind"]) == {"sector", "member", "township", "contact"}
    contact_liaisons = ds.liaisons[ds.liaisons["kind"] == "contact"]
    assert sorted(contact_liaisons["target"]) == sorted(ds.contacts["id"])


def test_party_group_members_are_in_the_party_group(ds: Dataset) -> None:
    party_group = _orgs_of_kind(ds, "party_group")["id"].tolist()
    in_group = set(ds.memberships.loc[ds.memberships["organization"].isin(party_group), "member"])
    flagged = set(ds.members.loc[ds.members["party_group"], "id"])
    assert flagged == in_group
    assert flagged <= _cpc(ds)


def test_unlinked_are_exactly_the_documented(ds: Dataset) -> None:
    non_party = set(ds.members.loc[ds.members["party"] != "CPC", "id"])
    linked = set(_counting_member_liaisons(ds)["target"])
    assert sorted(non_party - linked) == UNLINKED


def test_the_non_counting_liaison_targets_an_unlinked_member(ds: Dataset) -> None:
    liaisons = ds.liaisons
    from_non_cpc = liaisons[(liaisons["kind"] == "member") & ~liaisons["source"].isin(_cpc(ds))]
    assert from_non_cpc[["source", "target"]].values.tolist() == [[NON_COUNTING_SOURCE, NON_COUNTING_TARGET]]
    assert NON_COUNTING_TARGET in UNLINKED


def test_unorganized_is_exactly_the_documented_one_and_only_in_the_temporary_branch(ds: Dataset) -> None:
    kind = ds.memberships["organization"].map(
        dict(zip(ds.organizations["id"], ds.organizations["kind"], strict=True))
    )
    organized = set(ds.memberships.loc[kind.isin([str(k) for k in ORGANIZING_KINDS]), "member"])
    assert sorted(_cpc(ds) - organized) == [UNORGANIZED]
    party_kinds = kind[ds.memberships["member"] == UNORGANIZED]
    assert set(party_kinds[party_kinds.isin([str(k) for k in PARTY_ORG_KINDS])]) == {"temporary_branch"}


def test_load_gaps(ds: Dataset) -> None:
    load = _load(ds)
    assert load.max() == OVERLOAD
    assert load[load > 5].index.tolist() == [OVERLOADED]
    party_group = set(ds.members.loc[ds.members["party_group"], "id"])
    idle = [m for m in load[load == 0].index if m not in party_group]
    assert idle == [IDLE]
    # fragile non-party members are many (a finding, not a gap)
    per_target = _counting_member_liaisons(ds).groupby("target").size()
    assert 60 <= int((per_target == 1).sum()) <= 150


def test_sector_gaps(ds: Dataset) -> None:
    liaisons = ds.liaisons
    party_group = set(ds.members.loc[ds.members["party_group"], "id"])
    sector_liaisons = liaisons[(liaisons["kind"] == "sector")]
    assert set(sector_liaisons["source"]) <= party_group
    covered = set(sector_liaisons["target"])
    sectors = ds.sectors
    uncovered = sectors.loc[~sectors["id"].isin(covered) & ~sectors["group"].isin(covered), "id"]
    assert uncovered.tolist() == [UNCOVERED_SECTOR]
    groups = _orgs_of_kind(ds, "sector_group")["id"]
    assert groups[~groups.isin(covered)].tolist() == [UNCOVERED_GROUP]
    assert sectors.loc[sectors["id"] == UNCOVERED_SECTOR, "group"].item() == UNCOVERED_GROUP
    # every sector group's first convener is a CPC member
    conveners = ds.memberships[ds.memberships["role"] == "first_convener"]
    assert sorted(conveners["organization"]) == sorted(groups)
    assert set(conveners["member"]) <= _cpc(ds)


def test_township_gaps(ds: Dataset) -> None:
    cpc, liaisons, ms = _cpc(ds), ds.liaisons, ds.memberships
    township_liaisons = liaisons[(liaisons["kind"] == "township")]
    assert set(township_liaisons["source"]) <= cpc
    townships = ds.townships["id"]
    assert townships[~townships.isin(set(township_liaisons["target"]))].tolist() == [TOWNSHIP_WITHOUT_LIAISON]
    for _, group in _orgs_of_kind(ds, "liaison_group").iterrows():
        members = ms.loc[ms["organization"] == group["id"], "member"]
        assert members.isin(cpc).any(), group["township"]


def test_platform_gaps(ds: Dataset) -> None:
    orgs, ms = ds.organizations, ds.memberships
    platforms = orgs.loc[orgs["kind"].isin([str(k) for k in PLATFORM_KINDS]), "id"]
    with_party_child = set(orgs.loc[orgs["kind"].isin([str(k) for k in PARTY_ORG_KINDS]), "parent"])
    instructed = set(ms.loc[(ms["role"] == "instructor") & ms["member"].isin(_cpc(ds)), "organization"])
    bare = platforms[~platforms.isin(with_party_child | instructed)]
    assert bare.tolist() == [STUDIO_WITHOUT_PARTY]
    assert orgs.loc[orgs["id"] == STUDIO_WITHOUT_PARTY, "kind"].item() == "studio"


def test_readme_lists_every_gap() -> None:
    readme = (DATA / "sample" / "README.md").read_text(encoding="utf-8")
    for node_id in [
        *UNLINKED,
        NON_COUNTING_SOURCE,
        UNORGANIZED,
        TOWNSHIP_WITHOUT_LIAISON,
        STUDIO_WITHOUT_PARTY,
        OVERLOADED,
        IDLE,
        UNCOVERED_SECTOR,
        UNCOVERED_GROUP,
    ]:
        assert f"`{node_id}`" in readme, node_id


# the documented activity findings (data/sample/README.md, "Activities")
PAPER_ONLY, PAPER_TARGETS = "M0195", ["M0057", "M0194", "P0264"]
LAPSED, LAPSED_LAST = ("M0180", "M0050"), "2024-11-28"
SILENT_BRANCH, SILENT_MEMBERS = "O011", ["M0141", "M0207", "M0219"]
LIAISON_ACTIVITIES = {"谈心谈话", "走访", "电话联系", "座谈", "talk", "visit", "call", "event"}


def test_the_documented_dormant_liaisons_are_the_only_ones(ds: Dataset) -> None:
    # plain pandas: a liaison is active when a 2025 liaison activity lists its source and names its target
    # (or lists it too)
    acts = ds.activities[ds.activities["kind"].isin(LIAISON_ACTIVITIES)]
    joined: dict[tuple[str, str], list[str]] = {}
    for date, members, target in acts[["date", "members", "target"]].itertuples(index=False):
        listed = members.split(";")
        for source in listed:
            for other in [target, *listed]:
                if other and other != source:
                    joined.setdefault((source, other), []).append(date)
    liaisons = ds.liaisons.drop_duplicates(["source", "target", "kind"])
    cpc = set(ds.members.loc[ds.members["party"] == "CPC", "id"])
    counting = liaisons[
        ((liaisons["kind"] == "member") & liaisons["source"].isin(cpc) & ~liaisons["target"].isin(cpc))
        | (liaisons["kind"] == "contact")
        | ((liaisons["kind"] == "township") & liaisons["source"].isin(cpc))
        | (liaisons["kind"] == "sector")
    ]
    dormant = [
        (s, t)
        for s, t in counting[["source", "target"]].itertuples(index=False)
        if not any(d.startswith("2025") for d in joined.get((s, t), []))
    ]
    assert sorted(dormant) == sorted([LAPSED, *((PAPER_ONLY, t) for t in PAPER_TARGETS)])
    assert max(joined[LAPSED]) == LAPSED_LAST
    assert PAPER_ONLY not in {m for cell in acts["members"] for m in cell.split(";")}


def test_the_documented_silent_branch(ds: Dataset) -> None:
    meetings = ds.activities[ds.activities["organization"] != ""]
    held = meetings["organization"].value_counts()
    duty = _orgs_of_kind(ds, "functional_branch", "party_cell", "sub_party_group")["id"]
    assert [o for o in duty if held.get(o, 0) == 0] == [SILENT_BRANCH]
    # members of the silent branch who are in no other duty-line organization: no organizational life
    ms = ds.memberships
    in_duty = ms[ms["organization"].isin(duty)]
    cpc = set(ds.members.loc[ds.members["party"] == "CPC", "id"])
    attended = {
        m
        for cell, org in meetings[["members", "organization"]].itertuples(index=False)
        for m in cell.split(";")
        if ((in_duty["member"] == m) & (in_duty["organization"] == org)).any()
    }
    assert sorted(m for m in set(in_duty["member"]) & cpc if m not in attended) == SILENT_MEMBERS

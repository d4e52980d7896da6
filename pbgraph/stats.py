"""Counts of what a dataset holds, per committee (`pbgraph info`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pbgraph.analyses._joins import participation
from pbgraph.analyses.activity import has_activities
from pbgraph.analyses.coverage import OVERALL_NAME
from pbgraph.graph import committee_orgs, index_of
from pbgraph.model import PARTY_ORG_KINDS, PLATFORM_KINDS, LiaisonKind, OrgKind, Party

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset


def counts(ds: Dataset) -> pd.DataFrame:
    """One row per committee, then a total row: members by party, sectors, townships, organizations by
    kind, liaisons by kind (counted under the committees of their source), contacts (likewise, under the
    committees of the members who liaise with them; see `_contacts_by_committee`), activities (under the
    committees of their members). A count whose table the dataset does not give (:func:`not_recorded`) is
    None in every row: not known, rather than 0.

    Examples
    --------
    >>> from pbgraph import load
    >>> total = counts(load("data/sample")).iloc[-1]
    >>> [int(total[c]) for c in ("members", "cpc_members", "non_party_members", "member_liaisons")]
    [250, 87, 163, 215]
    """
    members = ds.members
    pairs = ds.member_committees
    cpc = (members["party"] == Party.CPC).to_numpy()
    per_member = pd.DataFrame(
        {
            "members": 1,
            "cpc_members": cpc,
            "non_party_members": ~cpc,
            "party_group_members": members["party_group"].to_numpy(dtype=bool),
        }
    ).astype(np.int64)
    columns: dict[str, pd.Series] = {}
    grouped = per_member.iloc[pairs["member"].to_numpy()].groupby(pairs["committee"].to_numpy()).sum()
    for column in per_member.columns:
        columns[column] = _with_total(grouped[column], int(per_member[column].sum()))

    orgs = ds.organizations
    columns["sectors"] = _by_committee(ds.sectors["committee"])
    columns["sector_groups"] = _by_committee(orgs.loc[orgs["kind"] == OrgKind.SECTOR_GROUP, "committee"])
    columns["townships"] = _by_committee(ds.townships["committee"])
    columns["party_organizations"] = _by_committee(
        orgs.loc[orgs["kind"].isin(list(PARTY_ORG_KINDS)), "committee"]
    )
    columns["platforms"] = _by_committee(orgs.loc[orgs["kind"].isin(list(PLATFORM_KINDS)), "committee"])
    columns["organizations"] = _by_committee(orgs["committee"])

    # a liaison belongs to every committee its source sits on
    ix = index_of(ds)
    source = ix.liaison_source
    by_member = pd.DataFrame(
        {"member": source, "kind": ds.liaisons["kind"].to_numpy(dtype=object), "row": np.arange(len(source))}
    )
    by_member = by_member[(by_member["member"] >= 0) & (by_member["member"] < len(members))]
    linked = by_member.merge(pairs, on="member", how="inner")
    for kind in LiaisonKind:
        mine = linked.loc[linked["kind"] == kind.value, "committee"]
        columns[f"{kind.value}_liaisons"] = _with_total(
            mine.value_counts(), int((ds.liaisons["kind"] == kind.value).sum())
        )
    columns["contacts"] = _with_total(_contacts_by_committee(ds, ix.liaison_target, linked), len(ds.contacts))
    columns["activities"] = _with_total(_activities_by_committee(ds, pairs), len(ds.activities))

    committees = committee_orgs(ds)
    keys = [*committees["id"].tolist(), ""]
    frame = pd.DataFrame({"committee": keys, "committee_name": [*committees["name"].tolist(), OVERALL_NAME]})
    for name, series in columns.items():
        frame[name] = series.reindex(keys, fill_value=0).astype(np.int64).to_numpy()
        # what a table the dataset does not give would count is not known: None ("n/a"), not 0 (DESIGN 3)
        if _NEEDS.get(name, "") in not_recorded(ds):
            frame[name] = pd.Series([None] * len(frame), dtype=object)
    return frame


def not_recorded(ds: Dataset) -> frozenset[str]:
    """The tables :func:`counts` cannot tell: those the dataset does not record (`Dataset.not_recorded`), and
    the activity log when it holds no activity (as the activity analyses say: no activities table)."""
    return ds.not_recorded if has_activities(ds) else ds.not_recorded | {"activities"}


def _activities_by_committee(ds: Dataset, pairs: pd.DataFrame) -> pd.Series:
    """Activities per committee: an activity belongs to every committee of the members it lists (once to
    each, however many of its members sit there), as a liaison does to every committee of its source."""
    part = participation(ds)
    joined = pd.DataFrame({"activity": part.activity, "member": part.member}).merge(pairs, on="member")
    return joined.drop_duplicates(["activity", "committee"])["committee"].value_counts()


def _contacts_by_committee(ds: Dataset, target: np.ndarray, linked: pd.DataFrame) -> pd.Series:
    """Contacts per committee, counted as their liaisons are: under every committee of the members who
    liaise with them (a contact of a member who sits on two committees is in both), and one no member
    liaises with under its township's committee. Counted by their township alone, a city whose members also
    sit on county committees had more contact liaisons than contacts (their contacts live in the counties)."""
    offset = index_of(ds).offsets["contacts"]
    contact = target - offset
    rows = np.flatnonzero((ds.liaisons["kind"] == LiaisonKind.CONTACT.value).to_numpy())
    rows = rows[(contact[rows] >= 0) & (contact[rows] < len(ds.contacts))]
    # the liaison rows `linked` kept (their source a member), each with a committee of its source
    sources = pd.DataFrame({"row": rows, "contact": contact[rows]})
    by_source = linked.loc[linked["kind"] == LiaisonKind.CONTACT.value, ["row", "committee"]]
    reached = sources.merge(by_source, on="row").drop_duplicates(["contact", "committee"])
    township_committee = pd.Series(ds.townships["committee"].to_numpy(), index=ds.townships["id"].to_numpy())
    alone = np.ones(len(ds.contacts), dtype=bool)
    alone[reached["contact"].to_numpy()] = False
    own = ds.contacts["township"].to_numpy(dtype=object)[alone]
    return pd.concat([reached["committee"], pd.Series(own).map(township_committee)]).value_counts()


_NEEDS: dict[str, str] = {
    "sectors": "sectors",
    "sector_groups": "organizations",
    "townships": "townships",
    "party_organizations": "organizations",
    "platforms": "organizations",
    "organizations": "organizations",
    **{f"{kind.value}_liaisons": f"liaisons:{kind.value}" for kind in LiaisonKind},
    "contacts": "contacts",
    "activities": "activities",
}
"""The table (a key of `Dataset.not_recorded`) each count of :func:`counts` cannot be told without."""


def counted_more_than_once(counts: pd.DataFrame) -> bool:
    """Whether the committee rows of :func:`counts` add up to more than its total row: a member who sits on
    several committees is counted under each (and so are the liaisons from them), once in the total.

    Examples
    --------
    >>> from pbgraph import load
    >>> counted_more_than_once(counts(load("data/sample")))
    False
    """
    # a count not recorded (None) adds up to nothing
    numbers = counts.drop(columns=["committee", "committee_name"]).astype(float)
    return bool((numbers.iloc[:-1].sum() > numbers.iloc[-1]).any())


def _with_total(per_committee: pd.Series, total: int) -> pd.Series:
    return pd.concat([per_committee.drop("", errors="ignore"), pd.Series({"": total})])


def _by_committee(committee: pd.Series) -> pd.Series:
    return _with_total(committee.value_counts(), len(committee))

"""Counts of what a dataset holds, per committee (`pbgraph info`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from pbgraph.graph import committee_orgs
from pbgraph.model import PARTY_ORG_KINDS, PLATFORM_KINDS, LiaisonKind, OrgKind, Party

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset


def counts(ds: Dataset) -> pd.DataFrame:
    """One row per committee, then a total row: members by party, sectors, townships, organizations by
    kind, memberships, liaisons by kind, contacts.

    Examples
    --------
    >>> from pbgraph import load
    >>> int(counts(load("data/sample")).iloc[-1]["members"]) > 200
    True
    """
    pairs = ds.member_committees
    members = ds.members
    cpc = (members["party"] == Party.CPC).to_numpy()
    orgs = ds.organizations
    liaisons = ds.liaisons
    source_committee = liaisons["source"].map(
        pd.Series(members["committee"].to_numpy(), index=members["id"].to_numpy())
    )
    contact_committee = ds.contacts["township"].map(
        pd.Series(ds.townships["committee"].to_numpy(), index=ds.townships["id"].to_numpy())
    )

    def row(committee: str | None) -> dict[str, object]:
        if committee is None:
            member_rows = pd.Series(True, index=members.index).to_numpy()
        else:
            member_rows = members.index.isin(pairs.loc[pairs["committee"] == committee, "member"])

        def of(frame: pd.DataFrame) -> pd.DataFrame:
            return frame if committee is None else frame[frame["committee"] == committee]

        mine = of(orgs)
        links = (
            liaisons
            if committee is None
            else liaisons[
                source_committee.fillna("")
                .str.split(";")
                .map(lambda ids: committee in ids)
                .to_numpy(dtype=bool)
            ]
        )
        contacts = (
            ds.contacts if committee is None else ds.contacts[(contact_committee == committee).to_numpy()]
        )
        return {
            "members": int(member_rows.sum()),
            "cpc_members": int((member_rows & cpc).sum()),
            "non_party_members": int((member_rows & ~cpc).sum()),
            "party_group_members": int((member_rows & members["party_group"].to_numpy(dtype=bool)).sum()),
            "sectors": len(of(ds.sectors)),
            "sector_groups": int((mine["kind"] == OrgKind.SECTOR_GROUP).sum()),
            "townships": len(of(ds.townships)),
            "party_organizations": int(mine["kind"].isin(list(PARTY_ORG_KINDS)).sum()),
            "platforms": int(mine["kind"].isin(list(PLATFORM_KINDS)).sum()),
            "organizations": len(mine),
            **{f"{kind.value}_liaisons": int((links["kind"] == kind).sum()) for kind in LiaisonKind},
            "contacts": len(contacts),
        }

    committees = committee_orgs(ds)
    rows = [
        {"committee": c, "committee_name": n, **row(c)}
        for c, n in zip(committees["id"], committees["name"], strict=True)
    ]
    rows.append({"committee": "", "committee_name": "全部", **row(None)})
    return pd.DataFrame(rows)

"""Liaisons on paper only and 双重组织生活: what the activity log says about the network (DESIGN 4,
`dormant` and `org_life`).

A counting liaison is *active* in a period when an activity of a liaison kind joins its two ends inside it:
its source is among the activity's `members` and its target is the activity's `target`, or both ends are
among the `members`. Meetings (org_life, party_day, study) of the duty-line organizations count for the CPC
members of those organizations whom they list.

Everything is computed over whole columns: the activities' member cells are split in arrow, joined ends
become integer pair keys, and liaisons look their key up once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa

from pbgraph._arrays import in_sorted, search_sorted
from pbgraph._texts.tables import NAMES_SEPARATOR, OVERALL_NAME
from pbgraph.analyses._common import (
    check_committee,
    committee_sums,
    facts,
    member_mask,
    rate,
    row_mask,
)
from pbgraph.analyses._joins import in_period, liaison_activity, of_kinds, participation
from pbgraph.analyses.recorded import as_recorded
from pbgraph.graph import committee_orgs, distinct, index_of, node_strings_at, strings_at
from pbgraph.model import (
    DUTY_LINE_KINDS,
    LIAISON_ACTIVITY_KINDS,
    MEETING_KINDS,
    MULTI_VALUE_SEPARATOR,
    LiaisonKind,
)
from pbgraph.period import Period, activity_days, activity_period

if TYPE_CHECKING:
    import datetime as dt

    from pbgraph.dataset import Dataset

DEFAULT_MIN_MEETINGS = 1

DORMANT_COLUMNS = [
    "committee",
    "liaison_kind",
    "source",
    "source_name",
    "target",
    "target_name",
    "since",
    "last_activity",
]
ACTIVITY_RATE_COLUMNS = [
    "committee",
    "committee_name",
    "liaisons",
    "active_liaisons",
    "active_share",
    "non_party_members",
    "effectively_linked_non_party_members",
    "effective_rate",
]
ORG_LIFE_COLUMNS = ["committee", "id", "name", "duty_organizations", "duty_organization_names", "meetings"]
ORG_MEETING_COLUMNS = ["committee", "id", "name", "kind", "cpc_members", "meetings"]
ORG_LIFE_RATE_COLUMNS = [
    "committee",
    "committee_name",
    "duty_line_cpc_members",
    "below_min_meetings",
    "duty_line_organizations",
    "organizations_without_meetings",
]


def has_activities(ds: Dataset) -> bool:
    """Whether the dataset records any activity."""
    return len(ds.activities) > 0


def _checked_period(
    ds: Dataset, committee: str | None, since: str | dt.date | None, until: str | dt.date | None
) -> Period | None:
    """The period an activity analysis looks at, after checking its committee; None when the dataset
    records no activity (the analysis then has no rows)."""
    check_committee(ds, committee)
    period = activity_period(ds, since=since, until=until)
    return period if period is not None and has_activities(ds) else None


def _no_rows(columns: Sequence[str], dtype: str = "object") -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series([], dtype=dtype) for c in columns})


def dormant(
    ds: Dataset,
    *,
    committee: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
) -> pd.DataFrame:
    """Counting liaisons with no liaison activity joining their ends inside the period ("把说了当做了").

    The period defaults to the 12 months ending at the latest activity date. `last_activity` is the date of
    the latest activity joining the two ends up to the end of the period ("" when there was none). A
    liaison belongs to the committee(s) of its source. No rows when no activity is recorded.

    Examples
    --------
    >>> from pbgraph import load
    >>> rows = dormant(load("data/sample"))
    >>> rows[["source", "target", "last_activity"]].values.tolist()[0]
    ['M0180', 'M0050', '2024-11-28']
    """
    period = _checked_period(ds, committee, since, until)
    if period is None:
        return _no_rows(DORMANT_COLUMNS, "str")
    found = liaison_activity(ds, period)
    keep = ~found.active & member_mask(ds, committee)[found.source]
    rows, source, target = found.rows[keep], found.source[keep], found.target[keep]
    last = found.last_at(keep)
    # the ends' ids and the kind from the node tables and the kind codes (a reference is its node's id
    # exactly, a counting liaison has a known kind): of the liaisons' own text only `since` is read
    kinds = pa.array([kind.value for kind in LiaisonKind], pa.string())
    return pd.DataFrame(
        {
            "committee": strings_at(ds.members["committee"], source),
            "liaison_kind": strings_at(kinds, index_of(ds).liaison_kind[rows]),
            # sources are members: node numbers are member rows
            "source": strings_at(ds.members["id"], source),
            "source_name": strings_at(ds.members["name"], source),
            "target": node_strings_at(ds, "id", target),
            "target_name": node_strings_at(ds, "name", target),
            "since": strings_at(ds.liaisons["since"], rows),
            # dates as ISO text ("" where none): arrow writes date32 as YYYY-MM-DD
            "last_activity": pd.array(pa.array(last).cast(pa.string()).fill_null(""), dtype="str"),
        }
    ).astype("str")


def activity_rates(
    ds: Dataset,
    *,
    committee: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
) -> pd.DataFrame:
    """Per committee, then overall: counting liaisons, the active ones and their share, and 有效联系率 =
    non-party members with at least one active counting `member` liaison / non-party members.

    Rates over nothing are None ("n/a"). No rows when no activity is recorded.

    Examples
    --------
    >>> from pbgraph import load
    >>> rows = activity_rates(load("data/sample"))
    >>> rows.iloc[-1]["committee_name"]
    '全部'
    """
    period = _checked_period(ds, committee, since, until)
    if period is None:
        return _no_rows(ACTIVITY_RATE_COLUMNS)
    counts = _rate_counts(ds, period)
    frame = _committee_rows(ds, committee)
    keys = frame["committee"].tolist()
    counts = counts.reindex(keys, fill_value=0)
    for column in ("liaisons", "active_liaisons"):
        frame[column] = counts[column].to_numpy()
    frame["active_share"] = _rates(counts["active_liaisons"], counts["liaisons"])
    for column in ("non_party_members", "effectively_linked_non_party_members"):
        frame[column] = counts[column].to_numpy()
    frame["effective_rate"] = _rates(
        counts["effectively_linked_non_party_members"], counts["non_party_members"]
    )
    return frame


def effectively_linked(ds: Dataset, period: Period) -> np.ndarray:
    """Per member row: a non-party member with at least one active counting `member` liaison."""
    ix = index_of(ds)
    found = liaison_activity(ds, period)
    member_kind = ix.liaison_kind[found.rows] == list(LiaisonKind).index(LiaisonKind.MEMBER)
    linked = np.zeros(len(ds.members), dtype=bool)
    linked[found.target[found.active & member_kind]] = True
    return linked & ~ix.is_cpc


def _rate_counts(ds: Dataset, period: Period) -> pd.DataFrame:
    """Per committee (index "" = overall): liaisons, active ones, non-party and effectively linked members."""
    ix = index_of(ds)
    found = liaison_activity(ds, period)
    members = len(ds.members)
    # a liaison belongs to the committees of its source: counted per source, then over its committee pairs
    return committee_sums(
        ds,
        {
            "liaisons": np.bincount(found.source, minlength=members),
            "active_liaisons": np.bincount(found.source[found.active], minlength=members),
            "non_party_members": ~ix.is_cpc,
            "effectively_linked_non_party_members": effectively_linked(ds, period),
        },
    )


def _committee_rows(ds: Dataset, committee: str | None) -> pd.DataFrame:
    """The rows of a per-committee table: each committee (or the one asked for), then the overall row."""
    committees = committee_orgs(ds)
    if committee is not None:
        committees = committees[committees["id"] == committee]
    overall = committee is None
    return pd.DataFrame(
        {
            "committee": committees["id"].tolist() + ([""] if overall else []),
            "committee_name": committees["name"].tolist() + ([OVERALL_NAME] if overall else []),
        }
    )


def _rates(part: pd.Series, whole: pd.Series) -> pd.Series:
    return pd.Series([rate(int(a), int(b)) for a, b in zip(part, whole, strict=True)], dtype=object)


@dataclass
class _Meetings:
    """Meetings of duty-line organizations inside a period, and who of their CPC members they list."""

    org_rows: np.ndarray
    meetings_per_org: np.ndarray
    member: np.ndarray
    member_of: pd.DataFrame
    meetings_per_member: np.ndarray

    def orgs_of(self, members: np.ndarray) -> list[list[int]]:
        """The duty-line organization rows of each of these members, in table order."""
        pairs = self.member_of[self.member_of["member"].isin(members)].sort_values(["member", "org"])
        grouped = dict(iter(pairs.groupby("member")["org"]))
        return [grouped[m].tolist() for m in members.tolist()]


def _meetings(ds: Dataset, period: Period | None) -> _Meetings:
    label = "all" if period is None else period.label
    return ds.derived(f"meetings:{label}", lambda d: _build_meetings(d, period))


def _build_meetings(ds: Dataset, period: Period | None) -> _Meetings:
    ix = index_of(ds)
    f = facts(ds)
    orgs = ds.organizations
    duty = orgs["kind"].isin([k.value for k in DUTY_LINE_KINDS]).to_numpy()
    roles = f.membership_rows
    member, org = roles["member"].to_numpy(), roles["org"].to_numpy()
    in_duty = duty[org] & ix.is_cpc[member]
    # (member, organization) pairs as one integer key each: distinct, in order of member then organization
    size = np.int64(max(len(orgs), 1))
    keys = distinct(member[in_duty].astype(np.int64) * size + org[in_duty])
    member_of = pd.DataFrame({"member": keys // size, "org": keys % size})
    meetings_per_org = np.zeros(len(orgs), dtype=np.int64)
    meetings_per_member = np.zeros(len(ds.members), dtype=np.int64)
    if period is not None and has_activities(ds):
        # the meetings of the period first, then their organizations: a pass over the few, not every activity
        held = np.flatnonzero(of_kinds(ds, MEETING_KINDS) & in_period(ds, period))
        org_node = ix.column("activities", "organization")[held]
        org_row = org_node - ix.offsets["organizations"]
        is_org = (org_node >= 0) & (org_row >= 0) & (org_row < len(orgs))
        held, org_row = held[is_org], org_row[is_org]
        by_duty = duty[org_row]
        held, org_row = held[by_duty], org_row[by_duty]
        meetings_per_org = np.bincount(org_row, minlength=len(orgs))
        meeting = np.zeros(len(ds.activities), dtype=bool)
        meeting[held] = True
        # a meeting counts for those it lists who belong to the organization that held it
        part = participation(ds)
        listed = np.flatnonzero(meeting[part.activity])
        at = np.searchsorted(held, part.activity[listed])
        attended = part.member[listed].astype(np.int64) * size + org_row[at]
        meetings_per_member = np.bincount(
            attended[in_sorted(attended, keys)] // size, minlength=len(ds.members)
        )
    return _Meetings(
        np.flatnonzero(duty),
        meetings_per_org,
        distinct(keys // size),
        member_of,
        meetings_per_member,
    )


def org_life(
    ds: Dataset,
    *,
    committee: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    min_meetings: int = DEFAULT_MIN_MEETINGS,
) -> pd.DataFrame:
    """双重组织生活: CPC members of a duty-line organization (functional branch, party cell, sub-party group)
    listed in fewer than `min_meetings` meetings of those organizations inside the period.

    No rows when no activity is recorded.

    Examples
    --------
    >>> from pbgraph import load
    >>> org_life(load("data/sample"))[["id", "duty_organizations", "meetings"]].values.tolist()[0]
    ['M0141', 'O011', 0]
    """
    period = _checked_period(ds, committee, since, until)
    if period is None:
        return as_recorded("org_life", _no_rows(ORG_LIFE_COLUMNS), ds.not_recorded)
    found = _meetings(ds, period)
    members = found.member
    below = found.meetings_per_member[members] < min_meetings
    members = members[below & member_mask(ds, committee)[members]]
    orgs_of = found.orgs_of(members)
    # the strings of the rows listed only (a national system's columns hold 640,000 members)
    listed = distinct(np.array([org for orgs in orgs_of for org in orgs], dtype=np.int64))
    org_ids, org_names = (
        dict(zip(listed.tolist(), strings_at(ds.organizations[column], listed).tolist(), strict=True))
        for column in ("id", "name")
    )
    frame = pd.DataFrame(
        {
            **{column: strings_at(ds.members[column], members) for column in ("committee", "id", "name")},
            "duty_organizations": [MULTI_VALUE_SEPARATOR.join(org_ids[o] for o in orgs) for orgs in orgs_of],
            "duty_organization_names": [NAMES_SEPARATOR.join(org_names[o] for o in orgs) for orgs in orgs_of],
            "meetings": found.meetings_per_member[members],
        },
        columns=ORG_LIFE_COLUMNS,
    )
    return as_recorded("org_life", frame, ds.not_recorded)


def org_meetings(
    ds: Dataset,
    *,
    committee: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
) -> pd.DataFrame:
    """Per duty-line organization: its CPC members and the meetings it held inside the period
    (0 = 组织生活不经常). No rows when no activity is recorded.

    Examples
    --------
    >>> from pbgraph import load
    >>> list(org_meetings(load("data/sample")).columns)
    ['committee', 'id', 'name', 'kind', 'cpc_members', 'meetings']
    """
    period = _checked_period(ds, committee, since, until)
    if period is None:
        return as_recorded("org_meetings", _no_rows(ORG_MEETING_COLUMNS), ds.not_recorded)
    found = _meetings(ds, period)
    rows = found.org_rows[row_mask(ds.organizations, committee)[found.org_rows]]
    cpc_members = np.bincount(found.member_of["org"].to_numpy(), minlength=len(ds.organizations))
    frame = ds.organizations.iloc[rows][["committee", "id", "name", "kind"]].reset_index(drop=True)
    frame["cpc_members"] = cpc_members[rows]
    frame["meetings"] = found.meetings_per_org[rows]
    return as_recorded("org_meetings", frame, ds.not_recorded)


def org_life_rates(
    ds: Dataset,
    *,
    committee: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    min_meetings: int = DEFAULT_MIN_MEETINGS,
) -> pd.DataFrame:
    """Per committee, then overall: duty-line CPC members, those below `min_meetings`, duty-line
    organizations and those that held no meeting. No rows when no activity is recorded.

    Examples
    --------
    >>> from pbgraph import load
    >>> org_life_rates(load("data/sample")).iloc[-1]["committee_name"]
    '全部'
    """
    period = _checked_period(ds, committee, since, until)
    if period is None:
        return as_recorded("org_life_rates", _no_rows(ORG_LIFE_RATE_COLUMNS), ds.not_recorded)
    found = _meetings(ds, period)
    duty_line = np.zeros(len(ds.members), dtype=bool)
    duty_line[found.member] = True
    members = committee_sums(
        ds,
        {
            "duty_line_cpc_members": duty_line,
            "below_min_meetings": duty_line & (found.meetings_per_member < min_meetings),
        },
    )
    orgs = ds.organizations.iloc[found.org_rows]
    per_org = pd.DataFrame(
        {
            "committee": orgs["committee"].to_numpy(),
            "duty_line_organizations": 1,
            "organizations_without_meetings": (found.meetings_per_org[found.org_rows] == 0).astype(np.int64),
        }
    )
    organizations = per_org.groupby("committee")[
        ["duty_line_organizations", "organizations_without_meetings"]
    ].sum()
    organizations.loc[""] = per_org[["duty_line_organizations", "organizations_without_meetings"]].sum()
    frame = _committee_rows(ds, committee)
    keys = frame["committee"].tolist()
    members = members.reindex(keys, fill_value=0)
    organizations = organizations.reindex(keys, fill_value=0)
    for column in ("duty_line_cpc_members", "below_min_meetings"):
        frame[column] = members[column].to_numpy()
    for column in ("duty_line_organizations", "organizations_without_meetings"):
        frame[column] = organizations[column].to_numpy()
    # not recorded is unknown (n/a), not 0: who is in a duty-line organization needs both tables, which
    # organizations are duty-line ones (and held no meeting) the organizations
    return as_recorded("org_life_rates", frame, ds.not_recorded)


def activities_per_month(
    ds: Dataset, *, committee: str | None = None, period: Period | None = None
) -> pd.DataFrame:
    """Activities per calendar month (liaison activities and meetings), for the report's chart.

    An activity belongs to a committee when any member it lists does. With a `period`, only its activities,
    and every month it touches, one with no activity as 0 (so that a month without activity shows as
    one, and a stray date outside the period adds no months).

    Examples
    --------
    >>> from pbgraph import load
    >>> list(activities_per_month(load("data/sample")).columns)
    ['month', 'liaison_activities', 'meetings']
    """
    check_committee(ds, committee)
    columns = ["month", "liaison_activities", "meetings"]
    if not has_activities(ds):
        return _no_rows(columns)
    keep = np.ones(len(ds.activities), dtype=bool)
    if committee is not None:
        part = participation(ds)
        keep = np.zeros(len(ds.activities), dtype=bool)
        keep[part.activity[member_mask(ds, committee)[part.member]]] = True
    if period is not None:
        keep &= in_period(ds, period)
    months = activity_days(ds).astype("datetime64[M]")[keep]
    # grouped on month numbers, the few distinct months then written as text ("NaT", an unreadable date, last
    # as in text order)
    codes = np.where(np.isnat(months), np.iinfo(np.int64).max, months.view(np.int64))
    distinct_codes, group = np.unique(codes, return_inverse=True)
    distinct_months = distinct_codes.copy()
    distinct_months[distinct_codes == np.iinfo(np.int64).max] = np.datetime64("NaT").view(np.int64)
    size = len(distinct_codes)
    frame = pd.DataFrame(
        {
            "month": distinct_months.view("datetime64[M]").astype(str),
            "liaison_activities": np.bincount(
                group, weights=of_kinds(ds, LIAISON_ACTIVITY_KINDS)[keep], minlength=size
            ).astype(np.int64),
            "meetings": np.bincount(group, weights=of_kinds(ds, MEETING_KINDS)[keep], minlength=size).astype(
                np.int64
            ),
        }
    )
    if period is None:
        return frame
    every = np.arange(np.datetime64(period.since, "M"), np.datetime64(period.until, "M") + 1).astype(str)
    return frame.set_index("month").reindex(every, fill_value=0).rename_axis("month").reset_index()


__all__ = [
    "DEFAULT_MIN_MEETINGS",
    "activities_per_month",
    "activity_rates",
    "dormant",
    "effectively_linked",
    "has_activities",
    "org_life",
    "org_life_rates",
    "org_meetings",
    "pair_activity",
]


def pair_activity(
    ds: Dataset, source: np.ndarray, target: np.ndarray, period: Period | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """For liaisons given by their end node numbers: whether each is dormant (a counting liaison with no
    liaison activity in the period, default the 12 months ending at the latest activity), and the date of
    its last activity up to the period's end ("" when none). All False and "" without activities.

    The views use it to fade dormant liaisons and show the last activity.
    """
    dormant_flags = np.zeros(len(source), dtype=bool)
    last = np.full(len(source), "", dtype=object)
    if period is None:
        period = activity_period(ds) if has_activities(ds) else None
    if period is None or not len(source):
        return dormant_flags, last
    found = liaison_activity(ds, period)
    n = np.int64(index_of(ds).size)
    keys = found.source * n + found.target
    order = np.argsort(keys, kind="stable")
    wanted = np.asarray(source, dtype=np.int64) * n + np.asarray(target, dtype=np.int64)
    at = search_sorted(keys[order], wanted)
    hit = (at < len(keys)) & (keys[order][np.minimum(at, len(keys) - 1)] == wanted)
    rows = order[np.minimum(at, len(keys) - 1)]
    dormant_flags[hit] = ~found.active[rows[hit]]
    dates = found.last_at(rows[hit])
    last[hit] = np.where(np.isnat(dates), "", dates.astype(str))
    return dormant_flags, last

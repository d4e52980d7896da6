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
import pyarrow.compute as pc

from pbgraph._texts.tables import OVERALL_NAME
from pbgraph.analyses._common import check_committee, facts, member_mask, rate, row_mask
from pbgraph.graph import arrow_strings, committee_orgs, distinct, index_of, strings_at
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
    from collections.abc import Iterable
    from enum import StrEnum

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


@dataclass
class _Participation:
    """The activities exploded to one row per (activity row, member row), with node numbers and days."""

    activity: np.ndarray
    member: np.ndarray


def _participation(ds: Dataset) -> _Participation:
    def build(d: Dataset) -> tuple[np.ndarray, np.ndarray]:
        cells = arrow_strings(d.activities["members"])
        parts = pc.split_pattern(cells, MULTI_VALUE_SEPARATOR)
        flat = pc.utf8_trim_whitespace(pc.list_flatten(parts))
        parents = np.asarray(pc.list_parent_indices(parts), dtype=np.int64)
        numbers = index_of(d).lookup(flat)
        # validation has made every listed id a member: guard anyway, a member is a node below the sectors
        keep = (numbers >= 0) & (numbers < len(d.members))
        return parents[keep], numbers[keep]

    # plain arrays under the key: the dataset cache keeps them (see `pbgraph.cache.PERSISTED`)
    activity, member = ds.derived("activity_participation", build)
    return _Participation(activity, member)


def _of_kinds(ds: Dataset, kinds: Iterable[StrEnum]) -> np.ndarray:
    """Per activity row: whether its kind is one of `kinds`."""
    column = arrow_strings(ds.activities["kind"])
    return np.asarray(pc.is_in(column, pa.array([k.value for k in kinds], pa.string())), dtype=bool)


def _in_period(ds: Dataset, period: Period) -> np.ndarray:
    days = activity_days(ds)
    return (days >= np.datetime64(period.since, "D")) & (days <= np.datetime64(period.until, "D"))


def _joined_pairs(ds: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """Every (pair key, activity row) that a liaison activity joins: member × target, and ordered pairs of
    distinct members listed together. Key = first node × node count + second node."""

    def build(d: Dataset) -> tuple[np.ndarray, np.ndarray]:
        ix = index_of(d)
        n = np.int64(ix.size)
        part = _participation(d)
        liaison_activity = _of_kinds(d, LIAISON_ACTIVITY_KINDS)
        target = ix.column("activities", "target") if len(d.activities) else np.zeros(0, dtype=np.int64)
        rows = liaison_activity[part.activity]
        activity, member = part.activity[rows], part.member[rows]
        with_target = target[activity] >= 0
        keys = [member[with_target] * n + target[activity[with_target]]]
        owners = [activity[with_target]]
        # members listed together join each other (an event with two members)
        counts = np.bincount(activity, minlength=len(d.activities))
        shared = counts[activity] >= 2
        if shared.any():
            together = pd.DataFrame({"activity": activity[shared], "member": member[shared]})
            pairs = together.merge(together, on="activity", suffixes=("", "_other"))
            pairs = pairs[pairs["member"] != pairs["member_other"]]
            keys.append(pairs["member"].to_numpy() * n + pairs["member_other"].to_numpy())
            owners.append(pairs["activity"].to_numpy())
        return np.concatenate(keys).astype(np.int64), np.concatenate(owners).astype(np.int64)

    return ds.derived("activity_pairs", build)


@dataclass
class _LiaisonActivity:
    """Distinct counting liaisons (first row of each source, target, kind) and their activity."""

    rows: np.ndarray
    source: np.ndarray
    target: np.ndarray
    active: np.ndarray
    last: np.ndarray


def _liaison_activity(ds: Dataset, period: Period) -> _LiaisonActivity:
    return ds.derived(f"liaison_activity:{period.label}", lambda d: _build_liaison_activity(d, period))


def _distinct_liaisons(ds: Dataset) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The distinct counting liaisons, whatever the period: the first row of each source, target, kind (rows,
    sources, targets), and each one's pair: its position among the distinct source × target keys."""

    def build(d: Dataset) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        ix = index_of(d)
        n = np.int64(ix.size)
        counting = np.flatnonzero(ix.counting)
        source, target = ix.liaison_source[counting], ix.liaison_target[counting]
        kind = ix.liaison_kind[counting].astype(np.int64)
        # the first row of each (source, target, kind): a stable sort, then the first of each run
        triples = (source * n + target) * len(LiaisonKind) + kind
        order = np.argsort(triples, kind="stable")
        ordered = triples[order]
        first = np.sort(order[np.concatenate(([True], ordered[1:] != ordered[:-1]))])
        rows, source, target = counting[first], source[first], target[first]
        return rows, source, target, np.searchsorted(distinct(source * n + target), source * n + target)

    # plain arrays under the key: the dataset cache keeps them (see `pbgraph.cache.PERSISTED`)
    return ds.derived("liaison_pairs", build)


def _joined_liaisons(ds: Dataset) -> np.ndarray:
    """Per joined (pair key, activity) of :func:`_joined_pairs`: the pair of :func:`_distinct_liaisons` it
    is (-1: no liaison joins those two)."""

    def build(d: Dataset) -> np.ndarray:
        _, source, target, pair = _distinct_liaisons(d)
        keys = np.zeros(int(pair.max()) + 1 if len(pair) else 0, dtype=np.int64)
        keys[pair] = source * np.int64(index_of(d).size) + target
        pair_keys, _ = _joined_pairs(d)
        if not len(keys):
            return np.full(len(pair_keys), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(keys, pair_keys), len(keys) - 1)
        return np.where(keys[at] == pair_keys, at, -1)

    return ds.derived("activity_pair_liaisons", build)


def _build_liaison_activity(ds: Dataset, period: Period) -> _LiaisonActivity:
    rows, source, target, pair = _distinct_liaisons(ds)
    joined = _joined_liaisons(ds)
    _, owners = _joined_pairs(ds)
    days = activity_days(ds)[owners].astype(np.int64)
    until = np.datetime64(period.until, "D").astype(np.int64)
    since = np.datetime64(period.since, "D").astype(np.int64)
    upto = (joined >= 0) & (days <= until)
    in_period = upto & (days >= since)
    pairs = int(pair.max()) + 1 if len(pair) else 0  # every distinct source × target key is some liaison's
    active = (np.bincount(joined[in_period], minlength=pairs) > 0)[pair]
    # the last activity up to the end of the period, per pair (NaT, the smallest day, where none)
    latest = np.full(pairs, np.datetime64("NaT", "D").astype(np.int64))
    np.maximum.at(latest, joined[upto], days[upto])
    last = latest[pair].astype("datetime64[D]")
    return _LiaisonActivity(rows, source, target, active, last)


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
    found = _liaison_activity(ds, period)
    keep = ~found.active & member_mask(ds, committee)[found.source]
    rows = found.rows[keep]
    liaisons = ds.liaisons
    names = index_of(ds).names
    last = found.last[keep]
    return pd.DataFrame(
        {
            "committee": strings_at(ds.members["committee"], found.source[keep]),
            "liaison_kind": strings_at(liaisons["kind"], rows),
            "source": strings_at(liaisons["source"], rows),
            "source_name": strings_at(names, found.source[keep]),
            "target": strings_at(liaisons["target"], rows),
            "target_name": strings_at(names, found.target[keep]),
            "since": strings_at(liaisons["since"], rows),
            "last_activity": np.where(np.isnat(last), "", last.astype(str)),
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
    found = _liaison_activity(ds, period)
    member_kind = ix.liaison_kind[found.rows] == list(LiaisonKind).index(LiaisonKind.MEMBER)
    linked = np.zeros(len(ds.members), dtype=bool)
    linked[found.target[found.active & member_kind]] = True
    return linked & ~ix.is_cpc


def _rate_counts(ds: Dataset, period: Period) -> pd.DataFrame:
    """Per committee (index "" = overall): liaisons, active ones, non-party and effectively linked members."""
    ix = index_of(ds)
    found = _liaison_activity(ds, period)
    pairs = ds.member_committees
    # a liaison belongs to the committees of its source: explode over the source's committee pairs
    liaison_frame = pd.DataFrame(
        {"source": found.source, "liaisons": 1, "active_liaisons": found.active.astype(np.int64)}
    )
    by_source = liaison_frame.groupby("source")[["liaisons", "active_liaisons"]].sum()
    member_counts = pd.DataFrame(
        {
            "liaisons": np.zeros(len(ds.members), dtype=np.int64),
            "active_liaisons": np.zeros(len(ds.members), dtype=np.int64),
            "non_party_members": (~ix.is_cpc).astype(np.int64),
            "effectively_linked_non_party_members": effectively_linked(ds, period).astype(np.int64),
        }
    )
    member_counts.loc[by_source.index.to_numpy(), ["liaisons", "active_liaisons"]] = by_source.to_numpy()
    per_committee = (
        member_counts.iloc[pairs["member"].to_numpy()].groupby(pairs["committee"].to_numpy()).sum()
    )
    per_committee.loc[""] = member_counts.sum()
    return per_committee


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
    ix = index_of(ds)
    f = facts(ds)
    orgs = ds.organizations
    duty = orgs["kind"].isin([k.value for k in DUTY_LINE_KINDS]).to_numpy()
    roles = f.membership_rows
    in_duty = duty[roles["org"].to_numpy()] & ix.is_cpc[roles["member"].to_numpy()]
    member_of = roles.loc[in_duty, ["member", "org"]].drop_duplicates()
    meetings_per_org = np.zeros(len(orgs), dtype=np.int64)
    meetings_per_member = np.zeros(len(ds.members), dtype=np.int64)
    if period is not None and has_activities(ds):
        org_node = ix.column("activities", "organization")
        org_row = org_node - ix.offsets["organizations"]
        is_org = (org_node >= 0) & (org_row >= 0) & (org_row < len(orgs))
        meeting = _of_kinds(ds, MEETING_KINDS) & _in_period(ds, period) & is_org
        meeting &= duty[np.where(is_org, org_row, 0)]
        np.add.at(meetings_per_org, org_row[meeting], 1)
        # a meeting counts for those it lists who belong to the organization that held it
        part = _participation(ds)
        listed = meeting[part.activity]
        attended = pd.DataFrame({"member": part.member[listed], "org": org_row[part.activity[listed]]})
        attended = attended.merge(member_of, on=["member", "org"])
        np.add.at(meetings_per_member, attended["member"].to_numpy(), 1)
    return _Meetings(
        np.flatnonzero(duty),
        meetings_per_org,
        np.unique(member_of["member"].to_numpy()).astype(np.int64),
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
        return _no_rows(ORG_LIFE_COLUMNS)
    found = _meetings(ds, period)
    members = found.member
    below = found.meetings_per_member[members] < min_meetings
    members = members[below & member_mask(ds, committee)[members]]
    org_ids = ds.organizations["id"].to_numpy(dtype=object)
    org_names = ds.organizations["name"].to_numpy(dtype=object)
    orgs_of = found.orgs_of(members)
    return pd.DataFrame(
        {
            "committee": ds.members["committee"].to_numpy(dtype=object)[members],
            "id": ds.members["id"].to_numpy(dtype=object)[members],
            "name": ds.members["name"].to_numpy(dtype=object)[members],
            "duty_organizations": [MULTI_VALUE_SEPARATOR.join(org_ids[orgs]) for orgs in orgs_of],
            "duty_organization_names": ["、".join(org_names[orgs]) for orgs in orgs_of],
            "meetings": found.meetings_per_member[members],
        },
        columns=ORG_LIFE_COLUMNS,
    )


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
        return _no_rows(ORG_MEETING_COLUMNS)
    found = _meetings(ds, period)
    rows = found.org_rows[row_mask(ds.organizations, committee)[found.org_rows]]
    cpc_members = np.bincount(found.member_of["org"].to_numpy(), minlength=len(ds.organizations))
    frame = ds.organizations.iloc[rows][["committee", "id", "name", "kind"]].reset_index(drop=True)
    frame["cpc_members"] = cpc_members[rows]
    frame["meetings"] = found.meetings_per_org[rows]
    return frame


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
        return _no_rows(ORG_LIFE_RATE_COLUMNS)
    found = _meetings(ds, period)
    per_member = pd.DataFrame(
        {
            "duty_line_cpc_members": np.zeros(len(ds.members), dtype=np.int64),
            "below_min_meetings": np.zeros(len(ds.members), dtype=np.int64),
        }
    )
    per_member.loc[found.member, "duty_line_cpc_members"] = 1
    per_member.loc[found.member, "below_min_meetings"] = (
        found.meetings_per_member[found.member] < min_meetings
    ).astype(np.int64)
    pairs = ds.member_committees
    members = per_member.iloc[pairs["member"].to_numpy()].groupby(pairs["committee"].to_numpy()).sum()
    members.loc[""] = per_member.sum()
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
    return frame


def activities_per_month(ds: Dataset, *, committee: str | None = None) -> pd.DataFrame:
    """Activities per calendar month (liaison activities and meetings), for the report's chart.

    An activity belongs to a committee when any member it lists does.

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
        part = _participation(ds)
        keep = np.zeros(len(ds.activities), dtype=bool)
        keep[part.activity[member_mask(ds, committee)[part.member]]] = True
    months = activity_days(ds).astype("datetime64[M]")[keep]
    # grouped on month numbers, the few distinct months then written as text ("NaT", an unreadable date, last
    # as in text order)
    codes = np.where(np.isnat(months), np.iinfo(np.int64).max, months.view(np.int64))
    distinct_codes, group = np.unique(codes, return_inverse=True)
    distinct_months = distinct_codes.copy()
    distinct_months[distinct_codes == np.iinfo(np.int64).max] = np.datetime64("NaT").view(np.int64)
    size = len(distinct_codes)
    return pd.DataFrame(
        {
            "month": distinct_months.view("datetime64[M]").astype(str),
            "liaison_activities": np.bincount(
                group, weights=_of_kinds(ds, LIAISON_ACTIVITY_KINDS)[keep], minlength=size
            ).astype(np.int64),
            "meetings": np.bincount(group, weights=_of_kinds(ds, MEETING_KINDS)[keep], minlength=size).astype(
                np.int64
            ),
        }
    )


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
    found = _liaison_activity(ds, period)
    n = np.int64(index_of(ds).size)
    keys = found.source * n + found.target
    order = np.argsort(keys, kind="stable")
    wanted = np.asarray(source, dtype=np.int64) * n + np.asarray(target, dtype=np.int64)
    at = np.searchsorted(keys[order], wanted)
    hit = (at < len(keys)) & (keys[order][np.minimum(at, len(keys) - 1)] == wanted)
    rows = order[np.minimum(at, len(keys) - 1)]
    dormant_flags[hit] = ~found.active[rows[hit]]
    dates = found.last[rows[hit]]
    last[hit] = np.where(np.isnat(dates), "", dates.astype(str))
    return dormant_flags, last

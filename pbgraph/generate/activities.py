"""A realistic year of activities for a generated committee system (the `activities` table).

Most liaisons are exercised a few times in the year (a CPC member and a non-party member typically meet
two to four times: 谈心谈话, 走访, 电话联系, now and then a 座谈 that lists both); some liaisons never show
in the log, some only in the year before; contacts are reached about once a year. Duty-line organizations
(履职党支部, 界别党小组, 专委会分党组) meet a few times a year, each meeting listing most of their members;
some never meet. Everything is drawn over whole columns, so the national system (≈ 13 activities per
member) takes seconds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pbgraph.model import (
    ACTIVITY_KIND_ZH,
    DUTY_LINE_KINDS,
    MULTI_VALUE_SEPARATOR,
    ORG_KIND_ALIASES,
    TABLES,
    ActivityKind,
    LiaisonKind,
    OrgKind,
)

ACTIVITY_YEAR = 2025
"""The logged year; liaisons that lapsed were last exercised the year before."""
NEVER_ACTIVE_SHARE = 0.10
LAPSED_SHARE = 0.06
SILENT_ORGANIZATION_SHARE = 0.08
ATTENDANCE = 0.85

_LIAISON_KINDS = (ActivityKind.TALK, ActivityKind.VISIT, ActivityKind.CALL, ActivityKind.EVENT)
_LIAISON_KIND_WEIGHTS = (0.35, 0.3, 0.3, 0.05)
_MEETING_KINDS = (ActivityKind.ORG_LIFE, ActivityKind.PARTY_DAY, ActivityKind.STUDY)
_MEETING_KIND_WEIGHTS = (0.5, 0.3, 0.2)
# extra activities (beyond the first) per exercised liaison, by liaison kind
_EXTRA_PER_LIAISON = {
    LiaisonKind.MEMBER: 2.0,
    LiaisonKind.SECTOR: 2.0,
    LiaisonKind.TOWNSHIP: 1.5,
    LiaisonKind.CONTACT: 0.1,
}


def _days(rng: np.random.Generator, year: np.ndarray) -> np.ndarray:
    """A uniform day of the given years."""
    start = (year - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    end = (year - 1969).astype("datetime64[Y]").astype("datetime64[D]")
    length = (end - start).astype(np.int64)
    return start + (rng.random(len(year)) * length).astype(np.int64)


def _kind_names(codes: tuple[ActivityKind, ...], positions: np.ndarray) -> pa.Array:
    names = pa.array([ACTIVITY_KIND_ZH[c] for c in codes], type=pa.string())
    return names.take(pa.array(positions.astype(np.int64)))


def _liaison_activities(
    liaisons: pd.DataFrame, rng: np.random.Generator, never_share: float, lapsed_share: float
) -> dict[str, pa.Array | np.ndarray]:
    n = len(liaisons)
    kind = liaisons["kind"].to_numpy(dtype=object)
    status = rng.random(n)
    never = status < never_share
    lapsed = ~never & (status < never_share + lapsed_share)
    extra = np.zeros(n)
    for liaison_kind, mean in _EXTRA_PER_LIAISON.items():
        extra[kind == liaison_kind.value] = mean
    count = np.where(never, 0, 1 + rng.poisson(np.where(lapsed, 0.3, extra)))
    rows = np.repeat(np.arange(n), count)
    year = np.where(lapsed[rows], ACTIVITY_YEAR - 1, ACTIVITY_YEAR)
    activity_kind = rng.choice(len(_LIAISON_KINDS), size=len(rows), p=_LIAISON_KIND_WEIGHTS)
    source = pa.array(liaisons["source"].to_numpy(dtype=object)[rows], type=pa.string())
    target = pa.array(liaisons["target"].to_numpy(dtype=object)[rows], type=pa.string())
    # an event between two members lists them both, with no target
    together = (activity_kind == _LIAISON_KINDS.index(ActivityKind.EVENT)) & (
        kind[rows] == LiaisonKind.MEMBER.value
    )
    mask = pa.array(together)
    members = pc.if_else(mask, pc.binary_join_element_wise(source, target, MULTI_VALUE_SEPARATOR), source)
    return {
        "day": _days(rng, year),
        "kind": _kind_names(_LIAISON_KINDS, activity_kind),
        "members": members,
        "target": pc.if_else(mask, "", target),
        "organization": pa.array(np.full(len(rows), "", dtype=object), type=pa.string()),
    }


def _meetings(
    organizations: pd.DataFrame, memberships: pd.DataFrame, rng: np.random.Generator, silent_share: float
) -> dict[str, pa.Array | np.ndarray]:
    codes = organizations["kind"].map(lambda k: ORG_KIND_ALIASES.get(k, k)).to_numpy(dtype=object)
    duty = np.isin(codes, [OrgKind(k).value for k in DUTY_LINE_KINDS])
    org_ids = organizations["id"].to_numpy(dtype=object)
    # the members of each duty-line organization, grouped by organization
    position = pd.Series(np.arange(len(org_ids)), index=org_ids)
    org_of = position.reindex(memberships["organization"].to_numpy()).to_numpy()
    keep = ~np.isnan(org_of)
    org_of = org_of[keep].astype(np.int64)
    keep_duty = duty[org_of]
    org_of = org_of[keep_duty]
    member_ids = memberships["member"].to_numpy(dtype=object)[keep][keep_duty]
    order = np.argsort(org_of, kind="stable")
    org_of, member_ids = org_of[order], member_ids[order]
    size = np.bincount(org_of, minlength=len(org_ids))
    start = np.concatenate([[0], np.cumsum(size)[:-1]])
    silent = rng.random(len(org_ids)) < silent_share
    meetings = np.where(duty & ~silent & (size > 0), 2 + rng.poisson(4, len(org_ids)), 0)
    org = np.repeat(np.arange(len(org_ids)), meetings)
    # one slot per (meeting, member of its organization); most members attend, the first always does
    slots = size[org]
    meeting_of_slot = np.repeat(np.arange(len(org)), slots)
    offset = np.arange(len(meeting_of_slot)) - np.repeat(np.cumsum(slots) - slots, slots)
    member_position = start[org][meeting_of_slot] + offset
    attend = (rng.random(len(meeting_of_slot)) < ATTENDANCE) | (offset == 0)
    attended = np.bincount(meeting_of_slot[attend], minlength=len(org))
    values = pa.array(member_ids[member_position[attend]], type=pa.string())
    offsets = pa.array(np.concatenate([[0], np.cumsum(attended)]).astype(np.int32))
    members = pc.binary_join(pa.ListArray.from_arrays(offsets, values), MULTI_VALUE_SEPARATOR)
    kind = rng.choice(len(_MEETING_KINDS), size=len(org), p=_MEETING_KIND_WEIGHTS)
    return {
        "day": _days(rng, np.full(len(org), ACTIVITY_YEAR)),
        "kind": _kind_names(_MEETING_KINDS, kind),
        "members": members,
        "target": pa.array(np.full(len(org), "", dtype=object), type=pa.string()),
        "organization": pa.array(org_ids[org], type=pa.string()),
    }


def generate_activities(
    tables: dict[str, pd.DataFrame],
    *,
    seed: int,
    never_share: float = NEVER_ACTIVE_SHARE,
    lapsed_share: float = LAPSED_SHARE,
    silent_share: float = SILENT_ORGANIZATION_SHARE,
) -> pd.DataFrame:
    """A year of activities for generated tables (their liaisons, organizations and memberships).

    `never_share` of the liaisons are never exercised, `lapsed_share` only in the year before; `silent_share`
    of the duty-line organizations never meet. The same tables and seed give the same activities, in date
    order.
    """
    rng = np.random.default_rng([seed, 14])
    parts = [
        _liaison_activities(tables["liaisons"], rng, never_share, lapsed_share),
        _meetings(tables["organizations"], tables["memberships"], rng, silent_share),
    ]
    days = np.concatenate([p["day"] for p in parts])
    order = pa.array(np.argsort(days, kind="stable"))
    columns = {
        name: pa.chunked_array([p[name] for p in parts], type=pa.string()).combine_chunks().take(order)
        for name in ("kind", "members", "target", "organization")
    }
    n = len(days)
    frame = pd.DataFrame(
        {
            "date": pd.Series(np.sort(days, kind="stable").astype(str), dtype="str"),
            "kind": pd.Series(pd.array(columns["kind"], dtype="str")),
            "members": pd.Series(pd.array(columns["members"], dtype="str")),
            "target": pd.Series(pd.array(columns["target"], dtype="str")),
            "organization": pd.Series(pd.array(columns["organization"], dtype="str")),
            "note": pd.Series(np.full(n, "", dtype=object), dtype="str"),
        }
    )
    assert list(frame.columns) == list(TABLES["activities"].column_names)
    return frame

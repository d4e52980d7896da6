"""What changed between two states of a committee system (DESIGN 4.1): `diff` (换届, 动态管理) and `whatif`
(the dataset without some members: a departure, 末位淘汰).

Entities are matched by id, or with `match="name"` by name: members by name (by name and sector where a name
repeats in either dataset, then by order), every other node by its table, name and committee. Every
comparison works on integer codes of those keys, so that two national systems compare in seconds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pbgraph._arrays import first_of_each, isin_sorted
from pbgraph._change_codes import EntityCodes, with_ids_from
from pbgraph._errors import InvalidOptionError, UnknownIdError
from pbgraph._gap_changes import GAP_ANALYSES, GAP_CHANGES, gap_changes
from pbgraph._texts import both
from pbgraph._texts.cli import ERRORS
from pbgraph._texts.tables import OVERALL_NAME
from pbgraph.analyses._common import facts, not_recorded, rate
from pbgraph.analyses.workload import DEFAULT_MAX_LOAD
from pbgraph.graph import committee_orgs
from pbgraph.model import NODE_TABLES, LiaisonKind, Role

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset

MATCH_MODES = ("id", "name")
MEMBER_FIELDS = ("party", "sector", "township", "committee", "party_group")
"""The member attributes whose change `diff` reports."""

CHANGE_TABLES = ("members", "liaisons", "organizations", "memberships", "gaps")


@dataclass
class Diff:
    """What :func:`diff` found. Every table names entities by id with the name beside it.

    Attributes
    ----------
    members
        change (joined, left, changed), committee, id, name, field, before, after: one row per joined or left
        member, one per changed field (party, sector, township, committee, party_group; places by name).
    liaisons
        change (added, removed, broken: removed because an end left), kind, source, source_name, target,
        target_name.
    organizations
        change (added, removed), committee, id, name, kind.
    memberships
        change (added, removed), member, member_name, organization, organization_name, role.
    rates
        Per committee (and overall, last): both coverage rates before and after.
    gaps
        change (opened, closed, worsened: a milder gap that gave way to a worse one of the same entity, see
        `WORSE_GAPS`; gone: a gap whose entity is not in the new dataset, so it left with them and did not
        close), analysis (one of `GAP_ANALYSES`), committee, id, name, gap.
    Matched by name, every table also says whose ids a row gives (`ids_from`, see `with_ids_from`).
    """

    members: pd.DataFrame
    liaisons: pd.DataFrame
    organizations: pd.DataFrame
    memberships: pd.DataFrame
    rates: pd.DataFrame
    gaps: pd.DataFrame

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name, the summary first."""
        return {
            "summary": self.summary,
            "member_changes": self.members,
            "liaison_changes": self.liaisons,
            "organization_changes": self.organizations,
            "membership_changes": self.memberships,
            "rates": self.rates,
            "gap_changes": self.gaps,
        }

    @property
    def is_empty(self) -> bool:
        """Whether nothing changed (the rates are then equal before and after)."""
        return all(getattr(self, name).empty for name in CHANGE_TABLES)

    @property
    def summary(self) -> pd.DataFrame:
        """How many rows of each change: (table, change, count)."""
        counts = [
            (name, change, int((frame["change"] == change).sum()))
            for name, changes in (
                ("members", ("joined", "left", "changed")),
                ("liaisons", ("added", "removed", "broken")),
                ("organizations", ("added", "removed")),
                ("memberships", ("added", "removed")),
                ("gaps", GAP_CHANGES),
            )
            for frame in [getattr(self, name)]
            for change in changes
        ]
        return pd.DataFrame(counts, columns=["table", "change", "count"])


def diff(
    old: Dataset,
    new: Dataset,
    *,
    match: str = "id",
    max_load: int = DEFAULT_MAX_LOAD,
) -> Diff:
    """Compare two datasets (before and after a 换届, or two dates of 动态管理).

    Parameters
    ----------
    match
        "id" (default): entities are the same when their ids are; "name": members by name (then sector where
        a name repeats), other entities by table, name and committee.
    max_load
        For the `overloaded` gap list.

    Examples
    --------
    >>> from pbgraph import load
    >>> ds = load("tests/fixtures/plan")
    >>> diff(ds, ds).is_empty
    True
    >>> after = whatif(ds, ["A2"])
    >>> after.liaisons[["change", "source", "target"]].to_records(index=False).tolist()
    [('broken', 'A2', 'T2')]
    """
    if match not in MATCH_MODES:
        raise InvalidOptionError(*both(ERRORS, "bad_match", match=match))
    codes = EntityCodes(old, new, by_name=match == "name")
    rates = _rates(old, new, codes)
    found = Diff(
        members=_member_changes(old, new, codes),
        liaisons=_liaison_changes(old, new, codes),
        organizations=_organization_changes(old, new, codes),
        memberships=_membership_changes(old, new, codes),
        rates=rates.drop(columns="in_new"),
        gaps=gap_changes(old, new, codes, max_load),
    )
    if match == "name":
        # an id may be two people in the two datasets: each row says whose ids it gives
        return Diff(
            **with_ids_from({n: getattr(found, n) for n in CHANGE_TABLES}, found.rates, rates["in_new"])
        )
    return found


def without_members(ds: Dataset, remove: Iterable[str]) -> Dataset:
    """The dataset without some members and every liaison and membership of theirs.

    Raises
    ------
    pbgraph.UnknownIdError
        When an id is not a member of the dataset (nor the name of one), or a name is that of several.
    """
    # a member may be given by name (an office knows its members by name)
    remove = list(dict.fromkeys(ds.id_for("members", given) for given in remove))
    known = ds.members["id"].isin(remove).to_numpy()
    unknown = sorted(set(remove) - set(ds.members["id"][known]))
    if unknown:
        raise UnknownIdError(
            *both(ERRORS, "unknown_members", ids_zh="、".join(unknown), ids_en=", ".join(unknown))
        )
    gone = set(remove)
    liaisons = ds.liaisons
    keep_liaisons = ~(liaisons["source"].isin(gone) | liaisons["target"].isin(gone)).to_numpy()
    memberships = ds.memberships
    keep_memberships = ~memberships["member"].isin(gone).to_numpy()
    reduced = dataclasses.replace(
        ds,
        members=ds.members[~known].reset_index(drop=True),
        liaisons=liaisons[keep_liaisons].reset_index(drop=True),
        memberships=memberships[keep_memberships].reset_index(drop=True),
        warnings=[],
    )
    _seed_index(ds, reduced, {"members": ~known, "liaisons": keep_liaisons, "memberships": keep_memberships})
    return reduced


_REFERENCE_COLUMNS = (
    ("members", "sector"),
    ("members", "township"),
    ("sectors", "group"),
    ("organizations", "parent"),
    ("organizations", "township"),
    ("memberships", "member"),
    ("memberships", "organization"),
    ("liaisons", "source"),
    ("liaisons", "target"),
    ("contacts", "township"),
)


def _seed_index(ds: Dataset, reduced: Dataset, kept: dict[str, np.ndarray]) -> None:
    """Give `reduced` (`ds` with some rows left out) the reference columns `ds` has resolved, renumbered,
    so that nothing is looked up twice."""
    ix = facts(ds).index
    removed = np.zeros(ix.size, dtype=bool)
    removed[ix.numbers("members")[~kept["members"]]] = True
    renumbered = np.where(removed, -1, np.arange(ix.size) - np.cumsum(removed))
    columns = {}
    for table, column in _REFERENCE_COLUMNS:
        numbers = ix.column(table, column)
        if table in kept:
            numbers = numbers[kept[table]]
        columns[(table, column)] = np.where(numbers >= 0, renumbered[np.maximum(numbers, 0)], -1)
    facts(reduced).index.seed(columns)


def whatif(ds: Dataset, remove: Iterable[str], *, max_load: int = DEFAULT_MAX_LOAD) -> Diff:
    """The :func:`diff` between the dataset and the dataset without the members `remove` (by id): who becomes
    unlinked or fragile, which sectors and townships lose their only liaison, the rates after."""
    return diff(ds, without_members(ds, remove), max_load=max_load)


# ---------------------------------------------------------------------------------------------------------
# matching: integer codes for the keys of every node of both datasets


# ---------------------------------------------------------------------------------------------------------
# the change tables


def _member_codes(ds: Dataset, codes: EntityCodes) -> np.ndarray:
    ix = facts(ds).index
    return codes.node(ds)[ix.numbers("members")]


def _committee_signature(ds: Dataset, codes: EntityCodes) -> np.ndarray:
    """Per member row: a number that is equal when the (matched) committees are."""
    pairs = ds.member_committees
    committee_codes = codes.of_ids(ds, pairs["committee"], ("organizations",))
    member = pairs["member"].to_numpy()
    signature = np.full(len(ds.members), -1, dtype=np.int64)
    signature[member] = committee_codes
    several = np.bincount(member, minlength=len(ds.members)) > 1
    if several.any():
        # the rare member of several committees: their sorted codes, numbered above every single code
        for row in np.flatnonzero(several):
            found = tuple(sorted(committee_codes[member == row].tolist()))
            signature[row] = codes.size + hash(found) % (2**40)
    return signature


def _member_changes(old: Dataset, new: Dataset, codes: EntityCodes) -> pd.DataFrame:
    old_codes, new_codes = _member_codes(old, codes), _member_codes(new, codes)
    in_new = isin_sorted(old_codes, new_codes)
    in_old = isin_sorted(new_codes, old_codes)
    frames = [
        _member_rows(new, np.flatnonzero(~in_old), "joined"),
        _member_rows(old, np.flatnonzero(~in_new), "left"),
    ]
    # both: align the new rows to the old ones
    old_rows = np.flatnonzero(in_new)
    position = pd.Index(new_codes).get_indexer(old_codes[old_rows])
    new_rows = position
    fields = {
        "party": (old.members["party"].to_numpy()[old_rows], new.members["party"].to_numpy()[new_rows]),
        "sector": (
            codes.of_column(old, "members", "sector")[old_rows],
            codes.of_column(new, "members", "sector")[new_rows],
        ),
        "township": (
            codes.of_column(old, "members", "township")[old_rows],
            codes.of_column(new, "members", "township")[new_rows],
        ),
        "committee": (_committee_signature(old, codes)[old_rows], _committee_signature(new, codes)[new_rows]),
        "party_group": (
            old.members["party_group"].to_numpy(dtype=bool)[old_rows],
            new.members["party_group"].to_numpy(dtype=bool)[new_rows],
        ),
    }
    changed_parts = []
    for order, (field, (before, after)) in enumerate(fields.items()):
        differ = np.flatnonzero(before != after)
        if not len(differ):
            continue
        rows_old, rows_new = old_rows[differ], new_rows[differ]
        frame = _member_rows(new, rows_new, "changed")
        frame["field"] = field
        frame["before"] = _shown(old, field, rows_old)
        frame["after"] = _shown(new, field, rows_new)
        frame["order"] = order
        frame["row"] = rows_new
        changed_parts.append(frame)
    if changed_parts:
        changed = pd.concat(changed_parts, ignore_index=True).sort_values(["row", "order"], kind="stable")
        frames.append(changed.drop(columns=["row", "order"]))
    columns = ["change", "committee", "id", "name", "field", "before", "after"]
    return pd.concat([f.reindex(columns=columns) for f in frames], ignore_index=True).fillna("")[columns]


def _member_rows(ds: Dataset, rows: np.ndarray, change: str) -> pd.DataFrame:
    members = ds.members.iloc[rows]
    return pd.DataFrame(
        {
            "change": change,
            "committee": members["committee"].to_numpy(dtype=object),
            "id": members["id"].to_numpy(dtype=object),
            "name": members["name"].to_numpy(dtype=object),
            "field": "",
            "before": "",
            "after": "",
        }
    )


def _shown(ds: Dataset, field: str, rows: np.ndarray) -> np.ndarray:
    """A member field as people read it: places by name, committees by name, party codes, 是/否 flags."""
    values = ds.members[field].iloc[rows]
    if field == "party_group":
        shown: list[object] = [bool(v) for v in values.tolist()]
    elif field == "party":
        shown = values.tolist()
    else:
        shown = [
            "；".join(ds.name_of(p) or p for p in str(value).split(";") if p) for value in values.tolist()
        ]
    return np.array(shown, dtype=object)


def _liaison_keys(ds: Dataset, codes: EntityCodes) -> np.ndarray:
    ix = facts(ds).index
    node = codes.node(ds)
    source, target = node[np.maximum(ix.liaison_source, 0)], node[np.maximum(ix.liaison_target, 0)]
    return (source * codes.size + target) * len(LiaisonKind) + ix.liaison_kind.astype(np.int64)


def _liaison_changes(old: Dataset, new: Dataset, codes: EntityCodes) -> pd.DataFrame:
    old_keys, new_keys = _liaison_keys(old, codes), _liaison_keys(new, codes)
    # the first row of each distinct liaison stands for it
    old_first, new_first = first_of_each(old_keys), first_of_each(new_keys)
    removed = np.sort(old_first[~isin_sorted(old_keys[old_first], new_keys)])
    added = np.sort(new_first[~isin_sorted(new_keys[new_first], old_keys)])
    present = np.zeros(codes.size, dtype=bool)
    present[codes.new_node] = True
    ix = facts(old).index
    node = codes.node(old)
    ends_present = present[node[ix.liaison_source[removed]]] & present[node[ix.liaison_target[removed]]]
    columns = ["change", "kind", "source", "source_name", "target", "target_name"]
    return pd.concat(
        [
            _liaison_rows(new, added, "added"),
            _liaison_rows(old, removed[ends_present], "removed"),
            _liaison_rows(old, removed[~ends_present], "broken"),
        ],
        ignore_index=True,
    )[columns]


def _liaison_rows(ds: Dataset, rows: np.ndarray, change: str) -> pd.DataFrame:
    ix = facts(ds).index
    liaisons = ds.liaisons.iloc[rows]
    return pd.DataFrame(
        {
            "change": change,
            "kind": liaisons["kind"].to_numpy(dtype=object),
            "source": liaisons["source"].to_numpy(dtype=object),
            "source_name": _node_names(ds, ix.liaison_source[rows]),
            "target": liaisons["target"].to_numpy(dtype=object),
            "target_name": _node_names(ds, ix.liaison_target[rows]),
        },
        columns=["change", "kind", "source", "source_name", "target", "target_name"],
    )


def _node_names(ds: Dataset, numbers: np.ndarray) -> np.ndarray:
    """The names of some nodes (by node number; contacts included), "" where unknown."""
    offsets = facts(ds).index.offsets
    names = np.full(len(numbers), "", dtype=object)
    for table in NODE_TABLES:
        start = offsets[table]
        inside = (numbers >= start) & (numbers < start + len(getattr(ds, table)))
        if inside.any():
            names[inside] = getattr(ds, table)["name"].iloc[numbers[inside] - start].to_numpy(dtype=object)
    return names


def _organization_changes(old: Dataset, new: Dataset, codes: EntityCodes) -> pd.DataFrame:
    old_codes = codes.node(old)[facts(old).index.numbers("organizations")]
    new_codes = codes.node(new)[facts(new).index.numbers("organizations")]
    columns = ["committee", "id", "name", "kind"]
    return pd.concat(
        [
            new.organizations.loc[~isin_sorted(new_codes, old_codes), columns].assign(change="added"),
            old.organizations.loc[~isin_sorted(old_codes, new_codes), columns].assign(change="removed"),
        ],
        ignore_index=True,
    )[["change", *columns]]


_ROLES = tuple(role.value for role in Role)


def _membership_keys(ds: Dataset, codes: EntityCodes) -> np.ndarray:
    member = codes.of_column(ds, "memberships", "member")
    organization = codes.of_column(ds, "memberships", "organization")
    role = pd.Categorical(ds.memberships["role"], categories=_ROLES).codes.astype(np.int64)
    return (member * codes.size + organization) * (len(_ROLES) + 1) + role + 1


def _membership_changes(old: Dataset, new: Dataset, codes: EntityCodes) -> pd.DataFrame:
    old_keys, new_keys = _membership_keys(old, codes), _membership_keys(new, codes)
    parts = []
    for ds, keys, other, change in ((new, new_keys, old_keys, "added"), (old, old_keys, new_keys, "removed")):
        first = first_of_each(keys)
        rows = first[~isin_sorted(keys[first], other)]
        frame = ds.memberships.iloc[rows]
        members, organizations = frame["member"].tolist(), frame["organization"].tolist()
        parts.append(
            pd.DataFrame(
                {
                    "change": change,
                    "member": members,
                    "member_name": _node_names(ds, facts(ds).index.column("memberships", "member")[rows]),
                    "organization": organizations,
                    "organization_name": _node_names(
                        ds, facts(ds).index.column("memberships", "organization")[rows]
                    ),
                    "role": frame["role"].to_numpy(dtype=object),
                },
                columns=["change", "member", "member_name", "organization", "organization_name", "role"],
            )
        )
    return pd.concat(parts, ignore_index=True)


def _coverage_rates(ds: Dataset) -> pd.DataFrame:
    """The rates of :func:`pbgraph.analyses.coverage` that `diff` compares, per committee and overall (last):
    committee, committee_name, organization_rate, work_rate, unlinked (None where not recorded). Computed
    here from the member facts: coverage would also work out 有效联系率 from the activities, which `diff`
    does not compare."""
    f = facts(ds)
    cpc = f.index.is_cpc
    indicators = np.stack(
        [cpc, cpc & f.organized, ~cpc, ~cpc & (f.liaison_sources_per_target > 0)], axis=1
    ).astype(np.int64)
    pairs = ds.member_committees
    committees = committee_orgs(ds)
    keys = committees["id"].tolist()
    per_committee = pd.DataFrame(indicators[pairs["member"].to_numpy()]).groupby(
        pairs["committee"].to_numpy()
    )
    counts = per_committee.sum().reindex(keys, fill_value=0).to_numpy()
    counts = np.vstack([counts.reshape(-1, 4), indicators.sum(axis=0)])
    unknown_organization = bool(not_recorded(ds, "organizations", "memberships"))
    unknown_work = bool(not_recorded(ds, "liaisons:member"))
    return pd.DataFrame(
        {
            "committee": [*keys, ""],
            "committee_name": [*committees["name"].tolist(), OVERALL_NAME],
            "organization_rate": [
                None if unknown_organization else rate(int(a), int(b)) for b, a in counts[:, :2].tolist()
            ],
            "work_rate": [None if unknown_work else rate(int(a), int(b)) for b, a in counts[:, 2:].tolist()],
            "unlinked": [None if unknown_work else int(b - a) for b, a in counts[:, 2:].tolist()],
        }
    )


def _rates(old: Dataset, new: Dataset, codes: EntityCodes) -> pd.DataFrame:
    before, after = _coverage_rates(old), _coverage_rates(new)
    before_key = np.where(
        before["committee"] == "", -1, codes.of_ids(old, before["committee"], ("organizations",))
    )
    after_key = np.where(
        after["committee"] == "", -1, codes.of_ids(new, after["committee"], ("organizations",))
    )
    rates = ["organization_rate", "work_rate", "unlinked"]
    left = before.assign(key=before_key)[["key", "committee", "committee_name", *rates]]
    right = after.assign(key=after_key)[["key", "committee", "committee_name", *rates]]
    joined = right.merge(left, on="key", how="outer", suffixes=("_after", "_before"), sort=False)
    # committees in the new order, those gone at the end, the overall row last
    joined["order"] = joined["key"].map({k: i for i, k in enumerate(after_key)}).fillna(len(after_key) - 0.5)
    joined = joined.sort_values("order", kind="stable").reset_index(drop=True)
    frame = pd.DataFrame(
        {
            "committee": joined["committee_after"].fillna(joined["committee_before"]),
            "committee_name": joined["committee_name_after"].fillna(joined["committee_name_before"]),
        }
    )
    in_new = joined["committee_after"].notna().to_numpy()
    for rate_column in rates:
        for when in ("before", "after"):
            values = joined[f"{rate_column}_{when}"]
            frame[f"{rate_column}_{when}"] = (
                values.fillna(0).astype(np.int64)
                if rate_column == "unlinked"
                else values.astype(object).where(values.notna(), None)
            )
    # whether the committee (and so the id of the row) is the new dataset's, for `IDS_FROM`
    return frame.assign(in_new=in_new)


__all__ = ["GAP_ANALYSES", "MATCH_MODES", "MEMBER_FIELDS", "Diff", "diff", "whatif", "without_members"]

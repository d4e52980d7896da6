"""Who and what is not covered: unlinked non-party members, unorganized CPC members, and sectors,
townships and platforms with a gap (DESIGN 4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from pbgraph.analyses._common import (
    check_committee,
    facts,
    member_mask,
    member_rows,
    row_mask,
)
from pbgraph.analyses.recorded import as_recorded
from pbgraph.graph import arrow_strings
from pbgraph.model import PARTY_ORG_KINDS, PLATFORM_KINDS, LiaisonKind, OrgKind, Role

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset


def unlinked(ds: Dataset, *, committee: str | None = None) -> pd.DataFrame:
    """Non-party members with no counting `member` liaison.

    Examples
    --------
    >>> from pbgraph import load
    >>> unlinked(load("tests/fixtures/gaps")).values.tolist()
    [['C1', 'N1', '钱一', 'CDL', 'S4', 'T2']]
    """
    check_committee(ds, committee)
    f = facts(ds)
    mask = ~f.index.is_cpc & (f.liaison_sources_per_target == 0) & member_mask(ds, committee)
    rows = member_rows(ds, mask, ["id", "name", "party", "sector", "township"])
    return as_recorded("unlinked", rows, ds.not_recorded)


def unorganized(ds: Dataset, *, committee: str | None = None) -> pd.DataFrame:
    """CPC members in no party organization other than temporary branches.

    Examples
    --------
    >>> from pbgraph import load
    >>> unorganized(load("tests/fixtures/liaisons"))[["id", "temporary_only"]].values.tolist()
    [['M3', True], ['M4', False]]
    """
    check_committee(ds, committee)
    f = facts(ds)
    mask = f.index.is_cpc & ~f.organized & member_mask(ds, committee)
    rows = member_rows(ds, mask, ["id", "name", "sector", "township"])
    rows["temporary_only"] = f.in_temporary_branch[mask]
    return as_recorded("unorganized", rows, ds.not_recorded)


def sector_gaps(ds: Dataset, *, committee: str | None = None) -> pd.DataFrame:
    """Sectors no party-group member reaches, sector groups without a liaison or with a 第一召集人 who is
    missing or not CPC.

    Examples
    --------
    >>> from pbgraph import load
    >>> rows = sector_gaps(load("tests/fixtures/gaps"))[["id", "kind", "gap"]]
    >>> for row in rows.values.tolist():
    ...     print(row)
    ['S4', 'sector', 'no_liaison']
    ['S5', 'sector', 'no_liaison']
    ['S6', 'sector', 'no_liaison']
    ['G2', 'sector_group', 'no_liaison']
    ['G2', 'sector_group', 'first_convener_not_cpc']
    ['G3', 'sector_group', 'no_liaison']
    ['G3', 'sector_group', 'no_first_convener']
    ['G4', 'sector_group', 'first_convener_not_cpc']
    """
    check_committee(ds, committee)
    f = facts(ds)
    ix = f.index
    targeted = f.targeted(LiaisonKind.SECTOR)
    sectors = ds.sectors
    group = ix.sector_group
    covered = targeted[ix.numbers("sectors")] | ((group >= 0) & targeted[np.maximum(group, 0)])
    uncovered = ~covered & row_mask(sectors, committee)
    parts = [sectors.loc[uncovered, ["committee", "id", "name"]].assign(kind="sector", gap="no_liaison")]
    orgs = ds.organizations
    is_group = (orgs["kind"] == OrgKind.SECTOR_GROUP).to_numpy() & row_mask(orgs, committee)
    has_liaison = targeted[ix.numbers("organizations")]
    has_convener = f.org_has_member(role=Role.FIRST_CONVENER)
    # every 第一召集人 must be CPC: one who is not is a gap, even beside a CPC one
    has_non_cpc_convener = f.org_has_member(role=Role.FIRST_CONVENER, non_cpc=True)
    convener_gap = np.where(
        ~has_convener, "no_first_convener", np.where(has_non_cpc_convener, "first_convener_not_cpc", "")
    )
    groups = _gap_rows(
        orgs, [(is_group & ~has_liaison, "no_liaison"), (is_group & (convener_gap != ""), convener_gap)]
    )
    parts.append(groups.assign(kind="sector_group")[["committee", "id", "name", "kind", "gap"]])
    rows = pd.concat(parts, ignore_index=True).astype("str")
    return as_recorded("sectors", rows, ds.not_recorded)


def township_gaps(ds: Dataset, *, committee: str | None = None) -> pd.DataFrame:
    """Townships without a liaison group, without a CPC member in it, or without a township liaison.

    Examples
    --------
    >>> from pbgraph import load
    >>> rows = township_gaps(load("tests/fixtures/gaps"))[["id", "gap"]]
    >>> for row in rows.values.tolist():
    ...     print(row)
    ['T2', 'no_cpc_in_liaison_group']
    ['T2', 'no_township_liaison']
    ['T3', 'no_liaison_group']
    ['T4', 'no_cpc_in_liaison_group']
    ['T5', 'no_liaison_group']
    ['T5', 'no_township_liaison']
    """
    check_committee(ds, committee)
    f = facts(ds)
    ix = f.index
    orgs, townships = ds.organizations, ds.townships
    is_group = (orgs["kind"] == OrgKind.LIAISON_GROUP).to_numpy()
    group_township = ix.column("organizations", "township") - ix.offsets["townships"]
    has_group = np.zeros(len(townships), dtype=bool)
    has_cpc = np.zeros(len(townships), dtype=bool)
    located = is_group & (orgs["township"] != "").to_numpy()
    has_group[group_township[located]] = True
    cpc_groups = located & f.org_has_member(cpc=True)
    has_cpc[group_township[cpc_groups]] = True
    has_liaison = f.targeted(LiaisonKind.TOWNSHIP)[ix.numbers("townships")]
    keep = row_mask(townships, committee)
    first_gap = np.where(~has_group, "no_liaison_group", np.where(~has_cpc, "no_cpc_in_liaison_group", ""))
    rows = _gap_rows(
        townships, [(keep & (first_gap != ""), first_gap), (keep & ~has_liaison, "no_township_liaison")]
    )
    return as_recorded("townships", rows, ds.not_recorded)


def _gap_rows(frame: pd.DataFrame, gaps: list[tuple[np.ndarray, str | np.ndarray]]) -> pd.DataFrame:
    """Rows (committee, id, name, gap) of `frame` for each (mask, gap) in turn, in table order; a row with
    several gaps appears once per gap, in the order the gaps are given."""
    parts = []
    for order, (mask, gap) in enumerate(gaps):
        rows = np.flatnonzero(mask)
        labels = np.broadcast_to(np.asarray(gap, dtype=object), len(frame))[rows]
        parts.append(pd.DataFrame({"row": rows, "order": order, "gap": labels}))
    found = pd.concat(parts, ignore_index=True).sort_values(["row", "order"], kind="stable")
    picked = frame.iloc[found["row"].to_numpy()][["committee", "id", "name"]].reset_index(drop=True)
    return picked.assign(gap=found["gap"].to_numpy()).astype("str")


def platform_gaps(ds: Dataset, *, committee: str | None = None) -> pd.DataFrame:
    """Studios, stations and study groups with neither a child party organization nor a CPC 指导员.

    Examples
    --------
    >>> from pbgraph import load
    >>> platform_gaps(load("tests/fixtures/gaps"))[["id", "kind", "township"]].values.tolist()
    [['P3', 'study_group', ''], ['P4', 'studio', 'T3'], ['P6', 'studio', 'T5']]
    """
    check_committee(ds, committee)
    f = facts(ds)
    orgs = ds.organizations
    kinds = orgs["kind"]
    is_platform = kinds.isin(list(PLATFORM_KINDS)).to_numpy()
    party_children = orgs.loc[kinds.isin(list(PARTY_ORG_KINDS)).to_numpy(), "parent"]
    has_child = np.asarray(
        pc.is_in(arrow_strings(orgs["id"]), value_set=arrow_strings(party_children[party_children != ""])),
        dtype=bool,
    )
    has_instructor = f.org_has_member(role=Role.INSTRUCTOR, cpc=True)
    mask = is_platform & ~has_child & ~has_instructor & row_mask(orgs, committee)
    rows = orgs.loc[mask, ["committee", "id", "name", "kind", "township"]].reset_index(drop=True)
    return as_recorded("platforms", rows, ds.not_recorded)


__all__ = ["platform_gaps", "sector_gaps", "township_gaps", "unlinked", "unorganized"]

"""The plan's sector and township liaisons (DESIGN 4.1), and the columns of the plan's tables: uncovered
sector groups and then sectors get the party-group member of their committee with the fewest sectors;
townships without a counting township liaison get the CPC member living there with the lowest load."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pbgraph.analyses._common import facts
from pbgraph.analyses.gaps import sector_gaps, township_gaps
from pbgraph.model import LiaisonKind

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset

PLAN_COLUMNS = [
    "committee",
    "kind",
    "source",
    "source_name",
    "target",
    "target_name",
    "sector_name",
    "township_name",
    "reason",
    "match",
    "load",
]
UNPLACED_COLUMNS = [
    "committee",
    "kind",
    "target",
    "target_name",
    "sector_name",
    "township_name",
    "gap",
    "reason",
]


def take(frame: pd.DataFrame, column: str, rows: np.ndarray) -> np.ndarray:
    """The cells of some rows of a column, as Python objects (without converting the whole column)."""
    return frame[column].iloc[rows].to_numpy(dtype=object)


def _distinct_targets_per_source(ds: Dataset, kind: LiaisonKind) -> np.ndarray:
    """Per member row: the number of distinct targets of their counting liaisons of `kind`."""
    ix = facts(ds).index
    mask = ix.counting & (ix.liaison_kind == list(LiaisonKind).index(kind))
    pairs = np.unique(np.stack([ix.liaison_source[mask], ix.liaison_target[mask]]), axis=1)
    return np.bincount(pairs[0], minlength=len(ds.members)) if pairs.size else np.zeros(len(ds.members), int)


def plan_sectors(ds: Dataset, committee: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A party-group member of the same committee, fewest sectors first, for every sector group and then
    every sector still without a counting sector liaison."""
    gaps = sector_gaps(ds, committee=committee)
    uncovered = gaps[gaps["gap"] == "no_liaison"]
    groups = uncovered[uncovered["kind"] == "sector_group"]
    planned_groups = set()
    sector_count = _distinct_targets_per_source(ds, LiaisonKind.SECTOR)
    pairs = ds.member_committees
    party_group = facts(ds).index.in_party_group
    chosen_pairs = pairs[party_group[pairs["member"].to_numpy()]]
    members = chosen_pairs["member"].to_numpy()
    candidates = {c: members[at].tolist() for c, at in chosen_pairs.groupby("committee").indices.items()}
    group_of = dict(zip(ds.sectors["id"], ds.sectors["group"], strict=True))
    placed, unplaced = [], []
    items = list(groups[["committee", "id", "name"]].itertuples(index=False))
    sectors = uncovered[uncovered["kind"] == "sector"]
    for item_committee, item_id, item_name in [
        *items,
        *sectors[["committee", "id", "name"]].itertuples(index=False),
    ]:
        if group_of.get(item_id, "") in planned_groups:
            continue
        rows = candidates.get(item_committee, [])
        if not rows:
            unplaced.append(
                (
                    item_committee,
                    LiaisonKind.SECTOR.value,
                    item_id,
                    item_name,
                    "",
                    "",
                    "no_liaison",
                    "no_party_group_member",
                )
            )
            continue
        best = min(rows, key=lambda r: (sector_count[r], r))
        sector_count[best] += 1
        if item_id not in group_of:
            planned_groups.add(item_id)
        placed.append((item_committee, LiaisonKind.SECTOR.value, best, item_id, item_name, "no_liaison"))
    return _placed_frame(ds, placed), pd.DataFrame(unplaced, columns=UNPLACED_COLUMNS)


def plan_townships(
    ds: Dataset, committee: str | None, loads: np.ndarray
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The CPC member of the township's committee who lives there with the lowest load (then the fewest
    townships), for every township without a counting township liaison."""
    gaps = township_gaps(ds, committee=committee)
    gaps = gaps[gaps["gap"] == "no_township_liaison"]
    township_count = _distinct_targets_per_source(ds, LiaisonKind.TOWNSHIP)
    pairs = ds.member_committees
    members = pairs["member"].to_numpy()
    ix = facts(ds).index
    living = pd.DataFrame(
        {
            "member": members[ix.is_cpc[members]],
            "committee": pairs["committee"].to_numpy()[ix.is_cpc[members]],
            "township": ix.column("members", "township")[members[ix.is_cpc[members]]],
        }
    )
    living_members = living["member"].to_numpy()
    candidates = {
        key: living_members[at].tolist()
        for key, at in living.groupby(["committee", "township"]).indices.items()
    }
    gaps = gaps.assign(node=ix.offsets["townships"] + pd.Index(ds.townships["id"]).get_indexer(gaps["id"]))
    placed, unplaced = [], []
    for item_committee, item_id, item_name, node in gaps[["committee", "id", "name", "node"]].itertuples(
        index=False
    ):
        rows = candidates.get((item_committee, node), [])
        if not rows:
            unplaced.append(
                (
                    item_committee,
                    LiaisonKind.TOWNSHIP.value,
                    item_id,
                    item_name,
                    "",
                    item_name,
                    "no_township_liaison",
                    "no_cpc_member_in_township",
                )
            )
            continue
        best = min(rows, key=lambda r: (loads[r], township_count[r], r))
        township_count[best] += 1
        placed.append(
            (item_committee, LiaisonKind.TOWNSHIP.value, best, item_id, item_name, "no_township_liaison")
        )
    return _placed_frame(ds, placed), pd.DataFrame(unplaced, columns=UNPLACED_COLUMNS)


def _placed_frame(ds: Dataset, placed: list[tuple[str, str, int, str, str, str]]) -> pd.DataFrame:
    sources = np.array([row for _, _, row, _, _, _ in placed], dtype=np.int64)
    ids = dict(zip(sources.tolist(), take(ds.members, "id", sources), strict=True))
    names = dict(zip(sources.tolist(), take(ds.members, "name", sources), strict=True))
    return pd.DataFrame(
        [
            (
                c,
                kind,
                ids[row],
                names[row],
                target,
                target_name,
                target_name if kind == LiaisonKind.SECTOR else "",
                target_name if kind == LiaisonKind.TOWNSHIP else "",
                reason,
                "",
            )
            for c, kind, row, target, target_name, reason in placed
        ],
        columns=[c for c in PLAN_COLUMNS if c != "load"],
    )

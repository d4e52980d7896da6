"""The gap changes of :func:`pbgraph.diff` (DESIGN 4.1): every gap list of both datasets compared, each gap
in one only told as opened, closed, worsened (it gave way to a worse gap of the same entity) or gone (its
entity is not in the new dataset: the gap left with the member, it did not close)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pbgraph._arrays import isin_sorted
from pbgraph.analyses.gaps import platform_gaps, sector_gaps, township_gaps, unlinked, unorganized
from pbgraph.analyses.workload import fragile, liaison_load

if TYPE_CHECKING:
    from collections.abc import Callable

    from pbgraph._change_codes import EntityCodes
    from pbgraph.dataset import Dataset

GAP_ANALYSES = ("unlinked", "fragile", "unorganized", "overloaded", "sectors", "townships", "platforms")
"""The gap lists `diff` compares (analysis names; `fragile` and `overloaded` come from `load`)."""

GAP_CHANGES = ("opened", "closed", "worsened", "gone")
"""The changes of a gap, in the order of the summary."""


def _gap_lists(ds: Dataset, max_load: int) -> dict[str, pd.DataFrame]:
    loads = liaison_load(ds, max_load=max_load)
    lists: dict[str, Callable[[], pd.DataFrame]] = {
        "unlinked": lambda: unlinked(ds),
        "fragile": lambda: fragile(ds),
        "unorganized": lambda: unorganized(ds),
        "overloaded": lambda: loads[loads["overloaded"]],
        "sectors": lambda: sector_gaps(ds),
        "townships": lambda: township_gaps(ds),
        "platforms": lambda: platform_gaps(ds),
    }
    return {name: lists[name]() for name in GAP_ANALYSES}


def gap_changes(old: Dataset, new: Dataset, codes: EntityCodes, max_load: int) -> pd.DataFrame:
    """The gaps of `old` and `new` that are in one only: change (one of `GAP_CHANGES`), analysis (one of
    `GAP_ANALYSES`), committee, id, name, gap; per analysis the opened gaps (new's rows), then the others
    (old's rows)."""
    before, after = _gap_lists(old, max_load), _gap_lists(new, max_load)
    parts, entities = [], []
    for position, name in enumerate(GAP_ANALYSES):
        old_rows, new_rows = before[name], after[name]
        labels = sorted({*_labels(old_rows), *_labels(new_rows)})
        old_entities = codes.of_ids(old, old_rows["id"], _GAP_TABLES[name])
        new_entities = codes.of_ids(new, new_rows["id"], _GAP_TABLES[name])
        old_keys = _gap_keys(old_rows, old_entities, position, labels)
        new_keys = _gap_keys(new_rows, new_entities, position, labels)
        for rows, entity, keys, other, change in (
            (new_rows, new_entities, new_keys, old_keys, "opened"),
            (old_rows, old_entities, old_keys, new_keys, "closed"),
        ):
            changed = ~isin_sorted(keys, other)
            picked = rows[changed]
            entities.append(entity[changed])
            parts.append(
                pd.DataFrame(
                    {
                        "change": change,
                        "analysis": name,
                        "committee": picked["committee"].to_numpy(dtype=object),
                        "id": picked["id"].to_numpy(dtype=object),
                        "name": picked["name"].to_numpy(dtype=object),
                        "gap": picked["gap"].to_numpy(dtype=object) if "gap" in picked.columns else "",
                    },
                    columns=["change", "analysis", "committee", "id", "name", "gap"],
                )
            )
    found, entity = pd.concat(parts, ignore_index=True), np.concatenate(entities)
    return _worsened(_gone(found, entity, codes), entity)


def _gone(gaps: pd.DataFrame, entities: np.ndarray, codes: EntityCodes) -> pd.DataFrame:
    """The gap changes with each closed gap whose entity (a member, sector, township or organization) is not
    in the new dataset marked "gone": it left with its entity and was not closed (a fragile member who left
    is not a member linked better)."""
    present = np.zeros(codes.size, dtype=bool)
    present[codes.new_node] = True
    went = (gaps["change"] == "closed").to_numpy() & (entities >= 0)
    went[went] = ~present[entities[went]]
    gaps.loc[went, "change"] = "gone"
    return gaps


WORSE_GAPS: tuple[tuple[tuple[str, str], tuple[str, str]], ...] = (
    (("fragile", ""), ("unlinked", "")),
    (("townships", "no_cpc_in_liaison_group"), ("townships", "no_liaison_group")),
)
"""(milder gap, worse gap) of one entity as (analysis, gap): the two never hold at once, so an entity whose
milder gap goes while the worse one opens has not closed a gap: its gap got worse (a member whose only liaison
left is unlinked, not "no longer fragile")."""


def _worsened(gaps: pd.DataFrame, entities: np.ndarray) -> pd.DataFrame:
    """The gap changes with each closed milder gap whose entity opened the worse one (`WORSE_GAPS`) marked
    "worsened" instead; the worse gap stays "opened"."""
    change = gaps["change"].to_numpy(dtype=object)
    analysis = gaps["analysis"].to_numpy(dtype=object)
    label = gaps["gap"].to_numpy(dtype=object)
    marked = change.copy()
    for (milder, milder_gap), (worse, worse_gap) in WORSE_GAPS:
        went = (change == "closed") & (analysis == milder) & (label == milder_gap)
        came = (change == "opened") & (analysis == worse) & (label == worse_gap) & (entities >= 0)
        if went.any() and came.any():
            marked[went & isin_sorted(entities, entities[came])] = "worsened"
    gaps["change"] = marked
    return gaps


_GAP_TABLES: dict[str, tuple[str, ...]] = {
    "unlinked": ("members",),
    "fragile": ("members",),
    "unorganized": ("members",),
    "overloaded": ("members",),
    "sectors": ("sectors", "organizations"),
    "townships": ("townships",),
    "platforms": ("organizations",),
}


def _labels(rows: pd.DataFrame) -> list[str]:
    return rows["gap"].unique().tolist() if "gap" in rows.columns else [""]


def _gap_keys(rows: pd.DataFrame, entity: np.ndarray, analysis: int, labels: list[str]) -> np.ndarray:
    """One number per gap row: its entity (code), its gap label (a position in `labels`) and its analysis."""
    gap = rows["gap"] if "gap" in rows.columns else pd.Series("", index=rows.index)
    label = pd.Categorical(gap, categories=labels).codes.astype(np.int64)
    return (entity * (len(labels) + 1) + label + 1) * len(GAP_ANALYSES) + analysis


__all__ = ["GAP_ANALYSES", "GAP_CHANGES", "WORSE_GAPS", "gap_changes"]

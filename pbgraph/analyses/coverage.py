"""The headline: the two coverage rates (组织覆盖率, 工作覆盖率) and the gap counts, per committee."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pbgraph.analyses._common import check_committee, facts, member_mask, rate
from pbgraph.analyses.gaps import platform_gaps, sector_gaps, township_gaps
from pbgraph.analyses.load import DEFAULT_MAX_LOAD
from pbgraph.graph import committee_orgs

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset

OVERALL_NAME = "全部"
GAP_COLUMNS = ["unlinked", "unorganized", "sector_gaps", "township_gaps", "platform_gaps"]


def _committee_row(ds: Dataset, committee: str | None, gap_counts: dict[str, pd.Series], max_load: int,
                   ) -> dict[str, object]:
    f = facts(ds)
    mask = member_mask(ds, committee)
    cpc = f.index.is_cpc & mask
    non_party = ~f.index.is_cpc & mask
    organized = int((cpc & f.organized).sum())
    linked = int((non_party & (f.liaison_sources_per_target > 0)).sum())
    load = f.load
    key = committee if committee is not None else ""
    return {
        "members": int(mask.sum()),
        "cpc_members": int(cpc.sum()),
        "organized_cpc_members": organized,
        "organization_rate": rate(organized, int(cpc.sum())),
        "non_party_members": int(non_party.sum()),
        "linked_non_party_members": linked,
        "work_rate": rate(linked, int(non_party.sum())),
        "unlinked": int(non_party.sum()) - linked,
        "unorganized": int(cpc.sum()) - organized,
        **{name: int(counts.get(key, 0)) for name, counts in gap_counts.items()},
        "overloaded": int((cpc & (load > max_load)).sum()),
        "idle": int((cpc & ~f.index.in_party_group & (load == 0)).sum()),
        "fragile": int((mask & (f.sole_source >= 0)).sum()),
    }


def coverage(ds: Dataset, *, committee: str | None = None, max_load: int = DEFAULT_MAX_LOAD) -> pd.DataFrame:
    """Coverage rates and gap counts: one row per committee, then the overall row.

    Rates are fractions in [0, 1], or None where there is nobody to cover (shown as "n/a").

    Examples
    --------
    >>> from pbgraph import load
    >>> rows = coverage(load("data/sample"))
    >>> rows.iloc[-1]["committee_name"]
    '全部'
    >>> 0 < rows.iloc[-1]["work_rate"] < 1
    True
    """
    check_committee(ds, committee)
    gap_counts: dict[str, pd.Series] = {}
    for name, analysis in (("sector_gaps", sector_gaps), ("township_gaps", township_gaps),
                           ("platform_gaps", platform_gaps)):
        found = analysis(ds)
        counts = found["committee"].value_counts()
        counts[""] = len(found)
        gap_counts[name] = counts
    committees = committee_orgs(ds)
    if committee is not None:
        committees = committees[committees["id"] == committee]
    rows = [
        {"committee": cid, "committee_name": cname, **_committee_row(ds, cid, gap_counts, max_load)}
        for cid, cname in zip(committees["id"], committees["name"], strict=True)
    ]
    if committee is None:
        rows.append({"committee": "", "committee_name": OVERALL_NAME,
                     **_committee_row(ds, None, gap_counts, max_load)})
    frame = pd.DataFrame(rows)
    for column in ("organization_rate", "work_rate"):
        frame[column] = pd.Series(frame[column].tolist(), dtype=object)
    return frame


def league_table(ds: Dataset, *, max_load: int = DEFAULT_MAX_LOAD) -> pd.DataFrame:
    """Coverage per committee, worst first: the system league table.

    Examples
    --------
    >>> from pbgraph import load
    >>> len(league_table(load("data/sample")))
    1
    """
    rows = coverage(ds, max_load=max_load)
    rows = rows[rows["committee"] != ""]
    missing = np.inf
    order = pd.DataFrame({
        "work": rows["work_rate"].map(lambda r: missing if r is None else r),
        "org": rows["organization_rate"].map(lambda r: missing if r is None else r),
        "gaps": -rows[GAP_COLUMNS].sum(axis=1),
        "id": rows["committee"],
    })
    return rows.loc[order.sort_values(["work", "org", "gaps", "id"], kind="stable").index].reset_index(drop=True)

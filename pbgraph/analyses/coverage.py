"""The headline: the two coverage rates (组织覆盖率, 工作覆盖率) and the gap counts, per committee."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pbgraph.analyses._common import check_committee, facts, rate
from pbgraph.analyses.gaps import platform_gaps, sector_gaps, township_gaps
from pbgraph.analyses.workload import DEFAULT_MAX_LOAD
from pbgraph.graph import committee_orgs

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset

OVERALL_NAME = "全部"
GAP_COLUMNS = ["unlinked", "unorganized", "sector_gaps", "township_gaps", "platform_gaps"]


def _member_counts(ds: Dataset, max_load: int) -> pd.DataFrame:
    """Per committee (index "" = overall): sums of per-member indicators, one pass over the
    (member, committee) pairs."""
    f = facts(ds)
    cpc = f.index.is_cpc
    indicators = pd.DataFrame(
        {
            "members": np.ones(len(cpc), dtype=np.int64),
            "cpc_members": cpc,
            "organized_cpc_members": cpc & f.organized,
            "non_party_members": ~cpc,
            "linked_non_party_members": ~cpc & (f.liaison_sources_per_target > 0),
            "overloaded": cpc & (f.load > max_load),
            "idle": cpc & ~f.index.in_party_group & (f.load == 0),
            "fragile": f.sole_source >= 0,
        }
    ).astype(np.int64)
    pairs = ds.member_committees
    per_committee = indicators.iloc[pairs["member"].to_numpy()].groupby(pairs["committee"].to_numpy()).sum()
    per_committee.loc[""] = indicators.sum()
    return per_committee


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
    committees = committee_orgs(ds)
    if committee is not None:
        committees = committees[committees["id"] == committee]
    keys = committees["id"].tolist() + ([""] if committee is None else [])
    counts = _member_counts(ds, max_load).reindex(keys, fill_value=0)
    for name, analysis in (
        ("sector_gaps", sector_gaps),
        ("township_gaps", township_gaps),
        ("platform_gaps", platform_gaps),
    ):
        found = analysis(ds)["committee"].value_counts()
        # the overall row counts every gap, including any outside a committee
        found = pd.concat([found.drop("", errors="ignore"), pd.Series({"": int(found.sum())})])
        counts[name] = found.reindex(keys, fill_value=0).to_numpy()
    frame = pd.DataFrame(
        {
            "committee": keys,
            "committee_name": committees["name"].tolist() + ([OVERALL_NAME] if committee is None else []),
        }
    )
    for column in ("members", "cpc_members", "organized_cpc_members"):
        frame[column] = counts[column].to_numpy()
    frame["organization_rate"] = _rates(counts["organized_cpc_members"], counts["cpc_members"])
    frame["non_party_members"] = counts["non_party_members"].to_numpy()
    frame["linked_non_party_members"] = counts["linked_non_party_members"].to_numpy()
    frame["work_rate"] = _rates(counts["linked_non_party_members"], counts["non_party_members"])
    frame["unlinked"] = (counts["non_party_members"] - counts["linked_non_party_members"]).to_numpy()
    frame["unorganized"] = (counts["cpc_members"] - counts["organized_cpc_members"]).to_numpy()
    for column in ("sector_gaps", "township_gaps", "platform_gaps", "overloaded", "idle", "fragile"):
        frame[column] = counts[column].to_numpy()
    return frame


def _rates(part: pd.Series, whole: pd.Series) -> pd.Series:
    return pd.Series([rate(int(a), int(b)) for a, b in zip(part, whole, strict=True)], dtype=object)


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
    order = pd.DataFrame(
        {
            "work": rows["work_rate"].map(lambda r: missing if r is None else r),
            "org": rows["organization_rate"].map(lambda r: missing if r is None else r),
            "gaps": -rows[GAP_COLUMNS].sum(axis=1),
            "id": rows["committee"],
        }
    )
    return rows.loc[order.sort_values(["work", "org", "gaps", "id"], kind="stable").index].reset_index(
        drop=True
    )

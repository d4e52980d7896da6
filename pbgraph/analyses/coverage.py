"""The headline: the two coverage rates (组织覆盖率, 工作覆盖率) and the gap counts, per committee."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pbgraph._texts.tables import OVERALL_NAME
from pbgraph.analyses._common import check_committee, committee_sums, facts, not_recorded, rate
from pbgraph.analyses.activity import effectively_linked, has_activities
from pbgraph.analyses.gaps import platform_gaps, sector_gaps, township_gaps
from pbgraph.analyses.recorded import COVERAGE_NEEDS, as_recorded, unknown
from pbgraph.analyses.workload import DEFAULT_MAX_LOAD
from pbgraph.graph import committee_orgs
from pbgraph.period import activity_period

if TYPE_CHECKING:
    import datetime as dt

    from pbgraph.dataset import Dataset

GAP_COLUMNS = ["unlinked", "unorganized", "sector_gaps", "township_gaps", "platform_gaps"]


def _member_counts(ds: Dataset, max_load: int, effective: np.ndarray | None = None) -> pd.DataFrame:
    """Per committee (index "" = overall): sums of per-member indicators, one pass over the
    (member, committee) pairs."""
    f = facts(ds)
    cpc = f.index.is_cpc
    indicators = {
        "members": np.ones(len(cpc), dtype=np.int64),
        "cpc_members": cpc,
        "organized_cpc_members": cpc & f.organized,
        "non_party_members": ~cpc,
        "linked_non_party_members": ~cpc & (f.liaison_sources_per_target > 0),
        "overloaded": cpc & (f.load > max_load),
        "idle": cpc & ~f.index.in_party_group & (f.load == 0),
        "fragile": f.sole_source >= 0,
    }
    if effective is not None:
        indicators["effectively_linked_non_party_members"] = effective
    return committee_sums(ds, indicators)


def coverage(
    ds: Dataset,
    *,
    committee: str | None = None,
    max_load: int = DEFAULT_MAX_LOAD,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
) -> pd.DataFrame:
    """Coverage rates and gap counts: one row per committee, then the overall row.

    Rates are fractions in [0, 1], or None where there is nobody to cover (shown as "n/a"). When the dataset
    records activities, two more columns: the non-party members with an active counting `member` liaison in
    the period (`since`/`until`, default the 12 months ending at the latest activity) and 有效联系率.

    Examples
    --------
    On a committee of 12 members (the test fixture `liaisons`): 3 of 5 CPC members organized, 6 of 7
    non-party members liaised with; the overall row (committee "") follows the committee's.

    >>> from pbgraph import load
    >>> rows = coverage(load("tests/fixtures/liaisons"))
    >>> rows = rows[["committee", "members", "organization_rate", "work_rate", "unlinked", "unorganized"]]
    >>> for row in rows.values.tolist():
    ...     print(row)
    ['C1', 12, 0.6, 0.8571428571428571, 1, 2]
    ['', 12, 0.6, 0.8571428571428571, 1, 2]
    """
    check_committee(ds, committee)
    committees = committee_orgs(ds)
    if committee is not None:
        committees = committees[committees["id"] == committee]
    keys = committees["id"].tolist() + ([""] if committee is None else [])
    period = activity_period(ds, since=since, until=until) if has_activities(ds) else None
    effective = effectively_linked(ds, period) if period is not None else None
    counts = _member_counts(ds, max_load, effective).reindex(keys, fill_value=0)
    for name, analysis in (
        ("sector_gaps", sector_gaps),
        ("township_gaps", township_gaps),
        ("platform_gaps", platform_gaps),
    ):
        counts[name] = gap_count(analysis(ds), keys)
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
    if effective is not None:
        frame["effectively_linked_non_party_members"] = counts[
            "effectively_linked_non_party_members"
        ].to_numpy()
        frame["effective_rate"] = _rates(
            counts["effectively_linked_non_party_members"], counts["non_party_members"]
        )
    return as_recorded("coverage", frame, ds.not_recorded)


GAP_TABLES: dict[str, str] = {
    "sector_gaps": "sectors",
    "township_gaps": "townships",
    "platform_gaps": "platforms",
}
"""Each gap count of coverage -> the analysis table whose rows it counts."""


def gap_count(rows: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """The number of rows of a gap table (of the whole dataset) per coverage row: each committee of `keys`,
    and "" (the overall row) every row, including any outside a committee."""
    found = rows["committee"].value_counts()
    found = pd.concat([found.drop("", errors="ignore"), pd.Series({"": int(found.sum())})])
    return found.reindex(keys, fill_value=0).to_numpy()


def needs_of(column: str) -> tuple[str, ...]:
    """The tables (`liaisons:member` …) a coverage column cannot be known without.

    Examples
    --------
    >>> needs_of("organization_rate"), needs_of("fragile")
    (('organizations', 'memberships'), ('liaisons:member',))
    """
    return next(needs for needs, _, columns in COVERAGE_NEEDS if column in columns)


def unknown_for(ds: Dataset, column: str) -> list[str]:
    """The tables not recorded that leave a coverage column unknown (n/a in the table), [] when it is known
    (a gap count of several tables is known, in part, while one of them is recorded).

    Examples
    --------
    >>> from pbgraph import load
    >>> unknown_for(load("data/sample"), "sector_gaps")
    []
    """
    needs, any_absent = next(
        (needs, any_absent) for needs, any_absent, columns in COVERAGE_NEEDS if column in columns
    )
    return unknown(not_recorded(ds, *needs), needs, any_absent)


def _rates(part: pd.Series, whole: pd.Series) -> pd.Series:
    return pd.Series([rate(int(a), int(b)) for a, b in zip(part, whole, strict=True)], dtype=object)


def league_table(
    ds: Dataset,
    *,
    max_load: int = DEFAULT_MAX_LOAD,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
) -> pd.DataFrame:
    """Coverage per committee, worst first: the system league table (with 有效联系率 when the dataset
    records activities; the order stays that of the coverage rates).

    Examples
    --------
    >>> from pbgraph import load
    >>> rows = league_table(load("tests/fixtures/committees"))
    >>> rows = rows[["committee", "work_rate", "organization_rate"]]
    >>> for row in rows.values.tolist():
    ...     print(row)
    ['X', 0.6666666666666666, 1.0]
    ['W', 1.0, 0.0]
    ['Y', 1.0, 0.5]
    ['U', None, None]
    ['V', None, None]
    ['Z', None, None]
    """
    return sort_league(coverage(ds, max_load=max_load, since=since, until=until))


def sort_league(rows: pd.DataFrame) -> pd.DataFrame:
    """Coverage rows of the committees (the overall row dropped), worst first: lowest work rate, then lowest
    organization rate (a rate without members last), then most gaps, then id. Every backend orders the league
    table with this function."""
    rows = rows[rows["committee"] != ""]
    order = pd.DataFrame(
        {
            "work": rows["work_rate"].map(lambda r: np.inf if r is None else r),
            "org": rows["organization_rate"].map(lambda r: np.inf if r is None else r),
            "gaps": -rows[GAP_COLUMNS].sum(axis=1),
            "id": rows["committee"],
        }
    )
    worst_first = order.sort_values(["work", "org", "gaps", "id"], kind="stable").index
    return rows.loc[worst_first].reset_index(drop=True)

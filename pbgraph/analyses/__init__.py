"""The analyses of DESIGN section 4, as pure functions of a dataset returning rows (DataFrames).

`run(name, ds, …)` gives the CLI and the report one entry point: a :class:`Result` holding every table an
analysis produces (e.g. `load` has the per-member loads, the fragile members and the distribution) and notes
(e.g. that betweenness was sampled).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from pbgraph._errors import InvalidOptionError
from pbgraph.analyses._common import check_committee
from pbgraph.analyses.activity import (
    DEFAULT_MIN_MEETINGS,
    activities_per_month,
    activity_rates,
    dormant,
    has_activities,
    org_life,
    org_life_rates,
    org_meetings,
)
from pbgraph.analyses.connectors import betweenness, connectors
from pbgraph.analyses.coverage import coverage, league_table
from pbgraph.analyses.gaps import platform_gaps, sector_gaps, township_gaps, unlinked, unorganized
from pbgraph.analyses.reach import party_group_reach, reach
from pbgraph.analyses.workload import (
    DEFAULT_MAX_LOAD,
    few_contacts,
    fragile,
    liaison_load,
    load_distribution,
)

if TYPE_CHECKING:
    import datetime as dt

    from pbgraph.dataset import Dataset

ANALYSES: tuple[str, ...] = (
    "coverage",
    "unlinked",
    "unorganized",
    "sectors",
    "townships",
    "platforms",
    "reach",
    "load",
    "connectors",
    "dormant",
    "org_life",
)


@dataclass
class Result:
    """What one analysis found: named tables (the first is the main one) and notes for the reader."""

    name: str
    tables: dict[str, pd.DataFrame]
    notes: list[str] = field(default_factory=list)

    @property
    def main(self) -> pd.DataFrame:
        return next(iter(self.tables.values()))


def _connectors(ds: Dataset, committee: str | None) -> Result:
    rows = connectors(ds, committee=committee)
    notes = []
    if rows.attrs.get("sampled"):
        notes.append(f"sampled:{rows.attrs['sampled']}")
    return Result("connectors", {"connectors": rows}, notes)


def _period_notes(ds: Dataset, since: str | dt.date | None, until: str | dt.date | None) -> list[str]:
    """The period an activity analysis looked at, or that the dataset records no activity."""
    if not has_activities(ds):
        return ["no_table:activities"]
    from pbgraph.period import activity_period

    period = activity_period(ds, since=since, until=until)
    return [f"period:{period.label}"] if period is not None else []


def run(
    name: str,
    ds: Dataset,
    *,
    committee: str | None = None,
    max_load: int = DEFAULT_MAX_LOAD,
    max_depth: int | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    min_meetings: int = DEFAULT_MIN_MEETINGS,
    min_contacts: int | None = None,
) -> Result:
    """Run one analysis by name (one of `ANALYSES`).

    `since`/`until` bound the period of the activity analyses (default: the 12 months ending at the latest
    activity); `min_contacts` adds to `load` the CPC members with fewer contacts ("1+10").

    Examples
    --------
    >>> from pbgraph import load
    >>> result = run("load", load("data/sample"))
    >>> list(result.tables)
    ['load', 'fragile', 'distribution']
    """
    check_committee(ds, committee)
    c = committee
    period = {"since": since, "until": until}
    runners: dict[str, Callable[[], Result]] = {
        "coverage": lambda: Result(
            name,
            {"coverage": coverage(ds, committee=c, max_load=max_load, **period)},
            _period_notes(ds, since, until) if has_activities(ds) else [],
        ),
        "unlinked": lambda: Result(name, {"unlinked": unlinked(ds, committee=c)}),
        "unorganized": lambda: Result(name, {"unorganized": unorganized(ds, committee=c)}),
        "sectors": lambda: Result(name, {"sectors": sector_gaps(ds, committee=c)}),
        "townships": lambda: Result(name, {"townships": township_gaps(ds, committee=c)}),
        "platforms": lambda: Result(name, {"platforms": platform_gaps(ds, committee=c)}),
        "reach": lambda: Result(
            name,
            {
                "reach": reach(ds, committee=c, max_depth=max_depth),
                "party_groups": party_group_reach(ds, committee=c, max_depth=max_depth),
            },
        ),
        "load": lambda: Result(
            name,
            {
                "load": liaison_load(ds, committee=c, max_load=max_load),
                "fragile": fragile(ds, committee=c),
                "distribution": load_distribution(ds, committee=c, max_load=max_load),
            }
            | (
                {"few_contacts": few_contacts(ds, committee=c, min_contacts=min_contacts)}
                if min_contacts is not None
                else {}
            ),
        ),
        "connectors": lambda: _connectors(ds, c),
        "dormant": lambda: Result(
            name,
            {
                "dormant": dormant(ds, committee=c, **period),
                "activity_rates": activity_rates(ds, committee=c, **period),
            },
            _period_notes(ds, since, until),
        ),
        "org_life": lambda: Result(
            name,
            {
                "org_life": org_life(ds, committee=c, min_meetings=min_meetings, **period),
                "org_meetings": org_meetings(ds, committee=c, **period),
                "org_life_rates": org_life_rates(ds, committee=c, min_meetings=min_meetings, **period),
            },
            _period_notes(ds, since, until),
        ),
    }
    if name not in runners:
        raise InvalidOptionError(f"unknown analysis {name!r}; choose from {', '.join(ANALYSES)}")
    return runners[name]()


def run_all(
    ds: Dataset,
    *,
    committee: str | None = None,
    max_load: int = DEFAULT_MAX_LOAD,
    max_depth: int | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    min_meetings: int = DEFAULT_MIN_MEETINGS,
    min_contacts: int | None = None,
) -> dict[str, Result]:
    """Run every analysis."""
    return {
        name: run(
            name,
            ds,
            committee=committee,
            max_load=max_load,
            max_depth=max_depth,
            since=since,
            until=until,
            min_meetings=min_meetings,
            min_contacts=min_contacts,
        )
        for name in ANALYSES
    }


__all__ = [
    "ANALYSES",
    "Result",
    "activities_per_month",
    "activity_rates",
    "betweenness",
    "connectors",
    "coverage",
    "dormant",
    "few_contacts",
    "fragile",
    "league_table",
    "liaison_load",
    "load_distribution",
    "org_life",
    "org_life_rates",
    "org_meetings",
    "party_group_reach",
    "platform_gaps",
    "reach",
    "run",
    "run_all",
    "sector_gaps",
    "township_gaps",
    "unlinked",
    "unorganized",
]

"""The analyses of DESIGN section 4, as pure functions of a dataset returning rows (DataFrames).

`run(name, ds, …)` gives the CLI and the report one entry point: a :class:`Result` holding every table an
analysis produces (e.g. `load` has the per-member loads, the fragile members and the distribution) and
whether betweenness was sampled. The analyses are listed once, in :data:`REGISTRY`; running "the league
table and the analyses asked for" on the embedded index or in Neo4j is
:func:`pbgraph.analyses.backend.analyze`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

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
from pbgraph.analyses.recorded import tables_not_recorded
from pbgraph.analyses.registry import ANALYSES, REGISTRY, Analysis, Options, OptionValues, Result
from pbgraph.analyses.workload import (
    DEFAULT_MAX_LOAD,
    few_contacts,
    fragile,
    liaison_load,
    load_distribution,
)
from pbgraph.period import activity_period

ACTIVITY_ANALYSES: frozenset[str] = frozenset({"dormant", "org_life"})
"""The analyses over the activity log (in Neo4j: the only ones that take `as_of`)."""

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset


def run(name: str, ds: Dataset, **options: Unpack[OptionValues]) -> Result:
    """Run one analysis by name (one of `ANALYSES`), with the options of :class:`Options` (`committee`,
    `max_load`, `max_depth`, `since`, `until`, `min_meetings`, `min_contacts`).

    `since`/`until` bound the period of the activity analyses (default: the 12 months ending at the latest
    activity); `min_contacts` adds to `load` the CPC members with fewer contacts ("1+10"). An activity
    analysis notes the period it looked at ("period:SINCE:UNTIL"), or that no activity is recorded
    ("no_table:activities"), or that none stands on the `as_of` day of a dataset that records some
    ("none_by:DATE", coverage too: its 有效联系率 is then left out).

    Examples
    --------
    >>> from pbgraph import load
    >>> result = run("load", load("data/sample"))
    >>> list(result.tables)
    ['load', 'fragile', 'distribution']
    """
    return run_with(name, ds, Options(**options))


def run_with(name: str, ds: Dataset, options: Options) -> Result:
    """:func:`run` with the options gathered (what every backend and :func:`run_all` call)."""
    if name not in REGISTRY:
        raise InvalidOptionError(f"unknown analysis {name!r}; choose from {', '.join(ANALYSES)}")
    check_committee(ds, options.committee)
    tables = REGISTRY[name].compute(ds, options)
    # betweenness says on its rows whether it was sampled; the result carries it as a field
    sampled = next((frame.attrs["sampled"] for frame in tables.values() if frame.attrs.get("sampled")), None)
    notes = _period_notes(ds, name, options.since, options.until)
    # what the analysis needed and the office files did not give (DESIGN 3: "not recorded")
    return Result(name, tables, notes=notes, sampled=sampled, not_recorded=tables_not_recorded(tables))


def _period_notes(ds: Dataset, name: str, since: str | None, until: str | None) -> list[str]:
    """The period an activity analysis looked at, or that the dataset records no activity."""
    from pbgraph.period import NONE_BY

    none_by = ds.activities.attrs.get(NONE_BY)
    if none_by is not None and (name in ACTIVITY_ANALYSES or name == "coverage"):
        # a log with nothing by the --as-of date: why the activity tables and 有效联系率 are empty or absent
        return [f"none_by:{none_by}"]
    if name not in ACTIVITY_ANALYSES and not (name == "coverage" and has_activities(ds)):
        return []
    period = activity_period(ds, since=since, until=until) if has_activities(ds) else None
    return ["no_table:activities"] if period is None else [f"period:{period.label}"]


def run_all(ds: Dataset, **options: Unpack[OptionValues]) -> dict[str, Result]:
    """Run every analysis, with the options of :func:`run`."""
    from pbgraph.analyses.backend import EmbeddedBackend, analyze

    return analyze(EmbeddedBackend(ds), ANALYSES, league=False, **options).results


__all__ = [
    "ACTIVITY_ANALYSES",
    "ANALYSES",
    "DEFAULT_MAX_LOAD",
    "DEFAULT_MIN_MEETINGS",
    "REGISTRY",
    "Analysis",
    "OptionValues",
    "Options",
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
    "run_with",
    "sector_gaps",
    "township_gaps",
    "unlinked",
    "unorganized",
]

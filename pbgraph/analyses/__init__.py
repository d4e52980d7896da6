"""The analyses of DESIGN section 4, as pure functions of a dataset returning rows (DataFrames).

`run(name, ds, …)` gives the CLI and the report one entry point: a :class:`Result` holding every table an
analysis produces (e.g. `load` has the per-member loads, the fragile members and the distribution) and
whether betweenness was sampled. The analyses are listed once, in :data:`REGISTRY`; running "the league
table and the analyses asked for" on the embedded index or in Neo4j is
:func:`pbgraph.analyses.backend.analyze`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pbgraph._errors import InvalidOptionError
from pbgraph.analyses._common import check_committee
from pbgraph.analyses.connectors import betweenness, connectors
from pbgraph.analyses.coverage import coverage, league_table
from pbgraph.analyses.gaps import platform_gaps, sector_gaps, township_gaps, unlinked, unorganized
from pbgraph.analyses.reach import party_group_reach, reach
from pbgraph.analyses.registry import ANALYSES, REGISTRY, Analysis, Options, Result
from pbgraph.analyses.workload import DEFAULT_MAX_LOAD, fragile, liaison_load, load_distribution

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset


def run(
    name: str,
    ds: Dataset,
    *,
    committee: str | None = None,
    max_load: int = DEFAULT_MAX_LOAD,
    max_depth: int | None = None,
) -> Result:
    """Run one analysis by name (one of `ANALYSES`).

    Examples
    --------
    >>> from pbgraph import load
    >>> result = run("load", load("data/sample"))
    >>> list(result.tables)
    ['load', 'fragile', 'distribution']
    """
    if name not in REGISTRY:
        raise InvalidOptionError(f"unknown analysis {name!r}; choose from {', '.join(ANALYSES)}")
    check_committee(ds, committee)
    tables = REGISTRY[name].compute(ds, Options(committee=committee, max_load=max_load, max_depth=max_depth))
    # betweenness says on its rows whether it was sampled; the result carries it as a field
    sampled = next((frame.attrs["sampled"] for frame in tables.values() if frame.attrs.get("sampled")), None)
    # what the analysis needed and the office files did not give (DESIGN 3: "not recorded")
    missing = list(dict.fromkeys(k for frame in tables.values() for k in frame.attrs.get("not_recorded", [])))
    return Result(name, tables, sampled=sampled, not_recorded=missing)


def run_all(
    ds: Dataset,
    *,
    committee: str | None = None,
    max_load: int = DEFAULT_MAX_LOAD,
    max_depth: int | None = None,
) -> dict[str, Result]:
    """Run every analysis."""
    return {
        name: run(name, ds, committee=committee, max_load=max_load, max_depth=max_depth) for name in ANALYSES
    }


__all__ = [
    "ANALYSES",
    "REGISTRY",
    "Analysis",
    "Options",
    "Result",
    "betweenness",
    "connectors",
    "coverage",
    "fragile",
    "league_table",
    "liaison_load",
    "load_distribution",
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

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
from pbgraph.analyses.connectors import betweenness, connectors
from pbgraph.analyses.coverage import coverage, league_table
from pbgraph.analyses.gaps import platform_gaps, sector_gaps, township_gaps, unlinked, unorganized
from pbgraph.analyses.reach import party_group_reach, reach
from pbgraph.analyses.workload import DEFAULT_MAX_LOAD, fragile, liaison_load, load_distribution

if TYPE_CHECKING:
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
    check_committee(ds, committee)
    c = committee
    runners: dict[str, Callable[[], Result]] = {
        "coverage": lambda: Result(name, {"coverage": coverage(ds, committee=c, max_load=max_load)}),
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
            },
        ),
        "connectors": lambda: _connectors(ds, c),
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
) -> dict[str, Result]:
    """Run every analysis."""
    return {
        name: run(name, ds, committee=committee, max_load=max_load, max_depth=max_depth) for name in ANALYSES
    }


__all__ = [
    "ANALYSES",
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

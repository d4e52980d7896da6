"""The registry of analyses: for each name, the tables it gives (main table first), the options it takes and
the function that computes them. The CLI's choices, the Neo4j table lists and the report's sections are
derived from it, so an analysis is added in one place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

import pandas as pd

from pbgraph.analyses.activity import (
    DEFAULT_MIN_MEETINGS,
    activity_rates,
    dormant,
    org_life,
    org_life_rates,
    org_meetings,
)
from pbgraph.analyses.connectors import connectors
from pbgraph.analyses.coverage import coverage
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
    from pbgraph.dataset import Dataset


@dataclass(frozen=True)
class Options:
    """The options an analysis may take (each analysis uses those named in its `Analysis.options`)."""

    committee: str | None = None
    max_load: int = DEFAULT_MAX_LOAD
    max_depth: int | None = None
    since: str | None = None
    until: str | None = None
    min_meetings: int = DEFAULT_MIN_MEETINGS
    min_contacts: int | None = None

    @property
    def period(self) -> dict[str, str | None]:
        """`since` and `until`, as the activity analyses take them."""
        return {"since": self.since, "until": self.until}


class OptionValues(TypedDict, total=False):
    """The fields of :class:`Options` as keyword arguments (`run`, `run_all` and `analyze` take them)."""

    committee: str | None
    max_load: int
    max_depth: int | None
    since: str | None
    until: str | None
    min_meetings: int
    min_contacts: int | None


@dataclass
class Result:
    """What one analysis found: named tables (the first is the main one).

    Attributes
    ----------
    sampled
        The number of sources betweenness was estimated from (`connectors` on a large network), or None
        when every value is exact.
    notes
        Further notes for the reader, in the words of the backend that ran the analysis.
    """

    name: str
    tables: dict[str, pd.DataFrame]
    notes: list[str] = field(default_factory=list)
    sampled: int | None = None
    not_recorded: list[str] = field(default_factory=list)
    """Tables the analysis needs that the source did not give (`Dataset.not_recorded`): its rows leave out
    what depends on them."""

    @property
    def main(self) -> pd.DataFrame:
        return next(iter(self.tables.values()))


Compute = Callable[["Dataset", Options], dict[str, pd.DataFrame]]


@dataclass(frozen=True)
class Analysis:
    """One analysis: its name, the tables it gives (main table first), the options it uses, and how it is
    computed on a dataset."""

    name: str
    tables: tuple[str, ...]
    options: tuple[str, ...]
    compute: Compute


def _reach(ds: Dataset, o: Options) -> dict[str, pd.DataFrame]:
    return {
        "reach": reach(ds, committee=o.committee, max_depth=o.max_depth),
        "party_groups": party_group_reach(ds, committee=o.committee, max_depth=o.max_depth),
    }


def _load(ds: Dataset, o: Options) -> dict[str, pd.DataFrame]:
    tables = {
        "load": liaison_load(ds, committee=o.committee, max_load=o.max_load),
        "fragile": fragile(ds, committee=o.committee),
        "distribution": load_distribution(ds, committee=o.committee),
    }
    if o.min_contacts is not None:
        # "1+10": only when asked for
        tables["few_contacts"] = few_contacts(ds, committee=o.committee, min_contacts=o.min_contacts)
    return tables


def _dormant(ds: Dataset, o: Options) -> dict[str, pd.DataFrame]:
    return {
        "dormant": dormant(ds, committee=o.committee, **o.period),
        "activity_rates": activity_rates(ds, committee=o.committee, **o.period),
    }


def _org_life(ds: Dataset, o: Options) -> dict[str, pd.DataFrame]:
    return {
        "org_life": org_life(ds, committee=o.committee, min_meetings=o.min_meetings, **o.period),
        "org_meetings": org_meetings(ds, committee=o.committee, **o.period),
        "org_life_rates": org_life_rates(ds, committee=o.committee, min_meetings=o.min_meetings, **o.period),
    }


def _one_table(name: str, function: Callable[..., pd.DataFrame]) -> Analysis:
    """An analysis of one table named as the analysis, taking only `committee`."""
    return Analysis(name, (name,), ("committee",), lambda ds, o: {name: function(ds, committee=o.committee)})


REGISTRY: dict[str, Analysis] = {
    analysis.name: analysis
    for analysis in (
        Analysis(
            "coverage",
            ("coverage",),
            ("committee", "max_load"),
            lambda ds, o: {"coverage": coverage(ds, committee=o.committee, max_load=o.max_load, **o.period)},
        ),
        _one_table("unlinked", unlinked),
        _one_table("unorganized", unorganized),
        _one_table("sectors", sector_gaps),
        _one_table("townships", township_gaps),
        _one_table("platforms", platform_gaps),
        Analysis("reach", ("reach", "party_groups"), ("committee", "max_depth"), _reach),
        Analysis("load", ("load", "fragile", "distribution"), ("committee", "max_load"), _load),
        _one_table("connectors", connectors),
        Analysis("dormant", ("dormant", "activity_rates"), ("committee", "since", "until"), _dormant),
        Analysis(
            "org_life",
            ("org_life", "org_meetings", "org_life_rates"),
            ("committee", "since", "until", "min_meetings"),
            _org_life,
        ),
    )
}
"""Every analysis by name, in the order the CLI lists them and the report shows them."""

ANALYSES: tuple[str, ...] = tuple(REGISTRY)
"""The analysis names, in registry order."""

TABLES: dict[str, str] = {table: analysis.name for analysis in REGISTRY.values() for table in analysis.tables}
"""Every table an analysis gives -> the analysis that gives it."""

"""One orchestration of "the league table and the analyses asked for", whichever backend computes them.

A backend runs one analysis of the registry at a time: :class:`EmbeddedBackend` on a dataset in memory,
the Neo4j backend (:class:`pbgraph.neo4j_backend.Neo4jBackend`) with Cypher on a dataset pushed to Neo4j.
:func:`analyze` asks it for the analyses and, when wanted, orders the coverage by committee into the league
table with the same function (:func:`pbgraph.analyses.coverage.sort_league`) for every backend. The CLI's
`analyze` (both backends), `export --to xlsx` and the report all go through :func:`analyze`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol, Unpack

from pbgraph._threads import CPUS
from pbgraph.analyses.coverage import sort_league
from pbgraph.analyses.registry import ANALYSES, Options, OptionValues, Result

ANALYSIS_THREADS = min(2, CPUS)
"""Threads the embedded analyses run on side by side."""

if TYPE_CHECKING:
    import pandas as pd

    from pbgraph.dataset import Dataset


Finish = Callable[[dict[str, "pd.DataFrame"]], dict[str, "pd.DataFrame"]]
"""A step the tables go through before :func:`analyze` returns them (e.g. names beside ids): tables by name
in, the same names out."""


class Backend(Protocol):
    """What computes the analyses: the embedded index, or a Neo4j connection."""

    def committees(self) -> list[str]:
        """Ids of the dataset's committees, in table order."""
        ...

    def run(self, name: str, options: Options) -> Result:
        """Run one analysis of the registry; raises UnknownIdError for an unknown `options.committee`."""
        ...


@dataclass(frozen=True)
class EmbeddedBackend:
    """The analyses computed here, on a dataset in memory (networkx-free sparse index; no server)."""

    ds: Dataset

    def committees(self) -> list[str]:
        return list(self.ds.committees)

    def run(self, name: str, options: Options) -> Result:
        from pbgraph.analyses import run_with

        return run_with(name, self.ds, options)


@dataclass
class Findings:
    """The league table (when asked for) and the result of each analysis, in the order asked (of
    :func:`analyze` with `as_done`: those done so far, until :meth:`tables_as_done` has given every table)."""

    results: dict[str, Result]
    league: pd.DataFrame | None = None
    coming: Iterator[tuple[str, Result]] | None = field(default=None, repr=False)
    """The results still to come, in order, each as soon as it is done (:func:`analyze` with `as_done`)."""
    league_from: Result | None = field(default=None, repr=False)
    """The coverage the league table was ordered from, when no analysis asked gave it: what it noted (the
    activity period of its effective liaison rate, the tables not recorded) is noted too."""

    def tables_as_done(self, *, keep: bool = True) -> Iterator[tuple[str, pd.DataFrame]]:
        """Every table by name, in the order of :attr:`tables`, each as soon as its analysis and those before
        it are done, while the later ones still run; the results fill in as they come. Without `keep`, the
        results that come keep their notes and flags but not their tables: a writer lets each table go once
        written (a national system's run hundreds of MB while the last analyses still work)."""
        if self.league is not None:
            yield "league", self.league
        for result in self.results.values():
            yield from result.tables.items()
        coming, self.coming = self.coming, None
        for name, result in coming or ():
            tables = result.tables
            self.results[name] = result if keep else replace(result, tables={})
            del result
            yield from tables.items()
            del tables  # not held while the next result is waited for

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Every table by name: the league table first, then each analysis's tables."""
        tables: dict[str, pd.DataFrame] = {} if self.league is None else {"league": self.league}
        for result in self.results.values():
            tables.update(result.tables)
        return tables

    @property
    def sampled(self) -> int | None:
        """Sources betweenness was estimated from, when an analysis sampled it."""
        return next((r.sampled for r in self.results.values() if r.sampled), None)

    def _noting(self) -> list[Result]:
        """The results whose notes count: the league's coverage (its table first), then each analysis."""
        return [*([self.league_from] if self.league_from is not None else []), *self.results.values()]

    @property
    def not_recorded(self) -> list[str]:
        """Tables some analysis needed and the source did not give, in order."""
        return list(dict.fromkeys(k for result in self._noting() for k in result.not_recorded))

    @property
    def notes(self) -> list[str]:
        """The analyses' further notes, in order."""
        return [note for result in self._noting() for note in result.notes]


def wants_league(backend: Backend, committee: str | None) -> bool:
    """Whether a whole-dataset output shows the league table: no committee chosen, and several to compare."""
    return committee is None and len(backend.committees()) > 1


def analyze(
    backend: Backend,
    names: Sequence[str] = ANALYSES,
    *,
    league: bool | None = None,
    finish: Finish | None = None,
    as_done: bool = False,
    **options: Unpack[OptionValues],
) -> Findings:
    """The league table and the analyses `names`, computed by `backend`.

    Parameters
    ----------
    backend
        :class:`EmbeddedBackend` or the Neo4j backend.
    names
        Analyses of the registry, in the order their tables are wanted (default: all).
    league
        Whether to compute the league table (coverage per committee, worst first); None: when no committee
        is chosen and the dataset has several (:func:`wants_league`).
    finish
        A step every table goes through before it is returned (the CLI puts names beside ids with
        :func:`pbgraph.naming.tables_with_names`). On the embedded backend each analysis's tables go
        through it as soon as it is done, beside the analyses still running.
    as_done
        Return at once, the analyses running: :meth:`Findings.tables_as_done` gives each table as soon as
        it and those before it are done (a writer writes the first tables while the last are computed).
        Without a league table only (it comes first, from the coverage of every committee).
    options
        The options of :class:`Options` (`committee`, `max_load`, `max_depth`, `since`, `until`,
        `min_meetings`, `min_contacts`), as for :func:`pbgraph.analyses.run`.

    Examples
    --------
    >>> from pbgraph import load
    >>> found = analyze(EmbeddedBackend(load("data/sample")), ["unlinked", "load"])
    >>> list(found.tables), found.league is None
    (['unlinked', 'load', 'fragile', 'distribution'], True)
    """
    gathered = Options(**options)
    if league is None:
        league = wants_league(backend, gathered.committee)
    if as_done and not league:
        return Findings({}, coming=_in_order(backend, names, gathered, finish))
    results = dict(_in_order(backend, names, gathered, finish))
    table = None
    if league:
        # the coverage of the whole dataset holds a row per committee: reuse it when it was asked for
        whole = results["coverage"] if "coverage" in results and gathered.committee is None else None
        league_from = None
        if whole is None:
            whole = league_from = backend.run(
                "coverage", Options(max_load=gathered.max_load, since=gathered.since, until=gathered.until)
            )
        table = sort_league(whole.main)
        if finish is not None:
            table = finish({"league": table})["league"]
        return Findings(results, table, league_from=league_from)
    return Findings(results, table)


LONGEST_FIRST: tuple[str, ...] = ("coverage", "reach", "connectors", "org_life", "dormant")
"""The analyses that take longest on a large system (coverage first: the activity log's joins), started
first when the analyses run side by side; the others follow in the order asked."""


def _in_order(
    backend: Backend, names: Sequence[str], options: Options, finish: Finish | None
) -> Iterator[tuple[str, Result]]:
    """Each analysis's result, in the order of `names`, as soon as it is done. On the embedded backend they
    run on two threads side by side (where the process may use two processors), the longest first: numpy lets
    go of Python's lock in the large steps, and the two longest chains of structures (the activity log's
    joins; the reach and liaison graphs) take about as long as each other. Each analysis is a function of the
    dataset alone, so the results are the same in any order. Each result is `finish`ed as soon as it is done,
    on its thread, beside the analyses still running (not all after the last)."""
    threads = min(ANALYSIS_THREADS, len(names))

    def run(name: str) -> Result:
        result = backend.run(name, options)
        if finish is None:
            return result
        return replace(result, tables=finish(result.tables))

    if not isinstance(backend, EmbeddedBackend) or threads < 2:
        for name in names:
            yield name, run(name)
        return
    from concurrent.futures import ThreadPoolExecutor

    started = sorted(
        names, key=lambda name: LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(names)
    )
    pool = ThreadPoolExecutor(threads, thread_name_prefix="pbgraph-analysis")
    try:
        futures = {name: pool.submit(run, name) for name in started}
        for name in names:
            # taken out: a done future holds its result as long as it is kept
            yield name, futures.pop(name).result()
    finally:
        # an error (or an interrupt) in one, or the results no longer wanted (the generator closed): the
        # others not yet started are not started
        pool.shutdown(cancel_futures=True)

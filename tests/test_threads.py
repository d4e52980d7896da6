"""Work side by side on threads: `pbgraph._threads.in_order` (results in order, few held at once), work
started in the background at the lowest priority, the embedded analyses (`pbgraph.analyses.backend`: the
same results as one at a time) and each structure they share derived once (`Dataset.derived`)."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from pbgraph import Dataset, _threads, load
from pbgraph._threads import in_order, started
from pbgraph.analyses import ANALYSES, backend
from pbgraph.analyses.backend import EmbeddedBackend, analyze


def _findings(folder: Path, threads: int, **options: object) -> backend.Findings:
    """Every analysis of a freshly loaded dataset (no cache: every structure derived in this run)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(backend, "ANALYSIS_THREADS", threads)
        return analyze(EmbeddedBackend(load(folder, cache=False)), ANALYSES, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize("options", [{}, {"max_depth": 1, "max_load": 2, "min_contacts": 3}])
def test_analyses_side_by_side_give_what_one_at_a_time_gives(tmp_path: Path, options: dict[str, int]) -> None:
    """A generated county with a year of activities: the activity log's joins, the reach and liaison graphs
    and the member facts are derived while other analyses run. Every table, note and flag is the same as
    when the analyses run one after another, and in the order asked."""
    from pbgraph.generate import generate

    generate("county", tmp_path / "county", seed=6)
    alone = _findings(tmp_path / "county", 1, **options)
    together = _findings(tmp_path / "county", 4, **options)
    assert list(together.results) == list(ANALYSES)
    assert list(together.tables) == list(alone.tables)
    for name, table in alone.tables.items():
        pd.testing.assert_frame_equal(together.tables[name], table, obj=name)
        assert together.tables[name].attrs == table.attrs, name
    assert (together.notes, together.sampled, together.not_recorded) == (
        alone.notes,
        alone.sampled,
        alone.not_recorded,
    )
    # the activity analyses had rows to find: their chain of structures was derived too
    assert len(alone.tables["activity_rates"]) and len(alone.tables["org_meetings"])


@pytest.mark.parametrize("threads", [1, 4])
def test_tables_named_as_each_analysis_is_done_are_named_as_after(tmp_path: Path, threads: int) -> None:
    """Names beside ids as each analysis is done (`finish`, beside the analyses still running): every
    table, the league table included, is what naming them all afterwards gives."""
    from pbgraph.generate import generate
    from pbgraph.naming import tables_with_names

    generate("county", tmp_path / "county", seed=6)
    ds = load(tmp_path / "county", cache=False)
    after = tables_with_names(_findings(tmp_path / "county", 1, league=True).tables, ds)
    finished = _findings(
        tmp_path / "county", threads, league=True, finish=lambda tables: tables_with_names(tables, ds)
    )
    assert list(finished.tables) == list(after) and "league" in after
    for name, table in after.items():
        pd.testing.assert_frame_equal(finished.tables[name], table, obj=name)
        assert finished.tables[name].attrs == table.attrs, name
    assert "committee_name" in finished.tables["reach"] and "liaised_by_name" in finished.tables["fragile"]
    # the league table without the coverage asked for (its own run of coverage) is named too
    alone = analyze(EmbeddedBackend(ds), ["load"], league=True, finish=lambda t: tables_with_names(t, ds))
    assert alone.league is not None and alone.league.attrs == after["league"].attrs


def test_an_error_in_one_analysis_is_raised_as_when_alone(sample: Dataset) -> None:
    """An unknown committee: raised from the threads as it is when the analyses run one at a time."""
    from pbgraph import UnknownIdError

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(backend, "ANALYSIS_THREADS", 2)
        with pytest.raises(UnknownIdError):
            analyze(EmbeddedBackend(sample), ANALYSES, committee="NO-SUCH")


def test_a_structure_asked_for_by_several_threads_at_once_is_derived_once() -> None:
    """Eight threads ask for the same structure while it is being built: one builds it, the others wait
    for it and get the same object; a structure it needs is built inside it."""
    ds = load("data/sample", cache=False)
    builds: list[str] = []

    def needed(_: object) -> object:
        builds.append("needed")
        time.sleep(0.05)
        return object()

    def structure(d: object) -> tuple[object, object]:
        builds.append("structure")
        time.sleep(0.05)
        return object(), ds.derived("test:needed", needed)

    start = threading.Barrier(8)
    found: list[object] = []

    def ask() -> None:
        start.wait()
        found.append(ds.derived("test:structure", structure))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(builds) == ["needed", "structure"]
    assert len(found) == 8 and all(one is found[0] for one in found)
    assert ds.derived("test:needed", needed) is found[0][1]  # type: ignore[index]


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_in_order_gives_each_result_in_order_holding_few(threads: int) -> None:
    """Items that finish out of order (the later ones sooner) come out in order, and however slowly they are
    taken, no more than `threads` are started ahead of the one taken."""
    started: list[int] = []
    taken: list[int] = []

    def slow_first(item: int) -> int:
        started.append(item)
        time.sleep(0.001 * (10 - item))
        return item * item

    for result in in_order(slow_first, range(10), threads=threads):
        taken.append(result)
        time.sleep(0.02)
        assert len(started) <= len(taken) + threads
    assert taken == [item * item for item in range(10)]


def test_in_order_raises_what_the_function_raised() -> None:
    def odd(item: int) -> int:
        if item == 3:
            raise KeyError(item)
        return item

    found = []
    with pytest.raises(KeyError):
        for result in in_order(odd, range(6), threads=2):
            found.append(result)
    assert found == [0, 1, 2]


def test_validation_lists_the_same_problems_in_the_same_order_with_its_checks_side_by_side(
    tmp_path: Path,
) -> None:
    """The activity log's references are checked on a thread of their own beside the other references:
    broken references in members, organizations, liaisons and activities, and a cycle of parents, are
    listed exactly as when every check runs one after another (one processor)."""
    from pbgraph import DatasetError, _threads
    from tests.broken import Sheet, base, write_csv

    tables = base()
    tables["members"].set(2, "sector", "S9")
    tables["organizations"].add(id="X1", name="甲", kind="party_branch", parent="X2")
    tables["organizations"].add(id="X2", name="乙", kind="party_branch", parent="X1")
    tables["organizations"].set(5, "township", "T9")
    tables["liaisons"].add(source="M1", target="N9", kind="member")
    tables["activities"] = Sheet(
        ["date", "kind", "members", "target", "organization", "note"],
        [
            ["2024-07-28", "谈心谈话", "M1", "N9", "", ""],
            ["2024-08-01", "走访", "M9;M2", "N1", "", ""],
            ["2024-09-01", "组织生活会", "M1", "", "PB9", ""],
            ["2024-10-01", "走访", "M2", "", "", ""],
        ],
    )
    folder = write_csv(tmp_path / "broken", tables)
    found = {}
    for processors in (1, 2):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(_threads, "CPUS", processors)
            with pytest.raises(DatasetError) as caught:
                load(folder, cache=False)
            found[processors] = caught.value.problems
    codes = [problem.code for problem in found[1]]
    assert {"unknown_reference", "parent_cycle"} <= set(codes)
    assert sum(problem.table == "activities" for problem in found[1]) >= 3
    assert found[2] == found[1]


def _priority() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own priority is Linux's")
def test_background_work_runs_at_the_lowest_priority_and_leaves_the_caller_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mine = _priority()
    assert mine < 19, "the tests run at the lowest priority already: nothing to compare"
    assert started(_priority, background=True)() == 19
    assert started(_priority)() == mine
    assert _priority() == mine
    # one processor: nothing is started, the work runs on the caller's thread when waited for, as it is
    monkeypatch.setattr(_threads, "CPUS", 1)
    assert started(_priority, background=True)() == mine
    assert _priority() == mine

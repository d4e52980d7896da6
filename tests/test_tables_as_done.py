"""Tables written as the analyses are done (`analyze(..., as_done=True)`, `Findings.tables_as_done`): the
first tables are written while the last analyses still run, the output is what writing them all at the end
gives, and a failure on the way leaves no file."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from pbgraph import Dataset
from pbgraph._json_writer import json_chunks, json_document
from pbgraph.analyses import ANALYSES, backend
from pbgraph.analyses.backend import EmbeddedBackend, analyze
from pbgraph.analyses.registry import Options, Result
from pbgraph.cli import main
from pbgraph.cli._common import write_tables


class HeldBackend(EmbeddedBackend):
    """Plumbing: the embedded analyses, the last one asked held until `release` is set (or 60 s pass, which
    the test reports as the first tables not having come while it was held)."""

    release: threading.Event
    held: str

    def run(self, name: str, options: Options) -> Result:
        if name == self.held and not self.release.wait(60):
            raise TimeoutError(f"{name} was held 60 s: nothing came before it")
        return super().run(name, options)


def held(ds: Dataset, name: str) -> HeldBackend:
    found = HeldBackend(ds)
    object.__setattr__(found, "release", threading.Event())
    object.__setattr__(found, "held", name)
    return found


@pytest.mark.parametrize("threads", [1, 2])
def test_the_first_tables_come_while_the_last_analysis_runs(sample: Dataset, threads: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(backend, "ANALYSIS_THREADS", threads)
        # one thread runs them in order: the held one (the last) is not reached before the first tables
        running = held(sample, ANALYSES[-1])
        found = analyze(running, ANALYSES, as_done=True)
        chunks = json_chunks(found.tables_as_done())
        first = next(chunks) + bytes(next(chunks))
        assert first.startswith(b'{\n  "coverage": [')
        assert not running.release.is_set() and ANALYSES[-1] not in found.results
        running.release.set()
        text = first + b"".join(bytes(chunk) for chunk in chunks)
    # every table came, in order, and the results filled in
    assert list(found.results) == list(ANALYSES)
    whole = analyze(EmbeddedBackend(sample), ANALYSES, league=False)
    assert text.decode() == json_document(whole.tables)
    assert (found.notes, found.sampled, found.not_recorded) == (
        whole.notes,
        whole.sampled,
        whole.not_recorded,
    )


def test_tables_as_done_are_the_tables_in_their_order(sample: Dataset) -> None:
    # with the league table (then computed whole first), and without `as_done`
    for options in ({"league": True}, {"league": True, "as_done": True}, {"league": False}):
        found = analyze(EmbeddedBackend(sample), ANALYSES, **options)  # type: ignore[arg-type]
        pairs = list(found.tables_as_done())
        assert [name for name, _ in pairs] == list(found.tables)
        for name, table in pairs:
            pd.testing.assert_frame_equal(table, found.tables[name], obj=name)
        assert ("league" in found.tables) is bool(options["league"])


def test_the_cli_writes_the_same_file_as_the_screen_shows(tmp_path: Path) -> None:
    # to a file as the tables come; to the screen whole: the same JSON, and the notes on the terminal after
    out = tmp_path / "all.json"
    args = ["analyze", "all", "data/sample", "--format", "json", "--no-cache"]
    filed = CliRunner().invoke(main, [*args, "-o", str(out)])
    shown = CliRunner().invoke(main, args)
    assert filed.exit_code == 0 and shown.exit_code == 0, filed.output + shown.output
    assert out.read_text(encoding="utf-8") == shown.stdout
    notes = [line for line in filed.stderr.splitlines() if line.startswith("注")]
    assert notes and notes == [line for line in shown.stderr.splitlines() if line.startswith("注")]
    # the notes come before the line that says the file is written
    assert filed.stderr.rstrip().splitlines()[-1].startswith("已写入")


def test_a_failure_on_the_way_leaves_no_file_and_the_old_one_as_it_was(
    sample: Dataset, tmp_path: Path
) -> None:
    out = tmp_path / "all.json"
    out.write_text("before", encoding="utf-8")
    tables = analyze(EmbeddedBackend(sample), ["coverage", "unlinked"], league=False).tables

    def failing() -> Iterator[tuple[str, pd.DataFrame]]:
        yield "coverage", tables["coverage"]
        raise RuntimeError("an analysis failed after the first table was written")

    with pytest.raises(RuntimeError, match="after the first table"):
        write_tables(failing(), fmt="json", lang="zh", output=out)
    assert out.read_text(encoding="utf-8") == "before"
    assert [p.name for p in tmp_path.iterdir()] == ["all.json"]  # nothing left beside it


def test_tables_as_they_come_are_written_as_their_mapping(sample: Dataset) -> None:
    # one table alone is the array of its records, several an object by name, none an empty object
    for names in (["unlinked"], ["unlinked", "coverage"], ["load"]):
        tables = analyze(EmbeddedBackend(sample), names, league=False).tables
        streamed = b"".join(bytes(c) for c in json_chunks(iter(tables.items()))).decode()
        assert streamed == json_document(tables)
    assert isinstance(json.loads(json_document(tables)), dict)
    one = analyze(EmbeddedBackend(sample), ["unlinked"], league=False).tables
    assert isinstance(json.loads(b"".join(bytes(c) for c in json_chunks(iter(one.items())))), list)
    assert b"".join(bytes(c) for c in json_chunks(iter([]))) == b"{}"


@pytest.mark.parametrize("name", ["coverage", "unlinked", "load", "all"])
def test_the_file_is_what_the_screen_shows(tmp_path: Path, name: str) -> None:
    # one analysis of one table writes its records as an array to the file as to the screen
    out = tmp_path / "out.json"
    args = ["analyze", name, "data/sample", "--format", "json", "--no-cache"]
    filed = CliRunner().invoke(main, [*args, "-o", str(out)])
    shown = CliRunner().invoke(main, args)
    assert filed.exit_code == 0 and shown.exit_code == 0, filed.output + shown.output
    assert out.read_text(encoding="utf-8") == shown.stdout


def test_a_table_written_is_let_go_and_the_notes_stay(sample: Dataset) -> None:
    # without `keep`, nothing holds an analysis's tables once the writer has moved on to the next analysis's
    # (a national run's tables are hundreds of MB while the last analyses work); the notes and flags stay
    import gc
    import weakref

    whole = analyze(EmbeddedBackend(sample), ANALYSES, league=False)
    owner = {table: name for name, result in whole.results.items() for table in result.tables}
    found = analyze(EmbeddedBackend(sample), ANALYSES, league=False, as_done=True)
    seen: dict[str, weakref.ref[pd.DataFrame]] = {}

    def watched(pairs: Iterator[tuple[str, pd.DataFrame]]) -> Iterator[tuple[str, pd.DataFrame]]:
        for pair in pairs:
            seen[pair[0]] = weakref.ref(pair[1])
            yield pair
            del pair

    for chunk in json_chunks(watched(found.tables_as_done(keep=False))):
        if bytes(chunk).startswith((b"{\n  ", b",\n  ")):
            # the next table begins: the tables of every analysis before its own are no longer held
            gc.collect()
            table = bytes(chunk).split(b'"')[1].decode()
            before = ANALYSES.index(owner[table])
            held = [n for n, ref in seen.items() if ref() is not None and ANALYSES.index(owner[n]) < before]
            assert held == [], table
            assert not any(result.tables for result in found.results.values())
    assert list(seen) == list(whole.tables)
    assert list(found.results) == list(ANALYSES)
    assert (found.notes, found.sampled, found.not_recorded) == (
        whole.notes,
        whole.sampled,
        whole.not_recorded,
    )

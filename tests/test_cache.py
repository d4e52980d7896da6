"""The cache of validated datasets: same dataset as from the files, never stale, safe with two builders."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner, Result

import pbgraph
from pbgraph import Dataset, DatasetError, _cache_key, analyses, cache
from pbgraph.analyses._joins import distinct_liaisons
from pbgraph.cli import main
from pbgraph.loader import read_tables
from pbgraph.model import TABLES
from pbgraph.validate import SETTLED_EARLY, build_dataset
from tests.broken import base, write_csv, write_xlsx

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_ENV, str(folder))
    return folder


def read_files(path: Path) -> list[str]:
    """Load `path` (with the cache); the files actually read (none when it came from the cache)."""
    seen: list[str] = []
    pbgraph.load(path, progress=seen.append)
    return seen


def assert_same(cached: Dataset, fresh: Dataset) -> None:
    assert cached.name == fresh.name
    assert cached.warnings == fresh.warnings
    assert cached.not_recorded == fresh.not_recorded
    assert cached.assigned_ids == fresh.assigned_ids
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(cached, name), getattr(fresh, name), check_exact=True)
    assert cached.equals(fresh)


def entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) if folder.exists() else []


def test_every_dataset_field_is_kept() -> None:
    # a field added to Dataset must be written to the cache too, or a cached dataset would lose it
    assert {f.name for f in dataclasses.fields(Dataset)} == {
        *TABLES,
        "name",
        "warnings",
        "not_recorded",
        "assigned_ids",
    }


def test_second_load_comes_from_the_cache_and_equals_the_files(cache_folder: Path, tmp_path: Path) -> None:
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder)
    assert read_files(folder) == sorted(p.name for p in folder.glob("*.csv"))
    assert len(entries(cache_folder)) == 1
    assert read_files(folder) == []
    cached, fresh = pbgraph.load(folder), pbgraph.load(folder, cache=False)
    assert fresh.warnings, "the sample has warnings: they must be reported from the cache too"
    assert_same(cached, fresh)
    # the node numbers resolved at validation are kept: every analysis gives the same rows
    for name in analyses.ANALYSES:
        mine, theirs = analyses.run(name, cached), analyses.run(name, fresh)
        assert mine.notes == theirs.notes
        for table in theirs.tables:
            pd.testing.assert_frame_equal(mine.tables[table], theirs.tables[table])


def test_building_is_called_only_when_the_files_are_read(cache_folder: Path, tmp_path: Path) -> None:
    """The CLI keeps freed memory while a dataset is read from its files (`building`), not when it comes
    from the cache."""
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder)
    calls: list[str] = []
    pbgraph.load(folder, building=lambda: calls.append("first"))
    pbgraph.load(folder, building=lambda: calls.append("cached"))
    pbgraph.load(folder, cache=False, building=lambda: calls.append("no cache"))
    assert calls == ["first", "no cache"]


def test_no_cache_neither_reads_nor_writes(cache_folder: Path) -> None:
    seen: list[str] = []
    pbgraph.load(SAMPLE, progress=seen.append, cache=False)
    assert seen and not cache_folder.exists()


def test_a_changed_file_of_the_same_size_and_time_is_read_again(cache_folder: Path, tmp_path: Path) -> None:
    tables = base()
    tables["members"].set(4, "name", "钱三")
    folder = write_csv(tmp_path / "ds", tables)
    assert pbgraph.load(folder).members["name"].tolist()[2] == "钱三"
    members = folder / "members.csv"
    before = members.stat()
    members.write_text(members.read_text(encoding="utf-8").replace("钱三", "钱四"), encoding="utf-8")
    os.utime(members, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert members.stat().st_size == before.st_size
    assert read_files(folder) != []
    assert pbgraph.load(folder).members["name"].tolist()[2] == "钱四"
    # the entry of the earlier files is gone, not left to grow the cache
    assert len(entries(cache_folder)) == 1


def test_an_added_or_removed_file_is_read_again(cache_folder: Path, tmp_path: Path) -> None:
    tables = base()
    contacts = tables.pop("contacts")
    del tables["liaisons"].rows[-1]  # the contact liaison
    folder = write_csv(tmp_path / "ds", tables)
    assert len(pbgraph.load(folder).contacts) == 0
    write_csv(tmp_path / "extra", {"contacts": contacts})
    shutil.copy(tmp_path / "extra" / "contacts.csv", folder / "contacts.csv")
    assert len(pbgraph.load(folder).contacts) == len(contacts.rows)
    (folder / "contacts.csv").unlink()
    assert len(pbgraph.load(folder).contacts) == 0


def test_a_link_gives_the_dataset_its_own_name(cache_folder: Path, tmp_path: Path) -> None:
    folder = write_csv(tmp_path / "ds", base())
    link = tmp_path / "link"
    link.symlink_to(folder, target_is_directory=True)
    assert pbgraph.load(folder).name == "ds"
    assert pbgraph.load(link).name == "link"
    assert read_files(folder) == [] and read_files(link) == []
    assert pbgraph.load(folder).name == "ds"


def test_a_dataset_with_errors_is_never_kept(cache_folder: Path, tmp_path: Path) -> None:
    tables = base()
    tables["liaisons"].set(2, "target", "NOPE")
    folder = write_csv(tmp_path / "ds", tables)
    for _ in range(2):
        with pytest.raises(DatasetError):
            pbgraph.load(folder)
    # the unknown target is found after the liaisons were settled and written early: nothing of them is left
    assert not cache_folder.exists() or list(cache_folder.iterdir()) == []


def test_the_tables_settled_early_are_the_datasets_own() -> None:
    """Validation hands the cache the tables it will no longer change, half-way: they are the dataset's very
    data (the same buffers: the cache need not write them again)."""
    raw, problems = read_tables(SAMPLE)
    settled: dict[str, pd.DataFrame] = {}
    ds = build_dataset(raw, problems, settled=settled.update)
    assert set(settled) == set(SETTLED_EARLY)
    for name, frame in settled.items():
        pd.testing.assert_frame_equal(frame, getattr(ds, name), check_exact=True)
        assert cache._same_buffers(cache._arrow_table(frame), cache._arrow_table(getattr(ds, name)))


def test_nothing_is_settled_after_an_error(tmp_path: Path) -> None:
    tables = base()
    tables["liaisons"].set(2, "kind", "NOPE")
    raw, problems = read_tables(write_csv(tmp_path / "ds", tables))
    settled: dict[str, pd.DataFrame] = {}
    with pytest.raises(DatasetError):
        build_dataset(raw, problems, settled=settled.update)
    assert settled == {}


def test_each_file_of_an_entry_is_written_once(
    cache_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tables written while the rest was checked are not written again with the others."""
    written: list[str] = []
    write_table = cache._write_table

    def recorded(path: Path, table: object) -> None:
        written.append(path.name)
        write_table(path, table)  # type: ignore[arg-type]

    monkeypatch.setattr(cache, "_write_table", recorded)
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder)
    ds = pbgraph.load(folder)
    assert sorted(written) == sorted(set(written))
    assert {f"{name}.arrow" for name in TABLES} <= set(written)
    (entry,) = entries(cache_folder)
    assert sorted(p.name for p in (cache_folder / entry).iterdir()) == sorted([*written, cache.META])
    assert_same(pbgraph.load(folder), ds)


def test_workbooks_are_cached_too(cache_folder: Path, tmp_path: Path) -> None:
    workbook = write_xlsx(tmp_path / "ds.xlsx", base())
    fresh = pbgraph.load(workbook, cache=False)
    assert read_files(workbook) == ["ds.xlsx"]
    assert read_files(workbook) == []
    assert_same(pbgraph.load(workbook), fresh)


def test_an_office_roster_keeps_what_it_did_not_record(cache_folder: Path, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "委员名单"
    for row in (["姓名", "政治面貌", "界别"], ["张三", "中共党员", "教育"], ["李四", "民盟", "教育"]):
        sheet.append(row)
    path = tmp_path / "名单.xlsx"
    workbook.save(path)
    fresh = pbgraph.load(path, cache=False)
    assert "organizations" in fresh.not_recorded
    # no 编号 column: pbgraph assigned the ids (a comparison matches these members by name)
    assert "members" in fresh.assigned_ids
    assert read_files(path) != [] and read_files(path) == []
    assert_same(pbgraph.load(path), fresh)


def test_a_damaged_entry_is_read_from_the_files(cache_folder: Path, tmp_path: Path) -> None:
    folder = write_csv(tmp_path / "ds", base())
    fresh = pbgraph.load(folder)
    (entry,) = cache_folder.iterdir()
    (entry / "liaisons.arrow").write_bytes(b"not arrow")
    assert read_files(folder) != []
    assert_same(pbgraph.load(folder), fresh)


def test_an_entry_already_in_place_is_kept(cache_folder: Path, tmp_path: Path) -> None:
    # what the slower of two builders finds: the same entry renamed into place by the other one
    folder = write_csv(tmp_path / "ds", base())
    ds = pbgraph.load(folder)
    key = _cache_key.fingerprint(folder)
    assert key is not None and entries(cache_folder) == [key]
    assert cache.write_entry(cache_folder, key, ds)
    assert os.listdir(cache_folder) == [key]
    assert read_files(folder) == []


def test_two_processes_building_at_once(cache_folder: Path, tmp_path: Path) -> None:
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder)
    script = "import sys, pbgraph; ds = pbgraph.load(sys.argv[1]); print(len(ds.members), len(ds.warnings))"
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(folder)], stdout=subprocess.PIPE, text=True, cwd=ROOT
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert all(run.returncode == 0 for run in runs)
    fresh = pbgraph.load(folder, cache=False)
    assert outputs == [f"{len(fresh.members)} {len(fresh.warnings)}\n"] * 2
    assert os.listdir(cache_folder) == [_cache_key.fingerprint(folder)]
    assert read_files(folder) == []
    assert_same(pbgraph.load(folder), fresh)


def test_clear_removes_entries_and_nothing_else(cache_folder: Path, tmp_path: Path) -> None:
    pbgraph.load(write_csv(tmp_path / "a", base()))
    pbgraph.load(SAMPLE)
    (cache_folder / "notes.txt").write_text("mine")
    assert cache.summary()["entries"] == 2 and cache.summary()["bytes"] > 0
    assert cache.clear() == 2
    assert os.listdir(cache_folder) == ["notes.txt"]
    assert cache.summary()["entries"] == 0


def test_default_folder_is_the_user_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_cache_dir

    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    assert cache.cache_dir() == Path(user_cache_dir("pbgraph", appauthor=False))


# -- command line -------------------------------------------------------------------------------------------


def cli(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def test_validate_reports_the_same_warnings_from_the_cache(cache_folder: Path, tmp_path: Path) -> None:
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder)
    first = cli("validate", folder, "--lang", "en")
    assert first.exit_code == 0 and "warning" in first.output
    assert cache.summary()["entries"] == 1
    again = cli("validate", folder, "--lang", "en")
    assert again.exit_code == 0 and again.output == first.output
    assert read_files(folder) == []


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["info"],
        ["analyze", "coverage"],
        ["export", "--to", "json", "-o", "OUT/g.json"],
        ["render", "network", "-o", "OUT/n.html"],
        ["report", "--no-views", "-o", "OUT/r.html"],
    ],
    ids=lambda c: c[0],
)
def test_no_cache_on_every_reading_command(command: list[str], cache_folder: Path, tmp_path: Path) -> None:
    args = [a.replace("OUT", str(tmp_path)) for a in command]
    # the dataset path goes where each command takes it: after the command name and any view name
    at = 2 if command[0] in ("analyze", "render") else 1
    args.insert(at, str(SAMPLE))
    result = cli(*args, "--no-cache")
    assert result.exit_code == 0, result.output
    assert entries(cache_folder) == []
    assert cli(*args).exit_code == 0
    assert len(entries(cache_folder)) == 1


def test_cache_info_and_clear(cache_folder: Path) -> None:
    assert cli("analyze", "coverage", SAMPLE).exit_code == 0
    info = cli("cache", "info", "--lang", "en")
    assert info.exit_code == 0 and str(cache_folder) in info.output and "1 dataset(s)" in info.output
    cleared = cli("cache", "clear", "--lang", "en")
    assert cleared.exit_code == 0 and "removed 1 cached dataset(s)" in cleared.output
    assert entries(cache_folder) == []


def _default_until(ds: pbgraph.Dataset | Path) -> str:
    """The last day of the activity analyses' default period, as the entry names what depends on it."""
    from pbgraph.period import activity_period

    period = activity_period(ds if isinstance(ds, pbgraph.Dataset) else pbgraph.load(ds, cache=False))
    assert period is not None
    return period.until.isoformat()


def test_the_activity_joins_are_kept_when_first_derived(cache_folder: Path, tmp_path: Path) -> None:
    # a lone first `validate` does not pay for the activity log's joins; the first command that derives them
    # adds them to the entry, and the commands after it read them from there
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder)
    first = pbgraph.load(folder)
    (entry,) = (cache_folder / name for name in entries(cache_folder))

    def kept() -> list[str]:
        return sorted(p.name for p in entry.glob("derived.*.arrow"))

    # the liaisons' and activities' kinds as codes and which liaisons count (a flag per liaison, kept as
    # bytes) come with them, and each pair's last activity up to the end of the period (by that day)
    until = _default_until(first)
    joins = [
        "derived.activity_kind.arrow",
        "derived.activity_pair_liaisons.arrow",
        "derived.activity_pairs.arrow",
        f"derived.last_activity_until_{until}.arrow",
        "derived.liaison_counting.arrow",
        "derived.liaison_kind.arrow",
        "derived.liaison_pairs.arrow",
    ]
    assert kept() == ["derived.activity_days.arrow", "derived.activity_participation.arrow"]
    expected = analyses.run("dormant", first)
    assert kept() == sorted(["derived.activity_days.arrow", "derived.activity_participation.arrow", *joins])
    assert not [p for p in entry.iterdir() if p.name.startswith(".")], "nothing half-written is left"
    again = pbgraph.load(folder)
    store = again.__dict__["_derived"]
    assert {"liaison_pairs", "activity_pair_liaisons", "activity_pairs"} <= set(store)
    assert not store["liaison_pairs"][0].flags.writeable, "read from the entry, not derived again"
    last = store[f"last_activity_until_{until}"]
    assert last.dtype == np.dtype("datetime64[D]") and not last.flags.writeable
    assert np.isnat(last).any() and not np.isnat(last).all()
    counting = store["liaison_counting"]
    assert counting.dtype == bool and not counting.flags.writeable
    assert np.array_equal(counting, pbgraph.load(folder, cache=False).node_index.counting)
    result = analyses.run("dormant", again)
    for table in expected.tables:
        pd.testing.assert_frame_equal(result.tables[table], expected.tables[table])
    # the connectors' liaison graph too (arrays of three lengths in one file)
    connectors = analyses.run("connectors", again).tables["connectors"]
    assert "derived.liaison_graph.arrow" in kept()
    third = pbgraph.load(folder)
    assert not third.__dict__["_derived"]["liaison_graph"][2].flags.writeable
    pd.testing.assert_frame_equal(analyses.run("connectors", third).tables["connectors"], connectors)
    fresh = analyses.run("connectors", pbgraph.load(folder, cache=False)).tables["connectors"]
    pd.testing.assert_frame_equal(connectors, fresh)
    assert result.tables["dormant"].equals(
        analyses.run("dormant", pbgraph.load(folder, cache=False)).tables["dormant"]
    )


def test_a_structure_derived_after_the_entry_is_gone_is_no_error(cache_folder: Path, tmp_path: Path) -> None:
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder)
    ds = pbgraph.load(folder)
    assert cache.clear() == 1
    fresh = pbgraph.load(folder, cache=False)
    assert (
        analyses.run("dormant", ds).tables["dormant"].equals(analyses.run("dormant", fresh).tables["dormant"])
    )
    assert entries(cache_folder) == []


def test_a_command_keeps_what_it_derives_while_its_entry_is_written(
    cache_folder: Path, tmp_path: Path
) -> None:
    # inside a command the entry's files are written on a thread of their own while the command goes on:
    # what the command derives meanwhile (a report derives every structure kept) is added once the entry is
    # in place, all of it before the command ends, and nothing half-written is left
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder)
    first = cli("report", folder, "-o", tmp_path / "first.html")
    assert first.exit_code == 0, first.output
    (entry,) = (cache_folder / name for name in entries(cache_folder))
    assert sorted(p.name for p in entry.glob("derived.*.arrow")) == sorted(
        f"derived.{key}.arrow" for key in [*cache.PERSISTED, f"last_activity_until_{_default_until(folder)}"]
    )
    assert not [p for p in [*cache_folder.iterdir(), *entry.iterdir()] if p.name.startswith(".")]
    assert read_files(folder) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own priority is Linux's")
def test_a_command_writes_its_entry_in_the_background(
    cache_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the entry's files and the structures derived meanwhile are written on a thread of the lowest priority
    # (they wait for a processor the analyses leave idle), never on the threads of the analyses
    writers: set[tuple[str, int]] = set()

    def watched(function):  # type: ignore[no-untyped-def]
        def write(*args, **kwargs):  # type: ignore[no-untyped-def]
            writers.add(
                (threading.current_thread().name, os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
            )
            return function(*args, **kwargs)

        return write

    monkeypatch.setattr(cache, "_write_files", watched(cache._write_files))
    monkeypatch.setattr(cache, "_keep_derived", watched(cache._keep_derived))
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder)
    assert cli("analyze", "all", folder, "-o", tmp_path / "all.json").exit_code == 0
    (entry,) = (cache_folder / name for name in entries(cache_folder))
    assert list(entry.glob("derived.*.arrow"))
    assert writers == {("pbgraph-cache-write", 19)}


def test_every_persisted_structure_is_kept_and_read_back(cache_folder: Path, tmp_path: Path) -> None:
    # a report derives every structure the cache keeps; the next command reads them all from the entry and
    # writes the same report as one that reads the files
    folder = tmp_path / "sample"
    shutil.copytree(SAMPLE, folder)
    first = CliRunner().invoke(main, ["report", str(folder), "-o", str(tmp_path / "first.html")])
    assert first.exit_code == 0, first.output
    (entry,) = (cache_folder / name for name in entries(cache_folder))
    assert sorted(p.name for p in entry.glob("derived.*.arrow")) == sorted(
        f"derived.{key}.arrow" for key in [*cache.PERSISTED, f"last_activity_until_{_default_until(folder)}"]
    )
    store = pbgraph.load(folder).__dict__["_derived"]
    assert set(store) >= set(cache.PERSISTED)
    for key in cache.PERSISTED:
        arrays = store[key] if isinstance(store[key], tuple) else (store[key],)
        assert all(not a.flags.writeable for a in arrays), key
    # node and row numbers come back in 32 bits (the sample's pair keys too), the same values as derived
    assert {a.dtype for a in (*store["liaison_pairs"], *store["activity_pairs"])} == {np.dtype(np.int32)}
    fresh_store = pbgraph.load(folder, cache=False)
    for fresh_array, cached in zip(distinct_liaisons(fresh_store), store["liaison_pairs"], strict=True):
        assert fresh_array.dtype == np.int64 and np.array_equal(fresh_array, cached)
    report = ["report", str(folder), "-o"]
    second = CliRunner().invoke(main, [*report, str(tmp_path / "second.html")])
    fresh = CliRunner().invoke(main, [*report, str(tmp_path / "fresh.html"), "--no-cache"])
    assert second.exit_code == 0 and fresh.exit_code == 0, second.output + fresh.output
    assert (tmp_path / "second.html").read_bytes() == (tmp_path / "fresh.html").read_bytes()


@pytest.mark.parametrize(
    ("values", "kept_as"),
    [
        ([-1, 0, 2**31 - 1], np.int32),
        ([-(2**31), 5], np.int32),
        ([0, 2**31], np.int64),
        ([-(2**31) - 1, 0], np.int64),
        ([], np.int64),
    ],
)
def test_integers_are_kept_in_32_bits_where_every_one_fits(
    values: list[int], kept_as: type, tmp_path: Path
) -> None:
    array = np.array(values, dtype=np.int64)
    flags = np.array([True, False])
    (narrowed, same_flags) = cache._as_arrays((array, flags))
    assert narrowed.dtype == kept_as and same_flags.dtype == bool
    cache._write_arrays(tmp_path / "a.arrow", (narrowed, same_flags))
    back, back_flags = cache._read_arrays(tmp_path / "a.arrow")
    assert back.dtype == kept_as and back.tolist() == values and back_flags.tolist() == [True, False]

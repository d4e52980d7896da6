"""The cache of validated datasets: the loaded canonical tables in Arrow IPC files, memory-mapped on reading,
so that every command after the first on the same files skips parsing and validation.

An entry is keyed by the dataset path, the code and every file the path holds as they are now
(:mod:`pbgraph._cache_key`): a file changed, added or removed gives another key, so an entry is never stale.
The dataset's warnings are kept with it and reported again.

An entry is written into a temporary folder beside its place and renamed into place in one step, so that two
processes building the same entry at once both succeed, and a reader never sees half an entry. Inside a
command the files are written on a thread of their own, at the lowest priority (on the processor time the
command leaves idle), while the command goes on, and the command waits for them when it ends. Nothing is
cached for a dataset with errors. The folder is ``PBGRAPH_CACHE_DIR``, else the platform's user cache folder.
"""

from __future__ import annotations

import dataclasses
import json
import os
import queue
import re
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa

from pbgraph._cache_key import FORMAT, fingerprint
from pbgraph._threads import in_background, started

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset
    from pbgraph.validate import Settled

CACHE_ENV = "PBGRAPH_CACHE_DIR"
META = "meta.json"
# resolved reference columns (node numbers) are stored beside the tables, one file each (one chunk: read in
# place, where a column of the table would come in the table's chunks and have to be joined, i.e. copied)
_POSITIONS = "position.{}.{}.arrow"
# structures derived from the tables that cost more to compute than to read (the activity log's member lists
# resolved to node numbers, its dates parsed, the pairs its activities join, the distinct liaisons and which
# of them each joined pair is; the undirected liaison graph of the connectors; the reach graph's edges as
# matrices; the views' timeline days; the liaisons' kinds as codes and which of them count, the activities'
# kinds as codes): kept with the entry as arrays
PERSISTED = (
    "activity_days",
    "activity_participation",
    "activity_pairs",
    "liaison_pairs",
    "activity_pair_liaisons",
    "liaison_graph",
    "reach_edges",
    "liaison_since_days",
    "liaison_pair_days",
    "liaison_kind",
    "liaison_counting",
    "activity_kind",
)
PERSISTED_BY_DAY = ("last_activity_until_",)
"""Structures kept likewise that depend on a day as well (its ISO date ends the key): each pair's last
activity up to the end of a period (the activity analyses' default period is the same in every command)."""
_DERIVED = "derived.{}.arrow"
_ENTRY = re.compile(r"^[0-9a-f]{16}-[0-9a-f]{32}$")
_TEMPORARY = re.compile(r"^\.[0-9a-f]{16}-[0-9a-f]{32}\..+\.tmp$")


def cache_dir() -> Path:
    """The cache folder: ``PBGRAPH_CACHE_DIR`` when set, else the platform's user cache folder."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("pbgraph", appauthor=False))


def load_cached(path: str | os.PathLike[str], build: Callable[[Settled | None], Dataset]) -> Dataset:
    """The dataset at `path` from the cache; on a miss `build(settled)` it and keep it for the next command
    (`settled` as :func:`pbgraph.validate.build_dataset` takes it: the largest tables are written while the
    rest is checked).

    `build` raises when the dataset has errors; then nothing is kept.
    """
    key = fingerprint(path)
    if key is None:
        return build(None)
    root = cache_dir()
    entry = root / key
    if entry.is_dir():
        found = read_entry(entry)
        if found is not None:
            found.keep_derived(partial(_keep_derived, entry))
            return found
    early = _Early(root, key)
    try:
        ds = build(early.start)
    except BaseException:
        early.discard()
        raise
    # keep only what was read from unchanged files: a file edited while it was read gets another key
    if fingerprint(path) != key:
        early.discard()
        return ds
    start = _while_command_runs()
    if start is None:
        if write_entry(root, key, ds, early=early):
            ds.keep_derived(partial(_keep_derived, entry))
        return ds
    later = _Later(entry)
    if write_entry(root, key, ds, start=partial(start, later), early=early):
        ds.keep_derived(later.keep)
    return ds


def _while_command_runs() -> Callable[[_Later, Callable[[], bool]], None] | None:
    """Inside a command: what writes an entry's files and then the structures derived meanwhile on a thread
    of its own, at the lowest priority, while the command goes on, and waits for it when the command ends (its
    output written). None outside a command."""
    click = sys.modules.get("click")
    context = click.get_current_context(silent=True) if click is not None else None
    if context is None:
        return None

    def start(later: _Later, write: Callable[[], bool]) -> None:
        thread = threading.Thread(target=in_background(partial(later.run, write)), name="pbgraph-cache-write")
        thread.start()

        def close() -> None:
            later.close()
            thread.join()

        context.call_on_close(close)

    return start


class _Later:
    """An entry's files written while the command goes on, then the structures the command derives until it
    ends, each kept in the entry once it is in place (see `_keep_derived`). The analyses that derive them
    hand them over and go on; nothing is written when the files could not be."""

    def __init__(self, entry: Path) -> None:
        self.entry = entry
        # (key, structure) as derived; None once the command ends
        self.waiting: queue.SimpleQueue[tuple[str, Any] | None] = queue.SimpleQueue()

    def keep(self, key: str, structure: Any) -> None:
        self.waiting.put((key, structure))

    def close(self) -> None:
        self.waiting.put(None)

    def run(self, write: Callable[[], bool]) -> None:
        written = False
        try:
            written = write()
        finally:
            while (waiting := self.waiting.get()) is not None:
                if written:
                    _keep_derived(self.entry, *waiting)


def _problem_record(problem: Any) -> dict[str, Any]:
    return dataclasses.asdict(problem)


class _Early:
    """The tables validation has settled (`SETTLED_EARLY`), written into the entry's temporary folder on a
    thread of their own while the rest is checked; `_write_files` then writes the rest beside them."""

    def __init__(self, root: Path, key: str) -> None:
        self.root, self.key = root, key
        self.temporary: Path | None = None
        # what was written, as written: a table the dataset holds otherwise is written again
        self.written: dict[str, pa.Table] = {}
        self.stop = threading.Event()
        self.wait: Callable[[], None] | None = None

    def start(self, frames: dict[str, pd.DataFrame]) -> None:
        tables = {name: _arrow_table(frame) for name, frame in frames.items()}
        self.wait = started(partial(self._write, tables), background=True)

    def _write(self, tables: dict[str, pa.Table]) -> None:
        self.temporary = _temporary_folder(self.root, self.key)
        for name, table in tables.items():
            if self.temporary is None or self.stop.is_set():
                return
            try:
                _write_table(self.temporary / f"{name}.arrow", table)
            except (OSError, pa.ArrowException):
                return
            self.written[name] = table

    def finish(self) -> tuple[Path | None, dict[str, pa.Table]]:
        """Wait for the writing: the temporary folder (None if there is none) and the tables it holds."""
        if self.wait is not None:
            self.wait()
            self.wait = None
        return self.temporary, self.written

    def discard(self) -> None:
        """Stop writing (a table being written is finished) and remove what was written."""
        self.stop.set()
        temporary, _ = self.finish()
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)


def write_entry(
    root: Path,
    key: str,
    ds: Dataset,
    *,
    start: Callable[[Callable[[], bool]], None] | None = None,
    early: _Early | None = None,
) -> bool:
    """Write `ds` as the entry `key` (beside, then renamed into place); whether it is now in the cache.

    With `start`, the files are written by the function given to it (on a thread of its own: the tables are
    made ready first, here), and True says only that they will be. With `early`, the tables it wrote while
    `ds` was validated are kept, and the rest written beside them.
    """
    if early is None:
        early = _Early(root, key)
    from pbgraph.graph import index_of
    from pbgraph.problem import Problem

    warnings = [_problem_record(p) for p in ds.warnings]
    try:
        text = json.dumps(
            {
                "format": FORMAT,
                "name": ds.name,
                "warnings": warnings,
                "not_recorded": sorted(ds.not_recorded),
                "assigned_ids": sorted(ds.assigned_ids),
            },
            ensure_ascii=False,
        )
    except (TypeError, ValueError):
        early.discard()
        return False
    # a warning whose details do not survive JSON exactly would be reported differently: keep nothing
    if [Problem(**record) for record in json.loads(text)["warnings"]] != list(ds.warnings):
        early.discard()
        return False
    resolved: dict[tuple[str, str], Any] = dict(index_of(ds).resolved_columns())
    tables = {name: _arrow_table(frame) for name, frame in ds.tables.items()}
    arrays = {_DERIVED.format(k): v for k, v in _derived_arrays(ds).items()}
    arrays |= {_POSITIONS.format(*where): (positions,) for where, positions in resolved.items()}
    write = partial(_write_files, early, tables, arrays, text)
    if start is None:
        return write()
    start(write)
    return True


def _arrow_table(frame: pd.DataFrame) -> pa.Table:
    """A table as its entry keeps it: text as large strings, as pandas reads them back without a copy (and,
    for a frame of such text, the frame's own buffers: nothing is copied here)."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    large = (pa.field(f.name, pa.large_string()) if pa.types.is_string(f.type) else f for f in table.schema)
    return table.cast(pa.schema(large))


def _same_buffers(one: pa.Table, other: pa.Table) -> bool:
    """Whether two tables are the very same data (one frame's buffers, converted twice)."""

    def buffers(table: pa.Table) -> list[tuple[int, int] | None]:
        return [
            None if buffer is None else (buffer.address, buffer.size)
            for column in table.columns
            for chunk in column.chunks
            for buffer in chunk.buffers()
        ]

    return one.schema == other.schema and buffers(one) == buffers(other)


def _temporary_folder(root: Path, key: str) -> Path | None:
    """A new temporary folder for the entry `key`, beside its place (None when none can be made)."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{key}.", suffix=".tmp", dir=root))
    except OSError:
        return None


def _write_table(path: Path, table: pa.Table) -> None:
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)


def _write_files(
    early: _Early, tables: dict[str, pa.Table], arrays: dict[str, tuple[np.ndarray, ...]], meta: str
) -> bool:
    """Write the files of an entry (tables, and arrays by file name) into its temporary folder, beside the
    tables written early, and rename it into place."""
    root, key = early.root, early.key
    temporary, written = early.finish()
    temporary = temporary or _temporary_folder(root, key)
    if temporary is None:
        return False
    try:
        for name, table in tables.items():
            if name not in written or not _same_buffers(written[name], table):
                _write_table(temporary / f"{name}.arrow", table)
        for name, structure in arrays.items():
            _write_arrays(temporary / name, structure)
        (temporary / META).write_text(meta, encoding="utf-8")
        try:
            os.rename(temporary, root / key)
        except OSError:
            # another process put the same entry in place first: theirs is as good as ours
            return (root / key).is_dir()
        _remove_older(root, key)
        return True
    except OSError:
        return False
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def _derived_arrays(ds: Dataset) -> dict[str, tuple[np.ndarray, ...]]:
    """The structures of `PERSISTED` derived so far (e.g. by the validator), as tuples of arrays. The others
    are added to the entry when a command first derives them (`_keep_derived`): a lone `validate` does not
    pay for the activity log's joins."""
    store: dict[str, Any] = ds.__dict__.get("_derived", {})
    return {key: _as_arrays(value) for key, value in store.items() if persisted(key)}


def persisted(key: str) -> bool:
    """Whether the entry keeps the derived structure `key` (`PERSISTED`, `PERSISTED_BY_DAY`)."""
    return key in PERSISTED or key.startswith(PERSISTED_BY_DAY)


def _as_arrays(structure: Any) -> tuple[np.ndarray, ...]:
    """A derived structure as the arrays it is kept as: 64-bit integers in 32 bits where every value fits
    (node and row numbers: half the file, and half the pages a later command maps). Their users take
    either width."""
    arrays = structure if isinstance(structure, tuple) else (structure,)
    return tuple(_narrowed(array) for array in arrays)


def _narrowed(array: np.ndarray) -> np.ndarray:
    if array.dtype != np.int64 or not len(array):
        return array
    bounds = np.iinfo(np.int32)
    return array.astype(np.int32) if bounds.min <= array.min() and array.max() <= bounds.max else array


def _keep_derived(entry: Path, key: str, structure: Any) -> None:
    """Add a structure of `PERSISTED` derived after the entry was written to it (written beside, renamed into
    place: a reader finds it whole or not at all). Best effort: an entry removed or replaced meanwhile, or a
    full disk, only means the next command derives it again."""
    path = entry / _DERIVED.format(key)
    if not persisted(key) or path.exists():
        return
    temporary = entry / f".{path.name}.{os.getpid()}.tmp"
    try:
        _write_arrays(temporary, _as_arrays(structure))
        os.replace(temporary, path)
    except (OSError, ValueError, pa.ArrowException):
        temporary.unlink(missing_ok=True)


def _write_arrays(path: Path, arrays: tuple[np.ndarray, ...]) -> None:
    """Arrays of one structure (of any lengths) in an Arrow file: each the one list of a column, with its
    numpy type in the metadata."""
    columns = {}
    for i, array in enumerate(arrays):
        # dates as their day numbers, flags as bytes (arrow packs booleans in bits, which no view can read)
        values = pa.array(array.view({"M": np.int64, "b": np.uint8}.get(array.dtype.kind, array.dtype)))
        columns[str(i)] = pa.LargeListArray.from_arrays(pa.array([0, len(values)], pa.int64()), values)
    types = json.dumps([a.dtype.str for a in arrays])
    table = pa.table(columns).replace_schema_metadata({"numpy": types})
    _write_table(path, table)


def _read_arrays(path: Path) -> tuple[np.ndarray, ...]:
    table = pa.ipc.open_file(pa.memory_map(str(path))).read_all()
    types = json.loads((table.schema.metadata or {})[b"numpy"])
    return tuple(_mapped(table.column(i).chunk(0).values, np.dtype(kind)) for i, kind in enumerate(types))


def _mapped(values: pa.Array, kind: np.dtype) -> np.ndarray:
    """Numbers as a read-only view of the mapped file (no copy: the structures derived from a dataset are
    never written to; numpy refuses a write, should one ever be tried)."""
    array = values.to_numpy().view(kind)
    array.flags.writeable = False
    return array


def _remove_older(root: Path, key: str) -> None:
    """Remove the entries of the same path made from earlier versions of its files."""
    where = key.split("-")[0]
    for entry in root.glob(f"{where}-*"):
        if entry.name != key and _ENTRY.match(entry.name):
            shutil.rmtree(entry, ignore_errors=True)


def read_entry(entry: Path) -> Dataset | None:
    """The dataset kept in `entry`, its tables memory-mapped (None when it cannot be read whole)."""
    from pbgraph.dataset import Dataset
    from pbgraph.graph import index_of
    from pbgraph.model import TABLES
    from pbgraph.problem import Problem

    try:
        meta = json.loads((entry / META).read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            return None
        tables: dict[str, Any] = {}
        resolved: dict[tuple[str, str], Any] = {}
        for name in TABLES:
            table = pa.ipc.open_file(pa.memory_map(str(entry / f"{name}.arrow"))).read_all()
            tables[name] = table.to_pandas(types_mapper=_PANDAS_TYPES.get)
            for path in entry.glob(_POSITIONS.format(name, "*")):
                column = path.name.removeprefix(f"position.{name}.").removesuffix(".arrow")
                resolved[(name, column)] = _read_arrays(path)[0]
        ds = Dataset(
            **tables,
            name=meta["name"],
            warnings=[Problem(**record) for record in meta["warnings"]],
            not_recorded=frozenset(meta["not_recorded"]),
            assigned_ids=frozenset(meta["assigned_ids"]),
        )
        derived = {}
        paths = {key: entry / _DERIVED.format(key) for key in PERSISTED}
        start, end = _DERIVED.split("{}")
        for prefix in PERSISTED_BY_DAY:
            paths |= {p.name[len(start) : -len(end)]: p for p in entry.glob(_DERIVED.format(f"{prefix}*"))}
        for key, path in paths.items():
            if path.exists():
                arrays = _read_arrays(path)
                derived[key] = arrays if len(arrays) > 1 else arrays[0]
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
        # removed by `cache clear` or another process meanwhile, or damaged: read the files instead
        return None
    index_of(ds).seed(resolved)
    ds.seed_derived(derived)
    return ds


# pandas' own text dtype wraps the mapped arrow strings without a copy
_PANDAS_TYPES = {pa.large_string(): pd.StringDtype("pyarrow", na_value=float("nan"))}


def clear() -> int:
    """Remove every cache entry (and any left half-written); returns how many entries were removed."""
    root = cache_dir()
    if not root.is_dir():
        return 0
    removed = 0
    for entry in root.iterdir():
        if _ENTRY.match(entry.name) or _TEMPORARY.match(entry.name):
            shutil.rmtree(entry, ignore_errors=True)
            removed += bool(_ENTRY.match(entry.name))
    return removed


def summary() -> dict[str, Any]:
    """Where the cache is, how many entries it holds and their size in bytes."""
    root = cache_dir()
    entries = [e for e in root.iterdir() if _ENTRY.match(e.name)] if root.is_dir() else []
    size = sum(f.stat().st_size for e in entries for f in e.iterdir() if f.is_file())
    return {"folder": str(root), "entries": len(entries), "bytes": size}

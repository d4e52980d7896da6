"""The id registry of a dataset being validated, the problem reporter, and reference checks: every
id of the node tables in one arrow array, looked up once per reference column."""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pbgraph._texts.problems import HINTS, HOMES, KIND_NAMES, ORG_KIND_NAME, location
from pbgraph._threads import in_order, started
from pbgraph.graph import arrow_strings
from pbgraph.model import (
    MULTI_VALUE_SEPARATOR,
    NODE_TABLES,
    ORG_KIND_ZH,
    OrgKind,
)
from pbgraph.problem import Problem
from pbgraph.validate._numbered import NumberedTable, numbered_positions, numbered_tables
from pbgraph.validate._text import empty_cells

if TYPE_CHECKING:
    from pbgraph._raw_table import RawTable


MAX_LISTED = 200


def kind_params(prefix: str, kind: str) -> dict[str, str]:
    zh, en = KIND_NAMES[kind]
    return {prefix: zh, f"{prefix}_en": en}


def unknown_params(kind: str) -> dict[str, str]:
    """The params of an unknown_reference to an id of `kind`: what it should be, the table to add it to,
    and what else may be done (a single committee's dataset may leave its committee column empty)."""
    home, home_en = HOMES[kind]
    hint, hint_en = HINTS.get(kind, ("", ""))
    return kind_params("expected", kind) | {
        "home": home,
        "home_en": home_en,
        "hint": hint,
        "hint_en": hint_en,
    }


# what a referenced id may be: a node table, or an organization of one kind ("org:<kind>")
ANY_ORG = "organizations"


def tag_kind(tag: str) -> str:
    if tag.startswith("org:"):
        return tag[4:]
    return tag.removesuffix("s") if tag != "organizations" else "organization"


def tag_table(tag: str) -> str:
    return "organizations" if tag.startswith("org:") else tag


def kind_names(kind: str) -> tuple[str, str]:
    """Chinese and English name of what an id is (a node kind, or an organization kind)."""
    if kind in KIND_NAMES:
        return KIND_NAMES[kind]
    if kind in ORG_KIND_ZH:
        zh, en = ORG_KIND_NAME
        return zh.format(kind_zh=ORG_KIND_ZH[OrgKind(kind)]), en.format(kind_en=kind)
    return kind, kind


# separators accepted inside a multi-valued cell (members.committee)
MULTI_SEPARATORS = r"[;；、]"


class Registry:
    """Reporting, the id registry and reference checks, shared by every validation step."""

    def __init__(self, raw: dict[str, RawTable], problems: list[Problem]) -> None:
        self.raw = raw
        self.problems = list(problems)
        self.missing_columns: dict[str, set[str]] = {}
        # node tables whose ids cannot be known (absent when required, unreadable, or without an id column):
        # references into them are not reported as unknown, which would only repeat the first problem
        self.unavailable: set[str] = set()
        # the tables (and kinds of liaison, `liaisons:member` …) the dataset does not give (DESIGN 3)
        self.not_recorded: set[str] = set()
        # structures the analyses derive from the tables that validation computes anyway, by the dataset's
        # key for them (:meth:`pbgraph.dataset.Dataset.derived`)
        self.derived: dict[str, Any] = {}
        # per reference column: which cells are filled, and the tag and table of the id each names
        self._filled: dict[tuple[str, str], tuple[np.ndarray, bool]] = {}
        self._held_of_cells: dict[tuple[str, str], np.ndarray] = {}
        # how the node tables number their ids, when they all do in order (see `_numbered`)
        self.numbered: list[NumberedTable] | None = None
        # the problems of a check run aside (`aside`), on its thread: kept apart until it is waited for
        self._apart = threading.local()

    def aside(self, check: Callable[[], object]) -> Callable[[], None]:
        """Start `check` on a thread of its own while the caller goes on with other checks (they must not
        write what the other reads). Returns what waits for it: called where the check would have run, it
        adds the check's problems there, in the order one check after the other gives them."""

        def apart() -> list[Problem]:
            found = self._apart.problems = []
            try:
                check()
            finally:
                del self._apart.problems
            return found

        waiting = started(apart)
        return lambda: self._found(waiting())

    def _found(self, problems: list[Problem]) -> None:
        """Add problems: to this thread's own while it runs a check aside, else to the validation's."""
        getattr(self._apart, "problems", self.problems).extend(problems)

    # reporting -----------------------------------------------------------------------------------

    def report(
        self,
        raw: RawTable,
        code: str,
        mask: np.ndarray | pd.Series,
        *,
        column: str | None = None,
        values: Iterable[Any] | None = None,
        severity: str = "error",
        params: dict[str, Any] | None = None,
        row_params: dict[str, np.ndarray] | None = None,
    ) -> None:
        """Report `code` for every row where mask is true (at most MAX_LISTED, then a count)."""
        positions = np.flatnonzero(np.asarray(mask))
        if positions.size == 0:
            return
        listed = positions[:MAX_LISTED]
        cells = (
            # a column: only the cells listed made Python strings
            values.iloc[listed].to_numpy()
            if isinstance(values, pd.Series)
            else np.asarray(values)[listed]
            if values is not None
            else raw.frame[column].iloc[listed].to_numpy()
            if column
            else [None] * len(listed)
        )
        found = []
        for pos, value in zip(listed, cells, strict=True):
            extra = {k: _plain(v[pos]) for k, v in (row_params or {}).items()}
            found.append(
                raw.problem(
                    code,
                    severity=severity,
                    row=int(raw.rows[pos]),
                    column=column,
                    value=None if value is None else str(value),
                    **(params or {}),
                    **extra,
                )
            )
        if positions.size > MAX_LISTED:
            found.append(
                raw.problem("too_many", severity=severity, column=column, count=positions.size - MAX_LISTED)
            )
        self._found(found)

    def ids(
        self,
        references: Iterable[tuple[str, str]] = (),
        extra: Iterable[tuple[tuple[str, str], pa.Array]] = (),
    ) -> None:
        """Duplicate ids within and across node tables; builds the id registry for references.

        The registry holds every row of the node tables in order (members, sectors, townships, organizations,
        contacts), so a registry position is the node number the dataset's node index will use. The
        `references` columns (table, column), and the `extra` arrays of ids (under their key), are resolved
        in the same lookup.
        """
        id_chunks: list[pa.Array] = []
        per_table: list[list[pa.Array]] = []
        tables, tags = [], []
        for number, name in enumerate(NODE_TABLES):
            frame = self.raw[name].frame
            per_table.append(_text_chunks(frame["id"]))
            id_chunks.extend(per_table[-1])
            tables.append(np.full(len(frame), number, dtype=np.int16))
            tag = np.full(len(frame), TAG_CODES[name], dtype=np.int16)
            if name == "organizations":
                org_kinds = pa.array([kind.value for kind in OrgKind], type=pa.string())
                # the tag of each organization kind, then -1 for a kind that is none of them
                tag_of_kind = np.array([TAG_CODES[f"org:{kind}"] for kind in OrgKind] + [-1], dtype=np.int16)
                kinds = tag_of_kind[positions_in(frame["kind"], org_kinds)]
                tag = np.where(kinds >= 0, kinds, tag).astype(np.int16)
            tags.append(tag)
        self.registry_ids = pa.chunked_array(id_chunks, type=pa.large_string()).combine_chunks()
        self.registry_table = np.concatenate(tables)
        self.registry_tag = np.concatenate(tags)
        # both at once, as one number: an entry of a table of what fits (see `fits`)
        self.registry_held = self.registry_tag * np.int16(len(NODE_TABLES)) + self.registry_table
        self.registry_start = np.cumsum([0] + [len(self.raw[n].frame) for n in NODE_TABLES])
        # one lookup shared by the ids and every reference column (the registry is hashed once): each id's
        # first occurrence, and the registry position of every reference
        columns = [(t, c) for t, c in references if t in self.raw]
        chunks = [_text_chunks(self.raw[t].frame[c]) for t, c in columns]
        for key, array in extra:
            columns.append(key)
            chunks.append(_text_chunks(array))
        size = len(self.registry_ids)
        self.numbered = numbered_tables(per_table)
        if self.numbered is not None or _surely_distinct(per_table):
            # no id can repeat: each is its own first occurrence, and the registry need not be looked up
            first = np.arange(size)
            found = self._look_up(chunks)
            bounds = np.cumsum([0] + [sum(len(c) for c in column) for column in chunks])
        else:
            found = self._look_up([id_chunks, *chunks])
            first = found[:size]
            bounds = size + np.cumsum([0] + [sum(len(c) for c in column) for column in chunks])
        self.positions: dict[tuple[str, str], np.ndarray] = {
            key: found[bounds[i] : bounds[i + 1]] for i, key in enumerate(columns)
        }
        filled = np.asarray(pc.not_equal(self.registry_ids, "").fill_null(False))
        dup = filled & (first != np.arange(len(first)))
        if not dup.any():
            return
        for number, name in enumerate(NODE_TABLES):
            lo, hi = self.registry_start[number], self.registry_start[number + 1]
            mask = dup[lo:hi]
            if not mask.any():
                continue
            other = {lang: np.empty(hi - lo, dtype=object) for lang in ("zh", "en")}
            for lang, texts in other.items():
                texts[mask] = [self.where(int(f), lang) for f in first[lo:hi][mask]]
            self.report(
                self.raw[name],
                "duplicate_id",
                mask,
                column="id",
                row_params={"other": other["en"], "other_zh": other["zh"]},
            )

    def where(self, position: int, lang: str) -> str:
        """File and row of a registry position, as the user finds it."""
        number = int(np.searchsorted(self.registry_start, position, side="right")) - 1
        raw = self.raw[NODE_TABLES[number]]
        row = int(raw.rows[position - self.registry_start[number]])
        return location(file=raw.file, sheet=raw.sheet, row=row, column=None, lang=lang)

    def lookup(self, values: list[str]) -> np.ndarray:
        """Registry position of each of a few ids (-1 where unknown).

        Ids numbered in order are read (see `_numbered`); else the few ids are hashed and the registry is run
        through them once, rather than the other way round.
        """
        if self.numbered is not None:
            return self._look_up([[pa.array(values, type=pa.large_string())]])
        hits = pc.index_in(self.registry_ids, value_set=pa.array(values, type=self.registry_ids.type))
        which = hits.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        positions = np.full(len(values), -1, dtype=np.int64)
        found = np.flatnonzero(which >= 0)
        # written in reverse, each id keeps its first position
        positions[which[found][::-1]] = found[::-1]
        return positions

    def _look_up(self, columns: list[list[pa.Array]]) -> np.ndarray:
        """Registry position of every id of the columns (given as their chunks), one column after the
        other (-1 where unknown): one hash of the registry, and no copy of the columns."""
        flat = [chunk for column in columns for chunk in column]
        if self.numbered is not None:
            # each chunk's positions written in place (no copy of them all at the end), side by side
            found = np.empty(sum(len(c) for c in flat), dtype=np.int64)
            ends = np.cumsum([len(chunk) for chunk in flat]).tolist()
            numbered = self.numbered
            outs = [found[end - len(chunk) : end] for chunk, end in zip(flat, ends, strict=True)]
            list(in_order(lambda at: numbered_positions(numbered, flat[at], out=outs[at]), range(len(flat))))
            return found
        everything = pa.chunked_array(flat, type=pa.large_string())
        found = pc.index_in(everything, value_set=self.registry_ids).fill_null(-1)
        return np.asarray(found.to_numpy(), dtype=np.int64)

    def resolve(self, columns: list[tuple[str, str]]) -> None:
        """Look every reference column up in the registry at once (the registry is hashed once)."""
        chunks = [_text_chunks(self.raw[t].frame[c]) for t, c in columns]
        if not chunks:
            return
        found = self._look_up(chunks)
        bounds = np.cumsum([0] + [sum(len(c) for c in column) for column in chunks])
        for i, key in enumerate(columns):
            self.positions[key] = found[bounds[i] : bounds[i + 1]]

    def reference(
        self,
        raw: RawTable,
        column: str,
        allowed: set[str],
        expected: str,
        mask: np.ndarray | None = None,
        *,
        code_wrong: str = "wrong_reference_kind",
        extra: dict[str, Any] | None = None,
    ) -> np.ndarray:
        """Check that non-empty cells name an id of an allowed tag; returns registry positions."""
        key = (raw.name, column)
        if key not in self.positions:
            self.resolve([key])
        positions = self.positions[key]
        # what every check of the column reads (liaison ends are checked once per kind) is computed once
        if key not in self._filled:
            filled = ~empty_cells(raw.frame[column])
            # whether every filled cell names a known id (most columns): then the present are the known
            self._filled[key] = (filled, not (filled & (positions < 0)).any())
        filled, all_known = self._filled[key]
        present = filled if mask is None else filled & mask
        if not all_known and not {tag_table(a) for a in allowed} & self.unavailable:
            unknown = present & (positions < 0)
            self.report(
                raw,
                "unknown_reference",
                unknown,
                column=column,
                params=unknown_params(expected) | (extra or {}),
            )
        known = present if all_known else present & (positions >= 0)
        if not known.any():
            return positions
        if key not in self._held_of_cells:
            self._held_of_cells[key] = self.registry_held[np.maximum(positions, 0)]
        held = self._held_of_cells[key]
        ok = fits(allowed)[held]
        wrong = known & ~ok
        if wrong.any():
            tags = np.full(len(positions), "", dtype=object)
            tags[wrong] = np.asarray(TAG_NAMES, dtype=object)[held[wrong] // len(NODE_TABLES)]
            names = {t: kind_names(tag_kind(t)) for t in pd.unique(tags[wrong])}
            actual_zh = np.array([names[t][0] if t in names else "" for t in tags], dtype=object)
            actual_en = np.array([names[t][1] if t in names else "" for t in tags], dtype=object)
            self.report(
                raw,
                code_wrong,
                wrong,
                column=column,
                params=kind_params("expected", expected) | (extra or {}),
                row_params={"actual": actual_zh, "actual_en": actual_en},
            )
        return positions

    def multi_reference(self, raw: RawTable, column: str, allowed: set[str], expected: str) -> None:
        """Like `reference`, for a column that may list several ids (`C1;C2`); normalizes such cells."""
        cells = raw.frame[column]
        strings = arrow_strings(cells)
        multi = np.asarray(pc.match_substring_regex(strings, MULTI_SEPARATORS).fill_null(False))
        if multi.any():
            # each distinct multi-valued cell is split and checked once; its rows are found by its code (only
            # those cells made Python strings)
            rows = np.flatnonzero(multi)
            codes, uniques = pd.factorize(strings.take(pa.array(rows)).to_numpy(zero_copy_only=False))
            parts = [
                list(dict.fromkeys(p.strip() for p in re.split(MULTI_SEPARATORS, cell) if p.strip()))
                for cell in uniques
            ]
            ids = sorted({i for found in parts for i in found})
            positions = self.lookup(ids)
            tag_of = {
                i: TAG_NAMES[self.registry_tag[p]] if p >= 0 else None
                for i, p in zip(ids, positions, strict=True)
            }
            check_unknown = not {tag_table(a) for a in allowed} & self.unavailable
            fits = (None, ANY_ORG, *allowed)
            # per distinct cell (and None for the rows that are not multi-valued): its first bad id
            unknown = np.array(
                [next((i for i in found if tag_of[i] is None and check_unknown), None) for found in parts]
                + [None],
                dtype=object,
            )
            wrong = np.array(
                [next((i for i in found if tag_of[i] not in fits), None) for found in parts] + [None],
                dtype=object,
            )
            # per row of the column: the cell's first unknown and first wrong id (None for the other rows)
            cell_of_row = np.full(len(cells), len(parts), dtype=np.int64)
            cell_of_row[rows] = codes
            unknown_ids, wrong_ids = unknown[cell_of_row], wrong[cell_of_row]
            self.report(
                raw,
                "unknown_reference",
                pd.notna(unknown_ids),
                column=column,
                values=unknown_ids,
                params=unknown_params(expected),
            )
            wrong_rows = pd.notna(wrong_ids)
            if wrong_rows.any():
                names = {
                    i: kind_names(tag_kind(str(tag_of[i])))
                    for i in {w for w in wrong.tolist() if w is not None}
                }
                actual = [names[w] if w is not None else ("", "") for w in wrong_ids.tolist()]
                self.report(
                    raw,
                    "wrong_reference_kind",
                    wrong_rows,
                    column=column,
                    values=wrong_ids,
                    params=kind_params("expected", expected),
                    row_params={
                        "actual": np.array([a[0] for a in actual], dtype=object),
                        "actual_en": np.array([a[1] for a in actual], dtype=object),
                    },
                )
            normalized = np.array(
                [MULTI_VALUE_SEPARATOR.join(sorted(found)) for found in parts], dtype=object
            )
            text = pc.replace_with_mask(strings, pa.array(multi), pa.array(normalized[codes], strings.type))
            raw.frame[column] = pd.Series(text, dtype="str", index=cells.index)
        self.reference(raw, column, allowed, expected, mask=~multi)


def fits(allowed: set[str]) -> np.ndarray:
    """Per registry tag and table held as one number (`Registry.registry_held`): whether an id of that tag
    in that table is one of `allowed` (node tables, tags of organizations)."""
    tag_ok = np.zeros(len(TAG_NAMES), dtype=bool)
    tag_ok[[TAG_CODES[a] for a in allowed if a in TAG_CODES]] = True
    if any(a.startswith("org:") for a in allowed):
        # an organization whose kind is empty or unknown was reported itself; do not guess its kind
        tag_ok[TAG_CODES[ANY_ORG]] = True
    table_ok = np.zeros(len(NODE_TABLES), dtype=bool)
    table_ok[[NODE_TABLES.index(a) for a in allowed if a in NODE_TABLES]] = True
    return (tag_ok[:, None] | table_ok[None, :]).reshape(-1)


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value it holds (problem params end up in JSON)."""
    return value.item() if isinstance(value, np.generic) else value


def _surely_distinct(tables: list[list[pa.Array]]) -> bool:
    """True when the ids of the tables (each given as its chunks) cannot repeat, found without hashing:
    each table's ids ascend strictly (as the files are most often sorted) and the tables' ranges do not
    overlap. False says nothing."""
    ranges = []
    for chunks in tables:
        ids = pa.chunked_array(chunks, type=pa.large_string())
        if len(ids) == 0:
            continue
        if len(ids) > 1 and not pc.all(pc.less(ids.slice(0, len(ids) - 1), ids.slice(1))).as_py():
            return False
        ranges.append((ids[0].as_py(), ids[-1].as_py()))
    ranges.sort()
    return all(high < low for (_, high), (low, _) in itertools.pairwise(ranges))


def _text_chunks(values: pd.Series | pa.Array) -> list[pa.Array]:
    """A text column as arrow large strings, in chunks: those pandas holds it in, without a copy."""
    chunked = values if isinstance(values, pa.Array) else getattr(values.array, "_pa_array", None)
    if isinstance(chunked, pa.ChunkedArray) and chunked.type == pa.large_string():
        return list(chunked.chunks)
    if isinstance(chunked, pa.Array) and chunked.type == pa.large_string():
        return [chunked]
    return [arrow_strings(values).cast(pa.large_string())]


def text_column(values: pd.Series) -> pa.ChunkedArray:
    """A text column as arrow large strings, in the chunks pandas holds it in (no copy)."""
    return pa.chunked_array(_text_chunks(values), type=pa.large_string())


def positions_in(values: pd.Series | np.ndarray | pa.Array, value_set: pa.Array) -> np.ndarray:
    """Position of each value's first occurrence in `value_set` (-1 where absent), computed in arrow."""
    array = values if isinstance(values, pa.Array) else arrow_strings(values)
    found = pc.index_in(array, value_set=value_set)
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


# what a registry entry is, as a small integer: a node table, or an organization of one kind
TAG_NAMES: tuple[str, ...] = (*NODE_TABLES, *(f"org:{kind}" for kind in OrgKind))
TAG_CODES: dict[str, int] = {name: code for code, name in enumerate(TAG_NAMES)}

"""Read the tables of a dataset from disk (a folder of CSVs or one .xlsx workbook) and write them back.

Reading returns *raw* tables: every cell a string, headers mapped to the canonical column names, and the
row number each record has in Excel, so that validation can point at it (:mod:`pbgraph._raw_table`). Each
CSV file is read by :mod:`pbgraph._csv_reader`, a workbook's sheets here. Nothing here judges the values.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from pbgraph._csv_reader import read_csv_table
from pbgraph._raw_table import RawTable, header_problems, known_not_recorded, map_headers
from pbgraph._table_writers import write_csv_tables as write_csv_tables
from pbgraph._table_writers import write_xlsx_tables as write_xlsx_tables
from pbgraph._threads import CPUS
from pbgraph._workbook_guard import DAMAGED, MAX_ROWS, check_workbook, too_many_rows
from pbgraph.model import TABLE_ALIASES, TABLES, Table
from pbgraph.problem import Problem


def _table_for(stem: str) -> Table | None:
    key = stem.strip()
    name = TABLE_ALIASES.get(key, key.lower())
    return TABLES.get(name)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


NOT_RECORDED_SHEET = "not_recorded"
"""The last sheet of a canonical workbook pbgraph writes (:func:`pbgraph.export.export_dataset_xlsx`) for a
dataset whose source did not record some tables: a column `not_recorded`, one key a row (`organizations`,
`liaisons:sector` …), as `not-recorded.json` beside a folder of CSVs; the reader honours it."""


def read_xlsx(path: Path) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read every recognized sheet of a workbook, and what its :data:`NOT_RECORDED_SHEET` says."""
    from openpyxl import load_workbook

    display = path.name
    # a zip bomb, a damaged file or formulas without stored values: refused before any cell is parsed
    refused = check_workbook(path, display)
    if refused:
        return {}, refused
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except DAMAGED as error:
        return {}, [
            Problem(code="bad_workbook", severity="error", file=display, params={"detail": str(error)})
        ]
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    not_recorded: tuple[str, ...] = ()
    try:
        for sheet in workbook.worksheets:
            if sheet.title == NOT_RECORDED_SHEET:
                not_recorded = _not_recorded_keys(sheet)
                continue
            table = _table_for(sheet.title)
            if table is None:
                problems.append(
                    Problem(code="unknown_table", severity="warning", file=display, sheet=sheet.title)
                )
                continue
            if table.name in tables:
                problems.append(
                    Problem(
                        code="duplicate_table",
                        severity="error",
                        table=table.name,
                        file=display,
                        sheet=sheet.title,
                        params={"other": tables[table.name].sheet},
                    )
                )
                continue
            try:
                raw, found = _read_sheet(sheet, table, display)
            except DAMAGED as error:
                problems.append(
                    Problem(
                        code="bad_workbook",
                        severity="error",
                        table=table.name,
                        file=display,
                        sheet=sheet.title,
                        params={"detail": str(error)},
                    )
                )
                continue
            problems.extend(found)
            if raw is not None:
                tables[table.name] = raw
    finally:
        workbook.close()
    if not_recorded and "members" in tables:
        tables["members"] = replace(tables["members"], not_recorded=not_recorded)
    return tables, problems


def _not_recorded_keys(sheet: Any) -> tuple[str, ...]:
    """The keys under the `not_recorded` header of a :data:`NOT_RECORDED_SHEET`."""
    rows = sheet.iter_rows(values_only=True, max_row=MAX_ROWS)
    header = [_cell_text(h) for h in next(rows, None) or ()]
    if NOT_RECORDED_SHEET not in header:
        return ()
    column = header.index(NOT_RECORDED_SHEET)
    return known_not_recorded(_cell_text(r[column]) for r in rows if column < len(r))


def _read_sheet(sheet: Any, table: Table, display: str) -> tuple[RawTable | None, list[Problem]]:
    rows = sheet.iter_rows(values_only=True)
    header_row = next(rows, None)
    if header_row is None:
        return None, [
            Problem(code="empty_file", severity="error", table=table.name, file=display, sheet=sheet.title)
        ]
    headers = [_cell_text(h) for h in header_row]
    mapped, unknown = map_headers(table, headers)
    columns: dict[str, list[str]] = {name: [] for name in mapped.values()}
    for excel_row, values in enumerate(rows, start=2):
        if excel_row > MAX_ROWS:
            return None, [too_many_rows(display, sheet.title)]
        for pos, name in mapped.items():
            columns[name].append(_cell_text(values[pos]) if pos < len(values) else "")
    count = len(next(iter(columns.values()), []))
    raw = RawTable(
        name=table.name,
        frame=pd.DataFrame(
            {name: pd.array(col, dtype="str") for name, col in columns.items()}, index=pd.RangeIndex(count)
        ),
        file=display,
        sheet=sheet.title,
        rows=np.arange(2, count + 2),
        headers={name: headers[pos] for pos, name in mapped.items()},
    )
    return raw, header_problems(raw, headers, unknown, table)


def read_folder(
    path: Path, *, progress: Callable[[str], None] | None = None
) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read every recognized CSV file in a folder (several at once, a thread per core up to `MAX_READERS`:
    arrow parses without holding Python's lock; what is found is gathered in the files' order)."""
    files = [
        f for f in sorted(path.iterdir()) if f.suffix.lower() in CSV_SUFFIXES and not f.name.startswith(".")
    ]
    with ThreadPoolExecutor(max_workers=max(min(len(files), CPUS, MAX_READERS), 1)) as pool:
        reads = {
            file: pool.submit(read_csv_table, file, table, display=file.name)
            for file in files
            if (table := _table_for(file.stem)) is not None and file.is_file()
        }
        return _gathered(path, files, reads, progress)


CSV_SUFFIXES = (".csv", ".txt", ".tsv")
# files read at once at most: each holds its bytes in memory while it is parsed
MAX_READERS = 4


def _gathered(
    path: Path,
    files: list[Path],
    reads: dict[Path, Future[tuple[RawTable | None, list[Problem]]]],
    progress: Callable[[str], None] | None,
) -> tuple[dict[str, RawTable], list[Problem]]:
    """The tables of a folder's files, in their order, and every problem met, each read in `reads`."""
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    for file in files:
        if not file.is_file():
            if file.is_dir() and _table_for(file.stem) is not None:
                problems.append(Problem(code="table_is_folder", severity="error", file=file.name))
            continue
        table = _table_for(file.stem)
        if table is None:
            problems.append(Problem(code="unknown_table", severity="warning", file=file.name))
            continue
        if table.name in tables:
            problems.append(
                Problem(
                    code="duplicate_table",
                    severity="error",
                    table=table.name,
                    file=file.name,
                    params={"other": tables[table.name].file},
                )
            )
            continue
        if progress:
            progress(file.name)
        try:
            future = reads.get(file)
            raw, found = future.result() if future else read_csv_table(file, table, display=file.name)
        except OSError as error:
            # e.g. the file is open in Excel on Windows, or not readable by this user
            detail = error.strerror or str(error)
            raw, found = (
                None,
                [
                    Problem(
                        code="unreadable",
                        severity="error",
                        table=table.name,
                        file=file.name,
                        params={"detail": detail},
                    )
                ],
            )
        problems.extend(found)
        if raw is not None:
            tables[table.name] = raw
    if not tables and not problems:
        # e.g. a folder given where its CSV file was meant: one line, not every table missing
        problems.append(Problem(code="folder_without_tables", severity="error", file=path.name))
    return tables, problems


def read_raw(
    path: str | os.PathLike[str],
    *,
    progress: Callable[[str], None] | None = None,
) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read the raw tables of a dataset from a folder of CSVs or an .xlsx workbook."""
    path = Path(path)
    if not path.exists():
        return {}, [Problem(code="path_missing", severity="error", file=str(path))]
    if path.is_dir():
        return read_folder(path, progress=progress)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        if progress:
            progress(path.name)
        return read_xlsx(path)
    return {}, [Problem(code="path_kind", severity="error", file=path.name)]

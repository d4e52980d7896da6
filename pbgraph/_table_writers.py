"""Tables written as files: a folder of CSV files, or a workbook with a sheet per table.

`pbgraph.io` re-exports both; `pbgraph.format` writes every command's xlsx through `write_xlsx_tables`.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from pbgraph._write import FolderOutput, atomic_folder, atomic_open, csv_safe


def write_csv_tables(
    tables: dict[str, pd.DataFrame],
    folder: Path,
    *,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
    extra: dict[str, str] | None = None,
) -> list[Path]:
    """Write tables as a folder of UTF-8 CSV files (with a BOM, so that Excel opens them right), a file each,
    and the `extra` text files (name -> text).

    The folder is written beside and renamed into place (DESIGN 5): it holds exactly these files afterwards,
    and a non-empty folder is replaced only with `force`.
    """
    extra = extra or {}
    with atomic_folder(folder, force=force) as output:
        write_csv_files(output, tables, progress=progress)
        for name, text in extra.items():
            with output.open(name) as handle:
                handle.write(text)
    return [folder / f"{name}.csv" for name in tables] + [folder / name for name in extra]


def write_csv_files(
    output: FolderOutput, tables: dict[str, pd.DataFrame], *, progress: Callable[[str], None] | None = None
) -> None:
    """Write tables as CSV files (UTF-8 with a BOM, formulas guarded) into a folder output being written."""
    for name, frame in tables.items():
        if progress:
            progress(f"{name}.csv")
        with output.open(f"{name}.csv", "wb") as handle:
            handle.write(codecs.BOM_UTF8)
            text = frame.astype("str")
            safe = pd.DataFrame({c: csv_safe(text[c]).astype("str") for c in text.columns}, index=text.index)
            arrow = pa.Table.from_pandas(safe, preserve_index=False)
            pacsv.write_csv(arrow, handle, write_options=pacsv.WriteOptions(quoting_style="needed"))


DATE_COLUMNS = frozenset({"since", "date", "last_activity"})
"""Columns of ISO dates (YYYY-MM-DD), in the input tables (`liaisons.since`, `activities.date`) and in
results: a workbook holds them as dates, so that Excel sorts and filters them by date."""


def date_positions(columns: Iterable[object]) -> list[int]:
    """The positions of the :data:`DATE_COLUMNS` among a table's (canonical) columns."""
    return [position for position, column in enumerate(columns) if column in DATE_COLUMNS]


def write_xlsx_tables(tables: dict[str, pd.DataFrame], target: Path) -> Path:
    """Write tables into one workbook, a sheet per table, header frozen, autofilter on, columns sized
    (:func:`pbgraph._xlsx.write_workbook`, a column at a time); the columns listed in a frame's
    `attrs["percent_columns"]` (positions) are formatted as percentages, and the ISO dates of those in
    `attrs["date_columns"]` (positions; the :data:`DATE_COLUMNS` by name when a frame does not say) are
    written as dates (yyyy-mm-dd); other text in them (a month, a date the loader could not read) and empty
    cells stay as they are. The file lands whole or not at all (:func:`pbgraph._write.atomic_open`)."""
    from pbgraph._xlsx import Sheet, write_workbook

    sheets = [
        Sheet(
            name,
            frame,
            frame.attrs.get("percent_columns", ()),
            frame.attrs.get("date_columns", date_positions(frame.columns)),
        )
        for name, frame in tables.items()
    ]
    with atomic_open(target, "wb") as handle:
        write_workbook(handle, sheets)
    return target

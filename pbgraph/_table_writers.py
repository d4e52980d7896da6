"""Tables written as files: a folder of CSV files, or a workbook with a sheet per table.

`pbgraph.io` re-exports both; `pbgraph.format` writes every command's xlsx through `write_xlsx_tables`.
"""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from pbgraph._write import FolderOutput, atomic_folder, atomic_open, csv_safe, xml_safe


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
    """Write tables into one workbook, a sheet per table, header frozen, autofilter on, columns sized; the
    columns listed in a frame's `attrs["percent_columns"]` (positions) are formatted as percentages, and the
    ISO dates of those in `attrs["date_columns"]` (positions; the :data:`DATE_COLUMNS` by name when a frame
    does not say) are written as dates (yyyy-mm-dd); other text in them (a month, a date the loader could not
    read) and empty cells stay as they are."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    # the target is checked (never an input, a writable place) before any sheet is begun: a write-only
    # sheet left unsaved would complain when it is garbage-collected
    with atomic_open(target, "wb") as handle:
        workbook = Workbook(write_only=True)
        for name, frame in tables.items():
            sheet = workbook.create_sheet(title=xml_safe(name)[:31])
            sheet.freeze_panes = "A2"
            if len(frame.columns):
                sheet.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
            percent = set(frame.attrs.get("percent_columns", ()))
            dates = frame.attrs.get("date_columns", date_positions(frame.columns))
            if dates:
                frame = frame.copy(deep=False)
                for position in dates:
                    frame.isetitem(position, _as_dates(frame.iloc[:, position]))
            for position, column in enumerate(frame.columns, start=1):
                values = frame[column].astype("str")
                longest = max([len(str(column)), *values.head(2000).str.len().tolist()])
                sheet.column_dimensions[get_column_letter(position)].width = min(
                    60, max(8, longest * 1.6 + 2)
                )
            sheet.append([str(c) for c in frame.columns])
            for record in frame.itertuples(index=False, name=None):
                cells = [_xlsx_value(v, sheet) for v in record]
                for position in percent:
                    if isinstance(cells[position], float):
                        cells[position] = WriteOnlyCell(sheet, value=cells[position])
                        cells[position].number_format = "0.0%"
                sheet.append(cells)
        workbook.save(handle)
    return target


_FIRST_EXCEL_DAY = pd.Timestamp("1900-03-01")
"""The first day Excel counts right (it takes 1900 for a leap year)."""


def _as_dates(values: pd.Series) -> np.ndarray:
    """ISO dates as `datetime.date` (openpyxl writes them as date cells formatted yyyy-mm-dd); every other
    value as it is."""
    text = values.astype("str")
    days = pd.to_datetime(text.where(text.str.len() == 10), format="%Y-%m-%d", errors="coerce")
    # Excel shows no date before 1900 (it would show ####): those stay text
    shown = (days >= _FIRST_EXCEL_DAY).to_numpy()
    if not shown.any():
        return values.to_numpy()
    return np.where(shown, days.dt.date, values.astype(object))


def _xlsx_value(value: Any, sheet: Any) -> Any:
    """A cell's value as openpyxl writes it: text (never a formula), a number, a date, or None for an empty
    cell (written as no cell at all)."""
    if type(value) is str:
        if not value:
            return None
        # what XML cannot hold (the loader removed it from data; titles and notes are guarded here)
        value = xml_safe(value)
        if value.startswith("="):
            from openpyxl.cell import WriteOnlyCell

            # text, not a formula: a formula would read back empty (and run in the reader's Excel)
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            return cell
        return value
    if type(value) is dt.date:
        return value
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    if isinstance(value, (int, float, np.integer, np.floating)) and not pd.isna(value):
        return value.item() if hasattr(value, "item") else value
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return _xlsx_value(str(value), sheet)

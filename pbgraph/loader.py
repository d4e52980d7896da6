"""Loading a dataset from files: read the raw tables (a canonical dataset, or the files offices keep), then
validate them into a :class:`Dataset`."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pbgraph._write import reading

if TYPE_CHECKING:
    from pbgraph._raw_table import RawTable
    from pbgraph.dataset import Dataset
    from pbgraph.problem import Problem
    from pbgraph.validate import Settled

DATA_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls")


def _read_files(path: str | os.PathLike[str]) -> list[str]:
    """The dataset path and, for a folder, every data file in it: what no output may replace."""
    found = [os.fspath(path)]
    if os.path.isdir(path):
        with os.scandir(path) as entries:
            found.extend(e.path for e in entries if e.name.lower().endswith(DATA_SUFFIXES))
    return found


def read_tables(
    path: str | os.PathLike[str],
    *,
    progress: Callable[[str], None] | None = None,
) -> tuple[dict[str, RawTable], list[Problem]]:
    """The raw tables of a dataset and the problems met reading them: what offices keep (DESIGN 3.1, read by
    :mod:`pbgraph.office`), or a canonical folder or workbook (DESIGN 3, read by :mod:`pbgraph.io`)."""
    # imported here: a command that finds its dataset in the cache reads no file
    from pbgraph.io import read_raw
    from pbgraph.office.reader import is_office_source, read_office, with_import_report

    if is_office_source(path):
        office = read_office(path, progress=progress)
        return office.tables, office.problems
    tables, problems = read_raw(path, progress=progress)
    if os.path.isdir(path):
        # a folder `pbgraph import` wrote: its 导入报告 says which tables the office files did not record
        tables = with_import_report(Path(path), tables)
    return tables, problems


def load(
    path: str | os.PathLike[str],
    *,
    progress: Callable[[str], None] | None = None,
    cache: bool = True,
    building: Callable[[], object] | None = None,
) -> Dataset:
    """Load and validate a dataset: a folder of CSVs or an .xlsx workbook, or office files (.xlsx, .xls, one
    CSV, a folder of them) as :mod:`pbgraph.office` reads them.

    Parameters
    ----------
    path
        The folder or workbook.
    progress
        Called with the name of each file as it is read.
    cache
        Read the dataset from the cache of validated datasets (:mod:`pbgraph.cache`) when its files have not
        changed since it was last loaded, and keep it there when they have.
    building
        Called once before the dataset is read from its files (not when it comes from the cache).

    Returns
    -------
    The dataset; its `warnings` lists what was loaded but looks wrong.

    Raises
    ------
    pbgraph.DatasetError
        When there is any error; `.problems` lists every problem found.

    Examples
    --------
    >>> ds = load("data/sample")
    >>> len(ds.members), len(ds.liaisons)
    (250, 595)
    """
    reading(*_read_files(path))

    def build(settled: Settled | None = None) -> Dataset:
        from pbgraph.validate import build_dataset

        if building is not None:
            building()
        raw, problems = read_tables(path, progress=progress)
        return build_dataset(raw, problems, name=os.path.basename(os.path.normpath(path)), settled=settled)

    if not cache:
        return build()
    from pbgraph.cache import load_cached

    return load_cached(path, build)

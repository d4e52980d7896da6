"""Loading a dataset from files: read the raw tables, then validate them into a :class:`Dataset`."""

from __future__ import annotations

import os
from collections.abc import Callable

from pbgraph._write import reading
from pbgraph.dataset import Dataset
from pbgraph.io import read_raw
from pbgraph.validate import build_dataset

DATA_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls")


def _read_files(path: str | os.PathLike[str]) -> list[str]:
    """The dataset path and, for a folder, every data file in it: what no output may replace."""
    found = [os.fspath(path)]
    if os.path.isdir(path):
        with os.scandir(path) as entries:
            found.extend(e.path for e in entries if e.name.lower().endswith(DATA_SUFFIXES))
    return found


def load(
    path: str | os.PathLike[str],
    *,
    progress: Callable[[str], None] | None = None,
) -> Dataset:
    """Load and validate a dataset from a folder of CSVs or an .xlsx workbook.

    Parameters
    ----------
    path
        The folder or workbook.
    progress
        Called with the name of each file as it is read.

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
    >>> len(ds.members) > 200
    True
    """
    reading(*_read_files(path))
    raw, problems = read_raw(path, progress=progress)
    return build_dataset(raw, problems, name=os.path.basename(os.path.normpath(path)))

"""One table as read from disk, before validation (:class:`RawTable`), and the headers as written mapped to
the model's column names: what the canonical readers (:mod:`pbgraph.io`, :mod:`pbgraph._csv_reader`) and the
office one (:mod:`pbgraph.office`) make, and validation takes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from pbgraph.model import TABLES, LiaisonKind, Table
from pbgraph.problem import Problem


@dataclass
class RawTable:
    """One table as read from disk, before validation.

    Attributes
    ----------
    name
        Canonical table name (`members`, `liaisons` …).
    frame
        One column per recognized header (canonical names), every cell a string ("" when empty).
    file
        File name as the user knows it (relative to the dataset path).
    sheet
        Sheet name for workbooks, else None.
    rows
        Excel row number of each record (header = row 1).
    headers
        Canonical column name -> the header as written in the file.
    not_recorded
        What the source says it did not give (`organizations`, `liaisons:sector` …), for
        `Dataset.not_recorded`: office files that lack a sheet, or the note a dataset written by pbgraph
        carries (:func:`known_not_recorded`).
    ids_assigned
        Whether pbgraph assigned the ids (office files without an 编号 column, or the folder `pbgraph import`
        wrote from them), for `Dataset.assigned_ids`.
    """

    name: str
    frame: pd.DataFrame
    file: str
    sheet: str | None
    rows: np.ndarray
    headers: dict[str, str] = field(default_factory=dict)
    not_recorded: tuple[str, ...] = ()
    ids_assigned: bool = False

    def problem(
        self,
        code: str,
        *,
        severity: str = "error",
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        **params: Any,
    ) -> Problem:
        """A problem located in this table (column given by canonical name; one the file does not have is
        named as the file would head it, :meth:`column_words`)."""
        words = self.column_words(column) if column and column not in self.headers else None
        return Problem(
            code=code,
            severity=severity,
            table=self.name,
            file=self.file,
            sheet=self.sheet,
            row=row,
            column=words[0] if words else self.headers.get(column, column) if column else None,
            value=value,
            params=params,
            column_words=words,
        )

    @property
    def english_headers(self) -> bool:
        """Whether the file heads its columns with the canonical (English) names."""
        return any(header.strip().lower() == canonical for canonical, header in self.headers.items())

    def column_words(self, column: str) -> tuple[str, str] | None:
        """What this file would head a column it does not have (`column`, a canonical name): the model's
        Chinese header (the canonical name where the file's headers are English), and the canonical name."""
        table = TABLES.get(self.name)
        if table is None or column not in table.column_names:
            return None
        return (column if self.english_headers else table.column(column).zh, column)


def _header_key(header: str) -> str:
    return header.replace("\ufeff", "").replace("*", "").replace("＊", "").strip()


def map_headers(table: Table, headers: list[str]) -> tuple[dict[int, str], list[str]]:
    """Map the headers as written to canonical column names.

    Returns the position -> canonical name of every recognized column, and the headers not recognized.
    """
    lookup: dict[str, str] = {}
    for column in table.columns:
        for alias in (column.name, column.zh, *column.aliases):
            lookup[alias.lower()] = column.name
    mapped: dict[int, str] = {}
    unknown: list[str] = []
    for position, header in enumerate(headers):
        name = lookup.get(_header_key(header).lower())
        if name is None:
            if _header_key(header):
                unknown.append(header)
        elif name not in mapped.values():
            mapped[position] = name
    return mapped, unknown


def duplicate_headers(table: Table, headers: list[str]) -> list[tuple[str, str]]:
    """(first header, later header) for every column given twice, also under two names (编号 and id)."""
    lookup: dict[str, str] = {}
    for column in table.columns:
        for alias in (column.name, column.zh, *column.aliases):
            lookup[alias.lower()] = column.name
    first: dict[str, str] = {}
    found = []
    for header in headers:
        name = lookup.get(_header_key(header).lower())
        if name is None:
            continue
        if name in first:
            found.append((first[name], header))
        else:
            first[name] = header
    return found


MAX_UNKNOWN_LISTED = 5


def header_problems(raw: RawTable, headers: list[str], unknown: list[str], table: Table) -> list[Problem]:
    """Errors for a column given twice (naming both headers); warnings for unknown columns, grouped when
    there are many (one line, not one per column)."""
    problems = [
        raw.problem("duplicate_column", severity="error", column=later, value=later, first=first)
        for first, later in duplicate_headers(table, headers)
    ]
    if len(unknown) > MAX_UNKNOWN_LISTED:
        shown = unknown[:MAX_UNKNOWN_LISTED]
        problems.append(
            raw.problem(
                "unknown_columns",
                severity="warning",
                value="、".join(shown),
                value_en=", ".join(shown),
                count=len(unknown),
            )
        )
    else:
        problems.extend(raw.problem("unknown_column", severity="warning", column=h, value=h) for h in unknown)
    return problems


def known_not_recorded(keys: Iterable[object]) -> tuple[str, ...]:
    """The keys of what a dataset may not record among `keys` (as a note written beside a dataset holds
    them): a table, or a kind of liaison (`liaisons:member` …). No activity log is not a table not recorded:
    the analyses that read one tell it apart themselves.

    Examples
    --------
    >>> known_not_recorded(["organizations", "liaisons:member", "activities", "nonsense", 3])
    ('organizations', 'liaisons:member')
    """
    known = (set(TABLES) - {"activities"}) | {f"liaisons:{kind}" for kind in LiaisonKind}
    return tuple(k for k in keys if isinstance(k, str) and k in known)

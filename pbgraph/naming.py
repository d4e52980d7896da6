"""Names beside ids in result tables (DESIGN 5: every row that names an entity by id also gives its name).

The analyses return ids (what the oracle and the Neo4j queries compare); the writers add the names here, in
one step before any table is shown, so that an official reads 城关镇 beside T001, and 姓名 heads the name of
a person.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset

NAME_COLUMNS: dict[str, str] = {
    "committee": "committee_name",
    "sector": "sector_name",
    "township": "township_name",
    "group": "group_name",
    "parent": "parent_name",
    "liaised_by": "liaised_by_name",
    "source": "source_name",
    "target": "target_name",
    "member": "member_name",
    "organization": "organization_name",
}
"""An id column -> the column of names put beside it (unless the table already has it)."""

PERSON_TABLES = frozenset(
    {"unlinked", "unorganized", "reach", "load", "fragile", "connectors", "org_life", "few_contacts"}
    | {"member_changes"}
)
"""Tables whose rows are members: their `name` column is headed as a person's name (`person_name`)."""

PERSON_ROWS = "person_rows"
"""The `attrs` key marking a frame whose rows are members (read by :func:`pbgraph.format.display_frame`)."""


K = TypeVar("K")


def _names_of(datasets: Sequence[Dataset], columns: list[pd.Series]) -> list[pd.Series]:
    """The name of each id of the columns, from the first dataset that gives it a name ("" when none does),
    as text columns. The ids of all the columns are looked up at once: each lookup hashes every id of a
    dataset (a national dataset has some 800,000)."""
    from pbgraph.graph import arrow_strings

    every = [arrow_strings(column) for column in columns]
    # each distinct id once (arrow's dictionary)
    encoded = pc.dictionary_encode(pa.chunked_array(every, pa.string()).combine_chunks())
    keys = encoded.dictionary
    names = np.full(len(keys) + 1, "", dtype=object)  # the last one for an empty cell
    for ds in datasets:
        unnamed = ~names[:-1].astype(bool)
        if not unnamed.any():
            break
        found = ds.names_of(keys)
        take = unnamed & found.astype(bool)
        names[:-1][take] = found[take]
    # per row in arrow, as pandas would store the object column (no Python string per row)
    per_row = pa.array(names, type=pa.large_string(), from_pandas=True).take(
        encoded.indices.fill_null(len(keys))
    )
    starts = np.cumsum([0] + [len(ids) for ids in every])
    return [
        pd.Series(pd.array(per_row[start:stop], dtype="str"), index=column.index)
        for column, start, stop in zip(columns, starts[:-1].tolist(), starts[1:].tolist(), strict=True)
    ]


def with_names(
    frame: pd.DataFrame, ds: Dataset | Sequence[Dataset], *, table: str | None = None
) -> pd.DataFrame:
    """The frame with a name column beside every id column (see `NAME_COLUMNS`) that has none; names from
    the first dataset that knows the id (`diff`: the new one, then the old one).

    Examples
    --------
    >>> from pbgraph import load
    >>> from pbgraph.analyses import fragile
    >>> ds = load("tests/fixtures/party_group")
    >>> named = with_names(fragile(ds), ds, table="fragile")
    >>> list(named.columns)
    ['committee', 'committee_name', 'id', 'name', 'liaised_by', 'liaised_by_name']
    >>> named.iloc[0].tolist(), named.attrs["person_rows"]
    (['C1', '甲县政协', 'N1', '党外戊', 'P1', '党组甲'], True)
    """
    return _with_names({table: frame}, ds)[table]


def tables_with_names(
    tables: dict[str, pd.DataFrame], ds: Dataset | Sequence[Dataset]
) -> dict[str, pd.DataFrame]:
    """:func:`with_names` of every table (by its name)."""
    return _with_names(tables, ds)


def tables_with_names_from(
    tables: dict[str, pd.DataFrame], old: Dataset, new: Dataset, *, origin: str = "ids_from"
) -> dict[str, pd.DataFrame]:
    """:func:`tables_with_names` of `diff` tables whose rows give the ids of one dataset or the other, as the
    column `origin` says ("old_dataset" or "new_dataset"): each row named from its own dataset alone (an id
    assigned to a roster without 编号 may be another person in the other one). Tables without the column
    are named from `new`, then `old`."""
    parts = [
        _with_names({t: f[f[origin] == which] for t, f in tables.items() if origin in f.columns}, ds)
        for which, ds in (("old_dataset", old), ("new_dataset", new))
    ]
    named = _with_names({t: f for t, f in tables.items() if origin not in f.columns}, [new, old])
    for table, frame in tables.items():
        if origin in frame.columns:
            # the rows back in their order (the parts are named alike, so their columns are the same)
            joined = pd.concat([part[table] for part in parts]).reindex(frame.index)
            joined.attrs = parts[1][table].attrs
            named[table] = joined
    return {table: named[table] for table in tables}


def _with_names(tables: dict[K, pd.DataFrame], ds: Dataset | Sequence[Dataset]) -> dict[K, pd.DataFrame]:
    datasets = list(ds) if isinstance(ds, Sequence) else [ds]
    wanted = [
        (table, column, name_column)
        for table, frame in tables.items()
        for column, name_column in NAME_COLUMNS.items()
        if column in frame.columns and name_column not in frame.columns
    ]
    names = iter(_names_of(datasets, [tables[table][column] for table, column, _ in wanted]))
    named: dict[K, pd.DataFrame] = {}
    for table, frame in tables.items():
        copy = frame.copy(deep=False)  # copy-on-write: the columns shared, the name columns its own
        for _, column, name_column in (w for w in wanted if w[0] == table):
            copy.insert(list(copy.columns).index(column) + 1, name_column, next(names))
        copy.attrs = {**frame.attrs, PERSON_ROWS: table in PERSON_TABLES}
        named[table] = copy
    return named

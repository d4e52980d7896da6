"""Names beside ids in result tables (DESIGN 5: every row that names an entity by id also gives its name).

The analyses return ids (what the oracle and the Neo4j queries compare); the writers add the names here, in
one step before any table is shown, so that an official reads 城关镇 beside T001, and 姓名 heads the name of
a person.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

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


def _names_of(datasets: Sequence[Dataset], ids: pd.Series) -> pd.Series:
    """The name of each id from the first dataset that gives it a name ("" when none does), as a text
    column."""
    from pbgraph.graph import arrow_strings

    # each distinct id once (arrow's dictionary), as Python strings only for the lookup
    encoded = pc.dictionary_encode(arrow_strings(ids))
    keys = encoded.dictionary.to_numpy(zero_copy_only=False)
    names = np.full(len(keys) + 1, "", dtype=object)  # the last one for an empty cell
    for ds in datasets:
        unnamed = ~names[:-1].astype(bool)
        if not unnamed.any():
            break
        found = ds.names_of(keys)
        take = unnamed & found.astype(bool)
        names[:-1][take] = found[take]
    # per row in arrow, as pandas would store the object column (no Python string per row)
    codes = encoded.indices.fill_null(len(keys))
    per_row = pa.array(names, type=pa.large_string(), from_pandas=True).take(codes)
    return pd.Series(pd.array(per_row, dtype="str"), index=ids.index)


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
    datasets = list(ds) if isinstance(ds, Sequence) else [ds]
    named = frame.copy()
    for column, name_column in NAME_COLUMNS.items():
        if column in named.columns and name_column not in named.columns:
            named.insert(
                list(named.columns).index(column) + 1, name_column, _names_of(datasets, named[column])
            )
    named.attrs = {**frame.attrs, PERSON_ROWS: table in PERSON_TABLES}
    return named


def tables_with_names(
    tables: dict[str, pd.DataFrame], ds: Dataset | Sequence[Dataset]
) -> dict[str, pd.DataFrame]:
    """:func:`with_names` of every table (by its name)."""
    return {name: with_names(frame, ds, table=name) for name, frame in tables.items()}

"""Entities of two datasets matched in one space of integer codes: by id, or by name (`diff --match name`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pbgraph.analyses._common import facts
from pbgraph.graph import arrow_strings
from pbgraph.model import NODE_TABLES

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset


class EntityCodes:
    """Codes of the node keys of two datasets, in one space: equal code, same entity."""

    def __init__(self, old: Dataset, new: Dataset, *, by_name: bool) -> None:
        self.old, self.new = old, new
        repeated = _repeated_names(old) | _repeated_names(new) if by_name else set()
        old_parts, new_parts, size = [], [], 0
        for table in NODE_TABLES:
            if by_name:
                old_keys = _name_keys(old, table, repeated)
                new_keys = _name_keys(new, table, repeated)
            else:
                old_keys, new_keys = (
                    arrow_strings(old.tables[table]["id"]),
                    arrow_strings(new.tables[table]["id"]),
                )
            if old_keys.equals(new_keys):
                # the usual case for contacts, the bulk of the nodes: the same table on both sides
                old_codes = new_codes = np.arange(len(old_keys), dtype=np.int64)
                count = len(old_keys)
            else:
                encoded = pa.chunked_array([old_keys, new_keys], type=pa.string()).dictionary_encode()
                codes = np.concatenate(
                    [np.asarray(chunk.indices, dtype=np.int64) for chunk in encoded.chunks]
                    or [np.zeros(0, dtype=np.int64)]
                )
                old_codes, new_codes = codes[: len(old_keys)], codes[len(old_keys) :]
                count = len(encoded.chunks[0].dictionary) if encoded.num_chunks else 0
            old_parts.append(old_codes + size)
            new_parts.append(new_codes + size)
            size += count
        self.size = size
        self.old_node = np.concatenate(old_parts)
        self.new_node = np.concatenate(new_parts)

    def node(self, ds: Dataset) -> np.ndarray:
        """Per node number of `ds` (old or new): its code."""
        return self.old_node if ds is self.old else self.new_node

    def of_column(self, ds: Dataset, table: str, column: str) -> np.ndarray:
        """Codes of the ids of a reference column (-1 where empty or unknown)."""
        return self.of_ids(ds, getattr(ds, table)[column], _REFERENCED[(table, column)])

    def of_ids(self, ds: Dataset, ids: pd.Series, tables: tuple[str, ...]) -> np.ndarray:
        """Codes of some ids of nodes of `tables` in `ds` (-1 where unknown)."""
        numbers = np.full(len(ids), -1, dtype=np.int64)
        offsets = facts(ds).index.offsets
        for table in tables:
            found = np.asarray(
                pc.index_in(arrow_strings(ids), value_set=_table_ids(ds, table)).fill_null(-1), dtype=np.int64
            )
            numbers = np.where((numbers < 0) & (found >= 0), offsets[table] + found, numbers)
        return np.where(numbers >= 0, self.node(ds)[np.maximum(numbers, 0)], -1)


def _table_ids(ds: Dataset, table: str) -> pa.Array:
    """The ids of a node table as an arrow array (converted once per dataset)."""
    ids: pa.Array = ds.derived(f"ids:{table}", lambda d: arrow_strings(getattr(d, table)["id"]))
    return ids


_REFERENCED: dict[tuple[str, str], tuple[str, ...]] = {
    ("members", "sector"): ("sectors",),
    ("members", "township"): ("townships",),
    ("memberships", "member"): ("members",),
    ("memberships", "organization"): ("organizations",),
}


def _repeated_names(ds: Dataset) -> set[str]:
    names = ds.members["name"]
    return set(names[names.duplicated()].tolist())


def _name_keys(ds: Dataset, table: str, repeated: set[str]) -> pa.Array:
    """Keys of the nodes of a table: members by name (name + sector name where the name repeats, then + its
    occurrence); other nodes by name and committee name (contacts: name and township)."""
    frame = getattr(ds, table)
    if table == "members":
        names = frame["name"].astype("str")
        twice = names.isin(repeated).to_numpy()
        keys = names.copy()
        if twice.any():
            sector_names = pd.Series(ds.sectors["name"].to_numpy(), index=ds.sectors["id"].to_numpy())
            sector = sector_names.reindex(frame["sector"][twice].to_numpy()).fillna("").to_numpy()
            longer = names[twice] + "\x1f" + pd.Series(sector, index=names[twice].index, dtype="str")
            # the same name and sector twice: their order tells them apart
            keys[twice] = longer + "\x1f" + longer.groupby(longer.to_numpy()).cumcount().astype("str")
        return arrow_strings(keys)
    # the place's name, not its id: ids differ between two datasets matched by name (contacts: the township)
    places, column = (ds.townships, "township") if table == "contacts" else (ds.organizations, "committee")
    found = pc.index_in(arrow_strings(frame[column]), value_set=arrow_strings(places["id"]))
    within = pc.take(arrow_strings(places["name"]), found).fill_null("")
    return pc.binary_join_element_wise(arrow_strings(frame["name"]), within, "\x1f")


IDS_FROM = "ids_from"
"""The column that, when members are matched by name, says whose ids a row of `diff` gives: "old_dataset"
for what left, was removed, broke, closed or went (those rows are read from the old dataset), "new_dataset"
for the rest. Ids assigned to rosters without an id column follow the rows: one id may be two people in the
two."""
OLD_CHANGES = frozenset({"left", "removed", "broken", "closed", "worsened", "gone"})
"""The changes whose rows are read from the old dataset (a worsened gap is the milder one that went; a gone
gap is that of an entity of the old dataset only)."""


def with_ids_from(
    tables: dict[str, pd.DataFrame], rates: pd.DataFrame, in_new: pd.Series
) -> dict[str, pd.DataFrame]:
    """The change `tables` and the `rates` (key "rates") with the column `IDS_FROM` after `change` (first in
    the rates, "new_dataset" where `in_new`: the committee is the new dataset's)."""
    marked: dict[str, pd.DataFrame] = {}
    for name, frame in [*tables.items(), ("rates", rates)]:
        old = (
            ~in_new.to_numpy(dtype=bool) if name == "rates" else frame["change"].isin(OLD_CHANGES).to_numpy()
        )
        marked[name] = frame.copy()
        marked[name].insert(
            0 if name == "rates" else 1, IDS_FROM, np.where(old, "old_dataset", "new_dataset")
        )
        marked[name][IDS_FROM] = marked[name][IDS_FROM].astype(object)
    return marked

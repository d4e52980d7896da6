"""Who carries too much: liaison load per CPC member, overloaded and idle members, fragile links."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pbgraph.analyses._common import check_committee, facts, member_mask, member_rows
from pbgraph.analyses.recorded import as_recorded
from pbgraph.graph import distinct, index_of, strings_at
from pbgraph.model import LiaisonKind

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset

DEFAULT_MAX_LOAD = 5


def liaison_load(
    ds: Dataset, *, committee: str | None = None, max_load: int = DEFAULT_MAX_LOAD
) -> pd.DataFrame:
    """Per CPC member: how many non-party members they liaise with; overloaded and idle flags.

    Examples
    --------
    >>> from pbgraph import load
    >>> liaison_load(load("tests/fixtures/liaisons"))[["id", "load", "idle"]].values.tolist()
    [['M1', 2, False], ['M2', 3, False], ['M3', 0, True], ['M4', 3, False], ['M5', 0, False]]
    >>> liaison_load(load("tests/fixtures/liaisons"), max_load=2)["overloaded"].tolist()
    [False, True, False, True, False]
    """
    check_committee(ds, committee)
    f = facts(ds)
    mask = f.index.is_cpc & member_mask(ds, committee)
    rows = member_rows(ds, mask, ["id", "name", "party_group"])
    rows["load"] = f.load[mask]
    rows["overloaded"] = rows["load"] > max_load
    rows["idle"] = ~rows["party_group"].to_numpy(dtype=bool) & (rows["load"] == 0).to_numpy()
    # without the member liaisons every load would read 0 and every member idle: no rows, noted
    return as_recorded("load", rows, ds.not_recorded)


def fragile(ds: Dataset, *, committee: str | None = None) -> pd.DataFrame:
    """Non-party members linked by exactly one CPC member (one departure from unlinked).

    Examples
    --------
    >>> from pbgraph import load
    >>> fragile(load("tests/fixtures/liaisons"))[["id", "liaised_by"]].values.tolist()
    [['N1', 'M1'], ['N3', 'M2'], ['N4', 'M4'], ['N7', 'M4']]
    """
    check_committee(ds, committee)
    f = facts(ds)
    mask = (f.sole_source >= 0) & member_mask(ds, committee)
    rows = member_rows(ds, mask, ["id", "name"])
    rows["liaised_by"] = strings_at(ds.members["id"], f.sole_source[mask]).set_axis(rows.index)
    return as_recorded("fragile", rows, ds.not_recorded)


def load_distribution(ds: Dataset, *, committee: str | None = None) -> pd.DataFrame:
    """How many CPC members have each load, from 0 to the highest.

    Examples
    --------
    >>> from pbgraph import load
    >>> load_distribution(load("tests/fixtures/liaisons")).values.tolist()
    [[0, 2], [1, 0], [2, 1], [3, 2]]
    """
    loads = liaison_load(ds, committee=committee)
    counts = np.bincount(loads["load"].to_numpy()) if len(loads) else np.zeros(0, dtype=np.int64)
    rows = pd.DataFrame({"load": np.arange(len(counts)), "cpc_members": counts})
    return as_recorded("distribution", rows, ds.not_recorded)


def contact_counts(ds: Dataset) -> np.ndarray:
    """Per member row: the number of distinct contacts they liaise with (counting `contact` liaisons)."""
    ix = index_of(ds)
    mask = ix.counting & (ix.liaison_kind == list(LiaisonKind).index(LiaisonKind.CONTACT))
    n = np.int64(ix.size)
    keys = distinct(ix.liaison_source[mask] * n + ix.liaison_target[mask])
    return np.bincount(keys // n, minlength=len(ds.members))[: len(ds.members)]


def few_contacts(ds: Dataset, *, committee: str | None = None, min_contacts: int) -> pd.DataFrame:
    """ "1+10": CPC members with fewer than `min_contacts` contacts (counting `contact` liaisons).

    Examples
    --------
    >>> from pbgraph import load
    >>> rows = few_contacts(load("data/sample"), min_contacts=10)
    >>> list(rows.columns)
    ['committee', 'id', 'name', 'contacts']
    """
    check_committee(ds, committee)
    counts = contact_counts(ds)
    mask = index_of(ds).is_cpc & (counts < min_contacts) & member_mask(ds, committee)
    rows = member_rows(ds, mask, ["id", "name"])
    rows["contacts"] = counts[mask]
    # without the contact liaisons every CPC member would read 0 contacts: no rows, noted
    return as_recorded("few_contacts", rows, ds.not_recorded)

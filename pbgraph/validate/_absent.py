"""What stands for an optional table a canonical dataset does not give (DESIGN 3: only `members` is
required)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pbgraph.model import MULTI_VALUE_SEPARATOR, LiaisonKind

if TYPE_CHECKING:
    from pbgraph._raw_table import RawTable


def empty_table(name: str) -> RawTable:
    """The table `name` with no rows and no columns (validation adds them), for a table the dataset lacks."""
    from pbgraph._raw_table import RawTable

    return RawTable(
        name=name,
        frame=pd.DataFrame(index=pd.RangeIndex(0)),
        file=f"{name}.csv",
        sheet=None,
        rows=np.zeros(0, dtype=np.int64),
    )


def not_given(members: RawTable, name: str, not_recorded: set[str]) -> RawTable:
    """The table `name` the dataset does not give: sectors and townships built from the roster's (`members`,
    read) distinct values, as from office files (3.1), their rows the roster's; else an empty table.

    What cannot be built is added to `not_recorded` (未提供), so the analyses needing it say so rather than
    report every entity as a gap.
    """
    from pbgraph._raw_table import RawTable

    column = {"sectors": "sector", "townships": "township"}.get(name)
    if column is not None and column in members.headers:
        values = members.frame[column]
        first = ~values.duplicated() & (values != "")
        ids = values[first].to_numpy(dtype=object)
        order = np.argsort(ids, kind="stable")
        frame = pd.DataFrame({"id": ids[order], "name": ids[order]}, dtype="str")
        return RawTable(
            name=name,
            frame=frame,
            file=members.file,
            sheet=members.sheet,
            rows=members.rows[first.to_numpy()][order],
            headers={"id": members.headers[column], "name": members.headers[column]},
        )
    if name == "liaisons":
        not_recorded.update(f"liaisons:{kind}" for kind in LiaisonKind)
    elif name not in ("contacts", "activities"):
        # optional since the first version: no contacts file is no contacts, and no activity log is told
        # apart by the analyses that read one
        not_recorded.add(name)
    return empty_table(name)


def sole_committees(names: pd.Series, committees: pd.Series) -> dict[str, str]:
    """Per value of a roster's `sector` or `township` column (`names`), the committee of the members who name
    it, when they all sit on one: the committee a sector or township built from the roster belongs to
    (`committees`: the members' cells, `;`-separated ids). A name whose members sit on several committees is
    left out (its committee stays empty), and so is one named only by members whose cell is blank: the roster
    does not say.

    Examples
    --------
    >>> names = pd.Series(["S1", "S1", "S2", "S2", "S3", "S4", ""])
    >>> cells = pd.Series(["C1", "C1", "C1", "C2", "C1;C2", "", "C2"])
    >>> sole_committees(names, cells)
    {'S1': 'C1'}
    """
    pairs = pd.DataFrame(
        {"name": names.to_numpy(dtype=object), "committee": committees.str.split(MULTI_VALUE_SEPARATOR)}
    ).explode("committee")
    pairs = pairs[(pairs["name"] != "") & (pairs["committee"] != "") & pairs["committee"].notna()]
    found = pairs.drop_duplicates().groupby("name", sort=True)["committee"]
    sole = found.first()[found.size() == 1]
    return {str(k): str(v) for k, v in sole.items()}

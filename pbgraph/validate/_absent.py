"""What stands for an optional table a canonical dataset does not give (DESIGN 3: only `members` is
required)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from pbgraph.model import LiaisonKind

if TYPE_CHECKING:
    from pbgraph.io import RawTable


def empty_table(name: str) -> RawTable:
    """The table `name` with no rows and no columns (validation adds them), for a table the dataset lacks."""
    from pbgraph.io import RawTable

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
    from pbgraph.io import RawTable

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

"""Validation: turn raw tables into a :class:`~pbgraph.dataset.Dataset`, or list every problem found.

Errors stop the load (nothing is loaded, the CLI exits with code 2); warnings are kept on the dataset.
Every check is vectorized over whole columns, so a national dataset (millions of rows) validates in
seconds; at most `MAX_LISTED` problems of one kind per table are listed, then a count of the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pbgraph._errors import DatasetError
from pbgraph._personal_numbers import masked_problem
from pbgraph.graph import arrow_strings, index_of
from pbgraph.model import TABLES, OrgKind
from pbgraph.problem import Problem
from pbgraph.validate._absent import sole_committees
from pbgraph.validate._checks import SETTLED_EARLY, Settled, Validator
from pbgraph.validate._registry import MAX_LISTED, text_column

if TYPE_CHECKING:
    from pbgraph._raw_table import RawTable
    from pbgraph.dataset import Dataset

__all__ = ["MAX_LISTED", "SETTLED_EARLY", "Problem", "Settled", "build_dataset"]


def _fill_committees(
    tables: dict[str, pd.DataFrame],
    problems: list[Problem],
    raw: dict[str, RawTable],
    from_roster: Iterable[str] = (),
) -> None:
    """Fill in every empty `committee` cell from what else the row says (DESIGN 3: a dataset with a single
    committee may leave them empty). The sectors and townships built `from_roster` (the tables named) take the
    committee of the members who name them, when those all sit on one (else stay empty: no committee's)."""
    orgs = tables["organizations"]
    committees = orgs.loc[orgs["kind"] == OrgKind.COMMITTEE, "id"].tolist()
    only = committees[0] if len(committees) == 1 else ""

    def fill(frame: pd.DataFrame, *candidates: pa.Array) -> None:
        column = text_column(frame["committee"]).combine_chunks()
        for candidate in [*candidates, pa.scalar(only, pa.large_string())]:
            column = pc.if_else(pc.equal(column, ""), candidate, column)
        frame["committee"] = pd.Series(column, dtype="str", index=frame.index)

    def committee_of(keys: pd.Series, table: pd.DataFrame) -> pa.Array:
        """Per key, the committee of the row of `table` with that id ("" where none)."""
        at = pc.index_in(text_column(keys), value_set=text_column(table["id"]))
        return text_column(table["committee"]).take(at).combine_chunks().fill_null("")

    # an organization belongs to the committee it is, or to that of its nearest ancestor that says
    is_committee = (orgs["kind"] == OrgKind.COMMITTEE).to_numpy()
    own = orgs["committee"].where(~is_committee, orgs["id"])
    resolved = _nearest_committee(orgs["id"], orgs["parent"], own, only)
    orgs["committee"] = pd.Series(resolved, dtype="str", index=orgs.index)
    sectors, townships, members = tables["sectors"], tables["townships"], tables["members"]
    fill(sectors, committee_of(sectors["group"], orgs))
    fill(townships)
    fill(members, committee_of(members["sector"], sectors), committee_of(members["township"], townships))
    for name, column in (("sectors", "sector"), ("townships", "township")):
        if name in from_roster:
            # after the members' cells are filled: the roster says which committee its members sit on, not the
            # other way round (an empty cell is not filled from a sector only the roster's other rows place)
            sole = sole_committees(members[column], members["committee"])
            built = tables[name]
            cells = zip(built["id"].tolist(), built["committee"].tolist(), strict=True)
            built["committee"] = pd.Series([sole.get(i, c) for i, c in cells], dtype="str", index=built.index)
    if len(committees) > 1:
        rows = raw["members"]
        missing = (members["committee"] == "").to_numpy()
        positions = np.flatnonzero(missing)
        for pos in positions[:MAX_LISTED]:
            problems.append(
                rows.problem(
                    "member_no_committee",
                    severity="warning",
                    row=int(rows.rows[pos]),
                    column="committee",
                    value=str(members["id"].iat[pos]),
                )
            )
        if positions.size > MAX_LISTED:
            problems.append(
                rows.problem(
                    "too_many", severity="warning", column="committee", count=positions.size - MAX_LISTED
                )
            )


def _nearest_committee(ids: pd.Series, parents: pd.Series, own: pd.Series, only: str) -> np.ndarray:
    """Per organization: its own committee, else that of its nearest ancestor that says (at most 64 levels
    up), else `only`. Every ancestor chain is walked up at once, a level per step."""
    n = len(ids)
    # the ancestors by position; one past the end stands for a parent that is no organization
    parent = np.asarray(pc.index_in(arrow_strings(parents), value_set=arrow_strings(ids)).fill_null(-1))
    has_parent = (parents.astype("str") != "").to_numpy()
    up = np.where(parent >= 0, parent, np.where(has_parent, n, -1)).astype(np.int64)
    up = np.append(up, -1)
    committee = np.append(own.astype("str").to_numpy(dtype=object), "")
    known = committee != ""
    node = np.arange(n)
    for _ in range(64):
        moving = ~known[node] & (up[node] >= 0)
        if not moving.any():
            break
        node[moving] = up[node[moving]]
    resolved = committee[node]
    resolved[resolved == ""] = only
    return resolved


def build_dataset(
    raw: dict[str, RawTable], problems: list[Problem], *, name: str = "", settled: Settled | None = None
) -> Dataset:
    """Validate raw tables and build the dataset.

    `settled`, when given, is called once, as soon as the tables of `SETTLED_EARLY` are as the dataset will
    hold them (half-way through validation, unless an error was found by then), with those tables: the cache
    writes them while the rest is checked. An error found after that still raises.

    Raises
    ------
    DatasetError
        If any error was found (in `problems` or by validation); it lists every problem.
    """
    from pbgraph.dataset import Dataset

    validator = Validator(dict(raw), problems)
    validator.run(settled=settled)
    # a cell a problem quotes as read may hold a phone or ID number the tables no longer hold
    found = [masked_problem(p) for p in validator.problems]
    if any(p.is_error for p in found):
        raise DatasetError(found)
    tables = {name: validator.raw[name].frame.reset_index(drop=True) for name in TABLES}
    tables["members"]["party_group"] = (tables["members"]["party_group"] == "true").to_numpy()
    # sectors and townships no table gives are built from the roster's values (`validate._absent`)
    from_roster = {"sectors", "townships"} - raw.keys() - validator.not_recorded
    _fill_committees(tables, found, validator.raw, from_roster)
    # office files (pbgraph.office) say which tables they did not give; a canonical dataset, by their absence
    not_recorded = frozenset(k for r in raw.values() for k in getattr(r, "not_recorded", ()))
    not_recorded |= validator.not_recorded
    assigned = frozenset(table for table, r in raw.items() if r.ids_assigned)
    ds = Dataset(**tables, name=name, warnings=found, not_recorded=not_recorded, assigned_ids=assigned)
    ds.seed_derived(validator.derived)
    # the registry numbers rows exactly as the node index does: hand over the resolved reference columns
    index_of(ds).seed(
        {
            key: value
            for key, value in validator.positions.items()
            # multi-valued cells were looked up whole: those positions are not node numbers
            if key not in (("members", "committee"), ("activities", "members"))
        }
    )
    return ds

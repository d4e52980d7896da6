"""How people read a diff wherever it is shown (`pbgraph diff` and `whatif`, the report's comparison and its
workbook): the note when an id names another person in each dataset, party changes in words rather than
codes, and a name beside every id."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pbgraph._texts import pick, say
from pbgraph._texts.cli import CLI
from pbgraph._texts.tables import CELLS
from pbgraph.format import party_name

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd

    from pbgraph.changes import Diff
    from pbgraph.dataset import Dataset


def matched_by(before: Dataset, after: Dataset, match: str, lang: str) -> tuple[str, list[str]]:
    """How the members of `before` and `after` are matched, and the notes that say so before the changes.

    `match` is "id", "name" or "auto": by id when both datasets record their ids (an 编号 column), else by
    name, with a note that says so (ids pbgraph assigned follow the rows, DESIGN 3.1: the same id may be
    another person). Matched by id, the note that ids name other people, if they do (:func:`other_people`).

    Examples
    --------
    >>> from pbgraph import load
    >>> ds = load("tests/fixtures/plan")
    >>> matched_by(ds, ds, "auto", "en")
    ('id', [])
    """
    if match == "auto":
        assigned = [ds.name for ds in (before, after) if "members" in ds.assigned_ids]
        if assigned:
            names = pick(CELLS["names_separator"], lang).join(assigned)
            return "name", [say(CLI, "matched_by_name", lang, datasets=names)]
        match = "id"
    return match, other_people(before, after, lang) if match == "id" else []


def other_people(before: Dataset, after: Dataset, lang: str) -> list[str]:
    """A note when ids name other people in `after` than in `before`: ids pbgraph assigned to a roster
    without 编号 follow its rows' content, so a row added or removed renumbers others, and a comparison by id
    would pair different people (read as changes of party, sector …)."""
    both_ = before.members[["id", "name"]].merge(
        after.members[["id", "name"]], on="id", suffixes=("", "_new")
    )
    other = both_[both_["name"] != both_["name_new"]]
    if other.empty:
        return []
    first = other.iloc[0]
    return [
        say(
            CLI,
            "ids_other_people",
            lang,
            n=len(other),
            id=first["id"],
            old=first["name"],
            new=first["name_new"],
        )
    ]


def readable_parties(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Party codes in `before`/`after` of party changes as people read them, as every table names parties
    (民革; in English Kuomintang Revolutionary Committee, not RCCK)."""
    if frame.empty:
        return frame
    frame = frame.copy()
    party = (frame["field"] == "party").to_numpy()
    for column in ("before", "after"):
        frame.loc[party, column] = [party_name(str(v), lang) for v in frame.loc[party, column]]
    return frame


def diff_tables(
    found: Diff, named_by: Sequence[Dataset], lang: str, *, match: str = "id", words: bool = True
) -> dict[str, pd.DataFrame]:
    """The diff's tables as they are written: a name beside every id (DESIGN 5), from `named_by` (the new
    dataset, then the old one for what left; matched by name, each row from the dataset whose ids it gives,
    its 编号所属), and with `words` party changes in words."""
    from pbgraph.naming import tables_with_names, tables_with_names_from

    tables = dict(found.tables)
    if words:
        tables["member_changes"] = readable_parties(tables["member_changes"], lang)
    if match == "name":
        return tables_with_names_from(tables, named_by[1], named_by[0])
    return tables_with_names(tables, list(named_by))

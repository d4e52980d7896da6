"""How people read a diff wherever it is shown (`pbgraph diff` and `whatif`, the report's comparison): the
note when an id names another person in each dataset, and party changes in words rather than codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pbgraph._texts import say
from pbgraph._texts.cli import CLI
from pbgraph.format import party_name

if TYPE_CHECKING:
    import pandas as pd

    from pbgraph.dataset import Dataset


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

"""The notes that go with tables, in words: what the analyses noted (the period, a sample, the tables the
dataset does not record), for every writer (the terminal, a workbook's notes sheet) to say the same."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from pbgraph._texts import pick, say
from pbgraph._texts.cli import CLI
from pbgraph._texts.import_report import NOT_RECORDED
from pbgraph._texts.tables import CELLS
from pbgraph.model import TABLES, LiaisonKind

if TYPE_CHECKING:
    import pandas as pd

    from pbgraph.analyses.backend import Findings


def findings_notes(found: Findings, lang: str) -> list[str]:
    """Everything the analyses of `found` noted, in the order `pbgraph analyze` prints it."""
    return (
        sampled_notes(found.sampled, lang)
        + not_recorded_notes(found.not_recorded, lang)
        + activity_notes(found.notes, lang)
    )


def unranked_notes(league: bool, committees: Sequence[str], lang: str) -> list[str]:
    """Why a league table asked for (`--by-committee`) is empty: the dataset names no committee, so there is
    nothing to rank (an empty table alone would say nothing)."""
    return [say(CLI, "no_committees_to_rank", lang)] if league and not committees else []


def activity_notes(notes: list[str], lang: str) -> list[str]:
    """The analyses' notes in words: the period the activity analyses looked at, or that the dataset records
    no activity (each once)."""
    said: list[str] = []
    for note in notes:
        kind, _, value = note.partition(":")
        if kind == "period":
            since, _, until = value.partition(":")
            text = say(CLI, "period", lang, since=since, until=until)
        elif kind == "no_table":
            text = say(CLI, "no_activities", lang)
        elif kind == "none_by":
            text = say(CLI, "no_activities_by", lang, date=value)
        else:
            text = note
        if text not in said:
            said.append(text)
    return said


def sampled_notes(sampled: int | None, lang: str) -> list[str]:
    """The note that betweenness was estimated from a sample, when it was."""
    return [say(CLI, "sampled", lang, n=sampled)] if sampled else []


def not_recorded_notes(keys: list[str], lang: str) -> list[str]:
    """The note that some results are n/a or left out because a table was not recorded (office files)."""
    return [not_recorded_note(keys, lang)] if keys else []


def dataset_notes(not_recorded: Iterable[str], lang: str) -> list[str]:
    """The note on what a dataset does not record (`Dataset.not_recorded`), in the order of the tables; none
    when it records every table."""
    keys = in_table_order(not_recorded)
    return not_recorded_notes(keys, lang)


def not_recorded_name(key: str, lang: str) -> str:
    """A not-recorded table (or liaison kind) as users call it."""
    if key in TABLES:
        return TABLES[key].zh if lang == "zh" else key
    return pick(NOT_RECORDED[key], lang) if key in NOT_RECORDED else key


def in_table_order(keys: Iterable[str]) -> list[str]:
    """Not-recorded keys in the order of the tables, each table's kinds of liaison in the order of the kinds.

    Examples
    --------
    >>> in_table_order({"liaisons:member", "contacts", "organizations"})
    ['organizations', 'liaisons:member', 'contacts']
    """
    order = [
        key
        for name in TABLES
        for key in ([f"{name}:{k}" for k in LiaisonKind] if name == "liaisons" else [name])
    ]
    return sorted(keys, key=lambda key: order.index(key) if key in order else len(order))


def not_recorded_note(keys: list[str], lang: str) -> str:
    """The note that results depending on the tables `keys` are n/a or left out."""
    return say(NOT_RECORDED, "note", lang, names=not_recorded_names(keys, lang))


def not_recorded_names(keys: Iterable[str], lang: str) -> str:
    """Not-recorded tables (or liaison kinds) as users call them, in one run of words.

    Examples
    --------
    >>> not_recorded_names(["organizations", "liaisons:township"], "en")
    'organizations, township liaisons (联系镇街)'
    """
    return say(NOT_RECORDED, "separator", lang).join(not_recorded_name(k, lang) for k in keys)


def unrecorded_rows(frame: pd.DataFrame, lang: str) -> str:
    """What a table without rows says in place of them: (none), or, when a table it needs is not recorded
    (DESIGN 3), which one: a reader takes "none" for "no gaps" (the analysis could not look)."""
    missing = frame.attrs.get("not_recorded")
    if not missing:
        return pick(CELLS["none"], lang)
    # none found in what was recorded, and what was not
    key = "partly_recorded_rows" if frame.attrs.get("partly_recorded") else "not_recorded_rows"
    return pick(CELLS[key], lang).format(names=not_recorded_names(missing, lang))

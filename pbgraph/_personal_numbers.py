"""Personal numbers in free text (DESIGN 3.1: phone and ID numbers never reach any output): masked at load.

A roster's 手机号 and 身份证号 columns are dropped whole (:mod:`pbgraph.office`); the same numbers written
inside a note (了解张三(电话13800138004)工作情况) are replaced here by a placeholder word, in every table that
holds free text, whatever reader read it. What is masked:

- mainland mobile numbers: 11 digits from 13–19, also written 138-0013-8004 or 138 0013 8004, with +86 or 86
  before them or not;
- landline numbers with their area code: 010-12345678, 0755 1234567, (021)12345678;
- resident ID numbers: 18 characters (the last may be X), or the 15 digits of the old ones, holding a birth
  date.

Dates (20250305, 2025-03-05), years, counts and ids (M0001) are none of these and stay as written.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pbgraph._texts import pick
from pbgraph._texts.tables import MASKED

if TYPE_CHECKING:
    from pbgraph.problem import Problem

KINDS = ("phone", "id_number")
"""What is masked, in the order the notice counts them (a landline is a phone)."""

FREE_TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "members": ("name", "roles", "enterprise"),
    "sectors": ("name",),
    "townships": ("name",),
    "organizations": ("name",),
    "contacts": ("name",),
    "liaisons": ("note",),
    "activities": ("note",),
}
"""The columns that hold words as people write them (names, roles, notes): ids, references to ids, dates and
enumerated values are not free text, and a number there is left to validation."""

_D = r"[0-9０-９]"
_SEP = r"[ \u3000\-－‐–—]?"
_BIRTH = r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
_ID_NUMBER = rf"[1-9]{_D}{{5}}(?:(?:18|19|20){_D}{{2}}{_BIRTH}{_D}{{3}}[0-9Xx]|{_D}{{2}}{_BIRTH}{_D}{{3}})"
_MOBILE = rf"(?:(?:\+|＋|00)?86{_SEP})?[1１][3-9３-９]{_D}(?:{_SEP}{_D}){{8}}"
_LANDLINE = (
    rf"(?:[(（]0[1-9]{_D}{{1,2}}[)）]{_SEP}|0[1-9]{_D}{{1,2}}{_SEP})[2-9２-９]{_D}{{2,3}}{_SEP}{_D}{{4}}"
)
# never a piece of a longer run of digits or letters (an 18-digit ID number holds 11-digit runs, an id M0001…)
_NUMBER = re.compile(
    rf"(?<![0-9０-９A-Za-z])(?:(?P<id_number>{_ID_NUMBER})|(?P<phone>{_MOBILE}|{_LANDLINE}))(?![0-9０-９A-Za-z])"
)
_SHORTEST = 10
"""No cell shorter holds a number masked: a landline is at least 3 digits of area code and 7 of number."""
_MAY_HOLD = rf"{_D}{{3}}"
"""Every number masked holds three digits in a row: cells without them are not looked at."""


def mask_personal_numbers(text: str) -> tuple[str, dict[str, int]]:
    """`text` with every phone and ID number replaced by its placeholder word, and how many of each.

    Examples
    --------
    >>> mask_personal_numbers("了解钱文慧(电话13800138004)工作情况")
    ('了解钱文慧(电话〔电话已删除〕)工作情况', {'phone': 1, 'id_number': 0})
    >>> mask_personal_numbers("+86 138-0013-8004；身份证11010119710301001X；座机010-62751234")[0]
    '〔电话已删除〕；身份证〔身份证号已删除〕；座机〔电话已删除〕'
    >>> mask_personal_numbers("2025-03-05 与 M0001 座谈，20250305，共 12 人，1950 年")[1]
    {'phone': 0, 'id_number': 0}
    """
    counts = dict.fromkeys(KINDS, 0)
    if not re.search(_MAY_HOLD, text):
        return text, counts

    def placeholder(match: re.Match[str]) -> str:
        kind = match.lastgroup or KINDS[0]
        counts[kind] += 1
        return pick(MASKED[kind], "zh")

    return _NUMBER.sub(placeholder, text), counts


def mask_column(values: pd.Series) -> tuple[pd.Series, np.ndarray, dict[str, int]]:
    """A text column with its personal numbers masked, the rows that held any, and how many of each kind.

    Only the cells with three digits in a row are looked at, and each distinct one once: notes repeat."""
    counts = dict.fromkeys(KINDS, 0)
    text = values.astype("str")
    changed = np.zeros(len(text), dtype=bool)
    # the regex only where a number could fit: the shortest masked (a landline, 3 digits of area code and 7)
    # has 10 characters; notes are mostly empty, names short (6.4 million contacts' names at national)
    filled = np.flatnonzero((text.str.len() >= _SHORTEST).to_numpy(dtype=bool))
    maybe = np.zeros(len(text), dtype=bool)
    if len(filled):
        maybe[filled] = text.iloc[filled].str.contains(_MAY_HOLD, regex=True).to_numpy(dtype=bool)
    if not maybe.any():
        return values, changed, counts
    masked = {cell: mask_personal_numbers(cell) for cell in pd.unique(text[maybe].to_numpy(dtype=object))}
    out = text.to_numpy(dtype=object).copy()
    for position in np.flatnonzero(maybe):
        new, found = masked[out[position]]
        if new != out[position]:
            out[position] = new
            changed[position] = True
            for kind, n in found.items():
                counts[kind] += n
    return pd.Series(out, index=values.index, dtype=values.dtype), changed, counts


def _masked(value: Any) -> Any:
    return mask_personal_numbers(value)[0] if isinstance(value, str) else value


def masked_problem(problem: Problem) -> Problem:
    """`problem` quoting no personal number: a cell quoted as read (a control character removed, a name not
    found) may hold one, and the problems are printed and written too."""
    value_words = problem.value_words
    masked = replace(
        problem,
        file=_masked(problem.file),
        sheet=_masked(problem.sheet),
        value=_masked(problem.value),
        params={key: _masked(v) for key, v in problem.params.items()},
        value_words=(_masked(value_words[0]), _masked(value_words[1])) if value_words else None,
    )
    return problem if masked == problem else masked


__all__ = ["FREE_TEXT_COLUMNS", "KINDS", "mask_column", "mask_personal_numbers", "masked_problem"]

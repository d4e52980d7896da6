"""A problem found in a dataset (an error or a warning), located as the user sees it in Excel."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pbgraph._texts import pick, say
from pbgraph._texts.cli import GROUPED
from pbgraph._texts.problems import MESSAGES, UNSAID, location

Lang = str


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a dataset, located as the user sees it in Excel.

    Attributes
    ----------
    code
        Kind of problem (a key of `pbgraph._texts.problems.MESSAGES`).
    severity
        "error" (nothing is loaded) or "warning" (loaded, reported).
    file, sheet, row, column, value
        Where: file name, sheet (workbooks), Excel row number, header as written (or, for a column the file
        does not have, as the file would head it), cell value.
    column_words
        For a column the file does not have: what a file would head it, in Chinese and in English
        (所在镇（街）, township; never the canonical name where the file's headers are Chinese).
    value_words
        For a value shown with words of pbgraph's own (a member's name with the id it was given:
        邓志远（M008）, 邓志远 (M008)): the value in Chinese and in English.
    """

    code: str
    severity: str
    table: str | None = None
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict[str, Any] = field(default_factory=dict, hash=False)
    column_words: tuple[str, str] | None = None
    value_words: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        # read back from JSON (the cache of validated datasets) as lists
        for name in ("column_words", "value_words"):
            words = getattr(self, name)
            if words is not None and not isinstance(words, tuple):
                object.__setattr__(self, name, tuple(words))

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def column_shown(self, lang: Lang = "zh") -> str | None:
        """The column as the reader knows it: its header as written, or what a file would head it."""
        return pick(self.column_words, lang) if self.column_words else self.column

    def value_shown(self, lang: Lang = "zh") -> str | None:
        """The value as the reader reads it: as written, or with pbgraph's words in the reader's language."""
        return pick(self.value_words, lang) if self.value_words else self.value

    @property
    def stands_for(self) -> int:
        """How many problems this one counts as: a `too_many` the rows of its cause not listed, else 1."""
        return int(self.params.get("count", 0)) if self.code == "too_many" else 1

    def text(self, lang: Lang = "zh") -> str:
        """What is wrong and what to do, without the location."""
        zh, en = MESSAGES[self.code]
        return (zh if lang == "zh" else en).format(value=self.value_shown(lang), **(UNSAID | self.params))

    def message(self, lang: Lang = "zh") -> str:
        """The full message: location, then what is wrong and what to do."""
        where = location(
            file=self.file, sheet=self.sheet, row=self.row, column=self.column_shown(lang), lang=lang
        )
        return say(GROUPED, "located", lang, where=where, text=self.text(lang)) if where else self.text(lang)

    def as_record(self, lang: Lang = "zh") -> dict[str, Any]:
        """The problem as one row of a table."""
        return {
            "severity": self.severity,
            "code": self.code,
            "file": self.file or "",
            "sheet": self.sheet or "",
            "row": self.row if self.row is not None else "",
            "column": self.column_shown(lang) or "",
            "value": self.value_shown(lang) if self.value is not None else "",
            "message": self.text(lang),
        }

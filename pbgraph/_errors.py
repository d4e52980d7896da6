"""Every exception pbgraph raises, in one hierarchy."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pbgraph.problem import Problem


class PbgraphError(Exception):
    """Base class of every error pbgraph raises on purpose.

    Parameters
    ----------
    message
        What went wrong and what to do; in Chinese when `en` gives the English.
    en
        The message in English (`str()` then gives both, the CLI the one of `--lang`).
    """

    def __init__(self, message: str = "", en: str | None = None) -> None:
        super().__init__(message if en is None else f"{message} / {en}")
        self.texts = (message, message if en is None else en)

    def message(self, lang: str = "zh") -> str:
        """The message in the reader's language."""
        return self.texts[1] if lang == "en" else self.texts[0]


class DatasetError(PbgraphError):
    """The dataset has errors; nothing was loaded.

    Parameters
    ----------
    problems
        Every problem found (errors and warnings), in file and row order.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.is_error]
        super().__init__(
            f"{sum(p.stands_for for p in errors)} error(s) in dataset; "
            f"first: {errors[0].message('en') if errors else ''}"
        )


class UnknownIdError(PbgraphError, KeyError):
    """An id given by the user (committee, member, sector …) is not in the dataset."""

    def __str__(self) -> str:
        # KeyError would show the message quoted, as a key
        return str(self.args[0])


class InvalidOptionError(PbgraphError, ValueError):
    """An option has a value the function does not accept (an unknown analysis, format or language …)."""


class Neo4jError(PbgraphError):
    """Neo4j is unreachable, refuses the credentials, or is too old."""


class MissingDependencyError(PbgraphError):
    """An optional dependency is needed for this feature but not installed."""


class OutputError(PbgraphError, ValueError):
    """An output cannot be written where asked (it would replace an input, the folder is not empty …)."""

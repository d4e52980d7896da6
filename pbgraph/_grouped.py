"""Problems as people read them: one line per cause, with the count and the first rows (DESIGN 3: "第 2–31
行…，共 30 行"), not one line per row."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pbgraph._texts import say
from pbgraph._texts.cli import CLI, GROUPED
from pbgraph._texts.problems import location

if TYPE_CHECKING:
    from pbgraph.problem import Problem

SHOWN_RUNS = 5
SHOWN_VALUES = 5


def _runs(rows: list[int]) -> list[str]:
    """Sorted rows as runs: [2, 3, 4, 7] -> ["2–4", "7"]."""
    runs: list[list[int]] = []
    for row in sorted(set(rows)):
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    return [f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs]


def grouped_lines(problems: list[Problem], lang: str = "zh") -> list[str]:
    """One line per cause (same severity, kind, file, sheet, column and suggested value), in the order causes
    first appear.

    Examples
    --------
    >>> from pbgraph.problem import Problem
    >>> found = [Problem("empty_required", "error", "members", "m.csv", None, r, "姓名") for r in (2, 3, 9)]
    >>> grouped_lines(found, "en")
    ["[error] m.csv, column '姓名', rows 2–3, 9 (3 rows): A required cell is empty. Fill it in."]
    """
    groups: dict[tuple[object, ...], list[Problem]] = {}
    extra: dict[tuple[object, ...], int] = {}
    last: dict[tuple[object, ...], tuple[object, ...]] = {}
    for p in problems:
        place = (p.severity, p.file, p.sheet, p.column, p.table)
        if p.code == "too_many" and place in last:
            # "and N more" of the cause just listed: count them in
            extra[last[place]] = extra.get(last[place], 0) + int(p.params.get("count", 0))
            continue
        # a value suggested instead of the one written is advice of its own: a line of its own
        cause = (p.code, p.params.get("suggestion"))
        key: tuple[object, ...] = (*cause, *place) if p.row is not None else (*cause, *place, id(p))
        groups.setdefault(key, []).append(p)
        last[place] = key
    lines = []
    for key, found in groups.items():
        first = found[0]
        mark = say(CLI, first.severity, lang) if first.severity in ("error", "warning") else first.severity
        if len(found) == 1 and not extra.get(key):
            lines.append(f"[{mark}] {first.message(lang)}")
            continue
        count = len(found) + extra.get(key, 0)
        column = first.column_shown(lang)
        where = location(file=first.file, sheet=first.sheet, row=None, column=column, lang=lang)
        shown, more_rows = _shown_rows(found, lang)
        # rows beyond the runs shown, or beyond those listed at all (validation lists the first rows of a
        # cause and counts the rest): "第 2–201 行…，共 250 行"
        cut = more_rows or extra.get(key, 0) > 0
        head = say(GROUPED, "rows_cut" if cut else "rows", lang, where=where, rows=shown, count=count).strip()
        lines.append(
            say(
                GROUPED,
                "line",
                lang,
                mark=mark,
                head=head,
                text=first.text(lang),
                more=_by_value(found, lang),
            )
        )
    return lines


def _by_value(found: list[Problem], lang: str) -> str:
    """Where the rows of a cause hold different values (the text names the first): each value with its rows,
    the rows of one value together (“无”（第 6–40 行）); nothing when they hold one value."""
    by_value: dict[str, list[Problem]] = {}
    for p in found:
        if p.value:
            by_value.setdefault(p.value, []).append(p)
    if len(by_value) < 2:
        return ""
    listed = say(GROUPED, "separator", lang).join(
        say(
            GROUPED,
            "value_rows" if len(same) > 1 else "value_row",
            lang,
            value=same[0].value_shown(lang),
            rows=_shown_rows(same, lang)[0],
        )
        for same in list(by_value.values())[:SHOWN_VALUES]
    )
    return say(GROUPED, "by_value_cut" if len(by_value) > SHOWN_VALUES else "by_value", lang, values=listed)


def _shown_rows(found: list[Problem], lang: str) -> tuple[str, bool]:
    """The rows of `found` as runs ("2–4、7"), the first :data:`SHOWN_RUNS` of them; and whether some are left
    out."""
    runs = _runs([p.row for p in found if p.row is not None])
    return say(GROUPED, "separator", lang).join(runs[:SHOWN_RUNS]), len(runs) > SHOWN_RUNS

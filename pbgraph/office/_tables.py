"""The pieces assembly is made of: canonical raw tables that remember which sheet each row came from,
problems grouped by cause, and what the import report records."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from pbgraph._raw_table import RawTable
from pbgraph._texts import both
from pbgraph._texts.office import NEAR_NAME, ROWS_EN, SHEET_ROWS
from pbgraph._texts.tables import CELLS
from pbgraph.model import LiaisonKind
from pbgraph.office._text import header_key, name_key
from pbgraph.problem import Problem

ROW_BASE = 10_000_000
"""A table gathered from several sheets numbers its rows `sheet index * ROW_BASE + Excel row`."""

LISTED = 5
"""How many rows or names a grouped message shows before the count."""

LIST_KINDS: dict[str, LiaisonKind] = {
    "member_liaisons": LiaisonKind.MEMBER,
    "sector_liaisons": LiaisonKind.SECTOR,
    "township_liaisons": LiaisonKind.TOWNSHIP,
    "contact_liaisons": LiaisonKind.CONTACT,
}

# the table whose rows an index's entities come from
SOURCE_TABLE = {"committees": "organizations"}

TARGET_TABLES: dict[str, str] = {
    LiaisonKind.MEMBER: "members",
    LiaisonKind.SECTOR: "sectors",
    LiaisonKind.TOWNSHIP: "townships",
    LiaisonKind.CONTACT: "contacts",
}
"""The table (index) where each kind of liaison finds its targets."""

TARGET_NAMES = {
    "members": ("委员名单", "roster"),
    "sectors": ("界别（及界别联组）", "sectors (and sector groups)"),
    "townships": ("镇街", "townships"),
    "organizations": ("组织", "organizations"),
    "contacts": ("联系群众", "contacts"),
    "committees": ("政协（类型为政协的组织）", "committees"),
}


@dataclass
class OfficeTable(RawTable):
    """A canonical raw table gathered from office sheets; it locates a problem in the sheet it came from."""

    sources: list[tuple[str, str | None]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    """Assigned id -> the name the files wrote, so that messages show what the user typed."""
    source_headers: list[dict[str, str]] = field(default_factory=list)
    """Per source sheet, field -> its header there (two sheets may call one field differently)."""

    def problem(
        self,
        code: str,
        *,
        severity: str = "error",
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
        **params: Any,
    ) -> Problem:
        words = None
        if value is not None and value in self.labels:
            words = both(CELLS, "code_named", name=self.labels[value], code=value)
            value = words[0]
        found = super().problem(code, severity=severity, row=row, column=column, value=value, **params)
        if words is not None:
            found = replace(found, value_words=words)
        if row is not None and self.sources:
            file, sheet = self.sources[row // ROW_BASE]
            headers = self.source_headers[row // ROW_BASE] if self.source_headers else self.headers
            # a column this sheet does not have: named as the office template heads it
            words = self.column_words(column) if column and column not in headers else None
            named = words[0] if words else headers.get(column, column) if column else None
            found = replace(
                found, file=file, sheet=sheet, row=row % ROW_BASE, column=named, column_words=words
            )
        return found

    def column_words(self, column: str) -> tuple[str, str] | None:
        """What an office file heads a column: the template's header (所在镇（街）), else the model's."""
        words = super().column_words(column)
        if words is None:
            return None
        return (template_headers().get((self.name, column), words[0]), column)


@cache
def template_headers() -> dict[tuple[str, str], str]:
    """(table, column) -> the header of the office template's 委员名单 (`pbgraph template`) for that column,
    found through the roster's aliases."""
    from pbgraph.office._recognize import SHEET_KINDS
    from pbgraph.office.template import SHEETS

    kind = SHEET_KINDS["members"]
    lookup = kind.lookup()
    return {
        (kind.table, lookup[key]): header
        for header in SHEETS[kind.zh][0]
        if (key := header_key(header).lower()) in lookup
    }


@dataclass
class Report:
    """What the import did, for the import report: values normalized, names resolved, tables built."""

    normalized: dict[str, Counter[tuple[str, str]]] = field(default_factory=lambda: defaultdict(Counter))
    resolved: Counter[str] = field(default_factory=Counter)
    built: dict[str, str] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)
    party_group: Counter[str] = field(default_factory=Counter)
    not_recorded: list[str] = field(default_factory=list)


@dataclass
class Rows:
    """Records of one canonical table under construction, each with the encoded row it came from."""

    name: str
    records: list[dict[str, str]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    extra: list[dict[str, str]] = field(default_factory=list)

    def add(self, record: dict[str, str], row: int, extra: dict[str, str] | None = None) -> None:
        self.records.append(record)
        self.rows.append(row)
        self.extra.append(extra or {})


class Grouped:
    """Problems gathered by cause; each cause becomes one message with the count and the first rows."""

    def __init__(self) -> None:
        self.groups: dict[tuple[Any, ...], dict[str, Any]] = {}

    def add(
        self,
        key: tuple[Any, ...],
        problem: Problem,
        row: int,
        name: str | None = None,
        near: str | None = None,
    ) -> None:
        """`near`: the name that `name` (found nowhere) may be a typo of, said beside it."""
        group = self.groups.setdefault(key, {"problem": problem, "rows": [], "names": [], "near": {}})
        if row not in group["rows"]:
            group["rows"].append(row)
        if name is not None and name not in group["names"]:
            group["names"].append(name)
            if near is not None:
                group["near"][name] = near

    def problems(self) -> list[Problem]:
        found = []
        for group in self.groups.values():
            p: Problem = group["problem"]
            rows, names = group["rows"], group["names"]
            params = dict(p.params)
            params |= row_params(rows)
            if names:
                more = "…" if len(names) > LISTED else ""
                near = group["near"]
                said = [
                    [NEAR_NAME[lang].format(name=n, near=near[n]) if n in near else n for n in names]
                    for lang in (0, 1)
                ]
                params["names"] = "、".join(said[0][:LISTED]) + more
                params["names_en"] = ", ".join(said[1][:LISTED]) + more
            params.setdefault("count", len(names) if names else len(rows))
            found.append(replace(p, row=rows[0] if rows else None, params=params))
        return found


def listing(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:LISTED])
    return shown + (f" … ({len(rows)})" if len(rows) > LISTED else "")


def row_params(rows: list[int]) -> dict[str, str]:
    """The `{rows}` of an office message, and its English `{rows_en}` ("row 4", "rows 4, 6").

    Examples
    --------
    >>> row_params([4])
    {'rows': '4', 'rows_en': 'row 4'}
    >>> row_params([4, 6])["rows_en"]
    'rows 4, 6'
    """
    shown = listing(rows)
    return {"rows": shown, "rows_en": ROWS_EN[len(rows) > 1].format(rows=shown)}


def code_of(value: str, aliases: dict[str, Any], codes: list[str]) -> str | None:
    """The model code of an enumerated value as offices write it (None when unknown)."""
    if value in codes:
        return value
    for candidate in (value, name_key(value), name_key(value).replace(" ", "")):
        hit = aliases.get(candidate)
        if hit is not None:
            return str(hit)
    lowered = {c.lower(): c for c in codes}
    return lowered.get(value.lower())


def repeated_members(
    keys: list[tuple[str, ...]], located: list[tuple[str, str | None, int]]
) -> list[Problem]:
    """A warning per roster row without 编号 repeated with every column read alike (a row pasted twice, a
    person on two roster sheets): it loads as that many members, which may well be one. `keys` are the
    rows' contents (the name fourth, as ids are assigned from them), `located` their file, sheet and row."""
    alike: dict[tuple[str, ...], list[tuple[str, str | None, int]]] = defaultdict(list)
    for key, where in zip(keys, located, strict=True):
        alike[key].append(where)
    found = []
    for key, repeats in alike.items():
        if len(repeats) < 2:
            continue
        by_sheet: dict[tuple[str, str | None], list[int]] = defaultdict(list)
        for file, sheet, row in repeats:
            by_sheet[(file, sheet)].append(row)
        places = [(sheet or file, row_params(rows)) for (file, sheet), rows in by_sheet.items()]
        file, sheet, row = repeats[0]
        found.append(
            Problem(
                code="office_duplicate_member",
                severity="warning",
                table="members",
                file=file,
                sheet=sheet,
                row=row,
                value=key[3],
                params={
                    "count": len(repeats),
                    "places": "；".join(SHEET_ROWS[0].format(sheet=n, **p) for n, p in places),
                    "places_en": "; ".join(SHEET_ROWS[1].format(sheet=n, **p) for n, p in places),
                },
            )
        )
    return found

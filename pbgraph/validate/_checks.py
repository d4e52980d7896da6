"""The validation steps, in order: structure, required cells, enumerations, ids, references, parent
cycles, then (when there is no error) the warnings about what will not count."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pbgraph._arrays import chains_end
from pbgraph._personal_numbers import FREE_TEXT_COLUMNS, mask_column
from pbgraph._texts.problems import SUGGESTION
from pbgraph._threads import started
from pbgraph._write import CONTROL_CHARACTERS
from pbgraph.model import (
    ACTIVITY_KIND_ALIASES,
    ACTIVITY_KIND_ZH,
    FALSE_VALUES,
    LIAISON_KIND_ALIASES,
    LIAISON_KIND_ZH,
    ORG_KIND_ALIASES,
    ORG_KIND_ZH,
    PARTY_ALIASES,
    PARTY_GROUP_ROLES,
    PARTY_ZH,
    ROLE_ALIASES,
    ROLE_ZH,
    TABLES,
    TOWNSHIP_KIND_ALIASES,
    TOWNSHIP_KINDS,
    TRUE_VALUES,
    ActivityKind,
    LiaisonKind,
    OrgKind,
    Party,
    Role,
)
from pbgraph.problem import Problem
from pbgraph.validate._absent import empty_table, not_given
from pbgraph.validate._activities import ActivityChecks
from pbgraph.validate._liaisons import LiaisonChecks
from pbgraph.validate._registry import (
    ANY_ORG,
    TAG_CODES,
    text_column,
)
from pbgraph.validate._text import empty_cells, has_role, is_in, iso_date, may_need_strip, missing_days
from pbgraph.validate._text import may_hold_control as _may_hold_control

if TYPE_CHECKING:
    from pbgraph._raw_table import RawTable


def _tag(kind: OrgKind) -> int:
    """The registry tag of an organization of `kind`."""
    return TAG_CODES[f"org:{kind}"]


SETTLED_EARLY = ("liaisons", "activities", "contacts", "memberships")
"""The tables no step changes once references are looked up (ids, references and what follows only read
them, and fill in the committees of other tables): the largest, which the cache writes meanwhile."""

Settled = Callable[[dict[str, pd.DataFrame]], object]
"""What is told the tables of `SETTLED_EARLY` once validation no longer changes them (see `build_dataset`)."""


class Validator(ActivityChecks, LiaisonChecks):
    # steps ---------------------------------------------------------------------------------------

    def structure(self) -> None:
        # the path or the workbook itself failed: every table is absent, saying so for each would be noise
        unopened = any(p.table is None and p.is_error for p in self.problems)
        # in a workbook, a missing table is a missing sheet of that workbook
        workbook = next((raw.file for raw in self.raw.values() if raw.sheet is not None), None)
        for name, table in TABLES.items():
            raw = self.raw.get(name)
            if raw is None:
                unreadable = unopened or any(p.table == name and p.is_error for p in self.problems)
                if table.required or unreadable:
                    self.unavailable.add(name)
                    raw = empty_table(name)
                else:
                    # an optional table left out (DESIGN 3): built from the roster, or not recorded
                    raw = not_given(self.raw["members"], name, self.not_recorded)
                if table.required and not unreadable:
                    self.problems.append(
                        Problem(
                            code="missing_table",
                            severity="error",
                            table=name,
                            file=workbook,
                            params={"table": name, "table_zh": table.zh},
                        )
                    )
                self.raw[name] = raw
                # an absent table has nothing further to report
                self.missing_columns[name] = set()
            else:
                self.missing_columns[name] = set()
                for column in table.columns:
                    if column.name not in raw.frame.columns and column.required:
                        self.missing_columns[name].add(column.name)
                        if column.name == "id":
                            self.unavailable.add(name)
                        self.problems.append(
                            # named in the language the other headers are written in (RawTable.column_words)
                            raw.problem(
                                "missing_column",
                                column=column.name,
                                column_zh=column.zh,
                                column_en=column.name,
                            )
                        )
            frame = raw.frame
            for column in table.columns:
                if column.name in frame.columns:
                    text = frame[column.name].astype("str")
                    frame[column.name] = text.str.strip() if may_need_strip(text) else text
                else:
                    frame[column.name] = pd.Series([""] * len(frame), dtype="str", index=frame.index)
            frame = frame[list(table.column_names)]
            # rows that are blank in every column are spacing, not records
            blank = np.ones(len(frame), dtype=bool)
            for column_name in frame.columns:
                if not blank.any():
                    break
                blank &= empty_cells(frame[column_name])
            if blank.any():
                frame = frame[~blank].reset_index(drop=True)
                raw.rows = raw.rows[~blank]
            raw.frame = frame.reset_index(drop=True)

    def required_cells(self) -> None:
        for name, table in TABLES.items():
            raw = self.raw[name]
            for column in table.columns:
                if column.required and column.name not in self.missing_columns[name]:
                    self.report(
                        raw, "empty_required", empty_cells(raw.frame[column.name]), column=column.name
                    )

    def enum(
        self,
        raw: RawTable,
        column: str,
        aliases: dict[str, Any],
        codes: Iterable[str],
        *,
        default: str | None = None,
        zh: dict[Any, str] | None = None,
        allowed: tuple[str, str] | None = None,
    ) -> None:
        """Normalize an enum column in place to its code; report unknown values.

        The message lists the allowed values: `allowed` (Chinese, English) when given, else the Chinese
        names `zh` of the codes (in Chinese) and the codes (in English).
        """
        code_lookup = {str(code).lower(): str(code) for code in codes}
        values = text_column(raw.frame[column])
        uniques, at = _distinct(values)
        mapping: dict[str, str | None] = {}
        for value in uniques.to_pylist():
            if value == "" and default is not None:
                mapping[value] = default
            elif value == "":
                mapping[value] = ""
            else:
                hit = aliases.get(value, aliases.get(value.lower()))
                mapping[value] = str(hit) if hit is not None else code_lookup.get(value.lower())
        unknown = [v for v, m in mapping.items() if m is None]
        if unknown and column not in self.missing_columns[raw.name]:
            names = list(code_lookup.values())
            if allowed is None and zh:
                allowed = (
                    "、".join(zh.values()) + "（或代码：" + "、".join(names) + "）",
                    ", ".join(names) + " (or their Chinese names)",
                )
            listing, listing_en = allowed or ("、".join(names), ", ".join(names))
            # a value one keystroke from a known one (民盟员): that one, suggested
            near = [near_alias(value, aliases) for value in mapping]
            self.report(
                raw,
                "unknown_enum",
                is_in(values, unknown),
                column=column,
                params={"allowed": listing, "allowed_en": listing_en},
                row_params={
                    key: np.asarray([words.format(near=n) if n else "" for n in near])[at.to_numpy()]
                    for key, words in zip(("suggestion", "suggestion_en"), SUGGESTION, strict=True)
                },
            )
        if any(value != code for value, code in mapping.items()):
            raw.frame[column] = _replaced(at, [v or "" for v in mapping.values()])

    def enums(self) -> None:
        members = self.raw["members"]
        self.enum(
            members,
            "party",
            PARTY_ALIASES,
            list(Party),
            zh=PARTY_ZH,
        )
        self.enum(
            members,
            "party_group",
            {v: "true" for v in TRUE_VALUES} | {v: "false" for v in FALSE_VALUES},
            ["true", "false"],
            default="false",
            allowed=("是、否（或 true/false/1/0）", "true, false, 1, 0 (or 是/否)"),
        )
        orgs = self.raw["organizations"]
        self.enum(orgs, "kind", ORG_KIND_ALIASES, list(OrgKind), zh=ORG_KIND_ZH)
        self.enum(self.raw["liaisons"], "kind", LIAISON_KIND_ALIASES, list(LiaisonKind), zh=LIAISON_KIND_ZH)
        self.enum(self.raw["memberships"], "role", ROLE_ALIASES, list(Role), default=Role.MEMBER, zh=ROLE_ZH)
        towns = "、".join(TOWNSHIP_KINDS)
        self.enum(
            self.raw["townships"],
            "kind",
            TOWNSHIP_KIND_ALIASES,
            TOWNSHIP_KINDS,
            default="",
            allowed=(towns, ", ".join(TOWNSHIP_KINDS) + " (or town, subdistrict, township)"),
        )
        self.dates(self.raw["liaisons"], "since")

    def activity_enums(self) -> None:
        """The kinds and dates of the activity log (its own table, touched only here: run beside `enums`)."""
        activities = self.raw["activities"]
        self.enum(activities, "kind", ACTIVITY_KIND_ALIASES, list(ActivityKind), zh=ACTIVITY_KIND_ZH)
        # an activity is dated or it is nothing: an unreadable date is an error, not a blank
        days = self.dates(activities, "date", ("bad_activity_date", "no_such_activity_day"), "error")
        self.far_later_dates(activities, days)
        # what `pbgraph.period.activity_days` derives from the normalized column
        self.derived["activity_days"] = days

    def dates(
        self,
        raw: RawTable,
        column: str,
        codes: tuple[str, str] = ("bad_date", "no_such_day"),
        severity: str = "warning",
    ) -> np.ndarray:
        """Normalize a date column in place to ISO dates (or months); report what is not a date (`codes`: not
        a date, a day its month lacks). Returns the dates as numpy days (a month as its first; else NaT)."""
        values = text_column(raw.frame[column])
        uniques, at = _distinct(values)
        mapping = {value: iso_date(value) for value in uniques.to_pylist()}
        if bad := [v for v, iso in mapping.items() if iso is None]:
            wrong, missing = is_in(values, bad), missing_days(list(mapping), at.fill_null(0).to_numpy())
            self.report(raw, codes[0], wrong & (missing["days"] == 0), column=column, severity=severity)
            no_day = wrong & (missing["days"] > 0)
            self.report(raw, codes[1], no_day, column=column, severity=severity, row_params=missing)
        isos = [v or "" for v in mapping.values()]
        if any(value != iso for value, iso in zip(mapping, isos, strict=True)):
            table = pa.array(isos, type=pa.large_string())
            raw.frame[column] = pc.take(table, at).to_pandas(types_mapper=_PANDAS_TEXT.get)
        days = np.array([f"{v}-01" if len(v) == 7 else v or "NaT" for v in isos], dtype="datetime64[D]")
        return days[at.fill_null(0).to_numpy().astype(np.int64)] if len(days) else days

    def references(self) -> None:
        # the activity log's references (its own table, read only there) checked side by side with the rest
        activity_references = self.aside(self.activity_references)
        committee = {f"org:{OrgKind.COMMITTEE}"}
        members = self.raw["members"]
        self.multi_reference(members, "committee", committee, "committee")
        self.reference(members, "sector", {"sectors"}, "sector")
        self.reference(members, "township", {"townships"}, "township")
        sectors = self.raw["sectors"]
        self.reference(sectors, "group", {f"org:{OrgKind.SECTOR_GROUP}"}, "sector_group")
        self.reference(sectors, "committee", committee, "committee")
        self.reference(self.raw["townships"], "committee", committee, "committee")
        orgs = self.raw["organizations"]
        self.reference(orgs, "parent", {ANY_ORG}, "organization")
        self.reference(orgs, "township", {"townships"}, "township")
        self.reference(orgs, "committee", committee, "committee")
        memberships = self.raw["memberships"]
        self.reference(memberships, "member", {"members"}, "member")
        self.reference(memberships, "organization", {ANY_ORG}, "organization")
        self.reference(self.raw["contacts"], "township", {"townships"}, "township")
        self.liaison_endpoints()
        activity_references()

    def parent_cycles(self) -> None:
        orgs = self.raw["organizations"]
        # each parent's row (its id's last, as below): most datasets have no cycle, looked for by row numbers
        ids = pa.array(orgs.frame["id"].iloc[::-1], from_pandas=True)
        last = pc.index_in(pa.array(orgs.frame["parent"], from_pandas=True), value_set=ids).fill_null(-1)
        if chains_end(np.where(last.to_numpy() >= 0, len(ids) - 1 - last.to_numpy(), -1)):
            return
        parent = dict(zip(orgs.frame["id"].tolist(), orgs.frame["parent"].tolist(), strict=True))
        state: dict[str, int] = {}  # 1 = on the current path, 2 = done
        reported: set[str] = set()
        for start in parent:
            path: list[str] = []
            node = start
            while node in parent and state.get(node) is None:
                state[node] = 1
                path.append(node)
                node = parent[node]
            if state.get(node) == 1:
                cycle = path[path.index(node) :]
                if not reported.intersection(cycle):
                    reported.update(cycle)
                    mask = orgs.frame["id"].isin(cycle).to_numpy() & (orgs.frame["id"] == cycle[0]).to_numpy()
                    self.report(
                        orgs,
                        "parent_cycle",
                        mask,
                        column="parent",
                        values=np.full(len(orgs.frame), " → ".join([*cycle, cycle[0]]), dtype=object),
                    )
            for visited in path:
                state[visited] = 2

    def control_characters(self) -> None:
        """Warning, and the characters removed: control characters in a text cell (a NUL, \x01 …) are
        invisible, and no XML or xlsx file may hold them (DESIGN 3: no writer ever sees them)."""
        for raw in self.raw.values():
            for column in raw.frame.columns:
                values = raw.frame[column]
                if not (pd.api.types.is_string_dtype(values.dtype) or values.dtype == object):
                    continue
                if not _may_hold_control(values):
                    continue
                text = values.astype("str")
                found = text.str.contains(CONTROL_CHARACTERS, regex=True).to_numpy(dtype=bool)
                if found.any():
                    # stripped again, as `structure` stripped every cell: "\x1b\n张" is "张", as it reads back
                    cleaned = text.str.replace(CONTROL_CHARACTERS, "", regex=True).str.strip()
                    raw.frame[column] = cleaned.astype(values.dtype)
                    self.report(
                        raw,
                        "control_characters",
                        found,
                        column=column,
                        values=cleaned.to_numpy(),
                        severity="warning",
                    )

    def personal_numbers(self) -> None:
        """Warning, and the numbers masked: phone and ID numbers written in free text (a note, a role) are
        replaced by a placeholder word (DESIGN 3.1: they never reach any output). The warning counts them per
        column and lists the rows, never the numbers."""
        for name, columns in FREE_TEXT_COLUMNS.items():
            raw = self.raw[name]
            for column in columns:
                masked, rows, counts = mask_column(raw.frame[column])
                if rows.any():
                    raw.frame[column] = masked
                    self.report(
                        raw,
                        "personal_numbers_masked",
                        rows,
                        column=column,
                        values=np.full(len(rows), None, dtype=object),
                        severity="warning",
                        params={"phones": counts["phone"], "id_numbers": counts["id_number"]},
                    )

    def fold_party_group(self) -> None:
        """The one party-group flag (DESIGN 3): `party_group` true, OR a 党组 role in `roles`, OR a membership
        in an organization of kind party_group. Folded here, so every check and analysis reads one flag."""
        members = self.raw["members"].frame
        n = len(members)
        by_flag = (members["party_group"] == "true").to_numpy()
        folded = by_flag | has_role(members["roles"], PARTY_GROUP_ROLES)
        member = self.positions.get(("memberships", "member"))
        org = self.positions.get(("memberships", "organization"))
        if member is not None and org is not None and len(member):
            in_group = (org >= 0) & (self.registry_tag[np.maximum(org, 0)] == _tag(OrgKind.PARTY_GROUP))
            folded = folded.copy()
            folded[member[in_group & (member >= 0) & (member < n)]] = True
        members["party_group"] = np.where(folded, "true", "false")

    def several_first_conveners(self) -> None:
        """Warning: a sector group with more than one 第一召集人 (on each convener row after the first)."""
        memberships = self.raw["memberships"]
        frame = memberships.frame
        org = self.positions.get(("memberships", "organization"))
        if org is None or not len(frame):
            return
        is_group = (org >= 0) & (self.registry_tag[np.maximum(org, 0)] == _tag(OrgKind.SECTOR_GROUP))
        convener = is_group & (frame["role"] == Role.FIRST_CONVENER).to_numpy()
        later = convener & frame["organization"].where(convener, None).duplicated(keep="first").to_numpy()
        self.report(memberships, "several_first_conveners", later, column="organization", severity="warning")

    def meaning(self) -> None:
        """Warnings: liaisons that will not count, duplicates, members without sector or township."""
        self.liaison_warnings()
        raw_members = self.raw["members"]
        members = raw_members.frame
        for column, code in (("sector", "member_no_sector"), ("township", "member_no_township")):
            self.report(
                raw_members,
                code,
                (members[column] == "").to_numpy(),
                column=column,
                values=members["id"],
                severity="warning",
            )

    def run(self, *, settled: Settled | None = None) -> None:
        """Every step in order; `settled` told the tables of `SETTLED_EARLY` once no step changes them."""
        self.structure()
        self.control_characters()
        self.personal_numbers()
        self.required_cells()
        # on threads beside the other enumerations: the activities' member lists split, kinds, dates checked
        members = text_column(self.raw["activities"].frame["members"])
        listings = started(partial(self.activity_listings, members))
        activity_enums = self.aside(self.activity_enums)
        self.enums()
        activity_enums()
        listing = listings()
        if settled is not None and not any(p.is_error for p in self.problems):
            settled({name: self.raw[name].frame for name in SETTLED_EARLY})
        self.ids(_REFERENCE_COLUMNS, extra=[listing])
        self.references()
        self.parent_cycles()
        if not any(p.is_error for p in self.problems):
            self.fold_party_group()
            self.several_first_conveners()
            self.meaning()


def near_alias(value: str, aliases: Mapping[str, Any]) -> str | None:
    """The known spelling (a key of `aliases`) that `value` is one character from (one missing, extra or
    changed), when all such spellings stand for the same thing; None otherwise, and for a value of one
    character (无 is near too many to guess).

    Examples
    --------
    >>> from pbgraph.model import PARTY_ALIASES
    >>> [near_alias(value, PARTY_ALIASES) for value in ("民盟员", "九三学杜", "无")]
    ['民盟盟员', '九三学社', None]
    """
    if len(value) < 2:
        return None
    near = [alias for alias in aliases if len(alias) > 1 and _one_edit(value, alias)]
    if not near or len({aliases[alias] for alias in near}) > 1:
        return None
    # a character left out is the likelier slip: the longest (民盟员 is 民盟盟员 rather than 民盟)
    return max(near, key=len)


def _one_edit(a: str, b: str) -> bool:
    """Whether `a` and `b` differ by exactly one character left out, added or changed."""
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    if len(long) - len(short) != 1:
        return False
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _distinct(values: pa.ChunkedArray) -> tuple[pa.Array, pa.ChunkedArray]:
    """The distinct values of a text column in the order they first appear (as `pc.unique` lists them), and
    the position of each value among them: one hash of the column (dictionary encoding)."""
    encoded = pc.dictionary_encode(values) if len(values) and not values.null_count else None
    if encoded is None or not encoded.num_chunks:
        uniques = pc.unique(values)
        return uniques, pc.index_in(values, value_set=uniques)
    # one hash table for every chunk: the last chunk's dictionary holds every value, numbered as they came
    return encoded.chunk(encoded.num_chunks - 1).dictionary, pa.chunked_array(
        [c.indices for c in encoded.chunks]
    )


def _replaced(at: pa.ChunkedArray, replacements: list[str]) -> pd.Series:
    """A text column whose values are the `replacements` of the distinct values each was at (`_distinct`)."""
    table = pa.array(replacements, type=pa.large_string())
    return pc.take(table, at).to_pandas(types_mapper=_PANDAS_TEXT.get)


# pandas' own text dtype, wrapping arrow strings without a copy
_PANDAS_TEXT = {pa.large_string(): pd.StringDtype("pyarrow", na_value=np.nan)}


_REFERENCE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("members", "committee"),
    ("members", "sector"),
    ("members", "township"),
    ("sectors", "group"),
    ("sectors", "committee"),
    ("townships", "committee"),
    ("organizations", "parent"),
    ("organizations", "township"),
    ("organizations", "committee"),
    ("memberships", "member"),
    ("memberships", "organization"),
    ("contacts", "township"),
    ("liaisons", "source"),
    ("liaisons", "target"),
    ("activities", "target"),
    ("activities", "organization"),
)

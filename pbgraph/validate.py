"""Validation: turn raw tables into a :class:`~pbgraph.dataset.Dataset`, or list every problem found.

Errors stop the load (nothing is loaded, the CLI exits with code 2); warnings are kept on the dataset.
Every check is vectorized over whole columns, so a national dataset (millions of rows) validates in
seconds; at most `MAX_LISTED` problems of one kind per table are listed, then a count of the rest.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pbgraph._errors import DatasetError
from pbgraph._messages import END_NAMES, KIND_NAMES, MESSAGES, location
from pbgraph.graph import arrow_strings, index_of
from pbgraph.model import (
    FALSE_VALUES,
    LIAISON_KIND_ALIASES,
    LIAISON_KIND_ZH,
    MULTI_VALUE_SEPARATOR,
    NODE_TABLES,
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
    LiaisonKind,
    OrgKind,
    Party,
    Role,
)

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset
    from pbgraph.io import RawTable

MAX_LISTED = 200

Lang = str


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a dataset, located as the user sees it in Excel.

    Attributes
    ----------
    code
        Kind of problem (a key of `pbgraph._messages.MESSAGES`).
    severity
        "error" (nothing is loaded) or "warning" (loaded, reported).
    file, sheet, row, column, value
        Where: file name, sheet (workbooks), Excel row number, header as written, cell value.
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

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def text(self, lang: Lang = "zh") -> str:
        """What is wrong and what to do, without the location."""
        zh, en = MESSAGES[self.code]
        return (zh if lang == "zh" else en).format(value=self.value, **self.params)

    def message(self, lang: Lang = "zh") -> str:
        """The full message: location, then what is wrong and what to do."""
        where = location(file=self.file, sheet=self.sheet, row=self.row, column=self.column, lang=lang)
        sep = "：" if lang == "zh" else ": "
        return f"{where}{sep}{self.text(lang)}" if where else self.text(lang)

    def as_record(self, lang: Lang = "zh") -> dict[str, Any]:
        """The problem as one row of a table."""
        return {
            "severity": self.severity,
            "code": self.code,
            "file": self.file or "",
            "sheet": self.sheet or "",
            "row": self.row if self.row is not None else "",
            "column": self.column or "",
            "value": self.value if self.value is not None else "",
            "message": self.text(lang),
        }


def _kind_params(prefix: str, kind: str) -> dict[str, str]:
    zh, en = KIND_NAMES[kind]
    return {prefix: zh, f"{prefix}_en": en}


# what a referenced id may be: a node table, or an organization of one kind ("org:<kind>")
_ANY_ORG = "organizations"


def _tag_kind(tag: str) -> str:
    if tag.startswith("org:"):
        return tag[4:]
    return tag.removesuffix("s") if tag != "organizations" else "organization"


def _tag_table(tag: str) -> str:
    return "organizations" if tag.startswith("org:") else tag


def _kind_names(kind: str) -> tuple[str, str]:
    """Chinese and English name of what an id is (a node kind, or an organization kind)."""
    if kind in KIND_NAMES:
        return KIND_NAMES[kind]
    if kind in ORG_KIND_ZH:
        return f"{ORG_KIND_ZH[OrgKind(kind)]}（组织）", f"{kind} organization"
    return kind, kind


# separators accepted inside a multi-valued cell (members.committee)
_MULTI_SEPARATORS = r"[;；、]"


class _Validator:
    def __init__(self, raw: dict[str, RawTable], problems: list[Problem]) -> None:
        self.raw = raw
        self.problems = list(problems)
        self.missing_columns: dict[str, set[str]] = {}
        # node tables whose ids cannot be known (absent when required, unreadable, or without an id column):
        # references into them are not reported as unknown, which would only repeat the first problem
        self.unavailable: set[str] = set()

    # reporting -----------------------------------------------------------------------------------

    def report(
        self,
        raw: RawTable,
        code: str,
        mask: np.ndarray | pd.Series,
        *,
        column: str | None = None,
        values: Iterable[Any] | None = None,
        severity: str = "error",
        params: dict[str, Any] | None = None,
        row_params: dict[str, np.ndarray] | None = None,
    ) -> None:
        """Report `code` for every row where mask is true (at most MAX_LISTED, then a count)."""
        positions = np.flatnonzero(np.asarray(mask))
        if positions.size == 0:
            return
        listed = positions[:MAX_LISTED]
        cells = (
            np.asarray(values)[listed]
            if values is not None
            else raw.frame[column].iloc[listed].to_numpy()
            if column
            else [None] * len(listed)
        )
        for pos, value in zip(listed, cells, strict=True):
            extra = {k: _plain(v[pos]) for k, v in (row_params or {}).items()}
            self.problems.append(
                raw.problem(
                    code,
                    severity=severity,
                    row=int(raw.rows[pos]),
                    column=column,
                    value=None if value is None else str(value),
                    **(params or {}),
                    **extra,
                )
            )
        if positions.size > MAX_LISTED:
            self.problems.append(
                raw.problem("too_many", severity=severity, column=column, count=positions.size - MAX_LISTED)
            )

    # steps ---------------------------------------------------------------------------------------

    def structure(self) -> None:
        from pbgraph.io import RawTable

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
                raw = RawTable(
                    name=name,
                    frame=pd.DataFrame(index=pd.RangeIndex(0)),
                    file=f"{name}.csv",
                    sheet=None,
                    rows=np.zeros(0, dtype=np.int64),
                )
                self.raw[name] = raw
                # an absent table has nothing further to report
                self.missing_columns[name] = set()
            else:
                self.missing_columns[name] = set()
                # name a missing column in the language the other headers are written in
                english = any(
                    header.strip().lower() == canonical for canonical, header in raw.headers.items()
                )
                for column in table.columns:
                    if column.name not in raw.frame.columns and column.required:
                        self.missing_columns[name].add(column.name)
                        if column.name == "id":
                            self.unavailable.add(name)
                        self.problems.append(
                            raw.problem(
                                "missing_column",
                                column=column.name if english else column.zh,
                                column_zh=column.zh,
                                column_en=column.name,
                            )
                        )
            frame = raw.frame
            for column in table.columns:
                if column.name in frame.columns:
                    frame[column.name] = frame[column.name].astype("str").str.strip()
                else:
                    frame[column.name] = pd.Series([""] * len(frame), dtype="str", index=frame.index)
            frame = frame[list(table.column_names)]
            # rows that are blank in every column are spacing, not records
            blank = np.ones(len(frame), dtype=bool)
            for column_name in frame.columns:
                blank &= (frame[column_name] == "").to_numpy()
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
                        raw, "empty_required", (raw.frame[column.name] == "").to_numpy(), column=column.name
                    )

    def ids(self) -> None:
        """Duplicate ids within and across node tables; builds the id registry for references.

        The registry holds every row of the node tables in order (members, sectors, townships, organizations,
        contacts), so a registry position is the node number the dataset's node index will use.
        """
        arrays, tables, tags = [], [], []
        for number, name in enumerate(NODE_TABLES):
            frame = self.raw[name].frame
            arrays.append(arrow_strings(frame["id"]))
            tables.append(np.full(len(frame), number, dtype=np.int16))
            tag = np.full(len(frame), _TAG_CODES[name], dtype=np.int16)
            if name == "organizations":
                kinds = frame["kind"].map(lambda k: _TAG_CODES.get(f"org:{k}", -1)).to_numpy(dtype=np.int16)
                tag = np.where(kinds >= 0, kinds, tag).astype(np.int16)
            tags.append(tag)
        self.registry_ids = pa.concat_arrays(arrays) if arrays else pa.array([], type=pa.string())
        self.registry_table = np.concatenate(tables)
        self.registry_tag = np.concatenate(tags)
        self.registry_start = np.cumsum([0] + [len(self.raw[n].frame) for n in NODE_TABLES])
        # one lookup of the registry in itself: each id's first occurrence
        first = _positions_in(self.registry_ids, self.registry_ids)
        filled = np.asarray(pc.not_equal(self.registry_ids, "").fill_null(False))
        dup = filled & (first != np.arange(len(first)))
        self.positions: dict[tuple[str, str], np.ndarray] = {}
        if not dup.any():
            return
        for number, name in enumerate(NODE_TABLES):
            lo, hi = self.registry_start[number], self.registry_start[number + 1]
            mask = dup[lo:hi]
            if not mask.any():
                continue
            other = {lang: np.empty(hi - lo, dtype=object) for lang in ("zh", "en")}
            for lang, texts in other.items():
                texts[mask] = [self.where(int(f), lang) for f in first[lo:hi][mask]]
            self.report(
                self.raw[name],
                "duplicate_id",
                mask,
                column="id",
                row_params={"other": other["en"], "other_zh": other["zh"]},
            )

    def where(self, position: int, lang: str) -> str:
        """File and row of a registry position, as the user finds it."""
        number = int(np.searchsorted(self.registry_start, position, side="right")) - 1
        raw = self.raw[NODE_TABLES[number]]
        row = int(raw.rows[position - self.registry_start[number]])
        return location(file=raw.file, sheet=raw.sheet, row=row, column=None, lang=lang)

    def lookup(self, values: pd.Series | np.ndarray) -> np.ndarray:
        """Registry position of each id (-1 where unknown)."""
        return _positions_in(values, self.registry_ids)

    def resolve(self, columns: list[tuple[str, str]]) -> None:
        """Look every reference column up in the registry at once (the registry is hashed once)."""
        arrays = [arrow_strings(self.raw[t].frame[c]) for t, c in columns]
        if not arrays:
            return
        found = _positions_in(pa.concat_arrays(arrays), self.registry_ids)
        bounds = np.cumsum([0] + [len(a) for a in arrays])
        for i, key in enumerate(columns):
            self.positions[key] = found[bounds[i] : bounds[i + 1]]

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
        series = raw.frame[column]
        uniques = pd.unique(series.to_numpy(dtype=object))
        mapping: dict[str, str | None] = {}
        for value in uniques:
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
            self.report(
                raw,
                "unknown_enum",
                series.isin(unknown).to_numpy(),
                column=column,
                params={"allowed": listing, "allowed_en": listing_en},
            )
        raw.frame[column] = series.map({k: (v or "") for k, v in mapping.items()}).astype("str")

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

    def dates(self, raw: RawTable, column: str) -> None:
        series = raw.frame[column]
        mapping = {value: _iso_date(value) for value in pd.unique(series.to_numpy(dtype=object))}
        bad = [v for v, iso in mapping.items() if iso is None]
        if bad:
            self.report(raw, "bad_date", series.isin(bad).to_numpy(), column=column, severity="warning")
        raw.frame[column] = series.map({k: v or "" for k, v in mapping.items()}).astype("str")

    def reference(
        self,
        raw: RawTable,
        column: str,
        allowed: set[str],
        expected: str,
        mask: np.ndarray | None = None,
        *,
        code_wrong: str = "wrong_reference_kind",
        extra: dict[str, Any] | None = None,
    ) -> np.ndarray:
        """Check that non-empty cells name an id of an allowed tag; returns registry positions."""
        values = raw.frame[column]
        key = (raw.name, column)
        if key not in self.positions:
            self.resolve([key])
        positions = self.positions[key]
        present = (values != "").to_numpy().copy()
        if mask is not None:
            present &= mask
        if not {_tag_table(a) for a in allowed} & self.unavailable:
            unknown = present & (positions < 0)
            self.report(
                raw,
                "unknown_reference",
                unknown,
                column=column,
                params=_kind_params("expected", expected) | (extra or {}),
            )
        known = present & (positions >= 0)
        if not known.any():
            return positions
        at = np.maximum(positions, 0)
        codes = {_TAG_CODES[a] for a in allowed if a in _TAG_CODES}
        if any(a.startswith("org:") for a in allowed):
            # an organization whose kind is empty or unknown was reported itself; do not guess its kind
            codes.add(_TAG_CODES[_ANY_ORG])
        tables = [NODE_TABLES.index(a) for a in allowed if a in NODE_TABLES]
        ok = np.isin(self.registry_tag[at], list(codes)) | np.isin(self.registry_table[at], tables)
        wrong = known & ~ok
        if wrong.any():
            tags = np.full(len(positions), "", dtype=object)
            tags[wrong] = np.asarray(_TAG_NAMES, dtype=object)[self.registry_tag[at[wrong]]]
            names = {t: _kind_names(_tag_kind(t)) for t in pd.unique(tags[wrong])}
            actual_zh = np.array([names[t][0] if t in names else "" for t in tags], dtype=object)
            actual_en = np.array([names[t][1] if t in names else "" for t in tags], dtype=object)
            self.report(
                raw,
                code_wrong,
                wrong,
                column=column,
                params=_kind_params("expected", expected) | (extra or {}),
                row_params={"actual": actual_zh, "actual_en": actual_en},
            )
        return positions

    def references(self) -> None:
        self.resolve([(t, c) for t, c in _REFERENCE_COLUMNS if t in self.raw])
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
        self.reference(orgs, "parent", {_ANY_ORG}, "organization")
        self.reference(orgs, "township", {"townships"}, "township")
        self.reference(orgs, "committee", committee, "committee")
        memberships = self.raw["memberships"]
        self.reference(memberships, "member", {"members"}, "member")
        self.reference(memberships, "organization", {_ANY_ORG}, "organization")
        self.reference(self.raw["contacts"], "township", {"townships"}, "township")
        self.liaison_endpoints()

    def multi_reference(self, raw: RawTable, column: str, allowed: set[str], expected: str) -> None:
        """Like `reference`, for a column that may list several ids (`C1;C2`); normalizes such cells."""
        cells = raw.frame[column]
        multi = cells.str.contains(_MULTI_SEPARATORS, regex=True).to_numpy()
        if multi.any():
            # few distinct multi-valued cells: check each part once, then report on every row holding the cell
            parts = {
                c: list(dict.fromkeys(p.strip() for p in re.split(_MULTI_SEPARATORS, c) if p.strip()))
                for c in pd.unique(cells[multi])
            }
            ids = sorted({i for found in parts.values() for i in found})
            positions = self.lookup(np.array(ids, dtype=object))
            tag_of = {
                i: _TAG_NAMES[self.registry_tag[p]] if p >= 0 else None
                for i, p in zip(ids, positions, strict=True)
            }
            check_unknown = not {_tag_table(a) for a in allowed} & self.unavailable
            for cell, found in parts.items():
                unknown = [i for i in found if tag_of[i] is None and check_unknown]
                wrong = [i for i in found if tag_of[i] not in (None, _ANY_ORG, *allowed)]
                rows = (cells == cell).to_numpy()
                if unknown:
                    self.report(
                        raw,
                        "unknown_reference",
                        rows,
                        column=column,
                        values=np.full(len(cells), unknown[0], dtype=object),
                        params=_kind_params("expected", expected),
                    )
                if wrong:
                    actual_zh, actual_en = _kind_names(_tag_kind(str(tag_of[wrong[0]])))
                    self.report(
                        raw,
                        "wrong_reference_kind",
                        rows,
                        column=column,
                        values=np.full(len(cells), wrong[0], dtype=object),
                        params=_kind_params("expected", expected)
                        | {"actual": actual_zh, "actual_en": actual_en},
                    )
            raw.frame[column] = cells.map(
                lambda c: MULTI_VALUE_SEPARATOR.join(sorted(parts[c])) if c in parts else c
            ).astype("str")
        self.reference(raw, column, allowed, expected, mask=~multi)

    def liaison_endpoints(self) -> None:
        liaisons = self.raw["liaisons"]
        kinds = liaisons.frame["kind"].to_numpy(dtype=object)
        for kind in LiaisonKind:
            mask = kinds == kind.value
            if not mask.any():
                continue
            extra = {"kind": kind.value, "kind_zh": LIAISON_KIND_ZH[kind]}
            for end, allowed, expected in (
                ("source", {"members"}, "member"),
                ("target", *_LIAISON_TARGETS[kind]),
            ):
                zh, en = END_NAMES[end]
                self.reference(
                    liaisons,
                    end,
                    allowed,
                    expected,
                    mask=mask,
                    code_wrong="wrong_endpoint",
                    extra=extra | {"end": zh, "end_en": en},
                )
        # the kind column itself may be unknown: still check that the endpoints exist
        other = ~np.isin(kinds, [k.value for k in LiaisonKind])
        for end in ("source", "target"):
            self.reference(
                liaisons, end, {"members", "sectors", "townships", "contacts", _ANY_ORG}, "member", mask=other
            )
        frame = liaisons.frame
        self.report(
            liaisons,
            "self_liaison",
            ((frame["source"] == frame["target"]) & (frame["source"] != "")).to_numpy(),
            column="target",
        )

    def parent_cycles(self) -> None:
        orgs = self.raw["organizations"]
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

    def fold_party_group(self) -> None:
        """The one party-group flag (DESIGN 3): `party_group` true, OR a 党组 role in `roles`, OR a membership
        in an organization of kind party_group. Folded here, so every check and analysis reads one flag."""
        members = self.raw["members"].frame
        n = len(members)
        role_parts = members["roles"].astype("str").str.split(r"[;；、,，]", regex=True).explode().str.strip()
        by_role = role_parts.isin(list(PARTY_GROUP_ROLES)).groupby(level=0).any()
        folded = (members["party_group"] == "true").to_numpy() | by_role.reindex(
            members.index, fill_value=False
        )
        member = self.positions.get(("memberships", "member"))
        org = self.positions.get(("memberships", "organization"))
        if member is not None and org is not None and len(member):
            in_group = (org >= 0) & (
                self.registry_tag[np.maximum(org, 0)] == _TAG_CODES[f"org:{OrgKind.PARTY_GROUP}"]
            )
            rows = member[in_group & (member >= 0) & (member < n)]
            folded = folded.copy()
            folded[rows] = True
        members["party_group"] = np.where(folded, "true", "false")

    def several_first_conveners(self) -> None:
        """Warning: a sector group with more than one 第一召集人 (on each convener row after the first)."""
        memberships = self.raw["memberships"]
        frame = memberships.frame
        org = self.positions.get(("memberships", "organization"))
        if org is None or not len(frame):
            return
        is_group = (org >= 0) & (
            self.registry_tag[np.maximum(org, 0)] == _TAG_CODES[f"org:{OrgKind.SECTOR_GROUP}"]
        )
        convener = is_group & (frame["role"] == Role.FIRST_CONVENER).to_numpy()
        later = convener & frame["organization"].where(convener, None).duplicated(keep="first").to_numpy()
        self.report(memberships, "several_first_conveners", later, column="organization", severity="warning")

    def meaning(self) -> None:
        """Warnings: liaisons that will not count, duplicates, members without sector or township."""
        members = self.raw["members"].frame
        liaisons = self.raw["liaisons"]
        frame = liaisons.frame
        # endpoints were resolved against the registry, whose first rows are the members
        n = len(members)
        cpc = np.append(members["party"].to_numpy(dtype=object) == Party.CPC, False)
        in_group = np.append(members["party_group"].to_numpy(dtype=object) == "true", False)
        source, target = self.positions[("liaisons", "source")], self.positions[("liaisons", "target")]
        source = np.where((source >= 0) & (source < n), source, n)
        target = np.where((target >= 0) & (target < n), target, n)
        kind = frame["kind"].to_numpy(dtype=object)
        source_cpc, target_cpc, source_group = cpc[source], cpc[target], in_group[source]
        member = kind == LiaisonKind.MEMBER
        self.report(
            liaisons,
            "member_liaison_source_not_cpc",
            member & ~source_cpc,
            column="source",
            severity="warning",
        )
        self.report(
            liaisons, "member_liaison_target_cpc", member & target_cpc, column="target", severity="warning"
        )
        self.report(
            liaisons,
            "sector_liaison_not_party_group",
            (kind == LiaisonKind.SECTOR) & ~source_group,
            column="source",
            severity="warning",
        )
        self.report(
            liaisons,
            "township_liaison_not_cpc",
            (kind == LiaisonKind.TOWNSHIP) & ~source_cpc,
            column="source",
            severity="warning",
        )
        keys = ["source", "target", "kind"]
        dup = frame.duplicated(keys, keep="first").to_numpy()
        if dup.any():
            firsts = frame[~dup].assign(_row=liaisons.rows[~dup]).set_index(keys)["_row"]
            other = np.zeros(len(frame), dtype=np.int64)
            index = pd.MultiIndex.from_frame(frame.loc[dup, keys])
            other[dup] = firsts.reindex(index).to_numpy()
            self.report(
                liaisons,
                "duplicate_liaison",
                dup,
                column="target",
                severity="warning",
                row_params={"other": other},
            )
        raw_members = self.raw["members"]
        for column, code in (("sector", "member_no_sector"), ("township", "member_no_township")):
            self.report(
                raw_members,
                code,
                (members[column] == "").to_numpy(),
                column=column,
                values=members["id"].to_numpy(dtype=object),
                severity="warning",
            )

    def run(self) -> None:
        self.structure()
        self.required_cells()
        self.enums()
        self.ids()
        self.references()
        self.parent_cycles()
        if not any(p.is_error for p in self.problems):
            self.fold_party_group()
            self.several_first_conveners()
            self.meaning()


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python value it holds (problem params end up in JSON)."""
    return value.item() if isinstance(value, np.generic) else value


def _positions_in(values: pd.Series | np.ndarray | pa.Array, value_set: pa.Array) -> np.ndarray:
    """Position of each value's first occurrence in `value_set` (-1 where absent), computed in arrow."""
    array = values if isinstance(values, pa.Array) else arrow_strings(values)
    found = pc.index_in(array, value_set=value_set)
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


# what a registry entry is, as a small integer: a node table, or an organization of one kind
_TAG_NAMES: tuple[str, ...] = (*NODE_TABLES, *(f"org:{kind}" for kind in OrgKind))
_TAG_CODES: dict[str, int] = {name: code for code, name in enumerate(_TAG_NAMES)}

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
)


_LIAISON_TARGETS: dict[LiaisonKind, tuple[set[str], str]] = {
    LiaisonKind.SECTOR: ({"sectors", f"org:{OrgKind.SECTOR_GROUP}"}, "sector_or_group"),
    LiaisonKind.MEMBER: ({"members"}, "member"),
    LiaisonKind.TOWNSHIP: ({"townships"}, "township"),
    LiaisonKind.CONTACT: ({"contacts"}, "contact"),
}

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?\s*月?(?:[ T].*)?$")


def _iso_date(value: str) -> str | None:
    """`2024-3-1`, `2024/03/01`, `2024年3月1日`, `2024-03` … as ISO; "" stays ""; None if not a date."""
    if value == "":
        return ""
    match = _DATE.match(value)
    if not match:
        return None
    year, month, day = int(match[1]), int(match[2]), int(match[3]) if match[3] else None
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


def _fill_committees(
    tables: dict[str, pd.DataFrame], problems: list[Problem], raw: dict[str, RawTable]
) -> None:
    """Fill in every empty `committee` cell from what else the row says (DESIGN 3: a dataset with a single
    committee may leave them empty)."""
    orgs = tables["organizations"]
    committees = orgs.loc[orgs["kind"] == OrgKind.COMMITTEE, "id"].tolist()
    only = committees[0] if len(committees) == 1 else ""

    def fill(frame: pd.DataFrame, *candidates: pd.Series) -> None:
        column = frame["committee"]
        for candidate in candidates:
            # a lookup into an empty table comes back float (all NaN): make it text before filling
            text = candidate.astype(object).where(candidate.notna(), "").astype("str")
            column = column.where(column != "", text)
        frame["committee"] = column.where(column != "", only).astype("str")

    # an organization belongs to the committee it is, or to that of its nearest ancestor that says
    is_committee = (orgs["kind"] == OrgKind.COMMITTEE).to_numpy()
    own = orgs["committee"].where(~is_committee, orgs["id"])
    parent_of = dict(zip(orgs["id"].tolist(), orgs["parent"].tolist(), strict=True))
    known = dict(zip(orgs["id"].tolist(), own.tolist(), strict=True))
    resolved = []
    for org_id in orgs["id"].tolist():
        node, seen = org_id, 0
        while not known.get(node) and parent_of.get(node) and seen < 64:
            node, seen = parent_of[node], seen + 1
        resolved.append(known.get(node, "") or only)
    orgs["committee"] = pd.Series(resolved, dtype="str", index=orgs.index)
    org_committee = pd.Series(orgs["committee"].to_numpy(), index=orgs["id"].to_numpy())
    sectors, townships, members = tables["sectors"], tables["townships"], tables["members"]
    fill(sectors, sectors["group"].map(org_committee))
    fill(townships)
    sector_committee = pd.Series(sectors["committee"].to_numpy(), index=sectors["id"].to_numpy())
    township_committee = pd.Series(townships["committee"].to_numpy(), index=townships["id"].to_numpy())
    fill(members, members["sector"].map(sector_committee), members["township"].map(township_committee))
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


def build_dataset(raw: dict[str, RawTable], problems: list[Problem], *, name: str = "") -> Dataset:
    """Validate raw tables and build the dataset.

    Raises
    ------
    DatasetError
        If any error was found (in `problems` or by validation); it lists every problem.
    """
    from pbgraph.dataset import Dataset

    validator = _Validator(dict(raw), problems)
    validator.run()
    found = validator.problems
    if any(p.is_error for p in found):
        raise DatasetError(found)
    tables = {name: validator.raw[name].frame.reset_index(drop=True) for name in TABLES}
    tables["members"]["party_group"] = (tables["members"]["party_group"] == "true").to_numpy()
    _fill_committees(tables, found, validator.raw)
    ds = Dataset(**tables, name=name, warnings=found)
    # the registry numbers rows exactly as the node index does: hand over the resolved reference columns
    index_of(ds).seed(
        {key: value for key, value in validator.positions.items() if key != ("members", "committee")}
    )
    return ds

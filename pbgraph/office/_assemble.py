"""Turn recognized office sheets into the canonical raw tables: the node tables read, ids assigned where
missing and sectors and townships built from the roster (:mod:`pbgraph.office._nodes`), every name resolved to
an id, liaison lists exploded into one liaison per name, the party-group flag folded from 职务 and party-group
memberships (DESIGN 3 and 3.1)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from pbgraph._raw_table import RawTable
from pbgraph.model import (
    LIAISON_KIND_ALIASES,
    ORG_KIND_ZH,
    PARTY_GROUP_ROLES,
    PARTY_ZH,
    ROLE_ALIASES,
    TABLES,
    TRUE_VALUES,
    LiaisonKind,
    OrgKind,
    Role,
)
from pbgraph.office._activities import read_activities
from pbgraph.office._names import NameIndex
from pbgraph.office._nodes import (
    read_contacts,
    read_members,
    read_organizations,
    read_sectors_and_townships,
    roster_committees,
)
from pbgraph.office._recognize import Sheet
from pbgraph.office._tables import (
    LIST_KINDS,
    ROW_BASE,
    SOURCE_TABLE,
    TARGET_NAMES,
    TARGET_TABLES,
    Grouped,
    OfficeTable,
    Report,
    Rows,
    code_of,
    row_params,
)
from pbgraph.office._text import date_text, name_key, split_names
from pbgraph.problem import Problem


class Assembler:
    """Gathers the recognized sheets into canonical raw tables (see module docstring)."""

    def __init__(self, sheets: list[Sheet]) -> None:
        self.sheets = sheets
        self.by_kind: dict[str, list[Sheet]] = defaultdict(list)
        for sheet in sheets:
            self.by_kind[sheet.kind.name].append(sheet)
        self.sources: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        self.grouped = Grouped()
        self.problems: list[Problem] = []
        self.report = Report()
        self.tables = {name: Rows(name) for name in TABLES}

    # locations -----------------------------------------------------------------------------------

    def encode(self, table: str, sheet: Sheet, row: int) -> int:
        where = (sheet.grid.file, sheet.grid.sheet)
        sources = self.sources[table]
        if where not in sources:
            sources.append(where)
        return sources.index(where) * ROW_BASE + row

    # indexes and references ------------------------------------------------------------------------

    def indexes(self) -> None:
        members = self.tables["members"]
        sector_names = {r["id"]: r["name"] for r in self.tables["sectors"].records}
        township_names = {r["id"]: r["name"] for r in self.tables["townships"].records}
        self.index: dict[str, NameIndex] = {}

        def index(rows: Rows, qualify: Any) -> NameIndex:
            return NameIndex(
                [r["id"] for r in rows.records],
                [r["name"] for r in rows.records],
                rows.rows,
                [tuple(q for q in qualify(r, e) if q) for r, e in zip(rows.records, rows.extra, strict=True)],
            )

        self.index["members"] = index(
            members,
            lambda r, e: (
                r["id"],
                sector_names.get(r["sector"], r["sector"]),
                township_names.get(r["township"], r["township"]),
                PARTY_ZH.get(r["party"], r["party"]),
                e.get("unit", ""),
                e.get("birth", ""),
                e.get("gender", ""),
            ),
        )
        self.index["townships"] = index(self.tables["townships"], lambda r, e: (r["id"], r.get("kind", "")))
        orgs = self.tables["organizations"]
        self.index["organizations"] = index(orgs, lambda r, e: (r["id"], ORG_KIND_ZH.get(r["kind"], "")))
        self.index["contacts"] = index(
            self.tables["contacts"], lambda r, e: (r["id"], township_names.get(r["township"], r["township"]))
        )
        # a sector liaison may name a sector or a sector group: one index over both
        sectors = self.tables["sectors"]
        groups = [i for i, r in enumerate(orgs.records) if r["kind"] == OrgKind.SECTOR_GROUP]
        self.index["sectors"] = NameIndex(
            [r["id"] for r in sectors.records] + [orgs.records[i]["id"] for i in groups],
            [r["name"] for r in sectors.records] + [orgs.records[i]["name"] for i in groups],
            sectors.rows + [orgs.rows[i] for i in groups],
            [(r["id"],) for r in sectors.records] + [(orgs.records[i]["id"], "界别联组") for i in groups],
        )
        committees = [i for i, r in enumerate(orgs.records) if r["kind"] == OrgKind.COMMITTEE]
        self.index["committees"] = NameIndex(
            [orgs.records[i]["id"] for i in committees],
            [orgs.records[i]["name"] for i in committees],
            [orgs.rows[i] for i in committees],
            [() for _ in committees],
        )

    def locate(self, table: str, at: int) -> tuple[str, str | None, int]:
        """File, sheet and Excel row of an encoded row of a table under construction."""
        sources = self.sources.get(table) or [("", None)]
        file, sheet = sources[at // ROW_BASE]
        return file, sheet, at % ROW_BASE

    def resolve(
        self, target: str, text: str, *, table: str, at: int, header: str, context: str = ""
    ) -> str | None:
        """The id a reference names; a problem (grouped by cause) when it names nothing or several."""
        index = self.index[target]
        found = index.find(text, context=context)
        self.report.resolved[found.how] += 1
        if found.id is not None:
            return found.id
        file, sheet, row = self.locate(table, at)
        zh, en = TARGET_NAMES[target]
        base = Problem(
            code="office_unknown_name",
            severity="error",
            table=table,
            file=file,
            sheet=sheet,
            column=header,
            params={"target": zh, "target_en": en},
        )
        if found.how == "unknown":
            key = ("unknown", file, sheet, header, target)
            self.grouped.add(key, base, row, name_key(text), near=index.near(text))
            return None
        candidates, candidates_en = [], []
        for position in found.candidates:
            where = where_en = ""
            if index.rows[position]:
                c_file, c_sheet, c_row = self.locate(SOURCE_TABLE.get(target, target), index.rows[position])
                where, where_en = f"{c_sheet or c_file} 第 {c_row} 行", f"{c_sheet or c_file} row {c_row}"
            details = [q for q in index.qualifiers[position][1:3] if q]
            candidates.append(f"{where}（{'，'.join(details)}）" if details else where)
            candidates_en.append(f"{where_en} ({', '.join(details)})" if details else where_en)
        # a spelling that names the first candidate alone among all its namesakes
        first = found.candidates[0]
        problem = replace(
            base,
            value=name_key(text),
            params=base.params
            | {"candidates": "；".join(candidates), "candidates_en": "; ".join(candidates_en)}
            | {"count": len(found.candidates)},
        )
        self.grouped.add(
            ("ambiguous", file, sheet, header, name_key(text)),
            self.ambiguous(problem, target, first, index.telling(first)),
            row,
        )
        return None

    def ambiguous(self, problem: Problem, table: str, position: int, qualifier: str) -> Problem:
        """`problem`, a name that several of `table` bear, with what to do: write it `name（qualifier）`, the
        qualifier naming the one at `position` alone; but where only the id tells them apart and pbgraph
        assigned it (no 编号 column: an id the office never sees, and that changes once a row is deleted), the
        rows are alike in all they say: delete the repeat, or add an 编号 column."""
        index = self.index[table]
        if qualifier == index.ids[position] and self.report.ids.get(table) == "assigned":
            return replace(problem, code="office_ambiguous_alike")
        example = f"{name_key(index.names[position])}（{qualifier}）"
        return replace(problem, code="office_ambiguous_name", params=problem.params | {"example": example})

    def references(self) -> None:
        """Resolve every reference column of the node tables and memberships sheets."""
        checks = {
            "members": (("sector", "sectors"), ("township", "townships"), ("committee", "committees")),
            "sectors": (("group", "organizations"), ("committee", "committees")),
            "townships": (("committee", "committees"),),
            "organizations": (
                ("parent", "organizations"),
                ("township", "townships"),
                ("committee", "committees"),
            ),
            "contacts": (("township", "townships"),),
        }
        for table, columns in checks.items():
            rows = self.tables[table]
            for record, row in zip(rows.records, rows.rows, strict=True):
                for column, target in columns:
                    if record[column]:
                        header = self.headers.get((table, column), column)
                        found = self.resolve(target, record[column], table=table, at=row, header=header)
                        record[column] = found or record[column]
        # a roster's 界别联组 gives its sector's group; its 专委会 a membership
        sectors = {r["id"]: r for r in self.tables["sectors"].records}
        sectors_by_name = {r["name"]: r for r in self.tables["sectors"].records}
        members = self.tables["members"]
        group_rows: dict[str, list[int]] = defaultdict(list)
        for record, extra, row in zip(members.records, members.extra, members.rows, strict=True):
            group = extra.get("sector_group", "")
            sector = sectors.get(record["sector"])
            if group and sector is not None:
                group_id = self.index["organizations"].find(group).id
                if group_id and not sector["group"]:
                    sector["group"] = group_id
                elif group_id and sector["group"] != group_id:
                    group_rows[sector["name"]].append(row)
            for committee in split_names(extra.get("special_committee", "")):
                committee_id = self.index["organizations"].find(committee).id
                if committee_id:
                    self.tables["memberships"].add(
                        {"member": record["id"], "organization": committee_id, "role": ""}, row
                    )
        for name, at_rows in group_rows.items():
            file, sheet, row = self.locate("members", at_rows[0])
            group = sectors_by_name[name]["group"]
            self.problems.append(
                Problem(
                    code="office_group_conflict",
                    severity="warning",
                    table="members",
                    file=file,
                    sheet=sheet,
                    row=row,
                    column=self.headers.get(("members", "sector_group")),
                    value=name,
                    params=row_params([a % ROW_BASE for a in at_rows]) | {"group": group},
                )
            )

    def ref(self, target: str, text: str, sheet: Sheet, at: int, field: str, context: str = "") -> str | None:
        """`resolve` for a cell of a sheet: "" for an empty cell, None (reported) when it names no one."""
        if not text:
            return ""
        header = sheet.header_of(field)
        return self.resolve(target, text, table=sheet.kind.table, at=at, header=header, context=context)

    def memberships(self) -> None:
        for sheet in self.by_kind["memberships"]:
            for row, values in sheet.records:
                at = self.encode("memberships", sheet, row)
                role = values.get("role", "")
                code = code_of(role, ROLE_ALIASES, list(Role)) if role else ""
                if role:
                    self.report.normalized["role"][(role, code or "?")] += 1
                org_id = self.ref("organizations", values.get("organization", ""), sheet, at, "organization")
                for name in split_names(values.get("member", "")) or [""]:
                    member = self.ref("members", name, sheet, at, "member")
                    if member is not None and org_id is not None:
                        record = {"member": member, "organization": org_id, "role": code or role}
                        self.tables["memberships"].add(record, at)

    def liaisons(self) -> None:
        seen: set[tuple[str, str, str]] = set()
        duplicates: dict[tuple[str, str | None], list[int]] = defaultdict(list)

        def add(source: str | None, target: str | None, kind: str, values: dict[str, str], at: int) -> None:
            if source is None or target is None:
                return
            if (source, target, kind) in seen:
                file, sheet, row = self.locate("liaisons", at)
                duplicates[(file, sheet)].append(row)
                return
            seen.add((source, target, kind))
            since, note = date_text(values.get("since", "")), values.get("note", "")
            record = {"source": source, "target": target, "kind": kind, "since": since, "note": note}
            self.tables["liaisons"].add(record, at)

        for sheet in self.by_kind["liaisons"]:
            for row, values in sheet.records:
                at = self.encode("liaisons", sheet, row)
                text = values.get("kind", "")
                kind = code_of(text, LIAISON_KIND_ALIASES, list(LiaisonKind)) or text
                source = self.ref("members", values.get("source", ""), sheet, at, "source")
                target_table = TARGET_TABLES.get(kind)
                target_text = values.get("target", "")
                # a liaison of an unknown kind keeps its target as written: validation reports the kind
                target = (
                    self.ref(target_table, target_text, sheet, at, "target") if target_table else target_text
                )
                add(source, target, kind, values, at)
        for sheet_kind, kind in LIST_KINDS.items():
            for sheet in self.by_kind[sheet_kind]:
                for row, values in sheet.records:
                    at = self.encode("liaisons", sheet, row)
                    self._fold_roles(values.get("source_roles", ""), values.get("source", ""), at)
                    if self._one_side_blank(sheet, row, values):
                        continue
                    context = values.get("source_sector", "")
                    source = self.ref("members", values.get("source", ""), sheet, at, "source", context)
                    for name in split_names(values.get("targets", "")):
                        add(
                            source,
                            self.ref(TARGET_TABLES[kind], name, sheet, at, "targets"),
                            kind,
                            values,
                            at,
                        )
        for (file, sheet_name), rows in duplicates.items():
            self.problems.append(
                Problem(
                    code="office_duplicate_liaison",
                    severity="warning",
                    table="liaisons",
                    file=file,
                    sheet=sheet_name,
                    row=rows[0],
                    params=row_params(rows) | {"count": len(rows)},
                )
            )

    def _one_side_blank(self, sheet: Sheet, row: int, values: dict[str, str]) -> bool:
        """Whether a list row names a member but no one they liaise with, or the reverse: one message per
        sheet and cause, with the rows (a warning: the row gives no liaison; an error: whose liaison it is
        cannot be known, as a canonical liaison without its source)."""
        source, targets = bool(values.get("source")), bool(split_names(values.get("targets", "")))
        if source == targets:
            return False
        filled, empty = ("source", "targets") if source else ("targets", "source")
        problem = Problem(
            code="office_list_no_target" if source else "office_list_no_source",
            severity="warning" if source else "error",
            table="liaisons",
            file=sheet.grid.file,
            sheet=sheet.grid.sheet,
            column=sheet.header_of(empty),
            params={"filled": sheet.header_of(filled), "empty": sheet.header_of(empty)},
        )
        self.grouped.add((problem.code, sheet.grid.file, sheet.grid.sheet), problem, row)
        return True

    def _fold_roles(self, roles: str, source: str, at: int) -> None:
        if roles and any(r in PARTY_GROUP_ROLES for r in split_names(roles)):
            self.listed_party_group.append((source, at))

    # the party-group flag --------------------------------------------------------------------------

    def party_group(self) -> None:
        """Fold 党组成员 in 职务, party-group memberships and the sector list's 职务 into one flag."""
        members = self.tables["members"]
        flagged: dict[str, str] = {}
        for record in members.records:
            if record["party_group"].strip().lower() in TRUE_VALUES:
                flagged.setdefault(record["id"], "column")
            if any(role in PARTY_GROUP_ROLES for role in record["roles"].split(";")):
                flagged.setdefault(record["id"], "roles")
        groups = {r["id"] for r in self.tables["organizations"].records if r["kind"] == OrgKind.PARTY_GROUP}
        for membership in self.tables["memberships"].records:
            if membership["organization"] in groups:
                flagged.setdefault(membership["member"], "membership")
        for source, _at in self.listed_party_group:
            found = self.index["members"].find(source)
            if found.id:
                flagged.setdefault(found.id, "sector_list")
        for record in members.records:
            how = flagged.get(record["id"])
            if how is not None:
                if how != "column" or record["party_group"] != "是":
                    self.report.party_group[how] += 1
                record["party_group"] = "是"

    # the result ----------------------------------------------------------------------------------

    def run(self) -> dict[str, RawTable]:
        self.headers: dict[tuple[str, str], str] = {}
        self.listed_party_group: list[tuple[str, int]] = []
        self.sheet_headers: dict[tuple[str, str | None], dict[str, str]] = {}
        for sheet in self.sheets:
            own = self.sheet_headers.setdefault((sheet.grid.file, sheet.grid.sheet), {})
            for column in sheet.columns:
                if column.field:
                    self.headers.setdefault((sheet.kind.table, column.field), column.header)
                    own.setdefault(column.field, column.header)
        read_members(self)
        read_organizations(self)
        read_sectors_and_townships(self)
        read_contacts(self)
        self.indexes()
        self.references()
        roster_committees(self)
        self.memberships()
        self.liaisons()
        read_activities(self)
        self.party_group()
        self.problems.extend(self.grouped.problems())
        recorded = {
            "organizations": bool(self.by_kind["organizations"]),
            "memberships": bool(self.by_kind["memberships"]),
            "contacts": bool(self.tables["contacts"].records) or bool(self.by_kind["contacts"]),
            "sectors": "sectors" not in self.report.not_recorded,
            "townships": "townships" not in self.report.not_recorded,
        }
        for name, ok in recorded.items():
            if not ok and name not in self.report.not_recorded:
                self.report.not_recorded.append(name)
        canonical_liaisons = bool(self.by_kind["liaisons"])
        for sheet_kind, kind in LIST_KINDS.items():
            if not canonical_liaisons and not self.by_kind[sheet_kind]:
                self.report.not_recorded.append(f"liaisons:{kind}")
        self.labels = {
            r["id"]: r["name"]
            for table in ("members", "contacts")
            if self.report.ids.get(table) == "assigned"
            for r in self.tables[table].records
        }
        return {name: self.raw_table(name) for name in TABLES}

    def raw_table(self, name: str) -> RawTable:
        rows = self.tables[name]
        columns = TABLES[name].column_names
        frame = pd.DataFrame(
            {c: pd.array([r.get(c, "") for r in rows.records], dtype="str") for c in columns},
            index=pd.RangeIndex(len(rows.records)),
        )
        sources = self.sources.get(name) or [("", None)]
        return OfficeTable(
            name=name,
            frame=frame,
            file=sources[0][0],
            sheet=sources[0][1],
            rows=np.asarray(rows.rows, dtype=np.int64),
            headers={c: self.headers[(name, c)] for c in columns if (name, c) in self.headers},
            sources=sources,
            source_headers=[self.sheet_headers.get(where, {}) for where in sources],
            labels=self.labels,
            not_recorded=tuple(k for k in self.report.not_recorded if k.partition(":")[0] == name),
            ids_assigned=self.report.ids.get(name) == "assigned",
        )

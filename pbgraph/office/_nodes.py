"""The node tables of office files (DESIGN 3.1): members, organizations, sectors, townships and contacts read
from their sheets, ids assigned where the files give none, and what the files only name built from the
roster: sectors and townships (with their committee), the organizations of its 界别联组 and 专委会 columns,
and the contacts of the 委员联系群众 lists."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from pbgraph.model import ORG_KIND_ALIASES, PARTY_ALIASES, TABLES, OrgKind, Party
from pbgraph.office._names import assign_ids
from pbgraph.office._tables import code_of, repeated_members
from pbgraph.office._text import date_text, name_key, split_names
from pbgraph.validate._absent import sole_committees

if TYPE_CHECKING:
    from pbgraph.office._assemble import Assembler


def read_members(asm: Assembler) -> None:
    """Read the roster sheets into `members`, ids assigned where the sheets give none."""
    rows = asm.tables["members"]
    keys: list[tuple[str, ...]] = []
    needs_id: list[int] = []
    for sheet in asm.by_kind["members"]:
        has_id = "id" in sheet.fields
        for row, values in sheet.records:
            v = {k: values.get(k, "") for k in values}
            party = v.get("party", "")
            code = code_of(party, PARTY_ALIASES, list(Party)) if party else ""
            if party:
                asm.report.normalized["party"][(party, code or "?")] += 1
            roles = split_names(v.get("roles", ""))
            record = {
                "id": v.get("id", ""),
                "name": name_key(v.get("name", "")),
                "party": code or party,
                "committee": v.get("committee", ""),
                "sector": name_key(v.get("sector", "")),
                "township": name_key(v.get("township", "")),
                "roles": ";".join(roles),
                "party_group": v.get("party_group", ""),
                "enterprise": v.get("enterprise", ""),
            }
            extra = {
                "special_committee": "、".join(split_names(v.get("special_committee", ""))),
                "sector_group": name_key(v.get("sector_group", "")),
                "gender": v.get("gender", ""),
                "ethnicity": v.get("ethnicity", ""),
                "birth": date_text(v.get("birth", "")),
                "unit": v.get("unit", ""),
            }
            if not has_id:
                needs_id.append(len(rows.records))
            rows.add(record, asm.encode("members", sheet, row), extra)
            keys.append(
                (
                    record["sector"],
                    record["township"],
                    record["party"],
                    record["name"],
                    extra["birth"],
                    extra["gender"],
                    extra["ethnicity"],
                    extra["unit"],
                    record["roles"],
                    record["enterprise"],
                    record["committee"],
                )
            )
    if needs_id:
        taken = {r["id"] for r in rows.records if r["id"]}
        ids = assign_ids([keys[i] for i in needs_id], "M", taken=taken)
        for position, new in zip(needs_id, ids, strict=True):
            rows.records[position]["id"] = new
        asm.report.ids["members"] = "assigned"
        asm.problems += repeated_members(
            [keys[i] for i in needs_id], [asm.locate("members", rows.rows[i]) for i in needs_id]
        )


def _node_sheet(asm: Assembler, kind: str, prefix: str, sort_fields: tuple[str, ...]) -> bool:
    """Read the sheets of a canonical node table (sectors, townships, organizations, contacts)."""
    rows = asm.tables[kind]
    needs_id: list[int] = []
    for sheet in asm.by_kind[kind]:
        for row, values in sheet.records:
            record = {c: values.get(c, "") for c in TABLES[kind].column_names}
            record["name"] = name_key(record["name"])
            if "id" not in sheet.fields:
                needs_id.append(len(rows.records))
            rows.add(record, asm.encode(kind, sheet, row))
    if needs_id:
        taken = {r["id"] for r in rows.records if r["id"]}
        keys = [tuple(rows.records[i].get(f, "") for f in sort_fields) for i in needs_id]
        for position, new in zip(needs_id, assign_ids(keys, prefix, taken=taken), strict=True):
            rows.records[position]["id"] = new
        asm.report.ids[kind] = "assigned"
    return bool(asm.by_kind[kind])


def read_organizations(asm: Assembler) -> None:
    """Read the organization sheets, and add the organizations the roster names that no sheet lists."""
    rows = asm.tables["organizations"]
    for sheet in asm.by_kind["organizations"]:
        for row, values in sheet.records:
            record = {c: values.get(c, "") for c in TABLES["organizations"].column_names}
            record["name"] = name_key(record["name"])
            kind = record["kind"]
            code = code_of(kind, ORG_KIND_ALIASES, list(OrgKind)) if kind else ""
            if kind:
                asm.report.normalized["kind"][(kind, code or "?")] += 1
            record["kind"] = code or kind
            rows.add(record, asm.encode("organizations", sheet, row), {"has_id": str("id" in sheet.fields)})
    # organizations the roster names in its 界别联组 / 专委会 columns, when no sheet lists them
    named = {r["name"] for r in rows.records}
    for column, kind in (
        ("sector_group", OrgKind.SECTOR_GROUP),
        ("special_committee", OrgKind.SPECIAL_COMMITTEE),
    ):
        members = asm.tables["members"]
        for extra, row in zip(members.extra, members.rows, strict=True):
            for name in split_names(extra.get(column, "")):
                if name not in named:
                    named.add(name)
                    rows.add(
                        {
                            "id": "",
                            "name": name,
                            "kind": str(kind),
                            "parent": "",
                            "township": "",
                            "committee": "",
                        },
                        row,
                        {"has_id": "False", "from_roster": column},
                    )
                    asm.report.built.setdefault(f"organizations:{kind}", "roster")
    needs_id = [i for i, e in enumerate(rows.extra) if e.get("has_id") == "False"]
    if needs_id:
        taken = {r["id"] for r in rows.records if r["id"]}
        kind_order = {str(k): n for n, k in enumerate(OrgKind)}
        committees = [i for i in needs_id if rows.records[i]["kind"] == OrgKind.COMMITTEE]
        others = [i for i in needs_id if rows.records[i]["kind"] != OrgKind.COMMITTEE]
        for prefix, positions in (("C", committees), ("O", others)):
            keys = [
                (str(kind_order.get(rows.records[i]["kind"], 99)).zfill(2), rows.records[i]["name"])
                for i in positions
            ]
            for position, new in zip(positions, assign_ids(keys, prefix, taken=taken), strict=True):
                rows.records[position]["id"] = new
        asm.report.ids["organizations"] = "assigned"


def read_sectors_and_townships(asm: Assembler) -> None:
    """Read the sector and township sheets; where there is none, build the table from the roster."""
    members = asm.tables["members"]
    for kind, prefix in (("sectors", "S"), ("townships", "T")):
        if _node_sheet(asm, kind, prefix, ("name",)):
            continue
        column = "sector" if kind == "sectors" else "township"
        first_row: dict[str, int] = {}
        for record, row in zip(members.records, members.rows, strict=True):
            if record[column]:
                first_row.setdefault(record[column], row)
        names = sorted(first_row)
        for name, new in zip(names, assign_ids([(n,) for n in names], prefix), strict=True):
            record = {c: "" for c in TABLES[kind].column_names} | {"id": new, "name": name}
            if kind == "townships":
                record["kind"] = next((k for k in ("街道", "镇", "乡") if name.endswith(k)), "")
            asm.tables[kind].add(record, first_row[name])
        if names:
            asm.report.built[kind] = "roster"
            asm.report.ids[kind] = "assigned"
        # a roster without the column gives no such table: analyses say it is not recorded
        if not names and not any(column in s.fields for s in asm.by_kind["members"]):
            asm.report.not_recorded.append(kind)


def roster_committees(asm: Assembler) -> None:
    """A sector or township built from the roster belongs to the committee of the members who name it,
    when they all sit on one (their cells resolved to ids); else to none."""
    members = asm.tables["members"].records
    for kind in ("sectors", "townships"):
        if asm.report.built.get(kind) != "roster":
            continue
        column = "sector" if kind == "sectors" else "township"
        sole = sole_committees(
            pd.Series([r[column] for r in members], dtype=object),
            pd.Series([r["committee"] for r in members], dtype=object),
        )
        for record in asm.tables[kind].records:
            record["committee"] = sole.get(record["id"], record["committee"])


def read_contacts(asm: Assembler) -> None:
    """Read the contact sheets; where there is none, one contact per name the 委员联系群众 lists give."""
    if _node_sheet(asm, "contacts", "P", ("township", "name")):
        return
    # contacts named only in 委员联系群众 lists: one contact per distinct name (with its qualifier)
    seen: dict[str, int] = {}
    for sheet in asm.by_kind["contact_liaisons"]:
        for row, values in sheet.records:
            for name in split_names(values.get("targets", "")):
                seen.setdefault(name, asm.encode("contacts", sheet, row))
    names = sorted(seen)
    for name, new in zip(names, assign_ids([(n,) for n in names], "P"), strict=True):
        asm.tables["contacts"].add({"id": new, "name": name, "township": ""}, seen[name])
    if names:
        asm.report.built["contacts"] = "contact_liaisons"
        asm.report.ids["contacts"] = "assigned"

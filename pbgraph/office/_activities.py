"""Activity logs as offices keep them (DESIGN 3.1), read into the canonical `activities` table: a 联系记录
sheet (日期 | 党员委员 | 联系对象 | 方式 | 内容) and a 组织生活记录 sheet (日期 | 组织 | 参加人员 | 类型).

Names become ids like everywhere in the office form: the members (several per cell), the organization whose
meeting it was, and the other end of a liaison activity, which may be a member, a contact, a township, a
sector or a sector group. A 联系对象 that names several of these (a contact with a member's name, two
namesakes) is the one a listed member liaises with, when exactly one is; otherwise the row is reported with
the candidates. Dates in any form offices type (an Excel date or serial, 2025.3.5, 2025年3月5日) and kinds
through the model's aliases (谈心谈话, 走访, 电话, 微信, 座谈, 组织生活会, 三会一课, 主题党日, 集中学习 …) are
normalized here or by validation, which reports what stays unknown with its sheet and row.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

from pbgraph._texts.office import ACTIVITY_TARGETS, TARGET_WORDS
from pbgraph.model import ACTIVITY_KIND_ALIASES, ActivityKind
from pbgraph.office._tables import code_of
from pbgraph.office._text import date_text, name_key, split_names
from pbgraph.problem import Problem

if TYPE_CHECKING:
    from pbgraph.office._assemble import Assembler
    from pbgraph.office._recognize import Sheet

TARGET_INDEXES = ("members", "contacts", "townships", "sectors")
"""Where the other end of a liaison activity is looked for (`sectors` also holds the sector groups)."""


def read_activities(asm: Assembler) -> None:
    """Add the rows of every activity sheet to `asm.tables["activities"]` (after the liaisons are read)."""
    sheets = asm.by_kind["activities"]
    if not sheets:
        return
    liaised: dict[str, set[str]] = defaultdict(set)
    for record in asm.tables["liaisons"].records:
        liaised[record["source"]].add(record["target"])
        liaised[record["target"]].add(record["source"])
    for sheet in sheets:
        for row, values in sheet.records:
            at = asm.encode("activities", sheet, row)
            text = values.get("kind", "")
            code = code_of(text, ACTIVITY_KIND_ALIASES, list(ActivityKind)) if text else ""
            if text:
                asm.report.normalized["activity_kind"][(text, code or "?")] += 1
            members = [
                asm.ref("members", n, sheet, at, "members") for n in split_names(values.get("members", ""))
            ]
            organization = asm.ref("organizations", values.get("organization", ""), sheet, at, "organization")
            found = [m for m in members if m]
            near = set().union(*(liaised.get(m, set()) for m in found)) if found else set()
            target = _target(asm, values.get("target", ""), near, sheet, at)
            if None in members or organization is None or target is None:
                continue
            record = {
                "date": date_text(values.get("date", "")),
                # an unknown kind stays as written: validation reports it with its sheet and row
                "kind": code or text,
                "members": ";".join(found),
                "target": target,
                "organization": organization,
                "note": values.get("note", ""),
            }
            asm.tables["activities"].add(record, at)


def _target(asm: Assembler, text: str, near: set[str], sheet: Sheet, at: int) -> str | None:
    """The id the 联系对象 cell names among members, contacts, townships and sectors; None when it names
    nothing or cannot be told apart (reported)."""
    if not text:
        return ""
    candidates = _candidates(asm, text)
    if len(candidates) == 1 and candidates[0][2] != "ambiguous":
        table, position, how = candidates[0]
        asm.report.resolved[how] += 1
        return asm.index[table].ids[position]
    # a name several entities bear: the one a listed member liaises with
    liaised = [(t, p) for t, p, _ in candidates if asm.index[t].ids[p] in near]
    if len(liaised) == 1:
        asm.report.resolved["liaison"] += 1
        return asm.index[liaised[0][0]].ids[liaised[0][1]]
    asm.report.resolved["ambiguous" if candidates else "unknown"] += 1
    file, sheet_name, row = asm.locate("activities", at)
    header = sheet.header_of("target")
    base = Problem(
        code="office_unknown_name",
        severity="error",
        table="activities",
        file=file,
        sheet=sheet_name,
        column=header,
        params={"target": ACTIVITY_TARGETS[0], "target_en": ACTIVITY_TARGETS[1]},
    )
    if not candidates:
        # a name a character away from one entity of any kind, when only one is
        near = {n for n in (asm.index[table].near(text) for table in TARGET_INDEXES) if n is not None}
        key = ("unknown", file, sheet_name, header, "activity_targets")
        asm.grouped.add(key, base, row, name_key(text), near=near.pop() if len(near) == 1 else None)
        return None
    described, described_en = [], []
    for table, position, _ in candidates:
        qualifiers = [q for q in asm.index[table].qualifiers[position][1:3] if q]
        word, word_en = TARGET_WORDS[table]
        described.append(f"{word}（{'，'.join(qualifiers)}）" if qualifiers else word)
        described_en.append(f"{word_en} ({', '.join(qualifiers)})" if qualifiers else word_en)
    table, position = candidates[0][:2]
    problem = replace(
        base,
        value=name_key(text),
        params=base.params
        | {
            "candidates": "；".join(described),
            "candidates_en": "; ".join(described_en),
            "count": len(candidates),
        },
    )
    problem = asm.ambiguous(problem, table, position, _telling(asm, table, position))
    asm.grouped.add(("ambiguous", file, sheet_name, header, name_key(text)), problem, row)
    return None


def _candidates(asm: Assembler, text: str) -> list[tuple[str, int, str]]:
    """(table, position in its index, how it was found) of every entity a 联系对象 cell may name; a
    `name(qualifier)` names only the namesakes its qualifier fits (a member's 界别 is no contact's)."""
    candidates: list[tuple[str, int, str]] = []
    for table in TARGET_INDEXES:
        index = asm.index[table]
        found = index.find(text)
        if found.id is not None:
            candidates.append((table, index.by_id[found.id], found.how))
        elif found.how == "ambiguous":
            candidates += [(table, p, "ambiguous") for p in index.fitting(text, found.candidates)]
    return candidates


def _telling(asm: Assembler, table: str, position: int) -> str:
    """The first qualifier with which `name(qualifier)` in a 联系对象 cell names entity `position` of `table`
    alone, among the namesakes of every kind (`NameIndex.telling` looks among one kind); else its id."""
    index = asm.index[table]
    name = name_key(index.names[position])
    for qualifier in index.qualifiers[position]:
        if qualifier == index.ids[position]:
            continue
        found = _candidates(asm, f"{name}({qualifier})")
        if len(found) == 1 and found[0][:2] == (table, position) and found[0][2] != "ambiguous":
            return qualifier
    return index.telling(position)

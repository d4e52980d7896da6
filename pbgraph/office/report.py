"""The import report (导入报告): for each sheet the header row found and how each column was read, the
values normalized, the names resolved, the tables built and the rows skipped and why; as JSON, Markdown
and HTML, in Chinese or English. It names sheets, columns, values of enumerated columns and counts; only
the warnings it lists quote a cell, as `pbgraph validate` does."""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pbgraph._texts.office import ACTIVITY_REPORT_WORDS
from pbgraph.model import ACTIVITY_KIND_ZH, ORG_KIND_ZH, PARTY_ZH, ROLE_ZH, TABLES

if TYPE_CHECKING:
    from pbgraph.io import RawTable
    from pbgraph.office._assemble import Assembler
    from pbgraph.office._recognize import Sheet
    from pbgraph.problem import Problem

ID_SCHEME = (
    "未提供编号的表，编号按内容排序（界别、镇街、政治面貌、姓名及其余各列）依次编为 M001、M002 …："
    "同一份名单无论行序如何都得到相同的编号；编号不含姓名，也不是行号。",
    "Where a table has no id column, ids M001, M002 … follow a sort of the records' content (sector, "
    "township, party, name, then every other column): the same roster gives the same ids whatever its row "
    "order; an id is neither a name nor a row number.",
)

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("导入报告", "Import report"),
    "sources": ("来源文件", "Source files"),
    "sheets": ("工作表", "Sheets"),
    "sheet": ("工作表", "sheet"),
    "kind": ("识别为", "read as"),
    "header_row": ("表头行", "header row"),
    "records": ("数据行", "records"),
    "columns": ("列的读取", "How each column was read"),
    "header": ("列名", "header"),
    "field": ("读作", "read as"),
    "skipped": ("跳过的行", "Rows skipped"),
    "reason": ("原因", "reason"),
    "rows": ("行", "rows"),
    "ignored": ("未读取的工作表", "Sheets not read"),
    "normalized": ("值的规范化", "Values normalized"),
    "value": ("原值", "value as written"),
    "code": ("规范值", "normalized"),
    "count": ("次数", "count"),
    "names": ("名称的解析", "Names resolved"),
    "tables": ("生成的表", "Tables built"),
    "table": ("表", "table"),
    "from": ("来源", "from"),
    "ids": ("编号", "ids"),
    "party_group": ("党组成员标记", "Party-group flag"),
    "not_recorded": ("未提供的表", "Not recorded"),
    "problems": ("问题", "Problems"),
    "none": ("无", "none"),
    "id_scheme": ("编号规则", "Id scheme"),
}

_REASONS: dict[str, tuple[str, str]] = {
    "blank": ("空行", "blank"),
    "total": ("合计/小计行", "total row"),
    "note": ("注释行", "note row"),
    "header_repeated": ("重复的表头", "repeated header"),
    "heading": ("分组标题行", "heading row"),
    "empty": ("空表", "empty"),
    "not_data": ("说明或隐藏表", "instructions or hidden"),
    "unrecognized": ("无法识别", "not recognized"),
}

_FIELDS: dict[str, tuple[str, str]] = {
    "id": ("编号", "id"),
    "name": ("姓名/名称", "name"),
    "party": ("政治面貌", "party"),
    "committee": ("政协", "committee"),
    "sector": ("界别", "sector"),
    "township": ("镇街", "township"),
    "roles": ("职务", "roles"),
    "party_group": ("党组成员", "party-group flag"),
    "enterprise": ("委员企业", "enterprise"),
    "special_committee": ("专委会（生成组织成员）", "special committee (memberships)"),
    "sector_group": ("界别联组（生成界别的联组）", "sector group (of the sector)"),
    "gender": ("性别（保留为属性）", "gender (attribute)"),
    "ethnicity": ("民族（保留为属性）", "ethnicity (attribute)"),
    "birth": ("出生年月（保留为属性）", "birth (attribute)"),
    "unit": ("工作单位及职务（保留为属性）", "work unit (attribute)"),
    "source": ("发起方（委员）", "source (member)"),
    "targets": ("联系对象（可多个）", "targets (several)"),
    "target": ("联系对象", "target"),
    "source_sector": ("发起方界别（用于区分同名）", "source's sector (tells namesakes apart)"),
    "source_party": ("发起方政治面貌（不读取）", "source's party (not read)"),
    "source_roles": ("发起方职务（党组成员标记）", "source's roles (party-group flag)"),
    "since": ("开始日期", "since"),
    "note": ("备注", "note"),
    "kind": ("类型", "kind"),
    "parent": ("上级", "parent"),
    "group": ("界别联组", "sector group"),
    "member": ("委员", "member"),
    "organization": ("组织", "organization"),
    "role": ("职务", "role"),
    "date": ("日期", "date"),
    "members": ("参加委员", "members"),
    "ignore": ("忽略（序号、备注等）", "ignored (序号 …)"),
    "private": ("已删除（个人敏感信息）", "dropped (personal data)"),
    "": ("未识别，忽略", "not recognized, ignored"),
    **ACTIVITY_REPORT_WORDS["fields"],
}

_HOW: dict[str, tuple[str, str]] = {
    "id": ("按编号", "by id"),
    "name": ("按名称", "by name"),
    "qualified": ("按 名称（区分词）", "by name (qualifier)"),
    "context": ("按名称及同行界别", "by name and the row's sector"),
    "unknown": ("找不到", "not found"),
    "ambiguous": ("同名无法区分", "ambiguous"),
    **ACTIVITY_REPORT_WORDS["how"],
}

_BUILT: dict[str, tuple[str, str]] = {
    "sheet": ("工作表", "sheet"),
    "roster": ("委员名单中的不同值", "the roster's distinct values"),
    "contact_liaisons": ("委员联系群众名单中的名字", "names in the contact lists"),
    "lists": ("各名单", "the lists"),
    "not_recorded": ("未提供", "not recorded"),
}

_NOT_RECORDED_EN = {
    "liaisons:member": "member liaisons (联系党外委员)",
    "liaisons:sector": "sector liaisons (联系界别)",
    "liaisons:township": "township liaisons (联系镇街)",
    "liaisons:contact": "contact liaisons (联系群众)",
}
_NOT_RECORDED_ZH = {
    "liaisons:member": "党员委员联系党外委员",
    "liaisons:sector": "党组成员联系界别",
    "liaisons:township": "党员委员联系镇街",
    "liaisons:contact": "委员联系群众",
}


def not_recorded_name(key: str, lang: str) -> str:
    """A not-recorded table (or liaison kind) as users call it."""
    if key in TABLES:
        return TABLES[key].zh if lang == "zh" else key
    return (_NOT_RECORDED_ZH if lang == "zh" else _NOT_RECORDED_EN).get(key, key)


@dataclass
class ImportReport:
    """What an import read and did, as plain data (see :meth:`as_dict`)."""

    sources: list[str]
    sheets: list[dict[str, Any]]
    ignored: list[dict[str, Any]]
    normalized: dict[str, list[dict[str, Any]]]
    names: dict[str, int]
    tables: dict[str, dict[str, Any]]
    party_group: dict[str, int]
    not_recorded: list[str]
    problems: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self, lang: str = "zh") -> dict[str, Any]:
        data = {k: getattr(self, k) for k in self.__dataclass_fields__}
        data["id_scheme"] = ID_SCHEME[0 if lang == "zh" else 1]
        return data

    def with_problems(self, problems: list[Problem], lang: str) -> ImportReport:
        self.problems = [p.as_record(lang) | {"message": p.message(lang)} for p in problems]
        return self

    def to_json(self, lang: str = "zh") -> str:
        return json.dumps(self.as_dict(lang), ensure_ascii=False, indent=2)

    def to_markdown(self, lang: str = "zh") -> str:
        return "\n".join(_markdown(self, lang)) + "\n"

    def to_html(self, lang: str = "zh") -> str:
        return _html(self, lang)


def build_report(
    *,
    sources: list[str],
    sheets: list[Sheet],
    ignored: list[tuple[str, str | None, str]],
    assembler: Assembler,
    tables: dict[str, RawTable],
) -> ImportReport:
    """Gather the report from what recognition and assembly did."""
    sheet_rows = []
    for sheet in sheets:
        skipped: dict[str, list[int]] = {}
        for row, reason in sheet.skipped:
            skipped.setdefault(reason, []).append(row)
        sheet_rows.append(
            {
                "file": sheet.grid.file,
                "sheet": sheet.grid.sheet,
                "kind": sheet.kind.name,
                "kind_zh": sheet.kind.zh,
                "header_row": sheet.header_row,
                "records": len(sheet.records),
                "columns": [{"header": c.header, "field": c.field or ""} for c in sheet.columns if c.header],
                "skipped": skipped,
            }
        )
    normalized = {
        column: [{"value": v, "code": c, "count": n} for (v, c), n in sorted(counts.items())]
        for column, counts in assembler.report.normalized.items()
    }
    built = assembler.report.built
    table_rows = {}
    for name, raw in tables.items():
        origin = "not_recorded" if name in assembler.report.not_recorded else built.get(name, "sheet")
        if name in ("liaisons", "memberships") and origin == "sheet":
            origin = "lists" if name == "liaisons" else "sheet"
        table_rows[name] = {
            "rows": len(raw.frame),
            "from": origin,
            "ids": assembler.report.ids.get(name, "given" if TABLES[name].node_kind else ""),
        }
    return ImportReport(
        sources=sources,
        sheets=sheet_rows,
        ignored=[{"file": f, "sheet": s, "reason": r} for f, s, r in ignored],
        normalized=normalized,
        names=dict(Counter(assembler.report.resolved)),
        tables=table_rows,
        party_group=dict(assembler.report.party_group),
        not_recorded=list(assembler.report.not_recorded),
    )


def _w(key: str, lang: str) -> str:
    zh, en = _WORDS[key]
    return zh if lang == "zh" else en


def _pick(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    zh, en = table.get(key, (key, key))
    return zh if lang == "zh" else en


def _code_name(column: str, code: str, lang: str) -> str:
    if lang == "en" or code == "?":
        return code if code != "?" else ("?（未知）" if lang == "zh" else "? (unknown)")
    names: dict[str, str] = {
        "party": PARTY_ZH,
        "kind": ORG_KIND_ZH,
        "role": ROLE_ZH,
        "activity_kind": ACTIVITY_KIND_ZH,
    }.get(column, {})
    return f"{names.get(code, code)}（{code}）"


def _sections(report: ImportReport, lang: str) -> list[tuple[str, list[str], list[list[str]]]]:
    """The report as titled tables: (title, headers, rows)."""
    sections = []
    sections.append((_w("sources", lang), [_w("sources", lang)], [[s] for s in report.sources]))
    sheet_rows = [
        [
            f"{s['file']} [{s['sheet']}]" if s["sheet"] else s["file"],
            s["kind_zh"] if lang == "zh" else s["kind"],
            str(s["header_row"]),
            str(s["records"]),
            ("；" if lang == "zh" else "; ").join(
                f"{_pick(_REASONS, r, lang)}: {_rows(rows)}" for r, rows in s["skipped"].items()
            )
            or _w("none", lang),
        ]
        for s in report.sheets
    ]
    sections.append(
        (
            _w("sheets", lang),
            [
                _w("sheet", lang),
                _w("kind", lang),
                _w("header_row", lang),
                _w("records", lang),
                _w("skipped", lang),
            ],
            sheet_rows,
        )
    )
    for s in report.sheets:
        where = f"{s['file']} [{s['sheet']}]" if s["sheet"] else s["file"]
        sections.append(
            (
                f"{_w('columns', lang)}: {where}",
                [_w("header", lang), _w("field", lang)],
                [[c["header"], _pick(_FIELDS, c["field"], lang)] for c in s["columns"]],
            )
        )
    if report.ignored:
        sections.append(
            (
                _w("ignored", lang),
                [_w("sheet", lang), _w("reason", lang)],
                [
                    [
                        f"{i['file']} [{i['sheet']}]" if i["sheet"] else i["file"],
                        _pick(_REASONS, i["reason"], lang),
                    ]
                    for i in report.ignored
                ],
            )
        )
    norm_rows = [
        [_pick(_FIELDS, column, lang), v["value"], _code_name(column, v["code"], lang), str(v["count"])]
        for column, values in report.normalized.items()
        for v in values
    ]
    sections.append(
        (
            _w("normalized", lang),
            [_w("header", lang), _w("value", lang), _w("code", lang), _w("count", lang)],
            norm_rows,
        )
    )
    sections.append(
        (
            _w("names", lang),
            ["", _w("count", lang)],
            [[_pick(_HOW, how, lang), str(n)] for how, n in sorted(report.names.items())],
        )
    )
    sections.append(
        (
            _w("tables", lang),
            [_w("table", lang), _w("rows", lang), _w("from", lang), _w("ids", lang)],
            [
                [
                    TABLES[name].zh if lang == "zh" else name,
                    str(t["rows"]),
                    _pick(_BUILT, t["from"], lang),
                    {"assigned": ("自动编号", "assigned"), "given": ("来自编号列", "from the id column")}.get(
                        t["ids"], ("", "")
                    )[0 if lang == "zh" else 1],
                ]
                for name, t in report.tables.items()
            ],
        )
    )
    if report.party_group:
        how_names = {
            "column": ("“党组成员”列", "the 党组成员 column"),
            "roles": ("职务中的党组书记/副书记/成员", "党组 roles in 职务"),
            "membership": ("政协党组的组织成员", "membership of the party group"),
            "sector_list": ("党组成员联系界别名单的职务", "roles in the sector liaison list"),
        }
        sections.append(
            (
                _w("party_group", lang),
                [_w("from", lang), _w("count", lang)],
                [[_pick(how_names, how, lang), str(n)] for how, n in report.party_group.items()],
            )
        )
    sections.append(
        (
            _w("not_recorded", lang),
            [_w("table", lang)],
            [[not_recorded_name(k, lang)] for k in report.not_recorded] or [[_w("none", lang)]],
        )
    )
    sections.append(
        (
            _w("problems", lang),
            [_w("problems", lang)],
            [[p["message"]] for p in report.problems] or [[_w("none", lang)]],
        )
    )
    return sections


def _rows(rows: list[int]) -> str:
    shown = ", ".join(str(r) for r in rows[:8])
    return shown + (f" … ({len(rows)})" if len(rows) > 8 else "")


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(report: ImportReport, lang: str) -> list[str]:
    lines = [f"# {_w('title', lang)}", "", f"{_w('id_scheme', lang)}: {ID_SCHEME[0 if lang == 'zh' else 1]}"]
    for title, headers, rows in _sections(report, lang):
        lines += ["", f"## {title}", ""]
        lines.append("| " + " | ".join(_md_cell(h) for h in headers) + " |")
        lines.append("|" + "---|" * len(headers))
        lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]
    return lines


def _html(report: ImportReport, lang: str) -> str:
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        f"<title>{esc(_w('title', lang))}</title>",
        "<style>body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;"
        "margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}"
        "th{background:#f3f3f3}</style></head><body>",
        f"<h1>{esc(_w('title', lang))}</h1>",
        f"<p>{esc(_w('id_scheme', lang))}: {esc(ID_SCHEME[0 if lang == 'zh' else 1])}</p>",
    ]
    for title, headers, rows in _sections(report, lang):
        parts.append(f"<h2>{esc(title)}</h2><table><thead><tr>")
        parts += [f"<th>{esc(h)}</th>" for h in headers]
        parts.append("</tr></thead><tbody>")
        for row in rows:
            parts.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"

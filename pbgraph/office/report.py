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

from pbgraph._notes import in_table_order, not_recorded_name
from pbgraph._texts import pick, say
from pbgraph._texts.import_report import (
    BUILT,
    FIELDS,
    HOW,
    IDS,
    PARTY_GROUP_HOW,
    REASONS,
    WORDS,
)
from pbgraph._texts.tables import CELLS
from pbgraph.model import ACTIVITY_KIND_ZH, ORG_KIND_ZH, PARTY_ZH, ROLE_ZH, TABLES, LiaisonKind

if TYPE_CHECKING:
    from pbgraph._raw_table import RawTable
    from pbgraph.office._assemble import Assembler
    from pbgraph.office._recognize import Sheet
    from pbgraph.problem import Problem


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
        data["id_scheme"] = _w("id_scheme_text", lang)
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
    # the tables the files do not give: besides what the dataset records as such, no liaison list of any
    # kind, and no activity log (which the analyses that read one tell apart themselves)
    not_recorded = set(assembler.report.not_recorded)
    if all(f"liaisons:{kind}" in not_recorded for kind in LiaisonKind):
        not_recorded.add("liaisons")
    if not assembler.by_kind.get("activities"):
        not_recorded.add("activities")
    table_rows = {}
    for name, raw in tables.items():
        if name in not_recorded:
            table_rows[name] = {"rows": len(raw.frame), "from": "not_recorded", "ids": ""}
            continue
        origin = built.get(name, "sheet")
        if name == "liaisons" and origin == "sheet":
            origin = "lists"
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
        not_recorded=in_table_order(not_recorded - {"liaisons"}),
    )


def _w(key: str, lang: str) -> str:
    return pick(WORDS[key], lang)


def _pick(table: dict[str, tuple[str, str]], key: str, lang: str) -> str:
    return pick(table.get(key, (key, key)), lang)


def _code_name(column: str, code: str, lang: str) -> str:
    if code == "?":
        return _w("unknown_code", lang)
    if lang == "en":
        return code
    names: dict[str, str] = {
        "party": PARTY_ZH,
        "kind": ORG_KIND_ZH,
        "role": ROLE_ZH,
        "activity_kind": ACTIVITY_KIND_ZH,
    }.get(column, {})
    return say(CELLS, "code_named", lang, name=names.get(code, code), code=code)


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
            _w("list_separator", lang).join(
                f"{_pick(REASONS, r, lang)}: {_rows(rows)}" for r, rows in s["skipped"].items()
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
                [[c["header"], _pick(FIELDS, c["field"], lang)] for c in s["columns"]],
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
                        _pick(REASONS, i["reason"], lang),
                    ]
                    for i in report.ignored
                ],
            )
        )
    norm_rows = [
        [_pick(FIELDS, column, lang), v["value"], _code_name(column, v["code"], lang), str(v["count"])]
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
            [[_pick(HOW, how, lang), str(n)] for how, n in sorted(report.names.items())],
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
                    _pick(BUILT, t["from"], lang),
                    pick(IDS.get(t["ids"], ("", "")), lang),
                ]
                for name, t in report.tables.items()
            ],
        )
    )
    if report.party_group:
        sections.append(
            (
                _w("party_group", lang),
                [_w("from", lang), _w("count", lang)],
                [[_pick(PARTY_GROUP_HOW, how, lang), str(n)] for how, n in report.party_group.items()],
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
    lines = [f"# {_w('title', lang)}", "", f"{_w('id_scheme', lang)}: {_w('id_scheme_text', lang)}"]
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
        f"<p>{esc(_w('id_scheme', lang))}: {esc(_w('id_scheme_text', lang))}</p>",
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

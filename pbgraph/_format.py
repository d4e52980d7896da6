"""Turning result rows into what people read: translated headers and values, aligned text tables (CJK is
double width), CSV and JSON. Shared by the CLI, the exports and the report so every output says the same.
"""

from __future__ import annotations

import json
import math
import unicodedata
from typing import Any

import numpy as np
import pandas as pd

from pbgraph._write import csv_safe
from pbgraph.model import NODE_KIND_ZH, ORG_KIND_ZH, PARTY_ZH, ROLE_ZH

NA = "n/a"

COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "committee": ("政协", "committee"),
    "committee_name": ("政协名称", "committee name"),
    "id": ("编号", "id"),
    "name": ("名称", "name"),
    "party": ("政治面貌", "party"),
    "sector": ("界别", "sector"),
    "township": ("镇街", "township"),
    "roles": ("职务", "roles"),
    "party_group": ("党组成员", "party-group member"),
    "enterprise": ("委员企业", "enterprise"),
    "group": ("界别联组", "sector group"),
    "kind": ("类型", "kind"),
    "parent": ("上级", "parent"),
    "member": ("委员", "member"),
    "organization": ("组织", "organization"),
    "role": ("职务", "role"),
    "source": ("联系人", "source"),
    "target": ("联系对象", "target"),
    "since": ("开始日期", "since"),
    "note": ("备注", "note"),
    "members": ("委员数", "members"),
    "cpc_members": ("党员委员", "CPC members"),
    "organized_cpc_members": ("已组织党员委员", "organized CPC members"),
    "organization_rate": ("组织覆盖率", "organization coverage"),
    "non_party_members": ("党外委员", "non-party members"),
    "linked_non_party_members": ("已联系党外委员", "linked non-party members"),
    "work_rate": ("工作覆盖率", "work coverage"),
    "unlinked": ("未联系党外委员", "unlinked"),
    "unorganized": ("未组织党员委员", "unorganized"),
    "sector_gaps": ("界别缺口", "sector gaps"),
    "township_gaps": ("镇街缺口", "township gaps"),
    "platform_gaps": ("平台缺口", "platform gaps"),
    "overloaded": ("联系过多", "overloaded"),
    "idle": ("未联系任何党外委员", "idle"),
    "fragile": ("仅一人联系", "fragile"),
    "temporary_only": ("仅在临时党支部", "temporary branch only"),
    "gap": ("缺口", "gap"),
    "sectors": ("界别数", "sectors"),
    "townships": ("镇街数", "townships"),
    "contacts": ("联系群众数", "contacts"),
    "party_group_members": ("党组成员数", "party-group members"),
    "reached_members": ("覆盖委员", "reached members"),
    "share": ("覆盖比例", "share"),
    "load": ("联系党外委员数", "load"),
    "liaised_by": ("唯一联系人", "liaised by"),
    "sole_liaison_count": ("唯一联系的党外委员数", "sole liaison of"),
    "betweenness": ("中介中心性", "betweenness"),
    "severity": ("级别", "severity"),
    "code": ("代码", "code"),
    "file": ("文件", "file"),
    "sheet": ("工作表", "sheet"),
    "row": ("行", "row"),
    "column": ("列", "column"),
    "value": ("值", "value"),
    "message": ("说明", "message"),
    "table": ("表", "table"),
    "count": ("数量", "count"),
}

VALUE_LABELS: dict[str, tuple[str, str]] = {
    "no_liaison": ("无党组成员联系", "no party-group liaison"),
    "no_first_convener": ("无第一召集人", "no first convener"),
    "first_convener_not_cpc": ("第一召集人非中共党员", "first convener not CPC"),
    "no_liaison_group": ("无镇街联络组", "no liaison group"),
    "no_cpc_in_liaison_group": ("联络组无党员委员", "no CPC member in liaison group"),
    "no_township_liaison": ("无党员委员联系", "no CPC township liaison"),
    "sector_group": ("界别联组", "sector group"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
}

RATE_COLUMNS = frozenset({"organization_rate", "work_rate", "share"})
ENUM_COLUMNS: dict[str, dict[str, str]] = {
    "party": {str(k): v for k, v in PARTY_ZH.items()},
    # the `kind` columns of result rows name node or organization kinds (never liaison kinds)
    "kind": {str(k): v for k, v in ORG_KIND_ZH.items()} | {str(k): v for k, v in NODE_KIND_ZH.items()},
    "role": {str(k): v for k, v in ROLE_ZH.items()},
}


def column_label(column: str, lang: str) -> str:
    labels = COLUMN_LABELS.get(column)
    return column if labels is None else labels[0 if lang == "zh" else 1]


def format_rate(value: Any) -> str:
    """A rate as a percentage, "n/a" when there was nothing to divide."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NA
    return f"{float(value) * 100:.1f}%"


def _cell(column: str, value: Any, lang: str) -> str:
    if column in RATE_COLUMNS:
        return format_rate(value)
    if isinstance(value, (bool, np.bool_)):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.4f}"
    if value is None:
        return ""
    text = str(value)
    if column == "committee_name" and text == "全部":
        return text if lang == "zh" else "(all)"
    if column == "gap" or column == "severity":
        labels = VALUE_LABELS.get(text)
        return text if labels is None else labels[0 if lang == "zh" else 1]
    if lang == "zh" and column in ENUM_COLUMNS:
        return ENUM_COLUMNS[column].get(text, text)
    return text


def display_frame(frame: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The frame as people read it: translated headers, labelled values, rates as percentages."""
    columns = {c: [_cell(c, v, lang) for v in frame[c].tolist()] for c in frame.columns}
    return pd.DataFrame(
        {column_label(c, lang): values for c, values in columns.items()},
        index=range(len(frame)),
        dtype=object,
    )


def text_width(text: str) -> int:
    """Columns a string takes in a terminal (wide CJK characters count twice)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def text_table(frame: pd.DataFrame, lang: str = "zh", *, limit: int | None = None) -> str:
    """An aligned plain-text table; at most `limit` rows, then a line saying how many more."""
    shown = display_frame(frame if limit is None else frame.head(limit), lang)
    headers = list(shown.columns)
    rows = [[str(v).replace("\n", " ") for v in r] for r in shown.itertuples(index=False)]
    widths = [max([text_width(h), *(text_width(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    numeric = [bool(rows) and all(_numberish(r[i]) for r in rows) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - text_width(cell))
            out.append(pad + cell if numeric[i] else cell + pad)
        return "  ".join(out).rstrip()

    lines = [line(headers), "  ".join("-" * w for w in widths)]
    lines += [line(r) for r in rows]
    if not rows:
        lines.append("（无）" if lang == "zh" else "(none)")
    if limit is not None and len(frame) > limit:
        more = len(frame) - limit
        lines.append(f"…… 另有 {more} 行" if lang == "zh" else f"... {more} more rows")
    return "\n".join(lines)


def _numberish(text: str) -> bool:
    return bool(text) and (text == NA or text.rstrip("%").replace(".", "", 1).lstrip("-").isdigit())


def csv_text(frame: pd.DataFrame, lang: str = "zh") -> str:
    """CSV with translated headers and values (what an analyst opens in Excel); a text cell that a
    spreadsheet would run as a formula starts with `'` (DESIGN 5)."""
    shown = display_frame(frame, lang)
    safe = shown.copy()
    for position in range(shown.shape[1]):
        safe.isetitem(position, csv_safe(shown.iloc[:, position]).to_numpy())
    return safe.to_csv(index=False, lineterminator="\n")


def json_ready(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Records with plain JSON values (codes, not labels; rates as fractions or null)."""
    records = []
    for record in frame.to_dict("records"):
        clean = {}
        for key, value in record.items():
            if isinstance(value, np.generic):
                value = value.item()
            if isinstance(value, float) and math.isnan(value):
                value = None
            clean[str(key)] = value
        records.append(clean)
    return records


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


COLUMN_LABELS.update(
    {
        "sector_groups": ("界别联组数", "sector groups"),
        "party_organizations": ("党组织数", "party organizations"),
        "platforms": ("平台数", "platforms"),
        "organizations": ("组织数", "organizations"),
        "sector_liaisons": ("联系界别（条）", "sector liaisons"),
        "member_liaisons": ("联系党外委员（条）", "member liaisons"),
        "township_liaisons": ("联系镇街（条）", "township liaisons"),
        "contact_liaisons": ("联系群众（条）", "contact liaisons"),
        "committee_members": ("政协委员数", "committee members"),
    }
)

TABLE_TITLES: dict[str, tuple[str, str]] = {
    "coverage": ("覆盖率", "Coverage"),
    "league": ("各政协排名", "League table"),
    "unlinked": ("未联系党外委员", "Unlinked non-party members"),
    "unorganized": ("未组织党员委员", "Unorganized CPC members"),
    "sectors": ("界别缺口", "Sector gaps"),
    "townships": ("镇街缺口", "Township gaps"),
    "platforms": ("平台缺口", "Platform gaps"),
    "reach": ("联系链覆盖", "Reach per liaison source"),
    "party_groups": ("党组覆盖", "Reach per party group"),
    "load": ("联系负担", "Liaison load"),
    "fragile": ("仅一人联系", "Fragile links"),
    "distribution": ("负担分布", "Load distribution"),
    "connectors": ("关键联系人", "Connectors"),
    "info": ("数据概况", "Dataset counts"),
    "problems": ("数据问题", "Problems"),
}


def table_title(name: str, lang: str) -> str:
    titles = TABLE_TITLES.get(name)
    return name if titles is None else titles[0 if lang == "zh" else 1]

"""Every word the rendered views show, in Chinese and English.

Keys name the text, values are ``(zh, en)`` pairs; the page's own UI strings (``DEFAULT_LABELS_*``) are one
dict per language because a page overrides them key by key.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "DEFAULT_LABELS_EN",
    "DEFAULT_LABELS_ZH",
    "GAP_LABELS",
    "LEGEND_SHORT",
    "TEXT",
    "TOOLTIP",
    "gap_names",
    "legend_words",
    "t",
]

DEFAULT_LABELS_ZH: dict[str, str] = {
    "lang": "zh-CN",
    "search_placeholder": "搜索节点名称或编号",
    "search_button": "查找",
    "search_found": "已定位：{label}（第 {index}/{count} 个）",
    "no_match": "未找到匹配的节点",
    "filter_all": "全部",
    "reset": "重置",
    "old_browser": "此视图数据较大，需要较新的浏览器（Chrome/Edge 80、Firefox 113、Safari 16.4 或更新版本）",
    "legend": "图例",
    "shown": "显示 {shown}/{total} 个节点",
    "tooltip_separator": "：",
    "legend_count": "{label}（{count}）",
    "filter.kind": "类型",
    "filter.party": "党派",
    "filter.sector": "界别",
    "filter.township": "镇街",
    "filter_value": "{value}（{count}）",
    "path_from": "起点（姓名）",
    "path_to": "终点（姓名）",
    "path_button": "查找联系链",
    "path_found": "联系链：{steps} 步",
    "path_none": "{from} 与 {to} 之间没有联系链",
    "path_unknown": "未找到“{name}”",
    "close": "关闭",
    "hint": "单击：详情 · 双击：展开/收起 · 滚轮：缩放 · /：搜索 · Esc：清除",
    "details_gaps": "缺口",
    "details_inside": "包含 {count} 项",
    "details_out": "发出的联系（{count}）",
    "details_in": "收到的联系（{count}）",
    "counts_yes": "计入",
    "counts_no": "不计入",
    "not_counting_suffix": "（不计入）",
    "expand": "展开",
    "collapse": "收起",
    "none": "（无）",
    "edges_folded": "{count} 条连线（已汇总）",
    "time_label": "日期",
    "time_hint": "按日期回放：该日之后建立的联系不显示，该日之前 12 个月内无活动的联系变浅",
    "time_last": "截至该日最近一次活动：{date}",
    "time_never": "截至该日无活动",
    "time_dormant": "休眠",
}

DEFAULT_LABELS_EN: dict[str, str] = {
    "lang": "en",
    "search_placeholder": "Search node name or id",
    "search_button": "Find",
    "search_found": "Found: {label} ({index} of {count})",
    "no_match": "No matching node",
    "filter_all": "All",
    "reset": "Reset",
    "old_browser": (
        "This view is large and needs a newer browser (Chrome/Edge 80, Firefox 113, Safari 16.4 or later)"
    ),
    "legend": "Legend",
    "shown": "Showing {shown} of {total} nodes",
    "tooltip_separator": ": ",
    "legend_count": "{label} ({count})",
    "filter.kind": "Kind",
    "filter.party": "Party",
    "filter.sector": "Sector",
    "filter.township": "Township",
    "filter_value": "{value} ({count})",
    "path_from": "From (name)",
    "path_to": "To (name)",
    "path_button": "Find chain",
    "path_found": "Liaison chain: {steps} steps",
    "path_none": "No liaison chain between {from} and {to}",
    "path_unknown": "Not found: {name}",
    "close": "Close",
    "hint": "Click: details · double-click: expand/collapse · wheel: zoom · /: search · Esc: clear",
    "details_gaps": "Gaps",
    "details_inside": "Holds {count}",
    "details_out": "Liaisons out ({count})",
    "details_in": "Liaisons in ({count})",
    "counts_yes": "counts",
    "counts_no": "does not count",
    "not_counting_suffix": " (does not count)",
    "expand": "Expand",
    "collapse": "Collapse",
    "none": "(none)",
    "edges_folded": "{count} edges (folded)",
    "time_label": "Date",
    "time_hint": (
        "Replay by date: liaisons made after the date are hidden, those without activity in the 12 months "
        "up to it are faded"
    ),
    "time_last": "Last activity up to the date: {date}",
    "time_never": "No activity up to the date",
    "time_dormant": "dormant",
}

GAP_LABELS: dict[str, tuple[str, str]] = {
    "unlinked": ("未联系的党外委员", "unlinked non-party member"),
    "unorganized": ("未组织的党员委员", "unorganized CPC member"),
    "sector": ("界别缺口", "sector gap"),
    "township": ("镇街缺口", "township gap"),
    "platform": ("平台缺口", "platform gap"),
    "overloaded": ("联系过多", "overloaded"),
}
TEXT: dict[str, tuple[str, str]] = {
    "network": ("组织网络", "Network"),
    "org": ("党组织体系（两条线）", "Party organization tree"),
    "sector": ("界别", "Sector"),
    "township": ("镇街", "Township"),
    "member": ("委员关系", "Member"),
    "committee": ("政协", "Committee"),
    "gaps": ("覆盖缺口", "Coverage gaps"),
    "reach": ("联系链覆盖", "Reach"),
    "members": ("委员", "members"),
    "reached_members": ("触达委员", "members reached"),
    "centre": ("起点（本人）", "source (the centre)"),
    "nodes": ("节点", "nodes"),
    "edges": ("连线", "edges"),
    "dataset": ("数据集", "dataset"),
    "by.sector": ("界别", "sector"),
    "by.committee": ("政协", "committee"),
    "not_counting": ("不计入的联系（虚线）", "liaison that does not count (dashed)"),
    "structure": ("所属关系", "belongs to"),
    "hop": ("第 {hop} 跳", "hop {hop}"),
    "none": ("（无）", "(none)"),
    "people": ("{label}（{count} 人）", "{label} ({count})"),
    "cpc_members": ("党员委员", "CPC members"),
    "gap_suffix": (" · 缺口 {count}", " · {count} in gaps"),
    "drilldown": (
        "节点超过 {limit} 个：委员已按{by}聚合为 {count} 个汇总节点（双击展开，搜索可直接定位到其中的委员）；"
        "{contacts} 个联系群众计为其委员的“联系群众”数，另有 {others} 个界别、镇街与组织节点未显示。",
        "More than {limit} nodes: members are folded by {by} into {count} super-nodes (double-click to open; "
        "search finds the members inside); {contacts} contacts are counted on their members, {others} "
        "sector, township and organization nodes are not shown.",
    ),
    "drilldown_groups": (
        "节点超过 {limit} 个：委员已按{by}聚合为 {count} 个汇总节点（双击展开至界别）；"
        "委员过多，文件中不含单个委员，请用 --committee 查看明细；"
        "{contacts} 个联系群众计为其委员的“联系群众”数，另有 {others} 个界别、镇街与组织节点未显示。",
        "More than {limit} nodes: members are folded by {by} into {count} super-nodes (double-click to open "
        "down to sectors); too many members to hold each in the file: use --committee for them; "
        "{contacts} contacts are counted on their members, {others} sector, township and organization nodes "
        "are not shown.",
    ),
    "contacts_folded": (
        "节点超过 {limit} 个：{contacts} 个联系群众计为其委员的“联系群众”数（见详情）。",
        "More than {limit} nodes: {contacts} contacts are counted on their members (see the details).",
    ),
    "contacts_counted": (
        "联系群众不单独显示：{contacts} 个联系群众计为其委员的“联系群众”数（见详情）。",
        "Contacts are not drawn: {contacts} contacts are counted on their members (see the details).",
    ),
    "by.group": ("汇总节点", "super-node"),
    # a contact node in a legend, in other words than the 联系群众 (contact liaison) edges drawn to it
    "contact_node": ("委员联系的群众", "contact: a person a member liaises with"),
    "own_gaps": ("本界别的缺口", "the sector's own gaps"),
    "lane": ("分组", "Lane"),
    "lane.office": ("机关线", "office line"),
    "lane.duty": ("履职线", "duty line"),
    "lane.platforms": ("平台及其党组织", "platforms and their party organizations"),
    "lane.temporary": ("临时党支部", "temporary branches"),
    "orgs_in": ("{label}（{count} 个组织）", "{label} ({count} organizations)"),
    "org_folded": (
        "共 {count} 个政协：每个政协折叠为一个节点，双击展开其组织体系（或用 --committee 只看一个政协）。",
        "{count} committees: each is folded into one node; double-click to open its organizations (or use "
        "--committee for one committee).",
    ),
    "org_box": ("组织（成员人数）；双击显示成员", "organization (members); double-click shows them"),
    "org_committee_folded": (
        "政协（组织数）已折叠；双击展开",
        "folded committee (organizations); double-click opens it",
    ),
    "share.none": ("无缺口", "no gaps"),
    "share.low": ("缺口占比 ≤ 10%", "gaps ≤ 10 %"),
    "share.mid": ("缺口占比 10%–25%", "gaps 10–25 %"),
    "share.high": ("缺口占比 > 25%", "gaps > 25 %"),
    "does_not_count": ("（不计入）", " (does not count)"),
    "dormant": ("统计期内无活动的联系（浅色）", "liaison without activity in the period (faded)"),
    "dormant_suffix": (" · 统计期内无活动，最近一次：", " · no activity in the period, last: "),
    "never": ("无", "none"),
    "not_recorded": ("未提供", "not recorded"),
    "reach_source": (
        "起点：{name}（不计入触达委员）。",
        # a sentence before the folded view's notice: a space after it
        "Source: {name} (not counted among the members reached). ",
    ),
    "needs_id": ("此视图需要一个编号（{table}）", "this view needs an id ({table})"),
    "unknown_id": (
        "未知的编号“{id}”：此视图需要{kind}的编号或名称",
        "unknown id '{id}': this view needs a {kind} id or name",
    ),
    "wrong_kind_id": (
        "“{id}”是{actual}，不是{kind}：此视图需要{kind}的编号或名称",
        "'{id}' is not a {kind} (its kind: {actual}): this view needs a {kind} id or name",
    ),
}
LEGEND_SHORT: dict[str, tuple[str, str]] = {
    "unlinked": ("未联系的党外委员", "unlinked non-party"),
    "unorganized": ("未组织的党员委员", "unorganized CPC"),
    "dormant": ("未开展活动的联系", "dormant liaison"),
    "not_counting": ("不计入的联系", "liaison not counted"),
    "org_committee_folded": ("政协（组织数）已折叠", "folded committee"),
    "org_box": ("组织（成员人数）", "organization (members)"),
    "lane.platforms": ("平台及其党组织", "platforms and party orgs"),
    "broken": ("中断的联系", "broken liaison"),
    "contact_node": ("联系对象", "contact"),
}
"""A view legend's short form of a text too long for one line of the legend beside its count (a 1280×720
window), as `PARTY_EN_SHORT` is for the parties; the full wording stays in the entry's tooltip and the
PNG/SVG picture's legend. Keyed by the full text's key in `TEXT`, `GAP_LABELS` or the comparisons' `CHANGES`
(a key of one of them only); where the short form is the full text itself, the entry has no tooltip."""
TOOLTIP: dict[str, tuple[str, str]] = {
    "name": ("名称", "Name"),
    "id": ("编号", "Id"),
    "kind": ("类型", "Kind"),
    "party": ("政治面貌", "Party"),
    "sector": ("界别", "Sector"),
    "township": ("镇街", "Township"),
    "roles": ("职务", "Roles"),
    "committee": ("政协", "Committee"),
    "liaises": ("联系党外委员", "Liaises with (non-party)"),
    "liaised": ("被党员委员联系", "Liaised by CPC members"),
    "contacts": ("联系群众", "Contacts"),
    "members": ("委员数", "Members"),
    "elsewhere": ("其中显示在另一政协下", "Of them drawn under another committee"),
    "gap": ("缺口", "Gap"),
    "hop": ("跳数", "Hop"),
}


def t(key: str, lang: str, table: dict[str, tuple[str, str]] = TEXT) -> str:
    """The text of `key` in `lang` ("zh", else English)."""
    zh, en = table[key]
    return zh if lang == "zh" else en


def legend_words(key: str, lang: str, table: dict[str, tuple[str, str]] = TEXT) -> tuple[str, str | None]:
    """A legend entry's label for the text `key` of `table` in `lang`, and the full wording where the label is
    its short form (`LEGEND_SHORT`): the entry's tooltip and the picture's text; ``None`` where it is not."""
    full = t(key, lang, table)
    short = t(key, lang, LEGEND_SHORT) if key in LEGEND_SHORT else full
    return short, (full if short != full else None)


def gap_names(kinds: Iterable[str], lang: str) -> str:
    """The names of gap kinds (keys of `GAP_LABELS`) in one line, "" for none."""
    return ("；" if lang == "zh" else "; ").join(t(kind, lang, GAP_LABELS) for kind in kinds)

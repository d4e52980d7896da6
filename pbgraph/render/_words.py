"""Every word the rendered views show, in Chinese and English, in one place.

Keys name the text, values are ``(zh, en)`` pairs (``LABELS`` are the page's UI strings, kept as one dict per
language because the page overrides them key by key). The core's ``pbgraph._texts`` can take them over as is.
"""

from __future__ import annotations

__all__ = ["DEFAULT_LABELS_EN", "DEFAULT_LABELS_ZH", "GAP_LABELS", "TEXT", "TOOLTIP", "t"]

DEFAULT_LABELS_ZH: dict[str, str] = {
    "lang": "zh-CN",
    "search_placeholder": "搜索节点名称或编号",
    "search_button": "查找",
    "search_found": "已定位：{label}（第 {index}/{count} 个）",
    "no_match": "未找到匹配的节点",
    "filter_all": "全部",
    "reset": "重置",
    "legend": "图例",
    "shown": "显示 {shown}/{total} 个节点",
    "tooltip_separator": "：",
    "legend_count": "{label}（{count}）",
    "filter.kind": "类型",
    "filter.party": "党派",
    "filter.sector": "界别",
    "filter.township": "镇街",
}

DEFAULT_LABELS_EN: dict[str, str] = {
    "lang": "en",
    "search_placeholder": "Search node name or id",
    "search_button": "Find",
    "search_found": "Found: {label} ({index} of {count})",
    "no_match": "No matching node",
    "filter_all": "All",
    "reset": "Reset",
    "legend": "Legend",
    "shown": "Showing {shown} of {total} nodes",
    "tooltip_separator": ": ",
    "legend_count": "{label} ({count})",
    "filter.kind": "Kind",
    "filter.party": "Party",
    "filter.sector": "Sector",
    "filter.township": "Township",
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
    "nodes": ("节点", "nodes"),
    "edges": ("连线", "edges"),
    "dataset": ("数据集", "dataset"),
    "aggregated": (
        "节点超过 {limit} 个，已将委员按{by}聚合为 {count} 个汇总节点（另有 {hidden} 个联系群众未显示）。"
        "可用 --committee 或 --node-limit 查看明细。",
        "More than {limit} nodes: members are aggregated by {by} into {count} super-nodes ({hidden} contacts "
        "hidden). Use --committee or --node-limit for detail.",
    ),
    "by.sector": ("界别", "sector"),
    "by.township": ("镇街", "township"),
    "by.committee": ("政协", "committee"),
    "not_counting": ("不计入的联系（虚线）", "liaison that does not count (dashed)"),
    "structure": ("所属关系", "belongs to"),
    "hop": ("第 {hop} 跳", "hop {hop}"),
    "none": ("（无）", "(none)"),
    "people": ("{label}（{count} 人）", "{label} ({count})"),
    "cpc_members": ("党员委员", "CPC members"),
    "gap_count": ("缺口 {count}", "{count} gaps"),
    "member_liaisons": ("联系党外委员 {count} 条", "{count} member liaisons"),
    "member_liaison_legend": ("联系党外委员", "member liaisons"),
    "does_not_count": ("（不计入）", " (does not count)"),
    "liaison": ("{kind}", "{kind} liaison"),
    "unknown_committee": ("未知的政协编号“{id}”", "unknown committee id '{id}'"),
    "needs_id": ("此视图需要一个编号（{table}）", "this view needs an id ({table})"),
    "unknown_id": ("未知的编号“{id}”（不是{kind}）", "unknown {kind} id '{id}'"),
}
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
    "gap": ("缺口", "Gap"),
    "hop": ("跳数", "Hop"),
}


def t(key: str, lang: str, table: dict[str, tuple[str, str]] = TEXT) -> str:
    """The text of `key` in `lang` ("zh", else English)."""
    zh, en = table[key]
    return zh if lang == "zh" else en

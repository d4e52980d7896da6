"""The words of the report page (`pbgraph report`), Chinese first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# every piece of text of the page, Chinese first
TEXT: dict[str, tuple[str, str]] = {
    "measure": ("指标", "Measure"),
    "counted": ("{title}（{n}）", "{title} ({n})"),
    "name_id": ("{name}（{id}）", "{name} ({id})"),
    "list_separator": ("、", ", "),
    "value": ("数值", "Value"),
    "f_activity": (
        "{total} 条联系中 {active} 条在统计期内有活动（{share}），有效联系率 {effective}；"
        "{dormant} 条联系只在纸面上，{silent} 个履职党组织未开展组织生活，{below} 名党员委员组织生活不足。",
        "{active} of {total} liaisons were active in the period ({share}); effective liaison rate "
        "{effective}; {dormant} liaisons exist on paper only, {silent} duty-line organizations held no "
        "meeting, {below} CPC members had too little organizational life.",
    ),
    "f_org_life": (
        "{total} 个履职党组织中 {silent} 个在统计期内未开展组织生活，{below} 名党员委员组织生活不足。",
        "{silent} of {total} duty-line organizations held no meeting in the period; {below} CPC members "
        "had too little organizational life.",
    ),
    "c_activity": ("每月活动", "Activities per month"),
    "c_liaison_activities": ("联系活动", "Liaison activities"),
    "c_meetings": ("组织生活", "Meetings"),
    "dormant_by_member": ("未开展活动的联系（按党员委员）", "Dormant liaisons by CPC member"),
    "silent_orgs": ("未开展组织生活的履职党组织", "Duty-line organizations without meetings"),
    "kicker": ("政协党建“一网三联”分析报告", "CPPCC party-building network report"),
    "title": ("{scope} 党建“一网三联”分析报告", "{scope}: party-building network report"),
    "system": ("{name}系统", "{name} system"),
    "dataset": ("数据集", "Dataset"),
    "as_of": ("网络截至", "Network as of"),
    "as_of_value": (
        "{date}（此后开始的联系、此后的活动不计）",
        "{date} (liaisons begun and activities held later are left out)",
    ),
    "committees": ("政协", "Committees"),
    "committees_many": ("{n} 个：{names} 等", "{n}: {names} …"),
    "date": ("日期", "Date"),
    "counts": ("规模", "Size"),
    "counts_value": (
        "委员 {members} 名（党员委员 {cpc}，党外委员 {np}，党组成员 {pg}）· {sectors} · {townships} · "
        "{organizations} · {liaisons} · {contacts}",
        "{members} members ({cpc} CPC, {np} non-party, {pg} party-group) · {sectors} · {townships} · "
        "{organizations} · {liaisons} · {contacts}",
    ),
    "count_sectors": ("界别 {n}", "{n} sectors"),
    "count_townships": ("镇街 {n}", "{n} townships"),
    "count_organizations": ("组织 {n}", "{n} organizations"),
    "count_liaisons": ("联系 {n} 条", "{n} liaisons"),
    "count_contacts": ("联系群众 {n} 名", "{n} contacts"),
    # a table the dataset does not give, by its name (not_recorded_name): not 0 (DESIGN 3)
    "count_unrecorded": ("{name} 未提供", "{name} not recorded"),
    "redacted": (
        "已脱敏：委员和联系群众的姓名均以代号（如 委员A017）代替，备注已隐去，可对外提供。",
        "Redacted: every member's and contact's name is replaced by a pseudonym (e.g. Member A017), and "
        "notes are withheld.",
    ),
    "kpi_org": ("党的组织覆盖率", "Organization coverage"),
    "kpi_org_sub": (
        "{total} 名党员委员中 {done} 名已编入党组织",
        "{done} of {total} CPC members are organized",
    ),
    "kpi_org_sub_unrecorded": (
        "{total} 名党员委员；未提供{names}，已编入党组织的人数不详",
        "{total} CPC members; {names} not recorded, so how many are organized is unknown",
    ),
    "kpi_org_gap": ("未编入党组织 <b>{n}</b> 人", "<b>{n}</b> not organized"),
    "kpi_org_gap_unrecorded": ("未编入党组织：未提供", "not organized: not recorded"),
    "kpi_work": ("党的工作覆盖率", "Work coverage"),
    "kpi_work_sub": (
        "{total} 名党外委员中 {done} 名已有党员委员联系",
        "{done} of {total} non-party members are liaised by a CPC member",
    ),
    "kpi_work_sub_unrecorded": (
        "{total} 名党外委员；未提供{names}，已有党员委员联系的人数不详",
        "{total} non-party members; {names} not recorded, so how many are liaised is unknown",
    ),
    "kpi_work_gap": ("尚未联系 <b>{n}</b> 人", "<b>{n}</b> not liaised"),
    "kpi_work_gap_unrecorded": ("尚未联系：未提供", "not liaised: not recorded"),
    # with --compare, under each rate: the earlier state's, and the change in points of the rates as shown
    "kpi_before": ("与上次比较：{before}{change}", "Last time: {before}{change}"),
    "kpi_up": ("，上升 {points} 个百分点", ", up {points} points"),
    "kpi_down": ("，下降 {points} 个百分点", ", down {points} points"),
    "kpi_same": ("，持平", ", unchanged"),
    "toc": ("目录", "Contents"),
    "none": ("（无）", "(none)"),
    "more_rows": (
        "另有 {n} 行未列出，完整列表见 Excel 导出{where}。",
        "{n} more rows: see the Excel export{where}.",
    ),
    "more_where": ("（{file}）", " ({file})"),
    "more_where_cli": ("（pbgraph export 数据集 --to xlsx）", " (pbgraph export DATASET --to xlsx)"),
    "more_where_compare": (
        "（pbgraph report 新数据集 --compare 旧数据集 --xlsx 报告.xlsx，"
        "或 pbgraph diff 旧数据集 新数据集 --format xlsx -o 变化.xlsx）",
        " (pbgraph report NEW --compare OLD --xlsx report.xlsx, or pbgraph diff OLD NEW --format xlsx"
        " -o changes.xlsx)",
    ),
    "top_rows": ("按{by}排序，显示前 {n} 行。", "Sorted by {by}; the first {n} rows are shown."),
    "view_caption": (
        "交互图：可拖动、缩放，悬停查看详情，可搜索和筛选。",
        "Interactive: drag, zoom, hover for details, search and filter.",
    ),
    "footer_generated": ("由 pbgraph {version} 生成，{date}。", "Generated by pbgraph {version} on {date}."),
    "footer_defs": ("口径说明", "Definitions"),
    "counting_title": ("计入的联系", "Counting liaisons"),
    "warnings_finding": (
        "加载数据时有 {n} 个警告：这些数据已加载，但可能有误，请核对。",
        "Loading gave {n} warning(s): the data was loaded but may be wrong; please check.",
    ),
    "sampled": (
        "注：网络较大，中介中心性按 {n} 个随机起点（固定种子）抽样估算。",
        "Note: betweenness was estimated from {n} sampled sources (fixed seed).",
    ),
    "league_order": (
        "按工作覆盖率、组织覆盖率从低到高排列，再按缺口总数从多到少。",
        "Worst first: by work coverage, then organization coverage, then total gaps.",
    ),
    "sort_reach": ("可达委员数", "members reached"),
    "sort_load": ("联系过多、未联系、负担从高到低", "overloaded, idle, then load (descending)"),
    # findings
    "f_coverage": ("{org}；{work}。", "{org}; {work}."),
    "f_coverage_org": (
        "组织覆盖率 {org}：{cpc} 名党员委员中 {organized} 名已编入党组织",
        "Organization coverage is {org} ({organized} of {cpc} CPC members organized)",
    ),
    "f_coverage_org_unrecorded": (
        "组织覆盖率 {org}：{cpc} 名党员委员，未提供{names}，已编入党组织的人数不详",
        "Organization coverage is {org} ({cpc} CPC members; {names} not recorded, so how many are "
        "organized is unknown)",
    ),
    "f_coverage_work": (
        "工作覆盖率 {work}：{np} 名党外委员中 {linked} 名已有党员委员联系",
        "work coverage is {work} ({linked} of {np} non-party members liaised)",
    ),
    "f_coverage_work_unrecorded": (
        "工作覆盖率 {work}：{np} 名党外委员，未提供{names}，已有党员委员联系的人数不详",
        "work coverage is {work} ({np} non-party members; {names} not recorded, so how many are liaised "
        "is unknown)",
    ),
    "f_unrecorded": ("未提供{names}，{what}无法判断。", "Not recorded: {names}; {what} cannot be told."),
    "f_unrecorded_also": (
        "未提供{names}，{what}无法判断。",
        " Not recorded: {names}; {what} cannot be told.",
    ),
    "u_unlinked": ("哪些党外委员尚未被党员委员联系", "which non-party members no CPC member liaises with"),
    "u_unorganized": ("哪些党员委员未编入党组织", "which CPC members belong to no party organization"),
    "u_sector_liaison": (
        "界别和界别联组是否有党组成员联系",
        "whether sectors and sector groups have a party-group liaison",
    ),
    "u_convener": (
        "界别联组的第一召集人是否为中共党员",
        "whether the sector groups' first conveners are CPC",
    ),
    "u_liaison_group": ("各镇街是否有联络组", "whether each township has a liaison group"),
    "u_cpc_in_group": ("联络组中是否有党员委员", "whether its liaison group has a CPC member"),
    "u_township_liaison": ("镇街是否有党员委员联系", "whether a CPC member liaises with it"),
    "u_platforms": (
        "委员工作室、联络站和学习组是否有党组织或党员指导员",
        "whether studios, stations and study groups have a party organization or a CPC instructor",
    ),
    "u_party_groups": ("各党组的联系链覆盖", "the reach of each party group"),
    "u_load": ("党员委员的联系负担", "the liaison load of the CPC members"),
    "u_connectors": ("谁是党外委员的唯一联系人", "who is the only liaison of a non-party member"),
    "u_org_life": (
        "履职党组织是否开展组织生活、党员委员组织生活是否足够",
        "whether duty-line organizations met and CPC members had enough organizational life",
    ),
    "f_sectors_none": ("未发现界别缺口。", "No sector gap found."),
    "f_townships_none": ("{total} 个镇街中未发现缺口。", "No gap found in the {total} townships."),
    "f_activity_liaisons": (
        "{total} 条联系中 {active} 条在统计期内有活动（{share}），有效联系率 {effective}；"
        "{dormant} 条联系只在纸面上。",
        "{active} of {total} liaisons were active in the period ({share}); effective liaison rate "
        "{effective}; {dormant} liaisons exist on paper only.",
    ),
    "f_league": ("{n} 个政协中，{parts}；{k} 个政协存在缺口。", "Of {n} committees: {parts}; {k} have gaps."),
    "f_worst_work": ("工作覆盖率最低的是{name}（{rate}）", "the lowest work coverage is {name}'s ({rate})"),
    "f_worst_org": (
        "组织覆盖率最低的是{name}（{rate}）",
        "the lowest organization coverage is {name}'s ({rate})",
    ),
    "f_no_non_party": ("没有党外委员。", "There are no non-party members."),
    "f_all_linked": (
        "所有 {n} 名党外委员都已有党员委员联系。",
        "All {n} non-party members are liaised by a CPC member.",
    ),
    "f_unlinked": (
        "有 {n} 名党外委员尚未被任何党员委员联系，占党外委员的 {share}。",
        "{n} non-party members are not liaised by any CPC member ({share} of non-party members).",
    ),
    "f_most": ("其中{name}最多（{n} 人）。", " Most are in {name} ({n})."),
    "f_no_cpc": ("没有党员委员。", "There are no CPC members."),
    "f_all_organized": (
        "所有 {n} 名党员委员都已编入党组织。",
        "All {n} CPC members are organized in a party organization.",
    ),
    "f_unorganized": (
        "有 {n} 名党员委员未编入任何党组织，占党员委员的 {share}",
        "{n} CPC members belong to no party organization ({share} of CPC members)",
    ),
    "f_temporary": ("；其中 {n} 名仅在临时党支部。", "; {n} of them only to a temporary branch."),
    "f_end": ("。", "."),
    "f_sectors_ok": (
        "每个界别和界别联组都有党组成员联系，第一召集人均为中共党员。",
        "Every sector and sector group is liaised by a party-group member; every first convener is CPC.",
    ),
    "f_sectors": ("发现 {n} 处界别缺口：{parts}。", "{n} sector gaps: {parts}."),
    "g_sector": ("{n} 个界别无党组成员联系", "{n} sectors without a liaison"),
    "g_group": ("{n} 个界别联组无党组成员直接联系", "{n} sector groups without a liaison to the group"),
    "g_convener": ("{n} 个界别联组无第一召集人", "{n} sector groups without a first convener"),
    "g_convener_cpc": (
        "{n} 个界别联组第一召集人不是中共党员",
        "{n} sector groups whose first convener is not CPC",
    ),
    "f_no_townships": ("数据中没有镇街。", "The dataset has no townships."),
    "f_townships_ok": (
        "{n} 个镇街都有联络组，联络组中有党员委员，并有党员委员联系。",
        "All {n} townships have a liaison group with a CPC member and a CPC liaison.",
    ),
    "f_townships": (
        "{total} 个镇街中有 {n} 个存在缺口：{parts}。",
        "{n} of {total} townships have gaps: {parts}.",
    ),
    "g_no_group": ("{n} 个没有镇街联络组", "{n} without a liaison group"),
    "g_no_cpc": ("{n} 个联络组中没有党员委员", "{n} with no CPC member in the liaison group"),
    "g_no_liaison": ("{n} 个没有党员委员联系", "{n} without a CPC liaison"),
    "f_no_platforms": ("数据中没有委员工作室、联络站或学习组。", "The dataset has no platforms."),
    "f_platforms_ok": (
        "{n} 个委员工作室、联络站和学习组都有党组织或党员指导员。",
        "All {n} studios, stations and study groups have a party organization or a CPC instructor.",
    ),
    "f_platforms": (
        "{total} 个委员工作室、联络站和学习组中，有 {n} 个既无党组织也无党员指导员。",
        "{n} of {total} studios, stations and study groups have neither a party organization "
        "nor a CPC instructor.",
    ),
    "f_no_group": ("数据中没有党组。", "The dataset has no party group."),
    "f_group": (
        "{name}的 {k} 名党组成员通过联系链覆盖 {n} 名委员，占本级政协委员的 {share}。",
        "The {k} members of {name} reach {n} members through their liaison chains: {share} of the committee.",
    ),
    "f_groups": (
        "{n} 个党组平均覆盖本级政协委员的 {avg}；覆盖最低的是{name}（{share}）。",
        "The {n} party groups reach {avg} of their committee on average; the lowest is {name} ({share}).",
    ),
    "f_widest": (
        "联系面最广的是{name}（{id}），可达 {n} 名委员。",
        " The widest reach is {name} ({id}): {n} members.",
    ),
    "f_load": (
        "{n} 名党员委员平均联系 {avg} 名党外委员；{over} 人联系过多（超过 {max} 名），"
        "{idle} 人未联系任何党外委员；{fragile} 名党外委员仅由一名党员委员联系。",
        "The {n} CPC members liaise with {avg} non-party members on average; {over} are overloaded "
        "(more than {max}), {idle} are idle; {fragile} non-party members depend on one CPC member.",
    ),
    "f_connectors_none": (
        "没有党外委员只依赖一名党员委员联系。",
        "No non-party member depends on a single CPC member.",
    ),
    "f_connectors": (
        "{n} 名党员委员是部分党外委员的唯一联系人；其中{name}（{id}）是 {k} 名党外委员的唯一联系人，"
        "调整其工作前须先安排接替。",
        "{n} CPC members are the only liaison of some non-party members; {name} ({id}) is the only "
        "liaison of {k}: arrange a successor before changing their duties.",
    ),
    # charts
    "c_league": ("各政协覆盖率（最差在前）", "Coverage per committee (worst first)"),
    "c_league_worst": (
        "覆盖率最低的 {n} 个政协（最差在前）",
        "The {n} committees with the lowest coverage (worst first)",
    ),
    "c_townships": ("各镇街党外委员联系情况", "Non-party members per township"),
    "c_linked": ("已联系", "liaised"),
    "c_unlinked": ("未联系", "unlinked"),
    "c_load": ("联系负担分布", "Load distribution"),
    "c_load_x": ("联系的党外委员数", "non-party members liaised with"),
    "c_load_y": ("党员委员人数", "CPC members"),
    "c_limit": ("上限 {n}", "limit {n}"),
}

SECTIONS: dict[str, tuple[str, str]] = {
    "league": ("各政协排名", "League table"),
    "coverage": ("两个全覆盖", "The two coverages"),
    "unlinked": ("未联系的党外委员", "Unlinked non-party members"),
    "unorganized": ("未编入党组织的党员委员", "Unorganized CPC members"),
    "sectors": ("界别联系", "Sector liaison"),
    "townships": ("镇街联系", "Township liaison"),
    "platforms": ("基层平台", "Grassroots platforms"),
    "reach": ("联系链覆盖", "Reach of the liaison chains"),
    "load": ("联系负担", "Liaison load"),
    "connectors": ("关键联系人", "Connectors"),
    "dormant": ("联系实效", "Liaison in practice"),
    "org_life": ("双重组织生活", "Dual organizational life"),
    "warnings": ("数据问题", "Data warnings"),
    "changes": ("与上次比较", "Changes since the earlier dataset"),
}

DEFINITIONS: dict[str, tuple[str, str]] = {
    "coverage": (
        "组织覆盖率 = 已编入党组织（临时党支部除外）的党员委员 / 党员委员；"
        "工作覆盖率 = 至少有一名党员委员联系的党外委员 / 党外委员。没有可统计的人时记为 n/a。",
        "Organization coverage = CPC members in a party organization (temporary branches excluded) / "
        "CPC members; work coverage = non-party members liaised by at least one CPC member / non-party "
        "members; n/a when there is nobody to count.",
    ),
    "counting": (
        "只统计符合类型的联系：党员委员联系党外委员、党组成员联系界别、党员委员联系镇街、委员联系群众；"
        "其他联系已加载但不计入。",
        "Only liaisons that fit their kind count: CPC member → non-party member, party-group member → "
        "sector, CPC member → township, member → contact; the others are loaded but not counted.",
    ),
    "unlinked": (
        "党外委员中没有任何党员委员联系的人。",
        "Non-party members whom no CPC member liaises with.",
    ),
    "unorganized": (
        "党员委员中除临时党支部外不属于任何党组织的人。",
        "CPC members who belong to no party organization other than a temporary branch.",
    ),
    "sectors": (
        "界别本身及其界别联组都没有党组成员联系；界别联组本身没有党组成员联系；"
        "界别联组无第一召集人或第一召集人不是中共党员。",
        "Sectors with no party-group liaison to themselves or their group; sector groups with no "
        "liaison to the group itself; sector groups whose first convener is missing or not CPC.",
    ),
    "townships": (
        "镇街没有联络组、联络组中没有党员委员，或没有党员委员联系。",
        "Townships with no liaison group, no CPC member in their liaison groups, or no CPC liaison.",
    ),
    "platforms": (
        "委员工作室、委员联络站和学习组既没有下属党组织，也没有担任指导员的党员委员。",
        "Studios, stations and study groups with neither a child party organization nor a CPC instructor.",
    ),
    "reach": (
        "从每个联系人出发，沿计入的联系（及界别→其委员、界别联组→其界别）能到达的委员、界别、"
        "镇街和群众（不含本人）。党组覆盖 = 党组成员及其联系链到达的委员占本级政协委员的比例。",
        "From each liaison source: the members, sectors, townships and contacts reachable over "
        "counting liaisons (and sector → its members, sector group → its sectors). A party group's "
        "share = its members and everyone they reach, over the committee's members.",
    ),
    "load": (
        "每名党员委员联系的党外委员人数；超过上限（{max} 名）为联系过多；非党组成员且一人未联系为"
        "未联系任何党外委员；只有一名党员委员联系的党外委员为仅一人联系。",
        "Non-party members per CPC member; above {max} is overloaded; not in the party group and "
        "liaising with nobody is idle; non-party members with exactly one CPC liaison are fragile.",
    ),
    "connectors": (
        "是某些党外委员唯一联系人的党员委员，以及在联系网络中的中介中心性（越高越处在联系链的关键位置）。",
        "CPC members who are the only liaison of some non-party members, with their betweenness in "
        "the liaison network (higher = more of the chains run through them).",
    ),
    "dormant": (
        "统计期 {since} 至 {until}（默认为最近一次活动日前 12 个月）。一条计入的联系在期内有谈心谈话、走访、"
        "电话联系或座谈把双方联系起来即为有活动；有效联系率 = 至少有一条有活动的联系的党外委员 / 党外委员。",
        "Period {since} to {until} (by default the 12 months ending at the latest activity). A counting "
        "liaison is active when a talk, visit, call or event joins its two ends in the period; effective "
        "liaison rate = non-party members with at least one active liaison / non-party members.",
    ),
    "org_life": (
        "统计期 {since} 至 {until}。履职党支部、界别党小组和专委会分党组的党员委员应参加本组织的组织生活、"
        "主题党日或集中学习（至少 {min} 次）；未开展的组织即组织生活不经常。",
        "Period {since} to {until}. CPC members of duty-line organizations (functional branches, party "
        "cells, sub-party groups) should attend at least {min} of their organization's meetings; an "
        "organization that held none does not meet regularly.",
    ),
}


def tr(key: str, lang: str, table: dict[str, tuple[str, str]] = TEXT, **values: Any) -> str:
    zh, en = table[key]
    return (zh if lang == "zh" else en).format(**values) if values else (zh if lang == "zh" else en)


def join(parts: Sequence[str], lang: str) -> str:
    return ("，" if lang == "zh" else ", ").join(parts)

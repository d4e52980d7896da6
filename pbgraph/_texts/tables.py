"""The words of result tables: column headers, coded values and table titles (also the sheet names)."""

from __future__ import annotations

COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "committee": ("政协", "committee"),
    "committee_name": ("政协名称", "committee name"),
    "id": ("编号", "id"),
    "name": ("名称", "name"),
    "person_name": ("姓名", "name"),
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
    "activities": ("活动记录（条）", "activities"),
    "party_group_members": ("党组成员数", "party-group members"),
    "reached_members": ("覆盖委员", "reached members"),
    "share": ("覆盖比例", "share"),
    "load": ("联系党外委员数", "load"),
    "liaised_by": ("唯一联系人", "liaised by"),
    "sole_liaison_count": ("唯一联系的党外委员数", "sole liaison of non-party members"),
    "sole_sector_count": ("唯一联系的界别数", "sole liaison of sectors"),
    "sole_township_count": ("唯一联系的镇街数", "sole liaison of townships"),
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
    # `pbgraph info`
    "sector_groups": ("界别联组数", "sector groups"),
    "party_organizations": ("党组织数", "party organizations"),
    "platforms": ("平台数", "platforms"),
    "organizations": ("组织数", "organizations"),
    "sector_liaisons": ("联系界别（条）", "sector liaisons"),
    "member_liaisons": ("联系党外委员（条）", "member liaisons"),
    "township_liaisons": ("联系镇街（条）", "township liaisons"),
    "contact_liaisons": ("联系群众（条）", "contact liaisons"),
    "committee_members": ("政协委员数", "committee members"),
    # activities (联系实效, 双重组织生活)
    "liaison_kind": ("联系类型", "liaison kind"),
    "source_name": ("联系人姓名", "source name"),
    "target_name": ("联系对象名称", "target name"),
    "last_activity": ("最近一次活动", "last activity"),
    "liaisons": ("联系（条）", "liaisons"),
    "active_liaisons": ("有活动的联系（条）", "active liaisons"),
    "active_share": ("联系活跃率", "active share"),
    "effectively_linked_non_party_members": ("有效联系的党外委员", "effectively linked non-party members"),
    "effective_rate": ("有效联系率", "effective liaison rate"),
    "duty_organizations": ("所在履职党组织", "duty-line organizations"),
    "duty_organization_names": ("履职党组织名称", "duty-line organization names"),
    "meetings": ("组织生活次数", "meetings"),
    "duty_line_cpc_members": ("履职党组织党员委员", "duty-line CPC members"),
    "below_min_meetings": ("组织生活不足", "below minimum meetings"),
    "duty_line_organizations": ("履职党组织数", "duty-line organizations"),
    "organizations_without_meetings": ("未开展组织生活的组织", "organizations without meetings"),
    "month": ("月份", "month"),
    "liaison_activities": ("联系活动", "liaison activities"),
    "dormant_liaisons": ("未开展活动的联系（条）", "dormant liaisons"),
    "follow_up": ("落实情况", "follow-up"),
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
    "dormant": ("未开展活动的联系", "Dormant liaisons"),
    "activity_rates": ("联系实效", "Liaison activity"),
    "org_life": ("组织生活不足的党员委员", "CPC members short of organizational life"),
    "org_meetings": ("履职党组织活动次数", "Meetings per duty-line organization"),
    "org_life_rates": ("双重组织生活", "Dual organizational life"),
    "few_contacts": ("联系群众不足", "Fewer contacts than required"),
    "activities_per_month": ("每月活动", "Activities per month"),
    "dormant_work_list": ("联系工作清单", "Liaison work list"),
}

SHEET_TITLES_EN: dict[str, str] = {
    "org_life": "CPC members short of org. life",
    "org_meetings": "Meetings per duty-line org.",
}
"""English sheet names of the tables whose English title is longer than the 31 characters Excel takes: a
short form of the title, rather than the title cut off in the middle of a word (as `PARTY_EN_SHORT` is for
a legend). The Chinese titles are short already; every other sheet is its table's title."""

CELLS: dict[str, tuple[str, str]] = {
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "none": ("（无）", "(none)"),
    # in place of the rows of a table whose analysis needs a table the dataset does not record (DESIGN 3)
    "not_recorded_rows": ("（未提供：{names}）", "(not recorded: {names})"),
    "partly_recorded_rows": ("（无；未提供：{names}）", "(none; not recorded: {names})"),
    "title_colon": ("：", ": "),
    "more_rows": ("…… 另有 {n} 行", "... {n} more rows"),
    "overall": ("全部", "(all)"),
    "code_named": ("{name}（{code}）", "{name} ({code})"),
    "names_separator": ("、", ", "),
}
"""Words inside tables: booleans, an empty table, a cut table, the name of the overall row, a name with its
code (the import report's cells, the plan's sheet titles), the separator of a cell listing names
(`NAMES_SEPARATOR`)."""

NAMES_SEPARATOR = CELLS["names_separator"][0]
"""What joins the names a cell of an analysis lists (its `duty_organization_names`), as data: the Chinese
separator, as `cypher/analyses/org_life.cypher` writes it; an English table shows the English one."""
OVERALL_NAME = CELLS["overall"][0]
"""The name of the overall row of `coverage` and `info` (committee ""), as data: the analyses of both backends
give it (also `cypher/analyses/coverage.cypher`); the writers show it in the reader's language."""

PSEUDONYMS: dict[str, tuple[str, str]] = {
    "member": ("委员A", "Member A"),
    "contact": ("群众B", "Contact B"),
    "enterprise": ("企业E", "Enterprise E"),
}
"""What `--redact` calls people and enterprises, before their number (委员A001, Member A001)."""
REDACTED_DATASET_NAME: tuple[str, str] = ("数据集", "dataset")
"""What `--redact` calls the dataset (its folder or file name may hold a person's name)."""
REDACTED_NOTE: tuple[str, str] = ("〔已隐去〕", "[withheld]")
"""What `--redact` writes for a note that is not empty (names, addresses and numbers hide in notes in forms
no pattern catches)."""
MASKED: dict[str, tuple[str, str]] = {
    "phone": ("〔电话已删除〕", "[phone removed]"),
    "id_number": ("〔身份证号已删除〕", "[ID number removed]"),
}
"""What a phone or ID number in free text is replaced by at load (`pbgraph._personal_numbers`): the data is
Chinese and a dataset is read once for every language, so the Chinese words are written in the data."""


# plan, diff and whatif (DESIGN 4.1)
COLUMN_LABELS.update(
    {
        "source_name": ("联系人姓名", "source name"),
        "target_name": ("联系对象名称", "target name"),
        "sector_name": ("界别名称", "sector name"),
        "township_name": ("镇街名称", "township name"),
        "group_name": ("界别联组名称", "sector group name"),
        "parent_name": ("上级名称", "parent name"),
        "liaised_by_name": ("唯一联系人姓名", "liaised by (name)"),
        "reason": ("原因", "reason"),
        "match": ("匹配", "match"),
        "ids_from": ("编号所属", "ids of"),
        "change": ("变化", "change"),
        "field": ("变化项", "field"),
        "before": ("之前", "before"),
        "after": ("之后", "after"),
        "member_name": ("委员姓名", "member name"),
        "organization_name": ("组织名称", "organization name"),
        "analysis": ("分析", "analysis"),
        "organization_rate_before": ("组织覆盖率（前）", "organization coverage before"),
        "organization_rate_after": ("组织覆盖率（后）", "organization coverage after"),
        "work_rate_before": ("工作覆盖率（前）", "work coverage before"),
        "work_rate_after": ("工作覆盖率（后）", "work coverage after"),
        "unlinked_before": ("未联系党外委员（前）", "unlinked before"),
        "unlinked_after": ("未联系党外委员（后）", "unlinked after"),
    }
)
VALUE_LABELS.update(
    {
        "unlinked": ("未联系", "unlinked"),
        "fragile": ("仅一人联系", "fragile"),
        "capacity": ("党员委员联系已满", "every possible liaison is at max load"),
        "no_cpc_member": ("本政协无党员委员", "no CPC member in the committee"),
        "no_other_cpc_member": ("无其他党员委员", "no other CPC member"),
        "no_party_group_member": ("本政协无党组成员", "no party-group member in the committee"),
        "no_cpc_member_in_township": ("该镇街无党员委员", "no CPC member lives in the township"),
        "same_sector_group": ("同一界别联组", "same sector group"),
        "same_sector": ("同一界别", "same sector"),
        "same_township": ("同一镇街", "same township"),
        "other": ("其他", "other"),
        "joined": ("新增", "joined"),
        "left": ("退出", "left"),
        "changed": ("变更", "changed"),
        "added": ("新增", "added"),
        "removed": ("删除", "removed"),
        "broken": ("因委员退出而中断", "broken by a departure"),
        "opened": ("新出现", "opened"),
        "closed": ("已消除", "closed"),
        "worsened": ("加重", "worsened"),
        "gone": ("对象已不在", "gone with its subject"),
        "old_dataset": ("原数据集", "old dataset"),
        "new_dataset": ("新数据集", "new dataset"),
        "party": ("政治面貌", "party"),
        "sector": ("界别", "sector"),
        "township": ("镇街", "township"),
        "committee": ("政协", "committee"),
        "party_group": ("党组成员", "party-group member"),
        "unorganized": ("未组织党员委员", "unorganized"),
        "overloaded": ("联系过多", "overloaded"),
        "sectors": ("界别缺口", "sector gaps"),
        "townships": ("镇街缺口", "township gaps"),
        "platforms": ("平台缺口", "platform gaps"),
        "members": ("委员", "members"),
        "liaisons": ("联系", "liaisons"),
        "organizations": ("组织", "organizations"),
        "memberships": ("组织成员", "memberships"),
        "gaps": ("缺口", "gaps"),
    }
)
TABLE_TITLES.update(
    {
        "plan": ("联系安排", "Plan"),
        "unplaced": ("未能安排", "Not placed"),
        "summary": ("变化概况", "Summary"),
        "member_changes": ("委员变化", "Member changes"),
        "liaison_changes": ("联系变化", "Liaison changes"),
        "organization_changes": ("组织变化", "Organization changes"),
        "membership_changes": ("组织成员变化", "Membership changes"),
        "rates": ("覆盖率前后", "Rates before and after"),
        "gap_changes": ("缺口变化", "Gap changes"),
        "notes": ("说明", "Notes"),
    }
)

PARTY_EN: dict[str, str] = {
    "RCCK": "Kuomintang Revolutionary Committee",
    "CDL": "China Democratic League",
    "CNDCA": "Democratic National Construction Association",
    "CAPD": "Association for Promoting Democracy",
    "CPWDP": "Peasants' and Workers' Democratic Party",
    "CZGP": "China Zhi Gong Party",
    "JS": "Jiusan Society",
    "TDSGL": "Taiwan Democratic Self-Government League",
    "NP": "Non-party",
    "MASSES": "Masses",
    "CYL": "Communist Youth League",
}
"""The party codes (`pbgraph.model.Party`) as English readers know them: the eight other parties by their
usual English names (a short form of the longest), the Youth League and the statuses in words; CPC, known
as it is, stays CPC. Only what is shown changes: the codes in a dataset's files stay. Other codes in an
English table read with spaces for underscores (sector group)."""
PARTY_EN_SHORT: dict[str, str] = {
    "RCCK": "KMT Rev. Committee",
    "CDL": "Democratic League",
    "CNDCA": "Construction Assoc.",
    "CAPD": "Promoting Democracy",
    "CPWDP": "Peasants and Workers",
    "CZGP": "Zhi Gong Party",
    "JS": "Jiusan Society",
    "TDSGL": "Taiwan League",
    "CYL": "Youth League",
}
"""Short English forms of the party names too long for a line of a view's legend, as the Chinese short
forms are (民革, 民建 …); the full name (`PARTY_EN`) stays in the entry's tooltip, the filters, tooltips,
pictures and tables. The other codes' names are short already."""

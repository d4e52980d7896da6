"""Texts of the messages only office files give rise to (DESIGN 3.1), Chinese and English; part of MESSAGES.

Each groups one cause: `{count}` rows or names, the first of them in `{rows}` (`{rows_en}`, which says "row"
or "rows") / `{names}` (`{names_en}`).
"""

from __future__ import annotations

OFFICE_MESSAGES: dict[str, tuple[str, str]] = {
    "office_unrecognized_sheet": (
        "无法识别此工作表，已忽略：前 10 行中没有可识别的表头（最像表头的是第 {header_row} 行：{cells}"
        "）。委员名单的表头应含“姓名”和“政治面貌”；联系名单应含“党员委员”和“联系党外委员”（或“党组成员"
        "”和“联系界别”，“联系镇（街）”，“联系群众”）；组织表应含“名称”“类型”“上级”。如需读取，请改列名"
        "，或用 --map 列名=字段 指定。",
        "Sheet not recognized, ignored: no known header in its first 10 rows (the closest is row {header_row}"
        ": {cells}). A roster's header has 姓名 and 政治面貌; a liaison list has 党员委员 and 联系党外"
        "委员 (or 党组成员 and 联系界别, 联系镇（街）, 联系群众); organizations have 名称, 类型, 上级"
        ". Rename the headers, or name them with --map HEADER=field.",
    ),
    "office_no_party_column": (
        "这像是委员名单（第 {header_row} 行有“姓名”），但没有“政治面貌”列：仅凭界别无法区分党员委员和"
        "党外委员。请加上“政治面貌”列（中共党员、民盟盟员、无党派人士、群众 …），或用 --map 指定哪一列"
        "是政治面貌。",
        "This looks like a roster (row {header_row} has 姓名) but has no 政治面貌 (party) column: the"
        " 界别 alone cannot tell CPC from non-party members. Add the column, or name it with --map HE"
        "ADER=party.",
    ),
    "office_no_roster": (
        "没有找到委员名单（表头含“姓名”和“政治面貌”的工作表）。请检查文件，或用 --map 指定列名。",
        "No roster found (a sheet whose header has 姓名 and 政治面貌). Check the files, or name the c"
        "olumns with --map.",
    ),
    "office_private_column": (
        "“{value}”列是个人敏感信息（手机号、身份证号、住址等），读取时已删除，不会出现在任何输出中。请"
        "勿在名单中保存此类信息。",
        "Column '{value}' holds personal data (phone, ID number, address …): dropped at load, it reac"
        "hes no output. Do not keep such data in the roster.",
    ),
    "office_unknown_name": (
        "{count} 个名称在{target}中找不到：{names}（第 {rows} 行）。请检查是否写错，或先把它们录入{target}"
        "，或改用编号。",
        "{count} name(s) not found in the {target_en}: {names_en} ({rows_en}). Check the spelling, "
        "add them to the {target_en}, or use ids.",
    ),
    "office_ambiguous_name": (
        "“{value}”对应{target}中的 {count} 项：{candidates}（用于第 {rows} 行）。请写成 {example} 加以"
        "区分，或在名单中加“编号”列并改用编号。",
        "'{value}' matches {count} of the {target_en}: {candidates_en} (used in {rows_en}). Write {example}"
        " to tell them apart, or add an 编号 (id) column and use ids.",
    ),
    "office_ambiguous_alike": (
        "“{value}”对应{target}中的 {count} 项：{candidates}（用于第 {rows} 行），它们的界别、镇街、政治面貌等"
        "都相同。如是重复录入，请删除{target}中多余的行；如确是同名的不同人，请在{target}中加“编号”列，"
        "并在这里改用编号。",
        "'{value}' matches {count} of the {target_en}: {candidates_en} (used in {rows_en}), the same in"
        " sector, township, party and the rest. If a row was entered twice, delete the repeat from the"
        " {target_en}; if they are namesakes, add an 编号 (id) column to the {target_en} and use ids here.",
    ),
    "office_duplicate_liaison": (
        "{count} 条联系重复列出（第 {rows} 行），只计一次。请删除重复的名字。",
        "{count} liaison(s) listed more than once ({rows_en}); each counts once. Remove the repeats.",
    ),
    "office_duplicate_member": (
        "“{value}”在委员名单中出现 {count} 次，读到的各列都相同（{places}），现按 {count} 名委员计。如是重复"
        "录入，请删除多余的行；如确是同名的不同委员，请加“编号”列加以区分。",
        "'{value}' appears {count} times in the roster with every column read alike ({places_en}), and"
        " counts as {count} members. If a row was entered twice, delete the repeats; if they are namesakes,"
        " add an 编号 (id) column to tell them apart.",
    ),
    "office_list_no_target": (
        "{count} 行填了“{filled}”，但“{empty}”为空（第 {rows} 行），这些行没有读到任何联系。请在“{empty}”列"
        "填写所联系的对象，或删除这些行。",
        "{count} row(s) fill in '{filled}' but leave '{empty}' empty ({rows_en}): no liaison is read from"
        " them. Fill in whom they liaise with under '{empty}', or delete the rows.",
    ),
    "office_list_no_source": (
        "{count} 行填了“{filled}”，但“{empty}”为空（第 {rows} 行），无法知道是谁的联系。请在“{empty}”列填写"
        "委员姓名（如接续上一行的委员，可把该单元格与上一行合并），或删除这些行。",
        "{count} row(s) fill in '{filled}' but leave '{empty}' empty ({rows_en}): whose liaison it is cannot"
        " be known. Fill in the member under '{empty}' (for a row that continues the member above, merge the"
        " cell with the one above), or delete the rows.",
    ),
    "office_group_conflict": (
        "界别“{value}”被写入了不同的界别联组（第 {rows} 行），采用第一个：{group}。请统一填写。",
        "Sector '{value}' is given different sector groups ({rows_en}); the first is used: {group}."
        " Make them agree.",
    ),
    "office_bad_map": (
        "--map 中的“{value}”无效：请写成 列名=字段，字段为 {fields} 之一（或 ignore）。",
        "--map '{value}' is not valid: write HEADER=field, with field one of {fields} (or ignore).",
    ),
}

ROWS_EN: tuple[str, str] = ("row {rows}", "rows {rows}")
"""How `{rows_en}` names the rows of an office message in English: one row, several rows."""

NEAR_NAME: tuple[str, str] = ("{name}（是否为“{near}”？）", "{name} (did you mean {near}?)")
"""A name found nowhere beside the one name a character away (office_unknown_name's `{names}`)."""

SHEET_ROWS: tuple[str, str] = ("{sheet} 第 {rows} 行", "{sheet} {rows_en}")
"""Rows of one sheet in a message that names rows of several (`{places}` of office_duplicate_member)."""

# activity logs (联系记录, 组织生活记录) --------------------------------------------------------------------

IMPORTED_ACTIVITIES: tuple[str, str] = (
    "活动记录 {activities} 条（{logs}）也已导入。",
    "{activities} activities ({logs}) were imported too.",
)
"""Said after `imported` when the files had activity sheets; `logs` names those they had (ACTIVITY_LOGS)."""

ACTIVITY_LOGS: dict[str, tuple[str, str]] = {
    "liaison": ("联系记录", "contact log"),
    "meeting": ("组织生活记录", "meeting log"),
}
"""The two activity logs: liaison activities (谈心谈话, 走访 …) and meetings of organizations."""

ACTIVITY_TARGETS: tuple[str, str] = (
    "委员名单、联系群众、镇街或界别",
    "roster, contacts, townships or sectors",
)
"""Where the 联系对象 of an activity is looked for, as `office_unknown_name` names it."""

TARGET_WORDS: dict[str, tuple[str, str]] = {
    "members": ("委员", "member"),
    "contacts": ("联系群众", "contact"),
    "townships": ("镇街", "township"),
    "sectors": ("界别", "sector"),
}
"""What each candidate of an ambiguous 联系对象 is (inside the candidate list of the message)."""

ACTIVITY_TEMPLATE_SHEETS: dict[str, tuple[tuple[str, ...], tuple[tuple[str, ...], ...], dict[str, str]]] = {
    "联系记录": (
        ("序号", "日期", "党员委员", "联系对象", "方式", "内容"),
        (
            ("1", "2024-03-05", "张三", "李四", "谈心谈话", "了解履职情况"),
            ("2", "2024.4.12", "王五", "赵六", "走访", "走访委员企业"),
        ),
        {"方式": "联系方式"},
    ),
    "组织生活记录": (
        ("序号", "日期", "组织", "参加人员", "类型", "内容"),
        (
            ("1", "2024年4月1日", "政协党组", "张三、王五", "组织生活会", "专题学习"),
            ("2", "2024-06-28", "政协党组", "张三", "主题党日", "参观学习"),
        ),
        {"类型": "组织生活类型"},
    ),
}
"""The template's activity sheets: (headers, example rows, {header: drop-down list}); the examples name the
people, organization and liaisons of the template's other sheets, so that the template loads as it is."""

ACTIVITY_TEMPLATE_CHOICES: dict[str, tuple[str, ...]] = {
    "联系方式": ("谈心谈话", "走访", "电话联系", "微信联系", "座谈", "联谊"),
    "组织生活类型": ("组织生活会", "三会一课", "支部会议", "主题党日", "集中学习"),
}

"""Texts of validation messages, Chinese and English: what is wrong and what to do about it.

Each entry is `code: (zh, en)`; the texts are `str.format` templates over the problem's `value` and params.
"""

from __future__ import annotations

from pbgraph._texts.office import OFFICE_MESSAGES
from pbgraph._texts.tables import MASKED

MESSAGES: dict[str, tuple[str, str]] = {
    # files
    "path_missing": (
        "找不到数据集路径。请检查路径是否正确。",
        "The dataset path does not exist. Check the path.",
    ),
    "path_kind": (
        "数据集应为一个包含 CSV 文件的文件夹，或一个 .xlsx 工作簿。请指定这样的文件夹或工作簿。",
        "A dataset is a folder of CSV files or one .xlsx workbook. Give the path of one of these.",
    ),
    "bad_workbook": (
        "无法打开工作簿（{detail}）。请用 Excel 另存为 .xlsx 后重试。",
        "The workbook cannot be opened ({detail}). Save it again as .xlsx from Excel.",
    ),
    "empty_file": (
        "文件为空。请填写表头和数据，或删除此文件。",
        "The file is empty. Add a header row and data, or remove it.",
    ),
    "no_header": (
        "第一行没有表头。请把列名放在第一行。",
        "The first row has no header. Put the column names in row 1.",
    ),
    "unreadable": (
        "无法读取文件（{detail}）。请关闭正在使用它的程序（如 Excel），或检查文件权限。",
        "The file cannot be read ({detail}). Close the program using it (e.g. Excel), "
        "or check its permissions.",
    ),
    "undecodable": (
        "无法识别文件编码或文件不是文本（可能是二进制文件）。请在 Excel 中另存为“CSV UTF-8”。",
        "The file is not text in a known encoding (binary?). Save it from Excel as 'CSV UTF-8'.",
    ),
    "mixed_encoding": (
        "文件前面是 UTF-8 编码，从这一行（第 {byte} 个字节）起却是 GB18030/GBK 编码：文件混用了两种编码"
        "（可能是两个文件拼在一起）。请用 Excel 打开该文件，另存为“CSV UTF-8”。",
        "The file is UTF-8 up to this row, but from byte {byte} on it is GB18030/GBK: it mixes two encodings "
        "(two files pasted together?). Open it in Excel and save it as 'CSV UTF-8'.",
    ),
    "cut_character": (
        "文件在一个字符的中间结束（第 {byte} 个字节），可能被截断了。请重新导出或复制完整的文件。",
        "The file ends in the middle of a character (byte {byte}): it was probably cut off. Export or copy "
        "the whole file again.",
    ),
    "parse_error": (
        "CSV 格式错误：{detail}。请检查引号是否成对、文件是否完整。",
        "Malformed CSV: {detail}. Check that quotes are balanced and the file is complete.",
    ),
    "open_quote": (
        "从这一行开始的引号没有结束（文件可能被截断）。请检查该行的引号是否成对，或重新导出文件。",
        "A quote opened in this row is never closed (was the file cut off?). Check the quotes in this row, "
        "or export the file again.",
    ),
    "wrong_field_count": (
        "该行有 {actual} 个字段，表头有 {expected} 列（内容：{value}）。"
        "请检查分隔符和引号，或文件是否被截断。",
        "This row has {actual} fields but the header has {expected} (text: {value}). Check delimiters and "
        "quotes, or whether the file was cut off.",
    ),
    "unknown_table": (
        "无法识别的表，已忽略。如需导入，请把文件或工作表改名为 members/sectors/townships/organizations/"
        "memberships/liaisons/contacts（或 委员/界别/镇街/组织/组织成员/联系/联系群众）。",
        "Not a known table; ignored. To load it, rename the file or sheet to members/sectors/townships/"
        "organizations/memberships/liaisons/contacts.",
    ),
    "duplicate_table": (
        "与 {other} 是同一张表。请只保留其中一个。",
        "Same table as {other}. Keep only one of the two.",
    ),
    "missing_table": (
        "缺少必需的表“{table_zh}”（{table}）。请添加 {table}.csv 文件或同名工作表。",
        "Required table '{table}' is missing. Add {table}.csv or a sheet named {table}.",
    ),
    "missing_column": (
        "缺少必需的列“{column_zh}”（{column_en}）。请在表头添加该列。",
        "Required column '{column_en}' ({column_zh}) is missing. Add it to the header row.",
    ),
    "workbook_too_large": (
        "工作簿解压后有 {size} MB，超过上限 {limit} MB（可能已损坏或是恶意文件）。"
        "请检查文件，或改用 CSV 文件夹。",
        "The workbook unpacks to {size} MB, over the limit of {limit} MB (damaged or hostile?). Check the "
        "file, or use a folder of CSV files.",
    ),
    "workbook_bomb": (
        "工作簿中有一部分解压后达 {size} MB，是压缩前的 {ratio} 倍，正常的表格不会这样"
        "（可能已损坏或是恶意文件）。请检查文件，或改用 CSV 文件夹。",
        "Part of the workbook unpacks to {size} MB, {ratio} times its packed size, which no real sheet does "
        "(damaged or hostile?). Check the file, or use a folder of CSV files.",
    ),
    "sheet_too_many_rows": (
        "工作表超过 {limit} 行（Excel 一张工作表的上限），不是 Excel/WPS 保存的表格"
        "（可能已损坏或是恶意文件）。请检查文件，或改用 CSV 文件夹。",
        "The sheet has more than {limit} rows (the most an Excel sheet holds), so it was not saved by "
        "Excel/WPS (damaged or hostile?). Check the file, or use a folder of CSV files.",
    ),
    "formula_without_value": (
        "有 {count} 个公式单元格没有保存计算结果（如 {cells}），读出来会是空的。"
        "请用 Excel/WPS 打开并保存该工作簿，使公式的值被保存下来，然后重试。",
        "{count} formula cells have no stored value (e.g. {cells}), so they would read as empty. Open the "
        "workbook in Excel/WPS and save it, so that the values of the formulas are stored, then try again.",
    ),
    "duplicate_column": (
        "列“{value}”与列“{first}”是同一列（同名或别名）。请删除或改名其中一列。",
        "Column '{value}' is the same column as '{first}' (same name or an alias). Delete or rename one.",
    ),
    "unknown_columns": (
        "有 {count} 个无法识别的列（如 {value}），已忽略。如果其中有标准列，请把表头改为标准列名。",
        "{count} columns are not known and are ignored (e.g. {value_en}). If some are meant to be known "
        "columns, rename their headers to the standard names.",
    ),
    "table_is_folder": (
        "这是一个文件夹，不是 CSV 文件。请把表格保存为同名的 CSV 文件。",
        "This is a folder, not a CSV file. Save the table as a CSV file of this name.",
    ),
    "folder_without_tables": (
        "这个文件夹里没有数据表（如 members.csv）。请指定数据集所在的文件夹，或一个工作簿。",
        "This folder holds no table (such as members.csv). Give the folder of the dataset, or a workbook.",
    ),
    "unknown_column": (
        "无法识别的列“{value}”，已忽略。如果它应是某个标准列，请把表头改为标准列名（英文或中文）。",
        "Column '{value}' is not known and is ignored. If it is meant to be a known column, rename the "
        "header to its standard name (English or Chinese).",
    ),
    "too_many": (
        "同类问题还有 {count} 处未逐条列出。请先修正上面列出的问题。",
        "{count} more problems of this kind are not listed. Fix the ones above first.",
    ),
    # cells
    "empty_required": ("必填单元格为空。请填写该值。", "A required cell is empty. Fill it in."),
    "duplicate_id": (
        "编号“{value}”重复（已在 {other_zh} 使用）。每个编号在所有节点表中必须唯一，请改用新的编号。",
        "Id '{value}' is already used ({other}). Ids must be unique across all node tables; use a new id.",
    ),
    "unknown_reference": (
        "引用了不存在的编号“{value}”（应为{expected}）。请检查拼写，或先在{home}中添加它{hint}。",
        "Refers to unknown id '{value}' (expected {expected_en}). Check the spelling or add it to "
        "{home_en}{hint_en}.",
    ),
    "wrong_reference_kind": (
        "编号“{value}”是{actual}，这里需要{expected}。请改为正确的编号。",
        "Id '{value}' is a {actual_en}, but a {expected_en} is needed here. Use the right id.",
    ),
    "unknown_enum": (
        "无法识别的值“{value}”{suggestion}。请改为以下之一：{allowed}。",
        "Unknown value '{value}'{suggestion_en}. Use one of: {allowed_en}.",
    ),
    "self_liaison": (
        "“{value}”联系了自己（发起方和对象相同）。请删除此行或更正对象。",
        "A liaison from '{value}' to itself. Remove the row or fix the target.",
    ),
    "wrong_endpoint": (
        "“{kind_zh}”类联系的{end}应为{expected}，但“{value}”是{actual}。请更正类型或编号。",
        "A '{kind}' liaison needs a {expected_en} as its {end_en}, but '{value}' is a {actual_en}. "
        "Fix the kind or the id.",
    ),
    "parent_cycle": (
        "组织的上级关系形成了环（{value}）。请更正“上级”列。",
        "The organizations' parents form a cycle ({value}). Fix the parent column.",
    ),
    "bad_activity_date": (
        "无法识别的活动日期“{value}”。请使用 2024-03-01 这样的格式（活动日期必填）。",
        "Activity date '{value}' is not understood. Use a format like 2024-03-01 (an activity needs a date).",
    ),
    "no_such_activity_day": (
        "活动日期“{value}”不存在：{year}年{month}月只有 {days} 天。请更正日期（活动日期必填）。",
        "Activity date '{value}' is not a day: {year}-{month:02d} has only {days} days. Fix the date"
        " (an activity needs a date).",
    ),
    "far_later_activity_date": (
        "活动日期“{value}”比其余活动中最晚的（{latest}）晚一年以上，是否录错了年份？统计期默认截至最晚的活动日期，"
        "这样的日期会让统计期偏离实际。请核对。",
        "Activity date '{value}' is more than a year after the latest of the others ({latest}): a year"
        " typed wrong? The default period ends at the latest activity date, so such a date moves it away."
        " Check it.",
    ),
    "activity_needs_target": (
        "{kind_zh}记录需要“对象”，或在“参加委员”中列出两名及以上委员。请填写联系对象。",
        "A {kind} activity needs a target, or two or more members. Fill in the target.",
    ),
    "activity_needs_organization": (
        "{kind_zh}记录需要“组织”（哪个组织的会议）。请填写组织编号或名称。",
        "A {kind} activity needs an organization (whose meeting it was). Fill in the organization.",
    ),
    "bad_date": (
        "无法识别的日期“{value}”，已按空值处理。请使用 2024-03-01 这样的格式。",
        "Date '{value}' is not understood and is treated as empty. Use a format like 2024-03-01.",
    ),
    "no_such_day": (
        "日期“{value}”不存在：{year}年{month}月只有 {days} 天，已按空值处理。请更正日期。",
        "Date '{value}' is not a day: {year}-{month:02d} has only {days} days. It is treated as empty;"
        " fix it.",
    ),
    # warnings of meaning
    "member_liaison_source_not_cpc": (
        "“联系党外委员”的发起方“{value}”不是中共党员，此联系不计入覆盖。请确认政治面貌或改由党员委员联系。",
        "A 'member' liaison from '{value}', who is not a CPC member, does not count. Check the party or "
        "assign a CPC member.",
    ),
    "member_liaison_target_cpc": (
        "“联系党外委员”的对象“{value}”是中共党员，此联系不计入覆盖。请确认政治面貌或联系对象。",
        "A 'member' liaison to '{value}', who is a CPC member, does not count. "
        "Check the party or the target.",
    ),
    "sector_liaison_not_party_group": (
        "“联系界别”的发起方“{value}”不是党组成员，此联系不计入覆盖。请确认“党组成员”列。",
        "A 'sector' liaison from '{value}', who is not a party-group member, does not count. Check the "
        "party_group column.",
    ),
    "township_liaison_not_cpc": (
        "“联系镇街”的发起方“{value}”不是中共党员，此联系不计入覆盖。请确认政治面貌或改由党员委员联系。",
        "A 'township' liaison from '{value}', who is not a CPC member, does not count. Check the party or "
        "assign a CPC member.",
    ),
    "duplicate_liaison": (
        "与第 {other} 行的联系重复（发起方、对象“{value}”和类型都相同）。请删除此行。",
        "Duplicates the liaison in row {other} (same source, target '{value}' and kind). Delete this row.",
    ),
    "control_characters": (
        "含有不可见的控制字符（如 NUL），已删除，读作“{value}”。请在原文件中检查此单元格。",
        "Holds invisible control characters (such as NUL); they were removed, read as '{value}'. "
        "Check this cell in the file.",
    ),
    "personal_numbers_masked": (
        "文字中有电话号码或身份证号（本列共 {phones} 个电话号码、{id_numbers} 个身份证号），读取时已替换为"
        f"“{MASKED['phone'][0]}”“{MASKED['id_number'][0]}”，不会出现在任何输出中。"
        "请勿在备注、内容等文字中记录此类信息。",
        "The text holds phone or ID numbers ({phones} phone numbers, {id_numbers} ID numbers in this "
        "column): replaced at load by a placeholder, they reach no output. Do not write such numbers in "
        "notes.",
    ),
    "several_first_conveners": (
        "界别联组“{value}”有不止一位第一召集人。请确认只保留一位第一召集人，其他人改为“召集人”。",
        "Sector group '{value}' has more than one first convener. Keep one; make the others conveners.",
    ),
    "member_no_sector": (
        "委员“{value}”没有填写界别，将不在任何界别中。请在此列填写该委员的界别。",
        "Member '{value}' has no sector and will be in none. Fill in the member's sector in this column.",
    ),
    "member_no_township": (
        "委员“{value}”没有填写镇街，将不在任何镇街联络组中。请在此列填写该委员所在的镇街。",
        "Member '{value}' has no township and will be in no liaison group. "
        "Fill in the member's township in this column.",
    ),
    "member_no_committee": (
        "委员“{value}”无法确定所属政协（数据集中有多个政协）。请填写“政协”列。",
        "Member '{value}' has no committee and the dataset has several. Fill in the committee column.",
    ),
}

# the messages only office files give rise to (pbgraph.office)
MESSAGES.update(OFFICE_MESSAGES)

KIND_NAMES: dict[str, tuple[str, str]] = {
    "member": ("委员", "member"),
    "sector": ("界别", "sector"),
    "township": ("镇街", "township"),
    "organization": ("组织", "organization"),
    "contact": ("联系群众", "contact"),
    "committee": ("政协（类型为政协的组织）", "committee (organization of kind committee)"),
    "sector_group": ("界别联组（类型为界别联组的组织）", "sector group (organization of kind sector_group)"),
    "sector_or_group": ("界别或界别联组", "sector or sector group"),
    "activity_target": (
        "委员、联系群众、镇街、界别或界别联组",
        "member, contact, township, sector or sector group",
    ),
}

HOMES: dict[str, tuple[str, str]] = {
    "member": ("委员表（members）", "the members table"),
    "sector": ("界别表（sectors）", "the sectors table"),
    "township": ("镇街表（townships）", "the townships table"),
    "organization": ("组织表（organizations）", "the organizations table"),
    "contact": ("联系群众表（contacts）", "the contacts table"),
    "committee": ("组织表（organizations）", "the organizations table"),
    "sector_group": ("组织表（organizations）", "the organizations table"),
    "sector_or_group": (
        "界别表（sectors）或组织表（organizations）",
        "the sectors or the organizations table",
    ),
    "activity_target": (
        "委员、联系群众、镇街、界别或组织表",
        "the members, contacts, townships, sectors or organizations table",
    ),
}
"""The table an id of each kind of `KIND_NAMES` is added to (the unknown_reference message names it)."""

HINTS: dict[str, tuple[str, str]] = {
    "committee": (
        "（只有一个政协的数据集可将此列留空）",
        " (a dataset with a single committee may leave this column empty)",
    ),
}
"""What else an unknown_reference message says, by the kind expected."""

SUGGESTION = ("（是否要写“{near}”？）", " (did you mean '{near}'?)")
"""What an unknown_enum message says of a known value one character from the one written."""

UNSAID: dict[str, str] = {"suggestion": "", "suggestion_en": ""}
"""The parameters a message may go without (a problem made before they were, or with nothing to suggest)."""

ORG_KIND_NAME = ("{kind_zh}（组织）", "{kind_en} organization")
"""What an id is when it is an organization of a kind (`kind_zh`: the kind's Chinese name)."""

END_NAMES: dict[str, tuple[str, str]] = {"source": ("发起方", "source"), "target": ("对象", "target")}


def location(*, file: str | None, sheet: str | None, row: int | None, column: str | None, lang: str) -> str:
    """Where a problem is, as the user sees it in Excel."""
    parts: list[str] = []
    if lang == "zh":
        if file:
            parts.append(file + (f"［工作表 {sheet}］" if sheet else ""))
        if row is not None:
            parts.append(f"第 {row} 行")
        if column:
            parts.append(f"“{column}”列")
        return " ".join(parts)
    if file:
        parts.append(file + (f" [sheet {sheet}]" if sheet else ""))
    if row is not None:
        parts.append(f"row {row}")
    if column:
        parts.append(f"column '{column}'")
    return ", ".join(parts)

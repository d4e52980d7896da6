"""The words of the import report (导入报告), Chinese and English: headings, why rows were skipped, what each
column was read as, how names were resolved. The office template's words are in `template`."""

from __future__ import annotations

ID_SCHEME = (
    "未提供编号的表，编号按内容排序（界别、镇街、政治面貌、姓名及其余各列）依次编为 M001、M002 …："
    "同一份名单无论行序如何都得到相同的编号；编号不含姓名，也不是行号。",
    "Where a table has no id column, ids M001, M002 … follow a sort of the records' content (sector, "
    "township, party, name, then every other column): the same roster gives the same ids whatever its row "
    "order; an id is neither a name nor a row number.",
)

WORDS: dict[str, tuple[str, str]] = {
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
    "id_scheme_text": ID_SCHEME,
    "unknown_code": ("?（未知）", "? (unknown)"),
    "list_separator": ("；", "; "),
}
"""Headings and the words between the report's cells."""

REASONS: dict[str, tuple[str, str]] = {
    "blank": ("空行", "blank"),
    "total": ("合计/小计行", "total row"),
    "note": ("注释行", "note row"),
    "header_repeated": ("重复的表头", "repeated header"),
    "heading": ("分组标题行", "heading row"),
    "merged": ("合并单元格的续行（无新内容）", "continuation of merged cells (nothing new)"),
    "empty": ("空表", "empty"),
    "not_data": ("说明或隐藏表", "instructions or hidden"),
    "unrecognized": ("无法识别", "not recognized"),
}
"""Why a row or a sheet was not read."""

FIELDS: dict[str, tuple[str, str]] = {
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
    "gender": ("性别（用于区分同名，不保留）", "gender (tells namesakes apart; not kept)"),
    "ethnicity": ("民族（用于区分同名，不保留）", "ethnicity (tells namesakes apart; not kept)"),
    "birth": ("出生年月（用于区分同名，不保留）", "birth (tells namesakes apart; not kept)"),
    "unit": ("工作单位及职务（用于区分同名，不保留）", "work unit (tells namesakes apart; not kept)"),
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
    "activity_kind": ("活动类型（方式/类型）", "activity kind"),
}
"""What a column was read as (its field)."""

HOW: dict[str, tuple[str, str]] = {
    "id": ("按编号", "by id"),
    "name": ("按名称", "by name"),
    "qualified": ("按 名称（区分词）", "by name (qualifier)"),
    "context": ("按名称及同行界别", "by name and the row's sector"),
    "unknown": ("找不到", "not found"),
    "ambiguous": ("同名无法区分", "ambiguous"),
    "liaison": ("按名称及联系名单（同名时取所联系的一方）", "by name and the liaison lists"),
}
"""How a name was resolved."""

BUILT: dict[str, tuple[str, str]] = {
    "sheet": ("工作表", "sheet"),
    "roster": ("委员名单中的不同值", "the roster's distinct values"),
    "contact_liaisons": ("委员联系群众名单中的名字", "names in the contact lists"),
    "lists": ("各名单", "the lists"),
    "not_recorded": ("未提供", "not recorded"),
}
"""Where a table built came from."""

IDS: dict[str, tuple[str, str]] = {
    "assigned": ("自动编号", "assigned"),
    "given": ("来自编号列", "from the id column"),
}
"""Where a table's ids came from."""

PARTY_GROUP_HOW: dict[str, tuple[str, str]] = {
    "column": ("“党组成员”列", "the 党组成员 column"),
    "roles": ("职务中的党组书记/副书记/成员", "党组 roles in 职务"),
    "membership": ("政协党组的组织成员", "membership of the party group"),
    "sector_list": ("党组成员联系界别名单的职务", "roles in the sector liaison list"),
}
"""Where the party-group flag of members came from."""

NOT_RECORDED: dict[str, tuple[str, str]] = {
    "liaisons:member": ("党员委员联系党外委员", "member liaisons (联系党外委员)"),
    "liaisons:sector": ("党组成员联系界别", "sector liaisons (联系界别)"),
    "liaisons:township": ("党员委员联系镇街", "township liaisons (联系镇街)"),
    "liaisons:contact": ("委员联系群众", "contact liaisons (联系群众)"),
    "note": (
        "注：未提供{names}，依赖这些表的结果为 n/a 或不列出（而不是把每一项都算作缺口）。",
        "Note: not recorded: {names}; what depends on them is n/a or not listed.",
    ),
    "separator": ("、", ", "),
}
"""The kinds of liaison an office file may leave out, as users call them, and the note that says so."""

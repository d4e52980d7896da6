"""The words of the office template (`pbgraph template`), Chinese and English.

The template's sheet names, headers, drop-down values and example rows are the office form itself: they stay
Chinese in both languages (pbgraph recognizes a sheet by its Chinese header, DESIGN 3.1, and offices fill them
in Chinese). What explains them (the instructions sheet, the drop-downs' messages) is in the language of
`--lang`; in English a column is named by its Chinese header followed by its meaning: 姓名 (name).
"""

from __future__ import annotations

TEMPLATE: dict[str, tuple[str, str]] = {
    "instructions_sheet": ("说明", "Instructions"),
    "options_sheet": ("选项", "Options"),
    "title": ("填表说明（pbgraph 模板）", "How to fill in this workbook (pbgraph template)"),
    "columns_heading": ("各表各列", "Sheets and columns"),
    "sheet_line": ("{sheet}：{what}", "{sheet}: {what}"),
    "column_line": ("   {header}：{meaning}", "   {header} ({meaning})"),
    "column": ("{header}（{meaning}）", "{header} ({meaning})"),
    "from_list": ("，下拉选择", "; from the drop-down list"),
    "choose": ("请从下拉列表选择", "Choose from the list"),
    "choose_for": ("“{header}”请从下拉列表中选择。", "Choose {header_en} from the drop-down list."),
}
"""The instructions sheet's frame and the drop-downs' messages. `column_line` lists a column under its sheet
with its meaning (COLUMNS); `column` names it so in the English messages (`{header_en}`) and options."""

SHEETS: dict[str, tuple[str, str]] = {
    "委员名单": ("每行一位委员。", "the roster, one member a row."),
    "党员委员联系党外委员": (
        "每行一位党员委员及其联系的党外委员。",
        "which non-CPC members each CPC member liaises with, one CPC member a row.",
    ),
    "党组成员联系界别": (
        "每行一位党组成员及其联系的界别或界别联组。",
        "which sectors or sector groups each party-group member liaises with.",
    ),
    "党员委员联系镇街": (
        "每行一位党员委员及其联系的镇（街）。",
        "which townships each CPC member liaises with.",
    ),
    "委员联系群众": (
        "每行一位委员及其联系的群众。",
        "which people (not members) each member keeps in touch with.",
    ),
    "组织": (
        "每行一个组织（党组、党支部、联络组等）。",
        "the organizations (party group, branches, liaison groups …).",
    ),
    "组织成员": ("每行一个组织及其成员。", "who belongs to each organization, one organization a row."),
    "联系记录": ("每行一次联系活动。", "the contact log, one contact (talk, visit …) a row."),
    "组织生活记录": ("每行一次会议或组织生活。", "the meeting log, one meeting of an organization a row."),
}
"""What each sheet of the template holds (its name stays the Chinese one, filled in as `{sheet}`)."""

COLUMNS: dict[str, tuple[str, str]] = {
    "序号": ("行号，不读取", "row number, not read"),
    "备注": ("可空", "note, may be blank"),
    "内容": ("活动内容，可空", "what was done, may be blank"),
    "日期": (
        "必填，可写 2024-03-05、2024.3.5 或 2024年3月5日",
        "date, required; written 2024-03-05, 2024.3.5 or the Chinese way, as the examples show",
    ),
    "委员名单/姓名": ("委员姓名，必填", "name, required"),
    "委员名单/性别": ("用于区分同名，不保留", "gender; tells namesakes apart, not kept"),
    "委员名单/民族": ("用于区分同名，不保留", "ethnicity; tells namesakes apart, not kept"),
    "委员名单/出生年月": ("用于区分同名，不保留", "year and month of birth; tells namesakes apart, not kept"),
    "委员名单/政治面貌": ("必填", "party affiliation, required"),
    "委员名单/界别": ("所在界别", "sector"),
    "委员名单/界别联组": ("界别所属的联组", "the sector's group"),
    "委员名单/所在镇（街）": ("委员所在的镇（街）", "township"),
    "委员名单/职务": (
        "政协职务；写有党组书记、党组副书记、党组成员的即为党组成员",
        "roles; one naming the party group's secretary, deputy secretary or member marks a party-group"
        " member",
    ),
    "委员名单/工作单位及职务": (
        "用于区分同名，不保留",
        "work unit and post; tells namesakes apart, not kept",
    ),
    "党员委员联系党外委员/党员委员": ("党员委员姓名，必填", "the CPC member, required"),
    "党员委员联系党外委员/界别": (
        "党员委员所在界别，用于区分同名",
        "the CPC member's sector; tells namesakes apart",
    ),
    "党员委员联系党外委员/联系党外委员": (
        "所联系的党外委员，必填，可写多人",
        "the non-CPC members liaised with, required, several names allowed",
    ),
    "党组成员联系界别/党组成员": ("党组成员姓名，必填", "the party-group member, required"),
    "党组成员联系界别/职务": ("党组成员的职务", "the party-group member's roles"),
    "党组成员联系界别/联系界别（联组）": (
        "所联系的界别或界别联组，必填，可写多个",
        "the sectors or sector groups liaised with, required, several allowed",
    ),
    "党员委员联系镇街/党员委员": ("党员委员姓名，必填", "the CPC member, required"),
    "党员委员联系镇街/联系镇（街）": (
        "所联系的镇（街），必填，可写多个",
        "the townships liaised with, required, several allowed",
    ),
    "委员联系群众/委员": ("委员姓名，必填", "the member, required"),
    "委员联系群众/联系群众": (
        "所联系群众的姓名，必填，可写多人",
        "the people kept in touch with, required, several",
    ),
    "组织/名称": ("组织名称，必填", "name of the organization, required"),
    "组织/类型": ("组织类型，必填", "kind of organization, required"),
    "组织/上级": ("上级组织的名称，可空", "the parent organization's name, may be blank"),
    "组织/镇街": ("联络组所在的镇（街），可空", "a liaison group's township, may be blank"),
    "组织成员/组织": ("组织名称，必填", "the organization, required"),
    "组织成员/委员": ("成员姓名，必填，可写多人", "its members, required, several names allowed"),
    "组织成员/职务": ("在组织中的职务", "their role in it"),
    "联系记录/党员委员": (
        "参加的党员委员，必填，可写多人",
        "the CPC members who made the contact, required, several",
    ),
    "联系记录/联系对象": (
        "党外委员、群众、镇街或界别的名称",
        "who or what was contacted: a non-CPC member, a person, a township or a sector",
    ),
    "联系记录/方式": ("联系方式，必填", "how the contact was made (talk, visit …), required"),
    "组织生活记录/组织": ("组织名称，必填", "the organization that met, required"),
    "组织生活记录/参加人员": ("参加的委员，可写多人", "the members who took part, several names allowed"),
    "组织生活记录/类型": ("会议类型，必填", "kind of meeting, required"),
}
"""What each column of the template means, by `sheet/header` (or by header alone where it means the same in
every sheet); English names the column as `{header} ({meaning})`."""

LISTS: dict[str, tuple[str, str]] = {
    "政治面貌": ("政治面貌", "party affiliation"),
    "性别": ("性别", "gender"),
    "组织类型": ("组织类型", "kind of organization"),
    "组织职务": ("组织职务", "role in an organization"),
    "联系方式": ("联系方式", "how a contact was made"),
    "组织生活类型": ("组织生活类型", "kind of meeting"),
}
"""The drop-down lists, as the hidden options sheet heads them."""

INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    (
        "1. 每张工作表按表头识别，不按表名；表头上方可以有标题行，表头可合并单元格；序号列、合计/小计行"
        "、注：行和空行都会跳过。",
        "1. Each sheet is recognized by its header row (the Chinese names in row 1), not by its name: keep"
        " the headers as they are, and fill in the cells in Chinese. Title rows above the header and merged"
        " header cells are fine; the 序号 column, total rows, note rows and blank rows are skipped.",
    ),
    (
        "2. 灰色斜体的是示例行，请删除后填写。委员名单示例有 4 行，以便各联系表的示例指向名单中的人。",
        "2. The rows in grey italics are examples: delete them before filling in. The roster (委员名单) has "
        "four, so that the other sheets' examples name people in it.",
    ),
    (
        "3. 委员名单：必填“姓名”“政治面貌”（下拉选择）。没有“编号”列时，系统按内容自动编号（同一名单得"
        "到相同编号）。",
        "3. 委员名单 (roster): 姓名 (name) and 政治面貌 (party affiliation, from the drop-down list) are "
        "required. Without an 编号 (id) column, ids are assigned from the content (the same roster gets the "
        "same ids).",
    ),
    (
        "   职务中写有“党组书记”“党组副书记”“党组成员”的委员即为党组成员，不必另设一列。",
        "   A member whose 职务 (roles) names 党组书记, 党组副书记 or 党组成员 (the party group's secretary, "
        "deputy secretary, member) is a party-group member: no separate column is needed.",
    ),
    (
        "   手机号、身份证号、住址等个人敏感信息不要填写；如有，读取时会删除，不会出现在任何输出中。",
        "   Do not fill in personal data (phone numbers, ID numbers, addresses …): such columns are dropped "
        "when read and reach no output.",
    ),
    (
        "4. 联系表：一行一位委员，联系对象写名字，多个名字用 、 ， ； / 或换行分隔。",
        "4. Liaison lists: one member a row; write whom they liaise with by name, several names separated by "
        "、 or , ; / or line breaks.",
    ),
    (
        "   名单中有同名委员时，写成 姓名（界别） 或 姓名（镇街），或在委员名单中加“编号”列并改用编号。",
        "   If two members share a name, write the name followed by the sector or the township in brackets, "
        "or add an 编号 (id) column to 委员名单 and use ids.",
    ),
    (
        "5. 党组成员联系界别：可写界别名，也可写界别联组名（须与委员名单“界别联组”列或组织表一致）。",
        "5. 党组成员联系界别 (sector liaisons): write a sector or a sector group (as 委员名单's 界别联组 "
        "column or the 组织 sheet names it).",
    ),
    (
        "6. 组织、组织成员：类型、职务用下拉选择；未填写这两张表时，组织覆盖率等分析显示“未提供”，而不"
        "是把每个人列为缺口。",
        "6. 组织 and 组织成员 (organizations and their members): pick 类型 (kind) and 职务 (role) from the "
        "drop-down lists. Left empty, the analyses that need them say 'not recorded' instead of counting "
        "everyone as a gap.",
    ),
    (
        "7. 联系记录：一行一次联系，写日期、党员委员（一起参加的可写多人）、联系对象（党外委员、群众、镇街或"
        "界别的名称）和方式；组织生活记录：一行一次会议或活动，写日期、组织名称、参加人员（多人用 、 分隔）"
        "和类型。日期可写 2024-03-05、2024.3.5 或 2024年3月5日。两张表用于“联系实效”（只在纸面上的联系）"
        "和“双重组织生活”分析。",
        "7. 联系记录 (contact log): one contact a row, with its date, the CPC members, whom they contacted"
        " and how; 组织生活记录 (meeting log): one meeting a row, with its date, the organization, who took"
        " part and the kind. Dates may be written 2024-03-05, 2024.3.5 or the Chinese way (as the examples"
        " show). The logs feed the analyses of liaisons only on paper (dormant) and of organizational life"
        " (org_life).",
    ),
    (
        "8. 填好后：pbgraph validate 本文件.xlsx 检查；pbgraph analyze all 本文件.xlsx 分析；pbgraph im"
        "port 本文件.xlsx -o 数据集 转为规范数据集。",
        "8. Then: pbgraph validate FILE.xlsx to check it; pbgraph analyze all FILE.xlsx to analyze it; "
        "pbgraph import FILE.xlsx -o DATASET to turn it into a canonical dataset.",
    ),
)
"""The notes of the instructions sheet, line by line. The English ones quote the form's Chinese words (its
sheet names, headers and values) and no other (tests/test_office.py checks it), so they are not in CATALOGS,
whose English texts quote none."""

"""`pbgraph template`: an empty workbook in the office form (DESIGN 3.1), with an instructions sheet (说明,
Instructions with `--lang en`), drop-down lists for every enumerated column, and example rows that load
without error. The form (sheet names, headers, drop-down values, examples) is Chinese in both languages; what
explains it is in the language asked, and English names each column by its Chinese header: 姓名 (name)."""

from __future__ import annotations

import os
from pathlib import Path

from pbgraph._texts import pick, say
from pbgraph._texts.office import ACTIVITY_TEMPLATE_CHOICES, ACTIVITY_TEMPLATE_SHEETS
from pbgraph._texts.template import COLUMNS, INSTRUCTIONS, LISTS, TEMPLATE
from pbgraph._texts.template import SHEETS as SHEET_NOTES
from pbgraph.model import ORG_KIND_ZH, PARTY_ZH, ROLE_ZH

PARTY_CHOICES = (
    PARTY_ZH["CPC"],
    "中共预备党员",
    "民革党员",
    "民盟盟员",
    "民建会员",
    "民进会员",
    "农工党党员",
    "致公党党员",
    "九三学社社员",
    "台盟盟员",
    PARTY_ZH["NP"],
    PARTY_ZH["CYL"],
    PARTY_ZH["MASSES"],
)

# sheet -> (headers, example rows, {header: choices list name})
SHEETS: dict[str, tuple[tuple[str, ...], tuple[tuple[str, ...], ...], dict[str, str]]] = {
    "委员名单": (
        (
            "序号",
            "姓名",
            "性别",
            "民族",
            "出生年月",
            "政治面貌",
            "界别",
            "界别联组",
            "所在镇（街）",
            "职务",
            "工作单位及职务",
        ),
        (
            (
                "1",
                "张三",
                "男",
                "汉族",
                "1970-05",
                "中共党员",
                "中共",
                "第一联组",
                "东城街道",
                "党组成员、副主席",
                "示例单位",
            ),
            (
                "2",
                "李四",
                "女",
                "汉族",
                "1975-08",
                "民盟盟员",
                "教育界",
                "第二联组",
                "西城镇",
                "委员",
                "示例中学",
            ),
            (
                "3",
                "王五",
                "男",
                "回族",
                "1968-11",
                "中共党员",
                "经济界",
                "第二联组",
                "西城镇",
                "党组成员",
                "示例公司",
            ),
            (
                "4",
                "赵六",
                "女",
                "汉族",
                "1980-02",
                "无党派人士",
                "经济界",
                "第二联组",
                "东城街道",
                "常委",
                "示例医院",
            ),
        ),
        {"政治面貌": "政治面貌", "性别": "性别"},
    ),
    "党员委员联系党外委员": (
        ("序号", "党员委员", "界别", "联系党外委员", "备注"),
        (("1", "张三", "中共", "李四、赵六", ""), ("2", "王五", "经济界", "赵六", "同界别结对")),
        {},
    ),
    "党组成员联系界别": (
        ("序号", "党组成员", "职务", "联系界别（联组）"),
        (("1", "张三", "党组成员、副主席", "中共、教育界"), ("2", "王五", "党组成员", "第二联组")),
        {},
    ),
    "党员委员联系镇街": (
        ("序号", "党员委员", "联系镇（街）"),
        (("1", "张三", "东城街道"), ("2", "王五", "西城镇")),
        {},
    ),
    "委员联系群众": (
        ("序号", "委员", "联系群众", "备注"),
        (("1", "张三", "孙七、周八", ""), ("2", "李四", "吴九", "")),
        {},
    ),
    "组织": (
        ("序号", "名称", "类型", "上级", "镇街"),
        (
            ("1", "政协党组", "政协党组", "", ""),
            ("2", "东城街道政协工作联络组", "镇（街）政协工作联络组", "", "东城街道"),
        ),
        {"类型": "组织类型"},
    ),
    "组织成员": (
        ("序号", "组织", "委员", "职务"),
        (("1", "政协党组", "张三、王五", "成员"), ("2", "东城街道政协工作联络组", "张三、赵六", "组员")),
        {"职务": "组织职务"},
    ),
    **ACTIVITY_TEMPLATE_SHEETS,
}

CHOICES: dict[str, tuple[str, ...]] = {
    "政治面貌": PARTY_CHOICES,
    "性别": ("男", "女"),
    "组织类型": (
        *dict.fromkeys([*ORG_KIND_ZH.values(), "镇（街）政协工作联络组", "政协委员工作站", "政协学习组"]),
    ),
    "组织职务": (*dict.fromkeys([*ROLE_ZH.values(), "支部书记", "组员", "副组长", "联络员"]),),
    **ACTIVITY_TEMPLATE_CHOICES,
}


def column_meaning(sheet: str, header: str) -> tuple[str, str]:
    """What a column of the template means, in Chinese and English (COLUMNS: by sheet and header, or by
    header alone), with "from the drop-down list" where it has one.

    Examples
    --------
    >>> column_meaning("委员名单", "政治面貌")[1]
    'party affiliation, required; from the drop-down list'
    """
    zh, en = COLUMNS.get(f"{sheet}/{header}") or COLUMNS[header]
    if header in SHEETS[sheet][2]:
        zh, en = zh + TEMPLATE["from_list"][0], en + TEMPLATE["from_list"][1]
    return zh, en


def instruction_lines(lang: str = "zh") -> list[tuple[str, bool]]:
    """The instructions sheet, line by line, each with whether it is a heading: the title, the notes, then
    each sheet (a heading) and its columns.

    Examples
    --------
    >>> instruction_lines("en")[0]
    ('How to fill in this workbook (pbgraph template)', True)
    >>> [line for line, _ in instruction_lines("en") if line.startswith("   姓名")]
    ['   姓名 (name, required)']
    """
    lines = [(say(TEMPLATE, "title", lang), True), ("", False)]
    lines += [(pick(note, lang), False) for note in INSTRUCTIONS]
    lines += [("", False), (say(TEMPLATE, "columns_heading", lang), True)]
    for sheet, (headers, _, _) in SHEETS.items():
        what = pick(SHEET_NOTES[sheet], lang)
        lines.append((say(TEMPLATE, "sheet_line", lang, sheet=sheet, what=what), True))
        lines += [
            (
                say(TEMPLATE, "column_line", lang, header=h, meaning=pick(column_meaning(sheet, h), lang)),
                False,
            )
            for h in headers
        ]
    return lines


def write_template(target: str | os.PathLike[str], lang: str = "zh") -> Path:
    """Write the office-form template workbook, its explanations in `lang`; returns its path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = write_template(pathlib.Path(tempfile.mkdtemp()) / "模板.xlsx")
    >>> from openpyxl import load_workbook
    >>> load_workbook(path).sheetnames[:3]
    ['说明', '委员名单', '党员委员联系党外委员']
    >>> english = write_template(pathlib.Path(tempfile.mkdtemp()) / "template.xlsx", lang="en")
    >>> load_workbook(english).sheetnames[:2], load_workbook(english).sheetnames[-1]
    (['Instructions', '委员名单'], 'Options')
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from pbgraph._write import atomic_path

    workbook = Workbook()
    notes = workbook.active
    assert notes is not None
    notes.title = say(TEMPLATE, "instructions_sheet", lang)
    for line, heading in instruction_lines(lang):
        notes.append([line])
        cell = notes.cell(row=notes.max_row, column=1)
        # a long note wraps within the column rather than running far to the right
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(bold=heading)
    notes["A1"].font = Font(bold=True, size=14)
    notes.column_dimensions["A"].width = 120

    # each list headed by what it holds; in English also by the first column it serves
    serves = {lst: header for _, _, ch in reversed(SHEETS.values()) for header, lst in ch.items()}
    options_title = say(TEMPLATE, "options_sheet", lang)
    options = workbook.create_sheet(options_title)
    ranges: dict[str, str] = {}
    for column, (name, values) in enumerate(CHOICES.items(), start=1):
        letter = get_column_letter(column)
        label = pick((LISTS[name][0], _in_english(serves[name], name)), lang)
        options.cell(row=1, column=column, value=label)
        for row, value in enumerate(values, start=2):
            options.cell(row=row, column=column, value=value)
        ranges[name] = f"{options_title}!${letter}$2:${letter}${len(values) + 1}"
    options.sheet_state = "hidden"

    header_fill = PatternFill("solid", fgColor="DDEBF7")
    example_font = Font(italic=True, color="808080")
    for title, (headers, examples, choices) in SHEETS.items():
        sheet = workbook.create_sheet(title)
        sheet.append(list(headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.alignment = Alignment(horizontal="center")
        for example in examples:
            sheet.append(list(example))
            for cell in sheet[sheet.max_row]:
                cell.font = example_font
        for position, header in enumerate(headers, start=1):
            letter = get_column_letter(position)
            longest = max(len(header), *(len(e[position - 1]) for e in examples))
            sheet.column_dimensions[letter].width = max(8, min(40, longest * 2 + 4))
            if header in choices:
                validation = DataValidation(
                    type="list",
                    formula1=f"={ranges[choices[header]]}",
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle=say(TEMPLATE, "choose", lang),
                    error=say(
                        TEMPLATE,
                        "choose_for",
                        lang,
                        header=header,
                        header_en=_in_english(header, choices[header]),
                    ),
                )
                validation.add(f"{letter}2:{letter}1000")
                sheet.add_data_validation(validation)
        sheet.freeze_panes = "A2"
    # the instructions first, the hidden options last
    workbook.move_sheet(
        options_title, offset=len(workbook.sheetnames) - 1 - workbook.sheetnames.index(options_title)
    )
    path = Path(target)
    with atomic_path(path) as tmp:
        workbook.save(tmp)
    return path


def _in_english(header: str, name: str) -> str:
    """A column with a drop-down list as English names it: its Chinese header, then what the list holds."""
    return say(TEMPLATE, "column", "en", header=header, meaning=pick(LISTS[name], "en"))

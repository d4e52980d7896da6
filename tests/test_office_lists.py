"""Names in the list cells of office files (DESIGN 3.1, README "Names, not ids"): a line break separates two
names as 、 does, in .xlsx (inline and shared strings) and CSV; and a name two members share gives a hint
that, written in the list, names one of them."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

import pbgraph
from pbgraph import DatasetError
from pbgraph.cli import main
from pbgraph.office import read_office
from pbgraph.problem import Problem

# 王一 is CPC; 李红 and 陈思远 are not
ROSTER = [["姓名", "政治面貌", "界别"], ["王一", "中共党员", "中共"], ["李红", "群众", "教育界"]]
ROSTER += [["陈思远", "民盟盟员", "教育界"]]


def _with_shared_strings(path: Path) -> Path:
    """The workbook openpyxl wrote (strings inline in the cells) rewritten with a shared-string table, as
    Excel writes it: a line break typed in a cell is kept there (`\\r` as `_x000D_`)."""
    strings: list[str] = []

    def shared(match: re.Match[str]) -> str:
        strings.append(match[2])
        return f'<c r="{match[1]}" t="s"><v>{len(strings) - 1}</v></c>'

    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    for name in [n for n in parts if n.startswith("xl/worksheets/sheet")]:
        xml = parts[name].decode()
        parts[name] = re.sub(
            r'<c r="(\w+)" t="inlineStr"><is><t>(.*?)</t></is></c>', shared, xml, flags=re.S
        ).encode()
    table = "".join(f'<si><t xml:space="preserve">{s.replace(chr(13), "_x000D_")}</t></si>' for s in strings)
    parts["xl/sharedStrings.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
        f'main" count="{len(strings)}" uniqueCount="{len(strings)}">{table}</sst>'
    ).encode()
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kind}" /></Types>'.encode()
    )
    relation = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Type="{relation}" Target="sharedStrings.xml" Id="rIdS" /></Relationships>'.encode(),
    )
    with zipfile.ZipFile(path, "w") as rewritten:
        for name, data in parts.items():
            rewritten.writestr(name, data)
    return path


def _workbook(path: Path, sheets: dict[str, list[list[object]]], *, shared: bool = False) -> Path:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return _with_shared_strings(path) if shared else path


def _targets(ds: pbgraph.Dataset) -> dict[str, list[str]]:
    """Per source name, the names it liaises with."""
    names = dict(zip(ds.members["id"], ds.members["name"], strict=True))
    found: dict[str, list[str]] = {}
    for source, target in zip(ds.liaisons["source"], ds.liaisons["target"], strict=True):
        found.setdefault(names[source], []).append(names[target])
    return found


def _errors(path: Path) -> list[Problem]:
    read = read_office(path)
    with pytest.raises(DatasetError) as caught:
        pbgraph.validate.build_dataset(read.tables, read.problems)
    return [p for p in caught.value.problems if p.is_error]


# a line break separates names ----------------------------------------------------------------------


@pytest.mark.parametrize("shared", [False, True], ids=["inline-strings", "shared-strings"])
@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\n\n"], ids=["lf", "crlf", "blank-line"])
def test_a_line_break_separates_names_in_an_xlsx_list(tmp_path: Path, shared: bool, line_break: str) -> None:
    listing = [["党员委员", "联系党外委员"], ["王一", f"李红{line_break}陈思远"]]
    path = _workbook(tmp_path / "名单.xlsx", {"名单": ROSTER, "联系": listing}, shared=shared)
    assert _targets(pbgraph.load(path)) == {"王一": ["李红", "陈思远"]}


@pytest.mark.parametrize("line_break", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_a_line_break_separates_names_in_a_csv_list(tmp_path: Path, line_break: str) -> None:
    folder = tmp_path / "县政协"
    folder.mkdir()
    roster = "\r\n".join(",".join(row) for row in ROSTER) + "\r\n"
    (folder / "委员名单表.csv").write_bytes(roster.encode("utf-8-sig"))
    listing = f'党员委员,联系党外委员\r\n王一,"李红{line_break}陈思远"\r\n'
    (folder / "联系一览.csv").write_bytes(listing.encode("gb18030"))
    assert _targets(pbgraph.load(folder)) == {"王一": ["李红", "陈思远"]}


def test_a_line_break_separates_participants_roles_and_special_committees(tmp_path: Path) -> None:
    roster = [[*ROSTER[0], "职务", "专委会"], [*ROSTER[1], "党组成员\n副主席", "经济委\n文史委"]]
    roster += [[*r, "委员", "文史委"] for r in ROSTER[2:]]
    log = [["日期", "组织", "参加人员", "类型"], ["2024-04-01", "经济委", "王一\r\n李红", "集中学习"]]
    path = _workbook(tmp_path / "名单.xlsx", {"名单": roster, "组织生活记录": log})
    ds = pbgraph.load(path)
    names = dict(zip(ds.members["id"], ds.members["name"], strict=True))
    wang = next(i for i, n in names.items() if n == "王一")
    # 党组成员 on its own line of 职务 makes 王一 a party-group member
    assert dict(zip(ds.members["name"], ds.members["party_group"], strict=True)) == {
        "王一": True,
        "李红": False,
        "陈思远": False,
    }
    organizations = dict(zip(ds.organizations["id"], ds.organizations["name"], strict=True))
    joined = ds.memberships[ds.memberships["member"] == wang]["organization"].map(organizations)
    assert sorted(joined) == ["文史委", "经济委"]
    assert [sorted(names[m] for m in row.split(";")) for row in ds.activities["members"]] == [
        ["李红", "王一"]
    ]


def test_a_line_break_in_a_remark_or_a_name_is_a_space(tmp_path: Path) -> None:
    listing = [["党员委员", "联系党外委员", "备注"], ["王\n一", "李红", "第一段\n第二段"]]
    ds = pbgraph.load(_workbook(tmp_path / "名单.xlsx", {"名单": ROSTER, "联系": listing}))
    assert _targets(ds) == {"王一": ["李红"]}
    assert list(ds.liaisons["note"]) == ["第一段 第二段"]


# the hint for a name two members share ------------------------------------------------------------

# 张伟 of rows 3 and 4 share their 界别, rows 3 and 5 their 镇街; only row 3 is 中共党员
NAMESAKES = [
    ["姓名", "政治面貌", "界别", "所在镇（街）"],
    ["王一", "中共党员", "中共", "东关街道"],  # row 2
    ["张伟", "中共党员", "经济界", "西河镇"],  # row 3
    ["张伟", "民建会员", "经济界", "东关街道"],  # row 4
    ["张伟", "群众", "教育界", "西河镇"],  # row 5
]
TWO = NAMESAKES[:4]
"""The user's case: two 张伟 of 经济界, of 西河镇 and 东关街道."""


def _ambiguous(tmp_path: Path, roster: list[list[str]], written: str) -> Problem:
    listing = [["党员委员", "联系党外委员"], ["王一", "李红"], [written, "陈思远"]]
    path = _workbook(tmp_path / "名单.xlsx", {"名单": roster + ROSTER[2:], "联系": listing})
    found = _errors(path)
    assert [p.code for p in found] == ["office_ambiguous_name"]
    return found[0]


def _named(tmp_path: Path, roster: list[list[str]], written: str) -> tuple[str, str, str]:
    """界别, 镇街 and party of the member `written` names, when the list says it."""
    listing = [["党员委员", "联系党外委员"], [written, "陈思远"]]
    ds = pbgraph.load(_workbook(tmp_path / "写法.xlsx", {"名单": roster + ROSTER[2:], "联系": listing}))
    (source,) = ds.liaisons["source"]
    member = ds.members.set_index("id").loc[source]
    sectors = dict(zip(ds.sectors["id"], ds.sectors["name"], strict=True))
    townships = dict(zip(ds.townships["id"], ds.townships["name"], strict=True))
    return sectors[member["sector"]], townships[member["township"]], member["party"]


@pytest.mark.parametrize(
    ("roster", "written", "hint", "member"),
    [
        # 张伟（经济界） would name both again: their 镇街 tells them apart
        (TWO, "张伟", "张伟（西河镇）", ("经济界", "西河镇", "CPC")),
        # neither 界别 nor 镇街 names row 3 alone; its 政治面貌 does
        (NAMESAKES, "张伟", "张伟（中共党员）", ("经济界", "西河镇", "CPC")),
        # a qualifier that fits two of them: the hint qualifies the name, not the name as written
        (NAMESAKES, "张伟（经济界）", "张伟（中共党员）", ("经济界", "西河镇", "CPC")),
        (TWO, "张伟（经济界）", "张伟（西河镇）", ("经济界", "西河镇", "CPC")),
    ],
    ids=["two-one-sector", "three", "three-qualified", "two-qualified"],
)
def test_the_hint_for_namesakes_names_one_of_them(
    tmp_path: Path, roster: list[list[str]], written: str, hint: str, member: tuple[str, str, str]
) -> None:
    problem = _ambiguous(tmp_path, roster, written)
    assert problem.params["example"] == hint
    assert f"请写成 {hint} 加以区分" in problem.message("zh")
    assert f"Write {hint} to tell them apart" in problem.message("en")
    assert _named(tmp_path, roster, hint) == member


def test_namesakes_alike_in_everything_are_a_repeat_to_delete_not_an_id_to_write(tmp_path: Path) -> None:
    # a roster row pasted twice: without an 编号 column the ids are pbgraph's (the office never sees them, and
    # they change once the repeat is deleted), so the fix is to delete the repeat, or to add 编号
    roster = [
        ["姓名", "政治面貌", "界别"],
        ["甲一", "中共党员", "中共"],
        *[["乙二", "民盟盟员", "教育界"]] * 2,
    ]
    listing = [["党员委员", "联系党外委员"], ["甲一", "乙二"]]
    path = _workbook(tmp_path / "duprow.xlsx", {"名单": roster, "联系": listing})
    for lang, words in [
        (
            "zh",
            "[错误] duprow.xlsx［工作表 联系］ 第 2 行 “联系党外委员”列：“乙二”对应委员名单中的 2 项："
            "名单 第 3 行（教育界，民盟）；名单 第 4 行（教育界，民盟）（用于第 2 行），它们的界别、镇街、"
            "政治面貌等都相同。如是重复录入，请删除委员名单中多余的行；如确是同名的不同人，请在委员名单中"
            "加“编号”列，并在这里改用编号。",
        ),
        (
            "en",
            "[error] duprow.xlsx [sheet 联系], row 2, column '联系党外委员': '乙二' matches 2 of the roster:"
            " 名单 row 3 (教育界, 民盟); 名单 row 4 (教育界, 民盟) (used in row 2), the same in sector,"
            " township, party and the rest. If a row was entered twice, delete the repeat from the roster; if"
            " they are namesakes, add an 编号 (id) column to the roster and use ids here.",
        ),
    ]:
        result = CliRunner().invoke(main, ["validate", str(path), "--lang", lang])
        assert result.exit_code == 2
        assert words in result.output.splitlines()
        assert "M00" not in result.output


def test_namesakes_alike_but_for_the_id_the_roster_gives_are_told_apart_by_it(tmp_path: Path) -> None:
    roster = [
        ["编号", "姓名", "政治面貌", "界别"],
        ["A1", "王一", "中共党员", "中共"],
        ["A2", "张伟", "民建会员", "经济界"],
        ["A3", "张伟", "民建会员", "经济界"],
    ]
    listing = [["党员委员", "联系党外委员"], ["王一", "张伟"]]
    (problem,) = _errors(_workbook(tmp_path / "名单.xlsx", {"名单": roster, "联系": listing}))
    assert problem.code == "office_ambiguous_name"
    assert problem.params["example"] == "张伟（A2）"
    assert "请写成 张伟（A2） 加以区分" in problem.message("zh")


def test_the_english_message_says_row_for_one_row_and_rows_for_several(tmp_path: Path) -> None:
    problem = _ambiguous(tmp_path, TWO, "张伟")
    assert "(used in row 3)" in problem.message("en")
    assert "（用于第 3 行）" in problem.message("zh")
    listing = [["党员委员", "联系党外委员"], ["王一", "钱某"], ["王一", "孙某、张伟（西河镇）"]]
    (unknown,) = _errors(_workbook(tmp_path / "两行.xlsx", {"名单": TWO, "联系": listing}))
    assert "钱某, 孙某 (rows 2, 3)" in unknown.message("en")
    listing = [["党员委员", "联系党外委员"], ["王一", "钱某"]]
    (unknown,) = _errors(_workbook(tmp_path / "一行.xlsx", {"名单": TWO, "联系": listing}))
    assert "钱某 (row 2)" in unknown.message("en")


def test_validate_gives_the_hint(tmp_path: Path) -> None:
    listing = [["党员委员", "联系党外委员"], ["张伟", "陈思远"]]
    path = _workbook(tmp_path / "名单.xlsx", {"名单": TWO + ROSTER[2:], "联系": listing})
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert "请写成 张伟（西河镇） 加以区分" in result.output and "张伟（经济界）" not in result.output
    english = CliRunner().invoke(main, ["validate", str(path), "--lang", "en"])
    assert "(used in row 2). Write 张伟（西河镇） to tell them apart" in english.output


# a roster row repeated ---------------------------------------------------------------------------


def test_a_roster_row_entered_twice_is_a_warning_naming_its_rows(tmp_path: Path) -> None:
    # rows 3 and 4 alike in every column (pasted twice), 李红 also on a second roster sheet; the two 张伟
    # differ in their 镇街 only (namesakes): not repeats
    header = ["姓名", "政治面貌", "界别", "所在镇（街）"]
    roster = [
        header,
        ["王一", "中共党员", "中共", "东关街道"],  # row 2
        ["李红", "群众", "教育界", "东关街道"],  # row 3
        ["李红", "群众", "教育界", "东关街道"],  # row 4
        ["张伟", "民建会员", "经济界", "东关街道"],  # row 5
        ["张伟", "民建会员", "经济界", "西河镇"],  # row 6
    ]
    standing = [header, ["李红", "群众", "教育界", "东关街道"]]  # row 2
    ds = pbgraph.load(_workbook(tmp_path / "名单.xlsx", {"委员名单": roster, "常委名单": standing}))
    assert len(ds.members) == 6  # loaded as written: namesakes alike in everything are possible
    (repeated,) = [p for p in ds.warnings if p.code == "office_duplicate_member"]
    assert (repeated.sheet, repeated.row, repeated.value) == ("委员名单", 3, "李红")
    assert "“李红”在委员名单中出现 3 次" in repeated.message("zh")
    assert "（委员名单 第 3, 4 行；常委名单 第 2 行），现按 3 名委员计" in repeated.message("zh")
    assert "(委员名单 rows 3, 4; 常委名单 row 2), and counts as 3 members" in repeated.message("en")


def test_a_name_found_nowhere_says_the_name_one_character_away(tmp_path: Path) -> None:
    # 李宏 for 李红 (a homophone typed) is said beside it; 陈思 (a character short) and 赵六 (two away) are
    # not, nor 王一三, a character away from 王一一 and 王一二 alike
    roster = [*ROSTER, ["王一一", "民进会员", "教育界"], ["王一二", "民进会员", "教育界"]]
    listing = [["党员委员", "联系党外委员"], ["王一", "李宏、陈思、赵六、王一三"]]
    (unknown,) = _errors(_workbook(tmp_path / "名单.xlsx", {"名单": roster, "联系": listing}))
    assert (
        "4 个名称在委员名单中找不到：李宏（是否为“李红”？）、陈思、赵六、王一三（第 2 行）"
        in unknown.message("zh")
    )
    assert "李宏 (did you mean 李红?), 陈思, 赵六, 王一三 (row 2)" in unknown.message("en")


# a list row with one side blank ---------------------------------------------------------------------

# 王一, 张二, 周五 and 孟六 are CPC; 李红, 陈思远 are not
SIDES_ROSTER = [["某区政协委员名单"], ["序号", "姓名", "政治面貌", "界别"]]
SIDES_ROSTER += [[i, *r] for i, r in enumerate([r for r in ROSTER[1:]], 1)]
SIDES_ROSTER += [
    [4, "张二", "中共党员", "经济界"],
    [5, "周五", "中共党员", "中共"],
    [6, "孟六", "中共党员", "中共"],
]
SIDES_TITLE = [["某区政协党员委员联系党外委员一览表"], ["序号", "党员委员", "界别", "联系党外委员", "备注"]]


def _sides(path: Path, rows: list[list[object]], *, merge: str | None = None) -> Path:
    """A 联系党外委员 list as printed (a title row merged across, the header on row 2) beside the roster."""
    path = _workbook(path, {"委员名单": SIDES_ROSTER, "联系": SIDES_TITLE + rows})
    workbook = load_workbook(path)
    workbook["联系"].merge_cells("A1:E1")
    if merge:
        workbook["联系"].merge_cells(merge)
    workbook.save(path)
    return path


def _said(problem: Problem, where: tuple[str, str, int, str], zh: str, en: str) -> None:
    """The problem is `where` (code, severity, row, column) on sheet 联系, and says so in both languages."""
    assert (problem.code, problem.severity, problem.row, problem.column, problem.sheet) == (*where, "联系")
    assert problem.message("zh") == zh
    assert problem.message("en") == en


def test_a_member_with_no_one_to_liaise_with_is_a_warning_and_the_other_rows_load(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        [1, "王一", "中共", "李红", None],  # row 3
        [2, "张二", "经济界", None, None],  # row 4: 联系党外委员 empty
        [],  # row 5: blank
        [3, "周五", "中共", "陈思远", None],  # row 6: 党员委员 merged over rows 6 and 7
        [4, None, None, None, None],  # row 7: a continuation of the merged cell, nothing typed
        [5, "孟六", "中共", None, "待定"],  # row 8: 联系党外委员 empty
    ]
    path = _sides(tmp_path / "名单.xlsx", rows, merge="B6:B7")
    ds = pbgraph.load(path)
    assert _targets(ds) == {"王一": ["李红"], "周五": ["陈思远"]}
    (warning,) = [p for p in ds.warnings if p.code.startswith("office_list")]
    _said(
        warning,
        ("office_list_no_target", "warning", 4, "联系党外委员"),
        "名单.xlsx［工作表 联系］ 第 4 行 “联系党外委员”列：2 行填了“党员委员”，"
        "但“联系党外委员”为空（第 4, 8 行），这些行没有读到任何联系。请在“联系党外委员”列填写所联系的对象，"
        "或删除这些行。",
        "名单.xlsx [sheet 联系], row 4, column '联系党外委员': 2 row(s) fill in '党员委员' but leave"
        " '联系党外委员' empty (rows 4, 8): no liaison is read from them. Fill in whom they liaise with"
        " under '联系党外委员', or delete the rows.",
    )
    # the blank row and the merged cell's continuation are skipped for what they are, without a word
    (sheet,) = [s for s in read_office(path).report.sheets if s["sheet"] == "联系"]
    assert sheet["skipped"] == {"blank": [5], "merged": [7]}
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert "[警告] 名单.xlsx［工作表 联系］ 第 4 行 “联系党外委员”列：2 行填了“党员委员”" in result.output


def test_a_liaison_without_its_member_is_an_error_naming_the_empty_column(tmp_path: Path) -> None:
    # a name alone in 联系党外委员 (row 4) is not a heading; nor is one beside a remark (row 5)
    rows: list[list[object]] = [
        [1, "王一", "中共", "李红", None],
        [2, None, None, "陈思远", None],
        [3, None, None, "李红", "同上"],
    ]
    (error,) = _errors(_sides(tmp_path / "名单.xlsx", rows))
    _said(
        error,
        ("office_list_no_source", "error", 4, "党员委员"),
        "名单.xlsx［工作表 联系］ 第 4 行 “党员委员”列：2 行填了“联系党外委员”，"
        "但“党员委员”为空（第 4, 5 行），无法知道是谁的联系。请在“党员委员”列填写委员姓名"
        "（如接续上一行的委员，可把该单元格与上一行合并），或删除这些行。",
        "名单.xlsx [sheet 联系], row 4, column '党员委员': 2 row(s) fill in '联系党外委员' but leave"
        " '党员委员' empty (rows 4, 5): whose liaison it is cannot be known. Fill in the member under"
        " '党员委员' (for a row that continues the member above, merge the cell with the one above), or"
        " delete the rows.",
    )


def test_a_member_merged_over_the_rows_of_their_liaisons_loads_them_all(tmp_path: Path) -> None:
    # the advice of the error above: 王一 merged over rows 3 to 5, one 党外委员 a row, and row 5 left for more
    rows: list[list[object]] = [[1, "王一", "中共", "李红"], [2, None, None, "陈思远"], [3, None, None, None]]
    ds = pbgraph.load(_sides(tmp_path / "名单.xlsx", rows, merge="B3:B5"))
    assert _targets(ds) == {"王一": ["李红", "陈思远"]}
    assert not [p for p in ds.warnings if p.code.startswith("office_list")]


def test_every_kind_of_list_names_its_own_empty_column(tmp_path: Path) -> None:
    listing = [
        ["党组成员", "职务", "联系界别（联组）"],
        ["王一", "党组成员", "教育界"],
        ["张二", "党组成员", None],
    ]
    ds = pbgraph.load(_workbook(tmp_path / "名单.xlsx", {"委员名单": SIDES_ROSTER, "联系界别": listing}))
    (warning,) = [p for p in ds.warnings if p.code.startswith("office_list")]
    # a header is named as read (full-width brackets as half-width ones, as in every office message)
    assert (warning.row, warning.column) == (3, "联系界别(联组)")
    assert "1 行填了“党组成员”，但“联系界别(联组)”为空（第 3 行）" in warning.message("zh")

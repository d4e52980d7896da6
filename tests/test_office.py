"""Office files read as they are (DESIGN 3.1): fixtures shaped like what offices keep, each with answers
checked by hand; the template round trip; `data/sample-office.xlsx` against `data/sample`."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

import pbgraph
from pbgraph import DatasetError
from pbgraph.analyses import run_all
from pbgraph.cli import main
from pbgraph.office import is_office_source, parse_column_map, read_office
from pbgraph.office._text import date_text, name_key, split_names
from pbgraph.problem import Problem

DATA = Path(__file__).resolve().parent.parent / "data"

ROSTER_HEADER = ["序号", "姓名", "性别", "政治面貌", "界别", "所在镇（街）", "职务", "手机号"]
# 张三 and 王五 are CPC; 李四 民盟, 赵六 九三, 钱七 共青团员 are not. 王五, 赵六, 钱七 share one merged
# 界别 cell.
ROSTER_ROWS = [
    [1, "张  三", "男", "中共党员", "中共", "东关街道", "党组成员、副主席", "13800000000"],
    [2, "李四　", "女", "民盟盟员", "教育界", "东关街道", "委员", "13900000001"],
    [3, "王五", "男", "中共党员（预备）", "经济界", "西河镇", "委员", ""],
    [4, "赵六", "女", "九三", None, "西河镇", "常委", ""],
    [5, "钱七", "男", "共青团员", None, "西河镇", "委员", ""],
]


UNMERGED = [[*r[:4], r[4] or "经济界", *r[5:]] for r in ROSTER_ROWS]


def office_workbook(path: Path, rows: list[list[object]] | None = None, *, lists: bool = True) -> Path:
    """A 委员名单 as printed (title, subtitle, merged 界别, 合计, 注：) and a 联系党外委员 list."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append(["某区政协第九届委员会委员名单"])
    sheet.merge_cells("A1:H1")
    sheet.append(["（共5名，截至2023年6月）"])
    sheet.append(ROSTER_HEADER)
    for row in rows or ROSTER_ROWS:
        sheet.append(row)
    if rows is None:
        sheet.merge_cells("E6:E8")
    sheet.append(["合计", "5人"])
    sheet.append([])
    sheet.append(["注：以上排名不分先后"])
    if lists:
        liaisons = workbook.create_sheet("一览表")
        liaisons.append(["党员委员联系党外委员一览表"])
        liaisons.append(["序号", "党员委员", "界别", "联系党外委员", "开始日期"])
        liaisons.append([1, "张三", "中共", "李四、赵六", 45292])
        liaisons.append([2, "王 五", "经济界", "钱七，\n赵六", dt.datetime(2023, 5, 4)])
    workbook.save(path)
    return path


def names_by_id(ds: pbgraph.Dataset) -> dict[str, str]:
    return dict(zip(ds.members["id"], ds.members["name"], strict=True))


def error_codes(path: Path | list[Path], **options: object) -> list[Problem]:
    read = read_office(path, **options)  # type: ignore[arg-type]
    with pytest.raises(DatasetError) as caught:
        pbgraph.validate.build_dataset(read.tables, read.problems)
    return [p for p in caught.value.problems if p.is_error]


# cells ------------------------------------------------------------------------------------------


def test_names_are_normalized_and_split() -> None:
    assert name_key("张  三") == name_key("张三　") == name_key(" 张三") == "张三"
    assert name_key("（预备）") == "(预备)"
    assert split_names("甲、乙，丙,丁；戊;己/庚\n辛\r\n壬　、 甲") == list("甲乙丙丁戊己庚辛壬")


def test_dates_as_offices_write_them() -> None:
    # Excel day 25569 is 1970-01-01; 26000 is 431 days later
    assert date_text("26000") == "1971-03-08"
    assert date_text("1964.08") == "1964-08"
    assert date_text("1964年8月") == "1964-08"
    assert date_text("1964-08") == "1964-08"
    # a bare year is not a serial date
    assert date_text("1964") == "1964"


# the roster as printed ----------------------------------------------------------------------------


def test_printed_roster_and_liaison_list(tmp_path: Path) -> None:
    path = office_workbook(tmp_path / "委员名单.xlsx")
    assert is_office_source(path)
    ds = pbgraph.load(path)
    members = ds.members.set_index("name")
    assert list(members.index) == ["张三", "李四", "王五", "赵六", "钱七"]
    assert members["party"].to_dict() == {
        "张三": "CPC",
        "李四": "CDL",
        "王五": "CPC",
        "赵六": "JS",
        "钱七": "CYL",
    }
    # the merged 界别 cell gives 经济界 to its three rows; sectors and townships come from the roster
    sector = dict(zip(ds.sectors["id"], ds.sectors["name"], strict=True))
    assert {n: sector[s] for n, s in members["sector"].items()} == {
        "张三": "中共",
        "李四": "教育界",
        "王五": "经济界",
        "赵六": "经济界",
        "钱七": "经济界",
    }
    assert sorted(ds.townships["name"]) == ["东关街道", "西河镇"]
    assert dict(zip(ds.townships["name"], ds.townships["kind"], strict=True)) == {
        "东关街道": "街道",
        "西河镇": "镇",
    }
    # 党组成员 written in 职务 makes 张三 a party-group member
    assert members["party_group"].to_dict() == {n: n == "张三" for n in members.index}
    assert members.at["张三", "roles"] == "党组成员;副主席"
    names = names_by_id(ds)
    pairs = sorted(
        (names[s], names[t], since) for s, t, since in ds.liaisons[["source", "target", "since"]].to_numpy()
    )
    assert pairs == [
        ("张三", "李四", "2024-01-01"),
        ("张三", "赵六", "2024-01-01"),
        ("王五", "赵六", "2023-05-04"),
        ("王五", "钱七", "2023-05-04"),
    ]
    assert set(ds.liaisons["kind"]) == {"member"}
    # the phone column is dropped with a notice, and its values are nowhere
    notice = [p for p in ds.warnings if p.code == "office_private_column"]
    assert [(p.sheet, p.column) for p in notice] == [("Sheet1", "手机号")]
    assert not any("1380000" in str(v) for frame in ds.tables.values() for v in frame.to_numpy().ravel())


def test_import_report_says_what_was_read(tmp_path: Path) -> None:
    read = read_office(office_workbook(tmp_path / "名单.xlsx"))
    roster, liaisons = read.report.sheets
    assert (roster["sheet"], roster["kind"], roster["header_row"], roster["records"]) == (
        "Sheet1",
        "members",
        3,
        5,
    )
    # row 9 is 合计, row 10 blank, row 11 the note
    assert roster["skipped"] == {"total": [9], "blank": [10], "note": [11]}
    readings = {c["header"]: c["field"] for c in roster["columns"]}
    assert readings == {
        "序号": "ignore",
        "姓名": "name",
        "性别": "gender",
        "政治面貌": "party",
        "界别": "sector",
        # headers are shown in their half-width form
        "所在镇(街)": "township",
        "职务": "roles",
        "手机号": "private",
    }
    assert (liaisons["kind"], liaisons["header_row"], liaisons["records"]) == ("member_liaisons", 2, 2)
    party = {(v["value"], v["code"]): v["count"] for v in read.report.normalized["party"]}
    assert party == {
        ("中共党员", "CPC"): 1,
        ("中共党员(预备)", "CPC"): 1,
        ("民盟盟员", "CDL"): 1,
        ("九三", "JS"): 1,
        ("共青团员", "CYL"): 1,
    }
    # 5 界别 and 5 镇街 cells of the roster, 2 sources and 4 targets of the list: all by name
    assert read.report.names == {"name": 16}
    assert read.report.tables["sectors"] == {"rows": 3, "from": "roster", "ids": "assigned"}
    assert "organizations" in read.report.not_recorded
    text = read.report.to_markdown("zh") + read.report.to_html("en") + read.report.to_json("zh")
    # the report names sheets and columns, never a person
    assert "张三" not in text and "13800000000" not in text


def test_ids_follow_content_not_row_order(tmp_path: Path) -> None:
    first = pbgraph.load(office_workbook(tmp_path / "a.xlsx", UNMERGED))
    second = pbgraph.load(office_workbook(tmp_path / "b.xlsx", [UNMERGED[i] for i in (4, 2, 0, 3, 1)]))
    by_name = {v: k for k, v in names_by_id(first).items()}
    assert by_name == {v: k for k, v in names_by_id(second).items()}
    # sorted by 界别 (中共 < 教育界 < 经济界 in code points), then 镇街, then party code (CPC < CYL < JS)
    assert by_name == {"张三": "M001", "李四": "M002", "王五": "M003", "钱七": "M004", "赵六": "M005"}


# files offices keep ---------------------------------------------------------------------------------


def test_old_xls_with_merged_cells_and_dates(tmp_path: Path) -> None:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("委员")
    sheet.write_merge(0, 0, 0, 4, "某县政协委员名单")
    for c, text in enumerate(["序号", "姓名", "政治面貌", "界别", "出生年月", "所在镇（街）"]):
        sheet.write(1, c, text)
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    rows = [
        (1, "周敏", "中共党员", dt.date(1971, 3, 8), "东关街道"),
        (2, "吴昊", "民进会员", dt.date(1980, 1, 2), "东关街道"),
    ]
    for r, (number, name, party, born, town) in enumerate(rows, start=2):
        sheet.write(r, 0, number)
        sheet.write(r, 1, name)
        sheet.write(r, 2, party)
        sheet.write(r, 4, born, date_style)
        sheet.write(r, 5, town)
    sheet.write_merge(2, 3, 3, 3, "教育界")
    lists = book.add_sheet("联系")
    for c, text in enumerate(["党员委员", "联系党外委员"]):
        lists.write(0, c, text)
    lists.write(1, 0, "周敏")
    lists.write(1, 1, "吴昊")
    path = tmp_path / "名单.xls"
    book.save(str(path))
    ds = pbgraph.load(path)
    assert sorted(ds.members["name"]) == ["吴昊", "周敏"]
    assert list(ds.sectors["name"]) == ["教育界"]
    assert set(ds.members["sector"]) == {ds.sectors["id"].iat[0]}
    assert list(ds.members["party"]) == ["CPC", "CAPD"] or sorted(ds.members["party"]) == ["CAPD", "CPC"]
    names = names_by_id(ds)
    assert [(names[s], names[t]) for s, t in ds.liaisons[["source", "target"]].to_numpy()] == [
        ("周敏", "吴昊")
    ]


def test_single_gbk_csv(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    text = (
        "政协委员名单\n序号,姓名,政治面貌,界别\n1,孙立,中共党员,经济界\n2,丁一,致公党党员,经济界\n合计,2人\n"
    )
    path.write_bytes(text.encode("gbk"))
    ds = pbgraph.load(path)
    assert dict(zip(ds.members["name"], ds.members["party"], strict=True)) == {"孙立": "CPC", "丁一": "CZGP"}
    assert list(ds.sectors["name"]) == ["经济界"]


def test_folder_mixing_workbook_and_csv(tmp_path: Path) -> None:
    folder = tmp_path / "县政协"
    folder.mkdir()
    office_workbook(folder / "名单.xlsx", lists=False)
    with (folder / "联系.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([["党员委员", "联系党外委员"], ["张三", "钱七"]])
    assert is_office_source(folder)
    ds = pbgraph.load(folder)
    names = names_by_id(ds)
    assert [(names[s], names[t]) for s, t in ds.liaisons[["source", "target"]].to_numpy()] == [
        ("张三", "钱七")
    ]


def test_leading_zero_ids_stored_as_numbers(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["编号", "姓名", "政治面貌"])
    sheet.append([1, "甲一", "中共党员"])
    sheet.append([2, "乙二", "无党派"])
    for row in (2, 3):
        sheet.cell(row=row, column=1).number_format = "000"
    lists = workbook.create_sheet("联系")
    lists.append(["党员委员", "联系党外委员"])
    # one list writes the 编号 with its zeros, the other as the number Excel kept
    lists.append(["001", "2"])
    path = tmp_path / "roster.xlsx"
    workbook.save(path)
    ds = pbgraph.load(path)
    assert list(ds.members["id"]) == ["001", "002"]
    assert ds.liaisons[["source", "target"]].to_numpy().tolist() == [["001", "002"]]


# names that cannot be resolved ---------------------------------------------------------------------


def namesake_workbook(path: Path, *references: list[str]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["姓名", "政治面貌", "界别"])
    sheet.append(["张伟", "民建会员", "教育界"])  # row 2
    sheet.append(["李明", "中共党员", "中共"])  # row 3
    sheet.append(["张伟", "群众", "经济界"])  # row 4
    lists = workbook.create_sheet("一览表")
    lists.append(["序号", "党员委员", "联系党外委员"])
    for number, row in enumerate(references, start=1):
        lists.append([number, *row])
    workbook.save(path)
    return path


def test_ambiguous_name_is_one_error_listing_the_candidates(tmp_path: Path) -> None:
    path = namesake_workbook(
        tmp_path / "名单.xlsx", ["李明", "张伟"], ["李明", "张伟、王某"], ["李明", "赵某"]
    )
    found = error_codes(path)
    assert sorted(p.code for p in found) == ["office_ambiguous_name", "office_unknown_name"]
    ambiguous = next(p for p in found if p.code == "office_ambiguous_name")
    assert (ambiguous.sheet, ambiguous.row, ambiguous.column, ambiguous.value) == (
        "一览表",
        2,
        "联系党外委员",
        "张伟",
    )
    assert ambiguous.params["count"] == 2 and ambiguous.params["rows"] == "2, 3"
    message = ambiguous.message("zh")
    assert "Sheet 第 2 行" in message and "Sheet 第 4 行" in message and "张伟（教育界）" in message
    english = ambiguous.message("en")
    assert "Sheet row 2 (" in english and "Sheet row 4 (" in english and "第" not in english
    assert "编号" in english
    unknown = next(p for p in found if p.code == "office_unknown_name")
    assert (unknown.params["count"], unknown.params["names"], unknown.params["rows"]) == (
        2,
        "王某、赵某",
        "3, 4",
    )
    # English lists them with English commas
    assert "王某, 赵某 (rows 3, 4)" in unknown.message("en") and "、" not in unknown.message("en")


def test_namesakes_told_apart_by_qualifier(tmp_path: Path) -> None:
    path = namesake_workbook(tmp_path / "名单.xlsx", ["李明", "张伟（经济界）、张伟(教育界)"])
    ds = pbgraph.load(path)
    sectors = dict(zip(ds.sectors["id"], ds.sectors["name"], strict=True))
    targets = ds.members.set_index("id").loc[ds.liaisons["target"], "sector"].map(sectors)
    assert sorted(targets) == ["教育界", "经济界"]


def test_many_unknown_names_are_one_message(tmp_path: Path) -> None:
    rows = [["李明", f"无名{i}"] for i in range(30)]
    found = error_codes(namesake_workbook(tmp_path / "名单.xlsx", *rows))
    assert [p.code for p in found] == ["office_unknown_name"]
    assert found[0].params["count"] == 30 and found[0].params["rows"] == "2, 3, 4, 5, 6 … (30)"


def test_roster_without_party_column_says_so(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["委员名单"])
    sheet.append(["序号", "姓名", "界别", "工作单位及职务"])
    sheet.append([1, "甲一", "中共", "某局"])
    path = tmp_path / "名单.xlsx"
    workbook.save(path)
    found = error_codes(path)
    assert [p.code for p in found] == ["office_no_party_column"]
    assert found[0].params["header_row"] == 2 and "政治面貌" in found[0].message("zh")


def test_warning_names_a_column_the_roster_lacks_as_the_template_heads_it(tmp_path: Path) -> None:
    """A roster without a township column: each member's warning names the column as the office template
    heads it (所在镇（街）, `pbgraph template`), or in English with --lang en; never by the canonical name."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["序号", "姓名", "政治面貌", "界别"])
    sheet.append([1, "张三", "中共党员", "中共"])
    sheet.append([2, "李四", "民盟盟员", "教育界"])
    ds = pbgraph.load(_save(workbook, tmp_path / "名单.xlsx"))
    found = [p for p in ds.warnings if p.code == "member_no_township"]
    assert len(found) == 2
    assert {p.column_shown("zh") for p in found} == {"所在镇（街）"}
    assert {p.column_shown("en") for p in found} == {"township"}
    assert "“所在镇（街）”列" in found[0].message("zh") and "township" not in found[0].message("zh")
    assert "column 'township'" in found[0].message("en")
    assert found[0].as_record("zh")["column"] == "所在镇（街）"
    # the grouped lines of validate say the same
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "名单.xlsx")])
    assert "“所在镇（街）”列 第 2–3 行" in result.output and "township" not in result.output


def test_map_names_a_column(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["人员", "政治面貌"])
    sheet.append(["甲一", "中共党员"])
    path = tmp_path / "名单.xlsx"
    workbook.save(path)
    assert [p.code for p in error_codes(path)] == ["office_no_roster"]
    mapping, problems = parse_column_map(["人员=name"])
    assert problems == []
    read = read_office(path, column_map=mapping)
    assert list(read.tables["members"].frame["name"]) == ["甲一"]
    _, problems = parse_column_map(["人员=nobody", "没有等号"])
    assert [p.code for p in problems] == ["office_bad_map", "office_bad_map"]


# the template and the sample -----------------------------------------------------------------------


def _template(folder: Path, lang: str) -> Path:
    """The template as `pbgraph template --lang LANG` writes it."""
    path = folder / f"template-{lang}.xlsx"
    result = CliRunner().invoke(main, ["template", "-o", str(path), "--lang", lang])
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize(
    ("lang", "notes", "options"), [("zh", "说明", "选项"), ("en", "Instructions", "Options")]
)
def test_template_round_trip(tmp_path: Path, lang: str, notes: str, options: str) -> None:
    path = _template(tmp_path, lang)
    workbook = load_workbook(path)
    # the data sheets are the office form in both languages; the instructions and the options are named in
    # the language asked, with a name the reader knows not to read (DESIGN 3.1)
    assert workbook.sheetnames == [
        notes,
        "委员名单",
        "党员委员联系党外委员",
        "党组成员联系界别",
        "党员委员联系镇街",
        "委员联系群众",
        "组织",
        "组织成员",
        "联系记录",
        "组织生活记录",
        options,
    ]
    assert workbook[options].sheet_state == "hidden"
    # every enumerated column has a drop-down
    validated = {
        title: sorted(
            workbook[title].cell(row=1, column=next(iter(v.sqref.ranges)).min_col).value
            for v in workbook[title].data_validations.dataValidation
        )
        for title in ("委员名单", "组织", "组织成员", "联系记录", "组织生活记录")
    }
    assert validated == {
        "委员名单": ["性别", "政治面貌"],
        "组织": ["类型"],
        "组织成员": ["职务"],
        "联系记录": ["方式"],
        "组织生活记录": ["类型"],
    }
    for title in workbook.sheetnames[1:-1]:
        if title != "委员名单":
            assert workbook[title].max_row == 3, title
    ds = pbgraph.load(path)
    assert [p.code for p in ds.warnings] == []
    ignored = {(i["sheet"], i["reason"]) for i in read_office(path).report.ignored}
    assert ignored == {(notes, "not_data"), (options, "not_data")}
    members = ds.members.set_index("name")
    # the example activities: two liaison activities, two meetings of the party group, dates as typed
    assert ds.activities[["date", "kind", "target", "organization"]].values.tolist() == [
        ["2024-03-05", "talk", members.at["李四", "id"], ""],
        ["2024-04-12", "visit", members.at["赵六", "id"], ""],
        ["2024-04-01", "org_life", "", ds.organizations.set_index("name").at["政协党组", "id"]],
        ["2024-06-28", "party_day", "", ds.organizations.set_index("name").at["政协党组", "id"]],
    ]
    assert members["party_group"].to_dict() == {"张三": True, "李四": False, "王五": True, "赵六": False}
    assert ds.liaisons["kind"].value_counts().to_dict() == {
        "member": 3,
        "sector": 3,
        "township": 2,
        "contact": 3,
    }
    assert sorted(ds.organizations["kind"]) == [
        "liaison_group",
        "party_group",
        "sector_group",
        "sector_group",
    ]


def test_the_english_template_is_the_chinese_form(tmp_path: Path) -> None:
    """--lang en changes what explains the form, never the form: every data sheet holds the same cells, each
    drop-down offers the same values, and the reader builds the same dataset from both."""
    chinese, english = (load_workbook(_template(tmp_path, lang)) for lang in ("zh", "en"))
    data_sheets = chinese.sheetnames[1:-1]
    assert english.sheetnames[1:-1] == data_sheets
    for title in data_sheets:
        assert [[c.value for c in row] for row in english[title].iter_rows()] == [
            [c.value for c in row] for row in chinese[title].iter_rows()
        ], title
        assert [str(v.sqref) for v in english[title].data_validations.dataValidation] == [
            str(v.sqref) for v in chinese[title].data_validations.dataValidation
        ], title
    # the options' values (row 1 only heads them)
    assert [[c.value for c in row] for row in english.worksheets[-1].iter_rows(min_row=2)] == [
        [c.value for c in row] for row in chinese.worksheets[-1].iter_rows(min_row=2)
    ]
    zh, en = (pbgraph.load(tmp_path / f"template-{lang}.xlsx") for lang in ("zh", "en"))
    for name, frame in zh.tables.items():
        assert en.tables[name].equals(frame), name
    assert len(en.members) == 4 and len(en.activities) == 4


# Chinese characters and the full-width forms Chinese text uses
_CJK_RUN = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]+")


def _explanations(workbook: Workbook) -> list[str]:
    """Every text of a template that explains rather than is the form: the instructions sheet, the heads of
    the hidden options, the drop-downs' titles, messages and prompts, the cells' comments."""
    texts = [c.value for row in workbook.worksheets[0].iter_rows() for c in row if isinstance(c.value, str)]
    texts += [c.value for c in workbook.worksheets[-1][1] if isinstance(c.value, str)]
    for sheet in workbook.worksheets:
        for validation in sheet.data_validations.dataValidation:
            fields = (validation.errorTitle, validation.error, validation.promptTitle, validation.prompt)
            texts += [text for text in fields if text]
        texts += [c.comment.text for row in sheet.iter_rows() for c in row if c.comment]
    return texts


def test_the_english_template_explains_in_english(tmp_path: Path) -> None:
    """With --lang en, the only Chinese in what explains the template is the form's own words, quoted: every
    run of Chinese characters is a sheet name, a header, an example or drop-down value of the workbook, a
    value the reader accepts (the 职务 that make a party-group member, DESIGN 3; an 编号 column, 3.1) or a
    separator of names. Every column is named by its header followed by its meaning in English."""
    from pbgraph.model import PARTY_GROUP_ROLES

    workbook = load_workbook(_template(tmp_path, "en"))
    data_sheets = workbook.worksheets[1:-1]
    form = {sheet.title for sheet in data_sheets} | {
        c.value for sheet in [*data_sheets, workbook.worksheets[-1]] for row in sheet.iter_rows() for c in row
    }
    accepted = form | PARTY_GROUP_ROLES | {"编号", "、", "，", "；", "／"}
    texts = _explanations(workbook)
    strays = {(run, text) for text in texts for run in _CJK_RUN.findall(text) if run not in accepted}
    assert not strays, strays
    assert len(texts) > 60  # the instructions, the options' heads, six drop-downs' title and message
    lines = set(texts)
    for sheet in data_sheets:
        for cell in sheet[1]:
            assert any(line.startswith(f"   {cell.value} (") for line in lines), (sheet.title, cell.value)
    assert "Choose 政治面貌 (party affiliation) from the drop-down list." in lines
    # and the Chinese template explains in Chinese
    chinese = _explanations(load_workbook(_template(tmp_path, "zh")))
    assert chinese[0] == "填表说明（pbgraph 模板）" and "“政治面貌”请从下拉列表中选择。" in chinese


def _without_ids(ds: pbgraph.Dataset) -> dict[tuple[str, str], list[tuple[str, ...]]]:
    """Every analysis table with each id replaced by what it names (a name, or 名（镇街） for namesakes)."""
    labels: dict[str, str] = {}
    township = dict(zip(ds.townships["id"], ds.townships["name"], strict=True))
    for table in ("members", "sectors", "townships", "organizations", "contacts"):
        frame = getattr(ds, table)
        places = frame["township"] if "township" in frame else [""] * len(frame)
        for node_id, name, place in zip(frame["id"], frame["name"], places, strict=True):
            labels[node_id] = f"{name}（{township.get(place, '')}）"
    found = {}
    for name, result in run_all(ds).items():
        for key, table in result.tables.items():
            found[(name, key)] = sorted(
                tuple(labels.get(v, v) if isinstance(v, str) else repr(v) for v in row)
                for row in table.itertuples(index=False)
            )
    return found


def test_sample_office_workbook_equals_the_sample(tmp_path: Path) -> None:
    office = pbgraph.load(DATA / "sample-office.xlsx")
    sample = pbgraph.load(DATA / "sample")
    assert len(office.activities) == len(sample.activities) > 1000
    assert {k: len(v) for k, v in office.tables.items()} == {k: len(v) for k, v in sample.tables.items()}
    assert [p.code for p in office.warnings] == [p.code for p in sample.warnings]
    mine, theirs = _without_ids(office), _without_ids(sample)
    assert mine.keys() == theirs.keys()
    for key in theirs:
        assert mine[key] == theirs[key], key


def test_roster_and_one_list_say_what_is_not_recorded(tmp_path: Path) -> None:
    ds = pbgraph.load(office_workbook(tmp_path / "名单.xlsx"))
    assert ds.not_recorded == {
        "organizations",
        "memberships",
        "contacts",
        "liaisons:sector",
        "liaisons:township",
        "liaisons:contact",
    }
    results = run_all(ds)
    overall = results["coverage"].main.iloc[-1]
    # 工作覆盖率 is known (3 of 3 non-party members linked); what needs organizations is n/a, not 0 %
    assert (overall["work_rate"], overall["unlinked"]) == (1.0, 0)
    assert overall["organization_rate"] is None and overall["unorganized"] is None
    assert overall[["sector_gaps", "township_gaps", "platform_gaps"]].tolist() == [None, None, None]
    for name in ("unorganized", "sectors", "townships", "platforms"):
        assert results[name].main.empty, name
        assert results[name].not_recorded, name
    assert results["townships"].not_recorded == ["organizations", "memberships", "liaisons:township"]
    assert results["unlinked"].not_recorded == []
    # 王五 is the only liaison of 钱七, 张三 of 李四: two fragile non-party members
    assert int(overall["fragile"]) == 2
    assert pbgraph.load(DATA / "sample").not_recorded == frozenset()


def test_sheet_named_like_a_table_is_read_by_its_header(tmp_path: Path) -> None:
    workbook = Workbook()
    roster = workbook.active
    assert roster is not None
    roster.title = "名单"
    for row in (["姓名", "政治面貌"], ["甲一", "中共党员"], ["乙二", "群众"]):
        roster.append(row)
    # "联系" names the canonical liaisons table, but its header is a member liaison list's
    liaisons = workbook.create_sheet("联系")
    for row in (["党员委员", "联系对象", "备注"], ["甲一", "乙二", ""]):
        liaisons.append(row)
    # "联系群众" names the contacts table, and its header is one (no 编号: ids are assigned)
    contacts = workbook.create_sheet("联系群众")
    for row in (["姓名", "镇街"], ["丙三", ""]):
        contacts.append(row)
    path = tmp_path / "名单.xlsx"
    workbook.save(path)
    ds = pbgraph.load(path)
    names = names_by_id(ds)
    assert [(names[s], names[t], k) for s, t, k in ds.liaisons[["source", "target", "kind"]].to_numpy()] == [
        ("甲一", "乙二", "member")
    ]
    assert ds.contacts.to_dict("records") == [{"id": "P001", "name": "丙三", "township": ""}]


def test_headings_inside_a_roster_and_an_unreadable_sheet(tmp_path: Path) -> None:
    workbook = Workbook()
    roster = workbook.active
    assert roster is not None
    for row in (
        ["政协委员名单"],
        ["序号", "姓名", "政治面貌", "界别"],
        ["一、经济界（2人）"],  # row 3: a heading between groups of rows
        [1, "甲一", "中共党员", "经济界"],
        [2, "乙二", "群众", "经济界"],
        [None, None, None, None],
        ["二、教育界（1人）"],  # row 7
        [3, "丙三", "民进会员", "教育界"],
    ):
        roster.append(row)
    roster.append(["三、科技界（0人）"])  # row 9: a heading merged across the row
    roster.merge_cells("A9:D9")
    other = workbook.create_sheet("统计")
    for row in (["各界别人数统计"], ["界别", "人数"], ["经济界", 2]):
        other.append(row)
    read = read_office(_save(workbook, tmp_path / "名单.xlsx"))
    assert list(read.tables["members"].frame["name"]) == ["甲一", "乙二", "丙三"]
    assert read.report.sheets[0]["skipped"] == {"heading": [3, 7, 9], "blank": [6]}
    unread = [p for p in read.problems if p.code == "office_unrecognized_sheet"]
    assert [(p.severity, p.sheet, p.params["header_row"], p.params["cells"]) for p in unread] == [
        ("warning", "统计", 2, "界别 | 人数")
    ]
    assert "姓名" in unread[0].message("zh") and "--map" in unread[0].message("en")


def _save(workbook: Workbook, path: Path) -> Path:
    workbook.save(path)
    return path

"""Activity logs as offices keep them (DESIGN 3.1, issue 14): a 联系记录 sheet and a 组织生活记录 sheet read
into the `activities` table, with answers checked by hand.

The fixture: the roster of tests/test_office.py (张三 and 王五 CPC; 李四, 赵六, 钱七 not), the liaisons
张三→李四、赵六 and 王五→钱七、赵六, a contact also called 李四 whom 王五 liaises with, and 经济界党小组
(王五, 张三).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

import pbgraph
from pbgraph import DatasetError
from pbgraph.analyses import run
from pbgraph.cli import main
from pbgraph.office._text import EXCEL_EPOCH
from tests.test_office import ROSTER_HEADER, ROSTER_ROWS

GOOD_CONTACTS = [
    # an Excel serial number, as a date column typed as General shows it
    [(dt.date(2024, 3, 5) - EXCEL_EPOCH).days, "张三", "李四", "谈心谈话", "谈履职"],
    # 李四 is a member and a contact: 王五 liaises with the contact
    ["2024.3.5", "王五", "李四", "电话", ""],
    ["2024年3月5日", "张三、王五", None, "座谈", "两人同去"],
    [dt.datetime(2024, 4, 1), "王 五", "西河镇", "走访", ""],
    ["2024-05-06", "张三", "赵 六", "微信", ""],
]
GOOD_MEETINGS = [
    ["2024/6/1", "经济界党小组", "王五，张三", "三会一课"],
    [dt.datetime(2024, 7, 1), "经济界党小组", "王五", "主题党日活动"],
]


def workbook(path: Path, contacts: list[list[object]], meetings: list[list[object]]) -> Path:
    book = Workbook()
    roster = book.active
    assert roster is not None
    roster.title = "委员名单"
    roster.append(ROSTER_HEADER)
    for row in ROSTER_ROWS:
        roster.append([*row[:4], row[4] or "经济界", *row[5:]])
    lists = book.create_sheet("一览表")
    lists.append(["序号", "党员委员", "联系党外委员"])
    lists.append([1, "张三", "李四、赵六"])
    lists.append([2, "王五", "钱七、赵六"])
    people = book.create_sheet("委员联系群众")
    people.append(["序号", "委员", "联系群众"])
    people.append([1, "王五", "李四"])
    orgs = book.create_sheet("组织")
    orgs.append(["序号", "名称", "类型", "上级"])
    orgs.append([1, "经济界党小组", "界别党小组", ""])
    members = book.create_sheet("组织成员")
    members.append(["序号", "组织", "成员"])
    members.append([1, "经济界党小组", "王五、张三"])
    log = book.create_sheet("联系记录")
    log.append(["党员委员联系记录"])
    log.append(["序号", "日期", "党员委员", "联系对象", "方式", "内容"])
    for number, row in enumerate(contacts, start=1):
        log.append([number, *row])
    log.append(["合计", f"{len(contacts)}次"])
    life = book.create_sheet("组织生活记录")
    life.append(["日期", "组织", "参加人员", "类型"])
    for row in meetings:
        life.append(row)
    book.save(path)
    return path


def readable(ds: pbgraph.Dataset) -> list[tuple[str, str, str, str, str]]:
    """The activities with every id replaced by its name (contacts marked 群众)."""
    names = dict(zip(ds.members["id"], ds.members["name"], strict=True))
    names |= {i: f"{n}（群众）" for i, n in zip(ds.contacts["id"], ds.contacts["name"], strict=True)}
    for table in ("townships", "organizations"):
        frame = getattr(ds, table)
        names |= dict(zip(frame["id"], frame["name"], strict=True))
    return [
        (
            date,
            kind,
            "、".join(names[m] for m in members.split(";")),
            names.get(target, ""),
            names.get(org, ""),
        )
        for date, kind, members, target, org in ds.activities[
            ["date", "kind", "members", "target", "organization"]
        ].itertuples(index=False)
    ]


def test_both_logs_are_read_into_activities(tmp_path: Path) -> None:
    ds = pbgraph.load(workbook(tmp_path / "记录.xlsx", GOOD_CONTACTS, GOOD_MEETINGS))
    assert readable(ds) == [
        ("2024-03-05", "talk", "张三", "李四", ""),
        ("2024-03-05", "call", "王五", "李四（群众）", ""),
        ("2024-03-05", "event", "张三、王五", "", ""),
        ("2024-04-01", "visit", "王五", "西河镇", ""),
        ("2024-05-06", "call", "张三", "赵六", ""),
        ("2024-06-01", "org_life", "王五、张三", "", "经济界党小组"),
        ("2024-07-01", "party_day", "王五", "", "经济界党小组"),
    ]
    assert ds.activities["note"].tolist()[:3] == ["谈履职", "", "两人同去"]
    # 王五's liaisons to 钱七 and 赵六 saw no activity (the 座谈 lists 张三 and 王五, who have no liaison)
    dormant = run("dormant", ds).main
    names = dict(zip(ds.members["id"], ds.members["name"], strict=True))
    assert sorted(
        (names[s], names[t]) for s, t in zip(dormant["source"], dormant["target"], strict=True)
    ) == [
        ("王五", "赵六"),
        ("王五", "钱七"),
    ]
    org_life = run("org_life", ds).tables["org_meetings"]
    assert org_life[["name", "meetings"]].values.tolist() == [["经济界党小组", 2]]


def test_the_import_report_lists_the_activity_sheets(tmp_path: Path) -> None:
    source = workbook(tmp_path / "记录.xlsx", GOOD_CONTACTS, GOOD_MEETINGS)
    out = tmp_path / "数据集"
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "活动记录 7 条（联系记录、组织生活记录）也已导入" in result.output
    # a contact log alone: the message names that log only
    alone = workbook(tmp_path / "联系.xlsx", GOOD_CONTACTS, [])
    for lang, said in (
        ("zh", "活动记录 5 条（联系记录）也已导入。"),
        ("en", "5 activities (contact log) were imported too."),
    ):
        result = CliRunner().invoke(main, ["import", str(alone), "-o", str(tmp_path / lang), "--lang", lang])
        assert result.exit_code == 0, result.output
        assert result.stdout == "" and said in result.stderr.splitlines()


def _errors(path: Path) -> list[tuple[str, str | None, int | None, str | None]]:
    with pytest.raises(DatasetError) as caught:
        pbgraph.load(path)
    return sorted((p.code, p.sheet, p.row, p.column) for p in caught.value.problems if p.is_error)


def test_unknown_names_kinds_and_dates_name_sheet_and_row(tmp_path: Path) -> None:
    contacts = [
        ["2024-03-05", "孙八", "李四", "走访", ""],  # row 3: no such member
        ["2024-03-06", "张三", "周九", "走访", ""],  # row 4: no such member, contact, township or sector
        ["2024-03-07", "钱七", "李四", "走访", ""],  # row 5: 钱七 liaises with neither 李四
        ["2024-03-08", "张三", "李四", "喝茶", ""],  # row 6: no such kind
        ["2024-13-45", "张三", "李四", "走访", ""],  # row 7: no such date
    ]
    meetings = [["2024-06-01", "读书会", "王五", "集中学习"], ["2024-06-02", "经济界党小组", "王五", "聚餐"]]
    found = _errors(workbook(tmp_path / "记录.xlsx", contacts, meetings))
    assert found == [
        ("bad_activity_date", "联系记录", 7, "日期"),
        # 李四 for 孙八 (row 3, unknown) and for 钱七 (row 5), who liaise with neither 李四
        ("office_ambiguous_name", "联系记录", 3, "联系对象"),
        ("office_unknown_name", "组织生活记录", 2, "组织"),
        ("office_unknown_name", "联系记录", 3, "党员委员"),
        ("office_unknown_name", "联系记录", 4, "联系对象"),
        ("unknown_enum", "组织生活记录", 3, "类型"),
        ("unknown_enum", "联系记录", 6, "方式"),
    ]
    with pytest.raises(DatasetError) as caught:
        pbgraph.load(tmp_path / "记录.xlsx")
    messages = {p.code + str(p.row): p.message("zh") for p in caught.value.problems}
    assert (
        "周九" in messages["office_unknown_name4"]
        and "委员名单、联系群众、镇街或界别" in messages["office_unknown_name4"]
    )
    ambiguous = messages["office_ambiguous_name3"]
    assert "委员（" in ambiguous and "联系群众（" in ambiguous and "3, 5" in ambiguous
    english = next(p for p in caught.value.problems if p.code == "office_ambiguous_name").message("en")
    assert "member (" in english and "; contact (" in english and "联系群众" not in english
    assert any("roster, contacts, townships or sectors" in p.message("en") for p in caught.value.problems)


def test_the_hint_for_a_name_a_member_and_a_contact_share_names_one(tmp_path: Path) -> None:
    """李四 is a member (教育界, 东关街道) and a contact; 钱七 liaises with neither. The message suggests a
    spelling, and that spelling in the 联系对象 cell names exactly one: the member (a 界别 is no
    contact's)."""
    log = [["2024-03-07", "钱七", "李四", "走访", ""]]
    with pytest.raises(DatasetError) as caught:
        pbgraph.load(workbook(tmp_path / "记录.xlsx", log, GOOD_MEETINGS))
    (ambiguous,) = [p for p in caught.value.problems if p.code == "office_ambiguous_name"]
    example = ambiguous.params["example"]
    assert example == "李四（教育界）" and f"请写成 {example}" in ambiguous.message("zh")
    ds = pbgraph.load(workbook(tmp_path / "改后.xlsx", [["2024-03-07", "钱七", example, "走访", ""]], []))
    assert readable(ds) == [("2024-03-07", "visit", "钱七", "李四", "")]

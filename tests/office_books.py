"""Office workbooks as offices keep them (DESIGN 3.1), written with openpyxl for the tests: a title row
above the header, a 序号 column, no 编号 (pbgraph assigns the ids), a roster and a 联系党外委员 list, nothing
else (no organizations, memberships, township or contact lists: those are not recorded)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

ROSTER = [
    ("何丽华", "女", "中共党员", "经济界", "城关镇"),
    ("吴国强", "男", "民盟盟员", "经济界", "城关镇"),
    ("田志刚", "男", "民建会员", "教育界", "东街街道"),
    ("李强", "男", "中共党员", "教育界", "东街街道"),
    ("孙红", "女", "无党派人士", "医卫界", "城关镇"),
    ("周敏", "女", "民进会员", "经济界", "东街街道"),
    ("王建国", "男", "中共党员", "医卫界", "城关镇"),
    ("陈静", "女", "九三学社社员", "教育界", "东街街道"),
]
"""Three CPC members (何丽华, 李强, 王建国) and five non-party members."""

LINKS = [
    ("何丽华", "吴国强、田志刚、孙红"),
    ("李强", "吴国强、周敏、陈静"),
    ("王建国", "田志刚、孙红、周敏、陈静"),
]
"""Every non-party member liaised by two CPC members, every CPC member liaising with three or four."""


def office_book(
    path: Path,
    roster: list[tuple[str, str, str, str, str]] = ROSTER,
    links: list[tuple[str, str]] = LINKS,
) -> Path:
    """A workbook of a roster (姓名, 性别, 政治面貌, 界别, 所在镇（街）) and a liaison list, each under a
    title row."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "委员名单"
    sheet.append(["示例区政协第十届委员名单"])
    sheet.append(["序号", "姓名", "性别", "政治面貌", "界别", "所在镇（街）"])
    for number, row in enumerate(roster, start=1):
        sheet.append([number, *row])
    lists = book.create_sheet("联系一览表")
    lists.append(["党员委员联系党外委员一览表"])
    lists.append(["序号", "党员委员", "联系党外委员"])
    for number, link in enumerate(links, start=1):
        lists.append([number, *link])
    book.save(path)
    return path


def without(name: str, links: list[tuple[str, str]] = LINKS) -> list[tuple[str, str]]:
    """The liaison list with `name` struck out of every cell (the row deleted from the roster)."""
    return [(source, "、".join(n for n in targets.split("、") if n != name)) for source, targets in links]

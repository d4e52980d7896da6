"""Names under their nodes never overlap (README, the views: names at any zoom): a ten-member office workbook
opened with its members drawn on their sector's diamond, three names hidden under the diamonds' names, and two
townships' squares on each other. Each node's box is its shape and its name under it, as the page draws it:
3 units below the shape, 1.25 × the font high, a CJK character an em wide and anything else 0.62 em; 14
units at the natural zoom, and at least 11 px on the screen at the zoom the page opens at (the nodes fitted
into the drawing area of a 1280×720 window, about 1000×480, never zoomed in past the natural size)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pbgraph import Dataset, load
from pbgraph.render import View, build_view

SAMPLE = Path(__file__).parents[1] / "data" / "sample"
SIZES = {"member": 12.0, "sector": 16.0, "township": 14.0, "organization": 13.0}


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """A county office's workbook as the office keeps it: a roster under a title, a 联系党外委员 list and
    the party group's sectors (DESIGN 3.1)."""
    from openpyxl import Workbook

    book = Workbook()
    roster = book.active
    roster.title = "委员名单"
    roster.append(["XX县政协委员名单"])
    roster.append(["序号", "姓名", "性别", "政治面貌", "界别", "工作单位及职务", "所在镇（街）"])
    people = [
        ("丁海鹰", "中共党员", "中共", "县委办主任", "东关街道"),
        ("黄立新", "中共党员", "中共", "县政协副主席、党组成员", "东关街道"),
        ("孟庆华", "中共党员", "经济界", "某公司董事长", "西河镇"),
        ("钱文慧", "民盟盟员", "教育界", "某中学副校长", "东关街道"),
        ("邱雅琴", "九三学社社员", "科技界", "研究所所长", "西河镇"),
        ("邓志远", "无党派人士", "经济界", "企业经理", "西河镇"),
        ("周敏", "民建会员", "经济界", "会计师", "南湖乡"),
        ("张三", "农工", "医卫界", "医院主任", "南湖乡"),
        ("李四", "中共预备党员", "教育界", "小学校长", "南湖乡"),
        ("王五", "群众", "文艺界", "演员", "东关街道"),
    ]
    for n, (name, party, sector, job, township) in enumerate(people, 1):
        roster.append([n, name, "女", party, sector, job, township])
    member = book.create_sheet("党员委员联系党外委员")
    member.append(["序号", "党员委员", "界别", "联系党外委员", "备注"])
    member.append([1, "黄立新", "中共", "钱文慧、邱雅琴", ""])
    member.append([2, "孟庆华", "经济界", "邓志远、周敏", ""])
    member.append([3, "丁海鹰", "中共", "张三", ""])
    sector = book.create_sheet("党组成员联系界别")
    sector.append(["党组成员", "职务", "联系界别（联组）"])
    sector.append(["黄立新", "党组成员、副主席", "经济界、教育界"])
    path = tmp_path_factory.mktemp("office") / "office.xlsx"
    book.save(path)
    return load(path)


def em_width(text: str) -> float:
    return sum(1.0 if ord(ch) > 0x2E7F else 0.62 for ch in text)


def overlapping(view: View, *, opening: bool) -> list[tuple[str, str]]:
    """The pairs of named nodes whose boxes meet, at the natural zoom or at the one the page opens at."""
    nodes = [node for node in view.nodes if not node.reserve and node.kind != "contact"]
    assert nodes and all(node.kind in SIZES for node in nodes)
    xy = np.array([[node.x, node.y] for node in nodes])
    size = np.array([SIZES[node.kind] for node in nodes])
    font = 14.0
    if opening:
        extent = (xy + size[:, None]).max(axis=0) - (xy - size[:, None]).min(axis=0)
        scale = min(1.0, 1000 / extent[0], 480 / extent[1])
        font = max(font, 11 / scale)
    half = np.maximum(size, np.array([em_width(node.label) for node in nodes]) * font / 2)
    boxes = np.column_stack(
        [xy[:, 0] - half, xy[:, 1] - size, xy[:, 0] + half, xy[:, 1] + size + 3 + 1.25 * font]
    )
    left, top, right, bottom = (boxes[:, k] for k in range(4))
    meet = (
        (left[:, None] < right[None, :])
        & (left[None, :] < right[:, None])
        & (top[:, None] < bottom[None, :])
        & (top[None, :] < bottom[:, None])
    )
    i, j = np.nonzero(np.triu(meet, 1))
    return [(nodes[a].label, nodes[b].label) for a, b in zip(i.tolist(), j.tolist(), strict=True)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_name_of_the_office_workbook_meets_another_when_the_page_opens(office: Dataset, lang: str) -> None:
    view = build_view(office, "network", lang=lang)
    # the ten members, six sectors and three townships, every one named
    assert sorted(node.kind for node in view.nodes).count("member") == 10
    assert len(view.nodes) == 19
    assert overlapping(view, opening=True) == []
    assert overlapping(build_view(office, "gaps", lang=lang), opening=True) == []


def test_no_name_of_the_sample_meets_another(sample: Dataset) -> None:
    """A township's and a small sector's views open with every name apart; the gaps and network views (355
    names) and the biggest sector's (124) are drawn zoomed out to show all of them, too many for every name
    to be read at once: at the natural zoom no name meets another (the page leaves out what would, zoomed
    out)."""
    for kind, target in (("sector", "S018"), ("township", "T001")):
        assert overlapping(build_view(sample, kind, target=target), opening=True) == [], (kind, target)
    assert overlapping(build_view(sample, "sector", target="S001"), opening=False) == []
    for kind in ("gaps", "network"):
        assert overlapping(build_view(sample, kind), opening=False) == [], kind

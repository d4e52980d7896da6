"""`pbgraph plan`, `pbgraph diff` and `pbgraph whatif` through click's CliRunner, on ``tests/fixtures/plan``
(its plan is worked out by hand in ``tests/test_plan.py``)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from pbgraph import load
from pbgraph.analyses import coverage, liaison_load
from pbgraph.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "plan"


def run(*args: object) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_plan_prints_the_work_list_and_what_was_left() -> None:
    result = run("plan", FIXTURE, "--max-load", "2")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "联系安排"
    assert lines[3].split() == [
        "C1",
        "甲市政协",  # the committee's name beside its id (DESIGN 5), as in every analysis
        "委员",
        "A1",
        "甲一",
        "N1",
        "乙一",
        "教育界",
        "东街街道",
        "未联系",
        "同一界别联组",
        "2",
    ]
    assert "未能安排" in lines
    assert "N4        乙四                              未联系          党员委员联系已满" in result.stdout


def test_plan_as_json_and_csv() -> None:
    data = json.loads(run("plan", FIXTURE, "--max-load", "3", "--fragile", "--format", "json").stdout)
    assert [(r["source"], r["target"], r["reason"]) for r in data["plan"] if r["kind"] == "member"][-2:] == [
        ("A2", "X2", "fragile"),
        ("B2", "Y1", "fragile"),
    ]
    assert data["unplaced"][0] == {
        "committee": "C2",
        "committee_name": "乙县政协",
        "kind": "member",
        "target": "Y2",
        "target_name": "丁三",
        "sector_name": "",
        "township_name": "",
        "gap": "fragile",
        "reason": "capacity",
    }
    text = run("plan", FIXTURE, "--committee", "C2", "--format", "csv", "--lang", "en").stdout
    rows = list(csv.reader(io.StringIO(text.split("\n\n")[0].split("\n", 1)[1])))
    assert rows[0][:7] == [
        "committee",
        "committee name",
        "kind",
        "source",
        "source name",
        "target",
        "target name",
    ]
    assert [(r[1], r[3]) for r in rows[1:]] == [("乙县政协", "B2"), ("乙县政协", "B2"), ("乙县政协", "B1")]


def test_plan_work_lists_in_a_workbook(tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    assert run("plan", FIXTURE, "--max-load", "2", "--format", "xlsx", "-o", out).exit_code == 0
    book = load_workbook(out)
    assert book.sheetnames == ["甲市政协", "乙县政协", "未能安排"]
    sheet = book["乙县政协"]
    assert [c.value for c in sheet[1]][:7] == [
        "政协",
        "政协名称",
        "类型",
        "联系人",
        "联系人姓名",
        "联系对象",
        "联系对象名称",
    ]
    assert [(r[1], r[3], r[5]) for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        ("乙县政协", "B1", "T3"),
        ("乙县政协", "B2", "D1"),
        ("乙县政协", "B2", "N5"),
    ]
    assert sheet.cell(2, 12).value == 2  # loads stay numbers
    by_member = tmp_path / "by-member.xlsx"
    assert run("plan", FIXTURE, "--format", "xlsx", "--sheets", "member", "-o", by_member).exit_code == 0
    assert load_workbook(by_member).sheetnames[:2] == ["甲一（A1）", "甲二（A2）"]
    in_english = tmp_path / "by-member-en.xlsx"
    result = run("plan", FIXTURE, "--format", "xlsx", "--sheets", "member", "-o", in_english, "--lang", "en")
    assert result.exit_code == 0
    assert load_workbook(in_english).sheetnames[:2] == ["甲一 (A1)", "甲二 (A2)"]


def test_plan_on_a_dataset_naming_no_committee(tmp_path: Path) -> None:
    # DESIGN 3: a dataset with a single committee may leave `committee` empty, and need not list it among its
    # organizations; N1 (教育界, 西河镇) goes to A1 of the same sector rather than A2 of the same township
    tables = {
        "members": "id,name,party,sector,township\nA1,甲,CPC,S1,T1\nA2,乙,CPC,S2,T2\nN1,丙,CDL,S1,T2\n",
        "sectors": "id,name\nS1,教育界\nS2,经济界\n",
        "townships": "id,name\nT1,东关街道\nT2,西河镇\n",
        "organizations": "id,name,kind\n",
        "memberships": "member,organization\n",
        "liaisons": "source,target,kind\n",
    }
    folder = tmp_path / "one"
    folder.mkdir()
    for name, text in tables.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    data = json.loads(run("plan", folder, "--format", "json").stdout)
    member_rows = [r for r in data["plan"] if r["kind"] == "member"]
    assert [(r["committee"], r["source"], r["target"], r["match"]) for r in member_rows] == [
        ("", "A1", "N1", "same_sector")
    ]
    # no sector groups: the table says 同一界别, not 同一界别联组 (a 联组 the dataset does not have)
    table = run("plan", folder).stdout
    assert "同一界别" in table and "联组" not in table
    assert [r for r in data["unplaced"] if r["kind"] == "member"] == []
    out = tmp_path / "plan.xlsx"
    assert run("plan", folder, "--format", "xlsx", "-o", out).exit_code == 0
    assert load_workbook(out).sheetnames == ["联系安排", "未能安排"]


def test_plan_apply_writes_a_dataset_with_full_coverage(tmp_path: Path) -> None:
    target = tmp_path / "planned"
    result = run("plan", FIXTURE, "--max-load", "3", "--apply", target, "--format", "json")
    assert result.exit_code == 0, result.output
    applied = load(target)
    assert coverage(applied)["work_rate"].tolist() == [1.0, 1.0, 1.0]
    assert not liaison_load(applied, max_load=3)["overloaded"].any()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["planned"]
    # a non-empty folder is refused without --force, and the input never overwritten
    again = run("plan", FIXTURE, "--apply", target)
    assert again.exit_code == 1 and "--force" in again.output  # as every folder output
    assert run("plan", FIXTURE, "--apply", target, "--force", "--max-load", "2").exit_code == 0
    assert coverage(load(target))["work_rate"].tolist() != [1.0, 1.0, 1.0]
    copy = tmp_path / "copy"
    shutil.copytree(FIXTURE, copy)
    refused = run("plan", copy, "--apply", copy, "--force")
    assert refused.exit_code == 1
    assert refused.output == (
        f"错误：--apply 的文件夹“{copy}”是输入数据集“{copy}”，或包含它，或在它里面。"
        "请换一个输入数据集以外的文件夹。\n"
    )
    inside = copy / "planned"
    refused = run("plan", copy, "--apply", inside, "--lang", "en")
    assert refused.exit_code == 1
    assert refused.output == (
        f"Error: The --apply folder '{inside}' is, holds or lies inside the input dataset '{copy}'. Choose a"
        " folder outside it.\n"
    )


def test_plan_apply_to_a_file_says_so_in_the_language_asked(tmp_path: Path) -> None:
    # a file where the folder goes is refused in pbgraph's own words (as every folder output), in --lang
    target = tmp_path / "c.xlsx"
    target.write_bytes(b"mine")
    for lang, words in (("zh", "不是文件夹"), ("en", "is not a folder")):
        refused = run("plan", FIXTURE, "--apply", target, "--lang", lang)
        assert refused.exit_code == 1 and words in refused.output and "Directory" not in refused.output
    assert target.read_bytes() == b"mine"


def test_diff_of_a_dataset_with_itself_is_empty() -> None:
    data = json.loads(run("diff", FIXTURE, FIXTURE, "--format", "json").stdout)
    assert {row["count"] for row in data["summary"]} == {0}
    assert data["liaison_changes"] == [] and data["gap_changes"] == []
    assert [row["work_rate_before"] == row["work_rate_after"] for row in data["rates"]] == [True] * 3


def test_diff_lists_a_changed_dataset(tmp_path: Path) -> None:
    changed = tmp_path / "changed"
    shutil.copytree(FIXTURE, changed)
    members = (
        (changed / "members.csv")
        .read_text(encoding="utf-8")
        .replace("N4,乙四,无党派人士", "N4,乙四,中共党员")
    )
    (changed / "members.csv").write_text(members, encoding="utf-8")
    result = run("diff", FIXTURE, changed)
    assert result.exit_code == 0
    lines = [line.split() for line in result.stdout.splitlines()]
    # the committee's name beside its id (DESIGN 5)
    assert ["变更", "C1", "甲市政协", "N4", "乙四", "政治面貌", "无党派人士", "中共党员"] in lines
    data = json.loads(run("diff", FIXTURE, changed, "--format", "json", "--match", "name").stdout)
    assert [(r["id"], r["field"], r["before"], r["after"]) for r in data["member_changes"]] == [
        ("N4", "party", "NP", "CPC")
    ]


def test_diff_names_the_parties_in_english_as_every_table_does(tmp_path: Path) -> None:
    # in English, a party change gave the codes (NP, RCCK) where every other English table gives words
    changed = tmp_path / "changed"
    shutil.copytree(FIXTURE, changed)
    members = (
        (changed / "members.csv").read_text(encoding="utf-8").replace("N4,乙四,无党派人士", "N4,乙四,民革")
    )
    (changed / "members.csv").write_text(members, encoding="utf-8")
    lines = run("diff", FIXTURE, changed, "--lang", "en", "--format", "csv").stdout.splitlines()
    party = [row[-2:] for row in csv.reader(lines) if row[5:6] == ["party"]]
    assert party == [["Non-party", "Kuomintang Revolutionary Committee"]]
    # in Chinese as before
    assert ["无党派人士", "民革"] in [
        line.split()[-2:] for line in run("diff", FIXTURE, changed).stdout.splitlines()
    ]


def test_diff_by_id_says_when_an_id_names_someone_else(tmp_path: Path) -> None:
    # N4 乙四 left and a newcomer 丙九 got the id N4 (as ids pbgraph assigns to a roster without 编号 do when
    # a row goes): matched by id, 乙四 would "become" 丙九 — the note says so, before the tables, and points
    # to --match name
    renumbered = tmp_path / "renumbered"
    shutil.copytree(FIXTURE, renumbered)
    members = (renumbered / "members.csv").read_text(encoding="utf-8").replace("N4,乙四,", "N4,丙九,")
    (renumbered / "members.csv").write_text(members, encoding="utf-8")
    result = run("diff", FIXTURE, renumbered)
    assert result.exit_code == 0
    first = result.output.splitlines()[0]
    assert first.startswith("注：1 个编号在两个数据集中是不同的人（如 N4：乙四 → 丙九）")
    assert "--match name" in first and first in result.stderr
    english = run("diff", FIXTURE, renumbered, "--format", "json", "--lang", "en")
    assert (
        "Note: 1 id(s) stand for different people in the two datasets (e.g. N4: 乙四 → 丙九)"
        in english.stderr
    )
    assert "Note" not in english.stdout  # JSON keeps to rows
    assert "--match name" not in run("diff", FIXTURE, renumbered, "--match", "name").output
    assert "--match name" not in run("diff", FIXTURE, FIXTURE).output


def test_whatif_and_its_workbook(tmp_path: Path) -> None:
    data = json.loads(run("whatif", FIXTURE, "--remove", "A2,B1", "--format", "json").stdout)
    assert [(r["change"], r["id"]) for r in data["member_changes"]] == [("left", "A2"), ("left", "B1")]
    assert [r["change"] for r in data["liaison_changes"]] == ["broken"] * 3
    out = tmp_path / "whatif.xlsx"
    assert (
        run("whatif", FIXTURE, "--remove", "A2", "--remove", "B1", "--format", "xlsx", "-o", out).exit_code
        == 0
    )
    book = load_workbook(out)
    assert book.sheetnames[0] == "变化概况"
    rates = book["覆盖率前后"]
    assert rates.cell(2, 5).number_format.endswith("%") or isinstance(rates.cell(2, 5).value, str)


@pytest.mark.parametrize(
    ("lang", "summary", "worsened"),
    [
        ("zh", "缺口 加重 2", "加重 仅一人联系 C2 乙县政协 Y1 丁二"),
        ("en", "gaps worsened 2", "worsened fragile"),
    ],
)
def test_whatif_says_a_gap_got_worse_not_closed(lang: str, summary: str, worsened: str) -> None:
    # B1 was the only liaison of Y1 and Y2: they go from fragile to unlinked, which closes nothing
    lines = run("whatif", FIXTURE, "--remove", "B1", "--lang", lang).stdout.splitlines()
    squeezed = [" ".join(line.split()) for line in lines]
    assert summary in squeezed
    closed = next(line for line in squeezed if line.startswith(("缺口 已消除", "gaps closed")))
    assert closed.endswith(" 0")  # B1's own gap (unorganized) left with B1: it is gone, not closed
    assert any(line.startswith(worsened) for line in squeezed)


def without_member(folder: Path, member: str, target: Path) -> Path:
    """A copy of `folder` without the rows of `member` in its members and liaisons."""
    shutil.copytree(folder, target)
    for name in ("members", "liaisons"):
        lines = (target / f"{name}.csv").read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if member not in line.rstrip("\n").split(",")[:2]]
        (target / f"{name}.csv").write_text("".join(kept), encoding="utf-8")
    return target


def test_report_compare_counts_the_gaps_that_got_worse(tmp_path: Path) -> None:
    after = without_member(FIXTURE, "B1", tmp_path / "after")
    page = tmp_path / "report.html"
    assert run("report", after, "--compare", FIXTURE, "--no-views", "-o", page).exit_code == 0
    # B1's own gap (unorganized) went with B1: not closed, and its row in the gap changes says so
    html = page.read_text(encoding="utf-8")
    assert "2 个缺口新出现，0 个已消除，2 个加重，1 个对象已不在。" in html
    assert "对象已不在</td><td>未组织党员委员</td>" in html


@pytest.mark.parametrize(
    ("lang", "gone", "closed", "row"),
    [
        ("zh", "缺口 对象已不在 1", "缺口 已消除 0", "对象已不在 仅一人联系 C1 甲市政协 X2 乙六"),
        (
            "en",
            "gaps gone with its subject 1",
            "gaps closed 0",
            "gone with its subject fragile C1 甲市政协 X2 乙六",
        ),
    ],
)
def test_whatif_the_gap_of_a_fragile_member_who_leaves_went_with_them(
    lang: str, gone: str, closed: str, row: str
) -> None:
    # X2 乙六 has one liaison (P1): fragile. If X2 leaves, that gap is not closed, it went with X2
    lines = run("whatif", FIXTURE, "--remove", "乙六", "--lang", lang).stdout.splitlines()
    squeezed = [" ".join(line.split()) for line in lines]
    assert gone in squeezed and closed in squeezed
    assert row in squeezed


def test_diff_the_gap_of_a_member_who_left_in_every_format(tmp_path: Path) -> None:
    after = without_member(FIXTURE, "X2", tmp_path / "after")
    for match in ("id", "name"):
        data = json.loads(run("diff", FIXTURE, after, "--match", match, "--format", "json").stdout)
        gaps = [(r["change"], r["analysis"], r["id"]) for r in data["gap_changes"]]
        assert gaps == [("gone", "fragile", "X2")]
        counts = {r["change"]: r["count"] for r in data["summary"] if r["table"] == "gaps"}
        assert counts == {"opened": 0, "closed": 0, "worsened": 0, "gone": 1}
    lines = run("diff", FIXTURE, after, "--format", "csv").stdout.splitlines()
    section = lines[lines.index("# 缺口变化") + 1 :]
    assert [row[0] for row in csv.reader(section)] == ["变化", "对象已不在"]
    out = tmp_path / "diff.xlsx"
    assert run("diff", FIXTURE, after, "--format", "xlsx", "-o", out).exit_code == 0
    sheet = load_workbook(out)["缺口变化"]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["对象已不在"]


def test_whatif_names_an_unknown_member() -> None:
    result = run("whatif", FIXTURE, "--remove", "Q9")
    assert result.exit_code == 1
    assert "Q9" in result.output


@pytest.mark.parametrize("command", ["plan", "diff", "whatif"])
def test_help_in_english_too(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0 and f"pbgraph {command} data/" in result.stdout


def test_the_plan_and_whatif_views(tmp_path: Path) -> None:
    page = tmp_path / "plan.html"
    assert run("plan", FIXTURE, "--max-load", "2", "--view", page, "-o", tmp_path / "plan.txt").exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "拟建联系" in html and "#8e24aa" in html
    page = tmp_path / "whatif.html"
    assert run("whatif", FIXTURE, "--remove", "A2", "--view", page, "-o", tmp_path / "w.txt").exit_code == 0
    assert "因委员退出而中断的联系" in page.read_text(encoding="utf-8")
    refused = run("diff", FIXTURE, FIXTURE, "--match", "name", "--view", page)
    assert refused.exit_code == 2 and "--match id" in refused.output


def test_report_compare_adds_the_changes_section(tmp_path: Path) -> None:
    planned = tmp_path / "planned"
    assert (
        run("plan", FIXTURE, "--max-load", "3", "--apply", planned, "-o", tmp_path / "p.txt").exit_code == 0
    )
    page = tmp_path / "report.html"
    result = run("report", planned, "--compare", FIXTURE, "--no-views", "-o", page)
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert '<section class="rp-section" id="changes">' in html
    assert "10 条联系新增" in html and "覆盖率前后" in html
    refused = run("report", planned, "--compare", FIXTURE, "--redact", "-o", page)
    assert refused.exit_code == 2 and "--redact" in refused.output


def test_report_compare_says_on_the_cover_how_each_rate_moved(tmp_path: Path) -> None:
    # the cover's two rates, each with the earlier state's beside it: the fixture's work coverage is 4 of 10
    # non-party members (40.0%), its organization coverage 0 of 5 CPC members, which the plan leaves as it is
    planned = tmp_path / "planned"
    assert run("plan", FIXTURE, "--apply", planned, "-o", tmp_path / "p.txt").exit_code == 0
    after = coverage(load(planned)).iloc[-1]
    assert after["work_rate"] > 0.4 and after["organization_rate"] == 0
    points = f"{after['work_rate'] * 100 - 40:.1f}"
    for lang, org, work in [
        ("zh", "与上次比较：0.0%，持平", f"与上次比较：40.0%，上升 {points} 个百分点"),
        ("en", "Last time: 0.0%, unchanged", f"Last time: 40.0%, up {points} points"),
    ]:
        page = tmp_path / f"report-{lang}.html"
        result = run("report", planned, "--compare", FIXTURE, "--no-views", "--lang", lang, "-o", page)
        assert result.exit_code == 0, result.output
        cover = page.read_text(encoding="utf-8").split('class="rp-toc"')[0]
        assert re.findall(r'<div class="rp-kpi-sub">((?:与上次|Last time)[^<]*)</div>', cover) == [org, work]
    # without --compare, no such line
    alone = tmp_path / "alone.html"
    assert run("report", planned, "--no-views", "-o", alone).exit_code == 0
    assert "与上次比较：" not in alone.read_text(encoding="utf-8").split('class="rp-toc"')[0]


def test_report_compare_puts_the_changes_in_its_workbook_too(tmp_path: Path) -> None:
    # `--xlsx` holds every table of the page: with --compare, the comparison's as `diff --format xlsx`
    # writes them (it held the analyses' tables alone)
    planned = tmp_path / "planned"
    assert (
        run("plan", FIXTURE, "--max-load", "3", "--apply", planned, "-o", tmp_path / "p.txt").exit_code == 0
    )
    book_path = tmp_path / "report.xlsx"
    args = (
        "report",
        planned,
        "--compare",
        FIXTURE,
        "--no-views",
        "--max-rows",
        "1",
        "-o",
        tmp_path / "r.html",
    )
    assert run(*args, "--xlsx", book_path).exit_code == 0
    book = load_workbook(book_path)
    assert {"覆盖率", "未联系党外委员", "缺口变化", "联系变化", "覆盖率前后", "委员变化"} <= set(
        book.sheetnames
    )
    liaisons = list(book["联系变化"].iter_rows(values_only=True))
    header = list(liaisons[0])
    # the ten liaisons the plan added, each end named beside its id
    added = [r for r in liaisons[1:] if r[header.index("变化")] == "新增"]
    assert len(added) == 10
    assert all(r[header.index("联系人姓名")] and r[header.index("联系对象名称")] for r in added)
    # the same as `pbgraph diff` writes
    diff_path = tmp_path / "diff.xlsx"
    assert run("diff", FIXTURE, planned, "--format", "xlsx", "-o", diff_path).exit_code == 0
    by_diff = list(load_workbook(diff_path)["联系变化"].iter_rows(values_only=True))
    assert liaisons == by_diff
    # the cut tables of the page name the workbook
    assert "report.xlsx" in (tmp_path / "r.html").read_text(encoding="utf-8")


def _office_book(path: Path, members: list[tuple[str, str]], links: list[tuple[str, str]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    roster = book.active
    assert roster is not None
    roster.title = "委员名单"
    roster.append(["序号", "姓名", "政治面貌", "界别"])
    for number, (name, party) in enumerate(members, start=1):
        roster.append([number, name, party, "经济界"])
    lists = book.create_sheet("一览表")
    lists.append(["序号", "党员委员", "联系党外委员"])
    for number, row in enumerate(links, start=1):
        lists.append([number, *row])
    book.save(path)
    return path


def test_diff_by_name_says_whose_ids_each_row_gives(tmp_path: Path) -> None:
    # rosters without 编号: ids follow the rows, so removing 吴国强 renumbers those after him and one id is
    # two people in the two datasets; each row gives the ids of one dataset, says which, and names them so
    members = [("何丽华", "中共党员"), ("吴国强", "民盟盟员"), ("田志刚", "民建会员")]
    members += [("周敏", "民进会员"), ("李强", "中共党员"), ("孙红", "无党派人士")]
    old = _office_book(tmp_path / "old.xlsx", members, [("何丽华", "吴国强、田志刚"), ("李强", "周敏、孙红")])
    new = _office_book(
        tmp_path / "new.xlsx",
        [m for m in members if m[0] != "吴国强"],
        [("何丽华", "田志刚"), ("李强", "周敏、孙红、田志刚")],
    )
    old_id = dict(zip(load(old).members["name"], load(old).members["id"], strict=True))
    new_id = dict(zip(load(new).members["name"], load(new).members["id"], strict=True))
    assert any(old_id[name] != new_id[name] for name in new_id)  # the ids did shift
    data = json.loads(run("diff", old, new, "--match", "name", "--format", "json").stdout)
    assert [(r["change"], r["ids_from"], r["id"], r["name"]) for r in data["member_changes"]] == [
        ("left", "old_dataset", old_id["吴国强"], "吴国强")
    ]
    liaisons = [
        (r["change"], r["ids_from"], r["source"], r["source_name"], r["target"], r["target_name"])
        for r in data["liaison_changes"]
    ]
    assert liaisons == [
        ("added", "new_dataset", new_id["李强"], "李强", new_id["田志刚"], "田志刚"),
        ("broken", "old_dataset", old_id["何丽华"], "何丽华", old_id["吴国强"], "吴国强"),
    ]
    # every id beside its name in the dataset the row says
    ids = {"old_dataset": old_id, "new_dataset": new_id}
    for row in data["gap_changes"]:
        assert ids[row["ids_from"]][row["name"]] == row["id"]
    table = run("diff", old, new, "--match", "name").stdout
    assert "编号所属" in table and "原数据集" in table and "新数据集" in table


def test_report_compare_of_rosters_without_ids_notes_them_and_matches_by_name(tmp_path: Path) -> None:
    # a roster without 编号 with 吴国强 removed: by id (--match id), the report pairs other people (田志刚
    # "changed" from 民盟 to 民建) and says so; by name (the default for such rosters) it finds the departure
    members = [("何丽华", "中共党员"), ("吴国强", "民盟盟员"), ("田志刚", "民建会员"), ("孙红", "无党派人士")]
    old = _office_book(tmp_path / "old.xlsx", members, [("何丽华", "吴国强、田志刚、孙红")])
    new = _office_book(
        tmp_path / "new.xlsx", [m for m in members if m[0] != "吴国强"], [("何丽华", "田志刚、孙红")]
    )
    page = tmp_path / "report.html"
    assert run("report", new, "--compare", old, "--match", "id", "--no-views", "-o", page).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "个编号在两个数据集中是不同的人" in html and "--match name" in html
    assert ">CDL<" not in html and ">CNDCA<" not in html  # a party change in words, as `diff` gives it
    assert run("report", new, "--compare", old, "--match", "name", "--no-views", "-o", page).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "0 名委员新增，1 名退出，0 项委员信息变更" in html
    assert "不同的人" not in html and "吴国强" in html

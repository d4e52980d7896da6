"""How `diff` and `report --compare` match members (DESIGN 4.1, `--match`; identity, DESIGN 3.1): by default
("auto") by id when both datasets record their ids, by name when pbgraph assigned the ids of either (a roster
without 编号: its ids follow the rows, so deleting one row renumbers others), saying so in the first line on
stderr; `--match id` given keeps the note that ids name other people, before the tables.

The rosters are office workbooks (`tests.office_books`): 吴国强 is deleted from the roster and from the
liaison list. By hand: exactly one member left (吴国强), his two liaisons (from 何丽华 and 李强) broken, and
nothing else changed — every other non-party member keeps two liaisons and every CPC member two or more, so no
gap opens or closes; organizations, memberships and the other lists are not recorded."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pbgraph import load
from pbgraph.cli import main
from tests.office_books import ROSTER, office_book, without

FIXTURE = Path(__file__).parent / "fixtures" / "plan"

BY_NAME = {
    "zh": "注：old.xlsx、new.xlsx 的名单没有“编号”列（编号由 pbgraph 按内容分配，"
    "增删一行就会改变别人的编号），所以按姓名对应两个数据集的委员；要按编号对应请加 --match id。",
    "en": "Note: no 编号 (id) column in the roster of old.xlsx, new.xlsx (pbgraph assigned the ids, and a"
    " row added or removed renumbers others), so members are matched by name; add --match id to match them"
    " by id.",
}


def run(*args: object) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


@pytest.fixture
def rosters(tmp_path: Path) -> tuple[Path, Path]:
    old = office_book(tmp_path / "old.xlsx")
    new = office_book(tmp_path / "new.xlsx", [r for r in ROSTER if r[0] != "吴国强"], without("吴国强"))
    return old, new


def _ids(path: Path) -> dict[str, str]:
    members = load(path, cache=False).members
    return dict(zip(members["name"], members["id"], strict=True))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_diff_of_rosters_without_ids_matches_by_name_and_says_so_first(
    rosters: tuple[Path, Path], lang: str
) -> None:
    old, new = rosters
    old_id, new_id = _ids(old), _ids(new)
    assert any(old_id[name] != new_id[name] for name in new_id)  # deleting the row renumbered others
    result = run("diff", old, new, "--format", "json", "--lang", lang, "--no-cache")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [BY_NAME[lang]]
    data = json.loads(result.stdout)
    assert [(r["change"], r["id"], r["name"]) for r in data["member_changes"]] == [
        ("left", old_id["吴国强"], "吴国强")
    ]
    assert sorted((r["change"], r["source_name"], r["target_name"]) for r in data["liaison_changes"]) == [
        ("broken", "何丽华", "吴国强"),
        ("broken", "李强", "吴国强"),
    ]
    assert data["organization_changes"] == data["membership_changes"] == data["gap_changes"] == []
    counts = {(r["table"], r["change"]): r["count"] for r in data["summary"]}
    assert {key: n for key, n in counts.items() if n} == {("members", "left"): 1, ("liaisons", "broken"): 2}


def test_the_note_comes_before_the_tables(rosters: tuple[Path, Path]) -> None:
    old, new = rosters
    result = run("diff", old, new, "--no-cache")
    assert result.output.splitlines()[0] == BY_NAME["zh"]
    assert result.stdout.splitlines()[0] == "变化概况"
    assert "不同的人" not in result.output


def test_match_id_given_keeps_the_warning_before_the_tables(rosters: tuple[Path, Path]) -> None:
    old, new = rosters
    result = run("diff", old, new, "--match", "id", "--no-cache")
    assert result.exit_code == 0
    # the ids of the old roster name others in the new one: 吴国强's id is 何丽华's there
    first = result.output.splitlines()[0]
    assert first.startswith("注：") and "个编号在两个数据集中是不同的人" in first and "--match name" in first
    assert result.stderr.splitlines() == [first]
    assert "注" not in result.stdout
    # matched by id the departure reads as nonsense: that is why the default matches by name
    data = json.loads(run("diff", old, new, "--match", "id", "--format", "json", "--no-cache").stdout)
    assert "吴国强" not in [r["name"] for r in data["member_changes"] if r["change"] == "left"]


def test_match_name_given_says_nothing(rosters: tuple[Path, Path]) -> None:
    old, new = rosters
    assert run("diff", old, new, "--match", "name", "--format", "json", "--no-cache").stderr == ""


def test_datasets_that_record_ids_are_matched_by_id(tmp_path: Path) -> None:
    # N4 乙四 renamed 丙九 in a dataset with ids: by id (a change of name is no departure), the note before
    renumbered = tmp_path / "renumbered"
    shutil.copytree(FIXTURE, renumbered)
    members = (renumbered / "members.csv").read_text(encoding="utf-8").replace("N4,乙四,", "N4,丙九,")
    (renumbered / "members.csv").write_text(members, encoding="utf-8")
    result = run("diff", FIXTURE, renumbered, "--format", "json")
    assert result.stderr.splitlines()[0].startswith(
        "注：1 个编号在两个数据集中是不同的人（如 N4：乙四 → 丙九）"
    )
    assert json.loads(result.stdout)["member_changes"] == []
    assert run("diff", FIXTURE, FIXTURE).stderr == ""


def test_a_folder_imported_from_a_roster_without_ids_is_matched_by_name(
    rosters: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = rosters
    assert run("import", old, "-o", tmp_path / "imported").exit_code == 0
    result = run("diff", tmp_path / "imported", new, "--format", "json", "--no-cache")
    assert result.stderr.splitlines()[-1].endswith("要按编号对应请加 --match id。")
    assert [r["name"] for r in json.loads(result.stdout)["member_changes"]] == ["吴国强"]


def test_diff_view_needs_ids_recorded_or_match_id(rosters: tuple[Path, Path], tmp_path: Path) -> None:
    old, new = rosters
    result = run("diff", old, new, "--view", tmp_path / "diff.html", "--no-cache")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == BY_NAME["zh"]
    assert "--view 只用于按编号比较（--match id）" in result.stderr
    assert run("diff", old, new, "--match", "id", "--view", tmp_path / "d.html", "--no-cache").exit_code == 0


def test_report_compare_matches_rosters_without_ids_by_name(
    rosters: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = rosters
    page = tmp_path / "report.html"
    result = run("report", new, "--compare", old, "--no-views", "--no-cache", "-o", page)
    assert result.exit_code == 0
    note = BY_NAME["zh"]
    assert result.stderr.splitlines()[0] == note
    html = page.read_text(encoding="utf-8")
    assert "0 名委员新增，1 名退出，0 项委员信息变更" in html
    assert note in html
    assert "不同的人" not in html
    by_id = run("report", new, "--compare", old, "--match", "id", "--no-views", "--no-cache", "-o", page)
    assert by_id.stderr.splitlines()[0].startswith("注：1 个编号在两个数据集中是不同的人")
    assert "个编号在两个数据集中是不同的人" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "zh",
            "另有 1 行未列出，完整列表见 Excel 导出（pbgraph report 新数据集 --compare 旧数据集 "
            "--xlsx 报告.xlsx，或 pbgraph diff 旧数据集 新数据集 --format xlsx -o 变化.xlsx）。",
        ),
        (
            "en",
            "1 more rows: see the Excel export (pbgraph report NEW --compare OLD --xlsx report.xlsx, or"
            " pbgraph diff OLD NEW --format xlsx -o changes.xlsx).",
        ),
    ],
)
def test_a_cut_comparison_table_points_to_a_workbook_that_has_it(
    rosters: tuple[Path, Path], tmp_path: Path, lang: str, words: str
) -> None:
    # the two broken liaisons, one shown: not `export --to xlsx`, which has no comparison
    old, new = rosters
    page = tmp_path / "report.html"
    args = ("report", new, "--compare", old, "--no-views", "--no-cache", "--max-rows", 1, "--lang", lang)
    assert run(*args, "-o", page).exit_code == 0
    html = page.read_text(encoding="utf-8")
    changes = html[html.index('id="changes"') :]
    changes = changes[: changes.index("</section>")]
    assert words in changes
    assert "pbgraph export" not in changes
    assert run(*args, "-o", page, "--xlsx", tmp_path / "r.xlsx").exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert ("另有 1 行未列出，完整列表见 Excel 导出（r.xlsx）。" if lang == "zh" else "(r.xlsx).") in html

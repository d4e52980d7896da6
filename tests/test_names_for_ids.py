"""Where a command asks for an id (a member to remove, the member, sector or committee a view is about,
`--committee`), a name does as well: an office knows its members by name, and office files give them ids the
office never sees (DESIGN 3.1). A name two rows share is refused, with their ids."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pbgraph.cli import main
from tests.broken import base, dataset, multi_committee


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--no-cache"])
    return result.exit_code, result.output


def json_of(tmp_path: Path, name: str, *args: str) -> object:
    out = tmp_path / f"{name}.json"
    code, output = run(*args, "--format", "json", "-o", str(out))
    assert code == 0, output
    return json.loads(out.read_text(encoding="utf-8"))


def test_whatif_removes_a_member_given_by_name(tmp_path: Path) -> None:
    folder = str(dataset(tmp_path))
    by_name = json_of(tmp_path, "name", "whatif", folder, "--remove", "王二")
    by_id = json_of(tmp_path, "id", "whatif", folder, "--remove", "M2")
    assert by_name == by_id
    # 王二 (M2) is the only liaison of 钱一 (N1): without M2, N1 is unlinked
    assert "N1" in json.dumps(by_name)


@pytest.mark.parametrize(("view", "name", "node_id"), [("member", "王二", "M2"), ("sector", "教育界", "S1")])
def test_a_view_about_a_row_given_by_name(tmp_path: Path, view: str, name: str, node_id: str) -> None:
    folder = str(dataset(tmp_path))
    pages = []
    for given in (name, node_id):
        page = tmp_path / f"{given}.html"
        code, output = run("render", view, given, folder, "-o", str(page))
        assert code == 0, output
        pages.append(page.read_text(encoding="utf-8"))
    assert pages[0] == pages[1]


def test_committee_given_by_name(tmp_path: Path) -> None:
    folder = str(dataset(tmp_path))
    by_name = json_of(tmp_path, "name", "analyze", "coverage", folder, "--committee", "示例区政协")
    assert by_name == json_of(tmp_path, "id", "analyze", "coverage", folder, "--committee", "C1")


@pytest.mark.parametrize(
    ("args", "lang"),
    [(("whatif", "{folder}", "--remove", "王二"), "zh"), (("render", "member", "王二", "{folder}"), "en")],
)
def test_a_name_two_members_share_is_refused_with_their_ids(
    tmp_path: Path, args: tuple[str, ...], lang: str
) -> None:
    tables = base()
    tables["members"].set(5, "name", "王二")  # N2 is now called as M2 is
    folder = str(dataset(tmp_path, tables))
    # an output of no suffix, which both commands write (whatif writes no .html file)
    code, output = run(*(a.format(folder=folder) for a in args), "--lang", lang, "-o", str(tmp_path / "x"))
    assert code == 1
    assert "M2" in output and "N2" in output
    assert ("请改用编号" if lang == "zh" else "give the id instead") in output


def test_an_unknown_name_says_a_name_would_do(tmp_path: Path) -> None:
    code, output = run("whatif", str(dataset(tmp_path)), "--remove", "赵九")
    assert code == 1
    assert "赵九" in output and "编号或姓名" in output


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "zh",
            "未知的政协“丙县政协”（既不是政协编号也不是政协名称；可用：X 某市政协、Y 甲县政协、Z 乙县政协）",
        ),
        (
            "en",
            "unknown committee '丙县政协': neither a committee's id nor its name "
            "(known: X 某市政协, Y 甲县政协, Z 乙县政协)",
        ),
    ],
)
def test_an_unknown_committee_lists_the_committees_by_id_and_name(
    tmp_path: Path, lang: str, words: str
) -> None:
    # a name does for --committee: the committees there are are listed with theirs, and the message does not
    # call the name given an id
    folder = str(dataset(tmp_path, multi_committee()))
    code, output = run("analyze", "unlinked", folder, "--committee", "丙县政协", "--lang", lang)
    assert code == 1
    assert words in output


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "zh",
            "有 2 个委员名为“王二”（M2：经济界，东街街道；N1：教育界，城关镇），请改用编号，"
            "或写成 王二（经济界）",
        ),
        (
            "en",
            "2 members are named '王二' (M2: 经济界, 东街街道; N1: 教育界, 城关镇); give the id instead,"
            " or write 王二（经济界）",
        ),
    ],
)
def test_namesakes_are_listed_with_their_sector_and_township(tmp_path: Path, lang: str, words: str) -> None:
    # which id is whose: M2 sits in 经济界 and 东街街道, N1 (renamed 王二) in 教育界 and 城关镇; the spelling
    # offered names M2 alone, as an office file would write it (its sector is N1's no more)
    tables = base()
    tables["members"].set(4, "name", "王二")
    folder = str(dataset(tmp_path, tables))
    code, output = run("whatif", folder, "--remove", "王二", "--lang", lang)
    assert code == 1
    assert words in output
    changes = json_of(tmp_path, "spelled", "whatif", folder, "--remove", "王二（经济界）")
    assert isinstance(changes, dict)
    assert [(row["change"], row["id"]) for row in changes["member_changes"]] == [("left", "M2")]


@pytest.mark.parametrize(
    ("renamed", "namesakes"),
    [
        # three 王二: M2 and N2 in 经济界, N1 in 教育界
        ((4, 5), 3),
        # two in 经济界 (M2 and N2): 王二（经济界） would not tell them apart
        ((5,), 2),
    ],
)
def test_the_spelling_shown_names_the_first_namesake_alone(
    tmp_path: Path, renamed: tuple[int, ...], namesakes: int
) -> None:
    tables = base()
    for row in renamed:
        tables["members"].set(row, "name", "王二")
    folder = str(dataset(tmp_path, tables))
    code, output = run("whatif", folder, "--remove", "王二")
    assert code == 1 and f"有 {namesakes} 个委员名为“王二”" in output
    found = re.search(r"或写成 (王二（[^）]+）)", output)
    assert found is not None and found.group(1) != "王二（经济界）"
    # what it suggests is read as the first of them, M2
    assert json_of(tmp_path, "spelled", "whatif", folder, "--remove", found.group(1)) == json_of(
        tmp_path, "id", "whatif", folder, "--remove", "M2"
    )


@pytest.mark.parametrize("spelling", ["王 二", "王二\u3000", "王\u3000\u3000二"])
def test_a_name_spelled_with_padding_is_the_name(tmp_path: Path, spelling: str) -> None:
    # DESIGN 3.1: whitespace inside a name is padding (张  三 = 张三), on the command line as in office files
    folder = str(dataset(tmp_path))
    by_spelling = json_of(tmp_path, "spelled", "whatif", folder, "--remove", spelling)
    assert by_spelling == json_of(tmp_path, "id", "whatif", folder, "--remove", "M2")


@pytest.mark.parametrize(
    ("spelling", "member"),
    [("王二（经济界）", "M2"), ("王二(教育界)", "N1"), ("王二（城关镇）", "N1"), ("王二（M2）", "M2")],
)
def test_a_namesake_given_as_in_the_office_files(tmp_path: Path, spelling: str, member: str) -> None:
    # README: office files tell namesakes apart as 姓名（界别）; the command line reads the same spelling
    # (M2 王二 sits in 经济界/东街街道, N1 renamed 王二 in 教育界/城关镇)
    tables = base()
    tables["members"].set(4, "name", "王二")
    folder = str(dataset(tmp_path, tables))
    by_spelling = json_of(tmp_path, "spelled", "whatif", folder, "--remove", spelling)
    assert by_spelling == json_of(tmp_path, "id", "whatif", folder, "--remove", member)


def test_a_qualifier_that_fits_nobody_is_unknown(tmp_path: Path) -> None:
    # the one 王二 sits in 经济界: 王二（文艺界） is nobody, not that 王二
    code, output = run("whatif", str(dataset(tmp_path)), "--remove", "王二（文艺界）")
    assert code == 1 and "王二（文艺界）" in output


def test_a_number_is_not_read_as_an_id() -> None:
    # a number is no member's id or name: it is not taken for the member with that number in their id
    code, output = run("whatif", "data/sample", "--remove", "7")
    assert code == 1 and "未知的委员：7" in output

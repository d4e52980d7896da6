"""An output that cannot be written is one line: what, the path, what to do, in the language of --lang, exit
code 1 and nothing written (DESIGN 5). A suffix no format of the command has is refused as a wrong use of -o
(exit code 2), for every command that writes a file.

The dataset is the small base of `tests.broken` (4 members, one committee C1).
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from pbgraph._write import _os_error
from tests.broken import base, write_csv
from tests.test_cli import run


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "ok", base())


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("zh", "错误：无法写入“{target}”：“{parent}”是一个文件，不是文件夹。请换一个文件夹。\n"),
        (
            "en",
            "Error: Cannot write '{target}': '{parent}' is a file, not a folder. Choose another folder.\n",
        ),
    ],
)
@pytest.mark.parametrize("below", ["r.html", "sub/r.html"])
def test_a_file_on_the_way_to_the_output_is_named(
    dataset: Path, tmp_path: Path, lang: str, words: str, below: str
) -> None:
    picture = tmp_path / "gaps.png"
    picture.write_bytes(b"png")
    target = picture / below
    result = run("report", dataset, "-o", target, "--lang", lang, "--no-views")
    assert result.exit_code == 1
    assert result.output == words.format(target=target, parent=picture)
    assert picture.read_bytes() == b"png"


@pytest.mark.parametrize(
    ("number", "lang", "words"),
    [
        (errno.EACCES, "zh", "无法写入“out/a.csv”：没有写入权限。请换一个可写的文件夹。"),
        (errno.EPERM, "en", "Cannot write 'out/a.csv': permission denied. Choose a folder you can write to."),
        (errno.EROFS, "zh", "无法写入“out/a.csv”：所在的磁盘或分区只读。请换一个可写的文件夹。"),
        (
            errno.EROFS,
            "en",
            "Cannot write 'out/a.csv': it is on a read-only file system. Choose a folder you can write to.",
        ),
    ],
)
def test_the_systems_words_are_not_repeated(number: int, lang: str, words: str) -> None:
    # the system says "Permission denied" in English: our words say it, once, in the reader's language
    error = _os_error(Path("out/a.csv"), OSError(number, "Permission denied"))
    assert error.message(lang) == words


@pytest.mark.parametrize(
    ("args", "lang", "words"),
    [
        (["render", "gaps", "{ds}", "-o", "{dir}"], "zh", "错误：输出“{dir}”是一个文件夹，请给出文件名。\n"),
        (
            ["render", "gaps", "{ds}", "-o", "{dir}"],
            "en",
            "Error: The output '{dir}' is a folder; give a file name.\n",
        ),
        (
            ["analyze", "coverage", "{ds}", "-o", "{dir}"],
            "zh",
            "错误：输出“{dir}”是一个文件夹，请给出文件名。\n",
        ),
        (
            ["report", "{ds}", "--xlsx", "{dir}"],
            "en",
            "Error: The output '{dir}' is a folder; give a file name.\n",
        ),
        (["plan", "{ds}", "--view", "{dir}"], "zh", "错误：输出“{dir}”是一个文件夹，请给出文件名。\n"),
    ],
)
def test_a_folder_given_for_a_file_is_said_in_the_language_asked(
    dataset: Path, tmp_path: Path, args: list[str], lang: str, words: str
) -> None:
    # not click's English inside our Chinese, and not a usage block: the option was used right
    folder = tmp_path / "views"
    folder.mkdir()
    result = run(*[a.format(ds=dataset, dir=folder) for a in args], "--lang", lang)
    assert result.exit_code == 1
    assert result.output == words.format(dir=folder)
    assert _names(folder) == []


ZH_DOCX = (
    "错误：本命令不写 .docx 文件（“{out}”）：请换一个以 {suffixes} 结尾（或不带后缀）的文件名"
    "（本命令的格式：{formats}）"
)
EN_DOCX = (
    "Error: this command writes no .docx file ('{out}'): give a file name ending in {suffixes} (or none;"
    " its formats: {formats})"
)


@pytest.mark.parametrize(
    ("args", "lang", "suffixes", "formats"),
    [
        (["analyze", "coverage", "{ds}"], "zh", ".txt、.json、.csv、.xlsx", "table|json|csv|xlsx"),
        (["analyze", "coverage", "{ds}", "--format", "csv"], "en", ".csv, .txt", "table|json|csv|xlsx"),
        (["info", "{ds}"], "zh", ".txt、.json、.csv", "table|json|csv"),
        (["validate", "{ds}"], "en", ".txt, .json, .csv", "table|json|csv"),
        (["plan", "{ds}"], "zh", ".txt、.json、.csv、.xlsx", "table|json|csv|xlsx"),
        (["whatif", "{ds}", "--remove", "N1"], "en", ".txt, .json, .csv, .xlsx", "table|json|csv|xlsx"),
        (["render", "gaps", "{ds}"], "zh", ".html、.htm、.png、.svg", "html|fragment|png|svg"),
        (["report", "{ds}"], "en", ".html, .htm", "html"),
        (["export", "{ds}", "--to", "xlsx"], "zh", ".xlsx", "xlsx|graphml|gexf|json|csv"),
    ],
)
def test_a_suffix_no_format_of_the_command_has_is_refused(
    dataset: Path, tmp_path: Path, args: list[str], lang: str, suffixes: str, formats: str
) -> None:
    out = tmp_path / "cov.docx"
    result = run(*[a.format(ds=dataset) for a in args], "-o", out, "--lang", lang)
    assert result.exit_code == 2
    last = result.output.rstrip("\n").splitlines()[-1]
    assert last == (ZH_DOCX if lang == "zh" else EN_DOCX).format(out=out, suffixes=suffixes, formats=formats)
    assert not out.exists()


def test_the_suffixes_of_a_format_are_written(dataset: Path, tmp_path: Path) -> None:
    # .txt for a text table, csv or json; .htm for a page; a fragment is an .html file; no suffix is any
    for args, name in [
        (["analyze", "coverage", "--format", "json"], "cov.txt"),
        (["analyze", "coverage"], "cov"),
        (["render", "gaps"], "gaps.htm"),
        (["render", "gaps", "--format", "fragment"], "gaps.html"),
    ]:
        out = tmp_path / name
        result = run(*args, dataset, "-o", out)
        assert result.exit_code == 0, result.output
        assert out.is_file()


def test_a_view_suffix_the_view_does_not_write_is_refused(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "v.pdf"
    result = run("plan", dataset, "--view", out)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"错误：本命令不写 .pdf 文件（“{out}”）：请换一个以 .html、.htm、.png、.svg 结尾（或不带后缀）的"
        "文件名（本命令的格式：html|png|svg）"
    )

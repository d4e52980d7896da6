"""`-o FILE` and `--format`: the file's suffix chooses the format when `--format` is not given, and a format
the suffix contradicts is refused (a text table written to `结果.xlsx` is a workbook Excel cannot open).

The dataset is the small base of `tests.broken` (4 members, one committee C1): N1 and N2 are its two non-party
members, each with one liaison, so `coverage` has one row per committee plus the total and 工作覆盖率 100 %.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from tests.broken import base, write_csv
from tests.test_cli import run


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "ok", base())


def test_xlsx_suffix_without_format_writes_a_workbook(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "覆盖率.xlsx"
    result = run("analyze", "coverage", dataset, "-o", out)
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(out, read_only=True)
    try:
        header = next(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()
    assert "工作覆盖率" in header


def test_csv_and_json_suffixes_choose_their_format(dataset: Path, tmp_path: Path) -> None:
    assert run("analyze", "unlinked", dataset, "-o", tmp_path / "u.csv").exit_code == 0
    with open(tmp_path / "u.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert "姓名" in rows[0] and len(rows) == 1  # nobody unlinked: the header alone
    assert run("info", dataset, "-o", tmp_path / "i.json").exit_code == 0
    total = json.loads((tmp_path / "i.json").read_text(encoding="utf-8"))
    assert total[-1]["members"] == 4


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_format_the_suffix_contradicts_is_refused(dataset: Path, tmp_path: Path, lang: str) -> None:
    out = tmp_path / "c.xlsx"
    result = run("analyze", "coverage", dataset, "--format", "csv", "-o", out, "--lang", lang)
    assert result.exit_code == 2
    assert ".xlsx" in result.output and "--format csv" in result.output
    assert not out.exists()


@pytest.mark.parametrize(("lang", "words"), [("zh", "本命令不写 .xlsx 文件"), ("en", "writes no .xlsx file")])
def test_a_suffix_the_command_does_not_write_is_refused(
    dataset: Path, tmp_path: Path, lang: str, words: str
) -> None:
    out = tmp_path / "概况.xlsx"
    result = run("info", dataset, "-o", out, "--lang", lang)
    assert result.exit_code == 2
    assert words in result.output
    assert not out.exists()


def test_other_suffixes_keep_the_format_asked(dataset: Path, tmp_path: Path) -> None:
    out = tmp_path / "coverage.txt"
    assert run("analyze", "coverage", dataset, "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("覆盖率")


@pytest.mark.parametrize(
    ("to", "name", "lang", "words"),
    [
        ("xlsx", "e.csv", "zh", "与 --to xlsx 不符"),
        ("gexf", "e.xlsx", "en", "does not fit --to gexf"),
        ("json", "e.graphml", "zh", "与 --to json 不符"),
    ],
)
def test_export_refuses_a_suffix_its_to_contradicts(
    dataset: Path, tmp_path: Path, to: str, name: str, lang: str, words: str
) -> None:
    # a workbook named .csv opens as garbage: refused as `-o` with --format is, nothing written
    out = tmp_path / "out" / name
    result = run("export", dataset, "--to", to, "-o", out, "--lang", lang)
    assert result.exit_code == 2
    assert words in result.output
    assert not out.parent.exists()


def test_export_to_a_name_that_fits_is_written(dataset: Path, tmp_path: Path) -> None:
    assert run("export", dataset, "--to", "xlsx", "-o", tmp_path / "e.xlsx").exit_code == 0
    assert openpyxl.load_workbook(tmp_path / "e.xlsx").sheetnames
    # the dataset as csv is a folder; a folder named after its format is no contradiction
    assert run("export", dataset, "--to", "csv", "-o", tmp_path / "ds.csv").exit_code == 0
    assert (tmp_path / "ds.csv" / "members.csv").is_file()

"""Hostile and careless input files (issue 10, item 8), through both readers: the canonical one (a folder of
CSVs, a workbook with a sheet per table) and the office one (a roster as kept, read by its header row).

Each file is built here, then read by the command a user would run: the answer is one clear message (zh and
en), naming the file, sheet, row or column, and never a traceback.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from pbgraph import DatasetError, load
from pbgraph.cli import main
from tests.conftest import ROOT
from tests.test_outputs import read_only

BASE = ROOT / "tests" / "fixtures" / "party_group"
SAMPLE = ROOT / "data" / "sample"


def problems(path: Path) -> list[tuple[str, str, str, str]]:
    """(code, severity, Chinese message, English message) of every problem loading `path`."""
    try:
        found = load(path, cache=False).warnings
    except DatasetError as error:
        found = error.problems
    return [(p.code, p.severity, p.message("zh"), p.message("en")) for p in found]


def errors(path: Path) -> list[tuple[str, str, str, str]]:
    return [p for p in problems(path) if p[1] == "error"]


def roster() -> pd.DataFrame:
    """The fixture's roster as an office keeps it: no 编号, no 政协 column (names resolve by themselves)."""
    members = pd.read_csv(BASE / "members.csv", dtype=str, keep_default_na=False)
    return members.drop(columns=["编号", "政协"])


def office_csv(path: Path, frame: pd.DataFrame) -> Path:
    frame.to_csv(path, index=False)
    return path


def one_line(args: list[str]) -> str:
    """Run a command that must fail with one clear line (exit 1); that line."""
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    # what a command printed before it failed (plan --apply shows the plan) is on stdout; notes aside, the
    # error is one line
    lines = [
        line for line in result.stderr.splitlines() if line.strip() and not line.startswith(("注：", "Note:"))
    ]
    assert len(lines) == 1, result.output
    return lines[0]


# zip bombs and sheets beyond Excel -------------------------------------------------------------------------


def _workbook_bytes(title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    sheet.append(list(pd.read_csv(BASE / "members.csv", dtype=str).columns))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _with_rows(path: Path, title: str, rows: bytes, *, dimension: str | None = None) -> Path:
    """A valid workbook whose one sheet holds `rows` (raw XML) below its header."""
    source = zipfile.ZipFile(io.BytesIO(_workbook_bytes(title)))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, tail = data.split(b"</sheetData>")
                if dimension:
                    head = head.replace(b'<dimension ref="A1:I1"', f'<dimension ref="{dimension}"'.encode())
                data = head + rows + b"</sheetData>" + tail
            archive.writestr(info.filename, data)
    return path


@pytest.mark.parametrize("title", ["members", "花名册"], ids=["canonical", "office"])
def test_a_zip_bomb_is_refused_at_once_with_little_memory(tmp_path: Path, title: str) -> None:
    # 64 MB of rows packed a thousand to one: refused from the zip directory, before anything is unpacked
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    bomb = _with_rows(tmp_path / "bomb.xlsx", title, row * ((64 << 20) // len(row)))
    assert bomb.stat().st_size < 1 << 20
    tracemalloc.start()
    start = time.process_time()
    try:
        found = errors(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.process_time() - start < 5
    assert peak < 64 << 20
    assert [p[0] for p in found] == ["workbook_bomb"]
    assert "恶意文件" in found[0][2] and "hostile" in found[0][3]


@pytest.mark.parametrize("title", ["members", "花名册"], ids=["canonical", "office"])
@pytest.mark.parametrize("dimension", [None, "A1:I3000"], ids=["no-dimension", "true-dimension"])
def test_a_sheet_longer_than_excel_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, title: str, dimension: str | None
) -> None:
    from pbgraph import _workbook_guard

    # Excel's limit scaled down, so the test stays small; the workbook is built past it
    monkeypatch.setattr(_workbook_guard, "MAX_ROWS", 1000)
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>M%d</t></is></c></row>' % (i, i, i)
        for i in range(2, 3001)
    )
    found = errors(_with_rows(tmp_path / "long.xlsx", title, rows, dimension=dimension))
    assert [p[0] for p in found] == ["sheet_too_many_rows"]
    assert f"工作表 {title}" in found[0][2] and "1000" in found[0][3]


def test_the_sample_workbooks_pass_the_guard() -> None:
    from pbgraph._workbook_guard import check_workbook

    for path in (ROOT / "data" / "sample.xlsx", ROOT / "data" / "sample-office.xlsx"):
        assert check_workbook(path, path.name) == []


# formulas whose values Excel never stored ------------------------------------------------------------------


@pytest.mark.parametrize("office", [False, True], ids=["canonical", "office"])
def test_formulas_without_stored_values_say_open_and_save(tmp_path: Path, office: bool) -> None:
    members = pd.read_csv(BASE / "members.csv", dtype=str, keep_default_na=False)
    frame = roster() if office else members
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "花名册" if office else "members"
    if office:
        sheet.append(["示例政协委员名单"])
    sheet.append(list(frame.columns))
    first = sheet.max_row + 1
    for row in frame.itertuples(index=False):
        sheet.append(list(row))
    column = list(frame.columns).index("姓名") + 1
    for r in range(first, sheet.max_row + 1):
        # a name built by a formula, as a program writes it: no cached value
        sheet.cell(r, column).value = f'=CONCATENATE("委员","{r}")'
    path = tmp_path / "formulas.xlsx"
    workbook.save(path)
    found = errors(path)
    assert [p[0] for p in found] == ["formula_without_value"]
    zh, en = found[0][2], found[0][3]
    assert "请用 Excel/WPS 打开并保存" in zh
    assert "Open the workbook in Excel/WPS and save it" in en
    letter = "ABCDEFGHI"[column - 1]
    assert f"{len(frame)} formula cells" in en and f"{letter}{first}" in en


# text files -----


def test_an_office_csv_with_a_one_megabyte_cell_is_read(tmp_path: Path) -> None:
    frame = roster()
    frame.at[0, "委员企业"] = "长" * (1 << 20)
    ds = load(office_csv(tmp_path / "名单.csv", frame), cache=False)
    assert len(ds.members) == len(frame)
    assert (ds.members["enterprise"].str.len() == 1 << 20).sum() == 1


def test_an_office_column_given_twice_is_an_error_naming_both(tmp_path: Path) -> None:
    frame = roster()
    frame.insert(1, "委员姓名", frame["姓名"])
    found = [p for p in errors(office_csv(tmp_path / "名单.csv", frame)) if p[0] == "duplicate_column"]
    assert len(found) == 1
    assert "“委员姓名”" in found[0][2] and "“姓名”" in found[0][2]
    assert "'委员姓名'" in found[0][3] and "'姓名'" in found[0][3]


def _mixed(data: bytes, line: int) -> bytes:
    """`data` (UTF-8) with its line `line` (1 = header) in GB18030, as when two files are pasted together."""
    lines = data.split(b"\n")
    lines[line - 1] = lines[line - 1].decode("utf-8").encode("gb18030")
    return b"\n".join(lines)


@pytest.mark.parametrize("office", [False, True], ids=["canonical", "office"])
def test_a_file_mixing_utf8_and_gb18030_names_the_row_and_byte(tmp_path: Path, office: bool) -> None:
    if office:
        path = office_csv(tmp_path / "名单.csv", roster())
    else:
        path = shutil.copytree(BASE, tmp_path / "ds") / "members.csv"
    data = path.read_bytes()
    path.write_bytes(_mixed(data, 6))
    start = sum(len(line) + 1 for line in data.split(b"\n")[:5])
    # the first byte of row 6 that is not ASCII is where UTF-8 stops (counted from 1)
    byte = start + next(i for i, b in enumerate(path.read_bytes()[start:]) if b >= 0x80) + 1
    (found,) = errors(path if office else path.parent)
    assert found[0] == "mixed_encoding"
    assert "第 6 行" in found[2] and f"第 {byte} 个字节" in found[2] and "GB18030" in found[2]
    assert "row 6" in found[3] and f"byte {byte}" in found[3]


@pytest.mark.parametrize("office", [False, True], ids=["canonical", "office"])
def test_a_file_cut_inside_a_character_says_so(tmp_path: Path, office: bool) -> None:
    path = (
        office_csv(tmp_path / "名单.csv", roster())
        if office
        else shutil.copytree(BASE, tmp_path / "ds") / "members.csv"
    )
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex("乙县党员".encode()) + 4])
    (found,) = errors(path if office else path.parent)
    assert found[0] == "cut_character"
    assert "截断" in found[2] and "cut off" in found[3] and "row 9" in found[3]


def test_cut_and_mixed_files_end_without_an_ignored_exception(tmp_path: Path) -> None:
    # messages at interpreter exit ("Exception ignored in …") only show in a real process
    cut = shutil.copytree(BASE, tmp_path / "cut")
    data = (cut / "members.csv").read_bytes()
    (cut / "members.csv").write_bytes(data[: data.rindex("乙县党员".encode()) + 4])
    mixed = shutil.copytree(BASE, tmp_path / "mixed")
    (mixed / "members.csv").write_bytes(_mixed((mixed / "members.csv").read_bytes(), 6))
    for folder in (cut, mixed):
        for command in (["validate"], ["analyze", "all"], ["report", "-o", str(tmp_path / "r.html")]):
            done = subprocess.run(
                [sys.executable, "-m", "pbgraph.cli", *command, str(folder), "--no-cache"],
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert done.returncode == 2, done.stderr
            assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr, done.stderr


# folders -----


def test_a_folder_given_for_its_csv_file_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "members.csv"
    folder.mkdir()
    found = errors(folder)
    assert [p[0] for p in found] == ["folder_without_tables"]
    assert "没有数据表" in found[0][2] and "holds no table" in found[0][3]


def test_many_unknown_office_columns_are_read_quickly(tmp_path: Path) -> None:
    frame = roster()
    extra = pd.DataFrame({f"自定义{i}": "x" for i in range(10_000)}, index=frame.index)
    path = office_csv(tmp_path / "名单.csv", pd.concat([frame, extra], axis=1))
    start = time.process_time()
    result = CliRunner().invoke(main, ["validate", str(path), "--no-cache"])
    assert time.process_time() - start < 30
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) < 20


# outputs -----


WRITERS = [
    ["analyze", "coverage", "{ds}", "--format", "xlsx", "-o", "{out}/a.xlsx"],
    ["analyze", "all", "{ds}", "--format", "csv", "-o", "{out}/a.csv"],
    ["report", "{ds}", "-o", "{out}/r.html", "--xlsx", "{out}/r.xlsx"],
    ["export", "{ds}", "--to", "csv", "-o", "{out}/csv"],
    ["export", "{ds}", "--to", "graphml", "-o", "{out}/g.graphml"],
    ["render", "gaps", "{ds}", "-o", "{out}/v.html"],
    ["render", "gaps", "{ds}", "--format", "svg", "-o", "{out}/v.svg"],
    ["generate", "{out}/gen"],
    ["import", str(ROOT / "data" / "sample-office.xlsx"), "-o", "{out}/imported"],
    ["template", "-o", "{out}/模板.xlsx"],
    ["plan", "{ds}", "-o", "{out}/plan.xlsx"],
    ["plan", "{ds}", "--apply", "{out}/applied"],
    ["diff", "{ds}", "{ds}", "-o", "{out}/diff.xlsx"],
    ["whatif", "{ds}", "--remove", "P1", "-o", "{out}/whatif.xlsx"],
]


@pytest.mark.parametrize("args", WRITERS, ids=lambda a: "-".join(a[:2]).replace("{ds}", "x"))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_writer_into_a_read_only_folder_is_one_line(tmp_path: Path, args: list[str], lang: str) -> None:
    out = tmp_path / "locked"
    out.mkdir()
    filled = [a.format(ds=BASE, out=out) for a in args]
    with read_only(out):
        line = one_line([*filled, "--lang", lang])
    assert ("没有写入权限" if lang == "zh" else "permission denied") in line
    assert str(out) in line
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("element_id", ['"><script>', "1abc", "a b", "a\x01", "x" * 65])
def test_a_bad_element_id_is_one_line_in_the_command_language(tmp_path: Path, element_id: str) -> None:
    out = tmp_path / "f.html"
    base = ["render", "gaps", str(BASE), "--format", "fragment", "--element-id", element_id, "-o", str(out)]
    assert "--element-id" in one_line(base) and "须以字母开头" in one_line(base)
    assert "must start with a letter" in one_line([*base, "--lang", "en"])
    assert "\x01" not in one_line(base)
    assert not out.exists()

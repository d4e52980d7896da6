"""Every writer on hostile-but-valid data (issue 10): markup, script ends, line and paragraph separators, RTL
marks, control characters, formulas, a 1 MB string and emoji in every text field. Each command ends with
exit 0 or one clear line and no traceback; XML re-parses, xlsx opens, no CSV cell starts with a formula
character, redacted files name nobody.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pbgraph import load
from pbgraph._write import CONTROL_CHARACTERS
from pbgraph.cli import main
from pbgraph.export import export_csv, export_graph, export_xlsx
from pbgraph.redact import redact
from pbgraph.validate._checks import _may_hold_control
from tests.conftest import ROOT

BASE = ROOT / "tests" / "fixtures" / "party_group"
csv.field_size_limit(1 << 30)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BIG = "长" * (1 << 20)
POISON = [
    "<script>alert(1)</script>",
    "</script><b>",
    "行\u2028分\u2029段",
    "\u202e反向\u200f",
    "控\x0b制\x01字\x1f符",
    '=HYPERLINK("http://x","点")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2",
    "@SUM(A1)",
    "表情👨\u200d👩\u200d👧🇨🇳",
    "&amp;\"'<>",
]
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def poison(folder: Path, *, big: bool = True) -> Path:
    """Copy the party_group fixture into `folder`, every free-text cell replaced by a hostile one."""
    shutil.copytree(BASE, folder)
    count = 0
    for path in sorted(folder.glob("*.csv")):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        for column in frame.columns:
            # names, notes, roles and enterprises: text nothing refers to
            if column in ("姓名", "名称", "备注", "委员企业") or (
                column == "职务" and path.stem == "members"
            ):
                for row in range(len(frame)):
                    keep = frame.at[row, column] if column == "职务" else ""
                    frame.at[row, column] = f"{POISON[count % len(POISON)]}{keep}{row}"
                    count += 1
        if path.stem == "liaisons" and big:
            frame.at[0, "备注"] = BIG
        frame.to_csv(path, index=False)
    return folder


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return poison(tmp_path_factory.mktemp("hostile") / "ds")


def run(args: list[str]) -> Result:
    result = CliRunner().invoke(main, args)
    assert "Traceback" not in result.output and "Exception ignored" not in result.output, result.output
    if result.exit_code == 1:
        # a dataset with errors (exit 2) lists each of them; any other failure is one clear line
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1, result.output[-2000:]
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result


def check_file(path: Path) -> None:
    """The file is well-formed for its kind and holds no control character, no CSV formula."""
    suffix = path.suffix.lower()
    if suffix in (".graphml", ".gexf", ".svg"):
        ET.parse(path)
        if suffix == ".graphml":
            nx.read_graphml(path)
    elif suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path)
        for sheet in book.worksheets:
            assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref, (path.name, sheet.title)
            for row in sheet.iter_rows(values_only=True):
                for value in row:
                    assert not (isinstance(value, str) and CONTROL.search(value))
    elif suffix == ".csv":
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
            for cell in row:
                assert not cell.startswith(FORMULA_START), (path.name, cell[:40])
    elif suffix == ".json":
        json.loads(path.read_text(encoding="utf-8"))
    elif suffix == ".html":
        text = path.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in text
        assert not CONTROL.search(text)


def files(folder: Path) -> Iterator[Path]:
    return (p for p in sorted(folder.rglob("*")) if p.is_file())


def test_hostile_dataset_loads_with_warnings(hostile: Path) -> None:
    ds = load(hostile)
    assert "control_characters" in {p.code for p in ds.warnings}
    for frame in ds.tables.values():
        for column in frame.columns:
            if frame[column].dtype != bool:
                assert not frame[column].astype("str").str.contains(CONTROL.pattern).any(), column
    result = run(["validate", str(hostile)])
    assert result.exit_code == 0


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "xlsx"])
def test_analyze_every_format(hostile: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"all.{fmt if fmt != 'table' else 'txt'}"
    result = run(["analyze", "all", str(hostile), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0
    check_file(out)


@pytest.mark.parametrize("to", ["xlsx", "graphml", "gexf", "json", "csv"])
@pytest.mark.parametrize("redacted", [False, True], ids=["plain", "redacted"])
def test_export_every_format(hostile: Path, tmp_path: Path, to: str, redacted: bool) -> None:
    out = tmp_path / ("csv" if to == "csv" else f"g.{to}")
    result = run(["export", str(hostile), "--to", to, "-o", str(out), *(["--redact"] if redacted else [])])
    assert result.exit_code == 0
    for path in files(out) if out.is_dir() else [out]:
        check_file(path)
        if redacted:
            text = path.read_bytes().decode("utf-8", errors="replace")
            assert "党组甲" not in text and "hostile" not in text


def test_csv_round_trip_is_exact(hostile: Path, tmp_path: Path) -> None:
    ds = load(hostile)
    export_csv(ds, tmp_path / "again")
    assert load(tmp_path / "again").equals(ds)


@pytest.mark.parametrize("redacted", [False, True], ids=["plain", "redacted"])
def test_report(hostile: Path, tmp_path: Path, redacted: bool) -> None:
    html, book = tmp_path / "r.html", tmp_path / "r.xlsx"
    args = ["report", str(hostile), "-o", str(html), "--xlsx", str(book), *(["--redact"] if redacted else [])]
    result = run(args)
    assert result.exit_code == 0
    check_file(html)
    check_file(book)
    if redacted:
        text = html.read_text(encoding="utf-8")
        names = [n for n in load(hostile).members["name"] if re.search("[\u4e00-\u9fff]", n)]
        assert [n for n in names if n in text] == []


VIEWS = [
    ["network"],
    ["org"],
    ["gaps"],
    ["committee", "C1"],
    ["sector", "S1"],
    ["member", "P1"],
    ["reach", "P1"],
]


@pytest.mark.parametrize("view", VIEWS, ids=[v[0] for v in VIEWS])
@pytest.mark.parametrize("fmt", ["html", "fragment"])
def test_views(hostile: Path, tmp_path: Path, view: list[str], fmt: str) -> None:
    out = tmp_path / f"v.{fmt if fmt != 'fragment' else 'html'}"
    result = run(["render", *view, str(hostile), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0
    check_file(out)


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_static_views(hostile: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"v.{fmt}"
    result = run(["render", "network", str(hostile), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0
    check_file(out)
    assert out.stat().st_size > 0


def test_bad_element_id_is_one_line(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.html"
    result = run(
        ["render", "gaps", str(hostile), "--format", "fragment", "--element-id", '"><script>', "-o", str(out)]
    )
    assert result.exit_code != 0


# arbitrary unicode names, through the library writers ----------------------------------------------------

NAMES = st.text(st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=40)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(NAMES, min_size=8, max_size=8))
@example(names=["0"] * 7 + ["\x1b\n䱽"])  # a control character before a newline: stripped like any edge space
def test_writers_take_any_unicode_name(tmp_path_factory: pytest.TempPathFactory, names: list[str]) -> None:
    folder = tmp_path_factory.mktemp("names") / "ds"
    shutil.copytree(BASE, folder)
    members = pd.read_csv(folder / "members.csv", dtype=str, keep_default_na=False)
    members["姓名"] = names
    members.to_csv(folder / "members.csv", index=False)
    try:
        ds = load(folder)
    except Exception as error:  # a name the loader refuses must be refused cleanly
        assert type(error).__name__ == "DatasetError", repr(error)
        return
    out = folder.parent / "out"
    out.mkdir()
    for fmt in ("graphml", "gexf"):
        check_file(export_graph(ds, out / f"g.{fmt}", fmt=fmt))
    check_file(export_xlsx(ds, out / "t.xlsx"))
    export_csv(ds, out / "csv")
    for path in files(out / "csv"):
        check_file(path)
    assert load(out / "csv").equals(ds)
    safe = redact(ds)
    export_csv(safe, out / "safe")
    text = "".join(p.read_text(encoding="utf-8-sig") for p in files(out / "safe"))
    # names of two or more letters that occur nowhere else in the data must be gone
    others = "".join(p.read_text(encoding="utf-8") for p in BASE.glob("*.csv") if p.stem != "members")
    kept = "".join(sorted(set(text) - set(others)))
    hidden = [
        n
        for n in ds.members["name"]
        if len(n) >= 2 and not n.isascii() and n not in others and not set(n) <= set(kept + "0123456789")
    ]
    assert [n for n in hidden if n in text] == []


# hostile files ---------------------------------------------------------------------------------------------


def problems_of(folder: Path) -> list[tuple[str, str, str]]:
    """(code, severity, English message) of every problem loading `folder` (errors or warnings)."""
    from pbgraph import DatasetError

    try:
        found = load(folder).warnings
    except DatasetError as error:
        found = error.problems
    return [(p.code, p.severity, p.message("en")) for p in found]


def test_a_column_given_twice_is_an_error_naming_both(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    shutil.copytree(BASE, folder)
    members = (folder / "members.csv").read_text(encoding="utf-8").splitlines()
    members = [f"{line},{line.split(',')[0]}" if i else f"{line},id" for i, line in enumerate(members)]
    (folder / "members.csv").write_text("\n".join(members) + "\n", encoding="utf-8")
    found = [p for p in problems_of(folder) if p[0] == "duplicate_column"]
    assert len(found) == 1 and found[0][1] == "error"
    assert "'id'" in found[0][2] and "'编号'" in found[0][2]


def test_many_unknown_columns_are_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    shutil.copytree(BASE, folder)
    frame = pd.read_csv(folder / "members.csv", dtype=str, keep_default_na=False)
    extra = pd.DataFrame({f"自定义{i}": "x" for i in range(10_000)}, index=frame.index)
    pd.concat([frame, extra], axis=1).to_csv(folder / "members.csv", index=False)
    found = [p for p in problems_of(folder) if p[0].startswith("unknown_column")]
    assert [p[0] for p in found] == ["unknown_columns"]
    assert "10000" in found[0][2]
    english = run(["validate", str(folder), "--lang", "en"]).output
    assert "(e.g. 自定义0, 自定义1, 自定义2, 自定义3, 自定义4)" in english and "、" not in english
    result = run(["validate", str(folder)])
    assert result.exit_code == 0 and len(result.output.splitlines()) < 20


def test_a_folder_named_like_a_table_is_said_so(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    shutil.copytree(BASE, folder)
    (folder / "members.csv").unlink()
    (folder / "members.csv").mkdir()
    codes = [p[0] for p in problems_of(folder)]
    assert "table_is_folder" in codes


def test_a_one_megabyte_cell_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    shutil.copytree(BASE, folder)
    frame = pd.read_csv(folder / "liaisons.csv", dtype=str, keep_default_na=False)
    frame.at[0, "备注"] = "长\n" * (1 << 19) + "尾"
    frame.to_csv(folder / "liaisons.csv", index=False)
    assert len(load(folder).liaisons["note"].iloc[0]) == (1 << 20) + 1


def test_a_file_cut_inside_a_character_names_the_row(tmp_path: Path) -> None:
    folder = tmp_path / "ds"
    shutil.copytree(BASE, folder)
    data = (folder / "members.csv").read_bytes()
    (folder / "members.csv").write_bytes(data[: data.rindex("乙县党员".encode()) + 4])
    result = run(["validate", str(folder), "--lang", "en"])
    assert result.exit_code == 2
    assert "row 9" in result.output


@settings(max_examples=200, deadline=None)
@given(
    cells=st.lists(st.text(st.characters(blacklist_categories=["Cs"]), max_size=12), min_size=1, max_size=6)
)
def test_control_character_byte_scan_never_misses_one(cells: list[str]) -> None:
    """The byte pass that lets validation skip clean columns is never wrong when it says "clean"."""
    column = pd.Series(cells, dtype="str")
    has = column.str.contains(CONTROL_CHARACTERS, regex=True).any()
    assert not has or _may_hold_control(column)
    assert _may_hold_control(pd.Series(["甲", "乙\x01"], dtype="str"))
    assert not _may_hold_control(pd.Series(["甲\t乙", "（全角）\n"], dtype="str"))

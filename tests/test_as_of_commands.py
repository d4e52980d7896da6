"""`--as-of DATE` (and `--since/--until`, `--min-contacts`, where they mean something) on every command beside
`analyze` (DESIGN 4, Periods): report, export, render, plan and whatif take the network as it stood that day.

On the ``activities`` fixture (see tests/test_activities.py) the liaison A2→B2 (党员乙→党外戊) begins on
2024-06-01: as of 2024-05-31 it is left out, so B2 is unlinked, A2 liaises with B1 only, and every activity
after that day is left out too.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from openpyxl import load_workbook

from pbgraph.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "activities"
BEFORE = "2024-05-31"  # the day before A2→B2 begins


def cli(*args: object) -> Any:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def without_late_liaison(folder: Path) -> Path:
    """The fixture without the A2→B2 row: the network as-of must give what this dataset gives."""
    for path in FIXTURE.iterdir():
        text = path.read_text(encoding="utf-8")
        if path.name == "liaisons.csv":
            text = "".join(line for line in text.splitlines(keepends=True) if not line.startswith("A2,B2,"))
        (folder / path.name).write_text(text, encoding="utf-8")
    return folder


def section(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    return page[start : page.index("</section>", start)]


def test_report_as_of_and_period(tmp_path: Path) -> None:
    cli("report", FIXTURE, "--no-views", "-o", tmp_path / "now.html")
    cli("report", FIXTURE, "--no-views", "--as-of", BEFORE, "-o", tmp_path / "then.html")
    now = (tmp_path / "now.html").read_text(encoding="utf-8")
    then = (tmp_path / "then.html").read_text(encoding="utf-8")
    assert "党外戊" not in section(now, "unlinked") and "党外戊" in section(then, "unlinked")
    assert "网络截至" in then and "2024-05-31（此后开始的联系、此后的活动不计）" in then
    assert "网络截至" not in now
    # the default period is the 12 months ending at the latest activity before the date (2024-05-10)
    assert "统计期 2023-05-11 至 2024-05-10" in section(then, "dormant")
    # --since moves the period: one day later the visit of 2024-01-01 (A3→B3) falls out
    assert "3 条联系只在纸面上" in section(now, "dormant")
    cli("report", FIXTURE, "--no-views", "--since", "2024-01-02", "-o", tmp_path / "since.html")
    later = (tmp_path / "since.html").read_text(encoding="utf-8")
    assert "4 条联系只在纸面上" in section(later, "dormant")
    assert "统计期 2024-01-02 至 2024-12-31" in section(later, "dormant")
    # --min-meetings reaches the definition of 双重组织生活
    cli("report", FIXTURE, "--no-views", "--min-meetings", "2", "-o", tmp_path / "two.html")
    two = (tmp_path / "two.html").read_text(encoding="utf-8")
    assert "（至少 2 次）" in two and "（至少 1 次）" in now
    # "1+10": --min-contacts lists, in the load section, the CPC members with fewer contacts (A1, A2)
    cli("report", FIXTURE, "--no-views", "--min-contacts", "1", "-o", tmp_path / "few.html")
    few = section((tmp_path / "few.html").read_text(encoding="utf-8"), "load")
    assert (
        "联系群众不足" in few
        and "党组甲" in few
        and "党员乙" in few
        and "联系群众不足" not in section(now, "load")
    )


def _sheet(path: Path, title: str) -> list[tuple[Any, ...]]:
    return list(load_workbook(path)[title].iter_rows(values_only=True))


def _columns(rows: list[tuple[Any, ...]], *headers: str) -> list[tuple[Any, ...]]:
    """The values under `headers` (by name: names stand beside the ids), a tuple per row below the header."""
    at = [rows[0].index(header) for header in headers]
    return [tuple(row[i] for i in at) for row in rows[1:]]


def test_export_xlsx_as_of_period_and_min_contacts(tmp_path: Path) -> None:
    cli("export", FIXTURE, "--to", "xlsx", "-o", tmp_path / "now.xlsx")
    cli("export", FIXTURE, "--to", "xlsx", "--as-of", BEFORE, "-o", tmp_path / "then.xlsx")
    unlinked_now = _sheet(tmp_path / "now.xlsx", "未联系党外委员")
    unlinked_then = _sheet(tmp_path / "then.xlsx", "未联系党外委员")
    assert not any("B2" in row for row in unlinked_now)
    assert any("B2" in row for row in unlinked_then)
    # the work list follows --since: A3→B3 (visited on 2024-01-01 only) joins it
    cli("export", FIXTURE, "--to", "xlsx", "--since", "2024-01-02", "-o", tmp_path / "since.xlsx")
    work = _columns(_sheet(tmp_path / "since.xlsx", "联系工作清单"), "联系人", "联系对象")
    assert work == [("A1", "S1"), ("A2", "T1"), ("A3", "B3"), ("A3", "B4")]
    # "1+10": with --min-contacts the members with fewer contacts get their sheet
    cli("export", FIXTURE, "--to", "xlsx", "--min-contacts", "1", "-o", tmp_path / "few.xlsx")
    assert "联系群众不足" not in load_workbook(tmp_path / "now.xlsx").sheetnames
    few = _sheet(tmp_path / "few.xlsx", "联系群众不足")
    assert _columns(few, "编号", "姓名") == [("A1", "党组甲"), ("A2", "党员乙")]


def test_export_graph_and_csv_as_of(tmp_path: Path) -> None:
    cli("export", FIXTURE, "--to", "json", "--as-of", BEFORE, "-o", tmp_path / "then.json")
    cli("export", FIXTURE, "--to", "json", "-o", tmp_path / "now.json")

    def liaisons(path: Path) -> set[tuple[str, str]]:
        graph = json.loads(path.read_text(encoding="utf-8"))
        edges = graph.get("edges", graph.get("links", []))
        return {(e["source"], e["target"]) for e in edges if e.get("relation") == "liaison"}

    assert ("A2", "B2") in liaisons(tmp_path / "now.json")
    assert liaisons(tmp_path / "then.json") == liaisons(tmp_path / "now.json") - {("A2", "B2")}
    cli("export", FIXTURE, "--to", "csv", "--as-of", BEFORE, "-o", tmp_path / "csv")
    assert (tmp_path / "csv" / "liaisons.csv").read_text(encoding="utf-8-sig").count("A2") == 3
    assert "2024-12-31" not in (tmp_path / "csv" / "activities.csv").read_text(encoding="utf-8-sig")


def _nodes(result: Any) -> int:
    found = re.search(r"（(\d+) 个节点）", result.output)
    assert found, result.output
    return int(found[1])


def test_render_as_of_draws_the_network_of_that_day(tmp_path: Path) -> None:
    now = _nodes(cli("render", "member", "B2", FIXTURE, "-o", tmp_path / "now.html"))
    then = _nodes(cli("render", "member", "B2", FIXTURE, "--as-of", BEFORE, "-o", tmp_path / "then.html"))
    (tmp_path / "copy").mkdir()
    copy = without_late_liaison(tmp_path / "copy")
    expected = _nodes(cli("render", "member", "B2", copy, "-o", tmp_path / "copy.html"))
    assert then == expected < now


def test_plan_as_of_plans_for_who_was_unlinked_that_day() -> None:
    now = json.loads(cli("plan", FIXTURE, "--format", "json").stdout)
    then = json.loads(cli("plan", FIXTURE, "--as-of", BEFORE, "--format", "json").stdout)
    assert now["plan"] == []
    # B2 was unlinked: it gets a CPC member (A1, who liaises with no non-party member, the lowest load)
    assert [(r["source"], r["target"]) for r in then["plan"]] == [("A1", "B2")]


def test_whatif_as_of_compares_the_network_of_that_day() -> None:
    def opened(*extra: str) -> list[tuple[str, str]]:
        found = json.loads(cli("whatif", FIXTURE, "--remove", "A2", "--format", "json", *extra).stdout)
        return [(r["analysis"], r["id"]) for r in found["gap_changes"] if r["change"] == "opened"]

    # A2 leaving: B1 and B2 lose their only liaison; as of 2024-05-31 B2 had none to lose
    assert opened() == [("unlinked", "B1"), ("unlinked", "B2"), ("townships", "T1")]
    assert opened("--as-of", BEFORE) == [("unlinked", "B1"), ("townships", "T1")]


def test_a_bad_as_of_date_is_refused_by_every_command(tmp_path: Path) -> None:
    for args in (
        ("report", FIXTURE, "-o", tmp_path / "r.html"),
        ("export", FIXTURE, "--to", "xlsx", "-o", tmp_path / "x.xlsx"),
        ("render", "network", FIXTURE, "-o", tmp_path / "v.html"),
        ("plan", FIXTURE),
        ("whatif", FIXTURE, "--remove", "A2"),
    ):
        result = CliRunner().invoke(main, [*map(str, args), "--as-of", "2024-13-01"])
        # a wrong use of the option (exit code 2), named, before the dataset is read
        assert result.exit_code == 2, args
        assert "2024-13-01" in result.output and "无法识别的日期" in result.output, args
        assert "'--as-of' 的值无效" in result.output, args
        assert not any(tmp_path.iterdir()), args


def test_an_as_of_before_every_activity_says_why_the_activity_columns_are_gone() -> None:
    # the fixture's first activity is on 2023-11-01: as of the day before, none stands; coverage leaves out
    # 有效联系率 and says why, as dormant does, naming the date (not "the dataset has no activities table")
    said = {"zh": "2023-10-31 及以前没有活动记录", "en": "no activity is recorded up to 2023-10-31"}
    for lang, words in said.items():
        for analysis in ("coverage", "dormant"):
            result = cli("analyze", analysis, FIXTURE, "--as-of", "2023-10-31", "--lang", lang)
            assert words in result.output, (analysis, result.output)
    coverage = cli("analyze", "coverage", FIXTURE, "--as-of", "2023-10-31").output
    assert "有效联系的党外委员" not in coverage and "活动表" not in coverage
    # with one activity standing, the columns and the period come back
    later = cli("analyze", "coverage", FIXTURE, "--as-of", "2023-11-01").output
    assert "有效联系的党外委员" in later and "活动统计期" in later

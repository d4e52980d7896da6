"""Exports: the analysis workbook, the graph formats, the input CSVs (round trip) and redaction."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from pbgraph import Dataset, load
from pbgraph.analyses import unlinked
from pbgraph.cli import main
from pbgraph.export import (
    analysis_tables,
    export,
    export_csv,
    export_graph,
    export_graph_data,
    export_xlsx,
    input_tables,
    person_names,
    redact,
)
from pbgraph.format import sheet_frame, sheet_names
from tests.conftest import ROOT, SAMPLE

FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures").iterdir() if p.is_dir())
DATASETS = [SAMPLE, ROOT / "data" / "sample.xlsx", *FIXTURES]


@pytest.fixture(scope="module")
def system() -> Dataset:
    return load(ROOT / "tests" / "fixtures" / "committees")


# -- workbook -----------------------------------------------------------------------------------------------


def test_xlsx_has_a_sheet_per_table_with_every_row(sample: Dataset, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from pbgraph.naming import with_names

    out = export_xlsx(sample, tmp_path / "gaps.xlsx")
    tables = analysis_tables(sample)
    titles = sheet_names(tables, "zh")
    workbook = load_workbook(out)
    # then the notes `analyze all` prints (the activity period), on a sheet of their own
    assert workbook.sheetnames == [*titles.values(), "说明"]
    assert [row[0] for row in workbook["说明"].iter_rows(values_only=True)][1].startswith("注：活动统计期")
    assert workbook.sheetnames[:4] == ["覆盖率", "未联系党外委员", "未组织党员委员", "界别缺口"]
    for name, frame in tables.items():
        sheet = workbook[titles[name]]
        assert sheet.max_row == len(frame) + 1, name
        # the analysis's columns, and a name beside every id (DESIGN 5)
        assert [c.value for c in sheet[1]] == list(sheet_frame(with_names(frame, sample, table=name)).columns)
        assert sheet.freeze_panes == "A2"
        assert sheet.column_dimensions["A"].width > 0
    unlinked_sheet = workbook[titles["unlinked"]]
    ids = [row[2] for row in unlinked_sheet.iter_rows(min_row=2, values_only=True)]
    assert ids == unlinked(sample)["id"].tolist()
    # counts and rates stay numbers (Excel sums and sorts them); rates shown as percentages
    cover = workbook[titles["coverage"]]
    header = [c.value for c in cover[1]]
    assert cover.cell(2, header.index("委员数") + 1).value == len(sample.members)
    rate = cover.cell(2, header.index("工作覆盖率") + 1)
    assert isinstance(rate.value, float) and 0 < rate.value < 1 and rate.number_format == "0.0%"
    assert all(workbook[t].auto_filter.ref for t in workbook.sheetnames)


def test_xlsx_of_a_system_starts_with_the_league_table(system: Dataset, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(export_xlsx(system, tmp_path / "system.xlsx", lang="en"))
    assert workbook.sheetnames[0] == "League table"
    assert workbook["League table"].max_row == len(system.committees) + 1
    assert workbook["League table"]["A1"].value == "committee"


def test_sector_kinds_read_as_sector_not_liaison(sample: Dataset) -> None:
    from pbgraph.analyses import sector_gaps

    assert set(sheet_frame(sector_gaps(sample))["类型"]) <= {"界别", "界别联组"}


# -- graph formats ------------------------------------------------------------------------------------------


def _edges(graph: nx.MultiDiGraph, drop: tuple[str, ...] = ()) -> list[tuple]:
    return sorted(
        (u, v, k, tuple(sorted((a, b) for a, b in d.items() if a not in drop)))
        for u, v, k, d in graph.edges(keys=True, data=True)
    )


def test_export_graph_keeps_every_attribute(sample: Dataset) -> None:
    source = sample.graph()
    graph = export_graph_data(sample)
    assert list(graph.nodes) == list(source.nodes)
    for node, data in source.nodes(data=True):
        exported = graph.nodes[node]
        kept = {k: v for k, v in data.items() if k != "id"}
        assert {k: v for k, v in exported.items() if k in data} == kept
        assert "id" not in exported and data["id"] == node
        assert exported["label"] == (data.get("name") or node)
        assert isinstance(exported["party"], str) and isinstance(exported["sector"], str)
    assert graph.number_of_edges() == source.number_of_edges()
    for (_, _, data), (_, _, exported) in zip(source.edges(data=True), graph.edges(data=True), strict=True):
        assert {("type" if k == "relation" else k): v for k, v in exported.items()} == data
    member = sample.members.iloc[0]
    assert graph.nodes[member["id"]]["party_name"] == "中共党员" or member["party"] != "CPC"
    assert graph.nodes["S001"]["sector"] == "S001"


def test_graphml_round_trip(sample: Dataset, tmp_path: Path) -> None:
    expected = export_graph_data(sample)
    read = nx.read_graphml(export_graph(sample, tmp_path / "g.graphml", fmt="graphml"), force_multigraph=True)
    assert dict(read.nodes(data=True)) == dict(expected.nodes(data=True))
    assert _edges(read) == _edges(expected)
    party_group = [d["party_group"] for _, d in read.nodes(data=True) if d["kind"] == "member"]
    assert {type(v) for v in party_group} == {bool}


def test_gexf_round_trip_and_gephi_partitions(sample: Dataset, tmp_path: Path) -> None:
    expected = export_graph_data(sample)
    path = export_graph(sample, tmp_path / "g.gexf", fmt="gexf")
    read = nx.read_gexf(path)
    # GEXF gives every edge a running id of its own
    assert dict(read.nodes(data=True)) == dict(expected.nodes(data=True))
    assert _edges(read, drop=("id",)) == _edges(expected)
    text = path.read_text(encoding="utf-8")
    for attribute in ("party", "sector", "party_name", "sector_name"):
        assert re.search(rf'<attribute id="\d+" title="{attribute}" type="string"', text), attribute
    edge_ids = re.findall(r'<edge [^>]*\bid="([^"]+)"', text)
    assert len(edge_ids) == len(set(edge_ids)) == expected.number_of_edges()
    assert set(re.findall(r'<edge [^>]*\btype="([^"]+)"', text)) <= {"directed"}
    assert f'label="{sample.members["name"].iloc[0]}"' in text


def test_json_is_node_link_data(sample: Dataset, tmp_path: Path) -> None:
    expected = export_graph_data(sample)
    data = json.loads(export_graph(sample, tmp_path / "g.json", fmt="json").read_text(encoding="utf-8"))
    read = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    assert dict(read.nodes(data=True)) == dict(expected.nodes(data=True))
    assert _edges(read) == _edges(expected)


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_graph_exports_are_reproducible(
    sample: Dataset, tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1714521600")
    first = export_graph(sample, tmp_path / f"a.{fmt}", fmt=fmt).read_bytes()
    assert export_graph(sample, tmp_path / f"b.{fmt}", fmt=fmt).read_bytes() == first
    if fmt == "gexf":
        assert b'lastmodifieddate="2024-05-01"' in first


# -- input CSVs ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", DATASETS, ids=lambda p: p.name)
def test_csv_round_trip_is_exact(path: Path, tmp_path: Path) -> None:
    ds = load(path)
    export_csv(ds, tmp_path / "out")
    again = load(tmp_path / "out")
    assert again.equals(ds)
    # the same warnings, on the same rows (file names and headers are now the canonical ones)
    assert [(p.code, p.row, p.value) for p in again.warnings] == [
        (p.code, p.row, p.value) for p in ds.warnings
    ]


def test_csv_writes_party_group_as_true_false(sample: Dataset, tmp_path: Path) -> None:
    export_csv(sample, tmp_path)
    members = pd.read_csv(tmp_path / "members.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert set(members["party_group"]) == {"true", "false"}
    assert list(members.columns) == list(input_tables(sample)["members"].columns)


def test_redacted_csv_round_trips(sample: Dataset, tmp_path: Path) -> None:
    safe = redact(sample)
    export(safe, tmp_path, to="csv")
    assert load(tmp_path).equals(safe)


def test_unknown_format(sample: Dataset, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export(sample, tmp_path / "x", to="pdf")


# -- command line -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xlsx", "graphml", "gexf", "json"])
def test_cli_export_file(fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(main, ["export", "data/sample", "--to", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", f"已写入 {out}\n")
    assert out.stat().st_size > 0


def test_cli_export_csv_redacted(sample: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "shareable"
    args = ["export", "data/sample.xlsx", "--to", "csv", "--redact", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", f"已写入 8 个文件到 {out}\n")
    text = "".join(p.read_text(encoding="utf-8-sig") for p in out.glob("*.csv"))
    assert [name for name in person_names(sample) if name in text] == []
    assert load(out).equals(redact(load(ROOT / "data" / "sample.xlsx")))


def test_cli_export_english(tmp_path: Path) -> None:
    out = tmp_path / "gaps.xlsx"
    args = ["export", "data/sample", "--to", "xlsx", "--lang", "en", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", f"wrote {out}\n")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("zh", "错误：输出“{out}”会覆盖本命令读取的数据“{name}”。请换一个输出路径。\n"),
        (
            "en",
            "Error: The output '{out}' would overwrite '{name}', which this command reads. Choose another"
            " path.\n",
        ),
    ],
)
def test_cli_export_refuses_to_overwrite_its_input(
    tmp_path: Path, sample: Dataset, lang: str, words: str
) -> None:
    # the input folder as the output is refused as any output that would replace an input: the path named,
    # no usage block, exit code 1 (as `-o city/liaisons.csv`)
    export_csv(sample, tmp_path / "ds")
    out = tmp_path / "ds"
    result = CliRunner().invoke(main, ["export", str(out), "--to", "csv", "-o", str(out), "--lang", lang])
    assert result.exit_code == 1
    assert result.output == words.format(out=out, name="ds")


def test_cli_export_bad_dataset(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(tmp_path / "missing"), "--to", "json"])
    assert result.exit_code == 2


def test_cli_export_is_documented() -> None:
    result = CliRunner().invoke(main, ["export", "--help"])
    assert result.exit_code == 0
    assert "pbgraph export data/sample --to gexf -o network.gexf" in result.output


def test_graph_without_contacts(sample: Dataset, tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    args = ["export", "data/sample", "--to", "graphml", "--no-contacts", "-o", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    read = nx.read_graphml(out, force_multigraph=True)
    assert read.number_of_nodes() == sample.graph().number_of_nodes() - len(sample.contacts)
    assert {d["kind"] for _, d in read.nodes(data=True)} == {"member", "sector", "township", "organization"}

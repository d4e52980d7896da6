"""`pbgraph neo4j bulk`: the files of `neo4j-admin database import full`, checked offline against the graph
model (headers, id spaces, references) and against a push: read back as the importer reads them, they hold
exactly the nodes and relationships, with the same properties, that a push of the same dataset stores."""

from __future__ import annotations

import csv
import dataclasses
import shlex
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import pbgraph.neo4j as store
from pbgraph import Dataset, load
from pbgraph._errors import OutputError
from pbgraph.cli.neo4j import neo4j_group
from tests.datasets import WITHOUT_SHEETS, office_without

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted(p.name for p in (ROOT / "tests" / "fixtures").iterdir() if p.is_dir())
TYPES = {"int": int, "boolean": lambda v: {"true": True, "false": False}[v], "string[]": None}


@pytest.fixture(scope="module", params=["sample", *FIXTURES, "office-no-organizations"])
def dataset(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    if request.param in WITHOUT_SHEETS:
        # tables not recorded: the dataset node holds them
        return office_without(request.param, tmp_path_factory.mktemp("office"))
    path = (
        ROOT / "data" / "sample" if request.param == "sample" else ROOT / "tests" / "fixtures" / request.param
    )
    return load(path)


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    return lines[0], lines[1:]


def value(raw: str, kind: str | None) -> Any:
    """A field as the importer reads it (every field is quoted, so "" is the empty string)."""
    if kind == "string[]":
        return raw.split(";")
    return TYPES[kind](raw) if kind else raw  # type: ignore[operator]


def imported(folder: Path) -> tuple[dict[tuple[str, str], dict[str, Any]], Counter[tuple[Any, ...]]]:
    """What `neo4j-admin database import full` makes of the files: nodes by (label, id) with their
    properties, and the multiset of relationships (type, start, end, properties)."""
    nodes: dict[tuple[str, str], dict[str, Any]] = {}
    relationships: Counter[tuple[Any, ...]] = Counter()
    for path in sorted(folder.glob("*.csv")):
        header, rows = read_csv(path)
        fields = [(name.partition(":")[0], name.partition(":")[2] or None) for name in header]
        for row in rows:
            properties: dict[str, Any] = {}
            ends: dict[str, tuple[str, str]] = {}
            label = rel_type = ""
            for (name, kind), raw in zip(fields, row, strict=True):
                if kind is not None and kind.startswith(("ID(", "START_ID(", "END_ID(")):
                    space = kind[kind.index("(") + 1 : -1]
                    ends[kind.split("(")[0]] = (space, raw)
                    if kind.startswith("ID(") and name:
                        properties[name] = raw
                elif kind == "LABEL":
                    label = raw
                elif kind == "TYPE":
                    rel_type = raw
                else:
                    properties[name] = value(raw, kind)
            if "ID" in ends:
                assert label == ends["ID"][0], (path, label)
                assert (label, ends["ID"][1]) not in nodes, "an id twice in one id space"
                nodes[(label, ends["ID"][1])] = properties
            else:
                frozen = tuple(
                    sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in properties.items())
                )
                relationships[(rel_type, ends["START_ID"], ends["END_ID"], frozen)] += 1
    return nodes, relationships


def pushed(
    rows: store.PushRows, dataset: str
) -> tuple[dict[tuple[str, str], dict[str, Any]], Counter[tuple[Any, ...]]]:
    """What a push of the same rows stores: `MERGE (n {dataset, id}) SET n += properties` (an activity:
    `{dataset, seq}`, its seq its id in the import's id space; the dataset node: `{dataset}`, its name its
    id), and relationships carrying `dataset` and their properties (as the load queries of cypher/load/
    write them)."""
    nodes = {
        (store.node_label(table), str(row.get("id", row["properties"].get("seq", dataset)))): {
            **({"id": row["id"]} if "id" in row else {}),
            "dataset": dataset,
            **row["properties"],
        }
        for table, found in rows.node_rows().items()
        for row in found
    }
    relationships: Counter[tuple[Any, ...]] = Counter()
    for (rel_type, start, end), found in rows.relationships.items():
        for row in found:
            properties = {"dataset": dataset, **row.get("properties", {})}
            frozen = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in properties.items()))
            relationships[(rel_type, (start, str(row["source"])), (end, str(row["target"])), frozen)] += 1
    return nodes, relationships


def test_bulk_files_hold_what_a_push_stores(dataset: Dataset, tmp_path: Path) -> None:
    summary = store.write_bulk(dataset, tmp_path / "bulk", dataset="d-2024")
    nodes, relationships = imported(summary.folder)
    expected_nodes, expected_relationships = pushed(store.push_rows(dataset), "d-2024")
    assert nodes == expected_nodes
    assert relationships == expected_relationships
    assert sum(relationships.values()) == sum(
        n for key, n in store.push_rows(dataset).counts().items() if key in store.RELATIONSHIP_TYPES
    )


def test_bulk_files_follow_the_model(dataset: Dataset, tmp_path: Path) -> None:
    summary = store.write_bulk(dataset, tmp_path / "bulk", dataset="d")
    keys = set(store.property_keys()) | {"id"}
    labels = set(store.LABELS)
    ids: dict[str, set[str]] = {}
    for file in summary.files:
        header, rows = read_csv(summary.folder / file.name)
        assert tuple(header) == file.header and len(rows) == len(file.rows)
        names = [h.partition(":")[0] for h in header]
        kinds = [h.partition(":")[2] for h in header]
        if file.kind == "nodes":
            label = kinds[0][3:-1]
            assert kinds[0] == f"ID({label})" and label in labels and kinds[1] == "LABEL"
            # an activity has no id: its import id (its seq) is not stored as a property; nor is the dataset
            # node's (its `dataset`)
            assert names[0] == ("" if label in {*store.ROW_NODES.values(), store.DATASET} else "id")
            assert {r[1] for r in rows} <= {label}
            ids[label] = {r[0] for r in rows}
            properties = list(zip(names[2:], kinds[2:], strict=True))
        else:
            assert kinds[0].startswith("START_ID(") and kinds[1].startswith("END_ID(") and kinds[2] == "TYPE"
            properties = list(zip(names[3:], kinds[3:], strict=True))
        for name, kind in properties:
            assert name in keys, (file.name, name)
            assert kind == store.bulk.PROPERTY_TYPES.get(name, ""), (file.name, name, kind)
    assert set(ids) == labels
    # every relationship's ends are nodes of the files, in the id space of their label
    for file in summary.files:
        if file.kind == "relationships":
            header, rows = read_csv(summary.folder / file.name)
            start, end = header[0][len(":START_ID(") : -1], header[1][len(":END_ID(") : -1]
            assert {r[2] for r in rows} <= set(store.RELATIONSHIP_TYPES)
            assert {r[0] for r in rows} <= ids[start] and {r[1] for r in rows} <= ids[end], file.name


def test_the_dataset_node_holds_the_tables_not_recorded(sample: Dataset, tmp_path: Path) -> None:
    marked = dataclasses.replace(sample, not_recorded=frozenset({"liaisons:contact", "organizations"}))
    nodes, _ = imported(store.write_bulk(marked, tmp_path / "marked", dataset="m").folder)
    # in table order (organizations before liaisons), as a push stores them
    assert nodes[("Dataset", "m")] == {"dataset": "m", "not_recorded": ["organizations", "liaisons:contact"]}
    # a dataset recording every table: its node, without the property (as a store of an older pbgraph)
    nodes, _ = imported(store.write_bulk(sample, tmp_path / "whole", dataset="w").folder)
    assert nodes[("Dataset", "w")] == {"dataset": "w"}


def test_empty_cells_stay_empty_strings_and_notes_keep_their_lines(sample: Dataset, tmp_path: Path) -> None:
    liaisons = sample.liaisons.copy()
    liaisons.loc[0, "note"] = 'two\nlines, "quoted"'
    changed = Dataset(**{**sample.tables, "liaisons": liaisons}, name="s")
    summary = store.write_bulk(changed, tmp_path / "bulk")
    nodes, relationships = imported(summary.folder)
    notes = {dict(key[3])["note"] for key in relationships if key[0] == store.LIAISES_WITH}
    assert 'two\nlines, "quoted"' in notes
    empty = next(m for m in sample.members.to_dict("records") if m["enterprise"] == "")
    assert nodes[("Member", empty["id"])]["enterprise"] == ""
    text = (summary.folder / "nodes_member.csv").read_text(encoding="utf-8")
    assert '""' in text  # quoted: the importer keeps "" as the empty string


def test_the_import_command(sample: Dataset, tmp_path: Path) -> None:
    summary = store.write_bulk(sample, tmp_path / "bulk", database="pbgraph")
    parts = shlex.split(summary.command)
    assert parts[:5] == ["neo4j-admin", "database", "import", "full", "pbgraph"]
    assert "--multiline-fields=true" in parts and "--overwrite-destination" in parts
    given = {
        p.split("=", 1)[1]: p.split("=", 1)[0]
        for p in parts
        if p.startswith(("--nodes=", "--relationships="))
    }
    assert given == {str((summary.folder / f.name).resolve()): f"--{f.kind}" for f in summary.files}
    assert sorted(p.name for p in summary.folder.iterdir()) == sorted(f.name for f in summary.files)


def test_bulk_command(tmp_path: Path) -> None:
    out = tmp_path / "bulk"
    runner = CliRunner()
    result = runner.invoke(neo4j_group, ["bulk", "data/sample", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    # the command asked for alone on stdout (`> import.sh`), what to do around it on stderr
    assert result.stdout.startswith("neo4j-admin database import full neo4j ")
    assert result.stdout.count("\n") == 1
    assert f"to {out}. Stop Neo4j, then run:\n" in result.stderr
    assert "pbgraph neo4j query schema" in result.stderr
    assert (out / "nodes_member.csv").is_file()
    # a non-empty folder is refused without --force, and left as it was
    (out / "mine.txt").write_text("keep", encoding="utf-8")
    result = runner.invoke(neo4j_group, ["bulk", "data/sample", str(out)])
    assert result.exit_code == 1 and "--force" in result.output and (out / "mine.txt").is_file()
    result = runner.invoke(neo4j_group, ["bulk", "data/sample", str(out), "--force", "--dataset", "x"])
    assert result.exit_code == 0 and not (out / "mine.txt").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging folder left
    help_text = runner.invoke(neo4j_group, ["bulk", "--help"]).output
    assert "Example" in help_text


def test_write_bulk_refuses_a_file(sample: Dataset, tmp_path: Path) -> None:
    # as every folder output: a file is no folder, --force or not
    target = tmp_path / "file.csv"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="exists and is not a folder"):
        store.write_bulk(sample, target, force=True)
    assert target.read_text(encoding="utf-8") == "x"


def test_the_neo4j_benchmark_is_skipped_with_its_reason_without_a_server(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks import neo4j as benchmark

    monkeypatch.delenv("NEO4J_URI", raising=False)
    assert benchmark.main(["--scale", "county"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("skipped:") and "NEO4J_URI" in out


def test_bulk_never_replaces_the_dataset_it_reads(tmp_path: Path) -> None:
    # --force replaces a folder of old output, never the input: the folder output's one check refuses it
    data = tmp_path / "data"
    shutil.copytree("data/sample", data)
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    result = CliRunner().invoke(neo4j_group, ["bulk", str(data), str(data), "--force", "--lang", "en"])
    assert result.exit_code == 1
    assert "which this command reads" in result.output
    assert {p.name: p.read_bytes() for p in data.iterdir()} == before

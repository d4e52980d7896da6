"""The Neo4j store without a server: the rows a push sends, the dataset a pull rebuilds from them, the
queries of `cypher/` (linted by Neo4j's own Cypher language support), the Python side of the analyses, and
the connection errors."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import re
import shutil
import socket
import subprocess
from pathlib import Path
from typing import Any

import click
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

import pbgraph.neo4j as store
from pbgraph import Dataset, UnknownIdError, load
from pbgraph._errors import Neo4jError
from pbgraph.analyses import league_table, run
from pbgraph.analyses.coverage import OVERALL_NAME
from pbgraph.cli.neo4j import analyze_with_neo4j, neo4j_group, parse_parameter
from pbgraph.graph import counting_liaisons
from pbgraph.model import (
    MULTI_VALUE_SEPARATOR,
    NEO4J_LABELS,
    NODE_TABLES,
    ORGANIZING_KINDS,
    PARTY_ORG_KINDS,
    PLATFORM_KINDS,
    TABLES,
    LiaisonKind,
    OrgKind,
    Party,
    Role,
)
from tests.datasets import dataset_tables, load_tables
from tests.oracle import assert_same_frames

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures").iterdir() if p.is_dir())
LINT_DIR = ROOT / "tests" / "cypher_lint"
CYPHER_FILES = sorted(store.CYPHER_DIR.rglob("*.cypher"))
PASSWORD = "pw-Zq8!never-shown"
SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]


@pytest.fixture(scope="module", params=["sample", *(p.name for p in FIXTURES)])
def dataset(request: pytest.FixtureRequest) -> Dataset:
    """The sample and every fixture dataset."""
    path = (
        ROOT / "data" / "sample" if request.param == "sample" else ROOT / "tests" / "fixtures" / request.param
    )
    return load(path)


def stored(rows: store.PushRows) -> dict[str, list[dict[str, Any]]]:
    """What the pull queries return after a push of `rows`, as Neo4j would store them: `properties(n)` also
    holds `dataset` and `id`, relationships' `dataset`; the rows come back in any order."""
    records = rows.table_records()
    shuffled: dict[str, list[dict[str, Any]]] = {}
    for table, found in records.items():
        extra = {"dataset": "x", "id": None} if table in NODE_TABLES else {"dataset": "x"}
        copies = []
        for row in found:
            properties = {**extra, **row["properties"]}
            if "id" in row:
                properties["id"] = row["id"]
            copies.append({**row, "properties": properties})
        random.Random(len(copies)).shuffle(copies)
        shuffled[table] = copies
    return shuffled


# ---------------------------------------------------------------------------------------------------------
# push rows


def test_one_node_row_per_table_row_with_every_column(dataset: Dataset) -> None:
    rows = store.push_rows(dataset)
    assert list(rows.nodes) == list(NODE_TABLES)
    for table in NODE_TABLES:
        frame = getattr(dataset, table)
        found = rows.nodes[table]
        assert [r["id"] for r in found] == frame["id"].tolist()
        expected_keys = {c for c in TABLES[table].column_names if c != "id"} | {"seq"}
        if table == "members":
            expected_keys.add("committees")
        for seq, row in enumerate(found):
            assert set(row["properties"]) == expected_keys
            assert row["properties"]["seq"] == seq
            for column in expected_keys - {"seq", "committees", "party_group"}:
                assert row["properties"][column] == frame[column].iat[seq]
                assert type(row["properties"][column]) is str
    for row, cell, flag in zip(
        rows.nodes["members"], dataset.members["committee"], dataset.members["party_group"], strict=True
    ):
        assert row["properties"]["committees"] == cell.split(MULTI_VALUE_SEPARATOR)
        assert type(row["properties"]["party_group"]) is bool and row["properties"]["party_group"] == bool(
            flag
        )


def test_relationship_rows_per_type_and_endpoint_labels(dataset: Dataset) -> None:
    rows = store.push_rows(dataset)
    labels = set(NEO4J_LABELS.values())
    for rel_type, start, end in rows.relationships:
        assert rel_type in store.RELATIONSHIP_TYPES and start in labels and end in labels
        assert (ROOT / "cypher" / f"{store.load_query_name((rel_type, start, end))}.cypher").is_file()
    counts = rows.counts()
    members, orgs, contacts = dataset.members, dataset.organizations, dataset.contacts
    assert counts == {
        "Member": len(members),
        "Sector": len(dataset.sectors),
        "Township": len(dataset.townships),
        "Organization": len(orgs),
        "Contact": len(contacts),
        "LIAISES_WITH": len(dataset.liaisons),
        "MEMBER_OF": len(dataset.memberships),
        "IN_SECTOR": int((members["sector"] != "").sum()),
        "IN_TOWNSHIP": int(
            (members["township"] != "").sum()
            + (orgs["township"] != "").sum()
            + (contacts["township"] != "").sum()
        ),
        "IN_GROUP": int((dataset.sectors["group"] != "").sum()),
        "PARENT": int((orgs["parent"] != "").sum()),
    }


def test_liaison_rows_carry_the_columns_counts_and_the_target_label(dataset: Dataset) -> None:
    rows = store.push_rows(dataset)
    label_of = {row["id"]: store.NODE_LABELS[table] for table, found in rows.nodes.items() for row in found}
    liaisons = sorted(
        (
            (row, end)
            for (rel_type, _, end), found in rows.relationships.items()
            if rel_type == store.LIAISES_WITH
            for row in found
        ),
        key=lambda pair: pair[0]["properties"]["seq"],
    )
    counting = counting_liaisons(dataset)
    assert len(liaisons) == len(dataset.liaisons)
    for seq, ((row, end), record) in enumerate(
        zip(liaisons, dataset.liaisons.to_dict("records"), strict=True)
    ):
        assert (row["source"], row["target"]) == (record["source"], record["target"])
        assert end == label_of[record["target"]]
        assert row["properties"] == {
            "kind": record["kind"],
            "counts": bool(counting[seq]),
            "since": record["since"],
            "note": record["note"],
            "seq": seq,
        }
        assert type(row["properties"]["counts"]) is bool


@pytest.mark.parametrize("size", [1, 7, 100, store.DEFAULT_BATCH_SIZE])
def test_load_plan_sends_every_row_once_in_batches(dataset: Dataset, size: int) -> None:
    rows = store.push_rows(dataset)
    plan = store.load_plan(rows, batch_size=size)
    assert all(0 < len(step.rows) <= size for step in plan)
    assert sum(len(step.rows) for step in plan) == sum(rows.counts().values())
    # nodes before relationships: a relationship's MATCH needs both nodes
    kinds = ["nodes" if step.query.name.startswith("load/nodes/") else "relationships" for step in plan]
    assert kinds == sorted(kinds)
    sent: dict[str, list[Any]] = {}
    for step in plan:
        assert step.query.parameters == ("dataset", "rows")
        sent.setdefault(step.query.name, []).extend(step.rows)
    for table, found in rows.nodes.items():
        assert sent.get(store.load_query_name(table), []) == found
    for key, found in rows.relationships.items():
        assert sent.get(store.load_query_name(key), []) == found


def test_batches() -> None:
    assert [list(b) for b in store.batches([1, 2, 3, 4, 5], 2)] == [[1, 2], [3, 4], [5]]
    assert list(store.batches([], 3)) == []
    with pytest.raises(ValueError):
        list(store.batches([1], 0))


# ---------------------------------------------------------------------------------------------------------
# pull: rows -> the same dataset


def test_pull_rebuilds_the_pushed_dataset(dataset: Dataset) -> None:
    rows = store.push_rows(dataset)
    back = store.dataset_from_records(stored(rows), name=dataset.name)
    assert back.equals(dataset)
    assert back.name == dataset.name
    for name, frame in dataset.tables.items():
        assert list(getattr(back, name).dtypes) == list(frame.dtypes), name


@settings(max_examples=40, deadline=None, suppress_health_check=SLOW_DATA)
@given(tables=dataset_tables())
def test_pull_rebuilds_any_dataset(tables: dict[str, pd.DataFrame]) -> None:
    ds = load_tables(tables)
    assert store.dataset_from_records(stored(store.push_rows(ds)), name=ds.name).equals(ds)


def test_pull_refuses_rows_left_over_from_an_older_push(sample: Dataset) -> None:
    records = stored(store.push_rows(sample))
    records["members"].append(
        {"id": "OLD", "properties": {**records["members"][0]["properties"], "id": "OLD"}}
    )
    with pytest.raises(Neo4jError, match="--replace") as error:
        store.dataset_from_records(records, name="sample")
    assert "\n" not in str(error.value)


# ---------------------------------------------------------------------------------------------------------
# the queries of cypher/


def test_every_query_declares_exactly_the_parameters_it_uses() -> None:
    for path in CYPHER_FILES:
        text = path.read_text(encoding="utf-8")
        declared = store.declared_parameters(text)
        assert declared is not None, f"{path}: no // Parameters: line"
        code = re.sub(r"//[^\n]*", "", text)
        assert set(declared) == set(re.findall(r"\$([A-Za-z_]\w*)", code)), path


def test_every_analysis_table_and_pull_table_has_its_query() -> None:
    names = set(store.query_names())
    for tables in store.ANALYSIS_TABLES.values():
        for table in tables:
            assert f"analyses/{table}" in names
            declared = set(store.load_query(f"analyses/{table}").parameters or ())
            assert {"dataset", "committee"} <= declared <= {"dataset", "committee", "max_load", "max_depth"}
    assert {f"pull/{table}" for table in TABLES} <= names
    for table in NODE_TABLES:
        assert f"load/delete/{store.NODE_LABELS[table].lower()}" in names


def test_the_analysis_queries_spell_the_model_codes() -> None:
    """String literals in the analysis queries are the model's codes, and every list of kinds is one of the
    model's sets: the Cypher restates no rule differently."""
    codes = {str(v) for enum in (Party, OrgKind, LiaisonKind, Role) for v in enum} | {
        "no_liaison",
        "no_first_convener",
        "first_convener_not_cpc",
        "no_liaison_group",
        "no_cpc_in_liaison_group",
        "no_township_liaison",
        "sector",
        "sector_group",
        OVERALL_NAME,
        "",
    }
    kind_sets = [set(ORGANIZING_KINDS), set(PARTY_ORG_KINDS), set(PLATFORM_KINDS)]
    for path in sorted((store.CYPHER_DIR / "analyses").glob("*.cypher")):
        code = re.sub(r"//[^\n]*", "", path.read_text(encoding="utf-8"))
        assert set(re.findall(r"'([^']*)'", code)) <= codes, path
        for listed in re.findall(r"\.kind IN \[([^\]]*)\]", code):
            values = set(re.findall(r"'([^']*)'", listed))
            if values:
                assert values in kind_sets, (path, values)


def test_queries_by_name_and_parameters(tmp_path: Path) -> None:
    assert store.load_query("unlinked").name == "analyses/unlinked"
    assert store.load_query("analyses/unlinked") == store.load_query("unlinked")
    with pytest.raises(Neo4jError, match="nope"):
        store.load_query("nope")
    query = store.load_query("reach")
    assert store.query_parameters(query, {"dataset": "d", "other": 1}) == {
        "dataset": "d",
        "committee": None,
        "max_depth": None,
    }
    with pytest.raises(Neo4jError, match="dataset"):
        store.query_parameters(query, {})
    own = tmp_path / "mine.cypher"
    own.write_text(
        "MATCH (m:Member {dataset: $dataset}) RETURN count(m) AS n;\nRETURN 1 AS one", encoding="utf-8"
    )
    resolved = store.resolve_query(str(own))
    assert resolved.parameters is None and not resolved.shipped and len(resolved.statements) == 2
    assert store.query_parameters(resolved, {"dataset": "d", "x": 1}) == {"dataset": "d", "x": 1}


def test_split_statements() -> None:
    text = "CREATE (a {s: 'a;b'}); // one; two\n/* three; */ MATCH (n) RETURN `x;y`;\n\n// only a comment;\n"
    assert store.split_statements(text) == [
        "CREATE (a {s: 'a;b'})",
        "// one; two\n/* three; */ MATCH (n) RETURN `x;y`",
    ]
    assert len(store.load_query("schema").statements) == 17


def test_parse_parameter() -> None:
    assert parse_parameter("committee=null") == ("committee", None)
    assert parse_parameter('ids=["A", "B"]') == ("ids", ["A", "B"])
    assert parse_parameter("name=示例 区") == ("name", "示例 区")
    assert parse_parameter("id=007") == ("id", "007")
    with pytest.raises(click.BadParameter):
        parse_parameter("novalue")


# ---------------------------------------------------------------------------------------------------------
# Cypher lint: Neo4j's own language support


def _node_tools() -> tuple[str, str] | None:
    node, npm = shutil.which("node"), shutil.which("npm")
    return (node, npm) if node and npm else None


@pytest.fixture(scope="module")
def linter() -> str:
    """The node executable, with tests/cypher_lint installed (`npm ci`) if it is not yet."""
    tools = _node_tools()
    if tools is None:
        if os.environ.get("CI"):
            pytest.fail("node and npm are needed for the Cypher lint (CI is set, so it may not be skipped)")
        pytest.skip("node/npm not installed: Cypher lint skipped (install Node.js >= 20 to run it)")
    node, npm = tools
    if not (LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        done = subprocess.run(
            [npm, "ci", "--prefix", str(LINT_DIR), "--no-audit", "--no-fund"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"npm ci --prefix tests/cypher_lint failed:\n{done.stderr}"
    return node


def lint(node: str, files: list[Path], tmp_path: Path) -> list[dict[str, Any]]:
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps(store.lint_schema(files), ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [node, str(LINT_DIR / "lint.mjs"), str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report: list[dict[str, Any]] = json.loads(done.stdout)
    return report


def test_every_cypher_statement_lints_clean(linter: str, tmp_path: Path) -> None:
    report = lint(linter, CYPHER_FILES, tmp_path)
    assert [Path(r["file"]) for r in report] == CYPHER_FILES
    problems = [
        f"{Path(r['file']).relative_to(ROOT)}:{d['line']}:{d['column']}: {d['severity']}: {d['message']}"
        for r in report
        for d in r["diagnostics"]
        if d["severity"] in ("error", "warning")
    ]
    assert not problems, "\n".join(problems)
    for entry in report:
        path = Path(entry["file"])
        assert entry["statements"] == len(store.split_statements(path.read_text(encoding="utf-8"))), path
        assert entry["parameters"] == sorted(
            store.declared_parameters(path.read_text(encoding="utf-8")) or ()
        )


def test_the_linter_reports_a_broken_query(linter: str, tmp_path: Path) -> None:
    broken = tmp_path / "broken.cypher"
    broken.write_text("// Parameters: none\nMATCH (m:Membr) RETRUN m\n", encoding="utf-8")
    undeclared = tmp_path / "undeclared.cypher"
    undeclared.write_text(
        "// Parameters: $dataset\nMATCH (m:Member {dataset: $dataset, nmae: $name})\nRETURN m.id\n",
        encoding="utf-8",
    )
    report = {Path(r["file"]).name: r["diagnostics"] for r in lint(linter, [broken, undeclared], tmp_path)}
    messages = [d["message"] for d in report["broken.cypher"]]
    assert any(d["severity"] == "error" and "RETRUN" in d["message"] for d in report["broken.cypher"]), (
        messages
    )
    assert any(d["severity"] == "warning" and "Membr" in d["message"] for d in report["broken.cypher"]), (
        messages
    )
    found = {(d["severity"], d["message"].split()[0]) for d in report["undeclared.cypher"]}
    assert ("error", "Parameter") in found and ("warning", "nmae") in found, found


def test_lint_schema_is_the_model() -> None:
    schema = store.lint_schema(CYPHER_FILES[:1])
    assert schema["labels"] == ["Member", "Sector", "Township", "Organization", "Contact"]
    assert schema["relationshipTypes"] == list(store.RELATIONSHIP_TYPES)
    columns = {c for table in NODE_TABLES for c in TABLES[table].column_names}
    assert columns | {"role", "since", "note", "dataset", "seq", "committees", "counts"} == set(
        schema["propertyKeys"]
    )
    assert not {"member", "organization", "source", "target"} & set(schema["propertyKeys"])


# ---------------------------------------------------------------------------------------------------------
# the Python side of the analyses


def test_analysis_frames_have_the_embedded_columns_and_dtypes(dataset: Dataset) -> None:
    """Fed the embedded rows, `analysis_frame` gives back the embedded frame: TABLE_COLUMNS is the spec's."""
    for name, tables in store.ANALYSIS_TABLES.items():
        result = run(name, dataset, max_depth=2)
        assert list(result.tables) == list(tables)
        for table, frame in result.tables.items():
            rebuilt = store.analysis_frame(table, frame.to_dict("records"))
            assert list(rebuilt.columns) == list(frame.columns), table
            if len(frame):  # the embedded backend's empty frames may have float columns
                assert list(rebuilt.dtypes) == list(frame.dtypes), table
            assert_same_frames(rebuilt, frame, label=table)


def _counting_edges(ds: Dataset) -> list[dict[str, str]]:
    """What analyses/liaison_graph.cypher returns."""
    keep = counting_liaisons(ds)
    return [
        {"source": s, "target": t}
        for s, t, k in zip(ds.liaisons["source"], ds.liaisons["target"], keep, strict=True)
        if k
    ]


@pytest.mark.parametrize("sample_limit", [20_000, 5])
def test_connectors_betweenness_is_the_embedded_one(dataset: Dataset, sample_limit: int) -> None:
    from pbgraph.analyses.connectors import connectors

    expected = connectors(dataset, sample_limit=sample_limit, sample_size=4)
    # what analyses/connectors.cypher returns: the same members, in members table order, no betweenness
    order = {member_id: i for i, member_id in enumerate(dataset.members["id"])}
    rows = sorted(expected.drop(columns="betweenness").to_dict("records"), key=lambda r: order[r["id"]])
    frame, notes = store.connectors_frame(
        rows, _counting_edges(dataset), sample_limit=sample_limit, sample_size=4
    )
    pd.testing.assert_frame_equal(frame, expected.reset_index(drop=True), check_exact=True)
    sampled = expected.attrs.get("sampled")
    assert notes == ([f"sampled:{sampled}"] if sampled else [])


def test_league_table_sorting_is_the_embedded_one(dataset: Dataset) -> None:
    coverage = run("coverage", dataset).main
    shuffled = coverage.sample(frac=1, random_state=1).reset_index(drop=True)
    expected = league_table(dataset)
    assert_same_frames(store.sort_league(coverage), expected)
    assert sorted(store.sort_league(shuffled)["committee"]) == sorted(expected["committee"])


# ---------------------------------------------------------------------------------------------------------
# connection errors


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("scheme", ["neo4j", "bolt"])
def test_unreachable_server_is_one_clean_line(scheme: str) -> None:
    uri = f"{scheme}://127.0.0.1:{free_port()}"
    with pytest.raises(Neo4jError) as error:
        store.connect(store.Settings(uri=uri, password=PASSWORD))
    message = str(error.value)
    assert "\n" not in message and uri in message and "NEO4J_URI" in message and PASSWORD not in message


def test_settings_come_from_the_environment_and_hide_the_password() -> None:
    env = {
        "NEO4J_URI": "neo4j://user:secret@db.example:7687",
        "NEO4J_USERNAME": "analyst",
        "NEO4J_PASSWORD": PASSWORD,
        "NEO4J_DATABASE": "pbgraph",
    }
    found = store.Settings.from_env(environ=env)
    assert (found.uri, found.username, found.database, found.password) == (
        env["NEO4J_URI"],
        "analyst",
        "pbgraph",
        PASSWORD,
    )
    assert PASSWORD not in repr(found) and found.shown_uri == "neo4j://db.example:7687"
    assert store.Settings.from_env(uri="bolt://other:7687", environ=env).uri == "bolt://other:7687"
    default = store.Settings.from_env(environ={})
    assert (default.uri, default.username, default.database, default.password) == (
        store.DEFAULT_URI,
        store.DEFAULT_USERNAME,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (lambda e: e.AuthError("The client is unauthorized"), "NEO4J_PASSWORD"),
        (lambda e: e.ServiceUnavailable("no route"), "NEO4J_URI"),
        (lambda e: e.ConfigurationError("bad scheme"), "neo4j://localhost:7687"),
    ],
)
def test_driver_errors_become_one_line_with_the_fix(raised: Any, expected: str) -> None:
    import neo4j.exceptions

    settings_ = store.Settings(uri="neo4j://db:7687", username="analyst", password=PASSWORD)
    with pytest.raises(Neo4jError) as error, store._translated(settings_):
        raise raised(neo4j.exceptions)
    message = str(error.value)
    assert expected in message and "\n" not in message and PASSWORD not in message


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("Neo.ClientError.Database.DatabaseNotFound", "NEO4J_DATABASE"),
        ("Neo.ClientError.Statement.SyntaxError", "Neo.ClientError.Statement.SyntaxError: Invalid input"),
    ],
)
def test_server_errors_become_one_line(code: str, expected: str) -> None:
    import neo4j.exceptions

    raised = neo4j.exceptions.Neo4jError._hydrate_neo4j(code=code, message="Invalid input 'RETRUN'\n  ^ here")
    settings_ = store.Settings(database="nosuch", password=PASSWORD)
    with pytest.raises(Neo4jError) as error, store._translated(settings_, "mine.cypher"):
        raise raised
    assert expected in str(error.value) and "\n" not in str(error.value)


class _FakeDriver:
    def __init__(self, agent: str) -> None:
        self.agent = agent
        self.closed = False

    def verify_connectivity(self) -> None:
        pass

    def get_server_info(self) -> Any:
        return type("Info", (), {"agent": self.agent})()

    def close(self) -> None:
        self.closed = True


@pytest.mark.parametrize(
    ("agent", "too_old"), [("Neo4j/4.4.26", True), ("Neo4j/5.26.1", False), ("Neo4j/2025.05.0", False)]
)
def test_servers_older_than_5_are_refused(monkeypatch: pytest.MonkeyPatch, agent: str, too_old: bool) -> None:
    import neo4j

    fake = _FakeDriver(agent)
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", lambda *args, **kwargs: fake)
    if too_old:
        with pytest.raises(Neo4jError, match="upgrade") as error:
            store.connect(store.Settings(password=PASSWORD))
        assert "\n" not in str(error.value) and "4.4" in str(error.value)
        assert fake.closed
    else:
        with store.connect(store.Settings(password=PASSWORD)) as conn:
            assert conn.version is not None and conn.version >= (5, 0)
        assert fake.closed


# ---------------------------------------------------------------------------------------------------------
# the commands


def test_push_validates_before_connecting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "members.csv").write_text("id,name\nM1,甲\n", encoding="utf-8")
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{free_port()}")
    result = CliRunner().invoke(neo4j_group, ["push", str(broken)])
    assert result.exit_code == 2
    assert "Neo4j" not in result.output  # never got as far as connecting


def test_commands_report_an_unreachable_server_without_the_password(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    uri = f"neo4j://127.0.0.1:{free_port()}"
    monkeypatch.setenv("NEO4J_URI", uri)
    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD)
    runner = CliRunner()
    for args in (
        ["push", "data/sample"],
        ["pull", "--dataset", "sample", str(tmp_path / "out")],
        ["query", "unlinked", "--param", "dataset=sample"],
    ):
        result = runner.invoke(neo4j_group, args)
        assert result.exit_code == 1, (args, result.output)
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("Error: ") and uri in lines[0], result.output
        assert PASSWORD not in result.output
    with pytest.raises(Neo4jError, match="NEO4J_URI"):
        analyze_with_neo4j(["coverage"], "data/sample")


def test_the_password_is_no_option() -> None:
    runner = CliRunner()
    for command in ("push", "pull", "query"):
        help_text = runner.invoke(neo4j_group, [command, "--help"]).output
        assert "--password" not in help_text and "NEO4J_PASSWORD" in help_text
        assert "Example" in help_text
        result = runner.invoke(neo4j_group, [command, "x", "--password", PASSWORD])
        assert result.exit_code == 2 and "No such option" in result.output


def test_query_command_names_unknown_queries() -> None:
    result = CliRunner().invoke(neo4j_group, ["query", "nope"])
    assert result.exit_code == 1 and "unlinked" in result.output and "\n" not in result.output.strip()


# ---------------------------------------------------------------------------------------------------------
# the whole flow against a stand-in server


class FakeNeo4j(store.Connection):
    """A stand-in for a server that does what each query of cypher/ does, by the query's name: MERGE on the
    same keys as the load queries, DETACH DELETE in batches, the pull queries' rows, and the analysis queries'
    rows taken from the embedded backend. It checks the Python around the Cypher, not the Cypher."""

    def __init__(self, version: tuple[int, int] = (5, 26)) -> None:
        super().__init__(driver=None, settings=store.Settings(), version=version)
        self.nodes: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.relationships: dict[tuple[Any, ...], dict[str, Any]] = {}
        self.sent: list[tuple[str, dict[str, Any]]] = []

    def close(self) -> None:
        pass

    def run(
        self,
        query: store.CypherQuery,
        parameters: Any = None,
        *,
        write: bool = False,
    ) -> tuple[list[str], list[dict[str, Any]]]:
        params = store.query_parameters(query, parameters or {})
        self.sent.append((query.name, params))
        kind, _, what = query.name.partition("/")
        records = getattr(self, f"_{kind}")(what, params) if kind in ("load", "pull", "analyses") else []
        return (list(records[0]) if records else []), records

    def _label(self, what: str) -> str:
        return next(label for label in store.NODE_LABELS.values() if label.lower() == what)

    def _load(self, what: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        dataset = params["dataset"]
        group, _, name = what.partition("/")
        if group == "nodes":
            for row in params["rows"]:
                self.nodes.setdefault((dataset, self._label(name), row["id"]), {}).update(row["properties"])
        elif group == "relationships":
            rel_type = next(t for t in store.RELATIONSHIP_TYPES if name.upper().startswith(t))
            for row in params["rows"]:
                seq = row.get("properties", {}).get("seq")
                key = (dataset, rel_type, row["source"], row["target"], seq)
                self.relationships.setdefault(key, {}).update(row.get("properties", {}))
        elif group == "delete":
            label = self._label(name)
            doomed = [key for key in self.nodes if key[:2] == (dataset, label)][: params["batch_size"]]
            for key in doomed:
                del self.nodes[key]
                self.relationships = {
                    k: v for k, v in self.relationships.items() if not (k[0] == dataset and key[2] in k[2:4])
                }
            return [{"deleted": len(doomed)}]
        elif what == "counts":
            found = {
                label: sum(1 for k in self.nodes if k[:2] == (dataset, label))
                for label in store.NODE_LABELS.values()
            }
            found |= {
                t: sum(1 for k in self.relationships if k[:2] == (dataset, t))
                for t in store.RELATIONSHIP_TYPES
            }
            return [found]
        return []

    def _records(self, dataset: str) -> dict[str, list[dict[str, Any]]]:
        records: dict[str, list[dict[str, Any]]] = {}
        for table, label in store.NODE_LABELS.items():
            records[table] = [
                {"id": k[2], "properties": {**v, "dataset": dataset, "id": k[2]}}
                for k, v in self.nodes.items()
                if k[:2] == (dataset, label)
            ]
        for table, rel_type in store.ROW_RELATIONSHIPS.items():
            records[table] = [
                {"source": k[2], "target": k[3], "properties": v}
                for k, v in self.relationships.items()
                if k[:2] == (dataset, rel_type)
            ]
        return {table: sorted(rows, key=lambda r: r["properties"]["seq"]) for table, rows in records.items()}

    def _pull(self, what: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        if what == "exists":
            return [{"found": any(k[0] == params["dataset"] for k in self.nodes)}]
        return self._records(params["dataset"])[what]

    def _analyses(self, what: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        ds = store.dataset_from_records(self._records(params["dataset"]), name=params["dataset"])
        if what == "committees":
            return [{"id": c, "name": ds.name_of(c)} for c in ds.committees]
        if what == "liaison_graph":
            return _counting_edges(ds)
        options = {k: v for k, v in params.items() if k in ("max_load", "max_depth")}
        name = next(n for n, tables in store.ANALYSIS_TABLES.items() if what in tables)
        frame = run(name, ds, committee=params["committee"], **options).tables[what]
        if what == "connectors":
            order = {member_id: i for i, member_id in enumerate(ds.members["id"])}
            frame = frame.drop(columns="betweenness")
            return sorted(frame.to_dict("records"), key=lambda r: order[r["id"]])
        return [
            {k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()}
            for r in frame.to_dict("records")
        ]


def test_push_pull_and_replace_against_a_stand_in(sample: Dataset) -> None:
    server = FakeNeo4j()
    progress: list[tuple[int, int]] = []
    first = store.push(
        server, sample, dataset="s", batch_size=100, progress=lambda n, t: progress.append((n, t))
    )
    assert first.stored == first.pushed and not first.stale and first.deleted == 0
    assert sum(n for n, _ in progress) == progress[0][1] == sum(first.pushed.values())
    schema = [name for name, _ in server.sent if name == "schema"]
    assert len(schema) == len(store.load_query("schema").statements)
    assert store.push(server, sample, dataset="s").stored == first.stored  # again: nothing changes
    assert store.pull(server, "s").equals(sample)
    # a liaison that changed its target: left over under the old one until --replace
    liaisons = sample.liaisons.copy()
    liaisons.loc[0, "target"] = next(
        t for t in sample.members["id"] if t not in liaisons.loc[0, ["source", "target"]].tolist()
    )
    changed = dataclasses.replace(sample, liaisons=liaisons)
    merged = store.push(server, changed, dataset="s")
    assert merged.stale == {"LIAISES_WITH": 1} and "--replace" in (merged.stale_message() or "")
    with pytest.raises(Neo4jError, match="--replace"):
        store.pull(server, "s")
    replaced = store.push(server, changed, dataset="s", replace=True, batch_size=40)
    assert replaced.deleted == sum(len(getattr(sample, t)) for t in NODE_TABLES)
    assert replaced.stored == replaced.pushed and store.pull(server, "s").equals(changed)
    with pytest.raises(Neo4jError, match="push"):
        store.pull(server, "other")


def test_analyses_against_a_stand_in(sample: Dataset) -> None:
    server = FakeNeo4j()
    store.push(server, sample, dataset="s")
    for name in store.ANALYSIS_TABLES:
        for committee in (None, *sample.committees):
            expected = run(name, sample, committee=committee, max_depth=2, max_load=3)
            found = store.run_analysis(server, name, "s", committee=committee, max_depth=2, max_load=3)
            assert list(found.tables) == list(expected.tables) and found.notes == expected.notes
            for table, frame in expected.tables.items():
                assert_same_frames(found.tables[table], frame, label=table)
    sent = {name: params for name, params in server.sent if name.startswith("analyses/")}
    assert sent["analyses/reach"] == {"dataset": "s", "committee": sample.committees[-1], "max_depth": 2}
    assert sent["analyses/load"] == {"dataset": "s", "committee": sample.committees[-1], "max_load": 3}
    with pytest.raises(UnknownIdError):
        store.run_analysis(server, "unlinked", "s", committee="NOPE")
    with pytest.raises(Neo4jError, match="push"):
        store.run_analysis(server, "unlinked", "nothing")
    old = FakeNeo4j(version=(5, 20))
    store.push(old, sample, dataset="s")
    with pytest.raises(Neo4jError, match=r"5\.21"):
        store.run_analysis(old, "reach", "s")
    assert_same_frames(store.league_table(server, "s"), league_table(sample))


def test_commands_against_a_stand_in(
    monkeypatch: pytest.MonkeyPatch, sample: Dataset, tmp_path: Path
) -> None:
    server = FakeNeo4j()
    monkeypatch.setattr(store, "connect", lambda settings=None: server)
    runner = CliRunner()
    result = runner.invoke(neo4j_group, ["push", "data/sample", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Pushed dataset 'sample' to Neo4j at neo4j://localhost:7687: Member 250")
    result = runner.invoke(neo4j_group, ["pull", "--dataset", "sample", str(tmp_path / "back")])
    assert result.exit_code == 0, result.output
    assert load(tmp_path / "back").equals(sample)
    result = runner.invoke(neo4j_group, ["pull", "--dataset", "sample", str(tmp_path / "back.xlsx")])
    assert result.exit_code == 0 and load(tmp_path / "back.xlsx").equals(sample), result.output
    result = runner.invoke(neo4j_group, ["query", "unlinked", "-p", "dataset=sample", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in json.loads(result.output)] == run("unlinked", sample).main["id"].tolist()
    result = runner.invoke(neo4j_group, ["query", "unlinked", "-p", "dataset=sample", "-p", "commitee=C001"])
    assert result.exit_code == 1 and "commitee" in result.output
    result = runner.invoke(neo4j_group, ["query", "unlinked"])
    assert result.exit_code == 1 and "--param" in result.output
    tables, notes = analyze_with_neo4j(["coverage"], "data/sample", by_committee=True)
    assert list(tables) == ["league"] and notes == []
    tables, _ = analyze_with_neo4j(["load", "reach"], "data/sample/", max_depth=1)
    assert list(tables) == ["load", "fragile", "distribution", "reach", "party_groups"]
    assert_same_frames(tables["reach"], run("reach", sample, max_depth=1).main)

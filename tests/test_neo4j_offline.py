"""The Neo4j store without a server: the rows a push sends, the dataset a pull rebuilds from them, the
queries of `cypher/` (linted by Neo4j's own Cypher language support), the Python side of the analyses, and
the connection errors.

The tests named `test_plumbing_*` run against :class:`PlumbingNeo4j`, a stand-in that answers every
analysis query with the embedded backend's rows: they prove the Python around the Cypher (parameters,
transactions, ordering, the commands), never that the Cypher is right. That is proven by the Cypher lint
here, the statement-shape tests below, and the integration tests against a real server
(`tests/test_neo4j_integration.py`)."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import random
import re
import shutil
import socket
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import click
import numpy as np
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

import pbgraph.neo4j as store
from pbgraph import Dataset, UnknownIdError, load
from pbgraph._errors import Neo4jError
from pbgraph._notes import in_table_order, not_recorded_name, not_recorded_note
from pbgraph.analyses import league_table, run
from pbgraph.analyses._common import LIAISON_KEYS
from pbgraph.analyses.coverage import OVERALL_NAME
from pbgraph.cli.neo4j import analyze_with_neo4j, neo4j_group, parse_parameter
from pbgraph.graph import counting_liaisons
from pbgraph.model import (
    DUTY_LINE_KINDS,
    LIAISON_ACTIVITY_KINDS,
    MEETING_KINDS,
    MULTI_VALUE_SEPARATOR,
    NODE_TABLES,
    ORGANIZING_KINDS,
    PARTY_ORG_KINDS,
    PLATFORM_KINDS,
    TABLES,
    ActivityKind,
    LiaisonKind,
    OrgKind,
    Party,
    Role,
)
from pbgraph.neo4j.connection import _translated
from pbgraph.period import activity_days
from pbgraph.period import as_of as network_as_of
from tests.datasets import WITHOUT_SHEETS, dataset_tables, load_tables, office_without
from tests.oracle import assert_same_frames

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted(p for p in (ROOT / "tests" / "fixtures").iterdir() if p.is_dir())
LINT_DIR = ROOT / "tests" / "cypher_lint"
CYPHER_DIR = ROOT / "cypher"
CYPHER_FILES = sorted(CYPHER_DIR.rglob("*.cypher"))
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
    assert list(rows.nodes) == [*NODE_TABLES, "activities"]
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
    labels = set(store.TABLE_LABELS.values())
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
        "Activity": len(dataset.activities),
        "TOOK_PART": sum(
            len(set(filter(None, cell.split(MULTI_VALUE_SEPARATOR))))
            for cell in dataset.activities["members"]
        ),
        "HELD_BY": int((dataset.activities["organization"] != "").sum()),
        "REACHES": sum(len(found) for found in store.reaches_rows(dataset).values()),
        "Dataset": 1,
    }


def test_liaison_rows_carry_the_columns_counts_and_the_target_label(dataset: Dataset) -> None:
    rows = store.push_rows(dataset)
    label_of = {
        row["id"]: store.NODE_LABELS[table]
        for table, found in rows.nodes.items()
        if table in NODE_TABLES
        for row in found
    }
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


def test_an_unknown_query_lists_those_meant_for_people_with_the_schema() -> None:
    # `neo4j query schema` is what the README tells a new store to run first: the list names it too
    with pytest.raises(Neo4jError) as caught:
        store.load_query("no_such_query")
    listed = caught.value.message("en").split("known: ")[1].rstrip(")").split(", ")
    assert "schema" in listed and "unlinked" in listed and "member_network" in listed
    assert not any(name.startswith("load/") or "/" in name for name in listed)


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


def test_pull_is_complete_against_the_model(sample: Dataset) -> None:
    """Pull gives back every table of the model (`pbgraph.model.TABLES`) or says which it left out: every
    stored table has its load and pull queries and every column a property; a table the graph model does not
    store (yet) is named by push and pull, and a property Neo4j holds beyond the model is named too."""
    names = set(store.query_names())
    stored_tables = store.stored_tables()
    for table in TABLES:
        if table in stored_tables:
            assert f"pull/{table}" in names, table
            assert set(TABLES[table].column_names) <= set(store.property_keys()) | {
                "id",
                *store.ENDPOINT_COLUMNS.get(table, ()),
            }
        else:
            assert store.left_out_tables() and table in store.left_out_tables()
    assert store.left_out_tables() == [t for t in TABLES if t not in stored_tables] == []
    assert set(stored_tables) == set(TABLES)
    records = stored(store.push_rows(sample))
    # every table of the model comes back, activities included (the sample records them): nothing left out
    assert len(sample.activities) > 0 and store.left_out(records) == []
    # a table the graph model does not store: named, and given back empty rather than silently dropped
    partial = {table: rows for table, rows in records.items() if table != "contacts"}
    notes = store.left_out(partial)
    assert len(notes) == 1 and "contacts" in notes[0] and "\n" not in notes[0]
    assert len(store.dataset_from_records(partial, name="s").contacts) == 0
    # an attribute Neo4j holds that is no column of the model is named, not silently dropped
    records["members"][0]["properties"]["gender"] = "女"
    records["activities"][0]["properties"]["place"] = "会议室"
    assert store.left_out(records) == ["members: 属性 gender 未读回", "activities: 属性 place 未读回"]
    assert store.left_out(records, lang="en")[0] == "members: property gender not pulled"
    summary = store.PushSummary("s", {}, {}, left_out=["activities"])
    (message,) = summary.left_out_messages()
    assert "activities" in message and "\n" not in message


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
            assert (
                {"dataset", "committee"}
                <= declared
                <= {"dataset", "committee", "max_load", "max_depth"}
                | (
                    {"since", "until", "as_of", "min_meetings"}
                    if table in store.model.ACTIVITY_TABLES
                    else set()
                )
            )
    assert set(store.load_query("analyses/few_contacts").parameters or ()) == {
        "dataset",
        "committee",
        "min_contacts",
    }
    assert {f"pull/{table}" for table in TABLES} | {f"pull/{store.DATASET_RECORDS}"} <= names
    for label in store.LABELS:
        assert f"load/nodes/{label.lower()}" in names and f"load/delete/{label.lower()}" in names


def test_the_analysis_queries_spell_the_model_codes() -> None:
    """String literals in the analysis queries are the model's codes, and every list of kinds is one of the
    model's sets: the Cypher restates no rule differently."""
    codes = {str(v) for enum in (Party, OrgKind, LiaisonKind, Role, ActivityKind) for v in enum} | {
        MULTI_VALUE_SEPARATOR,
        "、",
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
    kind_sets = [
        set(ORGANIZING_KINDS),
        set(PARTY_ORG_KINDS),
        set(PLATFORM_KINDS),
        set(DUTY_LINE_KINDS),
        set(LIAISON_ACTIVITY_KINDS),
        set(MEETING_KINDS),
    ]
    for path in sorted((CYPHER_DIR / "analyses").glob("*.cypher")):
        code = re.sub(r"//[^\n]*", "", path.read_text(encoding="utf-8"))
        assert set(re.findall(r"'([^']*)'", code)) <= codes, path
        for listed in re.findall(r"\.kind IN \[([^\]]*)\]", code):
            values = set(re.findall(r"'([^']*)'", listed))
            if values:
                assert values in kind_sets, (path, values)


def _code(name: str) -> str:
    """A shipped query's text without comments, whitespace runs folded."""
    return " ".join(
        re.sub(r"//[^\n]*", "", (CYPHER_DIR / f"{name}.cypher").read_text(encoding="utf-8")).split()
    )


def test_no_null_seed_reaches_the_party_group_path_search() -> None:
    """One search per party group, from the party group node itself (bound by a MATCH, so never null) over
    the REACHES to its members: no seed list, no `[null]`, nothing unwound into the path search; a group
    without members keeps its row through the subquery's aggregation."""
    code = _code("analyses/party_groups")
    assert "[null]" not in code and "UNWIND seeds" not in code and "seed" not in code
    assert "MATCH (g:Organization {dataset: $dataset, kind: 'party_group'})" in code
    search = (
        r"CALL \(g\) \{ OPTIONAL MATCH ANY SHORTEST \(\(g\)-\[r:REACHES\]->\+\(x:Member\) (.*?)RETURN count"
    )
    assert re.search(search, code) is not None, code
    assert (
        code.count("SHORTEST") == 1 and "COUNT { (g)-[:REACHES]->(:Member) } AS party_group_members" in code
    )


def test_the_depth_bound_is_inside_the_shortest_path_search() -> None:
    """`$max_depth` bounds the search itself (a predicate of the parenthesized shortest-path pattern, on the
    number of hops), not a filter applied after the shortest paths were found; the steps are REACHES forwards
    with no predicate (one relationship type, one direction: nothing the planner has to filter per step)."""
    for name, bound in (("analyses/reach", "$max_depth"), ("analyses/party_groups", "$max_depth + 1")):
        code = _code(name)
        pattern = f"-[r:REACHES]->+(x{':Member' if 'party' in name else ''}) WHERE $max_depth IS NULL OR "
        assert f"ANY SHORTEST (({'g' if 'party' in name else 's'}){pattern}size(r) <= {bound})" in code, name
        assert "length(p)" not in code and "startNode" not in code and "LIAISES_WITH|" not in code, name


def test_the_revised_contract_in_cypher() -> None:
    """DESIGN 3/4 revised: a sector group with ANY non-CPC first convener is a gap (in sectors and in the
    coverage counts); a party group's reached members are its committee's; the party-group flag also holds
    for a membership in a party group (the loader folds the 党组 roles into `party_group`)."""
    for name in ("analyses/sectors", "analyses/coverage"):
        code = _code(name)
        assert (
            "(convener:Member)-[:MEMBER_OF {role: 'first_convener'}]->(g) WHERE convener.party <> 'CPC'"
            in code
        )
        assert "(:Member {party: 'CPC'})-[:MEMBER_OF {role: 'first_convener'}]" not in code
    flag = "m.party_group OR EXISTS { (m)-[:MEMBER_OF]->(:Organization {kind: 'party_group'}) }"
    for name in ("analyses/load", "analyses/coverage"):
        assert flag in _code(name), name
    # a party group's members: the REACHES a push stores from it (test_reaches_rows_are_the_reach_graph)
    code = _code("analyses/party_groups")
    assert "count(DISTINCT CASE WHEN g.committee IN x.committees THEN x END) AS reached_members" in code
    assert "toFloat(reached_members) / committee_members" in code


def test_no_statement_scans_every_datasets_relationships() -> None:
    """Counting starts from the dataset's nodes (its `dataset` index), never from an anonymous node (which
    scans the relationships of every dataset: the (dataset, seq) indexes cannot serve `dataset` alone)."""
    for name in ("load/counts", "queries/datasets", *(f"pull/{t}" for t in store.stored_tables())):
        assert "()-[" not in _code(name), name
    # coverage groups the gap rows once, instead of filtering every gap list once per committee row
    assert "size([gap IN" not in _code("analyses/coverage")


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
    assert len(store.load_query("schema").statements) == 20


def test_parse_parameter() -> None:
    assert parse_parameter("max_depth=null") == ("max_depth", None)
    assert parse_parameter('ids=["A", "B"]') == ("ids", ["A", "B"])
    assert parse_parameter("name=示例 区") == ("name", "示例 区")
    assert parse_parameter("id=007") == ("id", "007")
    with pytest.raises(click.BadParameter):
        parse_parameter("novalue")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # named after a text property or a shipped text parameter: text, whatever it looks like
        ("dataset=2024", ("dataset", "2024")),
        ("committee=101", ("committee", "101")),
        ("member=7", ("member", "7")),
        ("sector=true", ("sector", "true")),
        ("name=null", ("name", "null")),
        ("township=1.5", ("township", "1.5")),
        # other names: JSON when it is JSON, else text
        ("max_load=3", ("max_load", 3)),
        ("max_depth=null", ("max_depth", None)),
        ("limit=x1", ("limit", "x1")),
        ("seq=4", ("seq", 4)),
        # typed: the type wins
        ("dataset:int=2024", ("dataset", 2024)),
        ("limit:int=10", ("limit", 10)),
        ("code:str=42", ("code", "42")),
        ("ratio:float=0.5", ("ratio", 0.5)),
        ("flag:bool=yes", ("flag", True)),
        ("flag:bool=0", ("flag", False)),
        ("committee:json=null", ("committee", None)),
        ("a=b=c", ("a", "b=c")),
    ],
)
def test_parameters_named_after_text_properties_stay_text(text: str, expected: tuple[str, Any]) -> None:
    assert store.parse_parameter(text) == expected
    found = store.parse_parameter(text)[1]
    assert type(found) is type(expected[1])


@pytest.mark.parametrize(
    "text", ["novalue", "=3", "limit:int=ten", "flag:bool=maybe", "x:date=2024-01-01", "ids:json=[1"]
)
def test_bad_parameters_are_one_line(text: str) -> None:
    with pytest.raises(ValueError) as error:
        store.parse_parameter(text)
    assert "\n" not in str(error.value) and text in str(error.value)
    result = CliRunner().invoke(neo4j_group, ["query", "datasets", "--param", text])
    assert result.exit_code == 2 and "--param" in result.output


def test_every_text_column_of_the_model_is_a_text_parameter() -> None:
    for table in TABLES.values():
        for column in table.column_names:
            assert store.is_text_parameter(column) == (column != "party_group"), column
    assert not any(store.is_text_parameter(name) for name in ("max_load", "max_depth", "batch_size", "rows"))


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
    labels = ["Member", "Sector", "Township", "Organization", "Contact", "Activity", "Dataset"]
    assert schema["labels"] == labels
    assert schema["relationshipTypes"] == list(store.RELATIONSHIP_TYPES)
    columns = {c for table in (*NODE_TABLES, "activities") for c in TABLES[table].column_names}
    extra = {"role", "since", "note", "dataset", "seq", "committees", "counts", "day", "participants"}
    extra.add("not_recorded")
    assert columns | extra == set(schema["propertyKeys"])
    # the ends of a liaison or membership are its relationship's nodes, never properties
    assert not {"member", "source"} & set(schema["propertyKeys"])


# ---------------------------------------------------------------------------------------------------------
# the Python side of the analyses


def test_analysis_frames_have_the_embedded_columns_and_dtypes(dataset: Dataset) -> None:
    """Fed the embedded rows, `analysis_frame` gives back the embedded frame: TABLE_COLUMNS is the spec's."""
    for name, tables in store.ANALYSIS_TABLES.items():
        result = run(name, dataset, max_depth=2)
        assert list(result.tables) == list(tables)
        for table, frame in result.tables.items():
            if table == "coverage":
                # the 有效联系率 columns come from activity_rates (see test_plumbing_analyses)
                frame = frame.drop(
                    columns=["effectively_linked_non_party_members", "effective_rate"], errors="ignore"
                )
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
    frame, sampled = store.connectors_frame(
        rows, _counting_edges(dataset), sample_limit=sample_limit, sample_size=4
    )
    pd.testing.assert_frame_equal(frame, expected.reset_index(drop=True), check_exact=True)
    assert sampled == expected.attrs.get("sampled")


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


@pytest.mark.parametrize(
    ("template", "secrets"),
    [
        ("bolt://neo4j:pa/ss-Zq8@{host}", ["pa/ss-Zq8", "ss-Zq8"]),
        ("neo4j://neo4j:p@ss-Zq8@{host}", ["p@ss-Zq8", "ss-Zq8"]),
        ("neo4j://{host}?password=pw-Zq8-query", ["pw-Zq8-query", "password="]),
        ("bolt://analyst-Zq8:pw?x-Zq8@{host}", ["analyst-Zq8", "pw?x-Zq8", "x-Zq8"]),
        ("neo4j://only-user-Zq8@{host}/db#frag-Zq8", ["only-user-Zq8", "frag-Zq8"]),
    ],
)
def test_no_part_of_the_uri_userinfo_or_query_is_ever_printed(
    monkeypatch: pytest.MonkeyPatch, template: str, secrets: list[str]
) -> None:
    host = f"127.0.0.1:{free_port()}"
    uri = template.format(host=host)
    assert not any(secret in store.shown_uri(uri) for secret in secrets)
    assert host in store.shown_uri(uri)
    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD)
    for args in (["--uri", uri], []):
        if not args:
            monkeypatch.setenv("NEO4J_URI", uri)
        result = CliRunner().invoke(neo4j_group, ["query", "datasets", *args])
        assert result.exit_code == 1, result.output
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and host in lines[0], (result.output, repr(result.exception))
        assert not any(secret in result.output for secret in [*secrets, PASSWORD]), result.output


def test_secrets_in_driver_messages_are_scrubbed() -> None:
    import neo4j.exceptions

    settings_ = store.Settings(uri="bolt://u:pa/ss-Zq8@db:7687?k=secret-q", password=PASSWORD)
    with pytest.raises(Neo4jError) as error, _translated(settings_, "q"):
        raise neo4j.exceptions.DriverError(f"failed on {settings_.uri} with {PASSWORD}")
    message = str(error.value)
    assert "bolt://db:7687" in message
    assert not any(s in message for s in ("pa/ss-Zq8", "secret-q", PASSWORD)), message


@pytest.mark.parametrize("uri", ["http://localhost:7474", "https://db.example:7473", "localhost:7687"])
def test_a_uri_that_is_no_bolt_uri_is_one_clear_line(uri: str) -> None:
    result = CliRunner().invoke(neo4j_group, ["query", "datasets", "--uri", uri])
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert result.exit_code == 1 and len(lines) == 1, result.output
    assert "neo4j://" in lines[0] and "Traceback" not in result.output


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
    with pytest.raises(Neo4jError) as error, _translated(settings_):
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
    with pytest.raises(Neo4jError) as error, _translated(settings_, "mine.cypher"):
        raise raised
    assert expected in str(error.value) and "\n" not in str(error.value)


class _FakeResult:
    """What the driver's Result gives back: keys, records (with `.data()`), and a summary."""

    def __init__(self, rows: list[dict[str, Any]], notifications: list[Any]) -> None:
        self.rows, self.notifications = rows, notifications

    def keys(self) -> list[str]:
        return list(self.rows[0]) if self.rows else []

    def __iter__(self) -> Any:
        return iter(type("Record", (), {"data": lambda _, row=row: row})() for row in self.rows)

    def consume(self) -> Any:
        return type("Summary", (), {"summary_notifications": self.notifications})()


class _FakeDriver:
    """A stand-in for the neo4j driver (not for our code): records the sessions and transactions opened."""

    def __init__(self, agent: str, notifications: list[Any] | None = None) -> None:
        self.agent = agent
        self.closed = False
        self.config: dict[str, Any] = {}
        self.sessions: list[dict[str, Any]] = []
        self.transactions: list[tuple[str, str]] = []
        self.notifications = notifications or []

    def verify_connectivity(self) -> None:
        pass

    def get_server_info(self) -> Any:
        return type("Info", (), {"agent": self.agent})()

    def close(self) -> None:
        self.closed = True

    @contextlib.contextmanager
    def session(self, **config: Any) -> Any:
        self.sessions.append(config)
        driver = self

        class Session:
            def _run(self, mode: str, work: Any) -> Any:
                class Tx:
                    def run(self, text: str, parameters: dict[str, Any]) -> _FakeResult:
                        driver.transactions.append((mode, text))
                        return _FakeResult([{"n": 1}], driver.notifications)

                return work(Tx())

            def execute_read(self, work: Any) -> Any:
                return self._run("read", work)

            def execute_write(self, work: Any) -> Any:
                return self._run("write", work)

        yield Session()


def _fake_server(monkeypatch: pytest.MonkeyPatch, agent: str, **options: Any) -> _FakeDriver:
    import neo4j

    fake = _FakeDriver(agent, **options)

    def driver(uri: str, **config: Any) -> _FakeDriver:
        fake.config = config
        return fake

    monkeypatch.setattr(neo4j.GraphDatabase, "driver", driver)
    return fake


@pytest.mark.parametrize(
    ("agent", "too_old"),
    [
        ("Neo4j/4.4.26", True),
        ("Neo4j/5.0.0", True),
        ("Neo4j/5.20.0", True),
        ("Neo4j/5.22.0", True),
        ("Neo4j/5.23.0", False),
        ("Neo4j/5.26.1", False),
        ("Neo4j/2025.05.0", False),
    ],
)
def test_one_minimum_server_version_checked_at_connect(
    monkeypatch: pytest.MonkeyPatch, agent: str, too_old: bool
) -> None:
    """One minimum (5.23: CALL (…) {}, ANY SHORTEST for reach, COUNT {} for datasets), checked once at
    connect, so that it guards every command, `neo4j query reach` included."""
    fake = _fake_server(monkeypatch, agent)
    assert store.MINIMUM_SERVER == (5, 23)
    if too_old:
        with pytest.raises(Neo4jError, match="upgrade") as error:
            store.connect(store.Settings(password=PASSWORD))
        assert "\n" not in str(error.value) and agent.split("/")[1].rsplit(".", 1)[0] in str(error.value)
        assert fake.closed and not fake.sessions
        result = CliRunner().invoke(neo4j_group, ["query", "reach", "--param", "dataset=x"])
        assert result.exit_code == 1 and "5.23" in result.output and not fake.transactions
    else:
        with store.connect(store.Settings(password=PASSWORD)) as conn:
            assert conn.version is not None and conn.version >= store.MINIMUM_SERVER
        assert fake.closed
    # the driver never turns server notifications into Python warnings: they are collected instead
    assert fake.config.get("warn_notification_severity") == "OFF"


def test_sessions_share_bookmarks_and_notifications_are_collected(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reads after a push use its bookmarks (one bookmark manager per connection); warnings the server
    attaches to a result are kept on the connection, not raised by the driver."""
    fields = ("severity_level", "code", "title")
    warning = type("Notification", (), dict(zip(fields, ("WARNING", "Neo.Deprecated", "old"), strict=True)))
    info = type("Notification", (), dict(zip(fields, ("INFORMATION", "Neo.Info", "fyi"), strict=True)))
    fake = _fake_server(monkeypatch, "Neo4j/5.26.0", notifications=[warning(), info()])
    with store.connect(store.Settings(password=PASSWORD)) as conn:
        conn.write(store.load_query("load/nodes/member"), {"dataset": "d", "rows": []})
        conn.read(store.load_query("pull/members"), {"dataset": "d"})
        assert conn.warnings == [
            ("load/nodes/member", "Neo.Deprecated", "old"),
            ("pull/members", "Neo.Deprecated", "old"),
        ]
    managers = [session["bookmark_manager"] for session in fake.sessions]
    assert len(managers) == 2 and managers[0] is not None and managers[0] is managers[1]
    assert [mode for mode, _ in fake.transactions] == ["write", "read"]


def test_user_files_run_in_read_transactions_unless_write(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    own = tmp_path / "mine.cypher"
    own.write_text("MATCH (n:Member) DETACH DELETE n", encoding="utf-8")
    fake = _fake_server(monkeypatch, "Neo4j/5.26.0")
    runner = CliRunner()
    assert runner.invoke(neo4j_group, ["query", str(own)]).exit_code == 0
    assert runner.invoke(neo4j_group, ["query", str(own), "--write"]).exit_code == 0
    assert runner.invoke(neo4j_group, ["query", "datasets"]).exit_code == 0
    assert [mode for mode, _ in fake.transactions] == ["read", "write", "read"]


def test_shipped_names_win_over_files_of_the_current_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "datasets").write_text("MATCH (n) DETACH DELETE n", encoding="utf-8")
    (tmp_path / "unlinked.cypher").write_text("RETURN 1 AS mine", encoding="utf-8")
    assert store.resolve_query("datasets").name == "queries/datasets"
    assert store.resolve_query("datasets").shipped
    assert store.resolve_query("queries/datasets").shipped
    mine = store.resolve_query("./datasets")
    assert not mine.shipped and "DELETE" in mine.text
    assert not store.resolve_query("unlinked.cypher").shipped
    assert store.resolve_query("unlinked").name == "analyses/unlinked"
    with pytest.raises(Neo4jError, match="nothere") as error:
        store.resolve_query("./nothere.cypher")
    assert "\n" not in str(error.value)


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


class PlumbingNeo4j(store.Connection):
    """A stand-in for a server that does what each query of cypher/ does, by the query's name: MERGE on the
    same keys as the load queries, DETACH DELETE in batches, the pull queries' rows, and the analysis queries'
    rows TAKEN FROM THE EMBEDDED BACKEND. A plumbing test: it checks the Python around the Cypher, not the
    Cypher (whose text it never reads)."""

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
        return next(label for label in store.LABELS if label.lower() == what)

    def _load(self, what: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        dataset = params.get("dataset")
        group, _, name = what.partition("/")
        if group == "nodes" and self._label(name) == store.DATASET:
            # MERGE on the name, `not_recorded` SET to what is sent (removed when nothing is)
            (row,) = params["rows"]
            self.nodes[(dataset, store.DATASET, dataset)] = dict(row["properties"])
        elif group == "nodes":
            for row in params["rows"]:
                key = (dataset, self._label(name), row.get("id", row["properties"]["seq"]))
                self.nodes.setdefault(key, {}).update(row["properties"])
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
            found = {label: sum(1 for k in self.nodes if k[:2] == (dataset, label)) for label in store.LABELS}
            found |= {
                t: sum(1 for k in self.relationships if k[:2] == (dataset, t))
                for t in store.RELATIONSHIP_TYPES
            }
            return [found]
        return []

    def _records(self, dataset: str) -> dict[str, list[dict[str, Any]]]:
        records: dict[str, list[dict[str, Any]]] = {}
        for table, label in store.TABLE_LABELS.items():
            records[table] = [
                {"id": k[2], "properties": {**v, "dataset": dataset, "id": k[2]}}
                if table in NODE_TABLES
                else {"properties": {**v, "dataset": dataset}}
                for k, v in self.nodes.items()
                if k[:2] == (dataset, label)
            ]
        for table, rel_type in store.ROW_RELATIONSHIPS.items():
            records[table] = [
                {"source": k[2], "target": k[3], "properties": v}
                for k, v in self.relationships.items()
                if k[:2] == (dataset, rel_type)
            ]
        records = {
            table: sorted(rows, key=lambda r: r["properties"]["seq"]) for table, rows in records.items()
        }
        records[store.DATASET_RECORDS] = [
            {"properties": {**v, "dataset": dataset}}
            for k, v in self.nodes.items()
            if k[:2] == (dataset, store.DATASET)
        ]
        return records

    def _pull(self, what: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        if what == "exists":
            return [{"found": any(k[0] == params["dataset"] for k in self.nodes)}]
        return self._records(params["dataset"])[what]

    def _analyses(self, what: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        ds = store.dataset_from_records(self._records(params["dataset"]), name=params["dataset"])
        # the Cypher counts over the nodes and relationships stored: it knows nothing of what was not recorded
        ds = dataclasses.replace(ds, not_recorded=frozenset())
        if params.get("as_of") is not None:
            ds = network_as_of(ds, params["as_of"])
        if what == "committees":
            return [{"id": c, "name": ds.name_of(c)} for c in ds.committees]
        if what == "liaison_graph":
            return _counting_edges(ds)
        if what == "activity_span":
            days = activity_days(ds)
            days = days[~np.isnat(days)]
            return [{"activities": len(days), "latest": str(days.max()) if len(days) else None}]
        known = ("max_load", "max_depth", "since", "until", "min_meetings", "min_contacts")
        options = {k: v for k, v in params.items() if k in known}
        name = store.model.OPTIONAL_TABLES.get(what) or next(
            n for n, tables in store.ANALYSIS_TABLES.items() if what in tables
        )
        frame = run(name, ds, committee=params["committee"], **options).tables[what]
        if what == "connectors":
            order = {member_id: i for i, member_id in enumerate(ds.members["id"])}
            frame = frame.drop(columns="betweenness")
            return sorted(frame.to_dict("records"), key=lambda r: order[r["id"]])
        return [
            {k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()}
            for r in frame.to_dict("records")
        ]


def test_plumbing_push_pull_and_replace(sample: Dataset) -> None:
    """Plumbing: the order of a push's writes, idempotence, leftovers and --replace, with a stand-in."""
    server = PlumbingNeo4j()
    progress: list[tuple[int, int]] = []
    first = store.push(
        server, sample, dataset="s", batch_size=100, progress=lambda n, t: progress.append((n, t))
    )
    assert first.stored == first.pushed and not first.stale and first.deleted == 0
    assert sum(n for n, _ in progress) == progress[0][1] == sum(first.pushed.values())
    names = [name for name, _ in server.sent]
    schema = [name for name in names if name == "schema"]
    assert len(schema) == len(store.load_query("schema").statements)
    # the indexes are online before the first batch
    waited = names.index("load/await_indexes")
    assert waited == len(schema) and names[waited + 1].startswith("load/nodes/")
    assert store.push(server, sample, dataset="s").stored == first.stored  # again: nothing changes
    assert store.pull(server, "s").equals(sample)
    # a liaison that changed its target: left over under the old one until --replace
    liaisons = sample.liaisons.copy()
    liaisons.loc[0, "target"] = next(
        t for t in sample.members["id"] if t not in liaisons.loc[0, ["source", "target"]].tolist()
    )
    changed = dataclasses.replace(sample, liaisons=liaisons)
    merged = store.push(server, changed, dataset="s")
    assert merged.stale == {"LIAISES_WITH": 1, "REACHES": 1} and "--replace" in (merged.stale_message() or "")
    with pytest.raises(Neo4jError, match="--replace"):
        store.pull(server, "s")
    replaced = store.push(server, changed, dataset="s", replace=True, batch_size=40)
    # every row's node, and the dataset node
    assert replaced.deleted == sum(len(getattr(sample, t)) for t in store.TABLE_LABELS) + 1
    assert replaced.stored == replaced.pushed and store.pull(server, "s").equals(changed)
    with pytest.raises(Neo4jError, match="push"):
        store.pull(server, "other")


def test_plumbing_analyses(sample: Dataset) -> None:
    """Plumbing only: the stand-in answers each analysis query with the embedded rows, so this checks the
    parameters sent, the dtypes, ordering and betweenness done in Python, not the Cypher."""
    server = PlumbingNeo4j()
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
    assert_same_frames(store.league_table(server, "s"), league_table(sample))


def test_plumbing_commands(monkeypatch: pytest.MonkeyPatch, sample: Dataset, tmp_path: Path) -> None:
    """Plumbing: the commands' options, output and errors, with a stand-in that answers with embedded rows."""
    server = PlumbingNeo4j()
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
    # the league table's 有效联系率 is over the default period: the 12 months ending at the latest activity
    latest = max(sample.activities["date"])
    assert list(tables) == ["league"] and len(notes) == 1
    assert notes[0].startswith("注：活动统计期 ") and notes[0].endswith(f" 至 {latest}。")
    tables, _ = analyze_with_neo4j(["load", "reach"], "data/sample/", max_depth=1)
    assert list(tables) == ["load", "fragile", "distribution", "reach", "party_groups"]
    assert_same_frames(tables["reach"], run("reach", sample, max_depth=1).main)


# ---------------------------------------------------------------------------------------------------------
# a dataset that does not record some tables (DESIGN 3: "not recorded")

EVERY_KEY = frozenset({"organizations", "memberships", *LIAISON_KEYS})


@pytest.fixture(scope="module", params=[*WITHOUT_SHEETS, "sample-marked"])
def unrecorded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """Office workbooks less some sheets, and the sample marked as recording neither organizations,
    memberships nor any liaison while it holds their rows (whatever the rows, nothing of them may be told)."""
    if request.param == "sample-marked":
        return dataclasses.replace(load(ROOT / "data" / "sample"), not_recorded=EVERY_KEY)
    return office_without(request.param, tmp_path_factory.mktemp("office"))


def test_plumbing_push_and_pull_keep_what_was_not_recorded(
    monkeypatch: pytest.MonkeyPatch, unrecorded: Dataset, tmp_path: Path
) -> None:
    """The dataset node: pushed, pulled back, set anew by a push, deleted with the dataset; none (a store of
    an older pbgraph) reads as every table recorded."""
    assert unrecorded.not_recorded
    server = PlumbingNeo4j()
    summary = store.push(server, unrecorded, dataset="u")
    assert summary.stored == summary.pushed and summary.pushed["Dataset"] == 1
    back = store.pull(server, "u")
    assert back.not_recorded == unrecorded.not_recorded and back.equals(unrecorded)
    # `neo4j pull` to a folder or a workbook: loaded again, the same tables are not recorded
    monkeypatch.setattr(store, "connect", lambda settings=None: server)
    for out in (tmp_path / "back", tmp_path / "back.xlsx"):
        result = CliRunner().invoke(neo4j_group, ["pull", "--dataset", "u", str(out)])
        assert result.exit_code == 0, result.output
        assert load(out).equals(unrecorded), out.name
    # the workbook says so on its last sheet, to whoever opens it
    keys = in_table_order(unrecorded.not_recorded)
    said = [["not_recorded", "name"], *([k, not_recorded_name(k, "zh")] for k in keys)]
    sheets = openpyxl.load_workbook(tmp_path / "back.xlsx", read_only=True)
    assert sheets.sheetnames[-1] == "not_recorded"
    assert [list(r) for r in sheets["not_recorded"].iter_rows(values_only=True)] == said
    assert store.stored_not_recorded(server, "u") == unrecorded.not_recorded
    # the same rows, every table now recorded: a push (no --replace needed) says so
    whole = dataclasses.replace(unrecorded, not_recorded=frozenset())
    again = store.push(server, whole, dataset="u")
    assert not again.stale and store.pull(server, "u").not_recorded == frozenset()
    store.push(server, unrecorded, dataset="u")
    replaced = store.push(server, unrecorded, dataset="u", replace=True)
    assert replaced.deleted == sum(len(getattr(unrecorded, t)) for t in store.TABLE_LABELS) + 1
    assert store.pull(server, "u").equals(unrecorded)
    # a store pushed before the dataset node: nothing reads as not recorded
    del server.nodes[("u", store.DATASET, "u")]
    assert store.pull(server, "u").equals(whole)
    assert store.run_analysis(server, "load", "u").not_recorded == []


def test_plumbing_analyses_say_what_was_not_recorded(unrecorded: Dataset) -> None:
    """Every analysis of a dataset that does not record some tables: the tables, rows, n/a, notes and the
    tables not recorded of the embedded backend (the stand-in answers every query with the rows of the
    dataset as if it recorded every table, as the Cypher counts: the rules are applied in Python)."""
    server = PlumbingNeo4j()
    store.push(server, unrecorded, dataset="u")
    options: list[dict[str, Any]] = [{}, {"max_depth": 1, "max_load": 0, "min_contacts": 10}]
    options += [{"committee": committee} for committee in unrecorded.committees[:2]]
    for name in store.ANALYSIS_TABLES:
        for chosen in options:
            expected = run(name, unrecorded, **chosen)
            found = store.run_analysis(server, name, "u", **chosen)
            label = f"{name} {chosen}"
            assert list(found.tables) == list(expected.tables), label
            assert found.not_recorded == expected.not_recorded and found.notes == expected.notes, label
            for table, frame in expected.tables.items():
                assert_same_frames(found.tables[table], frame, label=f"{label}: {table}")
                assert found.tables[table].attrs.get("not_recorded") == frame.attrs.get("not_recorded")
    assert_same_frames(store.league_table(server, "u"), league_table(unrecorded))
    # what DESIGN 3 says, by hand: nobody's load without the member liaisons, n/a rather than 0 %
    load_result = store.run_analysis(server, "load", "u", min_contacts=10)
    coverage = store.run_analysis(server, "coverage", "u").main
    if "liaisons:member" in unrecorded.not_recorded:
        assert "liaisons:member" in load_result.not_recorded
        assert load_result.tables["load"].empty and load_result.tables["distribution"].empty
        assert coverage["work_rate"].isna().all() and coverage["unlinked"].isna().all()
        assert store.run_analysis(server, "unlinked", "u").main.empty
    if "liaisons:contact" in unrecorded.not_recorded:
        assert load_result.tables["few_contacts"].empty
    if {"organizations", "memberships"} & unrecorded.not_recorded:
        assert coverage["organization_rate"].isna().all()
        assert store.run_analysis(server, "unorganized", "u").main.empty
    if "memberships" in unrecorded.not_recorded:
        # a sector group is not "without a first convener" when nobody's memberships are recorded
        gaps = store.run_analysis(server, "sectors", "u").main
        assert not gaps["gap"].isin(["no_first_convener", "first_convener_not_cpc"]).any()


def test_plumbing_analyze_notes_what_was_not_recorded(
    monkeypatch: pytest.MonkeyPatch, unrecorded: Dataset
) -> None:
    """`pbgraph analyze --backend neo4j` notes the tables not recorded, as without --backend."""
    from pbgraph._notes import findings_notes
    from pbgraph.analyses.backend import EmbeddedBackend, analyze

    server = PlumbingNeo4j()
    store.push(server, unrecorded, dataset="u")
    monkeypatch.setattr(store, "connect", lambda settings=None: server)
    for lang in ("zh", "en"):
        tables, notes = analyze_with_neo4j(["coverage", "load"], "u", lang=lang)
        expected = analyze(EmbeddedBackend(unrecorded), ["coverage", "load"], league=False)
        assert notes == findings_notes(expected, lang)
        assert not_recorded_note(expected.not_recorded, lang) in notes
        for table, frame in expected.tables.items():
            assert_same_frames(tables[table], frame, label=table)


def test_plumbing_an_empty_league_says_why(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A league table asked of a dataset that names no committee says why it is empty (as without
    --backend)."""
    from pbgraph._notes import unranked_notes

    source = tmp_path / "名单.csv"
    source.write_text("姓名,政治面貌,界别\n张一,中共党员,教育界\n王二,民盟盟员,经济界\n", encoding="utf-8")
    roster = load(source)
    assert roster.committees == []
    server = PlumbingNeo4j()
    store.push(server, roster, dataset="r")
    monkeypatch.setattr(store, "connect", lambda settings=None: server)
    for lang in ("zh", "en"):
        tables, notes = analyze_with_neo4j(["coverage"], "r", by_committee=True, lang=lang)
        assert tables["league"].empty
        assert notes[-1] == unranked_notes(True, [], lang)[0]
        said = "注：数据集没有列出政协" if lang == "zh" else "Note: the dataset names no"
        assert notes[-1].startswith(said)
        _, notes = analyze_with_neo4j(["coverage"], "r", lang=lang)
        assert unranked_notes(True, [], lang)[0] not in notes


# ---------------------------------------------------------------------------------------------------------
# reach over REACHES, and the activities


def _bfs(adjacency: dict[str, list[str]], start: str, max_depth: int | None) -> dict[str, int]:
    """Hops from `start` to every node it reaches over `adjacency` within `max_depth` (what ANY SHORTEST with
    the depth pre-filter finds: one shortest path per reached node)."""
    hops, frontier = {start: 0}, [start]
    depth = 0
    while frontier and (max_depth is None or depth < max_depth):
        depth += 1
        following = []
        for node in frontier:
            for target in adjacency.get(node, ()):
                if target not in hops:
                    hops[target] = depth
                    following.append(target)
        frontier = following
    return hops


@pytest.mark.parametrize("max_depth", [None, 0, 1, 2])
def test_reaches_rows_are_the_reach_graph(dataset: Dataset, max_depth: int | None) -> None:
    """reach.cypher and party_groups.cypher are breadth-first searches over the REACHES a push stores (no
    predicate on the steps): searched here the same way, those rows give the embedded reach, row for row."""
    adjacency: dict[str, list[str]] = {}
    label_of: dict[str, str] = {}
    for (_, start, end), found in store.reaches_rows(dataset).items():
        for row in found:
            adjacency.setdefault(row["source"], []).append(row["target"])
            label_of[row["source"]], label_of[row["target"]] = start, end
    party = dict(zip(dataset.members["id"], dataset.members["party"], strict=True))
    expected = run("reach", dataset, max_depth=max_depth)
    for row in expected.tables["reach"].to_dict("records"):
        reached = [x for x in _bfs(adjacency, row["id"], max_depth) if x != row["id"]]
        labels = Counter(label_of[x] for x in reached)
        assert (
            labels["Member"],
            sum(1 for x in reached if label_of[x] == "Member" and party[x] == "CPC"),
            labels["Sector"],
            labels["Township"],
            labels["Contact"],
        ) == (row["members"], row["cpc_members"], row["sectors"], row["townships"], row["contacts"]), row
    committees = dict(zip(dataset.members["id"], dataset.members["committee"], strict=True))
    for row in expected.tables["party_groups"].to_dict("records"):
        seeds = [x for x in adjacency.get(row["id"], ()) if label_of[x] == "Member"]
        found = _bfs(adjacency, row["id"], None if max_depth is None else max_depth + 1)
        inside = [
            x
            for x in found
            if label_of.get(x) == "Member" and row["committee"] in committees[x].split(MULTI_VALUE_SEPARATOR)
        ]
        assert (len(seeds), len(inside)) == (row["party_group_members"], row["reached_members"]), row


def test_activity_rows(sample: Dataset) -> None:
    """One Activity node per activities row (every column, the ISO day, the listed members); TOOK_PART per
    listed member, HELD_BY per organization; the sample's activities come back exactly."""
    rows = store.push_rows(sample)
    activities = rows.nodes["activities"]
    assert len(activities) == len(sample.activities) > 0
    for seq, (row, record) in enumerate(zip(activities, sample.activities.to_dict("records"), strict=True)):
        properties = row["properties"]
        assert "id" not in row and properties["seq"] == seq
        assert {k: properties[k] for k in record} == record
        assert properties["day"] == (record["date"] + "-01" if len(record["date"]) == 7 else record["date"])
        assert properties["participants"] == record["members"].split(MULTI_VALUE_SEPARATOR)
    took_part = rows.relationships[(store.TOOK_PART, "Member", "Activity")]
    assert {(r["source"], r["target"]) for r in took_part} == {
        (member, seq)
        for seq, cell in enumerate(sample.activities["members"])
        for member in cell.split(MULTI_VALUE_SEPARATOR)
    }
    held_by = rows.relationships[(store.HELD_BY, "Activity", "Organization")]
    assert [(r["source"], r["target"]) for r in held_by] == [
        (seq, org) for seq, org in enumerate(sample.activities["organization"]) if org
    ]
    back = store.dataset_from_records(stored(rows), name="s")
    assert_same_frames(back.activities, sample.activities, label="activities")
    # a month-only date is read as the month's first day, as the embedded backend reads it
    month = dataclasses.replace(sample, activities=sample.activities.assign(date="2025-03"))
    assert {r["properties"]["day"] for r in store.push_rows(month).nodes["activities"]} == {"2025-03-01"}


def test_quantifiers_take_no_parameters(linter: str, tmp_path: Path) -> None:
    """Why the depth bound of reach is a predicate of the shortest-path pattern, not its quantifier: Cypher's
    `{m,n}` takes integer literals only (documented in reach.cypher and cypher/README.md)."""
    query = tmp_path / "bound.cypher"
    query.write_text(
        "// Parameters: $max_depth\nMATCH ANY SHORTEST (s:Member)-[:REACHES]->{1,$max_depth}(x)\nRETURN x\n",
        encoding="utf-8",
    )
    (report,) = lint(linter, [query], tmp_path)
    assert any(d["severity"] == "error" and "integer" in d["message"] for d in report["diagnostics"]), report


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("since=2024", ("since", "2024")),
        ("as_of=2024-06-30", ("as_of", "2024-06-30")),
        ("until=2025", ("until", "2025")),
    ],
)
def test_period_parameters_stay_text(text: str, expected: tuple[str, Any]) -> None:
    assert parse_parameter(text) == expected


def test_plumbing_activity_analyses_as_of(sample: Dataset) -> None:
    """Plumbing: the period computed from the latest activity as of a date, passed as ISO days; `--as-of`
    refused (one line) for an analysis whose Cypher does not take it; `few_contacts` with `min_contacts`."""
    server = PlumbingNeo4j()
    store.push(server, sample, dataset="s")
    for as_of in ("2025-06-30", "2025-03", "1990-01-01"):
        shifted = network_as_of(sample, as_of)
        for name in ("dormant", "org_life"):
            expected = run(name, shifted, min_meetings=2)
            found = store.run_analysis(server, name, "s", as_of=as_of, min_meetings=2)
            assert found.notes == expected.notes, (name, as_of)
            for table, frame in expected.tables.items():
                assert_same_frames(found.tables[table], frame, label=f"{table} as of {as_of}")
    sent = [params for name, params in server.sent if name == "analyses/dormant"]
    assert sent[0]["as_of"] == "2025-06-30" and sent[1]["as_of"] == "2025-03-31"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", sent[0]["since"]) and re.fullmatch(
        r"\d{4}-\d\d-\d\d", sent[0]["until"]
    )
    with pytest.raises(Neo4jError, match="--as-of") as error:
        store.run_analysis(server, "coverage", "s", as_of="2025-06-30")
    assert "\n" not in str(error.value)
    found = store.run_analysis(server, "load", "s", min_contacts=10)
    assert list(found.tables) == ["load", "fragile", "distribution", "few_contacts"]
    assert_same_frames(
        found.tables["few_contacts"], run("load", sample, min_contacts=10).tables["few_contacts"]
    )
    monkey = pytest.MonkeyPatch()
    monkey.setattr(store, "connect", lambda settings=None: server)
    try:
        result = CliRunner().invoke(
            click.Group(commands={"analyze": _analyze_command()}),
            [
                "analyze",
                "dormant",
                "data/sample",
                "--backend",
                "neo4j",
                "--dataset",
                "s",
                "--as-of",
                "2025-06-30",
                "--format",
                "csv",
                "--lang",
                "en",
            ],
        )
    finally:
        monkey.undo()
    assert result.exit_code == 0, result.output
    expected_rows = run("dormant", network_as_of(sample, "2025-06-30")).main
    # the first table of the output (after its "# title" line, up to the next one)
    first = result.stdout.split("\n#", 1)[0].split("\n", 1)[1]
    assert pd.read_csv(io.StringIO(first), dtype=str)["source"].tolist() == expected_rows["source"].tolist()
    assert "2024-07-01" in result.stderr and "2025-06-30" in result.stderr


def _analyze_command() -> click.Command:
    from pbgraph.cli.analyze import analyze

    return analyze


def test_the_activity_queries_evaluate_the_network_as_of_a_date() -> None:
    """Every activity query leaves out activities after `$as_of`, and those that read liaisons leave out the
    liaisons whose `since` is later (as `pbgraph.period.as_of` does); periods compare ISO days (`day`)."""
    since_filter = "$as_of IS NULL OR r.since = '' OR r.since <= $as_of"
    for table in sorted(store.model.ACTIVITY_TABLES):
        code = _code(f"analyses/{table}")
        activities = code.count("(a:Activity)")
        assert activities and code.count("($as_of IS NULL OR a.day <= $as_of)") == activities, table
        assert code.count("a.day <= $until") == activities and "a.date" not in code, table
        liaisons = code.count("[r:LIAISES_WITH")
        assert code.count(since_filter) == liaisons, table
    assert "($as_of IS NULL OR a.day <= $as_of)" in _code("analyses/activity_span")

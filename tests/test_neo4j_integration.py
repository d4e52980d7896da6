"""Against a real Neo4j (`NEO4J_URI`, `NEO4J_USERNAME`, `NEO4J_PASSWORD`, `NEO4J_DATABASE`): push, pull,
idempotence, leftovers and --replace, two datasets side by side, and every analysis in Cypher against the
embedded backend on the sample, the fixtures, random datasets and a generated city.

Skipped without `NEO4J_URI`; `.github/workflows/neo4j.yml` runs them with a `neo4j:5` service container.
Every dataset is pushed under a name unique to this run and deleted afterwards.
"""

from __future__ import annotations

import dataclasses
import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pbgraph.neo4j as store
from pbgraph import Dataset, UnknownIdError, load
from pbgraph._errors import Neo4jError
from pbgraph._notes import activity_notes, findings_notes, not_recorded_note
from pbgraph.analyses import ANALYSES, league_table, run
from pbgraph.analyses._common import LIAISON_KEYS
from pbgraph.analyses.backend import EmbeddedBackend, analyze
from pbgraph.cli.neo4j import analyze_with_neo4j, neo4j_group
from pbgraph.period import as_of as network_as_of
from tests.datasets import WITHOUT_SHEETS, dataset_tables, load_tables, office_without
from tests.oracle import assert_same_frames

pytestmark = [
    pytest.mark.neo4j,
    pytest.mark.skipif(
        not os.environ.get(store.ENV_URI), reason="NEO4J_URI not set: Neo4j integration tests skipped"
    ),
]

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted(p.name for p in (ROOT / "tests" / "fixtures").iterdir() if p.is_dir())
RUN = uuid.uuid4().hex[:8]
SLOW_DATA = [
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.large_base_example,
    HealthCheck.function_scoped_fixture,
]


def unique(label: str) -> str:
    return f"pbgraph-test-{RUN}-{label}"


@pytest.fixture(scope="module")
def conn() -> Iterator[store.Connection]:
    with store.connect() as connection:
        yield connection
        # the server attached no warning (deprecated syntax, unknown label or property …) to any statement
        assert connection.warnings == []


@pytest.fixture(scope="module")
def pushed(conn: store.Connection) -> Iterator[dict[str, str]]:
    """Dataset names pushed by this module (deleted at its end)."""
    names: dict[str, str] = {}
    yield names
    for name in names.values():
        store.delete_dataset(conn, name)


def push_once(conn: store.Connection, pushed: dict[str, str], label: str, ds: Dataset) -> str:
    """Push `ds` under a name of this run, once per module."""
    if label not in pushed:
        name = unique(label)
        summary = store.push(conn, ds, dataset=name, replace=True, batch_size=1_000)
        assert summary.stored == summary.pushed and not summary.stale
        pushed[label] = name
    return pushed[label]


def dataset_of(label: str, tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    if label == "sample":
        return load(ROOT / "data" / "sample")
    if label == "sample-marked":
        # the sample holding every row, marked as recording neither organizations, memberships nor liaisons
        keys = {"organizations", "memberships", *LIAISON_KEYS}
        return dataclasses.replace(load(ROOT / "data" / "sample"), not_recorded=frozenset(keys))
    if label in WITHOUT_SHEETS:
        return office_without(label, tmp_path_factory.mktemp("office"))
    if label == "city":
        from pbgraph.generate import generate

        folder = tmp_path_factory.mktemp("city")
        generate("city", folder, seed=1)
        return load(folder)
    return load(ROOT / "tests" / "fixtures" / label)


@pytest.fixture(scope="module", params=["sample", *FIXTURES, "city", *WITHOUT_SHEETS, "sample-marked"])
def case(
    request: pytest.FixtureRequest,
    conn: store.Connection,
    pushed: dict[str, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Dataset, str]:
    """A dataset and the name it was pushed under (office workbooks less some sheets, and the sample marked,
    do not record some tables: DESIGN 3)."""
    ds = dataset_of(request.param, tmp_path_factory)
    return ds, push_once(conn, pushed, request.param, ds)


def assert_same_result(conn: store.Connection, ds: Dataset, name: str, dataset: str, **options: Any) -> None:
    expected = run(name, ds, **options)
    found = store.run_analysis(conn, name, dataset, **options)
    assert list(found.tables) == list(expected.tables)
    for table, frame in expected.tables.items():
        label = f"{name}/{table} on {ds.name} {options}"
        if table == "connectors":
            # the same algorithm on the same graph: equal to the last bit, so the order is the same too
            pd.testing.assert_frame_equal(
                found.tables[table],
                frame.reset_index(drop=True),
                check_exact=True,
                check_dtype=False,
                obj=label,
            )
        else:
            assert_same_frames(found.tables[table], frame, label=label)
        assert found.tables[table].attrs.get("not_recorded") == frame.attrs.get("not_recorded"), label
    assert found.notes == expected.notes
    assert found.not_recorded == expected.not_recorded


# ---------------------------------------------------------------------------------------------------------
# push and pull


def test_the_server_is_new_enough(conn: store.Connection) -> None:
    assert conn.version is None or conn.version >= store.MINIMUM_SERVER


def test_pull_gives_back_the_pushed_dataset(conn: store.Connection, case: tuple[Dataset, str]) -> None:
    ds, name = case
    back = store.pull(conn, name)
    assert back.equals(ds)
    assert back.name == name


def test_pushing_again_changes_nothing(
    conn: store.Connection, tmp_path_factory: pytest.TempPathFactory
) -> None:
    ds = dataset_of("sample", tmp_path_factory)
    name = unique("twice")
    try:
        first = store.push(conn, ds, dataset=name, batch_size=100)
        second = store.push(conn, ds, dataset=name, batch_size=333)
        assert first.stored == second.stored == first.pushed
        assert not second.stale and second.stale_message() is None
        assert store.stored_counts(conn, name) == first.pushed
        assert store.pull(conn, name).equals(ds)
    finally:
        store.delete_dataset(conn, name)


def test_leftovers_are_reported_and_replace_clears_them(
    conn: store.Connection, tmp_path_factory: pytest.TempPathFactory
) -> None:
    ds = dataset_of("sample", tmp_path_factory)
    liaisons = ds.liaisons.copy()
    members = ds.members["id"].tolist()
    row = int((liaisons["kind"] == "member").to_numpy().argmax())
    liaisons.loc[row, "target"] = next(
        m for m in members if m not in (liaisons.at[row, "source"], liaisons.at[row, "target"])
    )
    changed = dataclasses.replace(ds, liaisons=liaisons)
    name = unique("changed")
    try:
        store.push(conn, ds, dataset=name)
        merged = store.push(conn, changed, dataset=name)
        # the liaison's row under its old target, and the REACHES hop it made (unless another makes it)
        assert merged.stale["LIAISES_WITH"] == 1 and set(merged.stale) <= {"LIAISES_WITH", "REACHES"}
        message = merged.stale_message()
        assert message is not None and "--replace" in message and "\n" not in message
        with pytest.raises(Neo4jError, match="--replace"):
            store.pull(conn, name)
        replaced = store.push(conn, changed, dataset=name, replace=True)
        # every row's node, and the dataset node
        assert replaced.deleted == sum(len(getattr(ds, t)) for t in store.TABLE_LABELS) + 1
        assert replaced.stored == replaced.pushed
        assert store.pull(conn, name).equals(changed)
    finally:
        store.delete_dataset(conn, name)


def test_the_dataset_node_keeps_what_was_not_recorded(
    conn: store.Connection, tmp_path_factory: pytest.TempPathFactory
) -> None:
    ds = dataset_of("office-no-member-or-contact-lists", tmp_path_factory)
    whole = dataclasses.replace(ds, not_recorded=frozenset())
    name = unique("not-recorded")
    try:
        summary = store.push(conn, ds, dataset=name)
        assert summary.stored == summary.pushed and summary.stored["Dataset"] == 1
        assert store.pull(conn, name).not_recorded == {"liaisons:member", "liaisons:contact"}
        # `neo4j pull` to a folder or a workbook: loaded again, the same kinds of liaison are not recorded
        pulled = tmp_path_factory.mktemp("pulled")
        for out in (pulled / "back", pulled / "back.xlsx"):
            result = CliRunner().invoke(neo4j_group, ["pull", "--dataset", name, str(out)])
            assert result.exit_code == 0, result.output
            assert load(out).equals(ds), out.name
        # what the database holds says it, in table order (the kinds of liaison in their order)
        held = store.run_query(conn, "datasets").set_index("dataset")
        assert held.at[name, "not_recorded"] == "liaisons:member;liaisons:contact"
        # pushed again recording every table: said by the push itself, no --replace needed
        again = store.push(conn, whole, dataset=name)
        assert not again.stale and store.pull(conn, name).equals(whole)
        store.push(conn, ds, dataset=name)
        assert store.pull(conn, name).equals(ds)
        # a store pushed by a pbgraph without the dataset node: every table reads as recorded
        conn.write(
            store.CypherQuery("drop", "MATCH (n:Dataset {dataset: $dataset}) DELETE n", ("dataset",)),
            {"dataset": name},
        )
        assert store.pull(conn, name).equals(whole)
        assert store.run_analysis(conn, "load", name).not_recorded == []
        store.push(conn, ds, dataset=name)
        assert store.delete_dataset(conn, name) == sum(len(getattr(ds, t)) for t in store.TABLE_LABELS) + 1
        assert store.stored_counts(conn, name)["Dataset"] == 0
    finally:
        store.delete_dataset(conn, name)


def test_two_datasets_live_side_by_side(
    conn: store.Connection, pushed: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    sample = dataset_of("sample", tmp_path_factory)
    # the same ids under another name, with other names: neither dataset sees the other
    renamed = dataclasses.replace(sample, members=sample.members.assign(name=sample.members["name"] + "乙"))
    first = push_once(conn, pushed, "sample", sample)
    second = push_once(conn, pushed, "sample-renamed", renamed)
    assert store.pull(conn, first).equals(sample)
    assert store.pull(conn, second).equals(renamed)
    assert store.stored_counts(conn, first) == store.stored_counts(conn, second)


def test_the_schema_is_in_place(conn: store.Connection) -> None:
    assert store.apply_schema(conn) == len(store.load_query("schema").statements)
    show = store.CypherQuery("show", "SHOW CONSTRAINTS YIELD name RETURN name", ())
    names = {row["name"] for row in conn.read(show)}
    assert {f"pbgraph_{label.lower()}_key" for label in store.LABELS} <= names


# ---------------------------------------------------------------------------------------------------------
# the analyses


@pytest.mark.parametrize("name", ANALYSES)
def test_every_analysis_in_cypher_is_the_embedded_one(
    conn: store.Connection, case: tuple[Dataset, str], name: str
) -> None:
    ds, dataset = case
    assert_same_result(conn, ds, name, dataset)
    committees = ds.committees if len(ds.committees) <= 6 else ds.committees[:2] + ds.committees[-1:]
    for committee in committees:
        assert_same_result(conn, ds, name, dataset, committee=committee)
    if name == "reach":
        for depth in (1, 2, 3):
            assert_same_result(conn, ds, name, dataset, max_depth=depth)
    if name in ("coverage", "load"):
        for max_load in (0, 2):
            assert_same_result(conn, ds, name, dataset, max_load=max_load)
    if name == "load":
        assert_same_result(conn, ds, name, dataset, min_contacts=10)
    if name in ("dormant", "org_life", "coverage"):
        # the period at its boundaries: given, a month, one day
        for since, until in (
            ("2024-01-01", "2024-12-31"),
            ("2025-03", "2025-03"),
            ("2025-06-30", "2025-06-30"),
        ):
            assert_same_result(conn, ds, name, dataset, since=since, until=until)
    if name in ("dormant", "org_life"):
        if name == "org_life":
            assert_same_result(conn, ds, name, dataset, min_meetings=3)
        # the network as it stood on a date: later liaisons and activities left out, the period ending there
        for as_of in ("2025-06-30", "2024-12", "1990-01-01"):
            expected = run(name, network_as_of(ds, as_of))
            found = store.run_analysis(conn, name, dataset, as_of=as_of)
            assert found.notes == expected.notes
            for table, frame in expected.tables.items():
                assert_same_frames(found.tables[table], frame, label=f"{name}/{table} as of {as_of}")


def test_league_table(conn: store.Connection, case: tuple[Dataset, str]) -> None:
    ds, dataset = case
    assert_same_frames(store.league_table(conn, dataset), league_table(ds))


@settings(max_examples=12, deadline=None, suppress_health_check=SLOW_DATA)
@given(tables=dataset_tables(), max_depth=st.sampled_from([None, 1, 2]), data=st.data())
def test_random_datasets(
    conn: store.Connection, tables: dict[str, pd.DataFrame], max_depth: int | None, data: st.DataObject
) -> None:
    ds = load_tables(tables)
    name = unique(f"random-{uuid.uuid4().hex[:6]}")
    try:
        store.push(conn, ds, dataset=name, batch_size=7)
        assert store.pull(conn, name).equals(ds)
        committee = data.draw(st.sampled_from([None, *ds.committees]), label="committee")
        for analysis in ANALYSES:
            options: dict[str, Any] = {"committee": committee}
            if analysis == "reach":
                options["max_depth"] = max_depth
            assert_same_result(conn, ds, analysis, name, **options)
    finally:
        store.delete_dataset(conn, name)


def test_unknown_dataset_and_committee(conn: store.Connection, case: tuple[Dataset, str]) -> None:
    _, dataset = case
    with pytest.raises(Neo4jError, match="push"):
        store.run_analysis(conn, "coverage", unique("nothing-here"))
    with pytest.raises(Neo4jError, match="push"):
        store.pull(conn, unique("nothing-here"))
    with pytest.raises(UnknownIdError):
        store.run_analysis(conn, "unlinked", dataset, committee="NO-SUCH-COMMITTEE")


# ---------------------------------------------------------------------------------------------------------
# the commands


def test_analyze_with_neo4j_prints_what_the_embedded_backend_prints(
    conn: store.Connection,
    pushed: dict[str, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    ds = dataset_of("sample", tmp_path_factory)
    name = push_once(conn, pushed, "sample", ds)
    tables, notes = analyze_with_neo4j(ANALYSES, "data/sample", by_committee=True, dataset=name)
    assert next(iter(tables)) == "league"
    assert_same_frames(tables["league"], league_table(ds))
    for analysis in ANALYSES:
        for table, frame in run(analysis, ds).tables.items():
            assert_same_frames(tables[table], frame, label=table)
    # the period the activity analyses (and coverage's 有效联系率) looked at, said once
    assert notes == activity_notes(run("dormant", ds).notes, "zh") and len(notes) == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_analyze_with_neo4j_notes_what_was_not_recorded(
    conn: store.Connection, pushed: dict[str, str], tmp_path_factory: pytest.TempPathFactory, lang: str
) -> None:
    label = "office-no-memberships-member-or-township-lists"
    ds = dataset_of(label, tmp_path_factory)
    name = push_once(conn, pushed, label, ds)
    tables, notes = analyze_with_neo4j(ANALYSES, label, dataset=name, min_contacts=10, lang=lang)
    expected = analyze(EmbeddedBackend(ds), ANALYSES, league=False, min_contacts=10)
    assert notes == findings_notes(expected, lang)
    assert not_recorded_note(expected.not_recorded, lang) in notes
    for table, frame in expected.tables.items():
        assert_same_frames(tables[table], frame, label=table)


def test_commands(conn: store.Connection, tmp_path: Path) -> None:
    name = unique("cli")
    runner = CliRunner()
    try:
        result = runner.invoke(neo4j_group, ["push", "data/sample", "--dataset", name, "--lang", "en"])
        assert result.exit_code == 0, result.output
        assert f"Pushed dataset {name!r}" in result.output
        again = runner.invoke(neo4j_group, ["push", "data/sample", "--dataset", name])
        assert again.exit_code == 0 and "警告" not in again.output
        out = tmp_path / "pulled"
        result = runner.invoke(neo4j_group, ["pull", "--dataset", name, str(out)])
        assert result.exit_code == 0, result.output
        assert load(out).equals(load("data/sample"))
        result = runner.invoke(
            neo4j_group, ["query", "unlinked", "--param", f"dataset={name}", "--format", "json"]
        )
        assert result.exit_code == 0, result.output
        expected = run("unlinked", load("data/sample")).main
        assert [row["id"] for row in json.loads(result.output)] == expected["id"].tolist()
        result = runner.invoke(neo4j_group, ["query", "datasets", "--format", "json"])
        assert result.exit_code == 0 and name in result.output
        # every example query of cypher/queries/ runs
        for query in sorted(n for n in store.query_names() if n.startswith("queries/")):
            params = (
                ["--param", f"dataset={name}"]
                if "dataset" in (store.load_query(query).parameters or ())
                else []
            )
            if query.endswith("member_network"):
                params += ["--param", f"member={expected['id'].iat[0]}"]
            result = runner.invoke(neo4j_group, ["query", query, *params, "--format", "json"])
            assert result.exit_code == 0, (query, result.output)
        own = tmp_path / "mine.cypher"
        own.write_text("MATCH (m:Member {dataset: $dataset}) RETURN count(m) AS members", encoding="utf-8")
        result = runner.invoke(
            neo4j_group, ["query", str(own), "--param", f"dataset={name}", "--format", "json"]
        )
        assert result.exit_code == 0 and json.loads(result.output) == [{"members": 250}], result.output
    finally:
        store.delete_dataset(conn, name)


def test_wrong_password_is_one_clean_line() -> None:
    wrong = "wrong-" + uuid.uuid4().hex
    settings_ = dataclasses.replace(store.Settings.from_env(), password=wrong)
    with pytest.raises(Neo4jError, match="NEO4J_PASSWORD") as error:
        store.connect(settings_)
    assert wrong not in str(error.value) and "\n" not in str(error.value)


def test_unknown_database_is_one_clean_line() -> None:
    settings_ = store.Settings.from_env(database="nosuchdatabase" + RUN)
    with pytest.raises(Neo4jError, match="NEO4J_DATABASE") as error, store.connect(settings_) as connection:
        store.stored_counts(connection, "x")
    assert "\n" not in str(error.value)


# ---------------------------------------------------------------------------------------------------------
# the revised contract (DESIGN 3 and 4), hand-computed, on the shapes the embedded backend may not cover yet

REVISED = {
    "members": pd.DataFrame(
        {
            "id": ["M1", "M2", "M3", "M4"],
            "name": ["甲", "乙", "丙", "丁"],
            "party": ["CPC", "RCCK", "CPC", "CDL"],
            "committee": ["C1", "C1", "C2", "C2"],
            "party_group": ["是", "否", "否", "否"],
        }
    ),
    "organizations": pd.DataFrame(
        {
            "id": ["C1", "C2", "G1", "PG1"],
            "name": ["甲区政协", "乙区政协", "第一联组", "甲区政协党组"],
            "kind": ["committee", "committee", "sector_group", "party_group"],
            "committee": ["", "", "C1", "C1"],
        }
    ),
    "sectors": pd.DataFrame({"id": ["S1"], "name": ["经济界"], "group": ["G1"], "committee": ["C1"]}),
    "townships": pd.DataFrame({"id": ["T1"], "name": ["东街道"], "committee": ["C1"]}),
    "contacts": pd.DataFrame({"id": [], "name": []}),
    # two first conveners of G1, one of them not CPC; M3 (of C2) is a member of C1's party group
    "memberships": pd.DataFrame(
        {
            "member": ["M1", "M2", "M3"],
            "organization": ["G1", "G1", "PG1"],
            "role": ["第一召集人", "第一召集人", "成员"],
        }
    ),
    "liaisons": pd.DataFrame({"source": ["M1", "M3"], "target": ["M2", "M4"], "kind": ["member", "member"]}),
}


def test_the_revised_contract_by_hand(conn: store.Connection, pushed: dict[str, str]) -> None:
    ds = load_tables(REVISED)
    name = push_once(conn, pushed, "revised", ds)
    sectors = store.run_analysis(conn, "sectors", name).main
    assert sectors[["id", "kind", "gap"]].values.tolist() == [
        ["S1", "sector", "no_liaison"],
        ["G1", "sector_group", "no_liaison"],
        ["G1", "sector_group", "first_convener_not_cpc"],
    ]
    coverage = store.run_analysis(conn, "coverage", name).main
    assert coverage.set_index("committee").loc["C1", "sector_gaps"] == 3
    # PG1: M1 (flagged, of C1) and M3 (a member of PG1, of C2); they reach M2 and M4; only M1 and M2 are C1's
    groups = store.run_analysis(conn, "reach", name).tables["party_groups"]
    assert groups[["id", "party_group_members", "reached_members", "committee_members"]].values.tolist() == [
        ["PG1", 2, 2, 2]
    ]
    assert groups["share"].tolist() == [1.0]
    # M3 is a party-group member by membership: not idle although it is CPC (it does liaise anyway)
    load = store.run_analysis(conn, "load", name).main.set_index("id")
    assert bool(load.loc["M3", "party_group"]) and bool(load.loc["M1", "party_group"])

"""A canonical dataset that leaves tables out (DESIGN 3: only `members` is required): what needs a table
the dataset does not give says "not recorded" instead of reporting every entity as a gap. Expected answers
from the fixture of `tests.broken.base` (M1, M2 CPC; N1, N2 non-party; M1 in the party group PG1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pbgraph.analyses import Result, run_all
from tests.broken import Sheet, base, dataset, load_ok

MEMBER_LIAISONS = ["liaisons:member"]
EVERY_LIAISON = ["liaisons:sector", "liaisons:member", "liaisons:township", "liaisons:contact"]


@pytest.fixture(scope="module")
def roster_alone(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    folder = dataset(tmp_path_factory.mktemp("roster"), {"members": base()["members"]})
    return run_all(load_ok(folder))


@pytest.fixture(scope="module")
def no_liaisons(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    tables = base()
    del tables["liaisons"]
    return run_all(load_ok(dataset(tmp_path_factory.mktemp("no-liaisons"), tables)))


def _noted(result: Result, table: str) -> list[str]:
    return list(result.tables[table].attrs.get("not_recorded", []))


@pytest.mark.parametrize("results", ["roster_alone", "no_liaisons"])
def test_load_is_not_told_without_member_liaisons(results: str, request: pytest.FixtureRequest) -> None:
    found: dict[str, Result] = request.getfixturevalue(results)
    # not M1 and M2 with a load of 0, M2 "idle": nobody's load can be told
    for table in ("load", "fragile", "distribution"):
        assert found["load"].tables[table].empty, table
        assert _noted(found["load"], table) == MEMBER_LIAISONS, table
    assert found["load"].not_recorded == MEMBER_LIAISONS


def test_connectors_and_reach_say_which_liaisons_they_could_not_follow(
    roster_alone: dict[str, Result], no_liaisons: dict[str, Result]
) -> None:
    for found in (roster_alone, no_liaisons):
        assert found["connectors"].main.empty
        assert found["connectors"].not_recorded == ["liaisons:member", "liaisons:sector", "liaisons:township"]
        assert found["reach"].tables["reach"].empty
        assert sorted(_noted(found["reach"], "reach")) == sorted(EVERY_LIAISON)
    # the party group PG1 is recorded: it reaches its one member M1, of the committee's 4
    groups = no_liaisons["reach"].tables["party_groups"]
    assert groups[["id", "party_group_members", "reached_members", "committee_members"]].values.tolist() == [
        ["PG1", 1, 1, 4]
    ]
    assert sorted(_noted(no_liaisons["reach"], "party_groups")) == sorted(EVERY_LIAISON)
    # with no organizations there is no party group to list, and that is said too
    assert roster_alone["reach"].tables["party_groups"].empty
    assert "organizations" in _noted(roster_alone["reach"], "party_groups")


def test_a_recorded_empty_liaisons_table_still_counts_every_load(tmp_path: Path) -> None:
    tables = base()
    tables["liaisons"].rows.clear()
    found = run_all(load_ok(dataset(tmp_path, tables)))
    # recorded and empty: M1 (party group) and M2 carry 0, M2 is idle (M1 is not: a party-group member)
    assert found["load"].main[["id", "load", "idle"]].values.tolist() == [["M1", 0, False], ["M2", 0, True]]
    assert found["load"].not_recorded == []


def test_validate_says_what_the_dataset_leaves_out(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pbgraph.cli import main

    folder = dataset(tmp_path, {"members": base()["members"]})
    found = CliRunner().invoke(main, ["validate", str(folder), "--no-cache", "--lang", "en"])
    assert found.exit_code == 0
    assert found.output.splitlines() == [
        "Note: not recorded: organizations, memberships, sector liaisons (联系界别), "
        "member liaisons (联系党外委员), township liaisons (联系镇街), contact liaisons (联系群众); "
        "what depends on them is n/a or not listed.",
        "Dataset is valid: 4 members, 0 warning(s).",
    ]


def test_plan_proposes_no_liaison_whose_gaps_it_cannot_see(tmp_path: Path) -> None:
    from pbgraph.planning import plan

    # a roster alone: N1 and N2 are not known to be unlinked, so nobody is given a liaison for them
    alone = plan(load_ok(dataset(tmp_path / "roster", {"members": base()["members"]})))
    assert alone.liaisons.empty and alone.unplaced.empty
    assert alone.not_recorded == ["liaisons:member", "liaisons:sector", "liaisons:township"]
    # the member liaisons recorded (N1 liaised by M2, N2 by nobody): N2 is planned, as with every table
    tables = base()
    tables["liaisons"].rows = [["M2", "N1", "member", "", ""]]
    some = plan(load_ok(dataset(tmp_path / "list", tables)), max_load=5)
    assert some.liaisons.query("kind == 'member'")["target"].tolist() == ["N2"]
    assert some.not_recorded == []


def test_plan_says_what_it_could_not_plan(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pbgraph.cli import main

    folder = dataset(tmp_path, {"members": base()["members"]})
    found = CliRunner().invoke(main, ["plan", str(folder), "--no-cache", "--format", "json"])
    assert found.exit_code == 0
    assert json.loads(found.stdout) == {"plan": [], "unplaced": []}
    assert "未提供党员委员联系党外委员、党组成员联系界别、党员委员联系镇街" in found.stderr


def _sheet_rows(path: Path, title: str) -> list[list[object]]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        assert title in workbook.sheetnames, workbook.sheetnames
        return [list(row) for row in workbook[title].iter_rows(values_only=True)]
    finally:
        workbook.close()


@pytest.mark.parametrize(
    "command",
    [
        ["analyze", "unlinked", "{folder}", "--format", "xlsx", "-o", "{out}"],
        ["plan", "{folder}", "--format", "xlsx", "-o", "{out}"],
        ["export", "{folder}", "--to", "xlsx", "-o", "{out}"],
    ],
    ids=["analyze", "plan", "export"],
)
def test_a_workbook_says_what_was_not_recorded(tmp_path: Path, command: list[str]) -> None:
    from click.testing import CliRunner

    from pbgraph.cli import main

    # an empty 未联系党外委员 sheet alone would read as "nobody unlinked"
    folder = dataset(tmp_path / "roster", {"members": base()["members"]})
    out = tmp_path / "out.xlsx"
    args = [part.format(folder=folder, out=out) for part in command]
    found = CliRunner().invoke(main, [*args, "--no-cache"])
    assert found.exit_code == 0, found.output
    header, *notes = _sheet_rows(out, "说明")
    assert header == ["备注"]
    said = [str(note) for (note,) in notes if str(note).startswith("注：未提供")]
    assert len(said) == 1 and "党员委员联系党外委员" in said[0]
    if command[0] != "export":  # export writes no notes on the terminal; its workbook holds them
        assert "党员委员联系党外委员" in found.stderr


def test_a_workbook_of_a_whole_dataset_notes_nothing_not_recorded(tmp_path: Path) -> None:
    from pbgraph.export import export_xlsx

    # every table given (no activity log: the one note, as `analyze all` prints it)
    out = export_xlsx(load_ok(dataset(tmp_path / "whole", base())), tmp_path / "out.xlsx")
    assert _sheet_rows(out, "说明") == [
        ["备注"],
        ["注：数据集未提供活动表（活动记录），联系实效与组织生活无法分析。"],
    ]


def test_few_contacts_is_not_told_without_contact_liaisons(tmp_path: Path) -> None:
    from pbgraph.analyses.workload import few_contacts

    # recorded: M1 and M2 (CPC) liaise with no contact (K1 is N1's): both below 1
    recorded = few_contacts(load_ok(dataset(tmp_path / "whole", base())), min_contacts=1)
    assert recorded["id"].tolist() == ["M1", "M2"] and recorded["contacts"].tolist() == [0, 0]
    # a roster alone: not every CPC member "below 1+10", but nobody listed and the liaisons noted
    alone = few_contacts(
        load_ok(dataset(tmp_path / "roster", {"members": base()["members"]})), min_contacts=1
    )
    assert alone.empty
    assert alone.attrs["not_recorded"] == ["liaisons:contact"]


def test_org_life_is_not_told_without_organizations(tmp_path: Path) -> None:
    # a roster, its member liaisons and a contact log (an office workbook without 组织/组织成员): who is in a
    # duty-line organization cannot be told, so the counts are unknown (n/a), not 0 members and 0
    # organizations, and every table says why
    tables = {name: base()[name] for name in ("members", "liaisons")}
    tables["liaisons"].rows = [row for row in tables["liaisons"].rows if row[2] == "member"]
    tables["activities"] = Sheet(["date", "kind", "members", "target"], [["2024-05-06", "talk", "M2", "N1"]])
    found = run_all(load_ok(dataset(tmp_path, tables)))["org_life"]
    rates = found.tables["org_life_rates"]
    counts = ["duty_line_cpc_members", "below_min_meetings", "duty_line_organizations"]
    assert rates[[*counts, "organizations_without_meetings"]].values.tolist() == [[None] * 4]
    for table in ("org_life", "org_meetings", "org_life_rates"):
        assert _noted(found, table) == ["organizations", "memberships"], table
    assert found.not_recorded == ["organizations", "memberships"]

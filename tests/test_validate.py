"""Validation (DESIGN 3): one test per rule, each pinning the problem's code, severity, file, row, column and
value; then the messages, the accepted aliases and the committee inference."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import pbgraph
from pbgraph.io import read_raw
from pbgraph.model import TABLES
from pbgraph.validate import MAX_LISTED, Problem, build_dataset
from tests.broken import (
    Tables,
    base,
    dataset,
    errors,
    load_ok,
    multi_committee,
    only,
    problems_of,
    write_csv,
    write_xlsx,
)

Mutate = Callable[[Tables], object]


def located(problem: Problem) -> tuple[object, ...]:
    return (problem.code, problem.severity, problem.file, problem.row, problem.column, problem.value)


def the_error(tmp_path: Path, tables: Tables, code: str) -> Problem:
    """The one error of a broken dataset (fails if there are others: no cascades)."""
    found = errors(problems_of(dataset(tmp_path, tables)))
    assert [p.code for p in found] == [code], [p.message("en") for p in found]
    return found[0]


def setter(table: str, row: int, column: str, value: str) -> Mutate:
    return lambda t: t[table].set(row, column, value)


# structure ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("table", [name for name, t in TABLES.items() if t.required])
def test_missing_required_table(tmp_path: Path, table: str) -> None:
    tables = base()
    del tables[table]
    problem = the_error(tmp_path, tables, "missing_table")
    assert located(problem) == ("missing_table", "error", None, None, None, None)
    assert problem.table == table
    assert f"{table}.csv" in problem.message("zh") and f"{table}.csv" in problem.message("en")
    assert TABLES[table].zh in problem.message("zh")


def test_missing_sheet_names_the_workbook(tmp_path: Path) -> None:
    tables = base()
    del tables["members"]
    found = errors(problems_of(write_xlsx(tmp_path / "名册.xlsx", tables)))
    assert [located(p) for p in found] == [("missing_table", "error", "名册.xlsx", None, None, None)]
    assert found[0].message("en").startswith("名册.xlsx: Required table 'members' is missing.")


def test_only_members_is_required() -> None:
    # DESIGN 3: only `members` is required
    assert [name for name, table in TABLES.items() if table.required] == ["members"]


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_a_roster_alone_loads_with_the_rest_not_recorded(tmp_path: Path, form: str) -> None:
    tables = {"members": base()["members"]}
    path = dataset(tmp_path, tables) if form == "csv" else write_xlsx(tmp_path / "名册.xlsx", tables)
    ds = load_ok(path)
    assert ds.not_recorded == {
        "organizations",
        "memberships",
        "liaisons:member",
        "liaisons:sector",
        "liaisons:township",
        "liaisons:contact",
    }
    # sectors and townships are the roster's distinct values (M1..N2: S1 S2 S1 S2, T1 T2 T1 T2), as from
    # office files (3.1): recorded, named by the value the roster gives
    assert ds.sectors[["id", "name"]].values.tolist() == [["S1", "S1"], ["S2", "S2"]]
    assert ds.townships[["id", "name"]].values.tolist() == [["T1", "T1"], ["T2", "T2"]]
    assert list(ds.members["sector"]) == ["S1", "S2", "S1", "S2"]
    assert ds.warnings == []


def test_a_roster_without_a_sector_column_does_not_record_sectors(tmp_path: Path) -> None:
    tables = {"members": base()["members"]}
    tables["members"].drop("sector")
    ds = load_ok(dataset(tmp_path, tables))
    assert "sectors" in ds.not_recorded and "townships" not in ds.not_recorded
    assert ds.sectors.empty and len(ds.townships) == 2


def test_a_missing_liaisons_table_is_not_recorded_but_an_empty_one_is_recorded(tmp_path: Path) -> None:
    tables = base()
    del tables["liaisons"]
    absent = load_ok(dataset(tmp_path / "absent", tables))
    assert {k for k in absent.not_recorded if k.startswith("liaisons")} == {
        "liaisons:member",
        "liaisons:sector",
        "liaisons:township",
        "liaisons:contact",
    }
    tables = base()
    tables["liaisons"].rows.clear()
    assert load_ok(dataset(tmp_path / "empty", tables)).not_recorded == frozenset()


def test_a_built_sector_that_repeats_a_member_id_is_located_on_the_roster(tmp_path: Path) -> None:
    tables = {"members": base()["members"]}
    tables["members"].set(3, "sector", "M1")
    found = errors(problems_of(dataset(tmp_path, tables)))
    # said where the analyst typed it: the roster's row and its 界别 column
    assert located(found[0]) == ("duplicate_id", "error", "members.csv", 3, "sector", "M1")


def test_contacts_table_is_optional(tmp_path: Path) -> None:
    tables = base()
    del tables["contacts"]
    tables["liaisons"].rows.pop()  # the contact liaison
    assert len(load_ok(dataset(tmp_path, tables)).contacts) == 0


def test_liaison_to_a_contact_without_contacts_table(tmp_path: Path) -> None:
    tables = base()
    del tables["contacts"]
    problem = the_error(tmp_path, tables, "unknown_reference")
    assert located(problem) == ("unknown_reference", "error", "liaisons.csv", 6, "target", "K1")


@pytest.mark.parametrize(
    ("table", "column", "lang", "header"),
    [
        ("members", "party", "en", "party"),
        ("members", "party", "zh", "政治面貌"),
        ("members", "id", "zh", "编号"),
        ("sectors", "name", "en", "name"),
        ("organizations", "kind", "zh", "类型"),
        ("memberships", "organization", "zh", "组织"),
        ("liaisons", "source", "en", "source"),
        ("contacts", "id", "en", "id"),
    ],
)
def test_missing_required_column(tmp_path: Path, table: str, column: str, lang: str, header: str) -> None:
    tables = base()
    tables[table].drop(column)
    if table == "contacts":
        tables["liaisons"].rows.pop()
    folder = write_csv(tmp_path / "ds", tables, lang=lang)
    found = errors(problems_of(folder))
    # a node table without ids does not also make every reference into it "unknown"
    assert [p.code for p in found] == ["missing_column"], [p.message("en") for p in found]
    problem = found[0]
    assert located(problem) == ("missing_column", "error", f"{table}.csv", None, header, None)
    model = TABLES[table].column(column)
    assert (problem.params["column_en"], problem.params["column_zh"]) == (column, model.zh)
    assert f"'{column}'" in problem.message("en") and f"“{model.zh}”" in problem.message("zh")


@pytest.mark.parametrize(
    ("table", "row", "column", "blank"),
    [
        ("members", 3, "name", ""),
        ("members", 4, "party", "   "),
        ("sectors", 2, "name", ""),
        ("townships", 3, "name", ""),
        ("organizations", 4, "kind", ""),
        ("memberships", 2, "organization", ""),
        ("memberships", 3, "member", " "),
        ("liaisons", 4, "kind", ""),
        ("liaisons", 3, "target", ""),
    ],
)
def test_empty_required_cell(tmp_path: Path, table: str, row: int, column: str, blank: str) -> None:
    tables = base()
    tables[table].set(row, column, blank)
    problem = the_error(tmp_path, tables, "empty_required")
    assert located(problem) == ("empty_required", "error", f"{table}.csv", row, column, "")


# ids ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("table", "values", "row", "first"),
    [
        ("members", {"id": "N1", "name": "重名", "party": "CPC"}, 6, ("members.csv", 4)),
        (
            "organizations",
            {"id": "SG1", "name": "另一联组", "kind": "sector_group"},
            9,
            ("organizations.csv", 5),
        ),
        ("sectors", {"id": "M2", "name": "界别"}, 4, ("members.csv", 3)),
        ("townships", {"id": "S1", "name": "镇"}, 4, ("sectors.csv", 2)),
        ("organizations", {"id": "T2", "name": "组织", "kind": "studio"}, 9, ("townships.csv", 3)),
        ("contacts", {"id": "PG1", "name": "群众"}, 3, ("organizations.csv", 3)),
    ],
)
def test_duplicate_id(
    tmp_path: Path, table: str, values: dict[str, str], row: int, first: tuple[str, int]
) -> None:
    tables = base()
    assert tables[table].add(**values) == row
    problem = the_error(tmp_path, tables, "duplicate_id")
    assert located(problem) == ("duplicate_id", "error", f"{table}.csv", row, "id", values["id"])
    file, first_row = first
    assert f"{file}, row {first_row}" in problem.message("en")
    assert f"{file} 第 {first_row} 行" in problem.message("zh")
    assert "row" not in problem.message("zh")


# references ---------------------------------------------------------------------------------------

UNKNOWN = [
    # (table, row, column, unknown id, what was expected)
    ("members", 3, "sector", "S9", "sector"),
    ("members", 3, "township", "T9", "township"),
    ("members", 3, "committee", "C9", "committee"),
    ("sectors", 2, "group", "G9", "sector_group"),
    ("sectors", 2, "committee", "C9", "committee"),
    ("townships", 2, "committee", "C9", "committee"),
    ("organizations", 3, "parent", "X9", "organization"),
    ("organizations", 6, "township", "T9", "township"),
    ("organizations", 3, "committee", "C9", "committee"),
    ("memberships", 2, "member", "M9", "member"),
    ("memberships", 2, "organization", "O9", "organization"),
    ("liaisons", 2, "source", "M9", "member"),
    ("liaisons", 2, "target", "S9", "sector_or_group"),
    ("liaisons", 3, "target", "N9", "member"),
    ("liaisons", 5, "target", "T9", "township"),
    ("liaisons", 6, "target", "K9", "contact"),
    ("contacts", 2, "township", "T9", "township"),
]


@pytest.mark.parametrize(("table", "row", "column", "value", "expected"), UNKNOWN)
def test_reference_to_unknown_id(
    tmp_path: Path, table: str, row: int, column: str, value: str, expected: str
) -> None:
    from pbgraph._texts.problems import KIND_NAMES

    tables = base()
    tables[table].set(row, column, value)
    problem = the_error(tmp_path, tables, "unknown_reference")
    assert located(problem) == ("unknown_reference", "error", f"{table}.csv", row, column, value)
    assert problem.params["expected"] == KIND_NAMES[expected][0]
    assert KIND_NAMES[expected][1] in problem.message("en")


WRONG_KIND = [
    # (table, row, column, id of the wrong kind, what it is in English)
    ("sectors", 3, "group", "PB1", "party_branch organization"),
    ("sectors", 2, "committee", "SG1", "sector group"),
    ("members", 3, "committee", "PG1", "party_group organization"),
    ("townships", 2, "committee", "M1", "member"),
    ("organizations", 3, "committee", "T1", "township"),
    ("members", 3, "sector", "T1", "township"),
    ("members", 3, "township", "S1", "sector"),
    ("organizations", 3, "parent", "M1", "member"),
    ("organizations", 6, "township", "K1", "contact"),
    ("memberships", 2, "organization", "S1", "sector"),
    ("memberships", 2, "member", "PG1", "party_group organization"),
    ("contacts", 2, "township", "S1", "sector"),
]


@pytest.mark.parametrize(("table", "row", "column", "value", "actual"), WRONG_KIND)
def test_reference_to_id_of_wrong_kind(
    tmp_path: Path, table: str, row: int, column: str, value: str, actual: str
) -> None:
    tables = base()
    tables[table].set(row, column, value)
    problem = the_error(tmp_path, tables, "wrong_reference_kind")
    assert located(problem) == ("wrong_reference_kind", "error", f"{table}.csv", row, column, value)
    assert actual in problem.params["actual_en"]
    assert f"'{value}' is a {problem.params['actual_en']}" in problem.message("en")


def test_wrong_kind_is_named_in_chinese(tmp_path: Path) -> None:
    tables = base()
    tables["sectors"].set(3, "group", "PB1")
    message = the_error(tmp_path, tables, "wrong_reference_kind").message("zh")
    assert "编号“PB1”是党支部（组织），这里需要界别联组" in message


ENDPOINTS = [
    # (row, column, id, liaison kind of that row, what the id is)
    (5, "target", "S1", "township", "sector"),
    (6, "target", "M1", "contact", "member"),
    (2, "target", "T1", "sector", "township"),
    (2, "target", "PB1", "sector", "party_branch organization"),
    (3, "target", "K1", "member", "contact"),
    (3, "target", "SG1", "member", "sector group"),
    (2, "source", "S2", "sector", "sector"),
    (6, "source", "T1", "contact", "township"),
]


@pytest.mark.parametrize(("row", "column", "value", "kind", "actual"), ENDPOINTS)
def test_liaison_endpoint_of_wrong_type(
    tmp_path: Path, row: int, column: str, value: str, kind: str, actual: str
) -> None:
    tables = base()
    assert tables["liaisons"].get(row, "kind") == kind
    tables["liaisons"].set(row, column, value)
    problem = the_error(tmp_path, tables, "wrong_endpoint")
    assert located(problem) == ("wrong_endpoint", "error", "liaisons.csv", row, column, value)
    assert problem.params["kind"] == kind
    assert actual in problem.params["actual_en"]
    assert f"A '{kind}' liaison needs a" in problem.message("en")


def test_wrong_endpoint_message_in_chinese(tmp_path: Path) -> None:
    tables = base()
    tables["liaisons"].set(5, "target", "S1")
    message = the_error(tmp_path, tables, "wrong_endpoint").message("zh")
    assert "liaisons.csv 第 5 行 “target”列" in message
    assert "“联系镇街”类联系的对象应为镇街，但“S1”是界别" in message


def test_sector_liaison_to_a_sector_group_is_valid(tmp_path: Path) -> None:
    tables = base()
    tables["liaisons"].set(2, "target", "SG1")
    assert load_ok(dataset(tmp_path, tables)).liaisons["target"].iat[0] == "SG1"


def test_organization_of_unknown_kind_does_not_cascade(tmp_path: Path) -> None:
    tables = base()
    tables["organizations"].set(5, "kind", "联组")  # SG1, which sectors.group points at
    problem = the_error(tmp_path, tables, "unknown_enum")
    assert located(problem) == ("unknown_enum", "error", "organizations.csv", 5, "kind", "联组")


# values -------------------------------------------------------------------------------------------

ENUMS = [
    # (table, row, column, unknown value, part of the allowed values in Chinese, in English)
    ("members", 3, "party", "maybe", "中共党员、民革", "CPC, RCCK"),
    ("members", 3, "party_group", "maybe", "是、否", "true, false"),
    ("organizations", 7, "kind", "club", "委员工作室", "studio"),
    ("liaisons", 3, "kind", "friend", "联系党外委员", "member"),
    ("memberships", 2, "role", "boss", "书记", "secretary"),
    ("townships", 2, "kind", "村", "镇、街道、乡", "town"),
]


@pytest.mark.parametrize(("table", "row", "column", "value", "zh", "en"), ENUMS)
def test_unknown_enum_value(
    tmp_path: Path, table: str, row: int, column: str, value: str, zh: str, en: str
) -> None:
    tables = base()
    tables[table].set(row, column, value)
    problem = the_error(tmp_path, tables, "unknown_enum")
    assert located(problem) == ("unknown_enum", "error", f"{table}.csv", row, column, value)
    assert zh in problem.message("zh")
    assert en in problem.message("en")
    # no Chinese list punctuation in English
    assert "、" not in problem.message("en")


def test_allowed_values_are_listed_in_a_stable_order(tmp_path: Path) -> None:
    tables = base()
    tables["townships"].set(2, "kind", "村")
    assert the_error(tmp_path, tables, "unknown_enum").params["allowed"] == "镇、街道、乡"


def test_self_liaison(tmp_path: Path) -> None:
    tables = base()
    row = tables["liaisons"].add(source="M1", target="M1", kind="member")
    problem = the_error(tmp_path, tables, "self_liaison")
    assert located(problem) == ("self_liaison", "error", "liaisons.csv", row, "target", "M1")
    assert "M1" in problem.message("zh")


def test_undecodable_file(tmp_path: Path) -> None:
    folder = dataset(tmp_path)
    (folder / "liaisons.csv").write_bytes(b"source,target\x00\xff\xfe\x00" * 100)
    found = errors(problems_of(folder))
    assert [p.code for p in found] == ["undecodable"]
    problem = found[0]
    assert located(problem) == ("undecodable", "error", "liaisons.csv", None, None, None)
    assert "CSV UTF-8" in problem.message("zh")


@pytest.mark.parametrize(
    ("org", "parent", "row", "cycle"),
    [
        ("PG1", "FB1", 3, "PG1 → FB1 → PG1"),
        ("ST1", "ST1", 7, "ST1 → ST1"),
        ("C1", "PB1", 2, "C1 → PB1 → ST1 → C1"),
    ],
)
def test_organization_parent_cycle(tmp_path: Path, org: str, parent: str, row: int, cycle: str) -> None:
    tables = base()
    orgs = tables["organizations"]
    number = next(n for n in range(2, len(orgs.rows) + 2) if orgs.get(n, "id") == org)
    orgs.set(number, "parent", parent)
    problem = the_error(tmp_path, tables, "parent_cycle")
    assert located(problem) == ("parent_cycle", "error", "organizations.csv", row, "parent", cycle)
    assert cycle in problem.message("en")


# warnings -----------------------------------------------------------------------------------------

WARNINGS = [
    pytest.param(
        setter("liaisons", 3, "source", "N2"),
        "member_liaison_source_not_cpc",
        "liaisons.csv",
        3,
        "source",
        "N2",
        id="member-liaison-from-non-cpc",
    ),
    pytest.param(
        setter("liaisons", 3, "target", "M1"),
        "member_liaison_target_cpc",
        "liaisons.csv",
        3,
        "target",
        "M1",
        id="member-liaison-to-cpc",
    ),
    pytest.param(
        setter("liaisons", 2, "source", "M2"),
        "sector_liaison_not_party_group",
        "liaisons.csv",
        2,
        "source",
        "M2",
        id="sector-liaison-from-non-party-group",
    ),
    pytest.param(
        # no flag, no 党组 role, and no longer in the party group: not a party-group member (DESIGN 3)
        lambda t: (t["members"].set(2, "party_group", "否"), t["memberships"].set(2, "organization", "FB1")),
        "sector_liaison_not_party_group",
        "liaisons.csv",
        2,
        "source",
        "M1",
        id="sector-liaison-from-former-party-group",
    ),
    pytest.param(
        lambda t: t["memberships"].add(member="M2", organization="SG1", role="第一召集人"),
        "several_first_conveners",
        "memberships.csv",
        6,
        "organization",
        "SG1",
        id="several-first-conveners",
    ),
    pytest.param(
        setter("liaisons", 5, "source", "N1"),
        "township_liaison_not_cpc",
        "liaisons.csv",
        5,
        "source",
        "N1",
        id="township-liaison-from-non-cpc",
    ),
    pytest.param(
        lambda t: t["liaisons"].add(source="M2", target="N1", kind="联系党外委员", note="again"),
        "duplicate_liaison",
        "liaisons.csv",
        7,
        "target",
        "N1",
        id="duplicate-liaison",
    ),
    pytest.param(
        setter("members", 5, "sector", ""),
        "member_no_sector",
        "members.csv",
        5,
        "sector",
        "N2",
        id="member-without-sector",
    ),
    pytest.param(
        setter("members", 4, "township", ""),
        "member_no_township",
        "members.csv",
        4,
        "township",
        "N1",
        id="member-without-township",
    ),
    pytest.param(
        setter("liaisons", 2, "since", "yesterday"),
        "bad_date",
        "liaisons.csv",
        2,
        "since",
        "yesterday",
        id="bad-date",
    ),
    pytest.param(
        setter("liaisons", 2, "since", "2024-02-30"),
        "no_such_day",
        "liaisons.csv",
        2,
        "since",
        "2024-02-30",
        id="impossible-date",
    ),
]


@pytest.mark.parametrize(
    "mutate",
    [
        # the flag is not needed: a 党组 role or a membership in the party group makes a party-group member
        lambda t: (
            t["members"].set(2, "party_group", "否"),
            t["memberships"].set(2, "organization", "FB1"),
            t["members"].set(2, "roles", "主席；党组书记"),
        ),
        # M1 stays 书记 of the party group PG1
        setter("members", 2, "party_group", "否"),
    ],
    ids=["by-role", "by-membership"],
)
def test_party_group_member_without_the_flag(tmp_path: Path, mutate: Mutate) -> None:
    tables = base()
    mutate(tables)
    ds = load_ok(dataset(tmp_path, tables))
    # M1's sector liaison counts: no warning, and the loaded flag says so
    assert [w.code for w in ds.warnings] == []
    assert bool(ds.members["party_group"].iloc[0])


@pytest.mark.parametrize(("mutate", "code", "file", "row", "column", "value"), WARNINGS)
def test_warning(
    tmp_path: Path, mutate: Mutate, code: str, file: str, row: int, column: str, value: str
) -> None:
    tables = base()
    mutate(tables)
    ds = load_ok(dataset(tmp_path, tables))
    assert [w.code for w in ds.warnings] == [code], [w.message("en") for w in ds.warnings]
    assert located(ds.warnings[0]) == (code, "warning", file, row, column, value)
    assert value in ds.warnings[0].message("zh") and value in ds.warnings[0].message("en")


def test_duplicate_liaison_names_the_first_row(tmp_path: Path) -> None:
    tables = base()
    tables["liaisons"].add(source="M2", target="N1", kind="member")
    warning = only(load_ok(dataset(tmp_path, tables)).warnings, "duplicate_liaison")
    assert warning.params["other"] == 3
    assert "第 3 行" in warning.message("zh") and "row 3" in warning.message("en")


def test_bad_date_is_loaded_as_empty(tmp_path: Path) -> None:
    tables = base()
    tables["liaisons"].set(2, "since", "yesterday")
    assert load_ok(dataset(tmp_path, tables)).liaisons["since"].iat[0] == ""


def test_a_day_the_month_does_not_have_is_loaded_as_empty_and_said_so(tmp_path: Path) -> None:
    tables = base()
    tables["liaisons"].set(2, "since", "2024-06-31")
    ds = load_ok(dataset(tmp_path, tables))
    assert ds.liaisons["since"].iat[0] == ""
    warning = only(ds.warnings, "no_such_day")
    assert "2024年6月只有 30 天" in warning.message("zh") and "2024-06 has only 30 days" in warning.message(
        "en"
    )


def test_unknown_extra_column(tmp_path: Path) -> None:
    tables = base()
    members = tables["members"]
    members.columns.append("爱好")
    for row in members.rows:
        row.append("书法")
    ds = load_ok(dataset(tmp_path, tables))
    assert [located(w) for w in ds.warnings] == [
        ("unknown_column", "warning", "members.csv", None, "爱好", "爱好")
    ]
    assert "爱好" not in ds.members.columns


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2024-03-01", "2024-03-01"),
        ("2024/5/6", "2024-05-06"),
        ("2024.3.1", "2024-03-01"),
        ("2024年3月1日", "2024-03-01"),
        ("2024-03", "2024-03"),
        ("2024-03-01 10:00:00", "2024-03-01"),
        ("", ""),
    ],
)
def test_dates_are_normalized(tmp_path: Path, written: str, iso: str) -> None:
    tables = base()
    tables["liaisons"].set(2, "since", written)
    ds = load_ok(dataset(tmp_path, tables))
    assert ds.liaisons["since"].iat[0] == iso
    assert ds.warnings == []


# many problems ------------------------------------------------------------------------------------


def test_every_error_is_reported_not_just_the_first(tmp_path: Path) -> None:
    tables = base()
    tables["members"].set(3, "party", "maybe")
    tables["sectors"].set(2, "name", "")
    tables["liaisons"].add(source="M2", target="M2", kind="member")
    with pytest.raises(pbgraph.DatasetError) as caught:
        pbgraph.load(dataset(tmp_path, tables))
    found = sorted((p.file, p.code, p.row) for p in caught.value.problems)
    assert found == [
        ("liaisons.csv", "self_liaison", 7),
        ("members.csv", "unknown_enum", 3),
        ("sectors.csv", "empty_required", 2),
    ]
    assert str(caught.value).startswith("3 error(s) in dataset")


def test_many_errors_of_one_kind_are_listed_up_to_the_cap(tmp_path: Path) -> None:
    tables = base()
    extra = MAX_LISTED + 50
    rows = [
        tables["members"].add(id=f"X{i}", name=f"委员{i}", party="未知", sector="S1", township="T1")
        for i in range(extra)
    ]
    tables["memberships"].set(2, "role", "boss")
    tables["memberships"].set(3, "role", "boss")
    problems = problems_of(dataset(tmp_path, tables))
    listed = [p for p in problems if p.code == "unknown_enum" and p.file == "members.csv"]
    assert [p.row for p in listed] == rows[:MAX_LISTED]
    summary = only(problems, "too_many")
    assert located(summary) == ("too_many", "error", "members.csv", None, "party", None)
    assert summary.params["count"] == 50
    assert "50" in summary.message("zh") and "50" in summary.message("en")
    # the cap is per kind and table: the two bad roles are both listed
    assert [p.row for p in problems if p.code == "unknown_enum" and p.file == "memberships.csv"] == [2, 3]


# messages -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mutate", "code", "zh", "en"),
    [
        pytest.param(
            setter("members", 3, "party", "maybe"),
            "unknown_enum",
            ["members.csv", "第 3 行", "“party”列", "“maybe”", "请改为以下之一"],
            ["members.csv", "row 3", "column 'party'", "'maybe'", "Use one of"],
            id="enum",
        ),
        pytest.param(
            setter("memberships", 2, "organization", "O9"),
            "unknown_reference",
            ["memberships.csv", "第 2 行", "“organization”列", "“O9”", "请检查拼写"],
            ["memberships.csv", "row 2", "column 'organization'", "'O9'", "Check the spelling"],
            id="reference",
        ),
        pytest.param(
            setter("sectors", 3, "name", ""),
            "empty_required",
            ["sectors.csv", "第 3 行", "“name”列", "请填写"],
            ["sectors.csv", "row 3", "column 'name'", "Fill it in"],
            id="empty",
        ),
        pytest.param(
            lambda t: t["townships"].add(id="M1", name="镇"),
            "duplicate_id",
            ["townships.csv", "第 4 行", "“id”列", "“M1”", "members.csv 第 2 行", "请改用新的编号"],
            ["townships.csv", "row 4", "column 'id'", "'M1'", "members.csv, row 2", "use a new id"],
            id="duplicate",
        ),
    ],
)
def test_messages_name_file_row_column_value_and_what_to_do(
    tmp_path: Path, mutate: Mutate, code: str, zh: list[str], en: list[str]
) -> None:
    tables = base()
    mutate(tables)
    problem = the_error(tmp_path, tables, code)
    assert problem.message() == problem.message("zh")
    for part in zh:
        assert part in problem.message("zh")
    for part in en:
        assert part in problem.message("en")


def test_messages_use_the_headers_and_sheet_as_written(tmp_path: Path) -> None:
    tables = base()
    tables["members"].set(3, "party", "maybe")
    problems = problems_of(
        write_xlsx(tmp_path / "名册.xlsx", tables, lang="zh", sheet_names={"members": "委员"})
    )
    problem = only(problems, "unknown_enum")
    assert located(problem) == ("unknown_enum", "error", "名册.xlsx", 3, "政治面貌", "maybe")
    assert problem.sheet == "委员"
    assert problem.message("zh").startswith("名册.xlsx［工作表 委员］ 第 3 行 “政治面貌”列：")
    assert problem.message("en").startswith("名册.xlsx [sheet 委员], row 3, column '政治面貌': ")


def test_every_message_says_what_to_do() -> None:
    from pbgraph._texts.problems import MESSAGES

    for code, (zh, en) in MESSAGES.items():
        assert "请" in zh, code
        assert en.rstrip().endswith((".", ")")), code


def test_problem_as_record() -> None:
    problem = Problem(
        code="unknown_enum",
        severity="error",
        table="members",
        file="members.csv",
        row=3,
        column="party",
        value="maybe",
        params={"allowed": "中共党员", "allowed_en": "CPC"},
    )
    assert problem.as_record("en") == {
        "severity": "error",
        "code": "unknown_enum",
        "file": "members.csv",
        "sheet": "",
        "row": 3,
        "column": "party",
        "value": "maybe",
        "message": "Unknown value 'maybe'. Use one of: CPC.",
    }


# aliases ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("中共党员", "CPC"),
        ("中共", "CPC"),
        ("中国共产党党员", "CPC"),
        ("党员", "CPC"),
        ("中共预备党员", "CPC"),
        ("cpc", "CPC"),
        ("民革", "RCCK"),
        ("民盟", "CDL"),
        ("Cdl", "CDL"),
        ("民建", "CNDCA"),
        ("民进", "CAPD"),
        ("农工党", "CPWDP"),
        ("致公党", "CZGP"),
        ("九三学社", "JS"),
        ("台盟", "TDSGL"),
        ("无党派", "NP"),
        ("无党派人士", "NP"),
        ("群众", "MASSES"),
        (" 民盟 ", "CDL"),
    ],
)
def test_party_aliases(tmp_path: Path, written: str, code: str) -> None:
    tables = base()
    tables["members"].set(4, "party", written)
    assert load_ok(dataset(tmp_path, tables)).members["party"].iat[2] == code


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("是", True),
        ("否", False),
        ("true", True),
        ("FALSE", False),
        ("1", True),
        ("0", False),
        ("", False),
        ("Yes", True),
        ("√", True),
    ],
)
def test_party_group_values(tmp_path: Path, written: str, value: bool) -> None:
    tables = base()
    tables["members"].set(3, "party_group", written)
    assert load_ok(dataset(tmp_path, tables)).members["party_group"].iat[1] == value


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("", "member"),
        ("成员", "member"),
        ("党员", "member"),
        ("书记", "secretary"),
        ("副书记", "deputy_secretary"),
        ("委员", "committee_member"),
        ("组长", "leader"),
        ("第一召集人", "first_convener"),
        ("召集人", "convener"),
        ("指导员", "instructor"),
        ("Secretary", "secretary"),
    ],
)
def test_roles(tmp_path: Path, written: str, code: str) -> None:
    tables = base()
    tables["memberships"].set(3, "role", written)
    assert load_ok(dataset(tmp_path, tables)).memberships["role"].iat[1] == code


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("党组", "party_group"),
        ("政协党组", "party_group"),
        ("机关党组", "organ_party_group"),
        ("机关党委", "party_committee"),
        ("党总支", "party_committee"),
        ("分党组", "sub_party_group"),
        ("专委会分党组", "sub_party_group"),
        ("党支部", "party_branch"),
        ("履职党支部", "functional_branch"),
        ("功能型党支部", "functional_branch"),
        ("党小组", "party_cell"),
        ("界别党小组", "party_cell"),
        ("临时党支部", "temporary_branch"),
        ("专委会", "special_committee"),
        ("界别联组", "sector_group"),
        ("界别活动组", "sector_group"),
        ("联络组", "liaison_group"),
        ("镇街联络组", "liaison_group"),
        ("学习组", "study_group"),
        ("委员工作室", "studio"),
        ("联络站", "station"),
        ("委员联络站", "station"),
        ("Studio", "studio"),
        ("政协", "committee"),
    ],
)
def test_organization_kinds(tmp_path: Path, written: str, code: str) -> None:
    tables = base()
    tables["organizations"].set(7, "kind", written)  # ST1, which only PB1 names (as its parent)
    assert load_ok(dataset(tmp_path, tables)).organizations["kind"].iat[5] == code


@pytest.mark.parametrize(
    ("row", "written", "code"),
    [
        (3, "联系党外委员", "member"),
        (3, "党外委员", "member"),
        (3, "MEMBER", "member"),
        (2, "联系界别", "sector"),
        (2, "界别", "sector"),
        (5, "镇街", "township"),
        (5, "联系镇街", "township"),
        (6, "群众", "contact"),
        (6, "联系群众", "contact"),
    ],
)
def test_liaison_kinds(tmp_path: Path, row: int, written: str, code: str) -> None:
    tables = base()
    tables["liaisons"].set(row, "kind", written)
    assert load_ok(dataset(tmp_path, tables)).liaisons["kind"].iat[row - 2] == code


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("镇", "镇"),
        ("街", "街道"),
        ("街道", "街道"),
        ("乡", "乡"),
        ("town", "镇"),
        ("Subdistrict", "街道"),
        ("", ""),
    ],
)
def test_township_kinds(tmp_path: Path, written: str, kind: str) -> None:
    tables = base()
    tables["townships"].set(2, "kind", written)
    assert load_ok(dataset(tmp_path, tables)).townships["kind"].iat[0] == kind


# committees ---------------------------------------------------------------------------------------


def test_single_committee_fills_every_committee_cell(tmp_path: Path) -> None:
    ds = load_ok(dataset(tmp_path))
    for table in ("members", "sectors", "townships", "organizations"):
        assert set(getattr(ds, table)["committee"]) == {"C1"}, table


def test_multi_committee_members_get_the_committee_of_their_sector(tmp_path: Path) -> None:
    ds = load_ok(dataset(tmp_path, multi_committee()))
    assert ds.members["committee"].tolist() == ["Y", "Z", "Y", "Z"]
    assert ds.warnings == []


def test_multi_committee_sector_committee_comes_from_its_group(tmp_path: Path) -> None:
    tables = multi_committee()
    tables["sectors"].set(2, "committee", "")  # S1, in group SG1 under Y
    ds = load_ok(dataset(tmp_path, tables))
    assert ds.sectors["committee"].tolist() == ["Y", "Z"]
    assert ds.members["committee"].iat[0] == "Y"


def test_multi_committee_member_without_sector_gets_the_committee_of_their_township(tmp_path: Path) -> None:
    tables = multi_committee()
    tables["members"].set(3, "sector", "")  # M2, township T2 under Z
    ds = load_ok(dataset(tmp_path, tables))
    assert ds.members["committee"].iat[1] == "Z"
    assert [w.code for w in ds.warnings] == ["member_no_sector"]


def test_multi_committee_member_with_nothing_to_go_by_is_warned_about(tmp_path: Path) -> None:
    tables = multi_committee()
    tables["members"].set(3, "sector", "")
    tables["members"].set(3, "township", "")
    ds = load_ok(dataset(tmp_path, tables))
    assert ds.members["committee"].iat[1] == ""
    warning = only(ds.warnings, "member_no_committee")
    assert located(warning) == ("member_no_committee", "warning", "members.csv", 3, "committee", "M2")


def test_explicit_committee_is_kept(tmp_path: Path) -> None:
    tables = multi_committee()
    tables["members"].set(2, "committee", "X")
    assert load_ok(dataset(tmp_path, tables)).members["committee"].iat[0] == "X"


@pytest.mark.parametrize("written", ["Y;X", "X;Y", "Y；X", "Y、X", " Y ; X ; Y ", "X;Y;"])
def test_dual_committee_member_is_normalized(tmp_path: Path, written: str) -> None:
    tables = multi_committee()
    tables["members"].set(2, "committee", written)
    ds = load_ok(dataset(tmp_path, tables))
    assert ds.members["committee"].iat[0] == "X;Y"
    assert ds.warnings == []


@pytest.mark.parametrize(
    ("written", "code", "value"),
    [
        ("Y;Q9", "unknown_reference", "Q9"),
        ("Q9；Y", "unknown_reference", "Q9"),
        ("Y;PG1", "wrong_reference_kind", "PG1"),
    ],
)
def test_bad_id_inside_a_dual_committee_cell(tmp_path: Path, written: str, code: str, value: str) -> None:
    tables = multi_committee()
    tables["members"].set(2, "committee", written)
    problem = the_error(tmp_path, tables, code)
    assert located(problem) == (code, "error", "members.csv", 2, "committee", value)


def test_build_dataset_reports_problems_from_reading(tmp_path: Path) -> None:
    folder = dataset(tmp_path)
    (folder / "townships.csv").write_bytes(b"")
    raw, problems = read_raw(folder)
    assert [p.code for p in problems] == ["empty_file"]
    with pytest.raises(pbgraph.DatasetError) as caught:
        build_dataset(raw, problems)
    assert [p.code for p in errors(caught.value.problems)] == ["empty_file"]

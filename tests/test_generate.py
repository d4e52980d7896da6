"""The generator: generated systems load without errors, are deterministic per seed, have the shape of their
scale, and carry gaps only when asked to (checked with plain pandas on the loaded tables)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import pbgraph
from pbgraph import generate as gen
from pbgraph._errors import OutputError
from pbgraph.dataset import Dataset
from pbgraph.generate import SCALES, generate, generate_tables
from pbgraph.model import NODE_TABLES, ORGANIZING_KINDS, PARTY_ORG_KINDS, PLATFORM_KINDS, TABLES


def _gap_counts(ds: Dataset) -> dict[str, int]:
    """How many of each gap of DESIGN 4 a dataset has (plain pandas, independent of pbgraph.analyses)."""
    members, liaisons, orgs, ms = ds.members, ds.liaisons, ds.organizations, ds.memberships
    cpc = set(members.loc[members["party"] == "CPC", "id"])
    non_party = set(members["id"]) - cpc
    duty = set(members.loc[(members["party"] == "CPC") & ~members["party_group"], "id"])
    pairs = liaisons[
        (liaisons["kind"] == "member") & liaisons["source"].isin(cpc) & liaisons["target"].isin(non_party)
    ].drop_duplicates(["source", "target"])
    load = pairs.groupby("source").size()
    org_kind = ms["organization"].map(dict(zip(orgs["id"], orgs["kind"], strict=True)))
    organized = set(ms.loc[org_kind.isin([str(k) for k in ORGANIZING_KINDS]), "member"])
    party_group = set(members.loc[members["party_group"], "id"])
    sector_targets = set(
        liaisons.loc[(liaisons["kind"] == "sector") & liaisons["source"].isin(party_group), "target"]
    )
    groups = orgs.loc[orgs["kind"] == "sector_group", "id"]
    conveners = ms[(ms["role"] == "first_convener") & ms["member"].isin(cpc)]
    liaison_groups = orgs[orgs["kind"] == "liaison_group"]
    groups_with_cpc = set(ms.loc[ms["member"].isin(cpc), "organization"])
    township_targets = set(
        liaisons.loc[(liaisons["kind"] == "township") & liaisons["source"].isin(cpc), "target"]
    )
    platforms = orgs.loc[orgs["kind"].isin([str(k) for k in PLATFORM_KINDS]), "id"]
    party_children = set(orgs.loc[orgs["kind"].isin([str(k) for k in PARTY_ORG_KINDS]), "parent"])
    instructed = set(ms.loc[(ms["role"] == "instructor") & ms["member"].isin(cpc), "organization"])
    sectors = ds.sectors
    return {
        "unlinked": len(non_party - set(pairs["target"])),
        "unorganized": len(cpc - organized),
        "overloaded": int((load > 5).sum()),
        "idle": len(duty - set(load.index)),
        "uncovered_sectors": int(
            (~sectors["id"].isin(sector_targets) & ~sectors["group"].isin(sector_targets)).sum()
        ),
        "uncovered_groups": int((~groups.isin(sector_targets)).sum()),
        "groups_without_cpc_convener": int((~groups.isin(set(conveners["organization"]))).sum()),
        "townships_without_liaison_group": int(
            (~ds.townships["id"].isin(set(liaison_groups["township"]))).sum()
        ),
        "liaison_groups_without_cpc": int((~liaison_groups["id"].isin(groups_with_cpc)).sum()),
        "townships_without_liaison": int((~ds.townships["id"].isin(township_targets)).sum()),
        "uncovered_platforms": int((~platforms.isin(party_children | instructed)).sum()),
    }


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Dataset]:
    out = tmp_path_factory.mktemp("county")
    generate("county", out, seed=7)
    return out, pbgraph.load(out)


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    out = tmp_path_factory.mktemp("city")
    generate("city", out, seed=3)
    return pbgraph.load(out)


def test_county_loads_without_errors(county: tuple[Path, Dataset]) -> None:
    _, ds = county
    assert not any(p.is_error for p in ds.warnings)
    # the only warnings are the few deliberately non-counting member liaisons
    assert {p.code for p in ds.warnings} <= {"member_liaison_source_not_cpc", "too_many"}


def test_county_shape(county: tuple[Path, Dataset]) -> None:
    _, ds = county
    members = ds.members
    assert 180 <= len(members) <= 320
    assert len(ds.committees) == 1
    assert 0.28 <= (members["party"] == "CPC").mean() <= 0.38
    assert 18 <= len(ds.sectors) <= 24
    assert 8 <= len(ds.townships) <= 20
    assert 5 <= (ds.organizations["kind"] == "sector_group").sum() <= 7
    assert 7 <= members["party_group"].sum() <= 9
    assert 7 * len(members) <= len(ds.contacts) <= 13 * len(members)
    assert set(ds.liaisons["kind"]) == {"sector", "member", "township", "contact"}
    assert (members["sector"] != "").all() and (members["township"] != "").all()


def test_ids_unique_across_node_tables(county: tuple[Path, Dataset]) -> None:
    _, ds = county
    ids = pd.concat([ds.tables[name]["id"] for name in NODE_TABLES], ignore_index=True)
    assert ids.is_unique


def test_same_seed_same_bytes_other_seed_other_bytes(county: tuple[Path, Dataset], tmp_path: Path) -> None:
    out, _ = county
    generate("county", tmp_path / "again", seed=7)
    generate("county", tmp_path / "other", seed=8)
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{t}.csv" for t in TABLES)
    for name in names:
        assert (tmp_path / "again" / name).read_bytes() == (out / name).read_bytes(), name
    assert (tmp_path / "other" / "members.csv").read_bytes() != (out / "members.csv").read_bytes()


def test_no_gap_at_rate_zero(tmp_path: Path) -> None:
    for seed in range(3):
        generate("county", tmp_path / str(seed), seed=seed, gap_rate=0.0, contacts=False)
        ds = pbgraph.load(tmp_path / str(seed))
        assert ds.warnings == []
        assert set(_gap_counts(ds).values()) == {0}, seed


def test_gaps_at_the_default_rate(city: Dataset) -> None:
    gaps = _gap_counts(city)
    non_party = (city.members["party"] != "CPC").sum()
    assert 0.01 * non_party <= gaps["unlinked"] <= 0.1 * non_party
    cpc = (city.members["party"] == "CPC").sum()
    assert 1 <= gaps["unorganized"] <= 0.04 * cpc
    for kind in (
        "overloaded",
        "idle",
        "uncovered_sectors",
        "uncovered_groups",
        "townships_without_liaison",
        "uncovered_platforms",
    ):
        assert gaps[kind] >= 1, kind
    assert gaps["townships_without_liaison_group"] == 0


def test_city_is_a_system_of_committees(city: Dataset) -> None:
    orgs = city.organizations
    committees = orgs[orgs["kind"] == "committee"]
    assert 11 <= len(committees) <= 15
    top = committees.iloc[0]
    assert top["parent"] == "" and top["name"].endswith("市政协")
    assert (committees["parent"].iloc[1:] == top["id"]).all()
    assert 3000 <= len(city.members) <= 4000
    # every node table fills in its committee, and each committee has its own sectors and townships
    for name in ("members", "sectors", "townships", "organizations"):
        assert (city.tables[name]["committee"] != "").all(), name
    assert set(city.sectors["committee"]) == set(committees["id"])
    assert set(city.townships["committee"]) == set(committees["id"])
    # a few members sit on a county committee and on the city's
    two = city.members.loc[city.members["committee"].str.contains(";", regex=False), "committee"]
    assert 0.002 * len(city.members) <= len(two) <= 0.03 * len(city.members)
    assert all(cell.split(";")[0] == top["id"] for cell in two)


def test_without_contacts(tmp_path: Path) -> None:
    generate("county", tmp_path, seed=0)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    # a folder that is not empty may hold a real roster: refused, and left as it was
    with pytest.raises(OutputError, match="--force"):
        generate("county", tmp_path, seed=1, contacts=False)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
    written = generate("county", tmp_path, seed=1, contacts=False, force=True)
    assert sorted(p.name for p in written) == sorted(f"{t}.csv" for t in TABLES if t != "contacts")
    assert not (tmp_path / "contacts.csv").exists()
    ds = pbgraph.load(tmp_path)
    assert ds.contacts.empty and "contact" not in set(ds.liaisons["kind"])


def test_xlsx_equals_csv(county: tuple[Path, Dataset], tmp_path: Path) -> None:
    _, ds = county
    written = generate("county", tmp_path / "county.xlsx", seed=7, fmt="xlsx")
    assert written == [tmp_path / "county.xlsx"]
    assert pbgraph.load(written[0]).equals(ds)


def test_xlsx_refuses_tables_longer_than_a_sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gen, "XLSX_MAX_ROWS", 100)
    with pytest.raises(ValueError, match="CSV"):
        generate("county", tmp_path / "county.xlsx", fmt="xlsx")


def test_progress_and_arguments(tmp_path: Path) -> None:
    steps: list[str] = []
    generate_tables("county", seed=0, contacts=False, progress=steps.append)
    assert steps and all(isinstance(s, str) and s for s in steps)
    with pytest.raises(KeyError):
        generate_tables("planet")
    with pytest.raises(ValueError):
        generate("county", tmp_path, fmt="parquet")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        generate_tables("county", gap_rate=0.5)


def test_scales_are_ordered_by_size() -> None:
    def expected_members(name: str) -> float:
        scale = SCALES[name]
        count, total = 1.0, 0.0
        for depth, level in enumerate(scale.levels):
            total += count * sum(level.members) / 2
            if depth < len(scale.children):
                count *= sum(scale.children[depth]) / 2
        return total

    sizes = {name: expected_members(name) for name in SCALES}
    assert 200 <= sizes["county"] <= 300
    assert 3000 <= sizes["city"] <= 4000
    assert 35_000 <= sizes["province"] <= 45_000
    assert 600_000 <= sizes["national"] <= 700_000

"""The scales of a generated system: each level's ranges of members, sectors, townships … and the
four preset systems (county, city, province, national)."""

from __future__ import annotations

from dataclasses import dataclass

from pbgraph.generate._words import (
    _CITY_NON_PARTY,
    _COUNTY_NON_PARTY,
    _NATIONAL_NON_PARTY,
    _PROVINCE_NON_PARTY,
)

Range = tuple[int, int]


@dataclass(frozen=True)
class Level:
    """The shape of the committees of one level; every count is drawn uniformly from its inclusive range.

    Attributes
    ----------
    name
        "county", "city", "province" or "national".
    place_suffixes
        Suffixes of invented place names (县, 区, 市 …); `fixed_place` replaces the name altogether.
    township_kinds
        (name suffix, `townships.kind`, weight) of the places below a committee: 镇/街道/乡 for a county,
        districts (kind left empty) above.
    non_party_weights
        Relative shares of RCCK, CDL, CNDCA, CAPD, CPWDP, CZGP, JS, TDSGL, NP, MASSES among non-party members.
    democratic_party_sector_rate
        Probability that a committee has a sector of its own for each democratic party.
    contacts_per_member
        Mean (Poisson) number of contacts each member liaises with ("1+10").
    """

    name: str
    place_suffixes: tuple[str, ...]
    township_kinds: tuple[tuple[str, str, float], ...]
    members: Range
    sectors: Range
    sector_groups: Range
    townships: Range
    party_group: Range
    special_committees: Range
    sub_party_groups: Range
    office_branches: Range
    studios: Range
    stations: Range
    non_party_weights: tuple[float, ...]
    cpc_share: tuple[float, float] = (0.30, 0.36)
    democratic_party_sector_rate: float = 0.5
    contacts_per_member: float = 10.0
    fixed_place: str = ""


@dataclass(frozen=True)
class Scale:
    """A system of committees: its levels from the top down, and how many committees sit below each one.

    Attributes
    ----------
    levels
        The levels, top first.
    children
        For each level but the last, the range of the number of committees below each of its committees.
    two_committee_rate
        Share of the members of a lower committee who also sit on the committee above it.
    """

    levels: tuple[Level, ...]
    children: tuple[Range, ...] = ()
    two_committee_rate: float = 0.01


COUNTY = Level(
    name="county",
    place_suffixes=("县", "县", "区"),
    township_kinds=(("镇", "镇", 0.6), ("街道", "街道", 0.3), ("乡", "乡", 0.1)),
    members=(180, 320),
    sectors=(18, 24),
    sector_groups=(5, 7),
    townships=(8, 20),
    party_group=(7, 9),
    special_committees=(4, 6),
    sub_party_groups=(1, 1),
    office_branches=(1, 1),
    studios=(2, 6),
    stations=(3, 8),
    non_party_weights=_COUNTY_NON_PARTY,
)
CITY = Level(
    name="city",
    place_suffixes=("市",),
    township_kinds=(("区", "", 0.6), ("县", "", 0.4)),
    members=(280, 420),
    sectors=(22, 28),
    sector_groups=(6, 9),
    townships=(8, 14),
    party_group=(9, 11),
    special_committees=(6, 8),
    sub_party_groups=(1, 2),
    office_branches=(2, 3),
    studios=(3, 8),
    stations=(4, 8),
    non_party_weights=_CITY_NON_PARTY,
    democratic_party_sector_rate=0.8,
)
PROVINCE = Level(
    name="province",
    place_suffixes=("省",),
    township_kinds=(("市", "", 1.0),),
    members=(500, 750),
    sectors=(28, 33),
    sector_groups=(8, 11),
    townships=(10, 16),
    party_group=(11, 14),
    special_committees=(8, 10),
    sub_party_groups=(2, 3),
    office_branches=(3, 5),
    studios=(4, 10),
    stations=(4, 8),
    non_party_weights=_PROVINCE_NON_PARTY,
    democratic_party_sector_rate=0.95,
)
NATIONAL = Level(
    name="national",
    place_suffixes=("",),
    township_kinds=(("省", "", 1.0),),
    members=(2100, 2200),
    sectors=(34, 34),
    sector_groups=(12, 12),
    townships=(31, 31),
    party_group=(16, 18),
    special_committees=(10, 10),
    sub_party_groups=(3, 3),
    office_branches=(6, 6),
    studios=(5, 10),
    stations=(0, 0),
    non_party_weights=_NATIONAL_NON_PARTY,
    democratic_party_sector_rate=1.0,
    fixed_place="全国",
)

SCALES: dict[str, Scale] = {
    "county": Scale((COUNTY,)),
    "city": Scale((CITY, COUNTY), children=((10, 14),)),
    "province": Scale((PROVINCE, CITY, COUNTY), children=((11, 13), (10, 12))),
    "national": Scale((NATIONAL, PROVINCE, CITY, COUNTY), children=((31, 31), (5, 11), (6, 11))),
}
"""The standard systems: one county (≈ 250 members); a city and its ≈ 12 counties (≈ 3,300); a province,
its ≈ 12 cities and ≈ 130 counties (≈ 38,000); the national committee and 31 provinces (≈ 660,000)."""

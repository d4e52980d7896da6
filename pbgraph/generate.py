"""Generate synthetic committee systems (county, city, province, national) for tests and benchmarks.

A generated system has the shape of DESIGN sections 1 and 6 at every level: each committee has its own
sectors and sector groups, townships with liaison groups, a party group with both lines of party
organizations (office line and duty line), a temporary branch, special committees, platforms (study groups,
studios, stations), liaisons of every kind and, optionally, contacts. Gaps (unlinked non-party members,
unorganized CPC members, uncovered sectors, townships and platforms, overloaded and idle CPC members, a few
liaisons that do not count) are injected at realistic rates set by `gap_rate`; with `gap_rate=0` the system
has no gap at all, which the sample data builds on.

Everything is vectorized over whole columns (numpy for the structure, pyarrow for the strings), so the
national system (≈ 650,000 members, ≈ 6.5 million contacts) is generated in well under a minute.

Examples
--------
>>> tables = generate_tables("county", seed=1)
>>> sorted(tables)
['contacts', 'liaisons', 'members', 'memberships', 'organizations', 'sectors', 'townships']
>>> 180 <= len(tables["members"]) <= 320
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pbgraph.io import write_csv_tables, write_xlsx_tables
from pbgraph.model import (
    ORG_KIND_ZH,
    ORGANIZING_KINDS,
    PARTY_ZH,
    ROLE_ZH,
    TABLES,
    LiaisonKind,
    OrgKind,
    Party,
    Role,
)

Range = tuple[int, int]
Progress = Callable[[str], None]

DEFAULT_GAP_RATE = 0.03
"""Base rate of injected gaps (see :func:`generate_tables` for how each kind of gap derives from it)."""

XLSX_MAX_ROWS = 1_048_575
"""Rows an Excel sheet holds below its header."""

# ----------------------------------------------------------------------------------------------------
# vocabulary of invented names


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
# weights fall off like real surname frequencies: the first few are very common, the tail is long
_SURNAME_WEIGHTS = 1.0 / np.arange(1, len(_SURNAMES) + 1) ** 0.8
# given-name characters as they are used for men and for women (a few are used for both)
_GIVEN_MALE = (
    "伟强磊军洋勇杰涛明超刚建国志文斌波辉宇鹏飞浩博俊峰鑫帆林东亮成荣新鸿德清正永兴福祥宏昌泽润彬翔远思源"
    "立松柏晨宁海华平春云"
)
_GIVEN_FEMALE = "芳娜敏静丽艳娟秀霞桂英玉兰萍红琳雪梅婷慧颖涵欣怡佳晓凤霖倩莉琴丹晶蕾璐薇琪悦妍燕晨宁华平春云"
_FEMALE_SHARE = 0.4
_PLACE_FIRST = "".join(
    dict.fromkeys(
        "青白金石龙凤云松柏桃杨柳梅兰竹东西南北中新安永长太宝丰泰福兴昌盛和平宁康德清明华阳红碧双三"
        "黄绿紫丹玉银铜铁高大小上下前后古仁义礼信顺通广延嘉庆吉祥瑞"
    )
)
_PLACE_SECOND = "".join(
    dict.fromkeys(
        "山河湖江溪泉川源岭峰坪塘湾桥口洲城庄坝关台田园林港浦滩岗坡沟屯集店寨堡营水岩"
        "亭阁门场铺堰坑岛沙井池渡坊头"
    )
)
_INDUSTRIES = _words("建材 食品 酒业 茶业 农业科技 物流 建设 医药 电子 纺织 商贸 旅游")
_NUMERALS = _words("一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十")

# sectors: the party sectors first (their column index is the party's index in _PARTIES), then the others
_PARTIES: tuple[Party, ...] = (
    *(Party.CPC, Party.RCCK, Party.CDL, Party.CNDCA, Party.CAPD, Party.CPWDP, Party.CZGP, Party.JS),
    *(Party.TDSGL, Party.NP, Party.MASSES),
)
_PARTY_SECTORS = _words("中共 民革 民盟 民建 民进 农工党 致公党 九三学社 台盟 无党派人士")
_OPEN_SECTORS = _words("""
    共青团 总工会 妇联 青联 工商联 科协 台联 侨联 文化艺术界 科技界 社会科学界 经济界 农业和农村界
    教育界 体育界 新闻出版界 医药卫生界 对外友好界 社会福利和社会保障界 少数民族界 宗教界 特邀人士
    环境资源界 特别邀请人士""")
# how often a committee has each open sector (Efraimidis–Spirakis weights): county staples are near-certain
_OPEN_SECTOR_WEIGHTS = np.array(
    [6, 6, 6, 2, 8, 3, 1, 3, 6, 6, 2, 8, 8, 8, 4, 3, 8, 1, 5, 4, 3, 5, 1, 1], dtype=float
)
_ENTERPRISE_SECTORS = ("工商联", "经济界")
_SPECIAL_COMMITTEES = _words("""
    提案委员会 经济委员会 农业和农村委员会 人口资源环境委员会 教科卫体委员会 社会和法制委员会
    民族宗教委员会 港澳台侨和外事委员会 文化文史和学习委员会 社会法制和民族宗教委员会""")
# non-party composition: RCCK CDL CNDCA CAPD CPWDP CZGP JS TDSGL NP MASSES
_COUNTY_NON_PARTY = (3, 8, 7, 6, 6, 2, 6, 0.5, 25, 30)
_CITY_NON_PARTY = (5, 10, 9, 8, 7, 3, 8, 1, 18, 15)
_PROVINCE_NON_PARTY = (7, 12, 11, 10, 8, 4, 10, 2, 14, 8)
_NATIONAL_NON_PARTY = (9, 13, 12, 11, 9, 5, 11, 4, 12, 4)
# the share of a party's members who sit in that party's own sector, when the committee has it
_OWN_SECTOR_SHARE = np.array([0.35, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.6, 0.0])
_SECOND_LIAISON_SHARE = 0.35
_TOWNSHIP_LIAISON_SHARE = 0.3
_SPECIAL_COMMITTEE_SHARE = 0.4
_STANDING_SHARE = 0.15
_PLATFORM_CELL_SHARE = 0.4


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


# ----------------------------------------------------------------------------------------------------
# small vectorized helpers


def _starts(counts: np.ndarray) -> np.ndarray:
    """Offset of each segment when segments of these lengths are laid end to end."""
    return np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)


def _rank_in_segment(keys: np.ndarray, n_keys: int) -> np.ndarray:
    """Position of each item within its run of equal (sorted) keys."""
    counts = np.bincount(keys, minlength=n_keys)
    return np.arange(len(keys)) - _starts(counts)[keys]


def _draw(rng: np.random.Generator, ranges: np.ndarray, levels: np.ndarray) -> np.ndarray:
    """One integer per committee, uniform within its level's inclusive range."""
    low, high = ranges[levels, 0], ranges[levels, 1]
    return rng.integers(low, high + 1).astype(np.int64)


def _first_of_each(keys: np.ndarray) -> np.ndarray:
    """Positions of the first occurrence of each distinct key."""
    return np.sort(np.unique(keys, return_index=True)[1])


def _ids(prefix: str, count: int, width: int) -> pa.Array:
    digits = pc.utf8_lpad(pc.cast(pa.array(np.arange(1, count + 1)), pa.string()), width=width, padding="0")
    return pc.binary_join_element_wise(prefix, digits, "")


def _width(count: int, minimum: int) -> int:
    return max(minimum, len(str(count)))


def _join(*parts: pa.Array | str) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def _strings(values: Sequence[str]) -> pa.Array:
    return pa.array(list(values), type=pa.string())


def _take(strings: pa.Array, positions: np.ndarray) -> pa.Array:
    return strings.take(pa.array(np.asarray(positions, dtype=np.int64)))


def _take_or_empty(strings: pa.Array, positions: np.ndarray) -> pa.Array:
    """`strings[positions]`, "" where the position is negative."""
    found = np.asarray(positions) >= 0
    taken = _take(strings, np.where(found, positions, 0))
    return pc.if_else(pa.array(found), taken, "")


def _column(values: pa.Array | pa.ChunkedArray) -> pd.Series:
    return pd.Series(pd.array(values, dtype="str"))


def _person_names(rng: np.random.Generator, count: int) -> pa.Array:
    """Invented names: a surname by frequency, then one or two given-name characters of one gender."""
    sur = _take(
        _strings(_SURNAMES), rng.choice(len(_SURNAMES), count, p=_SURNAME_WEIGHTS / _SURNAME_WEIGHTS.sum())
    )
    female = rng.random(count) < _FEMALE_SHARE
    given = []
    for _ in range(2):
        male_char = _take(_strings(_GIVEN_MALE), rng.integers(0, len(_GIVEN_MALE), count))
        female_char = _take(_strings(_GIVEN_FEMALE), rng.integers(0, len(_GIVEN_FEMALE), count))
        given.append(pc.if_else(pa.array(female), female_char, male_char))
    two_characters = pa.array(rng.random(count) < 0.7)
    return _join(sur, pc.if_else(two_characters, _join(given[0], given[1]), given[0]))


def _place_names(positions: np.ndarray) -> pa.Array:
    """Two-character place names by position in the grid of first x second characters."""
    first = _take(_strings(_PLACE_FIRST), positions // len(_PLACE_SECOND) % len(_PLACE_FIRST))
    second = _take(_strings(_PLACE_SECOND), positions % len(_PLACE_SECOND))
    return _join(first, second)


_PLACES = len(_PLACE_FIRST) * len(_PLACE_SECOND)
# a stride that changes both characters and does not come back within a committee's townships
_PLACE_STRIDE = next(s for s in range(len(_PLACE_SECOND) + 1, _PLACES) if math.gcd(s, _PLACES) == 1)


@dataclass
class _Orgs:
    """Organization rows being assembled, block by block (one block per kind)."""

    committee: list[np.ndarray]
    kind: list[np.ndarray]
    name: list[pa.Array]
    parent: list[np.ndarray]
    township: list[np.ndarray]
    size: int = 0

    def add(
        self,
        kind: OrgKind,
        committee: np.ndarray,
        name: pa.Array,
        parent: np.ndarray,
        township: np.ndarray | None = None,
    ) -> np.ndarray:
        """Append a block; returns the global organization positions of its rows."""
        count = len(committee)
        self.committee.append(np.asarray(committee, dtype=np.int64))
        self.kind.append(np.full(count, _ORG_KIND_CODES[kind], dtype=np.int8))
        self.name.append(name)
        self.parent.append(np.asarray(parent, dtype=np.int64))
        self.township.append(np.full(count, -1, dtype=np.int64) if township is None else township)
        positions = np.arange(self.size, self.size + count)
        self.size += count
        return positions


_ORG_KINDS = tuple(OrgKind)
_ORG_KIND_CODES = {kind: code for code, kind in enumerate(_ORG_KINDS)}
_ROLES = tuple(Role)
_ROLE_CODES = {role: code for code, role in enumerate(_ROLES)}


# ----------------------------------------------------------------------------------------------------
# the generator


class _System:
    """Builds one system step by step; every attribute is a numpy array over committees, sectors, members …

    Positions are global integers (committee c, sector s, member m …); ids are given only at the end.
    """

    def __init__(self, scale: Scale, rng: np.random.Generator, gap_rate: float, progress: Progress | None):
        self.scale = scale
        self.rng = rng
        self.gap = gap_rate
        self.progress = progress or (lambda _: None)
        self.dates = _strings(
            [f"{y}-{m:02d}-{d:02d}" for y in (2022, 2023, 2024) for m in range(1, 13) for d in (6, 18)]
        )

    def _level_ranges(self, attribute: str) -> np.ndarray:
        return np.array([getattr(level, attribute) for level in self.scale.levels], dtype=np.int64)

    # committees ------------------------------------------------------------------------------------

    def committees(self) -> None:
        rng, scale = self.rng, self.scale
        levels = [np.zeros(1, dtype=np.int64)]
        parents = [np.full(1, -1, dtype=np.int64)]
        offset = 0
        for depth, children in enumerate(scale.children, start=1):
            above = len(levels[-1])
            counts = rng.integers(children[0], children[1] + 1, size=above)
            parents.append(np.repeat(np.arange(offset, offset + above), counts))
            levels.append(np.full(int(counts.sum()), depth, dtype=np.int64))
            offset += above
        self.level = np.concatenate(levels)
        self.parent = np.concatenate(parents)
        self.k = k = len(self.level)
        lv = self.level
        self.n_members = _draw(rng, self._level_ranges("members"), lv)
        self.n_sectors = _draw(rng, self._level_ranges("sectors"), lv)
        self.n_groups = _draw(rng, self._level_ranges("sector_groups"), lv)
        self.n_townships = _draw(rng, self._level_ranges("townships"), lv)
        self.n_party_group = _draw(rng, self._level_ranges("party_group"), lv)
        self.n_special = _draw(rng, self._level_ranges("special_committees"), lv)
        self.n_sub_groups = _draw(rng, self._level_ranges("sub_party_groups"), lv)
        self.n_branches = _draw(rng, self._level_ranges("office_branches"), lv)
        self.n_studios = _draw(rng, self._level_ranges("studios"), lv)
        self.n_stations = np.minimum(_draw(rng, self._level_ranges("stations"), lv), self.n_townships)
        low, high = np.array([lvl.cpc_share for lvl in scale.levels]).T
        share = rng.uniform(low[lv], high[lv])
        self.n_cpc = np.round(self.n_members * share).astype(np.int64)
        # the construction needs enough CPC members for the party group plus one guaranteed per sector group
        # and per township (first conveners, liaison-group leaders) and no more than 1 in 5 liaising
        guaranteed = self.n_party_group + np.maximum(self.n_groups, self.n_townships)
        self.n_cpc = np.clip(self.n_cpc, guaranteed + 1, None)
        if np.any(self.n_members - self.n_cpc < self.n_cpc - self.n_party_group):
            raise ValueError("scale has too few members for its CPC share")
        # unique place names per level; a county may be a 县 or a 区
        names: list[pa.Array] = []
        for depth, level in enumerate(scale.levels):
            count = int((lv == depth).sum())
            if level.fixed_place:
                names.append(_strings([level.fixed_place] * count))
                continue
            positions = (
                rng.permutation(_PLACES)[:count] if count <= _PLACES else rng.integers(0, _PLACES, count)
            )
            suffix = _take(_strings(level.place_suffixes), rng.integers(0, len(level.place_suffixes), count))
            names.append(_join(_place_names(positions), suffix))
        self.place = pa.concat_arrays(names)
        self.committee_name = _join(self.place, "政协")
        self.progress(f"生成政协组织：{k} 个政协")

    # sectors and townships -------------------------------------------------------------------------

    def sectors(self) -> None:
        rng, k = self.rng, self.k
        rate = np.array([lvl.democratic_party_sector_rate for lvl in self.scale.levels])[self.level]
        party_present = rng.random((k, len(_PARTY_SECTORS))) < rate[:, None]
        party_present[:, 0] = True  # 中共
        party_present[:, -1] = True  # 无党派人士
        n_party = party_present.sum(axis=1)
        n_open = np.clip(self.n_sectors - n_party, self.n_groups, len(_OPEN_SECTORS))
        # weighted sampling without replacement: the n largest keys u^(1/w) win
        keys = rng.random((k, len(_OPEN_SECTORS))) ** (1.0 / _OPEN_SECTOR_WEIGHTS)
        order = np.argsort(-keys, axis=1, kind="stable")
        rank = np.empty_like(order)
        np.put_along_axis(rank, order, np.arange(len(_OPEN_SECTORS))[None, :].repeat(k, axis=0), axis=1)
        chosen = np.hstack([party_present, rank < n_open[:, None]])
        committee, column = np.nonzero(chosen)
        self.n_sectors = n_party + n_open
        self.n_party_sectors = n_party
        self.sector_start = _starts(self.n_sectors)
        self.sector_committee = committee
        self.sector_column = column
        local = np.arange(len(committee)) - self.sector_start[committee]
        # interleave sectors over the groups so that every group mixes party and open sectors
        self.group_start = _starts(self.n_groups)
        self.group_committee = np.repeat(np.arange(k), self.n_groups)
        self.sector_group = self.group_start[committee] + local % self.n_groups[committee]
        # position of each party's own sector within its committee (-1 when absent)
        position = np.cumsum(party_present, axis=1) - 1
        self.party_sector = np.where(party_present, self.sector_start[:, None] + position, -1)
        self.sector_name = _take(_strings(_PARTY_SECTORS + _OPEN_SECTORS), column)

        self.township_start = _starts(self.n_townships)
        self.township_committee = np.repeat(np.arange(k), self.n_townships)
        local = np.arange(len(self.township_committee)) - self.township_start[self.township_committee]
        # distinct names within a committee: walk the place grid with a stride coprime to its size
        offset = rng.integers(0, _PLACES, k)
        positions = (offset[self.township_committee] + local * _PLACE_STRIDE) % _PLACES
        n = len(self.township_committee)
        township_level = self.level[self.township_committee]
        suffix = np.empty(n, dtype=object)
        kind = np.empty(n, dtype=object)
        for depth, level in enumerate(self.scale.levels):
            weights = np.array([w for _, _, w in level.township_kinds])
            mask = township_level == depth
            pick = rng.choice(len(weights), int(mask.sum()), p=weights / weights.sum())
            suffix[mask] = np.array([s for s, _, _ in level.township_kinds], dtype=object)[pick]
            kind[mask] = np.array([kd for _, kd, _ in level.township_kinds], dtype=object)[pick]
        self.township_name = _join(_place_names(positions), pa.array(suffix, type=pa.string()))
        self.township_kind = pa.array(kind, type=pa.string())
        self.progress(f"生成界别与镇街：{len(committee)} 个界别，{n} 个镇街")

    # members ---------------------------------------------------------------------------------------

    def members(self) -> None:
        rng, k = self.rng, self.k
        n = int(self.n_members.sum())
        committee = np.repeat(np.arange(k), self.n_members)
        local = np.arange(n) - _starts(self.n_members)[committee]
        is_cpc = local < self.n_cpc[committee]
        party = np.zeros(n, dtype=np.int64)
        for depth, level in enumerate(self.scale.levels):
            mask = ~is_cpc & (self.level[committee] == depth)
            weights = np.array(level.non_party_weights)
            party[mask] = 1 + rng.choice(len(weights), int(mask.sum()), p=weights / weights.sum())
        # a roster is not sorted by party: shuffle within each committee
        shuffle = np.lexsort((rng.random(n), committee))
        party, is_cpc = party[shuffle], is_cpc[shuffle]
        # rank the CPC members of each committee at random: the first ranks form the party group, the next
        # ones are the guaranteed first conveners (one per sector group) and liaison-group leaders (one per
        # township), so that the clean system has no gap by construction
        cpc = np.flatnonzero(is_cpc)
        cpc = cpc[np.lexsort((rng.random(len(cpc)), committee[cpc]))]
        rank = np.full(n, -1, dtype=np.int64)
        rank[cpc] = _rank_in_segment(committee[cpc], k)
        self.cpc_sorted, self.cpc_start = cpc, _starts(np.bincount(committee[cpc], minlength=k))
        party_group = is_cpc & (rank < self.n_party_group[committee])
        duty_rank = np.where(is_cpc & ~party_group, rank - self.n_party_group[committee], -1)

        # sector: the party's own sector for many, else an open sector of the committee
        first_open = self.sector_start[committee] + self.n_party_sectors[committee]
        n_open = self.n_sectors[committee] - self.n_party_sectors[committee]
        sector = first_open + (rng.random(n) * n_open).astype(np.int64)
        own = self.party_sector[committee, np.minimum(party, len(_PARTY_SECTORS) - 1)]
        stays = (own >= 0) & (rng.random(n) < _OWN_SECTOR_SHARE[party]) & (party < len(_PARTY_SECTORS))
        sector = np.where(stays, own, sector)
        groups = self.n_groups[committee]
        guaranteed_group = (duty_rank >= 0) & (duty_rank < groups)
        # the open sector whose interleaved group is the guaranteed member's rank
        n_party_sectors = self.n_party_sectors[committee]
        local_sector = n_party_sectors + (duty_rank - n_party_sectors) % groups
        sector = np.where(guaranteed_group, self.sector_start[committee] + local_sector, sector)

        townships = self.n_townships[committee]
        township = self.township_start[committee] + (rng.random(n) * townships).astype(np.int64)
        leader = (duty_rank >= 0) & (duty_rank < townships)
        township = np.where(leader, self.township_start[committee] + duty_rank, township)

        self.n = n
        self.member_committee = committee
        self.party = party
        self.is_cpc = is_cpc
        self.cpc_rank = rank
        self.party_group = party_group
        self.duty_rank = duty_rank
        self.first_convener = guaranteed_group
        self.township_leader = leader
        self.member_sector = sector
        self.member_group = self.sector_group[sector]
        self.member_township = township
        self.member_name = _person_names(rng, n)
        self.progress(f"生成委员：{n} 名，其中中共党员 {int(is_cpc.sum())} 名")

    def member_with_rank(self, committee: np.ndarray, rank: np.ndarray) -> np.ndarray:
        """The CPC member of a committee with a given rank."""
        return self.cpc_sorted[self.cpc_start[committee] + rank]

    # organizations and memberships -----------------------------------------------------------------

    def organizations(self) -> None:
        rng, k = self.rng, self.k
        orgs = _Orgs([], [], [], [], [])
        every = np.arange(k)
        place = self.committee_name
        committee_org = orgs.add(OrgKind.COMMITTEE, every, place, self.parent)
        party_group = orgs.add(OrgKind.PARTY_GROUP, every, _join(place, "党组"), committee_org)
        organ_group = orgs.add(OrgKind.ORGAN_PARTY_GROUP, every, _join(place, "机关党组"), party_group)
        organ_committee = orgs.add(OrgKind.PARTY_COMMITTEE, every, _join(place, "机关党委"), organ_group)

        numerals = _strings(_NUMERALS)

        def numbered(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, pa.Array]:
            """Committee and local index of each row of a per-committee block, and 第N."""
            owner = np.repeat(np.arange(k), counts)
            local = np.arange(len(owner)) - _starts(counts)[owner]
            return owner, local, _join("第", _take(numerals, local % len(_NUMERALS)))

        owner, local, nth = numbered(self.n_branches)
        orgs.add(
            OrgKind.PARTY_BRANCH,
            owner,
            _join(_take(place, owner), "机关", nth, "党支部"),
            organ_committee[owner],
        )

        owner, local, nth = numbered(self.n_sub_groups)
        sub_groups = orgs.add(
            OrgKind.SUB_PARTY_GROUP,
            owner,
            _join(_take(place, owner), "专委会", nth, "分党组"),
            party_group[owner],
        )
        sub_group_start = _starts(self.n_sub_groups)

        group_owner, group_local, group_nth = numbered(self.n_groups)
        group_name = _join(_take(place, group_owner), group_nth, "界别联组")
        branch_parent = sub_groups[
            sub_group_start[group_owner] + group_local % self.n_sub_groups[group_owner]
        ]
        functional = orgs.add(
            OrgKind.FUNCTIONAL_BRANCH, group_owner, _join(group_name, "党员委员履职党支部"), branch_parent
        )

        # a 界别党小组 for every sector with at least three CPC members outside the party group
        duty = self.is_cpc & ~self.party_group
        per_sector = np.bincount(self.member_sector[duty], minlength=len(self.sector_committee))
        cell_sectors = np.flatnonzero(per_sector >= 3)
        cell_owner = self.sector_committee[cell_sectors]
        sector_cell = np.full(len(self.sector_committee), -1, dtype=np.int64)
        sector_cell[cell_sectors] = orgs.add(
            OrgKind.PARTY_CELL,
            cell_owner,
            _join(_take(place, cell_owner), _take(self.sector_name, cell_sectors), "界别党小组"),
            functional[self.sector_group[cell_sectors]],
        )
        temporary = orgs.add(OrgKind.TEMPORARY_BRANCH, every, _join(place, "全体会议临时党支部"), party_group)

        owner, local, _ = numbered(self.n_special)
        special = orgs.add(
            OrgKind.SPECIAL_COMMITTEE,
            owner,
            _join(_take(place, owner), _take(_strings(_SPECIAL_COMMITTEES), local % 10)),
            committee_org[owner],
        )
        special_start = _starts(self.n_special)
        special_sub_group = sub_groups[sub_group_start[owner] + local % self.n_sub_groups[owner]]

        sector_groups = orgs.add(OrgKind.SECTOR_GROUP, group_owner, group_name, committee_org[group_owner])
        township_owner = self.township_committee
        liaison_groups = orgs.add(
            OrgKind.LIAISON_GROUP,
            township_owner,
            _join(self.township_name, "政协工作联络组"),
            committee_org[township_owner],
            np.arange(len(township_owner)),
        )
        study_groups = orgs.add(
            OrgKind.STUDY_GROUP, group_owner, _join(group_name, "学习组"), committee_org[group_owner]
        )

        # platforms: an owner (studio) or a leader living in the township (station), and a CPC member who is
        # either the 指导员, or the leader of a party cell under the platform, or (a gap) neither
        members_by_township = np.lexsort((np.arange(self.n), self.member_township))
        township_members = np.bincount(self.member_township, minlength=len(township_owner))
        township_member_start = _starts(township_members)
        duty_sorted = np.flatnonzero(duty)
        duty_sorted = duty_sorted[np.argsort(self.member_committee[duty_sorted], kind="stable")]
        duty_count = np.bincount(self.member_committee[duty], minlength=k)
        duty_start = _starts(duty_count)

        studio_owner_committee, _, _ = numbered(self.n_studios)
        count = len(studio_owner_committee)
        studio_owner = _starts(self.n_members)[studio_owner_committee] + (
            rng.random(count) * self.n_members[studio_owner_committee]
        ).astype(np.int64)
        studios = orgs.add(
            OrgKind.STUDIO,
            studio_owner_committee,
            _join(_take(self.member_name, studio_owner), "委员工作室"),
            committee_org[studio_owner_committee],
            self.member_township[studio_owner],
        )

        station_committee, station_local, _ = numbered(self.n_stations)
        shift = rng.integers(0, np.maximum(self.n_townships, 1))
        station_township = (
            self.township_start[station_committee]
            + (station_local + shift[station_committee]) % self.n_townships[station_committee]
        )
        count = len(station_committee)
        station_leader = members_by_township[
            township_member_start[station_township]
            + (rng.random(count) * township_members[station_township]).astype(np.int64)
        ]
        stations = orgs.add(
            OrgKind.STATION,
            station_committee,
            _join(_take(self.township_name, station_township), "委员联络站"),
            committee_org[station_committee],
            station_township,
        )

        platform = np.concatenate([studios, stations])
        platform_committee = np.concatenate([studio_owner_committee, station_committee])
        platform_head = np.concatenate([studio_owner, station_leader])
        count = len(platform)
        pick = duty_start[platform_committee] + (rng.random(count) * duty_count[platform_committee]).astype(
            np.int64
        )
        party_member = duty_sorted[pick]
        # never the head themself: take the next CPC member of the committee instead
        clash = party_member == platform_head
        nxt = (
            duty_start[platform_committee]
            + (pick - duty_start[platform_committee] + 1) % duty_count[platform_committee]
        )
        party_member = np.where(clash, duty_sorted[nxt], party_member)
        draw = rng.random(count)
        uncovered = draw < 3 * self.gap
        with_cell = ~uncovered & (draw < 3 * self.gap + _PLATFORM_CELL_SHARE)
        platform_names = pa.concat_arrays(
            [
                _join(_take(self.member_name, studio_owner), "委员工作室"),
                _join(_take(self.township_name, station_township), "委员联络站"),
            ]
        )
        cells = orgs.add(
            OrgKind.PARTY_CELL,
            platform_committee[with_cell],
            _join(_take(platform_names, np.flatnonzero(with_cell)), "党小组"),
            platform[with_cell],
        )

        # study groups: the sector group's first convener is the 指导员, unless (a gap) only a member
        study_uncovered = rng.random(len(study_groups)) < 3 * self.gap

        self.org = orgs
        self.org_committee_block = committee_org
        self.org_party_group = party_group
        self.org_organ = (organ_group, organ_committee)
        self.org_functional = functional
        self.org_sector_cell = sector_cell
        self.org_temporary = temporary
        self.org_special = (special, special_start, special_sub_group)
        self.org_sector_groups = sector_groups
        self.org_liaison_groups = liaison_groups
        self.org_study_groups = (study_groups, study_uncovered)
        self.org_platforms = (platform, platform_head, party_member, uncovered, with_cell, cells)
        self.duty_sorted, self.duty_start, self.duty_count = duty_sorted, duty_start, duty_count
        self.progress(f"生成组织：{orgs.size} 个")

    def memberships(self) -> None:
        rng, k = self.rng, self.k
        member_parts: list[np.ndarray] = []
        org_parts: list[np.ndarray] = []
        role_parts: list[np.ndarray] = []

        def add(members: np.ndarray, orgs: np.ndarray, roles: np.ndarray | Role) -> None:
            member_parts.append(np.asarray(members, dtype=np.int64))
            org_parts.append(np.asarray(orgs, dtype=np.int64))
            codes = (
                np.full(len(members), _ROLE_CODES[roles], dtype=np.int8)
                if isinstance(roles, Role)
                else np.asarray(roles, dtype=np.int8)
            )
            role_parts.append(codes)

        def roles(mask: np.ndarray, yes: Role, no: Role = Role.MEMBER) -> np.ndarray:
            return np.where(mask, _ROLE_CODES[yes], _ROLE_CODES[no]).astype(np.int8)

        committee = self.member_committee
        cpc = np.flatnonzero(self.is_cpc)
        pg = np.flatnonzero(self.party_group)
        pg_rank = self.cpc_rank[pg]
        pg_roles = np.where(
            pg_rank == 0,
            _ROLE_CODES[Role.SECRETARY],
            np.where(pg_rank == 1, _ROLE_CODES[Role.DEPUTY_SECRETARY], _ROLE_CODES[Role.MEMBER]),
        )
        add(pg, self.org_party_group[committee[pg]], pg_roles)
        # the secretary-general (last party-group rank) leads the office line
        secretary_general = self.member_with_rank(np.arange(k), self.n_party_group - 1)
        organ_group, organ_committee = self.org_organ
        add(secretary_general, organ_group, Role.SECRETARY)
        add(secretary_general, organ_committee, Role.SECRETARY)

        duty = np.flatnonzero(self.is_cpc & ~self.party_group)
        add(
            duty,
            self.org_functional[self.member_group[duty]],
            roles(self.first_convener[duty], Role.SECRETARY),
        )
        in_cell = duty[self.org_sector_cell[self.member_sector[duty]] >= 0]
        cell = self.org_sector_cell[self.member_sector[in_cell]]
        order = np.argsort(cell, kind="stable")
        in_cell, cell = in_cell[order], cell[order]
        leads = np.zeros(len(cell), dtype=bool)
        leads[_first_of_each(cell)] = True
        add(in_cell, cell, roles(leads, Role.LEADER))
        add(cpc, self.org_temporary[committee[cpc]], roles(self.cpc_rank[cpc] == 0, Role.SECRETARY))

        # special committees: about 40 % of members sit on one; its first duty CPC member directs it
        special, special_start, special_sub_group = self.org_special
        sits = rng.random(self.n) < _SPECIAL_COMMITTEE_SHARE
        seat = special_start[committee] + (rng.random(self.n) * self.n_special[committee]).astype(np.int64)
        seated = np.flatnonzero(sits)
        seat = seat[seated]
        is_duty = self.is_cpc[seated] & ~self.party_group[seated]
        order = np.lexsort((seated, ~is_duty, seat))
        directs = np.zeros(len(seated), dtype=bool)
        directs[order[_first_of_each(seat[order])]] = True
        directs &= is_duty
        add(seated, special[seat], roles(directs, Role.LEADER))
        add(seated[directs], special_sub_group[seat[directs]], Role.MEMBER)

        everyone = np.arange(self.n)
        non_party = ~self.is_cpc
        order = np.lexsort((everyone, ~non_party, self.member_group))
        convener = np.zeros(self.n, dtype=bool)
        firsts = order[_first_of_each(self.member_group[order])]
        convener[firsts[non_party[firsts]]] = True
        group_role = np.where(
            self.first_convener,
            _ROLE_CODES[Role.FIRST_CONVENER],
            np.where(convener, _ROLE_CODES[Role.CONVENER], _ROLE_CODES[Role.MEMBER]),
        )
        add(everyone, self.org_sector_groups[self.member_group], group_role)
        add(everyone, self.org_liaison_groups[self.member_township], roles(self.township_leader, Role.LEADER))
        study_groups, study_uncovered = self.org_study_groups
        instructs = self.first_convener & ~study_uncovered[self.member_group]
        add(everyone, study_groups[self.member_group], roles(instructs, Role.INSTRUCTOR))

        platform, head, party_member, uncovered, with_cell, cells = self.org_platforms
        add(head, platform, Role.LEADER)
        instructor = ~uncovered & ~with_cell
        add(party_member, platform, roles(instructor, Role.INSTRUCTOR))
        add(party_member[with_cell], cells, Role.LEADER)

        self.ms_member = np.concatenate(member_parts)
        self.ms_org = np.concatenate(org_parts)
        self.ms_role = np.concatenate(role_parts)
        self.progress(f"生成组织成员关系：{len(self.ms_member)} 条")

    # liaisons --------------------------------------------------------------------------------------

    def liaisons(self) -> None:
        rng, k = self.rng, self.k
        committee = self.member_committee

        # 党组成员联系界别: each sector group by one party-group member, and each party-group member
        # one sector
        group_local = np.arange(len(self.group_committee)) - self.group_start[self.group_committee]
        group_source = self.member_with_rank(
            self.group_committee, group_local % self.n_party_group[self.group_committee]
        )
        pg = np.flatnonzero(self.party_group)
        pg_committee = committee[pg]
        n_open = self.n_sectors - self.n_party_sectors
        pg_sector = (
            self.sector_start[pg_committee]
            + self.n_party_sectors[pg_committee]
            + self.cpc_rank[pg] % n_open[pg_committee]
        )
        self.sector_liaisons = (
            np.concatenate([group_source, pg]),
            np.concatenate([np.arange(len(group_local)), pg_sector]),
            np.concatenate([np.ones(len(group_local), bool), np.zeros(len(pg), bool)]),
        )

        # 党员委员联系党外委员: both sides sorted by committee and sector group, then non-party member k
        # of n is matched to duty member floor(k*m/n) of m — same group where possible, and every duty
        # member gets between floor(n/m) and ceil(n/m) of them
        duty = np.flatnonzero(self.is_cpc & ~self.party_group)
        duty = duty[np.lexsort((rng.random(len(duty)), self.member_group[duty], committee[duty]))]
        non_party = np.flatnonzero(~self.is_cpc)
        non_party = non_party[
            np.lexsort((rng.random(len(non_party)), self.member_group[non_party], committee[non_party]))
        ]
        m = np.bincount(committee[duty], minlength=k)
        m_start = _starts(m)
        c = committee[non_party]
        count = np.bincount(c, minlength=k)
        position = _rank_in_segment(c, k)
        source = duty[m_start[c] + position * m[c] // count[c]]
        target = non_party
        # a second liaison for about a third of them, from a duty member half a committee away
        second = non_party[rng.random(len(non_party)) < _SECOND_LIAISON_SHARE]
        c2 = committee[second]
        count2 = np.bincount(c2, minlength=k)
        position2 = _rank_in_segment(c2, k)
        source2 = duty[m_start[c2] + (position2 * m[c2] // np.maximum(count2[c2], 1) + m[c2] // 2) % m[c2]]
        source = np.concatenate([source, source2])
        target = np.concatenate([target, second])
        order = np.lexsort((target, source))
        self.member_source, self.member_target = source[order], target[order]
        self.duty_by_group, self.non_party_sorted = duty, non_party
        self.non_party_count, self.non_party_start = count, _starts(count)

        # 党员委员联系镇街: every liaison-group leader their township, and some other duty members theirs
        township = self.township_leader | (
            self.is_cpc & ~self.party_group & (rng.random(self.n) < _TOWNSHIP_LIAISON_SHARE)
        )
        self.township_source = np.flatnonzero(township)
        self.township_target = self.member_township[self.township_source]
        self.progress(f"生成联系：{len(self.member_source)} 条联系党外委员")

    def gaps(self) -> None:
        """Inject gaps; every rate derives from `gap_rate` (none at all when it is 0)."""
        if self.gap <= 0:
            return
        rng, gap = self.rng, self.gap
        committee = self.member_committee
        duty = self.is_cpc & ~self.party_group
        source, target = self.member_source, self.member_target

        # overloaded: a few duty members take four more non-party members of their committee
        heavy = np.flatnonzero(duty & (rng.random(self.n) < gap / 3))
        heavy = np.repeat(heavy, 4)
        hc = committee[heavy]
        extra = self.non_party_sorted[
            self.non_party_start[hc] + (rng.random(len(heavy)) * self.non_party_count[hc]).astype(np.int64)
        ]
        source, target = np.concatenate([source, heavy]), np.concatenate([target, extra])
        pairs = np.unique(source * self.n + target)
        source, target = pairs // self.n, pairs % self.n
        # unlinked non-party members and idle duty members lose their member liaisons
        unlinked = ~self.is_cpc & (rng.random(self.n) < gap)
        idle = duty & (rng.random(self.n) < gap / 3)
        keep = ~unlinked[target] & ~idle[source]
        source, target = source[keep], target[keep]
        # a few liaisons that do not count: recorded from a non-party member of the committee
        wrong = np.flatnonzero(rng.random(len(source)) < gap / 10)
        wc = committee[target[wrong]]
        pick = self.non_party_start[wc] + (rng.random(len(wrong)) * self.non_party_count[wc]).astype(np.int64)
        replacement = self.non_party_sorted[pick]
        clash = replacement == target[wrong]
        nxt = self.non_party_start[wc] + (pick - self.non_party_start[wc] + 1) % self.non_party_count[wc]
        source[wrong] = np.where(clash, self.non_party_sorted[nxt], replacement)
        pairs, first = np.unique(source * self.n + target, return_index=True)
        self.member_source, self.member_target = source[np.sort(first)], target[np.sort(first)]

        # unorganized: drop every membership in an organizing party organization
        unorganized = duty & (rng.random(self.n) < gap / 3)
        organizing = np.isin(self.org_kind_codes(), [_ORG_KIND_CODES[kd] for kd in ORGANIZING_KINDS])
        drop = unorganized[self.ms_member] & organizing[self.ms_org]

        # sector groups without a first convener
        no_convener = rng.random(len(self.group_committee)) < gap
        convener = self.ms_role == _ROLE_CODES[Role.FIRST_CONVENER]
        demote = convener & no_convener[self.member_group[self.ms_member]]
        self.ms_role = np.where(demote, _ROLE_CODES[Role.MEMBER], self.ms_role).astype(np.int8)

        # liaison groups without any CPC member
        township_count = len(self.township_committee)
        no_cpc = rng.random(township_count) < gap / 2
        liaison_org = np.full(self.org.size, -1, dtype=np.int64)
        liaison_org[self.org_liaison_groups] = np.arange(township_count)
        township_of_org = liaison_org[self.ms_org]
        drop |= (township_of_org >= 0) & no_cpc[np.maximum(township_of_org, 0)] & self.is_cpc[self.ms_member]
        self.ms_member, self.ms_org, self.ms_role = (
            self.ms_member[~drop],
            self.ms_org[~drop],
            self.ms_role[~drop],
        )

        # sector groups nobody liaises with directly, townships without a township liaison
        sources, targets, to_group = self.sector_liaisons
        uncovered = rng.random(len(self.group_committee)) < 2 * gap
        keep = ~(to_group & uncovered[np.where(to_group, targets, 0)])
        self.sector_liaisons = (sources[keep], targets[keep], to_group[keep])
        quiet = rng.random(township_count) < 2 * gap
        keep = ~quiet[self.township_target]
        self.township_source, self.township_target = self.township_source[keep], self.township_target[keep]

    def org_kind_codes(self) -> np.ndarray:
        return np.concatenate(self.org.kind)

    # tables ----------------------------------------------------------------------------------------

    def tables(self, with_contacts: bool) -> dict[str, pd.DataFrame]:
        rng, k = self.rng, self.k
        org_count = self.org.size
        member_ids = _ids("M", self.n, _width(self.n, 4))
        sector_ids = _ids("S", len(self.sector_committee), _width(len(self.sector_committee), 3))
        township_ids = _ids("T", len(self.township_committee), _width(len(self.township_committee), 3))
        org_ids = _ids("O", org_count, _width(org_count, 3))
        committee_ids = _take(org_ids, np.arange(k))

        committee = self.member_committee
        member_committee = _take(committee_ids, committee)
        # a few members of a lower committee also sit on the committee above it
        above = self.parent[committee]
        both = (above >= 0) & (rng.random(self.n) < self.scale.two_committee_rate)
        if both.any():
            pair = _join(_take(committee_ids, np.maximum(above, 0)), ";", member_committee)
            member_committee = pc.if_else(pa.array(both), pair, member_committee)
        party_names = _strings([PARTY_ZH[p] for p in _PARTIES])
        roles = self._member_roles()
        sector_name = _take(self.sector_name, self.member_sector)
        enterprise_sector = pc.is_in(sector_name, value_set=_strings(_ENTERPRISE_SECTORS)).to_numpy(
            zero_copy_only=False
        )
        has_enterprise = rng.random(self.n) < np.where(enterprise_sector, 0.6, 0.05)
        enterprise = _join(
            _place_names(rng.integers(0, _PLACES, self.n)),
            _take(_strings(_INDUSTRIES), rng.integers(0, len(_INDUSTRIES), self.n)),
            "有限公司",
        )
        members = pd.DataFrame(
            {
                "id": _column(member_ids),
                "name": _column(self.member_name),
                "party": _column(_take(party_names, self.party)),
                "committee": _column(member_committee),
                "sector": _column(_take(sector_ids, self.member_sector)),
                "township": _column(_take(township_ids, self.member_township)),
                "roles": _column(roles),
                "party_group": _column(_take(_strings(["否", "是"]), self.party_group.astype(np.int64))),
                "enterprise": _column(pc.if_else(pa.array(has_enterprise), enterprise, "")),
            }
        )
        sectors = pd.DataFrame(
            {
                "id": _column(sector_ids),
                "name": _column(self.sector_name),
                "group": _column(_take(org_ids, self.org_sector_groups[self.sector_group])),
                "committee": _column(_take(committee_ids, self.sector_committee)),
            }
        )
        townships = pd.DataFrame(
            {
                "id": _column(township_ids),
                "name": _column(self.township_name),
                "kind": _column(self.township_kind),
                "committee": _column(_take(committee_ids, self.township_committee)),
            }
        )
        org_kind = self.org_kind_codes()
        org_committee = np.concatenate(self.org.committee)
        organizations = pd.DataFrame(
            {
                "id": _column(org_ids),
                "name": _column(pa.concat_arrays(self.org.name)),
                "kind": _column(_take(_strings([ORG_KIND_ZH[kd] for kd in _ORG_KINDS]), org_kind)),
                "parent": _column(_take_or_empty(org_ids, np.concatenate(self.org.parent))),
                "township": _column(_take_or_empty(township_ids, np.concatenate(self.org.township))),
                "committee": _column(_take(committee_ids, org_committee)),
            }
        )
        order = np.lexsort((self.ms_member, self.ms_org))
        memberships = pd.DataFrame(
            {
                "member": _column(_take(member_ids, self.ms_member[order])),
                "organization": _column(_take(org_ids, self.ms_org[order])),
                "role": _column(_take(_strings([ROLE_ZH[r] for r in _ROLES]), self.ms_role[order])),
            }
        )
        self.progress(f"生成联系表：{len(memberships)} 条组织成员关系")

        sources, targets, to_group = self.sector_liaisons
        sector_target = pc.if_else(
            pa.array(to_group),
            _take(org_ids, self.org_sector_groups[np.where(to_group, targets, 0)]),
            _take(sector_ids, np.where(to_group, 0, targets)),
        )
        blocks = [
            (sources, sector_target, LiaisonKind.SECTOR),
            (self.member_source, _take(member_ids, self.member_target), LiaisonKind.MEMBER),
            (self.township_source, _take(township_ids, self.township_target), LiaisonKind.TOWNSHIP),
        ]
        contacts = None
        if with_contacts:
            contacts, contact_source, contact_ids = self._contacts(township_ids)
            blocks.append((contact_source, contact_ids, LiaisonKind.CONTACT))
        source = np.concatenate([b[0] for b in blocks])
        kinds = np.concatenate([np.full(len(b[0]), i, dtype=np.int8) for i, b in enumerate(blocks)])
        liaisons = pd.DataFrame(
            {
                "source": _column(_take(member_ids, source)),
                "target": _column(pa.chunked_array([b[1] for b in blocks], type=pa.string())),
                "kind": _column(_take(_strings([b[2].value for b in blocks]), kinds)),
                "since": _column(_take(self.dates, rng.integers(0, len(self.dates), len(source)))),
                "note": _column(pa.array(np.full(len(source), "", dtype=object), type=pa.string())),
            }
        )
        tables = {
            "members": members,
            "sectors": sectors,
            "townships": townships,
            "organizations": organizations,
            "memberships": memberships,
            "liaisons": liaisons,
        }
        if contacts is not None:
            tables["contacts"] = contacts
        for name, frame in tables.items():
            assert list(frame.columns) == list(TABLES[name].column_names), name
        return tables

    def _member_roles(self) -> pa.Array:
        """`members.roles`: chair, vice-chairs, secretary-general, standing-committee members …"""
        rng = self.rng
        titles = _strings(
            [
                "委员",
                "常委",
                "主席;党组书记",
                "副主席;党组副书记",
                "副主席;党组成员",
                "秘书长;党组成员",
                "党组成员",
                "副主席",
            ]
        )
        rank = self.cpc_rank
        size = self.n_party_group[self.member_committee]
        code = np.where(rng.random(self.n) < _STANDING_SHARE, 1, 0)
        pg = self.party_group
        code = np.where(
            pg, np.select([rank == 0, rank == 1, rank < 4, rank == size - 1], [2, 3, 4, 5], 6), code
        )
        # two non-party vice-chairs per committee
        non_party = np.flatnonzero(~self.is_cpc)
        vice = non_party[_rank_in_segment(self.member_committee[non_party], self.k) < 2]
        code[vice] = 7
        return _take(titles, code)

    def _contacts(self, township_ids: pa.Array) -> tuple[pd.DataFrame, np.ndarray, pa.Array]:
        rng = self.rng
        mean = np.array([lvl.contacts_per_member for lvl in self.scale.levels])[
            self.level[self.member_committee]
        ]
        per_member = rng.poisson(mean)
        source = np.repeat(np.arange(self.n), per_member)
        count = len(source)
        ids = _ids("P", count, _width(count, 4))
        contacts = pd.DataFrame(
            {
                "id": _column(ids),
                "name": _column(_person_names(rng, count)),
                "township": _column(_take(township_ids, self.member_township[source])),
            }
        )
        self.progress(f"生成联系群众：{count} 人")
        return contacts, source, ids


def generate_tables(
    scale: str | Scale,
    *,
    seed: int = 0,
    contacts: bool = True,
    gap_rate: float = DEFAULT_GAP_RATE,
    progress: Progress | None = None,
) -> dict[str, pd.DataFrame]:
    """Generate the tables of a whole committee system.

    Parameters
    ----------
    scale
        A key of :data:`SCALES` ("county", "city", "province", "national") or a :class:`Scale`.
    seed
        Seed of the random generator: the same seed gives the same tables.
    contacts
        Whether to generate contacts (≈ 10 per member, each with a `contact` liaison).
    gap_rate
        Base rate of the injected gaps: `gap_rate` of non-party members are unlinked; a third of it of the
        duty CPC members are unorganized, idle or overloaded (4 more non-party members); twice it of the
        sector groups and of the townships lack their liaison; it of the sector groups lack a first
        convener; half of it of the liaison groups have no CPC member; three times it of the platforms have
        neither party organization nor instructor; a tenth of it of the member liaisons come from a
        non-party member (a validation warning). 0 gives a system without any gap.
    progress
        Called with a short Chinese status line after each step.

    Returns
    -------
    The tables by name, in model order, with the canonical English headers; values as a roster writes them
    (Chinese party, organization kind and role names; 是/否).
    """
    spec = SCALES[scale] if isinstance(scale, str) else scale
    if len(spec.children) != len(spec.levels) - 1:
        raise ValueError("a scale needs one children range per level but the last")
    if not 0 <= gap_rate <= 0.2:
        raise ValueError("gap_rate must be between 0 and 0.2")
    system = _System(spec, np.random.default_rng(seed), gap_rate, progress)
    system.committees()
    system.sectors()
    system.members()
    system.organizations()
    system.memberships()
    system.liaisons()
    system.gaps()
    return system.tables(contacts)


def generate(
    scale: str | Scale,
    out: Path,
    *,
    seed: int = 0,
    contacts: bool = True,
    fmt: Literal["csv", "xlsx"] = "csv",
    gap_rate: float = DEFAULT_GAP_RATE,
    progress: Progress | None = None,
    force: bool = False,
) -> list[Path]:
    """Generate a committee system and write it as a dataset.

    Parameters
    ----------
    scale, seed, contacts, gap_rate
        As for :func:`generate_tables`.
    out
        The folder of CSV files (`fmt="csv"`), or the workbook to write (`fmt="xlsx"`). The folder is written
        beside and renamed into place, so it holds exactly one consistent dataset.
    force
        Replace a folder that is not empty (without it, such a folder is refused: it may hold a real roster).
    fmt
        "csv" (UTF-8 with BOM, one file per table) or "xlsx" (one sheet per table; only for systems whose
        tables fit in a sheet: up to the city scale with contacts, the province scale without).
    progress
        Called with a short Chinese status line after each step.

    Returns
    -------
    The files written.
    """
    out = Path(out)
    if fmt not in ("csv", "xlsx"):
        raise ValueError(f"unknown format {fmt!r}: use 'csv' or 'xlsx'")
    tables = generate_tables(scale, seed=seed, contacts=contacts, gap_rate=gap_rate, progress=progress)
    if fmt == "xlsx":
        too_long = [name for name, frame in tables.items() if len(frame) > XLSX_MAX_ROWS]
        if too_long:
            raise ValueError(f"too many rows for an Excel sheet in {', '.join(too_long)}: write CSV instead")
        if progress:
            progress(f"写入 {out.name}")
        return [write_xlsx_tables(tables, out)]
    return write_csv_tables(
        tables, out, force=force, progress=(lambda name: progress(f"写入 {name}")) if progress else None
    )

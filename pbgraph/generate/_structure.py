"""The structure of a generated system: committees, sectors, members and organizations."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from pbgraph._errors import InvalidOptionError
from pbgraph._texts import say
from pbgraph._texts.cli import GENERATE
from pbgraph.generate._arrays import Progress, _draw, _join, _Orgs, _rank_in_segment, _starts, _strings, _take
from pbgraph.generate._words import (
    _NUMERALS,
    _OPEN_SECTOR_WEIGHTS,
    _OPEN_SECTORS,
    _OWN_SECTOR_SHARE,
    _PARTY_SECTORS,
    _PLACE_STRIDE,
    _PLACES,
    _PLATFORM_CELL_SHARE,
    _SPECIAL_COMMITTEES,
    _person_names,
    _place_names,
)
from pbgraph.generate.scales import Scale
from pbgraph.model import (
    OrgKind,
)

# ----------------------------------------------------------------------------------------------------
# the generator


class Structure:
    """Builds one system step by step; every attribute is a numpy array over committees, sectors, members …

    Positions are global integers (committee c, sector s, member m …); ids are given only at the end.
    """

    def __init__(
        self,
        scale: Scale,
        rng: np.random.Generator,
        gap_rate: float,
        progress: Progress | None,
        lang: str = "zh",
    ):
        self.scale = scale
        self.rng = rng
        self.gap = gap_rate
        self.progress = progress or (lambda _: None)
        self.lang = lang
        self.dates = _strings(
            [f"{y}-{m:02d}-{d:02d}" for y in (2022, 2023, 2024) for m in range(1, 13) for d in (6, 18)]
        )

    def say(self, key: str, **values: Any) -> None:
        """Report a step's progress in the chosen language."""
        self.progress(say(GENERATE, key, self.lang, **values))

    def estimated_rows(self, with_contacts: bool) -> dict[str, int]:
        """The rows the largest tables will have, known once the committees are drawn: the members
        exactly; the contacts (and as many contact liaisons) by their expected number."""
        rows = {"members": int(self.n_members.sum())}
        if with_contacts:
            mean = np.array([lvl.contacts_per_member for lvl in self.scale.levels])[self.level]
            rows["contacts"] = rows["liaisons"] = int((self.n_members * mean).sum())
        return rows

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
            raise InvalidOptionError("scale has too few members for its CPC share")
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
        self.say("committees", k=k)

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
        self.say("sectors", sectors=len(committee), townships=n)

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
        self.say("members", n=n, cpc=int(is_cpc.sum()))

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
        self.say("organizations", n=orgs.size)

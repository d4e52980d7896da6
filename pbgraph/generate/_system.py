"""Memberships, liaisons and gaps of a generated system, and its tables as a roster writes them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pbgraph._arrays import first_of_each
from pbgraph.generate._arrays import (
    _ORG_KIND_CODES,
    _ORG_KINDS,
    _ROLE_CODES,
    _ROLES,
    _column,
    _ids,
    _join,
    _rank_in_segment,
    _starts,
    _strings,
    _take,
    _take_or_empty,
    _width,
)
from pbgraph.generate._structure import Structure
from pbgraph.generate._words import (
    _ENTERPRISE_SECTORS,
    _INDUSTRIES,
    _PARTIES,
    _PLACES,
    _SECOND_LIAISON_SHARE,
    _SPECIAL_COMMITTEE_SHARE,
    _STANDING_SHARE,
    _TOWNSHIP_LIAISON_SHARE,
    _person_names,
    _place_names,
)
from pbgraph.model import (
    ORG_KIND_ZH,
    ORGANIZING_KINDS,
    PARTY_ZH,
    ROLE_ZH,
    TABLES,
    LiaisonKind,
    Role,
)


class System(Structure):
    """The whole system: the structure, then memberships, liaisons, gaps and the tables."""

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
        leads[first_of_each(cell)] = True
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
        directs[order[first_of_each(seat[order])]] = True
        directs &= is_duty
        add(seated, special[seat], roles(directs, Role.LEADER))
        add(seated[directs], special_sub_group[seat[directs]], Role.MEMBER)

        everyone = np.arange(self.n)
        non_party = ~self.is_cpc
        order = np.lexsort((everyone, ~non_party, self.member_group))
        convener = np.zeros(self.n, dtype=bool)
        firsts = order[first_of_each(self.member_group[order])]
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
        self.say("memberships", n=len(self.ms_member))

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
        self.say("liaisons", n=len(self.member_source))

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
        self.say("tables", n=len(memberships))

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
        self.say("contacts", n=count)
        return contacts, source, ids

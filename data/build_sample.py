"""Build the sample dataset `data/sample/` (CSV) and `data/sample.xlsx`: the fictional county committee
示例区政协 of DESIGN section 6, with its deliberate, documented gaps.

The committee is generated clean (`gap_rate=0`: no gap at all) in the shape of seed 000 — about 250
members, 6 sector groups over 20 sectors, 14 townships, a party group of 8 — then the gaps are injected one
by one, each chosen by a rule so that it is the only thing an analysis flags. `data/sample/README.md` is
written from the result, so the ids it lists are the ids in the files.

Run from the repository root::

    .venv/bin/python data/build_sample.py
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

import pbgraph
from pbgraph._write import atomic_open
from pbgraph.generate import COUNTY, Scale, generate_tables
from pbgraph.generate.activities import ACTIVITY_YEAR, generate_activities
from pbgraph.io import write_csv_tables, write_xlsx_tables
from pbgraph.model import (
    ACTIVITY_KIND_ZH,
    LIAISON_ACTIVITY_KINDS,
    MEETING_KINDS,
    ORG_KIND_ZH,
    ORGANIZING_KINDS,
    PARTY_ZH,
    ROLE_ZH,
    TABLES,
    OrgKind,
    Party,
    Role,
)

HERE = Path(__file__).resolve().parent
FOLDER = HERE / "sample"
WORKBOOK = HERE / "sample.xlsx"
SEED = 20240601
COMMITTEE_ID = "C001"
PLACE = "示例区"
OVERLOAD = 7
UNLINKED = 4

SAMPLE_COUNTY = dataclasses.replace(
    COUNTY,
    place_suffixes=("区",),
    members=(250, 250),
    sectors=(20, 20),
    sector_groups=(6, 6),
    townships=(14, 14),
    party_group=(8, 8),
    special_committees=(5, 5),
    studios=(4, 4),
    stations=(6, 6),
    contacts_per_member=1.2,
)
"""Seed 000's county: 6 sector groups, 14 townships; few contacts are on record."""

CPC = PARTY_ZH[Party.CPC]
YES = "是"


def _kind(kind: OrgKind) -> str:
    return ORG_KIND_ZH[kind]


class Sample:
    """The sample's tables (English headers, roster values) and a record of every injected gap."""

    def __init__(self) -> None:
        self.tables = generate_tables(Scale((SAMPLE_COUNTY,)), seed=SEED, gap_rate=0.0, activities=False)
        self.rng = np.random.default_rng(SEED)
        self.gaps: dict[str, list[str]] = {}
        self._rename_committee()

    # views -----------------------------------------------------------------------------------------

    @property
    def members(self) -> pd.DataFrame:
        return self.tables["members"]

    @property
    def liaisons(self) -> pd.DataFrame:
        return self.tables["liaisons"]

    @property
    def memberships(self) -> pd.DataFrame:
        return self.tables["memberships"]

    @property
    def organizations(self) -> pd.DataFrame:
        return self.tables["organizations"]

    def name(self, node_id: str) -> str:
        for table in ("members", "sectors", "townships", "organizations"):
            frame = self.tables[table]
            hit = frame.loc[frame["id"] == node_id, "name"]
            if len(hit):
                return str(hit.iat[0])
        raise KeyError(node_id)

    def duty_members(self) -> pd.Series:
        """CPC members outside the party group, in table order."""
        members = self.members
        return members.loc[(members["party"] == CPC) & (members["party_group"] != YES), "id"]

    def non_party_members(self) -> pd.Series:
        return self.members.loc[self.members["party"] != CPC, "id"]

    def member_liaisons(self) -> pd.DataFrame:
        """Member liaisons that count: CPC source, non-party target."""
        liaisons = self.liaisons
        cpc = set(self.members.loc[self.members["party"] == CPC, "id"])
        counting = (
            (liaisons["kind"] == "member") & liaisons["source"].isin(cpc) & ~liaisons["target"].isin(cpc)
        )
        return liaisons[counting]

    def load(self) -> pd.Series:
        """Distinct non-party members per CPC member outside the party group (0 for none)."""
        pairs = self.member_liaisons().drop_duplicates(["source", "target"])
        return pairs.groupby("source").size().reindex(self.duty_members(), fill_value=0)

    def group_of(self, member_id: str) -> str:
        sector = self.members.loc[self.members["id"] == member_id, "sector"].iat[0]
        return str(self.tables["sectors"].loc[self.tables["sectors"]["id"] == sector, "group"].iat[0])

    def roles_of(self, member_id: str) -> set[str]:
        return set(self.memberships.loc[self.memberships["member"] == member_id, "role"])

    def pick(self, candidates: list[str]) -> str:
        """One of the candidates, chosen by the sample's seed (never an empty choice)."""
        if not candidates:
            raise RuntimeError("no candidate left for a gap: change SEED")
        return str(candidates[int(self.rng.integers(0, len(candidates)))])

    # edits -----------------------------------------------------------------------------------------

    def _rename_committee(self) -> None:
        orgs = self.organizations
        old_id = str(orgs.loc[orgs["kind"] == _kind(OrgKind.COMMITTEE), "id"].iat[0])
        old_place = str(orgs.loc[orgs["id"] == old_id, "name"].iat[0]).removesuffix("政协")
        for name, frame in self.tables.items():
            for column in ("committee", "parent", "group"):
                if column in frame.columns:
                    frame[column] = frame[column].replace(old_id, COMMITTEE_ID)
            if name == "organizations":
                frame["id"] = frame["id"].replace(old_id, COMMITTEE_ID)
                frame["name"] = frame["name"].str.replace(old_place, PLACE, regex=False)

    def _drop_liaisons(self, mask: pd.Series) -> None:
        self.tables["liaisons"] = self.liaisons[~mask.to_numpy()].reset_index(drop=True)

    def _add_liaisons(self, rows: list[dict[str, str]]) -> None:
        columns = TABLES["liaisons"].column_names
        extra = pd.DataFrame([{c: row.get(c, "") for c in columns} for row in rows], columns=list(columns))
        self.tables["liaisons"] = pd.concat([self.liaisons, extra], ignore_index=True)

    def _since(self) -> str:
        month = int(self.rng.integers(1, 13))
        return f"2024-{month:02d}-{int(self.rng.integers(1, 29)):02d}"

    # the gaps --------------------------------------------------------------------------------------

    def sector_without_liaison(self) -> None:
        """Sector group G loses its own liaison; its sectors but one get a direct one instead."""
        sectors, liaisons = self.tables["sectors"], self.liaisons
        groups = self.organizations.loc[
            self.organizations["kind"] == _kind(OrgKind.SECTOR_GROUP), "id"
        ].tolist()
        group = groups[-1]
        own = sectors.loc[sectors["group"] == group, "id"].tolist()
        to_group = (liaisons["kind"] == "sector") & (liaisons["target"] == group)
        liaiser = str(liaisons.loc[to_group, "source"].iat[0])
        self._drop_liaisons(to_group)
        uncovered = own[-1]
        self._drop_liaisons((self.liaisons["kind"] == "sector") & (self.liaisons["target"] == uncovered))
        direct = set(self.liaisons.loc[self.liaisons["kind"] == "sector", "target"])
        self._add_liaisons(
            [
                {"source": liaiser, "target": sector, "kind": "sector", "since": self._since()}
                for sector in own[:-1]
                if sector not in direct
            ]
        )
        self.gaps["sector"] = [uncovered]
        self.gaps["sector_group"] = [group]
        self.gaps["sector_group_liaiser"] = [liaiser]

    def township_without_liaison(self) -> None:
        """The township with the most members loses every township liaison; its liaison group stays."""
        counts = self.members["township"].value_counts(sort=False)
        township = str(counts.sort_index().idxmax())
        self._drop_liaisons((self.liaisons["kind"] == "township") & (self.liaisons["target"] == township))
        self.gaps["township"] = [township]

    def studio_without_party(self) -> None:
        """A studio whose CPC member is recorded as a plain member, not as its 指导员."""
        orgs, ms = self.organizations, self.memberships
        studios = orgs.loc[orgs["kind"] == _kind(OrgKind.STUDIO), "id"]
        with_child = set(orgs["parent"])
        instructed = ms.loc[ms["role"] == ROLE_ZH[Role.INSTRUCTOR], "organization"]
        candidates = [s for s in studios if s in set(instructed) and s not in with_child]
        studio = self.pick(candidates)
        row = (ms["organization"] == studio) & (ms["role"] == ROLE_ZH[Role.INSTRUCTOR])
        ms.loc[row, "role"] = ROLE_ZH[Role.MEMBER]
        self.gaps["studio"] = [studio]
        self.gaps["studio_cpc_member"] = ms.loc[row, "member"].tolist()

    def overloaded_and_idle(self) -> None:
        """X hands over every non-party member to Y of the same sector group; Y then takes more, up to 7."""
        load = self.load()
        plain = [m for m in self.duty_members() if self.roles_of(m) <= {ROLE_ZH[Role.MEMBER]}]
        taken = set(self.gaps.get("studio_cpc_member", []))
        overloaded = self.pick([m for m in plain if m not in taken and load[m] >= 2])
        group = self.group_of(overloaded)
        same_group = [m for m in plain if m not in taken | {overloaded} and self.group_of(m) == group]
        idle = self.pick(same_group)
        liaisons = self.liaisons
        handed = (liaisons["kind"] == "member") & (liaisons["source"] == idle)
        liaisons.loc[handed, "source"] = overloaded
        self.tables["liaisons"] = liaisons.drop_duplicates(["source", "target", "kind"], ignore_index=True)
        pairs = self.member_liaisons()
        targets = set(pairs.loc[pairs["source"] == overloaded, "target"])
        more = [m for m in self.non_party_members() if m not in targets and self.group_of(m) == group]
        more += [m for m in self.non_party_members() if m not in targets and m not in more]
        self._add_liaisons(
            [
                {"source": overloaded, "target": m, "kind": "member", "since": self._since()}
                for m in more[: OVERLOAD - len(targets)]
            ]
        )
        self.gaps["overloaded"] = [overloaded]
        self.gaps["idle"] = [idle]

    def unorganized(self) -> None:
        """A CPC member left only in the plenary's temporary branch."""
        load = self.load()
        busy = set(self.gaps["overloaded"] + self.gaps["idle"] + self.gaps.get("studio_cpc_member", []))
        plain = [
            m
            for m in self.duty_members()
            if self.roles_of(m) <= {ROLE_ZH[Role.MEMBER]} and m not in busy and load[m] >= 1
        ]
        member = self.pick(plain)
        kinds = dict(zip(self.organizations["id"], self.organizations["kind"], strict=True))
        organizing = {ORG_KIND_ZH[kind] for kind in ORGANIZING_KINDS}
        ms = self.memberships
        drop = (ms["member"] == member) & ms["organization"].map(kinds).isin(organizing)
        self.tables["memberships"] = ms[~drop.to_numpy()].reset_index(drop=True)
        self.gaps["unorganized"] = [member]

    def unlinked(self) -> None:
        """Non-party members lose their only liaison; a non-party member records one to the last of them."""
        load = self.load()
        pairs = self.member_liaisons()
        sources_of = {str(t): [str(s) for s in group] for t, group in pairs.groupby("target")["source"]}
        keep_busy = set(self.gaps["overloaded"] + self.gaps["idle"])
        candidates = [
            target
            for target, sources in sources_of.items()
            if len(sources) == 1 and sources[0] not in keep_busy and load[sources[0]] >= 2
        ]
        chosen: list[str] = []
        used_sources: set[str] = set()
        while len(chosen) < UNLINKED:
            target = self.pick([t for t in candidates if sources_of[t][0] not in used_sources])
            chosen.append(target)
            used_sources.add(sources_of[target][0])
        chosen.sort()
        self._drop_liaisons((self.liaisons["kind"] == "member") & self.liaisons["target"].isin(chosen))
        # a democratic-party member of the same sector group records a "member" liaison: it does not count
        last = chosen[-1]
        members = self.members
        democratic = {PARTY_ZH[p] for p in _DEMOCRATIC}
        party_of = dict(zip(members["id"], members["party"], strict=True))
        peers = [
            str(m)
            for m in members["id"]
            if party_of[m] in democratic and m not in chosen and self.group_of(m) == self.group_of(last)
        ]
        source = self.pick(peers)
        self._add_liaisons(
            [
                {
                    "source": source,
                    "target": last,
                    "kind": "member",
                    "since": self._since(),
                    "note": "同界别委员结对",
                }
            ]
        )
        self.gaps["unlinked"] = chosen
        self.gaps["non_counting_source"] = [source]

    # the activity log: every liaison exercised and every duty-line organization meeting, but these -----

    def activities(self) -> None:
        """A year of activities for the finished network, then three documented findings."""
        activities = generate_activities(
            self.tables, seed=SEED, never_share=0.0, lapsed_share=0.0, silent_share=0.0
        )
        liaison_kinds = {ACTIVITY_KIND_ZH[k] for k in LIAISON_ACTIVITY_KINDS}
        meeting_kinds = {ACTIVITY_KIND_ZH[k] for k in MEETING_KINDS}
        listed = activities["members"].str.split(";")
        is_liaison = activities["kind"].isin(liaison_kinds)
        busy = {i for key, ids in self.gaps.items() if key != "sector" for i in ids}
        load = self.load()
        # 把说了当做了: a CPC member whose liaisons exist on paper only
        paper = self.pick([m for m in self.duty_members() if m not in busy and load[m] >= 2])
        on_paper = is_liaison & listed.map(lambda ms: paper in ms)
        # a liaison last exercised in the year before: another CPC member and one of their non-party members
        pairs = self.member_liaisons().drop_duplicates(["source", "target"])
        pairs = pairs[~pairs["source"].isin(busy | {paper})]
        lapsed = pairs.iloc[int(self.rng.integers(0, len(pairs)))]
        source, target = str(lapsed["source"]), str(lapsed["target"])
        of_lapsed = (
            is_liaison
            & listed.map(lambda ms: source in ms)
            & ((activities["target"] == target) | listed.map(lambda ms: target in ms))
        )
        activities.loc[of_lapsed, "date"] = activities.loc[of_lapsed, "date"].str.replace(
            str(ACTIVITY_YEAR), str(ACTIVITY_YEAR - 1), n=1, regex=False
        )
        # a functional branch that never met (组织生活不经常)
        orgs = self.organizations
        branches = orgs.loc[orgs["kind"] == _kind(OrgKind.FUNCTIONAL_BRANCH), "id"].tolist()
        silent = self.pick(branches)
        of_silent = activities["kind"].isin(meeting_kinds) & (activities["organization"] == silent)
        activities = activities[~(on_paper | of_silent).to_numpy()]
        order = np.argsort(activities["date"].to_numpy(dtype=str), kind="stable")
        self.tables["activities"] = activities.iloc[order].reset_index(drop=True)
        self.gaps["paper_only"] = [paper]
        self.gaps["lapsed"] = [source, target]
        self.gaps["silent_branch"] = [silent]

    def build(self) -> None:
        self.sector_without_liaison()
        self.township_without_liaison()
        self.studio_without_party()
        self.overloaded_and_idle()
        self.unorganized()
        self.unlinked()
        self.activities()


_DEMOCRATIC = (Party.RCCK, Party.CDL, Party.CNDCA, Party.CAPD, Party.CPWDP, Party.CZGP, Party.JS, Party.TDSGL)

MEMBER_HEADERS_ZH = {column.name: column.zh for column in TABLES["members"].columns}
"""members.csv is written with Chinese headers (编号, 姓名, 政治面貌 …), the others with English ones."""


def write(sample: Sample) -> None:
    tables = dict(sample.tables)
    tables["members"] = tables["members"].rename(columns=MEMBER_HEADERS_ZH)
    for stale in FOLDER.glob("*.csv"):
        if stale.stem not in tables:
            stale.unlink()
    written = write_csv_tables(tables, FOLDER)
    write_xlsx_tables(tables, WORKBOOK)
    _normalize_xlsx(WORKBOOK)
    # the atomic writers create private files; these are meant to be read by anyone
    for path in [*written, WORKBOOK]:
        path.chmod(0o644)


def _normalize_xlsx(path: Path) -> None:
    """Give the workbook fixed timestamps, so that rebuilding an unchanged sample changes no byte."""
    fixed = "2024-06-01T00:00:00Z"
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + fixed.encode(), data
                )
            entry = zipfile.ZipInfo(info.filename, date_time=(2024, 6, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    with atomic_open(path, "wb") as handle:
        handle.write(buffer.getvalue())


def readme(sample: Sample, ds: pbgraph.Dataset) -> str:
    """The sample's README: files, row counts, every gap with ids and names, and the expected warnings."""
    gaps, name = sample.gaps, sample.name

    contact_names = dict(zip(ds.contacts["id"], ds.contacts["name"], strict=True))

    def who(key: str | list[str]) -> str:
        ids = gaps[key] if isinstance(key, str) else key
        return "、".join(f"`{i}` {contact_names[i] if i in contact_names else name(i)}" for i in ids)

    members, orgs, liaisons = ds.members, ds.organizations, ds.liaisons
    cpc = members["party"] == "CPC"
    n_cpc, n_non_party = int(cpc.sum()), int((~cpc).sum())
    counting = (
        (liaisons["kind"] == "member")
        & liaisons["source"].isin(members.loc[cpc, "id"])
        & liaisons["target"].isin(members.loc[~cpc, "id"])
    )
    pairs = liaisons[counting].drop_duplicates(["source", "target"])
    fragile = int((pairs.groupby("target").size() == 1).sum())
    overload = int((pairs["source"] == gaps["overloaded"][0]).sum())
    group_sectors = ds.sectors.loc[ds.sectors["group"] == gaps["sector_group"][0], "id"]
    covered_sectors = [s for s in group_sectors if s not in gaps["sector"]]
    township_group = orgs.loc[
        (orgs["kind"] == "liaison_group") & (orgs["township"] == gaps["township"][0]), "id"
    ].iat[0]
    group_members = ds.memberships.loc[ds.memberships["organization"] == township_group, "member"]
    group_cpc = int(group_members.isin(members.loc[cpc, "id"]).sum())

    parties = members["party"].value_counts()
    party_line = "、".join(f"{PARTY_ZH[p]} {parties[p]}" for p in Party if p in parties)
    kinds = orgs["kind"].value_counts()
    org_line = "、".join(f"{ORG_KIND_ZH[k]} {kinds[k]}" for k in OrgKind if k in kinds)
    liaison_line = ", ".join(f"{k} {v}" for k, v in liaisons["kind"].value_counts().items())
    file_rows = "\n".join(
        f"| `{table}.csv` | {len(frame)} | {'Chinese' if table == 'members' else 'English'} |"
        for table, frame in sample.tables.items()
    )
    warning_lines = "\n".join(f"- {w.message('en')}" for w in ds.warnings)
    from pbgraph.analyses import activity_rates, dormant, org_life
    from pbgraph.period import activity_period

    period = activity_period(ds)
    assert period is not None
    kinds_of = ds.activities["kind"]
    n_meetings = int(kinds_of.isin([k.value for k in MEETING_KINDS]).sum())
    n_liaison_activities = len(ds.activities) - n_meetings
    dormant_rows = dormant(ds)
    paper_targets = dormant_rows.loc[dormant_rows["source"] == gaps["paper_only"][0], "target"].tolist()
    lapsed_last = dormant_rows.loc[dormant_rows["source"] == gaps["lapsed"][0], "last_activity"].iat[0]
    silent_only = org_life(ds)["id"].tolist()
    overall = activity_rates(ds).iloc[-1]
    active, total = int(overall["active_liaisons"]), int(overall["liaisons"])
    effective = int(overall["effectively_linked_non_party_members"])
    linked = set(pairs["target"])
    paper_member_targets_only = sorted(
        t
        for t in paper_targets
        if t in linked and set(pairs.loc[pairs["target"] == t, "source"]) == set(gaps["paper_only"])
    )
    return f"""# Sample dataset: 示例区政协 (fictional)

A fictional county-level CPPCC committee, **{name(COMMITTEE_ID)}** (`{COMMITTEE_ID}`), modelled on seed
000 (a 区政协 with 6 sector groups and 14 township liaison groups). Every person, place and enterprise is
invented (common surnames and given names drawn from a fixed seed); nothing refers to a real person.

Built by `data/build_sample.py` (deterministic: rebuilding it changes no byte) from a gap-free committee
generated by `pbgraph.generate` (`gap_rate=0`), into which exactly the gaps listed below are injected. The
same tables are in `data/sample.xlsx`, one sheet per table. Do not edit these files by hand: change the
script and run it again (`.venv/bin/python data/build_sample.py`).

## Files

| file | rows | headers |
|---|---|---|
{file_rows}

`members.csv` (and the `members` sheet) has Chinese headers (编号, 姓名, 政治面貌, 政协, 界别, 镇街, 职务,
党组成员, 委员企业); the other tables English ones. Values are written as a roster writes them: 政治面貌 in
Chinese (中共党员, 民盟, 无党派人士, 群众 …), organization kinds and roles in Chinese (政协党组, 履职党支部,
界别党小组 …; 第一召集人, 指导员 …), 党组成员 as 是/否; liaison kinds in English (`sector`, `member`,
`township`, `contact`).

## Shape

- {len(members)} members: {party_line};
  {int(members["party_group"].sum())} of them in the party group (党组成员).
- {len(ds.sectors)} sectors in {int(kinds["sector_group"])} sector groups (界别联组), each group's
  第一召集人 a CPC member; {len(ds.townships)} townships (镇/街道/乡), each with a liaison group
  (镇街政协工作联络组) that has CPC members.
- {len(orgs)} organizations: {org_line}.
- Both lines of the party network: 政协党组 → 机关党组 → 机关党委 → 机关党支部, and 政协党组 → 专委会分党组 →
  履职党支部 (one per sector group) → 界别党小组; a 临时党支部 for the plenary holds every CPC member.
  Each study group, studio and station has a 指导员 or a party cell of its own (one gap below).
- {len(liaisons)} liaisons ({liaison_line}); {len(ds.contacts)} contacts, each liaised by one member.

## Deliberate gaps

Apart from these, the committee is complete: every other non-party member is liaised by a CPC member; every
other CPC member is organized, and every other one outside the party group liaises with 1–5 non-party
members; every other sector, sector group, township and platform is covered.

- **Unlinked non-party members** (no counting `member` liaison): {who("unlinked")}.
  Found by `unlinked` and counted by `coverage`.
- **A liaison that does not count**: a `member` liaison from {who("non_counting_source")}, who is not a CPC
  member, to `{gaps["unlinked"][-1]}` — one of the unlinked members above, who stays unlinked. A validation
  warning (below); every analysis ignores it.
- **Unorganized CPC member**: {who("unorganized")}, in no party organization but the plenary's
  临时党支部 (which does not organize). Found by `unorganized` and counted by `coverage`.
- **Township without a township liaison**: {who("township")}; its liaison group has {len(group_members)}
  members, {group_cpc} of them CPC, but no CPC member liaises with the township. Found by `townships`
  (`no_township_liaison`).
- **Studio without party organization or instructor**: {who("studio")}; its CPC member
  {who("studio_cpc_member")} is recorded as 成员, not 指导员, and it has no party cell. Found by `platforms`.
- **Overloaded CPC member**: {who("overloaded")} liaises with {overload} non-party members (max_load 5).
  Found by `load`.
- **Idle CPC member**: {who("idle")}, outside the party group, liaises with nobody (their non-party members
  were handed to the overloaded one above). Found by `load`.
- **Uncovered sector**: {who("sector")}, with no `sector` liaison to itself or to its group
  {who("sector_group")}. Found by `sectors` (kind sector).
- **Its sector group** {who("sector_group")} has no `sector` liaison to the group itself; its other sectors
  {who(covered_sectors)} are liaised directly by {who("sector_group_liaiser")}. Found by `sectors` (kind
  sector_group) — a consequence of the gap above, since a liaison to the group would cover all its sectors.

Not a gap but a finding: **{fragile} fragile non-party members** have exactly one counting liaison (the
`load` analysis lists them, `connectors` ranks their sole liaisons).

So `coverage` reports work coverage {n_non_party - len(gaps["unlinked"])}/{n_non_party} non-party members
and organization coverage {n_cpc - len(gaps["unorganized"])}/{n_cpc} CPC members.

## Activities (联系实效, 双重组织生活)

`activities.csv` is a year of the committee's activity log ({ACTIVITY_YEAR}): {n_liaison_activities} liaison
activities (谈心谈话, 走访, 电话联系, and 座谈 that list a CPC member and a non-party member together, with no
target) and {n_meetings} meetings of the duty-line organizations (组织生活会, 主题党日, 集中学习), each
listing the members who attended. The default period is the 12 months ending at the latest activity:
{period.since} to {period.until}. Every liaison is exercised in it, and every duty-line organization meets,
except:

- **Liaisons on paper only (把说了当做了)**: {who("paper_only")} has no activity at all with the people they
  liaise with: {who(paper_targets)}. Found by `dormant` (no last activity).
- **A lapsed liaison**: {who(gaps["lapsed"][:1])} last met {who(gaps["lapsed"][1:])} on {lapsed_last}, before
  the period. Found by `dormant` (with that date).
- **A branch that never met (组织生活不经常)**: {who("silent_branch")} held no meeting; its CPC members
  {who(silent_only)}, in no other duty-line organization, had no organizational life. Found by `org_life`
  (and `org_meetings`, 0 meetings).

So `dormant` lists {len(dormant_rows)} liaisons ({active}/{total} active) and 有效联系率 is
{effective}/{n_non_party}: the unlinked members above, and {who(paper_member_targets_only)}, whose only
liaison is on paper.

## Expected validation warnings

Loading gives no errors and exactly {len(ds.warnings)} warning:

{warning_lines}
"""


def main() -> None:
    sample = Sample()
    sample.build()
    write(sample)
    ds = pbgraph.load(FOLDER)
    codes = sorted(p.code for p in ds.warnings)
    if codes != ["member_liaison_source_not_cpc"]:
        raise RuntimeError(f"unexpected warnings: {codes}")
    with atomic_open(FOLDER / "README.md") as handle:
        handle.write(readme(sample, ds))
    (FOLDER / "README.md").chmod(0o644)
    print(f"wrote {FOLDER} and {WORKBOOK}: " + ", ".join(f"{k} {len(v)}" for k, v in sample.tables.items()))
    for gap, ids in sample.gaps.items():
        print(f"  {gap}: {', '.join(f'{i} {sample.name(i)}' for i in ids)}")


if __name__ == "__main__":
    main()

"""Write a dataset back in the office form (DESIGN 3.1): a printed roster (title rows, 序号, merged 界别
cells, 合计 and 注： rows) and liaison lists with several names per cell, everything referred to by name.

Reading the workbook gives the same dataset up to ids; it builds `data/sample-office.xlsx` and the office
benchmark, and shows what the reader accepts.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pbgraph.model import (
    ACTIVITY_KIND_ZH,
    MEETING_KINDS,
    ORG_KIND_ZH,
    ROLE_ZH,
    LiaisonKind,
    OrgKind,
    Party,
    Role,
)

if TYPE_CHECKING:
    from pbgraph.dataset import Dataset

PARTY_AS_WRITTEN: dict[str, str] = {
    Party.CPC: "中共党员",
    Party.RCCK: "民革党员",
    Party.CDL: "民盟盟员",
    Party.CNDCA: "民建会员",
    Party.CAPD: "民进会员",
    Party.CPWDP: "农工党党员",
    Party.CZGP: "致公党党员",
    Party.JS: "九三学社社员",
    Party.TDSGL: "台盟盟员",
    Party.NP: "无党派人士",
    Party.MASSES: "群众",
    Party.CYL: "共青团员",
}
"""How rosters write each party (OFFICE-FORMATS.md)."""

SEPARATOR = "、"


class _Writer:
    def __init__(self, ds: Dataset) -> None:
        from openpyxl import Workbook

        self.ds = ds
        self.workbook = Workbook()
        self.names: dict[str, str] = {}
        for table in ("sectors", "townships", "organizations"):
            frame = getattr(ds, table)
            self.names.update(zip(frame["id"], frame["name"], strict=True))
        self.with_ids = False
        self.labels = self._labels()

    def _labels(self) -> dict[str, str]:
        """How the lists name each member and contact: the name, 姓名（镇街） for namesakes, else the 编号."""
        labels = {}
        for table in ("members", "contacts"):
            frame = getattr(self.ds, table)
            repeated = frame["name"].duplicated(keep=False).to_numpy()
            places = [self.names.get(t, "") for t in frame["township"]]
            qualified = [
                f"{n}（{p}）" if twin else n
                for n, p, twin in zip(frame["name"], places, repeated, strict=True)
            ]
            seen: dict[str, int] = {}
            for label in qualified:
                seen[label] = seen.get(label, 0) + 1
            for node_id, label, name in zip(frame["id"], qualified, frame["name"], strict=True):
                if seen[label] > 1 or not name:
                    # namesakes in one place too: only the 编号 tells them apart
                    labels[node_id] = node_id
                    self.with_ids = True
                else:
                    labels[node_id] = label
        return labels

    def sheet(self, title: str, heading: str | None, header: list[str], rows: list[list[Any]]) -> Any:
        from openpyxl.styles import Alignment, Font

        sheet = self.workbook.create_sheet(title)
        if heading:
            sheet.append([heading])
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
            sheet["A1"].font = Font(bold=True, size=14)
            sheet["A1"].alignment = Alignment(horizontal="center")
        sheet.append(header)
        for number, row in enumerate(rows, start=1):
            sheet.append([number, *row])
        return sheet

    def roster(self, title: str) -> None:
        ds = self.ds
        members = ds.members.assign(_sector=ds.members["sector"]).sort_values(
            ["_sector", "id"], kind="stable"
        )
        group_of = dict(zip(ds.sectors["id"], ds.sectors["group"], strict=True))
        several = len(ds.committees) > 1
        header = ["序号", *(["编号"] if self.with_ids else []), "姓名", "政治面貌", "界别", "界别联组"]
        header += ["所在镇（街）", "职务", "委员企业", *(["政协"] if several else [])]
        rows = []
        columns = ("id", "name", "party", "sector", "township", "roles", "enterprise", "committee")
        for record in zip(*(members[c].astype("str").tolist() for c in columns), strict=True):
            member_id, name, party, sector, township, roles, enterprise, committees = record
            row = [*([member_id] if self.with_ids else []), name, PARTY_AS_WRITTEN[party]]
            row += [self.names.get(sector, ""), self.names.get(group_of.get(sector, ""), "")]
            row += [self.names.get(township, ""), roles.replace(";", SEPARATOR), enterprise]
            if several:
                row.append(SEPARATOR.join(self.names.get(c, c) for c in committees.split(";")))
            rows.append(row)
        sheet = self.sheet("Sheet1", title, header, [])
        sheet.insert_rows(2)
        sheet.cell(row=2, column=1, value=f"（共{len(rows)}名，按界别排列）")
        sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(header))
        first = 4
        for number, row in enumerate(rows, start=1):
            sheet.append([number, *row])
        # one 界别 (and 界别联组) cell merged over the rows of each sector, as printed rosters are
        sector_column = header.index("界别")
        start = first
        for offset in range(1, len(rows) + 1):
            if (
                offset == len(rows)
                or rows[offset][sector_column - 1] != rows[start - first][sector_column - 1]
            ):
                last = first + offset - 1
                if last > start:
                    for column in (sector_column + 1, sector_column + 2):
                        sheet.merge_cells(
                            start_row=start, start_column=column, end_row=last, end_column=column
                        )
                start = last + 1
        sheet.append(["合计", f"{len(rows)}人"])
        sheet.append(["注：以上名单按界别排列，排名不分先后。"])

    def liaison_lists(self) -> None:
        ds, labels, names = self.ds, self.labels, self.names
        liaisons = ds.liaisons
        sector_of = dict(zip(ds.members["id"], ds.members["sector"], strict=True))
        roles_of = dict(zip(ds.members["id"], ds.members["roles"], strict=True))

        def grouped(kind: LiaisonKind, name: Callable[[str], str]) -> list[tuple[str, str, str, str]]:
            """(source, targets, since, note): one row per source and 开始日期 (and 备注), names joined."""
            rows = liaisons[(liaisons["kind"] == kind).to_numpy()]
            targets: dict[tuple[str, str, str], list[str]] = {}
            for source, target, since, note in zip(
                rows["source"], rows["target"], rows["since"], rows["note"], strict=True
            ):
                targets.setdefault((source, since, note), []).append(name(target))
            return [(s, SEPARATOR.join(found), since, note) for (s, since, note), found in targets.items()]

        member = [
            [labels[s], names.get(sector_of[s], ""), t, since, note]
            for s, t, since, note in grouped(LiaisonKind.MEMBER, labels.__getitem__)
        ]
        self.sheet(
            "联系党外委员",
            "党员委员联系党外委员一览表",
            ["序号", "党员委员", "界别", "联系党外委员", "开始日期", "备注"],
            member,
        )
        sector = [
            [labels[s], roles_of[s].replace(";", SEPARATOR), t, since, note]
            for s, t, since, note in grouped(LiaisonKind.SECTOR, names.__getitem__)
        ]
        self.sheet(
            "联系界别",
            "党组成员联系界别（联组）一览表",
            ["序号", "党组成员", "职务", "联系界别（联组）", "开始日期", "备注"],
            sector,
        )
        township = [
            [labels[s], t, since, note]
            for s, t, since, note in grouped(LiaisonKind.TOWNSHIP, names.__getitem__)
        ]
        self.sheet(
            "联系镇街",
            "党员委员联系镇（街）一览表",
            ["序号", "党员委员", "联系镇（街）", "开始日期", "备注"],
            township,
        )
        contact = [
            [labels[s], t, since, note]
            for s, t, since, note in grouped(LiaisonKind.CONTACT, labels.__getitem__)
        ]
        self.sheet(
            "委员联系群众", "委员联系群众一览表", ["序号", "委员", "联系群众", "开始日期", "备注"], contact
        )
        contacts = ds.contacts
        header = ["序号", *(["编号"] if self.with_ids else []), "姓名", "所在镇（街）"]
        rows = [
            [*([c] if self.with_ids else []), n, names.get(t, "")]
            for c, n, t in zip(contacts["id"], contacts["name"], contacts["township"], strict=True)
        ]
        self.sheet("群众名单", None, header, rows)

    def organizations(self) -> None:
        ds, names = self.ds, self.names
        orgs = ds.organizations
        rows = [
            [name, ORG_KIND_ZH[OrgKind(kind)], names.get(parent, ""), names.get(place, "")]
            for name, kind, parent, place in zip(
                orgs["name"], orgs["kind"], orgs["parent"], orgs["township"], strict=True
            )
        ]
        self.sheet("组织", "党的组织和履职平台", ["序号", "名称", "类型", "上级", "镇街"], rows)
        members = []
        for (org, role), group in ds.memberships.groupby(["organization", "role"], sort=False):
            members.append(
                [
                    names[str(org)],
                    ROLE_ZH[Role(str(role))],
                    SEPARATOR.join(self.labels[m] for m in group["member"]),
                ]
            )
        self.sheet("组织成员", None, ["序号", "组织", "职务", "成员"], members)

    def activities(self) -> None:
        """The activity log as two sheets: 联系记录 (one row per liaison activity, its dates Excel dates) and
        组织生活记录 (one row per meeting, its dates typed as 2025年3月5日), everyone by name."""
        import datetime as dt

        activities = self.ds.activities
        if not len(activities):
            return
        meeting = activities["kind"].isin([str(k) for k in MEETING_KINDS]).to_numpy()
        labels, names = self.labels, self.names

        def people(cell: str) -> str:
            return SEPARATOR.join(labels[m] for m in cell.split(";") if m)

        contacts, meetings = [], []
        for date, kind, members, target, organization, note, is_meeting in zip(
            activities["date"],
            activities["kind"],
            activities["members"],
            activities["target"],
            activities["organization"],
            activities["note"],
            meeting,
            strict=True,
        ):
            kind_zh = ACTIVITY_KIND_ZH.get(kind, kind)
            if is_meeting:
                day = dt.date.fromisoformat(date) if len(date) == 10 else None
                written = f"{day.year}年{day.month}月{day.day}日" if day else date
                meetings.append([written, names.get(organization, ""), people(members), kind_zh, note])
            else:
                day = dt.date.fromisoformat(date) if len(date) == 10 else None
                other = labels.get(target) or names.get(target, "")
                contacts.append([day or date, people(members), other, kind_zh, note])
        sheet = self.sheet(
            "联系记录", "党员委员联系记录", ["序号", "日期", "党员委员", "联系对象", "方式", "内容"], contacts
        )
        for (cell,) in sheet.iter_rows(min_row=3, min_col=2, max_col=2):
            cell.number_format = "yyyy-mm-dd"
        self.sheet("组织生活记录", None, ["序号", "日期", "组织", "参加人员", "类型", "内容"], meetings)


def write_office_workbook(ds: Dataset, path: str | os.PathLike[str], *, title: str = "") -> Path:
    """Write `ds` as an office keeps it (see the module docstring); returns the path.

    Examples
    --------
    >>> import tempfile, pathlib, pbgraph
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.xlsx"
    >>> ds = pbgraph.load("data/sample")
    >>> office = pbgraph.load(write_office_workbook(ds, path))
    >>> len(office.members), len(office.liaisons)
    (250, 595)
    """
    from pbgraph._write import atomic_path

    writer = _Writer(ds)
    default = writer.workbook.active
    committees = ds.organizations.loc[ds.organizations["kind"] == OrgKind.COMMITTEE, "name"].tolist()
    writer.roster(title or f"{committees[0] if committees else ''}委员名单")
    writer.liaison_lists()
    writer.organizations()
    writer.activities()
    if default is not None:
        writer.workbook.remove(default)
    target = Path(path)
    with atomic_path(target) as tmp:
        writer.workbook.save(tmp)
    return target

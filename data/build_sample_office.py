"""Build `data/sample-office.xlsx`: the sample committee (`data/sample/`) as an office keeps it (DESIGN 3.1).

A roster with title and subtitle rows, 序号, 界别 cells merged over the rows of one sector, the party
written as offices write it (民盟盟员, 九三学社社员 …), 党组成员 only inside 职务, a 合计 row and a 注：
row; liaison lists with one row per member and several names per cell (names, not ids; namesakes written
姓名（镇街）); organizations and their members by name. No column holds an id: `pbgraph` assigns them.
Every analysis on it equals the analysis on `data/sample` up to ids (tests/test_office.py).

Run from the repository root::

    .venv/bin/python data/build_sample_office.py
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

import pbgraph
from pbgraph.io import atomic_open
from pbgraph.model import ORG_KIND_ZH, ROLE_ZH, LiaisonKind, Party

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "sample"
WORKBOOK = HERE / "sample-office.xlsx"

# how the roster writes each party (the forms of OFFICE-FORMATS.md)
PARTY_AS_WRITTEN = {
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
SEPARATOR = "、"


def _labels(ds: pbgraph.Dataset) -> dict[str, str]:
    """How a list names each member and contact: the name, or 姓名（镇街） where the name repeats."""
    township = dict(zip(ds.townships["id"], ds.townships["name"], strict=True))
    labels = {}
    for frame in (ds.members, ds.contacts):
        repeated = frame["name"].duplicated(keep=False)
        for node_id, name, place, twin in zip(
            frame["id"], frame["name"], frame["township"], repeated, strict=True
        ):
            labels[node_id] = f"{name}（{township[place]}）" if twin else name
    return labels


def _sheet(workbook: Workbook, title: str, heading: str | None, header: list[str], rows: list[list[str]]):
    sheet = workbook.create_sheet(title)
    if heading:
        sheet.append([heading])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        sheet["A1"].font = Font(bold=True, size=14)
        sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(header)
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    return sheet


def roster(workbook: Workbook, ds: pbgraph.Dataset) -> None:
    members = ds.members
    sectors = ds.sectors.set_index("id")
    groups = dict(zip(ds.organizations["id"], ds.organizations["name"], strict=True))
    townships = dict(zip(ds.townships["id"], ds.townships["name"], strict=True))
    order = members.assign(_s=members["sector"]).sort_values(["_s", "id"], kind="stable")
    rows = [
        [
            name,
            PARTY_AS_WRITTEN[Party(party)],
            sectors.at[sector, "name"],
            groups.get(sectors.at[sector, "group"], ""),
            townships.get(township, ""),
            roles.replace(";", SEPARATOR),
            enterprise,
        ]
        for name, party, sector, township, roles, enterprise in zip(
            order["name"],
            order["party"],
            order["sector"],
            order["township"],
            order["roles"],
            order["enterprise"],
            strict=True,
        )
    ]
    header = ["序号", "姓名", "政治面貌", "界别", "界别联组", "所在镇（街）", "职务", "委员企业"]
    sheet = workbook.create_sheet("Sheet1")
    sheet.append(["示例区政协第一届委员会委员名单"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    sheet.append([f"（共{len(rows)}名，按界别排列）"])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(header))
    sheet.append(header)
    first = 4
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    # one 界别 cell merged over the rows of each sector, as printed rosters do
    start = first
    for offset in range(1, len(rows) + 1):
        end = offset == len(rows) or rows[offset][2] != rows[start - first][2]
        if end:
            last = first + offset - 1
            if last > start:
                sheet.merge_cells(start_row=start, start_column=4, end_row=last, end_column=4)
                sheet.merge_cells(start_row=start, start_column=5, end_row=last, end_column=5)
            start = last + 1
    sheet.append(["合计", f"{len(rows)}人"])
    sheet.append(["注：以上名单按界别排列，排名不分先后。"])


def liaison_lists(workbook: Workbook, ds: pbgraph.Dataset) -> None:
    labels = _labels(ds)
    names = {**dict(zip(ds.sectors["id"], ds.sectors["name"], strict=True))}
    names |= dict(zip(ds.organizations["id"], ds.organizations["name"], strict=True))
    names |= dict(zip(ds.townships["id"], ds.townships["name"], strict=True))
    members = ds.members.set_index("id")
    sector_names = dict(zip(ds.sectors["id"], ds.sectors["name"], strict=True))
    liaisons = ds.liaisons

    def grouped(kind: LiaisonKind) -> list[tuple[str, list[str]]]:
        rows = liaisons[liaisons["kind"] == kind]
        order = list(dict.fromkeys(rows["source"]))
        return [(s, rows.loc[rows["source"] == s, "target"].tolist()) for s in order]

    member_rows = [
        [labels[s], sector_names[members.at[s, "sector"]], SEPARATOR.join(labels[t] for t in targets), ""]
        for s, targets in grouped(LiaisonKind.MEMBER)
    ]
    _sheet(
        workbook,
        "联系党外委员",
        "示例区政协党员委员联系党外委员一览表",
        ["序号", "党员委员", "界别", "联系党外委员", "备注"],
        member_rows,
    )
    sector_rows = [
        [labels[s], members.at[s, "roles"].replace(";", SEPARATOR), SEPARATOR.join(names[t] for t in targets)]
        for s, targets in grouped(LiaisonKind.SECTOR)
    ]
    _sheet(
        workbook,
        "联系界别",
        "党组成员联系界别（联组）一览表",
        ["序号", "党组成员", "职务", "联系界别（联组）"],
        sector_rows,
    )
    township_rows = [
        [labels[s], SEPARATOR.join(names[t] for t in targets)] for s, targets in grouped(LiaisonKind.TOWNSHIP)
    ]
    _sheet(
        workbook,
        "联系镇街",
        "党员委员联系镇（街）一览表",
        ["序号", "党员委员", "联系镇（街）"],
        township_rows,
    )
    contact_rows = [
        [labels[s], SEPARATOR.join(labels[t] for t in targets)] for s, targets in grouped(LiaisonKind.CONTACT)
    ]
    _sheet(workbook, "委员联系群众", "委员联系群众一览表", ["序号", "委员", "联系群众"], contact_rows)
    township = dict(zip(ds.townships["id"], ds.townships["name"], strict=True))
    _sheet(
        workbook,
        "群众名单",
        None,
        ["序号", "姓名", "所在镇（街）"],
        [
            [name, township.get(place, "")]
            for name, place in zip(ds.contacts["name"], ds.contacts["township"], strict=True)
        ],
    )


def organizations(workbook: Workbook, ds: pbgraph.Dataset) -> None:
    labels = _labels(ds)
    orgs = ds.organizations
    names = dict(zip(orgs["id"], orgs["name"], strict=True))
    township = dict(zip(ds.townships["id"], ds.townships["name"], strict=True))
    _sheet(
        workbook,
        "组织",
        "示例区政协党的组织和履职平台",
        ["序号", "名称", "类型", "上级", "镇街"],
        [
            [name, ORG_KIND_ZH[kind], names.get(parent, ""), township.get(place, "")]
            for name, kind, parent, place in zip(
                orgs["name"], orgs["kind"], orgs["parent"], orgs["township"], strict=True
            )
        ],
    )
    memberships = ds.memberships
    rows = []
    for (org, role), group in memberships.groupby(["organization", "role"], sort=False):
        rows.append([names[org], ROLE_ZH[role], SEPARATOR.join(labels[m] for m in group["member"])])
    _sheet(workbook, "组织成员", None, ["序号", "组织", "职务", "成员"], rows)


def _normalize(path: Path) -> None:
    """Fixed timestamps inside the workbook, so that rebuilding an unchanged sample changes no byte."""
    fixed = b"2024-06-01T00:00:00Z"
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + fixed, data)
            entry = zipfile.ZipInfo(info.filename, date_time=(2024, 6, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    with atomic_open(path, "wb") as handle:
        handle.write(buffer.getvalue())


def main() -> None:
    ds = pbgraph.load(SAMPLE)
    workbook = Workbook()
    default = workbook.active
    roster(workbook, ds)
    liaison_lists(workbook, ds)
    organizations(workbook, ds)
    if default is not None:
        workbook.remove(default)
    with atomic_open(WORKBOOK, "wb") as handle:
        workbook.save(handle)
    _normalize(WORKBOOK)
    WORKBOOK.chmod(0o644)
    office = pbgraph.load(WORKBOOK)
    print(f"wrote {WORKBOOK.name}: " + ", ".join(f"{k} {len(v)}" for k, v in office.tables.items()))


if __name__ == "__main__":
    main()

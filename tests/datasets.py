"""Small random valid datasets for property tests: a hypothesis strategy of input tables, and a loader that
writes them as CSV files and reads them back through :func:`pbgraph.load` (the real path).

The tables are always valid (no validation error), but they are meant to be awkward: liaisons of every kind
including those that do not count, duplicate rows, cycles, members of two committees, memberships with every
role, platforms with and without party organizations, sectors with and without groups. Validation warnings
are expected; they stay on ``ds.warnings``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
from hypothesis import strategies as st

from pbgraph import Dataset, load
from pbgraph.io import write_csv_tables
from pbgraph.model import TABLES

PARTIES = (
    "CPC",
    "CPC",
    "CPC",
    "中共党员",
    "RCCK",
    "民盟",
    "CNDCA",
    "CAPD",
    "CPWDP",
    "CZGP",
    "JS",
    "TDSGL",
    "NP",
    "无党派人士",
    "MASSES",
)
TRUE_CELLS = ("是", "true", "1")
FALSE_CELLS = ("否", "false", "0", "")
ORG_KINDS = (
    "party_group",
    "organ_party_group",
    "party_committee",
    "sub_party_group",
    "party_branch",
    "党支部",
    "functional_branch",
    "party_cell",
    "temporary_branch",
    "临时党支部",
    "special_committee",
    "sector_group",
    "liaison_group",
    "study_group",
    "studio",
    "委员工作室",
    "station",
)
ROLES = (
    "",
    "成员",
    "member",
    "书记",
    "副书记",
    "委员",
    "组长",
    "第一召集人",
    "first_convener",
    "召集人",
    "指导员",
    "instructor",
)
LIAISON_KINDS = ("member", "member", "member", "sector", "township", "contact", "联系党外委员", "界别")
TOWNSHIP_KINDS = ("镇", "街道", "乡", "")

Tables = dict[str, pd.DataFrame]


def _table(name: str, rows: list[dict[str, str]]) -> pd.DataFrame:
    columns = list(TABLES[name].column_names)
    return pd.DataFrame([[row.get(c, "") for c in columns] for row in rows], columns=columns, dtype="str")


@st.composite
def dataset_tables(draw: st.DrawFn, *, max_members: int = 25) -> Tables:
    """Input tables of a small random valid dataset (cells as a user would type them)."""
    n_committees = draw(st.integers(1, 3))
    committees = [f"C{i}" for i in range(1, n_committees + 1)]
    several = n_committees > 1

    def committee_cell(*, optional: bool = True) -> str:
        # with one committee the loader fills empty cells in; with several every cell names one
        if not several and optional and draw(st.booleans()):
            return ""
        return draw(st.sampled_from(committees))

    organizations: list[dict[str, str]] = [
        {
            "id": c,
            "name": f"{c}政协",
            "kind": draw(st.sampled_from(["committee", "政协"])),
            "parent": "" if i == 0 or draw(st.booleans()) else committees[0],
        }
        for i, c in enumerate(committees)
    ]
    townships = [
        {
            "id": f"T{i}",
            "name": f"镇{i}",
            "kind": draw(st.sampled_from(TOWNSHIP_KINDS)),
            "committee": committee_cell(),
        }
        for i in range(1, draw(st.integers(1, 4)) + 1)
    ]
    township_ids = [t["id"] for t in townships]
    for i in range(1, draw(st.integers(0, 12)) + 1):
        # parents point to earlier organizations only: a forest, never a cycle
        parent = draw(st.sampled_from(["", *[o["id"] for o in organizations]]))
        organizations.append(
            {
                "id": f"O{i}",
                "name": f"组织{i}",
                "kind": draw(st.sampled_from(ORG_KINDS)),
                "parent": parent,
                "township": draw(st.sampled_from(["", *township_ids])),
                "committee": committee_cell(optional=bool(parent)),
            }
        )
    group_ids = [o["id"] for o in organizations if o["kind"] == "sector_group"]
    sectors = [
        {
            "id": f"S{i}",
            "name": f"界别{i}",
            "group": draw(st.sampled_from(["", *group_ids])),
            "committee": committee_cell(),
        }
        for i in range(1, draw(st.integers(1, 5)) + 1)
    ]
    sector_ids = [s["id"] for s in sectors]

    members = []
    for i in range(1, draw(st.integers(0, max_members)) + 1):
        party = draw(st.sampled_from(PARTIES))
        in_group = draw(st.booleans()) if party in ("CPC", "中共党员") else draw(st.integers(0, 9)) == 0
        if several and draw(st.integers(0, 4)) == 0:
            # a member of two committees, written in either order
            cell = ";".join(draw(st.permutations(committees))[:2])
        else:
            cell = committee_cell()
        members.append(
            {
                "id": f"M{i}",
                "name": f"委员{i}",
                "party": party,
                "committee": cell,
                "sector": draw(st.sampled_from(["", *sector_ids])),
                "township": draw(st.sampled_from(["", *township_ids])),
                "party_group": draw(st.sampled_from(TRUE_CELLS if in_group else FALSE_CELLS)),
            }
        )
    member_ids = [m["id"] for m in members]
    contacts = [
        {"id": f"K{i}", "name": f"群众{i}", "township": draw(st.sampled_from(["", *township_ids]))}
        for i in range(1, draw(st.integers(0, 4)) + 1)
    ]

    memberships = []
    org_ids = [o["id"] for o in organizations]
    if member_ids:
        for _ in range(draw(st.integers(0, 2 * len(member_ids)))):
            memberships.append(
                {
                    "member": draw(st.sampled_from(member_ids)),
                    "organization": draw(st.sampled_from(org_ids)),
                    "role": draw(st.sampled_from(ROLES)),
                }
            )

    targets = {
        "member": member_ids,
        "sector": sector_ids + group_ids,
        "township": township_ids,
        "contact": [c["id"] for c in contacts],
    }
    liaisons: list[dict[str, str]] = []
    if member_ids:
        for _ in range(draw(st.integers(0, 3 * len(member_ids) + 2))):
            kind = draw(st.sampled_from(LIAISON_KINDS))
            code = {"联系党外委员": "member", "界别": "sector"}.get(kind, kind)
            source = draw(st.sampled_from(member_ids))
            choices = [t for t in targets[code] if t != source]
            if not choices:
                continue
            target = draw(st.sampled_from(choices))
            liaisons.append(
                {
                    "source": source,
                    "target": target,
                    "kind": kind,
                    "since": draw(st.sampled_from(["", "2024-03-01", "2023年5月"])),
                }
            )
            if code == "member" and draw(st.integers(0, 3)) == 0:
                # the way back: a cycle of two, of which at most one direction counts
                liaisons.append({"source": target, "target": source, "kind": "member"})
        if liaisons:
            # duplicate rows count once
            for _ in range(draw(st.integers(0, 3))):
                liaisons.append(dict(draw(st.sampled_from(liaisons))))
        liaisons = draw(st.permutations(liaisons))

    return {
        "members": _table("members", members),
        "sectors": _table("sectors", sectors),
        "townships": _table("townships", townships),
        "organizations": _table("organizations", organizations),
        "memberships": _table("memberships", memberships),
        "liaisons": _table("liaisons", liaisons),
        "contacts": _table("contacts", contacts),
    }


def load_tables(tables: Tables, **kwargs: Any) -> Dataset:
    """Write tables as a CSV dataset in a temporary folder and load it with :func:`pbgraph.load`."""
    with tempfile.TemporaryDirectory(prefix="pbgraph-test-") as folder:
        path = Path(folder) / "dataset"
        write_csv_tables(tables, path)
        return load(path, **kwargs)


def datasets(*, max_members: int = 25) -> st.SearchStrategy[Dataset]:
    """Loaded random datasets."""
    return dataset_tables(max_members=max_members).map(load_tables)


OFFICE_SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample-office.xlsx"
WITHOUT_SHEETS: dict[str, tuple[str, ...]] = {
    # 联系党外委员 and 委员联系群众 left out (and the log, whose names only they tell apart)
    "office-no-member-or-contact-lists": ("联系党外委员", "委员联系群众", "联系记录"),
    # no 组织 nor 组织成员 sheet (and the meetings log, which names organizations)
    "office-no-organizations": ("组织", "组织成员", "组织生活记录"),
    # memberships and the member and township lists left out: some gaps can be told, some cannot
    "office-no-memberships-member-or-township-lists": (
        "联系党外委员",
        "组织成员",
        "联系记录",
        "组织生活记录",
        "联系镇街",
    ),
}
"""Office workbooks that leave tables out (DESIGN 3, "not recorded"): the sample office workbook less these
sheets."""


def office_without(label: str, folder: Path) -> Dataset:
    """The office sample workbook (`data/sample-office.xlsx`) less the sheets `WITHOUT_SHEETS[label]`, loaded:
    a dataset whose `not_recorded` names what those sheets gave."""
    from openpyxl import load_workbook

    workbook = load_workbook(OFFICE_SAMPLE)
    for sheet in WITHOUT_SHEETS[label]:
        del workbook[sheet]
    path = folder / f"{label}.xlsx"
    workbook.save(path)
    return load(path)

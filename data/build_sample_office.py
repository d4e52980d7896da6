"""Build `data/sample-office.xlsx`: the sample committee (`data/sample/`) as an office keeps it (DESIGN 3.1).

Written by :func:`pbgraph.office.writer.write_office_workbook`: a roster with title and subtitle rows, 序号,
界别 cells merged over the rows of one sector, the party as offices write it (民盟盟员, 九三学社社员 …),
党组成员 only inside 职务, a 合计 row and a 注： row; liaison lists with one row per member and several
names per cell (names, not ids; namesakes written 姓名（镇街）); organizations and their members by name. No
column holds an id: `pbgraph` assigns them. Every analysis on it equals the analysis on `data/sample` up to
ids (tests/test_office.py).

Run from the repository root::

    .venv/bin/python data/build_sample_office.py
"""

from __future__ import annotations

from pathlib import Path

from build_sample import _normalize_xlsx  # fixed timestamps: rebuilding changes no byte

import pbgraph
from pbgraph.office.writer import write_office_workbook

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "sample"
WORKBOOK = HERE / "sample-office.xlsx"


def main() -> None:
    ds = pbgraph.load(SAMPLE)
    write_office_workbook(ds, WORKBOOK, title="示例区政协第一届委员会委员名单")
    _normalize_xlsx(WORKBOOK)
    WORKBOOK.chmod(0o644)
    office = pbgraph.load(WORKBOOK)
    print(f"wrote {WORKBOOK.name}: " + ", ".join(f"{k} {len(v)}" for k, v in office.tables.items()))


if __name__ == "__main__":
    main()

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

import io
import re
import zipfile
from pathlib import Path

import pbgraph
from pbgraph.io import atomic_open
from pbgraph.office.writer import write_office_workbook

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "sample"
WORKBOOK = HERE / "sample-office.xlsx"


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
    write_office_workbook(ds, WORKBOOK, title="示例区政协第一届委员会委员名单")
    _normalize(WORKBOOK)
    WORKBOOK.chmod(0o644)
    office = pbgraph.load(WORKBOOK)
    print(f"wrote {WORKBOOK.name}: " + ", ".join(f"{k} {len(v)}" for k, v in office.tables.items()))


if __name__ == "__main__":
    main()

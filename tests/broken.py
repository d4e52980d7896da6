"""Build small datasets in a test's tmp_path: a valid base of every table, then break one thing.

A dataset here is a dict of :class:`Sheet` by canonical table name. Row `i` of a sheet is Excel row `i + 2`
(the header is row 1); `Sheet.add` returns the Excel row of the row it appends, so a test can assert it.
"""

from __future__ import annotations

import copy
import csv
import io as _io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

import pbgraph
from pbgraph import Dataset, DatasetError
from pbgraph.model import TABLES
from pbgraph.validate import Problem


@dataclass
class Sheet:
    """One table as the user typed it: headers (canonical names) and rows of strings."""

    columns: list[str]
    rows: list[list[str]]

    def add(self, **values: str) -> int:
        """Append a row (missing columns empty); returns its Excel row number."""
        unknown = set(values) - set(self.columns)
        assert not unknown, f"no such columns: {unknown}"
        self.rows.append([values.get(c, "") for c in self.columns])
        return len(self.rows) + 1

    def set(self, excel_row: int, column: str, value: str) -> None:
        """Set one cell, addressed as in Excel (row 2 is the first record)."""
        self.rows[excel_row - 2][self.columns.index(column)] = value

    def get(self, excel_row: int, column: str) -> str:
        return self.rows[excel_row - 2][self.columns.index(column)]

    def drop(self, column: str) -> None:
        """Remove a column (header and cells)."""
        position = self.columns.index(column)
        del self.columns[position]
        for row in self.rows:
            del row[position]

    def headers(self, table: str, lang: str) -> list[str]:
        """The header row in English (canonical) or Chinese; unknown columns stay as written."""
        if lang == "en":
            return list(self.columns)
        model = TABLES[table]
        return [model.column(c).zh if c in model.column_names else c for c in self.columns]


Tables = dict[str, Sheet]


def _sheet(header: str, *rows: str) -> Sheet:
    return Sheet(header.split(","), [row.split(",") for row in rows])


def base() -> Tables:
    """A valid single-committee dataset that loads without any warning.

    Members: M1 (CPC, party group, sector S1, township T1), M2 (CPC), N1 (CDL), N2 (NP).
    Organizations: committee C1, party group PG1, functional branch FB1, sector group SG1, liaison group
    LG1, studio ST1 with party branch PB1. Liaisons: one of each kind. Contact K1.
    """
    return {
        "members": _sheet(
            "id,name,party,committee,sector,township,roles,party_group,enterprise",
            "M1,张一,中共党员,,S1,T1,主席,是,",
            "M2,王二,CPC,,S2,T2,,否,",
            "N1,钱一,民盟,,S1,T1,,,",
            "N2,孙二,NP,,S2,T2,,,甲公司",
        ),
        "sectors": _sheet("id,name,group,committee", "S1,教育界,SG1,", "S2,经济界,SG1,"),
        "townships": _sheet("id,name,kind,committee", "T1,城关镇,镇,", "T2,东街街道,街道,"),
        "organizations": _sheet(
            "id,name,kind,parent,township,committee",
            "C1,示例区政协,committee,,,",
            "PG1,示例区政协党组,party_group,C1,,",
            "FB1,党员委员履职党支部,functional_branch,PG1,,",
            "SG1,教育经济联组,sector_group,C1,,",
            "LG1,城关镇联络组,liaison_group,C1,T1,",
            "ST1,张一委员工作室,studio,C1,T1,",
            "PB1,工作室党支部,party_branch,ST1,,",
        ),
        "memberships": _sheet(
            "member,organization,role",
            "M1,PG1,书记",
            "M2,FB1,",
            "M1,SG1,第一召集人",
            "M2,LG1,成员",
        ),
        "liaisons": _sheet(
            "source,target,kind,since,note",
            "M1,S1,sector,2024-03-01,",
            "M2,N1,member,,",
            "M1,N2,member,2024/5/6,",
            "M2,T1,township,,",
            "N1,K1,contact,,",
        ),
        "contacts": _sheet("id,name,township", "K1,群众甲,T1"),
    }


def multi_committee() -> Tables:
    """The base dataset turned into a city committee X over two counties Y and Z.

    Sector S1 belongs to Y and S2 to Z; members leave `committee` empty so it is inferred.
    """
    tables = base()
    orgs = tables["organizations"]
    orgs.rows = [r for r in orgs.rows if r[0] != "C1"]
    orgs.add(id="X", name="某市政协", kind="committee")
    orgs.add(id="Y", name="甲县政协", kind="committee", parent="X")
    orgs.add(id="Z", name="乙县政协", kind="committee", parent="X")
    for row in orgs.rows:
        if row[3] == "C1":
            row[3] = "Y"
    sectors = tables["sectors"]
    sectors.set(2, "committee", "Y")
    sectors.set(3, "committee", "Z")
    townships = tables["townships"]
    townships.set(2, "committee", "Y")
    townships.set(3, "committee", "Z")
    return tables


def write_csv(
    folder: Path,
    tables: Tables,
    *,
    lang: str = "en",
    encoding: str = "utf-8",
    delimiter: str = ",",
    newline: str = "\n",
    file_names: dict[str, str] | None = None,
    suffix: str = ".csv",
) -> Path:
    """Write each table as `<name><suffix>` (or `file_names[name]`), quoting cells only where needed."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, sheet in tables.items():
        text = _io.StringIO()
        writer = csv.writer(text, delimiter=delimiter, lineterminator=newline)
        writer.writerow(sheet.headers(name, lang))
        writer.writerows(sheet.rows)
        file = (file_names or {}).get(name, name) + suffix
        (folder / file).write_bytes(text.getvalue().encode(encoding))
    return folder


def write_xlsx(
    path: Path,
    tables: Tables,
    *,
    lang: str = "en",
    sheet_names: dict[str, str] | None = None,
    cells: dict[tuple[str, int, str], object] | None = None,
) -> Path:
    """Write one workbook, a sheet per table; `cells[(table, excel_row, column)]` overrides a cell with a
    typed value (a number, a date …)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, sheet in tables.items():
        ws = workbook.create_sheet((sheet_names or {}).get(name, name))
        ws.append(sheet.headers(name, lang))
        for number, row in enumerate(sheet.rows, start=2):
            ws.append(
                [
                    (cells or {}).get((name, number, column), cell)
                    for column, cell in zip(sheet.columns, row, strict=True)
                ]
            )
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text typed with a leading "=", not a formula
    workbook.save(path)
    return path


def dataset(tmp_path: Path, tables: Tables | None = None, **options: object) -> Path:
    """Write `tables` (the base by default) as CSVs into a fresh folder of tmp_path; returns the folder."""
    folder = tmp_path / "ds"
    return write_csv(folder, base() if tables is None else tables, **options)  # type: ignore[arg-type]


def load_ok(path: Path) -> Dataset:
    """Load a dataset that must be valid."""
    try:
        return pbgraph.load(path)
    except DatasetError as error:  # pragma: no cover - the message is the point
        lines = "\n".join(p.message("en") for p in error.problems)
        pytest.fail(f"dataset should load:\n{lines}")


def problems_of(path: Path) -> list[Problem]:
    """Every problem of a dataset that must fail to load."""
    with pytest.raises(DatasetError) as caught:
        pbgraph.load(path)
    return caught.value.problems


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def only(problems: Iterable[Problem], code: str) -> Problem:
    """The single problem with this code (fails listing them all otherwise)."""
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, [p.message("en") for p in problems]
    return found[0]


def copy_tables(tables: Tables) -> Tables:
    return copy.deepcopy(tables)

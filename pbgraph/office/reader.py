"""Find, recognize and assemble the sheets of office files into canonical raw tables."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pbgraph._raw_table import RawTable, known_not_recorded
from pbgraph.model import TABLE_ALIASES, TABLES
from pbgraph.office._assemble import Assembler
from pbgraph.office._grid import CSV_SUFFIXES, OFFICE_SUFFIXES, WORKBOOK_SUFFIXES, read_grids
from pbgraph.office._recognize import (
    IGNORED,
    NON_DATA_SHEETS,
    PRIVATE,
    SHEET_KINDS,
    Sheet,
    Unrecognized,
    recognize,
)
from pbgraph.office._text import header_key
from pbgraph.office.report import ImportReport, build_report
from pbgraph.problem import Problem


@dataclass
class OfficeRead:
    """What reading office files gave: canonical raw tables, problems, and the import report."""

    tables: dict[str, RawTable]
    problems: list[Problem]
    report: ImportReport


def _table_name(stem: str) -> bool:
    key = stem.strip()
    return TABLE_ALIASES.get(key, key.lower()) in TABLES


def _members_name(stem: str) -> bool:
    key = stem.strip()
    return TABLE_ALIASES.get(key, key.lower()) == "members"


def _canonical_header(cells: Sequence[object]) -> bool:
    """Whether a first row is a canonical members header (编号, 姓名, 政治面貌 at least)."""
    from pbgraph._raw_table import map_headers

    mapped, _ = map_headers(TABLES["members"], ["" if c is None else str(c) for c in cells])
    return {"id", "name", "party"} <= set(mapped.values())


def _first_csv_row(path: Path) -> list[str]:
    import csv

    from pbgraph._csv_reader import detect_encoding

    with path.open("rb") as handle:
        sample = handle.read(1 << 16)
    encoding = detect_encoding(sample, complete=len(sample) < 1 << 16)
    if encoding is None:
        return []
    lines = sample.decode(encoding, errors="replace").lstrip("\ufeff").splitlines()
    if not lines:
        return []
    delimiter = max((",", "\t", ";", "|"), key=lines[0].count)
    return next(csv.reader([lines[0]], delimiter=delimiter), [])


def is_office_source(path: str | os.PathLike[str]) -> bool:
    """Whether a path must be read as office files (3.1) rather than as a canonical dataset (3).

    A canonical dataset is a folder of CSVs or one .xlsx workbook whose `members` file or sheet is named so
    (or 委员) and has the canonical header (编号, 姓名, 政治面貌 …) in its first row. Anything else offices
    keep (.xls, one CSV, a roster with title rows or without 编号, a folder mixing files) is read here.
    """
    path = Path(path)
    if path.is_dir():
        files = [f for f in path.iterdir() if f.is_file() and not f.name.startswith((".", "~$"))]
        data = [f for f in files if f.suffix.lower() in OFFICE_SUFFIXES]
        if any(f.suffix.lower() not in CSV_SUFFIXES for f in data):
            return True
        if all(_table_name(f.stem) for f in data):
            # every file named after its table: canonical, even when broken (the canonical reader says how)
            return False
        members = [f for f in data if _members_name(f.stem)]
        try:
            return not (members and _canonical_header(_first_csv_row(members[0])))
        except OSError:
            # e.g. open in Excel on Windows: the canonical reader says so
            return False
    suffix = path.suffix.lower()
    if suffix not in OFFICE_SUFFIXES or not path.is_file():
        return False
    if suffix not in WORKBOOK_SUFFIXES:
        return True
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True)
    except Exception:  # a damaged workbook is reported by the canonical reader
        return False
    from pbgraph.io import NOT_RECORDED_SHEET

    try:
        # a workbook pbgraph wrote may end with the note of what its source did not record
        if all(_table_name(t) or t == NOT_RECORDED_SHEET for t in workbook.sheetnames):
            return False
        sheet = next((workbook[t] for t in workbook.sheetnames if _members_name(t)), None)
        first = next(sheet.iter_rows(max_row=1, values_only=True), ()) if sheet is not None else ()
        return not _canonical_header(list(first))
    except Exception:  # as above: the canonical reader says what is wrong
        return False
    finally:
        workbook.close()


def field_names() -> list[str]:
    """Every field a column may be mapped to with `--map HEADER=field`."""
    fields = {f for kind in SHEET_KINDS.values() for f in kind.aliases if f not in (IGNORED, PRIVATE)}
    return sorted(fields)


def parse_column_map(items: Sequence[str]) -> tuple[dict[str, str], list[Problem]]:
    """`列名=field` items as a header -> field mapping (headers compared as `header_key`)."""
    allowed = set(field_names()) | {IGNORED}
    mapping: dict[str, str] = {}
    problems = []
    for item in items:
        header, sep, name = item.partition("=")
        name = name.strip()
        if not sep or not header_key(header) or name not in allowed:
            problems.append(
                Problem(
                    code="office_bad_map",
                    severity="error",
                    value=item,
                    params={"fields": ", ".join(sorted(allowed))},
                )
            )
            continue
        mapping[header_key(header).lower()] = name
    return mapping, problems


def _files(sources: Sequence[Path]) -> list[tuple[Path, str]]:
    """Every office file of the sources (folders expanded, in name order), with the name shown to users."""
    found = []
    for source in sources:
        if source.is_dir():
            for file in sorted(source.iterdir()):
                if (
                    file.is_file()
                    and file.suffix.lower() in OFFICE_SUFFIXES
                    and not file.name.startswith((".", "~$"))
                ):
                    found.append((file, file.name))
        else:
            found.append((source, source.name))
    return found


def read_office(
    sources: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    column_map: Mapping[str, str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> OfficeRead:
    """Read office files (workbooks, CSVs, folders of them) into canonical raw tables.

    Parameters
    ----------
    sources
        Files or folders.
    column_map
        Header -> field overrides (see :func:`parse_column_map`).
    progress
        Called with the name of each file as it is read.

    Examples
    --------
    >>> read = read_office("data/sample-office.xlsx")
    >>> len(read.tables["members"].frame), [p for p in read.problems if p.is_error]
    (250, [])
    """
    if isinstance(sources, (str, os.PathLike)):
        sources = [sources]
    paths = [Path(s) for s in sources]
    overrides = dict(column_map or {})
    problems: list[Problem] = []
    sheets: list[Sheet] = []
    ignored: list[tuple[str, str | None, str]] = []
    for path in paths:
        if not path.exists():
            problems.append(Problem(code="path_missing", severity="error", file=str(path)))
    for file, display in _files([p for p in paths if p.exists()]):
        if progress:
            progress(display)
        grids, found = read_grids(file, display)
        problems.extend(found)
        for grid in grids:
            if not any(any(row) for row in grid.cells):
                ignored.append((grid.file, grid.sheet, "empty"))
                continue
            if grid.hidden or (grid.sheet or "").strip().lower() in NON_DATA_SHEETS:
                ignored.append((grid.file, grid.sheet, "not_data"))
                continue
            result = recognize(grid, overrides, hint=_hint(grid.sheet or file.stem))
            if isinstance(result, Unrecognized):
                problems.append(_unrecognized(result, overrides))
                ignored.append((grid.file, grid.sheet, "unrecognized"))
                continue
            problems.extend(
                Problem(
                    code="duplicate_column",
                    severity="error",
                    table=result.kind.table,
                    file=grid.file,
                    sheet=grid.sheet,
                    column=later,
                    value=later,
                    params={"first": first},
                )
                for first, later in result.duplicates
            )
            for column in result.columns:
                if column.field == PRIVATE:
                    problems.append(
                        Problem(
                            code="office_private_column",
                            severity="warning",
                            table=result.kind.table,
                            file=grid.file,
                            sheet=grid.sheet,
                            column=column.header,
                            value=column.header,
                        )
                    )
            sheets.append(result)
    data_sheets = [s for s in sheets if s.kind.table in TABLES]
    if not any(s.kind.name == "members" for s in data_sheets) and not any(p.is_error for p in problems):
        problems.append(
            Problem(code="office_no_roster", severity="error", table="members", file=_display(paths))
        )
    assembler = Assembler(data_sheets)
    tables = assembler.run()
    problems.extend(assembler.problems)
    report = build_report(
        sources=[d for _, d in _files([p for p in paths if p.exists()])],
        sheets=sheets,
        ignored=ignored,
        assembler=assembler,
        tables=tables,
    )
    return OfficeRead(tables, problems, report)


def _display(paths: Sequence[Path]) -> str:
    return "、".join(p.name for p in paths)


# sheet or file names offices give the tables, beside the canonical ones
SHEET_NAMES: dict[str, str] = {
    "群众名单": "contacts",
    "联系群众名单": "contacts",
    "组织名单": "organizations",
}


def _hint(stem: str | None) -> str | None:
    if not stem:
        return None
    key = stem.strip()
    name = SHEET_NAMES.get(key) or TABLE_ALIASES.get(key, key.lower())
    return name if name in TABLES else None


def _unrecognized(sheet: Unrecognized, overrides: Mapping[str, str]) -> Problem:
    keys = {header_key(c) for c in sheet.cells}
    roster_like = bool(keys & {"姓名", "委员姓名"}) and bool(
        keys & {"界别", "所在镇(街)", "镇街", "工作单位及职务"}
    )
    return Problem(
        code="office_no_party_column"
        if roster_like and "party" not in overrides.values()
        else ("office_unrecognized_sheet"),
        severity="error" if roster_like else "warning",
        table="members" if roster_like else None,
        file=sheet.grid.file,
        sheet=sheet.grid.sheet,
        params={"header_row": sheet.row, "cells": " | ".join(sheet.cells[:12]) or "（空）"},
    )


REPORT_FILES = ("导入报告.json", "import-report.json", "not-recorded.json")
"""The JSON import report `pbgraph import` writes beside the dataset (see :mod:`pbgraph.office.importer`), or
the note of what the source did not record `pbgraph export --to csv` writes (:data:`NOT_RECORDED_FILE`): the
`not_recorded` list of either is read."""
NOT_RECORDED_FILE = REPORT_FILES[-1]


def with_import_report(folder: Path, tables: dict[str, RawTable]) -> dict[str, RawTable]:
    """The tables of a folder `pbgraph import` wrote, knowing what its office files did not record and
    which ids pbgraph assigned.

    The canonical tables cannot say that a table (or one kind of liaison list) was not given rather than
    empty, nor that their ids were assigned rather than kept by the office; the import report beside them
    does, so the analyses on the imported folder say "未提供", and a comparison matches its members by name,
    just as on the office files themselves.
    """
    import json
    from dataclasses import replace

    report = next((folder / name for name in REPORT_FILES if (folder / name).is_file()), None)
    members = tables.get("members")
    if report is None or members is None:
        return tables
    try:
        said = json.loads(report.read_text(encoding="utf-8"))
        keys, ids = said.get("not_recorded", []), said.get("tables", {})
        assigned = {name for name, table in ids.items() if table.get("ids") == "assigned"}
    except (OSError, ValueError, AttributeError):
        return tables
    marked = known_not_recorded(keys) if isinstance(keys, list) else ()
    tables = tables | {"members": replace(members, not_recorded=marked)}
    return tables | {name: replace(tables[name], ids_assigned=True) for name in assigned & tables.keys()}

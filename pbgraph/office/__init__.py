"""Read what offices keep (DESIGN 3.1): rosters and liaison lists as they are, in .xlsx, .xls or CSV files
or folders mixing them, into the canonical raw tables every command validates and analyses.

The entry points are :func:`is_office_source` (does this path need reading as office files?),
:func:`read_office` (the raw tables, the problems and the import report), :func:`import_dataset`
(`pbgraph import`) and :func:`write_template` (`pbgraph template`).
"""

from __future__ import annotations

from pbgraph.office.importer import import_dataset
from pbgraph.office.reader import OfficeRead, field_names, is_office_source, parse_column_map, read_office
from pbgraph.office.report import ImportReport
from pbgraph.office.template import write_template

__all__ = [
    "ImportReport",
    "OfficeRead",
    "field_names",
    "import_dataset",
    "is_office_source",
    "parse_column_map",
    "read_office",
    "write_template",
]

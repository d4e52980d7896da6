"""`pbgraph import`: office files in, a canonical dataset folder and its import report (导入报告) out."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pbgraph._errors import DatasetError, PbgraphError
from pbgraph.dataset import Dataset
from pbgraph.office.reader import read_office
from pbgraph.office.report import ImportReport
from pbgraph.validate import build_dataset

REPORT_NAMES = {"zh": "导入报告", "en": "import-report"}


class OutputExistsError(PbgraphError, FileExistsError):
    """The output folder is, holds or lies inside one of the sources (`force` or not)."""


@dataclass
class ImportResult:
    """What `import_dataset` wrote: the dataset, its report and the files."""

    dataset: Dataset
    report: ImportReport
    files: list[Path]


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def import_dataset(
    sources: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    column_map: Mapping[str, str] | None = None,
    lang: str = "zh",
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> ImportResult:
    """Read office files, validate them, and write the canonical dataset and the import report to `out`.

    The folder is written beside `out` and renamed into place, so `out` holds either the old content or
    the whole new one; a non-empty `out` is refused unless `force`.

    Raises
    ------
    pbgraph.DatasetError
        When the files have errors (nothing is written); `.problems` lists them.
    OutputExistsError
        When `out` is, holds or lies inside a source.
    pbgraph._errors.OutputError
        When `out` is a file, or a non-empty folder and `force` is false.
    """
    from pbgraph._table_writers import write_csv_files
    from pbgraph._write import atomic_folder, check_folder_target
    from pbgraph.export import input_tables

    target = Path(out)
    source_paths = [Path(s) for s in sources]
    if any(_inside(s, target) or (_inside(target, s) and s.is_dir()) for s in source_paths if s.exists()):
        raise OutputExistsError(f"{target}: the output folder holds or is a source; choose another folder")
    # a file or a non-empty folder: refused as every folder output refuses it, in the same words
    check_folder_target(target, force=force)
    read = read_office(source_paths, column_map=column_map, progress=progress)
    ds = build_dataset(read.tables, read.problems, name=target.name)
    report = read.report.with_problems([p for p in ds.warnings], lang)
    stem = REPORT_NAMES["zh" if lang == "zh" else "en"]
    # written beside and renamed into place; an unwritable place is one clear error (DESIGN 5)
    with atomic_folder(target, force=True) as output:
        write_csv_files(output, input_tables(ds))
        for suffix, text in (("md", report.to_markdown), ("html", report.to_html), ("json", report.to_json)):
            with output.open(f"{stem}.{suffix}") as handle:
                handle.write(text(lang))
    return ImportResult(ds, report, sorted(target.iterdir()))


__all__ = ["REPORT_NAMES", "DatasetError", "ImportResult", "OutputExistsError", "import_dataset"]

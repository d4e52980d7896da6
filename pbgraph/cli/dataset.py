"""`pbgraph validate` and `pbgraph info`: check a dataset, count what it holds."""

from __future__ import annotations

import sys
from pathlib import Path

import click
import pandas as pd

from pbgraph._errors import DatasetError
from pbgraph._texts import CLI, say
from pbgraph.cli._common import (
    EXIT_DATASET,
    FORMATS,
    cache_option,
    load_dataset,
    load_or_exit,
    output_options,
    problem_lines,
    write_tables,
)


@click.command()
@click.argument("path", type=click.Path())
@output_options(*FORMATS)
@cache_option
def validate(path: str, fmt: str, lang: str, output: Path | None) -> None:
    """检查数据集，列出全部错误和警告（有错误时退出码为 2）。

    Check a dataset (folder of CSVs or .xlsx) and list every error and warning; exit code 2 on errors.

    \b
    例 / Example:
      pbgraph validate data/sample
      pbgraph validate roster.xlsx --lang en --format json
    """
    try:
        # a dataset validated before comes from the cache, with the warnings it had
        ds = load_dataset(path, lang)
        found, ok = ds.warnings, True
    except DatasetError as error:
        found, ok = error.problems, False
    # a cause listed on its first rows counts the rest too (第 2–201 行…，共 250 行: 250 errors)
    errors = sum(p.stands_for for p in found if p.is_error)
    warnings = sum(p.stands_for for p in found if not p.is_error)
    if ok:
        from pbgraph._notes import dataset_notes

        # what the dataset leaves out is said before the analyses say it
        summary = "\n".join(
            [
                *dataset_notes(ds.not_recorded, lang),
                say(CLI, "valid", lang, members=len(ds.members), warnings=warnings),
            ]
        )
    else:
        summary = say(CLI, "invalid", lang, errors=errors, warnings=warnings)
    if fmt == "table" and output is None:
        for line in problem_lines(found, lang):
            click.echo(line)
        click.echo(summary)
    else:
        frame = pd.DataFrame(
            [p.as_record(lang) for p in found],
            columns=["severity", "code", "file", "sheet", "row", "column", "value", "message"],
        )
        write_tables({"problems": frame}, fmt=fmt, lang=lang, output=output)
        click.echo(summary, err=True)
    if not ok:
        sys.exit(EXIT_DATASET)


@click.command()
@click.argument("path", type=click.Path())
@output_options(*FORMATS)
@cache_option
def info(path: str, fmt: str, lang: str, output: Path | None) -> None:
    """数据集概况：按政协统计各类节点和联系的数量。

    Counts by kind, per committee.

    \b
    例 / Example:
      pbgraph info data/sample
      pbgraph info data/sample --format json
    """
    from pbgraph._notes import dataset_notes
    from pbgraph.stats import counted_more_than_once, counts, not_recorded

    ds = load_or_exit(path, lang)
    table = counts(ds)
    # the counts shown n/a say why; a reader who adds up the committees should not think the total wrong
    notes = dataset_notes(not_recorded(ds), lang)
    if counted_more_than_once(table):
        notes.append(say(CLI, "counted_in_each", lang))
    write_tables({"info": table}, fmt=fmt, lang=lang, output=output, notes=notes)

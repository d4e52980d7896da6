"""`pbgraph report`: the HTML report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from pbgraph._texts import CLI, say
from pbgraph._texts.cli import USAGE
from pbgraph.cli._common import (
    as_of_dataset,
    cache_option,
    lang_option,
    library_errors,
    load_or_exit,
    max_depth_option,
    max_load_option,
    time_options,
)


@click.command()
@click.argument("path", type=click.Path())
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("out") / "report.html",
    show_default=True,
    help="报告文件 / the HTML file to write.",
)
@click.option("--committee", help="只报告这个政协（编号）/ only this committee (id).")
@click.option(
    "--redact",
    is_flag=True,
    help="姓名脱敏（委员A017 等代号），用于对外提供 / replace every person's name by a pseudonym.",
)
@click.option(
    "--xlsx",
    "xlsx",
    type=click.Path(dir_okay=False, path_type=Path),
    help="同时导出完整表格到这个 Excel 文件 / also write every table to this workbook.",
)
@max_load_option
@max_depth_option
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help="每个表格最多显示的行数 / rows shown per table.",
)
@click.option(
    "--node-limit",
    type=click.IntRange(min=10),
    default=1500,
    show_default=True,
    help="关系图超过此节点数时聚合显示 / aggregate graph views above this many nodes.",
)
@click.option(
    "--views/--no-views",
    default=True,
    show_default=True,
    help="嵌入交互式关系图 / embed the interactive graph views.",
)
@click.option(
    "--compare",
    "compare_with",
    type=click.Path(),
    help="与这个较早的数据集比较，报告末尾加“与上次比较”一节 / add a section on changes since this dataset.",
)
@time_options
@lang_option
@cache_option
@library_errors
def report(
    path: str,
    output: Path,
    committee: str | None,
    redact: bool,
    xlsx: Path | None,
    max_load: int,
    max_depth: int | None,
    max_rows: int,
    node_limit: int,
    views: bool,
    compare_with: str | None,
    since: str | None,
    until: str | None,
    as_of: str | None,
    min_meetings: int,
    min_contacts: int | None,
    lang: str,
) -> None:
    """生成分析报告：一个可离线打开、可打印为 PDF 的 HTML 文件。

    Write the report: one self-contained HTML file (opens offline, prints to PDF) with the coverage rates,
    every gap, charts and interactive graph views.

    \b
    例 / Example:
      pbgraph report data/sample -o report.html
      pbgraph report data/sample -o report.html --xlsx report.xlsx
      pbgraph report data/system --redact --lang en -o report-en.html
      pbgraph report data/2024 --compare data/2023 -o report.html
      pbgraph report data/sample --as-of 2024-12-31 --since 2024-01-01 -o report-2024.html
    """
    from pbgraph.export import export_xlsx
    from pbgraph.export import redact as redact_dataset
    from pbgraph.report import write_report

    if compare_with is not None and redact:
        raise click.UsageError(say(USAGE, "compare_redact", lang))
    ds = as_of_dataset(load_or_exit(path, lang), as_of)
    activity: dict[str, Any] = {
        "since": since,
        "until": until,
        "min_meetings": min_meetings,
        "min_contacts": min_contacts,
    }
    earlier = load_or_exit(compare_with, lang) if compare_with is not None else None
    if redact:
        ds = redact_dataset(ds, lang=lang)
    if xlsx is not None:
        export_xlsx(
            ds, xlsx, committee=committee, max_load=max_load, max_depth=max_depth, lang=lang, **activity
        )
        click.echo(say(CLI, "wrote", lang, path=xlsx), err=True)
    # redacting is idempotent: the report redacts again only to say so on its cover
    write_report(
        ds,
        output,
        committee=committee,
        lang=lang,
        redact=redact,
        max_load=max_load,
        max_depth=max_depth,
        max_rows=max_rows,
        node_limit=node_limit,
        views=views,
        excel_name=xlsx.name if xlsx is not None else None,
        compare=earlier,
        # the network is already as of the date (taking it again changes nothing): the cover says so
        as_of=as_of,
        **activity,
    )
    click.echo(say(CLI, "wrote", lang, path=output))

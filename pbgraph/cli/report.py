"""`pbgraph report`: the HTML report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from pbgraph._texts import help_text, say
from pbgraph._texts.cli import USAGE
from pbgraph.cli._common import (
    OutputFile,
    as_of_dataset,
    cache_option,
    committee_id,
    echo_wrote,
    lang_option,
    library_errors,
    load_or_exit,
    match_option,
    max_depth_option,
    max_load_option,
    status,
    time_options,
)


@click.command()
@click.argument("path", type=click.Path())
@click.option(
    "-o",
    "--output",
    type=OutputFile("html"),
    default=Path("out") / "report.html",
    show_default=True,
    help=help_text("report_output"),
)
@click.option("--committee", help=help_text("report_committee"))
@click.option(
    "--redact",
    is_flag=True,
    help=help_text("report_redact"),
)
@click.option(
    "--xlsx",
    "xlsx",
    type=OutputFile("xlsx"),
    help=help_text("xlsx"),
)
@max_load_option
@max_depth_option
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=50,
    show_default=True,
    help=help_text("max_rows"),
)
@click.option(
    "--node-limit",
    type=click.IntRange(min=10),
    default=1500,
    show_default=True,
    help=help_text("report_node_limit"),
)
@click.option(
    "--views/--no-views",
    default=True,
    show_default=True,
    help=help_text("views"),
)
@click.option(
    "--compare",
    "compare_with",
    type=click.Path(),
    help=help_text("compare"),
)
@match_option
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
    match: str,
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
      pbgraph report 委员名单2024.xlsx --compare 委员名单2023.xlsx -o report.html
      pbgraph report data/sample --as-of 2024-12-31 --since 2024-01-01 -o report-2024.html
    """
    from pbgraph._malloc import keep_freed_memory
    from pbgraph.export import redact as redact_dataset
    from pbgraph.report import write_report

    keep_freed_memory()
    if compare_with is not None and redact:
        raise click.UsageError(say(USAGE, "compare_redact", lang))
    ds = as_of_dataset(load_or_exit(path, lang), as_of)
    committee = committee_id(ds, committee)
    activity: dict[str, Any] = {
        "since": since,
        "until": until,
        "min_meetings": min_meetings,
        "min_contacts": min_contacts,
    }
    earlier = load_or_exit(compare_with, lang) if compare_with is not None else None
    if earlier is not None:
        from pbgraph._diff_reading import matched_by

        # how the comparison matches its members, said first (the report's section says it too)
        for note in matched_by(earlier, ds, match, lang)[1]:
            status(note)
    if redact:
        ds = redact_dataset(ds, lang=lang)
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
        workbook=xlsx,
        compare=earlier,
        compare_match=match,
        # the network is already as of the date (taking it again changes nothing): the cover says so
        as_of=as_of,
        **activity,
    )
    if xlsx is not None:
        echo_wrote(xlsx, lang)
    echo_wrote(output, lang)

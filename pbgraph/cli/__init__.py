"""The `pbgraph` command line: a thin layer that parses options, calls one library function and writes the
result. Library errors become one clear message and a non-zero exit code (2 for dataset errors)."""

from __future__ import annotations

import click

from pbgraph.cli.analyze import analyze
from pbgraph.cli.cache import cache_group
from pbgraph.cli.dataset import info, validate
from pbgraph.cli.export import export
from pbgraph.cli.generate import generate
from pbgraph.cli.neo4j import neo4j_group
from pbgraph.cli.office import import_command, template_command
from pbgraph.cli.plan import diff, plan, whatif
from pbgraph.cli.render import render
from pbgraph.cli.report import report


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(package_name="pbgraph")
def main() -> None:
    """pbgraph：政协党建“一网三联”组织网络分析工具 / CPPCC party-building network analyzer.

    \b
    例 / Example:
      pbgraph validate data/sample
      pbgraph analyze all data/sample
    """
    from pbgraph._write import forget_reads

    # a new command: nothing read yet (matters when one process runs several, as the tests do)
    forget_reads()


for command in (
    import_command,
    template_command,
    validate,
    info,
    generate,
    analyze,
    plan,
    diff,
    whatif,
    render,
    report,
    export,
    neo4j_group,
    cache_group,
):
    main.add_command(command)

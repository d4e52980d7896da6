"""The `pbgraph` command line: a thin layer that parses options, calls one library function and writes the
result. Library errors become one clear message and a non-zero exit code (2 for dataset errors)."""

from __future__ import annotations

import atexit
import os
import sys
import threading
from gettext import gettext as _
from importlib import import_module

import click

from pbgraph._texts.help import SUMMARIES

# each command's module, imported when that command runs: a command pays only for what it uses, e.g. `pbgraph
# analyze` never imports the Neo4j store or the views; `pbgraph --help` lists them from their summaries
# (`pbgraph._texts.help.SUMMARIES`) and imports none
COMMANDS = {
    "import": "pbgraph.cli.office:import_command",
    "template": "pbgraph.cli.office:template_command",
    "validate": "pbgraph.cli.dataset:validate",
    "info": "pbgraph.cli.dataset:info",
    "generate": "pbgraph.cli.generate:generate",
    "analyze": "pbgraph.cli.analyze:analyze",
    "plan": "pbgraph.cli.plan:plan",
    "diff": "pbgraph.cli.plan:diff",
    "whatif": "pbgraph.cli.plan:whatif",
    "render": "pbgraph.cli.render:render",
    "report": "pbgraph.cli.report:report",
    "export": "pbgraph.cli.export:export",
    "neo4j": "pbgraph.cli.neo4j:neo4j_group",
    "cache": "pbgraph.cli.cache:cache_group",
}


class LazyGroup(click.Group):
    """A group whose commands are imported by name from :data:`COMMANDS`, in the order listed there."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        where = COMMANDS.get(cmd_name)
        if where is None:
            return None
        module, name = where.split(":")
        command: click.Command = getattr(import_module(module), name)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # as click lists them (the limit, the shortening), from the summaries rather than the commands
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [
            (name, click.Command(name, help=SUMMARIES[name]).get_short_help_str(limit)) for name in COMMANDS
        ]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110}
)
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


def run(args: list[str] | None = None) -> None:
    """The `pbgraph` command (the console script, `python -m pbgraph.cli`): :func:`main`, then the process
    ends at once, its output flushed and its exit handlers run, without tearing the interpreter down: freeing
    the objects of every module pandas, pyarrow and scipy bring took 0.2-0.3 s after each command, a tenth of
    a cached province `analyze`, for memory the system takes back anyway. The usual exit instead (it waits,
    it reports) when a thread of the command is still running or the output cannot be flushed."""
    try:
        main(args)
    except SystemExit as end:
        code = end.code
    else:
        code = 0  # not reached: standalone, click ends with SystemExit
    if not isinstance(code, int | None) or threading.active_count() > 1:
        raise SystemExit(code)
    atexit._run_exitfuncs()  # e.g. logging's, as the interpreter would
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # e.g. a closed pipe: reported as the interpreter does
        raise SystemExit(code) from None
    os._exit(code or 0)

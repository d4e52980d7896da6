"""What the command line imports: `pbgraph --help` and a cached `analyze` start without the heavy libraries
that only some commands use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = (
    "neo4j",
    "networkx",
    "matplotlib",
    "openpyxl",
    "pyvis",
    "pbgraph.neo4j",
    "pbgraph.render",
    "pbgraph.office",
    "pbgraph.io",
    "pbgraph.validate",
)
"""The libraries, and our own packages, that some commands use and others never should (a cached dataset is
neither read nor validated again)"""
SCRIPT = f"""
import json, sys
from pbgraph.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))
"""


def imported(*args: str) -> list[str]:
    """The heavy modules a fresh `pbgraph ARGS` process has imported when it ends."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def test_help() -> None:
    # the commands are listed from their summaries: no command's module is imported
    assert imported("--help") == []
    code = "import sys; from pbgraph.cli import main; sys.argv = ['pbgraph', '--help']\ntry:\n    main()\n"
    code += "except SystemExit:\n    print(sorted(m for m in sys.modules if m.startswith('pbgraph.cli.')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"
    # nor the package metadata: the version is read when asked for (`pbgraph --version`)
    code = code.replace("m.startswith('pbgraph.cli.')", "m == 'importlib.metadata'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"


def test_the_listed_summaries_are_the_commands_own_help() -> None:
    # what `pbgraph --help` lists without importing the commands is what click lists from the commands
    from click import Context, Group

    from pbgraph.cli import main

    listed, imported_ = Context(main).make_formatter(), Context(main).make_formatter()
    main.format_commands(Context(main), listed)
    Group.format_commands(main, Context(main), imported_)
    assert listed.getvalue() == imported_.getvalue()
    assert "neo4j" in listed.getvalue() and "..." in listed.getvalue()  # click's shortening applies too


@pytest.mark.parametrize("name", ["all", "coverage"])
def test_cached_analyze(tmp_path: Path, name: str) -> None:
    args = ("analyze", name, "data/sample", "--format", "json", "-o", str(tmp_path / "out.json"))
    imported(*args)  # the first command fills the cache
    assert imported(*args) == []
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))


def test_the_heavy_ones_are_still_there_when_used(tmp_path: Path) -> None:
    # the check above would pass vacuously if the names were wrong: a graph export does import networkx
    args = ("export", "data/sample", "--to", "json", "-o", str(tmp_path / "g.json"))
    assert "networkx" in imported(*args)


def test_the_package_alone_imports_no_table_or_graph_library() -> None:
    # `import pbgraph` gives the public names on first use: importing it (as every command does) costs nothing
    code = (
        "import sys, pbgraph; heavy = sorted(m for m in ('pandas', 'scipy', 'networkx', 'pyarrow') "
        "if m in sys.modules); print(heavy); print(callable(pbgraph.load), callable(pbgraph.diff), "
        "pbgraph.Dataset.__name__, 'pandas' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["[]", "True True Dataset True"]


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    import pbgraph

    with pytest.raises(AttributeError, match="no_such_name"):
        _ = pbgraph.no_such_name  # type: ignore[attr-defined]
    assert {"load", "plan", "diff", "whatif", "Dataset"} <= set(dir(pbgraph))


def test_every_command_is_found_under_its_own_name() -> None:
    from click import Context

    from pbgraph.cli import COMMANDS, main

    context = Context(main)
    commands = {name: main.get_command(context, name) for name in main.list_commands(context)}
    assert list(commands) == list(COMMANDS)
    assert {name: command.name if command else None for name, command in commands.items()} == {
        name: name for name in COMMANDS
    }
    assert main.get_command(context, "no-such-command") is None

"""The package as users install it: the wheel carries every file pbgraph reads at run time (the Cypher of the
top-level `cypher/` folder as `pbgraph/cypher/`, templates, scripts, styles), and the version is one.

The wheel is the one `make dist` built (`PBGRAPH_DIST`), or one built here. `tests/smoke_installed.sh` (run by
`make test`) installs that wheel into a fresh environment and runs every command with it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

import pbgraph
from pbgraph.cli import main

ROOT = Path(__file__).resolve().parent.parent
# the folders the wheel maps into the package: the package itself, and cypher/ as pbgraph/cypher/
SOURCES = {ROOT / "pbgraph": "pbgraph", ROOT / "cypher": "pbgraph/cypher"}


def wheel_path(path: Path) -> str | None:
    """Where a file of the source tree is in the wheel (None: not a file of the package)."""
    for folder, inside in SOURCES.items():
        if path.is_relative_to(folder):
            return f"{inside}/{path.relative_to(folder).as_posix()}"
    return None


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The names of the files in the wheel."""
    dist = os.environ.get("PBGRAPH_DIST")
    found = sorted((ROOT / dist).glob("pbgraph-*.whl")) if dist else []
    if not found:
        out = tmp_path_factory.mktemp("dist")
        done = subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        found = sorted(out.glob("pbgraph-*.whl"))
    with zipfile.ZipFile(found[-1]) as archive:
        return set(archive.namelist())


def tracked_files() -> list[Path]:
    """The files of the package's folders that git tracks (or, outside a checkout, that exist)."""
    done = subprocess.run(
        ["git", "ls-files", "pbgraph", "cypher"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode == 0 and done.stdout.strip():
        return [ROOT / line for line in done.stdout.splitlines() if (ROOT / line).is_file()]
    found = [p for folder in SOURCES for p in folder.rglob("*") if p.is_file()]
    return [p for p in found if "__pycache__" not in p.parts]


def test_every_module_and_data_file_is_in_the_wheel(wheel: set[str]) -> None:
    """Every module and every non-documentation file of pbgraph/ and cypher/ (the Cypher, templates, js,
    css …): a subpackage or a data file missing from the wheel fails here, not on an analyst's machine."""
    files = [p for p in tracked_files() if p.suffix != ".md" or p.parent == ROOT / "cypher"]
    missing = sorted(str(wheel_path(p)) for p in files if wheel_path(p) not in wheel)
    assert not missing, f"not in the wheel: {missing}"
    assert {n for n in wheel if n.startswith("pbgraph/cypher/") and n.endswith(".cypher")} == {
        wheel_path(p) for p in (ROOT / "cypher").rglob("*.cypher")
    }


# every command, run in one process with an audit hook that records each file opened under pbgraph/ or cypher/
_OPENED = r"""
import json, os, sys
from pathlib import Path
roots = [str(Path(p).resolve()) for p in sys.argv[2:4]]
opened = set()
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, os.PathLike)):
        path = os.path.realpath(os.fspath(args[0]))
        if any(path.startswith(root + os.sep) for root in roots):
            opened.add(path)
sys.addaudithook(hook)
from click.testing import CliRunner
from pbgraph.cli import main
runner = CliRunner()
for line in json.loads(sys.argv[1]):
    runner.invoke(main, line, catch_exceptions=True)
print(json.dumps(sorted(opened)))
"""


def test_every_file_opened_at_run_time_is_in_the_wheel(wheel: set[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    commands = [
        ["validate", "data/sample"],
        ["analyze", "all", "data/sample", "--format", "json", "-o", str(out / "all.json")],
        ["render", "gaps", "data/sample", "-o", str(out / "gaps.html")],
        ["render", "network", "data/sample", "--format", "fragment", "-o", str(out / "n.html")],
        ["report", "data/sample", "-o", str(out / "report.html"), "--xlsx", str(out / "report.xlsx")],
        ["export", "data/sample", "--to", "graphml", "-o", str(out / "g.graphml")],
        ["neo4j", "query", "datasets", "--uri", "bolt://127.0.0.1:1"],
        ["neo4j", "query", "unlinked", "--uri", "bolt://127.0.0.1:1", "-p", "dataset=x"],
    ]
    done = subprocess.run(
        [sys.executable, "-c", _OPENED, json.dumps(commands), str(ROOT / "pbgraph"), str(ROOT / "cypher")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    opened = [Path(p) for p in json.loads(done.stdout.splitlines()[-1])]
    read = [p for p in opened if p.suffix not in (".py", ".pyc")]
    # the commands did read data files of the package: the Cypher, the report and view templates
    assert any(p.suffix == ".cypher" for p in read) and any(p.suffix == ".html" for p in read), read
    missing = sorted(str(wheel_path(p)) for p in read if wheel_path(p) not in wheel)
    assert not missing, f"read at run time but not in the wheel: {missing}"


def test_the_version_is_single_sourced(capsys: pytest.CaptureFixture[str]) -> None:
    from click.testing import CliRunner

    assert pbgraph.__version__ == version("pbgraph")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(rf'^version = "{re.escape(pbgraph.__version__)}"$', pyproject, re.MULTILINE)
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and pbgraph.__version__ in result.output
    # written once: no module of the package spells the version out
    for path in (ROOT / "pbgraph").rglob("*.py"):
        assert f'"{pbgraph.__version__}"' not in path.read_text(encoding="utf-8"), path

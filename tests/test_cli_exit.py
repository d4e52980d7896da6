"""The `pbgraph` command ends its process at once (`pbgraph.cli.run`): what it wrote is whole, its exit code
is the command's, and it waits as the interpreter would when a thread of the command is still running."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from pbgraph import cli
from pbgraph.cli import main

ROOT = Path(__file__).resolve().parent.parent


def command(*args: str, cache: Path) -> subprocess.CompletedProcess[bytes]:
    """`pbgraph ARGS` as installed (`python -m pbgraph.cli` runs what the console script runs)."""
    return subprocess.run(
        [sys.executable, "-m", "pbgraph.cli", *args],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "PBGRAPH_CACHE_DIR": str(cache)},
        timeout=300,
    )


def test_the_console_script_is_run() -> None:
    # the exit that skips the interpreter's teardown is the one users get
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'pbgraph = "pbgraph.cli:run"' in text


def test_what_the_command_writes_is_whole(tmp_path: Path) -> None:
    # stdout (a pipe, block-buffered), a file, and the notes on stderr: as the same command run in process
    args = ["analyze", "all", "data/sample", "--format", "csv"]
    ended = command(*args, cache=tmp_path / "cache")
    assert ended.returncode == 0, ended.stderr.decode()
    in_process = CliRunner().invoke(main, [*args, "--no-cache"])
    assert in_process.exit_code == 0
    assert ended.stdout.decode() == in_process.stdout
    assert len(ended.stdout) > 2 * io.DEFAULT_BUFFER_SIZE  # the last of several buffers too
    assert ended.stderr.decode() == in_process.stderr

    out = tmp_path / "all.json"
    ended = command(*args[:3], "--format", "json", "-o", str(out), cache=tmp_path / "cache")
    assert ended.returncode == 0, ended.stderr.decode()
    in_process = CliRunner().invoke(main, [*args[:3], "--format", "json", "--no-cache"])
    assert out.read_text(encoding="utf-8") == in_process.stdout


def test_the_exit_code_is_the_command_s(tmp_path: Path) -> None:
    ended = command("analyze", "all", str(tmp_path / "missing"), cache=tmp_path / "cache")
    assert ended.returncode == 2
    assert "找不到数据集路径" in ended.stderr.decode()
    ended = command("analyze", "nothing", "data/sample", cache=tmp_path / "cache")
    assert ended.returncode == 2
    assert "nothing" in ended.stderr.decode()
    assert command("--version", cache=tmp_path / "cache").returncode == 0


class Ended(Exception):
    """`os._exit` replaced in process: what it was called with, instead of the process ending."""


@pytest.fixture
def exits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    codes: list[int] = []

    def record(code: int) -> None:
        codes.append(code)
        raise Ended

    monkeypatch.setattr(os, "_exit", record)
    return codes


def test_it_ends_at_once_when_nothing_runs(exits: list[int]) -> None:
    with pytest.raises(Ended):
        cli.run(["--version"])
    assert exits == [0]
    with pytest.raises(Ended):
        cli.run(["analyze", "nothing", "data/sample"])
    assert exits == [0, 2]


def test_a_thread_still_running_is_waited_for_as_usual(exits: list[int]) -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        with pytest.raises(SystemExit) as ended:
            cli.run(["--version"])
        assert ended.value.code == 0
        assert exits == []  # the interpreter's exit, which joins the thread
    finally:
        release.set()
        thread.join()

"""Shared test set-up: the sample dataset and a generated city system, each loaded once; a headless
Chromium for the browser tests, one per test module."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pbgraph import Dataset, load
from tests.browser import Chromium, launch_chromium

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"


@pytest.fixture(scope="session")
def sample() -> Dataset:
    return load(SAMPLE)


@pytest.fixture(scope="session")
def city(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """A generated city system (seed 3): thousands of nodes, long organization names, many hops."""
    path = tmp_path_factory.mktemp("city") / "city"
    subprocess.run(
        [sys.executable, "-m", "pbgraph.cli", "generate", "--scale", "city", "--seed", "3", str(path)],
        check=True,
        capture_output=True,
    )
    return load(path)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Chromium]:
    """A headless Chromium for the module's tests (skipped, saying why, where none can be had)."""
    with launch_chromium() as browser:
        yield browser


@pytest.fixture(autouse=True)
def _run_from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # doctests and CLI examples use paths relative to the repository root
    monkeypatch.chdir(ROOT)


@pytest.fixture(autouse=True)
def _new_command() -> None:
    # each test is a new command: what earlier tests read is not this test's input
    from pbgraph._write import forget_reads

    forget_reads()

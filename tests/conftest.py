"""Shared test set-up: the sample dataset, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest

from pbgraph import Dataset, load

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"


@pytest.fixture(scope="session")
def sample() -> Dataset:
    return load(SAMPLE)


@pytest.fixture(autouse=True)
def _run_from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # doctests and CLI examples use paths relative to the repository root
    monkeypatch.chdir(ROOT)


@pytest.fixture(autouse=True)
def _new_command() -> None:
    # each test is a new command: what earlier tests read is not this test's input
    from pbgraph._write import forget_reads

    forget_reads()

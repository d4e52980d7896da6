"""Shared test set-up: the sample dataset, loaded once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pbgraph import Dataset, load

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # the cache of validated datasets goes to a folder of this run, never the user's own cache
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PBGRAPH_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session")
def sample() -> Dataset:
    return load(SAMPLE)


@pytest.fixture(autouse=True)
def _run_from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # doctests and CLI examples use paths relative to the repository root
    monkeypatch.chdir(ROOT)

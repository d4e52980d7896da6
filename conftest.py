"""Set-up shared by the tests and the doctests of the package."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    # the cache of validated datasets goes to a folder of this run, never the user's own cache
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PBGRAPH_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield

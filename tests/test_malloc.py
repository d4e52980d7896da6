"""The report command keeps freed heap memory (glibc's mallopt): the settings are taken where glibc is."""

from __future__ import annotations

import platform
import sys

import pytest

from pbgraph._malloc import keep_freed_memory


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc", reason="glibc only"
)
def test_glibc_takes_both_settings() -> None:
    assert keep_freed_memory() is True
    # asked again, it still takes them
    assert keep_freed_memory() is True


@pytest.mark.skipif(sys.platform.startswith("linux"), reason="elsewhere than Linux")
def test_elsewhere_nothing_happens() -> None:
    assert keep_freed_memory() is False

"""The report command, and any command while it reads a dataset from its files, keep freed heap memory
(glibc's mallopt): the settings are taken where glibc is."""

from __future__ import annotations

import platform
import subprocess
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


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc", reason="glibc only"
)
def test_glibc_takes_the_large_blocks_setting_too() -> None:
    """In a process of its own: large blocks from the heap from then on, and a large array still works."""
    code = (
        "import numpy as np\n"
        "from pbgraph._malloc import keep_freed_memory\n"
        "assert keep_freed_memory(large=True) is True\n"
        "for _ in range(3):\n"
        "    a = np.ones(50_000_000); assert a.sum() == 50_000_000; del a\n"
        "print('ok')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


@pytest.mark.skipif(sys.platform.startswith("linux"), reason="elsewhere than Linux")
def test_elsewhere_nothing_happens() -> None:
    assert keep_freed_memory() is False
    assert keep_freed_memory(large=True) is False

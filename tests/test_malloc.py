"""The report command, and any command while it reads a dataset from its files, keep freed heap memory
(glibc's mallopt): the settings are taken where glibc is."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from pbgraph._malloc import keep_freed_memory

glibc_only = pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc", reason="glibc only"
)


def run_alone(code: str) -> str:
    """What `code` prints, run in a process of its own (the settings stay with the process that took them)."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@glibc_only
def test_glibc_takes_both_settings() -> None:
    assert keep_freed_memory() is True
    # asked again, it still takes them
    assert keep_freed_memory() is True


@glibc_only
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
    assert run_alone(code).strip() == "ok"


@glibc_only
def test_a_thread_reuses_the_large_blocks_it_freed() -> None:
    """In a process of its own: a thread (as the analyses run) that drops a large array and makes another
    of the same size gets the freed memory back, not fresh pages (one page fault or more per fresh page)."""
    code = (
        "import resource, threading\n"
        "import numpy as np\n"
        "from pbgraph._malloc import keep_freed_memory\n"
        "assert keep_freed_memory(large=True) is True\n"
        "faults = []\n"
        "def work():\n"
        "    for _ in range(3):\n"
        "        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt\n"
        "        a = np.ones(20_000_000); assert a.sum() == 20_000_000; del a\n"
        "        faults.append(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)\n"
        "thread = threading.Thread(target=work); thread.start(); thread.join()\n"
        "print(*faults)\n"
    )
    first, *again = (int(n) for n in run_alone(code).split())
    # 160 MB take at least some dozens of faults the first time (huge pages), none worth counting after
    assert first >= 40
    assert all(n * 10 <= first for n in again), (first, again)


@pytest.mark.skipif(sys.platform.startswith("linux"), reason="elsewhere than Linux")
def test_elsewhere_nothing_happens() -> None:
    assert keep_freed_memory() is False
    assert keep_freed_memory(large=True) is False

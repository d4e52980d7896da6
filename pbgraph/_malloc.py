"""Keep freed heap memory in the process (glibc), for commands that build and drop large structures.

glibc gives the top of its heap back to the system whenever more than 128 KiB of it is free, and takes it
back page by page (one page fault each) at the next allocation. A report of a province builds and drops a
view of 40,000 nodes and the tables of a dozen analyses: kept, the freed memory is reused without faults
(a third fewer page faults, which this kind of machine makes expensive). Nothing changes but the time:
the memory is the process's own until it exits.

Large blocks (above 128 KiB: numpy's arrays of a whole column) are not on the heap at all: glibc maps each
one afresh and unmaps it when it is freed. Reading and checking a national system from its files makes and
drops hundreds of them; `large=True` takes them from the heap too, so that they are reused (half the page
faults of that first command, for a higher peak: it is asked for only there). It also gives every thread
the one heap: in a thread's heap of its own, glibc maps a block above 64 MiB afresh whatever it was told,
and the analyses run on threads (a quarter fewer fresh pages for the national first command, and a lower
peak).
"""

from __future__ import annotations

import ctypes
import sys

#: glibc's mallopt parameters (malloc.h)
_M_TRIM_THRESHOLD = -1
_M_TOP_PAD = -2
_M_MMAP_MAX = -4
_M_ARENA_MAX = -8
#: free heap kept before any is given back, and the extra taken each time the heap grows
TRIM_THRESHOLD = 1 << 30
TOP_PAD = 1 << 28


def keep_freed_memory(*, large: bool = False) -> bool:
    """Ask glibc to keep freed heap memory (`mallopt`), with `large` large blocks too; whether it took every
    setting. Elsewhere (not Linux, a C library without mallopt) nothing happens and the answer is False."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # pragma: no cover - a C library without mallopt
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    # mallopt answers 1 when it takes a setting (musl's stub answers 0)
    took = bool(mallopt(_M_TRIM_THRESHOLD, TRIM_THRESHOLD)) & bool(mallopt(_M_TOP_PAD, TOP_PAD))
    if large:
        # no block mapped on its own: every one from the heap (0 such maps allowed), the one heap of every
        # thread started from now on (1 heap)
        took &= bool(mallopt(_M_MMAP_MAX, 0)) & bool(mallopt(_M_ARENA_MAX, 1))
    return took

"""How many threads pbgraph's work may run on side by side; work started on a thread of its own, and work done
side by side in order."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

CPUS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
"""Processors this process may run on (its affinity where the system says, else the machine's count)."""

T = TypeVar("T")
R = TypeVar("R")


def in_order(function: Callable[[T], R], items: Sequence[T], *, threads: int = CPUS) -> Iterator[R]:
    """`function` of each item, given in the items' order, computed on up to `threads` threads side by side
    (numpy and Arrow let go of Python's lock in their large steps). At most `threads` results wait to be
    taken at once, so a long sequence of large results (a table's JSON text) is never held whole."""
    if threads < 2 or len(items) < 2:
        yield from map(function, items)
        return
    with ThreadPoolExecutor(min(threads, len(items)), thread_name_prefix="pbgraph") as pool:
        waiting: deque[Future[R]] = deque()
        for item in items:
            waiting.append(pool.submit(function, item))
            if len(waiting) >= threads:
                yield waiting.popleft().result()
        while waiting:
            yield waiting.popleft().result()


def in_background(function: Callable[[], R]) -> Callable[[], R]:
    """`function` run, on the thread that calls it, at the lowest priority (Linux: that thread's nice value
    19, elsewhere as it is): work that can wait for a processor the rest of the command leaves idle, such as
    writing the dataset cache while the analyses keep both processors busy. For a thread of its own only:
    the priority stays lowered (raising it back needs a privilege)."""

    def run() -> R:
        if sys.platform.startswith("linux"):
            # a system that refuses: the work runs as it is
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        return function()

    return run


def started(function: Callable[[], R], *, background: bool = False) -> Callable[[], R]:
    """`function` started on a thread of its own while the caller goes on; returns what waits for its result
    (and raises what it raised). With one processor nothing is started: it runs when waited for. With
    `background`, the thread runs it at the lowest priority (:func:`in_background`)."""
    if CPUS < 2:
        return function
    pool = ThreadPoolExecutor(1, thread_name_prefix="pbgraph")
    future = pool.submit(in_background(function) if background else function)
    pool.shutdown(wait=False)
    return future.result

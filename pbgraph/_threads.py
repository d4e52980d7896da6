"""How many threads pbgraph's work may run on side by side; work started on a thread of its own, and work done
side by side in order."""

from __future__ import annotations

import os
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


def started(function: Callable[[], R]) -> Callable[[], R]:
    """`function` started on a thread of its own while the caller goes on; returns what waits for its result
    (and raises what it raised). With one processor nothing is started: it runs when waited for."""
    if CPUS < 2:
        return function
    pool = ThreadPoolExecutor(1, thread_name_prefix="pbgraph")
    future = pool.submit(function)
    pool.shutdown(wait=False)
    return future.result

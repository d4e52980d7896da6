"""How many threads pbgraph's work may run on side by side: the processors this process may use."""

from __future__ import annotations

import os

CPUS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
"""Processors this process may run on (its affinity where the system says, else the machine's count)."""

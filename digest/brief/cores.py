"""How many cores a build may use, for the worker pools of summarizing and merging."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """The cores this process may run on (a container or taskset may allow fewer than the
    machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1

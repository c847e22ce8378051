"""How many CPUs this process may use: the default number of worker processes."""

from __future__ import annotations

import os


def available_cpus() -> int:
    """The CPUs this process may use (its affinity where the system tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


__all__ = ["available_cpus"]

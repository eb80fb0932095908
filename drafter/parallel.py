"""How many worker processes the machine offers (batch drafting, reading many files)."""

from __future__ import annotations

import os


def cpu_count() -> int:
    """Cores this process may run on (its CPU affinity where the system tells it), at least 1."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)

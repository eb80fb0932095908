"""Worker processes: how many the machine offers, and how each one starts (batch drafting, reading many files)."""

from __future__ import annotations

import os
import signal
import sys

#: ``prctl`` option that has the kernel send a signal to a process when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1


def cpu_count() -> int:
    """Cores this process may run on (its CPU affinity where the system tells it), at least 1."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def start_worker(parent: int) -> None:
    """In a new worker process: Ctrl-C is left to ``parent``, and the worker ends when ``parent`` does.

    A worker waits on its task queue, which it holds open itself: without this, a
    parent killed by SIGTERM or SIGKILL would leave its workers waiting forever.
    On Linux the kernel sends the worker SIGTERM when the parent dies; elsewhere
    the worker relies on the parent shutting it down.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform != "linux":
        return
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os.kill(os.getpid(), signal.SIGTERM)

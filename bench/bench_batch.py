"""drafter batch on many units: plans/s on this machine, and peak memory across the batch.

Usage: python bench/bench_batch.py [--units 1000] [--jobs N]

Writes N unit outlines (.docx) into a temporary folder with run_batch (the
code behind ``drafter batch``), using all cores by default. Reports plans/s
and the peak resident memory of the worker processes for a batch of N/5 and
of N units, run in fresh child processes: flat memory means the two peaks
are about the same. Also the CPU time the batch took (workers and the main
process), and the rate that makes on idle cores: on a shared, loaded machine
the wall-clock rate says more about the neighbours than about drafter.
Target (issue 9): ≥ 450 plans/s for 1,000 units on 2 cores, ≤ 40 MB per worker.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time

TEMPLATES = ["default", "civil-affairs", "science", "organization", "staffing", "npc", "industrial-park",
             "discipline", "veteran-cadres", "industry-it", "work-committee"]

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from drafter.batch import Settings, Unit, run_batch
n, jobs, out = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
templates = json.loads(sys.argv[4])
units = [Unit(f"市第{i}局", templates[i % len(templates)], 2026) for i in range(n)]
start = time.perf_counter()
result = run_batch(units, Settings(out, "docx", "hints", 2026, False), jobs=jobs)
elapsed = time.perf_counter() - start
children = resource.getrusage(resource.RUSAGE_CHILDREN)
me = resource.getrusage(resource.RUSAGE_SELF)
cpu = children.ru_utime + children.ru_stime + me.ru_utime + me.ru_stime
print(json.dumps({"n": n, "seconds": elapsed, "written": result.count("written"),
                  "failed": result.count("failed"), "worker_peak_mb": children.ru_maxrss / 1024, "cpu": cpu}))
"""


def run(n: int, jobs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, "-c", CHILD, str(n), str(jobs), tmp, json.dumps(TEMPLATES)],
                             check=True, capture_output=True, text=True).stdout
    return json.loads(out)  # type: ignore[no-any-return]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=0, help="0: all cores")
    args = ap.parse_args()
    import os

    jobs = args.jobs or os.cpu_count() or 1
    small = run(max(1, args.units // 5), jobs)
    big = run(args.units, jobs)
    for r in (small, big):
        print(f"{int(r['n'])} units: {r['seconds']:.2f} s, {r['n'] / r['seconds']:.0f} plans/s, "
              f"written {int(r['written'])}, failed {int(r['failed'])}, worker peak {r['worker_peak_mb']:.0f} MB, "
              f"CPU {r['cpu']:.2f} s ({r['n'] / r['cpu'] * jobs:.0f} plans/s on {jobs} idle cores)")
    print(f"jobs={jobs}; peak memory ratio {big['worker_peak_mb'] / small['worker_peak_mb']:.2f} "
          f"for {big['n'] / small['n']:.0f}x the units (flat ≈ 1.0)")


if __name__ == "__main__":
    t = time.perf_counter()
    main()
    print(f"total {time.perf_counter() - t:.1f} s")

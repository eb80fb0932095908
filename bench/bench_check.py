"""drafter check: end-to-end cost on a 1× .docx against the cost of importing the libraries.

Usage: python bench/bench_check.py [--runs 7]

Measures the median wall time of fresh processes, after warm-up runs (so
Python's bytecode cache and drafter's cache folder are in place, as on a
user's machine: PYTHONDONTWRITEBYTECODE is dropped and both caches live in a
temporary folder):

  import       python -c "import docx, jinja2, yaml, click"   (the yardstick)
  check        drafter check DRAFT.docx, DRAFT a 1× plan as drafter new writes it
               (市民政局, civil-affairs template, --detail full)
  check-plain  drafter check on the same text saved by python-docx with Word's
               default styles (every paragraph gets a format finding)
  check-txt    drafter check on the same text as .txt

Target (issue 11): check ≤ 1.5 × import.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.5


def wall(cmd: list[str], runs: int, cwd: Path, env: dict[str, str]) -> float:
    """Median seconds of ``runs`` fresh runs of ``cmd`` (after two warm-up runs)."""
    times = []
    for i in range(runs + 2):
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True)
        elapsed = time.perf_counter() - start
        if done.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr.decode('utf-8', 'replace')}")
        if i >= 2:
            times.append(elapsed)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    drafter = [PY, "-m", "drafter"]
    with tempfile.TemporaryDirectory(prefix="bench-check-") as folder:
        work = Path(folder)
        # Without a bytecode cache every drafter module is compiled on every run (the libraries
        # of the yardstick have theirs from installation): the comparison would be unfair.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(PYTHONPYCACHEPREFIX=str(work / "pyc"), DRAFTER_CACHE_DIR=str(work / "cache"))
        draft = work / "draft.docx"
        subprocess.run([*drafter, "new", "-t", "civil-affairs", "--org", "市民政局", "--year", "2026", "--detail",
                        "full", "--no-input", "-o", str(draft)], cwd=ROOT, check=True, capture_output=True)
        text = work / "draft.txt"
        subprocess.run([*drafter, "new", "-t", "civil-affairs", "--org", "市民政局", "--year", "2026", "--detail",
                        "full", "--no-input", "-o", str(text)], cwd=ROOT, check=True, capture_output=True)
        plain = work / "plain.docx"
        script = ("import docx,sys\nd=docx.Document()\n"
                  "[d.add_paragraph(l) for l in open(sys.argv[1],encoding='utf-8').read().splitlines() if l.strip()]\n"
                  "d.save(sys.argv[2])\n")
        subprocess.run([PY, "-c", script, str(text), str(plain)], check=True)
        base = wall([PY, "-c", "import docx, jinja2, yaml, click"], args.runs, ROOT, env)
        rows = [("import", base)]
        for name, path in (("check", draft), ("check-plain", plain), ("check-txt", text)):
            rows.append((name, wall([*drafter, "check", str(path)], args.runs, ROOT, env)))
    print(f"{'':12} {'seconds':>8} {'× import':>9}")
    for name, seconds in rows:
        print(f"{name:12} {seconds:8.3f} {seconds / base:9.2f}")
    ratio = rows[1][1] / base
    print(f"check / import = {ratio:.2f} (target ≤ {TARGET}) {'ok' if ratio <= TARGET else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

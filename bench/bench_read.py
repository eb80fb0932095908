"""Reading throughput: the corpus replicated to ≥ 50 MB, read with drafter's reader.

Usage: python bench/bench_read.py [--mb 50] [--corpus tests/fixtures/corpus]

Prints MB/s for (a) many files (the corpus copied N times into a temp folder,
read with read_paths, cross-file merging included), as drafter reads them
(worker processes on every core) and in one process (--jobs 1), and (b) one
big file (all copies concatenated), and the ratio between 10% and 100% of the
input to show that time grows linearly. Target: ≥ 15 MB/s (many files), about
linear from 5 to 50 MB.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # time this checkout's reader

from drafter.corpus.reader import read_paths, read_text
from drafter.parallel import cpu_count


def replicate(corpus: Path, out: Path, target_mb: float) -> int:
    texts = [(p.name, p.read_bytes()) for p in sorted(corpus.glob("*.txt"))]
    size = sum(len(b) for _, b in texts)
    copies = max(1, int(target_mb * 1024 * 1024 / size) + 1)
    for i in range(copies):
        for name, data in texts:
            (out / f"{i:05d}_{name}").write_bytes(data)
    return copies * size


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=50)
    ap.add_argument("--corpus", type=Path, default=Path(__file__).parents[1] / "tests" / "fixtures" / "corpus")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        total = replicate(args.corpus, folder, args.mb)
        mb = total / 1024 / 1024
        files = sorted(folder.iterdir())
        plans: list[int] = []
        t_files = timed(lambda: plans.append(len(read_paths(files).plans)))
        print(f"many files: {len(files)} files, {mb:.1f} MB in {t_files:.2f} s = {mb / t_files:.1f} MB/s "
              f"({plans[0]} distinct plans; {cpu_count()} cores)")
        t_one = timed(lambda: read_paths(files, jobs=1))
        print(f"many files, one process: {mb:.1f} MB in {t_one:.2f} s = {mb / t_one:.1f} MB/s")
        tenth = files[: max(1, len(files) // 10)]
        t_tenth = timed(lambda: read_paths(tenth, jobs=1))
        print(f"linearity (one process): 10% of input {t_tenth:.2f} s, 100% {t_one:.2f} s, "
              f"ratio {t_one / t_tenth:.1f} (ideal 10)")
        big = "\n".join(f.read_text(encoding="utf-8") for f in files[: max(1, len(files) // 5)])
        big_mb = len(big.encode()) / 1024 / 1024
        t_big = timed(lambda: read_text(big))
        print(f"one file: {big_mb:.1f} MB in {t_big:.2f} s = {big_mb / t_big:.1f} MB/s")


if __name__ == "__main__":
    main()

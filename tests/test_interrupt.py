"""A batch killed mid-way leaves only complete documents (writes go through a temp file + rename)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from drafter.corpus.reader import read_file


def test_killed_batch_leaves_no_partial_document(tmp_path: Path) -> None:
    units = tmp_path / "units.yaml"
    units.write_text("units:\n" + "".join(f"  - 市第{i}局\n" for i in range(400)), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "batch", str(units), "-o", str(out), "--jobs", "1",
                             "--year", "2026"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.docx"))) < 5:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    done = sorted(out.glob("*.docx"))
    assert 5 <= len(done) < 400, "the batch must have been cut off part-way"
    for path in done:
        with zipfile.ZipFile(path) as zf:
            assert zf.testzip() is None
        assert read_file(path)[0].title == path.stem

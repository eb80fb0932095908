"""Reading many files in worker processes gives exactly what reading them in-process gives."""

from __future__ import annotations

import os
import pickle
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.corpus import reader
from drafter.corpus.reader import read_paths
from drafter.errors import DrafterError, InputError, OutputError
from drafter.jsonio import plan_to_dict

CORPUS = Path(__file__).parent / "fixtures" / "corpus"

needs_fork = pytest.mark.skipif(sys.platform != "linux", reason="worker processes are used on Linux only")


def _folder(tmp_path: Path, copies: int = 3) -> Path:
    """The fixture corpus a few times over, with an empty file, a binary one and a text with no plan."""
    folder = tmp_path / "plans"
    folder.mkdir()
    for i in range(copies):
        for f in sorted(CORPUS.glob("*.txt")):
            shutil.copy(f, folder / f"{i}_{f.name}")
    (folder / "1_empty.txt").write_bytes(b"")
    (folder / "2_binary.txt").write_bytes(b"\x00\x01\x02abc")
    (folder / "0_note.txt").write_text("这里只是一段说明文字，没有任何编号。\n", encoding="utf-8")
    return folder


def _as_data(result: reader.ReadResult) -> tuple[object, ...]:
    return ([plan_to_dict(p) for p in result.plans], [p.sources for p in result.plans], result.warnings,
            [(type(e), str(e), e.path, e.line) for e in result.errors], result.unplaced, result.files)


@needs_fork
def test_workers_read_the_same_plans_warnings_and_errors_in_the_same_order(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    alone = read_paths([folder], jobs=1)
    shared = read_paths([folder], jobs=2)
    assert _as_data(shared) == _as_data(alone)
    assert len(alone.plans) == 13 and alone.files == 15
    assert [type(e) for e in shared.errors] == [InputError, InputError]
    assert any("未找到工作要点" in w and "0_note.txt" in w for w in shared.warnings)


@needs_fork
def test_progress_is_reported_once_per_file_in_file_order(tmp_path: Path) -> None:
    folder = _folder(tmp_path, copies=2)
    seen: list[Path] = []
    result = read_paths([folder], jobs=2, on_file=seen.append)
    assert seen == sorted(f for f in folder.iterdir()) and result.files == len(seen)


def test_small_inputs_and_other_systems_are_read_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = sorted(_folder(tmp_path).iterdir())
    assert reader._workers(files, None) == 1  # a few hundred KB: starting workers would cost more
    assert reader._workers(files, 4) == 4
    assert reader._workers(files[:1], 4) == 1
    monkeypatch.setattr(reader, "PARALLEL_BYTES", 1)
    assert reader._workers(files, None) >= 1
    monkeypatch.setattr(sys, "platform", "win32")
    assert reader._workers(files, 4) == 1


def test_errors_cross_processes_with_their_kind_and_location() -> None:
    for err in (InputError("文件是空的", "a.txt"), OutputError("不能写", Path("out/b.docx"), 3, 7)):
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err) and str(back) == str(err)
        assert (back.path, back.line, back.column) == (err.path, err.line, err.column)
    assert isinstance(pickle.loads(pickle.dumps(InputError("x"))), DrafterError)


@needs_fork
def test_mine_with_workers_writes_the_same_schema(tmp_path: Path) -> None:
    folder = _folder(tmp_path, copies=2)
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"s{jobs}.yaml"
        result = CliRunner().invoke(cli, ["mine", str(folder), "-o", str(out), "--id", "s", "-j", jobs])
        assert "文件是空的" in result.stderr and "读取 11 个文件，归纳 13 篇工作要点。" in result.stdout
        outs.append(out.read_text(encoding="utf-8"))
    assert outs[0].replace("s1.yaml", "X") == outs[1].replace("s2.yaml", "X")


@needs_fork
def test_inspect_with_workers_prints_the_same(tmp_path: Path) -> None:
    folder = _folder(tmp_path, copies=2)
    one = CliRunner().invoke(cli, ["inspect", str(folder), "-j", "1"])
    two = CliRunner().invoke(cli, ["inspect", str(folder), "--jobs", "2"])
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout and one.stderr == two.stderr
    bad = CliRunner().invoke(cli, ["inspect", str(folder), "-j", "0"])
    assert bad.exit_code == 2 and "0" in bad.stderr


def _dies_on_the_second_copy(paths: list[Path]) -> list[reader._FileRead]:
    if any(p.name.startswith("1_") for p in paths):
        os._exit(9)  # as the kernel's OOM killer would end it
    return [reader._read_one(p) for p in paths]


@needs_fork
def test_a_killed_worker_does_not_lose_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path, copies=2)
    alone = read_paths([folder], jobs=1)
    monkeypatch.setattr(reader, "_read_some", _dies_on_the_second_copy)
    assert _as_data(read_paths([folder], jobs=2)) == _as_data(alone)


_ORPHAN_SCRIPT = """
import os, sys, time
from pathlib import Path
from drafter.corpus import reader

def slow(paths):
    os.write(1, f"{os.getpid()}\\n".encode())  # a worker says who it is (one write: workers share the pipe), then waits
    time.sleep(60)
    return []

reader._read_some = slow
list(reader._each_file(sorted(Path(sys.argv[1]).iterdir()), 2))
"""


@needs_fork
@pytest.mark.parametrize("sig", ["SIGKILL", "SIGTERM"])
def test_workers_end_when_the_main_process_is_killed(tmp_path: Path, sig: str) -> None:
    import signal
    import subprocess
    import time

    folder = _folder(tmp_path, copies=1)
    with subprocess.Popen([sys.executable, "-c", _ORPHAN_SCRIPT, str(folder)], stdout=subprocess.PIPE, text=True,
                          cwd=Path(__file__).parents[1]) as proc:
        assert proc.stdout is not None
        workers = {int(proc.stdout.readline()), int(proc.stdout.readline())}
        proc.send_signal(getattr(signal, sig))
        proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.05)
        alive = {pid for pid in workers if _running(pid)}
    assert alive == set()


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().split(") ", 1)[1][:1] != "Z"  # a zombie has ended: only its exit status is left
    except FileNotFoundError:
        return False

"""Batch drafting: one outline per unit of a list, on all cores.

A unit list is YAML (a list of units, or a mapping with defaults and
``units:``) or CSV (a header row: 单位/org, 模板/template, 年度/year, then any
parameter columns). Each unit is composed and rendered in a worker process;
a unit that fails is reported with its reason and the others go on. File
names come from the unit's plan title, made safe, and never leave OUTDIR.
"""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import threading
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter import yamlio
from drafter.errors import DrafterError, InputError, OutputError, SchemaError
from drafter.fileio import OutputExists
from drafter.parallel import cpu_count, start_worker

if TYPE_CHECKING:
    from drafter.drafting import Drafting
    from drafter.settings import Source

FORMATS = ("docx", "md", "txt")
#: Most units one list may hold.
MAX_UNITS = 100_000
#: Longest file name stem written (characters).
MAX_NAME = 100
#: ... and in bytes, leaving room for the extension within the usual 255-byte limit.
MAX_NAME_BYTES = 240

_UNIT_KEYS = {"org": "org", "单位": "org", "单位名称": "org", "template": "template", "模板": "template",
              "year": "year", "年度": "year", "file": "file", "文件名": "file"}


@dataclass(frozen=True)
class Unit:
    """One unit to draft for: its org, template, year and other parameters, and where it was listed."""

    org: str
    template: str | None = None
    year: int | None = None
    params: tuple[tuple[str, str], ...] = ()
    file: str | None = None
    line: int | None = None


@dataclass
class Outcome:
    """What became of one unit: ``written``, ``skipped`` (exists, no --force) or ``failed``."""

    unit: Unit
    status: str
    path: Path | None = None
    reason: str = ""


@dataclass
class BatchResult:
    """All outcomes, in list order."""

    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        """How many units ended with ``status``."""
        return sum(o.status == status for o in self.outcomes)


# --- the unit list ------------------------------------------------------------------


def load_units(path: Path) -> list[Unit]:
    """Units of a YAML or CSV list; errors name the file and line."""
    if path.suffix.lower() == ".csv":
        units = _csv_units(path)
    elif path.suffix.lower() in (".yaml", ".yml"):
        units = _yaml_units(path)
    else:
        raise InputError("单位清单应为 .yaml/.yml 或 .csv 文件", path)
    if not units:
        raise SchemaError("单位清单中没有单位", path)
    if len(units) > MAX_UNITS:
        raise SchemaError(f"单位过多（{len(units)} 个），上限 {MAX_UNITS}", path)
    _check_duplicates(units, path)
    return units


def _yaml_units(path: Path) -> list[Unit]:
    doc = yamlio.load(path, "单位清单")
    data, defaults = doc.data, {}
    if isinstance(data, dict):
        defaults = {k: v for k, v in data.items() if k != "units"}
        data = data.get("units")
    if not isinstance(data, list):
        raise SchemaError("单位清单应为单位列表，或含 units: 列表的映射", path, yamlio.node_line(doc.node))
    prefix: list[Any] = ["units"] if defaults or isinstance(doc.data, dict) else []
    return [_unit({**defaults, **_mapping(item, doc, [*prefix, i])}, path, doc.line([*prefix, i]))
            for i, item in enumerate(data)]


def _mapping(item: Any, doc: yamlio.Loaded, keys: list[Any]) -> dict[str, Any]:
    if isinstance(item, str):
        return {"org": item}
    if not isinstance(item, dict):
        raise SchemaError("每个单位应为键值映射（org: …, template: …）或单位名称", doc.path, doc.line(keys))
    params = item.get("params", {})
    if not isinstance(params, dict):
        raise SchemaError("params 应为键值映射", doc.path, doc.line([*keys, "params"]))
    return {**{k: v for k, v in item.items() if k != "params"}, **params}


def _csv_units(path: Path) -> list[Unit]:
    from drafter.corpus.extract import decode_text
    from drafter.fileio import read_regular

    data = read_regular(path, "单位清单", 64 * 1024 * 1024)
    text = decode_text(data, path) if data else ""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise SchemaError("单位清单是空的", path)
    header = [h.strip() for h in rows[0]]
    if not any(_UNIT_KEYS.get(h) == "org" for h in header):
        raise SchemaError("CSV 第一行应为列名，且含“单位”或“org”列", path, 1)
    units = []
    for no, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise SchemaError(f"这一行有 {len(row)} 列，比列名多", path, no)
        units.append(_unit({h: c.strip() for h, c in zip(header, row, strict=False) if c.strip()}, path, no))
    return units


def _unit(raw: dict[str, Any], path: Path, line: int | None) -> Unit:
    fields: dict[str, Any] = {}
    params: dict[str, str] = {}
    for key, value in raw.items():
        name = _UNIT_KEYS.get(str(key))
        if name:
            fields[name] = value
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            params[str(key)] = str(value)
        else:
            raise SchemaError(f"参数“{key}”的值应为文字", path, line)
    org = str(fields.get("org", "")).strip()
    if not org:
        raise SchemaError("单位缺少名称（org/单位）", path, line)
    year = fields.get("year")
    if year is not None and not (str(year).isdigit() and 2000 <= int(year) <= 2100):
        raise SchemaError(f"年度“{year}”无效，应为 2000—2100 之间的年份", path, line)
    return Unit(org, str(fields["template"]) if fields.get("template") else None,
                int(year) if year is not None else None, tuple(sorted(params.items())),
                str(fields["file"]) if fields.get("file") else None, line)


# --- file names -----------------------------------------------------------------------

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+|\.\.+')


def safe_name(text: str) -> str:
    """A file name stem from ``text``: no separators, control characters, dot-runs or leading dots.

    At most :data:`MAX_NAME` characters and :data:`MAX_NAME_BYTES` bytes (file systems count bytes).
    """
    name = _UNSAFE.sub("_", text).strip(" ._")[:MAX_NAME]
    data = name.encode("utf-8", errors="surrogatepass")
    if len(data) > MAX_NAME_BYTES:
        name = data[:MAX_NAME_BYTES].decode("utf-8", errors="ignore").rstrip(" ._")
    return name or "单位"


def target_path(outdir: Path, stem: str, fmt: str) -> Path:
    """``outdir/stem.fmt``, refusing anything that would land outside ``outdir``."""
    path = outdir / f"{safe_name(stem)}.{fmt}"
    # the name is one component (no separator, no leading dot); only a symlink already there could lead out
    if path.parent != outdir or (os.path.islink(path) and Path(os.path.realpath(path)).parent != _resolved(outdir)):
        raise OutputError("文件名不安全，拒绝写到输出文件夹之外", path)
    return path


@cache
def _resolved(folder: Path) -> Path:
    return folder.resolve()


# --- work -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """What every unit of a batch shares."""

    outdir: Path
    fmt: str = "docx"
    detail: str = "hints"
    year: int | None = None
    force: bool = False
    cwd: Path | None = None


@cache
def _drafting(cwd: Path | None) -> Drafting:
    """One :class:`~drafter.drafting.Drafting` per worker process: templates, schema, contexts loaded once."""
    from drafter.drafting import Drafting

    return Drafting(cwd)


def make_one(index: int, unit: Unit, s: Settings, path: Path | None = None) -> tuple[int, str, str, str]:
    """Compose, render and write one unit: (index, status, path, reason). Never raises.

    ``path`` is where the unit goes (from :func:`plan_targets`), else worked out here.
    A file that appears meanwhile (another batch into the same folder) counts as skipped, not failed.
    """
    try:
        path = _make(unit, s, path)
    except FileExistsError as e:
        return index, "skipped", str(e), "文件已存在（加 --force 覆盖）"
    except OutputExists:  # written meanwhile by another batch into the same folder: done, not failed
        return index, "skipped", str(path), "文件已存在（加 --force 覆盖）"
    except DrafterError as e:
        return index, "failed", "", str(e)
    except Exception as e:  # a unit's failure must not stop the batch
        return index, "failed", "", f"内部错误：{type(e).__name__}: {e}"
    return index, "written", str(path), ""


def _make(unit: Unit, s: Settings, path: Path | None = None) -> Path:
    drafting = _drafting(s.cwd)
    draft = drafting.draft(None, None, s.year, None, None, s.detail, row=unit_row(unit))  # type: ignore[arg-type]
    if path is None:
        path = target_path(s.outdir, unit.file or draft.plan.title or unit.org, s.fmt)
    if os.path.lexists(path) and not s.force:
        raise FileExistsError(str(path))
    data = drafting.render(draft, s.fmt)
    from drafter.fileio import write_atomic

    write_atomic(path, data, force=s.force, durable=False)  # flushed all at once when the batch ends
    return path


def unit_target(unit: Unit, s: Settings) -> Path:
    """Where ``unit`` will be written: its ``file``, else its plan's title, made safe, in the output folder.

    Raises DrafterError when the unit cannot be drafted (an unknown
    template, a misspelt parameter …), as composing it would.
    """
    if unit.file:
        return target_path(s.outdir, unit.file, s.fmt)
    drafting = _drafting(s.cwd)
    title = drafting.title(drafting.request(None, None, s.year, row=unit_row(unit)))
    return target_path(s.outdir, title or unit.org, s.fmt)


def unit_row(unit: Unit) -> Source:
    """A unit's row as a file's values: ``--year`` overrides its year, as a flag overrides a params file."""
    from drafter.settings import Source

    return Source("单位清单", {**dict(unit.params), "org": unit.org}, unit.template, unit.year)


def plan_targets(units: list[Unit], s: Settings, source: Path | None = None) -> tuple[dict[int, Path], dict[int, str]]:
    """Every unit's file, and the reason of each unit that cannot be drafted, before anything is written.

    Two units that would land on one file (say one with an explicit year
    equal to the default) are refused together: SchemaError naming both lines.
    """
    targets: dict[int, Path] = {}
    failures: dict[int, str] = {}
    seen: dict[str, int] = {}
    for i, u in enumerate(units):
        try:
            path = unit_target(u, s)
        except DrafterError as e:
            failures[i] = str(e)
            continue
        key = unicodedata.normalize("NFC", path.name).casefold()
        if key in seen:
            first = units[seen[key]]
            where = f"第 {first.line} 行的“{first.org}”" if first.line else f"“{first.org}”"
            raise SchemaError(f"单位“{u.org}”与{where}会写到同一个文件 {path.name}，请用 file: 列给出不同的文件名",
                              source, u.line)
        seen[key] = i
        targets[i] = path
    return targets, failures


def run_batch(units: list[Unit], settings: Settings, *, jobs: int | None = None,
              on_done: Callable[[Outcome], None] | None = None, source: Path | None = None) -> BatchResult:
    """Draft every unit; ``jobs`` worker processes (None: all cores, 1: in this process).

    Every unit's file is worked out first: two units landing on one file
    are refused before anything is written (SchemaError naming ``source``
    and the line). drafter's temporary files left in the output folder by a
    run that was killed are removed first, and this run's own on the way
    out, also when it is stopped by SIGTERM or Ctrl-C.
    """
    from drafter.fileio import clean_stale_temps, flush_all

    _check_outdir(settings.outdir)
    targets, failures = plan_targets(units, settings, source)
    clean_stale_temps(settings.outdir)
    jobs = max(1, jobs or cpu_count())
    outcomes: dict[int, Outcome] = {}

    def record(index: int, status: str, path: str, reason: str) -> None:
        outcome = Outcome(units[index], status, Path(path) if path else None, reason)
        outcomes[index] = outcome
        if on_done is not None:
            on_done(outcome)

    for index, reason in failures.items():
        record(index, "failed", "", reason)
    todo = [(i, units[i], targets[i]) for i in range(len(units)) if i in targets]
    with _stopping_cleanly():
        try:
            for result in _results(todo, settings, jobs):
                record(*result)
        finally:
            clean_stale_temps(settings.outdir, own=True)
            flush_all()
    return BatchResult([outcomes[i] for i in range(len(units))])


class _Stopped(BaseException):
    """SIGTERM arrived: unwind (removing temporary files) as Ctrl-C would."""


def _stop(signum: int, frame: Any) -> None:
    raise _Stopped(signum)


@contextmanager
def _stopping_cleanly() -> Iterator[None]:
    """While a batch runs in the main thread, SIGTERM unwinds it (so temporary files are removed)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        yield
    except _Stopped:
        raise KeyboardInterrupt from None
    finally:
        signal.signal(signal.SIGTERM, previous)


def _worker_init(parent: int) -> None:
    """In a worker: SIGTERM (also sent when the main process dies) unwinds the unit in progress.

    See :func:`~drafter.parallel.start_worker`.
    """
    signal.signal(signal.SIGTERM, _stop)
    start_worker(parent)


#: Most units one worker task drafts.
_CHUNK = 8


def make_some(todo: list[tuple[int, Unit, Path]], s: Settings) -> list[tuple[int, str, str, str]]:
    """:func:`make_one` for each of a few units (one worker task)."""
    return [make_one(i, u, s, path) for i, u, path in todo]


def _results(todo: list[tuple[int, Unit, Path]], s: Settings, jobs: int) -> Iterator[tuple[int, str, str, str]]:
    if jobs == 1 or len(todo) < 4:
        for i, u, path in todo:
            yield make_one(i, u, s, path)
        return
    window = jobs * 4  # chunks in flight: memory stays flat however long the list
    size = max(1, min(_CHUNK, len(todo) // (jobs * 4)))  # a few units per task: less passing to and fro
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init, initargs=(os.getpid(),))
    try:
        pending: set[Future[list[tuple[int, str, str, str]]]] = set()
        for start in range(0, len(todo), size):
            pending.add(pool.submit(make_some, todo[start:start + size], s))
            if len(pending) >= window:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    yield from f.result()
        for f in pending:
            yield from f.result()
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)  # the units in progress finish or unwind; no more start
        raise
    pool.shutdown(wait=True)


def _check_outdir(outdir: Path) -> None:
    if outdir.exists() and not outdir.is_dir():
        raise OutputError("输出位置不是文件夹", outdir)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"无法创建输出文件夹（{e.strerror}）", outdir) from e
    if not os.access(outdir, os.W_OK):
        raise OutputError("输出文件夹不可写", outdir)


def _check_duplicates(units: list[Unit], path: Path) -> None:
    """Two units that would write the same file: an error before anything is written."""
    seen: dict[str, Unit] = {}
    for u in units:
        key = safe_name(u.file).casefold() if u.file else f"{safe_name(u.org).casefold()}|{u.year}"
        if key in seen:
            raise SchemaError(f"单位“{u.org}”重复（与第 {seen[key].line} 行相同），会写到同一个文件", path, u.line)
        seen[key] = u

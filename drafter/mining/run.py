"""``drafter mine`` without click: read the corpus, mine, write schema and contexts.

:func:`mine_to_file` is what the command calls and what tests call. Nothing
is written unless mining succeeds, and what is written is written atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from drafter.context import YearContext, dump_context, mine_context
from drafter.corpus.reader import expand, read_paths, skipped_warnings
from drafter.errors import DrafterError, InputError, OutputError
from drafter.mining import DEFAULT_GENRE, Limits, Progress, mine, usable_plans
from drafter.schema import Schema
from drafter.schema_io import is_schema_file, write_schema

FileProgress = Callable[[Path], None]


@dataclass
class MineReport:
    """What a run of ``drafter mine`` did."""

    schema: Schema
    output: Path
    files: int = 0
    not_plans: int = 0
    warnings: list[str] = field(default_factory=list)
    errors: list[DrafterError] = field(default_factory=list)
    contexts_written: list[Path] = field(default_factory=list)
    contexts_kept: list[Path] = field(default_factory=list)


def corpus_files(paths: Iterable[Path], skipped: list[tuple[Path, Path]] | None = None) -> list[Path]:
    """The files a run will read; a missing path is an :class:`InputError` (``skipped``: see :func:`expand`)."""
    paths = list(paths)
    for p in paths:
        if not p.exists():
            raise InputError("找不到文件或文件夹", p)
    return list(expand(paths, skipped))


def check_output(output: Path, *, force: bool) -> None:
    """Fail before mining when ``output`` cannot be written or may not be replaced."""
    if output.is_dir():
        raise OutputError("输出路径是一个文件夹，请给出文件名（如 schemas/ideology-work-points.yaml）", output)
    if not output.parent.is_dir():
        raise OutputError("输出文件夹不存在", output.parent)
    if output.exists() and not force and not is_schema_file(output):
        raise OutputError("文件已存在且不是 drafter 结构库，如需覆盖请加 --force", output)


def mine_to_file(paths: Iterable[Path], output: Path, *, schema_id: str, title: str | None = None,
                 genre: str = DEFAULT_GENRE, command: str = "", force: bool = False,
                 context_dir: Path | None = None, limits: Limits | None = None,
                 on_file: FileProgress | None = None, progress: Progress | None = None,
                 jobs: int | None = None) -> MineReport:
    """Mine the plans in ``paths`` into ``output`` (and year contexts into ``context_dir``)."""
    check_output(output, force=force)
    if context_dir is not None and not context_dir.is_dir():
        raise OutputError("年度背景文件夹不存在", context_dir)
    skipped: list[tuple[Path, Path]] = []
    files = corpus_files(paths, skipped)
    result = read_paths(files, jobs=jobs, on_file=on_file)
    result.warnings[:0] = skipped_warnings(skipped)
    if result.errors and not result.plans:
        raise result.errors[-1]
    plans = usable_plans(result.plans)
    schema = mine(plans, schema_id=schema_id, title=title, genre=genre, command=command, limits=limits,
                  progress=progress)
    write_schema(schema, output, force=force)
    report = MineReport(schema, output, result.files,
                        sum(p.not_a_plan for p in result.plans), result.warnings, result.errors)
    if context_dir is not None:
        _write_contexts(mine_context(plans), context_dir, command, force, report)
    return report


def _write_contexts(contexts: dict[int, YearContext], folder: Path, command: str, force: bool,
                    report: MineReport) -> None:
    """Write ``<year>.yaml`` files; existing ones (checked by hand) only with ``force``."""
    from drafter.fileio import write_atomic

    for year, ctx in sorted(contexts.items()):
        path = folder / f"{year}.yaml"
        if path.exists() and not force:
            report.contexts_kept.append(path)
            continue
        write_atomic(path, dump_context(ctx, command).encode("utf-8"), force=force)
        report.contexts_written.append(path)

"""``drafter mine``: mine a corpus of plans into a YAML schema."""

from __future__ import annotations

import contextlib
import re
import shlex
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from drafter.mining.run import MineReport

DEFAULT_ID = "ideology-work-points"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _check_id(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not _SLUG.match(value):
        raise click.BadParameter("只能用英文小写字母、数字和连字符，如 ideology-work-points")
    return value


@click.command(short_help="从语料归纳结构库（主题、任务模式、参考举措）")
@click.argument("corpus", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="输出的结构库文件，默认 schemas/<id>.yaml")
@click.option("--id", "schema_id", callback=_check_id, help="结构库 id，默认取输出文件名（或 ideology-work-points）")
@click.option("--title", help="结构库名称，默认“意识形态工作要点”")
@click.option("--context", "context_dir", type=click.Path(path_type=Path, file_okay=False),
              help="同时把各年度的时效表述写入此文件夹（<年度>.yaml，已有的不覆盖）")
@click.option("--max-patterns", type=click.IntRange(1, 100), default=12, show_default=True,
              help="每个主题最多保留几个任务模式")
@click.option("--max-hints", type=click.IntRange(0, 50), default=5, show_default=True,
              help="每个任务模式最多保留几条参考举措")
@click.option("--force", is_flag=True, help="覆盖已有的非结构库文件和年度背景文件")
@click.option("-j", "--jobs", metavar="N", type=click.IntRange(1, 256),
              help="读取语料的并行进程数（默认：语料较大时用满全部 CPU 核）")
@click.help_option("-h", "--help", help="显示帮助并退出")
def mine(corpus: tuple[Path, ...], output: Path | None, schema_id: str | None, title: str | None,
         context_dir: Path | None, max_patterns: int, max_hints: int, force: bool, jobs: int | None) -> int:
    """从 CORPUS（.txt/.docx/.md 文件或文件夹，可多个）中的工作要点归纳结构库。

    结构库包括常见主题及其标题说法、各主题下的任务模式、摘自正文的参考举措。

    部门用词换成参数（如 {{ field }}），每项注明来源。同一语料总是生成完全相同的文件。

    已有的结构库文件直接更新；其他已有文件须加 --force 才覆盖。

    示例：drafter mine ../shared/corpus -o schemas/ideology-work-points.yaml
    """
    from drafter.mining import Limits
    from drafter.mining.run import corpus_files, mine_to_file

    schema_id = schema_id or (output.stem if output is not None and _SLUG.match(output.stem) else DEFAULT_ID)
    created = None  # the schemas/ folder made here, removed again if nothing lands in it
    if output is None:
        output = Path("schemas") / f"{schema_id}.yaml"
        if not output.parent.exists():
            output.parent.mkdir(exist_ok=True)
            created = output.parent
    try:
        command = _command(corpus, output, schema_id, title)
        total = len(corpus_files(corpus))
        done = [0]
        with _bar("读取语料") as on_file, _bar("归纳主题") as on_theme:
            def file_read(_: Path) -> None:
                done[0] += 1
                on_file(done[0], total)

            report = mine_to_file(corpus, output, schema_id=schema_id, title=title, command=command, force=force,
                                  context_dir=context_dir, limits=Limits(patterns=max_patterns, hints=max_hints),
                                  on_file=file_read, progress=on_theme, jobs=jobs)
        from drafter.cli.cmd_template import say_schema_written

        for written in [report.output, *report.contexts_written]:
            say_schema_written(Path(written))
        for err in report.errors:
            click.echo(f"错误：{err}", err=True)
        for w in report.warnings:
            click.echo(f"警告：{w}", err=True)
        _summary(report)
        return 1 if report.errors else 0
    finally:
        if created is not None:
            with contextlib.suppress(OSError):
                created.rmdir()  # only when empty: a failed run leaves no folder behind


def _command(corpus: tuple[Path, ...], output: Path, schema_id: str, title: str | None) -> str:
    args = ["drafter", "mine", *map(str, corpus), "-o", str(output)]
    if schema_id != output.stem:
        args += ["--id", schema_id]
    if title:
        args += ["--title", title]
    return shlex.join(args)


@contextmanager
def _bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """``update(done, total)`` for a progress bar on stderr, shown only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield lambda done, total: None
        return
    bars: list[ProgressBar[int]] = []

    def update(done: int, total: int) -> None:
        if not bars:
            bars.append(click.progressbar(length=total, label=label, file=sys.stderr))
            bars[0].__enter__()
        bars[0].update(done - bars[0].pos)

    try:
        yield update
    finally:
        if bars:
            bars[0].__exit__(None, None, None)


def _summary(report: MineReport) -> None:
    s = report.schema
    common = [t for t in s.themes if not t.specific]
    specific = [t for t in s.themes if t.specific]
    patterns = sum(len(t.patterns) for t in s.themes)
    hints = sum(len(p.hints) for t in s.themes for p in t.patterns)
    skipped = f"，排除 {report.not_plans} 篇非工作要点" if report.not_plans else ""
    click.echo(f"读取 {report.files} 个文件，归纳 {s.plans_mined} 篇工作要点{skipped}。")
    click.echo(f"共性主题 {len(common)} 个，部门特色主题 {len(specific)} 个，任务模式 {patterns} 个，"
               f"参考举措 {hints} 条。")
    click.echo(f"已写入 {report.output}")
    for p in report.contexts_written:
        click.echo(f"年度背景：已写入 {p}（请人工核对）")
    for p in report.contexts_kept:
        click.echo(f"年度背景：{p} 已存在，未覆盖（加 --force 覆盖）")

"""``drafter batch``: one outline per unit of a list."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from drafter.batch import FORMATS, BatchResult, Outcome, Unit


@click.command(short_help="按单位清单批量生成起草提纲")
@click.argument("units_file", metavar="UNITS", type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(path_type=Path),
              help="输出文件夹（不存在时自动创建）")
@click.option("-j", "--jobs", metavar="N", type=click.IntRange(1, 256), help="并行进程数（默认用满全部 CPU 核）")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="docx", show_default=True, help="输出格式")
@click.option("--detail", type=click.Choice(["outline", "hints", "full"]), default="hints", show_default=True,
              help="详略：outline 仅标题；hints 附参考举措；full 另附待填写的正文")
@click.option("--year", metavar="YEAR", type=click.IntRange(2000, 2100), help="年度（优先于清单中写的年度；都没写时为今年，10 月起为下一年）")
@click.option("--force", is_flag=True, help="覆盖已存在的文件")
def batch(units_file: Path, outdir: Path, jobs: int | None, fmt: str, detail: str, year: int | None,
          force: bool) -> None:
    """按单位清单 UNITS（.yaml 或 .csv）为每个单位生成一份起草提纲，写入输出文件夹。

    \b
    YAML 清单示例（见 examples/units.yaml）：
      year: 2026
      units:
        - org: 市民政局
          template: civil-affairs
        - org: 市科学技术局
          template: science
    CSV 清单第一行为列名：单位（或 org）、模板（template）、年度（year），其余列作为模板参数。

    某个单位失败时报告原因，其余单位照常生成；最后给出汇总。有失败时退出码为 1。
    """
    from drafter.batch import Settings, load_units, run_batch

    units = load_units(units_file)
    for note in year_notes(units, year):
        click.echo(click.style(note, dim=True), err=True)
    settings = Settings(outdir, fmt, detail, year, force, Path.cwd())
    if sys.stderr.isatty():
        with click.progressbar(length=len(units), label="生成中", file=sys.stderr) as bar:

            def done(o: Outcome) -> None:
                _report(o)
                bar.update(1)

            result = run_batch(units, settings, jobs=jobs, on_done=done, source=units_file)
    else:
        result = run_batch(units, settings, jobs=jobs, on_done=_report, source=units_file)
    click.echo(_summary(result), err=True)
    click.get_current_context().exit(1 if result.count("failed") else 0)


def year_notes(units: list[Unit], year: int | None) -> list[str]:
    """What to say about the year: --year overriding the list's years, or a default of next year."""
    from drafter.settings import default_year, default_year_note, today

    if year is not None:
        differ = sum(1 for u in units if u.year is not None and u.year != year)
        return [f"--year {year} 覆盖了单位清单中 {differ} 个单位的年度"] if differ else []
    if any(u.year is None for u in units) and default_year() != today().year:
        return [default_year_note(default_year())]
    return []


def _report(o: Outcome) -> None:
    where = f"（第 {o.unit.line} 行）" if o.unit.line else ""
    if o.status == "failed":
        click.echo(f"失败：{o.unit.org}{where}：{o.reason}", err=True)
    elif o.status == "skipped":
        click.echo(f"跳过：{o.unit.org}：{o.path} 已存在（加 --force 覆盖）", err=True)


def _summary(r: BatchResult) -> str:
    return (f"共 {len(r.outcomes)} 个单位：生成 {r.count('written')} 个，跳过 {r.count('skipped')} 个，"
            f"失败 {r.count('failed')} 个。")

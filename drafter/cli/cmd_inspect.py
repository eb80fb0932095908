"""``drafter inspect``: what the reader makes of some files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from drafter.model import Plan
from drafter.numbering import cn_numeral

if TYPE_CHECKING:
    from drafter.corpus.reader import ReadResult


@click.command(short_help="读取工作要点文件，显示识别结果")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="输出完整文档模型（JSON，格式见 docs/json.md）")
@click.option("-j", "--jobs", metavar="N", type=click.IntRange(1, 256),
              help="读取用的并行进程数（默认：输入较大时用满全部 CPU 核）")
def inspect(paths: tuple[Path, ...], as_json: bool, jobs: int | None) -> None:
    """读取 PATHS（.txt/.docx/.md 文件或文件夹），逐篇显示工作要点的标题、单位、年度、标记、篇章与任务数量，以及提纲（各部分标题和任务标题）。

    汇编会拆成多篇，提纲目录和全文重复出现的同一篇只计一次。最后报告未能归入任何一篇（也不是网页杂项）的行数，--json 逐行列出。

    读不出任何内容时退出码为 2。用 - 表示从标准输入读取，如：drafter inspect - < 要点.docx
    """
    from contextlib import ExitStack

    from drafter.cli.stdin import input_path
    from drafter.corpus.reader import read_paths
    from drafter.jsonio import JSON_VERSION, plan_to_dict

    with ExitStack() as stack:
        real = [stack.enter_context(input_path(p)) for p in paths]
        result = read_paths(real, jobs=jobs)
        _name_stdin(result, paths, real)
    if result.errors and not result.plans and not result.warnings:
        if len(result.errors) == 1:
            raise result.errors[0]
        for err in result.errors[:-1]:
            click.echo(f"错误：{err}", err=True)
        raise result.errors[-1]
    for err in result.errors:
        click.echo(f"错误：{err}", err=True)
    for w in result.warnings:
        click.echo(f"警告：{w}", err=True)
    if as_json:
        doc = {"version": JSON_VERSION, "files": result.files, "plans": [plan_to_dict(p) for p in result.plans],
               "unplaced": [{"source": u.source, "line": u.line, "text": u.text} for u in result.unplaced]}
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        for i, plan in enumerate(result.plans, 1):
            click.echo(describe(plan, i))
        click.echo(f"共 {result.files} 个文件，识别出 {len(result.plans)} 篇工作要点；"
                   f"未能归入任何一篇的行：{len(result.unplaced)} 行。")
    click.get_current_context().exit(1 if result.errors else 0)


def _name_stdin(result: ReadResult, paths: tuple[Path, ...], real: list[Path]) -> None:
    """Call standard input ``<标准输入>`` in sources, warnings and errors, not by its temporary name."""
    from dataclasses import replace

    from drafter.cli.stdin import STDIN_NAME, is_stdin

    temps = {str(r) for p, r in zip(paths, real, strict=True) if is_stdin(p)}
    if not temps:
        return
    for plan in result.plans:
        plan.sources = [replace(s, source=STDIN_NAME) if s.source in temps else s for s in plan.sources]
    for temp in temps:
        result.warnings = [w.replace(temp, STDIN_NAME) for w in result.warnings]
        for e in result.errors:
            if e.path == temp:
                e.path = STDIN_NAME


FLAG_NAMES = {"outline_only": "仅有提纲", "truncated": "内容不完整", "not_a_plan": "非工作要点"}


def describe(plan: Plan, index: int) -> str:
    """A plan's header and outline as terminal text."""
    flags = [name for attr, name in FLAG_NAMES.items() if getattr(plan, attr)]
    head = [
        click.style(f"【{index}】{plan.label}", bold=True),
        f"  单位：{plan.org or '（未识别）'}　年度：{plan.year or '（未识别）'}"
        f"　标记：{'、'.join(flags) or '无'}",
        f"  来源：{'；'.join(str(s) for s in plan.sources)}",
        f"  结构：{len(plan.sections)} 个部分，{len(plan.tasks)} 项任务",
    ]
    for part in plan.front:
        head.append(f"  · {part.heading}")
    if plan.tasks_heading:
        head.append(f"  · {plan.tasks_heading}")
    for sec in plan.sections:
        mark = "（据提纲补全）" if sec.outline_only else ""
        if sec.number:
            num = cn_numeral(sec.number)
            head.append(f"  {num}、{sec.title}{mark}" if plan.tasks_heading is None else f"  （{num}）{sec.title}{mark}")
        else:
            head.append(f"  {sec.title or '（无标题部分）'}{mark}")
        for t in sec.tasks:
            tmark = "（据提纲补全）" if t.outline_only and not sec.outline_only else ""
            head.append(f"      {f'{t.number}.' if t.number is not None else '· '}{t.title}{tmark}")
    for part in plan.back:
        head.append(f"  · {part.heading}")
    return "\n".join(head)

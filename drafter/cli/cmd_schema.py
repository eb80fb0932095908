"""``drafter schema list|show``: what the mined schemas hold, for people."""

from __future__ import annotations

import click

from drafter.schema import Schema, TaskPattern, Theme


@click.group(short_help="查看结构库（schema）")
@click.help_option("-h", "--help", help="显示帮助并退出")
def schema() -> None:
    """查看结构库：drafter schema list 列出全部，drafter schema show ID 显示主题、任务模式和参考举措。"""


@schema.command("list", short_help="列出结构库")
@click.help_option("-h", "--help", help="显示帮助并退出")
def list_() -> None:
    """列出 ./schemas 和内置的结构库：id、名称、归纳篇数、主题数、文件。"""
    from drafter.errors import SchemaError
    from drafter.schema_io import list_schemas, load_schema

    entries = list_schemas()
    if not entries:
        click.echo("没有结构库。可用 drafter mine 从语料生成。")
        return
    for e in entries:
        where = "内置" if e.builtin else str(e.path)
        try:
            s = load_schema(e.path)
        except SchemaError as err:
            click.echo(f"{e.id}　（文件有误：{err}）　（{where}）")
            continue
        common = sum(not t.specific for t in s.themes)
        click.echo(f"{s.id}　{s.title}　归纳自 {s.plans_mined} 篇　共性主题 {common} 个、"
                   f"特色主题 {len(s.themes) - common} 个　（{where}）")


@schema.command("show", short_help="显示结构库的主题、任务模式和参考举措")
@click.argument("schema_id", metavar="ID")
@click.option("--patterns", "max_patterns", type=click.IntRange(0, 100), default=5, show_default=True,
              help="每个主题显示几个任务模式")
@click.option("--hints", "max_hints", type=click.IntRange(0, 50), default=2, show_default=True,
              help="每个任务模式显示几条参考举措")
@click.option("--all", "show_all", is_flag=True, help="显示全部任务模式和参考举措，以及标题的各种说法")
@click.help_option("-h", "--help", help="显示帮助并退出")
def show(schema_id: str, max_patterns: int, max_hints: int, show_all: bool) -> None:
    """显示结构库 ID（或 .yaml 文件）的摘要。

    摘要包括参数，各主题的出现篇数、通常位置、常见标题，主题下的任务模式及其参考举措。
    """
    from drafter.schema_io import load_schema

    s = load_schema(schema_id)
    if show_all:
        max_patterns, max_hints = 1000, 1000
    click.echo(summary(s, max_patterns, max_hints, headings=6 if show_all else 3))


def summary(s: Schema, max_patterns: int, max_hints: int, headings: int = 3) -> str:
    """A readable Chinese summary of a schema."""
    lines = [click.style(f"{s.title}（{s.id}）", bold=True), f"归纳自 {s.plans_mined} 篇工作要点。"]
    if s.command:
        lines.append(f"重新生成：{s.command}")
    if s.parameters:
        lines.append("参数：" + "；".join(f"{{{{ {p.name} }}}} {p.description}" for p in s.parameters))
    groups = (("共性主题（按通常位置排列）", [t for t in s.themes if not t.specific]),
              ("部门特色主题", [t for t in s.themes if t.specific]))
    n = 0
    for title, themes in groups:
        if not themes:
            continue
        lines += ["", click.style(title, bold=True)]
        for t in themes:
            n += 1
            lines += _theme(n, t, s.plans_mined, max_patterns, max_hints, headings)
    return "\n".join(lines)


def _theme(n: int, t: Theme, total: int, max_patterns: int, max_hints: int, headings: int) -> list[str]:
    head = click.style(f"{n:>2}. {t.label}", bold=True)
    out = [f"{head} [{t.id}]　{t.support}/{total} 篇　通常在第 {_pos(t.position)} 部分"]
    shown = [h for h in t.headings if h.form == "short"][:headings] + \
        [h for h in t.headings if h.form == "two_part"][:1]
    if shown:
        out.append("    标题：" + "｜".join(f"{h.text}（{h.count}）" for h in shown))
    for p in t.patterns[:max_patterns]:
        out += _pattern(p, total, max_hints)
    if len(t.patterns) > max_patterns:
        out.append(f"      ……另有 {len(t.patterns) - max_patterns} 个任务模式（--all 显示全部）")
    return out


def _pattern(p: TaskPattern, total: int, max_hints: int) -> list[str]:
    out = [f"    · {p.title}　[{p.id}] {p.support}/{total} 篇"]
    others = [v.text for v in p.variants if v.text != p.title][:2]
    if others:
        out.append("        也作：" + "｜".join(others))
    for h in p.hints[:max_hints]:
        used = f"（{h.support} 篇）" if h.support > 1 else ""
        out.append(f"        参考：{h.text}{used}")
    return out


def _pos(position: float) -> str:
    return str(int(position)) if position == int(position) else f"{position:g}"

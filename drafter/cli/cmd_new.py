"""``drafter new`` and ``drafter preview``: a department's starting outline.

Only option parsing, prompting and printing live here; the work is
:class:`drafter.drafting.Drafting` (compose, render) and
:func:`drafter.fileio.write_atomic` (write). Heavy modules are imported
inside the commands, so ``drafter --help`` does not pay for them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from drafter.errors import InputError

if TYPE_CHECKING:
    from drafter.drafting import Draft

DETAILS = ("outline", "hints", "full")
FORMATS = ("docx", "md", "txt")
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _choice(values: tuple[str, ...], what: str) -> Any:
    """A click callback accepting one of ``values`` with a Chinese error (click's own is English)."""

    def check(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is None or value in values:
            return value
        raise InputError(f"{what}“{value}”无效，可用：{'、'.join(values)}")

    return check


def _year(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    if value is None:
        return None
    from drafter.drafting import MAX_YEAR, MIN_YEAR

    if not value.strip().isdigit() or not MIN_YEAR <= int(value) <= MAX_YEAR:
        raise InputError(f"--year 应为 {MIN_YEAR}—{MAX_YEAR} 之间的年份，实为“{value}”")
    return int(value)


def complete_templates(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion: template ids (then paths, for a template file)."""
    from click.shell_completion import CompletionItem

    from drafter.templates import list_templates

    try:
        infos = list_templates()
    except Exception:  # completion must never print a traceback into the shell
        infos = []
    items = [CompletionItem(i.id, help=i.name) for i in infos if i.id.startswith(incomplete)]
    return items or [CompletionItem(incomplete, type="file")]


def complete_values(values: tuple[str, ...]) -> Any:
    """Shell completion of one of ``values``."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
        return [v for v in values if v.startswith(incomplete)]

    return complete


def plan_options(func: Any) -> Any:
    """The options ``new`` and ``preview`` share: which plan to compose."""
    options = [
        click.option("-t", "--template", "template_name", metavar="TEMPLATE", shell_complete=complete_templates,
                     help="部门模板 id（见 drafter template list）或模板文件路径；默认为通用模板 default"),
        click.option("--org", metavar="ORG", help="单位全称，如 市民政局；不给时用模板中的值，或留【单位名称】待填"),
        click.option("--year", callback=_year, metavar="YEAR", help="年度，如 2027；默认为今年，10 月起为下一年"),
        click.option("--params", "params_file", type=click.Path(path_type=Path, dir_okay=False),
                     metavar="FILE", help="参数文件（YAML，示例见 examples/params-*.yaml）"),
        click.option("--set", "sets", multiple=True, metavar="KEY=VALUE",
                     help="设定一个模板参数，如 --set field=民政；可多次使用"),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.command(short_help="按部门模板生成工作要点起草提纲")
@plan_options
@click.option("--detail", default="hints", callback=_choice(DETAILS, "--detail 的值"), metavar="LEVEL",
              shell_complete=complete_values(DETAILS),
              help="outline 只有标题；hints 标题加参考举措（默认）；full 再加带【…】待填处的正文")
@click.option("--format", "fmt", callback=_choice(FORMATS, "--format 的值"), metavar="FORMAT",
              shell_complete=complete_values(FORMATS),
              help="docx（默认）、md 或 txt；不给时按 -o 的扩展名")
@click.option("-o", "--output", metavar="PATH", type=click.Path(),
              help="输出文件或文件夹；默认为当前文件夹下的“<单位><年度>年意识形态工作要点.docx”；- 表示输出到终端")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖")
@click.option("--style", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="样式文件（YAML，见 templates/styles/gbt9704.yaml）；默认用模板指定的或内置的 GB/T 9704 样式")
@click.option("--reference", type=click.Path(path_type=Path, dir_okay=False), metavar="DOCX",
              help="用自己的 .docx 作参考文档，沿用其中的样式、页面和页码")
@click.option("--appendix", is_flag=True, help="在文末附“任务分解表”（仅 .docx）")
@click.option("--no-input", "--defaults", "no_input", is_flag=True,
              help="在终端中也不询问：没有给出的模板、单位和年度都用默认值")
@click.option("--level", callback=_choice(("省", "市", "县", "乡镇", "单位"), "--level 的值"), metavar="LEVEL",
              help="单位层级：省、市、县、乡镇 或 单位（学校、医院等）；默认按单位名称判断，判断不出时按市级")
@click.option("--profile", "profile", metavar="ID",
              help="单位画像 id（如 health、political-legal；见 templates/profiles/）；默认按单位名称识别")
@click.option("--no-alternatives", "no_alternatives", is_flag=True, help="各部分末尾不列【备选】任务")
@click.help_option("-h", "--help", help="显示帮助并退出")
def new(template_name: str | None, org: str | None, year: int | None, params_file: Path | None,
        sets: tuple[str, ...], detail: str, fmt: str | None, output: str | None, force: bool,
        style: Path | None, reference: Path | None, appendix: bool, no_input: bool, level: str | None = None,
        no_alternatives: bool = False, profile: str | None = None) -> int:
    """按部门模板生成一份工作要点起草提纲（GB/T 9704 公文格式的 .docx，或 Markdown、纯文本）。

    \b
    不带参数时，按通用模板生成本年度（10 月起为下一年度）的提纲，写到当前文件夹。
    在终端中运行时，会询问没有给出的模板、单位和年度（--no-input 不询问）。
    提纲中【…】处是需要起草人填写的内容，【参考】开头的是常见举措，供起草时参考。

    \b
    示例：
      drafter new --template civil-affairs --org 市民政局 --year 2026
      drafter new -t science --detail full -o 提纲.md
    """
    if not no_input:
        template_name, org, year = _ask(template_name, org, year, params_file)
    draft = _draft(template_name, org, year, params_file, sets, detail, level, not no_alternatives, profile)
    fmt = fmt or _format_of(output)
    data = _render(draft, fmt, style, reference, appendix)
    if output == "-":
        _to_stdout(data, fmt)
        say_notes(draft.notes)
        return 0
    from drafter.fileio import write_atomic

    path = _output_path(output, draft.plan.title, fmt)
    write_atomic(path, data, force=force)
    say_notes(draft.notes)
    plan = draft.plan
    click.echo(f"已生成 {path}（模板 {draft.template.id}，{len(plan.sections)} 个部分，{len(plan.tasks)} 项任务）")
    click.echo(fit_line(draft))
    return 0


def fit_line(draft: Draft) -> str:
    """One line saying which unit profile and level the outline was fitted to."""
    fit = draft.fit
    if fit is None:
        return ""
    level = f"层级：{fit.wording.level}{'（--level 指定）' if fit.level_given else ''}"
    if fit.profile is None:
        return f"单位画像：没有与单位名称相符的画像，按通用写法生成（可用 --profile 指定）；{level}"
    return f"单位画像：{fit.profile.name}（{fit.profile.id}，据“{fit.matched or '指定'}”）；{level}"


@click.command(short_help="在终端预览起草提纲")
@plan_options
@click.option("--detail", default="outline", callback=_choice(DETAILS, "--detail 的值"), metavar="LEVEL",
              shell_complete=complete_values(DETAILS),
              help="outline 只有标题（默认）；hints 加参考举措；full 再加正文")
@click.help_option("-h", "--help", help="显示帮助并退出")
def preview(template_name: str | None, org: str | None, year: int | None, params_file: Path | None,
            sets: tuple[str, ...], detail: str) -> int:
    """在终端显示按部门模板生成的提纲，不写文件。

    \b
    示例：
      drafter preview --template discipline
      drafter preview -t civil-affairs --detail hints
    """
    draft = _draft(template_name, org, year, params_file, sets, detail)
    from drafter.drafting import outline_text

    say_notes(draft.notes)
    click.echo(outline_text(draft))
    return 0


def _draft(template_name: str | None, org: str | None, year: int | None, params_file: Path | None,
           sets: tuple[str, ...], detail: str, level: str | None = None, alternatives: bool = True,
           profile: str | None = None) -> Draft:
    from drafter.drafting import draft_plan, parse_assignments

    return draft_plan(template_name, org, year, params_file, parse_assignments(sets), detail,  # type: ignore[arg-type]
                      level=level, alternatives=alternatives, profile=profile)


def say_notes(notes: list[str]) -> None:
    """Tell the user, on stderr, what was decided for them (a default year, a flag over a file)."""
    for note in notes:
        click.echo(click.style(note, dim=True), err=True)


# --- prompting ---------------------------------------------------------------------


def _interactive() -> bool:
    """True only when a person can answer (never prompt, and so never hang, otherwise)."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _ask(template_name: str | None, org: str | None, year: int | None,
         params_file: Path | None) -> tuple[str | None, str | None, int | None]:
    """Ask on a terminal for what was not given; elsewhere keep the defaults."""
    if not _interactive() or params_file is not None:
        return template_name, org, year
    from drafter.settings import default_year
    from drafter.templates import list_templates

    if template_name is None:
        infos = [i for i in list_templates() if not i.problem]
        for n, info in enumerate(infos, 1):
            click.echo(f"  {n:>2}. {info.id:<16} {info.name}")
        ids = [i.id for i in infos]
        template_name = _pick(ids, ids[0] if ids else "default")
    if org is None:
        org = _ask_org(template_name)
    if year is None:
        year = _ask_year(default_year())
    return template_name, org, year


def _ask_org(template_name: str) -> str | None:
    """Ask for the organisation; Enter keeps the template's (or leaves 【单位名称】 to fill)."""
    from drafter.templates import resolve_template

    default = resolve_template(template_name).params.get("org")
    if isinstance(default, str) and default:
        answer = click.prompt("单位全称", default=default)
    else:
        answer = click.prompt("单位全称（直接回车则留【单位名称】待填）", default="", show_default=False)
    return str(answer).strip() or None


def _pick(ids: list[str], default: str) -> str:
    while True:
        answer = str(click.prompt("选择模板（编号或 id）", default=default)).strip()
        if answer.isdigit() and 1 <= int(answer) <= len(ids):
            return ids[int(answer) - 1]
        if answer in ids:
            return answer
        click.echo(f"没有这个模板：{answer}", err=True)


def _ask_year(default: int) -> int:
    from drafter.drafting import MAX_YEAR, MIN_YEAR

    while True:
        answer = str(click.prompt("年度", default=str(default))).strip()
        if answer.isdigit() and MIN_YEAR <= int(answer) <= MAX_YEAR:
            return int(answer)
        click.echo(f"年度应为 {MIN_YEAR}—{MAX_YEAR} 之间的年份", err=True)


# --- output -------------------------------------------------------------------------


def _format_of(output: str | None) -> str:
    if output and output != "-":
        suffix = Path(output).suffix.lower().lstrip(".")
        if suffix in FORMATS:
            return suffix
        if suffix == "markdown":
            return "md"
    return "docx"


def _render(draft: Draft, fmt: str, style: Path | None, reference: Path | None, appendix: bool) -> bytes:
    from drafter.drafting import Drafting

    return Drafting().render(draft, fmt, style=style, reference=reference, appendix=appendix)


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _to_stdout(data: bytes, fmt: str) -> None:
    if fmt == "docx" and _stdout_is_terminal():
        raise InputError(".docx 不能显示在终端：请用 -o 给出文件名，或用 --format md/txt")
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None or _stdout_is_terminal():  # a person reads it: in the console's own encoding
        sys.stdout.write(data.decode("utf-8"))
        return
    stream.write(data)
    stream.flush()


def _output_path(output: str | None, title: str, fmt: str) -> Path:
    name = _UNSAFE.sub("_", title).strip(" .") or "工作要点"
    if output is None:
        return Path.cwd() / f"{name}.{fmt}"
    from drafter.fileio import is_folder

    path = Path(output)
    return path / f"{name}.{fmt}" if is_folder(path) else path

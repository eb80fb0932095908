"""The ``drafter`` command line.

Commands live in their own modules and are imported only when run, so
``drafter --help`` stays fast. Errors become one line on stderr and an exit
code here, in :func:`main`, and nowhere else.
"""

from __future__ import annotations

import codecs
import importlib
import os
import sys
from typing import Any

import click

from drafter import __version__
from drafter.cli import zh

zh.install()

#: command name → (module, attribute, one-line help shown in ``drafter --help``)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "inspect": ("drafter.cli.cmd_inspect", "inspect", "读取工作要点文件，显示识别出的标题、单位、年度和提纲"),
    "mine": ("drafter.cli.cmd_mine", "mine", "从语料中归纳主题、任务模式和参考举措，生成 YAML 结构库"),
    "schema": ("drafter.cli.cmd_schema", "schema", "查看结构库（schema）"),
    "template": ("drafter.cli.cmd_template", "template", "管理部门模板：列出、查看、校验、新建、比较"),
    "new": ("drafter.cli.cmd_new", "new", "按部门模板生成工作要点起草提纲（.docx/.md/.txt）"),
    "preview": ("drafter.cli.cmd_new", "preview", "在终端预览起草提纲"),
    "check": ("drafter.cli.cmd_check", "check", "检查草稿：主题覆盖、编号、时效表述、遗留标记、格式"),
    "format": ("drafter.cli.cmd_format", "format_", "把草稿按公文格式重新排版成 Word 文档（文字不变）"),
    "import": ("drafter.cli.cmd_import", "import_", "把已有工作要点（如上一年度）转为部门模板"),
    "batch": ("drafter.cli.cmd_batch", "batch", "按单位清单批量生成起草提纲"),
    "update": ("drafter.cli.cmd_update", "update", "把模板的改动带进已在撰写的草稿，保留起草人的修改"),
    "completion": ("drafter.cli.cmd_completion", "completion", "输出 Shell 自动补全脚本（bash/zsh/fish）"),
}

#: Exit codes: 0 success, 1 findings (check) or partial failure, 2 error.
EXIT_ERROR = 2


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Names of the commands, in the order of :data:`COMMANDS`."""
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import and return the command, or None for an unknown name."""
        if cmd_name not in COMMANDS:
            return None
        module, attr, _ = COMMANDS[cmd_name]
        cmd = getattr(importlib.import_module(module), attr)
        assert isinstance(cmd, click.Command)
        return cmd

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List commands with their one-line help, without importing them."""
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("命令"):
                formatter.write_dl(rows)


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=LazyGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="drafter", message="%(prog)s %(version)s",
                      help="显示版本并退出")
@click.option("--no-color", is_flag=True, help="不用彩色输出（设置环境变量 NO_COLOR 也是如此）")
@click.pass_context
def cli(ctx: click.Context, no_color: bool) -> None:
    """Drafter —— 工作要点起草助手。

    从真实工作要点中归纳常见主题和任务（drafter mine），按部门模板生成符合 GB/T 9704 公文格式的起草提纲（drafter new，按单位清单批量用 drafter batch），检查草稿（drafter check），把草稿排成公文格式（drafter format），把上一年度的工作要点转为模板（drafter import），把模板的改动带进已在撰写的草稿（drafter update）。

    快速开始：drafter new（按通用模板生成提纲；10 月起默认为下一年度）。
    """
    if no_color or os.environ.get("NO_COLOR"):
        ctx.color = False  # inherited by every subcommand's context; click.echo then strips styles


def usage_message(e: click.UsageError) -> str:
    """A click usage error as one Chinese line, with where to find help."""
    cmd = e.ctx.command_path if e.ctx is not None else "drafter"
    if isinstance(e, click.NoSuchOption):
        near = f"，是不是 {'、'.join(e.possibilities)}？" if e.possibilities else ""
        what = f"没有选项 {e.option_name}{near}"
    elif isinstance(e, click.MissingParameter):
        hint = e.param.get_error_hint(e.ctx) if e.param is not None and e.ctx is not None else ""
        what = f"缺少参数 {hint}".strip()
    elif isinstance(e, click.BadParameter):
        hint = e.param.get_error_hint(e.ctx) if e.param is not None and e.ctx is not None else ""
        what = f"参数 {hint} 的值无效：{e.message}"
    elif isinstance(e, click.BadOptionUsage):
        what = f"选项 {e.option_name} 用法有误：{e.message}"
    else:
        what = e.format_message()
    return f"{what}（用 {cmd} --help 查看用法）"


#: Stand-ins a GBK console can show for symbols it cannot (others become "?").
STAND_INS = {"✓": "√", "✗": "×", "↕": "↑↓", "⇄": "↔", "−": "-", "—": "-", "…": "...", "“": '"', "”": '"',
             "‘": "'", "’": "'", "【": "[", "】": "]", "（": "(", "）": ")", "：": ":", "，": ",", "、": ","}


def _stand_in(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a near character the target encoding has, else "?"."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start:error.end]
    out = []
    for ch in bad:
        sub = STAND_INS.get(ch, "?")
        try:
            sub.encode(error.encoding)
        except (UnicodeError, LookupError):
            sub = "?"
        out.append(sub)
    return "".join(out), error.end


codecs.register_error("drafter-stand-in", _stand_in)


def tolerant_streams() -> None:
    """Never fail on a character the console cannot show (GBK, cp936, ASCII): show a stand-in."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            reconfigure(errors="drafter-stand-in")
        except (ValueError, OSError):  # a closed or detached stream: nothing to print to anyway
            pass


def main(argv: list[str] | None = None) -> Any:
    """Run the CLI; every DrafterError is one line on stderr and exit code 2."""
    from drafter.errors import DrafterError

    tolerant_streams()
    try:
        rv = cli.main(args=argv, prog_name="drafter", standalone_mode=False)
    except DrafterError as e:
        click.echo(f"错误：{e}", err=True)
        sys.exit(e.exit_code)
    except click.exceptions.Abort:
        click.echo("已取消。", err=True)
        sys.exit(130)
    except click.UsageError as e:
        click.echo(f"错误：{usage_message(e)}", err=True)
        sys.exit(EXIT_ERROR)
    except click.ClickException as e:
        click.echo(f"错误：{e.format_message()}", err=True)
        sys.exit(e.exit_code)
    except KeyboardInterrupt:
        click.echo("已中断。", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(rv if isinstance(rv, int) else 0)

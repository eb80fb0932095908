"""``drafter completion``: the shell completion script for bash, zsh or fish."""

from __future__ import annotations

import click

SHELLS = ("bash", "zsh", "fish")


@click.command(short_help="输出 Shell 自动补全脚本")
@click.argument("shell", type=click.Choice(SHELLS), required=False, default="bash")
@click.help_option("-h", "--help", help="显示帮助并退出")
def completion(shell: str) -> int:
    """输出 SHELL（bash、zsh 或 fish，默认 bash）的自动补全脚本：可补全命令、选项、模板 id、
    --detail/--format 的取值和文件路径。

    \b
    启用方法（写进对应的配置文件即长期有效）：
      bash：eval "$(drafter completion bash)"        # ~/.bashrc
      zsh： eval "$(drafter completion zsh)"         # ~/.zshrc
      fish：drafter completion fish | source         # ~/.config/fish/config.fish
    """
    from click.shell_completion import get_completion_class

    from drafter.cli import cli

    cls = get_completion_class(shell)
    assert cls is not None  # SHELLS are all built into click
    click.echo(cls(cli, {}, "drafter", "_DRAFTER_COMPLETE").source())
    return 0

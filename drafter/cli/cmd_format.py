"""``drafter format``: put a draft into the official format."""

from __future__ import annotations

from pathlib import Path

import click


@click.command(short_help="把草稿排成公文格式的 Word 文档")
@click.argument("draft", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True, metavar="OUT.docx",
              help="输出的 .docx 文件")
@click.option("--style", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="样式文件（YAML，见 templates/styles/gbt9704.yaml）；默认 GB/T 9704")
@click.option("--allow-loss", is_flag=True, help="草稿中有表格、图片、批注、修订等无法保留的内容时，仍然排版（这些内容舍弃，表格只保留文字）")
@click.option("-f", "--force", is_flag=True, help="覆盖已存在的输出文件")
def format_(draft: Path, output: Path, style: Path | None, allow_loss: bool, force: bool) -> None:
    """把草稿 DRAFT（.docx/.txt/.md，- 为标准输入）按公文格式重新排版，写成 OUT.docx。

    \b
    每一段文字按原顺序保留，不改一个字；按编号定格式：开头的标题行用标题格式，
    一、（一）1.（1）分别为一至四级标题，其余为正文；页面、边距、每页行数、页码按样式文件。
    草稿中有排版后无法保留的内容（表格、图片、批注、修订、脚注、文本框）时列出并停止，
    不写任何文件；确认可以舍弃时加 --allow-loss。已存在的输出文件不加 --force 不覆盖。

    \b
    示例：
      drafter format 草稿.docx -o 草稿-公文格式.docx
      drafter format 草稿.txt -o 草稿.docx --force
    """
    from drafter.cli.stdin import input_path
    from drafter.errors import OutputError
    from drafter.fileio import check_target, write_atomic
    from drafter.review.format import format_draft

    if output.suffix.lower() != ".docx":
        raise OutputError("输出文件应为 .docx", output)
    check_target(output, force=force)  # refuse before reading and rendering anything
    spec = None
    if style is not None:
        from drafter.style_spec import load_style

        spec = load_style(style)
    with input_path(draft) as real:
        data, read = format_draft(real, style=spec, allow_loss=allow_loss)
    write_atomic(output, data, force=force)
    if read.losses:
        click.echo(f"注意：以下内容未保留：{read.loss_text()}", err=True)
    click.echo(f"已排版 {output}（{len(read.paragraphs)} 段）")

"""``drafter update``: re-apply a changed template to a draft, keeping the drafter's edits."""

from __future__ import annotations

from pathlib import Path

import click

from drafter.cli.cmd_new import complete_templates


@click.command(short_help="把模板的改动带进已在撰写的草稿，保留起草人的修改")
@click.argument("draft", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-t", "--template", "template_name", metavar="TEMPLATE", shell_complete=complete_templates,
              help="改用的模板 id 或模板文件路径；默认为草稿生成时所用的模板（记录在文档属性中）")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), metavar="DOCX",
              help="写到哪里；默认为草稿旁的“<草稿名>（更新）.docx”；写回草稿本身需加 --force")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖（包括写回草稿本身）")
@click.help_option("-h", "--help", help="显示帮助并退出")
def update(draft: Path, template_name: str | None, output: Path | None, force: bool) -> int:
    """把模板的最新内容带进 DRAFT（由 drafter new/batch 生成、已在撰写的 .docx）。

    \b
    按生成时记录的模板、参数、年度和详略，用当前模板重新生成提纲，与生成时的提纲、
    起草人改过的草稿三方合并（按部分、任务、段落）：
      - 起草人改过的标题和正文、删去和新增的任务、调整的顺序都保留；
      - 起草人没动过的地方，带进模板新增的任务、改过的说法，去掉模板删去的项；
      - 两边改了同一处时保留起草人的，并在文中加黄色突出的【冲突：…】说明模板现在的写法，
        同时在终端列出。
    合并在文档模型上进行：Word 中另加的字体、表格、批注等格式不保留，请核对后再定稿。

    \b
    示例：
      drafter update 草稿.docx                    # 写出 草稿（更新）.docx
      drafter update 草稿.docx -o 草稿.docx --force   # 写回草稿本身
    """
    from drafter.drafting import Drafting
    from drafter.fileio import write_atomic
    from drafter.review.update import update_draft

    if draft.suffix.lower() != ".docx":
        from drafter.errors import InputError

        raise InputError("只能更新 drafter 生成的 .docx 草稿", draft)
    result, fresh = update_draft(draft, template_name)
    target = output or draft.with_name(f"{draft.stem}（更新）.docx")
    data = Drafting().render(fresh, "docx")
    write_atomic(target, data, force=force)
    for name in result.brought_in:
        click.echo(f"  带进 {name}", err=True)
    for name in result.removed:
        click.echo(f"  去掉 {name}（模板已删去，你没有改过）", err=True)
    for conflict in result.conflicts:
        click.echo(click.style(f"  冲突 {conflict}", fg="yellow"), err=True)
    click.echo(f"已写出 {target}：带进 {len(result.brought_in)} 项，去掉 {len(result.removed)} 项，"
               f"冲突 {len(result.conflicts)} 处" + ("（文中以【冲突：…】标出）" if result.conflicts else "") + "。")
    return 1 if result.conflicts else 0

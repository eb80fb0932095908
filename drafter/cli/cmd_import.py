"""``drafter import``: last year's plan as a department template."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("import", short_help="把已有工作要点转为部门模板")
@click.argument("plan_file", metavar="PLAN", type=click.Path(path_type=Path))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="写出的模板文件，如 templates/departments/minzheng.yaml（文件夹不存在时自动创建）")
@click.option("--plan", "index", metavar="N", type=click.IntRange(1), help="文件中有多篇时，导入第几篇")
@click.option("--year", metavar="YEAR", type=click.IntRange(2000, 2100), help="原文年度（标题和开头段都没写时必填）")
@click.option("--schema", "schema_id", metavar="ID", default="ideology-work-points", show_default=True, help="对照的结构库")
@click.option("--name", metavar="NAME", help="模板的中文名（默认用单位名称）")
@click.option("--force", is_flag=True, help="覆盖已存在的模板文件")
def import_(plan_file: Path, output: Path, index: int | None, year: int | None, schema_id: str,
            name: str | None, force: bool) -> None:
    """把已有的工作要点 PLAN（如上一年度的 .docx/.txt/.md）转为部门模板，写到 -o 指定的文件。

    模板继承通用模板（extends: default），保留原文各部分和任务（标题与正文），每部分对应到
    结构库主题；单位名称、业务领域词转为参数，年度、最近一次全会、规划期提法转为年度变量。
    之后用 drafter new --template <模板名> --year <下一年> --detail full 即得顺延到下一年度的稿子。
    PLAN 为 - 时从标准输入读取。
    """
    from drafter.cli.cmd_template import make_folder, say_schema_written
    from drafter.cli.stdin import input_path
    from drafter.review.importer import import_plan, write_template

    with input_path(plan_file) as real:
        imported = import_plan(real, index=index, year=year, schema_id=schema_id, name=name,
                               template_id=output.stem)
    make_folder(output.parent)
    write_template(imported, output, force=force)
    say_schema_written(output)
    matched = sum(1 for _, t in imported.mapped if t)
    click.echo(f"已写出 {output}：{len(imported.plan.sections)} 个部分（{matched} 个对应结构库主题），"
               f"{len(imported.plan.tasks)} 项任务。", err=True)
    for title, theme in imported.mapped:
        click.echo(f"  {title or '（无部分标题的任务）'} → {theme or '本部门特有'}", err=True)

"""``drafter template``: list, show, validate, scaffold, edit and compare department templates.

The commands parse options and print; the work is in :mod:`drafter.templates`
(loading, merging), :mod:`drafter.drafting` (composing, checking, comparing)
and :mod:`drafter.template_edit` (writing template YAML).
"""

from __future__ import annotations

from pathlib import Path

import click

from drafter.cli.cmd_new import complete_templates
from drafter.errors import InputError


@click.group(short_help="管理部门模板")
@click.help_option("-h", "--help", help="显示帮助并退出")
def template() -> None:
    """管理部门模板（templates/departments/*.yaml）：列出、查看、校验、新建、修改、比较。

    模板的写法见 docs/templates.md。当前文件夹下 templates/departments/ 中的模板
    优先于内置模板（同名时覆盖内置的）。
    """


@template.command("list", short_help="列出可用的部门模板")
@click.help_option("-h", "--help", help="显示帮助并退出")
def list_() -> int:
    """列出可用的部门模板：id、名称、基础（extends）和说明。"""
    from drafter.resources import bundled_dir
    from drafter.templates import list_templates

    builtin = (bundled_dir("templates") / "departments").resolve()
    infos = list_templates()
    if not infos:
        click.echo("没有找到部门模板。")
        return 0
    width = max(len(i.id) for i in infos)
    for info in infos:
        where = "" if info.path.parent.resolve() == builtin else f"　（{info.path}）"
        if info.problem:
            click.echo(f"{info.id:<{width}}  {click.style(info.problem, fg='red')}{where}")
            continue
        base = f"　基于 {info.extends}" if info.extends else ""
        click.echo(f"{info.id:<{width}}  {info.name}{base}{where}")
        if info.description:
            click.echo(f"{'':<{width}}  {click.style(info.description, dim=True)}")
    click.echo(f"共 {len(infos)} 个模板。用法：drafter new --template <id>")
    return 0


@template.command(short_help="显示一个模板继承合并后的完整内容")
@click.argument("name", shell_complete=complete_templates)
@click.option("--outline", is_flag=True, help="改为显示按此模板生成的提纲")
@click.help_option("-h", "--help", help="显示帮助并退出")
def show(name: str, outline: bool) -> int:
    """显示模板 NAME（id 或文件路径）沿 extends 继承、合并之后的完整内容（YAML）。"""
    from drafter.templates import plain, resolve_template

    resolved = resolve_template(name)
    if outline:
        from drafter.cli.cmd_new import say_notes
        from drafter.drafting import draft_plan, outline_text

        draft = draft_plan(name, detail="hints")
        say_notes(draft.notes)
        click.echo(outline_text(draft))
        return 0
    import yaml

    data = {"id": resolved.id, **plain(resolved.raw)}
    click.echo(f"# 模板 {resolved.id}：{resolved.name}")
    click.echo(f"# 继承链：{' → '.join(resolved.chain)}（最后一项为结构库）")
    if resolved.themes is None:
        click.echo("# 未写 themes：按结构库中最常见的主题自动选取，用 --outline 查看结果")
    click.echo(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100).rstrip())
    return 0


@template.command(short_help="校验模板")
@click.argument("names", nargs=-1, shell_complete=complete_templates)
@click.option("--all", "all_", is_flag=True, help="校验所有可用的模板（不给 NAMES 时也是如此）")
@click.help_option("-h", "--help", help="显示帮助并退出")
def validate(names: tuple[str, ...], all_: bool) -> int:
    """校验模板 NAMES（id 或文件路径；不给则校验全部）：YAML 格式、键和取值、extends
    继承链、引用的主题和任务是否存在、模板文字（jinja）能否生成。有错时逐条显示
    “文件:行号: 问题”，退出码为 2。
    """
    from drafter.drafting import check_template
    from drafter.templates import list_templates

    targets = list(names) if names and not all_ else [i.id for i in list_templates()]
    failed = 0
    for name in targets:
        problems = check_template(name)
        if problems:
            failed += 1
            for problem in problems:
                click.echo(f"错误：{problem}", err=True)
        else:
            click.echo(f"✓ {name}")
    if failed:
        click.echo(f"{failed} 个模板有错误，{len(targets) - failed} 个通过。", err=True)
        click.get_current_context().exit(2)
    click.echo(f"全部 {len(targets)} 个模板通过校验。")
    return 0


@template.command(short_help="新建一个部门模板（带注释的脚手架）")
@click.argument("template_id")
@click.option("--extends", "base", default="default", metavar="BASE", shell_complete=complete_templates,
              help="基础模板 id 或结构库 id；默认为 default")
@click.option("--name", metavar="NAME", help="模板的中文名，如“财政部门”")
@click.option("--org", metavar="ORG", help="单位全称，如 市财政局")
@click.option("--field", "field_", metavar="FIELD", help="业务领域词，如 财政")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="写到哪里；默认为当前文件夹下 templates/departments/<id>.yaml")
@click.option("--force", is_flag=True, help="文件已存在时覆盖")
@click.help_option("-h", "--help", help="显示帮助并退出")
def new(template_id: str, base: str, name: str | None, org: str | None, field_: str | None,
        output: Path | None, force: bool) -> int:
    """新建部门模板 TEMPLATE_ID：写出一个逐键带中文注释的模板文件，列出基础模板生成的
    各部分和任务，改动后即可用 drafter new --template TEMPLATE_ID 生成提纲。
    """
    from drafter.fileio import write_atomic
    from drafter.template_edit import scaffold
    from drafter.templates import is_valid_id

    if not is_valid_id(template_id):
        raise InputError(f"模板 id“{template_id}”无效：只能用小写字母、数字、- 和 _，如 finance")
    path = output or Path.cwd() / "templates" / "departments" / f"{template_id}.yaml"
    text = scaffold(template_id, base, name=name, org=org, field=field_)
    make_folder(path.parent)
    write_atomic(path, text.encode("utf-8"), force=force)
    say_schema_written(path)
    click.echo(f"已新建模板 {path}。修改后运行：drafter template validate {template_id}")
    return 0


@template.command("set", short_help="修改模板中的一个键（保留注释和顺序）")
@click.argument("name", shell_complete=complete_templates)
@click.argument("key")
@click.argument("value")
@click.help_option("-h", "--help", help="显示帮助并退出")
def set_(name: str, key: str, value: str) -> int:
    """把模板 NAME 中的键 KEY（如 params.org、layout.numbering）设为 VALUE（YAML 写法），
    其余内容、注释和键的顺序保持不变。改后的模板须仍能通过校验，否则不写入。
    """
    from drafter.template_edit import set_key
    from drafter.templates import find_template

    path = find_template(name)
    set_key(path, key, value)
    click.echo(f"已修改 {path}：{key}")
    return 0


@template.command(short_help="显示模板相对于其基础的改动")
@click.argument("name", shell_complete=complete_templates)
@click.option("--base", metavar="BASE", shell_complete=complete_templates, help="与哪个模板或结构库比较；默认为 extends 所指的基础")
@click.help_option("-h", "--help", help="显示帮助并退出")
def diff(name: str, base: str | None) -> int:
    """显示模板 NAME 相对于其基础（或 --base 指定的模板、结构库）的改动：参数、各部分
    的增删改和顺序、各部分中任务的增删改和顺序。
    """
    from drafter.compose import diff as diff_compositions
    from drafter.drafting import compositions

    new_comp, base_comp, base_name = compositions(name, base)
    lines = diff_compositions(base_comp, new_comp)
    click.echo(f"模板 {name} 相对于 {base_name}：")
    if not lines:
        click.echo("  （生成的提纲没有差别）")
    for line in lines:
        click.echo(f"  {line}")
    return 0


def make_folder(folder: Path) -> None:
    """Create the folder a template is written to (and its parents) when missing."""
    from drafter.errors import OutputError

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"无法创建文件夹（{e.strerror}）", folder) from e


def say_schema_written(path: Path) -> None:
    """Write the JSON Schema the YAML at ``path`` names next to it, when missing, and say so."""
    from drafter.json_schemas import ensure_beside

    written = ensure_beside(path)
    if written is not None:
        click.echo(f"已写出 {written}（编辑器据此补全和校验 YAML）", err=True)

"""``drafter template``: list, show, validate, scaffold, edit and compare department templates.

The commands parse options and print; the work is in :mod:`drafter.templates`
(loading, merging) and :mod:`drafter.compose` (composition, diff). The two
helpers that write template YAML, :func:`scaffold` and :func:`set_key`, are
here: the scaffold is plain text with a comment on every key, and
``set_key`` edits through ruamel.yaml's round trip, so an editor's comments
and key order survive.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import click

from drafter.cli.cmd_new import complete_templates
from drafter.errors import DrafterError, InputError, TemplateError


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
        from drafter.cli.cmd_new import outline_text, say_notes
        from drafter.params import draft_plan

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


def check_template(name: str) -> list[DrafterError]:
    """Every problem of template ``name`` that can be found; empty when it is valid."""
    from drafter.templates import find_template, jsonschema_faults, load_chain, load_template_file

    try:
        path = find_template(name)
        tf = load_template_file(path)
    except DrafterError as e:
        return [e]
    faults: list[DrafterError] = list(jsonschema_faults(tf))
    if faults:
        return faults
    try:
        load_chain(path)
        _compose_all_details(path)
    except DrafterError as e:
        return [e]
    return []


def _compose_all_details(path: Path) -> None:
    from drafter.params import draft_plan

    for detail in ("outline", "hints", "full"):
        draft_plan(path, detail=detail)


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
    from drafter.render.atomic import write_atomic
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

    new_comp, base_comp, base_name = compositions(name, base)
    lines = diff_compositions(base_comp, new_comp)
    click.echo(f"模板 {name} 相对于 {base_name}：")
    if not lines:
        click.echo("  （生成的提纲没有差别）")
    for line in lines:
        click.echo(f"  {line}")
    return 0


def compositions(name: str, base: str | None) -> tuple[Any, Any, str]:
    """Compositions of template ``name`` and of its base (outline detail, same year)."""
    from drafter.compose import composition
    from drafter.context import load_context
    from drafter.schema_io import load_schema
    from drafter.settings import default_year
    from drafter.templates import DepartmentTemplate, load_chain, resolve_template, schema_path

    resolved = resolve_template(name)
    if base is None:
        files = load_chain(name)
        base = files[1].id if len(files) > 1 else resolved.schema_id
        base_template = resolve_template(files[1].path) if len(files) > 1 else DepartmentTemplate.bare(base)
    elif schema_path(base) is not None and not _is_template(base):
        base_template = DepartmentTemplate.bare(base)
    else:
        base_template = resolve_template(base)
    year = default_year()
    context = load_context(year)
    schema = load_schema(resolved.schema_id)
    base_schema = schema if base_template.schema_id == resolved.schema_id else load_schema(base_template.schema_id)
    new_comp = composition(schema, resolved, {}, year, context, "hints")
    base_comp = composition(base_schema, base_template, {}, year, context, "hints")
    return new_comp, base_comp, base


def _is_template(name: str) -> bool:
    from drafter.templates import find_template

    try:
        find_template(name)
    except (TemplateError, InputError):
        return False
    return True


# --- writing template YAML ------------------------------------------------------------

_PARAM_COMMENTS = {
    "org": "单位全称（drafter new --org 可覆盖）",
    "org_short": "单位简称",
    "field": "业务领域词，用于“{{ field }}领域”等说法",
    "field_words": "本部门的业务词；结构库中含其他部门用词的任务和举措不选用，这些词除外",
    "system": "本系统（本机关）的说法",
    "party_body": "领导意识形态工作的党组织：党组 / 党委 / 党工委",
    "party_secretary": "第一责任人的职务",
    "leader_in_charge": "直接责任人的职务",
}

_PLAIN = re.compile(r"^[\u4e00-\u9fffA-Za-z0-9（）()、，。；：“”《》·—_\-]+$")


def _q(value: Any) -> str:
    """``value`` as a YAML scalar or flow list, quoted only where YAML needs it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_q(v) for v in value) + "]"
    text = str(value)
    if _PLAIN.match(text) and not text[0].isdigit() and text not in ("null", "true", "false", "yes", "no"):
        return text
    return json.dumps(text, ensure_ascii=False)


def scaffold(template_id: str, base: str, *, name: str | None = None, org: str | None = None,
             field: str | None = None) -> str:
    """The text of a new template extending ``base``: every key commented, the base's sections listed."""
    from drafter.compose import composition
    from drafter.context import load_context
    from drafter.schema_io import load_schema
    from drafter.settings import default_year
    from drafter.templates import DepartmentTemplate, find_template, resolve_template, schema_path

    base_template = DepartmentTemplate.bare(base) if schema_path(base) and not _is_template(base) \
        else resolve_template(find_template(base))
    schema = load_schema(base_template.schema_id)
    year = default_year()
    comp = composition(schema, base_template, {}, year, load_context(year), "hints")
    params = {k: v for k, v in base_template.params.items()}
    params.update({k: v for k, v in (("org", org), ("field", field)) if v})
    lines = [
        f"# yaml-language-server: $schema={_schema_ref()}",
        "#",
        f"# 部门模板：{name or template_id}（{template_id}）",
        f"# 由 drafter template new 生成，基于 {base}。写法见 docs/templates.md。改完后运行：",
        f"#   drafter template validate {template_id}    校验",
        f"#   drafter preview --template {template_id}   预览提纲",
        f"#   drafter template diff {template_id}        查看相对于 {base} 的改动",
        "# 没有写的键沿用基础模板中的设置。",
        "",
        "# 模板的中文名和适用范围（drafter template list 中显示）",
        f"name: {_q(name or template_id)}",
        f"description: {_q(name + '意识形态工作要点' if name else '')}",
        "",
        "# 基础：部门模板 id（如 default）或结构库 id（如 ideology-work-points）",
        f"extends: {_q(base)}",
        "",
        "# 部门参数：文字中用 {{ 参数名 }} 引用；值写 null 表示留给起草人填写，生成时显示为【…】",
        "params:",
    ]
    for key in [*_PARAM_COMMENTS, *(k for k in params if k not in _PARAM_COMMENTS)]:
        value = params.get(key, [] if key == "field_words" else None)
        lines.append(f"  {key}: {_q(_plain_value(value))}  # {_PARAM_COMMENTS.get(key, '自定义参数')}")
    layout = base_template.layout
    lines += [
        "",
        "# 文稿结构",
        "layout:",
        f"  numbering: {layout.numbering.value}  # continuous 任务序号全文连续（1—24）；restart 每部分从 1 起",
        f"  heading_form: {layout.heading_form}  # two_part 两句式标题（深化理论武装，筑牢思想根基）；short 短标题",
        f"  tasks_heading: {_q(_plain_value(layout.tasks_heading))}"
        "  # 各部分外层的标题，如“重点任务”；null 表示各部分直接编为一、二、……",
        f"  tasks_per_section: {layout.tasks_per_section}  # 自动选任务时每部分几项",
        f"  hints_per_task: {layout.hints_per_task}  # 每项任务下列几条参考举措",
        "",
        "# 各部分，按此顺序出现。id：结构库中的主题（或本部门特有主题的新 id）；heading：本部分标题。",
        "# tasks：本部分的任务和顺序。写任务模式 id 则沿用结构库中的说法和参考举措；写成",
        "#   - title: 本部门特有的任务",
        "#     hints: [参考举措一, 参考举措二]",
        "# 则是本部门特有的任务。还可用 drop（去掉）、add（追加）、rename（改标题）、order（调整顺序），",
        "# 不写 tasks 则按常见程度自动选任务。去掉整个部分：删掉该项，或写在 drop_themes 中。",
        "themes:",
    ]
    lines += _theme_lines(comp, base_template, schema)
    lines += [
        "",
        "# 开头一段（preamble）、指导思想等（front）、工作要求（back）、每项任务的正文（task_body，",
        "# 仅 --detail full）沿用基础模板；要改时在这里写同名的键，写法见 docs/templates.md。",
        "",
    ]
    return "\n".join(lines)


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


def _plain_value(value: Any) -> Any:
    from drafter.templates import plain

    return plain(value)


def _schema_ref() -> str:
    """The JSON Schema, named from the template's own folder (a copy is written there when missing)."""
    return "./department.schema.json"


def _theme_lines(comp: Any, base: Any, schema: Any) -> list[str]:
    specs = {str(s.id): s for s in (base.themes or [])}
    out: list[str] = []
    for i, tid in enumerate(comp.theme_ids):
        spec = specs.get(tid)
        section = comp.plan.sections[i]
        theme = schema.theme(tid)
        heading = spec.heading if spec is not None and spec.heading else _raw_heading(theme, section.title)
        out += [f"  - id: {_q(tid)}", f"    heading: {_q(_plain_value(heading))}", "    tasks:"]
        for key, task in zip(comp.task_keys[i], section.tasks, strict=True):
            entry = _raw_entry(spec, key)
            pattern = theme is not None and any(p.id == key for p in theme.patterns)
            if entry is None and pattern:
                out.append(f"      - {_q(key)}  # {task.title}")
                continue
            first = f"id: {_q(key)}" if pattern else f"title: {_q(_plain_value(entry.title if entry else task.title))}"
            out.append(f"      - {first}")
            if pattern and entry is not None and entry.title:
                out.append(f"        title: {_q(_plain_value(entry.title))}")
            hints = entry.hints if entry is not None and entry.hints is not None else (None if pattern else task.hints)
            if hints is not None:
                out.append(f"        hints: {_q(_plain_value(hints))}")
    return out


def _raw_heading(theme: Any, rendered: str) -> str:
    if theme is None:
        return rendered
    for variant in theme.headings:
        if variant.text.replace(" ", "") and rendered and variant.text.rstrip("。") == rendered:
            return str(variant.text)
    return rendered


def _raw_entry(spec: Any, key: str) -> Any:
    if spec is None:
        return None
    for entry in [*(spec.tasks or []), *spec.add]:
        if key in (entry.id, entry.title):
            return entry
    if key in spec.rename:
        from drafter.templates import TaskSpec

        return TaskSpec(id=key, title=spec.rename[key])
    return None


def _represent_null(representer: Any, data: None) -> Any:
    """Write null as ``null`` (ruamel.yaml writes nothing), as the scaffold does."""
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


_KEY_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def set_key(path: Path, key: str, value: str) -> None:
    """Set ``key`` (``params.org``, ``themes[0].heading`` …) of the template at ``path`` to ``value``.

    ``value`` is read as YAML (``[a, b]`` is a list, ``null`` empty). The
    file is rewritten through ruamel.yaml's round trip, keeping comments and
    key order; the result must still be a valid template, else nothing is
    written and :class:`~drafter.errors.SchemaError` says why.
    """
    import io

    import yaml
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

    from drafter import yamlio
    from drafter.errors import SchemaError
    from drafter.render.atomic import write_atomic
    from drafter.templates import validate_data

    parts: list[str | int] = [m.group(1) if m.group(1) is not None else int(m.group(2))
                              for m in _KEY_PART.finditer(key)]
    if not parts:
        raise InputError(f"键“{key}”无效，应写成 params.org、themes[0].heading 这样的形式")
    try:
        new_value = yaml.safe_load(value) if value.strip() else ""
    except yaml.YAMLError:
        new_value = value
    rt = YAML()
    rt.preserve_quotes = True
    rt.representer.add_representer(type(None), _represent_null)
    rt.width = 4096
    rt.indent(mapping=2, sequence=4, offset=2)
    text = path.read_text(encoding="utf-8")
    yamlio.load(path, "模板文件", text=text)  # a clear file:line error for a broken file, before ruamel's
    doc = rt.load(text)
    node: Any = doc
    for i, part in enumerate(parts[:-1]):
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            if isinstance(part, int) or not isinstance(node, dict):
                raise InputError(f"模板中没有“{key}”的上一级（{parts[: i + 1]}）", path) from None
            node[part] = CommentedMap()
            node = node[part]
    last = parts[-1]
    try:
        node[last] = new_value
    except (IndexError, TypeError):
        raise InputError(f"模板中没有“{key}”", path) from None
    out = io.StringIO()
    rt.dump(doc, out)
    result = out.getvalue()
    changed = yamlio.load(path, "模板文件", text=result)
    try:
        validate_data(changed.data, changed.node, path, always=True)
    except SchemaError as e:
        raise SchemaError(f"改后模板无效，未写入：{e.message}", path, e.line) from None
    write_atomic(path, result.encode("utf-8"), force=True)

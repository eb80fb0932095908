"""Writing department template YAML: a commented scaffold, and single-key edits.

The scaffold is plain text with a comment on every key; :func:`set_key` edits
through ruamel.yaml's round trip, so an editor's comments and key order survive.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from drafter.errors import InputError

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
    from drafter.drafting import Drafting, is_template
    from drafter.settings import default_year
    from drafter.templates import DepartmentTemplate, find_template, schema_path

    drafting = Drafting()
    base_template = DepartmentTemplate.bare(base) if schema_path(base) and not is_template(base) \
        else drafting.template(find_template(base))
    schema = drafting.schema(base_template.schema_id)
    comp = drafting.compose(base_template, {}, default_year())
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


def refuse_builtin(path: Path, cwd: Path | None = None) -> None:
    """Refuse to change a built-in template (one outside the current folder): copy it first."""
    from drafter.errors import OutputError
    from drafter.fileio import refuse_package_file
    from drafter.resources import is_builtin

    refuse_package_file(path)
    here = (cwd or Path.cwd()).resolve()
    if is_builtin(path) and not path.resolve().is_relative_to(here):
        raise OutputError(f"“{path.stem}”是内置模板，不能直接修改；请先复制一份："
                          f"drafter template new 新模板id --extends {path.stem}，再修改副本", path)


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
    from drafter.fileio import write_atomic
    from drafter.templates import validate_data

    refuse_builtin(path)
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
    text = yamlio.read_text(path, "模板文件")
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

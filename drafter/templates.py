"""Department templates: find, load, validate, resolve ``extends`` chains.

A department template (``templates/departments/<id>.yaml``) is an editor's
overlay on a mined schema or on another template: the department's
parameters, which themes appear in which order, heading and task overrides,
department-only tasks, framing text (jinja) and a style. Its format is the
JSON Schema ``templates/departments/department.schema.json`` and is
documented for editors in ``docs/templates.md``.

Loading keeps line numbers: every string read from a file is a
:class:`~drafter.jinja_env.SourceText` that knows its file, line and key, so
a jinja error in it, or a schema fault, names ``file:line``. Validation on
the hot path (``drafter new``) is a small interpreter of the same JSON Schema
(no jsonschema import); ``drafter template validate`` runs jsonschema too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter import yamlio
from drafter.cache import cache_dir, cached
from drafter.errors import DrafterError, InputError, SchemaError, TemplateError
from drafter.jinja_env import Origin, SourceText
from drafter.model import PartKind, TaskNumbering
from drafter.resources import bundled_dir, search_dirs

if TYPE_CHECKING:
    import yaml

#: The generic template ``drafter new`` uses when none is named.
DEFAULT_TEMPLATE = "default"
#: The schema a template without ``extends`` builds on.
DEFAULT_SCHEMA = "ideology-work-points"
#: Longest ``extends`` chain followed before giving up.
MAX_DEPTH = 16
#: Sub-folder of ``templates/`` holding department templates.
SUBDIR = "departments"

#: Parameters every template may use, with the placeholder shown when unset.
BUILTIN_PARAMETERS: dict[str, str] = {
    "org": "单位名称",
    "org_short": "单位简称",
    "field": "业务领域",
    "field_words": "业务领域词",
    "system": "本系统（本机关）",
    "party_body": "党组（党委）",
    "party_secretary": "党组（党委）书记",
    "leader_in_charge": "分管领导",
    "superior": "上级党委",
    "province": "省份",
    "place": "地名",
}

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

# --- the resolved model ------------------------------------------------------


@dataclass
class TaskSpec:
    """A task entry: a pattern id (``title`` ``None`` keeps the mined wording) or a new task.

    ``hints`` ``None`` keeps the mined hints; a list replaces them.
    ``after``/``before`` place an added task (by id or title).
    """

    id: str | None = None
    title: str | None = None
    hints: list[str] | None = None
    add_hints: list[str] = field(default_factory=list)
    body: str | None = None
    after: str | None = None
    before: str | None = None


@dataclass
class ThemeSpec:
    """One section of the plan as the template sets it.

    ``tasks`` ``None`` means "pick the most common patterns"; ``count``
    ``None`` means the layout's ``tasks_per_section``.
    """

    id: str
    heading: str | None = None
    intro: str | None = None
    count: int | None = None
    tasks: list[TaskSpec] | None = None
    add: list[TaskSpec] = field(default_factory=list)
    drop: list[str] = field(default_factory=list)
    rename: dict[str, str] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)


@dataclass
class PartItemSpec:
    """A numbered item of a framing part: "(一)强化组织领导。……"."""

    title: str
    text: str = ""


@dataclass
class PartSpec:
    """A framing part (指导思想, 工作要求 …); ``kind`` ``None`` is inferred from the heading."""

    heading: str
    kind: PartKind | None = None
    text: str = ""
    items: list[PartItemSpec] = field(default_factory=list)
    item_level: int = 2


@dataclass
class Layout:
    """How the plan is laid out: sizes, numbering, heading form, wrapper heading."""

    sections: int = 6
    tasks_per_section: int = 4
    hints_per_task: int = 3
    numbering: TaskNumbering = TaskNumbering.CONTINUOUS
    heading_form: str = "two_part"
    tasks_heading: str | None = None


@dataclass
class DepartmentTemplate:
    """A template with its ``extends`` chain resolved and merged.

    ``chain`` lists the template ids from this one to the root, then the
    schema id. ``themes`` ``None`` means "pick the schema's most common
    themes". ``raw`` is the merged YAML data (for ``template show``).
    """

    id: str
    name: str
    schema_id: str
    path: Path | None = None
    description: str = ""
    chain: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    layout: Layout = field(default_factory=Layout)
    themes: list[ThemeSpec] | None = None
    drop_themes: list[str] = field(default_factory=list)
    exclude_words: list[str] = field(default_factory=list)
    title: str = "{{ org }}{{ year }}年{{ genre }}"
    preamble: str = ""
    front: list[PartSpec] = field(default_factory=list)
    back: list[PartSpec] = field(default_factory=list)
    task_body: str | None = None
    style: Path | None = None
    raw: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def bare(cls, schema_id: str = DEFAULT_SCHEMA) -> DepartmentTemplate:
        """A template that adds nothing to ``schema_id`` (the base of a diff)."""
        return cls(id=schema_id, name=schema_id, schema_id=schema_id, chain=[schema_id])


@dataclass(frozen=True)
class TemplateInfo:
    """A template as ``template list`` shows it (read without resolving)."""

    id: str
    path: Path
    name: str = ""
    description: str = ""
    extends: str = ""
    problem: str = ""


# --- finding ------------------------------------------------------------------


def template_dirs(cwd: Path | None = None) -> list[Path]:
    """Folders holding department templates, nearest first."""
    return [d / SUBDIR for d in search_dirs("templates", cwd) if (d / SUBDIR).is_dir()]


def list_templates(cwd: Path | None = None) -> list[TemplateInfo]:
    """All templates by id (a nearer folder hides a built-in of the same id), default first."""
    found: dict[str, Path] = {}
    for folder in template_dirs(cwd):
        for path in sorted(folder.glob("*.yaml")):
            found.setdefault(path.stem, path)
    infos = [_info(tid, path) for tid, path in found.items()]
    return sorted(infos, key=lambda i: (i.id != DEFAULT_TEMPLATE, i.id))


def _info(tid: str, path: Path) -> TemplateInfo:
    try:
        data = yamlio.load(path, "模板文件").data
    except DrafterError as e:
        return TemplateInfo(tid, path, problem=e.message)
    if not isinstance(data, dict):
        return TemplateInfo(tid, path, problem="不是键值映射")
    return TemplateInfo(tid, path, str(data.get("name") or ""), str(data.get("description") or ""),
                        str(data.get("extends") or ""))


def find_template(name: str | Path, cwd: Path | None = None, *, skip: Path | None = None) -> Path:
    """The file of template ``name`` (an id, or a path to a .yaml file).

    ``skip`` leaves out one file (a template extending the id it overrides
    reaches the next folder's template of that id). Raises
    :class:`~drafter.errors.TemplateError` listing the known templates.
    """
    text = str(name)
    if isinstance(name, Path) or text.endswith((".yaml", ".yml")) or "/" in text or "\\" in text:
        path = Path(text)
        if not path.is_file():
            if path.exists():
                raise InputError("模板文件不是普通文件（是文件夹、设备或管道），拒绝读取", path)
            raise InputError("找不到模板文件", path)
        return path
    for folder in template_dirs(cwd):
        path = folder / f"{text}.yaml"
        if path.is_file() and (skip is None or path.resolve() != skip.resolve()):
            return path
    known = [i.id for i in list_templates(cwd)]
    near = _near(text, known) or "。"
    raise TemplateError(f"找不到部门模板“{text}”{near}已有模板：{'、'.join(known) or '（无）'}")


def _near(name: str, known: list[str]) -> str:
    import difflib

    near = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    return f"，是不是“{near[0]}”？" if near else ""


def schema_dirs(cwd: Path | None = None) -> list[Path]:
    """Folders holding mined schemas, nearest first."""
    return search_dirs("schemas", cwd)


def schema_path(schema_id: str, cwd: Path | None = None) -> Path | None:
    """The YAML file of schema ``schema_id``, or ``None`` when there is none."""
    for folder in schema_dirs(cwd):
        for ext in (".yaml", ".yml"):
            path = folder / f"{schema_id}{ext}"
            if path.is_file():
                return path
    return None


def known_schemas(cwd: Path | None = None) -> list[str]:
    """Ids of the schemas found in the schema folders."""
    ids: set[str] = set()
    for folder in schema_dirs(cwd):
        ids.update(p.stem for p in folder.glob("*.yaml"))
    return sorted(ids)


# --- loading one file ---------------------------------------------------------

@dataclass
class TemplateFile:
    """One template file as read: its data (strings located) and YAML node tree.

    ``node`` is ``None`` for a file taken from the cache; :meth:`line` then
    parses the file again (only an error needs it).
    """

    id: str
    path: Path
    data: dict[str, Any]
    node: yaml.Node | None = None

    def line(self, keys: list[Any]) -> int | None:
        """1-based line of the value at ``keys`` (or of the deepest node found)."""
        if self.node is None:
            try:
                self.node = yamlio.compose(self.path, "模板文件")
            except DrafterError:
                return None
        return yamlio.node_line(yamlio.value_node(self.node, keys))

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "node": None}  # the node tree is rebuilt on demand


def load_template_file(path: Path) -> TemplateFile:
    """Read, parse and check one template file against the published JSON Schema.

    A file unchanged since it was last checked comes from the cache (see
    :func:`cached`). Raises :class:`~drafter.errors.InputError` when
    unreadable and :class:`~drafter.errors.SchemaError` (file:line) when invalid.
    """
    if not path.is_file():
        if path.exists():
            raise InputError("模板文件不是普通文件（是文件夹、设备或管道），拒绝读取", path)
        raise InputError("找不到模板文件", path)
    value = cached("template", [path], lambda: _load_template_file(path))
    assert isinstance(value, TemplateFile)
    return value


def _load_template_file(path: Path) -> TemplateFile:
    from drafter.editor_checks import check_template_node

    node = yamlio.compose(path, "模板文件")
    check_template_node(node, path, list(BUILTIN_PARAMETERS))
    data = _Builder(str(path)).build(node, "")
    if not isinstance(data, dict):
        raise SchemaError("模板文件应为键值映射（如 name:、extends:、themes: …）", path, node.start_mark.line + 1)
    validate_data(data, node, path)
    return TemplateFile(path.stem, path, data, node)


_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"


class _Builder:
    """Builds the data of a node tree as ``yaml.safe_load`` would, strings as located SourceText.

    One pass over the nodes: text becomes :class:`SourceText` knowing its file,
    line and key; other scalars go through PyYAML's safe constructors; a key
    written twice in one mapping is an error (YAML would keep the last).
    """

    def __init__(self, path: str) -> None:
        import yaml

        self.path = path
        self.constructor = yaml.constructor.SafeConstructor()
        self.nodes = (yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode)

    def build(self, node: yaml.Node, key: str) -> Any:
        scalar, sequence, mapping = self.nodes
        if isinstance(node, scalar):
            if node.tag == _STR_TAG:
                line = node.start_mark.line + (2 if node.style in ("|", ">") else 1)  # block text starts below "|"
                return SourceText(node.value, Origin(self.path, line, key))
            return self.constructor.construct_object(node)
        if isinstance(node, sequence):
            return [self.build(item, f"{key}[{i}]") for i, item in enumerate(node.value)]
        if isinstance(node, mapping):
            out: dict[Any, Any] = {}
            for k, v in node.value:
                if k.tag == _MERGE_TAG:
                    raise SchemaError("模板中不支持 YAML 合并键“<<”，请直接写出各键", self.path, k.start_mark.line + 1)
                name = k.value if k.tag == _STR_TAG else self.constructor.construct_object(k)
                if name in out:
                    raise SchemaError(f"键“{name}”重复出现", self.path, k.start_mark.line + 1)
                out[name] = self.build(v, f"{key}.{name}" if key else str(name))
            return out
        return self.constructor.construct_object(node)


# --- the JSON Schema ---------------------------------------------------------------


def schema_file() -> Path:
    """The published JSON Schema of department templates."""
    return bundled_dir("templates") / SUBDIR / "department.schema.json"


def validate_data(data: Any, node: yaml.Node, path: Path, *, always: bool = False) -> None:
    """Check template ``data`` (read from ``path``) against the JSON Schema; SchemaError at file:line.

    drafter's own templates are checked by its tests, not on every load (``always`` checks them too).
    """
    yamlio.validate(yamlio.Loaded(_plain(data), node, path), schema_file(), "模板", always=always)


def jsonschema_faults(tf: TemplateFile) -> list[SchemaError]:
    """Every fault of one template file against the JSON Schema (``template validate``), in file order."""
    node = tf.node if tf.node is not None else yamlio.compose(tf.path, "模板文件")
    return yamlio.faults(yamlio.Loaded(_plain(tf.data), node, tf.path), schema_file(), "模板")


def _plain(value: Any) -> Any:
    """``value`` with SourceText turned back into plain str (for dumping and jsonschema)."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


plain = _plain

# --- resolving extends ----------------------------------------------------------


def resolve_template(name: str | Path | None = None, cwd: Path | None = None) -> DepartmentTemplate:
    """Load template ``name`` (id or path; ``None``: the generic default) with its whole chain.

    Raises :class:`~drafter.errors.TemplateError` for an unknown template or
    base and an ``extends`` cycle, :class:`~drafter.errors.SchemaError` for
    an invalid file.
    """
    files = load_chain(name or DEFAULT_TEMPLATE, cwd)
    schema_id = _chain_schema(files)
    merged: dict[str, Any] = {}
    for tf in reversed(files):
        merged = merge(merged, tf.data)
    chain = [tf.id for tf in files] + [schema_id]
    return build(merged, files[0].id, files[0].path, schema_id, chain)


def load_chain(name: str | Path, cwd: Path | None = None) -> list[TemplateFile]:
    """The template files of ``name``'s chain, the named one first, up to the schema."""
    path = find_template(name, cwd)
    files: list[TemplateFile] = []
    seen: list[Path] = []
    while True:
        tf = load_template_file(path)
        files.append(tf)
        seen.append(path.resolve())
        base = tf.data.get("extends")
        if base is None:
            return files
        target = _base_path(str(base), tf, cwd)
        if target is None:
            return files
        if target.resolve() in seen:
            names = " → ".join([*(f.id for f in files), _stem(target)])
            raise TemplateError(f"extends 形成循环：{names}", tf.path, tf.line(["extends"]))
        if len(files) >= MAX_DEPTH:
            raise TemplateError(f"extends 层级超过 {MAX_DEPTH} 层", tf.path, tf.line(["extends"]))
        path = target


def _stem(path: Path) -> str:
    return path.stem


def _base_path(base: str, tf: TemplateFile, cwd: Path | None) -> Path | None:
    """The template file ``base`` names, or ``None`` when it names a schema."""
    if base.endswith((".yaml", ".yml")) or "/" in base:
        path = (tf.path.parent / base) if not Path(base).is_absolute() else Path(base)
        if not path.is_file():
            raise TemplateError(f"extends 指向的文件“{base}”不存在", tf.path, tf.line(["extends"]))
        return path
    for folder in template_dirs(cwd):
        path = folder / f"{base}.yaml"
        if path.is_file() and path.resolve() != tf.path.resolve():
            return path
    if schema_path(base, cwd) is not None or base == DEFAULT_SCHEMA:
        return None
    templates = [i.id for i in list_templates(cwd)]
    schemas = known_schemas(cwd)
    raise TemplateError(
        f"extends 的基础“{base}”既不是部门模板也不是结构库{_near(base, templates + schemas)}"
        f"（模板：{'、'.join(templates) or '无'}；结构库：{'、'.join(schemas) or '无'}）",
        tf.path, tf.line(["extends"]))


def _chain_schema(files: list[TemplateFile]) -> str:
    base = files[-1].data.get("extends")
    if base is None or str(base).endswith((".yaml", ".yml")) or "/" in str(base):
        return DEFAULT_SCHEMA
    return str(base)


# --- merging --------------------------------------------------------------------

#: List keys whose values add up along a chain instead of replacing.
ACCUMULATE = frozenset({"exclude_words", "drop_themes", "add", "drop", "add_hints"})


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` (a child template) laid over ``base`` (its parent).

    Mappings merge key by key; lists replace, except the keys in
    :data:`ACCUMULATE`, which add up; ``themes`` merge entry by entry by
    ``id``, the child's list deciding which themes appear and in what order.
    ``extends`` is not carried over.
    """
    out = {k: v for k, v in base.items() if k != "extends"}
    for key, value in over.items():
        if key == "extends":
            continue
        old = out.get(key)
        if key == "themes" and isinstance(value, list):
            out[key] = _merge_themes(old if isinstance(old, list) else [], value)
        elif key in ACCUMULATE and isinstance(value, list) and isinstance(old, list):
            out[key] = old + [v for v in value if v not in old]
        elif isinstance(value, dict) and isinstance(old, dict):
            out[key] = merge(old, value)
        else:
            out[key] = value
    return out


def _entry(value: Any) -> dict[str, Any]:
    return {"id": value} if isinstance(value, str) else dict(value)


def _merge_themes(base: list[Any], over: list[Any]) -> list[dict[str, Any]]:
    by_id = {str(e["id"]): e for e in map(_entry, base)}
    out = []
    for entry in map(_entry, over):
        old = by_id.get(str(entry["id"]))
        out.append(merge(old, entry) if old is not None else entry)
    return out


# --- building the model ---------------------------------------------------------


def build(data: dict[str, Any], tid: str, path: Path | None, schema_id: str, chain: list[str]) -> DepartmentTemplate:
    """The typed template from merged, validated data."""
    layout = _layout(data.get("layout", {}))
    themes = None if data.get("themes") is None else [_theme(_entry(t)) for t in data["themes"]]
    style = data.get("style")
    return DepartmentTemplate(
        id=tid,
        name=str(data.get("name") or tid),
        schema_id=schema_id,
        path=path,
        description=str(data.get("description") or ""),
        chain=chain,
        params=dict(data.get("params") or {}),
        layout=layout,
        themes=themes,
        drop_themes=[str(x) for x in data.get("drop_themes", [])],
        exclude_words=[str(x) for x in data.get("exclude_words", [])],
        title=data.get("title") or DepartmentTemplate.title,
        preamble=data.get("preamble") or "",
        front=[_part(p) for p in data.get("front", [])],
        back=[_part(p) for p in data.get("back", [])],
        task_body=data.get("task_body"),
        style=_style_path(style) if style else None,
        raw=data,
    )


def _layout(raw: dict[str, Any]) -> Layout:
    default = Layout()
    return Layout(
        sections=int(raw.get("sections", default.sections)),
        tasks_per_section=int(raw.get("tasks_per_section", default.tasks_per_section)),
        hints_per_task=int(raw.get("hints_per_task", default.hints_per_task)),
        numbering=TaskNumbering(str(raw.get("numbering", default.numbering.value))),
        heading_form=str(raw.get("heading_form", default.heading_form)),
        tasks_heading=raw.get("tasks_heading"),
    )


def _theme(raw: dict[str, Any]) -> ThemeSpec:
    tasks = raw.get("tasks")
    return ThemeSpec(
        id=raw["id"],  # a SourceText: errors about the theme name its line
        heading=raw.get("heading"),
        intro=raw.get("intro"),
        count=raw.get("count"),
        tasks=None if tasks is None else [_task(_entry(t)) for t in tasks],
        add=[_task(t) for t in raw.get("add", [])],
        drop=list(raw.get("drop", [])),
        rename=dict(raw.get("rename", {})),
        order=list(raw.get("order", [])),
    )


def _task(raw: dict[str, Any]) -> TaskSpec:
    hints = raw.get("hints")
    return TaskSpec(
        id=raw.get("id"),
        title=raw.get("title"),
        hints=None if hints is None else list(hints),
        add_hints=list(raw.get("add_hints", [])),
        body=raw.get("body"),
        after=raw.get("after"),
        before=raw.get("before"),
    )


def _part(raw: dict[str, Any]) -> PartSpec:
    kind = raw.get("kind")
    return PartSpec(
        heading=raw["heading"],
        kind=PartKind(str(kind)) if kind else None,
        text=raw.get("text") or "",
        items=[PartItemSpec(i["title"], i.get("text") or "") for i in raw.get("items", [])],
        item_level=int(raw.get("item_level", 2)),
    )


def _style_path(style: str) -> Path:
    """A style name (``templates/styles/<name>.yaml``) or a path relative to the template."""
    origin = getattr(style, "origin", None)
    if style.endswith((".yaml", ".yml")) or "/" in style:
        path = Path(style)
        if not path.is_absolute() and origin is not None:
            path = Path(origin.path).parent / path
    else:
        path = next((d / "styles" / f"{style}.yaml" for d in search_dirs("templates")
                     if (d / "styles" / f"{style}.yaml").is_file()), Path(f"{style}.yaml"))
    if not path.is_file():
        where = (origin.path, origin.line) if origin is not None else (None, None)
        raise TemplateError(f"找不到样式文件“{style}”", *where)
    return path


def is_valid_id(tid: str) -> bool:
    """A template id: lower-case letters, digits, ``-`` and ``_``."""
    return bool(_ID.match(tid))


__all__ = [
    "BUILTIN_PARAMETERS",
    "DEFAULT_SCHEMA",
    "DEFAULT_TEMPLATE",
    "DepartmentTemplate",
    "Layout",
    "PartItemSpec",
    "PartSpec",
    "TaskSpec",
    "TemplateFile",
    "TemplateInfo",
    "ThemeSpec",
    "build",
    "cache_dir",
    "cached",
    "find_template",
    "is_valid_id",
    "jsonschema_faults",
    "list_templates",
    "load_chain",
    "load_template_file",
    "merge",
    "plain",
    "resolve_template",
    "schema_file",
    "schema_path",
    "template_dirs",
    "validate_data",
]

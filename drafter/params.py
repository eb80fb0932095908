"""What ``drafter new`` needs before composing, and the composing itself.

The parameters of a plan come, weakest first, from the department template,
a params file (``--params``), ``--set KEY=VALUE`` and ``--org``/``--year``.
:func:`draft_plan` gathers them, loads the template chain, the schema and
the year context, and composes the plan; the CLI only parses options and
prints. "Today" is ``DRAFTER_TODAY`` (``YYYY-MM-DD``) when set, so tests and
batch runs are reproducible.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from drafter import yamlio
from drafter.cache import cached
from drafter.compose import BUILTIN_PARAMETERS, Detail, composition
from drafter.errors import InputError, SchemaError
from drafter.model import Plan
from drafter.resources import search_dirs
from drafter.schema import Schema

if TYPE_CHECKING:
    from drafter.knowledge.fit import Fit

from drafter.templates import (
    DEFAULT_TEMPLATE,
    DepartmentTemplate,
    resolve_template,
    schema_path,
)

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
MIN_YEAR, MAX_YEAR = 2000, 2100


def today() -> _dt.date:
    """Return today's date, or ``DRAFTER_TODAY`` (``YYYY-MM-DD``) when that is set."""
    value = os.environ.get("DRAFTER_TODAY", "").strip()
    if not value:
        return _dt.date.today()
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"环境变量 DRAFTER_TODAY 应为 YYYY-MM-DD 格式的日期，实为“{value}”") from None


@dataclass
class ParamsFile:
    """A params file: parameter values, and the template and year it may name."""

    path: Path
    values: dict[str, Any] = field(default_factory=dict)
    template: str | None = None
    year: int | None = None
    lines: dict[str, int] = field(default_factory=dict)


def load_params_file(path: Path) -> ParamsFile:
    """Read a params file (a YAML mapping of parameter names to values).

    ``template`` and ``year`` stand for ``--template`` and ``--year``.
    Values are text, numbers, lists of text or ``null``. Raises
    :class:`~drafter.errors.InputError` when unreadable and
    :class:`~drafter.errors.SchemaError` with file:line when invalid.
    """
    doc = yamlio.load(path, "参数文件")
    node, data = doc.node, doc.data
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise SchemaError("参数文件应为键值映射（如 org: 市民政局）", path, node.start_mark.line + 1)
    out = ParamsFile(path)
    for key_node, value_node in node.value:
        key, line = key_node.value, key_node.start_mark.line + 1
        out.lines[key] = line  # a key written twice was refused when the file was read
        value = data[key] if key in data else None
        if not isinstance(key, str) or not _NAME.match(key):
            raise SchemaError(f"参数名“{key}”无效：只能用字母、数字和下划线，且不以数字开头", path, line)
        if key == "template":
            if not isinstance(value, str) or not value.strip():
                raise SchemaError("“template”应为模板 id 或模板文件路径", path, line)
            out.template = value.strip()
        elif key == "year":
            out.year = _year(value, path, line)
        else:
            out.values[key] = _value(key, value, path, value_node.start_mark.line + 1)
    return out


def _year(value: Any, path: Path, line: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_YEAR <= value <= MAX_YEAR:
        raise SchemaError(f"“year”应为 {MIN_YEAR}—{MAX_YEAR} 之间的年份，实为 {value!r}", path, line)
    return value


def _value(key: str, value: Any, path: Path, line: int) -> Any:
    if value is None or (isinstance(value, (str, int, float)) and not isinstance(value, bool)):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise SchemaError(f"参数“{key}”应为文字、数字、文字列表或 null，实为 {value!r}", path, line)


def parse_assignments(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["field=民政", "org_short=民政局"]`` → a mapping; raises InputError for a malformed one."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not _NAME.match(key):
            raise InputError(f"--set 的写法应为 参数名=值（如 field=民政），实为“{pair}”")
        out[key] = value.strip()
    return out


def check_names(values: dict[str, Any], template: DepartmentTemplate, known_extra: list[str],
                source: ParamsFile | None) -> None:
    """Refuse a parameter no template text can use, suggesting the near known name."""
    import difflib

    known = sorted({*BUILTIN_PARAMETERS, *template.params, *known_extra})
    for key in values:
        if key in known:
            continue
        near = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"，是不是“{near[0]}”？" if near else f"（可用：{'、'.join(known)}）"
        where = (source.path, source.lines.get(key)) if source and key in source.values else (None, None)
        raise SchemaError(f"未知的参数“{key}”{hint}", *where)


@dataclass
class Draft:
    """A composed plan with the template and the settings it was made from."""

    plan: Plan
    template: DepartmentTemplate
    year: int
    detail: Detail
    fit: Fit | None = None


def draft_plan(
    template: str | Path | None = None,
    org: str | None = None,
    year: int | None = None,
    params_file: Path | None = None,
    assignments: dict[str, str] | None = None,
    detail: Detail = "hints",
    cwd: Path | None = None,
    level: str | None = None,
    alternatives: bool = True,
    profile: str | None = None,
) -> Draft:
    """Compose the plan ``drafter new`` writes.

    ``template`` ``None`` means the params file's template, else the generic
    default; ``year`` ``None`` the params file's year, else the current year;
    ``org`` ``None`` the params or template value, else a 【单位名称】
    placeholder. The unit's profile is matched from the org (``profile`` names one), its
    level inferred (``level`` overrides); ``alternatives`` offers 备选 tasks a section.
    Raises DrafterError subclasses with file:line.
    """
    pf = load_params_file(params_file) if params_file is not None else None
    name = template or (pf.template if pf else None) or DEFAULT_TEMPLATE
    resolved = resolve_template(name, cwd)
    schema = schema_for(resolved.schema_id, cwd)
    values: dict[str, Any] = dict(pf.values) if pf else {}
    values.update(assignments or {})
    if org:
        values["org"] = org
    check_names(values, resolved, [p.name for p in schema.parameters], pf)
    the_year = year or (pf.year if pf else None) or today().year
    context = context_for(the_year, cwd)
    from drafter.knowledge.fit import fit_for

    fit = fit_for(str(values.get("org") or resolved.params.get("org") or ""), level, profile,
                  alternatives=alternatives, cwd=cwd)
    comp = composition(schema, resolved, values, the_year, context, detail, fit)
    return Draft(comp.plan, resolved, the_year, detail, fit)


# --- loading the schema and the year context, cached ------------------------------------
#
# A mined schema is a large YAML file: parsing and validating it costs far more
# than composing and rendering a plan. Its loaded form comes from the cache of
# loaded files (see drafter.cache.cached) while the file is unchanged.


def schema_for(schema_id: str, cwd: Path | None = None) -> Schema:
    """Return the schema ``schema_id``, from the cache of loaded files when its file is unchanged."""
    path = schema_path(schema_id, cwd)

    def load() -> Schema:
        from drafter.schema_io import load_schema

        return load_schema(path if path is not None else schema_id, cwd)

    if path is None:
        return load()
    value = cached("schema", [path], load)
    assert isinstance(value, Schema)
    return value


def context_for(year: int, cwd: Path | None = None) -> dict[str, Any]:
    """Return the year context of ``year`` as a mapping, from the cache when no context file changed."""
    folders = [d / "context" for d in search_dirs("templates", cwd) if (d / "context").is_dir()]
    files = sorted(f for d in folders for f in d.glob("*.yaml"))

    def load() -> dict[str, Any]:
        import dataclasses

        from drafter.context import load_context

        return dataclasses.asdict(load_context(year, cwd))

    value = cached(f"context-{year}", files, load)
    assert isinstance(value, dict)
    return value


__all__ = [
    "Draft",
    "ParamsFile",
    "check_names",
    "context_for",
    "draft_plan",
    "load_params_file",
    "parse_assignments",
    "schema_for",
    "today",
]

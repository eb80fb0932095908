"""The drafting use case: one path for ``new``, ``preview``, ``batch`` and the template commands.

:class:`Drafting` composes a plan from a request and renders it. The
parameters of a plan come, weakest first, from the department template, a
params file (``--params``), ``--set KEY=VALUE`` (or a unit's columns) and
``--org``/``--year``. The CLI only parses options and prints. "Today" is
``DRAFTER_TODAY`` (``YYYY-MM-DD``) when set, so tests and batch runs are
reproducible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter import yamlio
from drafter.cache import cached
from drafter.compose import Composition, Detail, composition
from drafter.errors import DrafterError, InputError, SchemaError, TemplateError
from drafter.model import Plan
from drafter.resources import search_dirs
from drafter.schema import Schema
from drafter.settings import (
    CONTEXT_ALIASES,
    CONTEXT_KEYS,
    Source,
    context_key,
    default_year,
    default_year_note,
    is_context_key,
    project_settings,
    today,
)
from drafter.style_spec import StyleSpec

if TYPE_CHECKING:
    from drafter.knowledge.fit import Fit
    from drafter.knowledge.profiles import Knowledge
    from drafter.recipe import Recipe

from drafter.templates import (
    BUILTIN_PARAMETERS,
    DEFAULT_TEMPLATE,
    DepartmentTemplate,
    resolve_template,
    schema_path,
)

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
MIN_YEAR, MAX_YEAR = 2000, 2100


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
    import yaml

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
                origin: dict[str, Source] | None = None) -> None:
    """Refuse a parameter no template text can use, suggesting the near known name.

    ``origin`` says which file each value came from (for file:line); a value
    missing from it came from the command line.
    """
    known = sorted({*BUILTIN_PARAMETERS, *template.params, *known_extra})
    for key in values:
        if key in known:
            continue
        import difflib

        near = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"，是不是“{near[0]}”？" if near else f"（可用：{'、'.join(known)}）"
        src = (origin or {}).get(key)
        where = (src.path, src.lines.get(key)) if src is not None else (None, None)
        label = f"（{src.label}）" if src is not None and src.path is None else ""
        raise SchemaError(f"未知的参数“{key}”{hint}{label}", *where)


def year_not_covered_note(year: int, cwd: Path | None = None) -> str:
    """The note said when the timeline has no facts for ``year`` (its references stay fill-ins), or ""."""
    if context_for(year, cwd)["covered"]:  # the cached context: the timeline's YAML is not read again
        return ""
    return f"时效表中没有 {year} 年的资料：党代会、全会等提法留作【…】待填；可在 templates/context/ 中补充这一年"


def override_note(flag: str, source: Source, key: str, value: Any) -> str:
    """The note said when a command-line flag overrides a file's value."""
    return f"{flag} 覆盖了{source.label} 中的 {key}: {value}"


def _params_source(path: Path | None) -> Source | None:
    if path is None:
        return None
    pf = load_params_file(path)
    return Source(f"参数文件 {path}", pf.values, pf.template, pf.year, path, pf.lines)


_UNREAD = object()


@dataclass
class Draft:
    """A composed plan with the template and the settings it was made from."""

    plan: Plan
    template: DepartmentTemplate
    year: int
    detail: Detail
    #: What the user should be told on stderr (a defaulted year, a flag overriding a file).
    notes: list[str] = field(default_factory=list)
    #: The unit the outline was fitted to: profile and level (``None``: composed without one).
    fit: Fit | None = None
    #: Where each section and task came from (see :class:`~drafter.compose.Composition`).
    theme_ids: list[str] = field(default_factory=list)
    task_keys: list[list[str]] = field(default_factory=list)
    #: The parameter values and year-context overrides it was composed with, for its recipe.
    values: dict[str, Any] = field(default_factory=dict)
    context_overrides: dict[str, Any] = field(default_factory=dict)
    #: The template as the request named it (an id or a file path).
    template_name: str = ""
    #: The outline the recipe records as the base of a later update (None: ``plan`` itself).
    base: Plan | None = None
    #: What the unit's fit was asked for (level, profile, alternatives), for its recipe.
    fitting: dict[str, Any] = field(default_factory=dict)

    def recipe(self) -> Recipe:
        """How this draft was made, and its outline: what a .docx records for ``drafter update``."""
        from drafter import __version__
        from drafter.recipe import Recipe, content_hash

        return Recipe(self.template_name or self.template.id, content_hash(self.template.raw), self.year,
                      self.detail, __version__, self.base or self.plan, list(self.theme_ids),
                      [list(k) for k in self.task_keys], dict(self.values), dict(self.context_overrides),
                      dict(self.fitting))


@dataclass
class Request:
    """What one plan is drafted from, every value in place (see :meth:`Drafting.request`)."""

    template: DepartmentTemplate
    values: dict[str, Any]
    year: int
    context_overrides: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    #: The template as named (an id or a file path), recorded in a .docx's recipe.
    name: str = ""


#: Formats a draft renders to.
FORMATS = ("docx", "md", "txt")


class Drafting:
    """The one path from a request to a composed and rendered plan.

    ``new``, ``preview``, ``batch`` and the template commands all compose
    through :meth:`draft` (or :meth:`compose`, for a template on its own) and
    render through :meth:`render`, so they validate parameters alike, load
    the schema and the year context through the same cache and give the
    template text the same context. Templates, schemas, year contexts and
    style specs are loaded once per instance: one instance serves a whole
    batch, and sees the files as they were when first read. ``cwd`` is the
    folder whose ``templates/`` and ``schemas/`` come before the built-in
    ones (``None``: the current folder).
    """

    def __init__(self, cwd: Path | None = None) -> None:
        self.cwd = cwd
        self._templates: dict[str | Path, DepartmentTemplate] = {}
        self._schemas: dict[str, Schema] = {}
        self._contexts: dict[int, dict[str, Any]] = {}
        self._styles: dict[Path | None, StyleSpec] = {}
        self._year_notes: dict[int, str] = {}
        self._knowledge: Knowledge | None = None
        self._project: Any = _UNREAD

    def template(self, name: str | Path) -> DepartmentTemplate:
        """Template ``name`` (id or path) merged along its chain."""
        if name not in self._templates:
            self._templates[name] = resolve_template(name, self.cwd)
        return self._templates[name]

    def schema(self, schema_id: str) -> Schema:
        """Schema ``schema_id`` (see :func:`schema_for`)."""
        if schema_id not in self._schemas:
            self._schemas[schema_id] = schema_for(schema_id, self.cwd)
        return self._schemas[schema_id]

    def context(self, year: int) -> dict[str, Any]:
        """The year context of ``year`` as a mapping (see :func:`context_for`)."""
        if year not in self._contexts:
            self._contexts[year] = context_for(year, self.cwd)
        return self._contexts[year]

    def style(self, path: Path | None) -> StyleSpec:
        """The style spec at ``path`` laid over the built-in one (``None``: the built-in one)."""
        if path not in self._styles:
            from drafter.style_spec import load_style

            self._styles[path] = load_style(path)
        return self._styles[path]

    def compose(self, template: DepartmentTemplate, values: dict[str, Any], year: int,
                detail: Detail = "hints", *, context_overrides: dict[str, Any] | None = None,
                fit: Fit | None = None) -> Composition:
        """Compose ``template`` with parameter ``values`` for ``year``; values are not checked here.

        ``context_overrides`` replace facts of the year's context (``latest_plenum`` …);
        ``fit`` tunes the outline to the unit (see :func:`drafter.knowledge.fit.fit_for`).
        """
        return composition(self.schema(template.schema_id), template, values, year,
                           self.year_context(year, context_overrides), detail, fit)

    def year_context(self, year: int, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
        """The year context template text sees: the year's facts, ``overrides`` (``latest_plenum`` …) over them."""
        context = self.context(year)
        if not overrides:
            return context
        unknown = [u for u in context.get("unknown") or () if u not in overrides]
        return {**context, **overrides, "unknown": unknown}

    def title(self, request: Request) -> str:
        """The title the plan of ``request`` gets, worked out without composing the rest (batch names files by it)."""
        from drafter.compose import plan_title

        return plan_title(self.schema(request.template.schema_id), request.template, request.values, request.year,
                          self.year_context(request.year, request.context_overrides))

    def draft(
        self,
        template: str | Path | None = None,
        org: str | None = None,
        year: int | None = None,
        params_file: Path | None = None,
        assignments: dict[str, str] | None = None,
        detail: Detail = "hints",
        *,
        row: Source | None = None,
        level: str | None = None,
        alternatives: bool = True,
        profile: str | None = None,
    ) -> Draft:
        """Compose the plan of one request.

        Values meet by one rule, weakest first: built-in < template <
        ``drafter.yaml`` (see :func:`~drafter.settings.project_settings`) <
        the params file or a batch unit's ``row`` < ``assignments``
        (``--set``) < the explicit ``template``, ``org`` and ``year``; a flag
        that overrides a file's value adds a note. ``year`` given nowhere is
        :func:`~drafter.settings.default_year` (next year from 1 October);
        ``org`` given nowhere leaves a 【单位名称】 placeholder. Year-context
        names (``latest_plenum`` …) override the year's facts. A parameter
        no template text can use is refused. The unit's profile is matched
        from the org (``profile`` names one), its level read from the name
        (``level``, or a ``level`` value, overrides); ``alternatives`` offers
        备选 tasks at the end of each section. Raises DrafterError subclasses
        with file:line.
        """
        request = self.request(template, org, year, params_file, assignments, row=row)
        return self.draft_request(request, detail, level=level, alternatives=alternatives, profile=profile)

    def draft_request(self, request: Request, detail: Detail = "hints", *, level: str | None = None,
                      alternatives: bool = True, profile: str | None = None) -> Draft:
        """Compose the plan of a request whose values are all in place (see :meth:`request`)."""
        values = dict(request.values)
        given_level = values.pop("level", None)
        level = level or (str(given_level) if given_level else None)
        fit = self.fit(str(values.get("org") or request.template.params.get("org") or ""), level, profile,
                       alternatives)
        comp = self.compose(request.template, values, request.year, detail,
                            context_overrides=request.context_overrides, fit=fit)
        fitting = {"level": level, "profile": profile, "alternatives": alternatives}
        return Draft(comp.plan, request.template, request.year, detail, request.notes, fit, comp.theme_ids,
                     comp.task_keys, values, dict(request.context_overrides), request.name, None, fitting)

    def fit(self, org: str, level: str | None = None, profile: str | None = None,
            alternatives: bool = True) -> Fit:
        """The unit ``org`` is (profile, level); the profiles are loaded once per instance, through the cache."""
        from drafter.knowledge.fit import fit_for
        from drafter.knowledge.profiles import load_knowledge

        if self._knowledge is None:
            self._knowledge = load_knowledge(self.cwd, lambda files, read: cached("profiles", files, read))
        return fit_for(org, level, profile, alternatives=alternatives, cwd=self.cwd, knowledge=self._knowledge)

    def request(
        self,
        template: str | Path | None = None,
        org: str | None = None,
        year: int | None = None,
        params_file: Path | None = None,
        assignments: dict[str, str] | None = None,
        *,
        row: Source | None = None,
    ) -> Request:
        """Where every value of a plan comes from, by the rule of :meth:`draft`; checked, not composed."""
        sources = [s for s in (self.project_source(), _params_source(params_file), row) if s is not None]
        values: dict[str, Any] = {}
        origin: dict[str, Source] = {}
        chosen: dict[str, tuple[Any, Source]] = {}
        for src in sources:
            for key, value in src.values.items():
                values[key], origin[key] = value, src
            for key in ("template", "year"):
                if getattr(src, key) is not None:
                    chosen[key] = (getattr(src, key), src)
        notes: list[str] = []
        flags = {**{k: ("--set", v) for k, v in (assignments or {}).items()}, **({"org": ("--org", org)} if org else {})}
        for key, (flag, value) in flags.items():
            if key in origin and values[key] != value:
                shown = f"{key}={value}" if flag == "--set" else str(value)
                notes.append(override_note(f"{flag} {shown}", origin[key], key, values[key]))
            values[key] = value
            origin.pop(key, None)
        for key, flag, value in (("template", "--template", template), ("year", "--year", year)):
            if value is not None and key in chosen and str(chosen[key][0]) != str(value):
                notes.append(override_note(f"{flag} {value}", chosen[key][1], key, chosen[key][0]))
        name = template or (chosen["template"][0] if "template" in chosen else None) or DEFAULT_TEMPLATE
        resolved = self.template(name)
        known = [p.name for p in self.schema(resolved.schema_id).parameters]
        check_names(values, resolved, [*known, "level", *CONTEXT_KEYS, *CONTEXT_ALIASES], origin)
        the_year = year or (chosen["year"][0] if "year" in chosen else None)
        if the_year is None:
            the_year = default_year()
            if the_year != today().year:
                notes.append(default_year_note(the_year))
        if the_year not in self._year_notes:  # once per year: a batch asks for every unit
            self._year_notes[the_year] = year_not_covered_note(the_year, self.cwd)
        timeline_note = self._year_notes[the_year]
        if timeline_note:
            notes.append(timeline_note)
        overrides = self._project.context_for(the_year) if self._project else {}
        overrides.update({context_key(k): values.pop(k) for k in list(values) if is_context_key(k)})
        return Request(resolved, values, the_year, overrides, notes, str(name))

    def project_source(self) -> Source | None:
        """The values of the ``drafter.yaml`` that applies (read once per instance), or None."""
        if self._project is _UNREAD:
            self._project = project_settings(self.cwd)
        return self._project.source if self._project is not None else None

    def render(self, draft: Draft, fmt: str, *, style: Path | None = None, reference: Path | None = None,
               appendix: bool = False) -> bytes:
        """The bytes of ``draft`` as ``fmt`` (one of :data:`FORMATS`).

        ``style`` ``None`` means the template's style spec, else the built-in
        one; ``reference`` and ``appendix`` apply to .docx only.
        """
        if fmt == "md":
            from drafter.render.text import render_markdown

            return render_markdown(draft.plan).encode("utf-8")
        if fmt == "txt":
            from drafter.render.text import render_text

            return render_text(draft.plan).encode("utf-8")
        if fmt != "docx":
            raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
        from drafter.recipe import recipe_properties
        from drafter.render.docx import render_docx

        spec = self.style(style or draft.template.style)
        return render_docx(draft.plan, spec, reference=reference, appendix=appendix,
                           properties=recipe_properties(draft.recipe()))


def draft_plan(
    template: str | Path | None = None,
    org: str | None = None,
    year: int | None = None,
    params_file: Path | None = None,
    assignments: dict[str, str] | None = None,
    detail: Detail = "hints",
    cwd: Path | None = None,
    *,
    level: str | None = None,
    alternatives: bool = True,
    profile: str | None = None,
) -> Draft:
    """Compose one plan, as ``drafter new`` does (see :meth:`Drafting.draft`)."""
    return Drafting(cwd).draft(template, org, year, params_file, assignments, detail, level=level,
                               alternatives=alternatives, profile=profile)


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


# --- the template commands' use of composing ----------------------------------------


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
        drafting = Drafting()
        for detail in ("outline", "hints", "full"):
            drafting.draft(path, detail=detail)
    except DrafterError as e:
        return [e]
    return []


def is_template(name: str, cwd: Path | None = None) -> bool:
    """``name`` names a department template (an id found on the search path, or a template file)."""
    from drafter.templates import find_template

    try:
        find_template(name, cwd)
    except (TemplateError, InputError):
        return False
    return True


def compositions(name: str, base: str | None, cwd: Path | None = None) -> tuple[Composition, Composition, str]:
    """Compositions of template ``name`` and of its base (hints detail, this year), and the base's name.

    ``base`` ``None`` means the template's ``extends`` (its schema when it extends none).
    """
    from drafter.templates import load_chain

    drafting = Drafting(cwd)
    resolved = drafting.template(name)
    if base is None:
        files = load_chain(name, cwd)
        base = files[1].id if len(files) > 1 else resolved.schema_id
        base_template = drafting.template(files[1].path) if len(files) > 1 else DepartmentTemplate.bare(base)
    elif schema_path(base, cwd) is not None and not is_template(base, cwd):
        base_template = DepartmentTemplate.bare(base)
    else:
        base_template = drafting.template(base)
    year = default_year()
    return drafting.compose(resolved, {}, year), drafting.compose(base_template, {}, year), base


def outline_text(draft: Draft) -> str:
    """The plan as terminal lines: indented by level, headings bold, hints dimmed (ANSI styles)."""
    import click

    from drafter.render.text import BlockKind, iter_blocks

    out = [click.style(f"模板：{draft.template.name}（{draft.template.id}）　年度：{draft.year}", dim=True)]
    for block in iter_blocks(draft.plan):
        text = block.text.replace("\n", "")
        if block.kind is BlockKind.TITLE:
            out.append(click.style(text, bold=True))
        elif block.kind is BlockKind.HINT:
            out.append("      " + click.style(text, dim=True))
        elif block.kind in (BlockKind.HEADING, BlockKind.LEAD):
            indent = "  " * max(0, block.level - 1)
            out.append(indent + (click.style(text, bold=True) if block.level <= 2 else text))
        else:
            out.append("  " + text)
    return "\n".join(out)


__all__ = [
    "FORMATS",
    "Draft",
    "Drafting",
    "ParamsFile",
    "check_names",
    "check_template",
    "compositions",
    "context_for",
    "draft_plan",
    "is_template",
    "load_params_file",
    "outline_text",
    "parse_assignments",
    "schema_for",
    "today",
]

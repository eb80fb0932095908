"""Schema + department template + parameters + year context → a Plan (an outline).

Composition chooses the sections (the template's themes in its order, or
the schema's most common themes), picks each section's tasks (the most
common patterns, then the template's drops, renames, additions and
reordering), fills parameters through the one jinja sandbox, and numbers
everything the way the renderers and the reader expect, so the composed
plan survives ``read(render(plan)) == plan``.

``detail`` says how much is filled in: ``outline`` gives headings and task
titles only; ``hints`` adds the mined typical measures under each task
(:attr:`~drafter.model.Task.hints`) and the framing text; ``full`` adds a
body to every task with visibly marked placeholders (【…】) for what only
the drafter knows.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from drafter.errors import TemplateError
from drafter.jinja_env import Origin, SourceText, literal, render
from drafter.lazy_re import lazy
from drafter.model import Part, PartKind, Plan, Section, Task, TaskNumbering, Unset, placeholder, unset
from drafter.schema import Schema, TaskPattern, Theme, Variant
from drafter.templates import BUILTIN_PARAMETERS, DepartmentTemplate, Layout, PartSpec, TaskSpec, ThemeSpec, schema_path

if TYPE_CHECKING:
    from drafter.knowledge.fit import Fit
    from drafter.knowledge.profiles import DomainTask

Detail = Literal["outline", "hints", "full"]
DETAILS: tuple[Detail, ...] = ("outline", "hints", "full")

#: Genre of the plan when the schema does not name one.
DEFAULT_GENRE = "意识形态工作要点"

#: Year-context variables template text may always use (empty when the year has no context file).
CONTEXT_DEFAULTS: dict[str, Any] = {
    "plan_period": "", "latest_plenum": "", "meetings": (), "anniversaries": (), "stale": (),
}

#: Task body used in ``full`` detail when the template sets none.
DEFAULT_TASK_BODY = "{{ placeholder('写明具体举措、牵头部门和完成时限') }}"

_STOPS = "。！？!?；;，,、：: "
_BREAK = re.compile(r"\s*\n\s*")
_NAME_TAG = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(eq=False)
class _Draft:
    """A task being composed: its key (pattern id or title) and its unrendered texts."""

    key: str
    title: str
    spec: TaskSpec
    pattern: TaskPattern | None = None
    hints: list[str] = field(default_factory=list)
    mined_hints: bool = False


def compose(
    schema: Schema,
    template: DepartmentTemplate,
    params: Mapping[str, Any] | None = None,
    year: int | None = None,
    context: Any = None,
    detail: Detail = "hints",
    fit: Fit | None = None,
) -> Plan:
    """The starting outline of a plan for ``template``'s department and ``year``.

    ``params`` override the template's parameters (``org`` among them);
    ``year`` ``None`` means the year of ``context`` (which must then be
    given). ``context`` is the year context (meetings, plan period …),
    exposed to template text as ``ctx`` and by its field names; ``None``
    gives an empty one. Raises :class:`~drafter.errors.TemplateError`
    naming file, line and key for an unknown theme or pattern id or a
    jinja error.
    """
    return composition(schema, template, params, year, context, detail, fit).plan


@dataclass
class Composition:
    """A composed plan and where its sections and tasks came from.

    ``theme_ids[i]`` is the theme of ``plan.sections[i]``; ``task_keys[i][j]``
    the pattern id (or, for a department-only task, its id or title) of
    task ``j`` of that section. ``template diff`` compares compositions.
    """

    plan: Plan
    theme_ids: list[str]
    task_keys: list[list[str]]
    variables: dict[str, Any]
    param_names: list[str] = field(default_factory=list)


def composition(
    schema: Schema,
    template: DepartmentTemplate,
    params: Mapping[str, Any] | None = None,
    year: int | None = None,
    context: Any = None,
    detail: Detail = "hints",
    fit: Fit | None = None,
) -> Composition:
    """Like :func:`compose`, keeping the theme id and task key of every section and task.

    ``fit`` (see :func:`drafter.knowledge.fit.fit_for`) tunes the outline to the unit: the
    profile's parameters and domain tasks, the level's wording, the common topics covered,
    other units' field words left out, alternative tasks offered; ``None`` composes as before.
    """
    if detail not in DETAILS:
        raise ValueError(f"detail must be one of {DETAILS}, not {detail!r}")
    if year is None:
        year = int(getattr(context, "year"))  # noqa: B009 - a clear error when neither is given
    composer = _Composer(schema, template, detail, variables(schema, template, params or {}, year, context, fit),
                         fit)
    plan = composer.plan(year)
    names = sorted({*BUILTIN_PARAMETERS, *(p.name for p in schema.parameters), *template.params, *(params or {})})
    return Composition(plan, composer.theme_ids, composer.task_keys, composer.variables, names)


def plan_title(schema: Schema, template: DepartmentTemplate, params: Mapping[str, Any], year: int,
               context: Any = None) -> str:
    """The title :func:`composition` gives the plan, worked out alone (batch names files by it)."""
    return _one_line(_tidy(render(template.title, variables(schema, template, params, year, context))))


def _tidy(out: str) -> str:
    """Rendered text with its lines stripped and blank lines dropped."""
    if out.isprintable():  # no line boundary of any kind (they are all unprintable): one line
        return out.strip()
    return "\n".join(line.strip() for line in out.splitlines() if line.strip())


def _one_line(text: str) -> str:
    """Tidied text as one line (a heading or title): no breaks, no closing stop."""
    if "\n" in text:
        text = _BREAK.sub("", text)
    return text.rstrip(_STOPS).strip()


def variables(schema: Schema, template: DepartmentTemplate, params: Mapping[str, Any], year: int,
              context: Any, fit: Fit | None = None) -> dict[str, Any]:
    """The variables template text sees: parameters, year, genre, context, helpers.

    Declared parameters without a value (the built-in ones, the schema's
    and those the template sets to ``null``) become visible placeholders
    (【单位名称】); any other name stays undefined, so a misspelt one is an error.
    """
    out: dict[str, Any] = {}
    declared = {p.name: p.description.split("，")[0].split("（")[0] or p.name for p in schema.parameters}
    declared.update(BUILTIN_PARAMETERS)
    for name, text in declared.items():
        out[name] = unset(text)
    ctx = {**CONTEXT_DEFAULTS, **_context_vars(context)}
    out.update(ctx)
    out.update(_references(ctx))
    out.update(
        year=year, prev_year=year - 1, next_year=year + 1, genre=schema.genre or DEFAULT_GENRE,
        ctx=context, placeholder=placeholder,
    )
    merged = {**template.params, **{k: v for k, v in params.items() if v is not None}}
    if fit is not None:
        merged = _fitted(merged, template, params, fit)
    for name, value in merged.items():
        out[name] = unset(declared.get(name, name)) if value is None else value
    given = {k for k, v in params.items() if v is not None}
    for name, value in merged.items():  # a template's own parameters may refer to others, one level deep
        if name in given:
            continue  # a value the user gave (--org, --set, params file, unit list) is plain text, never a template
        if isinstance(value, str) and "{" in value:
            out[name] = render(value, out)
        elif isinstance(value, list):
            out[name] = [render(v, out) if isinstance(v, str) else v for v in value]
    if isinstance(out.get("org_short"), Unset) and not isinstance(out.get("org"), Unset):
        out["org_short"] = out["org"]
    return out


def _fitted(merged: dict[str, Any], template: DepartmentTemplate, params: Mapping[str, Any],
            fit: Fit) -> dict[str, Any]:
    """Parameters with the profile's (for a template that names no field) and the level's wording.

    What the drafter set (``params``) is kept as given; a department template's own
    values keep their words, said for the unit's level (全市民政系统 → 全县民政系统).
    """
    out = dict(merged)
    given = {k for k, v in params.items() if v is not None}
    for name, value in list(out.items()):
        if name not in given and name not in ("org", "org_short") and isinstance(value, str):
            out[name] = fit.wording.rewrite(value)
    for name, value in fit.params().items():
        old = template.params.get(name)
        if name not in given and (old in (None, "", []) or (isinstance(old, str) and old in _GENERIC_VALUES)):
            out[name] = value
    return out


#: Values of the generic template that say nothing of the unit: a profile's words replace them.
_GENERIC_VALUES = frozenset({"本单位", "党组（党委）", "党组（党委）书记", "中央和省委、市委"})


#: Theme id of the section of a unit's own work (see :attr:`drafter.knowledge.profiles.Profile.section`).
UNIT_THEME = "unit"


def _year_tasks(year: int, field: str) -> tuple[DomainTask, ...]:
    """The timeline's tasks of ``year``, from the cache while the timeline's files are unchanged.

    Reading the timeline's YAML costs more than composing a plan; within one
    process (a batch worker) the result is also kept in memory while the files'
    size and modification time stay the same, so a batch hashes them once.
    """
    from drafter.cache import cached_value
    from drafter.knowledge.fit import YEAR_TASKS_FORM, year_tasks
    from drafter.knowledge.timeline_files import timeline_files

    files = timeline_files()
    try:
        key: tuple[object, ...] = (year, field, *((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files))
    except OSError:
        key = ()
    if key and key in _YEAR_TASKS:
        return _YEAR_TASKS[key]
    value = cached_value("year-tasks", f"{year}|{field}|{YEAR_TASKS_FORM}", lambda: year_tasks(year, field),
                         files=files)
    tasks = value if isinstance(value, tuple) else year_tasks(year, field)
    if key:
        if len(_YEAR_TASKS) > 256:
            _YEAR_TASKS.clear()
        _YEAR_TASKS[key] = tasks
    return tasks


#: Year tasks worked out in this process, by year, field and the timeline files' (path, mtime, size).
_YEAR_TASKS: dict[tuple[object, ...], tuple[DomainTask, ...]] = {}


def _is_placeholder(value: Any) -> bool:
    return isinstance(value, Unset)


def _references(ctx: Mapping[str, Any]) -> dict[str, Any]:
    """Meeting references of the year (congress, plenum, plenums, discipline, campaign), 【…】 when unknown."""
    from drafter.context import reference_vars

    return reference_vars(ctx)


def _context_vars(context: Any) -> dict[str, Any]:
    """The fields of the year context by name (a dataclass, a mapping or an object)."""
    if context is None:
        return {}
    if dataclasses.is_dataclass(context) and not isinstance(context, type):
        return {f.name: getattr(context, f.name) for f in dataclasses.fields(context)}
    if isinstance(context, Mapping):
        return dict(context)
    return {k: v for k, v in vars(context).items() if not k.startswith("_")}


class _Composer:
    """One composition: the schema, the template, the detail and the variables."""

    def __init__(self, schema: Schema, template: DepartmentTemplate, detail: Detail,
                 variables: dict[str, Any], fit: Fit | None = None) -> None:
        self.schema = schema
        self.fit = fit
        self.template = template
        self.detail = detail
        self.layout: Layout = template.layout
        self.variables = variables
        self.theme_ids: list[str] = []
        self.task_keys: list[list[str]] = []
        self.hints_used: set[str] = set()
        self._planned: dict[int, tuple[list[_Draft], list[_Draft]]] = {}
        #: The section of the unit's own work, when the outline has one (its profile tasks go there).
        self.unit_theme = ""
        # what makes mined text unusable for this department, worked out once
        self._unset = {k for k in BUILTIN_PARAMETERS if _is_placeholder(variables.get(k)) or variables.get(k) in ([], "")}
        own = [str(v) for v in _flatten(variables.get(k) for k in ("org", "org_short", "field", "field_words"))
               if v and not _is_placeholder(v)]
        excluded = (*template.exclude_words, *(fit.foreign if fit is not None else ()))
        self._foreign_words = _foreign_words(tuple(map(str, excluded)), tuple(own))
        #: their pattern, compiled when the first mined text is checked (a template that writes
        #: out all its tasks checks none)
        self._foreign: re.Pattern[str] | Literal[False] | None = False
        memo = _FOREIGN_MEMO.get(self._foreign_words)
        if memo is None:
            if len(_FOREIGN_MEMO) > 256:
                _FOREIGN_MEMO.clear()
            memo = _FOREIGN_MEMO[self._foreign_words] = {}
        self._memo = memo
        self._wording_key = repr(fit.wording) if fit is not None else ""

    # --- text ---------------------------------------------------------------

    def text(self, source: str, extra: Mapping[str, Any] | None = None) -> str:
        """``source`` rendered and tidied: lines stripped, blank lines dropped."""
        values = self.variables if extra is None else {**self.variables, **extra}
        if self.fit is not None:
            source = _rewritten(source, self.fit)
        try:
            out = render(source, values)
        except TemplateError as e:
            raise self._locate(e, source) from None
        return _tidy(out)

    def line(self, source: str, extra: Mapping[str, Any] | None = None) -> str:
        """``source`` rendered as one line (a heading or title): no breaks, no closing stop."""
        return _one_line(self.text(source, extra))

    def schema_text(self, text: str, key: str) -> SourceText:
        """Mined text, brought up to the year (timeline), remembering it came from the schema file."""
        year = int(self.variables["year"])
        memo_key = (self.schema.id, year, str(text), key)
        found = _SCHEMA_TEXTS.get(memo_key)
        if found is None:
            path = self.schema_file
            found = SourceText(self._refresh(str(text), year),
                               Origin(str(path) if path else f"结构库 {self.schema.id}", None, key))
            if len(_SCHEMA_TEXTS) > 50_000:
                _SCHEMA_TEXTS.clear()
            _SCHEMA_TEXTS[memo_key] = found
        return found

    @cached_property
    def schema_file(self) -> Path | None:
        """The schema's file (for error lines), looked up the first time mined text is used."""
        return schema_path(self.schema.id)

    def _refresh(self, text: str, year: int) -> str:
        """``text`` brought up to ``year``: from the schema's refreshed texts, else worked out here."""
        table = self._refreshed
        if text in table:
            new = table[text]
            return text if new is None else new
        from drafter.knowledge.timeline import refresh

        return refresh(text, year)

    @cached_property
    def _refreshed(self) -> dict[str, str | None]:
        return refreshed_texts(self.schema, int(self.variables["year"]), self.schema_file)

    def _locate(self, error: TemplateError, source: str) -> TemplateError:
        """Give an error in mined text the schema file line holding that text."""
        if error.line is not None or error.path is None or not Path(error.path).is_file():
            return error
        try:
            lines = Path(error.path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return error
        first = source.splitlines()[0] if source else ""
        for no, line in enumerate(lines, 1):
            if first and first in line:
                return TemplateError(error.message, error.path, no)
        return error

    # --- foreign words ---------------------------------------------------------

    def foreign(self, text: str) -> bool:
        """Tell whether mined ``text`` names another department's work or needs an unset parameter.

        Mined text such as "开展{{ field }}领域专项研究" reads badly as
        "开展【业务领域】领域专项研究", and there is usually other text to choose.
        """
        key = (self._wording_key, str(text))
        known = self._memo.get(key)
        if known is None:
            if self._foreign is False:
                self._foreign = _alternation(self._foreign_words)
            known = bool(self._foreign is not None and self._foreign.search(text)) or (
                self.fit is not None and self.fit.wording.unfit(text))
            if len(self._memo) > 100_000:
                self._memo.clear()
            self._memo[key] = known
        if known:
            return True
        return "{" in text and any(m.group(1) in self._unset for m in _NAME_TAG.finditer(text))

    # --- the plan -----------------------------------------------------------------

    def plan(self, year: int) -> Plan:
        t = self.template
        full_text = self.detail != "outline"
        front = [self.part(p, PartKind.GUIDING, full_text) for p in t.front]
        back = [self.part(p, PartKind.REQUIREMENTS, full_text) for p in t.back]
        sections: list[Section] = []
        chosen = self.themes()
        if self.fit is not None:
            self._planned = _Selection(self, chosen).run()
        for spec, theme in chosen:
            section, keys = self.section(spec, theme)
            if section.tasks:  # a section without tasks would read back as a framing part
                sections.append(section)
                self.theme_ids.append(str(spec.id))
                self.task_keys.append(keys)
        tasks_heading = self.line(t.layout.tasks_heading) if t.layout.tasks_heading else None
        offset = len(front) if tasks_heading is None else 0
        for i, section in enumerate(sections, 1):
            section.number = offset + i
        _number_tasks(sections, t.layout.numbering)
        numbering = t.layout.numbering if len(sections) > 1 else TaskNumbering.CONTINUOUS
        plan = Plan(
            title=self.line(t.title),
            org=str(self.variables.get("org", "")),
            year=year,
            preamble=self.text(t.preamble) if full_text and t.preamble else "",
            front=front,
            tasks_heading=tasks_heading,
            sections=sections,
            back=back,
            task_numbering=numbering,
        )
        # an outline without any text is what the reader calls "outline only"
        plan.outline_only = not (plan.preamble or any(x.body or x.hints for x in plan.tasks)
                                 or any(x.intro for x in sections)
                                 or any(p.text or any(i.body for i in p.items) for p in (*front, *back)))
        return plan

    def part(self, spec: PartSpec, default: PartKind, full_text: bool) -> Part:
        heading = self.line(spec.heading)
        kind = spec.kind
        if kind is None:  # as the reader will take it
            from drafter.corpus.structure import part_kind

            kind = part_kind(heading) or default
        items = [
            Task(i, self.line(item.title), self.text(item.text) if full_text and item.text else "")
            for i, item in enumerate(spec.items, 1)
        ]
        text = self.text(spec.text) if full_text and spec.text else ""
        # a part without items reads back with the default level; keep the model the same
        return Part(kind, heading, text, items, item_level=spec.item_level if items else 3)

    # --- themes --------------------------------------------------------------------

    def themes(self) -> list[tuple[ThemeSpec, Theme | None]]:
        """The sections to write: (template entry, schema theme or None for a department-only one)."""
        t = self.template
        dropped = set(t.drop_themes)
        if t.themes is None:
            pool = [th for th in self.schema.themes if not th.specific and th.id not in dropped
                    and not self.foreign(self._heading_variant(th).text)]
            top = sorted(pool, key=lambda th: (-th.support, th.position))[: t.layout.sections]
            if self.fit is not None:
                top = self._unit_themes(top, pool)
            top.sort(key=lambda th: th.position)
            return [(ThemeSpec(th.id), th) for th in top]
        out: list[tuple[ThemeSpec, Theme | None]] = []
        for spec in t.themes:
            if spec.id in dropped:
                continue
            theme = self.schema.theme(spec.id)
            if theme is None and (spec.heading is None or (spec.tasks is None and not spec.add)):
                raise self._unknown_theme(spec)
            out.append((spec, theme))
        return out

    def _unit_themes(self, top: list[Theme], pool: list[Theme]) -> list[Theme]:
        """The most common themes, with the unit's own in place of the least common others.

        The unit's own: the theme the miner kept for this kind of office (老干部's 银发 work),
        and the themes the profile's tasks belong to (党建引领 for a company).
        """
        assert self.fit is not None
        wanted: list[Theme] = []
        from drafter.mining.departments import detect

        dept = detect(str(self.variables.get("org") or ""))
        own = self.schema.theme(dept.slug) if dept is not None else None
        profile = self.fit.profile
        if own is not None and own.specific and own.patterns:
            wanted.append(own)
            self.unit_theme = own.id
        elif profile is not None and profile.section:
            # such units write a section of their own work; the profile's tasks go there
            short = profile.section.split("，")[0]
            wanted.append(Theme(UNIT_THEME, profile.name, 0, 3.5, [Variant(profile.section, 1, "two_part"),
                                                                    Variant(short, 1, "short")]))
            self.unit_theme = UNIT_THEME
        by_id = {th.id: th for th in pool}
        for task in self.fit.tasks():
            th = by_id.get(task.theme)
            if th is not None and th not in top and th not in wanted:
                wanted.append(th)
        core = {"theory", "duty", "positions"}
        out = list(top)
        for th in wanted[:2]:
            loose = [x for x in out if x.id not in core and x not in wanted]
            if not loose:
                break
            out.remove(min(loose, key=lambda x: (x.support, -x.position)))
            out.append(th)
        return out

    def _unknown_theme(self, spec: ThemeSpec) -> TemplateError:
        import difflib

        ids = [th.id for th in self.schema.themes]
        near = difflib.get_close_matches(spec.id, ids, n=1, cutoff=0.5)
        hint = f"，是不是“{near[0]}”？" if near else ""
        origin = getattr(spec.id, "origin", None)
        return TemplateError(
            f"结构库 {self.schema.id} 中没有主题“{spec.id}”{hint}（可用：{'、'.join(ids) or '无'}；"
            "本部门特有的主题须写 heading 和 tasks）",
            origin.path if origin else None, origin.line if origin else None)

    def _heading_variant(self, theme: Theme) -> Variant:
        form = self.layout.heading_form
        variants = sorted(theme.headings, key=lambda v: -v.count)
        fitting = [v for v in variants if v.form == form and not self.foreign(v.text)]
        others = [v for v in variants if not self.foreign(v.text)]
        return (fitting or others or variants or [Variant(theme.label, 0)])[0]

    def section(self, spec: ThemeSpec, theme: Theme | None) -> tuple[Section, list[str]]:
        if spec.heading is not None:
            heading = self.line(spec.heading)
        else:
            assert theme is not None
            variant = self._heading_variant(theme)
            heading = self.line(self.schema_text(variant.text, f"themes[{theme.id}].headings"))
        intro = self.text(spec.intro) if spec.intro and self.detail != "outline" else ""
        planned = self._planned.get(id(spec))
        drafts = planned[0] if planned else self.drafts(spec, theme)
        alternatives = [Task(None, self.line(d.title)) for d in planned[1]] if planned else []
        section = Section(None, heading, intro, [self.task(d) for d in drafts], alternatives=alternatives)
        return section, [str(d.key) for d in drafts]

    # --- tasks ---------------------------------------------------------------------

    def drafts(self, spec: ThemeSpec, theme: Theme | None) -> list[_Draft]:
        """The tasks of one section, in order, before their text is rendered."""
        patterns = {p.id: p for p in theme.patterns} if theme else {}
        drops = set(spec.drop)
        if spec.tasks is not None:
            drafts = [self._entry(e, patterns, theme) for e in spec.tasks]
        else:
            count = spec.count if spec.count is not None else self.layout.tasks_per_section
            wanted = max(0, count - len(spec.add))
            pool = [p for p in (theme.patterns if theme else [])
                    if p.id not in drops and p.title not in drops and not self.foreign(p.title)]
            ranked = sorted(range(len(pool)), key=lambda i: (-pool[i].support, i))[:wanted]
            drafts = [self._from_pattern(pool[i], TaskSpec(id=pool[i].id), theme) for i in sorted(ranked)]
        drafts = [d for d in drafts if d.key not in drops and d.title not in drops]
        for d in drafts:
            if d.pattern is not None and d.pattern.id in spec.rename:
                d.title = spec.rename[d.pattern.id]
        for added in spec.add:
            self._insert(drafts, self._entry(added, patterns, theme), added)
        return _reorder(drafts, spec.order)

    def _entry(self, entry: TaskSpec, patterns: dict[str, TaskPattern], theme: Theme | None) -> _Draft:
        pattern = patterns.get(entry.id) if entry.id else None
        if pattern is not None:
            return self._from_pattern(pattern, entry, theme)
        if entry.title is None:
            raise self._unknown_pattern(entry, theme)
        return _Draft(entry.id or entry.title, entry.title, entry, None, list(entry.hints or []))

    def _from_pattern(self, pattern: TaskPattern, entry: TaskSpec, theme: Theme | None) -> _Draft:
        key = f"themes[{theme.id if theme else ''}].patterns[{pattern.id}]"
        title = entry.title if entry.title is not None else self.schema_text(pattern.title, f"{key}.title")
        if entry.hints is not None:
            hints = list(entry.hints)
        else:
            mined = sorted(pattern.hints, key=lambda h: -h.support)
            hints = [self.schema_text(h.text, f"{key}.hints") for h in mined if not self.foreign(h.text)
                     and (self.fit is None or standalone(h.text))]
        return _Draft(pattern.id, title, entry, pattern, hints, mined_hints=entry.hints is None)

    def _unknown_pattern(self, entry: TaskSpec, theme: Theme | None) -> TemplateError:
        import difflib

        ids = [p.id for p in theme.patterns] if theme else []
        near = difflib.get_close_matches(str(entry.id), ids, n=1, cutoff=0.5)
        hint = f"，是不是“{near[0]}”？" if near else ""
        origin = getattr(entry.id, "origin", None)
        where = f"主题“{theme.id}”中" if theme else "本部门特有主题中"
        return TemplateError(
            f"{where}没有任务模式“{entry.id}”{hint}（可用：{'、'.join(ids) or '无'}；本部门特有的任务须写 title）",
            origin.path if origin else None, origin.line if origin else None)

    def _insert(self, drafts: list[_Draft], draft: _Draft, spec: TaskSpec) -> None:
        if any(d.key == draft.key or d.title == draft.title for d in drafts):
            return  # added twice along a chain, or already chosen
        anchor = spec.after or spec.before
        at = next((i for i, d in enumerate(drafts) if anchor in (d.key, d.title)), None) if anchor else None
        if at is None:
            drafts.append(draft)
        else:
            drafts.insert(at + 1 if spec.after else at, draft)

    def task(self, draft: _Draft) -> Task:
        title = self.line(draft.title)
        if self.detail == "outline":
            return Task(None, title)
        hints = [h for h in dict.fromkeys(self.line(x) for x in draft.hints) if h and h not in self.hints_used]
        if draft.mined_hints:  # mined hints: the most supported few not used by an earlier task
            hints = hints[: self.layout.hints_per_task]
        hints += [h for h in (self.line(x) for x in draft.spec.add_hints) if h and h not in hints]
        self.hints_used.update(hints)
        body = ""
        if self.detail == "full":
            source = draft.spec.body or self.template.task_body or DEFAULT_TASK_BODY
            body = self.text(source, {"task": title, "hints": hints})
        return Task(None, title, body, hints)




#: Whether a text is foreign, by foreign words, then (level wording, text): the same few
#: sets of words meet the same mined texts again and again when many outlines are composed.
_FOREIGN_MEMO: dict[tuple[str, ...], dict[tuple[str, str], bool]] = {}


#: How :func:`refreshed_texts` keeps its table: part of the cache key, raised when the form changes.
REFRESH_FORM = 1


def refreshed_texts(schema: Schema, year: int, path: Path | None) -> dict[str, str | None]:
    """Every mined text of ``schema`` brought up to ``year`` by the timeline: text → new text (None: unchanged).

    Rewriting stale phrases runs the timeline's patterns over each text: a schema's
    few hundred texts cost more than composing a plan. The table is kept in the cache
    of built values (data only, stamped and verified on load) while the schema file
    ``path``, the timeline's files and the timeline's code are unchanged, and in this
    process while their sizes and modification times stay the same. A schema without a
    file gets an empty table (each text is then worked out as it is used). What the
    cache holds that is not such a table is ignored and the table worked out again.
    """
    if path is None:
        return {}
    from drafter.cache import cached_value
    from drafter.knowledge.timeline_files import timeline_files

    files = [path, *timeline_files(), _TIMELINE_CODE]
    try:
        key: tuple[object, ...] = (year, *((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files))
    except OSError:
        key = ()
    if key and key in _REFRESHED:
        return _REFRESHED[key]
    found = cached_value("refreshed", f"{year}|{REFRESH_FORM}", lambda: _refresh_all(schema, year), files=files)
    ok = isinstance(found, dict) and all(isinstance(k, str) and (v is None or isinstance(v, str))
                                         for k, v in found.items())
    value: dict[str, str | None] = found if ok else _refresh_all(schema, year)
    if key:
        if len(_REFRESHED) > 64:
            _REFRESHED.clear()
        _REFRESHED[key] = value
    return value


def _refresh_all(schema: Schema, year: int) -> dict[str, str | None]:
    from drafter.knowledge.timeline import load_timeline, refresh

    timeline = load_timeline()
    texts = {str(v.text) for th in schema.themes for v in th.headings}
    texts.update(str(p.title) for th in schema.themes for p in th.patterns)
    texts.update(str(h.text) for th in schema.themes for p in th.patterns for h in p.hints)
    out: dict[str, str | None] = {}
    for text in sorted(texts):
        new = refresh(text, year, timeline)
        out[text] = None if new == text else str(new)
    return out


#: The timeline's code: the refreshed texts depend on it as much as on its data.
_TIMELINE_CODE = Path(__file__).with_name("knowledge") / "timeline.py"

#: Refreshed texts worked out or loaded in this process, by year and the files' (path, mtime, size).
_REFRESHED: dict[tuple[object, ...], dict[str, str | None]] = {}


#: Mined text as composition uses it (brought up to the year), by schema id, year, text and key:
#: the same text gives the same result, whichever loaded copy of the schema it comes from.
_SCHEMA_TEXTS: dict[tuple[str, int, str, str], SourceText] = {}


@lru_cache(maxsize=256)
def _foreign_words(excluded: tuple[str, ...], own: tuple[str, ...]) -> tuple[str, ...]:
    """The words that mark text as another department's (less the unit's own), for one pattern."""
    joined = "\x00".join(own)  # "w in joined" is "w in one of own" (no word holds the separator)
    words: list[str] = []
    for w in dict.fromkeys(excluded):  # a plain loop: this runs for every unit of a batch
        if w in joined:
            continue
        for o in own:
            if o in w:
                break
        else:
            words.append(w)
    return tuple(words)


@lru_cache(maxsize=64)
def _alternation(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """The pattern of ``words``, built once (units of one batch differ in org, rarely in these words)."""
    return re.compile("|".join(map(re.escape, words))) if words else None


def _rewritten(source: str, fit: Fit) -> str:
    """``source`` said for the unit's level, keeping where it came from (for error lines)."""
    out = fit.wording.rewrite(source)
    if out is source or out == source:
        return source
    origin = getattr(source, "origin", None)
    return SourceText(out, origin) if origin is not None else out


# --- choosing the tasks of an outline that fits its unit ---------------------------------------

#: Where a task of a theme goes when the outline has no section of that theme, nearest first.
_NEAR_THEMES: dict[str, tuple[str, ...]] = {
    "network": ("positions", "risk", "innovation"), "party": ("theory", "duty", "team"),
    "innovation": ("team", "positions", "duty"), "culture": ("positions", "theory", "team"),
    "risk": ("positions", "network", "duty"), "team": ("duty", "party"), "duty": ("team", "risk"),
    "positions": ("network", "risk", "culture"), "theory": ("party", "duty"),
}
#: Titles of one meaning: two tasks matching the same class are one task said twice.
_SAME_MEANING = tuple(lazy(x) for x in (
    r"第一议题", r"新时代中国特色社会主义思想|创新理论", r"学习体系|学习培训体系|分层分类", r"全会|plenum",
    r"政治忠诚|两个确立|两个维护", r"斗争|错误思潮", r"廉洁|作风", r"数字|智能|大数据", r"责任制|主体责任|责任清单",
    r"督查|考核", r"舆情", r"成果转化|巩固拓展.{0,30}成果", r"重要节点|周年", r"文明|志愿服务", r"家风", r"核心价值观", r"激励|关心关爱", r"培训",
))
_STRIP = lazy(r"[\s\W_\d]|意识形态|工作")
#: Opening words of a clause that leans on the sentence before it.
_LEANING = lazy(r"^(?:并|同时|此外|其中|通过|以此|该|此|从而|进而|为此|对此|并且|以及|其他|另外|还要|再次)")
_ONLY_ROUTINE = lazy(r"^(?:每[年季月周半]|定期|按时|及时)[^，；、]{0,10}(?:会议|活动|学习|研讨|一次|1次)$")


def standalone(hint: str) -> bool:
    """A hint a reader understands without the task body it was cut from."""
    text = hint.strip()
    return len(text) >= 8 and not _LEANING.match(text) and not _ONLY_ROUTINE.match(text)


def _bare(title: str) -> str:
    return _STRIP.sub("", title)


@lru_cache(maxsize=8192)
def _grams(text: str) -> frozenset[str]:
    bare = _bare(text)
    return frozenset(bare[i: i + 2] for i in range(len(bare) - 1))


@lru_cache(maxsize=4096)
def _signature(title: str) -> tuple[frozenset[str], frozenset[int]]:
    """The bigrams of a bare title and the classes of meaning it falls in."""
    bare = _bare(title)
    return (frozenset(bare[i: i + 2] for i in range(len(bare) - 1)),
            frozenset(i for i, r in enumerate(_SAME_MEANING) if r.search(title)))


@lru_cache(maxsize=65536)
def same_meaning(a: str, b: str) -> bool:
    """Two task titles that say the same task (near-equal wording, or one class of meaning)."""
    (x, cx), (y, cy) = _signature(str(a)), _signature(str(b))
    if cx & cy:
        return True
    return bool(x and y) and 2 * len(x & y) / (len(x) + len(y)) >= SAME_WORDING


#: Bigram Dice (bare titles) at which two titles are one wording.
SAME_WORDING = 0.5


@lru_cache(maxsize=65536)
def same_wording(a: str, b: str) -> bool:
    """Two task titles worded nearly alike (bigram Dice of the bare titles ≥ :data:`SAME_WORDING`)."""
    x, y = _signature(str(a))[0], _signature(str(b))[0]
    return bool(x and y) and 2 * len(x & y) / (len(x) + len(y)) >= SAME_WORDING


#: Bigram Dice at which a title is taken to say the same as another unit's wording of its task.
REACH_DICE = 0.30


def reach(title: str, wordings: list[tuple[frozenset[str], int]]) -> int:
    """How many plans worded a task of the theme close to ``title`` (Dice ≥ ``REACH_DICE``).

    ``wordings``: the bigrams of every mined wording of the theme's tasks, with the number
    of plans using it. Among tasks of equal support, the one said the way most units say
    such tasks goes first: it is the likelier to be a task a unit of its own would write.
    """
    g = _grams(title)
    if not g:
        return 0
    return sum(n for h, n in wordings if h and 2 * len(g & h) / (len(g) + len(h)) >= REACH_DICE)


class _Selection:
    """The tasks of every automatically filled section, chosen together.

    Domain tasks of the unit's profile first, then the most supported mined tasks
    that say something new, then a task for every common topic not yet covered
    (mined if the schema has one, else the topic's own), and 2–4 alternatives a section.
    """

    def __init__(self, composer: _Composer, chosen: list[tuple[ThemeSpec, Theme | None]]) -> None:
        self.c = composer
        self.fit = composer.fit
        assert self.fit is not None
        self.specs = [(spec, theme) for spec, theme in chosen if spec.tasks is None]
        self.ids = [str(spec.id) for spec, _ in self.specs]
        self.picked: list[list[_Draft]] = [[] for _ in self.specs]
        self.fixed: list[dict[int, int]] = [{} for _ in self.specs]  # drafts not to be replaced: id → rank
        self.offered: list[str] = []  # alternatives of the sections done: no other section offers them again
        self.offering = False  # choosing alternatives (see new)
        self.pools = [self._pool(spec, theme) for spec, theme in self.specs]

    def _pool(self, spec: ThemeSpec, theme: Theme | None) -> list[_Draft]:
        if theme is None:
            return []
        drops = set(spec.drop)
        out = [self.c._from_pattern(p, TaskSpec(id=p.id), theme) for p in theme.patterns
               if p.id not in drops and p.title not in drops and not self.c.foreign(p.title)]
        out = self._ranked(out, theme)
        if spec.id and spec.id == self.c.unit_theme:  # the unit's own section: its own tasks first
            out += self._ranked(self._field_pool(), theme)
        return out

    def _ranked(self, out: list[_Draft], theme: Theme) -> list[_Draft]:
        """``out`` most supported first; ties: said the way most units say it, near the unit's words, with hints."""
        order = {id(d): i for i, d in enumerate(out)}
        vocab = self.vocabulary
        tailored = self.fit is not None and self.fit.profile is not None

        wordings = [(_grams(v.text), v.count) for p in theme.patterns for v in p.variants]

        def rank(d: _Draft) -> tuple[int, int, int, bool, int]:
            support = d.pattern.support if d.pattern else 0
            # a task mined with the field's word ({{ field }}) is said for this unit's field
            own = 1 if tailored and "{{" in str(d.title) and "field" in str(d.title) else 0
            near = len(_grams(str(d.title) + "".join(map(str, d.hints[:3]))) & vocab) if vocab else 0
            return (-(support + own), -reach(str(d.title), wordings), -near, not d.hints, order[id(d)])

        out.sort(key=rank)
        return out

    def _field_pool(self) -> list[_Draft]:
        """Tasks for the section of the unit's own work that no theme of the schema holds.

        The mined tasks said with the field's word ({{ field }}) in any common theme: each
        reads as a task of this unit's field (打造{{ field }}党建工作品牌), so the section can
        take its fourth task and its alternatives from them when its own run out (a theme mined
        from outlines only has no hints). Themes the outline has a section of keep theirs.
        """
        if _is_placeholder(self.c.variables.get("field")):
            return []
        return [self.c._from_pattern(p, TaskSpec(id=p.id), th)
                for th in self.c.schema.themes if not th.specific and th.id not in self.ids
                for p in th.patterns if "field" in _NAME_TAG.findall(p.title) and not self.c.foreign(p.title)]

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """Bigrams of the words that describe the unit: field, audiences, positions, risks."""
        p = self.fit.profile if self.fit is not None else None
        if p is None:
            return frozenset()
        return _grams("".join((p.field, *p.field_words, *p.audiences, *p.positions, *p.risks)))

    def slots(self, i: int) -> int:
        spec = self.specs[i][0]
        count = spec.count if spec.count is not None else self.c.layout.tasks_per_section
        return max(0, count - len(spec.add))

    def titles(self) -> list[str]:
        return [str(d.title) for ds in self.picked for d in ds] + self.offered

    def new(self, title: str) -> bool:
        """``title`` says something no task says: another meaning for a task, another wording for a 备选.

        A 备选 may share a class of meaning with a task (考核评价 beside 督查问责): the drafter
        chooses among them, and units word such tasks in many ways.
        """
        same = same_wording if self.offering else same_meaning
        return not any(same(title, t) for t in self.titles())

    def where(self, theme: str) -> int | None:
        for tid in (theme, *_NEAR_THEMES.get(theme, ())):
            if tid in self.ids:
                return self.ids.index(tid)
        return None

    def run(self) -> dict[int, tuple[list[_Draft], list[_Draft]]]:
        fit = self.fit
        assert fit is not None
        field_word = self.c.variables.get("field")
        domain = set(fit.profile.tasks) if fit.profile is not None else set()
        own = [(t, 3 if t in domain else 1) for t in fit.tasks()]
        own += [(t, 2) for t in _year_tasks(int(self.c.variables["year"]), "" if _is_placeholder(field_word)
                                            else literal(str(field_word or "")))]  # a user's value: text only
        for task, rank in own:
            unit = self.c.unit_theme
            at = self.ids.index(unit) if rank == 3 and unit in self.ids else self.where(task.theme)
            if at is not None and len(self.fixed[at]) < 3 and self.new(task.title):
                self._place(at, _Draft(task.title, task.title, TaskSpec(title=task.title), None, list(task.hints)),
                            rank)
        # the unit's own section last: its field tasks come from any theme, the outline's themes keep theirs
        for i in sorted(range(len(self.pools)), key=lambda i: self.ids[i] == UNIT_THEME):
            for with_hints in (True, False):  # tasks with hints first; too few of them: the rest too
                while len(self.picked[i]) < self.slots(i):
                    d = self._next(i, with_hints)
                    if d is None:
                        break
                    self.picked[i].append(d)
        for topic in fit.topics:
            if topic.cover:
                self._cover(topic)
        self._give_hints(fit)
        self._fill(fit)
        out: dict[int, tuple[list[_Draft], list[_Draft]]] = {}
        for i, (spec, _) in enumerate(self.specs):
            drafts = [d for d in self.picked[i] if d.key not in spec.drop and d.title not in spec.drop]
            theme = self.specs[i][1]
            for added in spec.add:
                patterns = {p.id: p for p in theme.patterns} if theme is not None else {}
                self.c._insert(drafts, self.c._entry(added, patterns, theme), added)
            out[id(spec)] = (_reorder(drafts, spec.order), self._alternatives(i) if fit.alternatives else [])
        return out

    def _next(self, i: int, with_hints: bool) -> _Draft | None:
        """The most common task of section ``i`` not chosen and saying something new."""
        for d in self.pools[i]:
            if d not in self.picked[i] and (d.hints or not with_hints) and self.new(str(d.title)):
                return d
        return None

    def _place(self, at: int, draft: _Draft, rank: int) -> None:
        """Put ``draft`` in section ``at``, making room by dropping its least supported mined task.

        With no mined task left to drop, the placed task of lowest ``rank`` (lower than
        ``draft``'s) makes room; with none, ``draft`` stays out. Ranks: 4 a common topic,
        3 a profile's own task, 2 a task of the year, 1 a task built from the profile.
        """
        self.picked[at].append(draft)
        self.fixed[at][id(draft)] = rank
        if len(self.picked[at]) > self.slots(at):
            loose = [d for d in self.picked[at] if id(d) not in self.fixed[at]]
            if loose:
                self.picked[at].remove(loose[-1])
            else:
                lowest = min(self.picked[at], key=lambda d: self.fixed[at][id(d)])
                if self.fixed[at][id(lowest)] < rank or lowest is draft:
                    self.picked[at].remove(lowest)
        fixed = [d for d in self.picked[at] if id(d) in self.fixed[at]]
        self.picked[at] = [d for d in self.picked[at] if id(d) not in self.fixed[at]] + fixed

    def _cover(self, topic: Any) -> None:
        for i, drafts in enumerate(self.picked):
            covering = next((d for d in drafts if topic.pattern.search(str(d.title))), None)
            if covering is not None:
                self.fixed[i][id(covering)] = 4  # covers a topic: not to be given up for another
                return
        home = self.where(topic.theme)
        best: tuple[int, _Draft] | None = None
        for i, pool in enumerate(self.pools):
            for d in pool:
                if topic.pattern.search(str(d.title)) and d.hints and d not in self.picked[i]:
                    rivals = [t for t in self.titles() if same_meaning(str(d.title), t)]
                    if not rivals and (best is None or (d.pattern.support if d.pattern else 0)
                                       > (best[1].pattern.support if best[1].pattern else 0)):
                        best = (i, d)
        if best is not None:
            self._place(best[0], best[1], 4)
            return
        if home is None:
            return
        self._place(home, _Draft(f"topic:{topic.id}", topic.title, TaskSpec(title=topic.title), None,
                                 list(topic.hints)), 4)

    def _give_hints(self, fit: Fit) -> None:
        """A task mined without hints takes its topic's (if no other task has them), or gives way.

        It gives way to the section's next task with hints; with none left, it is left out.
        """
        used = {str(h) for ds in self.picked for d in ds for h in d.hints}
        for i, drafts in enumerate(self.picked):
            for d in list(drafts):
                if d.hints:
                    continue
                # a topic of the task whose hints no task has yet; those kept for their hints (cover: false) first
                topic = next((t for t in sorted(fit.topics, key=lambda t: t.cover)
                              if t.pattern.search(str(d.title)) and not used & set(t.hints)), None)
                if topic is not None:
                    d.hints = list(topic.hints)
                    used.update(topic.hints)
                    continue
                spare = next((x for x in self.pools[i] if x.hints and x not in drafts
                              and self.new(str(x.title))), None)
                if spare is not None:
                    drafts[drafts.index(d)] = spare
                    used.update(map(str, spare.hints))
                else:
                    drafts.remove(d)

    def _fill(self, fit: Fit) -> None:
        """A section left short (its mined tasks lacked hints) takes the topics' own tasks of its theme.

        A topic whose hints another task already took is passed over: its task would show none.
        """
        used = {str(h) for ds in self.picked for d in ds for h in d.hints}
        for i, tid in enumerate(self.ids):
            for topic in fit.topics:
                if len(self.picked[i]) >= self.slots(i):
                    break
                if topic.theme == tid and self.new(topic.title) and not used & set(topic.hints):
                    used.update(topic.hints)
                    self.picked[i].append(_Draft(f"topic:{topic.id}", topic.title, TaskSpec(title=topic.title),
                                                 None, list(topic.hints)))

    def _alternatives(self, i: int) -> list[_Draft]:
        """2–4 further tasks of the section, the next most common that say something new.

        New in wording against every task and every other section's alternatives: two sections
        never offer one task.
        """
        out: list[_Draft] = []
        picked = self.picked[i]
        self.picked[i] = picked + out  # alternatives are new against tasks and each other
        self.offering = True
        while len(out) < 4:
            d = self._next(i, True) or self._next(i, False) or self._topic_task(i) or self._near_task(i)
            if d is None:
                break
            out.append(d)
            self.picked[i] = picked + out
        self.picked[i] = picked
        self.offering = False
        if len(out) < 2:  # one alternative is no choice
            out = []
        self.offered += [str(d.title) for d in out]
        return out

    def _near_task(self, i: int) -> _Draft | None:
        """A task of a theme near section ``i``'s that no section of the outline has (the theme's own ran out)."""
        for tid in _NEAR_THEMES.get(self.ids[i], ()):
            if tid in self.ids:
                continue
            theme = self.c.schema.theme(tid)
            for p in theme.patterns if theme is not None else ():
                if not self.c.foreign(p.title) and self.new(str(p.title)):
                    return self.c._from_pattern(p, TaskSpec(id=p.id), theme)
        return None

    def _topic_task(self, i: int) -> _Draft | None:
        """A common topic's own task of section ``i``'s theme that says something new (mined ones run out)."""
        assert self.fit is not None
        for topic in self.fit.topics:
            if topic.theme == self.ids[i] and self.new(topic.title):
                return _Draft(f"topic:{topic.id}", topic.title, TaskSpec(title=topic.title), None, list(topic.hints))
        return None


def diff(base: Composition, new: Composition) -> list[str]:
    """What ``new`` changes relative to ``base``, one Chinese line per change.

    Sections are matched by theme id and tasks by pattern id (or title), so
    a renamed heading or task shows as a change, not as a removal and an
    addition. Parameters are compared by their rendered values.
    """
    names = sorted(set(base.param_names) | set(new.param_names))
    out = [f"参数 {k}：{_show(base.variables.get(k))} → {_show(new.variables.get(k))}"
           for k in names if _show(base.variables.get(k)) != _show(new.variables.get(k))]
    old_ids, new_ids = base.theme_ids, new.theme_ids
    old_at = {tid: i for i, tid in enumerate(old_ids)}
    for i, tid in enumerate(new_ids):
        sec = new.plan.sections[i]
        if tid not in old_at:
            out.append(f"+ 部分 {tid}：{sec.title}")
            out.extend(f"    + 任务：{t.title}" for t in sec.tasks)
            continue
        old = base.plan.sections[old_at[tid]]
        if old.title != sec.title:
            out.append(f"~ 部分 {tid} 标题：{old.title} → {sec.title}")
        out.extend(_task_diff(tid, base.task_keys[old_at[tid]], old, new.task_keys[i], sec))
    out.extend(f"- 部分 {tid}：{base.plan.sections[i].title}" for i, tid in enumerate(old_ids) if tid not in new_ids)
    kept_old = [t for t in old_ids if t in new_ids]
    kept_new = [t for t in new_ids if t in old_ids]
    if kept_old != kept_new:
        out.append(f"↕ 部分顺序：{'、'.join(kept_old)} → {'、'.join(kept_new)}")
    return out


def _show(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value)) or "（空）"
    return "（无）" if value is None else str(value) or "（空）"


def _task_diff(tid: str, old_keys: list[str], old: Section, new_keys: list[str], new: Section) -> list[str]:
    out: list[str] = []
    old_by = dict(zip(old_keys, old.tasks, strict=True))
    by_title = {t.title: k for k, t in zip(old_keys, old.tasks, strict=True)}
    # a task written out in the template with the same title as a mined one is the same task
    new_keys = [k if k in old_by else by_title.get(t.title, k) for k, t in zip(new_keys, new.tasks, strict=True)]
    for key, task in zip(new_keys, new.tasks, strict=True):
        before = old_by.get(key)
        if before is None:
            out.append(f"    + 任务（{tid}）：{task.title}")
        elif before.title != task.title:
            out.append(f"    ~ 任务（{tid}）：{before.title} → {task.title}")
        elif before.hints != task.hints:
            out.append(f"    ~ 参考举措（{tid}）：{task.title}")
    out.extend(f"    - 任务（{tid}）：{t.title}" for k, t in zip(old_keys, old.tasks, strict=True) if k not in new_keys)
    kept_old = [k for k in old_keys if k in new_keys]
    kept_new = [k for k in new_keys if k in old_keys]
    if kept_old != kept_new:
        out.append(f"    ↕ 任务顺序（{tid}）已调整")
    return out


def _reorder(drafts: list[_Draft], order: list[str]) -> list[_Draft]:
    """Drafts named in ``order`` (by key or title) first, in that order; the rest as they were."""
    if not order:
        return drafts
    first: list[_Draft] = []
    for name in order:
        for d in drafts:
            if name in (d.key, d.title) and d not in first:
                first.append(d)
    return first + [d for d in drafts if d not in first]


def _number_tasks(sections: list[Section], numbering: TaskNumbering) -> None:
    n = 0
    for section in sections:
        if numbering is TaskNumbering.RESTART:
            n = 0
        for task in section.tasks:
            n += 1
            task.number = n


def _flatten(values: Iterable[Any]) -> Iterable[Any]:
    for v in values:
        if isinstance(v, (list, tuple)):
            yield from v
        elif v is not None:
            yield v


__all__ = ["DETAILS", "Composition", "Detail", "compose", "composition", "diff", "same_meaning", "same_wording",
           "standalone", "variables"]

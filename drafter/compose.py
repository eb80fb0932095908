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
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from drafter.errors import TemplateError
from drafter.jinja_env import Origin, SourceText, render
from drafter.model import Part, PartKind, Plan, Section, Task, TaskNumbering, Unset, placeholder, unset
from drafter.schema import Schema, TaskPattern, Theme, Variant
from drafter.templates import BUILTIN_PARAMETERS, DepartmentTemplate, Layout, PartSpec, TaskSpec, ThemeSpec, schema_path

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
_NAME_TAG = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)")


@dataclass
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
    return composition(schema, template, params, year, context, detail).plan


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
) -> Composition:
    """Like :func:`compose`, keeping the theme id and task key of every section and task."""
    if detail not in DETAILS:
        raise ValueError(f"detail must be one of {DETAILS}, not {detail!r}")
    if year is None:
        year = int(getattr(context, "year"))  # noqa: B009 - a clear error when neither is given
    composer = _Composer(schema, template, detail, variables(schema, template, params or {}, year, context))
    plan = composer.plan(year)
    names = sorted({*BUILTIN_PARAMETERS, *(p.name for p in schema.parameters), *template.params, *(params or {})})
    return Composition(plan, composer.theme_ids, composer.task_keys, composer.variables, names)


def plan_title(schema: Schema, template: DepartmentTemplate, params: Mapping[str, Any], year: int,
               context: Any = None) -> str:
    """The title :func:`composition` gives the plan, worked out alone (batch names files by it)."""
    return _one_line(_tidy(render(template.title, variables(schema, template, params, year, context))))


def _tidy(out: str) -> str:
    """Rendered text with its lines stripped and blank lines dropped."""
    return "\n".join(line.strip() for line in out.splitlines() if line.strip())


def _one_line(text: str) -> str:
    """Tidied text as one line (a heading or title): no breaks, no closing stop."""
    return re.sub(r"\s*\n\s*", "", text).rstrip(_STOPS).strip()


def variables(schema: Schema, template: DepartmentTemplate, params: Mapping[str, Any], year: int,
              context: Any) -> dict[str, Any]:
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
                 variables: dict[str, Any]) -> None:
        self.schema = schema
        self.template = template
        self.detail = detail
        self.layout: Layout = template.layout
        self.variables = variables
        self.theme_ids: list[str] = []
        self.task_keys: list[list[str]] = []
        self.hints_used: set[str] = set()
        # what makes mined text unusable for this department, worked out once
        self._unset = {k for k in BUILTIN_PARAMETERS if _is_placeholder(variables.get(k)) or variables.get(k) in ([], "")}
        own = [str(v) for v in _flatten(variables.get(k) for k in ("org", "org_short", "field", "field_words"))
               if v and not _is_placeholder(v)]
        words = [w for w in template.exclude_words if not any(w in o or o in w for o in own)]
        self._foreign = re.compile("|".join(map(re.escape, words))) if words else None

    # --- text ---------------------------------------------------------------

    def text(self, source: str, extra: Mapping[str, Any] | None = None) -> str:
        """``source`` rendered and tidied: lines stripped, blank lines dropped."""
        values = self.variables if extra is None else {**self.variables, **extra}
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
        from drafter.knowledge.timeline import refresh

        text = refresh(text, int(self.variables["year"]))
        path = self.schema_file
        return SourceText(text, Origin(str(path) if path else f"结构库 {self.schema.id}", None, key))

    @cached_property
    def schema_file(self) -> Path | None:
        """The schema's file (for error lines), looked up the first time mined text is used."""
        return schema_path(self.schema.id)

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
        if self._foreign is not None and self._foreign.search(text):
            return True
        return "{" in text and any(m.group(1) in self._unset for m in _NAME_TAG.finditer(text))

    # --- the plan -----------------------------------------------------------------

    def plan(self, year: int) -> Plan:
        t = self.template
        full_text = self.detail != "outline"
        front = [self.part(p, PartKind.GUIDING, full_text) for p in t.front]
        back = [self.part(p, PartKind.REQUIREMENTS, full_text) for p in t.back]
        sections: list[Section] = []
        for spec, theme in self.themes():
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
        drafts = self.drafts(spec, theme)
        return Section(None, heading, intro, [self.task(d) for d in drafts]), [str(d.key) for d in drafts]

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
            hints = [self.schema_text(h.text, f"{key}.hints") for h in mined if not self.foreign(h.text)]
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


__all__ = ["DETAILS", "Composition", "Detail", "compose", "composition", "diff", "variables"]

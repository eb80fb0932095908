"""Turn an existing plan (last year's) into a department template.

The template extends the generic default and lists the plan's own sections
and tasks (titles, and bodies for ``--detail full``), each section mapped to
a theme of the schema where one fits. The department's words become
parameters (``{{ org }}``, ``{{ field }}`` …) where that is reversible, and
the year's references become year-context variables (``{{ year }}年``,
``{{ plenum }}``, ``{{ plan_period }}``), so ``drafter new`` for the next year
gives the same plan rolled over. Comments in the YAML say what was mapped
and what was not.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from drafter.errors import InputError, ParseError
from drafter.knowledge.timeline import Timeline
from drafter.model import Part, Plan, Section, Task, TaskNumbering

BASE_TEMPLATE = "default"


@dataclass
class Rewriter:
    """Replaces department words and year references in text with jinja variables.

    Only words that mean one value throughout the plan become parameters, and
    only references that render back to the same words in the plan's year
    become year variables (from the one timeline, :func:`drafter.knowledge.timeline.references`:
    the congress, combined plenums, the latest plenum, the discipline plenum,
    the plan-period phrase, yearly anniversaries), so the template gives the
    plan back for its own year and rolls it over for the next. A sentence
    naming the plan period is kept only in years that have such a phrase.
    """

    params: dict[str, str]
    pattern: re.Pattern[str] | None
    year: int
    timeline: Timeline | None = None
    used: set[str] = field(default_factory=set)
    years_used: dict[str, str] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    def __call__(self, text: str) -> str:
        """``text`` as template text: parameters and year variables in, the rest literal."""
        from drafter.mining.generalise import jinja_literal

        spans = self._spans(text)
        out, last = [], 0
        for start, end, replacement in spans:
            out.append(jinja_literal(text[last:start]))
            out.append(replacement)
            last = end
        out.append(jinja_literal(text[last:]))
        return "".join(out)

    def _spans(self, text: str) -> list[tuple[int, int, str]]:
        from drafter.corpus.meta import year_pattern
        from drafter.knowledge.timeline import load_timeline, references

        found: list[tuple[int, int, str, str]] = []  # start, end, variable, literal
        for name, y in (("year", self.year), ("prev_year", self.year - 1), ("next_year", self.year + 1)):
            for m in re.finditer(rf"{year_pattern(y)}年", text):  # 2025年, also 二〇二五年 (rendered 2026年)
                found.append((m.start(), m.end(), f"{{{{ {name} }}}}年", m.group(0)))
            school = rf"(?P<y>{year_pattern(y)})(?={_RANGE}\S{{4}}学年)|{_RANGE}(?P<z>{year_pattern(y)})(?=\s*学年)"
            for m in re.finditer(school, text):  # 2024—2025学年: both ends roll over
                g = "y" if m.group("y") else "z"
                found.append((m.start(g), m.end(g), f"{{{{ {name} }}}}", m.group(g)))
        if self.timeline is None:
            self.timeline = load_timeline()
        for ref in references(text, self.year, self.timeline):
            if ref.variable:
                found.append((ref.start, ref.end, ref.variable, ref.phrase))
            else:
                self.notes.setdefault(ref.phrase, ref.note)
        if self.pattern is not None:
            for m in self.pattern.finditer(text):
                if m.lastgroup is not None and m.lastgroup in self.params:
                    found.append((m.start(), m.end(), f"{{{{ {m.lastgroup} }}}}", ""))
        spans: list[tuple[int, int, str, str]] = []
        for s in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
            if spans and s[0] < spans[-1][1]:
                continue
            spans.append(s)
        for _, _, var, literal in spans:
            if literal:
                self.years_used.setdefault(literal, var)
            else:
                self.used.add(var[3:-3])
        return self._guard_period(text, [(s, e, v) for s, e, v, _ in spans])

    def _guard_period(self, text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Each sentence naming ``{{ plan_period }}`` wrapped in ``{% if plan_period %}…{% endif %}``."""
        from drafter.mining.generalise import jinja_literal

        out: list[tuple[int, int, str]] = []
        i = 0
        while i < len(spans):
            start, end, var = spans[i]
            if var != "{{ plan_period }}":
                out.append(spans[i])
                i += 1
                continue
            lo = max(text.rfind(ch, 0, start) for ch in "。；！？\n") + 1
            stops = [j for j in (text.find(ch, end) for ch in "。；！？\n") if j >= 0]
            hi = min(stops) + 1 if stops else len(text)
            hi = hi if hi <= len(text) and text[hi - 1:hi] != "\n" else hi - 1
            while out and out[-1][0] >= lo:  # spans already taken in this sentence go inside it
                i -= 1
                out.pop()
            inner, last = [], lo
            while i < len(spans) and spans[i][0] < hi:
                s, e, v = spans[i]
                inner += [jinja_literal(text[last:s]), v]
                last = e
                i += 1
            inner.append(jinja_literal(text[last:hi]))
            out.append((lo, hi, "{% if plan_period %}" + "".join(inner) + "{% endif %}"))
        return out


#: The dash or word between the two years of a school year (2024—2025学年, 2024至2025学年).
_RANGE = r"\s*[—–\-－~～至到]{1,2}\s*"


def rewriter(plan: Plan, year: int) -> Rewriter:
    """A Rewriter for ``plan``: its department's words, and the references of ``year``."""
    from drafter.context import plan_text
    from drafter.mining.departments import detect
    from drafter.mining.generalise import generaliser

    dept = detect(plan.org, plan.title, plan.preamble[:200])
    gen = generaliser(dept, plan.org, set())
    seen: dict[str, set[str]] = defaultdict(set)
    for m in gen.pattern.finditer(plan_text(plan)):
        if m.lastgroup:
            seen[m.lastgroup].add(m.group(0))
    params = {name: next(iter(values)) for name, values in seen.items() if len(values) == 1}
    return Rewriter(params, gen.pattern if params else None, year)


@dataclass
class Imported:
    """The template text and what the import did, for the user."""

    yaml_text: str
    plan: Plan
    mapped: list[tuple[str, str | None]]  # (section title, theme id or None)
    params: dict[str, str]


def choose_plan(path: Path, index: int | None) -> Plan:
    """The plan to import from ``path`` (the only one, or number ``index`` of several)."""
    from drafter.corpus.reader import read_file

    plans = read_file(path)
    if not plans:
        raise ParseError("未找到工作要点（没有可识别的一、/1. 编号结构）", path)
    if index is None and len(plans) > 1:
        names = "；".join(f"{i}. {p.label}" for i, p in enumerate(plans, 1))
        raise InputError(f"文件中有 {len(plans)} 篇工作要点，请用 --plan 指定第几篇：{names}", path)
    i = (index or 1) - 1
    if not 0 <= i < len(plans):
        raise InputError(f"没有第 {index} 篇（共 {len(plans)} 篇）", path)
    plan = plans[i]
    if plan.not_a_plan:
        raise ParseError("这不是工作要点（像是总结或汇报），不能导入为模板", path)
    return plan


def import_plan(path: Path, *, index: int | None = None, year: int | None = None,
                schema_id: str = "ideology-work-points", name: str | None = None,
                template_id: str = "<模板名>") -> Imported:
    """Build the template YAML for the plan in ``path``."""
    from drafter.matching import ThemeMatcher
    from drafter.schema_io import load_schema

    plan = choose_plan(path, index)
    the_year = year or plan.year
    if the_year is None:
        raise InputError("无法从标题或开头段确定年度，请用 --year 指定", path)
    rw = rewriter(plan, the_year)
    matcher = ThemeMatcher(load_schema(schema_id))
    mapped = [(s.title, m.theme.id if m.theme else None) for s in plan.sections
              for m in [matcher.match(s)]]
    doc = _template(plan, rw, mapped, name or plan.org or path.stem, path, the_year, template_id)
    stream = io.StringIO()
    _yaml().dump(doc, stream)
    return Imported(stream.getvalue(), plan, mapped, rw.params)


def _yaml() -> YAML:
    y = YAML()
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    y.allow_unicode = True
    return y


def _block(text: str) -> str:
    return LiteralScalarString(text + "\n") if "\n" in text else text


def _template(plan: Plan, rw: Rewriter, mapped: list[tuple[str, str | None]], name: str, path: Path,
              year: int, template_id: str) -> CommentedMap:
    doc = CommentedMap()
    doc["name"] = name
    doc["description"] = f"据 {path.name}（{plan.label}）导入"
    doc["extends"] = BASE_TEMPLATE
    if plan.title:
        doc["title"] = rw(plan.title)
    # rewrite everything first: the parameters are those the text ended up using
    layout = CommentedMap([
        ("numbering", "restart" if plan.task_numbering is TaskNumbering.RESTART else "continuous"),
        ("tasks_heading", rw(plan.tasks_heading) if plan.tasks_heading else None),
    ])
    preamble = _block(rw(plan.preamble)) if plan.preamble else ""
    front = CommentedSeq(_part(p, rw) for p in plan.front)
    body = _body(plan, rw, mapped)
    back = CommentedSeq(_part(p, rw) for p in plan.back)
    doc["params"] = CommentedMap((k, v) for k, v in sorted(rw.params.items()) if k in rw.used)
    doc["layout"] = layout
    doc["preamble"] = preamble
    doc["front"] = front
    doc.update(body)
    doc["back"] = back
    doc.yaml_set_start_comment(_header(plan, rw, mapped, path, year, template_id))
    return doc


def _body(plan: Plan, rw: Rewriter, mapped: list[tuple[str, str | None]]) -> CommentedMap:
    from drafter.mining.lexicon import BY_ID

    out = CommentedMap()
    themes = CommentedSeq()
    counts: dict[str, int] = defaultdict(int)
    for n, (sec, (_, theme_id)) in enumerate(zip(plan.sections, mapped, strict=True), 1):
        base = theme_id or "dept"
        counts[base] += 1
        tid = base if counts[base] == 1 and theme_id else f"{base}-{counts[base]}"
        entry = _section(sec, tid, rw)
        label = BY_ID[theme_id].label if theme_id in BY_ID else theme_id
        note = (f"对应结构库主题“{label}”" if theme_id and tid == theme_id
                else f"与前面一部分同属主题“{label}”，作为本部门特有部分保留" if theme_id
                else "未对应结构库主题：本部门特有部分")
        if not sec.title:  # tasks written with no section heading above them (under 重点任务, or at the top)
            entry["heading"] = _UNTITLED
            note += f"；原文这几项任务上面没有部分标题，暂用“{_UNTITLED}”，请改写"
        themes.append(entry)
        themes.yaml_set_comment_before_after_key(len(themes) - 1, before=f"第 {n} 部分：{note}", indent=2)
    out["themes"] = themes
    return out


#: The heading given to a section the source wrote without one.
_UNTITLED = "其他工作"


def _section(sec: Section, tid: str, rw: Rewriter) -> CommentedMap:
    entry = CommentedMap([("id", tid), ("heading", rw(sec.title))])
    if sec.intro:
        entry["intro"] = _block(rw(sec.intro))
    entry["tasks"] = CommentedSeq(_task(t, rw) for t in sec.tasks)
    return entry


def _task(t: Task, rw: Rewriter) -> CommentedMap:
    task = CommentedMap([("title", rw(t.title)), ("hints", CommentedSeq())])
    if t.body:
        task["body"] = _block(rw(t.body))
    return task


def _part(p: Part, rw: Rewriter) -> CommentedMap:
    out = CommentedMap([("kind", p.kind.value), ("heading", rw(p.heading))])
    if p.text:
        out["text"] = _block(rw(p.text))
    if p.items:
        out["item_level"] = p.item_level
        items = CommentedSeq()
        for i in p.items:
            item = CommentedMap([("title", rw(i.title))])
            if i.body:
                item["text"] = _block(rw(i.body))
            items.append(item)
        out["items"] = items
    return out


_NOISE_NAMES = {"chrome": "网页杂项", "toc": "目录", "leftover": "起草遗留", "paywall": "截断标记", "leadin": "网站导语",
                "hidden": "隐藏字数提示", "tag": "关键词行", "pagemark": "网站分页编号", "notice": "印发通知",
                "signoff": "落款", "appendix": "附件"}


def _not_read(plan: Plan, limit: int = 20) -> list[str]:
    """The lines the reader set aside as noise, each with its line number and why (first ``limit``)."""
    out = [f"第 {n.line} 行（{_NOISE_NAMES.get(n.kind, n.kind)}）：{n.text[:40]}"
           for n in sorted(plan.noise, key=lambda n: n.line)]
    return out[:limit] + ([f"……另有 {len(out) - limit} 行"] if len(out) > limit else [])


def _header(plan: Plan, rw: Rewriter, mapped: list[tuple[str, str | None]], path: Path, year: int,
            template_id: str) -> str:
    lines = [
        "yaml-language-server: $schema=./department.schema.json",
        "",
        f"由 drafter import 从 {path.name} 导入：{plan.label}（{year} 年）。",
        f"用法：drafter new --template {template_id} --year {year + 1} --detail full  生成下一年度的稿子。",
        "",
        "已转换：",
    ]
    for name in sorted(rw.used):
        lines.append(f"  {{{{ {name} }}}} ← “{rw.params[name]}”（部门用词，见 params）")
    for literal, var in sorted(rw.years_used.items()):
        lines.append(f"  {var} ← “{literal}”（年度表述，随 --year 更新）")
    matched = sum(1 for _, t in mapped if t)
    lines.append(f"  {matched}/{len(mapped)} 个部分对应到结构库主题（见各部分前的注释）")
    left = _unmapped(plan, rw)
    if left:
        lines += ["", "未转换（下一年度请人工核对）：", *(f"  {x}" for x in left)]
    if rw.timeline is not None and not rw.timeline.covers(year):
        lines += ["", f"注意：时效表中没有 {year} 年的资料，会议、规划期等年度表述没有转换，请人工核对。"]
    skipped = _not_read(plan)
    if skipped:
        lines += ["", "原文中未读入模板的内容（网页杂项、印发通知等）：", *(f"  {x}" for x in skipped)]
    if plan.truncated:
        gaps = "，部分任务只有标题（据提纲补全）" if any(t.outline_only for t in plan.tasks) else ""
        lines += ["", f"注意：原文不完整（有截断标记或正文在句中断开）{gaps}，请补齐后再用。"]
    return "\n".join(lines)


def _unmapped(plan: Plan, rw: Rewriter) -> list[str]:
    """Dated references that stayed literal: the timeline's notes, and meetings it did not roll over."""
    from drafter.context import plan_text
    from drafter.knowledge.timeline import citations

    done = set(rw.years_used)
    out = [f"“{phrase}”：{note}" for phrase, note in sorted(rw.notes.items())]
    for c in citations(plan_text(plan)):
        if not c.historical and c.phrase not in done and not any(c.phrase in d or d in c.phrase for d in done):
            item = f"“{c.phrase}”"
            if item not in out:
                out.append(item)
    return out


def write_template(imported: Imported, output: Path, *, force: bool) -> None:
    """Write the template atomically, after checking that it loads as a template."""
    from drafter.fileio import write_atomic
    from drafter.templates import resolve_template

    if output.exists() and not force:
        write_atomic(output, b"", force=False)  # raises the usual "exists, use --force" error
    probe = output.with_name(f".{output.stem}.importing.yaml")
    try:
        write_atomic(probe, imported.yaml_text.encode("utf-8"), force=True)
        resolve_template(probe)  # the template must load before it takes the real name
    finally:
        with contextlib.suppress(OSError):
            probe.unlink(missing_ok=True)
    write_atomic(output, imported.yaml_text.encode("utf-8"), force=force)

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
from drafter.model import Part, Plan, Section, Task, TaskNumbering

BASE_TEMPLATE = "default"


@dataclass
class Rewriter:
    """Replaces department words and year references in text with jinja variables.

    Only words that mean one value throughout the plan become parameters, so
    the template renders back to the same text.
    """

    params: dict[str, str]
    pattern: re.Pattern[str] | None
    year_refs: list[tuple[str, str]]
    used: set[str] = field(default_factory=set)
    years_used: set[str] = field(default_factory=set)

    def __call__(self, text: str) -> str:
        """``text`` as template text: parameters and year variables in, the rest literal."""
        from drafter.mining.generalise import jinja_literal

        out, last = [], 0
        if self.pattern is not None:
            for m in self.pattern.finditer(text):
                name = m.lastgroup
                if name is None or name not in self.params:
                    continue
                out.append(self._years(jinja_literal(text[last:m.start()])))
                out.append(f"{{{{ {name} }}}}")
                self.used.add(name)
                last = m.end()
        out.append(self._years(jinja_literal(text[last:])))
        return "".join(out)

    def _years(self, text: str) -> str:
        for literal, var in self.year_refs:
            if literal in text:
                text = text.replace(literal, var)
                self.years_used.add(literal)
        return text


def rewriter(plan: Plan, year: int) -> Rewriter:
    """A Rewriter for ``plan``: its department's words, and the references of ``year``."""
    from drafter.context import load_context, plan_text
    from drafter.mining.departments import detect
    from drafter.mining.generalise import generaliser

    dept = detect(plan.org, plan.title, plan.preamble[:200])
    gen = generaliser(dept, plan.org, set())
    seen: dict[str, set[str]] = defaultdict(set)
    for m in gen.pattern.finditer(plan_text(plan)):
        if m.lastgroup:
            seen[m.lastgroup].add(m.group(0))
    params = {name: next(iter(values)) for name, values in seen.items() if len(values) == 1}
    ctx = load_context(year)
    refs = [(f"{year}年", "{{ year }}年"), (f"{year - 1}年", "{{ prev_year }}年"), (f"{year + 1}年", "{{ next_year }}年")]
    if ctx.latest_plenum and not ctx.fallback:
        refs.append((ctx.latest_plenum, "{{ plenum }}"))
    if ctx.plan_period and not ctx.fallback:
        refs.append((ctx.plan_period, "{{ plan_period }}"))
    return Rewriter(params, gen.pattern if params else None, refs)


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
        themes.append(entry)
        themes.yaml_set_comment_before_after_key(len(themes) - 1, before=f"第 {n} 部分：{note}", indent=2)
    out["themes"] = themes
    return out


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
    for literal in sorted(rw.years_used):
        var = next(v for lit, v in rw.year_refs if lit == literal)
        lines.append(f"  {var} ← “{literal}”（年度表述，随 --year 更新）")
    matched = sum(1 for _, t in mapped if t)
    lines.append(f"  {matched}/{len(mapped)} 个部分对应到结构库主题（见各部分前的注释）")
    left = _unmapped(plan, rw)
    if left:
        lines += ["", "未转换（下一年度请人工核对）：", *(f"  {x}" for x in left)]
    if plan.truncated:
        gaps = "，部分任务只有标题（据提纲补全）" if any(t.outline_only for t in plan.tasks) else ""
        lines += ["", f"注意：原文不完整（有截断标记或正文在句中断开）{gaps}，请补齐后再用。"]
    return "\n".join(lines)


_DATED = re.compile(r"(?:建党|建国|新中国成立|改革开放|[\u4e00-\u9fff]{2,8})\d{1,3}周年|二十届[一二三四五六七八九]中全会|"
                    r"二十届中央纪委[一二三四五六七八九]次全会|[“\"]十[四五六][五]?[”\"][^，。；]{0,6}之年")


def _unmapped(plan: Plan, rw: Rewriter) -> list[str]:
    """Dated references that stayed literal (anniversaries, earlier meetings)."""
    from drafter.context import plan_text

    done = {lit for lit, _ in rw.year_refs}
    found = sorted({m.group(0) for m in _DATED.finditer(plan_text(plan))} - done)
    return [f"“{x}”" for x in found]


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

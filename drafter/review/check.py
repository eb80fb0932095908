"""Check a draft plan: coverage, structure, references, leftovers, format.

Each checker takes a :class:`Draft` and yields :class:`Finding` objects with a
location a reviewer can act on. ``check_draft`` runs them all; the CLI turns
the findings into a grouped report (or JSON) and an exit code.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from drafter.corpus.meta import is_generic_org, parse_title, preamble_year
from drafter.model import HINT_MARK, Plan, Section, Span, Task, TaskNumbering
from drafter.numbering import cn_numeral, norm
from drafter.review.findings import Checker, Draft, Finding, Severity


def _line(span: Span | None) -> int | None:
    return span.start if span is not None else None


def section_label(plan: Plan, sec: Section) -> str:
    """How the plan names a section: "三、" or "（三）"."""
    if sec.number is None:
        return "（未编号部分）"
    cn = cn_numeral(sec.number)
    return f"{cn}、" if plan.tasks_heading is None else f"（{cn}）"


def task_label(plan: Plan, sec: Section, task: Task) -> str:
    """How the plan names a task: "三、第 9 项"."""
    num = f"第 {task.number} 项" if task.number is not None else "未编号任务"
    return f"{section_label(plan, sec)}{num}"


def locate(plan: Plan, line: int) -> str:
    """The section/task of ``plan`` that holds ``line``, as the plan names it."""
    for sec in plan.sections:
        for t in sec.tasks:
            if t.span is not None and t.span.start <= line <= t.span.end:
                return task_label(plan, sec, t)
        if sec.span is not None and sec.span.start <= line <= sec.span.end:
            return section_label(plan, sec)
    return "开头段" if plan.sections and plan.sections[0].span and line < plan.sections[0].span.start else ""


# --- structure -------------------------------------------------------------------


def check_title(d: Draft) -> Iterator[Finding]:
    """A missing title, or a title that names the office only generically (局机关)."""
    plan = d.plan
    if plan.outline_only:
        yield Finding("outline-only", "structure", Severity.INFO, "只有提纲（各部分和任务标题），没有正文", "全文",
                      _line(plan.span))
    if not plan.title:
        yield Finding("title-missing", "structure", Severity.ERROR, "缺少标题行（如“市民政局2026年意识形态工作要点”）",
                      "标题", _line(plan.span))
        return
    org, year = parse_title(plan.title)
    if org and is_generic_org(org):
        yield Finding("title-generic-org", "structure", Severity.WARNING,
                      f"标题中的单位名称“{org}”不完整，应写明单位全称", "标题", _line(plan.span))
    if year is None:
        yield Finding("title-no-year", "structure", Severity.WARNING, "标题中没有年度", "标题", _line(plan.span))



def check_numbering(d: Draft) -> Iterator[Finding]:
    """Section and task numbers: gaps, repeats, jumps, mixed continuous/restart."""
    plan = d.plan
    yield from _sequence([s.number for s in plan.sections], [_line(s.span) for s in plan.sections],
                         lambda i: section_label(plan, plan.sections[i]) if plan.sections[i].number else "", "部分")
    restart = plan.task_numbering is TaskNumbering.RESTART
    expected = 1
    for sec in plan.sections:
        if restart:
            expected = 1
        for t in sec.tasks:
            if t.number is None:
                continue
            where = task_label(plan, sec, t)
            if t.number != expected:
                kind = "重复" if t.number < expected else "跳号"
                yield Finding("numbering-" + ("repeat" if t.number < expected else "gap"), "structure",
                              Severity.ERROR, f"任务编号{kind}：应为 {expected}，实为 {t.number}", where, _line(t.span))
            expected = t.number + 1


def _sequence(numbers: list[int | None], lines: list[int | None], label: Callable[[int], str],
              noun: str) -> Iterator[Finding]:
    expected = 1
    for i, n in enumerate(numbers):
        if n is None:
            continue
        if n != expected:
            kind = "重复" if n < expected else "跳号"
            yield Finding("numbering-" + ("repeat" if n < expected else "gap"), "structure", Severity.ERROR,
                          f"{noun}编号{kind}：应为 {cn_numeral(expected)}，实为 {cn_numeral(n)}", label(i), lines[i])
        expected = n + 1


_DOT_STYLES = {".": "1.", "．": "1．", "、": "1、"}


def check_marks(d: Draft) -> Iterator[Finding]:
    """Task numbers written in mixed styles (1. / 1． / 1、) or without their dot."""
    plan = d.plan
    styles: Counter[str] = Counter()
    for sec in plan.sections:
        for t in sec.tasks:
            if not t.mark:
                continue
            tail = t.mark[-1]
            if tail.isdigit():
                yield Finding("mark-missing-dot", "structure", Severity.WARNING,
                              f"任务编号“{t.mark}”后缺少点号（应写作“{t.mark}.”）", task_label(plan, sec, t), _line(t.span))
            elif tail in _DOT_STYLES:
                styles[tail] += 1
    if len(styles) > 1:
        main, _ = styles.most_common(1)[0]
        for sec in plan.sections:
            for t in sec.tasks:
                if t.mark and t.mark[-1] in _DOT_STYLES and t.mark[-1] != main:
                    yield Finding("mark-mixed", "structure", Severity.WARNING,
                                  f"任务编号写法不一致：“{t.mark}”，全文多用“{_DOT_STYLES[main]}”",
                                  task_label(plan, sec, t), _line(t.span))


def check_section_sizes(d: Draft) -> Iterator[Finding]:
    """Sections with far fewer or far more tasks than usual (the schema's, or this plan's median)."""
    plan = d.plan
    sizes = [len(s.tasks) for s in plan.sections]
    if len(sizes) < 2:
        return
    usual = _usual_tasks(d) or statistics.median(sizes)
    for sec, n in zip(plan.sections, sizes, strict=True):
        if n == 0:
            yield Finding("section-empty", "structure", Severity.ERROR, "该部分没有任务",
                          section_label(plan, sec), _line(sec.span))
        elif n <= usual / 2 or n >= usual * 2:
            word = "偏少" if n < usual else "偏多"
            yield Finding("section-size", "structure", Severity.WARNING,
                          f"该部分有 {n} 项任务，{word}（通常约 {usual:g} 项）", section_label(plan, sec), _line(sec.span))


def _usual_tasks(d: Draft) -> float | None:
    value = d.extra.get("usual_tasks")
    return float(value) if isinstance(value, (int, float)) else None


_LONG_TITLE = 45


def check_task_titles(d: Draft) -> Iterator[Finding]:
    """Duplicated task titles, and titles that run into their body without a full stop."""
    plan = d.plan
    seen: dict[str, str] = {}
    for sec in plan.sections:
        for t in sec.tasks:
            where = task_label(plan, sec, t)
            key = re.sub(r"\s", "", norm(t.title))
            if key in seen:
                yield Finding("task-duplicate", "leftover", Severity.WARNING,
                              f"任务标题与{seen[key]}重复：“{t.title}”", where, _line(t.span))
            else:
                seen[key] = where
            if len(t.title) > _LONG_TITLE and not t.body:
                yield Finding("title-no-stop", "structure", Severity.WARNING,
                              "任务标题过长，可能缺少句号将标题与正文分开", where, _line(t.span))


def check_truncation(d: Draft) -> Iterator[Finding]:
    """A draft that stops mid-sentence or carries a truncation marker."""
    plan = d.plan
    if plan.truncated:
        line = next((n.line for n in plan.noise if n.kind == "paywall"), None)
        yield Finding("truncated", "structure", Severity.ERROR,
                      "内容不完整：正文在句中断开或有“阅读全文”等截断标记", "全文", line or (plan.span.end if plan.span else None))
    filled = [t for t in plan.tasks if t.outline_only]
    if filled and not plan.outline_only:
        yield Finding("outline-gaps", "structure", Severity.WARNING,
                      f"有 {len(filled)} 项任务只有标题、没有正文（据提纲补全）", "全文", _line(filled[0].span))


# --- coverage --------------------------------------------------------------------

#: Share of mined plans a theme must appear in to be expected of every plan.
COMMON = 0.6


def check_coverage(d: Draft) -> Iterator[Finding]:
    """Common themes the draft lacks, and sections that match no theme of the schema."""
    from drafter.matching import ThemeMatcher

    schema, plan = d.schema, d.plan
    if schema is None or not plan.sections or schema.plans_mined == 0:
        return
    matcher = ThemeMatcher(schema)
    covered: set[str] = set()
    for sec in plan.sections:
        found = matcher.match(sec)
        if found.theme is None:
            yield Finding("theme-unknown", "coverage", Severity.INFO,
                          f"“{sec.title}”未对应常见主题（若是本部门特色内容可保留）", section_label(plan, sec),
                          _line(sec.span))
        else:
            covered.add(found.theme.id)
    for theme in schema.themes:
        share = theme.support / schema.plans_mined
        if theme.specific or share < COMMON or theme.id in covered:
            continue
        # a theme without a section of its own may still be covered by tasks elsewhere
        if not any(matcher.covers(t, theme) for t in plan.tasks):
            yield Finding("theme-missing", "coverage", Severity.WARNING,
                          f"缺少常见主题“{theme.label}”（语料中 {theme.support}/{schema.plans_mined} 篇都有）",
                          "全文", None)


# --- leftovers -------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"【(?!参考】)[^】]{0,30}】|(?<![A-Za-z])(?:xx|XX|Xx|xX|××|ＸＸ)(?![A-Za-z])|某某")


def _texts(plan: Plan) -> Iterator[tuple[str, str, int | None]]:
    """(where, text, line) for every piece of text in the plan."""
    if plan.title:
        yield "标题", plan.title, _line(plan.span)
    if plan.preamble:
        yield "开头段", plan.preamble, _line(plan.span)
    for part in (*plan.front, *plan.back):
        yield part.heading, part.text, _line(part.span)
        for item in part.items:
            yield part.heading, f"{item.title}。{item.body}", _line(item.span)
    for sec in plan.sections:
        yield section_label(plan, sec), f"{sec.title}\n{sec.intro}", _line(sec.span)
        for t in sec.tasks:
            yield task_label(plan, sec, t), f"{t.title}。{t.body}", _line(t.span)


def check_leftovers(d: Draft) -> Iterator[Finding]:
    """Drafting notes (过渡句：), placeholders (xx, 【…】), hints left in."""
    plan = d.plan
    for n in plan.noise:
        if n.kind == "leftover":
            yield Finding("drafting-note", "leftover", Severity.ERROR, f"起草遗留标记“{n.text}”应删除",
                          locate(plan, n.line), n.line)
    for where, text, line in _texts(plan):
        found = sorted(set(m.group(0) for m in _PLACEHOLDER.finditer(text)))
        if found:
            yield Finding("placeholder", "leftover", Severity.WARNING,
                          f"有待填写的占位内容：{'、'.join(found)}", where, line)
    hinted = sum(len(t.hints) for t in plan.tasks)
    if hinted:
        yield Finding("hints-left", "leftover", Severity.INFO,
                      f"有 {hinted} 条“{HINT_MARK}”参考举措，定稿前请改写或删除", "全文", None)


# --- references ------------------------------------------------------------------

def check_years(d: Draft) -> Iterator[Finding]:
    """The year in the title against the year the preamble speaks of."""
    plan = d.plan
    title_year = _title_year(plan)
    text_year = preamble_year(plan.preamble)
    if title_year is not None and text_year is not None and text_year != title_year:
        yield Finding("year-mismatch", "reference", Severity.ERROR,
                      f"标题年度为 {title_year} 年，开头段写的是 {text_year} 年", "开头段", _line(plan.span))
    own = title_year or text_year
    if d.year is not None and own is not None and d.year != own:
        where = "标题" if title_year else "开头段"
        yield Finding("year-not-target", "reference", Severity.ERROR,
                      f"{where}写的是 {own} 年，但检查的目标年度是 {d.year} 年", where, _line(plan.span))


def _title_year(plan: Plan) -> int | None:
    return parse_title(plan.title)[1] if plan.title else None


def check_stale_references(d: Draft) -> Iterator[Finding]:
    """References out of date for the draft's year, read against the one timeline.

    Meetings (combined and abbreviated plenums too), campaigns named as
    current after they ended, plan-period phrases of another year,
    anniversaries with the wrong count and superseded formulations: a warning
    each, with the current phrase. A meeting later than the timeline knows is
    one note ("无法核实"); a year the timeline does not cover, one note that
    references were not checked.
    """
    from drafter.knowledge.timeline import find_stale, load_timeline

    ctx = d.context
    if ctx is None:
        if d.extra.get("no_year"):
            yield Finding("references-unchecked", "reference", Severity.INFO,
                          "时效表述未检查（无法确定草稿的年度，可用 --year 指定）", "全文", None)
        return
    if not ctx.covered:
        yield Finding("references-unchecked", "reference", Severity.INFO,
                      f"时效表述未检查（无 {ctx.year} 年的年度资料）", "全文", None)
        return
    pieces = list(_texts(d.plan))
    whole = "\n".join(text for _, text, _ in pieces)
    timeline = load_timeline()
    unverified: dict[str, tuple[str, str, int | None]] = {}
    for where, text, line in pieces:
        found = find_stale(text, ctx.year, timeline, whole=whole, force=True)
        seen: set[str] = set()
        for s in found:
            if not s.verified:
                unverified.setdefault(s.phrase, (s.message(ctx.year), where, line))
            elif s.phrase not in seen:
                seen.add(s.phrase)
                yield Finding("stale-reference", "reference", Severity.WARNING, s.message(ctx.year), where, line)
        for phrase in ctx.stale:  # the editor's own list for the year
            if phrase and phrase in text and not any(phrase in s.phrase or s.phrase in phrase for s in found):
                yield Finding("stale-reference", "reference", Severity.WARNING,
                              f"“{phrase}”对 {ctx.year} 年已不是最新表述（见 {ctx.year} 年的年度背景文件）", where, line)
    for message, where, line in unverified.values():
        yield Finding("reference-unverified", "reference", Severity.INFO, message, where, line)


CHECKERS: list[Checker] = [
    check_title,
    check_numbering,
    check_marks,
    check_section_sizes,
    check_task_titles,
    check_truncation,
    check_leftovers,
    check_years,
    check_stale_references,
]


def check_draft(draft: Draft, extra: list[Checker] | None = None) -> list[Finding]:
    """Run every checker; findings in plan order within each category."""
    findings: list[Finding] = []
    for checker in (*CHECKERS, *(extra or [])):
        findings.extend(checker(draft))
    return findings


# --- the command ------------------------------------------------------------------


@dataclass
class Report:
    """The findings on one plan of a draft file, and the year it was held to."""

    plan: Plan
    year: int | None
    findings: list[Finding]


def run_check(path: Path, *, schema_id: str = "ideology-work-points", year: int | None = None,
              style: Path | None = None) -> list[Report]:
    """Read the draft at ``path`` and check every plan in it; raise DrafterError when unreadable."""
    from drafter.context import load_context
    from drafter.corpus.reader import read_file
    from drafter.errors import ParseError
    from drafter.review.check_format import check_docx_format
    from drafter.schema_io import load_schema

    if style is not None:
        from drafter.style_spec import load_style

        load_style(style)  # a bad style file is an error whatever the draft's kind
    plans = read_file(path)
    if not plans:
        raise ParseError("未找到工作要点（没有可识别的一、/1. 编号结构）", path)
    schema = load_schema(schema_id)
    reports = []
    for plan in plans:
        target = year or _title_year(plan) or plan.year
        extra: dict[str, object] = {"style": style} if style else {}
        if not target:
            extra["no_year"] = True
        draft = Draft(plan, path, schema, load_context(target) if target else None, year, extra)
        reports.append(Report(plan, target, check_draft(draft, [check_coverage, check_docx_format])))
    return reports

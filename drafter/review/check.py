"""Check a draft plan: coverage, structure, references, leftovers, format.

Each checker takes a :class:`Draft` and yields :class:`Finding` objects with a
location a reviewer can act on. ``check_draft`` runs them all; the CLI turns
the findings into a grouped report (or JSON) and an exit code.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.corpus.extract import Line
from drafter.corpus.meta import arabic_years, is_generic_org, parse_title, preamble_year
from drafter.lazy_re import lazy
from drafter.model import ALTERNATIVE_MARK, HINT_MARK, Plan, Section, Span, Task, TaskNumbering
from drafter.numbering import FLOATING, cn_numeral, first_of_series, head, marker, norm, renumbered
from drafter.review.findings import Checker, Draft, Finding, Severity

if TYPE_CHECKING:
    from drafter.context import YearContext
    from drafter.knowledge.timeline import StaleReference, Timeline
    from drafter.schema import Schema


def _line(span: Span | None) -> int | None:
    return span.start if span is not None else None


def section_label(plan: Plan, sec: Section) -> str:
    """How the plan names a section: "三、" or "（三）"."""
    if sec.number is None:
        return "（未编号部分）"
    m = marker(head(sec.mark) + "文") if sec.mark else None
    if m is not None and m.style in FLOATING:
        return sec.mark or ""  # 第二部分, ㈡: as the plan writes it
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
    """A missing, generic, suffixed, repeated or stacked title; a doubled year."""
    from drafter.corpus.grammar import is_title
    from drafter.review.check_residue import ends_on_toc, glued_title, scope, title_findings

    plan = d.plan
    if plan.outline_only:
        yield Finding("outline-only", "structure", Severity.INFO, "只有提纲（各部分和任务标题），没有正文", "全文",
                      _line(plan.span))
    if not plan.title and d.scope is not None and d.scope[0] > 1:
        # a later plan of the file without a title: the text restarted its numbering mid-way
        first = plan.sections[0] if plan.sections else None
        after_toc = ends_on_toc([ln for ln in d.lines if ln.no < d.scope[0]])  # the body after its contents
        if first is not None and first.number == 1 and not after_toc:
            yield Finding("numbering-restart", "structure", Severity.WARNING,
                          f"编号从“{first.mark or section_label(plan, first)}”重新开始，但前面没有新的标题；"
                          "可能缺少上一级标题（一、二、）或误把另一篇的内容接在了这里",
                          section_label(plan, first), _line(first.span), _heading_text(first))
        return
    glued = glued_title(d)
    if glued is not None:
        yield glued
    if not plan.title:
        # the reader may have missed a title that is there (after an outline, glued to text)
        if glued is None and not any(is_title(ln.text.strip()) for ln in scope(d)[:40] if ln.text.strip()):
            top = next((ln for ln in scope(d) if ln.text.strip()), None)
            yield Finding("title-missing", "structure", Severity.ERROR,
                          "缺少标题行（如“市民政局2026年意识形态工作要点”）", "标题",
                          top.no if top else _line(plan.span), top.text.strip()[:20] if top else "")
        return
    org, year = parse_title(plan.title)
    if org and is_generic_org(org):
        yield Finding("title-generic-org", "structure", Severity.INFO,
                      f"标题中的单位名称“{org}”不完整，应写明单位全称", "标题", _line(plan.span), plan.title)
    found = list(title_findings(d))
    split = any(f.code == "title-split" for f in found)
    if year is None and not split and not re.search(r"20[0-9]?[xX×*]", plan.title):
        yield Finding("title-no-year", "structure", Severity.WARNING, "标题中没有年度", "标题", _line(plan.span),
                      plan.title)
    yield from found


def check_numbering(d: Draft) -> Iterator[Finding]:
    """Section and task numbers judged against the plan's own style.

    Sections: a gap or repeat between neighbours (a plan may open with framing
    parts or be a later page, so the first number is not held to 一).
    Tasks: numbered on through all sections or from 1 in each section are
    both fine; a plan that does one in some sections and the other elsewhere
    is one fault; gaps and repeats are judged within the style.
    """
    plan = d.plan
    numbered = [(i, s) for i, s in enumerate(plan.sections) if s.number is not None]
    levels = Counter(_mark_level(s) for _, s in numbered)
    main_level = levels.most_common(1)[0][0] if levels else None
    for (_, a), (_, b) in pairwise(numbered):
        assert a.number is not None and b.number is not None
        if _mark_level(a) != _mark_level(b):
            odd = b if _mark_level(b) != main_level else a
            if _mark_level(a) == main_level and b.number == a.number + 1 and odd is b:
                yield _wrong_level(plan, b.mark or "", _heading_text(b), _line(b.span), a)
            continue  # read from different levels: not one sequence
        if b.number == 1 and b.number <= a.number and _new_parent(d, a, b):
            continue  # （一）（二） under 一、, then （一） again under 二、: each parent numbers its own
        if b.number == a.number + 2:
            wrong = _heading_as_task(d, a, b)
            if wrong is not None:
                yield _wrong_level(plan, wrong[1], wrong[2], wrong[0], a)
                continue
        if b.number != a.number + 1:
            kind = "重复" if b.number <= a.number else "跳号"
            yield Finding("numbering-" + ("repeat" if b.number <= a.number else "gap"), "structure", Severity.ERROR,
                          f"部分编号{kind}：“{section_label(plan, a)}”之后应为“{cn_numeral(a.number + 1)}”，实为“{cn_numeral(b.number)}”",
                          _where(plan, b), _line(b.span), _heading_text(b))
    yield from _same_level_as_tasks(plan)
    yield from _task_numbers(plan)
    yield from _doubled_brackets(d)


def _same_level_as_tasks(plan: Plan) -> Iterator[Finding]:
    """Sections numbered in figures like their own tasks ("1、" heading over "1." tasks): one finding."""
    for sec in plan.sections:
        level = _mark_level(sec)
        if level is None or level < 3 or sec.number is None:
            continue
        if any(t.mark and _level(t.mark) == level for t in sec.tasks):
            right = f"{cn_numeral(sec.number)}、"
            yield Finding("numbering-level", "structure", Severity.ERROR,
                          f"部分标题“{_heading_text(sec)}”与其下的任务用了同一级编号（“{(sec.mark or '').strip()}”），"
                          f"部分标题应为“{right}”", section_label(plan, sec), _line(sec.span), _heading_text(sec))
            return


def _wrong_level(plan: Plan, mark: str, text: str, line: int | None, before: Section) -> Finding:
    assert before.number is not None
    right = renumbered((before.mark or "").strip(), before.number + 1) \
        or (f"{cn_numeral(before.number + 1)}、" if _mark_level(before) == 1 else f"（{cn_numeral(before.number + 1)}）")
    kind = "任务" if (_level(mark) or 3) >= 3 else "另一级"
    return Finding("numbering-level", "structure", Severity.ERROR,
                   f"“{text}”是与“{before.mark or section_label(plan, before)}”同级的标题，编号却用了{kind}的写法"
                   f"“{mark.strip()}”，应为“{right}”", section_label(plan, before), line, text)


def _new_parent(d: Draft, a: Section, b: Section) -> bool:
    """A heading of a higher level (一、 over （一）) stands between sections ``a`` and ``b``.

    The plan's sections were read at the lower level (the reader kept （一） as its sections); their
    numbers restart under each parent, as they should.
    """
    from drafter.review.check_residue import scope

    level = _mark_level(a)
    if a.span is None or b.span is None or level is None or level < 2:
        return False
    for ln in scope(d):
        if a.span.start < ln.no < b.span.start and ln.text.strip():
            m = marker(norm(ln.text.strip()))
            if m is not None and m.level < level and m.style not in FLOATING and len(ln.text.strip()) <= 40:
                return True
    return False


def _lost_parents(d: Draft) -> bool:
    """The plan's sections restart their numbers under headings of a higher level the reader did not keep."""
    numbered = [s for s in d.plan.sections if s.number is not None]
    return any(b.number == 1 and a.number is not None and a.number >= 1 and _new_parent(d, a, b)
               for a, b in pairwise(numbered))


def _heading_as_task(d: Draft, a: Section, b: Section) -> tuple[int, str, str] | None:
    """A heading between sections ``a`` and ``b`` numbered in the tasks' style ("3、" for 三、), read as a task.

    (line, mark, heading text) of the line whose number fills the gap and whose
    task numbers restart after it; None when there is none.
    """
    from drafter.review.check_residue import scope

    if a.span is None or b.span is None or a.number is None:
        return None
    lines = [ln for ln in scope(d) if a.span.start < ln.no < b.span.start and ln.text.strip()]
    level = _mark_level(a)
    for i, ln in enumerate(lines):
        n = norm(ln.text.strip())
        m = marker(n)
        if m is None or m.level == level or m.number != a.number + 1 or len(n) > 40 or "。" in n:
            continue
        nxt = next((marker(norm(x.text.strip())) for x in lines[i + 1:] if marker(norm(x.text.strip()))), None)
        if nxt is not None and nxt.number == 1:
            return ln.no, n[:m.end], n[:30]
    return None


def _mark_level(sec: Section) -> int | None:
    return _level(sec.mark or "")


def _level(mark: str) -> int | None:
    """The level of a numbering mark alone ("1、" is read as a marker only with text after it)."""
    m = marker(norm(head(mark)).strip() + "文") if mark.strip() else None
    return m.level if m is not None else None


def _where(plan: Plan, sec: Section) -> str:
    return section_label(plan, sec) if sec.number else ""


def _heading_text(sec: Section) -> str:
    return f"{sec.mark or ''}{sec.title}"[:30]


def _task_text(t: Task) -> str:
    return f"{t.mark or ''}{t.title}"[:30]


def _mark_style(mark: str | None) -> str | None:
    """The style of a task marker, its number written as 1 or 一: "（一）" for （三）, "1." for 12．."""
    if not mark or not mark.strip():
        return None
    style = re.sub(r"[0-9]+", "1", first_of_series(norm(mark.strip())))
    style = re.sub(r"[一二三四五六七八九十百]+", "一", style)
    style = style.replace("(", "（").replace(")", "）").replace(" ", "")
    if any("\u4e00" <= c <= "\u9fff" and c != "一" for c in style):
        return None  # 一是、二是 inside a paragraph: a way of listing, not a marker style
    return style


def _marker_styles(plan: Plan) -> tuple[dict[int, str], Iterator[Finding]]:
    """Sections whose tasks are marked in another style than most sections' (id → its style), and findings."""
    styles = [(sec, t, st) for sec in plan.sections for t in [next((t for t in sec.tasks if t.number is not None), None)]
              if t is not None for st in [_mark_style(t.mark)] if st]
    counts = Counter(_style_class(st) for _, _, st in styles)
    if len(counts) < 2:
        return {}, iter(())
    top = max(counts.values())
    main = next(st for _, _, st in styles if counts[_style_class(st)] == top)  # a tie goes to the earlier style
    odd = {id(sec): st for sec, _, st in styles if _style_class(st) != _style_class(main)}
    findings = [Finding("numbering-style", "structure", Severity.ERROR,
                        f"任务编号样式不一致：其他部分用“{main}”，这一部分用“{st}”",
                        task_label(plan, sec, t), _line(t.span), _task_text(t))
                for sec, t, st in styles if id(sec) in odd]
    return odd, iter(findings)


def _style_class(style: str) -> str:
    """A marker style with 1. 1． 1、 as one (their mix is check_marks' "写法不一致")."""
    return re.sub(r"^1[.．、]$", "1.", style)


def _task_numbers(plan: Plan) -> Iterator[Finding]:
    styles: list[tuple[str, Section, Task]] = []
    odd_style, style_findings = _marker_styles(plan)
    yield from style_findings
    last: int | None = None
    before = 0  # numbered tasks in the sections before this one
    for sec in plan.sections:
        tasks = [t for t in sec.tasks if t.number is not None]
        if not tasks:
            continue
        first = tasks[0]
        assert first.number is not None
        if last is not None and odd_style.get(id(sec)):
            pass  # a section in another marker style is reported as such, not as a numbering scheme
        elif last is not None:
            if first.number == 1 and last != 0:
                styles.append(("restart", sec, first))
            elif first.number == last + 1 or (first.number == before + 1 and before > last):
                # numbered on from all tasks before (a section between restarted by mistake: that one is odd)
                styles.append(("continuous", sec, first))
            else:
                styles.append(("odd", sec, first))
        before += len(tasks)
        for a, b in pairwise(tasks):
            assert a.number is not None and b.number is not None
            if b.number != a.number + 1:
                kind = "重复" if b.number <= a.number else "跳号"
                yield Finding("numbering-" + ("repeat" if b.number <= a.number else "gap"), "structure", Severity.ERROR,
                              f"任务编号{kind}：第 {a.number} 项之后应为 {a.number + 1}，实为 {b.number}",
                              task_label(plan, sec, b), _line(b.span), _task_text(b))
        last = tasks[-1].number
    kinds = Counter(k for k, _, _ in styles if k != "odd")
    main = kinds.most_common(1)[0][0] if kinds else ("restart" if plan.task_numbering is TaskNumbering.RESTART
                                                     else "continuous")
    if len(kinds) > 1:
        odd = next((sec, t) for k, sec, t in styles if k != main and k != "odd")
        word = {"restart": "各部分从 1 重新编号", "continuous": "全文连续编号"}
        yield Finding("numbering-mixed", "structure", Severity.ERROR,
                      f"任务编号方式不一致：多数部分{word[main]}，这一部分却{word['restart' if main == 'continuous' else 'continuous']}",
                      task_label(plan, odd[0], odd[1]), _line(odd[1].span), _task_text(odd[1]))
    for k, sec, t in styles:
        if k == "odd":
            yield Finding("numbering-gap", "structure", Severity.ERROR,
                          f"任务编号不接续：本部分从 {t.number} 开始（{'应从 1 开始' if main == 'restart' else '应接上一部分'}）",
                          task_label(plan, sec, t), _line(t.span), _task_text(t))


_DOUBLED = lazy(r"^\s*(?:[(（]\s*[(（]|[(（][一二三四五六七八九十\d]{1,3}[)）]\s*[)）]|[一二三四五六七八九十\d]{1,3}[、.．]{2})")


def _doubled_brackets(d: Draft) -> Iterator[Finding]:
    from drafter.review.check_residue import scope

    for ln in scope(d):
        m = _DOUBLED.match(ln.text)
        if m:
            yield Finding("numbering-doubled", "structure", Severity.WARNING,
                          f"编号的括号或点号重复：“{m.group(0).strip()}”", locate(d.plan, ln.no), ln.no,
                          ln.text.strip()[:20])


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
            if "0" <= norm(tail) <= "9":  # not ① or ⑴, whose number needs no dot
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
    """Sections with far fewer or far more tasks than usual (the schema's figure, or this plan's median).

    Not judged on a plan that is cut short or partly unplaced: its sizes say nothing.
    """
    plan = d.plan
    sizes = [len(s.tasks) for s in plan.sections]
    if len(sizes) < 2 or not_assessed(d) or plan.outline_only:
        return
    usual = _usual_tasks(d) or statistics.median(sizes)
    if not any(sizes):
        return  # a flat plan: sections with prose, no numbered tasks
    for sec, n in zip(plan.sections, sizes, strict=True):
        if n == 0:
            if not sec.intro:
                yield Finding("section-empty", "structure", Severity.ERROR, "该部分只有标题，没有任务和正文",
                              section_label(plan, sec), _line(sec.span), _heading_text(sec))
        elif n <= usual / 2 or n >= usual * 2.5:
            word = "偏少" if n < usual else "偏多"
            yield Finding("section-size", "structure", Severity.INFO,
                          f"该部分有 {n} 项任务，{word}（通常约 {usual:g} 项）", section_label(plan, sec),
                          _line(sec.span), _heading_text(sec))


def _usual_tasks(d: Draft) -> float | None:
    value = d.extra.get("usual_tasks")
    if isinstance(value, (int, float)):
        return float(value)
    return usual_tasks(d.schema) if d.schema is not None else None


def usual_tasks(schema: Schema) -> float | None:
    """How many tasks a themed section of the mined plans usually has, from the schema's task sources.

    Each task source names its plan, section and task number ("三/9"); the
    stretch of task numbers seen in one section of one plan is that section's
    size as far as the schema knows it; the usual size is the upper quartile
    of these (the smaller stretches are sections whose tasks were not all mined).
    """
    seen: dict[tuple[str, str], list[int]] = {}
    for theme in schema.themes:
        for pattern in theme.patterns:
            for src in pattern.sources:
                sec, _, num = src.ref.partition("/")
                if num.isdigit():
                    seen.setdefault((src.plan, sec), []).append(int(num))
    spans = sorted(max(v) - min(v) + 1 for v in seen.values())
    if len(spans) < 4:
        return None
    return float(statistics.quantiles(spans, n=4)[2])


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
                yield Finding("title-no-stop", "structure", Severity.INFO,
                              "任务标题过长，可能缺少句号将标题与正文分开", where, _line(t.span))


def check_truncation(d: Draft) -> Iterator[Finding]:
    """A draft that stops mid-sentence, at a heading with no body, or carries a truncation marker."""
    plan = d.plan
    why = truncated_why(d)
    if why:
        line, text = _last_words(d)
        paywall = next((n for n in plan.noise if n.kind == "paywall"), None)
        if paywall is not None:
            line, text = paywall.line, paywall.text
        hidden = _hidden_line(d)
        if hidden is not None and why.startswith("网站隐藏"):
            line, text = hidden.no, hidden.text.strip()[:40]
        yield Finding("truncated", "structure", Severity.ERROR, f"内容不完整：{why}", "结尾", line, text)
    filled = [t for t in plan.tasks if t.outline_only]
    if filled and not plan.outline_only:
        yield Finding("outline-gaps", "structure", Severity.WARNING,
                      f"有 {len(filled)} 项任务只有标题、没有正文（据提纲补全）", task_label(plan, *_owner(plan, filled[0])),
                      _line(filled[0].span), _task_text(filled[0]))


#: A line that is a numbering marker and nothing else ("5." "（三）").
_BARE_MARK = r"^\s*(?:\d{1,2}\s*[.、]|\(\s*[一二三四五六七八九十\d]{1,3}\s*\)|[一二三四五六七八九十]{1,3}、)\s*$"


def _hidden_line(d: Draft) -> Line | None:
    """The draft's last line when it is where the website hid the rest ("……省略576字……")."""
    from drafter.review.check_residue import HIDDEN, scope

    last = next((ln for ln in reversed(scope(d)) if ln.text.strip()), None)
    return last if last is not None and HIDDEN.search(norm(last.text)) else None


def _owner(plan: Plan, task: Task) -> tuple[Section, Task]:
    return next((s, t) for s in plan.sections for t in s.tasks if t is task)


def truncated_why(d: Draft) -> str:
    """Why the draft looks cut short ("" when it does not)."""
    from drafter.corpus.grammar import ends_sentence, is_date_line
    from drafter.review.check_residue import scope

    plan = d.plan
    if any(n.kind == "paywall" for n in plan.noise):
        return "有“阅读全文”等截断标记，后面的正文缺失"
    tail = plan.sections[-1] if plan.sections else None
    has_body = sum(1 for s in plan.sections if s.tasks or s.intro) >= 2
    if tail is not None and not tail.tasks and not tail.intro and has_body and not plan.back:
        return "最后一部分只有标题，没有内容"
    from drafter.review.check_residue import ends_on_toc, is_residue_line

    last_line = next((ln for ln in reversed(scope(d)) if ln.text.strip()), None)
    if plan.truncated and last_line is not None and re.match(_BARE_MARK, norm(last_line.text)):
        return "最后一项只有编号，没有内容"
    if plan.truncated and _hidden_line(d) is not None:
        return "网站隐藏了部分正文，其后的内容缺失"
    if plan.truncated and not _signed(d) and not ends_on_toc(scope(d)):
        return "正文在句中断开"  # (a plan ending on its table of contents goes on after it: the TOC is reported)

    set_aside = _set_aside(d)
    lines = [ln for ln in scope(d) if ln.text.strip() and not is_residue_line(ln.text) and ln.no not in set_aside]
    if not lines or (d.lines and lines[-1].no < max(ln.no for ln in d.lines if ln.text.strip())
                     and d.scope is not None):
        return ""  # a plan followed by another one in the file: its end is where the next begins
    last = lines[-1].text.strip()
    n = norm(last)
    if n.endswith(("...", "…")) and len(last) >= 20:
        return "正文以省略号结束，后面的内容缺失"
    heading = marker(head(n)) is not None and len(n) < 40
    prose = not ends_sentence(last) and not is_date_line(last) and not last.startswith((HINT_MARK, ALTERNATIVE_MARK)) \
        and not n.endswith("】")
    if prose and len(last) >= 20 and not heading:
        return "正文在句中断开"
    prev = lines[-2].text.strip() if len(lines) > 1 else ""
    if prose and heading and "、" in n and prev and ends_sentence(prev) and not prev.startswith(HINT_MARK) \
            and marker(head(norm(prev))) is not None:
        return "最后一项在句中断开"
    return ""


def _signed(d: Draft) -> bool:
    """The draft ends with a signature date (a unit's name may stand above it): it ends where it should."""
    from drafter.corpus.grammar import is_date_line
    from drafter.review.check_residue import scope

    lines = [ln.text.strip() for ln in scope(d) if ln.text.strip()]
    return bool(lines) and is_date_line(lines[-1])


def _set_aside(d: Draft) -> set[int]:
    """Lines the reader set aside whole as site residue (not a fragment of a line, not a long line)."""
    from drafter.review.check_residue import scope

    text = {ln.no: ln.text.strip() for ln in scope(d)}
    return {n.line for n in d.plan.noise
            if n.kind not in ("leftover", "notice", "signoff", "appendix", "pagemark") and len(n.text) <= 100
            and n.text.strip() == text.get(n.line)}


def _last_words(d: Draft) -> tuple[int | None, str]:
    from drafter.review.check_residue import is_residue_line, scope

    set_aside = _set_aside(d)
    lines = [ln for ln in scope(d) if ln.text.strip() and not is_residue_line(ln.text) and ln.no not in set_aside]
    if not lines:
        return _line(d.plan.span), ""
    last = lines[-1]
    return last.no, last.text.strip()[-20:]


def not_assessed(d: Draft) -> str:
    """Why coverage and section sizes cannot be judged on this plan ("" when they can)."""
    from drafter.review.check_residue import HIDDEN, scope

    plan = d.plan
    if truncated_why(d):
        return "草稿不完整"
    if any(n.kind == "hidden" for n in plan.noise) or any(HIDDEN.search(norm(ln.text)) for ln in scope(d)):
        return "部分正文被网站隐藏"
    if len(plan.sections) == 1 and plan.sections[0].number is None:
        return "未能识别出各部分"
    if len(plan.sections) < 3:
        return f"只识别出 {len(plan.sections)} 个部分"
    if _lost_parents(d):
        return "各部分的上一级标题（一、二、）未能识别"
    if plan.not_a_plan:
        return "不像工作要点（像总结或汇报）"
    return ""


# --- coverage --------------------------------------------------------------------

#: Share of mined plans a theme must appear in to be expected of every plan.
COMMON = 0.6
#: Share of mined plans above which a missing theme is a warning, not a note: a theme that a third
#: of real plans do without (风险防控, 队伍建设 folded into other parts) is a suggestion.
NEARLY_ALL = 0.9


def check_coverage(d: Draft) -> Iterator[Finding]:
    """Common themes the draft lacks, and sections that match no theme of the schema."""
    from drafter.matching import ThemeMatcher

    schema, plan = d.schema, d.plan
    if schema is None or not plan.sections or schema.plans_mined == 0:
        return
    why = not_assessed(d)
    if why:
        yield Finding("coverage-not-assessed", "coverage", Severity.INFO,
                      f"主题覆盖未评估：{why}，缺少哪些常见主题无从判断", "全文", None)
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
            # a theme nearly every plan has is a gap; one that many plans do without is a suggestion
            severity = Severity.WARNING if share >= NEARLY_ALL else Severity.INFO
            yield Finding("theme-missing", "coverage", severity,
                          f"缺少常见主题“{theme.label}”（语料中 {theme.support}/{schema.plans_mined} 篇都有）",
                          "全文", None)


# --- leftovers -------------------------------------------------------------------

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
    """Placeholders, redactions, website and drafting residue (see check_residue); hints left in."""
    from drafter.review.check_residue import check_residue

    yield from check_residue(d, locate)
    hinted = sum(len(t.hints) for t in d.plan.tasks)
    if hinted:
        yield Finding("hints-left", "leftover", Severity.INFO,
                      f"有 {hinted} 条“{HINT_MARK}”参考举措，定稿前请改写或删除", "全文", None)
    offered = sum(len(s.alternatives) for s in d.plan.sections)
    if offered:
        yield Finding("hints-left", "leftover", Severity.INFO,
                      f"有 {offered} 条“{ALTERNATIVE_MARK}”备选任务，定稿前请选用（改为正式任务）或删除", "全文", None)


def check_words(d: Draft) -> Iterator[Finding]:
    """Wrong characters in fixed formulations and doubled words; the body speaking as another kind of unit.

    See check_wording and check_org.
    """
    from drafter.review.check_org import check_doc_kind, check_org
    from drafter.review.check_wording import check_wording

    yield from check_wording(d, locate)
    yield from check_doc_kind(d, locate)
    org = (parse_title(d.plan.title)[0] if d.plan.title else "") or d.plan.org  # the title's unit first
    if org:
        yield from check_org(d, locate, org)


# --- references ------------------------------------------------------------------

def check_years(d: Draft) -> Iterator[Finding]:
    """The year in the title against the year the preamble speaks of."""
    plan = d.plan
    title_year = _title_year(plan)
    text_year = preamble_year(plan.preamble)
    if title_year is not None and text_year is not None and text_year != title_year \
            and f"{text_year}年" not in arabic_years(norm(plan.title)):  # "2023年工作总结和2024年工作计划": both its own
        yield Finding("year-mismatch", "reference", Severity.ERROR,
                      f"标题年度为 {title_year} 年，开头段写的是 {text_year} 年", "开头段",
                      _line_of(d, plan.preamble.split("\n", 1)[0][:12], _line(plan.span)))  # the preamble's line
    own = title_year or text_year
    signed = _signature_year(d)
    if title_year is not None and signed is not None and not title_year - 1 <= signed[1] <= title_year:
        yield Finding("year-signed", "reference", Severity.WARNING,
                      f"标题年度为 {title_year} 年，落款日期却是 {signed[1]} 年（{title_year} 年的要点应在 {title_year - 1} 年末"
                      f"或 {title_year} 年印发）", "落款", signed[0], signed[2])
    if d.year is not None and own is not None and d.year != own:
        where = "标题" if title_year else "开头段"
        yield Finding("year-not-target", "reference", Severity.ERROR,
                      f"{where}写的是 {own} 年，但检查的目标年度是 {d.year} 年", where, _line(plan.span))


def _signature_year(d: Draft) -> tuple[int, int, str] | None:
    """(line, year, text) of the signature date the draft ends on; None when it ends otherwise."""
    from drafter.corpus.grammar import is_date_line
    from drafter.review.check_residue import scope

    last = next((ln for ln in reversed(scope(d)) if ln.text.strip()), None)
    if last is None or not is_date_line(last.text.strip()):
        return None
    m = re.match(r"\s*(20\d\d)", arabic_years(norm(last.text)))
    return (last.no, int(m.group(1)), last.text.strip()) if m else None


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
    from drafter.knowledge.timeline import find_stale

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
    timeline = _timeline()
    unverified: dict[str, tuple[str, str, int | None]] = {}
    school = _is_school(d.plan)
    for where, text, line in pieces:
        found = [s for s in find_stale(text, ctx.year, timeline, whole=whole, force=True)
                 if not _students_theme_education(s, text, timeline, school)
                 and not _congress_to_come(s, text, ctx.year, timeline)]
        seen: set[str] = set()
        for s in _one_per_fact(found):
            if not s.verified:
                unverified.setdefault(s.phrase, (s.message(ctx.year), where, line))
            elif s.phrase not in seen:
                seen.add(s.phrase)
                yield Finding("stale-reference", "reference", Severity.WARNING, s.message(ctx.year), where,
                              _line_of(d, s.phrase, line), s.phrase)
        for phrase in ctx.stale:  # the editor's own list for the year
            if phrase and phrase in text and not any(phrase in s.phrase or s.phrase in phrase for s in found):
                yield Finding("stale-reference", "reference", Severity.WARNING,
                              f"“{phrase}”对 {ctx.year} 年已不是最新表述（见 {ctx.year} 年的年度背景文件）", where,
                              _line_of(d, phrase, line), phrase)
    for message, where, line in unverified.values():
        yield Finding("reference-unverified", "reference", Severity.INFO, message, where, line)


#: Who a school's themed education is for; and words that make it the party's campaign after all.
_STUDENTS = lazy(r"学生|师生|少先队|队员|幼儿|青少年|团员|少年儿童|班会|队会|团日")
_PARTY = lazy(r"党员|党支部|党组织|党委|干部|党组")


def _is_school(plan: Plan) -> bool:
    from drafter.review.check_org import org_kinds

    org = (parse_title(plan.title)[0] if plan.title else "") or plan.org or ""
    return bool(org_kinds(org) & {"校", "园"})


def _students_theme_education(s: StaleReference, text: str, timeline: Timeline, school: bool) -> bool:
    """A campaign's short name ("开展主题教育") that is a school's themed education for its students.

    Schools hold 主题教育 for pupils every term (爱国主义、安全、法治…): in a school's plan, or
    where the students are named, the short name without the campaign's full name and without party
    members as its audience is not the party-wide campaign.
    """
    if s.kind != "campaign":
        return False
    bare = re.sub(r"[“”\"]", "", s.phrase)
    if any(re.sub(r"[“”\"]", "", n) in bare for c in timeline.campaigns for n in (c.name, *c.aliases)):
        return False  # the campaign named in full
    return (school or bool(_STUDENTS.search(text))) and not _PARTY.search(text)


#: Words after a congress that speak of it as coming: 党的二十一大召开之年, 二十一大即将召开.
_COMING = lazy(r"(?:胜利)?(?:召开之年|即将召开|将要召开|召开在即|召开前|将于|将在|召开的重要一年)")


def _congress_to_come(s: StaleReference, text: str, year: int, timeline: Timeline) -> bool:
    """The next congress named as to come in its own year (a congress is held every five years)."""
    if s.kind != "congress" or not s.premature or not timeline.congresses:
        return False
    last = max(c.held[0] for c in timeline.congresses)
    return year == last + 5 and _COMING.match(text, s.end) is not None


def _line_of(d: Draft, words: str, start: int | None) -> int | None:
    """The source line, from ``start`` on, that holds ``words`` (spacing aside).

    A piece of the plan (the preamble, a task with its body) spans several lines, and its first line
    is not always where the words are.
    """
    from drafter.review.check_residue import scope

    if start is None or not words:
        return start
    key = "".join(words.split())
    for ln in scope(d):
        if ln.no >= start and key in "".join(ln.text.split()):
            return ln.no
    return start


def _one_per_fact(found: list[StaleReference]) -> list[StaleReference]:
    """One reference per fact in a piece of text: the longest of those that overlap or suggest the same words.

    "开展主题教育" in a task's title and the campaign's full name in its body, or a plenum inside the
    longer phrase that cites it, are one stale fact; the longest words are the ones quoted.
    """
    kept: list[StaleReference] = []
    for s in sorted(found, key=lambda s: (-(s.end - s.start), s.start)):
        if s.verified and any(k.verified and ((s.start < k.end and k.start < s.end)
                                              or (s.suggestion and s.suggestion == k.suggestion and s.kind == k.kind)) for k in kept):
            continue
        kept.append(s)
    return sorted(kept, key=lambda s: (s.start, s.end))


CHECKERS: list[Checker] = [
    check_title,
    check_numbering,
    check_marks,
    check_section_sizes,
    check_task_titles,
    check_truncation,
    check_leftovers,
    check_words,
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
    """Read the draft at ``path`` (once) and check every plan in it; raise DrafterError when unreadable."""
    from drafter.corpus.extract import read_lines
    from drafter.corpus.reader import file_plans
    from drafter.errors import ParseError
    from drafter.review.check_format import check_docx_format
    if style is not None:
        from drafter.style_spec import load_style

        load_style(style)  # a bad style file is an error whatever the draft's kind
    extra: dict[str, object] = {"style": style} if style else {}
    if path.suffix.lower() == ".docx":  # read the package once: lines for the reader, body for the format check
        from drafter import docx_guard
        from drafter.corpus.docx_text import read_docx
        from drafter.corpus.extract import Line

        word = read_docx(docx_guard.read_docx(path), path)  # bounded, regular file, no DTD in any part
        lines = [Line(i, text) for i, (_, text) in enumerate(word.paragraphs, 1)]
        extra["word"] = word
    else:
        lines = read_lines(path)
    # the reader's read_file, on lines read once (the residue checks and the format check reuse them)
    plans = file_plans(lines, path)
    if not plans:
        raise ParseError("未找到工作要点（没有可识别的一、/1. 编号结构）", path)
    schema = _schema(schema_id)
    last_line = lines[-1].no if lines else 0
    reports: list[Report] = []
    for i, plan in enumerate(plans):
        target = year or _title_year(plan) or plan.year
        if not target and not plan.title and reports:
            target = reports[-1].year  # an untitled part read apart from the plan before it: that plan's year
        before = plans[i - 1].span if i else None
        lo = before.end + 1 if before is not None else 1
        nxt = plans[i + 1].span if i + 1 < len(plans) else None
        hi = nxt.start - 1 if nxt is not None else last_line
        own = dict(extra)
        if not target:
            own["no_year"] = True
        draft = Draft(plan, path, schema, _context(target) if target else None, year, own,
                      lines=lines, scope=(lo, max(lo, hi)))
        checks: list[Checker] = [check_coverage]
        if i == 0:  # one file, one format: reported once
            checks.append(check_docx_format)
        reports.append(Report(plan, target, check_draft(draft, checks)))
    return reports


def _schema(schema_id: str) -> Schema:
    """The schema, from the cache of loaded files while its file is unchanged (see drafter.cache)."""
    from drafter.cache import cached
    from drafter.resources import search_dirs
    from drafter.schema import Schema

    def load(where: str | Path) -> Schema:
        from drafter.schema_io import load_schema

        return load_schema(where)

    given = Path(schema_id)
    if given.suffix.lower() in (".yaml", ".yml") or "/" in schema_id or "\\" in schema_id:
        path: Path | None = given if given.is_file() else None
    else:
        path = next((f for d in search_dirs("schemas") for f in [d / f"{schema_id}.yaml"] if f.is_file()), None)
    if path is None:
        return load(schema_id)  # the loader names what is wrong
    found = path
    value = cached("schema", [found], lambda: load(found))
    return value if isinstance(value, Schema) else load(found)


_TIMELINES: dict[tuple[tuple[Path, int, int], ...], Timeline] = {}


def _timeline() -> Timeline:
    """The timeline, from the cache while its files are unchanged (reading its YAML costs more than a check).

    Kept in memory per set of files too: the timeline's facts are memoised by identity.
    """
    from drafter.cache import cached
    from drafter.knowledge.timeline import Timeline, load_timeline, timeline_files

    files = timeline_files()
    key = tuple((f, f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    found = _TIMELINES.get(key)
    if found is None:
        value = cached("timeline", files, load_timeline)
        found = _TIMELINES[key] = value if isinstance(value, Timeline) else load_timeline()
    return found


def _context(year: int) -> YearContext:
    """The year's context, from the cache while no context or timeline file changed."""
    from drafter.cache import cached
    from drafter.context import YearContext
    from drafter.resources import search_dirs

    def load() -> YearContext:
        from drafter.context import load_context

        return load_context(year)

    files = sorted(f for d in search_dirs("templates") if (d / "context").is_dir() for f in (d / "context").glob("*.yaml"))
    value = cached(f"check-context-{year}", files, load)
    return value if isinstance(value, YearContext) else load()

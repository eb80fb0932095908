"""Where mined items come from: plan keys, file names, section and task refs.

Every plan mined gets a key ``<file>#<n>`` — the file it was read from
(relative to the folder common to all inputs) and its place among the plans
of that file — so "000_b56f89e36ee30dd6.txt#6 三/9 L420" names task 9 of
section 三 of the sixth plan in that file, read at line 420.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath

from drafter.mining.departments import Department, detect
from drafter.mining.generalise import Generaliser, generaliser
from drafter.model import Plan, Section, Span, Task
from drafter.numbering import cn_numeral
from drafter.schema import MinedPlan, Source


@dataclass
class PlanRecord:
    """A plan being mined, with its key, file, department and generaliser."""

    key: str
    file: str
    plan: Plan
    dept: Department | None
    general: Generaliser
    index: int = 0
    hints: bool = True
    #: The file name without folders, to compare spans with.
    file_tail: str = field(init=False, default="")

    def __post_init__(self) -> None:
        self.file_tail = PurePath(self.file).name

    def source(self, ref: str, span: Span | None) -> Source:
        """A :class:`Source` for the place ``ref`` of this plan, read at ``span``.

        The line is left out when the span lies in another file than the
        plan's own (an outline listing merged from elsewhere).
        """
        same = span is not None and os.path.basename(span.source) == self.file_tail
        line = span.start if span is not None and same else None
        return Source(self.file, self.key, ref, line)

    def info(self) -> MinedPlan:
        """The plan's entry in the schema's table of plans."""
        p = self.plan
        return MinedPlan(self.key, p.label, p.org, p.year, p.outline_only or p.truncated)


def _rel(source: str, root: str) -> str:
    return PurePath(os.path.relpath(source, root)).as_posix()


def _first_source(plan: Plan) -> str:
    if plan.sources:
        return plan.sources[0].source
    if plan.span is not None:
        return plan.span.source
    return "<text>"


def records(plans: list[Plan], used: set[str]) -> list[PlanRecord]:
    """Records for ``plans`` (in the order given), keyed by file and place in file."""
    files = [_first_source(p) for p in plans]
    real = [f for f in files if not f.startswith("<")]
    root = os.path.commonpath([os.path.dirname(os.path.abspath(f)) for f in real]) if real else None
    counts: Counter[str] = Counter()
    out: list[PlanRecord] = []
    for i, (plan, f) in enumerate(zip(plans, files, strict=True)):
        name = f if f.startswith("<") or root is None else _rel(os.path.abspath(f), root)
        counts[name] += 1
        dept = detect(plan.org, plan.title, plan.preamble[:200])
        rec = PlanRecord(f"{name}#{counts[name]}", name, plan, dept, generaliser(dept, plan.org, used), i,
                         hints=not plan.outline_only)
        out.append(rec)
    return out


def section_ref(section: Section, position: int) -> str:
    """"三" for section 三 (or its place when unnumbered)."""
    return cn_numeral(section.number or position) if (section.number or position) < 100 else str(position)


def task_ref(section: Section, position: int, task: Task, task_position: int) -> str:
    """"三/9" for task 9 of section 三."""
    number = task.number if task.number is not None else task_position
    return f"{section_ref(section, position)}/{number}"


def source_order(s: Source) -> tuple[str, int, int, str]:
    """Sources in reading order: file, plan in file, line, ref."""
    file, _, n = s.plan.rpartition("#")
    return (file, int(n) if n.isdigit() else 0, s.line or 0, s.ref)

"""The one document model of a work plan (工作要点).

Plain dataclasses, no I/O. The reader builds these from real documents, the
composer builds them from a schema and a department template, the renderers
write them out, and ``check``/``import`` read drafts back into them. Because
reader and renderers share this model, ``read(render(plan)) == plan`` holds.

Provenance (:class:`Span`) and cleaning notes (:class:`Noise`) are excluded
from equality: two plans are equal when they say the same thing, wherever
the text came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

#: Prefix of a paragraph that carries a mined hint (typical measure) under a
#: task in a composed outline. Renderers write it, the reader recognises it.
HINT_MARK = "【参考】"
#: Prefix of a paragraph that offers an alternative task ("备选") at the end of
#: a section of a composed outline, for the drafter to pick from.
ALTERNATIVE_MARK = "【备选】"

#: Opening and closing marks of a placeholder the drafter must fill in.
PLACEHOLDER_OPEN = "【"
PLACEHOLDER_CLOSE = "】"


def placeholder(text: str = "请填写") -> str:
    """Return a visibly marked gap for the drafter to fill: ``【text】``."""
    return f"{PLACEHOLDER_OPEN}{text}{PLACEHOLDER_CLOSE}"


class Unset(str):
    """A parameter nobody set: prints as its placeholder (【单位名称】) but is false.

    So template text can both show the gap (``{{ org }}``) and leave out a
    phrase that needs the value (``{% if field %}…{% endif %}``).
    """

    def __bool__(self) -> bool:
        return False


def unset(text: str) -> Unset:
    """Return the value of a parameter nobody set: placeholder ``【text】``, false in tests."""
    return Unset(placeholder(text))


class PartKind(str, Enum):
    """What a framing part (not a themed task section) of a plan is for."""

    GUIDING = "guiding"  # 指导思想 / 总体要求
    GOALS = "goals"  # 主要目标 / 工作目标
    REQUIREMENTS = "requirements"  # 工作要求 / 保障措施
    OTHER = "other"


class TaskNumbering(str, Enum):
    """How task numbers run across sections."""

    CONTINUOUS = "continuous"  # 1–24 across all sections
    RESTART = "restart"  # 1–4 in every section


@dataclass(frozen=True)
class Span:
    """Where a piece of a plan was read from: file and 1-based line span.

    For a .docx, lines are paragraph numbers (1-based, in body order).
    """

    source: str
    start: int
    end: int

    def __str__(self) -> str:
        if self.start == self.end:
            return f"{self.source}:{self.start}"
        return f"{self.source}:{self.start}-{self.end}"


@dataclass(frozen=True)
class Noise:
    """Something the cleaner removed or noticed, kept for ``check``.

    ``kind`` is one of ``chrome`` (website furniture), ``toc`` (table of
    contents), ``leftover`` (drafting notes such as "过渡句："), ``paywall``
    (a truncation marker such as "阅读全文").
    """

    kind: str
    line: int
    text: str


@dataclass
class Task:
    """One numbered task (1.…): a title sentence and a body of measures.

    ``number`` is the number as written (``None`` when it had none).
    ``title`` is the title sentence without its closing full stop;
    ``body`` the measures that follow, paragraphs joined by newlines.
    ``hints`` are typical measures offered under the task in a composed
    outline (rendered with :data:`HINT_MARK`); read plans have none.
    ``outline_only`` marks a task known only from an outline listing.
    """

    number: int | None
    title: str
    body: str = ""
    hints: list[str] = field(default_factory=list)
    outline_only: bool = False
    span: Span | None = field(default=None, compare=False)
    #: The numbering marker as written ("1." "2．" "12"), for ``check``.
    mark: str | None = field(default=None, compare=False)


@dataclass
class Section:
    """A themed section (一、… or, under a task wrapper, (一)…) holding tasks.

    ``title`` is the heading as written (short, or the two-part "…，…" form),
    ``intro`` the lead paragraph(s) between heading and first task.
    """

    number: int | None
    title: str
    intro: str = ""
    tasks: list[Task] = field(default_factory=list)
    outline_only: bool = False
    span: Span | None = field(default=None, compare=False)
    #: Alternative tasks offered after the tasks ("【备选】…"), not numbered.
    alternatives: list[Task] = field(default_factory=list)
    #: The numbering marker as written ("一、" "（一）"), for ``check``.
    mark: str | None = field(default=None, compare=False)


@dataclass
class Part:
    """A framing part of a plan: 指导思想, 主要目标, 工作要求 …

    ``text`` holds free paragraphs; ``items`` numbered items (goals, or
    requirements written as "(一)强化组织领导。…") as tasks.
    """

    kind: PartKind
    heading: str
    text: str = ""
    items: list[Task] = field(default_factory=list)
    #: Numbering level of ``items``: 3 for "1." (goals), 2 for "(一)"
    #: (requirements are often written so).
    item_level: int = 3
    span: Span | None = field(default=None, compare=False)


@dataclass
class Plan:
    """A whole work plan.

    ``front`` holds framing parts before the themed sections (指导思想,
    目标), ``back`` those after them (工作要求). When the themed sections sit
    under a wrapper heading (三、重点任务 → (一)… → 1.), ``tasks_heading`` is
    that heading's text; ``None`` means the sections are top-level (一、…).
    ``year`` is ``None`` when neither title nor preamble names one.
    """

    title: str = ""
    org: str = ""
    year: int | None = None
    preamble: str = ""
    front: list[Part] = field(default_factory=list)
    tasks_heading: str | None = None
    sections: list[Section] = field(default_factory=list)
    back: list[Part] = field(default_factory=list)
    task_numbering: TaskNumbering = TaskNumbering.CONTINUOUS
    # flags
    outline_only: bool = False
    truncated: bool = False
    not_a_plan: bool = False
    # provenance, excluded from equality
    span: Span | None = field(default=None, compare=False)
    sources: list[Span] = field(default_factory=list, compare=False)
    noise: list[Noise] = field(default_factory=list, compare=False)

    @property
    def tasks(self) -> list[Task]:
        """All tasks of all sections, in order."""
        return [t for s in self.sections for t in s.tasks]

    def part(self, kind: PartKind) -> Part | None:
        """The first framing part of ``kind``, or ``None`` when absent."""
        for p in (*self.front, *self.back):
            if p.kind is kind:
                return p
        return None

    @property
    def label(self) -> str:
        """A short human name: the title, or org + year when untitled."""
        if self.title:
            return self.title
        year = f"{self.year}年" if self.year else ""
        return f"{year}{self.org}（无标题）" if self.org else "（无标题）"

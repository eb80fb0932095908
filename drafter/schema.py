"""The mined schema: common themes, task patterns and hints of a plan genre.

A :class:`Schema` is what ``drafter mine`` learns from a corpus and what
templates extend. It is saved as YAML under ``schemas/<id>.yaml`` (see
``schemas/schema.schema.json``). Mined text may carry jinja parameters such
as ``{{ field }}`` where a department word was generalised.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """Where a mined item came from: file, plan, and its place in the plan.

    ``plan`` is the plan's key in :attr:`Schema.plans` (``<file>#<n>``: the
    n-th plan read from ``file``), which gives its title, organisation and
    year. ``ref`` names the place as the plan numbers it, e.g. "三" (a
    section) or "三/9" (task 9 of section 三); ``line`` is the line in
    ``file`` (``None`` when unknown).
    """

    file: str
    plan: str
    ref: str
    line: int | None = None


@dataclass
class Variant:
    """One wording seen in the corpus and how many plans used it."""

    text: str
    count: int
    #: "short" (深化理论武装) or "two_part" (深化理论武装，筑牢思想根基); "" for task titles.
    form: str = ""


@dataclass
class Hint:
    """A typical measure mined from task bodies (a short clause, as written)."""

    text: str
    support: int
    sources: list[Source] = field(default_factory=list)


@dataclass
class TaskPattern:
    """A cluster of similar task titles within a theme.

    ``title`` is the representative wording (may contain parameters);
    ``support`` counts plans with a task of this pattern.
    """

    id: str
    title: str
    support: int
    variants: list[Variant] = field(default_factory=list)
    hints: list[Hint] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)


@dataclass
class Theme:
    """A cluster of themed sections across plans (理论武装, 责任制, 阵地 …).

    ``support`` counts plans having a section of this theme; ``position`` is
    its typical place (1-based, median over plans). ``specific`` marks a
    department-specific theme (seen in one kind of office only).
    """

    id: str
    label: str
    support: int
    position: float
    headings: list[Variant] = field(default_factory=list)
    patterns: list[TaskPattern] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    specific: bool = False
    #: Plans with a task of this theme anywhere: in a section of it, or a task whose title surely
    #: names it in another section (network work is a section in few plans, a task in most); 0: not counted.
    task_support: int = 0


@dataclass
class Parameter:
    """A template parameter the schema's text uses (``{{ name }}``)."""

    name: str
    description: str
    example: str = ""


@dataclass
class MinedPlan:
    """A plan a schema was mined from, so that a :class:`Source` can be traced.

    ``key`` is ``<file>#<n>``; ``partial`` marks a plan known only in part
    (an outline listing, or a truncated text), which gives no hints.
    """

    key: str
    title: str
    org: str = ""
    year: int | None = None
    partial: bool = False


@dataclass
class Schema:
    """A mined schema for one genre of plan."""

    id: str
    title: str
    genre: str
    plans_mined: int
    themes: list[Theme] = field(default_factory=list)
    parameters: list[Parameter] = field(default_factory=list)
    corpus: list[str] = field(default_factory=list)
    #: The plans mined, for tracing sources (see :class:`MinedPlan`).
    plans: list[MinedPlan] = field(default_factory=list)
    command: str = ""
    version: int = 1

    def theme(self, theme_id: str) -> Theme | None:
        """The theme with ``theme_id``, or None."""
        return next((t for t in self.themes if t.id == theme_id), None)

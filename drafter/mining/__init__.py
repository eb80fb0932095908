"""Plans → Schema: themes, task patterns, hints, parameters, provenance.

:func:`mine` is the one entry point. It is deterministic: the same plans in
the same order give an equal :class:`~drafter.schema.Schema` (and so, through
:func:`drafter.schema_io.dump_schema`, byte-identical YAML).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from drafter.errors import InputError
from drafter.schema import Schema, Source, Theme, Variant

if TYPE_CHECKING:
    from drafter.mining.patterns import Limits, TaskItem
    from drafter.mining.themes import SectionItem, ThemeGroup
    from drafter.model import Plan

# The miner's modules load when mining starts: ``check`` and ``import`` only use
# the light ones (lexicon, text) and should not pay for the rest.


def __getattr__(name: str) -> Any:
    if name == "Limits":
        from drafter.mining.patterns import Limits

        return Limits
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["DEFAULT_GENRE", "Limits", "Progress", "mine", "section_themes", "usable_plans"]

DEFAULT_GENRE = "意识形态工作要点"

Progress = Callable[[int, int], None]


def usable_plans(plans: Sequence[Plan]) -> list[Plan]:
    """The plans worth mining: real plans with themed sections.

    Raises :class:`~drafter.errors.InputError` when there are none, saying
    whether nothing was read or only documents that are not plans.
    """
    if not plans:
        raise InputError("没有找到任何工作要点，无法归纳（请检查输入的文件或文件夹）")
    real = [p for p in plans if not p.not_a_plan]
    if not real:
        raise InputError(f"读到的 {len(plans)} 篇文档都不是工作要点（如工作总结、情况汇报），无法归纳")
    usable = [p for p in real if p.sections]
    if not usable:
        raise InputError("读到的工作要点都没有可识别的主题部分（一、……），无法归纳")
    return usable


def mine(plans: Sequence[Plan], *, schema_id: str, title: str | None = None, genre: str = DEFAULT_GENRE,
         command: str = "", limits: Limits | None = None, progress: Progress | None = None) -> Schema:
    """Mine ``plans`` into a schema with id ``schema_id``.

    Plans marked ``not_a_plan`` are left out; outline-only plans give
    headings and task titles but no hints. ``progress(done, total)`` is
    called as themes are finished (``None``: no reports).
    """
    from drafter.mining import generalise
    from drafter.mining.patterns import Limits, task_items
    from drafter.mining.provenance import records
    from drafter.mining.text import bigrams, idf_table
    from drafter.mining.themes import assign, section_items

    limits = limits or Limits()
    used: set[str] = set()
    recs = records(usable_plans(plans), used)
    items = section_items(recs)
    groups = assign(items)
    tasks_by_group = {g.id: task_items(g.items) for g in groups}
    task_support = _task_level(groups, tasks_by_group)
    idf = idf_table(bigrams(t.title) for ts in tasks_by_group.values() for t in ts)
    themes = []
    for done, group in enumerate(groups, 1):
        themes.append(_theme(group, tasks_by_group[group.id], idf, limits))
        themes[-1].task_support = task_support.get(group.id, 0)
        if progress is not None:
            progress(done, len(groups))
    themes.sort(key=lambda t: (t.specific, t.position if not t.specific else 0.0, -t.support, t.id))
    return Schema(
        id=schema_id,
        title=title or genre,
        genre=genre,
        plans_mined=len(recs),
        themes=themes,
        parameters=generalise.parameters(used),
        corpus=sorted({r.file for r in recs}),
        plans=[r.info() for r in recs],
        command=command,
    )


#: A theme whose tasks are in this many times more plans than its sections is mined at task level too.
TASK_LEVEL = 2
#: Keyword weight that surely names a theme in a task title (网络, 党建, 文化 …).
SURE_KEYWORD = 3


def _task_level(groups: list[ThemeGroup], tasks_by_group: dict[str, list[TaskItem]]) -> dict[str, int]:
    """Count, for every common theme, the plans with a task of it anywhere; mine hidden ones at task level.

    A task whose title surely names a theme counts for it wherever it sits. A theme that
    support counts hide — its tasks in at least :data:`TASK_LEVEL` times the plans its
    sections are in — also takes those tasks into its patterns (extends ``tasks_by_group``).
    """
    from drafter.mining import lexicon

    common = {g.id: g for g in groups if not g.specific and g.id in lexicon.BY_ID}
    sure: dict[str, list[TaskItem]] = defaultdict(list)
    for gid, items in tasks_by_group.items():
        for item in items:
            for tid, weight in lexicon.keyword_scores(item.title).items():
                if weight >= SURE_KEYWORD and tid in common and tid != gid:
                    sure[tid].append(item)
    out: dict[str, int] = {}
    for tid, group in common.items():
        sections = {i.rec.key for i in group.items}
        plans = sections | {t.rec.key for t in sure[tid]}
        out[tid] = len(plans)
        if len(plans) >= TASK_LEVEL * len(sections):
            tasks_by_group[tid] = tasks_by_group[tid] + sure[tid]
    return out


def _theme(group: ThemeGroup, tasks: list[TaskItem], idf: dict[str, float], limits: Limits) -> Theme:
    from drafter.mining import lexicon
    from drafter.mining.patterns import patterns
    from drafter.mining.provenance import source_order

    first_pos: dict[str, int] = {}
    for item in group.items:
        first_pos.setdefault(item.rec.key, item.position)
    seed = lexicon.BY_ID.get(group.id)
    import statistics  # here, not at the top: drafter new imports this package for departments.detect

    return Theme(
        id=group.id,
        label=seed.label if seed else group.label,
        support=len(first_pos),
        position=float(statistics.median(first_pos.values())),
        headings=_headings(group.items, limits.headings),
        patterns=patterns(group.id, tasks, idf, limits),
        sources=sorted((_section_source(i) for i in group.items), key=source_order)[: limits.sources],
        specific=group.specific,
    )


def _section_source(item: SectionItem) -> Source:
    from drafter.mining.provenance import section_ref

    return item.rec.source(section_ref(item.section, item.position), item.section.span)


def _headings(items: list[SectionItem], limit: int) -> list[Variant]:
    from drafter.mining.text import split_heading

    plans_of: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item in items:
        general = item.rec.general(item.heading)
        short, rest = split_heading(general)
        plans_of[(short, "short")].add(item.rec.key)
        if rest:
            plans_of[(general, "two_part")].add(item.rec.key)
    out: list[Variant] = []
    for form in ("short", "two_part"):
        variants = [Variant(text, len(keys), f) for (text, f), keys in plans_of.items() if f == form]
        variants.sort(key=lambda v: (-v.count, len(v.text), v.text))
        out.extend(variants[:limit])
    return out


def section_themes(plans: Sequence[Plan]) -> list[tuple[str, int, str, str]]:
    """How :func:`mine` groups the sections of ``plans``: (plan key, position, heading, theme id).

    For evaluating the grouping against hand labels, and for tools that
    want to know which theme a corpus section went to.
    """
    from drafter.mining.provenance import records
    from drafter.mining.themes import assign, section_items

    recs = records(usable_plans(plans), set())
    items = section_items(recs)
    assign(items)
    return [(i.rec.key, i.position, i.heading, i.theme) for i in items]

"""Task patterns within a theme: similar task titles clustered across plans.

Titles are compared by the character bigrams of their content — generic
verbs such as 加强/强化/深化 and framing words such as 意识形态/工作 cut out —
weighted by rarity, the short part of a two-part title counting in full and
the rest by half. Identical wordings are counted once per plan.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from drafter.mining import hints as hints_mod
from drafter.mining.cluster import leader_cluster
from drafter.mining.provenance import PlanRecord, source_order, task_ref
from drafter.mining.text import bigrams, display, split_heading
from drafter.mining.themes import SectionItem
from drafter.model import Task
from drafter.schema import Source, TaskPattern, Variant

#: Likeness (cosine of weighted bigrams) for a title to join a pattern.
SAME_PATTERN = 0.42


@dataclass(frozen=True)
class Limits:
    """How much of what is mined goes into the schema.

    ``patterns`` per theme, ``variants`` per pattern, ``hints`` per pattern,
    ``sources`` per item, ``headings`` per theme and heading form.
    """

    patterns: int = 12
    variants: int = 8
    hints: int = 5
    sources: int = 30
    headings: int = 8


@dataclass
class TaskItem:
    """A task of a themed section, with its generalised title and source."""

    rec: PlanRecord
    task: Task
    title: str
    source: Source


def task_items(section_items: list[SectionItem]) -> list[TaskItem]:
    """Every task of ``section_items``, in order."""
    out = []
    for si in section_items:
        for tpos, task in enumerate(si.section.tasks, 1):
            src = si.rec.source(task_ref(si.section, si.position, task, tpos), task.span)
            out.append(TaskItem(si.rec, task, si.rec.general(display(task.title)), src))
    return out


def title_vector(title: str, idf: dict[str, float]) -> dict[str, float]:
    """The weighted bigram vector of a (generalised) task title."""
    short, rest = split_heading(title)
    top = max(idf.values(), default=1.0)
    vec = {t: 0.5 * idf.get(t, top) for t in sorted(bigrams(_bare(rest)))}
    vec.update({t: idf.get(t, top) for t in sorted(bigrams(_bare(short)))})
    return vec


def _bare(text: str) -> str:
    """Text without its ``{{ parameters }}``."""
    return "".join(p for i, p in enumerate(text.replace("}}", "{{").split("{{")) if i % 2 == 0)


def patterns(theme_id: str, tasks: list[TaskItem], idf: dict[str, float], limits: Limits) -> list[TaskPattern]:
    """The theme's task patterns, most supported first, with variants, hints and sources."""
    by_title: dict[str, list[TaskItem]] = defaultdict(list)
    for t in tasks:
        by_title[t.title].append(t)
    titles = sorted(by_title, key=lambda s: (-len({t.rec.key for t in by_title[s]}), s))
    vectors = [title_vector(s, idf) for s in titles]
    weights = [float(len(by_title[s])) for s in titles]
    clusters = leader_cluster(vectors, SAME_PATTERN, weights)
    built = [_pattern([t for m in members for t in by_title[titles[m]]], limits) for members in clusters]
    built.sort(key=lambda p: (-p.support, -sum(v.count for v in p.variants), p.title))
    out = built[: limits.patterns]
    for n, p in enumerate(out, 1):
        p.id = f"{theme_id}-{n}"
    return out


def _pattern(members: list[TaskItem], limits: Limits) -> TaskPattern:
    plans_of: dict[str, set[str]] = defaultdict(set)
    for t in members:
        plans_of[t.title].add(t.rec.key)
    variants = sorted((Variant(s, len(k)) for s, k in plans_of.items()), key=lambda v: (-v.count, len(v.text), v.text))
    found = [c for t in members if t.rec.hints and t.task.body and not t.task.outline_only
             for c in hints_mod.candidates(t.rec, t.task.body, t.source)]
    return TaskPattern(
        id="",
        title=variants[0].text,
        support=len({t.rec.key for t in members}),
        variants=variants[: limits.variants],
        hints=hints_mod.rank(found, limits.hints, limits.sources),
        sources=sorted({t.source for t in members}, key=source_order)[: limits.sources],
    )

"""Group the plans' themed sections into themes.

Four steps, each deterministic:

1. A section whose short heading names work only one kind of office does
   (正风肃纪反腐, 激活银发动能 …) is specific to that kind of office.
2. The seed lexicon scores the heading — short part first, the rest of a
   two-part heading and the task titles as weaker evidence — and a clear
   winner takes the section.
3. Sections the lexicon cannot place join the theme whose members they most
   resemble (character bigrams of heading and task titles).
4. What is left is clustered by likeness; a cluster seen in plans of several
   departments becomes a common theme of its own, the rest stays specific to
   its department.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from drafter.mining import lexicon
from drafter.mining.cluster import leader_cluster
from drafter.mining.departments import Department, marker_department
from drafter.mining.provenance import PlanRecord
from drafter.mining.text import bigrams, cosine, display, idf_table, split_heading, weigh
from drafter.model import Section

#: Heading evidence (short part + half the rest) that settles a theme by itself.
SURE = 2.0
#: Total lexicon evidence (with task titles) enough for a section without a better clue.
ENOUGH = 1.0
#: Weight of the mean task-title score in a section's lexicon score.
TITLE_WEIGHT = 0.3
#: Least likeness to a theme's members for step 3.
PROFILE_MIN = 0.2
#: Likeness for leftover sections to form one cluster in step 4 (precision ≈ 0.95
#: on the corpus headings without the lexicon).
LEFTOVER_MIN = 0.2


@dataclass
class SectionItem:
    """A themed section of a mined plan, with its heading parts and task titles."""

    rec: PlanRecord
    section: Section
    position: int
    heading: str
    short: str
    rest: str
    titles: list[str]
    theme: str = ""

    @cached_property
    def tokens(self) -> set[str]:
        """Bigrams of the short heading and the task titles."""
        out = bigrams(self.short)
        for t in self.titles:
            out |= bigrams(split_heading(t)[0])
        return out


@dataclass
class ThemeGroup:
    """A theme being built: id, label, whether specific, its sections."""

    id: str
    label: str
    specific: bool = False
    items: list[SectionItem] = field(default_factory=list)


def section_items(recs: list[PlanRecord]) -> list[SectionItem]:
    """Every themed section of every plan, in plan order."""
    out = []
    for rec in recs:
        for pos, sec in enumerate(rec.plan.sections, 1):
            heading = display(sec.title)
            short, rest = split_heading(heading)
            out.append(SectionItem(rec, sec, pos, heading, short, rest, [display(t.title) for t in sec.tasks]))
    return out


def assign(items: list[SectionItem]) -> list[ThemeGroup]:
    """Put every section in a theme; the themes, common ones in seed order first."""
    groups: dict[str, ThemeGroup] = {s.id: ThemeGroup(s.id, s.label) for s in lexicon.SEEDS}
    weak: list[SectionItem] = []
    for item in items:
        dept = marker_department(item.short)
        if dept is not None:
            _specific(groups, dept).items.append(item)
            continue
        evidence = _lexicon(item)
        if evidence.heading >= SURE:
            groups[evidence.theme].items.append(item)
        else:
            weak.append(item)
    leftovers = _by_profile(groups, weak)
    _cluster_leftovers(groups, leftovers)
    for g in groups.values():
        for item in g.items:
            item.theme = g.id
    return [g for g in groups.values() if g.items]


def _specific(groups: dict[str, ThemeGroup], dept: Department) -> ThemeGroup:
    if dept.slug not in groups:
        groups[dept.slug] = ThemeGroup(dept.slug, f"{dept.label}特色工作", specific=True)
    return groups[dept.slug]


@dataclass(frozen=True)
class _Evidence:
    """The lexicon's best theme for a section: heading score and score with task titles."""

    theme: str
    heading: float
    total: float


def _lexicon(item: SectionItem) -> _Evidence:
    """The best seed theme for a section ("" when no keyword is found at all)."""
    head = lexicon.keyword_scores(item.short)
    for t, w in lexicon.keyword_scores(item.rest).items():
        head[t] = head.get(t, 0.0) + 0.5 * w
    total = dict(head)
    for title in item.titles:
        for t, w in lexicon.keyword_scores(title).items():
            total[t] = total.get(t, 0.0) + TITLE_WEIGHT * w / len(item.titles)
    if not total:
        return _Evidence("", 0.0, 0.0)
    best = max(total, key=lambda t: (total[t], -lexicon.first_hit(item.short, t), -_seed_rank(t)))
    return _Evidence(best, head.get(best, 0.0), total[best])


def _seed_rank(theme_id: str) -> int:
    return next(i for i, s in enumerate(lexicon.SEEDS) if s.id == theme_id)


def _by_profile(groups: dict[str, ThemeGroup], weak: list[SectionItem]) -> list[SectionItem]:
    """Place weak sections by the lexicon with task titles, else by likeness; return the rest."""
    if not weak:
        return []
    members = [(g.id, i) for g in groups.values() if not g.specific for i in g.items]
    idf = idf_table([i.tokens for _, i in members] + [i.tokens for i in weak])
    profiles: dict[str, dict[str, float]] = defaultdict(dict)
    for gid, item in members:
        for t, w in weigh(item.tokens, idf).items():
            profiles[gid][t] = profiles[gid].get(t, 0.0) + w
    rest = []
    for item in weak:
        evidence = _lexicon(item)
        if evidence.theme and evidence.total >= ENOUGH:
            groups[evidence.theme].items.append(item)
            continue
        vec = weigh(item.tokens, idf)
        sims = sorted(((cosine(vec, p), gid) for gid, p in profiles.items()), key=lambda x: (-x[0], x[1]))
        if sims and sims[0][0] >= PROFILE_MIN:
            groups[sims[0][1]].items.append(item)
        else:
            rest.append(item)
    return rest


def _cluster_leftovers(groups: dict[str, ThemeGroup], items: list[SectionItem]) -> None:
    """Common themes from leftovers seen in several departments; the rest specific."""
    if not items:
        return
    idf = idf_table([i.tokens for i in items])
    ordered = sorted(items, key=lambda i: (i.short, i.rec.index, i.position))
    clusters = leader_cluster([_heading_vector(i, idf) for i in ordered], LEFTOVER_MIN)
    for members in clusters:
        cluster = [ordered[m] for m in members]
        depts = {i.rec.dept.slug if i.rec.dept else f"plan:{i.rec.key}" for i in cluster}
        label = _common_label(cluster)
        digest = hashlib.sha1(label.encode()).hexdigest()[:6]
        if len(depts) >= 2:
            groups.setdefault(f"t{digest}", ThemeGroup(f"t{digest}", label)).items.extend(cluster)
        elif cluster[0].rec.dept is not None:
            _specific(groups, cluster[0].rec.dept).items.extend(cluster)
        else:
            groups.setdefault(f"other-{digest}", ThemeGroup(f"other-{digest}", label, True)).items.extend(cluster)


def _heading_vector(item: SectionItem, idf: dict[str, float]) -> dict[str, float]:
    """The short heading's bigrams in full, the task titles' at half weight in all."""
    vec = weigh(bigrams(item.short), idf)
    for title in item.titles:
        for t in sorted(bigrams(split_heading(title)[0])):
            vec[t] = vec.get(t, 0.0) + 0.5 * idf.get(t, 0.0) / len(item.titles)
    return vec


def _common_label(cluster: list[SectionItem]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for item in cluster:
        counts[item.rec.general(item.short)] += 1
    return min(counts, key=lambda s: (-counts[s], len(s), s))

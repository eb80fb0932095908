"""Typical measures (hints) from task bodies: short concrete clauses, as written.

A hint is a sentence or clause of a task body, 8–40 characters, that says
what to do — it starts with a measure verb (开展, 建立, 召开 …) or names a
frequency (每季度, 全年 …, cut from there: "局党组每季度召开1次…" gives
"每季度召开1次…") — and is concrete (a frequency, a named document or
activity, a mechanism). Near-duplicates are grouped; groups are ranked by the
number of plans that use them. Text is never rewritten beyond the display
normalisation and the department words made parameters.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from drafter.mining.cluster import leader_cluster
from drafter.mining.provenance import PlanRecord, source_order
from drafter.mining.text import clauses, display, key, raw_bigrams, sentences
from drafter.schema import Hint, Source

MIN_LEN = 8
MAX_LEN = 40
#: Likeness (cosine of character bigrams) for two hints to count as one.
SAME_HINT = 0.72

_VERB = re.compile(
    r"^(?:建立健全|开展|建立|健全|召开|组织开展|组织|制定|出台|举办|实施|推行|打造|设立|编制|组建|定期|严格落实|"
    r"严格执行|落实|完善|开设|设置|选派|邀请|评选|印发|签订|配齐|配强|推广|建强|搭建|开通|编印|"
    r"每(?:年|季度|半年|月|周))"
)
_FREQ = re.compile(r"每(?:年|季度|半年|个?月|周)|全年|至少|不少于|不低于")
_FREQ_START = re.compile(r"每(?:年|季度|半年|个?月|周)|全年")
_CONCRETE = re.compile(
    r"《[^》]+》|“[^”]+”|制度|机制|台账|清单|会议|培训|活动|专栏|平台|计划|预案|考核|督查|检查|讲座|"
    r"研讨|宣讲|评选|报告|读书班|专题|队伍|品牌"
)
#: Words that make a measure vague ("完善相关工作机制").
_VAGUE = re.compile(r"相关|有关|各项|各类|一系列|工作机制$|等工作$|等活动$")
#: Placeholders (x次, “xx”) mark an unfinished measure.
_PLACEHOLDER = re.compile(r"(?<![A-Za-z])(?:[xX]{1,2}|ＸＸ|ｘｘ)(?![A-Za-z])")
_OPEN_QUOTE = re.compile(r"[“《（(]")
_CLOSE_QUOTE = re.compile(r"[”》）)]")


@dataclass(frozen=True)
class Candidate:
    """A hint as found in one task of one plan."""

    text: str
    score: int
    plan: str
    source: Source


def concreteness(text: str) -> int:
    """How concrete a measure reads: frequency words and named items count double, vagueness less."""
    named = "《" in text or "“" in text
    return (2 * bool(_FREQ.search(text)) + 2 * named + bool(_VERB.match(text)) + bool(_CONCRETE.search(text))
            - 2 * bool(_VAGUE.search(text)))


def _balanced(text: str) -> bool:
    return len(_OPEN_QUOTE.findall(text)) == len(_CLOSE_QUOTE.findall(text))


def _acceptable(text: str) -> bool:
    return MIN_LEN <= len(text) <= MAX_LEN and not _PLACEHOLDER.search(text) and _balanced(text)


def clauses_of(body: str) -> list[str]:
    """Candidate hint texts of a task body (display form), in order, without repeats."""
    out: list[str] = []
    for sent in (display(s) for s in sentences(body)):
        if _acceptable(sent) and _VERB.match(sent):
            out.append(sent)
            continue
        for _, clause in clauses(sent):
            m = _FREQ_START.search(clause)
            text = clause[m.start():] if m else clause
            if _acceptable(text) and (_VERB.match(text) or m):
                out.append(text)
    return list(dict.fromkeys(out))


def candidates(rec: PlanRecord, body: str, source: Source) -> list[Candidate]:
    """Concrete measures of one task body, generalised for its plan."""
    out = []
    for text in clauses_of(body):
        score = concreteness(text)
        if score >= 2:
            out.append(Candidate(rec.general(text), score, rec.key, source))
    return out


def rank(found: list[Candidate], limit: int, max_sources: int) -> list[Hint]:
    """Group near-duplicate candidates and keep the ``limit`` best, most used first."""
    if not found or limit <= 0:
        return []
    by_key: dict[str, list[Candidate]] = defaultdict(list)
    for c in found:
        by_key[key(c.text)].append(c)
    keys = sorted(by_key, key=lambda k: (-len({c.plan for c in by_key[k]}), k))
    groups = leader_cluster([dict.fromkeys(sorted(raw_bigrams(k)), 1.0) for k in keys], SAME_HINT)
    hints = []
    for members in groups:
        cands = [c for m in members for c in by_key[keys[m]]]
        hints.append(_hint(cands, max_sources))
    best: dict[str, int] = {}
    for c in found:
        best[c.text] = max(best.get(c.text, 0), c.score)
    hints.sort(key=lambda h: (-h.support, -best[h.text], len(h.text), h.text))
    return hints[:limit]


def _hint(cands: list[Candidate], max_sources: int) -> Hint:
    plans_of: dict[str, set[str]] = defaultdict(set)
    for c in cands:
        plans_of[c.text].add(c.plan)
    text = min(plans_of, key=lambda t: (-len(plans_of[t]), -concreteness(t), len(t), t))
    sources = sorted({c.source for c in cands}, key=source_order)[:max_sources]
    return Hint(text, len({c.plan for c in cands}), sources)

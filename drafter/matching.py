"""Match a plan's sections and tasks to a schema's themes and task patterns.

``check`` uses it for coverage (which common themes a draft lacks) and
``import`` to map last year's sections onto the schema. The evidence is the
miner's own: the seed lexicon on the heading, and likeness (idf-weighted
character bigrams) to each theme's heading variants and task patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.mining.lexicon import keyword_scores
from drafter.mining.text import bigrams, cosine, display, idf_table, split_heading, weigh
from drafter.model import Section, Task
from drafter.schema import Schema, TaskPattern, Theme

#: Least score for a section to count as a theme's (likeness + lexicon evidence).
THEME_MIN = 0.35
#: Weight of the lexicon's keyword score next to likeness.
LEXICON_WEIGHT = 0.12
#: Least likeness for a task to count as a pattern's.
PATTERN_MIN = 0.45
#: Lexicon weight of a keyword that surely names a theme (阵地, 风险, 队伍 …).
SURE_KEYWORD = 3.0

_PARAM = re.compile(r"\{\{[^}]*\}\}")


def _plain(text: str) -> str:
    """Text without jinja parameters (``{{ field }}``), for comparing."""
    return _PARAM.sub("", text)


@dataclass(frozen=True)
class ThemeMatch:
    """The theme a section was matched to (None: no common theme) and how surely."""

    theme: Theme | None
    score: float


class ThemeMatcher:
    """Matches sections to the themes of one schema (profiles built once)."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        docs: dict[str, set[str]] = {}
        pattern_docs: dict[str, set[str]] = {}
        for theme in schema.themes:
            tokens: set[str] = set()
            for v in theme.headings:
                tokens |= bigrams(split_heading(display(_plain(v.text)))[0])
            for p in theme.patterns:
                ptoks = set().union(*(bigrams(_plain(v.text)) for v in p.variants)) | bigrams(_plain(p.title))
                pattern_docs[p.id] = ptoks
                tokens |= ptoks
            docs[theme.id] = tokens
        self.idf = idf_table([*docs.values(), *pattern_docs.values()])
        self.profiles = {tid: weigh(toks, self.idf) for tid, toks in docs.items()}
        self.pattern_profiles = {pid: weigh(toks, self.idf) for pid, toks in pattern_docs.items()}

    def match(self, section: Section) -> ThemeMatch:
        """The best theme for ``section``, or a ThemeMatch with theme None."""
        short, rest = split_heading(display(section.title))
        lex = keyword_scores(short)
        for tid, w in keyword_scores(rest).items():
            lex[tid] = lex.get(tid, 0.0) + w / 2
        tokens = bigrams(short) | set().union(*(bigrams(t.title) for t in section.tasks)) if section.tasks \
            else bigrams(short)
        vec = weigh(tokens, self.idf)
        best: tuple[float, str] | None = None
        for theme in self.schema.themes:
            score = cosine(vec, self.profiles[theme.id]) + LEXICON_WEIGHT * lex.get(theme.id, 0.0)
            if best is None or score > best[0]:
                best = (score, theme.id)
        if best is None or best[0] < THEME_MIN:
            return ThemeMatch(None, best[0] if best else 0.0)
        return ThemeMatch(self.schema.theme(best[1]), best[0])

    def covers(self, task: Task, theme: Theme) -> bool:
        """``task`` does the work of ``theme``: one of its patterns, or a sure keyword of it in the title."""
        return keyword_scores(task.title).get(theme.id, 0.0) >= SURE_KEYWORD or self.match_task(task, theme) is not None

    def match_task(self, task: Task, theme: Theme) -> TaskPattern | None:
        """The pattern of ``theme`` that ``task`` is an instance of, if any."""
        vec = weigh(bigrams(task.title), self.idf)
        scored = [(cosine(vec, self.pattern_profiles[p.id]), p.id, p) for p in theme.patterns]
        if not scored:
            return None
        score, _, pattern = max(scored, key=lambda s: (s[0], s[1]))
        return pattern if score >= PATTERN_MIN else None

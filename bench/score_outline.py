"""How well a generated outline fits what a unit really wrote: leave-one-out over real plans.

Usage: python bench/score_outline.py CORPUS_DIR [OPENINGS_DIR …] [--all] [--json] [--speed] [--ceiling] [--misses]

For every held-out plan — the full-text plans of the corpus folders (``--all``: every plan whose
outline is whole, outline listings too) and the plans of the other folders that carry a whole
outline (three or more sections, each with tasks) — the schema is mined from the corpus *without
that plan*, an outline is generated for the plan's organisation and year (the default template,
the profile matched from the org, alternatives included), and the two are compared:

  themes    share of the held-out plan's themes that the outline carries: a section of that theme
            (both plans' sections placed by the miner's own theme classifier, in one run), or, for a
            common theme, a task or 备选 whose title surely names it (a lexicon keyword of weight 3:
            网络, 党建, 数字 …)
  tasks     share of the held-out plan's task titles matched by an outline task or 备选 task:
            character-bigram Dice ≥ 0.30 after stripping punctuation, 意识形态 and 工作
  foreign   words of other units' fields found in the outline (profile field words of every other
            profile, and the default template's exclude_words, less those in the org name)
  stale     phrases the year context marks stale (or 【?】 leftovers) found in the outline

Targets (issue 12): themes ≥ 0.95, tasks ≥ 0.45, foreign 0, stale 0.
``--speed`` also measures compose + render (text) in-process on one core: ≥ 140 plans/s.
``--ceiling`` adds what an outline carrying every pattern title / every stored wording / every task title of
the other plans would match (the most a choice of tasks could reach from that schema or corpus).
``--misses`` lists every held-out task title (+ matched, - not) with the nearest outline title and its Dice.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drafter.corpus.meta import parse_title, preamble_org  # noqa: E402
from drafter.corpus.reader import merge_plans, read_paths  # noqa: E402
from drafter.mining import mine, section_themes  # noqa: E402
from drafter.mining.lexicon import keyword_scores  # noqa: E402
from drafter.model import Plan  # noqa: E402

DICE_MIN = 0.30
_STRIP = re.compile(r"[\s\W_\d]|意识形态|工作")


def bare(title: str) -> str:
    """A task title without punctuation, digits, 意识形态 and 工作."""
    return _STRIP.sub("", title)


def dice(a: str, b: str) -> float:
    """Character-bigram Dice coefficient of two bare titles."""
    x = {a[i: i + 2] for i in range(len(a) - 1)}
    y = {b[i: i + 2] for i in range(len(b) - 1)}
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


def whole_outline(plan: Plan) -> bool:
    """True when the plan carries a whole outline: three or more sections, each with tasks."""
    return len(plan.sections) >= 3 and all(s.tasks for s in plan.sections)


def read(folder: Path) -> list[Plan]:
    result = read_paths([folder])
    return [p for p in merge_plans(result.plans) if not p.not_a_plan]


def org_of(plan: Plan) -> str:
    if plan.org:
        return plan.org
    return parse_title(plan.title)[0] or preamble_org(plan.preamble)


def generate(schema: Any, org: str, year: int) -> tuple[Plan, dict[str, Any], list[str]]:
    """The outline drafter makes for ``org`` and ``year`` from ``schema``, its variables and its alternatives."""
    from drafter.compose import composition
    from drafter.templates import resolve_template

    try:  # the profile-aware path
        from drafter.knowledge.fit import fit_for
    except ImportError:  # before profiles: the default template as drafter new used it
        comp = composition(schema, resolve_template("default"), {"org": org}, year, _context(year))
        return comp.plan, comp.variables, []
    if "default" not in _TEMPLATES:
        _TEMPLATES["default"] = resolve_template("default")
    comp = composition(schema, _TEMPLATES["default"], {"org": org}, year, _context(year), "hints", fit_for(org))
    alternatives = [a.title for s in comp.plan.sections for a in s.alternatives]
    return comp.plan, comp.variables, alternatives


_CONTEXTS: dict[int, Any] = {}
_TEMPLATES: dict[str, Any] = {}


def _context(year: int) -> Any:
    try:
        from drafter.drafting import context_for
    except ImportError:  # drafter before the one drafting path
        from drafter.params import context_for  # type: ignore[import-not-found,no-redef]

    if year not in _CONTEXTS:
        _CONTEXTS[year] = context_for(year)
    return _CONTEXTS[year]


def all_titles(plan: Plan, alternatives: list[str]) -> list[str]:
    return [t.title for t in plan.tasks] + alternatives


def outline_words(plan: Plan, alternatives: list[str]) -> str:
    parts = [s.title for s in plan.sections]
    for t in plan.tasks:
        parts += [t.title, *t.hints]
    return "\n".join(parts + alternatives)


def foreign_words(org: str, variables: dict[str, Any]) -> list[str]:
    """Words of other units' fields: other profiles' field words and the default template's exclude words."""
    from drafter.templates import resolve_template

    base = [w for w in resolve_template("default").exclude_words if w not in ("xx", "XX")]
    try:
        from drafter.knowledge.profiles import foreign_words as profile_words
        from drafter.knowledge.profiles import match_profile
    except ImportError:
        return [w for w in base if w not in org]
    m = match_profile(org)
    own = m.profile if m else None
    words = profile_words(own, org) + [w for w in base if own is None or w not in own.field_words]
    given = variables.get("field_words") or []
    field_text = "".join(map(str, given)) if isinstance(given, (list, tuple)) else ""
    return [w for w in dict.fromkeys(words) if w not in org and w not in field_text]


def stale_phrases(year: int) -> list[str]:
    try:
        return [str(s) for s in _context(year).get("stale") or []]
    except Exception:  # a year without a context file: nothing known to be stale
        return []


def score_one(held: Plan, corpus: Sequence[Plan], year: int) -> dict[str, Any]:
    rest = [p for p in corpus if p is not held]
    schema = mine(rest, schema_id="ideology-work-points")
    org = org_of(held)
    outline, variables, alternatives = generate(schema, org, year)
    # both plans' sections placed by the miner's classifier in one run
    tagged = section_themes([*rest, held, outline])
    held_key = _key_of(tagged, len(rest))
    out_key = _key_of(tagged, len(rest) + 1)
    held_themes = {t for k, _, _, t in tagged if k == held_key}
    out_themes = {t for k, _, _, t in tagged if k == out_key}
    # a common theme the outline carries as a task (network in the positions section) is covered too
    out_themes |= {tid for title in all_titles(outline, alternatives)
                   for tid, weight in keyword_scores(title).items() if weight >= 3}
    themes = len(held_themes & out_themes) / len(held_themes) if held_themes else 1.0
    mine_titles = [bare(t) for t in all_titles(outline, alternatives)]
    held_titles = [bare(t.title) for t in held.tasks]
    matched = sum(1 for h in held_titles if any(dice(h, m) >= DICE_MIN for m in mine_titles))
    shown = all_titles(outline, alternatives)
    near = [(t.title, *max(((dice(h, bare(m)), m) for m in shown), default=(0.0, "")))
            for t, h in zip(held.tasks, held_titles, strict=True)]
    text = outline_words(outline, alternatives)
    foreign = sorted({w for w in foreign_words(org, variables) if w and w in text})
    stale = sorted({s for s in stale_phrases(year) if s and s in text})
    stale += ["【?】"] if "【?】" in text else []
    ceiling = _ceiling(held_titles, schema, rest) if CEILING else {}
    return {
        **ceiling,
        "org": org, "year": year, "themes": round(themes, 3),
        "tasks": round(matched / len(held_titles), 3) if held_titles else 1.0,
        "missing_themes": sorted(held_themes - out_themes), "foreign": foreign, "stale": stale,
        "outline_tasks": len(outline.tasks), "alternatives": len(alternatives),
        "nearest": [[title, round(score, 2), best] for title, score, best in near],
    }


#: Set by ``--ceiling``: also score what the outline could match at most.
CEILING = False


def _ceiling(held_titles: list[str], schema: Any, rest: Sequence[Plan]) -> dict[str, float]:
    """Shares of the held-out titles matched by every pattern title, every stored wording, every corpus title.

    What an outline carrying all of them would reach: the choice of tasks cannot do better
    than the schema offers (``wordings``), nor the miner better than the corpus holds (``corpus``).
    """
    def share(pool: list[str]) -> float:
        bares = [bare(t) for t in pool]
        hit = sum(1 for h in held_titles if any(dice(h, m) >= DICE_MIN for m in bares))
        return round(hit / len(held_titles), 3) if held_titles else 1.0

    patterns = [p for th in schema.themes for p in th.patterns]
    return {
        "ceiling_patterns": share([p.title for p in patterns]),
        "ceiling_wordings": share([v.text for p in patterns for v in p.variants]),
        "ceiling_corpus": share([t.title for p in rest for t in p.tasks]),
    }


def _key_of(tagged: list[tuple[str, int, str, str]], index: int) -> str:
    """The record key section_themes gave the plan at ``index`` (keys run in plan order)."""
    keys = list(dict.fromkeys(k for k, _, _, _ in tagged))
    return keys[index] if index < len(keys) else ""


def speed(schema: Any, orgs: list[str], year: int, seconds: float = 3.0) -> float:
    """Plans per second composed and rendered (text) in-process on one core."""
    from drafter.render.text import render_text

    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        plan, _, _ = generate(schema, orgs[done % len(orgs)], year)
        render_text(plan)
        done += 1
    return done / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("extra", type=Path, nargs="*", help="folders whose plans with a whole outline are scored too")
    ap.add_argument("--all", action="store_true", help="score every corpus plan with a whole outline")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--ceiling", action="store_true",
                    help="also the share matched by every pattern title, every stored wording, every corpus title")
    ap.add_argument("--misses", action="store_true",
                    help="list every held-out task title with the nearest outline title and its Dice")
    args = ap.parse_args(argv)
    missing = [p for p in (args.corpus, *args.extra) if not p.is_dir()]
    if missing:
        print(f"not a folder: {missing[0]}", file=sys.stderr)
        return 2
    global CEILING
    CEILING = args.ceiling
    corpus = read(args.corpus)
    held = [p for p in corpus if whole_outline(p) and (args.all or not p.outline_only)]
    rows = []
    for plan in held:
        rows.append(score_one(plan, corpus, plan.year or 2026))
    for folder in args.extra:
        for plan in read(folder):
            if whole_outline(plan):
                corpus_plus = [*corpus, plan]
                rows.append(score_one(plan, corpus_plus, plan.year or 2026))
    summary = {
        "plans": len(rows),
        "themes": round(statistics.mean(r["themes"] for r in rows), 3),
        "tasks": round(statistics.mean(r["tasks"] for r in rows), 3),
        "foreign": sum(len(r["foreign"]) for r in rows),
        "stale": sum(len(r["stale"]) for r in rows),
    }
    for key in ("ceiling_patterns", "ceiling_wordings", "ceiling_corpus"):
        if args.ceiling:
            summary[key] = round(statistics.mean(r[key] for r in rows), 3)
    if args.speed:
        try:
            from drafter.drafting import schema_for
        except ImportError:
            from drafter.params import schema_for  # type: ignore[import-not-found,no-redef]

        summary["plans_per_s"] = round(speed(schema_for("ideology-work-points"), [r["org"] for r in rows], 2026), 1)
    if args.json:
        print(json.dumps({"summary": summary, "rows": rows}, ensure_ascii=False, indent=1))
        return 0
    for r in rows:
        print(f"{r['org'][:14]:<14}\t{r['year']}\tthemes {r['themes']:.2f}\ttasks {r['tasks']:.2f}\t"
              f"foreign {','.join(r['foreign']) or '-'}\tstale {','.join(r['stale']) or '-'}\t"
              f"missing {','.join(r['missing_themes']) or '-'}\t({r['outline_tasks']}+{r['alternatives']})")
        if args.misses:
            for title, score, best in r["nearest"]:
                print(f"    {'+' if score >= DICE_MIN else '-'} {score:.2f}  {title}  ← {best}")
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark ``drafter.mining.mine`` on 100 and 1,000 synthetic plans.

The plans are made from the corpus in tests/fixtures/corpus by recombining
sections of different plans, shuffling and dropping tasks and sentences,
swapping the leading verbs of headings and titles (加强/强化/深化 …),
changing the department (民政 → 财政 …) and the punctuation width. The
data are seeded, so every run mines the same plans.

Run: /work/venv/bin/python bench/bench_mine.py [N …]   (default: 100 1000)
Target: 1,000 plans in ≤ 30 s on a 2-core machine, time about linear in N.
"""

from __future__ import annotations

import copy
import random
import re
import sys
import time
from pathlib import Path

from drafter.corpus.reader import read_paths
from drafter.mining import mine
from drafter.mining.departments import DEPARTMENTS, detect
from drafter.model import Plan, Section, Span, Task

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "corpus"
VERBS = ("加强", "强化", "深化", "推进", "健全", "完善", "提升", "压实", "巩固", "筑牢")
_VERB_RE = re.compile("^(" + "|".join(VERBS) + ")")
_SENT = re.compile(r"(?<=[。；])")


def base_plans() -> list[Plan]:
    """The corpus plans that have sections."""
    return [p for p in read_paths([CORPUS]).plans if p.sections and not p.not_a_plan]


def _swap_verb(text: str, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return _VERB_RE.sub(lambda _: rng.choice(VERBS), text)
    return text


def _punct(text: str, rng: random.Random) -> str:
    return text.replace(",", "，") if rng.random() < 0.5 else text.replace("，", ",")


def _body(body: str, rng: random.Random) -> str:
    sents = [s for s in _SENT.split(body) if s]
    if len(sents) > 3:
        sents = [s for s in sents if rng.random() > 0.2] or sents[:1]
        i = rng.randrange(len(sents))
        j = rng.randrange(len(sents))
        sents[i], sents[j] = sents[j], sents[i]
    return "".join(sents)


def _redepartment(text: str, old: str | None, new: str) -> str:
    return text.replace(old, new) if old else text


def _task(t: Task, rng: random.Random, old: str | None, new: str) -> Task:
    t = copy.copy(t)
    t.title = _punct(_swap_verb(_redepartment(t.title, old, new), rng), rng)
    t.body = _body(_redepartment(t.body, old, new), rng)
    return t


def _section(sec: Section, rng: random.Random, old: str | None, new: str, source: str, line: int) -> Section:
    tasks = [_task(t, rng, old, new) for t in sec.tasks if rng.random() > 0.1] or [copy.copy(sec.tasks[0])]
    if len(tasks) > 2 and rng.random() < 0.3:
        i = rng.randrange(len(tasks) - 1)
        tasks[i], tasks[i + 1] = tasks[i + 1], tasks[i]
    for k, t in enumerate(tasks):
        t.span = Span(source, line + k + 1, line + k + 1)
    title = _punct(_swap_verb(_redepartment(sec.title, old, new), rng), rng)
    return Section(sec.number, title, sec.intro, tasks, sec.outline_only, Span(source, line, line))


def synthetic(n: int, bases: list[Plan]) -> list[Plan]:
    """``n`` plans recombined and perturbed from ``bases`` (seeded: same every run)."""
    out = []
    for i in range(n):
        rng = random.Random(i)
        base = rng.choice(bases)
        dept = rng.choice(DEPARTMENTS)
        old = detect(base.org, base.title)
        old_word = old.label if old is not None and old.label in base.preamble + base.org else None
        org = dept.orgs[0] if dept.orgs else f"市{dept.label}局"
        source = f"synthetic/{i:04d}.txt"
        sections = []
        for k, sec in enumerate(base.sections):
            donor = rng.choice(bases) if rng.random() < 0.5 else base
            pick = donor.sections[k] if k < len(donor.sections) else sec
            donor_dept = detect(donor.org, donor.title)
            sections.append(_section(pick, rng, donor_dept.label if donor_dept else old_word, dept.label,
                                     source, 10 + 30 * k))
        plan = Plan(title=f"{org}{base.year or 2026}年意识形态工作要点", org=org, year=base.year,
                    preamble=_redepartment(base.preamble, old_word, dept.label), sections=sections,
                    tasks_heading=base.tasks_heading, outline_only=base.outline_only)
        plan.sources = [Span(source, 1, 10 + 30 * len(sections))]
        out.append(plan)
    return out


def timed(n: int, bases: list[Plan]) -> float:
    """Seconds to mine ``n`` synthetic plans (data built beforehand, not timed)."""
    plans = synthetic(n, bases)
    start = time.perf_counter()
    schema = mine(plans, schema_id="bench")
    seconds = time.perf_counter() - start
    patterns = sum(len(t.patterns) for t in schema.themes)
    print(f"{n:>5} 篇：{seconds:6.2f} 秒（{len(schema.themes)} 个主题，{patterns} 个任务模式）")
    return seconds


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [100, 1000]
    bases = base_plans()
    results = [(n, timed(n, bases)) for n in sizes]
    if len(results) >= 2:
        (n0, t0), (n1, t1) = results[0], results[-1]
        print(f"规模 ×{n1 / n0:g}，时间 ×{t1 / t0:.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])

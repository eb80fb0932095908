"""Score the reader against hand labels (bench/gold/reader/NN.yaml).

Usage::

    python bench/score_reader.py CORPUS_DIR [--gold bench/gold/reader] [--exclude 05,12] [--only 05,12]
                                            [--files]

CORPUS_DIR holds the documents the gold files name (``file:``); the labels
follow bench/gold/README.md. Printed: section and task precision / recall /
F1 (micro, over all files), title / org / year / truncated / kind accuracy
per gold plan, plan-count correctness per file (compilations split right),
reports flagged, gold noise that leaked into titles or structure, and a
per-file table.

Matching rule (sections, tasks, titles): both sides are reduced to their
letters and digits (whitespace and all punctuation removed, full/half width
folded). Two items match when the keys are equal, when rapidfuzz
``ratio ≥ 85``, or when the shorter key is a prefix of the longer one, is
at least 6 characters long and at least half its length (a heading cut off
by truncation, a task title cut at "，" instead of "。"). Items are paired
one to one, in order, each gold item with the first unused predicted item
that matches. Titles and orgs must be equal after reduction (no
tolerance: a title still carrying "(全文1405字)" is wrong); years equal.

Predicted sections of a plan are its framing parts and themed sections in
document order (front parts, sections, back parts), as the gold lists
them; predicted tasks are the tasks of the themed sections. An untitled
section (the tasks a page opens with before any heading) is not counted:
the gold has no heading to list for it.

Plans are aligned to gold plans in order by dynamic programming on their
shared sections and tasks and title, so a compilation read as fewer or
more plans costs the unmatched plans' items (false negatives / positives).
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # score this checkout's reader

from drafter.corpus.reader import read_file
from drafter.errors import DrafterError
from drafter.model import Plan

ROOT = Path(__file__).resolve().parent.parent
FUZZ = 85
MIN_PREFIX = 6


def key(text: str | None) -> str:
    """Letters and digits of ``text`` only, width-folded and lower-cased."""
    if not text:
        return ""
    t = unicodedata.normalize("NFKC", text).lower()
    return "".join(c for c in t if c.isalnum())


def same(a: str, b: str) -> bool:
    """Two reduced keys match under the rule in the module docstring."""
    if not a or not b:
        return a == b
    if a == b or fuzz.ratio(a, b) >= FUZZ:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= MIN_PREFIX and 2 * len(short) >= len(long_) and long_.startswith(short)


def pair(gold: list[str], pred: list[str]) -> int:
    """Number of gold items matched one to one with predicted items (in order, first match)."""
    used = [False] * len(pred)
    hits = 0
    for g in gold:
        for j, p in enumerate(pred):
            if not used[j] and same(g, p):
                used[j] = True
                hits += 1
                break
    return hits


@dataclass
class PlanView:
    """What the scorer compares of one plan, gold or predicted."""

    title: str
    org: str
    year: int | None
    not_a_plan: bool
    truncated: bool
    sections: list[str]
    tasks: list[str]
    texts: list[str] = field(default_factory=list)  # title, org and structure as written (for leaks)


def gold_view(g: dict[str, Any]) -> PlanView:
    return PlanView(key(g.get("title")), key(g.get("org")), g.get("year"), g.get("kind") == "not_a_plan",
                    bool(g.get("truncated")), [key(s) for s in g.get("sections") or []],
                    [key(t) for t in g.get("tasks") or []])


def pred_view(p: Plan) -> PlanView:
    heads = [part.heading for part in p.front] + [s.title for s in p.sections] + [part.heading for part in p.back]
    tasks = [t.title for t in p.tasks]
    return PlanView(key(p.title), key(p.org), p.year, p.not_a_plan, p.truncated,
                    [key(h) for h in heads if key(h)], [key(t) for t in tasks], [p.title, p.org, *heads, *tasks])


def similarity(g: PlanView, p: PlanView) -> int:
    return pair(g.sections, p.sections) + pair(g.tasks, p.tasks) + (2 if g.title and g.title == p.title else 0)


def align(gold: list[PlanView], pred: list[PlanView]) -> list[tuple[int | None, int | None]]:
    """Order-preserving pairing of gold and predicted plans maximising shared items."""
    n, m = len(gold), len(pred)
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + similarity(gold[i], pred[j]) + 1)
    out: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        if best[i][j] == best[i + 1][j + 1] + similarity(gold[i], pred[j]) + 1:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            out.append((i, None))
            i += 1
        else:
            out.append((None, j))
            j += 1
    out.extend((k, None) for k in range(i, n))
    out.extend((None, k) for k in range(j, m))
    return out


@dataclass
class Counts:
    """Running totals over files."""

    sec: list[int] = field(default_factory=lambda: [0, 0, 0])  # hits, gold, predicted
    task: list[int] = field(default_factory=lambda: [0, 0, 0])
    title: list[int] = field(default_factory=lambda: [0, 0])  # right, gold plans
    org: list[int] = field(default_factory=lambda: [0, 0])
    year: list[int] = field(default_factory=lambda: [0, 0])
    truncated: list[int] = field(default_factory=lambda: [0, 0])
    kind: list[int] = field(default_factory=lambda: [0, 0])
    split: list[int] = field(default_factory=lambda: [0, 0])  # files with the right number of plans
    compilations: list[int] = field(default_factory=lambda: [0, 0])
    reports: list[int] = field(default_factory=lambda: [0, 0])  # gold not_a_plan plans flagged
    leaks: int = 0
    noise: int = 0


@dataclass
class FileScore:
    """One file's row of the table."""

    name: str
    gold_plans: int
    pred_plans: int
    sec: tuple[int, int, int]
    task: tuple[int, int, int]
    meta: str
    leaks: list[str]
    error: str = ""


def score_file(gold: dict[str, Any], corpus: Path, c: Counts) -> FileScore:
    name = gold["file"]
    gplans = [gold_view(g) for g in gold.get("plans") or []]
    error = ""
    try:
        found = read_file(corpus / name)
    except DrafterError as e:
        found, error = [], str(e)
    pplans = [pred_view(p) for p in found]
    sec = [0, 0, 0]
    task = [0, 0, 0]
    meta: list[str] = []
    for gi, pj in align(gplans, pplans):
        g = gplans[gi] if gi is not None else None
        p = pplans[pj] if pj is not None else None
        sec[1] += len(g.sections) if g else 0
        task[1] += len(g.tasks) if g else 0
        sec[2] += len(p.sections) if p else 0
        task[2] += len(p.tasks) if p else 0
        if g is None:
            continue
        if p is not None:
            sec[0] += pair(g.sections, p.sections)
            task[0] += pair(g.tasks, p.tasks)
        flags = ""
        for attr, tally, letter in (("title", c.title, "T"), ("org", c.org, "O"), ("year", c.year, "Y"),
                                    ("truncated", c.truncated, "C"), ("not_a_plan", c.kind, "K")):
            ok = p is not None and getattr(g, attr) == getattr(p, attr)
            tally[0] += ok
            tally[1] += 1
            flags += letter if ok else "-"
        if g.not_a_plan:
            c.reports[1] += 1
            c.reports[0] += bool(p and p.not_a_plan)
        meta.append(flags)
    for i in range(3):
        c.sec[i] += sec[i]
        c.task[i] += task[i]
    right = len(gplans) == len(pplans)
    c.split[0] += right
    c.split[1] += 1
    if len(gplans) > 1:
        c.compilations[0] += right
        c.compilations[1] += 1
    leaks = _leaks(gold.get("noise") or [], pplans)
    c.leaks += len(leaks)
    c.noise += len(gold.get("noise") or [])
    return FileScore(name, len(gplans), len(pplans), (sec[0], sec[1], sec[2]), (task[0], task[1], task[2]),
                     " ".join(meta), leaks, error)


def _leaks(noise: list[str], plans: list[PlanView]) -> list[str]:
    """Gold noise fragments found inside a predicted title, org, heading or task title."""
    texts = [key(t) for p in plans for t in p.texts]
    out = []
    for n in noise:
        k = key(str(n))
        if len(k) >= 4 and any(k in t for t in texts if t):
            out.append(str(n))
    return out


def prf(hits: int, gold: int, pred: int) -> tuple[float, float, float]:
    p = hits / pred if pred else (1.0 if not gold else 0.0)
    r = hits / gold if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def pct(t: list[int]) -> str:
    return f"{100 * t[0] / t[1]:.0f}% ({t[0]}/{t[1]})" if t[1] else "n/a"


def load_gold(folder: Path, exclude: set[str], only: set[str]) -> list[dict[str, Any]]:
    out = []
    for path in sorted(folder.glob("*.yaml")):
        num = path.stem
        if num in exclude or (only and num not in only):
            continue
        with path.open(encoding="utf-8") as f:
            out.append(yaml.safe_load(f))
    return out


def _nums(s: str) -> set[str]:
    return {x.strip().zfill(2) for x in s.split(",") if x.strip()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--gold", type=Path, default=ROOT / "bench" / "gold" / "reader")
    ap.add_argument("--exclude", default="", help="gold numbers left out, comma-separated (05,12)")
    ap.add_argument("--only", default="", help="score only these gold numbers")
    ap.add_argument("--files", action="store_true", help="print the per-file table")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"not a folder: {args.corpus}", file=sys.stderr)
        return 2
    golds = load_gold(args.gold, _nums(args.exclude), _nums(args.only))
    if not golds:
        print(f"no gold files in {args.gold}", file=sys.stderr)
        return 2
    c = Counts()
    rows = [score_file(g, args.corpus, c) for g in golds]
    if args.files:
        print(f"{'file':44} plans  sec h/g/p     task h/g/p    meta(TOYCK)  leaks")
        for r in rows:
            print(f"{r.name[:44]:44} {r.gold_plans}/{r.pred_plans:<3} {'/'.join(map(str, r.sec)):12}  {'/'.join(map(str, r.task)):12}  "
                  f"{r.meta:12} {len(r.leaks)}{'  ' + r.error if r.error else ''}")
            for leak in r.leaks:
                print(f"{'':48}leak: {leak}")
        print()
    sp, sr, sf = prf(*c.sec)
    tp, tr, tf = prf(*c.task)
    print(f"files {len(golds)}, gold plans {c.title[1]}")
    print(f"sections  P {sp:.3f}  R {sr:.3f}  F1 {sf:.3f}   ({c.sec[0]} hits / {c.sec[1]} gold / {c.sec[2]} read)")
    print(f"tasks     P {tp:.3f}  R {tr:.3f}  F1 {tf:.3f}   ({c.task[0]} hits / {c.task[1]} gold / {c.task[2]} read)")
    print(f"title {pct(c.title)}  org {pct(c.org)}  year {pct(c.year)}  truncated {pct(c.truncated)}  "
          f"kind {pct(c.kind)}")
    print(f"plan count right {pct(c.split)}  compilations split right {pct(c.compilations)}  "
          f"reports flagged {pct(c.reports)}  noise leaked {c.leaks}/{c.noise}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

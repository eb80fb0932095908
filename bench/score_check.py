"""Score ``drafter check`` against hand fault lists (bench/gold/check/NN.yaml).

Usage::

    python bench/score_check.py CORPUS_DIR [--gold bench/gold/check] [--exclude 05,12,20,25,31,34]
                                           [--only 05,12] [--files] [--show]
    python bench/score_check.py bench/gold/check_wild [--exclude 03,07,10,14,17,20,22,23]

CORPUS_DIR holds the documents the gold files name (``file:``); the labels
follow bench/gold/README.md. A folder that holds its own labels (``NN.yaml``
beside ``NN.txt``, as bench/gold/check_wild) is scored against them unless
``--gold`` says otherwise. Check runs on each file as a user runs it (no
``--year``); every plan read from the file contributes its findings.

Matching rule: a finding matches a gold fault when

* its code corresponds to the fault's kind (:data:`KINDS`), and
* what it locates overlaps the fault's text: the finding's quoted words
  (``Finding.text``) and the fault text share a stretch covering at least
  half of the shorter of the two (at least 2 characters); a finding that
  quotes nothing is located by its source line, which must hold part of the
  fault text. Texts are compared width-folded with whitespace removed;
* where the fault gives its ``line:``, the finding is located on that line
  (a finding without a line is judged by its words alone).

Recall = gold faults matched by some finding / gold faults. Precision =
findings (warnings and errors; info notes are not counted) that match some
gold fault / findings. A finding of a code no gold kind covers (coverage,
section sizes …) counts as false. With ``--exclude`` the held-out files are
scored separately and printed at the end.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's drafter, whatever is installed

from drafter.corpus.extract import read_lines  # noqa: E402
from drafter.errors import DrafterError  # noqa: E402
from drafter.review.check import run_check  # noqa: E402
from drafter.review.findings import Finding, Severity  # noqa: E402

HELD_OUT = "05,12,20,25,31,34"

#: Finding code (or code prefix ending in "-") → gold fault kind.
KINDS = {
    "stale-reference": "stale_reference",
    "placeholder": "placeholder",
    "redaction": "redaction",
    "web-residue": "web_residue",
    "hidden-text": "hidden_text",
    "drafting-note": "drafting_residue",
    "drafting-residue": "drafting_residue",
    "truncated": "truncated",
    "title-": "title",
    "numbering-": "numbering",
    "mark-": "numbering",
    "year-": "year_mismatch",
    "typo": "typo",
    "org-mismatch": "org_mismatch",
}


def kind_of(code: str) -> str:
    for prefix, kind in KINDS.items():
        if code == prefix or (prefix.endswith("-") and code.startswith(prefix)):
            return kind
    return "other"


def fold(text: str) -> str:
    """Width-folded text without whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def overlaps(a: str, b: str) -> bool:
    """The two folded texts share a stretch of at least half the shorter one (≥ 2 characters)."""
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    m = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size >= max(2, (min(len(a), len(b)) + 1) // 2)


@dataclass
class Tally:
    """Hits and totals, for recall (faults) and precision (findings)."""

    found: int = 0
    faults: int = 0
    right: int = 0
    findings: int = 0

    def add(self, other: Tally) -> None:
        self.found += other.found
        self.faults += other.faults
        self.right += other.right
        self.findings += other.findings

    def recall(self) -> float | None:
        return self.found / self.faults if self.faults else None

    def precision(self) -> float | None:
        return self.right / self.findings if self.findings else None


@dataclass
class FileResult:
    name: str
    total: Tally
    by_kind: dict[str, Tally]
    missed: list[tuple[str, str]] = field(default_factory=list)
    false: list[str] = field(default_factory=list)
    error: str = ""


def located(f: Finding, lines: dict[int, str]) -> str:
    quoted = getattr(f, "text", "")  # older checks quote nothing
    if quoted:
        return fold(quoted)
    return fold(lines.get(f.line, "")) if f.line is not None else ""


def matches(f: Finding, fault: dict[str, Any], lines: dict[int, str]) -> bool:
    if kind_of(f.code) != fault["kind"]:
        return False
    if fault.get("line") is not None and f.line is not None and f.line != fault["line"]:
        return False
    gold = fold(str(fault.get("text") or ""))
    where = located(f, lines)
    if getattr(f, "text", ""):
        return overlaps(where, gold)
    # located by line only: the line holds a good part of the fault text
    return bool(where) and overlaps(where, gold) and (gold in where or where in gold or len(gold) <= 2 * len(where))


def score_file(gold: dict[str, Any], corpus: Path) -> FileResult:
    name = gold["file"]
    path = corpus / name
    faults = [f for f in gold.get("faults") or [] if f.get("kind")]
    error = ""
    try:
        lines = {ln.no: ln.text for ln in read_lines(path)}
        findings = [f for r in run_check(path) for f in r.findings if f.severity is not Severity.INFO]
    except DrafterError as e:
        lines, findings, error = {}, [], str(e)
    by_kind: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    result = FileResult(name, total, by_kind, error=error)
    for fault in faults:
        hit = any(matches(f, fault, lines) for f in findings)
        for t in (total, by_kind[fault["kind"]]):
            t.faults += 1
            t.found += hit
        if not hit:
            result.missed.append((fault["kind"], str(fault.get("text"))))
    for f in findings:
        ok = any(matches(f, fault, lines) for fault in faults)
        for t in (total, by_kind[kind_of(f.code)]):
            t.findings += 1
            t.right += ok
        if not ok:
            result.false.append(f"{f.code} {f.where}（{f.line}）{f.message}" + (f"「{f.text}」" if getattr(f, "text", "") else ""))
    return result


def pct(x: float | None) -> str:
    return "   —" if x is None else f"{x:4.2f}"


def report(title: str, results: list[FileResult], *, files: bool, show: bool) -> None:
    total = Tally()
    kinds: dict[str, Tally] = defaultdict(Tally)
    for r in results:
        total.add(r.total)
        for k, t in r.by_kind.items():
            kinds[k].add(t)
    print(f"== {title}: {len(results)} files, {total.faults} faults, {total.findings} findings")
    print(f"   recall {pct(total.recall())} ({total.found}/{total.faults})   "
          f"precision {pct(total.precision())} ({total.right}/{total.findings})")
    print("   per kind:                recall        precision")
    for k in sorted(kinds):
        t = kinds[k]
        print(f"   {k:20} {pct(t.recall())} {t.found:3}/{t.faults:<3}   {pct(t.precision())} {t.right:3}/{t.findings:<3}")
    if files:
        print("   per file:")
        for r in results:
            t = r.total
            print(f"   {r.name[:48]:48} R {pct(t.recall())} {t.found}/{t.faults}  "
                  f"P {pct(t.precision())} {t.right}/{t.findings}" + (f"  ! {r.error}" if r.error else ""))
    if show:
        for r in results:
            if r.missed or r.false:
                print(f"   -- {r.name}")
                for k, text in r.missed:
                    print(f"      missed {k}: {text!r}")
                for line in r.false:
                    print(f"      false  {line}")


def yaml_has_file(path: Path) -> bool:
    """A label file (a mapping with ``file:``), not some other YAML."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return False
    return isinstance(data, dict) and "file" in data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--gold", type=Path, default=None,
                    help="label folder (default: CORPUS_DIR when it holds NN.yaml labels, else bench/gold/check)")
    ap.add_argument("--exclude", default="", help=f"held-out file numbers, scored apart (e.g. {HELD_OUT})")
    ap.add_argument("--only", default="", help="score only these file numbers")
    ap.add_argument("--files", action="store_true", help="print a per-file table")
    ap.add_argument("--show", action="store_true", help="print missed faults and false findings")
    args = ap.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"not a folder: {args.corpus}", file=sys.stderr)
        return 2
    if args.gold is None:
        own = any(yaml_has_file(g) for g in args.corpus.glob("*.yaml"))
        args.gold = args.corpus if own else ROOT / "bench" / "gold" / "check"
    exclude = {x.strip() for x in args.exclude.split(",") if x.strip()}
    only = {x.strip() for x in args.only.split(",") if x.strip()}
    main_results: list[FileResult] = []
    held: list[FileResult] = []
    for gold_path in sorted(args.gold.glob("*.yaml")):
        stem = gold_path.stem
        if only and stem not in only:
            continue
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        if not (args.corpus / gold["file"]).exists():
            print(f"skip {stem}: {gold['file']} not in {args.corpus}", file=sys.stderr)
            continue
        r = score_file(gold, args.corpus)
        (held if stem in exclude else main_results).append(r)
    report("scored" if exclude else "all", main_results, files=args.files, show=args.show)
    if held:
        print()
        report("held out (not tuned on)", held, files=args.files, show=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())

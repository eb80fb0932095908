"""Read files and folders of real plans into one list of distinct Plans.

The stages: extract lines → clean → tokens → documents → plans; then, over
all plans read together, name untitled outline listings from a table of
contents, merge an outline listing with the full text of the same plan (the
full text wins, the outline fills its gaps) and drop exact duplicates.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import sys
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from drafter.corpus.clean import TocEntry, clean
from drafter.corpus.extract import FOREIGN_SUFFIXES, SUFFIXES, Line, read_lines
from drafter.corpus.meta import is_generic_org, parse_title
from drafter.corpus.structure import NoiseIndex, build_plan, split_documents, tokenize
from drafter.errors import DrafterError, InputError
from drafter.model import Noise, Plan, Section, Span, Task
from drafter.numbering import norm
from drafter.parallel import cpu_count, start_worker

if TYPE_CHECKING:
    from concurrent.futures import Future

#: Share of an outline's task titles found in a full text for the two to be one plan.
SAME_PLAN = 0.6
MIN_SHARED = 3


@dataclass(frozen=True)
class Unplaced:
    """A line of an input that went into no plan part and no noise note."""

    source: str
    line: int
    text: str


@dataclass
class ReadResult:
    """Plans read from some inputs, with warnings, per-file errors and unplaced lines."""

    plans: list[Plan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[DrafterError] = field(default_factory=list)
    files: int = 0
    unplaced: list[Unplaced] = field(default_factory=list)


def expand(paths: Iterable[Path], skipped: list[tuple[Path, Path]] | None = None) -> Iterator[Path]:
    """Files named, and readable files inside folders named (sorted, recursive).

    ``skipped`` collects (folder, file) for each document in a folder that drafter does not read
    (.doc, .pdf …), found in the same walk, for :func:`skipped_warnings`.
    """
    for p in paths:
        if not p.is_dir():
            yield p
            continue
        found = []
        for f in p.rglob("*"):
            suffix = f.suffix.lower()
            if (suffix in SUFFIXES or (skipped is not None and suffix in FOREIGN_SUFFIXES)) and f.is_file() \
                    and not any(part.startswith(".") for part in f.relative_to(p).parts):
                if suffix in SUFFIXES:
                    found.append(f)
                elif skipped is not None:
                    skipped.append((p, f))
        yield from sorted(found)


def skipped_warnings(skipped: list[tuple[Path, Path]]) -> list[str]:
    """One warning per folder naming the documents in it that drafter does not read."""
    by_folder: dict[Path, list[Path]] = {}
    for folder, f in skipped:
        by_folder.setdefault(folder, []).append(f)
    out = []
    for folder, files in by_folder.items():
        files.sort()
        names = "、".join(f.name for f in files[:5]) + ("…" if len(files) > 5 else "")
        out.append(f"{folder}: 跳过 {len(files)} 个读不了的文件（{names}）：请另存为 .docx 或 .txt")
    return out


def read_text(text: str, source: str = "<text>") -> list[Plan]:
    """Plans in a text (one file's worth), before any cross-file merging."""
    from drafter.corpus.extract import text_lines

    return _read_lines(text_lines(text), source, join_broken=True)[0]


def read_file(path: Path) -> list[Plan]:
    """Plans in one file (outline listings merged with full texts within the file)."""
    return read_file_unplaced(path)[0]


def read_file_unplaced(path: Path) -> tuple[list[Plan], list[Unplaced]]:
    """Plans in one file, and the lines of it that went into no plan and no noise note."""
    lines = read_lines(path)
    plans, unplaced = _read_lines(lines, str(path), join_broken=path.suffix.lower() != ".docx")
    return merge_plans(plans), unplaced


def file_plans(lines: list[Line], path: Path) -> list[Plan]:
    """What :func:`read_file` finds, from the lines of ``path`` already read (check reads them once)."""
    return merge_plans(_read_lines(lines, str(path), join_broken=path.suffix.lower() != ".docx")[0])


def read_paths(paths: Iterable[Path], *, jobs: int | None = None,
               on_file: Callable[[Path], None] | None = None) -> ReadResult:
    """Read every file; a file that cannot be read is an error, the others go on.

    ``jobs``: worker processes (None: as many as the machine has cores, for a
    large input; 1: in this process). The result is the same either way, in
    the order of the files. ``on_file`` is called after each file is read.
    """
    skipped: list[tuple[Path, Path]] = []
    files = list(expand(paths, skipped))
    with _no_gc():  # one pause for the whole run: re-enabling per file makes the collector scan all plans so far
        result = ReadResult(warnings=skipped_warnings(skipped))
        plans: list[Plan] = []
        for path, (found, unplaced, error) in _each_file(files, jobs):
            result.files += 1
            if error is not None:
                result.errors.append(error)
            elif not found:
                result.warnings.append(f"{path}: 未找到工作要点（没有可识别的编号结构）")
            elif unplaced:
                nos = "、".join(str(u.line) for u in unplaced[:8]) + ("…" if len(unplaced) > 8 else "")
                result.warnings.append(f"{path}: 有 {len(unplaced)} 行未能归入任何一篇（第 {nos} 行）")
            result.unplaced.extend(unplaced)
            plans.extend(found)
            if on_file is not None:
                on_file(path)
        result.plans = merge_plans(plans)
        return result


_FileRead = tuple[list[Plan], list[Unplaced], DrafterError | None]

#: Smallest input (bytes on disk) read by worker processes when the caller leaves ``jobs`` open:
#: below it, starting the workers costs more than they save.
PARALLEL_BYTES = 4 * 1024 * 1024
#: Files one worker task reads at most (fewer when there are few files, so all workers get some).
_CHUNK = 16


def _read_one(path: Path) -> _FileRead:
    try:
        found, unplaced = _read_lines(read_lines(path), str(path), join_broken=path.suffix.lower() != ".docx")
    except InputError as e:
        return [], [], e
    return found, unplaced, None


def _read_some(paths: list[Path]) -> list[_FileRead]:
    """:func:`_read_one` for each of a few files (one worker task)."""
    return [_read_one(p) for p in paths]


def _each_file(files: list[Path], jobs: int | None) -> Iterator[tuple[Path, _FileRead]]:
    """Each file with what was read from it, in order; by worker processes when that pays."""
    workers = _workers(files, jobs)
    if workers == 1:
        for path in files:
            yield path, _read_one(path)
        return
    import multiprocessing  # here, not at the top: most runs read in-process and need not pay for the import
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = max(1, min(_CHUNK, len(files) // (workers * 4)))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_worker_init, initargs=(os.getpid(),))
    given = 0  # files yielded so far
    try:
        pending: deque[tuple[list[Path], Future[list[_FileRead]]]] = deque()
        for start in range(0, len(files), size):
            chunk = files[start:start + size]
            pending.append((chunk, pool.submit(_read_some, chunk)))
            while len(pending) > workers * 4 or (pending and start + size >= len(files)):
                # a few chunks in flight per worker: memory stays flat however many files
                done, future = pending.popleft()
                read = future.result()
                for pair in zip(done, read, strict=True):
                    yield pair
                    given += 1
    except BrokenProcessPool:
        pool.shutdown(wait=False, cancel_futures=True)  # a worker was killed (out of memory…): go on here
        for path in files[given:]:
            yield path, _read_one(path)
        return
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _workers(files: list[Path], jobs: int | None) -> int:
    """How many processes read ``files``: one unless there is enough to share and fork is at hand."""
    if len(files) < 2 or sys.platform != "linux":  # fork is cheap and safe here; elsewhere read in-process
        return 1
    if jobs is None:
        if _total_bytes(files) < PARALLEL_BYTES:
            return 1
        jobs = cpu_count()
    return max(1, min(jobs, len(files)))


def _total_bytes(files: list[Path]) -> int:
    total = 0
    for f in files:
        try:
            total += f.stat().st_size
        except OSError:
            continue  # reported when the file is read
        if total >= PARALLEL_BYTES:
            break
    return total


def _worker_init(parent: int) -> None:
    """In a worker: see :func:`~drafter.parallel.start_worker`; no cyclic collection (parsing makes no cycles)."""
    start_worker(parent)
    gc.disable()


@contextmanager
def _no_gc() -> Iterator[None]:
    """Parsing makes many small objects and no cycles: the cyclic collector only costs time here."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _read_lines(lines: list[Line], source: str, *, join_broken: bool) -> tuple[list[Plan], list[Unplaced]]:
    with _no_gc():
        return _parse(lines, source, join_broken=join_broken)


def _parse(lines: list[Line], source: str, *, join_broken: bool) -> tuple[list[Plan], list[Unplaced]]:
    cleaned = clean(lines, join_broken=join_broken)
    tokens = tokenize([(ln.no, ln.text) for ln in cleaned.lines])
    docs = split_documents(tokens)
    noise = NoiseIndex(cleaned.noise)
    built = (build_plan(d, source, noise) for d in docs)
    plans = _merge_same_title([p for p in built if p.sections or p.front or p.back])
    _name_from_toc(plans, cleaned.toc)
    # titles (also repeated ones), compilation separators, signature dates, 附件 labels
    headings = {t.no for t in tokens if t.kind in ("title", "compilation", "sep", "date", "appendix")}
    return plans, _unplaced(lines, source, plans, cleaned.noise, cleaned.joined | headings)


def _unplaced(lines: list[Line], source: str, plans: list[Plan], noise: list[Noise], joined: set[int]) -> list[Unplaced]:
    """Lines with text that no plan's span covers and no noise note names."""
    placed = set(joined)
    placed.update(n.line for n in noise)
    for p in plans:
        placed.update(n.line for n in p.noise)
        for span in p.sources:
            if span.source == source:
                placed.update(range(span.start, span.end + 1))
    return [Unplaced(source, ln.no, ln.text.strip()) for ln in lines
            if ln.no not in placed and any(c.isalnum() for c in ln.text)]


def _merge_same_title(plans: list[Plan]) -> list[Plan]:
    """An outline (目录/提纲) and the full text right after it under the same title: one plan.

    Only when their content agrees: two parts of a compilation may share one
    title ("篇一：2024年社区…计划", "篇二：2024年社区…计划") and be different plans.
    """
    out: list[Plan] = []
    for p in plans:
        prev = out[-1] if out else None
        if prev is not None and prev.title and _key(prev.title) == _key(p.title) and _bare(prev) != _bare(p):
            outline, full = (prev, p) if _bare(prev) else (p, prev)
            if _agrees(outline, full):
                outline.outline_only = True  # a listing even if its items end with a full stop
                out[-1] = _combine(outline, full)
                continue
        out.append(p)
    return out


def _similar(a: str, b: str) -> bool:
    return a == b or (len(a) >= 2 and len(b) >= 2 and (a.startswith(b) or b.startswith(a))) or fuzz.ratio(a, b) >= 85


def _bare(plan: Plan) -> bool:
    """Headings only, no text under them: an outline listing (or a terse plan)."""
    return plan.outline_only or not (plan.preamble or any(t.body or t.hints for t in plan.tasks)
                                     or any(s.intro for s in plan.sections)
                                     or any(p.text or p.items for p in (*plan.front, *plan.back)))


def _section_keys(plan: Plan) -> list[str]:
    return [_key(s.title) for s in plan.sections if s.title]


def _task_keys(plan: Plan) -> list[str]:
    return [_key(t.title) for t in plan.tasks if t.title]


def _agrees(outline: Plan, full: Plan) -> bool:
    """The outline lists the full text's parts: most section headings and most task titles shared.

    Counted over the shorter list, so that a truncated text still agrees with
    its outline; with nothing to compare on one side, the title decides.
    """
    for mine, theirs in ((_section_keys(outline), _section_keys(full)), (_task_keys(outline), _task_keys(full))):
        if mine and theirs:
            hits = sum(1 for k in mine if any(_similar(k, f) for f in theirs))
            if hits * 2 <= min(len(mine), len(theirs)):
                return False
    return True


def _headings(plan: Plan) -> int:
    return len(plan.front) + len(plan.sections) + len(plan.back) + len(plan.tasks)


def _combine(outline: Plan, full: Plan) -> Plan:
    """The full text, or (when a truncated text shows less) the outline with the text's parts in it."""
    if _headings(full) >= _headings(outline):
        fill_from_outline(full, outline)
        return full
    texts = {_key(s.title): s for s in full.sections}
    parts = {_key(p.heading): p for p in (*full.front, *full.back)}
    for i, sec in enumerate(outline.sections):
        found = texts.get(_key(sec.title))
        if found is not None:
            have = {_key(t.title)[:6] for t in found.tasks}
            found.tasks.extend(dataclasses.replace(t, outline_only=True) for t in sec.tasks
                               if _key(t.title)[:6] not in have)  # the text stops inside this section
            outline.sections[i] = found
        else:
            sec.outline_only = True
            for t in sec.tasks:
                t.outline_only = True
    outlined = {_key(s.title): s for s in outline.sections if s.outline_only}
    for group in (outline.front, outline.back):
        for i, part in enumerate(group):
            found_part = parts.get(_key(part.heading))
            if found_part is not None:
                # items that are the outline's sections (the text lost the heading above them) give those
                # sections their text; the others stay the part's items: nothing of the text is dropped
                kept = [it for it in found_part.items if not _fill_section(outlined.get(_key(it.title)), it)]
                group[i] = dataclasses.replace(part, text=found_part.text, span=found_part.span,
                                               items=kept or part.items)
    outline.preamble = full.preamble or outline.preamble
    outline.org, outline.year = outline.org or full.org, outline.year or full.year
    outline.outline_only, outline.truncated = False, True
    outline.not_a_plan = outline.not_a_plan or full.not_a_plan
    outline.sources = [*outline.sources, *full.sources]
    outline.noise = sorted({*outline.noise, *full.noise}, key=lambda n: (n.line, n.kind, n.text))
    return outline


def _fill_section(sec: Section | None, item: Task) -> bool:
    """Give an outline-only section the text of an item that stands for it; False when there is none."""
    if sec is None:
        return False
    sec.intro = "\n".join(x for x in (sec.intro, item.body) if x)
    sec.outline_only = False
    return True


def _name_from_toc(plans: list[Plan], toc: list[TocEntry]) -> None:
    """Give untitled outline listings the titles of a table of contents, by number or order."""
    untitled = [p for p in plans if not p.title and p.outline_only]
    if not toc or not untitled:
        return
    numbered = {e.number: e for e in toc if e.number is not None}
    count = max(numbered) if numbered else len(toc)
    if count != len(untitled):
        return
    for i, plan in enumerate(untitled, 1):
        entry = numbered.get(i) if numbered else toc[i - 1]
        if entry is None:
            continue
        plan.title = entry.title
        org, year = parse_title(entry.title)
        if org and (not plan.org or not is_generic_org(org)):
            plan.org = org
        plan.year = plan.year or year


# --- outline listings, full texts, duplicates ----------------------------------


def _key(title: str) -> str:
    return norm(title).replace(" ", "").rstrip("。")


class _TitleIndex:
    """Plans indexed by the start of their task titles, to find candidates without all-pairs."""

    def __init__(self, plans: Iterable[Plan] = ()) -> None:
        self._by_key: dict[str, list[Plan]] = defaultdict(list)
        for p in plans:
            self.add(p)

    def add(self, plan: Plan) -> None:
        for k in {_key(t.title)[:6] for t in plan.tasks}:
            self._by_key[k].append(plan)

    def best_match(self, outline: Plan, limit: int = 5) -> Plan | None:
        """The indexed plan sharing most task titles with ``outline``, if it is the same plan."""
        votes: dict[int, tuple[int, Plan]] = {}
        for k in {_key(t.title)[:6] for t in outline.tasks}:
            for c in self._by_key.get(k, ()):
                n, _ = votes.get(id(c), (0, c))
                votes[id(c)] = (n + 1, c)
        ranked = sorted(votes.values(), key=lambda v: -v[0])[:limit]
        best, best_score = None, 0.0
        for _, cand in ranked:
            score = _overlap(outline, cand)
            if score > best_score:
                best, best_score = cand, score
        return best if best_score >= SAME_PLAN else None


def merge_plans(plans: list[Plan]) -> list[Plan]:
    """One plan per distinct plan: outlines merged into full texts, duplicates dropped.

    Each outline listing is matched against the full texts (the full text
    wins, the outline fills its gaps); an outline with no full text is kept
    once. Plans with the same task titles and opening are duplicates: the
    first is kept and gets the others' sources.
    """
    plans = _drop_duplicates(plans)
    full_index = _TitleIndex(p for p in plans if not p.outline_only)
    outline_index = _TitleIndex()
    dropped: set[int] = set()
    for o in (p for p in plans if p.outline_only):
        target = full_index.best_match(o) or outline_index.best_match(o)
        if target is None:
            outline_index.add(o)
            continue
        if target.outline_only:
            target.sources.extend(o.sources)
        else:
            fill_from_outline(target, o)
        dropped.add(id(o))
    kept = [p for p in plans if id(p) not in dropped]
    order = {src: i for i, src in enumerate(dict.fromkeys(s.source for p in kept for s in p.sources))}
    return sorted(kept, key=lambda p: _first_place(p, order))


def _first_place(plan: Plan, order: dict[str, int]) -> tuple[int, int]:
    """Where a plan first appears: its file's reading order, then its earliest line there.

    A plan known from an outline listing and a later full text takes the
    listing's place, so a compilation's plans come out in its own order.
    """
    first = plan.sources[0] if plan.sources else plan.span
    if first is None:
        return (len(order), 0)
    lines = [s.start for s in plan.sources if s.source == first.source] or [first.start]
    return (order.get(first.source, len(order)), min(lines))


def _drop_duplicates(plans: list[Plan]) -> list[Plan]:
    out: list[Plan] = []
    by_sig: dict[tuple[str, ...], Plan] = {}
    have: dict[int, set[Span]] = {}  # the sources of each kept plan, as a set: a plan copied N times is not N² compares
    for p in plans:
        sig = (str(p.outline_only), *(_key(t.title) for t in p.tasks), _key(p.preamble[:50]))
        first = by_sig.get(sig)
        if first is None:
            by_sig[sig] = p
            out.append(p)
            continue
        known = have.get(id(first))
        if known is None:
            known = have[id(first)] = set(first.sources)
        for s in p.sources:
            if s not in known:
                known.add(s)
                first.sources.append(s)
    return out


def _overlap(outline: Plan, full: Plan) -> float:
    """Share of task titles the two have in common, over the shorter list.

    Over the shorter list, so that a truncated full text still matches its
    outline; at least :data:`MIN_SHARED` titles must agree.
    """
    titles = [_key(t.title) for t in full.tasks]
    hits = 0
    for t in outline.tasks:
        k = _key(t.title)
        if any(f.startswith(k) or k.startswith(f) or fuzz.ratio(k, f) >= 85 for f in titles):
            hits += 1
    if hits < min(MIN_SHARED, len(outline.tasks)):
        return 0.0
    return hits / min(len(outline.tasks), len(full.tasks))


def fill_from_outline(full: Plan, outline: Plan) -> None:
    """Fill sections and tasks missing from ``full`` with those of ``outline`` (marked outline_only)."""
    full.sources.extend(outline.sources)
    if not full.title and outline.title:
        full.title = outline.title
    if (not full.org or is_generic_org(full.org)) and outline.org and not is_generic_org(outline.org):
        full.org = outline.org
    filled = False
    for i, osec in enumerate(outline.sections):
        fsec = _matching_section(full.sections, osec, i)
        if fsec is None:
            full.sections.append(_outline_copy(osec))
            filled = True
            continue
        have = {_key(t.title)[:6] for t in fsec.tasks} | {t.number for t in fsec.tasks if t.number is not None}
        for ot in osec.tasks:
            if _key(ot.title)[:6] in have or (ot.number is not None and ot.number in have):
                continue
            fsec.tasks.append(dataclasses.replace(ot, outline_only=True))
            filled = True
        fsec.tasks.sort(key=lambda t: t.number if t.number is not None else 0)
    if filled:
        full.truncated = True


def _matching_section(sections: list[Section], osec: Section, index: int) -> Section | None:
    for s in sections:
        if s.number is not None and s.number == osec.number:
            return s
    if index < len(sections) and osec.number is None:
        return sections[index]
    return None


def _outline_copy(sec: Section) -> Section:
    tasks: list[Task] = [dataclasses.replace(t, outline_only=True) for t in sec.tasks]
    return dataclasses.replace(sec, tasks=tasks, outline_only=True)

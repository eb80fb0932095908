"""``drafter update``: bring a changed template into a draft already being written.

Three plans meet, at the level of the model (sections, tasks, paragraphs):

- the **base**: the outline as drafter generated it, kept in the draft's recipe;
- **ours**: the draft as the drafter has edited it (read back from the .docx);
- **theirs**: the outline the template makes now, with the recipe's parameters.

Wherever the drafter did not touch the base, the template's change comes in
(new sections and tasks, changed wording, removed ones); wherever the
template did not change the base, the drafter's edit stays (changed titles
and bodies, deleted, added and reordered tasks). Where both changed the same
thing, the drafter's version stays and a 【冲突：…】 mark (highlighted like every
【…】) says what the template has now; :attr:`Updated.conflicts` lists them.

Sections and tasks of base and theirs are matched by the theme and task keys
they were composed from; the drafter's document has no keys, so its sections
and tasks are matched to the base by their text (same, or similar enough).
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from drafter.errors import ParseError
from drafter.model import Part, Plan, Section, Task, TaskNumbering

if TYPE_CHECKING:
    from drafter.drafting import Draft

#: How similar two titles (or bodies) must be to count as the same item, edited.
SIMILAR = 0.5
#: Longest text quoted in a conflict mark.
QUOTE = 60

T = TypeVar("T")


@dataclass
class Conflict:
    """One place where the drafter and the template both changed the same thing."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}：{self.message}"


@dataclass
class Updated:
    """The merged plan, what happened, and the fresh outline that becomes the next base."""

    plan: Plan
    conflicts: list[Conflict] = field(default_factory=list)
    brought_in: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class Keyed:
    """A generated plan with the keys of its sections and tasks."""

    plan: Plan
    theme_ids: list[str]
    task_keys: list[list[str]]


# --- matching ------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return "".join(text.split()).rstrip("。；;.")


def similarity(a: str, b: str) -> float:
    """How alike two texts are (0–1), ignoring spaces and a closing full stop."""
    a, b = _norm(a), _norm(b)
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def match_by_text(base: Sequence[T], ours: Sequence[T], text: Callable[[T], str],
                  extra: Callable[[T, T], float] | None = None) -> dict[int, int]:
    """Base index → our index: equal texts in order first, then the most similar of the rest."""
    out: dict[int, int] = {}
    keys_b, keys_o = [_norm(text(x)) for x in base], [_norm(text(x)) for x in ours]
    matcher = difflib.SequenceMatcher(None, keys_b, keys_o, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            out[block.a + k] = block.b + k
    free_o = [j for j in range(len(ours)) if j not in out.values()]
    pairs = []
    for i in (i for i in range(len(base)) if i not in out):
        for j in free_o:
            score = similarity(text(base[i]), text(ours[j]))
            if extra is not None:
                score = max(score, extra(base[i], ours[j]))
            if score >= SIMILAR:
                pairs.append((score, -abs(i - j), i, j))
    for _, _, i, j in sorted(pairs, reverse=True):
        if i not in out and j not in out.values():
            out[i] = j
    return out


def match_by_key(base: Sequence[T], theirs: Sequence[T], base_keys: Sequence[str], their_keys: Sequence[str],
                 text: Callable[[T], str]) -> dict[int, int]:
    """Base index → their index: equal keys first (each used once, in order), then similar texts.

    A department's own task is keyed by its title, so a retitled one is
    found by its text among the items the keys left unmatched.
    """
    out: dict[int, int] = {}
    used: set[int] = set()
    for i, key in enumerate(base_keys[: len(base)]):
        for j, other in enumerate(their_keys[: len(theirs)]):
            if j not in used and other == key:
                out[i] = j
                used.add(j)
                break
    rest_b = [i for i in range(len(base)) if i not in out]
    rest_t = [j for j in range(len(theirs)) if j not in used]
    for a, b in match_by_text([base[i] for i in rest_b], [theirs[j] for j in rest_t], text).items():
        out[rest_b[a]] = rest_t[b]
    return out


def _task_overlap(a: Section, b: Section) -> float:
    """Share of task titles two sections have in common (a renamed section keeps most of its tasks)."""
    titles_a, titles_b = {_norm(t.title) for t in a.tasks}, {_norm(t.title) for t in b.tasks}
    if not titles_a or not titles_b:
        return 0.0
    return len(titles_a & titles_b) / max(len(titles_a), len(titles_b))


# --- merging ---------------------------------------------------------------------------------


def merge3(base: T, ours: T, theirs: T) -> tuple[T, bool]:
    """The merged value of one field, and whether both sides changed it differently (ours is kept)."""
    if ours == theirs or theirs == base:
        return ours, False
    if ours == base:
        return theirs, False
    return ours, True


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text[:QUOTE]}…”" if len(text) > QUOTE else f"“{text}”"


def _mark(message: str) -> str:
    return f"【冲突：{message}】"


class _Merger:
    """One three-way merge; collects conflicts and what came in or went."""

    def __init__(self) -> None:
        self.result = Updated(Plan())

    def conflict(self, where: str, message: str) -> str:
        self.result.conflicts.append(Conflict(where, message))
        return _mark(message)

    # plan -------------------------------------------------------------------------------

    def plan(self, base: Keyed, ours: Plan, theirs: Keyed) -> Plan:
        out = copy.deepcopy(ours)
        out.title, clash = merge3(base.plan.title, ours.title, theirs.plan.title)
        notes = [self.conflict("标题", f"模板的标题现为{_quote(theirs.plan.title)}，保留了你的标题")] if clash else []
        out.preamble, clash = merge3(base.plan.preamble, ours.preamble, theirs.plan.preamble)
        if clash:
            notes.append(self.conflict("开头一段", f"模板的开头一段现为{_quote(theirs.plan.preamble)}，保留了你的"))
        out.preamble = _joined(out.preamble, *notes)
        out.tasks_heading, _ = merge3(base.plan.tasks_heading, ours.tasks_heading, theirs.plan.tasks_heading)
        out.front = self.parts(base.plan.front, ours.front, theirs.plan.front)
        out.back = self.parts(base.plan.back, ours.back, theirs.plan.back)
        out.sections = self.sections(base, ours, theirs)
        _renumber(out)
        return out

    def parts(self, base: list[Part], ours: list[Part], theirs: list[Part]) -> list[Part]:
        to_ours = match_by_text(base, ours, lambda p: p.heading)
        to_theirs = match_by_text(base, theirs, lambda p: p.heading)

        def merge_one(b: Part, o: Part, t: Part) -> Part:
            bc, oc, tc = _part_content(b), _part_content(o), _part_content(t)
            if oc == bc and tc != bc:
                return copy.deepcopy(t)
            part = copy.deepcopy(o)
            if oc != bc and tc not in (bc, oc):
                part.text = _joined(part.text, self.conflict(
                    f"“{o.heading}”", f"模板的这一部分现为{_quote(t.text or _items_text(t))}，保留了你的"))
            return part

        return self._list(base, ours, theirs, to_ours, to_theirs, merge_one,
                          lambda p: f"“{p.heading}”", lambda o, b: _part_content(o) != _part_content(b),
                          lambda p, mark: replace(p, text=_joined(p.text, mark)))

    def sections(self, base: Keyed, ours: Plan, theirs: Keyed) -> list[Section]:
        to_ours = match_by_text(base.plan.sections, ours.sections, lambda s: s.title, _task_overlap)
        to_theirs = match_by_key(base.plan.sections, theirs.plan.sections, base.theme_ids, theirs.theme_ids,
                                 lambda s: s.title)
        keys = {id(s): (base.task_keys[i] if i < len(base.task_keys) else []) for i, s in enumerate(base.plan.sections)}
        their_keys = {id(s): (theirs.task_keys[j] if j < len(theirs.task_keys) else [])
                      for j, s in enumerate(theirs.plan.sections)}

        def merge_one(b: Section, o: Section, t: Section) -> Section:
            out = copy.deepcopy(o)
            where = f"部分“{o.title}”"
            out.title, clash = merge3(b.title, o.title, t.title)
            intro, intro_clash = merge3(b.intro, o.intro, t.intro)
            marks = [self.conflict(where, f"模板的标题现为{_quote(t.title)}，保留了你的标题")] if clash else []
            if intro_clash:
                marks.append(self.conflict(where, f"模板的导语现为{_quote(t.intro)}，保留了你的"))
            out.intro = _joined(intro, *marks)
            out.tasks = self.tasks(b, o, t, keys[id(b)], their_keys[id(t)], o.title)
            return out

        return self._list(base.plan.sections, ours.sections, theirs.plan.sections, to_ours, to_theirs, merge_one,
                          lambda s: f"部分“{s.title}”", lambda o, b: _section_content(o) != _section_content(b),
                          lambda s, mark: replace(s, intro=_joined(s.intro, mark)))

    def tasks(self, base: Section, ours: Section, theirs: Section, base_keys: list[str], their_keys: list[str],
              section: str) -> list[Task]:
        to_ours = match_by_text(base.tasks, ours.tasks, lambda t: t.title,
                                lambda a, b: similarity(a.body, b.body) if a.body and b.body else 0.0)
        to_theirs = match_by_key(base.tasks, theirs.tasks, base_keys, their_keys, lambda t: t.title)

        def merge_one(b: Task, o: Task, t: Task) -> Task:
            out = copy.deepcopy(o)
            where = f"部分“{section}”任务“{o.title}”"
            out.title, title_clash = merge3(b.title, o.title, t.title)
            body, body_clash = merge3(b.body, o.body, t.body)
            out.hints, _ = merge3(list(b.hints), list(o.hints), list(t.hints))
            marks = []
            if title_clash:
                marks.append(self.conflict(where, f"模板的任务标题现为{_quote(t.title)}，保留了你的标题"))
            if body_clash:
                marks.append(self.conflict(where, f"模板的正文现为{_quote(t.body)}，保留了你的正文"))
            out.body = _joined(body, *marks)
            return out

        return self._list(base.tasks, ours.tasks, theirs.tasks, to_ours, to_theirs, merge_one,
                          lambda t: f"部分“{section}”任务“{t.title}”", lambda o, b: _task_content(o) != _task_content(b),
                          lambda t, mark: replace(t, body=_joined(t.body, mark)))

    # one ordered list, three ways -------------------------------------------------------

    def _list(self, base: Sequence[T], ours: Sequence[T], theirs: Sequence[T], to_ours: dict[int, int],
              to_theirs: dict[int, int], merge_one: Callable[[T, T, T], T], name: Callable[[T], str],
              edited: Callable[[T, T], bool], marked: Callable[[T, str], T]) -> list[T]:
        """Merge one ordered list three ways.

        Ours stay in our order (merged where the base is matched); the
        template's new items go after their predecessor; the template's
        removals apply where we left the item untouched.
        """
        base_of_ours = {j: i for i, j in to_ours.items()}
        base_of_theirs = {j: i for i, j in to_theirs.items()}
        out: list[T] = []
        slot_of_base: dict[int, int] = {}
        for j, o in enumerate(ours):
            i = base_of_ours.get(j)
            if i is None:
                out.append(o)  # the drafter's own
                continue
            b = base[i]
            if i in to_theirs:
                slot_of_base[i] = len(out)
                out.append(merge_one(b, o, theirs[to_theirs[i]]))
            elif edited(o, b):
                slot_of_base[i] = len(out)
                out.append(marked(o, self.conflict(name(o), "模板已删去这一项；你改过它，已保留")))
            else:
                self.result.removed.append(name(o))
        for i, b in enumerate(base):
            if i not in to_ours and i in to_theirs and theirs[to_theirs[i]] != b:
                t = theirs[to_theirs[i]]
                self.result.conflicts.append(Conflict(name(t), "你删去了这一项，模板修改了它；未恢复"))
        # the template's new items: each after the nearest earlier item of theirs that is in the result,
        # or at the end when nothing of theirs after it is
        for j, t in enumerate(theirs):
            if j in base_of_theirs:
                continue
            later = any(base_of_theirs.get(k) in slot_of_base for k in range(j + 1, len(theirs)))
            at = 0 if later else len(out)  # the template's last items come last in ours too
            for k in range(j - 1, -1, -1) if later else ():
                i = base_of_theirs.get(k)
                if i is not None and i in slot_of_base:
                    at = slot_of_base[i] + 1
                    break
            for key in slot_of_base:
                if slot_of_base[key] >= at:
                    slot_of_base[key] += 1
            out.insert(at, copy.deepcopy(t))
            self.result.brought_in.append(name(t))
        return out


def _joined(text: str, *marks: str) -> str:
    return "\n".join(x for x in (text, *marks) if x)


def _part_content(p: Part) -> tuple[str, str, tuple[Any, ...]]:
    return p.heading, p.text, tuple(_task_content(t) for t in p.items)


def _items_text(p: Part) -> str:
    return "；".join(t.title for t in p.items)


def _task_content(t: Task) -> tuple[str, str, tuple[str, ...]]:
    return _norm(t.title), t.body.strip(), tuple(t.hints)


def _section_content(s: Section) -> tuple[Any, ...]:
    return _norm(s.title), s.intro.strip(), tuple(_task_content(t) for t in s.tasks)


def _renumber(plan: Plan) -> None:
    """Number sections 1… and tasks continuously or per section, as the plan numbers them."""
    n = 0
    for i, section in enumerate(plan.sections, 1):
        section.number = i
        if plan.task_numbering is TaskNumbering.RESTART:
            n = 0
        for task in section.tasks:
            n += 1
            task.number = n


def merge(base: Keyed, ours: Plan, theirs: Keyed) -> Updated:
    """Merge the drafter's ``ours`` with the template's ``theirs``, both grown from ``base``."""
    merger = _Merger()
    merger.result.plan = merger.plan(base, ours, theirs)
    return merger.result


def update_draft(path: Path, template: str | None = None, cwd: Path | None = None) -> tuple[Updated, Draft]:
    """Merge the template's current outline into the draft at ``path``; nothing is written here.

    ``template`` ``None`` means the template the recipe names. Returns the
    merge and the fresh draft whose plan is the merged one and whose recipe
    base is the template's current outline (the base of the next update).
    Raises InputError for a draft without a recipe, ParseError for one whose
    outline cannot be read, and the template's own errors.
    """
    from drafter.drafting import Drafting, Request
    from drafter.recipe import read_recipe

    recipe = read_recipe(path)
    ours = read_draft(path)
    drafting = Drafting(cwd)
    name = template or recipe.template
    request = Request(drafting.template(name), dict(recipe.params), recipe.year, dict(recipe.context), [], str(name))
    fit = recipe.fit
    fresh = drafting.draft_request(request, recipe.detail, level=fit.get("level"),  # type: ignore[arg-type]
                                   alternatives=bool(fit.get("alternatives", True)), profile=fit.get("profile"))
    result = merge(Keyed(recipe.base, recipe.theme_ids, recipe.task_keys), ours,
                   Keyed(fresh.plan, fresh.theme_ids, fresh.task_keys))
    return result, replace(fresh, plan=result.plan, base=fresh.plan)


def read_draft(path: Path) -> Plan:
    """The drafter's document as a plan; ParseError when no outline can be read from it."""
    from drafter.corpus.reader import read_file

    plans = read_file(path)
    if not plans:
        raise ParseError("读不出提纲（没有可识别的一、/1. 编号结构），无法更新", path)
    return plans[0]

"""Numbering grammar → hierarchy → plans.

Cleaned lines become tokens (title, heading of level 1–4, paragraph, hint);
tokens are cut into documents (a title line, or level-1 numbering starting
over, begins a new one); each document becomes a :class:`~drafter.model.Plan`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.corpus.grammar import (
    REPORT_KINDS,
    Marker,
    ends_sentence,
    head,
    is_compilation_title,
    is_date_line,
    is_title,
    marker,
    norm,
)
from drafter.corpus.meta import is_generic_org, parse_title, preamble_org, preamble_year
from drafter.model import ALTERNATIVE_MARK, HINT_MARK, Noise, Part, PartKind, Plan, Section, Span, Task, TaskNumbering

# --- tokens ---------------------------------------------------------------


@dataclass
class Token:
    """One cleaned line: kind is title, compilation, head, para, hint, appendix."""

    kind: str
    no: int
    text: str
    level: int = 0
    number: int = 0
    mark: str = ""


_APPENDIX = re.compile(r"^附\s*件\s*\d*\s*[:：]?$|^附\s*件\s*\d*\s*[:：]")


def tokenize(lines: list[tuple[int, str]]) -> list[Token]:
    """Classify each non-blank line; a weak number (``12深化``) counts only where expected."""
    out: list[Token] = []
    last_task = 0
    for no, text in lines:
        if not text:
            continue
        m = marker(head(text))
        if m is not None and m.weak and m.number != last_task + 1:
            m = None
        if m is not None:
            if m.level == 3:
                last_task = m.number
            out.append(Token("head", no, text[m.end:].strip(), m.level, m.number, text[:m.end].strip()))
        elif text.startswith(HINT_MARK):
            out.append(Token("hint", no, text[len(HINT_MARK):].strip()))
        elif text.startswith(ALTERNATIVE_MARK):
            out.append(Token("alternative", no, text[len(ALTERNATIVE_MARK):].strip()))
        elif is_title(text) and not _is_sentence_like(text):
            out.append(Token("title", no, text))
        elif is_compilation_title(text):
            out.append(Token("compilation", no, text))
        elif _APPENDIX.match(text):
            out.append(Token("appendix", no, text))
        elif is_date_line(text):
            continue
        else:
            out.append(Token("para", no, text))
    return out


def _is_sentence_like(text: str) -> bool:
    return "，" in text or ("," in text and len(text) > 30)


# --- documents ------------------------------------------------------------


@dataclass
class RawDoc:
    """The tokens of one document, its title token if any."""

    title: Token | None
    tokens: list[Token] = field(default_factory=list)


def split_documents(tokens: list[Token]) -> list[RawDoc]:
    """Cut tokens into documents at title lines and where top-level numbering starts over.

    A compilation title ends the document before it; an appendix (附件) ends
    the reading of its document. Documents without any heading are dropped.
    """
    docs: list[RawDoc] = []
    cur: RawDoc | None = None
    top: set[int] = set()
    skipping = False
    for t in tokens:
        if t.kind == "title":
            if cur is not None and cur.title is not None and not cur.tokens \
                    and norm(cur.title.text) == norm(t.text):
                continue  # the same title twice
            cur, top, skipping = RawDoc(t), set(), False
            docs.append(cur)
            continue
        if t.kind == "compilation":
            cur, top, skipping = None, set(), False
            continue
        if t.kind == "appendix" or skipping:
            skipping = True
            continue
        restart = t.kind == "head" and t.level <= 2 and t.number == 1 and t.level in top \
            and min(top) == t.level
        if cur is None or restart:
            cur, top = RawDoc(None), set()
            docs.append(cur)
        if t.kind == "head" and t.level <= 2:
            top.add(t.level)
        cur.tokens.append(t)
    return [d for d in docs if any(t.kind == "head" for t in d.tokens)]


# --- tree -----------------------------------------------------------------


@dataclass
class Node:
    """A heading and what stands under it."""

    token: Token
    paras: list[Token] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    @property
    def level(self) -> int:
        return self.token.level

    def last_no(self) -> int:
        last = self.token.no
        for p in self.paras:
            last = max(last, p.no)
        for c in self.children:
            last = max(last, c.last_no())
        return last


def build_tree(tokens: list[Token]) -> tuple[list[Token], list[Node]]:
    """Paragraphs before the first heading, and the heading forest."""
    lead: list[Token] = []
    roots: list[Node] = []
    stack: list[Node] = []
    for t in tokens:
        if t.kind != "head":
            (stack[-1].paras if stack else lead).append(t)
            continue
        if _is_sublist(t, stack):
            stack[-1].paras.append(Token("para", t.no, _raw_marker(t) + t.text))
            continue
        node = Node(t)
        while stack and stack[-1].level >= t.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return lead, roots


def _is_sublist(t: Token, stack: list[Node]) -> bool:
    """A "1." that does not go on from its siblings' numbers is a list inside a body."""
    if t.level < 3 or not stack:
        return False
    parent = next((n for n in reversed(stack) if n.level < t.level), None)
    siblings = (parent.children if parent else [])
    same = [c for c in siblings if c.level == t.level]
    if same and t.number < same[-1].token.number:
        return True  # a repeated number stays a task: check reports it
    # a level-4 item right under a task-level node with text is body text
    return t.level == 4 and stack[-1].level == 3


def _raw_marker(t: Token) -> str:
    return f"{t.number}." if t.level == 3 else f"（{t.number}）"


# --- plan -----------------------------------------------------------------

_GUIDING = re.compile(r"^(?:指导思想|总体要求|总体思路|工作思路|基本原则|指导原则)(?:和|与|及)?(?:总体要求|基本原则|工作目标|目标任务)?$")
_GOALS = re.compile(r"^(?:主要|工作|总体|年度|主要工作)?目标(?:任务)?$")
_REQUIREMENTS = re.compile(r"^(?:工作要求|保障措施|组织保障|有关要求|工作保障|保障机制|落实要求|几点要求|具体要求|组织实施|工作措施)$")
_WRAPPER = re.compile(r"^(?:主要|重点|具体|年度)?(?:工作)?任务|^重点工作|^主要工作|^工作重点|^重点任务")
_REPORT_HEADS = re.compile(r"存在(?:的)?问题|不足之处|下步打算|下一步(?:工作)?(?:打算|计划|思路)|工作开展情况|主要做法|取得(?:的)?成效|工作成效|基本情况|主要成绩")


def _heading_key(text: str) -> str:
    return re.sub(r"[\s。:：]", "", norm(text))


def part_kind(heading: str) -> PartKind | None:
    """The framing kind of a level-1 heading, or None for a themed section."""
    key = _heading_key(heading)
    if _GUIDING.match(key):
        return PartKind.GUIDING
    if _GOALS.match(key):
        return PartKind.GOALS
    if _REQUIREMENTS.match(key):
        return PartKind.REQUIREMENTS
    return None


def build_plan(doc: RawDoc, source: str, noise: list[Noise]) -> Plan:
    """Turn one document's tokens into a Plan (flags set, no outline merging yet)."""
    lead, roots = build_tree(doc.tokens)
    plan = Plan()
    if doc.title is not None:
        plan.title = doc.title.text
    plan.preamble = _join(lead)
    _fill_body(plan, roots)
    first = doc.title.no if doc.title else doc.tokens[0].no
    last = max([first, *(t.no for t in doc.tokens)])
    plan.span = Span(source, first, last)
    plan.sources = [plan.span]
    plan.noise = [n for n in noise if first <= n.line <= last + 3]
    _set_meta(plan)
    _set_flags(plan, doc, roots)
    return plan


def _fill_body(plan: Plan, roots: list[Node]) -> None:
    top = min((r.level for r in roots), default=1)
    if top >= 3:  # only numbered tasks, no sections
        plan.sections = [_section_from(None, roots, plan)]
        return
    block_seen = False
    for node in roots:
        kind = part_kind(node.token.text)
        if _is_wrapper(node, kind):
            plan.tasks_heading = node.token.text
            plan.sections.extend(_section(c, plan) for c in node.children if c.level < 3)
            block_seen = True
        elif kind is not None or (block_seen and not _has_tasks(node) and plan.sections):
            part = _part(node, kind or PartKind.OTHER)
            (plan.back if block_seen else plan.front).append(part)
        else:
            plan.sections.append(_section(node, plan))
            block_seen = True
    plan.task_numbering = _numbering(plan.sections)


def _is_wrapper(node: Node, kind: PartKind | None) -> bool:
    kids = [c for c in node.children if c.level == 2]
    if kids and any(any(g.level >= 3 for g in c.children) for c in kids):
        return kind is None or kind is PartKind.OTHER or bool(_WRAPPER.match(_heading_key(node.token.text)))
    return False


def _has_tasks(node: Node) -> bool:
    return any(c.level >= 2 for c in node.children)


def _part(node: Node, kind: PartKind) -> Part:
    items = [_task(c) for c in node.children]
    level = node.children[0].level if node.children else 3
    return Part(kind, node.token.text, _join(node.paras), items, item_level=3 if level >= 3 else 2,
                span=Span("", node.token.no, node.last_no()))


def _section(node: Node, plan: Plan) -> Section:
    kids = [c for c in node.children if c.level >= 3] or node.children
    return _section_from(node, kids, plan, extra=[c for c in node.children if c not in kids])


def _section_from(node: Node | None, kids: list[Node], plan: Plan, extra: list[Node] | None = None) -> Section:
    intro = _join(node.paras) if node else ""
    title, number = ("", None) if node is None else (node.token.text, node.token.number)
    if node is not None:
        title, inline = _split_title(title)
        intro = "\n".join(x for x in (inline, intro) if x)
    tasks = [_task(k) for k in kids]
    alternatives = [Task(None, p.text) for k in kids for p in k.paras if p.kind == "alternative"]
    for e in extra or []:
        intro = "\n".join(x for x in (intro, e.token.text, _join(e.paras)) if x)
    span = Span("", node.token.no if node else kids[0].token.no,
                node.last_no() if node else kids[-1].last_no()) if (node or kids) else None
    return Section(number, title, intro, tasks, span=span, alternatives=alternatives,
                   mark=node.token.mark if node else None)


def _task(node: Node) -> Task:
    title, inline = _split_title(node.token.text)
    body_lines = [inline] if inline else []
    hints: list[str] = []
    for p in node.paras:
        if p.kind != "alternative":
            (hints if p.kind == "hint" else body_lines).append(p.text)
    for c in node.children:
        body_lines.append(_raw_marker(c.token) + c.token.text if c.level >= 3 else c.token.text)
        body_lines.extend(p.text for p in c.paras)
    task = Task(node.token.number, title, "\n".join(body_lines), hints,
                span=Span("", node.token.no, node.last_no()))
    task.mark = node.token.mark
    return task


_STOP = re.compile(r"[。!?！？]")


def _split_title(text: str) -> tuple[str, str]:
    """Cut "标题。正文…" at the first full stop: (title without the stop, rest)."""
    m = _STOP.search(text)
    if m is None:
        return text.strip(), ""
    return text[: m.start()].strip(), text[m.end():].strip()


def _join(tokens: list[Token]) -> str:
    return "\n".join(t.text for t in tokens if t.kind in ("para", "hint"))


def _numbering(sections: list[Section]) -> TaskNumbering:
    firsts = [s.tasks[0].number for s in sections if s.tasks and s.tasks[0].number is not None]
    if len(firsts) > 1 and all(n == 1 for n in firsts):
        return TaskNumbering.RESTART
    return TaskNumbering.CONTINUOUS


def _set_meta(plan: Plan) -> None:
    org, year = parse_title(plan.title) if plan.title else ("", None)
    if not org or is_generic_org(org):
        found = preamble_org(plan.preamble or _first_text(plan))
        if found:
            org = found
    if year is None:
        year = preamble_year(plan.preamble or _first_text(plan))
    plan.org, plan.year = org, year


def _first_text(plan: Plan) -> str:
    for p in plan.front:
        if p.text:
            return p.text
    return ""


def _set_flags(plan: Plan, doc: RawDoc, roots: list[Node]) -> None:
    has_text = bool(plan.preamble) or any(t.body or t.hints for t in plan.tasks) \
        or any(s.intro for s in plan.sections) or any(p.text or any(i.body for i in p.items) for p in plan.front + plan.back)
    plan.outline_only = not has_text
    paywall = any(n.kind == "paywall" for n in plan.noise)
    plan.truncated = paywall or _cut_off(plan, doc)
    plan.not_a_plan = _looks_like_report(plan, roots)


def _cut_off(plan: Plan, doc: RawDoc) -> bool:
    """A full text that stops mid-sentence, or on a bare task title where other tasks have bodies."""
    last = next((t for t in reversed(doc.tokens) if t.kind in ("para", "head")), None)
    if last is None or ends_sentence(last.text):
        return False
    if last.kind == "para" or _STOP.search(last.text):
        return True  # a paragraph, or a body begun on the heading line, stops mid-sentence
    final = plan.tasks[-1] if plan.tasks else None
    return final is not None and not (final.body or final.hints) and sum(1 for t in plan.tasks if t.body) >= 2


def _looks_like_report(plan: Plan, roots: list[Node]) -> bool:
    title = norm(plan.title)
    if title and any(k in title for k in REPORT_KINDS) and not re.search(r"要点|计划|方案", title):
        return True
    hits = sum(1 for n in _walk(roots) if n.level <= 2 and _REPORT_HEADS.search(n.token.text))
    return hits >= 2


def _walk(nodes: list[Node]) -> list[Node]:
    out = []
    for n in nodes:
        out.append(n)
        out.extend(_walk(n.children))
    return out


__all__ = ["Marker", "RawDoc", "Token", "build_plan", "part_kind", "split_documents", "tokenize"]

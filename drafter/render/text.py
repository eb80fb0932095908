"""The paragraph sequence of a rendered plan, and its plain-text and Markdown forms.

:func:`iter_blocks` is the one walk over a :class:`~drafter.model.Plan` that
decides numbering and paragraph text; the .docx renderer and the text
renderers here only dress its blocks. The reader parses these paragraphs
back, so the text of each block is part of the contract
``read(render(plan)) == plan``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum

from drafter.model import ALTERNATIVE_MARK, HINT_MARK, Part, Plan, Section, Task, TaskNumbering
from drafter.numbering import cn_numeral

#: Sentence ends after which a task title gets no extra full stop.
_SENTENCE_ENDS = ("。", "！", "？")


class BlockKind(str, Enum):
    """What a paragraph of a rendered plan is."""

    TITLE = "title"  # the document title
    HEADING = "heading"  # a numbered heading standing alone on its line (level 1–4)
    PARAGRAPH = "paragraph"  # a plain body paragraph
    LEAD = "lead"  # a numbered item with its body: bold lead "1.标题。" + first body line
    HINT = "hint"  # a mined typical measure, "【参考】…"
    ALTERNATIVE = "alternative"  # an alternative task offered at the end of a section, "【备选】…"


@dataclass(frozen=True)
class Block:
    """One paragraph of a rendered plan.

    ``text`` is the paragraph's whole text. ``level`` is the numbering level
    (1 ``一、``, 2 ``（一）``, 3 ``1.``, 4 ``（1）``) of a heading or lead, 0
    otherwise. For a lead, ``text`` starts with ``lead``, the span set in bold.
    """

    kind: BlockKind
    text: str
    level: int = 0
    lead: str = ""


def lines(text: str) -> list[str]:
    """Split a multi-line text field into its paragraphs: the non-blank lines, in order."""
    return [line for line in text.split("\n") if line.strip()]


def iter_blocks(plan: Plan) -> Iterator[Block]:
    """Every paragraph of ``plan`` in document order, numbered.

    Top-level headings (``一、``) run over the front parts, the themed task
    block and the back parts. The task block is either the sections
    themselves as top-level headings, or, when ``plan.tasks_heading`` is set,
    one top-level heading with the sections under it as ``（一）`` headings.
    """
    if plan.title:
        yield Block(BlockKind.TITLE, plan.title)
    yield from _paragraphs(plan.preamble)
    top = itertools.count(1)
    for part in plan.front:
        yield from _part_blocks(part, next(top))
    yield from _task_block(plan, top)
    for part in plan.back:
        yield from _part_blocks(part, next(top))


def _paragraphs(text: str) -> Iterator[Block]:
    for line in lines(text):
        yield Block(BlockKind.PARAGRAPH, line)


def _part_blocks(part: Part, number: int) -> Iterator[Block]:
    yield Block(BlockKind.HEADING, f"{cn_numeral(number)}、{part.heading}", 1)
    yield from _paragraphs(part.text)
    for position, item in enumerate(part.items, 1):
        yield from _item_blocks(item, position, part.item_level)


def _task_block(plan: Plan, top: Iterator[int]) -> Iterator[Block]:
    if plan.tasks_heading is not None:
        yield Block(BlockKind.HEADING, f"{cn_numeral(next(top))}、{plan.tasks_heading}", 1)
    running = itertools.count(1)
    for position, section in enumerate(plan.sections, 1):
        if plan.tasks_heading is None:
            yield from _section_blocks(section, next(top), 1)
        else:
            yield from _section_blocks(section, position, 2)
        if plan.task_numbering is TaskNumbering.RESTART:
            running = itertools.count(1)
        for task in section.tasks:
            yield from _item_blocks(task, next(running), 3)
        for alt in section.alternatives:
            yield Block(BlockKind.ALTERNATIVE, ALTERNATIVE_MARK + alt.title)


def _section_blocks(section: Section, position: int, level: int) -> Iterator[Block]:
    number = section.number if section.number is not None else position
    yield Block(BlockKind.HEADING, _numbered(number, level, section.title), level)
    yield from _paragraphs(section.intro)


def _item_blocks(task: Task, position: int, level: int) -> Iterator[Block]:
    """Yield a numbered task or part item, then its further body paragraphs and hints."""
    number = task.number if task.number is not None else position
    head = _numbered(number, level, task.title)
    body = lines(task.body)
    if body:
        lead = head if task.title.endswith(_SENTENCE_ENDS) else head + "。"
        yield Block(BlockKind.LEAD, lead + body[0], level, lead)
        for line in body[1:]:
            yield Block(BlockKind.PARAGRAPH, line)
    else:
        yield Block(BlockKind.HEADING, head, level)
    for hint in task.hints:
        yield Block(BlockKind.HINT, HINT_MARK + hint)


def _numbered(number: int, level: int, title: str) -> str:
    """``title`` with the number mark of ``level``: 一、 / （一） / 1. / （1）."""
    if level == 1:
        return f"{cn_numeral(number)}、{title}"
    if level == 2:
        return f"（{cn_numeral(number)}）{title}"
    if level == 3:
        return f"{number}.{title}"
    return f"（{number}）{title}"


def render_text(plan: Plan) -> str:
    """Plain text: the title, then one paragraph a line, in document order."""
    return _join((_one_line(block.text) for block in iter_blocks(plan)), "\n")


def render_markdown(plan: Plan) -> str:
    """Markdown: ``#`` title, ``##``/``###`` headings, bold task leads, quoted hints."""
    return _join((_markdown(block) for block in iter_blocks(plan)), "\n\n")


def _markdown(block: Block) -> str:
    text = _one_line(block.text)
    if block.kind is BlockKind.TITLE:
        return f"# {text}"
    if block.kind in (BlockKind.HINT, BlockKind.ALTERNATIVE):
        return f"> {text}"
    if block.kind is BlockKind.HEADING:
        return f"{'#' * (block.level + 1)} {text}" if block.level <= 2 else f"**{text}**"
    if block.kind is BlockKind.LEAD:
        return _markdown_lead(block)
    return text


def _markdown_lead(block: Block) -> str:
    """``**1.标题**。正文``: the closing full stop stays outside the emphasis.

    CommonMark does not close ``**`` that follows punctuation and precedes a
    letter (``**1.标题。**正文`` shows its asterisks), so a trailing sentence
    end of the lead is moved after the closing marker.
    """
    lead = _one_line(block.lead)
    rest = _one_line(block.text[len(block.lead) :])
    stop = ""
    if lead.endswith(_SENTENCE_ENDS):
        lead, stop = lead[:-1], lead[-1]
    return f"**{lead}**{stop}{rest}"


def _one_line(text: str) -> str:
    # Chinese needs no space where a (title) line was broken.
    return text.replace("\r", "").replace("\n", "")


def _join(parts: Iterable[str], separator: str) -> str:
    text = separator.join(parts)
    return text + "\n" if text else ""

"""``drafter format``: a draft's paragraphs, in order, written out in the official format.

The draft (.docx, .txt or .md) is read as paragraphs; each keeps its text
exactly. Its role comes from its numbering and shape: the title lines at the
top, headings by their numbering level (一、 （一） 1. （1）), a numbered item
with its body as a bold lead and body, plain body paragraphs, 【参考】 hints.
The result goes through the project's Word writer (:mod:`drafter.render`),
so it carries the style spec's fonts, heading styles, page size, margins,
line grid and page numbers, as ``drafter new`` output does.

What the official format cannot carry from a Word draft (tables, images,
comments, tracked changes, footnotes, text boxes, embedded objects) is
listed; :func:`format_draft` refuses unless the caller accepts the loss.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from drafter.corpus.grammar import is_date_line, is_title
from drafter.errors import InputError
from drafter.model import HINT_MARK
from drafter.numbering import head, marker, norm
from drafter.render.text import Block, BlockKind
from drafter.style_spec import StyleSpec

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Longest paragraph taken as a title line or a heading standing alone.
TITLE_MAX = 50
HEADING_MAX = 40
#: Most lines a title runs over (a long title, a subtitle line).
TITLE_LINES = 3
#: A bold lead ends at the first full stop within this many characters.
LEAD_MAX = 60

_SENTENCE = re.compile(r"[。;!?:,，；！？：]")
#: What a Word draft may hold that the official format does not carry: tag → what it is.
_LOSSES = {
    f"{W}tbl": "表格",
    f"{W}drawing": "图片或图形",
    f"{W}pict": "图片或图形",
    f"{W}object": "嵌入对象",
    f"{W}commentReference": "批注",
    f"{W}ins": "修订（插入）",
    f"{W}del": "修订（删除）",
    f"{W}moveFrom": "修订（移动）",
    f"{W}footnoteReference": "脚注",
    f"{W}endnoteReference": "尾注",
    f"{W}txbxContent": "文本框",
}
_UNITS = {"表格": "个", "图片或图形": "处", "嵌入对象": "个", "批注": "条", "脚注": "条", "尾注": "条", "文本框": "个"}


@dataclass
class Draft:
    """A draft read for formatting: its paragraphs in order and what could not be carried."""

    paragraphs: list[str]
    losses: Counter[str] = field(default_factory=Counter)

    def loss_text(self) -> str:
        """The losses in one line: "表格 2 个、批注 3 条"."""
        return "、".join(f"{what} {n} {_UNITS.get(what, '处')}" for what, n in self.losses.items())


def read_draft(path: Path) -> Draft:
    """The paragraphs of the draft at ``path`` (blank ones dropped) and, for a .docx, what would be lost."""
    from drafter.corpus.extract import read_lines

    if path.suffix.lower() != ".docx":
        return Draft([ln.text.strip() for ln in read_lines(path) if ln.text.strip()])
    from drafter import docx_guard
    from drafter.corpus.docx_text import read_docx

    word = read_docx(docx_guard.read_docx(path), path)  # bounded, regular file, no DTD in any part
    body = word.document.find(f"{W}body")  # the tree word.paragraphs were read from
    assert body is not None  # read_docx checked
    losses: Counter[str] = Counter()
    for el in body.iter():
        what = _LOSSES.get(el.tag)
        if what is not None:
            losses[what] += 1
    if word.laid_out_in_table:  # a document laid out inside a table: its cells' paragraphs are its paragraphs
        return Draft([line.strip() for _, text in word.paragraphs for line in text.split("\n") if line.strip()], losses)
    return Draft(_in_order(body, [text for _, text in word.paragraphs]), losses)


def _table_rows(tbl: ET.Element) -> list[str]:
    rows = []
    for tr in tbl.iter(f"{W}tr"):
        cells = ["".join(t.text or "" for t in tc.iter(f"{W}t")).strip() for tc in tr.iter(f"{W}tc")]
        if any(cells):
            rows.append("\u3000".join(c for c in cells if c))
    return rows


def _in_order(body: ET.Element, texts: list[str]) -> list[str]:
    """Body paragraph texts in order (a line break starts a new paragraph), each table's rows where it stood."""
    from drafter.corpus.docx_text import body_paragraphs

    out: list[str] = []
    it = iter(texts)
    for child in body:
        if child.tag == f"{W}tbl":
            out.extend(_table_rows(child))
            continue
        count = 1 if child.tag == f"{W}p" else sum(1 for _ in body_paragraphs(child))
        for _ in range(count):
            out.extend(line.strip() for line in next(it, "").split("\n") if line.strip())
    return out


# --- roles -----------------------------------------------------------------------------------


def title_lines(paragraphs: list[str]) -> int:
    """How many paragraphs at the top are the title: short, unnumbered, without sentence punctuation."""
    n = 0
    for text in paragraphs[:TITLE_LINES]:
        t = norm(text).strip()
        if n == 0 and is_title(t):  # a title as the reader knows one (it may hold a comma)
            n += 1
            continue
        if not t or len(t) > TITLE_MAX or _SENTENCE.search(t) or marker(head(t)) is not None or is_date_line(t) \
                or t.startswith(HINT_MARK):
            break
        n += 1
    return n if n < len(paragraphs) else 0


def blocks(paragraphs: list[str]) -> list[Block]:
    """The paragraphs as render blocks: title, headings by numbering level, leads, body, hints."""
    top = title_lines(paragraphs)
    out = [Block(BlockKind.TITLE, text) for text in paragraphs[:top]]
    for text in paragraphs[top:]:
        out.append(block(text))
    return out


def block(text: str) -> Block:
    """One body paragraph's block, by its numbering and shape."""
    if text.startswith(HINT_MARK):
        return Block(BlockKind.HINT, text)
    n = norm(text)
    m = marker(head(n))
    if m is None or not 1 <= m.level <= 4:
        return Block(BlockKind.PARAGRAPH, text)
    stop = n.find("。")
    if len(n) <= HEADING_MAX and (stop < 0 or stop == len(n.rstrip()) - 1) and not re.search(r"[;!?；！？]", n):
        return Block(BlockKind.HEADING, text, m.level)
    if 0 <= stop < LEAD_MAX:
        return Block(BlockKind.LEAD, text, m.level, text[:stop + 1])
    return Block(BlockKind.LEAD, text, m.level, text[:m.end])


# --- the command -----------------------------------------------------------------------------


def format_draft(source: Path, *, style: StyleSpec | None = None, allow_loss: bool = False) -> tuple[bytes, Draft]:
    """The draft at ``source`` as official-format .docx bytes, and what was read.

    Raises :class:`InputError` (nothing is written by anyone) when the draft
    holds content the format cannot carry and ``allow_loss`` is false, or when
    it holds no text.
    """
    from drafter.corpus.meta import parse_title
    from drafter.render.docx import render_blocks

    draft = read_draft(source)
    if draft.losses and not allow_loss:
        raise InputError(f"草稿中有排版后无法保留的内容：{draft.loss_text()}；确认可以舍弃时加 --allow-loss", source)
    if not draft.paragraphs:
        raise InputError("草稿中没有文字", source)
    found = blocks(draft.paragraphs)
    title = "".join(b.text for b in found if b.kind is BlockKind.TITLE)
    year = parse_title(title)[1] if title else None
    return render_blocks(found, title=title, year=year, style=style), draft

"""Numbering grammar → hierarchy → plans.

Cleaned lines become tokens (title, heading of level 1–4, paragraph, hint);
tokens are cut into documents (a title line, or level-1 numbering starting
over, begins a new one); each document becomes a :class:`~drafter.model.Plan`.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import pairwise

from rapidfuzz import fuzz

from drafter.corpus.grammar import (
    CN_YEAR,
    COMPILATION_SEP,
    REPORT_KINDS,
    TITLE_NOISE,
    ends_sentence,
    is_compilation_title,
    is_date_line,
    is_signature,
    is_title,
    line_marker,
)
from drafter.corpus.meta import arabic_years, clean_title, is_combined_report, parse_title, preamble_year, refine_org
from drafter.lazy_re import lazy
from drafter.model import ALTERNATIVE_MARK, HINT_MARK, Noise, Part, PartKind, Plan, Section, Span, Task, TaskNumbering
from drafter.numbering import ENCLOSED_START, FLOATING, STYLES, Marker, cn_to_int, marker, norm

# --- tokens ---------------------------------------------------------------


@dataclass(slots=True)
class Token:
    """One cleaned line: kind is title, compilation, head, para, hint, appendix."""

    kind: str
    no: int
    text: str
    level: int = 0
    number: int = 0
    mark: str = ""
    #: An itemised point (一是, ——, ●): a task under a section, body text under a task.
    soft: bool = False


_ORDINAL = re.compile(r"^\s*(?:([一二三四五六七八九十]{1,3})是(?!否|指|由|以|在|对|我|一)|(——|—{1,2}|[●◆■▲★☆○◇□]|-\s))\s*")
_FRAMING_GLUED = re.compile(r"^(指导思想|总体要求|工作目标|目标任务|工作原则|基本原则|工作要点|重点任务|主要任务|工作任务"
                            r"|工作措施|保障措施|工作要求|组织领导|实施步骤)(?=[^\s,，。:：;；、)）])")
_MIN_GLUED_BODY = 10
_GENRE_ONLY = lazy(r"^(?:实施|工作)?(?:方案|要点|计划|安排|意见)$")


#: The longest line taken as the title of a section marker standing alone on the line before it.
_MAX_BARE_TITLE = 30
_TITLE_STOP = lazy(r"[。；;！!？?，,]")


_APPENDIX = re.compile(r"^附\s*件\s*\d*\s*[:：]?$|^附\s*件\s*\d*\s*[:：]")


def tokenize(lines: list[tuple[int, str]]) -> list[Token]:
    """Classify each non-blank line; a weak number (``12深化``) counts only where expected."""
    out: list[Token] = []
    last_task = 0
    final = next((i for i in range(len(lines) - 1, -1, -1) if lines[i][1]), -1)  # the last non-blank line
    tail: list[Token] = []
    floating: dict[int, str] = {}  # headings in a style without a fixed level: their lines as written
    bare: Token | None = None  # the last section heading with no title on its line
    for i, (no, text) in enumerate(lines):
        if not text:
            continue
        if i == final and text.endswith(("月", "日")) and (ts := _TRAILING_SIGNOFF.search(text)) and is_signature(ts.group(1)) \
                and is_date_line(ts.group(2)):
            # "…每季度形成一份分析。某县统计局2024年2月26日": the sign-off run into the last sentence
            text = text[: ts.start()]
            tail = [Token("para", no, ts.group(1)), Token("date", no, ts.group(2))]
        m = line_marker(text)
        if m is not None and m.weak and m.number != last_task + 1:
            m = None
        if m is not None:
            if m.level == 3 and m.style == "dig":
                last_task = m.number
            if m.style in FLOATING:
                floating[len(out)] = text  # the line, should it turn out to be text
            body = text[m.end:].strip()
            g = _FRAMING_GLUED.match(body) if m.level <= 2 else None
            if g and len(body) - g.end() >= _MIN_GLUED_BODY:
                out.append(Token("head", no, g.group(1), m.level, m.number, text[:m.end].strip()))
                out.append(Token("para", no, body[g.end():]))
            else:
                cut = _glued_body(body) if m.level <= 2 else 0
                out.append(Token("head", no, body[:cut] if cut else body, m.level, m.number, text[:m.end].strip()))
                if cut:
                    out.append(Token("para", no, body[cut:]))
                elif not body and m.level <= 2:
                    bare = out[-1]  # "第一部分" alone on its line: its title may be the next line
        elif (o := _ORDINAL.match(text)) and len(text) > o.end():
            num = cn_to_int(o.group(1)) if o.group(1) else 0
            out.append(Token("head", no, text[o.end():].strip(), 3, num or 0, text[:o.end()].strip(), soft=True))
        elif text.startswith(HINT_MARK):
            out.append(Token("hint", no, text[len(HINT_MARK):].strip()))
        elif text.startswith(ALTERNATIVE_MARK):
            out.append(Token("alternative", no, text[len(ALTERNATIVE_MARK):].strip()))
        elif COMPILATION_SEP.match(text):
            out.append(Token("sep", no, text))
        elif is_title(text) and not _is_sentence_like(text):
            prev = out[-1] if out else None
            if prev is not None and prev.kind == "para" and _GENRE_ONLY.match(norm(text).strip()) \
                    and len(prev.text) <= 40 and not re.search(r"[。，,；;：:]", prev.text):
                out[-1] = Token("title", prev.no, prev.text + text)  # a title broken over two lines
            else:
                out.append(Token("title", no, text))
        elif is_compilation_title(text):
            out.append(Token("compilation", no, text))
        elif _APPENDIX.match(text):
            out.append(Token("appendix", no, text))
        elif is_date_line(text) or (("印发" in text or "送" in text) and _IMPRINT.search(norm(text))):
            out.append(Token("date", no, text))  # a date line, or the imprint (版记) under the sign-off
        elif text[-1:] in "日月" and (sd := _SIGNED_DATE.match(text)) and is_signature(sd.group(1)) \
                and is_date_line(sd.group(2)):
            out.append(Token("para", no, sd.group(1)))  # "某县统计局 2024年2月26日": a sign-off on one line
            out.append(Token("date", no, sd.group(2)))
        elif bare is not None and bare is out[-1] and len(text) <= _MAX_BARE_TITLE and not _TITLE_STOP.search(text):
            bare.text = text  # the title of the heading on the line before ("第一部分" / "加强理论武装")
        else:
            out.append(Token("para", no, text))
    out.extend(tail)
    if floating:
        out = _rank_floating(out, floating)
    _comma_numbers_on_top(out)
    _mend_top_sequence(out)
    return out


def _rank_floating(tokens: list[Token], lines: dict[int, str]) -> list[Token]:
    """Levels for the marker styles without a fixed one, from the styles above them in each document.

    A style's place is where it first appears: under the heading style open
    at that point (a stack of styles, popped back to a style seen again).
    Under a section style it is a task (①… under 一、 or ㈠), or a
    subsection when a further style stands under it (一、 → ⑴ → ①); under a
    task it is an item of the task's body (1. → ①); at the top it is the
    document's sections when something stands under it (㈠ → ⑴, 第一部分 →
    1.), else its usual level. A style that would stand at or below a style it
    holds (第一部分 over 一、), below level 4, or 第一部分 under anything, is not
    numbering here: its lines are text again, as written (``lines``: the line
    of each heading in such a style, by token index).
    """
    out: list[Token] = []
    start = 0
    for i in range(len(tokens) + 1):
        if i == len(tokens) or tokens[i].kind in ("title", "compilation", "sep"):
            out.extend(_rank_document(tokens, start, i, lines))
            if i < len(tokens):
                out.append(tokens[i])
            start = i + 1
    return out


def _one_sequence(tokens: list[Token], styles: dict[int, str], both: set[str], least: int) -> bool:
    """The headings in these styles (at least ``least``) number on as one sequence (1, 2, 3 …), whichever style each is in."""
    numbers = [tokens[i].number for i, style in styles.items() if style in both]
    return len(numbers) >= least and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _style(t: Token) -> str:
    """How a heading's marker is written (:data:`~drafter.numbering.STYLES`), "" for an itemised point."""
    if t.soft:
        return ""
    m = marker(norm(t.mark) + "文")  # "1、" is a marker only with text after it
    return m.style if m is not None else ""


def _rank_document(tokens: list[Token], start: int, end: int, lines: dict[int, str]) -> list[Token]:
    styles = {i: _style(tokens[i]) for i in range(start, end) if tokens[i].kind == "head"}
    above = _first_parents(styles)
    if not FLOATING.intersection(above):
        return tokens[start:end]
    level, text = _style_levels(above, tokens, styles)
    out: list[Token] = []
    skip = -1
    for i in range(start, end):
        t = tokens[i]
        style = styles.get(i, "")
        if i == skip:
            continue
        if style in FLOATING:
            if style in text:
                out.append(Token("para", t.no, lines[i]))
                if t.text and t.text not in lines[i]:
                    out.append(Token("para", t.no, t.text))  # the title it took from the next line
                nxt = tokens[i + 1] if i + 1 < end else None
                if nxt is not None and nxt.kind == "para" and nxt.no == t.no:
                    skip = i + 1  # the body split off the heading: the whole line is the paragraph
                continue
            t.level = level[style]
        out.append(t)
    return out


def _first_parents(styles: dict[int, str]) -> dict[str, tuple[str, ...]]:
    """Each style (in order of first appearance) and the heading styles open where it first appears, innermost last."""
    above: dict[str, tuple[str, ...]] = {}
    stack: list[str] = []
    for style in styles.values():
        if not style:
            continue
        if style in stack:
            del stack[stack.index(style) + 1:]
        else:
            above.setdefault(style, tuple(stack))
            stack.append(style)
    return above


def _style_levels(above: dict[str, tuple[str, ...]], tokens: list[Token],
                  styles: dict[int, str]) -> tuple[dict[str, int], set[str]]:
    """The level of each style, and the styles without a fixed level that are not numbering here."""
    parent = {s: a[-1] if a else None for s, a in above.items()}
    holds = {p for p in parent.values() if p is not None}
    level: dict[str, int] = {}
    for style, outer in above.items():  # in order of first appearance: the styles above it are ranked before it
        if style not in FLOATING:
            level[style] = STYLES[style]
            continue
        same = next((a for a in reversed(outer) if _one_sequence(tokens, styles, {style, a}, 3)), None)
        if same is not None:
            level[style] = level[same]  # "（一） … 二） … （三）": the same sequence, one heading written otherwise
        elif not outer:
            level[style] = STYLES[style] if style not in holds or STYLES[style] <= 2 else 1
        else:
            up = level[outer[-1]]
            level[style] = 3 if up == 1 and style not in holds else up + 1
    text: set[str] = set()
    for s in parent:
        if s not in FLOATING:
            continue
        kids = [c for c, p in parent.items() if p == s]
        under = [c for c in kids if level[c] <= level[s]]
        mixed = next((c for c in kids if c not in FLOATING and _one_sequence(tokens, styles, {s, c}, 2 if under else 3)), None)
        if mixed is not None:
            level[s] = level[mixed]  # "㈠ … 二、 … ㈢", "⑴ ⑵ （3）": one sequence in two styles, a mix check reports
        elif level[s] > 4 or under or (s == "part" and parent[s] is not None):
            text.add(s)
    return level, text


def _mend_top_sequence(tokens: list[Token]) -> None:
    """A heading whose number goes on with the top-level sequence in another style is a top-level one.

    "一、 … （二） … 三、": a （二） right after 一、 (and before 三、, or last) that
    no （一） leads up to is the document's second section written, or damaged
    ("((二))"), in the next level's style; so is one followed by a （一）, which
    it must stand above. The same in a plan whose top level is （一）:
    "（一） … 二、 … （三）", or "一、 … （二） … （三）". Numbers decide, never the marker alone: a （三）
    that goes on from a （二）, also one under an earlier section (numbered on
    across sections), stays a subsection.
    """
    marks = [t for t in tokens if t.kind in ("title", "compilation", "sep")
             or (t.kind == "head" and t.level <= 2 and not t.soft)]
    size = len(marks)
    if size < 3:
        return
    level = [t.level if t.kind == "head" else 0 for t in marks]  # 0: where a document starts
    num = [t.number for t in marks]
    # looking ahead: the next top-level number, the first （N） before it, the next （N） at all
    next1, first2, next2 = [0] * size, [0] * size, [0] * size
    n1 = f2 = n2 = 0
    for i in range(size - 1, -1, -1):
        next1[i], first2[i], next2[i] = n1, f2, n2
        if level[i] == 0:
            n1 = f2 = n2 = 0
        elif level[i] == 1:
            n1, f2 = num[i], 0
        else:
            f2 = n2 = num[i]
    # looking back: the last top-level number, the last （N） since it, the last （N） at all, all （N） seen
    p1 = last2 = p2 = tops = runs = 0  # tops: top-level headings so far, runs: how many had a （一） first
    seen2: set[int] = set()
    for i in range(size):
        k = num[i]
        if level[i] == 0:
            p1 = last2 = p2 = tops = runs = 0
            seen2 = set()
            continue
        if level[i] == 2 and k >= 2 and p1 == k - 1 and next1[i] in (0, k + 1):
            if last2 == k - 1:  # goes on from the （N） before it, unless a （一） under it shows it stands above
                up = first2[i] == 1 and runs == tops
            elif last2:
                up = first2[i] in (0, 1)
            else:
                up = first2[i] == 1 or (not first2[i] and k - 1 not in seen2)
            if up:
                marks[i].level = level[i] = 1
        elif level[i] == 1 and next1[i] != k + 1 and next2[i] == k + 1 \
                and ((p1 != k - 1 and p2 == k - 1) or (k == 1 and not p1 and not p2)):
            marks[i].level = level[i] = 2  # "（一）…二、…（三）", also "一、…（二）…（三）"
        if level[i] == 1:
            p1, last2, tops = k, 0, tops + 1
        else:
            if not last2 and k == 1 and p1:
                runs += 1
            last2 = p2 = k
            seen2.add(k)


#: The imprint (版记) of an official document: 抄送 line, "某某办公室 2024年2月26日印发".
_IMPRINT = lazy(r"^(?:抄送|抄报|分送)\s*[:：]|\d{1,2}\s*日\s*印发\s*$|^印发\s*[:：]")
#: A signing body and the date on one line (as run-together previews print a sign-off).
_SIGNED_DATE = lazy(rf"^(\S{{3,24}}?)\s*((?:20\d\d|{CN_YEAR})\s*年\s*[\d一二三四五六七八九十]{{1,3}}\s*月"
                          r"(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?)$")
_TRAILING_SIGNOFF = lazy(rf"(?<=[。！？!?；;])\s*([^\s。！？!?；;，,：:]{{3,24}}?)\s*((?:20\d\d|{CN_YEAR})\s*年"
                               r"\s*[\d一二三四五六七八九十]{1,3}\s*月(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?)$")
_BODY_START = lazy(r"认真|坚持|严格|深入|切实|进一步|按照|围绕|以|加强|全面|持续|积极|建立|结合|把|要|各级|通过|根据"
                         r"|牢固|始终|紧紧|大力|着力")
_MIN_GLUED_CLAUSE = 20
_STOP_CHARS = "。！？!?"
_MIN_TITLE = 6


def _glued_body(text: str) -> int:
    """Where the body starts in a heading glued to it without a stop ("落实…责任制认真落实…"), or 0.

    Only a first clause too long for a heading is cut, at the first word a
    body sentence typically opens with, and only when a pause (，；：) ends it:
    a clause ended by a full stop is a whole heading written "标题。正文", whose
    stop already separates title and body (:func:`_split_title`).
    """
    first = re.split(r"[。！？!?,，;；:：]", text, maxsplit=1)[0]
    if len(first) <= _MIN_GLUED_CLAUSE or len(text) <= len(first) + 10 or text[len(first)] in _STOP_CHARS:
        return 0
    m = _BODY_START.search(first, _MIN_TITLE, len(first) - 4)
    return m.start() if m else 0


def _comma_numbers_on_top(tokens: list[Token]) -> None:
    """"1、" headings over "1." tasks, with no 一、 at all: the document's own top level is "1、".

    Levels come from the document: when digit markers with 、 come first and
    "1." items start over between them, the 、 ones are its sections.
    """
    if any(t.kind == "head" and t.level == 1 for t in tokens):
        return
    digits = [t for t in tokens if t.kind == "head" and t.level == 3 and not t.soft]
    if not digits or not digits[0].mark.endswith("、"):
        return
    comma = [t for t in digits if t.mark.endswith("、")]
    dots = [t for t in digits if not t.mark.endswith("、")]
    if not dots or [t.number for t in comma] != list(range(1, len(comma) + 1)):
        return
    # "1、" then "1.": two items numbered 1 cannot be siblings
    nested = len(digits) > 1 and digits[1] is dots[0] and dots[0].number == 1
    if len(comma) < 2 and not nested:
        return
    inner = [t.number for t in dots]
    if inner.count(1) < 2 and len(comma) > 1 and not any(b <= a for a, b in pairwise(inner)):
        return  # the dots run on across the 、 items: one level after all
    for t in comma:
        t.level = 1


def _is_sentence_like(text: str) -> bool:
    return "，" in text or ("," in text and len(text) > 30)


# --- documents ------------------------------------------------------------


@dataclass
class RawDoc:
    """The tokens of one document, its title token if any.

    ``before`` holds the tokens of a headless stretch right before the title
    (a notice wrapper: 关于印发…的通知, addressee, signature), read for the
    issuer. ``cut`` says the text this document was read from stopped
    mid-sentence even where the tokens were reordered (an outline block first).
    """

    title: Token | None
    tokens: list[Token] = field(default_factory=list)
    before: list[Token] = field(default_factory=list)
    cut: bool = False
    #: Tokens from an appendix (附件) on, not read as part of the plan.
    skipped: list[Token] = field(default_factory=list)
    #: The sign-off (落款) after the text: the signing body's line before a date line.
    signoff: list[Token] = field(default_factory=list)
    #: For a notice (关于印发《…》的通知) with no title line of its own after it: the title it names,
    #: which opens the document that follows the notice.
    pending: Token | None = None
    #: The title was taken from the notice, not read from a line of its own.
    from_notice: bool = False
    #: An outline block (提纲) printed before the title, listing this document's headings (its own title line first).
    outline: list[Token] = field(default_factory=list)

    @property
    def has_heads(self) -> bool:
        """The document has at least one numbered heading."""
        return any(t.kind == "head" for t in self.tokens)

    @property
    def outline_like(self) -> bool:
        """Headings only, no paragraph of text."""
        return self.has_heads and all(t.kind == "head" and "。" not in t.text for t in self.tokens)


def _title_key(text: str) -> str:
    n = norm(text)
    m = TITLE_NOISE.search(n)
    if m and m.start() >= 4:
        n = n[: m.start()]
    return re.sub(r"[\s\W_]", "", n)


def split_documents(tokens: list[Token]) -> list[RawDoc]:
    """Cut tokens into documents at title lines and where top-level numbering starts over.

    A compilation title or separator (篇二, 第3篇) ends the document before it;
    an appendix (附件) ends the reading of its document. An outline block
    followed by the title and preamble of the same plan is one document.
    Documents without any heading are dropped (their lines stay unplaced); a
    text read as untitled documents that is a list of files (:func:`lists_files`)
    gives none at all.
    """
    docs: list[RawDoc] = []
    cur: RawDoc | None = None
    top: set[int] = set()
    skipping = False
    for i, t in enumerate(tokens):
        named = _notice_title(t.text) if t.kind == "para" and "印发" in t.text else ""
        if named:  # "关于印发《2024年全区意识形态工作要点》的通知": a notice, the title of what follows it
            if cur is not None and cur.title is None and not cur.has_heads:
                cur.tokens.append(t)  # after its red head (某县教育局文件, 文号)
                cur.pending = Token("title", t.no, named)
            else:
                cur, top, skipping = RawDoc(None, [t], pending=Token("title", t.no, named)), set(), False
                docs.append(cur)
            continue
        if cur is not None and cur.pending is not None and not cur.has_heads and t.kind == "head":
            cur, top = RawDoc(cur.pending, from_notice=True), set()  # no date closed the notice: the plan starts here
            docs.append(cur)
        if t.kind == "title":
            if cur is not None and cur.title is not None and not cur.has_heads \
                    and all(x.kind != "para" or len(x.text) < 30 for x in cur.tokens) \
                    and _title_key(cur.title.text) == _title_key(t.text):
                cur.title = t  # the same title twice: keep the later, cleaner line
                continue
            cur, top, skipping = RawDoc(t), set(), False
            docs.append(cur)
            continue
        if t.kind in ("compilation", "sep"):
            cur, top, skipping = None, set(), False
            continue
        if t.kind == "date":
            names: list[Token] = []
            while cur is not None and cur.tokens and len(names) < 3 and cur.tokens[-1].kind == "para" \
                    and is_signature(cur.tokens[-1].text) and _ends_document(tokens, i):
                names.insert(0, cur.tokens.pop())  # "某县交通运输局" over the date: who signed, not text
            if cur is not None:
                cur.signoff.extend(names)
            if cur is not None and cur.pending is not None and not cur.has_heads:
                cur, top = RawDoc(cur.pending, from_notice=True), set()  # the notice's date ends it
                docs.append(cur)
            continue
        if t.kind == "appendix" or skipping:
            skipping = True
            if cur is not None:
                cur.skipped.append(t)
            continue
        restart = t.kind == "head" and t.level <= 2 and t.number == 1 and t.level in top \
            and min(top) == t.level and not t.soft
        if restart and cur is not None and _demote_sentence_items(cur, t.level):
            restart = False  # the first run was a list of duties inside a paragraph, not headings
        if cur is None or restart:
            cur, top = RawDoc(None), set()
            docs.append(cur)
        if t.kind == "head" and t.level <= 2:
            top.add(t.level)
        cur.tokens.append(t)
    for d in docs:
        last = next((t for t in reversed(d.tokens) if t.kind in ("para", "head")), None)
        d.cut = last is not None and not ends_sentence(last.text) and (last.kind == "para" or "。" in last.text)
    docs = _join_outline_blocks(docs)
    if docs and all(d.title is None or _NUMBER_LED.match(d.title.text) for d in docs) and lists_files(tokens):
        return []  # only a text read as untitled plans (or titled by numbered lines) may be a list of files
    return docs


#: A file named in a line: "2024年某局工作要点.txt", "某局要点.docx —— 县级".
_FILE_NAME = lazy(r"\.(?:txt|text|docx?|wps|md|markdown|pdf)(?![A-Za-z])", re.IGNORECASE)
_NUMBER_LED = re.compile(r"^\s*\d{1,3}\s*[.、．]\s*")
_PLAN_KINDS = ("要点", "计划", "方案", "安排")


def lists_files(tokens: list[Token]) -> bool:
    """The text lists files or plans (a folder's README, INDEX.md, 说明.txt), it is not a plan itself.

    Its numbered lines and titles are mostly file names ("….txt") or whole
    titles of plans with a unit and a year ("1. 2024年某县民政局意识形态工作要点"):
    at least two of them and at least half of all its headings and titles. A
    plan's appendix (附件) listing its tables is not counted, and a plan's own
    headings are themes and tasks, not other plans, however untitled.
    """
    named = structure = 0
    for t in tokens:
        if t.kind == "appendix":
            break
        if t.kind in ("head", "title"):
            structure += 1
        if "." in t.text and (files := len(_FILE_NAME.findall(t.text))):
            named += files
        elif t.kind in ("head", "title") and _names_a_plan(t):
            named += 1
    return named >= 2 and 2 * named >= structure


def _names_a_plan(t: Token) -> bool:
    """A heading (or a numbered line taken for a title) that is the whole title of a plan with its unit and year."""
    if t.kind == "title":
        m = _NUMBER_LED.match(t.text)
        if m is None:
            return False  # a plan's own title
        text = t.text[m.end():]
    else:
        text = t.text
    if not text.endswith(_PLAN_KINDS) or "年" not in text or not is_title(text):  # cheap tests first: most headings
        return False
    org, year = parse_title(text)
    return bool(org) and year is not None


_NOTICE_TITLE = lazy(r"^(?:.{0,30}?)关于印发[《〈“]?(?P<title>[^《》〈〉“”]{4,60}?)[》〉”]?的通知$")


def _notice_title(text: str) -> str:
    """The title a notice line names ("关于印发《…工作要点》的通知" → "…工作要点"), or ""."""
    m = _NOTICE_TITLE.match(norm(text).strip())
    return m.group("title") if m and is_title(m.group("title")) else ""


def _ends_document(tokens: list[Token], i: int) -> bool:
    """Nothing of the document follows the date at ``i``: the end, a new title or part, an appendix."""
    j = i + 1
    while j < len(tokens) and tokens[j].kind == "date":
        j += 1
    return j == len(tokens) or tokens[j].kind in ("title", "compilation", "sep", "appendix")


def _sentence_item(t: Token) -> bool:
    """A numbered line that is a whole sentence (a duty in a list), not a heading with a body."""
    title = _STOP.split(t.text, 1)[0]
    return len(title) > 30 and bool(re.search(r"[,，]", title))


def _demote_sentence_items(doc: RawDoc, level: int) -> bool:
    """Turn a run of sentence items at ``level`` into paragraphs, when every one of them is such."""
    items = [t for t in doc.tokens if t.kind == "head" and t.level == level]
    if not items or not all(_sentence_item(t) for t in items):
        return False
    for i, t in enumerate(doc.tokens):
        if t.kind == "head" and t.level >= level:
            doc.tokens[i] = Token("para", t.no, t.mark + t.text)
    return True


def _join_outline_blocks(docs: list[RawDoc]) -> list[RawDoc]:
    """An untitled outline followed by a titled document without headings: one plan.

    An outline followed by a titled document whose headings it lists (提纲
    first, untitled or under the same title, then the title, preamble and
    text of the same plan) is that document's ``outline``. A headless
    document before a titled one is kept as its ``before``.
    """
    out: list[RawDoc] = []
    for d in docs:
        prev = out[-1] if out else None
        if prev is not None and prev.title is None and prev.outline_like and d.title is not None and not d.has_heads:
            prev.title, prev.tokens, prev.cut = d.title, d.tokens + prev.tokens, prev.cut or d.cut
            continue
        if prev is not None and prev.outline_like and d.title is not None and _lists_headings_of(prev, d) \
                and (prev.title is None or _title_key(prev.title.text) == _title_key(d.title.text)):
            d.outline, d.before = ([prev.title] if prev.title else []) + prev.tokens, prev.before + d.before
            out[-1] = d
            continue
        if prev is not None and not prev.has_heads and d.title is not None:
            own = [prev.title] if prev.title and not prev.from_notice else []
            d.before = prev.before + own + prev.tokens + prev.signoff
            out[-1] = d
            continue
        out.append(d)
    return [d for d in out if d.has_heads]


def _top_headings(doc: RawDoc) -> list[str]:
    heads = [t for t in doc.tokens if t.kind == "head" and not t.soft]
    top = min((t.level for t in heads), default=0)
    return [_heading_key(t.text) for t in heads if t.level == top]


def _lists_headings_of(block: RawDoc, doc: RawDoc) -> bool:
    """The block's top headings are ``doc``'s section headings, in order (small wording differences allowed).

    Matched over the shorter list, so that a text that stops early still
    matches its whole outline; at least two headings (or a one-heading
    block's only one) must be found.
    """
    mine = _top_headings(block)
    theirs = [_heading_key(t.text) for t in doc.tokens if t.kind == "head" and t.level <= 2 and not t.soft]
    top = len(_top_headings(doc))
    if not mine or not top:
        return False
    hits, j = 0, 0
    for k in mine:  # in order: each block heading found after the previous one's match
        at = next((i for i in range(j, len(theirs)) if _same_heading(k, theirs[i])), None)
        if at is not None:
            hits, j = hits + 1, at + 1
    return hits >= min(2, len(mine)) and hits * 5 >= min(len(mine), top) * 4


def _same_heading(a: str, b: str) -> bool:
    """Two heading keys for the same heading, allowing small wording differences (理论学习 / 抓好理论学习)."""
    if a == b:
        return True
    if min(len(a), len(b)) >= 4 and (a in b or b in a):
        return True
    return fuzz.ratio(a, b) >= 80


def _fill_from_block(plan: Plan, doc: RawDoc, source: str) -> None:
    """The plan's outline block: its lines go with the plan; sections the text stops before come from it.

    Only headings after the last one the text shows are taken (marked
    outline_only, the plan truncated): the text wins wherever it has a part.
    """
    heads = [t for t in doc.outline if t.kind == "head"]
    block = build_plan(RawDoc(None, heads), source, [])
    shows = [*(s.title for s in plan.sections), *(p.heading for p in (*plan.front, *plan.back)), plan.tasks_heading or ""]
    have = [_heading_key(x) for x in shows if x]
    order = [_heading_key(t.text) for t in heads if t.level == min(h.level for h in heads)]
    shown = [i for i, k in enumerate(order) if any(_same_heading(k, h) for h in have)]
    missing = set(order[shown[-1] + 1:]) if shown else set()
    last = plan.sections[-1] if plan.sections else None
    filled = bool(missing)
    for sec in block.sections:
        key = _heading_key(sec.title)
        if key in missing:
            plan.sections.append(dataclasses.replace(
                sec, outline_only=True, tasks=[dataclasses.replace(t, outline_only=True) for t in sec.tasks]))
        elif last is not None and sec.tasks and _same_heading(key, _heading_key(last.title)):
            # the section the text stops in: the block's tasks after the last one it shows
            have = [_heading_key(t.title) for t in last.tasks]
            seen = [i for i, t in enumerate(sec.tasks) if any(_same_heading(_heading_key(t.title), h) for h in have)]
            rest = sec.tasks[seen[-1] + 1:] if seen else ([] if have else sec.tasks)
            last.tasks.extend(dataclasses.replace(t, outline_only=True) for t in rest)
            filled = filled or bool(rest)
    plan.truncated = plan.truncated or filled
    plan.sources.append(Span(source, min(t.no for t in doc.outline), max(t.no for t in doc.outline)))


# --- tree -----------------------------------------------------------------


@dataclass(eq=False, slots=True)
class Node:
    """A heading and what stands under it."""

    token: Token
    paras: list[Token] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    @property
    def level(self) -> int:
        return self.token.level

    def last_no(self) -> int:
        """The last line under the heading: tokens come in line order, so the last paragraph's or child's."""
        last = self.token.no
        if self.paras and self.paras[-1].no > last:
            last = self.paras[-1].no
        if self.children:
            last = max(last, self.children[-1].last_no())
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
        level = t.level
        if t.soft and stack and stack[-1].token.level >= 3 and not stack[-1].token.soft:
            stack[-1].paras.append(Token("para", t.no, t.mark + t.text))  # a point inside a task's body
            continue
        if level >= 3 and stack and _is_sublist(t, stack):
            stack[-1].paras.append(Token("para", t.no, _raw_marker(t) + t.text))
            continue
        node = Node(t)
        while stack and stack[-1].token.level >= level:
            stack.pop()
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return lead, roots


def _is_sublist(t: Token, stack: list[Node]) -> bool:
    """A "1." that does not go on from its siblings' numbers is a list inside a body."""
    level = t.level
    if level < 3 or not stack:
        return False
    siblings: list[Node] = []  # the children of the nearest open heading above its level
    for n in reversed(stack):
        if n.token.level < level:
            siblings = n.children
            break
    for c in reversed(siblings):  # the last sibling of its level
        if c.token.level == level:
            if t.number < c.token.number:
                return True  # a repeated number stays a task: check reports it
            break
    # a level-4 item right under a task-level node with text is body text
    return level == 4 and stack[-1].token.level == 3


def _raw_marker(t: Token) -> str:
    c = t.mark[:1]
    if c in ENCLOSED_START or c == "第" or (c not in "(（" and (")" in t.mark or "）" in t.mark)):
        return t.mark  # ①, ⑴, 1）: as written (a cheap test: the four fixed styles open with a bracket or have none)
    return f"{t.number}." if t.level == 3 else f"（{t.number}）"


# --- plan -----------------------------------------------------------------

_GUIDING = re.compile(r"^(?:指导思想|总体要求|总体思路|工作思路|基本原则|指导原则)(?:和|与|及)?(?:总体要求|基本原则|工作目标|目标任务)?$")
_GOALS = re.compile(r"^(?:主要|工作|总体|年度|主要工作)?目标(?:任务)?$")
_REQUIREMENTS = re.compile(r"^(?:工作要求|保障措施|组织保障|有关要求|工作保障|保障机制|落实要求|几点要求|具体要求|组织实施|工作措施)$")
_WRAPPER = re.compile(r"^(?:主要|重点|具体|年度)?(?:工作)?任务|^重点工作|^主要工作|^工作重点|^重点任务|^工作要点$"
                      r"|^(?:主要|工作|具体)(?:内容|措施|安排)$")
_REPORT_HEADS = re.compile(r"存在(?:的)?问题|不足之处|下步打算|下一步(?:工作)?(?:打算|计划|思路)|工作开展情况|主要做法|取得(?:的)?成效|工作成效|基本情况|主要成绩")


_KEY_DROP = re.compile(r"[\s。:：]")


def _heading_key(text: str) -> str:
    return _KEY_DROP.sub("", norm(text))


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


class NoiseIndex:
    """Noise notes by line range, without scanning all of a long text's notes for each document."""

    def __init__(self, noise: list[Noise]) -> None:
        self._noise = noise
        self._order = sorted(range(len(noise)), key=lambda i: noise[i].line)
        self._lines = [noise[i].line for i in self._order]

    def between(self, first: int, last: int) -> list[Noise]:
        """The notes on lines ``first``..``last``, in their original order."""
        lo, hi = bisect_left(self._lines, first), bisect_right(self._lines, last)
        return [self._noise[i] for i in sorted(self._order[lo:hi])]


def build_plan(doc: RawDoc, source: str, noise: list[Noise] | NoiseIndex) -> Plan:
    """Turn one document's tokens into a Plan (flags set, no outline merging yet)."""
    lead, roots = build_tree(doc.tokens)
    plan = Plan()
    if doc.title is not None:
        plan.title = clean_title(doc.title.text)
    plan.preamble = _join(lead)
    _fill_body(plan, roots, source)
    first = min([doc.title.no] if doc.title else [], default=doc.tokens[0].no)
    first = min([first, *(t.no for t in doc.tokens)])
    last = max([first, *(t.no for t in doc.tokens)])
    plan.span = Span(source, first, last)
    plan.sources = [plan.span]
    plan.noise = (noise if isinstance(noise, NoiseIndex) else NoiseIndex(noise)).between(first, last + 3)
    plan.noise += [Noise("notice", t.no, t.text) for t in doc.before]  # read for the issuer only
    plan.noise += [Noise("appendix", t.no, t.text) for t in doc.skipped]
    plan.noise += [Noise("signoff", t.no, t.text) for t in doc.signoff]  # read for the issuer only
    _set_meta(plan, doc.before, doc.signoff)
    _set_flags(plan, doc, roots)
    if doc.outline:
        _fill_from_block(plan, doc, source)
    return plan


def _fill_body(plan: Plan, roots: list[Node], source: str) -> None:
    top = min((r.level for r in roots), default=1)
    if top >= 3:  # only numbered tasks, no sections
        plan.sections = [_section_from(None, roots, plan, source)]
        return
    block_seen = False
    lead = []
    while roots and roots[0].level >= 3:  # a page that starts inside a section: its tasks
        lead.append(roots.pop(0))
    if lead:
        plan.sections.append(_section_from(None, lead, plan, source))
        block_seen = True
    kinds = [part_kind(node.token.text) for node in roots]
    wrappers = {id(n) for n, k in zip(roots, kinds, strict=True) if _is_wrapper(n, k)}
    if len(wrappers) > 1:
        # several 一、 each over （一） subsections with 1. items: a three-level plan, not one grouping heading
        # over its sections; its 一、 are the sections (their （一） the tasks), unless one is named so (重点任务)
        named = [n for n in roots if id(n) in wrappers and _WRAPPER.match(_heading_key(n.token.text))]
        wrappers = {id(named[0])} if len(named) == 1 else set()
    for node, kind in zip(roots, kinds, strict=True):
        if id(node) in wrappers:
            plan.tasks_heading = node.token.text
            plan.sections.extend(_wrapped_sections(node, plan, source))
            block_seen = True
        elif kind is not None or (plan.tasks_heading is not None and not _has_tasks(node)):
            part = _part(node, kind or PartKind.OTHER, source)
            (plan.back if block_seen else plan.front).append(part)
        else:
            plan.sections.append(_section(node, plan, source))
            block_seen = True
    plan.task_numbering = _numbering(plan.sections)


def _wrapped_sections(node: Node, plan: Plan, source: str) -> list[Section]:
    """The sections under a grouping heading, losing nothing written straight under it.

    Tasks before its first (一) (二、重点任务 → 1.… 2.… → (一)…) are the grouping heading's
    own: they make an untitled first section, as tasks before any heading do. Its own
    paragraphs are that section's intro, or the first section's when it has no own tasks.
    """
    sections = [_section(c, plan, source) for c in node.children if c.level < 3]
    own = [c for c in node.children if c.level >= 3]
    if own:
        lead = _section_from(None, own, plan, source)
        lead.intro = _join(node.paras)
        sections.insert(0, lead)
    elif node.paras and sections:
        sections[0].intro = "\n".join(x for x in (_join(node.paras), sections[0].intro) if x)
    return sections


def _is_wrapper(node: Node, kind: PartKind | None) -> bool:
    """A heading whose only job is to hold the themed sections (三、重点任务 → (一)… → 1.…)."""
    kids = [c for c in node.children if c.level == 2]
    if not kids or node.level != 1:
        return False
    named = bool(_WRAPPER.match(_heading_key(node.token.text)))
    if any(any(g.level >= 3 for g in c.children) for c in kids):
        return kind is None or kind is PartKind.OTHER or named
    return named and (kind is None or kind is PartKind.OTHER)


def _has_tasks(node: Node) -> bool:
    return any(c.level >= 2 for c in node.children)


def _part(node: Node, kind: PartKind, source: str) -> Part:
    items = [_task(c, source) for c in node.children]
    level = node.children[0].level if node.children else 3
    return Part(kind, node.token.text, _join(node.paras), items, item_level=3 if level >= 3 else 2,
                span=Span(source, node.token.no, node.last_no()))


def _section(node: Node, plan: Plan, source: str) -> Section:
    kids = [c for c in node.children if c.level >= 3] or node.children
    taken = {id(k) for k in kids}
    return _section_from(node, kids, plan, source, extra=[c for c in node.children if id(c) not in taken])


def _section_from(node: Node | None, kids: list[Node], plan: Plan, source: str,
                  extra: list[Node] | None = None) -> Section:
    intro = _join(node.paras) if node else ""
    title, number = ("", None) if node is None else (node.token.text, node.token.number)
    if node is not None:
        title, inline = _split_title(title)
        intro = "\n".join(x for x in (inline, intro) if x)
    tasks = [_task(k, source) for k in kids]
    alternatives = [Task(None, p.text) for k in kids for p in k.paras if p.kind == "alternative"]
    for e in extra or []:
        intro = "\n".join(x for x in (intro, _node_text(e)) if x)
    span = Span(source, node.token.no if node else kids[0].token.no,
                node.last_no() if node else kids[-1].last_no()) if (node or kids) else None
    return Section(number, title, intro, tasks, span=span, alternatives=alternatives,
                   mark=node.token.mark if node else None)


def _node_text(node: Node) -> str:
    """A heading, its paragraphs and everything under it, as lines (nothing under it is dropped)."""
    lines = [node.token.text, _join(node.paras)]
    lines += [(_raw_marker(c.token) if c.level >= 3 else "") + _node_text(c) for c in node.children]
    return "\n".join(x for x in lines if x)


def _task(node: Node, source: str) -> Task:
    title, inline = _split_title(node.token.text)
    body_lines = [inline] if inline else []
    hints: list[str] = []
    for p in node.paras:
        if p.kind != "alternative":
            (hints if p.kind == "hint" else body_lines).append(p.text)
    for c in node.children:
        body_lines.append(_raw_marker(c.token) + c.token.text if c.level >= 3 else c.token.text)
        body_lines.extend(p.text for p in c.paras)
    number = None if node.token.soft and not node.token.number else node.token.number
    task = Task(number, title, "\n".join(body_lines), hints,
                span=Span(source, node.token.no, node.last_no()))
    task.mark = node.token.mark
    return task


_STOP = lazy(r"[。!?！？]|(?<=[\u4e00-\u9fff])\.(?=\s*[\u4e00-\u9fff\d])")  # also a half-width stop between words
_FULL_STOP = re.compile(r"[。!?！？]")  # _STOP for a text without a half-width "." (most texts: a faster scan)


#: Longest title before a colon that cuts "标题：正文" (a longer lead is a sentence introducing a list).
_MAX_COLON_TITLE = 30
_COLON_TITLE_PAUSE = re.compile(r"[，,；;、]")


def _split_title(text: str) -> tuple[str, str]:
    """Cut "标题。正文…" at the first full stop, or "标题：正文…" at a colon before it: (title, rest).

    The colon cuts only after a short title without pauses and outside quotes
    ("抓好中心组学习：全年…"), not in a sentence that introduces a list
    ("各单位要按照要求，做到以下几点：…") nor in a time ("8:30").
    """
    m = (_STOP if "." in text else _FULL_STOP).search(text)
    c = _title_colon(text, min(len(text) if m is None else m.start(), _MAX_COLON_TITLE + 2)) \
        if "：" in text or ":" in text else -1
    if c > 0:
        head = text[:c].strip()
        if 2 <= len(head) <= _MAX_COLON_TITLE and not _COLON_TITLE_PAUSE.search(head) \
                and head.count("“") == head.count("”"):
            return head, text[c + 1:].strip()
    if m is None:
        return text.strip(), ""
    return text[: m.start()].strip(), text[m.end():].strip()


def _title_colon(text: str, window: int) -> int:
    """Where the first colon before ``window`` stands (-1: none); "8:30" is a time, not a colon."""
    c = text.find("：", 0, window)
    h = text.find(":", 0, window)
    while h > 0 and text[h - 1:h].isdigit() and text[h + 1:h + 2].isdigit():
        h = text.find(":", h + 1, window)
    return min(c, h) if c > 0 and h > 0 else max(c, h)


def _join(tokens: list[Token]) -> str:
    return "\n".join(t.text for t in tokens if t.kind in ("para", "hint"))


def _numbering(sections: list[Section]) -> TaskNumbering:
    firsts = [s.tasks[0].number for s in sections if s.tasks and s.tasks[0].number is not None]
    if len(firsts) > 1 and all(n == 1 for n in firsts):
        return TaskNumbering.RESTART
    return TaskNumbering.CONTINUOUS


def _set_meta(plan: Plan, before: list[Token], signoff: list[Token]) -> None:
    org, year = parse_title(plan.title) if plan.title else ("", None)
    text = "\n".join(x for x in (plan.preamble, _first_text(plan)) if x)
    org = refine_org(org, text, [t.text for t in before], [t.text for t in signoff], lambda: _opening(plan))
    if year is None and not _YEAR_PLACEHOLDER.search(norm(plan.title)):
        year = preamble_year(text)  # site lead-ins are noise by now: they cannot lend their year
    plan.org, plan.year = org, year


def _opening(plan: Plan, limit: int = 3000) -> str:
    """The plan's text in reading order (preamble, parts, sections) up to about ``limit`` characters."""
    out: list[str] = []
    size = 0

    def add(*texts: str) -> bool:
        nonlocal size
        for t in texts:
            if t:
                out.append(t)
                size += len(t)
        return size >= limit

    if add(plan.preamble):
        return "\n".join(out)
    for part in plan.front:
        if add(part.heading, part.text, *(x for i in part.items for x in (i.title, i.body))):
            return "\n".join(out)
    for sec in plan.sections:
        if add(sec.title, sec.intro, *(x for t in sec.tasks for x in (t.title, t.body))):
            return "\n".join(out)
    return "\n".join(out)


def _first_text(plan: Plan) -> str:
    for p in plan.front:
        if p.text:
            return p.text
    return ""


def _set_flags(plan: Plan, doc: RawDoc, roots: list[Node]) -> None:
    has_text = bool(plan.preamble) or any(t.body or t.hints for t in plan.tasks) \
        or any(s.intro for s in plan.sections) or any(p.text or any(i.body for i in p.items) for p in plan.front + plan.back)
    # items that end with a full stop are written text, if terse ("1.召开专题会议。"); an outline lists bare headings
    plan.outline_only = not has_text and not any(t.kind == "head" and t.text.endswith("。") for t in doc.tokens)
    paywall = any(n.kind in ("paywall", "hidden") for n in plan.noise)
    plan.truncated = paywall or doc.cut or _cut_off(plan, doc)
    plan.not_a_plan = _looks_like_report(plan, roots)
    if plan.not_a_plan:
        later = _forward_year(roots)
        if later is not None and (plan.year is None or later > plan.year):
            plan.year = later  # "三、2024年工作打算" in a 2023 summary: the year it plans for


def _cut_off(plan: Plan, doc: RawDoc) -> bool:
    """A full text that stops mid-sentence, or on a bare heading after text."""
    last = next((t for t in reversed(doc.tokens) if t.kind in ("para", "head")), None)
    if last is None or ends_sentence(last.text):
        return False
    if last.kind == "para" or _STOP.search(last.text):
        return True  # a paragraph, or a body begun on the heading line, stops mid-sentence
    # a bare heading last: a text with paragraphs never ends on one, nor does a list of
    # items that end with "；" end on one without it
    siblings = [t for t in doc.tokens if t.kind == "head" and t.level == last.level and t is not last]
    if any(ends_sentence(t.text) for t in siblings):
        return True
    if plan.outline_only:
        return False
    if last.level <= 2 and part_kind(last.text) is None:
        return True  # a section heading with nothing under it
    final = plan.tasks[-1] if plan.tasks else None
    return final is not None and not (final.body or final.hints) and sum(1 for t in plan.tasks if t.body) >= 2


_YEAR_PLACEHOLDER = lazy(r"20[xX*＊]{2}|20\d[xX]")
_REPORT_OPENING = re.compile(r"现将.{0,40}?(?:情况|工作|有关)?(?:汇报|报告|总结)如下|(?:工作)?(?:总结|汇报|述职)如下"
                             r"|^(?:各位领导、)?同志们[:：，,!！]")  # a speech opens by addressing the room


def _looks_like_report(plan: Plan, roots: list[Node]) -> bool:
    title = norm(plan.title)
    if title and (is_combined_report(title)  # a summary joined to next year's plan ("…总结和2024年工作计划")
                  or (any(k in title for k in REPORT_KINDS) and not re.search(r"要点|计划|方案", title))):
        return True
    if _REPORT_OPENING.search(plan.preamble[:400]):
        return True
    top = [n for r in roots for n in (r, *r.children) if n.level <= 2]
    hits = sum(1 for n in top if _REPORT_HEADS.search(n.token.text))
    return hits >= 2


#: The forward-looking part of a report: "三、2024年工作计划", "下一步（2024年）工作打算".
_FORWARD_HEAD = lazy(r"(20\d\d)\s*年度?.{0,12}?(?:计划|打算|思路|安排|设想|重点|目标)")
#: A heading that looks back ("2023年重点工作完成情况"), whatever year it names.
_BACKWARD_HEAD = lazy(r"情况|完成|成效|成绩|回顾|总结|做法")


def _forward_year(roots: list[Node]) -> int | None:
    """The year the last forward-looking top-level part of a report names, or None when it names none."""
    found = None
    for r in roots:
        for n in (r, *r.children):
            text = arabic_years(norm(n.token.text))
            if n.level <= 2 and (m := _FORWARD_HEAD.search(text)) and not _BACKWARD_HEAD.search(text):
                found = int(m.group(1))
    return found


__all__ = ["Marker", "RawDoc", "Token", "build_plan", "lists_files", "part_kind", "split_documents", "tokenize"]

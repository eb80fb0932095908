"""Split run-together lines back into the lines a person sees.

Document-sharing previews and PDF extraction put a whole plan, or a heading
and its body, on one line ("…保证。 一、总体要求 意识形态工作是…1.深化…").
A line is cut only where numbering markers form a plausible sequence with
the numbering read so far (一、 after 一、 is 二、; 1. opens again under a
new heading), never at numbers inside sentences ("3个", "2024年", "第1次",
"12次。"). Space-separated previews are cut at spaces that end a sentence,
follow a title or a short heading, or precede a marker. Itemised points
("一是…二是…") are cut out of a section's paragraph so they can become its
tasks; inside a task they stay body text.

Pieces keep the line number of the line they came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.corpus.extract import Line
from drafter.corpus.grammar import LEADIN, is_title, line_marker
from drafter.lazy_re import lazy
from drafter.numbering import ENCLOSED_START, FLOATING, HEAD, cn_to_int, head, marker

_CN = "一二三四五六七八九十百零〇两"
#: Candidate markers inside a line, on the text as written (full- and half-width alike).
_CAND = lazy(
    rf"(?P<l1>[{_CN}]{{1,5}})\s*、"
    rf"|[(（]\s*(?P<l2>[{_CN}]{{1,5}})\s*[)）]"
    r"|(?<!\d)(?P<l3>\d{1,3})\s*[.、．](?![\d.．])"
    r"|(?P<ord>[一二三四五六七八九十]{1,3})是"
)
#: A cheap first look: a numeral or digit before 、/./．, a bracketed numeral, or 一是.
_QUICK = re.compile(rf"[{_CN}\d][{_CN}\d]{{0,4}}\s*[、.．]|[(（]\s*[{_CN}]|[一二三四五六七八九十]是")
#: Markers of the styles without a fixed level that a run-together line is cut at: enclosed numbers (①, ⑴, ⒈,
#: ㈠, Ⅰ) and 第N部分/第N章. (1）and 一） are not: too like a figure or a bracket inside a sentence. Looked
#: for only in a text not written line by line (a preview run together): scanning every line of the
#: common text for them would cost more than the rest of the first look.
_NEW = rf"[{''.join(sorted(ENCLOSED_START))}]|第\s*[{_CN}\d]{{1,3}}\s*(?:部分|章)"
_CAND_ALL = lazy(_CAND.pattern + rf"|(?P<new>{_NEW})")
_QUICK_ALL = lazy(_QUICK.pattern + "|" + _NEW)
#: The level-like place of the styles without a fixed level, as the sequence state follows them.
_RANK = {"part": "l1", "roman": "l1", "pideo": "l2", "hcn": "l2", "dnum": "l3", "hdig": "l3", "circ": "l3", "pnum": "l3"}
_ORD_START = re.compile(r"\s*([一二三四五六七八九十]{1,3})是(?!否|指|由|以|在|对|我|一)")
_BOUND = set(" \t\u3000。.；;！!？?：:”\"）)】…")  # "." too: half-width text ends sentences with it
#: What may stand before an enclosed number run into a line: after "：" only right after a heading
#: ("…三件事：①…；②…" is a list inside a sentence).
_BOUND_ENCLOSED = _BOUND - set("：:")
_ORD_BOUND = set(" \t\u3000。；;：:")
_SPACES = lazy(r"[ \u3000]+")
_END = "。！？!?；;…"
_CJK = lazy(r"[\u4e00-\u9fff，。、；：“”（）]")

#: Shortest line treated as possibly run-together.
MIN_RUN = 60
#: A line shorter than this needs two markers in sequence to be cut.
LONG_RUN = 120
#: Longest heading that a marker may be glued to ("…正确方向1.坚持…").
MAX_GLUED_HEAD = 40


@dataclass
class _State:
    """Numbers read so far for each marker style, and where a restart is plausible."""

    last: dict[str, int] = field(default_factory=lambda: {"l1": 0, "l2": 0, "l3": 0, "ord": 0, "l0": 0})
    l2_fresh: bool = True
    l3_fresh: bool = True
    context: str = ""  # style of the last non-ordinal marker: "l1", "l2", "l3"
    line_structured: bool = False
    #: The last non-ordinal marker's own style: one without a fixed level (①, ⑴, 第一部分…) may start
    #: over at 1 when another style came after it.
    latest: str = ""

    def fits(self, style: str, n: int) -> bool:
        last = self.last.get(style, 0)
        if n == last + 1:
            return True
        if n != 1:
            return False
        return (style == "l2" and self.l2_fresh) or (style == "l3" and self.l3_fresh) or style == "ord" \
            or (style in FLOATING and style != self.latest)

    def take(self, style: str, n: int) -> None:
        self.last[style] = n
        if style in FLOATING:
            rank = _RANK[style]
            if rank == "l1":
                self.l2_fresh = True
            self.l3_fresh = True  # its place is the document's to say: 1. may start under ⑴ as under （一）
            self.last["ord"] = 0
            self.context, self.latest = rank, style
            return
        if style == "l0":
            self.l2_fresh = self.l3_fresh = True
            self.context, self.latest = "l1", style
            return
        if style == "l1":
            self.l2_fresh = self.l3_fresh = True
            self.last["ord"] = 0
        elif style == "l2":
            self.l2_fresh, self.l3_fresh = False, True
            self.last["ord"] = 0
        elif style == "l3":
            self.l3_fresh = False
            self.last["ord"] = 0
        if style != "ord":
            self.context = self.latest = style

    def copy(self) -> _State:
        return _State(dict(self.last), self.l2_fresh, self.l3_fresh, self.context, self.line_structured, self.latest)


#: A text with this many lines opening with a marker is written line by line: its task
#: lines are not searched for markers run into them.
LINE_STRUCTURED = 3


def segment(lines: list[Line]) -> list[Line]:
    """Lines with run-together ones cut at plausible markers and sentence/title breaks."""
    state = _State()
    out: list[Line] = []
    numbered = 0
    for ln in lines:
        if ln.text and line_marker(ln.text) is not None:
            numbered += 1
            if numbered >= LINE_STRUCTURED:
                break
    state.line_structured = numbered >= LINE_STRUCTURED
    for ln in lines:
        text = ln.text
        if state.context and text[:1] not in _SEP_FIRST and (len(text) < MIN_RUN or (
                "篇" not in text and "范文" not in text
                and (len(text) < LONG_RUN or (" " not in text and "\u3000" not in text)))):
            # most lines: after the numbering has started, no compilation separator, not a spaced run
            cut = _marker_pieces(text, state)
            if len(cut) == 1 and cut[0] == text:
                out.append(ln)
            else:
                out.extend(ln if x == text else Line(ln.no, x) for x in cut)
            continue
        pieces = _space_pieces(text) if len(text) >= LONG_RUN and (" " in text or "\u3000" in text) else [text]
        spaced = len(pieces) > 1  # a long line of space-separated lines: its pieces are run together too
        if ("篇" in text or "范文" in text) and (len(text) >= MIN_RUN or text[:1] in _SEP_FIRST):
            # a separator run into the text, or heading a title ("【范文一】某县…工作要点")
            pieces = [x for piece in pieces for x in _sep_pieces(piece)]
        for piece in pieces:
            if piece[:1] in _SEP_FIRST and _SEP_PIECE.match(piece):  # 篇二：: a new plan's numbering starts
                state = _State(line_structured=state.line_structured)
                out.append(ln if piece == ln.text else Line(ln.no, piece))
                continue
            for glued in _title_glued(piece) if not state.context else [piece]:
                # before any numbering: a title may be glued to the preamble
                for text in _marker_pieces(glued, state, spaced=spaced):
                    out.append(ln if text == ln.text else Line(ln.no, text))  # most lines are not cut
    return out


#: A compilation separator inside a run-together line: "…宣传栏。篇二：2024年…", " 第3篇：", " 范文2 ".
_SEP_WORD = r"(?:篇[一二三四五六七八九十\d]{1,3}|第[一二三四五六七八九十\d]{1,3}篇|范文[一二三四五六七八九十\d]{1,3}" \
    r"|【(?:篇|范文)[一二三四五六七八九十\d]{1,3}】)"
_SEP_IN = lazy(rf"(?:(?<=[。；;！!？?）)】\s])|^){_SEP_WORD}(?:\s*[:：]|(?=\s)|(?<=】))\s*")
_SEP_PIECE = re.compile(rf"^{_SEP_WORD}\s*[:：]?$")
#: First characters of a separator: a line opening with one is looked at for it.
_SEP_FIRST = "篇第范【"


def _sep_pieces(text: str) -> list[str]:
    """``text`` cut before and after compilation separators run into it."""
    out: list[str] = []
    prev = 0
    for m in _SEP_IN.finditer(text):
        if m.end() == len(text):
            continue
        if text[prev:m.start()].strip():
            out.append(text[prev:m.start()].strip())
        out.append(m.group(0).strip())
        prev = m.end()
    if not out:
        return [text]
    if text[prev:].strip():
        out.append(text[prev:].strip())
    return out


_GLUED_TITLE = re.compile(r"^(?!为|根据|按照|结合|现将|今年|我|在|以|要|各)[^，,。；;：:！？!?\s]{4,50}?"
                          r"(?:工作要点|要点|工作计划|实施方案|工作方案|工作安排|要點|計劃)(?=\s?\S)")


def _title_glued(text: str) -> list[str]:
    """Cut "2026年…工作要点2026年…指导思想是：…" after its title."""
    if len(text) < MIN_RUN:
        return [text]
    m = _GLUED_TITLE.match(text)
    if m is None or text[m.end():].lstrip()[:1] in tuple("如的和与及、，,（("):
        return [text]
    rest = text[m.end():].lstrip(" :：\u3000")  # "…工作要点：为做好…": the colon only ran the two together
    return [text[: m.end()], rest]


def _start_style(text: str) -> tuple[str, int] | None:
    start = _start(text)
    return None if start is None else (start[0], start[1])


def _start(text: str) -> tuple[str, int, int] | None:
    """Style, number and end of the marker a line starts with."""
    m = line_marker(text)
    if m is not None and m.style in FLOATING:
        return m.style, m.number, m.end
    if m is not None and not m.weak and m.level <= 3:
        return ("l1", "l2", "l3")[m.level - 1], m.number, m.end
    o = _ORD_START.match(text)
    if o and (v := cn_to_int(o.group(1))):
        return "ord", v, o.end()
    return None


def _comma_top(state: _State, n: int, punct: str) -> None:
    """Follow "1、" items of a text without 一、: they may be its top level over "1." items."""
    if punct == "、" and state.last["l1"] == 0 and n == state.last["l0"] + 1:
        state.last["l0"] = n
        state.l3_fresh = True


def _marker_pieces(text: str, state: _State, *, spaced: bool = False) -> list[str]:
    """``text`` cut at markers that go on from the numbering read so far.

    ``spaced``: the text is a piece of a long line already cut at spaces, so
    one marker in sequence is enough ("…制定本要点。一、强化理论武装").
    """
    start = _start(text)
    if start is not None:
        state.take(start[0], start[1])
        if start[0] == "l3":
            _comma_top(state, start[1], text[: start[2]].rstrip()[-1:])
    if len(text) < (6 if spaced else 20):
        return [text]
    if state.line_structured and state.context == "l3" and "：" not in text and ":" not in text:
        return [text]  # a task's body in a text written line by line
    found = (_QUICK if state.line_structured else _QUICK_ALL).search(text, start[2] if start is not None else 1)
    if found is None:
        return [text]  # most lines: nothing that could be a marker
    n = text
    trial = state.copy()
    cuts: list[tuple[int, str]] = []
    glued_cut = False  # a task marker run into its heading: "…正确方向1.坚持…"
    seg_start = 0
    seg_head = start is not None and (_RANK.get(start[0], start[0]) in ("l1", "l2") or start[0] in FLOATING or (
        start[0] == "l3" and state.last["l1"] == 0 and state.last["l0"] == start[1]
        and text[: start[2]].rstrip()[-1:] == "、"))
    value: int | None
    for m in (_CAND if state.line_structured else _CAND_ALL).finditer(n, found.start()):  # not by line: ①, 第二部分 too
        style = m.lastgroup or ""
        p = m.start()
        if style == "new":  # ①, ⑴, 第二部分, 1）…: what the grammar reads there
            found_new = marker(head(n[p:p + HEAD]))
            if found_new is None or found_new.style not in FLOATING or not _new_fits(n, p, seg_head, seg_start):
                continue
            style, value = found_new.style, found_new.number
        else:
            raw = m.group(style)
            value = int(raw) if style == "l3" else cn_to_int(raw)
        if not value:
            continue
        v = value
        if style == "l3" and not trial.fits("l3", v) and n[m.end() - 1] == "、" and trial.last["l1"] == 0 \
                and v == trial.last["l0"] + 1 and v > 1 and n[p - 1] in _BOUND:
            style = "l0"  # "2、" over "1." items: the document's "1、" are its top level
        elif not trial.fits(style, v):
            continue
        prev = n[p - 1]
        if style == "l1" and prev not in _BOUND:
            continue
        if style == "ord" and (prev not in _ORD_BOUND or trial.context not in ("l1", "l2")
                               or not _ORD_START.match(n, p)):
            continue
        if style == "l3" and prev not in _BOUND:
            glued = seg_head and p - seg_start <= MAX_GLUED_HEAD and "。" not in n[seg_start:p]
            if not glued or not _CJK.match(prev):
                continue
            glued_cut = True
        trial.take(style, v)
        if style == "l3":
            _comma_top(trial, v, n[m.end() - 1])
        cuts.append((p, "l1" if style == "l0" else style))
        top_comma = style == "l3" and trial.last["l1"] == 0 and trial.last["l0"] == v and n[m.end() - 1] == "、"
        seg_start, seg_head = p, _RANK.get(style, style) in ("l0", "l1", "l2") or style in FLOATING or top_comma
    if not cuts:
        return [text]
    structural = [c for c in cuts if c[1] != "ord"]
    long_ = len(text) >= LONG_RUN and any(_RANK.get(s, s) in ("l1", "l2") for _, s in structural)
    run_together = (len(text) >= MIN_RUN and (long_ or len(structural) >= 2 or glued_cut)) \
        or any(s == "l3" and n[p - 1] in ":：" and trial.last["l3"] >= 1 for p, s in structural[:1]) \
        or (spaced and bool(structural))
    if run_together:
        state.last, state.l2_fresh, state.l3_fresh, state.context, state.latest = \
            trial.last, trial.l2_fresh, trial.l3_fresh, trial.context, trial.latest
    else:
        # not a run-together line: cut out only itemised points of a section's paragraph
        if state.context not in ("l1", "l2"):
            return [text]
        kept = []
        for p, style in cuts:
            if style != "ord":
                continue
            o = _ORD_START.match(n, p)
            k = cn_to_int(o.group(1)) if o else None
            if k and state.fits("ord", k):
                state.take("ord", k)
                kept.append((p, style))
        cuts = kept
        if not cuts:
            return [text]
    out = []
    prev_p = 0
    for p, _ in cuts:
        piece = text[prev_p:p].strip()
        if piece:
            out.append(piece)
        prev_p = p
    out.append(text[prev_p:].strip())
    return [x for x in out if x]


def _new_fits(n: str, p: int, seg_head: bool, seg_start: int) -> bool:
    """A marker of a style without a fixed level at ``p`` may start a line: after a stop, or glued to a heading."""
    prev = n[p - 1]
    if prev in (_BOUND_ENCLOSED if n[p] in ENCLOSED_START else _BOUND):
        return True
    glued = seg_head and p - seg_start <= MAX_GLUED_HEAD and "。" not in n[seg_start:p]
    return glued and (n[p] in ENCLOSED_START or bool(_CJK.match(prev)))


def _space_pieces(text: str) -> list[str]:
    """Cut a long line at spaces that separate lines of the original document."""
    parts = _SPACES.split(text.strip())
    if len(parts) < 3:
        return [text]
    groups: list[str] = []
    cur = parts[0]
    for nxt in parts[1:]:
        if _breaks(cur, nxt):
            groups.append(cur)
            cur = nxt
        else:
            glue = "" if _CJK.match(cur[-1:]) and _CJK.match(nxt[:1]) else " "
            cur = cur + glue + nxt
    groups.append(cur)
    return groups


def _breaks(cur: str, nxt: str) -> bool:
    if cur[-1] in _END or (cur[-1] in "”\"" and len(cur) > 1 and cur[-2] in _END):
        return True
    if _start_style(nxt) is not None and _start_style(nxt)[0] != "ord":  # type: ignore[index]
        return True
    if is_title(cur) and not is_title(cur + nxt):
        return True
    if LEADIN.search(cur):
        return True
    m = line_marker(cur)
    return m is not None and m.level <= 2 and len(cur) <= MAX_GLUED_HEAD \
        and not re.search(r"[。；;]", cur) and len(nxt) >= 8 and not is_title(nxt)

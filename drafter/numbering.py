"""The numbering grammar of work-plan documents and Chinese numerals.

Levels, outermost first: ``一、`` → ``(一)``/``（一）`` → ``1.``/``1．``/``1、`` →
``(1)``/``（1）``. Other styles real plans use — ``第一部分``/``第一章``, Roman ``Ⅰ、``,
``㈠``/``㊀``, ``一）``, ``⒈``, ``1）``, ``①``, ``⑴`` — have no fixed level: a
marker gives the level they usually take, and the reader ranks them by the
styles that stand above them in the document. Matching runs on :func:`norm`
text, a one-to-one character mapping of the line, so offsets found there cut
the original text as written. Shared by the reader (:mod:`drafter.corpus`),
the renderer and check.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.lazy_re import lazy

_FULL = "（）［］【】，．：；！？０１２３４５６７８９\u3000\xa0\u2002\u2003"
_HALF = "()[]【】,.:;!?0123456789    "
_TABLE = str.maketrans(_FULL, _HALF)

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


#: The characters :func:`norm` changes, and a cheap test for whether a text has any.
_PAIRS = tuple((f, h) for f, h in zip(_FULL, _HALF, strict=True) if f != h)
_ANY_FULL = lazy("[" + "".join(f for f, _ in _PAIRS) + "]")


def norm(text: str) -> str:
    """Half-width punctuation and digits, character for character (same length)."""
    # Same result as text.translate(_TABLE), several times faster: most texts have none or few of
    # these characters, and no replacement makes a character another one replaces.
    if _ANY_FULL.search(text) is None:
        return text
    for full, half in _PAIRS:
        if full in text:
            text = text.replace(full, half)
    return text


#: Enough of a line to hold any numbering marker.
HEAD = 16


def head(text: str) -> str:
    """:func:`norm` of the start of a line, enough for :func:`marker` (cheap on long lines)."""
    return norm(text[:HEAD])


def cn_to_int(s: str) -> int | None:
    """Value of a Chinese numeral below 1000 (一, 十, 十二, 二十三, 一百零五, 一百一十); None if not one."""
    if not s:
        return None
    if "百" not in s:
        return _below_hundred(s)
    hundreds, _, rest = s.partition("百")
    h = CN_DIGITS.get(hundreds) if len(hundreds) == 1 else (1 if not hundreds else None)
    if not h:
        return None
    if not rest:
        return h * 100
    if rest[0] in "零〇":
        v = CN_DIGITS.get(rest[1:]) if len(rest) == 2 else None
        return h * 100 + v if v else None
    v = _below_hundred(rest) if rest[0] != "十" and "十" in rest else None
    return h * 100 + v if v else None


def _below_hundred(s: str) -> int | None:
    if any(c not in CN_DIGITS and c != "十" for c in s):
        return None
    if "十" not in s:
        return CN_DIGITS[s] if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    t = CN_DIGITS[tens] if tens else 1
    o = CN_DIGITS[ones] if ones else 0
    return t * 10 + o


_DIGITS = "零一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")
_BIG_UNITS = ("", "万", "亿", "万亿")


def cn_numeral(n: int) -> str:
    """Chinese numeral of ``n`` as used in headings: 1→一, 10→十, 11→十一, 23→二十三, 105→一百零五."""
    if n < 0:
        raise ValueError(f"negative number: {n}")
    if n == 0:
        return _DIGITS[0]
    groups: list[int] = []
    while n:
        n, group = divmod(n, 10000)
        groups.append(group)
    if len(groups) > len(_BIG_UNITS):
        raise ValueError("number too large for a Chinese numeral")
    out = ""
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if group == 0:
            continue
        if out and group < 1000:
            out += _DIGITS[0]  # a gap inside the number reads as 零
        out += _group_numeral(group) + _BIG_UNITS[index]
    if out.startswith("一十"):
        out = out[1:]  # 十一, not 一十一
    return out


def _group_numeral(n: int) -> str:
    """Chinese numeral of 1 ≤ n ≤ 9999 (without the leading-一十 rule)."""
    out = ""
    pending_zero = False
    for power in range(3, -1, -1):
        digit = n // 10**power % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out += _DIGITS[0]
            pending_zero = False
        out += _DIGITS[digit] + _SMALL_UNITS[power]
    return out


@dataclass(frozen=True)
class Marker:
    """A numbering marker at the start of a line.

    ``level`` 1–4, ``number`` its value, ``end`` the offset where the text
    after the marker begins. ``weak`` marks a number missing its dot
    (``12深化…``), to be trusted only where that number is expected next.
    ``style`` names how it is written (:data:`STYLES`); for a style in
    :data:`FLOATING` ``level`` is only the usual one.
    """

    level: int
    number: int
    end: int
    weak: bool = False
    style: str = ""


#: Marker styles and their usual level: the four of the grammar (一、 （一） 1. （1）), then the
#: ones whose level a document decides (:data:`FLOATING`).
STYLES = {"cn": 1, "pcn": 2, "dig": 3, "pdig": 4,
          "part": 1, "roman": 1, "pideo": 2, "hcn": 2, "dnum": 3, "hdig": 3, "circ": 3, "pnum": 4}
#: Styles without a fixed level: 第一部分, Ⅰ、, ㈠, 一）, ⒈, 1）, ①, ⑴.
FLOATING = frozenset(("part", "roman", "pideo", "hcn", "dnum", "hdig", "circ", "pnum"))

_CN = "一二三四五六七八九十百零〇"
_L1 = lazy(rf"\s*([{_CN}]{{1,6}})\s*[、.,]\s*")
_L2 = lazy(rf"\s*\(\s*([{_CN}]{{1,6}})\s*\)\s*[、.]?\s*")
#: "(一、加强…", "（一 加强…": a bracket left open, the number ended by 、/. or a space.
_L2_OPEN = lazy(rf"\s*\(\s*([{_CN}]{{1,6}})(?:\s*[、.]|\s+)\s*(?=[^\s){_CN}])")  # not "（一、二季度…）"
#: "一）加强…": the closing bracket only.
_HCN = lazy(rf"\s*([{_CN}]{{1,6}})\s*\)\s*[、.]?\s*(?=\S)")
_L3 = lazy(r"\s*(\d{1,3})\s*(?:[.、](?!\d)|\s(?=[\u4e00-\u9fff“\"《]))\s*")
_L3_WEAK = lazy(r"\s*(\d{1,2})(?=[\u4e00-\u9fff])(?![年月日号个次项名人家万亿元%])")
_L4 = lazy(r"\s*\(\s*(\d{1,3})\s*\)\s*[、.]?\s*")
#: "1）加强…", "2)健全…": the closing bracket only, then words.
_HDIG = lazy(r"\s*(\d{1,2})\s*\)\s*[、.]?\s*(?=[\u4e00-\u9fff“\"《])")
#: "第一部分 加强理论武装", "第二部分：…", "第三章　…": a heading line, not "第一部分内容…" in a sentence.
_PART = lazy(rf"\s*第\s*([{_CN}]{{1,3}}|\d{{1,2}})\s*(?:部分|章(?!程|节))(?:\s*[:、.]\s*|\s+|$)")
#: "第一部分加强理论武装": a title glued on, not a sentence going on ("第一部分主要包括…", "第三章的规定").
_PART_GLUED = lazy(rf"\s*第\s*([{_CN}]{{1,3}}|\d{{1,2}})\s*(?:部分|章(?!程|节))"
                   r"(?=[\u4e00-\u9fff“《])(?![的是中为和与及内共主包所已要将还也都从在由对即应])")

#: Enclosed numbers, one character each: style, first character, how many.
_ENCLOSED = (("circ", 0x2460, 20), ("pnum", 0x2474, 20), ("dnum", 0x2488, 20), ("pideo", 0x3220, 10),
             ("pideo", 0x3280, 10), ("roman", 0x2160, 12))
_ENCLOSED_OF = {chr(first + i): (style, i + 1) for style, first, count in _ENCLOSED for i in range(count)}
#: Characters a marker of an enclosed style starts with.
ENCLOSED_START = frozenset(_ENCLOSED_OF)


_FIRST_OF = str.maketrans({c: chr(first) for style, first, count in _ENCLOSED for c in map(chr, range(first, first + count))})


def first_of_series(text: str) -> str:
    """``text`` with each enclosed number written as the first of its series (⑶ → ⑴, ㈢ → ㈠, ③ → ①)."""
    return text.translate(_FIRST_OF)


def renumbered(mark: str, n: int) -> str | None:
    """An enclosed-number mark written for number ``n`` (㈠, 2 → ㈡; ① , 12 → ⑫); None for another mark or past the series."""
    for c in mark:
        if c in _ENCLOSED_OF:
            style, value = _ENCLOSED_OF[c]
            moved = chr(ord(c) + n - value)
            return mark.replace(c, moved, 1) if _ENCLOSED_OF.get(moved, ("", 0))[0] == style else None
    return None


def marker(n: str) -> Marker | None:
    """The numbering marker at the start of normalised line ``n``, if any."""
    if not n:
        return None
    c = n.lstrip()[:1]
    if c in _CN:
        m = _L1.match(n)
        if m and (v := cn_to_int(m.group(1))):
            return Marker(1, v, m.end(), style="cn")
        m = _HCN.match(n) if ")" in n[:10] else None  # most lines that open with a numeral: 一是, 三个
        if m and (v := cn_to_int(m.group(1))):
            return Marker(2, v, m.end(), style="hcn")
        return None
    if c == "(":
        m = _L2.match(n)
        if m and (v := cn_to_int(m.group(1))):
            return Marker(2, v, m.end(), style="pcn")
        m = _L4.match(n)
        if m:
            return Marker(4, int(m.group(1)), m.end(), style="pdig")
        m = _L2_OPEN.match(n)
        if m and (v := cn_to_int(m.group(1))):
            return Marker(2, v, m.end(), style="pcn")
        return None
    if c in ENCLOSED_START:  # before isdigit: "①".isdigit() is true
        return _enclosed(n, c)
    if c.isdigit():
        m = _L3.match(n)
        if m and _has_text(n, m.end()):
            return Marker(3, int(m.group(1)), m.end(), style="dig")
        m = _L3_WEAK.match(n)
        if m and int(m.group(1)) > 0:
            return Marker(3, int(m.group(1)), m.end(), weak=True, style="dig")
        m = _HDIG.match(n) if ")" in n[:5] else None  # most lines that open with digits: 2024年
        if m and int(m.group(1)) > 0:
            return Marker(3, int(m.group(1)), m.end(), style="hdig")
        return None
    if c == "第":
        return _part(n)
    return None


def _enclosed(n: str, c: str) -> Marker | None:
    style, value = _ENCLOSED_OF[c]
    end = n.index(c) + 1
    if style == "roman":
        if end < len(n) and n[end] in "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ":
            return None  # "ⅡⅢ": not one numeral
    while end < len(n) and n[end] in " .、":
        end += 1
    if end >= len(n) and style not in ("pideo", "roman"):
        return None  # an item marker with nothing after it (a section's may have its title on the next line)
    return Marker(STYLES[style], value, end, style=style)


def _part(n: str) -> Marker | None:
    """第一部分/第一章 as a heading: a separator or the end after it, or a short title glued to it."""
    m = _PART.match(n)
    if m is None:
        m = _PART_GLUED.match(n)
        if m is None or any(ch in n for ch in ",。;:"):
            return None  # a glued heading has no sentence stop or pause in its first characters
    v = cn_to_int(m.group(1)) if not m.group(1).isdigit() else int(m.group(1))
    return Marker(1, v, m.end(), style="part") if v else None


def _has_text(n: str, end: int) -> bool:
    return end < len(n) and not n[end].isdigit()

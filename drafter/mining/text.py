"""Text helpers for mining: display normalisation, heading parts, tokens, clauses.

Mined text is kept as written, with one exception: half-width punctuation
between Chinese words (``,`` ``;`` ``:`` ``(`` ``)`` ``!`` ``?``, pairs of
``"``) becomes full-width, so that "深化理论武装,筑牢思想根基" and "深化理论武装，筑牢思想根基"
count as one wording. :func:`display` is that normalisation; tests compare
mined text with corpus text passed through it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

_HALF_TO_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})
_DIGIT_COMMA = re.compile(r"(?<=\d)，(?=\d)")
_SPACES = re.compile(r"[\s\u3000\xa0]+")
_STRAIGHT_QUOTES = re.compile(r'"([^"\n]*)"')


def display(text: str) -> str:
    """``text`` with full-width Chinese punctuation and quotes, no inner whitespace, no final 。."""
    out = _STRAIGHT_QUOTES.sub(r"“\1”", _SPACES.sub("", text).translate(_HALF_TO_FULL))
    return _DIGIT_COMMA.sub(",", out).strip().rstrip("。")


def split_heading(heading: str) -> tuple[str, str]:
    """The short part of a displayed heading (before the first "，") and the rest ("" if none).

    ``heading`` must already be in :func:`display` form (it may hold parameters).
    """
    short, _, rest = heading.partition("，")
    return short, rest


def heading_form(heading: str) -> str:
    """``two_part`` for "深化理论武装，筑牢思想根基", else ``short``."""
    return "two_part" if split_heading(display(heading))[1] else "short"


# --- tokens for similarity ---------------------------------------------------

#: Words that say how (加强, 深化 …) or frame (意识形态, 工作) rather than what:
#: dropped before comparing titles, so that "加强阵地建设" meets "强化阵地建设".
GENERIC = (
    "进一步", "意识形态", "常态化", "长效", "加强", "强化", "深化", "推动", "推进", "健全", "完善", "构建",
    "建立", "提升", "提高", "严格", "规范", "开展", "实施", "打造", "坚持", "落实", "抓好", "做好",
    "持续", "深入", "全面", "聚焦", "优化", "注重", "着力", "切实", "积极", "不断", "扎实", "大力",
    "工作", "建设", "机制", "体系", "水平", "能力", "有效", "精准", "系统", "全力", "努力",
)
_GENERIC_RE = re.compile("|".join(sorted(GENERIC, key=len, reverse=True)))
_NON_HAN = re.compile(r"[^\u4e00-\u9fff]+")
_STOP_CHARS = re.compile(r"[的和与及等之在对把将为以]")


def content_segments(text: str) -> list[str]:
    """Runs of Chinese characters left once generic words and particles are cut out."""
    cut = _STOP_CHARS.sub(" ", _GENERIC_RE.sub(" ", _NON_HAN.sub(" ", text)))
    return [s for s in cut.split() if s]


def bigrams(text: str) -> set[str]:
    """Character bigrams (and lone characters of one-character runs) of the content of ``text``."""
    out: set[str] = set()
    for seg in content_segments(text):
        if len(seg) == 1:
            out.add(seg)
        out.update(seg[i : i + 2] for i in range(len(seg) - 1))
    return out


def raw_bigrams(text: str) -> set[str]:
    """Character bigrams of every Chinese run of ``text`` (nothing cut out)."""
    out: set[str] = set()
    for seg in _NON_HAN.split(text):
        out.update(seg[i : i + 2] for i in range(len(seg) - 1))
    return out


def idf_table(docs: Iterable[set[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency of each token over ``docs``."""
    df: Counter[str] = Counter()
    n = 0
    for d in docs:
        n += 1
        df.update(d)
    return {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine similarity of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    if dot <= 0.0:
        return 0.0
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb)


def weigh(tokens: Iterable[str], idf: Mapping[str, float], scale: float = 1.0) -> dict[str, float]:
    """A sparse vector of ``tokens`` weighted by ``idf`` (unknown tokens weigh most).

    Tokens are taken in sorted order, so that sums over the vector do not depend
    on the hash seed of the process (set order does).
    """
    top = max(idf.values(), default=1.0)
    return {t: scale * idf.get(t, top) for t in sorted(tokens)}


# --- clauses of task bodies --------------------------------------------------

_SENTENCE_END = re.compile(r"[。；;！!？?\n]+")
_CLAUSE_END = re.compile(r"[，,：:]")


def sentences(body: str) -> list[str]:
    """Sentences of a task body (split at 。；！？ and line ends)."""
    return [s.strip() for s in _SENTENCE_END.split(body) if s.strip()]


def clauses(sentence: str) -> list[tuple[int, str]]:
    """Comma-separated clauses of ``sentence`` with their start offsets."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in _CLAUSE_END.finditer(sentence):
        if m.start() > start:
            out.append((start, sentence[start : m.start()]))
        start = m.end()
    if start < len(sentence):
        out.append((start, sentence[start:]))
    return out


def key(text: str) -> str:
    """A comparison key: Chinese characters, letters and digits only."""
    return re.sub(r"[^\w\u4e00-\u9fff{}]", "", text)

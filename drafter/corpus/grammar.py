"""Line shapes of work-plan documents: titles, sentence ends, signature dates.

The numbering markers themselves are :mod:`drafter.numbering`.
"""

from __future__ import annotations

import re

from drafter.numbering import marker, norm

REPORT_KINDS = ("汇报", "总结", "报告", "述职", "情况")
_TITLE_TAIL = re.compile(
    r"(要点|计划|方案|安排|意见|总结|汇报|报告|述职报告)"
    r"(?:\s*[(（][^()（）]{1,20}[)）])?\s*$"
)
_SENTENCE = re.compile(r"[。;；!！?？]")


def is_title(text: str) -> bool:
    """A document title line: short, unnumbered, naming a document kind, no sentence stop."""
    if len(text) > 70:
        return False
    n = norm(text).strip()
    if not 4 <= len(n) <= 60 or _SENTENCE.search(n):
        return False
    if marker(n) is not None:
        return False
    return bool(_TITLE_TAIL.search(n))


def is_compilation_title(text: str) -> bool:
    """A compilation's own title (材料汇编, 合集…), which heads many plans."""
    return is_title(text) or (len(text) <= 60 and bool(re.search(r"(汇编|合集|选编|范文\d*篇)", text)))


_TERMINAL = "。！？!?；;：:…"
_CLOSERS = "”’」』)）\"'"


def ends_sentence(text: str) -> bool:
    """The text ends with sentence-final punctuation (a closing quote may follow it)."""
    t = text.rstrip()
    while t and t[-1] in _CLOSERS:
        t = t[:-1]
    return bool(t) and t[-1] in _TERMINAL


_DATE = re.compile(r"^\s*(20\d\d|二〇[一二三四五六七八九〇]{2})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                   r"(\s*[\d一二三四五六七八九十]{1,3}\s*日)?\s*$")


def is_date_line(text: str) -> bool:
    """A signature date such as "2026年1月5日" standing alone."""
    return len(text) <= 20 and bool(_DATE.match(norm(text)))

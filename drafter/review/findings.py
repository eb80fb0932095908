"""What a review produces: findings on a draft, and the draft they are about.

Shared by the content checks (:mod:`drafter.review.check`) and the format
checks (:mod:`drafter.review.check_format`), so neither imports the other's
module for its types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.corpus.extract import Line
from drafter.model import Plan

if TYPE_CHECKING:
    from drafter.context import YearContext
    from drafter.schema import Schema


class Severity(str, Enum):
    """How much a finding matters: errors must be fixed, warnings looked at, info is a note."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_NAMES = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
CATEGORY_NAMES = {
    "coverage": "主题覆盖",
    "structure": "结构与编号",
    "reference": "时效表述",
    "leftover": "遗留标记",
    "wording": "文字与提法",
    "format": "格式",
}


@dataclass(frozen=True)
class Finding:
    """One thing a reviewer should look at.

    ``code`` is a stable id (e.g. ``numbering-gap``) for tools; ``where`` the
    place in the plan as it numbers it ("三、第 9 项"); ``line`` the line (or
    paragraph of a .docx) when known; ``text`` the words of the draft the
    finding is about (a short excerpt), so a clerk can search for them in Word.
    """

    code: str
    category: str
    severity: Severity
    message: str
    where: str = ""
    line: int | None = None
    text: str = ""


@dataclass
class Draft:
    """What the checkers look at: the plan read from the draft, and what to hold it to.

    ``lines`` are the draft's source lines (the whole file), ``scope`` the
    first and last line that belong to this plan (a compilation holds several);
    checks of residue read these, since the reader strips exactly that residue.
    Without lines, the plan's own text stands in for them.
    """

    plan: Plan
    path: Path | None = None
    schema: Schema | None = None
    context: YearContext | None = None
    year: int | None = None
    extra: dict[str, object] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)
    scope: tuple[int, int] | None = None


Checker = Callable[[Draft], Iterator[Finding]]


#: Where a quoted excerpt may begin or end: clause punctuation, full- and half-width.
_STOPS = frozenset("，。；：、！？,;:!?")
#: Characters of context an excerpt reaches for a clause boundary on each side of the words.
REACH = 12
#: The longest excerpt quoted from a line (more only when the words themselves are longer).
EXCERPT = 20


def _stop(text: str, i: int) -> bool:
    c = text[i]
    if c in _STOPS:
        return True
    # "3." before a task's words, not "1.5"
    return c in ".．" and i + 1 < len(text) and not text[i + 1].isdigit()


def excerpt(text: str, start: int, end: int, limit: int = EXCERPT) -> str:
    """The words text[start:end] quoted with their clause around them, short and never cut inside a word.

    It begins after the clause punctuation (，。；：、) or the line start before the words when that is
    near (else at the words themselves), and ends at the clause's end, or after ``limit`` characters: "组织某某同志开展宣讲×次", not "动。组织某某同志开展".
    """
    a = start
    while a > 0 and start - a < REACH and not _stop(text, a - 1):
        a -= 1
    if a > 0 and not _stop(text, a - 1):
        a = start  # no boundary near: begin at the words, not inside the word before them
    b = end
    while b < len(text) and not _stop(text, b) and b - a < limit:
        b += 1
    return text[a:b].strip()

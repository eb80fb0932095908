"""Wrong characters and garbled fixed formulations a reviewer marks.

Official plans repeat a small stock of fixed formulations (提法): 主体责任,
谁主管谁负责, 极端重要的工作, 关乎旗帜、关乎道路. A wrong character in one of
them, a word typed twice (教育教育, 年年), and the word swaps of "paraphrasing"
tools run over a real plan (宣扬思想 for 宣传思想, 跨越式进展 for 跨越式发展) are
what this check finds. Each finding quotes the words and gives the right form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from drafter.lazy_re import lazy
from drafter.model import ALTERNATIVE_MARK, HINT_MARK, Plan
from drafter.numbering import cn_numeral, norm
from drafter.review.check_residue import scope
from drafter.review.findings import Draft, Finding, Severity, excerpt

if TYPE_CHECKING:
    from drafter.knowledge.lexicon import LexiconIndex

#: Wrong forms that depend on their context, which a lexicon of phrases cannot hold:
#: (pattern on norm()-ed text, right form). Plain slips of fixed formulations are the lexicon's
#: (templates/context/lexicon.yaml, see drafter.knowledge.lexicon).
FORMULATIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"新时代中国特色社会主义(?=为指导|为引领)"), "新时代中国特色社会主义思想"),
    (re.compile(r"(?<=意识形态)(?:工作)?主题责任|(?<=[负落压履担])[^。,;]{0,6}主题责任"), "主体责任"),
    (re.compile(r"关于(?=旗帜|道路|国家政治安全)"), "关乎"),
    (re.compile(r"(?<!政)党的大(?=精神|以来|报告|和|、)"), "党的××大（届次数字缺失）"),
    (re.compile(r"以(?:\w|[“”]){2,14}?(?<!为)(?<![^工]作)(?:主线|抓手|载体)(?=[,，。;；])"), "以……为……（缺“为”字）"),
    (re.compile(r"供给(?:坚强|有力)?的?(?:思想|政治|组织)保证"), "提供……保证"),
]

#: A congress or plenum written with Arabic figures: 党的19大, 19届2中全会, 二十届3中全会, 党的109大 (十 typed as 10).
_MEETING_FIGURES = (
    r"党的(?P<c>[0-9]{1,2}|[1-9]0[1-9])大"
    r"|(?P<s>[1-9]0[1-9]|[0-9]{1,2}|[一二三四五六七八九十]{1,3})届(?:中央)?(?P<p>[0-9一二三四五六七八九](?:中全会|中|次全会))"
    r"(?:[、和](?:[0-9一二三四五六七八九]中)+全会)?")


_MEETING_FIGURES_RE = lazy(_MEETING_FIGURES)  # compiled when a line first needs it


def _meetings_in_figures(n: str) -> Iterator[re.Match[str]]:
    """Meetings with Arabic figures in ``n`` (the pattern compiled only for a line that may hold one)."""
    if ("届" in n or "党的" in n) and any(c.isdigit() for c in n):
        yield from _MEETING_FIGURES_RE.finditer(n)


def _meeting_right(m: re.Match[str]) -> str | None:
    """The meeting written in Chinese numerals; None when it has no Arabic figure."""
    if not re.search(r"[0-9]", m.group(0)):
        return None
    return re.sub(r"[0-9]+", lambda d: cn_numeral(_figures(d.group(0))), m.group(0))


def _figures(digits: str) -> int:
    """The number meant by figures: "19", or "109" typed for 十九 (十 as 10, then 九)."""
    if len(digits) == 3 and digits[1] == "0":
        return int(digits[0]) * 10 + int(digits[2])
    return int(digits)


#: Characters of fixed formulations that are often typed as a look-alike or sound-alike one
#: (形近字、音近字): right → the wrong ones. One of these in a formulation of four or more characters
#: (乡村振新, 舆情监侧, 全面从严冶党, 意识形态阵的) is a slip wherever it falls, also at the phrase's
#: edges, where the lexicon's own fuzzy matching does not look (another word there may be right, a
#: look-alike character is not). One way only: 地 typed as 的 is a slip, 的 as 地 is left alone.
CONFUSABLE: dict[str, str] = {
    "范": "犯", "测": "侧恻", "兴": "新", "振": "震", "设": "没", "地": "的底", "治": "冶", "移": "疑",
    "政": "正", "贯": "惯", "彻": "沏澈", "纪": "记", "厉": "历励", "署": "属", "作": "做", "形": "型",
    "象": "像", "副": "付", "情": "请", "帜": "织", "建": "健", "健": "建", "导": "到", "树": "数", "俱": "具",
    "廉": "连", "础": "出", "竞": "竟",
}
#: Formulations shorter than this are left to the lexicon's listed typos (two- and three-character
#: words change meaning with one character: 政风 and 正风 are both words).
CONFUSABLE_MIN = 4


def _confusions(lexicon: LexiconIndex) -> tuple[dict[str, str], tuple[int, ...]]:
    """Wrong form → right phrase for one look-alike character in each phrase, and their lengths.

    A wrong form that is itself a phrase, or part of one or of a legitimate phrase, is left out.
    """
    key = id(lexicon)
    held = _CONFUSIONS.get(key)
    if held is not None:
        return held
    phrases = [p for p in lexicon.phrases if sum(1 for c in p if "\u4e00" <= c <= "\u9fff") >= CONFUSABLE_MIN]
    legitimate = {phrase for entries in lexicon.legitimate.values() for phrase, _ in entries}
    known = "\n".join((*lexicon.phrases, *legitimate))
    wrong: dict[str, str] = {}
    for phrase in phrases:
        for i, ch in enumerate(phrase):
            for other in CONFUSABLE.get(ch, ""):
                form = phrase[:i] + other + phrase[i + 1:]
                if form not in known:
                    wrong.setdefault(form, phrase)
    held = (wrong, tuple(sorted({len(w) for w in wrong}, reverse=True)))
    _CONFUSIONS.clear()
    _CONFUSIONS[key] = held
    return held


_CONFUSIONS: dict[int, tuple[dict[str, str], tuple[int, ...]]] = {}


def _confused(n: str, lexicon: LexiconIndex) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, right, key) of each formulation in ``n`` with one look-alike character."""
    if not any(c in _WRONG_CHARS for c in n):
        return
    wrong, lengths = _confusions(lexicon)
    for i in range(len(n)):
        for size in lengths:
            form = n[i:i + size]
            right = wrong.get(form) if len(form) == size else None
            if right is not None:
                k = next(j for j, (a, b) in enumerate(zip(form, right, strict=True)) if a != b)
                yield i, i + size, right, f"{form[k]}→{right[k]}"
                break


_WRONG_CHARS = frozenset("".join(CONFUSABLE.values()))


#: A two-character word typed twice (教育教育), except reduplications that are words.
_ABAB = lazy(r"([\u4e00-\u9fff]{2})\1")
_ABAB_OK = {"研究", "讨论", "学习", "商量", "了解", "交流", "一个", "一批", "一项", "一件", "一步", "一年", "一天"}
#: A function character typed twice, or "年" doubled after a year.
_DOUBLE = lazy(r"(?<=[\dXx×])年年|的的(?!确)|(?<![求])是是(?!非)|(?<=[其第首])次次")


#: A sentence or clause that opens on "年" where the year's digits were lost ("……目标,年我校将…").
_YEAR_LOST = lazy(r"(?:^|(?<=[。;!?,:]))\s*年[,，]?(?=[我本全今])")
#: A date whose 年/月/日 were lost ("202442" for 2024年4月2日), alone on a short line.
_DATE_LOST = lazy(r"^\s*20[0-4]\d(?:1[0-2]|[1-9])(?:3[01]|[12]\d|[1-9])\s*$")


def check_wording(d: Draft, locate: Callable[[Plan, int], str]) -> Iterator[Finding]:
    """Garbled formulations and doubled words, one finding per distinct wrong form."""
    seen: set[str] = set()
    lexicon = _lexicon()
    for ln in scope(d):
        raw = ln.text
        if not raw.strip() or raw.lstrip().startswith((HINT_MARK, ALTERNATIVE_MARK)):
            continue
        n = norm(raw)
        hits = [(_narrow(m, right), m.end(), right, "") for pattern, right in FORMULATIONS for m in pattern.finditer(n)]
        hits += [(m.start(), m.end(), right, "") for m in _meetings_in_figures(n)
                 for right in [_meeting_right(m)] if right]
        hits += [(s.start, s.end, s.right, s.key) for s in lexicon.slips(n)]
        hits += list(_confused(n, lexicon))
        taken: list[tuple[int, int]] = []
        for start, end, right, key in sorted(hits, key=lambda h: (h[0], -(h[1] - h[0]))):
            if any(a <= start and end <= b for a, b in taken):
                continue  # inside a wrong form already reported on this line
            taken.append((start, end))
            wrong = raw[start:end]
            if (key or wrong) in seen:
                continue  # the same slip again (宣扬 for 宣传 in 宣扬思想 and 宣扬思想文化): one finding
            seen.add(key or wrong)
            quoted = excerpt(raw, start, end)
            yield Finding("typo", "wording", Severity.WARNING, f"“{wrong}”有误，应为“{right}”",
                          locate(d.plan, ln.no), ln.no, quoted)
        for pattern, what in ((_YEAR_LOST, "年份数字缺失"), (_DATE_LOST, "日期缺少“年”“月”“日”")):
            for m in pattern.finditer(n):
                quoted = raw[m.start():m.end() + 8].strip()
                yield Finding("typo", "wording", Severity.WARNING, f"{what}：“{quoted}”", locate(d.plan, ln.no),
                              ln.no, quoted)
        for m in _ABAB.finditer(n):
            word = m.group(1)
            if word in _ABAB_OK or word[0] == word[1] or m.group(0) in seen:
                continue
            seen.add(m.group(0))
            quoted = excerpt(raw, m.start(), m.end())
            yield Finding("typo", "wording", Severity.WARNING, f"“{word}”重复了一遍", locate(d.plan, ln.no), ln.no,
                          quoted)
        for m in _DOUBLE.finditer(n):
            if m.group(0) + str(ln.no) in seen:
                continue
            seen.add(m.group(0) + str(ln.no))
            quoted = excerpt(raw, m.start(), m.end())
            yield Finding("typo", "wording", Severity.WARNING, f"“{m.group(0)}”多了一个字", locate(d.plan, ln.no),
                          ln.no, quoted)


def _narrow(m: re.Match[str], right: str) -> int:
    """Where the wrong words of a match begin: "主题责任" in "实主题责任" (the pattern reads the verb before it)."""
    if right == "主体责任":
        return m.start() + m.group(0).rfind("主题责任")
    return m.start()


def _lexicon() -> LexiconIndex:
    """The lexicon ready for matching, from the cache while its files are unchanged (see drafter.cache)."""
    from drafter.cache import cached_value
    from drafter.knowledge.lexicon import LAYOUT, index_text, lexicon_files, load_lexicon, parse_index

    files = lexicon_files()
    value = cached_value("lexicon", LAYOUT, lambda: index_text(load_lexicon()), files=files)
    key = value if isinstance(value, str) else index_text(load_lexicon())
    held = _INDEX.get(key)
    if held is None:
        _INDEX.clear()
        held = _INDEX[key] = parse_index(key)
    return held


#: The index of the lexicon text last read, kept per process (check runs on many plans of a compilation).
_INDEX: dict[str, LexiconIndex] = {}

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

from drafter.model import ALTERNATIVE_MARK, HINT_MARK, Plan
from drafter.numbering import norm
from drafter.review.check_residue import scope
from drafter.review.findings import Draft, Finding, Severity

#: (wrong form, right form). Patterns run on norm()-ed text.
FORMULATIONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"新时期中国特色社会主义思想"), "新时代中国特色社会主义思想"),
    (re.compile(r"新时代中国特色社会主义(?=为指导|为引领)"), "新时代中国特色社会主义思想"),
    (re.compile(r"(?<=意识形态)(?:工作)?主题责任|(?<=[负落压履担])[^。,;]{0,6}主题责任"), "主体责任"),
    (re.compile(r"谁分管谁负责"), "谁主管谁负责"),
    (re.compile(r"极其重要的工作"), "极端重要的工作"),
    (re.compile(r"以爱国主义为核心的时代精神"), "以爱国主义为核心的民族精神"),
    (re.compile(r"以改革创新为核心的民族精神"), "以改革创新为核心的时代精神"),
    (re.compile(r"检查党管意识形态"), "坚持党管意识形态"),
    (re.compile(r"关于(?=旗帜|道路|国家政治安全)"), "关乎"),
    (re.compile(r"社会主义中心价值观"), "社会主义核心价值观"),
    (re.compile(r"四个意志|四个自性"), "四个意识 / 四个自信"),
    (re.compile(r"两个维持|两个确定(?!性)"), "两个维护 / 两个确立"),
    (re.compile(r"守土有则|守土尽则"), "守土有责、守土尽责"),
    (re.compile(r"一岗两责"), "一岗双责"),
    (re.compile(r"(?<!\w)党的大(?=精神|以来|报告|和|、)|党的[0-9]+大|[0-9]+届[0-9一二三四五六七]+中全会"),
     "党的××大 / ××届×中全会（届次数字缺失或错乱）"),
    (re.compile(r"以(?:\w|[“”]){2,14}?(?<![为作])(?:主线|抓手|载体)(?=[,，。;；])"), "以……为……（缺“为”字）"),
    # word swaps of paraphrasing tools in stock collocations
    (re.compile(r"宣扬(?=思想|部|工作|文化)"), "宣传"),
    (re.compile(r"稳固壮大"), "巩固壮大"),
    (re.compile(r"乐观健康向上"), "积极健康向上"),
    (re.compile(r"跨越式进展|高质量进展"), "跨越式发展 / 高质量发展"),
    (re.compile(r"供给(?:坚强|有力)?的?(?:思想|政治|组织)保证"), "提供……保证"),
    (re.compile(r"(?:深厚|浓郁|浓厚)气氛"), "浓厚氛围"),
]

#: A two-character word typed twice (教育教育), except reduplications that are words.
_ABAB = re.compile(r"([\u4e00-\u9fff]{2})\1")
_ABAB_OK = {"研究", "讨论", "学习", "商量", "了解", "交流", "一个", "一批", "一项", "一件", "一步", "一年", "一天"}
#: A function character typed twice, or "年" doubled after a year.
_DOUBLE = re.compile(r"(?<=[\dXx×])年年|的的(?!确)|(?<![求])是是(?!非)|(?<=[其第首])次次")


#: A sentence that opens on "年" where the year's digits were lost ("年我校将…").
_YEAR_LOST = re.compile(r"(?:^|(?<=[。;!?]))\s*年[,，]?(?=[我本全今])")
#: A date whose 年/月/日 were lost ("202442" for 2024年4月2日), alone on a short line.
_DATE_LOST = re.compile(r"^\s*20[0-4]\d(?:1[0-2]|[1-9])(?:3[01]|[12]\d|[1-9])\s*$")


def check_wording(d: Draft, locate: Callable[[Plan, int], str]) -> Iterator[Finding]:
    """Garbled formulations and doubled words, one finding per distinct wrong form."""
    seen: set[str] = set()
    for ln in scope(d):
        raw = ln.text
        if not raw.strip() or raw.lstrip().startswith((HINT_MARK, ALTERNATIVE_MARK)):
            continue
        n = norm(raw)
        for pattern, right in FORMULATIONS:
            for m in pattern.finditer(n):
                wrong = raw[m.start():m.end()]
                if wrong in seen:
                    continue
                seen.add(wrong)
                quoted = raw[max(0, m.start() - 4):m.end() + 4].strip()
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
            quoted = raw[max(0, m.start() - 4):m.end() + 4].strip()
            yield Finding("typo", "wording", Severity.WARNING, f"“{word}”重复了一遍", locate(d.plan, ln.no), ln.no,
                          quoted)
        for m in _DOUBLE.finditer(n):
            if m.group(0) + str(ln.no) in seen:
                continue
            seen.add(m.group(0) + str(ln.no))
            quoted = raw[max(0, m.start() - 4):m.end() + 4].strip()
            yield Finding("typo", "wording", Severity.WARNING, f"“{m.group(0)}”多了一个字", locate(d.plan, ln.no),
                          ln.no, quoted)

"""Title, organisation and year of a plan, from its title line or its preamble."""

from __future__ import annotations

import re

from drafter.corpus.grammar import strip_title_noise
from drafter.numbering import norm

#: Document kinds a title ends with, longest first (the genre of the plan).
GENRES = (
    "意识形态工作要点", "宣传思想文化工作要点", "宣传思想工作要点", "党风廉政建设工作要点", "党建工作要点",
    "工作要点", "要点", "工作计划", "实施方案", "工作方案", "工作安排", "计划", "方案",
    "意识形态工作总结", "意识形态工作情况汇报", "工作总结", "工作汇报", "情况汇报", "述职报告", "工作报告",
    "总结", "汇报", "报告",
)

_YEAR = re.compile(r"(20\d\d)\s*年度?")
#: Organisation names that say only "an office", to be refined from the preamble.
GENERIC_ORGS = {"局机关", "机关", "政府机关", "部机关", "单位", "本单位", "委机关", "办机关", "我局", "我单位"}

_ORG_TAIL = r"(?:局|部|委|办|办公室|院|会|厅|处|所|中心|园区|管委会|机关|系统|党组|党委|工委|监委|政府|街道|乡|镇)"
_ORG_CHARS = r"[^\s\d，,。；;:：“”\"、（）()“”‘’《》]"
_ORG_IN_TEXT = re.compile(
    rf"(?P<org>(?:[省市县区州旗]|XX|xx|某)(?:委)?{_ORG_CHARS}{{0,12}}?{_ORG_TAIL}(?:机关)?)"
    r"(?=(?:机关)?(?:意识形态|宣传思想|党建)工作|将|要|坚持|以|始终|全面|深入)"
)


def clean_title(title: str) -> str:
    """A title line without site and compilation residue, doubled 年 or a doubled title."""
    t = re.sub(r"^[【\[]?提纲[】\]]?\s*[:：]?", "", title.strip())
    prev = None
    while prev != t:
        prev, t = t, strip_title_noise(t)
    t = re.sub(r"(20\d\d|20[xX*]{2}|20\d[xX])\s*年\s*年", r"\1年", t)
    for i in range(len(t) // 2, len(t) - 5):
        if t[:i].endswith(t[i:]):
            return t[:i]
    return t


def parse_title(title: str) -> tuple[str, int | None]:
    """Organisation and year of a title such as "市民政局2026年意识形态工作要点"."""
    text = norm(title).strip()
    year = None
    m = _YEAR.search(text)
    if m:
        year = int(m.group(1))
        text = (text[: m.start()] + " " + text[m.end():]).strip()
    text = re.sub(r"[(（][^()（）]*[)）]\s*$", "", text).strip()
    for genre in GENRES:
        if text.endswith(genre):
            text = text[: -len(genre)]
            break
    org = text.replace(" ", "").strip("，,、")
    return _tidy_org(org), year


def _tidy_org(org: str) -> str:
    org = re.sub(r"^(?:关于|中共)", "", org)
    return org.lstrip("全")


def is_generic_org(org: str) -> bool:
    """True for names like "局机关" that do not say which office."""
    return org in GENERIC_ORGS or len(org) <= 2


def preamble_org(text: str) -> str:
    """The organisation a preamble names before "意识形态工作", or ""."""
    m = _ORG_IN_TEXT.search(norm(text[:400]))
    if not m:
        return ""
    org = m.group("org")
    org = _tidy_org(org)
    return "" if is_generic_org(org) else org


def preamble_year(text: str) -> int | None:
    """The first year (20xx年) named in a preamble, or None."""
    m = _YEAR.search(norm(text[:400]))
    return int(m.group(1)) if m else None

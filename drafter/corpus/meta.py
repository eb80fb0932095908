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
#: A year written as a placeholder (20xx年, 20**年, 202X年): no year, but not part of the org either.
_YEAR_PLACEHOLDER = re.compile(r"(?:20[xX*＊]{2}|20\d[xX]|[xX*]{4})\s*年度?")
#: Organisation names that say only "an office", to be refined from the preamble.
GENERIC_ORGS = {"局机关", "机关", "政府机关", "部机关", "单位", "本单位", "委机关", "办机关", "我局", "我单位",
                "学校", "乡镇", "社区", "集团", "公司", "街道", "县", "市", "区", "镇", "乡"}
#: Where the name of the issuer stops in a title: the topic or the document kind.
_TOPIC = re.compile(r"关于|(?:加强和改进|进一步|加强|推进|做好|深化|全面)(?=..)|意识形态|宣传思想|宣传|精神文明|基层党建"
                    r"|基层党的建设|党的建设|党建"
                    r"|党风廉政|创新和重点|重点工作|工作(?:要点|计划|方案|安排)|要点|计划|方案|要點|計劃")
_PLACEHOLDER = re.compile(r"[xX*＊某_]")
_SCOPE = re.compile(r"^(?:全|本)|系统$|^[\u4e00-\u9fff]{1,3}[省市县区州]$")

_ORG_TAIL = r"(?:局|部|委|办|办公室|院|会|厅|处|所|中心|园区|管委会|机关|系统|党组|党委|工委|监委|政府|街道|乡|镇)"
_ORG_CHARS = r"[^\s\d，,。；;:：“”\"、（）()“”‘’《》]"
_ORG_IN_TEXT = re.compile(
    rf"(?P<org>(?:[省市县区州旗]|XX|xx|某|中央)(?:委)?{_ORG_CHARS}{{0,12}}?{_ORG_TAIL}(?:机关)?)"
    r"(?=(?:机关)?(?:意识形态|宣传思想|党建|党的建设|精神文明)(?:建设)?工作|将|要|坚持|以|始终|全面|深入"
    r"|今年|明年|20\d\d年|工作的?(?:总体)?(?:思路|要求|指导思想))"
)
#: "特制定市应急管理局2024年度…要点", "结合**集团实际": the issuer named in passing.
_ORG_MADE = (re.compile(r"制定(?:了)?(?P<org>[^\s\d，,。；;:：“”《》]{2,16}?)\s*(?:20\d\d|20[xX*]{2})\s*年"),
             re.compile(r"结合(?P<org>[^\s\d，,。；;:：“”《》和与及等]{2,12}?)(?:工作)?实际"))
#: A signature line of a notice: 中共某某局委员会, 江西省應急管理廳.
_SIGNATURE = re.compile(r"^[^\s，,。；;:：、“”《》()（）]{3,24}(?:局|委员会|委員會|厅|廳|办公室|辦公室|政府|党委|党组|工委|委|会|會)$")
#: Units written with a placeholder name: 某镇, XX县.
_PLACEHOLDER_UNIT = re.compile(r"(?:[xX*某]{1,4})(?:镇|乡|街道|县|区|市)")


def clean_title(title: str) -> str:
    """A title line without site and compilation residue, doubled 年 or a doubled title."""
    t = re.sub(r"^[【\[]?提纲[】\]]?\s*[:：]?", "", title.strip())
    t = re.sub(r"^[【\[]?(?:第\s*[\d一二三四五六七八九十]+\s*篇|篇\s*[\d一二三四五六七八九十]+|范文\s*\d*)[】\]]?\s*[:：]?\s*", "", t)
    tail_year = re.search(r"(?<=[点划案排见])\s*(20\d\d)(?=\D*$)", norm(t))
    if tail_year and not _YEAR.search(norm(t)):  # "幼儿园…工作方案2022篇一": the year of the plan
        t = f"{tail_year.group(1)}年{t}"
    prev = None
    while prev != t:
        prev, t = t, strip_title_noise(t)
    t = re.sub(r"(20\d\d|20[xX*]{2}|20\d[xX])\s*年\s*年", r"\1年", t)
    for i in range(len(t) // 2, len(t) - 5):
        if t[:i].endswith(t[i:]):
            return t[:i]
    return t


def parse_title(title: str) -> tuple[str, int | None]:
    """Organisation and year of a title such as "市民政局2026年意识形态工作要点".

    The organisation is what stands before the year, or (when the title opens
    with the year) what follows it, up to the topic or the document kind;
    "" when the title names none.
    """
    text = norm(clean_title(title)).strip()
    year = None
    m = _YEAR.search(text) or _YEAR_PLACEHOLDER.search(text)
    if m:
        year = int(m.group(1)) if m.re is _YEAR else None
        before, after = text[: m.start()].strip(), text[m.end():].strip()
        text = before or after
    text = re.sub(r"[(（][^()（）]*[)）]\s*$", "", text).strip()
    t = _TOPIC.search(text)
    if t is not None:
        text = text[: t.start()]
    org = text.replace(" ", "").strip("，,、")
    core = org.strip("【】[]")
    if _PLACEHOLDER.sub("", core) in ("", "局", "单位") and len(core) <= 4:
        org = ""
    return _tidy_org(org), year


def _tidy_org(org: str) -> str:
    return re.sub(r"^(?:关于|中共)", "", org)


def refine_org(org: str, text: str, before: list[str]) -> str:
    """A better name for the issuer than the title's ``org``, from the text around the plan.

    ``text`` is the preamble (and first paragraphs), ``before`` the lines of a
    notice wrapper before the title. Tried in order: a fuller form of the
    title's name in the text ("市妇联" → "XX市妇联", "集团" → "**集团", "学校" →
    "学校党支部"); for a scope rather than a body (全县…, 交通运输系统, a bare
    place name) the notice's signature; the body the preamble names; a unit
    written with a placeholder (某镇). Redactions are kept as written.
    """
    generic = not org or is_generic_org(org)
    scope = bool(org) and bool(_SCOPE.search(org))
    if org and not scope:
        found = _fuller(org, "\n".join(before) + "\n" + text, generic)
        if found:
            return found
    if generic or scope:
        sig = next((ln for ln in reversed(before) if _SIGNATURE.match(norm(ln))), "")
        if sig:
            return sig
        named = preamble_org(text)
        if named:
            return named
        unit = _PLACEHOLDER_UNIT.search(text[:600])
        if unit and generic:
            return unit.group(0)
    if generic and len(org) <= 2:
        return ""
    return org.lstrip("全") if len(org) > 2 else org


def _fuller(org: str, text: str, generic: bool) -> str:
    body = org.lstrip("全")
    if body[:1] in "省市县区":
        pat = rf"(?:[xX*某]{{1,6}}|(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{{2,3}}|(?<=[，,。《“\s])[\u4e00-\u9fff]{{2,3}}){re.escape(body)}"
    else:
        pat = rf"[xX*某]{{1,6}}{re.escape(body)}"
    for m in re.finditer(pat, text[:2000]):
        name = m.group(0)
        if not re.search(r"[全本我各该这为在对和与及的]", name[: len(name) - len(body)]):
            return name
    if generic:
        m2 = re.search(rf"{re.escape(body)}(?:党支部|党总支|党委|支部|党组|党工委)", text[:2000])
        if m2:
            return m2.group(0)
    return ""


def is_generic_org(org: str) -> bool:
    """True for names like "局机关" that do not say which office."""
    return org in GENERIC_ORGS or len(org) <= 2


def preamble_org(text: str) -> str:
    """The organisation a preamble names before "意识形态工作", or ""."""
    n = norm(text[:600])
    m = _ORG_IN_TEXT.search(n)
    if not m:
        for made in _ORG_MADE:
            m2 = made.search(n)
            org = re.sub(r"^(?:本|我|全)", "", m2.group("org").replace(" ", "")) if m2 else ""
            if org and not is_generic_org(org) and not _TOPIC.search(org):
                return org
        return ""
    org = m.group("org")
    if "关于" in org or "的" in org:
        return ""
    org = _tidy_org(org)
    return "" if is_generic_org(org) else org


def preamble_year(text: str) -> int | None:
    """The first year (20xx年) named in a preamble, or None."""
    m = _YEAR.search(norm(text[:400]))
    return int(m.group(1)) if m else None

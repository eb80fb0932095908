"""The body speaks as another kind of unit than the title names (a plan reused from another unit).

A unit calls itself by the word for its kind: a bureau 我局/本局, a school
我校/全校, a township 我镇/全镇, a sub-district 我街道, a company 我公司 …
A plan titled for a 乡镇 that says "结合我街道实际", or a school's plan that
says "我局", was taken over from another unit's plan and not fully adapted.

The kinds are those of the unit profiles (templates/profiles: bureau, school,
township, street, community, hospital, soe …), reduced to the words a unit
uses of itself. The title's unit is read from its org name; a name that
holds several kinds (XX中学支部委员会: a school and a committee) allows each.
Generic self-references (本单位, 我们) and regional ones (我市, 我区, 全县)
say nothing about the kind of unit and are left alone.

The same holds for the kind of document: a plan titled …实施方案 that says
"特制定本实施意见" was adapted from another document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

from drafter.lazy_re import lazy
from drafter.model import ALTERNATIVE_MARK, HINT_MARK, Plan
from drafter.numbering import norm
from drafter.review.findings import Draft, Finding, Severity, excerpt

#: kind → the words of an org name that show it (plain text: no pattern to compile on every run).
KINDS: dict[str, tuple[str, ...]] = {
    "局": ("局",), "厅": ("厅",),
    "校": ("学校", "中学", "小学", "大学", "学院", "职校", "中专", "技校"),
    "园": ("幼儿园", "园区"), "院": ("院",), "镇": ("镇",), "乡": ("乡",),
    "街道": ("街道", "街办"), "社区": ("社区",), "村": ("村",), "公司": ("公司", "集团", "企业"),
}
#: How a unit refers to itself: 我/本 (all kinds), 全 (the kinds where 全X is the whole unit, not 全局 "overall").
_SELF = lazy(r"([我本全])(街道|社区|公司|集团|局|厅|校|园|院|镇|乡|村|委|办|部|会|行)")
#: Kinds shown by how a name ends (卫健委, 网信办, 宣传部, 工会/妇联/科协, 银行), and the words each says of
#: itself: 我部 only (本部 is a headquarters), 我会 only (本会议), 我委/本委, 我办/本办.
_BY_END: dict[str, tuple[str, ...]] = {"委": ("委", "委员会"), "办": ("办", "办公室"), "部": ("部",),
                                       "会": ("会", "联", "协"), "行": ("银行", "支行", "分行")}
_SAID_AS = {"委": "我本", "办": "我本", "部": "我", "会": "我", "行": "我本"}
_WHOLE = frozenset({"校", "园", "院", "镇", "乡", "街道", "社区", "村", "公司", "集团"})
#: Characters after the self-reference that make it another word (本局面, 我校区, 全园林, 本乡土).
_NOT_AFTER = {"局": "面势限部外", "厅": "堂", "校": "对订正准验友区园外内级长领", "园": "地林艺丁区外内",
              "院": "校系线子外内落墙", "镇": "压守静定", "乡": "镇村土音情愁亲下里", "村": "镇庄落民",
              "委": "托员屈婉曲派任", "办": "法理事学", "部": "门分署队位件", "会": "议计同上后期场员务见谈商诊",
              "行": "为动业政使程走列文驶之事"}
#: Kinds a unit of another kind may rightly speak of as its own (a university's 学院 is also 我院).
_ALSO = {"校": ("院",), "院": ("校",), "镇": ("乡",), "乡": ("镇",), "社区": ("村",)}


def org_kinds(org: str) -> set[str]:
    """The kinds of unit an org name shows (empty when it shows none)."""
    n = norm(org).strip()
    kinds = {k for k, words in KINDS.items() if any(w in n for w in words)}
    if n.endswith("校") and not n.endswith("幼校"):
        kinds.add("校")
    if n.endswith("园") and not n.endswith("公园"):
        kinds.add("园")
    if "乡" in kinds and ("城乡" in n or "家乡" in n) and n.count("乡") == 1:
        kinds.discard("乡")
    if "镇" in kinds and "乡" in kinds and "乡镇" not in n:
        kinds.discard("乡") if n.rfind("镇") > n.rfind("乡") else kinds.discard("镇")
    if "乡镇" in n:
        kinds.update(("镇", "乡"))
    for k, ends in _BY_END.items():
        if n.endswith(ends) and not (k == "会" and n.endswith("委员会")):
            kinds.add(k)
    for k in list(kinds):
        kinds.update(_ALSO.get(k, ()))
    if not any(w in n for w in KINDS["校"]) and not _COLLEGE.search(n):
        kinds.discard("校")  # a hospital, a court, a procuratorate is 我院, never 我校 (a college's 学院 is both)
    return kinds


#: An institute of learning whose 院 is also a school (学院, 书院, 研究生院), so 我校 is right there too.
_COLLEGE = lazy(r"学院|书院|研究生院|党校|学校|大学")


#: A village or community lies within a township or sub-district: its plan may speak of 全镇, 我镇 rightly.
_WITHIN = {"村": ("镇", "乡", "街道"), "社区": ("镇", "乡", "街道")}


def _self_references(n: str, own: set[str]) -> Iterator[tuple[str, re.Match[str]]]:
    """(kind, match) for each self-reference in normalised text ``n`` that is not the ``own`` kinds'."""
    above = {k for o in own for k in _WITHIN.get(o, ())}
    for m in _SELF.finditer(n):
        kind = "公司" if m.group(2) == "集团" else m.group(2)
        if kind in own or kind in above:
            continue
        if m.group(1) == "全" and m.group(2) not in _WHOLE:
            continue
        if kind in _SAID_AS and m.group(1) not in _SAID_AS[kind]:
            continue
        if n[m.end():m.end() + 1] and n[m.end()] in _NOT_AFTER.get(kind, ""):
            continue
        if _distributive(n, m.start()):
            continue
        yield kind, m


def _distributive(n: str, at: int) -> bool:
    """The self-reference is each of several units' own (各镇结合本镇实际, 各学校组织全校师生), not the author's."""
    clause = re.split(r"[。;；!?！？]", n[:at])[-1]
    return "各" in clause or "每个" in clause or "所在" in clause


def check_org(d: Draft, locate: Callable[[Plan, int], str], org: str) -> Iterator[Finding]:
    """One finding per kind of self-reference that does not fit the title's unit."""
    from drafter.review.check_residue import scope

    own = org_kinds(org)
    if not own:
        return
    title_line = d.plan.span.start if d.plan.span is not None and d.plan.title else None
    seen: set[str] = set()
    for ln in scope(d):
        raw = ln.text
        if ln.no == title_line or not raw.strip() or raw.lstrip().startswith((HINT_MARK, ALTERNATIVE_MARK)):
            continue
        n = norm(raw)
        for kind, m in _self_references(n, own):
            if kind in seen:
                continue
            seen.add(kind)
            said = raw[m.start():m.end()]
            right = next((f"{said[0]}{k}" for k in (*KINDS, *_BY_END) if k in own), "")
            tail = f"，应为“{right}”" if right and said[0] in "我本全" else ""
            quoted = excerpt(raw, m.start(), m.end())
            yield Finding("org-mismatch", "wording", Severity.WARNING,
                          f"“{said}”与标题中的单位“{org}”不符（正文像是照搬了别的单位的稿子）{tail}",
                          locate(d.plan, ln.no), ln.no, quoted)


#: The kinds of document a title names (by its last word), and how the body names itself.
_DOC_KINDS = ("要点", "计划", "方案", "意见", "安排", "细则", "办法", "规划", "规定", "制度")
_ISSUE = ("制定", "制订", "形成", "印发")


@cache
def _self_kind() -> re.Pattern[str]:
    """制定本实施意见: compiled only for a line that names itself so (check runs in a fresh process)."""
    kinds = "|".join(_DOC_KINDS)
    return re.compile(rf"(?:{'|'.join(_ISSUE)})本(?P<words>(?:工作|实施|行动)?(?P<kind>{kinds}))")


def check_doc_kind(d: Draft, locate: Callable[[Plan, int], str]) -> Iterator[Finding]:
    """"制定本实施意见" in a plan whose title names a 方案: the body names another kind of document."""
    from drafter.review.check_residue import scope, strip_suffix

    title = re.sub(r"[(（][^)）]*[)）]\s*$", "", strip_suffix(norm(d.plan.title or "")).strip())
    kind = next((k for k in _DOC_KINDS if title.endswith(k)), None)
    if kind is None:
        return
    for ln in scope(d):
        n = norm(ln.text)
        if "本" not in n or not any(w in n for w in _ISSUE):
            continue
        for s in _self_kind().finditer(n):
            if s.group("kind") == kind:
                continue
            words = ln.text[s.start("words"):s.end("words")]
            right = words[:-len(s.group("kind"))] + kind if words.startswith(("工作", "实施", "行动")) else kind
            yield Finding("typo", "wording", Severity.WARNING,
                          f"“本{words}”与标题中的文种“{kind}”不符，应为“本{right}”", locate(d.plan, ln.no), ln.no,
                          ln.text[max(0, s.start() - 2):s.end() + 2].strip())
            return

"""Title, organisation and year of a plan, from its title line or its preamble."""

from __future__ import annotations

import re
from collections.abc import Callable

from drafter.corpus.grammar import APPENDED, CN_YEAR, ORG_END, is_signature, strip_title_noise
from drafter.lazy_re import lazy
from drafter.numbering import norm

#: Document kinds a title ends with, longest first (the genre of the plan).
GENRES = (
    "意识形态工作要点", "宣传思想文化工作要点", "宣传思想工作要点", "党风廉政建设工作要点", "党建工作要点",
    "工作要点", "要点", "工作计划", "实施方案", "工作方案", "工作安排", "计划", "方案",
    "意识形态工作总结", "意识形态工作情况汇报", "工作总结", "工作汇报", "情况汇报", "述职报告", "工作报告",
    "总结", "汇报", "报告",
)

_YEAR = lazy(r"(20\d\d)\s*年度?")
#: A year written as a placeholder (20xx年, 20**年, 202X年): no year, but not part of the org either.
_YEAR_PLACEHOLDER = lazy(r"(?:20[xX*＊]{2}|20\d[xX]|[xX*]{4})\s*年度?")
#: A school year (2024—2025学年度第一学期): its autumn year, or its spring year for the second term.
_SCHOOL_YEAR = lazy(r"(20\d\d)\s*[—–\-－~～至到]{1,2}\s*(20\d\d)\s*学年度?\s*"
                          r"(?P<term>第[一二]学期|[上下]学期|秋季学期|春季学期)?")
_SPRING_TERMS = ("第二学期", "下学期", "春季学期")
#: A year in brackets after the title, without 年: "…工作要点（2025）", "…要点(2025版)".
_PAREN_YEAR = lazy(r"[(（]\s*(20\d\d)\s*版?\s*[)）]")
#: A year in Chinese numerals before 年 (二〇二五年): read as 2025.
_CN_YEAR = lazy(rf"{CN_YEAR}(?=\s*(?:年|学年|[—–\-－~～至到]\s*{CN_YEAR}))")
_CN_DIGITS = str.maketrans("〇○零OＯ一二三四五六七八九", "00000123456789")
#: A year the text aims at, not the year it plans for: 到2035年, 2035年远景目标 (到…年底 is the plan's own).
_AIMED_BEFORE = lazy(r"[到至—－-]\s*$")
_OWN_END = ("底", "末", "前")


def arabic_years(text: str) -> str:
    """``text`` with years written in Chinese numerals (二〇二五年) in digits, character for character."""
    if "二" not in text:
        return text
    return _CN_YEAR.sub(lambda m: m.group(0).translate(_CN_DIGITS), text)


def year_pattern(year: int) -> str:
    """A regex for ``year`` as plans write it before 年: 2025, 二〇二五, 二○二五, 二零二五."""
    digits = "".join("[〇○零OＯ]" if d == "0" else "一二三四五六七八九"[int(d) - 1] for d in str(year))
    return rf"(?:(?<!\d){year}|{digits})"


#: Organisation names that say only "an office", to be refined from the preamble.
GENERIC_ORGS = {"局机关", "机关", "政府机关", "部机关", "单位", "本单位", "委机关", "办机关", "我局", "我单位",
                "学校", "乡镇", "社区", "集团", "公司", "街道", "县", "市", "区", "镇", "乡",
                "幼儿园", "小学", "中学", "高中", "医院"}
#: Where the name of the issuer stops in a title: the topic or the document kind.
_TOPIC = lazy(r"关于|(?:加强和改进|进一步|加强|推进|做好|深化|全面)(?=..)|意识形态|宣传思想|宣传|精神文明|基层党建"
                    r"|基层党的建设|党的建设|党建"
                    r"|党风廉政|创新和重点|重点工作|工作(?:要点|计划|方案|安排)|要点|计划|方案|要點|計劃")
#: A topic word that is part of a body's name: 宣传部, 党建办, 精神文明建设指导委员会办公室.
_IN_NAME = lazy(r"(?:建设)?(?:部|科|处|股|办|室|中心|委员会|指导委员会)")
_PLACEHOLDER = lazy(r"[xX*＊某_]")
_SCOPE = lazy(r"^(?:全|本)|系统$|^[\u4e00-\u9fff]{1,3}(?<![社园小景校片辖城街])[省市县区州]$")

_ORG_TAIL = r"(?:局|部|委|办|办公室|院|会|厅|处|所|中心|园区|管委会|机关|系统|党组|党委|工委|监委|政府|街道|乡|镇)"
_ORG_CHARS = r"[^\s\d，,。；;:：“”\"、（）()“”‘’《》]"
_ORG_IN_TEXT = lazy(
    rf"(?P<org>(?:[省市县区州旗]|[xX*＊]{{2,6}}|〔[xX*＊]{{1,4}}〕|某|中央)(?:委)?{_ORG_CHARS}{{0,12}}?{_ORG_TAIL}(?:机关)?)"
    r"(?=(?:机关)?(?:意识形态|宣传思想|党建|党的建设|精神文明)(?:建设)?工作|将|要|坚持|以|始终|全面|深入"
    r"|今年|明年|20\d\d年|工作的?(?:总体)?(?:思路|要求|指导思想))"
)
#: "特制定市应急管理局2024年度…要点", "结合**集团实际": the issuer named in passing.
_ORG_MADE = (re.compile(r"制定(?:了)?(?P<org>[^\s\d，,。；;:：“”《》]{2,16}?)\s*(?:20\d\d|20[xX*]{2})\s*年"),
             re.compile(r"结合(?P<org>[^\s\d，,。；;:：“”《》和与及等]{2,12}?)(?:工作)?实际"))
#: Units written with a placeholder name: 某镇, XX县.
_PLACEHOLDER_UNIT = lazy(r"(?:[xX*某]{1,4})(?:镇|乡|街道|县|区|市)")


def clean_title(title: str) -> str:
    """A title line without site and compilation residue, doubled 年 or a doubled title."""
    t = re.sub(r"^[【\[]?提纲[】\]]?\s*[:：]?", "", APPENDED.sub("", title.strip()))
    t = re.sub(r"^[【\[]?(?:第\s*[\d一二三四五六七八九十]+\s*篇|篇\s*(?:[一二三四五六七八九十]+|\d{1,2}(?!\d))"
               r"|范文\s*(?:\d{1,2}(?!\d))?)[】\]]?\s*[:：]?\s*", "", t)  # "篇一2024年…": the year stays
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
    text = _theme_free(arabic_years(norm(clean_title(title))).strip())
    year = None
    m = _SCHOOL_YEAR.search(text) or _YEAR.search(text) or _YEAR_PLACEHOLDER.search(text) or _PAREN_YEAR.search(text)
    if m:
        year = None if m.re is _YEAR_PLACEHOLDER.compiled else int(m.group(1))
        if m.re is _SCHOOL_YEAR.compiled and m.group("term") in _SPRING_TERMS:
            year = int(m.group(2))  # "2024—2025学年第二学期": the spring of 2025
        combined = _COMBINED.search(text, m.end())
        if combined:  # "2023年工作总结和2024年工作计划": a report, and the year its forward part names
            later = _YEAR.search(combined.group("next"))
            year = int(later.group(1)) if later else year
        before, after = text[: m.start()].strip(), text[m.end(): combined.start() if combined else None].strip()
        text = before or after
    paren = re.search(r"[(（]([^()（）]*)[)）]\s*$", text)
    text = text[: paren.start()].strip() if paren else text
    t = next((x for x in _TOPIC.finditer(text) if not _IN_NAME.match(text, x.end())), None)
    if t is not None:
        text = text[: t.start()]
    org = text.replace(" ", "").strip("，,、")
    org = org.split("在", 1)[0] if "在" in org[1:] else org  # "张三同志在全县…会议上的讲话": who speaks, not where
    core = org.strip("【】[]")
    if _PLACEHOLDER.sub("", core) in ("", "局", "单位") and len(core) <= 4:
        org = ""
    if not org and paren and is_signature(paren.group(1)):
        org = core = paren.group(1).strip()  # "2024年意识形态工作要点（某县教育局）": the issuer after the title
    bracketed = core != org and org[:1] in "【[" and org[-1:] in "】]"  # 【单位名称】: a placeholder, kept as written
    if core and (_NOT_A_NAME.search(core) or not (bracketed or _NAME_END.search(core))):
        org = ""  # "奋力谱写新篇章", "某某范文网": not a unit
    return _tidy_org(org), year


#: A summary joined to the plan for what comes next: "…总结和2024年工作计划", "…总结暨下半年工作思路".
_COMBINED = lazy(r"(?:工作)?(?:总结|回顾|汇报)(?:和|及|与|暨|以及|并|、)(?P<next>.{0,16}?)(?:工作)?"
                       r"(?:计划|打算|思路|安排|要点|设想|重点)")


def is_combined_report(title: str) -> bool:
    """A title joining a summary and the plan after it ("2023年工作总结及2024年工作打算"): a report."""
    return bool(_COMBINED.search(title))


#: The heading of an official document: "某县教育局文件" (红头).
_RED_HEAD = lazy(rf"^([^\s，,。；;:：、“”《》()（）]{{2,24}}{ORG_END})文件$")
#: The issuer named before 关于印发 in a notice's title: "中共某区委宣传部关于印发…的通知".
_NOTICE_ISSUER = lazy(r"^(.{3,24}?)关于印发")
#: How a unit's name ends: a kind of body, or a place (x县, 江西省).
_NAME_END = lazy(rf"(?:{ORG_END}|[省市县区州盟旗镇乡])$")
#: Names that are not of a unit: websites, and slogans ending in 局 (开新局, 新格局).
_NOT_A_NAME = lazy(r"网$|网站|文库|范文|作文|文档|资料|学习啦|(?:新|格|大|全|开|布|变|时|结)局$|家园$")
#: How a slogan opens: a verb of striving, not a place or a unit.
_SLOGAN_START = lazy(r"^(?:建设|打造|争创|奋力|凝心|砥砺|踔厉|勇毅|聚力|赋能|推动|助力|推进|深化|筑牢|守正|奋进|争做"
                           r"|争当|喜迎|迎接|献礼|庆祝|聚焦|围绕|坚持|以)")
#: A theme line and the title proper in one line: "以高质量党建引领高质量发展——2024年党建工作要点".
_THEME_DASH = lazy(r"\s*(?:——|—|－－|--|──)\s*")


def _theme_free(title: str) -> str:
    """The part of a title joined to a theme line by a dash that names the kind of document.

    A dash between two numbers is a range (2024—2025学年), not a join.
    """
    parts, last = [], 0
    for m in _THEME_DASH.finditer(title):
        if title[m.start() - 1: m.start()].isdigit() and title[m.end(): m.end() + 1].isdigit():
            continue
        parts.append(title[last: m.start()])
        last = m.end()
    parts = [p for p in (*parts, title[last:]) if p]
    if len(parts) < 2:
        return title
    kinds = [p for p in parts if any(g in p for g in GENRES)]
    return kinds[-1] if kinds else title


def _tidy_org(org: str) -> str:
    return re.sub(r"^(?:关于|在)", "", org)  # 中共/中国共产党 stay: part of the issuer's name as written


def party_free(org: str) -> str:
    """``org`` without a leading 中共/中国共产党 (for finding the name in a text that drops it)."""
    for prefix in _PARTY_PREFIXES:
        if org.startswith(prefix):
            return org[len(prefix):]
    return org


_PARTY_PREFIXES = ("中国共产党", "中共")


def refine_org(org: str, text: str, before: list[str], signoff: list[str] | None = None,
               opening: Callable[[], str] | None = None) -> str:
    """A better name for the issuer than the title's ``org``, from the text around the plan.

    ``text`` is the start of the plan (preamble and first paragraph),
    ``before`` the lines of a notice wrapper before the title, ``signoff`` the
    sign-off lines after the plan (落款), ``opening`` gives a longer stretch of
    the plan's text, read only when the title names a kind of unit or a
    slogan is to be told from a name. The title's name is first freed of a
    theme or slogan run into it ("守正创新筑堡垒…学校" → "学校"). Then, in order:
    a fuller form of the title's name in the text ("市妇联" → "XX市妇联",
    "集团" → "**集团"); for a name that says only a kind (学校, 乡镇) a named
    unit of that kind ("前进小学"); for a kind or a scope (全县…, 交通运输系统,
    a bare place name) the signature of the notice or of the sign-off, or its
    red head (某县教育局文件) or the issuer its title names (某区委宣传部关于印发…); for a kind the body the text makes answer for
    the work ("街道党工委对…负总责"); the body a preamble sentence speaks as
    ("区卫健委今年工作的总体思路是"); for a kind its party body named in the
    text ("学校党支部", or of the kind the text speaks as: 我街道 → 街道党工委);
    a unit written with a placeholder (某镇). Offices titled by their kind
    (局机关) keep their own name over 局党组. Redactions are kept as written;
    a self-reference (我街道) is only a kind; a scope with no body behind it
    ("全县交通运输") gives no name.
    """
    context = "\n".join(before) + "\n" + text
    longer: list[str] = []

    def more() -> str:
        if not longer:
            longer.append(opening() if opening is not None else text)
        return longer[0]

    org = _drop_theme(org, lambda: context + "\n" + more())
    if org[:1] in ("我", "本"):  # "我街道2024年工作计划": the kind of unit the plan speaks as
        org = _SELF.get(org, org[1:])
    generic = not org or is_generic_org(org)
    kind = bool(org) and generic  # the title names a kind of unit, not which one
    scope = bool(org) and bool(_SCOPE.search(org))
    if org and not scope:
        found = _fuller(org, context)
        if found:
            return found
    if kind and org in _SCHOOLS:
        named = _named_unit(org, more())
        if named:
            return named
    if generic or scope:
        byline = _BYLINE.match(text)  # "（某某市生态环境局）" on the line under the title
        name = (byline.group(1) or byline.group(2)).strip() if byline else ""
        if name and is_signature(name):
            return name
        sigs = [*reversed(before), *reversed(signoff or [])]
        sig = next((ln.strip() for ln in sigs if is_signature(ln)), "")
        head = next((m.group(1) for ln in before
                     if (m := _RED_HEAD.match(norm(ln.strip())) or _NOTICE_ISSUER.match(norm(ln.strip())))
                     and is_signature(m.group(1))), "")
        if sig or head:
            return sig or head
    office = org.endswith(("机关", "单位"))  # an office's own name says more than 局党组
    if kind and not office:
        body = _responsible(more())
        if body:
            return body
    if generic or scope:
        named = preamble_org(text)
        if named:
            return named
    if kind and not office:
        body = _party_body(org, more())
        if body:
            return body
    if generic or scope:
        unit = _PLACEHOLDER_UNIT.search(text[:600])
        if unit and generic:
            return unit.group(0)
    if generic and len(org) <= 2:
        return ""
    if scope:
        body = org.lstrip("全本")
        return body if len(body) > 1 and re.search(rf"(?:{_ORG_TAIL}|系统|[省市县区州])$", body) else ""
    return org


#: A byline: the issuer alone in brackets on the line under the title.
_BYLINE = lazy(r"^\s*(?:[(（]([^()（）\n]{3,26})[)）]|([^()（）\s]{3,26}))\s*(?:\n|$)")
#: The start of a unit's name: a place, a party body, a redaction or placeholder.
_NAME_START = lazy(r"^.{0,4}(?:[省市县区州盟旗镇乡村]|中共|中央|中国|国家|全国|共青团|[xX*＊某])")
#: Separators between a theme line and the title proper run into one line.
_THEME_SEP = lazy(r"[—–:：”」』|｜]+")


def _drop_theme(org: str, text: Callable[[], str]) -> str:
    """The title's name without a theme or slogan run into it before the name.

    "守正创新筑堡垒驰而不息辟新局学校" (a slogan line and "学校党建工作计划"
    joined) is not a unit: what stands after a separator (——, ：, a closing
    quote) is kept, and a long name that opens with no place or party name (or
    any name that opens with a verb of striving: 守正, 奋力, 聚焦 …) and does
    not recur in the text is cut to its longest ending that does ("学校"); a
    slogan with no such ending gives no name.
    """
    parts = [p for p in _THEME_SEP.split(org) if p.strip("“「『【】[] ")] if _THEME_SEP.search(org) else []
    if len(parts) > 1:
        org = parts[-1].strip("“「『【】[] ")
    if (len(org) < 10 and not _SLOGAN_START.match(org)) or _NAME_START.match(org):
        return org
    context = text()
    if org in context:
        return org
    for i in range(2 if len(org) < 10 else 6, len(org) - 1):
        tail = org[i:]
        if tail in context:
            return tail if _NAME_END.search(tail) and not _NOT_A_NAME.search(tail) else ""
    return ""


#: Kinds of school, one of which a title saying "学校" may name.
_SCHOOLS = ("学校", "小学", "中学", "高中", "幼儿园")
#: A common modifier before a school's kind ("基层学校", "中小学"): not a name.
_NOT_NAME = lazy(r"[各全本我该这其每所的之等党]|(?<=.)[和与及或学]|基层|现代|农村|乡村|城乡|城区|民办|公办|普通|义务|重点|示范|特色"
                       r"|优质|一流|新型|中小|高级|初级|薄弱|寄宿|附属|人民|满意|今年|明年|去年|全年|年度|学期|当前|目前|整个"
                       r"|[将要已正再更均都也还又就才把被让使]")
#: Verbs and particles a name of a unit may be run into ("助推前进小学", "要以红星小学", "结合学校实际").
_VERB_IN_RUN = lazy(
    r"助推|推动|推进|促进|带动|引领|建设|打造|办好|办成|创建|争创|成为|服务|围绕|聚焦|结合|规范|加强|强化|深化|落实|完善"
    r"|健全|提升|发展|管理|覆盖|深入|走进|进入|面向|融入|整体|全体|所有|依托|利用|通过|按照|根据|关于|对于|实现|支持|保障"
    r"|指导|督促|组织|开展|[以把将使让对在的是要]")


def _named_unit(kind: str, text: str) -> str:
    """A unit of the title's kind named in the text ("学校" → "前进小学"), or "".

    The name is the run of characters before the kind, after the last verb or
    particle run into it; a run that is not then a short name (two to four
    characters, no modifier such as 基层 or 中小) names no unit.
    """
    if kind not in _SCHOOLS:
        return ""
    head = text[:2000]
    for m in _SCHOOL_KIND.finditer(head):
        start = m.start()
        while start > 0 and "\u4e00" <= head[start - 1] <= "\u9fff":
            start -= 1  # back to the last break: the run the kind ends
        run = head[start: m.start()]
        cut = [v.end() for v in _VERB_IN_RUN.finditer(run)]
        name = run[cut[-1]:] if cut else run  # after the last verb run into it
        if 2 <= len(name) <= 4 and not _NOT_NAME.search(name):
            return name + m.group(0)
    return ""


_SCHOOL_KIND = lazy(r"小学|中学|幼儿园|学校")


_PARTY_BODY = r"(?:党工委|党委|党总支|党支部|支部委员会|支部|党组)"
#: "学校支部领导班子对学校意识形态工作负主体责任", "街道党工委对全局…负总则": the body answering for the work.
_DUTY = lazy(r"工作(?:负|承担|担负)(?:主体|总|全面|领导|首要)")
_RESPONSIBLE = lazy(rf"(?P<name>[\u4e00-\u9fffXx*＊]{{2,10}})(?P<body>{_PARTY_BODY})(?:领导班子|班子)?"
                          r"对[^。；;，,]{0,16}?$")
_NAME_STOP = lazy(r".*(?:的|原则|按照|要求|由|是|在|和|与|及|、)")


def _responsible(text: str) -> str:
    """The body a responsibility sentence makes answer for the work, or ""."""
    head = norm(text[:3000])
    for duty in _DUTY.finditer(head):
        m = _RESPONSIBLE.search(head, max(0, duty.start() - 40), duty.start())
        if m is None:
            continue
        name = _NAME_STOP.sub("", m.group("name"))
        if len(name) < 2 or re.search(r"[各全本我该上下]|所属|基层", name):
            continue
        return name + m.group("body")
    return ""


#: Self-references in a plan's text ("结合我街道实际") and the kind of unit they name.
_SELF = {"我街道": "街道", "我镇": "镇", "我乡": "乡", "我校": "学校", "我园": "幼儿园", "我局": "局", "我社区": "社区",
         "我村": "村", "我院": "院", "我县": "县", "我区": "区", "我市": "市"}


def _party_body(kind: str, text: str) -> str:
    """The party body of the title's kind, or of the kind the text speaks as ("我街道"), named in the text."""
    head = text[:2000]
    kinds = [kind.lstrip("全"), *(k for s, k in _SELF.items() if s in head)]
    for k in kinds:
        m = re.search(rf"{re.escape(k)}{_PARTY_BODY}", head)
        if m:
            return m.group(0)
    return ""


#: A name written redacted or as a placeholder: XX, ***, 某某, 〔*〕, 【XX】.
_REDACTED = r"(?:[xX*＊某]{1,6}|[〔【\[［][xX*＊某]{1,4}[〕】\]］])"


def _fuller(org: str, text: str) -> str:
    """A fuller or redacted form of ``org`` in ``text`` ("市妇联" → "XX市妇联"; "中共市委宣传部" → "中共XX市委宣传部")."""
    party = org[: len(org) - len(party_free(org))]
    if party:
        found = _fuller(org[len(party):], text)
        return party + found if found else ""
    body = org.lstrip("全")
    if body[:1] in "省市县区":
        pat = rf"(?:{_REDACTED}|(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{{2,3}}|(?<=[，,。《“\s])[\u4e00-\u9fff]{{2,3}}){re.escape(body)}"
    else:
        pat = rf"{_REDACTED}{re.escape(body)}"
    for m in re.finditer(pat, text[:2000]):
        name = m.group(0)
        if not re.search(r"[全本我各该这为在对和与及的]", name[: len(name) - len(body)]):
            return name
    return ""


def is_generic_org(org: str) -> bool:
    """True for names like "局机关" that do not say which office."""
    return org in GENERIC_ORGS or len(org) <= 2


def preamble_org(text: str) -> str:
    """The body a preamble sentence speaks as ("区卫健委今年工作的总体思路是"), or "".

    Only a name that opens a clause counts; one named after a verb is who the
    plan is for.
    """
    n = arabic_years(norm(text[:600]))  # "某县司法局二〇二五年…" as "…2025年…"
    m, place = None, ""
    for x in _ORG_IN_TEXT.finditer(n):
        if _CLAUSE_START.search(n[: x.start()]):
            m = x
            break
        p = _PLACE_BEFORE.search(n[: x.start()])
        if p and x.group("org")[0] in "市县区州旗" and not _VERB.search(p.group("place")):
            m, place = x, p.group("place")  # "。张家港市交通运输局…"
            break
    if not m:
        for made in _ORG_MADE:
            m2 = made.search(n)
            org = re.sub(r"^(?:本|我|全)", "", m2.group("org").replace(" ", "")) if m2 else ""
            if org and not is_generic_org(org) and not _TOPIC.search(org) and _NAME_END.search(org):
                return org  # "结合我市交通运输工作实际": a field, not a unit
        return ""
    org = m.group("org")
    if "关于" in org or "的" in org:
        return ""
    org = place + _tidy_org(org)
    return "" if is_generic_org(org) else org


#: What may stand before the body a sentence speaks as: the start of a clause, a year or 今年, and 全/本
#: ("。全市民政系统意识形态工作的指导思想是"); a name after a verb ("加强全县民政系统意识形态工作") is the
#: audience of the plan, not its issuer.
_CLAUSE_START = lazy(r"(?:^|[，,。；;：:！!？?\n\s]|20\d\d年度?|今年|明年)(?:[全本]|中共)?$")

#: A place name of two or three characters opening a clause, before 市/县/区: "。张家港市…".
_PLACE_BEFORE = lazy(r"(?:^|[，,。；;：:！!？?\n\s])(?P<place>[\u4e00-\u9fff]{2,3})$")
_VERB = lazy(r"加强|推进|推动|做好|抓好|深化|落实|围绕|服务|聚焦|全面|建设|打造|提升|引导|指导|督促|确保|制定|印发|结合"
                   r"|根据|按照|贯彻|开展|现将|[为在对把将使让从向特由的和与及]")


def preamble_year(text: str) -> int | None:
    """The year a preamble plans for (20xx年, 二〇xx年), or None.

    That is the last year a sentence opens with ("2024年，我局…取得新成效。
    2025年，全局…": a review of last year first), else the first year named.
    A year the text aims at (到2035年, 2035年远景目标) is not the year of the plan.
    """
    n = arabic_years(norm(text[:400]))
    first = opening = None
    at = 0  # where the sentence about the opening year starts
    for m in _YEAR.finditer(n):
        if n.startswith("远景", m.end()):
            continue
        if _AIMED_BEFORE.search(n[max(0, m.start() - 2): m.start()]) and not n.startswith(_OWN_END, m.end()):
            continue
        year = int(m.group(1))
        first = year if first is None else first
        if (m.start() == 0 or n[m.start() - 1] in _SENTENCE_END) and n.startswith(_OPENS_WITH, m.end()):
            opening, at = year, m.end()
    if opening is not None and n[at] != "是" and _THIS_YEAR.search(n, at):
        return None  # "2024年，…取得新成效。今年，…": the year named is the one reviewed, the plan's is not named
    return opening if opening is not None else first


_SENTENCE_END = "。；;！!？?\n"
#: How a sentence about the year itself goes on after it: "2025年，", "2025年是".
_OPENS_WITH = ("，", ",", "是")
#: A sentence about the plan's year that does not name it: "今年，", "新的一年，", "今年是".
_THIS_YEAR = lazy(r"[。；;！!？?\n](?:今年|新的一年|明年)(?:[，,是]|全[局县市区])")

"""Line shapes of work-plan documents: titles, sentence ends, signature dates.

The numbering markers themselves are :mod:`drafter.numbering`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from drafter.lazy_re import lazy
from drafter.numbering import ENCLOSED_START, Marker, head, marker, norm

#: Characters a numbering marker can start with (after optional blanks): one set lookup for the common line.
_MARK_START = frozenset("一二三四五六七八九十百零〇(（0123456789０１２３４５６７８９第 \t\u3000") | ENCLOSED_START


@lru_cache(maxsize=8192)
def line_marker(text: str) -> Marker | None:
    """:func:`~drafter.numbering.marker` of a line as written, skipping the work when it cannot start one."""
    return marker(head(text)) if text[:1] in _MARK_START else None

REPORT_KINDS = ("汇报", "总结", "报告", "述职", "情况", "讲话", "发言", "致辞")
_TITLE_TAIL = re.compile(
    r"(要点|计划|方案|安排|意见|总结|汇报|报告|述职报告|要點|計劃|意見|總結|匯報|報告)"
    r"(?:\s*[(（][^()（）]{1,20}[)）])?\s*$"
)
_SENTENCE = re.compile(r"[。;；!！?？]")
_NUM = "一二三四五六七八九十"
#: A site's tag after a title: 【最新】 (精选) 【2025最新版】 【完整版】 (word可编辑).
SITE_TAG_WORDS = r"(?:20\d\d)?(?:最新|精选|优秀|推荐|热门|完整|通用|范文|原创|精品|必备|全文|word|Word|WORD|可编辑)(?:版|稿|篇)?(?:可编辑)?"
SITE_TAG = rf"[【\[(（]{SITE_TAG_WORDS}[】\])）]"
#: Site and compilation residue a title line may end with: (全文1405字), (第2/2页), 范文(六篇),
#: 篇一, 第2篇, a compilation number ("要点1"), a doubled year ("方案2022"), .docx, 提纲, a site's tag.
TITLE_NOISE = re.compile(
    rf"(?:\s*(?:[(（](?:全文)?\d+字[)）]|[(（]第\d+/\d+页[)）]|[(（](?:通用|精选|优秀|热门|合集|集合)?[\d{_NUM}]+篇[)）]"
    rf"|范文\d*|篇[{_NUM}\d]+|第[{_NUM}\d]+篇|提纲|\d{{1,2}}|20\d\d|20[xX*]{{2}}|\.(?:docx?|pdf|wps|txt)"
    rf"|{SITE_TAG})[:：]?)+$"
)
#: A line that only separates the plans of a compilation: 篇二, 第3篇：, 范文4.
COMPILATION_SEP = re.compile(rf"^\s*(?:篇[{_NUM}\d]+|第[{_NUM}\d]+篇|范文\s*\d+|【?(?:范文|篇)[{_NUM}\d]+】?)\s*[:：]?\s*$")


def strip_title_noise(text: str) -> str:
    """``text`` without trailing site/compilation residue (when a title remains)."""
    m = TITLE_NOISE.search(text)
    return text[: m.start()].rstrip() if m and m.start() >= 4 else text


#: A slogan subtitle after a title ("…工作要点——坚定文化自信 建设文化强市"): the title is what stands before it.
_SLOGAN_SUBTITLE = lazy(r"(?<=[点划案排见])\s*—{1,2}[^—，,。；;：:！？!?]{2,40}$")


@lru_cache(maxsize=8192)
def is_title(text: str) -> bool:
    """A document title line: short, unnumbered, naming a document kind, no sentence stop."""
    if len(text) > 90:
        return False
    n = strip_title_noise(APPENDED.sub("", norm(text).strip()))
    if "—" in n:
        n = _SLOGAN_SUBTITLE.sub("", n)
    if not 4 <= len(n) <= 60 or _SENTENCE.search(n):
        return False
    if marker(n) is not None:
        return False
    return bool(_TITLE_TAIL.search(n)) or (bool(_REPORT_TAIL.search(n) or _PLAN_TAIL_DATED.search(n))
                                           and bool(_DATED.search(n)))


#: "附：" before the title of a document appended to another (a summary after a plan).
APPENDED = re.compile(r"^附\s*[:：]\s*")
#: The title of a report that names no kind ("…2023年意识形态工作开展情况", "关于…工作情况的报告",
#: "2023年度意识形态工作述职", "2023年工作总结及2024年工作打算") or of a speech ("在全县宣传思想工作会议上的讲话"):
#: only with a year or 关于/在.
_REPORT_TAIL = lazy(r"(?:(?:工作|开展|落实|进展|完成|推进|执行|建设)情况(?:的?(?:报告|汇报))?|工作述职"
                          r"|上的(?:讲话|发言|致辞|讲话提纲)|(?:讲话|发言)稿|(?:总结|汇报|回顾).{1,24}(?:打算|思路|设想))$")
#: Other names a year's plan goes by ("…2025年意识形态工作任务清单", "…工作思路", "…工作重点"): only with a year or 关于.
_PLAN_TAIL_DATED = lazy(r"(?:工作|任务|责任)清单$|工作(?:思路|重点|打算|举措|规划)$")
_DATED = lazy(r"20\d\d|20[xX*]{2}|二[〇○零OＯ]|^关于|在.{2,40}上的")


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


#: A year in Chinese numerals as formal documents date them: 二〇二五, 二○二五 (U+25CB), 二零二五, 二O二五.
CN_YEAR = r"二[〇○零OＯ][〇○零OＯ一二三四五六七八九]{2}"
_DATE = lazy(rf"^\s*(?:(20\d\d|{CN_YEAR})\s*年\s*[\d一二三四五六七八九十]{{1,3}}\s*月"
                   r"(\s*[\d一二三四五六七八九十]{1,3}\s*日)?|20\d\d\s*([./])\s*\d{1,2}\s*\3\s*\d{1,2})\s*$")


def is_date_line(text: str) -> bool:
    """A signature date such as "2026年1月5日", "二〇二六年一月五日" or "2026.1.5" standing alone."""
    return len(text) <= 20 and bool(_DATE.match(norm(text)))


#: The last characters of a unit's name: 局, 委员会, 办公室, 妇联, 学校, 党支部 … (also in traditional script).
ORG_END = (r"(?:局|委员会|委員會|厅|廳|办公室|辦公室|办事处|政府|党委|党组|党工委|工委|党支部|支部|党总支|委|会|會|部|办|辦"
           r"|院|所|处|中心|站|队|馆|校|学校|小学|中学|幼儿园|学院|大学|医院|公司|集团|社|团|联|人大|政协|社区|街道|村"
           r"|机关|單位|单位|系统|行|矿|厂|场|台|小组|室|科|股|海关|监狱|园|基地|协|总支)")
#: A line that is only a signing body's name: 中共某某局委员会, 江西省應急管理廳, XX市妇联.
_SIGNATURE = lazy(rf"^[^\s，,。；;:：、“”《》()（）!！?？]{{3,24}}{ORG_END}$")


def is_signature(text: str) -> bool:
    """A line that is only the name of a signing body (某县交通运输局, XX市委宣传部)."""
    t = norm(text.strip())
    return len(t) <= 26 and bool(_SIGNATURE.match(t)) and not _NOT_SIGNATURE.search(t)


#: Lines shaped like a name that are not one: site names, headings of a kind of text.
_NOT_SIGNATURE = lazy(r"^(?:各|全|本|我|该|有关|所属|下属|相关)|网$|网站|文库|范文|作文|文档|资料|附件|目录|工作要点|工作计划|方案|总结|汇报|报告|通知|意见|机制|体系")


#: A website's lead-in or sign-off around a document it republishes.
LEADIN = re.compile(
    r"小编|本站|为大家(?:整理|收集|精心|准备|带来|分享)|供大家(?:参考|借鉴|阅读)|仅供参考|欢迎(?:阅读|借鉴|参考|下载)"
    r"|以下是.{0,40}(?:范文|文章|内容|资料|方案|计划|要点)|希望(?:对|能)(?:你|您|大家)|精品文档|范文推荐"
    r"|(?:文章|范文)(?:由|来自)|整理发布|一起来(?:了解|看看)|请(?:在|到).{0,12}搜索|由会员分享"
)

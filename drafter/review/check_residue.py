"""What should not be in a finished draft, found in the draft's own lines.

These checks read the source lines of the draft (not only what the reader
kept as the plan), because website residue, redactions and drafting notes
are exactly what the reader strips or leaves outside the plan. Each finding
quotes the words it is about (``Finding.text``) and gives their line, so a
clerk can search for them in Word; repeated occurrences of the same words
are one finding with a count.

Kinds of residue:

* placeholders left to fill: XX/xx/××, x县, 20xx, 某某, ____, x次/×次, (市名), 【…】;
* redactions: *, ***, 〔*〕/〔…〕, a lone _ or × for a name, a missing name before
  "新时代中国特色社会主义思想";
* website residue: lead-ins (小编, 供大家参考, 本站…), 版权声明, 范文/(N篇)
  markers, date/source lines, file names, tag lines, tables of contents with
  page numbers, page-chunk markers that split words;
* hidden text markers (此处隐藏…字, 省略…字);
* drafting residue (提纲：, 过渡句：, 本部分旨在…, notes in brackets such as
  (具体时间待定), (略), (根据实际填写), an outline listed before the title, the
  address of a speech: 同志们, 老师们).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from drafter.corpus.extract import Line
from drafter.corpus.grammar import SITE_TAG, SITE_TAG_WORDS, ends_sentence, is_date_line, is_title
from drafter.lazy_re import lazy
from drafter.model import ALTERNATIVE_MARK, HINT_MARK, Plan
from drafter.numbering import head, marker, norm
from drafter.review.findings import Draft, Finding, Severity, excerpt

#: Characters of context quoted on each side of a matched token.
CONTEXT = 4

# --- patterns -----------------------------------------------------------------------------
# Patterns run on norm()-ed text (half-width punctuation and digits), which keeps offsets.

_UNIT = "省市县区镇乡村街道局委办厅处科室校院所中心公司集团单位社区支部"
PLACEHOLDER = lazy(
    rf"【(?!参考】|备选】|\s*(?:提纲|大纲|写作提示|注)\s*】|{SITE_TAG_WORDS}】)"  # 【…】 fill-in (not a 【参考】 hint, 【备选】 task,
    r"(?![^【】\n]*(?:www\.|\.com|\.cn|--|——))[^【】\n]{0,30}】"          # a drafting label, a site's 【www.….cn--方案】)
    r"|20[0-9]?(?:[xX×Xx]{1,2}|\*{1,2})(?=\s*[年-]|\s*$)"             # 20xx / 202X / 20** 年
    r"|(?<![A-Za-z])(?:[Xx×]{2,}|ＸＸ|○{2,})(?![A-Za-z])"              # XX xx xxx ×× ○○
    r"|(?<![〇零一二三四五六七八九十])〇{2,}(?![〇零一二三四五六七八九十年])"  # 〇〇村 (not 二〇〇八年)
    rf"|(?<![A-Za-z0-9×])[Xx×](?=[{_UNIT}])"                            # x县 X市 ×县
    r"|(?<![A-Za-z0-9×])[Xx×](?=[次名个项篇期场人余])"                   # x次 x名 ×次
    r"|(?<![A-Za-z0-9×])[Xx×](?=月[Xx×\d]{1,2}日)|(?<=月)[Xx×](?=日)"    # X月X日 (a date to fill)
    r"|某某|某(?=[镇县区乡村街校局])"                                    # 某某 某镇
    r"|_{2,}|＿{2,}"                                                     # ____
    r"|\((?:[^()]{0,4}(?:名称|名|全称|简称|姓名))\)"                   # (市名) (单位名称)
)
REDACTION = lazy(
    r"(?<![0-9*])\*+(?:[ \u3000]+\*+)*"                                 # * *** (not 20**)
    r"|〔\s*(?:\*+|\.{2,}|…+|×+|x+|X+)\s*〕|\[\s*(?:\*+|\.{2,}|…+)\s*\]"  # 〔*〕 〔...〕
    r"|(?<=[^\x00-\x7f])_(?=[^\x00-\x7f])"                        # 以_新时代 (a lone _ for a name)
    r"|(?<=[^\x00-\x7f×])×(?=[^\x00-\x7f×])"                          # 组织×同志 (a lone × for a name)
)
#: The leader's name missing or replaced before his thought's name.
NAME_MISSING = lazy(
    r"(?:以|学习|贯彻|领会|落实|坚持|用|践行|宣传|阐释|研究)(书记|同志|总书记)?(?=新时代中国特色社会主义思想)")

WEB_LEADIN = lazy(
    r"小编|网友投稿|供大家参考|仅供参考|供您参考|本站|为大家(?:整理|收集|分享|精心)|欢迎(?:阅读|借鉴|下载)"
    r"|希望(?:对|能)(?:你|您|大家)|精品文档|文档介绍|申明敬告|温馨提示|一起来(?:看看|了解)|了解一下吧"
    r"|(?<![规示模典])范文(?![化明件本字])(?:推荐|大全|精选|参考)?|版权(?:声明|所有)|转载请注明|免责声明|侵权(?:必究|请联系)|由会员分享"
    r"|(?:上传|下载)(?:于|后)|点击(?:下载|查看)|[(（]\s*[一二三四五六七八九十0-9]{1,3}\s*篇\s*[)）]"
    r"|(?:集合|合集|精选)\s*[一二三四五六七八九十0-9]{1,3}\s*篇|第\s*[一二三四五六七八九十0-9]{1,3}\s*篇\s*[:：]"
    r"|^\s*篇\s*[一二三四五六七八九十0-9]{1,3}\s*[:：]?\s*$"
)
META_LINE = lazy(
    r"^\s*(?:(?:发布|更新|发表|上传|录入)?(?:时间|日期)|来源|原标题|作者|发布人|发布者|浏览(?:次数|量)?|阅读(?:量|时长)?|字数"
    r"|点击|编辑|责任编辑|索引号|关键词|标签|tags?|分类|所属栏目|栏目|(?:發布|發表|更新)?時間|來源|作者)\s*[:：]",
    re.IGNORECASE)
FILE_NAME = lazy(r"[^\s/\\:：,，。]{2,60}\.(?:docx?|wps|pdf|txt|xlsx?|pptx?)\b", re.IGNORECASE)
URL = lazy(r"https?://\S+|www\.[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
TAG_LINE = lazy(r"^【[^】]*(?:www\.|\.com|\.cn|--|——)[^】]*】")
#: A word count on a line of its own: "全文共2345字", "(全文1405字)".
WORD_COUNT = lazy(r"[(（]?\s*(?:全文|本文)\s*(?:共|约)?\s*\d+\s*字\s*[)）]?")
INDEX_NO = lazy(r"^[0-9A-Z]{6,}[/-]\d{4}-\d{3,}$")
#: A character followed by its pinyin, left by a broken simplified/traditional converter: 發(fā)
PINYIN = lazy(r"(?<=\w)\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")
#: A keyword tag line: four or more short words separated by spaces, nothing else.
TAG_WORDS = lazy(r"(?:[^\W_]{1,6}[ \u3000]+){3,}[^\W_]{1,6}")
CHUNK = lazy(r"^(\d{1,2})、")
#: A line of a table of contents: a heading, a run of leader dots, a page number ("一、加强理论武装……………1").
TOC_LINE = r"^\s*\S.{0,60}?(?:[.…·．_\-—]\s*){4,}\s*\d{1,3}\s*$"
HIDDEN = lazy(
    r"此处隐藏[^。\n]{0,12}字|(?:省略|隐藏|余下|剩余)\s*\d+\s*字|下载(?:后|文档)(?:查看|阅读)(?:完整|全文)?"
    r"|(?:正式)?会员可(?:完整)?(?:阅读|查看|下载)|以下内容(?:需|已)"
    r"|限于篇幅[,，]?\s*(?:以下|下文|后面|余下|其余)?(?:内容)?(?:从略|略去|省略|略)")
DRAFTING = lazy(
    r"(?:过渡句|承接句|衔接句|引导句|总起句|总结句|小标题|段首句|段落主旨|写作要点|写作提示|写作思路|撰写思路|写作说明"
    r"|提纲|目录\s*/\s*提纲|大纲)\s*[:：]"
    # a note on the text itself: 以上内容可根据单位实际修改, 本范文仅供参考
    r"|(?:以上|以下|上述|本文|本稿|本模板|本范文)(?:内容)?(?:仅供参考|可(?:根据|结合)[^。\n]{0,16}?"
    r"(?:修改|调整|删减|增减|补充|完善|取舍))"
    r"|【\s*(?:提纲|大纲|写作提示|注)\s*】"
    r"|本(?:部分|节|段|章)(?:旨在|主要(?:阐述|介绍|说明)|将(?:阐述|介绍))"
    r"|(?:指导思想|总体要求|工作目标|重点任务|工作要求|保障措施)(?:部分)?(?:明确了|阐明了|概括了|强调了)"
    r"|(?:此处|这里)(?:可|应|需|请)?(?:(?:结合|根据)[^。,;()\n]{0,12}?)?(?:填写|补充|插入|列举|根据实际)"
    # a note to whoever finishes the draft: (具体时间待定) (略) (根据实际填写) (可选)
    r"|\(\s*(?:[^()\n]{0,12}(?:待定|待补充|待完善|待核实|待确认|待商定|另行确定)|略|可选|选填|自行(?:填写|补充)"
    r"|根据(?:本单位)?实际(?:情况)?(?:填写|补充|调整|增减)?|视情(?:况)?(?:填写|增减))\s*\)")
#: The address of a speech (同志们, 老师们) left in a plan drafted from one.
ADDRESS = lazy(r"(?:^|(?<=[。!?]))\s*(?:同志们|老师们|同学们|各位(?:领导|同事|老师|同志|代表|委员))[,，:：!！]")
LEADER_AFTER = lazy(r"\s*(?:新时代|新时期|谈治国理政|总书记|同志|关于|在\w{2}》|的嘱托|重要(?:讲话|论述|指示))")
LEADER_BEFORE = lazy(r"(?:以|学习|贯彻|领会)\s*$")
#: Title suffixes a site adds: word counts, page markers, compilation numbers.
TITLE_SUFFIX = lazy(
    r"(?:[(（]\s*(?:全文)?\s*\d+\s*字\s*[)）])+\s*$"
    r"|[(（]\s*第?\s*\d+\s*/\s*\d+\s*页\s*[)）]\s*$"
    r"|(?:范文)?[(（]\s*(?:精选|优选|共|合集|汇编)?\s*[一二三四五六七八九十0-9]{1,3}\s*篇\s*(?:范文|合集|汇编)?\s*[)）]\s*$"
    r"|篇\s*[一二三四五六七八九十0-9]{1,3}\s*$"
    r"|(?<=要点|计划|方案|安排|意见)\s*(?:\d{1,2}|20\d\d)\s*$"
    r"|(?<=要点|计划|方案|安排|意见)\s*范文\s*$"
    r"|\.(?:docx?|wps|pdf)\s*$"
    rf"|{SITE_TAG}\s*$", re.IGNORECASE)


# --- the checker -------------------------------------------------------------------------


@dataclass
class _Hit:
    code: str
    kind: str  # what the message names
    token: str  # the words themselves (grouping key)
    text: str  # token with a little context, as quoted
    line: int
    words: str = ""  # the placeholder or redaction itself, named when the quote holds more than it


def scope(d: Draft) -> list[Line]:
    """The source lines that belong to this draft's plan (all lines when unknown).

    A draft built from a plan alone (no source lines) is scanned in the plan's own text.
    """
    lines = d.lines or plan_lines(d.plan)
    lo, hi = d.scope if d.scope is not None else (1, lines[-1].no if lines else 0)
    return [ln for ln in lines if lo <= ln.no <= hi]


def plan_lines(plan: Plan) -> list[Line]:
    """The plan's text as lines, numbered by where each piece was read from (or in order)."""
    out: list[Line] = []

    def add(text: str, span: object) -> None:
        no = getattr(span, "start", None) or (out[-1].no + 1 if out else 1)
        out.extend(Line(no, t) for t in text.split("\n") if t.strip())

    if plan.title:
        add(plan.title, plan.span)
    if plan.preamble:
        add(plan.preamble, None)
    for part in plan.front:
        add(part.heading, part.span)
        add(part.text, None)
        for item in part.items:
            add(f"{item.title}。{item.body}", item.span)
    for sec in plan.sections:
        add(f"{sec.mark or ''}{sec.title}", sec.span)
        add(sec.intro, None)
        for t in sec.tasks:
            add(f"{t.mark or ''}{t.title}。{t.body}", t.span)
            for h in t.hints:
                add(HINT_MARK + h, None)
    for part in plan.back:
        add(part.heading, part.span)
        add(part.text, None)
        for item in part.items:
            add(f"{item.title}。{item.body}", item.span)
    return out


def _quote(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    """The words with ``width`` characters either side (for a long sentence cut to size)."""
    a = max(0, start - width)
    b = min(len(text), end + width)
    return text[a:b].strip()


def _sentence(text: str, start: int, end: int, limit: int = 60) -> str:
    """The sentence (or line part) around text[start:end], at most ``limit`` characters."""
    n = norm(text)
    a = max((n.rfind(c, 0, start) for c in "。!?;"), default=-1) + 1
    ends = [i for i in (n.find(c, end) for c in "。!?;") if i >= 0]
    b = min(ends) + 1 if ends else len(text)
    s = text[a:b].strip()
    if len(s) > limit:
        s = _quote(text, start, end, (limit - (end - start)) // 2)
    return s


def _hits(lines: list[Line], plan: Plan | None) -> Iterator[_Hit]:
    title_line = plan.span.start if plan is not None and plan.span is not None and plan.title else None
    top = next((ln.no for ln in lines if ln.text.strip()), None)
    for ln in lines:
        raw = ln.text
        if not raw.strip():
            continue
        n = norm(raw)
        stripped = n.strip()
        if raw.lstrip().startswith((HINT_MARK, ALTERNATIVE_MARK)):
            continue  # the outline's own hints and alternative tasks (reported once, as notes)
        filled: list[tuple[int, int]] = []
        for m in PLACEHOLDER.finditer(n):
            tok = raw[m.start():m.end()]
            filled.append(m.span())
            yield _Hit("placeholder", "待填写的占位内容", tok, excerpt(raw, m.start(), m.end()), ln.no, tok)
        for m in REDACTION.finditer(n):
            if any(a < m.end() and m.start() < b for a, b in filled):
                continue  # the same characters are a placeholder (×次): one finding
            tok = raw[m.start():m.end()]
            # the leader's name, however many stars, is one redaction
            key = "leader" if LEADER_AFTER.match(n, m.end()) or LEADER_BEFORE.search(n, 0, m.start()) else tok
            yield _Hit("redaction", "被隐去的文字", key, excerpt(raw, m.start(), m.end()), ln.no, tok)
        for m in NAME_MISSING.finditer(n):
            tok = raw[m.start():m.end()] + "新时代中国特色社会主义思想"
            yield _Hit("redaction", "缺少“习近平”", tok, _quote(raw, m.start(), m.end() + 6), ln.no)
        hidden = False
        for m in HIDDEN.finditer(n):
            hidden = True
            yield _Hit("hidden-text", "网站隐藏了部分正文", "hidden", _quote(raw, m.start(), m.end(), 12), ln.no)
        for m in DRAFTING.finditer(n):
            yield _Hit("drafting-residue", "起草遗留标记", raw[m.start():m.end()].strip(),
                       _sentence(raw, m.start(), m.end(), 40), ln.no)
        for m in ADDRESS.finditer(n):
            yield _Hit("drafting-residue", "讲话稿中的称呼（工作要点不用）", raw[m.start():m.end()].strip(),
                       _sentence(raw, m.start(), m.end(), 40), ln.no)
        for m in PINYIN.finditer(n):
            word = raw[m.start() - 1:m.end()]
            yield _Hit("web-residue", "繁简转换残留的拼音", word, word, ln.no)
        if TAG_WORDS.fullmatch(stripped) and not re.search(r"20\d\d年", stripped):
            yield _Hit("web-residue", "网页的关键词标签行", stripped, raw.strip(), ln.no)
            continue
        if _title_like(stripped) and not META_LINE.match(n) \
                and not (FILE_NAME.fullmatch(stripped) and ln.no not in (title_line, top)):
            yield from _title_hits(raw, n, ln.no)
            continue  # a title line's extras are title findings, not website residue
        if hidden or (ln.no == title_line and len(stripped) <= 80):
            continue
        web = _web(raw, n, stripped)
        if web is not None:
            yield _Hit("web-residue", "网页杂项", web, web, ln.no)
            if len(stripped) > 100:  # a run-together page: each lead-in sentence of it
                done = -1
                for m in WEB_LEADIN.finditer(n):
                    if m.start() <= done:
                        continue  # in the sentence already quoted
                    ends = [i for i in (n.find(c, m.end()) for c in "。!?;") if i >= 0]
                    first = done < 0
                    done = min(ends) if ends else len(n)
                    more = _sentence(raw, m.start(), m.end())
                    if not first and more != web:
                        yield _Hit("web-residue", "网页杂项", more, more, ln.no)


def strip_suffix(n: str) -> str:
    """A title without the suffixes a site added (repeatedly: "方案2022(六篇)")."""
    for _ in range(3):
        cut = TITLE_SUFFIX.sub("", n).strip()
        if cut == n:
            break
        n = cut
    return n


def _title_like(n: str) -> bool:
    """A title line, once a site's suffix is taken off."""
    return len(n) <= 80 and is_title(strip_suffix(n))


def _title_hits(raw: str, n: str, no: int) -> Iterator[_Hit]:
    m = TITLE_SUFFIX.search(n)
    if m:
        suffix = raw[m.start():].strip()
        yield _Hit("title-suffix", f"标题末尾多出“{suffix}”（网页或汇编附加的内容），应删除", suffix, raw.strip(), no)
    years = re.findall(r"20\d\d", n)
    if len(years) >= 2 and len(set(years)) == 1:
        yield _Hit("year-doubled", f"标题中年度“{years[0]}”重复", years[0], raw.strip(), no)


def _web(raw: str, n: str, stripped: str) -> str | None:
    """The website residue on one line, as quoted; None when there is none."""
    if stripped in {"?", "？", "??", "□", "�"}:
        return raw.strip()
    if META_LINE.match(n) or INDEX_NO.match(stripped) or TAG_LINE.match(stripped) or WORD_COUNT.fullmatch(stripped):
        return raw.strip()[:60]
    m = WEB_LEADIN.search(n)
    if m:
        return _sentence(raw, m.start(), m.end())
    m = FILE_NAME.search(n) or URL.search(n)
    if m and len(stripped) <= 80:
        return raw[m.start():m.end()]
    return None


_HIT_SEVERITY = {"placeholder": Severity.WARNING, "redaction": Severity.WARNING, "web-residue": Severity.WARNING,
                 "hidden-text": Severity.ERROR, "drafting-residue": Severity.ERROR, "title-suffix": Severity.WARNING,
                 "year-doubled": Severity.WARNING}
_HIT_CATEGORY = {"title-suffix": "structure", "year-doubled": "reference"}


def check_residue(d: Draft, locate: Callable[[Plan, int], str]) -> Iterator[Finding]:
    """Placeholders, redactions, website residue, hidden text and drafting notes, one finding per words."""
    lines = scope(d)
    groups: dict[tuple[str, str], list[_Hit]] = {}
    for hit in _hits(lines, d.plan):
        groups.setdefault((hit.code, hit.token), []).append(hit)
    for (code, _), hits in groups.items():
        first = hits[0]
        count = ""
        if len(hits) > 1:
            where = sorted({h.line for h in hits})
            count = f"（共 {len(hits)} 处，第 {'、'.join(map(str, where[:6]))}{'等' if len(where) > 6 else ''} 行）"
        message = f"{first.kind}{count}" if code in _HIT_CATEGORY else f"{first.kind}：“{first.text}”{count}"
        if first.words and first.words.strip() and first.words != first.text and code not in _HIT_CATEGORY:
            message = f"{first.kind}：“{first.words.strip()}”，见“{first.text}”{count}"
        yield Finding(code, _HIT_CATEGORY.get(code, "leftover"), _HIT_SEVERITY[code], message,
                      locate(d.plan, first.line) or ("标题" if code in _HIT_CATEGORY else ""), first.line, first.text)
    reported = {(code, h.line) for (code, _), hits in groups.items() for h in hits}
    chunks = list(_page_chunks(lines, locate, d.plan))
    yield from chunks
    reported |= {(f.code, f.line) for f in chunks if f.line is not None}
    yield from _outline_before_title(lines, d.plan)
    toc = list(_toc_noise(d))
    yield from toc or _toc_lines(lines)
    yield from _reader_noise(d, reported, locate)


#: What the reader set aside as not the document (Plan.noise kinds) → the finding it is.
_NOISE_CODES = {"leadin": "web-residue", "chrome": "web-residue", "tag": "web-residue", "pagemark": "web-residue",
                "hidden": "hidden-text"}
_NOISE_WHAT = {"web-residue": "网页杂项", "hidden-text": "网站隐藏了部分正文"}


def _reader_noise(d: Draft, reported: set[tuple[str, int]], locate: Callable[[Plan, int], str]) -> Iterator[Finding]:
    """Lines the reader recognised as site residue that the patterns here did not report."""
    lo, hi = d.scope if d.scope is not None else (1, 10**9)
    for n in d.plan.noise:
        code = _NOISE_CODES.get(n.kind)
        if code is None or not lo <= n.line <= hi or (code, n.line) in reported or not n.text.strip():
            continue
        reported.add((code, n.line))
        text = n.text.strip()[:40]
        yield Finding(code, "leftover", _HIT_SEVERITY[code], f"{_NOISE_WHAT[code]}：“{text}”",
                      locate(d.plan, n.line) or "", n.line, text)


def _page_chunks(lines: list[Line], locate: Callable[[Plan, int], str], plan: Plan) -> Iterator[Finding]:
    """Page-chunk markers "1、" "2、" "3、" a site puts before each long chunk, splitting words."""
    chunks = [(ln, int(m.group(1))) for ln in lines if len(ln.text) >= 20
              for m in [CHUNK.match(norm(ln.text.strip()))] if m]
    if any(len(ln.text) < 150 for ln, _ in chunks[:-1]):
        return  # a numbered list, not pages
    if len(chunks) < 2:
        return
    expected = 1
    run: list[Line] = []
    for ln, number in chunks:
        if number != expected:
            break
        run.append(ln)
        expected += 1
    # chunks split text mid-sentence: a chunk does not end a sentence where the next begins
    if len(run) >= 2 and sum(not ends_sentence(ln.text) for ln in run[:-1]) >= 1:
        for ln in run:
            t = ln.text.strip()
            m = CHUNK.match(norm(t))
            end = m.end() if m else 2
            quoted = t[:end + 6]
            yield Finding("web-residue", "leftover", Severity.WARNING,
                          f"网页分页标记：“{t[:end]}”把正文截成几段（应删除标记并接好断开的句子）",
                          locate(plan, ln.no), ln.no, quoted)


def _outline_before_title(lines: list[Line], plan: Plan) -> Iterator[Finding]:
    """An outline (three or more bare headings) listed before the title line."""
    title_at = next((i for i, ln in enumerate(lines) if ln.text.strip() and is_title(ln.text.strip())
                     and any(ch.isdigit() for ch in ln.text)), None)
    if title_at is None:
        return
    before = [ln for ln in lines[:title_at] if ln.text.strip()]
    heads = [ln for ln in before if marker(head(ln.text.strip())) is not None and len(ln.text.strip()) <= 40]
    if len(heads) >= 3 and len(heads) >= len(before) - 2:
        first = heads[0]
        yield Finding("drafting-residue", "leftover", Severity.ERROR,
                      f"标题之前列有 {len(heads)} 行提纲（各部分和任务标题），定稿时应删除", "标题之前",
                      first.no, first.text.strip())


def _toc_lines(lines: list[Line]) -> Iterator[Finding]:
    """A table of contents with page numbers among the draft's lines (when the reader kept it as text)."""
    toc = [ln for ln in lines if _toc_line(ln.text)]
    if toc:
        first = toc[0]
        yield Finding("web-residue", "leftover", Severity.WARNING,
                      f"带页码的目录（{len(toc)} 行），正文中不应保留", "目录", first.no,
                      first.text.strip()[:40])


def ends_on_toc(lines: list[Line]) -> bool:
    """The last words of these lines are a table of contents (the body comes after it, read apart)."""
    last = next((ln for ln in reversed(lines) if ln.text.strip()), None)
    return last is not None and _toc_line(last.text)


def _toc_line(text: str) -> bool:
    t = text.rstrip()
    return t[-1:].isdigit() and _toc_pattern().match(norm(t)) is not None


@cache
def _toc_pattern() -> re.Pattern[str]:
    return re.compile(TOC_LINE)  # compiled only for a line that ends on a number


def _toc_noise(d: Draft) -> Iterator[Finding]:
    toc = [n for n in d.plan.noise if n.kind == "toc" and n.text.strip()[-1:].isdigit()]
    if toc:
        yield Finding("web-residue", "leftover", Severity.WARNING,
                      f"带页码的目录（{len(toc)} 行），正文中不应保留", "目录", toc[0].line, toc[0].text)


# --- title ---------------------------------------------------------------------------------


def title_findings(d: Draft) -> Iterator[Finding]:
    """A title repeated, split over two lines or stacked on another title."""
    plan = d.plan
    lines = [ln for ln in scope(d) if ln.text.strip()]
    if not plan.title or plan.span is None:
        return
    title = plan.title
    line = plan.span.start
    at = next((i for i, ln in enumerate(lines) if ln.no == line), None)
    if at:
        prev = lines[at - 1].text.strip()
        n = norm(prev)
        if len(n) <= 40 and not re.search(r"[。;!?:,]", n) and marker(head(n)) is None \
                and not _web(prev, n, n) and not TITLE_SUFFIX.search(n) and _key(prev) not in _key(title) \
                and not re.fullmatch(r"[\d\s/-]+|[(\[【].*[)\]】]", n) and not is_date_line(n):
            what = "另一个标题" if is_title(n) else "标题的前半部分"
            yield Finding("title-split", "structure", Severity.WARNING,
                          f"标题行之前还有一行“{prev}”（{what}），标题应只有一个并写在一处", "标题",
                          lines[at - 1].no, prev)
    key = _key(TITLE_SUFFIX.sub("", norm(title)))
    if len(key) < 6:
        return
    same = [ln for ln in lines if not re.match(r"\s*[《“\"]", norm(ln.text))  # quoted in a notice: not a repeat
            and _same_title(_key(ln.text), key, ln.text)]
    if len(same) >= 2:
        other = next(ln for ln in same if ln.no != line)
        yield Finding("title-repeated", "structure", Severity.WARNING,
                      "标题重复出现（网页标题或转录时多出的一行），应只保留一处", "标题", other.no,
                      other.text.strip() if len(other.text.strip()) <= 60 else other.text.strip()[:len(title) + 6])


#: A title line with the body's first sentence run on after it: "…工作要点2019年是…", "…方案为深入贯彻…".
_GLUED_KINDS = ("要点", "计划", "方案", "安排", "意见", "规划", "细则", "办法")
_GLUED_TEXT = (
    r"^(?P<title>[^。;!?:,]{4,60}?(?:要点|计划|方案|安排|意见|规划|细则|办法))"
    r"(?=\s*(?:20\d\d\s*年(?!\s*(?:度\s*)?(?:意识形态|工作|党建|精神|宣传|要点|计划|方案))"
    r"|今年|本年|为(?:深入|全面|认真|进一步|切实|扎实|贯彻|做好|加强|落实|推动|推进)|根据|按照|结合|围绕"
    r"|[一二三四五六七八九十]+、\s*\S))")


_GLUED = lazy(_GLUED_TEXT)  # compiled when a line first needs it


def _may_be_glued(n: str) -> bool:
    """A kind of document named early in the line with more than a few characters after it."""
    return any(0 <= (at := n.find(k)) <= 60 and len(n) > at + len(k) + 4 for k in _GLUED_KINDS)


def glued_title(d: Draft) -> Finding | None:
    """The title run into the first sentence of the body on one line (None when no early line is so)."""
    for ln in [ln for ln in scope(d) if ln.text.strip()][:8]:
        n = norm(ln.text.strip())
        if not _may_be_glued(n):
            continue  # (the pattern is compiled only for a line that may be so: check runs in a fresh process)
        m = _GLUED.match(n)
        if m is None or len(n) <= m.end() + 4 or not is_title(m.group("title")):
            continue
        raw = ln.text.strip()
        title = raw[:m.end()]
        return Finding("title-glued", "structure", Severity.WARNING,
                       f"标题“{title}”与正文连在同一行，标题应单独成行", "标题", ln.no, raw[:m.end() + 6])
    return None


def _same_title(k: str, key: str, text: str) -> bool:
    """A line that starts with the title (or is the title cut a little short)."""
    return k.startswith(key) or (len(k) >= 6 and key.startswith(k) and len(k) >= len(key) - 3 and is_title(text))


def _key(text: str) -> str:
    return "".join(c for c in norm(text) if c.isalnum())


def is_residue_line(text: str) -> bool:
    """A whole line that is website residue or a hidden-text marker (not the draft's own words)."""
    n = norm(text.strip())
    if len(n) > 100:
        return False  # a long line is the draft's own text, whatever residue it carries
    return bool(HIDDEN.search(n)) or (_web(text, n, n) is not None and not _title_like(n)) \
        or bool(FILE_NAME.fullmatch(n))

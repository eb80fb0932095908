"""Strip what is not the plan: website chrome, tables of contents, drafting leftovers.

The cleaner keeps a note (:class:`~drafter.model.Noise`) of everything it removes,
so ``check`` can report leftovers and the structure pass can see truncation
markers. Lines broken in the middle of a sentence (hard-wrapped text) are
joined back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from drafter.corpus.extract import Line
from drafter.corpus.grammar import LEADIN, ends_sentence, is_date_line, is_signature, is_title, line_marker
from drafter.corpus.segment import segment
from drafter.lazy_re import lazy
from drafter.model import ALTERNATIVE_MARK, HINT_MARK, Noise
from drafter.numbering import head, norm

#: Headings of a site's list of links to other pages, at the foot of the page.
_LINK_HEADS = "相关推荐|相关文章|猜你喜欢|热门文章|推荐阅读|延伸阅读|相关阅读|热门推荐|更多推荐|精彩推荐|相关范文|你可能(?:还)?(?:喜欢|感兴趣)"
_CHROME = re.compile(
    r"^(?:(?:发布|更新|发表|上传)?(?:时间|日期)|来源|作者|字数|阅读|浏览|阅读量|浏览量|浏览次数|点击|编辑|责任编辑|页数|"
    r"大小|格式|下载次数)\s*[:：]"
    r"|^\d+\s*字$|^共\s*\d+\s*页$"
    r"|^(?:复制下载|复制|下载|立即下载|免费下载|下载文档|全文下载|收藏|分享(?:到)?|打印|举报|点赞|返回顶部|上一篇|下一篇|"
    rf"{_LINK_HEADS}|文章目录|原创|转载|VIP|会员专享|开通会员|登录|注册|关闭窗口|打印本页|网站地图|联系我们)"
    r"(?:\s|$|[:：])"
    r"|^(?:扫一扫|扫码|手机扫描|用手机扫|在手机上?打开)"  # "扫一扫在手机打开当前页"
    r"|^[【\[]?字体\s*[:：]\s*[【\[]?大"  # "【字体：大 中 小】"
)
#: A site's note in brackets: "（来源：某县委网信办）", "【责任编辑：张三】".
_BRACKETED_CHROME = re.compile(r"^[（(【\[]\s*(?:来源|信息来源|作者|编辑|责任编辑|供稿|撰稿|审核|审稿|校对|通讯员|摄影)\s*[:：]"
                               r"[^（()）【】\[\]]{1,40}[）)】\]]$")
_RELATED = lazy(rf"^(?:{_LINK_HEADS})")
#: A link in such a list: a short page title, numbered or not, no sentence in it.
_MAX_LINK = 60
_LINK_STOP = lazy(r"[。；;！!？?]")
_COPYRIGHT = re.compile(r"版权所有|©|\(c\)\s*20|copyright|all rights reserved|转载请注明|本文来源|免责声明|ICP备|侵权必究|侵删",
                        re.IGNORECASE)
_PAYWALL = re.compile(
    r"(?:剩余|余下|还剩|未读).{0,12}(?:内容|文字|部分).{0,10}(?:锁|隐藏|付费|会员|VIP|登录)"
    r"|阅读全文|展开全文|查看全文|继续阅读|全文阅读|查看完整|内容被锁|付费(?:阅读|查看|下载)|余下全文"
)
_HIDDEN = re.compile(r"(?:此处)?隐藏\s*\d+\s*字|省略\s*\d+\s*字|(?:以下|剩余|余下)\s*\d+\s*字")
_FILENAME = re.compile(r"^\S.{0,80}\.(?:docx?|pdf|wps|txt)$", re.IGNORECASE)
_META = re.compile(r"^(?:索引号|主题分类|发文机关|发布机构|成文日期|发布日期|生效日期|文\s*号|有效性|时效性|所属机构|公开方式|"
                   r"信息来源|分\s*类|标\s*签|关键词|关键字|Tags?)\s*[:：]|^(?:有效|失效|废止|部门文件|政府文件|"
                   r"文档介绍|内容简介|此件公开发布|\(此件公开发布\)|（此件公开发布）)$|^[0-9A-Z]{6,}/\d{4}-\d+$|^\d{4}-\d\d-\d\d$",
                   re.IGNORECASE)
_PAGEMARK = re.compile(r"^(\d{1,2})、")
#: A page-chunk line: long, numbered by the site, not by the document.
_MIN_CHUNK = 200
_LEFTOVER = re.compile(r"(?:过渡句|承接句|衔接句|引导句|总起句|总结句|小标题|段首句|段落主旨)\s*[:：]\s*")
_TOC_HEAD = re.compile(r"^(?:目\s*录|提\s*纲|目录\s*/\s*提纲|【提纲】)\s*[:：]?\s*[.…·]*$")
_TOC_ENTRY = lazy(r"^(?:(\d{1,3})\s*[.、]?)?\s*(.+?)\s*[.…·\s]*?(\d{1,4})$")
#: A section's entry in a table of contents: a numbered heading, dot leaders or blanks, a page
#: number ("一、加强理论武装……1", "（一）健全制度 ........ 3", "二、压实责任 第2页"); without a
#: number mark only with dot leaders ("加强理论武装……1").
_TOC_HEADING = lazy(r"^(.+?)(\s*[.…·．。•-]{2,}\s*|\s+)(?:第\s*)?(\d{1,3})(?:\s*页)?$")
_TOC_STOP = lazy(r"[。；;！？!?，,：:]")
_MAX_TOC_HEADING = 40

_MAX_CHROME_LEN = 40
_MAX_TOC_LEN = 80
_SITE_NAME_LEN = 8


@dataclass(frozen=True)
class TocEntry:
    """An entry of a table of contents: its number (if any), title and page."""

    number: int | None
    title: str
    page: int
    line: int


@dataclass(frozen=True)
class TocHeading:
    """A table-of-contents line naming one of the plan's own headings (furniture, not structure)."""

    line: int
    page: int


@dataclass
class Cleaned:
    """Lines of a plan text with noise removed, and what was removed."""

    lines: list[Line]
    noise: list[Noise] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    #: Numbers of source lines joined into an earlier line (their text is there).
    joined: set[int] = field(default_factory=set)


def clean(lines: list[Line], *, join_broken: bool = True) -> Cleaned:
    """Remove noise from ``lines``; join lines broken mid-sentence when ``join_broken``."""
    out = Cleaned([])
    lines = _join_page_chunks(_strip(lines), out)
    lines = _join_subtitle(_join_number_fragments(segment(lines), out.joined), out.joined)
    kinds = [_noise_kind(ln.text) for ln in lines]
    _mark_site_names(lines, kinds)
    _mark_related_links(lines, kinds)
    _mark_leadin(lines, kinds)
    first = next((i for i, k in enumerate(kinds) if k != "blank"), None)
    if first is not None and kinds[first] == "chrome" and _FILENAME.match(lines[first].text) \
            and is_title(lines[first].text):
        kinds[first] = ""  # a file name heading the text is its title ("….docx" suffix dropped later)
    _mark_toc(lines, kinds, out)
    for ln, kind in zip(lines, kinds, strict=True):
        if kind == "blank":
            out.lines.append(Line(ln.no, "") if ln.text else ln)  # blank, or punctuation only ("……", "?")
        elif kind:
            out.noise.append(Noise(kind, ln.no, ln.text))
            if kind in ("hidden", "paywall"):
                out.lines.append(Line(ln.no, ""))  # the text after a gap does not go on from before it
        else:
            out.lines.append(_drop_leftovers(ln, out.noise))
    if join_broken:
        out.lines = _join_broken(out.lines, out.joined)
    return out


#: Pinyin a broken script converter left after a character: 發(fā), 區(qū).
_PINYIN = lazy(r"\((?=[a-zü]{0,5}[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


#: A doubled bracket marker: ((三)) for (三).
_DOUBLED = lazy(r"^[(（]{2}\s*([一二三四五六七八九十百零〇\d]{1,6})\s*[)）]{2}")


def _strip(lines: list[Line]) -> list[Line]:
    out = []
    for ln in lines:
        text = ln.text.strip(" \t\u3000\xa0\ufeff\u200b")
        if "(" in text and _PINYIN.search(text):
            text = _PINYIN.sub("", text)
        if text[:2] in ("((", "（（", "(（", "（("):
            text = _DOUBLED.sub(r"(\1)", text, count=1)
        out.append(ln if text == ln.text else Line(ln.no, text))  # most lines come through unchanged
    return out


_BARE_NUMBER = lazy(r"\d{1,3}|[一二三四五六七八九十]{1,3}")


def _join_number_fragments(lines: list[Line], joined: set[int]) -> list[Line]:
    """Join a number standing alone ("1") with the line that goes on with its dot (".局机关…")."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if prev is not None and len(prev.text) <= 3 and _BARE_NUMBER.fullmatch(prev.text) \
                and head(ln.text)[:1] in ".、":
            out[-1] = Line(prev.no, prev.text + ln.text)
            joined.add(ln.no)
        else:
            out.append(ln)
    return out


#: A subtitle line: a dash, then the document's own title ("——市文旅局2023年意识形态工作要点").
_SUBTITLE = lazy(r"^\s*(?:——|—|－－|--|──)\s*")
_DASH_STARTS = frozenset("—－-─ \u3000")  # first characters of a line _SUBTITLE may match
_SLOGAN_STOP = lazy(r"[。！？!?；;：:，,]")
_MAX_SLOGAN = 40


def _join_subtitle(lines: list[Line], joined: set[int]) -> list[Line]:
    """A main title that is a slogan, then a ——subtitle naming the document: one title line.

    "坚定文化自信 建设文化强市" / "——市文旅局2023年意识形态工作要点" becomes
    "坚定文化自信 建设文化强市——市文旅局2023年意识形态工作要点" (org and year
    come from the part after the dash); a slogan too long or with a comma to
    stand in a title line leaves the subtitle alone as the title. A slogan as the
    ——subtitle of a title ("…工作要点" / "——坚定文化自信") is joined the same way;
    a dash line followed by another is an item of a list, not a subtitle.
    """
    if not any(ln.text[:1] in _DASH_STARTS for ln in lines):
        return lines  # most texts: no line that may be a ——subtitle
    out: list[Line] = []
    for i, ln in enumerate(lines):
        m = _SUBTITLE.match(ln.text) if ln.text[:1] in _DASH_STARTS else None
        if m is None:
            out.append(ln)
            continue
        sub = ln.text[m.end():].strip()
        j = len(out) - 1
        while j >= 0 and not out[j].text:
            j -= 1
        prev = out[j].text if j >= 0 else ""
        if is_title(sub):
            title = f"{prev}——{sub}"
            if _slogan(prev) and is_title(title):
                out[j] = Line(out[j].no, title)
                joined.add(ln.no)
            else:
                out.append(Line(ln.no, sub))
            continue
        nxt = next((x.text for x in lines[i + 1:] if x.text), "")
        if prev and is_title(prev) and _slogan(sub) and not _SUBTITLE.match(nxt) and is_title(f"{prev}——{sub}"):
            out[j] = Line(out[j].no, f"{prev}——{sub}")  # "…工作要点" / "——坚定文化自信 建设文化强市"
            joined.add(ln.no)
        else:
            out.append(ln)
    return out


def _slogan(text: str) -> bool:
    """A short line with no stop or comma, no numbering, not a title: a main title's slogan."""
    return 2 <= len(text) <= _MAX_SLOGAN and not _SLOGAN_STOP.search(text) and line_marker(text) is None \
        and not is_title(text) and not _noise_kind(text)


#: A letter or digit of any script: the same test as str.isalnum on one character.
_ALNUM = re.compile(r"[^\W_]")


def _noise_kind(text: str) -> str:
    if not text or _ALNUM.search(text) is None:
        return "blank"
    if len(text) > 300:
        return ""  # a paragraph: site furniture is short
    if (m := line_marker(text)) is not None:
        # a numbered line is the document's, unless all it holds is a hidden-text marker ("（二）---此处隐藏1860字---")
        return "hidden" if len(text) <= 80 and "字" in text and _HIDDEN.search(text) and not _CJK_WORDS.search(
            _HIDDEN.sub("", text[m.end:])) else ""
    if LEADIN.search(text):
        return "leadin"
    if len(text) <= 80 and _HIDDEN.search(text):
        return "hidden"
    if len(text) <= 60 and (_META.search(text) or _FILENAME.match(text) or _BRACKETED_CHROME.match(text)):
        return "chrome"
    if len(text) <= _MAX_CHROME_LEN:
        n = norm(text)
        if _PAYWALL.search(n):
            return "paywall"
        if _CHROME.search(n):
            return "chrome"
    if len(text) <= 2 * _MAX_CHROME_LEN and _COPYRIGHT.search(text):
        return "chrome"
    if _is_tag_line(text):
        return "tag"
    return ""


#: Two Chinese characters in a row: words, not just a marker's dashes and dots.
_CJK_WORDS = lazy(r"[\u4e00-\u9fff]{2}")
_PAUSE = lazy(r"[，,。、；;：:]")
_COMMA_STOP = lazy(r"[。，,]")


def _is_tag_line(text: str) -> bool:
    """A keyword line such as "2023 街道 精神文明 建设 工作 要点": short words split by spaces."""
    if len(text) > 60 or " " not in text:
        return False
    words = text.split()
    return 4 <= len(words) <= 12 and len(text) <= 60 and all(len(w) <= 5 for w in words) \
        and not _PAUSE.search(text)


def _mark_leadin(lines: list[Line], kinds: list[str]) -> None:
    """Paragraphs before a site lead-in, with no heading between, belong to the lead-in."""
    for i, k in enumerate(kinds):
        if k != "leadin":
            continue
        j = i - 1
        while j >= 0 and kinds[j] in ("", "blank"):
            t = lines[j].text
            if kinds[j] == "" and (line_marker(t) is not None or is_title(t) or len(t) < 30):
                break
            if kinds[j] == "":
                kinds[j] = "leadin"
            j -= 1


def _join_page_chunks(lines: list[Line], out: Cleaned) -> list[Line]:
    """Join lines a site cut into numbered chunks ("1、…意识形" "2、态工作…") back into one."""
    idx = [i for i, ln in enumerate(lines) if ln.text]
    chunks: list[int] = []
    for i in idx:
        m = _PAGEMARK.match(lines[i].text)
        if m and int(m.group(1)) == len(chunks) + 1:
            chunks.append(i)
        elif chunks and len(chunks) < 2:
            chunks = []
    pos = [idx.index(i) for i in chunks]
    if len(chunks) < 2 or pos != list(range(pos[0], pos[0] + len(pos))) \
            or any(len(lines[i].text) < _MIN_CHUNK for i in chunks[:-1]) \
            or any(ends_sentence(lines[i].text) for i in chunks[:-1]):
        return lines
    result = list(lines)
    first = chunks[0]
    parts = []
    for i in chunks:
        m = _PAGEMARK.match(lines[i].text)
        assert m is not None
        out.noise.append(Noise("pagemark", lines[i].no, m.group(0)))
        parts.append(lines[i].text[m.end():])
        if i != first:
            out.joined.add(lines[i].no)
    result[first] = Line(lines[first].no, "".join(parts))
    drop = set(chunks[1:])
    return [ln for i, ln in enumerate(result) if i not in drop]


def _mark_related_links(lines: list[Line], kinds: list[str]) -> None:
    """The links under a "猜你喜欢：" / "相关推荐" heading: short page titles, numbered or not, up to the first sentence."""
    for i, k in enumerate(kinds):
        if k != "chrome" or not _RELATED.match(lines[i].text):
            continue
        for j in range(i + 1, len(lines)):
            text = lines[j].text
            if kinds[j]:  # blank, or noise already
                continue
            if len(text) > _MAX_LINK or _LINK_STOP.search(text) or is_date_line(text) or _signs_off(lines, j):
                break  # a sentence, or the plan's sign-off (相关阅读 put before it)
            kinds[j] = "chrome"


def _mark_site_names(lines: list[Line], kinds: list[str]) -> None:
    """A short bare line between two chrome lines is the site's or author's name."""
    idx = [i for i, k in enumerate(kinds) if k != "blank"]
    for a, b, c in zip(idx, idx[1:], idx[2:], strict=False):
        text = lines[b].text
        if kinds[a] == kinds[c] == "chrome" and not kinds[b] and len(text) <= _SITE_NAME_LEN \
                and line_marker(text) is None and not _COMMA_STOP.search(text):
            kinds[b] = "chrome"


def _mark_toc(lines: list[Line], kinds: list[str], out: Cleaned) -> None:
    """Mark tables of contents: after a 目录 line, or a run of two or more entries."""
    i = 0
    while i < len(lines):
        text = lines[i].text
        if kinds[i] or (not _may_be_toc_entry(text) and not _TOC_HEAD.match(text)):
            i += 1  # noise, or a line that neither heads nor starts a run of entries
            continue
        headed = bool(_TOC_HEAD.match(text))
        start = i + 1 if headed else i
        j, entries = _toc_run(lines, kinds, start, headed=headed)
        if headed or (len(entries) >= 2 and _ascending(entries)):
            if headed:
                kinds[i] = "toc"
            for k in range(start, j):
                if not kinds[k]:
                    kinds[k] = "toc"
            out.toc.extend(e for e in entries if isinstance(e, TocEntry))  # plan titles, to name listings
            i = max(j, i + 1)
        else:
            i += 1


def _ascending(entries: list[TocEntry | TocHeading]) -> bool:
    """Page numbers of a table of contents never go back."""
    return all(a.page <= b.page for a, b in pairwise(entries))


def _toc_run(lines: list[Line], kinds: list[str], i: int, *, headed: bool = False,
             ) -> tuple[int, list[TocEntry | TocHeading]]:
    entries: list[TocEntry | TocHeading] = []
    while i < len(lines):
        if kinds[i] == "blank":
            i += 1
            continue
        entry = _toc_entry(lines[i], headed=headed)
        if entry is None:
            break
        entries.append(entry)
        i += 1
    return i, entries


def _may_be_toc_entry(text: str) -> bool:
    return len(text) <= _MAX_TOC_LEN and (text[-1:].isdigit() or (text[-1:] == "页" and text[-2:-1].isdigit()))


def _toc_entry(ln: Line, *, headed: bool = False) -> TocEntry | TocHeading | None:
    """A plan's title with its page (in a compilation's contents), or one of the plan's own headings."""
    if not _may_be_toc_entry(ln.text):
        return None
    text = norm(ln.text)
    m = _TOC_ENTRY.match(text)
    if m:
        title = ln.text[m.start(2):m.end(2)].strip()
        if is_title(title):
            return TocEntry(int(m.group(1)) if m.group(1) else None, title, int(m.group(3)), ln.no)
    h = _TOC_HEADING.match(text)
    if h is None or len(h.group(1)) > _MAX_TOC_HEADING or _TOC_STOP.search(h.group(1)):
        return None
    if line_marker(ln.text) is None and not h.group(2).strip() and not headed:
        return None  # "加强理论武装 1": a leader-less entry needs its number mark (or a 目录 line above)
    return TocHeading(ln.no, int(h.group(3)))


def _drop_leftovers(ln: Line, noise: list[Noise]) -> Line:
    if not _LEFTOVER.search(ln.text):
        return ln
    for m in _LEFTOVER.finditer(ln.text):
        noise.append(Noise("leftover", ln.no, m.group(0).strip()))
    return Line(ln.no, _LEFTOVER.sub("", ln.text))


_MIN_WRAPPED = 16


def _join_broken(lines: list[Line], joined: set[int]) -> list[Line]:
    """Join a line that stops mid-sentence with the plain line right after it."""
    out: list[Line] = []
    for i, ln in enumerate(lines):
        prev = out[-1] if out else None
        if prev is not None and _continues(prev.text, ln.text) and not _signs_off(lines, i):
            out[-1] = Line(prev.no, prev.text + ln.text)
            joined.add(ln.no)
        else:
            out.append(ln)
    return out


def _signs_off(lines: list[Line], i: int) -> bool:
    """Line ``i`` names a signing body and a date line follows it (a sign-off, 落款)."""
    if len(lines[i].text) > 40 or not is_signature(lines[i].text):
        return False
    nxt = next((ln.text for ln in lines[i + 1: i + 4] if ln.text.strip() and not is_signature(ln.text)), "")
    return is_date_line(nxt)


def _continues(a: str, b: str) -> bool:
    if not a or not b or ends_sentence(a) or b.startswith((HINT_MARK, ALTERNATIVE_MARK)):
        return False
    if line_marker(b) is not None or is_title(b) or is_date_line(b) or a.rstrip().endswith("的通知"):
        return False  # "关于印发…的通知" is a heading line too
    if b[0] in ",;:)、。，；：）":
        return True
    m = line_marker(a)
    if m is not None:
        # a numbered line continues only when its body already began on it
        return "。" in a[m.end:]
    return len(a) >= _MIN_WRAPPED and not is_title(a) and not is_date_line(a)

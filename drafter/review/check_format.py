"""Format checks of a .docx draft against a style spec (GB/T 9704 by default).

Reads the effective East Asian font and size of each paragraph (run → style
chain → document defaults), the page setup and the footers, and reports
where they differ from the spec, grouped by element (title, body, headings).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from drafter.corpus.docx_text import W, WordBody, parse_part, read_docx
from drafter.model import HINT_MARK
from drafter.numbering import head, marker
from drafter.review.findings import Draft, Finding, Severity
from drafter.style_spec import ElementStyle, StyleSpec, load_style

TWIPS_PER_MM = 1440 / 25.4
#: Tolerance on margins and paper size (the standard allows ± 1 mm).
MM_TOLERANCE = 1.0

#: Fonts that stand for one another (a machine may have 仿宋 rather than 仿宋_GB2312).
FONT_FAMILIES = [
    {"仿宋_GB2312", "仿宋", "方正仿宋_GBK", "方正仿宋简体", "FangSong", "FangSong_GB2312"},
    {"楷体_GB2312", "楷体", "方正楷体_GBK", "方正楷体简体", "KaiTi", "KaiTi_GB2312"},
    {"黑体", "方正黑体_GBK", "方正黑体简体", "SimHei"},
    {"方正小标宋简体", "方正小标宋_GBK", "小标宋", "华文中宋"},
    {"宋体", "SimSun"},
]

ELEMENT_NAMES = {"title": "标题", "body": "正文", "level1": "一级标题（一、）", "level2": "二级标题（（一））",
                 "level3": "三级标题（1.）", "level4": "四级标题（（1））"}


def same_font(a: str | None, b: str) -> bool:
    """``a`` is ``b`` or a font that stands for it."""
    if a is None:
        return False
    if a == b:
        return True
    return any(a in fam and b in fam for fam in FONT_FAMILIES)


@dataclass(frozen=True)
class RunLook:
    """The effective East Asian font and size (pt) of a paragraph's text."""

    font: str | None
    size: float | None


class _Styles:
    """Style lookups over styles.xml: effective rPr values through basedOn chains."""

    def __init__(self, styles: ET.Element) -> None:
        self.by_id: dict[str | None, ET.Element] = {}
        for st in styles.findall(f"{W}style"):
            self.by_id[st.get(f"{W}styleId")] = st
        self.default_pid = next((st.get(f"{W}styleId") for st in styles.findall(f"{W}style")
                                 if st.get(f"{W}type") == "paragraph" and st.get(f"{W}default") == "1"), None)
        defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.default_font = _east_asia(defaults)
        self.default_size = _size(defaults)

    def chain(self, style_id: str | None) -> Iterator[ET.Element]:
        seen: set[str] = set()
        sid = style_id or self.default_pid
        while sid and sid not in seen and sid in self.by_id:
            seen.add(sid)
            st = self.by_id[sid]
            yield st
            based = st.find(f"{W}basedOn")
            sid = based.get(f"{W}val") if based is not None else None

    def look(self, p: ET.Element) -> RunLook:
        ppr = p.find(f"{W}pPr")
        ps = ppr.find(f"{W}pStyle") if ppr is not None else None
        sid = ps.get(f"{W}val") if ps is not None else None
        run = next((r for r in p.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t")).strip()), None)
        rpr = run.find(f"{W}rPr") if run is not None else None
        font, size = _east_asia(rpr), _size(rpr)
        rstyle = rpr.find(f"{W}rStyle") if rpr is not None else None
        chains = [*self.chain(rstyle.get(f"{W}val"))] if rstyle is not None else []
        chains += list(self.chain(sid))
        for st in chains:
            srpr = st.find(f"{W}rPr")
            font = font or _east_asia(srpr)
            size = size or _size(srpr)
        return RunLook(font or self.default_font, size or self.default_size)


def _east_asia(rpr: ET.Element | None) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(f"{W}rFonts")
    if fonts is None:
        return None
    if fonts.get(f"{W}eastAsiaTheme"):
        return THEME_FONT
    value = fonts.get(f"{W}eastAsia")
    return str(value) if value else None


def _size(rpr: ET.Element | None) -> float | None:
    """Font size in points (``w:sz`` is in half points); None when unset or not a number."""
    half_points = _twips(rpr.find(f"{W}sz") if rpr is not None else None, "val")
    return half_points / 2 if half_points else None


def _element_of(text: str, title: bool) -> str | None:
    """Which spec element a paragraph of this text is (None: not checked, e.g. hints)."""
    if not text.strip() or text.startswith(HINT_MARK):
        return None
    if title:
        return "title"
    m = marker(head(text))
    if m is None:
        return "body"
    return f"level{m.level}"


def check_docx_format(d: Draft) -> Iterator[Finding]:
    """Fonts and sizes by element, page size and margins, page numbers, against the style spec.

    Uses the package as check read it (``d.extra["word"]``), else reads it here.
    """
    if d.path is None or d.path.suffix.lower() != ".docx":
        return
    spec_path = d.extra.get("style")
    spec = load_style(spec_path if isinstance(spec_path, Path) else None)
    given = d.extra.get("word")
    if isinstance(given, WordBody):
        word = given
    else:
        from drafter import docx_guard

        word = read_docx(docx_guard.read_docx(d.path), d.path)  # bounded, regular file, no DTD in any part
    styles = word.parts.get("word/styles.xml")
    section = word.first_section()
    yield from _page_findings(section, spec)
    yield from _font_findings(word, _Styles(parse_part(styles, d.path) if styles else ET.Element("styles")), spec)
    yield from _footer_findings(word, section)


def _twips(el: ET.Element | None, attr: str) -> int | None:
    """An integer attribute (a length in twips, a size in half points); None when absent or not a number."""
    value = el.get(f"{W}{attr}") if el is not None else None
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _page_findings(section: ET.Element | None, spec: StyleSpec) -> Iterator[Finding]:
    if section is None:
        return
    size, margins = section.find(f"{W}pgSz"), section.find(f"{W}pgMar")
    want = spec.page
    checks = [
        ("纸张宽度", _twips(size, "w"), want.width_mm), ("纸张高度", _twips(size, "h"), want.height_mm),
        ("上边距（天头）", _twips(margins, "top"), want.margin_top_mm),
        ("下边距", _twips(margins, "bottom"), want.margin_bottom_mm),
        ("左边距（订口）", _twips(margins, "left"), want.margin_left_mm),
        ("右边距", _twips(margins, "right"), want.margin_right_mm),
    ]
    for name, value, mm in checks:
        if value is None:
            continue
        got = value / TWIPS_PER_MM
        if abs(got - mm) > MM_TOLERANCE:
            yield Finding("format-page", "format", Severity.WARNING,
                          f"{name}应为 {mm:g} 毫米，实为 {got:.1f} 毫米", "页面设置")


def _font_findings(word: WordBody, styles: _Styles, spec: StyleSpec) -> Iterator[Finding]:
    wrong: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    from drafter.review.format import title_lines

    # the title lines at the top, judged as drafter format lays them out
    top = title_lines([text.strip() for _, text in word.paragraphs if text.strip()])
    seen = 0
    for no, (p, text) in enumerate(word.paragraphs, 1):
        element = _element_of(text, title=bool(text.strip()) and seen < top)
        seen += bool(text.strip())
        if element is None or element not in ELEMENT_NAMES:
            continue
        want: ElementStyle = getattr(spec, element)
        look = styles.look(p)
        if not same_font(look.font, want.font):
            wrong[(element, f"字体应为{want.font}，实为{_font_name(look.font)}")].append((no, text))
        if look.size is not None and abs(look.size - want.size_pt) > 0.1:
            wrong[(element, f"字号应为 {want.size_pt:g} 磅，实为 {look.size:g} 磅")].append((no, text))
    for (element, what), paras in sorted(wrong.items(), key=lambda kv: kv[1][0][0]):
        shown = "、".join(str(n) for n, _ in paras[:5])
        more = "等" if len(paras) > 5 else ""
        no, text = paras[0]
        yield Finding("format-font", "format", Severity.WARNING,
                      f"{ELEMENT_NAMES[element]}{what}（共 {len(paras)} 段：第 {shown} 段{more}）", "", no,
                      text.strip()[:20])


THEME_FONT = "（主题字体）"


def _font_name(font: str | None) -> str:
    """The font as a clerk understands it."""
    if font is None:
        return "（未设置）"
    if font == THEME_FONT:
        return "主题字体（没有指定字体，Word 按文档主题显示为等线或宋体，不是公文字体）"
    return font


def _footer_findings(word: WordBody, section: ET.Element | None) -> Iterator[Finding]:
    footers = [word.footer(section, kind) for kind in ("default", "even")] if section is not None else []
    xml = "".join(f.decode("utf-8", "replace") for f in footers if f is not None)
    if "PAGE" not in xml:
        yield Finding("format-page-number", "format", Severity.WARNING,
                      "页脚没有页码（应为“— 1 —”式页码，单页居右、双页居左）", "页脚")
    elif "—" not in xml:
        yield Finding("format-page-number", "format", Severity.INFO,
                      "页码两侧缺少一字线（应为“— 1 —”）", "页脚")

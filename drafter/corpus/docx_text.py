"""The paragraph text of a .docx, read straight from its zip, bounded.

Numbering typed as text is kept as it is. Word's automatic numbering
(``w:numPr`` on a paragraph or its style, defined in ``numbering.xml``) is
written out as the text Word shows ("一、", "（一）", "1.") so the reader sees
the same structure either way. Tables are skipped.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from xml.etree import ElementTree as ET

from drafter.errors import InputError
from drafter.numbering import cn_numeral, renumbered

#: The WordprocessingML namespace in ``{uri}tag`` form.
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: Largest uncompressed part (word/document.xml …) accepted from a .docx.
MAX_DOCX_PART = 64 * 1024 * 1024
#: Largest compression ratio accepted for a .docx part (zip bomb guard).
MAX_RATIO = 200
MAX_ZIP_ENTRIES = 5000
#: Fewer non-empty paragraphs than this outside tables, and a table: the document is laid out inside it.
LAYOUT_TABLE_MAX_OUTSIDE = 3
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
#: Word's other enclosed number formats: the first character of each series.
_ENCLOSED_FIRST = {"decimalEnclosedParen": "⑴", "decimalEnclosedFullstop": "⒈", "ideographEnclosedCircle": "㊀"}


@dataclass
class WordBody:
    """The paragraphs of a .docx body, as read once for everything that looks at them.

    ``paragraphs`` holds each body paragraph (tables skipped, unless the
    whole document is laid out inside a table: then the cells' paragraphs
    in document order, and ``laid_out_in_table``) with the text
    Word shows for it, automatic numbering written out; ``document`` the
    parsed document part; ``parts`` the parts read (document, numbering,
    styles, the document's relationships and its footers, each bounded).
    """

    parts: dict[str, bytes]
    document: ET.Element
    paragraphs: list[tuple[ET.Element, str]]
    footers: dict[str, bytes] = field(default_factory=dict)  # relationship id → footer part
    #: The document is laid out inside a table: ``paragraphs`` are its cells' paragraphs.
    laid_out_in_table: bool = False

    def first_section(self) -> ET.Element | None:
        """The first section's properties (``w:sectPr``), as Word lays out the first page; None if none."""
        return next(self.document.iter(f"{W}sectPr"), None)

    def footer(self, section: ET.Element, kind: str) -> bytes | None:
        """The footer part ``section`` names for ``kind`` (default, even, first); None when it names none."""
        for ref in section.findall(f"{W}footerReference"):
            if ref.get(f"{W}type", "default") == kind:
                return self.footers.get(ref.get(f"{_R}id", ""))
        return None


def read_docx(data: bytes, path: Path) -> WordBody:
    """Read the body paragraphs of a .docx (the one reader of Word paragraphs: corpus and check)."""
    parts = _read_parts(data, path)
    numbering = Numbering.from_parts(parts, path)
    document = parse_part(parts["word/document.xml"], path)
    body = document.find(f"{W}body")
    if body is None:
        raise InputError("不是有效的 Word 文档（缺少正文）", path)
    footers = {rel_id: parts[name] for rel_id, name in _footer_targets(parts, path).items() if name in parts}
    paragraphs = list(body_paragraphs(body))
    with_text = (p for p in paragraphs if _paragraph_text(p).strip())
    laid_out = len(list(islice(with_text, LAYOUT_TABLE_MAX_OUTSIDE))) < LAYOUT_TABLE_MAX_OUTSIDE \
        and body.find(f"{W}tbl") is not None
    if laid_out:  # a document laid out inside a table, as web pages saved to Word often are: its text is in the cells
        paragraphs = list(body.iter(f"{W}p"))
    return WordBody(parts, document, [(p, numbering.label(p) + _paragraph_text(p)) for p in paragraphs],
                    footers, laid_out)


def parse_part(xml: bytes, path: Path) -> ET.Element:
    """One XML part of the .docx at ``path``; InputError naming the file when it does not parse."""
    try:
        return ET.fromstring(xml)
    except ET.ParseError as e:
        raise InputError(f"不是有效的 Word 文档（XML 无法解析：{e}）", path) from e


def body_paragraphs(el: ET.Element) -> Iterator[ET.Element]:
    """Body paragraphs in order, descending into content controls but not tables (no recursion)."""
    stack = [iter(el)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag == f"{W}p":
            yield child
        elif child.tag != f"{W}tbl":
            stack.append(iter(child))


#: Word's list levels are 0–8.
_MAX_ILVL = 8
#: Largest list start taken as written (a bigger one is read as 1).
_MAX_START = 100_000


def _int(text: str | None, default: int, low: int, high: int) -> int | None:
    """``text`` as an int within [low, high]; ``default`` when absent, None when not a number or out of range."""
    if text is None or not text.strip():
        return default
    text = text.strip()
    if len(text) > 12 or not text.lstrip("+-").isdigit():
        return None
    value = int(text)
    return value if low <= value <= high else None


def _paragraph_text(p: ET.Element) -> str:
    parts = []
    for el in p.iter():
        tag = el.tag
        if tag == f"{W}t" and el.text:
            parts.append(el.text)
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return "".join(parts)


# --- automatic numbering -------------------------------------------------------------


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Numbering:
    """Word's list definitions and the running counters of each list while reading."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → ilvl → level
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, ilvl)
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def from_parts(cls, parts: dict[str, bytes], path: Path) -> Numbering:
        """The definitions in numbering.xml and styles.xml (none when the parts are absent)."""
        out = cls()
        if "word/numbering.xml" in parts:
            out._read_numbering(parse_part(parts["word/numbering.xml"], path))
        if "word/styles.xml" in parts and out.levels:
            out._read_styles(parse_part(parts["word/styles.xml"], path))
        return out

    def _read_numbering(self, root: ET.Element) -> None:
        abstract: dict[str, dict[int, _Level]] = {}
        for a in root.findall(f"{W}abstractNum"):
            levels: dict[int, _Level] = {}
            for defined in a.findall(f"{W}lvl"):
                ilvl = _int(defined.get(f"{W}ilvl"), 0, 0, _MAX_ILVL)
                if ilvl is not None:
                    levels[ilvl] = _level(defined)
            abstract[a.get(f"{W}abstractNumId", "")] = levels
        for num in root.findall(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{W}val", "") if ref is not None else "", {}))
            for override in num.findall(f"{W}lvlOverride"):
                ilvl = _int(override.get(f"{W}ilvl"), 0, 0, _MAX_ILVL)
                lvl = override.find(f"{W}lvl")
                start = override.find(f"{W}startOverride")
                if ilvl is None:
                    continue
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
                elif start is not None and ilvl in levels:
                    value = _int(start.get(f"{W}val"), 1, 0, _MAX_START)
                    levels[ilvl] = _Level(levels[ilvl].fmt, levels[ilvl].text, 1 if value is None else value)
            self.levels[num.get(f"{W}numId", "")] = levels

    def _read_styles(self, root: ET.Element) -> None:
        for style in root.findall(f"{W}style"):
            found = _num_pr(style.find(f"{W}pPr"))
            if found is not None:
                self.style_num[style.get(f"{W}styleId", "")] = (found[0], found[1] if found[1] >= 0 else 0)

    def label(self, p: ET.Element) -> str:
        """The number Word shows before paragraph ``p`` ("" when it has none)."""
        if not self.levels:
            return ""
        ppr = p.find(f"{W}pPr")
        found = _num_pr(ppr)
        style = ppr.find(f"{W}pStyle") if ppr is not None else None
        from_style = self.style_num.get(style.get(f"{W}val", "")) if style is not None else None
        if found is None and from_style is None:
            return ""
        num_id = found[0] if found is not None and found[0] else (from_style[0] if from_style else "")
        ilvl = found[1] if found is not None and found[1] >= 0 else (from_style[1] if from_style else 0)
        levels = self.levels.get(num_id)
        if not levels or num_id == "0" or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(
            num_id, [levels[i].start - 1 if i in levels else 0 for i in range(_MAX_ILVL + 1)])
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, len(counts)):
            counts[deeper] = levels[deeper].start - 1 if deeper in levels else 0
        return _render(levels, counts, ilvl)


def _level(lvl: ET.Element) -> _Level:
    def val(tag: str, default: str) -> str:
        el = lvl.find(f"{W}{tag}")
        return el.get(f"{W}val", default) if el is not None else default

    start = _int(val("start", "1"), 1, 0, _MAX_START)
    return _Level(val("numFmt", "decimal"), val("lvlText", "%1."), 1 if start is None else start)


def _num_pr(ppr: ET.Element | None) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph's or style's numbering; ilvl −1 when unset."""
    if ppr is None:
        return None
    num_pr = ppr.find(f"{W}numPr")
    if num_pr is None:
        return None
    num_id = num_pr.find(f"{W}numId")
    ilvl = num_pr.find(f"{W}ilvl")
    level = _int(ilvl.get(f"{W}val"), 0, 0, _MAX_ILVL) if ilvl is not None else -1
    if level is None:
        return None  # a level Word does not have: no number shown
    return (num_id.get(f"{W}val", "") if num_id is not None else "", level)


def _render(levels: dict[int, _Level], counts: list[int], ilvl: int) -> str:
    text = levels[ilvl].text
    for n in range(ilvl + 1, 0, -1):
        level = levels.get(n - 1)
        if f"%{n}" in text and level is not None:
            text = text.replace(f"%{n}", _format(level.fmt, counts[n - 1]))
    return text


def _format(fmt: str, n: int) -> str:
    if fmt.startswith(("chineseCounting", "ideographTraditional", "taiwaneseCounting", "japaneseCounting")):
        return cn_numeral(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt in _ENCLOSED_FIRST:  # ⑴, ⒈, ㊀
        return renumbered(_ENCLOSED_FIRST[fmt], n) or str(n)
    if fmt in ("upperLetter", "lowerLetter") and 0 < n <= 26:
        letter = chr(ord("A") + n - 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


# --- the package -------------------------------------------------------------------------

_PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml", "word/_rels/document.xml.rels")
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_FOOTER_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"


def _read_parts(data: bytes, path: Path) -> dict[str, bytes]:
    """document.xml (required), numbering, styles, relationships and footers, each bounded against zip bombs."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as e:
        raise InputError("不是有效的 Word 文档（.docx 应为 zip 压缩包）", path) from e
    with zf:
        if len(zf.infolist()) > MAX_ZIP_ENTRIES:
            raise InputError(f"Word 文档内部文件过多（{len(zf.infolist())} 个），拒绝读取", path)
        names = set(zf.namelist())
        if _PARTS[0] not in names:
            raise InputError("不是 Word 文档（压缩包中没有 word/document.xml）", path)
        parts = {name: _read_part(zf, name, path) for name in _PARTS if name in names}
        for target in _footer_targets(parts, path).values():
            if target in names and target not in parts:
                parts[target] = _read_part(zf, target, path)
        return parts


def _footer_targets(parts: dict[str, bytes], path: Path) -> dict[str, str]:
    """Relationship id → zip member of each footer the document part refers to."""
    rels = parts.get("word/_rels/document.xml.rels")
    if rels is None:
        return {}
    out = {}
    for rel in parse_part(rels, path).iter(f"{_RELS}Relationship"):
        target = rel.get("Target", "")
        if rel.get("Type") == _FOOTER_TYPE and rel.get("TargetMode") != "External" and target:
            out[rel.get("Id", "")] = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                                        else posixpath.join("word", target))
    return out


def _read_part(zf: zipfile.ZipFile, name: str, path: Path) -> bytes:
    info = zf.getinfo(name)
    if info.file_size > MAX_DOCX_PART:
        raise InputError(f"Word 文档正文过大（{info.file_size // 1024 // 1024} MB），拒绝读取", path)
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1 << 20:
        raise InputError("Word 文档压缩比异常（疑似压缩炸弹），拒绝读取", path)
    try:
        with zf.open(info) as f:
            xml = f.read(MAX_DOCX_PART + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as e:
        raise InputError(f"Word 文档已损坏（{e}）", path) from e
    if len(xml) > MAX_DOCX_PART:
        raise InputError("Word 文档正文过大，拒绝读取", path)
    from drafter.docx_guard import refuse_dtd

    refuse_dtd(xml, path, name)
    return xml

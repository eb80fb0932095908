"""The one Word XML layer: namespace, run and paragraph writers, the base document, the package.

Everything that writes WordprocessingML as text is here, so the renderer
(:mod:`drafter.render.docx`) and the base builder
(:mod:`drafter.render.docx_base`) share one way of writing a run, a
paragraph and a zip package. Nothing here needs python-docx or lxml: this
module is imported on every run that writes a .docx.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

from drafter.model import PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN
from drafter.style_spec import ElementStyle, PageNumberStyle, StyleSpec

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: The namespace in ElementTree/lxml's ``{uri}tag`` form.
W = f"{{{W_NS}}}"
JC = {"justify": "both", "left": "left", "center": "center", "right": "right"}
_PLACEHOLDER = re.compile(f"({re.escape(PLACEHOLDER_OPEN)}[^{PLACEHOLDER_OPEN}{PLACEHOLDER_CLOSE}\n]*"
                          f"{re.escape(PLACEHOLDER_CLOSE)})")
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("([\t\n])")


# --------------------------------------------------------------------------- run formatting


# The records here are named tuples rather than dataclasses: they cost a
# fraction to create, and this module is imported on every run.


class Fmt(NamedTuple):
    """Run properties; ``None`` leaves a property to the paragraph style."""

    font: str | None = None
    latin: str | None = None
    bold: bool | None = None
    italic: bool | None = None
    color: str | None = None
    spacing: int | None = None
    size_pt: float | None = None
    highlight: str | None = None
    lang: bool = False


@lru_cache(maxsize=256)
def run_props(fmt: Fmt) -> str:
    """``<w:rPr>`` of ``fmt``, children in schema order; empty when nothing is set."""
    out: list[str] = []
    if fmt.font is not None:
        latin = fmt.latin or fmt.font
        out.append(f'<w:rFonts w:ascii="{attr(latin)}" w:hAnsi="{attr(latin)}" '
                   f'w:eastAsia="{attr(fmt.font)}" w:cs="{attr(latin)}"/>')
    if fmt.bold is not None:
        out.append("<w:b/><w:bCs/>" if fmt.bold else '<w:b w:val="0"/><w:bCs w:val="0"/>')
    if fmt.italic:
        out.append("<w:i/><w:iCs/>")
    if fmt.color is not None:
        out.append(f'<w:color w:val="{fmt.color}"/>')
    if fmt.spacing is not None:
        out.append(f'<w:spacing w:val="{fmt.spacing}"/>')
    if fmt.size_pt is not None:
        half_points = round(fmt.size_pt * 2)
        out.append(f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>')
    if fmt.highlight is not None:
        out.append(f'<w:highlight w:val="{fmt.highlight}"/>')
    if fmt.lang:
        out.append('<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>')
    return f"<w:rPr>{''.join(out)}</w:rPr>" if out else ""


@lru_cache(maxsize=64)
def highlighted(fmt: Fmt, highlight: str) -> Fmt:
    """``fmt`` with the highlight colour ``highlight``."""
    return fmt._replace(highlight=highlight)


@lru_cache(maxsize=64)
def element_fmt(el: ElementStyle) -> Fmt:
    """Every run property of an element, for a style or for direct formatting."""
    return Fmt(font=el.font, latin=el.latin_font, bold=el.bold, italic=el.italic or None,
               color=el.color, size_pt=el.size_pt)


def attr(value: str) -> str:
    """``value`` escaped for a double-quoted XML attribute."""
    return escape(value).replace('"', "&quot;")


def escape(text: str) -> str:
    """``text`` as XML character data; characters XML cannot hold are dropped."""
    return NOT_XML.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------- paragraph XML


def ppr_body(spec: StyleSpec, el: ElementStyle, *, line: str | None = None) -> str:
    """Spacing, first-line indent and alignment of ``el`` (``<w:pPr>`` children)."""
    after = round(el.space_after_lines * spec.line_pitch_twips)
    spacing = line or f'w:line="{spec.line_pitch_twips}" w:lineRule="exact"'
    chars = round(el.indent_chars * 100)
    first = round(el.indent_chars * el.size_pt * 20)
    return (f'<w:spacing w:before="0" w:after="{after}" {spacing}/>'
            f'<w:ind w:firstLineChars="{chars}" w:firstLine="{first}"/>'
            f'<w:jc w:val="{JC[el.align]}"/>')


def run(text: str, props: str) -> str:
    """One run; tabs and line breaks become ``<w:tab/>`` and ``<w:br/>``."""
    if "\t" not in text and "\n" not in text:
        return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    pieces = []
    for piece in _BREAKS.split(text):
        if piece == "\t":
            pieces.append("<w:tab/>")
        elif piece == "\n":
            pieces.append("<w:br/>")
        elif piece:
            pieces.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{props}{''.join(pieces)}</w:r>"


def runs(text: str, fmt: Fmt, highlight: str | None) -> str:
    """Build the runs of ``text``, placeholders "【…】" highlighted so the drafter sees them."""
    if highlight is None or PLACEHOLDER_OPEN not in text:
        return run(text, run_props(fmt)) if text else ""
    marked = run_props(highlighted(fmt, highlight))
    plain = run_props(fmt)
    return "".join(
        run(piece, marked if index % 2 else plain)
        for index, piece in enumerate(_PLACEHOLDER.split(text))
        if piece
    )


def paragraph(style_id: str, content: str, ppr: str = "") -> str:
    """A paragraph of style ``style_id`` holding ``content`` (its runs), ``ppr`` more ``<w:pPr>`` children."""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{ppr}</w:pPr>{content}</w:p>'



def page_number_paragraph(number: PageNumberStyle, side: str) -> str:
    """A footer paragraph with a PAGE field as ``number`` says (``side``: left, right or center)."""
    rpr = run_props(Fmt(font=number.font, latin=number.latin_font, size_pt=number.size_pt, spacing=0))
    chars = round(number.side_indent_chars * 100)
    twips = round(number.side_indent_chars * number.size_pt * 20)
    indent = "" if side == "center" else f' w:{side}Chars="{chars}" w:{side}="{twips}"'
    before, after = number.format.split("{page}")

    def field(kind: str) -> str:
        return f'<w:r>{rpr}<w:fldChar w:fldCharType="{kind}"/></w:r>'

    return (
        '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
        f'<w:ind w:firstLineChars="0" w:firstLine="0"{indent}/><w:jc w:val="{side}"/></w:pPr>'
        f"{run(before, rpr) if before else ''}{field('begin')}"
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f"{field('separate')}{run('1', rpr)}{field('end')}{run(after, rpr) if after else ''}</w:p>"
    )


#: ``<w:pPr>`` child that starts a paragraph on a new page.
PAGE_BREAK_BEFORE = "<w:pageBreakBefore/>"
_BORDER = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
_BORDERS = "".join(_BORDER.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def table(width: int, widths: list[int], rows: str) -> str:
    """A centred, fully bordered table ``width`` twips wide, columns ``widths``, holding ``rows``."""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"
    )


def table_row(cells: list[str], *, header: bool) -> str:
    """A row that does not break across pages; a ``header`` row repeats on every page."""
    props = "<w:cantSplit/><w:tblHeader/>" if header else "<w:cantSplit/>"
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def table_cell(width: int, content: str) -> str:
    """A cell ``width`` twips wide, its ``content`` (paragraphs) centred vertically."""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>{content}</w:tc>'


# --------------------------------------------------------------------------- styles


def style_props(spec: StyleSpec, el: ElementStyle, *, outline: int | None = None, normal: bool = False) -> str:
    """``<w:pPr>`` and ``<w:rPr>`` of a paragraph style for ``el``; ``outline`` makes it a heading level."""
    keep = "<w:keepNext/><w:keepLines/>" if outline is not None else ""
    level = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    fmt = element_fmt(el)
    if normal:
        fmt = fmt._replace(spacing=spec.char_spacing_twips, lang=True)
    return f"<w:pPr>{keep}{ppr_body(spec, el)}{level}</w:pPr>{run_props(fmt)}"


def paragraph_style(name: str, style_id: str, based_on: str, props: str, *, default: bool = False) -> str:
    """A ``<w:style>`` paragraph style (namespace declared, so it parses alone)."""
    links = f'<w:basedOn w:val="{attr(based_on)}"/><w:next w:val="{attr(based_on)}"/>' if based_on else ""
    flag = ' w:default="1"' if default else ""
    return (f'<w:style xmlns:w="{W_NS}" w:type="paragraph"{flag} w:styleId="{attr(style_id)}">'
            f'<w:name w:val="{attr(name)}"/>{links}<w:uiPriority w:val="9"/><w:qFormat/>{props}</w:style>')


def doc_defaults(spec: StyleSpec) -> str:
    """``<w:docDefaults>`` children: the body's fonts in Chinese, single spacing, no space after."""
    fmt = element_fmt(spec.body)._replace(bold=None, lang=True)
    return (f"<w:rPrDefault>{run_props(fmt)}</w:rPrDefault><w:pPrDefault><w:pPr>"
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>')


def font_entry(font: str, alt_name: str | None) -> str:
    """A font table ``<w:font>`` for a Chinese font, with the font Word may use instead (namespace declared)."""
    alt = f'<w:altName w:val="{attr(alt_name)}"/>' if alt_name else ""
    return (f'<w:font xmlns:w="{W_NS}" w:name="{attr(font)}">{alt}<w:charset w:val="86"/>'
            '<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>')


def fragment(xml: str) -> str:
    """``w:``-prefixed snippets wrapped in one element that declares the namespace, ready to parse."""
    return f'<w:body xmlns:w="{W_NS}">{xml}</w:body>'


# --------------------------------------------------------------------------- the base document


class StyleIds(NamedTuple):
    """Style ids of the base's Normal, Title and Heading 1–4 paragraph styles."""

    normal: str
    title: str
    headings: tuple[str, str, str, str]


class Dress(NamedTuple):
    """Direct run formatting of one base: what paragraph styles do not carry."""

    plain: Fmt
    leads: tuple[Fmt, Fmt, Fmt, Fmt]
    hint: Fmt
    highlight: str | None


class Base(NamedTuple):
    """A styled, empty document as package parts, plus what rendering needs."""

    entries: dict[str, bytes]
    document_name: str
    document: tuple[bytes, bytes]  # document.xml before and after the body content
    core_name: str
    core: tuple[bytes, ...]  # core.xml cut open at the title and dates (see render.docx)
    ids: StyleIds
    dress: Dress
    spec: StyleSpec


# --------------------------------------------------------------------------- custom properties

_CUSTOM_PART = "docProps/custom.xml"
_NS_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_NS_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def custom_properties_xml(properties: list[tuple[str, str]]) -> bytes:
    """``docProps/custom.xml`` holding ``properties`` as text (``vt:lpwstr``) properties, in order."""
    rows = [f'<property fmtid="{_CUSTOM_FMTID}" pid="{pid}" name="{escape(name)}"><vt:lpwstr>{escape(value)}'
            "</vt:lpwstr></property>" for pid, (name, value) in enumerate(properties, 2)]
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Properties xmlns="{_NS_CUSTOM}" xmlns:vt="{_NS_VT}">{"".join(rows)}</Properties>').encode()


def add_custom_properties(entries: dict[str, bytes], properties: list[tuple[str, str]]) -> None:
    """Put ``properties`` into the package ``entries`` (part, content type and package relationship)."""
    entries[_CUSTOM_PART] = custom_properties_xml(properties)
    types = entries["[Content_Types].xml"].decode("utf-8")
    if "/" + _CUSTOM_PART not in types:
        override = f'<Override PartName="/{_CUSTOM_PART}" ContentType="{_CUSTOM_TYPE}"/>'
        entries["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode("utf-8")
    rels = entries["_rels/.rels"].decode("utf-8")
    if _CUSTOM_REL not in rels:
        rel = f'<Relationship Id="rIdDrafterRecipe" Type="{_CUSTOM_REL}" Target="{_CUSTOM_PART}"/>'
        entries["_rels/.rels"] = rels.replace("</Relationships>", rel + "</Relationships>").encode("utf-8")


# --------------------------------------------------------------------------- package


def zip_package(entries: dict[str, bytes], when: datetime) -> bytes:
    """Zip the package with stable entry order and dates: same parts, same bytes.

    The bytes are those :mod:`zipfile` writes (deflated parts, no extra
    fields), put together here so that a part passed again as the same bytes
    object (the unchanging parts of a cached base: styles, numbering, fonts,
    settings …) is deflated once per process, not once per document.
    """
    first = "[Content_Types].xml"
    names = sorted(entries, key=lambda name: (name != first, name))
    dostime = 0
    dosdate = (when.year - 1980) << 9 | when.month << 5 | when.day
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name in names:
        data = entries[name]
        packed, crc = _deflated(name, data)
        raw_name = name.encode("utf-8")
        flags = 0 if name.isascii() else 0x800
        local = _LOCAL.pack(b"PK\x03\x04", 20, 0, flags, zipfile.ZIP_DEFLATED, dostime, dosdate, crc, len(packed),
                            len(data), len(raw_name), 0)
        central.append(_CENTRAL.pack(b"PK\x01\x02", 20, 0, 20, 0, flags, zipfile.ZIP_DEFLATED, dostime, dosdate,
                                     crc, len(packed), len(data), len(raw_name), 0, 0, 0, 0, 0o600 << 16, offset) + raw_name)
        out += (local, raw_name, packed)
        offset += len(local) + len(raw_name) + len(packed)
    directory = b"".join(central)
    end = _END.pack(b"PK\x05\x06", 0, 0, len(names), len(names), len(directory), offset, 0)
    return b"".join(out) + directory + end


_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
#: Deflated parts seen lately: name → (the very bytes object, its deflated form, its CRC).
_DEFLATED: dict[str, tuple[bytes, bytes, int]] = {}


def _deflated(name: str, data: bytes) -> tuple[bytes, int]:
    """``data`` deflated as zipfile does, and its CRC; kept while the same bytes object comes back."""
    kept = _DEFLATED.get(name)
    if kept is not None and kept[0] is data:
        return kept[1], kept[2]
    packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    packed = packer.compress(data) + packer.flush()
    crc = zlib.crc32(data)
    if len(data) > 512:  # a part worth keeping (the body and core change with every plan: replaced next time)
        _DEFLATED[name] = (data, packed, crc)
    return packed, crc

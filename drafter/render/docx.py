"""A plan as a .docx that looks like an official document (GB/T 9704-2012).

The styled, empty base document is built once per style spec (or reference
.docx) with python-docx and cached as its package parts. Rendering a plan
then writes only two parts, the body of ``word/document.xml`` (one
paragraph per :class:`~drafter.render.text.Block`) and ``docProps/core.xml``,
and zips the parts with fixed dates, so the same plan always gives the same
bytes.

Headings use the built-in ``Heading 1``–``Heading 4`` styles (outline levels
0–3: navigation pane, table of contents, PDF bookmarks) restyled per the
spec; a reference document's own styles are used as they are.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.shared import Twips
from lxml import etree

from drafter.errors import InputError
from drafter.model import HINT_MARK, PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN, Plan
from drafter.render.atomic import write_atomic
from drafter.render.styles import ElementStyle, PageNumberStyle, StyleSpec, load_style
from drafter.render.text import Block, BlockKind, iter_blocks

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"
_XML_PARSER = etree.XMLParser(resolve_entities=False)

#: Styles kept from python-docx's default template (lower-case names); the
#: other 150-odd only slow down opening and saving.
_KEEP_STYLES = frozenset(
    {"normal", "title", "heading 1", "heading 2", "heading 3", "heading 4", "header", "footer",
     "default paragraph font", "normal table", "no list", "table grid"}
)
_THEME_FONT_ATTRS = tuple(f"{_W}{a}" for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))
_JC = {"justify": "both", "left": "left", "center": "center", "right": "right"}
_PLACEHOLDER = re.compile(f"({re.escape(PLACEHOLDER_OPEN)}[^{PLACEHOLDER_OPEN}{PLACEHOLDER_CLOSE}\n]*"
                          f"{re.escape(PLACEHOLDER_CLOSE)})")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("([\t\n])")

#: Appendix table: column headings and their shares of the text width.
_TABLE_COLUMNS = (("序号", 10), ("重点任务", 42), ("牵头单位", 18), ("责任人", 14), ("完成时限", 16))
_TO_FILL = PLACEHOLDER_OPEN + "  " + PLACEHOLDER_CLOSE
_BODY_MARK = "drafter-body"


# --------------------------------------------------------------------------- public API


def render_docx(
    plan: Plan,
    style: StyleSpec | None = None,
    *,
    reference: Path | None = None,
    appendix: bool = False,
) -> bytes:
    """Render ``plan`` as .docx bytes.

    ``style`` ``None`` means the built-in GB/T 9704 spec. With ``reference``
    (an editor's .docx) its styles, page setup and footers are used as they
    are and its body is replaced; styles it lacks come from ``style``.
    ``appendix`` adds a 任务分解表 (task breakdown table) on a new page.
    Raises :class:`~drafter.errors.InputError` when ``reference`` cannot be
    opened as a Word document.
    """
    base = _base(style or load_style(None), reference)
    entries = dict(base.entries)
    entries[base.document_name] = _document_xml(base, plan, appendix)
    entries[base.core_name] = _core_xml(base.core, plan)
    return _zip(entries, _doc_date(plan))


def write_docx(
    plan: Plan,
    path: Path,
    style: StyleSpec | None = None,
    *,
    reference: Path | None = None,
    appendix: bool = False,
    force: bool = False,
) -> None:
    """Render ``plan`` and write it to ``path`` atomically (see :func:`write_atomic`)."""
    write_atomic(path, render_docx(plan, style, reference=reference, appendix=appendix), force=force)


# --------------------------------------------------------------------------- run formatting


@dataclass(frozen=True)
class _Fmt:
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
def _rpr(fmt: _Fmt) -> str:
    """``<w:rPr>`` of ``fmt``, children in schema order; empty when nothing is set."""
    out: list[str] = []
    if fmt.font is not None:
        latin = fmt.latin or fmt.font
        out.append(f'<w:rFonts w:ascii="{_attr(latin)}" w:hAnsi="{_attr(latin)}" '
                   f'w:eastAsia="{_attr(fmt.font)}" w:cs="{_attr(latin)}"/>')
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
def _highlighted(fmt: _Fmt, highlight: str) -> _Fmt:
    return replace(fmt, highlight=highlight)


@lru_cache(maxsize=64)
def _element_fmt(el: ElementStyle) -> _Fmt:
    """Every run property of an element, for a style or for direct formatting."""
    return _Fmt(font=el.font, latin=el.latin_font, bold=el.bold, italic=el.italic or None,
                color=el.color, size_pt=el.size_pt)


def _attr(value: str) -> str:
    return _escape(value).replace('"', "&quot;")


def _escape(text: str) -> str:
    return _NOT_XML.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --------------------------------------------------------------------------- paragraph XML


def _ppr_body(spec: StyleSpec, el: ElementStyle, *, line: str | None = None) -> str:
    """Spacing, first-line indent and alignment of ``el`` (``<w:pPr>`` children)."""
    after = round(el.space_after_lines * spec.line_pitch_twips)
    spacing = line or f'w:line="{spec.line_pitch_twips}" w:lineRule="exact"'
    chars = round(el.indent_chars * 100)
    first = round(el.indent_chars * el.size_pt * 20)
    return (f'<w:spacing w:before="0" w:after="{after}" {spacing}/>'
            f'<w:ind w:firstLineChars="{chars}" w:firstLine="{first}"/>'
            f'<w:jc w:val="{_JC[el.align]}"/>')


def _run(text: str, rpr: str) -> str:
    """One run; tabs and line breaks become ``<w:tab/>`` and ``<w:br/>``."""
    if "\t" not in text and "\n" not in text:
        return f'<w:r>{rpr}<w:t xml:space="preserve">{_escape(text)}</w:t></w:r>'
    pieces = []
    for piece in _BREAKS.split(text):
        if piece == "\t":
            pieces.append("<w:tab/>")
        elif piece == "\n":
            pieces.append("<w:br/>")
        elif piece:
            pieces.append(f'<w:t xml:space="preserve">{_escape(piece)}</w:t>')
    return f"<w:r>{rpr}{''.join(pieces)}</w:r>"


def _runs(text: str, fmt: _Fmt, highlight: str | None) -> str:
    """Build the runs of ``text``, placeholders "【…】" highlighted so the drafter sees them."""
    if highlight is None or PLACEHOLDER_OPEN not in text:
        return _run(text, _rpr(fmt)) if text else ""
    marked = _rpr(_highlighted(fmt, highlight))
    plain = _rpr(fmt)
    return "".join(
        _run(piece, marked if index % 2 else plain)
        for index, piece in enumerate(_PLACEHOLDER.split(text))
        if piece
    )


def _paragraph(style_id: str, runs: str, ppr: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{ppr}</w:pPr>{runs}</w:p>'


# --------------------------------------------------------------------------- the base document


@dataclass(frozen=True)
class _StyleIds:
    normal: str
    title: str
    headings: tuple[str, str, str, str]


@dataclass(frozen=True)
class _Dress:
    """Direct run formatting of one base: what paragraph styles do not carry."""

    plain: _Fmt
    leads: tuple[_Fmt, _Fmt, _Fmt, _Fmt]
    hint: _Fmt
    highlight: str | None


@dataclass(frozen=True)
class _Base:
    """A styled, empty document as package parts, plus what rendering needs."""

    entries: dict[str, bytes]
    document_name: str
    document: tuple[bytes, bytes]  # document.xml before and after the body content
    core_name: str
    core: bytes
    ids: _StyleIds
    dress: _Dress
    spec: StyleSpec


def _base(spec: StyleSpec, reference: Path | None) -> _Base:
    if reference is None:
        return _cached_base(spec, None)
    try:
        stat = reference.stat()
    except FileNotFoundError as e:
        raise InputError("找不到参考文档", reference) from e
    except OSError as e:
        raise InputError(f"无法读取参考文档（{e.strerror or e}）", reference) from e
    return _cached_base(spec, (str(reference.resolve()), stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=8)
def _cached_base(spec: StyleSpec, reference: tuple[str, int, int] | None) -> _Base:
    if reference is None:
        doc, ids = _default_document(spec)
        return _package(doc, ids, spec, None)
    path = Path(reference[0])
    doc, ids = _reference_document(path, spec)
    return _package(doc, ids, spec, path)


def _package(doc: Any, ids: _StyleIds, spec: StyleSpec, reference: Path | None) -> _Base:
    """Save ``doc`` once and keep its parts, document.xml cut open for the body."""
    props = doc.core_properties
    props.author = props.last_modified_by = "drafter"
    props.comments = ""
    props.revision = 1
    props.title = ""
    core_name = next(p.partname.membername for p in doc.part.package.iter_parts()
                     if p.content_type == CT.OPC_CORE_PROPERTIES)
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(buffer) as z:
        entries = {name: z.read(name) for name in z.namelist()}
    document_name = doc.part.partname.membername
    if reference is None:
        _add_alt_names(entries, doc, spec)
    return _Base(
        entries=entries,
        document_name=document_name,
        document=_split_document(entries[document_name], reference),
        core_name=core_name,
        core=entries[core_name],
        ids=ids,
        dress=_dress(spec, reference is not None),
        spec=spec,
    )


def _split_document(xml: bytes, reference: Path | None) -> tuple[bytes, bytes]:
    """document.xml cut where the body content goes (before the final ``w:sectPr``).

    Rendering then splices the paragraphs' XML in without parsing the
    document again. The paragraphs are written with the ``w:`` prefix, so
    the root is made to declare it if an unusual reference does not.
    """
    root = etree.fromstring(xml, _XML_PARSER)
    if root.nsmap.get("w") != W_NS:
        if "w" in root.nsmap:
            raise InputError("参考文档的 XML 命名空间不规范（w: 前缀另有所指），无法使用", reference)
        root = _with_w_prefix(root)
    body = root.find(f"{_W}body")
    marker = etree.Comment(_BODY_MARK)
    if len(body) and body[-1].tag == f"{_W}sectPr":
        body[-1].addprevious(marker)
    else:
        body.append(marker)
    text = etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)
    before, after = bytes(text).split(f"<!--{_BODY_MARK}-->".encode(), 1)
    return before, after


def _with_w_prefix(root: Any) -> Any:
    """Copy ``root`` into a new root that also declares ``xmlns:w``."""
    new = etree.Element(root.tag, attrib=dict(root.attrib), nsmap={**root.nsmap, "w": W_NS})
    for child in root:
        new.append(child)
    return new


def _dress(spec: StyleSpec, is_reference: bool) -> _Dress:
    """Run formatting on top of paragraph styles.

    With the built-in styles a lead run carries its level's font where that
    differs from the body's; a reference document's fonts are left alone,
    so its runs only get bold, italic and colour.
    """
    body = spec.body

    def direct(el: ElementStyle, **marks: Any) -> _Fmt:
        if is_reference or (el.font, el.latin_font, el.size_pt) == (body.font, body.latin_font, body.size_pt):
            return _Fmt(**marks)
        return _Fmt(font=el.font, latin=el.latin_font, size_pt=el.size_pt, **marks)

    leads = tuple(direct(spec.level(n), bold=spec.level(n).lead_bold or None) for n in (1, 2, 3, 4))
    highlight = None if spec.placeholder_highlight == "none" else spec.placeholder_highlight
    return _Dress(
        plain=_Fmt(),
        leads=(leads[0], leads[1], leads[2], leads[3]),
        hint=direct(spec.hint, bold=spec.hint.bold or None, italic=spec.hint.italic or None,
                    color=spec.hint.color),
        highlight=highlight,
    )


def _default_document(spec: StyleSpec) -> tuple[Any, _StyleIds]:
    """python-docx's default document, trimmed and restyled per ``spec``."""
    doc = docx.Document()
    _drop_extras(doc)
    styles = doc.styles.element
    _prune_styles(styles)
    ids = _install_styles(styles, spec, restyle=True)
    _fix_doc_defaults(styles, spec)
    for fonts in styles.iter(f"{_W}rFonts"):
        for name in _THEME_FONT_ATTRS:
            fonts.attrib.pop(name, None)
    _fix_theme_lang(doc)
    _page_setup(doc.sections[0], spec)
    _page_numbers(doc, spec.page_number)
    return doc, ids


def _reference_document(path: Path, spec: StyleSpec) -> tuple[Any, _StyleIds]:
    """Open the editor's document, clear its body and add the styles it lacks from ``spec``."""
    try:
        doc = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as e:
        raise InputError("参考文档不是有效的 Word 文档（.docx）", path) from e
    except OSError as e:
        raise InputError(f"无法读取参考文档（{e.strerror or e}）", path) from e
    body = doc.element.body
    section_properties = body.find(f"{_W}sectPr")  # the last section's, kept with its footers
    for child in list(body):
        if child is not section_properties:
            body.remove(child)
    ids = _install_styles(doc.styles.element, spec, restyle=False)
    if doc.sections[0].footer.is_linked_to_previous:  # no footer of its own: add page numbers
        _page_numbers(doc, spec.page_number)
    return doc, ids


def _drop_extras(doc: Any) -> None:
    """Drop the template's thumbnail, custom XML and stale styles-with-effects copy."""
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rel_id]
    unwanted = {RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"}
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype in unwanted:
            doc.part.drop_rel(rel_id)


def _style_name(style: Any) -> str:
    name = style.find(f"{_W}name")
    return str(name.get(f"{_W}val", "")).lower() if name is not None else ""


def _prune_styles(styles: Any) -> None:
    latent = styles.find(f"{_W}latentStyles")
    if latent is not None:
        styles.remove(latent)
    for style in styles.findall(f"{_W}style"):
        if _style_name(style) not in _KEEP_STYLES:
            styles.remove(style)
    ids = {style.get(f"{_W}styleId") for style in styles.findall(f"{_W}style")}
    for style in styles.findall(f"{_W}style"):
        for ref in ("link", "basedOn", "next"):
            el = style.find(f"{_W}{ref}")
            if el is not None and el.get(f"{_W}val") not in ids:
                style.remove(el)


def _install_styles(styles: Any, spec: StyleSpec, *, restyle: bool) -> _StyleIds:
    """Find (and with ``restyle`` rewrite) Normal, Title, Heading 1–4; add the missing ones."""
    by_name = {_style_name(s): s for s in styles.findall(f"{_W}style")
               if s.get(f"{_W}type") == "paragraph"}
    normal = by_name.get("normal")
    if normal is None:
        normal = next((s for s in by_name.values() if s.get(f"{_W}default") in ("1", "true")), None)
    normal_xml = _style_props(spec, spec.body, normal=True)
    if normal is None:
        normal = _add_style(styles, "Normal", "Normal", "", normal_xml, default=True)
    elif restyle:
        _restyle(normal, normal_xml)
    normal_id = str(normal.get(f"{_W}styleId"))
    wanted = [("title", "Title", "Title", _style_props(spec, spec.title))]
    for level in (1, 2, 3, 4):
        props = _style_props(spec, spec.level(level), outline=level - 1)
        wanted.append((f"heading {level}", f"heading {level}", f"Heading{level}", props))
    found = []
    for key, name, style_id, props in wanted:
        style = by_name.get(key)
        if style is None:
            style = _add_style(styles, name, style_id, normal_id, props)
        elif restyle:
            _restyle(style, props)
        found.append(str(style.get(f"{_W}styleId")))
    return _StyleIds(normal_id, found[0], (found[1], found[2], found[3], found[4]))


def _style_props(spec: StyleSpec, el: ElementStyle, *, outline: int | None = None,
                 normal: bool = False) -> str:
    """``<w:pPr>`` and ``<w:rPr>`` of a paragraph style for ``el``."""
    keep = "<w:keepNext/><w:keepLines/>" if outline is not None else ""
    level = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    fmt = _element_fmt(el)
    if normal:
        fmt = replace(fmt, spacing=spec.char_spacing_twips, lang=True)
    return f"<w:pPr>{keep}{_ppr_body(spec, el)}{level}</w:pPr>{_rpr(fmt)}"


def _restyle(style: Any, props: str) -> None:
    """Replace a style's formatting (theme fonts, colour, spacing…) with ``props``."""
    for tag in ("pPr", "rPr", "link", "semiHidden", "unhideWhenUsed"):
        for el in style.findall(f"{_W}{tag}"):
            style.remove(el)
    for el in _fragment(props):
        style.append(el)


def _add_style(styles: Any, name: str, style_id: str, based_on: str, props: str,
               *, default: bool = False) -> Any:
    taken = {s.get(f"{_W}styleId") for s in styles.findall(f"{_W}style")}
    unique = style_id
    while unique in taken:
        unique += "X"
    links = f'<w:basedOn w:val="{based_on}"/><w:next w:val="{based_on}"/>' if based_on else ""
    flag = ' w:default="1"' if default else ""
    xml = (f'<w:style xmlns:w="{W_NS}" w:type="paragraph"{flag} w:styleId="{unique}">'
           f'<w:name w:val="{name}"/>{links}<w:uiPriority w:val="9"/><w:qFormat/>{props}</w:style>')
    style = parse_xml(xml)
    styles.append(style)
    return style


def _fragment(xml: str) -> list[Any]:
    """Elements parsed (with python-docx's element classes) from a ``w:``-prefixed snippet."""
    return list(parse_xml(f'<w:body xmlns:w="{W_NS}">{xml}</w:body>'))


def _fix_doc_defaults(styles: Any, spec: StyleSpec) -> None:
    """Explicit Chinese defaults instead of the template's Japanese theme font (MS Mincho)."""
    defaults = styles.find(f"{_W}docDefaults")
    if defaults is None:
        return
    for child in list(defaults):
        defaults.remove(child)
    fmt = replace(_element_fmt(spec.body), bold=None, lang=True)
    xml = f"<w:rPrDefault>{_rpr(fmt)}</w:rPrDefault><w:pPrDefault><w:pPr>" \
          '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
    for el in _fragment(xml):
        defaults.append(el)


def _fix_theme_lang(doc: Any) -> None:
    lang = doc.settings.element.find(f"{_W}themeFontLang")
    if lang is not None:
        lang.set(f"{_W}val", "en-US")
        lang.set(f"{_W}eastAsia", "zh-CN")


def _twips(mm: float) -> Twips:
    return Twips(round(mm * 1440 / 25.4))


def _page_setup(section: Any, spec: StyleSpec) -> None:
    page = spec.page
    section.page_width = _twips(page.width_mm)
    section.page_height = _twips(page.height_mm)
    section.top_margin = _twips(page.margin_top_mm)
    section.bottom_margin = _twips(page.margin_bottom_mm)
    section.left_margin = _twips(page.margin_left_mm)
    section.right_margin = _twips(page.margin_right_mm)
    section.header_distance = _twips(page.header_distance_mm)
    section.footer_distance = _twips(page.footer_distance_mm)
    section.gutter = Twips(0)


def _page_numbers(doc: Any, number: PageNumberStyle) -> None:
    """Hand-built "— PAGE —" footers: odd pages right, even pages left (or all centred)."""
    doc.settings.odd_and_even_pages_header_footer = number.odd_even
    section = doc.sections[0]
    _fill_footer(section.footer, number, "right" if number.odd_even else "center")
    if number.odd_even:
        _fill_footer(section.even_page_footer, number, "left")


def _fill_footer(footer: Any, number: PageNumberStyle, side: str) -> None:
    footer.is_linked_to_previous = False
    element = footer._element
    for child in list(element):
        element.remove(child)
    for el in _fragment(_page_number_paragraph(number, side)):
        element.append(el)


def _page_number_paragraph(number: PageNumberStyle, side: str) -> str:
    rpr = _rpr(_Fmt(font=number.font, latin=number.latin_font, size_pt=number.size_pt, spacing=0))
    chars = round(number.side_indent_chars * 100)
    twips = round(number.side_indent_chars * number.size_pt * 20)
    indent = "" if side == "center" else f' w:{side}Chars="{chars}" w:{side}="{twips}"'
    before, after = number.format.split("{page}")

    def field(kind: str) -> str:
        return f'<w:r>{rpr}<w:fldChar w:fldCharType="{kind}"/></w:r>'

    return (
        '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
        f'<w:ind w:firstLineChars="0" w:firstLine="0"{indent}/><w:jc w:val="{side}"/></w:pPr>'
        f"{_run(before, rpr) if before else ''}{field('begin')}"
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f"{field('separate')}{_run('1', rpr)}{field('end')}{_run(after, rpr) if after else ''}</w:p>"
    )


def _add_alt_names(entries: dict[str, bytes], doc: Any, spec: StyleSpec) -> None:
    """List the spec's fonts in the font table, with the font Word may use instead."""
    part = next((rel.target_part for rel in doc.part.rels.values() if rel.reltype == RT.FONT_TABLE), None)
    if part is None:
        return
    name = part.partname.membername
    table = etree.fromstring(entries[name], _XML_PARSER)
    known = {font.get(f"{_W}name") for font in table.findall(f"{_W}font")}
    alt = dict(spec.alt_names)
    for font in sorted(_spec_fonts(spec) - known):
        alt_name = f'<w:altName w:val="{_attr(alt[font])}"/>' if font in alt else ""
        table.append(etree.fromstring(
            f'<w:font xmlns:w="{W_NS}" w:name="{_attr(font)}">{alt_name}<w:charset w:val="86"/>'
            '<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>', _XML_PARSER))
    entries[name] = etree.tostring(table, encoding="UTF-8", xml_declaration=True, standalone=True)


def _spec_fonts(spec: StyleSpec) -> set[str]:
    elements = (spec.title, spec.body, spec.level1, spec.level2, spec.level3, spec.level4, spec.hint,
                spec.appendix_label, spec.appendix_title, spec.table_header, spec.table_body)
    fonts = {f for el in elements for f in (el.font, el.latin_font)}
    return fonts | {spec.page_number.font, spec.page_number.latin_font}


# --------------------------------------------------------------------------- one plan


def _document_xml(base: _Base, plan: Plan, appendix: bool) -> bytes:
    xml = "".join(_block_xml(base, block) for block in iter_blocks(plan))
    if appendix:
        xml += _appendix_xml(base, plan)
    before, after = base.document
    return before + xml.encode("utf-8") + after


def _block_xml(base: _Base, block: Block) -> str:
    ids, dress = base.ids, base.dress
    kind = block.kind
    if kind is BlockKind.HEADING:
        return _paragraph(ids.headings[block.level - 1], _runs(block.text, dress.plain, dress.highlight))
    if kind is BlockKind.LEAD:
        rest = block.text[len(block.lead) :]
        runs = _runs(block.lead, dress.leads[block.level - 1], dress.highlight)
        return _paragraph(ids.normal, runs + _runs(rest, dress.plain, dress.highlight))
    if kind is BlockKind.HINT:
        runs = _run(HINT_MARK, _rpr(dress.hint))
        runs += _runs(block.text[len(HINT_MARK) :], dress.hint, dress.highlight)
        return _paragraph(ids.normal, runs)
    style = ids.title if kind is BlockKind.TITLE else ids.normal
    return _paragraph(style, _runs(block.text, dress.plain, dress.highlight))


def _appendix_xml(base: _Base, plan: Plan) -> str:
    """Page break, "附件", the centred table title and the task breakdown table."""
    spec, ids, highlight = base.spec, base.ids, base.dress.highlight
    label = spec.appendix_label
    title = spec.appendix_title
    return (
        _paragraph(ids.normal, _runs("附件", _element_fmt(label), None),
                   "<w:pageBreakBefore/>" + _ppr_body(spec, label))
        + _paragraph(ids.normal, _runs("任务分解表", _element_fmt(title), highlight), _ppr_body(spec, title))
        + _table_xml(base, [task.title for task in plan.tasks])
    )


def _table_xml(base: _Base, titles: list[str]) -> str:
    """Build the task breakdown table: one row per task, the last three cells to be filled in."""
    spec = base.spec
    page = spec.page
    width = round((page.width_mm - page.margin_left_mm - page.margin_right_mm) * 1440 / 25.4)
    widths = [width * share // 100 for _, share in _TABLE_COLUMNS]
    widths[-1] = width - sum(widths[:-1])
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    borders = "".join(border.format(side) for side in sides)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    head = _TableRow(base, spec.table_header, widths, header=True)
    row = _TableRow(base, spec.table_body, widths, header=False)
    rows = "".join(row.xml([str(n), title, *[_TO_FILL] * 3]) for n, title in enumerate(titles, 1))
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
        f"{head.xml([name for name, _ in _TABLE_COLUMNS])}{rows}</w:tbl>"
    )


class _TableRow:
    """Cell formats of one kind of table row, worked out once per table."""

    def __init__(self, base: _Base, el: ElementStyle, widths: list[int], *, header: bool) -> None:
        spec = base.spec
        line = 'w:line="240" w:lineRule="auto"'
        # The task column follows the element's alignment; the short columns are centred.
        centred = replace(el, align="center")
        aligned = [el if header or index == 1 else centred for index in range(len(widths))]
        self._pprs = [_ppr_body(spec, cell, line=line) for cell in aligned]
        self._widths = widths
        self._fmt = _element_fmt(el)
        self._normal = base.ids.normal
        self._highlight = base.dress.highlight
        self._props = "<w:cantSplit/><w:tblHeader/>" if header else "<w:cantSplit/>"

    def xml(self, cells: list[str]) -> str:
        out = [
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f"{_paragraph(self._normal, _runs(text, self._fmt, self._highlight), ppr)}</w:tc>"
            for text, width, ppr in zip(cells, self._widths, self._pprs, strict=True)
        ]
        return f"<w:tr><w:trPr>{self._props}</w:trPr>{''.join(out)}</w:tr>"


# --------------------------------------------------------------------------- package


def _doc_date(plan: Plan) -> datetime:
    """Return a fixed date for the document's properties and zip entries: 1 January of its year."""
    year = plan.year if plan.year is not None and 1980 <= plan.year <= 2107 else 2000
    return datetime(year, 1, 1)


def _core_xml(core: bytes, plan: Plan) -> bytes:
    props = parse_xml(core)
    props.title_text = _NOT_XML.sub("", plan.title.replace("\n", ""))[:255]  # the property's limit
    props.created_datetime = props.modified_datetime = _doc_date(plan)
    return bytes(serialize_part_xml(props))


def _zip(entries: dict[str, bytes], when: datetime) -> bytes:
    """Zip the package with stable entry order and dates: same parts, same bytes."""
    first = "[Content_Types].xml"
    names = sorted(entries, key=lambda name: (name != first, name))
    date_time = (when.year, when.month, when.day, 0, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, entries[name])
    return buffer.getvalue()

"""Building the styled, empty base document (:class:`~drafter.render.ooxml.Base`) with python-docx.

Only this module needs python-docx: rendering a plan needs only the base's
package parts and the formatting worked out here, which
:mod:`drafter.render.docx` keeps in the cache folder (see
:func:`drafter.cache.cached_value`). So this module is imported only when a
base is built: once per style spec (or reference .docx) and python-docx
version, not once per run.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
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
from drafter.render.ooxml import (
    W_NS,
    Base,
    Dress,
    Fmt,
    StyleIds,
    W,
    doc_defaults,
    font_entry,
    fragment,
    page_number_paragraph,
    paragraph_style,
    style_props,
)
from drafter.style_spec import ElementStyle, PageNumberStyle, StyleSpec

_XML_PARSER = etree.XMLParser(resolve_entities=False)

#: Styles kept from python-docx's default template (lower-case names); the
#: other 150-odd only slow down opening and saving.
_KEEP_STYLES = frozenset(
    {"normal", "title", "heading 1", "heading 2", "heading 3", "heading 4", "header", "footer",
     "default paragraph font", "normal table", "no list", "table grid"}
)
_THEME_FONT_ATTRS = tuple(f"{W}{a}" for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))
_BODY_MARK = "drafter-body"


def build_base(spec: StyleSpec, reference: Path | None) -> Base:
    """The base document of ``spec``, or of the editor's ``reference`` document dressed per ``spec``.

    Raises :class:`~drafter.errors.InputError` when ``reference`` cannot be
    opened as a Word document.
    """
    if reference is None:
        doc, ids = _default_document(spec)
    else:
        doc, ids = _reference_document(reference, spec)
    return _package(doc, ids, spec, reference)


def _package(doc: Any, ids: StyleIds, spec: StyleSpec, reference: Path | None) -> Base:
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
    return Base(
        entries=entries,
        document_name=document_name,
        document=_split_document(entries[document_name], reference),
        core_name=core_name,
        core=_core_template(entries[core_name]),
        ids=ids,
        dress=_dress(spec, reference is not None),
        spec=spec,
    )


def _core_template(core: bytes) -> tuple[bytes, ...]:
    """docProps/core.xml with the title and both dates set by python-docx, cut open at their text.

    Odd pieces are ``b"title"`` (for the escaped title) or ``b"date"`` (for
    the W3CDTF date), even ones fixed XML; see
    :func:`drafter.render.docx._core_xml`.
    """
    n = 0
    while True:  # marks the document's own properties do not hold
        title, date = f"\ue000title{n}\ue000".encode(), f"\ue000date{n}\ue000".encode()
        if title not in core and date not in core:
            break
        n += 1
    props = parse_xml(core)
    props.title_text = title.decode()
    props.created_datetime = props.modified_datetime = datetime(2000, 1, 1)
    props.created.text = props.modified.text = date.decode()
    pieces = re.split(b"(" + re.escape(title) + b"|" + re.escape(date) + b")", bytes(serialize_part_xml(props)))
    labels = {title: b"title", date: b"date"}
    out = tuple(labels[piece] if index % 2 else piece for index, piece in enumerate(pieces))
    assert out[1::2].count(b"title") == 1 and out[1::2].count(b"date") == 2
    return out


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
    body = root.find(f"{W}body")
    marker = etree.Comment(_BODY_MARK)
    if len(body) and body[-1].tag == f"{W}sectPr":
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


def _dress(spec: StyleSpec, is_reference: bool) -> Dress:
    """Run formatting on top of paragraph styles.

    With the built-in styles a lead run carries its level's font where that
    differs from the body's; a reference document's fonts are left alone,
    so its runs only get bold, italic and colour.
    """
    body = spec.body

    def direct(el: ElementStyle, **marks: Any) -> Fmt:
        if is_reference or (el.font, el.latin_font, el.size_pt) == (body.font, body.latin_font, body.size_pt):
            return Fmt(**marks)
        return Fmt(font=el.font, latin=el.latin_font, size_pt=el.size_pt, **marks)

    leads = tuple(direct(spec.level(n), bold=spec.level(n).lead_bold or None) for n in (1, 2, 3, 4))
    highlight = None if spec.placeholder_highlight == "none" else spec.placeholder_highlight
    return Dress(
        plain=Fmt(),
        leads=(leads[0], leads[1], leads[2], leads[3]),
        hint=direct(spec.hint, bold=spec.hint.bold or None, italic=spec.hint.italic or None,
                    color=spec.hint.color),
        highlight=highlight,
    )


def _default_document(spec: StyleSpec) -> tuple[Any, StyleIds]:
    """python-docx's default document, trimmed and restyled per ``spec``."""
    doc = docx.Document()
    _drop_extras(doc)
    styles = doc.styles.element
    _prune_styles(styles)
    ids = _install_styles(styles, spec, restyle=True)
    _fix_doc_defaults(styles, spec)
    for fonts in styles.iter(f"{W}rFonts"):
        for name in _THEME_FONT_ATTRS:
            fonts.attrib.pop(name, None)
    _fix_theme_lang(doc)
    _page_setup(doc.sections[0], spec)
    _page_numbers(doc, spec.page_number)
    return doc, ids


def _reference_document(path: Path, spec: StyleSpec) -> tuple[Any, StyleIds]:
    """Open the editor's document, clear its body and add the styles it lacks from ``spec``."""
    from drafter.docx_guard import read_docx

    data = read_docx(path, "参考文档")  # bounded, regular file, no DTD in any part
    try:
        doc = docx.Document(io.BytesIO(data))
        body = doc.element.body
    except (PackageNotFoundError, KeyError, ValueError, AttributeError, zipfile.BadZipFile,
            etree.XMLSyntaxError) as e:
        raise InputError("参考文档不是有效的 Word 文档（.docx）", path) from e
    except OSError as e:
        raise InputError(f"无法读取参考文档（{e.strerror or e}）", path) from e
    if body is None:
        raise InputError("参考文档不是有效的 Word 文档（缺少正文）", path)
    section_properties = body.find(f"{W}sectPr")  # the last section's, kept with its footers
    if section_properties is None:  # a body without page setup: the spec's page, added below
        section_properties = body.get_or_add_sectPr()
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
    name = style.find(f"{W}name")
    return str(name.get(f"{W}val", "")).lower() if name is not None else ""


def _prune_styles(styles: Any) -> None:
    latent = styles.find(f"{W}latentStyles")
    if latent is not None:
        styles.remove(latent)
    for style in styles.findall(f"{W}style"):
        if _style_name(style) not in _KEEP_STYLES:
            styles.remove(style)
    ids = {style.get(f"{W}styleId") for style in styles.findall(f"{W}style")}
    for style in styles.findall(f"{W}style"):
        for ref in ("link", "basedOn", "next"):
            el = style.find(f"{W}{ref}")
            if el is not None and el.get(f"{W}val") not in ids:
                style.remove(el)


def _install_styles(styles: Any, spec: StyleSpec, *, restyle: bool) -> StyleIds:
    """Find (and with ``restyle`` rewrite) Normal, Title, Heading 1–4; add the missing ones."""
    by_name = {_style_name(s): s for s in styles.findall(f"{W}style")
               if s.get(f"{W}type") == "paragraph"}
    normal = by_name.get("normal")
    if normal is None:
        normal = next((s for s in by_name.values() if s.get(f"{W}default") in ("1", "true")), None)
    normal_xml = style_props(spec, spec.body, normal=True)
    if normal is None:
        normal = _add_style(styles, "Normal", "Normal", "", normal_xml, default=True)
    elif restyle:
        _restyle(normal, normal_xml)
    normal_id = str(normal.get(f"{W}styleId"))
    wanted = [("title", "Title", "Title", style_props(spec, spec.title))]
    for level in (1, 2, 3, 4):
        props = style_props(spec, spec.level(level), outline=level - 1)
        wanted.append((f"heading {level}", f"heading {level}", f"Heading{level}", props))
    found = []
    for key, name, style_id, props in wanted:
        style = by_name.get(key)
        if style is None:
            style = _add_style(styles, name, style_id, normal_id, props)
        elif restyle:
            _restyle(style, props)
        found.append(str(style.get(f"{W}styleId")))
    return StyleIds(normal_id, found[0], (found[1], found[2], found[3], found[4]))


def _restyle(style: Any, props: str) -> None:
    """Replace a style's formatting (theme fonts, colour, spacing…) with ``props``."""
    for tag in ("pPr", "rPr", "link", "semiHidden", "unhideWhenUsed"):
        for el in style.findall(f"{W}{tag}"):
            style.remove(el)
    for el in _fragment(props):
        style.append(el)


def _add_style(styles: Any, name: str, style_id: str, based_on: str, props: str,
               *, default: bool = False) -> Any:
    taken = {s.get(f"{W}styleId") for s in styles.findall(f"{W}style")}
    unique = style_id
    while unique in taken:
        unique += "X"
    style = parse_xml(paragraph_style(name, unique, based_on, props, default=default))
    styles.append(style)
    return style


def _fragment(xml: str) -> list[Any]:
    """Elements parsed (with python-docx's element classes) from a ``w:``-prefixed snippet."""
    return list(parse_xml(fragment(xml)))


def _fix_doc_defaults(styles: Any, spec: StyleSpec) -> None:
    """Explicit Chinese defaults instead of the template's Japanese theme font (MS Mincho)."""
    defaults = styles.find(f"{W}docDefaults")
    if defaults is None:
        return
    for child in list(defaults):
        defaults.remove(child)
    for el in _fragment(doc_defaults(spec)):
        defaults.append(el)


def _fix_theme_lang(doc: Any) -> None:
    lang = doc.settings.element.find(f"{W}themeFontLang")
    if lang is not None:
        lang.set(f"{W}val", "en-US")
        lang.set(f"{W}eastAsia", "zh-CN")


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
    for el in _fragment(page_number_paragraph(number, side)):
        element.append(el)


def _add_alt_names(entries: dict[str, bytes], doc: Any, spec: StyleSpec) -> None:
    """List the spec's fonts in the font table, with the font Word may use instead."""
    part = next((rel.target_part for rel in doc.part.rels.values() if rel.reltype == RT.FONT_TABLE), None)
    if part is None:
        return
    name = part.partname.membername
    table = etree.fromstring(entries[name], _XML_PARSER)
    known = {font.get(f"{W}name") for font in table.findall(f"{W}font")}
    alt = dict(spec.alt_names)
    for font in sorted(_spec_fonts(spec) - known):
        table.append(etree.fromstring(font_entry(font, alt.get(font)), _XML_PARSER))
    entries[name] = etree.tostring(table, encoding="UTF-8", xml_declaration=True, standalone=True)


def _spec_fonts(spec: StyleSpec) -> set[str]:
    elements = (spec.title, spec.body, spec.level1, spec.level2, spec.level3, spec.level4, spec.hint,
                spec.appendix_label, spec.appendix_title, spec.table_header, spec.table_body)
    fonts = {f for el in elements for f in (el.font, el.latin_font)}
    return fonts | {spec.page_number.font, spec.page_number.latin_font}


__all__ = ["build_base"]

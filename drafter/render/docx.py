"""A plan as a .docx that looks like an official document (GB/T 9704-2012).

The styled, empty base document is built once per style spec (or reference
.docx) with python-docx (:mod:`drafter.render.docx_base`) and kept as its
package parts, in memory and in the cache folder (:mod:`drafter.cache`), so
a run whose base was built before imports neither python-docx nor lxml.
Rendering a plan then writes only two parts, the body of
``word/document.xml`` (one paragraph per :class:`~drafter.render.text.Block`)
and ``docProps/core.xml``, and zips the parts with fixed dates, so the same
plan always gives the same bytes.

Headings use the built-in ``Heading 1``–``Heading 4`` styles (outline levels
0–3: navigation pane, table of contents, PDF bookmarks) restyled per the
spec; a reference document's own styles are used as they are.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from drafter.errors import InputError
from drafter.model import ALTERNATIVE_MARK, HINT_MARK, PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN, Plan
from drafter.render.atomic import write_atomic
from drafter.render.styles import ElementStyle, StyleSpec, load_style
from drafter.render.text import Block, BlockKind, iter_blocks

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"
_JC = {"justify": "both", "left": "left", "center": "center", "right": "right"}
_PLACEHOLDER = re.compile(f"({re.escape(PLACEHOLDER_OPEN)}[^{PLACEHOLDER_OPEN}{PLACEHOLDER_CLOSE}\n]*"
                          f"{re.escape(PLACEHOLDER_CLOSE)})")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("([\t\n])")

#: Appendix table: column headings and their shares of the text width.
_TABLE_COLUMNS = (("序号", 10), ("重点任务", 42), ("牵头单位", 18), ("责任人", 14), ("完成时限", 16))
_TO_FILL = PLACEHOLDER_OPEN + "  " + PLACEHOLDER_CLOSE

#: Bump when :class:`_Base` (or what it holds) changes, so stale cached bases are not used.
_BASE_FORMAT = 1


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
    entries[base.core_name] = _core_xml(base, plan)
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


# The records here are named tuples rather than dataclasses: they cost a
# fraction to create, and this module is imported on every run.


class _Fmt(NamedTuple):
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
    return fmt._replace(highlight=highlight)


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


class _StyleIds(NamedTuple):
    normal: str
    title: str
    headings: tuple[str, str, str, str]


class _Dress(NamedTuple):
    """Direct run formatting of one base: what paragraph styles do not carry."""

    plain: _Fmt
    leads: tuple[_Fmt, _Fmt, _Fmt, _Fmt]
    hint: _Fmt
    highlight: str | None


class _Base(NamedTuple):
    """A styled, empty document as package parts, plus what rendering needs."""

    entries: dict[str, bytes]
    document_name: str
    document: tuple[bytes, bytes]  # document.xml before and after the body content
    core_name: str
    core: tuple[bytes, ...]  # core.xml cut open at the title and dates (see _core_xml)
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
    """The base of ``spec`` (and a reference document), from the cache folder when it was built before.

    Only building one needs python-docx (:mod:`drafter.render.docx_base`).
    A cached base is keyed by the spec and the python-docx and lxml versions
    that built it, and a reference document's base by that file's content too.
    """
    from drafter.cache import cached_value

    path = Path(reference[0]) if reference is not None else None

    def build() -> _Base:
        from drafter.render.docx_base import build_base

        return build_base(spec, path)

    kind = "docx-base" if path is None else "docx-base-reference"
    base = cached_value(kind, _base_key(spec), build, files=[path] if path is not None else [])
    if not isinstance(base, _Base):  # an entry from a drafter that kept bases differently
        base = build()
    return base._replace(spec=spec) if base.spec.source != spec.source else base


def _base_key(spec: StyleSpec) -> str:
    """Everything a base depends on besides a reference document: the spec and the libraries building it."""
    fields = tuple(cls._fields for cls in (_Base, _Dress, _Fmt, _StyleIds))
    return repr((_BASE_FORMAT, fields, _library_version("docx"), _library_version("lxml"),
                 replace(spec, source="")))


def _library_version(name: str) -> str:
    """The ``__version__`` an installed package declares, read without importing it."""
    import importlib.util

    try:
        found = importlib.util.find_spec(name)
        origin = found.origin if found is not None else None
        text = Path(origin).read_text(encoding="utf-8") if origin else ""
    except (ImportError, ValueError, OSError, UnicodeDecodeError):
        return "?"
    match = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""", text, re.MULTILINE)
    return match.group(1) if match else f"? {origin}"


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
    if kind in (BlockKind.HINT, BlockKind.ALTERNATIVE):
        mark = HINT_MARK if kind is BlockKind.HINT else ALTERNATIVE_MARK
        runs = _run(mark, _rpr(dress.hint))
        runs += _runs(block.text[len(mark) :], dress.hint, dress.highlight)
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


def _core_xml(base: _Base, plan: Plan) -> bytes:
    """docProps/core.xml with the plan's title and date, as python-docx writes them.

    The base holds the part cut open at the title's and the dates' text (see
    :func:`drafter.render.docx_base._core_template`); lxml would escape the
    title's text as :func:`_escape` does.
    """
    title = _escape(_NOT_XML.sub("", plan.title.replace("\n", ""))[:255])  # the property's limit
    date = _doc_date(plan).strftime("%Y-%m-%dT%H:%M:%SZ")
    values = {b"title": title.encode("utf-8"), b"date": date.encode("ascii")}
    return b"".join(values[piece] if index % 2 else piece for index, piece in enumerate(base.core))


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

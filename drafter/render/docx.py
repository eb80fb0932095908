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

import re
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from drafter.errors import InputError
from drafter.fileio import write_atomic
from drafter.model import ALTERNATIVE_MARK, HINT_MARK, PLACEHOLDER_CLOSE, PLACEHOLDER_OPEN, Plan
from drafter.render.ooxml import (
    NOT_XML,
    PAGE_BREAK_BEFORE,
    Base,
    Dress,
    Fmt,
    StyleIds,
    add_custom_properties,
    element_fmt,
    escape,
    paragraph,
    ppr_body,
    run,
    run_props,
    runs,
    table,
    table_cell,
    table_row,
    zip_package,
)
from drafter.render.text import Block, BlockKind, iter_blocks
from drafter.style_spec import ElementStyle, StyleSpec, load_style

#: Appendix table: column headings and their shares of the text width.
_TABLE_COLUMNS = (("序号", 10), ("重点任务", 42), ("牵头单位", 18), ("责任人", 14), ("完成时限", 16))
_TO_FILL = PLACEHOLDER_OPEN + "  " + PLACEHOLDER_CLOSE

#: Bump when :class:`Base` (or what it holds) changes, so stale cached bases are not used.
_BASE_FORMAT = 2


# --------------------------------------------------------------------------- public API


def render_docx(
    plan: Plan,
    style: StyleSpec | None = None,
    *,
    reference: Path | None = None,
    appendix: bool = False,
    properties: list[tuple[str, str]] | None = None,
) -> bytes:
    """Render ``plan`` as .docx bytes.

    ``style`` ``None`` means the built-in GB/T 9704 spec. With ``reference``
    (an editor's .docx) its styles, page setup and footers are used as they
    are and its body is replaced; styles it lacks come from ``style``.
    ``appendix`` adds a 任务分解表 (task breakdown table) on a new page.
    ``properties`` are custom document properties (name, text) to record in
    the package (drafter's recipe); ``None`` writes none.
    Raises :class:`~drafter.errors.InputError` when ``reference`` cannot be
    opened as a Word document.
    """
    base = _base(style or load_style(None), reference)
    entries = dict(base.entries)
    entries[base.document_name] = _document_xml(base, plan, appendix)
    entries[base.core_name] = _core_xml(base, plan)
    if properties:
        add_custom_properties(entries, properties)
    return zip_package(entries, _doc_date(plan))


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


def render_blocks(blocks: list[Block], *, title: str = "", year: int | None = None,
                  style: StyleSpec | None = None) -> bytes:
    """Paragraphs already given their roles (``drafter format``) as .docx bytes in the spec's format.

    ``title`` and ``year`` go into the document properties and fix the package dates.
    """
    base = _base(style or load_style(None), None)
    entries = dict(base.entries)
    before, after = base.document
    entries[base.document_name] = before + "".join(_block_xml(base, b) for b in blocks).encode("utf-8") + after
    props = Plan(title=title, year=year)
    entries[base.core_name] = _core_xml(base, props)
    return zip_package(entries, _doc_date(props))


# --------------------------------------------------------------------------- the base document


def _base(spec: StyleSpec, reference: Path | None) -> Base:
    if reference is None:
        return _cached_base(spec, None)
    try:
        stat = reference.stat()
    except FileNotFoundError as e:
        raise InputError("找不到参考文档", reference) from e
    except OSError as e:
        raise InputError(f"无法读取参考文档（{e.strerror or e}）", reference) from e
    import stat as _stat

    if _stat.S_ISDIR(stat.st_mode):
        raise InputError("参考文档是一个文件夹，不是文件", reference)
    if not _stat.S_ISREG(stat.st_mode):
        raise InputError("参考文档不是普通文件（是设备、管道或套接字），拒绝读取", reference)
    return _cached_base(spec, (str(reference.resolve()), stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=8)
def _cached_base(spec: StyleSpec, reference: tuple[str, int, int] | None) -> Base:
    """The base of ``spec`` (and a reference document), from the cache folder when it was built before.

    Only building one needs python-docx (:mod:`drafter.render.docx_base`).
    A cached base is keyed by the spec and the python-docx and lxml versions
    that built it, and a reference document's base by that file's content too.
    """
    from drafter.cache import cached_value

    path = Path(reference[0]) if reference is not None else None

    def build() -> Base:
        from drafter.render.docx_base import build_base

        return build_base(spec, path)

    kind = "docx-base" if path is None else "docx-base-reference"
    base = cached_value(kind, _base_key(spec), build, files=[path] if path is not None else [])
    if not isinstance(base, Base):  # an entry from a drafter that kept bases differently
        base = build()
    return base._replace(spec=spec) if base.spec.source != spec.source else base


def _base_key(spec: StyleSpec) -> str:
    """Everything a base depends on besides a reference document: the spec and the libraries building it."""
    fields = tuple(cls._fields for cls in (Base, Dress, Fmt, StyleIds))
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


def _document_xml(base: Base, plan: Plan, appendix: bool) -> bytes:
    xml = "".join(_block_xml(base, block) for block in iter_blocks(plan))
    if appendix:
        xml += _appendix_xml(base, plan)
    before, after = base.document
    return before + xml.encode("utf-8") + after


def _block_xml(base: Base, block: Block) -> str:
    ids, dress = base.ids, base.dress
    kind = block.kind
    if kind is BlockKind.HEADING:
        return paragraph(ids.headings[block.level - 1], runs(block.text, dress.plain, dress.highlight))
    if kind is BlockKind.LEAD:
        rest = block.text[len(block.lead) :]
        lead = runs(block.lead, dress.leads[block.level - 1], dress.highlight)
        return paragraph(ids.normal, lead + runs(rest, dress.plain, dress.highlight))
    if kind in (BlockKind.HINT, BlockKind.ALTERNATIVE):
        mark = HINT_MARK if kind is BlockKind.HINT else ALTERNATIVE_MARK
        content = run(mark, run_props(dress.hint))
        content += runs(block.text[len(mark) :], dress.hint, dress.highlight)
        return paragraph(ids.normal, content)
    style = ids.title if kind is BlockKind.TITLE else ids.normal
    return paragraph(style, runs(block.text, dress.plain, dress.highlight))


def _appendix_xml(base: Base, plan: Plan) -> str:
    """Page break, "附件", the centred table title and the task breakdown table."""
    spec, ids, highlight = base.spec, base.ids, base.dress.highlight
    label = spec.appendix_label
    title = spec.appendix_title
    return (
        paragraph(ids.normal, runs("附件", element_fmt(label), None),
                  PAGE_BREAK_BEFORE + ppr_body(spec, label))
        + paragraph(ids.normal, runs("任务分解表", element_fmt(title), highlight), ppr_body(spec, title))
        + _table_xml(base, [task.title for task in plan.tasks])
    )


def _table_xml(base: Base, titles: list[str]) -> str:
    """Build the task breakdown table: one row per task, the last three cells to be filled in."""
    spec = base.spec
    page = spec.page
    width = round((page.width_mm - page.margin_left_mm - page.margin_right_mm) * 1440 / 25.4)
    widths = [width * share // 100 for _, share in _TABLE_COLUMNS]
    widths[-1] = width - sum(widths[:-1])
    head = _TableRow(base, spec.table_header, widths, header=True)
    row = _TableRow(base, spec.table_body, widths, header=False)
    rows = "".join(row.xml([str(n), title, *[_TO_FILL] * 3]) for n, title in enumerate(titles, 1))
    return table(width, widths, head.xml([name for name, _ in _TABLE_COLUMNS]) + rows)


class _TableRow:
    """Cell formats of one kind of table row, worked out once per table."""

    def __init__(self, base: Base, el: ElementStyle, widths: list[int], *, header: bool) -> None:
        spec = base.spec
        line = 'w:line="240" w:lineRule="auto"'
        # The task column follows the element's alignment; the short columns are centred.
        centred = replace(el, align="center")
        aligned = [el if header or index == 1 else centred for index in range(len(widths))]
        self._pprs = [ppr_body(spec, cell, line=line) for cell in aligned]
        self._widths = widths
        self._fmt = element_fmt(el)
        self._normal = base.ids.normal
        self._highlight = base.dress.highlight
        self._header = header

    def xml(self, cells: list[str]) -> str:
        return table_row([table_cell(width, paragraph(self._normal, runs(text, self._fmt, self._highlight), ppr))
                          for text, width, ppr in zip(cells, self._widths, self._pprs, strict=True)],
                         header=self._header)


# --------------------------------------------------------------------------- package


def _doc_date(plan: Plan) -> datetime:
    """Return a fixed date for the document's properties and zip entries: 1 January of its year."""
    year = plan.year if plan.year is not None and 1980 <= plan.year <= 2107 else 2000
    return datetime(year, 1, 1)


def _core_xml(base: Base, plan: Plan) -> bytes:
    """docProps/core.xml with the plan's title and date, as python-docx writes them.

    The base holds the part cut open at the title's and the dates' text (see
    :func:`drafter.render.docx_base._core_template`); lxml would escape the
    title's text as :func:`escape` does.
    """
    title = escape(NOT_XML.sub("", plan.title.replace("\n", ""))[:255])  # the property's limit
    date = _doc_date(plan).strftime("%Y-%m-%dT%H:%M:%SZ")
    values = {b"title": title.encode("utf-8"), b"date": date.encode("ascii")}
    return b"".join(values[piece] if index % 2 else piece for index, piece in enumerate(base.core))

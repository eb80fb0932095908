"""The one reader of Word paragraphs (corpus.docx_text.read_docx), as the corpus and check use it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.oxml import parse_xml

from drafter.corpus.docx_text import read_docx
from drafter.corpus.extract import read_lines
from drafter.review.check import run_check

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _p(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def _docx(body: str) -> bytes:
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types '
                   'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("word/document.xml", document)
    return buffer.getvalue()


def test_paragraphs_in_order_through_content_controls_not_tables(tmp_path: Path) -> None:
    body = (_p("某局2026年意识形态工作要点") + f"<w:sdt><w:sdtContent>{_p('一、深化理论武装')}</w:sdtContent></w:sdt>"
            + f"<w:tbl><w:tr><w:tc>{_p('表格中的字')}</w:tc></w:tr></w:tbl>" + _p("1.健全学习制度。"))
    word = read_docx(_docx(body), tmp_path / "a.docx")
    assert [text for _, text in word.paragraphs] == ["某局2026年意识形态工作要点", "一、深化理论武装", "1.健全学习制度。"]


def test_deeply_nested_content_controls_do_not_recurse(tmp_path: Path) -> None:
    depth = 3000  # beyond Python's recursion limit
    body = "<w:sdt><w:sdtContent>" * depth + _p("一、深化理论武装") + "</w:sdtContent></w:sdt>" * depth
    path = tmp_path / "deep.docx"
    path.write_bytes(_docx(body))
    assert [ln.text for ln in read_lines(path)] == ["一、深化理论武装"]


def test_check_reads_the_paragraphs_the_corpus_reads(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("某局2026年意识形态工作要点")
    heading = doc.add_paragraph("一、深化理论武装")
    sdt = parse_xml(f'<w:sdt xmlns:w="{W_NS}"><w:sdtContent/></w:sdt>')
    heading._p.addprevious(sdt)
    sdt[0].append(heading._p)  # the heading inside a content control
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "表格中的字"
    doc.add_paragraph("1.健全学习制度。内容。")
    path = tmp_path / "plan.docx"
    doc.save(str(path))
    assert [ln.text for ln in read_lines(path)] == ["某局2026年意识形态工作要点", "一、深化理论武装", "1.健全学习制度。内容。"]
    fonts = {f.message.split("字体")[0]: f.line for r in run_check(path) for f in r.findings
             if f.code == "format-font" and "字体" in f.message}
    assert fonts == {"标题": 1, "一级标题（一、）": 2, "三级标题（1.）": 3}

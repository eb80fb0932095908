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


LAID_OUT = ["为做好2025年意识形态工作，制定本要点。", "一、加强理论武装", "1.抓好中心组学习。全年集中学习不少于12次。",
            "2.开展专题培训。举办培训班2期。", "二、加强阵地管理", "3.规范网站审核。实行三审三校。"]


def _cell(texts: list[str]) -> str:
    return "<w:tc>" + "".join(_p(t) for t in texts) + "</w:tc>"


def test_a_document_laid_out_inside_a_table_is_read_from_its_cells(tmp_path: Path) -> None:
    # web pages saved to Word: the title above, everything else in one cell (a nested table too)
    body = (_p("某县应急管理局2025年意识形态工作要点") + "<w:tbl><w:tr>" + _cell(LAID_OUT[:3])
            + f"<w:tc><w:tbl><w:tr>{_cell(LAID_OUT[3:])}</w:tr></w:tbl></w:tc></w:tr></w:tbl>")
    path = tmp_path / "a.docx"
    path.write_bytes(_docx(body))
    word = read_docx(path.read_bytes(), path)
    assert [text for _, text in word.paragraphs] == ["某县应急管理局2025年意识形态工作要点", *LAID_OUT]
    assert word.laid_out_in_table
    from drafter.corpus.reader import read_file

    (plan,) = read_file(path)
    assert [t.title for t in plan.tasks] == ["抓好中心组学习", "开展专题培训", "规范网站审核"]
    assert plan.tasks[2].span is not None and plan.tasks[2].span.start == 7
    from drafter.review.format import read_draft

    assert read_draft(path).paragraphs == ["某县应急管理局2025年意识形态工作要点", *LAID_OUT]


def test_a_plan_with_a_table_of_its_own_keeps_the_table_out(tmp_path: Path) -> None:
    table = "<w:tbl><w:tr>" + _cell(["序号"]) + _cell(["工作任务"]) + "</w:tr><w:tr>" + _cell(["1"]) \
        + _cell(["抓好中心组学习"]) + "</w:tr></w:tbl>"
    body = _p("某县应急管理局2025年意识形态工作要点") + "".join(_p(t) for t in LAID_OUT) + _p("附件：任务分解表") + table
    word = read_docx(_docx(body), tmp_path / "b.docx")
    assert [text for _, text in word.paragraphs][-1] == "附件：任务分解表" and not word.laid_out_in_table

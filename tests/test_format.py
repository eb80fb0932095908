"""drafter format: every paragraph kept in order, written in the official format; losses refused;
round trips through LibreOffice (a LibreOffice-made .docx in, the PDF's text out)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from cli_helpers import run_main
from soffice_helpers import soffice

from drafter.corpus.docx_text import read_docx
from drafter.render.text import BlockKind
from drafter.review.check import run_check
from drafter.review.format import blocks, format_draft, read_draft

FIX = Path(__file__).parent / "fixtures"

DRAFT = """市统计局2026年意识形态工作要点

2026年，市统计局意识形态工作以习近平新时代中国特色社会主义思想为指导，全面落实意识形态工作责任制。
一、总体要求
坚持党管意识形态原则，牢牢掌握意识形态工作领导权、管理权、话语权。
二、重点任务
（一）强化理论武装
1.健全学习制度。落实“第一议题”制度，全年集中学习不少于12次。
2.抓好理论宣讲
（二）压实主体责任
3.完善责任清单。明确班子成员“一岗双责”，每半年专题研究一次意识形态工作。
（1）细化到科室。各科室负责人对本科室负责。
三、工作要求
各科室要按照本要点抓好落实，年底前报送落实情况。
市统计局
2026年1月5日
"""


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def docx_paragraphs(data: bytes) -> list[str]:
    return [text for _, text in read_docx(data, Path("out.docx")).paragraphs if text.strip()]


def test_roles_by_numbering_and_shape() -> None:
    found = blocks(paragraphs(DRAFT))
    kinds = [(b.kind, b.level) for b in found]
    assert kinds[0] == (BlockKind.TITLE, 0) and kinds[1] == (BlockKind.PARAGRAPH, 0)
    assert (BlockKind.HEADING, 1) in kinds and (BlockKind.HEADING, 2) in kinds
    lead = next(b for b in found if b.text.startswith("1.健全"))
    assert (lead.kind, lead.level, lead.lead) == (BlockKind.LEAD, 3, "1.健全学习制度。")
    assert next(b for b in found if b.text.startswith("2.抓好")).kind is BlockKind.HEADING
    assert next(b for b in found if b.text.startswith("（1）")).level == 4
    assert found[-1].kind is BlockKind.PARAGRAPH  # the signature date is body text


def test_text_kept_in_order_and_check_finds_no_format_fault(tmp_path: Path) -> None:
    source = tmp_path / "草稿.txt"
    source.write_text(DRAFT, encoding="utf-8")
    data, _ = format_draft(source)
    assert docx_paragraphs(data) == paragraphs(DRAFT)
    out = tmp_path / "out.docx"
    out.write_bytes(data)
    assert [f for r in run_check(out) for f in r.findings if f.category == "format"] == []
    again, _ = format_draft(source)
    assert again == data  # same input, same bytes


def test_plain_word_draft_gets_the_official_format(tmp_path: Path) -> None:
    plain = docx.Document()
    for line in paragraphs(DRAFT):
        plain.add_paragraph(line)
    source = tmp_path / "plain.docx"
    plain.save(str(source))
    assert [f for r in run_check(source) for f in r.findings if f.category == "format"]
    out = tmp_path / "out.docx"
    out.write_bytes(format_draft(source)[0])
    assert [f for r in run_check(out) for f in r.findings if f.category == "format"] == []
    assert docx_paragraphs(out.read_bytes()) == paragraphs(DRAFT)


@pytest.mark.parametrize("name", sorted(p.name for p in (FIX / "corpus").glob("*.txt")))
def test_corpus_files_keep_every_paragraph(tmp_path: Path, name: str) -> None:
    source = FIX / "corpus" / name
    data, read = format_draft(source)
    assert docx_paragraphs(data) == read.paragraphs
    assert read.paragraphs == [ln.strip() for ln in source.read_text(encoding="utf-8").splitlines() if ln.strip()]


def word_with_extras(path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("市统计局2026年意识形态工作要点")
    doc.add_paragraph("一、总体要求")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "序号"
    table.cell(0, 1).text = "任务"
    table.cell(1, 0).text = "1"
    table.cell(1, 1).text = "健全学习制度"
    doc.add_paragraph("二、重点任务")
    doc.save(str(path))


def test_losses_listed_and_refused_unless_allowed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "表格.docx"
    word_with_extras(source)
    out = tmp_path / "out.docx"
    code, _, err = run_main(["format", str(source), "-o", str(out)], capsys)
    assert code == 2 and "表格 1 个" in err and "--allow-loss" in err and err.count("\n") == 1
    assert not out.exists()
    code, _, err = run_main(["format", str(source), "-o", str(out), "--allow-loss"], capsys)
    assert code == 0 and "表格 1 个" in err and out.exists()
    assert docx_paragraphs(out.read_bytes()) == ["市统计局2026年意识形态工作要点", "一、总体要求", "序号\u3000任务",
                                                 "1\u3000健全学习制度", "二、重点任务"]


def test_tracked_changes_and_comments_are_losses(tmp_path: Path) -> None:
    source = tmp_path / "修订.docx"
    word_with_extras(source)
    with zipfile.ZipFile(source) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    xml = xml.replace("<w:t>二、重点任务</w:t>", "<w:t>二、重点任务</w:t></w:r><w:ins w:id=\"1\" w:author=\"a\">"
                      "<w:r><w:t>（新增）</w:t></w:r></w:ins><w:r><w:commentReference w:id=\"0\"/>", 1)
    parts["word/document.xml"] = xml.encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    source.write_bytes(buf.getvalue())
    losses = read_draft(source).losses
    assert losses["修订（插入）"] == 1 and losses["批注"] == 1 and losses["表格"] == 1


def test_never_overwrites_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "草稿.txt"
    source.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "out.docx"
    out.write_bytes(b"mine")
    code, _, err = run_main(["format", str(source), "-o", str(out)], capsys)
    assert code == 2 and "--force" in err and out.read_bytes() == b"mine"
    code, _, _ = run_main(["format", str(source), "-o", str(out), "--force"], capsys)
    assert code == 0 and docx_paragraphs(out.read_bytes()) == paragraphs(DRAFT)
    code, _, err = run_main(["format", str(source), "-o", str(tmp_path / "out.pdf")], capsys)
    assert code == 2 and ".docx" in err


def test_standard_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    class Stdin:
        buffer = io.BytesIO(DRAFT.encode("utf-8"))

        def isatty(self) -> bool:
            return False

    monkeypatch.setattr("sys.stdin", Stdin())
    out = tmp_path / "out.docx"
    code, _, _ = run_main(["format", "-", "-o", str(out)], capsys)
    assert code == 0 and docx_paragraphs(out.read_bytes()) == paragraphs(DRAFT)


# --- the real client --------------------------------------------------------------------------

def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="未安装 LibreOffice 或 pdftotext，跳过真实客户端测试")
def test_libreoffice_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    work = tmp_path / "lo"
    work.mkdir()
    source = work / "草稿.txt"
    source.write_text(DRAFT, encoding="utf-8")
    soffice(work, "docx:MS Word 2007 XML", source)  # a .docx LibreOffice made
    made = work / "草稿.docx"
    assert docx_paragraphs(made.read_bytes()) == paragraphs(DRAFT)
    out = work / "公文.docx"
    code, _, _ = run_main(["format", str(made), "-o", str(out)], capsys)
    assert code == 0
    assert [f for r in run_check(out) for f in r.findings if f.category == "format"] == []
    soffice(work, "pdf", out)
    text = subprocess.run([str(shutil.which("pdftotext")), str(work / "公文.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    body = re.sub(r"—\s*\d+\s*—", "", text)  # the page numbers
    assert squash(body) == squash("".join(paragraphs(DRAFT)))


def test_two_line_title_of_any_kind(tmp_path: Path) -> None:
    text = "县一中党支部意识形态工作责任制\n实施方案\n为落实责任制，制定本方案。\n一、指导思想\n坚持党管意识形态。\n"
    source = tmp_path / "方案.txt"
    source.write_text(text, encoding="utf-8")
    kinds = [b.kind for b in blocks(paragraphs(text))]
    assert kinds[:3] == [BlockKind.TITLE, BlockKind.TITLE, BlockKind.PARAGRAPH]
    out = tmp_path / "out.docx"
    out.write_bytes(format_draft(source)[0])
    assert [f for r in run_check(out) for f in r.findings if f.category == "format"] == []

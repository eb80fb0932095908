"""Real-client test: LibreOffice lays out rendered plans as GB/T 9704 pages.

Debian has none of 仿宋_GB2312/方正小标宋简体/楷体_GB2312/黑体, so soffice runs
with HOME pointed at a temporary folder whose fontconfig file aliases them to
Noto Serif CJK SC, AR PL UKai CN and Noto Sans CJK SC (see docs/GBT9704.md).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sample_plans import three_level_plan
from soffice_helpers import soffice

from drafter.model import Plan, Section
from drafter.render import render_docx

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="未安装 LibreOffice (soffice)，跳过真实客户端测试"
)

#: 54 characters; a paragraph of two fills 26 + 28 + 28 + 26 characters (with the indent, 4 full lines).
SENTENCE = ("坚持以习近平新时代中国特色社会主义思想为指导深入贯彻落实"
            "党的二十大精神全面加强意识形态工作责任制落实各项任务")


def grid_plan() -> Plan:
    return Plan(title="网格", sections=[Section(None, "网格", intro="\n".join([SENTENCE * 2] * 20))])


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"未安装 {name}（poppler-utils），跳过真实客户端测试")
    return path


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Render the plans and convert them to PDF in one soffice run."""
    work = tmp_path_factory.mktemp("soffice")
    docs = {"outline": render_docx(three_level_plan(marked=True), appendix=True), "grid": render_docx(grid_plan())}
    for name, data in docs.items():
        (work / f"{name}.docx").write_bytes(data)
    soffice(work, "pdf", *(work / f"{name}.docx" for name in docs))
    out = {name: work / f"{name}.pdf" for name in docs}
    assert all(path.is_file() for path in out.values()), list(work.iterdir())
    return out


def pdf_text(path: Path, *args: str) -> str:
    command = [tool("pdftotext"), *args, str(path), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def test_headings_in_order_and_page_numbers(pdfs: dict[str, Path]) -> None:
    text = re.sub(r"\s+", "", pdf_text(pdfs["outline"]))
    headings = [
        "市民政局2026年意识形态工作要点", "一、总体要求", "二、重点任务", "（一）强化理论武装",
        "1.抓好理论学习。", "【参考】召开专题会议", "2.开展宣讲", "（二）加强阵地管理", "1.管好网站。",
        "三、工作要求", "附件", "任务分解表", "序号", "重点任务",
    ]
    position = 0
    for heading in headings:  # each after the one before
        found = text.find(heading, position)
        assert found >= 0, f"{heading} 不在 {text[position:position + 80]}…"
        position = found + len(heading)
    assert "—1—" in text  # "— 1 —": pdftotext drops the spaces beside the dashes
    assert "—2—" in text  # the appendix starts a new (even) page


def test_fonts_reach_the_page(pdfs: dict[str, Path]) -> None:
    command = [tool("pdffonts"), str(pdfs["outline"])]
    fonts = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    assert "NotoSerifCJK" in fonts  # 仿宋_GB2312, 方正小标宋简体, 宋体
    assert "NotoSansCJK" in fonts  # 黑体
    assert "UKai" in fonts  # 楷体_GB2312


def test_22_lines_of_28_characters(pdfs: dict[str, Path]) -> None:
    page = pdf_text(pdfs["grid"], "-layout", "-f", "2", "-l", "2")
    lines = [line.strip() for line in page.splitlines() if line.strip() and "\f" not in line]
    body, footer = lines[:-1], lines[-1]
    assert re.sub(r"\s+", "", footer) == "—2—"
    assert len(body) == 22
    assert max(len(line) for line in body) == 28

"""Each variant of the numbering grammar and each kind of noise, on small fixtures."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from drafter.corpus.reader import read_file, read_paths, read_text
from drafter.errors import InputError
from drafter.model import PartKind, TaskNumbering

READER = Path(__file__).parent / "fixtures" / "reader"


def one(name: str):  # type: ignore[no-untyped-def]
    plans = read_file(READER / name)
    assert len(plans) == 1, [p.label for p in plans]
    return plans[0]


def test_two_level_with_mixed_dots() -> None:
    plan = one("two_level_inline.txt")
    assert (plan.title, plan.org, plan.year) == ("市民政局2026年意识形态工作要点", "市民政局", 2026)
    assert [t.number for t in plan.tasks] == [1, 2, 3, 4]  # "1." "2．" "3、" "4."
    assert plan.tasks[0].title == "健全理论学习制度"
    assert plan.tasks[0].body == "严格落实“第一议题”制度，每季度至少召开一次意识形态工作专题会议。"
    assert plan.sections[0].title == "深化理论武装，筑牢思想根基"  # as written, full-width comma kept
    assert plan.preamble.startswith("2026年，市民政局")


@pytest.mark.parametrize("name", ["gb18030.txt", "bom_crlf.txt"])
def test_encodings_and_line_ends(name: str) -> None:
    assert one(name) == one("two_level_inline.txt")


def test_three_levels_with_framing_parts() -> None:
    plan = one("three_level.txt")
    assert [p.kind for p in plan.front] == [PartKind.GUIDING, PartKind.GOALS]
    assert plan.front[0].text == "坚持以习近平新时代中国特色社会主义思想为指导。"
    assert [i.title for i in plan.front[1].items] == ["思想引领力实现新提升", "风险防控力达到新水平"]
    assert plan.tasks_heading == "重点任务"
    assert [s.title for s in plan.sections] == ["加强理论武装", "压实工作责任"]
    assert plan.task_numbering is TaskNumbering.RESTART
    assert plan.sections[1].tasks[0].body == "细化责任清单。\n（1）制定清单。\n（2）定期检查。"
    assert [p.kind for p in plan.back] == [PartKind.REQUIREMENTS]
    assert plan.back[0].item_level == 2
    assert [(i.title, i.body) for i in plan.back[0].items] == [
        ("加强组织领导", "各支部要高度重视。"), ("强化督促落实", "定期开展督查。")]


def test_title_and_body_on_separate_lines_and_section_intro() -> None:
    plan = one("split_title_body.txt")
    assert plan.sections[0].intro == "坚持把理论学习作为首要任务。"
    assert plan.tasks[0].title == "构建分层分类研学体系"
    assert plan.tasks[0].body == "立足组织部门政治属性，搭建四维学习架构。\n每月开展1次理论学习中心组专题研讨。"


def test_missing_dot_and_restarting_numbers() -> None:
    plan = one("missing_dot_restart.txt")
    assert [t.number for t in plan.tasks] == [1, 2, 1, 2]
    assert plan.tasks[1].title == "深化科技伦理与科研诚信主题教育"
    assert plan.task_numbering is TaskNumbering.RESTART
    # "2026年度…" is a sentence, not a task numbered 2026
    assert plan.tasks[3].body.endswith("2026年度全局共开展培训20次。")


def test_site_chrome_leftovers_broken_lines_and_paywall() -> None:
    plan = one("noise.txt")
    assert plan.preamble == ("2026年，市委编办意识形态工作以习近平新时代中国特色社会主义思想为指导，"
                             "深入贯彻党的二十届四中全会精神，为机构编制工作高质量发展提供思想保证。")
    assert plan.tasks[0].body == "紧扣机构编制职能优化学习供给。严格落实“第一议题”制度，每月开展一次集中学习。"
    texts = {(n.kind, n.text) for n in plan.noise}
    assert ("leftover", "过渡句:") in texts
    assert {"时间:2026-01-24", "字数:3903字", "某某文库", "复制下载"} <= {t for k, t in texts if k == "chrome"}
    assert ("paywall", "阅读全文") in texts
    assert plan.truncated
    assert "版权所有" not in plan.tasks[-1].body


def test_compilation_outline_and_full_text() -> None:
    plans = read_file(READER / "compilation.txt")
    # in the compilation's own order: the 民政 plan (listed first, then in full) before the 科技 outline
    assert [p.title for p in plans] == ["市民政局2026年意识形态工作要点", "市科技局2026年意识形态工作要点"]
    civil, sci = plans
    assert sci.outline_only and not civil.outline_only
    assert civil.truncated  # stops mid-sentence
    assert len(civil.sources) == 2


def test_report_is_not_a_plan() -> None:
    plan = one("report.txt")
    assert plan.not_a_plan


def test_untitled_plan() -> None:
    plan = one("untitled.txt")
    assert (plan.title, plan.org, plan.year) == ("", "XX市人大办公室", 2025)


def test_markdown_markup_and_hints() -> None:
    plan = one("markdown.md")
    assert plan.title == "市民政局2026年意识形态工作要点"
    assert plan.tasks[0].title == "健全学习制度" and plan.tasks[0].body == "严格落实中心组学习制度。"
    assert plan.tasks[2].hints == ["每季度至少召开一次意识形态工作专题会议"]


def test_no_numbering_gives_warning_and_no_plans() -> None:
    result = read_paths([READER / "no_numbering.txt"])
    assert result.plans == [] and result.errors == []
    assert result.warnings == [f"{READER / 'no_numbering.txt'}: 未找到工作要点（没有可识别的编号结构）"]


def test_docx_with_typed_numbering(tmp_path: Path) -> None:
    d = docx.Document()
    for line in (READER / "two_level_inline.txt").read_text(encoding="utf-8").splitlines():
        d.add_paragraph(line)
    table = d.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "5.表格里的文字不是任务"
    path = tmp_path / "plan.docx"
    d.save(str(path))
    plan = read_file(path)[0]
    assert plan == one("two_level_inline.txt")
    assert plan.tasks[2].span is not None and plan.tasks[2].span.source == str(path)


def test_hard_wrapped_text_joined() -> None:
    text = ("市民政局2026年意识形态工作要点\n一、深化理论武装\n1.健全学习制度。严格落实中心组学习制度，\n"
            "每月至少开展一次集中学习，\n推动学习走深走实。\n2.开展专题研讨。组织专题研讨。\n")
    plan = read_text(text)[0]
    assert plan.tasks[0].body == "严格落实中心组学习制度，每月至少开展一次集中学习，推动学习走深走实。"


def test_full_width_parentheses_and_numbers() -> None:
    text = "某局2026年意识形态工作要点\n一、总体要求\n坚持正确方向。\n二、重点任务\n（一）加强理论武装\n１．健全学习制度\n（二）压实责任\n２．完善清单\n"
    plan = read_text(text)[0]
    assert plan.tasks_heading == "重点任务"
    assert [(t.number, t.title) for t in plan.tasks] == [(1, "健全学习制度"), (2, "完善清单")]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.txt", b"", "文件是空的"),
    ("binary.txt", bytes(range(256)) * 4, "这不是文本文件（含有二进制内容）"),
    ("notzip.docx", "一、不是压缩包".encode(), "不是有效的 Word 文档（.docx 应为 zip 压缩包）"),
])
def test_bad_files(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        read_file(path)
    assert str(info.value) == f"{path}: {message}"


def test_zip_that_is_not_docx(tmp_path: Path) -> None:
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match=r"压缩包中没有 word/document\.xml"):
        read_file(path)


def test_docx_zip_bomb_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<w:document>" + b" " * (80 * 1024 * 1024) + b"</w:document>")
    with pytest.raises(InputError, match=r"正文过大|压缩比异常"):
        read_file(path)


def test_missing_path() -> None:
    with pytest.raises(InputError, match="文件不存在"):
        read_file(READER / "nope.txt")


def test_docx_with_word_automatic_numbering(tmp_path: Path) -> None:
    """Word's own list numbering (numbering.xml + w:numPr) reads like typed numbering."""
    from docx.oxml import parse_xml

    d = docx.Document()
    numbering = d.part.numbering_part.element
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    numbering.append(parse_xml(
        f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{w}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))

    d.add_paragraph("市民政局2026年意识形态工作要点")
    numbered("深化理论武装", 0)
    numbered("健全学习制度。严格落实中心组学习制度。", 1)
    numbered("开展专题研讨。组织专题研讨。", 1)
    numbered("压实主体责任", 0)
    numbered("完善责任清单。制定责任清单。", 1)
    path = tmp_path / "auto.docx"
    d.save(str(path))
    plan = read_file(path)[0]
    assert [(s.number, s.title) for s in plan.sections] == [(1, "深化理论武装"), (2, "压实主体责任")]
    assert [(t.number, t.title) for t in plan.tasks] == [(1, "健全学习制度"), (2, "开展专题研讨"), (1, "完善责任清单")]

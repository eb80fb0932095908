from __future__ import annotations

import io
import os
import re
import tempfile
import time
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest
from docx.shared import RGBColor
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from sample_plans import three_level_plan

from drafter.errors import InputError, OutputError, SchemaError
from drafter.fileio import write_atomic
from drafter.model import HINT_MARK, Part, PartKind, Plan, Section, Task, TaskNumbering
from drafter.render import render_docx, render_text, write_docx
from drafter.render.text import BlockKind, iter_blocks
from drafter.style_spec import ELEMENTS, builtin_style_path, load_style

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]")  # dropped: XML cannot hold them
THEORY = "坚持第一议题制度，深入学习贯彻【会议名称】精神。"

# --------------------------------------------------------------------------- plans


def six_section_plan() -> Plan:
    """Six sections of four tasks, a preamble, a 指导思想 front part and a 工作要求 back part."""
    themes = ["加强理论武装", "强化舆论引导", "推进文化建设", "筑牢网络阵地", "防范化解风险", "压实工作责任"]
    sections = []
    for s, theme in enumerate(themes):
        tasks = [
            Task(None, f"{theme}任务{t + 1}", "" if t == 3 else f"{THEORY}\n建立工作台账，每季度研究一次。",
                 hints=["召开专题会议研究部署"] if t == 0 else [])
            for t in range(4)
        ]
        sections.append(Section(None, theme, intro="围绕中心、服务大局。" if s == 0 else "", tasks=tasks))
    return Plan(
        title="【单位名称】2026年意识形态工作要点",
        year=2026,
        preamble="2026年是“十五五”开局之年。为做好全年意识形态工作，制定本要点。",
        front=[Part(PartKind.GUIDING, "指导思想", "以习近平新时代中国特色社会主义思想为指导。")],
        sections=sections,
        back=[Part(PartKind.REQUIREMENTS, "工作要求", items=[
            Task(None, "强化组织领导", "各科室要高度重视。"), Task(None, "严格督促检查")], item_level=2)],
    )


# --------------------------------------------------------------------------- helpers


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(name))


def style(styles: etree._Element, style_id: str) -> etree._Element:
    found = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
    assert found is not None, style_id
    return found


def attr(el: etree._Element | None, name: str) -> str | None:
    assert el is not None
    return el.get(f"{W}{name}")


@pytest.fixture(scope="module")
def six() -> bytes:
    return render_docx(six_section_plan())


@pytest.fixture(scope="module")
def styles(six: bytes) -> etree._Element:
    return part(six, "word/styles.xml")


# --------------------------------------------------------------------------- page, styles, settings


def test_page_is_a4_with_gbt9704_margins(six: bytes) -> None:
    sect = part(six, "word/document.xml").find(".//w:body/w:sectPr", NS)
    assert sect is not None
    size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    assert (attr(size, "w"), attr(size, "h")) == ("11906", "16838")
    assert {k: attr(margins, k) for k in ("top", "bottom", "left", "right", "footer")} == {
        "top": "2098", "bottom": "1984", "left": "1587", "right": "1474", "footer": "1417"}


@pytest.mark.parametrize(
    ("style_id", "font", "outline", "bold"),
    [("Heading1", "黑体", "0", "0"), ("Heading2", "楷体_GB2312", "1", "0"),
     ("Heading3", "仿宋_GB2312", "2", None), ("Heading4", "仿宋_GB2312", "3", "0")],
)
def test_headings_restyled(
    styles: etree._Element, style_id: str, font: str, outline: str, bold: str | None
) -> None:
    el = style(styles, style_id)
    fonts = el.find("w:rPr/w:rFonts", NS)
    assert {k: attr(fonts, k) for k in ("ascii", "hAnsi", "eastAsia", "cs")} == dict.fromkeys(
        ("ascii", "hAnsi", "eastAsia", "cs"), font)
    assert attr(el.find("w:pPr/w:outlineLvl", NS), "val") == outline
    assert el.find(".//w:color", NS) is None
    assert attr(el.find("w:rPr/w:sz", NS), "val") == "32"
    spacing = el.find("w:pPr/w:spacing", NS)
    assert [attr(spacing, k) for k in ("before", "line", "lineRule")] == ["0", "579", "exact"]
    b = el.find("w:rPr/w:b", NS)
    assert b is not None and attr(b, "val") == bold  # Heading 3 (task title) bold, others explicitly not
    assert el.find("w:semiHidden", NS) is None


def test_normal_style(styles: etree._Element) -> None:
    normal = style(styles, "Normal")
    fonts = normal.find("w:rPr/w:rFonts", NS)
    assert {attr(fonts, k) for k in ("ascii", "hAnsi", "eastAsia", "cs")} == {"仿宋_GB2312"}
    assert attr(normal.find("w:rPr/w:sz", NS), "val") == "32"
    assert attr(normal.find("w:rPr/w:spacing", NS), "val") == "-5"
    rpr = [child.tag for child in normal.find("w:rPr", NS)]
    assert rpr.index(f"{W}spacing") < rpr.index(f"{W}sz")  # schema order
    spacing = normal.find("w:pPr/w:spacing", NS)
    assert {k: attr(spacing, k) for k in ("before", "after", "line", "lineRule")} == {
        "before": "0", "after": "0", "line": "579", "lineRule": "exact"}
    ind = normal.find("w:pPr/w:ind", NS)
    assert (attr(ind, "firstLineChars"), attr(ind, "firstLine")) == ("200", "640")
    assert attr(normal.find("w:rPr/w:lang", NS), "eastAsia") == "zh-CN"


def test_title_style(styles: etree._Element) -> None:
    title = style(styles, "Title")
    assert attr(title.find("w:rPr/w:sz", NS), "val") == "44"
    assert attr(title.find("w:rPr/w:rFonts", NS), "eastAsia") == "方正小标宋简体"
    assert attr(title.find("w:pPr/w:jc", NS), "val") == "center"
    assert attr(title.find("w:pPr/w:ind", NS), "firstLine") == "0"
    assert attr(title.find("w:pPr/w:spacing", NS), "after") == "579"  # one empty line after
    assert title.find(".//w:color", NS) is None and title.find(".//w:pBdr", NS) is None


def test_no_theme_fonts_and_chinese_defaults(six: bytes, styles: etree._Element) -> None:
    for fonts in styles.iter(f"{W}rFonts"):
        names = {k[len(W) :] for k in fonts.attrib}
        assert not {"asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"} & names
    defaults = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert attr(defaults.find("w:rFonts", NS), "eastAsia") == "仿宋_GB2312"
    assert b"MS Mincho" not in etree.tostring(styles)
    settings = part(six, "word/settings.xml")
    assert attr(settings.find("w:themeFontLang", NS), "eastAsia") == "zh-CN"
    assert settings.find("w:evenAndOddHeaders", NS) is not None


def test_trimmed_package(six: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(six)) as z:
        names = z.namelist()
    assert names[0] == "[Content_Types].xml"
    assert names[1:] == sorted(names[1:])
    assert not [n for n in names if "thumbnail" in n or "customXml" in n or "stylesWithEffects" in n]


def test_font_table_names_alternatives(six: bytes) -> None:
    table = part(six, "word/fontTable.xml")
    fangsong = table.find("w:font[@w:name='仿宋_GB2312']", NS)
    assert attr(fangsong.find("w:altName", NS), "val") == "仿宋"


# --------------------------------------------------------------------------- body


def test_paragraphs_follow_the_block_walk() -> None:
    for plan in (six_section_plan(), three_level_plan()):
        doc = docx.Document(io.BytesIO(render_docx(plan)))
        names = {BlockKind.TITLE: "Title", BlockKind.PARAGRAPH: "Normal", BlockKind.LEAD: "Normal",
                 BlockKind.HINT: "Normal"}
        expected = [(names.get(b.kind) or f"Heading {b.level}", b.text) for b in iter_blocks(plan)]
        assert [(p.style.name, p.text) for p in doc.paragraphs] == expected
        assert [p.text for p in doc.paragraphs] == render_text(plan).splitlines()


def test_paragraph_texts_exactly() -> None:
    doc = docx.Document(io.BytesIO(render_docx(three_level_plan())))
    assert [(p.style.name, p.text) for p in doc.paragraphs] == [
        ("Title", "市民政局2026年意识形态工作要点"),
        ("Heading 1", "一、总体要求"),
        ("Normal", "坚持正确政治方向。"),
        ("Heading 1", "二、重点任务"),
        ("Heading 2", "（一）强化理论武装"),
        ("Normal", "1.抓好理论学习。落实学习制度。"),
        ("Heading 3", "2.开展宣讲"),
        ("Heading 2", "（二）加强阵地管理"),
        ("Normal", "1.管好网站。严格审核。"),
        ("Heading 1", "三、工作要求"),
        ("Normal", "各单位抓好落实。"),
    ]


def test_lead_run_bold_then_body_regular() -> None:
    doc = docx.Document(io.BytesIO(render_docx(six_section_plan())))
    lead = next(p for p in doc.paragraphs if p.text.startswith("1.加强理论武装任务1"))
    assert lead.runs[0].text == "1.加强理论武装任务1。"
    assert lead.runs[0].bold is True
    assert all(not run.bold for run in lead.runs[1:])
    level2 = next(p for p in doc.paragraphs if p.text.startswith("（一）强化组织领导"))
    assert level2.runs[0].text == "（一）强化组织领导。" and level2.runs[0].bold is True
    fonts = level2.runs[0]._element.find("w:rPr/w:rFonts", NS)
    assert attr(fonts, "eastAsia") == "楷体_GB2312"


def test_hints_are_marked() -> None:
    doc = docx.Document(io.BytesIO(render_docx(six_section_plan())))
    hint = next(p for p in doc.paragraphs if p.text.startswith(HINT_MARK))
    assert hint.text == f"{HINT_MARK}召开专题会议研究部署"
    assert all(run.italic and run.font.color.rgb == RGBColor(0x7F, 0x7F, 0x7F) for run in hint.runs)
    assert all(run.font.highlight_color is None for run in hint.runs)  # the mark is no placeholder


def test_placeholders_highlighted() -> None:
    doc = docx.Document(io.BytesIO(render_docx(six_section_plan())))
    runs = [run for p in doc.paragraphs for run in p.runs]
    marked = [(run.text, run._element.find("w:rPr/w:highlight", NS)) for run in runs]
    highlighted = {text for text, hl in marked if hl is not None}
    assert highlighted == {"【单位名称】", "【会议名称】"}
    assert all(attr(hl, "val") == "yellow" for _, hl in marked if hl is not None)


def test_xml_special_and_control_characters() -> None:
    task = Task(None, "x", "a\x0cb")
    plan = Plan(title="A&B <工作> 要点\x07", sections=[Section(None, "一\t节", tasks=[task])])
    doc = docx.Document(io.BytesIO(render_docx(plan)))
    assert [p.text for p in doc.paragraphs] == ["A&B <工作> 要点", "一、一\t节", "1.x。ab"]


words = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
tasks = st.builds(Task, st.none() | st.integers(0, 30), words, words, st.lists(words, max_size=2))
plans = st.builds(
    Plan,
    title=words,
    preamble=words,
    front=st.lists(st.builds(Part, st.just(PartKind.GUIDING), words, words, st.lists(tasks, max_size=2),
                             st.sampled_from([2, 3])), max_size=1),
    tasks_heading=st.none() | words,
    sections=st.lists(st.builds(Section, st.none() | st.integers(1, 30), words, words,
                                st.lists(tasks, max_size=3)), max_size=3),
    task_numbering=st.sampled_from(TaskNumbering),
)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans)
def test_any_plan_gives_a_valid_docx_with_the_block_texts(plan: Plan) -> None:
    doc = docx.Document(io.BytesIO(render_docx(plan, appendix=True)))
    texts = [p.text for p in doc.paragraphs]
    expected = [NOT_XML.sub("", block.text) for block in iter_blocks(plan)]
    assert texts[: len(expected)] == expected
    assert texts[len(expected) :] == ["附件", "任务分解表"]
    assert len(doc.tables[0].rows) == 1 + len(plan.tasks)


def test_multiline_title_keeps_its_line_break() -> None:
    doc = docx.Document(io.BytesIO(render_docx(Plan(title="关于做好2026年\n意识形态工作的要点"))))
    assert doc.paragraphs[0].text == "关于做好2026年\n意识形态工作的要点"


# --------------------------------------------------------------------------- footers, properties, determinism


def footer_paragraph(data: bytes, kind: str) -> etree._Element:
    document = part(data, "word/document.xml")
    ref = document.find(f".//w:sectPr/w:footerReference[@w:type='{kind}']", NS)
    rel_id = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    rels = part(data, "word/_rels/document.xml.rels")
    target = next(r.get("Target") for r in rels if r.get("Id") == rel_id)
    paragraph = part(data, f"word/{target}").find("w:p", NS)
    assert paragraph is not None
    return paragraph


@pytest.mark.parametrize(("kind", "side", "jc"), [("default", "right", "right"), ("even", "left", "left")])
def test_page_number_footers(six: bytes, kind: str, side: str, jc: str) -> None:
    p = footer_paragraph(six, kind)
    assert attr(p.find("w:pPr/w:jc", NS), "val") == jc
    ind = p.find("w:pPr/w:ind", NS)
    assert (attr(ind, f"{side}Chars"), attr(ind, side)) == ("100", "280")
    assert [attr(f, "fldCharType") for f in p.iterfind(".//w:fldChar", NS)] == ["begin", "separate", "end"]
    assert p.find(".//w:instrText", NS).text.strip() == "PAGE"
    texts = [t.text for t in p.iterfind(".//w:t", NS)]
    assert texts == ["— ", "1", " —"]
    for run in p.iterfind("w:r", NS):
        assert attr(run.find("w:rPr/w:rFonts", NS), "eastAsia") == "宋体"
        assert attr(run.find("w:rPr/w:sz", NS), "val") == "28"


def test_core_properties() -> None:
    doc = docx.Document(io.BytesIO(render_docx(six_section_plan())))
    props = doc.core_properties
    assert (props.title, props.author, props.revision) == ("【单位名称】2026年意识形态工作要点", "drafter", 1)
    assert props.created == props.modified == datetime(2026, 1, 1, tzinfo=timezone.utc)
    undated = docx.Document(io.BytesIO(render_docx(Plan(title="工作要点"))))
    assert undated.core_properties.created == datetime(2000, 1, 1, tzinfo=timezone.utc)


def test_same_plan_same_bytes() -> None:
    first = render_docx(six_section_plan(), appendix=True)
    assert render_docx(six_section_plan(), appendix=True) == first
    assert render_docx(three_level_plan()) != first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {info.date_time for info in z.infolist()} == {(2026, 1, 1, 0, 0, 0)}


def test_rendering_is_fast_enough() -> None:
    plan = six_section_plan()
    render_docx(plan)  # builds and caches the base document
    start = time.perf_counter()
    for _ in range(50):
        render_docx(plan)
    assert time.perf_counter() - start < 2.5  # ≥ 20 plans/s even on a slow machine (≈ 400/s here)


# --------------------------------------------------------------------------- appendix


def test_no_appendix_unless_asked(six: bytes) -> None:
    doc = docx.Document(io.BytesIO(six))
    assert not doc.tables
    assert "附件" not in [p.text for p in doc.paragraphs]


def test_appendix_table() -> None:
    plan = six_section_plan()
    doc = docx.Document(io.BytesIO(render_docx(plan, appendix=True)))
    label, title = doc.paragraphs[-2:]
    assert (label.text, title.text) == ("附件", "任务分解表")
    assert label.paragraph_format.page_break_before is True
    assert attr(label.runs[0]._element.find("w:rPr/w:rFonts", NS), "eastAsia") == "黑体"
    assert label.paragraph_format.first_line_indent == 0
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "重点任务", "牵头单位", "责任人", "完成时限"]
    assert len(table.rows) == 1 + len(plan.tasks)
    assert [c.text for c in table.rows[1].cells] == ["1", "加强理论武装任务1", "【  】", "【  】", "【  】"]
    assert table.rows[-1].cells[0].text == "24"
    borders = table._tbl.find("w:tblPr/w:tblBorders", NS)
    assert {attr(b, "val") for b in borders} == {"single"}
    assert attr(table.rows[1].cells[1].paragraphs[0].runs[0]._element.find("w:rPr/w:sz", NS), "val") == "28"


# --------------------------------------------------------------------------- style specs


def test_builtin_spec_is_complete() -> None:
    spec = load_style(None)
    assert spec is load_style(None)  # loaded once
    assert [getattr(spec, name).size_pt for name in ELEMENTS][:2] == [22, 16]
    assert spec.page_number.format == "— {page} —"


def test_spec_overlay_changes_fonts(tmp_path: Path) -> None:
    path = tmp_path / "office.yaml"
    path.write_text("fonts:\n  仿宋: 方正仿宋_GBK\nelements:\n  level1: {font: 方正黑体_GBK}\n",
                    encoding="utf-8")
    spec = load_style(path)
    fonts = (spec.body.font, spec.level3.font, spec.level1.font)
    assert fonts == ("方正仿宋_GBK", "方正仿宋_GBK", "方正黑体_GBK")
    assert spec.level1.size_pt == 16  # the rest comes from the built-in spec
    styles = part(render_docx(six_section_plan(), spec), "word/styles.xml")
    assert attr(style(styles, "Normal").find("w:rPr/w:rFonts", NS), "eastAsia") == "方正仿宋_GBK"
    assert attr(style(styles, "Heading1").find("w:rPr/w:rFonts", NS), "eastAsia") == "方正黑体_GBK"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("page:\n  width_mm: 210\n  colour: red\n", 3, ["page.colour", "margin_top_mm"]),
        ("elements:\n  body:\n    font: 仿宋\n    size_pt: big\n", 4, ["elements.body.size_pt", "数字"]),
        ("elements:\n  hint:\n    color: 000000\n", 3, ["color", "引号"]),
        ("elements:\n  title:\n    align: middle\n", 3, ["align", "center"]),
        ("page_number:\n  format: 第页\n", 2, ["{page}"]),
        ("grid:\n  line_pitch_twips: 579\n  line_pitch_twips: 580\n", 3, ["重复"]),
        ("page: [1, 2\n", 1, ["YAML", "括号“[”没有配对"]),
        ("- a\n- b\n", 1, ["键值映射"]),
    ],
)
def test_spec_errors_name_file_and_line(tmp_path: Path, text: str, line: int, words: list[str]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        load_style(path)
    error = caught.value
    assert (error.path, error.line) == (str(path), line)
    assert str(error).startswith(f"{path}:{line}:")
    for word in words:
        assert word in error.message


def test_spec_missing_or_empty(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="找不到样式文件"):
        load_style(tmp_path / "none.yaml")
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing\n", encoding="utf-8")
    with pytest.raises(SchemaError, match="为空"):
        load_style(empty)


def test_builtin_spec_file_uses_safe_yaml_only() -> None:
    assert "!!python" not in builtin_style_path().read_text(encoding="utf-8")


# --------------------------------------------------------------------------- reference documents


def make_reference(path: Path, *, footer: bool) -> None:
    doc = docx.Document()
    heading = doc.styles["Heading 1"]
    heading.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    heading.font.name = "Arial"
    doc.add_paragraph("旧正文，应被清除。")
    doc.add_heading("旧标题", 1)
    if footer:
        doc.sections[0].footer.paragraphs[0].text = "单位页脚"
    doc.save(str(path))


def test_reference_styles_used_as_is(tmp_path: Path) -> None:
    ref = tmp_path / "ref.docx"
    make_reference(ref, footer=True)
    data = render_docx(three_level_plan(), reference=ref)
    doc = docx.Document(io.BytesIO(data))
    assert "旧正文，应被清除。" not in [p.text for p in doc.paragraphs]
    assert doc.paragraphs[1].text == "一、总体要求"
    assert doc.styles["Heading 1"].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    assert doc.sections[0].footer.paragraphs[0].text == "单位页脚"
    assert doc.sections[0].page_width == docx.Document().sections[0].page_width  # its own page setup


def test_reference_without_footer_gets_page_numbers(tmp_path: Path) -> None:
    ref = tmp_path / "ref.docx"
    make_reference(ref, footer=False)
    data = render_docx(three_level_plan(), reference=ref)
    assert footer_paragraph(data, "default").find(".//w:instrText", NS) is not None


def test_bad_reference(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="找不到参考文档"):
        render_docx(Plan(), reference=tmp_path / "none.docx")
    fake = tmp_path / "fake.docx"
    fake.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError, match="不是有效的 Word 文档"):
        render_docx(Plan(), reference=fake)


# --------------------------------------------------------------------------- writing files


def test_write_docx_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "plan.docx"
    write_docx(three_level_plan(), target)
    first = target.read_bytes()
    with pytest.raises(OutputError) as caught:
        write_docx(six_section_plan(), target)
    assert "--force" in caught.value.message and caught.value.path == str(target)
    assert target.read_bytes() == first
    write_docx(six_section_plan(), target, force=True)
    assert target.read_bytes() == render_docx(six_section_plan())
    assert os.listdir(tmp_path) == ["plan.docx"]


def test_write_atomic_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / "no" / "plan.docx", b"x", force=False)
    assert caught.value.path == str(tmp_path / "no")


def test_write_atomic_unwritable_folder(tmp_path: Path) -> None:
    # a "folder" that is a regular file cannot take files, not even for root
    blocker = tmp_path / "blocker"
    blocker.write_bytes(b"")
    with pytest.raises(OutputError) as caught:
        write_atomic(blocker / "plan.docx", b"x", force=False)
    assert caught.value.path == str(blocker)
    assert os.listdir(tmp_path) == ["blocker"]


def test_write_atomic_folder_refusing_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_: object, **__: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(OutputError, match="无法在此文件夹中写入文件") as caught:
        write_atomic(tmp_path / "plan.docx", b"x", force=False)
    assert caught.value.path == str(tmp_path)


def test_write_atomic_cleans_up_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.docx"
    target.write_bytes(b"old")

    def broken(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OutputError, match="无法写入文件"):
        write_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["plan.docx"]


def test_write_atomic_into_a_folder_path(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="文件夹"):
        write_atomic(tmp_path, b"x", force=True)

"""Numbering styles beyond 一、/（一）/1./（1）: 第一部分, ①, ⑴, ⒈, ㈠/㊀, 1）, 一）, Ⅰ、, full-width digits.

Each small plan below is written in one style as real offices write them;
the sections and tasks read back must be the plan's own, with levels taken
from the document's hierarchy (① under 一、 is a task, ① under 1. is body
text of the task), and numbers inside sentences never become markers.
"""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from test_reader_restyle import SETTINGS, expected, plans

from drafter.corpus.reader import read_text
from drafter.model import Plan
from drafter.numbering import marker, norm

TITLE = "市档案馆2025年意识形态工作要点"
LEAD = "2025年，市档案馆意识形态工作坚持以习近平新时代中国特色社会主义思想为指导，全面落实意识形态工作责任制。"

Outline = list[tuple[str, list[str]]]


def shape(p: Plan) -> Outline:
    return [(s.title, [t.title for t in s.tasks]) for s in p.sections]


def read_one(lines: list[str]) -> Plan:
    plans = read_text("\n".join([TITLE, LEAD, *lines]))
    assert len(plans) == 1
    assert plans[0].title == TITLE and plans[0].year == 2025 and plans[0].org == "市档案馆"
    return plans[0]


TWO_BY_TWO: Outline = [("加强理论武装", ["落实学习制度", "开展专题宣讲"]),
                       ("守好宣传阵地", ["规范新媒体管理", "完善舆情台账"])]

#: (name, the plan's numbered lines, what reads back)
CASES: list[tuple[str, list[str], Outline]] = [
    ("第一部分 sections, 1． tasks", [
        "第一部分 加强理论武装",
        "1．落实学习制度。党组每月集中学习一次，第1次会议专题学习全会精神。",
        "2．开展专题宣讲。全年开展3次宣讲活动。",
        "第二部分：守好宣传阵地",
        "3．规范新媒体管理。建立账号台账，实行销号管理。",
        "4．完善舆情台账。每季度通报一次进展情况。",
    ], TWO_BY_TWO),
    ("第一部分 with a full-width space and 、 tasks", [
        "第一部分\u3000加强理论武装",
        "1、落实学习制度。每月集中学习一次。",
        "2、开展专题宣讲。全年开展3次宣讲活动。",
        "第二部分\u3000守好宣传阵地",
        "1、规范新媒体管理。建立账号台账。",
        "2、完善舆情台账。每季度通报一次。",
    ], TWO_BY_TWO),
    ("第一章 sections glued to their titles", [
        "第一章加强理论武装",
        "1.落实学习制度。每月集中学习一次。",
        "2.开展专题宣讲。全年开展3次宣讲活动。",
        "第二章守好宣传阵地",
        "3.规范新媒体管理。建立账号台账。",
        "4.完善舆情台账。每季度通报一次。",
    ], TWO_BY_TWO),
    ("① tasks under 一、", [
        "一、加强理论武装",
        "①落实学习制度。每月集中学习一次。",
        "②开展专题宣讲。全年开展3次宣讲活动。",
        "二、守好宣传阵地",
        "③规范新媒体管理。建立账号台账。",
        "④完善舆情台账。每季度通报一次。",
    ], TWO_BY_TWO),
    ("1） tasks under （一） under 一、", [
        "一、重点任务",
        "（一）加强理论武装",
        "1）落实学习制度。每月集中学习一次。",
        "2）开展专题宣讲。全年开展3次宣讲活动。",
        "（二）守好宣传阵地",
        "1)规范新媒体管理。建立账号台账。",
        "2)完善舆情台账。每季度通报一次。",
    ], TWO_BY_TWO),
    ("1) tasks under (一) alone", [
        "(一)加强理论武装",
        "1)落实学习制度。每月集中学习一次。",
        "2)开展专题宣讲。全年开展3次宣讲活动。",
        "(二)守好宣传阵地",
        "3)规范新媒体管理。建立账号台账。",
        "4)完善舆情台账。每季度通报一次。",
    ], TWO_BY_TWO),
    ("㈠ sections, ⑴ tasks", [
        "㈠加强理论武装",
        "⑴落实学习制度。每月集中学习一次。",
        "⑵开展专题宣讲。全年开展3次宣讲活动。",
        "㈡守好宣传阵地",
        "⑶规范新媒体管理。建立账号台账。",
        "⑷完善舆情台账。每季度通报一次。",
    ], TWO_BY_TWO),
    ("㊀ sections, ⒈ tasks restarting", [
        "㊀ 加强理论武装",
        "⒈落实学习制度。每月集中学习一次。",
        "⒉开展专题宣讲。全年开展3次宣讲活动。",
        "㊁ 守好宣传阵地",
        "⒈规范新媒体管理。建立账号台账。",
        "⒉完善舆情台账。每季度通报一次。",
    ], TWO_BY_TWO),
    ("一） sections, 1. tasks", [
        "一）加强理论武装",
        "1.落实学习制度。每月集中学习一次。",
        "2.开展专题宣讲。全年开展3次宣讲活动。",
        "二）守好宣传阵地",
        "3.规范新媒体管理。建立账号台账。",
        "4.完善舆情台账。每季度通报一次。",
    ], TWO_BY_TWO),
    ("(一、 with the bracket left open", [
        "一、重点任务",
        "(一、加强理论武装",
        "1.落实学习制度。每月集中学习一次。",
        "2.开展专题宣讲。全年开展3次宣讲活动。",
        "(二、守好宣传阵地",
        "3.规范新媒体管理。建立账号台账。",
        "4.完善舆情台账。每季度通报一次。",
    ], TWO_BY_TWO),
    ("Roman Ⅰ、 sections, 1. tasks", [
        "Ⅰ、加强理论武装",
        "1.落实学习制度。每月集中学习一次。",
        "2.开展专题宣讲。全年开展3次宣讲活动。",
        "Ⅱ、守好宣传阵地",
        "3.规范新媒体管理。建立账号台账。",
        "4.完善舆情台账。每季度通报一次。",
    ], TWO_BY_TWO),
    ("full-width １． tasks", [
        "一、加强理论武装",
        "１．落实学习制度。每月集中学习一次。",
        "２．开展专题宣讲。全年开展3次宣讲活动。",
        "二、守好宣传阵地",
        "３．规范新媒体管理。建立账号台账。",
        "４．完善舆情台账。每季度通报一次。",
    ], TWO_BY_TWO),
    ("⑴ subsections under 一、 over ① tasks", [
        "一、重点任务",
        "⑴加强理论武装",
        "①落实学习制度。每月集中学习一次。",
        "②开展专题宣讲。全年开展3次宣讲活动。",
        "⑵守好宣传阵地",
        "③规范新媒体管理。建立账号台账。",
        "④完善舆情台账。每季度通报一次。",
    ], TWO_BY_TWO),
]


@pytest.mark.parametrize(("lines", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_style_reads_as_sections_and_tasks(lines: list[str], want: Outline) -> None:
    plan = read_one(lines)
    assert shape(plan) == want
    assert all(s.number for s in plan.sections)
    assert [t.number for t in plan.tasks] == _numbers(lines)


def _numbers(lines: list[str]) -> list[int]:
    """The task numbers the lines give (task lines are the ones with a body sentence)."""
    return [m.number for ln in lines if "。" in ln for m in [marker(norm(ln))] if m is not None]


def test_circled_items_under_a_task_stay_its_body() -> None:
    plan = read_one([
        "一、加强理论武装",
        "1.落实学习制度。重点做好三件事：",
        "①每月集中学习一次；",
        "②每季度专题研讨一次；",
        "③年底开展学习测试。",
        "2.开展专题宣讲。全年开展3次宣讲活动。",
        "二、守好宣传阵地",
        "3.规范新媒体管理。建立账号台账。",
    ])
    assert shape(plan) == [("加强理论武装", ["落实学习制度", "开展专题宣讲"]), ("守好宣传阵地", ["规范新媒体管理"])]
    assert plan.tasks[0].body == "重点做好三件事：\n①每月集中学习一次；\n②每季度专题研讨一次；\n③年底开展学习测试。"


def test_bracket_items_under_a_task_stay_its_body() -> None:
    plan = read_one([
        "一、加强理论武装",
        "（一）落实学习制度",
        "1.抓好集中学习。分三步推进：",
        "1）制定学习计划；",
        "2）组织专题研讨。",
        "2.开展专题宣讲。全年开展3次宣讲活动。",
    ])
    assert shape(plan) == [("落实学习制度", ["抓好集中学习", "开展专题宣讲"])]
    assert plan.tasks[0].body == "分三步推进：\n1）制定学习计划；\n2）组织专题研讨。"


def test_enclosed_numbers_only_read_as_a_plan() -> None:
    """A plan numbered with enclosed characters alone (㈠ over ⑴): nothing else to anchor it."""
    plans = read_text("\n".join([TITLE, "㈠加强理论武装", "⑴落实学习制度。每月集中学习一次。",
                                 "⑵开展专题宣讲。全年开展宣讲活动。", "㈡守好宣传阵地", "⑴规范新媒体管理。建立账号台账。"]))
    assert [shape(p) for p in plans] == [[("加强理论武装", ["落实学习制度", "开展专题宣讲"]),
                                          ("守好宣传阵地", ["规范新媒体管理"])]]


def test_part_over_chinese_sections_is_not_a_level_of_its_own() -> None:
    """第一部分 standing over 一、 sections: its lines stay text, the 一、 sections read as before."""
    lines = ["第一部分 总体要求", "一、加强理论武装", "1.落实学习制度。每月集中学习一次。",
             "二、守好宣传阵地", "2.规范新媒体管理。建立账号台账。"]
    plan = read_one(lines)
    assert shape(plan) == [("加强理论武装", ["落实学习制度"]), ("守好宣传阵地", ["规范新媒体管理"])]
    assert "第一部分 总体要求" in plan.preamble


def test_part_under_a_section_is_text() -> None:
    plan = read_one(["一、加强理论武装", "1.落实学习制度。每月集中学习一次。", "第二部分 守好宣传阵地",
                     "2.规范新媒体管理。建立账号台账。"])
    assert shape(plan) == [("加强理论武装", ["落实学习制度", "规范新媒体管理"])]
    assert plan.tasks[0].body == "每月集中学习一次。\n第二部分 守好宣传阵地"


@pytest.mark.parametrize("line", [
    "第一部分内容主要包括理论学习和宣传阵地两方面。",
    "第一议题制度要落实到位，每次会议先学习。",
    "第1次会议专题学习全会精神。",
    "第二十届中央委员会第三次全体会议精神。",
    "第三章的规定要逐条落实。",
    "1）",
    "①",
    "2024）年度考核结果运用。",
    "（一、二季度完成调研，三季度形成报告）",
    "十）",
])
def test_numbers_inside_sentences_are_not_markers(line: str) -> None:
    assert marker(norm(line)) is None


def test_part_headings_between_sentences_stay_sentences() -> None:
    plan = read_one([
        "一、加强理论武装",
        "1.落实学习制度。每月集中学习一次。",
        "第一议题制度要落实到位，每次会议先学习。",
        "第二十届中央委员会第三次全体会议精神要学深悟透。",
        "2.开展专题宣讲。全年开展3次宣讲活动。",
    ])
    assert shape(plan) == [("加强理论武装", ["落实学习制度", "开展专题宣讲"])]
    assert "第一议题" in plan.tasks[0].body and "第二十届" in plan.tasks[0].body


# --- check and import on such plans ------------------------------------------------------------


def _structure_findings(lines: list[str]) -> list[tuple[str, str]]:
    from drafter.review.check import check_draft
    from drafter.review.findings import Draft

    plan = read_one(lines)
    return [(f.code, f.message) for f in check_draft(Draft(plan)) if f.code.startswith(("numbering", "mark"))]


@pytest.mark.parametrize(("lines", "want"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_check_finds_no_numbering_fault_in_a_consistent_style(lines: list[str], want: Outline) -> None:
    assert _structure_findings(lines) == []


def test_check_still_reports_a_real_mix_of_task_styles() -> None:
    got = _structure_findings([
        "㈠加强理论武装", "⑴落实学习制度。每月集中学习一次。", "⑵开展专题宣讲。全年开展宣讲活动。",
        "㈡守好宣传阵地", "1.规范新媒体管理。建立账号台账。", "2.完善舆情台账。每季度通报一次。",
        "㈢压实工作责任", "⑴健全考核办法。年底考核一次。", "⑵强化结果运用。考核结果通报全局。",
    ])
    assert got == [("numbering-style", "任务编号样式不一致：其他部分用“⑴”，这一部分用“1.”")]


def test_check_names_a_section_as_the_plan_numbers_it() -> None:
    from drafter.review.check import check_draft
    from drafter.review.findings import Draft

    plan = read_one(["第一部分 加强理论武装", "1．落实学习制度。每月集中学习一次。", "3．开展专题宣讲。全年开展宣讲活动。"])
    gaps = [f.where for f in check_draft(Draft(plan)) if f.code == "numbering-gap"]
    assert gaps == ["第一部分第 3 项"]


@pytest.mark.parametrize("case", [0, 6], ids=["第一部分", "㈠⑴"])
def test_import_maps_the_styles_sections_to_the_template(tmp_path, case: int) -> None:  # type: ignore[no-untyped-def]
    import yaml

    from drafter.review.importer import import_plan

    src = tmp_path / "要点.txt"
    src.write_text("\n".join([TITLE, LEAD, *CASES[case][1]]), encoding="utf-8")
    data = yaml.safe_load(import_plan(src).yaml_text)
    assert [(s["heading"], [t["title"] for t in s["tasks"]]) for s in data["themes"]] == TWO_BY_TWO


# --- property: a plan re-styled in these styles reads back the same ------------------------------

TOPS = ["一、", "第一部分 ", "第一部分：", "第一章　", "㈠", "㊀ ", "一）", "Ⅰ、"]
SUBS = ["（一）", "㈠", "⑴", "一）"]
TASK_STYLES = ["1.", "１．", "①", "⑴", "⒈", "1)", "1）"]
RUN_TOPS = [t for t in TOPS if t != "一）"]
RUN_TASKS = [t for t in TASK_STYLES if t not in ("1)", "1）")]


def _mark(style: str, n: int) -> str:
    """``style`` (written for number 1) for number ``n``."""
    from drafter.numbering import cn_numeral

    first = next((c for c in style if c in "一1１①⑴⒈㈠㊀Ⅰ"), None)
    if first is None:
        raise ValueError(style)
    if first == "一":
        return style.replace("一", cn_numeral(n), 1)
    if first == "1":
        return style.replace("1", str(n), 1)
    if first == "１":
        return style.replace("１", "".join(chr(ord(d) - ord("0") + ord("０")) for d in str(n)), 1)
    return style.replace(first, chr(ord(first) + n - 1), 1)


def _restyled(plan, top: str, task: str, restart: bool, sub: str | None) -> list[str]:  # type: ignore[no-untyped-def]
    org, year, sections = plan
    lines = [f"{org}{year}年意识形态工作要点", f"{year}年，{org}意识形态工作坚持以习近平新时代中国特色社会主义思想为指导。"]
    if sub is not None:
        lines.append(_mark(top, 1) + "重点任务")
    k = 0
    for i, (head, tasks) in enumerate(sections, 1):
        lines.append(_mark(sub if sub is not None else top, i) + head)
        for j, (title, body) in enumerate(tasks, 1):
            k = j if restart else k + 1
            lines.append(f"{_mark(task, k)}{title}。{body}")
    return lines


def test_marks_of_every_style_are_markers() -> None:
    for style in [*TOPS, *SUBS, *TASK_STYLES]:
        for n in (1, 2, 9, 10):
            m = marker(norm(_mark(style, n) + "加强"))
            assert m is not None and m.number == n, (style, n)


@SETTINGS
@given(plan=plans(), top=st.sampled_from(TOPS), task=st.sampled_from(TASK_STYLES), restart=st.booleans())
def test_restyled_two_levels_read_back(plan, top: str, task: str, restart: bool) -> None:  # type: ignore[no-untyped-def]
    """一、→第一部分/㈠/一）/Ⅰ、…, 1.→①/⑴/⒈/1）…: the same sections and tasks."""
    read = read_text("\n".join(_restyled(plan, top, task, restart, None)))
    assert [(p.title, shape(p)) for p in read] == [expected(plan)]
    assert read[0].org == plan[0] and read[0].year == plan[1]


@SETTINGS
@given(plan=plans(), sub=st.sampled_from(SUBS), task=st.sampled_from(TASK_STYLES), restart=st.booleans(),
       glue=st.sampled_from(["\n", "", " "]))
def test_restyled_under_a_grouping_heading_read_back(plan, sub: str, task: str, restart: bool,  # type: ignore[no-untyped-def]
                                                     glue: str) -> None:
    """一、重点任务 → （一）→㈠/⑴/一） → 1.→①/1）…: three levels, the same sections and tasks (also on one line)."""
    assume(sub != task)
    assume(glue == "\n" or (sub != "一）" and task in RUN_TASKS))
    read = read_text(glue.join(_restyled(plan, "一、", task, restart, sub)))
    assert [(p.title, shape(p)) for p in read] == [expected(plan)]
    assert read[0].tasks_heading == "重点任务"


@SETTINGS
@given(plan=plans(), top=st.sampled_from(RUN_TOPS), task=st.sampled_from(RUN_TASKS), restart=st.booleans(),
       glue=st.sampled_from(["", " "]))
def test_restyled_plan_run_together_on_one_line_reads_back(plan, top: str, task: str, restart: bool,  # type: ignore[no-untyped-def]
                                                           glue: str) -> None:
    """The whole re-styled plan on one line (a document-sharing preview): cut at its markers, nowhere else.

    Not 1） and 一）: a line is not cut there (too like a figure or a bracket inside a sentence).
    """
    lines = _restyled(plan, top, task, restart, None)
    read = read_text(glue.join(lines))
    assert [(p.title, shape(p)) for p in read] == [expected(plan)]
    assert [t.body for t in read[0].tasks] == [b for _, ts in plan[2] for _, b in ts]  # numbers in sentences stay


LISTED = "重点做好三件事：①每月集中学习一次；②每季度专题研讨一次；③年底开展学习测试。"


@pytest.mark.parametrize("joined", [False, True], ids=["lines", "one line"])
def test_circled_list_inside_a_sentence_stays_in_it(joined: bool) -> None:
    lines = [TITLE, LEAD, "一、加强理论武装", f"1.落实学习制度。{LISTED}", "2.开展专题宣讲。全年开展3次宣讲活动。",
             "二、守好宣传阵地", "3.规范新媒体管理。建立账号台账，实行销号管理。"]
    plans_read = read_text(("" if joined else "\n").join(lines))
    assert [shape(p) for p in plans_read] == [[("加强理论武装", ["落实学习制度", "开展专题宣讲"]),
                                               ("守好宣传阵地", ["规范新媒体管理"])]]
    assert plans_read[0].tasks[0].body == LISTED


def test_sections_mixing_two_styles_in_one_sequence_are_siblings_and_check_says_so() -> None:
    """"㈠ … 二、 … ㈢": the document's sections, one written in another style; check names the odd one."""
    from drafter.review.check import check_draft
    from drafter.review.findings import Draft

    plan = read_one(["㈠加强理论武装", "1.落实学习制度。每月集中学习一次。", "二、守好宣传阵地", "2.规范新媒体管理。建立账号台账。",
                     "㈢压实工作责任", "3.健全考核办法。年底考核一次。"])
    assert shape(plan) == [("加强理论武装", ["落实学习制度"]), ("守好宣传阵地", ["规范新媒体管理"]),
                           ("压实工作责任", ["健全考核办法"])]
    assert [f.message for f in check_draft(Draft(plan)) if f.code.startswith("numbering")] == [
        "“二、守好宣传阵地”是与“㈠”同级的标题，编号却用了另一级的写法“二、”，应为“㈡”"]


def test_tasks_mixing_two_bracket_styles_in_one_sequence_are_siblings() -> None:
    plan = read_one(["一、加强理论武装", "⑴落实学习制度。每月集中学习一次。", "⑵开展专题宣讲。全年开展宣讲活动。",
                     "（3）规范新媒体管理。建立账号台账。", "⑷完善舆情台账。每季度通报一次。"])
    assert shape(plan) == [("加强理论武装", ["落实学习制度", "开展专题宣讲", "规范新媒体管理", "完善舆情台账"])]


@pytest.mark.parametrize("mark", ["第一部分", "一、", "㈠", "（一）"])
def test_a_section_marker_alone_takes_its_title_from_the_next_line(mark: str) -> None:
    second = _mark(mark, 2) if mark != "（一）" else "（二）"
    plan = read_one([mark, "加强理论武装", "1．落实学习制度。每月集中学习一次。", second, "守好宣传阵地",
                     "2．规范新媒体管理。建立账号台账，实行销号管理。"])
    assert shape(plan) == [("加强理论武装", ["落实学习制度"]), ("守好宣传阵地", ["规范新媒体管理"])]
    assert [s.intro for s in plan.sections] == ["", ""]


def test_part_alone_over_chinese_sections_keeps_its_title_line_as_text() -> None:
    plan = read_one(["第一部分", "总体要求", "一、加强理论武装", "1.落实学习制度。每月集中学习一次。"])
    assert shape(plan) == [("加强理论武装", ["落实学习制度"])]
    assert plan.preamble.endswith("第一部分\n总体要求")


@pytest.mark.parametrize(("top", "task"), [
    (("ideographEnclosedCircle", "%1"), ("decimalEnclosedParen", "%2")),
    (("chineseCounting", "%1、"), ("decimalEnclosedCircle", "%2")),
    (("chineseCounting", "%1、"), ("decimalEnclosedFullstop", "%2")),
], ids=["㊀⑴", "一、①", "一、⒈"])
def test_word_automatic_numbering_in_enclosed_formats(tmp_path, top: tuple[str, str], task: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    import docx
    from docx.oxml import parse_xml

    from drafter.corpus.reader import read_file

    d = docx.Document()
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    lvl = '<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
    d.part.numbering_part.element.append(parse_xml(
        f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="91">'
        + lvl.format(i=0, fmt=top[0], text=top[1]) + lvl.format(i=1, fmt=task[0], text=task[1]) + "</w:abstractNum>"))
    d.part.numbering_part.element.append(parse_xml(f'<w:num xmlns:w="{w}" w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    d.add_paragraph(TITLE)
    for text, level in [("加强理论武装", 0), ("落实学习制度。每月集中学习一次。", 1), ("开展专题宣讲。全年开展宣讲活动。", 1),
                        ("守好宣传阵地", 0), ("规范新媒体管理。建立账号台账。", 1), ("完善舆情台账。每季度通报一次。", 1)]:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="{level}"/><w:numId w:val="91"/></w:numPr>'))
    path = tmp_path / "auto.docx"
    d.save(str(path))
    assert [shape(p) for p in read_file(path)] == [TWO_BY_TWO]


@pytest.mark.parametrize("odd", ["二）", "㈡", "⑵"])
def test_one_heading_written_in_another_bracket_style_stays_a_sibling(odd: str) -> None:
    plan = read_one(["（一）加强理论武装", "1.落实学习制度。每月集中学习一次。", f"{odd}守好宣传阵地",
                     "2.规范新媒体管理。建立账号台账。", "（三）压实工作责任", "3.健全考核办法。年底考核一次。"])
    assert shape(plan) == [("加强理论武装", ["落实学习制度"]), ("守好宣传阵地", ["规范新媒体管理"]),
                           ("压实工作责任", ["健全考核办法"])]

"""Two shapes the reader meets on real pages: an outline block before the plan, damaged top-level numbers.

1. The outline (提纲) of a plan printed first — headed "提纲：", by a title
   ending in 提纲, or as a bare list of 一、二、三、 headings — then the title,
   preamble and full text of the same plan: one plan, its lines accounted for.
   An untitled block that lists other headings stays a listing of its own.
2. One top-level heading numbered in another style ("((二))", "（二）") among
   一、/三、 (or "二、" among （一）/（三）): still a top-level heading; the plan
   keeps its sections and their tasks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.corpus.clean import clean
from drafter.corpus.extract import read_lines
from drafter.corpus.reader import read_file_unplaced, read_text
from drafter.corpus.structure import tokenize
from drafter.model import Plan

TITLE = "县林业局2025年宣传思想工作要点"
PREAMBLE = "为做好今年全局宣传思想工作，结合林区工作实际，制定本要点。"
HEADS = ["抓好理论学习", "做强正面宣传", "管好网络阵地"]
BODY = [
    "一、抓好理论学习",
    "1.落实党组理论学习中心组制度。每季度集中学习一次。",
    "2.组织青年干部读书班。",
    "二、做强正面宣传",
    "3.宣传护林防火工作成效。",
    "4.办好局门户网站专栏。",
    "三、管好网络阵地",
    "5.建立网络舆情台账。",
    "6.规范政务新媒体账号管理。",
]


def shape(p: Plan) -> tuple[str, list[tuple[str, list[str]]]]:
    return p.title, [(s.title, [t.title for t in s.tasks]) for s in p.sections]


FULL = (TITLE, [("抓好理论学习", ["落实党组理论学习中心组制度", "组织青年干部读书班"]),
                ("做强正面宣传", ["宣传护林防火工作成效", "办好局门户网站专栏"]),
                ("管好网络阵地", ["建立网络舆情台账", "规范政务新媒体账号管理"])])


def _file(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("block", [
    ["提纲：", "一、抓好理论学习", "二、做强正面宣传", "三、管好网络阵地"],  # labelled
    ["一、抓好理论学习", "二、做强正面宣传", "三、管好网络阵地"],  # bare
    ["【提纲】", "（一）抓好理论学习", "（二）做强正面宣传", "（三）管好网络阵地"],  # another marker style
    ["一、抓好理论学习工作", "二、做强正面宣传", "三、切实管好网络阵地"],  # small wording differences
    ["提纲", "一、理论学习", "二、正面宣传", "三、网络阵地"],  # shortened headings
    ["目录", "一、抓好理论学习……1", "二、做强正面宣传……2", "三、管好网络阵地……3"],  # with page numbers
    ["一、抓好理论学习", "1.落实党组理论学习中心组制度", "2.组织青年干部读书班", "二、做强正面宣传",
     "3.宣传护林防火工作成效", "4.办好局门户网站专栏", "三、管好网络阵地"],  # with task lines
    [f"{TITLE}提纲", "一、抓好理论学习", "二、做强正面宣传", "三、管好网络阵地"],  # titled 提纲 (as before)
])
def test_outline_block_before_its_plan_is_one_plan(tmp_path: Path, block: list[str]) -> None:
    path = _file(tmp_path, [*block, TITLE, PREAMBLE, *BODY])
    plans, unplaced = read_file_unplaced(path)
    assert [shape(p) for p in plans] == [FULL]
    plan = plans[0]
    assert not plan.outline_only and not plan.truncated
    assert plan.org == "县林业局" and plan.year == 2025
    assert unplaced == []
    # the block's lines are the plan's: its sources cover them (a table of contents with page
    # numbers is furniture instead: noted as toc noise)
    covered = {n for s in plan.sources for n in range(s.start, s.end + 1)}
    covered |= {n.line for n in clean(read_lines(path)).noise if n.kind == "toc"}
    assert {i for i, text in enumerate(block, 1) if "、" in text or "）" in text} <= covered


def test_outline_block_of_a_text_that_stops_early(tmp_path: Path) -> None:
    """The block lists all sections, the text shows two: one plan, the third known from the outline."""
    path = _file(tmp_path, ["提纲：", "一、抓好理论学习", "二、做强正面宣传", "三、管好网络阵地",
                            TITLE, PREAMBLE, *BODY[:6]])
    plans, unplaced = read_file_unplaced(path)
    assert len(plans) == 1 and unplaced == []
    plan = plans[0]
    assert [s.title for s in plan.sections] == HEADS
    assert plan.truncated and plan.sections[2].outline_only and not plan.sections[0].outline_only


WRAPPED = [TITLE, PREAMBLE, "一、总体要求", "坚持正确方向，服务林业发展大局。", "二、重点任务", "（一）抓好理论学习",
           "1.落实党组理论学习中心组制度。每季度集中学习一次。", "（二）做强正面宣传", "2.宣传护林防火工作成效。",
           "三、保障措施", "局党组统一领导，办公室具体负责。"]


@pytest.mark.parametrize("block", [["一、总体要求", "二、重点任务", "三、保障措施"],
                                   ["提纲：", "（一）抓好理论学习", "（二）做强正面宣传"]])
def test_outline_block_of_a_plan_with_framing_parts(tmp_path: Path, block: list[str]) -> None:
    """The block lists the framing parts and the task heading, or the themed sections under it."""
    plans, unplaced = read_file_unplaced(_file(tmp_path, [*block, *WRAPPED]))
    assert unplaced == [] and len(plans) == 1
    plan = plans[0]
    assert [s.title for s in plan.sections] == ["抓好理论学习", "做强正面宣传"]
    assert [p.heading for p in plan.front + plan.back] == ["总体要求", "保障措施"]
    assert not plan.truncated and not plan.outline_only


def test_outline_block_listing_more_than_the_text_shows(tmp_path: Path) -> None:
    plans, _ = read_file_unplaced(_file(tmp_path, ["提纲", "一、抓好理论学习", "二、做强正面宣传", "三、管好网络阵地",
                                                   "四、建强宣传队伍", TITLE, PREAMBLE, *BODY]))
    assert len(plans) == 1
    plan = plans[0]
    assert [s.title for s in plan.sections] == [*HEADS, "建强宣传队伍"]
    assert [s.outline_only for s in plan.sections] == [False, False, False, True]
    assert plan.truncated


def test_block_listing_other_headings_stays_its_own(tmp_path: Path) -> None:
    other = ["一、加强森林防火", "二、推进国土绿化", "三、严格林地保护"]
    plans, unplaced = read_file_unplaced(_file(tmp_path, [*other, TITLE, PREAMBLE, *BODY]))
    assert unplaced == []
    assert [shape(p) for p in plans] == [("", [(h[2:], []) for h in other]), FULL]
    assert plans[0].outline_only and not plans[1].outline_only


def test_outline_block_before_tasks_without_full_stops(tmp_path: Path) -> None:
    """Terse task lines ("1.组织青年干部读书班") are still the text after the block, not a second listing."""
    body = [line.split("。")[0] for line in BODY]
    plans, _ = read_file_unplaced(_file(tmp_path, ["一、抓好理论学习", "二、做强正面宣传", "三、管好网络阵地",
                                                   TITLE, PREAMBLE, *body]))
    assert [shape(p) for p in plans] == [FULL]


# --- damaged numbering at the top level --------------------------------------------------------

def _plan(marks: list[str], tasks: str = "{}.") -> str:
    lines = ["区农机中心2024年意识形态工作要点", "今年的意识形态工作要紧扣农机化发展大局。"]
    k = 0
    for mark, head in zip(marks, ["健全学习制度", "压实主体责任", "用好宣传平台", "防范网络风险"], strict=False):
        lines.append(f"{mark}{head}")
        for _ in range(2):
            k += 1
            lines.append(f"{tasks.format(k)}任务事项{k}。按期完成。")
    return "\n".join(lines)


PLAIN = [("健全学习制度", ["任务事项1", "任务事项2"]), ("压实主体责任", ["任务事项3", "任务事项4"]),
         ("用好宣传平台", ["任务事项5", "任务事项6"]), ("防范网络风险", ["任务事项7", "任务事项8"])]


@pytest.mark.parametrize("marks", [
    ["一、", "((二))", "三、", "四、"],
    ["一、", "（（二））", "三、", "四、"],
    ["一、", "（二）", "三、", "四、"],
    ["一、", "二、", "(三)", "四、"],
    ["一、", "二、", "三、", "((四))"],  # the last one
    ["一，", "二.", "（（三））", "四．"],  # half- and full-width mixed
    ["（一）", "（二）", "三、", "（四）"],  # a plan whose top level is （一）
    ["一、", "（二）", "（三）", "（四）"],  # … whose first heading is written 一、
    ["((一))", "二、", "三、", "四、"],  # the first one damaged
])
@pytest.mark.parametrize("tasks", ["{}.", "{} .", "{}、", "{}．"])
def test_one_top_level_marker_in_another_style(marks: list[str], tasks: str) -> None:
    (plan,) = read_text(_plan(marks, tasks))
    assert [(s.title, [t.title for t in s.tasks]) for s in plan.sections] == PLAIN
    assert [s.number for s in plan.sections] == [1, 2, 3, 4]
    assert not plan.front and not plan.back


def test_damaged_marker_keeps_its_own_writing() -> None:
    """The section read as top level keeps the marker as written: check can still point at it."""
    (plan,) = read_text(_plan(["一、", "((二))", "三、", "四、"]))
    assert plan.sections[1].mark == "(二)"


def test_eleven_sections_with_a_damaged_one() -> None:
    names = ["学习", "责任", "宣传", "网络", "队伍", "文化", "廉政", "协调", "考核", "督查", "保障"]
    lines = ["镇农业服务中心2025年意识形态工作要点"]
    for i, name in enumerate(names, 1):
        mark = "((二))" if i == 2 else "一二三四五六七八九十"[i - 1] + "、" if i <= 10 else "十一、"
        lines += [f"{mark}加强{name}工作", f"{i}.落实{name}事项。"]
    (plan,) = read_text("\n".join(lines))
    assert [s.title for s in plan.sections] == [f"加强{n}工作" for n in names]
    assert [s.number for s in plan.sections] == list(range(1, 12))
    assert [len(s.tasks) for s in plan.sections] == [1] * 11


def test_three_levels_with_a_damaged_top_marker() -> None:
    """一、/（一）/1. with 二、 written "((二))": the （一） under it show it stands above them."""
    lines = ["市气象局2024年宣传工作要点"]
    k = 0
    for mark in ["一、", "((二))", "三、"]:
        lines.append(f"{mark}部分{mark[-2]}")
        for sub in ("（一）", "（二）"):
            k += 1
            lines += [f"{sub}小节{k}", f"{k}.事项{k}。"]
    damaged = read_text("\n".join(lines))
    plain = read_text("\n".join(lines).replace("((二))", "二、"))
    assert [shape(p) for p in damaged] == [shape(p) for p in plain]


@pytest.mark.parametrize("text", [
    # numbered on across sections: （三） goes on from （二）, under 二、
    "一、总体要求\n（一）指导思想。坚持正确方向。\n（二）工作目标。全年无事故。\n二、重点任务\n（三）强化学习。每月一次。\n（四）加强宣传。每季一次。",
    # the last section's subsections numbered on
    "一、总体要求\n（一）指导思想。坚持正确方向。\n（二）工作目标。全年无事故。\n二、重点任务\n（三）强化学习。每月一次。",
    # a second subsection under 一、, not a section: 二、 follows
    "一、总体要求\n（一）指导思想。坚持正确方向。\n（二）工作目标。全年无事故。\n二、重点任务\n1.强化学习。每月一次。",
])
def test_subsections_stay_subsections(text: str) -> None:
    tokens = tokenize(list(enumerate(("某县审计局2024年工作要点\n" + text).split("\n"), 1)))
    assert [(t.mark, t.level) for t in tokens if t.kind == "head" and t.level <= 2] == \
        [(t.mark, 2 if t.mark.startswith("（") else 1) for t in tokens if t.kind == "head" and t.level <= 2]


def test_top_level_in_another_style_inside_a_compilation() -> None:
    """Each plan of a compilation is mended on its own: numbers do not run across its titles."""
    first = _plan(["一、", "((二))", "三、", "四、"])
    second = _plan(["（一）", "（二）", "三、", "（四）"]).replace("区农机中心", "区水利站")
    plans = read_text(first + "\n" + second)
    assert [[(s.title, [t.title for t in s.tasks]) for s in p.sections] for p in plans] == [PLAIN, PLAIN]


def test_outline_block_with_tasks_fills_the_section_the_text_stops_in(tmp_path: Path) -> None:
    block = ["提纲：", "一、抓好理论学习", "1.落实党组理论学习中心组制度", "2.组织青年干部读书班", "二、做强正面宣传",
             "3.宣传护林防火工作成效", "4.办好局门户网站专栏"]
    plans, unplaced = read_file_unplaced(_file(tmp_path, [*block, TITLE, PREAMBLE, *BODY[:5]]))
    assert unplaced == [] and len(plans) == 1
    plan = plans[0]
    assert shape(plan) == (TITLE, [(h, ts) for h, ts in FULL[1][:2]])
    assert [t.outline_only for t in plan.sections[1].tasks] == [False, True]
    assert plan.truncated

from __future__ import annotations

import pytest
from sample_plans import three_level_plan

from drafter.model import HINT_MARK, Part, PartKind, Plan, Section, Task, TaskNumbering
from drafter.numbering import cn_numeral
from drafter.render.text import Block, BlockKind, iter_blocks, render_markdown, render_text


def two_level_plan() -> Plan:
    return Plan(
        title="市科技局2026年意识形态工作要点",
        year=2026,
        preamble="为做好2026年意识形态工作，制定本要点。",
        front=[Part(PartKind.GUIDING, "指导思想", "坚持以习近平新时代中国特色社会主义思想为指导。")],
        sections=[
            Section(None, "加强理论武装", intro="把学习贯彻放在首位。", tasks=[
                Task(None, "落实第一议题制度", "及时传达学习【会议名称】精神。\n全年不少于12次。",
                     hints=["召开专题会议研究部署"]),
                Task(None, "开展专题宣讲"),
            ]),
            Section(None, "压实工作责任", tasks=[Task(None, "落实主体责任", "党组每半年专题研究一次。")]),
        ],
        back=[Part(PartKind.REQUIREMENTS, "工作要求", items=[
            Task(None, "强化组织领导", "各科室要高度重视。"),
            Task(None, "严格督促检查"),
        ], item_level=2)],
    )


TWO_LEVEL_TEXT = """\
市科技局2026年意识形态工作要点
为做好2026年意识形态工作，制定本要点。
一、指导思想
坚持以习近平新时代中国特色社会主义思想为指导。
二、加强理论武装
把学习贯彻放在首位。
1.落实第一议题制度。及时传达学习【会议名称】精神。
全年不少于12次。
【参考】召开专题会议研究部署
2.开展专题宣讲
三、压实工作责任
3.落实主体责任。党组每半年专题研究一次。
四、工作要求
（一）强化组织领导。各科室要高度重视。
（二）严格督促检查
"""

THREE_LEVEL_MARKDOWN = """\
# 市民政局2026年意识形态工作要点

## 一、总体要求

坚持正确政治方向。

## 二、主要目标

**1.阵地管理更加规范**

## 三、重点任务

### （一）强化理论武装

**1.抓好理论学习**。落实学习制度。

**2.开展宣讲**

### （二）加强阵地管理

**1.管好网站**。严格审核。

## 四、工作要求

各单位抓好落实。
"""


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "一"), (2, "二"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (23, "二十三"),
     (99, "九十九"), (100, "一百"), (101, "一百零一"), (110, "一百一十"), (115, "一百一十五"), (1000, "一千"),
     (1001, "一千零一"), (1010, "一千零一十"), (10000, "一万"), (10010, "一万零一十"), (100000, "十万"),
     (0, "零")],
)
def test_cn_numeral(n: int, expected: str) -> None:
    assert cn_numeral(n) == expected


def test_cn_numeral_rejects_negative() -> None:
    with pytest.raises(ValueError):
        cn_numeral(-1)


def test_plain_text_golden() -> None:
    assert render_text(two_level_plan()) == TWO_LEVEL_TEXT


def test_markdown_golden() -> None:
    assert render_markdown(three_level_plan(goals=True)) == THREE_LEVEL_MARKDOWN


def test_markdown_two_level_leads_hints_and_level2_items() -> None:
    md = render_markdown(two_level_plan()).rstrip("\n").split("\n\n")
    assert "**1.落实第一议题制度**。及时传达学习【会议名称】精神。" in md
    assert f"> {HINT_MARK}召开专题会议研究部署" in md
    assert "**（一）强化组织领导**。各科室要高度重视。" in md
    assert "### （二）严格督促检查" in md
    assert md[0] == "# 市科技局2026年意识形态工作要点"


def test_blocks_kinds_and_levels() -> None:
    blocks = list(iter_blocks(three_level_plan(goals=True)))
    assert blocks[0] == Block(BlockKind.TITLE, "市民政局2026年意识形态工作要点")
    headings = [(b.level, b.text) for b in blocks if b.kind is BlockKind.HEADING]
    assert headings == [
        (1, "一、总体要求"), (1, "二、主要目标"), (3, "1.阵地管理更加规范"), (1, "三、重点任务"),
        (2, "（一）强化理论武装"), (3, "2.开展宣讲"), (2, "（二）加强阵地管理"), (1, "四、工作要求"),
    ]
    leads = [b for b in blocks if b.kind is BlockKind.LEAD]
    assert leads[0] == Block(BlockKind.LEAD, "1.抓好理论学习。落实学习制度。", 3, "1.抓好理论学习。")


def test_continuous_numbering_runs_across_sections() -> None:
    text = render_text(two_level_plan())
    assert "3.落实主体责任。" in text


def test_restart_numbering_restarts_per_section() -> None:
    plan = two_level_plan()
    plan.task_numbering = TaskNumbering.RESTART
    assert "\n1.落实主体责任。" in render_text(plan)


def test_explicit_numbers_win() -> None:
    plan = two_level_plan()
    plan.sections[1].number = 7
    plan.sections[1].tasks[0].number = 12
    text = render_text(plan)
    assert "\n七、压实工作责任\n12.落实主体责任。" in text
    assert "\n四、工作要求\n" in text  # the counter of top-level headings is positional


def test_untitled_plan_and_blank_lines_skipped() -> None:
    plan = Plan(preamble="第一段。\n\n  \n第二段。",
                sections=[Section(None, "一节", tasks=[Task(None, "任务", "\n正文。\n")])])
    assert render_text(plan) == "第一段。\n第二段。\n一、一节\n1.任务。正文。\n"


def test_title_with_full_stop_is_not_doubled() -> None:
    plan = Plan(sections=[Section(None, "一节", tasks=[Task(None, "做好某事。", "正文。")])])
    assert render_text(plan).splitlines()[-1] == "1.做好某事。正文。"


def test_empty_plan_renders_empty() -> None:
    assert render_text(Plan()) == ""
    assert render_markdown(Plan()) == ""


def test_multiline_title_joins_in_text() -> None:
    plan = Plan(title="关于做好2026年\n意识形态工作的要点")
    assert render_text(plan) == "关于做好2026年意识形态工作的要点\n"
    assert render_markdown(plan) == "# 关于做好2026年意识形态工作的要点\n"

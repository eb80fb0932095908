"""Small plans the render and reader tests share."""

from __future__ import annotations

from drafter.corpus.reader import read_text
from drafter.model import Part, PartKind, Plan, Section, Task, TaskNumbering

#: The body of a short plan (two sections of two tasks), for tests that vary its title and preamble.
BODY = """一、强化理论武装
1.落实第一议题制度。每次会议先学习党的创新理论。
2.抓好中心组学习。全年集中学习不少于十二次。
二、管好宣传阵地
3.规范新媒体管理。严格执行三审三校制度。
4.做好舆情处置。建立舆情台账，及时研判回应。
"""


def read_one(text: str) -> Plan:
    """The one plan in ``text`` (fails naming what was read when there is not exactly one)."""
    plans = read_text(text)
    assert len(plans) == 1, [p.label for p in plans]
    return plans[0]


def three_level_plan(*, goals: bool = False, marked: bool = False) -> Plan:
    """总体要求 → 重点任务 → (一)(二) → restarting tasks → 工作要求.

    ``goals`` adds a 主要目标 part; ``marked`` puts a 【…】 placeholder and a hint in the first task.
    """
    front = [Part(PartKind.GUIDING, "总体要求", "坚持正确政治方向。")]
    if goals:
        front.append(Part(PartKind.GOALS, "主要目标", items=[Task(None, "阵地管理更加规范")]))
    first = (Task(None, "抓好理论学习", "落实【会议名称】学习制度。", hints=["召开专题会议"]) if marked
             else Task(None, "抓好理论学习", "落实学习制度。"))
    return Plan(
        title="市民政局2026年意识形态工作要点",
        year=2026,
        front=front,
        tasks_heading="重点任务",
        sections=[
            Section(None, "强化理论武装", tasks=[first, Task(None, "开展宣讲")]),
            Section(None, "加强阵地管理", tasks=[Task(None, "管好网站", "严格审核。")]),
        ],
        back=[Part(PartKind.REQUIREMENTS, "工作要求", "各单位抓好落实。")],
        task_numbering=TaskNumbering.RESTART,
    )

"""read(render(plan)) == plan, for .docx, .md and .txt (property test)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from drafter.corpus.reader import read_file, read_text
from drafter.model import Part, PartKind, Plan, Section, Task, TaskNumbering
from drafter.render import render_docx, render_markdown, render_text

WORDS = ["加强", "理论", "武装", "压实", "责任", "阵地", "建设", "推进", "意识形态", "学习", "制度", "机制",
         "队伍", "宣传", "舆论", "风险", "防控", "网络", "文化", "党建", "创新", "落实", "考核", "培训",
         "开展", "专题", "会议", "“第一议题”", "每季度", "【单位名称】", "新时代", "正能量"]
INNER = ["，", "、", "；", "2026年", "1次", "（试行）", "《办法》"]
ORGS = ["市民政局", "市科学技术局", "市委组织部", "市纪委监委", "区委编办", "市工业园区管委会"]


@st.composite
def phrase(draw: st.DrawFn, lo: int = 1, hi: int = 5) -> str:
    first = draw(st.sampled_from(WORDS))
    rest = draw(st.lists(st.sampled_from(WORDS + INNER), min_size=lo - 1, max_size=hi))
    return first + "".join(rest).rstrip("，、；")


@st.composite
def sentence(draw: st.DrawFn) -> str:
    return draw(phrase(2, 8)) + "。"


def lines(min_size: int = 0, max_size: int = 3) -> st.SearchStrategy[str]:
    return st.lists(sentence(), min_size=min_size, max_size=max_size).map("\n".join)


@st.composite
def task(draw: st.DrawFn, detail: str) -> Task:
    body = draw(lines(1, 3)) if detail == "full" else ""
    hints = draw(st.lists(phrase(2, 6), max_size=3)) if detail == "hints" else []
    return Task(None, draw(phrase(2, 6)), body, hints)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    detail = draw(st.sampled_from(["outline", "hints", "full"]))
    numbering = draw(st.sampled_from(list(TaskNumbering)))
    wrapped = draw(st.booleans())
    sections = [Section(None, draw(phrase(2, 6)), draw(lines(0, 1)) if detail == "full" else "",
                        draw(st.lists(task(detail), min_size=1, max_size=5)),
                        alternatives=[Task(None, t) for t in draw(st.lists(phrase(2, 6), max_size=3))])
                for _ in range(draw(st.integers(1, 7)))]
    front: list[Part] = []
    if draw(st.booleans()):
        front.append(Part(PartKind.GUIDING, draw(st.sampled_from(["指导思想", "总体要求"])), draw(lines(1, 2))))
    if draw(st.booleans()):
        goals = [Task(None, draw(phrase(2, 5))) for _ in range(draw(st.integers(1, 4)))]
        front.append(Part(PartKind.GOALS, "主要目标", "", goals))
    back: list[Part] = []
    if draw(st.booleans()):
        reqs = [Task(None, draw(phrase(2, 5)), draw(lines(1, 2))) for _ in range(draw(st.integers(1, 3)))]
        back.append(Part(PartKind.REQUIREMENTS, "工作要求", "", reqs, item_level=2))
    org, year = draw(st.sampled_from(ORGS)), draw(st.integers(2020, 2030))
    plan = Plan(title=f"{org}{year}年意识形态工作要点", org=org, year=year,
                preamble=draw(lines(0, 2)), front=front, tasks_heading="重点任务" if wrapped else None,
                sections=sections, back=back, task_numbering=numbering)
    return number(plan)


def number(plan: Plan) -> Plan:
    """Fill in numbers as a composed plan has them (what the reader reports back)."""
    n = 0
    for i, sec in enumerate(plan.sections, 1):
        sec.number = i + (0 if plan.tasks_heading else len(plan.front))
        if plan.task_numbering is TaskNumbering.RESTART:
            n = 0
        for t in sec.tasks:
            n += 1
            t.number = n
    for part in (*plan.front, *plan.back):
        for j, item in enumerate(part.items, 1):
            item.number = j
    plan.outline_only = not (plan.preamble or any(t.body or t.hints for t in plan.tasks)
                             or any(s.intro for s in plan.sections)
                             or any(p.text or any(i.body for i in p.items) for p in (*plan.front, *plan.back)))
    if len(plan.sections) == 1 or all(len(s.tasks) and s.tasks[0].number == 1 for s in plan.sections[1:]) is False:
        pass
    if len(plan.sections) == 1:
        plan.task_numbering = TaskNumbering.CONTINUOUS
    return plan


RENDERERS = {
    ".docx": lambda p: render_docx(p),
    ".md": lambda p: render_markdown(p).encode("utf-8"),
    ".txt": lambda p: render_text(p).encode("utf-8"),
}


def _example(*, front: list[Part] | None = None, sections: list[Section] | None = None,
             back: list[Part] | None = None, tasks_heading: str | None = None,
             numbering: TaskNumbering = TaskNumbering.CONTINUOUS, preamble: str = "") -> Plan:
    """A plan as :func:`plans` draws it, for the minimal failing examples pinned below."""
    org, year = ORGS[0], 2020
    plan = Plan(title=f"{org}{year}年意识形态工作要点", org=org, year=year, preamble=preamble,
                front=front or [], tasks_heading=tasks_heading,
                sections=sections or [Section(None, "加强加强", "", [Task(None, "加强加强")])],
                back=back or [], task_numbering=numbering)
    return number(plan)


@pytest.mark.parametrize("suffix", sorted(RENDERERS))
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=plans())
# a long item title ended by its full stop was cut at a verb inside it (加强) as if the body were glued on
@example(plan=_example(back=[Part(PartKind.REQUIREMENTS, "工作要求", "", [
    Task(None, "加强“第一议题”“第一议题”加强“第一议题”", "加强加强“第一议题”。")], item_level=2)]))
def test_read_render_roundtrip(tmp_path_factory: pytest.TempPathFactory, suffix: str, plan: Plan) -> None:
    path = tmp_path_factory.mktemp("rt") / f"plan{suffix}"
    path.write_bytes(RENDERERS[suffix](plan))
    back = read_file(path)
    assert back == [plan]


def test_roundtrip_of_a_real_plan(tmp_path: Path) -> None:
    """A real full-text plan survives render → read in every format."""
    real = read_file(Path(__file__).parent / "fixtures" / "corpus" / "004_b47777aa58127f19.txt")[0]
    real.title = "XX市人大办公室2025年意识形态工作要点"
    for suffix, render in RENDERERS.items():
        path = tmp_path / f"p{suffix}"
        path.write_bytes(render(real))
        assert read_file(path) == [real], suffix


def test_heading_glued_to_its_body_is_cut_only_before_a_pause() -> None:
    """"（一）标题正文…，…。" is cut after its heading; "（一）长标题。正文" keeps its title whole."""
    glued = read_text("一、工作要点\n（一）落实意识形态工作责任制认真落实意识形态工作主要领导负责制，"
                      "领导班子切实担负起政治责任。成立工作领导小组。\n1.加强学习。\n")[0]
    assert [s.title for s in glued.sections] == ["落实意识形态工作责任制"]
    assert glued.sections[0].intro.startswith("认真落实意识形态工作主要领导负责制，")
    whole = read_text("一、工作要求\n（一）持续加强理论武装深入学习贯彻党的二十大精神。各支部每月组织集中学习。\n")[0]
    [item] = [i for part in whole.front + whole.back for i in part.items]
    assert (item.title, item.body) == ("持续加强理论武装深入学习贯彻党的二十大精神", "各支部每月组织集中学习。")


@pytest.mark.xfail(strict=True, reason="plain text cannot tell a long title with a comma from a heading run into "
                   "its body; .docx and .md mark the title in bold, which the reader does not use yet")
def test_long_title_with_a_comma_reads_back() -> None:
    text = "一、工作要求\n（一）加强“第一议题”学习制度落实加强“第一议题”，理论武装。每月学习一次。\n"
    [item] = [i for part in read_text(text)[0].front for i in part.items]
    assert item.title == "加强“第一议题”学习制度落实加强“第一议题”，理论武装"

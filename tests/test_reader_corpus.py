"""The reader on the real corpus (copies under tests/fixtures/corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.corpus.reader import read_paths
from drafter.model import PartKind, Plan, TaskNumbering

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
COMPILATION = "000_b56f89e36ee30dd6.txt"


@pytest.fixture(scope="module")
def plans() -> list[Plan]:
    result = read_paths([CORPUS])
    assert result.errors == [] and result.files == 4
    return result.plans


def by_org(plans: list[Plan], org: str) -> Plan:
    found = [p for p in plans if p.org == org]
    assert len(found) == 1, [p.org for p in plans]
    return found[0]


def test_thirteen_distinct_plans(plans: list[Plan]) -> None:
    assert len(plans) == 13
    in_compilation = [p for p in plans if p.span and p.span.source.endswith(COMPILATION)]
    assert len(in_compilation) == 10
    assert sum(not p.outline_only for p in in_compilation) == 6
    assert sum(p.outline_only for p in in_compilation) == 4
    assert not any(p.not_a_plan for p in plans)


# (org, year, sections, tasks, outline_only, truncated)
EXPECTED = [
    ("市直机关", 2026, 6, 24, False, False),
    ("市民政系统", 2026, 6, 24, False, False),
    ("市委老干部局机关", 2026, 6, 24, False, False),
    ("市委老干部局", 2026, 6, 24, False, False),
    ("市科学技术局机关", 2026, 6, 24, False, False),
    ("市工业和信息化局机关", 2026, 6, 24, False, True),
    ("市纪委监委", 2026, 6, 24, True, False),
    ("政府机关", 2026, 6, 24, True, False),
    ("市委编办", 2026, 6, 24, True, False),
    ("市委组织部机关", 2026, 6, 24, False, True),
    ("市工业园区", 2025, 6, 23, False, False),
    ("XX市人大办公室", 2025, 6, 24, False, False),
]


@pytest.mark.parametrize(("org", "year", "sections", "tasks", "outline", "truncated"), EXPECTED)
def test_plan_counts_and_flags(plans: list[Plan], org: str, year: int, sections: int, tasks: int,
                               outline: bool, truncated: bool) -> None:
    plan = by_org(plans, org)
    assert (plan.year, len(plan.sections), len(plan.tasks)) == (year, sections, tasks)
    assert (plan.outline_only, plan.truncated) == (outline, truncated)


def test_three_level_outline_plan(plans: list[Plan]) -> None:
    plan = next(p for p in plans if p.tasks_heading)
    assert plan.outline_only and plan.tasks_heading == "重点任务与实施举措"
    assert [p.kind for p in plan.front] == [PartKind.GUIDING, PartKind.GOALS]
    assert len(plan.front[1].items) == 6
    assert [s.title for s in plan.sections][:2] == ["高举思想旗帜", "压实管理责任"]
    assert len(plan.tasks) == 18


def test_full_text_preferred_and_outline_counted_once(plans: list[Plan]) -> None:
    civil = by_org(plans, "市民政系统")
    assert len(civil.sources) == 2  # the outline listing and the full text
    assert civil.sections[0].title == "聚焦政治方向与理论武装,构建思想引领的坚实根基"
    assert civil.tasks[0].title == "深化“第一议题”制度的贯通性落实,筑牢政治忠诚"
    assert civil.tasks[0].body.startswith("坚持")


def test_truncated_plan_filled_from_outline(plans: list[Plan]) -> None:
    it = by_org(plans, "市工业和信息化局机关")
    assert it.truncated
    assert [t.outline_only for t in it.tasks[:7]] == [False] * 7
    assert all(t.outline_only for t in it.tasks[7:])
    assert [s.outline_only for s in it.sections] == [False, False, True, True, True, True]
    assert it.tasks[7].title == "加强队伍建设管理" and it.tasks[7].number == 8
    assert it.tasks[0].title == "强化核心理论学习,筑牢政治思想根基"


def test_missing_dot_task_number(plans: list[Plan]) -> None:
    sci = by_org(plans, "市科学技术局机关")
    t12 = sci.sections[2].tasks[3]
    assert t12.number == 12 and t12.title == "深化科技伦理与科研诚信主题教育"


def test_outline_only_titles_from_table_of_contents(plans: list[Plan]) -> None:
    assert by_org(plans, "市委编办").title == "市委编办2026年意识形态工作要点"
    assert by_org(plans, "市纪委监委").tasks[19].title == "探索运用大数据技术赋能意识形态风险防控"


def test_website_noise_and_leftovers(plans: list[Plan]) -> None:
    org = by_org(plans, "市委组织部机关")
    assert org.preamble.startswith("2026年,市委组织部机关意识形态工作")
    assert not any("过渡句" in t.body for t in org.tasks)
    kinds = {n.kind for n in org.noise}
    assert {"chrome", "leftover", "paywall"} <= kinds
    assert sum(n.kind == "leftover" for n in org.noise) == 24
    assert not any("复制下载" in t.body or "阅读全文" in t.body for t in org.tasks)


def test_title_body_split_on_own_lines(plans: list[Plan]) -> None:
    veteran = by_org(plans, "市委老干部局机关")
    first = veteran.tasks[0]
    assert first.title == "构建分层分类学习体系"
    assert first.body.startswith("立足老干部队伍年龄结构")


def test_untitled_plan_org_and_year_from_preamble(plans: list[Plan]) -> None:
    npc = by_org(plans, "XX市人大办公室")
    assert npc.title == "" and npc.year == 2025


def test_three_level_full_text(plans: list[Plan]) -> None:
    park = by_org(plans, "市工业园区")
    assert park.title == "市工业园区2025年意识形态工作要点"
    assert [p.heading for p in park.front] == ["指导思想"]
    assert park.tasks_heading == "主要任务"
    assert [p.kind for p in park.back] == [PartKind.REQUIREMENTS]
    assert [i.title for i in park.back[0].items] == ["强化组织领导,压实工作责任", "加强理论学习,提升政治素养"]
    assert park.task_numbering is TaskNumbering.CONTINUOUS
    assert [len(s.tasks) for s in park.sections] == [3, 4, 4, 4, 4, 4]

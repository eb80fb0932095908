"""Which tasks and 备选 an outline fitted to its unit carries (issue 12: tasks that match real plans)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from drafter.compose import UNIT_THEME, composition, same_meaning, same_wording
from drafter.drafting import draft_plan
from drafter.knowledge.fit import fit_for
from drafter.knowledge.profiles import load_knowledge
from drafter.schema import Hint, Schema, TaskPattern, Theme, Variant
from drafter.templates import resolve_template

CONTEXT = {"year": 2026, "plan_period": "“十五五”开局之年", "latest_plenum": "二十届四中全会",
           "meetings": ["二十届四中全会", "党的二十大"], "anniversaries": [], "stale": []}


@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))


def _pattern(pid: str, title: str, support: int, *variants: str) -> TaskPattern:
    texts = [title, *variants]
    return TaskPattern(pid, title, support, [Variant(t, 1) for t in texts],
                       [Hint(f"围绕{pid}任务制定具体措施并明确责任分工", 3)])


def _theme(tid: str, label: str, support: int, position: float, heading: str,
           patterns: list[TaskPattern]) -> Theme:
    return Theme(tid, label, support, position, [Variant(heading, 2, "two_part"), Variant(label, 3, "short")],
                 patterns)


def _schema() -> Schema:
    """A small schema: six common themes, culture with three mined tasks only, tasks said with {{ field }}."""
    themes = [
        _theme("theory", "理论武装", 9, 1.0, "强化理论武装，筑牢思想根基", [
            _pattern("theory-1", "构建分层分类学习体系", 5), _pattern("theory-2", "坚持“第一议题”制度", 4),
            _pattern("theory-3", "加强理想信念教育", 3), _pattern("theory-4", "推动政策精神精准宣讲", 2),
            _pattern("theory-5", "深化主题教育成果转化", 2), _pattern("theory-6", "健全理论武装常态化体系", 2)]),
        _theme("duty", "责任落实", 9, 2.0, "压实主体责任，健全工作体系", [
            _pattern("duty-1", "健全考核评价激励机制", 5), _pattern("duty-2", "强化协同联动", 4),
            _pattern("duty-3", "深化督导检查", 3), _pattern("duty-4", "完善工作制度", 2),
            _pattern("duty-5", "压实分级管控责任链条", 2), _pattern("duty-6", "严格落实责任制", 2)]),
        _theme("positions", "阵地管理", 9, 3.0, "巩固宣传阵地，强化舆论引导", [
            _pattern("positions-1", "加强宣传阵地建设", 5), _pattern("positions-2", "强化网络舆情监测处置", 4),
            _pattern("positions-3", "构建全媒体传播格局", 3), _pattern("positions-4", "拓展对外宣传渠道", 2),
            _pattern("positions-5", "积极回应社会关切", 2), _pattern("positions-6", "严格信息发布审核制度", 2)]),
        _theme("risk", "风险防控", 8, 4.0, "加强风险防控，维护意识形态安全", [
            _pattern("risk-1", "健全风险排查研判机制", 5), _pattern("risk-2", "开展风险隐患排查", 4),
            _pattern("risk-3", "提升应急处突实战能力", 3), _pattern("risk-4", "完善舆情处置流程", 2),
            _pattern("risk-5", "压实风险防控工作责任", 2), _pattern("risk-6", "强化重点领域防控", 2)]),
        _theme("culture", "文化建设", 7, 5.0, "聚焦文化涵育，强化价值引领", [
            _pattern("culture-1", "深化文明单位创建", 4), _pattern("culture-2", "加强思想道德教育", 3),
            _pattern("culture-3", "丰富机关文体活动", 2)]),
        _theme("team", "队伍建设", 7, 6.0, "建强工作队伍，提升能力本领", [
            _pattern("team-1", "加强业务培训", 5), _pattern("team-2", "优化队伍结构配置", 4),
            _pattern("team-3", "健全激励约束机制", 3), _pattern("team-4", "加强实践锻炼", 2),
            _pattern("team-5", "配齐配强专职工作力量", 2), _pattern("team-6", "加强人才培养", 2)]),
        _theme("innovation", "创新赋能", 2, 6.5, "创新方法手段，提升工作实效", [
            _pattern("innovation-1", "打造{{ field }}党建工作品牌", 2),
            _pattern("innovation-2", "开展{{ field }}网络素养教育", 1),
            _pattern("innovation-3", "实施“{{ field }}文化标识”传播工程", 1),
            _pattern("innovation-4", "强化{{ field }}领域理想信念与价值塑造", 1)]),
    ]
    return Schema("ideology-work-points", "意识形态工作要点", "意识形态工作要点", 9, themes, [])


def _compose(org: str):  # type: ignore[no-untyped-def]
    return composition(_schema(), resolve_template("default"), {"org": org}, 2026, CONTEXT, "hints", fit_for(org))


def test_a_section_whose_mined_tasks_run_out_offers_the_topics_tasks_as_alternatives() -> None:
    """Culture's mined tasks run out: its 备选 are mostly the common topics' own, each worded once."""
    comp = _compose("市民政局")
    culture = comp.plan.sections[comp.theme_ids.index("culture")]
    assert 2 <= len(culture.alternatives) <= 4
    offered = [a.title for a in culture.alternatives]
    topics = {t.title for t in load_knowledge().topics}
    assert sum(t in topics for t in offered) >= 2, offered
    every = [t.title for t in comp.plan.tasks] + [a.title for s in comp.plan.sections for a in s.alternatives]
    assert all(sum(same_wording(t, o) for o in every) == 1 for t in offered), offered


def test_the_units_own_section_takes_field_tasks_when_the_schema_has_none_of_its_kind() -> None:
    """统战部 writes a section of its own work; the schema has no theme of it: field tasks fill it."""
    comp = _compose("市委统战部")
    assert UNIT_THEME in comp.theme_ids
    unit = comp.plan.sections[comp.theme_ids.index(UNIT_THEME)]
    assert len(unit.tasks) == 4 and 2 <= len(unit.alternatives) <= 4
    assert all("统战" in t.title for t in unit.tasks[3:] + unit.alternatives)
    for section in comp.plan.sections:  # the outline's own themes keep their tasks
        assert len(section.tasks) == 4, section.title


@pytest.mark.parametrize("org", ["市委统战部", "市纪委监委", "市委老干部局", "某某协会"])
def test_every_section_is_whole_with_the_shipped_schema(org: str) -> None:
    """Four tasks of 1–3 hints and 2–4 备选 a section: a unit's own section (统战部: no such theme mined;
    纪委监委: its theme mined from outlines only, without hints) and a unit of no profile (某某协会)."""
    plan = draft_plan(org=org, year=2026).plan
    for section in plan.sections:
        assert len(section.tasks) == 4 and 2 <= len(section.alternatives) <= 4, section.title
        assert all(1 <= len(t.hints) <= 3 for t in section.tasks), [(t.title, t.hints) for t in section.tasks]


def test_an_alternative_may_share_a_class_of_meaning_with_a_task_but_never_its_wording() -> None:
    """Tasks never say one thing twice; a 备选 only needs other words (units word such tasks many ways)."""
    comp = _compose("市民政局")
    tasks = [t.title for t in comp.plan.tasks]
    offered = [a.title for s in comp.plan.sections for a in s.alternatives]
    assert not [(a, t) for a in offered for t in tasks if same_wording(a, t)]
    assert not [(a, b) for a, b in itertools.combinations(tasks, 2) if same_meaning(a, b)]
    # 深化文明单位创建 is offered beside the profile's 婚丧礼俗 task of the same class (文明)
    assert [(a, t) for a in offered for t in tasks if same_meaning(a, t)]


def test_the_years_task_names_its_second_node_in_the_title_only_while_short() -> None:
    from drafter.knowledge.fit import year_tasks
    from drafter.knowledge.timeline import load_timeline

    for year in (2025, 2026, 2027, 2028):
        tasks = year_tasks(year)
        notable = [a for a in load_timeline().facts(year).anniversaries if not a.startswith("建党")]
        if not tasks or not notable:
            continue
        title, hint = tasks[0].title, tasks[0].hints[0]
        assert notable[0] in title and len(title) <= 40, title
        assert all(a in hint for a in notable[:2]), hint


def _plain_names() -> list[tuple[str, str]]:
    """(org, profile id): a city unit of every profile, named by the profile's first plain match word."""
    import re

    from drafter.knowledge.profiles import load_profiles, match_profile

    out = []
    for p in load_profiles():
        name = next((m for m in p.match if re.fullmatch(r"[\u4e00-\u9fff]+", m)), None)
        if name is None:
            continue
        org = name if name.startswith(("市", "县", "省")) else f"市{name}"
        found = match_profile(org)
        if found is not None and found.profile.id == p.id:
            out.append((org, p.id))
    return out


def test_every_profiles_outline_keeps_to_its_own_field_words() -> None:
    """No outline carries another kind of unit's field word, nor a word the default template keeps out."""
    from drafter.templates import resolve_template

    base = [w for w in resolve_template("default").exclude_words if w not in ("xx", "XX")]
    names = _plain_names()
    assert len(names) >= 40
    leaks = []
    for org, _ in names:
        fit = fit_for(org)
        assert fit.profile is not None
        own = "".join(fit.profile.field_words)
        words = [w for w in (*fit.foreign, *base) if w not in org and w not in own]
        plan = draft_plan(org=org, year=2026).plan
        text = "\n".join([*(s.title for s in plan.sections), *(a.title for s in plan.sections for a in s.alternatives),
                          *(t.title for t in plan.tasks), *(h for t in plan.tasks for h in t.hints)])
        leaks += [(org, w) for w in words if w in text]
    assert not leaks

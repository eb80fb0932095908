from __future__ import annotations

from pathlib import Path

import pytest

from drafter.compose import Composition, compose, composition, diff
from drafter.corpus.reader import read_file
from drafter.errors import TemplateError
from drafter.jinja_env import Origin, SourceText
from drafter.model import PartKind, Plan, TaskNumbering
from drafter.render import render_docx, render_markdown, render_text
from drafter.schema import Hint, Parameter, Schema, TaskPattern, Theme, Variant
from drafter.templates import (
    DepartmentTemplate,
    Layout,
    PartItemSpec,
    PartSpec,
    TaskSpec,
    ThemeSpec,
    list_templates,
    resolve_template,
)

CONTEXT = {"year": 2026, "plan_period": "“十五五”开局之年", "latest_plenum": "二十届四中全会",
           "meetings": ["二十届四中全会", "党的二十大"], "anniversaries": ["建党105周年"], "stale": []}

# theme id, label, support, position, two-part heading, pattern titles (support descending)
THEMES = [
    ("theory", "理论武装", 13, 1.0, "深化理论武装，筑牢思想根基",
     ["健全理论学习体系", "坚持“第一议题”制度", "开展{{ field }}领域专项研究", "加强理想信念教育", "推动学用结合"]),
    ("duty", "责任落实", 13, 2.0, "压实主体责任，健全工作体系",
     ["严格落实责任制", "完善督查考核机制", "强化协同联动", "健全考核评价激励机制"]),
    ("positions", "阵地管理", 12, 3.0, "巩固宣传阵地，强化舆论引导",
     ["加强宣传阵地建设", "强化网络舆情监测处置", "讲好民政故事", "严格信息发布审核制度", "积极回应社会关切"]),
    ("risk", "风险防控", 9, 4.0, "加强风险防控，维护意识形态安全",
     ["健全风险排查研判机制", "开展风险隐患排查", "提升应急处突实战能力", "完善舆情处置流程"]),
    ("culture", "文化建设", 4, 4.5, "", ["深化核心价值观教育", "发挥典型示范作用"]),
    ("party", "党建引领", 2, 5.0, "深化党建引领，推动融合发展", ["强化党建引领作用"]),
    ("team", "队伍建设", 10, 5.5, "建强工作队伍，提升能力本领",
     ["加强业务培训", "优化队伍结构", "健全激励约束机制", "加强实践锻炼"]),
]

@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))



def make_schema() -> Schema:
    themes = []
    for tid, label, support, position, heading, titles in THEMES:
        headings = [Variant(label, 3, "short")]
        if heading:
            headings.insert(0, Variant(heading, 2, "two_part"))
        patterns = [
            TaskPattern(f"{tid}-{i}", title, 10 - i,
                        hints=[Hint(f"{title}举措{j}", 5 - j) for j in range(4)] + [Hint("严格落实“第一议题”制度", 9)])
            for i, title in enumerate(titles, 1)
        ]
        themes.append(Theme(tid, label, support, position, headings, patterns))
    themes.append(Theme("veterans", "老干部特色工作", 2, 3.0, [Variant("激活银发动能", 2, "short")],
                        [TaskPattern("veterans-1", "搭建银发人才平台", 2)], specific=True))
    params = [Parameter("org", "单位全称", "市民政局"), Parameter("field", "业务领域词，如 民政", "民政")]
    return Schema("ideology-work-points", "意识形态工作要点", "意识形态工作要点", 13, themes, params)


def bare(**layout: object) -> DepartmentTemplate:
    t = DepartmentTemplate.bare()
    for key, value in layout.items():
        setattr(t.layout, key, value)
    return t


def titles(plan: Plan) -> list[str]:
    return [t.title for t in plan.tasks]


def test_default_picks_the_most_common_themes_in_their_usual_order() -> None:
    plan = compose(make_schema(), bare(), {"org": "市民政局"}, 2026, CONTEXT)
    assert [s.title for s in plan.sections] == [
        "深化理论武装，筑牢思想根基", "压实主体责任，健全工作体系", "巩固宣传阵地，强化舆论引导",
        "加强风险防控，维护意识形态安全", "文化建设", "建强工作队伍，提升能力本领"]
    assert [len(s.tasks) for s in plan.sections] == [4, 4, 4, 4, 2, 4]
    assert [s.number for s in plan.sections] == [1, 2, 3, 4, 5, 6]
    assert [t.number for t in plan.tasks] == list(range(1, 23))
    assert plan.title == "市民政局2026年意识形态工作要点" and plan.org == "市民政局" and plan.year == 2026


def test_specific_themes_are_not_picked_automatically() -> None:
    plan = compose(make_schema(), bare(sections=10), {}, 2026, CONTEXT)
    assert all("银发" not in s.title for s in plan.sections)


def test_restart_numbering_and_wrapper_heading() -> None:
    t = bare(numbering=TaskNumbering.RESTART, tasks_heading="重点任务")
    t.front = [PartSpec("指导思想", text="坚持以习近平新时代中国特色社会主义思想为指导。")]
    plan = compose(make_schema(), t, {}, 2026, CONTEXT)
    assert plan.tasks_heading == "重点任务" and plan.task_numbering is TaskNumbering.RESTART
    assert [s.number for s in plan.sections] == list(range(1, 7))  # (一)… under 二、重点任务
    assert [t.number for t in plan.sections[1].tasks] == [1, 2, 3, 4]
    assert plan.front[0].kind is PartKind.GUIDING


def test_sections_after_front_parts_are_numbered_on() -> None:
    t = bare()
    t.front = [PartSpec("指导思想", text="坚持以习近平新时代中国特色社会主义思想为指导。")]
    plan = compose(make_schema(), t, {}, 2026, CONTEXT)
    assert plan.sections[0].number == 2


@pytest.mark.parametrize("detail", ["outline", "hints", "full"])
def test_detail_levels(detail: str) -> None:
    t = bare()
    t.preamble = SourceText("为做好{{ year }}年工作，制定本要点。")
    t.back = [PartSpec("工作要求", PartKind.REQUIREMENTS, items=[PartItemSpec("加强组织领导", "要加强领导。")])]
    plan = compose(make_schema(), t, {}, 2026, CONTEXT, detail)  # type: ignore[arg-type]
    first = plan.tasks[0]
    if detail == "outline":
        assert plan.preamble == "" and not first.hints and first.body == "" and plan.outline_only
        assert plan.back[0].items[0].body == ""
    else:
        assert plan.preamble == "为做好2026年工作，制定本要点。"
        assert first.hints and plan.back[0].items[0].body == "要加强领导。"
    if detail == "full":
        assert first.body.startswith("【") and first.body.endswith("】")
    else:
        assert first.body == ""


def test_hints_are_the_most_supported_and_not_repeated_across_tasks() -> None:
    plan = compose(make_schema(), bare(), {}, 2026, CONTEXT)
    assert plan.tasks[0].hints[0] == "严格落实“第一议题”制度"
    assert len(plan.tasks[0].hints) == 3
    every = [h for t in plan.tasks for h in t.hints]
    assert len(every) == len(set(every))


def test_unset_parameter_text_is_avoided_and_set_one_filled_in() -> None:
    plain = compose(make_schema(), bare(), {}, 2026, CONTEXT)
    assert not any("【" in t for t in titles(plain))
    assert plain.title == "【单位名称】2026年意识形态工作要点"
    t = bare()
    t.params = {"field": "民政"}
    tasks = titles(compose(make_schema(), t, {}, 2026, CONTEXT))
    assert "开展民政领域专项研究" in tasks


def test_words_of_other_departments_are_left_out_unless_own() -> None:
    t = bare()
    t.exclude_words = ["民政", "老干部"]
    assert "讲好民政故事" not in titles(compose(make_schema(), t, {}, 2026, CONTEXT))
    t.params = {"field": "民政"}
    assert "讲好民政故事" in titles(compose(make_schema(), t, {}, 2026, CONTEXT))


def test_template_tasks_drop_add_rename_order() -> None:
    t = bare()
    t.themes = [
        ThemeSpec("theory", heading="深化理论武装，筑牢{{ field }}思想根基",
                  drop=["theory-1"], rename={"theory-2": "坚持“第一议题”制度，强化政治引领"},
                  add=[TaskSpec(id="own", title="开展{{ field }}课题研究", hints=["形成调研报告"], after="theory-2")],
                  order=["theory-3"]),
        ThemeSpec("duty", tasks=[TaskSpec(id="duty-3"), TaskSpec(title="本部门特有任务", hints=["举措甲"]),
                                 TaskSpec(id="duty-1", hints=["自己的举措"], add_hints=["追加举措"])]),
        ThemeSpec("own-theme", heading="部门特色工作", tasks=[TaskSpec(title="特色任务一"), TaskSpec(title="特色任务二")]),
    ]
    t.params = {"field": "民政"}
    comp = composition(make_schema(), t, {}, 2026, CONTEXT)
    plan = comp.plan
    assert plan.sections[0].title == "深化理论武装，筑牢民政思想根基"
    assert titles(plan)[:4] == ["开展民政领域专项研究", "坚持“第一议题”制度，强化政治引领", "开展民政课题研究",
                                "加强理想信念教育"]
    assert comp.task_keys[0] == ["theory-3", "theory-2", "own", "theory-4"]
    duty = plan.sections[1].tasks
    assert [x.title for x in duty] == ["强化协同联动", "本部门特有任务", "严格落实责任制"]
    assert duty[1].hints == ["举措甲"] and duty[2].hints == ["自己的举措", "追加举措"]
    assert plan.sections[2].title == "部门特色工作" and comp.theme_ids == ["theory", "duty", "own-theme"]
    assert [x.number for x in plan.tasks] == list(range(1, 10))


def test_add_before_and_count() -> None:
    t = bare()
    t.themes = [ThemeSpec("theory", count=2, add=[TaskSpec(title="新任务", before="theory-1")])]
    plan = compose(make_schema(), t, {}, 2026, CONTEXT)
    assert titles(plan) == ["新任务", "健全理论学习体系"]


def test_section_without_tasks_is_left_out() -> None:
    t = bare()
    t.themes = [ThemeSpec("theory", count=0), ThemeSpec("duty")]
    plan = compose(make_schema(), t, {}, 2026, CONTEXT)
    assert len(plan.sections) == 1 and plan.sections[0].number == 1


def test_unknown_theme_names_file_and_line() -> None:
    t = bare()
    t.themes = [ThemeSpec(SourceText("thoery", Origin("dept.yaml", 7, "themes[0].id")))]
    with pytest.raises(TemplateError) as info:
        compose(make_schema(), t, {}, 2026, CONTEXT)
    assert (info.value.path, info.value.line) == ("dept.yaml", 7)
    assert "theory" in info.value.message


def test_unknown_pattern_names_file_and_line() -> None:
    t = bare()
    t.themes = [ThemeSpec("theory", tasks=[TaskSpec(id=SourceText("theory-x", Origin("d.yaml", 9, "k")))])]
    with pytest.raises(TemplateError) as info:
        compose(make_schema(), t, {}, 2026, CONTEXT)
    assert info.value.line == 9 and "theory-" in info.value.message


def test_undefined_variable_in_template_text() -> None:
    t = bare()
    t.preamble = SourceText("第一行\n结合{{ org_shrot }}实际", Origin("d.yaml", 20, "preamble"))
    with pytest.raises(TemplateError) as info:
        compose(make_schema(), t, {}, 2026, CONTEXT)
    assert (info.value.path, info.value.line) == ("d.yaml", 21)
    assert "org_short" in info.value.message and "preamble" in info.value.message


def test_context_references_and_placeholders() -> None:
    t = bare()
    t.preamble = SourceText("全面贯彻{{ congress }}和{{ plenum }}精神。{% if plan_period %}{{ year }}年是{{ plan_period }}。{% endif %}")
    assert compose(make_schema(), t, {}, 2026, CONTEXT).preamble == \
        "全面贯彻党的二十大和二十届四中全会精神。2026年是“十五五”开局之年。"
    empty = compose(make_schema(), t, {}, 2030, {"year": 2030})
    assert empty.preamble == "全面贯彻【党的全国代表大会】和【最近一次中央全会】精神。"


def test_no_stray_whitespace() -> None:
    t = bare()
    t.preamble = SourceText("  第一段。  \n\n   第二段。\n")
    t.themes = [ThemeSpec("theory", heading="  深化理论武装 \n", tasks=[TaskSpec(title=" 任务一。 ", hints=[" 举措 "])])]
    plan = compose(make_schema(), t, {}, 2026, CONTEXT)
    assert plan.preamble == "第一段。\n第二段。"
    assert plan.sections[0].title == "深化理论武装"
    assert plan.tasks[0].title == "任务一" and plan.tasks[0].hints == ["举措"]


def test_deterministic() -> None:
    a = compose(make_schema(), resolve_template("civil-affairs"), {}, 2026, CONTEXT, "full")
    b = compose(make_schema(), resolve_template("civil-affairs"), {}, 2026, CONTEXT, "full")
    assert a == b
    assert render_docx(a) == render_docx(b)


RENDERERS = {
    ".docx": render_docx,
    ".md": lambda p: render_markdown(p).encode("utf-8"),
    ".txt": lambda p: render_text(p).encode("utf-8"),
}


@pytest.mark.parametrize("detail", ["outline", "hints", "full"])
def test_every_shipped_template_composes_and_reads_back(tmp_path: Path, detail: str) -> None:
    for info in list_templates():
        plan = compose(make_schema(), resolve_template(info.id), {}, 2026, CONTEXT, detail)  # type: ignore[arg-type]
        assert plan.sections and all(s.tasks for s in plan.sections), info.id
        for suffix, render in RENDERERS.items():
            path = tmp_path / f"{info.id}-{detail}{suffix}"
            path.write_bytes(render(plan))
            assert read_file(path) == [plan], (info.id, suffix)


def test_department_templates_read_like_their_office() -> None:
    others = {"civil-affairs": ["纪检", "老干部", "科技", "园区"], "science": ["民政", "老干部", "纪委"],
              "discipline": ["民政", "科技", "老干部"], "veteran-cadres": ["民政", "科技", "纪委"]}
    for tid, foreign in others.items():
        plan = compose(make_schema(), resolve_template(tid), {}, 2026, CONTEXT, "hints")
        assert len(plan.sections) == 6 and all(3 <= len(s.tasks) <= 5 for s in plan.sections), tid
        text = render_text(plan)
        assert not [w for w in foreign if w in text], tid
        assert all(t.hints for t in plan.tasks), tid


def test_diff_reports_changes() -> None:
    schema = make_schema()
    base = composition(schema, bare(), {}, 2026, CONTEXT)
    t = bare()
    t.params = {"org": "市民政局"}
    t.themes = [ThemeSpec("duty"), ThemeSpec("theory", heading="新标题", drop=["theory-2"],
                                                rename={"theory-3": "改名的任务"}),
                ThemeSpec("own", heading="特色", tasks=[TaskSpec(title="特色任务")])]
    new = composition(schema, t, {}, 2026, CONTEXT)
    lines = diff(base, new)
    text = "\n".join(lines)
    assert "参数 org：【单位名称】 → 市民政局" in text
    assert "~ 部分 theory 标题：深化理论武装，筑牢思想根基 → 新标题" in text
    assert "- 任务（theory）：坚持“第一议题”制度" in text
    assert "~ 任务（theory）：开展【业务领域】领域专项研究" not in text
    assert "+ 部分 own：特色" in text and "- 部分 risk：加强风险防控，维护意识形态安全" in text
    assert any(line.startswith("↕ 部分顺序") for line in lines)
    assert diff(base, base) == []
    assert isinstance(new, Composition)


def test_layout_defaults() -> None:
    assert Layout() == Layout(6, 4, 3, TaskNumbering.CONTINUOUS, "two_part", None)

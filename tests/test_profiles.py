"""Unit profiles, levels and the outline that fits its unit (issue 12)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from cli_helpers import run_main

from drafter.compose import same_meaning, standalone
from drafter.drafting import draft_plan
from drafter.errors import InputError, SchemaError
from drafter.knowledge.fit import fit_for
from drafter.knowledge.levels import infer_level, wording_for
from drafter.knowledge.profiles import load_knowledge, load_profiles, match_profile

KINDS = {p.kind for p in load_profiles()}


def test_at_least_forty_kinds_of_unit_with_their_own_tasks() -> None:
    profiles = load_profiles()
    assert len(profiles) >= 40
    assert len({p.id for p in profiles}) == len(profiles)
    assert {"bureau", "party-organ", "congress", "cppcc", "court", "procuratorate", "mass-org", "township",
            "school", "university", "hospital", "soe", "park"} <= KINDS
    for p in profiles:
        assert 2 <= len(p.tasks) <= 4, p.id
        assert all(1 <= len(t.hints) <= 3 for t in p.tasks), p.id


@pytest.mark.parametrize(("org", "profile"), [
    ("市委政法委", "political-legal"), ("某县卫生健康局", "health"), ("县民政局", "civil-affairs"),
    ("市政协办公室", "cppcc"), ("市人民政府办公室", "government-office"), ("县财政局", "finance"),
    ("市委组织部机关", "organization"), ("区委宣传部", "publicity"), ("市委统战部", "united-front"),
    ("市纪委监委", "discipline"), ("市委编办", "staffing"), ("市直机关工委", "work-committee"),
    ("市委老干部局", "veteran-cadres"), ("市委党校", "party-school"), ("市人大常委会机关", "npc"),
    ("县人民法院", "court"), ("市人民检察院", "procuratorate"), ("团市委", "youth-league"),
    ("市妇联", "women-federation"), ("市总工会", "trade-union"), ("市科协", "science-association"),
    ("市文联", "literature-art"), ("城关镇", "township"), ("XX街道办事处", "street"), ("XX县第一中学", "school"),
    ("三明学院", "university"), ("县人民医院", "hospital"), ("XX集团有限公司", "soe"), ("市工业园区", "park"),
    ("市文化广电和旅游局", "culture-tourism"), ("县乡村振兴局", "agriculture"), ("市退役军人事务局", "veterans-affairs"),
])
def test_the_profile_is_recognised_from_the_org_name(org: str, profile: str) -> None:
    m = match_profile(org)
    assert m is not None and m.profile.id == profile


def test_an_unknown_unit_matches_no_profile() -> None:
    assert match_profile("局机关") is None
    assert fit_for("局机关").profile is None


@pytest.mark.parametrize(("org", "level"), [
    ("县民政局", "县"), ("XX区民政局", "县"), ("市委政法委", "市"), ("江西省应急管理厅", "省"),
    ("城关镇人民政府", "乡镇"), ("XX街道办事处", "乡镇"), ("市工业园区", "市"), ("县城乡建设局", "县"), ("局机关", None),
])
def test_the_level_is_read_from_the_org_name(org: str, level: str | None) -> None:
    assert infer_level(org) == level


def test_level_wording_follows_the_level() -> None:
    city = "贯彻中央和省委、市委部署，推动全市民政系统和各县（市、区）、市直单位落实"
    assert wording_for("县民政局").rewrite(city) == "贯彻中央和市委、县委部署，推动全县民政系统和各乡镇（街道）、县直单位落实"
    assert wording_for("XX区民政局").rewrite(city).startswith("贯彻中央和市委、区委部署，推动全区")
    assert wording_for("市民政局").rewrite(city) == city
    school = wording_for("XX中学", "单位")
    assert school.lower is None and school.unfit("指导各县（市、区）开展工作") and not school.unfit("开展专题学习")


def test_a_county_bureau_keeps_no_city_wording() -> None:
    draft = draft_plan(org="县民政局", year=2026)
    text = "\n".join([draft.plan.preamble, *(s.title for s in draft.plan.sections),
                      *(t.title for t in draft.plan.tasks), *(h for t in draft.plan.tasks for h in t.hints)])
    assert "全市" not in text and "省委、市委" not in text
    assert "全县民政系统" in text and "中央和市委、县委" in text
    assert draft.fit is not None and draft.fit.profile is not None and draft.fit.profile.id == "civil-affairs"


def test_a_county_and_a_city_unit_of_one_kind_differ_only_in_level_wording() -> None:
    county = draft_plan(org="县民政局", year=2026).plan
    city = draft_plan(org="市民政局", year=2026).plan
    assert [t.title.replace("全县", "全市") for t in county.tasks] == [t.title for t in city.tasks]
    assert any("全县民政系统" in t.title for t in county.tasks)
    assert "中央和市委、县委" in county.preamble and "全县民政系统" in county.preamble
    assert county.preamble.replace("中央和市委、县委", "中央和省委、市委").replace("全县", "全市") == city.preamble


def test_the_level_can_be_given() -> None:
    fit = fit_for("市民政局", "县")
    assert fit.wording.level == "县" and fit.level_given
    with pytest.raises(InputError, match="层级“区”无效"):
        fit_for("市民政局", "区")


def _titles(org: str) -> list[str]:
    plan = draft_plan(org=org, year=2026).plan
    return [t.title for t in plan.tasks]


ORGS = ["市委政法委", "县卫生健康局", "市政协办公室", "市人民政府办公室", "县民政局", "市委组织部", "XX中学",
        "县人民医院", "城关镇", "团市委"]


def test_outlines_differ_where_units_differ() -> None:
    titles = {org: set(_titles(org)) for org in ORGS}
    for a, b in itertools.combinations(ORGS, 2):
        overlap = len(titles[a] & titles[b]) / min(len(titles[a]), len(titles[b]))
        assert overlap < 0.7, (a, b, overlap)


@pytest.mark.parametrize("org", ORGS)
def test_every_task_is_new_and_has_standalone_hints(org: str) -> None:
    plan = draft_plan(org=org, year=2026).plan
    titles = [t.title for t in plan.tasks]
    for a, b in itertools.combinations(titles, 2):
        assert not same_meaning(a, b), (a, b)
    for task in plan.tasks:
        assert 1 <= len(task.hints) <= 3, task.title
        assert all(standalone(h) for h in task.hints), task.hints
    for section in plan.sections:
        assert 2 <= len(section.alternatives) <= 4 or not section.alternatives
    words = " ".join(titles)
    for topic in load_knowledge().topics:
        assert not topic.cover or topic.pattern.search(words), topic.id


def test_field_words_only_of_this_unit() -> None:
    fit = fit_for("市委政法委")
    plan = draft_plan(org="市委政法委", year=2026).plan
    text = "\n".join([*(t.title for t in plan.tasks), *(h for t in plan.tasks for h in t.hints)])
    assert not [w for w in fit.foreign if w in text]
    assert any("政法" in t.title for t in plan.tasks)


def test_the_domain_tasks_of_the_profile_are_in_the_outline() -> None:
    titles = _titles("市委政法委")
    assert "加强涉政法舆情的统筹引导和依法处置" in titles


def test_no_alternatives_leaves_them_out() -> None:
    plan = draft_plan(org="县民政局", year=2026, alternatives=False).plan
    assert not any(s.alternatives for s in plan.sections)
    assert any(s.alternatives for s in draft_plan(org="县民政局", year=2026).plan.sections)


def test_a_plenum_in_mined_text_is_brought_up_to_the_year() -> None:
    plan = draft_plan(org="县民政局", year=2026).plan
    plenum = [t.title for t in plan.tasks if "全会" in t.title]
    assert plenum and all("四中全会" in t for t in plenum)
    plan_2027 = draft_plan(org="县民政局", year=2027).plan
    assert any("【" in t.title and "全会" in t.title for t in plan_2027.tasks)


def test_department_templates_keep_their_texts_and_gain_the_level() -> None:
    city = draft_plan("civil-affairs", org="市民政局", year=2026).plan
    county = draft_plan("civil-affairs", org="县民政局", year=2026).plan
    assert [t.title for t in city.tasks] == [t.title.replace("全县", "全市") for t in county.tasks]
    assert "全市民政系统" in city.preamble + "".join(h for t in city.tasks for h in t.hints)
    county_text = county.preamble + "".join(h for t in county.tasks for h in t.hints)
    assert "全市" not in county_text and "省委、市委" not in county_text


def test_a_local_profile_overrides_the_builtin(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "profiles"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(
        "profiles:\n  - id: civil-affairs\n    name: 我的民政\n    kind: bureau\n    match: [民政局]\n"
        "    field: 民政\n    field_words: [民政]\n    party_body: 局党委\n    tasks:\n"
        "      - {theme: risk, title: 本地任务一项内容, hints: [本地举措一二三四]}\n"
        "      - {theme: culture, title: 本地任务二项内容, hints: [本地举措五六七八]}\n", encoding="utf-8")
    fit = fit_for("县民政局", cwd=tmp_path)
    assert fit.profile is not None and fit.profile.name == "我的民政"
    assert len(load_profiles(tmp_path)) == len(load_profiles())


def test_a_broken_local_profile_names_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "profiles"
    folder.mkdir(parents=True)
    (folder / "bad.yaml").write_text("profiles:\n  - id: x\n    name: 坏\n    kind: 局\n", encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_profiles(tmp_path)
    assert str(info.value.path).endswith("bad.yaml") and info.value.line is not None


def test_new_says_which_profile_it_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_main(["new", "--org", "市委政法委", "-o", "a.md"], capsys)
    assert code == 0 and "单位画像：政法委（political-legal，据“政法委”）；层级：市" in out
    code, out, _ = run_main(["new", "--org", "局机关", "-o", "b.md"], capsys)
    assert code == 0 and "没有与单位名称相符的画像，按通用写法生成" in out
    code, out, _ = run_main(["new", "--org", "局机关", "--level", "县", "--no-alternatives", "-o", "c.md"], capsys)
    assert code == 0 and "层级：县（--level 指定）" in out
    assert "【备选】" not in (tmp_path / "c.md").read_text(encoding="utf-8")
    assert "【备选】" in (tmp_path / "b.md").read_text(encoding="utf-8")


def test_new_takes_a_profile_the_name_does_not_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_main(["new", "--org", "局机关", "--profile", "health", "-o", "a.md"], capsys)
    assert code == 0 and "单位画像：卫生健康部门（health，据“指定”）" in out
    assert "卫生健康" in (tmp_path / "a.md").read_text(encoding="utf-8")
    code, _, err = run_main(["new", "--org", "局机关", "--profile", "nosuch", "-o", "b.md"], capsys)
    assert code == 2 and "没有单位画像“nosuch”" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "b.md").exists()
    code, _, err = run_main(["new", "--org", "局机关", "--level", "区", "-o", "d.md"], capsys)
    assert code != 0 and "--level 的值“区”无效" in err and not (tmp_path / "d.md").exists()


# --- the shipped schema -------------------------------------------------------------------------


def test_the_shipped_schema_is_a_fresh_mine_of_the_corpus(tmp_path: Path) -> None:
    """schemas/ideology-work-points.yaml is exactly what its documented command mines (fixtures = the corpus)."""
    from drafter.mining.run import mine_to_file
    from drafter.resources import bundled_dir

    shipped = bundled_dir("schemas") / "ideology-work-points.yaml"
    command = "drafter mine ../shared/corpus -o schemas/ideology-work-points.yaml"
    assert command in shipped.read_text(encoding="utf-8")
    out = tmp_path / "ideology-work-points.yaml"
    mine_to_file([Path(__file__).parent / "fixtures" / "corpus"], out, schema_id="ideology-work-points",
                 command=command)
    assert out.read_bytes() == shipped.read_bytes()


def test_a_theme_support_counts_hide_is_mined_at_task_level() -> None:
    from drafter.drafting import schema_for

    network = schema_for("ideology-work-points").theme("network")
    assert network is not None and network.support <= 2 and network.task_support >= 8
    assert sum(p.support for p in network.patterns) > network.support


def test_check_reports_alternatives_left_in_a_draft(tmp_path: Path) -> None:
    from drafter.render import render_docx
    from drafter.review.check import run_check

    plan = draft_plan(org="市委政法委", year=2027).plan
    path = tmp_path / "政法委.docx"
    path.write_bytes(render_docx(plan))
    messages = [f.message for r in run_check(path) for f in r.findings]
    offered = sum(len(s.alternatives) for s in plan.sections)
    assert offered and f"有 {offered} 条“【备选】”备选任务，定稿前请选用（改为正式任务）或删除" in messages


def test_a_reader_drafting_for_a_political_legal_committee_in_2027_finds_its_field_and_year() -> None:
    titles = _titles_year("市委政法委", 2027)
    assert sum("政法" in t for t in titles) >= 3
    assert any("建军100周年" in t for t in titles)


def _titles_year(org: str, year: int) -> list[str]:
    return [t.title for t in draft_plan(org=org, year=year).plan.tasks]

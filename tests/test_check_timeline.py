"""check, new and import all hold drafts to the one timeline of official phrases."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run_main

from drafter.context import load_context
from drafter.drafting import draft_plan
from drafter.render.text import render_text
from drafter.review.check import check_stale_references, run_check
from drafter.review.findings import Draft, Severity
from drafter.review.importer import import_plan, write_template
from drafter.templates import list_templates


def draft(tmp_path: Path, year: int, body: str) -> Path:
    path = tmp_path / f"draft{year}.txt"
    path.write_text(f"市民政局{year}年意识形态工作要点\n\n{body}\n"
                    "二、加强阵地管理\n3.落实意识形态工作责任制。定期分析研判。\n", encoding="utf-8")
    return path


def references(path: Path) -> list[tuple[str, Severity, str]]:
    (report,) = run_check(path)
    return [(f.code, f.severity, f.message) for f in report.findings if f.category == "reference"]


def test_2023_draft_citing_the_nineteenth_congress(tmp_path: Path) -> None:
    path = draft(tmp_path, 2023, "为深入学习贯彻党的十九大和十九届二中、三中、四中、五中全会精神，制定本要点。\n"
                                 "一、加强理论武装\n1.学习党的十九大精神。组织专题学习。\n2.学习十九届历次全会精神。开展宣讲。\n")
    found = references(path)
    assert [c for c, _, _ in found] == ["stale-reference"] * 3
    assert "宜改为“党的二十大和二十届二中全会”" in found[0][2]
    assert "宜改为“党的二十大”" in found[1][2]


def test_2026_draft_with_combined_plenums(tmp_path: Path) -> None:
    path = draft(tmp_path, 2026, "为深入学习贯彻党的二十大和二十届二中、三中全会精神，制定本要点。\n"
                                 "一、加强理论武装\n1.学习贯彻二十届二中、三中全会精神。组织专题学习。\n"
                                 "2.开展党纪学习教育。推动常态化。\n")
    found = references(path)
    assert len(found) == 3 and all(sev is Severity.WARNING for _, sev, _ in found)
    assert "宜改为“党的二十大和二十届二中、三中、四中全会”" in found[0][2]
    assert "宜改为“二十届二中、三中、四中全会”" in found[1][2]
    assert "巩固拓展党纪学习教育成果" in found[2][2]


def test_2024_draft_opening_a_campaign_of_2021(tmp_path: Path) -> None:
    path = draft(tmp_path, 2024, "为深入学习贯彻党的二十大和二十届二中全会精神，制定本要点。\n"
                                 "一、加强理论武装\n1.扎实开展党史学习教育。组织专题学习。\n2.开展党纪学习教育。制定方案。\n")
    found = references(path)
    assert len(found) == 1 and "党史学习教育" in found[0][2] and "2021 年 12 月结束" in found[0][2]
    assert "宜改为“巩固拓展党史学习教育成果”" in found[0][2]


@pytest.mark.parametrize("year", [2017, 2031])
def test_a_year_outside_the_table_gets_the_explicit_note(tmp_path: Path, year: int) -> None:
    path = draft(tmp_path, year, "为深入学习贯彻党的十八大精神，制定本要点。\n一、加强理论武装\n1.学习。组织学习。\n"
                                 "2.宣讲。开展宣讲。\n")
    assert references(path) == [("references-unchecked", Severity.INFO, f"时效表述未检查（无 {year} 年的年度资料）")]


def test_a_year_file_puts_a_year_into_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "templates" / "context").mkdir(parents=True)
    (tmp_path / "templates" / "context" / "2031.yaml").write_text("year: 2031\nstale: [某过时说法]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    path = draft(tmp_path, 2031, "为深入学习贯彻党的十八大精神，制定本要点。\n一、加强理论武装\n1.学习某过时说法。组织学习。\n"
                                 "2.宣讲。开展宣讲。\n")
    found = references(path)
    assert ("stale-reference", Severity.WARNING) in {(c, s) for c, s, _ in found}
    assert any("党的十八大" in m and "党的二十大" in m for _, _, m in found)  # the congress is still known
    assert not any(c == "references-unchecked" for c, _, _ in found)


def test_what_the_table_cannot_know_is_said_once(tmp_path: Path) -> None:
    path = draft(tmp_path, 2027, "为深入学习贯彻党的二十大和二十届四中全会精神，制定本要点。\n"
                                 "一、加强理论武装\n1.学习二十届四中全会精神。组织学习。\n2.宣讲。开展宣讲。\n")
    found = references(path)
    assert [(c, s) for c, s, _ in found] == [("reference-unverified", Severity.INFO)] * 2
    assert all(m.startswith("无法核实") for _, _, m in found)


def test_cli_check_shows_the_note(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = draft(tmp_path, 2031, "一、加强理论武装\n1.学习。组织学习。\n2.宣讲。开展宣讲。\n")
    _, out, _ = run_main(["check", str(path)], capsys)
    assert "时效表述未检查（无 2031 年的年度资料）" in out


def test_fresh_outlines_of_every_template_and_year_have_no_stale_reference(tmp_path: Path) -> None:
    for info in list_templates(tmp_path):
        for year in range(2024, 2029):
            plan = draft_plan(info.id, year=year, detail="full", cwd=tmp_path).plan
            findings = list(check_stale_references(Draft(plan, context=load_context(year, tmp_path))))
            assert [f.message for f in findings if f.severity is not Severity.INFO] == [], (info.id, year)
            text = render_text(plan)
            assert "年是。" not in text and "和精神" not in text and "None" not in text, (info.id, year)
            if year >= 2027:  # the latest plenum is not known yet: a fill-in, never a guess
                assert "二十届四中全会" not in text and "【最近一次中央全会】" in text, (info.id, year)


def test_import_rolls_combined_plenum_forms_over(tmp_path: Path) -> None:
    src = tmp_path / "plan2021.txt"
    src.write_text("市民政局2021年意识形态工作要点\n\n2021年是“十四五”开局之年。为深入学习贯彻党的十九大和十九届二中、三中、"
                   "四中、五中全会精神，落实十九届中央纪委五次全会部署，制定本要点。\n一、加强理论武装\n"
                   "1.学习贯彻十九届五中全会精神。组织专题学习。\n2.开展党史学习教育。庆祝建党100周年。\n"
                   "二、加强阵地管理\n3.落实意识形态工作责任制。定期分析研判。\n", encoding="utf-8")
    out = tmp_path / "templates" / "departments" / "mz.yaml"
    out.parent.mkdir(parents=True)
    imported = import_plan(src, template_id="mz")
    write_template(imported, out, force=False)
    assert "{{ congress }}和{{ plenums }}" in imported.yaml_text and "建党{{ year - 1921 }}周年" in imported.yaml_text
    assert "“党史学习教育”" in imported.yaml_text  # named in the header as not rolled over
    again = draft_plan(out, year=2021, detail="full", cwd=tmp_path).plan
    assert again.preamble.startswith("2021年是“十四五”开局之年。为深入学习贯彻党的十九大和十九届二中、三中、四中、五中全会精神")
    p22 = draft_plan(out, year=2022, detail="full", cwd=tmp_path).plan
    assert p22.preamble == "为深入学习贯彻党的十九大和十九届历次全会精神，落实十九届中央纪委六次全会部署，制定本要点。"
    p23 = draft_plan(out, year=2023, detail="full", cwd=tmp_path).plan
    assert p23.preamble == "为深入学习贯彻党的二十大和二十届二中全会精神，落实二十届中央纪委二次全会部署，制定本要点。"
    assert p23.tasks[0].title == "学习贯彻二十届二中全会精神" and "建党102周年" in p23.tasks[1].body


def test_mined_text_is_brought_up_to_the_year(tmp_path: Path) -> None:
    from drafter.knowledge.timeline import refresh

    assert refresh("学习贯彻党的二十届二中、三中全会精神，庆祝建党104周年", 2026) == \
        "学习贯彻党的二十届二中、三中、四中全会精神，庆祝建党105周年"
    assert refresh("学习贯彻党的二十届二中、三中全会精神", 2028) == "学习贯彻【本届历次中央全会】精神"
    assert refresh("深入开展党纪学习教育", 2026) == "深入开展党纪学习教育"  # check still says so
    # a mined task pattern citing the plenums of 2025, picked by a template, in a 2026 and a 2027 outline
    folder = tmp_path / "templates" / "departments"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text("themes:\n  - id: theory\n    tasks: [theory-7]\n", encoding="utf-8")
    titles = {y: draft_plan("mine", year=y, detail="hints", cwd=tmp_path).plan.tasks[0].title for y in (2025, 2026, 2027)}
    assert titles == {2025: "学习贯彻党的二十届二中、三中全会精神", 2026: "学习贯彻党的二十届二中、三中、四中全会精神",
                      2027: "学习贯彻【本届历次中央全会】精神"}


def test_a_broken_timeline_in_the_working_folder_is_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "templates" / "context"
    folder.mkdir(parents=True)
    bad = folder / "timeline.yaml"
    bad.write_text("plenums:\n  二十届: [2022-10, 2023-2]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    path = draft(tmp_path, 2026, "一、加强理论武装\n1.学习。组织学习。\n2.宣讲。开展宣讲。\n")
    for args in (["check", str(path)], ["new", "--year", "2026", "-o", str(tmp_path / "out.docx")]):
        code, _, err = run_main(args, capsys)
        assert code == 2 and err.startswith(f"错误：{bad}:2") and "Traceback" not in err, (args, err)
        assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out.docx").exists()


def test_new_says_when_the_timeline_lacks_the_year(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_main(["new", "--year", "2031", "--format", "txt", "-o", str(tmp_path / "a.txt")], capsys)
    assert code == 0 and "时效表中没有 2031 年的资料" in err
    assert "【党的全国代表大会】" in (tmp_path / "a.txt").read_text(encoding="utf-8")
    code, _, err = run_main(["new", "--year", "2026", "--format", "txt", "-o", str(tmp_path / "b.txt")], capsys)
    assert code == 0 and "时效表" not in err


def test_import_of_a_year_outside_the_timeline_says_so(tmp_path: Path) -> None:
    src = tmp_path / "plan2016.txt"
    src.write_text("市民政局2016年意识形态工作要点\n\n为深入学习贯彻党的十八大和十八届五中全会精神，制定本要点。\n"
                   "一、加强理论武装\n1.学习。组织学习。\n2.宣讲。开展宣讲。\n", encoding="utf-8")
    text = import_plan(src, template_id="mz").yaml_text
    assert "时效表中没有 2016 年的资料" in text and "{{ congress }}" not in text


def test_a_hand_written_year_file_can_say_there_is_no_campaign(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "context"
    folder.mkdir(parents=True)
    (folder / "2027.yaml").write_text("year: 2027\ncampaigns: []\n", encoding="utf-8")
    ctx = load_context(2027, tmp_path)
    assert "campaign" not in ctx.unknown and "plenum" in ctx.unknown


@pytest.mark.parametrize(("year", "stale"), [(2025, True), (2024, True), (2023, False), (2021, True), (2019, False)])
def test_campaign_short_form_opened_after_it_ended(tmp_path: Path, year: int, stale: bool) -> None:
    # "主题教育" alone is the latest campaign of that short name held by the year: 2019–20, then 2023–24
    path = draft(tmp_path, year, "一、加强理论武装\n1.扎实开展主题教育。组织专题学习。\n2.开展爱国主义主题教育活动。开展宣讲。\n")
    found = [m for _, _, m in references(path) if "主题教育" in m]
    assert bool(found) is stale, found
    if stale:
        assert len(found) == 1 and "开展主题教育" in found[0] and "宜改为“巩固拓展" in found[0]


def test_consolidating_a_short_form_campaign_is_fine(tmp_path: Path) -> None:
    path = draft(tmp_path, 2025, "一、加强理论武装\n1.巩固拓展主题教育成果。持续开展主题教育成果转化。\n2.学习。开展宣讲。\n")
    assert not [m for _, _, m in references(path) if "主题教育" in m]


@pytest.mark.parametrize(("year", "phrase", "belongs"), [
    (2023, "第二个百年奋斗目标的开启之年", 2021),
    (2026, "全面贯彻落实党的二十大精神的开局之年", 2023),
    (2021, "全面建成小康社会和“十三五”规划收官之年", 2020),
    (2024, "“十四五”决胜之年", 2025),
])
def test_year_bound_phrase_in_another_year(tmp_path: Path, year: int, phrase: str, belongs: int) -> None:
    path = draft(tmp_path, year, f"{year}年是{phrase}。\n一、加强理论武装\n1.学习。组织专题学习。\n2.宣讲。开展宣讲。\n")
    found = [m for c, _, m in references(path) if c == "stale-reference"]
    assert any(f"这是 {belongs} 年的说法" in m for m in found), found


def test_year_bound_phrase_in_its_own_year_is_fine(tmp_path: Path) -> None:
    path = draft(tmp_path, 2021, "2021年是向第二个百年奋斗目标进军的开局之年。\n一、加强理论武装\n1.学习。组织专题学习。\n"
                                 "2.宣讲。开展宣讲。\n")
    assert not [m for c, _, m in references(path) if "开局之年" in m]


@pytest.mark.parametrize(("year", "stale"), [(2026, True), (2022, True), (2024, False), (2025, False)])
def test_study_campaign_short_form(tmp_path: Path, year: int, stale: bool) -> None:
    path = draft(tmp_path, year, "一、加强理论武装\n1.扎实开展学习教育。组织专题学习。\n2.开展学习教育培训。开展宣讲。\n")
    found = [m for _, _, m in references(path) if "学习教育" in m]
    assert len(found) == (1 if stale else 0), found


def test_one_finding_for_a_campaign_named_twice_in_one_task(tmp_path: Path) -> None:
    path = draft(tmp_path, 2025, "一、加强理论武装\n1.抓好主题教育。深入开展学习贯彻习近平新时代中国特色社会主义思想主题教育。\n"
                                 "2.学习党的二十届三中全会精神。开展宣讲。\n")
    found = [m for c, _, m in references(path) if c == "stale-reference"]
    assert len(found) == 1, found
    assert found[0].startswith("“学习贯彻习近平新时代中国特色社会主义思想主题教育”")  # the longest words

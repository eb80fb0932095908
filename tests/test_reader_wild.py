"""Plans as they come from the wild: one fixture per category (tests/fixtures/reader/wild/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.corpus.reader import read_file, read_file_unplaced, read_paths, read_text
from drafter.model import Plan
from drafter.numbering import cn_numeral, cn_to_int, marker

WILD = Path(__file__).parent / "fixtures" / "reader" / "wild"


def one(name: str) -> Plan:
    plans = read_file(WILD / name)
    assert len(plans) == 1, [p.label for p in plans]
    return plans[0]


def outline(plan: Plan) -> list[tuple[str, list[str]]]:
    return [(s.title, [t.title for t in s.tasks]) for s in plan.sections]


def test_compilation_split_at_pian_headings_with_report_flagged() -> None:
    plans = read_file(WILD / "compilation_pian.txt")
    assert [p.title for p in plans] == ["某区水务局2024年意识形态工作要点", "某区林业局2024年意识形态工作要点",
                                        "某区林业局2023年意识形态工作总结"]
    assert [p.not_a_plan for p in plans] == [False, False, True]
    # no plan swallowed into the one before it
    assert outline(plans[0])[-1] == ("管好宣传阵地", ["规范政务新媒体"])
    assert outline(plans[1]) == [("强化理论武装", ["健全学习机制"]), ("加强舆情应对", ["完善舆情台账"])]
    kinds = {n.kind for p in plans for n in p.noise}
    assert "leadin" in kinds or "notice" in kinds


def test_fanwen_compilation_with_a_lead_in_between_parts() -> None:
    plans = read_file(WILD / "compilation_fanwen_leadin.txt")
    assert [p.title for p in plans] == ["某社区2024年宣传工作计划", "2024年社区宣传工作计划", "城东社区2024年宣传思想工作计划"]
    assert [p.org for p in plans] == ["某社区", "", "城东社区"]
    assert outline(plans[0])[-1] == ("丰富文化活动", ["开展邻里节活动", "组建文艺队伍"])
    assert outline(plans[1]) == [("强化阵地建设", ["建好新时代文明实践站", "管好社区公众号"]),
                                 ("做好典型宣传", ["评选身边好人"])]
    assert outline(plans[2])[0] == ("深化理论学习", ["组织党员集中学习"])
    # the lead-in between 范文二 and its title is noise, not the second plan's preamble
    assert plans[1].preamble.startswith("今年社区宣传工作")
    assert any(n.kind == "leadin" and "另一篇" in n.text for p in plans for n in p.noise)
    assert not any(p.not_a_plan for p in plans)


def test_compilation_parts_with_one_title_stay_apart() -> None:
    result = read_paths([WILD / "compilation_same_titles.txt"])
    assert [p.title for p in result.plans] == ["社区宣传工作计划"] * 3
    assert [outline(p)[0][0] for p in result.plans] == ["加强理论宣传", "强化阵地建设", "深化理论学习"]


def test_summary_appended_after_a_plan_is_its_own_flagged_part() -> None:
    plan, report = read_file(WILD / "plan_then_summary.txt")
    assert (plan.title, plan.not_a_plan) == ("县统计局2024年意识形态工作要点", False)
    assert plan.tasks[-1].body == "每季度分析一次涉统舆情。"  # nothing of the summary run into it
    assert (report.title, report.org, report.year, report.not_a_plan) == (
        "县统计局2023年意识形态工作开展情况", "县统计局", 2023, True)


def test_di_pian_compilation_with_a_summary_part() -> None:
    plans = read_file(WILD / "di_pian_with_summary.txt")
    assert [(p.title, p.not_a_plan) for p in plans] == [
        ("机关党支部2024年党建工作计划", False), ("机关党支部2023年党建工作总结", True),
        ("学校党支部2024年党建工作计划", False)]
    assert outline(plans[0]) == [("加强政治建设", ["坚持“第一议题”制度", "严肃党内政治生活"]),
                                 ("加强组织建设", ["规范“三会一课”"])]
    assert [p.heading for p in plans[0].front] == ["指导思想"]
    assert outline(plans[2]) == [("加强思想建设", ["开展理论学习", "做好师德教育"]), ("加强队伍建设", ["抓好党员发展"])]


PLAN = ("县统计局2024年意识形态工作要点\n2024年，县统计局意识形态工作要坚持正确方向。\n一、加强理论武装\n"
        "1.落实第一议题制度。局党组会议首先学习。\n2.抓好干部学习。全年专题学习8次。\n")


@pytest.mark.parametrize(("appended", "title"), [
    ("在全县2024年宣传思想工作会议上的讲话\n同志们：\n今天召开全县宣传思想工作会议，主要任务是部署工作。\n"
     "一、肯定成绩\n过去一年，全县宣传思想工作取得新成效。\n二、明确任务\n今年要重点抓好以下工作。\n",
     "在全县2024年宣传思想工作会议上的讲话"),
    ("李明同志在全县统计工作会议上的讲话\n同志们：\n今天召开全县统计工作会议。\n一、肯定成绩\n过去一年工作取得新成效。\n"
     "二、明确任务\n今年要抓好以下工作。\n", "李明同志在全县统计工作会议上的讲话"),
    ("2023年度意识形态工作述职\n一年来，本人认真履行第一责任人职责。\n一、履职情况\n1.带头学习。全年领学12次。\n"
     "二、存在问题\n1.调研不够深入。\n", "2023年度意识形态工作述职"),
])
def test_speech_or_duty_report_after_a_plan_is_flagged_on_its_own(appended: str, title: str) -> None:
    plans = read_text(PLAN + appended)
    assert [(p.title, p.not_a_plan) for p in plans] == [("县统计局2024年意识形态工作要点", False), (title, True)]
    assert plans[0].tasks[-1].body == "全年专题学习8次。"
    assert plans[1].org == ""  # "在全县" is neither a unit nor the speaker


def test_outline_block_before_title_is_one_plan() -> None:
    plan = one("outline_then_title.txt")
    assert (plan.title, plan.org, plan.year) == ("2025年县文旅局意识形态工作要点", "县文旅局", 2025)
    assert plan.preamble.startswith("2025年，县文旅局")
    assert [t.number for t in plan.tasks] == [1, 2, 3, 4]
    assert plan.truncated and not plan.outline_only


def test_flat_plan_with_paren_top_level_title_and_body_on_one_line() -> None:
    plan = one("flat_paren.txt")
    # rule: a flat plan's items are its themed sections; "title。body" keeps the title part
    assert [s.title for s in plan.sections] == ["强化理论武装", "做好政策宣传", "加强舆情处置"]
    assert plan.tasks == []
    assert plan.sections[1].intro.startswith("围绕待遇调整")


def test_itemised_points_are_tasks_of_a_section_and_body_of_a_task() -> None:
    plan = one("ordinal_items.txt")
    assert outline(plan) == [
        ("加强思想政治建设", ["抓实理论学习", "抓好专题培训"]),
        ("夯实基层组织", ["推进支部标准化建设", "选优配强带头人"]),
        ("深化作风建设", ["开展作风评议", "强化督查问责"]),
        ("完善制度机制", ["建立党建联系点制度", "健全考核办法"]),
    ]
    assert plan.sections[2].intro == "坚持问题导向，持续整治形式主义。"
    assert "一是每月走访一次" in plan.sections[3].tasks[0].body  # inside a task: body text


def test_run_together_line_split_only_at_markers_in_sequence() -> None:
    plan = one("run_together.txt")
    assert plan.title == "2023年县统计局意识形态工作要点"
    assert outline(plan) == [("加强理论武装", ["坚持第一议题制度", "开展读书活动"]),
                             ("守牢统计阵地", ["规范数据发布", "加强网络管理"])]
    # "3个", "第1次", "12次", "2024年" stay inside their sentences
    assert "3个专题" in plan.preamble and "12次集中学习" in plan.preamble
    assert plan.tasks[0].body.endswith("2024年前形成长效机制。")


def test_damaged_numbering() -> None:
    plan = one("damaged_numbering.txt")
    assert outline(plan) == [("提高政治站位", ["严格落实主体责任", "完善责任清单"]),
                             ("加强阵地管理", ["规范展陈内容", "加强讲座管理", "做好网络巡查"])]


@pytest.mark.parametrize("n", [1, 9, 10, 19, 99, 100, 101, 110, 123, 999])
def test_chinese_numerals_beyond_ninety_nine(n: int) -> None:
    assert cn_to_int(cn_numeral(n)) == n
    m = marker(f"{cn_numeral(n)}、加强组织领导")
    assert m is not None and (m.level, m.number) == (1, n)


def test_web_residue_is_noise_not_structure() -> None:
    plan = one("web_residue.txt")
    assert (plan.title, plan.org, plan.year) == ("市交通局2021年意识形态工作要点", "市交通局", 2021)
    assert plan.preamble.startswith("2021年，市交通局")  # the off-topic paragraph is not the preamble
    kinds = {n.kind for n in plan.noise}
    assert {"chrome", "leadin", "tag", "hidden"} <= kinds
    assert plan.truncated  # hidden text means the text is not whole
    texts = [plan.title, *(s.title for s in plan.sections), *(t.title for t in plan.tasks)]
    assert not any("小编" in t or "docx" in t or "隐藏" in t for t in texts)


def test_lead_in_year_does_not_set_the_plan_year() -> None:
    plan = one("web_residue.txt")
    assert plan.year == 2021  # the lead-in names 2023


def test_issuer_of_a_county_wide_plan_is_the_signing_body() -> None:
    plan = one("notice_wrapper.txt")
    assert (plan.title, plan.org, plan.year) == ("2024年全县交通运输工作要点", "某县交通运输局", 2024)
    assert {n.kind for n in plan.noise} == {"notice"}


def test_notice_whose_plan_has_no_title_line_gives_the_plan_its_title() -> None:
    plan = one("notice_only_title.txt")
    assert (plan.title, plan.org, plan.year) == ("2024年全区宣传思想工作要点", "中共某区委宣传部", 2024)
    assert plan.preamble.startswith("2024年，全区宣传思想工作要守正创新")
    assert outline(plan) == [("加强理论武装", ["抓好中心组学习", "推进理论宣讲"]), ("做强正面宣传", ["办好区级媒体"])]
    assert {n.kind for n in plan.noise} == {"notice"}


def test_notice_title_naming_its_issuer() -> None:
    plans = read_text("中共某区委宣传部关于印发2024年全区宣传思想工作要点的通知\n各街道：\n现将要点印发给你们。\n"
                      "一、加强理论武装\n1.抓好中心组学习。全年集中学习12次。\n")
    assert [(p.title, p.org) for p in plans] == [("2024年全区宣传思想工作要点", "中共某区委宣传部")]


def test_org_from_the_preamble_when_there_is_no_title() -> None:
    plan = one("preamble_org.txt")
    assert (plan.title, plan.org, plan.year) == ("", "区卫健委", None)


def test_redactions_kept_as_written() -> None:
    plan = one("redacted.txt")
    assert plan.org == "**集团"
    assert plan.tasks[1].title == "推进〔*〕专题教育"


@pytest.mark.parametrize("name", sorted(p.name for p in WILD.glob("*.txt")))
def test_every_line_placed(name: str) -> None:
    plans, unplaced = read_file_unplaced(WILD / name)
    assert plans and unplaced == []


def test_unplaced_lines_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "two.txt"
    path.write_text("某局2024年工作要点\n一、加强学习\n1.落实制度。每月学习一次。\n篇二\n此篇正文缺失，仅存一段说明文字。\n",
                    encoding="utf-8")
    result = read_paths([path])
    assert len(result.plans) == 1
    assert [(u.line, u.text) for u in result.unplaced] == [(5, "此篇正文缺失，仅存一段说明文字。")]
    assert result.warnings == [f"{path}: 有 1 行未能归入任何一篇（第 5 行）"]


@pytest.mark.parametrize(("title", "clean"), [
    ("2020年意识形态工作要点(1400字)(全文1405字)", "2020年意识形态工作要点"),
    ("市政府办公室2025年意识形态工作要点(第2/2页)", "市政府办公室2025年意识形态工作要点"),
    ("2024年社区宣传工作计划范文(六篇)", "2024年社区宣传工作计划"),
    ("2021年意识形态工作计划篇1", "2021年意识形态工作计划"),
    ("市人大办公室2025年意识形态工作要点1", "市人大办公室2025年意识形态工作要点"),
    ("幼儿园意识形态工作方案2022篇一", "2022年幼儿园意识形态工作方案"),
    ("学校意识形态工作计划.docx", "学校意识形态工作计划"),
    ("202X年年意识形态工作计划", "202X年意识形态工作计划"),
    ("第3篇：某局2023年工作要点", "某局2023年工作要点"),
])
def test_title_suffixes_and_noise_removed(title: str, clean: str) -> None:
    plan = read_text(f"{title}\n一、加强学习\n1.落实制度。每月学习一次。\n")[0]
    assert plan.title == clean


def test_import_lists_what_it_did_not_read() -> None:
    from drafter.review.importer import import_plan

    text = import_plan(WILD / "web_residue.txt").yaml_text
    assert "原文中未读入模板的内容" in text
    assert "（网站导语）：以下是小编整理的" in text and "（隐藏字数提示）" in text


def test_import_refuses_a_work_report(tmp_path: Path) -> None:
    from drafter.errors import ParseError
    from drafter.review.importer import choose_plan

    with pytest.raises(ParseError) as e:
        choose_plan(WILD / "compilation_pian.txt", 3)
    assert "不是工作要点" in str(e.value)


@pytest.mark.parametrize("joined", [True, False])
def test_comma_numbers_as_top_level_over_dot_tasks(joined: bool) -> None:
    text = (WILD / "comma_top.txt").read_text(encoding="utf-8")
    if not joined:
        text = text.replace(" ", "\n")
    plans = read_text(text)
    assert [outline(p) for p in plans] == [[
        ("把牢正确方向", ["抓好理论学习", "加强形势教育"]),
        ("深化文明创建", ["推进文明单位创建", "开展志愿服务"]),
        ("加强文化建设", ["建好职工书屋"]),
    ]]

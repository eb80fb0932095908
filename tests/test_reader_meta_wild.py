"""Title, issuer and year as real plans write them: one test per category (texts written for these tests).

The rules: a year written in Chinese numerals (二〇二五年, 二○二五年, 二零二五年) or as 2025年度 is
the year 2025, in a title, a preamble and a sign-off date alike; a year the text
aims at (二〇三五年远景目标, 到2035年) is not the plan's year. A combined report
(2023年工作总结和2024年工作计划) is a report, not a plan, and the year it plans
for is the year its forward-looking part names. An issuer is kept as written,
中共/中国共产党 included. A folder's README or list of files is not a plan.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run_main
from sample_plans import BODY, read_one

from drafter.context import load_context
from drafter.corpus.meta import parse_title, preamble_year
from drafter.corpus.reader import read_file_unplaced, read_paths
from drafter.drafting import draft_plan
from drafter.review.check import check_draft
from drafter.review.findings import Draft
from drafter.review.importer import import_plan, write_template

# --- years in Chinese numerals -----------------------------------------------------


@pytest.mark.parametrize("year", ["二〇二五年", "二○二五年", "二零二五年", "2025年度", "２０２５年", "二〇二五年度"])
def test_a_year_as_formal_documents_write_it_in_a_title_or_its_brackets(year: str) -> None:
    assert parse_title(f"某县司法局意识形态工作要点（{year}）") == ("某县司法局", 2025)


@pytest.mark.parametrize("year", ["二〇二五年", "二○二五年", "二零二五年", "2025年度", "２０２５年", "二〇二五年度"])
def test_a_year_as_formal_documents_write_it(year: str) -> None:
    assert parse_title(f"某县司法局{year}意识形态工作要点") == ("某县司法局", 2025)
    assert parse_title(f"{year}某县司法局意识形态工作要点") == ("某县司法局", 2025)
    plan = read_one(f"某县司法局{year}意识形态工作要点\n今年的工作要稳中求进。\n{BODY}")
    assert (plan.org, plan.year) == ("某县司法局", 2025)


@pytest.mark.parametrize("title", ["某县司法局意识形态工作要点（2025）", "某县司法局意识形态工作要点(2025版)"])
def test_a_bare_year_in_brackets_after_the_title(title: str) -> None:
    assert parse_title(title) == ("某县司法局", 2025)


@pytest.mark.parametrize(("title", "org", "year"), [
    ("青山小学2024—2025学年度第一学期意识形态工作计划", "青山小学", 2024),
    ("青山小学2024-2025学年意识形态工作计划", "青山小学", 2024),
    ("青山中学2024～2025学年第二学期德育工作计划", "青山中学", 2025),
    ("青山中学二〇二四至二〇二五学年下学期意识形态工作计划", "青山中学", 2025),
])
def test_a_school_year_gives_the_year_of_its_term(title: str, org: str, year: int) -> None:
    assert parse_title(title) == (org, year)
    plan = read_one(f"{title}\n本学期的工作要稳中求进。\n{BODY}")
    assert (plan.org, plan.year) == (org, year)


def test_import_a_school_year_plan_rolls_both_years_over(tmp_path: Path) -> None:
    path = tmp_path / "去年.txt"
    path.write_text("青山小学2024—2025学年度第一学期意识形态工作计划\n2024年秋季学期，青山小学意识形态工作要稳中求进。\n"
                    f"{BODY}", encoding="utf-8")
    out = tmp_path / "templates" / "departments" / "school.yaml"
    out.parent.mkdir(parents=True)
    write_template(import_plan(path, template_id="school"), out, force=False)
    nxt = draft_plan(out, year=2025, detail="full", cwd=tmp_path).plan
    assert nxt.title == "青山小学2025—2026学年度第一学期意识形态工作计划"
    assert nxt.preamble.startswith("2025年秋季学期，")


@pytest.mark.parametrize("date", ["二〇二五年三月五日", "二○二五年三月五日", "二零二五年十二月三十一日", "二〇二五年三月",
                                  "2025.3.5", "2025/03/05"])
def test_a_sign_off_dated_in_chinese_numerals_is_a_date_line(tmp_path: Path, date: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(f"二〇二五年全县司法行政系统意识形态工作要点\n今年的工作要稳中求进。\n{BODY}\n某县司法局\n{date}\n",
                    encoding="utf-8")
    plans, unplaced = read_file_unplaced(path)
    (plan,) = plans
    assert (plan.org, plan.year) == ("某县司法局", 2025)
    assert plan.tasks[-1].body == "建立舆情台账，及时研判回应。"  # neither the signature nor the date is task text
    assert not plan.truncated
    assert unplaced == []


@pytest.mark.parametrize("tail", ["\n某县司法局 二○二五年三月五日\n", "某县司法局二零二五年三月五日\n"])
def test_a_sign_off_and_its_chinese_date_on_one_line(tail: str) -> None:
    plan = read_one(f"二〇二五年全县司法行政系统意识形态工作要点\n今年的工作要稳中求进。\n{BODY.rstrip()}{tail}")
    assert (plan.org, plan.year) == ("某县司法局", 2025)
    assert plan.tasks[-1].body == "建立舆情台账，及时研判回应。"


def test_a_preamble_dated_in_chinese_numerals_gives_the_year() -> None:
    plan = read_one(f"某县司法局意识形态工作要点\n二〇二五年，全局意识形态工作要坚持稳中求进。\n{BODY}")
    assert (plan.org, plan.year) == ("某县司法局", 2025)


@pytest.mark.parametrize("preamble", [
    "为做好今年意识形态工作，特制定某县司法局二〇二五年意识形态工作要点。",
    "某县司法局二〇二五年意识形态工作要以习近平新时代中国特色社会主义思想为指导。",
])
def test_an_untitled_plan_names_its_issuer_before_a_chinese_numeral_year(preamble: str) -> None:
    plan = read_one(f"{preamble}\n{BODY}")
    assert (plan.org, plan.year) == ("某县司法局", 2025)


@pytest.mark.parametrize("preamble", [
    "为实现二〇三五年远景目标，全局意识形态工作要坚持稳中求进。",
    "到2035年建成文化强国，全局意识形态工作要久久为功。",
    "锚定2035年远景目标，全局意识形态工作要坚持稳中求进。",
])
def test_a_year_the_text_aims_at_is_not_the_plans_year(preamble: str) -> None:
    assert preamble_year(preamble) is None
    plan = read_one(f"某县司法局意识形态工作要点\n{preamble}\n{BODY}")
    assert plan.year is None
    assert preamble_year(preamble + "二〇二五年，要抓好理论学习。") == 2025


@pytest.mark.parametrize(("preamble", "year"), [
    ("2024年，我局意识形态工作取得新成效。2025年，全局意识形态工作要稳中求进。", 2025),
    ("二〇二四年，我局意识形态工作取得新成效。二〇二五年是“十四五”收官之年。", 2025),
    ("2025年，全局要稳中求进，确保2026年底前完成阵地建设。", 2025),
    ("为做好2025年意识形态工作，根据2024年全县会议精神，制定本要点。", 2025),
    ("为做好2024年意识形态工作，制定本要点。", 2024),
    ("2024年，我局意识形态工作取得新成效。今年，全局意识形态工作要稳中求进。", None),
    ("2025年是“十四五”收官之年。今年，全局意识形态工作要稳中求进。", 2025),
    ("2024年，我局意识形态工作取得新成效。今年，要落实2025年全县宣传思想工作会议部署。", None),
])
def test_a_preamble_that_reviews_last_year_first_plans_for_the_year_it_then_opens_with(preamble: str,
                                                                                         year: int | None) -> None:
    assert preamble_year(preamble) == year


def test_check_does_not_take_last_years_review_for_a_mismatch() -> None:
    for review in ("2024年，我局意识形态工作取得新成效。2025年，全局要稳中求进。", "2024年，我局意识形态工作取得新成效。今年，全局要稳中求进。"):
        plan = read_one(f"某县司法局2025年意识形态工作要点\n{review}\n{BODY}")
        assert "year-mismatch" not in [f.code for f in check_draft(Draft(plan, context=load_context(2025)))]


def test_check_reads_chinese_numeral_years() -> None:
    plan = read_one(f"某县司法局二〇二五年意识形态工作要点\n2025年，全局意识形态工作要坚持稳中求进。\n{BODY}")
    codes = [f.code for f in check_draft(Draft(plan, context=load_context(2025)))]
    assert "title-no-year" not in codes and "year-mismatch" not in codes
    plan = read_one(f"某县司法局二〇二五年意识形态工作要点\n二〇二四年，全局意识形态工作要坚持稳中求进。\n{BODY}")
    mismatch = [f for f in check_draft(Draft(plan, context=load_context(2025))) if f.code == "year-mismatch"]
    assert [f.message for f in mismatch] == ["标题年度为 2025 年，开头段写的是 2024 年"]
    plan = read_one(f"某县司法局二〇二五年意识形态工作要点\n为实现二〇三五年远景目标，今年要稳中求进。\n{BODY}")
    assert "year-mismatch" not in [f.code for f in check_draft(Draft(plan, context=load_context(2025)))]


def test_cli_check_against_a_target_year(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "草稿.txt"
    path.write_text(f"某县司法局二〇二五年意识形态工作要点\n今年的工作要稳中求进。\n{BODY}", encoding="utf-8")
    code, out, _ = run_main(["check", str(path), "--year", "2026"], capsys)
    assert code == 1
    assert "标题写的是 2025 年，但检查的目标年度是 2026 年" in out
    assert "标题中没有年度" not in out


def test_import_a_plan_dated_in_chinese_numerals_rolls_over(tmp_path: Path) -> None:
    path = tmp_path / "去年.txt"
    path.write_text("某县司法局二〇二五年意识形态工作要点\n二〇二五年，某县司法局意识形态工作要坚持稳中求进。\n"
                    f"{BODY}", encoding="utf-8")
    out = tmp_path / "templates" / "departments" / "mine.yaml"
    out.parent.mkdir(parents=True)
    write_template(import_plan(path, template_id="mine"), out, force=False)  # no --year needed
    text = out.read_text(encoding="utf-8")
    assert "title: '{{ org }}{{ year }}年意识形态工作要点'" in text and "preamble: '{{ year }}年，{{ org }}" in text
    assert "{{ year }}年 ← “二〇二五年”" in text  # the header says what became a year variable
    nxt = draft_plan(out, year=2026, detail="full", cwd=tmp_path).plan
    assert nxt.title == "某县司法局2026年意识形态工作要点"
    assert nxt.preamble.startswith("2026年，")


# --- combined summaries and plans ----------------------------------------------------

REPORT = """2023年，我局在县委县政府的领导下，扎实推进各项工作。现将有关情况报告如下。
一、2023年工作开展情况
1.强化理论武装。全年集中学习12次。
二、存在的问题
2.学习不够深入。
三、{forward}
3.持续深化理论学习。全年集中学习不少于12次。
"""


@pytest.mark.parametrize(("title", "forward", "year"), [
    ("某县农业农村局2023年工作总结和2024年工作计划", "2024年工作计划", 2024),
    ("某县农业农村局2023年工作总结及2024年工作打算", "2024年工作打算", 2024),
    ("某县农业农村局2023年工作总结暨2024年工作思路", "2024年工作思路", 2024),
    ("某县农业农村局关于2023年工作总结和2024年工作计划的报告", "2024年工作计划", 2024),
    ("某县农业农村局二〇二三年工作总结和二〇二四年工作计划", "二〇二四年工作计划", 2024),
    ("某县农业农村局2023年上半年工作总结及下半年工作计划", "下半年工作计划", 2023),
    ("某县农业农村局2023年度工作总结", "2024年工作打算", 2024),
    ("某县农业农村局2023年度工作总结", "下一步工作打算", 2023),
])
def test_a_combined_report_is_not_a_plan_and_plans_for_the_later_year(title: str, forward: str, year: int) -> None:
    plan = read_one(f"{title}\n{REPORT.format(forward=forward)}")
    assert plan.title == title
    assert (plan.org, plan.year, plan.not_a_plan) == ("某县农业农村局", year, True)


def test_check_takes_a_combined_reports_two_years_as_its_own() -> None:
    plan = read_one("某县农业农村局2023年工作总结和2024年工作计划\n" + REPORT.format(forward="2024年工作计划"))
    assert "year-mismatch" not in [f.code for f in check_draft(Draft(plan, context=load_context(2024)))]


def test_combined_title_is_read_for_its_forward_year() -> None:
    assert parse_title("某县农业农村局2023年工作总结和2024年工作计划") == ("某县农业农村局", 2024)
    assert parse_title("2023年工作总结及2024年工作打算") == ("", 2024)
    assert parse_title("某县农业农村局2023年上半年工作总结及下半年工作计划") == ("某县农业农村局", 2023)


@pytest.mark.parametrize("title", ["青山镇2023年工作总结和2024年工作计划", "青山镇2023年工作回顾及2024年工作安排"])
def test_a_combined_report_with_forward_looking_headings_only_is_still_a_report(title: str) -> None:
    plan = read_one(f"{title}\n一、2023年工作回顾\n1.抓好理论学习。全年学习12次。\n"
                    "二、2024年工作思路\n2.深化理论学习。全年学习不少于12次。\n")
    assert (plan.org, plan.year, plan.not_a_plan) == ("青山镇", 2024, True)


def test_import_refuses_a_combined_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "总结.txt"
    path.write_text("某县农业农村局2023年工作总结和2024年工作计划\n"
                    + REPORT.format(forward="2024年工作计划"), encoding="utf-8")
    code, _, err = run_main(["import", str(path), "-o", str(tmp_path / "t.yaml")], capsys)
    assert code == 2 and "这不是工作要点（像是总结或汇报），不能导入为模板" in err
    assert not (tmp_path / "t.yaml").exists()


def test_a_plan_that_names_last_years_summary_is_still_a_plan() -> None:
    plan = read_one(f"某县农业农村局2024年工作要点\n在认真总结2023年工作的基础上，2024年要稳中求进。\n{BODY}")
    assert (plan.org, plan.year, plan.not_a_plan) == ("某县农业农村局", 2024, False)


# --- the issuer as written --------------------------------------------------------------


@pytest.mark.parametrize("title", [
    "中共某某县委统战部2025年意识形态工作要点",
    "中共张家港市交通运输局委员会2025年党建工作要点",
    "中国共产党某市纪律检查委员会2025年工作要点",
    "中共某县县委宣传部二〇二五年宣传思想文化工作要点",
])
def test_a_party_prefix_is_part_of_the_name(title: str) -> None:
    org = title.split("2025")[0].split("二〇")[0]
    assert parse_title(title) == (org, 2025)
    assert read_one(f"{title}\n今年的工作要稳中求进。\n{BODY}").org == org


def test_a_party_prefixed_name_takes_the_fuller_form_the_text_gives() -> None:
    plan = read_one(f"中共市委宣传部2025年意识形态工作要点\n2025年，XX市委宣传部意识形态工作要坚持稳中求进。\n{BODY}")
    assert plan.org == "中共XX市委宣传部"


def test_a_party_prefix_in_a_sign_off_is_kept_too() -> None:
    plan = read_one(f"2025年全县统一战线意识形态工作要点\n今年的工作要稳中求进。\n{BODY}\n中共某某县委统战部\n二〇二五年二月十日\n")
    assert plan.org == "中共某某县委统战部"


def test_the_issuer_with_its_party_prefix_still_becomes_the_org_parameter(tmp_path: Path) -> None:
    path = tmp_path / "去年.txt"
    path.write_text("中共某某县委统战部2025年意识形态工作要点\n2025年，某某县委统战部意识形态工作要坚持稳中求进。\n"
                    f"{BODY}", encoding="utf-8")
    text = import_plan(path, template_id="mine").yaml_text
    assert "某某县委统战部意识形态" not in text and "{{ org }}意识形态" in text


# --- listings of files in a corpus folder -----------------------------------------------


LISTINGS = {
    "README.md": "# 样本说明\n\n1. 2024年某县民政局意识形态工作要点.txt —— 县级民政部门，全文\n"
                 "2. 2023年某市科技局意识形态工作要点.docx —— 市级科技部门，有删节\n3. 某镇2024年党建工作计划.txt —— 乡镇\n",
    "INDEX.md": "## 一、来源\n本文件夹中的工作要点收集自各单位网站。\n## 二、文件列表\n1. 2024年某县民政局意识形态工作要点\n"
                "2. 2023年某市科技局意识形态工作要点\n3. 某镇2024年党建工作计划\n## 三、注意事项\n部分文件仅有提纲。\n",
    "说明.txt": "文件清单\n一、县级\n1.某县民政局要点.txt\n2.某县教育局要点.txt\n二、市级\n3.某市科技局要点.docx\n",
    "目录.txt": "1.2024年某县民政局意识形态工作要点\n2.2023年某市科技局意识形态工作要点\n3.某镇2024年党建工作计划\n",
}


@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_a_list_of_files_is_not_a_plan(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text(LISTINGS[name], encoding="utf-8")
    (tmp_path / "要点.txt").write_text(f"某县司法局2025年意识形态工作要点\n今年的工作要稳中求进。\n{BODY}", encoding="utf-8")
    result = read_paths([tmp_path])
    assert [p.title for p in result.plans] == ["某县司法局2025年意识形态工作要点"]
    assert result.warnings == [f"{tmp_path / name}: 未找到工作要点（没有可识别的编号结构）"]


def test_an_untitled_plan_with_themed_sections_is_still_read() -> None:
    plan = read_one(BODY)
    assert [s.title for s in plan.sections] == ["强化理论武装", "管好宣传阵地"] and len(plan.tasks) == 4


def test_a_plan_whose_appendix_lists_files_is_still_a_plan() -> None:
    plan = read_one(f"某县司法局2025年意识形态工作要点\n今年的工作要稳中求进。\n{BODY}"
                    "附件：\n1.2025年意识形态工作任务分解表.docx\n2.2025年意识形态工作责任清单.docx\n")
    assert (plan.org, plan.year, len(plan.tasks)) == ("某县司法局", 2025, 4)


def test_a_plan_whose_tasks_name_other_plans_is_still_a_plan() -> None:
    plan = read_one("某县司法局2025年意识形态工作要点\n今年的工作要稳中求进。\n一、制度建设\n"
                    "1.制定2025年理论学习中心组学习计划。年初印发。\n2.制定2025年网络安全工作方案。一季度印发。\n"
                    "二、阵地管理\n3.规范新媒体管理。严格执行三审三校制度。\n")
    assert len(plan.tasks) == 3

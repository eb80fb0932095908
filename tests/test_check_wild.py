"""drafter check on drafts of other units and years than the ones it was built on.

Each test holds one category of fault (or of false report) found by running check on drafts
written for bench/gold/check_wild, in texts written here for the test: other units, other words,
other years. Every draft is written for the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.review.check import run_check
from drafter.review.findings import Finding, Severity


def check(tmp_path: Path, text: str) -> list[Finding]:
    path = tmp_path / "draft.txt"
    path.write_text(text, encoding="utf-8")
    return [f for r in run_check(path) for f in r.findings]


def codes(findings: list[Finding], *, info: bool = False) -> list[str]:
    return [f.code for f in findings if info or f.severity is not Severity.INFO]


# --- a three-level plan: （一） restarts under each 一、 ------------------------------------------

THREE_LEVELS = """市司法局2025年意识形态工作要点
为做好2025年全局意识形态工作，结合工作实际，制定本要点。
一、坚持理论武装
（一）抓好中心组学习
1.制定年度学习计划。全年集中学习不少于十二次。
2.开展专题研讨。围绕法治建设开展研讨。
（二）抓好普法宣讲
3.组建宣讲团。深入社区和企业开展宣讲。
二、落实工作责任
（一）明确责任分工
4.党组书记履行第一责任人职责。班子成员各负其责。
（二）加强督促检查
5.每半年检查一次。检查结果纳入考核。
三、管好宣传阵地
（一）规范新媒体管理
6.严格审核发布内容。落实三审三校制度。
（二）做好舆情应对
7.完善舆情处置机制。及时回应社会关切。
中共市司法局党组
2025年2月20日
"""


def test_subsections_restarting_under_each_part_are_not_a_repeat(tmp_path: Path) -> None:
    found = check(tmp_path, THREE_LEVELS)
    assert not [c for c in codes(found) if c.startswith("numbering")]


def test_three_level_plan_is_judged_on_its_parts(tmp_path: Path) -> None:
    found = check(tmp_path, THREE_LEVELS)
    assert "theme-missing" not in codes(found)  # its 一、 parts cover 理论武装, 责任, 阵地
    missing = [f.message for f in found if f.code == "theme-missing"]
    assert missing and all("风险防控" in m or "队伍建设" in m for m in missing), missing  # only what it lacks, as notes


def test_a_real_repeat_under_one_part_is_still_reported(tmp_path: Path) -> None:
    text = THREE_LEVELS.replace("（二）加强督促检查", "（一）加强督促检查")
    found = [f for f in check(tmp_path, text) if f.code == "numbering-repeat"]
    assert [f.line for f in found] == [12]


# --- continuous task numbers with one part restarted by mistake --------------------------------

def _continuous(second: tuple[str, str]) -> str:
    return ("区住建局2024年意识形态工作要点\n为做好全局意识形态工作，制定本要点。\n"
            "一、加强理论学习\n1.抓好集中学习。每月一次。\n2.抓好自学。用好学习平台。\n3.开展宣讲。深入工地宣讲。\n"
            f"二、落实工作责任\n{second[0]}落实主体责任。党组负总责。\n{second[1]}加强考核。纳入年度考核。\n"
            "三、加强阵地管理\n6.管好网站。严格审核。\n7.管好公众号。落实三审三校。\n"
            "四、做好舆论引导\n8.做好政策解读。及时发布。\n9.做好舆情应对。及时回应。\n区住建局党组\n2024年3月1日\n")


def test_the_restarted_part_is_the_one_reported_not_the_next(tmp_path: Path) -> None:
    found = [f for f in check(tmp_path, _continuous(("1.", "2."))) if f.code.startswith("numbering")]
    assert [(f.code, f.line) for f in found] == [("numbering-mixed", 8)]


def test_the_restarted_part_in_another_style_is_one_finding(tmp_path: Path) -> None:
    found = [f for f in check(tmp_path, _continuous(("（1）", "（2）"))) if f.code.startswith("numbering")]
    assert [f.line for f in found] == [8]


def test_continuous_numbers_throughout_are_clean(tmp_path: Path) -> None:
    found = check(tmp_path, _continuous(("4.", "5.")))
    assert not [c for c in codes(found) if c.startswith("numbering")]


# --- look-alike characters in formulations the lexicon matches only exactly -------------------

@pytest.mark.parametrize(("wrong", "right"), [
    ("持续推进乡村震兴", "乡村振兴"),
    ("加强党风廉正建设", "党风廉政建设"),
    ("压实全面从严冶党主体责任", "全面从严治党"),
    ("做好网络舆情监恻", "舆情监测"),
    ("规范宣传阵的管理", "宣传阵地"),
    ("严明政治记律和政治规矩", "政治纪律和政治规矩"),
    ("认真惯彻落实上级部署", "贯彻落实"),
    ("坚定不疑走中国特色社会主义道路", "坚定不移"),
    ("扎实做好防犯化解工作", "防范化解"),
    ("做好涉企舆请应对", "舆情应对"),
])
def test_a_look_alike_character_in_a_formulation_is_a_typo(tmp_path: Path, wrong: str, right: str) -> None:
    text = _continuous(("4.", "5.")).replace("每月一次。", f"{wrong}。")
    found = [f for f in check(tmp_path, text) if f.code == "typo"]
    assert len(found) == 1 and right in found[0].message.split("应为")[1] and found[0].line == 4


@pytest.mark.parametrize("right", [
    "政风行风建设",  # 政风 is a word: two-character words are left alone
    "推进规范化建设", "树立正确政绩观", "按照属地原则", "做好作风建设", "建立健全工作机制",
    "二〇二五年工作安排",
])
def test_right_words_with_look_alike_characters_are_left_alone(tmp_path: Path, right: str) -> None:
    text = _continuous(("4.", "5.")).replace("每月一次。", f"{right}。")
    assert not [f for f in check(tmp_path, text) if f.code in ("typo", "placeholder")]


# --- placeholders and notes to whoever finishes the draft -------------------------------------

def test_ideographic_zeros_are_a_placeholder_but_not_in_a_date(tmp_path: Path) -> None:
    text = _continuous(("4.", "5.")).replace("每月一次。", "到〇〇社区开展宣讲，二〇〇八年以来坚持至今。")
    found = [f for f in check(tmp_path, text) if f.code == "placeholder"]
    assert [f.text for f in found] == ["到〇〇社区开展宣讲"]


def test_a_bracketed_note_to_add_what_fits_the_unit_is_drafting_residue(tmp_path: Path) -> None:
    text = _continuous(("4.", "5.")).replace("每月一次。", "每月一次（此处请根据本局情况补充学习篇目）。")
    found = [f for f in check(tmp_path, text) if f.code == "drafting-residue"]
    assert [f.line for f in found] == [4]


# --- a school's themed education for its pupils is not the party's campaign -------------------

SCHOOL = """育才小学2025年意识形态工作要点
为切实加强学校意识形态工作，结合我校实际，制定本要点。
一、加强理论学习
1.抓好教师政治学习。每月组织一次集中学习。
2.抓好党员学习。落实三会一课制度。
二、落实工作责任
3.明确责任分工。校党支部书记是第一责任人。
4.开展分析研判。每学期研判一次。
三、加强德育工作
5.{task}
6.加强校园阵地管理。规范宣传橱窗内容。
育才小学党支部
2025年2月26日
"""


def test_a_schools_themed_education_is_not_a_stale_campaign(tmp_path: Path) -> None:
    found = check(tmp_path, SCHOOL.format(task="扎实开展主题教育。围绕国家安全教育日、国庆节开展系列活动。"))
    assert "stale-reference" not in codes(found)


def test_a_schools_party_members_campaign_is_still_judged(tmp_path: Path) -> None:
    found = check(tmp_path, SCHOOL.format(task="深入开展主题教育。组织全体党员学原文、悟原理。"))
    assert "stale-reference" in codes(found)


def test_pupils_named_make_it_their_education_in_any_units_plan(tmp_path: Path) -> None:
    text = _continuous(("4.", "5.")).replace("每月一次。", "组织全区中小学生开展主题教育。")
    assert "stale-reference" not in codes(check(tmp_path, text))


# --- coverage: a theme many plans do without is a note, not a warning -------------------------

def test_a_theme_a_third_of_plans_lack_is_a_note(tmp_path: Path) -> None:
    found = [f for f in check(tmp_path, _continuous(("4.", "5."))) if f.code == "theme-missing"]
    assert found and all(f.severity is Severity.INFO for f in found if "队伍建设" in f.message)


# --- residue in other words than the ones check was built on ----------------------------------

@pytest.mark.parametrize(("line", "code"), [
    ("原标题：市住建局意识形态工作要点", "web-residue"),
    ("全文共2345字", "web-residue"),
    ("限于篇幅，以下内容从略", "hidden-text"),
    ("注：以上内容可根据单位实际情况进行修改", "drafting-residue"),
    ("写作思路：先写学习，再写责任，最后写阵地", "drafting-residue"),
])
def test_residue_lines(tmp_path: Path, line: str, code: str) -> None:
    text = _continuous(("4.", "5.")).replace("区住建局党组\n", f"{line}\n区住建局党组\n")
    found = [f for f in check(tmp_path, text) if f.code == code]
    assert [f.line for f in found] == [16]


def test_a_units_own_instruction_to_adapt_is_not_residue(tmp_path: Path) -> None:
    text = _continuous(("4.", "5.")).replace("每月一次。", "各单位可根据实际情况制定具体实施方案。")
    assert "drafting-residue" not in codes(check(tmp_path, text))


def test_a_date_to_fill_is_a_placeholder(tmp_path: Path) -> None:
    text = _continuous(("4.", "5.")).replace("每月一次。", "于X月X日前报送学习计划。")
    assert [f.line for f in check(tmp_path, text) if f.code == "placeholder"] == [4]


@pytest.mark.parametrize(("org", "said", "wrong"), [
    ("县人民医院", "我校", True),     # a hospital is 我院
    ("县人民检察院", "我校", True),   # so is a procuratorate, a court
    ("市职业技术学院", "我校", False),
    ("县妇幼保健院", "我院", False),
    ("市卫生学校", "我校", False),
    ("市委党校", "我校", False),
])
def test_a_hospital_speaking_as_a_school(tmp_path: Path, org: str, said: str, wrong: bool) -> None:
    text = _continuous(("4.", "5.")).replace("区住建局", org).replace("党组负总责。", f"{said}党委负总责。")
    assert ("org-mismatch" in codes(check(tmp_path, text))) is wrong


def test_the_next_congress_in_its_own_year_is_not_premature(tmp_path: Path) -> None:
    text = _continuous(("4.", "5.")).replace("2024", "2027").replace("每月一次。", "2027年是党的二十一大召开之年。")
    assert "stale-reference" not in codes(check(tmp_path, text))
    text = _continuous(("4.", "5.")).replace("2024", "2026").replace("每月一次。", "2026年是党的二十一大召开之年。")
    assert "stale-reference" in codes(check(tmp_path, text))


# --- a signature date of another year; units that say 我委, 我部, 我办, 我会 ---------------------

@pytest.mark.parametrize(("signed", "wrong"), [("2022年12月28日", True), ("2023年12月28日", False),
                                               ("2024年3月1日", False), ("2025年1月5日", True)])
def test_signature_year_far_from_the_plans_year(tmp_path: Path, signed: str, wrong: bool) -> None:
    text = _continuous(("4.", "5.")).replace("2024年3月1日", signed)
    found = [f for f in check(tmp_path, text) if f.code == "year-signed"]
    assert [f.line for f in found] == ([17] if wrong else [])


@pytest.mark.parametrize(("org", "said", "wrong"), [
    ("区住建局", "我委", True),
    ("区卫生健康委员会", "我局", True),
    ("区卫生健康委员会", "我委", False),
    ("区委宣传部", "我部", False),
    ("区委宣传部", "本部门", False),
    ("区委网信办", "我办", False),
    ("区妇联", "我会", False),
    ("区妇联", "我局", True),
    ("区城投集团", "集团本部", False),
])
def test_units_named_by_their_last_word(tmp_path: Path, org: str, said: str, wrong: bool) -> None:
    text = _continuous(("4.", "5.")).replace("区住建局", org).replace("党组负总责。", f"{said}党组负总责。")
    assert ("org-mismatch" in codes(check(tmp_path, text))) is wrong


# --- found on the held-out drafts (after their first score) -----------------------------------

def test_a_stale_reference_in_the_preamble_is_on_the_preambles_line(tmp_path: Path) -> None:
    text = _continuous(("4.", "5.")).replace("2024", "2026").replace(
        "为做好全局意识形态工作，制定本要点。", "2026年是“十四五”规划收官之年。为做好全局意识形态工作，制定本要点。")
    found = [f for f in check(tmp_path, text) if f.code == "stale-reference"]
    assert [f.line for f in found] == [2]


def test_a_stale_reference_in_a_tasks_second_line_is_on_that_line(tmp_path: Path) -> None:
    text = _continuous(("4.", "5.")).replace("2024", "2025").replace(
        "1.抓好集中学习。每月一次。", "1.抓好集中学习。每月一次。\n深入开展党纪学习教育。")
    found = [f for f in check(tmp_path, text) if f.code == "stale-reference"]
    assert [f.line for f in found] == [5]


@pytest.mark.parametrize("suffix", ["（精选3篇）", "（共5篇）", "(优选三篇)"])
def test_a_compilations_count_after_the_title(tmp_path: Path, suffix: str) -> None:
    text = _continuous(("4.", "5.")).replace("区住建局2024年意识形态工作要点", f"区住建局2024年意识形态工作要点{suffix}")
    assert [f.line for f in check(tmp_path, text) if f.code == "title-suffix"] == [1]


@pytest.mark.parametrize(("said", "wrong"), [("我校", True), ("我行", False), ("本行业", False), ("本行政区域", False)])
def test_a_bank_speaks_of_itself_as_我行(tmp_path: Path, said: str, wrong: bool) -> None:
    text = _continuous(("4.", "5.")).replace("区住建局", "区农商银行").replace("党组负总责。", f"{said}党委负总责。")
    assert ("org-mismatch" in codes(check(tmp_path, text))) is wrong

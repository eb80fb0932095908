"""drafter check on drafts written for each kind of fault: residue, redactions, titles, numbering style,
truncation, wording. Every fixture is written here; each finding must quote the words it is about."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.review.check import run_check
from drafter.review.findings import Finding, Severity

BODY = ("一、强化理论武装\n1.健全学习制度。落实第一议题制度。\n2.抓好理论宣讲。组织宣讲活动。\n"
        "二、压实主体责任\n3.完善责任清单。明确班子成员职责。\n4.开展专项检查。每半年检查一次。\n"
        "三、加强阵地管理\n5.管好网站平台。落实三审三校。\n6.做好舆情应对。及时回应关切。\n")


def check(tmp_path: Path, text: str, name: str = "draft.txt") -> list[Finding]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [f for r in run_check(path) for f in r.findings]


def found(findings: list[Finding], code: str) -> list[str]:
    return [f.text for f in findings if f.code == code]


def test_redactions_one_finding_per_name(tmp_path: Path) -> None:
    text = ("市交通局2026年意识形态工作要点\n坚持以***新时代中国特色社会主义思想为指导，学习《***谈治国理政》，"
            "落实******关于宣传工作的重要论述。\n" + BODY.replace("落实第一议题制度", "在〔*〕开展学习")
            .replace("组织宣讲活动", "以_新时代中国特色社会主义思想武装头脑"))
    findings = check(tmp_path, text)
    red = found(findings, "redaction")
    # the leader's name (three star forms and a lone _): one finding; 〔*〕 another
    assert len(red) == 2, red
    assert any("***" in t for t in red) and any("〔*〕" in t for t in red)
    leader = next(f for f in findings if f.code == "redaction" and "***" in f.text)
    assert "共 4 处" in leader.message


def test_placeholders_and_fill_ins(tmp_path: Path) -> None:
    text = ("XX局20xx年意识形态工作要点\n全年开展x次专题学习，在(市名)推广，负责人____。\n" + BODY)
    got = found(check(tmp_path, text), "placeholder")
    assert any("XX" in t for t in got) and any("20xx" in t for t in got)
    assert any("x次" in t for t in got) and any("(市名)" in t for t in got) and any("____" in t for t in got)


def test_web_residue_hidden_text_and_drafting_notes(tmp_path: Path) -> None:
    text = ("市文旅局2026年意识形态工作要点(全文2300字)\n"
            "更新时间:2026-01-05 来源:网友投稿\n"
            "上一篇：市文旅局2025年工作总结\n"
            "下面是小编为大家整理的意识形态工作要点，供大家参考。\n"
            "2026 文旅 意识形态 工作 要点\n"
            "本部分旨在说明全年工作的总体思路。\n" + BODY.replace("落实三审三校。", "落实三审三校。---此处隐藏1200字，下载后查看---")
            + "市文旅局意识形态工作要点.docx\n版权声明：本文由网友投稿，转载请注明出处。\n"
              "印發(fā)的通知\n")
    findings = check(tmp_path, text)
    web = found(findings, "web-residue")
    assert any("更新时间" in t for t in web) and any("小编" in t for t in web)
    assert any(t.startswith("2026 文旅") for t in web) and any(".docx" in t for t in web)
    assert any("版权声明" in t for t in web) and any("發(fā)" in t for t in web)
    assert any(t.startswith("上一篇") for t in web)  # site furniture the reader set aside (Plan.noise)
    assert found(findings, "hidden-text") and found(findings, "drafting-residue")
    # text hidden by the site: coverage cannot be judged
    assert [f.code for f in findings if f.category == "coverage"] == ["coverage-not-assessed"]
    assert any("(全文2300字)" in f.message for f in findings if f.code == "title-suffix")


@pytest.mark.parametrize("note", ["（具体时间待定）", "(时间地点待确认)", "（略）", "（根据实际填写）", "（可选）", "（视情增减）",
                                  "（名单另行确定）"])
def test_a_note_to_whoever_finishes_the_draft_is_drafting_residue(tmp_path: Path, note: str) -> None:
    text = "市文旅局2026年意识形态工作要点\n" + BODY.replace("每半年检查一次。", f"每半年检查一次{note}。")
    got = found(check(tmp_path, text), "drafting-residue")
    assert len(got) == 1 and note.strip("（）()") in got[0], got


def test_brackets_that_belong_to_the_text_are_not_drafting_residue(tmp_path: Path) -> None:
    text = "市文旅局2026年意识形态工作要点\n" + BODY.replace(
        "每半年检查一次。", "每半年检查一次（上半年、下半年各一次），检查结果待定级后通报（含略阳县）。")
    assert found(check(tmp_path, text), "drafting-residue") == []


def test_outline_before_title_is_drafting_residue(tmp_path: Path) -> None:
    outline = "一、强化理论武装\n1.健全学习制度\n2.抓好理论宣讲\n二、压实主体责任\n3.完善责任清单\n"
    findings = check(tmp_path, outline + "市统计局2026年意识形态工作要点\n" + BODY)
    res = [f for f in findings if f.code == "drafting-residue"]
    assert res and res[0].line == 1 and "提纲" in res[0].message


def test_repeated_and_split_titles(tmp_path: Path) -> None:
    findings = check(tmp_path, "市统计局2026年意识形态工作要点\n市统计局2026年意识形态工作要点\n" + BODY)
    assert [f.code for f in findings if f.category == "structure" and f.severity is not Severity.INFO] \
        == ["title-repeated"]
    findings = check(tmp_path, "市统计局意识形态工作责任制\n2026年实施方案\n为落实责任制，制定本方案。\n" + BODY)
    assert "title-split" in [f.code for f in findings]


def test_numbering_judged_against_the_plan_own_style(tmp_path: Path) -> None:
    restart = BODY.replace("3.完善", "1.完善").replace("4.开展", "2.开展").replace("5.管好", "1.管好").replace("6.做好", "2.做好")
    for body in (BODY, restart):  # continuous and per-section numbering are both fine
        findings = check(tmp_path, "市统计局2026年意识形态工作要点\n" + body)
        assert not [f for f in findings if f.code.startswith("numbering")], [f.message for f in findings]
    mixed = BODY.replace("5.管好", "1.管好").replace("6.做好", "2.做好")
    findings = check(tmp_path, "市统计局2026年意识形态工作要点\n" + mixed)
    mix = [f for f in findings if f.code == "numbering-mixed"]
    assert len(mix) == 1 and mix[0].where == "三、第 1 项" and mix[0].text.startswith("1.管好")
    doubled = BODY.replace("二、压实主体责任", "((二))压实主体责任")
    findings = check(tmp_path, "市统计局2026年意识形态工作要点\n" + doubled)
    assert "numbering-doubled" in [f.code for f in findings]


def test_truncated_plan_is_not_assessed_for_coverage(tmp_path: Path) -> None:
    findings = check(tmp_path, "市统计局2026年意识形态工作要点\n" + BODY + "7.加强网络阵地管理。对单位网站和新媒体账号")
    trunc = [f for f in findings if f.code == "truncated"]
    assert len(trunc) == 1 and trunc[0].text.endswith("新媒体账号")
    coverage = [f for f in findings if f.category == "coverage"]
    assert [(f.code, f.severity) for f in coverage] == [("coverage-not-assessed", Severity.INFO)]
    findings = check(tmp_path, "市统计局2026年意识形态工作要点\n" + BODY + "四、加强队伍建设\n")
    assert "最后一部分只有标题" in next(f.message for f in findings if f.code == "truncated")


def test_wording(tmp_path: Path) -> None:
    text = ("市统计局2026年意识形态工作要点\n意识形态工作是党的一项极其重要的工作，关于旗帜、关于道路。"
            "落实党管意识形态主题责任，按照谁分管谁负责的原则，深化主题教育教育成果。\n" + BODY)
    got = {f.text: f.message for f in check(tmp_path, text) if f.code == "typo"}
    messages = " ".join(got.values())
    assert "极端重要的工作" in messages and "关乎" in messages and "主体责任" in messages
    assert "谁主管谁负责" in messages and "“教育”重复了一遍" in messages


def test_findings_are_located_by_section_task_and_words(tmp_path: Path) -> None:
    text = "市统计局2026年意识形态工作要点\n" + BODY.replace("明确班子成员职责", "明确XX科室职责")
    f = next(f for f in check(tmp_path, text) if f.code == "placeholder")
    assert f.where == "二、第 3 项" and f.line == 6 and "XX" in f.text


def test_title_run_into_the_first_sentence(tmp_path: Path) -> None:
    text = "2019年精神文明建设工作要点2019年是新中国成立70周年，为做好今年工作，制定本要点。\n" + BODY
    findings = check(tmp_path, text)
    glued = [f for f in findings if f.code == "title-glued"]
    assert len(glued) == 1 and glued[0].text.startswith("2019年精神文明建设工作要点2019年"), findings
    assert "title-missing" not in [f.code for f in findings]


def test_title_on_its_own_line_is_not_glued(tmp_path: Path) -> None:
    text = "市民政局2019年精神文明建设工作要点\n2019年是新中国成立70周年，为做好今年工作，制定本要点。\n" + BODY
    assert not found(check(tmp_path, text), "title-glued")


def test_top_heading_numbered_like_a_task(tmp_path: Path) -> None:
    text = ("某区2024年意识形态工作要点\n一、指导思想\n以新思想为指导，做好工作。\n二、加强理论武装\n1、深入学习。认真学习。\n"
            "2、开展宣讲。开展宣讲活动。\n3、强化阵地建设\n1、管好阵地。管好网站。\n2、建好队伍。建好队伍。\n"
            "四、压实责任\n1、落实责任制。落实责任。\n2、开展考核。开展考核。\n")
    findings = check(tmp_path, text)
    level = [f for f in findings if f.code == "numbering-level"]
    assert len(level) == 1 and level[0].text.startswith("3、强化阵地建设") and "应为“三、”" in level[0].message
    assert "numbering-gap" not in [f.code for f in findings]


def test_drafting_label_and_site_label_are_not_placeholders(tmp_path: Path) -> None:
    text = "【www.abc7.cn--方案】\n市民政局2026年意识形态工作要点\n【提纲】一、强化理论武装。二、压实主体责任。\n" + BODY
    findings = check(tmp_path, text)
    assert not found(findings, "placeholder"), findings
    assert found(findings, "drafting-residue") and found(findings, "web-residue")


def test_headings_numbered_at_the_level_of_their_tasks(tmp_path: Path) -> None:
    text = ("某局2019年精神文明建设工作要点\n为做好工作，制定本要点。\n1、把握正确方向\n1.坚持正确导向。加强学习。\n"
            "2.组织系统学习。组织学习。\n3.管好阵地。管好网站。\n")
    level = [f for f in check(tmp_path, text) if f.code == "numbering-level"]
    assert len(level) == 1 and level[0].text.startswith("1、把握正确方向") and "应为“一、”" in level[0].message
    more = text + "2、加强阵地建设\n1.落实制度。落实三审三校。\n2.建好队伍。建好队伍。\n"
    assert [f.code for f in check(tmp_path, more)].count("numbering-level") == 1


@pytest.mark.parametrize(("title", "body", "said", "right"), [
    ("乡镇意识形态工作方案", "为做好工作，结合我街道实际，制定本方案。", "我街道", "我镇"),
    ("XX小学2023年党建工作计划", "为做好工作，结合我局实际，制定本计划。", "我局", "我校"),
    ("市民政局2026年意识形态工作要点", "为做好工作，结合全镇实际，制定本要点。", "全镇", "全局"),
    ("XX社区2024年宣传工作计划", "为做好工作，我公司结合实际，制定本计划。", "我公司", "我社区"),
])
def test_body_speaks_as_another_kind_of_unit(tmp_path: Path, title: str, body: str, said: str, right: str) -> None:
    found = [f for f in check(tmp_path, f"{title}\n{body}\n{BODY}") if f.code == "org-mismatch"]
    assert len(found) == 1 and said in found[0].text, found
    if right != "全局":  # a bureau does not say 全局 of itself: no suggestion then
        assert f"应为“{right}”" in found[0].message


@pytest.mark.parametrize(("title", "body"), [
    ("XX中学支部委员会意识形态工作计划", "结合我校实际，本支部委员会制定本计划，按本办法执行。"),
    ("XX镇2023年党建工作计划", "结合我镇实际，在全县统一部署下，本单位和我们各村，我所在的支部，本部门。"),
    ("市委宣传部2026年工作要点", "结合我部实际，会同市教育局、各学校开展，我市各区。"),
    ("XX大学2024年宣传思想工作要点", "结合我校实际，我院各学院加强管理。"),
    ("2026年意识形态工作要点", "结合我局实际，制定本要点。"),
    ("县教育局2024年意识形态工作要点", "各学校要结合本校实际，组织全校师生学习。我局加强指导。"),
    ("XX镇2024年意识形态工作要点", "各村结合本村实际制定计划；本镇统一部署。"),
    ("XX村2024年宣传工作计划", "按照全镇统一部署，结合我村实际，制定本计划。"),
])
def test_own_and_neutral_self_references_are_fine(tmp_path: Path, title: str, body: str) -> None:
    assert not [f for f in check(tmp_path, f"{title}\n{body}\n{BODY}") if f.code == "org-mismatch"]


def test_each_lead_in_of_a_run_together_page(tmp_path: Path) -> None:
    page = ("市民政局意识形态工作计划 精品文档,仅供参考 市民政局意识形态工作计划 为做好全年意识形态工作，结合实际制定本计划。"
            "本站为大家整理的相关的意识形态工作计划，供大家参考选择。一、强化理论武装。组织集中学习十二次，"
            "开展专题研讨四次，推动学习成果转化为工作成效。")
    web = found(check(tmp_path, f"市民政局2026年意识形态工作计划\n{page}\n{BODY}"), "web-residue")
    assert any("精品文档" in t for t in web) and any(t.startswith("本站为大家整理") for t in web), web


def test_speech_address_left_in_a_plan(tmp_path: Path) -> None:
    text = f"某中学2026年党建工作计划\n{BODY}总之，我校将继续努力。老师们，新的一年已到来，让我们携手奋进。\n"
    got = [f for f in check(tmp_path, text) if f.code == "drafting-residue"]
    assert len(got) == 1 and got[0].text.startswith("老师们") and "讲话稿" in got[0].message
    assert not [f for f in check(tmp_path, f"某中学2026年党建工作计划\n组织老师们学习。\n{BODY}")
                if f.code == "drafting-residue"]


def test_each_placeholder_on_a_line_is_its_own_finding(tmp_path: Path) -> None:
    text = ("市档案局2026年意识形态工作要点\n" + BODY.replace("组织宣讲活动", "安排某某同志到基层宣讲×次")
            .replace("明确班子成员职责", "由×同志牵头，制定____清单"))
    findings = check(tmp_path, text)
    named = sorted(f.message.split("：")[1].split("，")[0] for f in findings if f.code in ("placeholder", "redaction"))
    assert named == ["“____”", "“×”", "“×”", "“某某”"], named
    assert {f.code for f in findings if "×" in f.message} == {"placeholder", "redaction"}  # ×次 to fill, × for a name
    # one finding per span: ×次 is a placeholder, not also a redaction
    assert sum(1 for f in findings if f.line == 4 and f.code in ("placeholder", "redaction")) == 2


def test_quotes_start_at_a_clause_not_inside_a_word(tmp_path: Path) -> None:
    text = ("市档案局2026年意识形态工作要点\n" + BODY.replace("组织宣讲活动", "在市级以上媒体发表稿件**篇")
            .replace("每半年检查一次", "全体党员干部每人全年参加集中学习不少于XX次"))
    findings = check(tmp_path, text)
    quoted = {f.code: f.text for f in findings if f.code in ("placeholder", "redaction")}
    assert quoted["redaction"] == "在市级以上媒体发表稿件**篇"  # the whole clause, short enough
    assert quoted["placeholder"].startswith("XX")  # the clause is long: begin at the blank, not mid-word
    assert all(len(t) <= 20 for t in quoted.values())


def test_contents_with_page_numbers_between_title_and_body(tmp_path: Path) -> None:
    text = ("市档案局2026年意识形态工作要点\n为做好全年工作，制定本要点。\n目录\n一、强化理论武装………………1\n"
            "二、压实主体责任………………2\n三、加强阵地管理………………3\n" + BODY)
    findings = check(tmp_path, text)
    toc = [f for f in findings if "目录" in f.message]
    assert len(toc) == 1 and toc[0].message == "带页码的目录（3 行），正文中不应保留" and toc[0].line == 4
    # however the reader splits the plan there, check does not call the contents a text cut off mid-sentence,
    # nor the body after them a restart with no title, nor leaves the body's year unchecked
    assert not [f for f in findings if f.code in ("truncated", "numbering-restart")], findings
    assert not [f for f in findings if f.code == "references-unchecked"]


def test_text_hidden_at_the_end_is_named_as_the_cut(tmp_path: Path) -> None:
    findings = check(tmp_path, "市档案局2026年意识形态工作要点\n" + BODY + "……此处隐藏1200字……\n")
    cut = [f for f in findings if f.code == "truncated"]
    assert [(f.message, f.line) for f in cut] == [("内容不完整：网站隐藏了部分正文，其后的内容缺失", 11)]


def test_a_last_task_with_only_its_number_is_named_as_such(tmp_path: Path) -> None:
    findings = check(tmp_path, "市档案局2026年意识形态工作要点\n" + BODY + "四、加强队伍建设\n7.\n")
    assert [f.message for f in findings if f.code == "truncated"] == ["内容不完整：最后一项只有编号，没有内容"]


@pytest.mark.parametrize(("wrong", "right"), [("按排部署", "安排部署"), ("截止目前", "截至目前"), ("宏扬", "弘扬")])
def test_common_miswritten_words_of_official_prose(tmp_path: Path, wrong: str, right: str) -> None:
    text = "市文旅局2026年意识形态工作要点\n" + BODY.replace("组织宣讲活动。", f"{wrong}宣讲活动。")
    typos = [f for f in check(tmp_path, text) if f.code == "typo"]
    assert len(typos) == 1 and f"应为“{right}" in typos[0].message, [f.message for f in typos]


def test_a_site_tag_after_the_title_is_a_title_suffix_not_a_placeholder(tmp_path: Path) -> None:
    findings = check(tmp_path, "市文旅局2026年意识形态工作要点【最新】\n" + BODY)
    assert any("【最新】" in f.message for f in findings if f.code == "title-suffix")
    assert not [t for t in found(findings, "placeholder") if "【最新】" in t]

"""Who issued a plan: one test per category of input (texts written for these tests).

The rules: a body the title names is kept (in a fuller or redacted form the
text gives); a title that names only a kind of unit (学校, 乡镇, 幼儿园) or a
scope (全县…, X系统) is completed from the text — a named unit of the kind,
the signature of a notice or sign-off, the body a responsibility sentence
names, the body a preamble sentence speaks as — and otherwise gives no name.
Slogans, self-references (我局), audiences ("加强全县民政系统…工作") and
website lines are never the issuer: no name is better than a wrong one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sample_plans import BODY, read_one

from drafter.cli import cli
from drafter.corpus.meta import parse_title, preamble_org, refine_org
from drafter.corpus.reader import read_file_unplaced

# --- a scope in the title: the signing body, or none ----------------------------


def test_county_wide_plan_takes_the_body_that_signs_it_off(tmp_path: Path) -> None:
    path = tmp_path / "signed.txt"
    path.write_text("2024年全县交通运输工作要点\n2024年，全县交通运输工作要以服务群众出行为中心。\n" + BODY
                    + "\n某县交通运输局\n2024年2月20日\n", encoding="utf-8")
    plans, unplaced = read_file_unplaced(path)
    plan = plans[0]
    assert (plan.org, plan.year) == ("某县交通运输局", 2024)
    assert plan.tasks[-1].body == "建立舆情台账，及时研判回应。"  # the sign-off is not task text
    assert not plan.truncated  # nor does it make the plan look cut off
    assert [n.text for n in plan.noise if n.kind == "signoff"] == ["某县交通运输局"]
    assert unplaced == []


@pytest.mark.parametrize(("title", "signoff", "org"), [
    ("2024年全市宣传思想工作要点", "XX市委宣传部\n二〇二四年二月一日", "XX市委宣传部"),
    ("2024年全市妇联工作要点", "XX市妇联\n2024年2月1日", "XX市妇联"),
    ("2024年全县交通运输工作要点", "中共某县交通运输局委员会\n某县交通运输局\n2024年2月20日", "某县交通运输局"),
])
def test_sign_off_of_one_or_more_bodies(title: str, signoff: str, org: str) -> None:
    plan = read_one(f"{title}\n今年的工作要稳中求进。\n{BODY}\n{signoff}\n")
    assert plan.org == org
    assert not any(n in t.body for t in plan.tasks for n in signoff.split("\n"))


def test_sign_off_right_after_a_line_cut_mid_sentence_is_not_run_into_it() -> None:
    plan = read_one("2024年全县交通运输工作要点\n今年的工作要稳中求进。\n" + BODY.rstrip("。\n")
                    + "\n某县交通运输局\n2024年2月20日\n")
    assert plan.org == "某县交通运输局"
    assert plan.tasks[-1].body == "建立舆情台账，及时研判回应"


def test_a_name_over_a_date_inside_the_text_stays_text() -> None:
    plan = read_one("2024年全县党建工作要点\n今年的工作要稳中求进。\n一、时间安排\n1.第一阶段。召开动员会。\n"
                    "召开全体党员大会\n2024年6月\n2.第二阶段。总结提高。\n")
    assert plan.org == ""
    assert "召开全体党员大会" in plan.tasks[0].body
    assert not any(n.kind == "signoff" for n in plan.noise)


def test_red_head_of_a_notice_names_the_issuer() -> None:
    plan = read_one("某县教育局文件\n某教发〔2024〕3号\n关于印发《2024年全县教育系统意识形态工作要点》的通知\n各学校：\n"
                    "现将《2024年全县教育系统意识形态工作要点》印发给你们，请认真贯彻执行。\n"
                    "2024年全县教育系统意识形态工作要点\n今年全县教育系统意识形态工作要坚持正确方向。\n" + BODY)
    assert plan.org == "某县教育局"


@pytest.mark.parametrize(("title", "org"), [
    ("2024年意识形态工作要点（某县教育局）", "某县教育局"),
    ("2024年意识形态工作要点（修订稿）", ""),
    ("2024年意识形态工作要点（某某网）", ""),
    ("县审计局2024年意识形态工作要点（2024年3月5日局党组会议审议通过）", "县审计局"),
])
def test_issuer_in_brackets_after_the_title(title: str, org: str) -> None:
    assert parse_title(title)[0] == org


def test_addressee_of_a_notice_is_not_its_signature() -> None:
    plan = read_one("关于印发2024年工作要点的通知\n各学校\n现将工作要点印发给你们，请遵照执行。\n"
                    "2024年全县教育工作要点\n今年工作要稳中求进。\n" + BODY)
    assert plan.org == ""


def test_an_office_titled_by_its_kind_keeps_its_own_name() -> None:
    plan = read_one("局机关2024年意识形态工作要点\n结合我局实际，局党组今年将守正创新。\n" + BODY)
    assert plan.org == "局机关"


@pytest.mark.parametrize("glue", ["\n", " ", ""])
def test_sign_off_on_one_line_or_run_into_the_last_sentence(glue: str) -> None:
    text = ("2024年全县统计工作要点 2024年，全县统计工作要坚持依法统计。一、夯实统计基础 1.规范基层统计台账。年内完成检查。"
            "2.推进统计数字化。上线联网直报系统。二、提升服务水平 3.做好统计分析。每季度形成一份分析。" + glue + "某县统计局 2024年2月26日")
    plan = read_one(text)
    assert (plan.org, plan.truncated) == ("某县统计局", False)
    assert plan.tasks[-1].body == "每季度形成一份分析。"


def test_sign_off_followed_by_the_imprint_of_an_official_document(tmp_path: Path) -> None:
    path = tmp_path / "imprint.txt"
    path.write_text("2024年全县统计工作要点\n今年工作要稳中求进。\n" + BODY + "\n某县统计局\n2024年2月26日\n"
                    "抄送：县委办公室，县政府办公室。\n某县统计局办公室　　2024年2月26日印发\n", encoding="utf-8")
    plans, unplaced = read_file_unplaced(path)
    assert (plans[0].org, plans[0].truncated) == ("某县统计局", False)
    assert plans[0].tasks[-1].body == "建立舆情台账，及时研判回应。"
    assert unplaced == []


def test_a_date_at_the_end_of_a_cut_sentence_is_not_a_sign_off() -> None:
    plan = read_one("2024年全县统计工作要点\n一、夯实统计基础\n1.规范基层统计台账。年内完成检查，力争在2024年3月\n")
    assert plan.org == "" and plan.truncated
    assert plan.tasks[-1].body == "年内完成检查，力争在2024年3月"


def test_county_wide_plan_without_a_signature_names_no_issuer() -> None:
    plan = read_one("2024年全县交通运输工作要点\n全年交通运输工作要稳中求进。\n" + BODY)
    assert plan.org == ""  # "县交通运输" is a field, not a body


def test_a_line_before_a_date_inside_the_text_is_not_a_signature() -> None:
    plan = read_one("某县委宣传部2024年宣传思想工作要点\n" + BODY + "5.筹办理论宣讲活动\n2024年3月\n三、加强队伍建设\n"
                    "6.开展业务培训。全年培训两次。\n")
    assert plan.org == "某县委宣传部"  # "5.…" is a heading, not a sign-off; 宣传 here is part of the name
    assert [t.title for t in plan.tasks][-2:] == ["筹办理论宣讲活动", "开展业务培训"]


def test_system_wide_title_keeps_the_system() -> None:
    plan = read_one("全市民政系统2026年意识形态工作要点\n今年的工作要守正创新。\n" + BODY)
    assert plan.org == "市民政系统"


# --- the preamble speaks as a body, or names an audience ----------------------------


def test_generic_title_completed_by_the_body_a_preamble_sentence_speaks_as() -> None:
    plan = read_one("局机关2026年意识形态工作要点\n做好今年的工作关乎事业发展大局。全市民政系统意识形态工作的指导思想是："
                    "坚持以党的创新理论为指导。\n" + BODY)
    assert plan.org == "市民政系统"


def test_a_system_named_after_a_verb_is_the_audience_not_the_issuer() -> None:
    plan = read_one("2023年关于加强民政系统意识形态工作的实施方案\n为贯彻落实上级会议精神，进一步加强新形势下"
                    "全县民政系统意识形态工作，结合民政实际，特制定本方案。\n" + BODY)
    assert plan.org == ""


@pytest.mark.parametrize(("text", "org"), [
    ("区卫健委今年工作的总体思路是：以人民健康为中心。", "区卫健委"),
    ("2025年，XX市人大办公室意识形态工作要坚持正确方向。", "XX市人大办公室"),
    ("做好新一年的工作意义重大。张家港市交通运输局今年将聚焦群众出行。", "张家港市交通运输局"),
    ("今年要进一步加强全县民政系统意识形态工作。", ""),
    ("会议强调，加强县民政系统意识形态工作要常抓不懈。", ""),
    ("结合我局实际，制定本要点。", ""),
    ("为做好今年工作，结合我市交通运输工作实际，制定本要点。", ""),  # a field, not a unit
    ("根据上级部署，特制定市应急管理局2024年度意识形态工作要点。", "市应急管理局"),
])
def test_preamble_org_only_for_a_name_that_opens_a_clause(text: str, org: str) -> None:
    assert preamble_org(text) == org


# --- a kind of unit in the title: which one the text says ----------------------------


def test_kindergarten_plan_takes_the_body_answering_for_the_work() -> None:
    plan = read_one("2022年幼儿园意识形态工作方案\n按照谁主管谁负责的原则，学校支部领导班子对学校意识形态工作负主体责任。\n"
                    + BODY)
    assert plan.org == "学校支部"


def test_title_kind_gives_way_to_the_kind_the_text_speaks_as() -> None:
    text = ("乡镇意识形态工作方案\n为落实上级关于意识形态工作责任制的要求，结合我街道实际，制定本方案。\n"
            "一、工作目标\n牢牢掌握意识形态工作领导权。\n二、工作职责\n街道党工委对全街道意识形态工作负总责，班子成员抓好分管领域工作。\n"
            "三、重点任务\n1.抓好理论学习。全年集中学习十二次。\n")
    assert read_one(text).org == "街道党工委"


def test_school_plan_takes_the_named_school_over_verbs_run_into_the_kind() -> None:
    plan = read_one("学校党建工作计划\n结合学校工作实际，规范学校党支部的管理，助推前进小学治理体系不断完善，特制定本计划。\n"
                    + BODY)
    assert plan.org == "前进小学"


def test_school_plan_without_a_named_school_takes_its_party_body() -> None:
    plan = read_one("学校意识形态工作计划\n结合学校工作实际，特制定本计划。学校党支部抓意识形态工作，必须坚持正确方向。\n" + BODY)
    assert plan.org == "学校党支部"


@pytest.mark.parametrize(("text", "org"), [
    ("今年，向阳小学将坚持立德树人。", "向阳小学"),
    ("今年，和平小学将坚持立德树人。", "和平小学"),
    ("学校党建工作要以红星小学党支部建设为抓手。", "红星小学"),
    ("城南实验小学今年将坚持立德树人。", "城南实验小学"),
    ("全镇小学和幼儿园都要加强师德建设。", ""),
])
def test_named_school_found_after_the_last_verb_run_into_it(text: str, org: str) -> None:
    assert refine_org("学校", text, []) == org


@pytest.mark.parametrize("text", [
    "加强党对基层学校的全面领导，推进全市中小学思政课建设，办好人民满意的学校。",
    "各党支部对本支部意识形态工作负主体责任。",
])
def test_modifiers_and_plural_bodies_are_not_names(text: str) -> None:
    assert refine_org("学校", text, []) == ""


@pytest.mark.parametrize(("title", "preamble"), [
    ("2021年意识形态工作计划", "为切实加强我镇意识形态工作，特制定本计划。"),
    ("2020年意识形态工作要点", "根据市委有关要求，结合我局实际，制定本要点。"),
    ("2024年社区宣传工作计划", "本社区在宣传思想工作方面确立了以下方针。"),
])
def test_self_references_alone_name_no_issuer(title: str, preamble: str) -> None:
    assert read_one(f"{title}\n{preamble}\n{BODY}").org == ""


@pytest.mark.parametrize("title", ["我街道2024年工作计划", "我校2024年党建工作计划", "本社区2024年宣传工作计划"])
def test_self_reference_in_the_title_is_only_a_kind(title: str) -> None:
    assert read_one(f"{title}\n今年的工作要稳中求进。\n{BODY}").org == ""


def test_community_is_a_kind_not_a_place() -> None:
    plan = read_one("社区2024年工作计划\n今年，XX社区党委将紧紧围绕中心工作。\n" + BODY)
    assert plan.org == "XX社区"


def test_placeholder_unit_completes_a_kind() -> None:
    plan = read_one("乡镇2023年党建工作计划\n为实现某镇乡村振兴，我镇认真谋划全年基层党建工作。\n" + BODY)
    assert plan.org == "某镇"


# --- slogans, redactions, website lines ----------------------------


def test_slogan_run_into_the_title_is_not_the_issuer() -> None:
    plan = read_one("守正创新筑堡垒驰而不息辟新局学校党建工作计划\n2023年，学校党建工作要坚持正确方向，提高队伍素质。\n"
                    + BODY)
    assert plan.org == ""  # "学校" alone, and the text names no school


@pytest.mark.parametrize(("title", "org", "year"), [
    ("奋力谱写新篇章2024年意识形态工作要点", "", 2024),
    ("以高质量党建引领高质量发展——2024年党建工作要点", "", 2024),
    ("县审计局2024年党建工作要点——以高质量党建引领高质量发展", "县审计局", 2024),
    ("“强基固本”工程实施方案", "", None),
    ("【某某范文网】2024年工作要点", "", 2024),
    ("凝心聚力开新局2024年工作要点", "", 2024),
    ("市委宣传部2024年宣传思想工作要点", "市委宣传部", 2024),
    ("区党建办2024年党建工作要点", "区党建办", 2024),
    ("XX银行支行2024年党建工作要点", "XX银行支行", 2024),
    ("建设美丽家园2024年工作要点", "", 2024),
    ("聚焦主责主业2024年党建工作要点", "", 2024),
    ("县科协2024年工作要点", "县科协", 2024),
    ("XX科技园2024年党建工作要点", "XX科技园", 2024),
    ("李明同志在全县统计工作会议上的讲话", "", None),
])
def test_title_names_a_unit_or_none(title: str, org: str, year: int | None) -> None:
    assert parse_title(title) == (org, year)


def test_short_slogan_run_into_a_kind_gives_way_to_the_named_unit() -> None:
    plan = read_one("凝心聚力强根基学校党建工作计划\n今年，学校党建工作要以红星小学党支部建设为抓手，提高队伍素质。\n" + BODY)
    assert plan.org == "红星小学"


def test_slogan_before_a_dash_is_dropped() -> None:
    plan = read_one("凝心聚力谱新篇——县审计局2024年党建工作要点\n今年的党建工作要围绕中心、服务大局。\n" + BODY)
    assert (plan.org, plan.year) == ("县审计局", 2024)


def test_slogan_with_a_body_named_in_the_text_gives_that_body() -> None:
    plan = read_one("凝心聚力谱新篇砥砺奋进创一流县审计局2024年党建工作要点\n县审计局今年的党建工作要围绕中心、服务大局。\n"
                    + BODY)
    assert plan.org == "县审计局"


@pytest.mark.parametrize(("title", "preamble", "org"), [
    ("集团2023年度意识形态工作计划", "结合**集团实际，制定本计划。", "**集团"),
    ("市妇联2023年工作要点", "今年XX市妇联工作的总体要求是：围绕中心、服务大局。", "XX市妇联"),
    ("XX中学支部委员会意识形态工作责任制实施方案", "为落实责任制，制定本方案。", "XX中学支部委员会"),
])
def test_redactions_kept_as_written(title: str, preamble: str, org: str) -> None:
    assert read_one(f"{title}\n{preamble}\n{BODY}").org == org


@pytest.mark.parametrize(("title", "preamble", "org"), [
    ("〔*〕县教育局2024年工作要点", "今年工作要稳中求进。", "〔*〕县教育局"),
    ("县教育局2024年工作要点", "今年〔*〕县教育局工作要稳中求进。", "〔*〕县教育局"),
    ("2024年意识形态工作要点", "今年，***县教育局意识形态工作要稳中求进。", "***县教育局"),
    ("2024年意识形态工作要点", "〔*〕县教育局今年意识形态工作的总体思路是稳中求进。", "〔*〕县教育局"),
])
def test_redacted_names_in_brackets_and_stars(title: str, preamble: str, org: str) -> None:
    assert read_one(f"{title}\n{preamble}\n{BODY}").org == org


def test_website_and_source_lines_never_name_the_issuer() -> None:
    text = ("来源：某某范文网\n更新时间：2024-03-01\n2024年意识形态工作要点\n以下是小编整理的工作要点，仅供参考。\n"
            "今年的意识形态工作要坚持正确方向。\n" + BODY + "本文来自某某文库，转载请注明出处。\n")
    assert read_one(text).org == ""


def test_sign_off_noise_in_inspect_json_follows_the_schema() -> None:
    import jsonschema

    root = Path(__file__).parents[1]
    schema = json.loads((root / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
    result = CliRunner().invoke(cli, ["inspect", "--json", str(root / "tests" / "fixtures" / "reader" / "wild" / "signed_off.txt")])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, schema)
    plan = doc["plans"][0]
    assert plan["org"] == "某县统计局"
    assert [n["kind"] for n in plan["noise"]] == ["signoff"]

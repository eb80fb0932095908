"""drafter check finds slips of fixed formulations (提法) through the lexicon, and leaves right text alone.

Every draft here is written for the test; the lexicon is the built-in one unless a test
writes its own into the working folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run_main

from drafter.errors import SchemaError
from drafter.knowledge.lexicon import load_lexicon
from drafter.review.check import run_check
from drafter.review.findings import Finding

BODY = ("一、强化理论武装\n1.健全学习制度。落实第一议题制度。\n2.抓好理论宣讲。组织宣讲活动。\n"
        "二、压实主体责任\n3.完善责任清单。明确班子成员职责。\n4.开展专项检查。每半年检查一次。\n"
        "三、加强阵地管理\n5.管好网站平台。落实三审三校。\n6.做好舆情应对。及时回应关切。\n")


def typos(tmp_path: Path, preamble: str) -> list[Finding]:
    path = tmp_path / "draft.txt"
    path.write_text(f"市民政局2026年意识形态工作要点\n{preamble}\n{BODY}", encoding="utf-8")
    return [f for r in run_check(path) for f in r.findings if f.code == "typo"]


def rights(findings: list[Finding]) -> list[str]:
    return [f.message.split("应为")[-1].strip("“”") for f in findings]


@pytest.mark.parametrize(("wrong", "right"), [
    # one character off inside a long formulation
    ("以新时代中国特色社会主义思想为指点", "新时代中国特色社会主义思想为指导"),
    ("践行社会主义核心价值感", "社会主义核心价值观"),
    ("坚持以人民为重心的发展思想", "以人民为中心的发展思想"),
    ("推进全面从紧治党向纵深发展", "全面从严治党向纵深发展"),
    # Chinese numerals written as figures
    ("增强4个意识", "四个意识"),
    ("开启新1轮改革", "新一轮"),
    ("学习党的19大精神", "党的十九大"),
    ("学习19届2中全会精神", "十九届二中全会"),
    ("落实3会1课制度", "三会一课"),
    # a paraphrasing tool's word swaps in stock collocations
    ("营建浓厚氛围", "营造浓厚氛围"),
    ("加强理想信心教育", "理想信念教育"),
    ("培养和践行社会主义核心价值观", "培育和践行社会主义核心价值观"),
    ("坚持和发展中国特点社会主义", "中国特色社会主义"),
    ("培育时期新人", "时代新人"),
    ("坚决做到两个保护", "两个维护"),
    ("牢固树立四个意志", "四个意识"),
    # listed wrong forms at a formulation's edge
    ("筑牢中华民族共同体意识", "铸牢中华民族共同体意识"),
    ("守土有则、守土尽则", "守土有责"),
])
def test_slip_of_a_fixed_formulation(tmp_path: Path, wrong: str, right: str) -> None:
    found = typos(tmp_path, f"为做好全年工作，{wrong}，制定本要点。")
    assert found, wrong
    assert any(right in r for r in rights(found)), (wrong, [f.message for f in found])
    assert any(wrong[:4] in f.text or wrong[-4:] in f.text for f in found)


@pytest.mark.parametrize("right", [
    "坚守理想信念，补足精神之钙",                      # another verb before a formulation
    "落实意识形态工作责任人制度",                      # 责任人 is not a slip of 责任制
    "改革开放新时期中国特色社会主义事业",                # 新时期 alone is right in its own sense
    "创新正面宣传与主题报道的内容",                    # a function word makes another construction
    "牢牢把握意识形态工作领导权、管理权、话语权",
    "开展意识形态工作课题研究，分析意识形态领域态势",
    "以习近平新时代中国特色社会主义思想为指引",
    "守土有责、守土负责、守土尽责，统一战线工作",
    "全年开展4次专题学习，组织2个宣讲团",
    "有效应对两个确定性",
])
def test_right_text_is_not_a_slip(tmp_path: Path, right: str) -> None:
    assert typos(tmp_path, f"为做好全年工作，{right}。") == []


def test_one_finding_per_slip_however_often_it_recurs(tmp_path: Path) -> None:
    found = typos(tmp_path, "抓好宣扬思想工作。加强宣扬思想文化阵地建设。做好宣扬思想工作。")
    assert len(found) == 1 and "宣传" in found[0].message


def test_every_listed_phrase_is_clean_and_every_listed_typo_is_found() -> None:
    lex = load_lexicon()
    assert len(lex.phrases) >= 300
    for phrase in lex.phrases:
        assert lex.slips(phrase) == [], phrase
    for right, wrongs in lex.typos:
        for wrong in wrongs:
            assert [s.right for s in lex.slips(f"要{wrong}。")] == [right], wrong


def test_editor_adds_phrases_and_legitimate_forms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "templates" / "context").mkdir(parents=True)
    (tmp_path / "templates" / "context" / "lexicon.yaml").write_text(
        "phrases: [三个不摆十件实事]\nlegitimate: [新时代中国特色社会主义思想为指点]\n"
        "typos:\n  四个意识: [四个议识]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    found = typos(tmp_path, "落实三个不摆九件实事，增强四个议识，以新时代中国特色社会主义思想为指点。")
    got = rights(found)
    assert len(got) == 2 and got[0] == "三个不摆十件实事" and got[1].endswith("四个意识"), got


def test_bad_lexicon_file_names_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "templates" / "context"
    folder.mkdir(parents=True)
    (folder / "lexicon.yaml").write_text("phrases:\n  - 四个意识\ntypo:\n  x: [y]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SchemaError) as e:
        load_lexicon(tmp_path)
    assert "lexicon.yaml" in str(e.value) and "typo" in str(e.value)
    draft = tmp_path / "draft.txt"
    draft.write_text(f"市民政局2026年意识形态工作要点\n为做好工作，制定本要点。\n{BODY}", encoding="utf-8")
    code, _, err = run_main(["check", str(draft)], capsys)
    assert code == 2 and "lexicon.yaml" in err and "Traceback" not in err


@pytest.mark.parametrize(("wrong", "right"), [
    ("认真抓好布署", "部署"), ("建立建全工作机制", "建立健全"), ("再接再励", "再接再厉"), ("融汇贯通", "融会贯通"),
    ("主要负责同志负总则", "负总责"), ("学习宣扬贯彻会议精神", "宣传贯彻"), ("落实党的大精神", "党的××大"),
    ("以宣传思想文化工作主线，", "以……为……"),
])
def test_common_slips_of_official_writing(tmp_path: Path, wrong: str, right: str) -> None:
    assert any(right in r for r in rights(typos(tmp_path, f"为做好全年工作，{wrong}。"))), wrong


def test_body_names_another_kind_of_document(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text(f"市民政局意识形态工作实施方案\n为做好工作，结合实际，特制定本实施意见。\n{BODY}", encoding="utf-8")
    found = [f for r in run_check(path) for f in r.findings if f.code == "typo"]
    assert len(found) == 1 and "本实施意见" in found[0].text and "应为“本实施方案”" in found[0].message
    path.write_text(f"市民政局意识形态工作实施方案\n为做好工作，结合实际，特制定本方案。\n{BODY}", encoding="utf-8")
    assert not [f for r in run_check(path) for f in r.findings if f.code == "typo"]


@pytest.mark.parametrize(("wrong", "right"), [
    ("谁分管谁负责", "谁主管谁负责"), ("极其重要的工作", "极端重要的工作"), ("以爱国主义为核心的时代精神", "以爱国主义为核心的民族精神"),
    ("检查党管意识形态", "坚持党管意识形态"), ("社会主义中心价值观", "社会主义核心价值观"), ("两个维持", "两个维护"),
    ("一岗两责", "一岗双责"), ("稳固壮大", "巩固壮大"), ("乐观健康向上", "积极健康向上"), ("跨越式进展", "跨越式发展"),
    ("浓郁气氛", "浓厚氛围"),
])
def test_wrong_forms_of_the_former_table_are_still_found(wrong: str, right: str) -> None:
    assert [(s.wrong, s.right) for s in load_lexicon().slips(f"要{wrong}。")] == [(wrong, right)]


def test_no_slip_or_foreign_self_reference_in_the_seed_plans() -> None:
    corpus = Path(__file__).parent / "fixtures" / "corpus"
    found = [(p.name, f.code, f.text) for p in sorted(corpus.glob("*.txt")) for r in run_check(p) for f in r.findings
             if f.code in ("typo", "org-mismatch", "title-glued", "numbering-level")]
    assert found == []


def test_year_digits_lost_after_a_comma(tmp_path: Path) -> None:
    found = typos(tmp_path, "为实现这一目标，年我校将继续充实队伍。每年我校组织一次检查。")
    assert len(found) == 1 and "年份数字缺失" in found[0].message and "年我校将" in found[0].text


@pytest.mark.parametrize(("text", "wrong", "right"), [
    # a short numbered formulation set off by quotation marks
    ("牢固树立“四个意思”，坚定“四个自信”", "四个意思", "四个意识"),
    ("严格执行“一岗双则”要求", "一岗双则", "一岗双责"),
    ("网站信息发布坚持「三审三效」", "三审三效", "三审三校"),
    ("把学习作为“第一议提”", "第一议提", "第一议题"),
    # or listed beside a sibling written right
    ("引导党员干部增强四个意识、四个自性、两个维护", "四个自性", "四个自信"),
    ("深刻领会两个确力、两个维护的内涵", "两个确力", "两个确立"),
])
def test_short_formulation_with_one_slip_where_quoted_or_listed(tmp_path: Path, text: str, wrong: str,
                                                               right: str) -> None:
    found = typos(tmp_path, f"{text}。")
    assert [(f.message, f.text) for f in found if wrong in f.message] == [
        (f"“{wrong}”有误，应为“{right}”", next(f.text for f in found if wrong in f.message))], found
    assert any(wrong in f.text for f in found)


@pytest.mark.parametrize("right", [
    "围绕“四个方面”开展调研",            # a numbered phrase of its own, one character from 四个全面
    "推广“政治生日”仪式",                # quoted, but not numbered: 政治生态 is another phrase
    "重温“两个务必”",                    # another number is another formulation
    "开展意识形态专题学习、分析研判",     # a list without a formulation in it
    "增强四个意识、坚定四个自信、做到两个维护",
])
def test_short_phrase_one_character_off_that_is_right(tmp_path: Path, right: str) -> None:
    assert typos(tmp_path, f"为做好全年工作，{right}。") == []


def test_meeting_with_ten_typed_as_10(tmp_path: Path) -> None:
    found = typos(tmp_path, "深入学习党的109大和109届4中全会精神。")
    assert sorted(rights(found)) == ["党的十九大", "十九届四中全会"]


def test_quotes_begin_at_a_clause_and_name_only_the_wrong_words(tmp_path: Path) -> None:
    found = typos(tmp_path, "为此，各支部压实意识形态主题责任，增强“四个意思”。")
    by_right = {f.message.split("应为")[-1]: f for f in found}
    assert by_right["“主体责任”"].message == "“主题责任”有误，应为“主体责任”"  # not the verb read before it
    assert by_right["“主体责任”"].text == "各支部压实意识形态主题责任"  # from the clause's start, not mid-word
    assert by_right["“四个意识”"].text == "增强“四个意思”"

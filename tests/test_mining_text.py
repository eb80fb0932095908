"""Units of mining: text normalisation, hints, generalisation, clustering."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drafter.mining.cluster import leader_cluster
from drafter.mining.departments import BY_SLUG, detect
from drafter.mining.generalise import generaliser, unparameterise_regex
from drafter.mining.hints import clauses_of, concreteness
from drafter.mining.lexicon import keyword_scores
from drafter.mining.text import bigrams, display, split_heading


@pytest.mark.parametrize(("raw", "shown"), [
    ("深化理论武装,筑牢思想根基", "深化理论武装，筑牢思想根基"),
    ("党委(党组) 领导。", "党委（党组）领导"),
    ("全年1,000人次", "全年1,000人次"),
    ('严格执行"三审三校"制度。', "严格执行“三审三校”制度"),
])
def test_display(raw: str, shown: str) -> None:
    assert display(raw) == shown


def test_split_heading() -> None:
    assert split_heading("深化理论武装，筑牢思想根基") == ("深化理论武装", "筑牢思想根基")
    assert split_heading("深化理论武装") == ("深化理论武装", "")


def test_generic_verbs_do_not_count_for_likeness() -> None:
    assert bigrams("加强阵地建设") == bigrams("强化阵地建设") == {"阵地"}


@pytest.mark.parametrize(("text", "theme"), [
    ("创新工作机制", "innovation"), ("健全工作机制", "duty"), ("加强党组织建设", "party"),
    ("创新阵地管理机制", "positions"), ("深化思想道德建设", "culture"),
])
def test_lexicon_longest_match(text: str, theme: str) -> None:
    scores = keyword_scores(text)
    assert max(scores, key=lambda t: scores[t]) == theme


def test_hints_from_a_body() -> None:
    body = ("市直机关各部门党组(党委)每季度至少召开一次意识形态工作专题会议,综合分析本部门形势。"
            "建立台账制度。建立风险隐患台账。要提高认识。每季度开展x次专题学习。")
    found = clauses_of(body)
    assert "每季度至少召开一次意识形态工作专题会议" in found
    assert "建立台账制度" not in found  # 8 characters at least
    assert "建立风险隐患台账" in found
    assert not [f for f in found if "x次" in f or "提高认识" in f]


def test_concreteness_prefers_frequencies_and_named_items() -> None:
    assert concreteness("每季度至少召开一次意识形态工作专题会议") > concreteness("完善相关工作机制")
    assert concreteness("制定《意识形态工作督查考核办法》") >= 3
    assert concreteness("完善相关工作机制") < 2


def test_generaliser_replaces_own_department_words_only() -> None:
    used: set[str] = set()
    civil = generaliser(BY_SLUG["civil-affairs"], "市民政局", used)
    assert civil("修订完善《市民政局意识形态工作责任制实施细则》") == "修订完善《{{ org }}意识形态工作责任制实施细则》"
    assert civil("在全市民政系统深入开展评选") == "在{{ system }}深入开展评选"
    assert civil("开展民政领域专项课题研究") == "开展{{ field }}领域专项课题研究"
    assert civil("局党组每季度召开1次研判会") == "局{{ party_body }}每季度召开1次研判会"
    assert civil("推动科技创新") == "推动科技创新"
    congress = generaliser(None, "XX市人大办公室", used)
    assert congress("推动科技创新，依托山西干部在线学院") == "推动科技创新，依托{{ province }}干部在线学院"
    assert used == {"org", "system", "field", "party_body", "province"}


def test_organisation_words_not_the_verb() -> None:
    org = generaliser(BY_SLUG["organization"], "市委组织部机关", set())
    assert org("组织开展组织工作讲坛") == "组织开展{{ field }}工作讲坛"


def test_detect_department() -> None:
    assert detect("市科学技术局机关") is BY_SLUG["science"]
    assert detect("局机关", "局机关2026年意识形态工作要点", "全市民政系统意识形态工作") is BY_SLUG["civil-affairs"]
    assert detect("政府机关") is None


@given(st.text(alphabet="民政科技局市的开展工作组织{}%#", max_size=30))
def test_generalised_text_renders_back_to_the_original_shape(text: str) -> None:
    out = generaliser(BY_SLUG["civil-affairs"], "市民政局", set())(text)
    assert unparameterise_regex(out).fullmatch(text) or "{" in text


def test_leader_cluster_is_order_stable_and_complete() -> None:
    vecs = [{"a": 1.0, "b": 1.0}, {"a": 1.0, "b": 0.9}, {"c": 1.0}, {"c": 1.0, "d": 0.2}, {"e": 1.0}]
    clusters = leader_cluster(vecs, 0.8)
    assert clusters == [[0, 1], [2, 3], [4]]
    assert sorted(i for c in clusters for i in c) == list(range(5))

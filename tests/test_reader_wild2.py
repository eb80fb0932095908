"""More categories of plans from the wild, on texts the reader was not tuned on (inline fixtures).

Run-together text with spaces after headings and numbers inside sentences,
compilation parts that share one title, a slogan title with a ——subtitle,
an issuer in brackets under the title, a flat plan of 一是/二是 items.
"""

from __future__ import annotations

from drafter.corpus.reader import read_text
from drafter.model import Plan


def shape(plan: Plan) -> list[tuple[str, list[str]]]:
    return [(s.title, [t.title for t in s.tasks]) for s in plan.sections]


RUN = ("县档案馆2024年意识形态工作要点 为抓好2024年意识形态工作，特制定本要点。一、夯实思想基础 1.组织专题学习。"
       "全年安排集中学习10次，交流研讨4次。2.办好青年读书班。每月第2周开班。二、守好宣传阵地 3.管好门户网站。"
       "信息发布实行3级审核。4.用好展陈空间。2024年起每季度更新展板。三、做好舆情处置 5.健全值守制度。"
       "节假日实行24小时值守。6.开展应急演练。全年不少于2次。")
RUN_SHAPE = [("夯实思想基础", ["组织专题学习", "办好青年读书班"]), ("守好宣传阵地", ["管好门户网站", "用好展陈空间"]),
             ("做好舆情处置", ["健全值守制度", "开展应急演练"])]


def test_one_line_plan_with_spaces_after_headings_and_numbers_in_sentences() -> None:
    (plan,) = read_text(RUN)
    assert plan.title == "县档案馆2024年意识形态工作要点"
    assert plan.preamble == "为抓好2024年意识形态工作，特制定本要点。"
    assert shape(plan) == RUN_SHAPE
    assert plan.tasks[0].body == "全年安排集中学习10次，交流研讨4次。"
    assert plan.tasks[1].body == "每月第2周开班。"
    assert plan.tasks[4].body == "节假日实行24小时值守。"
    assert (plan.org, plan.year) == ("县档案馆", 2024)


def test_title_on_its_own_line_then_the_rest_run_together() -> None:
    title, rest = RUN.split(" ", 1)
    (plan,) = read_text(f"{title}\n{rest}")
    assert plan.title == title and shape(plan) == RUN_SHAPE


def test_title_glued_to_preamble_and_bracketed_tasks_on_one_line() -> None:
    text = ("县档案馆2024年意识形态工作要点为抓好2024年意识形态工作，特制定本要点。一、夯实思想基础（一）组织专题学习。"
            "全年安排集中学习10次。（二）办好青年读书班。二、守好宣传阵地（一）管好门户网站。信息发布实行3级审核。"
            "（二）用好展陈空间。")
    (plan,) = read_text(text)
    assert plan.title == "县档案馆2024年意识形态工作要点"
    assert plan.preamble.startswith("为抓好2024年")
    assert shape(plan) == [("夯实思想基础", ["组织专题学习", "办好青年读书班"]), ("守好宣传阵地", ["管好门户网站", "用好展陈空间"])]


def test_numbers_inside_sentences_of_a_long_spaced_line_are_not_markers() -> None:
    text = ("县档案馆2024年意识形态工作要点 一、夯实思想基础 1.组织专题学习。全年开展3个专题、学习2024年新修订的条例，"
            "第1次学习在1月。 2.办好青年读书班。分3期举办，每期12人。 二、守好宣传阵地 3.管好门户网站。做到2小时内审核完毕。")
    (plan,) = read_text(text)
    assert shape(plan) == [("夯实思想基础", ["组织专题学习", "办好青年读书班"]), ("守好宣传阵地", ["管好门户网站"])]
    assert plan.tasks[0].body == "全年开展3个专题、学习2024年新修订的条例，第1次学习在1月。"


SHARED_TITLE = """社区2025年宣传思想工作计划（精选3篇）
篇一：社区2025年宣传思想工作计划
一、抓好理论学习
1.办好居民学习课堂。每季度1期。
2.组织党员集中学习。
二、管好宣传阵地
3.更新社区宣传栏。
篇二：社区2025年宣传思想工作计划
一、统一思想认识
1.召开两委专题会。
二、压实工作责任
2.明确分管人员。
3.建立工作台账。
篇三：社区2024年宣传思想工作总结
今年以来，社区扎实推进宣传思想工作，现将有关情况汇报如下：
一、主要做法
（一）抓学习。全年组织学习10次。
二、存在的不足
活动形式还不够丰富。
"""


def test_compilation_parts_with_one_shared_title_and_different_content_stay_apart() -> None:
    plans = read_text(SHARED_TITLE)
    assert [p.title for p in plans] == ["社区2025年宣传思想工作计划", "社区2025年宣传思想工作计划", "社区2024年宣传思想工作总结"]
    assert shape(plans[0]) == [("抓好理论学习", ["办好居民学习课堂", "组织党员集中学习"]), ("管好宣传阵地", ["更新社区宣传栏"])]
    assert shape(plans[1]) == [("统一思想认识", ["召开两委专题会"]), ("压实工作责任", ["明确分管人员", "建立工作台账"])]
    assert not any(t.outline_only for p in plans for t in p.tasks)
    assert not any(p.outline_only for p in plans)  # 篇二's items end with a full stop: a terse text, not an outline
    assert not plans[0].truncated
    assert [p.not_a_plan for p in plans] == [False, False, True]


def test_an_outline_and_its_full_text_under_one_title_still_merge() -> None:
    text = """社区2025年宣传思想工作计划
一、抓好理论学习
1.办好居民学习课堂
2.组织党员集中学习
二、管好宣传阵地
3.更新社区宣传栏
社区2025年宣传思想工作计划
一、抓好理论学习
1.办好居民学习课堂。每季度1期，邀请宣讲员授课。
2.组织党员集中学习。每月1次。
二、管好宣传阵地
"""
    (plan,) = read_text(text)
    assert [s.title for s in plan.sections] == ["抓好理论学习", "管好宣传阵地"]
    assert [t.title for t in plan.sections[0].tasks] == ["办好居民学习课堂", "组织党员集中学习"]
    assert plan.truncated and not plan.outline_only


SUBTITLED = """守正创新强根基 凝心聚力开新局
——县融媒体中心2024年意识形态工作要点
一、加强理论武装
1.落实集中学习制度。每月学习1次。
二、管好播出平台
2.严格三审三校。做到播前必审。
"""


def test_slogan_title_with_a_dash_subtitle() -> None:
    (plan,) = read_text(SUBTITLED)
    assert plan.title == "守正创新强根基 凝心聚力开新局——县融媒体中心2024年意识形态工作要点"
    assert (plan.org, plan.year) == ("县融媒体中心", 2024)
    assert shape(plan) == [("加强理论武装", ["落实集中学习制度"]), ("管好播出平台", ["严格三审三校"])]


def test_slogan_with_a_comma_leaves_the_subtitle_as_the_title() -> None:
    (plan,) = read_text(SUBTITLED.replace("守正创新强根基 凝心聚力开新局", "守正创新强根基，凝心聚力开新局"))
    assert plan.title == "县融媒体中心2024年意识形态工作要点"
    assert (plan.org, plan.year) == ("县融媒体中心", 2024)
    assert len(plan.sections) == 2


def test_issuer_in_brackets_under_a_title_without_one() -> None:
    text = """2026年意识形态工作要点
（某某县农业农村局）
一、强化学习
1.抓好中心组学习。全年不少于12次。
二、管好阵地
2.规范微信公众号管理。
"""
    (plan,) = read_text(text)
    assert (plan.org, plan.year) == ("某某县农业农村局", 2026)
    (plan,) = read_text(text.replace("（某某县农业农村局）", "某某县农业农村局"))  # without the brackets
    assert plan.org == "某某县农业农村局"
    (plan,) = read_text(text.replace("（某某县农业农村局）", "全县各单位"))  # an audience, not a byline
    assert plan.org == ""


def test_flat_plan_of_ordinal_items_is_one_untitled_part_of_tasks() -> None:
    text = """县气象局2025年意识形态工作要点
2025年，我局意识形态工作的总体要求是：坚持正确方向。
一是抓好理论学习。局党组中心组全年学习不少于12次。
二是压实工作责任。逐级签订责任书。
三是管好宣传阵地。规范电子屏管理。
"""
    (plan,) = read_text(text)
    assert shape(plan) == [("", ["抓好理论学习", "压实工作责任", "管好宣传阵地"])]


def test_compilation_run_together_on_one_line() -> None:
    text = ("社区宣传思想工作计划（精选2篇） 篇一：2025年社区宣传思想工作计划 一、抓好理论学习 1.办好居民学习课堂。每季度1期。"
            "2.组织党员集中学习。二、管好宣传阵地 3.更新社区宣传栏。篇二：2025年社区宣传思想工作计划 一、统一思想认识 "
            "1.召开两委专题会。二、压实工作责任 2.明确分管人员。3.建立工作台账。")
    plans = read_text(text)
    assert [p.title for p in plans] == ["2025年社区宣传思想工作计划"] * 2
    assert shape(plans[0]) == [("抓好理论学习", ["办好居民学习课堂", "组织党员集中学习"]), ("管好宣传阵地", ["更新社区宣传栏"])]
    assert shape(plans[1]) == [("统一思想认识", ["召开两委专题会"]), ("压实工作责任", ["明确分管人员", "建立工作台账"])]


def test_title_then_a_dash_slogan_line() -> None:
    text = SUBTITLED.split("\n", 2)[2]
    (plan,) = read_text("县融媒体中心2024年意识形态工作要点\n——守正创新强根基 凝心聚力开新局\n" + text)
    assert plan.title == "县融媒体中心2024年意识形态工作要点——守正创新强根基 凝心聚力开新局"
    assert (plan.org, plan.year) == ("县融媒体中心", 2024)
    assert shape(plan) == [("加强理论武装", ["落实集中学习制度"]), ("管好播出平台", ["严格三审三校"])]


def test_dash_items_right_under_the_title_are_not_a_subtitle() -> None:
    text = "县气象局2025年意识形态工作要点\n——抓好理论学习\n——压实工作责任\n——管好宣传阵地\n"
    (plan,) = read_text(text)
    assert plan.title == "县气象局2025年意识形态工作要点"
    assert [t.title for t in plan.tasks] == ["抓好理论学习", "压实工作责任", "管好宣传阵地"]


def test_same_title_same_sections_but_other_tasks_stay_apart() -> None:
    text = """社区2025年宣传思想工作计划
一、抓好理论学习
1.办好居民学习课堂。每季度1期。
二、管好宣传阵地
2.更新社区宣传栏。每月1次。
社区2025年宣传思想工作计划
一、抓好理论学习
1.组织青年读书会
二、管好宣传阵地
2.规范微信群管理
"""
    plans = read_text(text)
    assert [[t.title for t in p.tasks] for p in plans] == [["办好居民学习课堂", "更新社区宣传栏"], ["组织青年读书会", "规范微信群管理"]]


def test_an_outline_whose_items_end_with_full_stops_still_merges_with_its_text() -> None:
    text = """社区2025年宣传思想工作计划
一、抓好理论学习。
1.办好居民学习课堂。
2.组织党员集中学习。
二、管好宣传阵地。
3.更新社区宣传栏。
社区2025年宣传思想工作计划
一、抓好理论学习
1.办好居民学习课堂。每季度1期，邀请宣讲员授课。
2.组织党员集中学习。每月1次。
二、管好宣传阵地
"""
    (plan,) = read_text(text)
    assert shape(plan) == [("抓好理论学习", ["办好居民学习课堂", "组织党员集中学习"]), ("管好宣传阵地", ["更新社区宣传栏"])]
    assert plan.truncated and plan.tasks[-1].outline_only and not plan.outline_only

"""Compilation parts whose separator heads the title line, and how inspect shows unnumbered parts (inline fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.corpus.clean import clean
from drafter.corpus.extract import read_lines
from drafter.corpus.reader import read_file_unplaced, read_text

PART = ("{sep}某县{unit}局{year}年意识形态工作要点\n"
        "为落实意识形态工作责任制，结合{unit}工作实际，制定本要点。\n"
        "一、加强理论武装\n1.抓好中心组学习。全年集中学习不少于12次。\n2.开展专题培训。举办培训班2期。\n"
        "二、加强阵地管理\n3.规范网站和新媒体审核。实行三审三校。\n4.管好会议室和展板。\n")


@pytest.mark.parametrize("sep", ["【范文一】", "【范文{n}】", "范文{n}：", "篇{n} ", "第{n}篇：", "【篇{n}】", "篇{n}："])
def test_a_separator_heading_the_title_line_starts_a_plan_and_stays_out_of_the_title(sep: str) -> None:
    text = "".join(PART.format(sep=sep.replace("{n}", str(n)).replace("一", "一二"[n - 1]), unit=u, year=y)
                   for n, (u, y) in enumerate([("财政", 2025), ("审计", 2024)], 1))
    plans = read_text(text)
    assert [(p.title, p.org, p.year) for p in plans] == [
        ("某县财政局2025年意识形态工作要点", "某县财政局", 2025), ("某县审计局2024年意识形态工作要点", "某县审计局", 2024)]
    assert [[t.title for t in p.tasks] for p in plans] == [["抓好中心组学习", "开展专题培训", "规范网站和新媒体审核",
                                                          "管好会议室和展板"]] * 2


def test_words_like_a_separator_inside_a_title_are_kept() -> None:
    (plan,) = read_text(PART.format(sep="", unit="财政", year=2025).replace("意识形态工作要点", "意识形态工作要点（第一篇章）", 1))
    assert plan.title.startswith("某县财政局2025年意识形态工作要点")


def test_inspect_names_an_untitled_part_and_marks_unnumbered_items(tmp_path: Path) -> None:
    src = tmp_path / "高校.txt"
    src.write_text("某学院2025年宣传思想工作要点\n●加强理论武装。中心组全年学习12次。\n●加强阵地管理。讲座论坛一会一报。\n"
                   "●加强网络引导。建设网评员队伍。\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["inspect", str(src)]).stdout
    assert "  （无标题部分）\n      · 加强理论武装\n      · 加强阵地管理\n      · 加强网络引导\n" in out
    assert "-、" not in out and "-." not in out


WEB_PAGE = """您现在的位置：首页 > 信息公开 > 计划总结
【字体：大 中 小】【打印本页】【关闭窗口】
某区档案局2026年意识形态工作要点
发布日期：2026-02-20 信息来源：区档案局
一、筑牢思想根基
1.落实“第一议题”制度。局务会第一时间学习传达。
2.办好读书班。全年举办3期。
二、{hidden}
3.规范档案展览审核。展陈内容实行两级审核。
{foot}
"""


@pytest.mark.parametrize("foot", ["（来源：区档案局办公室）", "【责任编辑：王某】", "扫一扫在手机打开当前页",
                                  "扫码阅读手机版", "在手机上打开本页", "关闭窗口"])
def test_page_furniture_after_the_plan_is_noise_and_does_not_make_it_truncated(foot: str) -> None:
    (plan,) = read_text(WEB_PAGE.format(hidden="管好展陈阵地", foot=foot))
    assert not plan.truncated
    assert [t.title for t in plan.tasks] == ["落实“第一议题”制度", "办好读书班", "规范档案展览审核"]
    assert plan.tasks[-1].body == "展陈内容实行两级审核。"
    assert any(n.text == foot and n.kind == "chrome" for n in plan.noise)


def test_a_heading_that_only_holds_a_hidden_text_marker_is_noise_and_truncation() -> None:
    (plan,) = read_text(WEB_PAGE.format(hidden="---此处隐藏1524字---", foot=""))
    assert plan.truncated
    assert [s.title for s in plan.sections] == ["筑牢思想根基"]
    assert all("隐藏" not in t.title + t.body for t in plan.tasks)
    assert any(n.kind == "hidden" and "隐藏1524字" in n.text for n in plan.noise)


@pytest.mark.parametrize("head", ["猜你喜欢：", "相关推荐", "延伸阅读：", "你可能还感兴趣："])
def test_a_list_of_links_at_the_foot_of_the_page_is_not_a_plan(head: str, tmp_path: Path) -> None:
    links = "1.2025年档案局工作计划\n2.档案馆党建工作要点范文\n3.2025年档案工作总结（精选5篇）\n"
    src = tmp_path / "page.txt"
    src.write_text(WEB_PAGE.format(hidden="管好展陈阵地", foot=f"{head}\n{links}"), encoding="utf-8")
    plans, unplaced = read_file_unplaced(src)
    assert len(plans) == 1 and len(plans[0].tasks) == 3 and unplaced == []
    assert plans[0].tasks[-1].body == "展陈内容实行两级审核。"
    assert {n.text for n in clean(read_lines(src)).noise if n.kind == "chrome"} >= {head, *links.split()}


def test_a_numbered_heading_after_a_links_heading_word_in_the_text_stays() -> None:
    text = WEB_PAGE.format(hidden="管好展陈阵地", foot="") + "三、推荐阅读书目\n4.开列推荐阅读书目。每季度更新。\n"
    (plan,) = read_text(text)
    assert [s.title for s in plan.sections][-1] == "推荐阅读书目" and plan.tasks[-1].title == "开列推荐阅读书目"


@pytest.mark.parametrize("tag", ["【最新】", "(精选)", "【2025最新版】", "（完整版）", "（word可编辑）", "[推荐]"])
def test_a_site_tag_after_the_title_is_not_part_of_it(tag: str) -> None:
    (plan,) = read_text(PART.format(sep="", unit="财政", year=2025).replace("工作要点\n", f"工作要点{tag}\n", 1))
    assert (plan.title, plan.org, plan.year) == ("某县财政局2025年意识形态工作要点", "某县财政局", 2025)


@pytest.mark.parametrize("kept", ["（征求意见稿）", "（讨论稿）", "（试行）"])
def test_a_draft_status_after_the_title_stays_in_it(kept: str) -> None:
    (plan,) = read_text(PART.format(sep="", unit="财政", year=2025).replace("工作要点\n", f"工作要点{kept}\n", 1))
    assert plan.title == f"某县财政局2025年意识形态工作要点{kept}" and plan.year == 2025


def test_a_folder_names_the_documents_it_cannot_read(tmp_path: Path) -> None:
    folder = tmp_path / "收集"
    (folder / "旧").mkdir(parents=True)
    (folder / "a.txt").write_text(PART.format(sep="", unit="财政", year=2025), encoding="utf-8")
    (folder / "b.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "旧" / "c.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    (folder / "d.png").write_bytes(b"\x89PNG")  # not a document: not named
    result = CliRunner().invoke(cli, ["inspect", str(folder)])
    assert result.exit_code == 0 and "识别出 1 篇工作要点" in result.stdout
    assert result.stderr == f"警告：{folder}: 跳过 2 个读不了的文件（b.pdf、c.doc）：请另存为 .docx 或 .txt\n"
    mined = CliRunner().invoke(cli, ["mine", str(folder), "-o", str(tmp_path / "s.yaml")])
    assert "跳过 2 个读不了的文件（b.pdf、c.doc）" in mined.stderr


@pytest.mark.parametrize("kind", ["意识形态工作任务清单", "意识形态工作责任清单", "宣传思想工作思路", "宣传思想工作重点"])
def test_other_names_of_a_year_s_plan_are_titles_when_dated(kind: str) -> None:
    (plan,) = read_text(PART.format(sep="", unit="财政", year=2025).replace("意识形态工作要点", kind, 1))
    assert (plan.title, plan.org, plan.year) == (f"某县财政局2025年{kind}", "某县财政局", 2025)


def test_an_undated_line_ending_in_such_a_word_is_not_a_title() -> None:
    (plan,) = read_text(PART.format(sep="", unit="财政", year=2025).replace(
        "为落实意识形态工作责任制，结合财政工作实际，制定本要点。", "以下为本局意识形态工作重点"))
    assert plan.title == "某县财政局2025年意识形态工作要点" and plan.preamble == "以下为本局意识形态工作重点"


THREE_LEVELS = """某县统计局2025年意识形态工作要点
一、加强理论武装
（一）抓好学习
1.中心组全年学习12次。
2.开展读书班。
（二）抓好宣讲
3.开展宣讲10场。
二、压实工作责任
（一）健全责任制
4.签订责任书。
（二）开展检查
5.每半年检查一次。
三、加强阵地管理
（一）管好网站
6.落实三审三校。
"""


def test_a_three_level_plan_keeps_every_top_heading_as_a_section() -> None:
    (plan,) = read_text(THREE_LEVELS)
    assert plan.tasks_heading is None
    assert [(s.title, [t.title for t in s.tasks]) for s in plan.sections] == [
        ("加强理论武装", ["抓好学习", "抓好宣讲"]), ("压实工作责任", ["健全责任制", "开展检查"]),
        ("加强阵地管理", ["管好网站"])]
    assert plan.sections[0].tasks[0].body == "1.中心组全年学习12次。\n2.开展读书班。"  # nothing dropped


def test_one_grouping_heading_over_three_levels_is_still_the_tasks_heading() -> None:
    text = THREE_LEVELS.replace("一、加强理论武装\n", "一、总体要求\n坚持正确方向。\n二、重点任务\n", 1).replace(
        "二、压实工作责任\n", "").replace("三、加强阵地管理\n", "三、工作要求\n各科室抓好落实。\n（一）管好网站\n")
    (plan,) = read_text(text)
    assert plan.tasks_heading == "重点任务"
    assert [s.title for s in plan.sections] == ["抓好学习", "抓好宣讲", "健全责任制", "开展检查"]


def test_of_several_grouping_shapes_the_one_named_so_groups() -> None:
    text = THREE_LEVELS.replace("二、压实工作责任", "二、重点任务")
    (plan,) = read_text(text)
    assert plan.tasks_heading == "重点任务"
    assert "加强理论武装" in [p.heading for p in plan.front] + [s.title for s in plan.sections]


def test_a_links_heading_before_the_sign_off_leaves_the_sign_off_alone() -> None:
    text = WEB_PAGE.format(hidden="管好展陈阵地", foot="相关阅读：\n某区档案局\n2026年2月20日")
    (plan,) = read_text(text)
    assert plan.org == "某区档案局" and not plan.truncated
    assert {n.text for n in plan.noise if n.kind == "chrome"} >= {"相关阅读："}
    assert not [n for n in plan.noise if n.kind == "chrome" and n.text in ("某区档案局", "2026年2月20日")]


COLONS = """某县林业局2025年意识形态工作要点
一、加强理论武装：坚持用党的创新理论武装头脑。
1.抓好中心组学习：全年集中学习12次。
2.开展专题培训:举办培训班2期，覆盖全体干部。
二、加强阵地管理：
3.规范网站审核：实行三审三校。
4.各科室要按照“谁主管谁负责”的原则，做到以下两点：一是专人负责；二是及时报告。
5.坚持每周一8:30集中学习制度。每次不少于1小时。
6.开展“我为群众办实事：林业在行动”活动。全年不少于10次。
"""


def test_a_title_and_its_body_on_one_line_are_cut_at_a_colon_after_a_short_title() -> None:
    (plan,) = read_text(COLONS)
    assert [s.title for s in plan.sections] == ["加强理论武装", "加强阵地管理"]
    assert plan.sections[0].intro == "坚持用党的创新理论武装头脑。"
    assert [(t.title, t.body) for t in plan.tasks[:3]] == [
        ("抓好中心组学习", "全年集中学习12次。"), ("开展专题培训", "举办培训班2期，覆盖全体干部。"),
        ("规范网站审核", "实行三审三校。")]


def test_a_colon_in_a_sentence_a_time_or_quotes_does_not_cut_the_title() -> None:
    (plan,) = read_text(COLONS)
    assert plan.tasks[3].title.startswith("各科室要按照“谁主管谁负责”的原则，做到以下两点：一是专人负责")
    assert plan.tasks[4].title == "坚持每周一8:30集中学习制度"
    assert plan.tasks[5].title == "开展“我为群众办实事：林业在行动”活动"

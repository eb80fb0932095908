"""Compilation parts whose separator heads the title line, and how inspect shows unnumbered parts (inline fixtures)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from drafter.cli import cli
from drafter.corpus.reader import read_text

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

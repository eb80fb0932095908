"""A table of contents is document furniture: noise of kind toc, never sections or a second plan.

Also: tasks written straight under a grouping heading (二、重点任务 → 1.… before the first （一）)
are kept, never lost silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.corpus.clean import clean
from drafter.corpus.extract import read_lines, text_lines
from drafter.corpus.reader import read_file_unplaced, read_text
from drafter.corpus.structure import tokenize
from drafter.model import Plan
from drafter.numbering import norm

TITLE = "县档案馆2025年宣传思想工作要点"
BODY = """一、强化思想引领
1.组织集中学习。馆党支部每月学习一次。
2.办好读书活动。
二、守好文化阵地
3.规范展陈内容。
4.管好门户网站。"""


def _one(text: str) -> Plan:
    plans = read_text(text)
    assert len(plans) == 1, [p.title for p in plans]
    return plans[0]


def _assert_whole(plan: Plan) -> None:
    assert plan.title == TITLE
    assert [s.title for s in plan.sections] == ["强化思想引领", "守好文化阵地"]
    assert [t.title for t in plan.tasks] == ["组织集中学习", "办好读书活动", "规范展陈内容", "管好门户网站"]
    assert not plan.outline_only and not plan.truncated


TOCS = {
    "labelled, dot leaders": "目录\n一、强化思想引领……………………1\n二、守好文化阵地……………………2",
    "spaced label, ascii dots": "目 录\n一、强化思想引领 ........ 1\n二、守好文化阵地 ........ 3",
    "no label": "一、强化思想引领…………1\n二、守好文化阵地…………2",
    "no label, blanks only": "一、强化思想引领    1\n二、守好文化阵地    2",
    "full-width digits": "目录\n一、强化思想引领……………１\n二、守好文化阵地……………２",
    "page words": "目录\n一、强化思想引领……第1页\n二、守好文化阵地……第2页",
    "subheadings listed": "目录\n一、强化思想引领……1\n（一）学习制度……1\n（二）读书活动……1\n二、守好文化阵地……2",
    "middle dots": "目  录：\n一、强化思想引领·········1\n二、守好文化阵地·········2",
}


@pytest.mark.parametrize("toc", list(TOCS.values()), ids=list(TOCS))
def test_toc_between_title_and_body(toc: str) -> None:
    plan = _one(f"{TITLE}\n{toc}\n{BODY}\n")
    _assert_whole(plan)
    kinds = {n.kind for n in plan.noise}
    assert kinds == {"toc"}


@pytest.mark.parametrize("toc", list(TOCS.values()), ids=list(TOCS))
def test_toc_after_preamble(toc: str) -> None:
    plan = _one(f"{TITLE}\n为做好今年工作，制定本要点。\n{toc}\n{BODY}\n")
    _assert_whole(plan)
    assert plan.preamble == "为做好今年工作，制定本要点。"


def test_toc_before_title() -> None:
    plan = _one(f"{TOCS['labelled, dot leaders']}\n{TITLE}\n{BODY}\n")
    _assert_whole(plan)


def test_every_toc_line_is_noted() -> None:
    text = f"{TITLE}\n{TOCS['subheadings listed']}\n{BODY}\n"
    cleaned = clean(text_lines(text))
    assert [n.line for n in cleaned.noise if n.kind == "toc"] == [2, 3, 4, 5, 6]
    assert cleaned.toc == []  # section entries do not name plans


def test_headings_ending_in_numbers_are_not_a_toc() -> None:
    # real headings that happen to end with a number, pages going backwards: structure, not furniture
    text = f"{TITLE}\n一、完成重点项目 3\n1.建成展厅。\n二、开展专题活动 2\n2.办好展览。\n"
    plan = _one(text)
    assert len(plan.sections) == 2 and len(plan.tasks) == 2
    assert not any(n.kind == "toc" for n in plan.noise)


def test_a_sentence_is_not_a_toc_entry() -> None:
    text = f"{TITLE}\n一、强化思想引领\n1.组织集中学习，全年 12\n2.办好读书活动，每季 4\n"
    plan = _one(text)
    assert len(plan.tasks) == 2


GROUPED = """市商贸局2026年宣传工作要点
一、总体要求
坚持正确方向，服务中心大局。
二、重点任务
今年重点抓好以下几项工作。
1.健全领导机制。成立工作专班。
2.完善工作规则。
（一）深化理论学习
3.办好中心组学习。
（二）管好宣传阵地
4.规范政务新媒体。
三、保障措施
强化督促检查。
"""


def test_tasks_straight_under_a_grouping_heading_are_kept() -> None:
    plan = _one(GROUPED)
    assert plan.tasks_heading == "重点任务"
    assert [t.title for t in plan.tasks] == ["健全领导机制", "完善工作规则", "办好中心组学习", "规范政务新媒体"]
    first = plan.sections[0]
    assert first.title == "" and first.number is None  # the grouping heading's own tasks, no section heading
    assert first.intro == "今年重点抓好以下几项工作。"
    assert [s.title for s in plan.sections[1:]] == ["深化理论学习", "管好宣传阵地"]
    assert [p.heading for p in plan.front] == ["总体要求"] and [p.heading for p in plan.back] == ["保障措施"]


def test_grouping_heading_text_is_kept_without_leading_tasks() -> None:
    text = GROUPED.replace("1.健全领导机制。成立工作专班。\n2.完善工作规则。\n", "")
    plan = _one(text)
    assert [t.title for t in plan.tasks] == ["办好中心组学习", "规范政务新媒体"]
    assert "今年重点抓好以下几项工作。" in plan.sections[0].intro


def test_text_of_a_section_after_a_gap_is_kept_with_its_outline() -> None:
    """The 提纲 first, then the text, which loses 二、重点任务 in a hidden gap: （三）'s text stays with （三）."""
    plans = read_text(GAP)
    assert len(plans) == 1
    plan = plans[0]
    assert plan.truncated
    by_title = {s.title: s for s in plan.sections}
    assert by_title["办好读书活动"].intro == "每季度举办一期读书分享会。"
    assert not by_title["办好读书活动"].outline_only
    assert by_title["健全学习制度"].outline_only and by_title["管好门户网站"].outline_only
    assert not any(i.title == "办好读书活动" for p in plan.front for i in p.items)


GAP = """县档案馆2025年宣传思想工作实施方案
一、指导思想
二、重点任务
（一）健全学习制度
（二）管好门户网站
（三）办好读书活动
三、工作要求
县档案馆2025年宣传思想工作实施方案
为做好今年宣传思想工作，制定本方案。
一、指导思想
坚持以习近平新时代中国特色社会主义思想为指导。
……此处隐藏800字……
组织集中研讨不少于6次。
（三）办好读书活动。每季度举办一期读书分享会。
"""


@pytest.mark.parametrize("toc", [
    "目录\n强化思想引领……………………1\n守好文化阵地……………………2",
    "强化思想引领………1\n守好文化阵地………2",
    "目 录\n前言 ........ 1\n一、强化思想引领 ........ 1\n二、守好文化阵地 ........ 2",
    "目录\n强化思想引领\t1\n守好文化阵地\t2",  # a word processor's contents: tab, then the page
])
def test_toc_entries_without_number_marks(toc: str) -> None:
    plan = _one(f"{TITLE}\n{toc}\n{BODY}\n")
    _assert_whole(plan)
    assert plan.preamble == ""


def test_unmarked_lines_ending_in_a_number_stay_text() -> None:
    plan = _one(f"{TITLE}\n全局共有党支部 3\n一、强化思想引领\n1.组织集中学习。\n二、守好文化阵地\n2.管好门户网站。\n")
    assert plan.preamble == "全局共有党支部 3"


# --- no silent loss over every reader fixture ----------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures"
#: Marks, blanks and punctuation: what may differ between a line and where its words end up.
_FILLER = re.compile(r"[\s。，,.．:：;；、（）()【】—…·\-0-9０-９一二三四五六七八九十是●*]")


def _plan_texts(plan: Plan) -> Iterator[str]:
    """The plan's texts in document order (a line's words may run from a heading into its first item)."""
    yield from (plan.title, plan.preamble)
    groups = [(p.heading, p.text, p.items) for p in plan.front]
    groups += [(plan.tasks_heading or "", "", [])]
    groups += [(s.title, s.intro, [*s.tasks, *s.alternatives]) for s in plan.sections]
    groups += [(p.heading, p.text, p.items) for p in plan.back]
    for heading, text, items in groups:
        yield from (heading, text)
        for t in items:
            yield from (t.title, t.body, *t.hints)
    yield from (n.text for n in plan.noise)


def _lost(path: Path) -> list[str]:
    """Lines whose words are neither in a plan (structure, framing part, noise) nor reported as unplaced."""
    lines = read_lines(path)
    plans, unplaced = read_file_unplaced(path)
    cleaned = clean(lines)
    tokens = tokenize([(ln.no, ln.text) for ln in cleaned.lines])
    marks = {t.no for t in tokens if t.kind in ("title", "compilation", "sep", "date", "appendix")}
    found = "".join([*(x for p in plans for x in _plan_texts(p)), *(u.text for u in unplaced),
                     *(n.text for n in cleaned.noise)])
    found = _FILLER.sub("", norm(found))
    return [ln.text for ln in lines if ln.no not in marks
            and (key := _FILLER.sub("", norm(ln.text))[:8]) and len(key) >= 2 and key not in found]


@pytest.mark.parametrize("path", sorted(p for p in FIXTURES.rglob("*.txt")), ids=lambda p: p.name)
def test_every_line_of_a_fixture_ends_up_somewhere(path: Path) -> None:
    assert _lost(path) == []


@pytest.mark.parametrize("text", [GROUPED, GROUPED.replace("1.健全领导机制。成立工作专班。\n2.完善工作规则。\n", ""),
                                  GAP, f"{TITLE}\n{TOCS['subheadings listed']}\n{BODY}\n"])
def test_every_line_of_these_texts_ends_up_somewhere(tmp_path: Path, text: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    assert _lost(path) == []


def test_import_keeps_tasks_written_straight_under_the_grouping_heading(tmp_path: Path) -> None:
    from drafter.review.importer import import_plan, write_template

    src = tmp_path / "plan.txt"
    src.write_text(GROUPED, encoding="utf-8")
    out = tmp_path / "grouped.yaml"
    write_template(import_plan(src, index=None, template_id="grouped"), out, force=False)
    text = out.read_text(encoding="utf-8")
    assert "heading: 其他工作" in text and "暂用“其他工作”，请改写" in text
    for title in ("健全领导机制", "完善工作规则", "办好中心组学习", "规范政务新媒体"):
        assert f"title: {title}" in text

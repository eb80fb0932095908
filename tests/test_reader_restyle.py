"""Property: a plan re-styled as documents in the wild style it reads back to the same structure.

A plan is written in a plain style (title, preamble, 一、 sections, 1. tasks
"title。body"), then re-styled: 一、→（一）, 1.→1、 or 一是, all lines joined
into one (as document-sharing previews do, also with a space only after the
title and headings and numbers inside the sentences), several plans separated
by 篇N headings (also all under one shared title), a work report appended, a
sign-off (落款) after the text, a slogan main title over a ——subtitle. The
titles, sections and tasks read back must not change.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.corpus.reader import read_text
from drafter.model import Plan
from drafter.numbering import cn_numeral

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

ORGS = ["市水务局", "县统计局", "区民政局", "市档案馆", "县文旅局", "市总工会"]
HEADS = ["加强理论武装", "守好宣传阵地", "压实工作责任", "推进文明创建", "加强队伍建设", "创新方式方法",
         "深化作风建设", "提升服务能力"]
TASKS = ["落实学习制度", "开展专题宣讲", "规范新媒体管理", "完善舆情台账", "健全考核办法", "选优配强骨干",
         "推进阵地建设", "加强督促检查", "丰富活动载体", "强化结果运用"]
BODIES = ["每月集中学习一次。", "全年开展3次专题培训，覆盖全体党员。", "建立台账，实行销号管理。",
          "2025年底前形成长效机制。", "对发现的问题限期整改，做到第1时间处置。", "每季度通报一次进展情况。",
          "全年组织集中学习12次，开展专题研讨3次。", "建立24小时值班制度。", "每月第1次会议专题学习。", "开展3个专项行动。"]

Outline = tuple[str, list[tuple[str, list[str]]]]


@st.composite
def plans(draw: st.DrawFn) -> tuple[str, int, list[tuple[str, list[tuple[str, str]]]]]:
    org = draw(st.sampled_from(ORGS))
    year = draw(st.integers(2020, 2026))
    heads = draw(st.lists(st.sampled_from(HEADS), min_size=2, max_size=4, unique=True))
    titles = iter(draw(st.permutations(TASKS)))
    sections = []
    for h in heads:
        n = draw(st.integers(1, 2))
        sections.append((h, [(next(titles), draw(st.sampled_from(BODIES))) for _ in range(n)]))
    return org, year, sections


def write(plan: tuple[str, int, list[tuple[str, list[tuple[str, str]]]]], *, top: str = "一、",
          task: str = "1.", restart: bool = False) -> list[str]:
    """The plan as lines; ``top`` "一、" or "（一）", ``task`` "1." "1、" "（一）" or "一是"."""
    org, year, sections = plan
    lines = [f"{org}{year}年意识形态工作要点", f"{year}年，{org}意识形态工作坚持以习近平新时代中国特色社会主义思想为指导。"]
    k = 0
    for i, (head, tasks) in enumerate(sections, 1):
        num = cn_numeral(i)
        lines.append(f"{num}、{head}" if top == "一、" else f"（{num}）{head}")
        for j, (title, body) in enumerate(tasks, 1):
            k = j if restart else k + 1
            mark = f"{cn_numeral(j)}是" if task == "一是" else f"（{cn_numeral(j)}）" if task == "（一）" \
                else f"{k}{task[-1]}"
            lines.append(f"{mark}{title}。{body}")
    return lines


def expected(plan: tuple[str, int, list[tuple[str, list[tuple[str, str]]]]]) -> Outline:
    org, year, sections = plan
    return f"{org}{year}年意识形态工作要点", [(h, [t for t, _ in ts]) for h, ts in sections]


def shape(p: Plan) -> Outline:
    return p.title, [(s.title, [t.title for t in s.tasks]) for s in p.sections]


@SETTINGS
@given(plan=plans(), top=st.sampled_from(["一、", "（一）"]), task=st.sampled_from(["1.", "1、", "一是"]))
def test_restyled_numbering_reads_back(plan, top: str, task: str) -> None:  # type: ignore[no-untyped-def]
    read = read_text("\n".join(write(plan, top=top, task=task, restart=task == "一是")))
    assert [shape(p) for p in read] == [expected(plan)]


@SETTINGS
@given(plan=plans(), glue=st.sampled_from(["", " "]))
def test_lines_joined_into_one_read_back(plan, glue: str) -> None:  # type: ignore[no-untyped-def]
    read = read_text(glue.join(write(plan)))
    assert [shape(p) for p in read] == [expected(plan)]
    assert read[0].org == plan[0] and read[0].year == plan[1]


@SETTINGS
@given(many=st.lists(plans(), min_size=2, max_size=3), style=st.sampled_from(["line", "suffix", "di", "fanwen"]))
def test_compilation_separators_split_plans(many, style: str) -> None:  # type: ignore[no-untyped-def]
    lines = ["意识形态工作要点范文(多篇)"]
    for i, plan in enumerate(many, 1):
        body = write(plan)
        if style == "line":
            lines += [f"篇{cn_numeral(i)}", *body]
        elif style == "suffix":
            lines += [f"{body[0]}篇{i}", *body[1:]]
        elif style == "di":
            lines += [f"第{i}篇：{body[0]}", *body[1:]]
        else:  # 范文N, then a site's lead-in before the part's own title
            lines += [f"范文{cn_numeral(i)}", "以下是小编整理的一篇工作要点，供大家参考。", *body]
    read = read_text("\n".join(lines))
    assert [shape(p) for p in read] == [expected(p) for p in many]
    assert not any(p.not_a_plan for p in read)


REPORT_TITLES = ["{org}{year}年意识形态工作总结", "附：{org}{year}年意识形态工作开展情况", "{org}{year}年意识形态工作情况汇报",
                 "关于{org}{year}年意识形态工作情况的报告"]


@SETTINGS
@given(plan=plans(), title=st.sampled_from(REPORT_TITLES), opening=st.booleans())
def test_appended_report_flagged_and_plan_unchanged(plan, title: str, opening: bool) -> None:  # type: ignore[no-untyped-def]
    org, year = plan[0], plan[1]
    first = f"{year - 1}年，{org}意识形态工作取得新进展" + ("，现将有关情况汇报如下。" if opening else "。")
    report = [title.format(org=org, year=year - 1), first,
              "一、主要做法", "1.抓学习。全年组织集中学习10次。", "二、存在的问题", "1.学习形式较为单一。"]
    read = read_text("\n".join([*write(plan), *report]))
    assert shape(read[0]) == expected(plan)
    assert [p.not_a_plan for p in read] == [False, True]
    assert read[1].year == year - 1


@SETTINGS
@given(plan=plans(), blank=st.booleans(), cn_date=st.booleans())
def test_sign_off_names_the_issuer_and_leaves_the_plan_unchanged(plan, blank: bool, cn_date: bool) -> None:  # type: ignore[no-untyped-def]
    org, year = plan[0], plan[1]
    lines = write(plan)
    lines[0] = f"{year}年全{org[0]}意识形态工作要点"  # a scope title: the issuer is who signs
    date = "".join("〇一二三四五六七八九"[int(d)] for d in str(year)) + "年二月一日" if cn_date else f"{year}年2月1日"
    read = read_text("\n".join([*lines, *([""] if blank else []), org, date]))
    assert [[(s.title, [t.title for t in s.tasks]) for s in p.sections] for p in read] == [expected(plan)[1]]
    assert read[0].org == org
    assert not any(org in t.body for t in read[0].tasks)
    assert [n.text for n in read[0].noise if n.kind == "signoff"] == [org]


def is_heading(line: str) -> bool:
    return line[:1] in "一二三四五六七八九十（" and not line.endswith("。")


@SETTINGS
@given(plan=plans(), data=st.data(), task=st.sampled_from(["1.", "（一）"]), halfwidth=st.booleans())
def test_one_line_with_spaces_only_after_headings_reads_back(plan, data, task: str, halfwidth: bool) -> None:  # type: ignore[no-untyped-def]
    """A preview line: a space (or none) after the title and after headings, none after sentences.

    ``halfwidth``: sentences end with "." and pause with "," (as some converters write them).
    """
    lines = write(plan, task=task, restart=task == "（一）")
    if halfwidth:
        lines = [ln.replace("。", ".").replace("，", ",") for ln in lines]
        plan = (plan[0], plan[1], [(h, [(t, b.replace("。", ".").replace("，", ",")) for t, b in ts]) for h, ts in plan[2]])
    text = lines[0] + data.draw(st.sampled_from(["", " ", "\n", "："]), label="after title")
    for line in lines[1:]:
        text += line + (data.draw(st.sampled_from(["", " "]), label="after heading") if is_heading(line) else "")
    read = read_text(text)
    assert [shape(p) for p in read] == [expected(plan)]
    assert read[0].org == plan[0] and read[0].year == plan[1]
    bodies = [b for _, ts in plan[2] for _, b in ts]
    assert [t.body for t in read[0].tasks] == bodies  # numbers inside sentences stay in them


@st.composite
def distinct_parts(draw: st.DrawFn) -> list[tuple[str, int, list[tuple[str, list[tuple[str, str]]]]]]:
    """Two or three plans of one org and year whose sections are all different."""
    n = draw(st.integers(2, 3))
    heads = iter(draw(st.permutations(HEADS)))
    org, year = draw(st.sampled_from(ORGS)), draw(st.integers(2020, 2026))
    out = []
    for _ in range(n):
        titles = iter(draw(st.permutations(TASKS)))
        sections = [(next(heads), [(next(titles), draw(st.sampled_from(BODIES))) for _ in range(draw(st.integers(1, 2)))])
                    for _ in range(draw(st.integers(1, 8 // n)))]
        out.append((org, year, sections))
    return out


@SETTINGS
@given(many=distinct_parts(), sep=st.sampled_from(["篇{n}：", "篇{n}", "第{i}篇："]), bare=st.integers(0, 2))
def test_compilation_parts_sharing_one_title_read_as_different_plans(many, sep: str, bare: int) -> None:  # type: ignore[no-untyped-def]
    """篇N parts all titled alike (as sites print them), with different sections: one plan each.

    Part ``bare`` (if any) has no task bodies, as a terse plan or an outline listing would.
    """
    shared = f"{many[0][1]}年社区意识形态工作计划"
    lines = [f"{shared}（通用{len(many)}篇）"]
    for i, plan in enumerate(many, 1):
        body = write(plan)[2:]  # no preamble: the part opens right on its sections
        if i - 1 == bare:
            body = [ln.split("。")[0] if not is_heading(ln) else ln for ln in body]
        lines += [sep.format(n=cn_numeral(i), i=i) + shared, *body]
    read = read_text("\n".join(lines))
    assert [(p.title, [(s.title, [t.title for t in s.tasks]) for s in p.sections]) for p in read] \
        == [(shared, expected(p)[1]) for p in many]
    assert not any(t.outline_only for p in read for t in p.tasks)


SLOGANS = ["守正创新强根基 凝心聚力开新局", "坚定文化自信 建设文化强市", "旗帜鲜明讲政治", "奋楫扬帆正当时"]


@SETTINGS
@given(plan=plans(), slogan=st.sampled_from(SLOGANS), dash=st.sampled_from(["——", "—", "── "]), blank=st.booleans())
def test_slogan_title_with_a_dash_subtitle_reads_back(plan, slogan: str, dash: str, blank: bool) -> None:  # type: ignore[no-untyped-def]
    lines = write(plan)
    read = read_text("\n".join([slogan, *([""] if blank else []), dash + lines[0], *lines[1:]]))
    title, sections = expected(plan)
    assert [shape(p) for p in read] == [(f"{slogan}——{title}", sections)]
    assert read[0].org == plan[0] and read[0].year == plan[1]


@SETTINGS
@given(many=distinct_parts(), sep=st.sampled_from(["篇{n}：", "第{i}篇：", "范文{i} "]), data=st.data())
def test_compilation_run_together_on_one_line_reads_back(many, sep: str, data) -> None:  # type: ignore[no-untyped-def]
    """A whole compilation on one preview line (or one line a part): each part's separator, title and
    numbering start over."""
    text = "社区意识形态工作计划范文（精选多篇）"
    for i, plan in enumerate(many, 1):
        text += data.draw(st.sampled_from(["", " ", "\n"]), label="before separator") + sep.format(n=cn_numeral(i), i=i)
        for line in write(plan):
            text += line + (data.draw(st.sampled_from(["", " "]), label="glue") if is_heading(line) else "")
    read = read_text(text)
    assert [shape(p) for p in read] == [expected(p) for p in many]


@SETTINGS
@given(plan=plans(), slogan=st.sampled_from(SLOGANS), dash=st.sampled_from(["——", "—"]))
def test_title_with_a_slogan_subtitle_reads_back(plan, slogan: str, dash: str) -> None:  # type: ignore[no-untyped-def]
    """"…工作要点" then "——口号": the slogan joins the title; the plan is unchanged."""
    lines = write(plan)
    read = read_text("\n".join([lines[0], dash + slogan, *lines[1:]]))
    title, sections = expected(plan)
    assert [shape(p) for p in read] == [(f"{title}——{slogan}", sections)]
    assert read[0].org == plan[0] and read[0].year == plan[1]


OUTLINE_LABELS = ["", "提纲：", "【提纲】", "提纲", "{title}提纲"]


@SETTINGS
@given(plan=plans(), label=st.sampled_from(OUTLINE_LABELS), top=st.sampled_from(["一、", "（一）"]),
       task=st.sampled_from(["1.", "1、"]), short=st.booleans())
def test_outline_block_prepended_reads_back_as_the_same_plan(plan, label: str, top: str, task: str, short: bool) -> None:  # type: ignore[no-untyped-def]
    """The plan's outline (labelled or a bare list of its headings, maybe shortened) before its title: one plan."""
    title, sections = expected(plan)
    block = [label.format(title=title)] if label else []
    block += [f"{cn_numeral(i)}、{h[2:] if short else h}" if top == "一、" else f"（{cn_numeral(i)}）{h[2:] if short else h}"
              for i, (h, _) in enumerate(sections, 1)]
    read = read_text("\n".join(block + write(plan, task=task)))
    assert [shape(p) for p in read] == [expected(plan)]
    assert not read[0].outline_only and not read[0].truncated


DAMAGED = ["(({n}))", "（（{n}））", "(（{n}）)", "（{n}）", "({n})", "（ {n} ）"]


@SETTINGS
@given(plan=plans(), data=st.data(), task=st.sampled_from(["1.", "1、", "1 .", "1．"]), flat=st.booleans())
def test_one_top_level_marker_damaged_or_restyled_reads_back(plan, data, task: str, flat: bool) -> None:  # type: ignore[no-untyped-def]
    """One top-level heading written "((二))"/"（二）" among 一、 ones (or "二、" among （一）): the same structure."""
    lines = write(plan, top="（一）" if flat else "一、", task="1." if task == "1 ." else task)
    if task == "1 .":
        lines = [ln.replace(".", " .", 1) if ln[:1].isdigit() else ln for ln in lines]
    heads = [i for i, ln in enumerate(lines) if i > 1 and not ln[:1].isdigit()]
    at = data.draw(st.sampled_from(heads), label="damaged heading")
    n = cn_numeral(heads.index(at) + 1)
    style = data.draw(st.sampled_from(["{n}、", "{n}，", "{n}."] if flat else DAMAGED), label="style")
    head_text = lines[at].split("、", 1)[1] if not flat else lines[at].split("）", 1)[1]
    lines[at] = style.format(n=n) + head_text
    read = read_text("\n".join(lines))
    assert [shape(p) for p in read] == [expected(plan)]


TOC_LABELS = ["目录", "目 录", "目  录：", ""]
TOC_LEADERS = ["……………", " ........ ", "·······", "    "]


@SETTINGS
@given(plan=plans(), label=st.sampled_from(TOC_LABELS), leader=st.sampled_from(TOC_LEADERS),
       where=st.sampled_from(["after title", "after preamble", "before title"]), page_word=st.booleans(),
       subheads=st.booleans())
def test_table_of_contents_with_pages_is_furniture(plan, label: str, leader: str, where: str,  # type: ignore[no-untyped-def]
                                                     page_word: bool, subheads: bool) -> None:
    lines = write(plan, top="一、")
    toc = [label] if label else []
    page = 1
    for i, (head, tasks) in enumerate(plan[2], 1):
        toc.append(f"{cn_numeral(i)}、{head}{leader}{f'第{page}页' if page_word else page}")
        if subheads:  # a contents listing its subheadings too
            toc += [f"（{cn_numeral(j)}）{t}{leader}{page}" for j, (t, _) in enumerate(tasks, 1)]
        page += 1
    at = {"after title": 1, "after preamble": 2, "before title": 0}[where]
    read = read_text("\n".join([*lines[:at], *toc, *lines[at:]]))
    assert [shape(p) for p in read] == [expected(plan)]
    assert not read[0].outline_only and not read[0].truncated
    assert read[0].org == plan[0] and read[0].year == plan[1]


@SETTINGS
@given(plan=plans(), own=st.integers(1, 2), intro=st.booleans())
def test_tasks_straight_under_a_grouping_heading_are_kept(plan, own: int, intro: bool) -> None:  # type: ignore[no-untyped-def]
    org, year, sections = plan
    lines = [f"{org}{year}年意识形态工作要点", "一、指导思想", "坚持以习近平新时代中国特色社会主义思想为指导。", "二、重点任务"]
    if intro:
        lines.append("今年重点抓好以下工作。")
    lead = [f"先行任务{cn_numeral(i)}" for i in range(1, own + 1)]
    lines += [f"{k}.{t}。每季度推进一次。" for k, t in enumerate(lead, 1)]
    k = own
    for i, (head, tasks) in enumerate(sections, 1):
        lines.append(f"（{cn_numeral(i)}）{head}")
        for title, body in tasks:
            k += 1
            lines.append(f"{k}.{title}。{body}")
    read = read_text("\n".join(lines))
    assert len(read) == 1
    p = read[0]
    assert p.tasks_heading == "重点任务"
    assert [t.title for t in p.tasks] == [*lead, *(t for _, ts in sections for t, _ in ts)]
    assert [s.title for s in p.sections] == ["", *(h for h, _ in sections)]
    assert p.sections[0].intro == ("今年重点抓好以下工作。" if intro else "")

"""Year context: mined from plans, kept as YAML, loaded with fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.context import citations, dump_context, load_context, mine_context, read_context
from drafter.corpus.reader import read_paths
from drafter.errors import SchemaError

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


def test_citations_in_a_text() -> None:
    text = ("2026年是实施“十五五”规划的开局之年。深入学习贯彻党的二十大和二十届二中、三中全会精神，"
            "以中国共产党第二十届中央纪律检查委员会第五次全体会议精神为镜鉴，庆祝建党105周年，"
            "落实中央经济工作会议部署。")
    found = citations(text)
    assert found["meetings"] == ["党的二十大", "中央经济工作会议"]
    assert found["plenums"] == ["二十届二中全会", "二十届三中全会"]
    assert found["discipline"] == ["二十届中央纪委五次全会"]
    assert found["anniversaries"] == ["建党105周年"]
    assert found["periods"] == ["“十五五”开局之年"]


def test_mined_from_the_corpus() -> None:
    contexts = mine_context(read_paths([CORPUS]).plans)
    assert sorted(contexts) == [2025, 2026]
    c26 = contexts[2026]
    assert c26.plans == 11 and c26.plan_period == "“十五五”开局之年"
    assert c26.latest_plenum == "二十届四中全会"
    assert c26.meetings[:2] == ["二十届四中全会", "二十届中央纪委五次全会"]
    assert "建党105周年" in c26.anniversaries
    assert {"二十届三中全会", "二十届二中全会"} <= set(c26.stale)
    assert "二十届四中全会" not in c26.stale
    assert contexts[2025].latest_plenum == "二十届三中全会"


def test_dump_round_trips(tmp_path: Path) -> None:
    ctx = mine_context(read_paths([CORPUS]).plans)[2026]
    path = tmp_path / "2026.yaml"
    path.write_text(dump_context(ctx, "drafter mine x -o y"), encoding="utf-8")
    assert read_context(path) == ctx


def test_every_year_of_the_timeline_has_its_facts(tmp_path: Path) -> None:
    c26 = load_context(2026, tmp_path)
    assert c26.covered and not c26.fallback and c26.plan_period == "“十五五”开局之年"
    assert (c26.congress, c26.latest_plenum, c26.discipline) == ("党的二十大", "二十届四中全会", "二十届中央纪委五次全会")
    assert c26.plenums == "二十届二中、三中、四中全会" and "建党105周年" in c26.anniversaries
    assert load_context(2025, tmp_path).plan_period == "“十四五”收官之年"
    c27 = load_context(2027, tmp_path)
    assert c27.latest_plenum == "" and "plenum" in c27.unknown and "建军100周年" in c27.anniversaries
    for year in range(2018, 2031):
        assert load_context(year, tmp_path).covered


def test_a_year_outside_the_timeline_is_not_covered(tmp_path: Path) -> None:
    for year in (2017, 2031, 1999):
        ctx = load_context(year, tmp_path)
        assert ctx.year == year and ctx.fallback and not ctx.covered and ctx.meetings == []
        assert {"congress", "plenum"} <= set(ctx.unknown)


def test_a_year_file_overrides_the_timeline_and_adds_a_year(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "context"
    folder.mkdir(parents=True)
    (folder / "2026.yaml").write_text("year: 2026\nplan_period: 本地说法\n", encoding="utf-8")
    (folder / "2031.yaml").write_text("year: 2031\nlatest_plenum: 某届某中全会\n", encoding="utf-8")
    ctx = load_context(2026, tmp_path)
    assert ctx.plan_period == "本地说法" and ctx.latest_plenum == "二十届四中全会"
    assert load_context(2025, tmp_path).plan_period == "“十四五”收官之年"
    c31 = load_context(2031, tmp_path)
    assert c31.covered and c31.latest_plenum == "某届某中全会" and "plenum" not in c31.unknown


def test_a_mined_year_file_only_fills_what_the_timeline_lacks(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "context"
    folder.mkdir(parents=True)
    (folder / "2026.yaml").write_text("year: 2026\nlatest_plenum: 二十届三中全会\nmeetings: [中央经济工作会议]\n"
                                      "plans: 4\n", encoding="utf-8")
    (folder / "2027.yaml").write_text("year: 2027\nlatest_plenum: 二十届五中全会\nplans: 2\n", encoding="utf-8")
    c26 = load_context(2026, tmp_path)
    assert c26.latest_plenum == "二十届四中全会" and c26.meetings[-1] == "中央经济工作会议" and c26.plans == 4
    c27 = load_context(2027, tmp_path)
    assert c27.latest_plenum == "二十届五中全会" and "plenum" not in c27.unknown


def test_reference_vars_leave_fill_ins_for_unknown_facts(tmp_path: Path) -> None:
    from dataclasses import asdict

    from drafter.context import reference_vars
    from drafter.model import Unset

    r26 = reference_vars(asdict(load_context(2026, tmp_path)))
    assert (r26["congress"], r26["plenum"], r26["plenums"]) == ("党的二十大", "二十届四中全会", "二十届二中、三中、四中全会")
    assert isinstance(r26["campaign"], Unset)
    r28 = reference_vars(asdict(load_context(2028, tmp_path)))
    assert all(isinstance(r28[k], Unset) for k in ("congress", "plenum", "plenums", "discipline"))
    assert reference_vars(asdict(load_context(2022, tmp_path)))["campaign"] == ""
    assert r26["guiding"] == "党的二十大和二十届二中、三中、四中全会"
    assert reference_vars(asdict(load_context(2027, tmp_path)))["guiding"] == "党的二十大和【本届历次中央全会】"
    assert r28["guiding"] == "【党的全国代表大会和本届历次中央全会】"


@pytest.mark.parametrize(("text", "line", "message"), [
    ("year: 2026\nmeetings: 二十届四中全会\n", 2, "“meetings”应为列表"),
    ("year: 2026\nplenum: x\n", 2, "未知的键“plenum”"),
    ("year: 2025\n", 1, "与文件名 2026.yaml 不符"),
])
def test_invalid_context_names_the_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "2026.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        read_context(path)
    assert info.value.line == line and message in info.value.message

"""Year context: mined from plans, kept as YAML, loaded with fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.context import citations, dump_context, load_context, mine_context, read_context
from drafter.corpus.reader import read_paths
from drafter.errors import SchemaError
from drafter.resources import bundled_dir

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


def test_shipped_years_validate() -> None:
    folder = bundled_dir("templates") / "context"
    years = sorted(int(p.stem) for p in folder.glob("*.yaml"))
    assert years[:3] == [2025, 2026, 2027]
    for y in years:
        ctx = read_context(folder / f"{y}.yaml")
        assert ctx.year == y and not ctx.fallback
    assert load_context(2026).plan_period == "“十五五”开局之年"
    assert load_context(2027).plans == 0  # written by hand


def test_missing_year_falls_back_to_the_nearest_earlier(tmp_path: Path) -> None:
    ctx = load_context(2031, tmp_path)
    assert ctx.year == 2031 and ctx.fallback and ctx.source_year == max(
        int(p.stem) for p in (bundled_dir("templates") / "context").glob("*.yaml"))
    early = load_context(1999, tmp_path)
    assert early.fallback and early.source_year is None and early.meetings == []


def test_local_context_comes_first(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "context"
    folder.mkdir(parents=True)
    (folder / "2026.yaml").write_text("year: 2026\nplan_period: 本地说法\n", encoding="utf-8")
    assert load_context(2026, tmp_path).plan_period == "本地说法"
    assert load_context(2025, tmp_path).plan_period == "“十四五”收官之年"


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

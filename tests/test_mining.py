"""Mining the corpus: patterns, hints, generalisation, provenance, determinism."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import pytest
from jinja2 import Environment, StrictUndefined

from drafter.corpus.extract import read_lines
from drafter.corpus.reader import read_paths
from drafter.errors import InputError
from drafter.mining import Limits, mine
from drafter.mining.generalise import unparameterise_regex
from drafter.mining.text import display
from drafter.model import Plan
from drafter.schema import Schema
from drafter.schema_io import dump_schema

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def plans() -> list[Plan]:
    return read_paths([CORPUS]).plans


@pytest.fixture(scope="module")
def schema(plans: list[Plan]) -> Schema:
    return mine(plans, schema_id="ideology-work-points")


@pytest.fixture(scope="module")
def corpus_text() -> str:
    """All corpus lines in display form, joined (a mined text may span a broken line)."""
    return "".join(display(ln.text) for f in sorted(CORPUS.iterdir()) for ln in read_lines(f))


def mined_texts(schema: Schema) -> list[str]:
    out = []
    for t in schema.themes:
        out += [h.text for h in t.headings]
        for p in t.patterns:
            out += [p.title] + [v.text for v in p.variants] + [h.text for h in p.hints]
    return out


def test_every_mined_text_occurs_in_the_corpus(schema: Schema, corpus_text: str) -> None:
    missing = [t for t in mined_texts(schema) if not unparameterise_regex(t).search(corpus_text)]
    assert not missing


def test_mined_text_is_valid_strict_jinja(schema: Schema) -> None:
    env = Environment(undefined=StrictUndefined)
    names = {p.name for p in schema.parameters}
    values = {n: f"<{n}>" for n in names}
    for text in mined_texts(schema):
        env.from_string(text).render(values)
        assert set(re.findall(r"\{\{ (\w+) \}\}", text)) <= names


def test_civil_affairs_words_are_generalised(plans: list[Plan]) -> None:
    schema = mine(plans, schema_id="x", limits=Limits(patterns=100, variants=100))
    dept_words = ("民政", "老干部", "离退休干部", "纪检监察", "机构编制", "工业和信息化")
    for t in schema.themes:
        texts = [h.text for h in t.headings] + [v.text for p in t.patterns for v in p.variants]
        texts += [p.title for p in t.patterns]
        assert not [x for x in texts if any(w in x for w in dept_words)]
    titles = [v.text for t in schema.themes for p in t.patterns for v in p.variants]
    assert "开展{{ field }}领域专项课题研究，推动学用转化" in titles
    assert {"field", "org", "system"} <= {p.name for p in schema.parameters}
    assert all(p.description and p.example for p in schema.parameters)


def test_science_words_left_alone_outside_the_science_plan(schema: Schema, corpus_text: str) -> None:
    hints = [h.text for t in schema.themes for p in t.patterns for h in p.hints]
    assert any("{{ field }}" in h for h in hints)
    # The people's congress plan speaks of 科技创新 as a subject, not as its own department.
    assert "科技创新" in corpus_text


def test_patterns_cluster_similar_titles(schema: Schema) -> None:
    theory = schema.theme("theory")
    assert theory is not None
    first = theory.patterns[0]
    variants = {v.text for v in first.variants}
    assert first.id == "theory-1" and first.support == 4
    assert {"构建分层分类学习体系", "构建分层分类研学体系"} <= variants
    assert sum(v.count for v in first.variants) >= first.support
    supports = [p.support for p in theory.patterns]
    assert supports == sorted(supports, reverse=True)


def test_hints_are_short_concrete_and_ranked(schema: Schema) -> None:
    hints = [h for t in schema.themes for p in t.patterns for h in p.hints]
    assert len(hints) > 100
    assert all(8 <= len(h.text) <= 60 for h in hints)
    assert all(h.sources and h.support >= 1 for h in hints)
    texts = {h.text for h in hints}
    assert "每季度至少召开一次意识形态工作专题会议" in texts
    assert not [t for t in texts if re.search(r"(?<![A-Za-z])[xX]{1,2}(?![A-Za-z])", t)]
    for t in schema.themes:
        for p in t.patterns:
            assert [h.support for h in p.hints] == sorted((h.support for h in p.hints), reverse=True)


def test_outline_only_plans_give_no_hints(schema: Schema) -> None:
    partial = {p.key for p in schema.plans if p.partial}
    assert "000_b56f89e36ee30dd6.txt#7" in partial
    outline_only = {"000_b56f89e36ee30dd6.txt#7", "000_b56f89e36ee30dd6.txt#8",
                    "000_b56f89e36ee30dd6.txt#9", "000_b56f89e36ee30dd6.txt#10"}
    sources = {s.plan for t in schema.themes for p in t.patterns for h in p.hints for s in h.sources}
    assert not sources & outline_only
    theme_sources = {s.plan for t in schema.themes for s in t.sources}
    assert outline_only <= theme_sources


def test_sources_point_at_the_text(schema: Schema) -> None:
    lines = {f.name: [display(ln.text) for ln in read_lines(f)] for f in CORPUS.iterdir()}
    keys = {p.key for p in schema.plans}
    checked = 0
    for t in schema.themes:
        for p in t.patterns:
            for s in p.sources:
                assert s.plan in keys and s.file == s.plan.rpartition("#")[0]
                assert re.fullmatch(r"[一二三四五六七八九十]+/\d+", s.ref)
                if s.line is not None:
                    line = lines[s.file][s.line - 1]
                    assert any(unparameterise_regex(v.text).search(line) for v in p.variants), (s, line)
                    checked += 1
    assert checked > 150


def test_mining_is_deterministic(plans: list[Plan], tmp_path: Path) -> None:
    first = dump_schema(mine(plans, schema_id="x"))
    again = dump_schema(mine(read_paths([CORPUS]).plans, schema_id="x"))
    assert first == again
    copy_dir = tmp_path / "elsewhere" / "corpus"
    shutil.copytree(CORPUS, copy_dir)
    assert dump_schema(mine(read_paths([copy_dir]).plans, schema_id="x")) == first


def test_limits_are_respected(plans: list[Plan]) -> None:
    small = mine(plans, schema_id="x", limits=Limits(patterns=2, hints=1, variants=1, sources=3, headings=1))
    for t in small.themes:
        assert len(t.patterns) <= 2 and len(t.sources) <= 3 and len(t.headings) <= 2
        for p in t.patterns:
            assert len(p.hints) <= 1 and len(p.variants) <= 1 and len(p.sources) <= 3


def test_non_plans_are_left_out(plans: list[Plan]) -> None:
    report = copy.deepcopy(plans[5])
    report.not_a_plan = True
    report.sections[0].title = "工作开展情况"
    with_report = mine([*plans, report], schema_id="x")
    assert with_report.plans_mined == 13
    assert "工作开展情况" not in {h.text for t in with_report.themes for h in t.headings}


def _not_plan(p: Plan) -> Plan:
    q = copy.copy(p)
    q.not_a_plan = True
    return q


def test_no_plans_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="没有找到任何工作要点"):
        mine([], schema_id="x")


def test_only_non_plans_is_a_clear_error(plans: list[Plan]) -> None:
    with pytest.raises(InputError, match="13 篇文档都不是工作要点"):
        mine([_not_plan(p) for p in plans], schema_id="x")


def test_progress_is_reported(plans: list[Plan]) -> None:
    seen: list[tuple[int, int]] = []
    schema = mine(plans, schema_id="x", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (len(schema.themes), len(schema.themes))

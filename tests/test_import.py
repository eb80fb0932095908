"""drafter import: a real plan becomes a template that gives the plan back, rolled over by year."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run_main

from drafter.corpus.reader import read_file
from drafter.drafting import draft_plan
from drafter.model import Plan
from drafter.review.importer import import_plan, write_template

CORPUS = Path(__file__).parent / "fixtures" / "corpus"
FULL_TEXT = [(path, i) for path in sorted(CORPUS.glob("*.txt"))
             for i, plan in enumerate(read_file(path), 1) if not plan.outline_only]


def outline(plan: Plan) -> list[tuple[str, list[str]]]:
    return [(s.title, [t.title for t in s.tasks]) for s in plan.sections]


def imported_template(tmp_path: Path, path: Path, index: int) -> Path:
    out = tmp_path / "templates" / "departments" / "imported.yaml"
    out.parent.mkdir(parents=True, exist_ok=True)
    write_template(import_plan(path, index=index, template_id="imported"), out, force=False)
    return out


def test_every_full_text_plan_of_the_corpus_is_imported() -> None:
    assert len(FULL_TEXT) == 9


@pytest.mark.parametrize(("path", "index"), FULL_TEXT, ids=[f"{p.name[:3]}-{i}" for p, i in FULL_TEXT])
def test_import_then_new_reproduces_sections_and_tasks(tmp_path: Path, path: Path, index: int) -> None:
    original = read_file(path)[index - 1]
    template = imported_template(tmp_path, path, index)
    again = draft_plan(template, year=original.year, detail="full", cwd=tmp_path).plan
    assert outline(again) == outline(original)
    assert again.preamble == original.preamble
    for new, old in zip(again.tasks, original.tasks, strict=True):
        # a task known only from an outline gets a visible placeholder to fill in
        assert new.body == old.body if old.body else new.body.startswith("【")
    assert again.tasks_heading == original.tasks_heading
    assert [p.heading for p in again.front + again.back] == [p.heading for p in original.front + original.back]


def test_next_year_rolls_references_over(tmp_path: Path) -> None:
    path = CORPUS / "002_1e272193fa1d76ea.txt"
    template = imported_template(tmp_path, path, 1)
    text = template.read_text(encoding="utf-8")
    assert "{{ org }}" in text and "{{ year }}年" in text and "{{ plenum }}" in text
    assert "# 第 1 部分：对应结构库主题“理论武装”" in text
    nxt = draft_plan(template, year=2027, detail="full", cwd=tmp_path).plan
    assert nxt.title == "2027年市委组织部机关意识形态工作要点"
    assert nxt.preamble.startswith("2027年,市委组织部机关")
    assert "二十届四中全会" not in nxt.preamble or "2027" not in nxt.preamble


def test_cli_import_and_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "templates" / "departments" / "npc.yaml"
    out.parent.mkdir(parents=True)
    code, _, err = run_main(["import", str(CORPUS / "004_b47777aa58127f19.txt"), "-o", str(out)], capsys)
    assert code == 0 and out.is_file() and "已写出" in err
    before = out.read_bytes()
    code, _, err = run_main(["import", str(CORPUS / "004_b47777aa58127f19.txt"), "-o", str(out)], capsys)
    assert code == 2 and err.startswith(f"错误：{out}: ") and "--force" in err
    assert out.read_bytes() == before
    code, _, err = run_main(["import", str(CORPUS / "000_b56f89e36ee30dd6.txt"), "-o", str(tmp_path / "x.yaml")],
                            capsys)
    assert code == 2 and "请用 --plan 指定第几篇" in err and not (tmp_path / "x.yaml").exists()
    report = tmp_path / "report.txt"
    report.write_text("市民政局2025年意识形态工作总结\n一、工作开展情况\n1.强化理论武装。全年学习12次。\n"
                      "二、存在问题\n2.学习不够深入。\n三、下步打算\n3.持续深化。\n", encoding="utf-8")
    code, _, err = run_main(["import", str(report), "-o", str(tmp_path / "y.yaml")], capsys)
    assert code == 2 and "这不是工作要点" in err and not (tmp_path / "y.yaml").exists()

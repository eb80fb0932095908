"""The recipe every .docx records, and ``drafter update``: the drafter's edits kept, the template's changes in."""

from __future__ import annotations

import copy
import re
import shutil
import textwrap
from pathlib import Path

import docx
import pytest
from cli_helpers import run_main
from docx.enum.text import WD_COLOR_INDEX
from docx.text.paragraph import Paragraph
from soffice_helpers import soffice

from drafter.model import Plan, Section, Task
from drafter.recipe import read_properties, read_recipe
from drafter.review.update import Keyed, merge

BEFORE = """
    name: 测试部门
    extends: default
    params:
      org: 市测试局
    themes:
      - id: theory
        heading: 深化理论武装
        tasks:
          - title: 学习任务甲
            hints: [举措一]
          - title: 学习任务乙
            hints: [举措二]
          - title: 学习任务丙
      - id: positions
        heading: 管好阵地
        tasks:
          - title: 阵地任务甲
          - title: 阵地任务乙
          - title: 阵地任务丙
    """

AFTER = """
    name: 测试部门
    extends: default
    params:
      org: 市测试局
    themes:
      - id: theory
        heading: 深化理论武装
        tasks:
          - title: 学习任务甲
            hints: [举措一]
          - title: 学习任务乙
            hints: [举措二（修订）]
          - title: 学习任务丙
          - title: 学习任务丁
            hints: [新任务的举措]
      - id: positions
        heading: 管好阵地
        tasks:
          - title: 阵地任务甲（模板新说法）
          - title: 阵地任务乙（模板改）
          - title: 阵地任务丙
    """


def write_template(folder: Path, text: str) -> None:
    path = folder / "templates" / "departments" / "mine.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_template(tmp_path, BEFORE)
    return tmp_path


def paragraph(document: docx.document.Document, start: str) -> Paragraph:
    return next(p for p in document.paragraphs if p.text.startswith(start))


def retitle(p: Paragraph, old: str, new: str) -> None:
    for run in p.runs:
        run.text = run.text.replace(old, new)


def edit_as_a_drafter(path: Path) -> None:
    """What a drafter does in Word, done with python-docx: retitle, write a body, delete, reorder."""
    document = docx.Document(str(path))
    retitle(paragraph(document, "2.学习任务乙"), "学习任务乙", "学习任务乙（本局改写）")
    body = copy.deepcopy(document.paragraphs[1]._p)  # the preamble: a body paragraph
    paragraph(document, "1.学习任务甲")._p.addnext(body)
    written = Paragraph(body, document.paragraphs[1]._parent)
    for run in written.runs[1:]:
        run._r.getparent().remove(run._r)
    written.runs[0].text = "本局每月集中学习一次，由办公室牵头。"
    gone = paragraph(document, "3.学习任务丙")
    gone._p.getparent().remove(gone._p)
    retitle(paragraph(document, "4.阵地任务甲"), "阵地任务甲", "阵地任务甲（本局说法）")
    third = paragraph(document, "6.阵地任务丙")  # moved to the front of its section
    paragraph(document, "4.阵地任务甲")._p.addprevious(third._p)
    numbered = [p for p in document.paragraphs if p.runs and re.match(r"\d+\.", p.runs[0].text)]
    for n, p in enumerate(numbered, 1):  # renumbered after the deletion and the move, as a drafter would
        p.runs[0].text = re.sub(r"^\d+", str(n), p.runs[0].text)
    document.save(str(path))


def save_with_libreoffice(path: Path, tmp: Path) -> None:
    """Open and save the draft in LibreOffice, as a drafter on Linux would."""
    out = tmp / "lo"
    soffice(tmp, "docx", path, outdir=out)
    shutil.copyfile(out / path.name, path)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="未安装 LibreOffice (soffice)，跳过真实客户端测试")
def test_update_through_the_real_client(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = work / "草稿.docx"
    code, _, err = run_main(["new", "-t", "mine", "--year", "2027", "-o", str(draft)], capsys)
    assert code == 0, err
    edit_as_a_drafter(draft)
    save_with_libreoffice(draft, work)
    assert read_recipe(draft).template == "mine"  # LibreOffice kept the recipe
    write_template(work, AFTER)

    code, out, err = run_main(["update", str(draft)], capsys)
    assert code == 1, err  # written, with a conflict to look at
    updated = work / "草稿（更新）.docx"
    assert f"已写出 {updated}" in out
    text = [p.text for p in docx.Document(str(updated)).paragraphs]
    titles = [t for t in text if t[:2].rstrip(".").isdigit() or t[:1].isdigit()]
    # the drafter's edits: the new title, the written body, the deleted task, the new order
    assert "2.学习任务乙（本局改写）" in titles
    assert "1.学习任务甲。本局每月集中学习一次，由办公室牵头。" in text
    assert not any("学习任务丙" in t for t in text)
    assert titles.index(next(t for t in titles if "阵地任务丙" in t)) < titles.index(
        next(t for t in titles if "阵地任务甲" in t))
    # the template's changes where the drafter did not touch: new task, new hint, new wording
    assert "3.学习任务丁" in titles and "【参考】新任务的举措" in text
    assert [t.split(".", 1)[1].split("。")[0] for t in titles] == [
        "学习任务甲", "学习任务乙（本局改写）", "学习任务丁", "阵地任务丙", "阵地任务甲（本局说法）", "阵地任务乙（模板改）"]
    assert "【参考】举措二（修订）" in text
    assert any(t.endswith("阵地任务乙（模板改）") for t in titles)
    # both changed the task title: the drafter's kept, the conflict marked in the text and highlighted
    clash = next(p for p in docx.Document(str(updated)).paragraphs if "【冲突：" in p.text)
    assert "阵地任务甲（本局说法）" in clash.text and "“阵地任务甲（模板新说法）”" in clash.text
    assert any(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in clash.runs if "冲突" in r.text)
    assert "冲突 部分“管好阵地”任务“阵地任务甲（本局说法）”：模板的任务标题现为“阵地任务甲（模板新说法）”" in err
    assert "带进 部分“深化理论武装”任务“学习任务丁”" in err
    # the updated draft records the template's current outline as the base of the next update
    assert [t.title for t in read_recipe(updated).base.sections[0].tasks] == ["学习任务甲", "学习任务乙", "学习任务丙",
                                                                              "学习任务丁"]
    assert draft.read_bytes() != updated.read_bytes()


def test_nothing_overwritten_without_force(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = work / "d.docx"
    run_main(["new", "-t", "mine", "--year", "2027", "-o", str(draft)], capsys)
    before = draft.read_bytes()
    code, _, err = run_main(["update", str(draft), "-o", str(draft)], capsys)
    assert code == 2 and "--force" in err and draft.read_bytes() == before
    code, _, err = run_main(["update", str(draft), "-o", str(draft), "--force"], capsys)
    assert code == 0, err
    code, _, err = run_main(["update", str(draft)], capsys)
    assert code == 0
    code, _, err = run_main(["update", str(draft)], capsys)
    assert code == 2 and "（更新）.docx" in err and "--force" in err


def test_a_draft_without_a_recipe_is_a_clear_error(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = work / "别人的.docx"
    document = docx.Document()
    document.add_paragraph("市测试局2027年意识形态工作要点")
    document.add_paragraph("一、深化理论武装")
    document.add_paragraph("1.学习任务甲")
    document.save(str(plain))
    code, _, err = run_main(["update", str(plain)], capsys)
    assert code == 2 and len(err.splitlines()) == 1
    assert err.startswith(f"错误：{plain}: 这份文档没有 drafter 的生成记录")
    assert not (work / "别人的（更新）.docx").exists()


def test_every_docx_records_its_recipe(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "p.yaml").write_text("org: 市测试局机关\nfield: 测试\n", encoding="utf-8")
    code, _, err = run_main(["new", "-t", "mine", "--year", "2026", "--params", "p.yaml", "--detail", "full",
                             "--set", "latest_plenum=二十届四中全会", "-o", "a.docx"], capsys)
    assert code == 0, err
    props = read_properties(work / "a.docx")
    assert all(len(v) <= 255 for v in props.values())
    recipe = read_recipe(work / "a.docx")
    assert (recipe.template, recipe.year, recipe.detail) == ("mine", 2026, "full")
    assert recipe.params["org"] == "市测试局机关" and recipe.params["field"] == "测试"
    assert recipe.context == {"latest_plenum": "二十届四中全会"}
    assert len(recipe.template_hash) == 16 and recipe.version
    assert recipe.theme_ids == ["theory", "positions"]
    assert recipe.task_keys[0] == ["学习任务甲", "学习任务乙", "学习任务丙"]
    assert recipe.base.title == "市测试局机关2026年意识形态工作要点"
    # same inputs, same bytes: the recipe too
    run_main(["new", "-t", "mine", "--year", "2026", "--params", "p.yaml", "--detail", "full",
              "--set", "latest_plenum=二十届四中全会", "-o", "b.docx"], capsys)
    assert (work / "a.docx").read_bytes() == (work / "b.docx").read_bytes()


def test_batch_documents_record_their_recipe(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "u.yaml").write_text("year: 2027\nunits:\n  - org: 市测试局\n    template: mine\n", encoding="utf-8")
    code, _, err = run_main(["batch", "u.yaml", "-o", "out", "-j", "1"], capsys)
    assert code == 0, err
    (written,) = (work / "out").iterdir()
    assert read_recipe(written).params["org"] == "市测试局"


# --- the merge itself, on the model ----------------------------------------------------------


def plan(*sections: tuple[str, list[str]]) -> Plan:
    return Plan(title="T", sections=[Section(i, title, tasks=[Task(None, t) for t in tasks])
                                     for i, (title, tasks) in enumerate(sections, 1)])


def keyed(p: Plan) -> Keyed:
    return Keyed(p, [s.title for s in p.sections], [[t.title for t in s.tasks] for s in p.sections])


def titles(p: Plan) -> list[list[str]]:
    return [[s.title, *(t.title for t in s.tasks)] for s in p.sections]


def test_merge_untouched_draft_takes_the_template() -> None:
    base = plan(("甲", ["a", "b"]), ("乙", ["c"]))
    theirs = plan(("甲", ["a", "b2", "n"]), ("丙", ["x"]))
    result = merge(keyed(base), copy.deepcopy(base), keyed(theirs))
    assert titles(result.plan) == [["甲", "a", "b2", "n"], ["丙", "x"]]
    assert not result.conflicts


def test_merge_keeps_added_tasks_and_order() -> None:
    base = plan(("甲", ["a", "b", "c"]))
    ours = plan(("甲", ["c", "a", "mine", "b"]))
    theirs = plan(("甲", ["a", "b", "c", "new"]))
    result = merge(keyed(base), ours, keyed(theirs))
    assert titles(result.plan) == [["甲", "c", "a", "mine", "b", "new"]]


def test_merge_body_conflict_is_marked_and_listed() -> None:
    base = plan(("甲", ["a"]))
    ours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    ours.sections[0].tasks[0].body = "我写的正文"
    theirs.sections[0].tasks[0].body = "模板的新正文"
    result = merge(keyed(base), ours, keyed(theirs))
    body = result.plan.sections[0].tasks[0].body
    assert body.startswith("我写的正文\n【冲突：模板的正文现为“模板的新正文”") and len(result.conflicts) == 1


def test_merge_template_removal_applies_only_to_untouched_items() -> None:
    base = plan(("甲", ["a", "b"]))
    ours = copy.deepcopy(base)
    ours.sections[0].tasks[1].body = "我写了"
    theirs = plan(("甲", []))
    result = merge(keyed(base), ours, keyed(theirs))
    assert titles(result.plan) == [["甲", "b"]]
    assert "模板已删去这一项" in result.plan.sections[0].tasks[0].body
    assert result.removed == ["部分“甲”任务“a”"]

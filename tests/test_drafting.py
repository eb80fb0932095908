"""One drafting path: new, batch and the template commands compose and render alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run_main

from drafter.batch import Settings, Unit, run_batch
from drafter.drafting import Drafting, compositions, draft_plan

LOCAL_TEMPLATE = """\
name: 市审计局
extends: civil-affairs
params:
  org_short: 审计局
  field: 审计
"""


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with a department template of its own, as a user's would be."""
    (tmp_path / "templates" / "departments").mkdir(parents=True)
    (tmp_path / "templates" / "departments" / "audit.yaml").write_text(LOCAL_TEMPLATE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


CASES = [
    ("civil-affairs", "市民政局", 2026, (), "hints", "docx"),
    ("default", "县统计局", 2027, (("field", "统计"),), "full", "docx"),
    ("science", "市科学技术局", 2026, (), "outline", "md"),
    ("audit", "市审计局", 2025, (("system", "全市审计系统"),), "full", "txt"),
]


@pytest.mark.parametrize(("template", "org", "year", "params", "detail", "fmt"), CASES)
def test_batch_and_new_give_the_same_bytes(work: Path, capsys: pytest.CaptureFixture[str], template: str,
                                           org: str, year: int, params: tuple[tuple[str, str], ...],
                                           detail: str, fmt: str) -> None:
    sets = [arg for key, value in params for arg in ("--set", f"{key}={value}")]
    code, _, err = run_main(["new", "-t", template, "--org", org, "--year", str(year), *sets,
                             "--detail", detail, "-o", str(work / f"new.{fmt}")], capsys)
    assert code == 0, err
    result = run_batch([Unit(org, template, year, params)], Settings(work / "out", fmt, detail), jobs=1)
    outcome = result.outcomes[0]
    assert outcome.status == "written", outcome.reason
    assert outcome.path is not None
    assert outcome.path.read_bytes() == (work / f"new.{fmt}").read_bytes()


def test_batch_refuses_an_unknown_parameter_as_new_does(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["new", "-t", "civil-affairs", "--org", "市民政局", "--set", "feild=民政",
                             "-o", str(work / "a.docx")], capsys)
    assert code != 0
    assert "未知的参数“feild”，是不是“field”？" in err
    result = run_batch([Unit("市民政局", "civil-affairs", 2026, (("feild", "民政"),))],
                       Settings(work / "out"), jobs=1)
    assert result.outcomes[0].status == "failed"
    assert "未知的参数“feild”，是不是“field”？" in result.outcomes[0].reason
    assert not (work / "out").exists() or not any((work / "out").iterdir())


def test_one_drafting_loads_each_file_once(work: Path) -> None:
    drafting = Drafting()
    first = drafting.draft("audit", "市审计局", 2026)
    second = drafting.draft("audit", "市审计局", 2026)
    assert first.plan == second.plan
    assert drafting.template("audit") is first.template is second.template
    assert drafting.context(2026) is drafting.context(2026)
    assert first.plan == draft_plan("audit", "市审计局", 2026).plan


def test_template_diff_composes_through_the_same_path(work: Path) -> None:
    new, base, base_name = compositions("audit", None)
    assert base_name == "civil-affairs"
    drafting = Drafting()
    assert new.plan == drafting.compose(drafting.template("audit"), {}, 2026).plan
    assert base.plan == draft_plan("civil-affairs", year=2026).plan


def test_batch_names_a_file_by_the_title_new_composes(work: Path) -> None:
    (work / "templates" / "departments" / "plenum.yaml").write_text(
        "name: 学习全会\nextends: audit\ntitle: \"{{ org }}{{ year }}年学习贯彻{{ plenum }}精神工作要点\"\n",
        encoding="utf-8")
    unit = Unit("市审计局", "plenum", 2026, (("latest_plenum", "二十届五中全会"),))
    drafting = Drafting()
    request = drafting.request("plenum", "市审计局", 2026, assignments={"latest_plenum": "二十届五中全会"})
    title = drafting.draft("plenum", "市审计局", 2026, assignments={"latest_plenum": "二十届五中全会"}).plan.title
    assert "二十届五中全会" in title
    assert drafting.title(request) == title
    result = run_batch([unit], Settings(work / "out", "md"), jobs=1)
    assert result.outcomes[0].path == work / "out" / f"{title}.md", result.outcomes[0].reason

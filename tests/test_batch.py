"""drafter batch: unit lists, safe names, failures that do not stop the others."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run_main

from drafter.batch import Settings, Unit, load_units, run_batch, safe_name, target_path
from drafter.corpus.reader import read_file
from drafter.errors import OutputError, SchemaError

EXAMPLES = Path(__file__).parents[1] / "examples"


def test_yaml_and_csv_examples_load() -> None:
    units = load_units(EXAMPLES / "units.yaml")
    assert units[0] == Unit("市民政局", "civil-affairs", 2026, (), None, units[0].line)
    assert units[-1].template == "default" and dict(units[-1].params) == {"field": "统计"}
    csv_units = load_units(EXAMPLES / "units.csv")
    assert [(u.org, u.template, u.year) for u in csv_units][:2] == [("市民政局", "civil-affairs", 2026),
                                                                      ("市科学技术局", "science", 2026)]
    assert dict(csv_units[2].params) == {"field": "统计"}


def test_gbk_csv_from_excel(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_bytes("单位,模板\n市民政局,civil-affairs\n".encode("gbk"))
    assert [u.org for u in load_units(path)] == ["市民政局"]


def test_batch_writes_one_readable_plan_per_unit(tmp_path: Path) -> None:
    units = [Unit("市民政局", "civil-affairs", 2026), Unit("市科学技术局", "science", 2026),
             Unit("市统计局", None, 2026, (("field", "统计"),))]
    result = run_batch(units, Settings(tmp_path / "out", "docx", "hints", 2026), jobs=2)
    assert [o.status for o in result.outcomes] == ["written"] * 3
    files = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert files == ["市民政局2026年意识形态工作要点.docx", "市科学技术局2026年意识形态工作要点.docx",
                     "市统计局2026年意识形态工作要点.docx"]
    plan = read_file(tmp_path / "out" / files[0])[0]
    assert plan.org == "市民政局" and plan.year == 2026 and len(plan.sections) >= 5


def test_failing_unit_reported_others_finish(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    units = tmp_path / "units.yaml"
    units.write_text("units:\n  - org: 市民政局\n    template: civil-affairs\n  - org: 市某局\n    template: no-such\n"
                     "  - org: 市科学技术局\n    template: science\n", encoding="utf-8")
    code, _, err = run_main(["batch", str(units), "-o", str(tmp_path / "out"), "--year", "2026"], capsys)
    assert code == 1
    assert "失败：市某局（第 4 行）：" in err and "no-such" in err
    assert err.rstrip().endswith("共 3 个单位：生成 2 个，跳过 0 个，失败 1 个。")
    assert len(list((tmp_path / "out").iterdir())) == 2


def test_existing_files_skipped_without_force(tmp_path: Path) -> None:
    units = [Unit("市民政局", "civil-affairs", 2026)]
    s = Settings(tmp_path, "md", "outline", 2026)
    run_batch(units, s, jobs=1)
    again = run_batch(units, s, jobs=1)
    assert again.count("skipped") == 1
    forced = run_batch(units, Settings(tmp_path, "md", "outline", 2026, force=True), jobs=1)
    assert forced.count("written") == 1


@pytest.mark.parametrize("org", ["../../etc/passwd", "/abs/path", "a\\b:c*?", "..", "\x00\x1f"])
def test_file_names_never_leave_outdir(tmp_path: Path, org: str) -> None:
    path = target_path(tmp_path, org, "docx")
    assert path.parent == tmp_path and "/" not in safe_name(org) and not safe_name(org).startswith(".")


def test_hostile_org_names_written_inside_outdir(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_batch([Unit("../../逃逸局", None, 2026)], Settings(out, "txt", "outline", 2026), jobs=1)
    assert result.count("written") == 1
    assert [p.parent for p in out.iterdir()] == [out]
    assert not (tmp_path / "逃逸局2026年意识形态工作要点.txt").exists()


def test_duplicate_units_refused(tmp_path: Path) -> None:
    path = tmp_path / "u.yaml"
    path.write_text("- 市民政局\n- 市科技局\n- 市民政局\n", encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_units(path)
    assert info.value.line == 3 and "重复" in info.value.message


def test_outdir_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="输出位置不是文件夹"):
        run_batch([Unit("市民政局")], Settings(blocker))


def test_units_landing_on_one_file_refused_before_writing(tmp_path: Path) -> None:
    """Same org, one with an explicit year equal to the default: one file, so nothing is written."""
    units = [Unit("市民政局", None, None, line=2), Unit("市科技局", None, None, line=3),
             Unit("市民政局", "default", 2026, line=4)]
    out = tmp_path / "out"
    with pytest.raises(SchemaError) as info:
        run_batch(units, Settings(out, "md", "outline", 2026), jobs=1, source=tmp_path / "u.yaml")
    assert info.value.line == 4 and "第 2 行" in info.value.message and "同一个文件" in info.value.message
    assert not list(out.iterdir())


def test_plan_title_is_the_composed_title() -> None:
    from drafter.batch import unit_target

    s = Settings(Path("/tmp/x"), "docx", "hints", 2026)
    for template in ("default", "civil-affairs", "science"):
        unit = Unit("市第一局", template, 2026, (("field", "某领域"),) if template == "default" else ())
        made = _drafting_title(unit)
        assert unit_target(unit, s).name == f"{made}.docx"


def _drafting_title(unit: Unit) -> str:
    from drafter.drafting import Drafting

    return Drafting().draft(unit.template, unit.org, unit.year, None, dict(unit.params)).plan.title


def test_stale_temp_files_removed_concurrent_ones_kept(tmp_path: Path) -> None:
    import os

    from drafter.fileio import clean_stale_temps

    dead = tmp_path / ".drafter-999999999-x1.tmp"
    alive = tmp_path / f".drafter-{os.getppid()}-x2.tmp"
    other = tmp_path / ".drafter-notes.tmp"
    for p in (dead, alive, other):
        p.write_bytes(b"")
    assert clean_stale_temps(tmp_path) == 1
    assert not dead.exists() and alive.exists() and other.exists()


def test_file_written_meanwhile_by_another_run_is_skipped_not_failed(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter import batch

    unit = Unit("市民政局", "civil-affairs", 2026)
    s = Settings(tmp_path, "md", "outline", 2026)
    target = batch.unit_target(unit, s)
    target.write_text("另一次运行写好的", encoding="utf-8")
    monkeypatch.setattr(batch.os.path, "lexists", lambda _: False)  # as if it appeared after the check
    _, status, path, _ = batch.make_one(0, unit, s, target)
    assert status == "skipped" and path == str(target)
    assert target.read_text(encoding="utf-8") == "另一次运行写好的"


def test_symlink_in_outdir_leading_out_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "市民政局.docx").symlink_to(tmp_path / "elsewhere.docx")
    with pytest.raises(OutputError, match="输出文件夹之外"):
        target_path(out, "市民政局", "docx")

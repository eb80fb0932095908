"""``drafter mine`` and ``drafter schema`` from the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_helpers import run_main
from click.testing import CliRunner

from drafter.cli import cli
from drafter.resources import bundled_dir

FIX = Path(__file__).parent / "fixtures"
CORPUS = FIX / "corpus"


def test_mine_writes_a_schema(tmp_path: Path) -> None:
    out = tmp_path / "ideology-work-points.yaml"
    result = CliRunner().invoke(cli, ["mine", str(CORPUS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "读取 4 个文件，归纳 13 篇工作要点。" in result.stdout
    assert f"已写入 {out}" in result.stdout
    text = out.read_text(encoding="utf-8")
    assert f"# 重新生成：drafter mine {CORPUS} -o {out}\n" in text
    assert "id: ideology-work-points\n" in text
    # no progress bar when stderr is not a terminal; the editor's JSON Schema written beside the schema
    assert result.stderr == f"已写出 {out.parent / 'schema.schema.json'}（编辑器据此补全和校验 YAML）\n"


def test_mine_twice_gives_identical_bytes(tmp_path: Path) -> None:
    out = tmp_path / "s.yaml"
    runner = CliRunner()
    assert runner.invoke(cli, ["mine", str(CORPUS), "-o", str(out)]).exit_code == 0
    first = out.read_bytes()
    assert runner.invoke(cli, ["mine", str(CORPUS), "-o", str(out)]).exit_code == 0  # regenerate in place
    assert out.read_bytes() == first


def test_shipped_schema_regenerates_from_the_fixture_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "shared" / "corpus"
    shutil.copytree(CORPUS, shared)
    work = tmp_path / "main"
    (work / "schemas").mkdir(parents=True)
    monkeypatch.chdir(work)
    result = CliRunner().invoke(cli, ["mine", "../shared/corpus", "-o", "schemas/ideology-work-points.yaml"])
    assert result.exit_code == 0, result.output
    shipped = bundled_dir("schemas") / "ideology-work-points.yaml"
    assert (work / "schemas" / "ideology-work-points.yaml").read_bytes() == shipped.read_bytes()


def test_mine_id_and_default_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["mine", str(CORPUS), "--id", "my-points"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "schemas" / "my-points.yaml").is_file()
    bad = CliRunner().invoke(cli, ["mine", str(CORPUS), "--id", "我的"])
    assert bad.exit_code == 2 and "只能用英文小写字母" in bad.output


def test_mine_writes_year_contexts_but_keeps_checked_ones(tmp_path: Path) -> None:
    ctx = tmp_path / "context"
    ctx.mkdir()
    (ctx / "2026.yaml").write_text("year: 2026\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["mine", str(CORPUS), "-o", str(tmp_path / "s.yaml"), "--context", str(ctx)])
    assert result.exit_code == 0, result.output
    assert "plan_period: ''" in (ctx / "2025.yaml").read_text(encoding="utf-8")
    assert (ctx / "2026.yaml").read_text(encoding="utf-8") == "year: 2026\n"
    assert "2026.yaml 已存在，未覆盖" in result.stdout


def test_no_plans_found_is_an_error_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "s.yaml"
    code, _, err = run_main(["mine", str(empty), "-o", str(out)], capsys)
    assert code == 2
    assert err == "错误：没有找到任何工作要点，无法归纳（请检查输入的文件或文件夹）\n"
    assert not out.exists() and list(tmp_path.iterdir()) == [empty]


def test_only_non_plans_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "s.yaml"
    code, _, err = run_main(["mine", str(FIX / "reader" / "report.txt"), "-o", str(out)], capsys)
    assert code == 2
    assert err == "错误：读到的 1 篇文档都不是工作要点（如工作总结、情况汇报），无法归纳\n"
    assert not out.exists()


def test_missing_input_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["mine", str(tmp_path / "nope"), "-o", str(tmp_path / "s.yaml")], capsys)
    assert code == 2 and err == f"错误：{tmp_path / 'nope'}: 找不到文件或文件夹\n"


def test_unwritable_output_is_an_error_before_mining(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "no-such-folder" / "s.yaml"
    code, _, err = run_main(["mine", str(CORPUS), "-o", str(out)], capsys)
    assert code == 2 and err == f"错误：{out.parent}: 输出文件夹不存在\n"
    assert not out.parent.exists()


def test_existing_other_file_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "notes.yaml"
    out.write_text("我的笔记\n", encoding="utf-8")
    code, _, err = run_main(["mine", str(CORPUS), "-o", str(out)], capsys)
    assert code == 2 and err == f"错误：{out}: 文件已存在且不是 drafter 结构库，如需覆盖请加 --force\n"
    assert out.read_text(encoding="utf-8") == "我的笔记\n"
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind
    code, _, _ = run_main(["mine", str(CORPUS), "-o", str(out), "--force"], capsys)
    assert code == 0 and "id: notes" in out.read_text(encoding="utf-8")


def test_schema_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["schema", "list"])
    assert result.exit_code == 0
    assert "ideology-work-points　意识形态工作要点　归纳自 13 篇　共性主题 9 个、特色主题 3 个　（内置）" in result.stdout


def test_schema_show_is_a_readable_summary() -> None:
    result = CliRunner().invoke(cli, ["schema", "show", "ideology-work-points"])
    assert result.exit_code == 0
    out = result.stdout
    assert " 1. 理论武装 [theory]　13/13 篇　通常在第 1 部分" in out
    assert "    · 构建分层分类学习体系　[theory-1] 4/13 篇" in out
    assert "        参考：严格落实“第一议题”制度（2 篇）" in out
    assert "部门特色主题" in out and "纪检监察特色工作 [discipline]" in out
    assert "{{ field }} 业务领域词" in out
    full = CliRunner().invoke(cli, ["schema", "show", "ideology-work-points", "--all"]).stdout
    assert len(full) > len(out) and "另有" not in full


def test_schema_show_unknown_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["schema", "show", "nope"], capsys)
    assert code == 2 and err.startswith("错误：没有 id 为“nope”的结构库；已有：ideology-work-points")


def test_schema_list_reports_a_broken_file_and_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "broken.yaml").write_text("id: broken\nthemes: 3\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["schema", "list"])
    assert result.exit_code == 0
    assert result.stdout.startswith("broken　（文件有误：")
    assert "ideology-work-points　意识形态工作要点" in result.stdout


def test_output_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        folder = tmp_path / seed
        folder.mkdir()
        code = f"from drafter.cli import main; main(['mine', {str(CORPUS)!r}, '-o', 's.yaml'])"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", code], cwd=folder, env=env, check=True, capture_output=True)
        outputs.append((folder / "s.yaml").read_bytes())
    assert outputs[0] == outputs[1]

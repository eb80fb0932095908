from __future__ import annotations

import textwrap
from pathlib import Path

import docx
import pytest
from cli_helpers import run_main
from click.testing import CliRunner
from test_compose import make_schema

from drafter.cli import cli
from drafter.corpus.reader import read_file
from drafter.schema_io import dump_schema

CONTEXT_2026 = """\
year: 2026
plan_period: “十五五”开局之年
latest_plenum: 二十届四中全会
meetings: [二十届四中全会, 党的二十大]
anniversaries: [建党105周年]
stale: [二十届三中全会]
plans: 0
"""


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with its own schema and year context (found before the built-in ones)."""
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "ideology-work-points.yaml").write_text(dump_schema(make_schema()), encoding="utf-8")
    (tmp_path / "templates" / "context").mkdir(parents=True)
    (tmp_path / "templates" / "context" / "2026.yaml").write_text(CONTEXT_2026, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def one_error(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误："), err
    assert "Traceback" not in err
    return lines[0]


def local_template(work: Path, name: str, text: str) -> Path:
    folder = work / "templates" / "departments"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


# --- drafter new -------------------------------------------------------------------------


def test_new_without_arguments_writes_the_generic_plan(work: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["new"])
    assert result.exit_code == 0, result.output
    path = work / "【单位名称】2026年意识形态工作要点.docx"
    assert path.is_file() and str(path.name) in result.output
    plan = read_file(path)[0]
    assert plan.year == 2026 and len(plan.sections) == 6
    assert any(p.kind.value == "requirements" for p in plan.back)


def test_civil_affairs_docx_reads_like_that_office(work: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["new", "--template", "civil-affairs", "--org", "市民政局", "--year", "2026"])
    assert result.exit_code == 0, result.output
    path = work / "市民政局2026年意识形态工作要点.docx"
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "市民政局2026年意识形态工作要点"
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert len(headings) == 7 and headings[-1] == "七、工作要求"  # six themed sections + 工作要求
    body = "\n".join(texts)
    assert "民政" in body and "【参考】" in body and "二十届四中全会" in body
    assert not [w for w in ("纪检", "老干部", "科技局", "园区", "人大") if w in body]
    plan = read_file(path)[0]
    assert [len(s.tasks) for s in plan.sections] == [4, 4, 4, 4, 4, 4]


def test_same_inputs_same_bytes(work: Path, runner: CliRunner) -> None:
    for name in ("a.docx", "b.docx"):
        assert runner.invoke(cli, ["new", "-t", "science", "-o", name]).exit_code == 0
    assert (work / "a.docx").read_bytes() == (work / "b.docx").read_bytes()


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_text_formats_to_stdout(work: Path, runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(cli, ["new", "-t", "discipline", "--format", fmt, "-o", "-", "--detail", "full"])
    assert result.exit_code == 0
    assert "市纪委监委2026年意识形态工作要点" in result.output
    assert "【写明本项任务的具体举措、牵头部门和完成时限】" in result.output
    assert not list(work.glob("*.md")) and not list(work.glob("*.txt"))


def test_format_follows_output_suffix_and_folder(work: Path, runner: CliRunner) -> None:
    assert runner.invoke(cli, ["new", "-o", "提纲.md"]).exit_code == 0
    assert (work / "提纲.md").read_text(encoding="utf-8").startswith("# ")
    (work / "out").mkdir()
    assert runner.invoke(cli, ["new", "-t", "npc", "-o", "out", "--detail", "outline"]).exit_code == 0
    assert (work / "out" / "市人大常委会机关2026年意识形态工作要点.docx").is_file()


def test_params_file_and_set(work: Path, runner: CliRunner) -> None:
    (work / "p.yaml").write_text("template: civil-affairs\nyear: 2026\norg: 县民政局\norg_short: 县局\n",
                                 encoding="utf-8")
    result = runner.invoke(cli, ["new", "--params", "p.yaml", "--set", "system=全县民政系统", "-o", "-",
                                 "--format", "txt"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("县民政局2026年意识形态工作要点\n")
    assert "全县民政系统" in result.output and "结合县局实际" in result.output


def test_appendix_and_style(work: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["new", "--appendix", "-o", "x.docx"])
    assert result.exit_code == 0
    texts = [p.text for p in docx.Document(str(work / "x.docx")).paragraphs]
    assert any("任务分解表" in t for t in texts)


def test_preview_prints_the_outline(work: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["preview", "-t", "veteran-cadres"])
    assert result.exit_code == 0
    assert "市委老干部局2026年意识形态工作要点" in result.output
    assert "激活银发动能" in result.output and "【参考】" not in result.output
    assert not list(work.glob("*.docx"))
    hints = runner.invoke(cli, ["preview", "-t", "veteran-cadres", "--detail", "hints"])
    assert "【参考】" in hints.output


def test_prompts_on_a_terminal(work: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    from drafter.cli import cmd_new

    monkeypatch.setattr(cmd_new, "_interactive", lambda: True)
    result = runner.invoke(cli, ["new", "-o", "-", "--format", "txt"], input="civil-affairs\n区民政局\n2027\n")
    assert result.exit_code == 0, result.output
    assert "区民政局2027年意识形态工作要点" in result.output
    result = runner.invoke(cli, ["new", "-o", "-", "--format", "txt"], input="nosuch\n1\n\n\n")
    assert "没有这个模板" in result.output and "【单位名称】2026年意识形态工作要点" in result.output


def test_never_prompts_without_a_terminal(work: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["new", "-o", "-", "--format", "txt"], input="")
    assert result.exit_code == 0 and result.stdout.startswith("【单位名称】2026年")


# --- errors: one Chinese line, file:line, nothing written --------------------------------------


def test_existing_output_without_force(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = work / "x.docx"
    target.write_bytes(b"old")
    code, _, err = run_main(["new", "-o", "x.docx"], capsys)
    assert code == 2 and one_error(err).startswith("错误：x.docx: ") and "--force" in err
    assert target.read_bytes() == b"old"
    code, _, _ = run_main(["new", "-o", "x.docx", "--force"], capsys)
    assert code == 0 and target.read_bytes() != b"old"


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs Linux /sys")
def test_unwritable_system_folder(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["new", "-o", "/sys/x.docx"], capsys)  # not writable, even for root
    assert code == 2 and one_error(err).startswith("错误：/sys: ")


def test_missing_folder(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["new", "-o", "nosuch/x.docx"], capsys)
    assert code == 2 and "nosuch" in one_error(err)


def test_unknown_template_lists_known(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(["new", "-t", "civil"], capsys)
    line = one_error(err)
    assert code == 2 and out == "" and "civil-affairs" in line and "default" in line
    assert not list(work.glob("*.docx"))


def test_invalid_yaml_names_file_and_line(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = local_template(work, "bad", "name: 坏\nthemes:\n  - id: theory\n   heading: x\n")
    code, _, err = run_main(["new", "-t", "bad"], capsys)
    assert code == 2 and f"{path}:4:" in one_error(err) and "YAML" in err
    assert not list(work.glob("*.docx"))


def test_unknown_key_suggests_the_near_one(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = local_template(work, "typo", "name: 错\nextends: default\nparams:\n  org: 市审计局\nlayuot: {}\n")
    code, _, err = run_main(["new", "-t", "typo"], capsys)
    assert code == 2 and f"{path}:5:" in one_error(err) and "layout" in err


def test_extends_cycle(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    local_template(work, "a", "name: A\nextends: b\n")
    path = local_template(work, "b", "name: B\nextends: a\n")
    code, _, err = run_main(["new", "-t", "a"], capsys)
    assert code == 2 and f"{path}:2:" in one_error(err) and "循环" in err


def test_undefined_variable_names_file_line_key(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = local_template(work, "undef", """
        name: 未定义
        extends: default
        themes:
          - id: theory
            heading: 深化理论武装，筑牢{{ feild }}思想根基
        """)
    code, _, err = run_main(["new", "-t", "undef"], capsys)
    line = one_error(err)
    assert code == 2 and f"{path}:5:" in line and "feild" in line and "field" in line
    assert "themes[0].heading" in line


def test_bad_params(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "p.yaml").write_text("org: 市审计局\norg_shrt: 审计局\n", encoding="utf-8")
    code, _, err = run_main(["new", "--params", "p.yaml"], capsys)
    assert code == 2 and one_error(err).startswith("错误：p.yaml:2: ") and "org_short" in err
    code, _, err = run_main(["new", "--set", "novalue"], capsys)
    assert code == 2 and "--set" in one_error(err)
    code, _, err = run_main(["new", "--year", "26"], capsys)
    assert code == 2 and "--year" in one_error(err)
    code, _, err = run_main(["new", "--detail", "some"], capsys)
    assert code == 2 and "outline" in one_error(err)


def test_docx_to_a_terminal_is_refused(work: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    from drafter.cli import cmd_new

    monkeypatch.setattr(cmd_new, "_stdout_is_terminal", lambda: True)
    code, _, err = run_main(["new", "-o", "-"], capsys)
    assert code == 2 and ".docx" in one_error(err)


def test_bad_today(work: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DRAFTER_TODAY", "yesterday")
    code, _, err = run_main(["new"], capsys)
    assert code == 2 and "DRAFTER_TODAY" in one_error(err)


# --- drafter template ------------------------------------------------------------------------


def test_template_list(work: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["template", "list"])
    assert result.exit_code == 0
    assert "civil-affairs" in result.output and "民政部门" in result.output
    assert result.output.splitlines()[0].startswith("default")


def test_template_show_resolved(work: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["template", "show", "civil-affairs"])
    assert result.exit_code == 0
    assert "继承链：civil-affairs → default → ideology-work-points" in result.output
    assert "superior: 中央和省委、市委" in result.output  # inherited from default
    outline = runner.invoke(cli, ["template", "show", "civil-affairs", "--outline"])
    assert "1.深化“第一议题”制度的贯通性落实，筑牢政治忠诚" in outline.output


def test_template_validate_all_and_errors(work: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["template", "validate"])
    assert result.exit_code == 0, result.output
    assert "✓ civil-affairs" in result.output
    path = local_template(work, "broken", """
        name: 坏模板
        extends: default
        themes:
          - id: thoery
        """)
    result = runner.invoke(cli, ["template", "validate", "broken"])
    assert result.exit_code == 2
    assert f"错误：{path}:4: " in result.output and "theory" in result.output


def test_template_new_scaffold_validates_and_set_keeps_comments(work: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["template", "new", "audit", "--name", "审计部门", "--org", "市审计局",
                                 "--field", "审计"])
    assert result.exit_code == 0, result.output
    path = work / "templates" / "departments" / "audit.yaml"
    text = path.read_text(encoding="utf-8")
    assert "# 部门参数" in text and "org: 市审计局" in text and "  - id: theory" in text
    assert runner.invoke(cli, ["template", "validate", "audit"]).exit_code == 0
    again = runner.invoke(cli, ["template", "new", "audit"])
    assert again.exit_code != 0 and text == path.read_text(encoding="utf-8")
    result = runner.invoke(cli, ["template", "set", "audit", "params.org", "县审计局"])
    assert result.exit_code == 0, result.output
    edited = path.read_text(encoding="utf-8")
    assert "org: 县审计局" in edited and "# 部门参数" in edited and "# 单位全称" in edited
    assert edited.replace("县审计局", "市审计局") == text
    bad = runner.invoke(cli, ["template", "set", "audit", "layout.numbering", "sometimes"])
    assert bad.exit_code != 0 and path.read_text(encoding="utf-8") == edited
    preview = runner.invoke(cli, ["preview", "-t", "audit"])
    assert "县审计局2026年意识形态工作要点" in preview.output


def test_template_new_rejects_bad_id(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["template", "new", "审计"], capsys)
    assert code == 2 and "id" in one_error(err)


def test_template_diff(work: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["template", "diff", "civil-affairs"])
    assert result.exit_code == 0
    assert "模板 civil-affairs 相对于 default" in result.output
    assert "参数 org：【单位名称】 → 市民政局" in result.output
    assert "~ 部分 theory 标题：" in result.output
    default = runner.invoke(cli, ["template", "diff", "default"])
    assert "相对于 ideology-work-points" in default.output

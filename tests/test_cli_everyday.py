"""The everyday conventions of the command line: default year, any console, colour, stdin."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from cli_helpers import run_main

from drafter.settings import default_year

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).parent / "fixtures" / "corpus"
A_PLAN = ROOT / "examples" / "sample-plan.txt"


# --- the default year --------------------------------------------------------------------


@pytest.mark.parametrize(("today", "year"), [
    ("2026-01-01", 2026), ("2026-09-30", 2026), ("2026-10-01", 2027), ("2026-11-28", 2027), ("2026-12-31", 2027),
])
def test_default_year_is_next_year_from_october(today: str, year: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTER_TODAY", today)
    assert default_year() == year


def test_new_in_late_november_drafts_next_year_and_says_why(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAFTER_TODAY", "2026-11-28")
    code, out, err = run_main(["new", "--format", "md", "-o", "-"], capsys)
    assert code == 0, err
    assert out.startswith("# 【单位名称】2027年意识形态工作要点")
    assert "默认年度 2027（10 月起默认为下一年度，用 --year 指定）" in err


def test_an_explicit_year_needs_no_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DRAFTER_TODAY", "2026-11-28")
    code, out, err = run_main(["preview", "--year", "2026"], capsys)
    assert code == 0 and "2026年意识形态工作要点" in out
    assert "默认年度" not in err


# --- any console -------------------------------------------------------------------------


def every_command(tmp: Path) -> list[list[str]]:
    """One run of every command (and subcommand), with inputs in ``tmp``."""
    units = tmp / "units.yaml"
    units.write_text("year: 2026\nunits:\n  - org: 市民政局\n    template: civil-affairs\n", encoding="utf-8")
    tpl = tmp / "templates" / "departments" / "mine.yaml"
    return [
        ["--help"], ["--version"],
        ["inspect", str(A_PLAN)], ["inspect", "--json", str(A_PLAN)],
        ["mine", str(CORPUS), "-o", str(tmp / "s.yaml")],
        ["schema", "list"], ["schema", "show", "ideology-work-points"],
        ["template", "list"], ["template", "show", "science"], ["template", "show", "science", "--outline"],
        ["template", "validate", "default", "science"], ["template", "diff", "science"],
        ["template", "new", "mine", "--name", "我局", "-o", str(tpl)],
        ["template", "set", str(tpl), "params.org", "市我局"],
        ["new", "-t", "science", "-o", str(tmp / "a.docx")], ["new", "--format", "md", "-o", "-"],
        ["preview", "-t", "civil-affairs", "--detail", "hints"],
        ["check", str(A_PLAN)], ["check", "--json", str(A_PLAN)],
        ["import", str(A_PLAN), "-o", str(tmp / "imported" / "x.yaml")],
        ["batch", str(units), "-o", str(tmp / "out"), "-j", "1"],
        ["update", str(tmp / "a.docx")], ["update", str(A_PLAN)],
        ["completion", "bash"], ["format", str(A_PLAN), "-o", str(tmp / "f.docx")],
        ["new", "--year", "1999"], ["check", str(tmp / "missing.docx")],  # errors too
    ]


def run_on_console(args: list[str], encoding: str) -> tuple[int, bytes, bytes]:
    """Run ``drafter ARGS`` with stdout and stderr strict text streams in ``encoding``."""
    from drafter.cli import main

    out, err = io.BytesIO(), io.BytesIO()
    saved = sys.stdout, sys.stderr
    streams = [io.TextIOWrapper(out, encoding=encoding, errors="strict"),
               io.TextIOWrapper(err, encoding=encoding, errors="strict")]
    sys.stdout, sys.stderr = streams
    code = 0
    try:
        main(args)
    except SystemExit as e:
        code = int(e.code or 0)
    finally:
        sys.stdout, sys.stderr = saved
        for stream in streams:
            stream.flush()
            stream.detach()
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("encoding", ["gbk", "cp936", "ascii"])
def test_every_command_runs_on_any_console(encoding: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for args in every_command(tmp_path):
        code, _out, err = run_on_console(args, encoding)
        assert b"Traceback" not in err and b"UnicodeEncodeError" not in err, (args, err)
        assert code in (0, 1, 2), (args, code, err)
        if args[:2] in (["new", "--year"], ["check", str(tmp_path / "missing.docx")], ["update", str(A_PLAN)]):
            assert code == 2 and err.strip(), args
        elif args[0] != "check":
            assert code == 0, (args, err.decode(encoding, "replace"))


@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
def test_validate_and_diff_on_a_real_console(encoding: str) -> None:
    """The two commands that crashed on a GBK console, run as a user runs them."""
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    for args in (["template", "validate", "science"], ["template", "diff", "science"]):
        proc = subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, env=env, cwd=ROOT,
                              timeout=120, check=False)
        assert proc.returncode == 0, proc.stderr
        assert b"Traceback" not in proc.stderr
        if encoding == "gbk":
            text = proc.stdout.decode("gbk")
            assert "√ science" in text or "↑↓" in text or "相对于" in text


def test_symbols_a_console_lacks_get_stand_ins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run_on_console(["template", "validate", "science"], "gbk")
    assert code == 0 and out.decode("gbk").startswith("√ science")


# --- colour ------------------------------------------------------------------------------


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend stdout is a terminal, where click keeps colours."""
    monkeypatch.setattr(click.utils, "should_strip_ansi", lambda stream=None, color=None: not color
                        if color is not None else False)


def test_colour_on_a_terminal(terminal: None, capsys: pytest.CaptureFixture[str]) -> None:
    _code, out, _ = run_main(["check", str(A_PLAN)], capsys)
    assert "\x1b[" in out


def test_no_color_env(terminal: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    _code, out, _ = run_main(["check", str(A_PLAN)], capsys)
    assert out and "\x1b[" not in out


def test_no_color_option(terminal: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(["--no-color", "preview", "-t", "science"], capsys)
    assert code == 0 and out and "\x1b[" not in out


# --- "-" for standard input ----------------------------------------------------------------


def feed(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    class Stdin(io.TextIOWrapper):
        def isatty(self) -> bool:
            return False

    monkeypatch.setattr(sys, "stdin", Stdin(io.BytesIO(data), encoding="utf-8"))


def test_inspect_reads_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    feed(monkeypatch, A_PLAN.read_bytes())
    code, out, err = run_main(["inspect", "-"], capsys)
    assert code == 0, err
    assert "来源：<标准输入>:" in out and "识别出 1 篇" in out


def test_check_reads_a_docx_from_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run_main(["new", "-t", "science", "--year", "2026", "-o", "a.docx"], capsys)
    assert code == 0, err
    feed(monkeypatch, (tmp_path / "a.docx").read_bytes())
    code, out, err = run_main(["check", "--json", "-"], capsys)
    assert code in (0, 1), err
    assert '"file": "<标准输入>"' in out


def test_import_reads_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                            capsys: pytest.CaptureFixture[str]) -> None:
    feed(monkeypatch, A_PLAN.read_bytes())
    code, _, err = run_main(["import", "-", "-o", str(tmp_path / "t.yaml")], capsys)
    assert code == 0, err
    assert (tmp_path / "t.yaml").is_file()


def test_empty_stdin_is_one_clear_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    feed(monkeypatch, b"")
    code, _, err = run_main(["check", "-"], capsys)
    assert code == 2 and err == "错误：<标准输入>: 文件是空的\n"


# --- $schema lines that resolve ----------------------------------------------------------


def modeline_targets(path: Path) -> Path | None:
    from drafter.json_schemas import resolve_ref, schema_ref

    ref = schema_ref(path.read_text(encoding="utf-8"))
    return resolve_ref(path, ref) if ref is not None else None


def test_every_shipped_modeline_resolves_from_its_own_folder() -> None:
    shipped = [p for folder in ("templates", "schemas", "examples") for p in (ROOT / folder).rglob("*.yaml")]
    with_line = [(p, modeline_targets(p)) for p in shipped]
    with_line = [(p, t) for p, t in with_line if t is not None]
    assert len(with_line) >= 15
    for path, target in with_line:
        assert target.is_file(), f"{path}: $schema → {target}"


def test_written_templates_and_schemas_carry_a_modeline_that_resolves(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    written = [tmp_path / "templates" / "departments" / "finance.yaml",   # template new, default place
               tmp_path / "elsewhere" / "deep" / "mine.yaml",             # template new -o, folder missing
               tmp_path / "imported" / "x.yaml",                          # import -o, folder missing
               tmp_path / "mined" / "s.yaml"]                             # mine -o
    (tmp_path / "mined").mkdir()
    runs = [["template", "new", "finance"], ["template", "new", "mine", "-o", str(written[1])],
            ["import", str(A_PLAN), "-o", str(written[2])], ["mine", str(CORPUS), "-o", str(written[3])]]
    for args in runs:
        code, _, err = run_main(args, capsys)
        assert code == 0, (args, err)
    for path in written:
        target = modeline_targets(path)
        assert target is not None and target.is_file(), path
        assert target.parent == path.parent
    code, _, err = run_main(["template", "validate", str(written[0]), str(written[2])], capsys)
    assert code == 0, err


# --- shell completion and prompts ----------------------------------------------------------


def complete(words: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """What bash completion offers for the command line ``words`` (the last word is being typed)."""
    parts = words.split(" ")
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", str(len(parts) - 1))
    monkeypatch.setenv("_DRAFTER_COMPLETE", "bash_complete")
    _, out, _ = run_main([], capsys)
    return out.splitlines()


@pytest.mark.parametrize(("words", "offered"), [
    ("drafter new -t sci", ["plain,science"]),
    ("drafter preview --template civil", ["plain,civil-affairs"]),
    ("drafter template show dis", ["plain,discipline"]),
    ("drafter template diff --base def", ["plain,default"]),
    ("drafter new --detail ", ["plain,outline", "plain,hints", "plain,full"]),
    ("drafter new --format m", ["plain,md"]),
    ("drafter batch x.yaml -o o --detail f", ["plain,full"]),
    ("drafter check exam", ["file,exam"]),
    ("drafter new -o out", ["file,out"]),
    ("drafter tem", ["plain,template"]),
])
def test_shell_completion(words: str, offered: list[str], monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    assert complete(words, monkeypatch, capsys) == offered


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_script(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_main(["completion", shell], capsys)
    assert code == 0 and "_DRAFTER_COMPLETE" in out


def test_no_input_never_prompts_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    import drafter.cli.cmd_new as cmd_new

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cmd_new, "_interactive", lambda: True)
    monkeypatch.setattr(click, "prompt", lambda *a, **k: pytest.fail("prompted"))
    for flag in ("--no-input", "--defaults"):
        code, _, err = run_main(["new", flag, "--format", "txt", "-o", "-"], capsys)
        assert code == 0, err


# --- the README's quick start on a fresh machine -------------------------------------------


def readme_block(marker: str, fence: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    after = text[text.index(marker):]
    start = after.index(fence) + len(fence)
    return after[start:after.index("```", start)].strip().splitlines()


def test_quick_start_works_on_a_pep668_system() -> None:
    lines = readme_block("<!-- quick-start", "```bash")
    assert len(lines) == 2
    for line in lines:
        assert line.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install ")
    assert lines[0].endswith("pip install . && drafter new")
    assert lines[1].endswith('pip install ".[test]" && python -m pytest')


def test_ci_runs_the_quick_start_lines_as_written() -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "awk '/<!-- quick-start/" in run and 'bash -c "$command"' in run
    awk = subprocess.run(["awk", "/<!-- quick-start/ {m=1; next} m && /^```/ {if (f) exit; f=1; next} m && f",
                          str(ROOT / "README.md")], capture_output=True, text=True, check=True)
    assert awk.stdout.splitlines() == readme_block("<!-- quick-start", "```bash")


def test_windows_quick_start_quotes_work_in_cmd_and_powershell() -> None:
    lines = readme_block("Windows（cmd 和 PowerShell", "```bat")
    assert lines[0] == "py -m venv .venv"
    for line in lines:
        # cmd has no single quotes and PowerShell 5 no &&: one command a line, extras in double quotes
        assert "'" not in line and "&&" not in line and ";" not in line
        assert "/" not in line.replace("-m ", "")
    assert '.venv\\Scripts\\python -m pip install ".[test]"' in lines

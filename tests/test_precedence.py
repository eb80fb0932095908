"""One precedence rule for every command that composes, and a project's drafter.yaml.

built-in < template < drafter.yaml < params file / unit row < --set < --org/--year/--template;
a flag that overrides a file's value says so once.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from cli_helpers import run_main


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An office folder with a drafter.yaml, working in a subfolder of it."""
    write(tmp_path / "drafter.yaml", """
        org: 市民政局
        template: civil-affairs
        level: 市
        params:
          org_short: 局机关
        context:
          year: 2027
          latest_plenum: 二十届五中全会
        """)
    (tmp_path / "drafts").mkdir()
    monkeypatch.chdir(tmp_path / "drafts")
    return tmp_path


def preview(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    code, out, err = run_main(["preview", "--detail", "full", *args], capsys)
    assert code == 0, err
    return out, err


# --- flags over files ----------------------------------------------------------------------


def test_year_flag_overrides_the_params_file_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    params = write(tmp_path / "p.yaml", "year: 2026\norg: 市统计局\nfield: 统计\n")
    out, err = preview(["--params", str(params), "--year", "2027"], capsys)
    assert "市统计局2027年意识形态工作要点" in out
    assert err == f"--year 2027 覆盖了参数文件 {params} 中的 year: 2026\n"


def test_org_and_set_override_the_params_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    params = write(tmp_path / "p.yaml", "year: 2026\norg: 市统计局\norg_short: 统计局\n")
    out, err = preview(["--params", str(params), "--org", "市审计局", "--set", "org_short=审计局机关"], capsys)
    assert "市审计局2026年" in out and "结合审计局机关实际" in out
    assert err.splitlines() == [f"--set org_short=审计局机关 覆盖了参数文件 {params} 中的 org_short: 统计局",
                                f"--org 市审计局 覆盖了参数文件 {params} 中的 org: 市统计局"]


def test_the_same_value_needs_no_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    params = write(tmp_path / "p.yaml", "year: 2026\norg: 市统计局\n")
    _, err = preview(["--params", str(params), "--org", "市统计局", "--year", "2026"], capsys)
    assert err == ""


def test_batch_year_flag_overrides_the_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    units = write(tmp_path / "u.yaml", """
        year: 2026
        units:
          - org: 市民政局
            template: civil-affairs
          - org: 市科学技术局
            template: science
            year: 2025
        """)
    code, _, err = run_main(["batch", str(units), "-o", "out", "--format", "md", "--year", "2027", "-j", "1"], capsys)
    assert code == 0, err
    assert "--year 2027 覆盖了单位清单中 2 个单位的年度" in err
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert written == ["市民政局2027年意识形态工作要点.md", "市科学技术局2027年意识形态工作要点.md"]


def test_batch_refuses_unknown_parameters_as_new_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    units = write(tmp_path / "u.yaml", """
        units:
          - org: 市民政局
            params: {feild: 民政}
        """)
    code, _, err = run_main(["batch", str(units), "-o", "out", "-j", "1"], capsys)
    assert code == 1
    assert "未知的参数“feild”，是不是“field”？" in err
    code, _, err = run_main(["new", "--set", "feild=民政", "-o", "x.docx"], capsys)
    assert code == 2 and "未知的参数“feild”，是不是“field”？" in err


# --- drafter.yaml ------------------------------------------------------------------------


def test_project_settings_from_a_parent_folder(office: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DRAFTER_TODAY", "2026-11-28")
    out, err = preview([], capsys)
    assert "模板：民政部门（civil-affairs）　年度：2027" in out
    assert "市民政局2027年意识形态工作要点" in out
    assert "二十届五中全会精神" in out and "结合局机关实际" in out  # the context override, for 2027
    assert err.startswith("默认年度 2027")


def test_project_context_override_is_for_its_year_only(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out, _ = preview(["--year", "2026"], capsys)
    assert "二十届五中全会" not in out and "二十届四中全会精神" in out


def test_params_file_over_project_settings_flags_over_both(office: Path, capsys: pytest.CaptureFixture[str]) -> None:
    params = write(office / "drafts" / "p.yaml", "org: 市民政局婚姻登记处\n")
    out, err = preview(["--params", str(params), "--year", "2027"], capsys)
    assert "市民政局婚姻登记处2027年" in out and err == ""  # a file over a file: the rule, no note
    out, err = preview(["--params", str(params), "--year", "2027", "-t", "science", "--org", "市科技局"], capsys)
    assert "模板：科技部门（science）" in out and "市科技局2027年" in out
    assert err.splitlines() == [
        f"--org 市科技局 覆盖了参数文件 {params} 中的 org: 市民政局婚姻登记处",
        f"--template science 覆盖了设置文件 {office / 'drafter.yaml'} 中的 template: civil-affairs",
    ]


def test_year_context_variables_settable_with_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    out, _ = preview(["--year", "2026", "--set", "latest_plenum=二十届五中全会"], capsys)
    assert "二十届五中全会精神" in out
    out, _ = preview(["--year", "2026", "--set", "plenum=二十届六中全会"], capsys)
    assert "二十届六中全会精神" in out


@pytest.mark.parametrize(("text", "where", "said"), [
    ("orgg: 市民政局\n", ":1:1:", "未知的键“orgg”，是不是“org”？"),
    ("context:\n  latest_plenm: 二十届五中全会\n", ":2:3:", "未知的键“context.latest_plenm”，是不是“latest_plenum”？"),
    ("level: 地级市\n", ":1:", "“level”的值 '地级市' 无效，可用：省、市、县、乡镇"),
    ("params:\n  feild: 民政\n", ":2:", "未知的参数“feild”，是不是“field”？"),
    ("org: [\n", ":1:", "YAML 格式错误"),
])
def test_bad_project_settings_are_one_clear_line(text: str, where: str, said: str, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    settings = write(tmp_path / "drafter.yaml", text)
    code, _, err = run_main(["new", "-o", "x.docx"], capsys)
    assert code == 2 and not (tmp_path / "x.docx").exists()
    assert err.startswith(f"错误：{settings}{where}") and said in err and len(err.splitlines()) == 1, err


def test_shipped_example_settings_are_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "drafter.yaml"
    (tmp_path / "drafter.yaml").write_bytes(example.read_bytes())
    monkeypatch.chdir(tmp_path)
    out, _ = preview(["--year", "2027"], capsys)
    assert "市民政局2027年" in out and "二十届五中全会" in out

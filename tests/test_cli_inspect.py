from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run_main
from click.testing import CliRunner

from drafter.cli import cli

FIX = Path(__file__).parent / "fixtures"


def test_inspect_outline() -> None:
    result = CliRunner().invoke(cli, ["inspect", str(FIX / "reader" / "three_level.txt")])
    assert result.exit_code == 0
    assert "【1】市科技局2026年意识形态工作要点" in result.output
    assert "（一）加强理论武装" in result.output and "1.健全理论学习体系" in result.output
    assert "共 1 个文件，识别出 1 篇工作要点；未能归入任何一篇的行：0 行。" in result.output


def test_inspect_json_shape() -> None:
    result = CliRunner().invoke(cli, ["inspect", "--json", str(FIX / "corpus")])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["version"] == 1 and doc["files"] == 4 and len(doc["plans"]) == 13
    plan = doc["plans"][0]
    assert set(plan) >= {"title", "org", "year", "flags", "counts", "sections", "front", "back", "preamble"}
    assert set(plan["sections"][0]["tasks"][0]) == {"number", "title", "body", "hints", "outline_only", "span"}


def test_inspect_json_validates_against_published_schema() -> None:
    import jsonschema

    schema = json.loads((Path(__file__).parents[1] / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
    result = CliRunner().invoke(cli, ["inspect", "--json", str(FIX / "corpus"), str(FIX / "reader")])
    jsonschema.validate(json.loads(result.stdout), schema)


def test_inspect_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_main(["inspect", "/nonexistent/plan.txt"], capsys)
    assert code == 2 and out == ""
    assert err == "错误：/nonexistent/plan.txt: 文件不存在\n"


def test_inspect_partial_failure_reads_the_rest(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    code, out, err = run_main(["inspect", str(bad), str(FIX / "reader" / "untitled.txt")], capsys)
    assert code == 1
    assert err == f"错误：{bad}: 文件是空的\n"
    assert "XX市人大办公室" in out


def test_inspect_no_numbering_warns(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIX / "reader" / "no_numbering.txt"
    code, out, err = run_main(["inspect", str(path)], capsys)
    assert code == 0
    assert err == f"警告：{path}: 未找到工作要点（没有可识别的编号结构）\n"
    assert "识别出 0 篇" in out


def test_json_shape_reads_back_into_the_model() -> None:
    from drafter.corpus.reader import read_paths
    from drafter.jsonio import plan_from_dict, plan_to_dict

    plans = read_paths([FIX / "corpus", FIX / "reader"]).plans
    back = [plan_from_dict(json.loads(json.dumps(plan_to_dict(p), ensure_ascii=False))) for p in plans]
    assert back == plans
    assert [b.sources for b in back] == [p.sources for p in plans]
    assert [b.noise for b in back] == [p.noise for p in plans]


def test_inspect_reports_unplaced_lines(tmp_path: Path) -> None:
    path = tmp_path / "two.txt"
    path.write_text("某局2024年工作要点\n一、加强学习\n1.落实制度。每月学习一次。\n篇二\n此篇正文缺失，仅存一段说明文字。\n",
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["inspect", str(path)])
    assert result.exit_code == 0
    assert "未能归入任何一篇的行：1 行。" in result.stdout
    assert f"{path}: 有 1 行未能归入任何一篇（第 5 行）" in result.stderr
    doc = json.loads(CliRunner().invoke(cli, ["inspect", "--json", str(path)]).stdout)
    assert doc["unplaced"] == [{"source": str(path), "line": 5, "text": "此篇正文缺失，仅存一段说明文字。"}]

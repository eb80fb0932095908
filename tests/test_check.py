"""drafter check: real faults in the corpus, fixtures for each kind of finding."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from cli_helpers import run_main
from click.testing import CliRunner

from drafter.cli import cli
from drafter.context import load_context
from drafter.corpus.reader import read_file, read_text
from drafter.render import render_docx
from drafter.review.check import check_coverage, check_draft, run_check
from drafter.review.findings import Draft, Severity
from drafter.schema_io import load_schema

FIX = Path(__file__).parent / "fixtures"
CORPUS = FIX / "corpus"


def codes(findings: list) -> list[str]:  # type: ignore[type-arg]
    return [f.code for f in findings]


@pytest.fixture(scope="module")
def corpus_reports() -> dict[str, list]:  # type: ignore[type-arg]
    out = {}
    for path in sorted(CORPUS.glob("*.txt")):
        for r in run_check(path):
            out[r.plan.org] = r.findings
    return out


def test_corpus_faults_found(corpus_reports: dict[str, list]) -> None:  # type: ignore[type-arg]
    org = corpus_reports["市委组织部机关"]
    notes = [f for f in org if f.code == "drafting-residue"]
    assert len(notes) == 1 and "共 24 处" in notes[0].message and notes[0].text.startswith("过渡句")
    assert "truncated" in codes(org)
    sci = corpus_reports["市科学技术局机关"]
    missing_dot = [f for f in sci if f.code == "mark-missing-dot"]
    assert [(f.where, f.line) for f in missing_dot] == [("三、第 12 项", 526)]
    it = codes(corpus_reports["市工业和信息化局机关"])
    assert "truncated" in it and "outline-gaps" in it
    npc = codes(corpus_reports["XX市人大办公室"])
    assert "title-missing" in npc and "placeholder" in npc
    assert "title-generic-org" in codes(corpus_reports["市委老干部局"])


def test_clean_corpus_plan_has_only_its_repeated_title(corpus_reports: dict[str, list]) -> None:  # type: ignore[type-arg]
    # the file carries its title twice (lines 1 and 2); nothing else is wrong with it
    assert [(f.code, f.line in (1, 2)) for f in corpus_reports["市工业园区"]] == [("title-repeated", True)]


def test_numbering_gaps_repeats_and_section_numbers() -> None:
    text = ("某局2026年意识形态工作要点\n一、深化理论武装\n1.甲任务。内容。\n2.乙任务。内容。\n4.丙任务。内容。\n"
            "三、压实责任\n5.丁任务。内容。\n5.戊任务。内容。\n6.己任务。内容。\n")
    findings = check_draft(Draft(read_text(text)[0]))
    got = [(f.code, f.where, f.message) for f in findings if f.category == "structure"]
    assert ("numbering-gap", "一、第 4 项", "任务编号跳号：第 2 项之后应为 3，实为 4") in got
    assert ("numbering-gap", "三、", "部分编号跳号：“一、”之后应为“二”，实为“三”") in got
    assert ("numbering-repeat", "三、第 5 项", "任务编号重复：第 5 项之后应为 6，实为 5") in got


def test_mixed_marks_and_duplicate_titles() -> None:
    text = ("某局2026年意识形态工作要点\n一、深化理论武装\n1.健全制度。内容。\n2、开展研讨。内容。\n3.开展研讨。内容。\n"
            "4.加强培训。内容。\n")
    findings = check_draft(Draft(read_text(text)[0]))
    assert ("mark-mixed", "一、第 2 项") in [(f.code, f.where) for f in findings]
    assert [f.where for f in findings if f.code == "task-duplicate"] == ["一、第 3 项"]


def test_year_mismatch_and_stale_reference() -> None:
    text = ("市民政局2026年意识形态工作要点\n2025年，市民政局深入学习贯彻党的二十届三中全会精神。\n一、深化理论武装\n"
            "1.学习全会精神。深入学习二十届三中全会精神。\n")
    plan = read_text(text)[0]
    findings = check_draft(Draft(plan, context=load_context(2026)))
    assert [f.line for f in findings if f.code == "year-mismatch"] == [2]  # the preamble's line, not the title's
    stale = [f for f in findings if f.code == "stale-reference"]
    assert stale and all("二十届四中全会" in f.message for f in stale)


def test_section_sizes() -> None:
    text = "某局2026年意识形态工作要点\n" + "".join(
        f"{cn}、部分{cn}\n" + "".join(f"{n}.任务{n}。内容。\n" for n in nums)
        for cn, nums in [("一", [1, 2, 3, 4]), ("二", [5, 6, 7, 8]), ("三", [9]), ("四", [10, 11, 12, 13])])
    findings = check_draft(Draft(read_text(text)[0]))
    assert [(f.code, f.where) for f in findings if f.code == "section-size"] == [("section-size", "三、")]


def test_rendered_docx_passes_format_and_plain_docx_does_not(tmp_path: Path) -> None:
    plan = read_file(FIX / "reader" / "two_level_inline.txt")[0]
    good = tmp_path / "good.docx"
    good.write_bytes(render_docx(plan))
    fmt = [f for r in run_check(good) for f in r.findings if f.category == "format"]
    assert fmt == []
    plain = docx.Document()
    for line in (FIX / "reader" / "two_level_inline.txt").read_text(encoding="utf-8").splitlines():
        plain.add_paragraph(line)
    bad = tmp_path / "bad.docx"
    plain.save(str(bad))
    fmt = [f for r in run_check(bad) for f in r.findings if f.category == "format"]
    messages = " ".join(f.message for f in fmt)
    assert "上边距（天头）应为 37 毫米" in messages and "页脚没有页码" in messages
    assert "正文字体应为仿宋_GB2312" in messages and "字号应为 16 磅，实为 11 磅" in messages
    assert "实为主题字体（没有指定字体" in messages  # python-docx's default styles name no font, only the theme


def test_coverage_finds_missing_common_themes() -> None:
    text = ("某局2026年意识形态工作要点\n一、深化理论武装\n1.健全学习制度。内容。\n二、压实主体责任\n2.完善责任清单。内容。\n"
            "三、加强队伍建设\n3.开展业务培训。内容。\n")
    findings = check_draft(Draft(read_text(text)[0], schema=load_schema("ideology-work-points")), [check_coverage])
    missing = [f.message for f in findings if f.code == "theme-missing"]
    assert any("阵地管理与舆论引导" in m for m in missing)
    assert not any("理论武装" in m for m in missing)


SECTIONS = [("强化理论武装", ["健全学习制度", "抓好理论宣讲", "深化理论研究", "用好学习平台"]),
            ("压实主体责任", ["完善责任清单", "开展专项检查", "严格考核评价", "落实报告制度"]),
            ("加强阵地管理和舆论引导", ["管好网站平台", "做好正面宣传", "规范讲座论坛", "加强新闻发布"]),
            ("防范化解意识形态风险", ["开展风险研判", "做好舆情应对", "健全处置机制", "加强网络管理"]),
            ("加强意识形态队伍建设", ["开展业务培训", "选优配强队伍", "加强实践锻炼", "完善激励机制"])]
CLEAN = "市统计局2026年意识形态工作要点\n2026年，市统计局意识形态工作以习近平新时代中国特色社会主义思想为指导。\n" + "".join(
    f"{cn}、{title}\n" + "".join(f"{i * 4 + j + 1}.{t}。按要求认真落实。\n" for j, t in enumerate(tasks))
    for i, (cn, (title, tasks)) in enumerate(zip("一二三四五", SECTIONS, strict=True)))


def test_cli_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    code, out, _ = run_main(["check", str(clean)], capsys)
    assert code == 0 and "未发现问题" in out, out
    code, out, _ = run_main(["check", str(CORPUS / "002_1e272193fa1d76ea.txt")], capsys)
    assert code == 1 and "■ 遗留标记" in out and "起草遗留标记：“过渡句:" in out
    code, out, err = run_main(["check", str(FIX / "reader" / "no_numbering.txt")], capsys)
    assert code == 2 and err == f"错误：{FIX / 'reader' / 'no_numbering.txt'}: 未找到工作要点（没有可识别的一、/1. 编号结构）\n"


def test_cli_json() -> None:
    result = CliRunner().invoke(cli, ["check", "--json", str(CORPUS / "000_b56f89e36ee30dd6.txt")])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert len(doc["plans"]) == 10
    f = doc["plans"][0]["findings"][0]
    assert set(f) == {"code", "category", "severity", "message", "where", "line", "text"}
    assert {x["severity"] for p in doc["plans"] for x in p["findings"]} <= {s.value for s in Severity}


TEMPLATES = sorted(p.stem for p in (Path(__file__).parents[1] / "templates" / "departments").glob("*.yaml"))


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("year", [2024, 2025, 2026, 2027, 2028])
def test_nothing_false_on_clean_new_output(tmp_path: Path, template: str, year: int) -> None:
    from drafter.drafting import draft_plan

    detail = "full" if year % 2 else "hints"
    plan = draft_plan(template, org="市统计局" if template == "default" else None, year=year, detail=detail).plan
    path = tmp_path / "new.docx"
    path.write_bytes(render_docx(plan))
    findings = [f for r in run_check(path) for f in r.findings if f.severity is not Severity.INFO]
    # what a fresh outline legitimately carries: spots for the drafter to fill (and, as notes, the hints
    # and any reference the timeline cannot verify for a future year)
    assert {f.code for f in findings} <= {"placeholder"}, [f.message for f in findings]
    assert all("【" in f.text for f in findings), [f.text for f in findings]


def test_marker_style_changed_in_one_section_is_named_as_such() -> None:
    text = ("某局2026年意识形态工作要点\n一、深化理论武装\n（一）健全制度。内容。\n（二）开展研讨。内容。\n"
            "二、压实责任\n（三）落实清单。内容。\n（四）开展检查。内容。\n三、加强阵地管理\n1.管好网站。内容。\n2.做好应对。内容。\n")
    findings = check_draft(Draft(read_text(text)[0]))
    got = [(f.code, f.where, f.message) for f in findings if f.code.startswith(("numbering", "mark"))]
    assert got == [("numbering-style", "三、第 1 项", "任务编号样式不一致：其他部分用“（一）”，这一部分用“1.”")]


def test_numbering_scheme_mix_keeps_its_own_message() -> None:
    text = ("某局2026年意识形态工作要点\n一、深化理论武装\n1.健全制度。内容。\n2.开展研讨。内容。\n"
            "二、压实责任\n3.落实清单。内容。\n4.开展检查。内容。\n三、加强阵地管理\n1.管好网站。内容。\n2.做好应对。内容。\n"
            "四、加强队伍建设\n7.开展培训。内容。\n8.加强考核。内容。\n")
    findings = check_draft(Draft(read_text(text)[0]))
    mixed = [f.message for f in findings if f.code == "numbering-mixed"]
    assert mixed == ["任务编号方式不一致：多数部分全文连续编号，这一部分却各部分从 1 重新编号"]
    assert not [f for f in findings if f.code == "numbering-style"]

"""``drafter check``: a reviewer's report on a draft."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import click

from drafter.review.findings import CATEGORY_NAMES, SEVERITY_NAMES, Finding, Severity

SEVERITY_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


@click.command(short_help="检查草稿")
@click.argument("draft", type=click.Path(path_type=Path))
@click.option("--schema", "schema_id", metavar="ID", default="ideology-work-points", show_default=True,
              help="对照的结构库（schemas/ 下的 ID 或 YAML 文件路径）")
@click.option("--year", metavar="YEAR", type=click.IntRange(2000, 2100), help="草稿所属年度（默认取标题中的年度）")
@click.option("--style", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="格式检查所依据的样式文件（默认 GB/T 9704）")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出检查结果")
def check(draft: Path, schema_id: str, year: int | None, style: Path | None, as_json: bool) -> None:
    """检查草稿 DRAFT（.docx/.txt/.md）：缺少的常见主题、编号错误、各部分任务多少、
    对本年度已过时的会议和提法、标题与正文年度不一致、“过渡句：”、xx/【…】等遗留标记、
    重复的任务标题，以及 .docx 的字体字号、页边距和页码。

    退出码：0 没有问题；1 发现问题；2 无法读取草稿。DRAFT 为 - 时从标准输入读取。
    """
    from drafter.cli.stdin import input_path, shown
    from drafter.review.check import run_check

    with input_path(draft) as real:
        reports = run_check(real, schema_id=schema_id, year=year, style=style)
        name, docx = shown(draft, real), real.suffix.lower() == ".docx"
    if as_json:
        doc = {"file": name, "plans": [
            {"title": r.plan.label, "year": r.year, "findings": [_finding_dict(f) for f in r.findings]}
            for r in reports]}
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        unit = "段" if docx else "行"
        for r in reports:
            click.echo(_report_text(r.plan.label, r.year, r.findings, unit))
    counted = [f for r in reports for f in r.findings if f.severity is not Severity.INFO]
    click.get_current_context().exit(1 if counted else 0)


def _finding_dict(f: Finding) -> dict[str, object]:
    return {"code": f.code, "category": f.category, "severity": f.severity.value, "message": f.message,
            "where": f.where, "line": f.line, "text": f.text}


def _report_text(label: str, year: int | None, findings: list[Finding], unit: str) -> str:
    out = [click.style(f"检查：{label}" + (f"（{year} 年）" if year else ""), bold=True)]
    if not findings:
        out.append(click.style("  未发现问题。", fg="green"))
        return "\n".join(out)
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        groups[f.category].append(f)
    for category, name in CATEGORY_NAMES.items():
        items = groups.get(category)
        if not items:
            continue
        out.append(click.style(f"■ {name}（{len(items)}）", bold=True))
        for f in items:
            sev = click.style(f"[{SEVERITY_NAMES[f.severity]}]", fg=SEVERITY_COLOURS[f.severity])
            quoted = f"「{f.text}」" if f.text and f.text not in f.message else ""
            where = "".join(x for x in (f.where, f"（第 {f.line} {unit}）" if f.line else "", quoted) if x)
            out.append(f"  {sev} {where + '：' if where else ''}{f.message}")
    counts = {s: sum(f.severity is s for f in findings) for s in Severity}
    out.append("共 " + "，".join(f"{SEVERITY_NAMES[s]} {n} 项" for s, n in counts.items()) + "。")
    return "\n".join(out)

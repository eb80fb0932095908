"""drafter new: end-to-end cost against the cost of importing its libraries, in one run.

Usage: python bench/bench_new.py [--runs 7] [--plans 300]

Measures, each as the median wall time of fresh processes (after warm-up runs,
so Python's bytecode cache and drafter's cache folder (loaded templates and
schemas, the styled .docx base) are in place):

  import     python -c "import docx, jinja2, yaml, click"        (the yardstick)
  help       drafter --help
  new        drafter new --template civil-affairs --org 市民政局 --year 2026 (a .docx)
  new-100x   drafter new with a template 100 times larger (600 sections, 2,400 tasks)
  python-docx  a plain python-docx script writing the same plan (headings + paragraphs)
  docxtpl    docxtpl rendering the same plan into a .docx template with jinja loops

and, in one process on one core, how many plans per second render_docx turns
out (plans composed beforehand), and how many compose + render together.

Targets (issue 4): new ≤ 1.1 × import; new-100x ≤ 2.5 × import;
help ≤ 0.5 × import; ≥ 100 plans/s rendered.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY = sys.executable
DRAFTER = str(Path(PY).with_name("drafter"))

PLAIN_DOCX = r"""
import json, sys
import docx
from docx.shared import Pt
plan = json.load(open(sys.argv[1], encoding="utf-8"))
doc = docx.Document()
doc.add_heading(plan["title"], 0)
for para in plan["preamble"].split("\n"):
    if para:
        doc.add_paragraph(para)
cn = "一二三四五六七八九十"
for i, sec in enumerate(plan["sections"]):
    doc.add_heading(f"{cn[i % 10]}、{sec['title']}", 1)
    for t in sec["tasks"]:
        doc.add_paragraph(f"{t['number']}.{t['title']}")
        for h in t["hints"]:
            doc.add_paragraph("【参考】" + h).runs[0].font.size = Pt(14)
doc.save(sys.argv[2])
"""

DOCXTPL = r"""
import json, sys
from docxtpl import DocxTemplate
plan = json.load(open(sys.argv[1], encoding="utf-8"))
tpl = DocxTemplate(sys.argv[2])
tpl.render(plan)
tpl.save(sys.argv[3])
"""

DOCXTPL_TEMPLATE = r"""
import sys
import docx
doc = docx.Document()
doc.add_heading("{{ title }}", 0)
doc.add_paragraph("{{ preamble }}")
doc.add_paragraph("{%p for sec in sections %}")
doc.add_heading("{{ sec.title }}", 1)
doc.add_paragraph("{%p for t in sec.tasks %}")
doc.add_paragraph("{{ t.number }}.{{ t.title }}")
doc.add_paragraph("{%p for h in t.hints %}")
doc.add_paragraph("【参考】{{ h }}")
doc.add_paragraph("{%p endfor %}")
doc.add_paragraph("{%p endfor %}")
doc.add_paragraph("{%p endfor %}")
doc.save(sys.argv[1])
"""

IN_PROCESS = r"""
import json, os, sys, time
from drafter.drafting import Drafting, draft_plan
from drafter.render import render_docx
n = int(sys.argv[1])
templates = json.loads(sys.argv[2])
plans = [draft_plan(templates[i % len(templates)], org=f"市第{i}局", year=2026).plan for i in range(n)]
# One Drafting for the whole run, as batch keeps one per worker: templates, schema and year facts
# are loaded once. (draft_plan makes a fresh Drafting per call: one-shot use, as drafter new.)
drafting = Drafting()
drafting.draft(templates[0], "市第0局", 2026)
render_docx(plans[0])  # the styled base document is built once per process
t = time.perf_counter()
for p in plans:
    render_docx(p)
render = n / (time.perf_counter() - t)
t = time.perf_counter()
for i in range(n):
    render_docx(drafting.draft(templates[i % len(templates)], f"市第{i}局", 2026).plan)
both = n / (time.perf_counter() - t)
print(json.dumps({"render": render, "compose_render": both}))
"""

PHASES = r"""
import json, time
t0 = time.perf_counter()
import docx, jinja2, yaml, click
t1 = time.perf_counter()
import drafter.cli, drafter.drafting
t2 = time.perf_counter()
import drafter.render.docx
t3 = time.perf_counter()
from drafter.drafting import draft_plan
plan = draft_plan("civil-affairs", org="市民政局", year=2026).plan
t4 = time.perf_counter()
from drafter.style_spec import load_style
style = load_style(None)
t5 = time.perf_counter()
data = drafter.render.docx.render_docx(plan, style)
t6 = time.perf_counter()
print(json.dumps({"libraries (docx, jinja2, yaml, click)": t1 - t0, "drafter.cli + compose modules": t2 - t1,
                  "render modules": t3 - t2, "template + schema + context + compose": t4 - t3,
                  "load_style (built-in spec)": t5 - t4, "render_docx (first: base from cache)": t6 - t5}))
"""

TEMPLATES = ["default", "civil-affairs", "science", "industry-it", "veteran-cadres", "discipline",
             "organization", "staffing", "npc", "industrial-park", "work-committee", "government-office"]


def big_template(sections: int = 600, tasks: int = 4) -> str:
    """A department template 100 times the usual size (6 × 4 tasks → 600 × 4)."""
    lines = ["name: 大模板", "extends: civil-affairs", "themes:"]
    for s in range(sections):
        lines += [f"  - id: own-{s}", f"    heading: 第{s + 1}个方面的标题，{{{{ field }}}}领域的说法", "    tasks:"]
        for t in range(tasks):
            lines += [f"      - title: 第{s + 1}方面第{t + 1}项任务，推动{{{{ system }}}}工作落实",
                      f'        hints: [第{t + 1}条举措甲, 第{t + 1}条举措乙, "结合{{{{ org_short }}}}实际的举措"]']
    return "\n".join(lines) + "\n"


def timed(cmd: list[str], env: dict[str, str], cwd: Path, runs: int, warmup: int = 2) -> float:
    """Median wall time of ``runs`` fresh processes, after ``warmup`` untimed ones."""
    times = []
    for i in range(warmup + runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if i >= warmup:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--plans", type=int, default=300, help="plans rendered in the in-process measurement")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-new-"))
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPYCACHEPREFIX=str(work / "pyc"), DRAFTER_CACHE_DIR=str(work / "cache"),
               DRAFTER_TODAY="2026-03-01", OMP_NUM_THREADS="1")
    try:
        (work / "templates" / "departments").mkdir(parents=True)
        (work / "templates" / "departments" / "big.yaml").write_text(big_template(), encoding="utf-8")
        for name, code in (("plain_docx.py", PLAIN_DOCX), ("docxtpl_run.py", DOCXTPL),
                           ("docxtpl_make.py", DOCXTPL_TEMPLATE)):
            (work / name).write_text(code, encoding="utf-8")
        # the same plan for every competitor, as JSON
        dump = ("import json,sys; from drafter.drafting import draft_plan; from drafter.jsonio import plan_to_dict; "
                "p = draft_plan('civil-affairs', org='市民政局', year=2026).plan; "
                "json.dump(plan_to_dict(p), open(sys.argv[1], 'w', encoding='utf-8'), ensure_ascii=False)")
        subprocess.run([PY, "-c", dump, str(work / "plan.json")], env=env, cwd=work, check=True)
        subprocess.run([PY, str(work / "docxtpl_make.py"), str(work / "tpl.docx")], env=env, cwd=work, check=True)

        new = [DRAFTER, "new", "--template", "civil-affairs", "--org", "市民政局", "--year", "2026",
               "-o", "out.docx", "--force"]
        results = {
            "import": timed([PY, "-c", "import docx, jinja2, yaml, click"], env, work, args.runs),
            "help": timed([DRAFTER, "--help"], env, work, args.runs),
            "new": timed(new, env, work, args.runs),
            "new-100x": timed([DRAFTER, "new", "--template", "big", "-o", "big.docx", "--force"], env, work,
                              max(3, args.runs // 2)),
            "python-docx": timed([PY, str(work / "plain_docx.py"), str(work / "plan.json"), str(work / "p.docx")],
                                 env, work, args.runs),
            "docxtpl": timed([PY, str(work / "docxtpl_run.py"), str(work / "plan.json"), str(work / "tpl.docx"),
                              str(work / "t.docx")], env, work, args.runs),
        }
        phases: dict[str, list[float]] = {}
        for _ in range(args.runs):
            out = subprocess.run([PY, "-c", PHASES], env=env, cwd=work, check=True, capture_output=True, text=True)
            for name, seconds in json.loads(out.stdout).items():
                phases.setdefault(name, []).append(seconds)
        cold_env = {**env, "DRAFTER_NO_CACHE": "1"}
        results["new (DRAFTER_NO_CACHE)"] = timed(new, cold_env, work, max(3, args.runs // 2))
        rates = json.loads(subprocess.run(
            ["taskset", "-c", "0", PY, "-c", IN_PROCESS, str(args.plans), json.dumps(TEMPLATES)]
            if shutil.which("taskset") else [PY, "-c", IN_PROCESS, str(args.plans), json.dumps(TEMPLATES)],
            env=env, cwd=work, check=True, capture_output=True, text=True).stdout)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    base = results["import"]
    print(f"{'measure':<24}{'seconds':>10}{'× import':>10}  target")
    targets = {"help": "≤ 0.5", "new": "≤ 1.1", "new-100x": "≤ 2.5"}
    for name, seconds in results.items():
        print(f"{name:<24}{seconds:>10.3f}{seconds / base:>10.2f}  {targets.get(name, '')}")
    print(f"{'render_docx, 1 core':<24}{rates['render']:>10.0f} plans/s  (target ≥ 100)")
    print(f"{'compose + render, 1 core':<24}{rates['compose_render']:>10.0f} plans/s")
    print("\nwhere drafter new spends its time (one process, median ms):")
    for name, values in phases.items():
        print(f"  {name:<42}{statistics.median(values) * 1000:>8.1f}")


if __name__ == "__main__":
    main()

"""Hostile and broken input, one case of every class: each ends cleanly.

Every case runs ``python -m drafter`` in a fresh folder and asserts the exit
code, that stderr is one Chinese line with no traceback, and that nothing in
the folder was written, replaced or left behind (no temporary file). Cases
that must succeed say what they produce. The subprocess timeout is a safety
net against a hang, not a timed assertion.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest

ROOT = Path(__file__).resolve().parents[1]
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HAN = re.compile(r"[\u4e00-\u9fff]")


# --------------------------------------------------------------------------- building hostile files


def _docx_bytes(parts: dict[str, bytes | None] | None = None, paragraphs: tuple[str, ...] = ("市民政局2026年工作要点",)) \
        -> bytes:
    """A real .docx (python-docx) with ``parts`` replaced (None removes a part)."""
    doc = docx.Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    buffer = io.BytesIO()
    doc.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        for name in names:
            data = (parts or {}).get(name, src.read(name)) if name in (parts or {}) else src.read(name)
            if data is not None:
                dst.writestr(name, data)
        for name, data in (parts or {}).items():
            if name not in names and data is not None:
                dst.writestr(name, data)
    return out.getvalue()


def _document(body: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>{body}' \
           f"</w:body></w:document>".encode()


def _numbered(ilvl: str, start: str = "1", lvl_ilvl: str = "0") -> dict[str, bytes | None]:
    numbering = (f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">'
                 f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="{lvl_ilvl}"><w:start w:val="{start}"/>'
                 f'<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
                 f'<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>').encode()
    para = (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            f"<w:r><w:t>加强理论武装</w:t></w:r></w:p>")
    body = f"<w:p><w:r><w:t>市民政局2026年工作要点</w:t></w:r></w:p>{para * 3}"
    return {"word/document.xml": _document(body), "word/numbering.xml": numbering}


def _write(tmp: Path, name: str, data: bytes | str) -> Path:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def _fifo(tmp: Path, name: str) -> Path:
    path = tmp / name
    os.mkfifo(path)
    return path


def _deep_yaml(depth: int) -> str:
    return "org: " + "[" * depth + "]" * depth + "\n"


def _template(tmp: Path, name: str, heading: str) -> None:
    _write(tmp, f"templates/departments/{name}.yaml",
           f"name: 试验\nextends: default\nthemes:\n  - id: theory\n    heading: \"{heading}\"\n")


def _zip_bomb() -> bytes:
    """A reference whose styles part unpacks to 300 MB from a few hundred KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(_docx_bytes())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            if name == "word/styles.xml":
                with dst.open(zipfile.ZipInfo(name), "w") as f:
                    block = b" " * (1 << 20)
                    for _ in range(300):
                        f.write(block)
            else:
                dst.writestr(name, src.read(name))
    return out.getvalue()


# --------------------------------------------------------------------------- the table


@dataclass
class Case:
    """One hostile input: how to set it up, what drafter is asked, how it must end."""

    id: str
    setup: Callable[[Path], list[str]]
    code: int | tuple[int, ...] = 2
    error: str = ""  # a fragment the one stderr line must contain (errors only)
    ok: bool = False  # success: stderr may be empty, and files may be written
    env: dict[str, str] = field(default_factory=dict)
    check: Callable[[Path, str], None] | None = None


def _new(*args: str) -> list[str]:
    return ["new", "-t", "civil-affairs", "--year", "2026", *args]


CASES = [
    # --- the cache
    Case("cache-world-writable", lambda t: (os.makedirs(t / "shared-cache", exist_ok=True),
                                            os.chmod(t / "shared-cache", 0o777),
                                            _new("--org", "市民政局", "-o", "-", "--format", "txt"))[-1],
         code=0, ok=True, error="其他用户可以写入", env={"DRAFTER_CACHE_DIR": "{tmp}/shared-cache"},
         check=lambda t, out: None if not any((t / "shared-cache").iterdir()) else pytest.fail("cache used")),
    # --- values are text, templates are the sandbox's
    Case("value-is-not-a-template", lambda t: _new("--org", "{{ 7*7 }}局{#", "-o", "-", "--format", "txt"),
         code=0, ok=True, check=lambda t, out: None if out.startswith("{{ 7*7 }}局{#2026年") else pytest.fail(out)),
    Case("value-in-built-text-is-not-a-template",
         lambda t: (_write(t, "u.yaml", "- org: '{{ 7*7 }}局'\n  field: '{% if x %}民政{{ 7*7 }}'\n"),
                    ["batch", "u.yaml", "-o", "out", "--format", "txt", "--year", "2026"])[-1],
         code=0, ok=True,
         check=lambda t, out: None if "讲好{% if x %}民政{{ 7*7 }}发展故事" in next((t / "out").iterdir()).read_text(
             encoding="utf-8") else pytest.fail("value rendered")),
    Case("sandbox-format-width", lambda t: (_template(t, "bomb", "{{ '%*s' % (10**9, 'x') }}"),
                                            _new("-t", "bomb", "-o", "-", "--format", "txt"))[-1],
         error="格式宽度过大"),
    Case("sandbox-replace-bomb", lambda t: (_template(t, "bomb", "{{ ('x'*99999)|replace('x', 'y'*99999) }}"),
                                            _new("-t", "bomb", "-o", "-", "--format", "txt"))[-1],
         error="过长"),
    Case("sandbox-loop-without-calls",
         lambda t: (_template(t, "bomb", "{% for a in 'x'*99999 %}{% for b in 'x'*99999 %}{% endfor %}{% endfor %}"),
                    _new("-t", "bomb", "-o", "-", "--format", "txt"))[-1],
         error="超过上限"),
    # --- outputs
    Case("output-device", lambda t: _new("-o", "/dev/full", "--force"), error="不是普通文件",
         check=lambda t, out: None if stat.S_ISCHR(os.stat("/dev/full").st_mode) else pytest.fail("device replaced")),
    Case("output-fifo", lambda t: (_fifo(t, "out.docx"), _new("-o", "out.docx", "--force"))[-1], error="不是普通文件"),
    Case("output-name-300-chars", lambda t: _new("-o", "x" * 300 + ".docx"), error="文件名过长"),
    Case("output-org-90-han", lambda t: _new("--org", "民" * 90), error="文件名过长"),
    Case("output-245-bytes-accepted", lambda t: _new("-o", "y" * 240 + ".docx"), code=0, ok=True,
         check=lambda t, out: None if (t / ("y" * 240 + ".docx")).is_file() else pytest.fail("not written")),
    Case("template-set-builtin", lambda t: ["template", "set", "civil-affairs", "params.org", "某局"],
         error="drafter template new"),
    # --- batch
    Case("batch-two-units-one-file",
         lambda t: (_write(t, "u.yaml", "year: 2026\nunits:\n  - org: 市民政局\n  - org: 市民政局\n    year: 2026\n"
                                        "    template: default\n"),
                    ["batch", "u.yaml", "-o", "out"])[-1],
         error="同一个文件"),
    Case("batch-misspelt-parameter",
         lambda t: (_write(t, "u.yaml", "- org: 市民政局\n  template: civil-affairs\n  feild: 民政\n"),
                    ["batch", "u.yaml", "-o", "out", "--year", "2026"])[-1],
         code=1, ok=True, error="feild",
         check=lambda t, out: None if not list((t / "out").iterdir()) else pytest.fail("written")),
    Case("batch-stale-temp-cleaned",
         lambda t: (_write(t, "out/.drafter-999999999-abc.tmp", b"half"),
                    _write(t, "u.yaml", "- 市民政局\n"), ["batch", "u.yaml", "-o", "out", "--year", "2026"])[-1],
         code=0, ok=True,
         check=lambda t, out: None if [p.name for p in (t / "out").iterdir()] == ["市民政局2026年意识形态工作要点.docx"]
         else pytest.fail(str(list((t / "out").iterdir())))),
    # --- inputs: YAML
    Case("yaml-500-deep", lambda t: (_write(t, "p.yaml", _deep_yaml(500)), _new("--params", "p.yaml"))[-1],
         error="嵌套过深"),
    Case("yaml-python-tag", lambda t: (_write(t, "p.yaml", "org: !!python/name:os.system x\n"),
                                       _new("--params", "p.yaml"))[-1], error="不允许的标签"),
    Case("params-fifo", lambda t: (_fifo(t, "p.yaml"), _new("--params", "p.yaml"))[-1], error="不是普通文件"),
    Case("params-dev-zero", lambda t: _new("--params", "/dev/zero"), error="不是普通文件"),
    Case("template-file-fifo", lambda t: (_fifo(t, "t.yaml"), ["new", "-t", "t.yaml"])[-1], code=(2,),
         error="不是普通文件"),
    Case("unit-list-fifo", lambda t: (_fifo(t, "u.csv"), ["batch", "u.csv", "-o", "out"])[-1], error="不是普通文件"),
    Case("check-input-fifo", lambda t: (_fifo(t, "d.txt"), ["check", "d.txt"])[-1], error="不是普通文件"),
    # --- inputs: .docx
    Case("reference-dtd-entity",
         lambda t: (_write(t, "ref.docx", _docx_bytes({"word/styles.xml": (
             f'<?xml version="1.0"?><!DOCTYPE w:styles [<!ENTITY e "x">]><w:styles xmlns:w="{W_NS}">&e;'
             f"</w:styles>").encode()})), _new("--reference", "ref.docx"))[-1],
         error="DTD"),
    Case("reference-zip-bomb", lambda t: (_write(t, "ref.docx", _zip_bomb()), _new("--reference", "ref.docx"))[-1],
         error="拒绝读取"),
    Case("reference-without-sectpr",
         lambda t: (_write(t, "ref.docx", _docx_bytes({"word/document.xml": _document("<w:p/>")})),
                    _new("--reference", "ref.docx", "-o", "out.docx"))[-1],
         code=0, ok=True, check=lambda t, out: None if zipfile.is_zipfile(t / "out.docx") else pytest.fail("no docx")),
    Case("check-dtd", lambda t: (_write(t, "d.docx", _docx_bytes({"word/document.xml": (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>'
    ).encode()})), ["check", "d.docx"])[-1], error="DTD"),
    Case("check-ilvl-beyond-levels", lambda t: (_write(t, "d.docx", _docx_bytes(_numbered("7"))),
                                                ["check", "d.docx"])[-1], code=(0, 1, 2), ok=True),
    Case("check-ilvl-not-a-number", lambda t: (_write(t, "d.docx", _docx_bytes(_numbered("x"))),
                                               ["check", "d.docx"])[-1], code=(0, 1, 2), ok=True),
    Case("check-lvl-ilvl-huge", lambda t: (_write(t, "d.docx", _docx_bytes(_numbered("0", lvl_ilvl="99999"))),
                                           ["check", "d.docx"])[-1], code=(0, 1, 2), ok=True),
    Case("check-start-5000-digits", lambda t: (_write(t, "d.docx", _docx_bytes(_numbered("0", start="9" * 5000))),
                                               ["check", "d.docx"])[-1], code=(0, 1, 2), ok=True),
    Case("check-start-negative", lambda t: (_write(t, "d.docx", _docx_bytes(_numbered("0", start="-5"))),
                                            ["check", "d.docx"])[-1], code=(0, 1, 2), ok=True),
    Case("check-3000-nested-sdt", lambda t: (_write(t, "d.docx", _docx_bytes({"word/document.xml": _document(
        "<w:sdt><w:sdtContent>" * 3000 + "<w:p><w:r><w:t>市民政局2026年工作要点</w:t></w:r></w:p>"
        + "</w:sdtContent></w:sdt>" * 3000)})), ["inspect", "d.docx"])[-1], code=(0, 1, 2), ok=True),
    Case("check-size-not-a-number", lambda t: (_write(t, "d.docx", _docx_bytes({"word/document.xml": _document(
        '<w:p><w:r><w:rPr><w:sz w:val="big"/></w:rPr><w:t>市民政局2026年工作要点</w:t></w:r></w:p>'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>')})), ["check", "d.docx"])[-1],
         code=(0, 1, 2), ok=True),
    # --- import / mine
    Case("import-braces", lambda t: (_write(t, "in.txt", "市民政局2026年意识形态工作要点\n一、加强理论武装{{ x }}\n"
                                                          "1.抓好学习{% if %}。要{#坚持#}学习。\n2.推进{a}工作。落实。\n"
                                                          "二、强化阵地管理\n1.管好网站。落实。\n2.管好刊物。落实。\n"),
                                     ["import", "in.txt", "-o", "templates/departments/imp.yaml"])[-1],
         code=0, ok=True, check=lambda t, out: _usable(t, "imp", "加强理论武装{{ x }}")),
    Case("mine-no-plans-no-folder", lambda t: (os.makedirs(t / "corpus"), _write(t, "corpus/a.txt", "x\n"),
                                               ["mine", "corpus"])[-1],
         check=lambda t, out: None if not (t / "schemas").exists() else pytest.fail("schemas/ left behind")),
]


def _usable(tmp: Path, template: str, expected: str) -> None:
    run = _run(tmp, ["new", "-t", template, "--year", "2027", "-o", "-", "--format", "txt"], {})
    assert run.returncode == 0, run.stderr
    assert expected in run.stdout


def _run(tmp: Path, argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "DRAFTER_TODAY": "2026-03-01", "PYTHONPATH": str(ROOT),
            "DRAFTER_CACHE_DIR": str(tmp.parent / "cache"), "COLUMNS": "200"}
    full.update({k: v.replace("{tmp}", str(tmp)) for k, v in env.items()})
    return subprocess.run([sys.executable, "-m", "drafter", *argv], cwd=tmp, env=full, capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL, check=False)


def _snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    out: dict[str, tuple[int, str]] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            st = os.lstat(path)
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if stat.S_ISREG(st.st_mode) else ""
            out[str(path.relative_to(folder))] = (stat.S_IFMT(st.st_mode), digest)
    return out


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input_ends_cleanly(case: Case, tmp_path: Path) -> None:
    if case.id == "output-device" and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    work = tmp_path / "work"
    work.mkdir()
    argv = case.setup(work)
    before = _snapshot(work)
    run = _run(work, argv, case.env)
    codes = case.code if isinstance(case.code, tuple) else (case.code,)
    assert run.returncode in codes, (run.returncode, run.stderr)
    assert "Traceback" not in run.stderr and "Error:" not in run.stderr.replace("错误：", ""), run.stderr
    lines = [ln for ln in run.stderr.splitlines() if ln.strip()]
    if not case.ok:
        assert len(lines) == 1, run.stderr
    if case.error:
        assert any(case.error in ln for ln in lines), run.stderr
    for line in lines:
        assert _HAN.search(line), line
    after = _snapshot(work)
    assert not [n for n in after if Path(n).name.endswith(".tmp")], after
    if not case.ok:
        assert after == before, "nothing may be written, replaced or left behind"
    if case.check is not None:
        case.check(work, run.stdout)

"""Bad input across all commands: one Chinese line naming the file, exit ≠ 0, nothing written.

Each row: a name, files to create in an empty working folder, the command,
the exit code, and text the single error line must contain.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from drafter.cli import main

FIX = Path(__file__).parent / "fixtures"
PLAN = (FIX / "reader" / "two_level_inline.txt").read_text(encoding="utf-8")


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


BOMB = zip_bytes({"word/document.xml": b"<w:document>" + b" " * (70 * 1024 * 1024) + b"</w:document>"})
ALIAS_BOMB = "a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 9))
T = "templates/departments/"

# name, files, args, exit code, text in the error line
CASES: list[tuple[str, dict[str, str | bytes], list[str], int, str]] = [
    ("inspect: missing file", {}, ["inspect", "none.txt"], 2, "none.txt: 文件不存在"),
    ("inspect: empty file", {"e.txt": b""}, ["inspect", "e.txt"], 2, "e.txt: 文件是空的"),
    ("inspect: binary file", {"b.txt": bytes(range(256)) * 8}, ["inspect", "b.txt"], 2, "b.txt: 这不是文本文件"),
    ("inspect: jobs not a number", {}, ["inspect", "x.txt", "-j", "abc"], 2, "'abc' 不是有效的整数。"),
    ("mine: jobs out of range", {}, ["mine", "x", "-j", "0"], 2, "0 不在范围 1<=x<=256 内"),
    ("inspect: old Word file", {"a.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)}, ["inspect", "a.doc"], 2,
     "a.doc: 这是旧版 Word/WPS 文档（.doc/.wps），drafter 读不了：请在 Word 或 WPS 中另存为 .docx"),
    ("import: old Word file named .docx", {"a.docx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)},
     ["import", "a.docx", "-o", "t.yaml"], 2, "a.docx: 这是旧版 Word/WPS 文档"),
    ("check: PDF file", {"a.pdf": b"%PDF-1.7\n" + bytes(300)}, ["check", "a.pdf"], 2, "a.pdf: 这是 PDF 文件，drafter 读不了"),
    ("check: RTF file", {"a.txt": b"{\\rtf1\\ansi plan}"}, ["check", "a.txt"], 2, "a.txt: 这是 RTF 文档"),
    ("inspect: .docx not a zip", {"p.docx": PLAN.encode()}, ["inspect", "p.docx"], 2, "p.docx: 不是有效的 Word 文档"),
    ("inspect: zip not a docx", {"z.docx": zip_bytes({"a.txt": b"x"})}, ["inspect", "z.docx"], 2,
     "z.docx: 不是 Word 文档"),
    ("inspect: docx zip bomb", {"bomb.docx": BOMB}, ["inspect", "bomb.docx"], 2, "bomb.docx: Word 文档"),
    ("inspect: a folder that is a file's name", {"d": b"x"}, ["inspect", "d/x.txt"], 2, "d/x.txt: 文件不存在"),
    ("check: no numbering", {"n.txt": "没有编号的说明文字。\n".encode()}, ["check", "n.txt"], 2,
     "n.txt: 未找到工作要点"),
    ("check: unknown schema", {"p.txt": PLAN.encode()}, ["check", "p.txt", "--schema", "nope"], 2,
     "没有 id 为“nope”的结构库"),
    ("check: style file with unknown key", {"p.txt": PLAN.encode(), "s.yaml": b"pagee: {}\n"},
     ["check", "p.txt", "--style", "s.yaml"], 2, "s.yaml:1:1: 未知的键“pagee”"),
    ("import: several plans, no --plan", {"c.txt": (FIX / "reader" / "compilation.txt").read_bytes()},
     ["import", "c.txt", "-o", "t.yaml"], 2, "c.txt: 文件中有 2 篇工作要点"),
    ("import: a report, not a plan", {"r.txt": (FIX / "reader" / "report.txt").read_bytes()},
     ["import", "r.txt", "-o", "t.yaml"], 2, "r.txt: 这不是工作要点"),
    ("import: output folder is a file", {"p.txt": PLAN.encode(), "blocker": b""},
     ["import", "p.txt", "-o", "blocker/t.yaml"], 2, "blocker"),
    ("batch: missing list", {}, ["batch", "u.yaml", "-o", "out"], 2, "u.yaml: 找不到单位清单"),
    ("batch: YAML syntax error", {"u.yaml": b"units:\n  - org: [\n"}, ["batch", "u.yaml", "-o", "out"], 2,
     "u.yaml:2:10: YAML 格式错误：第 2 行的括号“[”没有配对"),
    ("batch: python object tag", {"u.yaml": b"- !!python/object/apply:os.system ['id']\n"},
     ["batch", "u.yaml", "-o", "out"], 2, "u.yaml:1: YAML 格式错误：不允许的标签"),
    ("batch: duplicate key", {"u.yaml": "- org: 市民政局\n  org: 市科技局\n".encode()},
     ["batch", "u.yaml", "-o", "out"], 2, "u.yaml:2: 键“org”重复出现"),
    ("batch: alias bomb", {"u.yaml": ALIAS_BOMB.encode()}, ["batch", "u.yaml", "-o", "out"], 2,
     "u.yaml:6: YAML 别名展开后过大"),
    ("batch: CSV without org column", {"u.csv": "名称,模板\n市民政局,default\n".encode()},
     ["batch", "u.csv", "-o", "out"], 2, "u.csv:1: CSV 第一行应为列名"),
    ("batch: bad year", {"u.yaml": "- org: 市民政局\n  year: 明年\n".encode()}, ["batch", "u.yaml", "-o", "out"], 2,
     "u.yaml:1: 年度“明年”无效"),
    ("batch: output is a file", {"u.yaml": "- 市民政局\n".encode(), "out": b""}, ["batch", "u.yaml", "-o", "out"], 2,
     "out: 输出位置不是文件夹"),
    ("new: unknown template", {}, ["new", "--template", "nope", "-o", "a.docx"], 2, "找不到部门模板“nope”"),
    ("new: invalid YAML", {T + "bad.yaml": b"name: s\nextends: default\n  x: [\n"},
     ["new", "--template", "bad", "-o", "a.docx"], 2, "bad.yaml:3:4: YAML 格式错误：缩进不对"),
    ("new: unknown key", {T + "typo.yaml": b"name: x\nextends: default\nthemse: []\n"},
     ["new", "--template", "typo", "-o", "a.docx"], 2, "typo.yaml:3:1: 未知的键“themse”，是不是“themes”？"),
    ("new: extends cycle", {T + "a.yaml": b"name: a\nextends: b\n", T + "b.yaml": b"name: b\nextends: a\n"},
     ["new", "--template", "a", "-o", "a.docx"], 2, "extends 形成循环"),
    ("new: undefined variable", {T + "u.yaml": b'name: u\nextends: default\npreamble: "{{ no_such }}"\n'},
     ["new", "--template", "u", "--detail", "full", "-o", "a.docx"], 2, "u.yaml:3: 模板变量“no_such”未定义"),
    ("new: attribute walking", {T + "i.yaml": b'name: i\nextends: default\npreamble: "{{ cycler.__init__.__globals__ }}"\n'},
     ["new", "--template", "i", "--detail", "full", "-o", "a.docx"], 2, "i.yaml:3: 模板中有不允许的操作"),
    ("new: huge loop", {T + "r.yaml": b'name: r\nextends: default\npreamble: "{% for i in range(10**9) %}x{% endfor %}"\n'},
     ["new", "--template", "r", "--detail", "full", "-o", "a.docx"], 2, "r.yaml:3: 模板中有不允许的操作"),
    ("new: existing output", {"a.docx": b"old"}, ["new", "-o", "a.docx"], 2, "a.docx: 文件已存在"),
    ("new: unwritable folder", {"blocker": b""}, ["new", "-o", "blocker/a.docx"], 2, "blocker"),
    ("new: bad params file", {"p.yaml": b"org: [unclosed\n"}, ["new", "--params", "p.yaml", "-o", "a.docx"], 2,
     "p.yaml:"),
    ("mine: nothing to mine", {"n.txt": "没有编号的说明文字。\n".encode()}, ["mine", "n.txt", "-o", "s.yaml"], 2,
     "没有找到任何工作要点"),
    ("mine: only reports", {"r.txt": (FIX / "reader" / "report.txt").read_bytes()}, ["mine", "r.txt", "-o", "s.yaml"], 2,
     "工作要点"),
    ("mine: unwritable output", {"p.txt": PLAN.encode(), "blocker": b""}, ["mine", "p.txt", "-o", "blocker/s.yaml"], 2,
     "blocker"),
    ("schema show: unknown id", {}, ["schema", "show", "nope"], 2, "没有 id 为“nope”的结构库"),
    ("cli: unknown option", {}, ["new", "--bogus"], 2, "没有选项 --bogus"),
    ("cli: missing argument", {}, ["batch"], 2, "缺少参数 'UNITS'"),
    ("cli: unknown command", {}, ["nocmd"], 2, "没有命令 'nocmd'"),
]


def listing(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("name", "files", "args", "code", "text"), CASES, ids=[c[0] for c in CASES])
def test_bad_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                   name: str, files: dict[str, str | bytes], args: list[str], code: int, text: str) -> None:
    for rel, data in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    monkeypatch.chdir(tmp_path)
    before = listing(tmp_path)
    with pytest.raises(SystemExit) as info:
        main(args)
    _, err = capsys.readouterr()
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert info.value.code == code, err
    assert len(lines) == 1 and lines[0].startswith("错误：") and text in lines[0], err
    assert "Traceback" not in err
    assert listing(tmp_path) == before, "nothing may be written"
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".") and p.endswith(".tmp")]


def test_at_least_25_distinct_bad_inputs() -> None:
    assert len({c[0] for c in CASES}) == len(CASES) >= 25
    assert {c[2][0] for c in CASES} >= {"inspect", "check", "import", "batch", "new", "mine", "schema"}

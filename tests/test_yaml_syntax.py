"""An editor's YAML slips, reported in Chinese with file:line:column and what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run_main

HEAD = "name: 测试\nextends: default\n"

CASES = [
    ("tab", HEAD + "params:\n\torg: 市民政局\n", "4:1", "制表符（Tab）"),
    ("tab after spaces", HEAD + "params:\n  org: 市民政局\n \tfield: 民政\n", "5:2", "制表符（Tab）"),
    ("indented too far", HEAD + "params:\n  org: 市民政局\n    field: 民政\n", "5:", "比上一行多缩进"),
    ("indented too little", HEAD + "params:\n    org: 市民政局\n  field: 民政\n", "5:", "缩进不对"),
    ("missing dash in a list of mappings",
     HEAD + "themes:\n  - id: theory\n    heading: 理论武装\n  id: position\n", "6:3", "缺少开头的“- ”"),
    ("missing dash in a list of words",
     HEAD + "params:\n  field_words:\n    - 民政\n    救助\n  org: x\n", "6:", "缺少开头的“- ”"),
    ("unclosed double quote", HEAD + 'params:\n  org: "市民政局\n  field: 民政\n', "4:8", '引号 " 没有配对'),
    ("unclosed single quote", HEAD + "params:\n  org: '市民政局\n", "4:8", "引号 ' 没有配对"),
    ("jinja value without quotes", HEAD + "preamble: {{ org }}的工作\n", "3:", "以 {{ 开头的值"),
    ("full-width colon", HEAD + "params：\n  org: 市民政局\n", "3:7", "全角冒号"),
    ("colon inside a value", HEAD + "description: 说明: 内容\n", "3:", "值中含有“: ”"),
    ("unclosed bracket", HEAD + "params:\n  field_words: [民政, 救助\n", "4:16", "括号“[”没有配对"),
    ("value starting with @", HEAD + "description: @民政\n", "3:14", "不能以“@”开头"),
    ("value starting with *", HEAD + "description: *民政\n", "3:", "当作 YAML 别名"),
]


@pytest.mark.parametrize(("name", "text", "where", "said"), CASES, ids=[c[0] for c in CASES])
def test_yaml_slip_is_explained(name: str, text: str, where: str, said: str, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, err = run_main(["template", "validate", str(path)], capsys)
    first = err.splitlines()[0]
    assert code == 2
    assert first.startswith(f"错误：{path}:{where}"), first
    assert "YAML 格式错误：" in first and said in first, first
    assert not any(word in first for word in ("expected", "found", "while", "scanning")), first


TEXT_CASES = [
    ("full-width braces", HEAD + "preamble: 结合｛｛ org_short ｝｝实际，制定本要点。\n", "3:13",
     "全角的花括号或百分号“｛｛”", "半角“{{”"),
    ("half full-width braces", HEAD + "preamble: 结合{{ org_short ｝｝实际。\n", "3:", "“｝｝”", "半角“}}”"),
    ("typo of a built-in parameter", HEAD + "params:\n  org: 市测试局\n  field_word: [测试]\n", "5:3",
     "未知的参数“field_word”，是不是“field_words”？", ""),
    ("typo of a key", HEAD + "layout:\n  numbring: restart\n", "4:3", "未知的键“layout.numbring”，是不是“numbering”？", ""),
    ("typo of a key in a theme", HEAD + "themes:\n  - id: theory\n    headng: 理论\n", "5:5",
     "未知的键“themes[0].headng”，是不是“heading”？", ""),
    ("unclosed if", HEAD + 'preamble: "{% if plan_period %}{{ plan_period }}。"\n', "3:",
     "{% if %} 没有结束：缺少 {% endif %}", "（键 preamble）"),
    ("unclosed print", HEAD + 'preamble: "{{ org 的工作"\n', "3:", "模板语法错误：", "}}"),
    ("text inside braces", HEAD + 'preamble: "{{ org 工作 }}"\n', "3:", "模板语法错误：", "文字写在括号外"),
    ("unknown tag", HEAD + 'preamble: "{% iff year %}x{% endif %}"\n', "3:", "不认识的标签 {% iff %}", ""),
]


@pytest.mark.parametrize(("name", "text", "where", "said", "also"), TEXT_CASES, ids=[c[0] for c in TEXT_CASES])
def test_template_text_slip_is_explained(name: str, text: str, where: str, said: str, also: str, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    code, _, err = run_main(["template", "validate", str(path)], capsys)
    first = err.splitlines()[0]
    assert code == 2
    assert first.startswith(f"错误：{path}:{where}"), first
    assert said in first and also in first, first
    assert not any(word in first for word in ("expected", "unexpected", "Encountered")), first


def test_undefined_variable_lists_every_name_documented_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "t.yaml"
    path.write_text(HEAD + "params:\n  hotline: 12345\npreamble: 为贯彻{{ plenm }}精神。\n", encoding="utf-8")
    code, _, err = run_main(["template", "validate", str(path)], capsys)
    first = err.splitlines()[0]
    assert code == 2 and first.startswith(f"错误：{path}:5: 模板变量“plenm”未定义，是不是“plenum”？")
    names = first.split("可用的变量：")[1].split("（键")[0].split("、")
    assert names[:4] == ["org", "org_short", "field", "field_words"]
    for wanted in ("year", "next_year", "plan_period", "congress", "plenum", "latest_plenum", "placeholder", "hotline"):
        assert wanted in names
    assert names.index("placeholder") < names.index("hotline")  # documented ones first
    for internal in ("ctx", "fallback", "plans", "source_year"):
        assert internal not in names


def test_built_in_templates_have_no_slips(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run_main(["template", "validate"], capsys)
    assert code == 0, err

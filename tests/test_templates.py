from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest

from drafter.errors import InputError, SchemaError, TemplateError
from drafter.model import TaskNumbering
from drafter.resources import bundled_dir
from drafter.templates import (
    DEFAULT_SCHEMA,
    find_template,
    jsonschema_faults,
    list_templates,
    load_chain,
    load_template_file,
    merge,
    plain,
    resolve_template,
)

SHIPPED = ["default", "civil-affairs", "science", "industry-it", "veteran-cadres", "discipline", "government-office",
           "organization", "staffing", "npc", "industrial-park", "work-committee"]

@pytest.fixture(autouse=True)
def _private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))



@pytest.fixture
def local(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with its own templates/departments/, searched before the built-in one."""
    folder = tmp_path / "templates" / "departments"
    folder.mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return folder


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def test_shipped_templates_are_listed_with_names() -> None:
    infos = {i.id: i for i in list_templates()}
    assert set(SHIPPED) <= set(infos)
    assert next(iter(infos)) == "default"
    assert infos["civil-affairs"].name == "民政部门" and infos["civil-affairs"].extends == "default"
    assert not [i.id for i in infos.values() if i.problem]


@pytest.mark.parametrize("tid", SHIPPED)
def test_shipped_templates_valid_against_published_json_schema(tid: str) -> None:
    tf = load_template_file(find_template(tid))
    assert jsonschema_faults(tf) == []
    resolved = resolve_template(tid)
    assert resolved.chain[-1] == DEFAULT_SCHEMA
    assert resolved.name and resolved.description


def test_json_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json.loads((bundled_dir("templates") / "departments" / "department.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)


def test_civil_affairs_resolves_over_default() -> None:
    t = resolve_template("civil-affairs")
    assert t.chain == ["civil-affairs", "default", DEFAULT_SCHEMA]
    assert t.params["org"] == "市民政局" and t.params["superior"] == "中央和省委、市委"  # inherited
    assert t.themes is not None and [x.id for x in t.themes][:2] == ["theory", "positions"]
    assert t.layout.tasks_per_section == 4 and t.back[0].heading == "工作要求"
    assert "民政" in t.exclude_words  # inherited; the department's own words lift it when composing


def test_strings_remember_file_and_line(local: Path) -> None:
    path = write(local, "x", """
        name: 测试
        extends: default
        preamble: |
          第一段。
          第二段。
        themes:
          - id: theory
            heading: 标题
        """)
    tf = load_template_file(path)
    assert tf.data["preamble"].origin.line == 4  # block scalar: text starts below "|"
    heading = tf.data["themes"][0]["heading"]
    assert (heading.origin.path, heading.origin.line, heading.origin.key) == (str(path), 8, "themes[0].heading")


@pytest.mark.parametrize(("text", "line", "words"), [
    ("name: a\nthemse: []\n", 2, ["themse", "themes"]),
    ("name: a\nlayout:\n  numbering: cont\n", 3, ["numbering", "continuous"]),
    ("name: a\nlayout:\n  sections: six\n", 3, ["整数"]),
    ("name: a\nthemes:\n  - id: theory\n    headng: x\n", 4, ["headng", "heading"]),
    ("name: a\nthemes:\n  - heading: x\n", 3, ["缺少必填的键“id”"]),
    ("name: a\nname: b\n", 2, ["重复"]),
    ("name: a\n  b: [\n", 2, ["YAML"]),
    ("- a\n- b\n", 1, ["键值映射"]),
    ("name: ''\n", 1, ["不能为空"]),
])
def test_invalid_files_name_the_line(local: Path, text: str, line: int, words: list[str]) -> None:
    path = local / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_template_file(path)
    assert info.value.path == str(path) and info.value.line == line
    assert all(w in info.value.message for w in words), info.value.message


def test_mini_validator_agrees_with_jsonschema_on_valid_shapes(local: Path) -> None:
    path = write(local, "ok", """
        name: 全键
        description: 说明
        extends: default
        title: "{{ org }}{{ year }}年{{ genre }}"
        params: {org: 市审计局, field: 审计, field_words: [审计], extra: 1, empty: null}
        layout: {sections: 5, tasks_per_section: 3, hints_per_task: 2, numbering: restart,
                 heading_form: short, tasks_heading: 重点任务}
        exclude_words: [民政]
        themes:
          - theory
          - id: duty
            heading: 标题
            intro: 引导段
            count: 3
            tasks: [duty-1, {title: 新任务, hints: [甲], add_hints: [乙], body: 正文}]
            add: [{title: 追加, after: duty-1}]
            drop: [duty-2]
            rename: {duty-3: 新名}
            order: [duty-3]
        drop_themes: [risk]
        preamble: 开头。
        front: [{kind: guiding, heading: 指导思想, text: 正文}]
        back: [{heading: 工作要求, item_level: 3, items: [{title: 加强领导, text: 正文}]}]
        task_body: "{{ placeholder('x') }}"
        style: gbt9704
        """)
    tf = load_template_file(path)
    assert jsonschema_faults(tf) == []


def test_unknown_template_lists_known_ones() -> None:
    with pytest.raises(TemplateError) as info:
        find_template("civil-afairs")
    assert "civil-affairs" in str(info.value) and "default" in str(info.value)
    with pytest.raises(InputError):
        find_template("no/such/file.yaml")


def test_extends_cycle_is_reported_at_the_extends_line(local: Path) -> None:
    write(local, "a", "name: A\nextends: b\n")
    write(local, "b", "name: B\nextends: a\n")
    with pytest.raises(TemplateError) as info:
        resolve_template("a")
    assert "循环" in info.value.message and "a → b → a" in info.value.message
    assert info.value.path is not None and info.value.path.endswith("b.yaml") and info.value.line == 2


def test_unknown_base_suggests_near_name(local: Path) -> None:
    path = write(local, "a", "name: A\nextends: defualt\n")
    with pytest.raises(TemplateError) as info:
        resolve_template("a")
    assert info.value.path == str(path) and info.value.line == 2 and "default" in info.value.message


def test_three_level_chain_merges(local: Path) -> None:
    write(local, "base", """
        name: 基础
        extends: default
        params: {org: 市某局, field: 某}
        exclude_words: [甲]
        layout: {numbering: restart}
        themes:
          - id: theory
            heading: 基础标题
            drop: [theory-1]
            add: [{title: 基础任务}]
          - duty
        """)
    write(local, "mid", """
        name: 中间
        extends: base
        params: {field: 中}
        exclude_words: [乙]
        themes:
          - id: duty
          - id: theory
            drop: [theory-2]
            add: [{title: 中间任务}]
        """)
    write(local, "top", "name: 顶层\nextends: mid\ndrop_themes: [duty]\n")
    t = resolve_template("top")
    assert t.chain == ["top", "mid", "base", "default", DEFAULT_SCHEMA]
    assert t.params["org"] == "市某局" and t.params["field"] == "中"
    assert t.exclude_words[-2:] == ["甲", "乙"] and "民政" in t.exclude_words
    assert t.layout.numbering is TaskNumbering.RESTART
    assert t.themes is not None and [x.id for x in t.themes] == ["duty", "theory"]
    theory = t.themes[1]
    assert theory.heading == "基础标题" and theory.drop == ["theory-1", "theory-2"]
    assert [a.title for a in theory.add] == ["基础任务", "中间任务"]
    assert t.drop_themes == ["duty"] and t.name == "顶层"


def test_local_template_may_extend_the_builtin_of_the_same_id(local: Path) -> None:
    write(local, "default", "name: 本单位通用\nextends: default\nparams: {org: 市统计局}\n")
    t = resolve_template("default")
    assert t.chain == ["default", "default", DEFAULT_SCHEMA]
    assert t.params["org"] == "市统计局" and t.back  # the built-in default's closing part is inherited
    assert load_chain("default")[0].path.parent == local


def test_merge_rules() -> None:
    base = {"extends": "x", "params": {"a": 1, "b": 2}, "exclude_words": ["p"], "front": [{"heading": "一"}]}
    over = {"params": {"b": 3}, "exclude_words": ["p", "q"], "front": [{"heading": "二"}]}
    assert merge(base, over) == {"params": {"a": 1, "b": 3}, "exclude_words": ["p", "q"],
                                 "front": [{"heading": "二"}]}


def test_style_by_name_or_missing(local: Path) -> None:
    write(local, "s", "name: S\nstyle: gbt9704\n")
    style = resolve_template("s").style
    assert style is not None and style.name == "gbt9704.yaml"
    write(local, "t", "name: T\nstyle: nosuchstyle\n")
    with pytest.raises(TemplateError) as info:
        resolve_template("t")
    assert info.value.line == 2


def test_plain_strips_source_text(local: Path) -> None:
    tf = load_template_file(write(local, "p", "name: P\nthemes: [theory]\n"))
    data = plain(tf.data)
    assert type(data["name"]) is str and type(data["themes"][0]) is str


def test_cache_notices_a_rewrite_and_survives_a_broken_entry(local: Path, tmp_path: Path) -> None:
    path = write(local, "c", "name: 甲\n")
    assert load_template_file(path).data["name"] == "甲"
    assert list((tmp_path / "cache").glob("template-*.json"))
    path.write_text("name: 乙\n", encoding="utf-8")  # same size, written at once
    assert load_template_file(path).data["name"] == "乙"
    for entry in (tmp_path / "cache").glob("template-*.json"):
        entry.write_bytes(b"not an entry")
    tf = load_template_file(path)
    assert tf.data["name"] == "乙" and tf.data["name"].origin.line == 1
    assert tf.line(["name"]) == 1


def test_cached_file_still_reports_lines(local: Path) -> None:
    write(local, "a", "name: A\nextends: b\n")
    write(local, "b", "name: B\nextends: a\n")
    for _ in range(2):  # the second time from the cache, without a node tree
        with pytest.raises(TemplateError) as info:
            resolve_template("a")
        assert info.value.line == 2


def test_no_cache(local: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    load_template_file(write(local, "n", "name: N\n"))
    assert not (tmp_path / "cache").exists()

"""Schema files: dump, load, validate with lines, find by id, write safely."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from drafter.corpus.reader import read_paths
from drafter.errors import OutputError, SchemaError
from drafter.mining import mine
from drafter.resources import bundled_dir
from drafter.schema import Schema
from drafter.schema_io import dump_schema, list_schemas, load_schema, parse_source, source_text, write_schema

HERE = Path(__file__).parent
CORPUS = HERE / "fixtures" / "corpus"
SHIPPED = bundled_dir("schemas") / "ideology-work-points.yaml"


@pytest.fixture(scope="module")
def schema() -> Schema:
    return mine(read_paths([CORPUS]).plans, schema_id="ideology-work-points",
                command="drafter mine ../shared/corpus -o schemas/ideology-work-points.yaml")


def test_dump_then_load_gives_the_same_schema(schema: Schema, tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(dump_schema(schema), encoding="utf-8")
    assert load_schema(path) == schema


def test_dump_is_readable_yaml_with_header(schema: Schema) -> None:
    text = dump_schema(schema)
    assert text.startswith("# yaml-language-server: $schema=schema.schema.json\n")
    assert "# 重新生成：drafter mine ../shared/corpus -o schemas/ideology-work-points.yaml" in text
    assert "support: 13/13" in text and "- {text: 深化理论武装, count: 3, form: short}" in text
    data = yaml.safe_load(text)
    assert list(data)[:5] == ["id", "title", "genre", "version", "plans_mined"]
    assert data["themes"][0]["patterns"][0]["id"] == "theory-1"


def test_dump_validates_against_the_published_json_schema(schema: Schema) -> None:
    published = json.loads((bundled_dir("schemas") / "schema.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(published)
    jsonschema.validate(yaml.safe_load(dump_schema(schema)), published)


def test_shipped_schema_is_up_to_date(schema: Schema) -> None:
    assert SHIPPED.read_text(encoding="utf-8") == dump_schema(schema)


def test_load_by_id_and_list(tmp_path: Path) -> None:
    assert load_schema("ideology-work-points").plans_mined == 13
    entries = list_schemas(tmp_path)
    assert [e.id for e in entries] == ["ideology-work-points"] and entries[0].builtin


def test_local_schema_hides_builtin(tmp_path: Path, schema: Schema) -> None:
    local = tmp_path / "schemas"
    local.mkdir()
    (local / "ideology-work-points.yaml").write_text(dump_schema(schema).replace("plans_mined: 13", "plans_mined: 14"),
                                                     encoding="utf-8")
    entries = list_schemas(tmp_path)
    assert len(entries) == 1 and not entries[0].builtin and entries[0].path.parent == local
    assert load_schema("ideology-work-points", tmp_path).plans_mined == 14


def test_unknown_id_lists_known_ids(tmp_path: Path) -> None:
    with pytest.raises(SchemaError) as info:
        load_schema("no-such", tmp_path)
    assert str(info.value) == "没有 id 为“no-such”的结构库；已有：ideology-work-points"


def _broken(tmp_path: Path, schema: Schema, old: str, new: str) -> Path:
    text = dump_schema(schema)
    assert old in text
    path = tmp_path / "bad.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, ln in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in ln)


@pytest.mark.parametrize(("old", "new", "needle", "message"), [
    ("    support: 13/13\n", "    support: 十三\n", "support: 十三", "“themes[0].support”的写法不对"),
    ("    label: 理论武装\n", "    lable: 理论武装\n", "lable:", "未知的键“themes[0].lable”，是不是“label”？"),
    ("plans_mined: 13\n", "plans_mined: many\n", "plans_mined: many", "“plans_mined”应为整数"),
    ("    position: 1.0\n", "", "- id: theory", "“themes[0]”缺少必填的键“position”"),
])
def test_invalid_shape_names_file_and_line(tmp_path: Path, schema: Schema, old: str, new: str, needle: str,
                                           message: str) -> None:
    path = _broken(tmp_path, schema, old, new)
    with pytest.raises(SchemaError) as info:
        load_schema(path)
    err = info.value
    assert err.path == str(path) and err.line == _line_of(path, needle)
    assert message in err.message


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\nthemes: [\n  - a\n", encoding="utf-8")
    with pytest.raises(SchemaError) as info:
        load_schema(path)
    assert info.value.line is not None and "YAML 格式错误" in info.value.message


def test_bad_source_is_reported(tmp_path: Path, schema: Schema) -> None:
    path = _broken(tmp_path, schema, "000_b56f89e36ee30dd6.txt#7 一 L198", "somewhere")
    with pytest.raises(SchemaError) as info:
        load_schema(path)
    assert info.value.line == _line_of(path, "somewhere")


def test_source_text_round_trip() -> None:
    s = parse_source("my corpus/plan 1.txt#3 三/9 L420")
    assert (s.file, s.plan, s.ref, s.line) == ("my corpus/plan 1.txt", "my corpus/plan 1.txt#3", "三/9", 420)
    assert source_text(s) == "my corpus/plan 1.txt#3 三/9 L420"
    assert parse_source("a.txt#1 一").line is None


def test_write_replaces_a_schema_but_not_other_files(tmp_path: Path, schema: Schema) -> None:
    path = tmp_path / "s.yaml"
    write_schema(schema, path)
    write_schema(schema, path)  # regenerate: a schema may be replaced
    other = tmp_path / "notes.yaml"
    other.write_text("我的笔记\n", encoding="utf-8")
    with pytest.raises(OutputError, match="--force"):
        write_schema(schema, other)
    assert other.read_text(encoding="utf-8") == "我的笔记\n"
    write_schema(schema, other, force=True)
    assert load_schema(other) == schema


def test_write_to_unwritable_place_leaves_nothing(tmp_path: Path, schema: Schema) -> None:
    # a "folder" that is a regular file takes no files, not even root's
    blocker = tmp_path / "blocker"
    blocker.write_bytes(b"")
    with pytest.raises(OutputError):
        write_schema(schema, blocker / "s.yaml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker"]

"""YAML that people edit: safe, bounded, and every fault located."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter import yamlio
from drafter.errors import SchemaError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_python_object_tags_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\nb: !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(SchemaError) as info:
        yamlio.load(path)
    assert info.value.line == 2
    assert "不允许的标签" in info.value.message


def test_duplicate_keys_reported_with_line(tmp_path: Path) -> None:
    path = write(tmp_path, "org: 市民政局\nyear: 2026\norg: 市科技局\n")
    with pytest.raises(SchemaError) as info:
        yamlio.load(path)
    assert str(info.value) == f"{path}:3: 键“org”重复出现"


def test_alias_bomb_bounded(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    path = write(tmp_path, "\n".join(lines) + "\n")
    with pytest.raises(SchemaError, match="别名展开后过大"):
        yamlio.load(path)


def test_syntax_error_located(tmp_path: Path) -> None:
    path = write(tmp_path, "a: 1\nb: [1, 2\nc: 3\n")
    with pytest.raises(SchemaError) as info:
        yamlio.load(path)
    assert info.value.line is not None and info.value.message.startswith("YAML 格式错误")


def test_unknown_key_suggests_near_one(tmp_path: Path) -> None:
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"type": "object", "additionalProperties": False,
                                  "properties": {"extends": {"type": "string"}, "themes": {"type": "array"}}}))
    path = write(tmp_path, "extends: default\nthemse: []\n")
    with pytest.raises(SchemaError) as info:
        yamlio.validate(yamlio.load(path), schema)
    assert str(info.value) == f"{path}:2:1: 未知的键“themse”，是不是“themes”？"


def test_type_fault_located(tmp_path: Path) -> None:
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"type": "object", "properties": {"year": {"type": "integer"}}}))
    path = write(tmp_path, "# 注释\nyear: 明年\n")
    with pytest.raises(SchemaError) as info:
        yamlio.validate(yamlio.load(path), schema)
    assert str(info.value) == f"{path}:2:7: “year”应为整数，实为 '明年'"


def test_empty_and_missing(tmp_path: Path) -> None:
    with pytest.raises(SchemaError, match="为空"):
        yamlio.load(write(tmp_path, "# only a comment\n"))
    with pytest.raises(Exception, match="找不到"):
        yamlio.load(tmp_path / "none.yaml")

"""Slips an editor makes in a template that YAML and the JSON Schema let through.

- full-width braces ``｛｛ org ｝｝`` (typed with a Chinese input method) would
  be printed as they are instead of the unit's name;
- a parameter name one letter off a built-in one (``field_word:`` for
  ``field_words``) would silently leave the built-in unset.

:func:`check_template_node` raises :class:`~drafter.errors.SchemaError` at
the line and column of the first such slip, with what was meant.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import yaml

from drafter.errors import SchemaError

#: Jinja's delimiters typed full-width, or half of a pair full-width.
FULL_WIDTH_BRACES = re.compile(r"｛\s*[｛{]|[{｛]\s*｛|｝\s*[｝}]|[}｝]\s*｝|[{｛]\s*[%％]|[%％]\s*[}｝]")
_HALF = str.maketrans("｛｝％", "{}%")


def check_template_node(node: yaml.Node, path: Path, builtin_params: list[str]) -> None:
    """Refuse full-width jinja braces anywhere and a parameter name that is a typo of a built-in one."""
    for scalar in _scalars(node):
        match = FULL_WIDTH_BRACES.search(scalar.value)
        if match and any(ch in match.group() for ch in "｛｝％"):
            line, column = _position(scalar, match.start())
            fixed = match.group().translate(_HALF)
            raise SchemaError(f"模板文字中有全角的花括号或百分号“{match.group()}”，jinja 不认；请改为半角“{fixed}”",
                              path, line, column)
    _check_param_names(node, path, builtin_params)


def _check_param_names(root: yaml.Node, path: Path, builtin: list[str]) -> None:
    params = _child(root, "params")
    if not isinstance(params, yaml.MappingNode):
        return
    text = "\n".join(s.value for s in _scalars(root))
    for key, _ in params.value:
        name = str(key.value)
        if name in builtin or re.search(r"\b" + re.escape(name) + r"\b", _jinja_only(text)):
            continue
        near = difflib.get_close_matches(name, builtin, n=1, cutoff=0.8)
        if near:
            raise SchemaError(f"未知的参数“{name}”，是不是“{near[0]}”？（模板文字中也没有用到“{name}”）",
                              path, key.start_mark.line + 1, key.start_mark.column + 1)


def _jinja_only(text: str) -> str:
    """The parts of ``text`` inside ``{{ }}`` and ``{% %}``: where a parameter would be used."""
    return " ".join(re.findall(r"\{\{.*?\}\}|\{%.*?%\}", text, re.DOTALL))


def _child(node: yaml.Node, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return v  # type: ignore[no-any-return]
    return None


def _scalars(node: yaml.Node, seen: set[int] | None = None) -> list[yaml.ScalarNode]:
    seen = set() if seen is None else seen
    if id(node) in seen:
        return []
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return [node] if isinstance(node.value, str) else []
    out: list[yaml.ScalarNode] = []
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            out += _scalars(k, seen) + _scalars(v, seen)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            out += _scalars(item, seen)
    return out


def _position(node: yaml.ScalarNode, index: int) -> tuple[int, int | None]:
    """File line and column of character ``index`` of a scalar's value (column only on its first line)."""
    start = node.start_mark
    if node.style in (None, "") and "\n" not in node.value[:index]:
        return start.line + 1, start.column + index + 1
    if node.style in ('"', "'") and "\n" not in node.value[:index]:
        return start.line + 1, start.column + index + 2
    if node.style in ("|", ">"):
        return start.line + 2 + node.value[:index].count("\n"), None
    return start.line + 1, None

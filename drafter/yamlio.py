"""The one way drafter reads YAML that people edit: safe, bounded, located.

- ``yaml.safe_load`` semantics only: python object tags are refused;
- a key written twice in one mapping is an error (YAML would keep the last);
- aliases that expand past :data:`MAX_NODES` (an alias bomb) are refused;
- JSON Schema faults are reported in Chinese with the file, the line and the
  key, and an unknown key gets the nearest known one as a suggestion.

Every failure is a :class:`~drafter.errors.SchemaError` naming the file and line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.errors import InputError, SchemaError

if TYPE_CHECKING:
    import yaml

#: Largest YAML file read (bytes). Templates and schemas are tens of KB.
MAX_BYTES = 8 * 1024 * 1024
#: Deepest nesting of mappings and lists (far below what the parser and Python's recursion take).
MAX_DEPTH = 64
#: Most nodes a document may expand to once aliases are followed.
MAX_NODES = 200_000



def _loader(text: str) -> Any:
    """A safe loader of ``text`` (libyaml's when present).

    PyYAML is imported here, on the first file read, not with this module: a
    command that finds everything it needs in the cache never loads it.
    """
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)


@dataclass(frozen=True)
class Loaded:
    """A parsed YAML document: plain data, its node tree (for lines) and its file."""

    data: Any
    node: yaml.Node
    path: Path

    def line(self, keys: list[Any]) -> int | None:
        """Line of the value at ``keys`` (or of the deepest node found on the way)."""
        return node_line(value_node(self.node, keys))

    def key_line(self, keys: list[Any]) -> int | None:
        """Line of the key at ``keys`` (for an unknown key)."""
        return node_line(key_node(self.node, keys))


def read_text(path: Path, noun: str = "文件") -> str:
    """The text of a YAML file, with file errors in Chinese (a device or pipe is refused unread)."""
    from drafter.fileio import read_regular

    try:
        data = read_regular(path, noun, MAX_BYTES)
    except InputError as e:
        if "过大" in e.message:
            raise SchemaError(e.message, path) from None
        raise
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SchemaError(f"{noun}不是 UTF-8 编码的文本", path) from e


def load(path: Path, noun: str = "文件", *, text: str | None = None) -> Loaded:
    """Parse ``path`` (or ``text`` said to come from it) safely; refuse duplicates and alias bombs."""
    if text is None:
        text = read_text(path, noun)
    import yaml

    loader = _loader(text)
    try:
        node = _checked_node(loader, path, noun)
        data = loader.construct_document(node)
    except yaml.YAMLError as e:
        raise _yaml_error(e, path, text) from e
    finally:
        loader.dispose()
    return Loaded(data, node, path)


def compose(path: Path, noun: str = "文件", *, text: str | None = None) -> yaml.Node:
    """The node tree of ``path`` (or ``text``), checked as :func:`load` checks it, not constructed."""
    if text is None:
        text = read_text(path, noun)
    import yaml

    loader = _loader(text)
    try:
        return _checked_node(loader, path, noun)
    except yaml.YAMLError as e:
        raise _yaml_error(e, path, text) from e
    finally:
        loader.dispose()


def _checked_node(loader: Any, path: Path, noun: str) -> yaml.Node:
    try:
        node = loader.get_single_node()
    except RecursionError:
        raise SchemaError(f"{noun}嵌套过深（上限 {MAX_DEPTH} 层），拒绝读取", path) from None
    if node is None:
        raise SchemaError(f"{noun}为空", path)
    _check_depth(node, path, noun)
    _check_size(node, path)
    _check_duplicates(node, path)
    return node  # type: ignore[no-any-return]


def _yaml_error(e: yaml.YAMLError, path: Path, text: str = "") -> SchemaError:
    import yaml

    if isinstance(e, yaml.MarkedYAMLError):
        problem = _yaml_problem(e)
        if problem.startswith("不允许的标签"):
            mark = e.problem_mark or e.context_mark
            return SchemaError(f"YAML 格式错误：{problem}", path, mark.line + 1 if mark is not None else None)
        from drafter.yaml_syntax import explain

        said = explain(e, text)
        return SchemaError(said.message, path, said.line, said.column)
    return SchemaError(f"YAML 格式错误：{e}", path)


def _yaml_problem(e: yaml.MarkedYAMLError) -> str:
    problem = str(e.problem or e.context or e)
    if "could not determine a constructor" in problem:
        tag = problem.split("tag", 1)[-1].strip(" '!")
        return f"不允许的标签“!{tag}”（只接受普通的 YAML 数据）"
    return problem


def node_line(node: yaml.Node | None) -> int | None:
    """1-based line where ``node`` starts."""
    return node.start_mark.line + 1 if node is not None else None


def _check_depth(root: yaml.Node, path: Path, noun: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH (walked without recursion), before any recursive step."""
    import yaml

    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    seen: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise SchemaError(f"{noun}嵌套过深（超过 {MAX_DEPTH} 层），拒绝读取", path, node_line(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend((n, depth + 1) for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((n, depth + 1) for n in node.value)


def _check_size(root: yaml.Node, path: Path) -> None:
    """Refuse a document whose aliases expand past MAX_NODES (memoised: no expansion)."""
    import yaml

    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        sizes[id(node)] = 1  # a cycle counts once
        total = 1
        if isinstance(node, yaml.MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total += sum(size(v) for v in node.value)
        if total > MAX_NODES:
            raise SchemaError(f"YAML 别名展开后过大（超过 {MAX_NODES} 个节点），拒绝读取", path, node_line(node))
        sizes[id(node)] = total
        return total

    size(root)


def _check_duplicates(node: yaml.Node, path: Path, seen_nodes: set[int] | None = None) -> None:
    """Reject a key written twice in one mapping."""
    import yaml

    seen_nodes = set() if seen_nodes is None else seen_nodes
    if id(node) in seen_nodes:
        return
    seen_nodes.add(id(node))
    if isinstance(node, yaml.MappingNode):
        keys: set[object] = set()
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in keys:
                    raise SchemaError(f"键“{key.value}”重复出现", path, node_line(key))
                keys.add(key.value)
            _check_duplicates(value, path, seen_nodes)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicates(item, path, seen_nodes)


def value_node(node: yaml.Node, keys: list[Any]) -> yaml.Node:
    """The node at ``keys`` (or the deepest one found on the way)."""
    for key in keys:
        child = _child(node, key)
        if child is None:
            break
        node = child[1]
    return node


def key_node(node: yaml.Node, keys: list[Any]) -> yaml.Node:
    """The key node of the last of ``keys``."""
    parent = value_node(node, keys[:-1])
    child = _child(parent, keys[-1]) if keys else None
    return child[0] if child is not None else parent


def _child(node: yaml.Node, key: Any) -> tuple[yaml.Node, yaml.Node] | None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == str(key):
                return k, v
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        item = node.value[key]
        return item, item
    return None


def dotted(keys: list[Any]) -> str:
    """``themes[2].title`` style path of ``keys``."""
    out = ""
    for k in keys:
        out += f"[{k}]" if isinstance(k, int) else (f".{k}" if out else str(k))
    return out


# --- JSON Schema ---------------------------------------------------------------------------


@cache
def _validator(schema_path: Path) -> Any:
    import jsonschema  # imported on first use

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


Wording = Callable[[Any, list[Any]], "str | None"]


def validate(doc: Loaded, schema_path: Path, noun: str = "文件", wording: Wording | None = None, *,
             always: bool = False) -> None:
    """Check ``doc`` against the JSON Schema at ``schema_path``; report the first fault in file order.

    drafter's own data files are checked by its tests, not on every run
    (``always`` checks them too). ``wording`` may word a violation better
    than the generic Chinese message (return None to keep the generic one).
    """
    from drafter.resources import is_builtin

    if not always and is_builtin(doc.path):
        return
    errors = _errors(schema_path, doc.data)
    # an unknown key (a typo) explains the "missing key" it causes: report it first
    unknown = [e for e in errors if e.validator == "additionalProperties"]
    faults = [(*fault(error, doc, noun, wording), error) for error in (unknown or errors)]
    if faults:
        line, message, error = min(faults, key=lambda f: (f[0] or 0, f[1]))
        raise SchemaError(message, doc.path, line, fault_column(error, doc))


def load_mapping(path: Path, noun: str, shape: str, schema_path: Path) -> Loaded:
    """A YAML data file that must be a mapping, checked against its JSON schema (data {} when empty).

    ``shape`` names the keys for the error message ("phrases: …、typos: …").
    """
    doc = load(path, noun)
    if doc.data is None:
        return Loaded({}, doc.node, doc.path)
    if not isinstance(doc.data, dict):
        raise SchemaError(f"{noun}应是一个映射（{shape}）", path, 1)
    validate(doc, schema_path, noun)
    return doc


def fault_column(error: Any, doc: Loaded) -> int | None:
    """1-based column of a JSON Schema violation: of the unknown key, else of the value."""
    keys = list(error.absolute_path)
    if error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = next((k for k in error.instance if k not in allowed), "")
        node = key_node(doc.node, [*keys, extra])
    else:
        node = value_node(doc.node, keys)
    return node.start_mark.column + 1 if node is not None else None


def _errors(schema_path: Path, data: Any) -> list[Any]:
    """Violations of ``data``; for a oneOf/anyOf, the likeliest fault of the branch meant."""
    from jsonschema.exceptions import best_match

    out = []
    for error in _validator(schema_path).iter_errors(data):
        while error.validator in ("oneOf", "anyOf") and error.context:
            # a branch of another type (a string where a mapping was written) is not the one meant
            meant = [e for e in error.context if not (e.validator == "type" and not e.relative_path)]
            error = best_match(meant or error.context)
        out.append(error)
    return out


def faults(doc: Loaded, schema_path: Path, noun: str = "文件") -> list[SchemaError]:
    """Every JSON Schema violation of ``doc`` (even in a built-in file), in file order."""
    out = [SchemaError(message, doc.path, line, fault_column(e, doc))
           for e in _errors(schema_path, doc.data) for line, message in [fault(e, doc, noun)]]
    return sorted(out, key=lambda e: (e.line or 0, e.message))


def fault(error: Any, doc: Loaded, noun: str = "文件", wording: Wording | None = None) -> tuple[int | None, str]:
    """Line and Chinese message of one JSON Schema violation."""
    keys = list(error.absolute_path)
    if error.validator == "additionalProperties":
        allowed = list(error.schema.get("properties", {}))
        extra = next((k for k in error.instance if k not in allowed), "")
        import difflib

        near = difflib.get_close_matches(str(extra), allowed, n=1, cutoff=0.5)
        tip = f"，是不是“{near[0]}”？" if near else f"，此处可用的键：{'、'.join(allowed)}"
        return doc.key_line([*keys, extra]), f"未知的键“{dotted([*keys, extra])}”{tip}"
    special = wording(error, keys) if wording is not None else None
    return doc.line(keys), special or message(error, keys, noun)


_TYPES = {"number": "数字", "integer": "整数", "string": "文字", "boolean": "true 或 false",
          "object": "键值映射", "array": "列表", "null": "空值"}


def message(error: Any, keys: list[Any], noun: str = "文件") -> str:
    """Word one JSON Schema violation in Chinese."""
    name = f"“{dotted(keys)}”" if keys else noun
    value, kind = error.instance, error.validator
    if kind == "type":
        wanted = error.validator_value
        names = [_TYPES.get(str(w), str(w)) for w in (wanted if isinstance(wanted, list) else [wanted])]
        return f"{name}应为{'或'.join(names)}，实为 {value!r}"
    if kind == "enum":
        return f"{name}的值 {value!r} 无效，可用：{'、'.join(map(str, error.validator_value))}"
    if kind == "const":
        return f"{name}应为 {error.validator_value!r}，实为 {value!r}"
    if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        bound = {"minimum": "不小于", "exclusiveMinimum": "大于", "maximum": "不大于", "exclusiveMaximum": "小于"}[kind]
        return f"{name}应{bound} {error.validator_value}，实为 {value!r}"
    if kind == "required":
        missing = next((k for k in error.validator_value if k not in (value or {})), "")
        return f"{name}缺少必填的键“{missing}”"
    if kind in ("minLength", "minItems"):
        return f"{name}不能为空"
    if kind == "pattern":
        return f"{name}的写法不对：{value!r}（应符合 {error.validator_value}）"
    return f"{name}无效：{error.message}"

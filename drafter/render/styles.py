"""Style specs: the editable YAML that says how a rendered .docx looks.

The built-in spec is ``templates/styles/gbt9704.yaml`` (GB/T 9704-2012). An
editor's own spec file may list only the keys it changes: it is laid over the
built-in one. Every file is checked against ``style.schema.json``; a wrong
key or value is reported with the file and line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from drafter.errors import InputError, SchemaError
from drafter.resources import bundled_dir

Align = Literal["justify", "left", "center", "right"]

#: Element names of a spec's ``elements`` mapping, in the order of the file.
ELEMENTS = (
    "title",
    "body",
    "level1",
    "level2",
    "level3",
    "level4",
    "hint",
    "appendix_label",
    "appendix_title",
    "table_header",
    "table_body",
)


@dataclass(frozen=True)
class PageSpec:
    """Paper size, margins and header/footer distances, in millimetres."""

    width_mm: float
    height_mm: float
    margin_top_mm: float
    margin_bottom_mm: float
    margin_left_mm: float
    margin_right_mm: float
    header_distance_mm: float
    footer_distance_mm: float


@dataclass(frozen=True)
class ElementStyle:
    """Font and paragraph format of one element (title, body, a heading level…).

    ``font`` is the East Asian font, ``latin_font`` the one for Latin
    letters and digits. ``lead_bold`` says whether the bold lead of a
    numbered paragraph with a body ("1.标题。") is bold. ``color`` is
    ``None`` for automatic (black).
    """

    font: str
    latin_font: str
    size_pt: float
    bold: bool = False
    italic: bool = False
    lead_bold: bool = False
    color: str | None = None
    align: Align = "justify"
    indent_chars: float = 2
    space_after_lines: float = 0


@dataclass(frozen=True)
class PageNumberStyle:
    """Page-number footers: font, ``format`` with one ``{page}``, side indent in characters.

    ``odd_even`` puts odd page numbers right and even ones left; ``False``
    centres them all.
    """

    font: str
    latin_font: str
    size_pt: float
    format: str
    side_indent_chars: float
    odd_even: bool


@dataclass(frozen=True)
class StyleSpec:
    """A whole style spec, fonts resolved. Hashable, so renderers can cache by it.

    ``placeholder_highlight`` is a Word highlight colour name or ``"none"``;
    ``alt_names`` pairs a font with the font Word should use when it is
    missing. ``source`` names the file(s) it came from and takes no part in
    equality.
    """

    page: PageSpec
    line_pitch_twips: int
    char_spacing_twips: int
    title: ElementStyle
    body: ElementStyle
    level1: ElementStyle
    level2: ElementStyle
    level3: ElementStyle
    level4: ElementStyle
    hint: ElementStyle
    appendix_label: ElementStyle
    appendix_title: ElementStyle
    table_header: ElementStyle
    table_body: ElementStyle
    page_number: PageNumberStyle
    placeholder_highlight: str
    alt_names: tuple[tuple[str, str], ...] = ()
    source: str = field(default="", compare=False)

    def level(self, level: int) -> ElementStyle:
        """Return the element style of numbering level 1–4."""
        return (self.level1, self.level2, self.level3, self.level4)[level - 1]


def builtin_style_path() -> Path:
    """Return the path of the built-in GB/T 9704 style spec file."""
    return bundled_dir("templates") / "styles" / "gbt9704.yaml"


def load_style(path: Path | None = None) -> StyleSpec:
    """Load a style spec; ``None`` means the built-in GB/T 9704 spec.

    A given file is laid over the built-in spec, so it may hold only the
    keys it changes. Raises :class:`~drafter.errors.InputError` when the
    file cannot be read and :class:`~drafter.errors.SchemaError` (with file
    and line) when it is not a valid spec.
    """
    if path is None:
        return _builtin()
    data = _merge(_load_mapping(builtin_style_path()), _load_mapping(path))
    return _to_spec(data, f"{builtin_style_path()} + {path}")


@cache
def _builtin() -> StyleSpec:
    path = builtin_style_path()
    return _to_spec(_load_mapping(path), str(path))


def _load_mapping(path: Path) -> dict[str, Any]:
    """Read, parse and validate one spec file; the data as plain Python values."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise InputError("找不到样式文件", path) from e
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"无法读取样式文件（{e}）", path) from e
    node, data = _parse(text, path)
    if not isinstance(data, dict):
        raise SchemaError("样式文件应为键值映射（如 page:、elements: …）", path, _line(node))
    _check_duplicates(node, path)
    _validate(data, node, path)
    return data


def _parse(text: str, path: Path) -> tuple[yaml.Node, Any]:
    """Parse safely once; return the node tree (for line numbers) and the data."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark is not None else None
        raise SchemaError(f"YAML 格式错误：{e.problem or e.context}", path, line) from e
    except yaml.YAMLError as e:
        raise SchemaError(f"YAML 格式错误：{e}", path) from e
    finally:
        loader.dispose()
    if node is None:
        raise SchemaError("样式文件为空", path)
    return node, data


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _check_duplicates(node: yaml.Node, path: Path) -> None:
    """Reject a key written twice in one mapping (YAML would silently keep the last)."""
    if isinstance(node, yaml.MappingNode):
        seen: set[object] = set()
        for key, value in node.value:
            if key.value in seen:
                raise SchemaError(f"键“{key.value}”重复出现", path, _line(key))
            seen.add(key.value)
            _check_duplicates(value, path)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicates(item, path)


@cache
def _validator() -> Any:
    import jsonschema  # imported on first use: the built-in spec is loaded once

    schema_path = bundled_dir("templates") / "styles" / "style.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _validate(data: dict[str, Any], node: yaml.Node, path: Path) -> None:
    """Check ``data`` against the JSON Schema; report the first fault in file order."""
    faults = [_fault(error, node) for error in _validator().iter_errors(data)]
    if faults:
        line, message = min(faults, key=lambda fault: fault[0] or 0)
        raise SchemaError(message, path, line)


def _fault(error: Any, node: yaml.Node) -> tuple[int | None, str]:
    """Line and Chinese message of one schema violation."""
    keys = list(error.absolute_path)
    if error.validator == "additionalProperties":
        allowed = error.schema.get("properties", {})
        extra = next(k for k in error.instance if k not in allowed)
        names = "、".join(allowed)
        message = f"未知的键“{_dotted([*keys, extra])}”，此处可用的键：{names}"
        return _line(_key_node(node, [*keys, extra])), message
    return _line(_value_node(node, keys)), _message(error, keys)


def _message(error: Any, keys: list[Any]) -> str:
    """Word one schema violation in Chinese."""
    name = f"“{_dotted(keys)}”" if keys else "样式文件"
    value = error.instance
    kind = error.validator
    if kind == "type":
        expected = {"number": "数字", "integer": "整数", "string": "文字", "boolean": "true 或 false",
                    "object": "键值映射"}.get(str(error.validator_value), str(error.validator_value))
        quote = "（颜色请加引号，如 \"000000\"）" if keys and keys[-1] == "color" else ""
        return f"{name}应为{expected}，实为 {value!r}{quote}"
    if kind == "enum":
        return f"{name}的值 {value!r} 无效，可用：{'、'.join(map(str, error.validator_value))}"
    if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        bound = {"minimum": "不小于", "exclusiveMinimum": "大于", "maximum": "不大于",
                 "exclusiveMaximum": "小于"}[kind]
        return f"{name}应{bound} {error.validator_value}，实为 {value!r}"
    if kind == "pattern":
        if keys and keys[-1] == "format":
            return f"{name}应含且只含一处 {{page}}，实为 {value!r}"
        if keys and keys[-1] == "color":
            return f"{name}应为六位十六进制颜色（如 7F7F7F），实为 {value!r}"
    if kind == "minLength":
        return f"{name}不能为空"
    return f"{name}无效：{error.message}"


def _dotted(keys: list[Any]) -> str:
    return ".".join(str(k) for k in keys)


def _value_node(node: yaml.Node, keys: list[Any]) -> yaml.Node:
    """Find the node at ``keys`` (or the deepest one found on the way)."""
    for key in keys:
        child = _child(node, key)
        if child is None:
            break
        node = child[1]
    return node


def _key_node(node: yaml.Node, keys: list[Any]) -> yaml.Node:
    """Find the key node of the last of ``keys`` (for an unknown key)."""
    parent = _value_node(node, keys[:-1])
    child = _child(parent, keys[-1])
    return child[0] if child is not None else parent


def _child(node: yaml.Node, key: Any) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == str(key):
                return k, v
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        item = node.value[key]
        return item, item
    return None


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` laid over ``base``: mappings merge key by key, other values replace."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _to_spec(data: dict[str, Any], source: str) -> StyleSpec:
    """Build the spec from validated, complete data (the built-in file supplies every key)."""
    fonts: dict[str, str] = data["fonts"]
    grid = data["grid"]
    indent = float(grid["first_line_indent_chars"])
    elements = {name: _element(data["elements"][name], fonts, indent) for name in ELEMENTS}
    number = data["page_number"]
    font = _font(fonts, number["font"])
    return StyleSpec(
        page=PageSpec(**{k: float(v) for k, v in data["page"].items()}),
        line_pitch_twips=int(grid["line_pitch_twips"]),
        char_spacing_twips=int(grid["char_spacing_twips"]),
        **elements,
        page_number=PageNumberStyle(
            font=font,
            latin_font=_font(fonts, number["latin_font"]) if "latin_font" in number else font,
            size_pt=float(number["size_pt"]),
            format=str(number["format"]),
            side_indent_chars=float(number["side_indent_chars"]),
            odd_even=bool(number["odd_even"]),
        ),
        placeholder_highlight=str(data["placeholder"]["highlight"]),
        alt_names=tuple(sorted(data.get("alt_names", {}).items())),
        source=source,
    )


def _element(raw: dict[str, Any], fonts: dict[str, str], indent: float) -> ElementStyle:
    font = _font(fonts, raw["font"])
    bold = bool(raw.get("bold", False))
    return ElementStyle(
        font=font,
        latin_font=_font(fonts, raw["latin_font"]) if "latin_font" in raw else font,
        size_pt=float(raw["size_pt"]),
        bold=bold,
        italic=bool(raw.get("italic", False)),
        lead_bold=bool(raw.get("lead_bold", bold)),
        color=str(raw["color"]).upper() if raw.get("color") else None,
        align=raw.get("align", "justify"),
        indent_chars=float(raw.get("indent_chars", indent)),
        space_after_lines=float(raw.get("space_after_lines", 0)),
    )


def _font(fonts: dict[str, str], name: str) -> str:
    """Resolve a ``fonts`` alias to its font; other names stand for themselves."""
    return fonts.get(name, name)

"""Style specs: the editable YAML that says how a rendered .docx looks.

The built-in spec is ``templates/styles/gbt9704.yaml`` (GB/T 9704-2012). An
editor's own spec file may list only the keys it changes: it is laid over the
built-in one. Every file is checked against ``style.schema.json``; a wrong
key or value is reported with the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from drafter import yamlio
from drafter.errors import SchemaError
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
    from drafter.cache import cached

    path = builtin_style_path()
    # from the cache of loaded files while the file is unchanged: parsing the YAML costs more than a check
    value = cached("style", [path], lambda: _to_spec(_load_mapping(path), str(path)))
    return value if isinstance(value, StyleSpec) else _to_spec(_load_mapping(path), str(path))


def _load_mapping(path: Path) -> dict[str, Any]:
    """Read, parse and validate one spec file; the data as plain Python values."""
    doc = yamlio.load(path, "样式文件")
    if not isinstance(doc.data, dict):
        raise SchemaError("样式文件应为键值映射（如 page:、elements: …）", path, yamlio.node_line(doc.node))
    schema = bundled_dir("templates") / "styles" / "style.schema.json"
    yamlio.validate(doc, schema, "样式文件", _wording)
    return doc.data


def _wording(error: Any, keys: list[Any]) -> str | None:
    """Style-specific words for a few violations (colours, the page-number format)."""
    name, value = f"“{yamlio.dotted(keys)}”", error.instance
    if error.validator == "type" and keys and keys[-1] == "color":
        return f"{name}应为文字，实为 {value!r}（颜色请加引号，如 \"000000\"）"
    if error.validator == "pattern" and keys and keys[-1] == "format":
        return f"{name}应含且只含一处 {{page}}，实为 {value!r}"
    if error.validator == "pattern" and keys and keys[-1] == "color":
        return f"{name}应为六位十六进制颜色（如 7F7F7F），实为 {value!r}"
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

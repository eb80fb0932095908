"""The recipe of a generated .docx: how it was made, kept in its custom document properties.

Every outline drafter writes as .docx records the template (id and content
hash), the parameters and year-context overrides, the year, the detail, the
drafter version, and the outline as it was generated (with the theme and
task keys it came from), so that ``drafter update`` can later merge three
ways: that outline (the base), the drafter's edited document and the
template's current output.

The properties are plain ``vt:lpwstr`` strings of at most 255 characters each
(what Word keeps); the outline is zlib-compressed JSON in base64, spread over
numbered properties. Word and LibreOffice keep custom properties when they
save a document.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import InputError
from drafter.model import Plan

#: Version of the recipe's layout in the properties.
RECIPE_FORMAT = 1
#: Prefix of every property drafter writes.
PREFIX = "drafter."
#: Longest value of one property (Word keeps 255 characters).
CHUNK = 255
#: Most bytes the recipe's parts may take when read back (a hostile file cannot make it large).
MAX_RECIPE_BYTES = 4 * 1024 * 1024

_CUSTOM = "docProps/custom.xml"


@dataclass
class Recipe:
    """How one outline was made, and the outline itself (the base of a later update).

    ``template`` is the template as it was named (an id, or a file path);
    ``params`` the parameter values after the precedence rule; ``context``
    the year-context overrides; ``theme_ids``/``task_keys`` where each
    section and task of ``base`` came from (see
    :class:`~drafter.compose.Composition`).
    """

    template: str
    template_hash: str
    year: int
    detail: str
    version: str
    base: Plan
    theme_ids: list[str] = field(default_factory=list)
    task_keys: list[list[str]] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)
    #: What the unit's fit was asked for: ``level``, ``profile``, ``alternatives``.
    fit: dict[str, Any] = field(default_factory=dict)


def content_hash(data: Any) -> str:
    """A short, stable hash of a template's merged content."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --- writing -------------------------------------------------------------------------------


def recipe_properties(recipe: Recipe) -> list[tuple[str, str]]:
    """The recipe as (name, value) custom properties, each value at most :data:`CHUNK` characters."""
    from drafter.jsonio import plan_to_dict

    props = [("format", str(RECIPE_FORMAT)), ("version", recipe.version), ("template", recipe.template),
             ("template_hash", recipe.template_hash), ("year", str(recipe.year)), ("detail", recipe.detail)]
    params = json.dumps({"params": recipe.params, "context": recipe.context, "fit": recipe.fit},
                        ensure_ascii=False, sort_keys=True, default=str)
    outline = {"plan": plan_to_dict(recipe.base), "theme_ids": recipe.theme_ids, "task_keys": recipe.task_keys}
    packed = base64.b64encode(zlib.compress(json.dumps(outline, ensure_ascii=False, sort_keys=True)
                                            .encode("utf-8"), 9)).decode("ascii")
    props += _chunked("params", params) + _chunked("base", packed)
    return [(PREFIX + name, value) for name, value in props]


def _chunked(name: str, text: str) -> list[tuple[str, str]]:
    pieces = [text[i:i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]
    return [(f"{name}.count", str(len(pieces)))] + [(f"{name}.{i}", p) for i, p in enumerate(pieces, 1)]


# --- reading -------------------------------------------------------------------------------


def read_properties(path: Path) -> dict[str, str]:
    """The custom text properties of the .docx at ``path`` (empty when it has none)."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise InputError("不是有效的 Word 文档（.docx）", path) from e
    with zf:
        names = set(zf.namelist())
        if _CUSTOM not in names:
            return {}
        info = zf.getinfo(_CUSTOM)
        if info.file_size > MAX_RECIPE_BYTES:
            raise InputError("文档的自定义属性过大，拒绝读取", path)
        data = zf.read(info)
    from xml.etree import ElementTree as ET  # only reading a recipe parses XML; writing one does not

    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise InputError(f"文档的自定义属性已损坏（{e}）", path) from e
    out: dict[str, str] = {}
    for prop in root:
        name = prop.get("name")
        if name is None:
            continue
        out[name] = "".join(child.text or "" for child in prop)
    return out


def read_recipe(path: Path) -> Recipe:
    """The recipe drafter recorded in the .docx at ``path``.

    Raises :class:`~drafter.errors.InputError` when the document has none
    (not made by drafter ``new``/``batch``, or its properties were removed)
    or it cannot be read.
    """
    from drafter.jsonio import plan_from_dict

    props = {k[len(PREFIX):]: v for k, v in read_properties(path).items() if k.startswith(PREFIX)}
    if "base.count" not in props or "template" not in props:
        raise InputError("这份文档没有 drafter 的生成记录（文档属性中的 drafter.*）：只有 drafter new/batch "
                         "生成的 .docx 才能更新；可以用 drafter new 重新生成后，把已写的内容粘贴过去", path)
    try:
        if int(props.get("format", "0")) > RECIPE_FORMAT:
            raise InputError(f"这份文档由更新版本的 drafter（{props.get('version')}）生成，请先升级 drafter", path)
        settings = json.loads(_joined(props, "params"))
        outline = json.loads(_inflated(_joined(props, "base")).decode("utf-8"))
        return Recipe(props["template"], props.get("template_hash", ""), int(props["year"]), props["detail"],
                      props.get("version", ""), plan_from_dict(outline["plan"]), list(outline["theme_ids"]),
                      [list(k) for k in outline["task_keys"]], dict(settings["params"]), dict(settings["context"]),
                      dict(settings.get("fit") or {}))
    except (KeyError, ValueError, TypeError, zlib.error) as e:
        raise InputError(f"文档中 drafter 的生成记录已损坏（{type(e).__name__}），无法更新", path) from e


def _joined(props: dict[str, str], name: str) -> str:
    count = int(props[f"{name}.count"])
    if not 0 < count <= MAX_RECIPE_BYTES // CHUNK:
        raise ValueError(f"{name}.count")
    return "".join(props[f"{name}.{i}"] for i in range(1, count + 1))


def _inflated(text: str) -> bytes:
    """Base64 zlib data, inflated to at most :data:`MAX_RECIPE_BYTES` (no zip bomb)."""
    inflater = zlib.decompressobj()
    data = inflater.decompress(base64.b64decode(text, validate=True), MAX_RECIPE_BYTES)
    if inflater.unconsumed_tail:
        raise ValueError("base too large")
    return data

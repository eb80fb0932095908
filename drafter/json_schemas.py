"""The ``# yaml-language-server: $schema=…`` line of YAML drafter ships or writes.

Every such line names a JSON Schema by a path relative to the YAML file's own
folder (``./department.schema.json``), so an editor's YAML extension finds it
wherever the file lives. A file drafter writes outside its own data folders
gets a copy of the JSON Schema next to it when none is there
(:func:`ensure_beside`).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from drafter.errors import OutputError

#: The modeline an editor's YAML extension reads (first lines of the file).
MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$", re.MULTILINE)


def schema_ref(text: str) -> str | None:
    """The ``$schema`` reference of a YAML text, or None when it has no modeline."""
    match = MODELINE.search(text[:2000])
    return match.group(1) if match else None


def bundled_schema(name: str) -> Path | None:
    """Drafter's own JSON Schema called ``name`` (``department.schema.json`` …), or None."""
    from drafter.resources import bundled_dir

    for folder in (bundled_dir("templates") / "departments", bundled_dir("templates") / "context",
                   bundled_dir("templates") / "styles", bundled_dir("schemas")):
        if (folder / name).is_file():
            return folder / name
    return None


def resolve_ref(yaml_path: Path, ref: str) -> Path:
    """Where ``ref`` points, read from the folder of ``yaml_path``."""
    return (yaml_path.parent / ref).resolve()


def ensure_beside(yaml_path: Path) -> Path | None:
    """Copy the JSON Schema the file at ``yaml_path`` names next to it when missing; return it when written.

    Raises :class:`~drafter.errors.OutputError` when the copy cannot be written.
    """
    try:
        ref = schema_ref(yaml_path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return None
    if ref is None or "://" in ref:
        return None
    target = resolve_ref(yaml_path, ref)
    source = bundled_schema(Path(ref).name)
    if target.exists() or source is None:
        return None
    try:
        shutil.copyfile(source, target)
    except OSError as e:
        raise OutputError(f"无法写出编辑器用的 JSON Schema（{e.strerror}）", target) from e
    return target

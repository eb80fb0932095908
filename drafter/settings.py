"""The everyday defaults of drafting: today, the default year, a project's ``drafter.yaml``.

"Today" is ``DRAFTER_TODAY`` (``YYYY-MM-DD``) when set, so tests and batch
runs are reproducible. Plans are drafted in the last quarter for the year to
come, so from 1 October the default year is next year (:func:`default_year`).

An office keeps its defaults in a ``drafter.yaml`` in its working folder (or
a parent folder): the unit's name, template and level, other parameters, and
year-context overrides (the latest plenum once it is held, extra meetings).
Where values meet, the rule is one for every command that composes:
built-in < template < drafter.yaml < params file / unit row < ``--set`` <
explicit flags (``--org``, ``--year``, ``--template``); see
:meth:`drafter.drafting.Drafting.draft`.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import InputError, SchemaError

#: The month from which the default year is the next one (plans are drafted in Q4).
NEXT_YEAR_FROM_MONTH = 10


def today() -> _dt.date:
    """Return today's date, or ``DRAFTER_TODAY`` (``YYYY-MM-DD``) when that is set."""
    value = os.environ.get("DRAFTER_TODAY", "").strip()
    if not value:
        return _dt.date.today()
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"环境变量 DRAFTER_TODAY 应为 YYYY-MM-DD 格式的日期，实为“{value}”") from None


def default_year(day: _dt.date | None = None) -> int:
    """The year a plan drafted on ``day`` (None: today) is for: next year from 1 October."""
    day = day or today()
    return day.year + 1 if day.month >= NEXT_YEAR_FROM_MONTH else day.year


def default_year_note(year: int) -> str:
    """The line said on stderr when the year was not given."""
    return f"默认年度 {year}（10 月起默认为下一年度，用 --year 指定）"


# --- a project's drafter.yaml ------------------------------------------------------------

#: The settings file an office keeps in its working folder (or a parent folder).
SETTINGS_NAME = "drafter.yaml"
#: Levels of a unit, as drafter.yaml's ``level`` takes them.
LEVELS = ("省", "市", "县", "乡镇")
#: Year-context variables a drafter.yaml, a params file or ``--set`` may override.
CONTEXT_KEYS = ("plan_period", "latest_plenum", "congress", "plenums", "discipline", "meetings", "anniversaries",
                "campaigns")
#: Names of template variables that stand for a year-context key.
CONTEXT_ALIASES = {"plenum": "latest_plenum", "campaign": "campaigns"}


@dataclass
class Source:
    """Values of one file a plan's parameters come from (drafter.yaml, a params file, a unit's row).

    ``label`` names it in notes (``参数文件 p.yaml``); ``lines`` gives the
    line of each key in ``path``, for errors.
    """

    label: str
    values: dict[str, Any] = field(default_factory=dict)
    template: str | None = None
    year: int | None = None
    path: Path | None = None
    lines: dict[str, int] = field(default_factory=dict)


@dataclass
class ProjectSettings:
    """A project's ``drafter.yaml``: the unit's defaults and year-context overrides.

    ``context`` holds year-context overrides, for every year or, when
    ``context_year`` is set, for that year only.
    """

    source: Source
    context: dict[str, Any] = field(default_factory=dict)
    context_year: int | None = None

    def context_for(self, year: int) -> dict[str, Any]:
        """The year-context overrides that apply to ``year``."""
        return dict(self.context) if self.context_year in (None, year) else {}


def find_project_settings(cwd: Path | None = None) -> Path | None:
    """The nearest ``drafter.yaml`` in ``cwd`` (None: the current folder) or a parent folder."""
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / SETTINGS_NAME
        if candidate.is_file():
            return candidate
    return None


def project_settings(cwd: Path | None = None) -> ProjectSettings | None:
    """The project settings that apply in ``cwd``, or None when there is no ``drafter.yaml``."""
    path = find_project_settings(cwd)
    return load_project_settings(path) if path is not None else None


def load_project_settings(path: Path) -> ProjectSettings:
    """Read and check a ``drafter.yaml``; SchemaError with file:line (and the near key) when invalid."""
    from drafter import yamlio
    from drafter.resources import bundled_dir

    doc = yamlio.load(path, "设置文件")
    if not isinstance(doc.data, dict):
        raise SchemaError("设置文件应为键值映射（如 org: 市民政局）", path, yamlio.node_line(doc.node))
    yamlio.validate(doc, bundled_dir("schemas") / "settings.schema.json", "设置文件", always=True)
    data: dict[str, Any] = doc.data
    source = Source(f"设置文件 {path}", path=path)
    for key in ("org", "level"):
        if data.get(key) is not None:
            source.values[key] = data[key]
            source.lines[key] = doc.key_line([key]) or 0
    for key, value in (data.get("params") or {}).items():
        source.values[str(key)] = value
        source.lines[str(key)] = doc.key_line(["params", key]) or 0
    source.template = data.get("template")
    context = dict(data.get("context") or {})
    only = context.pop("year", None)
    return ProjectSettings(source, {context_key(str(k)): v for k, v in context.items()}, only)


def context_key(name: str) -> str:
    """The year-context key a variable name stands for (``plenum`` → ``latest_plenum``)."""
    return CONTEXT_ALIASES.get(name, name)


def is_context_key(name: str) -> bool:
    """``name`` is a year-context variable a user may override."""
    return context_key(name) in CONTEXT_KEYS

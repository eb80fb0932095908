"""Schemas on disk: find, load and validate, dump and write ``schemas/<id>.yaml``.

Loading uses ``yaml.safe_load`` semantics; every failure is a
:class:`~drafter.errors.SchemaError` naming the file and the line, and the
file is checked against ``schemas/schema.schema.json`` (the JSON Schema that
also gives editors completion). Dumping is deterministic: the same
:class:`~drafter.schema.Schema` always gives the same text, with a header
comment saying how to regenerate the file.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from drafter import yamlio
from drafter.errors import OutputError, SchemaError
from drafter.resources import bundled_dir, search_dirs
from drafter.schema import Hint, MinedPlan, Parameter, Schema, Source, TaskPattern, Theme, Variant

JSON_SCHEMA = "schema.schema.json"
Path_ = tuple[str | int, ...]


@cache
def json_schema(name: str = JSON_SCHEMA, kind: str = "schemas") -> dict[str, Any]:
    """A bundled JSON Schema (``schemas/<name>`` or ``templates/<name>``)."""
    base = bundled_dir("schemas" if kind == "schemas" else "templates")
    data: dict[str, Any] = json.loads((base / name).read_text(encoding="utf-8"))
    return data


# --- dict ⇄ Schema -----------------------------------------------------------

_SUPPORT = re.compile(r"^(\d+)/(\d+)$")
_SOURCE = re.compile(r"^(?P<plan>.+#\d+) (?P<ref>\S+?)(?: L(?P<line>\d+))?$")


def source_text(s: Source) -> str:
    """The compact form of a source: ``000_….txt#6 三/9 L420``."""
    return f"{s.plan} {s.ref}" + (f" L{s.line}" if s.line is not None else "")


def parse_source(text: str) -> Source:
    """Inverse of :func:`source_text` (raises ValueError)."""
    m = _SOURCE.match(text)
    if not m:
        raise ValueError(text)
    plan = m.group("plan")
    line = m.group("line")
    return Source(plan.rpartition("#")[0], plan, m.group("ref"), int(line) if line else None)


def _support(n: int, total: int) -> str:
    return f"{n}/{total}"


def _flow(d: dict[str, Any]) -> CommentedMap:
    m = CommentedMap(d)
    m.fa.set_flow_style()
    return m


def _flow_list(items: list[str]) -> CommentedSeq:
    s = CommentedSeq(items)
    s.fa.set_flow_style()
    return s


def _hint(h: Hint, total: int) -> CommentedMap:
    return CommentedMap(text=h.text, support=_support(h.support, total),
                        sources=_flow_list([source_text(s) for s in h.sources]))


def _pattern(p: TaskPattern, total: int) -> CommentedMap:
    return CommentedMap(
        id=p.id, title=p.title, support=_support(p.support, total),
        variants=[_flow({"text": v.text, "count": v.count}) for v in p.variants],
        hints=[_hint(h, total) for h in p.hints],
        sources=_flow_list([source_text(s) for s in p.sources]),
    )


def _theme(t: Theme, total: int) -> CommentedMap:
    m = CommentedMap(id=t.id, label=t.label, support=_support(t.support, total), position=t.position,
                     specific=t.specific)
    if t.task_support:
        m.insert(3, "task_support", _support(t.task_support, total))
    m["headings"] = [_flow({"text": v.text, "count": v.count, "form": v.form}) for v in t.headings]
    m["sources"] = _flow_list([source_text(s) for s in t.sources])
    m["patterns"] = [_pattern(p, total) for p in t.patterns]
    if t.specific:
        m.yaml_add_eol_comment("部门特色主题", "specific")
    return m


def schema_to_data(s: Schema) -> CommentedMap:
    """The YAML document of a schema (ordered, with flow style for short items)."""
    n = s.plans_mined
    doc = CommentedMap(id=s.id, title=s.title, genre=s.genre, version=s.version, plans_mined=n,
                       command=s.command, corpus=list(s.corpus))
    doc["parameters"] = [CommentedMap(name=p.name, description=p.description, example=p.example)
                         for p in s.parameters]
    doc["themes"] = [_theme(t, n) for t in s.themes]
    doc["plans"] = [_flow({"key": p.key, "title": p.title, "org": p.org, "year": p.year, "partial": p.partial})
                    for p in s.plans]
    doc.yaml_set_comment_before_after_key("themes", before="\n主题：support 为含此主题的篇数/归纳篇数；position 为通常所在的部分序号")
    doc.yaml_set_comment_before_after_key("plans", before="\n来源编号（文件#该文件中的第几篇）对应的工作要点")
    return doc


def header(s: Schema) -> str:
    """The comment block at the top of a schema file."""
    lines = [
        f"# yaml-language-server: $schema={JSON_SCHEMA}",
        f"# drafter 结构库：{s.title}（{s.id}）",
        f"# 由 drafter mine 从 {s.plans_mined} 篇工作要点归纳生成。可以手工修改，但重新生成会覆盖修改。",
    ]
    if s.command:
        lines.append(f"# 重新生成：{s.command}")
    lines += [
        "# 文字均摘自语料（标点统一为全角）；部门用词已换成参数，如 {{ field }}，见 parameters。",
        "# 来源写作“文件#篇序 部分/任务 L行号”，篇序见文末 plans。",
    ]
    return "\n".join(lines) + "\n"


def dump_schema(s: Schema) -> str:
    """The YAML text of ``s``: header comment, then the document; deterministic."""
    out = io.StringIO()
    y = YAML()
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    y.allow_unicode = True
    y.dump(schema_to_data(s), out)
    return header(s) + out.getvalue()


def schema_from_data(data: dict[str, Any]) -> Schema:
    """A :class:`Schema` from validated YAML data (raises ValueError on a bad source or support)."""
    def sources(items: list[str]) -> list[Source]:
        return [parse_source(x) for x in items]

    def support(text: str) -> int:
        m = _SUPPORT.match(str(text))
        if not m:
            raise ValueError(text)
        return int(m.group(1))

    themes = [
        Theme(
            id=t["id"], label=t["label"], support=support(t["support"]), position=float(t["position"]),
            headings=[Variant(v["text"], v["count"], v.get("form", "")) for v in t.get("headings", [])],
            patterns=[
                TaskPattern(
                    id=p["id"], title=p["title"], support=support(p["support"]),
                    variants=[Variant(v["text"], v["count"], v.get("form", "")) for v in p.get("variants", [])],
                    hints=[Hint(h["text"], support(h["support"]), sources(h.get("sources", [])))
                           for h in p.get("hints", [])],
                    sources=sources(p.get("sources", [])),
                )
                for p in t.get("patterns", [])
            ],
            sources=sources(t.get("sources", [])),
            specific=bool(t.get("specific", False)),
            task_support=support(t["task_support"]) if t.get("task_support") else 0,
        )
        for t in data.get("themes", [])
    ]
    return Schema(
        id=data["id"], title=data["title"], genre=data["genre"], plans_mined=data["plans_mined"],
        themes=themes,
        parameters=[Parameter(p["name"], p["description"], p.get("example", "")) for p in data.get("parameters", [])],
        corpus=list(data.get("corpus", [])),
        plans=[MinedPlan(p["key"], p["title"], p.get("org", ""), p.get("year"), bool(p.get("partial", False)))
               for p in data.get("plans", [])],
        command=data.get("command", ""),
        version=data.get("version", 1),
    )


# --- files -------------------------------------------------------------------


@dataclass(frozen=True)
class SchemaEntry:
    """A schema file found by :func:`list_schemas`."""

    id: str
    path: Path
    builtin: bool


def _candidates(cwd: Path | None) -> Iterator[tuple[Path, bool]]:
    builtin = bundled_dir("schemas").resolve()
    for folder in search_dirs("schemas", cwd):
        for f in sorted(folder.glob("*.yaml")):
            yield f, folder.resolve() == builtin


def list_schemas(cwd: Path | None = None) -> list[SchemaEntry]:
    """Schemas in ``./schemas`` and the built-in folder; a local one hides a built-in of the same id."""
    seen: dict[str, SchemaEntry] = {}
    for f, builtin in _candidates(cwd):
        seen.setdefault(f.stem, SchemaEntry(f.stem, f, builtin))
    return sorted(seen.values(), key=lambda e: e.id)


def find_schema(path_or_id: str | Path, cwd: Path | None = None) -> Path:
    """The file of a schema given by path or id; :class:`SchemaError` listing known ids if none."""
    text = str(path_or_id)
    p = Path(text)
    if p.suffix.lower() in (".yaml", ".yml") or "/" in text or "\\" in text:
        if not p.is_file():
            raise SchemaError("找不到结构库文件", p)
        return p
    for entry in list_schemas(cwd):
        if entry.id == text:
            return entry.path
    known = "、".join(e.id for e in list_schemas(cwd)) or "（无）"
    raise SchemaError(f"没有 id 为“{text}”的结构库；已有：{known}")


def load_schema(path_or_id: str | Path, cwd: Path | None = None) -> Schema:
    """Load, validate and return a schema given by file path or id."""
    path = find_schema(path_or_id, cwd)
    doc = yamlio.load(path, "结构库文件")
    if not isinstance(doc.data, dict):
        raise SchemaError("结构库文件应是一个映射（id: …、themes: …）", path, 1)
    yamlio.validate(doc, bundled_dir("schemas") / JSON_SCHEMA, "结构库文件")
    try:
        return schema_from_data(doc.data)
    except ValueError as e:
        raise SchemaError(f"无法识别的写法：{e}", path, _line_containing(doc, doc.data, str(e))) from e


def _line_containing(doc: yamlio.Loaded, data: Any, text: str, at: tuple[Any, ...] = ()) -> int | None:
    """Line of the first scalar equal to ``text`` (where a value failed to parse)."""
    if isinstance(data, dict):
        items: list[tuple[Any, Any]] = list(data.items())
    elif isinstance(data, list):
        items = list(enumerate(data))
    else:
        return doc.line(list(at)) if str(data) == text else None
    for k, v in items:
        found = _line_containing(doc, v, text, (*at, k))
        if found:
            return found
    return None


def is_schema_file(path: Path) -> bool:
    """True when ``path`` holds a drafter schema (so regenerating may replace it)."""
    from drafter import yamlio
    from drafter.errors import DrafterError

    try:
        data = yamlio.load(path, "结构库").data
    except DrafterError:
        return False
    return isinstance(data, dict) and {"id", "themes", "plans_mined"} <= set(data)


def write_schema(s: Schema, path: Path, *, force: bool = False) -> None:
    """Write ``s`` to ``path`` atomically.

    An existing drafter schema is replaced (that is how a schema is
    regenerated); any other existing file only with ``force``.
    """
    from drafter.fileio import write_atomic

    if path.exists() and not path.is_dir() and not force and not is_schema_file(path):
        raise OutputError("文件已存在且不是 drafter 结构库，如需覆盖请加 --force", path)
    write_atomic(path, dump_schema(s).encode("utf-8"), force=force or path.is_file())

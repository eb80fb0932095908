"""Unit profiles: kinds of unit, how to recognise them from the org name, their field.

A profile (``templates/profiles/*.yaml``, format ``profile.schema.json``,
documented in ``docs/profiles.md``) says how to recognise a kind of unit
from its name (``match``: name fragments, regular expressions), its field
words, party body, superiors, audiences, positions and risks, and a few
tasks of its own field. :func:`match_profile` picks the profile whose
pattern matches the longest stretch of the org name; a nearer folder's
profile hides a built-in one of the same id.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from drafter import yamlio
from drafter.errors import SchemaError
from drafter.resources import bundled_dir, search_dirs

SUBDIR = "profiles"
#: How a caller keeps loaded knowledge: ``loader(files, read)`` returns ``read()`` or a kept copy.
Loader = Callable[[list[Path], Callable[[], object]], object]
JSON_SCHEMA = "profile.schema.json"


@dataclass(frozen=True)
class DomainTask:
    """A task of the unit's own field: the section (theme id) it belongs in, title, hints."""

    theme: str
    title: str
    hints: tuple[str, ...]


@dataclass(frozen=True)
class Profile:
    """One kind of unit. ``level`` ``None``: the level comes from the org name."""

    id: str
    name: str
    kind: str
    match: tuple[str, ...]
    field: str
    field_words: tuple[str, ...]
    party_body: str
    tasks: tuple[DomainTask, ...]
    system: str = ""
    level: str | None = None
    superiors: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()
    #: Heading of a section of the unit's own work (its tasks go there); "" when such plans have none.
    section: str = ""
    path: Path | None = dataclasses.field(default=None, compare=False)


@dataclass(frozen=True)
class Topic:
    """A task theme nearly every plan carries (network, the plenum …) and its fallback task."""

    id: str
    label: str
    keywords: str
    theme: str
    title: str
    hints: tuple[str, ...]
    #: True: every outline has a task of this topic; False: it only lends hints to such tasks.
    cover: bool = True

    @property
    def pattern(self) -> re.Pattern[str]:
        """The keywords compiled."""
        return _compiled(self.keywords)


@dataclass(frozen=True)
class Knowledge:
    """Everything the profile files hold: the profiles and the common topics."""

    profiles: list[Profile]
    topics: list[Topic]


@dataclass(frozen=True)
class Match:
    """A profile and the stretch of the org name that recognised it."""

    profile: Profile
    text: str


def profile_dirs(cwd: Path | None = None) -> list[Path]:
    """Folders holding profiles, nearest first."""
    return [d / SUBDIR for d in search_dirs("templates", cwd) if (d / SUBDIR).is_dir()]


def schema_file() -> Path:
    """The published JSON Schema of profile files."""
    return bundled_dir("templates") / SUBDIR / JSON_SCHEMA


def knowledge_files(cwd: Path | None = None) -> list[Path]:
    """The profile files, built-ins first, then nearer folders' (which override by id)."""
    return [f for d in reversed(profile_dirs(cwd)) for f in sorted(d.glob("*.yaml"))]


def load_knowledge(cwd: Path | None = None, loader: Loader | None = None) -> Knowledge:
    """Every profile and topic; a nearer folder's entry hides a built-in one of the same id.

    ``loader(files, read)`` may keep what ``read()`` returns across runs (drafting passes
    the cache of loaded files); ``None`` reads the files. Within a process the result is kept
    while the files are unchanged. Raises :class:`~drafter.errors.SchemaError` (file:line)
    for an invalid file.
    """
    files = knowledge_files(cwd)
    try:
        stamp = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    except OSError:
        stamp = None
    if stamp is not None and stamp in _LOADED:
        return _LOADED[stamp]
    value = loader(files, lambda: read_knowledge(files)) if loader is not None else read_knowledge(files)
    assert isinstance(value, Knowledge)
    if stamp is not None:
        _LOADED.clear()  # one set of files at a time
        _LOADED[stamp] = value
    return value


#: What this process loaded last, by the files' paths, times and sizes.
_LOADED: dict[tuple[tuple[str, int, int], ...], Knowledge] = {}


def load_profiles(cwd: Path | None = None) -> list[Profile]:
    """Every profile, in file order (see :func:`load_knowledge`)."""
    return load_knowledge(cwd).profiles


def load_topics(cwd: Path | None = None) -> list[Topic]:
    """The common task topics (see :func:`load_knowledge`)."""
    return load_knowledge(cwd).topics


def read_knowledge(files: list[Path]) -> Knowledge:
    """The profiles and topics of ``files`` (later files override earlier ones by id)."""
    by_id: dict[str, Profile] = {}
    topics: dict[str, Topic] = {}
    for path in files:  # built-ins first; a nearer file of the same id replaces the entry
        profiles, found = load_profile_file(path)
        by_id.update((p.id, p) for p in profiles)
        topics.update((t.id, t) for t in found)
    return Knowledge(list(by_id.values()), list(topics.values()))


def load_profile_file(path: Path) -> tuple[list[Profile], list[Topic]]:
    """The profiles and topics of one file, checked against the JSON Schema (built-ins by the tests)."""
    doc = yamlio.load(path, "单位画像文件")
    yamlio.validate(doc, schema_file(), "单位画像")
    data = doc.data
    if not isinstance(data, dict):
        raise SchemaError("单位画像文件应为映射，含 profiles: 或 topics: 列表", path, 1)
    topics = []
    for i, raw in enumerate(data.get("topics") or []):
        _check_pattern(raw["keywords"], doc, ["topics", i, "keywords"], str(raw["id"]))
        topics.append(Topic(str(raw["id"]), str(raw["label"]), str(raw["keywords"]), str(raw["theme"]),
                            str(raw["title"]), tuple(map(str, raw["hints"])), bool(raw.get("cover", True))))
    return [_checked(raw, i, doc) for i, raw in enumerate(data.get("profiles") or [])], topics


def _check_pattern(pattern: str, doc: yamlio.Loaded, keys: list[object], owner: str) -> None:
    try:
        re.compile(pattern)
    except re.error as e:
        line = yamlio.node_line(yamlio.value_node(doc.node, keys))
        raise SchemaError(f"“{owner}”的正则表达式写法有误（{pattern}：{e.msg}）", doc.path, line) from None


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


#: Characters that make a match pattern a regular expression rather than a plain name fragment.
_SPECIAL = frozenset("\\.^$*+?{}[]|()")


def _search(pattern: str, org: str) -> str | None:
    """The stretch of ``org`` that ``pattern`` finds first, or ``None``.

    Nearly every pattern is a plain name fragment (民政局): found with ``str.find``,
    the same leftmost stretch a compiled pattern finds, without compiling hundreds
    of patterns in every run.
    """
    if _SPECIAL.isdisjoint(pattern):
        return pattern if pattern in org else None
    m = _compiled(pattern).search(org)
    return m.group(0) if m else None


def _checked(raw: dict[str, object], i: int, doc: yamlio.Loaded) -> Profile:
    match = raw["match"]
    assert isinstance(match, list)
    for j, pattern in enumerate(match):
        _check_pattern(str(pattern), doc, ["profiles", i, "match", j], str(raw["id"]))
    return _profile(raw, doc.path)


def _profile(raw: dict[str, object], path: Path) -> Profile:
    def words(key: str) -> tuple[str, ...]:
        value = raw.get(key) or []
        assert isinstance(value, list)
        return tuple(str(v) for v in value)

    tasks = raw["tasks"]
    assert isinstance(tasks, list)
    return Profile(
        id=str(raw["id"]), name=str(raw["name"]), kind=str(raw["kind"]), match=words("match"),
        field=str(raw["field"]), field_words=words("field_words"), party_body=str(raw["party_body"]),
        tasks=tuple(DomainTask(str(t["theme"]), str(t["title"]), tuple(map(str, t["hints"]))) for t in tasks),
        system=str(raw.get("system") or ""), level=str(raw["level"]) if raw.get("level") else None,
        superiors=words("superiors"), audiences=words("audiences"), positions=words("positions"),
        risks=words("risks"), section=str(raw.get("section") or ""), path=path,
    )


def match_profile(org: str, profiles: list[Profile] | None = None, cwd: Path | None = None) -> Match | None:
    """The profile recognising ``org`` (the longest matching name fragment wins), or ``None``."""
    if not org:
        return None
    best: Match | None = None
    for profile in profiles if profiles is not None else load_profiles(cwd):
        for pattern in profile.match:
            found = _search(pattern, org)
            if found is not None and (best is None or len(found) > len(best.text)):
                best = Match(profile, found)
    return best


def foreign_words(own: Profile | None, org: str, profiles: list[Profile] | None = None,
                  cwd: Path | None = None) -> list[str]:
    """Field words of every other profile: text using one belongs to another kind of unit.

    Words of ``own`` profile, and words the org name contains, are not foreign.
    """
    mine = set(own.field_words) if own else set()
    # what the unit's own profile says about itself is its own wording
    said = "\n".join([t.title + "".join(t.hints) for t in own.tasks] + [*own.positions, *own.risks]) if own else ""
    out: dict[str, None] = {}
    for profile in profiles if profiles is not None else load_profiles(cwd):
        if own is not None and profile.id == own.id:
            continue
        for word in profile.field_words:
            if word not in mine and word not in org and word not in said and not any(word in m for m in mine):
                out[word] = None
    return list(out)


__all__ = [
    "DomainTask",
    "Knowledge",
    "Loader",
    "Match",
    "Profile",
    "Topic",
    "foreign_words",
    "knowledge_files",
    "load_knowledge",
    "load_profile_file",
    "load_profiles",
    "load_topics",
    "match_profile",
    "profile_dirs",
    "read_knowledge",
    "schema_file",
]

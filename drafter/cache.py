"""A cache of loaded files and built values, kept across runs.

Parsing and checking YAML costs far more than composing and rendering a plan
(a mined schema is a large file), and so does building the styled base of a
.docx with python-docx. The loaded form of a file is kept in a cache folder,
keyed by the file's path and a hash of its content (much as Python keeps
.pyc files); a built value is keyed by a text that says everything it was
built from. Only a value that loaded without error is kept.

The cache is a trust boundary: whatever sits in the folder is read as data
and never run. An entry is JSON (no pickle, no marshalled code): plain
values, text, bytes (base64), tuples, paths, and drafter's own record types
(dataclasses, named tuples, enums of ``drafter.*`` modules), rebuilt field by
field without calling any of their code. Each entry carries its stamp (the
drafter and format versions, the files' paths and content hashes, the key)
and a SHA-256 of its payload; both are checked before the payload is
decoded. A folder that is not owned by the user, or that others may write
to, is refused with a warning and drafter runs without a cache.

DRAFTER_NO_CACHE=1 bypasses the cache; DRAFTER_CACHE_DIR moves it (default:
$XDG_CACHE_HOME/drafter or ~/.cache/drafter). A cache that cannot be read or
written is simply not used.
"""

from __future__ import annotations

import base64
import dataclasses
import enum
import functools
import hashlib
import json
import os
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path, PurePath
from typing import Any

#: Part of every entry's stamp: bump it when the layout of entries changes.
_CACHE_FORMAT = 4
#: Largest entry read back (a bigger file is ignored and rebuilt).
MAX_ENTRY_BYTES = 64 * 1024 * 1024
#: Suffix of entry files.
_SUFFIX = ".json"

_warned: set[str] = set()


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when caching is switched off."""
    if os.environ.get("DRAFTER_NO_CACHE"):
        return None
    explicit = os.environ.get("DRAFTER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "drafter" if xdg else Path.home() / ".cache" / "drafter"


def usable_dir() -> Path | None:
    """The cache folder when it is safe to use (created private if missing), else ``None``.

    Safe means a folder (not a file or device) owned by the user that no one
    else may write to. An unsafe folder is refused with one warning on stderr;
    one that cannot be created is silently not used.
    """
    folder = cache_dir()
    if folder is None:
        return None
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            st = os.stat(folder)
        except OSError:
            return None
    except OSError:
        return None
    reason = _unsafe(st)
    if reason:
        _warn(folder, reason)
        return None
    return folder


def _unsafe(st: os.stat_result) -> str:
    if not stat.S_ISDIR(st.st_mode):
        return "不是文件夹"
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        return "不属于当前用户"
    if st.st_mode & 0o022:
        return "其他用户可以写入"
    return ""


def _warn(folder: Path, reason: str) -> None:
    key = f"{folder}|{reason}"
    if key in _warned:
        return
    _warned.add(key)
    print(f"drafter：缓存文件夹 {folder} {reason}，为安全起见本次不使用缓存"
          "（请改用自己的私有文件夹，如设置 DRAFTER_CACHE_DIR）", file=sys.stderr)


def _stamp(files: Sequence[Path]) -> list[Any]:
    """What a cache entry is valid for: the drafter version and each file's path and content hash.

    A content hash rather than the modification time, whose granularity
    (a few milliseconds) could miss a quick rewrite of the same size.
    """
    from drafter import __version__

    out: list[Any] = [_CACHE_FORMAT, __version__, sys.version_info[:2]]
    for f in files:
        out.append([str(f.resolve()), _file_hash(f)])
    back: list[Any] = json.loads(json.dumps(out))  # the form it takes when read back
    return back


def _file_hash(path: Path) -> str:
    """SHA-256 of a regular file's content; OSError for anything else (a FIFO would hang)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY_BYTES * 4:
            raise OSError(f"not a regular file of a sensible size: {path}")
        digest = hashlib.sha256()
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def cached(kind: str, files: list[Path], load: Callable[[], Any]) -> Any:
    """``load()``, or its result stored under ``kind`` while ``files`` stay unchanged."""
    return cached_value(kind, "", load, files=files)


def cached_value(kind: str, key: str, load: Callable[[], Any], *, files: Sequence[Path] = ()) -> Any:
    """``load()``, or its result stored under ``kind`` and ``key`` while ``files`` stay unchanged.

    ``key`` must say everything the value depends on besides drafter's
    version and ``files`` (say the ``repr`` of a frozen spec and the versions
    of the libraries that build it). An entry is named by ``kind``, ``key``
    and the files' paths, so a value loaded after the files changed replaces
    the stale one. A value that cannot be written as data is returned and not kept.
    """
    if cache_dir() is None:
        return load()
    try:
        stamp = [*_stamp(files), key]
    except OSError:
        return load()
    folder = usable_dir()
    if folder is None:
        return load()
    paths = [s[0] for s in stamp[3:-1]]
    name = json.dumps([kind, key, paths], ensure_ascii=False)
    entry = folder / f"{kind}-{hashlib.sha256(name.encode()).hexdigest()[:20]}{_SUFFIX}"
    found = _read(entry, stamp)
    if found is not _MISS:
        return found
    value = load()
    try:
        payload = json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError, RecursionError):  # not data drafter knows how to keep
        return value
    data = payload.encode("utf-8")
    if len(data) <= MAX_ENTRY_BYTES:  # a huge value (a reference full of images) is rebuilt, not kept
        _store(folder, entry, stamp, data)
    return value


_MISS = object()


def _read(entry: Path, stamp: list[Any]) -> Any:
    """The value of ``entry`` when its stamp and payload hash check out, else ``_MISS``."""
    try:
        fd = os.open(entry, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return _MISS
    try:
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY_BYTES or _unsafe_file(st):
                return _MISS
            head = f.readline(1 << 20)
            payload = f.read(MAX_ENTRY_BYTES)
        header = json.loads(head)
        if not isinstance(header, dict) or header.get("stamp") != stamp:
            return _MISS
        if header.get("sha256") != hashlib.sha256(payload).hexdigest():
            return _MISS
        return _loads(payload)
    except (OSError, ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError, _Refused):
        return _MISS


def _unsafe_file(st: os.stat_result) -> bool:
    return bool((hasattr(os, "geteuid") and st.st_uid != os.geteuid()) or st.st_mode & 0o022)


def _store(folder: Path, entry: Path, stamp: list[Any], payload: bytes) -> None:
    """Write a cache entry atomically: a header line (stamp, payload hash), then the payload."""
    import contextlib
    import tempfile

    header = json.dumps({"stamp": stamp, "sha256": hashlib.sha256(payload).hexdigest()}, ensure_ascii=False)
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(header.encode("utf-8") + b"\n" + payload)
        os.replace(tmp, entry)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


# --------------------------------------------------------------------------- data as JSON


class _Refused(Exception):
    """An entry names something that is not data drafter knows."""


def encode(value: Any) -> Any:
    """``value`` as JSON data; raises TypeError for anything that is not plain data or a drafter record."""
    from drafter.jinja_env import SourceText

    if value is None or type(value) in (bool, int, float):
        return value
    if type(value) is str:
        return value
    if isinstance(value, SourceText):
        o = value.origin
        return {"$": "S", "v": str(value), "o": None if o is None else [o.path, o.line, o.key]}
    if isinstance(value, list) and type(value) is list:
        return [encode(v) for v in value]
    if isinstance(value, dict) and type(value) is dict:
        return {"$": "d", "k": [encode(k) for k in value], "v": [encode(v) for v in value.values()]}
    if isinstance(value, bytes):
        return {"$": "b", "v": base64.b64encode(value).decode("ascii")}
    if isinstance(value, PurePath):
        return {"$": "p", "v": str(value)}
    cls = type(value)
    name = f"{cls.__module__}:{cls.__qualname__}"
    if isinstance(value, enum.Enum) and _drafter_class(cls):
        return {"$": "e", "c": name, "v": encode(value.value)}
    if isinstance(value, tuple) and hasattr(cls, "_fields") and _drafter_class(cls):
        return {"$": "n", "c": name, "v": [encode(v) for v in value]}
    if type(value) is tuple:
        return {"$": "t", "v": [encode(v) for v in value]}
    if type(value) in (set, frozenset):
        return {"$": "f" if type(value) is frozenset else "s", "v": sorted((encode(v) for v in value), key=repr)}
    if dataclasses.is_dataclass(value) and _drafter_class(cls):
        getstate = getattr(cls, "__getstate__", None)
        own = getstate is not None and getstate is not getattr(object, "__getstate__", None)
        state = getattr(value, "__getstate__")() if own else vars(value)  # noqa: B009
        if not isinstance(state, dict):
            raise TypeError(f"cannot keep {name}")
        names = [f.name for f in dataclasses.fields(value) if f.name in state]
        return {"$": "o", "c": name, "k": names, "v": [encode(state[k]) for k in names]}
    raise TypeError(f"cannot keep {name}")


def _drafter_class(cls: type) -> bool:
    return cls.__module__ == "drafter" or cls.__module__.startswith("drafter.")


_RESOLVED: dict[tuple[str, str], tuple[type, frozenset[str]]] = {}


def _resolve(name: Any, kind: str) -> tuple[type, frozenset[str]]:
    """The drafter class ``module:qualname`` (and its field names), only if it is a record type of ``kind``."""
    import importlib

    if not isinstance(name, str):
        raise _Refused(name)
    known = _RESOLVED.get((name, kind))
    if known is not None:
        return known
    if ":" not in name:
        raise _Refused(name)
    module, _, qualname = name.partition(":")
    if not (module == "drafter" or module.startswith("drafter.")) or not all(
            part.isidentifier() and not part.startswith("__") for part in (*module.split("."), *qualname.split("."))):
        raise _Refused(name)
    try:
        obj: Any = importlib.import_module(module)
    except ImportError:
        raise _Refused(name) from None
    for part in qualname.split("."):
        obj = getattr(obj, part, None)
    ok = isinstance(obj, type) and (
        (kind == "e" and issubclass(obj, enum.Enum))
        or (kind == "n" and issubclass(obj, tuple) and hasattr(obj, "_fields"))
        or (kind == "o" and dataclasses.is_dataclass(obj)))
    if not ok:
        raise _Refused(name)
    fields = frozenset(f.name for f in dataclasses.fields(obj)) if kind == "o" else frozenset()
    _RESOLVED[(name, kind)] = (obj, fields)
    return obj, fields


def decode(data: Any) -> Any:
    """The value :func:`encode` turned into ``data``; raises _Refused for anything else."""
    return json.loads(json.dumps(data), object_hook=_hook)


def _loads(payload: bytes) -> Any:
    """An entry's payload back as a value: JSON's own parser, each object rebuilt as it is read."""
    return json.loads(payload, object_hook=_hook)


def _hook(data: dict[str, Any]) -> Any:
    """One JSON object (its members already rebuilt) as the value it stands for.

    An object without a tag is the field map of a record (or anything a
    hostile entry holds): it stays a plain dict, which is data.
    """
    tag = data.get("$")
    if tag is None:
        return data
    if tag == "S":  # the commonest by far: every text read from a template or schema
        o = data["o"]
        source_text, origin = _text_types()
        text = str.__new__(source_text, data["v"])  # as SourceText.__new__ does, without its frame
        text.origin = None if o is None else tuple.__new__(origin, (str(o[0]), o[1], str(o[2])))
        return text
    if tag == "d":
        return dict(zip(data["k"], data["v"], strict=True))
    if tag == "t":
        return tuple(data["v"])
    if tag == "s":
        return set(data["v"])
    if tag == "f":
        return frozenset(data["v"])
    if tag == "b":
        return base64.b64decode(data["v"], validate=True)
    if tag == "p":
        return Path(data["v"])
    if tag == "e":
        return _resolve(data["c"], "e")[0](data["v"])
    if tag == "n":
        return _resolve(data["c"], "n")[0](*data["v"])
    if tag == "o":
        cls, fields = _resolve(data["c"], "o")
        names, values = data["k"], data["v"]
        if not isinstance(names, list) or not fields.issuperset(names) or len(names) != len(values):
            raise _Refused(data["c"])
        obj: Any = object.__new__(cls)
        obj.__dict__.update(zip(names, values, strict=True))  # no field setter or hook runs
        return obj
    raise _Refused(tag)


@functools.cache
def _text_types() -> tuple[Any, Any]:
    """SourceText and Origin, imported once (a large entry holds thousands of texts)."""
    from drafter.jinja_env import Origin, SourceText

    return SourceText, Origin


__all__ = ["cache_dir", "cached", "cached_value", "decode", "encode", "usable_dir"]

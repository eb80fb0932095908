"""A cache of loaded files and built values, kept across runs.

Parsing and checking YAML costs far more than composing and rendering a plan
(a mined schema is a large file), and so does building the styled base of a
.docx with python-docx. The loaded form of a file is kept in a cache folder,
keyed by the file's path and a hash of its content (much as Python keeps
.pyc files); a built value is keyed by a text that says everything it was
built from. Only a value that loaded without error is kept.

DRAFTER_NO_CACHE=1 bypasses the cache; DRAFTER_CACHE_DIR moves it (default:
$XDG_CACHE_HOME/drafter or ~/.cache/drafter). The entries are pickles, so
the folder is private (mode 0700); a cache that cannot be read or written is
simply not used.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

#: Part of every entry's stamp: bump it when the layout of entries changes.
_CACHE_FORMAT = 2


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when caching is switched off."""
    if os.environ.get("DRAFTER_NO_CACHE"):
        return None
    explicit = os.environ.get("DRAFTER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg) / "drafter" if xdg else Path.home() / ".cache" / "drafter"


def _stamp(files: Sequence[Path]) -> tuple[Any, ...]:
    """What a cache entry is valid for: the drafter version and each file's path and content hash.

    A content hash rather than the modification time, whose granularity
    (a few milliseconds) could miss a quick rewrite of the same size.
    """
    import hashlib

    from drafter import __version__

    out: list[Any] = [_CACHE_FORMAT, __version__]
    for f in files:
        out.append((str(f.resolve()), hashlib.sha1(f.read_bytes()).hexdigest()))
    return tuple(out)


def cached(kind: str, files: list[Path], load: Callable[[], Any]) -> Any:
    """``load()``, or its result stored under ``kind`` while ``files`` stay unchanged."""
    return cached_value(kind, "", load, files=files)


def cached_value(kind: str, key: str, load: Callable[[], Any], *, files: Sequence[Path] = ()) -> Any:
    """``load()``, or its result stored under ``kind`` and ``key`` while ``files`` stay unchanged.

    ``key`` must say everything the value depends on besides drafter's
    version and ``files`` (say the ``repr`` of a frozen spec and the versions
    of the libraries that build it). An entry is named by ``kind``, ``key``
    and the files' paths, so a value loaded after the files changed replaces
    the stale one.
    """
    import hashlib
    import pickle

    folder = cache_dir()
    if folder is None:
        return load()
    try:
        stamp = (*_stamp(files), key)
    except OSError:
        return load()
    paths = [s[0] for s in stamp[2:-1]]
    name = repr((kind, key, paths)) if key else repr((kind, paths))  # the latter: as before ``key``
    entry = folder / f"{kind}-{hashlib.sha1(name.encode()).hexdigest()[:16]}.pickle"
    try:
        with entry.open("rb") as f:
            saved_stamp, value = pickle.load(f)
        if saved_stamp == stamp:
            return value
    except (OSError, EOFError, ValueError, TypeError, AttributeError, ImportError, IndexError,
            pickle.UnpicklingError):
        pass
    value = load()
    _store(folder, entry, (stamp, value))
    return value


def _store(folder: Path, entry: Path, data: Any) -> None:
    """Write a cache entry atomically (a private folder: the entries are pickles)."""
    import contextlib
    import pickle
    import tempfile

    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(data, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except (OSError, pickle.PicklingError, RecursionError, AttributeError, TypeError):  # not picklable
        with contextlib.suppress(OSError):
            os.unlink(tmp)


__all__ = ["cache_dir", "cached", "cached_value"]

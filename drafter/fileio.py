"""Safe output: never a half-written file, never an unasked overwrite.

Data goes to a temporary file in the target's folder, is flushed to disk and
then moved into place in one step, so a reader (or Word) sees either the old
file or the complete new one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from drafter.errors import OutputError

_NEW_FILE_MODE = 0o644


def write_atomic(path: Path, data: bytes, *, force: bool) -> None:
    """Write ``data`` to ``path`` atomically.

    Without ``force`` an existing ``path`` is left untouched and
    :class:`~drafter.errors.OutputError` is raised; a missing or unwritable
    folder raises it too, naming the folder. On any failure the temporary
    file is removed.
    """
    path = Path(path)
    folder = path.parent
    if path.is_dir():
        raise OutputError("输出路径是一个文件夹，请给出文件名", path)
    if path.exists() and not force:
        raise OutputError("文件已存在，如需覆盖请加 --force", path)
    if folder.exists() and not folder.is_dir():
        raise OutputError("输出文件夹的位置是一个文件，不是文件夹", folder)
    if not folder.is_dir():
        raise OutputError("输出文件夹不存在", folder)
    tmp = _write_temp(folder, path, data)
    try:
        _move_into_place(tmp, path, force=force)
    except BaseException:
        _remove(tmp)
        raise
    _sync_folder(folder)


def _write_temp(folder: Path, path: Path, data: bytes) -> Path:
    """Write ``data`` to a flushed, fsynced temporary file beside ``path``; return its path."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise OutputError(f"无法在此文件夹中写入文件（{e.strerror or e}）", folder) from e
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, _mode_for(path))
    except BaseException as e:
        _remove(tmp)
        if isinstance(e, OSError):
            raise OutputError(f"写入失败（{e.strerror or e}）", path) from e
        raise
    return tmp


def _move_into_place(tmp: Path, path: Path, *, force: bool) -> None:
    try:
        if force:
            os.replace(tmp, path)
        else:
            _link_no_clobber(tmp, path)
    except FileExistsError as e:
        raise OutputError("文件已存在，如需覆盖请加 --force", path) from e
    except OSError as e:
        raise OutputError(f"无法写入文件（{e.strerror or e}）", path) from e


def _link_no_clobber(tmp: Path, path: Path) -> None:
    """Move ``tmp`` to ``path`` unless ``path`` appeared meanwhile.

    A hard link fails when the target exists, closing the gap between the
    existence check and the move; where the file system has no hard links
    the move falls back to a rename after a fresh check.
    """
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:
        if path.exists():
            raise FileExistsError(str(path)) from None
        os.replace(tmp, path)
        return
    _remove(tmp)


def _mode_for(path: Path) -> int:
    """Keep the permissions of a file being replaced; a new file gets rw-r--r--."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return _NEW_FILE_MODE


def _remove(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink()


def _sync_folder(folder: Path) -> None:
    """Persist the rename itself (best effort: not every system can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

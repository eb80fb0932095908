"""Safe output: never a half-written file, never an unasked overwrite.

Data goes to a temporary file in the target's folder, is flushed to disk and
then moved into place in one step, so a reader (or Word) sees either the old
file or the complete new one.

Only regular files are written or replaced: a device, a pipe or a folder at
the target is refused (``-o /dev/full --force`` must not replace the device
node), and so is any file inside drafter's own installed package. A new file
gets the permissions the umask allows (as ``open`` would); a replaced file
keeps its own. Names are checked in bytes against the file system's limit,
and the temporary name is short whatever the target's, so every legal name
can be written. Temporary files are named ``.drafter-<pid>-….tmp``: one left
behind by a process that no longer runs (killed, power cut) is removed by
:func:`clean_stale_temps`.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path

from drafter.errors import OutputError

#: Prefix of drafter's temporary files (the writing process's id follows).
TEMP_PREFIX = ".drafter-"
TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(rf"^{re.escape(TEMP_PREFIX)}(\d+)-[A-Za-z0-9_]+{re.escape(TEMP_SUFFIX)}$")
#: Longest file name when the file system does not say (bytes).
DEFAULT_NAME_MAX = 255


class OutputExists(OutputError):
    """The target exists and ``force`` was not given (perhaps another run wrote it meanwhile)."""


def write_atomic(path: Path, data: bytes, *, force: bool, durable: bool = True) -> None:
    """Write ``data`` to ``path`` atomically.

    Without ``force`` an existing ``path`` is left untouched and
    :class:`~drafter.errors.OutputError` is raised; a missing or unwritable
    folder raises it too, naming the folder, and so does a target that is
    not a regular file. On any failure the temporary file is removed.
    ``durable`` flushes the file and the rename to disk before returning; a
    caller writing many files (batch) may leave it off and flush them all
    at the end (:func:`flush_all`).
    """
    path = Path(path)
    folder = path.parent
    check_target(path, force=force)
    tmp = _write_temp(folder, path, data, durable=durable)
    try:
        _move_into_place(tmp, path, force=force)
    except BaseException:
        _remove(tmp)
        raise
    if durable:
        _sync_folder(folder)


def flush_all() -> None:
    """Flush every written file to disk at once (after many writes made without ``durable``)."""
    sync = getattr(os, "sync", None)
    if sync is not None:
        sync()


def check_target(path: Path, *, force: bool) -> None:
    """Refuse ``path`` as an output before anything is written (see :func:`write_atomic`)."""
    folder = path.parent
    check_name(path)
    refuse_package_file(path)
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        st = None  # the folder's turn, below
    except OSError as e:
        raise OutputError(f"无法使用此输出路径（{e.strerror or e}）", path) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputError("输出路径是一个文件夹，请给出文件名", path)
        if not stat.S_ISREG(st.st_mode):
            raise OutputError("输出路径不是普通文件（是设备、管道或套接字），拒绝写入或替换", path)
        if not force:
            raise OutputExists("文件已存在，如需覆盖请加 --force", path)
    try:
        fst = os.stat(folder)
    except FileNotFoundError:
        raise OutputError("输出文件夹不存在", folder) from None
    except OSError as e:
        raise OutputError(f"无法使用输出文件夹（{e.strerror or e}）", folder) from None
    if not stat.S_ISDIR(fst.st_mode):
        raise OutputError("输出文件夹的位置是一个文件，不是文件夹", folder)


def read_regular(path: Path, noun: str = "文件", limit: int = 64 * 1024 * 1024) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them.

    A device, pipe or socket is refused before anything is read (a FIFO
    would hang, /dev/zero never ends), and so is a file over ``limit``;
    errors are :class:`~drafter.errors.InputError` in Chinese naming the file.
    """
    from drafter.errors import InputError

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(f"找不到{' ' if noun[:1].isascii() else ''}{noun}", path) from None  # 找不到 Word 文档
    except IsADirectoryError:
        raise InputError("这是一个文件夹，不是文件", path) from None
    except OSError as e:
        raise InputError(f"无法读取{noun}（{e.strerror or e}）", path) from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if stat.S_ISDIR(st.st_mode):
            raise InputError("这是一个文件夹，不是文件", path)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{noun}不是普通文件（是设备、管道或套接字），拒绝读取", path)
        if st.st_size > limit:
            raise InputError(f"{noun}过大（{st.st_size // 1024} KB，上限 {limit // 1024} KB），拒绝读取", path)
        try:
            data = f.read(limit + 1)
        except OSError as e:
            raise InputError(f"无法读取{noun}（{e.strerror or e}）", path) from None
    if len(data) > limit:
        raise InputError(f"{noun}过大（上限 {limit // 1024} KB），拒绝读取", path)
    return data


def is_folder(path: Path) -> bool:
    """``path`` is a folder; ``False`` also when it cannot be looked at (a name too long, no access)."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def name_max(folder: Path) -> int:
    """The longest file name (in bytes) the file system of ``folder`` takes."""
    try:
        return int(os.pathconf(folder, "PC_NAME_MAX"))
    except (OSError, ValueError, AttributeError):
        return DEFAULT_NAME_MAX


def check_name(path: Path) -> None:
    """Refuse a file name longer than the file system allows, counted in bytes as file systems do."""
    size = len(os.fsencode(path.name))
    limit = name_max(path.parent)
    if size > limit:
        raise OutputError(f"文件名过长（{size} 字节，上限 {limit} 字节；一个汉字占 3 字节），请用 -o 给出短一些的文件名",
                          path)


def fit_name(stem: str, suffix: str, limit: int = DEFAULT_NAME_MAX) -> str:
    """``stem + suffix`` cut (at a character boundary) to at most ``limit`` bytes."""
    room = limit - len(os.fsencode(suffix))
    data = os.fsencode(stem)
    if len(data) <= room:
        return stem + suffix
    cut = data[:room].decode("utf-8", errors="ignore")
    return cut.rstrip(" .") + suffix


def package_dir() -> Path:
    """The folder of drafter's own installed package (code and built-in data)."""
    return Path(__file__).resolve().parent


def refuse_package_file(path: Path) -> None:
    """Refuse to write inside drafter's installed package: built-in data is read-only to every command."""
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):
        return
    if resolved.is_relative_to(package_dir()):
        raise OutputError("这是 drafter 自带的文件，不能改写；请先复制一份（模板用 drafter template new）", path)


def _write_temp(folder: Path, path: Path, data: bytes, *, durable: bool = True) -> Path:
    """Write ``data`` to a flushed, fsynced temporary file beside ``path``; return its path."""
    try:
        fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as e:
        raise OutputError(f"无法在此文件夹中写入文件（{e.strerror or e}）", folder) from e
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if durable:
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
            st = _stat_or_none(path)  # once more, just before the move: never replace a device node
            if st is not None and not stat.S_ISREG(st.st_mode):
                raise OutputError("输出路径不是普通文件（是设备、管道、套接字或文件夹），拒绝写入或替换", path)
            os.replace(tmp, path)
        else:
            _link_no_clobber(tmp, path)
    except FileExistsError as e:
        raise OutputExists("文件已存在，如需覆盖请加 --force", path) from e
    except OSError as e:
        raise OutputError(f"无法写入文件（{e.strerror or e}）", path) from e


def _stat_or_none(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None


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
        if os.path.lexists(path):
            raise FileExistsError(str(path)) from None
        os.replace(tmp, path)
        return
    _remove(tmp)


def _umask() -> int:
    """The process's umask, read without changing it where the system tells it."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(path: Path) -> int:
    """Keep the permissions of a file being replaced; a new file gets what the umask allows."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def _remove(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, another user's
    return True


def clean_stale_temps(folder: Path, *, own: bool = False) -> int:
    """Remove drafter's temporary files in ``folder`` whose process is gone (and, with ``own``, this one's).

    Returns how many were removed. A concurrent drafter's files are left alone.
    """
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        m = _TEMP_NAME.match(name)
        if not m:
            continue
        pid = int(m.group(1))
        if (own and pid == os.getpid()) or not _alive(pid):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)
                removed += 1
    return removed


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

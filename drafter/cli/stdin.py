"""``-`` as an input file: standard input, saved to a temporary file the readers can open.

The readers work on paths (a .docx is a zip, read by its suffix), so what
arrives on stdin is kept in a private temporary folder under a name with the
right suffix (``.docx`` when it is a zip, else ``.txt``) for as long as the
command runs. Errors name it ``<标准输入>``, not the temporary path.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from drafter.errors import DrafterError, InputError

#: The name errors and reports give standard input.
STDIN_NAME = "<标准输入>"
#: Most bytes read from standard input (as for a file: see drafter.corpus.extract).
MAX_STDIN_BYTES = 64 * 1024 * 1024


def is_stdin(path: Path | str) -> bool:
    """True for the ``-`` that stands for standard input."""
    return str(path) == "-"


@contextmanager
def input_path(path: Path) -> Iterator[Path]:
    """``path`` itself, or for ``-`` a temporary file holding standard input."""
    if not is_stdin(path):
        yield path
        return
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None or sys.stdin.isatty():
        raise InputError("用 - 表示从标准输入读取，但没有内容通过管道或重定向传入（如 drafter check - < 草稿.docx）")
    data = stream.read(MAX_STDIN_BYTES + 1)
    if len(data) > MAX_STDIN_BYTES:
        raise InputError(f"标准输入过大，超过 {MAX_STDIN_BYTES // 1024 // 1024} MB 上限", STDIN_NAME)
    suffix = ".docx" if data[:4] == b"PK\x03\x04" else ".txt"
    with tempfile.TemporaryDirectory(prefix="drafter-stdin-") as folder:
        temp = Path(folder) / f"标准输入{suffix}"
        temp.write_bytes(data)
        try:
            yield temp
        except DrafterError as e:
            if e.path == str(temp):
                e.path = STDIN_NAME
            raise


def shown(path: Path, real: Path) -> str:
    """How to name ``real`` (the file read for ``path``) to the user."""
    return STDIN_NAME if is_stdin(path) else str(real)

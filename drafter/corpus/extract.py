"""Turn a file into numbered text lines: .txt (any common Chinese encoding), .docx, .md.

Every failure is an :class:`~drafter.errors.InputError` naming the file. A
.docx is read straight from its zip with bounds on the number and size of
parts, so a zip bomb or an oversized part is refused rather than unpacked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drafter.errors import InputError
from drafter.lazy_re import lazy

#: Largest input read at all (bytes on disk). Plans are tens of KB.
MAX_FILE_BYTES = 200 * 1024 * 1024

SUFFIXES = (".txt", ".docx", ".md", ".markdown", ".text")

@dataclass(frozen=True, slots=True)
class Line:
    """One line of text and its 1-based number in the source (paragraph for .docx)."""

    no: int
    text: str


def read_lines(path: Path) -> list[Line]:
    """Read ``path`` into lines by its suffix; raise InputError when it cannot be read."""
    if not path.exists():
        raise InputError("文件不存在", path)
    if path.is_dir():
        raise InputError("这是一个文件夹，不是文件", path)
    if not path.is_file():
        raise InputError("文件不是普通文件（是设备、管道或套接字），拒绝读取", path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise InputError(f"无法读取文件（{e.strerror}）", path) from e
    if size == 0:
        raise InputError("文件是空的", path)
    if size > MAX_FILE_BYTES:
        raise InputError(f"文件过大（{size // 1024 // 1024} MB），超过 {MAX_FILE_BYTES // 1024 // 1024} MB 上限", path)
    data = _read_bytes(path)
    foreign = foreign_format(data)
    if foreign is not None:
        raise InputError(foreign, path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from drafter.corpus.docx_text import read_docx

        return [Line(i, text) for i, (_, text) in enumerate(read_docx(data, path).paragraphs, 1)]
    if data[:4] == b"PK\x03\x04":
        raise InputError("这是一个压缩包（可能是 .docx），请使用 .docx 扩展名", path)
    text = decode_text(data, path)
    if suffix in (".md", ".markdown"):
        text = strip_markdown(text)
    return text_lines(text)


#: Document formats drafter does not read, by their first bytes, and what to do instead.
_FOREIGN = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "这是旧版 Word/WPS 文档（.doc/.wps），drafter 读不了：请在 Word 或 WPS 中另存为 .docx 后再试"),
    (b"%PDF-", "这是 PDF 文件，drafter 读不了：请用 Word/WPS 打开后另存为 .docx，或把文字复制到 .txt 文件中"),
    (b"{\\rtf", "这是 RTF 文档，drafter 读不了：请在 Word 或 WPS 中另存为 .docx 后再试"),
)
#: Suffixes of documents a folder may hold that drafter does not read (reported, not silently skipped).
FOREIGN_SUFFIXES = (".doc", ".wps", ".pdf", ".rtf", ".odt", ".wpt", ".dot", ".html", ".htm", ".mht")


def foreign_format(data: bytes) -> str | None:
    """What to tell the user when ``data`` is a document format drafter does not read (None: not one)."""
    for magic, message in _FOREIGN:
        if data.startswith(magic):
            return message
    return None


def _read_bytes(path: Path) -> bytes:
    from drafter.fileio import read_regular

    return read_regular(path, "文件", MAX_FILE_BYTES)


def text_lines(text: str) -> list[Line]:
    """Split text into numbered lines (CRLF, CR and LF all end a line)."""
    return [Line(i, s) for i, s in enumerate(text.splitlines(), 1)]


def decode_text(data: bytes, path: Path) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.

    Binary data (NUL bytes, undecodable) raises InputError.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", path)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", path)
    if b"\x00" in data[:4096]:
        raise InputError("这不是文本文件（含有二进制内容）", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = _guess(data, path)
    if _control_ratio(text) > 0.01:
        raise InputError("这不是文本文件（含有二进制内容）", path)
    return text


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(f"文本编码无法识别（按 {encoding} 解码失败，位置 {e.start}）", path) from e


def _guess(data: bytes, path: Path) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("这不是文本文件，或文本编码无法识别", path)
    return str(best)


_CONTROL = lazy(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


_MD_PREFIX = lazy(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+(?=\S))")
_MD_EMPHASIS = lazy(r"(\*\*|__)(.+?)\1")


def strip_markdown(text: str) -> str:
    """Remove Markdown markup a plan may carry (headings, quotes, bullets, bold)."""
    out = []
    for line in text.splitlines():
        line = _MD_PREFIX.sub("", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        out.append(line)
    return "\n".join(out)

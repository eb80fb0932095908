"""Bounds on a .docx read from outside, checked before any XML library sees it.

A .docx is a zip of XML parts (and images). Whatever reads one — the
reader of drafts and corpus documents, ``check``'s format checks, a
``--reference`` document — first passes it through here:

- only a regular file is read (a FIFO or device is refused unread), at most
  :data:`MAX_FILE_BYTES`;
- at most :data:`MAX_ZIP_ENTRIES` parts, none larger than
  :data:`MAX_PART_BYTES` unpacked, none packed more tightly than
  :data:`MAX_RATIO` (a zip bomb), all together at most :data:`MAX_TOTAL_BYTES`;
- no XML part carries a DTD (``<!DOCTYPE``), so no entity is ever defined
  or expanded (a billion-laughs part, or one Word cannot open once rewritten).

Every refusal is an :class:`~drafter.errors.InputError` in Chinese naming the file.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from drafter.errors import InputError

#: Largest .docx file read.
MAX_FILE_BYTES = 200 * 1024 * 1024
#: Largest part, unpacked.
MAX_PART_BYTES = 64 * 1024 * 1024
#: All parts together, unpacked.
MAX_TOTAL_BYTES = 256 * 1024 * 1024
#: Most parts in one package.
MAX_ZIP_ENTRIES = 5000
#: Highest unpacked/packed ratio of a part bigger than 1 MB.
MAX_RATIO = 200

_DTD_MARKS = tuple(mark.encode(enc) for mark in ("<!DOCTYPE", "<!ENTITY")
                   for enc in ("utf-8", "utf-16-le", "utf-16-be"))


def read_docx(path: Path, noun: str = "Word 文档") -> bytes:
    """The bytes of the .docx at ``path``, checked as the module says."""
    from drafter.fileio import read_regular

    data = read_regular(path, noun, MAX_FILE_BYTES)
    check_docx(data, path, noun)
    return data


def check_docx(data: bytes, path: Path, noun: str = "Word 文档") -> None:
    """Refuse a package over the bounds or with a DTD in any XML part (see the module)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        subject = "" if noun == "Word 文档" else noun  # "Word 文档不是有效的 Word 文档" says nothing twice
        raise InputError(f"{subject}不是有效的 Word 文档（.docx 应为 zip 压缩包）", path) from e
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            raise InputError(f"{noun}内部文件过多（{len(infos)} 个），拒绝读取", path)
        total = 0
        for info in infos:
            check_part_info(info, path, noun)
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise InputError(f"{noun}解压后过大（超过 {MAX_TOTAL_BYTES // 1024 // 1024} MB），拒绝读取", path)
        for info in infos:
            if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                refuse_dtd(read_part(zf, info, path, noun), path, info.filename, noun)


def check_part_info(info: zipfile.ZipInfo, path: Path, noun: str = "Word 文档") -> None:
    """Refuse a part that unpacks too large or too tightly packed, by its zip header."""
    if info.file_size > MAX_PART_BYTES:
        raise InputError(f"{noun}中的 {info.filename} 过大（{info.file_size // 1024 // 1024} MB），拒绝读取", path)
    if info.file_size > 1 << 20 and (not info.compress_size or info.file_size / info.compress_size > MAX_RATIO):
        raise InputError(f"{noun}压缩比异常（疑似压缩炸弹），拒绝读取", path)


def read_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, noun: str = "Word 文档") -> bytes:
    """One part's bytes, read no further than its bound whatever its header claims."""
    check_part_info(info, path, noun)
    try:
        with zf.open(info) as f:
            data = f.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, ValueError, EOFError) as e:
        raise InputError(f"{noun}已损坏（{e}）", path) from e
    if len(data) > MAX_PART_BYTES:
        raise InputError(f"{noun}中的 {info.filename} 过大，拒绝读取", path)
    return data


def refuse_dtd(xml: bytes, path: Path, part: str = "", noun: str = "Word 文档") -> None:
    """Refuse an XML part that declares a DTD or entities (Word never writes one)."""
    if any(mark in xml for mark in _DTD_MARKS):
        where = f"中的 {part} " if part else ""
        raise InputError(f"{noun}{where}含有 DTD 或实体声明，拒绝读取", path)


__all__ = ["MAX_FILE_BYTES", "MAX_PART_BYTES", "check_docx", "read_docx", "read_part", "refuse_dtd"]

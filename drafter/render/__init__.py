"""Writing plans out: GB/T 9704 .docx, Markdown and plain text.

All three share one walk over the plan (:func:`~drafter.render.text.iter_blocks`),
so numbering and paragraph text are decided in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drafter.render.text import Block, BlockKind, iter_blocks, render_markdown, render_text

if TYPE_CHECKING:
    from drafter.render.docx import render_docx, write_docx


def __getattr__(name: str) -> Any:
    # The .docx writer loads when it is first used: reading text blocks (check, format) does not need it.
    if name in ("render_docx", "write_docx"):
        from drafter.render import docx

        return getattr(docx, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "Block",
    "BlockKind",
    "iter_blocks",
    "render_docx",
    "render_markdown",
    "render_text",
    "write_docx",
]

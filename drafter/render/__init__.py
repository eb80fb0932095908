"""Writing plans out: GB/T 9704 .docx, Markdown and plain text.

All three share one walk over the plan (:func:`~drafter.render.text.iter_blocks`),
so numbering and paragraph text are decided in one place.
"""

from __future__ import annotations

from drafter.render.docx import render_docx, write_docx
from drafter.render.text import Block, BlockKind, iter_blocks, render_markdown, render_text

__all__ = [
    "Block",
    "BlockKind",
    "iter_blocks",
    "render_docx",
    "render_markdown",
    "render_text",
    "write_docx",
]

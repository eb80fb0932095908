"""Regular expressions compiled on first use.

Compiling a pattern with long alternations or CJK character classes costs
a fraction of a millisecond, and drafter's modules hold dozens of them for
reading, checking and mining documents. A command that never reads a
document (``drafter new``) should not pay for them: a module-level
:func:`lazy` pattern is compiled the first time it is used, once per process.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING


class LazyPattern:
    """A stand-in for ``re.compile(source, flags)`` that compiles on first use.

    The first use puts the compiled pattern's own bound methods into the
    instance, so later calls cost what calls on a compiled pattern cost (the
    reader makes tens of thousands of them in a run).
    """

    _METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern."""
        if self._compiled is None:
            compiled = re.compile(self._source, self._flags)
            self.__dict__.update({name: getattr(compiled, name) for name in self._METHODS})
            self._compiled = compiled
        return self._compiled

    @property
    def pattern(self) -> str:
        """The source text of the pattern."""
        return self._source

    if TYPE_CHECKING:  # the methods of re.Pattern, bound in the instance on first use
        def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None: ...  # noqa: D102
        def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None: ...  # noqa: D102
        def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None: ...  # noqa: D102
        def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]: ...  # noqa: D102
        def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[str]: ...  # noqa: D102
        def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str: ...  # noqa: D102
        def split(self, string: str, maxsplit: int = 0) -> list[str]: ...  # noqa: D102
    else:
        def __getattr__(self, name: str) -> object:
            # reached only before the first use: afterwards the methods are instance attributes
            if name in LazyPattern._METHODS:
                return getattr(self.compiled, name)
            raise AttributeError(name)


def lazy(source: str, flags: int = 0) -> LazyPattern:
    """A pattern like ``re.compile(source, flags)``, compiled the first time it is used."""
    return LazyPattern(source, flags)


__all__ = ["LazyPattern", "lazy"]

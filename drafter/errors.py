"""Every user-facing failure of drafter.

Library code raises these; ``drafter.cli`` turns them into one line on
stderr and an exit code, in one place. Messages are in Simplified Chinese
and name the file (and line, where there is one).
"""

from __future__ import annotations

from pathlib import Path


class DrafterError(Exception):
    """Base of all errors drafter reports to its user.

    ``path``, ``line`` and ``column`` (1-based) locate the problem when known;
    ``str()`` gives the one-line message with the location in front
    (``file:line:column:``, as editors link it).
    """

    exit_code = 2

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None,
                 column: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column

    def __reduce__(self) -> tuple[type[DrafterError], tuple[str, str | None, int | None, int | None]]:
        """Errors cross from worker processes whole, with their location."""
        return type(self), (self.message, self.path, self.line, self.column)

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}: "
            if self.line:
                where = f"{self.path}:{self.line}:{self.column}: " if self.column else f"{self.path}:{self.line}: "
        return f"{where}{self.message}"


class InputError(DrafterError):
    """Raised when an input file is missing, unreadable, empty or of the wrong kind."""


class ParseError(DrafterError):
    """Raised when a readable text holds no work plan drafter can make out."""


class SchemaError(DrafterError):
    """Raised when a schema or template YAML file is invalid."""


class TemplateError(DrafterError):
    """Raised when a department template cannot be resolved or rendered."""


class OutputError(DrafterError):
    """Raised when an output cannot be written (exists without --force, unwritable folder)."""

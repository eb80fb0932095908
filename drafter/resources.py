"""Where drafter finds its data: the user's folders first, then the built-ins.

The project's top-level ``templates/`` and ``schemas/`` folders ship inside the
installed package as ``drafter._bundled.*``. Running from a checkout uses the
folders themselves, so an edit there shows at once.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

Kind = Literal["templates", "schemas"]


@cache
def bundled_dir(kind: Kind) -> Path:
    """The built-in ``templates`` or ``schemas`` folder."""
    package = Path(__file__).resolve().parent
    checkout = package.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / kind).is_dir():
        return checkout / kind
    return package / "_bundled" / kind


def search_dirs(kind: Kind, cwd: Path | None = None) -> list[Path]:
    """Folders to look in, nearest first: ``./<kind>`` (if any), then the built-in one."""
    here = (cwd or Path.cwd()) / kind
    out = [here] if here.is_dir() else []
    builtin = bundled_dir(kind)
    if not out or out[0].resolve() != builtin.resolve():
        out.append(builtin)
    return out


def is_builtin(path: Path) -> bool:
    """``path`` is one of drafter's own data files (checked by its tests, not at run time)."""
    resolved = path.resolve()
    return any(resolved.is_relative_to(bundled_dir(kind).resolve()) for kind in ("templates", "schemas"))

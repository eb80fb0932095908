"""drafter's own data files are valid (the run time trusts them and skips JSON Schema checks)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter import yamlio
from drafter.resources import bundled_dir, is_builtin

TEMPLATES = bundled_dir("templates")
SCHEMAS = bundled_dir("schemas")
FILES = [
    *[(p, TEMPLATES / "departments" / "department.schema.json") for p in sorted((TEMPLATES / "departments").glob("*.yaml"))],
    *[(p, TEMPLATES / "context" / (f"{p.stem}.schema.json" if p.stem in ("timeline", "lexicon") else "context.schema.json"))
      for p in sorted((TEMPLATES / "context").glob("*.yaml"))],
    *[(p, TEMPLATES / "styles" / "style.schema.json") for p in sorted((TEMPLATES / "styles").glob("*.yaml"))],
    *[(p, SCHEMAS / "schema.schema.json") for p in sorted(SCHEMAS.glob("*.yaml"))],
    *[(p, TEMPLATES / "profiles" / "profile.schema.json") for p in sorted((TEMPLATES / "profiles").glob("*.yaml"))],
]


def test_every_kind_of_data_file_is_covered() -> None:
    assert len(FILES) >= 12 + 1 + 1 + 1
    assert all(is_builtin(p) for p, _ in FILES)


@pytest.mark.parametrize(("path", "schema"), FILES, ids=[p.name for p, _ in FILES])
def test_builtin_file_valid(path: Path, schema: Path) -> None:
    yamlio.validate(yamlio.load(path), schema, always=True)


def test_user_files_are_not_trusted(tmp_path: Path) -> None:
    assert not is_builtin(tmp_path / "templates" / "departments" / "x.yaml")

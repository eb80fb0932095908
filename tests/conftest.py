from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("drafter-cache")


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch, _cache_dir: Path) -> None:
    # drafter uses DRAFTER_TODAY (if set) as "today", so outputs are deterministic
    monkeypatch.setenv("DRAFTER_TODAY", "2026-03-01")
    # the cache of loaded files goes to a temporary folder, never the user's home
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(_cache_dir))

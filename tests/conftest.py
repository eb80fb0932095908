from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    # drafter uses DRAFTER_TODAY (if set) as "today", so outputs are deterministic
    monkeypatch.setenv("DRAFTER_TODAY", "2026-03-01")

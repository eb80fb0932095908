from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

FIXTURES = Path(__file__).parent / "fixtures"

# Property tests (hypothesis) take their example count from a profile, never from the test:
#   dev     random exploration, failures kept in .hypothesis/ and replayed first (default);
#   ci      the same examples on every run, no database: CI cannot fail by chance (CI=true);
#   stress  many more random examples, to hunt for failures before they reach CI.
# HYPOTHESIS_PROFILE=<name> picks one explicitly (see CONTRIBUTING.md).
_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]}
settings.register_profile("dev", max_examples=50, **_COMMON)  # type: ignore[arg-type]
settings.register_profile("ci", max_examples=100, derandomize=True, database=None, print_blob=True,
                          **_COMMON)  # type: ignore[arg-type]
settings.register_profile("stress", max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "1000")),
                          print_blob=True, **_COMMON)  # type: ignore[arg-type]
_IN_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if _IN_CI else "dev"))


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

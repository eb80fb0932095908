"""The everyday defaults of drafting: today, the default year, a project's ``drafter.yaml``.

"Today" is ``DRAFTER_TODAY`` (``YYYY-MM-DD``) when set, so tests and batch
runs are reproducible. Plans are drafted in the last quarter for the year to
come, so from 1 October the default year is next year (:func:`default_year`).
"""

from __future__ import annotations

import datetime as _dt
import os

from drafter.errors import InputError

#: The month from which the default year is the next one (plans are drafted in Q4).
NEXT_YEAR_FROM_MONTH = 10


def today() -> _dt.date:
    """Return today's date, or ``DRAFTER_TODAY`` (``YYYY-MM-DD``) when that is set."""
    value = os.environ.get("DRAFTER_TODAY", "").strip()
    if not value:
        return _dt.date.today()
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"环境变量 DRAFTER_TODAY 应为 YYYY-MM-DD 格式的日期，实为“{value}”") from None


def default_year(day: _dt.date | None = None) -> int:
    """The year a plan drafted on ``day`` (None: today) is for: next year from 1 October."""
    day = day or today()
    return day.year + 1 if day.month >= NEXT_YEAR_FROM_MONTH else day.year


def default_year_note(year: int) -> str:
    """The line said on stderr when the year was not given."""
    return f"默认年度 {year}（10 月起默认为下一年度，用 --year 指定）"

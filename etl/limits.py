"""What a cell may hold, shared by the pandas validators (etl/values.py) and the SQL one (etl/cases.py)."""

from __future__ import annotations

from etl.problems import EnvironmentNotReady
from etl.quarter_text import quarter_bounds

__all__ = ["INT_MAX", "WHOLE_NUMBER", "checked_bounds"]

INT_MAX = 2**31 - 1  # the warehouse stores counts as INTEGER
WHOLE_NUMBER = r"-?\d{1,12}"  # after removing thousands separators and spaces


def checked_bounds() -> tuple[str, str]:
    """:func:`etl.quarter_text.quarter_bounds`, a bad setting being the environment's fault (exit 3)."""
    try:
        return quarter_bounds()
    except ValueError as exc:
        raise EnvironmentNotReady(str(exc)) from exc

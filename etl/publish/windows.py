"""The windows of quarters the dashboard offers, for every quarter with data.

``1q`` is the quarter alone, ``4q`` the four quarters ending with it, and
``fytd`` the Thai fiscal year (from October) up to it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core import quarters

__all__ = ["KINDS", "Window", "all_windows", "open_services", "quarter_range", "window"]

KINDS = ("1q", "4q", "fytd")


@dataclass(frozen=True)
class Window:
    """A window of consecutive calendar quarters ending at ``end``."""

    kind: str
    end: str
    start: str

    @property
    def quarters(self) -> list[str]:
        (end_year, end_q), (start_year, start_q) = quarters.split(self.end), quarters.split(self.start)
        return quarters.window(self.end, (end_year - start_year) * 4 + end_q - start_q + 1)


def window(kind: str, end: str) -> Window:
    """The window of ``kind`` ending at ``end``.

    >>> window("fytd", "2025Q1").quarters
    ['2024Q4', '2025Q1']
    >>> window("4q", "2025Q1").start
    '2024Q2'
    """
    return Window(kind, end, quarters.span_start(kind, end))


def quarter_range(present: list[str]) -> list[str]:
    """Every quarter from the first to the last of ``present`` (a quarter without rows is still a quarter).

    >>> quarter_range(["2024Q3", "2025Q1"])
    ['2024Q3', '2024Q4', '2025Q1']
    """
    if not present:
        return []
    first, last = min(present), max(present)
    (last_year, last_q), (first_year, first_q) = quarters.split(last), quarters.split(first)
    return quarters.window(last, (last_year - first_year) * 4 + last_q - first_q + 1)


def all_windows(ends: list[str]) -> list[Window]:
    """Every window of every kind ending at each of ``ends``."""
    return [window(kind, end) for end in ends for kind in KINDS]


def _first_day(quarter: str) -> pd.Timestamp:
    year, _ = quarters.split(quarter)
    return pd.Timestamp(year, quarters.months(quarter)[0], 1)


def open_services(services: pd.DataFrame, window: Window) -> pd.Series:
    """Which ``services`` are open at some time in ``window``: opened (if known) before it ends, and
    closed (if ever) not before it starts.

    >>> services = pd.DataFrame({"opened": ["2024-01-10", None], "closed": [None, "2024-12-31"]})
    >>> open_services(services, window("1q", "2025Q1")).tolist()
    [True, False]
    """
    opened = pd.to_datetime(services["opened"])
    closed = pd.to_datetime(services["closed"])
    ends, starts = _first_day(quarters.shift(window.end, 1)), _first_day(window.start)
    return (opened.isna() | (opened < ends)) & (closed.isna() | (closed >= starts))

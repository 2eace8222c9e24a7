"""Read a quarter as analysts write it, into the stored calendar key ``YYYYQn``.

Accepted, with Common Era or Buddhist Era years (a year of 2400 or more is
BE: 543 is subtracted):

- calendar: ``2025Q2``, ``2025-Q2``, ``Q2/2025``, ``Q2 2025``, Thai ``ไตรมาส 2/2568``;
- Thai fiscal (the year starts on 1 October and is named by the year it ends):
  ``FY2568Q1``, ``FY2025Q1``, ``ปีงบประมาณ 2568 ไตรมาส 1``.

>>> [parse_quarter_text(t) for t in ("2025-Q2", "Q2/2568", "ไตรมาส 2/2568", "FY2568Q1", "ปีงบประมาณ 2568 ไตรมาส 1")]
['2025Q2', '2025Q2', '2025Q2', '2024Q4', '2024Q4']
>>> parse_quarter_text("2025Q5") is None
True

Plausible quarters lie between ``SAFESPACE_FIRST_QUARTER`` (default 2000Q1)
and the current quarter in Bangkok: :func:`quarter_bounds`. A file's
9999Q4 (read as Buddhist Era 9999 = 9456) or 0000Q1 is refused, not stored.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from core import settings
from core.quarters import BANGKOK, BE_OFFSET, from_fiscal, key

__all__ = ["current_quarter", "parse_quarter_text", "quarter_bounds"]


BE_FROM = 2400  # no Common Era year in these files is this large
_SPACE = r"[\s\-/.]*"
_CALENDAR = [
    re.compile(rf"^(?P<year>\d{{4}}){_SPACE}Q(?P<q>[1-4])$"),
    re.compile(rf"^Q(?P<q>[1-4]){_SPACE}(?P<year>\d{{4}})$"),
    re.compile(rf"^ไตรมาส(ที่)?{_SPACE}(?P<q>[1-4]){_SPACE}(ปี)?{_SPACE}(?P<year>\d{{4}})$"),
]
_FISCAL = [
    re.compile(rf"^FY{_SPACE}(?P<year>\d{{4}}){_SPACE}Q(?P<q>[1-4])$"),
    re.compile(rf"^Q(?P<q>[1-4]){_SPACE}FY{_SPACE}(?P<year>\d{{4}})$"),
    re.compile(rf"^(ปีงบประมาณ|ปีงบ){_SPACE}(พ\.?ศ\.?)?{_SPACE}(?P<year>\d{{4}}){_SPACE}ไตรมาส(ที่)?{_SPACE}(?P<q>[1-4])$"),
    re.compile(rf"^ไตรมาส(ที่)?{_SPACE}(?P<q>[1-4]){_SPACE}(ปีงบประมาณ|ปีงบ){_SPACE}(พ\.?ศ\.?)?{_SPACE}(?P<year>\d{{4}})$"),
]


def _ce(year: int) -> int:
    return year - BE_OFFSET if year >= BE_FROM else year


def parse_quarter_text(text: str) -> str | None:
    """The calendar key for ``text``, or None when it is not a quarter."""
    cleaned = re.sub(r"\s+", " ", str(text)).strip().upper()
    for pattern in _CALENDAR:
        if match := pattern.match(cleaned):
            return key(_ce(int(match["year"])), int(match["q"]))
    for pattern in _FISCAL:
        if match := pattern.match(cleaned):
            return from_fiscal(_ce(int(match["year"])), int(match["q"]))
    return None


def current_quarter(today: date | None = None) -> str:
    """The calendar quarter of ``today`` (default: now in Bangkok).

    >>> current_quarter(date(2026, 12, 2))
    '2026Q4'
    """
    today = today or datetime.now(BANGKOK).date()
    return key(today.year, (today.month - 1) // 3 + 1)


def quarter_bounds() -> tuple[str, str]:
    """The earliest and the latest quarter a file may hold: ``SAFESPACE_FIRST_QUARTER`` and now.

    Raises ValueError when the setting is not a quarter.
    """
    setting = settings.first_quarter()
    first = parse_quarter_text(setting)
    if first is None:
        raise ValueError(f"{settings.FIRST_QUARTER.name}={setting!r} is not a quarter; write it like 2000Q1")
    return first, current_quarter()

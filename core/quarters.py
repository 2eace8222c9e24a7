"""The warehouse's quarter key and its arithmetic.

Quarters are stored as calendar quarters in the Common Era, ``'YYYYQn'``.
Thailand's government fiscal year starts on 1 October and is named by the
year in which it ends, so fiscal Q1 of FY2025 (FY2568 BE) is October to
December 2024, calendar ``2024Q4``.

The arithmetic is a few lines of integers rather than ``pandas.Period``
because the cases load path imports no pandas; tests/test_quarters.py holds
it to pandas' ``Q-DEC`` and ``Q-SEP`` periods and the month names to Babel's.

>>> shift("2025Q1", -1)
'2024Q4'
>>> fiscal("2024Q4")
(2025, 1)
>>> from_fiscal(2025, 1)
'2024Q4'
>>> window("2025Q2", 4)
['2024Q3', '2024Q4', '2025Q1', '2025Q2']
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

__all__ = [
    "BANGKOK",
    "BE_OFFSET",
    "MONTHS",
    "describe",
    "fiscal",
    "from_fiscal",
    "in_bangkok",
    "is_key",
    "key",
    "months",
    "previous_step",
    "shift",
    "span_start",
    "split",
    "window",
]

BE_OFFSET = 543  # Buddhist Era year = Common Era year + 543
BANGKOK = ZoneInfo("Asia/Bangkok")


def in_bangkok(utc: datetime) -> datetime:
    """A timestamp as the warehouse stores it (UTC, without a zone) in Bangkok's time.

    >>> in_bangkok(datetime(2025, 1, 4, 18, 30)).isoformat()
    '2025-01-05T01:30:00+07:00'
    """
    return utc.replace(tzinfo=UTC).astimezone(BANGKOK)


# Abbreviated month names, January first, as Thai and English government documents write them.
MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "th": ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."),
}
_KEY = re.compile(r"^(\d{4})Q([1-4])$")


def is_key(text: str) -> bool:
    """True when ``text`` is a stored quarter key such as ``'2025Q2'``."""
    return bool(_KEY.match(text))


def split(quarter: str) -> tuple[int, int]:
    """``'2025Q2'`` -> ``(2025, 2)``."""
    match = _KEY.match(quarter)
    if not match:
        raise ValueError(f"not a quarter key: {quarter!r} (expected e.g. 2025Q2)")
    return int(match.group(1)), int(match.group(2))


def key(year: int, q: int) -> str:
    """``(2025, 2)`` -> ``'2025Q2'``."""
    return f"{year:04d}Q{q}"


def shift(quarter: str, n: int) -> str:
    """The quarter ``n`` quarters after (negative: before) ``quarter``."""
    year, q = split(quarter)
    index = year * 4 + (q - 1) + n
    return key(index // 4, index % 4 + 1)


def window(end: str, n: int) -> list[str]:
    """The ``n`` quarters ending at ``end``, oldest first."""
    return [shift(end, i) for i in range(-(n - 1), 1)]


def span_start(span: str, end: str) -> str:
    """The first quarter of a published window: ``1q`` the quarter alone, ``4q`` the four quarters ending
    with it, ``fytd`` the Thai fiscal year up to it.

    >>> span_start("1q", "2025Q1"), span_start("4q", "2025Q1"), span_start("fytd", "2025Q1")
    ('2025Q1', '2024Q2', '2024Q4')
    """
    if span == "1q":
        return end
    if span == "4q":
        return shift(end, -3)
    if span == "fytd":
        return from_fiscal(fiscal(end)[0], 1)
    raise ValueError(f"unknown window {span!r}; expected one of 1q, 4q, fytd")


def previous_step(span: str) -> int:
    """How many quarters before a window's end the window it is compared with as "previous" ends.

    The same window one quarter earlier, except for a fiscal year to date: that ending one quarter
    earlier is a shorter stretch of another part of the year (Oct–Mar against Oct–Jun), so it is
    compared with the same part of the previous fiscal year.

    >>> [shift("2025Q2", previous_step(span)) for span in ("1q", "4q", "fytd")]
    ['2025Q1', '2025Q1', '2024Q2']
    >>> span_start("fytd", shift("2025Q2", previous_step("fytd"))), span_start("fytd", "2025Q2")
    ('2023Q4', '2024Q4')
    """
    return -4 if span == "fytd" else -1


def fiscal(quarter: str) -> tuple[int, int]:
    """Thai fiscal (year CE, quarter) of a calendar quarter."""
    year, q = split(quarter)
    return (year + 1, 1) if q == 4 else (year, q + 1)


def from_fiscal(fiscal_year: int, fiscal_q: int) -> str:
    """Calendar quarter of a Thai fiscal quarter (fiscal year given in CE)."""
    return key(fiscal_year - 1, 4) if fiscal_q == 1 else key(fiscal_year, fiscal_q - 1)


def months(quarter: str) -> tuple[int, int]:
    """First and last calendar month (1-12) of a quarter."""
    _, q = split(quarter)
    return 3 * q - 2, 3 * q


def describe(quarter: str) -> str:
    """A quarter in every convention an analyst may have meant, to catch one read a quarter off.

    >>> describe("2024Q4")
    '2024Q4 = Oct–Dec 2024 = Q1 FY2025 = ไตรมาส 1 ปีงบประมาณ 2568 (ต.ค.–ธ.ค. 2567)'
    """
    year, _ = split(quarter)
    first, last = months(quarter)
    fiscal_year, fiscal_q = fiscal(quarter)
    english = f"{MONTHS['en'][first - 1]}–{MONTHS['en'][last - 1]} {year}"
    thai = f"{MONTHS['th'][first - 1]}–{MONTHS['th'][last - 1]} {year + BE_OFFSET}"
    return (
        f"{quarter} = {english} = Q{fiscal_q} FY{fiscal_year} = "
        f"ไตรมาส {fiscal_q} ปีงบประมาณ {fiscal_year + BE_OFFSET} ({thai})"
    )

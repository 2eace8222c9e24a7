"""Quarter and date labels the way Thai government readers expect them.

Thai text gives years in the Buddhist Era (CE + 543), English in the Common
Era. The default style is the Thai fiscal year (1 October to 30 September,
named by the year it ends), always written with its fiscal year and its
months, so no label is a bare "1/2568" that could be read either way.
The arithmetic is :mod:`core.quarters`; the words are in :mod:`ui.i18n`.

>>> quarter_label("2024Q4", "th")
'ไตรมาส 1 ปีงบประมาณ 2568 (ต.ค.–ธ.ค. 2567)'
>>> quarter_label("2025Q2", "en", style="calendar")
'Apr–Jun 2025 (2025Q2)'
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

import streamlit as st

from core import quarters
from core.quarters import in_bangkok
from ui.i18n import current_lang, t

__all__ = [
    "STYLE_KEY",
    "Style",
    "bangkok_date",
    "current_style",
    "date_label",
    "datetime_label",
    "quarter_label",
    "short_label",
    "window_label",
    "year",
]

Style = Literal["fiscal", "calendar"]
STYLE_KEY = "period_style"  # the sidebar's choice, read by every label that is not given a style


def current_style() -> Style:
    """The period style the user chose in the sidebar, the Thai fiscal year by default."""
    return "calendar" if st.session_state.get(STYLE_KEY) == "calendar" else "fiscal"


def year(ce_year: int, lang: str | None = None) -> int:
    """A year as the language writes it: Buddhist Era in Thai, Common Era in English.

    >>> year(2025, "th"), year(2025, "en")
    (2568, 2025)
    """
    return ce_year + quarters.BE_OFFSET if (lang or current_lang()) == "th" else ce_year


def _month(month: int, lang: str) -> str:
    return quarters.MONTHS[lang][month - 1]


def _months(quarter: str, lang: str) -> str:
    first, last = quarters.months(quarter)
    return f"{_month(first, lang)}–{_month(last, lang)}"


def quarter_label(quarter: str, lang: str | None = None, style: Style | None = None) -> str:
    """Label a stored calendar quarter (``'2024Q4'``) in the fiscal or calendar style (default: the user's).

    >>> quarter_label("2024Q4", "en")
    'Q1 FY2025 (Oct–Dec 2024)'
    >>> quarter_label("2025Q2", "th", style="calendar")
    'เม.ย.–มิ.ย. 2568'
    """
    lang = lang or current_lang()
    months = _months(quarter, lang)
    calendar_year = year(quarters.split(quarter)[0], lang)
    if (style or current_style()) == "calendar":
        return t("period.calendar", lang, months=months, year=calendar_year, key=quarter)
    fiscal_year, fiscal_q = quarters.fiscal(quarter)
    return t("period.fiscal", lang, q=fiscal_q, fiscal_year=year(fiscal_year, lang), months=months, year=calendar_year)


def short_label(quarter: str, lang: str | None = None, style: Style | None = None) -> str:
    """A quarter short enough for a slider or a chart axis, still with its fiscal year or months.

    >>> short_label("2024Q4", "th"), short_label("2024Q4", "en")
    ('ไตรมาส 1 ปีงบ 2568', 'Q1 FY2025')
    >>> short_label("2024Q4", "th", style="calendar"), short_label("2024Q4", "en", style="calendar")
    ('ต.ค.–ธ.ค. 2567', 'Oct–Dec 2024')
    """
    lang = lang or current_lang()
    if (style or current_style()) == "calendar":
        return t(
            "period.short_calendar", lang, months=_months(quarter, lang), year=year(quarters.split(quarter)[0], lang)
        )
    fiscal_year, fiscal_q = quarters.fiscal(quarter)
    return t("period.short_fiscal", lang, q=fiscal_q, fiscal_year=year(fiscal_year, lang))


def window_label(end: str, n: int = 4, lang: str | None = None) -> str:
    """Label the ``n`` quarters ending at ``end`` by their first and last month.

    >>> window_label("2025Q2", 4, "th")
    '4 ไตรมาส: ก.ค. 2567 ถึง มิ.ย. 2568'
    >>> window_label("2025Q2", 4, "en")
    '4 quarters: Jul 2024 to Jun 2025'
    """
    lang = lang or current_lang()
    start = quarters.window(end, n)[0]
    first_month = f"{_month(quarters.months(start)[0], lang)} {year(quarters.split(start)[0], lang)}"
    last_month = f"{_month(quarters.months(end)[1], lang)} {year(quarters.split(end)[0], lang)}"
    return t("period.window", lang, n=n, start=first_month, end=last_month)


def date_label(day: date, lang: str | None = None) -> str:
    """A date as day, abbreviated month and year.

    >>> date_label(date(2025, 1, 5), "th"), date_label(date(2025, 1, 5), "en")
    ('5 ม.ค. 2568', '5 Jan 2025')
    """
    lang = lang or current_lang()
    return f"{day.day} {_month(day.month, lang)} {year(day.year, lang)}"


def bangkok_date(utc: datetime) -> date:
    """The Bangkok calendar date of a UTC timestamp as the warehouse stores it.

    >>> bangkok_date(datetime(2025, 1, 4, 18, 30))
    datetime.date(2025, 1, 5)
    """
    return in_bangkok(utc).date()


def datetime_label(utc: datetime, lang: str | None = None) -> str:
    """A UTC timestamp as its Bangkok date and time (24-hour clock).

    >>> datetime_label(datetime(2025, 1, 4, 18, 30), "th"), datetime_label(datetime(2025, 1, 4, 18, 30), "en")
    ('5 ม.ค. 2568 01:30 น.', '5 Jan 2025 01:30')
    """
    lang = lang or current_lang()
    local = in_bangkok(utc)
    clock = f"{local:%H:%M} น." if lang == "th" else f"{local:%H:%M}"
    return f"{date_label(local.date(), lang)} {clock}"

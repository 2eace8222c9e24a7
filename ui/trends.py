"""Quarterly trend charts of published counts: Bangkok's reported and referred cases, or chosen districts'.

:func:`series_rows` turns one column of a per-quarter frame into a line as
:func:`ui.charts.quarterly_trend` takes it; the chart functions mark the
chosen window's first quarter. A hidden count ("<5") leaves a gap.
"""

from __future__ import annotations

import pandas as pd

from core import quarters
from ui import charts
from ui.i18n import t
from ui.periods import quarter_label, short_label
from ui.sidebar import Period

__all__ = ["bangkok_chart", "districts_chart", "last_quarters", "series_rows"]


def last_quarters(frame: pd.DataFrame, end: str, n: int) -> pd.DataFrame:
    """The rows of ``frame`` (by ``quarter``) for the ``n`` quarters ending at ``end``, one per quarter;
    a quarter without a row has none of its figures.

    >>> last_quarters(pd.DataFrame({"quarter": ["2025Q4"], "cases": [10]}), "2026Q1", 3)["cases"].tolist()
    [nan, 10.0, nan]
    """
    window = pd.DataFrame({"quarter": quarters.window(end, n)})
    return window.merge(frame, on="quarter", how="left")


def series_rows(trend: pd.DataFrame, column: str, text: str, lang: str) -> pd.DataFrame:
    """One line of a trend chart: ``trend[column]`` per quarter, named ``text``, with its display values
    (``trend[column + "_display"]``, "no data" where missing)."""
    return pd.DataFrame(
        {
            "quarter": trend["quarter"],
            "axis": trend["quarter"].map(lambda q: short_label(q, lang)),
            "label": trend["quarter"].map(lambda q: quarter_label(q, lang)),
            "series": text,
            "value": trend[column],
            "display": trend[f"{column}_display"].fillna(t("value.no_data", lang)),
        }
    )


def _lines(data: pd.DataFrame, period: Period, lang: str) -> dict:
    """The lines of ``data`` (:func:`series_rows`) across quarters, the start of ``period`` marked."""
    markers = pd.DataFrame({"axis": [short_label(period.start, lang)], "text": [t("overview.trend.window", lang)]})
    return charts.quarterly_trend(
        data, y_title=t("overview.trend.y", lang), quarter_title=t("overview.trend.quarter", lang), markers=markers
    )


def bangkok_chart(trend: pd.DataFrame, period: Period, lang: str) -> dict:
    """Bangkok's reported and referred cases per quarter (:func:`db.read.quarterly_totals`), ``period`` marked."""
    series = {
        "cases_reported": t("overview.trend.reported", lang),
        "cases_referred": t("overview.trend.referred", lang),
    }
    return _lines(pd.concat([series_rows(trend, c, text, lang) for c, text in series.items()]), period, lang)


def districts_chart(trends: dict[str, pd.DataFrame], period: Period, lang: str) -> dict:
    """Each district's published reported cases per quarter (:func:`db.read.district_trend`), by its name."""
    return _lines(pd.concat([series_rows(trend, "cases", name, lang) for name, trend in trends.items()]), period, lang)

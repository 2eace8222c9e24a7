"""One district on the Hotspots page: the districts offered, its published figures, its quarterly trend.

The figures are those of :func:`ui.figures.district_figures`, as text; the
trend is the district's published count per quarter, a hidden quarter a gap.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import charts
from ui.i18n import N_, t

__all__ = ["FIELDS", "district_cards", "district_choices", "thai_order", "trend_chart"]

# Tooltip lines and district metrics: (text key, column of the published figures).
FIELDS = (
    (N_("col.cases"), "cases"),
    (N_("col.rate"), "rate"),
    (N_("hotspots.col.eb_rate"), "eb_rate"),
    (N_("hotspots.col.gi"), "gi"),
    (N_("hotspots.col.lisa"), "lisa"),
)


def thai_order(name: str) -> str:
    """Sort key for Thai names: a leading vowel (เ แ โ ใ ไ) sorts after its consonant, as dictionaries do.

    >>> sorted(["ดุสิต", "บางรัก", "คลองเตย", "ไชยา"], key=thai_order)
    ['คลองเตย', 'ไชยา', 'ดุสิต', 'บางรัก']
    """
    return name[1] + name[0] + name[2:] if name[:1] in "เแโใไ" and len(name) > 1 else name


def district_choices(summary: pd.DataFrame, picked: tuple[str, ...], lang: str) -> tuple[list[str], pd.Series]:
    """The district codes the picker offers (``picked`` in the sidebar, else all), in the names' order in
    ``lang`` (Thai as dictionaries sort it), and each code's name."""
    names = summary.set_index("dist_code")[f"name_{lang}"]
    return sorted(picked or names.index, key=lambda code: thai_order(names[code])), names


def district_cards(row: pd.Series) -> None:
    """A district's figures (``row`` of the published figures as text): numbers as cards, then the class
    names in a line (too long for a card)."""
    figures, classes = FIELDS[:3], FIELDS[3:]
    for column, (key, field) in zip(st.columns(len(figures)), figures, strict=True):
        column.metric(t(key), row[field])
    st.markdown(" · ".join(f"**{t(key)}**: {row[field]}" for key, field in classes))


def trend_chart(trend: pd.DataFrame, start: str, lang: str) -> dict:
    """The district's published count per quarter (a suppressed quarter leaves a gap), the window's start marked."""
    data = charts.series_rows(trend, "cases", t("hotspots.trend.cases", lang), lang)
    return charts.window_trend(
        data,
        start,
        y_title=t("hotspots.trend.cases", lang),
        quarter_title=t("hotspots.trend.quarter", lang),
        window_text=t("hotspots.trend.window", lang),
    )

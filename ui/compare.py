"""Districts compared over time: up to five districts' published smoothed rates side by side across quarters.

The smoothed rate (``eb_rate_per_100k``) is published for every district
with data in every window, "<5" ones included (README, Privacy), so the
chart shows nothing the district tables do not.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core import quarters
from ui import charts, loaders
from ui.i18n import number, t
from ui.periods import quarter_label, short_label

__all__ = ["MAX_DISTRICTS", "QUARTERS", "compare_data", "compare_section"]

MAX_DISTRICTS = 5  # more lines than this cannot be told apart (and Okabe–Ito has six colours)
QUARTERS = 12
KEY = "compare_districts"


def compare_data(rates: pd.DataFrame, end: str, lang: str, n: int = QUARTERS) -> pd.DataFrame:
    """The rows of :func:`ui.charts.quarterly_trend` for the windows ending in the ``n`` quarters up to ``end``:
    one series per district (named in ``lang``), a window without data a gap."""
    window = quarters.window(end, n)
    rows = []
    for _, group in rates.groupby("dist_code", sort=False):
        by_end = group.set_index("end_quarter")["eb_rate_per_100k"].reindex(window)
        name = group[f"name_{lang}"].iloc[0]
        rows.append(
            pd.DataFrame(
                {
                    "quarter": window,
                    "axis": [short_label(q, lang) for q in window],
                    "label": [quarter_label(q, lang) for q in window],
                    "series": name,
                    "value": by_end.to_numpy(),
                    "display": [t("value.no_data", lang) if pd.isna(v) else number(v, 1, lang) for v in by_end],
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def compare_section(path: str, version: str, span: str, end: str, names: pd.Series, first: list[str], lang: str):
    """The picker (``names``: district code to name, in the order offered; ``first``: the districts picked at
    the start) and the chart of the picked districts' smoothed rates."""
    st.subheader(t("compare.title"))
    st.session_state.setdefault(KEY, first[:MAX_DISTRICTS])
    picked = st.multiselect(
        t("compare.pick"), list(names.index), key=KEY, max_selections=MAX_DISTRICTS, format_func=names.get
    )
    if not picked:
        st.caption(t("compare.none"))
        return
    rates = loaders.smoothed_rates(path, version, span, tuple(picked))
    charts.show(
        ("compare", version, span, end, lang, *picked),
        lambda: charts.quarterly_trend(
            compare_data(rates, end, lang), y_title=t("compare.y", lang), quarter_title=t("compare.quarter", lang)
        ),
    )
    st.caption(t("compare.note"))

"""The data-completeness view: which districts have a case file for which quarter, as a grid and a list.

It reads the snapshot's presence table (:func:`db.read.completeness`): whether a quarter-district has rows
in force, never a count. A quarter without a file would otherwise read as a quiet quarter.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from db import read
from ui import charts
from ui.i18n import current_lang, t
from ui.periods import current_style, quarter_label, short_label

__all__ = ["grid_spec", "missing_table", "show"]

MISSING_COLOUR = "#D55E00"  # Okabe–Ito vermillion: the gaps are what the reader looks for
PRESENT_COLOUR = "#C6DBEF"  # a pale blue that stays apart from vermillion under colour-vision deficiency
ROW_PX = 18  # height of one district's row: every district is labelled


@st.cache_data(show_spinner=False)
def _presence(snapshot: str, version: str) -> pd.DataFrame:
    return read.completeness(snapshot)


def _district(frame: pd.DataFrame, lang: str) -> pd.Series:
    return (frame["name_th"] if lang == "th" else frame["name_en"]) + " (" + frame["dist_code"] + ")"


def grid_spec(presence: pd.DataFrame, lang: str, style: str) -> dict:
    """A Vega-Lite spec: one cell per district (rows, in code order) and quarter (columns, oldest first),
    vermillion where the quarter has no file, pale blue where it has one, with a tooltip.

    Examples
    --------
    >>> import altair as alt
    >>> presence = pd.DataFrame({"dist_code": ["1001", "1001"], "name_th": ["พระนคร"] * 2,
    ...     "name_en": ["Phra Nakhon"] * 2, "quarter": ["2025Q1", "2025Q2"], "has_data": [True, False]})
    >>> spec = grid_spec(presence, "en", "fiscal")
    >>> [row["status"] for row in spec["datasets"]["presence"]]
    ['File loaded', 'No file']
    >>> _ = alt.Chart.from_dict(spec)  # valid Vega-Lite, or this raises
    """
    status = {True: t("completeness.has_data", lang), False: t("completeness.no_data", lang)}
    data = pd.DataFrame(
        {
            "district": _district(presence, lang),
            "axis": presence["quarter"].map(lambda q: short_label(q, lang, style)),
            "label": presence["quarter"].map(lambda q: quarter_label(q, lang, style)),
            "status": presence["has_data"].map(status),
        }
    )
    order = presence.sort_values("quarter")["quarter"].drop_duplicates().map(lambda q: short_label(q, lang, style))
    return {
        "height": ROW_PX * presence["dist_code"].nunique(),
        "mark": {"type": "rect", "stroke": "white", "strokeWidth": 1},
        "encoding": {
            "x": {
                "field": "axis",
                "type": "ordinal",
                "sort": order.tolist(),
                "title": None,
                "axis": {"labelAngle": -45, "labelOverlap": False, "labelLimit": 240, "orient": "top"},
            },
            "y": {
                "field": "district",
                "type": "ordinal",
                "sort": None,
                "title": None,
                "axis": {"labelLimit": 240, "labelOverlap": False, "labelFontSize": 11},
            },
            "color": {
                "field": "status",
                "type": "nominal",
                "title": None,
                "scale": {"domain": [status[True], status[False]], "range": [PRESENT_COLOUR, MISSING_COLOUR]},
                "legend": {"orient": "top"},
            },
            "tooltip": [
                {"field": "district", "type": "nominal", "title": t("completeness.district", lang)},
                {"field": "label", "type": "nominal", "title": t("completeness.quarter", lang)},
                {"field": "status", "type": "nominal", "title": t("completeness.status", lang)},
            ],
        },
        "datasets": {"presence": data.to_dict(orient="records")},
        "data": {"name": "presence"},
    }


def missing_table(presence: pd.DataFrame, lang: str, style: str) -> pd.DataFrame:
    """The districts with a quarter without a file, each with those quarters (the grid's gaps as text).

    >>> presence = pd.DataFrame({"dist_code": ["1001", "1001", "1002"], "name_th": ["พระนคร", "พระนคร", "ดุสิต"],
    ...     "name_en": ["Phra Nakhon", "Phra Nakhon", "Dusit"], "quarter": ["2025Q1", "2025Q2", "2025Q1"],
    ...     "has_data": [False, False, True]})
    >>> missing_table(presence, "en", "calendar").values.tolist()
    [['Phra Nakhon (1001)', 'Jan–Mar 2025 (2025Q1), Apr–Jun 2025 (2025Q2)']]
    """
    gaps = presence[~presence["has_data"].astype(bool)]
    listed = gaps.groupby("dist_code", sort=True).agg(
        district=("dist_code", lambda codes: _district(gaps.loc[codes.index[:1]], lang).iloc[0]),
        quarters=("quarter", lambda qs: ", ".join(quarter_label(q, lang, style) for q in sorted(qs))),
    )
    return pd.DataFrame(
        {t("completeness.district", lang): listed["district"], t("completeness.quarter", lang): listed["quarters"]}
    ).reset_index(drop=True)


def show(snapshot: str, version: str) -> None:
    """The completeness section: a sentence, the grid, and the districts with gaps listed."""
    lang, style = current_lang(), current_style()
    st.header(t("completeness.title"))
    presence = _presence(snapshot, version)
    if presence.empty:
        st.info(t("completeness.no_cases"))
        return
    st.caption(t("completeness.intro"))
    gaps = presence[~presence["has_data"].astype(bool)]
    if gaps.empty:
        first, last = presence["quarter"].min(), presence["quarter"].max()
        st.markdown(t("completeness.none_missing", first=quarter_label(first), last=quarter_label(last)))
    else:
        st.markdown(t("completeness.missing", n=len(gaps), districts=gaps["dist_code"].nunique()))
    charts.show(("completeness", snapshot, version, lang, style), lambda: grid_spec(presence, lang, style))
    if not gaps.empty:
        st.dataframe(missing_table(presence, lang, style), hide_index=True, width="stretch")

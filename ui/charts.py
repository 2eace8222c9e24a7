"""Altair chart builders that several pages share.

One builder for now, :func:`quarterly_trend`: values per quarter as lines
with points, one line per series, and optional vertical rules that mark
quarters (a pilot's start, the chosen window). Pages give it a tidy frame
whose text is already translated and whose counts are already published
(db/read.py), so the chart shows nothing the tables do not. Rendering is
:func:`show`, which skips Altair's schema check (the doctest below makes it).

Series colours are Okabe–Ito, distinguishable with colour-vision deficiency.
"""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from ui import loaders

__all__ = ["SERIES_COLOURS", "quarterly_trend", "show"]

SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
MARKER_COLOUR = "#555555"


def quarterly_trend(
    data: pd.DataFrame,
    *,
    y_title: str,
    quarter_title: str,
    markers: pd.DataFrame | None = None,
    height: int = 300,
) -> alt.LayerChart:
    """A line per series across quarters, with points and a tooltip, and optional quarter markers.

    Parameters
    ----------
    data : pandas.DataFrame
        One row per quarter and series: ``quarter`` (``'YYYYQn'``, the order
        of the axis), ``axis`` (the quarter's short label, shown on the
        axis), ``label`` (its full label, in the tooltip), ``series`` (the
        legend's text), ``value`` (a number; NaN leaves a gap) and
        ``display`` (the value as the tooltip writes it, e.g. ``"<5"``).
    y_title, quarter_title : str
        Title of the value axis, and the tooltip's name for the quarter.
    markers : pandas.DataFrame, optional
        ``axis`` (a quarter's short label, one of ``data["axis"]``) and
        ``text``: a dashed vertical rule at that quarter with the text at its top.
    height : int
        Height in pixels; the width follows the container.

    Examples
    --------
    >>> data = pd.DataFrame({"quarter": ["2025Q1", "2025Q2"], "axis": ["Q2 FY2025", "Q3 FY2025"],
    ...     "label": ["Q2 FY2025 (Jan–Mar 2025)", "Q3 FY2025 (Apr–Jun 2025)"], "series": "Reported",
    ...     "value": [1445.0, 1460.0], "display": ["1,445", "1,460"]})
    >>> spec = quarterly_trend(data, y_title="Cases", quarter_title="Quarter",
    ...     markers=pd.DataFrame({"axis": ["Q3 FY2025"], "text": ["pilot"]})).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['line', 'rule', 'text']
    """
    order = data.sort_values("quarter")["axis"].drop_duplicates().tolist()
    x = alt.X("axis:N", sort=order, title=None, axis=alt.Axis(labelAngle=-45, labelLimit=160, labelOverlap=False))
    series = list(dict.fromkeys(data["series"]))
    # The tooltip names the series only when there are several to tell apart.
    tip = data["series"] + ": " + data["display"] if len(series) > 1 else data["display"]
    colour = alt.Color(
        "series:N",
        title=None,
        sort=series,
        scale=alt.Scale(domain=series, range=list(SERIES_COLOURS[: len(series)])),
        legend=alt.Legend(orient="top"),
    )
    lines = (
        alt.Chart(data.assign(tip=tip))
        .mark_line(point=alt.OverlayMarkDef(size=50, filled=True))
        .encode(
            x=x,
            y=alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=True)),
            color=colour,
            tooltip=[alt.Tooltip("label:N", title=quarter_title), alt.Tooltip("tip:N", title=y_title)],
        )
    )
    layers: list[alt.Chart] = [lines]
    if markers is not None and not markers.empty:
        rules = alt.Chart(markers).encode(x=x)
        layers += [
            rules.mark_rule(strokeDash=[4, 4], color=MARKER_COLOUR),
            rules.mark_text(align="left", baseline="top", dx=4, y=4, color=MARKER_COLOUR).encode(text="text:N"),
        ]
    return alt.layer(*layers).properties(height=height)


def show(key: tuple, build: Callable[[], alt.TopLevelMixin]) -> None:
    """Draw the chart ``build()`` makes, at the container's width.

    Its Vega-Lite spec is made once per ``key`` (:func:`ui.loaders.remembered`:
    the key names everything the chart shows). Altair's schema check, most
    of a chart's cost, is left to the builders' doctests.
    """
    spec = loaders.remembered(("chart", *key), lambda: build().to_dict(validate=False))
    st.vega_lite_chart(spec=spec, width="stretch")

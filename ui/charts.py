"""Vega-Lite charts that several pages share, written as plain specs.

:func:`quarterly_trend`: values per quarter as lines with points, one line
per series, and optional vertical rules that mark quarters (a pilot's
start, the chosen window); :func:`series_rows` makes one line of it from a
per-quarter frame, and :func:`window_trend` marks the chosen window's
start. :func:`event_study`: ratios with 95 % intervals per quarter relative
to a start, on a log scale around 1. Pages give them a tidy frame whose
text is already translated and whose counts are already published
(db/read.py), so the chart shows nothing the tables do not. :func:`show`
draws a spec, made once per key.

The specs are written as dicts rather than through Altair: importing
Altair costs a viewer's first page about half a second, and its schema
check most of a rerun. The doctest checks the spec against Vega-Lite's
schema with Altair instead.

Series colours are Okabe–Ito, distinguishable with colour-vision deficiency.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from ui import loaders
from ui.i18n import t
from ui.periods import quarter_label, short_label

__all__ = ["SERIES_COLOURS", "event_study", "quarterly_trend", "series_rows", "show", "window_trend"]

SERIES_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
MARKER_COLOUR = "#555555"


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as JSON-ready dicts, a missing value as null (a gap in the line)."""
    return frame.astype(object).where(frame.notna(), None).to_dict(orient="records")


def _series_colour(series: list[str]) -> dict:
    """The colour channel: one Okabe–Ito colour per series, in their order, legend on top."""
    return {
        "field": "series",
        "type": "nominal",
        "title": None,
        "sort": series,
        "scale": {"domain": series, "range": list(SERIES_COLOURS[: len(series)])},
        "legend": {"orient": "top"},
    }


def series_rows(trend: pd.DataFrame, column: str, text: str, lang: str) -> pd.DataFrame:
    """One series of :func:`quarterly_trend`: ``trend[column]`` per ``trend["quarter"]``, named ``text``,
    its tooltip the published text ``trend[column + "_display"]`` ("no data" where there is none).

    >>> trend = pd.DataFrame({"quarter": ["2025Q1", "2025Q2"], "cases": [1445.0, None],
    ...                       "cases_display": ["1,445", None]})
    >>> series_rows(trend, "cases", "Reported", "en")[["series", "value", "display"]].to_dict("list")
    {'series': ['Reported', 'Reported'], 'value': [1445.0, nan], 'display': ['1,445', 'no data']}
    """
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


def quarterly_trend(
    data: pd.DataFrame,
    *,
    y_title: str,
    quarter_title: str,
    markers: pd.DataFrame | None = None,
    height: int = 300,
) -> dict:
    """A Vega-Lite spec: a line per series across quarters, with points and a tooltip, and quarter markers.

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
    >>> import altair as alt
    >>> data = pd.DataFrame({"quarter": ["2025Q1", "2025Q2"], "axis": ["Q2 FY2025", "Q3 FY2025"],
    ...     "label": ["Q2 FY2025 (Jan–Mar 2025)", "Q3 FY2025 (Apr–Jun 2025)"], "series": "Reported",
    ...     "value": [1445.0, float("nan")], "display": ["1,445", "<5"]})
    >>> spec = quarterly_trend(data, y_title="Cases", quarter_title="Quarter",
    ...     markers=pd.DataFrame({"axis": ["Q3 FY2025"], "text": ["pilot"]}))
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['line', 'rule', 'text']
    >>> spec["datasets"]["trend"][1]["value"] is None  # a hidden value is a gap, not a zero
    True
    >>> _ = alt.LayerChart.from_dict(spec)  # valid Vega-Lite, or this raises
    """
    order = data.sort_values("quarter")["axis"].drop_duplicates().tolist()
    x = {
        "field": "axis",
        "type": "nominal",
        "sort": order,
        "title": None,
        "axis": {"labelAngle": -45, "labelLimit": 160, "labelOverlap": False},
    }
    series = list(dict.fromkeys(data["series"]))
    # The tooltip names the series only when there are several to tell apart.
    tip = data["series"] + ": " + data["display"] if len(series) > 1 else data["display"]
    lines = {
        "data": {"name": "trend"},
        "mark": {"type": "line", "point": {"filled": True, "size": 50}},
        "encoding": {
            "x": x,
            "y": {"field": "value", "type": "quantitative", "title": y_title, "scale": {"zero": True}},
            "color": _series_colour(series),
            "tooltip": [
                {"field": "label", "type": "nominal", "title": quarter_title},
                {"field": "tip", "type": "nominal", "title": y_title},
            ],
        },
    }
    columns = ["quarter", "axis", "label", "series", "value", "display"]
    spec = {
        "height": height,
        "layer": [lines],
        "datasets": {"trend": _records(data[columns].assign(tip=tip))},
    }
    if markers is not None and not markers.empty:
        rule = {"data": {"name": "markers"}, "encoding": {"x": x}}
        text = {"align": "left", "baseline": "top", "dx": 4, "y": 4, "color": MARKER_COLOUR}
        spec["layer"] += [
            rule | {"mark": {"type": "rule", "strokeDash": [4, 4], "color": MARKER_COLOUR}},
            rule
            | {"mark": {"type": "text", **text}, "encoding": {"x": x, "text": {"field": "text", "type": "nominal"}}},
        ]
        spec["datasets"]["markers"] = _records(markers[["axis", "text"]])
    return spec


def window_trend(data: pd.DataFrame, start: str, *, y_title: str, quarter_title: str, window_text: str) -> dict:
    """:func:`quarterly_trend` of ``data`` (rows of :func:`series_rows`), the chosen window's first quarter
    ``start`` marked with ``window_text`` (no mark when the lines do not reach it).

    >>> trend = pd.DataFrame({"quarter": ["2025Q1", "2025Q2"], "cases": [9.0, 7.0], "cases_display": ["9", "7"]})
    >>> data = pd.concat([series_rows(trend, "cases", name, "en") for name in ("A", "B")])
    >>> spec = window_trend(data, "2025Q2", y_title="Cases", quarter_title="Quarter", window_text="window")
    >>> spec["datasets"]["markers"] == [{"axis": data["axis"].iloc[1], "text": "window"}]  # one mark for both lines
    True
    """
    markers = data.loc[data["quarter"] == start, ["axis"]].drop_duplicates().assign(text=window_text)
    return quarterly_trend(data, y_title=y_title, quarter_title=quarter_title, markers=markers)


def event_study(data: pd.DataFrame, *, x_title: str, y_title: str, height: int = 300) -> dict:
    """A Vega-Lite spec: ratios with 95 % intervals per relative quarter, one colour per series side by
    side, a dashed rule at 1, on a log scale.

    Parameters
    ----------
    data : pandas.DataFrame
        ``relative_quarter`` (int), ``series`` (the legend's text), ``estimate``, ``ci_low`` and ``ci_high``
        (ratios; the reference quarter has an estimate of 1 and no interval) and ``display`` (the
        tooltip's text).
    x_title, y_title : str
        Axis titles.

    Examples
    --------
    >>> import altair as alt
    >>> data = pd.DataFrame({"relative_quarter": [-1, 0], "series": "Reported", "estimate": [1.0, 0.7],
    ...     "ci_low": [None, 0.5], "ci_high": [None, 0.98], "display": ["1.00", "0.70 (0.50 to 0.98)"]})
    >>> spec = event_study(data, x_title="quarter", y_title="ratio")
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['rule', 'rule', 'point']
    >>> _ = alt.LayerChart.from_dict(spec)  # valid Vega-Lite, or this raises
    """
    series = list(dict.fromkeys(data["series"]))
    colour = _series_colour(series)
    x = {"field": "relative_quarter", "type": "ordinal", "title": x_title, "axis": {"labelAngle": 0}}
    side = {"field": "series", "type": "nominal", "sort": series}
    ratio = {"type": "quantitative", "title": y_title, "scale": {"type": "log"}}
    base = {"data": {"name": "events"}, "encoding": {"x": x, "xOffset": side, "color": colour}}
    one = {
        "data": {"values": [{"one": 1.0}]},
        "mark": {"type": "rule", "strokeDash": [4, 4], "color": MARKER_COLOUR},
        "encoding": {"y": {"field": "one", "type": "quantitative"}},
    }
    intervals = base | {
        "mark": {"type": "rule", "strokeWidth": 2},
        "encoding": base["encoding"] | {"y": {"field": "ci_low", **ratio}, "y2": {"field": "ci_high"}},
    }
    points = base | {
        "mark": {"type": "point", "filled": True, "size": 60},
        "encoding": base["encoding"]
        | {
            "y": {"field": "estimate", **ratio},
            "tooltip": [{"field": "display", "type": "nominal", "title": y_title}],
        },
    }
    columns = ["relative_quarter", "series", "estimate", "ci_low", "ci_high", "display"]
    return {"height": height, "layer": [one, intervals, points], "datasets": {"events": _records(data[columns])}}


def show(key: tuple, build: Callable[[], dict]) -> None:
    """Draw the spec ``build()`` makes at the container's width, made once per ``key``
    (:func:`ui.loaders.remembered`: the key names everything the chart shows)."""
    st.vega_lite_chart(spec=loaders.remembered(("chart", *key), build), width="stretch")

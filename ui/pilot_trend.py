"""The Pilots page's trend: pilot and comparison communities' published rates per quarter, shown honestly.

Published counts are rounded (to 5 by default), and a group of some thousands of residents turns one
step of 5 cases into tens per 100,000, so the line moves in steps. Each shown point carries a light bar
over the rates that round to the same published count, and the caption says how large one step is. A
group's quarter hidden as "<5" is not a gap without a word: a hollow triangle on the axis marks it, with
a tooltip, and no value (a rate would give the count back).
"""

from __future__ import annotations

import pandas as pd

from ui import charts
from ui.i18n import N_, number, t
from ui.periods import quarter_label, short_label

__all__ = ["rounding_step", "trend_chart"]

GROUPS = {"pilot": N_("pilots.group.pilot"), "comparison": N_("pilots.group.comparison")}


def rounding_step(trend: pd.DataFrame, base: int) -> float:
    """How far one rounding step of ``base`` cases moves the pilots' rate per 100,000 (their latest residents).

    >>> round(rounding_step(pd.DataFrame({"group": ["pilot"], "population": [9000]}), 5), 1)
    55.6
    """
    residents = trend.loc[trend["group"] == "pilot", "population"]
    return float(base / residents.iloc[-1] * 100_000) if len(residents) and residents.iloc[-1] else float("nan")


def _rows(trend: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The published rates as :func:`ui.charts.quarterly_trend` takes them (hidden ones without a value)."""
    return pd.DataFrame(
        {
            "quarter": trend["quarter"],
            "axis": trend["quarter"].map(lambda q: short_label(q, lang)),
            "label": trend["quarter"].map(lambda q: quarter_label(q, lang)),
            "series": trend["group"].map(lambda group: t(GROUPS[group], lang)),
            "value": trend["rate_per_100k"].round(1).where(~trend["suppressed"]),
            "display": [
                t("pilots.tip_suppressed", lang, cases=cases)
                if hidden
                else t("pilots.tip", lang, rate=number(rate, 1, lang), cases=cases)
                for rate, cases, hidden in zip(
                    trend["rate_per_100k"], trend["cases_reported_display"], trend["suppressed"], strict=True
                )
            ],
        }
    )


def _bands(trend: pd.DataFrame, rows: pd.DataFrame, base: int) -> list[dict]:
    """Per shown point with cases: the rates whose counts round to the same published count (± half a step)."""
    shown = ~trend["suppressed"] & (trend["cases_reported"] > 0) & (base > 1)
    scale = 100_000 / trend["population"]
    frame = pd.DataFrame(
        {
            "axis": rows["axis"],
            "series": rows["series"],
            "low": ((trend["cases_reported"] - base / 2).clip(lower=0) * scale).round(1),
            "high": ((trend["cases_reported"] + base / 2) * scale).round(1),
        }
    )[shown]
    return frame.to_dict(orient="records")


def _hidden(trend: pd.DataFrame, rows: pd.DataFrame, lang: str) -> list[dict]:
    """Per hidden point: where it is (on the axis) and what its tooltip says; no value."""
    frame = rows.loc[trend["suppressed"].to_numpy(), ["axis", "label", "series"]]
    return frame.assign(zero=0, tip=t("pilots.too_few", lang)).to_dict(orient="records")


def trend_chart(trend: pd.DataFrame, starts: pd.Series, base: int, lang: str) -> dict:
    """The lines of the published rates, the rounding bars under them, the hidden quarters marked on the axis,
    and a dashed rule at each start quarter with how many pilots started (``starts``: start quarter per pilot)."""
    rows = _rows(trend, lang)
    counts = starts.value_counts().sort_index()
    counts = counts[counts.index.isin(trend["quarter"])]
    markers = pd.DataFrame(
        {
            "axis": [short_label(q, lang) for q in counts.index],
            "text": [f"+{n}" for n in counts],  # a number of pilots, short enough for a phone; the caption says so
        }
    )
    spec = charts.quarterly_trend(
        rows, y_title=t("pilots.axis_rate", lang), quarter_title=t("pilots.axis_quarter", lang), markers=markers
    )
    x, colour = spec["layer"][0]["encoding"]["x"], spec["layer"][0]["encoding"]["color"]
    quiet = colour | {"legend": None}  # the legend is the lines'; the bars' light shade would pale it
    band = {
        "data": {"name": "rounding"},
        "mark": {"type": "rule", "strokeWidth": 7, "opacity": 0.25},
        "encoding": {"x": x, "y": {"field": "low", "type": "quantitative"}, "y2": {"field": "high"}, "color": quiet},
    }
    hidden = {
        "data": {"name": "hidden"},
        "mark": {"type": "point", "shape": "triangle-up", "filled": False, "size": 90, "strokeWidth": 2},
        "encoding": {
            "x": x,
            "y": {"field": "zero", "type": "quantitative"},
            "color": quiet,
            "tooltip": [
                {"field": "label", "type": "nominal", "title": t("pilots.axis_quarter", lang)},
                {"field": "series", "type": "nominal", "title": t("pilots.legend_title", lang)},
                {"field": "tip", "type": "nominal", "title": t("pilots.axis_rate", lang)},
            ],
        },
    }
    spec["layer"] = [band, *spec["layer"], hidden]
    spec["datasets"] |= {"rounding": _bands(trend, rows, base), "hidden": _hidden(trend, rows, lang)}
    return spec

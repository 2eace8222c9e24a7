"""The district table of one window, from protected cells, with the class breaks of its maps.

Counts are sums of protected area cells (:func:`etl.publish.disclosure.sum_cells`);
the statistics of :func:`geo.summary.district_summary` run on those sums (a
hidden cell counted as the middle of 1–4), never on true counts. Published
figures are rounded to the precision the pages show.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from etl.publish.windows import Window
from geo.attention import attention
from geo.classes import SCHEMES, quantile_breaks, scheme_breaks
from geo.gaps import referral_gap
from geo.rates import rate_per_100k
from geo.summary import district_summary

__all__ = ["CLASS_MEASURES", "PRECISION", "attention_rows", "class_breaks", "district_window", "with_stability"]

# Decimal places of published statistics: what the pages show, and no more.
PRECISION = {
    "rate_per_100k": 1,
    "eb_rate_per_100k": 1,
    "need_prob": 1,  # coarsened to tenths: an absolute reading of need, not a figure to solve back
    "gi_z": 2,
    "gi_p": 4,
    "gi_q": 4,
    "lisa_p": 3,
    "lisa_q": 3,
    "referral_rate": 3,
    "gap_share": 2,  # hundredths: with 160 scenarios a share above one half shows as 0.51 or more
}
HOT = ("hot_95", "hot_99")
STABILITY_WINDOWS = 4  # a district's hot-spot record over this many windows ending with the one shown
# Map measures whose classes a viewer may choose (the Hotspots page), by summary column.
CLASS_MEASURES = {"rate": "rate_per_100k", "smoothed": "eb_rate_per_100k", "count": "cases_reported"}
OVERVIEW_SCHEME = "overview"  # rounded quantiles of the smoothed rate, from 0


def district_window(
    window: Window,
    reported: pd.DataFrame,
    referred: pd.DataFrame,
    districts: gpd.GeoDataFrame,
    population: pd.Series,
    coverage: pd.DataFrame,
    n_services: pd.Series,
    weights=None,
    access_scenarios: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per Bangkok district for ``window``, every figure computed from the sums of protected cells
    ``reported`` and ``referred`` (:func:`~etl.publish.disclosure.sum_cells` of the window's rows by
    ``dist_code``, of ``cases_reported`` and ``cases_referred``).

    Columns: those of :func:`geo.summary.district_summary`, where
    ``cases_reported`` and ``cases_referred`` are the published sums (NaN
    where hidden or without rows) with their ``_hidden`` flags, and
    ``rate_per_100k``, ``referral_rate`` and ``unreferred`` come from them.
    ``access_scenarios`` (:func:`geo.summary.scenario_access`) are the
    coverage scenarios of ``gap_share``; the Poisson resamplings start from
    the protected sums.
    """
    estimates = reported[["dist_code", "cases_reported_estimate"]].merge(
        referred[["dist_code", "cases_referred_estimate"]], on="dist_code", how="left"
    )
    estimates.columns = ["dist_code", "cases_reported", "cases_referred"]
    table = district_summary(districts, estimates, population, coverage, n_services, weights, access_scenarios)
    for counts in (reported, referred):
        published = counts.drop(columns=[c for c in counts.columns if c.endswith("_estimate")]).set_index("dist_code")
        for column in published.columns:
            values = published[column].reindex(table["dist_code"]).to_numpy()
            table[column] = values if not column.endswith("_hidden") else pd.Series(values).fillna(False).astype(bool)
    table["rate_per_100k"] = rate_per_100k(table["cases_reported"], table["population"])
    gap = referral_gap(table["cases_reported"], table["cases_referred"])
    table["referral_rate"], table["unreferred"] = gap["referral_rate"], gap["unreferred"]
    table = table.round(PRECISION)
    table.insert(0, "span", window.kind)
    table.insert(1, "end_quarter", window.end)
    table.insert(2, "start_quarter", window.start)
    return table


def class_breaks(window: Window, table: pd.DataFrame) -> pd.DataFrame:
    """Upper class bounds of each map measure in each scheme, and of the Overview's smoothed-rate map.

    Counts and plain rates are classed over the districts where they are
    shown; the smoothed rate over every district that has one.
    """
    rows = []
    for measure, column in CLASS_MEASURES.items():
        values = table[column] if measure == "smoothed" else table[column].where(~table["cases_reported_hidden"])
        rows += [(measure, scheme, scheme_breaks(values, scheme)) for scheme in SCHEMES]
    rows.append(("smoothed", OVERVIEW_SCHEME, quantile_breaks(table["eb_rate_per_100k"])))
    frame = pd.DataFrame(rows, columns=["measure", "scheme", "breaks"])
    frame.insert(0, "span", window.kind)
    frame.insert(1, "end_quarter", window.end)
    return frame


def attention_rows(window: Window, table: pd.DataFrame) -> pd.DataFrame:
    """:func:`geo.attention.attention` of the window's table, ranked, reasons as comma-separated codes."""
    top = attention(table)
    top["reasons"] = top["reasons"].map(",".join)
    top.insert(0, "rank", range(1, len(top) + 1))
    top.insert(0, "span", window.kind)
    top.insert(1, "end_quarter", window.end)
    return top[["span", "end_quarter", "rank", "dist_code", "points", "eb_rank", "referral_low", "reasons"]]


def with_stability(summary: pd.DataFrame) -> pd.DataFrame:
    """``summary`` (every window) with ``hot_windows``: in how many of the last four windows of the same
    span, this one included, the district was a Gi* hot spot; and ``hot_windows_of``, how many of those
    four windows have data (fewer at the start of the data)."""
    hot = summary.assign(hot=summary["hotspot_class"].isin(HOT).astype(int), seen=1).sort_values("end_quarter")
    rolling = hot.groupby(["span", "dist_code"])[["hot", "seen"]].rolling(STABILITY_WINDOWS, min_periods=1).sum()
    rolling = rolling.reset_index(level=["span", "dist_code"], drop=True).astype(int)
    return summary.assign(hot_windows=rolling["hot"], hot_windows_of=rolling["seen"])

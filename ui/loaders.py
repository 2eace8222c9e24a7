"""Cached reads of the published snapshot that the pages share.

Keyed by the snapshot's path and version (:func:`db.read.version`), so a new
publish is shown on the next interaction without a restart, and shared by
every page, so a window read for the Overview is not read again for Hotspots.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import geopandas as gpd
import pandas as pd
import pydeck as pdk
import streamlit as st

from core import quarters as quarter_keys
from db import read
from ui import maps

__all__ = [
    "attention",
    "check_ready",
    "class_breaks",
    "community_points",
    "context_districts",
    "context_layers",
    "district_layer",
    "district_names",
    "district_outlines",
    "district_summary",
    "district_trend",
    "health_centre_areas",
    "kpis",
    "last_quarters",
    "load_history",
    "meta",
    "quarterly_totals",
    "quarters",
    "remembered",
    "service_points",
    "smoothed_rates",
    "subdistrict_layer",
]

T = TypeVar("T")


@st.cache_data(show_spinner=False)
def check_ready(snapshot: str, version: str) -> None:
    """:func:`db.read.check_ready`, once per snapshot version (a failure raises and is not cached)."""
    read.check_ready(snapshot)


@st.cache_data(show_spinner=False)
def meta(snapshot: str, version: str) -> read.Meta:
    return read.meta(snapshot)


@st.cache_data(show_spinner=False)
def quarters(snapshot: str, version: str) -> list[str]:
    return read.loaded_quarters(snapshot)


@st.cache_data(show_spinner=False)
def district_names(snapshot: str, version: str) -> pd.DataFrame:
    return read.district_names(snapshot)


@st.cache_data(show_spinner=False)
def district_layer(snapshot: str, version: str) -> gpd.GeoDataFrame:
    return read.district_layer(snapshot)


@st.cache_data(show_spinner=False)
def context_districts(snapshot: str, version: str) -> gpd.GeoDataFrame:
    return read.context_districts(snapshot)


@st.cache_data(show_spinner=False)
def context_layers(snapshot: str, version: str) -> list:
    """The river and main roads as thin, quiet line layers for under any map, built once per snapshot."""
    return maps.context_layers(read.context_lines(snapshot))


@st.cache_data(show_spinner=False)
def district_outlines(snapshot: str, version: str) -> pdk.Layer:
    """The 50 districts' outlines as one line layer for under a map's points, built once per snapshot (merging
    shared edges takes a moment)."""
    return maps.outline_layer(read.district_layer(snapshot).geometry, "district-outlines", maps.DISTRICT_LINE)


@st.cache_data(show_spinner=False)
def health_centre_areas(snapshot: str, version: str) -> gpd.GeoDataFrame:
    return read.health_centre_areas(snapshot)


@st.cache_data(show_spinner=False)
def district_summary(snapshot: str, version: str, span: str, end: str) -> pd.DataFrame:
    return read.district_summary(snapshot, span, end)


@st.cache_data(show_spinner=False)
def kpis(snapshot: str, version: str, span: str, end: str) -> read.Kpis:
    return read.kpis(snapshot, span, end)


@st.cache_data(show_spinner=False)
def attention(snapshot: str, version: str, span: str, end: str) -> pd.DataFrame:
    return read.attention(snapshot, span, end)


@st.cache_data(show_spinner=False)
def class_breaks(snapshot: str, version: str, span: str, end: str, measure: str, scheme: str) -> list[float]:
    return read.class_breaks(snapshot, span, end, measure, scheme)


@st.cache_data(show_spinner=False)
def quarterly_totals(snapshot: str, version: str) -> pd.DataFrame:
    return read.quarterly_totals(snapshot)


def last_quarters(frame: pd.DataFrame, end: str, n: int) -> pd.DataFrame:
    """The rows of ``frame`` (by ``quarter``) for the ``n`` quarters ending at ``end``, one per quarter;
    a quarter without a row has none of its figures.

    >>> last_quarters(pd.DataFrame({"quarter": ["2025Q4"], "cases": [10]}), "2026Q1", 3)["cases"].tolist()
    [nan, 10.0, nan]
    """
    window = pd.DataFrame({"quarter": quarter_keys.window(end, n)})
    return window.merge(frame, on="quarter", how="left")


@st.cache_data(show_spinner=False)
def district_trend(snapshot: str, version: str, dist_code: str, end: str, n: int) -> pd.DataFrame:
    """One district's published counts in the ``n`` quarters ending at ``end`` (:func:`last_quarters`)."""
    return last_quarters(read.district_trend(snapshot, dist_code), end, n)


@st.cache_data(show_spinner=False)
def community_points(snapshot: str, version: str) -> pd.DataFrame:
    return read.community_points(snapshot)


@st.cache_data(show_spinner=False)
def load_history(snapshot: str, version: str) -> pd.DataFrame:
    return read.load_history(snapshot)


@st.cache_resource(show_spinner=False, max_entries=256)
def remembered(key: tuple, _build: Callable[[], T]) -> T:
    """What ``_build()`` makes (a map deck, a chart spec), made the first time ``key`` is seen and kept.

    ``key`` must name everything the result shows: the snapshot version, the
    window, the language, the reader's choices, and the reader's screen
    (:func:`ui.mapview.canvas`) when a map opens framed for it. Results hold published
    figures only, the same for every reader, so they are kept once for the
    whole server, not copied per rerun as ``st.cache_data`` would.
    """
    return _build()


@st.cache_data(show_spinner=False)
def subdistrict_layer(snapshot: str, version: str, dist_code: str | None = None) -> gpd.GeoDataFrame:
    return read.subdistrict_layer(snapshot, dist_code)


@st.cache_data(show_spinner=False)
def service_points(snapshot: str, version: str, span: str, end: str) -> pd.DataFrame:
    return read.service_points(snapshot, span, end)


@st.cache_data(show_spinner=False)
def smoothed_rates(snapshot: str, version: str, span: str, dist_codes: tuple[str, ...]) -> pd.DataFrame:
    return read.smoothed_rates(snapshot, span, list(dist_codes))

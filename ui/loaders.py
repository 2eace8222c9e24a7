"""Cached reads of the published snapshot that the pages share.

Keyed by the snapshot's path and version (:func:`db.read.version`), so a new
publish is shown on the next interaction without a restart, and shared by
every page, so a window read for the Overview is not read again for Hotspots.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from db import read
from ui import maps

__all__ = [
    "attention",
    "class_breaks",
    "community_points",
    "context_districts",
    "context_layers",
    "district_layer",
    "district_names",
    "district_summary",
    "health_centre_areas",
    "kpis",
    "load_history",
    "meta",
    "quarterly_totals",
    "quarters",
]


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


@st.cache_data(show_spinner=False)
def community_points(snapshot: str, version: str) -> pd.DataFrame:
    return read.community_points(snapshot)


@st.cache_data(show_spinner=False)
def load_history(snapshot: str, version: str) -> pd.DataFrame:
    return read.load_history(snapshot)

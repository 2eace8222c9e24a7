"""Cached reads that several pages share.

Keyed by the database and its data version, so a load or a revert
refreshes them on the next interaction, and shared by every page, so a
district summary computed for the Overview is not computed again for
Hotspots or Coverage.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import streamlit as st

from db import read

__all__ = ["district_layer", "district_summary"]


@st.cache_data(show_spinner=False)
def district_layer(db: str, version: str) -> gpd.GeoDataFrame:
    """:func:`db.read.district_layer` for one data version."""
    return read.district_layer(db)


@st.cache_data(show_spinner=False)
def district_summary(db: str, version: str, end: str, start: str) -> pd.DataFrame:
    """:func:`db.read.district_summary` (published) for one data version and window."""
    return read.district_summary(db, end, start)

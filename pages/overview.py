"""Overview: reported cases per 100,000 residents in each district over the last four quarters."""

from __future__ import annotations

import html

import geopandas as gpd
import numpy as np
import pandas as pd
import streamlit as st

from db import read
from db.connect import db_path
from db.downloads import csv_bytes
from db.privacy import suppress_below
from ui import maps, sidebar
from ui.entry import through_dashboard
from ui.i18n import current_lang, number, t
from ui.periods import window_label, year

WINDOW = 4  # quarters: a year of reports, so seasonal swings even out


@st.cache_data(show_spinner=False)
def load_layer(db: str, version: str) -> gpd.GeoDataFrame:
    return read.district_layer(db)


@st.cache_data(show_spinner=False)
def load_rates(db: str, version: str, quarter: str) -> pd.DataFrame:
    return read.district_rates(db, quarter, WINDOW)


def published(rates: pd.DataFrame) -> pd.DataFrame:
    """The figures as readers see them: suppressed counts as "<5", missing ones as "no data"."""
    rate_text = rates["rate_per_100k"].map(lambda v: number(v, 1))
    return pd.DataFrame(
        {
            "cases": rates["cases_display"].fillna(t("value.no_data")),
            "rate": np.where(rates["suppressed"], t("value.suppressed"), rate_text),
        },
        index=rates.index,
    )


through_dashboard()
DB = str(db_path())
VERSION = read.data_version(DB)
status = sidebar.cached_status(DB, VERSION)
quarter = sidebar.chosen_quarter()

if status.synthetic:
    st.warning(t("banner.synthetic"), icon=":material/science:")
st.title(t("overview.title"))
if quarter is None:
    st.info(t("overview.no_cases"))
    st.stop()
st.caption(t("overview.subtitle", window=window_label(quarter, WINDOW)))

rates = load_rates(DB, VERSION, quarter)
shown = published(rates)

# --- Map and legend ---------------------------------------------------------
colours, classes = maps.classed_colours(
    rates["rate_per_100k"], rates["suppressed"], lambda bound: number(bound, 1 if 0 < bound < 10 else 0)
)
districts = load_layer(DB, VERSION).merge(rates[["dist_code"]].assign(fill=colours, **shown), on="dist_code")
tooltip = (
    "<b>{name_th}</b><br/>{name_en}<br/>"
    f"{html.escape(t('col.cases'))}: {{cases}}<br/>{html.escape(t('col.rate'))}: {{rate}}"
)
layers = [
    maps.choropleth_layer(districts, ["dist_code", "name_th", "name_en", "cases", "rate"]),
    maps.label_layer(districts, "name_th" if current_lang() == "th" else "name_en"),
]
map_column, legend_column = st.columns([5, 1])
map_column.pydeck_chart(maps.map_deck(layers, tooltip), height=640, alt=t("overview.map_alt"))
with legend_column:
    top = suppress_below() - 1
    maps.legend(
        t("legend.title"),
        [
            *classes,
            maps.LegendEntry(maps.SUPPRESSED, t("legend.suppressed", top=top)),
            maps.LegendEntry(maps.NO_DATA, t("legend.no_data")),
        ],
    )
    st.caption(t("overview.privacy_note", top=top, below=top + 1))
if status.population_year is None:
    st.caption(t("overview.population_no_year"))
else:
    st.caption(t("overview.population_year", year=year(status.population_year)))

# --- Table and download -----------------------------------------------------
table = pd.DataFrame(
    {
        t("col.dist_code"): rates["dist_code"],
        t("col.name_th"): rates["name_th"],
        t("col.name_en"): rates["name_en"],
        t("col.cases"): shown["cases"],
        t("col.population"): rates["population"].map(number),
        t("col.rate"): shown["rate"],
        t("col.quarters"): rates["quarters_reported"].astype(str) + f"/{WINDOW}",
    }
)
st.subheader(t("overview.table"))
st.dataframe(table, hide_index=True, width="stretch")
st.download_button(
    t("overview.download"),
    csv_bytes(table),
    file_name=f"district_rates_{quarter}.csv",
    mime="text/csv",
)

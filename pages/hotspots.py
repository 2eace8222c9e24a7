"""Hotspots: where reported violence concentrates, district by district, over a window of quarters.

One published district table, three switchable map views: classes of the
rate, the smoothed rate or the count (by a scheme the user picks), Gi* hot
and cold spots, and Local Moran clusters. Below the map: the table behind it,
one district's quarterly trend, the districts compared over time, and
Bangkok's breakdowns.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from db import read
from etl.briefing.picture import map_png
from ui import charts, compare, drill, hotspot_detail, hotspot_map, links, loaders, sidebar, tables
from ui.context import open_page
from ui.figures import district_figures
from ui.hotspot_tables import CATEGORIES, breakdown_table, district_table
from ui.hotspot_views import VIEWS, view_fill
from ui.i18n import t

TREND_QUARTERS = 12
MAP_KEY, DISTRICT_KEY = hotspot_map.MAP_KEY, hotspot_map.DISTRICT_KEY


@st.cache_data(show_spinner=False)
def load_breakdown(path: str, version: str, by: str, span: str, end: str) -> pd.DataFrame:
    return read.breakdown(path, by, span, end)


page = open_page("hotspots.title")
period = page.require_period("hotspots.no_cases")
lang = page.lang
st.caption(t("hotspots.subtitle", window=period.label))
summary = loaders.district_summary(page.path, page.version, period.span, period.end)
if summary["cases_reported_display"].isna().all():
    st.info(t("hotspots.empty_window", window=period.label))
    st.stop()
shown = district_figures(summary, lang)
top = page.meta.suppress_below - 1

# The district detailed below (outlined on the map): the one chosen, else the highest smoothed rate.
codes, names = hotspot_detail.district_choices(summary, page.districts, lang)
if st.session_state.get(DISTRICT_KEY) not in codes:
    smoothed = summary.set_index("dist_code")["eb_rate_per_100k"]  # start with the highest
    st.session_state[DISTRICT_KEY] = smoothed.idxmax() if smoothed.notna().any() else codes[0]

# --- Map view and its legend ---------------------------------------------------
links.take("view", "hotspots_view", list(VIEWS))
st.session_state.setdefault("hotspots_view", "classes")
view = st.segmented_control(
    t("hotspots.view"),
    list(VIEWS),
    required=True,
    key="hotspots_view",
    format_func=lambda v: t(VIEWS[v], lang),
)
links.show("view", view)
if view != "classes" and summary["hotspot_class"].isna().all():
    st.info(t("hotspots.no_statistics"))
    map_class = None
else:
    fill = view_fill(page, period, summary, view)
    map_class = hotspot_map.draw(page, period, view, summary, shown, fill, map_png)
st.caption(t("hotspots.privacy_note", top=top, below=top + 1, base=page.meta.round_to))
if opened := drill.opened(MAP_KEY):  # the district opened on the map: what lies inside it
    drill.district_lists(page.path, page.version, period.span, period.end, opened, lang)

# --- The table behind the map ------------------------------------------------------
st.subheader(t("hotspots.table"))
table = district_table(summary, shown, map_class)
st.dataframe(sidebar.filter_districts(table, t("col.dist_code")), hide_index=True, width="stretch")
tables.download(
    district_table(summary, shown, map_class, numbers=True),
    f"hotspots_{view}_{period.start}_{period.end}",
    t("hotspots.download"),
    "hotspots",
)

# --- One district: its figures and trend -------------------------------------------
st.subheader(t("hotspots.detail"))
district = st.selectbox(
    t("hotspots.district"),
    codes,
    key=DISTRICT_KEY,
    format_func=names.get,
    help=t("hotspots.district_help"),
    on_change=lambda: drill.open_district(MAP_KEY, st.session_state[DISTRICT_KEY]),  # and zoom the map to it
)
hotspot_detail.district_cards(shown.set_index(summary["dist_code"]).loc[district])

trend = loaders.district_trend(page.path, page.version, district, period.end, TREND_QUARTERS)
st.markdown("**" + t("hotspots.trend", n=TREND_QUARTERS) + "**")
if trend["cases_display"].isna().all():
    st.info(t("hotspots.no_trend", n=TREND_QUARTERS))
else:
    charts.show(
        ("hotspots", page.version, district, period.start, period.end, lang),
        lambda: hotspot_detail.trend_chart(trend, period.start, lang),
    )
    st.caption(t("hotspots.trend_note", top=top, below=top + 1))

# --- Districts compared over time ---------------------------------------------------
ranked = summary.sort_values("eb_rate_per_100k", ascending=False)["dist_code"]
highest = ranked[ranked.isin(codes)].head(3).tolist()  # the three highest smoothed rates, at first
compare.compare_section(page.path, page.version, period.span, period.end, names.loc[codes], highest, lang)

# --- Bangkok by violence type and victim group ------------------------------------
st.subheader(t("hotspots.breakdowns"))
breakdowns = {by: load_breakdown(page.path, page.version, by, period.span, period.end) for by in CATEGORIES}
if all(frame.empty for frame in breakdowns.values()):
    st.info(t("hotspots.no_breakdown", window=period.label))
else:
    st.caption(t("hotspots.breakdowns_caption", window=period.label))
    for column, (by, frame) in zip(st.columns(2), breakdowns.items(), strict=True):
        column.markdown(f"**{t(CATEGORIES[by][1])}**")
        column.dataframe(breakdown_table(frame, by, lang), hide_index=True, width="stretch")

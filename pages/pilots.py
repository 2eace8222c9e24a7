"""Pilot communities: where the safe-space pilots are, and how their reported cases compare with similar communities."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pydeck as pdk
import streamlit as st

from core.downloads import csv_bytes
from db import read
from etl.briefing.picture import map_png
from ui import (
    charts,
    legends,
    links,
    loaders,
    maps,
    mapview,
    picking,
    pilot_evaluation,
    pilot_map,
    pilot_trend,
    sidebar,
)
from ui.entry import through_dashboard
from ui.i18n import current_lang, number, t
from ui.periods import quarter_label, short_label


@st.cache_data(show_spinner=False)
def load_places(path: str, version: str) -> gpd.GeoDataFrame:
    """Bangkok's districts and Samut Prakan's, for their names."""
    bangkok = loaders.district_layer(path, version)
    return pd.concat([bangkok, loaders.context_districts(path, version)[bangkok.columns]], ignore_index=True)


@st.cache_data(show_spinner=False)
def load_outlines(path: str, version: str) -> list[pdk.Layer]:
    """Bangkok's district outlines and Samut Prakan's, built once per snapshot."""
    return [
        maps.outline_layer(loaders.district_layer(path, version).geometry, "district-outlines", maps.DISTRICT_LINE),
        maps.outline_layer(loaders.context_districts(path, version).geometry, "samut-prakan", maps.CONTEXT_LINE),
    ]


@st.cache_data(show_spinner=False)
def load_trend(path: str, version: str, end: str) -> pd.DataFrame:
    return read.pilot_trend(path, end)


@st.cache_data(show_spinner=False)
def load_evaluation(path: str, version: str, end: str, comparison: str) -> dict[str, pd.DataFrame]:
    return read.pilot_evaluation(path, end, comparison)


@st.cache_data(show_spinner=False)
def load_evaluated_quarters(path: str, version: str) -> list[str]:
    return read.pilot_evaluation_quarters(path)


@st.cache_data(show_spinner=False)
def load_table(path: str, version: str, end: str) -> pd.DataFrame:
    return read.pilot_table(path, end)


def pilots_deck(path: str, version: str, communities: pd.DataFrame, picked: tuple[str, ...], lang: str, phone: bool):
    """Pilot and comparison communities over the district outlines and names, opening on what is shown
    (:func:`ui.pilot_map.view_bounds`): the chosen districts outlined, else the pilots and their comparisons."""
    places = load_places(path, version)
    chosen = loaders.district_layer(path, version)
    chosen = chosen[chosen["dist_code"].isin(picked)]
    layers = [
        *load_outlines(path, version),
        *sidebar.context_layers(),
        *([maps.outline_layer(chosen.geometry, "chosen-districts", picking.CHOSEN_LINE, 3)] if picked else []),
        maps.label_layer(places.assign(fill=[maps.NO_DATA] * len(places)), f"name_{lang}"),
        *pilot_map.community_layers(communities, lang, phone),
    ]
    canvas = pilot_map.PHONE if phone else pilot_map.DESKTOP
    view = mapview.fit_view(pilot_map.view_bounds(communities, chosen.geometry), canvas)
    return maps.map_deck(layers, "<b>{name}</b><br/>{kind}<br/>{district}<br/>{note}", view)


def published_rate(rates: pd.Series, suppressed: pd.Series, lang: str) -> list[str]:
    """Rates with one decimal; "suppressed" where the count behind them is, "no data" where there is none."""
    return [
        t("value.suppressed", lang) if hidden else number(rate, 1, lang)
        for rate, hidden in zip(rates, suppressed, strict=True)
    ]


def pilot_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per pilot: its published cases and rates before and from its start first (the point of the
    table), then when it started and where it is. The register's note only where written in ``lang``."""
    no_data = t("value.no_data", lang)
    columns = {
        t("pilots.col.community", lang): maps.local_names(table, lang),
        t("pilots.col.cases_before", lang): table["cases_before_display"].fillna(no_data),
        t("pilots.col.rate_before", lang): published_rate(table["rate_before"], table["suppressed_before"], lang),
        t("pilots.col.cases_after", lang): table["cases_after_display"].fillna(no_data),
        t("pilots.col.rate_after", lang): published_rate(table["rate_after"], table["suppressed_after"], lang),
        t("pilots.col.start", lang): table["pilot_start"].map(lambda q: short_label(q, lang)),
        t("pilots.col.district", lang): pilot_map.districts_of(table, lang),
        t("pilots.col.location", lang): [
            t("pilots.approximate", lang) if a else t("pilots.as_registered", lang) for a in table["approximate"]
        ],
    }
    notes = pilot_map.readable_note(table["location_note"], lang)
    if (notes != "").any():
        columns[t("pilots.col.note", lang)] = notes
    return pd.DataFrame(columns)


def map_section(communities: pd.DataFrame, picked: tuple[str, ...], subtitle: str) -> None:
    """The map, its legend and the picture to download, of the communities in the chosen districts."""
    phone = mapview.canvas() == mapview.PHONE
    deck = loaders.remembered(
        ("pilots", SNAPSHOT.version, LANG, sidebar.show_context(), picked, phone),
        lambda: pilots_deck(SNAPSHOT.path, SNAPSHOT.version, communities, picked, LANG, phone),
    )
    map_column, legend_column = st.columns([5, 1])
    map_column.pydeck_chart(deck, height=pilot_map.HEIGHT, alt=t("pilots.map_alt"))
    entries = pilot_map.legend_entries(bool(picked))
    with legend_column:
        maps.legend(
            t("pilots.legend_title"),
            [
                *entries[:3],
                maps.LegendEntry(maps.DISTRICT_LINE, t("map.bangkok_outline")),
                maps.LegendEntry(maps.CONTEXT_LINE, t("map.context_outline")),
                *([maps.LegendEntry(picking.CHOSEN_LINE, t("pilots.legend.chosen"))] if picked else []),
            ],
        )
    path, lang, legend = SNAPSHOT.path, LANG, [(entry.colour, entry.label) for entry in entries]
    title, legend_title = t("pilots.map"), t("pilots.legend_title")

    def png() -> bytes:  # made on the click, on its own thread: no Streamlit calls in here
        points = pilot_map.picture_points(communities, lang)
        fills = dict.fromkeys(picked, picking.CHOSEN_FILL)
        return map_png(
            path, fills, legend, title=title, subtitle=subtitle, legend_title=legend_title, lang=lang, points=points
        )

    legends.picture_button(png, f"map_pilots{'_' + '-'.join(picked) if picked else ''}_{LANG}.png")


through_dashboard()
SNAPSHOT = sidebar.snapshot()
LANG = current_lang()
chosen = sidebar.period()
picked = tuple(sidebar.chosen_districts())

st.title(t("pilots.title"))
everyone = loaders.community_points(SNAPSHOT.path, SNAPSHOT.version)
if not everyone["pilot"].any():
    st.info(t("pilots.no_pilots"))
    st.stop()
communities = sidebar.filter_districts(everyone)

# --- Map ------------------------------------------------------------------------
st.markdown("**" + t("pilots.map") + "**")  # the title says what the page is: a short heading keeps the map high
if picked and not communities["pilot"].any():
    st.info(t("pilots.none_chosen"))
map_section(
    communities,
    picked,
    t("pilots.png_subtitle", pilots=int(communities["pilot"].sum()), comparisons=int(communities["reports"].sum())),
)
st.caption(t("pilots.map_note"))

if chosen is None:
    st.info(t("pilots.no_cases"))
    st.stop()
top = SNAPSHOT.meta.suppress_below - 1
end_label = quarter_label(chosen.end)

# --- Trend ----------------------------------------------------------------------
st.subheader(t("pilots.trend"))
trend = load_trend(SNAPSHOT.path, SNAPSHOT.version, chosen.end)
if trend.empty:
    st.info(t("pilots.no_trend"))
else:
    if picked:  # published for the groups as wholes, not by district
        st.caption(t("pilots.all_districts"))
    st.caption(t("pilots.trend_caption", end=end_label, top=top))
    base = SNAPSHOT.meta.round_to
    starts = everyone.loc[everyone["pilot"], "pilot_start"]
    charts.show(
        ("pilots", SNAPSHOT.version, chosen.end, LANG), lambda: pilot_trend.trend_chart(trend, starts, base, LANG)
    )
    if base > 1:
        step = pilot_trend.rounding_step(trend, base)
        st.caption(t("pilots.rounding_note", base=base, step=number(step, 0)))
    if trend["suppressed"].any():
        st.caption(t("pilots.too_few_note", top=top, below=top + 1))

# --- Evaluation -------------------------------------------------------------------
st.subheader(t("pilots.eval"))
evaluated = load_evaluated_quarters(SNAPSHOT.path, SNAPSHOT.version)
if not evaluated:
    st.info(t("pilots.eval.none"))
else:
    latest = evaluated[-1]
    if chosen.end != latest:
        st.info(t("pilots.eval.latest_only", latest=quarter_label(latest)))
    if picked:
        st.caption(t("pilots.all_districts"))
    if (asked := links.asked("comparison", pilot_evaluation.COMPARISONS)) is not None:
        st.session_state["pilot_comparison"] = asked
    links.notice()
    comparison = st.radio(
        t("pilots.eval.comparison"),
        pilot_evaluation.COMPARISONS,
        format_func=lambda c: t(pilot_evaluation.COMPARISON_NAMES[c], LANG),  # LANG fixed: it may run outside the run
        horizontal=True,
        key="pilot_comparison",
    )
    links.show("comparison", comparison)
    tables = load_evaluation(SNAPSHOT.path, SNAPSHOT.version, latest, comparison)
    pilot_evaluation.summary(tables["pilot_evaluation"], LANG)
    st.dataframe(pilot_evaluation.evaluation_table(tables["pilot_evaluation"], LANG), hide_index=True, width="stretch")
    st.markdown("**" + t("pilots.eval.event") + "**")
    st.caption(t("pilots.eval.event_caption"))
    charts.show(
        ("pilot-events", SNAPSHOT.version, latest, comparison, LANG),
        lambda: pilot_evaluation.event_chart(tables["pilot_event_study"], LANG),
    )
    main = tables["pilot_evaluation"].set_index("outcome").loc["reported"]
    st.markdown("**" + t("pilots.eval.compared") + "**")
    st.caption(t("pilots.eval.compared_caption", spillover=number(main["spillover_m"], 0)))
    compared = sidebar.filter_districts(tables["pilot_compared"])
    st.dataframe(pilot_evaluation.compared_table(compared, LANG), hide_index=True, width="stretch")
st.warning(t("pilots.caveat") if SNAPSHOT.meta.synthetic else t("pilots.caveat_real"), icon=":material/info:")

# --- Each pilot -----------------------------------------------------------------
st.subheader(t("pilots.table"))
st.caption(t("pilots.table_caption", end=end_label, top=top, below=top + 1))
rows = sidebar.filter_districts(load_table(SNAPSHOT.path, SNAPSHOT.version, chosen.end))
table = pilot_table(rows, LANG)
st.dataframe(table, hide_index=True, width="stretch")
if (rows["location_note"].notna() & (pilot_map.readable_note(rows["location_note"], LANG) == "")).any():
    st.caption(t("pilots.note_language"))
st.download_button(
    t("pilots.download"),
    csv_bytes(table),
    file_name=f"pilots_{chosen.end}{'_' + '-'.join(picked) if picked else ''}.csv",
    mime="text/csv",
)

"""Pilot communities: where the safe-space pilots are, and how their reported cases compare with similar communities."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pydeck as pdk
import streamlit as st

from core.downloads import csv_bytes
from db import read
from ui import charts, loaders, maps, pilot_evaluation, sidebar
from ui.entry import through_dashboard
from ui.i18n import current_lang, number, t
from ui.periods import quarter_label, short_label

PILOT = maps.SERVICE_COLOURS["safe_space"]  # a pilot is a community with a safe space
COMPARISON, OTHER = (0, 114, 178), (190, 190, 190)  # Okabe-Ito blue; grey


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


def districts_of(frame: pd.DataFrame, lang: str) -> pd.Series:
    """District names in the reader's language; a district outside Bangkok says so."""
    names = maps.local_names(frame, lang, "district_")
    outside = frame["province_en"].notna()
    return names.where(~outside, [t("pilots.in_context", lang, district=name) for name in names])


def pilot_labels(pilots: pd.DataFrame, lang: str) -> pd.Series:
    """Map labels: the name, and "approximate location" on a second line where the register says so."""
    names = maps.local_names(pilots, lang)
    return names.where(~pilots["approximate"], names + "\n(" + t("pilots.approximate", lang) + ")")


def community_layers(communities: pd.DataFrame, lang: str) -> list[pdk.Layer]:
    """Other, comparison and pilot communities as markers (pilots on top and named), with flat tooltip fields."""
    points = communities.assign(
        name=maps.local_names(communities, lang),
        district=districts_of(communities, lang),
        note=communities["location_note"].fillna(""),
        kind=[
            t("pilots.kind.pilot", lang, start=quarter_label(start, lang)) if pilot else t(f"pilots.kind.{kind}", lang)
            for pilot, start, kind in zip(
                communities["pilot"],
                communities["pilot_start"],
                communities["reports"].map({True: "comparison", False: "other"}),
                strict=True,
            )
        ],
    )
    fields = ["name", "kind", "district", "note"]
    pilots = points[points["pilot"]]
    comparison = points[~points["pilot"] & points["reports"]]
    return [
        maps.marker_layer(points[~points["pilot"] & ~points["reports"]], "communities-other", OTHER, fields, 3),
        maps.marker_layer(comparison, "communities-comparison", COMPARISON, fields, 5),
        maps.marker_layer(pilots, "communities-pilot", PILOT, fields, 8),
        maps.point_label_layer(pilots.assign(label=pilot_labels(pilots, lang)), "label", "pilot-names"),
    ]


def trend_chart(trend: pd.DataFrame, pilots: pd.DataFrame, lang: str) -> dict:
    """Pilot and comparison rates per quarter, published, with a dashed rule at each start quarter."""
    data = pd.DataFrame(
        {
            "quarter": trend["quarter"],
            "axis": trend["quarter"].map(lambda q: short_label(q, lang)),
            "label": trend["quarter"].map(lambda q: quarter_label(q, lang)),
            "series": trend["group"].map(lambda group: t(f"pilots.group.{group}", lang)),
            "value": trend["rate_per_100k"].round(1),
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
    starts = pilots["pilot_start"].value_counts().sort_index()
    starts = starts[starts.index.isin(trend["quarter"])]
    markers = pd.DataFrame(
        {
            "axis": [short_label(q, lang) for q in starts.index],
            "text": [t("pilots.start_marker", lang, n=n) for n in starts],
        }
    )
    return charts.quarterly_trend(
        data, y_title=t("pilots.axis_rate", lang), quarter_title=t("pilots.axis_quarter", lang), markers=markers
    )


def published_rate(rates: pd.Series, suppressed: pd.Series, lang: str) -> list[str]:
    """Rates with one decimal; "suppressed" where the count behind them is, "no data" where there is none."""
    return [
        t("value.suppressed", lang) if hidden else number(rate, 1, lang)
        for rate, hidden in zip(rates, suppressed, strict=True)
    ]


def pilots_deck(path: str, version: str, communities: gpd.GeoDataFrame, lang: str) -> maps.DeckJson:
    """Pilot and comparison communities over the district outlines and names."""
    places = load_places(path, version)
    layers = [
        *load_outlines(path, version),
        *sidebar.context_layers(),
        maps.label_layer(places.assign(fill=[maps.NO_DATA] * len(places)), f"name_{lang}"),
        *community_layers(communities, lang),
    ]
    return maps.map_deck(layers, "<b>{name}</b><br/>{kind}<br/>{district}<br/>{note}")


def pilot_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per pilot: where it is, when it started, and its published cases and rates before and from then."""
    no_data = t("value.no_data", lang)
    return pd.DataFrame(
        {
            t("pilots.col.community", lang): maps.local_names(table, lang),
            t("pilots.col.district", lang): districts_of(table, lang),
            t("pilots.col.start", lang): table["pilot_start"].map(lambda q: quarter_label(q, lang)),
            t("pilots.col.location", lang): [
                t("pilots.approximate", lang) if a else t("pilots.as_registered", lang) for a in table["approximate"]
            ],
            t("pilots.col.note", lang): table["location_note"].fillna(""),
            t("pilots.col.cases_before", lang): table["cases_before_display"].fillna(no_data),
            t("pilots.col.rate_before", lang): published_rate(table["rate_before"], table["suppressed_before"], lang),
            t("pilots.col.cases_after", lang): table["cases_after_display"].fillna(no_data),
            t("pilots.col.rate_after", lang): published_rate(table["rate_after"], table["suppressed_after"], lang),
        }
    )


through_dashboard()
SNAPSHOT = sidebar.snapshot()
LANG = current_lang()
chosen = sidebar.period()

st.title(t("pilots.title"))
communities = loaders.community_points(SNAPSHOT.path, SNAPSHOT.version)
if not communities["pilot"].any():
    st.info(t("pilots.no_pilots"))
    st.stop()

# --- Map ------------------------------------------------------------------------
st.subheader(t("pilots.map"))
map_column, legend_column = st.columns([5, 1])
deck = loaders.remembered(
    ("pilots", SNAPSHOT.version, LANG, sidebar.show_context()),
    lambda: pilots_deck(SNAPSHOT.path, SNAPSHOT.version, communities, LANG),
)
map_column.pydeck_chart(deck, height=640, alt=t("pilots.map_alt"))
with legend_column:
    maps.legend(
        t("pilots.legend_title"),
        [
            maps.LegendEntry(PILOT, t("pilots.legend.pilot")),
            maps.LegendEntry(COMPARISON, t("pilots.legend.comparison")),
            maps.LegendEntry(OTHER, t("pilots.legend.other")),
            maps.LegendEntry(maps.DISTRICT_LINE, t("map.bangkok_outline")),
            maps.LegendEntry(maps.CONTEXT_LINE, t("map.context_outline")),
        ],
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
    st.caption(t("pilots.trend_caption", end=end_label, top=top))
    pilots = communities[communities["pilot"]]
    charts.show(("pilots", SNAPSHOT.version, chosen.end, LANG), lambda: trend_chart(trend, pilots, LANG))

# --- Evaluation -------------------------------------------------------------------
st.subheader(t("pilots.eval"))
evaluated = load_evaluated_quarters(SNAPSHOT.path, SNAPSHOT.version)
if not evaluated:
    st.info(t("pilots.eval.none"))
else:
    latest = evaluated[-1]
    if chosen.end != latest:
        st.info(t("pilots.eval.latest_only", latest=quarter_label(latest)))
    comparison = st.radio(
        t("pilots.eval.comparison"),
        pilot_evaluation.COMPARISONS,
        format_func=lambda c: t(f"pilots.eval.comparison.{c}", LANG),  # LANG fixed: it may run outside the run
        horizontal=True,
        key="pilot_comparison",
    )
    tables = load_evaluation(SNAPSHOT.path, SNAPSHOT.version, latest, comparison)
    evaluation = tables["pilot_evaluation"].set_index("outcome")
    main = evaluation.loc["reported"]
    reason = main[f"reason_{LANG}"]
    if main["enough"]:
        st.success(t("pilots.eval.enough", reason=reason))
    else:
        st.warning(t("pilots.eval.not_enough", reason=reason))
    columns = st.columns(4)
    columns[0].metric(t("pilots.eval.rate_ratio"), number(main["rate_ratio"], 2))
    columns[0].caption(
        pilot_evaluation.ratio_text(main["rate_ratio"], main["rate_ratio_low"], main["rate_ratio_high"], LANG)
    )
    columns[1].metric(t("pilots.eval.difference"), number(main["difference"], 1))
    columns[1].caption(
        pilot_evaluation.difference_text(main["difference"], main["difference_low"], main["difference_high"], LANG)
    )
    columns[2].metric(t("pilots.eval.p"), number(main["p_randomization"], 3))
    columns[3].metric(t("pilots.eval.mde"), number(main["mde"], 2))
    if pd.notna(main["rate_ratio"]) and pd.notna(main["mde"]):
        st.markdown(
            t(
                "pilots.eval.text",
                ratio=number(main["rate_ratio"], 2),
                percent=number(100 * main["rate_ratio"], 0),
                difference=f"{main['difference']:+,.1f}",
                p=number(main["p_randomization"], 3),
                n_permutations=int(main["n_permutations"]),
                mde=number(main["mde"], 2),
                mde_up=number(1 / main["mde"], 2),
            )
        )
    st.dataframe(pilot_evaluation.evaluation_table(tables["pilot_evaluation"], LANG), hide_index=True, width="stretch")
    st.markdown(f"**{t('pilots.eval.event')}**")
    st.caption(t("pilots.eval.event_caption"))
    charts.show(
        ("pilot-events", SNAPSHOT.version, latest, comparison, LANG),
        lambda: pilot_evaluation.event_chart(tables["pilot_event_study"], LANG),
    )
    st.markdown(f"**{t('pilots.eval.compared')}**")
    st.caption(t("pilots.eval.compared_caption", spillover=number(main["spillover_m"], 0)))
    st.dataframe(pilot_evaluation.compared_table(tables["pilot_compared"], LANG), hide_index=True, width="stretch")
st.warning(t("pilots.caveat" if SNAPSHOT.meta.synthetic else "pilots.caveat_real"), icon=":material/info:")

# --- Each pilot -----------------------------------------------------------------
st.subheader(t("pilots.table"))
st.caption(t("pilots.table_caption", end=end_label, top=top, below=top + 1))
table = pilot_table(load_table(SNAPSHOT.path, SNAPSHOT.version, chosen.end), LANG)
st.dataframe(table, hide_index=True, width="stretch")
st.download_button(t("pilots.download"), csv_bytes(table), file_name=f"pilots_{chosen.end}.csv", mime="text/csv")

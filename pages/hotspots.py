"""Hotspots: where reported violence concentrates, district by district, over a window of quarters.

One published district table, three switchable map views: classes of the
rate, the smoothed rate or the count (by a scheme the user picks), Gi* hot
and cold spots, and Local Moran clusters. Below the map: the table behind it,
one district's quarterly trend, and Bangkok's breakdowns.
"""

from __future__ import annotations

import html
from functools import partial

import geopandas as gpd
import pandas as pd
import pydeck as pdk
import streamlit as st

from core import quarters
from core.codes import CLASS_SCHEMES
from db import read
from etl.briefing.picture import map_png
from ui import charts, compare, drill, layers, legends, links, loaders, maps, mapview, picking, sidebar, tables
from ui.entry import through_dashboard
from ui.figures import district_figures
from ui.i18n import N_, current_lang, label, number, t
from ui.periods import quarter_label, short_label

TREND_QUARTERS = 12
VIEWS = ("classes", "gi", "lisa")
MEASURES = {"rate": "rate_per_100k", "smoothed": "eb_rate_per_100k", "count": "cases_reported"}
MEASURE_NAMES = {
    "rate": N_("hotspots.measure.rate"),
    "smoothed": N_("hotspots.measure.smoothed"),
    "count": N_("hotspots.measure.count"),
}
VIEW_NAMES = {"classes": N_("hotspots.view.classes"), "gi": N_("hotspots.view.gi"), "lisa": N_("hotspots.view.lisa")}
# Breakdown column: the kind of its labels and its heading.
CATEGORIES = {
    "violence_type": ("violence", N_("hotspots.by_type")),
    "victim_group": ("victim", N_("hotspots.by_group")),
}
DISTRICT_KEY = "hotspots_district"
MAP_KEY = "hotspots_map"
# Tooltip lines and district metrics: (text key, column of the published figures).
FIELDS = (
    (N_("col.cases"), "cases"),
    (N_("col.rate"), "rate"),
    (N_("hotspots.col.eb_rate"), "eb_rate"),
    (N_("hotspots.col.gi"), "gi"),
    (N_("hotspots.col.lisa"), "lisa"),
)


@st.cache_data(show_spinner=False)
def load_trend(path: str, version: str, dist_code: str, end: str) -> pd.DataFrame:
    """The district's published count in the ``TREND_QUARTERS`` quarters ending at ``end``."""
    window = pd.DataFrame({"quarter": quarters.window(end, TREND_QUARTERS)})
    return window.merge(read.district_trend(path, dist_code), on="quarter", how="left")


@st.cache_data(show_spinner=False)
def load_breakdown(path: str, version: str, by: str, span: str, end: str) -> pd.DataFrame:
    return read.breakdown(path, by, span, end)


def classes_view(
    summary: pd.DataFrame, measure: str, scheme: str, lang: str
) -> tuple[list[tuple[int, int, int]], list[maps.LegendEntry]]:
    """Colours and legend of the chosen measure in the chosen scheme's classes."""
    values = summary[MEASURES[measure]]
    # A smoothed rate is published for every district with data; a count or plain rate is hidden with its count.
    suppressed = pd.Series(False, index=summary.index) if measure == "smoothed" else summary["suppressed"]
    breaks = loaders.class_breaks(SNAPSHOT.path, SNAPSHOT.version, period.span, period.end, measure, scheme)
    digits = 0 if measure == "count" else 1
    colours, entries = maps.breaks_colours(values, suppressed, breaks, lambda v: number(v, digits, lang))
    if not suppressed.any():
        return colours, entries
    top = SNAPSHOT.meta.suppress_below - 1
    return colours, [*entries, maps.LegendEntry(maps.SUPPRESSED, t("legend.suppressed", lang, top=top))]


def category_view(
    classes: pd.Series, kind: str, palette: dict[str, tuple[int, int, int]], lang: str
) -> tuple[list[tuple[int, int, int]], list[maps.LegendEntry]]:
    """Colours and legend of a class column (Gi* or Local Moran)."""
    entries = [maps.LegendEntry(colour, label(kind, code, lang)) for code, colour in palette.items()]
    return maps.category_colours(classes, palette), entries


def view_legend(
    summary: pd.DataFrame, view: str, lang: str
) -> tuple[list[tuple[int, int, int]], list[maps.LegendEntry], str, str]:
    """Colours, legend entries, legend title and note of a view; the classes view asks for its measure and scheme."""
    if view == "gi":
        colours, entries = category_view(summary["hotspot_class"], "gi", maps.GI_COLOURS, lang)
        return colours, entries, t("hotspots.legend.gi", lang), t("hotspots.gi_note", lang) + "\n\n" + moran_text()
    if view == "lisa":
        colours, entries = category_view(summary["lisa_class"], "lisa", maps.LISA_COLOURS, lang)
        return colours, entries, t("hotspots.legend.lisa", lang), t("hotspots.lisa_note", lang) + "\n\n" + moran_text()
    linked("measure", "hotspots_measure", list(MEASURES))
    linked("scheme", "hotspots_scheme", CLASS_SCHEMES)
    measure_column, scheme_column = st.columns(2)
    measure = measure_column.radio(
        t("hotspots.measure", lang),
        list(MEASURES),
        key="hotspots_measure",
        horizontal=True,
        format_func=lambda m: t(MEASURE_NAMES[m], lang),
    )
    scheme = scheme_column.radio(
        t("hotspots.scheme", lang),
        CLASS_SCHEMES,
        key="hotspots_scheme",
        horizontal=True,
        format_func=lambda s: label("scheme", s, lang),
    )
    links.show("measure", measure)
    links.show("scheme", scheme)
    colours, entries = classes_view(summary, measure, scheme, lang)
    return colours, entries, t(MEASURE_NAMES[measure], lang), t("hotspots.classes_note", lang)


def linked(name: str, key: str, options) -> None:
    """A shared link's choice for the control under ``key`` (once; a value it does not offer gets a notice)."""
    if (value := links.asked(name, options)) is not None:
        st.session_state[key] = value
    links.notice()


def open_click(codes: list[str]) -> None:
    """``on_select``: a click on a district chooses it (:func:`ui.picking.take_click`) and opens it on the map."""
    clicked = st.session_state[picking.chart_key(MAP_KEY)].selection.indices.get("districts")
    picking.take_click(MAP_KEY, codes, DISTRICT_KEY)
    if clicked:
        drill.open_district(MAP_KEY, st.session_state[DISTRICT_KEY])


def map_controls(layer: gpd.GeoDataFrame) -> tuple[layers.Shown, str | None, mapview.Canvas, pdk.ViewState]:
    """Breadcrumbs, the layers popover and the zoom buttons above the map: what to draw, the district opened
    (or None), the canvas and the view to open on (all of Bangkok, or the district opened, fitted to it)."""
    opened = drill.opened(MAP_KEY)
    drill.breadcrumbs(MAP_KEY, layer.set_index("dist_code")[f"name_{LANG}"])
    controls = st.container(horizontal=True, gap="small", vertical_alignment="center", key="hotspots-controls")
    with controls.popover(t("layers.title"), icon=":material/layers:"):
        visible = layers.layer_toggles(MAP_KEY)
    if opened:  # an opened district shows what lies inside it
        inside = {"subdistricts", "communities", "services"}
        visible = layers.Shown(visible.layers | inside, visible.services or layers.DEFAULT_SERVICES)
    size = mapview.canvas()
    bounds = layer.geometry[layer["dist_code"] == opened].total_bounds if opened else mapview.BANGKOK
    home = mapview.fit_view(tuple(float(b) for b in bounds), size)
    return visible, opened, size, mapview.view_controls(MAP_KEY, home, controls)


def draw_map(
    layer: gpd.GeoDataFrame,
    summary: pd.DataFrame,
    shown: pd.DataFrame,
    colours: list[tuple[int, int, int]],
    entries: list[maps.LegendEntry],
    title: str,
    note: str,
) -> pd.Series:
    """The district map and its legend; returns each district's class as the legend writes it."""
    entries = [*entries, maps.LegendEntry(maps.NO_DATA, t("legend.no_data"))]
    districts = layer.merge(summary[["dist_code"]].assign(fill=colours, **shown), on="dist_code")
    tooltip = "<b>{name_th}</b><br/>{name_en}" + "".join(
        f"<br/>{html.escape(t(key))}: {{{field}}}" for key, field in FIELDS
    )

    chosen = st.session_state.get(DISTRICT_KEY)
    visible, opened, size, view = map_controls(layer)

    zoom, edges = view.zoom, mapview.edges(view, size)  # names are placed for the view the map opens at

    def build() -> maps.DeckJson:
        extra = layers.overlay_layers(
            SNAPSHOT.path, SNAPSHOT.version, visible, period.span, period.end, LANG, opened, zoom
        )
        fills = "districts" in visible
        named = districts[districts["dist_code"] != opened]  # an opened district's sub-districts are named instead
        deck_layers = [
            *([maps.choropleth_layer(districts, ["dist_code", "name_th", "name_en", *shown.columns])] if fills else []),
            *extra["under"],
            *picking.chosen_outline(districts, opened or chosen),
            *extra["over"],
            *([maps.label_layer(named, f"name_{LANG}", zoom=zoom, edges=edges)] if fills else []),
        ]
        return maps.map_deck(deck_layers, tooltip)

    key = (
        "hotspots",
        SNAPSHOT.version,
        period.span,
        period.end,
        LANG,
        tuple(colours),
        visible,
        opened,
        chosen,
        zoom,
        edges,
    )
    map_column, legend_column = st.columns([5, 1])
    map_column.pydeck_chart(
        mapview.with_view(loaders.remembered(key, build), view),
        height=size.height,
        alt=t("hotspots.map_alt"),
        key=picking.chart_key(MAP_KEY),
        # A click opens the district and chooses it for the detail below; the map's features come in the
        # layer's order (an inner merge keeps it).
        on_select=partial(
            open_click,
            layer["dist_code"][layer["dist_code"].isin(summary["dist_code"])].tolist(),
        ),
        selection_mode="single-object",
    )
    with legend_column:
        maps.legend(title, entries)
        points, lines = layers.overlay_legend(visible)
        if points or lines:
            maps.legend(t("layers.legend"), points, lines)
        st.caption(note)
        st.caption(t("hotspots.chosen_note"))
        view = st.session_state["hotspots_view"]
        png = partial(
            map_png,
            SNAPSHOT.path,
            dict(zip(summary["dist_code"], colours, strict=True)),
            [(entry.colour, entry.label) for entry in entries],
            title=t(VIEW_NAMES[view]),
            subtitle=period.label,
            legend_title=title,
            lang=LANG,
        )
        legends.picture_button(png, f"map_hotspots_{view}_{period.end}_{period.span}_{LANG}.png")
    return pd.Series(colours, index=summary.index).map({e.colour: e.label for e in entries})


def moran_text() -> str:
    """Global Moran's I of the window beside a local map: is the map as a whole clustered?"""
    figures = loaders.kpis(SNAPSHOT.path, SNAPSHOT.version, period.span, period.end)
    if pd.isna(figures.moran_i):
        return ""
    clustered = figures.moran_p < 0.05 and figures.moran_i > 0
    meaning = t("hotspots.moran.clustered") if clustered else t("hotspots.moran.none")
    return t("hotspots.moran", i=number(figures.moran_i, 2), p=number(figures.moran_p, 3), meaning=meaning)


def thai_order(name: str) -> str:
    """Sort key for Thai names: a leading vowel (เ แ โ ใ ไ) sorts after its consonant, as dictionaries do."""
    return name[1] + name[0] + name[2:] if name[:1] in "เแโใไ" and len(name) > 1 else name


def trend_chart(trend: pd.DataFrame, start: str, lang: str) -> dict:
    """The district's published count per quarter (a suppressed quarter leaves a gap), the window's start marked."""
    data = pd.DataFrame(
        {
            "quarter": trend["quarter"],
            "axis": trend["quarter"].map(lambda q: short_label(q, lang)),
            "label": trend["quarter"].map(lambda q: quarter_label(q, lang)),
            "series": t("hotspots.trend.cases", lang),
            "value": trend["cases"],
            "display": trend["cases_display"].fillna(t("value.no_data", lang)),
        }
    )
    markers = data.loc[data["quarter"] == start, ["axis"]].assign(text=t("hotspots.trend.window", lang))
    return charts.quarterly_trend(
        data, y_title=t("hotspots.trend.cases", lang), quarter_title=t("hotspots.trend.quarter", lang), markers=markers
    )


def breakdown_table(frame: pd.DataFrame, by: str, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("hotspots.col.category", lang): frame["code"].map(lambda c: label(CATEGORIES[by][0], c, lang)),
            t("col.cases", lang): frame["cases_display"],
        }
    )


def district_table(
    summary: pd.DataFrame, shown: pd.DataFrame, map_class: pd.Series | None, numbers: bool = False
) -> pd.DataFrame:
    """The table behind the map: as readers see it, or with ``numbers`` as numbers for a download."""
    hot = summary["hot_windows"]
    table = pd.DataFrame(
        {
            **tables.district_columns(summary, shown, numbers),
            t("hotspots.col.eb_rate"): summary["eb_rate_per_100k"].round(1) if numbers else shown["eb_rate"],
            t("hotspots.col.gi_z"): summary["gi_z"].round(2),
            t("hotspots.col.gi_p"): summary["gi_p"],
            t("hotspots.col.gi_q"): summary["gi_q"],
            t("hotspots.col.gi"): shown["gi"],
            t("hotspots.col.hot_windows"): hot
            if numbers
            else [f"{h} / {of}" for h, of in zip(hot, summary["hot_windows_of"], strict=True)],
        }
    )
    if numbers:
        table[t("hotspots.col.hot_windows_of")] = summary["hot_windows_of"]
    table[t("hotspots.col.lisa")] = shown["lisa"]
    if map_class is not None:
        table[t("hotspots.col.class")] = map_class
    return table


through_dashboard()
SNAPSHOT = sidebar.snapshot()
LANG = current_lang()
period = sidebar.period()

st.title(t("hotspots.title"))
if period is None:
    st.info(t("hotspots.no_cases"))
    st.stop()
st.caption(t("hotspots.subtitle", window=period.label))
summary = loaders.district_summary(SNAPSHOT.path, SNAPSHOT.version, period.span, period.end)
if summary["cases_reported_display"].isna().all():
    st.info(t("hotspots.empty_window", window=period.label))
    st.stop()
shown = district_figures(summary, LANG)

# The district detailed below (outlined on the map): the one chosen, else the highest smoothed rate.
names = summary.set_index("dist_code")[f"name_{LANG}"]
codes = sorted(sidebar.chosen_districts() or names.index, key=lambda code: thai_order(names[code]))
if st.session_state.get(DISTRICT_KEY) not in codes:
    smoothed = summary.set_index("dist_code")["eb_rate_per_100k"]  # start with the highest
    st.session_state[DISTRICT_KEY] = smoothed.idxmax() if smoothed.notna().any() else codes[0]

# --- Map view and its legend ---------------------------------------------------
linked("view", "hotspots_view", VIEWS)
st.session_state.setdefault("hotspots_view", "classes")
view = st.segmented_control(
    t("hotspots.view"),
    VIEWS,
    required=True,
    key="hotspots_view",
    format_func=lambda v: t(VIEW_NAMES[v], LANG),
)
links.show("view", view)
if view != "classes" and summary["hotspot_class"].isna().all():
    st.info(t("hotspots.no_statistics"))
    map_class = None
else:
    layer = loaders.district_layer(SNAPSHOT.path, SNAPSHOT.version)
    map_class = draw_map(layer, summary, shown, *view_legend(summary, view, LANG))
top = SNAPSHOT.meta.suppress_below - 1
st.caption(t("hotspots.privacy_note", top=top, below=top + 1, base=SNAPSHOT.meta.round_to))
if opened := drill.opened(MAP_KEY):  # the district opened on the map: what lies inside it
    drill.district_lists(SNAPSHOT.path, SNAPSHOT.version, period.span, period.end, opened, LANG)

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

# --- One district: its trend and breakdowns -----------------------------------------
st.subheader(t("hotspots.detail"))
district = st.selectbox(
    t("hotspots.district"),
    codes,
    key=DISTRICT_KEY,
    format_func=names.get,
    help=t("hotspots.district_help"),
    on_change=lambda: drill.open_district(MAP_KEY, st.session_state[DISTRICT_KEY]),  # and zoom the map to it
)
row = shown.set_index(summary["dist_code"]).loc[district]
figures, classes = FIELDS[:3], FIELDS[3:]  # numbers as cards; the class names are too long for one
for column, (key, field) in zip(st.columns(len(figures)), figures, strict=True):
    column.metric(t(key), row[field])
st.markdown(" · ".join("**" + t(key) + f"**: {row[field]}" for key, field in classes))

trend = load_trend(SNAPSHOT.path, SNAPSHOT.version, district, period.end)
st.markdown("**" + t("hotspots.trend", n=TREND_QUARTERS) + "**")
if trend["cases_display"].isna().all():
    st.info(t("hotspots.no_trend", n=TREND_QUARTERS))
else:
    charts.show(
        ("hotspots", SNAPSHOT.version, district, period.start, period.end, LANG),
        lambda: trend_chart(trend, period.start, LANG),
    )
    st.caption(t("hotspots.trend_note", top=top, below=top + 1))

# --- Districts compared over time ---------------------------------------------------
ranked = summary.sort_values("eb_rate_per_100k", ascending=False)["dist_code"]
highest = ranked[ranked.isin(codes)].head(3).tolist()  # the three highest smoothed rates, at first
compare.compare_section(SNAPSHOT.path, SNAPSHOT.version, period.span, period.end, names.loc[codes], highest, LANG)

# --- Bangkok by violence type and victim group ------------------------------------
st.subheader(t("hotspots.breakdowns"))
breakdowns = {by: load_breakdown(SNAPSHOT.path, SNAPSHOT.version, by, period.span, period.end) for by in CATEGORIES}
if all(frame.empty for frame in breakdowns.values()):
    st.info(t("hotspots.no_breakdown", window=period.label))
else:
    st.caption(t("hotspots.breakdowns_caption", window=period.label))
    for column, (by, frame) in zip(st.columns(2), breakdowns.items(), strict=True):
        column.markdown("**" + t(CATEGORIES[by][1]) + "**")
        column.dataframe(breakdown_table(frame, by, LANG), hide_index=True, width="stretch")

"""The Hotspots map: one view of the district table (:mod:`ui.hotspot_views`), drilled into by a click.

Above the map: breadcrumbs back from an opened district, the layers popover
and the zoom buttons. A click on a district chooses it for the detail below
the map and opens it: the map zooms to it and draws its sub-districts,
communities and services (:mod:`ui.drill`). The chosen district is outlined.
Beside the map: the view's legend, the overlays', notes and the picture.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import geopandas as gpd
import pandas as pd
import pydeck as pdk
import streamlit as st

from ui import district_map, drill, layers, loaders, maps, mapview, picking
from ui.context import Page
from ui.hotspot_detail import FIELDS
from ui.hotspot_views import VIEWS, Fill
from ui.i18n import t
from ui.sidebar import Period

__all__ = ["DISTRICT_KEY", "MAP_KEY", "draw"]

DISTRICT_KEY = "hotspots_district"
MAP_KEY = "hotspots_map"
INSIDE = frozenset({"subdistricts", "communities", "services"})  # what an opened district shows


def _open_click(codes: list[str]) -> None:
    """``on_select``: a click on a district chooses it (:func:`ui.picking.take_click`) and opens it on the map."""
    clicked = st.session_state[picking.chart_key(MAP_KEY)].selection.indices.get("districts")
    picking.take_click(MAP_KEY, codes, DISTRICT_KEY)
    if clicked:
        drill.open_district(MAP_KEY, st.session_state[DISTRICT_KEY])


def _controls(layer: gpd.GeoDataFrame, lang: str) -> tuple[layers.Shown, str | None, mapview.Canvas, pdk.ViewState]:
    """Breadcrumbs and the row of controls above the map: what to draw, the district opened (or None), the
    canvas and the view to open on (all of Bangkok, or the district opened, fitted to it)."""
    opened = drill.opened(MAP_KEY)
    drill.breadcrumbs(MAP_KEY, layer.set_index("dist_code")[f"name_{lang}"])
    framed = layer.geometry[layer["dist_code"] == opened]
    visible, size, view = district_map.map_controls(MAP_KEY, "hotspots-controls", framed)
    if opened:  # an opened district shows what lies inside it
        visible = layers.Shown(visible.layers | INSIDE, visible.services or layers.DEFAULT_SERVICES)
    return visible, opened, size, view


def _picture(
    page: Page,
    period: Period,
    view: str,
    summary: pd.DataFrame,
    fill: Fill,
    entries: list[maps.LegendEntry],
    render: Callable[..., bytes],
) -> Callable[[], bytes]:
    """The map as a picture that ``render`` draws on the click: the same fills and legend, the view as title."""
    return partial(
        render,
        page.path,
        dict(zip(summary["dist_code"], fill.colours, strict=True)),
        [(entry.colour, entry.label) for entry in entries],
        title=t(VIEWS[view]),
        subtitle=period.label,
        legend_title=fill.title,
        lang=page.lang,
    )


def draw(
    page: Page,
    period: Period,
    view: str,
    summary: pd.DataFrame,
    shown: pd.DataFrame,
    fill: Fill,
    render: Callable[..., bytes],
) -> pd.Series:
    """The district map of ``view`` and its legend; returns each district's class as the legend writes it.

    ``shown`` holds the figures as readers see them (:func:`ui.figures.district_figures`); ``render`` draws
    the map as a picture (:func:`etl.briefing.picture.map_png`, which a page hands in: ``ui`` imports no
    ``etl``).
    """
    lang = page.lang
    entries = [*fill.entries, maps.LegendEntry(maps.NO_DATA, t("legend.no_data"))]
    layer = loaders.district_layer(page.path, page.version)
    districts = layer.merge(summary[["dist_code"]].assign(fill=fill.colours, **shown), on="dist_code")
    chosen = st.session_state.get(DISTRICT_KEY)
    visible, opened, size, start = _controls(layer, lang)
    zoom, edges = start.zoom, mapview.edges(start, size)  # names are placed for the view the map opens at

    def build() -> maps.DeckJson:
        overlays = layers.overlay_layers(page.path, page.version, visible, period.span, period.end, lang, opened, zoom)
        outline = picking.chosen_outline(districts, opened or chosen)
        named = districts[districts["dist_code"] != opened]  # an opened district's sub-districts are named instead
        properties = ["dist_code", "name_th", "name_en", *shown.columns]
        deck_layers = district_map.district_layers(
            districts, properties, visible, overlays, outline, named, lang, zoom, edges
        )
        return maps.map_deck(deck_layers, district_map.tooltip(FIELDS, lang))

    # The deck is kept per everything it draws: fills, layers, districts opened and chosen, and where names go.
    key = (page.version, period.span, period.end, lang, tuple(fill.colours), visible, opened, chosen, zoom, edges)
    map_column, legend_column = st.columns([5, 1])
    map_column.pydeck_chart(
        mapview.with_view(loaders.remembered(("hotspots", *key), build), start),
        height=size.height,
        alt=t("hotspots.map_alt"),
        key=picking.chart_key(MAP_KEY),
        # A click opens the district and chooses it for the detail below; the map's features come in the
        # layer's order (an inner merge keeps it).
        on_select=partial(_open_click, layer["dist_code"][layer["dist_code"].isin(summary["dist_code"])].tolist()),
        selection_mode="single-object",
    )
    with legend_column:
        notes = (fill.note, t("hotspots.chosen_note"))
        file_name = f"map_hotspots_{view}_{period.end}_{period.span}_{lang}.png"
        picture = _picture(page, period, view, summary, fill, entries, render)
        district_map.legend_beside(fill.title, entries, visible, notes, picture, file_name)
    return pd.Series(fill.colours, index=summary.index).map({e.colour: e.label for e in entries})

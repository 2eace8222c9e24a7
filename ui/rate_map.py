"""The Overview's map: each district's smoothed rate, with its legend, notes and picture download beside it.

Every district with data is coloured by the published classes of its
smoothed rate, "<5" ones too: the rate is computed from protected cells and
borrows strength from Bangkok's mean, so it reveals no small count.
Districts chosen in the sidebar are outlined and the map opens on them; the
others stay for context. Layer toggles and zoom buttons sit above the map.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from ui import layers, legends, loaders, maps, mapview, picking
from ui.context import Page
from ui.figures import rate_figures
from ui.i18n import N_, number, t
from ui.sidebar import Period

__all__ = ["district_map", "legend_title", "load_deck", "smoothed_classes"]

MAP_KEY = "overview_map"
# The tooltip's figures: a column of :func:`ui.figures.rate_figures` and its heading's text key.
TOOLTIP_FIELDS = {
    "cases": N_("col.cases"),
    "rate": N_("col.rate"),
    "eb": N_("overview.col.eb_rate"),
    "hotspot": N_("overview.col.hotspot"),
}


def smoothed_classes(
    path: str, version: str, span: str, end: str, lang: str
) -> tuple[list[tuple[int, int, int]], list[maps.LegendEntry]]:
    """Each district's fill by the published classes of its smoothed rate, and the classes' legend entries."""
    summary = loaders.district_summary(path, version, span, end)
    return maps.classed_colours(
        summary["eb_rate_per_100k"],
        pd.Series(False, index=summary.index),
        loaders.class_breaks(path, version, span, end, "smoothed", "overview"),
        lambda bound: number(bound, 1 if 0 < bound < 10 else 0, lang),
    )


@st.cache_data(show_spinner=False)
def load_deck(
    path: str,
    version: str,
    span: str,
    end: str,
    lang: str,
    visible: layers.Shown,
    zoom: float,
    edges: tuple[float, float],
    chosen: tuple[str, ...] = (),
) -> tuple[maps.DeckJson, list[maps.LegendEntry]]:
    """The smoothed-rate map and its class entries, built once per window, language, layers, view (which names
    fit, and where the canvas ends) and districts ``chosen`` (outlined). The page sets where it opens."""
    summary = loaders.district_summary(path, version, span, end)
    colours, classes = smoothed_classes(path, version, span, end, lang)
    districts = loaders.district_layer(path, version).merge(
        rate_figures(summary, lang).assign(fill=colours), on="dist_code"
    )
    tooltip = "<b>{name_th}</b><br/>{name_en}<br/>" + "<br/>".join(
        f"{html.escape(t(key, lang))}: {{{field}}}" for field, key in TOOLTIP_FIELDS.items()
    )
    picked = districts[districts["dist_code"].isin(chosen)]
    extra = layers.overlay_layers(path, version, visible, span, end, lang, zoom=zoom)
    fills = "districts" in visible
    deck_layers = [
        *([maps.choropleth_layer(districts, ["dist_code", "name_th", "name_en", *TOOLTIP_FIELDS])] if fills else []),
        *extra["under"],
        *([maps.outline_layer(picked.geometry, "chosen-districts", picking.CHOSEN_LINE, 3)] if chosen else []),
        *extra["over"],
        *([maps.label_layer(districts, f"name_{lang}", zoom=zoom, edges=edges)] if fills else []),
    ]
    return maps.map_deck(deck_layers, tooltip), classes


def legend_title(n_quarters: int) -> str:
    """The map's legend title: rates add up the window's quarters, so it says how many."""
    span = t("overview.span_one") if n_quarters == 1 else t("overview.span_many", n=n_quarters)
    return t("overview.legend", span=span)


def _picture(page: Page, period: Period, entries: list[maps.LegendEntry], draw: Callable[..., bytes]) -> None:
    """The button that downloads the map as a PNG with its legend and title, drawn on the click by ``draw``."""
    colours, _ = smoothed_classes(page.path, page.version, period.span, period.end, page.lang)
    codes = loaders.district_summary(page.path, page.version, period.span, period.end)["dist_code"]
    png = partial(
        draw,
        page.path,
        dict(zip(codes, colours, strict=True)),
        [(entry.colour, entry.label) for entry in entries],
        title=t("overview.map_title"),
        subtitle=period.label,
        legend_title=legend_title(period.n_quarters),
        lang=page.lang,
    )
    legends.picture_button(png, f"map_smoothed_rate_{period.end}_{period.span}_{page.lang}.png")


def district_map(page: Page, period: Period, draw: Callable[..., bytes]) -> None:
    """The smoothed rate by district for ``period``, with the legend and the notes beside it, and a button
    for the map as a picture that ``draw`` makes (:func:`etl.briefing.picture.map_png`, which ``ui/`` may
    not import: the page hands it over)."""
    controls = st.container(horizontal=True, gap="small", vertical_alignment="center", key="overview-controls")
    with controls.popover(t("layers.title"), icon=":material/layers:"):
        visible = layers.layer_toggles(MAP_KEY)
    size = mapview.canvas()
    outlines = loaders.district_layer(page.path, page.version)
    picked = page.districts
    home = mapview.view_of(outlines.geometry[outlines["dist_code"].isin(picked)], size) if picked else None
    view = mapview.view_controls(MAP_KEY, home or mapview.fit_view(mapview.BANGKOK, size), controls)
    place = view.zoom, mapview.edges(view, size)  # names are placed for the view the map opens at
    deck, classes = load_deck(page.path, page.version, period.span, period.end, page.lang, visible, *place, picked)
    map_column, legend_column = st.columns([5, 1])
    map_column.pydeck_chart(mapview.with_view(deck, view), height=size.height, alt=t("overview.map_alt"))
    entries = [*classes, maps.LegendEntry(maps.NO_DATA, t("legend.no_data"))]
    with legend_column:
        below = page.meta.suppress_below
        maps.legend(legend_title(period.n_quarters), entries)
        points, lines = layers.overlay_legend(visible)
        if points or lines:
            maps.legend(t("layers.legend"), points, lines)
        st.caption(t("overview.eb_note"))
        st.caption(t("overview.privacy_note", top=below - 1, below=below))
        _picture(page, period, entries, draw)

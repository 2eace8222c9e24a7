"""The Overview's map: each district's smoothed rate, with its legend, notes and picture download beside it.

Every district with data is coloured by the published classes of its
smoothed rate, "<5" ones too: the rate is computed from protected cells and
borrows strength from Bangkok's mean, so it reveals no small count.
Districts chosen in the sidebar are outlined and the map opens on them; the
others stay for context. The controls, the layer stack, the tooltip and the
column beside the map are :mod:`ui.district_map`'s, as on Hotspots.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from ui import district_map, layers, loaders, maps, mapview, picking
from ui.context import Page
from ui.figures import rate_figures
from ui.i18n import N_, number, t
from ui.sidebar import Period

__all__ = ["draw", "legend_title", "load_deck", "smoothed_classes"]

MAP_KEY = "overview_map"
# The tooltip's lines: (text key, column of :func:`ui.figures.rate_figures`).
FIELDS = (
    (N_("col.cases"), "cases"),
    (N_("col.rate"), "rate"),
    (N_("overview.col.eb_rate"), "eb"),
    (N_("overview.col.hotspot"), "hotspot"),
)


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
    picked = districts[districts["dist_code"].isin(chosen)]
    outline = picking.outlined(picked.geometry)
    overlays = layers.overlay_layers(path, version, visible, span, end, lang, zoom=zoom)
    properties = ["dist_code", "name_th", "name_en", *(field for _, field in FIELDS)]
    deck_layers = district_map.district_layers(
        districts, properties, visible, overlays, outline, districts, lang, zoom, edges
    )
    return maps.map_deck(deck_layers, district_map.tooltip(FIELDS, lang)), classes


def legend_title(n_quarters: int) -> str:
    """The map's legend title: rates add up the window's quarters, so it says how many."""
    span = t("overview.span_one") if n_quarters == 1 else t("overview.span_many", n=n_quarters)
    return t("overview.legend", span=span)


def _picture(
    page: Page, period: Period, entries: list[maps.LegendEntry], render: Callable[..., bytes]
) -> Callable[[], bytes]:
    """The map as a picture that ``render`` draws on the click, with its legend and title."""
    colours, _ = smoothed_classes(page.path, page.version, period.span, period.end, page.lang)
    codes = loaders.district_summary(page.path, page.version, period.span, period.end)["dist_code"]
    return partial(
        render,
        page.path,
        dict(zip(codes, colours, strict=True)),
        [(entry.colour, entry.label) for entry in entries],
        title=t("overview.map_title"),
        subtitle=period.label,
        legend_title=legend_title(period.n_quarters),
        lang=page.lang,
    )


def draw(page: Page, period: Period, render: Callable[..., bytes]) -> None:
    """The smoothed rate by district for ``period``, with the legend and the notes beside it, and a button
    for the map as a picture that ``render`` makes (:func:`etl.briefing.picture.map_png`, which ``ui/`` may
    not import: the page hands it over)."""
    outlines = loaders.district_layer(page.path, page.version)
    framed = outlines.geometry[outlines["dist_code"].isin(page.districts)]
    visible, size, view = district_map.map_controls(MAP_KEY, "overview-controls", framed)
    place = view.zoom, mapview.edges(view, size)  # names are placed for the view the map opens at
    deck, classes = load_deck(
        page.path, page.version, period.span, period.end, page.lang, visible, *place, page.districts
    )
    map_column, legend_column = st.columns([5, 1])
    map_column.pydeck_chart(mapview.with_view(deck, view), height=size.height, alt=t("overview.map_alt"))
    entries = [*classes, maps.LegendEntry(maps.NO_DATA, t("legend.no_data"))]
    below = page.meta.suppress_below
    notes = (t("overview.eb_note"), t("overview.privacy_note", top=below - 1, below=below))
    file_name = f"map_smoothed_rate_{period.end}_{period.span}_{page.lang}.png"
    with legend_column:
        picture = _picture(page, period, entries, render)
        district_map.legend_beside(legend_title(period.n_quarters), entries, visible, notes, picture, file_name)

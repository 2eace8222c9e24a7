"""A district map and its legend, as the pages draw them: controls above, the map, the legend beside it.

A page lays out :func:`map_controls` (the layers popover and the zoom
buttons), builds its deck from :func:`district_layers` with a
:func:`tooltip`, draws it in the wider of ``st.columns([5, 1])`` and
calls :func:`legend_beside` in the narrow one: its classes, the overlays
turned on, its notes and the picture button. The fills, what a district's
tooltip says and which district is outlined stay the page's own.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import geopandas as gpd
import pydeck as pdk
import streamlit as st

from ui import layers, legends, maps, mapview
from ui.i18n import t
from ui.palettes import LegendEntry

__all__ = ["district_layers", "legend_beside", "map_controls", "tooltip"]


def map_controls(key: str, row_key: str, framed: gpd.GeoSeries) -> tuple[layers.Shown, mapview.Canvas, pdk.ViewState]:
    """The layers popover and the zoom buttons above the map ``key``, in one row (``row_key``).

    Returns what the reader turned on, the canvas, and the view the map opens
    at: ``framed`` (shapes in EPSG:4326) fitted to the canvas, or all of
    Bangkok when it is empty, moved by the zoom buttons.
    """
    row = st.container(horizontal=True, gap="small", vertical_alignment="center", key=row_key)
    with row.popover(t("layers.title"), icon=":material/layers:"):
        visible = layers.layer_toggles(key)
    size = mapview.canvas()
    home = mapview.view_of(framed, size) if len(framed) else mapview.fit_view(mapview.BANGKOK, size)
    return visible, size, mapview.view_controls(key, home, row)


def tooltip(fields: Sequence[tuple[str, str]], lang: str) -> str:
    """A district's tooltip: its two names, then one line per (text key, property) of ``fields``.

    >>> tooltip([("col.cases", "cases")], "en")
    '<b>{name_th}</b><br/>{name_en}<br/>Cases: {cases}'
    """
    lines = "".join(f"<br/>{html.escape(t(key, lang))}: {{{field}}}" for key, field in fields)
    return "<b>{name_th}</b><br/>{name_en}" + lines


def district_layers(
    districts: gpd.GeoDataFrame,
    properties: list[str],
    visible: layers.Shown,
    overlays: dict[str, list[pdk.Layer]],
    outlines: list[pdk.Layer],
    named: gpd.GeoDataFrame,
    lang: str,
    zoom: float,
    edges: tuple[float, float],
) -> list[pdk.Layer]:
    """The layers of a district map, bottom to top: the fills (``districts`` with ``fill`` and ``properties``
    for the tooltip), the overlays under the outlines (:func:`ui.layers.overlay_layers`), ``outlines``, the
    overlays over them, and the names of ``named`` placed for ``zoom`` and the canvas's ``edges``. Without the
    districts layer turned on, neither fills nor names are drawn."""
    fills = "districts" in visible
    return [
        *([maps.choropleth_layer(districts, properties)] if fills else []),
        *overlays["under"],
        *outlines,
        *overlays["over"],
        *([maps.label_layer(named, f"name_{lang}", zoom=zoom, edges=edges)] if fills else []),
    ]


def legend_beside(
    title: str,
    entries: list[LegendEntry],
    visible: layers.Shown,
    notes: Sequence[str],
    picture: Callable[[], bytes],
    file_name: str,
) -> None:
    """The column beside a map: its legend (``title`` over ``entries``), the overlays turned on, ``notes`` as
    captions, and the button that downloads the map as ``picture()`` (drawn on the click)."""
    legends.legend(title, entries)
    layers.legend_beside(visible)
    for note in notes:
        st.caption(note)
    legends.picture_button(picture, file_name)

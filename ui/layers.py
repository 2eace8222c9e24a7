"""Layer toggles any map can offer, the layers they add and their legend entries.

A page calls :func:`layer_toggles` above its map, :func:`overlay_layers` to
add what the reader turned on (sub-districts, services by type, communities,
the river, roads), and :func:`overlay_legend` for the entries beside its own.
Everything is read from the published snapshot: boundaries, the service
register and the community register, no counts. Overlay points are drawn
without tooltips (the district fill carries those); a page lists the points
of a district in a table when it drills into one.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pydeck as pdk
import streamlit as st

from core.codes import SERVICE_TYPES
from ui import loaders, maps
from ui.i18n import N_, current_lang, label, t
from ui.palettes import COMMUNITY, RIVER, ROAD, SERVICE_COLOURS, SUBDISTRICT_LINE, LegendEntry

__all__ = ["LAYERS", "Shown", "in_district", "layer_toggles", "legend_beside", "overlay_layers", "overlay_legend"]

LAYER_NAMES = {  # the layers a map offers, in order, and their names
    "districts": N_("layers.districts"),
    "subdistricts": N_("layers.subdistricts"),
    "services": N_("layers.services"),
    "communities": N_("layers.communities"),
    "river": N_("layers.river"),
    "roads": N_("layers.roads"),
}
LAYERS = tuple(LAYER_NAMES)
DEFAULT = ("districts", "river", "roads")
CONTEXT_IDS = {"context-road": "roads", "context-river": "river"}  # ui.maps.context_layers' ids, by toggle
DEFAULT_SERVICES = ("safe_space", "shelter", "oscc")  # the services a survivor is referred to, first


@dataclass(frozen=True)
class Shown:
    """What the reader turned on: layer names of :data:`LAYERS`, and the service types shown."""

    layers: frozenset[str]
    services: tuple[str, ...] = ()

    def __contains__(self, name: str) -> bool:
        return name in self.layers


def layer_toggles(key: str, offered: tuple[str, ...] = LAYERS, default: tuple[str, ...] = DEFAULT) -> Shown:
    """Toggle buttons for the layers of one map (state under ``key``), and the service types when services
    are on."""
    lang = current_lang()  # captured: the buttons' labels must not depend on when they are formatted
    chosen = st.pills(
        t("layers.title"),
        offered,
        selection_mode="multi",
        default=[name for name in default if name in offered],
        key=f"{key}_layers",
        format_func=lambda name: t(LAYER_NAMES[name], lang),
    )
    types: tuple[str, ...] = ()
    if "services" in chosen:
        types = tuple(
            st.pills(
                t("layers.service_types"),
                SERVICE_TYPES,
                selection_mode="multi",
                default=list(DEFAULT_SERVICES),
                key=f"{key}_service_types",
                format_func=lambda code: label("service", code, lang),
            )
        )
    return Shown(frozenset(chosen), types)


@st.cache_resource(show_spinner=False, max_entries=64)
def _subdistricts(path: str, version: str, dist_code: str | None, lang: str, zoom: float) -> list[pdk.Layer]:
    """The khwaeng outlines (of one district, or all), named when one district is shown."""
    khwaeng = loaders.subdistrict_layer(path, version, dist_code)
    if khwaeng.empty:
        return []
    layers = [maps.outline_layer(khwaeng.geometry, "subdistricts", SUBDISTRICT_LINE, 0.8)]
    if dist_code:
        named = khwaeng.assign(fill=[maps.NO_DATA] * len(khwaeng), name=maps.local_names(khwaeng, lang))
        layers.append(maps.label_layer(named, "name", "subdistrict-names", zoom))
    return layers


def in_district(frame: pd.DataFrame, dist_code: str | None) -> pd.DataFrame:
    """The rows of ``frame`` (``lon``, ``lat``, ``dist_code``) placed on the map, in ``dist_code`` if given."""
    inside = frame["lon"].notna() & frame["lat"].notna()
    return frame[inside & (frame["dist_code"] == dist_code if dist_code else inside)]


def _points(frame: pd.DataFrame, layer_id: str, colour: tuple[int, int, int], radius: float) -> pdk.Layer:
    layer = maps.marker_layer(frame, layer_id, colour, [], radius)
    layer.pickable = False  # the district under it carries the tooltip; a drill-down lists the points
    return layer


def overlay_layers(
    path: str,
    version: str,
    shown: Shown,
    span: str,
    end: str,
    lang: str,
    dist_code: str | None = None,
    zoom: float = maps.VIEW.zoom,
) -> dict[str, list[pdk.Layer]]:
    """The layers the reader turned on, by where they go: ``under`` the district outlines (river, roads) and
    ``over`` them (sub-districts, communities, services); only one district's when ``dist_code`` is given,
    its sub-districts named as fit at ``zoom``."""
    context = loaders.context_layers(path, version)  # roads first, then the river
    under = [layer for layer in context if CONTEXT_IDS[layer.id] in shown]
    over = [*_subdistricts(path, version, dist_code, lang, round(zoom, 2))] if "subdistricts" in shown else []
    if "communities" in shown:
        communities = in_district(loaders.community_points(path, version), dist_code)
        over.append(_points(communities, "communities", COMMUNITY, 2.5))
    if "services" in shown:
        services = in_district(loaders.service_points(path, version, span, end), dist_code)
        for code in shown.services:
            over.append(
                _points(services[services["service_type"] == code], f"services-{code}", SERVICE_COLOURS[code], 4.5)
            )
    return {"under": under, "over": over}


def overlay_legend(shown: Shown) -> tuple[list[LegendEntry], list[LegendEntry]]:
    """Legend entries for the overlays turned on: swatches (points) and strokes (lines)."""
    points = [LegendEntry(SERVICE_COLOURS[code], label("service", code)) for code in shown.services]
    if "communities" in shown:
        points.append(LegendEntry(COMMUNITY, t("layers.communities")))
    lines = [
        LegendEntry(colour, t(LAYER_NAMES[name]))
        for name, colour in (("subdistricts", SUBDISTRICT_LINE), ("river", RIVER), ("roads", ROAD))
        if name in shown
    ]
    return points, lines


def legend_beside(shown: Shown, lines_before: list[LegendEntry] = ()) -> None:
    """The "Other layers" legend of the overlays turned on (``lines_before`` first); nothing when none is."""
    points, lines = overlay_legend(shown)
    lines = [*lines_before, *lines]
    if points or lines:
        maps.legend(t("layers.legend"), points, lines)

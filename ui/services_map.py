"""The services map of the Coverage page: service points by type, safe spaces' catchments, optional outlines.

Each type's legend label says whether its points are real, estimated (placed,
not surveyed) or synthetic demo data. The map opens on the districts chosen
in the sidebar, outlined; its picture tints them instead (a picture draws no
outlines).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import geopandas as gpd
import pandas as pd
import pydeck as pdk
import streamlit as st

from ui import links, loaders, maps, picking, sidebar
from ui.i18n import N_, label, t

__all__ = ["choices", "deck", "origins", "outlines", "picture"]

HEALTH_CENTRE_LINE = maps.SERVICE_COLOURS["health_centre"]
EXTRAS = {"catchments": True, "health_centres": False, "context": False}  # each extra layer: does it start on
OPTIONAL_LINES = {  # optional outline layers: their legend colour and text
    "health_centres": (HEALTH_CENTRE_LINE, N_("coverage.health_centre_outline")),
    "context": (maps.CONTEXT_LINE, N_("map.context_outline")),
}
ORIGINS = {  # a service type's legend label says whether its points are real, estimated or synthetic
    "real": N_("coverage.origin.real"),
    "estimated": N_("coverage.origin.estimated"),
    "synthetic": N_("coverage.origin.synthetic"),
}


@st.cache_data(show_spinner=False)
def outlines(path: str, version: str) -> dict[str, pdk.Layer]:
    """The outline layers, built once per snapshot (merging shared edges takes a moment)."""
    return {
        "districts": loaders.district_outlines(path, version),
        "health_centres": maps.outline_layer(
            loaders.health_centre_areas(path, version).geometry, "health-centre-areas", HEALTH_CENTRE_LINE, 1.5
        ),
        "context": maps.outline_layer(
            loaders.context_districts(path, version).geometry, "samut-prakan", maps.CONTEXT_LINE
        ),
    }


def choices(present: list[str], km: str, lang: str) -> tuple[list[str], set[str]]:
    """The service types (of those ``present``) and the extra layers the reader shows, with the controls above
    the map. A shared link's choice (``?types=safe_space,police&layers=catchments``) is taken once; a choice
    kept from another period keeps only the types this period has (all of them at first)."""
    if (asked_types := links.asked_many("types", present)) is not None:
        st.session_state["coverage_types"] = asked_types
    if (asked_layers := links.asked_many("layers", list(EXTRAS))) is not None:
        st.session_state.update({f"coverage_{extra}": extra in asked_layers for extra in EXTRAS})
    links.notice()
    for extra, on in EXTRAS.items():
        st.session_state.setdefault(f"coverage_{extra}", on)
    kept = st.session_state.get("coverage_types", present)
    st.session_state["coverage_types"] = [kind for kind in kept if kind in present]
    types = st.pills(
        t("coverage.types"),
        present,
        selection_mode="multi",
        key="coverage_types",
        format_func=lambda kind: label("service", kind, lang),
    )
    options = st.columns(3)
    extras = {
        extra
        for extra, column, text in (
            ("catchments", options[0], t("coverage.catchments", km=km)),
            ("health_centres", options[1], t("coverage.health_centres")),
            ("context", options[2], t("coverage.samut_prakan")),
        )
        if column.checkbox(text, key=f"coverage_{extra}")
    }
    links.show("types", types)
    links.show("layers", [extra for extra in EXTRAS if extra in extras])
    return types, extras


def origins(services: pd.DataFrame) -> dict[str, str]:
    """Where each type's points come from: ``synthetic`` (demo data), ``estimated`` (placed, not surveyed)
    or ``real``, from the published sources and approximate flags."""
    synthetic = services["source"].fillna("").str.startswith("synthetic")
    frame = services.assign(synthetic=synthetic, approximate=services["approximate"].fillna(False).astype(bool))
    by_type = frame.groupby("service_type")[["synthetic", "approximate"]].any()
    return {
        kind: "synthetic" if row["synthetic"] else "estimated" if row["approximate"] else "real"
        for kind, row in by_type.iterrows()
    }


def type_label(service_type: str, lang: str, origin: dict[str, str]) -> str:
    """A service type's legend label, saying whether its points are real, estimated or synthetic demo data."""
    text = label("service", service_type, lang)
    return t(ORIGINS[origin.get(service_type, "real")], lang, service=text)


def service_layers(services: pd.DataFrame, types: list[str], lang: str, origin: dict[str, str]) -> list[pdk.Layer]:
    """One marker layer per chosen type, with flat tooltip fields: name, kind and district."""
    points = services.assign(
        name=maps.local_names(services, lang),
        district=maps.local_names(services, lang, "district_").replace("", t("coverage.outside_bangkok")),
    )
    return [
        maps.marker_layer(
            points[points["service_type"] == kind].assign(kind=type_label(kind, lang, origin)),
            f"services-{kind}",
            maps.SERVICE_COLOURS[kind],
            ["name", "kind", "district"],
        )
        for kind in types
    ]


def deck(
    services: pd.DataFrame,
    types: list[str],
    extras: set[str],
    districts: gpd.GeoDataFrame,
    lines: dict[str, pdk.Layer],
    lang: str,
    origin: dict[str, str],
    catchment_m: float,
    picked: tuple[str, ...],
    overlays: list[pdk.Layer] = (),
) -> tuple[pdk.Deck, list[maps.LegendEntry]]:
    """The services map and its legend: outlines (``lines``, from :func:`outlines`), the optional layers in
    ``extras``, the ``overlays`` the reader turned on (:func:`ui.layers.overlay_layers`), names, then the
    points; opened on the ``picked`` districts, outlined."""
    layers = [lines["districts"], *sidebar.context_layers()]
    strokes = [maps.LegendEntry(maps.DISTRICT_LINE, t("map.bangkok_outline"))]
    for extra, (colour, text) in OPTIONAL_LINES.items():
        if extra in extras:
            layers.append(lines[extra])
            strokes.append(maps.LegendEntry(colour, t(text)))
    layers += overlays
    layers.append(maps.label_layer(districts.assign(fill=[maps.NO_DATA] * len(districts)), f"name_{lang}"))
    entries = [maps.LegendEntry(maps.SERVICE_COLOURS[kind], type_label(kind, lang, origin)) for kind in types]
    safe_spaces = services[services["service_type"] == "safe_space"]
    if "catchments" in extras and not safe_spaces.empty:
        colour = maps.SERVICE_COLOURS["safe_space"]
        layers.append(maps.catchment_layer(safe_spaces, "catchments", colour, catchment_m))
        entries.append(
            maps.LegendEntry(maps.translucent(colour), t("coverage.catchments", km=f"{catchment_m / 1000:g}"))
        )
    chosen, view = picking.chosen_view(districts, picked)
    layers += picking.outlined(chosen)
    if len(chosen):
        strokes.append(maps.LegendEntry(picking.CHOSEN_LINE, t("coverage.chosen")))
    layers += service_layers(services, types, lang, origin)
    return maps.map_deck(layers, "<b>{name}</b><br/>{kind}<br/>{district}", view), entries + strokes


def picture(
    draw: Callable[..., bytes],
    path: str,
    shown: pd.DataFrame,
    entries: list[maps.LegendEntry],
    picked: tuple[str, ...],
    subtitle: str,
    lang: str,
) -> Callable[[], bytes]:
    """The services map as a picture drawn on the click by ``draw`` (the briefing's map renderer, which the page
    passes: ``ui/`` does not import ``etl/``): the points ``shown``, the ``picked`` districts tinted."""
    points = [
        (lon, lat, maps.SERVICE_COLOURS[kind], 0.5, "")
        for lon, lat, kind in shown[["lon", "lat", "service_type"]].itertuples(index=False)
    ]
    return partial(
        draw,
        path,
        dict.fromkeys(picked, picking.CHOSEN_FILL),
        [(entry.colour, entry.label) for entry in entries],
        title=t("coverage.services"),
        subtitle=subtitle,
        legend_title=t("coverage.legend_services"),
        lang=lang,
        points=points,
    )

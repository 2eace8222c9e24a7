"""Where a map opens and how the reader moves it: a view fitted to Bangkok (or a district) for the canvas
it has, zoom buttons, a reset, and breadcrumbs back from a district.

deck.gl cannot fit bounds from a JSON spec, so the view is computed here in
Web Mercator for the canvas the map gets: Streamlit does not tell the server
a browser's width, so a phone is told by its browser's ``Mobi`` token
(``User-Agent``, as MDN recommends) and gets the phone canvas. Streamlit
moves an open map only to the parts of the view that changed, so a zoom
button keeps where the reader has panned to, and a reset changes the centre
by a hair each time so that it always takes effect.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, replace

import numpy as np
import pydeck as pdk
import streamlit as st

from ui.i18n import t
from ui.labels import screen_xy

__all__ = [
    "BANGKOK",
    "DESKTOP",
    "PHONE",
    "VIEW",
    "Canvas",
    "canvas",
    "edges",
    "fit_view",
    "view_controls",
    "view_of",
    "with_view",
]

MIN_ZOOM, MAX_ZOOM = 8, 15
VIEW = pdk.ViewState(latitude=13.74, longitude=100.63, zoom=9.6, min_zoom=MIN_ZOOM, max_zoom=14)
BANGKOK = (100.3279, 13.4933, 100.9386, 13.9553)  # the 50 districts' bounds (west, south, east, north), degrees
TILE = 512  # deck.gl's world is 512 pixels wide at zoom 0
CLOSEST = 13.0  # a fitted view never comes closer: a small district with room around it


@dataclass(frozen=True)
class Canvas:
    """The map's size in CSS pixels, and the margin kept free around what it fits."""

    width: int
    height: int
    margin: int = 12


# Desktop: the map column beside its legend (5 of 6 parts of the wide layout at 1,440 px with the sidebar).
DESKTOP = Canvas(900, 600)
# A phone 390 px wide: the columns stack, the map gets the screen less Streamlit's padding (16 px each side)
# and, in a browser whose scrollbar takes room (a desktop one narrowed, headless Chromium), 15 px more.
PHONE = Canvas(343, 320)


def canvas() -> Canvas:
    """The canvas a map gets in this reader's browser: :data:`PHONE` for a phone's browser, else :data:`DESKTOP`."""
    try:
        agent = st.context.headers.get("User-Agent", "") or ""
    except Exception:  # no browser (a script or test run): the desktop canvas
        agent = ""
    return PHONE if "Mobi" in agent else DESKTOP


def _mercator_y(latitude: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))


def fit_view(bounds: tuple[float, float, float, float], size: Canvas, closest: float = CLOSEST) -> pdk.ViewState:
    """The view that shows all of ``bounds`` (west, south, east, north in degrees) on a canvas of ``size``.

    In Web Mercator the world is ``512 * 2**zoom`` pixels wide, so the zoom
    is the largest at which both the width and the (projected) height fit
    inside the canvas less its margins; never closer than ``closest``.

    >>> view = fit_view(BANGKOK, PHONE)
    >>> round(view.zoom, 2), round(view.longitude, 3)
    (8.52, 100.633)
    >>> fit_view(BANGKOK, DESKTOP).zoom > view.zoom
    True
    """
    west, south, east, north = bounds
    width, height = size.width - 2 * size.margin, size.height - 2 * size.margin
    across = math.log2(width * 360 / (TILE * max(east - west, 1e-6)))
    up = math.log2(height * 2 * math.pi / (TILE * max(_mercator_y(north) - _mercator_y(south), 1e-9)))
    centre_y = (_mercator_y(north) + _mercator_y(south)) / 2
    return pdk.ViewState(
        latitude=math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2),
        longitude=(west + east) / 2,
        zoom=round(min(across, up, closest), 3),
        min_zoom=MIN_ZOOM,
        max_zoom=MAX_ZOOM,
    )


def view_of(geometry, size: Canvas = DESKTOP) -> pdk.ViewState:
    """The view that frames ``geometry`` (a GeoSeries in EPSG:4326) on a canvas of ``size``.

    >>> import geopandas as gpd
    >>> from shapely.geometry import box
    >>> view = view_of(gpd.GeoSeries([box(100.50, 13.70, 100.56, 13.76)], crs="EPSG:4326"))
    >>> (round(view.longitude, 2), round(view.latitude, 2)), VIEW.zoom < view.zoom <= CLOSEST
    ((100.53, 13.73), True)
    """
    return fit_view(tuple(float(b) for b in geometry.total_bounds), size)


def edges(view: pdk.ViewState, size: Canvas) -> tuple[float, float]:
    """The canvas's left and right edges, less its margin, in the pixels of :func:`ui.labels.screen_xy` at the
    view's zoom, the zoom names must be placed at (rounded to pixels, so that a deck built for them can be
    kept and found again).

    >>> left, right = edges(fit_view(BANGKOK, PHONE), PHONE)
    >>> right - left == PHONE.width - 2 * PHONE.margin
    True
    """
    x, _ = screen_xy(np.array([view.longitude]), np.array([view.latitude]), view.zoom)
    half = size.width / 2 - size.margin
    return round(float(x[0]) - half), round(float(x[0]) + half)


_VIEW_JSON = re.compile(r'"initialViewState":\{[^{}]*\}')


def with_view(deck, view: pdk.ViewState):
    """``deck`` (:class:`ui.maps.DeckJson`) opening on ``view`` instead: its serialised view is replaced,
    so a deck built and kept once can open anywhere without being built again."""
    data = json.dumps(json.loads(view.to_json()), sort_keys=True, separators=(",", ":"))
    return replace(deck, spec=_VIEW_JSON.sub(lambda _: f'"initialViewState":{data}', deck.spec, count=1))


def _steps(key: str) -> int:
    return st.session_state.get(f"_{key}_zoom", 0)


def _bump(key: str, name: str, by: int) -> None:
    st.session_state[f"_{key}_{name}"] = st.session_state.get(f"_{key}_{name}", 0) + by


def _reset(key: str) -> None:
    st.session_state[f"_{key}_zoom"] = 0
    _bump(key, "reset", 1)


def view_controls(key: str, home: pdk.ViewState, row=None) -> pdk.ViewState:
    """Zoom in, zoom out and reset buttons for the map ``key`` (in ``row``, a container, if given); returns
    the view to open the map on. ``home`` is the fitted view (all of Bangkok, or the district opened).
    """
    row = row or st.container(horizontal=True, gap="small", key=f"{key}-view")
    row.button(
        "", icon=":material/zoom_in:", key=f"{key}-in", help=t("map.zoom_in"), on_click=_bump, args=(key, "zoom", 1)
    )
    row.button(
        "", icon=":material/zoom_out:", key=f"{key}-out", help=t("map.zoom_out"), on_click=_bump, args=(key, "zoom", -1)
    )
    row.button(t("map.reset"), icon=":material/fit_screen:", key=f"{key}-reset", on_click=_reset, args=(key,))
    hair = 1e-7 * (st.session_state.get(f"_{key}_reset", 0) % 2)  # a reset always changes the view
    zoom = min(max(home.zoom + _steps(key), MIN_ZOOM), MAX_ZOOM)
    return pdk.ViewState(
        latitude=home.latitude + hair,
        longitude=home.longitude + hair,
        zoom=zoom,
        min_zoom=MIN_ZOOM,
        max_zoom=MAX_ZOOM,
    )

"""pydeck map builders and the legend that goes with them.

Maps draw on a plain background: no basemap provider, so nothing is fetched
from the internet and district outlines plus name labels carry the
orientation. The fill palette is ColorBrewer YlOrRd (sequential, readable
with colour-vision deficiency); suppressed districts get a neutral grey
(no hue, unlike every class) and districts without data a white fill, each with its own legend entry.
Values from the database are text: tooltips are filled in by Streamlit,
which escapes them, and the legend escapes every label it writes.
"""

from __future__ import annotations

import html
import json
import unicodedata
import weakref
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import pydeck as pdk
import shapely
import streamlit as st
from pydeck.bindings.json_tools import default_serialize

from core.colours import NO_DATA, PALETTE, ink, spread
from geo.rates import classify

__all__ = [
    "CATCHMENT_ALPHA",
    "CONTEXT_LINE",
    "DISTRICT_LINE",
    "GI_COLOURS",
    "LISA_COLOURS",
    "NOT_SIGNIFICANT",
    "NO_DATA",
    "PALETTE",
    "SERVICE_COLOURS",
    "SUPPRESSED",
    "VIEW",
    "DeckJson",
    "LegendEntry",
    "breaks_colours",
    "catchment_layer",
    "category_colours",
    "choropleth_layer",
    "classed_colours",
    "context_layers",
    "label_layer",
    "legend",
    "local_names",
    "map_deck",
    "marker_layer",
    "outline_layer",
    "point_label_layer",
    "translucent",
    "view_of",
]

SUPPRESSED = (115, 115, 115)
OUTLINE = (70, 70, 70)
VIEW = pdk.ViewState(latitude=13.74, longitude=100.63, zoom=9.6, min_zoom=8, max_zoom=14)
ROMANISED = "(romanised)"  # how the register's rule-based English names are marked (etl/romanise.py)
TEXT_FONT = '"Noto Sans Thai", "Sarabun", "Leelawadee UI", "Tahoma", sans-serif'


@dataclass(frozen=True)
class LegendEntry:
    colour: tuple[int, int, int]
    label: str


def classed_colours(
    values: pd.Series, suppressed: pd.Series, breaks: list[float], format_break
) -> tuple[list[tuple[int, int, int]], list[LegendEntry]]:
    """Fill colour per row and the class entries of the legend, for published class bounds starting at 0.

    Suppressed and missing values get :data:`SUPPRESSED` and :data:`NO_DATA`
    (their legend entries are the caller's, as their wording is).
    ``format_break`` turns a class bound into legend text.

    >>> colours, entries = classed_colours(pd.Series([0, 0, 0, 10, 40, np.nan, np.nan]),
    ...     pd.Series([False] * 5 + [True, False]), [0.0, 4.0, 16.0, 40.0], "{:g}".format)
    >>> [e.label for e in entries]
    ['0', '0–4', '4–16', '16–40']
    >>> colours[4] == PALETTE[-1], colours[5] == SUPPRESSED, colours[6] == NO_DATA
    (True, True, True)
    """
    return breaks_colours(values, suppressed, breaks, format_break, lowest=0.0)


def choropleth_layer(frame: gpd.GeoDataFrame, properties: list[str]) -> pdk.Layer:
    """Filled, outlined districts: ``frame`` has a ``fill`` colour (RGB) and the ``properties`` columns.

    Only ``properties`` travel to the browser, flat, as the tooltip reads them.
    """
    data = frame.assign(fill=[list(c) for c in frame["fill"]])[[*properties, "fill", "geometry"]]
    return pdk.Layer(
        "GeoJsonLayer",
        data=json.loads(data.to_json(drop_id=True)),
        id="districts",
        pickable=True,
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color=list(OUTLINE),
        line_width_min_pixels=1,
    )


def _label_sizes(texts: pd.Series, area_km2: pd.Series) -> pd.Series:
    """Label heights in metres that fit each district: its width over the label's length.

    Sized in metres, a small central district's name stays small until the
    user zooms in, instead of covering its neighbours' names. Thai vowel and
    tone marks (category Mn) take no width, so they are not counted.
    """
    letters = texts.map(lambda text: max(sum(unicodedata.category(c) != "Mn" for c in text), 3))
    return (np.sqrt(area_km2) * 1000 * 1.1 / letters).round()


def label_layer(frame: gpd.GeoDataFrame, text: str) -> pdk.Layer:
    """District names at a point inside each district (``frame`` has ``area_km2`` and ``fill``).

    deck.gl draws text from a glyph atlas of ASCII only by default, so the
    atlas is given exactly the characters the labels use (Thai included).
    """
    anchors = frame.geometry.representative_point()
    texts = frame[text].astype(str)
    data = pd.DataFrame(
        {
            "text": texts,
            "position": [[round(p.x, 5), round(p.y, 5)] for p in anchors],
            "size": _label_sizes(texts, frame["area_km2"]),
            "ink": [list(ink(fill)) for fill in frame["fill"]],
        }
    )
    return pdk.Layer(
        "TextLayer",
        data=data,
        id="district-names",
        get_text="text",
        get_position="position",
        get_size="size",
        size_units=pdk.types.String("meters"),
        size_max_pixels=15,
        get_color="ink",
        **_glyphs(texts),
    )


@dataclass(frozen=True)
class DeckJson:
    """A deck serialised once, in compact JSON: what ``st.pydeck_chart`` sends, and all it reads of a deck
    (``to_json``, ``_tooltip``, ``layers``). Cached, it is one string to keep and to send again on each rerun,
    instead of layers to copy and serialise anew."""

    spec: str
    _tooltip: dict
    layers: tuple = ()  # Streamlit converts layers' frames before serialising; these are serialised already

    def to_json(self) -> str:
        return self.spec


def _records(layer: pdk.Layer) -> pdk.Layer:
    """pydeck serialises a frame through ``vars()``, which pandas 3 frames lack: give it records instead."""
    data = layer.data() if isinstance(layer.data, weakref.ref) else layer.data
    if isinstance(data, pd.DataFrame):
        layer.data = data.to_dict(orient="records")
    return layer


def map_deck(layers: list[pdk.Layer], tooltip_html: str, view: pdk.ViewState = VIEW) -> DeckJson:
    """A deck on Bangkok (or ``view``) with no basemap (``map_provider=None``) and an HTML tooltip, serialised once.

    pydeck pretty-prints its JSON, which would triple the GeoJSON sent to the browser; this is compact.
    """
    deck = pdk.Deck(
        layers=[_records(layer) for layer in layers],
        initial_view_state=view,
        map_provider=None,
        tooltip={
            "html": tooltip_html,
            "style": {"backgroundColor": "white", "color": "#222", "fontSize": "13px", "border": "1px solid #999"},
        },
    )
    spec = json.dumps(deck, sort_keys=True, default=default_serialize, separators=(",", ":"), ensure_ascii=False)
    return DeckJson(spec, deck._tooltip)


def view_of(geometry: gpd.GeoSeries) -> pdk.ViewState:
    """A view that frames ``geometry`` (EPSG:4326), never closer than a district fills the map nor farther
    than Bangkok's.

    >>> from shapely.geometry import box
    >>> view = view_of(gpd.GeoSeries([box(100.50, 13.70, 100.56, 13.76)], crs="EPSG:4326"))
    >>> (round(view.longitude, 2), round(view.latitude, 2)), VIEW.zoom < view.zoom <= 13
    ((100.53, 13.73), True)
    """
    minx, miny, maxx, maxy = (float(b) for b in geometry.total_bounds)
    # Web Mercator: zoom z shows 360 / 2**z degrees per 256 pixels; + 0.5 fits the map's height (Bangkok at 9.6).
    zoom = np.log2(360 / max(maxx - minx, maxy - miny, 1e-3)) + 0.5
    return pdk.ViewState(
        latitude=(miny + maxy) / 2,
        longitude=(minx + maxx) / 2,
        zoom=float(np.clip(zoom, VIEW.zoom, 13)),  # 13: a small district with room around it
        min_zoom=VIEW.min_zoom,
        max_zoom=VIEW.max_zoom,
    )


def _swatch(entry: LegendEntry) -> str:
    return (
        f'<div style="display:flex;align-items:center;gap:0.5em;margin:0.15em 0">'
        f'<span style="width:1.4em;height:1em;background:{_css(entry.colour)};border:1px solid #555;flex:none"></span>'
        f"<span>{html.escape(entry.label)}</span></div>"
    )


def legend(title: str, entries: list[LegendEntry]) -> None:
    """Render a legend: a title and one swatch per entry, all text escaped."""
    body = "".join(_swatch(e) for e in entries)
    st.markdown(f"<div><strong>{html.escape(title)}</strong>{body}</div>", unsafe_allow_html=True)


# --- Classes chosen by the user, and categorical maps (the Hotspots page) ----

NOT_SIGNIFICANT = (217, 217, 217)  # light grey: no hue, unlike every class, and darker than no data
# ColorBrewer RdBu for Gi*: red hot, blue cold, the stronger shade for the stricter false discovery rate.
GI_COLOURS = {
    "hot_99": (178, 24, 43),
    "hot_95": (239, 138, 98),
    "not_significant": NOT_SIGNIFICANT,
    "cold_95": (103, 169, 207),
    "cold_99": (33, 102, 172),
}
# Okabe-Ito (a qualitative set safe for colour-vision deficiency) for Local Moran: warm for a high
# district, cool for a low one; the darker shade where its neighbours are alike (a cluster).
LISA_COLOURS = {
    "high_high": (213, 94, 0),
    "high_low": (230, 159, 0),
    "low_high": (86, 180, 233),
    "low_low": (0, 114, 178),
    "not_significant": NOT_SIGNIFICANT,
}


def breaks_colours(
    values: pd.Series, suppressed: pd.Series, breaks: list[float], format_break, lowest: float | None = None
) -> tuple[list[tuple[int, int, int]], list[LegendEntry]]:
    """Fill colour per row and the class entries of the legend, for given class upper bounds.

    A value falls in the first class whose upper bound it does not exceed
    (as in mapclassify); the first class starts at ``lowest`` (default: the
    smallest shown value) and a class of a single value is labelled with it
    alone. Colours spread over :data:`PALETTE`; suppressed and missing values
    get :data:`SUPPRESSED` and :data:`NO_DATA`, whose legend entries are the caller's.

    >>> colours, entries = breaks_colours(pd.Series([2.0, 5.0, 9.0, np.nan]), pd.Series([False] * 3 + [True]),
    ...     [5.0, 9.0], "{:g}".format)
    >>> [e.label for e in entries], colours[1] == PALETTE[0], colours[2] == PALETTE[-1], colours[3] == SUPPRESSED
    (['2–5', '5–9'], True, True, True)
    """
    shown = values.where(~suppressed)
    palette = spread(len(breaks))
    classes = classify(shown, breaks)
    colours = [
        SUPPRESSED if hidden else NO_DATA if c < 0 else palette[c]
        for c, hidden in zip(classes, suppressed, strict=True)
    ]
    first = float(np.nanmin(shown)) if lowest is None and breaks else lowest
    lowers = [first, *breaks[:-1]]
    entries = [
        LegendEntry(colour, format_break(upper) if low == upper else f"{format_break(low)}–{format_break(upper)}")
        for colour, low, upper in zip(palette, lowers, breaks, strict=True)
    ]
    return colours, entries


def category_colours(classes: pd.Series, palette: dict[str, tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Fill colour per row from a class code's colour in ``palette``; :data:`NO_DATA` where the class is missing.

    >>> category_colours(pd.Series(["hot_99", None]), GI_COLOURS) == [GI_COLOURS["hot_99"], NO_DATA]
    True
    """
    return [palette[c] if isinstance(c, str) else NO_DATA for c in classes]


# --- Points and outlines (the Coverage and Pilot pages) ----

# Okabe and Ito's eight colours, told apart with every common colour-vision deficiency; grey for "other".
SERVICE_COLOURS = {
    "safe_space": (213, 94, 0),  # vermillion
    "shelter": (204, 121, 167),  # reddish purple
    "oscc": (0, 114, 178),  # blue
    "health_centre": (0, 158, 115),  # bluish green
    "hospital": (86, 180, 233),  # sky blue
    "police": (0, 0, 0),  # black
    "social_welfare": (230, 159, 0),  # orange
    "ngo": (240, 228, 66),  # yellow
    "other": (153, 153, 153),
}
MARKER_OUTLINE = (40, 40, 40)
DISTRICT_LINE = (90, 90, 90)  # Bangkok district outlines under points
CONTEXT_LINE = (150, 150, 150)  # lighter: the districts outside Bangkok
CATCHMENT_ALPHA = 40  # of 255: overlapping catchments look darker
OUTLINE_TOLERANCE = 1e-4  # degrees, about 11 m: a pixel at the closest zoom


def _positions(frame: pd.DataFrame) -> list[list[float]]:
    """``[lon, lat]`` of each row, rounded to 1e-5° (about a metre)."""
    return np.round(frame[["lon", "lat"]].to_numpy(dtype=float), 5).tolist()


def outline_layer(
    geometry: gpd.GeoSeries, layer_id: str, colour: tuple[int, int, int], width_px: float = 1
) -> pdk.Layer:
    """Polygon outlines as one PathLayer in which an edge shared by two polygons is drawn once.

    The edges are simplified by :data:`OUTLINE_TOLERANCE`; each runs from
    junction to junction, which simplifying keeps, so neighbours stay joined.
    About a third of the data of the polygons, so several outline layers fit
    in one map's payload. Not pickable: outlines orient, the points and fills
    above them carry the tooltips.
    """
    lines = shapely.simplify(shapely.line_merge(shapely.union_all(geometry.boundary.to_numpy())), OUTLINE_TOLERANCE)
    paths = [np.round(shapely.get_coordinates(part), 5).tolist() for part in shapely.get_parts(lines)]
    return pdk.Layer(
        "PathLayer",
        data=pd.DataFrame({"path": paths}),
        id=layer_id,
        get_path="path",
        get_color=list(colour),
        get_width=width_px,
        width_units=pdk.types.String("pixels"),
    )


RIVER = (70, 130, 180)  # steel blue: water, quiet
ROAD = (150, 150, 150)  # mid grey, thinner than the district outlines


def context_layers(lines: gpd.GeoDataFrame) -> list[pdk.Layer]:
    """The river and the main roads as thin PathLayers drawn under the districts (not pickable).

    ``lines`` has ``kind`` (``river`` or ``road``) and line geometry, already
    simplified for display. Coordinates are rounded to 1e-4° (about 11 m),
    plenty for orientation, so the layers add little to a map's payload.
    """
    layers = []
    for kind, colour, width in (("road", ROAD, 0.8), ("river", RIVER, 2.5)):
        parts = shapely.get_parts(lines.loc[lines["kind"] == kind].geometry.to_numpy())
        paths = [np.round(shapely.get_coordinates(part), 4).tolist() for part in parts]
        layers.append(
            pdk.Layer(
                "PathLayer",
                data=pd.DataFrame({"path": paths}),
                id=f"context-{kind}",
                get_path="path",
                get_color=[*colour, 170],
                get_width=width,
                width_units=pdk.types.String("pixels"),
            )
        )
    return layers


def marker_layer(
    frame: pd.DataFrame, layer_id: str, colour: tuple[int, int, int], properties: list[str], radius_px: float = 5
) -> pdk.Layer:
    """Pickable outlined dots at ``lon``/``lat``; only ``properties`` (flat, for the tooltip) travel to the browser."""
    return pdk.Layer(
        "ScatterplotLayer",
        data=frame[properties].assign(position=_positions(frame)),
        id=layer_id,
        pickable=True,
        get_position="position",
        get_fill_color=list(colour),
        get_line_color=list(MARKER_OUTLINE),
        stroked=True,
        line_width_min_pixels=1,
        get_radius=radius_px,
        radius_units=pdk.types.String("pixels"),
    )


def catchment_layer(frame: pd.DataFrame, layer_id: str, colour: tuple[int, int, int], radius_m: float) -> pdk.Layer:
    """Translucent circles of ``radius_m`` metres around the points at ``lon``/``lat`` (overlaps look darker)."""
    return pdk.Layer(
        "ScatterplotLayer",
        data=pd.DataFrame({"position": _positions(frame)}),
        id=layer_id,
        get_position="position",
        get_fill_color=[*colour, CATCHMENT_ALPHA],
        get_line_color=[*colour, 170],
        stroked=True,
        line_width_min_pixels=1,
        get_radius=radius_m,
        radius_units=pdk.types.String("meters"),
    )


def point_label_layer(frame: pd.DataFrame, text: str, layer_id: str) -> pdk.Layer:
    """Labels beside the points at ``lon``/``lat`` (a line break in the text starts a new line).

    A label goes to the right of its point, or to the left when another
    labelled point lies close to the east (:func:`_label_west`), so that
    two neighbours' labels do not cover each other at the first view.
    """
    texts = frame[text].astype(str).str.replace(SARA_AM, SARA_AM_PARTS)
    west = _label_west(frame)
    return pdk.Layer(
        "TextLayer",
        data=pd.DataFrame(
            {
                "text": texts,
                "position": _positions(frame),
                "anchor": np.where(west, "end", "start"),
                "offset": [[-10, 0] if w else [10, 0] for w in west],
            }
        ),
        id=layer_id,
        get_text="text",
        get_position="position",
        get_size=14,
        get_color=[25, 25, 25],
        get_text_anchor="anchor",
        get_pixel_offset="offset",
        background=True,
        get_background_color=[255, 255, 255, 210],
        **_glyphs(texts),
    )


# At the first view (zoom 9.6) a label of about 20 characters spans some 0.2 degrees of longitude.
LABEL_REACH = (0.2, 0.03)  # degrees of longitude and latitude within which two labels would collide
SARA_AM, SARA_AM_PARTS = "\u0e33", "\u0e4d\u0e32"  # deck.gl misdraws the one glyph; its two parts draw well


def _label_west(frame: pd.DataFrame) -> np.ndarray:
    """True for each point that has another point east of it within :data:`LABEL_REACH`.

    >>> _label_west(pd.DataFrame({"lon": [100.50, 100.55, 100.90], "lat": [13.7, 13.7, 13.7]})).tolist()
    [True, False, False]
    """
    lon, lat = frame["lon"].to_numpy(dtype=float), frame["lat"].to_numpy(dtype=float)
    east = lon[None, :] - lon[:, None]
    close = (east > 0) & (east < LABEL_REACH[0]) & (np.abs(lat[None, :] - lat[:, None]) < LABEL_REACH[1])
    return close.any(axis=1)


def _glyphs(texts: pd.Series) -> dict:
    """TextLayer settings that draw Thai: an atlas of exactly the characters used, and a Thai font.

    deck.gl's atlas holds ASCII only by default. Thai vowel and tone marks are
    drawn outside their glyph's cell, so the atlas is spaced to keep them
    from bleeding into their neighbours.
    """
    return {
        "character_set": pdk.types.String("".join(sorted(set("".join(texts))))),
        "font_family": pdk.types.String(TEXT_FONT),
        "font_settings": {"buffer": 40},
    }


def _css(colour: tuple[int, int, int]) -> str:
    """``rgb(r,g,b)``, as the legends write a colour."""
    return "rgb({},{},{})".format(*colour)


def local_names(frame: pd.DataFrame, lang: str, prefix: str = "name_") -> pd.Series:
    """The ``<prefix>th`` or ``<prefix>en`` column in the reader's language, else the other one, as text.

    Registers may leave one of the two names empty. An English name that is only a romanisation of the
    Thai one (marked :data:`ROMANISED`) is shown after the Thai name, so the official name is there too.

    >>> local_names(pd.DataFrame({"name_th": ["ก", None], "name_en": ["A", "B"]}), "th").tolist()
    ['ก', 'B']
    >>> local_names(pd.DataFrame({"name_th": ["ชุมชนเย็นอากาศ"], "name_en": ["Chumchon Yen Akat (romanised)"]}), "en")[0]
    'ชุมชนเย็นอากาศ · Chumchon Yen Akat (romanised)'
    """
    other = "en" if lang == "th" else "th"
    names = frame[f"{prefix}{lang}"].fillna(frame[f"{prefix}{other}"]).fillna("").astype(str)
    if lang == "en":
        thai = frame[f"{prefix}th"].fillna("").astype(str)
        romanised = names.str.endswith(ROMANISED) & (thai != "")
        names = names.where(~romanised, thai + " · " + names)
    return names


def translucent(colour: tuple[int, int, int], alpha: int = CATCHMENT_ALPHA) -> tuple[int, int, int]:
    """How ``colour`` at opacity ``alpha`` (0-255) looks on white: the legend swatch of a translucent fill.

    >>> translucent((0, 0, 0), 255), translucent((0, 0, 0), 0)
    ((0, 0, 0), (255, 255, 255))
    """
    return tuple(round(255 + (c - 255) * alpha / 255) for c in colour)

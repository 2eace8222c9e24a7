"""pydeck map builders: districts, outlines, points, labels and the deck that holds them.

Maps draw on a plain background: no basemap provider, so nothing is fetched
from the internet and district outlines plus name labels carry the
orientation. Colours are in :mod:`ui.palettes`, legends in :mod:`ui.legends`,
where a map opens in :mod:`ui.mapview`; their names stay importable from here.
Values from the database are text: tooltips are filled in by Streamlit,
which escapes them, and the legend escapes every label it writes.
"""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import pydeck as pdk
import shapely
from pydeck.bindings.json_tools import default_serialize

from core.colours import ink
from ui import labels
from ui.legends import css as _css
from ui.legends import legend
from ui.mapview import VIEW, view_of
from ui.palettes import (
    CATCHMENT_ALPHA,
    CONTEXT_LINE,
    DISTRICT_LINE,
    GI_COLOURS,
    LISA_COLOURS,
    MARKER_OUTLINE,
    NO_DATA,
    NOT_SIGNIFICANT,
    OUTLINE,
    PALETTE,
    RIVER,
    ROAD,
    SERVICE_COLOURS,
    SUPPRESSED,
    LegendEntry,
    breaks_colours,
    category_colours,
    classed_colours,
    translucent,
)

__all__ = [
    "CATCHMENT_ALPHA",
    "CONTEXT_LINE",
    "DISTRICT_LINE",
    "GI_COLOURS",
    "LABEL_PX",
    "LISA_COLOURS",
    "NOT_SIGNIFICANT",
    "NO_DATA",
    "PALETTE",
    "SERVICE_COLOURS",
    "SUPPRESSED",
    "VIEW",
    "DeckJson",
    "LegendEntry",
    "_css",
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

ROMANISED = "(romanised)"  # how the register's rule-based English names are marked (etl/romanise.py)
TEXT_FONT = '"Noto Sans Thai", "Sarabun", "Leelawadee UI", "Tahoma", sans-serif'
LABEL_PX = 12  # district names are never smaller than this, at any zoom
LABEL_MAX_PX = 15  # nor larger: a big district's name does not shout
# deck.gl hides a name whose point lies under a higher-priority name drawn this many times its size; at 1,
# names that overlap only at their ends would both stay.
COLLISION_SCALE = 3


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


def _label_sizes(area_km2: pd.Series) -> pd.Series:
    """Label heights in pixels: :data:`LABEL_PX` for the smallest districts up to :data:`LABEL_MAX_PX`.

    >>> _label_sizes(pd.Series([1.5, 20.0, 236.0])).tolist()
    [12, 13, 15]
    """
    scaled = LABEL_PX + (LABEL_MAX_PX - LABEL_PX) * np.sqrt(area_km2 / area_km2.max())
    return scaled.round().astype(int)


def label_layer(
    frame: gpd.GeoDataFrame,
    text: str,
    layer_id: str = "district-names",
    zoom: float = VIEW.zoom,
    edges: tuple[float, float] | None = None,
) -> pdk.Layer:
    """Names at a point inside each area (``frame`` has ``fill``, and ``area_km2`` if sizes are to vary). A name
    that would cross the canvas's ``edges`` (:func:`ui.mapview.edges`) runs inwards from its point instead.

    Every name is sent; the browser hides those that collide at the zoom it shows (deck.gl's
    CollisionFilterExtension, redone on every zoom, the mouse wheel's included). Which name wins a
    collision is its ``priority``: first the names that fit at ``zoom`` without overlapping
    (``placed``, :func:`ui.labels.placed`; larger areas first), then the rest, larger areas first.

    Labels are sized in pixels, from :data:`LABEL_PX` for the smallest areas to :data:`LABEL_MAX_PX`, so a
    central district's name is as legible as any. deck.gl draws text from a glyph atlas of ASCII only by
    default, so the atlas is given exactly the characters the labels use (Thai included).
    """
    anchors = frame.geometry.representative_point()
    texts = frame[text].astype(str)
    area = (frame["area_km2"] if "area_km2" in frame else pd.Series(1.0, index=frame.index)).astype(float)
    sizes = _label_sizes(area)
    boxes = labels.box_sizes(texts, sizes)
    placed, side = labels.placed(anchors.x.to_numpy(), anchors.y.to_numpy(), *boxes, area, zoom, edges)
    data = pd.DataFrame(
        {
            "text": texts,
            "position": [[round(p.x, 5), round(p.y, 5)] for p in anchors],
            "size": sizes,
            "anchor": np.array(["end", "middle", "start"])[side + 1],
            "ink": [list(ink(fill)) for fill in frame["fill"]],
            "placed": placed,
            "priority": (area.rank(method="first") + placed * len(frame)).astype(int),
        }
    )
    return pdk.Layer(
        "TextLayer",
        data=data,
        id=layer_id,
        get_text="text",
        get_position="position",
        get_size="size",
        size_units=pdk.types.String("pixels"),
        get_text_anchor="anchor",
        get_color="ink",
        extensions=[{"@@type": "CollisionFilterExtension"}],
        get_collision_priority="priority",
        collision_group=pdk.types.String(layer_id),
        collision_test_props={"sizeScale": COLLISION_SCALE},
        **_glyphs(data["text"]),
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

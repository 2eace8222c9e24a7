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
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import pydeck as pdk
import streamlit as st

from geo.rates import classify, quantile_breaks

__all__ = [
    "NO_DATA",
    "PALETTE",
    "SUPPRESSED",
    "VIEW",
    "LegendEntry",
    "choropleth_layer",
    "classed_colours",
    "label_layer",
    "legend",
    "map_deck",
]

# ColorBrewer YlOrRd, 5 classes, light to dark.
PALETTE = ((255, 255, 178), (254, 204, 92), (253, 141, 60), (240, 59, 32), (189, 0, 38))
SUPPRESSED = (115, 115, 115)
NO_DATA = (255, 255, 255)
OUTLINE = (70, 70, 70)
VIEW = pdk.ViewState(latitude=13.74, longitude=100.63, zoom=9.6, min_zoom=8, max_zoom=14)
TEXT_FONT = '"Noto Sans Thai", "Sarabun", "Leelawadee UI", "Tahoma", sans-serif'


@dataclass(frozen=True)
class LegendEntry:
    colour: tuple[int, int, int]
    label: str


def classed_colours(
    values: pd.Series, suppressed: pd.Series, format_break
) -> tuple[list[tuple[int, int, int]], list[LegendEntry]]:
    """Fill colour per row and the class entries of the legend.

    Classes are quantiles of the values that are shown; suppressed and
    missing values get :data:`SUPPRESSED` and :data:`NO_DATA` (their legend
    entries are the caller's, as their wording is). ``format_break`` turns a
    class bound into legend text.

    >>> colours, entries = classed_colours(pd.Series([0, 0, 0, 10, 40, np.nan, np.nan]),
    ...     pd.Series([False] * 5 + [True, False]), "{:g}".format)
    >>> [e.label for e in entries]
    ['0', '0–4', '4–16', '16–40']
    >>> colours[4] == PALETTE[-1], colours[5] == SUPPRESSED, colours[6] == NO_DATA
    (True, True, True)
    """
    shown = values.where(~suppressed)
    breaks = quantile_breaks(shown)
    palette = [PALETTE[i] for i in np.linspace(0, len(PALETTE) - 1, len(breaks)).round().astype(int)]
    classes = classify(shown, breaks)
    colours = [
        SUPPRESSED if hidden else NO_DATA if c < 0 else palette[c]
        for c, hidden in zip(classes, suppressed, strict=True)
    ]
    lowers = [0.0, *breaks[:-1]]
    entries = [
        LegendEntry(colour, format_break(upper) if upper == 0 else f"{format_break(low)}–{format_break(upper)}")
        for colour, low, upper in zip(palette, lowers, breaks, strict=True)
    ]
    return colours, entries


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


def _ink(fill: tuple[int, int, int]) -> list[int]:
    """Dark text on light fills, white text on dark ones (relative luminance below 0.3).

    >>> _ink(PALETTE[0]), _ink(PALETTE[-1])
    ([25, 25, 25], [255, 255, 255])
    """
    linear = [(c / 255) / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in fill]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return [255, 255, 255] if luminance < 0.3 else [25, 25, 25]


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
            "ink": [_ink(fill) for fill in frame["fill"]],
        }
    )
    return pdk.Layer(
        "TextLayer",
        data=data,
        id="district-names",
        get_text="text",
        get_position="position",
        character_set=pdk.types.String("".join(sorted(set("".join(texts))))),
        font_family=pdk.types.String(TEXT_FONT),
        get_size="size",
        size_units=pdk.types.String("meters"),
        size_max_pixels=15,
        get_color="ink",
        # Thai vowel and tone marks are drawn outside their glyph's cell: space the atlas so they
        # do not bleed into the neighbouring glyphs.
        font_settings={"buffer": 40},
    )


class _CompactDeck(pdk.Deck):
    """pydeck pretty-prints its JSON, which would triple the GeoJSON sent to the browser."""

    def to_json(self) -> str:
        return json.dumps(json.loads(super().to_json()), separators=(",", ":"), ensure_ascii=False)


def map_deck(layers: list[pdk.Layer], tooltip_html: str) -> pdk.Deck:
    """A deck on Bangkok with no basemap (``map_provider=None``), an HTML tooltip and compact JSON."""
    return _CompactDeck(
        layers=layers,
        initial_view_state=VIEW,
        map_provider=None,
        tooltip={
            "html": tooltip_html,
            "style": {"backgroundColor": "white", "color": "#222", "fontSize": "13px", "border": "1px solid #999"},
        },
    )


def _swatch(entry: LegendEntry) -> str:
    rgb = "rgb({},{},{})".format(*entry.colour)
    return (
        f'<div style="display:flex;align-items:center;gap:0.5em;margin:0.15em 0">'
        f'<span style="width:1.4em;height:1em;background:{rgb};border:1px solid #555;flex:none"></span>'
        f"<span>{html.escape(entry.label)}</span></div>"
    )


def legend(title: str, entries: list[LegendEntry]) -> None:
    """Render a legend: a title and one swatch per entry, all text escaped."""
    body = "".join(_swatch(e) for e in entries)
    st.markdown(f"<div><strong>{html.escape(title)}</strong>{body}</div>", unsafe_allow_html=True)

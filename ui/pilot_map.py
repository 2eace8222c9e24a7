"""The Pilots page's map: pilot, comparison and other communities over the district outlines, its view, its
legend, and its picture (PNG) for download.

Only pilots and comparison communities carry a tooltip (name, kind, district, note). The other registered
communities (about 2,000) are drawn as plain dots with nothing but their position: their names and
districts made up three quarters of the map's payload, which is kept under 250 KB.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import geopandas as gpd
import pandas as pd
import pydeck as pdk
import streamlit as st

from ui import layers, loaders, maps, mapview, picking
from ui.i18n import t
from ui.periods import quarter_label

__all__ = [
    "COMPARISON",
    "HEIGHT",
    "OTHER",
    "PILOT",
    "community_layers",
    "deck",
    "districts_of",
    "legend_entries",
    "picture",
    "picture_points",
    "readable_note",
    "short_name",
    "show",
    "view_bounds",
]

PILOT = maps.SERVICE_COLOURS["safe_space"]  # a pilot is a community with a safe space
COMPARISON, OTHER = (0, 114, 178), (190, 190, 190)  # Okabe-Ito blue; grey
THAI, LATIN = re.compile("[\u0e00-\u0e7f]"), re.compile("[A-Za-z]")
# The canvas a map gets (CSS pixels, less a margin): a phone 390 px wide stacks the legend under a map of the
# screen's width less Streamlit's padding; a desktop at 1,440 px puts the map in 5 of 6 parts beside the legend.
# The Pilots map's canvas on a phone and on a desktop (beside its legend), for fitting its view.
PHONE, DESKTOP = mapview.Canvas(334, 450), mapview.Canvas(740, 450)
HEIGHT = 480  # the map's height in pixels
MAP_KEY = "pilots_map"  # the layer toggles' state
DEFAULT_LAYERS = ("districts", "communities", "river", "roads")  # what the map shows until the reader changes it
LABEL_CHARS = {False: 32, True: 14}  # on a desktop, a phone: a longer name is cut (its tooltip has it whole)


def districts_of(frame: pd.DataFrame, lang: str) -> pd.Series:
    """District names in the reader's language; a district outside Bangkok says so."""
    names = maps.local_names(frame, lang, "district_")
    outside = frame["province_en"].notna()
    return names.where(~outside, [t("pilots.in_context", lang, district=name) for name in names])


def readable_note(notes: pd.Series, lang: str) -> pd.Series:
    """The register's location notes where they are written in the reader's language, else empty.

    A note is the analyst's free text in one language: Thai when most of its letters are Thai (an English
    note may quote a Thai name). The facts the page knows (approximate or not, outside Bangkok) are said
    in both languages by other columns.

    >>> notes = pd.Series(["ตำแหน่งโดยประมาณ", "register point (spelt ชุมชนวัด)", None])
    >>> readable_note(notes, "th").tolist(), readable_note(notes, "en").tolist()
    (['ตำแหน่งโดยประมาณ', '', ''], ['', 'register point (spelt ชุมชนวัด)', ''])
    """
    text = notes.fillna("").astype(str)
    thai = text.map(lambda note: len(THAI.findall(note)) > len(LATIN.findall(note)))
    return text.where((thai == (lang == "th")) & (text != ""), "")


def short_name(name: str, chars: int) -> str:
    """``name`` cut to about ``chars`` characters with "…", never between a Thai letter and its marks.

    >>> short_name("ชุมชนเคหะชุมชนร่มเกล้าแฟลตคลองสองต้นนุ่น", 10), short_name("Short", 10)
    ('ชุมชนเคหะ…', 'Short')
    """
    if len(name) <= chars:
        return name
    cut = chars - 1
    while cut < len(name) and unicodedata.category(name[cut]) == "Mn":
        cut += 1
    return name[:cut].rstrip() + "…"


def _labels(pilots: pd.DataFrame, lang: str, chars: int = LABEL_CHARS[False]) -> pd.Series:
    """Map labels: the name (cut after ``chars``), and "approximate location" on a second line where the
    register says so."""
    names = maps.local_names(pilots, lang).map(lambda name: short_name(name, chars))
    return names.where(~pilots["approximate"], names + "\n(" + t("pilots.approximate", lang) + ")")


def community_layers(communities: pd.DataFrame, lang: str, phone: bool = False, others: bool = True) -> list[pdk.Layer]:
    """Other communities as plain dots (unless ``others`` is False), then comparison and pilot communities with
    flat tooltip fields (pilots on top and named, names shorter on a ``phone``)."""
    rest = communities[~communities["pilot"] & ~communities["reports"]]
    dots = maps.marker_layer(rest, "communities-other", OTHER, [], 3)
    dots.pickable = False  # position only: no tooltip to fill
    shown = communities[communities["pilot"] | communities["reports"]]
    points = shown.assign(
        name=maps.local_names(shown, lang),
        district=districts_of(shown, lang),
        note=readable_note(shown["location_note"], lang),
        kind=[
            t("pilots.kind.pilot", lang, start=quarter_label(start, lang))
            if pilot
            else t("pilots.kind.comparison", lang)
            for pilot, start in zip(shown["pilot"], shown["pilot_start"], strict=True)
        ],
    )
    fields = ["name", "kind", "district", "note"]
    pilots = points[points["pilot"]]
    return [
        *([dots] if others else []),
        maps.marker_layer(points[~points["pilot"]], "communities-comparison", COMPARISON, fields, 5),
        maps.marker_layer(pilots, "communities-pilot", PILOT, fields, 8),
        maps.point_label_layer(pilots.assign(label=_labels(pilots, lang, LABEL_CHARS[phone])), "label", "pilot-names"),
    ]


def view_bounds(communities: pd.DataFrame, chosen: gpd.GeoSeries) -> tuple[float, float, float, float]:
    """What the map opens on: the chosen districts, else all of Bangkok with the pilots and comparison
    communities (Thai Kriang lies outside it); a margin of a tenth on each side, more on the east, where
    pilots' labels go."""
    if len(chosen):
        west, south, east, north = (float(b) for b in chosen.total_bounds)
    else:
        shown = communities[communities["pilot"] | communities["reports"]]
        bangkok_west, bangkok_south, bangkok_east, bangkok_north = mapview.BANGKOK
        west, south = min(shown["lon"].min(), bangkok_west), min(shown["lat"].min(), bangkok_south)
        east, north = max(shown["lon"].max(), bangkok_east), max(shown["lat"].max(), bangkok_north)
    across, up = max(east - west, 0.02), max(north - south, 0.02)
    return (west - 0.08 * across, south - 0.08 * up, east + 0.45 * across, north + 0.08 * up)


def legend_entries(chosen: bool, lang: str | None = None) -> list[maps.LegendEntry]:
    """The map's legend: the three kinds of community, the outlines, and the chosen districts if any."""
    entries = [
        maps.LegendEntry(PILOT, t("pilots.legend.pilot", lang)),
        maps.LegendEntry(COMPARISON, t("pilots.legend.comparison", lang)),
        maps.LegendEntry(OTHER, t("pilots.legend.other", lang)),
    ]
    return [*entries, maps.LegendEntry(picking.CHOSEN_FILL, t("pilots.legend.chosen", lang))] if chosen else entries


def picture_points(communities: pd.DataFrame, lang: str) -> list[tuple[float, float, tuple, float, str]]:
    """The communities as the picture draws them (:func:`etl.briefing.picture.map_png`): others first,
    small and grey; comparisons; pilots last, larger and named."""
    kinds = (
        (~communities["pilot"] & ~communities["reports"], OTHER, 0.3),
        (~communities["pilot"] & communities["reports"], COMPARISON, 0.7),
        (communities["pilot"], PILOT, 1.1),
    )
    points = []
    for rows, colour, radius in kinds:
        part = communities[rows]
        labels = _labels(part, lang).str.replace("\n", " ") if colour == PILOT else pd.Series("", index=part.index)
        points += [
            (float(lon), float(lat), colour, radius, label)
            for lon, lat, label in zip(part["lon"], part["lat"], labels, strict=True)
        ]
    return points


@st.cache_data(show_spinner=False)
def _places(path: str, version: str) -> gpd.GeoDataFrame:
    """Bangkok's districts and Samut Prakan's, for their names."""
    bangkok = loaders.district_layer(path, version)
    return pd.concat([bangkok, loaders.context_districts(path, version)[bangkok.columns]], ignore_index=True)


@st.cache_data(show_spinner=False)
def _outlines(path: str, version: str) -> list[pdk.Layer]:
    """Bangkok's district outlines and Samut Prakan's, built once per snapshot."""
    return [
        maps.outline_layer(loaders.district_layer(path, version).geometry, "district-outlines", maps.DISTRICT_LINE),
        maps.outline_layer(loaders.context_districts(path, version).geometry, "samut-prakan", maps.CONTEXT_LINE),
    ]


def _overlays(shown: layers.Shown) -> layers.Shown:
    """The layers :func:`ui.layers.overlay_layers` adds: all turned on but the communities, which this map
    draws itself (pilots, comparisons and, when turned on, the others)."""
    return layers.Shown(shown.layers - {"communities"}, shown.services)


def deck(
    path: str,
    version: str,
    communities: pd.DataFrame,
    picked: tuple[str, ...],
    lang: str,
    phone: bool,
    shown: layers.Shown,
    window: tuple[str, str],
):
    """Pilot and comparison communities over the layers ``shown`` (district outlines and names, the others
    turned on; services open in ``window``, a span and an end quarter), opening on what is shown
    (:func:`view_bounds`): the chosen districts outlined, else the pilots and their comparisons."""
    places = _places(path, version)
    chosen = loaders.district_layer(path, version)
    chosen = chosen[chosen["dist_code"].isin(picked)]
    districts = "districts" in shown
    extra = layers.overlay_layers(path, version, _overlays(shown), *window, lang)
    deck_layers = [
        *(_outlines(path, version) if districts else []),
        *extra["under"],
        *picking.outlined(chosen.geometry),
        *([maps.label_layer(places.assign(fill=[maps.NO_DATA] * len(places)), f"name_{lang}")] if districts else []),
        *extra["over"],
        *community_layers(communities, lang, phone, others="communities" in shown),
    ]
    view = mapview.fit_view(view_bounds(communities, chosen.geometry), PHONE if phone else DESKTOP)
    return maps.map_deck(deck_layers, "<b>{name}</b><br/>{kind}<br/>{district}<br/>{note}", view)


def show(
    path: str,
    version: str,
    communities: pd.DataFrame,
    picked: tuple[str, ...],
    lang: str,
    window: tuple[str, str] | None,
) -> None:
    """The layer toggles, the map of ``communities`` (built once per snapshot, language, districts ``picked``,
    layers and canvas) and its legend beside it: the kinds of community, the outlines, the chosen districts
    if any, and the layers turned on. Services are offered with a ``window`` (span, end quarter) to open in."""
    offered = tuple(name for name in layers.LAYERS if window or name != "services")
    with st.popover(t("layers.title"), icon=":material/layers:"):
        shown = layers.layer_toggles(MAP_KEY, offered, DEFAULT_LAYERS)
    window = window if "services" in shown else ("", "")
    phone = mapview.canvas() == mapview.PHONE
    built = loaders.remembered(
        ("pilots", version, lang, shown, window, picked, phone),
        lambda: deck(path, version, communities, picked, lang, phone, shown, window),
    )
    map_column, legend_column = st.columns([5, 1])
    map_column.pydeck_chart(built, height=HEIGHT, alt=t("pilots.map_alt"))
    outlines = [
        maps.LegendEntry(maps.DISTRICT_LINE, t("map.bangkok_outline")),
        maps.LegendEntry(maps.CONTEXT_LINE, t("map.context_outline")),
    ]
    with legend_column:
        maps.legend(
            t("pilots.legend_title"),
            [
                *legend_entries(False)[: 3 if "communities" in shown else 2],
                *(outlines if "districts" in shown else []),
                *([maps.LegendEntry(picking.CHOSEN_LINE, t("pilots.legend.chosen"))] if picked else []),
            ],
        )
        layers.legend_beside(_overlays(shown))


def picture(
    draw: Callable[..., bytes], path: str, communities: pd.DataFrame, picked: tuple[str, ...], lang: str, subtitle: str
) -> Callable[[], bytes]:
    """What makes the map's picture on the click: ``draw`` (:func:`etl.briefing.picture.map_png`) given the
    chosen districts filled, the legend, titles and the communities. It runs on its own thread, so everything
    in the reader's language is worked out here, before it."""
    legend = [(entry.colour, entry.label) for entry in legend_entries(bool(picked), lang)]
    title, legend_title = t("pilots.map", lang), t("pilots.legend_title", lang)
    fills = dict.fromkeys(picked, picking.CHOSEN_FILL)

    def png() -> bytes:  # no Streamlit calls in here
        points = picture_points(communities, lang)
        return draw(
            path, fills, legend, title=title, subtitle=subtitle, legend_title=legend_title, lang=lang, points=points
        )

    return png

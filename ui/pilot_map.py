"""The Pilots page's map: pilot, comparison and other communities over the district outlines, its view, and
its picture (PNG) for download.

Only pilots and comparison communities carry a tooltip (name, kind, district, note). The other registered
communities (about 2,000) are drawn as plain dots with nothing but their position: their names and
districts made up three quarters of the map's payload, which is kept under 250 KB.
"""

from __future__ import annotations

import re
import unicodedata

import geopandas as gpd
import pandas as pd
import pydeck as pdk

from ui import maps, mapview, picking
from ui.i18n import t
from ui.periods import quarter_label

__all__ = [
    "COMPARISON",
    "HEIGHT",
    "OTHER",
    "PILOT",
    "community_layers",
    "districts_of",
    "legend_entries",
    "picture_points",
    "readable_note",
    "short_name",
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


def community_layers(communities: pd.DataFrame, lang: str, phone: bool = False) -> list[pdk.Layer]:
    """Other communities as plain dots, then comparison and pilot communities with flat tooltip fields (pilots
    on top and named, names shorter on a ``phone``)."""
    others = communities[~communities["pilot"] & ~communities["reports"]]
    dots = maps.marker_layer(others, "communities-other", OTHER, [], 3)
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
        dots,
        maps.marker_layer(points[~points["pilot"]], "communities-comparison", COMPARISON, fields, 5),
        maps.marker_layer(pilots, "communities-pilot", PILOT, fields, 8),
        maps.point_label_layer(pilots.assign(label=_labels(pilots, lang, LABEL_CHARS[phone])), "label", "pilot-names"),
    ]


def view_bounds(communities: pd.DataFrame, chosen: gpd.GeoSeries) -> tuple[float, float, float, float]:
    """What the map opens on: the chosen districts, else the pilots and comparison communities (a margin
    of a tenth on each side, more on the east, where pilots' labels go)."""
    if len(chosen):
        west, south, east, north = (float(b) for b in chosen.total_bounds)
    else:
        shown = communities[communities["pilot"] | communities["reports"]]
        west, south, east, north = shown["lon"].min(), shown["lat"].min(), shown["lon"].max(), shown["lat"].max()
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

"""The Hotspots map's three views: each district's fill, the legend, its title and the note beside it.

``classes``: the rate, the smoothed rate or the count in the classes of a
scheme the reader picks (two radios, shared by link); ``gi``: Getis-Ord Gi*
hot and cold spots; ``lisa``: Local Moran clusters. The two local views
carry Bangkok's global Moran's I in their note. Every figure is read from the
published snapshot; a count or rate hidden with its count is drawn as hidden.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import streamlit as st

from core.codes import CLASS_SCHEMES
from ui import links, loaders, maps
from ui.context import Page
from ui.i18n import N_, label, number, t
from ui.sidebar import Period

__all__ = ["MEASURES", "VIEWS", "Fill", "view_fill"]

VIEWS = {"classes": N_("hotspots.view.classes"), "gi": N_("hotspots.view.gi"), "lisa": N_("hotspots.view.lisa")}
MEASURES = {"rate": "rate_per_100k", "smoothed": "eb_rate_per_100k", "count": "cases_reported"}
MEASURE_NAMES = {
    "rate": N_("hotspots.measure.rate"),
    "smoothed": N_("hotspots.measure.smoothed"),
    "count": N_("hotspots.measure.count"),
}


class Fill(NamedTuple):
    """A view of the map: each district's colour (in the summary's order), the legend entries, title and note."""

    colours: list[tuple[int, int, int]]
    entries: list[maps.LegendEntry]
    title: str
    note: str


def _classes(
    page: Page, period: Period, summary: pd.DataFrame, measure: str, scheme: str
) -> tuple[list[tuple[int, int, int]], list[maps.LegendEntry]]:
    """Colours and legend of the chosen measure in the chosen scheme's classes."""
    values = summary[MEASURES[measure]]
    # A smoothed rate is published for every district with data; a count or plain rate is hidden with its count.
    suppressed = pd.Series(False, index=summary.index) if measure == "smoothed" else summary["suppressed"]
    breaks = loaders.class_breaks(page.path, page.version, period.span, period.end, measure, scheme)
    digits = 0 if measure == "count" else 1
    colours, entries = maps.breaks_colours(values, suppressed, breaks, lambda v: number(v, digits, page.lang))
    if not suppressed.any():
        return colours, entries
    top = page.meta.suppress_below - 1
    return colours, [*entries, maps.LegendEntry(maps.SUPPRESSED, t("legend.suppressed", page.lang, top=top))]


def _category(
    classes: pd.Series, kind: str, palette: dict[str, tuple[int, int, int]], lang: str
) -> tuple[list[tuple[int, int, int]], list[maps.LegendEntry]]:
    """Colours and legend of a class column (Gi* or Local Moran)."""
    entries = [maps.LegendEntry(colour, label(kind, code, lang)) for code, colour in palette.items()]
    return maps.category_colours(classes, palette), entries


def _moran_text(page: Page, period: Period) -> str:
    """Global Moran's I of the window beside a local map: is the map as a whole clustered?"""
    figures = loaders.kpis(page.path, page.version, period.span, period.end)
    if pd.isna(figures.moran_i):
        return ""
    clustered = figures.moran_p < 0.05 and figures.moran_i > 0
    meaning = t("hotspots.moran.clustered") if clustered else t("hotspots.moran.none")
    return t("hotspots.moran", i=number(figures.moran_i, 2), p=number(figures.moran_p, 3), meaning=meaning)


def _measure_and_scheme(lang: str) -> tuple[str, str]:
    """The classes view's two radios side by side, their choices taken from and written into the link."""
    links.take("measure", "hotspots_measure", list(MEASURES))
    links.take("scheme", "hotspots_scheme", CLASS_SCHEMES)
    measure_column, scheme_column = st.columns(2)
    measure = measure_column.radio(
        t("hotspots.measure", lang),
        list(MEASURES),
        key="hotspots_measure",
        horizontal=True,
        format_func=lambda m: t(MEASURE_NAMES[m], lang),
    )
    scheme = scheme_column.radio(
        t("hotspots.scheme", lang),
        CLASS_SCHEMES,
        key="hotspots_scheme",
        horizontal=True,
        format_func=lambda s: label("scheme", s, lang),
    )
    links.show("measure", measure)
    links.show("scheme", scheme)
    return measure, scheme


def view_fill(page: Page, period: Period, summary: pd.DataFrame, view: str) -> Fill:
    """The fill, legend, title and note of ``view``; the classes view first asks for its measure and scheme."""
    lang = page.lang
    if view == "gi":
        colours, entries = _category(summary["hotspot_class"], "gi", maps.GI_COLOURS, lang)
        note = t("hotspots.gi_note", lang) + "\n\n" + _moran_text(page, period)
        return Fill(colours, entries, t("hotspots.legend.gi", lang), note)
    if view == "lisa":
        colours, entries = _category(summary["lisa_class"], "lisa", maps.LISA_COLOURS, lang)
        note = t("hotspots.lisa_note", lang) + "\n\n" + _moran_text(page, period)
        return Fill(colours, entries, t("hotspots.legend.lisa", lang), note)
    measure, scheme = _measure_and_scheme(lang)
    colours, entries = _classes(page, period, summary, measure, scheme)
    return Fill(colours, entries, t(MEASURE_NAMES[measure], lang), t("hotspots.classes_note", lang))

"""The Hotspots tables: the district table behind the map, and Bangkok's breakdowns by category.

The district table reads as on screen (text: "<5", "suppressed", class
names) or, for a download, as numbers (:mod:`ui.tables`).
"""

from __future__ import annotations

import pandas as pd

from ui import tables
from ui.i18n import N_, label, t

__all__ = ["CATEGORIES", "breakdown_table", "district_table"]

# Breakdown column: the kind of its labels and its heading.
CATEGORIES = {
    "violence_type": ("violence", N_("hotspots.by_type")),
    "victim_group": ("victim", N_("hotspots.by_group")),
}


def district_table(
    summary: pd.DataFrame, shown: pd.DataFrame, map_class: pd.Series | None, numbers: bool = False
) -> pd.DataFrame:
    """The table behind the map: as readers see it, or with ``numbers`` as numbers for a download.

    ``shown`` holds the figures as text (:func:`ui.figures.district_figures`); ``map_class`` each district's
    class on the map as its legend writes it (None: no map, no column).
    """
    hot = summary["hot_windows"]
    table = pd.DataFrame(
        {
            **tables.district_columns(summary, shown, numbers),
            t("hotspots.col.eb_rate"): summary["eb_rate_per_100k"].round(1) if numbers else shown["eb_rate"],
            t("hotspots.col.gi_z"): summary["gi_z"].round(2),
            t("hotspots.col.gi_p"): summary["gi_p"],
            t("hotspots.col.gi_q"): summary["gi_q"],
            t("hotspots.col.gi"): shown["gi"],
            t("hotspots.col.hot_windows"): hot
            if numbers
            else [f"{h} / {of}" for h, of in zip(hot, summary["hot_windows_of"], strict=True)],
        }
    )
    if numbers:
        table[t("hotspots.col.hot_windows_of")] = summary["hot_windows_of"]
    table[t("hotspots.col.lisa")] = shown["lisa"]
    if map_class is not None:
        table[t("hotspots.col.class")] = map_class
    return table


def breakdown_table(frame: pd.DataFrame, by: str, lang: str) -> pd.DataFrame:
    """Bangkok's published counts by the categories of ``by`` (a key of :data:`CATEGORIES`), labelled."""
    return pd.DataFrame(
        {
            t("hotspots.col.category", lang): frame["code"].map(lambda c: label(CATEGORIES[by][0], c, lang)),
            t("col.cases", lang): frame["cases_display"],
        }
    )

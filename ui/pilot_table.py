"""The Pilots page's table of each pilot: its published cases and rates before and from its start, when it
started and where it is, and whether some of the register's notes are left out as written in the other
language.

Every figure is the snapshot's (:func:`db.read.pilot_table`): counts as published ("<5", multiples of the
rounding base), rates "suppressed" where their count is hidden.
"""

from __future__ import annotations

import pandas as pd

from ui import maps
from ui.figures import rate_text
from ui.i18n import t
from ui.periods import short_label
from ui.pilot_map import districts_of, readable_note

__all__ = ["notes_left_out", "pilot_table"]


def pilot_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per pilot: its published cases and rates before and from its start first (the point of the
    table), then when it started and where it is. The register's note only where written in ``lang``."""
    no_data = t("value.no_data", lang)
    columns = {
        t("pilots.col.community", lang): maps.local_names(table, lang),
        t("pilots.col.cases_before", lang): table["cases_before_display"].fillna(no_data),
        t("pilots.col.rate_before", lang): rate_text(table["rate_before"], table["suppressed_before"], lang),
        t("pilots.col.cases_after", lang): table["cases_after_display"].fillna(no_data),
        t("pilots.col.rate_after", lang): rate_text(table["rate_after"], table["suppressed_after"], lang),
        t("pilots.col.start", lang): table["pilot_start"].map(lambda q: short_label(q, lang)),
        t("pilots.col.district", lang): districts_of(table, lang),
        t("pilots.col.location", lang): [
            t("pilots.approximate", lang) if a else t("pilots.as_registered", lang) for a in table["approximate"]
        ],
    }
    notes = readable_note(table["location_note"], lang)
    if (notes != "").any():
        columns[t("pilots.col.note", lang)] = notes
    return pd.DataFrame(columns)


def notes_left_out(table: pd.DataFrame, lang: str) -> bool:
    """Whether some pilot has a note the table leaves out, because it is written in the other language."""
    return bool((table["location_note"].notna() & (readable_note(table["location_note"], lang) == "")).any())

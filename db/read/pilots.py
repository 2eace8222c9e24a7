"""The pilots as published: their trend against comparison communities, before and after, and the evaluation."""

from __future__ import annotations

import pandas as pd

from db.read.counts import display, with_display
from db.read.places import community_points
from db.read.source import Snapshot, cursor, meta, query

__all__ = ["PILOT_EVALUATION_TABLES", "pilot_evaluation", "pilot_evaluation_quarters", "pilot_table", "pilot_trend"]

PILOT_EVALUATION_TABLES = ("pilot_evaluation", "pilot_event_study", "pilot_compared")


def pilot_trend(path: Snapshot, end: str) -> pd.DataFrame:
    """Pilot and comparison communities' published cases and rate per 100,000 per quarter up to ``end``:
    ``quarter``, ``group``, ``communities``, ``cases_reported``, ``cases_reported_display``,
    ``population``, ``rate_per_100k`` and ``suppressed``."""
    frame = query(path, 'SELECT * FROM pilot_trend WHERE quarter <= ? ORDER BY quarter, "group"', [end])
    return with_display(frame, path, {"cases_reported": "suppressed"})


def pilot_table(path: Snapshot, end: str) -> pd.DataFrame:
    """One row per pilot (the pilot rows of :func:`db.read.community_points`) with, for ``before`` and ``after``
    (from its start on, up to ``end``): ``cases_<when>`` (published), ``cases_<when>_display``,
    ``suppressed_<when>``, ``quarters_<when>`` and ``rate_<when>`` (per 100,000 per quarter)."""
    pilots = community_points(path)
    pilots = pilots[pilots["pilot"]].reset_index(drop=True)
    figures = query(path, "SELECT * EXCLUDE (end_quarter) FROM pilot_table WHERE end_quarter = ?", [end])
    table = pilots.merge(figures, on="community_id", how="left")
    threshold = meta(path).suppress_below
    for when in ("before", "after"):
        hidden = table.pop(f"hidden_{when}").fillna(False).astype(bool)
        table[f"cases_{when}_display"] = display(table[f"cases_{when}"], hidden, threshold)
        table[f"suppressed_{when}"] = hidden
        table[f"quarters_{when}"] = table[f"quarters_{when}"].fillna(0).astype(int)
    return table


def pilot_evaluation_quarters(path: Snapshot) -> list[str]:
    """The end quarters whose pilot evaluation is published (the latest quarter's, as a rule)."""
    frame = query(path, "SELECT DISTINCT end_quarter FROM pilot_evaluation ORDER BY end_quarter")
    return frame["end_quarter"].tolist()


def pilot_evaluation(path: Snapshot, end: str, comparison: str) -> dict[str, pd.DataFrame]:
    """The published pilot evaluation up to ``end`` against the ``comparison`` group, as its three tables:
    ``pilot_evaluation`` (one row per outcome: ``reported``, ``referral``), ``pilot_event_study`` (eight rows
    per outcome) and ``pilot_compared`` (who was compared, with names and districts). Empty frames when it
    is not published for ``end``."""
    with cursor(path) as con:
        tables = {
            name: con.execute(
                f'SELECT * EXCLUDE (end_quarter, comparison) FROM "{name}" WHERE end_quarter = ? AND comparison = ?',
                [end, comparison],
            ).df()
            for name in PILOT_EVALUATION_TABLES
        }
        names = con.execute(
            "SELECT community_id, name_th, name_en, dist_code, district_th, district_en FROM communities"
        ).df()
    tables["pilot_compared"] = tables["pilot_compared"].merge(names, on="community_id", how="left")
    return tables

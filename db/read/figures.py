"""Figures by window: the district table, Bangkok's headline figures, trends, breakdowns and map classes.

Windows are named by ``span``: ``1q`` (one quarter), ``4q`` (four quarters
ending with ``end``) or ``fytd`` (the Thai fiscal year up to ``end``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.codes import VICTIM_GROUPS, VIOLENCE_TYPES
from db.read.counts import with_display
from db.read.source import Snapshot, query

__all__ = [
    "BREAKDOWNS",
    "Kpis",
    "attention",
    "breakdown",
    "class_breaks",
    "completeness",
    "district_summary",
    "district_trend",
    "kpis",
    "loaded_quarters",
    "quarterly_totals",
    "smoothed_rates",
]

# Categories Bangkok's cases break down by: the column and its codes in their stored order.
BREAKDOWNS = {"violence_type": VIOLENCE_TYPES, "victim_group": VICTIM_GROUPS}
_COUNTS = {"cases_reported": "suppressed", "cases_referred": "referred_suppressed"}


def loaded_quarters(path: Snapshot) -> list[str]:
    """Every calendar quarter from the first with data to the latest, oldest first."""
    return query(path, "SELECT quarter FROM quarters ORDER BY quarter")["quarter"].tolist()


def district_summary(path: Snapshot, span: str, end: str) -> pd.DataFrame:
    """The published district table of one window: one row per Bangkok district, in code order.

    Columns: ``quarter`` (the window's last), ``quarter_from``,
    ``dist_code``, ``name_th``, ``name_en``, ``population``, the published
    counts ``cases_reported`` and ``cases_referred`` (NaN where hidden or
    without rows) with ``_display`` texts, ``suppressed`` and
    ``referred_suppressed``, and every statistic of the Methods: rates,
    smoothed rate, Gi*, local Moran, services, accessibility, distances,
    referral rate, need, coverage and gap classes. Empty for a window the
    snapshot does not hold.
    """
    frame = query(
        path,
        "SELECT * EXCLUDE (span, end_quarter, start_quarter), end_quarter AS quarter, start_quarter AS quarter_from "
        "FROM district_summary WHERE span = ? AND end_quarter = ? ORDER BY dist_code",
        [span, end],
    )
    return with_display(frame, path, _COUNTS)


@dataclass(frozen=True)
class Kpis:
    """Bangkok's headline figures for one window, as published."""

    cases: float  # published; NaN without rows or when hidden
    cases_display: str | None  # "<5", "0", "1,235"; None without rows
    referral_rate: float  # referred over reported, over districts whose referrals are known
    hotspots: int  # districts that are Gi* hot spots at 95 % or more
    gaps: int  # districts of high need and low coverage
    safe_spaces: int  # safe spaces in a Bangkok district open at some time in the window
    pilots: int  # pilot communities whose pilot started by the window's end
    moran_i: float  # global Moran's I of the smoothed rate: is the map as a whole clustered?
    moran_p: float  # its two-sided permutation p


_NO_KPIS = Kpis(float("nan"), None, float("nan"), 0, 0, 0, 0, float("nan"), float("nan"))


def kpis(path: Snapshot, span: str, end: str) -> Kpis:
    """The window's :class:`Kpis`; no data (NaN, None, zeros) for a window the snapshot does not hold."""
    frame = query(path, "SELECT * FROM kpis WHERE span = ? AND end_quarter = ?", [span, end])
    if frame.empty:
        return _NO_KPIS
    row = with_display(frame, path, {"cases_reported": "suppressed"}).iloc[0]
    referral = row["referral_rate"]
    return Kpis(
        cases=float(row["cases_reported"]) if pd.notna(row["cases_reported"]) else float("nan"),
        cases_display=row["cases_reported_display"],
        referral_rate=float(referral) if pd.notna(referral) else float("nan"),
        hotspots=int(row["hotspots"]),
        gaps=int(row["gaps"]),
        safe_spaces=int(row["safe_spaces"]),
        pilots=int(row["pilots"]),
        moran_i=float(row["moran_i"]),
        moran_p=float(row["moran_p"]),
    )


def quarterly_totals(path: Snapshot) -> pd.DataFrame:
    """Bangkok's published totals per quarter, oldest first: ``quarter``, ``cases_reported``,
    ``cases_referred``, their ``_display`` texts, ``suppressed`` and ``referred_suppressed``."""
    frame = query(
        path,
        "SELECT end_quarter AS quarter, cases_reported, cases_reported_hidden, cases_referred, cases_referred_hidden "
        "FROM kpis WHERE span = '1q' ORDER BY quarter",
    )
    return with_display(frame, path, _COUNTS)


def district_trend(path: Snapshot, dist_code: str) -> pd.DataFrame:
    """One district's published reported cases in every quarter: ``quarter``, ``cases``, ``cases_display``
    and ``suppressed``, oldest first (``cases`` NaN where hidden or without rows)."""
    frame = query(
        path,
        "SELECT end_quarter AS quarter, cases_reported AS cases, cases_reported_hidden AS cases_hidden "
        "FROM district_summary WHERE span = '1q' AND dist_code = ? ORDER BY quarter",
        [dist_code],
    )
    return with_display(frame, path, {"cases": "suppressed"})


def smoothed_rates(path: Snapshot, span: str, dist_codes: list[str]) -> pd.DataFrame:
    """The published smoothed rate (``eb_rate_per_100k``) of each of ``dist_codes`` in every window of kind
    ``span`` (one row per district and end quarter, oldest first), with the districts' names."""
    if not dist_codes:
        return pd.DataFrame(columns=["dist_code", "end_quarter", "eb_rate_per_100k", "name_th", "name_en"])
    marks = ", ".join("?" * len(dist_codes))
    return query(
        path,
        "SELECT s.dist_code, s.end_quarter, s.eb_rate_per_100k, d.name_th, d.name_en "
        f"FROM district_summary s JOIN districts d USING (dist_code) WHERE s.span = ? AND s.dist_code IN ({marks}) "
        "ORDER BY s.end_quarter, s.dist_code",
        [span, *dist_codes],
    )


def breakdown(path: Snapshot, by: str, span: str, end: str) -> pd.DataFrame:
    """Bangkok's published cases by ``violence_type`` or ``victim_group`` over a window:
    ``code``, ``cases``, ``cases_display`` and ``suppressed``, in the codes' stored order."""
    frame = query(
        path,
        "SELECT code, cases_reported AS cases, cases_reported_hidden AS cases_hidden FROM breakdowns "
        "WHERE category = ? AND span = ? AND end_quarter = ?",
        [by, span, end],
    )
    order = {code: at for at, code in enumerate(BREAKDOWNS[by])}
    frame = frame.sort_values("code", key=lambda codes: codes.map(order).fillna(len(order))).reset_index(drop=True)
    return with_display(frame, path, {"cases": "suppressed"})


def class_breaks(path: Snapshot, span: str, end: str, measure: str, scheme: str) -> list[float]:
    """The published upper class bounds of a map ``measure`` (rate, smoothed, count) in ``scheme``."""
    frame = query(
        path,
        "SELECT breaks FROM class_breaks WHERE span = ? AND end_quarter = ? AND measure = ? AND scheme = ?",
        [span, end, measure, scheme],
    )
    return [float(b) for b in frame["breaks"].iloc[0]] if len(frame) else []


def attention(path: Snapshot, span: str, end: str) -> pd.DataFrame:
    """The districts that need attention first in a window, strongest first, with the summary's figures:
    ``rank``, ``dist_code``, ``points``, ``eb_rank``, ``referral_low``, ``reasons`` (a tuple of codes) and
    the district's names, smoothed rate and referral rate."""
    frame = query(
        path,
        """
        SELECT a.rank, a.dist_code, d.name_th, d.name_en, a.points, d.eb_rate_per_100k, a.eb_rank,
               d.referral_rate, a.referral_low, a.reasons
        FROM attention a JOIN district_summary d USING (span, end_quarter, dist_code)
        WHERE a.span = ? AND a.end_quarter = ? ORDER BY a.rank
        """,
        [span, end],
    )
    frame["reasons"] = frame["reasons"].map(lambda text: tuple(text.split(",")) if text else ())
    return frame


def completeness(path: Snapshot) -> pd.DataFrame:
    """Which Bangkok districts have case data for which quarter (presence only, no counts): ``dist_code``,
    ``name_th``, ``name_en``, ``quarter``, ``has_data``, by district then quarter; no rows without cases."""
    return query(
        path,
        "SELECT c.dist_code, d.name_th, d.name_en, c.quarter, c.has_data "
        "FROM completeness c JOIN districts d USING (dist_code) ORDER BY c.dist_code, c.quarter",
    )

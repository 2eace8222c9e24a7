"""Bangkok's headline figures and its breakdowns by violence type and victim group, per window."""

from __future__ import annotations

import pandas as pd

from etl.publish.disclosure import window_sums
from etl.publish.windows import Window

__all__ = ["BREAKDOWNS", "HOTSPOT_CLASSES", "breakdowns", "kpis"]

HOTSPOT_CLASSES = ("hot_95", "hot_99")  # the Gi* hot spots the KPI counts: 95 % confidence or more
BREAKDOWNS = ("violence_type", "victim_group")
_BREAKDOWN_COLUMNS = ["span", "end_quarter", "category", "code", "cases_reported", "cases_reported_hidden"]


def kpis(
    window: Window,
    totals: dict[str, pd.DataFrame],
    table: pd.DataFrame,
    services: pd.DataFrame,
    communities: pd.DataFrame,
) -> dict:
    """The window's headline figures, from Bangkok's sums of protected cells and the window's published district table.

    ``totals`` holds, for ``cases_reported`` and ``cases_referred``,
    :func:`~etl.publish.disclosure.sum_cells` of the window's protected
    cells over Bangkok (one row; none without rows). ``cases_reported``/
    ``cases_referred``: Bangkok's published sums (NaN without rows);
    ``referral_rate``: referred over reported, both summed from protected
    cells, over the districts whose referrals are known; ``hotspots`` and
    ``gaps`` count the table's classes, so they agree with it;
    ``safe_spaces``: open in the window in a Bangkok district; ``pilots``:
    started by the window's end.
    """
    figures = {"span": window.kind, "end_quarter": window.end, "start_quarter": window.start}
    for count, total in totals.items():
        for column in (count, f"{count}_hidden"):
            figures[column] = total[column].iloc[0] if len(total) else (False if column.endswith("_hidden") else None)
    estimates = table[table["cases_referred"].notna()]
    reported = estimates["cases_reported"].where(estimates["cases_reported"].notna(), 0).sum()
    figures["referral_rate"] = round(estimates["cases_referred"].sum() / reported, 3) if reported > 0 else None
    figures["hotspots"] = int(table["hotspot_class"].isin(HOTSPOT_CLASSES).sum())
    figures["gaps"] = int(table["gap"].fillna(False).astype(bool).sum())
    figures["safe_spaces"] = int(((services["service_type"] == "safe_space") & services["dist_code"].notna()).sum())
    started = communities["pilot"].fillna(False).astype(bool) & (communities["pilot_start"] <= window.end)
    figures["pilots"] = int(started.sum())
    return figures


def breakdowns(windows: list[Window], category_cells: pd.DataFrame) -> list[pd.DataFrame]:
    """Bangkok's published cases by violence type and by victim group over each of ``windows``, both summed
    from the protected category cells (so neither breakdown can be subtracted from the other)."""
    sums = {by: window_sums(category_cells, windows, by, "cases_reported") for by in BREAKDOWNS}
    return [_breakdown(window, [sums[by][at] for by in BREAKDOWNS]) for at, window in enumerate(windows)]


def _breakdown(window: Window, sums: list[pd.DataFrame]) -> pd.DataFrame:
    """One window's breakdowns from its sums by each of :data:`BREAKDOWNS`."""
    frames = [
        frame.rename(columns={by: "code"}).assign(category=by) for by, frame in zip(BREAKDOWNS, sums, strict=True)
    ]
    if all(frame.empty for frame in frames):
        return pd.DataFrame(
            columns=["span", "end_quarter", "category", "code", "cases_reported", "cases_reported_hidden"]
        )
    frame = pd.concat(frames, ignore_index=True).drop(columns="cases_reported_estimate")
    frame.insert(0, "span", window.kind)
    frame.insert(1, "end_quarter", window.end)
    return frame[_BREAKDOWN_COLUMNS]

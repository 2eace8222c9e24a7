"""Bangkok's headline figures and its breakdowns by violence type and victim group, per window."""

from __future__ import annotations

import pandas as pd

from etl.publish.disclosure import sum_cells
from etl.publish.windows import Window

__all__ = ["BREAKDOWNS", "HOTSPOT_CLASSES", "breakdowns", "kpis"]

HOTSPOT_CLASSES = ("hot_95", "hot_99")  # the Gi* hot spots the KPI counts: 95 % confidence or more
BREAKDOWNS = ("violence_type", "victim_group")
_BREAKDOWN_COLUMNS = ["span", "end_quarter", "category", "code", "cases_reported", "cases_reported_hidden"]


def kpis(
    window: Window,
    cells: pd.DataFrame,
    table: pd.DataFrame,
    services: pd.DataFrame,
    communities: pd.DataFrame,
) -> dict:
    """The window's headline figures, from Bangkok's protected cells and the window's published district table.

    ``cases_reported``/``cases_referred``: Bangkok's published sums (NaN
    without rows); ``referral_rate``: referred over reported, both summed
    from protected cells, over the districts whose referrals are known;
    ``hotspots`` and ``gaps`` count the table's classes, so they agree
    with it; ``safe_spaces``: open in the window in a Bangkok district;
    ``pilots``: started by the window's end.
    """
    rows = cells[cells["quarter"].isin(window.quarters)].assign(bangkok="bangkok")
    figures = {"span": window.kind, "end_quarter": window.end, "start_quarter": window.start}
    for count in ("cases_reported", "cases_referred"):
        total = sum_cells(rows, "bangkok", count)
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


def breakdowns(window: Window, category_cells: pd.DataFrame) -> pd.DataFrame:
    """Bangkok's published cases by violence type and by victim group over the window, both summed from the
    protected category cells (so neither breakdown can be subtracted from the other)."""
    rows = category_cells[category_cells["quarter"].isin(window.quarters)]
    frames = [
        sum_cells(rows, by, "cases_reported").rename(columns={by: "code"}).assign(category=by)
        for by in BREAKDOWNS
        if not rows.empty
    ]
    if not frames:
        return pd.DataFrame(
            columns=["span", "end_quarter", "category", "code", "cases_reported", "cases_reported_hidden"]
        )
    frame = pd.concat(frames, ignore_index=True).drop(columns="cases_reported_estimate")
    frame.insert(0, "span", window.kind)
    frame.insert(1, "end_quarter", window.end)
    return frame[_BREAKDOWN_COLUMNS]

"""The table behind the Overview's map: each district's published count, rates, hot-spot class, gap and
referral share, as readers see them or as numbers for a download."""

from __future__ import annotations

import pandas as pd

from ui import tables
from ui.figures import percent_text, rate_figures
from ui.i18n import t

__all__ = ["district_table"]


def district_table(
    summary: pd.DataFrame, lang: str, districts: tuple[str, ...] = (), numbers: bool = False
) -> pd.DataFrame:
    """The rows of ``summary`` (:func:`db.read.district_summary`) for ``districts`` (all when none): as readers
    see them, or with ``numbers`` as numbers for a download (counts, rates, a share in percent)."""
    rows = summary[summary["dist_code"].isin(districts)] if districts else summary
    shown = rate_figures(rows, lang)
    referral = t("overview.col.referral")
    return pd.DataFrame(
        {
            **tables.district_columns(rows, shown, numbers),
            t("overview.col.eb_rate"): rows["eb_rate_per_100k"].round(1) if numbers else shown["eb"],
            t("overview.col.hotspot"): shown["hotspot"],
            t("overview.col.gap"): rows["gap"].fillna(False).astype(bool).map({True: t("overview.gap_yes"), False: ""}),
            f"{referral} (%)" if numbers else referral: (
                tables.percent(rows["referral_rate"]) if numbers else rows["referral_rate"].map(percent_text)
            ),
        }
    )

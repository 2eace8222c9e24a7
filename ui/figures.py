"""District figures as readers see them: the published summary turned into text, in one language.

Shared by the pages that show the district summary (Overview, Hotspots), so a
suppressed rate or a missing class reads the same everywhere.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ui.i18n import label, number, t

__all__ = ["district_figures", "percent_text", "rate_figures", "rate_text"]


def rate_text(rates: pd.Series, hidden: pd.Series, lang: str) -> np.ndarray:
    """Rates as text with one decimal; "suppressed" where the count behind them is hidden.

    >>> rate_text(pd.Series([12.345, float("nan"), 3.0]), pd.Series([False, False, True]), "en").tolist()
    ['12.3', 'no data', 'suppressed']
    """
    shown = rates.map(lambda v: number(v, 1, lang))
    return np.where(np.asarray(hidden, dtype=bool), t("value.suppressed", lang), shown)


def district_figures(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Text for each district of :func:`db.read.district_summary`, with the summary's index.

    Columns: ``cases`` ("<5", "0", "1,235"; "no data" where nothing was
    reported), ``rate`` (one decimal, "suppressed" with its count),
    ``eb_rate`` (one decimal for every district with data: it is computed
    from protected cells, so a hidden count's district has one too) and the
    ``gi`` and ``lisa`` class labels.
    """
    no_data = t("value.no_data", lang)

    def category(kind: str, codes: pd.Series) -> pd.Series:
        return codes.map(lambda c: label(kind, c, lang) if isinstance(c, str) else no_data)

    return pd.DataFrame(
        {
            "cases": summary["cases_reported_display"].fillna(no_data),
            "rate": rate_text(summary["rate_per_100k"], summary["suppressed"], lang),
            "eb_rate": summary["eb_rate_per_100k"].map(lambda v: number(v, 1, lang)),
            "gi": category("gi", summary["hotspot_class"]),
            "lisa": category("lisa", summary["lisa_class"]),
        },
        index=summary.index,
    )


def percent_text(value: float) -> str:
    """A share (0-1) as readers see it, one decimal and a percent sign; "no data" text when missing."""
    return number(value) if pd.isna(value) else f"{number(value * 100, 1)}%"


def rate_figures(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The Overview's district figures in ``lang``: ``cases``, ``rate``, ``eb`` (smoothed rate), ``hotspot``
    (the Gi* class) and ``dist_code``, as its map's tooltip and its table show them."""
    figures = district_figures(summary, lang).rename(columns={"eb_rate": "eb", "gi": "hotspot"})
    return figures.drop(columns="lisa").assign(dist_code=summary["dist_code"])

"""Page tables as downloads: the figures as numbers a spreadsheet can add up, in CSV and Excel.

On screen a figure is text ("58,771", "63.6%", "suppressed"); in a download it is a number: counts as
whole numbers, rates with their published decimals, shares in percent. A hidden count keeps its "<5"
(text, so no one mistakes it for a value) and a withheld or missing figure is an empty cell. The files
are written by :mod:`core.downloads`, which neutralises formulas.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.downloads import csv_bytes, xlsx_bytes
from ui.i18n import t

__all__ = ["XLSX", "counts", "download", "percent", "shown_rate"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def counts(summary: pd.DataFrame, column: str = "cases_reported") -> pd.Series:
    """Published counts as whole numbers; the display text ("<5") where hidden, empty (None) without data.

    >>> summary = pd.DataFrame({"cases_reported": [1235.0, None, None],
    ...                         "cases_reported_display": ["1,235", "<5", None]})
    >>> counts(summary).tolist()
    [1235, '<5', None]
    """
    pairs = zip(summary[column], summary[f"{column}_display"], strict=True)
    return pd.Series(
        [int(v) if pd.notna(v) else (text if isinstance(text, str) else None) for v, text in pairs],
        index=summary.index,
        dtype=object,
    )


def shown_rate(summary: pd.DataFrame, column: str, digits: int = 1) -> pd.Series:
    """A rate as published (``digits`` decimals), empty where its count is hidden, as on screen.

    >>> shown_rate(pd.DataFrame({"r": [12.345, 3.0], "suppressed": [False, True]}), "r").tolist()
    [12.3, nan]
    """
    return summary[column].where(~summary["suppressed"].astype(bool)).round(digits)


def percent(shares: pd.Series, digits: int = 1) -> pd.Series:
    """Shares (0-1) as percentages with ``digits`` decimals, for a column headed "(%)".

    >>> percent(pd.Series([0.6364, None])).tolist()
    [63.6, nan]
    """
    return (shares.astype(float) * 100).round(digits)


def download(table: pd.DataFrame, stem: str, csv_label: str, sheet: str) -> None:
    """CSV and Excel buttons for ``table`` (numbers, not display text), side by side, files named ``stem``."""
    with st.container(horizontal=True):
        st.download_button(
            csv_label, csv_bytes(table), file_name=f"{stem}.csv", mime="text/csv", icon=":material/download:"
        )
        st.download_button(
            t("download.xlsx"), xlsx_bytes(table, sheet), file_name=f"{stem}.xlsx", mime=XLSX, icon=":material/table:"
        )
    st.caption(t("download.numbers_note"))

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
from ui import loaders
from ui.i18n import number, t

__all__ = ["XLSX", "counts", "district_columns", "download", "percent", "shown_rate"]

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


def district_columns(summary: pd.DataFrame, shown: pd.DataFrame, numbers: bool) -> dict[str, pd.Series]:
    """The columns every district table starts with: code, names, published count, population and rate,
    as readers see them (``shown``: :func:`ui.figures.district_figures`) or, with ``numbers``, as numbers."""
    return {
        t("col.dist_code"): summary["dist_code"],
        t("col.name_th"): summary["name_th"],
        t("col.name_en"): summary["name_en"],
        t("col.cases"): counts(summary) if numbers else shown["cases"],
        t("col.population"): summary["population"] if numbers else summary["population"].map(number),
        t("col.rate"): shown_rate(summary, "rate_per_100k") if numbers else shown["rate"],
    }


def download(table: pd.DataFrame, stem: str, csv_label: str, sheet: str) -> None:
    """CSV and Excel buttons for ``table`` (numbers, not display text), side by side, files named ``stem``.

    The Excel file is written once per content (its writer was most of a page's rerun); the CSV, cheap,
    is the key, with the column types that decide the Excel cells.
    """
    csv = csv_bytes(table)
    types = tuple(map(str, table.dtypes))
    xlsx = loaders.remembered(("xlsx", sheet, types, csv), lambda: xlsx_bytes(table, sheet))
    with st.container(horizontal=True):
        st.download_button(csv_label, csv, file_name=f"{stem}.csv", mime="text/csv", icon=":material/download:")
        st.download_button(t("download.xlsx"), xlsx, file_name=f"{stem}.xlsx", mime=XLSX, icon=":material/table:")
    st.caption(t("download.numbers_note"))

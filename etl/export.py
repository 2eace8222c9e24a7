"""Tables as files for analysts: ``python -m etl export district-summary``.

An export is published exactly as the dashboard shows it (small counts as
"<5", rates derived from them left empty) unless the caller asks for the
true numbers. CSV is UTF-8 with a byte-order mark, so Excel opens Thai
correctly; XLSX is written with xlsxwriter. In both, a text cell that a
spreadsheet would run as a formula is neutralised (:mod:`core.downloads`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from core.downloads import csv_bytes, xlsx_bytes
from db import read

__all__ = ["FORMATS", "default_path", "export_district_summary"]

FORMATS = ("csv", "xlsx")
COUNTS = ("cases_reported", "cases_referred")
SHEET_NAME = "district_summary"


def _published_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Each count as one column: a whole number where published, its display text ("<5") where suppressed."""
    out = table.drop(columns=[f"{count}_display" for count in COUNTS])
    for count in COUNTS:
        cells = zip(table[count], table[f"{count}_display"], strict=True)
        out[count] = pd.Series([text if pd.isna(n) else int(n) for n, text in cells], index=table.index, dtype=object)
    return out


def _write(frame: pd.DataFrame, path: Path, fmt: str) -> None:
    path.write_bytes(csv_bytes(frame) if fmt == "csv" else xlsx_bytes(frame, SHEET_NAME))


def default_path(quarter: str, quarter_from: str | None, fmt: str) -> Path:
    """``district_summary_<quarter>.<fmt>`` in the current folder (``<from>_<quarter>`` with a start).

    >>> default_path("2025Q2", None, "csv"), default_path("2025Q2", "2024Q1", "xlsx")
    (PosixPath('district_summary_2025Q2.csv'), PosixPath('district_summary_2024Q1_2025Q2.xlsx'))
    """
    window = quarter if quarter_from is None else f"{quarter_from}_{quarter}"
    return Path(f"district_summary_{window}.{fmt}")


def export_district_summary(
    quarter: str,
    quarter_from: str | None = None,
    *,
    out: str | os.PathLike | None = None,
    fmt: str | None = None,
    suppress: bool = True,
    db: read.Db = None,
) -> Path:
    """Write :func:`db.read.district_summary` for a window of quarters to a CSV or XLSX file.

    Parameters
    ----------
    quarter, quarter_from : str
        Last and (optional) first calendar quarter of the window, as keys
        (``'2025Q2'``); see :func:`db.read.district_summary`.
    out : path, optional
        The file; default :func:`default_path`.
    fmt : {'csv', 'xlsx'}, optional
        Default: ``xlsx`` when ``out`` ends in ``.xlsx``, else ``csv``.
    suppress : bool
        False writes the true small counts: for analysts only, never to publish.
    db : path, optional
        The warehouse file.

    Returns
    -------
    pathlib.Path
        The file written. Counts are whole numbers, or the display text
        ("<5") where suppressed, or empty where there is no data.
    """
    fmt = fmt or ("xlsx" if out is not None and Path(out).suffix.lower() == ".xlsx" else "csv")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    path = Path(out) if out is not None else default_path(quarter, quarter_from, fmt)
    table = read.district_summary(db, quarter, quarter_from, suppress=suppress)
    _write(_published_counts(table), path, fmt)
    return path

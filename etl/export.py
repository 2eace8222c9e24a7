"""Tables as files for analysts: ``python -m etl export district-summary``.

By default an export is the published district table of one window, read
from the snapshot exactly as the dashboard shows it. ``--no-suppress``
computes the same table from the true counts in the warehouse, for analysts
with direct access to it: never publish such a file. CSV is UTF-8 with a
byte-order mark, so Excel opens Thai correctly; XLSX is written with
xlsxwriter. In both, a text cell that a spreadsheet would run as a formula
is neutralised (:mod:`core.downloads`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from core.downloads import csv_bytes, xlsx_bytes

__all__ = ["FORMATS", "NoData", "default_path", "export_district_summary"]

FORMATS = ("csv", "xlsx")
COUNTS = ("cases_reported", "cases_referred")
SHEET_NAME = "district_summary"


class NoData(LookupError):
    """The snapshot holds no figures for the window asked for."""


def _published_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Each count as one column: a whole number where published, its display text ("<5") where hidden."""
    out = table.drop(columns=[f"{count}_display" for count in COUNTS])
    for count in COUNTS:
        cells = zip(table[count], table[f"{count}_display"], strict=True)
        out[count] = pd.Series([text if pd.isna(n) else int(n) for n, text in cells], index=table.index, dtype=object)
    return out


def default_path(quarter: str, span: str, fmt: str, quarter_from: str | None = None) -> Path:
    """``district_summary_<quarter>_<span>.<fmt>`` in the current folder (``<from>_<quarter>`` with a start).

    >>> default_path("2025Q2", "4q", "csv"), default_path("2025Q2", "4q", "xlsx", "2024Q1")
    (PosixPath('district_summary_2025Q2_4q.csv'), PosixPath('district_summary_2024Q1_2025Q2.xlsx'))
    """
    window = f"{quarter}_{span}" if quarter_from is None else f"{quarter_from}_{quarter}"
    return Path(f"district_summary_{window}.{fmt}")


def export_district_summary(
    quarter: str,
    span: str = "4q",
    *,
    out: str | os.PathLike | None = None,
    fmt: str | None = None,
    published: str | os.PathLike | None = None,
    db=None,
    suppress: bool = True,
    quarter_from: str | None = None,
) -> Path:
    """Write the district table of a window to a CSV or XLSX file.

    Parameters
    ----------
    quarter : str
        Last calendar quarter of the window, as a key (``'2025Q2'``).
    span : {'1q', '4q', 'fytd'}
        The window: the quarter, the four quarters ending with it, or the
        Thai fiscal year up to it. Ignored when ``quarter_from`` is given.
    out : path, optional
        The file; default :func:`default_path`.
    fmt : {'csv', 'xlsx'}, optional
        Default: ``xlsx`` when ``out`` ends in ``.xlsx``, else ``csv``.
    published : path, optional
        The snapshot (default beside the warehouse ``db``).
    db : path, optional
        The warehouse: where the snapshot is found, and what ``suppress=False`` reads.
    suppress : bool
        False computes the table from the true counts: analysts only, never to publish.
    quarter_from : str, optional
        First quarter of an arbitrary window; only with ``suppress=False``
        (arbitrary published windows would let one difference them).

    Returns
    -------
    pathlib.Path
        The file written. Counts are whole numbers, or "<5" where hidden, or
        empty where there is no data. Raises :class:`NoData` when the window
        has no figures.
    """
    from db import read
    from db.snapshot import published_path

    fmt = fmt or ("xlsx" if out is not None and Path(out).suffix.lower() == ".xlsx" else "csv")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if suppress and quarter_from is not None:
        raise ValueError("a window with a chosen first quarter is exported only with suppress=False")
    if suppress:
        table = read.district_summary(published_path(db, published), span, quarter)
    else:
        from etl.publish import true_table
        from etl.publish.windows import window

        table = true_table(db, quarter, quarter_from or window(span, quarter).start)
    if table.empty or table["cases_reported_display"].isna().all():
        raise NoData(quarter)
    path = Path(out) if out is not None else default_path(quarter, span, fmt, quarter_from)
    frame = _published_counts(table)
    path.write_bytes(csv_bytes(frame) if fmt == "csv" else xlsx_bytes(frame, SHEET_NAME))
    return path

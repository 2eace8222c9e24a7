"""Tables as files that travel safely: the one place every download and export is written.

CSV is UTF-8 with a byte-order mark, so Excel opens Thai correctly. In CSV
and XLSX alike, a text cell that a spreadsheet would run as a formula is
neutralised (names come from uploaded files and may hold anything); a plain
number such as "-3" is not a formula and stays as it is.
"""

from __future__ import annotations

import io
import re

import pandas as pd

__all__ = ["FORMULA_STARTS", "csv_bytes", "neutralise_formulas", "xlsx_bytes"]

# A spreadsheet reads a cell starting with these as a formula (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# A plain number written as text ("-3", "+5", "-1,234.5", "1e-3"): a spreadsheet reads it as that number,
# never as a formula, so it is left as it is (an upload's bad value "-3" is shown as -3, not '-3).
_NUMBER = re.compile(r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _formula_like(value: object) -> bool:
    """Text a spreadsheet would run: it starts with a formula character and is not a plain number.

    >>> [_formula_like(v) for v in ("-3", "+5", "-1,234.5", "-2+3", "-cmd", "=1", "@7", -3)]
    [False, False, False, True, True, True, True, False]
    """
    return isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value)


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy in which every text cell starting like a formula is prefixed with a single quote.

    Only text is touched, and not a plain number written as text: numbers (a negative z-score, a bad
    value "-3" quoted from an upload) stay as they are.

    Examples
    --------
    >>> frame = pd.DataFrame({"name": ["=1+2", "@SUM(A1)", "Bang Rak", "-3"], "gi_z": [-1.5, 0.2, -3.0, 1.0]})
    >>> neutralise_formulas(frame).to_dict("list")
    {'name': ["'=1+2", "'@SUM(A1)", 'Bang Rak', '-3'], 'gi_z': [-1.5, 0.2, -3.0, 1.0]}
    """
    out = frame.copy()
    for column in out.select_dtypes(include=["object", "string"]).columns:
        out[column] = out[column].map(lambda v: f"'{v}" if _formula_like(v) else v)
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as safe CSV bytes (UTF-8 with BOM).

    >>> csv_bytes(pd.DataFrame({"เขต": ["=cmd"]}))[:3] == b"\\xef\\xbb\\xbf"
    True
    """
    return neutralise_formulas(frame).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    """The table as a safe Excel workbook with one sheet."""
    buffer = io.BytesIO()
    # xlsxwriter would otherwise turn text such as "=..." or "http://..." into formulas and links.
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    neutralise_formulas(frame).to_excel(
        buffer, index=False, sheet_name=sheet, engine="xlsxwriter", engine_kwargs={"options": options}
    )
    return buffer.getvalue()

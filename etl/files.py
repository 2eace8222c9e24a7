"""Read an uploaded file's bytes into a table of text cells.

Everything is read as text: validation decides what a cell means, so a
``007`` id or a Thai number keeps its spelling for the error message.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from etl.problems import InputRejected, Problem

__all__ = ["decode", "read_table"]

ENCODINGS = ("utf-8-sig", "cp874")  # UTF-8 (with or without BOM), then Thai Windows Excel
DELIMITERS = ",;\t"
XLSX_MAGIC = b"PK\x03\x04"


def _reject(message: str) -> InputRejected:
    return InputRejected([Problem(None, None, None, message)], message)


def decode(content: bytes) -> str:
    """Decode CSV bytes: UTF-8 with or without BOM, else TIS-620/cp874."""
    if b"\x00" in content[:4096]:
        raise _reject("This is not a text file. Save the sheet as CSV (UTF-8) or Excel .xlsx and upload that.")
    for encoding in ENCODINGS:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _reject("The file's text encoding is not UTF-8 or Thai Windows (TIS-620). Save it as CSV UTF-8 from Excel.")


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


def read_table(content: bytes, sheet_names: tuple[str, ...] = ()) -> pd.DataFrame:
    """Parse CSV or .xlsx bytes into a DataFrame of stripped strings ('' for empty).

    For a workbook, the first sheet named in ``sheet_names`` that exists is
    read, else the first sheet.
    """
    if not content.strip():
        raise _reject("The file is empty. Export the sheet again with its header row and data.")
    if content.startswith(XLSX_MAGIC):
        frame = _read_xlsx(content, sheet_names)
    else:
        text = decode(content)
        frame = pd.read_csv(
            io.StringIO(text),
            sep=_delimiter(text),
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=True,
        )
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.apply(lambda col: col.str.strip())
    if frame.empty:
        raise _reject("The file has a header row but no data rows.")
    return frame


def _read_xlsx(content: bytes, sheet_names: tuple[str, ...]) -> pd.DataFrame:
    try:
        book = pd.ExcelFile(io.BytesIO(content), engine="calamine")
    except Exception as exc:  # a corrupt or non-Excel zip
        raise _reject(f"The Excel file could not be opened ({exc}). Save it again as .xlsx.") from exc
    wanted = {name.lower(): name for name in book.sheet_names}
    sheet = next((wanted[n] for n in sheet_names if n in wanted), book.sheet_names[0])
    frame = book.parse(sheet, dtype=str).fillna("")
    return frame

"""Read an uploaded file's bytes into a table of text cells.

Everything is read as text: validation decides what a cell means, so a
``007`` id or a Thai number keeps its spelling for the error message.
CSV goes through Arrow's reader (a million rows in well under a second);
DuckDB cannot read cp874 offline, and Arrow only UTF-8, so Thai Windows
files are transcoded in Python first.
"""

from __future__ import annotations

import csv
import io

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from etl.problems import InputRejected

__all__ = ["read_table", "utf8"]

BOM = b"\xef\xbb\xbf"
DELIMITERS = ",;\t"
SAMPLE_BYTES = 64 * 1024
XLSX_MAGIC = b"PK\x03\x04"


def utf8(content: bytes) -> bytes:
    """The file as UTF-8 without a BOM: UTF-8 as is, else TIS-620/cp874 transcoded."""
    if b"\x00" in content[:4096]:
        raise InputRejected.because("file.binary")
    content = content.removeprefix(BOM)
    try:
        content.decode("utf-8")
        return content
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp874").encode("utf-8")
    except UnicodeDecodeError:
        raise InputRejected.because("file.encoding") from None


def _header_and_delimiter(content: bytes) -> tuple[list[str], str]:
    sample = content[:SAMPLE_BYTES].decode("utf-8", errors="ignore")
    lines = sample.splitlines()
    try:
        delimiter = csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=DELIMITERS).delimiter
    except csv.Error:
        delimiter = ","
    header = next(csv.reader(lines[:1], delimiter=delimiter), [])
    return header, delimiter


def _read_csv(content: bytes) -> pd.DataFrame:
    header, delimiter = _header_and_delimiter(content)
    if len(set(header)) != len(header):
        repeated = sorted({h for h in header if header.count(h) > 1})
        raise InputRejected.because("file.repeated_headers", headers=", ".join(repeated))
    try:
        table = pacsv.read_csv(
            io.BytesIO(content),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()), strings_can_be_null=False
            ),
        )
    except pa.ArrowInvalid as exc:
        raise InputRejected.because("file.unreadable", detail=str(exc)) from exc
    trimmed = [pc.utf8_trim_whitespace(column) for column in table.columns]
    return pa.table(trimmed, names=[name.strip() for name in table.column_names]).to_pandas()


def _read_xlsx(content: bytes, sheet_names: tuple[str, ...]) -> pd.DataFrame:
    try:
        sheets = pd.read_excel(io.BytesIO(content), sheet_name=None, dtype=str, engine="calamine")
    except Exception as exc:  # a corrupt or non-Excel zip: any reader error means the same to the user
        raise InputRejected.because("file.bad_excel", detail=str(exc)) from exc
    wanted = {name.lower(): name for name in sheets}
    sheet = next((wanted[n] for n in sheet_names if n in wanted), next(iter(sheets)))
    frame = sheets[sheet].fillna("")
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.apply(lambda column: column.str.strip())


def read_table(content: bytes, sheet_names: tuple[str, ...] = ()) -> pd.DataFrame:
    """Parse CSV or .xlsx bytes into a DataFrame of trimmed strings ('' for empty).

    For a workbook, the first sheet named in ``sheet_names`` that exists is
    read, else the first sheet.

    >>> read_table("ไตรมาส;เขต\\n 2025Q1 ;ดุสิต\\n".encode("cp874")).to_dict("records")
    [{'ไตรมาส': '2025Q1', 'เขต': 'ดุสิต'}]
    """
    if not content.strip():
        raise InputRejected.because("file.empty")
    frame = _read_xlsx(content, sheet_names) if content.startswith(XLSX_MAGIC) else _read_csv(utf8(content))
    if frame.empty:
        raise InputRejected.because("file.no_rows")
    return frame

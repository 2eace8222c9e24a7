"""Read an uploaded .xlsx workbook without letting a hostile one exhaust the server.

An .xlsx file is a zip of XML parts, so a 2 KB file can unpack to gigabytes
or declare a sheet of 17 billion cells. Before anything parses it:

- the zip's directory must be small and its parts stored or deflated;
- the parts' **actual** unpacked size (measured by inflating them, not
  taken from the headers, which can lie) must be within the upload limit:
  the limit applies to what is read, not only to the file's size;
- no sheet may declare a range of more than :data:`MAX_SHEET_CELLS` cells.

Then one sheet is read in a child process (etl/xlsx_child.py) capped at
:data:`CHILD_MEMORY_MB` of memory and :data:`CHILD_CPU_SECONDS` of CPU, so a
workbook that slips past the checks (cells far outside its table make the
reader allocate the whole rectangle) ends that process with a one-line
refusal, never the server. Spreadsheet dates arrive as ``YYYY-MM-DD`` text.
"""

from __future__ import annotations

import io
import json
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

from etl.problems import InputRejected

__all__ = ["CHILD_MEMORY_MB", "MAX_SHEET_CELLS", "check_workbook", "read_xlsx"]

MAX_PARTS = 1_000  # Excel writes a few dozen
MAX_DIRECTORY_BYTES = 1_000_000
MAX_SHEET_CELLS = 10_000_000  # declared rows x columns of any sheet
CHILD_MEMORY_MB = 1024
CHILD_CPU_SECONDS = 120
CHUNK = 1 << 20
CHILD = Path(__file__).with_name("xlsx_child.py")
_DIMENSION = re.compile(
    rb"<(?:[\w.-]+:)?dimension\b[^>]*?\bref\s*=\s*[\"']\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?"
)


def _column_number(letters: bytes) -> int:
    """``b"A"`` -> 1, ``b"XFD"`` -> 16384."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _part_data(content: bytes, info: zipfile.ZipInfo) -> memoryview:
    """The compressed bytes of a part, located through its local header as every zip reader does."""
    start = info.header_offset
    if content[start : start + 4] != b"PK\x03\x04":
        raise InputRejected.because("file.excel_structure")
    name_length, extra_length = struct.unpack("<HH", content[start + 26 : start + 30])
    begin = start + 30 + name_length + extra_length
    return memoryview(content)[begin : begin + info.compress_size]


def _inflate(content: bytes, info: zipfile.ZipInfo, budget: int, keep: int = 0) -> tuple[int, bytes]:
    """The real unpacked size of a part (stopping once past ``budget``) and its first ``keep`` bytes."""
    data = _part_data(content, info)
    if info.compress_type == zipfile.ZIP_STORED:
        return len(data), bytes(data[:keep])
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    size, head = 0, b""
    try:
        for offset in range(0, len(data), CHUNK):
            pending = bytes(data[offset : offset + CHUNK])
            while pending:
                out = inflater.decompress(pending, CHUNK)
                size += len(out)
                if len(head) < keep:
                    head += out[: keep - len(head)]
                if size > budget:
                    return size, head
                pending = inflater.unconsumed_tail
    except zlib.error:
        raise InputRejected.because("file.bad_excel") from None
    return size, head


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:,.0f}" if size >= 1024 * 1024 else f"{size / 1024 / 1024:.2f}"


def check_workbook(content: bytes, limit_bytes: int) -> None:
    """Refuse, in one sentence, a workbook whose structure or unpacked size could exhaust the server."""
    end = content.rfind(b"PK\x05\x06", max(0, len(content) - 65_557))
    if end < 0 or len(content) < end + 22:
        raise InputRejected.because("file.bad_excel")
    entries, directory_size = struct.unpack("<HI", content[end + 10 : end + 16])
    if entries > MAX_PARTS or directory_size > MAX_DIRECTORY_BYTES:
        raise InputRejected.because("file.excel_structure")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            infos = book.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, struct.error):
        raise InputRejected.because("file.bad_excel") from None
    if len(infos) > MAX_PARTS:
        raise InputRejected.because("file.excel_structure")
    if any(info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) for info in infos):
        raise InputRejected.because("file.excel_structure")
    declared = sum(info.file_size for info in infos)
    limit = f"{limit_bytes / 1024 / 1024:g}"
    if declared > limit_bytes:
        raise InputRejected.because("file.excel_unpacked_too_large", size=_megabytes(declared), limit=limit)
    total = 0
    for info in infos:
        sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
        size, head = _inflate(content, info, limit_bytes - total, keep=65_536 if sheet else 0)
        total += size
        if total > limit_bytes:
            raise InputRejected.because("file.excel_unpacked_too_large", size=f"> {_megabytes(total)}", limit=limit)
        if sheet and (match := _DIMENSION.search(head)):
            first_col, first_row, last_col, last_row = match.groups()
            rows = int(last_row or first_row) - int(first_row) + 1
            columns = _column_number(last_col or first_col) - _column_number(first_col) + 1
            if rows * columns > MAX_SHEET_CELLS:
                declared_range = b":".join(filter(None, (first_col + first_row, last_col and last_col + last_row)))
                raise InputRejected.because(
                    "file.excel_range",
                    range=declared_range.decode(),
                    cells=f"{rows * columns:,}",
                )


def read_xlsx(content: bytes, sheet_names: tuple[str, ...], limit_bytes: int) -> tuple[list[str], list[list[str]]]:
    """The header and the columns (as text) of the first sheet named in ``sheet_names``, else the first sheet."""
    check_workbook(content, limit_bytes)
    command = [
        sys.executable,
        "-I",
        str(CHILD),
        str(CHILD_MEMORY_MB * 1024 * 1024),
        str(CHILD_CPU_SECONDS),
        *sheet_names,
    ]
    try:
        done = subprocess.run(command, input=content, capture_output=True, timeout=CHILD_CPU_SECONDS * 2)
    except subprocess.TimeoutExpired:
        raise InputRejected.because("file.excel_too_big_to_read", limit=CHILD_MEMORY_MB) from None
    if done.returncode != 0:  # killed by the caps (abort, SIGXCPU) or a MemoryError
        raise InputRejected.because("file.excel_too_big_to_read", limit=CHILD_MEMORY_MB)
    try:
        out = json.loads(done.stdout)
    except ValueError:
        raise InputRejected.because("file.bad_excel") from None
    if "error" in out:
        raise InputRejected.because("file.bad_excel")
    return out["header"], out["columns"]

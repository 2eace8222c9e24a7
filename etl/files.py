"""Read an uploaded file's bytes into a table of text cells (an Arrow table of strings).

Everything is read as text: validation decides what a cell means, so a
``007`` id or a Thai number keeps its spelling for the error message.
CSV goes through Arrow's reader (a million rows in well under a second);
DuckDB cannot read cp874 offline, and Arrow only UTF-8, so Thai Windows
files are transcoded in Python first. Workbooks are read by etl/xlsx.py.

Whatever the format, the same rules then apply: cells and headers are
trimmed, a column without a header must be empty (it is dropped), and two
headers may not name the same thing (see :func:`etl.columns.tidy_headers`).
Messages never quote the file's contents: a broken row is named by its
number only, since it may hold personal data.
"""

from __future__ import annotations

import csv
import io
import os
import re
import struct
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from etl.columns import tidy_headers
from etl.problems import InputRejected, Problems

__all__ = ["arrow_cell", "each_column", "read_table", "utf8"]

BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
DELIMITERS = ",;\t"
SAMPLE_BYTES = 64 * 1024
XLSX_MAGIC = b"PK\x03\x04"
BLOCK_BYTES = 1 << 20  # Arrow's block: no row may be longer
# Thai letters in UTF-8 (U+0E00-U+0E7F): a cp874 file practically never holds these byte triples.
_UTF8_THAI = re.compile(rb"\xe0[\xb8\xb9][\x80-\xbf]")


def _line(content: bytes, offset: int) -> int:
    """The 1-based line number of byte ``offset``."""
    return content.count(b"\n", 0, offset) + 1


def arrow_cell(content: bytes, kind: pa.DataType) -> pa.Array:
    """``content`` as a one-cell Arrow array of ``kind`` (large_binary or large_string) sharing its memory.

    >>> arrow_cell(b"quarter", pa.large_binary()).to_pylist()
    [b'quarter']
    """
    offsets = pa.py_buffer(struct.pack("<2q", 0, len(content)))
    return pa.Array.from_buffers(kind, 1, [None, offsets, pa.py_buffer(content)])


def each_column(function: Callable, columns: Sequence) -> list:
    """``function`` of every column, the columns shared among the cores (Arrow's kernels use one core each and
    release the GIL).

    >>> each_column(len, ["quarter", "dist_code"])
    [7, 9]
    """
    with ThreadPoolExecutor(min(len(columns), os.cpu_count() or 1) or 1) as pool:
        return list(pool.map(function, columns))


def _is_utf8(content: bytes) -> bool:
    """Whether ``content`` is valid UTF-8, checked by Arrow in place (decoding would copy the whole file)."""
    try:
        arrow_cell(content, pa.large_string()).validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def utf8(content: bytes) -> bytes:
    """The file as UTF-8 without a BOM: UTF-8 as is, else TIS-620/cp874 transcoded.

    Valid UTF-8 is never read as cp874. A file that is neither clean UTF-8
    nor clean cp874 (one cp874 line in a UTF-8 file) is refused, naming the
    first line that breaks the pattern, and so is a NUL byte.

    >>> utf8("ไตรมาส".encode("cp874")).decode()
    'ไตรมาส'
    >>> utf8("ไตรมาส\\n".encode() + "ดุสิต\\n".encode("cp874"))
    Traceback (most recent call last):
    etl.problems.InputRejected: Line 2 is not UTF-8 text, unlike line 1 and the rest of the file: ...
    """
    if content.startswith(UTF16_BOMS):
        raise InputRejected.because("file.utf16")
    sample = content[:4096]
    first_line = sample.split(b"\n", 1)[0]
    if b"\x00" in first_line or sample.count(b"\x00") * 100 > len(sample):  # images, archives, UTF-16
        raise InputRejected.because("file.binary")
    if (nul := content.find(b"\x00")) >= 0:
        raise InputRejected.because("file.nul", line=_line(content, nul))
    content = content.removeprefix(BOM)
    if _is_utf8(content):
        return content
    try:
        content.decode("utf-8")  # where the first bad byte is
        return content
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    for match in _UTF8_THAI.finditer(content):
        start = content.rfind(b"\n", 0, match.start()) + 1
        end = content.find(b"\n", match.end())
        try:
            content[start : None if end < 0 else end].decode("utf-8")
        except UnicodeDecodeError:
            continue
        # A line of UTF-8 Thai: the file is UTF-8 with some other line in it.
        raise InputRejected.because("file.mixed_encoding", line=_line(content, first_bad), first=_line(content, start))
    try:
        return content.decode("cp874").encode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputRejected.because("file.encoding", line=_line(content, exc.start)) from None


def _trim(column: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Cells without leading and trailing white space (Unicode's, such as a no-break space, too)."""
    if pc.all(pc.string_is_ascii(column)).as_py() is not False:
        return pc.ascii_trim_whitespace(column)  # three times faster, and the same for ASCII text
    return pc.utf8_trim_whitespace(column)


def _header_and_delimiter(content: bytes) -> tuple[list[str], str]:
    sample = content[:SAMPLE_BYTES].decode("utf-8", errors="ignore")
    lines = sample.splitlines()
    try:
        delimiter = csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=DELIMITERS).delimiter
    except csv.Error:
        delimiter = ","
    header = next(csv.reader(lines[:1], delimiter=delimiter), [])
    return header, delimiter


def _row_problems(content: bytes, delimiter: str, width: int) -> Problems:
    """Rows Arrow could not split: too many or too few cells, or a cell past one block (an unclosed quote).

    The slow path, for rejected files only; rows count as a spreadsheet
    shows them (header = row 1, blank lines skipped, as Arrow does).
    """
    problems = Problems()
    limit = csv.field_size_limit()
    csv.field_size_limit(BLOCK_BYTES)
    row = 0
    try:
        reader = csv.reader(io.StringIO(content.decode("utf-8"), newline=""), delimiter=delimiter)
        for cells in reader:
            if not cells:
                continue
            row += 1
            if len(cells) != width:
                problems.add("file.ragged_row", row, expected=width, actual=len(cells), delimiter=repr(delimiter))
    except csv.Error:  # a field longer than a block
        problems.add("file.huge_cell", row + 1, limit=BLOCK_BYTES // (1 << 20))
    finally:
        csv.field_size_limit(limit)
    return problems


def _read_csv(content: bytes) -> tuple[list[str], list[pa.ChunkedArray]]:
    header, delimiter = _header_and_delimiter(content)
    names = [f"c{i}" for i in range(len(header))]
    try:
        table = pacsv.read_csv(
            pa.BufferReader(content),  # in place: through a Python file object, each block is copied under the GIL
            read_options=pacsv.ReadOptions(column_names=names, block_size=BLOCK_BYTES),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        # Arrow's message repeats the row's text, which may hold personal data: locate the row ourselves.
        problems = _row_problems(content, delimiter, len(header))
        if problems:
            raise InputRejected.listing(problems) from exc
        raise InputRejected.because("file.unreadable") from exc
    if table.num_rows == 0:
        return [], []
    header = [table.column(i)[0].as_py() for i in range(table.num_columns)]
    return header, each_column(lambda column: _trim(column.slice(1)), table.columns)


def _read_xlsx(content: bytes, sheet_names: tuple[str, ...], limit_bytes: int):
    from etl.xlsx import read_xlsx

    header, columns = read_xlsx(content, sheet_names, limit_bytes)
    return header, [_trim(pa.array(column, pa.string())) for column in columns]


def read_table(content: bytes, sheet_names: tuple[str, ...] = (), limit_bytes: int = 50 << 20) -> pa.Table:
    """Parse CSV or .xlsx bytes into a table of trimmed strings ('' for empty), one column per header.

    For a workbook, the first sheet named in ``sheet_names`` that exists is
    read, else the first sheet; ``limit_bytes`` bounds what it unpacks to.

    >>> read_table("ไตรมาส;เขต;\\n 2025Q1 ;ดุสิต;\\n".encode("cp874")).to_pylist()
    [{'ไตรมาส': '2025Q1', 'เขต': 'ดุสิต'}]
    """
    if not content or content.isspace():  # isspace stops at the first other byte; strip would copy
        raise InputRejected.because("file.empty")
    if content.startswith(XLSX_MAGIC):
        header, columns = _read_xlsx(content, sheet_names, limit_bytes)
    else:
        header, columns = _read_csv(utf8(content))
    if not header or not columns or len(columns[0]) == 0:
        raise InputRejected.because("file.no_rows")
    keep, names = tidy_headers(header, lambda i: bool(pc.max(pc.binary_length(columns[i])).as_py()))
    return pa.table([columns[i] for i in keep], names=names)

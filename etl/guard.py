"""The first line of privacy defence: files must hold anonymised aggregates only.

A cases file with a column that looks like personal data is rejected, and
so is any file with a Thai national ID number anywhere: in any cell of any
column (the columns the loader ignores too), alone or inside longer text
("ID:1101700207366", "victim 1-1017-00207-36-6 referred"), as spreadsheet
float text ("1101700207366.0"), and in the header row.

An ID is 13 digits passing the checksum that stand on their own: not part
of a longer number and not after a decimal point (the digits of a
coordinate such as 13.7820131101700207366 are not an ID), written plain,
followed by ".0", or grouped 1-4-5-2-1 with dashes or spaces. Thai digits
(๐-๙) count as digits.

Register files (services, communities) legitimately carry a service's
phone, hours and address, so the header rule depends on the kind of file.
Messages never repeat the personal value itself.
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

from etl.columns import normalise_header
from etl.files import each_column
from etl.problems import Problems

__all__ = ["check_personal_data", "find_thai_ids", "is_thai_id"]

_ALWAYS_PERSONAL = {
    "citizenid", "nationalid", "idcard", "idcardno", "idcardnumber", "pid", "personalid",
    "เลขบัตรประชาชน", "เลขประจำตัวประชาชน", "บัตรประชาชน",
    "birthdate", "dateofbirth", "dob", "birthday", "วันเกิด", "วันเดือนปีเกิด",
    "victimname", "fullname", "firstname", "lastname", "surname", "ชื่อผู้เสียหาย", "ชื่อสกุล", "ชื่อนามสกุล", "นามสกุล",
}  # fmt: skip
_CASES_ALSO = {
    "name", "ชื่อ", "phone", "tel", "telephone", "mobile", "โทรศัพท์", "เบอร์โทร", "เบอร์โทรศัพท์",
    "address", "ที่อยู่", "email", "อีเมล",
}  # fmt: skip
PERSONAL_HEADERS = {"cases": _ALWAYS_PERSONAL | _CASES_ALSO}

_D = "[0-9๐-๙]"  # Arrow's regular expressions (RE2) take \d as ASCII only
_SEP = "[- ]"
# A cheap first pass in Arrow over every cell: 13 digits in a row, or the grouped form.
CANDIDATE = f"{_D}{{13}}|{_D}{_SEP}{_D}{{4}}{_SEP}{_D}{{5}}{_SEP}{_D}{{2}}{_SEP}{_D}"
# The exact rule, in Python, for the few cells that pass the first.
_ID = re.compile(
    r"(?<!\d)(?<!\d\.)"  # not inside a longer number, not after a decimal point
    r"(?:(\d{13})(?!\d)(?!\.\d*[1-9])"  # plain, or with a zero fraction: 1101700207366.0
    r"|(\d)[- ](\d{4})[- ](\d{5})[- ](\d{2})[- ](\d)(?!\d))"  # 1-1017-00207-36-6
)


def is_thai_id(digits: str) -> bool:
    """True for a 13-digit number whose last digit is the Thai national ID check digit.

    >>> is_thai_id("1101700207366"), is_thai_id("1101700207367")
    (True, False)
    """
    if len(digits) != 13 or not digits.isdigit():
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def find_thai_ids(text: str) -> bool:
    """Whether ``text`` holds a Thai national ID standing on its own (see the module's rule).

    >>> [find_thai_ids(t) for t in ("ID:1101700207366", "1101700207366.0", "victim 1 1017 00207 36 6 referred")]
    [True, True, True]
    >>> [find_thai_ids(t) for t in ("13.7820131101700207366", "11101700207366", "1101700207366.5", "1101700207367")]
    [False, False, False, False]
    """
    return any(is_thai_id("".join(filter(None, match.groups()))) for match in _ID.finditer(text))


def _id_rows(column: pa.ChunkedArray) -> list[int]:
    """0-based rows of ``column`` whose cell holds a Thai ID."""
    # No Python values go into Arrow here: converting one would make pyarrow import pandas (a third of a
    # second for every load of a cases file).
    if (pc.max(pc.binary_length(column)).as_py() or 0) < 13:  # bytes: at least as many as characters
        return []  # most columns are short
    # Each spelling is matched once: a long cell is mostly a word repeated on many rows ("psychological").
    spellings = pc.unique(column)
    candidates = spellings.filter(pc.match_substring_regex(spellings, CANDIDATE))
    if not len(candidates):
        return []
    rows = pc.indices_nonzero(pc.is_in(column, value_set=candidates))
    texts = column.take(rows).to_pylist()
    return [row for row, text in zip(rows.to_pylist(), texts, strict=True) if find_thai_ids(text)]


def check_personal_data(table: pa.Table, kind: str, problems: Problems) -> None:
    """Add a problem for each personal-data header and each cell (or header) holding a Thai ID."""
    personal = PERSONAL_HEADERS.get(kind, _ALWAYS_PERSONAL)
    for header in table.column_names:
        if normalise_header(header) in personal:
            problems.add("privacy.column", 1, header, header=header)
        elif find_thai_ids(header):
            problems.add("privacy.thai_id", 1, None)
    for header, rows in zip(table.column_names, each_column(_id_rows, table.columns), strict=True):
        for row in rows:
            problems.add("privacy.thai_id", row + 2, header)

"""The first line of privacy defence: files must hold anonymised aggregates only.

A cases file with a column that looks like personal data is rejected, and
so is any file with a cell holding a valid Thai national ID number.
Register files (services, communities) legitimately carry a service's
phone, hours and address, so the header rule depends on the kind of file.
Messages never repeat the personal value itself.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from etl.columns import normalise_header
from etl.problems import Problems

__all__ = ["check_personal_data", "is_thai_id"]

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


def is_thai_id(digits: str) -> bool:
    """True for a 13-digit number whose last digit is the Thai national ID check digit.

    >>> is_thai_id("1101700207366"), is_thai_id("1101700207367")
    (True, False)
    """
    if len(digits) != 13 or not digits.isdigit():
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def _id_cells(column: pd.Series) -> np.ndarray:
    """Rows whose cell is a valid Thai ID, written plain or as 1-2345-67890-12-3."""
    if not (column.str.len() >= 13).any():  # cheap pre-check: most columns are short
        return np.zeros(len(column), dtype=bool)
    candidates = column.str.fullmatch(r"\d[\d\- ]{11,18}\d").fillna(False).to_numpy(dtype=bool, copy=True)
    if not candidates.any():
        return candidates
    digits = column[candidates].str.replace(r"[\- ]", "", regex=True)
    candidates[candidates] = digits.map(is_thai_id).to_numpy(dtype=bool)
    return candidates


def check_personal_data(frame: pd.DataFrame, kind: str, problems: Problems) -> None:
    """Add a problem for each personal-data header and each Thai ID cell."""
    personal = PERSONAL_HEADERS.get(kind, _ALWAYS_PERSONAL)
    for header in frame.columns:
        if normalise_header(header) in personal:
            problems.add("privacy.column", 1, header, header=header)
    for header in frame.columns:
        hits = _id_cells(frame[header])
        for row in frame.index[hits] + 2:
            problems.add("privacy.thai_id", int(row), header)

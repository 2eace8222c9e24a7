"""Vectorised cell parsers: each turns a text column into typed values and
adds one problem per bad cell, naming the row, the column and the fix."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from etl.choices import allowed
from etl.limits import INT_MAX, WHOLE_NUMBER, checked_bounds
from etl.problems import Problems
from etl.quarter_text import parse_quarter_text

__all__ = [
    "blank",
    "map_unique",
    "parse_bool",
    "parse_choice",
    "parse_date",
    "parse_float",
    "parse_int",
    "parse_quarter",
    "register_rows",
]

TRUE_WORDS = {"true", "yes", "y", "1", "ใช่", "จริง"}
FALSE_WORDS = {"false", "no", "n", "0", "ไม่ใช่", "ไม่", "เท็จ", ""}


def blank(values: pd.Series) -> np.ndarray:
    return (values == "").to_numpy()


def parse_int(
    frame: pd.DataFrame, column: str, problems: Problems, *, required: bool, minimum: int = 0, maximum: int = INT_MAX
) -> pd.Series:
    """Whole numbers from ``minimum`` to ``maximum`` (by default what the warehouse's INTEGER holds);
    thousands separators and spaces are fine, decimals and text are not."""
    text = frame[column].str.replace(",", "", regex=False).str.replace(" ", "", regex=False)
    empty = blank(text)
    if required:
        problems.where(frame, empty, column, "int.missing")
    whole = text.str.fullmatch(WHOLE_NUMBER).to_numpy(dtype=bool)
    problems.where(frame, ~empty & ~whole, column, "int.not_whole")
    numbers = pd.Series(pd.NA, index=frame.index, dtype="Int64")
    numbers[whole] = text[whole].astype("int64")
    low = (numbers < minimum).fillna(False).to_numpy(dtype=bool)
    problems.where(frame, low, column, "int.too_small", minimum=minimum)
    high = (numbers > maximum).fillna(False).to_numpy(dtype=bool)
    problems.where(frame, high, column, "int.too_large", maximum=f"{maximum:,}")
    return numbers.mask(low | high)


def parse_float(frame: pd.DataFrame, column: str, problems: Problems, *, required: bool) -> pd.Series:
    numbers = pd.to_numeric(frame[column].where(frame[column] != ""), errors="coerce")
    empty = blank(frame[column])
    if required:
        problems.where(frame, empty, column, "float.missing")
    problems.where(frame, ~empty & numbers.isna().to_numpy(), column, "float.bad")
    return numbers.astype(float)


def parse_choice(
    frame: pd.DataFrame, column: str, words: dict[str, str], problems: Problems, *, default: str | None = None
) -> pd.Series:
    """Map cell text (any case) to a canonical code through ``words``."""
    text = frame[column]
    mapped = map_unique(text, lambda value: words.get(value.lower()))
    if default is not None:
        mapped = mapped.where(text != "", default)
    problems.where(frame, mapped.isna().to_numpy(), column, "choice.unknown", allowed=allowed(words))
    return mapped


def parse_bool(frame: pd.DataFrame, column: str, problems: Problems) -> pd.Series:
    lowered = frame[column].str.lower()
    truth = lowered.isin(TRUE_WORDS)
    bad = ~truth & ~lowered.isin(FALSE_WORDS)
    problems.where(frame, bad.to_numpy(), column, "bool.bad")
    return truth


def map_unique(values: pd.Series, function) -> pd.Series:
    """Apply ``function`` once per distinct value: a million rows hold only a few quarters or districts."""
    codes, uniques = pd.factorize(values)
    mapped = np.array([function(u) for u in uniques] + [None], dtype=object)
    return pd.Series(mapped[codes], index=values.index)


def parse_quarter(frame: pd.DataFrame, column: str, problems: Problems, *, required: bool) -> pd.Series:
    """Quarters in any accepted spelling (see etl.quarter_text), stored as calendar ``YYYYQn``,
    from ``SAFESPACE_FIRST_QUARTER`` to the current quarter."""
    text = frame[column]
    empty = blank(text)
    if required:
        problems.where(frame, empty, column, "quarter.missing")
    parsed = map_unique(text, parse_quarter_text)
    problems.where(
        frame,
        ~empty & parsed.isna().to_numpy(),
        column,
        "quarter.bad",
    )
    first, current = checked_bounds()
    early = (parsed.notna() & (parsed.fillna("") < first)).to_numpy(dtype=bool)
    late = (parsed.notna() & (parsed.fillna("") > current)).to_numpy(dtype=bool)
    for mask, code in ((early, "quarter.too_early"), (late, "quarter.future")):
        for row in frame.index[mask]:
            problems.add(code, int(row) + 2, column, text[row], quarter=parsed[row], first=first, current=current)
    return parsed.mask(early | late)


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None


def parse_date(frame: pd.DataFrame, column: str, problems: Problems) -> pd.Series:
    """ISO dates ``YYYY-MM-DD`` (a spreadsheet's date cells arrive so); empty is allowed."""
    text = frame[column]
    dates = map_unique(text, _iso_date)
    problems.where(frame, ~blank(text) & dates.isna().to_numpy(), column, "date.bad")
    return dates


def register_rows(
    frame: pd.DataFrame, id_column: str, text_columns: tuple[str, ...], problems: Problems
) -> pd.DataFrame:
    """The start of a register row (services, communities): a unique id, a name, optional text.

    Every row needs an id that no earlier row has, and a Thai or an English name.
    """
    ids = frame[id_column]
    problems.where(frame, (ids == "").to_numpy(), id_column, "id.missing")
    problems.where(frame, (ids.duplicated() & (ids != "")).to_numpy(), id_column, "id.repeated")
    problems.where(frame, ((frame["name_th"] == "") & (frame["name_en"] == "")).to_numpy(), "name_th", "name.missing")
    out = pd.DataFrame({id_column: ids}, index=frame.index)
    for column in ("name_th", "name_en", *text_columns):
        out[column] = frame[column].where(frame[column] != "")
    return out

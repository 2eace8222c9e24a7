"""Problems found in an input file, and the exceptions the command line maps to exit codes."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from core.downloads import csv_bytes
from etl.messages import render

__all__ = ["EnvironmentNotReady", "InputRejected", "Problem", "Problems", "problems_csv"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in a file.

    ``row`` is the row as a spreadsheet shows it: the header is row 1, so the
    first data row is row 2. ``row`` is None for a problem with the whole file.
    ``code`` names the message in etl/messages.py; ``params`` fill it in.

    >>> str(Problem(3, "cases_reported", "-1", "int.too_small", {"minimum": 0}))
    "row 3, column cases_reported (value '-1'): Must be 0 or more."
    """

    row: int | None
    column: str | None
    value: str | None
    code: str
    params: dict = field(default_factory=dict, compare=False)

    def text(self, lang: str = "en") -> str:
        """What is wrong and how to fix it, in ``lang``."""
        return render(self.code, lang, **self.params)

    @property
    def message(self) -> str:
        return self.text("en")

    def as_dict(self) -> dict:
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "code": self.code,
            "params": self.params,
            "message": self.message,
        }

    def __str__(self) -> str:
        where = [f"row {self.row}" if self.row else "file"]
        if self.column:
            where.append(f"column {self.column}")
        value = f" (value {self.value!r})" if self.value not in (None, "") else ""
        return f"{', '.join(where)}{value}: {self.message}"


class Problems(list):
    """A list of :class:`Problem` with a vectorised way to add many at once."""

    def add(self, code: str, row: int | None = None, column: str | None = None, value=None, **params) -> None:
        self.append(Problem(row, column, None if value is None else str(value), code, params))

    def where(self, frame: pd.DataFrame, mask, column: str, code: str, values=None, **params) -> None:
        """Add problem ``code`` for every row of ``frame`` where ``mask`` is true."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        source = frame[column] if values is None else values
        rows = frame.index[mask] + 2  # header is spreadsheet row 1
        for row, value in zip(rows, np.asarray(source)[mask], strict=True):
            self.add(code, int(row), column, value, **params)

    def sorted(self) -> list[Problem]:
        return sorted(self, key=lambda p: (p.row or 0, p.column or ""))


class InputRejected(Exception):
    """The file was rejected; nothing was written. Exit code 1."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(self.text())

    @classmethod
    def because(cls, code: str, **params) -> InputRejected:
        """A rejection for one reason that concerns the whole file."""
        return cls([Problem(None, None, None, code, params)])

    def text(self, lang: str = "en") -> str:
        """The one-line summary in ``lang``."""
        single = self.problems[0] if len(self.problems) == 1 and self.problems[0].row is None else None
        return single.text(lang) if single else render("file.rejected", lang, n=len(self.problems))


class EnvironmentNotReady(Exception):
    """Reference files missing or database busy: nothing the file can fix. Exit code 3."""


def problems_csv(problems: list[Problem], lang: str = "en") -> bytes:
    """Every problem as CSV (UTF-8 with BOM, so Excel shows Thai), for download, in ``lang``."""
    frame = pd.DataFrame(
        {
            "row": [p.row for p in problems],
            "column": [p.column for p in problems],
            "value": [p.value for p in problems],
            "message": [p.text(lang) for p in problems],
        }
    )
    return csv_bytes(frame)  # values come from the file: neutralise formulas

"""Problems found in an input file, and the exceptions the command line maps to exit codes."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

__all__ = ["EnvironmentNotReady", "InputRejected", "Problem", "Problems", "problems_csv"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in a file.

    ``row`` is the row as a spreadsheet shows it: the header is row 1, so the
    first data row is row 2. ``row`` is None for a problem with the whole file.
    """

    row: int | None
    column: str | None
    value: str | None
    message: str

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        where = [f"row {self.row}" if self.row else "file"]
        if self.column:
            where.append(f"column {self.column}")
        value = f" (value {self.value!r})" if self.value not in (None, "") else ""
        return f"{', '.join(where)}{value}: {self.message}"


class Problems(list):
    """A list of :class:`Problem` with a vectorised way to add many at once."""

    def add(self, message: str, row: int | None = None, column: str | None = None, value=None) -> None:
        self.append(Problem(row, column, None if value is None else str(value), message))

    def where(self, frame: pd.DataFrame, mask, column: str, message: str, values=None) -> None:
        """Add ``message`` for every row of ``frame`` where ``mask`` is true."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        source = frame[column] if values is None else values
        rows = frame.index[mask] + 2  # header is spreadsheet row 1
        for row, value in zip(rows, np.asarray(source)[mask], strict=True):
            self.add(message, int(row), column, value)

    def sorted(self) -> list[Problem]:
        return sorted(self, key=lambda p: (p.row or 0, p.column or ""))


class InputRejected(Exception):
    """The file was rejected; nothing was written. Exit code 1."""

    def __init__(self, problems: list[Problem], summary: str = "The file was rejected; nothing was written."):
        self.problems = problems
        super().__init__(summary)

    @classmethod
    def because(cls, message: str) -> InputRejected:
        """A rejection for one reason that concerns the whole file."""
        return cls([Problem(None, None, None, message)], message)


class EnvironmentNotReady(Exception):
    """Reference files missing or database busy: nothing the file can fix. Exit code 3."""


def problems_csv(problems: list[Problem]) -> bytes:
    """Every problem as CSV (UTF-8 with BOM, so Excel shows Thai), for download."""
    frame = pd.DataFrame([p.as_dict() for p in problems], columns=["row", "column", "value", "message"])
    return frame.to_csv(index=False).encode("utf-8-sig")

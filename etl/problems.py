"""Problems found in an input file, and the exceptions the command line maps to exit codes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from db.connect import DatabaseBusy, DatabaseMissing
from etl.messages import render

__all__ = [
    "MAX_PROBLEMS",
    "EnvironmentNotReady",
    "InputRejected",
    "Problem",
    "Problems",
    "database_available",
    "problems_csv",
]

MAX_PROBLEMS = 10_000  # kept per file; the rest are counted (a bad million-row file would fill the memory)


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in a file.

    ``row`` is the row as a spreadsheet shows it: the header is row 1, so the
    first data row is row 2. ``row`` is None for a problem with the whole file.
    ``code`` names the message (the etl catalog, locale/<lang>/LC_MESSAGES/etl.po); ``params`` fill it in.

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
    """A list of :class:`Problem` with a vectorised way to add many at once.

    At most :data:`MAX_PROBLEMS` are kept; ``total`` counts them all.

    >>> many = Problems()
    >>> for row in range(2, MAX_PROBLEMS + 12):
    ...     many.add("int.missing", row, "cases_reported")
    >>> len(many), many.total, many.sorted()[-1].message.startswith("… and 10 more")
    (10000, 10010, True)
    """

    def __init__(self, *args):
        super().__init__(*args)
        self.total = len(self)

    def add(self, code: str, row: int | None = None, column: str | None = None, value=None, **params) -> None:
        self.total += 1
        if len(self) < MAX_PROBLEMS:
            self.append(Problem(row, column, None if value is None else str(value), code, params))

    def where(self, frame, mask, column: str, code: str, values=None, **params) -> None:
        """Add problem ``code`` for every row of ``frame`` (a DataFrame) where ``mask`` is true."""
        import numpy as np

        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        source = frame[column] if values is None else values
        rows = frame.index[mask] + 2  # header is spreadsheet row 1
        for row, value in zip(rows, np.asarray(source)[mask], strict=True):
            self.add(code, int(row), column, value, **params)

    def sorted(self) -> list[Problem]:
        """Sorted by row and column; beyond :data:`MAX_PROBLEMS`, a last line says how many more there are."""
        kept = sorted(self, key=lambda p: (p.row or 0, p.column or ""))
        if self.total > len(self):
            kept.append(Problem(None, None, None, "file.more_problems", {"n": f"{self.total - len(self):,}"}))
        return kept


class InputRejected(Exception):
    """The file was rejected; nothing was written. Exit code 1."""

    def __init__(self, problems: list[Problem], total: int | None = None):
        self.problems = problems
        self.total = len(problems) if total is None else total  # beyond MAX_PROBLEMS, only counted
        super().__init__(self.text())

    @classmethod
    def listing(cls, problems: Problems) -> InputRejected:
        """A rejection listing ``problems`` (the first MAX_PROBLEMS of them, and how many more)."""
        return cls(problems.sorted(), problems.total)

    @classmethod
    def because(cls, code: str, **params) -> InputRejected:
        """A rejection for one reason that concerns the whole file."""
        return cls([Problem(None, None, None, code, params)])

    def text(self, lang: str = "en") -> str:
        """The one-line summary in ``lang``."""
        single = self.problems[0] if len(self.problems) == 1 and self.problems[0].row is None else None
        return single.text(lang) if single else render("file.rejected", lang, n=f"{self.total:,}")


class EnvironmentNotReady(Exception):
    """Reference files missing or database busy: nothing the file can fix. Exit code 3."""


@contextmanager
def database_available() -> Iterator[None]:
    """Report a missing or busy warehouse met inside the block as :class:`EnvironmentNotReady`."""
    try:
        yield
    except (DatabaseMissing, DatabaseBusy) as exc:
        raise EnvironmentNotReady(str(exc)) from exc


def problems_csv(problems: list[Problem], lang: str = "en") -> bytes:
    """Every problem as CSV (UTF-8 with BOM, so Excel shows Thai), for download, in ``lang``."""
    import pandas as pd

    from core.downloads import csv_bytes

    frame = pd.DataFrame(
        {
            "row": [p.row for p in problems],
            "column": [p.column for p in problems],
            "value": [p.value for p in problems],
            "message": [p.text(lang) for p in problems],
        }
    )
    return csv_bytes(frame)  # values come from the file: neutralise formulas

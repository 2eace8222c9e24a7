"""Figures with their targets: the printed table and the JSON file."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["RESULTS", "Measure", "table", "write_json"]

RESULTS = Path(__file__).resolve().parent / "results"


@dataclass(frozen=True)
class Measure:
    """One figure: lower is better unless ``higher_is_better``; ``target`` is the bound to meet."""

    section: str
    name: str
    value: float | None  # None: could not be measured (``note`` says why)
    unit: str
    target: float | None = None
    goal: bool = False  # a goal to report against rather than a requirement
    higher_is_better: bool = False
    note: str = ""

    @property
    def passed(self) -> bool | None:
        """Whether the figure meets its target; None without a target or a figure.

        >>> Measure("ETL", "load", 4.2, "s", target=5).passed, Measure("ETL", "rows/s", 1e6, "rows/s").passed
        (True, None)
        """
        if self.target is None or self.value is None:
            return None
        return self.value >= self.target if self.higher_is_better else self.value <= self.target


DIGITS = {"s": 2, "×": 1}  # other units (ms, KB, rows/s) in whole numbers


def _number(value: float | None, unit: str) -> str:
    """A figure with its unit.

    >>> _number(3.14159, "s"), _number(318.7, "ms"), _number(278598.4, "rows/s"), _number(None, "s")
    ('3.14 s', '319 ms', '278,598 rows/s', '–')
    """
    if value is None:
        return "–"
    return f"{value:,.{DIGITS.get(unit, 0)}f} {unit}"


def _mark(measure: Measure) -> str:
    passed = measure.passed
    if passed is None:
        return ""
    return ("ok" if passed else "MISS") + (" (goal)" if measure.goal else "")


def table(measures: list[Measure]) -> str:
    """A plain-text table, one section after another.

    >>> print(table([Measure("ETL", "load 1,000,000 rows", 4.2, "s", target=5)]))
    section  what                 figure  target
    -------  -------------------  ------  ------  --
    ETL      load 1,000,000 rows  4.20 s  < 5 s   ok
    """
    rows = [
        (
            m.section,
            m.name,
            _number(m.value, m.unit),
            "" if m.target is None else f"{'≥' if m.higher_is_better else '<'} {m.target:g} {m.unit}",
            " ".join(part for part in (_mark(m), m.note) if part),
        )
        for m in measures
    ]
    header = ("section", "what", "figure", "target", "")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [header, tuple("-" * w for w in widths), *rows]
    return "\n".join(
        "  ".join(str(cell).ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip() for line in lines
    )


def write_json(measures: list[Measure], machine: dict, folder: Path = RESULTS) -> Path:
    """Write the machine and the figures to ``folder/<UTC timestamp>.json``; the path."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"{stamp}.json"
    body = {"machine": machine, "measures": [asdict(m) | {"passed": m.passed} for m in measures]}
    path.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path

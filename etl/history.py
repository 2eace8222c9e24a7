"""The warehouse's load history: what was loaded, when (UTC), by whom, and whether it still counts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.quarters import in_bangkok
from db.connect import connect
from etl.terminal import fit

if TYPE_CHECKING:  # pandas is imported by DuckDB's .df() only when a table is asked for: the CLI stays light
    import duckdb
    import pandas as pd

__all__ = ["HISTORY_WIDTH", "LOADS_SQL", "history_lines", "load_history"]

LOADS_SQL = (
    "SELECT load_id, kind, file_name, rows, quarters, loaded_at, loaded_by, status, synthetic, "
    "reverted_at, reverted_by FROM loads ORDER BY load_id DESC"
)


def load_history(db=None, con: duckdb.DuckDBPyConnection | None = None) -> pd.DataFrame:
    """Every load, newest first (from ``con`` when one is open, else from the warehouse ``db``)."""
    if con is not None:
        return con.execute(LOADS_SQL).df()
    with connect(db, read_only=True) as opened:
        return opened.execute(LOADS_SQL).df()


HISTORY_WIDTH = 100  # a terminal's columns
# (heading, width, right-aligned); the file name takes what is left
HISTORY_COLUMNS = (
    ("id", 4, True),
    ("kind", 11, False),
    ("status", 8, False),
    ("rows", 9, True),
    ("loaded (Bangkok)", 16, False),
    ("by", 11, False),
    ("quarters", 13, False),
)


def _quarter_span(quarters: str | None) -> str:
    """'2024Q3,2024Q4,2025Q1' -> '2024Q3–2025Q1' (the first and the last)."""
    keys = sorted(q for q in (quarters or "").split(",") if q)
    return f"{keys[0]}–{keys[-1]}" if len(keys) > 1 else "".join(keys)


def history_lines(db, width: int = HISTORY_WIDTH) -> list[str]:
    """The load history as lines of at most ``width`` terminal columns, oldest first, times in Bangkok."""
    with connect(db, read_only=True) as con:
        cursor = con.execute(LOADS_SQL)
        names = [column[0] for column in cursor.description]
        loads = [dict(zip(names, row, strict=True)) for row in reversed(cursor.fetchall())]
    if not loads:
        return ["No loads yet."]
    file_width = width - sum(w + 1 for _, w, _ in HISTORY_COLUMNS)
    layout = (*HISTORY_COLUMNS, ("file", file_width, False))
    lines = [" ".join(fit(heading, w, right) for heading, w, right in layout).rstrip()]
    for load in loads:
        cells = (
            str(load["load_id"]),
            load["kind"],
            load["status"],
            f"{load['rows']:,}",
            in_bangkok(load["loaded_at"]).strftime("%Y-%m-%d %H:%M"),
            load["loaded_by"],
            _quarter_span(load["quarters"]),
            load["file_name"] or "",
        )
        lines.append(" ".join(fit(c, w, right) for c, (_, w, right) in zip(cells, layout, strict=True)).rstrip())
    return lines

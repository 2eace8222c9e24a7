"""The warehouse's load history: what was loaded, when (UTC), by whom, and whether it still counts."""

from __future__ import annotations

import duckdb
import pandas as pd

from db.connect import connect

__all__ = ["LOADS_SQL", "load_history"]

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

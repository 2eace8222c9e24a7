"""How fast files load: ``etl.load.load_path`` beside DuckDB's bare ``read_csv`` of the same file."""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

import duckdb

from bench.report import Measure
from etl.load import load_path

__all__ = ["ETL_TARGET_S", "READ_CSV_GOAL", "load_measures", "load_seconds", "read_csv_seconds"]

ETL_TARGET_S = 5.0  # a million CSV rows
READ_CSV_GOAL = 3.0  # times DuckDB's bare read_csv
LOADED_BY = "benchmark"


def load_seconds(kind: str, path: Path, db: Path) -> float:
    """Seconds to validate and store ``path`` as a new load into ``db`` (which it changes)."""
    start = time.perf_counter()
    load_path(kind, path, db=db, loaded_by=LOADED_BY, synthetic=True)
    return time.perf_counter() - start


def read_csv_seconds(path: Path) -> float:
    """Seconds for DuckDB to parse the file and count its rows: the floor of any CSV load."""
    start = time.perf_counter()
    with duckdb.connect() as con:
        con.execute("SELECT count(*) FROM read_csv(?)", [str(path)]).fetchall()
    return time.perf_counter() - start


def _rows(path: Path) -> int:
    with duckdb.connect() as con:
        return con.execute("SELECT count(*) FROM read_csv(?)", [str(path)]).fetchall()[0][0]


def load_measures(section: str, path: Path, reference: Path, work: Path, runs: int) -> list[Measure]:
    """Median load time of a cases file into fresh copies of ``reference``, rows/s, the floor and the ratio."""
    rows = _rows(path)
    seconds = []
    for _ in range(runs):
        fresh = Path(shutil.copy(reference, work / "etl_run.duckdb"))
        seconds.append(load_seconds("cases", path, fresh))
        fresh.unlink()
    load = statistics.median(seconds)
    floor = statistics.median(read_csv_seconds(path) for _ in range(runs))
    size = f"{rows:,} case rows, {path.stat().st_size / 1e6:.0f} MB CSV"
    return [
        Measure(section, f"load {size}", load, "s", target=ETL_TARGET_S),
        Measure(section, "load speed", rows / load, "rows/s"),
        Measure(section, "DuckDB read_csv count(*) of the same file (floor)", floor, "s"),
        Measure(section, "load / read_csv", load / floor, "×", target=READ_CSV_GOAL, goal=True),
    ]

"""How fast files load: ``python -m etl load`` beside a bare DuckDB ``read_csv`` of the same file, both as
fresh processes.

The floor is what any CSV load costs at least: a new Python process that
imports DuckDB and copies the file into a table of a copy of the same
database (``CREATE TABLE t AS SELECT * FROM read_csv(...)``). The load is
the command an analyst runs, validation, comparison and audit included.
Runs alternate between the two so that other work on the machine weighs on
both alike; medians are reported.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from bench.generate import FIRST_QUARTER
from bench.report import Measure
from etl.load import load_path

__all__ = ["ETL_TARGET_S", "READ_CSV_TARGET", "cli_load_seconds", "floor_seconds", "load_measures", "load_seconds"]

ETL_TARGET_S = 5.0  # a million CSV rows
READ_CSV_TARGET = 3.0  # times the floor
LOADED_BY = "benchmark"
ROOT = Path(__file__).resolve().parent.parent
# The million-row file needs quarters back to 1960 (223 quarters of 180 sub-districts).
ENV = {**os.environ, "SAFESPACE_FIRST_QUARTER": FIRST_QUARTER}
FLOOR = (
    "import sys, duckdb; con = duckdb.connect(sys.argv[1]); "
    "con.execute('CREATE TABLE bench_floor AS SELECT * FROM read_csv(?)', [sys.argv[2]]); con.close()"
)


def load_seconds(kind: str, path: Path, db: Path) -> float:
    """Seconds to validate and store ``path`` as a new load into ``db`` (which it changes), in this process."""
    start = time.perf_counter()
    previous = os.environ.get("SAFESPACE_FIRST_QUARTER")
    os.environ["SAFESPACE_FIRST_QUARTER"] = FIRST_QUARTER
    try:
        load_path(kind, path, db=db, loaded_by=LOADED_BY, synthetic=True)
    finally:
        if previous is None:
            del os.environ["SAFESPACE_FIRST_QUARTER"]
        else:
            os.environ["SAFESPACE_FIRST_QUARTER"] = previous
    return time.perf_counter() - start


def _seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def cli_load_seconds(path: Path, db: Path) -> float:
    """Seconds of ``python -m etl load cases PATH --db DB --no-publish`` as an analyst runs it (a fresh process):
    validation and write; publishing is measured on its own."""
    return _seconds([sys.executable, "-m", "etl", "load", "cases", str(path), "--db", str(db), "--no-publish"])


def floor_seconds(path: Path, db: Path) -> float:
    """Seconds of a fresh Python process copying the CSV into a DuckDB table with read_csv."""
    return _seconds([sys.executable, "-c", FLOOR, str(db), str(path)])


def _rows(path: Path) -> int:
    with duckdb.connect() as con:
        return con.execute("SELECT count(*) FROM read_csv(?)", [str(path)]).fetchall()[0][0]


def load_measures(section: str, path: Path, reference: Path, work: Path, runs: int) -> list[Measure]:
    """Median CLI load time of a cases file into fresh copies of ``reference``, rows/s, the floor and the ratio."""
    rows = _rows(path)
    loads, floors = [], []
    for _ in range(runs):
        fresh = Path(shutil.copy(reference, work / "etl_run.duckdb"))
        loads.append(cli_load_seconds(path, fresh))
        fresh.unlink()
        fresh = Path(shutil.copy(reference, work / "etl_floor.duckdb"))
        floors.append(floor_seconds(path, fresh))
        fresh.unlink()
    load, floor = statistics.median(loads), statistics.median(floors)
    size = f"{rows:,} case rows, {path.stat().st_size / 1e6:.0f} MB CSV"
    return [
        Measure(section, f"python -m etl load, {size}", load, "s", target=ETL_TARGET_S),
        Measure(section, "load speed", rows / load, "rows/s"),
        Measure(section, "fresh process: DuckDB read_csv into a table (floor)", floor, "s"),
        Measure(section, "load / floor", load / floor, "×", target=READ_CSV_TARGET),
    ]

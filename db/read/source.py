"""The snapshot as a source: an in-memory copy per version, readiness, and what the figures are.

Every other module of :mod:`db.read` queries the snapshot through
:func:`query` or :func:`cursor`; nothing else opens it.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from db.snapshot import SNAPSHOT_VERSION, PublishStatus, read_status

__all__ = [
    "Meta",
    "Snapshot",
    "SnapshotMissing",
    "SnapshotNotReady",
    "check_ready",
    "cursor",
    "load_history",
    "meta",
    "publish_status",
    "query",
    "version",
]

Snapshot = str | os.PathLike


class SnapshotMissing(RuntimeError):
    """No snapshot has been published at this path yet."""


class SnapshotNotReady(RuntimeError):
    """The file is not a snapshot this program can read (another version, or not a snapshot)."""


OPEN_SNAPSHOTS = 8  # snapshot versions kept in memory at once (a server reads one; tests many)
_open: OrderedDict[str, tuple[str, duckdb.DuckDBPyConnection]] = OrderedDict()
_open_lock = threading.Lock()


def _database(path: Snapshot) -> duckdb.DuckDBPyConnection:
    """An in-memory copy of the snapshot's current version, made once per version.

    Opening the file costs about 20 ms a read, and a page reads a dozen
    times; copying the whole snapshot (a few MB) costs about 0.1 s once, and
    a cursor on the copy almost nothing. The file is closed again at once,
    so nothing in this process holds it open.
    """
    key, current = str(path), version(path)
    with _open_lock:
        held = _open.get(key)
        if held is None or held[0] != current:
            con = duckdb.connect()
            escaped = key.replace("'", "''")
            con.execute(f"ATTACH '{escaped}' AS published (READ_ONLY)")
            con.execute("COPY FROM DATABASE published TO memory")
            con.execute("DETACH published")
            held = _open[key] = (current, con)  # an older copy goes when its last reader is done
        _open.move_to_end(key)
        while len(_open) > OPEN_SNAPSHOTS:
            _open.popitem(last=False)
        return held[1]


@contextmanager
def cursor(path: Snapshot) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of its own (safe beside other threads' cursors) on the snapshot at ``path``."""
    opened = _database(path).cursor()
    try:
        yield opened
    finally:
        opened.close()


def query(path: Snapshot, sql: str, params: list | None = None) -> pd.DataFrame:
    """The result of one query on the snapshot at ``path``, as a DataFrame."""
    with cursor(path) as con:
        return con.execute(sql, params or []).df()


def version(path: Snapshot) -> str:
    """A short string that changes whenever a new snapshot is renamed into place (a cache key; no file opened)."""
    try:
        stat = os.stat(path)
    except FileNotFoundError as exc:
        raise SnapshotMissing(str(path)) from exc
    return f"{stat.st_ino}-{stat.st_mtime_ns}-{stat.st_size}"


@dataclass(frozen=True)
class Meta:
    """What the figures on screen are: when published, from which data, under which rules."""

    published_at: datetime  # UTC
    data_version: str
    last_loaded: datetime | None  # latest active load of any kind, UTC
    latest_quarter: str | None  # latest calendar quarter with cases
    synthetic: bool  # the case data are generated demo data
    population_source: str | None
    population_year: int | None  # None: the source states no year
    suppress_below: int  # counts from 1 to this minus one are hidden
    round_to: int  # published counts are multiples of this
    hidden_estimate: float  # what a hidden cell counts as in sums and statistics
    catchment_m: float  # the 2SFCA catchment of the published coverage
    gap_scenarios: int  # how many scenarios gap_share is a share of
    gap_majority: float  # a district is a gap where gap_share is above this


def check_ready(path: Snapshot) -> None:
    """Raise :class:`SnapshotMissing` or :class:`SnapshotNotReady` unless ``path`` is a readable snapshot."""
    try:
        found = query(path, "SELECT snapshot_version FROM meta")["snapshot_version"].iloc[0]
    except duckdb.Error as exc:
        raise SnapshotNotReady(str(exc)) from exc
    if found != SNAPSHOT_VERSION:
        raise SnapshotNotReady(f"snapshot version {found}, expected {SNAPSHOT_VERSION}")


def meta(path: Snapshot) -> Meta:
    """The snapshot's :class:`Meta`."""
    row = query(path, "SELECT * EXCLUDE (snapshot_version) FROM meta").iloc[0].to_dict()
    row = {
        key: (None if value is pd.NaT or (isinstance(value, float) and np.isnan(value)) else value)
        for key, value in row.items()
    }
    row["population_year"] = None if row["population_year"] is None else int(row["population_year"])
    return Meta(**row)


def publish_status(path: Snapshot) -> PublishStatus | None:
    """The last attempt to publish this snapshot (it may have failed after this snapshot was written)."""
    return read_status(Path(path))


def load_history(path: Snapshot) -> pd.DataFrame:
    """Every load as published, newest first: what, when (UTC), by whom, and whether it still counts."""
    return query(path, "SELECT * FROM loads ORDER BY load_id DESC")

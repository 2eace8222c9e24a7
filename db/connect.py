"""Where the warehouse file lives, and short-lived connections to it.

DuckDB lets one process write a file at a time, and any open connection,
even a read-only one, blocks writers in other processes. So nothing here
holds a connection open: callers take one with ``connect()`` and close it
at once (``with connect() as con: ...``). A busy file is retried briefly,
then reported as :class:`DatabaseBusy` with a message saying what to do.

Within one process (the dashboard server's sessions), DuckDB would let two
write connections run side by side, and refuses a read-only connection
while a write one is open. So write connections are taken one at a time
(:data:`WRITER`), and a refused read is retried like a locked file.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from core import settings

__all__ = ["DatabaseBusy", "DatabaseMissing", "connect", "db_path", "transaction"]

# A CLI load holds the write lock for a few seconds at most (settings.db_retry_seconds, 5 s by default).
RETRY_STEP = 0.1
WRITER = threading.RLock()  # one write connection at a time in this process


class DatabaseBusy(RuntimeError):
    """Another process holds the database file."""


class DatabaseMissing(RuntimeError):
    """The database file does not exist yet."""


def db_path(override: str | os.PathLike | None = None) -> Path:
    """Resolve the database path: ``--db`` beats ``SAFESPACE_DB`` beats the default.

    >>> db_path("/tmp/x.duckdb")
    PosixPath('/tmp/x.duckdb')
    """
    return Path(override).expanduser() if override else settings.db_file()


def _is_lock_error(exc: duckdb.Error) -> bool:
    text = str(exc).lower()
    # "different configuration": this process holds the file open read-only (or read-write) just now.
    return "lock" in text or "being used by another process" in text or "different configuration" in text


@contextmanager
def connect(
    path: str | os.PathLike | None = None,
    *,
    read_only: bool = True,
    retry_seconds: float | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse for one unit of work and close it afterwards.

    Read-only opens of a file that does not exist raise :class:`DatabaseMissing`
    instead of creating an empty database.
    """
    target = db_path(path)
    if read_only and not target.exists():
        raise DatabaseMissing(
            f"No database at {target}. Build it with `python -m etl demo --db {target}` "
            "(demo data) or `python -m etl init --db {target}` (boundaries only)."
        )
    if not read_only:
        target.parent.mkdir(parents=True, exist_ok=True)
    wait = settings.db_retry_seconds() if retry_seconds is None else retry_seconds
    deadline = time.monotonic() + wait
    if not read_only and not WRITER.acquire(timeout=wait):
        raise DatabaseBusy(
            f"The database {target} is busy with another load or revert in this program. "
            "Wait for it to finish, then try again."
        )
    try:
        while True:
            try:
                con = duckdb.connect(str(target), read_only=read_only)
                break
            except duckdb.Error as exc:
                if not _is_lock_error(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise DatabaseBusy(
                        f"The database {target} is in use by another process "
                        f"({exc}). Wait for the other load to finish, or close the "
                        "program that holds it, then try again."
                    ) from exc
                time.sleep(RETRY_STEP)
        try:
            yield con
        finally:
            con.close()
    finally:
        if not read_only:
            WRITER.release()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """One all-or-nothing unit of work: committed when the block ends, rolled back when anything escapes it."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")

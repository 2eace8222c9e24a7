"""Where the published snapshot lives, and the status of the last attempt to publish it.

The snapshot is its own DuckDB file, written by ``etl.publish`` and read by
``db.read``: by default next to the warehouse and named after it
(``data/safespace.duckdb`` -> ``data/safespace.published.duckdb``), so a
warehouse given with ``--db`` never touches another's snapshot.
``SAFESPACE_PUBLISHED`` or ``--published`` override it. The status of the
last attempt (success, or why it failed) is a small JSON file beside it, so
a failed publish can say so while the previous snapshot stays in force.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from db.connect import db_path

__all__ = [
    "ENV_VAR",
    "SNAPSHOT_VERSION",
    "PublishStatus",
    "previous_path",
    "published_path",
    "read_status",
    "status_path",
    "write_status",
]

ENV_VAR = "SAFESPACE_PUBLISHED"
SNAPSHOT_VERSION = 7  # bumped when the snapshot's tables change; the reader refuses another version


def published_path(db: str | os.PathLike | None = None, published: str | os.PathLike | None = None) -> Path:
    """``--published`` beats ``SAFESPACE_PUBLISHED`` beats the warehouse's name with ``.published``.

    >>> published_path("/tmp/x.duckdb")
    PosixPath('/tmp/x.published.duckdb')
    >>> published_path("/tmp/x.duckdb", "/srv/y.duckdb")
    PosixPath('/srv/y.duckdb')
    """
    chosen = published or os.environ.get(ENV_VAR)
    if chosen:
        return Path(chosen).expanduser()
    warehouse = db_path(db)
    return warehouse.with_name(f"{warehouse.stem}.published{warehouse.suffix or '.duckdb'}")


def previous_path(snapshot: Path) -> Path:
    """Where the snapshot before the current one is kept.

    >>> previous_path(Path("/tmp/x.published.duckdb"))
    PosixPath('/tmp/x.published.previous.duckdb')
    """
    return snapshot.with_name(f"{snapshot.stem}.previous{snapshot.suffix}")


def status_path(snapshot: Path) -> Path:
    """The JSON file that records the last attempt to publish ``snapshot``."""
    return snapshot.with_name(f"{snapshot.name}.status.json")


@dataclass(frozen=True)
class PublishStatus:
    """The last attempt to publish: when, whether it worked, the warehouse version it read, and why it failed."""

    attempted_at: datetime
    ok: bool
    data_version: str | None
    error: str | None = None


def write_status(snapshot: Path, status: PublishStatus) -> None:
    """Record ``status`` beside ``snapshot`` (written whole, then renamed into place)."""
    path = status_path(snapshot)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    record = {**status.__dict__, "attempted_at": status.attempted_at.isoformat()}
    temporary.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


def read_status(snapshot: Path) -> PublishStatus | None:
    """The last attempt to publish ``snapshot``; None when none is recorded (or the record is unreadable)."""
    try:
        record = json.loads(status_path(snapshot).read_text(encoding="utf-8"))
        return PublishStatus(**{**record, "attempted_at": datetime.fromisoformat(record["attempted_at"])})
    except (OSError, ValueError, TypeError, KeyError):
        return None

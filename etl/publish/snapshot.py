"""Write the published snapshot: every table into a new DuckDB file, then renamed into place.

A reader opening the snapshot sees the old file or the new one, never half
of one: the new file is complete and closed before ``os.replace`` moves it
over the old name. The old snapshot is kept beside it
(:func:`db.snapshot.previous_path`).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd

from db.snapshot import previous_path

__all__ = ["write_snapshot"]


def write_snapshot(tables: dict[str, pd.DataFrame], target: Path) -> None:
    """Write ``tables`` (name -> frame) as the snapshot at ``target``, keeping the previous one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(temporary)) as con:
            for name, frame in tables.items():
                con.register("incoming", frame)
                con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM incoming')
                con.unregister("incoming")
            con.execute("CHECKPOINT")
        if target.exists():
            previous = previous_path(target)
            previous.unlink(missing_ok=True)
            os.link(target, previous)  # the old file stays whole under its second name
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)

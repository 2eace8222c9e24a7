"""Revert a load: its rows stop counting and the previous version is in force again.

Nothing is deleted. The load's status becomes ``reverted`` (with who and
when), and the ``current_*`` views fall back, per quarter and district or
per register id, to the latest load still active.
"""

from __future__ import annotations

import getpass

from db.connect import DatabaseBusy, DatabaseMissing, connect
from etl.problems import EnvironmentNotReady, InputRejected

__all__ = ["REVERTIBLE", "revert"]

REVERTIBLE = ("cases", "services", "communities", "population")


def _orphans_districts(con, load_id: int) -> bool:
    """Whether reverting this population load would leave some district with no population (and no rates)."""
    sql = (
        "SELECT count(*) FROM population p WHERE p.load_id = ? AND NOT EXISTS ("
        "SELECT 1 FROM population o JOIN active_loads USING (load_id) "
        "WHERE o.dist_code = p.dist_code AND o.load_id <> ?)"
    )
    return con.execute(sql, [load_id, load_id]).fetchall()[0][0] > 0


def revert(load_id: int, *, db=None, reverted_by: str | None = None) -> dict:
    """Mark ``load_id`` reverted; returns the load's kind, file name and quarters."""
    try:
        with connect(db, read_only=False) as con:
            found = con.execute(
                "SELECT kind, file_name, quarters, status FROM loads WHERE load_id = ?", [load_id]
            ).fetchall()
            if not found:
                raise InputRejected.because("revert.no_load", load_id=load_id)
            kind, file_name, quarters, status = found[0]
            if kind not in REVERTIBLE:
                raise InputRejected.because("revert.kind", load_id=load_id, kind=kind)
            if status != "active":
                raise InputRejected.because("revert.not_active", load_id=load_id, file_name=file_name, status=status)
            if kind == "population" and _orphans_districts(con, load_id):
                raise InputRejected.because("revert.last_population", load_id=load_id)
            con.execute(
                "UPDATE loads SET status = 'reverted', reverted_by = ?, "
                "reverted_at = current_timestamp AT TIME ZONE 'UTC' WHERE load_id = ?",
                [reverted_by or getpass.getuser(), load_id],
            )
    except (DatabaseMissing, DatabaseBusy) as exc:
        raise EnvironmentNotReady(str(exc)) from exc
    return {"load_id": load_id, "kind": kind, "file_name": file_name, "quarters": quarters}

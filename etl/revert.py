"""Revert a load, and restore a reverted one: no revert is final.

Nothing is deleted. Reverting sets the load's status to ``reverted`` (with
who and when), and the ``current_*`` views fall back, per quarter and
district or per register id, to the latest load still active; restoring
sets it back to ``active``. Both are one transaction that is committed only
when afterwards:

- every current case row still names a community that exists, in its
  district (reverting a communities load, or restoring an old cases load,
  could break that), and
- every district that had a population figure still has one (rates need it).

Reverting a load that is the first version of some of its data (a base
load: for those quarters and districts, or ids, nothing earlier comes back)
removes that data, so it needs ``force=True`` (``--force``).
"""

from __future__ import annotations

import getpass
from dataclasses import asdict, dataclass

import duckdb

from db.connect import connect, transaction
from etl.messages import N_, Term, render
from etl.problems import InputRejected, database_available

__all__ = ["REVERTIBLE", "Outcome", "restore", "revert"]

REVERTIBLE = ("cases", "services", "communities", "population")
UNITS = {  # what one unit of a kind is, in the message around it
    "cases": Term("unit.cases"),
    "services": Term("unit.services"),
    "communities": Term("unit.communities"),
    "population": Term("unit.population"),
}
BREAKS = {"revert": N_("revert.breaks_references"), "restore": N_("restore.breaks_references")}
# What one version of each kind is a version of: the table and the key the current views pick by.
_VERSIONED = {
    "cases": ("case_counts", "quarter, dist_code"),
    "services": ("service_points", "service_id"),
    "communities": ("communities", "community_id"),
    "population": ("population", "dist_code"),
}
# Current case rows whose community does not exist or lies in another district.
_BROKEN_REFERENCES = """
    SELECT c.quarter, c.dist_code, c.community_id FROM current_case_counts c
    LEFT JOIN current_communities m USING (community_id)
    WHERE c.community_id IS NOT NULL
      AND (m.community_id IS NULL OR (m.dist_code IS NOT NULL AND m.dist_code <> c.dist_code))
"""
SHOWN = 5  # ids and quarters named in a refusal


@dataclass(frozen=True)
class Outcome:
    """What a revert or restore did, counted in the kind's units (quarter-districts, ids, districts)."""

    action: str  # "revert" | "restore"
    load_id: int
    kind: str
    file_name: str
    quarters: str | None
    in_force: int  # units for which this load was (revert) or is again (restore) the version in force
    earlier: int = 0  # revert: units whose earlier version is in force again
    removed: int = 0  # revert: units left without data (no earlier version)

    def text(self, lang: str = "en") -> str:
        """A true sentence about what changed, in ``lang``."""
        unit = UNITS[self.kind]
        if self.action == "restore":
            return render("restore.done", lang, unit=unit, **self._params())
        if self.in_force == 0:
            return render("revert.done_superseded", lang, **self._params())
        code = N_("revert.done_removed") if self.removed else N_("revert.done_earlier")
        return render(code, lang, unit=unit, **self._params())

    def _params(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k not in {"action", "kind", "quarters"}}

    def as_dict(self) -> dict:
        return asdict(self) | {"message": self.text("en")}


def _versions(con: duckdb.DuckDBPyConnection, kind: str, load_id: int) -> tuple[int, int]:
    """Units (keys) of ``load_id`` that no later active load covers, and how many of them an earlier one covers."""
    table, key = _VERSIONED[kind]
    return con.execute(
        f"""
        WITH mine AS (SELECT DISTINCT {key} FROM {table} WHERE load_id = $id),
        others AS (
            SELECT {key}, max(t.load_id) AS newest, max(t.load_id) FILTER (WHERE t.load_id < $id) AS older
            FROM {table} t JOIN active_loads USING (load_id) WHERE t.load_id <> $id GROUP BY ALL
        )
        SELECT count(*) FILTER (WHERE o.newest IS NULL OR o.newest < $id),
               count(*) FILTER (WHERE (o.newest IS NULL OR o.newest < $id) AND o.older IS NOT NULL)
        FROM mine LEFT JOIN others o USING ({key})
        """,
        {"id": load_id},
    ).fetchall()[0]


def _broken(con: duckdb.DuckDBPyConnection) -> set[tuple]:
    return set(con.execute(_BROKEN_REFERENCES).fetchall())


def _districts_with_population(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {code for (code,) in con.execute("SELECT dist_code FROM current_population").fetchall()}


def _find(con: duckdb.DuckDBPyConnection, load_id: int) -> tuple:
    found = con.execute("SELECT kind, file_name, quarters, status FROM loads WHERE load_id = ?", [load_id]).fetchall()
    if not found:
        raise InputRejected.because("revert.no_load", load_id=load_id)
    return found[0]


def _change(db, load_id: int, action: str, decide, confirm=lambda outcome: None) -> Outcome:
    """Run ``decide(con, kind, file_name, quarters, status)`` and the status change in one write transaction.

    ``decide`` raises InputRejected to refuse, or returns the Outcome and the
    UPDATE to run; the references are then checked, then ``confirm(outcome)``
    may still refuse, and the change is committed only if nothing refused.
    """
    with database_available(), connect(db, read_only=False) as con, transaction(con):
        kind, file_name, quarters, status = _find(con, load_id)
        broken, populated = _broken(con), _districts_with_population(con)
        outcome, update, params = decide(con, kind, file_name, quarters, status)
        con.execute(update, params)
        _check_references(con, action, load_id, broken, populated)
        confirm(outcome)
    return outcome


def _check_references(con, action: str, load_id: int, broken_before: set, populated_before: set) -> None:
    """Refuse the change (the caller rolls back) when it broke a reference that held before."""
    if populated_before - _districts_with_population(con):
        raise InputRejected.because("revert.last_population", load_id=load_id)
    broken = sorted(_broken(con) - broken_before)
    if broken:
        quarters = sorted({q for q, _, _ in broken})
        communities = sorted({c for _, _, c in broken})
        raise InputRejected.because(
            BREAKS[action],
            load_id=load_id,
            n=f"{len(broken):,}",
            quarters=", ".join(quarters[:SHOWN]) + (" …" if len(quarters) > SHOWN else ""),
            communities=", ".join(communities[:SHOWN]) + (" …" if len(communities) > SHOWN else ""),
        )


def revert(load_id: int, *, db=None, reverted_by: str | None = None, force: bool = False) -> Outcome:
    """Mark ``load_id`` reverted, so its earlier versions are in force again.

    Refused (InputRejected, nothing changed) when the load does not exist,
    is not revertible or not active, would break a reference (see the
    module), or is the first version of some of its data and ``force`` is
    not given. ``restore(load_id)`` undoes it.
    """

    def decide(con, kind, file_name, quarters, status):
        if kind not in REVERTIBLE:
            raise InputRejected.because("revert.kind", load_id=load_id, kind=kind)
        if status != "active":
            raise InputRejected.because("revert.not_active", load_id=load_id, file_name=file_name, status=status)
        in_force, earlier = _versions(con, kind, load_id)
        outcome = Outcome("revert", load_id, kind, file_name, quarters, in_force, earlier, in_force - earlier)
        update = (
            "UPDATE loads SET status = 'reverted', reverted_by = ?, "
            "reverted_at = current_timestamp AT TIME ZONE 'UTC' WHERE load_id = ?"
        )
        return outcome, update, [reverted_by or getpass.getuser(), load_id]

    def confirm(outcome: Outcome) -> None:
        """Removing data that has no earlier version is deliberate only with ``force``."""
        if outcome.removed and not force:
            raise InputRejected.because(
                "revert.no_earlier_version",
                load_id=load_id,
                file_name=outcome.file_name,
                n=f"{outcome.removed:,}",
                unit=UNITS[outcome.kind],
            )

    return _change(db, load_id, "revert", decide, confirm)


def restore(load_id: int, *, db=None) -> Outcome:
    """Undo the revert of ``load_id``: it is active again (the Upload page's "undo revert").

    Refused when the load is not reverted or restoring it would break a
    reference. The record of who reverted it is cleared, so the load reads
    as when it was loaded; the schema has no column for who restored it.
    """

    def decide(con, kind, file_name, quarters, status):
        if status != "reverted":
            raise InputRejected.because("restore.not_reverted", load_id=load_id, file_name=file_name, status=status)
        in_force, _ = _versions(con, kind, load_id)
        update = "UPDATE loads SET status = 'active', reverted_by = NULL, reverted_at = NULL WHERE load_id = ?"
        return Outcome("restore", load_id, kind, file_name, quarters, in_force), update, [load_id]

    return _change(db, load_id, "restore", decide)

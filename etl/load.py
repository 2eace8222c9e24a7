"""Load one file into the warehouse: the single path the CLI and the Upload page share.

Validation runs completely before anything is written; the write is one
transaction (a load row, its data rows and the file's raw bytes), so a
rejected or interrupted load leaves the database exactly as it was.
"""

from __future__ import annotations

import getpass
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import duckdb
import pandas as pd

from db.connect import DatabaseBusy, DatabaseMissing, connect
from db.schema import SCHEMA_VERSION, schema_version
from etl import cases, communities, population, services
from etl.columns import match_columns
from etl.files import read_table
from etl.lookups import Lookups
from etl.problems import EnvironmentNotReady, InputRejected, Problem, Problems

__all__ = ["KINDS", "LoadResult", "case_diff", "load_file", "load_path", "validate_file"]


@dataclass(frozen=True)
class Kind:
    module: ModuleType
    table: str
    sheet: str


KINDS = {
    "cases": Kind(cases, "case_counts", "cases"),
    "services": Kind(services, "service_points", "services"),
    "communities": Kind(communities, "communities", "communities"),
    "population": Kind(population, "population", "population"),
}


@dataclass
class LoadResult:
    kind: str
    file_name: str
    sha256: str
    rows: int
    quarters: list[str]
    load_id: int | None = None
    dry_run: bool = False
    unchanged: bool = False  # identical to an active load: nothing done
    warnings: list[Problem] = field(default_factory=list)
    diff: pd.DataFrame | None = None

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "file_name": self.file_name,
            "sha256": self.sha256,
            "load_id": self.load_id,
            "rows": self.rows,
            "quarters": self.quarters,
            "dry_run": self.dry_run,
            "unchanged": self.unchanged,
            "warnings": [w.as_dict() for w in self.warnings],
            "errors": [],
        }


def _ready(con: duckdb.DuckDBPyConnection) -> None:
    if schema_version(con) != SCHEMA_VERSION or not con.execute("SELECT count(*) FROM districts").fetchall()[0][0]:
        raise EnvironmentNotReady(
            "The database has no boundaries yet. Run `python -m etl init` (or `python -m etl demo`) first."
        )


def validate_file(kind: str, content: bytes, con: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, Problems]:
    """Parse and check a file; raise :class:`InputRejected` listing every problem."""
    spec = KINDS[kind]
    problems = Problems()
    table = match_columns(read_table(content, (spec.sheet,)), spec.module.COLUMNS, problems)
    if problems:  # without the right headers, cell checks would only repeat the point
        raise InputRejected(problems.sorted())
    clean, problems, warnings = spec.module.validate(table, Lookups.from_db(con))
    if problems:
        raise InputRejected(
            problems.sorted(), f"The file was rejected: {len(problems)} problem(s); nothing was written."
        )
    return clean, warnings


def case_diff(con: duckdb.DuckDBPyConnection, new: pd.DataFrame) -> pd.DataFrame:
    """Per quarter and district in ``new``: old and new totals and row counts."""
    con.register("incoming", new)
    try:
        return con.execute(
            """
            WITH n AS (
                SELECT quarter, dist_code, sum(cases_reported) AS new_total, count(*) AS new_rows
                FROM incoming GROUP BY ALL
            ), o AS (
                SELECT quarter, dist_code, sum(cases_reported) AS old_total, count(*) AS old_rows
                FROM current_case_counts WHERE (quarter, dist_code) IN (SELECT (quarter, dist_code) FROM n)
                GROUP BY ALL
            )
            SELECT quarter, dist_code, coalesce(old_total, 0) AS old_total, new_total,
                   coalesce(old_rows, 0) AS old_rows, new_rows
            FROM n LEFT JOIN o USING (quarter, dist_code) ORDER BY quarter, dist_code
            """
        ).df()
    finally:
        con.unregister("incoming")


def _write(
    con: duckdb.DuckDBPyConnection,
    spec: Kind,
    result: LoadResult,
    rows: pd.DataFrame,
    content: bytes,
    loaded_by: str,
    synthetic: bool,
) -> int:
    con.execute("BEGIN TRANSACTION")
    try:
        load_id = con.execute(
            "INSERT INTO loads (kind, file_name, sha256, rows, quarters, loaded_by, synthetic) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING load_id",
            [
                result.kind,
                result.file_name,
                result.sha256,
                result.rows,
                ",".join(result.quarters) or None,
                loaded_by,
                synthetic,
            ],
        ).fetchall()[0][0]
        con.register("incoming", rows.assign(load_id=load_id))
        columns = ", ".join([*rows.columns, "load_id"])
        con.execute(f"INSERT INTO {spec.table} ({columns}) SELECT {columns} FROM incoming")
        con.unregister("incoming")
        con.execute("INSERT INTO load_files VALUES (?, ?)", [load_id, content])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return load_id


def load_file(
    kind: str,
    content: bytes,
    file_name: str,
    *,
    db=None,
    loaded_by: str | None = None,
    dry_run: bool = False,
    synthetic: bool = False,
) -> LoadResult:
    """Validate ``content`` as a ``kind`` file and, unless ``dry_run``, store it as a new load."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    spec = KINDS[kind]
    sha = hashlib.sha256(content).hexdigest()
    try:
        with connect(db, read_only=True) as con:
            _ready(con)
            rows, warnings = validate_file(kind, content, con)
            quarters = sorted(rows["quarter"].unique()) if "quarter" in rows else []
            result = LoadResult(kind, file_name, sha, len(rows), quarters, dry_run=dry_run, warnings=list(warnings))
            result.unchanged = bool(
                con.execute("SELECT count(*) FROM active_loads WHERE kind = ? AND sha256 = ?", [kind, sha]).fetchall()[
                    0
                ][0]
            )
            if kind == "cases":
                result.diff = case_diff(con, rows)
        if dry_run or result.unchanged:
            return result
        with connect(db, read_only=False) as con:
            result.load_id = _write(con, spec, result, rows, content, loaded_by or getpass.getuser(), synthetic)
        return result
    except (DatabaseMissing, DatabaseBusy) as exc:
        raise EnvironmentNotReady(str(exc)) from exc


def load_path(kind: str, path: str | Path, **options) -> LoadResult:
    """:func:`load_file` for a file on disk."""
    path = Path(path)
    return load_file(kind, path.read_bytes(), path.name, **options)

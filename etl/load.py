"""Load one file into the warehouse: the single path the CLI and the Upload page share.

Validation runs completely before anything is written; the write is one
transaction (a load row, its data rows and the file's raw bytes), so a
rejected or interrupted load leaves the database exactly as it was.
"""

from __future__ import annotations

import getpass
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import duckdb
import pandas as pd
import pyarrow as pa

from core.settings import max_upload_mb
from db.connect import DatabaseBusy, DatabaseMissing, connect
from db.schema import SCHEMA_VERSION, schema_version
from etl import cases, communities, population, services
from etl.columns import match_columns, matching_kind
from etl.diff import case_diff
from etl.files import read_table
from etl.guard import check_personal_data
from etl.lookups import Lookups
from etl.problems import EnvironmentNotReady, InputRejected, Problem, Problems

__all__ = ["KINDS", "LoadResult", "Progress", "load_file", "load_path", "max_upload_mb", "validate_file"]

Progress = Callable[[float, str], None]  # fraction done (0-1), what is happening


def _silent(_fraction: float, _message: str) -> None:
    pass


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
            "diff": [] if self.diff is None else self.diff.to_dict("records"),
        }


def _ready(con: duckdb.DuckDBPyConnection) -> None:
    if schema_version(con) != SCHEMA_VERSION or not con.execute("SELECT count(*) FROM districts").fetchall()[0][0]:
        raise EnvironmentNotReady(
            "The database has no boundaries yet. Run `python -m etl init` (or `python -m etl demo`) first."
        )


def _reject_if(problems: Problems) -> None:
    if problems:
        raise InputRejected(problems.sorted())


def validate_file(
    kind: str, content: bytes, con: duckdb.DuckDBPyConnection, progress: Progress = _silent
) -> tuple[pd.DataFrame, Problems]:
    """Parse and check a file; raise :class:`InputRejected` listing every problem."""
    spec = KINDS[kind]
    if len(content) > max_upload_mb() * 1024 * 1024:
        raise InputRejected.because("file.too_large", limit=f"{max_upload_mb():g}")
    progress(0.05, "reading")
    raw = read_table(content, (spec.sheet,))
    problems = Problems()
    check_personal_data(raw, kind, problems)
    _reject_if(problems)  # personal data: say only that, before anything else
    table = match_columns(raw, spec.module.COLUMNS, problems)
    if problems:  # without the right headers, cell checks would only repeat the point
        other = matching_kind(raw.columns, {k: v.module.COLUMNS for k, v in KINDS.items()})
        if other and other != kind:
            raise InputRejected.because("file.wrong_kind", other=other, kind=kind)
        _reject_if(problems)
    progress(0.3, "validating")
    clean, problems, warnings = spec.module.validate(table, Lookups.from_db(con))
    _reject_if(problems)
    return clean, warnings


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
        # Arrow, not pandas objects: DuckDB scans it several times faster.
        con.register("incoming", pa.Table.from_pandas(rows, preserve_index=False))
        columns = ", ".join(rows.columns)
        con.execute(f"INSERT INTO {spec.table} ({columns}, load_id) SELECT {columns}, ? FROM incoming", [load_id])
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
    progress: Progress = _silent,
) -> LoadResult:
    """Validate ``content`` as a ``kind`` file and, unless ``dry_run``, store it as a new load."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    spec = KINDS[kind]
    sha = hashlib.sha256(content).hexdigest()
    try:
        with connect(db, read_only=True) as con:
            _ready(con)
            rows, warnings = validate_file(kind, content, con, progress)
            progress(0.7, "comparing")
            quarters = sorted(rows["quarter"].unique()) if "quarter" in rows else []
            result = LoadResult(kind, file_name, sha, len(rows), quarters, dry_run=dry_run, warnings=list(warnings))
            same = con.execute("SELECT count(*) FROM active_loads WHERE kind = ? AND sha256 = ?", [kind, sha])
            result.unchanged = same.fetchall()[0][0] > 0
            if kind == "cases":
                result.diff = case_diff(con, rows)
        if not (dry_run or result.unchanged):
            progress(0.8, "writing")
            with connect(db, read_only=False) as con:
                result.load_id = _write(con, spec, result, rows, content, loaded_by or getpass.getuser(), synthetic)
        progress(1.0, "done")
        return result
    except (DatabaseMissing, DatabaseBusy) as exc:
        raise EnvironmentNotReady(str(exc)) from exc


def load_path(kind: str, path: str | Path, **options) -> LoadResult:
    """:func:`load_file` for a file on disk."""
    path = Path(path)
    return load_file(kind, path.read_bytes(), path.name, **options)

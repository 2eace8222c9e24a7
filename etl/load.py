"""Load one file into the warehouse: the single path the CLI and the Upload page share.

Validation runs completely before anything is written, and a dry run runs
exactly the checks of a load (types and ranges included), only without the
write. The write is one transaction (a load row, its data rows and the
file's archived bytes), so a rejected or interrupted load leaves the
database exactly as it was.

One writer at a time: a load takes the write connection, which is
exclusive (across processes by DuckDB's file lock, within one by
db.connect.WRITER), before it checks the rows against the database, and
does everything in one transaction: whether an identical file is already
loaded (then nothing changes), the checks, the comparison and the insert.
So a twin load started at the same moment waits and then changes nothing,
and no load or revert can slip in between checking and writing. Reading
the file happens before, without the database; a dry run needs only a
read-only connection.
"""

from __future__ import annotations

import getpass
import hashlib
import importlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pacsv

from core.settings import max_upload_mb
from db.connect import connect, transaction
from db.schema import SCHEMA_VERSION, schema_version
from etl.columns import match_columns, matching_kind
from etl.files import XLSX_MAGIC, arrow_cell, read_table
from etl.guard import check_personal_data
from etl.problems import EnvironmentNotReady, InputRejected, Problem, Problems, database_available
from etl.typed import ROWS, Rows, release

__all__ = ["KINDS", "LoadResult", "Progress", "check_rows", "load_file", "load_path", "parse_file"]

CHECKPOINT_AT_COMMIT = "1KB"  # any write-ahead log beyond this is checkpointed at once
Progress = Callable[[float, str], None]  # fraction done (0-1), what is happening


def _silent(_fraction: float, _message: str) -> None:
    pass


@dataclass(frozen=True)
class Kind:
    module_name: str  # imported when used: registers need geopandas, cases do not
    table: str
    sheet: str

    @property
    def module(self):
        return importlib.import_module(self.module_name)


KINDS = {
    "cases": Kind("etl.cases", "case_counts", "cases"),
    "services": Kind("etl.services", "service_points", "services"),
    "communities": Kind("etl.communities", "communities", "communities"),
    "population": Kind("etl.population", "population", "population"),
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
    diff_rows: list[dict] | None = None  # cases: per quarter and district, see etl/diff.py
    ignored_columns: list[str] = field(default_factory=list)  # headers not used, not stored

    @property
    def diff(self):
        """The difference as a DataFrame (None for registers)."""
        if self.diff_rows is None:
            return None
        from etl.diff import diff_frame

        return diff_frame(self.diff_rows)

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
            "ignored_columns": self.ignored_columns,
            "warnings": [w.as_dict() for w in self.warnings],
            "errors": [],
            "diff": self.diff_rows or [],
        }


@dataclass
class Parsed:
    """A file read and matched to its kind's columns, before any check against the database."""

    table: pa.Table  # canonical column names, text cells
    archive: bytes  # what load_files keeps: the file, or only its used columns
    ignored: list[str]


@dataclass
class Checked:
    rows: Rows  # held in the checking connection as etl.typed.ROWS
    warnings: list[Problem]


def _ready(con: duckdb.DuckDBPyConnection) -> None:
    if schema_version(con) != SCHEMA_VERSION or not con.execute("SELECT count(*) FROM districts").fetchall()[0][0]:
        raise EnvironmentNotReady(
            "The database has no boundaries yet. Run `python -m etl init` (or `python -m etl demo`) first."
        )


def _reject_if(problems: Problems) -> None:
    if problems:
        raise InputRejected.listing(problems)


def _used_columns_csv(raw: pa.Table, used: list[str]) -> bytes:
    """The file without the columns the loader ignores, as CSV UTF-8 (headers as the analyst wrote them)."""
    out = io.BytesIO()
    pacsv.write_csv(raw.select(used), out)
    return out.getvalue()


def parse_file(kind: str, content: bytes, progress: Progress = _silent) -> Parsed:
    """Read a file, guard against personal data and match its headers; raise :class:`InputRejected`."""
    spec = KINDS[kind]
    limit = max_upload_mb() * 1024 * 1024
    if len(content) > limit:
        raise InputRejected.because("file.too_large", limit=f"{max_upload_mb():g}")
    progress(0.05, "reading")
    raw = read_table(content, (spec.sheet,), int(limit))
    problems = Problems()
    check_personal_data(raw, kind, problems)
    _reject_if(problems)  # personal data: say only that, before anything else
    table, _source, ignored = match_columns(raw, spec.module.COLUMNS, problems)
    if problems:  # without the right headers, cell checks would only repeat the point
        other = matching_kind(raw.column_names, {k: v.module.COLUMNS for k, v in KINDS.items()})
        if other and other != kind:
            raise InputRejected.because("file.wrong_kind", other=other, kind=kind)
        _reject_if(problems)
    # Keep nothing the database does not need: a workbook's other sheets and unused columns stay out.
    whole = not ignored and not content.startswith(XLSX_MAGIC)
    archive = content if whole else _used_columns_csv(raw, [h for h in raw.column_names if h not in ignored])
    return Parsed(table, archive, ignored)


def check_rows(kind: str, parsed: Parsed, con: duckdb.DuckDBPyConnection) -> Checked:
    """Check the rows against the rules and the database; raise :class:`InputRejected` listing every problem.

    The rows are left in ``con`` as etl.typed.ROWS; call etl.typed.release(con) when done.
    """
    rows, problems, warnings = KINDS[kind].module.check(parsed.table, con)
    _reject_if(problems)
    if parsed.ignored:
        warnings = [Problem(1, None, None, "file.ignored_columns", {"columns": ", ".join(parsed.ignored)}), *warnings]
    return Checked(rows, list(warnings))


def _identical(con: duckdb.DuckDBPyConnection, kind: str, sha: str) -> bool:
    same = con.execute("SELECT count(*) FROM active_loads WHERE kind = ? AND sha256 = ?", [kind, sha])
    return same.fetchall()[0][0] > 0


def _check_and_compare(kind: str, parsed: Parsed, result: LoadResult, con: duckdb.DuckDBPyConnection) -> Checked:
    """Check the rows in ``con`` and fill in what the load would change (the rows stay in ``con``)."""
    checked = check_rows(kind, parsed, con)
    result.rows, result.quarters, result.warnings = checked.rows.count, checked.rows.quarters, checked.warnings
    result.unchanged = _identical(con, kind, result.sha256)
    if kind == "cases":
        from etl.diff import case_diff

        result.diff_rows = case_diff(con)
    return checked


def _insert(con: duckdb.DuckDBPyConnection, spec: Kind, result: LoadResult, rows: Rows, archive: bytes, who, synthetic):
    load_id = con.execute(
        "INSERT INTO loads (kind, file_name, sha256, rows, quarters, loaded_by, synthetic) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING load_id",
        [result.kind, result.file_name, result.sha256, result.rows, ",".join(result.quarters) or None, who, synthetic],
    ).fetchall()[0][0]
    columns = ", ".join(rows.columns)
    con.execute(f"INSERT INTO {spec.table} ({columns}, load_id) SELECT {columns}, ? FROM {ROWS}", [load_id])
    # The bytes reach DuckDB as an Arrow cell sharing their memory: as a query parameter they were copied
    # three times before the insert (a third of all the memory a million-row load touched).
    con.register("archive", pa.table([arrow_cell(archive, pa.large_binary())], names=["content"]))
    try:
        con.execute("INSERT INTO load_files SELECT ?, content FROM archive", [load_id])
    finally:
        con.unregister("archive")
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
    result = LoadResult(kind, file_name, sha, 0, [], dry_run=dry_run)
    parsed = parse_file(kind, content, progress)
    result.ignored_columns = parsed.ignored
    # One writer at a time, from the checks to the commit.
    with database_available(), connect(db, read_only=dry_run) as con:
        _ready(con)
        progress(0.3, "validating")
        if dry_run:
            _check_and_compare(kind, parsed, result, con)
            release(con)
        else:
            # The commit goes straight into the database file (a checkpoint), not first into the write-ahead
            # log and then into the file when the connection closes: the archived file is written once.
            con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_AT_COMMIT}'")
            with transaction(con):
                checked = _check_and_compare(kind, parsed, result, con)
                if not result.unchanged:
                    progress(0.8, "writing")
                    who = loaded_by or getpass.getuser()
                    result.load_id = _insert(con, spec, result, checked.rows, parsed.archive, who, synthetic)
                release(con)
    progress(1.0, "done")
    return result


def load_path(kind: str, path: str | Path, **options) -> LoadResult:
    """:func:`load_file` for a file on disk."""
    path = Path(path)
    return load_file(kind, path.read_bytes(), path.name, **options)

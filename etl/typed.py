"""Checked rows as the warehouse stores them, held in the connection that checked them.

Every kind's ``check(table, con)`` leaves its rows in ``con`` as
:data:`ROWS` (``valid_rows``), typed as the target table's columns, and
returns a :class:`Rows` describing them; the loader inserts from there and
calls :func:`release`. Converting is part of validation, so a dry run meets
exactly the type and range checks a load meets; a value the column cannot
hold is a bug here, never a surprise at write time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from etl.problems import Problems

__all__ = ["ARROW_TYPES", "ROWS", "Rows", "check_frame", "release", "target_schema"]

ROWS = "valid_rows"


@dataclass(frozen=True)
class Rows:
    """The checked rows in ``ROWS``: which columns to store, how many rows, and their quarters (cases)."""

    columns: list[str]
    count: int
    quarters: list[str]


def release(con: duckdb.DuckDBPyConnection) -> None:
    """Forget the checked rows (a temporary table or a registered Arrow table)."""
    kind = con.execute("SELECT table_type FROM information_schema.tables WHERE table_name = ?", [ROWS]).fetchall()
    if kind and kind[0][0] == "LOCAL TEMPORARY":
        con.execute(f"DROP TABLE {ROWS}")
    else:
        con.unregister(ROWS)


ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "DATE": pa.date32(),
    "BOOLEAN": pa.bool_(),
}


def target_schema(con: duckdb.DuckDBPyConnection, table: str, columns: list[str]) -> pa.Schema:
    """The Arrow schema of ``columns`` of the warehouse table ``table``."""
    types = dict(
        con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?", [table]
        ).fetchall()
    )
    return pa.schema([(column, ARROW_TYPES[types[column]]) for column in columns])


def check_frame(
    validate: Callable, table: pa.Table, con: duckdb.DuckDBPyConnection, target: str
) -> tuple[Rows | None, Problems, Problems]:
    """Run a pandas validator on ``table``; leave the typed rows in ``con`` as ROWS."""
    from etl.lookups import Lookups

    out, problems, warnings = validate(table.to_pandas(), Lookups.from_db(con))
    if problems:
        return None, problems, warnings
    schema = target_schema(con, target, list(out.columns))
    rows = pa.Table.from_pandas(out, schema=schema, preserve_index=False, safe=True)
    quarters = sorted(set(rows.column("quarter").to_pylist())) if "quarter" in rows.column_names else []
    con.register(ROWS, rows)
    return Rows(rows.column_names, rows.num_rows, quarters), problems, warnings

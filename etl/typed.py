"""Rows as the warehouse stores them: validated frames converted to the target table's column types.

Converting is part of validation, so a dry run meets exactly the type and
range checks a load meets; a value the column cannot hold is a bug here,
never a surprise at write time.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb
import pyarrow as pa

from etl.problems import Problems

__all__ = ["ARROW_TYPES", "check_frame", "target_schema"]

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
) -> tuple[pa.Table | None, Problems, Problems, list[str]]:
    """Run a pandas validator on ``table``; return typed rows, problems, warnings and the quarters."""
    from etl.lookups import Lookups

    out, problems, warnings = validate(table.to_pandas(), Lookups.from_db(con))
    if problems:
        return None, problems, warnings, []
    schema = target_schema(con, target, list(out.columns))
    rows = pa.Table.from_pandas(out, schema=schema, preserve_index=False, safe=True)
    quarters = sorted(set(rows.column("quarter").to_pylist())) if "quarter" in rows.column_names else []
    return rows, problems, warnings, quarters

"""What a cases load would change, per quarter and district, before it is committed."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from etl.cases import KEY

__all__ = ["COLUMNS", "case_diff", "diff_frame"]

COLUMNS = ["quarter", "dist_code", "old_total", "new_total", "rows_added", "rows_changed", "rows_removed"]

_KEY_SQL = ", ".join(f"coalesce({c}, '')" for c in KEY)


def case_diff(con: duckdb.DuckDBPyConnection, new: pa.Table) -> list[dict]:
    """Old and new totals and rows added, changed and removed, per quarter and district in ``new``.

    "Removed" rows are those in force now, for a quarter and district the
    file covers, that the file no longer lists: after the load they no longer count.
    """
    con.register("incoming", new)
    try:
        diff = con.execute(
            f"""
            WITH n AS (SELECT *, [{_KEY_SQL}] AS k FROM incoming),
            o AS (
                SELECT *, [{_KEY_SQL}] AS k FROM current_case_counts
                WHERE (quarter, dist_code) IN (SELECT DISTINCT (quarter, dist_code) FROM n)
            ),
            paired AS (
                SELECT coalesce(n.quarter, o.quarter) AS quarter, coalesce(n.dist_code, o.dist_code) AS dist_code,
                       o.cases_reported AS old_reported, n.cases_reported AS new_reported,
                       o.k IS NULL AS added, n.k IS NULL AS removed,
                       o.k IS NOT NULL AND n.k IS NOT NULL AND (
                           o.cases_reported IS DISTINCT FROM n.cases_reported
                           OR o.cases_referred IS DISTINCT FROM n.cases_referred) AS changed
                FROM n FULL OUTER JOIN o ON n.k = o.k
            )
            SELECT quarter, dist_code,
                   coalesce(sum(old_reported), 0)::BIGINT AS old_total,
                   coalesce(sum(new_reported), 0)::BIGINT AS new_total,
                   count_if(added) AS rows_added, count_if(changed) AS rows_changed,
                   count_if(removed) AS rows_removed
            FROM paired GROUP BY ALL ORDER BY quarter, dist_code
            """
        ).fetchall()
        return [dict(zip(COLUMNS, row, strict=True)) for row in diff]
    finally:
        con.unregister("incoming")


def diff_frame(rows: list[dict]):
    """The difference as a DataFrame with integer counts (for the Upload page)."""
    import pandas as pd

    return pd.DataFrame(rows, columns=COLUMNS).astype(
        {"old_total": int, "new_total": int, "rows_added": int, "rows_changed": int, "rows_removed": int}
    )

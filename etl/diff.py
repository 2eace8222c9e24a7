"""What a cases load would change, per quarter and district, before it is committed."""

from __future__ import annotations

import duckdb

from etl.typed import ROWS

__all__ = ["COLUMNS", "REFERRED_SUM", "case_diff", "diff_frame"]

COLUMNS = [
    "quarter",
    "dist_code",
    "name_th",
    "name_en",
    "old_total",
    "new_total",
    "old_referred",
    "new_referred",
    "rows_added",
    "rows_changed",
    "rows_removed",
]
COUNTS = ["old_total", "new_total", "rows_added", "rows_changed", "rows_removed"]
REFERRED = ["old_referred", "new_referred"]  # None where some row with cases leaves referrals blank

# The referrals of a group of case rows: unknown when any row with cases leaves them blank, since a partial
# sum would understate them. The publish step sums its cells by the same rule (etl.publish.inputs).
REFERRED_SUM = (
    "CASE WHEN bool_and(cases_referred IS NOT NULL OR cases_reported = 0) THEN sum(coalesce(cases_referred, 0)) END"
)


def case_diff(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Old and new totals of cases reported and referred, and rows added, changed and removed, per quarter
    and district of the checked rows (etl.typed.ROWS in ``con``), with the district's names.

    "Removed" rows are those in force now, for a quarter and district the
    file covers, that the file no longer lists: after the load they no longer count.
    """
    diff = con.execute(
        f"""
        WITH new AS (
            SELECT quarter, dist_code, sum(cases_reported)::BIGINT AS new_total,
                   ({REFERRED_SUM})::BIGINT AS new_referred, count(*) AS n
            FROM {ROWS} GROUP BY ALL
        ),
        o AS (SELECT c.* FROM current_case_counts c SEMI JOIN new USING (quarter, dist_code)),
        old AS (SELECT quarter, dist_code, ({REFERRED_SUM})::BIGINT AS old_referred FROM o GROUP BY ALL),
        -- Row by row only where rows are in force now (a new quarter's rows are simply added).
        n AS (
            SELECT r.* FROM {ROWS} r SEMI JOIN (SELECT DISTINCT quarter, dist_code FROM o) USING (quarter, dist_code)
        ),
        paired AS (
            SELECT coalesce(n.quarter, o.quarter) AS quarter, coalesce(n.dist_code, o.dist_code) AS dist_code,
                   o.cases_reported AS old_reported,
                   o.quarter IS NULL AS added, n.quarter IS NULL AS removed,
                   o.quarter IS NOT NULL AND n.quarter IS NOT NULL AND (
                       o.cases_reported IS DISTINCT FROM n.cases_reported
                       OR o.cases_referred IS DISTINCT FROM n.cases_referred) AS changed
            FROM n FULL OUTER JOIN o
            ON n.quarter = o.quarter AND n.dist_code = o.dist_code
               AND n.subdist_code IS NOT DISTINCT FROM o.subdist_code
               AND n.community_id IS NOT DISTINCT FROM o.community_id
               AND n.violence_type = o.violence_type AND n.victim_group = o.victim_group
        ),
        compared AS (
            SELECT quarter, dist_code, coalesce(sum(old_reported), 0)::BIGINT AS old_total,
                   count_if(added) AS added, count_if(changed) AS changed, count_if(removed) AS removed
            FROM paired GROUP BY ALL
        ),
        places AS (
            SELECT dist_code, name_th, name_en FROM districts
            UNION ALL SELECT dist_code, name_th, name_en FROM context_districts
        )
        SELECT quarter, dist_code, p.name_th, p.name_en, coalesce(c.old_total, 0), new.new_total,
               -- nothing in force before: none were referred
               CASE WHEN old.quarter IS NULL THEN 0 ELSE old.old_referred END, new.new_referred,
               coalesce(c.added, new.n), coalesce(c.changed, 0), coalesce(c.removed, 0)
        FROM new LEFT JOIN compared c USING (quarter, dist_code) LEFT JOIN old USING (quarter, dist_code)
             LEFT JOIN places p USING (dist_code)
        ORDER BY quarter, dist_code
        """
    ).fetchall()
    return [dict(zip(COLUMNS, row, strict=True)) for row in diff]


def diff_frame(rows: list[dict]):
    """The difference as a DataFrame: whole counts, referrals as nullable whole numbers (for the Upload page)."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=COLUMNS).astype(dict.fromkeys(COUNTS, int))
    return frame.astype(dict.fromkeys(REFERRED, "Int64"))

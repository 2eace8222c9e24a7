"""Published figures worked out by hand from a snapshot's protected cells, for tests of what the pages show.

The rules of :mod:`etl.publish.disclosure`, restated in plain arithmetic and
never computed with the publish code: a window's count is the sum of its
protected cells, a hidden cell counting as 2.5; the sum is published rounded
half up to a multiple of 5, or hidden ("<5") when it is below 5 and holds a
hidden cell. Cells are read from the snapshot's ``area_cells`` (quarter ×
district × community) and ``category_cells`` (quarter × violence type ×
victim group, Bangkok only).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import duckdb

from db.snapshot import published_path

__all__ = ["HIDDEN_AS", "Published", "area_sum", "breakdown_sums", "published", "snapshot_of"]

HIDDEN_AS, THRESHOLD, BASE = 2.5, 5, 5  # the default rules: a hidden cell counts 2.5; "<5"; multiples of 5


def snapshot_of(db) -> Path:
    """The published snapshot beside the warehouse ``db``."""
    return published_path(db)


@dataclass(frozen=True)
class Published:
    """A published sum of protected cells: its estimate, the number shown (None where hidden or without
    cells) and its text ("<5", "0", "1,235"; None without cells)."""

    estimate: float | None
    value: float | None
    text: str | None


def published(values: list[float | None], hidden: list[bool]) -> Published:
    """The published sum of protected cells (``values``: the shown cells, anything where hidden)."""
    if not values:
        return Published(None, None, None)
    estimate = sum(HIDDEN_AS if h else v for v, h in zip(values, hidden, strict=True))
    if any(hidden) and estimate < THRESHOLD:
        return Published(estimate, None, f"<{THRESHOLD}")
    value = math.floor(estimate / BASE + 0.5) * BASE
    return Published(estimate, value, f"{value:,}")


def _cells(db, sql: str, params: list) -> tuple[list, list]:
    with duckdb.connect(str(snapshot_of(db)), read_only=True) as con:
        rows = con.execute(sql, params).fetchall()
    return [r[0] for r in rows], [bool(r[1]) for r in rows]


def area_sum(db, quarters: list[str], dist_code: str | None = None) -> Published:
    """Reported cases over ``quarters`` in one district, or in Bangkok (its 50 districts) without ``dist_code``."""
    where = "dist_code = ?" if dist_code else "dist_code IN (SELECT dist_code FROM districts)"
    sql = f"SELECT cases_reported, cases_reported_hidden FROM area_cells WHERE list_contains(?, quarter) AND {where}"
    return published(*_cells(db, sql, [quarters, dist_code] if dist_code else [quarters]))


def breakdown_sums(db, by: str, quarters: list[str]) -> dict[str, Published]:
    """Bangkok's reported cases over ``quarters`` by ``violence_type`` or ``victim_group``, for each code with cells."""
    assert by in ("violence_type", "victim_group")
    with duckdb.connect(str(snapshot_of(db)), read_only=True) as con:
        codes = [
            code
            for (code,) in con.execute(
                f"SELECT DISTINCT {by} FROM category_cells WHERE list_contains(?, quarter) ORDER BY 1", [quarters]
            ).fetchall()
        ]
    sql = (
        f"SELECT cases_reported, cases_reported_hidden FROM category_cells WHERE list_contains(?, quarter) AND {by} = ?"
    )
    return {code: published(*_cells(db, sql, [quarters, code])) for code in codes}

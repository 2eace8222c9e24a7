"""The read side: every query the dashboard's pages run, as pure functions.

Each function takes the database (a path, or None for :func:`db.connect.db_path`)
first, opens a short-lived read-only connection and closes it before
returning, so a page never holds the file and loads are never blocked.
Every case count leaves this module through :func:`db.privacy.protect`. District
statistics cover Bangkok's 50 districts (the ``districts`` table); rows for
districts outside Bangkok, such as a pilot community's 1104, are left out.
An empty database (boundaries but no cases) gives empty results, not errors.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime

import geopandas as gpd
import pandas as pd
import shapely

from db import quarters
from db.connect import connect
from db.privacy import protect
from db.schema import SCHEMA_VERSION, schema_version
from geo.rates import rate_per_100k

__all__ = [
    "DataStatus",
    "DatabaseNotReady",
    "check_ready",
    "data_status",
    "data_version",
    "district_layer",
    "district_rates",
    "loaded_quarters",
]

Db = str | os.PathLike | None


class DatabaseNotReady(RuntimeError):
    """The file exists but holds no warehouse of this program's version, or no boundaries."""


@dataclass(frozen=True)
class DataStatus:
    """What the data on screen is: how fresh, whether synthetic, and the population's origin."""

    last_loaded: datetime | None  # latest active load of any kind
    latest_quarter: str | None  # latest calendar quarter with cases, None without cases
    synthetic: bool  # any active case data is generated demo data
    population_source: str | None
    population_year: int | None  # None: the source states no year


def check_ready(db: Db) -> None:
    """Raise :class:`DatabaseNotReady` unless the file holds this version's schema and boundaries.

    A missing file raises :class:`db.connect.DatabaseMissing` (from ``connect``).
    """
    with connect(db, read_only=True) as con:
        version = schema_version(con)
        if version != SCHEMA_VERSION:
            raise DatabaseNotReady(f"schema version {version}, expected {SCHEMA_VERSION}")
        if not con.execute("SELECT count(*) FROM districts").fetchall()[0][0]:
            raise DatabaseNotReady("no district boundaries")


def data_version(db: Db) -> str:
    """A short string that changes whenever a load is added, reverted or restored (a cache key)."""
    with connect(db, read_only=True) as con:
        return con.execute(
            "SELECT count(*) || '-' || coalesce(max(load_id), 0) || '-' "
            "|| coalesce(md5(string_agg(load_id || status, ',' ORDER BY load_id)), '') FROM loads"
        ).fetchall()[0][0]


def loaded_quarters(db: Db) -> list[str]:
    """The calendar quarters with current case data, oldest first."""
    with connect(db, read_only=True) as con:
        rows = con.execute("SELECT DISTINCT quarter FROM current_case_counts ORDER BY quarter").fetchall()
    return [quarter for (quarter,) in rows]


def district_layer(db: Db) -> gpd.GeoDataFrame:
    """Bangkok's districts with their simplified display geometry, EPSG:4326, in code order."""
    with connect(db, read_only=True) as con:
        frame = con.execute(
            "SELECT dist_code, name_th, name_en, area_km2, ST_AsWKB(geom_display) AS wkb "
            "FROM districts ORDER BY dist_code"
        ).df()
    geometry = shapely.from_wkb(frame.pop("wkb").map(bytes).to_numpy())
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def district_rates(db: Db, end_quarter: str, n_quarters: int = 4) -> pd.DataFrame:
    """Reported cases and the rate per 100,000 for each Bangkok district over a window of quarters.

    Parameters
    ----------
    db : path or None
        The warehouse file.
    end_quarter : str
        Last calendar quarter of the window, e.g. ``'2025Q2'``.
    n_quarters : int
        Length of the window (default 4: a year).

    Returns
    -------
    pandas.DataFrame
        One row per district (50), in code order: ``dist_code``, ``name_th``,
        ``name_en``, ``quarters_reported`` (window quarters with any rows for
        the district), ``cases`` (float; NaN when suppressed or no rows),
        ``cases_display`` (``"<5"``, ``"0"``, ``"12"``; missing when no rows),
        ``population``, ``population_year``, ``rate_per_100k`` (NaN when
        suppressed or unknown) and ``suppressed``. Empty without districts.
    """
    window = quarters.window(end_quarter, n_quarters)
    with connect(db, read_only=True) as con:
        frame = con.execute(
            """
            WITH cases AS (
                SELECT dist_code, sum(cases_reported) AS cases, count(DISTINCT quarter) AS quarters_reported
                FROM current_case_counts
                WHERE list_contains(?, quarter)
                GROUP BY dist_code
            )
            SELECT d.dist_code, d.name_th, d.name_en,
                   coalesce(c.quarters_reported, 0) AS quarters_reported, c.cases,
                   p.population, p.year AS population_year
            FROM districts d
            LEFT JOIN cases c USING (dist_code)
            LEFT JOIN current_population p USING (dist_code)
            ORDER BY d.dist_code
            """,
            [window],
        ).df()
    frame["rate_per_100k"] = rate_per_100k(frame["cases"], frame["population"])
    return protect(frame, "cases", ["rate_per_100k"])


def data_status(db: Db) -> DataStatus:
    """Freshness, synthetic flag and population origin of the current data."""
    with connect(db, read_only=True) as con:
        last_loaded, latest_quarter, synthetic = con.execute(
            """
            SELECT (SELECT max(loaded_at) FROM active_loads),
                   (SELECT max(quarter) FROM current_case_counts),
                   (SELECT coalesce(bool_or(synthetic), false) FROM active_loads
                    WHERE load_id IN (SELECT DISTINCT load_id FROM current_case_counts))
            """
        ).fetchall()[0]
        population = con.execute(
            "SELECT string_agg(DISTINCT source, '; '), max(year) FROM current_population"
        ).fetchall()[0]
    return DataStatus(last_loaded, latest_quarter, bool(synthetic), *population)

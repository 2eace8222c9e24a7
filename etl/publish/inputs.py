"""What the publish step reads from the warehouse: the only SQL of the publishing package.

Everything is read in one short read-only connection and returned as plain
frames, so the statistics run with the warehouse closed (a load waiting to
write is never held up by them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb
import geopandas as gpd
import pandas as pd

from db.connect import connect
from db.geometry import geometry_frame
from etl.diff import REFERRED_SUM
from etl.history import load_history

__all__ = ["Inputs", "read_inputs", "warehouse_version"]


@dataclass(frozen=True)
class Inputs:
    """The warehouse as the publish step needs it. Case counts here are TRUE counts: never publish them."""

    data_version: str
    last_loaded: datetime | None
    synthetic: bool
    population_source: str | None
    population_year: int | None
    districts: gpd.GeoDataFrame  # Bangkok's 50: dist_code, name_th, name_en, area_km2, display geometry
    subdistricts: gpd.GeoDataFrame  # Bangkok's sub-districts: subdist_code, dist_code, full geometry
    context_districts: gpd.GeoDataFrame
    health_centre_areas: gpd.GeoDataFrame
    context_lines: gpd.GeoDataFrame  # main roads and the river, for orientation
    population: pd.Series  # residents by dist_code
    area_cells: pd.DataFrame  # TRUE sums by quarter, dist_code, community_id ('' = rows without a community)
    category_cells: pd.DataFrame  # TRUE sums of Bangkok's districts by quarter, violence_type, victim_group
    communities: pd.DataFrame  # the register with where each lies and whether it reports its own rows
    services: pd.DataFrame  # the register with opening and closing dates
    loads: pd.DataFrame  # the load history


def warehouse_version(con: duckdb.DuckDBPyConnection) -> str:
    """A short string that changes whenever a load is added, reverted or restored."""
    return con.execute(
        "SELECT count(*) || '-' || coalesce(max(load_id), 0) || '-' "
        "|| coalesce(md5(string_agg(load_id || status, ',' ORDER BY load_id)), '') FROM loads"
    ).fetchall()[0][0]


# Referrals are unknown for a cell where any row with reported cases leaves them blank (REFERRED_SUM).
_AREA_CELLS = f"""
    SELECT quarter, dist_code, coalesce(community_id, '') AS community_id,
           sum(cases_reported) AS cases_reported, {REFERRED_SUM} AS cases_referred
    FROM current_case_counts GROUP BY ALL ORDER BY ALL
"""
_CATEGORY_CELLS = """
    SELECT quarter, violence_type, victim_group, sum(cases_reported) AS cases_reported
    FROM current_case_counts JOIN districts USING (dist_code) GROUP BY ALL ORDER BY ALL
"""
# Where a community lies: a Bangkok district, or a context district outside Bangkok (province_en set).
_COMMUNITIES = """
    WITH places AS (
        SELECT dist_code, name_th, name_en, NULL AS province_en FROM districts
        UNION ALL SELECT dist_code, name_th, name_en, province_en FROM context_districts
    )
    SELECT c.community_id, c.name_th, c.name_en, c.lon, c.lat, c.dist_code,
           p.name_th AS district_th, p.name_en AS district_en, p.province_en, c.population, c.households,
           c.pilot, c.pilot_start, c.location_note,
           coalesce(c.location_note ILIKE '%approximate%' OR c.location_note LIKE '%ประมาณ%', false) AS approximate,
           c.community_id IN (SELECT community_id FROM current_case_counts WHERE community_id IS NOT NULL) AS reports
    FROM current_communities c LEFT JOIN places p USING (dist_code)
    ORDER BY c.pilot DESC, c.pilot_start, c.community_id
"""
_SERVICES = """
    SELECT s.service_id, s.name_th, s.name_en, s.service_type, s.lon, s.lat, s.capacity, s.dist_code,
           d.name_th AS district_th, d.name_en AS district_en, s.opened, s.closed, s.source, s.approximate
    FROM current_service_points s LEFT JOIN districts d USING (dist_code)
    ORDER BY s.service_type, s.service_id
"""


def read_inputs(db=None) -> Inputs:
    """Read everything the publish step needs from the warehouse ``db``."""
    with connect(db, read_only=True) as con:
        last_loaded, synthetic = con.execute(
            """
            SELECT (SELECT max(loaded_at) FROM active_loads),
                   (SELECT coalesce(bool_or(synthetic), false) FROM active_loads
                    WHERE load_id IN (SELECT DISTINCT load_id FROM current_case_counts))
            """
        ).fetchall()[0]
        source, year = con.execute(
            "SELECT string_agg(DISTINCT source, '; '), max(year) FROM current_population"
        ).fetchall()[0]
        population = con.execute("SELECT dist_code, population FROM current_population").df()
        return Inputs(
            data_version=warehouse_version(con),
            last_loaded=last_loaded,
            synthetic=bool(synthetic),
            population_source=source,
            population_year=year,
            districts=geometry_frame(
                con,
                "SELECT dist_code, name_th, name_en, area_km2, ST_AsWKB(geom_display) AS wkb "
                "FROM districts ORDER BY dist_code",
            ),
            subdistricts=geometry_frame(
                con, "SELECT subdist_code, dist_code, ST_AsWKB(geom) AS wkb FROM subdistricts ORDER BY subdist_code"
            ),
            context_districts=geometry_frame(
                con,
                "SELECT dist_code, province_en, name_th, name_en, area_km2, ST_AsWKB(geom_display) AS wkb "
                "FROM context_districts ORDER BY dist_code",
            ),
            health_centre_areas=geometry_frame(
                con,
                "SELECT hc_id, hc_short_name, area_name_th, zone_th, area_km2, ST_AsWKB(geom_display) AS wkb "
                "FROM health_centre_areas ORDER BY hc_id",
            ),
            context_lines=geometry_frame(
                con,
                "SELECT kind, name_th, name_en, ST_AsWKB(geom_display) AS wkb FROM context_lines "
                "ORDER BY kind, name_th",
            ),
            population=population.set_index("dist_code")["population"],
            area_cells=con.execute(_AREA_CELLS).df(),
            category_cells=con.execute(_CATEGORY_CELLS).df(),
            communities=con.execute(_COMMUNITIES).df(),
            services=con.execute(_SERVICES).df(),
            loads=load_history(con=con),
        )

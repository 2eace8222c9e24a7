"""Geometry as the warehouse stores it (DuckDB GEOMETRY, read out as WKB) and as geopandas uses it."""

from __future__ import annotations

import duckdb
import geopandas as gpd
import shapely

__all__ = ["geometry_frame"]


def geometry_frame(con: duckdb.DuckDBPyConnection, query: str) -> gpd.GeoDataFrame:
    """The rows of ``query``, whose column ``wkb`` holds ``ST_AsWKB(...)``, as a GeoDataFrame in EPSG:4326.

    >>> con = duckdb.connect()
    >>> geometry_frame(con, "SELECT 'A' AS code, ST_AsWKB('POINT(100.5 13.7)'::GEOMETRY) AS wkb").geometry[0].wkt
    'POINT (100.5 13.7)'
    """
    frame = con.execute(query).df()
    geometry = shapely.from_wkb(frame.pop("wkb").map(bytes).to_numpy())
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")

"""Places as published: boundaries for maps, residents, services and communities."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from db.read.source import Snapshot, query

__all__ = [
    "community_cells",
    "community_points",
    "community_register",
    "context_districts",
    "context_lines",
    "demand_points",
    "district_layer",
    "district_names",
    "health_centre_areas",
    "service_points",
    "subdistrict_layer",
]


def _geometry(path: Snapshot, table: str, order: str, where: str = "", params: list | None = None) -> gpd.GeoDataFrame:
    """A snapshot table with its ``wkb`` column as geometry, EPSG:4326."""
    frame = query(path, f'SELECT * FROM "{table}" {where} ORDER BY {order}', params)
    geometry = shapely.from_wkb(frame.pop("wkb").map(bytes).to_numpy())
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def district_layer(path: Snapshot) -> gpd.GeoDataFrame:
    """Bangkok's districts with their simplified display geometry, EPSG:4326, in code order."""
    return _geometry(path, "districts", "dist_code")


def subdistrict_layer(path: Snapshot, dist_code: str | None = None) -> gpd.GeoDataFrame:
    """The khwaeng (of one district, or all 180) with display geometry, EPSG:4326, in code order."""
    where, params = ("WHERE dist_code = ?", [dist_code]) if dist_code else ("", None)
    return _geometry(path, "subdistricts", "subdist_code", where, params)


def context_districts(path: Snapshot) -> gpd.GeoDataFrame:
    """Samut Prakan's districts beside Bangkok (the Thai Kriang pilot lies in 1104), EPSG:4326."""
    return _geometry(path, "context_districts", "dist_code")


def health_centre_areas(path: Snapshot) -> gpd.GeoDataFrame:
    """The BMA health-centre service areas (about 2014-15), EPSG:4326."""
    return _geometry(path, "health_centre_areas", "hc_id")


def context_lines(path: Snapshot) -> gpd.GeoDataFrame:
    """Main roads (``kind`` road) and the Chao Phraya (river), simplified for display, EPSG:4326."""
    return _geometry(path, "context_lines", "kind, name_th")


def district_names(path: Snapshot) -> pd.DataFrame:
    """Bangkok's districts without geometry: ``dist_code``, ``name_th``, ``name_en``, in code order."""
    return query(path, "SELECT dist_code, name_th, name_en FROM districts ORDER BY dist_code")


def demand_points(path: Snapshot) -> pd.DataFrame:
    """Every resident on a point, the demand of the coverage measure (:func:`geo.demand.resident_points`):
    ``dist_code``, ``kind`` (``community`` or ``rest``, a sub-district's share), ``population``, ``lon``, ``lat``."""
    return query(path, "SELECT dist_code, kind, population, lon, lat FROM demand_points ORDER BY ALL")


def service_points(path: Snapshot, span: str, end: str) -> pd.DataFrame:
    """Service points open at some time in a window: ``service_id``, ``name_th``, ``name_en``,
    ``service_type``, ``lon``, ``lat``, ``capacity``, ``dist_code``, ``district_th``, ``district_en``
    (missing outside Bangkok), ``source``, ``approximate``, ``opened`` and ``closed``, by type and id."""
    return query(
        path,
        """
        SELECT s.service_id, s.name_th, s.name_en, s.service_type, s.lon, s.lat, s.capacity, s.dist_code,
               s.district_th, s.district_en, s.source, s.approximate, s.opened, s.closed
        FROM services s JOIN open_services o USING (service_id)
        WHERE o.span = ? AND o.end_quarter = ?
        ORDER BY s.service_type, s.service_id
        """,
        [span, end],
    )


def community_points(path: Snapshot) -> pd.DataFrame:
    """Every community for maps: ``community_id``, names, ``lon``, ``lat``, ``dist_code``, ``district_th``,
    ``district_en``, ``province_en`` (missing in Bangkok), ``population``, ``pilot``, ``pilot_start``,
    ``location_note``, ``approximate`` and ``reports`` (it has case rows of its own); pilots first."""
    return query(path, "SELECT * EXCLUDE (households) FROM communities ORDER BY pilot DESC, pilot_start, community_id")


def community_register(path: Snapshot) -> pd.DataFrame:
    """The community register as published, with every column the publish step reads."""
    return query(path, "SELECT * FROM communities ORDER BY community_id")


def community_cells(path: Snapshot) -> pd.DataFrame:
    """The published (protected) area cells of communities that report their own rows."""
    return query(path, "SELECT * FROM area_cells WHERE community_id <> '' ORDER BY community_id, quarter")

"""Spatial joins: which polygon each point falls in."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

__all__ = ["points", "polygon_code_at"]


def points(lon, lat) -> gpd.GeoSeries:
    """WGS84 points from longitude and latitude arrays."""
    return gpd.GeoSeries(gpd.points_from_xy(lon, lat), crs="EPSG:4326")


def polygon_code_at(lon, lat, polygons: gpd.GeoDataFrame, code: str = "dist_code") -> pd.Series:
    """The ``code`` of the polygon containing each point; missing outside all polygons.

    A point on a shared edge takes the lowest code, so the answer is
    deterministic.

    >>> from shapely.geometry import box
    >>> grid = gpd.GeoDataFrame({"dist_code": ["A", "B"]},
    ...     geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1)], crs="EPSG:4326")
    >>> polygon_code_at([0.5, 1.5, 5.0], [0.5, 0.5, 0.5], grid).tolist()
    ['A', 'B', None]
    """
    pts = gpd.GeoDataFrame(geometry=points(np.asarray(lon, float), np.asarray(lat, float)))
    hits = gpd.sjoin(pts, polygons[[code, "geometry"]].to_crs(pts.crs), how="left", predicate="intersects")
    first = hits[code].groupby(level=0).min()
    return first.reindex(pts.index).astype(object).where(first.notna(), None)

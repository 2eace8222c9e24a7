"""Metric projection, areas and display geometry.

Every distance and area is computed in UTM zone 47N (EPSG:32647), in metres;
degrees are only for storage and display.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

__all__ = [
    "DISPLAY_PRECISION",
    "LINE_TOLERANCE_M",
    "METRIC_CRS",
    "WGS84",
    "area_km2",
    "display_geometry",
    "display_lines",
    "to_metric",
]

METRIC_CRS = "EPSG:32647"
WGS84 = "EPSG:4326"
DISPLAY_PRECISION = 1e-5  # degrees: about 1 m, enough for a district map
LINE_TOLERANCE_M = 25.0  # context lines (roads, river) drawn over a city map


def to_metric(frame: gpd.GeoDataFrame | gpd.GeoSeries):
    """Reproject to EPSG:32647 (metres)."""
    return frame.to_crs(METRIC_CRS)


def area_km2(frame: gpd.GeoDataFrame | gpd.GeoSeries) -> pd.Series:
    """Area of each geometry in square kilometres, measured in EPSG:32647.

    >>> from shapely.geometry import box
    >>> square = gpd.GeoSeries([box(0, 0, 1000, 1000)], crs=METRIC_CRS).to_crs(WGS84)
    >>> round(float(area_km2(square).iloc[0]), 3)
    1.0
    """
    return to_metric(frame).area / 1e6


def display_geometry(frame: gpd.GeoDataFrame | gpd.GeoSeries, tolerance_m: float = 30.0) -> gpd.GeoSeries:
    """Simplify a polygon coverage for the browser, keeping shared edges shared.

    ``coverage_simplify`` simplifies each shared edge once, so neighbouring
    districts stay gap-free (per-polygon ``simplify`` opens slivers between
    them). Coordinates are then snapped to a 1e-5 degree grid, which keeps
    shared vertices identical and the GeoJSON small.
    """
    metric = to_metric(frame.geometry)
    simplified = shapely.coverage_simplify(metric.values, tolerance_m)
    wgs = gpd.GeoSeries(simplified, index=frame.index, crs=METRIC_CRS).to_crs(WGS84)
    return gpd.GeoSeries(shapely.set_precision(wgs.values, DISPLAY_PRECISION), index=frame.index, crs=WGS84)


def display_lines(frame: gpd.GeoDataFrame | gpd.GeoSeries, tolerance_m: float = LINE_TOLERANCE_M) -> gpd.GeoSeries:
    """Simplify lines for the browser: Douglas-Peucker in metres, then a 1e-5 degree grid.

    >>> from shapely.geometry import LineString
    >>> bent = gpd.GeoSeries([LineString([(0, 0), (500, 10), (1000, 0)])], crs=METRIC_CRS).to_crs(WGS84)
    >>> len(display_lines(bent).iloc[0].coords)  # the 10 m bend is within the tolerance
    2
    """
    metric = to_metric(frame.geometry)
    simplified = shapely.simplify(metric.values, tolerance_m, preserve_topology=False)
    wgs = gpd.GeoSeries(simplified, index=frame.index, crs=METRIC_CRS).to_crs(WGS84)
    return gpd.GeoSeries(shapely.set_precision(wgs.values, DISPLAY_PRECISION), index=frame.index, crs=WGS84)

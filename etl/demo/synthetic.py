"""Synthetic points and numbers from a seed, shared by the demo and the benchmark's generated files.

Everything takes a :class:`numpy.random.Generator`, so one seed gives the same
points, and the same files, on every run.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

from geo.projection import METRIC_CRS, WGS84

__all__ = [
    "COORD_DECIMALS",
    "SEED",
    "allocate",
    "coordinates",
    "points_in",
    "points_in_districts",
    "points_near",
]

SEED = 20250630  # the default seed of the demo and the benchmark
# Coordinates are rounded to 6 decimals (about 0.1 m) *before* the containment
# test, so the point written to a file is the point that was tested.
COORD_DECIMALS = 6
SAMPLE_BATCH = 64  # candidate points drawn per rejection-sampling round


def allocate(weights: np.ndarray, total: int) -> np.ndarray:
    """Split ``total`` into whole parts: one each, the rest in proportion to ``weights``.

    Rounding goes to the largest remainders, so the parts add up to ``total``.

    >>> allocate(np.array([1.0, 1.0, 8.0]), 10).tolist()
    [2, 2, 6]
    """
    extra = total - len(weights)
    exact = weights / weights.sum() * extra
    counts = np.floor(exact).astype(int)
    largest_remainders = np.argsort(counts - exact, kind="stable")[: extra - counts.sum()]
    counts[largest_remainders] += 1
    return counts + 1


def points_in(rng: np.random.Generator, shape: BaseGeometry, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points uniformly inside ``shape`` (rejection sampling in its bounding box): lon, lat.

    Sampling in degrees is uniform in area to within 0.3 % across Bangkok's
    half degree of latitude.
    """
    minx, miny, maxx, maxy = shape.bounds
    lon, lat = np.empty(0), np.empty(0)
    while len(lon) < n:
        x = rng.uniform(minx, maxx, SAMPLE_BATCH).round(COORD_DECIMALS)
        y = rng.uniform(miny, maxy, SAMPLE_BATCH).round(COORD_DECIMALS)
        inside = shapely.contains_xy(shape, x, y)
        lon, lat = np.concatenate([lon, x[inside]]), np.concatenate([lat, y[inside]])
    return lon[:n], lat[:n]


def points_in_districts(
    rng: np.random.Generator, shapes: Mapping[str, BaseGeometry], codes: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """One uniform point inside the district of each code (districts in code order): lon, lat."""
    codes = np.asarray(codes)
    lon, lat = np.empty(len(codes)), np.empty(len(codes))
    for code in np.unique(codes):
        rows = np.flatnonzero(codes == code)
        lon[rows], lat[rows] = points_in(rng, shapes[code], len(rows))
    return lon, lat


def points_near(
    rng: np.random.Generator, lon: np.ndarray, lat: np.ndarray, shapes: np.ndarray, radius_m: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """A point within ``radius_m`` metres of each (lon, lat), redrawn until inside its shape.

    The offset is drawn in EPSG:32647 (metres) and the point taken back to lon/lat.
    """
    to_metric = Transformer.from_crs(WGS84, METRIC_CRS, always_xy=True)
    east, north = to_metric.transform(np.asarray(lon, float), np.asarray(lat, float))
    out_lon, out_lat = np.empty(len(lon)), np.empty(len(lat))
    todo = np.arange(len(lon))
    while len(todo):
        angle = rng.uniform(0, 2 * np.pi, len(todo))
        metres = radius_m[todo] * np.sqrt(rng.uniform(0, 1, len(todo)))  # uniform over the disc
        x, y = to_metric.transform(
            east[todo] + metres * np.cos(angle), north[todo] + metres * np.sin(angle), direction="INVERSE"
        )
        x, y = np.round(x, COORD_DECIMALS), np.round(y, COORD_DECIMALS)
        inside = shapely.contains_xy(shapes[todo], x, y)
        out_lon[todo[inside]], out_lat[todo[inside]] = x[inside], y[inside]
        todo = todo[~inside]
    return out_lon, out_lat


def coordinates(values) -> list[str]:
    """Coordinates as the shortest text that reads back as the same number.

    >>> coordinates([13.7, 100.5131])
    ['13.7', '100.5131']
    """
    return [str(float(v)) for v in values]

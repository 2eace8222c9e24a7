"""The spatial statistics at national size: 928 synthetic square districts (Thailand has 928).

There are no real national polygons at hand, so this times the geo/
computations on a grid rather than a page: smoothing, queen weights, Gi*,
local Moran and the whole district summary with communities and services.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import geopandas as gpd
import numpy as np
import pandas as pd

from bench.generate import national_grid
from bench.report import Measure
from core.codes import SERVICE_TYPES
from geo.hotspots import getis_ord_gi_star, local_moran_clusters, queen_weights
from geo.smoothing import eb_rate_per_100k
from geo.summary import district_summary

__all__ = ["COMMUNITIES_PER_DISTRICT", "SERVICES_PER_DISTRICT", "national_measures"]

COMMUNITIES_PER_DISTRICT = 10
SERVICES_PER_DISTRICT = 3
SECTION = "National (928 districts)"


def _points_in_cells(rng: np.random.Generator, grid: gpd.GeoDataFrame, per_cell: int) -> gpd.GeoDataFrame:
    """``per_cell`` uniform points in each square, carrying its ``dist_code``."""
    bounds = np.repeat(grid.bounds.to_numpy(), per_cell, axis=0)
    lon = rng.uniform(bounds[:, 0], bounds[:, 2])
    lat = rng.uniform(bounds[:, 1], bounds[:, 3])
    return gpd.GeoDataFrame(
        {"dist_code": np.repeat(grid["dist_code"].to_numpy(), per_cell)},
        geometry=gpd.points_from_xy(lon, lat),
        crs=grid.crs,
    )


def _summary_inputs(grid: gpd.GeoDataFrame) -> dict:
    """Arguments for :func:`geo.summary.district_summary` on the grid."""
    rng = np.random.default_rng(7)
    communities = _points_in_cells(rng, grid, COMMUNITIES_PER_DISTRICT)
    communities["population"] = rng.integers(300, 5000, len(communities))
    services = _points_in_cells(rng, grid, SERVICES_PER_DISTRICT)
    services["service_type"] = rng.choice(SERVICE_TYPES, len(services))
    services["capacity"] = rng.integers(10, 60, len(services)).astype(float)
    cases = pd.DataFrame(
        {
            "dist_code": grid["dist_code"],
            "cases_reported": grid["cases"],
            "cases_referred": rng.binomial(grid["cases"], 0.7),
        }
    )
    return {
        "districts": grid.assign(name_th=grid["dist_code"], name_en=grid["dist_code"]),
        "cases": cases,
        "population": grid.set_index("dist_code")["population"],
        "communities": communities,
        "services": services,
    }


def _median_seconds(work: Callable[[], object], runs: int) -> float:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def national_measures(runs: int) -> list[Measure]:
    """Median milliseconds of each computation on the 928-district grid."""
    grid = national_grid()
    smoothed = eb_rate_per_100k(grid["cases"].to_numpy(), grid["population"].to_numpy())
    rates = pd.Series(smoothed, index=grid["dist_code"].to_numpy())
    w = queen_weights(grid, "dist_code")
    inputs = _summary_inputs(grid)
    steps = {
        "empirical Bayes smoothing": lambda: eb_rate_per_100k(grid["cases"], grid["population"]),
        "queen contiguity weights": lambda: queen_weights(grid, "dist_code"),
        "Getis-Ord Gi*": lambda: getis_ord_gi_star(rates, w),
        "local Moran (999 permutations)": lambda: local_moran_clusters(rates, w),
        f"district summary ({len(inputs['communities']):,} communities, {len(inputs['services']):,} services)": (
            lambda: district_summary(**inputs)
        ),
    }
    measures = [Measure(SECTION, name, _median_seconds(work, runs) * 1000, "ms") for name, work in steps.items()]
    total = sum(m.value for m in measures[:4])
    note = "smoothing + weights + Gi* + Moran, against the cold-page budget"
    return [*measures, Measure(SECTION, "hot-spot statistics together", total, "ms", target=3000, note=note)]

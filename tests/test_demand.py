"""Every resident as a point: communities carry their residents, the rest of a district goes to its sub-districts
by area. Checked by hand and on the real boundaries."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from db import read
from db.snapshot import published_path
from geo.boundaries import read_subdistricts
from geo.demand import resident_points
from geo.projection import METRIC_CRS

X0, Y0 = 660_000.0, 1_520_000.0


def squares(codes: list[str], widths: list[float]) -> gpd.GeoDataFrame:
    """Sub-districts side by side, 1 km tall and ``widths`` km wide."""
    left = np.concatenate([[0.0], np.cumsum(widths)[:-1]]) * 1_000
    shapes = [box(X0 + x, Y0, X0 + x + w * 1_000, Y0 + 1_000) for x, w in zip(left, widths, strict=True)]
    return gpd.GeoDataFrame({"dist_code": codes}, geometry=shapes, crs=METRIC_CRS)


def test_the_rest_goes_by_area_and_communities_keep_their_residents():
    communities = gpd.GeoDataFrame(
        {"dist_code": ["1001", "1001", "1002", "9999"], "population": [1_000, np.nan, 2_500, 700]},
        geometry=[Point(X0 + 100, Y0 + 100)] * 4,
        crs=METRIC_CRS,
    )
    subdistricts = squares(["1001", "1001", "1001", "1002"], [1.0, 3.0, 4.0, 2.0])
    points = resident_points(communities, subdistricts, pd.Series({"1001": 9_000, "1002": 2_000}))
    assert points.crs == METRIC_CRS
    assert points["kind"].tolist() == ["community"] * 4 + ["rest"] * 3
    # 1001: 8,000 left over 1 + 3 + 4 km²; 1002's one community (2,500) is scaled to the district's 2,000, so
    # nothing is left for its sub-district; the community outside keeps its 700; unknown counts 0.
    assert points["population"].tolist() == pytest.approx([1_000, 0, 2_000, 700, 1_000, 3_000, 4_000])
    sums = points.groupby("dist_code")["population"].sum()
    assert sums["1001"] == pytest.approx(9_000) and sums["1002"] == pytest.approx(2_000)
    rest = points[points["kind"] == "rest"]
    assert all(shape.contains(point) for shape, point in zip(subdistricts.geometry[:3], rest.geometry, strict=True))


def test_on_the_real_boundaries_every_resident_is_placed_inside_the_district(demo_template):
    snapshot = published_path(demo_template)
    summary = read.district_summary(snapshot, "4q", read.loaded_quarters(snapshot)[-1]).set_index("dist_code")
    published = read.demand_points(snapshot)
    sums = published[published["dist_code"].isin(summary.index)].groupby("dist_code")["population"].sum()
    np.testing.assert_allclose(sums.reindex(summary.index), summary["population"], rtol=1e-9)
    rest = published[published["kind"] == "rest"]
    located = gpd.GeoDataFrame(rest, geometry=gpd.points_from_xy(rest["lon"], rest["lat"]), crs="EPSG:4326")
    subdistricts = read_subdistricts()
    joined = located.sjoin(subdistricts[["dist_code", "geometry"]], predicate="within", how="left")
    assert len(rest) == len(subdistricts)  # one point per sub-district, each inside its own district
    assert (joined["dist_code_left"] == joined["dist_code_right"]).all()

"""Nearest distances, two-step floating catchments and services per 100,000, worked by hand."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point

from geo.coverage import (
    LUO_QI_WEIGHTS,
    decay_weights,
    district_accessibility,
    nearest_by_type,
    nearest_distance_m,
    services_per_100k,
    two_step_fca,
)
from geo.projection import METRIC_CRS, WGS84

# A point in central Bangkok, in UTM 47N metres.
X0, Y0 = 662_000.0, 1_520_000.0


def metric_points(xs, ys=None, **columns) -> gpd.GeoDataFrame:
    """Points at easting offsets ``xs`` (and northing offsets ``ys``) in metres from (X0, Y0)."""
    ys = [0.0] * len(xs) if ys is None else ys
    geometry = [Point(X0 + x, Y0 + y) for x, y in zip(xs, ys, strict=True)]
    return gpd.GeoDataFrame(columns, geometry=geometry, crs=METRIC_CRS)


def test_distances_are_metres_in_utm_not_degrees():
    origin = metric_points([0.0]).to_crs(WGS84)
    target = metric_points([1_000.0]).to_crs(WGS84)
    assert target.geometry.x.iloc[0] - origin.geometry.x.iloc[0] == pytest.approx(0.00925, abs=1e-4)
    assert nearest_distance_m(origin, target).iloc[0] == pytest.approx(1_000.0, abs=1e-6)


def test_nearest_distance_picks_the_nearest_and_keeps_the_index():
    origins = metric_points([0.0, 5_000.0]).set_index(pd.Index(["a", "b"]))
    targets = metric_points([300.0, 4_000.0, 0.0], [400.0, 0.0, -9_000.0])
    distances = nearest_distance_m(origins, targets)
    assert distances.name == "dist_m"
    assert distances.to_dict() == {"a": pytest.approx(500.0), "b": pytest.approx(1_000.0)}


def test_no_targets_gives_nan():
    assert nearest_distance_m(metric_points([0.0, 1.0]), metric_points([])).isna().all()
    assert nearest_distance_m(metric_points([]), metric_points([1.0])).empty


def test_nearest_by_type_one_column_per_type():
    communities = metric_points([0.0, 10_000.0])
    services = metric_points([1_000.0, 9_000.0, 2_500.0], service_type=["police", "police", "shelter"])
    table = nearest_by_type(communities, services, types=["police", "shelter", "oscc"])
    assert table.columns.tolist() == ["dist_m_police", "dist_m_shelter", "dist_m_oscc"]
    np.testing.assert_allclose(table["dist_m_police"], [1_000.0, 1_000.0])
    np.testing.assert_allclose(table["dist_m_shelter"], [2_500.0, 7_500.0])
    assert table["dist_m_oscc"].isna().all()
    assert nearest_by_type(communities, services).columns.tolist() == ["dist_m_police", "dist_m_shelter"]


def test_two_step_fca_worked_by_hand():
    # Capacity 10; A (1,000 people) 1 km away, B (3,000) 5 km away; 3 km catchment.
    # R = 10 / 1,000 = 0.01 (B is out of reach); A_A = 0.01, A_B = 0.
    demand = metric_points([1_000.0, 5_000.0], population=[1_000, 3_000]).set_index(pd.Index(["A", "B"]))
    supply = metric_points([0.0], capacity=[10])
    access = two_step_fca(demand, supply, catchment_m=3_000)
    assert access.name == "access_per_person"
    assert access.to_dict() == {"A": pytest.approx(0.01), "B": 0.0}


def test_two_step_fca_with_overlapping_catchments():
    # S1 (capacity 10) at 0 m, S2 (capacity 6) at 4 km.
    # A (1,000 people) at 0.5 km reaches S1 only; B (2,000) at 2 km reaches both;
    # C (1,000) at 6 km reaches S2 only.
    # R1 = 10 / (1,000 + 2,000) = 1/300; R2 = 6 / (2,000 + 1,000) = 1/500.
    demand = metric_points([500.0, 2_000.0, 6_000.0], population=[1_000, 2_000, 1_000])
    supply = metric_points([0.0, 4_000.0], capacity=[10, 6])
    access = two_step_fca(demand, supply, catchment_m=3_000)
    np.testing.assert_allclose(access, [1 / 300, 1 / 300 + 1 / 500, 1 / 500])
    # Nothing is invented: people x access adds up to the capacity in reach.
    assert (access * demand["population"]).sum() == pytest.approx(16.0)


def test_catchment_boundary_is_included():
    demand = metric_points([3_000.0, 3_000.5], population=[100, 100])
    access = two_step_fca(demand, metric_points([0.0], capacity=[2]), catchment_m=3_000)
    assert access.tolist() == [0.02, 0.0]


def test_missing_capacity_counts_as_one_and_unknown_population_is_nan():
    demand = metric_points([0.0, 100.0, 200.0], population=[500, np.nan, 500])
    without_column = two_step_fca(demand, metric_points([50.0]))
    with_gap = two_step_fca(demand, metric_points([50.0, 60.0], capacity=[np.nan, 1]))
    np.testing.assert_allclose(without_column, [1 / 1_000, np.nan, 1 / 1_000])
    np.testing.assert_allclose(with_gap, [2 / 1_000, np.nan, 2 / 1_000])


def test_no_supply_gives_zero_access():
    demand = metric_points([0.0], population=[500])
    assert two_step_fca(demand, metric_points([], capacity=[])).tolist() == [0.0]


def random_layout(seed: int, n_demand: int, n_supply: int, extent_m: float):
    rng = np.random.default_rng(seed)
    demand = metric_points(
        rng.uniform(0, extent_m, n_demand),
        rng.uniform(0, extent_m, n_demand),
        population=rng.integers(200, 5_000, n_demand),
    )
    supply = metric_points(
        rng.uniform(0, extent_m, n_supply), rng.uniform(0, extent_m, n_supply), capacity=rng.integers(1, 20, n_supply)
    )
    return demand, supply


def test_agrees_with_the_access_package():
    fca = pytest.importorskip("access.fca")
    demand, supply = random_layout(seed=11, n_demand=60, n_supply=15, extent_m=12_000)
    demand_ids, supply_ids, costs = all_pairs(demand, supply)
    theirs = fca.two_stage_fca(
        demand.assign(geoid=demand_ids),
        supply.set_index(pd.Index(supply_ids, name="geoid"))[["capacity"]],
        costs,
        max_cost=3_000,
        demand_index="geoid",
        demand_name="population",
        supply_name="capacity",
    )
    ours = two_step_fca(demand, supply, catchment_m=3_000)
    # access leaves out demand points with no supply in reach instead of giving 0.
    np.testing.assert_allclose(ours, theirs.reindex(demand_ids).fillna(0.0), rtol=1e-12)
    assert (ours == 0).any() and (ours > 0).any()


def all_pairs(demand, supply):
    """Every (demand, supply) pair with its metric distance, as the access package expects precomputed costs."""
    demand_ids, supply_ids = [f"d{i}" for i in range(len(demand))], [f"s{j}" for j in range(len(supply))]
    costs = pd.DataFrame(
        [
            (d, s, dp.distance(sp))
            for d, dp in zip(demand_ids, demand.geometry, strict=True)
            for s, sp in zip(supply_ids, supply.geometry, strict=True)
        ],
        columns=["origin", "dest", "cost"],
    )
    return demand_ids, supply_ids, costs


def test_decay_weights_are_the_access_packages_step_function():
    weights = pytest.importorskip("access.weights")
    for catchment in (1_000.0, 2_000.0, 3_000.0, 5_000.0):
        step = weights.step_fn(dict(zip([catchment / 3, 2 * catchment / 3, catchment], LUO_QI_WEIGHTS, strict=True)))
        distances = np.concatenate(
            [np.linspace(0, 1.2 * catchment, 97), [catchment / 3, 2 * catchment / 3, catchment, catchment + 0.01]]
        )
        assert decay_weights(distances, catchment, decay=True).tolist() == [step(d) for d in distances]
    assert LUO_QI_WEIGHTS == (1.0, 0.68, 0.22)  # Luo and Qi (2009), the access package's default


def test_enhanced_two_step_fca_by_hand():
    # Catchment 3 km: zones to 1 km (weight 1), 2 km (0.68), 3 km (0.22).
    # S (capacity 10) at 0; A (1,000 people) at 0.5 km, B (2,000) at 1.5 km, C (4,000) at 2.5 km.
    # R = 10 / (1,000 + 0.68 x 2,000 + 0.22 x 4,000) = 10 / 3,240; A_i = W_i R.
    demand = metric_points([500.0, 1_500.0, 2_500.0], population=[1_000, 2_000, 4_000])
    access = two_step_fca(demand, metric_points([0.0], capacity=[10]), catchment_m=3_000, decay=True)
    np.testing.assert_allclose(access, np.array([1.0, 0.68, 0.22]) * 10 / 3_240)


@pytest.mark.parametrize("catchment", [1_000.0, 3_000.0, 5_000.0])
def test_enhanced_two_step_fca_agrees_with_the_access_package(catchment):
    access = pytest.importorskip("access")
    demand, supply = random_layout(seed=17, n_demand=80, n_supply=12, extent_m=14_000)
    demand_ids, supply_ids, costs = all_pairs(demand, supply)
    model = access.Access(
        demand_df=pd.DataFrame({"geoid": demand_ids, "population": demand["population"].to_numpy()}),
        demand_index="geoid",
        demand_value="population",
        supply_df=pd.DataFrame({"geoid": supply_ids, "capacity": supply["capacity"].to_numpy()}),
        supply_index="geoid",
        supply_value="capacity",
        cost_df=costs,
        cost_origin="origin",
        cost_dest="dest",
        cost_name="cost",
    )
    zones = dict(zip([catchment / 3, 2 * catchment / 3, catchment], LUO_QI_WEIGHTS, strict=True))
    theirs = model.enhanced_two_stage_fca(weight_fn=access.weights.step_fn(zones), max_cost=catchment)
    ours = two_step_fca(demand, supply, catchment_m=catchment, decay=True)
    np.testing.assert_allclose(ours, theirs["e2sfca_capacity"].reindex(demand_ids).fillna(0.0), rtol=1e-12)
    assert (ours == 0).any() and (ours > 0).any()


def test_population_weighted_mean_is_capacity_over_population():
    demand, supply = random_layout(seed=3, n_demand=300, n_supply=40, extent_m=20_000)
    access = two_step_fca(demand, supply)
    served = nearest_distance_m(supply, demand) <= 3_000
    assert (access * demand["population"]).sum() == pytest.approx(supply.loc[served, "capacity"].sum())


def test_district_accessibility_is_population_weighted():
    frame = pd.DataFrame(
        {
            "dist_code": ["1001", "1001", "1001", "1002", "1003"],
            "population": [1_000, 3_000, 2_000, 500, np.nan],
            "access_per_person": [0.004, 0.0, np.nan, 0.002, 0.5],
        }
    )
    result = district_accessibility(frame)
    # 1001: (1,000 x 0.004 + 3,000 x 0) / 4,000; the NaN community is left out.
    assert result.name == "access_per_person"
    assert result["1001"] == pytest.approx(0.001)
    assert result["1002"] == pytest.approx(0.002)
    assert np.isnan(result["1003"])  # no community of known population


def test_services_per_100k_counts_zeros_and_ignores_outsiders():
    services = pd.DataFrame(
        {
            "dist_code": ["1001", "1001", "1001", "1002", None],
            "service_type": ["police", "police", "shelter", "shelter", "police"],
        }
    )
    population = pd.Series({"1001": 40_000, "1002": 200_000, "1003": 0})
    table = services_per_100k(services, population, types=["police", "shelter", "oscc"])
    assert len(table) == 9
    indexed = table.set_index(["dist_code", "service_type"])
    assert indexed.loc[("1001", "police"), "services"] == 2
    assert indexed.loc[("1001", "police"), "per_100k"] == pytest.approx(5.0)
    assert indexed.loc[("1002", "police"), "services"] == 0
    assert indexed.loc[("1002", "shelter"), "per_100k"] == pytest.approx(0.5)
    assert indexed.loc[("1002", "oscc"), "per_100k"] == 0.0
    assert np.isnan(indexed.loc[("1003", "shelter"), "per_100k"])
    assert table["services"].sum() == 4  # the service outside every district is not counted

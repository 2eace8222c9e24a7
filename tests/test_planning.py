"""Site recommendation: the exact models against brute force on small instances, and against greedy on the demo."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from pyproj import Transformer

from db import read
from etl.plan import residents
from geo.planning import PlanError, candidate_sites, demand_points, plan_problem, site_report
from geo.siting import mclp, p_median, solve

TO_LONLAT = Transformer.from_crs("EPSG:32647", "EPSG:4326", always_xy=True)
ORIGIN = (660_000.0, 1_520_000.0)  # central Bangkok in EPSG:32647


def frame(xy: list[tuple[float, float]], **columns) -> pd.DataFrame:
    """Points given in metres from ``ORIGIN`` as a lon/lat frame."""
    lon, lat = TO_LONLAT.transform([ORIGIN[0] + x for x, _ in xy], [ORIGIN[1] + y for _, y in xy])
    return pd.DataFrame({"lon": lon, "lat": lat, **columns})


def demand(xy, weights) -> pd.DataFrame:
    n = len(xy)
    return frame(xy, demand_id=[f"d{i}" for i in range(n)], dist_code="1001", residents=weights, weight=weights)


def candidates(xy) -> pd.DataFrame:
    n = len(xy)
    return frame(xy, site_id=[f"c{i}" for i in range(n)], kind="community", name_th="", name_en="", dist_code="1001")


def covered_weight(demand_xy, weights, sites_xy, radius) -> float:
    """By hand: the weight of the points within ``radius`` of any site."""
    return sum(w for p, w in zip(demand_xy, weights, strict=True) if any(math.dist(p, s) <= radius for s in sites_xy))


@pytest.fixture
def small():
    rng = np.random.default_rng(7)
    demand_xy = [tuple(p) for p in rng.uniform(0, 6_000, (25, 2))]
    weights = rng.integers(1, 50, 25).astype(float).tolist()
    candidate_xy = [tuple(p) for p in rng.uniform(0, 6_000, (12, 2))]
    existing_xy = [(500.0, 500.0)]
    return demand_xy, weights, candidate_xy, existing_xy


def test_mclp_finds_the_brute_force_optimum(small):
    demand_xy, weights, candidate_xy, existing_xy = small
    radius, k = 1_500.0, 3
    problem = plan_problem(demand(demand_xy, weights), frame(existing_xy), candidates(candidate_xy), radius)
    best = max(
        covered_weight(demand_xy, weights, existing_xy + [candidate_xy[j] for j in combo], radius)
        for combo in itertools.combinations(range(len(candidate_xy)), k)
    )
    plan = solve(problem, k, "mclp")
    assert len(set(plan.chosen)) == k
    assert plan.covered_after == pytest.approx(best)
    chosen_xy = existing_xy + [candidate_xy[j] for j in plan.chosen]
    assert covered_weight(demand_xy, weights, chosen_xy, radius) == pytest.approx(best)
    assert plan.covered_before == pytest.approx(covered_weight(demand_xy, weights, existing_xy, radius))
    assert plan.greedy_after <= plan.covered_after + 1e-9


def test_mclp_beats_greedy_where_greedy_is_short_sighted():
    """A middle site reaching two clusters' near halves (11) lures greedy; the two cluster sites cover 20."""
    demand_xy = [(0, 0), (900, 0), (2_700, 0), (3_600, 0), (1_800, 500)]
    weights = [5.0, 5.0, 5.0, 5.0, 1.0]
    candidate_xy = [(450, 0), (1_800, 0), (3_150, 0)]
    problem = plan_problem(demand(demand_xy, weights), frame([]), candidates(candidate_xy), 1_000.0)
    plan = solve(problem, 2, "mclp")
    assert sorted(plan.chosen) == [0, 2] and plan.covered_after == 20
    assert plan.greedy[0] == 1 and plan.greedy_after == 16


def test_p_median_finds_the_brute_force_optimum(small):
    demand_xy, weights, candidate_xy, existing_xy = small
    cap, k = 5_000.0, 2
    problem = plan_problem(demand(demand_xy, weights), frame(existing_xy), candidates(candidate_xy), 1_000.0)

    def cost(sites):
        return sum(w * min(cap, *(math.dist(p, s) for s in sites)) for p, w in zip(demand_xy, weights, strict=True))

    best = min(cost(existing_xy + [candidate_xy[j] for j in combo]) for combo in itertools.combinations(range(12), k))
    chosen = p_median(problem, k, cell_m=1.0, cap_m=cap)  # 1 m cells: no point shares a cell
    assert cost(existing_xy + [candidate_xy[j] for j in chosen]) == pytest.approx(best, rel=1e-6)


@pytest.mark.parametrize(
    ("change", "code"),
    [({"k": 0}, "plan.bad_k"), ({"k": 13}, "plan.bad_k"), ({"model": "lscp"}, "plan.bad_model")],
)
def test_bad_k_or_model_is_refused(small, change, code):
    demand_xy, weights, candidate_xy, existing_xy = small
    problem = plan_problem(demand(demand_xy, weights), frame(existing_xy), candidates(candidate_xy), 1_000.0)
    with pytest.raises(PlanError) as caught:
        solve(problem, **{"k": 2, "model": "mclp", **change})
    assert caught.value.code == code


@pytest.mark.parametrize("radius", [199.0, 20_001.0, float("nan")])
def test_radius_outside_200_m_to_20_km_is_refused(small, radius):
    demand_xy, weights, candidate_xy, _ = small
    with pytest.raises(PlanError) as caught:
        plan_problem(demand(demand_xy, weights), frame([]), candidates(candidate_xy), radius)
    assert caught.value.code == "plan.bad_radius"


def test_a_solver_out_of_time_says_so(small):
    demand_xy, weights, candidate_xy, _ = small
    problem = plan_problem(demand(demand_xy, weights), frame([]), candidates(candidate_xy), 3_000.0)
    with pytest.raises(PlanError) as caught:
        mclp(problem, 3, time_limit_s=0.0)
    assert caught.value.code in {"plan.solver_timeout", "plan.solver_failed"}


def test_unknown_candidate_set_is_refused():
    with pytest.raises(PlanError) as caught:
        candidate_sites("schools", pd.DataFrame(), pd.DataFrame(), [])
    assert caught.value.code == "plan.bad_candidates"


def test_demand_weights_follow_district_need_and_add_up_to_residents():
    communities = pd.DataFrame(
        {
            "demand_id": ["a", "b", "c", "d"],
            "dist_code": ["1001", "1002", "1002", "1104"],
            "lon": [100.5] * 4,
            "lat": [13.7] * 4,
            "population": [100, 300, 0, 50],
        }
    )
    result = demand_points(communities, pd.Series({"1001": 30.0, "1002": 10.0}))
    mean_need = (100 * 30 + 300 * 10) / 400  # by hand: 15
    assert result["demand_id"].tolist() == ["a", "b"]  # no residents, or outside the districts: left out
    assert result["weight"].tolist() == pytest.approx([100 * 30 / mean_need, 300 * 10 / mean_need])


@pytest.mark.slow
def test_on_the_demo_mclp_covers_at_least_what_greedy_does(demo_published):
    end = read.loaded_quarters(demo_published)[-1]
    summary = read.district_summary(demo_published, "4q", end).set_index("dist_code")
    communities, services = read.community_points(demo_published), read.service_points(demo_published, "4q", end)
    problem = plan_problem(
        demand_points(residents(demo_published), summary["eb_rate_per_100k"]),
        services[services["service_type"] == "safe_space"],
        candidate_sites("communities", communities, services, summary.index),
        3_000.0,
    )
    assert len(problem.candidates) == 2_016
    plan = solve(problem, 10, "mclp")
    assert plan.covered_after >= plan.greedy_after > plan.covered_before
    sites = site_report(problem, plan.chosen, summary.index[summary["gap"]])
    assert sites["weight_new"].sum() == pytest.approx(plan.covered_after - plan.covered_before)
    assert sites["residents_new"].sum() == pytest.approx(plan.residents_after - plan.residents_before)

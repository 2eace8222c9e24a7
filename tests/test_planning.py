"""Site recommendation: the exact models against known optima, brute force and (MCLP) PySAL spopt with CBC on small
instances; on the demo, MCLP against a model written here for CBC, and against greedy."""

from __future__ import annotations

import itertools
import math
import warnings

import numpy as np
import pandas as pd
import pytest
from pyproj import Transformer
from scipy.spatial.distance import cdist

from db import read
from db.snapshot import published_path
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


SEEDS = range(6)
RADIUS = 1_600.0  # for the random instances


def clustered(seed: int) -> tuple[list, list, list, list]:
    """Demand and candidates scattered around three centres, one holding a safe space: some demand is covered already,
    some demand points are reached by the same candidates, and some candidates reach less than another."""
    rng = np.random.default_rng(seed)
    centres = rng.uniform(0, 8_000, (3, 2))
    demand_xy = centres[rng.integers(0, 3, 30)] + rng.normal(0, 1_500, (30, 2))
    candidate_xy = centres[rng.integers(0, 3, 14)] + rng.normal(0, 1_500, (14, 2))
    weights = rng.integers(1, 50, 30).astype(float).tolist()
    return [tuple(xy) for xy in demand_xy], weights, [tuple(xy) for xy in candidate_xy], [tuple(centres[0])]


def clustered_problem(seed: int):
    demand_xy, weights, candidate_xy, existing_xy = clustered(seed)
    return plan_problem(demand(demand_xy, weights), frame(existing_xy), candidates(candidate_xy), RADIUS)


def brute_force(problem, k: int) -> float:
    """By hand: the most weight any ``k`` candidates cover with the safe spaces, from the points' distances."""
    reach = cdist(problem.demand_xy, problem.candidate_xy) <= problem.radius_m
    base = (cdist(problem.demand_xy, problem.existing_xy) <= problem.radius_m).any(axis=1)
    return max(
        problem.weight[base | reach[:, list(combo)].any(axis=1)].sum()
        for combo in itertools.combinations(range(reach.shape[1]), k)
    )


def spopt_covered(problem, k: int) -> float:
    """The oracle: PySAL spopt's MCLP with CBC on the whole problem (every demand point and candidate, the safe spaces
    as sites it must keep), from the points' distances; its optimum is the covered weight."""
    import pulp
    from spopt.locate import MCLP

    sites_xy = np.vstack([problem.existing_xy.reshape(-1, 2), problem.candidate_xy])
    n_existing = len(problem.existing_xy)
    kept = np.r_[np.ones(n_existing), np.zeros(len(problem.candidate_xy))] if n_existing else None
    with warnings.catch_warnings():  # PuLP 3 announces its 4.0 interface; spopt and the bundled CBC use the 3.x one
        warnings.simplefilter("ignore", DeprecationWarning)
        model = MCLP.from_cost_matrix(
            cdist(problem.demand_xy, sites_xy),
            problem.weight,
            service_radius=problem.radius_m,
            p_facilities=n_existing + k,
            predefined_facilities_arr=kept,
        )
        model.problem.solve(pulp.PULP_CBC_CMD(msg=False))
    assert model.problem.sol_status == pulp.LpSolutionOptimal
    return pulp.value(model.problem.objective)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("k", [1, 3, 5])
def test_mclp_finds_the_brute_force_optimum(seed, k):
    demand_xy, weights, candidate_xy, existing_xy = clustered(seed)
    problem = clustered_problem(seed)
    best = brute_force(problem, k)
    plan = solve(problem, k, "mclp")
    assert len(set(plan.chosen)) == k
    assert plan.covered_after == pytest.approx(best)
    chosen_xy = existing_xy + [candidate_xy[j] for j in plan.chosen]
    assert covered_weight(demand_xy, weights, chosen_xy, RADIUS) == pytest.approx(best)
    assert plan.covered_before == pytest.approx(covered_weight(demand_xy, weights, existing_xy, RADIUS))
    assert plan.greedy_after <= plan.covered_after + 1e-9


def test_the_random_instances_have_what_the_reduction_removes_and_greedy_misses():
    """Brute force and spopt check the reduced model only where there is something to reduce: covered demand,
    uncovered demand points reached by the same candidates, a candidate reaching less than another; and greedy
    alone would fail them."""
    for seed in SEEDS:
        demand_xy, _, candidate_xy, existing_xy = clustered(seed)
        reach = cdist(demand_xy, candidate_xy) <= RADIUS
        open_reach = reach[~(cdist(demand_xy, existing_xy) <= RADIUS).any(axis=1)]
        assert len(open_reach) < len(demand_xy)
        reached = open_reach[open_reach.any(axis=1)]
        assert len(np.unique(reached, axis=0)) < len(reached)
        inside = (open_reach[:, :, None] <= open_reach[:, None, :]).all(axis=0) & ~np.eye(len(candidate_xy), dtype=bool)
        assert inside.any()
    shortfalls = [
        brute_force(clustered_problem(seed), k) - solve(clustered_problem(seed), k).greedy_after
        for seed, k in itertools.product(SEEDS, [3, 4, 5])
    ]
    assert max(shortfalls) > 0


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_mclp_covers_what_spopt_with_cbc_covers(seed):
    problem = clustered_problem(seed)
    for k in (2, 4):
        assert solve(problem, k, "mclp").covered_after == pytest.approx(spopt_covered(problem, k))


def test_mclp_known_optimum_with_an_equal_reach_a_useless_site_and_nothing_left():
    """Sites 0 and 1 reach the same 10; site 2 reaches 4; site 3 reaches nobody. Three sites cover all 14, and with a
    safe space at each demand point nothing is left to cover, yet the plan still has its N sites."""
    demand_xy, weights = [(0, 0), (5_000, 0)], [10.0, 4.0]
    candidate_xy = [(0, 0), (100, 0), (5_000, 0), (20_000, 0)]
    problem = plan_problem(demand(demand_xy, weights), frame([]), candidates(candidate_xy), 1_000.0)
    assert mclp(problem, 1) in ([0], [1])
    plan = solve(problem, 3, "mclp")
    assert plan.covered_after == 14 and len(set(plan.chosen)) == 3 and 2 in plan.chosen
    problem = plan_problem(demand(demand_xy, weights), frame(demand_xy), candidates(candidate_xy), 1_000.0)
    plan = solve(problem, 2, "mclp")
    assert len(set(plan.chosen)) == 2 and plan.covered_after == plan.covered_before == 14


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


@pytest.mark.parametrize("model", [mclp, p_median])
def test_a_solver_out_of_time_says_so(small, model):
    demand_xy, weights, candidate_xy, _ = small
    problem = plan_problem(demand(demand_xy, weights), frame([]), candidates(candidate_xy), 3_000.0)
    with pytest.raises(PlanError) as caught:
        model(problem, 3, time_limit_s=0.0)
    assert caught.value.code == "plan.solver_timeout" and caught.value.params == {"seconds": "0"}


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


@pytest.fixture(scope="module")
def demo_problem(demo_shared):
    """The Plan page's default problem on the demo: communities as candidates, a 3 km radius; and the districts."""
    published = published_path(demo_shared)
    end = read.loaded_quarters(published)[-1]
    summary = read.district_summary(published, "4q", end).set_index("dist_code")
    communities, services = read.community_points(published), read.service_points(published, "4q", end)
    problem = plan_problem(
        demand_points(residents(published), summary["eb_rate_per_100k"]),
        services[services["service_type"] == "safe_space"],
        candidate_sites("communities", communities, services, summary.index),
        3_000.0,
    )
    return problem, summary


@pytest.mark.slow
def test_on_the_demo_mclp_covers_at_least_what_greedy_does(demo_problem):
    problem, summary = demo_problem
    assert len(problem.candidates) == 2_016
    plan = solve(problem, 10, "mclp")
    assert plan.covered_after >= plan.greedy_after > plan.covered_before
    sites = site_report(problem, plan.chosen, summary.index[summary["gap"]])
    assert sites["weight_new"].sum() == pytest.approx(plan.covered_after - plan.covered_before)
    assert sites["residents_new"].sum() == pytest.approx(plan.residents_after - plan.residents_before)


def cbc_gain(problem, k: int) -> float:
    """A second oracle, for problems too large for spopt's dense model: Church and ReVelle's MCLP written here in
    PuLP on the pairs within reach (every demand point no safe space covers, every candidate, binary coverage), solved
    by CBC; its optimum is the weight the new sites add."""
    import pulp

    uncovered = ~(cdist(problem.demand_xy, problem.existing_xy) <= problem.radius_m).any(axis=1)
    reach = cdist(problem.demand_xy[uncovered], problem.candidate_xy) <= problem.radius_m
    with warnings.catch_warnings():  # PuLP 3 announces its 4.0 interface; the bundled CBC uses the 3.x one
        warnings.simplefilter("ignore", DeprecationWarning)
        site = [pulp.LpVariable(f"x{j}", cat="Binary") for j in range(reach.shape[1])]
        reached = [pulp.LpVariable(f"y{i}", cat="Binary") for i in range(reach.shape[0])]
        model = pulp.LpProblem("mclp", pulp.LpMaximize)
        model += pulp.lpSum(w * y for w, y in zip(problem.weight[uncovered], reached, strict=True))
        for y, row in zip(reached, reach, strict=True):
            model += y <= pulp.lpSum(site[j] for j in np.flatnonzero(row))
        model += pulp.lpSum(site) == k
        model.solve(pulp.PULP_CBC_CMD(msg=False))
    assert model.sol_status == pulp.LpSolutionOptimal
    return pulp.value(model.objective)


@pytest.mark.slow
def test_on_the_demo_mclp_covers_what_cbc_covers(demo_problem):
    problem, _ = demo_problem
    plan = solve(problem, 5, "mclp")
    assert plan.covered_after == pytest.approx(plan.covered_before + cbc_gain(problem, 5))

"""The gap under scenarios: Poisson resamplings, low coverage per scenario and the share, against hand computations
(scipy's gamma distribution, mapclassify, explicit loops), not the code under test."""

from __future__ import annotations

import mapclassify
import numpy as np
import pandas as pd
from scipy import stats

from geo.gap_scenarios import (
    CATCHMENTS_M,
    COVERAGE_SCENARIOS,
    DRAWS,
    MAIN,
    SEED,
    gap_shares,
    high_need_draws,
    low_coverage,
)


def test_the_scenarios_are_the_documented_set():
    assert CATCHMENTS_M == (1_000.0, 2_000.0, 3_000.0, 5_000.0)
    assert {(s.catchment_m, s.decay) for s in COVERAGE_SCENARIOS} == {
        (c, decay) for c in (1_000.0, 2_000.0, 3_000.0, 5_000.0) for decay in (False, True)
    }
    assert len(COVERAGE_SCENARIOS) * DRAWS == 160
    assert MAIN in COVERAGE_SCENARIOS and MAIN.decay and MAIN.catchment_m == 3_000.0
    assert len({s.name for s in COVERAGE_SCENARIOS}) == 8


def posterior_above_mean(cases: np.ndarray, population: np.ndarray) -> np.ndarray:
    """P(rate > Bangkok's) by hand: Marshall's moments, then scipy's Gamma posterior tail."""
    m = cases.sum() / population.sum()
    s2 = (population * (cases / population - m) ** 2).sum() / population.sum() - m / population.mean()
    if s2 <= 0:
        return np.full(len(cases), np.nan)
    return stats.gamma.sf(m, a=m**2 / s2 + cases, scale=1 / (m / s2 + population))


def test_high_need_draws_by_hand():
    rng = np.random.default_rng(5)
    population = rng.integers(20_000, 200_000, 30).astype(float)
    rates = np.where(np.arange(30) < 6, 3e-4, 1e-4)  # six districts well above the rest
    cases = np.round(population * rates * rng.uniform(0.8, 1.2, 30))
    ours = high_need_draws(cases, population)
    draws = np.random.default_rng(SEED).poisson(cases, size=(DRAWS, 30))
    expected = np.column_stack([np.round(posterior_above_mean(row, population), 1) >= 0.9 for row in draws])
    assert ours.shape == (30, DRAWS)
    np.testing.assert_array_equal(ours, expected)
    assert ours[:6].mean() > 0.8 and ours[6:].mean() < 0.2  # the raised districts, mostly, and few others


def test_unknown_counts_are_never_high_and_the_draws_do_not_depend_on_other_calls():
    cases = np.array([400.0, 50.0, np.nan, 60.0, 55.0])
    population = np.array([100_000.0, 100_000.0, 100_000.0, 100_000.0, 100_000.0])
    first = high_need_draws(cases, population, draws=10)
    np.random.default_rng(0).poisson(5, 100)  # other draws in between change nothing: the seed is the call's own
    assert not first[2].any() and first[0].all()
    np.testing.assert_array_equal(first, high_need_draws(cases, population, draws=10))


def test_low_coverage_is_the_lowest_tercile_of_each_scenario():
    rng = np.random.default_rng(9)
    access = pd.DataFrame({name: rng.gamma(2.0, 1e-4, 50) for name in ("a", "b", "c")})
    access.loc[3, "b"] = np.nan
    low = low_coverage(access)
    assert low.shape == (50, 3)
    for at, column in enumerate(access):
        known = access[column].notna().to_numpy()
        expected = mapclassify.Quantiles(access[column][known].to_numpy(), k=3).yb == 0
        np.testing.assert_array_equal(low[known, at], expected)
    assert not low[3, 1]  # unknown is not low


def test_gap_share_counts_the_pairs_by_hand():
    rng = np.random.default_rng(1)
    high, low = rng.random((12, DRAWS)) < 0.6, rng.random((12, 8)) < 0.4
    expected = [sum(high[d, r] and low[d, c] for r in range(DRAWS) for c in range(8)) / (DRAWS * 8) for d in range(12)]
    np.testing.assert_allclose(gap_shares(high, low), expected)

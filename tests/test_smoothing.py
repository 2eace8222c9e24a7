"""Empirical Bayes smoothing: esda's worked example, a hand computation, shrinkage."""

from __future__ import annotations

import libpysal
import numpy as np
import pandas as pd
import pytest

from geo.rates import rate_per_100k
from geo.smoothing import eb_rate_per_100k


def test_matches_esda_docstring_example():
    # St Louis homicides 1979-84 (HC7984 / PO7984); esda's docstring prints these risks.
    stl = pd.read_csv(libpysal.examples.get_path("stl_hom.csv"))
    expected = [2.36718950e-05, 4.54539167e-05, 4.78114019e-05, 2.76907146e-05, 6.58989323e-05]
    smoothed = eb_rate_per_100k(stl["HC7984"], stl["PO7984"])
    np.testing.assert_allclose(smoothed.iloc[:5], np.array(expected) * 100_000, rtol=1e-7)


def test_hand_computed_marshall_estimator():
    cases, population = [3, 40, 60], [2_000, 100_000, 100_000]
    # By hand: m = 103 / 202,000; r = (150, 40, 60) per 100,000;
    # s2 = sum(b (r - m)^2) / sum(b) - m / mean(b); w_i = s2 / (s2 + m / b_i).
    m = 103 / 202_000
    r = np.array([3 / 2_000, 40 / 100_000, 60 / 100_000])
    b = np.array(population, dtype=float)
    s2 = (b * (r - m) ** 2).sum() / b.sum() - m / b.mean()
    w = s2 / (s2 + m / b)
    np.testing.assert_allclose(eb_rate_per_100k(cases, population), (w * r + (1 - w) * m) * 100_000)
    assert eb_rate_per_100k(cases, population).round(1).tolist() == [55.5, 43.3, 57.3]


def test_shrinks_small_population_extremes_most():
    cases = np.array([3, 40, 60])
    population = np.array([2_000, 100_000, 100_000])
    raw = rate_per_100k(cases, population)
    smoothed = eb_rate_per_100k(cases, population)
    overall = cases.sum() / population.sum() * 100_000
    # Every rate moves towards the overall rate, the 2,000-person area by far the most.
    assert np.all(np.abs(smoothed - overall) <= np.abs(raw - overall))
    moved = np.abs(smoothed - raw) / np.abs(raw - overall)
    assert moved[0] > 0.9 > moved[1:].max()


def test_negative_between_area_variance_gives_the_overall_rate():
    # Rates this close together are within chance: esda's weights would fall
    # outside [0, 1]; the floored estimator puts all weight on the mean.
    cases, population = [10, 11, 9], [10_000, 10_000, 10_000]
    np.testing.assert_allclose(eb_rate_per_100k(cases, population), [100.0, 100.0, 100.0])


def test_no_cases_anywhere_gives_zero():
    assert eb_rate_per_100k([0, 0], [1_000, 5_000]).tolist() == [0.0, 0.0]


def test_unknown_or_zero_population_is_nan_and_left_out():
    cases = pd.Series([3, 40, 60, 7, np.nan], index=list("abcde"))
    population = pd.Series([2_000, 100_000, 100_000, 0, 50_000], index=list("abcde"))
    smoothed = eb_rate_per_100k(cases, population)
    assert smoothed.name == "eb_rate_per_100k"
    assert smoothed.index.tolist() == list("abcde")
    assert smoothed[["d", "e"]].isna().all()
    np.testing.assert_allclose(smoothed[["a", "b", "c"]], eb_rate_per_100k([3, 40, 60], [2_000, 100_000, 100_000]))


@pytest.mark.parametrize("cases", [[], [np.nan]])
def test_nothing_known_gives_nan(cases):
    assert np.isnan(eb_rate_per_100k(cases, [1_000] * len(cases))).all()

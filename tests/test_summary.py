"""The published district statistics, recomputed without the production code's libraries or constants.

The smoothed rate by Marshall's formula, contiguity from shapely, Gi* z by
Getis and Ord's formula, its permutation p by a plain resampling loop, and q
by scipy's Benjamini-Hochberg: numpy arithmetic from the snapshot's
protected cells, so a wrong call of esda or libpysal in the publish step
cannot pass by being repeated here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shapely
from scipy import stats

from db import read
from etl.demo import QUARTERS as DEMO_QUARTERS
from tests.helpers import HIDDEN_AS, query, snapshot_of

YEAR = DEMO_QUARTERS[-4:]  # the demo's default window
DRAWS = 9_999


@pytest.fixture(scope="module")
def published(demo_template) -> pd.DataFrame:
    return read.district_summary(snapshot_of(demo_template), "4q", YEAR[-1]).set_index("dist_code")


def window_sums(snapshot, quarters: list[str]) -> pd.Series:
    """Each district's sum of protected cells over ``quarters``, a hidden cell counting 2.5."""
    rows = query(
        snapshot,
        "SELECT dist_code, cases_reported, cases_reported_hidden FROM area_cells WHERE list_contains(?, quarter)",
        [quarters],
    )
    sums: dict[str, float] = {}
    for code, value, hidden in rows:
        sums[code] = sums.get(code, 0.0) + (HIDDEN_AS if hidden else value)
    return pd.Series(sums)


def marshall(cases: np.ndarray, population: np.ndarray) -> np.ndarray:
    """Global empirical Bayes rates (Marshall 1991), per person."""
    m = cases.sum() / population.sum()
    raw = cases / population
    s2 = (population * (raw - m) ** 2).sum() / population.sum() - m / population.mean()
    if s2 <= 0:
        return np.full(raw.shape, m)
    weight = s2 / (s2 + m / population)
    return weight * raw + (1 - weight) * m


def queen_neighbours(layer) -> list[np.ndarray]:
    """For each district, the positions of the districts whose outlines share at least one point with it."""
    shapes = layer.geometry.to_numpy()
    touching = shapely.intersects(shapes[:, None], shapes[None, :])
    np.fill_diagonal(touching, False)
    return [np.flatnonzero(line) for line in touching]


def gi_star_z(x: np.ndarray, neighbours: list[np.ndarray]) -> np.ndarray:
    """Getis-Ord Gi* z, binary weights with the area itself: (sum - mean W) / (s sqrt((n W - W^2) / (n - 1)))."""
    n, mean = len(x), x.mean()
    s = np.sqrt((x**2).mean() - mean**2)
    z = np.empty(n)
    for i, around in enumerate(neighbours):
        w = len(around) + 1
        z[i] = (x[i] + x[around].sum() - mean * w) / (s * np.sqrt((n * w - w**2) / (n - 1)))
    return z


def permutation_p(x: np.ndarray, neighbours: list[np.ndarray], seed: int) -> np.ndarray:
    """Two-sided conditional permutation p of Gi*: the area keeps its value, its neighbours are drawn from
    the others without replacement; twice the smaller tail share (the observed sum counted once), at most 1."""
    rng = np.random.default_rng(seed)
    p = np.empty(len(x))
    for i, around in enumerate(neighbours):
        others = np.delete(x, i)
        drawn = others[np.argsort(rng.random((DRAWS, len(others))), axis=1)[:, : len(around)]].sum(axis=1)
        observed = x[around].sum()
        tail = min((drawn >= observed).sum(), (drawn <= observed).sum())
        p[i] = min(1.0, 2 * (tail + 1) / (DRAWS + 1))
    return p


@pytest.fixture(scope="module")
def by_hand(demo_template, published) -> pd.DataFrame:
    """Smoothed rate, Gi* z and p of every district, worked out here from the snapshot's protected cells."""
    snapshot = snapshot_of(demo_template)
    layer = read.district_layer(snapshot)
    codes = layer["dist_code"].tolist()
    cases = window_sums(snapshot, YEAR).reindex(codes).to_numpy()
    population = published["population"].reindex(codes).to_numpy(dtype=float)
    smoothed = marshall(cases, population) * 100_000
    neighbours = queen_neighbours(layer)
    return pd.DataFrame(
        {
            "eb": smoothed,
            "z": gi_star_z(smoothed, neighbours),
            "p": permutation_p(smoothed, neighbours, seed=20_261_206),
            "neighbours": [len(around) for around in neighbours],
        },
        index=codes,
    )


@pytest.mark.slow
def test_every_bangkok_district_has_neighbours(by_hand):
    assert len(by_hand) == 50 and by_hand["neighbours"].between(1, 12).all()


def test_the_smoothed_rate_is_marshalls_estimate_of_the_protected_sums(published, by_hand):
    shown = published["eb_rate_per_100k"].reindex(by_hand.index).to_numpy()
    assert shown == pytest.approx(by_hand["eb"].to_numpy(), abs=0.051)  # published to one decimal
    assert not np.allclose(by_hand["eb"], by_hand["eb"].mean())  # the demo's rates vary: a real test


def test_gi_star_z_is_getis_and_ords_formula_on_the_smoothed_rates(published, by_hand):
    shown = published["gi_z"].reindex(by_hand.index).to_numpy()
    assert shown == pytest.approx(by_hand["z"].to_numpy(), abs=0.006)
    assert (by_hand["z"] > 1.96).any() and (by_hand["z"] < 0).any()


def test_gi_star_p_agrees_with_a_plain_permutation_loop(published, by_hand):
    # Two independent random streams of 9,999 draws: the same p within Monte Carlo error (sd at most 0.015).
    difference = np.abs(published["gi_p"].reindex(by_hand.index).to_numpy() - by_hand["p"].to_numpy())
    assert difference.max() < 0.05 and difference.mean() < 0.015


def test_hot_and_cold_spots_follow_the_false_discovery_rate_and_the_sign_of_z(published, by_hand):
    p = published["gi_p"].reindex(by_hand.index).to_numpy()
    q = stats.false_discovery_control(p)
    assert published["gi_q"].reindex(by_hand.index).to_numpy() == pytest.approx(q, abs=0.00006)
    side = np.where(by_hand["z"] > 0, "hot", "cold")
    level = np.where(q < 0.01, "99", "95")
    expected = np.where(q < 0.05, np.char.add(np.char.add(side, "_"), level), "not_significant")
    clear = np.abs(q - 0.01) > 0.0005  # a q this close to 1 % may round either way
    shown = published["hotspot_class"].reindex(by_hand.index).to_numpy()
    assert shown[clear].tolist() == expected[clear].tolist()
    assert (shown != "not_significant").any()  # the demo's clusters: some districts are flagged

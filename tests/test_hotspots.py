"""Gi* hot spots and local Moran clusters on grids of squares, worked by hand and against esda."""

from __future__ import annotations

import math
import warnings

import esda
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from libpysal.weights import lat2W
from shapely.geometry import box

from geo.fdr import benjamini_hochberg
from geo.hotspots import getis_ord_gi_star, global_moran, hotspot_classes, local_moran_clusters, queen_weights

# 3 x 3 grid, row by row from the north-west corner:
#   10  9  2
#    9  8  2
#    2  2  1
# n = 9, mean 5, sum of squares 343, so s^2 = 343 / 9 - 25 = 118 / 9.
GRID_3 = [10, 9, 2, 9, 8, 2, 2, 2, 1]


def grid(n: int, island: bool = False) -> gpd.GeoDataFrame:
    """An n x n grid of unit squares, ids 0.. row by row from the north-west; optionally one far island."""
    cells = [box(c, -r, c + 1, -r + 1) for r in range(n) for c in range(n)]
    if island:
        cells.append(box(100, 100, 101, 101))
    return gpd.GeoDataFrame(geometry=cells, crs="EPSG:32647")


def gi_star_by_hand(neighbourhood_sum: float, cardinality: int) -> float:
    """Gi* z on GRID_3, binary weights including self: (sum_j w_ij x_j - mean W) / (s sqrt(W (n - W) / (n - 1)))."""
    n, mean, s = 9, 5.0, math.sqrt(118 / 9)
    return (neighbourhood_sum - mean * cardinality) / (s * math.sqrt(cardinality * (n - cardinality) / (n - 1)))


def test_queen_weights_of_a_grid():
    w = queen_weights(grid(3))
    assert [w.cardinalities[i] for i in range(9)] == [3, 5, 3, 5, 8, 5, 3, 5, 3]
    assert w.transform == "O"
    assert set(np.unique(w.sparse.data)) == {1.0}


def test_queen_weights_ids_from_a_column_and_islands():
    frame = grid(2, island=True).assign(code=["a", "b", "c", "d", "z"])
    w = queen_weights(frame, id_column="code")
    assert w.id_order == ["a", "b", "c", "d", "z"]
    assert sorted(w.neighbors["a"]) == ["b", "c", "d"]
    assert w.islands == ["z"]


def test_gi_star_worked_by_hand_on_a_3x3_grid():
    gi = getis_ord_gi_star(GRID_3, queen_weights(grid(3)))
    # North-west corner: itself and 3 neighbours, 10 + 9 + 9 + 8 = 36 -> z = 48 / sqrt(295).
    assert gi_star_by_hand(36, 4) == pytest.approx(48 / math.sqrt(295))
    assert gi.loc[0, "gi_z"] == pytest.approx(48 / math.sqrt(295))  # 2.795
    # Its 3 neighbours (9, 9, 8) are the largest 3 of the other 8 values: 1 draw in C(8, 3) = 56 is as
    # high, so the exact two-sided permutation p is 2 / 56; 9,999 draws estimate it within Monte Carlo error.
    assert gi.loc[0, "gi_p"] == pytest.approx(2 / 56, abs=0.01)
    # South-east corner: 1 + 8 + 2 + 2 = 13 -> z = -21 / sqrt(295).
    assert gi.loc[8, "gi_z"] == pytest.approx(gi_star_by_hand(13, 4)) == pytest.approx(-21 / math.sqrt(295))
    assert gi.loc[8, "gi_p"] > 0.2
    # The centre's queen neighbourhood is the whole grid: zero variance, no test.
    assert np.isnan(gi.loc[4, "gi_z"]) and np.isnan(gi.loc[4, "gi_p"])


def test_gi_star_centre_by_hand_with_rook_weights():
    gi = getis_ord_gi_star(GRID_3, lat2W(3, 3))
    # Centre with rook neighbours: 8 + 9 + 9 + 2 + 2 = 30 over 5 cells -> z = 15 / sqrt(295).
    assert gi.loc[4, "gi_z"] == pytest.approx(gi_star_by_hand(30, 5)) == pytest.approx(15 / math.sqrt(295))


@pytest.mark.slow
def test_gi_star_agrees_with_esda_permutations_and_is_two_sided():
    values = np.random.default_rng(1).gamma(2.0, 10.0, 25)
    w = queen_weights(grid(5))
    direct = esda.G_Local(values, lat2W(5, 5, rook=False), transform="B", star=True, permutations=9999, seed=3)
    gi = getis_ord_gi_star(values, w)
    np.testing.assert_allclose(gi["gi_z"], direct.Zs)
    # Two different random streams of 9,999 draws: the same p within Monte Carlo error (sd about 0.012).
    difference = np.abs(gi["gi_p"] - np.minimum(1, 2 * direct.p_sim))
    assert difference.max() < 0.05 and difference.mean() < 0.015


def test_the_same_seed_gives_the_same_p_values():
    values, w = cluster_grid(), queen_weights(grid(6))
    pd.testing.assert_frame_equal(getis_ord_gi_star(values, w), getis_ord_gi_star(values, w))
    assert not getis_ord_gi_star(values, w, seed=1).equals(getis_ord_gi_star(values, w, seed=2))


def test_gi_classes_by_fdr_q_and_sign():
    z = np.array([3.0, -3.0, 2.0, -2.0, 1.7, -1.7, np.nan])
    q = np.array([0.0099, 0.0099, 0.01, 0.049, 0.05, 0.099, np.nan])
    assert hotspot_classes(z, q).tolist() == [
        "hot_99",
        "cold_99",
        "hot_95",
        "cold_95",
        "not_significant",
        "not_significant",
        "not_significant",
    ]


def cluster_grid() -> np.ndarray:
    """6 x 6 values around 10, with a 3 x 3 block of about 50 in the north-west."""
    values = 10 + np.random.default_rng(7).normal(0, 1, (6, 6))
    values[:3, :3] += 40
    return values.ravel()


def test_a_cluster_of_high_values_is_hot():
    gi = getis_ord_gi_star(cluster_grid(), queen_weights(grid(6)))
    classes = hotspot_classes(gi["gi_z"], benjamini_hochberg(gi["gi_p"])).reshape(6, 6)
    assert set(classes[:2, :2].ravel()) <= {"hot_95", "hot_99"}
    assert not any(c.startswith("hot") for c in classes[4:, 4:].ravel())


def test_values_align_by_index_with_the_weights():
    frame = grid(3).assign(code=list("abcdefghi"))
    w = queen_weights(frame, id_column="code")
    shuffled = pd.Series(GRID_3, index=list("abcdefghi")).iloc[::-1]
    assert getis_ord_gi_star(shuffled, w).index.tolist() == list("abcdefghi")
    pd.testing.assert_frame_equal(getis_ord_gi_star(shuffled, w), getis_ord_gi_star(GRID_3, w))
    with pytest.raises(ValueError, match="no value"):
        getis_ord_gi_star(shuffled.iloc[1:], w)
    with pytest.raises(ValueError, match="finite"):
        getis_ord_gi_star([np.nan, *GRID_3[1:]], w)


def test_islands_are_never_significant():
    w = queen_weights(grid(3, island=True))
    values = [*GRID_3, 100.0]  # an extreme island
    gi = getis_ord_gi_star(values, w)
    lisa = local_moran_clusters(values, w)
    assert np.isnan(gi.loc[9, "gi_z"]) and np.isnan(gi.loc[9, "gi_p"])
    assert np.isnan(lisa.loc[9, "lisa_p"]) and lisa.loc[9, "lisa_class"] == "not_significant"


def test_lisa_finds_the_high_high_cluster():
    lisa = local_moran_clusters(cluster_grid(), queen_weights(grid(6)))
    classes = lisa["lisa_class"].to_numpy().reshape(6, 6)
    assert classes[0, 0] == classes[1, 1] == "high_high"
    assert "high_high" not in classes[3:, 3:]


def test_lisa_is_deterministic_under_its_seed():
    values = np.random.default_rng(3).gamma(2.0, 10.0, 36)
    w = queen_weights(grid(6))
    first, again = local_moran_clusters(values, w, seed=42), local_moran_clusters(values, w, seed=42)
    pd.testing.assert_frame_equal(first, again)
    other = local_moran_clusters(values, w, seed=43)
    np.testing.assert_allclose(other["lisa_i"], first["lisa_i"])
    assert not np.array_equal(other["lisa_p"], first["lisa_p"])


def test_lisa_agrees_with_esda_and_leaves_weights_and_global_random_state_alone():
    values = np.random.default_rng(5).gamma(2.0, 10.0, 36)
    w = queen_weights(grid(6))
    before = np.random.get_state()[1].copy()
    lisa = local_moran_clusters(values, w, seed=9)
    assert w.transform == "O"
    np.testing.assert_array_equal(np.random.get_state()[1], before)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        direct = esda.Moran_Local(values, lat2W(6, 6, rook=False), permutations=999, seed=9)
    np.testing.assert_allclose(lisa["lisa_i"], direct.Is)
    np.testing.assert_allclose(lisa["lisa_p"], direct.p_sim)
    quadrants = {1: "high_high", 2: "low_high", 3: "low_low", 4: "high_low"}
    expected = [quadrants[q] if p < 0.05 else "not_significant" for q, p in zip(direct.q, direct.p_sim, strict=True)]
    assert lisa["lisa_class"].tolist() == expected


def test_constant_values_have_no_clusters_or_hot_spots():
    w = queen_weights(grid(3))
    lisa = local_moran_clusters([5.0] * 9, w)
    assert set(lisa["lisa_class"]) == {"not_significant"}
    assert lisa["lisa_p"].isna().all()
    gi = getis_ord_gi_star([5.0] * 9, w)
    assert gi["gi_p"].isna().all()  # nothing to test, so nothing to flag
    assert set(hotspot_classes(gi["gi_z"], benjamini_hochberg(gi["gi_p"]))) == {"not_significant"}


def test_global_moran_sees_the_cluster_and_is_calibrated_on_noise():
    w = queen_weights(grid(6))
    clustered, p_clustered = global_moran(cluster_grid(), w)
    assert clustered > 0.3 and p_clustered <= 0.01
    # On maps of pure noise a two-sided p falls below 0.05 about one time in twenty.
    noise = [global_moran(np.random.default_rng(seed).normal(10, 1, 36), w)[1] for seed in range(100)]
    assert 0.0 < np.mean(np.array(noise) < 0.05) < 0.12
    direct = esda.Moran(cluster_grid(), lat2W(6, 6, rook=False), transformation="r", permutations=0)
    assert clustered == pytest.approx(direct.I)

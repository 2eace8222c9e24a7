"""Local spatial statistics on district polygons: Getis-Ord Gi* hot spots and local Moran clusters.

Both take values aligned with a libpysal ``W``: a pandas Series is reordered
by its index to ``w.id_order``; anything else must already be in that order.
An island (an area with no neighbour) has no neighbourhood to test, so it is
always ``not_significant`` with NaN statistics: esda would otherwise report
an island's own value as a significant hot spot or outlier.
"""

from __future__ import annotations

import copy
import functools
import warnings

import esda
import geopandas as gpd
import numpy as np
import pandas as pd
from libpysal.weights import Queen, W
from numpy.typing import ArrayLike

__all__ = [
    "GI_LEVELS",
    "LISA_QUADRANTS",
    "getis_ord_gi_star",
    "global_moran",
    "hotspot_classes",
    "local_moran_clusters",
    "queen_weights",
]

# (FDR-adjusted q below, label suffix), strictest first.
GI_LEVELS = ((0.01, "99"), (0.05, "95"))
# esda's Moran_Local quadrants: 1 HH, 2 LH, 3 LL, 4 HL.
LISA_QUADRANTS = {1: "high_high", 2: "low_high", 3: "low_low", 4: "high_low"}
NOT_SIGNIFICANT = "not_significant"


def queen_weights(gdf: gpd.GeoDataFrame, id_column: str | None = None) -> W:
    """Binary queen contiguity of polygons: areas sharing an edge or a corner are neighbours.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Polygons, such as Bangkok's 50 districts.
    id_column : str, optional
        Column holding the ids (e.g. ``"dist_code"``); the index when omitted.

    Returns
    -------
    libpysal.weights.W
        Binary weights with ids in the order of ``gdf``. Islands are listed in
        ``w.islands`` (without the warning libpysal would print).

    Examples
    --------
    >>> from shapely.geometry import box
    >>> grid = gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1), box(1, 0, 2, 1), box(5, 5, 6, 6)],
    ...                         index=["a", "b", "c"])
    >>> w = queen_weights(grid)
    >>> w.neighbors["a"], w.islands
    (['b'], ['c'])
    """
    ids = gdf.index.tolist() if id_column is None else gdf[id_column].tolist()
    return Queen.from_dataframe(gdf, ids=ids, silence_warnings=True)


def _aligned(values: ArrayLike, w: W) -> np.ndarray:
    """``values`` in the order of ``w.id_order``, as finite floats."""
    if isinstance(values, pd.Series):
        missing = set(w.id_order) - set(values.index)
        if missing:
            raise ValueError(
                f"no value for {len(missing)} area(s) of the weights, e.g. {sorted(map(str, missing))[:3]}"
            )
        values = values.reindex(w.id_order)
    array = np.asarray(values, dtype=float)
    if array.shape != (w.n,):
        raise ValueError(f"expected {w.n} values, one per area of the weights; got shape {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError("values must be finite: fill or drop missing areas before the weights are built")
    return array


def _islands(w: W) -> np.ndarray:
    return np.isin(np.asarray(w.id_order, dtype=object), np.asarray(w.islands, dtype=object))


@functools.lru_cache(maxsize=8)
def _random_orders(n: int, permutations: int, seed: int) -> np.ndarray:
    """``permutations`` random orders of ``n`` items from ``seed``: the same draws for the same arguments,
    computed once per process (a publish tests dozens of windows over the same districts)."""
    orders = np.argsort(np.random.default_rng(seed).random((permutations, n)), axis=1)
    orders.flags.writeable = False
    return orders


@functools.lru_cache(maxsize=32)
def _first_of_orders(n: int, permutations: int, seed: int, k: int) -> np.ndarray:
    """The first ``k`` items of each of :func:`_random_orders`, as a contiguous array: the draws of ``k``
    neighbours, kept once per process (gathering through a contiguous ``take`` is faster than a slice)."""
    first = np.ascontiguousarray(_random_orders(n, permutations, seed)[:, :k])
    first.flags.writeable = False
    return first


def _conditional_sums(y: np.ndarray, w: W, permutations: int, seed: int) -> np.ndarray:
    """For each area, the sums of its neighbours' values under ``permutations`` conditional permutations.

    The area's own value stays; its ``k`` neighbours' values are drawn
    without replacement from the other ``n - 1`` values. One set of random
    orders serves every area (as esda's ``crand`` does), so the work is a
    gather per area. Returns an array (areas, permutations); islands get 0.
    """
    sums = np.zeros((w.n, permutations))
    for at, area in enumerate(w.id_order):
        k = len(w.neighbors[area])
        if k:  # the first k of a random order of the others, per draw
            sums[at] = np.delete(y, at).take(_first_of_orders(w.n - 1, permutations, seed, k)).sum(axis=1)
    return sums


def getis_ord_gi_star(values: ArrayLike, w: W, permutations: int = 9999, seed: int = 12345) -> pd.DataFrame:
    """Getis-Ord local Gi*: is each area, with its neighbours, unusually high or low?

    Binary weights with the area itself included (esda's ``star=True``).
    ``gi_z`` is esda's analytical z-score, shown for its sign and size.
    Inference is by conditional permutation: the area's value stays, its
    neighbours' are drawn from the other areas ``permutations`` times from a
    fixed ``seed``; ``gi_p`` is the two-sided pseudo p-value, twice the share
    of draws at least as extreme on the observed side (with the observed
    value counted once, as esda does), capped at 1. Control the false
    discovery rate across areas with :func:`geo.fdr.benjamini_hochberg` and
    classify with :func:`hotspot_classes`.

    An area whose neighbourhood is every area (the centre of a 3 x 3 grid)
    has zero variance under the null, and an island has no neighbourhood:
    neither is tested (z and p NaN).

    Parameters
    ----------
    values : array-like or pandas.Series
        A non-negative value per area (such as a smoothed rate), aligned with ``w``.
    w : libpysal.weights.W
        Contiguity weights, e.g. from :func:`queen_weights`; not modified.
    permutations : int
        Conditional permutations (9,999 resolve p down to 0.0001).
    seed : int
        Seed of the permutations: the same data always give the same p.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``w.id_order``: ``gi_z`` and ``gi_p``.

    Examples
    --------
    >>> from libpysal.weights import lat2W
    >>> gi = getis_ord_gi_star([10, 9, 2, 9, 8, 2, 2, 2, 1], lat2W(3, 3), permutations=999)
    >>> gi.round(2).iloc[[0, 4, 8]]
       gi_z  gi_p
    0  2.39  0.08
    4  0.87  0.88
    8 -1.84  0.41
    """
    y = _aligned(values, w)
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        # Zero-variance rows give NaN, and islands a "not fully connected" warning: both handled below.
        warnings.filterwarnings("ignore", "The weights matrix is not fully connected", UserWarning)
        gi = esda.G_Local(y, copy.deepcopy(w), transform="B", star=True, permutations=0)  # esda may re-transform w
    islands = _islands(w)
    binary = copy.deepcopy(w)
    binary.transform = "B"
    observed = y + binary.sparse @ y  # the area's own value plus its neighbours' values
    simulated = y[:, None] + _conditional_sums(y, w, permutations, seed)
    above = (simulated >= observed[:, None] - 1e-12).sum(axis=1)
    below = (simulated <= observed[:, None] + 1e-12).sum(axis=1)
    p = np.minimum(1.0, 2 * (np.minimum(above, below) + 1) / (permutations + 1))
    z = np.where(islands, np.nan, gi.Zs)
    untestable = islands | ~np.isfinite(z)  # no neighbour, or a neighbourhood that is every area
    return pd.DataFrame({"gi_z": z, "gi_p": np.where(untestable, np.nan, p)}, index=pd.Index(w.id_order))


def hotspot_classes(z: ArrayLike, q: ArrayLike) -> np.ndarray:
    """Hot and cold spot classes from the sign of Gi*'s z and its FDR-adjusted q-value.

    ``hot_99``/``cold_99`` for q < 0.01, ``hot_95``/``cold_95`` for q < 0.05,
    else ``not_significant`` (also where q is NaN).

    >>> hotspot_classes([2.9, 2.1, -2.5, 1.0, np.nan], [0.004, 0.03, 0.02, 0.3, np.nan]).tolist()
    ['hot_99', 'hot_95', 'cold_95', 'not_significant', 'not_significant']
    """
    z, q = np.asarray(z, dtype=float), np.asarray(q, dtype=float)
    classes = np.full(z.shape, NOT_SIGNIFICANT, dtype=object)
    for level, suffix in reversed(GI_LEVELS):  # loosest first, so stricter levels overwrite
        hit = q < level  # NaN compares False
        classes[hit] = np.where(z[hit] > 0, f"hot_{suffix}", f"cold_{suffix}")
    return classes


def local_moran_clusters(
    values: ArrayLike, w: W, seed: int = 12345, permutations: int = 999, alpha: float = 0.05
) -> pd.DataFrame:
    """Local Moran's I (LISA) clusters and outliers, with a reproducible permutation test.

    Row-standardised weights; conditional permutation pseudo p-values from a
    fixed ``seed``, so the same data always gives the same classes. ``p_sim``
    is esda's folded pseudo p-value (the share of permutations at least as
    extreme on the observed side, as in GeoDa), not a two-sided one.

    Parameters
    ----------
    values : array-like or pandas.Series
        A value per area, aligned with ``w``.
    w : libpysal.weights.W
        Contiguity weights, e.g. from :func:`queen_weights`; not modified
        (esda would row-standardise it in place, so a copy is used). Nor is
        numpy's global random state, which esda reseeds.
    seed : int
        Seed of the permutations.
    permutations : int
        Number of conditional permutations.
    alpha : float
        Significance level for the pseudo p-value ``p_sim``.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``w.id_order``: ``lisa_i`` (local I), ``lisa_p`` (pseudo
        p-value) and ``lisa_class``: ``high_high``, ``low_low`` (clusters),
        ``high_low``, ``low_high`` (outliers) when ``lisa_p < alpha``, else
        ``not_significant``.

    Examples
    --------
    A 6 x 6 grid falling from 9 in the west to 1 in the east:

    >>> from libpysal.weights import lat2W
    >>> lisa = local_moran_clusters([9, 8, 7, 3, 2, 1] * 6, lat2W(6, 6, rook=False))
    >>> lisa["lisa_class"].value_counts().sort_index().to_dict()
    {'high_high': 12, 'low_low': 12, 'not_significant': 12}
    """
    y = _aligned(values, w)
    global_state = np.random.get_state()  # esda seeds numpy's global generator with ``seed``
    try:
        with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
            warnings.simplefilter("ignore", RuntimeWarning)  # constant values: z is 0/0, all NaN below
            # esda 2.x keeps its folded ("directed") p_sim and warns on every call that this will change.
            warnings.filterwarnings("ignore", "The alternative hypothesis", DeprecationWarning)
            lisa = esda.Moran_Local(y, copy.deepcopy(w), transformation="r", permutations=permutations, seed=seed)
    finally:
        np.random.set_state(global_state)
    islands = _islands(w)
    local_i = np.where(islands, np.nan, lisa.Is)
    p = np.where(islands | ~np.isfinite(lisa.Is), np.nan, lisa.p_sim)
    quadrant = pd.Series(lisa.q).map(LISA_QUADRANTS).to_numpy(dtype=object)
    classes = np.where(p < alpha, quadrant, NOT_SIGNIFICANT)
    return pd.DataFrame(
        {"lisa_i": local_i, "lisa_p": p, "lisa_quadrant": quadrant, "lisa_class": classes}, index=pd.Index(w.id_order)
    )


def global_moran(values: ArrayLike, w: W, seed: int = 12345, permutations: int = 999) -> tuple[float, float]:
    """Global Moran's I of ``values`` on row-standardised ``w`` and its two-sided permutation p-value:
    is the map as a whole clustered, or dispersed?

    ``I = (n / S0) z'Wz / z'z`` for the deviations ``z`` from the mean; the
    p-value is twice the share of ``permutations`` random relabellings (from
    ``seed``) at least as extreme on the observed side, the observed map
    counted once, capped at 1.

    >>> from libpysal.weights import lat2W
    >>> i, p = global_moran([9, 8, 7, 3, 2, 1] * 6, lat2W(6, 6))
    >>> round(i, 2), p
    (0.89, 0.002)
    """
    y = _aligned(values, w)
    standardised = copy.deepcopy(w)
    standardised.transform = "R"
    matrix = standardised.sparse
    z = y - y.mean()
    if not np.any(z):
        return float("nan"), float("nan")
    scale = w.n / matrix.sum() / (z @ z)
    observed = scale * (z @ (matrix @ z))
    shuffled = z[_random_orders(w.n, permutations, seed)]  # (permutations, n)
    simulated = scale * np.einsum("pi,pi->p", shuffled, (matrix @ shuffled.T).T)
    extreme = (simulated >= observed).sum() if observed >= simulated.mean() else (simulated <= observed).sum()
    return float(observed), float(min(1.0, 2 * (extreme + 1) / (permutations + 1)))

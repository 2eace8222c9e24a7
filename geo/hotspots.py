"""Local spatial statistics on district polygons: Getis-Ord Gi* hot spots and local Moran clusters.

Both take values aligned with a libpysal ``W``: a pandas Series is reordered
by its index to ``w.id_order``; anything else must already be in that order.
An island (an area with no neighbour) has no neighbourhood to test, so it is
always ``not_significant`` with NaN statistics: esda would otherwise report
an island's own value as a significant hot spot or outlier.
"""

from __future__ import annotations

import copy
import warnings

import esda
import geopandas as gpd
import numpy as np
import pandas as pd
from libpysal.weights import Queen, W
from numpy.typing import ArrayLike
from scipy import stats

__all__ = [
    "GI_LEVELS",
    "LISA_QUADRANTS",
    "getis_ord_gi_star",
    "local_moran_clusters",
    "queen_weights",
]

# (two-sided p below, label suffix), strictest first.
GI_LEVELS = ((0.01, "99"), (0.05, "95"), (0.10, "90"))
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


def _gi_class(z: np.ndarray, p: np.ndarray) -> np.ndarray:
    classes = np.full(z.shape, NOT_SIGNIFICANT, dtype=object)
    for level, suffix in reversed(GI_LEVELS):  # loosest first, so stricter levels overwrite
        hit = p < level  # NaN compares False
        classes[hit] = np.where(z[hit] > 0, f"hot_{suffix}", f"cold_{suffix}")
    return classes


def getis_ord_gi_star(values: ArrayLike, w: W) -> pd.DataFrame:
    """Getis-Ord local Gi*: is each area, with its neighbours, unusually high or low?

    Binary weights with the area itself included (esda's ``star=True`` sets
    the self-weight to 1 when the diagonal of binary weights is empty), and
    analytical inference: ``gi_z`` is esda's ``Zs``, ``gi_p`` the two-sided
    normal p-value ``2 (1 - Phi(|z|))`` (esda's ``p_norm`` is one-sided).

    An area whose neighbourhood is every area (the centre of a 3 x 3 grid)
    has zero variance under the null: its z is NaN and it is not significant.

    Parameters
    ----------
    values : array-like or pandas.Series
        A non-negative value per area (such as a smoothed rate), aligned with ``w``.
    w : libpysal.weights.W
        Contiguity weights, e.g. from :func:`queen_weights`; not modified.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``w.id_order``: ``gi_z``, ``gi_p`` and ``hotspot_class``, one
        of ``hot_99``, ``hot_95``, ``hot_90``, ``cold_99``, ``cold_95``,
        ``cold_90`` (p < 0.01, 0.05, 0.10; sign of z) or ``not_significant``.

    Examples
    --------
    >>> from libpysal.weights import lat2W
    >>> gi = getis_ord_gi_star([10, 9, 2, 9, 8, 2, 2, 2, 1], lat2W(3, 3))
    >>> gi.round(2).iloc[[0, 4, 8]]
       gi_z  gi_p    hotspot_class
    0  2.39  0.02           hot_95
    4  0.87  0.38  not_significant
    8 -1.84  0.07          cold_90
    """
    y = _aligned(values, w)
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        # Zero-variance rows give NaN, and islands a "not fully connected" warning: both handled below.
        warnings.filterwarnings("ignore", "The weights matrix is not fully connected", UserWarning)
        gi = esda.G_Local(y, copy.deepcopy(w), transform="B", star=True, permutations=0)  # esda may re-transform w
    z = np.where(_islands(w), np.nan, gi.Zs)
    p = 2 * stats.norm.sf(np.abs(z))
    return pd.DataFrame({"gi_z": z, "gi_p": p, "hotspot_class": _gi_class(z, p)}, index=pd.Index(w.id_order))


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
    return pd.DataFrame({"lisa_i": local_i, "lisa_p": p, "lisa_class": classes}, index=pd.Index(w.id_order))

"""Class breaks for maps: the one place that decides where classes start and end.

Computed in the publish step (mapclassify imports scipy, which viewers'
pages do not load); pages colour areas with the published bounds
(:func:`geo.rates.classify`).
"""

from __future__ import annotations

import math
import warnings

import mapclassify
import numpy as np
import pandas as pd

from core.codes import CLASS_SCHEMES

__all__ = ["SCHEMES", "quantile_breaks", "scheme_breaks"]

SCHEMES = CLASS_SCHEMES
# Fisher-Jenks natural breaks are exact (no random start), so the same values give the same classes.
_CLASSIFIERS = {
    "quantiles": mapclassify.Quantiles,
    "natural_breaks": mapclassify.FisherJenks,
    "equal_interval": mapclassify.EqualInterval,
}


def _two_significant(value: float) -> float:
    """Round up to two significant figures, so legend breaks read easily."""
    if value <= 0:
        return 0.0
    step = 10.0 ** (math.floor(math.log10(value)) - 1)
    return round(math.ceil(round(value / step, 9)) * step, 12)


def quantile_breaks(values, k: int = 5) -> list[float]:
    """Upper bounds of up to ``k`` classes with about equal numbers of areas.

    Bounds are rounded up to two significant figures and repeated bounds are
    dropped, so several areas at zero give fewer classes, not empty ones.
    NaN values are ignored; no finite value gives no classes.

    Examples
    --------
    >>> quantile_breaks([0, 0, 3.1, 7.9, 12.2, 25.4, 33.0, 51.7, np.nan], k=4)
    [2.4, 11.0, 28.0, 52.0]
    >>> quantile_breaks([np.nan])
    []
    """
    finite = np.asarray(values, dtype=float)
    finite = finite[np.isfinite(finite)]
    if finite.size == 0:
        return []
    bounds = np.quantile(finite, np.arange(1, k + 1) / k)
    return sorted({_two_significant(float(b)) for b in bounds})


def scheme_breaks(values: pd.Series, scheme: str, k: int = 5) -> list[float]:
    """Upper bounds of up to ``k`` classes of the finite ``values`` by a mapclassify scheme.

    ``scheme`` is one of :data:`SCHEMES`. With ``k`` or fewer distinct values each
    value is its own class; without any finite value there are no classes.

    >>> scheme_breaks(pd.Series([1, 2, 3, 10, 11, 12, np.nan]), "natural_breaks", k=2)
    [3.0, 12.0]
    >>> scheme_breaks(pd.Series([0, 10, 20, 40]), "equal_interval", k=2)
    [20.0, 40.0]
    >>> scheme_breaks(pd.Series([5.0, 5.0, np.nan]), "quantiles")
    [5.0]
    """
    finite = values.to_numpy(dtype=float)
    finite = finite[np.isfinite(finite)]
    distinct = np.unique(finite)
    if distinct.size <= k:
        return distinct.tolist()
    with warnings.catch_warnings():  # Fisher-Jenks of 50 districts needs no compiler
        warnings.filterwarnings("ignore", "Numba not installed", UserWarning)
        warnings.filterwarnings("ignore", "Not enough unique values", UserWarning)  # ties: fewer classes, fine
        return [float(b) for b in _CLASSIFIERS[scheme](finite, k=k).bins]

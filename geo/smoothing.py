"""Empirical Bayes rate smoothing: steadier rates for areas with few people.

A district or community with a small population can show an extreme rate from
one or two cases. Global empirical Bayes (Marshall 1991) pulls each raw rate
towards the overall rate, the more so the smaller its population.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from esda.smoothing import Empirical_Bayes
from numpy.typing import ArrayLike
from scipy.special import gammaincc

__all__ = ["eb_rate_per_100k", "exceedance_probability"]


def _between_area_variance(cases: np.ndarray, population: np.ndarray) -> float:
    """Marshall's estimate of the variance of the true rates (may be negative)."""
    mean = cases.sum() / population.sum()
    raw = cases / population
    return float((population * (raw - mean) ** 2).sum() / population.sum() - mean / population.mean())


def eb_rate_per_100k(cases: ArrayLike, population: ArrayLike) -> np.ndarray | pd.Series:
    """Global empirical Bayes smoothed rate per 100,000 people (Marshall's estimator).

    With overall rate ``m = sum(cases) / sum(population)`` and between-area
    variance ``s2 = sum(b (r - m)^2) / sum(b) - m / mean(b)``, each area's raw
    rate ``r_i`` becomes ``w_i r_i + (1 - w_i) m`` with
    ``w_i = s2 / (s2 + m / b_i)``: small populations lean on ``m``.

    The arithmetic is esda's ``Empirical_Bayes``. esda does not floor ``s2``
    at zero; when it is negative (the rates vary no more than chance alone
    would make them) this function returns ``m`` for every area, as Marshall's
    estimator prescribes, instead of esda's weights outside [0, 1].

    Parameters
    ----------
    cases : array-like or pandas.Series
        Case counts; NaN where unknown.
    population : array-like or pandas.Series
        Population at risk of the same areas; zero, negative or missing gives NaN.

    Returns
    -------
    numpy.ndarray or pandas.Series
        Smoothed rates per 100,000; a Series with the index of ``cases`` when
        ``cases`` is one. Areas with unknown cases or population are NaN and
        take no part in the estimate of ``m`` and ``s2``.

    Examples
    --------
    Raw rates are 150, 40 and 60 per 100,000; the 2,000-person area's 150
    falls almost to the overall 51, the large areas barely move:

    >>> eb_rate_per_100k([3, 40, 60], [2_000, 100_000, 100_000]).round(1).tolist()
    [55.5, 43.3, 57.3]
    """
    e = np.asarray(cases, dtype=float)
    b = np.asarray(population, dtype=float)
    valid = np.isfinite(e) & np.isfinite(b) & (b > 0)
    smoothed = np.full(e.shape, np.nan)
    if valid.any():
        if _between_area_variance(e[valid], b[valid]) > 0:
            smoothed[valid] = Empirical_Bayes(e[valid], b[valid]).r.ravel()
        else:
            smoothed[valid] = e[valid].sum() / b[valid].sum()
    rates = smoothed * 100_000
    return pd.Series(rates, index=cases.index, name="eb_rate_per_100k") if isinstance(cases, pd.Series) else rates


def exceedance_probability(cases: ArrayLike, population: ArrayLike) -> np.ndarray:
    """Posterior probability that each area's true rate exceeds the overall rate, under the Poisson-Gamma
    model behind the smoothing.

    The prior of the true rates is the Gamma distribution with the smoothing's mean ``m`` and
    between-area variance ``s2`` (shape ``m^2 / s2``, rate ``m / s2``); with ``y`` cases among ``b``
    people the posterior is Gamma(``m^2 / s2 + y``, ``m / s2 + b``), whose mean is the smoothed rate,
    and the probability is its upper tail above ``m`` (Clayton & Kaldor 1987; Richardson et al. 2004
    for "excess risk" probabilities). An absolute measure: unlike terciles, it flags no district when
    none stands out. NaN for unknown areas, and for all when ``s2`` is not positive (the rates vary no
    more than chance alone would make them).

    Examples
    --------
    >>> exceedance_probability([3, 40, 60], [2_000, 100_000, 100_000]).round(3).tolist()
    [0.635, 0.086, 0.841]
    """
    e = np.asarray(cases, dtype=float)
    b = np.asarray(population, dtype=float)
    valid = np.isfinite(e) & np.isfinite(b) & (b > 0)
    probability = np.full(e.shape, np.nan)
    if valid.any():
        variance = _between_area_variance(e[valid], b[valid])
        if variance > 0:
            mean = e[valid].sum() / b[valid].sum()
            shape, rate = mean**2 / variance, mean / variance
            probability[valid] = gammaincc(shape + e[valid], (rate + b[valid]) * mean)
    return probability

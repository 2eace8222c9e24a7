"""Rates and the class of a value given class bounds: pure, vectorised arithmetic (no scipy)."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["classify", "rate_per_100k"]


def rate_per_100k(cases, population):
    """Cases per 100,000 people, element by element.

    Parameters
    ----------
    cases : array-like or pandas.Series
        Case counts; NaN where unknown.
    population : array-like or pandas.Series
        Population of the same areas; zero, negative or missing gives NaN.

    Returns
    -------
    numpy.ndarray or pandas.Series
        Floats; a Series with the index of ``cases`` when ``cases`` is one.

    Examples
    --------
    >>> rate_per_100k([10, 0, 3], [50_000, 80_000, 0]).tolist()
    [20.0, 0.0, nan]
    """
    numerator = np.asarray(cases, dtype=float)
    denominator = np.asarray(population, dtype=float)
    valid = np.isfinite(denominator) & (denominator > 0)
    rates = np.divide(numerator * 100_000, denominator, out=np.full(numerator.shape, np.nan), where=valid)
    return pd.Series(rates, index=cases.index, name="rate_per_100k") if isinstance(cases, pd.Series) else rates


def classify(values, breaks: list[float]) -> np.ndarray:
    """Class of each value: the index of the first upper bound it does not exceed; -1 for NaN.

    Examples
    --------
    >>> classify([0.0, 3.1, 3.2, 60.0, np.nan], [3.1, 13.0, 52.0]).tolist()
    [0, 0, 1, 2, -1]
    """
    array = np.asarray(values, dtype=float)
    classes = np.minimum(np.searchsorted(np.asarray(breaks, dtype=float), array, side="left"), len(breaks) - 1)
    return np.where(np.isfinite(array), classes, -1)

"""Where need outruns help: referral gaps and the need x coverage bivariate classes.

Need is absolute: its class is read off the probability that a district's
rate exceeds Bangkok's (:func:`geo.smoothing.exceedance_probability`), so no
district is "high need" when none stands out (terciles would always flag a
third). Coverage is relative: its class is the tercile of accessibility,
since the question it answers is where the existing supply is thinnest.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

__all__ = ["NEED_HIGH", "NEED_LOW", "bivariate_class", "need_classes", "referral_gap", "terciles"]

NEED_HIGH = 0.9  # need_prob (in tenths, as published) from which need is high: the rate is likely above Bangkok's
NEED_LOW = 0.1  # ... up to which need is low: the rate is likely below Bangkok's


def _series(values: ArrayLike, index: pd.Index | None = None) -> pd.Series:
    """Float Series: a Series keeps (or is aligned to ``index``) by label, anything else is taken by position."""
    if isinstance(values, pd.Series):
        return (values if index is None else values.reindex(index)).astype(float)
    return pd.Series(np.asarray(values, dtype=float), index=index)


def referral_gap(reported: ArrayLike, referred: ArrayLike) -> pd.DataFrame:
    """Reported cases not referred on, and the share referred.

    Parameters
    ----------
    reported : array-like or pandas.Series
        Cases reported.
    referred : array-like or pandas.Series
        Of those, cases referred to a service; NaN where unknown.

    Returns
    -------
    pandas.DataFrame
        ``unreferred`` (reported minus referred) and ``referral_rate``
        (referred / reported, NaN when nothing was reported or the referrals
        are unknown), with the index of ``reported`` when it is a Series (a
        Series ``referred`` is then aligned to it by label).
        Nothing is clipped: more referrals than reports shows as a negative
        ``unreferred``, a data problem to fix at the source.

    Examples
    --------
    >>> referral_gap([10, 0, 4], [7, 0, None])
       unreferred  referral_rate
    0         3.0            0.7
    1         0.0            NaN
    2         NaN            NaN
    """
    cases = _series(reported)
    sent = _series(referred, cases.index)
    return pd.DataFrame({"unreferred": cases - sent, "referral_rate": (sent / cases).where(cases > 0)})


def terciles(values: ArrayLike) -> pd.Series:
    """Tercile class of each value: 1 low, 2 mid, 3 high; missing for NaN.

    Breaks are the 1/3 and 2/3 quantiles of the finite values (numpy's
    linear interpolation) and a value equal to a break falls in the lower
    class: the classes of ``mapclassify.Quantiles(k=3)``, computed here so
    that NaN is allowed. Equal values always share a class, so with many
    ties a class may be empty (e.g. many zeros: all in class 1); values all
    equal are all class 1.

    Parameters
    ----------
    values : array-like or pandas.Series
        Numbers; NaN where unknown.

    Returns
    -------
    pandas.Series
        ``Int64`` classes 1-3 (``<NA>`` for NaN), with the index of ``values``
        when it is a Series.

    Examples
    --------
    >>> terciles([5, 1, 9, 3, 7, 2, np.nan, 8, 4, 6]).tolist()
    [2, 1, 3, 1, 3, 1, <NA>, 3, 2, 2]
    >>> terciles([0, 0, 0, 0, 0, 0, 1, 2, 3]).tolist()
    [1, 1, 1, 1, 1, 1, 3, 3, 3]
    """
    series = _series(values)
    array = series.to_numpy()
    finite = np.isfinite(array)
    classes = np.ones(len(array), dtype="int64")
    if finite.any():
        low, high = np.quantile(array[finite], [1 / 3, 2 / 3])
        classes += (array > low).astype(int) + (array > high).astype(int)  # NaN compares False; masked below
    return _classes(classes, ~finite, series.index)


def _classes(values: np.ndarray, missing: np.ndarray, index: pd.Index) -> pd.Series:
    """``Int64`` classes from integer ``values``, ``<NA>`` where ``missing``: built at once, not set by mask."""
    return pd.Series(pd.arrays.IntegerArray(values.astype("int64"), missing), index=index)


def need_classes(probability: ArrayLike) -> pd.Series:
    """Need class from the probability that the rate exceeds Bangkok's: 3 high, 2 unclear, 1 low.

    The probability is read in tenths, as published (numpy's rounding), so
    the class agrees with the figure a reader sees: 3 from :data:`NEED_HIGH`
    (0.9) up, 1 up to :data:`NEED_LOW` (0.1), 2 between.

    Parameters
    ----------
    probability : array-like or pandas.Series
        Probabilities; NaN where unknown.

    Returns
    -------
    pandas.Series
        ``Int64`` classes (``<NA>`` for NaN), with the index of
        ``probability`` when it is a Series.

    Examples
    --------
    >>> need_classes([0.97, 0.86, 0.84, 0.5, 0.14, 0.02, np.nan]).tolist()
    [3, 3, 2, 2, 1, 1, <NA>]
    """
    tenths = _series(probability).round(1)
    values = tenths.to_numpy()
    classes = np.select([values >= NEED_HIGH, values <= NEED_LOW], [3, 1], 2)
    return _classes(classes, np.isnan(values), tenths.index)


def bivariate_class(need_prob: ArrayLike, coverage: ArrayLike) -> pd.DataFrame:
    """Need and coverage classes side by side, and their bivariate class.

    Parameters
    ----------
    need_prob : array-like or pandas.Series
        The probability that each area's rate exceeds Bangkok's.
    coverage : array-like or pandas.Series
        Coverage per area, such as two-step floating catchment accessibility.

    Returns
    -------
    pandas.DataFrame
        ``need_class`` (:func:`need_classes`) and ``coverage_class``
        (:func:`terciles`), and ``gap_class`` as ``"<need>-<coverage>"``
        (``"3-1"``: high need, low coverage; missing when either is unknown).
        Indexed like ``need_prob`` when it is a Series; a Series ``coverage``
        is then aligned to it by label, anything else by position. Whether a
        district is a gap is decided over scenarios
        (:mod:`geo.gap_scenarios`), not from this one class.

    Examples
    --------
    >>> bivariate_class([0.95, 0.02, 0.5], [0.1, 0.9, 0.5])
       need_class  coverage_class gap_class
    0           3               1       3-1
    1           1               3       1-3
    2           2               2       2-2
    """
    need_class = need_classes(need_prob)
    coverage_class = terciles(_series(coverage, need_class.index))
    known = need_class.notna() & coverage_class.notna()
    gap_class = (need_class.astype(str) + "-" + coverage_class.astype(str)).where(known)
    return pd.DataFrame({"need_class": need_class, "coverage_class": coverage_class, "gap_class": gap_class})

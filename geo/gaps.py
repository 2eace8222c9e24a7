"""Where need outruns help: referral gaps and the need x coverage bivariate classes."""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

__all__ = ["bivariate_class", "referral_gap", "terciles"]


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
    classes = pd.Series(pd.NA, index=series.index, dtype="Int64")
    if finite.any():
        low, high = np.quantile(array[finite], [1 / 3, 2 / 3])
        classes[finite] = 1 + (array[finite] > low).astype(int) + (array[finite] > high).astype(int)
    return classes


def bivariate_class(need: ArrayLike, coverage: ArrayLike) -> pd.DataFrame:
    """Need and coverage terciles side by side, flagging high need with low coverage.

    Parameters
    ----------
    need : array-like or pandas.Series
        Need per area, such as the smoothed rate per 100,000.
    coverage : array-like or pandas.Series
        Coverage per area, such as two-step floating catchment accessibility.

    Returns
    -------
    pandas.DataFrame
        ``need_class`` and ``coverage_class`` (1-3, see :func:`terciles`),
        ``gap_class`` as ``"<need>-<coverage>"`` (``"3-1"``: high need, low
        coverage; missing when either is unknown) and ``gap``, True exactly
        for ``"3-1"``. Indexed like ``need`` when it is a Series; a Series
        ``coverage`` is then aligned to it by label, anything else by position.

    Examples
    --------
    >>> bivariate_class([90, 10, 50], [0.1, 0.9, 0.5])
       need_class  coverage_class gap_class    gap
    0           3               1       3-1   True
    1           1               3       1-3  False
    2           2               2       2-2  False
    """
    need = _series(need)
    need_class = terciles(need)
    coverage_class = terciles(_series(coverage, need.index))
    known = need_class.notna() & coverage_class.notna()
    gap_class = (need_class.astype(str) + "-" + coverage_class.astype(str)).where(known)
    return pd.DataFrame(
        {
            "need_class": need_class,
            "coverage_class": coverage_class,
            "gap_class": gap_class,
            "gap": ((need_class == 3) & (coverage_class == 1)).fillna(False).astype(bool),
        }
    )

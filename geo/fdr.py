"""False discovery rate control across many local tests (Benjamini–Hochberg).

Testing 50 districts at p < 0.05 flags about 2–3 by chance alone; the
Benjamini–Hochberg adjustment keeps the expected share of false discoveries
among the districts flagged below the level chosen.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["benjamini_hochberg"]


def benjamini_hochberg(p_values: ArrayLike) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values) of the finite ``p_values``; NaN stays NaN.

    ``q_(i) = min over j >= i of p_(j) * m / j`` for the p-values sorted
    ascending, capped at 1, where ``m`` counts the finite p-values only (an
    area that was not tested is not a test).

    Parameters
    ----------
    p_values : array-like
        One p-value per test; NaN for an area not tested.

    Returns
    -------
    numpy.ndarray
        The q-value of each test, in the input order.

    Examples
    --------
    >>> benjamini_hochberg([0.01, 0.04, 0.03, np.nan, 0.20]).round(4).tolist()
    [0.04, 0.0533, 0.0533, nan, 0.2]
    """
    p = np.asarray(p_values, dtype=float)
    q = np.full(p.shape, np.nan)
    tested = np.flatnonzero(np.isfinite(p))
    if tested.size == 0:
        return q
    order = tested[np.argsort(p[tested], kind="stable")]
    m = order.size
    scaled = p[order] * m / np.arange(1, m + 1)
    q[order] = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    return q

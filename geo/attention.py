"""Which districts need attention first, and why: a plain points score over the district summary.

Executives read the reasons, not the score, so each reason is a simple,
checkable fact about the district in the chosen window:

============  ======  =============================================================
reason        points  the district
============  ======  =============================================================
hot_99        3       is a Gi* hot spot at 99 % confidence (``hotspot_class``)
hot_95        2       is a Gi* hot spot at 95 % confidence
gap           2       is a gap in most scenarios (``gap``: high need, low coverage)
high_rate     1       has a rate likely above Bangkok's (``need_class`` 3: ``need_prob`` 0.9+)
low_referral  1       refers on a share of its cases in Bangkok's lowest fifth
============  ======  =============================================================

Ties go to the higher smoothed rate. Districts without any reason are left
out, so fewer than ``n`` may come back.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["LOW_REFERRAL_QUANTILE", "POINTS", "attention"]

POINTS = {"hot_99": 3, "hot_95": 2, "gap": 2, "high_rate": 1, "low_referral": 1}
LOW_REFERRAL_QUANTILE = 0.2


def _reasons(summary: pd.DataFrame, low_referral: float) -> pd.DataFrame:
    """One boolean column per reason of :data:`POINTS`, indexed like ``summary``."""
    return (
        pd.DataFrame(
            {
                "hot_99": summary["hotspot_class"].eq("hot_99"),
                "hot_95": summary["hotspot_class"].eq("hot_95"),
                "gap": summary["gap"],
                "high_rate": summary["need_class"].eq(3) & summary["eb_rate_per_100k"].notna(),
                "low_referral": summary["referral_rate"].le(low_referral),
            },
            index=summary.index,
        )
        .fillna(False)
        .astype(bool)
    )  # a missing class (no rate, no coverage) is no reason


def attention(summary: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The ``n`` districts of a published district summary with the most points, strongest first.

    Parameters
    ----------
    summary : pandas.DataFrame
        :func:`db.read.district_summary` (``dist_code``, ``name_th``,
        ``name_en``, ``eb_rate_per_100k``, ``referral_rate``,
        ``hotspot_class``, ``gap``, ``need_class``).
    n : int
        How many districts at most.

    Returns
    -------
    pandas.DataFrame
        ``dist_code``, ``name_th``, ``name_en``, ``points``,
        ``eb_rate_per_100k``, ``eb_rank`` (1 = highest smoothed rate; NaN
        without one), ``referral_rate``, ``referral_low`` (the lowest-fifth
        bound) and ``reasons`` (a tuple of reason codes, strongest first).

    Examples
    --------
    >>> summary = pd.DataFrame({
    ...     "dist_code": ["1001", "1002", "1003"], "name_th": ["ก", "ข", "ค"], "name_en": ["A", "B", "C"],
    ...     "eb_rate_per_100k": [50.0, 80.0, 10.0], "referral_rate": [0.2, 0.6, 0.7],
    ...     "hotspot_class": ["not_significant", "hot_99", "not_significant"],
    ...     "gap": [True, False, False], "need_class": [2, 3, 1]})
    >>> top = attention(summary)
    >>> top[["dist_code", "points"]].values.tolist(), top["reasons"].tolist()
    ([['1002', 4], ['1001', 3]], [('hot_99', 'high_rate'), ('gap', 'low_referral')])
    """
    low_referral = summary["referral_rate"].quantile(LOW_REFERRAL_QUANTILE)  # NaN without any rate
    reasons = _reasons(summary, low_referral)
    points = sum(reasons[reason].astype(int) * weight for reason, weight in POINTS.items())
    table = summary[["dist_code", "name_th", "name_en", "eb_rate_per_100k", "referral_rate"]].assign(
        points=points,
        eb_rank=summary["eb_rate_per_100k"].rank(ascending=False, method="min"),
        referral_low=low_referral,
        reasons=[tuple(r for r, on in zip(POINTS, row, strict=True) if on) for row in reasons[list(POINTS)].to_numpy()],
    )
    table = table[table["points"] > 0].sort_values(["points", "eb_rate_per_100k"], ascending=[False, False])
    return table.head(n).reset_index(drop=True)[
        [
            "dist_code",
            "name_th",
            "name_en",
            "points",
            "eb_rate_per_100k",
            "eb_rank",
            "referral_rate",
            "referral_low",
            "reasons",
        ]
    ]

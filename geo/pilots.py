"""Pilot communities against comparison communities: quarterly rates and a difference in differences.

The input has exactly one row per community and quarter: ``community_id``, ``quarter``
(``'YYYYQn'``), ``cases_reported``, ``population``, ``pilot`` (bool) and
``pilot_start`` (``'YYYYQn'``; None or empty for comparison communities).
A rate for a set of rows is their summed cases over their summed population,
per 100,000: over several quarters, the population-weighted mean quarterly
rate. Rows without a positive population are left out.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from core.quarters import is_key
from geo.rates import rate_per_100k

__all__ = ["DidResult", "difference_in_differences", "rates_by_group"]

PILOT, COMPARISON = "pilot", "comparison"


def _prepared(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows with a positive population; ``pilot`` as bool, ``pilot_start`` None unless a pilot's."""
    repeated = frame.duplicated(["community_id", "quarter"])
    if repeated.any():  # e.g. one row per violence type: populations would be counted again and again
        first = frame.loc[repeated, ["community_id", "quarter"]].iloc[0].tolist()
        raise ValueError(f"{repeated.sum()} repeated community-quarter rows, e.g. {first}: sum the cases first")
    rows = frame[pd.to_numeric(frame["population"], errors="coerce") > 0].copy()
    rows["pilot"] = rows["pilot"].fillna(False).astype(bool)
    start = rows["pilot_start"].where(rows["pilot"] & rows["pilot_start"].notna() & (rows["pilot_start"] != ""))
    keys = pd.concat([rows["quarter"], start.dropna()])
    bad = sorted({str(k) for k in keys if not is_key(str(k))})
    if bad:
        raise ValueError(f"not quarter keys (expected e.g. 2024Q1): {bad[:3]}")
    rows["pilot_start"] = start
    rows["group"] = np.where(rows["pilot"], PILOT, COMPARISON)
    return rows


def rates_by_group(frame: pd.DataFrame) -> pd.DataFrame:
    """Rate per 100,000 in each quarter for pilot and for comparison communities.

    Parameters
    ----------
    frame : pandas.DataFrame
        Community-quarter rows (see the module docstring).

    Returns
    -------
    pandas.DataFrame
        One row per quarter and group (``pilot`` or ``comparison``):
        ``quarter``, ``group``, ``communities``, ``cases_reported``,
        ``population`` and ``rate_per_100k``, oldest quarter first.

    Examples
    --------
    >>> rows = pd.DataFrame({"community_id": ["a", "b", "c"], "quarter": ["2024Q1"] * 3,
    ...     "cases_reported": [3, 1, 2], "population": [2_000, 3_000, 5_000],
    ...     "pilot": [True, False, False], "pilot_start": ["2024Q1", None, None]})
    >>> rates_by_group(rows)
      quarter       group  communities  cases_reported  population  rate_per_100k
    0  2024Q1  comparison            2               3        8000           37.5
    1  2024Q1       pilot            1               3        2000          150.0
    """
    rows = _prepared(frame)
    table = (
        rows.groupby(["quarter", "group"])
        .agg(
            communities=("community_id", "nunique"),
            cases_reported=("cases_reported", "sum"),
            population=("population", "sum"),
        )
        .reset_index()
    )
    table["rate_per_100k"] = rate_per_100k(table["cases_reported"], table["population"])
    return table


@dataclass(frozen=True)
class DidResult:
    """A difference in differences of rates per 100,000 per quarter, or why there is none.

    ``estimate``, ``ci_low`` and ``ci_high`` are None when ``enough`` is
    False; ``reason`` then says what is missing. A negative estimate means
    the pilots' rate fell by more (or rose by less) than the comparisons'.
    """

    enough: bool
    estimate: float | None
    ci_low: float | None
    ci_high: float | None
    n_pilot: int
    n_comparison: int
    n_quarters_before: int
    n_quarters_after: int
    reason: str | None = None


@dataclass(frozen=True)
class _Cells:
    """Cases (last axis 0) and population (last axis 1) per community, before (0) and from (1) a split."""

    pilot: np.ndarray  # (pilots, 2, 2): split at each pilot's own start
    cohort: np.ndarray  # (pilots, cohorts): 1 where the pilot starts in that cohort's quarter
    comparison: np.ndarray  # (cohorts, comparisons, 2, 2): split at each cohort's start

    def totals(self) -> tuple[np.ndarray, np.ndarray]:
        """(cohorts, 2, 2) sums over all pilots of each cohort, and over all comparisons."""
        return np.einsum("ps,pkv->skv", self.cohort, self.pilot), self.comparison.sum(axis=1)


def _split_sums(rows: pd.DataFrame, split: pd.Series | str, ids: list) -> np.ndarray:
    """(communities, 2, 2) cases and population before / from ``split``, in the order of ``ids``."""
    after = (rows["quarter"] >= split).astype(int)  # 'YYYYQn' keys sort as text
    sums = rows.groupby([rows["community_id"], after])[["cases_reported", "population"]].sum()
    sums = sums.reindex(pd.MultiIndex.from_product([ids, [0, 1]]), fill_value=0)
    return sums.to_numpy(float).reshape(len(ids), 2, 2)


def _cells(pilots: pd.DataFrame, comparisons: pd.DataFrame, starts: list[str]) -> _Cells:
    pilot_ids, comparison_ids = sorted(pilots["community_id"].unique()), sorted(comparisons["community_id"].unique())
    start_of = pilots.groupby("community_id")["pilot_start"].first().reindex(pilot_ids).to_numpy()
    return _Cells(
        pilot=_split_sums(pilots, pilots["pilot_start"], pilot_ids),
        cohort=(start_of[:, None] == np.array(starts)[None, :]).astype(float),
        comparison=np.stack([_split_sums(comparisons, start, comparison_ids) for start in starts]),
    )


def _change(sums: np.ndarray) -> np.ndarray:
    """Rate per 100,000 from the split less rate before it, from (..., 2, 2) sums."""
    rate = 1e5 * sums[..., 0] / sums[..., 1]
    return rate[..., 1] - rate[..., 0]


def _did(cells: _Cells, pilot_draws: np.ndarray, comparison_draws: np.ndarray) -> np.ndarray:
    """DiD for each draw: rows of ``*_draws`` count how often each community is in the sample."""
    with np.errstate(invalid="ignore", divide="ignore"):  # an empty resampled cell gives NaN
        by_cohort = _change(np.einsum("bp,ps,pkv->bskv", pilot_draws, cells.cohort, cells.pilot)) - _change(
            np.einsum("bc,sckv->bskv", comparison_draws, cells.comparison)
        )
    weight = pilot_draws @ cells.cohort  # pilots drawn in each cohort
    return np.where(weight > 0, by_cohort * weight, 0.0).sum(axis=1) / weight.sum(axis=1)


def _resampled(rng: np.random.Generator, n: int, n_boot: int) -> np.ndarray:
    """(n_boot, n) counts of each of n communities in samples of n drawn with replacement."""
    return rng.multinomial(n, np.full(n, 1 / n), size=n_boot).astype(float)


def _design_shortfall(counts: dict[str, int], starts: list[str]) -> str | None:
    """Why the communities or quarters are too few for an estimate, or None."""
    if counts["n_pilot"] < 2 or counts["n_comparison"] < 2:
        return (
            f"{counts['n_pilot']} pilot and {counts['n_comparison']} comparison communities; "
            "at least 2 of each are needed"
        )
    if counts["n_quarters_before"] == 0:
        return f"no quarter before the first pilot start, {starts[0]}"
    if counts["n_quarters_after"] == 0:
        return f"no quarter from the last pilot start, {starts[-1]}, on"
    return None


def _thin_cell(cells: _Cells, starts: list[str], min_cases: int) -> str | None:
    """Why the cells are too thin for an estimate, or None.

    Every cohort needs rows on both sides of its start. The case minimum
    applies to the cells of the design: all pilots before and from their own
    starts, and all comparisons before and from each cohort's start.
    """
    pilot, comparison = cells.totals()
    sides = list(itertools.product(starts, ("before", "from")))
    for group, totals in ((PILOT, pilot), (COMPARISON, comparison)):
        for (start, when), population in zip(sides, totals[..., 1].ravel(), strict=True):
            if population == 0:
                return f"no {group} rows {when} {start} (pilot start)"
    counted = [
        (f"pilot cases {when} their start", n)
        for when, n in zip(("before", "from"), pilot[..., 0].sum(axis=0), strict=True)
    ]
    counted += [
        (f"comparison cases {when} {start}", n)
        for (start, when), n in zip(sides, comparison[..., 0].ravel(), strict=True)
    ]
    for label, n in counted:
        if n < min_cases:
            return f"only {n:.0f} {label}; at least {min_cases} are needed in each cell"
    return None


def difference_in_differences(
    frame: pd.DataFrame, n_boot: int = 1000, seed: int = 12345, min_cases: int = 10
) -> DidResult:
    """Change in the pilots' rate after their start, less the change in comparison communities.

    ``DiD = (pilot_after - pilot_before) - (comparison_after - comparison_before)``
    on rates per 100,000 per quarter. Each pilot's "after" is its quarters from
    its own ``pilot_start`` on. Comparison communities are split at each pilot
    cohort's start (the pilots sharing a start quarter): every cohort is set
    against the comparisons' change over the same calendar quarters, and the
    cohort estimates are averaged weighted by their number of pilots. A single
    split at the earliest start would instead count a city-wide change that
    falls between two pilots' starts (a campaign, a new hotline) as a pilot
    effect. With one common start this is the plain 2 x 2 difference.

    The 95 % interval is a percentile cluster bootstrap: communities (with all
    their quarters) are resampled with replacement within the pilot and within
    the comparison group, ``n_boot`` times, from ``seed``.

    Parameters
    ----------
    frame : pandas.DataFrame
        Community-quarter rows (see the module docstring). Pilots without a
        start quarter are left out.
    n_boot : int
        Bootstrap replicates.
    seed : int
        Seed of the resampling: the same data and seed give the same interval.
    min_cases : int
        Fewest cases allowed in any cell (see Returns).

    Returns
    -------
    DidResult
        ``enough`` is False, with no numbers and a ``reason``, when there are
        fewer than 2 pilot or 2 comparison communities, no quarter before the
        earliest start or from the latest start, a cohort with no rows on one
        side of its start, or fewer than ``min_cases`` cases in a cell: the
        pilots (together) before or from their starts, or the comparisons
        before or from a cohort's start. ``n_quarters_before`` counts the quarters before
        the earliest start and ``n_quarters_after`` those from the latest start
        on: the windows every cohort has at least.

    Examples
    --------
    Two pilots fall from 40 to 20 per 100,000 a quarter from 2024Q2; two
    comparisons stay at 40:

    >>> def rows_of(community, pilot, cases):
    ...     return [(community, q, n, 10_000, pilot, "2024Q2" if pilot else None)
    ...             for q, n in zip(["2024Q1", "2024Q2", "2024Q3"], cases)]
    >>> rows = pd.DataFrame(
    ...     rows_of("p1", True, [4, 2, 2]) + rows_of("p2", True, [4, 2, 2])
    ...     + rows_of("c1", False, [4, 4, 4]) + rows_of("c2", False, [4, 4, 4]),
    ...     columns=["community_id", "quarter", "cases_reported", "population", "pilot", "pilot_start"])
    >>> result = difference_in_differences(rows, min_cases=4)
    >>> result.enough, result.estimate, result.ci_low, result.ci_high
    (True, -20.0, -20.0, -20.0)
    >>> difference_in_differences(rows).reason
    'only 8 pilot cases before their start; at least 10 are needed in each cell'
    """
    rows = _prepared(frame)
    pilots = rows[rows["pilot"] & rows["pilot_start"].notna()]
    comparisons = rows[~rows["pilot"]]
    starts = sorted(pilots["pilot_start"].unique())
    quarters = rows["quarter"].unique()
    counts = {
        "n_pilot": pilots["community_id"].nunique(),
        "n_comparison": comparisons["community_id"].nunique(),
        "n_quarters_before": int((quarters < starts[0]).sum()) if starts else 0,
        "n_quarters_after": int((quarters >= starts[-1]).sum()) if starts else 0,
    }
    reason = _design_shortfall(counts, starts)
    if reason is None:
        cells = _cells(pilots, comparisons, starts)
        reason = _thin_cell(cells, starts, min_cases)
    if reason:
        return DidResult(False, None, None, None, **counts, reason=reason)
    n_pilot, n_comparison = counts["n_pilot"], counts["n_comparison"]
    estimate = _did(cells, np.ones((1, n_pilot)), np.ones((1, n_comparison)))[0]
    rng = np.random.default_rng(seed)
    draws = _did(cells, _resampled(rng, n_pilot, n_boot), _resampled(rng, n_comparison, n_boot))
    low, high = np.nanpercentile(draws, [2.5, 97.5])
    return DidResult(True, float(estimate), float(low), float(high), **counts)

"""Is a district a gap whatever the reasonable choices? The gap under a fixed set of scenarios.

A district is a gap in a scenario when its need is high
(:func:`geo.gaps.need_classes` 3) and its coverage is low (the lowest
tercile of accessibility, :func:`geo.gaps.terciles` 1). The scenarios cross

- the coverage measure: catchments of 1, 2, 3 and 5 km, each as a plain
  2SFCA (step) and as an enhanced 2SFCA with distance decay
  (:data:`COVERAGE_SCENARIOS`, eight in all), with
- the counts: :data:`DRAWS` Poisson resamplings of each district's count
  (mean: the count given, e.g. a protected sum), from a fixed seed, each
  giving its own need probability and class.

``gap_share`` is the share of the ``8 x DRAWS`` scenarios in which the
district is a gap, and the district counts as a gap only where that share
is above :data:`MAJORITY`. Need and coverage vary independently here, so
the share is the product of the share of draws with high need and the share
of coverage scenarios with low coverage.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

from geo.gaps import need_classes, terciles
from geo.smoothing import exceedance_probability

__all__ = [
    "CATCHMENTS_M",
    "COVERAGE_SCENARIOS",
    "DRAWS",
    "MAIN",
    "MAJORITY",
    "SEED",
    "Scenario",
    "gap_shares",
    "high_need_draws",
    "low_coverage",
]

CATCHMENTS_M = (1_000.0, 2_000.0, 3_000.0, 5_000.0)
DRAWS = 20  # Poisson resamplings of the counts: with 8 coverage scenarios, 160 scenarios in all
SEED = 20_240_612  # one fixed seed for every window, so a window's share does not depend on which others ran
MAJORITY = 0.5  # a district is a gap where its gap_share is above this


@dataclass(frozen=True)
class Scenario:
    """One way of measuring coverage: a catchment radius in metres, with or without distance decay."""

    catchment_m: float
    decay: bool = False

    @property
    def name(self) -> str:
        """``"3000m-step"`` or ``"3000m-decay"``.

        >>> Scenario(3_000.0, decay=True).name
        '3000m-decay'
        """
        return f"{self.catchment_m:.0f}m-{'decay' if self.decay else 'step'}"


COVERAGE_SCENARIOS = tuple(Scenario(c, decay) for c in CATCHMENTS_M for decay in (False, True))
MAIN = Scenario(3_000.0, decay=True)  # the published access_2sfca and coverage_class: enhanced 2SFCA, 3 km


def low_coverage(access: pd.DataFrame) -> np.ndarray:
    """Whether each district (row) has low coverage (lowest tercile among the rows) in each scenario (column).

    Parameters
    ----------
    access : pandas.DataFrame
        Accessibility, one row per district and one column per scenario;
        NaN (unknown) is never low.

    Returns
    -------
    numpy.ndarray
        Booleans, (districts, scenarios).

    Examples
    --------
    >>> low_coverage(pd.DataFrame({"a": [0.0, 1.0, 2.0], "b": [3.0, 1.0, np.nan]})).tolist()
    [[True, False], [False, True], [False, False]]
    """
    low = [terciles(access[column]).eq(1).fillna(False).to_numpy(bool) for column in access]
    return np.column_stack(low) if low else np.zeros((len(access), 0), dtype=bool)


def high_need_draws(cases: ArrayLike, population: ArrayLike, draws: int = DRAWS, seed: int = SEED) -> np.ndarray:
    """Whether each district's need is high in each Poisson resampling of the counts: (districts, draws).

    Each draw replaces every known count by a Poisson variate with that
    count as its mean and computes the need probability and class afresh
    over all districts. A district with an unknown count is never high; a
    draw where need cannot be computed (no variation beyond chance) flags no
    district.

    Parameters
    ----------
    cases : array-like
        Counts per district (e.g. protected sums, a hidden cell as 2.5); NaN where unknown.
    population : array-like
        Residents per district.
    draws : int
        Number of resamplings.
    seed : int
        Seed of the generator, created afresh on every call.

    Returns
    -------
    numpy.ndarray
        Booleans, (districts, draws).

    Examples
    --------
    >>> need = high_need_draws([3, 40, 200, np.nan], [2_000, 100_000, 100_000, 50_000], draws=5)
    >>> need.shape, bool(need[2].all()), bool(need[3].any())
    ((4, 5), True, False)
    """
    counts = np.asarray(cases, dtype=float)
    known = np.isfinite(counts)
    rng = np.random.default_rng(seed)
    drawn = np.where(known, rng.poisson(np.where(known, counts, 0.0), size=(draws, len(counts))), np.nan)
    people = np.asarray(population, dtype=float)
    probability = np.array([exceedance_probability(row, people) for row in drawn]).reshape(draws, len(counts))
    high = need_classes(probability.ravel()).eq(3).fillna(False).to_numpy(bool)  # classified once, all draws
    return high.reshape(draws, len(counts)).T


def gap_shares(high_need: np.ndarray, low: np.ndarray) -> np.ndarray:
    """Share of the (need draw, coverage scenario) pairs in which each district is a gap: high need and low coverage.

    Parameters
    ----------
    high_need : numpy.ndarray
        (districts, draws) booleans from :func:`high_need_draws`.
    low : numpy.ndarray
        (districts, scenarios) booleans from :func:`low_coverage`.

    Returns
    -------
    numpy.ndarray
        Shares from 0 to 1, one per district.

    Examples
    --------
    High need in 3 of 4 draws and low coverage in 2 of 8 scenarios: a gap in 6 of 32 pairs.

    >>> gap_shares(np.array([[True, True, True, False]]), np.array([[True, True] + [False] * 6])).tolist()
    [0.1875]
    """
    return high_need.mean(axis=1) * low.mean(axis=1)

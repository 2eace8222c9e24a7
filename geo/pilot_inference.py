"""Randomization inference for the stacked Poisson pilot estimate: many relabellings solved at once.

Under the sharp null hypothesis that the pilots changed nothing, which
communities are pilots is just a label: swapping the labels (each pilot's start
quarter, or none) among the communities of a stratum (all of them, a district,
or a matched set; :mod:`geo.pilot_design`) gives estimates as likely as the
one observed. The p-value is the share of relabellings whose log rate ratio
is at least as far from 0 as the observed one (Fisher 1935; Imbens & Rubin
2015, ch. 5), counting the observed labels once: ``(1 + hits) / (1 + draws)``.

Each relabelling needs its own Poisson fit with community and quarter fixed
effects per cohort stack. Fitting hundreds with a general package would take
minutes, so they are solved together here on dense arrays by iterative
proportional fitting: the likelihood equations of a Poisson model whose
regressors are indicators say that fitted and observed totals agree for each
community-stack, each quarter-stack and the treated cells, and scaling the
fitted values to meet each set of totals in turn converges to the maximum
likelihood estimate (Deming & Stephan 1940; Bishop, Fienberg & Holland 1975,
ch. 3). The tests check it against ``pyfixest.fepois`` and a direct
maximisation of the likelihood.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.pilot_design import RELATIVE_QUARTERS, event_window

__all__ = ["N_PERMUTATIONS", "Dense", "dense", "mde_rate_ratio", "permuted_labels", "poisson_did", "randomization"]

N_PERMUTATIONS = 999
SEED = 20240101
Z_POWER = 2.8015852  # z(0.975) + z(0.80): 5 % two-sided, 80 % power
_TOLERANCE = 1e-7  # on log scale factors and the log rate ratio: far below what p and the MDE show
_MAX_ITERATIONS = 5000
_TIE = 1e-6  # log rate ratios closer than this are equal: ten times the solver's tolerance


class Dense:
    """Outcomes ``y`` and exposures ``exposure`` as (cohorts, communities, relative quarters) arrays, NaN
    where a community has no row; ``labels`` (cohort index, -1 for a comparison) and ``strata`` (codes)
    of the communities in ``ids``."""

    def __init__(self, y: np.ndarray, exposure: np.ndarray, labels: np.ndarray, strata: np.ndarray, ids: list):
        self.y, self.exposure, self.labels, self.strata, self.ids = y, exposure, labels, strata, ids


def dense(counts: pd.DataFrame, sample: pd.DataFrame, outcome: str, population: pd.Series) -> Dense:
    """The dense arrays of ``sample`` for ``outcome``: ``reported`` (exposure: residents) or ``referral``
    (referred cases, exposure: reported cases; cells without a reported case or with referrals unknown are
    left out)."""
    ids = sample["community_id"].tolist()
    cohorts = sorted(sample["start"].dropna().unique())
    shape = (len(cohorts), len(ids), len(RELATIVE_QUARTERS))
    y, exposure = np.full(shape, np.nan), np.full(shape, np.nan)
    for s, cohort in enumerate(cohorts):
        quarters = event_window(cohort)
        rows = counts[counts["community_id"].isin(ids) & counts["quarter"].isin(quarters)]
        grid = pd.MultiIndex.from_product([ids, quarters])
        table = rows.set_index(["community_id", "quarter"]).reindex(grid)
        reported = table["reported"].to_numpy(float).reshape(len(ids), -1)
        if outcome == "reported":
            y[s] = reported
            people = population.reindex(ids).to_numpy(float)[:, None]
            exposure[s] = np.where(np.isnan(reported), np.nan, people)
        else:
            referred = table["referred"].to_numpy(float).reshape(len(ids), -1)
            keep = (reported > 0) & np.isfinite(referred)
            y[s], exposure[s] = np.where(keep, referred, np.nan), np.where(keep, reported, np.nan)
    labels = np.array([cohorts.index(s) if isinstance(s, str) else -1 for s in sample["start"]])
    strata = pd.factorize(sample["stratum"])[0]
    return Dense(y, exposure, labels, strata, ids)


def permuted_labels(labels: np.ndarray, strata: np.ndarray, n: int, seed: int = SEED) -> np.ndarray:
    """(n, communities) labels, each row a random permutation of ``labels`` within every stratum.

    >>> drawn = permuted_labels(np.array([0, -1, 1, -1]), np.array([0, 0, 1, 1]), 3)
    >>> sorted(drawn[0, :2].tolist()), sorted(drawn[0, 2:].tolist())
    ([-1, 0], [-1, 1])
    """
    rng = np.random.default_rng(seed)
    base = np.argsort(strata, kind="stable")
    order = np.argsort(strata[None, :] + rng.random((n, len(labels))), axis=1)
    drawn = np.empty((n, len(labels)), dtype=labels.dtype)
    np.put_along_axis(drawn, order, np.broadcast_to(labels[base], (n, len(labels))), axis=1)
    return drawn


def _membership(data: Dense, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(draws, cohorts, communities) booleans: this cohort's pilot, and in this cohort's stack at all
    (its pilot, or a comparison in one of its pilots' strata)."""
    cohorts = np.arange(data.y.shape[0])
    treated = labels[:, None, :] == cohorts[None, :, None]
    onehot = (data.strata[:, None] == np.arange(data.strata.max() + 1)[None, :]).astype(float)
    strata_of_cohort = np.einsum("bsn,ng->bsg", treated.astype(float), onehot) > 0
    comparison = (labels == -1)[:, None, :] & strata_of_cohort[:, :, data.strata]
    return treated, treated | comparison


def _informative(y: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """``valid`` less, until none is left, the cells of a community-stack or quarter-stack without a case
    (its fixed effect would be minus infinity) or with a single cell (fitted exactly by its own fixed
    effect, so it tells nothing about the rest): ``pyfixest``'s separation check and singleton removal."""
    while True:
        cases = np.where(valid, y, 0.0)
        keep = valid & (cases.sum(axis=3, keepdims=True) > 0) & (cases.sum(axis=2, keepdims=True) > 0)
        keep &= (keep.sum(axis=3, keepdims=True) > 1) & (keep.sum(axis=2, keepdims=True) > 1)
        if (keep == valid).all():
            return keep
        valid = keep


def _fit_effects(mu: np.ndarray, rows: np.ndarray, columns: np.ndarray) -> None:
    """Scale ``mu`` in place until its totals per community-stack and per quarter-stack equal ``rows`` and
    ``columns``, the outcomes' (``y.sum(axis=3, keepdims=True)`` and ``y.sum(axis=2, keepdims=True)``)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        for _ in range(_MAX_ITERATIONS):
            row_scale = np.nan_to_num(rows / mu.sum(axis=3, keepdims=True), nan=1.0)
            mu *= row_scale
            column_scale = np.nan_to_num(columns / mu.sum(axis=2, keepdims=True), nan=1.0)
            mu *= column_scale
            if max(np.abs(np.log(row_scale)).max(), np.abs(np.log(column_scale)).max()) < _TOLERANCE:
                return


def _arrays(data: Dense, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Outcomes, exposures and pilot rows as (draws, cohorts, rows, quarters) arrays for ``labels``.

    When every community has every quarter and a constant exposure (residents), the rows of a stack
    are summed into two, its pilots and its comparisons: a community's fixed effect makes its cases a
    multinomial draw over the quarters with the same probabilities for every community of its group,
    so the group's sums carry all the model knows about ``b``, and the estimate is unchanged. Otherwise
    (referrals, with reported cases as exposure) each community keeps its row.
    """
    treated, member = _membership(data, labels)
    constant = np.isfinite(data.y).all() and (data.exposure == data.exposure[..., :1]).all()
    if constant:
        y = np.stack(
            [np.einsum("bsn,snk->bsk", group.astype(float), data.y) for group in (treated, member & ~treated)], axis=2
        )
        pilots = np.zeros(y.shape[:3], dtype=bool)
        pilots[:, :, 0] = True
        return y, np.ones_like(y), pilots
    present = member[..., None] & np.isfinite(data.y)[None] & (np.nan_to_num(data.exposure) > 0)[None]
    y = np.where(present, data.y[None], np.nan)
    return y, np.where(present, data.exposure[None], np.nan), treated


def poisson_did(data: Dense, labels: np.ndarray) -> np.ndarray:
    """The log rate ratio of the stacked Poisson model for each row of ``labels``.

    The model: ``E[y] = exposure * exp(a[cohort, community] + g[cohort, quarter] + b * treated * post)``;
    ``b`` is returned. Communities or quarters of a stack without a single case are left out (their
    fixed effect is minus infinity), as ``pyfixest`` does. ``-inf`` when the pilots have no case from
    their starts, NaN when no pilot cell is left.

    ``b`` solves ``log(sum of treated y) = log(sum of treated fitted values)`` with the fixed effects
    refitted at each ``b`` (the profile equation), by the secant method started from one
    proportional-fitting step: a plain proportional fit of ``b`` alternating with the fixed effects
    converges very slowly, since a lone pilot's fixed effect and ``b`` move together.
    """
    y, exposure, pilots = _arrays(data, labels)
    valid = _informative(y, np.isfinite(y))
    post = np.asarray(RELATIVE_QUARTERS) >= 0
    cells = pilots[..., None] & post & valid
    y = np.where(valid, y, 0.0)
    treated_y = np.where(cells, y, 0.0).sum(axis=(1, 2, 3))
    solvable = (treated_y > 0) & cells.any(axis=(1, 2, 3))
    valid &= solvable[:, None, None, None]  # the others have no finite estimate: nothing to fit
    y = np.where(valid, y, 0.0)
    mu = np.where(valid, np.nan_to_num(exposure), 0.0)
    totals = y.sum(axis=3, keepdims=True), y.sum(axis=2, keepdims=True)  # the outcomes the fit matches

    def gap(step: np.ndarray) -> np.ndarray:
        """Move b by ``step``, refit the fixed effects, and return the profile equation's gap."""
        mu[cells] *= np.broadcast_to(np.exp(step)[:, None, None, None], mu.shape)[cells]
        _fit_effects(mu, *totals)
        fitted = np.where(cells, mu, 0.0).sum(axis=(1, 2, 3))
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(solvable, np.log(treated_y) - np.log(fitted), 0.0)

    previous = np.zeros(len(labels))
    previous_gap = gap(previous)
    current = previous + previous_gap
    current_gap = gap(previous_gap)
    for _ in range(100):
        slope = (current_gap - previous_gap) / np.where(current == previous, 1.0, current - previous)
        moving = (np.abs(current_gap) > _TOLERANCE) & (slope < 0)  # the gap falls as b rises
        step = np.where(moving, -current_gap / np.where(moving, slope, -1.0), 0.0)
        if not step.any():
            break
        previous, previous_gap = current, current_gap
        current = current + step
        current_gap = gap(step)
    return np.where(~cells.any(axis=(1, 2, 3)), np.nan, np.where(treated_y > 0, current, -np.inf))


def randomization(data: Dense, n: int = N_PERMUTATIONS, seed: int = SEED) -> tuple[float, np.ndarray]:
    """The observed log rate ratio and ``n`` under relabellings within strata (fixed ``seed``)."""
    observed = poisson_did(data, data.labels[None, :])[0]
    labels = permuted_labels(data.labels, data.strata, n, seed)
    # in chunks of about 250 relabellings, so the working arrays stay a few megabytes
    draws = np.concatenate([poisson_did(data, chunk) for chunk in np.array_split(labels, -(-n // 250))])
    return float(observed), draws


def p_value(observed: float, draws: np.ndarray) -> float:
    """Two-sided randomization p: ``(1 + #{|draw| >= |observed|}) / (1 + n)``; NaN draws are left out.

    A draw within ``1e-6`` of the observed size counts as a tie, hence as at least as extreme.

    >>> p_value(0.5, np.array([0.1, -0.6, 0.2, np.nan]))
    0.5
    """
    finite = draws[~np.isnan(draws)]
    # Hidden cells all count 2.5, so relabellings often tie with the observed estimate exactly; a tie
    # within the solver's precision counts as at least as extreme (the conservative side).
    return float((1 + (np.abs(finite) >= abs(observed) - _TIE).sum()) / (1 + len(finite)))


def mde_rate_ratio(draws: np.ndarray) -> float:
    """The minimum detectable effect as a rate ratio (a fall; a rise to its inverse is as detectable).

    ``exp(-(z(0.975) + z(0.80)) * sd)`` where ``sd`` is the standard deviation of the log rate ratio over
    the relabellings: the spread of the estimate when the pilots did nothing (Bloom 1995). NaN when more
    than 5 % of relabellings give no finite estimate.

    >>> round(mde_rate_ratio(np.array([-0.1, 0.1, -0.1, 0.1])), 3)
    0.724
    """
    finite = draws[np.isfinite(draws)]
    if len(finite) < 0.95 * len(draws) or len(finite) < 2:
        return float("nan")
    return float(np.exp(-Z_POWER * finite.std(ddof=1)))

"""The pilot evaluation: rate ratio, difference, event study, randomization p and minimum detectable effect.

For one end quarter and one comparison group (:mod:`geo.pilot_design`), and
for two outcomes: ``reported`` cases per resident, and the ``referral`` rate
(referred cases per reported case). Each is estimated on the stacked panel
of relative quarters -4 to 3 with ``pyfixest``:

- the **rate ratio**, ``exp(b)`` of a Poisson model (``fepois``) with
  community-by-cohort and quarter-by-cohort fixed effects and
  ``b * pilot * (relative quarter >= 0)``; residents (or, for referrals,
  reported cases as an offset) are the exposure. Residents are constant per
  community, so their fixed effect absorbs them;
- the **difference**, the same design by least squares (``feols``) on the
  rate per 100,000 residents (percentage points of cases referred), weighted
  by residents (reported cases): the additive difference in differences;
- the **event study**, the Poisson model with one indicator per relative
  quarter other than -1, the reference: rate ratios against the quarter before
  the start. Those before the start are the parallel-trends check;
- 95 % intervals from standard errors clustered by community (CR1, G/(G-1)),
  normal for the Poisson model, t with G-1 degrees of freedom for least squares;
- the randomization p-value and the minimum detectable effect
  (:mod:`geo.pilot_inference`).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from geo import pilot_design
from geo.pilot_design import COMPARISON, PILOT, RELATIVE_QUARTERS, Design, design, stack_rows
from geo.pilot_inference import N_PERMUTATIONS, dense, mde_rate_ratio, p_value, randomization

__all__ = ["MIN_COMPARISONS", "MIN_PILOTS", "OUTCOMES", "evaluate"]

MIN_PILOTS = 5  # with relative quarters -4 to 3 observed
MIN_COMPARISONS = 5  # fewer leave the randomization test too few relabellings to reach p < 0.05
OUTCOMES = ("reported", "referral")
REFERENCE = -1  # the event study's reference quarter
_EVENTS = {r: f"rel_{'m' if r < 0 else ''}{abs(r)}" for r in RELATIVE_QUARTERS if r != REFERENCE}


def _panel(stacked: pd.DataFrame, outcome: str) -> pd.DataFrame:
    """The stacked rows of ``outcome`` with fixed-effect ids, the treatment and event indicators."""
    frame = stacked.assign(
        unit=stacked["cohort"] + ":" + stacked["community_id"],
        time=stacked["cohort"] + ":" + stacked["quarter"],
        effect=(stacked["treated"] & stacked["post"]).astype(float),
    )
    for rel, name in _EVENTS.items():
        frame[name] = (frame["treated"] & (frame["rel"] == rel)).astype(float)
    if outcome == "reported":
        return frame.assign(
            y=frame["reported"], scale=frame["population"], rate=1e5 * frame["reported"] / frame["population"]
        )
    frame = frame[(frame["reported"] > 0) & frame["referred"].notna()]
    return frame.assign(y=frame["referred"], scale=frame["reported"], rate=100 * frame["referred"] / frame["reported"])


def _fit(method: str, formula: str, frame: pd.DataFrame, **options):
    """A ``pyfixest`` fit with standard errors clustered by community (CR1), or None when it cannot be made."""
    import pyfixest  # imported here: it is heavy, and only the publish step and the export need it

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas deprecations inside pyfixest; failures raise below
        try:
            fit = getattr(pyfixest, method)(
                formula,
                data=frame,
                vcov={"CRV1": "community_id"},
                ssc=pyfixest.ssc(k_adj=False, G_adj=True),
                **options,
            )
            table = pd.concat([fit.coef(), fit.se(), fit.confint()], axis=1)
        except Exception:  # no variation left, no convergence: no estimate, and the reason says so
            return None
    table.columns = ["estimate", "se", "low", "high"]
    return table if np.isfinite(table.to_numpy()).all() else None


def _poisson(frame: pd.DataFrame, regressors: str) -> pd.DataFrame | None:
    data = frame.assign(log_scale=np.log(frame["scale"]))
    return _fit("fepois", f"y ~ {regressors} | unit + time", data, offset="log_scale")


def _empty() -> dict:
    return {
        "rate_ratio": None,
        "rate_ratio_ci": [None, None],
        "difference": None,
        "difference_ci": [None, None],
        "p_randomization": None,
        "mde": None,
        "event_study": [
            {"relative_quarter": r, "estimate": None, "ci_low": None, "ci_high": None} for r in RELATIVE_QUARTERS
        ],
    }


def _number(value) -> float | None:
    return float(value) if value is not None and np.isfinite(value) else None


def _outcome(
    counts: pd.DataFrame, communities: pd.DataFrame, chosen: Design, stacked: pd.DataFrame, outcome: str
) -> dict:
    """Every estimate of one outcome (None where it cannot be computed) from the ``stacked`` rows of the
    ``chosen`` design (:func:`geo.pilot_design.stack_rows`), and whether it could be."""
    result = _empty()
    frame = _panel(stacked, outcome)
    if not frame["effect"].any():
        return result | {"estimated": False}
    ratio = _poisson(frame, "effect")
    if ratio is not None:
        row = ratio.loc["effect"]
        result["rate_ratio"] = float(np.exp(row["estimate"]))
        result["rate_ratio_ci"] = [float(np.exp(row["low"])), float(np.exp(row["high"]))]
    difference = _fit("feols", "rate ~ effect | unit + time", frame, weights="scale")
    if difference is not None:
        row = difference.loc["effect"]
        result["difference"] = float(row["estimate"])
        result["difference_ci"] = [float(row["low"]), float(row["high"])]
    events = _poisson(frame, " + ".join(_EVENTS.values()))
    for entry in result["event_study"]:
        rel = entry["relative_quarter"]
        if rel == REFERENCE:
            entry.update(estimate=1.0)  # the reference: a ratio of 1 by definition, no interval
        elif events is not None and _EVENTS[rel] in events.index:
            row = events.loc[_EVENTS[rel]]
            entry.update(estimate=np.exp(row["estimate"]), ci_low=np.exp(row["low"]), ci_high=np.exp(row["high"]))
    population = communities.set_index("community_id")["population"].astype(float)
    observed, draws = randomization(dense(counts, chosen.sample, outcome, population))
    if np.isfinite(observed):
        result["p_randomization"] = p_value(observed, draws)
    result["mde"] = _number(mde_rate_ratio(draws))
    return result | {"estimated": ratio is not None}


def _reason(n_pilots: int, n_comparison: int, estimated: bool) -> tuple[bool, str, dict]:
    """Whether the evaluation has enough data, a reason code and its parameters."""
    if n_pilots < MIN_PILOTS:
        return False, "few_pilots", {"n": n_pilots, "needed": MIN_PILOTS}
    if n_comparison < MIN_COMPARISONS:
        return False, "few_comparisons", {"n": n_comparison, "needed": MIN_COMPARISONS}
    if not estimated:
        return False, "no_estimate", {}
    return True, "enough", {"n_pilots": n_pilots, "n_comparison": n_comparison}


def evaluate(counts: pd.DataFrame, communities: pd.DataFrame, end: str, comparison: str = "all") -> dict:
    """The pilot evaluation up to ``end`` against the ``comparison`` group, as plain data.

    Parameters
    ----------
    counts, communities : pandas.DataFrame
        Community-quarter counts and the register (:mod:`geo.pilot_design`).
    end : str
        The last quarter used.
    comparison : {'all', 'same-district', 'matched'}
        The comparison group.

    Returns
    -------
    dict
        ``quarter``, ``comparison``, ``spillover_m``, ``n_permutations``, ``n_pilots``,
        ``n_comparison``, then for reported cases ``rate_ratio``, ``rate_ratio_ci`` (two numbers),
        ``difference`` and ``difference_ci`` (per 100,000 residents per quarter), ``p_randomization``,
        ``mde`` (a rate ratio), ``event_study`` (``relative_quarter``, ``estimate``, ``ci_low``,
        ``ci_high``: rate ratios against relative quarter -1), ``enough``, ``reason`` and
        ``reason_params``; the same under ``referral`` (differences in percentage points); and
        ``members``, the design's table of who was compared (:class:`geo.pilot_design.Design`).
        Estimates are None where they cannot be computed.
    """
    chosen = design(counts, communities, end, comparison)
    n_pilots, n_comparison = chosen.count(PILOT), chosen.count(COMPARISON)
    result = {
        "quarter": end,
        "comparison": comparison,
        "spillover_m": pilot_design.SPILLOVER_M,
        "n_permutations": N_PERMUTATIONS,
        "n_pilots": n_pilots,
        "n_comparison": n_comparison,
    }
    stacked = stack_rows(counts, communities, chosen.sample) if n_pilots and n_comparison else None
    for outcome in OUTCOMES:
        figures = _empty() | {"estimated": False}
        if stacked is not None:
            figures = _outcome(counts, communities, chosen, stacked, outcome)
        enough, reason, params = _reason(n_pilots, n_comparison, figures.pop("estimated"))
        block = {"n_pilots": n_pilots, "n_comparison": n_comparison, **figures}
        block |= {"enough": enough, "reason": reason, "reason_params": params}
        if outcome == "reported":
            result |= block
        else:
            result["referral"] = block
    result["members"] = chosen.members
    return result

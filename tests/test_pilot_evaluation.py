"""The pilot evaluation's statistics against independent computations.

Rate ratios against hand formulas (a single cohort with complete rows reduces
the Poisson model to a ratio of ratios, and each event-study quarter to its
own) and against a direct maximisation of the Poisson likelihood with one
dummy per fixed effect (Newton-Raphson written out here); clustered intervals against a sandwich
written out by hand; the difference against a population-weighted difference
in differences; the randomization p and the MDE against the same relabellings
evaluated with the hand formula.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pyproj import Transformer
from scipy import stats

from core.quarters import shift
from geo.pilot_design import design, stack_rows
from geo.pilot_evaluation import evaluate
from geo.pilot_inference import dense, mde_rate_ratio, permuted_labels, poisson_did

FIRST = "2022Q1"
QUARTERS = [shift(FIRST, i) for i in range(12)]
TO_WGS84 = Transformer.from_crs("EPSG:32647", "EPSG:4326", always_xy=True)


def place(x_m: float, y_m: float) -> tuple[float, float]:
    """(lon, lat) of a point given in EPSG:32647 metres, near Bangkok."""
    return TO_WGS84.transform(670_000 + x_m, 1_520_000 + y_m)


def register(pilots: dict[str, str], comparisons: list[str], spacing_m: float = 2_000, district=None) -> pd.DataFrame:
    """Pilots (id -> start) and comparisons, 2 km apart on a line, 1,000 to 2,000 residents."""
    ids = [*pilots, *comparisons]
    points = [place(at * spacing_m, 0) for at in range(len(ids))]
    return pd.DataFrame(
        {
            "community_id": ids,
            "dist_code": [district(c) if district else "1001" for c in ids],
            "population": [1_000 + 100 * at for at in range(len(ids))],
            "pilot": [c in pilots for c in ids],
            "pilot_start": [pilots.get(c) for c in ids],
            "lon": [p[0] for p in points],
            "lat": [p[1] for p in points],
        }
    )


def random_counts(communities: pd.DataFrame, seed: int = 0, effect: float = 0.6) -> pd.DataFrame:
    """Poisson counts in every quarter: a community level, a common trend, and ``effect`` on pilots from their
    start; referrals a binomial share of them."""
    rng = np.random.default_rng(seed)
    rows = []
    for c in communities.itertuples():
        level = rng.uniform(2, 6)
        for at, quarter in enumerate(QUARTERS):
            mean = level * (1 + 0.03 * at) * (effect if c.pilot and quarter >= c.pilot_start else 1.0)
            reported = float(rng.poisson(mean))
            rows.append((c.community_id, quarter, reported, float(rng.binomial(int(reported), 0.5))))
    return pd.DataFrame(rows, columns=["community_id", "quarter", "reported", "referred"])


def ratio_of_ratios(counts: pd.DataFrame, pilots: list[str], start: str, rel: int | None = None) -> float:
    """Single cohort, complete rows: (pilots after / before) / (comparisons after / before), by hand.
    With ``rel``: that relative quarter against relative quarter -1."""
    window = [shift(start, r) for r in range(-4, 4)]
    rows = counts[counts["quarter"].isin(window)]
    if rel is None:
        after, before = rows["quarter"] >= start, rows["quarter"] < start
    else:
        after, before = rows["quarter"] == shift(start, rel), rows["quarter"] == shift(start, -1)
    pilot = rows["community_id"].isin(pilots)
    total = {
        (p, a): rows.loc[(pilot == p) & mask, "reported"].sum()
        for p in (True, False)
        for a, mask in ((True, after), (False, before))
    }
    return (total[True, True] / total[True, False]) / (total[False, True] / total[False, False])


PILOTS = {f"p{i}": "2024Q1" for i in range(5)}
COMPARISONS = [f"c{i}" for i in range(6)]


@pytest.fixture(scope="module")
def one_cohort():
    communities = register(PILOTS, COMPARISONS)
    counts = random_counts(communities)
    return communities, counts, evaluate(counts, communities, "2024Q4", "all")


@pytest.mark.slow
def test_rate_ratio_is_the_ratio_of_ratios_for_one_cohort(one_cohort):
    _, counts, result = one_cohort
    assert result["n_pilots"] == 5 and result["n_comparison"] == 6 and result["enough"]
    assert result["rate_ratio"] == pytest.approx(ratio_of_ratios(counts, list(PILOTS), "2024Q1"), rel=1e-6)


def test_event_study_quarters_are_their_own_ratios(one_cohort):
    _, counts, result = one_cohort
    for entry in result["event_study"]:
        expected = ratio_of_ratios(counts, list(PILOTS), "2024Q1", entry["relative_quarter"])
        assert entry["estimate"] == pytest.approx(expected, rel=1e-5)
        assert (entry["ci_low"] is None) == (entry["relative_quarter"] == -1)


def test_difference_is_the_population_weighted_difference_in_differences(one_cohort):
    communities, counts, result = one_cohort
    people = communities.set_index("community_id")["population"]
    rows = counts[counts["quarter"].between("2023Q1", "2024Q4")].copy()
    rows["after"] = rows["quarter"] >= "2024Q1"
    rows["pilot"] = rows["community_id"].isin(list(PILOTS))
    rows["people"] = rows["community_id"].map(people)
    rate = rows.groupby(["pilot", "after"]).apply(lambda g: 1e5 * g["reported"].sum() / g["people"].sum())
    expected = (rate[True, True] - rate[True, False]) - (rate[False, True] - rate[False, False])
    assert result["difference"] == pytest.approx(expected, rel=1e-6)
    low, high = result["difference_ci"]
    assert low < result["difference"] < high


def full_dummy_fit(stacked: pd.DataFrame, outcome: str = "reported"):
    """The stacked Poisson model with one dummy per fixed effect, maximised by Newton-Raphson; its estimate of the
    pilot effect, and the CR1 clustered standard error from a sandwich written out here."""
    unit = pd.factorize(stacked["cohort"] + stacked["community_id"])[0]
    time = pd.factorize(stacked["cohort"] + stacked["quarter"])[0]
    # one time dummy per cohort is redundant with the unit dummies: drop the first quarter of each cohort
    first = stacked.groupby("cohort")["quarter"].transform("min") == stacked["quarter"]
    columns = [(unit == u).astype(float) for u in range(unit.max() + 1)]
    columns += [((time == t) & ~first).astype(float) for t in np.unique(time[~first.to_numpy()])]
    effect = (stacked["treated"] & stacked["post"]).to_numpy(float)
    x = np.column_stack([effect, *columns])
    y = stacked[outcome].to_numpy(float)
    offset = np.log(stacked["population"].to_numpy(float))

    beta = np.zeros(x.shape[1])
    beta[1 : unit.max() + 2] = np.log(y.mean() / np.exp(offset).mean())  # unit dummies at the overall rate
    for _ in range(100):  # Newton-Raphson on the log likelihood, written out
        mu = np.exp(offset + x @ beta)
        step = np.linalg.solve(x.T @ (x * mu[:, None]), x.T @ (y - mu))
        beta += step
        if np.abs(step).max() < 1e-12:
            break
    mu = np.exp(offset + x @ beta)
    bread = np.linalg.inv(x.T @ (x * mu[:, None]))
    scores = x * (y - mu)[:, None]
    clusters = stacked["community_id"].to_numpy()
    meat = sum(np.outer(s, s) for s in (scores[clusters == g].sum(axis=0) for g in np.unique(clusters)))
    g = len(np.unique(clusters))
    variance = g / (g - 1) * bread @ meat @ bread
    return beta[0], np.sqrt(variance[0, 0])


@pytest.fixture(scope="module")
def staggered():
    pilots = {"p0": "2023Q2", "p1": "2023Q2", "p2": "2023Q4", "p3": "2024Q1", "p4": "2024Q1", "p5": "2023Q3"}
    communities = register(pilots, [f"c{i}" for i in range(7)])
    counts = random_counts(communities, seed=3)
    return communities, counts, evaluate(counts, communities, QUARTERS[-1], "all")


@pytest.mark.slow
def test_staggered_rate_ratio_and_interval_match_a_direct_maximisation(staggered):
    communities, counts, result = staggered
    stacked = stack_rows(counts, communities, design(counts, communities, QUARTERS[-1], "all").sample)
    assert set(stacked["cohort"]) == {"2023Q2", "2023Q3", "2023Q4", "2024Q1"}
    # never a pilot of another cohort among the comparisons
    assert not stacked[~stacked["treated"]]["community_id"].str.startswith("p").any()
    estimate, se = full_dummy_fit(stacked)
    z = stats.norm.ppf(0.975)
    assert result["rate_ratio"] == pytest.approx(np.exp(estimate), rel=1e-5)
    assert result["rate_ratio_ci"] == pytest.approx([np.exp(estimate - z * se), np.exp(estimate + z * se)], rel=1e-4)


def test_vectorised_solver_agrees_with_the_hand_formula_under_relabelling(one_cohort):
    communities, counts, _ = one_cohort
    sample = design(counts, communities, "2024Q4", "all").sample
    data = dense(counts, sample, "reported", communities.set_index("community_id")["population"])
    labels = permuted_labels(data.labels, data.strata, 20, seed=5)
    solved = poisson_did(data, labels)
    for row, value in zip(labels, solved, strict=True):
        chosen = [c for c, label in zip(data.ids, row, strict=True) if label == 0]
        assert value == pytest.approx(np.log(ratio_of_ratios(counts, chosen, "2024Q1")), abs=1e-6)


@pytest.mark.slow
def test_randomization_p_and_mde_by_hand(one_cohort):
    communities, counts, result = one_cohort
    sample = design(counts, communities, "2024Q4", "all").sample
    data = dense(counts, sample, "reported", communities.set_index("community_id")["population"])
    draws = np.array(
        [
            np.log(ratio_of_ratios(counts, [c for c, lab in zip(data.ids, row, strict=True) if lab == 0], "2024Q1"))
            for row in permuted_labels(data.labels, data.strata, 999)
        ]
    )
    observed = np.log(result["rate_ratio"])
    assert result["p_randomization"] == pytest.approx((1 + (np.abs(draws) >= abs(observed) - 1e-6).sum()) / 1000)
    assert result["mde"] == pytest.approx(np.exp(-(stats.norm.ppf(0.975) + stats.norm.ppf(0.8)) * draws.std(ddof=1)))
    assert mde_rate_ratio(draws) < 1


def test_referral_rate_ratio_matches_a_direct_maximisation(staggered):
    communities, counts, result = staggered
    sample = design(counts, communities, QUARTERS[-1], "all").sample
    stacked = stack_rows(counts, communities, sample)
    stacked = stacked[stacked["reported"] > 0].assign(population=lambda f: f["reported"])
    stacked = stacked.groupby(["cohort", "community_id"]).filter(lambda g: len(g) > 1 and g["referred"].sum() > 0)
    estimate, _ = full_dummy_fit(stacked, "referred")
    assert result["referral"]["rate_ratio"] == pytest.approx(np.exp(estimate), rel=1e-4)
    # the randomization test's own solver, on the community rows it keeps for referrals
    data = dense(counts, sample, "referral", communities.set_index("community_id")["population"])
    assert poisson_did(data, data.labels[None, :])[0] == pytest.approx(estimate, abs=1e-6)


@pytest.mark.slow
def test_too_few_pilots_is_not_enough_but_still_estimated():
    pilots = {f"p{i}": "2024Q1" for i in range(4)}
    communities = register(pilots, COMPARISONS)
    result = evaluate(random_counts(communities), communities, "2024Q4", "all")
    assert not result["enough"] and result["reason"] == "few_pilots"
    assert result["reason_params"] == {"n": 4, "needed": 5}
    assert result["rate_ratio"] is not None


@pytest.mark.slow
def test_a_pilot_without_four_quarters_from_its_start_is_left_out():
    communities = register(PILOTS | {"late": "2024Q3"}, COMPARISONS)
    result = evaluate(random_counts(communities), communities, "2024Q4", "all")
    roles = result["members"].set_index("community_id")["role"]
    assert roles["late"] == "pilot_short" and result["n_pilots"] == 5


def test_nothing_to_compare_gives_nulls_and_a_reason():
    communities = register({"p0": "2024Q1"}, [])
    result = evaluate(random_counts(communities), communities, "2024Q4", "all")
    assert result["rate_ratio"] is None and result["rate_ratio_ci"] == [None, None]
    assert result["p_randomization"] is None and result["mde"] is None
    assert [e["estimate"] for e in result["event_study"]] == [None] * 8
    assert not result["referral"]["enough"]


def test_spillover_same_district_and_matching():
    communities = register({"p0": "2024Q1", "p1": "2024Q1"}, ["near", "far", "other", "twin", "big"])
    # "near" lies 400 m from p0; the others are 2 km or more from every pilot
    communities.loc[communities["community_id"] == "near", ["lon", "lat"]] = place(0, 400)
    communities["dist_code"] = ["1001", "1002", "1001", "1001", "1003", "1002", "1002"]
    counts = random_counts(communities)
    roles = design(counts, communities, "2024Q4", "all").members.set_index("community_id")["role"]
    assert roles["near"] == "spillover" and roles["far"] == "comparison"
    same = design(counts, communities, "2024Q4", "same-district").members.set_index("community_id")
    assert same.loc["other", "role"] == "not_chosen" and same.loc["twin", "stratum"] == "1002"
    # matching: "twin" has p0's population and cases exactly, so it is p0's nearest neighbour
    communities.loc[communities["community_id"] == "twin", "population"] = 1_000
    counts = counts.copy()
    p0 = counts["community_id"] == "p0"
    counts.loc[counts["community_id"] == "twin", "reported"] = counts.loc[p0, "reported"].to_numpy()
    matched = design(counts, communities, "2024Q4", "matched").members.set_index("community_id")
    assert matched.loc["twin", "stratum"] == "p0" and matched.loc["twin", "role"] == "comparison"
    assert (matched["role"] == "comparison").sum() == 4  # two per pilot, without replacement


@pytest.mark.slow
def test_incomplete_rows_take_the_per_community_solver_and_match_a_direct_maximisation(staggered):
    communities, counts, _ = staggered
    gaps = counts[~((counts["community_id"] == "c2") & counts["quarter"].isin(["2023Q1", "2023Q4"]))]
    sample = design(gaps, communities, QUARTERS[-1], "all").sample
    stacked = stack_rows(gaps, communities, sample)
    estimate, _ = full_dummy_fit(stacked)
    data = dense(gaps, sample, "reported", communities.set_index("community_id")["population"])
    assert not np.isfinite(data.y).all()  # c2 lacks two quarters: no summing of rows
    assert poisson_did(data, data.labels[None, :])[0] == pytest.approx(estimate, abs=1e-6)
    assert evaluate(gaps, communities, QUARTERS[-1], "all")["rate_ratio"] == pytest.approx(np.exp(estimate), rel=1e-5)

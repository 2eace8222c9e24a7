"""Pilot rates and the difference in differences on synthetic frames with a known effect."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core.quarters import window
from geo.pilots import DidResult, difference_in_differences, rates_by_group

QUARTERS = window("2024Q4", 8)  # 2023Q1 ... 2024Q4
COLUMNS = ["community_id", "quarter", "cases_reported", "population", "pilot", "pilot_start"]


def panel(communities: list[tuple[str, int, str | None]], cases) -> pd.DataFrame:
    """Rows for (id, population, pilot_start) communities; ``cases(id, quarter, population, start)`` gives the count."""
    return pd.DataFrame(
        [
            (cid, q, cases(cid, q, population, start), population, start is not None, start)
            for cid, population, start in communities
            for q in QUARTERS
        ],
        columns=COLUMNS,
    )


def per_100k(rate: float, population: int) -> int:
    count = rate * population / 100_000
    assert count == int(count), "choose populations that give whole cases"
    return int(count)


def test_rates_by_group_by_hand():
    rows = pd.DataFrame(
        [
            ("p1", "2024Q1", 3, 2_000, True, "2024Q2"),
            ("p1", "2024Q2", 1, 2_000, True, "2024Q2"),
            ("c1", "2024Q1", 1, 3_000, False, ""),
            ("c2", "2024Q1", 2, 5_000, False, None),
            ("c1", "2024Q2", 4, 3_000, False, ""),
        ],
        columns=COLUMNS,
    )
    table = rates_by_group(rows).set_index(["quarter", "group"])
    assert table.loc[("2024Q1", "comparison"), "communities"] == 2
    assert table.loc[("2024Q1", "comparison"), "rate_per_100k"] == pytest.approx(3 / 8_000 * 1e5)
    assert table.loc[("2024Q1", "pilot"), "rate_per_100k"] == pytest.approx(150.0)
    assert table.loc[("2024Q2", "comparison"), "rate_per_100k"] == pytest.approx(4 / 3_000 * 1e5)
    assert table.loc[("2024Q2", "pilot"), "cases_reported"] == 1
    assert table.index.get_level_values("quarter").is_monotonic_increasing


def test_exact_drop_is_recovered_with_its_interval():
    # Pilots fall by exactly 20 per 100,000 from 2024Q1; comparisons are flat.
    # Populations and base rates differ, so resampling changes the mix but not the answer.
    communities = [
        ("p1", 10_000, "2024Q1"),
        ("p2", 20_000, "2024Q1"),
        ("p3", 50_000, "2024Q1"),
        ("c1", 10_000, None),
        ("c2", 20_000, None),
        ("c3", 40_000, None),
    ]
    base = {"p1": 80, "p2": 50, "p3": 60, "c1": 30, "c2": 45, "c3": 70}

    def cases(cid, q, population, start):
        drop = 20 if start and q >= start else 0
        return per_100k(base[cid] - drop, population)

    result = difference_in_differences(panel(communities, cases), n_boot=200)
    assert result.enough and result.reason is None
    assert result.estimate == pytest.approx(-20.0)
    assert result.ci_low == pytest.approx(-20.0) and result.ci_high == pytest.approx(-20.0)
    assert (result.n_pilot, result.n_comparison) == (3, 3)
    assert (result.n_quarters_before, result.n_quarters_after) == (4, 4)


def noisy_panel(seed: int = 0, effect: float = -20.0) -> pd.DataFrame:
    """8 pilots and 30 comparisons of 100,000 people at about 60 per 100,000 a quarter, Poisson noise.

    Pilots' rate changes by ``effect`` from 2024Q1.
    """
    rng = np.random.default_rng(seed)
    communities = [(f"p{i}", 100_000, "2024Q1") for i in range(8)] + [(f"c{i}", 100_000, None) for i in range(30)]
    risk = dict(zip([c for c, _, _ in communities], rng.uniform(0.8, 1.2, len(communities)), strict=True))

    def cases(cid, q, population, start):
        rate = 60 * risk[cid] + (effect if start and q >= start else 0)
        return int(rng.poisson(rate * population / 100_000))

    return panel(communities, cases)


def test_noisy_effect_is_estimated_and_covered():
    result = difference_in_differences(noisy_panel())
    assert result.enough
    assert result.estimate == pytest.approx(-20.0, abs=5)
    assert result.ci_low < -20.0 < result.ci_high
    assert 0 < result.ci_high - result.ci_low < 15


def test_no_effect_interval_covers_zero():
    result = difference_in_differences(noisy_panel(seed=1, effect=0.0))
    assert result.ci_low < 0 < result.ci_high


def test_same_seed_same_interval():
    frame = noisy_panel()
    first, again = difference_in_differences(frame, seed=7), difference_in_differences(frame, seed=7)
    assert first == again
    other = difference_in_differences(frame, seed=8)
    assert other.estimate == first.estimate
    assert (other.ci_low, other.ci_high) != (first.ci_low, first.ci_high)


def test_staggered_starts_are_set_against_the_same_quarters():
    # Every community's rate jumps by 30 from 2024Q3 (a city-wide campaign). Cohort A
    # starts in 2024Q1, cohort B in 2024Q3; both fall by exactly 10 from their start.
    # A single comparison split at 2024Q1 would credit part of the jump to cohort B;
    # splitting the comparisons at each cohort's own start recovers -10 exactly.
    communities = [
        ("a1", 10_000, "2024Q1"),
        ("a2", 10_000, "2024Q1"),
        ("b1", 10_000, "2024Q3"),
        ("b2", 10_000, "2024Q3"),
        ("c1", 10_000, None),
        ("c2", 10_000, None),
        ("c3", 10_000, None),
    ]

    def cases(cid, q, population, start):
        rate = 100 + (30 if q >= "2024Q3" else 0) - (10 if start and q >= start else 0)
        return per_100k(rate, population)

    result = difference_in_differences(panel(communities, cases), n_boot=100)
    assert result.estimate == pytest.approx(-10.0)
    assert (result.n_quarters_before, result.n_quarters_after) == (4, 2)


@pytest.mark.parametrize(
    ("keep", "reason"),
    [
        (["p1", "c1", "c2"], "1 pilot and 2 comparison communities"),
        (["p1", "p2", "c1"], "2 pilot and 1 comparison communities"),
    ],
)
def test_too_few_communities(keep, reason):
    communities = [("p1", 10_000, "2024Q1"), ("p2", 10_000, "2024Q1"), ("c1", 10_000, None), ("c2", 10_000, None)]
    frame = panel(communities, lambda *_: 50)
    result = difference_in_differences(frame[frame["community_id"].isin(keep)])
    assert not result.enough
    assert (result.estimate, result.ci_low, result.ci_high) == (None, None, None)
    assert reason in result.reason


def test_no_quarter_before_the_start():
    communities = [("p1", 10_000, "2023Q1"), ("p2", 10_000, "2023Q1"), ("c1", 10_000, None), ("c2", 10_000, None)]
    result = difference_in_differences(panel(communities, lambda *_: 50))
    assert not result.enough and result.estimate is None
    assert result.n_quarters_before == 0
    assert result.reason == "no quarter before the first pilot start, 2023Q1"


def test_no_quarter_after_the_start():
    communities = [("p1", 10_000, "2025Q2"), ("p2", 10_000, "2025Q2"), ("c1", 10_000, None), ("c2", 10_000, None)]
    result = difference_in_differences(panel(communities, lambda *_: 50))
    assert not result.enough and result.n_quarters_after == 0
    assert "2025Q2" in result.reason


def test_too_few_cases_in_a_cell():
    communities = [("p1", 10_000, "2024Q1"), ("p2", 10_000, "2024Q1"), ("c1", 10_000, None), ("c2", 10_000, None)]
    # Pilots report 1 case a quarter: 8 before their start, under the 10 needed.
    result = difference_in_differences(panel(communities, lambda cid, *_: 1 if cid.startswith("p") else 5))
    assert result == DidResult(
        enough=False,
        estimate=None,
        ci_low=None,
        ci_high=None,
        n_pilot=2,
        n_comparison=2,
        n_quarters_before=4,
        n_quarters_after=4,
        reason="only 8 pilot cases before their start; at least 10 are needed in each cell",
    )


def test_pilot_without_a_start_is_left_out():
    frame = noisy_panel()
    frame.loc[frame["community_id"] == "p0", "pilot_start"] = ""
    assert difference_in_differences(frame).n_pilot == 7


def test_bad_input_is_refused():
    frame = noisy_panel()
    with pytest.raises(ValueError, match="not quarter keys"):
        difference_in_differences(frame.assign(quarter=frame["quarter"].str.replace("Q", "-Q")))
    with pytest.raises(ValueError, match="repeated community-quarter"):
        rates_by_group(pd.concat([frame, frame.iloc[:1]]))


def test_a_cohort_without_rows_before_its_start():
    communities = [("a1", 10_000, "2024Q1"), ("b1", 10_000, "2024Q3"), ("c1", 10_000, None), ("c2", 10_000, None)]
    frame = panel(communities, lambda *_: 50)
    late_joiner = (frame["community_id"] == "b1") & (frame["quarter"] < "2024Q3")
    result = difference_in_differences(frame[~late_joiner])
    assert not result.enough
    assert result.reason == "no pilot rows before 2024Q3 (pilot start)"

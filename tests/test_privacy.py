"""Small counts stay hidden: primary suppression, rounding, secondary suppression, and the
subtractions a curious viewer would try."""

import numpy as np
import pandas as pd
import pytest

from db import read
from db.privacy import SECONDARY_MARK, protect, publish, suppress_complements
from tests.test_load import csv, load


@pytest.fixture(autouse=True)
def default_rules(monkeypatch):
    monkeypatch.delenv("SAFESPACE_SUPPRESS_BELOW", raising=False)
    monkeypatch.delenv("SAFESPACE_ROUND_TO", raising=False)


def test_zero_and_suppressed_look_different_and_rates_follow_the_count():
    out = protect(pd.DataFrame({"n": [0, 4, 5], "eb": [0.0, 9.9, 1.0]}), "n", ["eb"])
    assert out["n_display"].tolist() == ["0", "<5", "5"]
    assert np.isnan(out["eb"][1]) and out["eb"][0] == 0.0


@pytest.mark.parametrize("true", range(5, 200))
def test_published_counts_are_multiples_of_five_within_half_a_step(true):
    shown, hidden = publish([true])
    assert not hidden[0] and shown[0] % 5 == 0 and abs(shown[0] - true) <= 2.5


def test_thresholds_are_settings(monkeypatch):
    monkeypatch.setenv("SAFESPACE_SUPPRESS_BELOW", "10")
    monkeypatch.setenv("SAFESPACE_ROUND_TO", "1")
    assert protect(pd.DataFrame({"n": [7, 12]}), "n")["n_display"].tolist() == ["<10", "12"]


def test_one_suppressed_cell_in_a_line_with_a_shown_total_takes_a_second_cell_with_it():
    table = pd.DataFrame(
        {"type": ["physical", "sexual", "neglect", "other"], "n": [40, 3, 12, 9]}
    )  # total 64, shown as 65: without rounding, 64 - 40 - 12 - 9 would give back the 3
    published = suppress_complements(protect(table, "n", base=1), "n", [[]])
    assert published["n_display"].tolist() == ["40", "<5", "12", SECONDARY_MARK]
    shown = published["n"].dropna()
    assert published["suppressed"].sum() == 2 and shown.sum() == 52  # 64 - 52 = 12: the 3 and the 9 together


def test_cross_table_lines_are_protected_in_both_directions():
    cells = pd.DataFrame(
        [(v, g, n) for v, g, n in [("a", "x", 3), ("a", "y", 20), ("b", "x", 15), ("b", "y", 30)]],
        columns=["violence", "group", "n"],
    )
    out = suppress_complements(protect(cells, "n", base=1), "n", ["violence", "group"])
    for by in ("violence", "group"):
        assert (out.groupby(by)["suppressed"].sum() != 1).all(), f"a {by} line still has one lone hidden cell"


def test_consecutive_windows_do_not_give_back_a_small_quarter(db):
    # 1002 reports 40, 41, 42 and then 3 cases: the last quarter alone is small.
    quarters = {"2024Q3": 40, "2024Q4": 41, "2025Q1": 42, "2025Q2": 3}
    load(db, "cases", csv(*(f"{q},1002,,,physical,woman,{n}," for q, n in quarters.items())))
    four = read.district_rates(db, "2025Q2", 4).set_index("dist_code").at["1002", "cases"]
    three = read.district_rates(db, "2025Q1", 3).set_index("dist_code").at["1002", "cases"]
    alone = read.district_rates(db, "2025Q2", 1).set_index("dist_code").loc["1002"]
    assert alone["cases_display"] == "<5"
    assert four - three != 3, "subtracting the overlapping windows must not recover the small quarter"


def test_rate_times_population_gives_only_the_published_count(db):
    load(db, "cases", csv("2025Q2,1002,,,physical,woman,43,"))
    row = read.district_rates(db, "2025Q2", 1).set_index("dist_code").loc["1002"]
    assert round(row["rate_per_100k"] * row["population"] / 1e5, 6) == row["cases"] == 45

"""What-if scenarios (geo.scenario) against small cases worked by hand, and the published demo as its baseline.

Longitudes 0.01 degrees apart are about 1.08 km apart at Bangkok's latitude, so
with the 3 km catchment a point 0.02 degrees away is in reach and 0.05 is not.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from db import read
from geo.gap_scenarios import Scenario
from geo.scenario import Edit, apply_edits, coverage_of, evaluate

RADIUS = 3000.0
LAT = 13.75
# Three districts: A and B (1001) lie 1 km apart, C (1002) 20 km east, D (1003) 40 km east.
COMMUNITIES = pd.DataFrame(
    {
        "community_id": ["A", "B", "C", "D"],
        "dist_code": ["1001", "1001", "1002", "1003"],
        "population": [1_000, 2_000, 500, 800],
        "lon": [100.50, 100.51, 100.70, 100.90],
        "lat": [LAT] * 4,
    }
)
NEED = pd.Series({"1001": 0.1, "1002": 0.5, "1003": 0.9})  # published need probabilities: classes 1, 2, 3
PLAIN = Scenario(RADIUS, decay=False)  # plain 2SFCA, so the hand formulas hold


def services(*rows: tuple[str, float, int]) -> pd.DataFrame:
    """Safe spaces (id, longitude, capacity) and one police station, which is no supply."""
    spaces = pd.DataFrame(rows, columns=["service_id", "lon", "capacity"]).assign(
        service_type="safe_space", lat=LAT, name_th=lambda f: f["service_id"], name_en=lambda f: f["service_id"]
    )
    police = pd.DataFrame({"service_id": ["P"], "service_type": ["police"], "lon": [100.505], "lat": [LAT]})
    return pd.concat([spaces, police], ignore_index=True)


def run(network: pd.DataFrame, *edits: Edit):
    return evaluate(COMMUNITIES, network, NEED, list(edits), measure=PLAIN)


def test_adding_a_site_where_no_one_is_covered_adds_exactly_the_residents_in_reach():
    outcome = run(services(("S-D", 100.90, 10)), Edit("add", "NEW", lon=100.505, lat=LAT, capacity=30))
    assert outcome.residents_before == 800
    assert outcome.residents_after - outcome.residents_before == 1_000 + 2_000  # A and B, not C
    districts = outcome.districts
    assert districts.loc["1001", ["residents_before", "residents_after"]].tolist() == [0, 3_000]
    # 2SFCA: 30 places for the 3,000 residents in reach, so 0.01 each; the district's mean is the same.
    assert districts.loc["1001", "access_2sfca_after"] == pytest.approx(30 / 3_000)
    assert districts.loc["1001", "access_2sfca_before"] == 0
    assert outcome.after.set_index("service_id").loc["NEW", "change"] == "add"


def test_closing_the_only_site_removes_it_and_its_coverage():
    outcome = run(services(("S1", 100.505, 10)), Edit("close", "S1"))
    assert outcome.after.empty and outcome.closed["service_id"].tolist() == ["S1"]
    assert outcome.residents_before == 3_000 and outcome.residents_after == 0
    assert outcome.districts["access_2sfca_after"].tolist() == [0, 0, 0]


def test_moving_a_site_moves_its_residents_and_access():
    outcome = run(services(("S1", 100.505, 10)), Edit("move", "S1", lon=100.70, lat=LAT))
    districts = outcome.districts
    assert districts["residents_before"].tolist() == [3_000, 0, 0]
    assert districts["residents_after"].tolist() == [0, 500, 0]
    assert districts.loc["1002", "access_2sfca_after"] == pytest.approx(10 / 500)
    (moved,) = outcome.after.itertuples()
    assert (moved.lon, moved.change) == (100.70, "move")


def test_a_capacity_change_changes_access_as_the_two_step_formula_says():
    # S1 lies between A and B and reaches both; S2 is 2.2 km from B and 3.2 km from A, so it reaches B only.
    network = services(("S1", 100.505, 10), ("S2", 100.53, 30))
    outcome = run(network, Edit("capacity", "S1", capacity=40))
    access = outcome.districts["access_2sfca_after"]
    # Step 1: R1 = 40 / (1,000 + 2,000), R2 = 30 / 2,000. Step 2: A gets R1, B gets R1 + R2.
    r1, r2 = 40 / 3_000, 30 / 2_000
    assert access["1001"] == pytest.approx((1_000 * r1 + 2_000 * (r1 + r2)) / 3_000)
    before = outcome.districts["access_2sfca_before"]["1001"]
    assert before == pytest.approx((1_000 * 10 / 3_000 + 2_000 * (10 / 3_000 + r2)) / 3_000)
    assert outcome.residents_after == outcome.residents_before  # capacity does not change who is in reach


def test_gaps_are_recomputed_from_the_published_need_and_the_new_coverage():
    network = services(("S-A", 100.50, 10), ("S-C", 100.70, 10), ("S-D", 100.90, 10))
    outcome = run(network, Edit("close", "S-D"))
    districts = outcome.districts
    assert districts["need_class_before"].tolist() == districts["need_class_after"].tolist() == [1, 2, 3]
    assert not districts["gap_before"].any()
    assert districts["gap_after"].tolist() == [False, False, True]  # high need, now the lowest coverage
    assert districts.loc["1003", "gap_class_after"] == "3-1"


def test_edits_that_cannot_apply_are_skipped_and_the_others_apply():
    network = services(("S1", 100.505, 10))
    outcome = run(
        network,
        Edit("close", "S1"),
        Edit("capacity", "S1", capacity=5),  # closed already
        Edit("move", "NOPE", lon=100.6, lat=LAT),  # not open here
        Edit("add", "N1", lon=100.9, lat=LAT),
        Edit("add", "N1", lon=100.7, lat=LAT),  # the id is taken
    )
    assert outcome.skipped == [1, 2, 4]
    assert outcome.after[["service_id", "lon", "capacity"]].values.tolist() == [["N1", 100.9, 1]]


def test_a_site_moved_and_given_a_capacity_says_both():
    after, skipped = apply_edits(
        services(("S1", 100.505, 10)).query("service_type == 'safe_space'"),
        [Edit("capacity", "S1", capacity=3), Edit("move", "S1", lon=100.6, lat=LAT)],
    )
    assert skipped == [] and after["change"].tolist() == ["move,capacity"]


def test_no_edit_reproduces_the_published_coverage_and_gaps_of_the_demo(demo_published):
    end = read.loaded_quarters(demo_published)[-1]
    published = read.district_summary(demo_published, "4q", end).set_index("dist_code")
    demand, network = read.demand_points(demo_published), read.service_points(demo_published, "4q", end)
    need = published["need_prob"]
    ours = coverage_of(demand, network, need)
    assert np.allclose(ours["access_2sfca"], published["access_2sfca"], rtol=1e-9)
    for column in ("need_class", "coverage_class", "gap_class"):
        assert ours[column].tolist() == published[column].tolist(), column
    # The published gap must also hold over other catchments and resampled counts; a scenario has one measure.
    assert ours["gap"].tolist() == published["gap_class"].eq("3-1").tolist()
    outcome = evaluate(demand, network, need, [])
    districts = outcome.districts
    assert (districts["gap_before"] == districts["gap_after"]).all()
    assert outcome.residents_before == outcome.residents_after > 0

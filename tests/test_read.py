"""The snapshot reader against real published files: windows, Bangkok only, display texts, freshness.

Expected figures are worked out by hand from the hand-written cases of
conftest (``HAND_CASES``), never by querying the snapshot again.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import duckdb
import pytest

from db import read
from db.snapshot import published_path
from etl.load import load_file
from etl.publish import publish
from tests.helpers import load, row


@pytest.fixture
def snapshot(cases_db) -> Path:
    return published_path(cases_db)


@pytest.mark.slow
def test_a_window_holds_its_quarters_and_bangkok_only(snapshot):
    year = read.district_summary(snapshot, "4q", "2025Q2")
    assert len(year) == 50 and "1104" not in set(year["dist_code"])  # the Thai Kriang pilot lies outside Bangkok
    assert row(year, "1001")["cases_reported"] == 15  # 2024Q2's 100 lies outside 2024Q3-2025Q2
    earlier = read.district_summary(snapshot, "4q", "2024Q4")
    assert row(earlier, "1001")["cases_reported"] == 105  # 100 + <5 + <5: 100 + 2.5 + 2.5


@pytest.mark.parametrize(("code", "display"), [("1002", "<5"), ("1003", "0"), ("1005", "5")])
def test_counts_come_with_their_display_text(snapshot, code, display):
    published = row(read.district_summary(snapshot, "1q", "2025Q2" if code != "1003" else "2025Q1"), code)
    assert published["cases_reported_display"] == display
    assert published["suppressed"] == (display == "<5")


def test_a_district_without_rows_has_no_data_rather_than_zero(snapshot):
    empty = row(read.district_summary(snapshot, "4q", "2025Q2"), "1050")
    assert empty["cases_reported_display"] is None and not empty["suppressed"]


def test_bangkok_totals_and_trend_per_quarter(snapshot):
    totals = read.quarterly_totals(snapshot).set_index("quarter")
    assert totals.index.tolist() == ["2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2"]
    assert totals.loc["2024Q2", "cases_reported_display"] == "100"
    trend = read.district_trend(snapshot, "1002").set_index("quarter")
    assert trend.loc["2025Q2", "cases_display"] == "<5" and trend.loc["2025Q1", "cases_display"] is None


def test_meta_says_what_the_figures_are(snapshot):
    meta = read.meta(snapshot)
    assert meta.latest_quarter == "2025Q2" and meta.synthetic is False and meta.population_year is None
    assert "about 2017" in meta.population_source and meta.last_loaded is not None
    assert (meta.suppress_below, meta.round_to, meta.hidden_estimate) == (5, 5, 2.5)


def test_demo_data_is_flagged_synthetic(demo_published):
    assert read.meta(demo_published).synthetic is True


@pytest.mark.slow
def test_the_version_changes_with_each_publish(cases_db, snapshot):
    before = read.version(snapshot)
    assert read.version(snapshot) == before
    load_file(
        "cases", b"quarter,dist_code,violence_type,cases_reported\n2025Q2,1010,physical,8\n", "x.csv", db=cases_db
    )
    assert read.version(snapshot) == before  # a load alone publishes nothing
    publish(cases_db)
    assert read.version(snapshot) != before
    assert read.publish_status(snapshot).ok
    assert row(read.district_summary(snapshot, "1q", "2025Q2"), "1010")["cases_reported"] == 10


def test_district_layer_is_bangkok_in_wgs84_and_small(snapshot):
    layer = read.district_layer(snapshot)
    assert len(layer) == 50 and layer.crs.to_epsg() == 4326
    assert list(layer.columns) == ["dist_code", "name_th", "name_en", "area_km2", "geometry"]
    assert layer.geometry.is_valid.all()
    payload = json.dumps(json.loads(layer.to_json()), separators=(",", ":"), ensure_ascii=False)
    assert len(payload.encode()) < 250_000


def test_breakdowns_are_bangkok_wide_in_stored_order(snapshot):
    types = read.breakdown(snapshot, "violence_type", "1q", "2025Q2")
    assert types["code"].tolist() == ["physical", "psychological", "neglect"]  # codes with rows, in stored order
    assert types.set_index("code").loc["neglect", "cases_display"] == "<5"


def test_missing_and_unready_snapshots_raise_typed_errors(tmp_path):
    with pytest.raises(read.SnapshotMissing):
        read.check_ready(tmp_path / "nothing.duckdb")
    blank = tmp_path / "blank.duckdb"
    duckdb.connect(str(blank)).close()
    with pytest.raises(read.SnapshotNotReady):
        read.check_ready(blank)
    assert not (tmp_path / "nothing.duckdb").exists()  # reading never creates a file


def test_reads_leave_no_connection_open(snapshot):
    read.district_summary(snapshot, "4q", "2025Q2")
    read.district_layer(snapshot)
    with duckdb.connect(str(snapshot)) as writer:  # a writer can open the file at once
        writer.execute("SELECT 1")


@pytest.mark.parametrize(
    ("span", "end", "display"),
    [
        # 1001: cells 3, 4, 5 + 1, 7 shown as <5, <5, 5, 5; 1002 <5; 1003 0; 1004 <5 and <5; 1005 5.
        # 2.5 + 2.5 + 5 + 5 + 2.5 + 0 + 2.5 + 2.5 + 5 = 27.5, published as 30; 1104 lies outside Bangkok.
        ("4q", "2025Q2", "30"),
        ("4q", "2025Q1", "115"),  # 100 + 2.5 + 2.5 + 5 (1001), 2.5 (1004), 0 (1003): 112.5
        ("1q", "2024Q4", "<5"),  # one hidden cell
        ("1q", "2024Q3", "5"),  # two hidden cells: 2.5 + 2.5
    ],
)
def test_headline_count_is_the_sum_of_protected_cells_worked_by_hand(snapshot, span, end, display):
    kpis = read.kpis(snapshot, span, end)
    assert kpis.cases_display == display
    assert kpis.cases == (float(display) if display != "<5" else pytest.approx(math.nan, nan_ok=True))
    assert kpis.pilots == 1  # Thai Kriang started in 2024Q1
    assert math.isnan(kpis.referral_rate)  # only 1003 publishes its referrals, and it reported 0


def test_a_window_before_the_first_quarter_with_rows_has_no_kpis(snapshot):
    kpis = read.kpis(snapshot, "1q", "2023Q4")
    assert kpis.cases_display is None and kpis.pilots == 0


# Safe spaces at the edges of the year to 2025Q2 (1 July 2024 to 30 June 2025), in Phra Nakhon (1001).
EDGE_SERVICES = (
    "service_id,name_th,service_type,lat,lon,capacity,opened,closed\n"
    "S-A,เปิดวันสุดท้าย,safe_space,13.7560,100.4960,10,2025-06-30,\n"
    "S-B,เปิดหลังช่วง,safe_space,13.7561,100.4961,10,2025-07-01,\n"
    "S-C,ปิดวันแรก,safe_space,13.7562,100.4962,10,2020-01-01,2024-07-01\n"
    "S-D,ปิดก่อนช่วง,safe_space,13.7563,100.4963,10,2020-01-01,2024-06-30\n"
    "S-E,ไม่มีวันที่,safe_space,13.7564,100.4964,10,,\n"
    "S-F,บ้านพัก,shelter,13.7565,100.4965,10,,\n"
)


@pytest.mark.slow
def test_services_open_at_some_time_in_the_window_by_hand(cases_db, snapshot):
    load(cases_db, "services", EDGE_SERVICES)
    publish(cases_db)
    year = read.service_points(snapshot, "4q", "2025Q2")
    assert year["service_id"].tolist() == ["S-A", "S-C", "S-E", "S-F"]  # by type, then id
    assert read.kpis(snapshot, "4q", "2025Q2").safe_spaces == 3  # A, C and E; a shelter is not a safe space
    # July to September 2024: S-C closed on its first day, S-D the day before, S-A opened later.
    assert read.service_points(snapshot, "1q", "2024Q3")["service_id"].tolist() == ["S-C", "S-E", "S-F"]
    assert read.kpis(snapshot, "1q", "2024Q3").safe_spaces == 2


def test_completeness_marks_each_district_quarter_with_rows_even_a_zero(snapshot):
    grid = read.completeness(snapshot)
    assert len(grid) == 50 * 5 and "1104" not in set(grid["dist_code"])  # Bangkok's districts, 2024Q2 to 2025Q2
    with_rows = grid[grid["has_data"]].groupby("dist_code")["quarter"].apply(list).to_dict()
    assert with_rows == {
        "1001": ["2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2"],
        "1002": ["2025Q2"],
        "1003": ["2025Q1"],  # a row of 0 cases is a file that was sent
        "1004": ["2024Q3", "2025Q2"],
        "1005": ["2025Q2"],
    }
    assert set(grid.loc[grid["dist_code"] == "1002", "name_en"]) == {"Dusit"}


def test_subdistricts_of_bangkok_or_of_one_district(snapshot):
    every = read.subdistrict_layer(snapshot)
    assert len(every) == 180 and every.crs.to_epsg() == 4326 and every.geometry.is_valid.all()
    phra_nakhon = read.subdistrict_layer(snapshot, "1001")
    assert len(phra_nakhon) == 12 and set(phra_nakhon["dist_code"]) == {"1001"}
    assert phra_nakhon["subdist_code"].tolist() == sorted(phra_nakhon["subdist_code"])


def test_smoothed_rates_of_chosen_districts_over_every_quarter(snapshot):
    assert read.smoothed_rates(snapshot, "1q", []).empty
    rates = read.smoothed_rates(snapshot, "1q", ["1002", "1001"])
    assert list(zip(rates["end_quarter"], rates["dist_code"], strict=True))[:4] == [
        ("2024Q2", "1001"),
        ("2024Q2", "1002"),
        ("2024Q3", "1001"),
        ("2024Q3", "1002"),
    ]
    dusit = rates[rates["dist_code"] == "1002"].set_index("end_quarter")
    assert dusit["eb_rate_per_100k"].isna().tolist() == [True, True, True, True, False]  # rows only in 2025Q2
    assert set(dusit["name_th"]) == {"ดุสิต"}


def test_the_pilot_before_and_after_its_start_by_hand(snapshot):
    pilot = read.pilot_table(snapshot, "2025Q2").iloc[0]
    assert pilot["community_id"] == "PILOT-THAI-KRIANG" and pilot["pilot_start"] == "2024Q1"
    # 9 cases in 2025Q2, after the start, published as 10: 10 / 1,047 residents in one quarter with rows.
    assert (pilot["cases_after_display"], pilot["quarters_after"]) == ("10", 1)
    assert pilot["rate_after"] == pytest.approx(10 / 1047 * 100_000, abs=0.05)
    assert pilot["cases_before_display"] is None and pilot["quarters_before"] == 0  # no rows before its start
    trend = read.pilot_trend(snapshot, "2025Q2")
    assert trend[["quarter", "group", "cases_reported_display"]].values.tolist() == [["2025Q2", "pilot", "10"]]
    assert read.pilot_trend(snapshot, "2025Q1").empty


def test_load_history_newest_first(snapshot):
    assert read.load_history(snapshot)["kind"].tolist() == ["cases", "communities", "population", "boundaries"]

"""The snapshot reader against real published files: windows, Bangkok only, display texts, freshness."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from db import read
from db.snapshot import published_path
from etl.load import load_file
from etl.publish import publish


@pytest.fixture
def snapshot(cases_db) -> Path:
    return published_path(cases_db)


def row(frame, code: str):
    return frame.set_index("dist_code").loc[code]


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


def test_the_version_changes_with_each_publish(cases_db, snapshot):
    before = read.version(snapshot)
    assert read.version(snapshot) == before
    load_file(
        "cases", b"quarter,dist_code,violence_type,cases_reported\n2025Q2,1010,physical,8\n", "x.csv", db=cases_db
    )
    assert read.version(snapshot) == before  # a load alone publishes nothing
    publish(cases_db)
    assert read.version(snapshot) != before
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

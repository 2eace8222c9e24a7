"""The read layer against real DuckDB files: window sums, Bangkok only, suppression, payload size."""

from __future__ import annotations

import json
import math
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from db import read
from db.connect import DatabaseMissing
from db.privacy import ENV_VAR


@pytest.fixture(autouse=True)
def default_threshold(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)


def _row(frame, code: str):
    return frame.set_index("dist_code").loc[code]


def test_district_rates_sums_the_four_quarter_window(cases_db):
    rates = read.district_rates(cases_db, "2025Q2")
    first = _row(rates, "1001")
    assert first["cases"] == 20  # 2024Q2's 100 is outside 2024Q3-2025Q2
    assert first["cases_display"] == "20"
    assert first["quarters_reported"] == 4
    assert first["rate_per_100k"] == pytest.approx(20 * 100_000 / first["population"])


def test_district_rates_follow_the_window_end(cases_db, monkeypatch):
    monkeypatch.setenv("SAFESPACE_ROUND_TO", "1")  # the sums themselves, before rounding to 5
    assert _row(read.district_rates(cases_db, "2024Q4"), "1001")["cases"] == 100 + 3 + 4
    assert _row(read.district_rates(cases_db, "2025Q2", n_quarters=1), "1001")["cases"] == 7


def test_only_bangkok_districts_are_counted(cases_db):
    rates = read.district_rates(cases_db, "2025Q2")
    assert len(rates) == 50
    assert rates["dist_code"].tolist() == [str(code) for code in range(1001, 1051)]
    assert "1104" not in set(rates["dist_code"])


@pytest.mark.parametrize("code", ["1002", "1004"])
def test_counts_of_one_to_four_are_suppressed_with_their_rate(cases_db, code):
    row = _row(read.district_rates(cases_db, "2025Q2"), code)
    assert row["cases_display"] == "<5"
    assert row["suppressed"]
    assert math.isnan(row["cases"])
    assert math.isnan(row["rate_per_100k"])


def test_zero_and_five_are_published(cases_db):
    rates = read.district_rates(cases_db, "2025Q2")
    zero, five = _row(rates, "1003"), _row(rates, "1005")
    assert (zero["cases_display"], zero["cases"], zero["rate_per_100k"], zero["suppressed"]) == ("0", 0, 0, False)
    assert (five["cases_display"], five["cases"], five["suppressed"]) == ("5", 5, False)


def test_no_published_count_is_between_one_and_four(cases_db):
    rates = read.district_rates(cases_db, "2025Q2")
    assert not rates["cases_display"].isin(["1", "2", "3", "4"]).any()
    assert not rates["cases"].between(1, 4).any()


def test_a_district_without_rows_has_no_data_rather_than_zero(cases_db):
    row = _row(read.district_rates(cases_db, "2025Q2"), "1050")
    assert row["quarters_reported"] == 0
    assert math.isnan(row["cases"])
    assert pd.isna(row["cases_display"])
    assert not row["suppressed"]


def test_threshold_is_a_setting(cases_db, monkeypatch):
    monkeypatch.setenv(ENV_VAR, "10")
    row = _row(read.district_rates(cases_db, "2025Q2"), "1005")
    assert (row["cases_display"], row["suppressed"]) == ("<10", True)


def test_loaded_quarters_and_status(cases_db):
    assert read.loaded_quarters(cases_db) == ["2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2"]
    status = read.data_status(cases_db)
    assert status.latest_quarter == "2025Q2"
    assert status.synthetic is False
    assert status.population_year is None
    assert "about 2017" in status.population_source
    assert status.last_loaded is not None


def test_data_version_changes_with_a_load(db):
    from etl.load import load_file

    before = read.data_version(db)
    assert read.data_version(db) == before
    load_file("cases", b"quarter,dist_code,violence_type,cases_reported\n2025Q2,1001,physical,8\n", "x.csv", db=db)
    assert read.data_version(db) != before


def test_demo_data_is_flagged_synthetic(demo_db):
    assert read.data_status(demo_db).synthetic is True


def test_district_layer_is_bangkok_in_wgs84_and_small(db):
    layer = read.district_layer(db)
    assert len(layer) == 50
    assert layer.crs.to_epsg() == 4326
    assert list(layer.columns) == ["dist_code", "name_th", "name_en", "area_km2", "geometry"]
    assert layer.geometry.is_valid.all()
    payload = json.dumps(json.loads(layer.to_json()), separators=(",", ":"), ensure_ascii=False)
    assert len(payload.encode()) < 250_000


def test_empty_database_gives_empty_results(db):
    assert read.loaded_quarters(db) == []
    status = read.data_status(db)
    assert (status.latest_quarter, status.synthetic) == (None, False)
    rates = read.district_rates(db, "2025Q2")
    assert len(rates) == 50
    assert rates["cases"].isna().all()
    assert rates["cases_display"].isna().all()
    assert not rates["suppressed"].any()


def test_missing_and_unready_databases_raise_typed_errors(tmp_path):
    with pytest.raises(DatabaseMissing):
        read.check_ready(tmp_path / "nothing.duckdb")
    blank = tmp_path / "blank.duckdb"
    duckdb.connect(str(blank)).close()
    with pytest.raises(read.DatabaseNotReady):
        read.check_ready(blank)
    assert not Path(tmp_path / "nothing.duckdb").exists()  # reading never creates a file


def test_reads_leave_no_connection_open(cases_db):
    read.district_rates(cases_db, "2025Q2")
    read.district_layer(cases_db)
    with duckdb.connect(str(cases_db)) as writer:  # a writer can open the file at once
        writer.execute("SELECT 1")

"""The district summary as the pages and the export receive it: demo data, hand-made cases, esda directly."""

from __future__ import annotations

import math

import esda
import numpy as np
import pandas as pd
import pytest
from libpysal.weights import Queen
from scipy import stats

from db import read
from db.privacy import ENV_VAR
from etl.demo import CLUSTERS
from etl.load import load_file

REQUIRED = [
    "quarter",
    "quarter_from",
    "dist_code",
    "name_th",
    "name_en",
    "population",
    "cases_reported",
    "cases_referred",
    "rate_per_100k",
    "eb_rate_per_100k",
    "gi_z",
    "gi_p",
    "hotspot_class",
    "lisa_class",
    "n_services",
    "services_per_100k",
    "access_2sfca",
    "referral_rate",
    "unreferred",
    "need_class",
    "coverage_class",
    "gap_class",
    "gap",
    "dist_m_safe_space",
]
DERIVED = ["rate_per_100k", "eb_rate_per_100k", "referral_rate", "unreferred"]


@pytest.fixture(autouse=True)
def default_threshold(monkeypatch):
    monkeypatch.delenv(ENV_VAR, raising=False)


@pytest.fixture(scope="module")
def demo(demo_template) -> pd.DataFrame:
    """The demo's summary with true numbers (read-only use of the shared template)."""
    return read.district_summary(demo_template, "2025Q2", suppress=False)


def _row(frame: pd.DataFrame, code: str) -> pd.Series:
    return frame.set_index("dist_code").loc[code]


# --- the demo database --------------------------------------------------------


def test_one_row_per_bangkok_district_with_every_column(demo):
    assert demo["dist_code"].tolist() == [str(code) for code in range(1001, 1051)]
    assert set(REQUIRED) <= set(demo.columns)
    assert (demo["quarter"] == "2025Q2").all() and (demo["quarter_from"] == "2024Q3").all()
    assert demo["name_th"].str.len().gt(0).all()
    assert demo[["rate_per_100k", "eb_rate_per_100k", "gi_z", "access_2sfca"]].notna().all().all()


def test_counts_are_the_window_sums_the_rate_map_shows(demo_template, demo, monkeypatch):
    monkeypatch.setenv("SAFESPACE_ROUND_TO", "1")  # compare the sums themselves, before rounding
    rates = read.district_rates(demo_template, "2025Q2", 4)
    assert demo["cases_reported"].tolist() == rates["cases"].tolist()
    assert demo["rate_per_100k"].to_numpy() == pytest.approx(rates["rate_per_100k"].to_numpy())


def test_a_longer_window_sums_more_quarters(demo_template, demo):
    year = read.district_summary(demo_template, "2025Q2", "2024Q3", suppress=False)
    three_years = read.district_summary(demo_template, "2025Q2", "2022Q3", suppress=False)
    pd.testing.assert_frame_equal(year, demo)
    assert (three_years["n_quarters"] == 12).all() and (three_years["quarter_from"] == "2022Q3").all()
    assert (three_years["cases_reported"] > demo["cases_reported"]).all()


def test_a_window_that_starts_after_it_ends_is_refused(demo_template):
    with pytest.raises(ValueError, match="after"):
        read.district_summary(demo_template, "2025Q2", "2025Q3")


def test_hotspots_agree_with_esda_run_directly(demo_template, demo):
    layer = read.district_layer(demo_template)
    w = Queen.from_dataframe(layer, ids=layer["dist_code"].tolist())
    y = demo.set_index("dist_code")["eb_rate_per_100k"].reindex(w.id_order).to_numpy()
    gi = esda.G_Local(y, w, transform="B", star=True, permutations=0)
    p = 2 * stats.norm.sf(np.abs(gi.Zs))
    expected = np.full(len(y), "not_significant", dtype=object)
    for level, suffix in ((0.10, "90"), (0.05, "95"), (0.01, "99")):
        expected[p < level] = np.where(gi.Zs[p < level] > 0, f"hot_{suffix}", f"cold_{suffix}")
    assert demo["gi_z"].to_numpy() == pytest.approx(gi.Zs)
    assert demo["gi_p"].to_numpy() == pytest.approx(p)
    assert demo["hotspot_class"].tolist() == expected.tolist()


@pytest.mark.filterwarnings("ignore:The alternative hypothesis:DeprecationWarning")
def test_lisa_agrees_with_esda_run_directly(demo_template, demo):
    layer = read.district_layer(demo_template)
    w = Queen.from_dataframe(layer, ids=layer["dist_code"].tolist())
    y = demo.set_index("dist_code")["eb_rate_per_100k"].reindex(w.id_order).to_numpy()
    lisa = esda.Moran_Local(y, w, transformation="r", permutations=999, seed=12345)
    quadrant = pd.Series(lisa.q).map({1: "high_high", 2: "low_high", 3: "low_low", 4: "high_low"})
    expected = np.where(lisa.p_sim < 0.05, quadrant, "not_significant")
    assert demo["lisa_class"].tolist() == expected.tolist()


def test_same_database_same_table(demo_template, demo):
    pd.testing.assert_frame_equal(read.district_summary(demo_template, "2025Q2", suppress=False), demo)
    published = read.district_summary(demo_template, "2025Q2")
    pd.testing.assert_frame_equal(published, read.district_summary(demo_template, "2025Q2"))


def test_the_demo_clusters_come_out_as_hot_spots(demo):
    classes = demo.set_index("dist_code")["hotspot_class"]
    for members, _ in CLUSTERS:
        assert not classes[list(members)].str.startswith("cold").any(), members
    main, _ = CLUSTERS[0]  # the others are raised areas that need not be significant
    assert classes[list(main)].isin(["hot_95", "hot_99"]).any(), main


def test_gap_districts_are_high_need_and_low_coverage(demo):
    assert demo["gap"].any()
    gaps = demo[demo["gap"]]
    assert (gaps["need_class"] == 3).all() and (gaps["coverage_class"] == 1).all()
    assert (gaps["gap_class"] == "3-1").all()
    others = demo[~demo["gap"]]
    assert not ((others["need_class"] == 3) & (others["coverage_class"] == 1)).any()


def test_need_and_coverage_are_terciles_of_the_smoothed_rate_and_access(demo):
    by_need = demo.sort_values("eb_rate_per_100k")
    assert by_need["need_class"].is_monotonic_increasing
    assert demo["need_class"].value_counts().sort_index().tolist() == [17, 16, 17]
    assert demo.sort_values("access_2sfca")["coverage_class"].is_monotonic_increasing


def test_services_are_counted_per_100k(demo):
    assert demo["n_services"].sum() > 0
    expected = demo["n_services"] * 100_000 / demo["population"]
    assert demo["services_per_100k"].to_numpy() == pytest.approx(expected.to_numpy())


# --- hand-made cases: suppression after the statistics -----------------------


@pytest.mark.parametrize("code", ["1002", "1004"])
def test_small_counts_and_their_rates_are_suppressed_but_statistics_remain(cases_db, code):
    row = _row(read.district_summary(cases_db, "2025Q2"), code)
    assert row["cases_reported_display"] == "<5" and row["suppressed"]
    assert math.isnan(row["cases_reported"])
    for column in DERIVED:
        assert math.isnan(row[column]), column
    assert row["hotspot_class"] in {"not_significant", "hot_90", "hot_95", "hot_99", "cold_90", "cold_95", "cold_99"}


def test_gi_star_of_a_suppressed_district_uses_its_true_count(cases_db):
    published = read.district_summary(cases_db, "2025Q2")
    true = read.district_summary(cases_db, "2025Q2", suppress=False)
    assert math.isfinite(_row(published, "1002")["gi_z"])  # 1002 borders 1001, both with a rate
    pd.testing.assert_series_equal(published["gi_z"], true["gi_z"])
    pd.testing.assert_series_equal(published["hotspot_class"], true["hotspot_class"])


def test_no_published_count_is_between_one_and_four(cases_db):
    published = read.district_summary(cases_db, "2025Q2")
    for count in ("cases_reported", "cases_referred"):
        assert not published[count].between(1, 4).any()
        assert not published[f"{count}_display"].isin(["1", "2", "3", "4"]).any()


def test_without_suppression_the_true_small_numbers_show(cases_db):
    true = read.district_summary(cases_db, "2025Q2", suppress=False)
    small = _row(true, "1002")
    assert (small["cases_reported"], small["cases_reported_display"], small["suppressed"]) == (3, "3", False)
    assert small["rate_per_100k"] == pytest.approx(3 * 100_000 / small["population"])
    assert _row(true, "1004")["cases_reported"] == 4


def test_districts_without_rows_have_no_data_and_no_statistics(cases_db):
    row = _row(read.district_summary(cases_db, "2025Q2"), "1050")
    assert math.isnan(row["cases_reported"]) and pd.isna(row["cases_reported_display"])
    assert math.isnan(row["eb_rate_per_100k"]) and math.isnan(row["gi_z"])
    assert pd.isna(row["hotspot_class"]) and pd.isna(row["need_class"])


def test_referrals_left_blank_make_the_referral_rate_unknown(cases_db):
    table = read.district_summary(cases_db, "2025Q2", suppress=False)
    assert math.isnan(_row(table, "1001")["cases_referred"])  # 3 of its 5 rows have no referral figure
    assert math.isnan(_row(table, "1001")["referral_rate"])
    zero = _row(table, "1003")  # one row of 0 reported, referrals blank: nothing to refer
    assert (zero["cases_referred"], zero["unreferred"]) == (0, 0)


def test_an_empty_database_gives_fifty_rows_without_statistics(db):
    table = read.district_summary(db, "2025Q2")
    assert len(table) == 50
    assert table["cases_reported"].isna().all() and table["hotspot_class"].isna().all()
    assert not table["gap"].any()


# --- services open in the window ------------------------------------------------

COMMUNITY = (
    "community_id,name_th,name_en,lat,lon,dist_code,population\n"
    "T-1,ชุมชนทดสอบ,Test community,13.7563,100.4930,1001,1000\n"
)
SERVICES = (
    "service_id,name_th,service_type,lat,lon,capacity,opened,closed\n"
    "S-OPEN,เปิด,safe_space,13.7560,100.4960,10,2020-01-01,\n"
    "S-CLOSED,ปิดแล้ว,safe_space,13.7560,100.5000,30,2020-01-01,2024-06-30\n"
    "S-LATER,เปิดทีหลัง,safe_space,13.7560,100.5000,50,2025-07-01,\n"
)


def test_only_services_open_in_the_window_count(db):
    load_file("communities", COMMUNITY.encode(), "communities.csv", db=db)
    load_file("services", SERVICES.encode(), "services.csv", db=db)
    year = _row(read.district_summary(db, "2025Q2"), "1001")  # 2024Q3-2025Q2: only S-OPEN
    assert year["n_services"] == 1
    assert year["access_2sfca"] == pytest.approx(10 / 1000)  # capacity 10 for 1,000 people within 3 km
    assert year["dist_m_safe_space"] == pytest.approx(325, abs=10)
    longer = _row(read.district_summary(db, "2025Q2", "2024Q2"), "1001")  # S-CLOSED closed on 2024Q2's last day
    assert longer["n_services"] == 2
    assert longer["access_2sfca"] == pytest.approx(40 / 1000)

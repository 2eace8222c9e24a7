"""The publish step as the pages and exports receive it: demo data, hand-made cases, the snapshot as a file.

Expected values are computed here from the snapshot's protected cells with
plain arithmetic, not with the production code; the smoothed rates and hot
spots are recomputed by hand in tests/test_summary.py.
"""

from __future__ import annotations

import math
import os
import shutil

import duckdb
import geopandas as gpd
import mapclassify
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from db import read
from db.snapshot import previous_path, published_path, read_status
from etl.demo import CLUSTERS
from etl.demo import QUARTERS as DEMO_QUARTERS
from etl.load import load_file
from etl.publish import PublishFailed, publish
from geo.gap_scenarios import DRAWS, SEED

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
    "gap_share",
    "gap",
    "need_prob",
    "dist_m_safe_space",
]


@pytest.fixture(autouse=True)
def default_rules(monkeypatch):
    for setting in ("SAFESPACE_SUPPRESS_BELOW", "SAFESPACE_ROUND_TO", "SAFESPACE_PUBLISHED"):
        monkeypatch.delenv(setting, raising=False)


@pytest.fixture(scope="module")
def demo(demo_template) -> pd.DataFrame:
    return read.district_summary(published_path(demo_template), "4q", DEMO_QUARTERS[-1])


def row(frame: pd.DataFrame, code: str) -> pd.Series:
    return frame.set_index("dist_code").loc[code]


def estimates(snapshot, quarters: list[str]) -> pd.Series:
    """Each district's sum of protected cells over ``quarters``, a hidden cell counting 2.5 (by hand)."""
    with duckdb.connect(str(snapshot), read_only=True) as con:
        cells = con.execute(
            "SELECT dist_code, cases_reported, cases_reported_hidden FROM area_cells WHERE list_contains(?, quarter)",
            [quarters],
        ).df()
    value = np.where(cells["cases_reported_hidden"], 2.5, cells["cases_reported"])
    return pd.Series(value, index=cells["dist_code"]).groupby(level=0).sum()


YEAR = DEMO_QUARTERS[-4:]  # the demo's default window


# --- the demo database --------------------------------------------------------


def test_one_row_per_bangkok_district_with_every_column(demo):
    assert demo["dist_code"].tolist() == [str(code) for code in range(1001, 1051)]
    assert set(REQUIRED) <= set(demo.columns)
    assert (demo["quarter"] == YEAR[-1]).all() and (demo["quarter_from"] == YEAR[0]).all()
    assert demo[["eb_rate_per_100k", "gi_z", "access_2sfca"]].notna().all().all()


def test_counts_are_sums_of_protected_cells_rounded_to_five(demo_template, demo):
    expected = estimates(published_path(demo_template), YEAR).reindex(demo["dist_code"])
    rounded = np.floor(expected / 5 + 0.5) * 5
    shown = demo["cases_reported"].notna().to_numpy()
    assert demo["cases_reported"].to_numpy()[shown] == pytest.approx(rounded.to_numpy()[shown])
    assert demo["rate_per_100k"].to_numpy() == pytest.approx(
        (demo["cases_reported"] * 100_000 / demo["population"]).to_numpy(), abs=0.05, nan_ok=True
    )


def test_every_window_of_every_quarter_is_published(demo_template):
    snapshot = published_path(demo_template)
    quarters = read.loaded_quarters(snapshot)
    assert quarters == DEMO_QUARTERS
    fiscal = read.district_summary(snapshot, "fytd", "2026Q2")  # FY2569: October 2025 to June 2026
    one = read.district_summary(snapshot, "1q", "2026Q2")
    assert set(fiscal["quarter_from"]) == {"2025Q4"} and set(one["quarter_from"]) == {"2026Q2"}
    assert read.district_summary(snapshot, "4q", "2026Q3").empty  # a window the data do not reach


def test_stability_counts_hot_windows_among_the_last_four(demo_template):
    snapshot = published_path(demo_template)
    ends = YEAR
    tables = [read.district_summary(snapshot, "4q", end).set_index("dist_code") for end in ends]
    hot = sum(t["hotspot_class"].isin(["hot_95", "hot_99"]).astype(int) for t in tables)
    assert tables[-1]["hot_windows"].tolist() == hot.tolist()
    assert (tables[-1]["hot_windows_of"] == 4).all()
    first = read.district_summary(snapshot, "4q", read.loaded_quarters(snapshot)[0])
    assert (first["hot_windows_of"] == 1).all()


def test_global_moran_is_published_beside_every_local_map(demo_template):
    kpis = read.kpis(published_path(demo_template), "4q", YEAR[-1])
    assert -1 <= kpis.moran_i <= 1 and 0 < kpis.moran_p <= 1


def test_the_demo_clusters_come_out_as_hot_spots(demo):
    classes = demo.set_index("dist_code")["hotspot_class"]
    for members, _ in CLUSTERS:
        assert not classes[list(members)].str.startswith("cold").any(), members
    main, _ = CLUSTERS[0]  # the others are raised areas that need not survive the false discovery rate
    assert classes[list(main)].isin(["hot_95", "hot_99"]).any(), main


def test_need_is_read_off_the_probability_and_coverage_is_in_terciles(demo):
    need = demo["need_prob"]
    assert demo["need_class"].tolist() == [3 if p >= 0.9 else 1 if p <= 0.1 else 2 for p in need]
    assert 0 < (demo["need_class"] == 3).sum() < 17  # absolute: not a fixed third of the districts
    assert demo.sort_values("access_2sfca")["coverage_class"].is_monotonic_increasing
    assert demo["coverage_class"].value_counts().sort_index().tolist() == [17, 16, 17]
    expected = demo["need_class"].astype(str) + "-" + demo["coverage_class"].astype(str)
    assert demo["gap_class"].tolist() == expected.tolist()


def metric_xy(lon, lat) -> np.ndarray:
    points = gpd.GeoSeries(gpd.points_from_xy(lon, lat), crs="EPSG:4326").to_crs("EPSG:32647")
    return np.column_stack([points.x, points.y])


def district_access_by_hand(snapshot, span: str, end: str, catchment: float, decay: bool) -> pd.Series:
    """Enhanced (or plain) 2SFCA with dense matrices: R_j = S_j / sum_k P_k W_kj, A_i = sum_j W_ij R_j, and each
    district's population-weighted mean, from the snapshot's demand points and open safe spaces."""
    demand = read.demand_points(snapshot)
    supply = read.service_points(snapshot, span, end).query("service_type == 'safe_space'")
    distance = np.linalg.norm(
        metric_xy(demand["lon"], demand["lat"])[:, None, :] - metric_xy(supply["lon"], supply["lat"])[None, :, :],
        axis=2,
    )
    zones = [catchment / 3, 2 * catchment / 3, catchment] if decay else [catchment]
    weights = [1.0, 0.68, 0.22] if decay else [1.0]
    w = np.select([distance <= zone for zone in zones], weights, 0.0)
    people = demand["population"].to_numpy()
    ratio = supply["capacity"].fillna(1).to_numpy() / (people @ w)
    access = w @ np.nan_to_num(ratio)
    return (demand.assign(weighted=access * people).groupby("dist_code")["weighted"].sum()) / demand.groupby(
        "dist_code"
    )["population"].sum()


def test_coverage_is_the_enhanced_2sfca_of_every_resident(demo_template, demo):
    snapshot = published_path(demo_template)
    expected = district_access_by_hand(snapshot, "4q", YEAR[-1], 3_000.0, decay=True)
    published = demo.set_index("dist_code")["access_2sfca"]
    np.testing.assert_allclose(published, expected.reindex(published.index), rtol=1e-6)
    assert read.meta(snapshot).catchment_m == 3_000.0


def test_gap_share_is_the_share_of_scenarios_by_hand(demo_template, demo):
    """160 scenarios: 4 catchments x step or decay, x 20 Poisson resamplings of the protected sums (seed fixed)."""
    snapshot = published_path(demo_template)
    codes = demo["dist_code"].tolist()
    low = []
    for catchment in (1_000.0, 2_000.0, 3_000.0, 5_000.0):
        for decay in (False, True):
            access = district_access_by_hand(snapshot, "4q", YEAR[-1], catchment, decay).reindex(codes)
            low.append(mapclassify.Quantiles(access.to_numpy(), k=3).yb == 0)
    population = demo["population"].to_numpy(dtype=float)
    counts = estimates(snapshot, YEAR).reindex(codes).to_numpy()
    high = []
    for draw in np.random.default_rng(SEED).poisson(counts, size=(DRAWS, len(codes))):
        m = draw.sum() / population.sum()
        s2 = (population * (draw / population - m) ** 2).sum() / population.sum() - m / population.mean()
        high.append(np.round(stats.gamma.sf(m, a=m**2 / s2 + draw, scale=1 / (m / s2 + population)), 1) >= 0.9)
    expected = np.mean([h & c for h in high for c in low], axis=0)
    assert demo["gap_share"].to_numpy() == pytest.approx(np.round(expected, 2), abs=1e-9)
    assert read.meta(snapshot).gap_scenarios == 160
    assert ((demo["gap_share"] > 0) & (demo["gap_share"] < 1)).any()  # the scenarios disagree somewhere


def test_a_gap_is_a_gap_in_most_scenarios(demo_template, demo):
    snapshot = published_path(demo_template)
    for span in ("1q", "4q", "fytd"):
        for end in YEAR:
            table = read.district_summary(snapshot, span, end)
            assert table["gap"].tolist() == (table["gap_share"] > 0.5).tolist(), (span, end)
            shares = table["gap_share"].dropna()
            assert shares.between(0, 1).all() and np.allclose(shares * 100, np.round(shares * 100))  # hundredths
    assert demo["gap"].any() and read.meta(snapshot).gap_majority == 0.5


def test_the_headline_figures_agree_with_the_district_table(demo_template, demo):
    kpis = read.kpis(published_path(demo_template), "4q", YEAR[-1])
    assert kpis.hotspots == demo["hotspot_class"].isin(["hot_95", "hot_99"]).sum()
    assert kpis.gaps == demo["gap"].sum()
    assert kpis.cases % 5 == 0 and abs(kpis.cases - demo["cases_reported"].sum()) <= 5 * 50


# --- hand-made cases ------------------------------------------------------------


def test_a_hidden_cell_hides_its_district_but_not_its_statistics(cases_db):
    table = read.district_summary(published_path(cases_db), "4q", "2025Q2")
    small = row(table, "1002")  # one cell of 3
    assert small["cases_reported_display"] == "<5" and small["suppressed"] and math.isnan(small["cases_reported"])
    assert math.isnan(small["rate_per_100k"])
    assert small["eb_rate_per_100k"] > 0 and small["hotspot_class"] in {"not_significant", "hot_95", "cold_95"}


def test_two_hidden_cells_sum_to_an_estimate_never_to_their_true_total(cases_db):
    table = read.district_summary(published_path(cases_db), "4q", "2025Q2")
    assert row(table, "1004")["cases_reported_display"] == "5"  # cells 1 and 3: 2.5 + 2.5, not the true 4
    # True 3 + 4 + 6 + 7 = 20; protected cells <5, <5, 5, 5 give 2.5 + 2.5 + 5 + 5 = 15: an estimate.
    assert row(table, "1001")["cases_reported_display"] == "15"


def test_districts_without_rows_have_no_data_and_no_statistics(cases_db):
    table = read.district_summary(published_path(cases_db), "4q", "2025Q2")
    empty = row(table, "1050")
    assert math.isnan(empty["cases_reported"]) and pd.isna(empty["cases_reported_display"])
    assert math.isnan(empty["eb_rate_per_100k"]) and pd.isna(empty["hotspot_class"]) and pd.isna(empty["need_class"])


def test_referrals_left_blank_make_the_referral_rate_unknown(cases_db):
    table = read.district_summary(published_path(cases_db), "4q", "2025Q2")
    assert math.isnan(row(table, "1001")["referral_rate"])  # rows without a referral figure
    zero = row(table, "1003")  # one row of 0 reported, referrals blank: nothing to refer
    assert (zero["cases_referred"], zero["unreferred"]) == (0, 0)


def test_an_empty_warehouse_publishes_the_map_without_windows(db):
    snapshot = published_path(db)
    assert read.loaded_quarters(snapshot) == []
    assert len(read.district_layer(snapshot)) == 50
    assert read.district_summary(snapshot, "4q", "2025Q2").empty


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


@pytest.mark.slow
def test_only_services_open_in_the_window_count(cases_db):
    load_file("communities", COMMUNITY.encode(), "communities.csv", db=cases_db)
    load_file("services", SERVICES.encode(), "services.csv", db=cases_db)
    publish(cases_db)
    snapshot = published_path(cases_db)
    year = row(read.district_summary(snapshot, "4q", "2025Q2"), "1001")  # 2024Q3-2025Q2: only S-OPEN
    assert year["n_services"] == 1
    demand = read.demand_points(snapshot)
    assert demand.loc[demand["dist_code"] == "1001", "population"].sum() == pytest.approx(year["population"])
    expected = district_access_by_hand(snapshot, "4q", "2025Q2", 3_000.0, decay=True)
    assert year["access_2sfca"] == pytest.approx(expected["1001"], rel=1e-6)
    assert year["access_2sfca"] < 10 / 1000  # every resident now counts as demand, not the one community's 1,000
    mine = demand[demand["dist_code"] == "1001"]
    distance = np.linalg.norm(metric_xy(mine["lon"], mine["lat"]) - metric_xy([100.4960], [13.7560]), axis=1)
    assert year["dist_m_safe_space"] == pytest.approx(np.average(distance, weights=mine["population"]), abs=1)
    earlier = row(read.district_summary(snapshot, "4q", "2024Q2"), "1001")  # S-CLOSED closed on 2024Q2's last day
    assert earlier["n_services"] == 2
    before = district_access_by_hand(snapshot, "4q", "2024Q2", 3_000.0, decay=True)
    assert earlier["access_2sfca"] == pytest.approx(before["1001"], rel=1e-6) and before["1001"] > expected["1001"]
    assert read.service_points(snapshot, "4q", "2025Q2")["service_id"].tolist() == ["S-OPEN"]


# --- the snapshot as a file ---------------------------------------------------------


@pytest.mark.slow
def test_a_failed_publish_keeps_the_previous_snapshot_and_says_why(cases_db, monkeypatch):
    snapshot = published_path(cases_db)
    before = snapshot.read_bytes()
    monkeypatch.setenv("SAFESPACE_SUPPRESS_BELOW", "five")  # a setting the publish step cannot use
    with pytest.raises(PublishFailed, match="SAFESPACE_SUPPRESS_BELOW"):
        publish(cases_db)
    assert snapshot.read_bytes() == before
    status = read_status(snapshot)
    assert not status.ok and "SAFESPACE_SUPPRESS_BELOW" in status.error
    monkeypatch.delenv("SAFESPACE_SUPPRESS_BELOW")
    publish(cases_db)
    assert read_status(snapshot).ok and previous_path(snapshot).read_bytes() == before


@pytest.mark.slow
def test_the_snapshot_is_found_by_setting_and_never_beside_another_warehouse(cases_db, tmp_path, monkeypatch):
    chosen = tmp_path / "elsewhere" / "figures.duckdb"
    monkeypatch.setenv("SAFESPACE_PUBLISHED", str(chosen))
    publish(cases_db)
    assert chosen.exists() and read.loaded_quarters(chosen)[-1] == "2025Q2"
    monkeypatch.delenv("SAFESPACE_PUBLISHED")
    other = shutil.copy(cases_db, tmp_path / "other.duckdb")
    assert published_path(other).name == "other.published.duckdb" and not published_path(other).exists()


def test_viewers_need_no_warehouse(cases_db):
    snapshot = published_path(cases_db)
    os.remove(cases_db)
    assert read.kpis(snapshot, "4q", "2025Q2").cases_display is not None
    assert len(read.district_summary(snapshot, "1q", "2025Q2")) == 50

"""The demo's synthetic case counts as a user finds them in the database `python -m etl demo` builds: the demo
quarters by sub-district, at the published magnitude, mostly small cells, and the patterns worth showing (a
cluster of high rates that survives a false-discovery correction, pilots that fall against their comparisons).
"""

import duckdb
import esda
import geopandas as gpd
import numpy as np
import pytest
import shapely
from esda.smoothing import Empirical_Bayes
from libpysal.weights import Queen
from scipy.stats import false_discovery_control

from core import quarters as quarter_keys
from etl import demo
from geo import boundaries
from tests.helpers import query

BANGKOK = "dist_code < '1100'"


def scalar(db, sql: str, params: list | None = None):
    return query(db, sql, params)[0][0]


# --- cases -----------------------------------------------------------------------------


def test_case_counts_cover_the_demo_quarters_by_sub_district(demo_template):
    case_quarters = [q for (q,) in query(demo_template, "SELECT DISTINCT quarter FROM current_case_counts ORDER BY 1")]
    assert case_quarters == demo.QUARTERS and len(case_quarters) == 16 and case_quarters[-1] == "2026Q2"
    district_rows = "SELECT count(*), count(DISTINCT subdist_code) FROM current_case_counts WHERE community_id IS NULL"
    assert query(demo_template, district_rows) == [(16 * 180 * 5 * 5, 180)]


def test_sub_districts_of_case_rows_belong_to_their_districts(demo_template):
    assert scalar(demo_template, "SELECT count(*) FROM current_case_counts WHERE subdist_code IS NOT NULL") > 70_000
    mismatched = """
        SELECT count(*) FROM current_case_counts c JOIN subdistricts s USING (subdist_code)
        WHERE s.dist_code <> c.dist_code
    """
    assert scalar(demo_template, mismatched) == 0
    unknown = """SELECT count(*) FROM current_case_counts
                 WHERE subdist_code IS NOT NULL AND subdist_code NOT IN (SELECT subdist_code FROM subdistricts)"""
    assert scalar(demo_template, unknown) == 0


def test_community_rows_carry_their_communitys_district(demo_template):
    mismatched = """
        SELECT count(*) FROM current_case_counts c JOIN current_communities m USING (community_id)
        WHERE c.dist_code <> m.dist_code
    """
    assert scalar(demo_template, mismatched) == 0
    assert scalar(demo_template, "SELECT count(*) FROM current_case_counts WHERE dist_code = '1104'") > 0


def test_bangkoks_yearly_total_is_within_the_published_magnitude(demo_template):
    # BMA FY2019: 1,115 victims seen by 11 BMA hospitals and 68 health centres (dv_reference_magnitudes.csv).
    by_quarter = dict(
        query(demo_template, f"SELECT quarter, sum(cases_reported) FROM current_case_counts WHERE {BANGKOK} GROUP BY 1")
    )
    years = [sum(by_quarter[q] for q in quarter_keys.window(end, 4)) for end in demo.QUARTERS[3:]]
    assert all(1000 <= total <= 2500 for total in years), years
    magnitudes = boundaries.read_magnitudes()
    bma = magnitudes[magnitudes["scope"] == "Bangkok (BMA)"]["value"].astype(int).tolist()
    assert bma == [1115]


def test_most_cells_are_small_as_real_ones_would_be(demo_template):
    quarter_cells = query(
        demo_template,
        f"SELECT sum(cases_reported) FROM current_case_counts WHERE {BANGKOK} GROUP BY quarter, dist_code",
    )
    assert np.median([n for (n,) in quarter_cells]) < 10
    small = "SELECT count(*) FROM current_case_counts WHERE cases_reported BETWEEN 1 AND 4"
    assert scalar(demo_template, small) > 1000


def test_cluster_districts_have_clearly_higher_rates(demo_template):
    rates = dict(
        query(
            demo_template,
            "SELECT dist_code, sum(cases_reported) * 1e5 / any_value(population) "
            "FROM current_case_counts JOIN current_population USING (dist_code) GROUP BY dist_code",
        )
    )
    main, factor = demo.CLUSTERS[0]
    others = {code for members, _ in demo.CLUSTERS for code in members}
    inside = [rate for code, rate in rates.items() if code in main]
    outside = [rate for code, rate in rates.items() if code not in others]
    assert sum(inside) / len(inside) > 0.8 * factor * sum(outside) / len(outside)


@pytest.mark.filterwarnings("ignore::DeprecationWarning:esda")  # esda's notice of a future default
def test_a_gi_star_hot_spot_survives_a_false_discovery_rate_correction(demo_template):
    """Latest four quarters, empirical Bayes rates, Gi* with 9,999 conditional permutations, BH q < 0.05."""
    window = quarter_keys.window(demo.QUARTERS[-1], 4)
    with duckdb.connect(str(demo_template), read_only=True) as con:
        frame = con.execute(
            """
            SELECT d.dist_code, ST_AsWKB(d.geom) AS wkb, p.population, sum(k.cases_reported) AS cases
            FROM districts d JOIN current_population p USING (dist_code)
            JOIN current_case_counts k ON k.dist_code = d.dist_code AND k.quarter BETWEEN ? AND ?
            GROUP BY ALL ORDER BY d.dist_code
            """,
            [window[0], window[-1]],
        ).df()
    assert len(frame) == 50
    shapes = gpd.GeoDataFrame(frame, geometry=shapely.from_wkb(frame["wkb"].map(bytes)), crs="EPSG:4326")
    w = Queen.from_dataframe(shapes, ids=shapes["dist_code"].tolist(), silence_warnings=True)
    cases_, people = frame["cases"].to_numpy(float)[:, None], frame["population"].to_numpy(float)[:, None]
    smoothed = Empirical_Bayes(cases_, people).r.ravel() * 1e5
    gi = esda.G_Local(smoothed, w, transform="B", star=True, permutations=9999, seed=12345, n_jobs=1)
    two_sided = np.minimum(1.0, 2 * gi.p_sim)  # esda's pseudo p-value is one-sided (the nearer tail)
    q = false_discovery_control(two_sided, method="bh")
    hot = set(frame["dist_code"][(q < 0.05) & (gi.Zs > 0)])
    assert hot, f"no hot spot survives FDR: smallest q {q.min():.3f}"
    assert hot <= set(demo.CLUSTERS[0][0]), hot


def test_pilot_rates_fall_after_the_start_relative_to_comparison_communities(demo_template):
    # Cases per 100,000 people per quarter, by group and period (a difference in
    # differences). Comparison communities are split at the first pilot start.
    periods = query(
        demo_template,
        """
        SELECT m.pilot, c.quarter >= coalesce(m.pilot_start, '2024Q1') AS after,
               sum(c.cases_reported) * 1e5 / (sum(m.population) / 5)  -- five violence-type rows per quarter
        FROM current_case_counts c JOIN current_communities m USING (community_id)
        GROUP BY ALL
        """,
    )
    rate = {(pilot, after): value for pilot, after, value in periods}
    pilot_change = rate[True, True] / rate[True, False]
    comparison_change = rate[False, True] / rate[False, False]
    assert pilot_change < 0.8 * comparison_change

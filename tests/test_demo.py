"""The demo database: deterministic files, loaded like uploads, with patterns worth showing."""

import csv
import io
from pathlib import Path

import duckdb
import pytest

from etl import cases, communities, demo, services
from tests.conftest import table_checksums

HEADERS = {"communities": communities.COLUMNS, "services": services.COLUMNS, "cases": cases.COLUMNS}


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def scalar(db: Path, sql: str, params: list | None = None):
    return query(db, sql, params)[0][0]


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> dict[str, dict[str, bytes]]:
    """The files of two runs with the default seed and one with another seed."""
    runs = {"first": demo.DEFAULT_SEED, "again": demo.DEFAULT_SEED, "other": demo.DEFAULT_SEED + 1}
    return {
        run: {kind: path.read_bytes() for kind, path in demo.write_files(tmp_path_factory.mktemp(run), seed).items()}
        for run, seed in runs.items()
    }


def test_same_seed_gives_byte_identical_files(written):
    assert list(written["first"]) == ["communities", "services", "cases"]  # the loading order
    assert written["first"] == written["again"]


def test_another_seed_gives_other_cases(written):
    assert written["other"]["cases"] != written["first"]["cases"]


@pytest.mark.parametrize("kind", list(HEADERS))
def test_files_are_plain_uploads_with_the_canonical_headers(written, kind):
    content = written["first"][kind]
    assert not content.startswith(b"\xef\xbb\xbf")  # plain UTF-8, no BOM
    text = content.decode("utf-8")
    header = next(csv.reader(io.StringIO(text)))
    assert header == [column.name for column in HEADERS[kind]]
    assert "\r" not in text


def test_reference_layers_and_population_are_the_real_ones(demo_template):
    assert scalar(demo_template, "SELECT count(*) FROM districts") == 50
    assert scalar(demo_template, "SELECT count(*) FROM subdistricts") == 180
    assert scalar(demo_template, "SELECT count(*) FROM current_population") == 50


def test_demo_loads_are_marked_synthetic_and_the_reference_ones_are_not(demo_template):
    loads = query(demo_template, "SELECT kind, synthetic, loaded_by, status FROM loads ORDER BY load_id")
    assert [(kind, synthetic) for kind, synthetic, _, _ in loads] == [
        ("boundaries", False),
        ("population", False),
        ("communities", True),
        ("services", True),
        ("cases", True),
    ]
    assert {(by, status) for _, _, by, status in loads} == {(demo.LOADED_BY, "active")}


def test_named_pilots_are_registered_where_the_brief_puts_them(demo_template):
    rows = query(
        demo_template,
        "SELECT community_id, name_th, dist_code, pilot, pilot_start, location_note FROM current_communities "
        "WHERE community_id LIKE 'PILOT-%' ORDER BY community_id",
    )
    assert [row[:5] for row in rows] == [
        ("PILOT-THAI-KRIANG", "ชุมชนไทยเกรียง", "1104", True, "2024Q1"),
        ("PILOT-WAT-SAWAT", "ชุมชนวัดสวัสดิ์วารีสีมาราม", "1002", True, "2024Q1"),
    ]
    assert all(note.startswith("approximate location") for *_, note in rows)
    thai_kriang = query(
        demo_template, "SELECT lat, lon FROM current_communities WHERE community_id = 'PILOT-THAI-KRIANG'"
    )
    assert thai_kriang == [(pytest.approx(13.61977, abs=1e-4), pytest.approx(100.53975, abs=1e-4))]


def test_communities_cover_every_district_and_six_pilots_start_in_2024(demo_template):
    assert (
        scalar(demo_template, "SELECT count(DISTINCT dist_code) FROM current_communities WHERE dist_code < '1100'")
        == 50
    )
    assert 250 <= scalar(demo_template, "SELECT count(*) FROM current_communities") <= 350
    starts = query(demo_template, "SELECT pilot_start FROM current_communities WHERE pilot ORDER BY 1")
    assert len(starts) == 6 and all("2024Q1" <= start <= "2024Q3" for (start,) in starts)


def test_case_counts_cover_twelve_quarters_and_every_district(demo_template):
    quarters = [q for (q,) in query(demo_template, "SELECT DISTINCT quarter FROM current_case_counts ORDER BY 1")]
    assert quarters == demo.QUARTERS and quarters[0] == "2022Q3" and quarters[-1] == "2025Q2"
    district_rows = "SELECT count(*) FROM current_case_counts WHERE community_id IS NULL"
    assert scalar(demo_template, district_rows) == 12 * 50 * 5 * 5
    assert scalar(demo_template, "SELECT count(*) FROM current_case_counts") < 40_000


def test_community_rows_carry_their_communitys_district(demo_template):
    mismatched = """
        SELECT count(*) FROM current_case_counts c JOIN current_communities m USING (community_id)
        WHERE c.dist_code <> m.dist_code
    """
    assert scalar(demo_template, mismatched) == 0
    assert scalar(demo_template, "SELECT count(*) FROM current_case_counts WHERE dist_code = '1104'") > 0


def test_the_real_hospitals_are_all_loaded_as_real_locations(demo_template):
    hospitals = query(
        demo_template,
        "SELECT count(*), count(DISTINCT source), any_value(source), count(dist_code) "
        "FROM current_service_points WHERE service_type = 'hospital'",
    )
    assert hospitals == [(121, 1, demo.HOSPITAL_SOURCE, 121)]
    ids = query(
        demo_template,
        "SELECT min(service_id), max(service_id) FROM current_service_points WHERE service_type = 'hospital'",
    )
    assert ids == [("H001", "H121")]


def test_only_thai_kriangs_safe_space_lies_outside_bangkok(demo_template):
    outside = query(demo_template, "SELECT service_type, name_en FROM current_service_points WHERE dist_code IS NULL")
    assert outside == [("safe_space", "Demo safe space, Thai Kriang community")]
    types = dict(query(demo_template, "SELECT service_type, count(*) FROM current_service_points GROUP BY ALL"))
    assert {t: types[t] for t in demo.SERVICE_COUNTS} == demo.SERVICE_COUNTS


def test_small_cells_exist_yet_district_totals_are_mostly_publishable(demo_template):
    small = "SELECT count(*) FROM current_case_counts WHERE cases_reported BETWEEN 1 AND 4"
    assert scalar(demo_template, small) > 1000
    totals = query(
        demo_template,
        "SELECT sum(cases_reported) FROM current_case_counts JOIN districts USING (dist_code) "
        "WHERE quarter >= ? GROUP BY dist_code",
        [demo.QUARTERS[-4]],
    )
    assert len(totals) == 50
    assert sum(total >= 5 for (total,) in totals) >= 45


def test_cluster_districts_have_clearly_higher_rates(demo_template):
    rates = dict(
        query(
            demo_template,
            "SELECT dist_code, sum(cases_reported) * 1e5 / any_value(population) "
            "FROM current_case_counts JOIN current_population USING (dist_code) GROUP BY dist_code",
        )
    )
    clustered = {code for members, _ in demo.CLUSTERS for code in members}
    inside = [rate for code, rate in rates.items() if code in clustered]
    outside = [rate for code, rate in rates.items() if code not in clustered]
    assert sum(inside) / len(inside) > 1.6 * sum(outside) / len(outside)


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
    assert scalar(demo_template, "SELECT count(DISTINCT community_id) FROM current_case_counts") == 30
    pilot_change = rate[True, True] / rate[True, False]
    comparison_change = rate[False, True] / rate[False, False]
    assert pilot_change < 0.8 * comparison_change


def test_build_replaces_an_existing_database(demo_db, tmp_path):
    before = table_checksums(demo_db)
    results = demo.build(db=demo_db, out_dir=tmp_path / "files")
    assert list(results) == ["communities", "services", "cases"]
    assert all(result.load_id is not None and not result.unchanged for result in results.values())
    after = table_checksums(demo_db)
    assert {table: after[table][0] for table in after} == {table: before[table][0] for table in before}


def test_demo_refuses_to_delete_a_database_with_uploaded_data(db, tmp_path):
    from etl.load import load_file
    from etl.problems import EnvironmentNotReady

    upload = b"quarter,dist_code,violence_type,cases_reported\n2025Q1,1002,physical,7\n"
    load_file("cases", upload, "real.csv", db=db, loaded_by="analyst")
    before = table_checksums(db)
    with pytest.raises(EnvironmentNotReady, match="--force"):
        demo.build(db=db, out_dir=tmp_path / "files")
    assert table_checksums(db) == before

"""The demo database: real Bangkok registers, synthetic cases at published magnitudes, patterns worth showing.

Everything is checked as a user finds it: in the database that `python -m etl demo` builds
and in the files it writes.
"""

import csv
import functools
import io
import re
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pytest

from etl import cases, communities, demo, services
from etl.demo import services as demo_services
from geo import boundaries
from tests.helpers import query, table_checksums

HEADERS = {"communities": communities.COLUMNS, "services": services.COLUMNS, "cases": cases.COLUMNS}
BANGKOK = "dist_code < '1100'"


def scalar(db: Path, sql: str, params: list | None = None):
    return query(db, sql, params)[0][0]


@pytest.fixture(scope="module")
def written(demo_template, tmp_path_factory) -> Callable[[str], dict[str, bytes]]:
    """The files of a run by its name: the demo build's ("first"), another run with the same seed ("again")
    and one with another seed ("other"), each written the first time a test asks for it."""
    seeds = {"again": demo.DEFAULT_SEED, "other": demo.DEFAULT_SEED + 1}
    built = demo_template.parent / "files"

    @functools.cache
    def files(run: str) -> dict[str, bytes]:
        paths = {kind: built / f"{kind}.csv" for kind in HEADERS} if run == "first" else None
        paths = paths or demo.write_files(tmp_path_factory.mktemp(run), seeds[run])
        return {kind: path.read_bytes() for kind, path in paths.items()}

    return files


@pytest.fixture(scope="module")
def register() -> gpd.GeoDataFrame:
    """The BMA community register as the shared folder holds it."""
    return boundaries.read_communities()


# --- files ----------------------------------------------------------------------


@pytest.mark.slow
def test_same_seed_gives_byte_identical_files(written):
    assert list(written("again")) == ["communities", "services", "cases"]  # the loading order
    assert written("first") == written("again")


@pytest.mark.slow
def test_another_seed_gives_other_cases(written):
    assert written("other")["cases"] != written("first")["cases"]


@pytest.mark.parametrize("kind", list(HEADERS))
def test_files_are_plain_uploads_with_the_canonical_headers(written, kind):
    content = written("first")[kind]
    assert not content.startswith(b"\xef\xbb\xbf")  # plain UTF-8, no BOM
    text = content.decode("utf-8")
    header = next(csv.reader(io.StringIO(text)))
    assert header == [column.name for column in HEADERS[kind]]
    assert "\r" not in text


@pytest.mark.slow
def test_reference_layers_and_population_are_the_real_ones(demo_template):
    assert scalar(demo_template, "SELECT count(*) FROM districts") == 50
    assert scalar(demo_template, "SELECT count(*) FROM subdistricts") == 180
    assert scalar(demo_template, "SELECT count(*) FROM current_population") == 50
    assert dict(query(demo_template, "SELECT kind, count(*) FROM context_lines GROUP BY kind")) == {
        "road": 476,
        "river": 1,
    }


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


# --- communities -------------------------------------------------------------------


def test_the_register_is_the_real_one_with_its_ids_points_and_types(demo_template, register):
    rows = query(
        demo_template,
        "SELECT community_id, name_th, lat, lon, community_type FROM current_communities "
        "WHERE community_id LIKE 'BMA%' ORDER BY community_id",
    )
    assert len(rows) == 2016
    assert [r[0] for r in rows] == sorted(register["community_id"])
    real = register.set_index("community_id")
    for community_id, name_th, lat, lon, _ in rows:
        assert (lat, lon) == (real.at[community_id, "lat"], real.at[community_id, "lon"])
        if community_id != "BMA0184":  # the pilot's name is spelt as the project knows it (see below)
            assert name_th == real.at[community_id, "name_th"]
    types = dict(query(demo_template, "SELECT community_type, count(*) FROM current_communities GROUP BY ALL"))
    assert types == {"urban": 941, "crowded": 639, "suburban": 350, "high_rise": 85, "housing_estate": 1, None: 1}
    assert scalar(demo_template, "SELECT count(*) FROM current_communities") == 2017  # with Thai Kriang


def test_every_community_has_a_district_and_bma1846_takes_the_one_where_it_lies(demo_template):
    assert scalar(demo_template, "SELECT count(*) FROM current_communities WHERE dist_code IS NULL") == 0
    assert scalar(demo_template, f"SELECT count(DISTINCT dist_code) FROM current_communities WHERE {BANGKOK}") == 50
    ((district, note),) = query(
        demo_template, "SELECT dist_code, location_note FROM current_communities WHERE community_id = 'BMA1846'"
    )
    assert district == "1041"
    assert "codes it in Bang Khen (1005)" in note and "104102" in note


def test_populations_are_estimated_from_the_bmas_district_table_and_say_so(demo_template):
    table = boundaries.read_community_population()
    ((people, households, estimated, distinct),) = query(
        demo_template,
        "SELECT sum(population), sum(households), bool_and(population_estimated), count(DISTINCT population) "
        "FROM current_communities WHERE community_id LIKE 'BMA%'",
    )
    # The register's communities share out the BMA's 1,996,669 residents and 507,334 households exactly.
    assert (people, households) == (table["population_in_communities"].sum(), table["households"].sum())
    assert estimated
    assert distinct > 1000  # shares differ between communities: not one figure per district
    # Crowded communities and blocks of flats are estimated larger than others.
    means = dict(query(demo_template, "SELECT community_type, avg(population) FROM current_communities GROUP BY ALL"))
    assert means["crowded"] > means["suburban"] and means["high_rise"] > means["urban"]
    thai_kriang = "SELECT population, population_estimated FROM current_communities WHERE community_id = ?"
    assert query(demo_template, thai_kriang, ["PILOT-THAI-KRIANG"]) == [(990, True)]  # Bangkok's average community


def test_english_names_are_romanised_and_marked_as_such(demo_template):
    names = query(demo_template, "SELECT community_id, name_en FROM current_communities WHERE community_id LIKE 'BMA%'")
    romanised = {cid: name for cid, name in names if cid != "BMA0184"}
    assert all(name.endswith(" (romanised)") for name in romanised.values())
    assert not [name for name in romanised.values() if re.search(r"[\u0e00-\u0e7f]", name)]  # Latin letters only
    # The first entry of the register (ชุมชนเย็นอากาศ 2), as an example of the rule:
    assert romanised["BMA0000"] == "Chumchon Yen Akat 2 (romanised)"


def test_named_pilots_are_where_the_project_locates_them(demo_template):
    rows = query(
        demo_template,
        "SELECT community_id, name_th, name_en, lat, lon, dist_code, pilot, pilot_start, location_note "
        "FROM current_communities WHERE community_id IN ('BMA0184', 'PILOT-THAI-KRIANG') ORDER BY 1",
    )
    wat_sawat, thai_kriang = rows
    assert wat_sawat[:8] == (
        "BMA0184",
        "ชุมชนวัดสวัสดิ์วารีสีมาราม",
        "Wat Sawatwareesimaram community",
        13.782013,
        100.516238,
        "1002",
        True,
        "2024Q1",
    )
    assert "approximate" not in wat_sawat[8] and "วัดสวัสดีวารีสีมาราม" in wat_sawat[8]
    assert thai_kriang[:3] == ("PILOT-THAI-KRIANG", "ชุมชนไทยเกรียง", "Thai Kriang community")
    assert thai_kriang[3:8] == (
        pytest.approx(13.61977, abs=1e-4),
        pytest.approx(100.53975, abs=1e-4),
        "1104",
        True,
        "2024Q1",
    )
    assert thai_kriang[8].startswith("approximate location") and "no comparison communities" in thai_kriang[8]


def test_demo_pilots_are_real_communities_labelled_as_demo_pilots(demo_template):
    rows = query(
        demo_template,
        "SELECT community_id, dist_code, location_note FROM current_communities "
        "WHERE pilot AND community_id NOT IN ('BMA0184', 'PILOT-THAI-KRIANG') ORDER BY pilot_start",
    )
    assert [district for _, district, _ in rows] == list(demo.CLUSTERS[0][0])  # one in each hot-spot district
    assert all(cid.startswith("BMA") and demo.DEMO_PILOT_NOTE in note for cid, _, note in rows)


def test_at_least_five_pilots_have_four_quarters_before_and_four_from_their_start(demo_template):
    case_quarters = [q for (q,) in query(demo_template, "SELECT DISTINCT quarter FROM current_case_counts ORDER BY 1")]
    pilots = query(
        demo_template,
        "SELECT community_id, pilot_start, count(DISTINCT quarter) FROM current_communities "
        "JOIN current_case_counts USING (community_id) WHERE pilot GROUP BY ALL",
    )
    full = [
        cid
        for cid, start, n in pilots
        if sum(q < start for q in case_quarters) >= 4 and sum(q >= start for q in case_quarters) >= 4
        and n == len(case_quarters)
    ]  # fmt: skip
    assert len(full) >= 5
    assert {"BMA0184", "PILOT-THAI-KRIANG"} <= set(full)


def test_pilots_in_bangkok_have_comparison_communities_in_their_own_district(demo_template):
    counts = dict(
        query(
            demo_template,
            """
            SELECT p.community_id, count(DISTINCT c.community_id)
            FROM current_communities p
            LEFT JOIN current_communities c ON c.dist_code = p.dist_code AND NOT c.pilot
                 AND c.community_id IN (SELECT community_id FROM current_case_counts)
            WHERE p.pilot GROUP BY ALL
            """,
        )
    )
    assert len(counts) >= 6
    assert counts.pop("PILOT-THAI-KRIANG") == 0  # Phra Pradaeng, outside Bangkok: said in its note (above)
    assert all(n >= 2 for n in counts.values()), counts


# --- services ----------------------------------------------------------------------


def test_real_service_points_are_loaded_with_their_sources(demo_template):
    police = boundaries.read_police_stations()
    rows = query(
        demo_template,
        "SELECT service_type, count(*), list(DISTINCT source ORDER BY source), sum(approximate::INT), "
        "count(dist_code) FROM current_service_points WHERE source <> ? GROUP BY ALL ORDER BY 1",
        [demo.SYNTHETIC_SOURCE],
    )
    by_type = {row[0]: row[1:] for row in rows}
    assert by_type["hospital"] == (121, [demo.HOSPITAL_SOURCE], 0, 121)
    assert by_type["police"] == ((police["qa_flags"] == "").sum(), [demo_services.POLICE_SOURCE], 0, 78)
    assert by_type["health_centre"] == (69, [demo_services.HEALTH_CENTRE_SOURCE], 69, 69)
    assert by_type["social_welfare"] == (
        50,
        sorted([demo_services.OFFICE_MOVED_SOURCE, demo_services.OFFICE_SOURCE]),
        1,
        50,
    )
    assert all("geojson" in source or "csv" in source for _, sources, *_ in by_type.values() for source in sources)
    ids = query(demo_template, "SELECT service_id FROM current_service_points WHERE service_type = 'police'")
    assert {i for (i,) in ids} == set(police.loc[police["qa_flags"] == "", "station_id"])


def test_suan_luangs_office_is_in_its_own_district_and_marked_approximate(demo_template):
    ((district, approximate, name_en),) = query(
        demo_template,
        "SELECT dist_code, approximate, name_en FROM current_service_points WHERE service_id = 'DO-suanluang'",
    )
    assert (district, approximate, name_en) == ("1034", True, "Suan Luang District Office")
    ((phra_khanong,),) = query(
        demo_template, "SELECT dist_code FROM current_service_points WHERE service_id = 'DO-phrakhanong'"
    )
    assert phra_khanong == "1009"


def test_safe_spaces_shelters_ngos_and_crisis_centres_are_synthetic_and_labelled(demo_template):
    rows = query(
        demo_template,
        "SELECT service_type, count(*), bool_and(source = ?), bool_and(name_th LIKE '%ตัวอย่าง%'), "
        "bool_and(name_en LIKE 'Demo %') FROM current_service_points "
        "WHERE service_type IN ('safe_space', 'shelter', 'ngo', 'oscc') GROUP BY ALL",
        [demo.SYNTHETIC_SOURCE],
    )
    assert {t: n for t, n, *_ in rows} == demo.SERVICE_COUNTS
    assert all(tuple(labelled) == (True, True, True) for _, _, *labelled in rows)
    synthetic = dict(query(demo_template, "SELECT source = ?, count(*) FROM current_service_points GROUP BY 1",
                           [demo.SYNTHETIC_SOURCE]))  # fmt: skip
    assert synthetic[True] == sum(demo.SERVICE_COUNTS.values())


def test_every_pilot_has_a_safe_space_and_only_thai_kriangs_lies_outside_bangkok(demo_template):
    outside = query(demo_template, "SELECT service_type, name_en FROM current_service_points WHERE dist_code IS NULL")
    assert outside == [("safe_space", "Demo safe space, Thai Kriang community")]
    named = query(demo_template, "SELECT name_en FROM current_service_points WHERE name_en LIKE 'Demo safe space, %'")
    assert len(named) == scalar(demo_template, "SELECT count(*) FROM current_communities WHERE pilot")


# --- building ----------------------------------------------------------------------------


@pytest.mark.slow
def test_build_replaces_an_existing_database(demo_db, tmp_path):
    before = table_checksums(demo_db)
    results = demo.build(db=demo_db, out_dir=tmp_path / "files")
    assert list(results) == ["communities", "services", "cases"]
    assert all(result.load_id is not None and not result.unchanged for result in results.values())
    assert results["communities"].warnings == []  # every register point has a district
    assert [w.code for w in results["services"].warnings] == ["point.outside_bangkok"]  # Thai Kriang's safe space
    after = table_checksums(demo_db)
    assert {table: after[table][0] for table in after} == {table: before[table][0] for table in before}


@pytest.mark.slow
def test_demo_refuses_to_delete_a_database_with_uploaded_data(db, tmp_path):
    from etl.load import load_file
    from etl.problems import EnvironmentNotReady

    upload = b"quarter,dist_code,violence_type,cases_reported\n2025Q1,1002,physical,7\n"
    load_file("cases", upload, "real.csv", db=db, loaded_by="analyst")
    before = table_checksums(db)
    with pytest.raises(EnvironmentNotReady, match="--force"):
        demo.build(db=db, out_dir=tmp_path / "files")
    assert table_checksums(db) == before

"""The warehouse schema: idempotent, versioned, and built from the real boundaries."""

import duckdb
import geopandas as gpd
import pytest
import shapely

from db.schema import MIGRATIONS, SCHEMA_VERSION, ensure_schema, schema_version
from etl.reference import init
from geo.projection import to_metric
from tests.helpers import table_checksums


def test_ensure_schema_twice_changes_nothing(tmp_path):
    path = tmp_path / "x.duckdb"
    with duckdb.connect(str(path)) as con:
        assert ensure_schema(con) == SCHEMA_VERSION
        con.execute("INSERT INTO loads (kind, rows, loaded_by) VALUES ('cases', 0, 'me')")
    before = table_checksums(path)
    with duckdb.connect(str(path)) as con:
        assert ensure_schema(con) == 0
        assert schema_version(con) == SCHEMA_VERSION
    assert table_checksums(path) == before


@pytest.mark.slow
def test_init_twice_keeps_one_copy_of_each_boundary(db):
    init(db=db, loaded_by="tests")
    with duckdb.connect(str(db), read_only=True) as con:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in ("districts", "subdistricts")}
        population = con.execute("SELECT count(*) FROM current_population").fetchall()[0][0]
    assert counts == {"districts": 50, "subdistricts": 180}
    assert population == 50


def test_database_from_a_newer_program_is_refused(db):
    with duckdb.connect(str(db)) as con:
        con.execute("INSERT INTO schema_migrations (version) VALUES (?)", [SCHEMA_VERSION + 1])
        with pytest.raises(RuntimeError, match="newer than this program"):
            ensure_schema(con)


def test_boundaries_are_real_and_measured_in_metres(db):
    with duckdb.connect(str(db), read_only=True) as con:
        codes = [r[0] for r in con.execute("SELECT dist_code FROM districts ORDER BY 1").fetchall()]
        total_km2 = con.execute("SELECT sum(area_km2) FROM districts").fetchall()[0][0]
        dusit = con.execute("SELECT name_th, name_en FROM districts WHERE dist_code = '1002'").fetchall()[0]
        orphans = con.execute(
            "SELECT count(*) FROM subdistricts s LEFT JOIN districts d USING (dist_code) "
            "WHERE d.dist_code IS NULL OR left(s.subdist_code, 4) <> s.dist_code"
        ).fetchall()[0][0]
        pop_note = con.execute("SELECT DISTINCT year, source FROM current_population").fetchall()
    assert codes == [str(c) for c in range(1001, 1051)]
    assert dusit == ("ดุสิต", "Dusit")
    # SOURCES.md: the HDX layer covers 1,571 km²; degrees would give a number near 0.13.
    assert total_km2 == pytest.approx(1571, rel=0.01)
    assert orphans == 0
    assert len(pop_note) == 1 and pop_note[0][0] is None and "not stated" in pop_note[0][1]


def test_display_geometry_is_small_and_gap_free(db):
    with duckdb.connect(str(db), read_only=True) as con:
        size = con.execute("SELECT sum(length(ST_AsGeoJSON(geom_display))) FROM districts").fetchall()[0][0]
        wkb = [bytes(r[0]) for r in con.execute("SELECT ST_AsWKB(geom_display) FROM districts").fetchall()]
    shapes = shapely.from_wkb(wkb)
    assert size < 200_000
    assert shapely.is_valid(shapes).all()
    # Shared edges kept: the union of simplified districts has no interior holes (slivers).
    union = shapely.union_all(shapes)
    holes = sum(len(p.interiors) for p in getattr(union, "geoms", [union]))
    assert holes == 0


def test_a_version_1_database_migrates_in_place_keeping_its_rows(tmp_path):
    path = tmp_path / "v1.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)")
        for statement in MIGRATIONS[0]:
            con.execute(statement)
        con.execute("INSERT INTO schema_migrations VALUES (1, current_timestamp)")
        con.execute(
            "INSERT INTO service_points (service_id, service_type, lat, lon, load_id) "
            "VALUES ('S1', 'police', 13.7, 100.5, 1)"
        )
        con.execute("INSERT INTO communities (community_id, lat, lon, load_id) VALUES ('C1', 13.7, 100.5, 1)")
    with duckdb.connect(str(path)) as con:
        assert ensure_schema(con) == SCHEMA_VERSION - 1
        service = con.execute("SELECT service_id, approximate FROM service_points").fetchall()
        community = con.execute("SELECT community_id, community_type, population_estimated FROM communities").fetchall()
        lines = con.execute("SELECT count(*) FROM context_lines").fetchall()
    assert service == [("S1", False)]
    assert community == [("C1", None, False)]
    assert lines == [(0,)]


def test_init_loads_main_roads_and_the_river_as_simplified_context_lines(db):
    with duckdb.connect(str(db), read_only=True) as con:
        kinds = dict(con.execute("SELECT kind, count(*) FROM context_lines GROUP BY kind").fetchall())
        river = con.execute("SELECT name_th, name_en FROM context_lines WHERE kind = 'river'").fetchall()
        unnamed = con.execute("SELECT count(*) FROM context_lines WHERE kind = 'road' AND name_th IS NULL").fetchall()
        full, display = zip(
            *[
                (bytes(a), bytes(b))
                for a, b in con.execute("SELECT ST_AsWKB(geom), ST_AsWKB(geom_display) FROM context_lines").fetchall()
            ],
            strict=True,
        )
        history = con.execute("SELECT file_name FROM loads WHERE kind = 'boundaries'").fetchall()[0][0]
    assert kinds == {"road": 476, "river": 1}
    assert river == [("แม่น้ำเจ้าพระยา", "Chao Phraya River")] and unnamed == [(0,)]
    full, display = shapely.from_wkb(full), shapely.from_wkb(display)
    assert not shapely.is_empty(display).any()
    assert shapely.get_num_coordinates(display).sum() < 0.4 * shapely.get_num_coordinates(full).sum()
    coords = shapely.get_coordinates(display)
    assert (abs(coords * 1e5 - (coords * 1e5).round()) < 1e-6).all()  # rounded to 1e-5 degrees
    # Simplified in metres: every display line stays within the 25 m tolerance of its full line.
    metric_full = to_metric(gpd.GeoSeries(full, crs="EPSG:4326"))
    metric_display = to_metric(gpd.GeoSeries(display, crs="EPSG:4326"))
    assert metric_full.hausdorff_distance(metric_display).max() < 25 + 2
    assert "bkk_main_roads.geojson" in history and "chao_phraya.geojson" in history

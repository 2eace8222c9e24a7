"""The warehouse schema: idempotent, versioned, and built from the real boundaries."""

import duckdb
import pytest

from db.schema import SCHEMA_VERSION, ensure_schema, schema_version
from etl.reference import init
from tests.conftest import table_checksums


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
    import shapely

    shapes = shapely.from_wkb(wkb)
    assert size < 200_000
    assert shapely.is_valid(shapes).all()
    # Shared edges kept: the union of simplified districts has no interior holes (slivers).
    union = shapely.union_all(shapes)
    holes = sum(len(p.interiors) for p in getattr(union, "geoms", [union]))
    assert holes == 0

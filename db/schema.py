"""The warehouse schema: versioned, idempotent migrations.

Table and column names are a contract with analysts who query the file
with SQL (documented in the README). A new release adds a migration at the
end of :data:`MIGRATIONS`; existing databases are brought forward in one
transaction by :func:`ensure_schema`, without losing data. Views are
recreated on every call because they hold no data.

Every loaded row carries the ``load_id`` of the file it came from. Earlier
versions are never deleted: the ``current_*`` views pick, per key, the rows
of the latest *active* load, so reverting a load is a status change.
"""

from __future__ import annotations

import duckdb

from db.connect import transaction

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "ensure_schema", "schema_version"]

_V1 = [
    "CREATE SEQUENCE IF NOT EXISTS load_id_seq START 1",
    """
    CREATE TABLE loads (
        load_id    INTEGER PRIMARY KEY DEFAULT nextval('load_id_seq'),
        kind       VARCHAR NOT NULL,   -- boundaries | population | cases | services | communities
        file_name  VARCHAR,
        sha256     VARCHAR,
        rows       INTEGER NOT NULL,
        quarters   VARCHAR,            -- comma-separated calendar quarters, cases loads only
        loaded_at  TIMESTAMP NOT NULL DEFAULT (current_timestamp AT TIME ZONE 'UTC'),  -- UTC
        loaded_by  VARCHAR NOT NULL,
        status     VARCHAR NOT NULL DEFAULT 'active',  -- active | reverted
        synthetic  BOOLEAN NOT NULL DEFAULT false,     -- demo data, shown with a banner
        reverted_at TIMESTAMP,  -- UTC
        reverted_by VARCHAR
    )
    """,
    "CREATE TABLE load_files (load_id INTEGER PRIMARY KEY, content BLOB NOT NULL)",
    """
    CREATE TABLE districts (
        dist_code    VARCHAR PRIMARY KEY,
        name_th      VARCHAR NOT NULL,
        name_en      VARCHAR NOT NULL,
        area_km2     DOUBLE NOT NULL,
        geom         GEOMETRY NOT NULL,
        geom_display GEOMETRY NOT NULL
    )
    """,
    """
    CREATE TABLE subdistricts (
        subdist_code VARCHAR PRIMARY KEY,
        dist_code    VARCHAR NOT NULL,
        name_th      VARCHAR NOT NULL,
        name_en      VARCHAR NOT NULL,
        area_km2     DOUBLE NOT NULL,
        geom         GEOMETRY NOT NULL
    )
    """,
    """
    CREATE TABLE context_districts (
        dist_code    VARCHAR PRIMARY KEY,
        province_en  VARCHAR NOT NULL,
        name_th      VARCHAR NOT NULL,
        name_en      VARCHAR NOT NULL,
        area_km2     DOUBLE NOT NULL,
        geom         GEOMETRY NOT NULL,
        geom_display GEOMETRY NOT NULL
    )
    """,
    """
    CREATE TABLE health_centre_areas (
        hc_id         VARCHAR PRIMARY KEY,
        hc_short_name VARCHAR,
        area_name_th  VARCHAR,
        zone_th       VARCHAR,
        group_th      VARCHAR,
        area_km2      DOUBLE NOT NULL,
        geom          GEOMETRY NOT NULL,
        geom_display  GEOMETRY NOT NULL
    )
    """,
    """
    CREATE TABLE population (
        dist_code  VARCHAR NOT NULL,
        year       INTEGER,            -- NULL when the source states no year
        population INTEGER NOT NULL,
        source     VARCHAR NOT NULL,
        load_id    INTEGER NOT NULL
    )
    """,
    """
    CREATE TABLE service_points (
        service_id   VARCHAR NOT NULL,
        name_th      VARCHAR,
        name_en      VARCHAR,
        service_type VARCHAR NOT NULL,
        lat          DOUBLE NOT NULL,
        lon          DOUBLE NOT NULL,
        capacity     INTEGER,
        dist_code    VARCHAR,          -- point in polygon; NULL outside Bangkok
        opened       DATE,
        closed       DATE,
        phone        VARCHAR,
        hours        VARCHAR,
        source       VARCHAR,
        load_id      INTEGER NOT NULL
    )
    """,
    """
    CREATE TABLE communities (
        community_id  VARCHAR NOT NULL,
        name_th       VARCHAR,
        name_en       VARCHAR,
        lat           DOUBLE NOT NULL,
        lon           DOUBLE NOT NULL,
        dist_code     VARCHAR,
        population    INTEGER,
        households    INTEGER,
        pilot         BOOLEAN NOT NULL DEFAULT false,
        pilot_start   VARCHAR,         -- calendar quarter 'YYYYQn'
        location_note VARCHAR,
        load_id       INTEGER NOT NULL
    )
    """,
    """
    CREATE TABLE case_counts (
        quarter        VARCHAR NOT NULL,  -- calendar quarter, Common Era: 'YYYYQn'
        dist_code      VARCHAR NOT NULL,
        subdist_code   VARCHAR,
        community_id   VARCHAR,
        violence_type  VARCHAR NOT NULL,
        victim_group   VARCHAR NOT NULL,
        cases_reported INTEGER NOT NULL,
        cases_referred INTEGER,
        load_id        INTEGER NOT NULL
    )
    """,
]

# Version 2: real registers and context layers. Services may be marked as at an
# approximate location; communities carry a type and whether their population
# is an estimate; main roads and the river are drawn for orientation.
_V2 = [
    "ALTER TABLE service_points ADD COLUMN approximate BOOLEAN DEFAULT false",
    # urban | crowded | suburban | high_rise | housing_estate (core.codes.COMMUNITY_TYPES)
    "ALTER TABLE communities ADD COLUMN community_type VARCHAR",
    "ALTER TABLE communities ADD COLUMN population_estimated BOOLEAN DEFAULT false",
    """
    CREATE TABLE context_lines (
        kind         VARCHAR NOT NULL,  -- road | river
        name_th      VARCHAR,
        name_en      VARCHAR,
        geom         GEOMETRY NOT NULL,
        geom_display GEOMETRY NOT NULL
    )
    """,
]

MIGRATIONS: list[list[str]] = [_V1, _V2]
SCHEMA_VERSION = len(MIGRATIONS)

# Views hold no data, so they are simply recreated to match the code.
VIEWS = {
    "active_loads": "SELECT * FROM loads WHERE status = 'active'",
    # For each quarter and district: the rows of the latest active load covering it.
    "current_case_counts": """
        WITH latest AS (
            SELECT c.quarter, c.dist_code, max(c.load_id) AS load_id
            FROM case_counts c JOIN active_loads USING (load_id)
            GROUP BY c.quarter, c.dist_code
        )
        SELECT c.* FROM case_counts c JOIN latest USING (quarter, dist_code, load_id)
    """,
    # Registers update by id: each id's row from the latest active load listing it.
    "current_service_points": """
        SELECT s.* FROM service_points s JOIN active_loads USING (load_id)
        QUALIFY s.load_id = max(s.load_id) OVER (PARTITION BY s.service_id)
    """,
    "current_communities": """
        SELECT c.* FROM communities c JOIN active_loads USING (load_id)
        QUALIFY c.load_id = max(c.load_id) OVER (PARTITION BY c.community_id)
    """,
    # Per district: the latest active load's figure, its newest year first.
    "current_population": """
        SELECT p.* FROM population p JOIN active_loads USING (load_id)
        QUALIFY row_number() OVER (
            PARTITION BY p.dist_code ORDER BY p.load_id DESC, p.year DESC NULLS LAST
        ) = 1
    """,
}


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of an open database (0 for an empty file)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchall()[0][0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchall()[0][0]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the database to :data:`SCHEMA_VERSION`; safe to call any number of times.

    Returns the number of migrations applied.
    """
    with transaction(con):
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
        )
        current = schema_version(con)
        if current > SCHEMA_VERSION:
            raise RuntimeError(
                f"The database has schema version {current}, newer than this program "
                f"({SCHEMA_VERSION}). Update the program before using this database."
            )
        for version, statements in enumerate(MIGRATIONS[current:], start=current + 1):
            for statement in statements:
                con.execute(statement)
            con.execute("INSERT INTO schema_migrations (version) VALUES (?)", [version])
        for name, body in VIEWS.items():
            con.execute(f"CREATE OR REPLACE VIEW {name} AS {body}")
    return SCHEMA_VERSION - current

"""Shared fixtures: real DuckDB files on disk, built from the real boundary files.

Building a database takes about a second (boundaries) or a few (demo), so
each is built once per session as a template and copied for every test
that writes to it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from etl.reference import init


@pytest.fixture(scope="session")
def reference_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("reference") / "reference.duckdb"
    init(db=path, loaded_by="tests")
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    from etl.demo import build

    folder = tmp_path_factory.mktemp("demo")
    build(db=folder / "demo.duckdb", out_dir=folder / "files")
    return folder / "demo.duckdb"


@pytest.fixture
def db(reference_template, tmp_path) -> Path:
    """A writable database with boundaries and population, no cases."""
    return Path(shutil.copy(reference_template, tmp_path / "safespace.duckdb"))


@pytest.fixture
def demo_db(demo_template, tmp_path) -> Path:
    """A writable copy of the demo database."""
    return Path(shutil.copy(demo_template, tmp_path / "demo.duckdb"))


def table_checksums(path: Path) -> dict[str, tuple]:
    """Row count and an order-independent hash of every table: equal means unchanged."""
    with duckdb.connect(str(path), read_only=True) as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return {
            t: con.execute(f"SELECT count(*), coalesce(sum(hash(t::VARCHAR)), 0) FROM {t} AS t").fetchall()[0]
            for t in tables
        }

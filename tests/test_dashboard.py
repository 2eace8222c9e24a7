"""What the dashboard says around its figures, seen on its first page: the synthetic-data banner, a database
with no cases, and every way the snapshot can be missing or broken, each a sentence that says what to do,
never a traceback. AppTest runs dashboard.py against real DuckDB files.
"""

from __future__ import annotations

import duckdb
import pytest

from db.snapshot import published_path
from tests.helpers import copy_with_snapshot
from ui.i18n import t


@pytest.mark.slow
def test_synthetic_data_shows_a_banner(demo_template, open_app):
    app = open_app(demo_template)
    assert not app.exception
    assert [w.value for w in app.warning] == [t("banner.synthetic", "th")]


def test_real_data_shows_no_banner(cases_template, open_app):
    assert not open_app(cases_template).warning


def test_empty_database_shows_a_sentence_not_a_map(db, open_app):
    app = open_app(db)
    assert not app.exception
    assert [i.value for i in app.info] == [t("overview.no_cases", "th")]
    assert not app.get("deck_gl_json_chart") and not app.metric


def test_missing_database_says_what_to_do(tmp_path, open_app):
    app = open_app(tmp_path / "nothing.duckdb", "en")
    assert not app.exception
    snapshot = tmp_path / "nothing.published.duckdb"
    assert [e.value for e in app.error] == [t("error.snapshot_missing", "en").format(path=snapshot)]
    assert "python -m etl demo" in app.error[0].value
    assert not (tmp_path / "nothing.duckdb").exists() and not snapshot.exists()


def test_a_warehouse_never_published_says_to_publish(tmp_path, open_app):
    warehouse = tmp_path / "warehouse.duckdb"
    duckdb.connect(str(warehouse)).close()
    app = open_app(warehouse)
    assert not app.exception
    assert [e.value for e in app.error] == [t("error.snapshot_missing", "th").format(path=published_path(warehouse))]
    assert "python -m etl publish" in app.error[0].value


@pytest.mark.slow
def test_a_file_that_is_not_a_snapshot_says_to_publish_again(tmp_path, open_app):
    warehouse = tmp_path / "blank.duckdb"
    duckdb.connect(str(published_path(warehouse))).close()  # a DuckDB file without the snapshot's tables
    app = open_app(warehouse)
    assert not app.exception
    assert [e.value for e in app.error] == [t("error.snapshot_not_ready", "th").format(path=published_path(warehouse))]
    assert "python -m etl publish" in app.error[0].value


@pytest.mark.slow
def test_an_unexpected_failure_shows_a_sentence_not_a_traceback(cases_template, tmp_path, open_app):
    broken = copy_with_snapshot(cases_template, tmp_path / "broken.duckdb")
    with duckdb.connect(str(published_path(broken))) as con:
        con.execute("DROP TABLE kpis")  # a damaged snapshot: readable, but a table the page needs is gone
    app = open_app(broken)
    assert not app.exception
    assert [e.value for e in app.error] == [t("error.unexpected", "th")]

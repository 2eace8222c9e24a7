"""The Methods & data page as a user gets it: AppTest runs dashboard.py on real published DuckDB files."""

from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from db import read
from geo.boundaries import geo_dir
from tests.helpers import snapshot_of
from ui.i18n import TEXT

PAGE = "pages/methods.py"


def texts(app: AppTest) -> str:
    kinds = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error")
    return "\n".join(str(e.value) for kind in kinds for e in getattr(app, kind)) + "\n".join(
        e.label for e in app.expander
    )


@pytest.fixture
def methods(open_app):
    """Open the Methods & data page: ``methods(path, lang=None)``."""
    return lambda path, lang=None: open_app(path, lang, page=PAGE)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_runs_in_both_languages(demo_db, methods, lang):
    app = methods(demo_db, lang)
    assert not app.exception
    assert not app.error
    assert app.title[0].value == TEXT["methods.title"][lang]
    shown = texts(app)
    for key in ("methods.dictionary", "methods.formats", "methods.measures", "methods.sources", "methods.privacy"):
        assert TEXT[key][lang] in shown


@pytest.mark.slow
def test_lists_every_table_and_view_of_the_schema(demo_db, methods):
    with duckdb.connect(str(demo_db), read_only=True) as con:
        names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        names += [r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()]
    assert "case_counts" in names and "current_case_counts" in names
    shown = texts(methods(demo_db, "en"))
    assert [name for name in names if f"`{name}`" not in shown] == []


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["th", "en"])
def test_lists_every_source_file_with_its_licence(demo_db, methods, lang):
    files = sorted(p.name for p in geo_dir().iterdir() if p.is_file() and p.name != "SOURCES.md")
    assert len(files) >= 7
    shown = texts(methods(demo_db, lang))
    assert [name for name in files if f"`{name}`" not in shown] == []
    assert "CC BY-IGO" in shown
    assert "CC BY 4.0" in shown and "MIT" in shown
    assert {"th": "ประมาณ พ.ศ. 2560", "en": "about 2017"}[lang] in shown  # the population's year is not stated


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["th", "en"])
def test_defines_every_measure_and_the_suppression_policy(demo_db, methods, lang):
    shown = texts(methods(demo_db, lang))
    for key in [k for k in TEXT if k.startswith("methods.measure.")]:
        assert TEXT[key][lang].split("**")[1] in shown  # each definition's bold name
    assert "9,999" in shown and "Benjamini–Hochberg" in shown  # Gi*'s permutation p and its adjustment into q
    assert "12345" in shown and "999" in shown  # the permutation seed and count of Local Moran
    assert {"th": "รัศมี 3 กม.", "en": "within 3 km"}[lang] in shown  # the 2SFCA catchment
    assert "“<5”" in shown and TEXT["methods.guard"][lang] in shown


@pytest.mark.slow
def test_shows_the_load_history_without_revert_controls(demo_db, methods):
    app = methods(demo_db, "en")
    loads = read.load_history(snapshot_of(demo_db))  # as published
    (history,) = [d.value for d in app.dataframe]
    assert history[TEXT["history.load_id"]["en"]].tolist() == loads["load_id"].tolist()
    assert TEXT["history.demo"]["en"] in set(history[TEXT["history.synthetic"]["en"]])
    assert not app.checkbox and not app.selectbox
    assert not [b for b in app.button if b.label == TEXT["upload.revert"]["en"]]


@pytest.mark.slow
def test_database_without_cases_still_explains_everything(db, methods):
    app = methods(db)
    assert not app.exception
    assert not app.error
    assert TEXT["methods.measures"]["th"] in texts(app)
    (history,) = [d.value for d in app.dataframe]
    assert len(history) == len(read.load_history(snapshot_of(db)))  # boundaries and population from `etl init`

"""The Methods & data page as a user gets it: AppTest runs dashboard.py on real published DuckDB files."""

from __future__ import annotations

import io

import duckdb
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from db import read
from geo.boundaries import geo_dir
from tests.helpers import HAS_FILE, snapshot_of
from ui.i18n import prose, t
from ui.periods import short_label

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
def test_runs_in_both_languages(demo_shared, methods, lang):
    app = methods(demo_shared, lang)
    assert not app.exception
    assert not app.error
    assert app.title[0].value == t("methods.title", lang)
    shown = texts(app)
    for key in ("methods.dictionary", "methods.formats", "methods.measures", "methods.sources", "methods.privacy"):
        assert t(key, lang) in shown


@pytest.mark.slow
def test_lists_every_table_and_view_of_the_schema(demo_shared, methods):
    with duckdb.connect(str(demo_shared), read_only=True) as con:
        names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        names += [r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()]
    assert "case_counts" in names and "current_case_counts" in names
    shown = texts(methods(demo_shared, "en"))
    assert [name for name in names if f"`{name}`" not in shown] == []


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["th", "en"])
def test_lists_every_source_file_with_its_licence(demo_shared, methods, lang):
    files = sorted(p.name for p in geo_dir().iterdir() if p.is_file() and p.name != "SOURCES.md")
    assert len(files) >= 7
    shown = texts(methods(demo_shared, lang))
    assert [name for name in files if f"`{name}`" not in shown] == []
    assert "CC BY-IGO" in shown
    assert "CC BY 4.0" in shown and "MIT" in shown
    assert {"th": "ประมาณ พ.ศ. 2560", "en": "about 2017"}[lang] in shown  # the population's year is not stated


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["th", "en"])
def test_defines_every_measure_and_the_suppression_policy(demo_shared, methods, lang):
    shown = texts(methods(demo_shared, lang))
    for definition in prose("methods-measures", lang).split("\n\n"):
        assert definition.split("**")[1] in shown  # each definition's bold name
    assert "9,999" in shown and "Benjamini–Hochberg" in shown  # Gi*'s permutation p and its adjustment into q
    assert "12345" in shown and "999" in shown  # the permutation seed and count of Local Moran
    assert {"th": "รัศมี 3 กม.", "en": "within 3 km"}[lang] in shown  # the 2SFCA catchment
    assert "“<5”" in shown and t("methods.guard", lang) in shown


@pytest.mark.slow
def test_shows_the_load_history_without_revert_controls(demo_shared, methods):
    app = methods(demo_shared, "en")
    loads = read.load_history(snapshot_of(demo_shared))  # as published
    (history,) = [d.value for d in app.dataframe]
    assert history[t("history.load_id", "en")].tolist() == loads["load_id"].tolist()
    assert t("history.demo", "en") in set(history[t("history.synthetic", "en")])
    assert not app.checkbox and not app.selectbox
    assert not [b for b in app.button if b.label == t("upload.revert", "en")]


@pytest.mark.slow
def test_database_without_cases_still_explains_everything(db, methods):
    app = methods(db)
    assert not app.exception
    assert not app.error
    assert t("methods.measures", "th") in texts(app)
    (history,) = [d.value for d in app.dataframe]
    assert len(history) == len(read.load_history(snapshot_of(db)))  # boundaries and population from `etl init`


# --- Issue 16: plain words first; which districts have no file for which quarter -------------------------------

SECTIONS = ["plain", "measures", "privacy", "sources", "completeness", "formats", "dictionary", "history"]


def section_titles(lang: str) -> list[str]:
    return [t("completeness.title" if key == "completeness" else f"methods.{key}", lang) for key in SECTIONS]


def grid_cells(app: AppTest) -> pd.DataFrame:
    """The cells behind the completeness grid (the chart whose rows carry a ``status``)."""
    (chart,) = app.get("vega_lite_chart")
    frames = [pa.ipc.open_stream(io.BytesIO(d.data.data)).read_pandas() for d in chart.proto.datasets]
    (cells,) = [f for f in frames if "status" in f.columns]
    return cells


@pytest.mark.parametrize("lang", ["th", "en"])
def test_plain_words_come_first_and_the_database_tables_last(cases_db, methods, lang):
    app = methods(cases_db, lang)
    assert [h.value for h in app.header] == section_titles(lang)
    main = list(app.main)
    first = next(i for i, e in enumerate(main) if getattr(e, "type", None) == "header")
    definitions = main[first + 1].value
    assert definitions.startswith("- **") and "`" not in definitions  # everyday words, no table or column names


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_completeness_grid_shows_which_districts_have_no_file_for_which_quarter(cases_db, methods, lang):
    app = methods(cases_db, lang)
    cells = grid_cells(app)
    assert len(cells) == 50 * 5  # Bangkok's 50 districts (not Phra Pradaeng) by the five quarters
    codes = cells["district"].str.extract(r"\((\d{4})\)$")[0]
    quarter_of = {short_label(q, lang): q for q in ("2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2")}
    loaded = {(code, quarter_of[axis]) for code, axis, status in zip(codes, cells["axis"], cells["status"], strict=True)
              if status == t("completeness.has_data", lang)}  # fmt: skip
    assert loaded == HAS_FILE
    assert set(cells["status"]) == {t("completeness.has_data", lang), t("completeness.no_data", lang)}
    assert not [c for c in cells.columns if pd.api.types.is_numeric_dtype(cells[c])], "no counts in the grid"
    assert t("completeness.missing", lang).format(n=250 - len(HAS_FILE), districts=49) in texts(app)
    # The gaps as text: every district but Phra Nakhon, with the quarters it lacks.
    listed = next(f.value for f in app.dataframe if t("completeness.quarter", lang) in f.value.columns)
    assert len(listed) == 49
    dusit = listed[listed[t("completeness.district", lang)].str.endswith("(1002)")]
    assert dusit[t("completeness.quarter", lang)].iloc[0].count(",") == 3  # four quarters without a file


def test_without_cases_the_completeness_section_says_so(db, methods):
    app = methods(db, "en")
    assert t("completeness.no_cases", "en") in texts(app)
    assert not app.get("vega_lite_chart")

"""The dashboard as a user gets it: AppTest runs dashboard.py against real DuckDB files."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from db.privacy import ENV_VAR as SUPPRESS_ENV
from ui import maps
from ui.i18n import TEXT

SMALL_COUNTS = {"1", "2", "3", "4"}
DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """Bytes of every file the app offers for download, by file name."""
    files: dict[str, bytes] = {}

    class Recording(MemoryMediaFileStorage):
        def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
            files[filename] = path_or_data
            return super().load_and_get_id(path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", Recording)
    return files


def deck(app: AppTest) -> dict:
    charts = app.get("deck_gl_json_chart")
    assert len(charts) == 1
    return json.loads(charts[0].proto.json)


def layer(spec: dict, kind: str) -> dict:
    (found,) = [item for item in spec["layers"] if item["@@type"] == kind]
    return found


def features(app: AppTest) -> dict[str, dict]:
    return {f["properties"]["dist_code"]: f["properties"] for f in layer(deck(app), "GeoJsonLayer")["data"]["features"]}


def texts(app: AppTest) -> str:
    parts = [
        e.value for kind in ("title", "markdown", "caption", "info", "warning", "error") for e in getattr(app, kind)
    ]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_runs_without_exception_in_both_languages(cases_db, open_app, lang):
    app = open_app(cases_db, lang)
    assert not app.exception
    assert not app.error
    assert app.title[0].value == TEXT["overview.title"][lang]


def test_map_has_the_fifty_districts_and_no_basemap(cases_db, open_app):
    spec = deck(open_app(cases_db))
    assert len(layer(spec, "GeoJsonLayer")["data"]["features"]) == 50
    assert spec["mapStyle"] == "__MAP_STYLE__"  # Streamlit's sentinel for "no basemap"
    assert "cartocdn" not in json.dumps(spec) and "mapbox" not in json.dumps(spec).lower()


def test_map_payload_is_under_250_kb(cases_db, open_app):
    app = open_app(cases_db)
    districts = layer(deck(app), "GeoJsonLayer")
    assert len(json.dumps(districts, separators=(",", ":"), ensure_ascii=False).encode()) < 250_000
    assert len(app.get("deck_gl_json_chart")[0].proto.json.encode()) < 250_000


def test_tooltip_shows_both_names_and_never_a_small_count(cases_db, open_app):
    app = open_app(cases_db)
    props = features(app)
    tooltip = json.loads(app.get("deck_gl_json_chart")[0].proto.tooltip)["html"]
    assert "{name_th}" in tooltip and "{name_en}" in tooltip and "{cases}" in tooltip and "{rate}" in tooltip
    assert {p["cases"] for p in props.values()}.isdisjoint(SMALL_COUNTS)
    assert props["1001"]["cases"] == "20"
    assert props["1003"]["cases"] == "0"


def test_suppressed_district_is_marked_on_the_map(cases_db, open_app):
    props = features(open_app(cases_db))
    for code in ("1002", "1004"):
        assert props[code]["cases"] == "<5"
        assert props[code]["rate"] == TEXT["value.suppressed"]["th"]
        assert tuple(props[code]["fill"]) == maps.SUPPRESSED
    assert tuple(props["1050"]["fill"]) == maps.NO_DATA
    assert tuple(props["1003"]["fill"]) not in (maps.SUPPRESSED, maps.NO_DATA)


def test_labels_carry_their_thai_characters(cases_db, open_app):
    labels = layer(deck(open_app(cases_db)), "TextLayer")
    used = set("".join(row["text"] for row in labels["data"]))
    assert "พ" in used  # พระนคร
    assert used <= set(labels["characterSet"])


def test_legend_has_classes_suppressed_and_no_data(cases_db, open_app):
    shown = texts(open_app(cases_db))
    for key in ("legend.title", "legend.no_data"):
        assert TEXT[key]["th"] in shown
    assert TEXT["legend.suppressed"]["th"].format(top=4) in shown
    assert "rgb(115,115,115)" in shown


def test_table_lists_fifty_districts_without_small_counts(cases_db, open_app):
    table = open_app(cases_db).dataframe[0].value
    assert len(table) == 50
    cases = table[TEXT["col.cases"]["th"]]
    assert set(cases).isdisjoint(SMALL_COUNTS)
    assert (cases == "<5").sum() == 2


def test_csv_download_is_the_table_with_a_bom(cases_db, open_app, downloads):
    open_app(cases_db)
    (name,) = downloads
    content = downloads[name]
    assert name == "district_rates_2025Q2.csv"
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    assert "พระนคร" in text and "<5" in text
    assert text.count("\n") == 51


def test_switching_language_changes_visible_text(cases_db, open_app):
    app = open_app(cases_db)
    assert app.title[0].value == TEXT["overview.title"]["th"]
    app.radio(key="lang").set_value("en").run()
    assert app.title[0].value == TEXT["overview.title"]["en"]
    assert TEXT["legend.title"]["en"] in texts(app)
    assert features(app)["1002"]["rate"] == TEXT["value.suppressed"]["en"]
    assert app.query_params["lang"] == "en"


def test_sidebar_labels_the_chosen_quarter_in_the_fiscal_year(cases_db, open_app):
    app = open_app(cases_db)
    assert "ไตรมาส 3 ปีงบประมาณ 2568 (เม.ย.–มิ.ย. 2568)" in texts(app)
    app.select_slider(key="quarter").set_value("2024Q4").run()
    assert "ไตรมาส 1 ปีงบประมาณ 2568 (ต.ค.–ธ.ค. 2567)" in texts(app)
    assert features(app)["1001"]["cases"] == "105"  # 107 in the window, published rounded to 5


def test_synthetic_data_shows_a_banner(demo_db, open_app):
    app = open_app(demo_db)
    assert not app.exception
    assert [w.value for w in app.warning] == [TEXT["banner.synthetic"]["th"]]


def test_real_data_shows_no_banner(cases_db, open_app):
    assert not open_app(cases_db).warning


def test_empty_database_shows_a_sentence_not_a_map(db, open_app):
    app = open_app(db)
    assert not app.exception
    assert [i.value for i in app.info] == [TEXT["overview.no_cases"]["th"]]
    assert not app.get("deck_gl_json_chart")


def test_missing_database_says_what_to_do(tmp_path, open_app):
    app = open_app(tmp_path / "nothing.duckdb", "en")
    assert not app.exception
    assert "python -m etl demo" in app.error[0].value
    assert not (tmp_path / "nothing.duckdb").exists()


def test_database_without_schema_says_what_to_do(tmp_path, open_app):
    blank = tmp_path / "blank.duckdb"
    duckdb.connect(str(blank)).close()
    app = open_app(blank)
    assert not app.exception
    assert "python -m etl init" in app.error[0].value


def test_an_unexpected_failure_shows_a_sentence_not_a_traceback(cases_db, open_app, monkeypatch):
    monkeypatch.setenv(SUPPRESS_ENV, "five")  # a broken setting the read layer rejects
    app = open_app(cases_db)
    assert not app.exception
    assert [e.value for e in app.error] == [TEXT["error.unexpected"]["th"]]

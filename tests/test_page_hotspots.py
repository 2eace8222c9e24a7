"""The Hotspots page as a user gets it: AppTest runs dashboard.py on real DuckDB files."""

from __future__ import annotations

import itertools
import json

import duckdb
import mapclassify
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from core import quarters
from db import read
from etl.load import load_file
from ui import maps
from ui.i18n import TEXT, number

PAGE = "pages/hotspots.py"
SMALL_COUNTS = {"1", "2", "3", "4"}
SCHEMES = {
    "quantiles": mapclassify.Quantiles,
    "natural_breaks": mapclassify.FisherJenks,
    "equal_interval": mapclassify.EqualInterval,
}


def deck(app: AppTest) -> dict:
    (chart,) = app.get("deck_gl_json_chart")
    return json.loads(chart.proto.json)


def features(app: AppTest) -> dict[str, dict]:
    (districts,) = [item for item in deck(app)["layers"] if item["@@type"] == "GeoJsonLayer"]
    return {f["properties"]["dist_code"]: f["properties"] for f in districts["data"]["features"]}


def fills(app: AppTest) -> dict[str, tuple[int, ...]]:
    return {code: tuple(props["fill"]) for code, props in features(app).items()}


def texts(app: AppTest) -> str:
    kinds = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error")
    return "\n".join(str(e.value) for kind in kinds for e in getattr(app, kind))


def window_summary(app: AppTest, db) -> pd.DataFrame:
    """The district summary for the page's default window: the four quarters ending at the chosen one."""
    end = app.session_state["quarter"]
    return read.district_summary(db, end, quarters.shift(end, -3))


def chart_rows(app: AppTest) -> pd.DataFrame:
    """The rows of every dataset behind the page's Altair charts."""
    frames = [
        pa.ipc.open_stream(dataset.data.data).read_pandas()
        for chart in app.get("vega_lite_chart")
        for dataset in chart.proto.datasets
    ]
    return pd.concat(frames, ignore_index=True)


@pytest.fixture
def hotspots(open_app):
    """Open the Hotspots page: ``hotspots(path, lang=None)``."""
    return lambda path, lang=None: open_app(path, lang, page=PAGE)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_runs_in_both_languages_with_fifty_districts(demo_db, hotspots, lang):
    app = hotspots(demo_db, lang)
    assert not app.exception
    assert not app.error
    assert app.title[0].value == TEXT["hotspots.title"][lang]
    assert len(features(app)) == 50
    assert deck(app)["mapStyle"] == "__MAP_STYLE__"  # no basemap
    assert len(app.get("deck_gl_json_chart")[0].proto.json.encode()) < 250_000
    assert TEXT["legend.no_data"][lang] in texts(app)


def test_gi_view_shows_the_summary_hotspot_class_of_every_district(demo_db, hotspots):
    app = hotspots(demo_db)
    app.button_group(key="hotspots_view").set_value("gi").run()
    expected = window_summary(app, demo_db).set_index("dist_code")["hotspot_class"]
    assert expected.str.startswith("hot").any()  # the demo has hot spots, so a wrong map would show
    shown = fills(app)
    assert {code: shown[code] for code in expected.index} == {c: maps.GI_COLOURS[k] for c, k in expected.items()}
    assert {code: p["gi"] for code, p in features(app).items()} == {
        c: TEXT[f"gi.{k}"]["th"] for c, k in expected.items()
    }
    legend = texts(app)
    assert all(TEXT[f"gi.{k}"]["th"] in legend for k in maps.GI_COLOURS)


def test_lisa_view_shows_the_summary_cluster_of_every_district(demo_db, hotspots):
    app = hotspots(demo_db, "en")
    app.button_group(key="hotspots_view").set_value("lisa").run()
    expected = window_summary(app, demo_db).set_index("dist_code")["lisa_class"]
    assert (expected != "not_significant").any()
    assert fills(app) == {c: maps.LISA_COLOURS[k] for c, k in expected.items()}
    assert TEXT["lisa.high_high"]["en"] in texts(app)


@pytest.mark.filterwarnings("ignore:Numba not installed")
@pytest.mark.parametrize(("scheme", "measure"), [(s, "rate") for s in SCHEMES] + [("natural_breaks", "count")])
def test_legend_has_the_mapclassify_classes_of_the_chosen_scheme(demo_db, hotspots, scheme, measure):
    app = hotspots(demo_db)
    app.radio(key="hotspots_scheme").set_value(scheme).run()
    app.radio(key="hotspots_measure").set_value(measure).run()
    summary = window_summary(app, demo_db)
    column = {"rate": "rate_per_100k", "count": "cases_reported"}[measure]
    values = summary.set_index("dist_code")[column].where(~summary.set_index("dist_code")["suppressed"]).dropna()
    classifier = SCHEMES[scheme](values.to_numpy(), k=5)
    digits = 1 if measure == "rate" else 0
    edges = [number(v, digits) for v in [values.min(), *classifier.bins]]
    legend = texts(app)
    for low, high in itertools.pairwise(edges):
        assert f">{low}–{high}</span>" in legend
    shown = fills(app)
    assert [shown[code] for code in values.index] == [maps.PALETTE[c] for c in classifier.yb]


def test_switching_scheme_measure_and_view_changes_the_map(demo_db, hotspots):
    app = hotspots(demo_db)
    seen = [fills(app)]
    app.radio(key="hotspots_scheme").set_value("equal_interval").run()
    seen.append(fills(app))
    app.radio(key="hotspots_measure").set_value("count").run()
    seen.append(fills(app))
    for view in ("gi", "lisa"):
        app.button_group(key="hotspots_view").set_value(view).run()
        seen.append(fills(app))
    assert not app.exception
    assert all(before != after for before, after in itertools.pairwise(seen))


def test_suppressed_district_has_its_own_colour_in_the_rates_view(cases_db, hotspots):
    shown = fills(hotspots(cases_db))  # 1002 and 1004 have 1-4 cases in the year to 2025Q2
    assert shown["1002"] == shown["1004"] == maps.SUPPRESSED
    assert shown["1050"] == maps.NO_DATA
    assert shown["1001"] not in (maps.SUPPRESSED, maps.NO_DATA)


def small_cell_district(db, end: str) -> str:
    """A district with a true breakdown cell of 1-4 cases in the four quarters ending at ``end``."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            """
            SELECT dist_code FROM current_case_counts JOIN districts USING (dist_code)
            WHERE list_contains(?, quarter)
            GROUP BY dist_code, violence_type HAVING sum(cases_reported) BETWEEN 1 AND 4
            ORDER BY dist_code LIMIT 1
            """,
            [quarters.window(end, 4)],
        ).fetchall()[0][0]


def test_district_detail_shows_trend_and_breakdowns_without_small_counts(demo_db, hotspots):
    app = hotspots(demo_db, "en")
    district = small_cell_district(demo_db, app.session_state["quarter"])
    app.selectbox(key="hotspots_district").set_value(district).run()
    assert not app.exception
    # The trend: twelve quarters of published counts, the same as the read layer's.
    rows = chart_rows(app)
    trend = rows.dropna(subset=["value"]) if "value" in rows else rows
    published = read.district_trend(demo_db, district, app.session_state["quarter"], 12)
    assert len(rows[rows["series"].notna()]) == 12
    assert set(trend["value"]).isdisjoint({1.0, 2.0, 3.0, 4.0})
    assert set(rows["display"].dropna()).isdisjoint(SMALL_COUNTS)
    assert rows["display"].dropna().tolist() == published["cases_display"].fillna("no data").tolist()
    # The breakdowns: by violence type and by victim group, small cells as "<5".
    tables = [frame for frame in (d.value for d in app.dataframe) if TEXT["hotspots.col.category"]["en"] in frame]
    assert len(tables) == 2
    cells = pd.concat([t[TEXT["col.cases"]["en"]] for t in tables])
    assert "<5" in set(cells)
    assert set(cells).isdisjoint(SMALL_COUNTS)
    assert len(tables[0]) == 5 and len(tables[1]) == 5
    assert {m.value for m in app.metric}.isdisjoint(SMALL_COUNTS)


def test_no_count_of_one_to_four_anywhere_on_the_page(demo_db, hotspots):
    app = hotspots(demo_db)
    counts = [p["cases"] for p in features(app).values()]
    counts += app.dataframe[0].value[TEXT["col.cases"]["th"]].tolist()
    counts += [m.value for m in app.metric]
    assert set(counts).isdisjoint(SMALL_COUNTS)


def test_table_behind_the_map_has_fifty_districts_and_a_download(demo_db, hotspots):
    app = hotspots(demo_db)
    table = app.dataframe[0].value
    assert len(table) == 50
    assert TEXT["hotspots.col.gi"]["th"] in table and TEXT["hotspots.col.class"]["th"] in table
    assert app.get("download_button")


def test_empty_database_shows_a_sentence_not_a_map(db, hotspots):
    app = hotspots(db)
    assert not app.exception
    assert [i.value for i in app.info] == [TEXT["hotspots.no_cases"]["th"]]
    assert not app.get("deck_gl_json_chart")


def test_a_window_without_bangkok_reports_says_so(cases_db, hotspots):
    # A quarter with a report only outside Bangkok (the Thai Kriang pilot in Samut Prakan).
    extra = "quarter,dist_code,community_id,violence_type,cases_reported\n2023Q1,1104,PILOT-THAI-KRIANG,physical,9\n"
    load_file("cases", extra.encode(), "pilot.csv", db=cases_db)
    app = hotspots(cases_db, "en")
    app.select_slider(key="quarter").set_value("2023Q1").run()
    assert not app.exception
    assert any("No cases were reported" in i.value for i in app.info)
    assert not app.get("deck_gl_json_chart")


def test_too_few_districts_for_hot_spots_says_so(cases_db, hotspots):
    app = hotspots(cases_db, "en")
    app.select_slider(key="quarter").set_value("2024Q2").run()  # the year to 2024Q2: only 1001 reported
    app.button_group(key="hotspots_view").set_value("gi").run()
    assert not app.exception
    assert TEXT["hotspots.no_statistics"]["en"] in [i.value for i in app.info]
    assert not app.get("deck_gl_json_chart")
    assert len(app.dataframe[0].value) == 50  # the table is still there


def test_a_district_without_reports_says_so(cases_db, hotspots):
    app = hotspots(cases_db, "en")
    app.selectbox(key="hotspots_district").set_value("1050").run()
    assert not app.exception
    shown = [i.value for i in app.info]
    assert TEXT["hotspots.no_trend"]["en"].format(n=12) in shown
    assert any(s.startswith("This district has no reports in") for s in shown)


def test_breakdowns_list_every_code_and_protect_a_lone_small_cell(cases_db):
    # 1001 over the year to 2025Q2: physical 3 + 4 + 5, psychological 7, sexual 1; child 5, woman 15.
    by_type = read.district_breakdown(cases_db, "1001", "violence_type", "2025Q2")
    assert by_type["code"].tolist() == ["physical", "psychological", "sexual", "neglect", "other"]
    # The lone "<5" could be worked out from the district's total, so the next smallest cell is hidden too.
    assert by_type["cases_display"].tolist() == ["10", "x", "<5", "0", "0"]
    by_group = read.district_breakdown(cases_db, "1001", "victim_group", "2025Q2")
    assert by_group["code"].tolist() == ["child", "woman", "man", "elder", "unknown"]
    assert by_group["cases_display"].tolist() == ["5", "15", "0", "0", "0"]
    assert read.district_breakdown(cases_db, "1050", "victim_group", "2025Q2").empty


def test_district_trend_has_every_quarter_of_its_window(cases_db):
    trend = read.district_trend(cases_db, "1001", "2025Q2", 6)
    assert trend["quarter"].tolist() == ["2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2"]
    assert trend["cases_display"].fillna("no rows").tolist() == ["no rows", "100", "<5", "<5", "5", "5"]

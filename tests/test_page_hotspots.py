"""The Hotspots page as a user gets it: AppTest runs dashboard.py on real published DuckDB files.

Expected counts are worked out by hand from the snapshot's protected cells (:mod:`tests.expected`);
classes come from mapclassify run here, statistics from the published snapshot through the read layer.
"""

from __future__ import annotations

import html
import itertools
from pathlib import Path

import duckdb
import mapclassify
import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core import quarters
from core.codes import VICTIM_GROUPS, VIOLENCE_TYPES
from db import read
from etl.load import load_file
from etl.publish import publish
from tests.helpers import area_sum, breakdown_sums, chart_rows, copy_with_snapshot, deck, features, snapshot_of, texts
from ui import maps
from ui.i18n import label, number, t

PAGE = "pages/hotspots.py"
SMALL_COUNTS = {"1", "2", "3", "4"}
SCHEMES = {
    "quantiles": mapclassify.Quantiles,
    "natural_breaks": mapclassify.FisherJenks,
    "equal_interval": mapclassify.EqualInterval,
}


def fills(app: AppTest) -> dict[str, tuple[int, ...]]:
    return {code: tuple(props["fill"]) for code, props in features(app).items()}


def window_summary(app: AppTest, db) -> pd.DataFrame:
    """The published district table of the page's default window: the four quarters ending at the chosen one."""
    return read.district_summary(snapshot_of(db), "4q", app.session_state["quarter"])


def trend_rows(app: AppTest) -> pd.DataFrame:
    """The district trend's points (not its window marker), oldest first: the first chart, above the districts
    compared."""
    rows = chart_rows(app, slice(0, 1))
    return rows[rows["series"].notna()].reset_index(drop=True)


def breakdown_tables(app: AppTest, lang: str) -> list[pd.DataFrame]:
    """The tables of Bangkok's breakdowns: by violence type, then by victim group."""
    return [frame for frame in (d.value for d in app.dataframe) if t("hotspots.col.category", lang) in frame]


def expected_breakdown(db, by: str, end: str, lang: str) -> list[tuple[str, str]]:
    """(label, published text) of each code with cells in the year to ``end``, in the codes' stored order."""
    kind, codes = {"violence_type": ("violence", VIOLENCE_TYPES), "victim_group": ("victim", VICTIM_GROUPS)}[by]
    sums = breakdown_sums(db, by, quarters.window(end, 4))
    return [(label(kind, code, lang), sums[code].text) for code in codes if code in sums]


# Phra Nakhon and its eight neighbours (queen contiguity): a block of high counts that must come out as a
# hot spot and a high-high cluster, whatever the demo data happen to hold.
CLUSTER = ("1001", "1002", "1008", "1013", "1015", "1016", "1018", "1020", "1025")


@pytest.fixture(scope="module")
def clustered_db(reference_template, tmp_path_factory) -> Path:
    """Every district reports in each quarter of the year to 2025Q2, the cluster about four times as many
    (Poisson 60 against 15); published, and only read."""
    path = copy_with_snapshot(reference_template, tmp_path_factory.mktemp("clustered") / "clustered.duckdb")
    rng = np.random.default_rng(3)
    rows = "".join(
        f"{quarter},{code},physical,woman,{rng.poisson(60 if str(code) in CLUSTER else 15)},\n"
        for quarter in quarters.window("2025Q2", 4)
        for code in range(1001, 1051)
    )
    header = "quarter,dist_code,violence_type,victim_group,cases_reported,cases_referred\n"
    load_file("cases", (header + rows).encode(), "clustered.csv", db=path)
    publish(path)
    return path


@pytest.fixture
def hotspots(open_app):
    """Open the Hotspots page: ``hotspots(path, lang=None)``."""
    return lambda path, lang=None: open_app(path, lang, page=PAGE)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["th", "en"])
def test_runs_in_both_languages_with_fifty_districts(demo_shared, hotspots, lang):
    app = hotspots(demo_shared, lang)
    assert not app.exception
    assert not app.error
    assert app.title[0].value == t("hotspots.title", lang)
    assert len(features(app)) == 50
    assert deck(app)["mapStyle"] == "__MAP_STYLE__"  # no basemap
    assert len(app.get("deck_gl_json_chart")[0].proto.json.encode()) < 250_000
    assert t("legend.no_data", lang) in texts(app)


@pytest.mark.slow
def test_gi_view_shows_the_summary_hotspot_class_of_every_district(clustered_db, hotspots):
    app = hotspots(clustered_db)
    app.button_group(key="hotspots_view").set_value("gi").run()
    expected = window_summary(app, clustered_db).set_index("dist_code")["hotspot_class"]
    assert expected[list(CLUSTER)].str.startswith("hot").any()  # there are hot spots, so a wrong map would show
    shown = fills(app)
    assert {code: shown[code] for code in expected.index} == {c: maps.GI_COLOURS[k] for c, k in expected.items()}
    assert {code: p["gi"] for code, p in features(app).items()} == {c: t(f"gi.{k}", "th") for c, k in expected.items()}
    legend = texts(app)
    assert all(html.escape(t(f"gi.{k}", "th")) in legend for k in maps.GI_COLOURS)  # "q < 0.01" as HTML


@pytest.mark.slow
def test_lisa_view_shows_the_summary_cluster_of_every_district(clustered_db, hotspots):
    app = hotspots(clustered_db, "en")
    app.button_group(key="hotspots_view").set_value("lisa").run()
    expected = window_summary(app, clustered_db).set_index("dist_code")["lisa_class"]
    assert (expected[list(CLUSTER)] == "high_high").any()
    assert fills(app) == {c: maps.LISA_COLOURS[k] for c, k in expected.items()}
    assert t("lisa.high_high", "en") in texts(app)


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:Numba not installed")
@pytest.mark.parametrize(
    ("scheme", "measure"),
    [(s, "rate") for s in SCHEMES] + [("natural_breaks", "count"), ("quantiles", "smoothed")],
)
def test_legend_has_the_mapclassify_classes_of_the_chosen_scheme(demo_shared, hotspots, scheme, measure):
    app = hotspots(demo_shared)
    app.radio(key="hotspots_scheme").set_value(scheme).run()
    app.radio(key="hotspots_measure").set_value(measure).run()
    summary = window_summary(app, demo_shared).set_index("dist_code")
    column = {"rate": "rate_per_100k", "count": "cases_reported", "smoothed": "eb_rate_per_100k"}[measure]
    # Counts and plain rates are classed where they are shown; the smoothed rate wherever there is one.
    values = (summary[column] if measure == "smoothed" else summary[column].where(~summary["suppressed"])).dropna()
    classifier = SCHEMES[scheme](values.to_numpy(), k=5)
    digits = 0 if measure == "count" else 1
    edges = [number(v, digits) for v in [values.min(), *classifier.bins]]
    legend = texts(app)
    for low, high in itertools.pairwise(edges):
        assert f">{low}–{high}</span>" in legend
    shown = fills(app)
    assert [shown[code] for code in values.index] == [maps.PALETTE[c] for c in classifier.yb]


@pytest.mark.slow
def test_switching_scheme_measure_and_view_changes_the_map(clustered_db, hotspots):
    app = hotspots(clustered_db)
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


@pytest.mark.slow
def test_a_hidden_count_greys_its_district_for_counts_and_rates_only(cases_db, hotspots):
    app = hotspots(cases_db)  # in the year to 2025Q2, 1002 has one cell of 3; 1004's cells of 1 and 3 sum to 5
    for measure in ("rate", "count"):
        app.radio(key="hotspots_measure").set_value(measure).run()
        shown = fills(app)
        assert shown["1002"] == maps.SUPPRESSED
        assert shown["1004"] not in (maps.SUPPRESSED, maps.NO_DATA)
        assert shown["1050"] == maps.NO_DATA
        assert t("legend.suppressed", "th").format(top=4) in texts(app)
    # The smoothed rate is published for every district with data, so 1002 is in one of its classes.
    app.radio(key="hotspots_measure").set_value("smoothed").run()
    shown = fills(app)
    assert shown["1002"] in maps.PALETTE and shown["1050"] == maps.NO_DATA
    assert t("legend.suppressed", "th").format(top=4) not in texts(app)
    assert features(app)["1002"]["eb_rate"] == number(
        window_summary(app, cases_db).set_index("dist_code").loc["1002", "eb_rate_per_100k"], 1
    )


def hidden_quarter_district(db, end: str) -> str:
    """A Bangkok district whose published count is hidden ("<5") in some quarter of the 12 ending at ``end``."""
    with duckdb.connect(str(snapshot_of(db)), read_only=True) as con:
        return con.execute(
            """
            SELECT dist_code FROM area_cells JOIN districts USING (dist_code)
            WHERE list_contains(?, quarter)
            GROUP BY dist_code, quarter
            HAVING bool_or(cases_reported_hidden)
               AND sum(CASE WHEN cases_reported_hidden THEN 2.5 ELSE cases_reported END) < 5
            ORDER BY dist_code LIMIT 1
            """,
            [quarters.window(end, 12)],
        ).fetchall()[0][0]


@pytest.mark.slow
def test_district_detail_shows_its_published_quarters_without_small_counts(demo_shared, hotspots):
    app = hotspots(demo_shared, "en")
    end = app.session_state["quarter"]
    district = hidden_quarter_district(demo_shared, end)
    app.selectbox(key="hotspots_district").set_value(district).run()
    assert not app.exception
    # The trend: twelve quarters, each the sum of the district's protected cells in that quarter.
    rows = trend_rows(app)
    expected = [area_sum(demo_shared, [quarter], district) for quarter in quarters.window(end, 12)]
    assert rows["display"].tolist() == [e.text or "no data" for e in expected]
    assert "<5" in set(rows["display"])
    assert rows["value"].astype(object).where(rows["value"].notna(), None).tolist() == [e.value for e in expected]
    assert set(rows["value"].dropna()).isdisjoint({1.0, 2.0, 3.0, 4.0})
    assert set(rows["display"]).isdisjoint(SMALL_COUNTS)
    # The cards: the district's published count and rates over the window.
    summary = window_summary(app, demo_shared).set_index("dist_code").loc[district]
    cards = {m.label: m.value for m in app.metric}
    assert cards[t("col.cases", "en")] == area_sum(demo_shared, quarters.window(end, 4), district).text
    assert cards[t("hotspots.col.eb_rate", "en")] == number(summary["eb_rate_per_100k"], 1)
    assert set(cards.values()).isdisjoint(SMALL_COUNTS)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["th", "en"])
def test_bangkok_breakdowns_are_shown_under_their_own_heading_without_small_counts(demo_shared, hotspots, lang):
    app = hotspots(demo_shared, lang)
    end = app.session_state["quarter"]
    assert t("hotspots.breakdowns", lang) in [h.value for h in app.subheader]
    tables = breakdown_tables(app, lang)
    assert len(tables) == 2
    for table, by in zip(tables, ("violence_type", "victim_group"), strict=True):
        shown = list(zip(table[t("hotspots.col.category", lang)], table[t("col.cases", lang)], strict=True))
        assert shown == expected_breakdown(demo_shared, by, end, lang)
        assert len(shown) == 5
        assert set(table[t("col.cases", lang)]).isdisjoint(SMALL_COUNTS)
    # Bangkok-wide: choosing another district changes the detail above, not the breakdowns.
    other = next(
        code for code in window_summary(app, demo_shared)["dist_code"] if code != app.session_state["hotspots_district"]
    )
    app.selectbox(key="hotspots_district").set_value(other).run()
    assert [t.to_dict() for t in breakdown_tables(app, lang)] == [t.to_dict() for t in tables]


@pytest.mark.slow
def test_no_count_of_one_to_four_anywhere_on_the_page(demo_shared, hotspots):
    app = hotspots(demo_shared)
    counts = [p["cases"] for p in features(app).values()]
    counts += app.dataframe[0].value[t("col.cases", "th")].tolist()
    counts += [m.value for m in app.metric]
    assert set(counts).isdisjoint(SMALL_COUNTS)


@pytest.mark.slow
def test_table_behind_the_map_has_fifty_districts_and_a_download(demo_shared, hotspots):
    app = hotspots(demo_shared)
    table = app.dataframe[0].value
    assert len(table) == 50
    assert t("hotspots.col.gi", "th") in table and t("hotspots.col.class", "th") in table
    assert app.get("download_button")


def test_empty_database_shows_a_sentence_not_a_map(db, hotspots):
    app = hotspots(db)
    assert not app.exception
    assert [i.value for i in app.info] == [t("hotspots.no_cases", "th")]
    assert not app.get("deck_gl_json_chart")


@pytest.mark.slow
def test_a_window_without_bangkok_reports_says_so(cases_db, hotspots):
    # A quarter with a report only outside Bangkok (the Thai Kriang pilot in Samut Prakan).
    extra = "quarter,dist_code,community_id,violence_type,cases_reported\n2023Q1,1104,PILOT-THAI-KRIANG,physical,9\n"
    load_file("cases", extra.encode(), "pilot.csv", db=cases_db)
    publish(cases_db)
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
    assert t("hotspots.no_statistics", "en") in [i.value for i in app.info]
    assert not app.get("deck_gl_json_chart")
    assert len(app.dataframe[0].value) == 50  # the table is still there


@pytest.mark.slow
def test_a_district_without_reports_says_so(cases_db, hotspots):
    app = hotspots(cases_db, "en")
    app.selectbox(key="hotspots_district").set_value("1050").run()
    assert not app.exception
    shown = [i.value for i in app.info]
    assert t("hotspots.no_trend", "en").format(n=12) in shown
    assert any(s.startswith("This district has no reports in") for s in shown)


@pytest.mark.slow
def test_bangkok_breakdowns_of_the_hand_written_cases(cases_db, hotspots):
    app = hotspots(cases_db, "en")
    by_type, by_group = (
        list(zip(table["Category"], table[t("col.cases", "en")], strict=True)) for table in breakdown_tables(app, "en")
    )
    # Bangkok's category cells in the year to 2025Q2 (1104 lies outside Bangkok): physical 3, 1, 4, 5, 3, 5
    # is <5 four times and 5 twice, 4 x 2.5 + 5 + 5 = 20; sexual 1 and neglect 3 are lone hidden cells;
    # woman 3, 4, 1, 7, 5 is 2.5 + 2.5 + 2.5 + 5 + 5 = 17.5, published as 20; man 1 and 3 sum to 5.
    # Codes with cells only, in their stored order.
    types = {"physical": "20", "psychological": "5", "sexual": "<5", "neglect": "<5", "other": "0"}
    groups = {"child": "5", "woman": "20", "man": "5", "elder": "<5", "unknown": "0"}
    assert by_type == [(t(f"violence.{code}", "en"), text) for code, text in types.items()]
    assert by_group == [(t(f"victim.{code}", "en"), text) for code, text in groups.items()]
    shown = {text for _, text in by_type + by_group}
    assert shown.isdisjoint({"x", *SMALL_COUNTS})  # no count of 1-4, and no secondary suppression either


@pytest.mark.slow
def test_bangkok_breakdowns_follow_the_window(cases_db, hotspots):
    app = hotspots(cases_db, "en")
    app.segmented_control(key="window").set_value("quarter").run()
    app.select_slider(key="quarter").set_value("2024Q2").run()  # 1001's 100, physical, woman
    tables = breakdown_tables(app, "en")
    assert [table["Category"].tolist() for table in tables] == [["Physical"], [t("victim.woman", "en")]]
    assert [table[t("col.cases", "en")].tolist() for table in tables] == [["100"], ["100"]]


@pytest.mark.slow
def test_district_trend_has_the_twelve_quarters_up_to_the_chosen_one(cases_db, hotspots):
    app = hotspots(cases_db, "en")
    app.selectbox(key="hotspots_district").set_value("1001").run()
    rows = trend_rows(app)
    assert rows["quarter"].tolist() == quarters.window("2025Q2", 12)
    # 1001's cells: 100 in 2024Q2, then hidden 3 and 4, then 5 + 1 = 6 (one cell, 5), then 7 (5).
    assert rows["display"].tolist() == ["no data"] * 7 + ["100", "<5", "<5", "5", "5"]

"""Pilot communities, as a planner gets it: AppTest runs dashboard.py on real published DuckDB files.

Expected figures come from the published snapshot through the read layer.
"""

from __future__ import annotations

import json

import duckdb
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from db import read
from etl.demo import QUARTERS as DEMO_QUARTERS
from etl.load import load_file
from etl.publish import publish
from tests.expected import snapshot_of
from ui.i18n import TEXT

PAGE = "pages/pilots.py"
SMALL_COUNTS = {"1", "2", "3", "4"}
HTML_NAME = "<img src=x onerror=alert(1)>"
LATEST = DEMO_QUARTERS[-1]
THAI_KRIANG = (100.53975, 13.61977)  # the register's point, as the map rounds it


def deck(app: AppTest) -> dict[str, dict]:
    (chart,) = app.get("deck_gl_json_chart")
    return {layer["id"]: layer for layer in json.loads(chart.proto.json)["layers"]}


def pilots_on_map(app: AppTest) -> dict[str, dict]:
    return {point["name"]: point for point in deck(app)["communities-pilot"]["data"]}


def chart_rows(app: AppTest) -> list[dict]:
    """Every row of data behind the page's charts (Arrow datasets)."""
    rows = []
    for chart in app.get("vega_lite_chart"):
        for dataset in chart.proto.datasets:
            rows += pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
    return rows


def pilot_table(app: AppTest):
    (table,) = [d.value for d in app.dataframe]
    return table


def html_markdown(app: AppTest) -> str:
    return "\n".join(m.value for m in app.markdown if m.proto.allow_html)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_runs_in_both_languages(demo_db, open_app, lang):
    app = open_app(demo_db, lang, PAGE)
    assert not app.exception
    assert not app.error
    assert app.title[0].value == TEXT["pilots.title"][lang]
    assert len(app.get("vega_lite_chart")) == 1
    assert len(pilot_table(app)) == 6


def test_map_shows_both_named_pilots_and_thai_kriang_approximate_in_samut_prakan(demo_db, open_app):
    app = open_app(demo_db, "en", PAGE)
    pilots = pilots_on_map(app)
    kriang, sawat = pilots["Thai Kriang community"], pilots["Wat Sawatwareesimaram community"]
    assert kriang["position"] == list(THAI_KRIANG)
    assert kriang["district"] == "Phra Pradaeng, Samut Prakan (outside Bangkok)"
    assert sawat["district"] == "Dusit"
    assert sawat["position"] == [100.51624, 13.78201]  # BMA0184, the register's point
    assert "approximate location" in kriang["note"] and "approximate location" not in sawat["note"]
    labels = {row["text"] for row in deck(app)["pilot-names"]["data"]}
    assert {"Thai Kriang community\n(approximate location)", "Wat Sawatwareesimaram community"} <= labels
    # The Samut Prakan outline is drawn around the Thai Kriang point, so it does not float outside the map.
    xs, ys = zip(*(point for path in deck(app)["samut-prakan"]["data"] for point in path["path"]), strict=True)
    assert min(xs) < THAI_KRIANG[0] < max(xs) and min(ys) < THAI_KRIANG[1] < max(ys)
    assert len(deck(app)["communities-comparison"]["data"]) == 20  # four for each pilot in Bangkok
    table = pilot_table(app).set_index("Community")
    assert table.at["Thai Kriang community", "Location"] == "approximate location"
    assert table.at["Wat Sawatwareesimaram community", "Location"] == TEXT["pilots.as_registered"]["en"]


def test_difference_in_differences_shown_is_the_estimators(demo_db, open_app):
    app = open_app(demo_db, "en", PAGE)
    expected = read.pilot_difference(snapshot_of(demo_db), LATEST)
    assert expected.enough
    (metric,) = app.metric
    assert metric.value == f"{expected.estimate:+,.1f}"
    text = "\n".join(m.value for m in app.markdown)
    assert f"{expected.ci_low:+,.1f} to {expected.ci_high:+,.1f}" in text
    assert f"Based on {expected.n_pilot + expected.n_comparison} communities" in text
    assert any(TEXT["pilots.caveat"]["en"] == w.value for w in app.warning)


def test_trend_marks_each_start_and_publishes_group_totals(demo_db, open_app):
    app = open_app(demo_db, "en", PAGE)
    rows = chart_rows(app)
    series = {row["series"] for row in rows if "series" in row}
    assert series == {"Pilot communities", "Comparison communities"}
    markers = {row["text"] for row in rows if "text" in row}
    assert markers == {"2 start", "1 start"}  # 2024Q1 starts the two named pilots, the next four quarters one each
    assert len([row for row in rows if "text" in row]) == 5
    trend = read.pilot_trend(snapshot_of(demo_db), LATEST)
    assert len([row for row in rows if "series" in row]) == len(trend)


def test_too_few_communities_shows_the_reason_not_a_number(cases_db, open_app):
    app = open_app(cases_db, "en", PAGE)
    assert not app.exception and not app.error
    assert not app.metric
    reason = TEXT["pilots.reason.communities"]["en"].format(n_pilot=1, n_comparison=0)
    assert TEXT["pilots.did_missing"]["en"].format(reason=reason) in [i.value for i in app.info]
    assert not read.pilot_difference(snapshot_of(cases_db), LATEST).enough


SMALL_COMMUNITIES = (
    "community_id,name_th,name_en,lat,lon,dist_code,population,pilot,pilot_start,location_note\n"
    "P1,นำร่องหนึ่ง,Pilot one,13.7563,100.5018,,1000,true,2024Q3,\n"
    f'P2,"{HTML_NAME}","{HTML_NAME}",13.7650,100.5380,,1200,true,2024Q3,approximate location: test\n'
    "C1,เทียบหนึ่ง,Comparison one,13.7300,100.5200,,1100,false,,\n"
    "C2,เทียบสอง,Comparison two,13.8000,100.5600,,900,false,,\n"
)


# Each community reports one case before the pilots start (2024Q3) and one after, never in the same quarter
# as the other of its group: every published sum (a group's quarter, a pilot before or after) is one hidden cell.
SMALL_QUARTERS = {
    "P1": ("2024Q1", "2024Q3"),
    "P2": ("2024Q2", "2024Q4"),
    "C1": ("2024Q1", "2024Q3"),
    "C2": ("2024Q2", "2024Q4"),
}


@pytest.fixture
def small_db(db):
    """Two pilots (one named with HTML) and two comparisons, each reporting one case in two quarters, published."""
    load_file("communities", SMALL_COMMUNITIES.encode(), "communities.csv", db=db)
    with duckdb.connect(str(db), read_only=True) as con:  # the district the loader placed each community in
        codes = dict(con.execute("SELECT community_id, dist_code FROM current_communities").fetchall())
    rows = "".join(
        f"{quarter},{codes[community]},{community},physical,woman,1,1\n"
        for community, quarters in SMALL_QUARTERS.items()
        for quarter in quarters
    )
    header = "quarter,dist_code,community_id,violence_type,victim_group,cases_reported,cases_referred\n"
    load_file("cases", (header + rows).encode(), "cases.csv", db=db)
    publish(db)
    return db


def test_no_count_from_1_to_4_in_the_chart_the_table_or_the_map(small_db, open_app):
    app = open_app(small_db, "en", PAGE)
    assert not app.exception and not app.error
    rows = [row for row in chart_rows(app) if "display" in row]
    assert len(rows) == 8  # two groups in each of four quarters
    assert all(row["display"] == "suppressed (<5 cases)" for row in rows)
    assert all(row["value"] is None for row in rows)  # a rate would give the count back
    table = pilot_table(app)
    for column in ("Cases before", "Cases from start"):
        assert set(table[column]) == {"<5"}
    for column in ("Rate before (per 100,000 per quarter)", "Rate from start (per 100,000 per quarter)"):
        assert set(table[column]) == {"suppressed"}
    map_text = {str(value) for layer in deck(app).values() for row in layer["data"] for value in row.values()}
    assert map_text.isdisjoint(SMALL_COUNTS)
    # Enough communities, too few cases: the reason, without quoting the small counts.
    assert not app.metric
    reason = TEXT["pilots.did_missing"]["en"].format(reason=TEXT["pilots.reason.cases"]["en"])
    assert reason in [i.value for i in app.info]


def test_a_community_named_with_html_stays_text(small_db, open_app):
    app = open_app(small_db, "en", PAGE)
    assert HTML_NAME in set(pilot_table(app)["Community"])
    assert HTML_NAME in pilots_on_map(app)
    assert f"{HTML_NAME}\n(approximate location)" in {row["text"] for row in deck(app)["pilot-names"]["data"]}
    assert "<img" not in html_markdown(app)


def test_empty_database_shows_a_sentence_and_no_map(db, open_app):
    app = open_app(db, "th", PAGE)
    assert not app.exception
    assert [i.value for i in app.info] == [TEXT["pilots.no_pilots"]["th"]]
    assert not app.get("deck_gl_json_chart")

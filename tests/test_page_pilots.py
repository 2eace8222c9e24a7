"""Pilot communities, as a planner gets it: AppTest runs dashboard.py on real published DuckDB files.

Expected figures come from the published snapshot through the read layer.
"""

from __future__ import annotations

import json
import re

import duckdb
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from db import read
from etl.briefing.render import BANNER_FILL
from etl.demo import QUARTERS as DEMO_QUARTERS
from etl.load import load_file
from etl.publish import publish
from tests.helpers import DASHBOARD, html_markdown, picture_colours, snapshot_of
from ui.i18n import t
from ui.periods import quarter_label
from ui.pilot_map import COMPARISON, OTHER, PILOT

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
    """The table of each pilot (the page also shows the evaluation and who was compared)."""
    (table,) = [d.value for d in app.dataframe if "Cases before" in d.value.columns or "จำนวนรายก่อนเริ่ม" in d.value]
    return table


def evaluation_table(app: AppTest):
    (table,) = [d.value for d in app.dataframe if "Randomization p" in d.value.columns]
    return table.set_index("Outcome")


def compared_table(app: AppTest):
    (table,) = [d.value for d in app.dataframe if "Role" in d.value.columns]
    return table


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["th", "en"])
def test_runs_in_both_languages(demo_shared, open_app, lang):
    app = open_app(demo_shared, lang, PAGE)
    assert not app.exception
    assert not app.error
    assert app.title[0].value == t("pilots.title", lang)
    assert len(app.get("vega_lite_chart")) == 2  # the trend and the event study
    assert len(pilot_table(app)) == 6
    evaluation = read.pilot_evaluation(snapshot_of(demo_shared), LATEST, "all")["pilot_evaluation"]
    reason = evaluation.set_index("outcome").at["reported", f"reason_{lang}"]
    assert t("pilots.eval.enough", lang).format(reason=reason) in [s.value for s in app.success]


@pytest.mark.slow
def test_map_shows_both_named_pilots_and_thai_kriang_approximate_in_samut_prakan(demo_shared, open_app):
    app = open_app(demo_shared, "en", PAGE)
    pilots = pilots_on_map(app)
    kriang, sawat = pilots["Thai Kriang community"], pilots["Wat Sawatwareesimaram community"]
    assert kriang["position"] == list(THAI_KRIANG)
    assert kriang["district"] == "Phra Pradaeng, Samut Prakan (outside Bangkok)"
    assert sawat["district"] == "Dusit"
    assert sawat["position"] == [100.51624, 13.78201]  # BMA0184, the register's point
    assert "approximate location" in kriang["note"] and "register point" in sawat["note"]
    labels = {row["text"] for row in deck(app)["pilot-names"]["data"]}
    assert {"Thai Kriang community\n(approximate location)", "Wat Sawatwareesimaram community"} <= labels
    thai = {row["text"] for row in deck(open_app(demo_shared, "th", PAGE))["pilot-names"]["data"]}
    assert "ชุมชนเคหะชุมชนร่มเกล้าแฟลตคลองส…" in thai  # a long name is cut on the map, whole in its tooltip
    # The Samut Prakan outline is drawn around the Thai Kriang point, so it does not float outside the map.
    xs, ys = zip(*(point for path in deck(app)["samut-prakan"]["data"] for point in path["path"]), strict=True)
    assert min(xs) < THAI_KRIANG[0] < max(xs) and min(ys) < THAI_KRIANG[1] < max(ys)
    assert len(deck(app)["communities-comparison"]["data"]) == 20  # four for each pilot in Bangkok
    table = pilot_table(app).set_index("Community")
    assert table.at["Thai Kriang community", "Location"] == "approximate location"
    assert table.at["Wat Sawatwareesimaram community", "Location"] == t("pilots.as_registered", "en")


@pytest.mark.slow
@pytest.mark.parametrize("comparison", ["all", "same-district", "matched"])
def test_evaluation_shown_is_the_published_one(demo_shared, open_app, comparison):
    app = open_app(demo_shared, "en", PAGE)
    app.radio(key="pilot_comparison").set_value(comparison).run()
    tables = read.pilot_evaluation(snapshot_of(demo_shared), LATEST, comparison)
    rows = tables["pilot_evaluation"].set_index("outcome")
    main = rows.loc["reported"]
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Rate ratio (95% CI)"] == f"{main['rate_ratio']:.2f}"
    assert metrics["Difference per 100,000 per quarter (95% CI)"] == f"{main['difference']:,.1f}"
    assert metrics["Randomization p"] == f"{main['p_randomization']:.3f}"
    assert metrics["Minimum detectable effect"] == f"{main['mde']:.2f}"
    captions = [c.value for c in app.caption]
    assert f"{main['rate_ratio']:.2f} ({main['rate_ratio_low']:.2f} to {main['rate_ratio_high']:.2f})" in captions
    table = evaluation_table(app)
    referral = rows.loc["referral"]
    assert table.at["Referral rate (referred/reported)", "Rate ratio (95% CI)"] == (
        f"{referral['rate_ratio']:.2f} ({referral['rate_ratio_low']:.2f} to {referral['rate_ratio_high']:.2f})"
    )
    # the event study: eight quarters for each outcome, the reference at 1 without an interval
    events = [row for row in chart_rows(app) if "relative_quarter" in row]
    assert len(events) == 16
    assert {(row["relative_quarter"], row["estimate"]) for row in events if row["ci_low"] is None} == {(-1, 1.0)}
    published = tables["pilot_event_study"].set_index(["outcome", "relative_quarter"])
    for row in events:
        outcome = "reported" if row["series"] == "Reported cases per resident" else "referral"
        assert row["estimate"] == published.at[(outcome, row["relative_quarter"]), "estimate"]
    # who was compared: as published, with the spillover exclusions named
    compared = compared_table(app)
    assert len(compared) == len(tables["pilot_compared"])
    roles = compared["Role"].value_counts()
    assert roles["pilot"] == main["n_pilots"] and roles["comparison"] == main["n_comparison"]
    assert roles["left out: near a pilot"] == 3  # three registered comparisons lie within 500 m of a pilot
    assert any(t("pilots.caveat", "en") == w.value for w in app.warning)


@pytest.mark.slow
def test_an_earlier_quarter_shows_the_latest_evaluation_and_says_so(demo_shared, open_app):
    app = open_app(demo_shared, "th", PAGE)
    app.select_slider(key="quarter").set_value(DEMO_QUARTERS[-3]).run()
    assert not app.exception and not app.error
    latest = quarter_label(LATEST, "th")
    assert t("pilots.eval.latest_only", "th").format(latest=latest) in [i.value for i in app.info]
    main = read.pilot_evaluation(snapshot_of(demo_shared), LATEST, "all")["pilot_evaluation"].iloc[0]
    assert {m.label: m.value for m in app.metric}[t("pilots.eval.rate_ratio", "th")] == f"{main['rate_ratio']:.2f}"


@pytest.mark.slow
def test_trend_marks_each_start_and_publishes_group_totals(demo_shared, open_app):
    app = open_app(demo_shared, "en", PAGE)
    rows = [row for row in chart_rows(app) if "relative_quarter" not in row]  # not the event study
    series = {row["series"] for row in rows if "series" in row}
    assert series == {"Pilot communities", "Comparison communities"}
    markers = {row["text"] for row in rows if "text" in row}
    assert markers == {"+2", "+1"}  # 2024Q1 starts the two named pilots, the next four quarters one each
    assert len([row for row in rows if "text" in row]) == 5
    trend = read.pilot_trend(snapshot_of(demo_shared), LATEST)
    assert len([row for row in rows if "display" in row]) == len(trend)


@pytest.mark.slow
def test_too_few_communities_says_why_in_both_languages(cases_db, open_app):
    (latest,) = read.pilot_evaluation_quarters(snapshot_of(cases_db))  # the latest quarter only
    evaluation = read.pilot_evaluation(snapshot_of(cases_db), latest, "all")["pilot_evaluation"]
    main = evaluation.set_index("outcome").loc["reported"]
    assert not main["enough"] and main["reason"] == "few_pilots"
    for lang in ("en", "th"):
        app = open_app(cases_db, lang, PAGE)
        assert not app.exception and not app.error
        warning = t("pilots.eval.not_enough", lang).format(reason=main[f"reason_{lang}"])
        assert warning in [w.value for w in app.warning]


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


@pytest.mark.slow
def test_no_count_from_1_to_4_in_the_chart_the_table_or_the_map(small_db, open_app):
    app = open_app(small_db, "en", PAGE)
    assert not app.exception and not app.error
    rows = [row for row in chart_rows(app) if "display" in row and "relative_quarter" not in row]
    assert len(rows) == 8  # two groups in each of four quarters
    assert all(row["display"] == "suppressed (<5 cases)" for row in rows)
    assert all(row["value"] is None for row in rows)  # a rate would give the count back
    table = pilot_table(app)
    for column in ("Cases before", "Cases from start"):
        assert set(table[column]) == {"<5"}
    for column in ("Rate before", "Rate from start"):
        assert set(table[column]) == {"suppressed"}
    map_text = {  # every value the map sends, but the names' collision priority (a rank by area, not a count)
        str(value)
        for layer in deck(app).values()
        for row in layer["data"]
        for key, value in row.items()
        if key != "priority"
    }
    assert map_text.isdisjoint(SMALL_COUNTS)
    # Two pilots: not enough for the evaluation, and the reason quotes no count of cases.
    (main,) = [w.value for w in app.warning if w.value.startswith("Not enough data")]
    assert "Only 2 pilot(s)" in main or "Only 0 pilot(s)" in main
    shown = " ".join([main, *(m.value for m in app.metric), *(c.value for c in app.caption)])
    assert not any(f" {n} case" in shown for n in SMALL_COUNTS)


@pytest.mark.slow
def test_a_community_named_with_html_stays_text(small_db, open_app):
    app = open_app(small_db, "en", PAGE)
    assert HTML_NAME in set(pilot_table(app)["Community"])
    assert HTML_NAME in pilots_on_map(app)
    assert f"{HTML_NAME}\n(approximate location)" in {row["text"] for row in deck(app)["pilot-names"]["data"]}
    assert "<img" not in html_markdown(app)


def test_empty_database_shows_a_sentence_and_no_map(db, open_app):
    app = open_app(db, "th", PAGE)
    assert not app.exception
    assert [i.value for i in app.info] == [t("pilots.no_pilots", "th")]
    assert not app.get("deck_gl_json_chart")


# --- Read at a glance (issue 16) and shared views (issue 15) ------------------------------------------------


def datasets(app: AppTest, name: str) -> list[dict]:
    """The rows of one named dataset of the trend chart (the first chart on the page)."""
    (data,) = [d for d in app.get("vega_lite_chart")[0].proto.datasets if d.name == name]
    return pa.ipc.open_stream(data.data.data).read_all().to_pylist()


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_before_and_after_columns_come_right_after_the_name(demo_template, open_app, lang):
    table = pilot_table(open_app(demo_template, lang, PAGE))
    keys = ["community", "cases_before", "rate_before", "cases_after", "rate_after"]
    assert list(table.columns[:5]) == [t(f"pilots.col.{key}", lang) for key in keys]


LATIN = re.compile("[A-Za-z]{3,}")


def test_the_thai_view_shows_no_english_note_and_says_where_it_is(demo_template, open_app):
    app = open_app(demo_template, "th", PAGE)
    table = pilot_table(app)
    assert t("pilots.col.note", "th") not in table.columns  # every demo note is written in English
    assert t("pilots.note_language", "th") in [c.value for c in app.caption]
    assert set(table[t("pilots.col.location", "th")]) <= {t("pilots.approximate", "th"), "ตามทะเบียน"}
    for point in deck(app)["communities-pilot"]["data"] + deck(app)["communities-comparison"]["data"]:
        assert point["note"] == "" and not LATIN.search(point["kind"] + point["district"])
    english = pilot_table(open_app(demo_template, "en", PAGE)).set_index("Community")
    assert english.at["Thai Kriang community", "Location note"].startswith("approximate location")


def test_the_trend_explains_rounding_steps_and_marks_hidden_quarters(demo_template, open_app):
    app = open_app(demo_template, "en", PAGE)
    trend = read.pilot_trend(snapshot_of(demo_template), LATEST)
    hidden = trend[trend["suppressed"]]
    assert len(hidden)  # the demo's pilots have quarters of 1-4 cases
    marks = datasets(app, "hidden")
    expected = zip(hidden["quarter"], hidden["group"], strict=True)
    assert sorted((row["label"], row["series"]) for row in marks) == sorted(
        (quarter_label(q, "en"), t(f"pilots.group.{g}", "en")) for q, g in expected
    )
    assert {row["tip"] for row in marks} == {t("pilots.too_few", "en")} and {row["zero"] for row in marks} == {0}
    captions = [c.value for c in app.caption]
    assert t("pilots.too_few_note", "en").format(top=4, below=5) in captions
    # Each shown point's bar spans the rates of the counts that round to its published count (± 2.5 cases).
    shown = trend[~trend["suppressed"] & (trend["cases_reported"] > 0)]
    bars = datasets(app, "rounding")
    assert len(bars) == len(shown)
    for bar, (_, row) in zip(bars, shown.iterrows(), strict=True):
        assert bar["high"] - bar["low"] == pytest.approx(5 / row["population"] * 100_000, abs=0.11)
    step = 5 / trend.loc[trend["group"] == "pilot", "population"].iloc[-1] * 100_000
    assert t("pilots.rounding_note", "en").format(base=5, step=f"{step:,.0f}") in captions


def open_link(demo_template, monkeypatch, params: dict[str, str]) -> AppTest:
    monkeypatch.setenv("SAFESPACE_DB", str(demo_template))
    app = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    app.query_params.update(params)
    app.run()
    return app.switch_page(PAGE).run()


def test_the_district_filter_narrows_the_map_the_tables_and_the_download(
    demo_template, open_app, monkeypatch, downloads
):
    open_app  # its settings (environment, page manager) apply  # noqa: B018
    app = open_link(demo_template, monkeypatch, {"lang": "en", "district": "1002"})  # Dusit
    assert not app.exception and not app.error
    assert list(pilots_on_map(app)) == ["Wat Sawatwareesimaram community"]
    layers = deck(app)
    assert "chosen-districts" in layers
    register = read.community_points(snapshot_of(demo_template))
    dusit = register[register["dist_code"] == "1002"]
    shown = sum(len(layers[f"communities-{kind}"]["data"]) for kind in ("other", "comparison", "pilot"))
    assert shown == len(dusit) < len(register)
    view = json.loads(app.get("deck_gl_json_chart")[0].proto.json)["initialViewState"]
    assert view["zoom"] > 11 and 100.49 < view["longitude"] < 100.55  # opened on Dusit
    assert pilot_table(app)["Community"].tolist() == ["Wat Sawatwareesimaram community"]
    assert set(compared_table(app)["District"]) == {"Dusit"}
    assert t("pilots.all_districts", "en") in [c.value for c in app.caption]  # the trend is all pilots'
    csv = downloads[f"pilots_{LATEST}_1002.csv"].decode("utf-8-sig")
    assert "Wat Sawatwareesimaram community" in csv and "Thai Kriang" not in csv


def test_the_comparison_comes_from_the_link_and_goes_back_into_it(demo_template, open_app, monkeypatch):
    open_app  # noqa: B018
    app = open_link(demo_template, monkeypatch, {"lang": "en", "comparison": "matched"})
    assert app.radio(key="pilot_comparison").value == "matched" and app.query_params["comparison"] == "matched"
    app.radio(key="pilot_comparison").set_value("same-district").run()
    assert app.query_params["comparison"] == "same-district"
    wrong = open_link(demo_template, monkeypatch, {"lang": "en", "comparison": "nearest"})
    assert wrong.radio(key="pilot_comparison").value == "all" and not wrong.exception
    assert any(i.value.startswith("Part of this link could not be used (comparison)") for i in wrong.info)


def test_the_map_downloads_as_a_png_with_its_points_legend_and_banner(demo_template, open_app, deferred):
    app = open_app(demo_template, "en", PAGE)
    (button,) = [b for b in app.get("download_button") if b.proto.label == t("map.download_png", "en")]
    assert button.proto.deferred_file_id  # made only on the click
    colours = picture_colours(deferred["map_pilots_en.png"]())
    assert {PILOT, COMPARISON, OTHER, BANNER_FILL} <= colours


def test_the_map_payload_stays_small_at_two_thousand_communities(demo_template, open_app):
    app = open_app(demo_template, "th", PAGE)
    (chart,) = app.get("deck_gl_json_chart")
    assert len(read.community_points(snapshot_of(demo_template))) > 2000
    assert len(chart.proto.json.encode()) < 250_000  # issue 16: it was about 490 KB with every community's tooltip
    assert set(deck(app)["communities-other"]["data"][0]) == {"position"}


def test_layer_toggles_add_services_and_khwaeng_and_take_away_the_other_communities(demo_template, open_app):
    app = open_app(demo_template, "en", PAGE)
    ids = set(deck(app))
    assert {"district-outlines", "district-names", "communities-other", "context-river", "context-road"} <= ids
    assert not {"subdistricts", "communities"} & ids and not any(i.startswith("services-") for i in ids)
    app.button_group(key="pilots_map_layers").set_value(["subdistricts", "services"]).run()
    layers = deck(app)
    assert {"subdistricts", "services-safe_space", "services-shelter", "services-oscc"} <= set(layers)
    assert not {"district-outlines", "district-names", "communities-other", "context-river"} & set(layers)
    assert {"communities-pilot", "communities-comparison", "pilot-names"} <= set(layers)  # the map's point stays
    services = read.service_points(snapshot_of(demo_template), "4q", LATEST)
    shelters = services[(services["service_type"] == "shelter") & services["lon"].notna()]
    assert len(layers["services-shelter"]["data"]) == len(shelters) > 0
    legend = html_markdown(app)
    assert t("service.shelter", "en") in legend and t("layers.subdistricts", "en") in legend
    assert t("pilots.legend.other", "en") not in legend and t("map.bangkok_outline", "en") not in legend

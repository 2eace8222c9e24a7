"""The Overview as a user gets it: AppTest runs dashboard.py against real DuckDB files.

Expected figures come from the read layer's district summary or straight from
the database, never from the page's own helpers, so a wrong wire fails.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from db import quarters, read
from db.privacy import ENV_VAR as SUPPRESS_ENV
from db.privacy import publish
from etl.demo import QUARTERS as DEMO_QUARTERS
from geo.attention import attention
from tests.conftest import HAND_CASES, HAND_COMMUNITIES
from ui import maps
from ui.i18n import TEXT, number

SMALL_COUNTS = {"1", "2", "3", "4"}
# The demo's latest quarter and the default four-quarter window (2025Q3-2026Q2).
DEMO_END, DEMO_START = DEMO_QUARTERS[-1], DEMO_QUARTERS[-4]


@pytest.fixture(scope="module")
def hand_db(reference_template, tmp_path_factory) -> Path:
    """The hand-written cases of conftest, built once: the Overview only reads, and its caches stay warm."""
    from etl.load import load_file

    path = Path(shutil.copy(reference_template, tmp_path_factory.mktemp("hand") / "hand.duckdb"))
    load_file("communities", HAND_COMMUNITIES.encode(), "communities.csv", db=path)
    load_file("cases", HAND_CASES.encode(), "cases.csv", db=path)
    return path


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


def metrics(app: AppTest, lang: str = "th") -> dict[str, tuple[str, str]]:
    """KPI card -> (value, delta), by the card's key."""
    cards = {m.label: (m.value, m.proto.delta) for m in app.metric}
    keys = ("cases", "referral", "hotspots", "gaps", "safe_spaces", "pilots")
    return {key: cards[TEXT[f"kpi.{key}"][lang]] for key in keys}


def trend(app: AppTest) -> pd.DataFrame:
    """The rows behind the trend chart's lines (the dataset holding a ``series`` column)."""
    (chart,) = app.get("vega_lite_chart")
    frames = [pa.ipc.open_stream(io.BytesIO(d.data.data)).read_pandas() for d in chart.proto.datasets]
    (lines,) = [f for f in frames if "series" in f.columns]
    return lines


def legend_title(lang: str, n: int) -> str:
    span = TEXT["overview.span_one"][lang] if n == 1 else TEXT["overview.span_many"][lang].format(n=n)
    return TEXT["overview.legend"][lang].format(span=span)


def true_totals(db, end: str, start: str) -> pd.DataFrame:
    return read.district_summary(db, end, start, suppress=False)


def published_text(value: float) -> str:
    shown, hidden = publish([value])
    return "<5" if hidden[0] else f"{int(shown[0]):,}"


def open_services(db, end: str, start: str) -> int:
    """Safe spaces in a Bangkok district open at some time in the window, counted in SQL."""
    first = date(*(quarters.split(start)[0], quarters.months(start)[0], 1))
    after = quarters.shift(end, 1)
    last = date(quarters.split(after)[0], quarters.months(after)[0], 1)
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT count(*) FROM current_service_points WHERE service_type = 'safe_space' AND dist_code IS NOT NULL "
            "AND (opened IS NULL OR opened < ?) AND (closed IS NULL OR closed >= ?)",
            [last, first],
        ).fetchall()[0][0]


# --- Frame and map -----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["th", "en"])
def test_runs_without_exception_in_both_languages(hand_db, open_app, lang):
    app = open_app(hand_db, lang)
    assert not app.exception
    assert not app.error
    assert app.title[0].value == TEXT["overview.title"][lang]


def test_map_has_the_fifty_districts_and_no_basemap(hand_db, open_app):
    spec = deck(open_app(hand_db))
    assert len(layer(spec, "GeoJsonLayer")["data"]["features"]) == 50
    assert spec["mapStyle"] == "__MAP_STYLE__"  # Streamlit's sentinel for "no basemap"
    assert "cartocdn" not in json.dumps(spec) and "mapbox" not in json.dumps(spec).lower()


def test_map_payload_is_under_250_kb(demo_template, open_app):
    app = open_app(demo_template)
    districts = layer(deck(app), "GeoJsonLayer")
    assert len(json.dumps(districts, separators=(",", ":"), ensure_ascii=False).encode()) < 250_000
    assert len(app.get("deck_gl_json_chart")[0].proto.json.encode()) < 250_000


def test_map_shows_the_smoothed_rate_of_every_district(demo_template, open_app):
    app = open_app(demo_template)
    props = features(app)
    summary = read.district_summary(demo_template, DEMO_END, DEMO_START).set_index("dist_code")
    assert len(props) == 50
    for code, row in summary.iterrows():
        assert props[code]["eb"] == number(row["eb_rate_per_100k"], 1)
    # The darkest class holds the district with the highest smoothed rate.
    assert tuple(props[summary["eb_rate_per_100k"].idxmax()]["fill"]) == maps.PALETTE[-1]
    assert legend_title("th", 4) in texts(app)


def test_tooltip_shows_both_names_and_never_a_small_count(hand_db, open_app):
    app = open_app(hand_db)
    props = features(app)
    tooltip = json.loads(app.get("deck_gl_json_chart")[0].proto.tooltip)["html"]
    for field in ("{name_th}", "{name_en}", "{cases}", "{rate}", "{eb}", "{hotspot}"):
        assert field in tooltip
    assert {p["cases"] for p in props.values()}.isdisjoint(SMALL_COUNTS)
    assert props["1001"]["cases"] == "20"
    assert props["1003"]["cases"] == "0"


def test_suppressed_district_is_marked_on_the_map(hand_db, open_app):
    props = features(open_app(hand_db))
    for code in ("1002", "1004"):
        assert props[code]["cases"] == "<5"
        assert props[code]["rate"] == props[code]["eb"] == TEXT["value.suppressed"]["th"]
        assert tuple(props[code]["fill"]) == maps.SUPPRESSED
    assert tuple(props["1050"]["fill"]) == maps.NO_DATA
    assert tuple(props["1003"]["fill"]) not in (maps.SUPPRESSED, maps.NO_DATA)


def test_labels_carry_their_thai_characters(hand_db, open_app):
    labels = layer(deck(open_app(hand_db)), "TextLayer")
    used = set("".join(row["text"] for row in labels["data"]))
    assert "พ" in used  # พระนคร
    assert used <= set(labels["characterSet"])


def test_legend_has_classes_suppressed_and_no_data(hand_db, open_app):
    shown = texts(open_app(hand_db))
    assert legend_title("th", 4) in shown
    assert TEXT["legend.no_data"]["th"] in shown
    assert TEXT["legend.suppressed"]["th"].format(top=4) in shown
    assert "rgb(115,115,115)" in shown


# --- KPI cards --------------------------------------------------------------------------


def test_kpis_equal_the_district_summary_and_the_database(demo_template, open_app):
    cards = metrics(open_app(demo_template))
    summary = read.district_summary(demo_template, DEMO_END, DEMO_START)
    assert cards["hotspots"][0] == str(summary["hotspot_class"].isin(["hot_95", "hot_99"]).sum())
    assert cards["gaps"][0] == str(int(summary["gap"].sum()))
    truth = true_totals(demo_template, DEMO_END, DEMO_START)
    assert cards["cases"][0] == published_text(truth["cases_reported"].sum())
    known = truth[truth["cases_referred"].notna()]
    referred, _ = publish([known["cases_referred"].sum()])
    reported, _ = publish([known["cases_reported"].sum()])
    assert cards["referral"][0] == f"{referred[0] / reported[0] * 100:.1f}%"
    assert cards["safe_spaces"][0] == str(open_services(demo_template, DEMO_END, DEMO_START))
    with duckdb.connect(str(demo_template), read_only=True) as con:
        pilots = con.execute("SELECT count(*) FROM current_communities WHERE pilot AND pilot_start <= ?", [DEMO_END])
        assert cards["pilots"][0] == str(pilots.fetchall()[0][0])


def test_kpi_changes_compare_the_previous_window_and_a_year_before(demo_template, open_app):
    app = open_app(demo_template)
    cards = metrics(app)

    def hot(end: str) -> int:
        summary = read.district_summary(demo_template, end)
        return int(summary["hotspot_class"].isin(["hot_95", "hot_99"]).sum())

    now, before = hot(DEMO_END), hot(quarters.shift(DEMO_END, -1))
    assert cards["hotspots"][1] == f"{now - before:+d}"
    year_ago = true_totals(demo_template, quarters.shift(DEMO_END, -4), quarters.shift(DEMO_START, -4))
    this_year = true_totals(demo_template, DEMO_END, DEMO_START)
    (year_shown,), (now_shown,) = (publish([t["cases_reported"].sum()])[0] for t in (year_ago, this_year))
    assert TEXT["kpi.vs_year"]["th"].format(change=f"{now_shown - year_shown:+,.0f}") in texts(app)
    compared = TEXT["kpi.compared"]["th"].format(
        previous="4 ไตรมาส: เม.ย. 2568 ถึง มี.ค. 2569", year_before="4 ไตรมาส: ก.ค. 2567 ถึง มิ.ย. 2568"
    )
    assert compared in texts(app)


def test_window_choice_changes_the_numbers(demo_template, open_app):
    app = open_app(demo_template)
    shown = {}
    # The fiscal year 2569 runs from October 2025 (2025Q4); up to 2026Q2 that is three quarters.
    for window, start, n in (("year", DEMO_START, 4), ("quarter", DEMO_END, 1), ("fiscal", "2025Q4", 3)):
        app.segmented_control(key="window").set_value(window).run()
        shown[window] = metrics(app)["cases"][0]
        assert shown[window] == published_text(true_totals(demo_template, DEMO_END, start)["cases_reported"].sum())
        assert legend_title("th", n) in texts(app)
    assert len(set(shown.values())) == 3


def test_no_kpi_or_chart_value_is_a_small_count(hand_db, open_app):
    app = open_app(hand_db)
    cases, change = metrics(app)["cases"]  # the other cards count districts, services and communities
    assert cases not in SMALL_COUNTS and change.lstrip("+-") not in SMALL_COUNTS
    lines = trend(app)
    assert set(lines["display"]).isdisjoint(SMALL_COUNTS)
    assert not lines["value"].between(1, 4).any()


# --- Districts to watch, trend, table ---------------------------------------------------


@pytest.mark.parametrize("lang", ["th", "en"])
def test_attention_list_names_five_districts_with_reasons(demo_template, open_app, lang):
    app = open_app(demo_template, lang)
    (listing,) = [m.value for m in app.markdown if re.match(r"1\. \*\*", m.value)]
    entries = listing.splitlines()
    expected = attention(read.district_summary(demo_template, DEMO_END, DEMO_START))
    name = "name_th" if lang == "th" else "name_en"
    assert [re.match(r"\d\. \*\*(.+?)\*\*", e).group(1) for e in entries] == expected[name].tolist()
    for entry, codes in zip(entries, expected["reasons"], strict=True):
        assert codes and len(entry.split(": ", 1)[1].split("; ")) == len(codes)
        for code in codes:  # each reason in words: its text up to the first figure
            assert TEXT[f"attention.{code}"][lang].split("{")[0] in entry


def test_trend_chart_has_the_last_twelve_quarters(demo_template, open_app):
    lines = trend(open_app(demo_template))
    reported = lines[lines["series"] == TEXT["overview.trend.reported"]["th"]]
    assert len(reported) == 12 and reported["value"].notna().all()
    totals = read.quarterly_totals(demo_template, DEMO_END, 12)
    assert reported["value"].tolist() == totals["cases_reported"].tolist()
    assert reported["axis"].iloc[-1] == "ไตรมาส 3 ปีงบ 2569"


def test_table_lists_fifty_districts_without_small_counts(hand_db, open_app):
    table = open_app(hand_db).dataframe[0].value
    assert len(table) == 50
    cases = table[TEXT["col.cases"]["th"]]
    assert set(cases).isdisjoint(SMALL_COUNTS)
    assert (cases == "<5").sum() == 2


def test_district_filter_narrows_the_table_and_its_download(hand_db, open_app, downloads):
    app = open_app(hand_db)
    app.multiselect(key="districts").set_value(["1001", "1005"]).run()
    table = app.dataframe[0].value
    assert table[TEXT["col.dist_code"]["th"]].tolist() == ["1001", "1005"]
    assert len(features(app)) == 50  # the map keeps every district
    assert downloads["overview_2024Q3_2025Q2.csv"].decode("utf-8-sig").count("\n") == 3


def test_csv_download_is_the_table_with_a_bom(hand_db, open_app, downloads):
    open_app(hand_db)
    (name,) = downloads
    content = downloads[name]
    assert name == "overview_2024Q3_2025Q2.csv"
    assert content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    assert "พระนคร" in text and "<5" in text
    assert text.count("\n") == 51


def test_switching_language_changes_visible_text(hand_db, open_app):
    app = open_app(hand_db)
    assert app.title[0].value == TEXT["overview.title"]["th"]
    app.radio(key="lang").set_value("en").run()
    assert app.title[0].value == TEXT["overview.title"]["en"]
    assert legend_title("en", 4) in texts(app)
    assert features(app)["1002"]["rate"] == TEXT["value.suppressed"]["en"]
    assert set(metrics(app, "en"))
    assert app.query_params["lang"] == "en"


# --- The read functions behind the page, on the hand-written cases of conftest ----------------


def test_quarterly_totals_are_bangkok_only_suppressed_and_rounded(hand_db):
    totals = read.quarterly_totals(hand_db, "2025Q2", 6)
    assert totals["quarter"].tolist() == ["2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2"]
    # 2024Q1 has no rows; 3 + 1 and 4 are small; 5 + 1 + 0 = 6 rounds to 5; 7 + 3 + 3 + 5 = 18 (not 1104's 9) to 20.
    assert totals["cases_reported_display"].fillna("-").tolist() == ["-", "100", "<5", "<5", "5", "20"]
    assert totals["cases_referred"].isna().all()  # every quarter has a row with referrals left blank


def test_kpis_of_the_hand_written_cases(hand_db):
    kpis = read.kpis(hand_db, "2025Q2")
    assert (kpis.cases, kpis.cases_display) == (30.0, "30")  # 20 + 3 + 0 + 4 + 5 = 32, published as 30
    assert pd.isna(kpis.referral_rate)  # only 1003 reports its referrals in full, and it reported none
    assert (kpis.safe_spaces, kpis.pilots) == (0, 1)  # no services loaded; Thai Kriang started in 2024Q1
    assert read.kpis(hand_db, "2024Q3", "2024Q3").cases_display == "<5"
    assert read.kpis(hand_db, "2023Q4", "2023Q4").cases_display is None  # no rows at all
    assert read.kpis(hand_db, "2023Q4", "2023Q4").pilots == 0


# --- Banner and empty states ----------------------------------------------------------


def test_synthetic_data_shows_a_banner(demo_template, open_app):
    app = open_app(demo_template)
    assert not app.exception
    assert [w.value for w in app.warning] == [TEXT["banner.synthetic"]["th"]]


def test_real_data_shows_no_banner(hand_db, open_app):
    assert not open_app(hand_db).warning


def test_empty_database_shows_a_sentence_not_a_map(db, open_app):
    app = open_app(db)
    assert not app.exception
    assert [i.value for i in app.info] == [TEXT["overview.no_cases"]["th"]]
    assert not app.get("deck_gl_json_chart") and not app.metric


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


def test_an_unexpected_failure_shows_a_sentence_not_a_traceback(hand_db, open_app, monkeypatch):
    monkeypatch.setenv(SUPPRESS_ENV, "five")  # a broken setting the read layer rejects
    app = open_app(hand_db)
    assert not app.exception
    assert [e.value for e in app.error] == [TEXT["error.unexpected"]["th"]]

"""Read at a glance (issue 16): comparisons, totals, words and downloads, as a reader meets them.

AppTest runs dashboard.py on the demo's published files; expected figures are worked out by hand from the
snapshot's protected cells (:mod:`tests.helpers`), never with the pages' own helpers.
"""

from __future__ import annotations

import io
import json
import unicodedata

import openpyxl
import pandas as pd
import pytest
import shapely

from core import quarters
from db import read
from etl.briefing import content
from etl.demo import QUARTERS as DEMO_QUARTERS
from etl.load import load_file
from etl.problems import InputRejected, Problem, problems_csv
from tests.helpers import area_sum, click, snapshot_of
from ui import maps
from ui.i18n import t

DEMO_END = DEMO_QUARTERS[-1]  # 2026Q2: Q3 of FY2569, whose fiscal year to date is 2025Q4-2026Q2


def cards(app) -> dict[str, tuple[str, str, str]]:
    """Each KPI card's label -> (value, delta, the delta's description)."""
    return {m.label: (m.value, m.proto.delta, m.proto.delta_description) for m in app.metric}


def captions(app) -> str:
    return "\n".join(c.value for c in app.caption)


# --- Defect 6: a fiscal year to date is compared with the same quarters of the previous fiscal year -------


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["th", "en"])
def test_fiscal_year_to_date_is_compared_with_the_same_quarters_a_fiscal_year_before(demo_template, open_app, lang):
    app = open_app(demo_template, lang)
    app.segmented_control(key="window").set_value("fiscal").run()
    this_year = quarters.window(DEMO_END, 3)
    assert this_year[0] == "2025Q4"  # October 2025, the start of FY2569
    last_year = quarters.window("2025Q2", 3)  # October 2024 to June 2025: FY2568 up to its third quarter
    now, before = area_sum(demo_template, this_year), area_sum(demo_template, last_year)
    value, delta, description = cards(app)[t("kpi.cases", lang)]
    assert value == now.text
    assert delta == f"{now.value - before.value:+,.0f}"
    assert description == t("kpi.vs_previous_fiscal", lang)
    # Not against Jul–Mar (the same length one quarter earlier), which is no fiscal period.
    shifted = area_sum(demo_template, quarters.window(quarters.shift(DEMO_END, -1), 3))
    assert now.value - shifted.value != now.value - before.value
    # The caption names the window compared with; the "year before" line would repeat it, so there is none.
    fixed = t("kpi.compared_fiscal", lang).split("{")[0]
    assert fixed in captions(app)
    assert t("kpi.vs_year", lang).split("{")[0] not in captions(app)
    months = {"th": "ต.ค. 2567", "en": "Oct 2024"}[lang]  # the previous fiscal year starts in October 2024
    assert months in captions(app)


@pytest.mark.slow
def test_other_windows_still_compare_with_one_quarter_earlier_and_a_year_before(demo_template, open_app):
    app = open_app(demo_template, "en")
    app.segmented_control(key="window").set_value("quarter").run()
    now, before = area_sum(demo_template, [DEMO_END]), area_sum(demo_template, [quarters.shift(DEMO_END, -1)])
    _, delta, description = cards(app)[t("kpi.cases", "en")]
    assert delta == f"{now.value - before.value:+,.0f}" and description == t("kpi.vs_previous", "en")
    assert t("kpi.vs_year", "en").split("{")[0] in captions(app)


def test_the_briefing_compares_a_fiscal_year_to_date_the_same_way(demo_template):
    briefing = content.gather(snapshot_of(demo_template), DEMO_END, "fytd", "en")
    now = area_sum(demo_template, quarters.window(DEMO_END, 3))
    before = area_sum(demo_template, quarters.window("2025Q2", 3))
    (cases,) = [card for card in briefing.cards if card.label == "Cases reported"]
    assert cases.vs_previous.startswith(f"{now.value - before.value:+,.0f} ")


# --- Defect 7: where the card and the district table sit together, say why they need not add up --------------


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_table_says_its_districts_need_not_add_up_to_the_card(demo_template, open_app, lang):
    app = open_app(demo_template, lang)
    total = cards(app)[t("kpi.cases", lang)][0]
    (table,) = [frame.value for frame in app.dataframe]
    districts = table[t("col.cases", lang)]
    # The demo shows it: the districts' published figures, each rounded to 5, add up to another number.
    assert not districts.isin(["<5"]).any()
    assert districts.str.replace(",", "").astype(int).sum() != int(total.replace(",", ""))
    note = t("overview.rounding_note", lang).format(base=5, below=5, total=total)
    assert note in captions(app)
    # It sits right under the table.
    main = list(app.main)
    at = next(i for i, element in enumerate(main) if element.type == "dataframe")
    assert getattr(main[at + 1], "value", None) == note


# --- Defect 9: layout and words -------------------------------------------------------------------------


def display_width(text: str) -> int:
    """Characters that take room on a line (Thai vowel and tone marks above and below do not)."""
    return sum(unicodedata.category(c) not in ("Mn", "Me") for c in text)


NAV_TITLES = ["page.overview", "page.hotspots", "page.coverage", "page.planning", "page.pilots", "page.upload"]
NAV_TITLES += ["page.methods"]


@pytest.mark.parametrize("lang", ["th", "en"])
def test_menu_titles_and_period_buttons_fit_the_sidebar(lang):
    # The sidebar's 240 px hold about 20 Thai or 24 English characters in a menu line (the Coverage page's
    # Thai title was cut at 22), and the three period buttons on one row about 16 Thai or 24 English ones
    # besides their padding (they wrapped with 29 and 38).
    line, buttons = {"th": (20, 16), "en": (24, 24)}[lang]
    assert [key for key in NAV_TITLES if display_width(t(key, lang)) > line] == []
    assert sum(display_width(t(f"sidebar.window.{w}", lang)) for w in ("quarter", "year", "fiscal")) <= buttons


@pytest.mark.slow
@pytest.mark.parametrize("page", ["pages/upload.py", "pages/methods.py"])
def test_pages_without_periods_show_no_period_quarter_or_district_controls(demo_template, open_app, page):
    app = open_app(demo_template, "en", page)
    assert not app.exception
    assert app.sidebar.radio  # the language switch stays
    for kind in ("select_slider", "button_group", "multiselect", "checkbox"):
        assert list(getattr(app.sidebar, kind)) == [], kind


@pytest.mark.slow
def test_overview_cards_say_share_referred(demo_template, open_app):
    app = open_app(demo_template, "en")
    assert "Share referred" in cards(app)
    assert not [label for label in cards(app) if label.endswith(" on")]  # "Referred on" read as a date


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["th", "en"])
def test_methods_opens_with_plain_words_before_formulas_and_tables(demo_template, open_app, lang):
    app = open_app(demo_template, lang, "pages/methods.py")
    headers = [h.value for h in app.header]
    order = ["methods.plain", "methods.measures", "methods.privacy", "methods.sources", "methods.dictionary"]
    assert [t(key, lang) for key in order] == [h for h in headers if h in {t(k, lang) for k in order}]
    assert headers[0] == t("methods.plain", lang)
    plain = next(m.value for m in app.markdown if m.value.startswith("- **"))
    assert plain.count("\n- ") == 7 and "`" not in plain  # eight definitions, no code or table names


def test_downloads_hold_numbers_in_csv_and_xlsx(demo_template, open_app, downloads):
    app = open_app(demo_template, "en")
    stem = f"overview_{quarters.shift(DEMO_END, -3)}_{DEMO_END}"
    csv = pd.read_csv(io.BytesIO(downloads[f"{stem}.csv"]), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    book = openpyxl.load_workbook(io.BytesIO(downloads[f"{stem}.xlsx"]), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert list(rows[0]) == list(csv.columns)
    shown = next(frame.value for frame in app.dataframe)
    summary = read.district_summary(snapshot_of(demo_template), "4q", DEMO_END).set_index("dist_code")
    cases, population, referral = "Cases", "Population", "Share referred (%)"
    assert {cases, population, referral} <= set(csv.columns)
    assert shown[population].str.contains(",").any()  # on screen: "58,771"; in the files: 58771
    for (_, row), cells in zip(csv.iterrows(), rows[1:], strict=True):
        expected = summary.loc[row["Code"]]
        record = dict(zip(rows[0], cells, strict=True))
        assert record[population] == int(expected["population"]) and row[population] == str(int(expected["population"]))
        if expected["suppressed"]:
            assert record[cases] == row[cases] == "<5"
        else:
            assert record[cases] == int(expected["cases_reported"]) and "," not in row[cases]
        if pd.notna(expected["referral_rate"]):
            assert record[referral] == pytest.approx(round(expected["referral_rate"] * 100, 1))
            assert "%" not in row[referral]


# --- Defect 8: the Upload page's words --------------------------------------------------------------------


def test_the_error_list_keeps_numbers_as_numbers_and_guards_formulas():
    problems = [
        Problem(2, "cases_reported", "-3", "int.too_small", {"minimum": 0}),
        Problem(3, "district", "=HYPERLINK(1)", "district.unknown_name", {"hint": "Dusit / ดุสิต (1002)"}),
        Problem(4, "cases_reported", "-2+3", "int.not_whole"),
    ]
    listed = pd.read_csv(io.BytesIO(problems_csv(problems, "th")), encoding="utf-8-sig", dtype=str)
    assert listed["value"].tolist() == ["-3", "'=HYPERLINK(1)", "'-2+3"]  # a number stays one; a formula does not run


@pytest.mark.parametrize("lang", ["th", "en"])
def test_an_unknown_violence_type_lists_the_thai_words_too(db, lang):
    content = "quarter,dist_code,violence_type,victim_group,cases_reported\n2025Q2,1002,ตบตี,woman,5\n"
    with pytest.raises(InputRejected) as caught:
        load_file("cases", content.encode(), "cases.csv", db=db, dry_run=True)
    (problem,) = caught.value.problems
    text = problem.text(lang)
    for code, thai in (("physical", "ร่างกาย"), ("psychological", "จิตใจ"), ("neglect", "ละเลยทอดทิ้ง"), ("other", "อื่นๆ")):
        assert code in text and thai in text


def test_a_district_name_read_as_another_spelling_says_which_district(db):
    content = (
        "quarter,district,violence_type,victim_group,cases_reported\n"
        "2025Q2,Dusit,physical,woman,5\n"
        "2025Q2,Dusitt,sexual,woman,5\n"
        "2025Q2,Dusitt,neglect,woman,5\n"
        "2025Q2,เขตบางรัก,physical,woman,5\n"
    )
    result = load_file("cases", content.encode(), "cases.csv", db=db, dry_run=True)
    (warning,) = [w for w in result.warnings if w.code == "district.read_as"]  # once per name, at its first row
    assert (warning.row, warning.column, warning.value) == (3, "district", "Dusitt")
    assert "Dusit / ดุสิต (1002)" in warning.text("en") and "Dusit / ดุสิต (1002)" in warning.text("th")
    assert "“Dusitt”" in warning.text("th")


@pytest.mark.slow
def test_the_load_history_shows_the_time_of_each_load(demo_template, open_app):
    app = open_app(demo_template, "en", "pages/methods.py")
    history = next(frame.value for frame in app.dataframe if t("history.loaded_at", "en") in frame.value.columns)
    assert history[t("history.loaded_at", "en")].str.fullmatch(r"\d{1,2} \w{3} \d{4} \d{2}:\d{2}").all()


# --- Defect 2: a click on the Hotspots map chooses a district and leaves no faded map behind ---------------


def map_state(app) -> tuple[str, dict, dict[str, dict]]:
    """The map's widget id, its selection as Streamlit holds it, and its layers by id."""
    (chart,) = app.get("deck_gl_json_chart")
    key = chart.proto.id.split("-", 2)[2]  # "$$ID-<hash>-<key>"
    selection = dict(app.session_state[key].selection.indices)
    return chart.proto.id, selection, {layer["id"]: layer for layer in json.loads(chart.proto.json)["layers"]}


def outlined(layer: dict, districts) -> set[str]:
    """The districts whose inside an outline layer encloses."""
    rings = [shapely.LineString(record["path"]) for record in layer["data"]]
    area = shapely.unary_union(shapely.polygonize(rings).geoms)
    return {code for code, shape in districts.geometry.items() if area.contains(shape.representative_point())}


@pytest.mark.slow
def test_a_click_chooses_the_district_outlines_it_and_keeps_no_selection(demo_template, open_app):
    app = open_app(demo_template, "en", "pages/hotspots.py")
    districts = read.district_layer(snapshot_of(demo_template)).set_index("dist_code")
    summary = read.district_summary(snapshot_of(demo_template), "4q", DEMO_END)
    first_id, _, layers = map_state(app)
    highest = summary.set_index("dist_code")["eb_rate_per_100k"].idxmax()
    assert outlined(layers["chosen-district"], districts) == {highest}  # the district detailed below, at first

    clicked = summary["dist_code"].iloc[2]  # the map's features are the districts in code order
    assert clicked != highest
    click(app, 2)
    assert app.selectbox(key="hotspots_district").value == clicked
    chart_id, selection, layers = map_state(app)
    # A fresh chart with nothing selected, so nothing is drawn faded; the choice shows as an outline instead.
    assert chart_id != first_id and selection == {}
    assert outlined(layers["chosen-district"], districts) == {clicked}
    ids = list(layers)
    assert ids.index("districts") < ids.index("chosen-district") < ids.index("district-names")

    # Another view keeps it so: no selection carried over, fills as the legend says, the outline stays.
    app.segmented_control(key="hotspots_view").set_value("gi").run()
    _, selection, layers = map_state(app)
    assert selection == {}
    properties = [feature["properties"] for feature in layers["districts"]["data"]["features"]]
    fills = {p["dist_code"]: tuple(p["fill"]) for p in properties}
    assert fills == {row.dist_code: maps.GI_COLOURS[row.hotspot_class] for row in summary.itertuples()}
    assert outlined(layers["chosen-district"], districts) == {clicked}

    # Choosing in the list moves the outline too.
    other = summary["dist_code"].iloc[10]
    app.selectbox(key="hotspots_district").set_value(other).run()
    assert outlined(map_state(app)[2]["chosen-district"], districts) == {other}

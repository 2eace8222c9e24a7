"""The shared frame as a user drives it: period slider, play and step, window, period style, district filter,
the "data as of" line and the synthetic-data banner on every viewer's page (not on the Upload page)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui import sidebar
from ui.i18n import t
from ui.periods import quarter_label

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard.py"
FIRST, LAST = "2022Q3", "2026Q2"  # the demo's quarters


def bold(app: AppTest) -> str:
    """The chosen quarter as the sidebar spells it out (the first bold line)."""
    return next(m.value.strip("*") for m in app.sidebar.markdown if m.value.startswith("**"))


def sidebar_text(app: AppTest) -> str:
    return "\n".join(e.value for kind in ("markdown", "caption") for e in getattr(app.sidebar, kind))


@pytest.mark.slow
def test_the_slider_starts_at_the_latest_quarter_in_the_fiscal_style(demo_template, open_app):
    app = open_app(demo_template)
    slider = app.select_slider(key="quarter")
    assert slider.value == LAST
    assert slider.format_func(LAST) == "ไตรมาส 3 ปีงบ 2569"
    assert bold(app) == "ไตรมาส 3 ปีงบประมาณ 2569 (เม.ย.–มิ.ย. 2569)"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "fiscal", "calendar", "short_calendar"),
    [
        ("th", "ไตรมาส 3 ปีงบประมาณ 2569 (เม.ย.–มิ.ย. 2569)", "เม.ย.–มิ.ย. 2569", "เม.ย.–มิ.ย. 2569"),
        ("en", "Q3 FY2026 (Apr–Jun 2026)", "Apr–Jun 2026 (2026Q2)", "Apr–Jun 2026"),
    ],
)
def test_period_style_switches_every_label_with_the_year_of_the_language(
    demo_template, open_app, lang, fiscal, calendar, short_calendar
):
    app = open_app(demo_template, lang)
    assert bold(app) == fiscal
    app.segmented_control(key="period_style").set_value("calendar").run()
    assert bold(app) == calendar
    assert app.select_slider(key="quarter").format_func(LAST) == short_calendar
    assert t("sidebar.latest_quarter", lang).format(quarter=calendar) in sidebar_text(app)
    # The page's labels follow: its period, and the quarters its KPI cards compare with.
    app.segmented_control(key="window").set_value("quarter").run()
    assert app.caption[0].value == t("overview.subtitle", lang).format(window=calendar)
    compared = [c.value for c in app.caption if c.value.startswith(t("kpi.compared", lang).split("{")[0])]
    assert compared == [
        t("kpi.compared", lang).format(
            previous=quarter_label("2026Q1", lang, "calendar"), year_before=quarter_label("2025Q2", lang, "calendar")
        )
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("window", "label"),
    [
        ("year", "4 ไตรมาส: ก.ค. 2568 ถึง มิ.ย. 2569"),
        ("fiscal", "ปีงบประมาณ 2569 ถึงไตรมาส 3 (3 ไตรมาส: ต.ค. 2568 ถึง มิ.ย. 2569)"),
        ("quarter", "ไตรมาส 3 ปีงบประมาณ 2569 (เม.ย.–มิ.ย. 2569)"),
    ],
)
def test_window_choice_sets_the_period_of_the_page(demo_template, open_app, window, label):
    app = open_app(demo_template)
    assert app.segmented_control(key="window").value == "year"  # the default: maps need four quarters
    app.segmented_control(key="window").set_value(window).run()
    assert app.caption[0].value == t("overview.subtitle", "th").format(window=label)


@pytest.mark.slow
def test_fiscal_window_starts_in_october(demo_template, open_app):
    app = open_app(demo_template)
    app.segmented_control(key="window").set_value("fiscal").run()
    app.select_slider(key="quarter").set_value("2024Q4").run()  # Q1 of FY2568: the fiscal year so far is one quarter
    assert app.caption[0].value == t("overview.subtitle", "th").format(window=bold(app))
    app.select_slider(key="quarter").set_value("2024Q3").run()  # Q4 of FY2567: a whole fiscal year
    assert "ปีงบประมาณ 2567 ถึงไตรมาส 4 (4 ไตรมาส: ต.ค. 2566 ถึง ก.ย. 2567)" in app.caption[0].value


@pytest.mark.slow
def test_relabelled_slider_defaults_to_the_chosen_quarter(demo_template, open_app):
    """A language or style switch relabels the slider's options, and the browser then resets the slider to its
    default: that default must be the chosen quarter, or the next click anywhere would jump to the first."""
    app = open_app(demo_template)
    app.select_slider(key="quarter").set_value("2024Q1").run()
    app.radio(key="lang").set_value("en").run()
    app.segmented_control(key="period_style").set_value("calendar").run()
    slider = app.select_slider(key="quarter")
    assert [slider.options[int(i)] for i in slider.proto.default] == ["Jan–Mar 2024"]
    assert slider.value == "2024Q1"


@pytest.mark.slow
def test_next_steps_one_quarter_and_stops_at_the_latest(demo_template, open_app):
    app = open_app(demo_template)
    assert app.button(key="step").disabled  # already at the latest quarter
    app.select_slider(key="quarter").set_value("2026Q1").run()
    app.button(key="step").click().run()
    assert app.select_slider(key="quarter").value == LAST
    assert bold(app) == "ไตรมาส 3 ปีงบประมาณ 2569 (เม.ย.–มิ.ย. 2569)"
    assert app.button(key="step").disabled


@pytest.mark.slow
def test_play_starts_from_the_first_quarter_and_pause_stops(demo_template, open_app):
    app = open_app(demo_template)
    app.button(key="play").click().run()  # at the last quarter: play starts again from the first
    assert app.select_slider(key="quarter").value == FIRST
    assert app.button(key="play").label == t("sidebar.pause", "th")
    assert app.button(key="step").disabled
    app.button(key="play").click().run()
    assert app.button(key="play").label == t("sidebar.play", "th")
    assert app.select_slider(key="quarter").value == FIRST


@pytest.mark.slow
def test_playing_steps_through_every_quarter_and_stops_at_the_last(cases_db, open_app, monkeypatch):
    monkeypatch.setattr(sidebar, "PLAY_SECONDS", 0.0)  # no waiting: each run steps at once
    app = open_app(cases_db)
    app.select_slider(key="quarter").set_value("2024Q2").run()
    app.button(key="play").click().run()
    assert not app.exception
    assert app.select_slider(key="quarter").value == "2025Q2"
    assert app.button(key="play").label == t("sidebar.play", "th")


@pytest.mark.slow
def test_district_filter_offers_the_fifty_districts_and_survives_a_language_switch(demo_template, open_app):
    app = open_app(demo_template, "en")
    choice = app.multiselect(key="districts")
    assert len(choice.options) == 50 and "พระนคร (Phra Nakhon)" in choice.options
    assert choice.placeholder == t("sidebar.districts_all", "en")
    choice.set_value(["1004"]).run()
    assert app.dataframe[0].value["Code"].tolist() == ["1004"]
    app.radio(key="lang").set_value("th").run()
    assert not app.exception and not app.error
    assert app.dataframe[0].value[t("col.dist_code", "th")].tolist() == ["1004"]


@pytest.mark.slow
def test_data_as_of_and_latest_quarter_lines(demo_template, open_app):
    shown = sidebar_text(open_app(demo_template, "en"))
    assert re.search(r"Data as of \d{1,2} [A-Z][a-z]{2} 20\d\d", shown)
    assert "Latest quarter: Q3 FY2026 (Apr–Jun 2026)" in shown


@pytest.mark.slow
def test_empty_database_says_there_are_no_cases_and_offers_no_period(db, open_app):
    app = open_app(db)
    assert t("sidebar.no_cases", "th") in sidebar_text(app)
    assert not app.get("select_slider") and not app.button


def pages() -> list[str]:
    """Every page in dashboard.py's navigation."""
    return re.findall(r'st\.Page\("(pages/[a-z_]+\.py)"', DASHBOARD.read_text(encoding="utf-8"))


UPLOAD = "pages/upload.py"


@pytest.mark.slow
@pytest.mark.parametrize("page_path", [page for page in pages() if page != UPLOAD])
def test_the_synthetic_data_banner_shows_on_every_viewer_page(demo_template, open_app, page_path):
    app = open_app(demo_template, page=page_path)
    assert not app.exception
    assert t("banner.synthetic", "th") in [w.value for w in app.warning]


@pytest.mark.slow
def test_the_upload_page_works_on_the_warehouse_without_the_viewers_frame(demo_template, open_app):
    app = open_app(demo_template, page=UPLOAD)
    assert not app.exception and not app.error
    assert app.title[0].value == t("upload.title", "th")
    assert t("banner.synthetic", "th") not in [w.value for w in app.warning]
    assert not app.get("select_slider") and not app.get("multiselect")  # no period or district to choose
    assert t("sidebar.data_as_of", "th").split("{")[0] not in sidebar_text(app)


# The quarter slider, the window and style buttons, the district filter and the map's context checkbox.
PERIOD_CONTROLS = ("select_slider", "button_group", "multiselect", "checkbox")


def period_controls(app: AppTest) -> dict[str, int]:
    return {kind: len(list(getattr(app.sidebar, kind))) for kind in PERIOD_CONTROLS}


@pytest.mark.parametrize("page_path", [UPLOAD, "pages/methods.py"])
def test_moving_to_a_page_without_periods_takes_the_period_controls_away_and_back(demo_template, open_app, page_path):
    # A reader moves from the Overview, where the controls work, to a page where they would do nothing.
    app = open_app(demo_template, "en")
    assert all(period_controls(app).values())
    app.switch_page(page_path).run()
    assert not app.exception
    assert period_controls(app) == dict.fromkeys(PERIOD_CONTROLS, 0)
    assert [r.value for r in app.sidebar.radio] == ["en"]  # the language switch stays
    # Back on a viewer's page, the choices are there again, at the chosen quarter.
    app.switch_page("pages/overview.py").run()
    assert all(period_controls(app).values()) and app.select_slider(key="quarter").value == LAST

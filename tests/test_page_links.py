"""Views shared by link: a link's query parameters open that view, the address follows every change, and a
value the dashboard does not offer falls back to the default with a short notice, never an error."""

from __future__ import annotations

import io

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from core import quarters
from db import read
from db.snapshot import published_path
from etl.demo import QUARTERS as DEMO_QUARTERS
from tests.helpers import DASHBOARD, area_sum, attention_items, deck
from ui import maps
from ui.i18n import LANGS, t

DEMO_END = DEMO_QUARTERS[-1]

LINK = {"quarter": "2025Q2", "window": "1q", "district": "1002", "lang": "en"}


@pytest.fixture
def open_link(demo_template, open_app, monkeypatch):
    """Open the dashboard as a browser opens a shared link: ``open_link({"quarter": ...}, page=...)``."""
    open_app  # the fixture's settings (environment, page manager) apply here too  # noqa: B018

    def run(params: dict[str, str], page: str | None = None) -> AppTest:
        monkeypatch.setenv("SAFESPACE_DB", str(demo_template))
        app = AppTest.from_file(str(DASHBOARD), default_timeout=60)
        app.query_params.update(params)
        app.run()
        return app.switch_page(page).run() if page else app

    return run


def notices(app: AppTest) -> list[str]:
    starts = tuple(text.split("(")[0] for text in (t("links.refused", lang) for lang in LANGS))
    return [info.value for info in app.info if info.value.startswith(starts)]


def test_a_link_opens_its_quarter_window_district_and_language(open_link):
    app = open_link(LINK)
    assert not app.exception and not app.error and notices(app) == []
    assert app.select_slider(key="quarter").value == "2025Q2"
    assert app.segmented_control(key="window").value == "quarter"
    assert app.multiselect(key="districts").value == ["1002"]
    assert app.radio(key="lang").value == "en"
    assert app.caption[0].value == t("overview.subtitle", "en").format(window="Q3 FY2025 (Apr–Jun 2025)")
    assert app.dataframe[0].value["Code"].tolist() == ["1002"]
    assert app.query_params == LINK  # the address still says what is shown


@pytest.mark.slow
def test_the_address_follows_every_change(open_link):
    app = open_link({})
    assert app.query_params == {"quarter": "2026Q2", "window": "4q", "lang": "th"}  # the defaults, spelled out
    app.select_slider(key="quarter").set_value("2024Q4").run()
    app.segmented_control(key="window").set_value("fiscal").run()
    app.multiselect(key="districts").set_value(["1003", "1001"]).run()
    app.radio(key="lang").set_value("en").run()
    assert app.query_params == {"quarter": "2024Q4", "window": "fytd", "district": "1003,1001", "lang": "en"}
    app.multiselect(key="districts").set_value([]).run()
    assert "district" not in app.query_params  # all districts


@pytest.mark.slow
def test_a_copied_address_reopens_the_same_view(open_link):
    first = open_link({"lang": "en"})
    first.segmented_control(key="window").set_value("quarter").run()
    first.multiselect(key="districts").set_value(["1010"]).run()
    again = open_link(dict(first.query_params))
    assert again.caption[0].value == first.caption[0].value
    assert again.dataframe[0].value.equals(first.dataframe[0].value)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("params", "refused"),
    [
        ({"quarter": "2031Q1"}, "quarter"),  # not a quarter with data
        ({"quarter": "<b>x</b>"}, "quarter"),
        ({"window": "7q"}, "window"),
        ({"district": "1002,9999"}, "district"),
        ({"lang": "fr"}, "lang"),
    ],
)
def test_a_value_not_offered_falls_back_to_the_default_with_a_notice(open_link, params, refused):
    app = open_link({"lang": "en", **params})
    assert not app.exception and not app.error
    lang = "th" if refused == "lang" else "en"  # a language not offered: the default, Thai
    assert notices(app) == [t("links.refused", lang).format(names=refused)]
    assert "<b>" not in notices(app)[0]  # the notice names the parameter, never repeats its value
    defaults = {"quarter": "2026Q2", "window": "4q", "district": "1002" if refused == "district" else None}
    assert app.query_params.get("quarter") == defaults["quarter"]
    assert app.query_params.get("window") == defaults["window"]
    assert app.query_params.get("district") == defaults["district"]  # the known district of the two stays
    app.segmented_control(key="window").set_value("quarter").run()
    assert notices(app) == []  # said once


@pytest.mark.slow
def test_hotspots_view_measure_and_scheme_come_from_the_link_and_go_back_into_it(open_link):
    app = open_link({"lang": "en", "view": "classes", "measure": "smoothed", "scheme": "equal_interval"})
    app = app.switch_page("pages/hotspots.py").run()
    assert app.segmented_control(key="hotspots_view").value == "classes"
    assert app.radio(key="hotspots_measure").value == "smoothed"
    assert app.radio(key="hotspots_scheme").value == "equal_interval"
    app.segmented_control(key="hotspots_view").set_value("lisa").run()
    assert app.query_params["view"] == "lisa"
    assert not app.exception and not app.error


@pytest.mark.slow
def test_hotspots_view_not_offered_is_refused(open_link):
    app = open_link({"lang": "en", "view": "heatmap"}, page="pages/hotspots.py")
    assert not app.exception and not app.error
    assert app.segmented_control(key="hotspots_view").value == "classes"
    assert notices(app) == [t("links.refused", "en").format(names="view")]


@pytest.mark.slow
def test_coverage_service_types_and_layers_come_from_the_link(open_link):
    app = open_link({"lang": "en", "types": "safe_space,police", "layers": "health_centres"}, page="pages/coverage.py")
    assert not app.exception and not app.error and notices(app) == []
    assert app.get("button_group")[0].value == ["safe_space", "police"]
    assert not app.checkbox(key="coverage_catchments").value and app.checkbox(key="coverage_health_centres").value
    app.checkbox(key="coverage_context").check().run()
    assert app.query_params["types"] == "safe_space,police"
    assert app.query_params["layers"] == "health_centres,context"


@pytest.mark.slow
def test_a_district_in_the_link_narrows_the_whole_overview(open_link, demo_template):
    """Map outlined and opened on the districts, their place on the attention list, their own trend, the table."""
    app = open_link({"lang": "en", "district": "1003,1033"})  # Nong Chok and Khlong Toei
    spec = deck(app)
    assert "chosen-districts" in [layer["id"] for layer in spec["layers"]]
    view = spec["initialViewState"]
    assert view["zoom"] > maps.VIEW.zoom and 100.55 < view["longitude"] < 100.95  # between the two, zoomed in
    attention = read.attention(published_path(demo_template), "4q", DEMO_END)
    listed = attention[attention["dist_code"].isin(["1003", "1033"])]
    entries = attention_items(app)
    assert [(e["value"], e["bold"]) for e in entries] == list(zip(listed["rank"], listed["name_en"], strict=True))
    (chart,) = app.get("vega_lite_chart")
    frames = [pa.ipc.open_stream(io.BytesIO(d.data.data)).read_pandas() for d in chart.proto.datasets]
    (rows,) = [f for f in frames if "series" in f.columns]
    assert sorted(rows["series"].unique()) == ["Khlong Toei", "Nong Chok"]
    nong_chok = rows[rows["series"] == "Nong Chok"].set_index("quarter")
    for quarter in quarters.window(DEMO_END, 3):
        expected = area_sum(demo_template, [quarter], "1003")  # worked out by hand from the protected cells
        assert nong_chok.loc[quarter, "display"] == expected.text
    assert t("overview.cards_bangkok", "en") in [c.value for c in app.caption]
    assert app.dataframe[0].value["Code"].tolist() == ["1003", "1033"]


@pytest.mark.slow
def test_a_district_off_the_attention_list_says_so(open_link):
    app = open_link({"lang": "en", "district": "1002"})
    assert t("overview.attention_none_chosen", "en") in [c.value for c in app.caption]

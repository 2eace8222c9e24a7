"""Plan safe spaces, as a planner gets it: AppTest runs dashboard.py on the published demo."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest
from PIL import Image
from shapely.geometry import Point

from db import read
from db.snapshot import published_path
from tests.helpers import html_markdown, picture_colours
from ui import bivariate, maps
from ui.i18n import t
from ui.whatif_view import CHANGED, SERVICE_COLUMNS, first_day_after

PAGE = "pages/planning.py"


def deck_layers(app) -> dict[str, dict]:
    """The recommendation's map (the first on the page) as its layers by id."""
    return decks(app)[0]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["th", "en"])
def test_recommends_sites_as_a_scenario_in_both_languages(demo_shared, open_app, lang):
    app = open_app(demo_shared, lang, PAGE)
    assert not app.exception and not app.error
    assert app.title[0].value == t("planning.title", lang)
    assert t("planning.banner", lang) in [w.value for w in app.warning]
    layers = deck_layers(app)
    assert len(layers["new-sites"]["data"]) == 5 and len(layers["existing"]["data"]) == 33
    assert {row["kind"] for row in layers["new-sites"]["data"]} == {t("planning.new_site", lang)}
    (table,) = [d.value for d in app.dataframe]
    assert len(table) == 5 and t("planning.col.gaps", lang) in table.columns
    after, _, greedy, _ = (m.value for m in app.metric[:4])
    assert float(after.replace(",", "")) >= float(greedy.replace(",", ""))  # the exact model is never worse


@pytest.mark.slow
def test_changing_the_settings_solves_again(demo_shared, open_app):
    app = open_app(demo_shared, "en", PAGE)
    app.number_input[0].set_value(2)
    app.selectbox[0].set_value("district-offices")
    app.radio[0].set_value("p-median")
    app.button[0].click().run()
    assert not app.exception and not app.error
    assert len(deck_layers(app)["new-sites"]["data"]) == 2
    (table,) = [d.value for d in app.dataframe]
    assert table[t("planning.col.site", "en")].str.startswith("DO-").all()


@pytest.mark.slow
def test_the_district_filter_opens_the_recommendation_map_on_the_chosen_district(demo_shared, open_app):
    app = open_app(demo_shared, "en", PAGE)
    app.session_state["districts"] = ["1048"]  # Thung Khru
    app.run()
    spec = json.loads(app.get("deck_gl_json_chart")[0].proto.json)
    assert "chosen-districts" in {layer["id"] for layer in spec["layers"]}
    district = read.district_layer(published_path(demo_shared)).set_index("dist_code").geometry["1048"]
    view = spec["initialViewState"]
    assert view["zoom"] > maps.VIEW.zoom and district.buffer(0.01).contains(Point(view["longitude"], view["latitude"]))


@pytest.mark.slow
def test_layer_toggles_change_the_recommendation_map_and_its_legend(demo_shared, open_app):
    app = open_app(demo_shared, "en", PAGE)
    plan = {"existing", "existing-reach", "new-sites", "new-reach"}
    base = {"district-outlines", "district-names", "context-river", "context-road"}
    assert plan | base <= set(deck_layers(app)) and "communities" not in deck_layers(app)
    legend = html_markdown(app)
    for key in ("layers.districts", "layers.river", "layers.roads"):
        assert f"<span>{t(key, 'en')}</span>" in legend
    app.button_group(key="planning_map_layers").set_value(["services", "communities"]).run()
    assert not app.exception and not app.error
    ids = set(deck_layers(app))
    assert plan | {"communities", "services-safe_space", "services-shelter", "services-oscc"} <= ids
    assert not base & ids  # districts, river and roads turned off
    legend = html_markdown(app)
    for key in ("service.shelter", "service.oscc", "layers.communities"):
        assert f"<span>{t(key, 'en')}</span>" in legend
    assert f"<span>{t('layers.river', 'en')}</span>" not in legend
    assert f"<span>{t('layers.districts', 'en')}</span>" not in legend
    _, before, after = decks(app)  # the what-if's maps show what the plan's map shows
    for shown in (before, after):
        assert {"communities", "services-shelter"} <= set(shown) and "context-river" not in shown


# --- What-if scenarios -----------------------------------------------------------------------------------------------


def decks(app) -> list[dict[str, dict]]:
    """Every map on the page, as its layers by id: the recommendation's, then before and after."""
    return [
        {layer["id"]: layer for layer in json.loads(chart.proto.json)["layers"]}
        for chart in app.get("deck_gl_json_chart")
    ]


def button(app, key: str, lang: str = "en", **fmt):
    (found,) = [b for b in app.button if b.label == t(key, lang).format(**fmt)]
    return found


def metrics(app, lang: str = "en") -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in app.metric}


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_safe_space_added_at_a_point_shows_before_and_after_as_a_scenario(demo_shared, open_app, lang):
    app = open_app(demo_shared, lang, PAGE)
    before_gain = metrics(app)[t("whatif.residents", lang)]
    assert before_gain[1] == "+0"  # nothing changed yet
    # Lat Krabang's east (far from every demo safe space): nobody there is within reach before.
    app.number_input(key="whatif_lat").set_value(13.75)
    app.number_input(key="whatif_lon").set_value(100.85)
    button(app, "whatif.add_point", lang).click().run()
    assert not app.exception and not app.error
    name = t("whatif.default_name", lang).format(n=1)
    assert t("whatif.banner", lang).format(name=name) in [w.value for w in app.warning]
    assert t("whatif.gap_legend", lang) in html_markdown(app)  # the scenario's gap, every placeholder filled
    assert not re.search(r"\{\w+\}", html_markdown(app))
    value, delta = metrics(app)[t("whatif.residents", lang)]
    assert int(delta.lstrip("+").replace(",", "")) > 0
    assert int(value.replace(",", "")) - int(before_gain[0].replace(",", "")) == int(delta.lstrip("+").replace(",", ""))
    _, before, after = decks(app)
    assert len(before["before-spaces"]["data"]) == 33 and len(after["after-spaces"]["data"]) == 34
    (added,) = after["changed-spaces"]["data"]
    assert added["detail"] == t("whatif.changed", lang)
    assert added["name"] == t("whatif.new_name", lang).format(n=1)
    assert "click-grid" in after and "click-grid" not in before
    headings = [m.value for m in app.markdown]
    assert f"**{t('whatif.before', lang)}**" in headings
    assert f"**{t('whatif.after', lang).format(name=name)}**" in headings
    (_, changes) = [d.value for d in app.dataframe]
    assert t("whatif.col.access", lang) in changes.columns and len(changes) >= 1


def test_closing_moving_and_resizing_are_listed_and_undone(demo_shared, open_app):
    app = open_app(demo_shared, "en", PAGE)
    app.selectbox(key="whatif_target").set_value("S0001").run()
    button(app, "whatif.close").click().run()
    _, before, after = decks(app)
    assert [row["name"] for row in after["closed"]["data"]] == [
        row["name"] for row in before["before-spaces"]["data"] if "Wat Sawatwareesimaram" in row["name"]
    ]
    assert metrics(app)[t("whatif.spaces", "en")] == ("32", "-1")
    app.selectbox(key="whatif_target").set_value("S0002").run()
    app.number_input(key="whatif_capacity_S0002").set_value(500).run()
    button(app, "whatif.set_capacity").click().run()
    button(app, "whatif.move").click().run()
    listed = [m.value for m in app.markdown if m.value[:2] in ("1.", "2.", "3.")]
    assert len(listed) == 3 and listed[1].endswith(": 500")
    assert not app.exception and not app.error
    button(app, "whatif.undo").click().run()
    assert len([m.value for m in app.markdown if m.value[:2] in ("1.", "2.", "3.")]) == 2


def test_a_scenario_keeps_its_name_and_changes_across_reruns(demo_shared, open_app):
    app = open_app(demo_shared, "en", PAGE)
    app.text_input(key="whatif_name").input("East side plan").run()
    button(app, "whatif.from_plan", n=5).click().run()
    app.run()
    assert app.selectbox(key="whatif_current").value == "East side plan"
    assert len(decks(app)[2]["changed-spaces"]["data"]) == 5
    button(app, "whatif.new").click().run()
    assert app.selectbox(key="whatif_current").value == "Scenario 2"
    assert "changed-spaces" not in decks(app)[2] or not decks(app)[2]["changed-spaces"]["data"]
    app.selectbox(key="whatif_current").set_value("East side plan").run()
    app.run()
    assert app.text_input(key="whatif_name").value == "East side plan"
    assert len(decks(app)[2]["changed-spaces"]["data"]) == 5


def test_the_scenario_downloads_as_a_services_file_and_a_before_after_png(demo_shared, open_app, downloads, deferred):
    app = open_app(demo_shared, "en", PAGE)
    app.selectbox(key="whatif_target").set_value("S0001").run()
    button(app, "whatif.close").click().run()
    app.number_input(key="whatif_lat").set_value(13.75)
    app.number_input(key="whatif_lon").set_value(100.85)
    button(app, "whatif.add_point").click().run()
    end = read.loaded_quarters(published_path(demo_shared))[-1]
    rows = pd.read_csv(io.BytesIO(downloads[f"scenario_{end}_changes.csv"]), encoding="utf-8-sig", dtype=str)
    assert rows.columns.tolist() == SERVICE_COLUMNS  # the services upload format, loadable as it is
    assert rows["service_id"].tolist() == ["WHATIF-1", "S0001"]
    assert rows["source"].eq(t("whatif.source", "en").format(name="Scenario 1")).all()
    assert rows.loc[0, "opened"] == rows.loc[1, "closed"] == first_day_after(end)
    assert (rows.loc[0, "lat"], rows.loc[0, "lon"], rows.loc[0, "approximate"]) == ("13.75", "100.85", "True")
    png = Image.open(io.BytesIO(deferred[f"scenario_{end}_4q_en.png"]()))
    assert png.format == "PNG" and png.width > 2 * png.height  # two maps side by side
    colours = {colour for _, colour in png.convert("RGB").getcolors(maxcolors=1 << 20)}
    assert bivariate.colour(*bivariate.GAP) in colours


@pytest.mark.slow
def test_the_recommendation_map_downloads_as_a_picture_of_both_kinds_of_site(demo_shared, open_app, deferred):
    app = open_app(demo_shared, "th", PAGE)
    (button,) = [b for b in app.get("download_button") if b.proto.label == t("map.download_png", "th")]
    assert button.proto.deferred_file_id  # made only on the click
    (png,) = [make for name, make in deferred.items() if name.startswith("map_planned_sites_")]
    colours = picture_colours(png())
    assert {maps.SERVICE_COLOURS["safe_space"], CHANGED} <= colours

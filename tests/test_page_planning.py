"""Plan safe spaces, as a planner gets it: AppTest runs dashboard.py on the published demo."""

from __future__ import annotations

import json

import pytest

from ui.i18n import TEXT

PAGE = "pages/planning.py"


def deck_layers(app) -> dict[str, dict]:
    (chart,) = app.get("deck_gl_json_chart")
    return {layer["id"]: layer for layer in json.loads(chart.proto.json)["layers"]}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["th", "en"])
def test_recommends_sites_as_a_scenario_in_both_languages(demo_db, open_app, lang):
    app = open_app(demo_db, lang, PAGE)
    assert not app.exception and not app.error
    assert app.title[0].value == TEXT["planning.title"][lang]
    assert TEXT["planning.banner"][lang] in [w.value for w in app.warning]
    layers = deck_layers(app)
    assert len(layers["new-sites"]["data"]) == 5 and len(layers["existing"]["data"]) == 33
    assert {row["kind"] for row in layers["new-sites"]["data"]} == {TEXT["planning.new_site"][lang]}
    (table,) = [d.value for d in app.dataframe]
    assert len(table) == 5 and TEXT["planning.col.gaps"][lang] in table.columns
    after, _, greedy, _ = (m.value for m in app.metric)
    assert float(after.replace(",", "")) >= float(greedy.replace(",", ""))  # the exact model is never worse


@pytest.mark.slow
def test_changing_the_settings_solves_again(demo_db, open_app):
    app = open_app(demo_db, "en", PAGE)
    app.number_input[0].set_value(2)
    app.selectbox[0].set_value("district-offices")
    app.radio[0].set_value("p-median")
    app.button[0].click().run()
    assert not app.exception and not app.error
    assert len(deck_layers(app)["new-sites"]["data"]) == 2
    (table,) = [d.value for d in app.dataframe]
    assert table[TEXT["planning.col.site"]["en"]].str.startswith("DO-").all()

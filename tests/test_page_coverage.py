"""Coverage & referral gaps, as a planner gets it: AppTest runs dashboard.py on real published DuckDB files.

Expected figures come from the published snapshot through the read layer, or are worked out by hand
from its protected cells (:mod:`tests.expected`).
"""

from __future__ import annotations

import html
import io
import json
import re

import numpy as np
import pandas as pd
import pytest
import shapely
from streamlit.testing.v1 import AppTest

from core import quarters
from core.codes import SERVICE_TYPES
from db import read
from etl.demo import QUARTERS as DEMO_QUARTERS
from etl.load import load_file
from etl.publish import publish
from tests.helpers import area_sum, html_markdown, picture_colours, snapshot_of
from ui import bivariate, maps
from ui.i18n import t

PAGE = "pages/coverage.py"
SMALL_COUNTS = {"1", "2", "3", "4"}
HTML_NAME = "<img src=x onerror=alert(1)>"
LATEST, YEAR_START = DEMO_QUARTERS[-1], DEMO_QUARTERS[-4]  # the demo's last quarter and the default window of four


def summary_of(db, span: str = "4q", end: str = LATEST):
    return read.district_summary(snapshot_of(db), span, end)


def services_of(db, span: str = "4q", end: str = LATEST):
    """The services open in the window, as published."""
    return read.service_points(snapshot_of(db), span, end)


def decks(app: AppTest) -> list[dict]:
    return [json.loads(chart.proto.json) for chart in app.get("deck_gl_json_chart")]


def layers(spec: dict) -> dict[str, dict]:
    return {layer["id"]: layer for layer in spec["layers"]}


def service_map(app: AppTest) -> dict[str, dict]:
    (spec,) = [s for s in decks(app) if "district-outlines" in layers(s)]
    return layers(spec)


def bivariate_map(app: AppTest) -> dict[str, dict]:
    (spec,) = [s for s in decks(app) if "districts" in layers(s)]
    return layers(spec)


def sentences(app: AppTest) -> list[str]:
    return [element.value for element in app.info]


def gap_codes(app: AppTest, lang: str = "th") -> set[str]:
    (table,) = [d.value for d in app.dataframe]
    return set(table[t("col.dist_code", lang)])


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["th", "en"])
def test_runs_in_both_languages_with_both_maps(demo_shared, open_app, lang):
    app = open_app(demo_shared, lang, PAGE)
    assert not app.exception
    assert not app.error
    assert app.title[0].value == t("coverage.title", lang)
    assert len(decks(app)) == 2
    assert all(spec["mapStyle"] == "__MAP_STYLE__" for spec in decks(app))  # no basemap
    assert t("coverage.legend_services", lang) in html_markdown(app)


@pytest.mark.slow
def test_every_open_service_type_is_a_layer_and_unticking_one_removes_it(demo_shared, open_app):
    app = open_app(demo_shared, "en", PAGE)
    open_now = services_of(demo_shared)
    types = [kind for kind in SERVICE_TYPES if kind in set(open_now["service_type"])]
    assert len(types) == 8
    found = service_map(app)
    for kind in types:
        layer = found[f"services-{kind}"]
        assert layer["@@type"] == "ScatterplotLayer"
        assert len(layer["data"]) == (open_now["service_type"] == kind).sum()
        assert layer["getFillColor"] == list(maps.SERVICE_COLOURS[kind])
    assert "Hospital (real locations)" in html_markdown(app)

    app.pills(key="coverage_types").set_value([kind for kind in types if kind != "police"]).run()
    found = service_map(app)
    assert "services-police" not in found
    assert "services-hospital" in found
    assert t("service.police", "en") not in html_markdown(app)


@pytest.mark.slow
def test_choosing_no_type_says_so_instead_of_an_empty_map(demo_shared, open_app):
    app = open_app(demo_shared, "en", PAGE).pills(key="coverage_types").set_value([]).run()
    assert t("coverage.choose_types", "en") in sentences(app)
    assert len(decks(app)) == 1  # the need x coverage map only


@pytest.mark.slow
def test_catchments_are_3000_m_circles_around_each_open_safe_space(demo_shared, open_app):
    app = open_app(demo_shared, "en", PAGE)
    catchments = service_map(app)["catchments"]
    assert catchments["getRadius"] == 3000
    assert catchments["radiusUnits"] == "meters"
    safe_spaces = services_of(demo_shared).query("service_type == 'safe_space'")
    assert len(catchments["data"]) == len(safe_spaces)

    app.checkbox(key="coverage_catchments").uncheck().run()
    assert "catchments" not in service_map(app)


@pytest.mark.slow
def test_optional_outline_layers_and_the_payload_stay_small(demo_shared, open_app):
    app = open_app(demo_shared, "en", PAGE)
    assert {"health-centre-areas", "samut-prakan"}.isdisjoint(service_map(app))
    app.checkbox(key="coverage_health_centres").check().run()
    app.checkbox(key="coverage_context").check().run()
    found = service_map(app)
    assert found["health-centre-areas"]["@@type"] == found["samut-prakan"]["@@type"] == "PathLayer"
    assert "Samut Prakan district boundary (outside Bangkok)" in html_markdown(app)
    assert all(len(chart.proto.json.encode()) < 250_000 for chart in app.get("deck_gl_json_chart"))


def test_layer_toggles_add_khwaeng_communities_and_services_to_both_maps_with_their_legend(demo_shared, open_app):
    app = open_app(demo_shared, "en", PAGE)
    assert not {"subdistricts", "communities"} & (set(service_map(app)) | set(bivariate_map(app)))  # off at first
    app.button_group(key="coverage_map_layers").set_value(["subdistricts", "communities"]).run()
    app.button_group(key="coverage_gaps_map_layers").set_value(["services"]).run()
    assert not app.exception and not app.error
    on_services, on_gaps = service_map(app), bivariate_map(app)
    assert {"subdistricts", "communities"} <= set(on_services)
    assert len(on_services["communities"]["data"]) == len(read.community_points(snapshot_of(demo_shared)))
    shelters = services_of(demo_shared).query("service_type == 'shelter'")
    assert len(on_gaps["services-shelter"]["data"]) == len(shelters) > 0  # the referral services, first
    assert "subdistricts" not in on_gaps  # each map has its own choice
    legend = html_markdown(app)
    for key in ("layers.subdistricts", "layers.communities", "service.shelter"):
        assert f"<span>{t(key, 'en')}</span>" in legend


@pytest.mark.slow
def test_bivariate_legend_has_nine_cells_and_the_map_its_colours(demo_shared, open_app):
    app = open_app(demo_shared, "en", PAGE)
    (legend,) = [m.value for m in app.markdown if "grid-template-columns" in m.value]
    grid = legend[legend.index("grid-template-columns") : legend.index("Need →")]
    cells = re.findall(r'<span title="[^"]*" style="[^"]*background:(rgb\(\d+,\d+,\d+\))', grid)
    palette = {maps._css(colour) for row in bivariate.PALETTE for colour in row}
    assert len(cells) == 9 and set(cells) == palette
    summary = summary_of(demo_shared)
    features = {
        f["properties"]["dist_code"]: f["properties"] for f in bivariate_map(app)["districts"]["data"]["features"]
    }
    assert len(features) == 50
    for row in summary.itertuples():
        expected = bivariate.colour(int(row.need_class), int(row.coverage_class))
        assert tuple(features[row.dist_code]["fill"]) == expected


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_gap_is_named_by_its_position_labelled_in_the_legend_and_outlined_on_the_map(demo_shared, open_app, lang):
    """Defect 1 of issue 16: the words said "dark red" while the darkest cells were served districts."""
    app = open_app(demo_shared, lang, PAGE)
    (legend,) = [m.value for m in app.markdown if "grid-template-columns" in m.value]
    # Each row and column is labelled, and the gap cell is named beside its own swatch, by its position.
    for level in (1, 2, 3):
        assert legend.count(f">{t(f'level.short.{level}', lang)}</span>") == 2
    gap_title = t("coverage.cell", lang).format(need=t("level.3", lang), coverage=t("level.1", lang))
    assert f'title="{gap_title}"' in legend
    gap_text = t("coverage.gap_legend", lang).format(n=160)
    assert html.escape(gap_text) in legend
    high, low = t("level.3", lang), t("level.1", lang)
    caption = t("coverage.bivariate_caption", lang)
    assert re.search(f"{high}.*{low}", gap_text) and "แดงเข้ม" not in caption
    # The gap cell is the one with the heavy border; on the map the gap districts are outlined with it.
    gap_css = maps._css(bivariate.colour(*bivariate.GAP))
    assert f"background:{gap_css};border:3px" in legend and legend.count("border:3px") == 2  # cell, swatch
    summary = summary_of(demo_shared)
    gaps = summary.loc[summary["gap"]]  # the robust gaps: a gap in most of the scenarios
    layers = bivariate_map(app)
    outline = layers["gap-districts"]
    assert outline["getColor"] == list(bivariate.GAP_LINE) and outline["getWidth"] >= 3
    ids = list(layers)
    assert ids.index("districts") < ids.index("gap-districts") < ids.index("district-names")
    # The outlines run around the gap districts: every gap district's representative point lies inside
    # the outlined area, and no other district's does.
    rings = [shapely.LineString(record["path"]) for record in outline["data"]]
    area = shapely.unary_union(shapely.polygonize(rings).geoms)
    districts = read.district_layer(snapshot_of(demo_shared)).set_index("dist_code")
    inside = {code for code, geometry in districts.geometry.items() if area.contains(geometry.representative_point())}
    assert inside == set(gaps["dist_code"])
    # Each tooltip says how sure the gap is, from the published share.
    tips = {f["properties"]["dist_code"]: f["properties"]["gap_share"] for f in layers["districts"]["data"]["features"]}
    for code, share in summary.set_index("dist_code")["gap_share"].items():
        assert tips[code] == t("coverage.share_text", lang).format(share=f"{share:.0%}", n=160)


@pytest.mark.slow
def test_gap_table_lists_exactly_the_robust_gap_districts_surest_first(demo_shared, open_app, downloads):
    app = open_app(demo_shared, "th", PAGE)
    summary = summary_of(demo_shared)
    expected = set(summary.loc[summary["gap"], "dist_code"])
    assert expected and gap_codes(app) == expected
    (table,) = [d.value for d in app.dataframe]
    share = t("coverage.col.gap_share", "th").format(n=160)
    by_code = summary.set_index("dist_code")["gap_share"]
    shares = [by_code[code] for code in table[t("col.dist_code", "th")]]
    assert shares == sorted(shares, reverse=True) and min(shares) > 0.5
    assert table[share].tolist() == [f"{value:.0%}" for value in shares]
    distance = t("coverage.col.distance", "th").format(service=t("service.safe_space", "th"))
    first = table.iloc[0]
    row = summary.set_index("dist_code").loc[first[t("col.dist_code", "th")]]
    assert first[distance] == f"{row['dist_m_safe_space'] / 1000:,.1f}"
    content = downloads[f"gap_districts_{YEAR_START}_{LATEST}.csv"]  # the overview ran first: its file is there too
    assert content.decode("utf-8-sig").count("\n") == len(expected) + 1
    download = pd.read_csv(io.BytesIO(content), encoding="utf-8-sig")
    assert download[f"{share} (%)"].tolist() == [round(value * 100) for value in shares]


@pytest.mark.slow
def test_the_district_filter_narrows_the_gap_table_and_the_services(demo_shared, open_app):
    app = open_app(demo_shared, "en", PAGE)
    summary = summary_of(demo_shared)
    gap = sorted(summary.loc[summary["gap"], "dist_code"])[0]
    app.session_state["districts"] = [gap]
    app.run()
    assert gap_codes(app, "en") == {gap}
    services = services_of(demo_shared)
    in_gap = services[services["dist_code"] == gap]
    shown = sum(len(layer["data"]) for key, layer in service_map(app).items() if key.startswith("services-"))
    assert shown == len(in_gap)
    # Both maps open on the chosen district; the services map outlines it (on the other, black marks the gaps).
    district = read.district_layer(snapshot_of(demo_shared)).set_index("dist_code").geometry[gap]
    for spec in decks(app):
        view = spec["initialViewState"]
        assert view["zoom"] > maps.VIEW.zoom and district.contains(shapely.Point(view["longitude"], view["latitude"]))
    assert "chosen-districts" in service_map(app)


SMALL_QUARTER = quarters.shift(DEMO_QUARTERS[-1], 1)  # the quarter after the demo's last


@pytest.fixture
def small_counts_db(demo_db):
    """The demo with one more quarter in which most districts report 0-4 cases (shown alone, they are small)
    and every fourth 15-59, so that the smoothed rates differ and some districts are gaps."""
    rng = np.random.default_rng(7)
    small, large = rng.integers(0, 5, 50), rng.integers(15, 60, 50)
    counts = np.where(np.arange(50) % 4 == 0, large, small)
    rows = "".join(
        f"{SMALL_QUARTER},{code},physical,woman,{n},{min(n, 1)}\n"
        for code, n in zip(range(1001, 1051), counts, strict=True)
    )
    header = "quarter,dist_code,violence_type,victim_group,cases_reported,cases_referred\n"
    load_file("cases", (header + rows).encode(), "small.csv", db=demo_db)
    publish(demo_db)
    return demo_db


@pytest.mark.slow
def test_no_count_from_1_to_4_in_tooltips_tables_or_downloads(small_counts_db, open_app, downloads):
    app = open_app(small_counts_db, "en", PAGE)
    app.button_group(key="window").set_value("quarter").run()
    assert not app.exception
    summary = summary_of(small_counts_db, "1q", SMALL_QUARTER)
    # Need and gap classes are published for every district with data, "<5" ones too.
    assert summary["suppressed"].sum() > 25 and summary["gap_class"].notna().all()
    features = bivariate_map(app)["districts"]["data"]["features"]
    tips = {f["properties"]["dist_code"]: f["properties"] for f in features}
    assert {"<5", "0"} <= {tip["cases"] for tip in tips.values()}
    assert all(tips[code]["cases"] == area_sum(small_counts_db, [SMALL_QUARTER], code).text for code in tips)
    assert {tip["cases"] for tip in tips.values()}.isdisjoint(SMALL_COUNTS)
    assert "suppressed" in {tip["referral"] for tip in tips.values()}
    assert all(tip["need"] != t("value.no_data", "en") for tip in tips.values())
    (table,) = [d.value for d in app.dataframe]
    assert len(table) == summary["gap"].sum() > 0
    gaps = table.set_index(t("col.dist_code", "en"))[t("col.cases", "en")]
    assert all(text == area_sum(small_counts_db, [SMALL_QUARTER], code).text for code, text in gaps.items())
    assert set(gaps).isdisjoint(SMALL_COUNTS)
    content = downloads[f"gap_districts_{SMALL_QUARTER}_{SMALL_QUARTER}.csv"]
    assert set(re.split(r"[,\n\r]", content.decode("utf-8-sig"))).isdisjoint(SMALL_COUNTS)


@pytest.mark.slow
def test_a_service_named_with_html_stays_text(cases_db, open_app):
    services = (
        f'service_id,name_th,name_en,service_type,lat,lon\nX1,"{HTML_NAME}","{HTML_NAME}",safe_space,13.7563,100.5018\n'
    )
    load_file("services", services.encode(), "services.csv", db=cases_db)
    publish(cases_db)
    app = open_app(cases_db, "en", PAGE)
    assert not app.exception
    names = [point["name"] for point in service_map(app)["services-safe_space"]["data"]]
    assert HTML_NAME in names  # data for the tooltip, which Streamlit fills in escaped
    assert "<img" not in html_markdown(app)


def test_empty_database_shows_a_sentence_and_no_map(db, open_app):
    app = open_app(db, "en", PAGE)
    assert not app.exception
    assert sentences(app) == [t("coverage.no_cases", "en")]
    assert not decks(app)


@pytest.mark.slow
def test_without_services_every_district_has_no_coverage_and_the_page_says_so(cases_db, open_app):
    """Every resident counts as demand, with or without communities: with no safe space, coverage is 0 for all
    (all tied in the low class), so the need x coverage map still shows while the services map says none."""
    app = open_app(cases_db, "th", PAGE)
    assert not app.exception and not app.error
    summary = summary_of(cases_db, "4q", read.loaded_quarters(snapshot_of(cases_db))[-1])
    assert (summary["access_2sfca"] == 0).all() and (summary["coverage_class"] == 1).all()
    classified = summary["gap_class"].notna().any()
    assert sentences(app)[0] == t("coverage.no_services", "th")
    assert (t("coverage.no_classes", "th") in sentences(app)) != classified
    assert len(decks(app)) == int(classified)  # the need x coverage map only


@pytest.mark.slow
def test_both_maps_download_as_pictures_with_their_classes_and_points(demo_shared, open_app, deferred):
    app = open_app(demo_shared, "en", PAGE)
    buttons = [b for b in app.get("download_button") if b.proto.label == t("map.download_png", "en")]
    assert len(buttons) == 2 and all(b.proto.deferred_file_id for b in buttons)  # each made only on the click
    summary = summary_of(demo_shared)
    need_coverage = picture_colours(deferred[f"map_need_coverage_{LATEST}_4q_en.png"]())
    shown = set(bivariate.colours(summary["need_class"], summary["coverage_class"]))
    assert bivariate.colour(*bivariate.GAP) in shown and shown <= need_coverage
    services = picture_colours(deferred[f"map_services_{LATEST}_4q_en.png"]())
    assert {maps.SERVICE_COLOURS["safe_space"], maps.SERVICE_COLOURS["police"]} <= services

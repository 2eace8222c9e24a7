"""The maps of the Overview and Hotspots pages as a reader uses them (issue 16): legible names that do
not overlap, Bangkok whole at first view on a phone or a desktop, zoom and reset, layer toggles with
their legend, drilling into a district, and districts compared over time. AppTest on real published
DuckDB files built from the real boundaries."""

from __future__ import annotations

import json
import math

import pyarrow as pa
import pytest
import shapely

from db import read
from db.snapshot import published_path
from etl.demo import QUARTERS as DEMO_QUARTERS
from tests.helpers import click
from ui import compare, maps, mapview
from ui.i18n import t

DEMO_END = DEMO_QUARTERS[-1]
HOTSPOTS = "pages/hotspots.py"


def spec(app) -> dict:
    (chart,) = app.get("deck_gl_json_chart")
    return json.loads(chart.proto.json)


def layers_by_id(app) -> dict[str, dict]:
    return {layer["id"]: layer for layer in spec(app)["layers"]}


def screen(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixels at ``zoom``, written out here rather than taken from the code under test."""
    world = 512 * 2**zoom
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return (lon + 180) / 360 * world, (1 - y / math.pi) / 2 * world


def label_boxes(layer: dict, zoom: float) -> list[tuple[float, float, float, float]]:
    """Each label's box (left, top, right, bottom) in pixels: 0.55 em per letter (Thai marks above or below
    a letter take none), one em high; smaller than the page's own estimate, so a pass is not its echo."""
    boxes = []
    for row in layer["data"]:
        x, y = screen(*row["position"], zoom)
        letters = sum(
            not ("\u0e31" <= c <= "\u0e3a" or "\u0e47" <= c <= "\u0e4e") or c == "\u0e33" for c in row["text"]
        )
        width, half_h = letters * row["size"] * 0.55, row["size"] / 2
        left = {"start": x, "middle": x - width / 2, "end": x - width}[row["anchor"]]
        boxes.append((left, y - half_h, left + width, y + half_h))
    return boxes


def placed_names(layer: dict) -> list[dict]:
    """The names placed without overlap for the view the map opens at: they win every collision there."""
    return [row for row in layer["data"] if row["placed"]]


def overlapping(boxes) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[i + 1 :], i + 1)
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]


# --- Names ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["th", "en"])
def test_names_are_at_least_12_px_and_none_overlap_at_the_first_view(demo_template, open_app, lang):
    app = open_app(demo_template, lang)
    deck = spec(app)
    names = layers_by_id(app)["district-names"]
    assert names["sizeUnits"] == "pixels" and min(row["size"] for row in names["data"]) >= 12
    assert len(names["data"]) == 50  # all sent: the browser hides those that collide at the zoom it shows
    assert names["extensions"] == [{"@@type": "CollisionFilterExtension"}]
    assert names["getCollisionPriority"] == "@@=priority"
    placed = placed_names(names)
    assert min(row["priority"] for row in placed) > max(row["priority"] for row in names["data"] if not row["placed"])
    view = deck["initialViewState"]
    boxes = label_boxes({"data": placed}, view["zoom"])
    assert not overlapping(boxes)
    centre, _ = screen(view["longitude"], view["latitude"], view["zoom"])  # every name on the desktop canvas
    assert all(centre - 450 <= left and right <= centre + 450 for left, _, right, _ in boxes)
    shown = {row["text"] for row in placed}
    assert ("หนองจอก" if lang == "th" else "Nong Chok") in shown  # the largest district is always named
    assert 20 <= len(shown) < 50  # zoomed out, fewer than all fifty


@pytest.mark.parametrize("canvas", [mapview.PHONE, mapview.DESKTOP], ids=["phone", "desktop"])
def test_no_name_runs_off_the_canvas_at_the_first_view(demo_template, canvas):
    districts = read.district_layer(published_path(demo_template)).assign(fill=[maps.NO_DATA] * 50)
    view = mapview.fit_view(mapview.BANGKOK, canvas)
    names = maps.label_layer(districts, "name_en", zoom=view.zoom, edges=mapview.edges(view, canvas))
    records = json.loads(maps.map_deck([names], "").spec)["layers"][0]["data"]  # as the browser gets them
    assert "Nong Chok" in {row["text"] for row in records} and "Thawi Watthana" in {row["text"] for row in records}
    centre, _ = screen(view.longitude, view.latitude, view.zoom)
    for left, _, right, _ in label_boxes({"data": records}, view.zoom):
        assert centre - canvas.width / 2 <= left and right <= centre + canvas.width / 2


def test_zooming_in_names_more_districts_and_reset_returns(demo_template, open_app):
    app = open_app(demo_template, "th")
    first = spec(app)["initialViewState"]
    names_before = {row["text"] for row in placed_names(layers_by_id(app)["district-names"])}
    assert not {"บางกะปิ", "บึงกุ่ม"} <= names_before  # the two central neighbours do not both fit zoomed out
    app.button(key="overview_map-in").click().run()
    app.button(key="overview_map-in").click().run()
    closer = spec(app)["initialViewState"]
    assert closer["zoom"] == pytest.approx(first["zoom"] + 2)
    names = placed_names(layers_by_id(app)["district-names"])
    assert {"บางกะปิ", "บึงกุ่ม"} <= {row["text"] for row in names}  # two steps in, both come first
    assert len(names) > len(names_before)
    assert not overlapping(label_boxes({"data": names}, closer["zoom"]))
    app.button(key="overview_map-reset").click().run()
    back = spec(app)["initialViewState"]
    assert back["zoom"] == pytest.approx(first["zoom"])
    assert back["latitude"] != first["latitude"] and back["latitude"] == pytest.approx(first["latitude"], abs=1e-6)


# --- The first view on a phone and a desktop -------------------------------------------------------
def on_canvas(districts, longitude: float, latitude: float, zoom: float, canvas: mapview.Canvas) -> bool:
    """Whether every district's bounds lie on a canvas centred at ``longitude``/``latitude``."""
    cx, cy = screen(longitude, latitude, zoom)
    for shape in districts.geometry:
        west, south, east, north = shape.bounds
        (left, bottom), (right, top) = screen(west, south, zoom), screen(east, north, zoom)
        if left < cx - canvas.width / 2 or right > cx + canvas.width / 2:
            return False
        if top < cy - canvas.height / 2 or bottom > cy + canvas.height / 2:
            return False
    return True


@pytest.mark.parametrize("canvas", [mapview.PHONE, mapview.DESKTOP], ids=["phone", "desktop"])
def test_the_first_view_holds_every_district_and_fills_the_canvas(demo_template, canvas):
    districts = read.district_layer(published_path(demo_template))
    view = mapview.fit_view(mapview.BANGKOK, canvas)
    # Nong Chok, Lat Krabang and the western districts included, 390 px phone or desktop
    assert on_canvas(districts, view.longitude, view.latitude, view.zoom, canvas)
    assert not on_canvas(districts, view.longitude, view.latitude, view.zoom + 0.25, canvas)  # no room wasted


def test_a_phone_browser_gets_the_phone_canvas_and_the_desktop_view_fits_too(demo_template, open_app):
    app = open_app(demo_template, "en")
    view = spec(app)["initialViewState"]
    assert view["zoom"] == pytest.approx(mapview.fit_view(mapview.BANGKOK, mapview.DESKTOP).zoom)
    assert mapview.fit_view(mapview.BANGKOK, mapview.PHONE).zoom < view["zoom"] - 1  # a phone sees it all


# Every map of every page: the narrowest map a phone gets (the Pilots map's is 334 px wide), at its shortest.
NARROWEST_PHONE_MAP = mapview.Canvas(334, 320)


@pytest.mark.parametrize(
    "page", ["pages/overview.py", HOTSPOTS, "pages/coverage.py", "pages/pilots.py", "pages/planning.py"]
)
def test_every_map_of_every_page_shows_all_of_bangkok_at_first_view_on_a_phone(
    demo_shared, open_app, monkeypatch, page
):
    # A desktop's reader first: the maps the server keeps for it must not open on the phone's screen after it.
    open_app(demo_shared, "en", page)
    # AppTest sends no User-Agent: the page is told it serves a phone's browser as ui.mapview.canvas would tell it.
    monkeypatch.setattr(mapview, "canvas", lambda: mapview.PHONE)
    app = open_app(demo_shared, "en", page)
    assert not app.exception and not app.error
    districts = read.district_layer(published_path(demo_shared))
    views = [json.loads(chart.proto.json)["initialViewState"] for chart in app.get("deck_gl_json_chart")]
    assert views  # Coverage has two maps, Planning three (the plan, then the what-if's before and after)
    for view in views:  # Nong Chok and Lat Krabang in the east, Thawi Watthana and Nong Khaem in the west
        assert on_canvas(districts, view["longitude"], view["latitude"], view["zoom"], NARROWEST_PHONE_MAP)


# --- Layer toggles ------------------------------------------------------------------------------------
def test_layer_toggles_add_layers_and_their_legend(demo_template, open_app):
    app = open_app(demo_template, "en")
    assert {"context-river", "context-road"} <= set(layers_by_id(app)) and "communities" not in layers_by_id(app)
    app.button_group(key="overview_map_layers").set_value(
        ["districts", "subdistricts", "services", "communities"]
    ).run()
    ids = set(layers_by_id(app))
    assert {"subdistricts", "communities", "services-safe_space", "services-shelter", "services-oscc"} <= ids
    assert not {"context-river", "context-road"} & ids
    legend = "\n".join(str(m.value) for m in app.markdown)
    for key in ("service.safe_space", "service.shelter", "layers.communities", "layers.subdistricts"):
        assert t(key, "en") in legend
    assert t("layers.river", "en") not in legend
    subdistricts = shapely.polygonize(
        [shapely.LineString(r["path"]) for r in layers_by_id(app)["subdistricts"]["data"]]
    )
    assert len(shapely.get_parts(subdistricts)) >= 170  # the 180 khwaeng, some outlines merged at the edge


# --- Drilling into a district (Hotspots) -----------------------------------------------------------
def test_a_click_opens_the_district_with_too_few_to_show_and_breadcrumbs_lead_back(demo_template, open_app):
    app = open_app(demo_template, "en", HOTSPOTS)
    bangkok = spec(app)["initialViewState"]
    assert "subdistricts" not in layers_by_id(app)
    summary = read.district_summary(published_path(demo_template), "4q", DEMO_END)
    code = summary["dist_code"].iloc[5]  # the sixth district in code order: Bang Kapi
    click(app, 5)
    assert app.selectbox(key="hotspots_district").value == code
    ids = layers_by_id(app)
    assert {"subdistricts", "subdistrict-names", "communities"} <= set(ids)
    khwaeng = read.subdistrict_layer(published_path(demo_template), code)
    assert {row["text"] for row in ids["subdistrict-names"]["data"]} <= set(khwaeng["name_en"])
    assert spec(app)["initialViewState"]["zoom"] > bangkok["zoom"] + 1
    tables = [frame.value for frame in app.dataframe]
    cases = t("drill.col.cases", "en")
    listed = [table for table in tables if {cases, t("drill.col.name", "en")} <= set(table.columns)]
    assert len(listed) == 2 and len(listed[0]) == len(khwaeng)
    assert all((table[cases] == t("drill.too_few", "en")).all() for table in listed)  # never a blank or a count
    app.button(key="hotspots_map-back").click().run()
    assert "subdistricts" not in layers_by_id(app)
    assert spec(app)["initialViewState"]["zoom"] == pytest.approx(bangkok["zoom"])


def test_choosing_a_district_in_the_list_zooms_the_map_to_it(demo_template, open_app):
    app = open_app(demo_template, "en", HOTSPOTS)
    app.selectbox(key="hotspots_district").set_value("1003").run()  # Nong Chok
    view = spec(app)["initialViewState"]
    west, south, east, north = (
        read.district_layer(published_path(demo_template)).set_index("dist_code").loc["1003"].geometry.bounds
    )
    assert west < view["longitude"] < east and south < view["latitude"] < north


def test_the_snapshot_publishes_khwaeng_boundaries_and_no_counts_by_them(demo_template):
    khwaeng = read.subdistrict_layer(published_path(demo_template))
    assert len(khwaeng) == 180 and khwaeng["dist_code"].nunique() == 50
    assert not {"cases_reported", "cases_referred"} & set(khwaeng.columns)


# --- Districts compared over time ---------------------------------------------------------------
def test_up_to_five_districts_compared_by_their_published_smoothed_rates(demo_template, open_app):
    app = open_app(demo_template, "en", HOTSPOTS)
    picker = app.multiselect(key="compare_districts")
    assert picker.proto.max_selections == compare.MAX_DISTRICTS == 5
    picker.set_value(["1001", "1003", "1006", "1027", "1033"]).run()
    (chart,) = [c for c in app.get("vega_lite_chart") if t("compare.y", "en") in c.proto.spec]
    rows = pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_pandas().to_dict("records")
    assert len({row["series"] for row in rows}) == 5
    rates = read.smoothed_rates(published_path(demo_template), "4q", ["1003"]).set_index("end_quarter")
    nong_chok = {row["quarter"]: row["value"] for row in rows if row["series"] == "Nong Chok"}
    assert nong_chok[DEMO_END] == rates.loc[DEMO_END, "eb_rate_per_100k"]
    app.multiselect(key="compare_districts").set_value([]).run()
    assert t("compare.none", "en") in "\n".join(c.value for c in app.caption)

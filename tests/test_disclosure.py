"""No page shows a count from 1 to 4: every table, map, chart and download of every page, in both
languages, on the demo database (thousands of small cells, small per-community counts). And viewers'
pages need nothing but the published snapshot: each renders with the warehouse deleted.

Pages are found from dashboard.py's navigation, so a new page is checked without a new test.
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from db import read
from db.snapshot import published_path
from tests.helpers import DASHBOARD, copy_with_snapshot
from ui.i18n import t

PAGES = re.findall(r'st\.Page\("(pages/\w+\.py)"', DASHBOARD.read_text())
SMALL = {1, 2, 3, 4}
TEXT_ONLY = {"pages/upload.py"}  # no figures for a viewer: the page only explains how to sign in
VIEWER_PAGES = [page for page in PAGES if page not in TEXT_ONLY]  # the pages that read only the snapshot
# Names of fields that hold counts of victims, in data keys and in table headers (th and en).
# Chart data carries the published text of a count in "display".
COUNT_FIELD = re.compile(r"case|count|reported|referred|unreferred|display|จำนวน|ราย|ส่งต่อ", re.IGNORECASE)
NOT_COUNTS = re.compile(
    r"rate|อัตรา|per|ต่อ|share|สัดส่วน|quarter|ไตรมาส|window|ช่วง|code|รหัส|class|ระดับ|%|rows|แถว", re.IGNORECASE
)  # periods (quarters, windows), codes and classes are not victim counts


def is_count_field(name: str) -> bool:
    return bool(COUNT_FIELD.search(name)) and not NOT_COUNTS.search(name)


def small(value) -> bool:
    """A published cell that states a victim count from 1 to 4."""
    if isinstance(value, str):
        value = value.replace(",", "").strip()
        return value.isdigit() and int(value) in SMALL
    try:
        return float(value) in SMALL
    except (TypeError, ValueError):
        return False


def leaks_in_records(records: list[dict]) -> list[tuple[str, object]]:
    return [(k, v) for record in records for k, v in record.items() if is_count_field(str(k)) and small(v)]


def leaks_in_frame(frame: pd.DataFrame) -> list[tuple[str, object]]:
    return leaks_in_records(frame.reset_index(drop=True).astype(object).to_dict("records"))


def deck_records(spec: str) -> list[dict]:
    """Every data item of every layer of a pydeck chart (GeoJSON features' properties flattened)."""
    records = []
    for layer in json.loads(spec).get("layers", []):
        data = layer.get("data") or []
        if isinstance(data, dict):
            data = [f.get("properties", {}) for f in data.get("features", [])]
        records += [item for item in data if isinstance(item, dict)]
    return records


def chart_frames(proto) -> list[pd.DataFrame]:
    """The data behind an Altair chart: Streamlit sends it as Arrow beside the Vega-Lite spec."""
    arrows = [named.data.data for named in proto.datasets]
    if proto.HasField("data"):
        arrows.append(proto.data.data)
    return [pa.ipc.open_stream(arrow).read_all().to_pandas() for arrow in arrows if arrow]


def test_every_page_is_checked():
    assert len(PAGES) >= 2 and "pages/overview.py" in PAGES


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_a_count_from_one_to_four(demo_template, open_app, downloads, page, lang):
    app = open_app(demo_template, lang=lang, page=page)
    assert not app.exception
    leaks = []
    seen = {"table": 0, "map": 0, "chart": 0}
    for table in [*app.get("dataframe"), *app.get("table")]:
        leaks += leaks_in_frame(table.value)
        seen["table"] += 1
    for deck in app.get("deck_gl_json_chart"):
        leaks += leaks_in_records(deck_records(deck.proto.json))
        seen["map"] += 1
    for metric in app.get("metric"):
        leaks += leaks_in_records([{metric.label: metric.value}])
        seen["table"] += 1
    for chart in app.get("vega_lite_chart"):
        for frame in chart_frames(chart.proto):
            leaks += leaks_in_frame(frame)
            seen["chart"] += 1
    for name, content in downloads.items():
        if name.endswith(".csv"):
            leaks += leaks_in_frame(pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False))
    assert not leaks, f"{page} ({lang}) shows small counts: {leaks[:10]}"
    assert sum(seen.values()) > 0 or page in TEXT_ONLY, f"{page}: nothing was checked; did an element type change?"


def test_the_checker_finds_a_leak():
    assert leaks_in_frame(pd.DataFrame({"จำนวนราย": ["<5", "3"], "rate": [1, 2]})) == [("จำนวนราย", "3")]
    assert leaks_in_records([{"cases_reported": 2, "quarter": 3}]) == [("cases_reported", 2)]


def test_the_gap_share_is_shown_as_published_and_read_as_a_share_not_a_count(demo_template, open_app):
    """The Coverage page's gap table shows each district's gap_share as a whole percentage of the published
    hundredths, under a header the checker reads as a share (a share of scenarios is no victim count)."""
    snapshot = published_path(demo_template)
    latest = read.loaded_quarters(snapshot)[-1]
    summary = read.district_summary(snapshot, "4q", latest).set_index("dist_code")
    app = open_app(demo_template, lang="en", page="pages/coverage.py")
    (table,) = [d.value for d in app.dataframe]
    scenarios = read.meta(snapshot).gap_scenarios
    header = t("coverage.col.gap_share", "en").format(n=scenarios)
    assert not is_count_field(header) and not is_count_field(t("coverage.col.gap_share", "th"))
    shown = table.set_index(t("col.dist_code", "en"))[header]
    assert len(shown) == summary["gap"].sum() > 0
    assert all(text == f"{summary.loc[code, 'gap_share'] * 100:.0f}%" for code, text in shown.items())


def test_the_dashboard_file_lists_pages_that_exist():
    root = Path(DASHBOARD).parent
    assert all((root / page).exists() for page in PAGES)


@pytest.fixture(scope="module")
def snapshot_only(demo_template, tmp_path_factory) -> Path:
    """The demo's published snapshot alone: the warehouse it was published from is deleted."""
    warehouse = copy_with_snapshot(demo_template, tmp_path_factory.mktemp("snapshot_only") / "demo.duckdb")
    os.remove(warehouse)
    return warehouse


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("page", VIEWER_PAGES)
def test_every_viewer_page_renders_from_the_snapshot_alone(snapshot_only, open_app, page, lang):
    app = open_app(snapshot_only, lang=lang, page=page)
    assert not snapshot_only.exists() and published_path(snapshot_only).exists()
    assert not app.exception
    assert not app.error, [e.value for e in app.error]
    assert app.title and app.title[0].value
    assert app.get("deck_gl_json_chart") or app.get("dataframe")  # its map or table, read from the snapshot
    assert not snapshot_only.exists()  # reading never creates the warehouse

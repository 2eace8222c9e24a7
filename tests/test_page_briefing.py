"""Downloads made for print and for passing on, each made only when the reader clicks (Streamlit's deferred
download): the Overview's briefing (PDF, read back with pypdf) and the maps as pictures (PNG, read with Pillow)."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from core.colours import PALETTE
from db import read
from db.snapshot import published_path
from etl.briefing.render import BANNER_FILL
from etl.demo import QUARTERS as DEMO_QUARTERS
from tests.helpers import picture_colours
from ui import maps
from ui.i18n import t

DEMO_END = DEMO_QUARTERS[-1]


def text_of(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) in (1, 2)
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


@pytest.mark.slow
def test_the_button_offers_the_briefing_of_the_chosen_period_in_the_chosen_language(demo_template, open_app, deferred):
    app = open_app(demo_template, "en")
    (button,) = [b for b in app.get("download_button") if b.proto.label == t("overview.briefing", "en")]
    assert button.proto.deferred_file_id  # nothing is made until the click
    text = text_of(deferred[f"briefing_{DEMO_END}_4q_en.pdf"]())
    assert "FourquarterstoQ3offiscalyear2026" in text and "SYNTHETICDEMODATA" in text

    app.segmented_control(key="window").set_value("quarter").run()
    app.sidebar.radio(key="lang").set_value("th").run()
    text = text_of(deferred[f"briefing_{DEMO_END}_1q_th.pdf"]())
    assert "ไตรมาส3ปีงบประมาณ2569" in text and "ข้อมูลตัวอย่าง" in text


@pytest.mark.slow
def test_the_overview_map_downloads_as_a_png_with_its_classes_and_the_banner(demo_template, open_app, deferred):
    open_app(demo_template, "en")
    shown = picture_colours(deferred[f"map_smoothed_rate_{DEMO_END}_4q_en.png"]())
    summary = read.district_summary(published_path(demo_template), "4q", DEMO_END)
    breaks = read.class_breaks(published_path(demo_template), "4q", DEMO_END, "smoothed", "overview")
    classes = {sum(rate > bound for bound in breaks[:-1]) for rate in summary["eb_rate_per_100k"].dropna()}
    assert {PALETTE[c] for c in classes} <= shown  # every class on the map, in the dashboard's colours
    assert BANNER_FILL in shown  # demo data: the synthetic-data banner travels with the picture


@pytest.mark.slow
def test_the_hotspots_map_downloads_as_a_png_of_the_view_on_screen(demo_template, open_app, deferred):
    app = open_app(demo_template, "en", page="pages/hotspots.py")
    app.segmented_control(key="hotspots_view").set_value("gi").run()
    shown = picture_colours(deferred[f"map_hotspots_gi_{DEMO_END}_4q_en.png"]())
    classes = set(read.district_summary(published_path(demo_template), "4q", DEMO_END)["hotspot_class"].dropna())
    assert {maps.GI_COLOURS[c] for c in classes} <= shown

"""The Overview's "Download briefing (PDF)" button: the briefing of the period and language on screen,
made only when the reader clicks (Streamlit's deferred download), read back with pypdf."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from etl.demo import QUARTERS as DEMO_QUARTERS
from ui.i18n import TEXT

DEMO_END = DEMO_QUARTERS[-1]


@pytest.fixture
def deferred(monkeypatch) -> dict:
    """The callables behind deferred download buttons, by file name: calling one is the reader's click."""
    made = {}
    original = MediaFileManager.add_deferred

    def record(self, data, mimetype, coordinates, file_name=None, **kwargs):
        made[file_name] = data
        return original(self, data, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return made


def text_of(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) in (1, 2)
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def test_the_button_offers_the_briefing_of_the_chosen_period_in_the_chosen_language(demo_template, open_app, deferred):
    app = open_app(demo_template, "en")
    (button,) = [b for b in app.get("download_button") if b.proto.label == TEXT["overview.briefing"]["en"]]
    assert button.proto.deferred_file_id  # nothing is made until the click
    text = text_of(deferred[f"briefing_{DEMO_END}_4q_en.pdf"]())
    assert "FourquarterstoQ3offiscalyear2026" in text and "SYNTHETICDEMODATA" in text

    app.segmented_control(key="window").set_value("quarter").run()
    app.sidebar.radio(key="lang").set_value("th").run()
    text = text_of(deferred[f"briefing_{DEMO_END}_1q_th.pdf"]())
    assert "ไตรมาส3ปีงบประมาณ2569" in text and "ข้อมูลตัวอย่าง" in text

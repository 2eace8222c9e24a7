"""`python -m etl briefing` as an executive's analyst runs it (in-process): it writes a real PDF, read back
with pypdf (a different library from the one that wrote it), from published figures only."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdf
import pytest

from core import quarters
from db import read
from db.snapshot import published_path
from etl.briefing.lines import wrap
from etl.demo import QUARTERS as DEMO_QUARTERS
from tests.helpers import area_sum, etl

DEMO_END = DEMO_QUARTERS[-1]
# The one count on the page, Bangkok's, on its card with its two changes (English).
CASES_CARD = re.compile(r"Cases reported\s+(\S+)\s+(.+?) on the previous period\s+(.+?) on a year before")
SMALL_COUNT = re.compile(r"(?<![\d.,])[1-4]\s*cases?\b", re.IGNORECASE)


def compact(text: str) -> str:
    """``text`` without white space: extractors differ on where they see spaces in Thai."""
    return re.sub(r"\s+", "", text)


def briefing(snapshot: Path, tmp_path: Path, *args: str) -> tuple[int, str]:
    """Run the command; the PDF's pages and its text layer as pypdf extracts it."""
    out = tmp_path / "briefing.pdf"
    done = etl("briefing", "--published", str(snapshot), "--out", str(out), *args)
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout
    reader = pypdf.PdfReader(out)
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("th", ["สรุปสถานการณ์ความรุนแรงในครอบครัว", "ไตรมาส3ปีงบประมาณ2569", "เม.ย.2569", "ข้อมูลตัวอย่าง"]),
        ("en", ["quarterlybriefing", "Q3offiscalyear2026", "Apr2026", "SYNTHETICDEMODATA"]),
    ],
)
def test_a_one_or_two_page_pdf_whose_text_layer_holds_the_words_and_every_district(demo_db, tmp_path, lang, words):
    snapshot = published_path(demo_db)
    demo_db.unlink()  # published figures only: the warehouse is not needed
    pages, text = briefing(snapshot, tmp_path, "--quarter", "FY2569Q3", "--window", "1q", "--lang", lang)
    assert pages in (1, 2)
    assert all(word in compact(text) for word in words)
    names = read.district_names(snapshot)[f"name_{lang}"]
    assert [name for name in names if compact(name) not in compact(text)] == []  # the map names all fifty


@pytest.mark.slow
def test_the_headline_figures_are_sums_of_protected_cells_with_their_changes(demo_shared, tmp_path):
    _, text = briefing(published_path(demo_shared), tmp_path, "--quarter", DEMO_END, "--lang", "en")
    text = compact(text)
    window = quarters.window(DEMO_END, 4)
    now, before = area_sum(demo_shared, window), area_sum(demo_shared, quarters.window(quarters.shift(DEMO_END, -1), 4))
    year_before = area_sum(demo_shared, quarters.window(quarters.shift(DEMO_END, -4), 4))
    assert f"Casesreported{now.text}" in text
    assert f"{now.value - before.value:+,.0f}onthepreviousperiod" in text
    assert f"{now.value - year_before.value:+,.0f}onayearbefore" in text
    assert f"calendarquarters{window[0]}–{window[-1]}" in text


@pytest.mark.slow
def test_no_count_from_one_to_four_appears(cases_db, tmp_path):
    """The hand-written cases hide districts of 3 and 4 cases; no count of 1 to 4 reaches the page."""
    snapshot = published_path(cases_db)
    for window in ("1q", "4q"):
        _, text = briefing(snapshot, tmp_path, "--quarter", "2025Q2", "--window", window, "--lang", "en")
        expected = area_sum(cases_db, quarters.window("2025Q2", 1 if window == "1q" else 4))
        (value, *changes) = CASES_CARD.search(text).groups()
        assert value == expected.text and int(value) >= 5
        changes = [int(c.replace(",", "")) for c in changes if re.fullmatch(r"[+-][\d,]+", c)]
        assert all(change % 5 == 0 for change in changes)  # differences of published multiples of 5
        assert SMALL_COUNT.findall(text) == []
        assert "SYNTHETIC" not in text  # hand-written data are not the demo's


def test_a_window_without_data_writes_nothing_and_a_missing_snapshot_says_what_to_do(demo_published, tmp_path):
    out = tmp_path / "b.pdf"
    done = etl("briefing", "--quarter", "2010Q1", "--published", str(demo_published), "--out", str(out))
    assert done.returncode == 1 and "No data" in done.stderr and not out.exists()
    done = etl("briefing", "--quarter", "2025Q2", "--published", str(tmp_path / "none.duckdb"), "--out", str(out))
    assert done.returncode == 3 and "python -m etl publish" in done.stderr and not out.exists()


def test_thai_lines_break_between_words_never_inside_a_syllable():
    text = "หลังเริ่มนำร่อง อัตราของชุมชนนำร่องเปลี่ยนไป -40.5 ต่อประชากร 100,000 คนต่อไตรมาส (ม.ค. 2568)"
    for width in range(8, 40):
        lines = wrap(text, width, len)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost, nothing added
        for line in lines[1:]:
            first = line[0]
            assert unicodedata.category(first) != "Mn" and first not in "ะาำๅๆ" and first not in ")"
        for line in lines[:-1]:
            assert line[-1] not in "เแโใไ(" and not line.endswith("-")

"""The Upload page in a real Chromium: what analysts do, end to end, and the words of Streamlit's file box.

The session's server and Chromium (tests/conftest.py) serve these journeys as they serve
tests/test_browser.py's; the server runs in local mode, so uploading is allowed on loopback. Each check,
load and revert runs ``python -m etl`` in a child process, as on a server, and a load or a revert publishes
before it answers.

Streamlit's file box refuses a file over its limit in the browser, before any upload, and says so in
English in a tooltip; the Upload page's CSS writes the reason in the reader's language in the tooltip and
under the box (a phone shows no tooltip: issue 16, defect 8).
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench.harness import Server, page_path
from bench.onscreen import (
    MAIN,
    SCREENSHOTS,
    grid,
    open_page,
    save_screenshot,
    shown_figures,
    wait_changed,
    wait_idle,
    wait_map_painted,
)
from db.connect import connect
from db.snapshot import published_path, read_status
from tests.helpers import latest_quarter, no_failures, page_url, table_checksums
from ui.i18n import t

pytestmark = pytest.mark.browser

UPLOAD = r"upload"  # the Upload page, found by its English title
PUBLISH_TIMEOUT_MS = 90_000  # a load or revert with its publish, on a busy two-core machine


def template(key: str, lang: str) -> re.Pattern:
    """A pattern matching the translated text ``key`` whatever its placeholders are filled with."""
    parts = re.split(r"\{[^}]*\}", t(key, lang))
    return re.compile(".+?".join(re.escape(part) for part in parts), re.DOTALL)


def choose(page: Page, combobox: Locator, text: str) -> None:
    """Pick the option holding ``text`` in a select box (a first click may only focus it, so retry).

    CSS selectors, not roles: an open list hides the rest of the page from the accessibility tree.
    """
    option = page.locator('[role="option"]').filter(has_text=text).first
    for _ in range(5):
        combobox.click()
        try:
            option.wait_for(timeout=2_000)
            break
        except PlaywrightTimeout:
            continue
    option.click()


def load_status(db: Path, file_name: str) -> list[tuple[int, str]]:
    """(load id, status) of every load of a file name (waiting while the server writes)."""
    with connect(db, read_only=True) as con:
        sql = "SELECT load_id, status FROM loads WHERE file_name = ? ORDER BY load_id"
        return con.execute(sql, [file_name]).fetchall()


def changed_pixels(before: bytes, after: bytes) -> int:
    """How many pixels differ between two screenshots of the same size."""
    first, second = (np.asarray(Image.open(BytesIO(png)).convert("RGB"), dtype=np.int16) for png in (before, after))
    return int((np.abs(first - second).max(axis=2) > 8).sum())


# --- journeys -------------------------------------------------------------------------


CASES_HEADER = "quarter,dist_code,violence_type,victim_group,cases_reported,cases_referred\n"
GOOD_CASES = CASES_HEADER + "{quarter},1001,physical,woman,5000,2500\n"  # Phra Nakhon's latest quarter, replaced
BAD_CASES = CASES_HEADER + (
    "{quarter},9999,physical,woman,5,1\n"  # row 2: no such district
    "{quarter},1002,physical,woman,-3,0\n"  # row 3: a negative count
    "{quarter},1003,physical,woman,4,9\n"  # row 4: more referred than reported
)
THAI_CASES = CASES_HEADER.replace("dist_code", "district") + "2025Q2,Dusit,ตบตี,woman,12,5\n"  # a Thai word no code has


def upload(page: Page, url: str, name: str, content: str, lang: str = "en") -> None:
    """Open the Upload page in ``lang`` as an analyst and give it a cases file."""
    open_page(page, url, lang)
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    expect(uploader, "local mode should unlock uploading on loopback").to_have_count(1)
    page.locator(f'{MAIN} [data-testid="stRadioOption"]').filter(has_text=t("upload.kind.cases", lang)).click()
    wait_idle(page)
    uploader.set_input_files(files=[{"name": name, "mimeType": "text/csv", "buffer": content.encode()}])


def text_rows(page: Page) -> list[list[str]]:
    """The rows of the main area's text tables (the Upload page's problems and notices), as cell texts."""
    return page.locator(MAIN).evaluate(
        "main => [...main.querySelectorAll('table.safespace-text tbody tr')]"
        ".map(row => [...row.cells].map(cell => cell.textContent))"
    )


def overview(page: Page, server: Server) -> tuple[tuple[list[str], list[list[str]]], bytes]:
    """The overview's figures and map, in Thai."""
    open_page(page, f"{server.url}/")
    png, _ = wait_map_painted(page)
    return shown_figures(page), png


def test_analyst_checks_confirms_rejects_and_reverts_an_upload(tab, app_server, site_pages):
    url = page_url(site_pages, UPLOAD)
    db = app_server.db
    quarter = latest_quarter(db)
    figures, map_before = overview(tab, app_server)
    state = table_checksums(db)

    # A good file: the dry run shows the difference and writes nothing.
    upload(tab, url, "browser_cases.csv", GOOD_CASES.format(quarter=quarter))
    confirm = tab.get_by_role("button", name=t("upload.confirm", "en"))
    expect(confirm).to_be_visible()
    expect(tab.locator('[data-testid="stAlert"]').filter(has_text=template("upload.valid", "en"))).to_be_visible()
    # The table of the difference replaces the page's earlier tables as the child process answers: poll.
    difference = wait_changed(lambda: [row for row in grid(tab) if "1001 Phra Nakhon" in row], [])
    assert any(re.fullmatch(r"5,?000", cell) for cell in difference[0]), grid(tab)
    assert "2,500" in difference[0], "cases referred after the load"
    assert table_checksums(db) == state, "a dry run writes nothing"
    save_screenshot(tab, "upload_dry_run_en")

    confirm.click()
    # The load publishes before it answers: every window of every quarter, some seconds on the demo.
    expect(tab.get_by_text(template("upload.loaded", "en"))).to_be_visible(timeout=PUBLISH_TIMEOUT_MS)
    [(load_id, status)] = load_status(db, "browser_cases.csv")
    assert status == "active"

    # The overview shows the new figures: Phra Nakhon (1001) jumps to the top class.
    figures_after, map_after = overview(tab, app_server)
    assert figures_after != figures
    assert changed_pixels(map_before, map_after) > 200

    # A bad file: every problem by row, and nothing written.
    loaded = table_checksums(db)
    upload(tab, url, "browser_bad_cases.csv", BAD_CASES.format(quarter=quarter))
    wait_idle(tab)  # the child process checks the file (seconds on a busy machine)
    expect(tab.locator('[data-testid="stAlert"]').filter(has_text=template("upload.rejected", "en"))).to_be_visible()
    # The problems' table appears when the child answers: poll.
    wait_changed(lambda: [row for row in text_rows(tab) if "9999" in row], [])
    problems = text_rows(tab)
    assert {row[0] for row in problems} == {"2", "3", "4"}, problems
    assert any("9999" in row for row in problems)
    save_screenshot(tab, "upload_rejected_en")
    expect(tab.get_by_role("button", name=t("upload.confirm", "en"))).to_have_count(0)
    assert table_checksums(db) == loaded, "a rejected file changes nothing"

    # Revert the good load: the earlier figures are back once it has published.
    publish_time = read_status(published_path(db)).attempted_at
    open_page(tab, url, "en")
    form = tab.locator('[data-testid="stForm"]').filter(has_text=t("upload.revert_which", "en"))
    choose(tab, form.locator('input[role="combobox"]'), "browser_cases.csv")
    form.get_by_text(t("upload.revert_sure", "en")).click()
    form.get_by_role("button", name=t("upload.revert", "en")).click()
    wait_changed(lambda: load_status(db, "browser_cases.csv"), [(load_id, "active")])
    wait_changed(lambda: read_status(published_path(db)).attempted_at, publish_time, PUBLISH_TIMEOUT_MS / 1000)
    assert load_status(db, "browser_cases.csv") == [(load_id, "reverted")]
    figures_reverted, map_reverted = overview(tab, app_server)
    assert figures_reverted == figures
    assert changed_pixels(map_before, map_reverted) < 50


def after_text(page: Page, selector: str) -> str:
    """The words CSS writes after the first element matching ``selector`` (empty when none)."""
    return page.locator(selector).first.evaluate("e => getComputedStyle(e, '::after').content.slice(1, -1)")


def test_the_upload_page_speaks_thai_and_shows_each_problem_in_full(tab, site_pages):
    # Streamlit's own words in the file box ("Upload", "50MB per file") are replaced by Thai ones.
    box = '[data-testid="stFileUploaderDropzone"]'
    open_page(tab, page_url(site_pages, UPLOAD), "th")
    button = f'{box} button[kind="secondary"] [data-testid="stMarkdownContainer"] p'
    expect(tab.locator(button)).to_have_count(1)
    assert after_text(tab, button) == t("upload.box.button", "th")
    limit = after_text(tab, '[data-testid="stFileUploaderDropzoneInstructions"] span')
    assert limit.startswith("ไม่เกิน 50 MB ต่อไฟล์") and "XLSX" in limit
    for english in ("Upload", "50MB per file • CSV, TSV, TXT, XLSX"):  # kept for screen readers, drawn at size 0
        shown = tab.locator(box).get_by_text(english, exact=True)
        assert shown.evaluate("e => getComputedStyle(e).fontSize") == "0px"
    save_screenshot(tab, "upload_box_th")

    # A bad file: the Thai message lists the Thai words a file may use, wrapped, never cut.
    upload(tab, page_url(site_pages, UPLOAD), "browser_thai_cases.csv", THAI_CASES, "th")
    rows = wait_changed(lambda: text_rows(tab), [])
    (problem,) = [row for row in rows if row[2] == "ตบตี"]
    for code, thai in (("physical", "ร่างกาย"), ("neglect", "ละเลยทอดทิ้ง"), ("other", "อื่นๆ")):
        assert code in problem[3] and thai in problem[3]
    cells = tab.locator(f"{MAIN} table.safespace-text td")
    clipped = cells.evaluate_all("cells => cells.filter(c => c.scrollWidth > c.clientWidth + 1).length")
    assert clipped == 0
    save_screenshot(tab, "upload_rejected_th")
    expect(tab.locator('[data-testid="stException"]')).to_have_count(0)  # the rejection is the only error box


@pytest.mark.parametrize("width", [390, 1440])
def test_a_file_over_the_limit_is_refused_in_thai(tab, app_server, tmp_path, width):
    big = tmp_path / "big.csv"
    big.write_bytes(b"quarter\n" + b"a" * 51 * 1024 * 1024)  # over the box's 50 MB
    tab.set_viewport_size({"width": width, "height": 1000})
    open_page(tab, f"{app_server.url}{page_path('pages/upload.py')}", "th")
    tab.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(big)
    chip = tab.locator('[data-testid="stFileChip"][aria-invalid="true"]')
    chip.hover()
    tooltip = tab.locator('[data-testid="stTooltipErrorContent"]')
    tooltip.wait_for()
    shown_in_tooltip = tooltip.evaluate("e => [getComputedStyle(e).fontSize, getComputedStyle(e, '::after').content]")
    under_box = tab.locator('[data-testid="stFileUploader"]').evaluate("e => getComputedStyle(e, '::after').content")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=SCREENSHOTS / f"upload_refused_th_{width}.png")
    no_failures(tab)
    refused = t("upload.box.refused", "th").format(types="CSV, TSV, TXT, XLSX", mb="50")
    assert shown_in_tooltip == ["0px", f'"{refused}"']  # Streamlit's English at size 0, ours after it
    assert under_box == f'"{refused}"'

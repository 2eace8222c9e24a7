"""The dashboard in a real Chromium: what executives, planners and analysts do, end to end.

One Streamlit server (on a copy of the demo database, local mode, a free
port of 127.0.0.1) and one headless Chromium serve the session (fixtures in
conftest.py, shared with the other browser modules); each test gets its device's tab on a
blank page (``tab``, a desktop's or a phone's browser), so a fresh Streamlit session. Without
Chromium the tests skip, unless ``SAFESPACE_REQUIRE_BROWSER=1`` (CI), when
they fail. A journey on a page that is not in the navigation yet skips.
Screenshots land in ``tests/screenshots/`` for a person to look at.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import TypeVar

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import ConsoleMessage, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench.harness import (
    MAP,
    SCREENSHOTS,
    Server,
    map_pixels,
    navigation_pages,
    open_page,
    save_screenshot,
    streamlit_server,
    table_text,
    wait_idle,
    wait_map_painted,
)
from core import quarters
from db.connect import connect
from db.snapshot import published_path, read_status
from tests.helpers import copy_with_snapshot, no_failures, table_checksums
from ui.i18n import LANGS, t
from ui.periods import quarter_label

pytestmark = pytest.mark.browser

T = TypeVar("T")
SIDEBAR = '[data-testid="stSidebar"]'
MAIN = '[data-testid="stMain"]'
# Pages of the navigation, found by their English title.
PILOTS, UPLOAD = r"pilot", r"upload"
PILOT_NAMES = ("ไทยเกรียง", "วัดสวัสดิ์วารีสีมาราม")


PUBLISH_TIMEOUT_MS = 90_000  # a load or revert with its publish, on a busy two-core machine

# --- fixtures -------------------------------------------------------------------------


# --- helpers --------------------------------------------------------------------------


def page_url(site_pages: dict[str, str], title: str) -> str:
    """The address of the page whose English title matches ``title``; skip when it is not built yet."""
    for name, url in site_pages.items():
        if re.search(title, name, re.IGNORECASE):
            return url
    pytest.skip(f"page not built yet: no navigation link matching {title!r} in {sorted(site_pages)}")


def wait_changed(read: Callable[[], T], before: T, timeout: float = 30.0) -> T:
    """Poll ``read()`` until it differs from ``before``; the new value."""
    deadline = time.monotonic() + timeout
    while (now := read()) == before:
        if time.monotonic() > deadline:
            raise AssertionError(f"still {before!r} after {timeout:g} s")
        time.sleep(0.1)
    return now


def template(key: str, lang: str) -> re.Pattern:
    """A pattern matching the translated text ``key`` whatever its placeholders are filled with."""
    parts = re.split(r"\{[^}]*\}", t(key, lang))
    return re.compile(".+?".join(re.escape(part) for part in parts), re.DOTALL)


def grid(page: Page, nth: int = 0) -> list[list[str]]:
    """The rendered rows of the ``nth`` data frame of the main area, as cell texts."""
    frame = page.locator(f"{MAIN} [data-testid=stDataFrame]").nth(nth)
    frame.locator('[data-testid^="glide-cell-"]').first.wait_for(state="attached")  # an off-screen mirror
    cells = frame.evaluate(
        "frame => [...frame.querySelectorAll('[data-testid^=glide-cell-]')]"
        ".map(cell => [cell.dataset.testid, cell.textContent])"
    )
    rows: dict[int, dict[int, str]] = {}
    for testid, text in cells:
        column, row = map(int, testid.removeprefix("glide-cell-").split("-"))
        rows.setdefault(row, {})[column] = text
    return [[row[c] for c in sorted(row)] for _, row in sorted(rows.items())]


def sidebar_quarter(page: Page) -> str:
    """The chosen quarter as the sidebar spells it out (in bold)."""
    return page.locator(f"{SIDEBAR} strong").first.inner_text()


def shown_figures(page: Page) -> tuple[list[str], list[list[str]]]:
    """What an executive reads: KPI card values and the first rows of the page's first table."""
    metrics = page.locator(f'{MAIN} [data-testid="stMetricValue"]').all_inner_texts()
    return metrics, grid(page)[:5]


def choose_language(page: Page, lang: str, title: str = "overview.title") -> None:
    """Pick ``lang`` in the sidebar's language switch (options in the order of ``LANGS``) and wait for the rerun
    to show the page's ``title`` (a text key) in it."""
    current = "th" if lang == "en" else "en"
    switch = page.locator(SIDEBAR).get_by_role("radiogroup", name=t("sidebar.language", current))
    switch.locator('[data-testid="stRadioOption"]').nth(LANGS.index(lang)).click()
    expect(page.locator(f"{MAIN} h1").first).to_have_text(t(title, lang))
    wait_idle(page)


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


def latest_quarter(db: Path) -> str:
    """The latest quarter with case data in force."""
    with connect(db, read_only=True) as con:
        return con.execute("SELECT max(quarter) FROM current_case_counts").fetchall()[0][0]


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


FIRST_REQUESTS = ["overview", *(Path(page).stem for page in navigation_pages()[-1:])]


@pytest.mark.parametrize("path", FIRST_REQUESTS)
def test_a_first_request_straight_to_a_page_gets_the_whole_dashboard(tab, demo_template, tmp_path, path):
    """A bookmark opened right after a restart: Streamlit's legacy ``pages/`` mode must not take over.

    Legacy mode would run the page file alone: no sidebar, no database setting, an empty page. Only a
    server's first request can show it, so each case has its own server. ``/overview`` is the
    default page's file name (the default page itself lives at ``/``); the other case is the
    navigation's last page (the Methods page: no map to paint). Maps are the every-page module's to check
    (tests/test_browser_pages.py).
    """
    db = copy_with_snapshot(demo_template, tmp_path / "demo.duckdb")
    with streamlit_server(db, tmp_path / "streamlit.log") as server:
        open_page(tab, f"{server.url}/{path}")
        expect(tab.locator(f'{SIDEBAR} [data-testid="stRadio"]').first).to_be_visible()
        expect(tab.locator('[data-testid="stSidebarNav"]')).to_be_visible()
        expect(tab.get_by_text(t("overview.no_cases", "th"))).to_have_count(0)
        no_failures(tab)
        if path == "overview":
            expect(tab.locator(f"{MAIN} h1").first).to_have_text(t("overview.title", "th"))
        else:
            expect(tab.get_by_role("dialog"), "no 'Page not found'").to_have_count(0)


def settled(page: Page, before: bytes, timeout: float = 20.0) -> bytes:
    """The map's canvas once it differs from ``before`` and has stopped changing."""
    deadline, last = time.monotonic() + timeout, before
    while time.monotonic() < deadline:
        time.sleep(0.5)
        png, _ = map_pixels(page)
        if png == last and png != before:
            return png
        last = png
    raise AssertionError(f"the map did not settle on a new picture within {timeout:g} s")


def test_executive_sees_the_map_zooms_out_switches_language_and_steps_back_a_quarter(tab, app_server):
    """The overview as an executive uses it, from its map to an earlier quarter.

    A mouse-wheel zoom re-places the district names in the browser (issue 16, defect 3): the server places
    them for the zoom a map opens at, deck.gl's CollisionFilterExtension in Streamlit's deck.gl on every
    zoom. Streamlit drops an extension its deck.gl does not register, with a warning in the console: that
    is what this catches. Which names show is not measured from pixels (the fills shrink and grow with the
    zoom as much as the text does): the screenshots before and after the zoom land in ``tests/screenshots/``
    for a person to look at.
    """
    console: list[str] = []

    def keep(message: ConsoleMessage) -> None:
        console.append(message.text)

    tab.on("console", keep)
    try:
        open_page(tab, f"{app_server.url}/")
        expect(tab.locator('[data-testid="stAlert"]').filter(has_text=t("banner.synthetic", "th"))).to_be_visible()
        expect(tab.locator(f"{MAIN} h1").first).to_have_text(t("overview.title", "th"))
        expect(tab.locator(f'{MAIN} [data-testid="stMetric"]').first).to_be_visible()  # the KPI cards
        png, coloured = wait_map_painted(tab)
        assert coloured > 50_000, "the district choropleth covers a large part of the canvas"
        no_failures(tab)

        first = settled(tab, b"")  # the names are placed once the fonts have arrived
        box = tab.locator(MAP).first.locator("canvas").first.bounding_box()
        tab.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        for _ in range(2):
            tab.mouse.wheel(0, 120)  # two notches out
            time.sleep(0.3)
        farther = settled(tab, first)
    finally:
        tab.remove_listener("console", keep)  # the tab serves the next tests (tests/conftest.py)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, picture in (("executive_map_th", png), ("labels_first_view", first), ("labels_wheel_out", farther)):
        (SCREENSHOTS / f"{name}.png").write_bytes(picture)
    assert farther != first  # the wheel reached the map
    assert not [text for text in console if "unregistered deck.gl layer extension" in text.lower()]

    choose_language(tab, "en")
    expect(tab.locator('[data-testid="stAlert"]').filter(has_text=t("banner.synthetic", "en"))).to_be_visible()
    assert "lang=en" in tab.url  # a link reopens the same view
    wait_map_painted(tab)
    choose_language(tab, "th")

    quarter, figures = sidebar_quarter(tab), shown_figures(tab)
    slider = tab.locator(SIDEBAR).get_by_role("slider").first
    slider.focus()
    slider.press("ArrowLeft")
    earlier = wait_changed(lambda: sidebar_quarter(tab), quarter)
    wait_idle(tab)
    assert "ไตรมาส" in earlier and "ปีงบประมาณ" in earlier  # a fiscal quarter, with its fiscal year
    wait_changed(lambda: shown_figures(tab), figures)
    wait_map_painted(tab)
    no_failures(tab)


def test_planner_finds_the_two_named_pilots(tab, site_pages):
    """In Thai, as the pilots' own names are written (the English names are the page tests' to check)."""
    open_page(tab, page_url(site_pages, PILOTS), "th")
    wait_map_painted(tab)
    tables = table_text(tab)
    for name in PILOT_NAMES:
        assert name in tables, f"{name} is not in the pilot table"
    no_failures(tab)


def test_a_shared_link_opens_its_view_and_follows_every_change(tab, app_server, site_pages):
    """A link with one district the dashboard does not know: the rest of the link applies, a notice names the
    part it could not use, and nothing fails."""
    hotspots = page_url(site_pages, r"hot")
    quarter = quarters.shift(latest_quarter(app_server.db), -2)
    open_page(tab, f"{hotspots}?quarter={quarter}&window=fytd&district=1002,9999&view=gi", "en")
    assert sidebar_quarter(tab).startswith(quarter_label(quarter, "en").split(" (")[0])  # the quarter asked for
    expect(tab.locator(SIDEBAR).get_by_text("Dusit").first).to_be_visible()  # the district filter
    expect(tab.get_by_text(t("hotspots.legend.gi", "en")).first).to_be_visible()  # the Gi* map view
    expect(tab.get_by_text(re.compile(r"Part of this link could not be used \(district\)"))).to_be_visible()
    no_failures(tab)
    choose_language(tab, "th", "hotspots.title")  # the address follows; the view stays as the link set it
    for part in ("lang=th", f"quarter={quarter}", "window=fytd", "district=1002", "view=gi"):
        assert part in tab.url, f"{part} is not in {tab.url}"
    assert "9999" not in tab.url


CASES_HEADER = "quarter,dist_code,violence_type,victim_group,cases_reported,cases_referred\n"
GOOD_CASES = CASES_HEADER + "{quarter},1001,physical,woman,5000,2500\n"  # Phra Nakhon's latest quarter, replaced
BAD_CASES = CASES_HEADER + (
    "{quarter},9999,physical,woman,5,1\n"  # row 2: no such district
    "{quarter},1002,physical,woman,-3,0\n"  # row 3: a negative count
    "{quarter},1003,physical,woman,4,9\n"  # row 4: more referred than reported
)


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


THAI_CASES = CASES_HEADER.replace("dist_code", "district") + "2025Q2,Dusit,ตบตี,woman,12,5\n"

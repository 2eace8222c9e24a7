"""What a dashboard page shows in Chromium, as a person would check it on screen.

The app has finished running, the map canvas shows colour and has settled,
a table holds a name, the figures changed. For the browser journeys
(tests/test_browser*.py) and the benchmark (bench/); the server and the
browser are :mod:`bench.harness`'s.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
from PIL import Image
from playwright.sync_api import Locator, Page

from bench.harness import ROOT, VIEWPORT

__all__ = [
    "FAILURES",
    "MAIN",
    "MAP",
    "SCREENSHOTS",
    "coloured_pixels",
    "failure_text",
    "grid",
    "map_pixels",
    "nav_links",
    "open_page",
    "save_screenshot",
    "settled",
    "shown_figures",
    "table_text",
    "wait_changed",
    "wait_idle",
    "wait_map_painted",
]

T = TypeVar("T")
SCREENSHOTS = ROOT / "tests" / "screenshots"
APP = '[data-testid="stApp"]'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SKELETON = '[data-testid="stSkeleton"]'
MAIN = '[data-testid="stMain"]'
MAP = '[data-testid="stDeckGlJsonChart"]'
FAILURES = '[data-testid="stException"], [data-testid="stAlertContentError"]'
# A pixel is coloured when its channels differ by more than this: white, the
# greys of suppressed districts and outlines, and black text all differ by 0.
MIN_SPREAD = 40
# A painted map colours at least this share of its canvas: a choropleth of Bangkok colours
# about 40 %, a map of community points on plain districts about 0.4 %; a blank canvas none.
PAINTED_SHARE = 0.002
FIRST_LOOK_S, LAST_LOOK_S = 0.1, 1.0  # pauses between looks at a map that is still painting


# A page's first run on a fresh server may take long on a busy 2-core machine (imports, the first reads of the
# snapshot, the Planning page's first site recommendation). Waiting is not timing: speed is measured by
# `python -m bench`, never asserted here.
FIRST_RUN_MS = 120_000


def wait_idle(page: Page, timeout: float = FIRST_RUN_MS) -> None:
    """Wait until the script has finished its run and the page shows its final elements."""
    page.wait_for_selector(IDLE, timeout=timeout)


def open_page(page: Page, url: str, lang: str = "th") -> None:
    """Open ``url`` in ``lang`` (a new Streamlit session) and wait until it is all drawn.

    Drawn means: the first run is done, the lazily loaded element code has
    arrived and no placeholder is left (maps may still be painting).
    """
    page.goto(f"{url}{'&' if '?' in url else '?'}lang={lang}")
    page.wait_for_selector(APP)
    page.wait_for_selector('[data-testid="stMain"] [data-testid="stElementContainer"]')
    wait_idle(page)
    page.wait_for_load_state("networkidle")
    page.wait_for_selector(SKELETON, state="detached")


def coloured_pixels(png: bytes) -> int:
    """How many pixels of a PNG are neither white, grey nor black.

    >>> image = Image.new("RGB", (4, 1), (255, 255, 255))
    >>> image.putpixel((0, 0), (189, 0, 38)); image.putpixel((1, 0), (115, 115, 115))
    >>> buffer = io.BytesIO(); image.save(buffer, "PNG"); coloured_pixels(buffer.getvalue())
    1
    """
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=np.int16)
    spread = rgb.max(axis=2) - rgb.min(axis=2)
    return int((spread > MIN_SPREAD).sum())


def _canvas(page: Page, index: int) -> Locator:
    return page.locator(MAP).nth(index).locator("canvas").first


def map_pixels(page: Page, index: int = 0) -> tuple[bytes, int]:
    """A screenshot of the ``index``-th map's canvas and its count of coloured pixels."""
    png = _canvas(page, index).screenshot()
    return png, coloured_pixels(png)


def failure_text(page: Page) -> str | None:
    """The text of the first exception box or error message on the page, None when there is none."""
    shown = page.locator(FAILURES)
    return shown.first.inner_text() if shown.count() else None


def wait_map_painted(
    page: Page, index: int = 0, timeout: float = 30.0, every: float | None = None
) -> tuple[bytes, int]:
    """Poll the ``index``-th map canvas until it shows colour; its screenshot and coloured pixels.

    Each look is a screenshot, a PNG for the browser to make and for us to read, so looking often slows the
    painting it waits for: by default the looks come ever more slowly (:data:`FIRST_LOOK_S`, half as long
    again each time, at most :data:`LAST_LOOK_S`); ``every`` fixes the pause (the benchmark's timings).

    Raises AssertionError when the page shows an error instead, or the map
    is still missing or blank after ``timeout`` seconds.
    """
    canvas = _canvas(page, index)
    deadline = time.monotonic() + timeout
    count, needed, pause = 0, None, every or FIRST_LOOK_S
    while True:
        if (failure := failure_text(page)) is not None:
            raise AssertionError(f"the page shows an error instead of its map: {failure[:300]}")
        if needed is None and canvas.count() and (box := canvas.bounding_box()):
            needed = max(1, int(PAINTED_SHARE * box["width"] * box["height"]))
        if needed is not None:
            png, count = map_pixels(page, index)
            if count >= needed:
                return png, count
        if time.monotonic() > deadline:
            state = "no map canvas" if needed is None else f"{count} coloured pixels < {needed}"
            raise AssertionError(f"map not painted after {timeout:g} s: {state}")
        time.sleep(pause)
        pause = every or min(LAST_LOOK_S, pause * 1.5)


def settled(page: Page, before: bytes, timeout: float = 20.0) -> bytes:
    """The first map's canvas once it differs from ``before`` and has stopped changing."""
    deadline, last = time.monotonic() + timeout, before
    while time.monotonic() < deadline:
        time.sleep(0.5)
        png, _ = map_pixels(page)
        if png == last and png != before:
            return png
        last = png
    raise AssertionError(f"the map did not settle on a new picture within {timeout:g} s")


def wait_changed(read: Callable[[], T], before: T, timeout: float = 30.0) -> T:
    """Poll ``read()`` until it differs from ``before``; the new value."""
    deadline = time.monotonic() + timeout
    while (now := read()) == before:
        if time.monotonic() > deadline:
            raise AssertionError(f"still {before!r} after {timeout:g} s")
        time.sleep(0.1)
    return now


def nav_links(page: Page) -> dict[str, str]:
    """The sidebar navigation: page title -> address (empty with a single page, which has no menu)."""
    links = page.locator('[data-testid="stSidebarNav"] a')
    return {
        link.locator('[data-testid="stMarkdownContainer"]').inner_text().strip(): link.get_attribute("href")
        for link in links.all()
    }


_TABLES = "[...document.querySelectorAll('[data-testid=stMain] :is([data-testid=stDataFrame], [data-testid=stTable])')]"


def table_text(page: Page, timeout: float = 30.0) -> str:
    """The text of every table and data frame in the main area, rendered rows only.

    A data frame draws on a canvas and writes its rows for assistive technology a moment after the page's run
    ends: wait up to ``timeout`` seconds until every table has some text.
    """
    page.wait_for_function(f"{_TABLES}.every(table => table.textContent.trim())", timeout=timeout * 1000)
    return page.evaluate(f"{_TABLES}.map(table => table.textContent).join('\\n')")


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


def shown_figures(page: Page) -> tuple[list[str], list[list[str]]]:
    """What an executive reads: KPI card values and the first rows of the page's first table."""
    metrics = page.locator(f'{MAIN} [data-testid="stMetricValue"]').all_inner_texts()
    return metrics, grid(page)[:5]


def save_screenshot(page: Page, name: str) -> Path:
    """Save the whole page (the app scrolls inside its own container) as ``tests/screenshots/<name>.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    view = page.viewport_size or VIEWPORT
    tall = {"width": view["width"], "height": max(view["height"], min(int(height), 8000))}
    path = SCREENSHOTS / f"{name}.png"
    page.set_viewport_size(tall)
    try:
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        for index in range(page.locator(MAP).count()):  # maps redraw after the resize
            wait_map_painted(page, index)
        page.screenshot(path=path)
    finally:
        page.set_viewport_size(view)
    return path

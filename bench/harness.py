"""Helpers for the browser journeys (tests/test_browser.py) and the benchmark (bench/).

A real Streamlit server on a free loopback port, Debian's Chromium driven
by Playwright, and what a person would check on screen: the app has
finished running, the map canvas shows colour, a table holds a name.
Nothing here leaves 127.0.0.1.
"""

from __future__ import annotations

import ast
import io
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image
from playwright.sync_api import Browser, Locator, Page, Playwright

__all__ = [
    "CHROMIUM_ARGS",
    "DASHBOARD",
    "FAILURES",
    "MAP",
    "PHONE",
    "REQUIRE_ENV",
    "ROOT",
    "SCREENSHOTS",
    "VIEWPORT",
    "Server",
    "browser_required",
    "chromium_executable",
    "coloured_pixels",
    "failure_text",
    "launch_chromium",
    "map_pixels",
    "nav_links",
    "navigation_pages",
    "open_page",
    "page_path",
    "save_screenshot",
    "streamlit_server",
    "table_text",
    "wait_idle",
    "wait_map_painted",
]

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "tests" / "screenshots"
REQUIRE_ENV = "SAFESPACE_REQUIRE_BROWSER"
DASHBOARD = ROOT / "dashboard.py"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
VIEWPORT = {"width": 1400, "height": 1000}
# A phone's browser: 390 px wide, touch, and an iPhone's User-Agent (which gets the phone's map views).
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "user_agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
}
APP = '[data-testid="stApp"]'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SKELETON = '[data-testid="stSkeleton"]'
MAP = '[data-testid="stDeckGlJsonChart"]'
FAILURES = '[data-testid="stException"], [data-testid="stAlertContentError"]'
# A pixel is coloured when its channels differ by more than this: white, the
# greys of suppressed districts and outlines, and black text all differ by 0.
MIN_SPREAD = 40
# A painted map colours at least this share of its canvas: a choropleth of Bangkok colours
# about 40 %, a map of community points on plain districts about 0.4 %; a blank canvas none.
PAINTED_SHARE = 0.002
FIRST_LOOK_S, LAST_LOOK_S = 0.1, 1.0  # pauses between looks at a map that is still painting


def chromium_executable() -> str | None:
    """Debian's Chromium on PATH, or None."""
    return shutil.which("chromium")


def browser_required() -> bool:
    """Whether a missing browser is a failure (CI sets ``SAFESPACE_REQUIRE_BROWSER=1``), not a skip."""
    return os.environ.get(REQUIRE_ENV, "").strip().lower() in {"1", "true", "yes"}


def launch_chromium(playwright: Playwright, executable: str) -> Browser:
    """Start headless Chromium from ``executable`` with the flags that keep it offline and quiet."""
    return playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))


# --- the server ---------------------------------------------------------------


@dataclass(frozen=True)
class Server:
    """A running ``streamlit run dashboard.py``: its address, database and log file."""

    url: str
    db: Path
    log: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _healthy(url: str) -> bool:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only, never a proxy
    try:
        with opener.open(f"{url}/_stcore/health", timeout=2) as response:
            return response.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


def _log_tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def _stop(process: subprocess.Popen) -> None:
    """End the server's whole process group: politely, then firmly."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@contextmanager
def streamlit_server(
    db: Path, log: Path, *, timeout: float = 60.0, env: Mapping[str, str] | None = None
) -> Iterator[Server]:
    """Run the dashboard on ``db`` at a free port of 127.0.0.1 until the block ends.

    The server runs in local mode (uploads allowed on loopback) with no file
    watcher, in its own process group, which is killed on exit. Waits at
    most ``timeout`` seconds for ``/_stcore/health`` to answer ``ok``.
    """
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "dashboard.py"),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        "--",
        "--db",
        str(db),
    ]
    environment = {**os.environ, "SAFESPACE_LOCAL_MODE": "1", **(env or {})}
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(url):
            if process.poll() is not None:
                raise RuntimeError(f"streamlit exited with code {process.returncode}:\n{_log_tail(log)}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit was not healthy after {timeout:g} s:\n{_log_tail(log)}")
            time.sleep(0.2)
        yield Server(url, db, log)
    finally:
        _stop(process)


# --- what the page shows --------------------------------------------------------


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


def _page_calls(dashboard: Path) -> list[tuple[str, bool]]:
    """``(page file, default)`` of each ``st.Page("pages/….py", …)`` call in ``dashboard``, in source order."""
    calls = []
    for node in ast.walk(ast.parse(dashboard.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "Page"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and str(node.args[0].value).startswith("pages/")
        ):
            default = any(k.arg == "default" and getattr(k.value, "value", None) is True for k in node.keywords)
            calls.append(((node.lineno, node.col_offset), node.args[0].value, default))
    return [(page, default) for _, page, default in sorted(calls)]


def navigation_pages(dashboard: Path = DASHBOARD) -> list[str]:
    """The page files in dashboard.py's navigation, in menu order (parsed, not run).

    >>> import tempfile
    >>> entry = Path(tempfile.mkdtemp()) / "dashboard.py"
    >>> calls = 'st.Page("pages/a.py", title=t("a")), st.Page("pages/b.py", default=True)'
    >>> _ = entry.write_text(f"st.navigation([{calls}])")
    >>> navigation_pages(entry), page_path("pages/a.py", entry), page_path("pages/b.py", entry)
    (['pages/a.py', 'pages/b.py'], '/a', '/')
    """
    return [page for page, _ in _page_calls(dashboard)]


def page_path(page_file: str, dashboard: Path = DASHBOARD) -> str:
    """The address of a page: ``/`` for the default page (the first unless one says ``default=True``), else its name.

    Streamlit serves the default page only at ``/``: its own name there brings a "Page not found" dialog.
    """
    calls = _page_calls(dashboard)
    default = next((page for page, is_default in calls if is_default), calls[0][0] if calls else None)
    return "/" if page_file == default else f"/{Path(page_file).stem}"


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

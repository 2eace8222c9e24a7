"""Time from navigation to a painted map in Debian's Chromium, per page.

A real server (bench/harness.py starts it on a free loopback port) and a
headless Chromium with the same flags as the browser tests; painted means
the map's canvas shows colour (its screenshot is polled, so figures are
accurate to about a fifth of a second). Cold: the first visit to the page
since the server started, in a browser with an empty cache. Warm: the
median of later visits in one browser profile (scripts cached, like a
returning user).
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

from bench.harness import VIEWPORT, chromium_executable, launch_chromium, page_path, streamlit_server
from bench.onscreen import wait_map_painted
from bench.report import Measure

__all__ = ["PAINT_TARGET_S", "PaintTiming", "paint_measures", "paint_times"]

PAINT_TARGET_S = 3.0
TIMEOUT_S = 90.0


@dataclass(frozen=True)
class PaintTiming:
    """One page's cold and warm time to a painted map, or why there is none."""

    page: str
    cold_s: float | None
    warm_s: float | None
    problem: str = ""


def _painted_after(browser_or_context, url: str) -> float:
    """Seconds from starting the navigation to ``url`` until its first map shows colour."""
    page = browser_or_context.new_page()
    try:
        start = time.perf_counter()
        page.goto(url, wait_until="commit")
        wait_map_painted(page, timeout=TIMEOUT_S, every=0.05)  # a fine timing, as the earlier results
        return time.perf_counter() - start
    finally:
        page.close()


def _page_url(base: str, page: str) -> str:
    """The address Streamlit gives a page file, in Thai."""
    return f"{base}{page_path(page)}?lang=th"


def _timing(browser: Browser, url: str, page: str, warm_visits: int) -> PaintTiming:
    cold_context, context = browser.new_context(viewport=VIEWPORT), browser.new_context(viewport=VIEWPORT)
    try:
        cold = _painted_after(cold_context, url)
        _painted_after(context, url)  # fills the browser cache
        warm = statistics.median(_painted_after(context, url) for _ in range(warm_visits))
        return PaintTiming(page, cold, warm)
    except AssertionError as exc:  # the page showed an error, or no map
        return PaintTiming(page, None, None, str(exc).splitlines()[0][:120])
    finally:
        cold_context.close()
        context.close()


def _visit(browser: Browser, base: str, pages: list[str], warm_visits: int) -> list[PaintTiming]:
    return [_timing(browser, _page_url(base, page), page, warm_visits) for page in pages]


def paint_times(db: Path, pages: list[str], log: Path, warm_visits: int = 3) -> list[PaintTiming] | None:
    """Paint times of the pages that have a map, on a server for ``db``; None without Chromium."""
    executable = chromium_executable()
    if executable is None or not pages:
        return None
    with streamlit_server(db, log) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright, executable)
        try:
            return _visit(browser, server.url, pages, warm_visits)
        finally:
            browser.close()


def paint_measures(section: str, timings: list[PaintTiming] | None) -> list[Measure]:
    """The table rows for paint timings (one row saying why when there are none)."""
    if timings is None:
        return [Measure(section, "map painted", None, "s", note="not measured: no Chromium on PATH, or no map")]
    measures = []
    for timing in timings:
        name = Path(timing.page).stem
        measures += [
            Measure(
                section, f"{name} map painted, cold", timing.cold_s, "s", target=PAINT_TARGET_S, note=timing.problem
            ),
            Measure(section, f"{name} map painted, warm", timing.warm_s, "s", target=PAINT_TARGET_S),
        ]
    return measures

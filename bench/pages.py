"""Server time of every page with Streamlit's AppTest, and the size of each map sent to the browser.

Pages come from the navigation list in dashboard.py
(:func:`bench.harness.navigation_pages`), so a new page is measured
without touching this module. A cold run is a fresh session with
empty caches (``st.cache_data`` and ``st.cache_resource`` cleared); a warm
run is the same session run again, as after a widget change that needs no
new data. Python's imports are paid once per server process: that is
measured apart, in a new process (:func:`first_run_seconds`).
"""

from __future__ import annotations

import json
import logging
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.harness import DASHBOARD
from bench.report import Measure

__all__ = [
    "COLD_TARGET_S",
    "PAYLOAD_TARGET_KB",
    "WARM_TARGET_MS",
    "PageTiming",
    "first_run_seconds",
    "missing_pages",
    "page_measures",
    "time_pages",
]

WARM_TARGET_MS = 100.0  # viewers do no statistics at render time: a warm rerun only reads and draws
COLD_TARGET_S = 1.5  # the first page after a server start
PAYLOAD_TARGET_KB = 250.0
TIMEOUT_S = 300
# They warn on every cache clear and run that no server is running, which is the point of AppTest.
BARE_MODE_LOGGERS = (
    "streamlit.runtime.caching.cache_data_api",
    "streamlit.runtime.caching.cache_resource_api",
    "streamlit.runtime.scriptrunner_utils.script_run_context",
)
WARM_RERUNS = 3  # per session; the warm figure is the median of all of them


@dataclass
class PageTiming:
    """One page's medians, its maps' JSON sizes and anything it showed as an error."""

    page: str
    cold_s: float
    warm_s: float
    map_bytes: list[int] = field(default_factory=list)
    problem: str = ""


def missing_pages(pages: list[str], dashboard: Path = DASHBOARD) -> list[str]:
    """The pages listed in the navigation whose file does not exist (the app cannot start with them)."""
    return [page for page in pages if not (dashboard.parent / page).is_file()]


@contextmanager
def _database(db: Path) -> Iterator[None]:
    """Point the dashboard at ``db`` (it reads ``SAFESPACE_DB``) for the duration."""
    before = os.environ.get("SAFESPACE_DB")
    os.environ["SAFESPACE_DB"] = str(db)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SAFESPACE_DB", None)
        else:
            os.environ["SAFESPACE_DB"] = before


def _problem(app) -> str:
    shown = [str(e.value) for e in app.exception] + [str(e.value) for e in app.error]
    return shown[0][:120] if shown else ""


def _quiet() -> None:
    """Silence Streamlit's warnings about running without a server (AppTest's normal state)."""
    for name in BARE_MODE_LOGGERS:
        logging.getLogger(name).disabled = True


def _timed_run(app) -> float:
    start = time.perf_counter()
    app.run(timeout=TIMEOUT_S)
    return time.perf_counter() - start


def time_pages(db: Path, pages: list[str], runs: int) -> list[PageTiming]:
    """Median cold run of each page on ``db`` over ``runs`` sessions, median warm rerun, and its maps' JSON bytes."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    _quiet()
    timings = []
    with _database(db):
        for page in pages:
            cold, warm = [], []
            for _ in range(runs):
                st.cache_data.clear()
                st.cache_resource.clear()
                app = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT_S).switch_page(page)
                cold.append(_timed_run(app))
                warm += [_timed_run(app) for _ in range(WARM_RERUNS)]
            charts = app.get("deck_gl_json_chart")
            timings.append(
                PageTiming(
                    page,
                    statistics.median(cold),
                    statistics.median(warm),
                    [len(chart.proto.json.encode()) for chart in charts],
                    _problem(app),
                )
            )
    return timings


def first_run_seconds(db: Path, page: str) -> float:
    """A page's first run in a new Python process: imports included, as after a server start."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.pages", str(db), page],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=True,
        cwd=DASHBOARD.parent,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])["seconds"]


def page_measures(section: str, timings: list[PageTiming], first_run: tuple[str, float] | None) -> list[Measure]:
    """The table rows for a set of page timings."""
    measures = []
    if first_run:
        page, seconds = first_run
        note = "new process: imports included"
        name = f"{page} first run after start"
        measures.append(Measure(section, name, seconds, "s", target=COLD_TARGET_S, note=note))
    for timing in timings:
        name = Path(timing.page).stem
        note = f"shows an error: {timing.problem}" if timing.problem else ""
        measures += [
            Measure(section, f"{name} cold run", timing.cold_s, "s", target=COLD_TARGET_S, note=note),
            Measure(section, f"{name} warm rerun", timing.warm_s * 1000, "ms", target=WARM_TARGET_MS),
        ]
        for index, size in enumerate(timing.map_bytes):
            label = f"{name} map {index + 1} pydeck JSON" if len(timing.map_bytes) > 1 else f"{name} pydeck JSON"
            measures.append(Measure(section, label, size / 1000, "KB", target=PAYLOAD_TARGET_KB))
    return measures


def _main(db: str, page: str) -> None:
    """Run one page once in this fresh process and print the seconds as JSON."""
    from streamlit.testing.v1 import AppTest

    _quiet()
    with _database(Path(db)):
        app = AppTest.from_file(str(DASHBOARD), default_timeout=TIMEOUT_S).switch_page(page)
        print(json.dumps({"seconds": _timed_run(app)}))


if __name__ == "__main__":
    _main(*sys.argv[1:3])

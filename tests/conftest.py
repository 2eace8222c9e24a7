"""Shared fixtures: real DuckDB files on disk, built from the real boundary files, and published.

Building a database takes a few seconds (boundaries) or twenty (demo), so
each is built and published once as a template and copied, with its
snapshot, for every test that writes to it. The snapshot of
``x.duckdb`` is ``x.published.duckdb`` beside it (:func:`db.snapshot.published_path`).

Templates are built once for all xdist workers and kept for the next run,
under a key that hashes everything that shapes them (:mod:`tests.templates`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from streamlit.components.v2 import manifest_scanner
from streamlit.runtime.media_file_manager import MediaFileManager

from db.snapshot import published_path
from tests.helpers import DASHBOARD, copy_with_snapshot
from tests.templates import start_template_build, template_copy

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page


def pytest_sessionstart(session: pytest.Session) -> None:
    """Under xdist, the controller starts building the demo template at once, in a process of its own, so no
    worker sits waiting for it (each would otherwise meet it a few seconds in)."""
    config = session.config
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        config.stash[BUILD] = start_template_build("demo")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The order xdist's ``--dist loadscope --no-loadscope-reorder`` hands out the modules, each kept whole and
    in its own order (without ``--no-loadscope-reorder``, xdist hands out the modules with the most tests
    first, whatever their length).

    1. Modules with slow checks that do not need the demo: they keep the workers busy while the controller
       builds the demo template (tens of seconds on a clean checkout) instead of waiting for it.
    2. The browser modules, the longest: handed out early, so that none of them is the last to end.
    3. The other modules that do not need the demo, then those that do, the ones with only slow tests first:
       many short modules last, which even out the workers' ends (test_publish_reuse.py, handed out last, kept
       one worker busy some twenty seconds after the other had finished).
    """
    on_demo = {item.path for item in items if "demo_template" in getattr(item, "fixturenames", ())}
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    quick = {item.path for item in items if not item.get_closest_marker("slow")}
    browser = {item.path for item in items if item.get_closest_marker("browser")}

    def rank(path: Path) -> int:
        if path in slow and path not in on_demo:
            return 0
        if path in browser:
            return 1
        return 2 if path not in on_demo else 4 if path in quick else 3

    items.sort(key=lambda item: rank(item.path))


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Stop the controller's build if the run ended before it did (a half-built template is never stored)."""
    build = session.config.stash.get(BUILD, None)
    if build is not None and build.poll() is None:
        build.terminate()
        build.wait()


BUILD = pytest.StashKey["subprocess.Popen | None"]()


@pytest.fixture(scope="session")
def reference_template(tmp_path_factory) -> Path:
    """Boundaries and population, no cases, published."""
    return template_copy("reference", tmp_path_factory)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo database (``python -m etl demo``), published, with the files it loads in ``files/`` beside it."""
    return template_copy("demo", tmp_path_factory)


@pytest.fixture
def db(reference_template, tmp_path) -> Path:
    """A writable database with boundaries and population, no cases, published."""
    return copy_with_snapshot(reference_template, tmp_path / "safespace.duckdb")


@pytest.fixture
def demo_db(demo_template, tmp_path) -> Path:
    """A writable copy of the demo database, published."""
    return copy_with_snapshot(demo_template, tmp_path / "demo.duckdb")


@pytest.fixture(scope="session")
def demo_shared(demo_template, tmp_path_factory) -> Path:
    """One copy of the demo database for every test that only reads it (never write to it: take ``demo_db``).

    The pages' cached reads (``st.cache_data``, keyed by the snapshot's path) carry over from one test to the
    next as they do from one reader to the next on a server, so a page's first run is paid once per worker.
    """
    return copy_with_snapshot(demo_template, tmp_path_factory.mktemp("shared") / "demo.duckdb")


@pytest.fixture
def demo_published(demo_db) -> Path:
    """The snapshot of ``demo_db``."""
    return published_path(demo_db)


# Every AppTest scans the installed packages' metadata for Streamlit components (0.2-0.3 s of CPU, some 240
# times a run); the packages do not change during a run, so each process scans them once.
INSTALLED_COMPONENTS = functools.cache(manifest_scanner.scan_component_manifests)


@pytest.fixture
def open_app(monkeypatch):
    """Run the dashboard with AppTest on a database file: ``open_app(path, lang="en", page="pages/upload.py")``.

    Uploading is off and the suppression threshold is the default unless a test sets them.
    """
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest, app_test

    class ServerPagesManager(PagesManager):
        """AppTest re-detects the ``pages/`` folder before every run (legacy multipage mode), so each
        run would restart through ui.entry's rerun and lose one-shot widget events such as a click.
        A server decides once per process; behave like a server after its first request."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            PagesManager.uses_pages_directory = False

    monkeypatch.setattr(app_test, "PagesManager", ServerPagesManager)
    monkeypatch.setattr(manifest_scanner, "scan_component_manifests", INSTALLED_COMPONENTS)
    for setting in (
        "SAFESPACE_SUPPRESS_BELOW",
        "SAFESPACE_LOCAL_MODE",
        "SAFESPACE_ANALYST_PASSWORD_HASH",
        "SAFESPACE_PUBLISHED",
    ):
        monkeypatch.delenv(setting, raising=False)

    def run(path, lang: str | None = None, page: str | None = None):
        monkeypatch.setenv("SAFESPACE_DB", str(path))
        app = AppTest.from_file(str(DASHBOARD), default_timeout=60)
        if lang:
            app.query_params["lang"] = lang
        return (app.switch_page(page) if page else app).run()  # straight to the page, as a bookmark opens it

    return run


@pytest.fixture
def downloads(monkeypatch) -> dict[str, bytes]:
    """Bytes of every file the app offers for download, by file name (AppTest keeps them in memory)."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.testing.v1 import app_test

    files: dict[str, bytes] = {}

    class Recording(MemoryMediaFileStorage):
        def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
            files[filename] = path_or_data
            return super().load_and_get_id(path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Recording)
    return files


@pytest.fixture(scope="session")
def cases_template(tmp_path_factory) -> Path:
    """The reference database with the hand-written cases above, published."""
    return template_copy("cases", tmp_path_factory)


@pytest.fixture
def cases_db(cases_template, tmp_path) -> Path:
    """A writable database with the hand-written cases above (and the pilot community they need), published."""
    return copy_with_snapshot(cases_template, tmp_path / "safespace.duckdb")


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


# --- the browser journeys' Chromium and server (tests/test_browser*.py) -----------------------------


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium, or a skip saying why (a failure when the browser is required)."""
    from bench.harness import REQUIRE_ENV, browser_required, chromium_executable

    path = chromium_executable()
    if path is None:
        reason = "Chromium not found on PATH; install it with `apt-get install chromium fonts-thai-tlwg`"
        if browser_required():
            pytest.fail(f"{reason} ({REQUIRE_ENV} is set: the browser tests must run)", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def chromium(chromium_path):
    """One headless Chromium for the session."""
    from playwright.sync_api import sync_playwright

    from bench.harness import launch_chromium

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright, chromium_path)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def app_server(chromium_path, demo_template, tmp_path_factory):
    """The dashboard on a writable copy of the demo database, for the whole session."""
    from bench.harness import streamlit_server

    folder = tmp_path_factory.mktemp("browser")
    db = copy_with_snapshot(demo_template, folder / "demo.duckdb")
    with streamlit_server(db, folder / "streamlit.log") as server:
        yield server


@pytest.fixture(scope="session")
def browser_contexts(chromium) -> Iterator[dict[str, BrowserContext]]:
    """One browser context per device, a desktop's and a phone's, for the session: like a reader's browser,
    it keeps the dashboard's scripts cached from one tab to the next."""
    from bench.harness import DEVICES

    contexts = {device: chromium.new_context(locale="th-TH", **settings) for device, settings in DEVICES.items()}
    yield contexts
    for context in contexts.values():
        context.close()


@pytest.fixture(scope="session")
def kept_tabs() -> dict[str, Page]:
    """The tab each device's tests take turns in (:func:`tab`)."""
    return {}


@pytest.fixture
def tab(browser_contexts, kept_tabs, request) -> Iterator[Page]:
    """A tab on a blank page, for a fresh Streamlit session at its first ``open_page``; photographed if the
    test fails.

    A desktop's browser, or a phone's where a test asks for it: ``@pytest.mark.parametrize("tab", ["phone"],
    indirect=True)``. The device's tests take turns in one tab, left on ``about:blank`` (which ends its
    Streamlit session) and at the device's size: a new tab would start a renderer anew, about two seconds of
    CPU a test on this machine.
    """
    from playwright.sync_api import Error as PlaywrightError

    from bench.harness import DEVICES
    from bench.onscreen import SCREENSHOTS

    device = getattr(request, "param", "desktop")
    page = kept_tabs.get(device)
    if page is None or page.is_closed():
        page = kept_tabs[device] = browser_contexts[device].new_page()
    page.set_default_timeout(30_000)
    page.set_viewport_size(DEVICES[device]["viewport"])
    failed_before = request.session.testsfailed
    yield page
    try:
        if request.session.testsfailed > failed_before:  # the call's failure is counted before teardown
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SCREENSHOTS / f"FAILED_{re.sub(r'[^A-Za-z0-9_-]+', '_', request.node.name)}.png")
        page.goto("about:blank")
    except PlaywrightError:  # a tab the test left unusable: the next test opens a new one
        page.close()


@pytest.fixture(scope="session")
def site_pages(browser_contexts, app_server) -> dict[str, str]:
    """English page title -> address, from the sidebar navigation, read on the navigation's last page (the
    Methods page: text, no map to paint)."""
    from bench.harness import navigation_pages, page_path
    from bench.onscreen import nav_links, open_page

    page = browser_contexts["desktop"].new_page()
    try:
        open_page(page, app_server.url + page_path(navigation_pages()[-1]), "en")
        return nav_links(page)
    finally:
        page.close()

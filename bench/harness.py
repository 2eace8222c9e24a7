"""The browser journeys' (tests/test_browser*.py) and the benchmark's (bench/) Chromium and server.

A real Streamlit server on a free loopback port, Debian's Chromium driven by
Playwright, and the pages of dashboard.py's navigation. What a page shows once
it is open is :mod:`bench.onscreen`'s. Nothing here leaves 127.0.0.1.
"""

from __future__ import annotations

import ast
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

from playwright.sync_api import Browser, Playwright

__all__ = [
    "CHROMIUM_ARGS",
    "DASHBOARD",
    "DEVICES",
    "PHONE",
    "REQUIRE_ENV",
    "ROOT",
    "VIEWPORT",
    "Server",
    "browser_required",
    "chromium_executable",
    "launch_chromium",
    "navigation_pages",
    "page_path",
    "streamlit_server",
]

ROOT = Path(__file__).resolve().parent.parent
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
# A browser context's settings for each device the tests look with.
DEVICES = {"desktop": {"viewport": VIEWPORT}, "phone": PHONE}


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


# --- the navigation, from dashboard.py -----------------------------------------------


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

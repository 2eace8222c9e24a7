"""Shared fixtures: real DuckDB files on disk, built from the real boundary files, and published.

Building a database takes about a second (boundaries) or a few (demo), so
each is built and published once per session as a template and copied,
with its snapshot, for every test that writes to it. The snapshot of
``x.duckdb`` is ``x.published.duckdb`` beside it (:func:`db.snapshot.published_path`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from db.snapshot import published_path
from etl.publish import publish
from etl.reference import init
from tests.helpers import DASHBOARD, copy_with_snapshot


@pytest.fixture(scope="session")
def reference_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("reference") / "reference.duckdb"
    init(db=path, loaded_by="tests")
    publish(path)
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    from etl.demo import build

    folder = tmp_path_factory.mktemp("demo")
    build(db=folder / "demo.duckdb", out_dir=folder / "files")
    publish(folder / "demo.duckdb")
    return folder / "demo.duckdb"


@pytest.fixture
def db(reference_template, tmp_path) -> Path:
    """A writable database with boundaries and population, no cases, published."""
    return copy_with_snapshot(reference_template, tmp_path / "safespace.duckdb")


@pytest.fixture
def demo_db(demo_template, tmp_path) -> Path:
    """A writable copy of the demo database, published."""
    return copy_with_snapshot(demo_template, tmp_path / "demo.duckdb")


@pytest.fixture
def demo_published(demo_db) -> Path:
    """The snapshot of ``demo_db``."""
    return published_path(demo_db)


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
        app.run()
        return app.switch_page(page).run() if page else app

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


# Cases for the read layer and the pages, written by hand so every figure can be
# checked: over the 4 quarters ending 2025Q2 (2024Q3-2025Q2),
# 1001 sums to 3 + 4 + (5 + 1) + 7 = 20 (its 100 in 2024Q2 falls outside),
# 1002 has 3 and 1004 has 1 + 3 = 4 (both suppressed), 1003 a true 0, 1005
# exactly 5 (shown), 1104 (Thai Kriang pilot, Samut Prakan) is not Bangkok,
# and every other district has no rows at all.
HAND_COMMUNITIES = (
    "community_id,name_th,name_en,lat,lon,dist_code,population,households,pilot,pilot_start,location_note\n"
    "PILOT-THAI-KRIANG,ชุมชนไทยเกรียง,Thai Kriang community,13.6197744,100.53975,1104,1047,371,true,2024Q1,test\n"
)
HAND_CASES = """quarter,dist_code,subdist_code,community_id,violence_type,victim_group,cases_reported,cases_referred
2024Q2,1001,,,physical,woman,100,
2024Q3,1001,,,physical,woman,3,
2024Q4,1001,,,physical,woman,4,1
2025Q1,1001,,,physical,child,5,
2025Q1,1001,,,sexual,woman,1,
2025Q2,1001,,,psychological,woman,7,
2025Q2,1002,,,neglect,elder,3,
2025Q1,1003,,,other,unknown,0,
2024Q3,1004,,,physical,man,1,
2025Q2,1004,,,physical,man,3,
2025Q2,1005,,,physical,woman,5,
2025Q2,1104,,PILOT-THAI-KRIANG,physical,unknown,9,
"""


@pytest.fixture(scope="session")
def cases_template(reference_template, tmp_path_factory) -> Path:
    from etl.load import load_file

    path = copy_with_snapshot(reference_template, tmp_path_factory.mktemp("cases") / "cases.duckdb")
    load_file("communities", HAND_COMMUNITIES.encode(), "communities.csv", db=path)
    load_file("cases", HAND_CASES.encode(), "cases.csv", db=path)
    publish(path)
    return path


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

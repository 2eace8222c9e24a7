"""The Upload page: analysts only, and the same loader as the command line."""

import pytest
from streamlit import config

from core.passwords import hash_password
from etl.load import load_file
from tests.helpers import csv, query
from ui.i18n import TEXT

UPLOAD = "pages/upload.py"


def texts(app) -> str:
    return " ".join(str(e.value) for kind in ("markdown", "info", "error", "warning", "success") for e in app.get(kind))


@pytest.fixture
def loopback():
    previous = config.get_option("server.address")
    config.set_option("server.address", "127.0.0.1")
    yield
    config.set_option("server.address", previous)


@pytest.mark.slow
def test_viewers_get_no_upload_or_revert_controls_and_learn_how_to_enable_them(cases_db, open_app):
    app = open_app(cases_db, page=UPLOAD)
    assert not app.exception
    assert not app.get("file_uploader") and not app.get("form")
    assert TEXT["upload.viewers_only"]["th"] in texts(app)
    assert "python -m etl hash-password" in texts(app)


@pytest.mark.slow
def test_local_mode_on_loopback_allows_uploading_with_a_banner(cases_db, open_app, monkeypatch, loopback):
    monkeypatch.setenv("SAFESPACE_LOCAL_MODE", "1")
    app = open_app(cases_db, page=UPLOAD, lang="en")
    assert app.get("file_uploader")
    assert TEXT["access.local_banner"]["en"] in texts(app)


def test_local_mode_is_refused_off_loopback(cases_db, open_app, monkeypatch):
    monkeypatch.setenv("SAFESPACE_LOCAL_MODE", "1")
    previous = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    try:
        app = open_app(cases_db, page=UPLOAD, lang="en")
    finally:
        config.set_option("server.address", previous)
    assert not app.get("file_uploader")
    assert TEXT["access.local_needs_loopback"]["en"] in texts(app)


@pytest.mark.slow
def test_password_unlocks_uploading_and_a_wrong_one_does_not(cases_db, open_app, monkeypatch):
    monkeypatch.setenv("SAFESPACE_ANALYST_PASSWORD_HASH", hash_password("analyst-password-1", iterations=1000))
    app = open_app(cases_db, page=UPLOAD, lang="en")
    app.text_input[0].input("wrong guess")
    app.button[0].click().run()
    assert not app.get("file_uploader") and "Wrong password" in texts(app)
    app.text_input[0].input("analyst-password-1")
    app.button[0].click().run()
    assert app.get("file_uploader")


@pytest.mark.slow
def test_analyst_reverts_a_load_from_the_history(cases_db, open_app, monkeypatch, loopback):
    monkeypatch.setenv("SAFESPACE_LOCAL_MODE", "1")
    newer = load_file("cases", csv("2025Q2,1001,,,physical,woman,70,"), "fix.csv", db=cases_db)
    app = open_app(cases_db, page=UPLOAD, lang="en")
    assert app.selectbox[0].value is None  # nothing is chosen for the analyst: reverting takes a deliberate choice
    assert app.selectbox[0].options[0].startswith(f"{newer.load_id}:")  # newest first
    app.selectbox[0].set_value(newer.load_id)
    app.checkbox[0].check()
    app.main.button[-1].click().run()
    assert not app.exception
    # Said once, in words that are true of what changed; the form starts afresh, nothing chosen or ticked.
    assert "in force again" in " ".join(s.value for s in app.success)
    assert app.selectbox[0].value is None and not any(box.value for box in app.checkbox)
    status, by = query(cases_db, f"SELECT status, reverted_by FROM loads WHERE load_id = {newer.load_id}")[0]
    assert status == "reverted" and by.startswith("local user")
    assert query(
        cases_db, "SELECT sum(cases_reported) FROM current_case_counts WHERE dist_code = '1001' AND quarter = '2025Q2'"
    ) == [(7,)]


@pytest.mark.slow
def test_a_refused_revert_is_explained_in_thai(cases_db, open_app, monkeypatch, loopback):
    monkeypatch.setenv("SAFESPACE_LOCAL_MODE", "1")
    app = open_app(cases_db, page=UPLOAD)
    population = next(i for i in app.selectbox[0].options if "bkk_district_facts" in i)
    app.selectbox[0].set_value(int(population.split(":")[0]))
    app.checkbox[0].check()
    app.main.button[-1].click().run()
    assert "ข้อมูลประชากรชุดเดียว" in texts(app)
    assert query(cases_db, "SELECT status FROM loads WHERE kind = 'population'") == [("active",)]

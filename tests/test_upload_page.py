"""The Upload page: analysts only, and the same loader as the command line."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from streamlit import config

from core.passwords import hash_password
from etl.load import load_file
from tests.helpers import csv, query
from ui.i18n import t

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
    assert t("upload.viewers_only", "th") in texts(app)
    assert "python -m etl hash-password" in texts(app)


@pytest.mark.slow
def test_local_mode_on_loopback_allows_uploading_with_a_banner(cases_db, open_app, monkeypatch, loopback):
    monkeypatch.setenv("SAFESPACE_LOCAL_MODE", "1")
    app = open_app(cases_db, page=UPLOAD, lang="en")
    assert app.get("file_uploader")
    assert t("access.local_banner", "en") in texts(app)


def test_local_mode_is_refused_off_loopback(cases_db, open_app, monkeypatch):
    monkeypatch.setenv("SAFESPACE_LOCAL_MODE", "1")
    previous = config.get_option("server.address")
    config.set_option("server.address", "0.0.0.0")
    try:
        app = open_app(cases_db, page=UPLOAD, lang="en")
    finally:
        config.set_option("server.address", previous)
    assert not app.get("file_uploader")
    assert t("access.local_needs_loopback", "en") in texts(app)


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


# --- Issue 16, defect 8: the page's words, as an analyst reads them ------------------------------------------

CASES = "quarter,district,violence_type,victim_group,cases_reported,cases_referred\n"
THAI_MONTHS = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]


def analyst(open_app, db, monkeypatch, lang: str):
    """The Upload page in ``lang``, unlocked (local mode on loopback: use with the ``loopback`` fixture)."""
    monkeypatch.setenv("SAFESPACE_LOCAL_MODE", "1")
    return open_app(db, page=UPLOAD, lang=lang)


def dry_run(app, content: str):
    """Give the page a cases file: it checks it in a child process and shows what would change."""
    app.file_uploader[0].set_value(("cases.csv", content.encode(), "text/csv")).run()
    assert not app.exception
    return app


def text_tables(app) -> list[list[list[str]]]:
    """The page's text tables (problems, notices) as rows of cell texts, headers first, parsed from the HTML."""
    tables = []
    for element in app.get("html"):
        body = element.proto.body
        if "<table" in body:
            root = ElementTree.fromstring(body[body.index("<table") :])
            tables.append([[cell.text or "" for cell in row] for row in root.iter("tr")])
    return tables


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_district_name_read_as_another_spelling_is_a_notice_with_its_rows(
    cases_db, open_app, monkeypatch, loopback, lang
):
    app = dry_run(
        analyst(open_app, cases_db, monkeypatch, lang),
        CASES + "2025Q2,Dusitt,physical,woman,10,4\n"  # rows 2 and 3: read as Dusit
        "2025Q2,Dusitt,sexual,child,6,6\n"
        "2025Q2,เขตบางรัก,physical,man,3,1\n"  # Bang Rak as written, with its prefix: no notice
        "2025Q2,Dusit,other,woman,2,0\n",  # Dusit as written: no notice
    )
    assert t("upload.notices", lang).format(n=1) in [w.value for w in app.warning]
    (notices,) = text_tables(app)
    header, *rows = notices
    assert header == [t(f"upload.col.{c}", lang) for c in ("row", "column", "value", "message")]
    ((where, column, value, message),) = rows
    assert (where, column, value) == ("2, 3", "district", "Dusitt")
    assert "Dusit / ดุสิต (1002)" in message and "(2" in message
    assert t("upload.confirm", lang) in [b.label for b in app.main.button]  # a notice does not reject


@pytest.mark.parametrize("lang", ["th", "en"])
def test_a_rejected_violence_type_lists_thai_words_in_full_and_file_text_stays_text(
    cases_db, open_app, monkeypatch, loopback, lang
):
    app = dry_run(
        analyst(open_app, cases_db, monkeypatch, lang),
        CASES + "2025Q2,Dusit,ตบตี,woman,12,5\n2025Q2,Dusit,<b>[x](http://a.example)</b>,child,3,1\n",
    )
    assert t("upload.rejected", lang).split("{")[0] in " ".join(e.value for e in app.error)
    (problems,) = text_tables(app)
    rows = {row[2]: row for row in problems[1:]}
    message = rows["ตบตี"][3]
    for code, thai in (
        ("physical", "ร่างกาย"),
        ("psychological", "จิตใจ"),
        ("sexual", "ทางเพศ"),
        ("neglect", "ละเลยทอดทิ้ง"),
    ):
        assert f"{code} (" in message and thai in message
    assert message.endswith(("อื่น ๆ)", "อื่น ๆ).")), "the whole message, not cut"
    # A value from the file is shown as it is written, as text: no bold, no link.
    assert "<b>[x](http://a.example)</b>" in rows
    assert "<b>" not in "".join(element.proto.body for element in app.get("html") if "<table" in element.proto.body)
    assert not [b for b in app.main.button if b.label == t("upload.confirm", lang)]


@pytest.mark.parametrize(
    ("lang", "names"), [("en", ("Phra Nakhon", "Dusit", "Bang Kapi")), ("th", ("พระนคร", "ดุสิต", "บางกะปิ"))]
)
def test_the_dry_run_difference_names_each_district_and_its_referrals(
    cases_db, open_app, monkeypatch, loopback, lang, names
):
    # By hand from the cases fixture: 2025Q2 holds 1001 psychological/woman 7 and 1002 neglect/elder 3, both with
    # referrals left blank (so not known); 1006 has no rows yet.
    app = dry_run(
        analyst(open_app, cases_db, monkeypatch, lang),
        "quarter,dist_code,violence_type,victim_group,cases_reported,cases_referred\n"
        "2025Q2,1001,psychological,woman,7,3\n"
        "2025Q2,1002,neglect,elder,3,2\n"
        "2025Q2,1006,physical,woman,4,1\n",
    )
    difference = app.dataframe[0].value
    col = {
        key: t(f"upload.col.{key}", lang)
        for key in ("district", "old_total", "new_total", "old_referred", "new_referred")
    }
    shown = difference[list(col.values())].values.tolist()
    assert shown == [
        [f"1001 {names[0]}", 7, 7, "–", "3"],
        [f"1002 {names[1]}", 3, 3, "–", "2"],
        [f"1006 {names[2]}", 0, 4, "0", "1"],
    ]
    assert t("upload.diff_note", lang) in [c.value for c in app.caption]


def test_the_history_shows_each_loads_bangkok_date_and_time_in_the_buddhist_era(
    cases_db, open_app, monkeypatch, loopback
):
    app = analyst(open_app, cases_db, monkeypatch, "th")
    history = next(f.value for f in app.dataframe if t("history.loaded_at", "th") in f.value.columns)
    assert list(history.columns[:2]) == [t("history.load_id", "th"), t("history.loaded_at", "th")]
    for load_id, loaded_at in query(cases_db, "SELECT load_id, loaded_at FROM loads"):
        bangkok = loaded_at + timedelta(hours=7)  # stored in UTC; Bangkok has no summer time
        expected = f"{bangkok.day} {THAI_MONTHS[bangkok.month - 1]} {bangkok.year + 543} {bangkok:%H:%M} น."
        assert history.set_index(t("history.load_id", "th")).loc[load_id, t("history.loaded_at", "th")] == expected


@pytest.mark.parametrize(("lang", "limit"), [("th", "ไม่เกิน 50 MB ต่อไฟล์"), ("en", "Up to 50 MB per file")])
def test_the_file_box_is_given_the_readers_words(cases_db, open_app, monkeypatch, loopback, lang, limit):
    # Streamlit draws "Upload" and "50MB per file" itself; the page's style sheet writes the reader's words instead.
    # (tests/test_browser_upload.py checks that a real browser shows them.)
    app = analyst(open_app, cases_db, monkeypatch, lang)
    style = next(e.proto.body for e in app.get("html") if "stFileUploaderDropzoneInstructions" in e.proto.body)
    assert f'content: "{limit} • CSV, TSV, TXT, XLSX"' in style
    assert f'content: "{t("upload.box.button", lang)}"' in style

"""The dashboard's entry point: ``streamlit run dashboard.py [-- --db PATH]``.

It sets up the page, the shared sidebar and the navigation, and runs the
chosen page inside one guard: whatever goes wrong, a user reads a sentence
saying what is wrong and what to do, never a traceback (that goes to the
server log).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

import streamlit as st

from db import read
from db.connect import ENV_VAR, DatabaseBusy, DatabaseMissing, db_path
from ui import sidebar
from ui.entry import through_dashboard
from ui.i18n import t

log = logging.getLogger("safespace.dashboard")


def _use_db_argument() -> None:
    """Honour ``--db PATH`` after ``--``: the read functions find it through the environment."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--db")
    known, _ = parser.parse_known_args(sys.argv[1:])
    if known.db:
        os.environ[ENV_VAR] = known.db


def _problem(exc: Exception, path: str) -> str:
    """The sentence for a failure: what is wrong and what to do."""
    if isinstance(exc, DatabaseMissing):
        return t("error.db_missing", path=path)
    if isinstance(exc, read.DatabaseNotReady):
        return t("error.db_not_ready", path=path)
    if isinstance(exc, DatabaseBusy):
        return t("error.db_busy")
    log.exception("dashboard page failed")
    return t("error.unexpected")


through_dashboard()
_use_db_argument()
sidebar.language()
st.set_page_config(page_title=t("app.title"), page_icon="🛡️", layout="wide")
page = st.navigation(
    [
        st.Page("pages/overview.py", title=t("page.overview"), icon=":material/map:", default=True),
        st.Page("pages/hotspots.py", title=t("page.hotspots"), icon=":material/local_fire_department:"),
        st.Page("pages/coverage.py", title=t("page.coverage"), icon=":material/location_on:"),
        st.Page("pages/pilots.py", title=t("page.pilots"), icon=":material/diversity_3:"),
        st.Page("pages/upload.py", title=t("page.upload"), icon=":material/upload_file:"),
        st.Page("pages/methods.py", title=t("page.methods"), icon=":material/menu_book:"),
    ]
)
db = str(db_path())
try:
    read.check_ready(db)
    sidebar.frame(db)  # the shared sidebar controls and the synthetic-data banner
    page.run()
except Exception as exc:  # the one place that turns any failure into a sentence
    st.error(_problem(exc, db))

"""The dashboard's entry point: ``streamlit run dashboard.py [-- --db PATH] [--published PATH]``.

Viewers' pages read only the published snapshot (:mod:`db.read`); ``--db``
names the warehouse, whose snapshot is found beside it, and ``--published``
names the snapshot itself. Only the Upload page opens the warehouse.

It sets up the page, the shared sidebar and the navigation, and runs the
chosen page inside one guard: whatever goes wrong, a user reads a sentence
saying what is wrong and what to do, never a traceback (that goes to the
server log).
"""

from __future__ import annotations

import argparse
import logging
import sys

import streamlit as st

from core import settings
from db import read, snapshot
from ui import loaders, sidebar
from ui.entry import through_dashboard
from ui.i18n import t

log = logging.getLogger("safespace.dashboard")


def _use_arguments() -> None:
    """Honour ``--db PATH`` and ``--published PATH`` after ``--`` (they beat the environment's settings)."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--db")
    parser.add_argument("--published")
    known, _ = parser.parse_known_args(sys.argv[1:])
    settings.use(db=known.db, published=known.published)


def _problem(exc: Exception, path: str) -> str:
    """The sentence for a failure: what is wrong and what to do."""
    if isinstance(exc, read.SnapshotMissing):
        return t("error.snapshot_missing", path=path)
    if isinstance(exc, read.SnapshotNotReady):
        return t("error.snapshot_not_ready", path=path)
    log.exception("dashboard page failed")
    return t("error.unexpected")


through_dashboard()
_use_arguments()
sidebar.language()
st.set_page_config(page_title=t("app.title"), page_icon="🛡️", layout="wide")
page = st.navigation(
    [
        st.Page("pages/overview.py", title=t("page.overview"), icon=":material/map:", default=True),
        st.Page("pages/hotspots.py", title=t("page.hotspots"), icon=":material/local_fire_department:"),
        st.Page("pages/coverage.py", title=t("page.coverage"), icon=":material/location_on:"),
        st.Page("pages/planning.py", title=t("page.planning"), icon=":material/add_location_alt:"),
        st.Page("pages/pilots.py", title=t("page.pilots"), icon=":material/diversity_3:"),
        st.Page("pages/upload.py", title=t("page.upload"), icon=":material/upload_file:"),
        st.Page("pages/methods.py", title=t("page.methods"), icon=":material/menu_book:"),
    ]
)
published = str(snapshot.published_path())
try:
    if page.url_path != "upload":  # the analysts' page works on the warehouse, with or without a snapshot
        loaders.check_ready(published, read.version(published))
        # The shared sidebar and the synthetic-data banner; Methods shows no data by period, so no controls.
        sidebar.frame(published, controls=page.url_path != "methods")
    page.run()
except Exception as exc:  # the one place that turns any failure into a sentence
    st.error(_problem(exc, published))

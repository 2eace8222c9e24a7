"""What every page starts from: the published snapshot and the reader's choices, in one call.

A page script opens with ``page = open_page("overview.title")``; it then reads
``page.lang``, ``page.path`` and ``page.version`` (the cache key), ``page.meta``
and ``page.districts``, and ``page.require_period(...)`` when it shows figures
by period. The sidebar (ui/sidebar.py, drawn by dashboard.py before the page
runs) holds the choices; this is their read-only view for one run.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from db import read
from ui import sidebar
from ui.entry import through_dashboard
from ui.i18n import current_lang, t

__all__ = ["Page", "open_page"]


@dataclass(frozen=True)
class Page:
    """One run of a page: the snapshot it reads and the language, period and districts the reader chose."""

    snapshot: sidebar.Snapshot
    lang: str
    period: sidebar.Period | None
    districts: tuple[str, ...]

    @property
    def path(self) -> str:
        return self.snapshot.path

    @property
    def version(self) -> str:
        """The snapshot's version: part of every cache key, so a new publish is read at once."""
        return self.snapshot.version

    @property
    def meta(self) -> read.Meta:
        return self.snapshot.meta

    def require_period(self, empty_key: str) -> sidebar.Period:
        """The chosen period; with no case data loaded, say ``empty_key`` and stop the page here."""
        if self.period is None:
            st.info(t(empty_key))
            st.stop()
        return self.period


def open_page(title_key: str) -> Page:
    """Route the run through dashboard.py, write the page's title and return what the page reads."""
    through_dashboard()
    st.title(t(title_key))
    return Page(sidebar.snapshot(), current_lang(), sidebar.period(), tuple(sidebar.chosen_districts()))

"""Make every request go through dashboard.py.

Streamlit treats a folder named ``pages/`` beside the entry script as a
legacy multipage app until ``st.navigation`` has run once in the server
process. A first request straight to a page's URL (a bookmark after a
restart) would then run that page alone: no sidebar, no ``--db`` setting, no
error guard. Turning the legacy flag off and rerunning sends it through
dashboard.py, which calls ``st.navigation`` and then runs the page asked for.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

__all__ = ["through_dashboard"]


def through_dashboard() -> None:
    """Rerun through dashboard.py if Streamlit started this run in legacy mode."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()

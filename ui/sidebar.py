"""The sidebar every page shares: language, the quarter to show, and how fresh the data is.

The language lives in ``st.session_state["lang"]`` (Thai unless ``?lang=en``
is in the address, which is kept in step so a link reopens the same view).
The chosen quarter lives in ``st.session_state["quarter"]``; pages read it
through :func:`chosen_quarter`.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from db import read
from ui.i18n import DEFAULT_LANG, LANG_NAMES, LANGS, current_lang, t
from ui.periods import bangkok_date, date_label, quarter_label

__all__ = ["LANG_KEY", "QUARTER_KEY", "cached_quarters", "cached_status", "chosen_quarter", "data_controls", "language"]

LANG_KEY = "lang"
QUARTER_KEY = "quarter"


@st.cache_data(show_spinner=False)
def cached_quarters(db: str, version: str) -> list[str]:
    """:func:`db.read.loaded_quarters`, cached per database file and data version."""
    return read.loaded_quarters(db)


@st.cache_data(show_spinner=False)
def cached_status(db: str, version: str) -> read.DataStatus:
    """:func:`db.read.data_status`, cached per database file and data version."""
    return read.data_status(db)


def language() -> str:
    """The language switch (first, so even an error message is in the chosen language)."""
    if LANG_KEY not in st.session_state:
        asked = st.query_params.get(LANG_KEY)
        st.session_state[LANG_KEY] = asked if asked in LANGS else DEFAULT_LANG
    chosen = st.sidebar.radio(t("sidebar.language"), LANGS, key=LANG_KEY, format_func=LANG_NAMES.get, horizontal=True)
    st.query_params[LANG_KEY] = chosen
    return chosen


def data_controls(db: str) -> str | None:
    """The quarter picker and the "data as of" lines; the chosen quarter, or None without case data."""
    version = read.data_version(db)
    options = cached_quarters(db, version)
    status = cached_status(db, version)
    with st.sidebar:
        if options:
            if st.session_state.get(QUARTER_KEY) not in options:
                st.session_state[QUARTER_KEY] = options[-1]
            if len(options) > 1:  # a slider needs two stops
                st.select_slider(
                    t("sidebar.quarter"),
                    options,
                    key=QUARTER_KEY,
                    # The full label is too wide for a slider. The language is fixed now:
                    # Streamlit may call format_func outside this script run.
                    format_func=partial(quarter_label, lang=current_lang(), style="calendar"),
                    help=t("sidebar.quarter_help"),
                )
            st.markdown(f"**{quarter_label(chosen_quarter())}**")
        else:
            st.session_state.pop(QUARTER_KEY, None)
            st.caption(t("sidebar.no_cases"))
        if status.last_loaded:
            st.caption(t("sidebar.data_as_of", date=date_label(bangkok_date(status.last_loaded))))
        if status.latest_quarter:
            st.caption(t("sidebar.latest_quarter", quarter=quarter_label(status.latest_quarter)))
    return chosen_quarter()


def chosen_quarter() -> str | None:
    """The quarter picked in the sidebar, None when there is no case data."""
    return st.session_state.get(QUARTER_KEY)

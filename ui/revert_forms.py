"""The Upload page's load history with its revert and restore forms.

A form takes a load chosen on purpose (nothing is preselected) and, for a revert, a tick that says the
analyst is sure. The page passes ``act``, which runs the revert or restore (in a child process that
publishes) and starts the page afresh with new form keys (``nonce``), so a second click cannot revert
the next load by accident.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from ui.history import history_table
from ui.i18n import N_, t
from ui.uploads import KINDS

__all__ = ["history_with_forms"]

REVERTIBLE = KINDS


def _choice(key: str, ids: pd.Series, names: pd.Series) -> int | None:
    """A load chosen on purpose: nothing is preselected."""
    return st.selectbox(
        t(key),
        ids.tolist(),
        index=None,
        format_func=lambda i: f"{i}: {names[i]}",
        placeholder=t("upload.choose_load"),
    )


def history_with_forms(loads: pd.DataFrame, nonce: int, act: Callable[..., None]) -> None:
    """The load history (:func:`etl.history.load_history`), then a form to revert an active load and one to
    restore a reverted load; ``act("revert", load_id, force)`` or ``act("restore", load_id)`` on a submit."""
    st.subheader(t("upload.history"))
    if loads.empty:
        st.caption(t("upload.no_history"))
        return
    st.dataframe(history_table(loads), hide_index=True, width="stretch")
    names = loads.set_index("load_id")["file_name"]
    revertible = loads[(loads["status"] == "active") & loads["kind"].isin(REVERTIBLE)]["load_id"]
    if not revertible.empty:
        with st.form(f"revert_{nonce}"):
            load_id = _choice(N_("upload.revert_which"), revertible, names)
            sure = st.checkbox(t("upload.revert_sure"))
            force = st.checkbox(t("upload.revert_force"))
            if st.form_submit_button(t("upload.revert")) and sure and load_id is not None:
                act("revert", load_id, force)
    reverted = loads[loads["status"] == "reverted"]["load_id"]
    if not reverted.empty:
        with st.form(f"restore_{nonce}"):
            load_id = _choice(N_("upload.restore_which"), reverted, names)
            if st.form_submit_button(t("upload.restore")) and load_id is not None:
                act("restore", load_id)

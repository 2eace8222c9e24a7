"""What a viewer sees on the Upload page instead of its controls: how to become an analyst on this server
(sign in, unlock with the analysts' password, or how an administrator turns uploading on)."""

from __future__ import annotations

import streamlit as st

from ui import access
from ui.i18n import current_lang, t

__all__ = ["sign_in"]


def sign_in(user: access.Access) -> None:
    """Say the page is for analysts, then offer the way in that ``user``'s server has."""
    st.info(t("upload.viewers_only"))
    if user.method == "oidc":
        if st.user.is_logged_in:
            st.warning(t("access.not_on_list", email=user.name or ""))
            st.button(t("access.logout"), on_click=st.logout)
        else:
            st.button(t("access.login"), on_click=st.login, type="primary")
    elif user.method == "password":
        with st.form("unlock"):
            password = st.text_input(t("access.password"), type="password")
            if st.form_submit_button(t("access.unlock"), type="primary"):
                attempt = access.check_password(password)
                if attempt.unlocked:
                    st.rerun()
                st.error(attempt.text(current_lang()))
    else:
        if user.problem:
            st.error(t(user.problem))
        st.markdown(t("access.how_to_enable"))

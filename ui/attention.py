"""The districts to watch: the published attention list (:func:`geo.attention.attention`) in words.

Each district is numbered by its rank among all fifty and followed by its
reasons, each with the figure behind it (its smoothed rate and rank, its
referral share against Bangkok's). The list is HTML whose every text is
escaped: a name is shown as it was typed, never read as Markdown or HTML,
and each item keeps its rank when the sidebar leaves gaps between them.
"""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from ui.figures import percent_text
from ui.i18n import N_, number, t

__all__ = ["attention_list", "reason_text"]


REASONS = {"gap": N_("attention.gap"), "hot_95": N_("attention.hot_95"), "hot_99": N_("attention.hot_99")}


def reason_text(reason: str, row: dict, ranked: int, bangkok_referral: float) -> str:
    """One reason of :func:`geo.attention.attention` in words, with its figure (``ranked``: districts with a rate)."""
    if reason == "high_rate":
        rate = number(row["eb_rate_per_100k"], 1)
        return t("attention.high_rate", rate=rate, rank=int(row["eb_rank"]), of=ranked)
    if reason == "low_referral":
        share, bangkok = percent_text(row["referral_rate"]), percent_text(bangkok_referral)
        return t("attention.low_referral", share=share, bangkok=bangkok)
    return t(REASONS[reason])


def attention_list(
    top: pd.DataFrame, summary: pd.DataFrame, bangkok_referral: float, lang: str, districts: tuple[str, ...] = ()
) -> None:
    """The attention list ``top``, numbered, each district with its reasons; with ``districts`` chosen in the
    sidebar, those of them on the list, keeping their rank among all fifty."""
    if districts:
        top = top[top["dist_code"].isin(districts)]
        if top.empty:
            st.caption(t("overview.attention_none_chosen"))
            return
    if top.empty:
        st.caption(t("overview.attention_none"))
        return
    name, ranked = f"name_{lang}", int(summary["eb_rate_per_100k"].notna().sum())
    items = "".join(
        f'<li value="{int(row["rank"])}"><strong>{html.escape(row[name])}</strong>: '
        + html.escape("; ".join(reason_text(r, row, ranked, bangkok_referral) for r in row["reasons"]))
        + "</li>"
        for row in top.to_dict("records")
    )
    st.markdown(f"<ol>{items}</ol>", unsafe_allow_html=True)
    st.caption(t("overview.attention_how"))

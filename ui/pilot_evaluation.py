"""The Pilots page's evaluation section: the published figures as text, tables and the event-study chart.

Every number comes from the snapshot (:func:`db.read.pilot_evaluation`); nothing is computed here.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import charts, maps
from ui.i18n import N_, number, t

__all__ = [
    "COMPARISONS",
    "COMPARISON_NAMES",
    "compared_table",
    "difference_text",
    "evaluation_table",
    "event_chart",
    "ratio_text",
    "summary",
]

COMPARISON_NAMES = {
    "all": N_("pilots.eval.comparison.all"),
    "same-district": N_("pilots.eval.comparison.same-district"),
    "matched": N_("pilots.eval.comparison.matched"),
}
COMPARISONS = tuple(COMPARISON_NAMES)
OUTCOMES = {"reported": N_("pilots.eval.outcome.reported"), "referral": N_("pilots.eval.outcome.referral")}
ROLES = {
    "pilot": N_("pilots.eval.role.pilot"),
    "comparison": N_("pilots.eval.role.comparison"),
    "pilot_short": N_("pilots.eval.role.pilot_short"),
    "pilot_alone": N_("pilots.eval.role.pilot_alone"),
    "spillover": N_("pilots.eval.role.spillover"),
    "not_chosen": N_("pilots.eval.role.not_chosen"),
}


def ratio_text(value, low, high, lang: str) -> str:
    """A rate ratio with its interval, e.g. "0.64 (0.44 to 0.95)"; "no data" without an estimate."""
    if pd.isna(value):
        return t("value.no_data", lang)
    interval = t("pilots.eval.interval", lang, low=number(low, 2, lang), high=number(high, 2, lang))
    return f"{number(value, 2, lang)} ({interval})"


def difference_text(value, low, high, lang: str) -> str:
    """A signed difference with its interval, e.g. "-31.6 (-63.4 to +0.1)"; "no data" without an estimate."""
    if pd.isna(value):
        return t("value.no_data", lang)
    interval = t("pilots.eval.interval", lang, low=f"{low:+,.1f}", high=f"{high:+,.1f}")
    return f"{value:+,.1f} ({interval})"


def evaluation_table(evaluation: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Both outcomes side by side: rate ratio, difference, randomization p, MDE, and whether data suffice."""
    rows = evaluation.set_index("outcome").reindex(list(OUTCOMES))
    return pd.DataFrame(
        {
            t("pilots.eval.outcome", lang): [t(OUTCOMES[o], lang) for o in OUTCOMES],
            t("pilots.eval.rate_ratio", lang): [
                ratio_text(r.rate_ratio, r.rate_ratio_low, r.rate_ratio_high, lang) for r in rows.itertuples()
            ],
            t("pilots.eval.difference", lang) + " / " + t("pilots.eval.difference_referral", lang): [
                difference_text(r.difference, r.difference_low, r.difference_high, lang) for r in rows.itertuples()
            ],
            t("pilots.eval.p", lang): [number(p, 3, lang) for p in rows["p_randomization"]],
            t("pilots.eval.mde", lang): [number(m, 2, lang) for m in rows["mde"]],
            t("pilots.eval.enough_col", lang): [
                t("pilots.eval.yes", lang) if e else t("pilots.eval.no", lang) for e in rows["enough"]
            ],
        }
    )


def event_chart(events: pd.DataFrame, lang: str) -> dict:
    """The event study of both outcomes: rate ratios against the quarter before the start."""
    data = events.assign(
        series=events["outcome"].map(lambda o: t(OUTCOMES[o], lang)),
        display=[
            ratio_text(e, low, high, lang) if pd.notna(low) else number(e, 2, lang)
            for e, low, high in zip(events["estimate"], events["ci_low"], events["ci_high"], strict=True)
        ],
    )
    data = data[data["estimate"].notna()]
    return charts.event_study(data, x_title=t("pilots.eval.axis_rel", lang), y_title=t("pilots.eval.axis_ratio", lang))


def compared_table(compared: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Who was compared: each reporting community, its district, its role and its distance to the nearest pilot."""
    order = list(ROLES)
    rows = compared.assign(rank=compared["role"].map(order.index)).sort_values(["rank", "community_id"])
    return pd.DataFrame(
        {
            t("pilots.col.community", lang): maps.local_names(rows, lang).to_numpy(),
            t("pilots.col.district", lang): maps.local_names(rows, lang, "district_").to_numpy(),
            t("pilots.eval.col.role", lang): [t(ROLES[r], lang) for r in rows["role"]],
            t("pilots.eval.col.distance", lang): [
                number(d, 0, lang) if pd.notna(d) else "" for d in rows["distance_m"]
            ],
        }
    )


def summary(evaluation: pd.DataFrame, lang: str) -> None:
    """The main outcome (reported cases per resident): whether data suffice, four figures, and one paragraph."""
    main = evaluation.set_index("outcome").loc["reported"]
    reason = main[f"reason_{lang}"]
    if main["enough"]:
        st.success(t("pilots.eval.enough", lang, reason=reason))
    else:
        st.warning(t("pilots.eval.not_enough", lang, reason=reason))
    columns = st.columns(4)
    columns[0].metric(t("pilots.eval.rate_ratio", lang), number(main["rate_ratio"], 2, lang))
    columns[0].caption(ratio_text(main["rate_ratio"], main["rate_ratio_low"], main["rate_ratio_high"], lang))
    columns[1].metric(t("pilots.eval.difference", lang), number(main["difference"], 1, lang))
    columns[1].caption(difference_text(main["difference"], main["difference_low"], main["difference_high"], lang))
    columns[2].metric(t("pilots.eval.p", lang), number(main["p_randomization"], 3, lang))
    columns[3].metric(t("pilots.eval.mde", lang), number(main["mde"], 2, lang))
    if pd.notna(main["rate_ratio"]) and pd.notna(main["mde"]):
        st.markdown(
            t(
                "pilots.eval.text",
                lang,
                ratio=number(main["rate_ratio"], 2, lang),
                percent=number(100 * main["rate_ratio"], 0, lang),
                difference=f"{main['difference']:+,.1f}",
                p=number(main["p_randomization"], 3, lang),
                n_permutations=int(main["n_permutations"]),
                mde=number(main["mde"], 2, lang),
                mde_up=number(1 / main["mde"], 2, lang),
            )
        )

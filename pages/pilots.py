"""Pilot communities: where the safe-space pilots are, and how their reported cases compare with similar communities."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.downloads import csv_bytes
from db import read
from etl.briefing.picture import map_png
from ui import charts, legends, links, loaders, pilot_evaluation, pilot_map, pilot_trend, sidebar
from ui.context import open_page
from ui.i18n import number, t
from ui.periods import quarter_label
from ui.pilot_table import notes_left_out, pilot_table


@st.cache_data(show_spinner=False)
def load_trend(path: str, version: str, end: str) -> pd.DataFrame:
    return read.pilot_trend(path, end)


@st.cache_data(show_spinner=False)
def load_evaluation(path: str, version: str, end: str, comparison: str) -> dict[str, pd.DataFrame]:
    return read.pilot_evaluation(path, end, comparison)


@st.cache_data(show_spinner=False)
def load_evaluated_quarters(path: str, version: str) -> list[str]:
    return read.pilot_evaluation_quarters(path)


@st.cache_data(show_spinner=False)
def load_table(path: str, version: str, end: str) -> pd.DataFrame:
    return read.pilot_table(path, end)


page = open_page("pilots.title")
lang, picked = page.lang, page.districts
everyone = loaders.community_points(page.path, page.version)
if not everyone["pilot"].any():
    st.info(t("pilots.no_pilots"))
    st.stop()
communities = sidebar.filter_districts(everyone)

# --- Map ------------------------------------------------------------------------
st.markdown("**" + t("pilots.map") + "**")  # the title says what the page is: a short heading keeps the map high
if picked and not communities["pilot"].any():
    st.info(t("pilots.none_chosen"))
window = (page.period.span, page.period.end) if page.period else None  # services open in it, if any
pilot_map.show(page.path, page.version, communities, picked, lang, window)
subtitle = t(
    "pilots.png_subtitle", pilots=int(communities["pilot"].sum()), comparisons=int(communities["reports"].sum())
)
legends.picture_button(
    pilot_map.picture(map_png, page.path, communities, picked, lang, subtitle),
    f"map_pilots{'_' + '-'.join(picked) if picked else ''}_{lang}.png",
)
st.caption(t("pilots.map_note"))

period = page.require_period("pilots.no_cases")
top = page.meta.suppress_below - 1
end_label = quarter_label(period.end)

# --- Trend ----------------------------------------------------------------------
st.subheader(t("pilots.trend"))
trend = load_trend(page.path, page.version, period.end)
if trend.empty:
    st.info(t("pilots.no_trend"))
else:
    if picked:  # published for the groups as wholes, not by district
        st.caption(t("pilots.all_districts"))
    st.caption(t("pilots.trend_caption", end=end_label, top=top))
    base = page.meta.round_to
    starts = everyone.loc[everyone["pilot"], "pilot_start"]
    charts.show(("pilots", page.version, period.end, lang), lambda: pilot_trend.trend_chart(trend, starts, base, lang))
    if base > 1:
        step = pilot_trend.rounding_step(trend, base)
        st.caption(t("pilots.rounding_note", base=base, step=number(step, 0)))
    if trend["suppressed"].any():
        st.caption(t("pilots.too_few_note", top=top, below=top + 1))

# --- Evaluation -------------------------------------------------------------------
st.subheader(t("pilots.eval"))
evaluated = load_evaluated_quarters(page.path, page.version)
if not evaluated:
    st.info(t("pilots.eval.none"))
else:
    latest = evaluated[-1]
    if period.end != latest:
        st.info(t("pilots.eval.latest_only", latest=quarter_label(latest)))
    if picked:
        st.caption(t("pilots.all_districts"))
    if (asked := links.asked("comparison", pilot_evaluation.COMPARISONS)) is not None:
        st.session_state["pilot_comparison"] = asked
    links.notice()
    comparison = st.radio(
        t("pilots.eval.comparison"),
        pilot_evaluation.COMPARISONS,
        format_func=lambda c: t(pilot_evaluation.COMPARISON_NAMES[c], lang),  # lang fixed: it may run outside the run
        horizontal=True,
        key="pilot_comparison",
    )
    links.show("comparison", comparison)
    tables = load_evaluation(page.path, page.version, latest, comparison)
    pilot_evaluation.summary(tables["pilot_evaluation"], lang)
    st.dataframe(pilot_evaluation.evaluation_table(tables["pilot_evaluation"], lang), hide_index=True, width="stretch")
    st.markdown("**" + t("pilots.eval.event") + "**")
    st.caption(t("pilots.eval.event_caption"))
    charts.show(
        ("pilot-events", page.version, latest, comparison, lang),
        lambda: pilot_evaluation.event_chart(tables["pilot_event_study"], lang),
    )
    main = tables["pilot_evaluation"].set_index("outcome").loc["reported"]
    st.markdown("**" + t("pilots.eval.compared") + "**")
    st.caption(t("pilots.eval.compared_caption", spillover=number(main["spillover_m"], 0)))
    compared = sidebar.filter_districts(tables["pilot_compared"])
    st.dataframe(pilot_evaluation.compared_table(compared, lang), hide_index=True, width="stretch")
st.warning(t("pilots.caveat") if page.meta.synthetic else t("pilots.caveat_real"), icon=":material/info:")

# --- Each pilot -----------------------------------------------------------------
st.subheader(t("pilots.table"))
st.caption(t("pilots.table_caption", end=end_label, top=top, below=top + 1))
rows = sidebar.filter_districts(load_table(page.path, page.version, period.end))
table = pilot_table(rows, lang)
st.dataframe(table, hide_index=True, width="stretch")
if notes_left_out(rows, lang):
    st.caption(t("pilots.note_language"))
st.download_button(
    t("pilots.download"),
    csv_bytes(table),
    file_name=f"pilots_{period.end}{'_' + '-'.join(picked) if picked else ''}.csv",
    mime="text/csv",
)
